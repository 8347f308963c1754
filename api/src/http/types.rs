//! Wire types shared by several areas of the API.
use poem_openapi::Enum;

use crate::domain::roles::{AllocationRole, Role};

/// A role someone holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Enum)]
#[oai(rename_all = "snake_case")]
pub enum RoleName {
    Admin,
    Pa,
    SocialWorker,
    Iro,
    Manager,
    PrivateFosteringOfficer,
    HousingOfficer,
    YoungPerson,
}

impl From<Role> for RoleName {
    fn from(role: Role) -> Self {
        match role {
            Role::Admin => RoleName::Admin,
            Role::PersonalAdviser => RoleName::Pa,
            Role::SocialWorker => RoleName::SocialWorker,
            Role::Iro => RoleName::Iro,
            Role::Manager => RoleName::Manager,
            Role::PrivateFosteringOfficer => RoleName::PrivateFosteringOfficer,
            Role::HousingOfficer => RoleName::HousingOfficer,
            Role::YoungPerson => RoleName::YoungPerson,
        }
    }
}

impl From<RoleName> for Role {
    fn from(role: RoleName) -> Self {
        match role {
            RoleName::Admin => Role::Admin,
            RoleName::Pa => Role::PersonalAdviser,
            RoleName::SocialWorker => Role::SocialWorker,
            RoleName::Iro => Role::Iro,
            RoleName::Manager => Role::Manager,
            RoleName::PrivateFosteringOfficer => Role::PrivateFosteringOfficer,
            RoleName::HousingOfficer => Role::HousingOfficer,
            RoleName::YoungPerson => Role::YoungPerson,
        }
    }
}

/// How a member of staff is allocated to a young person.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Enum)]
#[oai(rename_all = "snake_case")]
pub enum AllocationRoleName {
    Pa,
    SocialWorker,
    Iro,
}

impl From<AllocationRole> for AllocationRoleName {
    fn from(role: AllocationRole) -> Self {
        match role {
            AllocationRole::PersonalAdviser => AllocationRoleName::Pa,
            AllocationRole::SocialWorker => AllocationRoleName::SocialWorker,
            AllocationRole::Iro => AllocationRoleName::Iro,
        }
    }
}

impl From<AllocationRoleName> for AllocationRole {
    fn from(role: AllocationRoleName) -> Self {
        match role {
            AllocationRoleName::Pa => AllocationRole::PersonalAdviser,
            AllocationRoleName::SocialWorker => AllocationRole::SocialWorker,
            AllocationRoleName::Iro => AllocationRole::Iro,
        }
    }
}

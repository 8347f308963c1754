//! The roles people hold, in the words children's services use.
use std::fmt;

/// What someone does in the service. A role grants kinds of action; an allocation grants
/// which young people's records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Role {
    Admin,
    PersonalAdviser,
    SocialWorker,
    Iro,
    Manager,
    PrivateFosteringOfficer,
    HousingOfficer,
    YoungPerson,
}

impl Role {
    pub const ALL: [Role; 8] = [
        Role::Admin,
        Role::PersonalAdviser,
        Role::SocialWorker,
        Role::Iro,
        Role::Manager,
        Role::PrivateFosteringOfficer,
        Role::HousingOfficer,
        Role::YoungPerson,
    ];

    /// The stored and wire name.
    pub fn code(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::PersonalAdviser => "pa",
            Role::SocialWorker => "social_worker",
            Role::Iro => "iro",
            Role::Manager => "manager",
            Role::PrivateFosteringOfficer => "private_fostering_officer",
            Role::HousingOfficer => "housing_officer",
            Role::YoungPerson => "young_person",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|role| role.code() == code)
    }

    /// How the role is named to a young person reading who looked at their record.
    pub fn title(self) -> &'static str {
        match self {
            Role::Admin => "Council administrator",
            Role::PersonalAdviser => "Personal adviser",
            Role::SocialWorker => "Social worker",
            Role::Iro => "Independent reviewing officer",
            Role::Manager => "Manager",
            Role::PrivateFosteringOfficer => "Private fostering officer",
            Role::HousingOfficer => "Housing officer",
            Role::YoungPerson => "Young person",
        }
    }

    pub fn is_staff(self) -> bool {
        self != Role::YoungPerson
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// The ways a staff member can be allocated to a young person.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AllocationRole {
    PersonalAdviser,
    SocialWorker,
    Iro,
}

impl AllocationRole {
    pub const ALL: [AllocationRole; 3] = [
        AllocationRole::PersonalAdviser,
        AllocationRole::SocialWorker,
        AllocationRole::Iro,
    ];

    pub fn code(self) -> &'static str {
        self.staff_role().code()
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|role| role.code() == code)
    }

    /// The staff role someone must hold to be allocated this way.
    pub fn staff_role(self) -> Role {
        match self {
            AllocationRole::PersonalAdviser => Role::PersonalAdviser,
            AllocationRole::SocialWorker => Role::SocialWorker,
            AllocationRole::Iro => Role::Iro,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_role_round_trips_through_its_code() {
        for role in Role::ALL {
            assert_eq!(Role::from_code(role.code()), Some(role));
        }
        assert_eq!(Role::from_code("superuser"), None);
    }

    #[test]
    fn allocation_roles_are_held_by_the_matching_staff_role() {
        for role in AllocationRole::ALL {
            assert_eq!(AllocationRole::from_code(role.code()), Some(role));
            assert_eq!(role.staff_role().code(), role.code());
        }
    }
}

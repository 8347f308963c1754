//! Who read which private fostering case. A privately fostered child is not looked after, so
//! they have no record of their own here; their case's reads are kept against the arrangement,
//! written before the data is returned, like every other read of a child's details.
use entity::pf_access_log_entry;
use sea_orm::{EntityTrait, Set};
use uuid::Uuid;

use crate::{
    AppState,
    domain::{
        access::{self, Action, Decision},
        roles::Role,
    },
    error::{Error, Result},
    service::Caller,
};

/// How a case was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CaseRead {
    /// The child's and carer's names, in the list of arrangements.
    Listed,
    /// The whole case: what we were told, visits and checks.
    Case,
}

impl CaseRead {
    pub fn code(self) -> &'static str {
        match self {
            CaseRead::Listed => "listed",
            CaseRead::Case => "case",
        }
    }
}

/// The role in which the caller may read private fostering cases.
pub(super) fn reading_role(caller: &Caller) -> Result<Role> {
    match access::decide(&caller.actor, Action::ReadPrivateFostering, None) {
        Decision::Allowed(role) => Ok(role),
        _ => Err(Error::Forbidden),
    }
}

/// Write one entry per arrangement read, in one insert.
pub(super) async fn record(
    state: &AppState,
    caller: &Caller,
    role: Role,
    arrangement_ids: &[Uuid],
    read: CaseRead,
) -> Result<()> {
    if arrangement_ids.is_empty() {
        return Ok(());
    }
    let now = state.clock.now();
    pf_access_log_entry::Entity::insert_many(arrangement_ids.iter().map(|id| {
        pf_access_log_entry::ActiveModel {
            id: Set(Uuid::new_v4()),
            arrangement_id: Set(*id),
            actor_user_id: Set(caller.actor.user_id),
            actor_role: Set(role.code().to_owned()),
            action: Set(read.code().to_owned()),
            occurred_at: Set(now),
            request_id: Set(Some(caller.request_id.clone())),
        }
    }))
    .exec(&state.db)
    .await?;
    Ok(())
}

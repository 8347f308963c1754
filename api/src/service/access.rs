//! The gate every use of a young person's record passes: gather the facts the access policy
//! needs, ask it, and log the read.
use chrono::NaiveDate;
use entity::{staff_allocation, young_person};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect, QueryTrait,
    sea_query::SelectStatement,
};
use uuid::Uuid;

use crate::{
    AppState,
    domain::{
        access::{self, Action, Decision, RecordFacts},
        roles::{AllocationRole, Role},
    },
    error::{Error, Result},
};

use super::{
    Caller,
    access_log::{self, ReadKind},
};

/// Allocations in force on `today`: started, and not yet ended.
pub fn current_on(today: NaiveDate) -> Condition {
    Condition::all()
        .add(staff_allocation::Column::StartedOn.lte(today))
        .add(
            Condition::any()
                .add(staff_allocation::Column::EndedOn.is_null())
                .add(staff_allocation::Column::EndedOn.gt(today)),
        )
}

/// The ids of the young people allocated to a member of staff on `today`, in any of these
/// ways: the subquery behind every "the children I hold" list.
pub fn allocated_to(
    staff_user_id: Uuid,
    allocations: &[AllocationRole],
    today: NaiveDate,
) -> SelectStatement {
    let codes: Vec<&str> = allocations.iter().map(|a| a.code()).collect();
    staff_allocation::Entity::find()
        .select_only()
        .column(staff_allocation::Column::YoungPersonId)
        .filter(staff_allocation::Column::StaffUserId.eq(staff_user_id))
        .filter(staff_allocation::Column::Role.is_in(codes))
        .filter(current_on(today))
        .into_query()
}

/// May the caller do `action` to this young person's record? Returns the record and the
/// role that allowed it, or the policy's refusal as an error.
pub async fn authorise(
    db: &impl ConnectionTrait,
    caller: &Caller,
    young_person_id: Uuid,
    action: Action,
    today: NaiveDate,
) -> Result<(young_person::Model, Role)> {
    let record = young_person::Entity::find_by_id(young_person_id)
        .one(db)
        .await?;
    let Some(record) = record else {
        // Someone whose role could never do this is told so, whether or not the record exists.
        return Err(if access::holds_grant(&caller.actor, action) {
            Error::NotFound
        } else {
            Error::Forbidden
        });
    };
    let actor_allocations = if access::depends_on_allocations(&caller.actor, action) {
        staff_allocation::Entity::find()
            .filter(staff_allocation::Column::YoungPersonId.eq(young_person_id))
            .filter(staff_allocation::Column::StaffUserId.eq(caller.actor.user_id))
            .filter(current_on(today))
            .all(db)
            .await?
            .iter()
            .filter_map(|row| AllocationRole::from_code(&row.role))
            .collect()
    } else {
        Vec::new()
    };
    let facts = RecordFacts {
        young_person_id,
        authority_id: record.authority_id,
        actor_allocations,
    };
    match access::decide(&caller.actor, action, Some(&facts)) {
        Decision::Allowed(role) => Ok((record, role)),
        Decision::Forbidden => Err(Error::Forbidden),
        Decision::NotFound => Err(Error::NotFound),
    }
}

/// `authorise`, then write the read to the young person's access log.
pub async fn authorise_read(
    state: &AppState,
    caller: &Caller,
    young_person_id: Uuid,
    action: Action,
    read: ReadKind,
    today: NaiveDate,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<young_person::Model> {
    let (record, role) = authorise(&state.db, caller, young_person_id, action, today).await?;
    access_log::record(&state.access_log, caller, &[(record.id, role)], read, now).await?;
    Ok(record)
}

//! Allocations: which PA, social worker and IRO hold a young person. A young person has at
//! most one of each at a time; allocating a new one ends the previous allocation.
use chrono::NaiveDate;
use entity::{staff_allocation, user};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, Set, TransactionTrait,
    sea_query::Expr,
};
use uuid::Uuid;

use crate::{
    AppState,
    domain::{access::Action, roles::AllocationRole},
    error::{Error, Result},
};

use super::{
    Caller,
    access::{authorise, authorise_read, current_on},
    access_log::ReadKind,
    accounts,
};

#[derive(Debug, Clone)]
pub struct Allocation {
    pub id: Uuid,
    pub staff_user_id: Uuid,
    pub staff_name: String,
    pub staff_email: String,
    pub role: AllocationRole,
    pub started_on: NaiveDate,
    pub ended_on: Option<NaiveDate>,
}

#[derive(Debug, Clone)]
pub struct NewAllocation {
    pub staff_user_id: Uuid,
    pub role: AllocationRole,
    pub started_on: Option<NaiveDate>,
}

#[tracing::instrument(skip(state, caller))]
pub async fn allocate(
    state: &AppState,
    caller: &Caller,
    young_person_id: Uuid,
    new: NewAllocation,
) -> Result<Allocation> {
    let today = state.clock.today();
    let (record, _) = authorise(
        &state.db,
        caller,
        young_person_id,
        Action::ManageAllocations,
        today,
    )
    .await?;
    let started_on = new.started_on.unwrap_or(today);
    if started_on < record.date_of_birth {
        return Err(Error::invalid(
            "started_on",
            "The allocation cannot start before the young person was born",
        ));
    }
    let staff = accounts::active_account(&state.db, new.staff_user_id)
        .await?
        .filter(|staff| staff.authority_id == record.authority_id)
        .filter(|staff| staff.roles.contains(&new.role.staff_role()));
    let Some(staff) = staff else {
        return Err(Error::invalid(
            "staff_user_id",
            format!(
                "Choose an active member of staff who works as a {}",
                new.role.staff_role().title().to_lowercase()
            ),
        ));
    };

    let txn = state.db.begin().await?;
    let current = staff_allocation::Entity::find()
        .filter(staff_allocation::Column::YoungPersonId.eq(young_person_id))
        .filter(staff_allocation::Column::Role.eq(new.role.code()))
        .filter(current_on(started_on))
        .all(&txn)
        .await?;
    if current.iter().any(|a| a.staff_user_id == staff.id) {
        return Err(Error::Conflict(format!(
            "{} is already this young person's {}",
            staff.name,
            new.role.staff_role().title().to_lowercase()
        )));
    }
    // The previous holder's allocation ends the day the new one starts.
    staff_allocation::Entity::update_many()
        .col_expr(staff_allocation::Column::EndedOn, Expr::value(started_on))
        .filter(staff_allocation::Column::Id.is_in(current.iter().map(|a| a.id)))
        .exec(&txn)
        .await?;
    let row = staff_allocation::ActiveModel {
        id: Set(Uuid::new_v4()),
        young_person_id: Set(young_person_id),
        staff_user_id: Set(staff.id),
        role: Set(new.role.code().to_owned()),
        started_on: Set(started_on),
        ended_on: Set(None),
        created_at: Set(state.clock.now()),
    }
    .insert(&txn)
    .await?;
    txn.commit().await?;
    tracing::info!(allocation_id = %row.id, role = new.role.code(), "staff allocated");
    Ok(Allocation {
        id: row.id,
        staff_user_id: staff.id,
        staff_name: staff.name,
        staff_email: staff.email,
        role: new.role,
        started_on,
        ended_on: None,
    })
}

/// Everyone who has held this young person, current first, then most recent.
#[tracing::instrument(skip(state, caller))]
pub async fn list(
    state: &AppState,
    caller: &Caller,
    young_person_id: Uuid,
) -> Result<Vec<Allocation>> {
    authorise_read(
        state,
        caller,
        young_person_id,
        Action::ReadAllocations,
        ReadKind::Allocations,
        state.clock.today(),
        state.clock.now(),
    )
    .await?;
    let rows = staff_allocation::Entity::find()
        .filter(staff_allocation::Column::YoungPersonId.eq(young_person_id))
        .order_by_desc(staff_allocation::Column::StartedOn)
        .order_by_asc(staff_allocation::Column::Id)
        .all(&state.db)
        .await?;
    let staff = user::Entity::find()
        .filter(user::Column::Id.is_in(rows.iter().map(|r| r.staff_user_id)))
        .all(&state.db)
        .await?;
    let mut allocations: Vec<Allocation> = rows
        .into_iter()
        .filter_map(|row| {
            let member = staff.iter().find(|u| u.id == row.staff_user_id)?;
            Some(Allocation {
                id: row.id,
                staff_user_id: row.staff_user_id,
                staff_name: member.name.clone(),
                staff_email: member.email.clone(),
                role: AllocationRole::from_code(&row.role)?,
                started_on: row.started_on,
                ended_on: row.ended_on,
            })
        })
        .collect();
    allocations.sort_by_key(|a| a.ended_on.is_some());
    Ok(allocations)
}

/// End an allocation today. Ending one that has already ended changes nothing.
#[tracing::instrument(skip(state, caller))]
pub async fn end(
    state: &AppState,
    caller: &Caller,
    young_person_id: Uuid,
    allocation_id: Uuid,
) -> Result<()> {
    let today = state.clock.today();
    authorise(
        &state.db,
        caller,
        young_person_id,
        Action::ManageAllocations,
        today,
    )
    .await?;
    let allocation = staff_allocation::Entity::find_by_id(allocation_id)
        .one(&state.db)
        .await?
        .filter(|a| a.young_person_id == young_person_id)
        .ok_or(Error::NotFound)?;
    if allocation.ended_on.is_none_or(|ended| ended > today) {
        let ended_on = today.max(allocation.started_on);
        let mut row: staff_allocation::ActiveModel = allocation.into();
        row.ended_on = Set(Some(ended_on));
        row.update(&state.db).await?;
    }
    Ok(())
}

//! Who supports a young person and how to reach them, including the council's out-of-hours
//! number; and the personal adviser's log of keeping in touch.
use chrono::NaiveDate;
use entity::{authority, pa_contact, staff_allocation, user};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, Set, TransactionTrait,
};
use uuid::Uuid;

use super::{
    Caller,
    access::{authorise, authorise_read, current_on},
    access_log::ReadKind,
    accounts, obligations,
};
use crate::{
    AppState,
    domain::{
        access::Action,
        contacts::{Contact, ContactMethod, check_contact},
        roles::{AllocationRole, Role},
    },
    error::{Error, Result},
};

/// A worker as the young person reaches them.
#[derive(Debug, Clone)]
pub struct Supporter {
    pub role: AllocationRole,
    pub name: String,
    pub email: String,
    pub phone: Option<String>,
    pub working_hours: Option<String>,
    pub since: NaiveDate,
}

#[derive(Debug, Clone)]
pub struct Supporters {
    /// PA, social worker and IRO, as allocated today.
    pub workers: Vec<Supporter>,
    /// The council's number for when the office is shut.
    pub out_of_hours_phone: Option<String>,
}

/// Who supports the young person today, and the out-of-hours number.
#[tracing::instrument(skip(state, caller))]
pub async fn supporters(
    state: &AppState,
    caller: &Caller,
    young_person_id: Uuid,
) -> Result<Supporters> {
    let person = authorise_read(
        state,
        caller,
        young_person_id,
        Action::ReadAllocations,
        ReadKind::Allocations,
        state.clock.today(),
        state.clock.now(),
    )
    .await?;
    let allocations = staff_allocation::Entity::find()
        .filter(staff_allocation::Column::YoungPersonId.eq(person.id))
        .filter(current_on(state.clock.today()))
        .all(&state.db)
        .await?;
    let staff = user::Entity::find()
        .filter(user::Column::Id.is_in(allocations.iter().map(|a| a.staff_user_id)))
        .all(&state.db)
        .await?;
    let mut workers: Vec<Supporter> = allocations
        .iter()
        .filter_map(|a| {
            let member = staff.iter().find(|u| u.id == a.staff_user_id)?;
            Some(Supporter {
                role: AllocationRole::from_code(&a.role)?,
                name: member.name.clone(),
                email: member.email.clone(),
                phone: member.phone.clone(),
                working_hours: member.working_hours.clone(),
                since: a.started_on,
            })
        })
        .collect();
    workers.sort_by_key(|w| AllocationRole::ALL.iter().position(|r| *r == w.role));
    let out_of_hours_phone = authority::Entity::find_by_id(person.authority_id)
        .one(&state.db)
        .await?
        .and_then(|a| a.out_of_hours_phone);
    Ok(Supporters {
        workers,
        out_of_hours_phone,
    })
}

/// The out-of-hours number of the caller's own council: no young person's record is read.
pub async fn out_of_hours_phone(state: &AppState, caller: &Caller) -> Result<Option<String>> {
    Ok(authority::Entity::find_by_id(caller.actor.authority_id)
        .one(&state.db)
        .await?
        .and_then(|a| a.out_of_hours_phone))
}

/// A contact as the reader may see it: the young person sees when and how, not the notes.
#[derive(Debug, Clone)]
pub struct ContactRecord {
    pub id: Uuid,
    pub contact_on: NaiveDate,
    pub method: ContactMethod,
    pub by: String,
    /// `None` for the young person.
    pub notes: Option<ContactNotes>,
}

#[derive(Debug, Clone)]
pub struct ContactNotes {
    pub seen_alone: Option<bool>,
    pub place: Option<String>,
    pub summary: String,
}

/// The personal adviser's contacts with the young person, newest first.
#[tracing::instrument(skip(state, caller))]
pub async fn contact_log(
    state: &AppState,
    caller: &Caller,
    young_person_id: Uuid,
) -> Result<Vec<ContactRecord>> {
    let person = authorise_read(
        state,
        caller,
        young_person_id,
        Action::ReadContactLog,
        ReadKind::ContactLog,
        state.clock.today(),
        state.clock.now(),
    )
    .await?;
    let own = caller.actor.roles.contains(&Role::YoungPerson);
    let rows = pa_contact::Entity::find()
        .filter(pa_contact::Column::YoungPersonId.eq(person.id))
        .order_by_desc(pa_contact::Column::ContactOn)
        .order_by_desc(pa_contact::Column::RecordedAt)
        .all(&state.db)
        .await?;
    let names = accounts::names(&state.db, rows.iter().map(|r| r.staff_user_id)).await?;
    Ok(rows
        .into_iter()
        .filter_map(|row| {
            Some(ContactRecord {
                id: row.id,
                contact_on: row.contact_on,
                method: ContactMethod::from_code(&row.method)?,
                by: names.of(row.staff_user_id),
                notes: (!own).then_some(ContactNotes {
                    seen_alone: row.seen_alone,
                    place: row.place,
                    summary: row.summary,
                }),
            })
        })
        .collect())
}

/// Record a contact; the next one falls due from it.
#[tracing::instrument(skip(state, caller, contact))]
pub async fn log_contact(
    state: &AppState,
    caller: &Caller,
    young_person_id: Uuid,
    contact: &Contact,
) -> Result<Uuid> {
    let today = state.clock.today();
    let now = state.clock.now();
    let (person, _) = authorise(
        &state.db,
        caller,
        young_person_id,
        Action::LogContact,
        today,
    )
    .await?;
    check_contact(contact, person.date_of_birth, today).map_err(Error::Invalid)?;
    let id = Uuid::new_v4();
    let txn = state.db.begin().await?;
    pa_contact::ActiveModel {
        id: Set(id),
        young_person_id: Set(person.id),
        staff_user_id: Set(caller.actor.user_id),
        contact_on: Set(contact.contact_on),
        method: Set(contact.method.code().to_owned()),
        seen_alone: Set(contact.seen_alone),
        place: Set(contact
            .place
            .as_deref()
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .map(str::to_owned)),
        summary: Set(contact.summary.trim().to_owned()),
        recorded_at: Set(now),
    }
    .insert(&txn)
    .await?;
    obligations::refresh(&txn, &person, &state.standards, today, now).await?;
    txn.commit().await?;
    Ok(id)
}

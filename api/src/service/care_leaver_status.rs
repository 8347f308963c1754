//! A young person's care-leaver status on a date: computed from their date of birth and
//! periods of care, unless a professional has recorded it, with a reason, in its place.
use chrono::{DateTime, NaiveDate, Utc};
use entity::{care_episode, care_leaver_status, young_person};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
};
use uuid::Uuid;

use super::{
    Caller,
    access::{authorise, authorise_read},
    access_log::ReadKind,
    accounts,
};
use crate::{
    AppState,
    domain::{
        access::Action,
        calendar::date_in_england,
        care_leaver::{self, Category},
        obligations::Span,
    },
    error::{Error, Result},
};

/// A status recorded in place of the computed one.
#[derive(Debug, Clone)]
pub struct Recorded {
    pub category: Category,
    pub reason: String,
    pub recorded_by: String,
    pub recorded_at: DateTime<Utc>,
}

#[derive(Debug, Clone)]
pub struct CareLeaverStatus {
    pub as_of: NaiveDate,
    /// The status in force: the recorded one if there is one, else the computed one.
    pub category: Category,
    pub computed: Category,
    pub recorded: Option<Recorded>,
}

/// The status on `as_of` (today if none), with what it was worked out from. A status recorded
/// after `as_of` is not yet known then.
#[tracing::instrument(skip(state, caller))]
pub async fn on(
    state: &AppState,
    caller: &Caller,
    young_person_id: Uuid,
    as_of: Option<NaiveDate>,
) -> Result<CareLeaverStatus> {
    let person = authorise_read(
        state,
        caller,
        young_person_id,
        Action::ReadYoungPerson,
        ReadKind::CareLeaverStatus,
        state.clock.today(),
        state.clock.now(),
    )
    .await?;
    status_of(
        &state.db,
        &person,
        as_of.unwrap_or_else(|| state.clock.today()),
    )
    .await
}

/// The status of someone the caller has already been allowed to see.
pub async fn status_of(
    db: &impl ConnectionTrait,
    person: &young_person::Model,
    as_of: NaiveDate,
) -> Result<CareLeaverStatus> {
    let periods: Vec<Span> = care_episode::Entity::find()
        .filter(care_episode::Column::YoungPersonId.eq(person.id))
        .all(db)
        .await?
        .iter()
        .map(|p| Span {
            started_on: p.started_on,
            ended_on: p.ended_on,
        })
        .collect();
    let latest = care_leaver_status::Entity::find()
        .filter(care_leaver_status::Column::YoungPersonId.eq(person.id))
        .order_by_desc(care_leaver_status::Column::RecordedAt)
        .all(db)
        .await?
        .into_iter()
        .find(|row| date_in_england(row.recorded_at) <= as_of);
    let recorded = match latest {
        Some(row) => match row.category.as_deref().and_then(Category::from_code) {
            Some(category) => Some(Recorded {
                category,
                reason: row.reason,
                recorded_by: accounts::names(db, [row.recorded_by])
                    .await?
                    .of(row.recorded_by),
                recorded_at: row.recorded_at,
            }),
            None => None,
        },
        None => None,
    };
    let computed = care_leaver::category(person.date_of_birth, &periods, as_of);
    let category = care_leaver::status(computed, recorded.as_ref().map(|r| r.category));
    Ok(CareLeaverStatus {
        as_of,
        category,
        computed,
        recorded,
    })
}

/// Record a status in place of the computed one, or (with `None`) go back to the computed
/// one; either way with the reason, kept with who recorded it.
#[tracing::instrument(skip(state, caller, reason))]
pub async fn record(
    state: &AppState,
    caller: &Caller,
    young_person_id: Uuid,
    category: Option<Category>,
    reason: &str,
) -> Result<()> {
    let (person, _) = authorise(
        &state.db,
        caller,
        young_person_id,
        Action::RecordCareLeaverStatus,
        state.clock.today(),
    )
    .await?;
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(Error::invalid(
            "reason",
            "Say why: for example, a special guardianship order made when they left care",
        ));
    }
    care_leaver_status::ActiveModel {
        id: Set(Uuid::new_v4()),
        young_person_id: Set(person.id),
        category: Set(category.map(|c| c.code().to_owned())),
        reason: Set(reason.to_owned()),
        recorded_by: Set(caller.actor.user_id),
        recorded_at: Set(state.clock.now()),
    }
    .insert(&state.db)
    .await?;
    Ok(())
}

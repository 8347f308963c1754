//! A young person's care-leaver status on a date: computed from their date of birth and
//! periods of care, unless a professional has recorded it, with a reason, in its place.
use chrono::{DateTime, NaiveDate, Utc};
use entity::{care_leaver_status, young_person};
use sea_orm::{ActiveModelTrait, ConnectionTrait, Set};
use uuid::Uuid;

use super::{
    Caller,
    access::{authorise, authorise_read},
    access_log::ReadKind,
    accounts,
    entitlement_facts::{self, Facts},
};
use crate::{
    AppState,
    domain::{
        access::Action,
        calendar::date_in_england,
        care_leaver::{self, Category},
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
    let facts = entitlement_facts::of(state, &person).await?;
    status_from(
        &state.db,
        &person,
        &facts,
        as_of.unwrap_or_else(|| state.clock.today()),
    )
    .await
}

/// The status of someone the caller has already been allowed to see, from what it is worked
/// out from.
async fn status_from(
    db: &impl ConnectionTrait,
    person: &young_person::Model,
    facts: &Facts,
    as_of: NaiveDate,
) -> Result<CareLeaverStatus> {
    let recorded = match in_force(&facts.statuses, as_of) {
        Some((row, category)) => Some(Recorded {
            category,
            reason: row.reason.clone(),
            recorded_by: accounts::names(db, [row.recorded_by])
                .await?
                .of(row.recorded_by),
            recorded_at: row.recorded_at,
        }),
        None => None,
    };
    let computed = care_leaver::category(person.date_of_birth, &facts.periods_of_care, as_of);
    Ok(CareLeaverStatus {
        as_of,
        category: care_leaver::status(computed, recorded.as_ref().map(|r| r.category)),
        computed,
        recorded,
    })
}

/// The recorded status in force on `as_of`, from a young person's recorded statuses newest
/// first: the latest recorded by then, unless that one went back to the computed status.
pub(crate) fn in_force(
    rows: &[care_leaver_status::Model],
    as_of: NaiveDate,
) -> Option<(&care_leaver_status::Model, Category)> {
    let latest = rows
        .iter()
        .find(|row| date_in_england(row.recorded_at) <= as_of)?;
    let category = Category::from_code(latest.category.as_deref()?)?;
    Some((latest, category))
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

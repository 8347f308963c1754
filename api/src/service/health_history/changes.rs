//! Adding to and correcting a health history. Each change is checked first (so the portal can
//! show "Check your answers" only for answers that will save), then written as a new version
//! with the child's deadlines brought up to date in the same transaction.
use entity::{health_detail, health_entry, young_person};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, TransactionTrait, sea_query::Expr,
};
use uuid::Uuid;

use super::rows::{self, NewVersion, Recorded};
use crate::{
    AppState,
    domain::{
        access::Action,
        health::{EntryText, HealthDetails, check_correction_reason},
        validation::FieldErrors,
    },
    error::{Error, Result},
    service::{Caller, access::authorise, obligations},
};

/// A new entry, or a correction of an existing one with the reason for it.
#[derive(Debug, Clone)]
pub enum EntryChange {
    New,
    Correction { entry_id: Uuid, reason: String },
}

struct Prepared {
    person: young_person::Model,
    /// The version a correction replaces.
    replaces: Option<health_entry::Model>,
    reason: Option<String>,
}

async fn prepare(
    state: &AppState,
    caller: &Caller,
    young_person_id: Uuid,
    text: &EntryText,
    change: &EntryChange,
) -> Result<Prepared> {
    let today = state.clock.today();
    let (person, _) = authorise(
        &state.db,
        caller,
        young_person_id,
        Action::RecordHealth,
        today,
    )
    .await?;
    let mut errors = FieldErrors::new();
    if let Err(more) = text.details.check(person.date_of_birth, today) {
        errors.merge(more);
    }
    let (replaces, reason) = match change {
        EntryChange::New => (None, None),
        EntryChange::Correction { entry_id, reason } => {
            let current = health_entry::Entity::find()
                .filter(health_entry::Column::EntryId.eq(*entry_id))
                .filter(health_entry::Column::YoungPersonId.eq(person.id))
                .filter(health_entry::Column::ReplacedAt.is_null())
                .one(&state.db)
                .await?
                .ok_or(Error::NotFound)?;
            // A correction stays the same kind of record: an immunisation cannot become a
            // hospital stay.
            let same_record = rows::entry_text(&current)
                .is_some_and(|was| was.details.kind().is_same_record_as(text.details.kind()));
            if !same_record {
                return Err(Error::NotFound);
            }
            let reason = match check_correction_reason(reason) {
                Ok(reason) => Some(reason),
                Err(more) => {
                    errors.merge(more);
                    None
                }
            };
            (Some(current), reason)
        }
    };
    if !errors.is_empty() {
        return Err(Error::Invalid(errors));
    }
    Ok(Prepared {
        person,
        replaces,
        reason,
    })
}

/// Would this change save? The same checks as `save_entry`, without saving.
#[tracing::instrument(skip(state, caller, text))]
pub async fn check_entry(
    state: &AppState,
    caller: &Caller,
    young_person_id: Uuid,
    text: &EntryText,
    change: &EntryChange,
) -> Result<()> {
    prepare(state, caller, young_person_id, text, change)
        .await
        .map(|_| ())
}

/// Save a new entry or a correction; returns the entry's id and its version number.
#[tracing::instrument(skip(state, caller, text))]
pub async fn save_entry(
    state: &AppState,
    caller: &Caller,
    young_person_id: Uuid,
    text: &EntryText,
    change: &EntryChange,
) -> Result<(Uuid, i32)> {
    let prepared = prepare(state, caller, young_person_id, text, change).await?;
    let now = state.clock.now();
    let txn = state.db.begin().await?;
    let (entry_id, version) = match &prepared.replaces {
        None => (Uuid::new_v4(), 1),
        Some(current) => {
            // Only if nobody else has corrected it since it was read: never two current
            // versions, never a correction of a correction its author did not see.
            let replaced = health_entry::Entity::update_many()
                .col_expr(health_entry::Column::ReplacedAt, Expr::value(now))
                .filter(health_entry::Column::Id.eq(current.id))
                .filter(health_entry::Column::ReplacedAt.is_null())
                .exec(&txn)
                .await?;
            if replaced.rows_affected != 1 {
                return Err(Error::Conflict(
                    "Someone else corrected this entry at the same time. Look at it again, then make your correction."
                        .into(),
                ));
            }
            (current.entry_id, current.version + 1)
        }
    };
    rows::entry_row(NewVersion {
        entry_id,
        version,
        young_person_id: prepared.person.id,
        text,
        correction_reason: prepared.reason.as_deref(),
        recorded: Recorded {
            by: caller.actor.user_id,
            at: now,
        },
    })
    .insert(&txn)
    .await?;
    obligations::refresh(
        &txn,
        &prepared.person,
        &state.standards,
        state.clock.today(),
        now,
    )
    .await?;
    txn.commit().await?;
    Ok((entry_id, version))
}

/// May the caller change this young person's NHS number, GP and dentist?
#[tracing::instrument(skip(state, caller))]
pub async fn check_details(state: &AppState, caller: &Caller, young_person_id: Uuid) -> Result<()> {
    authorise(
        &state.db,
        caller,
        young_person_id,
        Action::RecordHealth,
        state.clock.today(),
    )
    .await
    .map(|_| ())
}

/// Record the NHS number, GP practice and dentist; the details before stay in the history.
#[tracing::instrument(skip(state, caller, details, change_reason))]
pub async fn save_details(
    state: &AppState,
    caller: &Caller,
    young_person_id: Uuid,
    details: &HealthDetails,
    change_reason: Option<&str>,
) -> Result<()> {
    let (person, _) = authorise(
        &state.db,
        caller,
        young_person_id,
        Action::RecordHealth,
        state.clock.today(),
    )
    .await?;
    let now = state.clock.now();
    let txn = state.db.begin().await?;
    health_detail::Entity::update_many()
        .col_expr(health_detail::Column::ReplacedAt, Expr::value(now))
        .filter(health_detail::Column::YoungPersonId.eq(person.id))
        .filter(health_detail::Column::ReplacedAt.is_null())
        .exec(&txn)
        .await?;
    rows::details_row(
        person.id,
        details,
        change_reason.map(str::trim).filter(|r| !r.is_empty()),
        Recorded {
            by: caller.actor.user_id,
            at: now,
        },
    )
    .insert(&txn)
    .await?;
    txn.commit().await?;
    Ok(())
}

//! Answers waiting on "Check your answers": saved between the form and the confirmation so
//! that every step is POST → redirect → GET, and only ever shown to the person who gave them.
use std::collections::BTreeMap;

use chrono::Duration;
use entity::form_draft;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};
use uuid::Uuid;

use super::Caller;
use crate::{
    AppState,
    error::{Error, Result},
};

/// After this, a draft nobody confirmed is removed: a day is enough to finish one form.
pub const KEPT_FOR_HOURS: i64 = 24;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Draft {
    pub id: Uuid,
    pub young_person_id: Uuid,
    pub form: String,
    pub entry_id: Option<Uuid>,
    pub answers: BTreeMap<String, String>,
}

/// Keep these answers for the caller; removes their stale drafts at the same time.
#[tracing::instrument(skip(state, caller, answers))]
pub async fn save(
    state: &AppState,
    caller: &Caller,
    young_person_id: Uuid,
    form: &str,
    entry_id: Option<Uuid>,
    answers: &BTreeMap<String, String>,
) -> Result<Uuid> {
    let now = state.clock.now();
    remove_stale(&state.db, now).await?;
    let id = Uuid::new_v4();
    form_draft::ActiveModel {
        id: Set(id),
        user_id: Set(caller.actor.user_id),
        young_person_id: Set(young_person_id),
        form: Set(form.to_owned()),
        entry_id: Set(entry_id),
        answers: Set(serde_json::to_string(answers).map_err(anyhow::Error::from)?),
        created_at: Set(now),
    }
    .insert(&state.db)
    .await?;
    Ok(id)
}

/// The caller's own draft, if it is still kept; anyone else's is not found.
pub async fn load(state: &AppState, caller: &Caller, id: Uuid) -> Result<Draft> {
    let oldest = state.clock.now() - Duration::hours(KEPT_FOR_HOURS);
    let row = form_draft::Entity::find_by_id(id)
        .filter(form_draft::Column::UserId.eq(caller.actor.user_id))
        .filter(form_draft::Column::CreatedAt.gt(oldest))
        .one(&state.db)
        .await?
        .ok_or(Error::NotFound)?;
    Ok(Draft {
        id: row.id,
        young_person_id: row.young_person_id,
        form: row.form,
        entry_id: row.entry_id,
        answers: serde_json::from_str(&row.answers).map_err(anyhow::Error::from)?,
    })
}

/// Remove a draft once its answers are saved for real.
pub async fn remove(state: &AppState, caller: &Caller, id: Uuid) -> Result<()> {
    form_draft::Entity::delete_many()
        .filter(form_draft::Column::Id.eq(id))
        .filter(form_draft::Column::UserId.eq(caller.actor.user_id))
        .exec(&state.db)
        .await?;
    Ok(())
}

async fn remove_stale(db: &impl ConnectionTrait, now: chrono::DateTime<chrono::Utc>) -> Result<()> {
    form_draft::Entity::delete_many()
        .filter(form_draft::Column::CreatedAt.lte(now - Duration::hours(KEPT_FOR_HOURS)))
        .exec(db)
        .await?;
    Ok(())
}

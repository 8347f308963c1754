//! What a young person's entitlements are worked out from: their periods of care, any
//! care-leaver status recorded in place of the computed one, what their PA has recorded about
//! their life, every step of their requests, their key-documents ticks, and who recorded each.
//!
//! These are held in memory between reads, because a care leaver's "What I can get" is read far
//! more often than any of them changes. What is held is used only while the young person's
//! record still carries the `facts_version` it was read at. The database moves that number on
//! itself whenever one of those rows is written (the triggers of migration 000024), so no way
//! of writing them can leave an old copy in use, on this server or any other sharing the
//! database; and the number arrives with the record, which every read fetches anyway to check
//! who may see it.
use std::{
    collections::HashMap,
    sync::{Arc, Mutex},
};

use entity::{
    care_episode, care_leaver_status, circumstance, entitlement_step, key_document, user,
    young_person,
};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use uuid::Uuid;

use super::rendered::Rendered;
use crate::{AppState, domain::obligations::Span, error::Result};

#[derive(Debug)]
pub struct Facts {
    pub periods_of_care: Vec<Span>,
    /// Newest first.
    pub statuses: Vec<care_leaver_status::Model>,
    /// Newest first.
    pub circumstances: Vec<circumstance::Model>,
    /// Oldest first.
    pub steps: Vec<entitlement_step::Model>,
    /// Oldest first.
    pub ticks: Vec<key_document::Model>,
    /// Everyone who recorded a step or a tick who still has an account.
    pub recorders: HashMap<Uuid, Recorder>,
    /// Responses already made from these facts.
    pub rendered: Rendered,
}

/// Responses kept per young person and version: one for today, and a few dates asked about.
const MOST_RENDERED: usize = 4;

#[derive(Debug)]
pub struct Recorder {
    pub name: String,
    /// Set when the recorder is a young person (their own account).
    pub young_person_id: Option<Uuid>,
}

/// The facts last read for each young person, with the version they were read at.
#[derive(Default)]
pub struct FactsCache {
    held: Mutex<HashMap<Uuid, (i64, Arc<Facts>)>>,
}

/// Beyond this many young people, everything held is let go and reading starts again: a
/// simple bound on memory that costs one read per young person when it happens.
const MOST_HELD: usize = 10_000;

impl FactsCache {
    fn get(&self, young_person_id: Uuid, version: i64) -> Option<Arc<Facts>> {
        let held = self.held.lock().expect("never left poisoned");
        match held.get(&young_person_id) {
            Some((held_version, facts)) if *held_version == version => Some(facts.clone()),
            _ => None,
        }
    }

    fn keep(&self, young_person_id: Uuid, version: i64, facts: Arc<Facts>) {
        let mut held = self.held.lock().expect("never left poisoned");
        if held.len() >= MOST_HELD && !held.contains_key(&young_person_id) {
            held.clear();
        }
        // Two reads racing each other: keep whichever saw the later version.
        let newer = held
            .get(&young_person_id)
            .is_none_or(|(held_version, _)| *held_version <= version);
        if newer {
            held.insert(young_person_id, (version, facts));
        }
    }
}

/// The facts for someone the caller has already been allowed to see, from memory when the
/// record shows nothing has changed since they were read.
pub async fn of(state: &AppState, person: &young_person::Model) -> Result<Arc<Facts>> {
    if let Some(facts) = state.entitlement_facts.get(person.id, person.facts_version) {
        return Ok(facts);
    }
    // Read after the record, so these are at least as new as the version it carries.
    let facts = Arc::new(read(&state.db, person.id).await?);
    state
        .entitlement_facts
        .keep(person.id, person.facts_version, facts.clone());
    Ok(facts)
}

async fn read(db: &impl ConnectionTrait, young_person_id: Uuid) -> Result<Facts> {
    let periods_of_care = care_episode::Entity::find()
        .filter(care_episode::Column::YoungPersonId.eq(young_person_id))
        .all(db)
        .await?
        .iter()
        .map(|p| Span {
            started_on: p.started_on,
            ended_on: p.ended_on,
        })
        .collect();
    let statuses = care_leaver_status::Entity::find()
        .filter(care_leaver_status::Column::YoungPersonId.eq(young_person_id))
        .order_by_desc(care_leaver_status::Column::RecordedAt)
        .all(db)
        .await?;
    let circumstances = circumstance::Entity::find()
        .filter(circumstance::Column::YoungPersonId.eq(young_person_id))
        .order_by_desc(circumstance::Column::RecordedAt)
        .all(db)
        .await?;
    let steps: Vec<entitlement_step::Model> = entitlement_step::Entity::find()
        .filter(entitlement_step::Column::YoungPersonId.eq(young_person_id))
        .order_by_asc(entitlement_step::Column::RecordedAt)
        .all(db)
        .await?;
    let ticks: Vec<key_document::Model> = key_document::Entity::find()
        .filter(key_document::Column::YoungPersonId.eq(young_person_id))
        .order_by_asc(key_document::Column::RecordedAt)
        .all(db)
        .await?;
    let mut recorder_ids: Vec<Uuid> = steps
        .iter()
        .map(|s| s.recorded_by)
        .chain(ticks.iter().map(|t| t.recorded_by))
        .collect();
    recorder_ids.sort();
    recorder_ids.dedup();
    let recorders = if recorder_ids.is_empty() {
        HashMap::new()
    } else {
        user::Entity::find()
            .select_only()
            .columns([
                user::Column::Id,
                user::Column::Name,
                user::Column::YoungPersonId,
            ])
            .filter(user::Column::Id.is_in(recorder_ids))
            .into_tuple::<(Uuid, String, Option<Uuid>)>()
            .all(db)
            .await?
            .into_iter()
            .map(|(id, name, young_person_id)| {
                (
                    id,
                    Recorder {
                        name,
                        young_person_id,
                    },
                )
            })
            .collect()
    };
    Ok(Facts {
        periods_of_care,
        statuses,
        circumstances,
        steps,
        ticks,
        recorders,
        rendered: Rendered::new(MOST_RENDERED),
    })
}

//! A young person's health history: what they and the people working with them can read,
//! and the changes staff make to it. Every version of every entry is kept.
mod changes;
pub mod rows;

use chrono::{DateTime, NaiveDate, Utc};
use entity::{health_assessment, health_detail, health_entry};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use uuid::Uuid;

pub use changes::{EntryChange, check_details, check_entry, save_details, save_entry};

use super::{
    Caller,
    access::authorise,
    access_log::{self, ReadKind},
    accounts,
};
use crate::{
    AppState,
    domain::{
        access::Action,
        health::{EntryDetails, EntryText, HealthDetails, says_more_to_discuss},
        obligations::AssessmentKind,
        people::full_name,
        roles::Role,
    },
    error::{Error, Result},
};

/// One version of an entry, with who recorded it.
#[derive(Debug, Clone)]
pub struct EntryVersion {
    pub version: i32,
    pub text: EntryText,
    pub correction_reason: Option<String>,
    pub recorded_by: String,
    pub recorded_at: DateTime<Utc>,
}

/// An entry as it stands, and what it said before each correction.
#[derive(Debug, Clone)]
pub struct Entry {
    pub entry_id: Uuid,
    pub current: EntryVersion,
    /// Earlier versions, newest first.
    pub earlier: Vec<EntryVersion>,
}

impl Entry {
    pub fn details(&self) -> &EntryDetails {
        &self.current.text.details
    }

    pub fn is_corrected(&self) -> bool {
        self.current.version > 1
    }
}

#[derive(Debug, Clone)]
pub struct RecordedDetails {
    pub details: HealthDetails,
    pub change_reason: Option<String>,
    pub recorded_by: String,
    pub recorded_at: DateTime<Utc>,
}

/// An initial or review health assessment and what it found, for the young person.
#[derive(Debug, Clone)]
pub struct Assessment {
    pub kind: AssessmentKind,
    pub completed_on: NaiveDate,
    pub summary: Option<String>,
    pub recommendations: Option<String>,
}

#[derive(Debug, Clone)]
pub struct HealthHistory {
    pub young_person_id: Uuid,
    pub young_person_name: String,
    /// Read by the young person themselves: entries not yet shared are left out and counted.
    pub for_young_person: bool,
    pub details: Option<RecordedDetails>,
    /// Details as they were before each change, newest first.
    pub earlier_details: Vec<RecordedDetails>,
    /// Oldest first, as a health record reads.
    pub entries: Vec<Entry>,
    /// Newest first.
    pub assessments: Vec<Assessment>,
    /// Entries a professional will talk through with the young person before they see them.
    pub held_back: usize,
}

impl HealthHistory {
    /// Whether the page says that some information will be discussed with them.
    pub fn more_to_discuss(&self) -> bool {
        says_more_to_discuss(self.held_back)
    }

    pub fn entry(&self, entry_id: Uuid) -> Option<&Entry> {
        self.entries.iter().find(|e| e.entry_id == entry_id)
    }
}

/// The health history, as the caller may see it. Written to the young person's access log.
#[tracing::instrument(skip(state, caller))]
pub async fn read(
    state: &AppState,
    caller: &Caller,
    young_person_id: Uuid,
) -> Result<HealthHistory> {
    let (person, role) = authorise(
        &state.db,
        caller,
        young_person_id,
        Action::ReadHealth,
        state.clock.today(),
    )
    .await?;
    access_log::record(
        &state.access_log,
        caller,
        &[(person.id, role)],
        ReadKind::HealthHistory,
        state.clock.now(),
    )
    .await?;
    let for_young_person = role == Role::YoungPerson;
    let versions = health_entry::Entity::find()
        .filter(health_entry::Column::YoungPersonId.eq(person.id))
        .order_by_asc(health_entry::Column::EntryId)
        .order_by_desc(health_entry::Column::Version)
        .all(&state.db)
        .await?;
    let detail_rows = health_detail::Entity::find()
        .filter(health_detail::Column::YoungPersonId.eq(person.id))
        .order_by_desc(health_detail::Column::RecordedAt)
        .all(&state.db)
        .await?;
    let assessments = health_assessment::Entity::find()
        .filter(health_assessment::Column::YoungPersonId.eq(person.id))
        .order_by_desc(health_assessment::Column::CompletedOn)
        .all(&state.db)
        .await?;
    let names = accounts::names(
        &state.db,
        versions
            .iter()
            .map(|v| v.recorded_by)
            .chain(detail_rows.iter().map(|d| d.recorded_by)),
    )
    .await?;

    let mut entries: Vec<Entry> = Vec::new();
    let mut held_back = 0;
    // Versions come newest first within each entry.
    for row in &versions {
        let Some(text) = rows::entry_text(row) else {
            continue;
        };
        let version = EntryVersion {
            version: row.version,
            text,
            correction_reason: row.correction_reason.clone(),
            recorded_by: names.of(row.recorded_by),
            recorded_at: row.recorded_at,
        };
        match entries.last_mut() {
            Some(entry) if entry.entry_id == row.entry_id => {
                if !for_young_person || version.text.sharing.is_shared() {
                    entry.earlier.push(version);
                }
            }
            _ => entries.push(Entry {
                entry_id: row.entry_id,
                current: version,
                earlier: Vec::new(),
            }),
        }
    }
    if for_young_person {
        let before = entries.len();
        entries.retain(|e| e.current.text.sharing.is_shared());
        held_back = before - entries.len();
    }
    entries.sort_by_key(|e| (e.details().happened_on(), e.current.recorded_at));

    let mut all_details = detail_rows.iter().map(|row| RecordedDetails {
        details: rows::details(row),
        change_reason: row.change_reason.clone(),
        recorded_by: names.of(row.recorded_by),
        recorded_at: row.recorded_at,
    });
    let details = all_details.next();
    let earlier_details = if for_young_person {
        Vec::new()
    } else {
        all_details.collect()
    };
    Ok(HealthHistory {
        young_person_id: person.id,
        young_person_name: full_name(&person.given_name, &person.family_name),
        for_young_person,
        details,
        earlier_details,
        entries,
        assessments: assessments
            .into_iter()
            .filter_map(|a| {
                Some(Assessment {
                    kind: AssessmentKind::from_code(&a.kind)?,
                    completed_on: a.completed_on,
                    summary: a.summary,
                    recommendations: a.recommendations,
                })
            })
            .collect(),
        held_back,
    })
}

/// One entry and its history, as the caller may see it.
pub async fn entry(
    state: &AppState,
    caller: &Caller,
    young_person_id: Uuid,
    entry_id: Uuid,
) -> Result<Entry> {
    read(state, caller, young_person_id)
        .await?
        .entry(entry_id)
        .cloned()
        .ok_or(Error::NotFound)
}

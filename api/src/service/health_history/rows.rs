//! Health entries as stored, and back: one flat row per version of an entry.
use chrono::{DateTime, Utc};
use entity::{health_detail, health_entry};
use sea_orm::Set;
use uuid::Uuid;

use crate::domain::health::{
    Check, EntryDetails, EntryKind, EntryText, Event, HealthDetails, Immunisation, NhsNumber,
    Sharing, Vaccine,
};

/// Who recorded a version, and when.
#[derive(Debug, Clone, Copy)]
pub struct Recorded {
    pub by: Uuid,
    pub at: DateTime<Utc>,
}

/// A new version of an entry: the first (`version` 1, no reason) or a correction.
pub struct NewVersion<'a> {
    pub entry_id: Uuid,
    pub version: i32,
    pub young_person_id: Uuid,
    pub text: &'a EntryText,
    pub correction_reason: Option<&'a str>,
    pub recorded: Recorded,
}

pub fn entry_row(new: NewVersion<'_>) -> health_entry::ActiveModel {
    let mut row = health_entry::ActiveModel {
        id: Set(Uuid::new_v4()),
        entry_id: Set(new.entry_id),
        version: Set(new.version),
        young_person_id: Set(new.young_person_id),
        kind: Set(new.text.details.kind().code().to_owned()),
        vaccine: Set(None),
        name: Set(None),
        happened_on: Set(new.text.details.happened_on()),
        ended_on: Set(None),
        dose: Set(None),
        place: Set(None),
        source: Set(None),
        result: Set(None),
        by_whom: Set(None),
        notes: Set(None),
        shared: Set(new.text.sharing.is_shared()),
        not_shared_reason: Set(match &new.text.sharing {
            Sharing::Shared => None,
            Sharing::NotYetShared { reason } => Some(reason.clone()),
        }),
        correction_reason: Set(new.correction_reason.map(str::to_owned)),
        recorded_by: Set(new.recorded.by),
        recorded_at: Set(new.recorded.at),
        replaced_at: Set(None),
    };
    match &new.text.details {
        EntryDetails::Immunisation(i) => {
            row.vaccine = Set(Some(i.vaccine.code().to_owned()));
            row.name = Set(i.other_vaccine.clone());
            row.dose = Set(i.dose.clone());
            row.place = Set(i.where_given.clone());
            row.source = Set(i.source.clone());
        }
        EntryDetails::Check(c) => {
            row.result = Set(Some(c.result.clone()));
        }
        EntryDetails::Event(e) => {
            row.name = Set(Some(e.what.clone()));
            row.ended_on = Set(e.ended_on);
            row.by_whom = Set(e.by_whom.clone());
            row.notes = Set(e.notes.clone());
        }
    }
    row
}

/// What a stored version says; `None` for a kind or vaccine this build does not know.
pub fn entry_text(row: &health_entry::Model) -> Option<EntryText> {
    let details = match EntryKind::from_code(&row.kind)? {
        EntryKind::Immunisation => EntryDetails::Immunisation(Immunisation {
            vaccine: Vaccine::from_code(row.vaccine.as_deref()?)?,
            other_vaccine: row.name.clone(),
            given_on: row.happened_on,
            dose: row.dose.clone(),
            where_given: row.place.clone(),
            source: row.source.clone(),
        }),
        EntryKind::Check(kind) => EntryDetails::Check(Check {
            kind,
            checked_on: row.happened_on,
            result: row.result.clone().unwrap_or_default(),
        }),
        EntryKind::Event(kind) => EntryDetails::Event(Event {
            kind,
            what: row.name.clone().unwrap_or_default(),
            started_on: row.happened_on,
            ended_on: row.ended_on,
            by_whom: row.by_whom.clone(),
            notes: row.notes.clone(),
        }),
    };
    let sharing = match (&row.shared, &row.not_shared_reason) {
        (true, _) => Sharing::Shared,
        (false, reason) => Sharing::NotYetShared {
            reason: reason.clone().unwrap_or_default(),
        },
    };
    Some(EntryText { details, sharing })
}

pub fn details_row(
    young_person_id: Uuid,
    details: &HealthDetails,
    change_reason: Option<&str>,
    recorded: Recorded,
) -> health_detail::ActiveModel {
    health_detail::ActiveModel {
        id: Set(Uuid::new_v4()),
        young_person_id: Set(young_person_id),
        nhs_number: Set(details.nhs_number.map(|n| n.digits())),
        gp_practice: Set(details.gp_practice.clone()),
        gp_phone: Set(details.gp_phone.clone()),
        dentist: Set(details.dentist.clone()),
        dentist_phone: Set(details.dentist_phone.clone()),
        change_reason: Set(change_reason.map(str::to_owned)),
        recorded_by: Set(recorded.by),
        recorded_at: Set(recorded.at),
        replaced_at: Set(None),
    }
}

pub fn details(row: &health_detail::Model) -> HealthDetails {
    HealthDetails {
        // Stored numbers were checked on the way in.
        nhs_number: row
            .nhs_number
            .as_deref()
            .and_then(|n| NhsNumber::parse(n).ok()),
        gp_practice: row.gp_practice.clone(),
        gp_phone: row.gp_phone.clone(),
        dentist: row.dentist.clone(),
        dentist_phone: row.dentist_phone.clone(),
    }
}

//! The demo PA's contacts: regular with Jess, and overdue with Sam, so that the PA's list has
//! something to act on.
use chrono::{DateTime, Duration, NaiveDate, Utc};
use entity::pa_contact;
use sea_orm::{ActiveModelTrait, ConnectionTrait, Set};
use uuid::Uuid;

use crate::{domain::contacts::ContactMethod, error::Result};

/// Days ago, how, seen alone, where, and the PA's notes.
type DemoContact = (
    i64,
    ContactMethod,
    Option<bool>,
    Option<&'static str>,
    &'static str,
);

const JESS: [DemoContact; 3] = [
    (
        75,
        ContactMethod::Visit,
        Some(true),
        Some("Supported lodgings"),
        "Talked about moving into her own flat in the new year and what she will need.",
    ),
    (
        40,
        ContactMethod::Phone,
        None,
        None,
        "Checked in after her college interview. Went well; she starts in January.",
    ),
    (
        19,
        ContactMethod::Visit,
        Some(true),
        Some("Café near college"),
        "Went through the local offer together. She will ask for the setting-up-home allowance.",
    ),
];

const SAM: [DemoContact; 1] = [(
    70,
    ContactMethod::Visit,
    Some(false),
    Some("Foster home"),
    "First meeting, with his foster carer. Talked about what a personal adviser does.",
)];

pub async fn write(
    db: &impl ConnectionTrait,
    young_person_id: Uuid,
    leaving_care: bool,
    personal_adviser: Uuid,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> Result<()> {
    let contacts: &[DemoContact] = if leaving_care { &JESS } else { &SAM };
    for (days_ago, method, seen_alone, place, summary) in contacts {
        pa_contact::ActiveModel {
            id: Set(Uuid::new_v4()),
            young_person_id: Set(young_person_id),
            staff_user_id: Set(personal_adviser),
            contact_on: Set(today - Duration::days(*days_ago)),
            method: Set(method.code().to_owned()),
            seen_alone: Set(*seen_alone),
            place: Set(place.map(str::to_owned)),
            summary: Set((*summary).to_owned()),
            recorded_at: Set(now - Duration::days(*days_ago)),
        }
        .insert(db)
        .await?;
    }
    Ok(())
}

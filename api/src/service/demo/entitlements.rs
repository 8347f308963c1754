//! The demo care leaver's circumstances and key documents, as her PA has recorded them: she
//! lives in the borough and is moving into a flat of her own, so the setting-up-home
//! allowance is hers to ask for.
use chrono::{DateTime, Duration, Utc};
use entity::{circumstance, key_document};
use sea_orm::{ActiveModelTrait, ConnectionTrait, Set};
use uuid::Uuid;

use crate::{
    domain::{entitlements::KeyDocument, local_offer::Condition},
    error::Result,
};

pub async fn write(
    db: &impl ConnectionTrait,
    young_person_id: Uuid,
    personal_adviser: Uuid,
    now: DateTime<Utc>,
) -> Result<()> {
    let recorded_at = now - Duration::days(30);
    circumstance::ActiveModel {
        id: Set(Uuid::new_v4()),
        young_person_id: Set(young_person_id),
        conditions: Set(
            [Condition::LivesInTheBorough, Condition::LivingIndependently]
                .map(Condition::code)
                .join(","),
        ),
        recorded_by: Set(personal_adviser),
        recorded_at: Set(recorded_at),
    }
    .insert(db)
    .await?;
    for document in [
        KeyDocument::BirthCertificate,
        KeyDocument::NationalInsuranceNumber,
    ] {
        key_document::ActiveModel {
            id: Set(Uuid::new_v4()),
            young_person_id: Set(young_person_id),
            document: Set(document.code().to_owned()),
            has_it: Set(true),
            recorded_by: Set(personal_adviser),
            recorded_at: Set(recorded_at),
        }
        .insert(db)
        .await?;
    }
    Ok(())
}

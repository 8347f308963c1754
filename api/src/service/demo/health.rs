//! Demo health histories. Jess's is complete and all shared, as a care leaver's should be by
//! the time she leaves care; Sam's has a dental check overdue and a hearing test result his
//! audiologist will explain before he sees it.
use chrono::{DateTime, Duration, Months, NaiveDate, Utc};
use sea_orm::{ActiveModelTrait, ConnectionTrait};
use uuid::Uuid;

use super::CareStory;
use crate::{
    domain::{
        calendar::{add_months, add_weeks},
        health::{
            Check, CheckKind, EntryDetails, EntryText, Event, EventKind, HealthDetails,
            Immunisation, NhsNumber, Sharing, Vaccine,
        },
        obligations::AssessmentKind,
    },
    error::Result,
    service::health_history::rows::{self, NewVersion, Recorded},
};

/// Numbers in Ofcom's range kept for drama, so the demo never rings a real phone.
const GP_PHONE: &str = "0151 496 0018";
const DENTIST_PHONE: &str = "0151 496 0342";

pub fn assessment_summary(kind: AssessmentKind) -> &'static str {
    match kind {
        AssessmentKind::Initial => {
            "You are healthy and growing well. We checked your immunisations and your asthma."
        }
        AssessmentKind::Review => {
            "You are well. Your asthma is under control and your immunisations are up to date."
        }
    }
}

pub fn assessment_recommendations(kind: AssessmentKind) -> &'static str {
    match kind {
        AssessmentKind::Initial => {
            "See the dentist every 6 months. Have your sight tested. Keep your blue inhaler with you."
        }
        AssessmentKind::Review => {
            "Keep seeing the dentist every 6 months. Ask your GP for an asthma review once a year."
        }
    }
}

pub struct History {
    pub young_person_id: Uuid,
    pub born: NaiveDate,
    pub recorded_by: Uuid,
    pub now: DateTime<Utc>,
    pub today: NaiveDate,
}

impl History {
    pub async fn write(&self, db: &impl ConnectionTrait, story: CareStory) -> Result<()> {
        for (vaccine, age, dose) in childhood_immunisations(story) {
            self.entry(
                db,
                EntryDetails::Immunisation(Immunisation {
                    vaccine,
                    other_vaccine: None,
                    given_on: age.on(self.born),
                    dose: dose.map(str::to_owned),
                    where_given: Some(
                        if age.months >= 12 * 12 {
                            "School"
                        } else {
                            "GP surgery"
                        }
                        .into(),
                    ),
                    source: Some("GP record".into()),
                }),
                Sharing::Shared,
            )
            .await?;
        }
        match story {
            CareStory::LeftCareAt18 => self.jess(db).await,
            CareStory::InCareFor { months } => self.sam(db, months).await,
        }
    }

    async fn jess(&self, db: &impl ConnectionTrait) -> Result<()> {
        let at = |years: u32, months: u32| add_months(self.born, years * 12 + months);
        let mut checked = at(15, 2);
        while checked < at(18, 0) {
            self.check(
                db,
                CheckKind::Dental,
                checked,
                "Healthy teeth. No treatment needed.",
            )
            .await?;
            checked = add_months(checked, 6);
        }
        self.check(
            db,
            CheckKind::Sight,
            at(16, 5),
            "Short-sighted. Glasses for reading the board and watching TV.",
        )
        .await?;
        self.check(db, CheckKind::Hearing, at(15, 3), "Hearing is normal.")
            .await?;
        for (kind, what, started_on, ended_on, by_whom, notes) in [
            (
                EventKind::Condition,
                "Asthma",
                at(7, 4),
                None,
                "Park Road Surgery",
                "Mild. A brown (preventer) inhaler every morning and a blue (reliever) inhaler when you need it.",
            ),
            (
                EventKind::Allergy,
                "Penicillin",
                at(9, 1),
                None,
                "Park Road Surgery",
                "Gave you a rash. Tell any doctor, dentist or pharmacist before you take an antibiotic.",
            ),
            (
                EventKind::HospitalStay,
                "Broken wrist",
                at(12, 7),
                Some(at(12, 7) + Duration::days(1)),
                "Arrowe Park Hospital",
                "One night in hospital. The wrist was set in plaster for 6 weeks and healed well.",
            ),
        ] {
            self.entry(
                db,
                EntryDetails::Event(Event {
                    kind,
                    what: what.into(),
                    started_on,
                    ended_on,
                    by_whom: Some(by_whom.into()),
                    notes: Some(notes.into()),
                }),
                Sharing::Shared,
            )
            .await?;
        }
        self.details(db, "943 476 5919").await
    }

    async fn sam(&self, db: &impl ConnectionTrait, months_in_care: u32) -> Result<()> {
        // One dental check ten months into care, so the next is some weeks overdue.
        let came_into_care = self.today - Months::new(months_in_care);
        self.check(
            db,
            CheckKind::Dental,
            add_months(came_into_care, 10),
            "Two small fillings needed. Brush twice a day with fluoride toothpaste.",
        )
        .await?;
        self.entry(
            db,
            EntryDetails::Check(Check {
                kind: CheckKind::Hearing,
                checked_on: self.today - Duration::days(20),
                result: "Mild hearing loss in the left ear. Referred to audiology.".into(),
            }),
            Sharing::NotYetShared {
                reason: "The audiologist will explain the result with Sam at his appointment next month."
                    .into(),
            },
        )
        .await?;
        self.details(db, "401 023 2137").await
    }

    async fn check(
        &self,
        db: &impl ConnectionTrait,
        kind: CheckKind,
        checked_on: NaiveDate,
        result: &str,
    ) -> Result<()> {
        self.entry(
            db,
            EntryDetails::Check(Check {
                kind,
                checked_on,
                result: result.into(),
            }),
            Sharing::Shared,
        )
        .await
    }

    async fn entry(
        &self,
        db: &impl ConnectionTrait,
        details: EntryDetails,
        sharing: Sharing,
    ) -> Result<()> {
        let text = EntryText { details, sharing };
        rows::entry_row(NewVersion {
            entry_id: Uuid::new_v4(),
            version: 1,
            young_person_id: self.young_person_id,
            text: &text,
            correction_reason: None,
            recorded: self.recorded(),
        })
        .insert(db)
        .await?;
        Ok(())
    }

    async fn details(&self, db: &impl ConnectionTrait, nhs_number: &str) -> Result<()> {
        let details = HealthDetails {
            nhs_number: Some(NhsNumber::parse(nhs_number).expect("demo NHS numbers are valid")),
            gp_practice: Some("Park Road Surgery, 12 Park Road".into()),
            gp_phone: Some(GP_PHONE.into()),
            dentist: Some("Seaview Dental Practice, 3 Marine Parade".into()),
            dentist_phone: Some(DENTIST_PHONE.into()),
        };
        rows::details_row(self.young_person_id, &details, None, self.recorded())
            .insert(db)
            .await?;
        Ok(())
    }

    fn recorded(&self) -> Recorded {
        Recorded {
            by: self.recorded_by,
            at: self.now,
        }
    }
}

/// An age in weeks or months after birth.
#[derive(Clone, Copy)]
struct Age {
    weeks: u32,
    months: u32,
}

impl Age {
    const fn weeks(weeks: u32) -> Self {
        Self { weeks, months: 0 }
    }

    const fn months(months: u32) -> Self {
        Self { weeks: 0, months }
    }

    fn on(self, born: NaiveDate) -> NaiveDate {
        add_weeks(add_months(born, self.months), self.weeks)
    }
}

/// The UK routine schedule as a child born in the late 2000s had it; Sam's teenage doses are
/// still to come.
fn childhood_immunisations(story: CareStory) -> Vec<(Vaccine, Age, Option<&'static str>)> {
    let mut given = vec![
        (Vaccine::SixInOne, Age::weeks(8), Some("1st dose")),
        (Vaccine::Pneumococcal, Age::weeks(8), Some("1st dose")),
        (Vaccine::SixInOne, Age::weeks(12), Some("2nd dose")),
        (Vaccine::SixInOne, Age::weeks(16), Some("3rd dose")),
        (Vaccine::Pneumococcal, Age::weeks(16), Some("2nd dose")),
        (Vaccine::HibMenC, Age::months(12), None),
        (Vaccine::Mmr, Age::months(12), Some("1st dose")),
        (Vaccine::Pneumococcal, Age::months(13), Some("Booster")),
        (Vaccine::Mmr, Age::months(40), Some("2nd dose")),
        (Vaccine::FourInOne, Age::months(40), None),
    ];
    if matches!(story, CareStory::LeftCareAt18) {
        given.extend([
            (Vaccine::Hpv, Age::months(12 * 12 + 9), Some("1st dose")),
            (Vaccine::Hpv, Age::months(13 * 12 + 3), Some("2nd dose")),
            (Vaccine::TdIpv, Age::months(14 * 12 + 2), None),
            (Vaccine::MenAcwy, Age::months(14 * 12 + 2), None),
        ]);
    }
    given
}

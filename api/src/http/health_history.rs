//! Health histories: what a young person can read about their own health, and what staff
//! add and correct.
use poem_openapi::{ApiResponse, Enum, Object, OpenApi, param::Path, payload::Json};
use uuid::Uuid;

use super::{
    ApiTags,
    auth::BearerAuth,
    problem::ApiResult,
    types::{Date, Text},
};
use crate::{
    AppState,
    domain::{
        health::{
            Check, CheckKind, EntryDetails, EntryKind, EntryText, Event, EventKind, HealthDetails,
            Immunisation, MAX_LONG_TEXT, MAX_SHORT_TEXT, Sharing, Vaccine,
        },
        obligations::AssessmentKind,
    },
    error::{Error, Result},
    service::health_history::{self, Entry, EntryChange, EntryVersion, HealthHistory},
};

pub struct HealthApi {
    pub state: AppState,
}

/// A vaccine of the UK routine schedule, or `other` (then name it in `other_vaccine`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Enum)]
#[oai(rename_all = "snake_case")]
pub enum VaccineName {
    SixInOne,
    Rotavirus,
    MenB,
    Pneumococcal,
    HibMenC,
    Mmr,
    Mmrv,
    FourInOne,
    Flu,
    Hpv,
    TdIpv,
    MenAcwy,
    Bcg,
    HepatitisB,
    #[oai(rename = "covid_19")]
    Covid19,
    Other,
}

const VACCINES: [(VaccineName, Vaccine); 16] = [
    (VaccineName::SixInOne, Vaccine::SixInOne),
    (VaccineName::Rotavirus, Vaccine::Rotavirus),
    (VaccineName::MenB, Vaccine::MenB),
    (VaccineName::Pneumococcal, Vaccine::Pneumococcal),
    (VaccineName::HibMenC, Vaccine::HibMenC),
    (VaccineName::Mmr, Vaccine::Mmr),
    (VaccineName::Mmrv, Vaccine::Mmrv),
    (VaccineName::FourInOne, Vaccine::FourInOne),
    (VaccineName::Flu, Vaccine::Flu),
    (VaccineName::Hpv, Vaccine::Hpv),
    (VaccineName::TdIpv, Vaccine::TdIpv),
    (VaccineName::MenAcwy, Vaccine::MenAcwy),
    (VaccineName::Bcg, Vaccine::Bcg),
    (VaccineName::HepatitisB, Vaccine::HepatitisB),
    (VaccineName::Covid19, Vaccine::Covid19),
    (VaccineName::Other, Vaccine::Other),
];

impl From<VaccineName> for Vaccine {
    fn from(name: VaccineName) -> Self {
        VACCINES
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| *v)
            .expect("every vaccine name has a vaccine")
    }
}

impl From<Vaccine> for VaccineName {
    fn from(vaccine: Vaccine) -> Self {
        VACCINES
            .iter()
            .find(|(_, v)| *v == vaccine)
            .map(|(n, _)| *n)
            .expect("every vaccine has a name")
    }
}

/// `dental`, `sight` or `hearing`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Enum)]
#[oai(rename_all = "snake_case")]
pub enum CheckKindName {
    Dental,
    Sight,
    Hearing,
}

impl From<CheckKindName> for CheckKind {
    fn from(name: CheckKindName) -> Self {
        match name {
            CheckKindName::Dental => CheckKind::Dental,
            CheckKindName::Sight => CheckKind::Sight,
            CheckKindName::Hearing => CheckKind::Hearing,
        }
    }
}

/// `condition`, `treatment`, `hospital_stay` or `allergy`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Enum)]
#[oai(rename_all = "snake_case")]
pub enum EventKindName {
    Condition,
    Treatment,
    HospitalStay,
    Allergy,
}

impl From<EventKindName> for EventKind {
    fn from(name: EventKindName) -> Self {
        match name {
            EventKindName::Condition => EventKind::Condition,
            EventKindName::Treatment => EventKind::Treatment,
            EventKindName::HospitalStay => EventKind::HospitalStay,
            EventKindName::Allergy => EventKind::Allergy,
        }
    }
}

/// Every kind of entry: `immunisation`, the checks and the events.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Enum)]
#[oai(rename_all = "snake_case")]
pub enum EntryKindName {
    Immunisation,
    Dental,
    Sight,
    Hearing,
    Condition,
    Treatment,
    HospitalStay,
    Allergy,
}

impl From<EntryKind> for EntryKindName {
    fn from(kind: EntryKind) -> Self {
        match kind {
            EntryKind::Immunisation => EntryKindName::Immunisation,
            EntryKind::Check(CheckKind::Dental) => EntryKindName::Dental,
            EntryKind::Check(CheckKind::Sight) => EntryKindName::Sight,
            EntryKind::Check(CheckKind::Hearing) => EntryKindName::Hearing,
            EntryKind::Event(EventKind::Condition) => EntryKindName::Condition,
            EntryKind::Event(EventKind::Treatment) => EntryKindName::Treatment,
            EntryKind::Event(EventKind::HospitalStay) => EntryKindName::HospitalStay,
            EntryKind::Event(EventKind::Allergy) => EntryKindName::Allergy,
        }
    }
}

/// An immunisation given.
#[derive(Debug, Object)]
#[oai(deny_unknown_fields)]
pub struct ImmunisationBody {
    pub vaccine: VaccineName,
    /// The vaccine's name, when `vaccine` is `other`.
    #[oai(nullable, validator(max_length = 200))]
    pub other_vaccine: Option<Text>,
    pub given_on: Date,
    /// For example "2nd dose" or "Booster".
    #[oai(nullable, validator(max_length = 200))]
    pub dose: Option<Text>,
    #[oai(nullable, validator(max_length = 200))]
    pub where_given: Option<Text>,
    /// Where the record came from, for example "GP record" or "Red Book".
    #[oai(nullable, validator(max_length = 200))]
    pub source: Option<Text>,
    /// Whether the young person sees it. Default: yes.
    #[oai(default = "shared_by_default")]
    pub shared: bool,
    /// Required when `shared` is false: why they should not see it yet.
    #[oai(nullable, validator(max_length = 5000))]
    pub not_shared_reason: Option<Text>,
}

/// A dental check, sight test or hearing test.
#[derive(Debug, Object)]
#[oai(deny_unknown_fields)]
pub struct CheckBody {
    pub kind: CheckKindName,
    pub checked_on: Date,
    /// What it found, in plain words.
    #[oai(validator(max_length = 5000))]
    pub result: Text,
    #[oai(default = "shared_by_default")]
    pub shared: bool,
    #[oai(nullable, validator(max_length = 5000))]
    pub not_shared_reason: Option<Text>,
}

/// A condition, treatment, hospital stay or allergy the young person should know about.
#[derive(Debug, Object)]
#[oai(deny_unknown_fields)]
pub struct EventBody {
    pub kind: EventKindName,
    /// What it was, for example "Asthma" or "Penicillin".
    #[oai(validator(max_length = 200))]
    pub what: Text,
    /// When it was diagnosed, began, or was first known.
    pub started_on: Date,
    #[oai(nullable)]
    pub ended_on: Option<Date>,
    /// Who diagnosed or treated it, or where.
    #[oai(nullable, validator(max_length = 200))]
    pub by_whom: Option<Text>,
    #[oai(nullable, validator(max_length = 5000))]
    pub notes: Option<Text>,
    #[oai(default = "shared_by_default")]
    pub shared: bool,
    #[oai(nullable, validator(max_length = 5000))]
    pub not_shared_reason: Option<Text>,
}

fn shared_by_default() -> bool {
    true
}

#[derive(Debug, Object)]
#[oai(deny_unknown_fields)]
pub struct ImmunisationCorrection {
    /// Why it is being corrected; kept with the new version.
    #[oai(validator(max_length = 5000))]
    pub correction_reason: Text,
    pub immunisation: ImmunisationBody,
}

#[derive(Debug, Object)]
#[oai(deny_unknown_fields)]
pub struct CheckCorrection {
    #[oai(validator(max_length = 5000))]
    pub correction_reason: Text,
    pub check: CheckBody,
}

#[derive(Debug, Object)]
#[oai(deny_unknown_fields)]
pub struct EventCorrection {
    #[oai(validator(max_length = 5000))]
    pub correction_reason: Text,
    pub event: EventBody,
}

/// NHS number, GP practice and dentist. Blank or missing fields are "not known".
#[derive(Debug, Object)]
#[oai(deny_unknown_fields)]
pub struct HealthDetailsBody {
    /// Ten digits, spaces allowed; the check digit must be right.
    #[oai(nullable, validator(max_length = 20))]
    pub nhs_number: Option<Text>,
    /// Its name and address.
    #[oai(nullable, validator(max_length = 200))]
    pub gp_practice: Option<Text>,
    #[oai(nullable, validator(max_length = 20))]
    pub gp_phone: Option<Text>,
    #[oai(nullable, validator(max_length = 200))]
    pub dentist: Option<Text>,
    #[oai(nullable, validator(max_length = 20))]
    pub dentist_phone: Option<Text>,
    /// Why they changed, if that needs saying (for example, a wrong NHS number).
    #[oai(nullable, validator(max_length = 5000))]
    pub change_reason: Option<Text>,
}

/// One version of an entry.
#[derive(Debug, Object)]
pub struct HealthEntryBody {
    pub entry_id: Uuid,
    /// 1 as first recorded; one more for each correction.
    pub version: i32,
    pub kind: EntryKindName,
    /// What it is, in words: the vaccine's name, "Dental check", or what the event was.
    pub title: String,
    /// When it was given, checked, or began.
    pub happened_on: Date,
    #[oai(nullable)]
    pub ended_on: Option<Date>,
    #[oai(nullable)]
    pub vaccine: Option<VaccineName>,
    /// For an immunisation: what it protects against, in one line.
    #[oai(nullable)]
    pub protects_against: Option<String>,
    #[oai(nullable)]
    pub dose: Option<String>,
    #[oai(nullable)]
    pub where_given: Option<String>,
    #[oai(nullable)]
    pub source: Option<String>,
    #[oai(nullable)]
    pub result: Option<String>,
    #[oai(nullable)]
    pub by_whom: Option<String>,
    #[oai(nullable)]
    pub notes: Option<String>,
    /// False while a professional will explain it in person first.
    pub shared: bool,
    #[oai(nullable)]
    pub not_shared_reason: Option<String>,
    #[oai(nullable)]
    pub correction_reason: Option<String>,
    pub recorded_by: String,
    pub recorded_at: chrono::DateTime<chrono::Utc>,
    /// Whether earlier versions exist.
    pub corrected: bool,
}

impl HealthEntryBody {
    fn new(entry_id: Uuid, version: &EntryVersion, corrected: bool) -> Self {
        let details = &version.text.details;
        let mut body = Self {
            entry_id,
            version: version.version,
            kind: details.kind().into(),
            title: details.kind().title().to_owned(),
            happened_on: details.happened_on().into(),
            ended_on: None,
            vaccine: None,
            protects_against: None,
            dose: None,
            where_given: None,
            source: None,
            result: None,
            by_whom: None,
            notes: None,
            shared: version.text.sharing.is_shared(),
            not_shared_reason: match &version.text.sharing {
                Sharing::Shared => None,
                Sharing::NotYetShared { reason } => Some(reason.clone()),
            },
            correction_reason: version.correction_reason.clone(),
            recorded_by: version.recorded_by.clone(),
            recorded_at: version.recorded_at,
            corrected,
        };
        match details {
            EntryDetails::Immunisation(i) => {
                body.title = i.vaccine_name().to_owned();
                body.vaccine = Some(i.vaccine.into());
                body.protects_against = Some(i.vaccine.protects_against().to_owned());
                body.dose = i.dose.clone();
                body.where_given = i.where_given.clone();
                body.source = i.source.clone();
            }
            EntryDetails::Check(c) => body.result = Some(c.result.clone()),
            EntryDetails::Event(e) => {
                body.title = e.what.clone();
                body.ended_on = e.ended_on.map(Into::into);
                body.by_whom = e.by_whom.clone();
                body.notes = e.notes.clone();
            }
        }
        body
    }

    fn current(entry: &Entry) -> Self {
        Self::new(entry.entry_id, &entry.current, entry.is_corrected())
    }
}

#[derive(Debug, Object)]
pub struct RecordedDetailsBody {
    /// As the NHS prints it: 3, 3 and 4 digits.
    #[oai(nullable)]
    pub nhs_number: Option<String>,
    #[oai(nullable)]
    pub gp_practice: Option<String>,
    #[oai(nullable)]
    pub gp_phone: Option<String>,
    #[oai(nullable)]
    pub dentist: Option<String>,
    #[oai(nullable)]
    pub dentist_phone: Option<String>,
    pub recorded_by: String,
    pub recorded_at: chrono::DateTime<chrono::Utc>,
}

#[derive(Debug, Clone, Copy, Enum)]
#[oai(rename_all = "snake_case")]
pub enum AssessmentKindOut {
    Initial,
    Review,
}

#[derive(Debug, Object)]
pub struct AssessmentBody {
    pub kind: AssessmentKindOut,
    pub completed_on: Date,
    #[oai(nullable)]
    pub summary: Option<String>,
    #[oai(nullable)]
    pub recommendations: Option<String>,
}

#[derive(Debug, Object)]
pub struct HealthHistoryBody {
    pub young_person_id: Uuid,
    #[oai(nullable)]
    pub details: Option<RecordedDetailsBody>,
    /// Oldest first.
    pub immunisations: Vec<HealthEntryBody>,
    /// Dental, sight and hearing checks, oldest first.
    pub checks: Vec<HealthEntryBody>,
    /// Conditions, treatments, hospital stays and allergies, oldest first.
    pub events: Vec<HealthEntryBody>,
    /// Newest first.
    pub assessments: Vec<AssessmentBody>,
    /// For the young person: how many entries a professional will talk through with them
    /// before they appear here. Staff see every entry, so this is 0 for them.
    pub not_yet_shared: u32,
}

impl From<HealthHistory> for HealthHistoryBody {
    fn from(history: HealthHistory) -> Self {
        let of = |wanted: fn(&EntryKind) -> bool| {
            history
                .entries
                .iter()
                .filter(|e| wanted(&e.details().kind()))
                .map(HealthEntryBody::current)
                .collect()
        };
        Self {
            young_person_id: history.young_person_id,
            details: history.details.as_ref().map(|d| RecordedDetailsBody {
                nhs_number: d.details.nhs_number.map(|n| n.to_string()),
                gp_practice: d.details.gp_practice.clone(),
                gp_phone: d.details.gp_phone.clone(),
                dentist: d.details.dentist.clone(),
                dentist_phone: d.details.dentist_phone.clone(),
                recorded_by: d.recorded_by.clone(),
                recorded_at: d.recorded_at,
            }),
            immunisations: of(|k| matches!(k, EntryKind::Immunisation)),
            checks: of(|k| matches!(k, EntryKind::Check(_))),
            events: of(|k| matches!(k, EntryKind::Event(_))),
            assessments: history
                .assessments
                .iter()
                .map(|a| AssessmentBody {
                    kind: match a.kind {
                        AssessmentKind::Initial => AssessmentKindOut::Initial,
                        AssessmentKind::Review => AssessmentKindOut::Review,
                    },
                    completed_on: a.completed_on.into(),
                    summary: a.summary.clone(),
                    recommendations: a.recommendations.clone(),
                })
                .collect(),
            not_yet_shared: u32::try_from(history.held_back).unwrap_or(u32::MAX),
        }
    }
}

#[derive(Debug, Object)]
pub struct EntryVersions {
    /// Newest first: the current version, then what it said before each correction.
    pub versions: Vec<HealthEntryBody>,
}

#[derive(Debug, Object)]
pub struct SavedEntry {
    pub entry_id: Uuid,
    pub version: i32,
}

#[derive(ApiResponse)]
pub enum AddedResponse {
    /// Added; the young person's deadlines are up to date.
    #[oai(status = 201)]
    Created(Json<SavedEntry>),
}

#[derive(ApiResponse)]
pub enum DetailsSavedResponse {
    /// Saved; the details before are kept in the history.
    #[oai(status = 204)]
    Saved,
}

fn text(value: Option<Text>) -> Option<String> {
    value
        .map(Text::into_string)
        .map(|t| t.trim().to_owned())
        .filter(|t| !t.is_empty())
}

fn sharing(shared: bool, reason: Option<Text>) -> Result<Sharing> {
    Sharing::check(shared, reason.as_deref()).map_err(Error::Invalid)
}

impl ImmunisationBody {
    fn into_text(self) -> Result<EntryText> {
        Ok(EntryText {
            sharing: sharing(self.shared, self.not_shared_reason)?,
            details: EntryDetails::Immunisation(Immunisation {
                vaccine: self.vaccine.into(),
                other_vaccine: text(self.other_vaccine),
                given_on: self.given_on.0,
                dose: text(self.dose),
                where_given: text(self.where_given),
                source: text(self.source),
            }),
        })
    }
}

impl CheckBody {
    fn into_text(self) -> Result<EntryText> {
        Ok(EntryText {
            sharing: sharing(self.shared, self.not_shared_reason)?,
            details: EntryDetails::Check(Check {
                kind: self.kind.into(),
                checked_on: self.checked_on.0,
                result: self.result.trim().to_owned(),
            }),
        })
    }
}

impl EventBody {
    fn into_text(self) -> Result<EntryText> {
        Ok(EntryText {
            sharing: sharing(self.shared, self.not_shared_reason)?,
            details: EntryDetails::Event(Event {
                kind: self.kind.into(),
                what: self.what.trim().to_owned(),
                started_on: self.started_on.0,
                ended_on: self.ended_on.map(|d| d.0),
                by_whom: text(self.by_whom),
                notes: text(self.notes),
            }),
        })
    }
}

impl HealthApi {
    async fn add(
        &self,
        auth: &BearerAuth,
        id: Uuid,
        text: Result<EntryText>,
    ) -> ApiResult<AddedResponse> {
        let (entry_id, version) =
            health_history::save_entry(&self.state, &auth.caller(), id, &text?, &EntryChange::New)
                .await?;
        Ok(AddedResponse::Created(Json(SavedEntry {
            entry_id,
            version,
        })))
    }

    async fn correct(
        &self,
        auth: &BearerAuth,
        id: Uuid,
        entry_id: Uuid,
        reason: Text,
        text: Result<EntryText>,
    ) -> ApiResult<Json<SavedEntry>> {
        let change = EntryChange::Correction {
            entry_id,
            reason: reason.into_string(),
        };
        let (entry_id, version) =
            health_history::save_entry(&self.state, &auth.caller(), id, &text?, &change).await?;
        Ok(Json(SavedEntry { entry_id, version }))
    }
}

#[OpenApi(prefix_path = "/young-people", tag = "ApiTags::Health")]
impl HealthApi {
    /// A young person's health history
    ///
    /// The young person, their PA, social worker or IRO, or a manager. The young person sees
    /// only what has been shared with them, and how many entries are still to be talked
    /// through. Written to their access log.
    #[oai(path = "/:id/health-history", method = "get")]
    async fn history(
        &self,
        auth: BearerAuth,
        id: Path<Uuid>,
    ) -> ApiResult<Json<HealthHistoryBody>> {
        let history = health_history::read(&self.state, &auth.caller(), id.0).await?;
        Ok(Json(history.into()))
    }

    /// One entry and every earlier version of it
    #[oai(path = "/:id/health-history/entries/:entry_id", method = "get")]
    async fn entry(
        &self,
        auth: BearerAuth,
        id: Path<Uuid>,
        entry_id: Path<Uuid>,
    ) -> ApiResult<Json<EntryVersions>> {
        let entry = health_history::entry(&self.state, &auth.caller(), id.0, entry_id.0).await?;
        let versions = std::iter::once(&entry.current)
            .chain(entry.earlier.iter())
            .map(|v| HealthEntryBody::new(entry.entry_id, v, entry.is_corrected()))
            .collect();
        Ok(Json(EntryVersions { versions }))
    }

    /// Record an immunisation
    ///
    /// The young person's PA or social worker, or a manager.
    #[oai(path = "/:id/health-history/immunisations", method = "post")]
    async fn add_immunisation(
        &self,
        auth: BearerAuth,
        id: Path<Uuid>,
        body: Json<ImmunisationBody>,
    ) -> ApiResult<AddedResponse> {
        self.add(&auth, id.0, body.0.into_text()).await
    }

    /// Correct an immunisation
    ///
    /// Adds a version; the one it replaces stays in the history with who recorded it.
    #[oai(path = "/:id/health-history/immunisations/:entry_id", method = "put")]
    async fn correct_immunisation(
        &self,
        auth: BearerAuth,
        id: Path<Uuid>,
        entry_id: Path<Uuid>,
        body: Json<ImmunisationCorrection>,
    ) -> ApiResult<Json<SavedEntry>> {
        let body = body.0;
        self.correct(
            &auth,
            id.0,
            entry_id.0,
            body.correction_reason,
            body.immunisation.into_text(),
        )
        .await
    }

    /// Record a dental check, sight test or hearing test
    ///
    /// A dental check for a child in care restarts the dental check clock.
    #[oai(path = "/:id/health-history/checks", method = "post")]
    async fn add_check(
        &self,
        auth: BearerAuth,
        id: Path<Uuid>,
        body: Json<CheckBody>,
    ) -> ApiResult<AddedResponse> {
        self.add(&auth, id.0, body.0.into_text()).await
    }

    /// Correct a check
    #[oai(path = "/:id/health-history/checks/:entry_id", method = "put")]
    async fn correct_check(
        &self,
        auth: BearerAuth,
        id: Path<Uuid>,
        entry_id: Path<Uuid>,
        body: Json<CheckCorrection>,
    ) -> ApiResult<Json<SavedEntry>> {
        let body = body.0;
        self.correct(
            &auth,
            id.0,
            entry_id.0,
            body.correction_reason,
            body.check.into_text(),
        )
        .await
    }

    /// Record a condition, treatment, hospital stay or allergy
    #[oai(path = "/:id/health-history/events", method = "post")]
    async fn add_event(
        &self,
        auth: BearerAuth,
        id: Path<Uuid>,
        body: Json<EventBody>,
    ) -> ApiResult<AddedResponse> {
        self.add(&auth, id.0, body.0.into_text()).await
    }

    /// Correct a condition, treatment, hospital stay or allergy
    #[oai(path = "/:id/health-history/events/:entry_id", method = "put")]
    async fn correct_event(
        &self,
        auth: BearerAuth,
        id: Path<Uuid>,
        entry_id: Path<Uuid>,
        body: Json<EventCorrection>,
    ) -> ApiResult<Json<SavedEntry>> {
        let body = body.0;
        self.correct(
            &auth,
            id.0,
            entry_id.0,
            body.correction_reason,
            body.event.into_text(),
        )
        .await
    }

    /// Record the NHS number, GP practice and dentist
    ///
    /// Replaces the current details; the ones before stay in the history.
    #[oai(path = "/:id/health-details", method = "put")]
    async fn details(
        &self,
        auth: BearerAuth,
        id: Path<Uuid>,
        body: Json<HealthDetailsBody>,
    ) -> ApiResult<DetailsSavedResponse> {
        let body = body.0;
        let details = HealthDetails::parse(
            body.nhs_number.as_deref(),
            body.gp_practice.as_deref(),
            body.gp_phone.as_deref(),
            body.dentist.as_deref(),
            body.dentist_phone.as_deref(),
        )
        .map_err(Error::Invalid)?;
        health_history::save_details(
            &self.state,
            &auth.caller(),
            id.0,
            &details,
            body.change_reason.as_deref(),
        )
        .await?;
        Ok(DetailsSavedResponse::Saved)
    }
}

const _: () = assert!(
    MAX_SHORT_TEXT == 200 && MAX_LONG_TEXT == 5000,
    "the validators above say 200 and 5000"
);

//! Homeless 16 and 17 year olds over the API: opening a case when a young person presents,
//! the joint assessment, interim accommodation, the rights information and the young person's
//! own answer to it, and the decision.
use chrono::{DateTime, Utc};
use poem_openapi::{
    ApiResponse, Enum, Object, OpenApi,
    param::{Path, Query},
    payload::Json,
};
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
        homelessness::{self as domain, Decision, RightsInformation},
        obligations::Status,
    },
    service::{
        homelessness::{
            self as service, Case, CaseSummary, DecisionRecord, InterimStay, RightsRecord, Worker,
            recording::{self, AssessmentUpdate, NewCase, NewInterimStay, WhoPresented},
        },
        young_people::NewYoungPerson,
    },
};

pub struct HomelessnessApi {
    pub state: AppState,
}

/// An enum on the wire whose names are the domain's codes.
macro_rules! wire_enum {
    ($(#[$meta:meta])* $name:ident <=> $domain:ident { $($variant:ident = $code:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Enum)]
        pub enum $name {
            $(#[oai(rename = $code)] $variant,)+
        }

        impl From<$name> for domain::$domain {
            fn from(name: $name) -> Self {
                match name { $($name::$variant => domain::$domain::$variant,)+ }
            }
        }

        impl From<domain::$domain> for $name {
            fn from(value: domain::$domain) -> Self {
                match value { $(domain::$domain::$variant => $name::$variant,)+ }
            }
        }
    };
}

wire_enum! {
    /// How the young person came to the council.
    HomelessPresentedName <=> Presented {
        ToHousing = "housing",
        ToChildrensServices = "childrens_services",
        ReferredBySchool = "school",
        ReferredByPolice = "police",
        ReferredByOther = "other",
    }
}

wire_enum! {
    /// Where the young person is staying while they are assessed. `bed_and_breakfast` is
    /// always refused: it is never suitable for a 16 or 17 year old.
    HomelessAccommodationName <=> AccommodationKind {
        EmergencyFosterPlacement = "foster_placement",
        SupportedLodgings = "supported_lodgings",
        SupportedAccommodation = "supported_accommodation",
        FamilyOrFriends = "family_or_friends",
        BedAndBreakfast = "bed_and_breakfast",
        Other = "other",
    }
}

wire_enum! {
    /// An area the joint assessment covers.
    HomelessAreaName <=> Area {
        Accommodation = "accommodation",
        FamilyAndRelationships = "family_and_relationships",
        EmotionalAndBehaviouralDevelopment = "emotional_and_behavioural_development",
        EducationTrainingAndEmployment = "education_training_and_employment",
        MoneyAndIndependentLivingSkills = "money_and_independent_living_skills",
        Health = "health",
        SafetyAndRisks = "safety_and_risks",
    }
}

wire_enum! {
    /// A route the young person must be told about: `section_20` (looked after, and later a
    /// care leaver), `section_17_and_part_7` (children's services help with housing under the
    /// Housing Act 1996 Part 7), `part_7` (housing only).
    HomelessRouteName <=> Route {
        Section20 = "section_20",
        Section17WithHousing = "section_17_and_part_7",
        HousingOnly = "part_7",
    }
}

wire_enum! {
    /// What was decided.
    HomelessOutcomeName <=> Outcome {
        Section20 = "section_20",
        Section17WithHousing = "section_17_and_part_7",
        HousingOnly = "part_7",
        ReturnedHome = "returned_home",
        Other = "other",
    }
}

/// A young person the council has not met before.
#[derive(Debug, Object)]
#[oai(deny_unknown_fields)]
pub struct NewHomelessYoungPerson {
    #[oai(validator(max_length = 100))]
    pub given_name: Text,
    #[oai(validator(max_length = 100))]
    pub family_name: Text,
    pub date_of_birth: Date,
    /// Their email address, so that they can sign in to see their rights and say whether they
    /// understood them. Optional: not every young person has one.
    #[oai(default, nullable, validator(max_length = 254))]
    pub email: Option<Text>,
}

/// A young person has asked for help. Give `young_person_id` for someone with a record, or
/// `new_young_person` for someone without one (exactly one). They must have been 16 or 17 on
/// `presented_on`. The worker opening the case is on it; name the other if known.
#[derive(Debug, Object)]
#[oai(deny_unknown_fields)]
pub struct NewHomelessCase {
    #[oai(default, nullable)]
    pub young_person_id: Option<Uuid>,
    #[oai(default, nullable)]
    pub new_young_person: Option<NewHomelessYoungPerson>,
    pub presented_on: Date,
    pub presented: HomelessPresentedName,
    #[oai(validator(max_length = 2000))]
    pub staying_tonight: Text,
    pub safe_tonight: bool,
    #[oai(default, nullable)]
    pub housing_officer_id: Option<Uuid>,
    #[oai(default, nullable)]
    pub social_worker_id: Option<Uuid>,
}

/// The joint assessment as it stands. Completing it needs every area assessed and an answer to
/// whether the young person is a child in need who requires accommodation.
#[derive(Debug, Object)]
#[oai(deny_unknown_fields)]
pub struct HomelessAssessmentUpdate {
    #[oai(default, nullable)]
    pub started_on: Option<Date>,
    #[oai(default, nullable)]
    pub completed_on: Option<Date>,
    #[oai(default, validator(max_items = 7))]
    pub areas: Vec<HomelessAreaName>,
    #[oai(default, nullable, validator(max_length = 2000))]
    pub views_and_wishes: Option<Text>,
    #[oai(default, nullable)]
    pub requires_accommodation: Option<bool>,
    #[oai(default, nullable)]
    pub housing_officer_id: Option<Uuid>,
    #[oai(default, nullable)]
    pub social_worker_id: Option<Uuid>,
}

#[derive(Debug, Object)]
#[oai(deny_unknown_fields)]
pub struct NewHomelessInterimStay {
    pub kind: HomelessAccommodationName,
    #[oai(validator(max_length = 2000))]
    pub place: Text,
    pub from_on: Date,
    #[oai(default, nullable)]
    pub to_on: Option<Date>,
}

/// Every route must be explained, and an independent advocate offered.
#[derive(Debug, Object)]
#[oai(deny_unknown_fields)]
pub struct NewHomelessRightsInformation {
    pub given_on: Date,
    #[oai(validator(max_items = 3))]
    pub routes_explained: Vec<HomelessRouteName>,
    #[oai(default, nullable)]
    pub advocate_offered_on: Option<Date>,
    #[oai(default, nullable)]
    pub advocate_accepted: Option<bool>,
    #[oai(default, nullable, validator(max_length = 100))]
    pub advocate_name: Option<Text>,
}

/// The young person's own answer to the latest explanation of their rights.
#[derive(Debug, Object)]
#[oai(deny_unknown_fields)]
pub struct HomelessRightsAnswer {
    /// `true`: I understood this. `false`: I need someone to explain it again.
    pub understood: bool,
}

/// Not before the rights information; a child in need who requires accommodation is
/// accommodated under section 20 unless, fully informed, they declined (`declined_section_20`).
#[derive(Debug, Object)]
#[oai(deny_unknown_fields)]
pub struct NewHomelessDecision {
    pub outcome: HomelessOutcomeName,
    pub decided_on: Date,
    #[oai(validator(max_length = 2000))]
    pub reasons: Text,
    #[oai(default)]
    pub declined_section_20: bool,
}

#[derive(Debug, Object)]
pub struct HomelessWorkerBody {
    pub id: Uuid,
    pub name: String,
}

impl From<Worker> for HomelessWorkerBody {
    fn from(w: Worker) -> Self {
        Self {
            id: w.id,
            name: w.name,
        }
    }
}

#[derive(Debug, Object)]
pub struct HomelessInterimStayBody {
    pub id: Uuid,
    pub kind: HomelessAccommodationName,
    pub place: String,
    pub from_on: Date,
    #[oai(nullable)]
    pub to_on: Option<Date>,
}

impl From<InterimStay> for HomelessInterimStayBody {
    fn from(s: InterimStay) -> Self {
        Self {
            id: s.id,
            kind: s.kind.into(),
            place: s.place,
            from_on: s.from_on.into(),
            to_on: s.to_on.map(Into::into),
        }
    }
}

#[derive(Debug, Object)]
pub struct HomelessRightsBody {
    pub id: Uuid,
    pub given_on: Date,
    pub given_by: HomelessWorkerBody,
    pub routes_explained: Vec<HomelessRouteName>,
    #[oai(nullable)]
    pub advocate_offered_on: Option<Date>,
    #[oai(nullable)]
    pub advocate_accepted: Option<bool>,
    #[oai(nullable)]
    pub advocate_name: Option<String>,
    /// The young person's answer: empty until they give one.
    #[oai(nullable)]
    pub understood: Option<bool>,
    #[oai(nullable)]
    pub answered_at: Option<DateTime<Utc>>,
}

impl From<RightsRecord> for HomelessRightsBody {
    fn from(r: RightsRecord) -> Self {
        Self {
            id: r.id,
            given_on: r.information.given_on.into(),
            given_by: r.given_by.into(),
            routes_explained: r
                .information
                .routes_explained
                .into_iter()
                .map(Into::into)
                .collect(),
            advocate_offered_on: r.information.advocate_offered_on.map(Into::into),
            advocate_accepted: r.information.advocate_accepted,
            advocate_name: r.information.advocate_name,
            understood: r.understood,
            answered_at: r.answered_at,
        }
    }
}

#[derive(Debug, Object)]
pub struct HomelessDecisionBody {
    pub outcome: HomelessOutcomeName,
    pub decided_on: Date,
    pub reasons: String,
    pub declined_section_20: bool,
    pub decided_by: HomelessWorkerBody,
    /// The care episode an outcome under section 20 started.
    #[oai(nullable)]
    pub care_episode_id: Option<Uuid>,
}

impl From<DecisionRecord> for HomelessDecisionBody {
    fn from(d: DecisionRecord) -> Self {
        Self {
            outcome: d.decision.outcome.into(),
            decided_on: d.decision.decided_on.into(),
            reasons: d.decision.reasons,
            declined_section_20: d.decision.declined_section_20,
            decided_by: d.decided_by.into(),
            care_episode_id: d.care_episode_id,
        }
    }
}

fn status_code(status: Status) -> String {
    status.code().to_owned()
}

/// A homelessness case with everything recorded on it.
#[derive(Debug, Object)]
pub struct HomelessCaseBody {
    pub id: Uuid,
    pub young_person_id: Uuid,
    pub young_person_name: String,
    pub date_of_birth: Date,
    pub presented_on: Date,
    pub presented: HomelessPresentedName,
    pub staying_tonight: String,
    pub safe_tonight: bool,
    #[oai(nullable)]
    pub housing_officer: Option<HomelessWorkerBody>,
    #[oai(nullable)]
    pub social_worker: Option<HomelessWorkerBody>,
    /// `presented`, `assessing`, `assessed` or `decided`.
    pub stage: String,
    #[oai(nullable)]
    pub assessment_started_on: Option<Date>,
    #[oai(nullable)]
    pub assessment_completed_on: Option<Date>,
    pub areas_assessed: Vec<HomelessAreaName>,
    #[oai(nullable)]
    pub views_and_wishes: Option<String>,
    #[oai(nullable)]
    pub requires_accommodation: Option<bool>,
    /// The joint assessment's deadline (`homeless_joint_assessment`).
    pub assessment_due_on: Date,
    /// `upcoming`, `due_soon`, `overdue`, `met` or `met_late`.
    pub assessment_status: String,
    pub interim_stays: Vec<HomelessInterimStayBody>,
    /// The latest first.
    pub rights_information: Vec<HomelessRightsBody>,
    /// The young person said the latest explanation did not make sense to them.
    pub needs_explaining_again: bool,
    #[oai(nullable)]
    pub decision: Option<HomelessDecisionBody>,
}

impl From<Case> for HomelessCaseBody {
    fn from(c: Case) -> Self {
        let needs_explaining_again = c.needs_explaining_again();
        Self {
            id: c.id,
            young_person_id: c.young_person_id,
            young_person_name: c.young_person_name,
            date_of_birth: c.date_of_birth.into(),
            presented_on: c.presented_on.into(),
            presented: c.presented.into(),
            staying_tonight: c.staying_tonight,
            safe_tonight: c.safe_tonight,
            housing_officer: c.housing_officer.map(Into::into),
            social_worker: c.social_worker.map(Into::into),
            stage: c.stage.code().to_owned(),
            assessment_started_on: c.assessment.started_on.map(Into::into),
            assessment_completed_on: c.assessment.completed_on.map(Into::into),
            areas_assessed: c.assessment.areas.into_iter().map(Into::into).collect(),
            views_and_wishes: c.assessment.views_and_wishes,
            requires_accommodation: c.assessment.requires_accommodation,
            assessment_due_on: c.assessment_due_on.into(),
            assessment_status: status_code(c.assessment_status),
            interim_stays: c.interim_stays.into_iter().map(Into::into).collect(),
            rights_information: c.rights.into_iter().map(Into::into).collect(),
            needs_explaining_again,
            decision: c.decision.map(Into::into),
        }
    }
}

#[derive(Debug, Object)]
pub struct HomelessCaseSummaryBody {
    pub id: Uuid,
    pub young_person_id: Uuid,
    pub young_person_name: String,
    pub presented_on: Date,
    pub days_since_presenting: i64,
    pub stage: String,
    pub assessment_due_on: Date,
    pub assessment_status: String,
    pub safe_tonight: bool,
}

impl From<CaseSummary> for HomelessCaseSummaryBody {
    fn from(c: CaseSummary) -> Self {
        Self {
            id: c.id,
            young_person_id: c.young_person_id,
            young_person_name: c.young_person_name,
            presented_on: c.presented_on.into(),
            days_since_presenting: c.days_since_presenting,
            stage: c.stage.code().to_owned(),
            assessment_due_on: c.assessment_due_on.into(),
            assessment_status: status_code(c.assessment_status),
            safe_tonight: c.safe_tonight,
        }
    }
}

/// Deadlines that fell due in the year (to the as-of day) and were met or have passed.
#[derive(Debug, Object)]
pub struct HomelessOnTimeBody {
    pub due: u64,
    pub on_time: u64,
    /// Whole-number percentage; empty when nothing fell due.
    #[oai(nullable)]
    pub percent_on_time: Option<u8>,
}

#[derive(Debug, Object)]
pub struct HomelessOutcomeCount {
    pub outcome: HomelessOutcomeName,
    pub decided: u64,
}

/// The reporting year's figures (1 April to 31 March) for the cases you may list.
#[derive(Debug, Object)]
pub struct HomelessYearFiguresBody {
    /// The year the reporting year starts in.
    pub year: i32,
    pub as_of: Date,
    /// Young people who asked for help in the year.
    pub cases: u64,
    /// Joint assessments due in the year, and how many were completed on time.
    pub assessments: HomelessOnTimeBody,
    /// Of the year's cases, those where the young person confirmed they understood their rights.
    pub rights_confirmed: u64,
    /// Decisions made in the year, by outcome.
    pub outcomes: Vec<HomelessOutcomeCount>,
}

impl From<domain::YearFigures> for HomelessYearFiguresBody {
    fn from(f: domain::YearFigures) -> Self {
        Self {
            year: f.year.starting(),
            as_of: f.as_of.into(),
            cases: f.cases,
            assessments: HomelessOnTimeBody {
                due: f.assessments.due,
                on_time: f.assessments.on_time,
                percent_on_time: f.assessments.percent_on_time(),
            },
            rights_confirmed: f.rights_confirmed,
            outcomes: f
                .outcomes
                .into_iter()
                .map(|(outcome, decided)| HomelessOutcomeCount {
                    outcome: outcome.into(),
                    decided,
                })
                .collect(),
        }
    }
}

#[derive(ApiResponse)]
pub enum HomelessCaseCreated {
    #[oai(status = 201)]
    Created(Json<HomelessCaseBody>),
}

#[OpenApi(prefix_path = "/homelessness", tag = "ApiTags::Homelessness")]
impl HomelessnessApi {
    /// Open a case: a 16 or 17 year old has asked for help
    ///
    /// For housing officers, social workers and managers. A new young person's record is made
    /// at the same time.
    #[oai(path = "/cases", method = "post")]
    async fn open(
        &self,
        auth: BearerAuth,
        body: Json<NewHomelessCase>,
    ) -> ApiResult<HomelessCaseCreated> {
        let body = body.0;
        let young_person = match (body.young_person_id, body.new_young_person) {
            (Some(id), None) => WhoPresented::Known(id),
            (None, Some(person)) => WhoPresented::New(
                NewYoungPerson {
                    given_name: person.given_name.into_string(),
                    family_name: person.family_name.into_string(),
                    date_of_birth: person.date_of_birth.0,
                    preferred_name: None,
                    pronouns: None,
                },
                person
                    .email
                    .map(Text::into_string)
                    .filter(|email| !email.trim().is_empty()),
            ),
            _ => {
                return Err(crate::error::Error::invalid(
                    "young_person_id",
                    "Give either the young person's record or their details, not both",
                )
                .into());
            }
        };
        let caller = auth.caller();
        let id = recording::open(
            &self.state,
            &caller,
            NewCase {
                young_person,
                presented_on: body.presented_on.0,
                presented: body.presented.into(),
                staying_tonight: body.staying_tonight.into_string(),
                safe_tonight: body.safe_tonight,
                housing_officer_id: body.housing_officer_id,
                social_worker_id: body.social_worker_id,
            },
        )
        .await?;
        let case = service::case(&self.state, &caller, id).await?;
        Ok(HomelessCaseCreated::Created(Json(case.into())))
    }

    /// The cases you work on
    ///
    /// A housing officer's or social worker's own cases; every case in the authority for a
    /// manager. Those not yet decided first, the longest waiting at the top.
    #[oai(path = "/cases", method = "get")]
    async fn list(&self, auth: BearerAuth) -> ApiResult<Json<Vec<HomelessCaseSummaryBody>>> {
        let cases = service::list(&self.state, &auth.caller()).await?;
        Ok(Json(cases.into_iter().map(Into::into).collect()))
    }

    /// The year's figures
    ///
    /// For the reporting year 1 April to 31 March (`year` is the year of the April; default
    /// the current one): cases, joint assessments on time, rights confirmed by the young
    /// person, and outcomes. Over every case for a manager, over their own cases for a worker.
    #[oai(path = "/figures", method = "get")]
    async fn figures(
        &self,
        auth: BearerAuth,
        #[oai(validator(minimum(value = "2000"), maximum(value = "2100")))] year: Query<
            Option<i32>,
        >,
    ) -> ApiResult<Json<HomelessYearFiguresBody>> {
        let year = year.0.unwrap_or_else(|| {
            crate::domain::timeliness::ReportingYear::containing(self.state.clock.today())
                .starting()
        });
        let found = service::figures(&self.state, &auth.caller(), year).await?;
        Ok(Json(found.into()))
    }

    /// One case
    #[oai(path = "/cases/:id", method = "get")]
    async fn case(&self, auth: BearerAuth, id: Path<Uuid>) -> ApiResult<Json<HomelessCaseBody>> {
        let case = service::case(&self.state, &auth.caller(), id.0).await?;
        Ok(Json(case.into()))
    }

    /// Record the joint assessment as it stands
    #[oai(path = "/cases/:id/assessment", method = "put")]
    async fn assessment(
        &self,
        auth: BearerAuth,
        id: Path<Uuid>,
        body: Json<HomelessAssessmentUpdate>,
    ) -> ApiResult<Json<HomelessCaseBody>> {
        let body = body.0;
        let caller = auth.caller();
        recording::record_assessment(
            &self.state,
            &caller,
            id.0,
            AssessmentUpdate {
                assessment: domain::Assessment {
                    started_on: body.started_on.map(|d| d.0),
                    completed_on: body.completed_on.map(|d| d.0),
                    areas: body.areas.into_iter().map(Into::into).collect(),
                    views_and_wishes: body.views_and_wishes.map(Text::into_string),
                    requires_accommodation: body.requires_accommodation,
                },
                housing_officer_id: body.housing_officer_id,
                social_worker_id: body.social_worker_id,
            },
        )
        .await?;
        Ok(Json(
            service::case(&self.state, &caller, id.0).await?.into(),
        ))
    }

    /// Record where the young person is staying while they are assessed
    ///
    /// Bed and breakfast is refused (422): it is never suitable for a 16 or 17 year old.
    #[oai(path = "/cases/:id/interim-accommodation", method = "post")]
    async fn interim_accommodation(
        &self,
        auth: BearerAuth,
        id: Path<Uuid>,
        body: Json<NewHomelessInterimStay>,
    ) -> ApiResult<HomelessCaseCreated> {
        let body = body.0;
        let caller = auth.caller();
        recording::record_interim_stay(
            &self.state,
            &caller,
            id.0,
            NewInterimStay {
                kind: body.kind.into(),
                place: body.place.into_string(),
                from_on: body.from_on.0,
                to_on: body.to_on.map(|d| d.0),
            },
        )
        .await?;
        let case = service::case(&self.state, &caller, id.0).await?;
        Ok(HomelessCaseCreated::Created(Json(case.into())))
    }

    /// Record that the young person was told their rights and offered an advocate
    #[oai(path = "/cases/:id/rights-information", method = "post")]
    async fn rights_information(
        &self,
        auth: BearerAuth,
        id: Path<Uuid>,
        body: Json<NewHomelessRightsInformation>,
    ) -> ApiResult<HomelessCaseCreated> {
        let body = body.0;
        let caller = auth.caller();
        recording::record_rights_information(
            &self.state,
            &caller,
            id.0,
            RightsInformation {
                given_on: body.given_on.0,
                routes_explained: body.routes_explained.into_iter().map(Into::into).collect(),
                advocate_offered_on: body.advocate_offered_on.map(|d| d.0),
                advocate_accepted: body.advocate_accepted,
                advocate_name: body.advocate_name.map(Text::into_string),
            },
        )
        .await?;
        let case = service::case(&self.state, &caller, id.0).await?;
        Ok(HomelessCaseCreated::Created(Json(case.into())))
    }

    /// The young person answers: I understood this, or I need someone to explain it again
    ///
    /// The young person's own, in their own session.
    #[oai(path = "/cases/:id/rights-information/answer", method = "post")]
    async fn answer_rights(
        &self,
        auth: BearerAuth,
        id: Path<Uuid>,
        body: Json<HomelessRightsAnswer>,
    ) -> ApiResult<Json<HomelessCaseBody>> {
        let caller = auth.caller();
        recording::answer_rights(&self.state, &caller, id.0, body.0.understood).await?;
        Ok(Json(
            service::case(&self.state, &caller, id.0).await?.into(),
        ))
    }

    /// Record the decision
    ///
    /// Not before the rights information (422). An outcome under section 20 starts a period
    /// of care from the day decided.
    #[oai(path = "/cases/:id/decision", method = "post")]
    async fn decision(
        &self,
        auth: BearerAuth,
        id: Path<Uuid>,
        body: Json<NewHomelessDecision>,
    ) -> ApiResult<HomelessCaseCreated> {
        let body = body.0;
        let caller = auth.caller();
        recording::decide(
            &self.state,
            &caller,
            id.0,
            Decision {
                outcome: body.outcome.into(),
                decided_on: body.decided_on.0,
                reasons: body.reasons.into_string(),
                declined_section_20: body.declined_section_20,
            },
        )
        .await?;
        let case = service::case(&self.state, &caller, id.0).await?;
        Ok(HomelessCaseCreated::Created(Json(case.into())))
    }
}

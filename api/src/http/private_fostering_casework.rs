//! Private fostering casework: one arrangement with everything on it, the Schedule 2 checks
//! and DBS checks the officer records, and the year's figures. The case's wire types are in
//! `private_fostering_case`.
use poem_openapi::{
    ApiResponse, Object, OpenApi,
    param::{Path, Query},
    payload::Json,
};
use uuid::Uuid;

use super::{
    ApiTags,
    auth::BearerAuth,
    private_fostering_case::{
        DbsOutcomeName, PfCaseBody, PfFindingName, PfSchedule2CheckBody, PfSuitabilityCheckBody,
        Schedule2MatterName,
    },
    problem::ApiResult,
    types::{Date, Text},
};
use crate::{
    AppState,
    domain::{
        private_fostering::{
            figures::YearFigures, schedule_2::Schedule2Check, suitability::SuitabilityCheck,
        },
        timeliness::Measure,
    },
    service::private_fostering::{casework, figures},
};

pub struct PrivateFosteringCaseworkApi {
    pub state: AppState,
}

/// A check of a Schedule 2 matter: the day checked, whether the officer is satisfied, and
/// notes (required when there are concerns).
#[derive(Debug, Object)]
#[oai(deny_unknown_fields)]
pub struct NewPfSchedule2Check {
    pub matter: Schedule2MatterName,
    pub checked_on: Date,
    pub finding: PfFindingName,
    #[oai(default, nullable, validator(max_length = 2000))]
    pub notes: Option<Text>,
}

/// A DBS check of the carer or an adult in their household. `checked_on` not in the future;
/// `notes` required when information was disclosed.
#[derive(Debug, Object)]
#[oai(deny_unknown_fields)]
pub struct NewPfSuitabilityCheck {
    #[oai(validator(max_length = 100))]
    pub person_name: Text,
    /// Who they are in the household: "carer", "carer's husband".
    #[oai(validator(max_length = 100))]
    pub relationship: Text,
    pub checked_on: Date,
    pub outcome: DbsOutcomeName,
    #[oai(default, nullable, validator(max_length = 2000))]
    pub notes: Option<Text>,
}

/// Deadlines that fell due in the year (to the as-of day) and were met or have passed.
#[derive(Debug, Object)]
pub struct PfOnTimeBody {
    pub due: u64,
    pub on_time: u64,
    pub late: u64,
    /// Whole-number percentage; empty when nothing fell due ("no cases").
    #[oai(nullable)]
    pub percent_on_time: Option<u8>,
}

impl From<Measure> for PfOnTimeBody {
    fn from(m: Measure) -> Self {
        Self {
            due: m.due,
            on_time: m.on_time,
            late: m.late(),
            percent_on_time: m.percent_on_time(),
        }
    }
}

#[derive(Debug, Object)]
pub struct PfYearFiguresBody {
    /// The year the reporting year starts in: it runs 1 April to 31 March.
    pub year: i32,
    pub from: Date,
    pub to: Date,
    /// The last day counted: today while the year runs, else 31 March.
    pub as_of: Date,
    /// Arrangements first notified in the year (a second notification about the same child
    /// and carer is not counted again).
    pub notifications_received: u64,
    pub arrangements_confirmed: u64,
    /// Initial visits, due within 7 working days of the notification.
    pub initial_visits: PfOnTimeBody,
    /// Every visit: the initial visit and those after it.
    pub visits: PfOnTimeBody,
}

impl From<YearFigures> for PfYearFiguresBody {
    fn from(f: YearFigures) -> Self {
        Self {
            year: f.year.starting(),
            from: f.year.first_day().into(),
            to: f.year.last_day().into(),
            as_of: f.as_of.into(),
            notifications_received: f.notifications_received,
            arrangements_confirmed: f.arrangements_confirmed,
            initial_visits: f.initial_visits.into(),
            visits: f.visits.into(),
        }
    }
}

#[derive(ApiResponse)]
pub enum Schedule2CheckResponse {
    #[oai(status = 201)]
    Created(Json<PfSchedule2CheckBody>),
}

#[derive(ApiResponse)]
pub enum SuitabilityCheckResponse {
    #[oai(status = 201)]
    Created(Json<PfSuitabilityCheckBody>),
}

#[OpenApi(prefix_path = "/private-fostering", tag = "ApiTags::PrivateFostering")]
impl PrivateFosteringCaseworkApi {
    /// One private fostering arrangement
    ///
    /// For the private fostering officer and managers: every notification as it was sent, the
    /// visits and their deadlines, the Schedule 2 checklist and the DBS checks.
    #[oai(path = "/arrangements/:id", method = "get")]
    async fn case(&self, auth: BearerAuth, id: Path<Uuid>) -> ApiResult<Json<PfCaseBody>> {
        let case = casework::case(&self.state, &auth.caller(), id.0).await?;
        Ok(Json(case.into()))
    }

    /// Record a Schedule 2 check
    ///
    /// The private fostering officer's only. Dated from when the council was told to today;
    /// notes are required when there are concerns. Earlier checks of the matter are kept.
    #[oai(path = "/arrangements/:id/schedule-2-checks", method = "post")]
    async fn record_schedule_2_check(
        &self,
        auth: BearerAuth,
        id: Path<Uuid>,
        body: Json<NewPfSchedule2Check>,
    ) -> ApiResult<Schedule2CheckResponse> {
        let body = body.0;
        let check = Schedule2Check {
            matter: body.matter.into(),
            checked_on: body.checked_on.0,
            finding: body.finding.into(),
            notes: body.notes.map(Text::into_string),
        };
        let recorded =
            casework::record_schedule_2_check(&self.state, &auth.caller(), id.0, check).await?;
        Ok(Schedule2CheckResponse::Created(Json(recorded.into())))
    }

    /// Record a DBS check
    ///
    /// The private fostering officer's only. For the carer or an adult in their household; the
    /// date not in the future; notes are required when information was disclosed.
    #[oai(path = "/arrangements/:id/suitability-checks", method = "post")]
    async fn record_suitability_check(
        &self,
        auth: BearerAuth,
        id: Path<Uuid>,
        body: Json<NewPfSuitabilityCheck>,
    ) -> ApiResult<SuitabilityCheckResponse> {
        let body = body.0;
        let check = SuitabilityCheck {
            person_name: body.person_name.into_string(),
            relationship: body.relationship.into_string(),
            checked_on: body.checked_on.0,
            outcome: body.outcome.into(),
            notes: body.notes.map(Text::into_string),
        };
        let recorded =
            casework::record_suitability_check(&self.state, &auth.caller(), id.0, check).await?;
        Ok(SuitabilityCheckResponse::Created(Json(recorded.into())))
    }

    /// Private fostering figures for a year
    ///
    /// For the private fostering officer and managers: for the reporting year 1 April to 31
    /// March (`year` is the year of the April; default the current one), notifications
    /// received, arrangements confirmed, and initial and all visits on time.
    #[oai(path = "/figures", method = "get")]
    async fn figures(
        &self,
        auth: BearerAuth,
        #[oai(validator(minimum(value = "2000"), maximum(value = "2100")))] year: Query<
            Option<i32>,
        >,
    ) -> ApiResult<Json<PfYearFiguresBody>> {
        let year = year.0.unwrap_or_else(|| figures::current_year(&self.state));
        let found = figures::figures(&self.state, &auth.caller(), year).await?;
        Ok(Json(found.into()))
    }
}

//! IRO escalations: a concern about a child's plan, raised, escalated and resolved.
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
    domain::escalations::{Change, MAX_TEXT_CHARS, Raise, Stage},
    service::{
        PageRequest,
        escalations::{self, EscalationView, Step},
    },
};

pub struct EscalationsApi {
    pub state: AppState,
}

/// The dispute resolution stages, in order: `informal` (with the social worker),
/// `team_manager`, `service_manager`, `head_of_service`, `director`, `cafcass_referral`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Enum)]
#[oai(rename_all = "snake_case")]
pub enum StageName {
    Informal,
    TeamManager,
    ServiceManager,
    HeadOfService,
    Director,
    CafcassReferral,
}

impl From<StageName> for Stage {
    fn from(name: StageName) -> Self {
        match name {
            StageName::Informal => Stage::Informal,
            StageName::TeamManager => Stage::TeamManager,
            StageName::ServiceManager => Stage::ServiceManager,
            StageName::HeadOfService => Stage::HeadOfService,
            StageName::Director => Stage::Director,
            StageName::CafcassReferral => Stage::CafcassReferral,
        }
    }
}

impl From<Stage> for StageName {
    fn from(stage: Stage) -> Self {
        match stage {
            Stage::Informal => StageName::Informal,
            Stage::TeamManager => StageName::TeamManager,
            Stage::ServiceManager => StageName::ServiceManager,
            Stage::HeadOfService => StageName::HeadOfService,
            Stage::Director => StageName::Director,
            Stage::CafcassReferral => StageName::CafcassReferral,
        }
    }
}

#[derive(Debug, Object)]
#[oai(deny_unknown_fields)]
pub struct NewEscalationBody {
    /// The concern about the child's plan.
    #[oai(validator(max_length = 5000))]
    pub issue: Text,
    pub raised_on: Date,
    /// Where it starts; usually `informal`.
    #[oai(default = "default_stage")]
    pub stage: StageName,
    /// Default: 5 working days after it was raised (the local protocol).
    #[oai(nullable)]
    pub response_due_on: Option<Date>,
}

fn default_stage() -> StageName {
    StageName::Informal
}

/// Only the fields given change. Moving up a stage restarts the response clock.
#[derive(Debug, Object)]
#[oai(deny_unknown_fields)]
pub struct EscalationChangeBody {
    #[oai(nullable)]
    pub stage: Option<StageName>,
    #[oai(nullable)]
    pub response_due_on: Option<Date>,
    #[oai(nullable, validator(max_length = 5000))]
    pub response: Option<Text>,
    /// Setting this closes the escalation.
    #[oai(nullable)]
    pub resolved_on: Option<Date>,
}

#[derive(Debug, Object)]
pub struct EscalationBody {
    pub id: Uuid,
    pub young_person_id: Uuid,
    pub young_person_name: String,
    /// The IRO who raised it.
    pub raised_by: String,
    pub raised_on: Date,
    pub issue: String,
    pub stage: StageName,
    pub stage_reached_on: Date,
    pub response_due_on: Date,
    /// The response at the current stage.
    #[oai(nullable)]
    pub response: Option<String>,
    #[oai(nullable)]
    pub resolved_on: Option<Date>,
    /// Whole days since it was raised.
    pub age_in_days: i64,
    /// Open, unanswered, and past its response date.
    pub response_overdue: bool,
}

impl From<EscalationView> for EscalationBody {
    fn from(view: EscalationView) -> Self {
        Self {
            id: view.id,
            young_person_id: view.young_person_id,
            young_person_name: view.young_person_name,
            raised_by: view.raised_by,
            raised_on: view.state.raised_on.into(),
            issue: view.issue,
            stage: view.state.stage.into(),
            stage_reached_on: view.state.stage_reached_on.into(),
            response_due_on: view.state.response_due_on.into(),
            response: view.state.response,
            resolved_on: view.state.resolved_on.map(Into::into),
            age_in_days: view.age_in_days,
            response_overdue: view.response_overdue,
        }
    }
}

#[derive(Debug, Object)]
pub struct StepBody {
    pub stage: StageName,
    pub stage_reached_on: Date,
    pub response_due_on: Date,
    #[oai(nullable)]
    pub response: Option<String>,
    #[oai(nullable)]
    pub resolved_on: Option<Date>,
    pub recorded_by: String,
    pub recorded_at: chrono::DateTime<chrono::Utc>,
}

impl From<Step> for StepBody {
    fn from(step: Step) -> Self {
        Self {
            stage: step.state.stage.into(),
            stage_reached_on: step.state.stage_reached_on.into(),
            response_due_on: step.state.response_due_on.into(),
            response: step.state.response,
            resolved_on: step.state.resolved_on.map(Into::into),
            recorded_by: step.recorded_by,
            recorded_at: step.recorded_at,
        }
    }
}

#[derive(Debug, Object)]
pub struct EscalationWithHistory {
    pub escalation: EscalationBody,
    /// Every state it has been in, oldest first.
    pub history: Vec<StepBody>,
}

#[derive(Debug, Object)]
pub struct EscalationList {
    /// Open ones first, then the newest.
    pub escalations: Vec<EscalationBody>,
}

#[derive(Debug, Object)]
pub struct EscalationPage {
    /// Oldest first.
    pub items: Vec<EscalationBody>,
    pub total: u64,
    pub page: u64,
    pub per_page: u64,
}

#[derive(ApiResponse)]
pub enum RaisedResponse {
    /// Raised.
    #[oai(status = 201)]
    Created(Json<EscalationBody>),
}

#[OpenApi(tag = "ApiTags::Escalations")]
impl EscalationsApi {
    /// Raise an escalation about a child's plan
    ///
    /// The child's IRO only, dated on a day the child was looked after.
    #[oai(path = "/young-people/:id/escalations", method = "post")]
    async fn raise(
        &self,
        auth: BearerAuth,
        id: Path<Uuid>,
        body: Json<NewEscalationBody>,
    ) -> ApiResult<RaisedResponse> {
        let body = body.0;
        let new = Raise {
            issue: body.issue.into_string(),
            raised_on: body.raised_on.0,
            stage: body.stage.into(),
            response_due_on: body.response_due_on.map(|d| d.0),
        };
        let raised = escalations::raise(&self.state, &auth.caller(), id.0, new).await?;
        Ok(RaisedResponse::Created(Json(raised.into())))
    }

    /// A child's escalations
    #[oai(path = "/young-people/:id/escalations", method = "get")]
    async fn for_young_person(
        &self,
        auth: BearerAuth,
        id: Path<Uuid>,
    ) -> ApiResult<Json<EscalationList>> {
        let found = escalations::for_young_person(&self.state, &auth.caller(), id.0).await?;
        Ok(Json(EscalationList {
            escalations: found.into_iter().map(Into::into).collect(),
        }))
    }

    /// Open escalations across the children you hold
    ///
    /// Managers see their whole authority; IROs and social workers their own children.
    #[oai(path = "/escalations", method = "get")]
    async fn open(
        &self,
        auth: BearerAuth,
        #[oai(validator(minimum(value = "1"), maximum(value = "1000000")))] page: Query<
            Option<u64>,
        >,
        #[oai(validator(minimum(value = "1"), maximum(value = "100")))] per_page: Query<
            Option<u64>,
        >,
    ) -> ApiResult<Json<EscalationPage>> {
        let found = escalations::open(
            &self.state,
            &auth.caller(),
            PageRequest::new(page.0, per_page.0),
        )
        .await?;
        Ok(Json(EscalationPage {
            total: found.total,
            page: found.page,
            per_page: found.per_page,
            items: found.items.into_iter().map(Into::into).collect(),
        }))
    }

    /// One escalation and its history
    #[oai(path = "/escalations/:id", method = "get")]
    async fn get(
        &self,
        auth: BearerAuth,
        id: Path<Uuid>,
    ) -> ApiResult<Json<EscalationWithHistory>> {
        let (escalation, history) = escalations::get(&self.state, &auth.caller(), id.0).await?;
        Ok(Json(EscalationWithHistory {
            escalation: escalation.into(),
            history: history.into_iter().map(Into::into).collect(),
        }))
    }

    /// Escalate, record the response, or resolve
    ///
    /// The child's IRO or a manager. Stages only move up; a resolved escalation is closed.
    #[oai(path = "/escalations/:id", method = "patch")]
    async fn update(
        &self,
        auth: BearerAuth,
        id: Path<Uuid>,
        body: Json<EscalationChangeBody>,
    ) -> ApiResult<Json<EscalationBody>> {
        let body = body.0;
        let change = Change {
            stage: body.stage.map(Into::into),
            response_due_on: body.response_due_on.map(|d| d.0),
            response: body.response.map(|t| t.into_string()),
            resolved_on: body.resolved_on.map(|d| d.0),
        };
        let updated = escalations::update(&self.state, &auth.caller(), id.0, change).await?;
        Ok(Json(updated.into()))
    }
}

const _: () = assert!(MAX_TEXT_CHARS == 5000, "the validators above say 5000");

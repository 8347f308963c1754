//! `/young-people/{id}/…`: recording what happens to a child in care.
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
    domain::{care::LegalStatus, obligations::AssessmentKind},
    service::care_records::{self, NewPeriodOfCare, NewPlacement, NewReview},
};

pub struct CareApi {
    pub state: AppState,
}

/// The legal basis on which the child is looked after.
#[derive(Debug, Clone, Copy, Enum)]
#[oai(rename_all = "snake_case")]
pub enum LegalStatusName {
    S20,
    PoliceProtection,
    EmergencyProtectionOrder,
    InterimCareOrder,
    CareOrder,
    PlacementOrder,
    Remand,
}

impl From<LegalStatusName> for LegalStatus {
    fn from(name: LegalStatusName) -> Self {
        match name {
            LegalStatusName::S20 => LegalStatus::Section20,
            LegalStatusName::PoliceProtection => LegalStatus::PoliceProtection,
            LegalStatusName::EmergencyProtectionOrder => LegalStatus::EmergencyProtectionOrder,
            LegalStatusName::InterimCareOrder => LegalStatus::InterimCareOrder,
            LegalStatusName::CareOrder => LegalStatus::CareOrder,
            LegalStatusName::PlacementOrder => LegalStatus::PlacementOrder,
            LegalStatusName::Remand => LegalStatus::Remand,
        }
    }
}

#[derive(Debug, Object)]
#[oai(deny_unknown_fields)]
pub struct NewCareEpisodeBody {
    pub started_on: Date,
    /// Empty while the child is still looked after.
    #[oai(nullable)]
    pub ended_on: Option<Date>,
    pub legal_status: LegalStatusName,
}

#[derive(Debug, Object)]
#[oai(deny_unknown_fields)]
pub struct NewPlacementBody {
    pub started_on: Date,
    #[oai(nullable)]
    pub ended_on: Option<Date>,
    /// For example `foster care`, `kinship care`, `children's home`.
    #[oai(validator(max_length = 60))]
    pub placement_type: Text,
    /// Intended to last until the child is 18.
    #[oai(default)]
    pub long_term: bool,
}

#[derive(Debug, Object)]
#[oai(deny_unknown_fields)]
pub struct NewReviewBody {
    pub held_on: Date,
    /// How the child took part.
    #[oai(nullable, validator(max_length = 2000))]
    pub participation: Option<Text>,
    #[oai(nullable, validator(max_length = 10000))]
    pub outcome_notes: Option<Text>,
}

#[derive(Debug, Clone, Copy, Enum)]
#[oai(rename_all = "snake_case")]
pub enum AssessmentKindName {
    Initial,
    Review,
}

#[derive(Debug, Object)]
#[oai(deny_unknown_fields)]
pub struct NewHealthAssessmentBody {
    pub kind: AssessmentKindName,
    pub completed_on: Date,
    /// What the assessment found, written for the young person to read.
    #[oai(nullable, validator(max_length = 5000))]
    pub summary: Option<Text>,
    /// What should happen next, written for the young person to read.
    #[oai(nullable, validator(max_length = 5000))]
    pub recommendations: Option<Text>,
}

#[derive(Debug, Object)]
#[oai(deny_unknown_fields)]
pub struct NewCarePlanBody {
    pub agreed_on: Date,
}

#[derive(Debug, Object)]
#[oai(deny_unknown_fields)]
pub struct NewVisitBody {
    pub visited_on: Date,
    #[oai(default)]
    pub seen_alone: bool,
}

#[derive(Debug, Object)]
pub struct Recorded {
    pub id: Uuid,
}

#[derive(ApiResponse)]
pub enum RecordedResponse {
    /// Recorded; the young person's deadlines are up to date.
    #[oai(status = 201)]
    Created(Json<Recorded>),
}

fn created(id: Uuid) -> RecordedResponse {
    RecordedResponse::Created(Json(Recorded { id }))
}

#[OpenApi(prefix_path = "/young-people", tag = "ApiTags::Care")]
impl CareApi {
    /// Record a period of care
    ///
    /// Periods of one child cannot overlap; a new period starts the review clock again.
    #[oai(path = "/:id/care-episodes", method = "post")]
    async fn care_episode(
        &self,
        auth: BearerAuth,
        id: Path<Uuid>,
        body: Json<NewCareEpisodeBody>,
    ) -> ApiResult<RecordedResponse> {
        let new = NewPeriodOfCare {
            started_on: body.started_on.0,
            ended_on: body.ended_on.map(|d| d.0),
            legal_status: body.legal_status.into(),
        };
        Ok(created(
            care_records::record_period_of_care(&self.state, &auth.caller(), id.0, new).await?,
        ))
    }

    /// Record a placement
    ///
    /// Each placement starts its own social worker visit clock.
    #[oai(path = "/:id/placements", method = "post")]
    async fn placement(
        &self,
        auth: BearerAuth,
        id: Path<Uuid>,
        body: Json<NewPlacementBody>,
    ) -> ApiResult<RecordedResponse> {
        let body = body.0;
        let new = NewPlacement {
            started_on: body.started_on.0,
            ended_on: body.ended_on.map(|d| d.0),
            placement_type: body.placement_type.into_string(),
            long_term: body.long_term,
        };
        Ok(created(
            care_records::record_placement(&self.state, &auth.caller(), id.0, new).await?,
        ))
    }

    /// Record a looked-after child review
    ///
    /// It cannot be before care began or in the future. The next review falls due from the
    /// day this one was held.
    #[oai(path = "/:id/reviews", method = "post")]
    async fn review(
        &self,
        auth: BearerAuth,
        id: Path<Uuid>,
        body: Json<NewReviewBody>,
    ) -> ApiResult<RecordedResponse> {
        let body = body.0;
        let new = NewReview {
            held_on: body.held_on.0,
            participation: body.participation.map(|t| t.into_string()),
            outcome_notes: body.outcome_notes.map(|t| t.into_string()),
        };
        Ok(created(
            care_records::record_review(&self.state, &auth.caller(), id.0, new).await?,
        ))
    }

    /// Record a health assessment
    #[oai(path = "/:id/health-assessments", method = "post")]
    async fn health_assessment(
        &self,
        auth: BearerAuth,
        id: Path<Uuid>,
        body: Json<NewHealthAssessmentBody>,
    ) -> ApiResult<RecordedResponse> {
        let body = body.0;
        let new = care_records::NewHealthAssessment {
            kind: match body.kind {
                AssessmentKindName::Initial => AssessmentKind::Initial,
                AssessmentKindName::Review => AssessmentKind::Review,
            },
            completed_on: body.completed_on.0,
            summary: body.summary.map(Text::into_string),
            recommendations: body.recommendations.map(Text::into_string),
        };
        let recorded =
            care_records::record_health_assessment(&self.state, &auth.caller(), id.0, new).await?;
        Ok(created(recorded))
    }

    /// Record that a care plan was agreed
    #[oai(path = "/:id/care-plans", method = "post")]
    async fn care_plan(
        &self,
        auth: BearerAuth,
        id: Path<Uuid>,
        body: Json<NewCarePlanBody>,
    ) -> ApiResult<RecordedResponse> {
        Ok(created(
            care_records::record_care_plan(&self.state, &auth.caller(), id.0, body.agreed_on.0)
                .await?,
        ))
    }

    /// Record a social worker's visit
    #[oai(path = "/:id/social-worker-visits", method = "post")]
    async fn visit(
        &self,
        auth: BearerAuth,
        id: Path<Uuid>,
        body: Json<NewVisitBody>,
    ) -> ApiResult<RecordedResponse> {
        let recorded = care_records::record_visit(
            &self.state,
            &auth.caller(),
            id.0,
            body.visited_on.0,
            body.seen_alone,
        )
        .await?;
        Ok(created(recorded))
    }
}

//! Statutory deadlines: one child's, and the caller's view across the children they hold.
use poem_openapi::{
    Enum, Object, OpenApi,
    param::{Path, Query},
    payload::Json,
};
use uuid::Uuid;

use super::{ApiTags, auth::BearerAuth, problem::ApiResult, types::Date};
use crate::{
    AppState,
    domain::obligations::{Kind, Obligation, Status},
    service::{
        PageRequest,
        obligations::{self, ObligationFilter},
    },
};

pub struct ObligationsApi {
    pub state: AppState,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Enum)]
#[oai(rename_all = "snake_case")]
pub enum KindName {
    LacReview,
    CarePlan,
    InitialHealthAssessment,
    ReviewHealthAssessment,
    SocialWorkerVisit,
    DentalCheck,
    PaContact,
    PathwayPlanReview,
    NeedsAssessment,
    HomelessJointAssessment,
}

impl From<Kind> for KindName {
    fn from(kind: Kind) -> Self {
        match kind {
            Kind::LacReview => KindName::LacReview,
            Kind::CarePlan => KindName::CarePlan,
            Kind::InitialHealthAssessment => KindName::InitialHealthAssessment,
            Kind::ReviewHealthAssessment => KindName::ReviewHealthAssessment,
            Kind::SocialWorkerVisit => KindName::SocialWorkerVisit,
            Kind::DentalCheck => KindName::DentalCheck,
            Kind::PaContact => KindName::PaContact,
            Kind::PathwayPlanReview => KindName::PathwayPlanReview,
            Kind::NeedsAssessment => KindName::NeedsAssessment,
            Kind::HomelessJointAssessment => KindName::HomelessJointAssessment,
        }
    }
}

impl From<KindName> for Kind {
    fn from(kind: KindName) -> Self {
        match kind {
            KindName::LacReview => Kind::LacReview,
            KindName::CarePlan => Kind::CarePlan,
            KindName::InitialHealthAssessment => Kind::InitialHealthAssessment,
            KindName::ReviewHealthAssessment => Kind::ReviewHealthAssessment,
            KindName::SocialWorkerVisit => Kind::SocialWorkerVisit,
            KindName::DentalCheck => Kind::DentalCheck,
            KindName::PaContact => Kind::PaContact,
            KindName::PathwayPlanReview => Kind::PathwayPlanReview,
            KindName::NeedsAssessment => Kind::NeedsAssessment,
            KindName::HomelessJointAssessment => Kind::HomelessJointAssessment,
        }
    }
}

/// `upcoming`; `due_soon` (within 28 days); `overdue`; `met` (on or before the due date);
/// `met_late`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Enum)]
#[oai(rename_all = "snake_case")]
pub enum StatusName {
    Upcoming,
    DueSoon,
    Overdue,
    Met,
    MetLate,
}

impl From<Status> for StatusName {
    fn from(status: Status) -> Self {
        match status {
            Status::Upcoming => StatusName::Upcoming,
            Status::DueSoon => StatusName::DueSoon,
            Status::Overdue => StatusName::Overdue,
            Status::Met => StatusName::Met,
            Status::MetLate => StatusName::MetLate,
        }
    }
}

impl From<StatusName> for Status {
    fn from(status: StatusName) -> Self {
        match status {
            StatusName::Upcoming => Status::Upcoming,
            StatusName::DueSoon => Status::DueSoon,
            StatusName::Overdue => Status::Overdue,
            StatusName::Met => Status::Met,
            StatusName::MetLate => Status::MetLate,
        }
    }
}

#[derive(Debug, Object)]
pub struct ObligationBody {
    pub kind: KindName,
    pub due_on: Date,
    pub status: StatusName,
    /// When it was done; empty while open.
    #[oai(nullable)]
    pub completed_on: Option<Date>,
}

impl From<Obligation> for ObligationBody {
    fn from(o: Obligation) -> Self {
        Self {
            kind: o.kind.into(),
            due_on: o.due_on.into(),
            status: o.status.into(),
            completed_on: o.completed_on.map(Into::into),
        }
    }
}

#[derive(Debug, Object)]
pub struct ObligationsBody {
    /// By kind, then due date: each past occurrence and the next open one.
    pub obligations: Vec<ObligationBody>,
}

#[derive(Debug, Object)]
pub struct ListedObligationBody {
    pub young_person_id: Uuid,
    pub young_person_name: String,
    pub kind: KindName,
    pub due_on: Date,
    pub status: StatusName,
    #[oai(nullable)]
    pub completed_on: Option<Date>,
}

#[derive(Debug, Object)]
pub struct ObligationsPage {
    /// Earliest due first.
    pub items: Vec<ListedObligationBody>,
    pub total: u64,
    pub page: u64,
    pub per_page: u64,
}

#[OpenApi(tag = "ApiTags::Obligations")]
impl ObligationsApi {
    /// A young person's statutory deadlines
    ///
    /// Reviews, care plan, health assessments and social worker visits: each past occurrence
    /// (met or met late) and the next open one, as of `as_of` (default today).
    #[oai(path = "/young-people/:id/obligations", method = "get")]
    async fn for_young_person(
        &self,
        auth: BearerAuth,
        id: Path<Uuid>,
        as_of: Query<Option<Date>>,
    ) -> ApiResult<Json<ObligationsBody>> {
        let found =
            obligations::for_young_person(&self.state, &auth.caller(), id.0, as_of.0.map(|d| d.0))
                .await?;
        Ok(Json(ObligationsBody {
            obligations: found.into_iter().map(Into::into).collect(),
        }))
    }

    /// Deadlines across the young people you hold
    ///
    /// Managers see their whole authority; PAs, social workers and IROs the young people
    /// allocated to them. Filter by kind and status; statuses are worked out as of `as_of`.
    #[oai(path = "/obligations", method = "get")]
    async fn list(
        &self,
        auth: BearerAuth,
        kind: Query<Option<KindName>>,
        status: Query<Option<StatusName>>,
        as_of: Query<Option<Date>>,
        #[oai(validator(minimum(value = "1"), maximum(value = "1000000")))] page: Query<
            Option<u64>,
        >,
        #[oai(validator(minimum(value = "1"), maximum(value = "100")))] per_page: Query<
            Option<u64>,
        >,
    ) -> ApiResult<Json<ObligationsPage>> {
        let filter = ObligationFilter {
            kind: kind.0.map(Into::into),
            status: status.0.map(Into::into),
            open_only: false,
            as_of: as_of.0.map(|d| d.0),
        };
        let result = obligations::list(
            &self.state,
            &auth.caller(),
            filter,
            PageRequest::new(page.0, per_page.0),
        )
        .await?;
        Ok(Json(ObligationsPage {
            total: result.total,
            page: result.page,
            per_page: result.per_page,
            items: result
                .items
                .into_iter()
                .map(|o| ListedObligationBody {
                    young_person_id: o.young_person_id,
                    young_person_name: o.young_person_name,
                    kind: o.kind.into(),
                    due_on: o.due_on.into(),
                    status: o.status.into(),
                    completed_on: o.completed_on.map(Into::into),
                })
                .collect(),
        }))
    }
}

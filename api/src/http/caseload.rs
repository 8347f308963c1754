//! A worker's caseload: their young people, what needs attention first.
use poem_openapi::{Enum, Object, OpenApi, param::Query, payload::Json};
use uuid::Uuid;

use super::{ApiTags, auth::BearerAuth, obligations::KindName, problem::ApiResult, types::Date};
use crate::{
    AppState,
    domain::caseload::{Attention, Case, OpenDeadline, Sort},
    service::{PageRequest, caseload},
};

pub struct CaseloadApi {
    pub state: AppState,
}

/// `attention` (default): overdue first, the longest overdue first; then requests waiting;
/// then deadlines due within 28 days; then the rest. `name`: by family name. `plan_review`:
/// the soonest pathway plan deadline first. `last_contact`: the longest since the PA was in
/// touch first, never first of all.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Enum)]
#[oai(rename_all = "snake_case")]
pub enum CaseloadSort {
    Attention,
    Name,
    PlanReview,
    LastContact,
}

impl From<CaseloadSort> for Sort {
    fn from(sort: CaseloadSort) -> Self {
        match sort {
            CaseloadSort::Attention => Sort::Attention,
            CaseloadSort::Name => Sort::Name,
            CaseloadSort::PlanReview => Sort::PlanReview,
            CaseloadSort::LastContact => Sort::LastContact,
        }
    }
}

/// Why a young person is where they are: `overdue`, `requests_waiting`, `due_soon` or
/// `settled`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Enum)]
#[oai(rename_all = "snake_case")]
pub enum AttentionName {
    Overdue,
    RequestsWaiting,
    DueSoon,
    Settled,
}

impl From<Attention> for AttentionName {
    fn from(attention: Attention) -> Self {
        match attention {
            Attention::Overdue { .. } => AttentionName::Overdue,
            Attention::RequestsWaiting(_) => AttentionName::RequestsWaiting,
            Attention::DueSoon(_) => AttentionName::DueSoon,
            Attention::Settled => AttentionName::Settled,
        }
    }
}

#[derive(Debug, Object)]
pub struct CaseloadDeadlineBody {
    pub kind: KindName,
    pub due_on: Date,
}

impl From<OpenDeadline> for CaseloadDeadlineBody {
    fn from(deadline: OpenDeadline) -> Self {
        Self {
            kind: deadline.kind.into(),
            due_on: deadline.due_on.into(),
        }
    }
}

#[derive(Debug, Object)]
pub struct CaseloadEntryBody {
    pub young_person_id: Uuid,
    pub given_name: String,
    pub family_name: String,
    pub date_of_birth: Date,
    pub attention: AttentionName,
    /// Deadlines passed and not met, the longest overdue first.
    pub overdue: Vec<CaseloadDeadlineBody>,
    /// The pathway plan review or, before a first plan, the needs assessment.
    #[oai(nullable)]
    pub next_plan_review: Option<CaseloadDeadlineBody>,
    /// The last contact the PA recorded.
    #[oai(nullable)]
    pub last_contact_on: Option<Date>,
    /// Requests from the local offer asked for and not answered, or approved and not given.
    pub waiting_requests: u64,
}

#[derive(Debug, Object)]
pub struct CaseloadPage {
    pub items: Vec<CaseloadEntryBody>,
    pub total: u64,
    pub page: u64,
    pub per_page: u64,
    pub sort: CaseloadSort,
}

fn entry(case: Case, today: chrono::NaiveDate) -> CaseloadEntryBody {
    CaseloadEntryBody {
        young_person_id: case.young_person_id,
        attention: case.attention(today).into(),
        overdue: case.overdue(today).into_iter().map(Into::into).collect(),
        next_plan_review: case.next_plan_review().map(Into::into),
        last_contact_on: case.last_contact_on.map(Into::into),
        waiting_requests: case.waiting_requests,
        date_of_birth: case.date_of_birth.into(),
        given_name: case.given_name,
        family_name: case.family_name,
    }
}

#[OpenApi(tag = "ApiTags::YoungPeople")]
impl CaseloadApi {
    /// Your caseload
    ///
    /// The young people allocated to you (PA, social worker or IRO), each with their overdue
    /// deadlines, next pathway plan review, last contact with their PA and requests waiting,
    /// in the order asked for. Managers and others without allocations get 403. Each young
    /// person on the page is written to their access log.
    #[oai(path = "/caseload", method = "get")]
    async fn caseload(
        &self,
        auth: BearerAuth,
        sort: Query<Option<CaseloadSort>>,
        #[oai(validator(minimum(value = "1"), maximum(value = "1000000")))] page: Query<
            Option<u64>,
        >,
        #[oai(validator(minimum(value = "1"), maximum(value = "100")))] per_page: Query<
            Option<u64>,
        >,
    ) -> ApiResult<Json<CaseloadPage>> {
        let sort = sort.0.unwrap_or(CaseloadSort::Attention);
        let found = caseload::of(
            &self.state,
            &auth.caller(),
            sort.into(),
            PageRequest::new(page.0, per_page.0),
        )
        .await?;
        let today = self.state.clock.today();
        Ok(Json(CaseloadPage {
            total: found.total,
            page: found.page,
            per_page: found.per_page,
            sort,
            items: found.items.into_iter().map(|c| entry(c, today)).collect(),
        }))
    }
}

//! Care-leaver status: computed from the law's rules, or recorded by a professional.
use poem_openapi::{
    Enum, Object, OpenApi,
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
    domain::care_leaver::Category,
    service::care_leaver_status::{self, CareLeaverStatus},
};

pub struct CareLeaversApi {
    pub state: AppState,
}

/// `eligible`, `relevant`, `former_relevant`, `qualifying` or `none` (CPPCR 2010 reg 40;
/// Children Act 1989 s23C and s24).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Enum)]
#[oai(rename_all = "snake_case")]
pub enum CategoryName {
    Eligible,
    Relevant,
    FormerRelevant,
    Qualifying,
    None,
}

const CATEGORIES: [(CategoryName, Category); 5] = [
    (CategoryName::Eligible, Category::Eligible),
    (CategoryName::Relevant, Category::Relevant),
    (CategoryName::FormerRelevant, Category::FormerRelevant),
    (CategoryName::Qualifying, Category::Qualifying),
    (CategoryName::None, Category::None),
];

impl From<Category> for CategoryName {
    fn from(category: Category) -> Self {
        CATEGORIES
            .iter()
            .find(|(_, c)| *c == category)
            .map(|(n, _)| *n)
            .expect("every category has a name")
    }
}

impl From<CategoryName> for Category {
    fn from(name: CategoryName) -> Self {
        CATEGORIES
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, c)| *c)
            .expect("every name has a category")
    }
}

#[derive(Debug, Object)]
pub struct RecordedStatusBody {
    pub category: CategoryName,
    pub reason: String,
    pub recorded_by: String,
    pub recorded_at: chrono::DateTime<chrono::Utc>,
}

#[derive(Debug, Object)]
pub struct CareLeaverStatusBody {
    pub as_of: Date,
    /// The status in force: `recorded` if there is one, else `computed_category`.
    pub category: CategoryName,
    /// What the rules give from the date of birth and periods of care.
    pub computed_category: CategoryName,
    #[oai(nullable)]
    pub recorded: Option<RecordedStatusBody>,
}

impl From<CareLeaverStatus> for CareLeaverStatusBody {
    fn from(status: CareLeaverStatus) -> Self {
        Self {
            as_of: status.as_of.into(),
            category: status.category.into(),
            computed_category: status.computed.into(),
            recorded: status.recorded.map(|r| RecordedStatusBody {
                category: r.category.into(),
                reason: r.reason,
                recorded_by: r.recorded_by,
                recorded_at: r.recorded_at,
            }),
        }
    }
}

/// A status recorded in place of the computed one, or `category: null` to go back to the
/// computed one; with the reason either way.
#[derive(Debug, Object)]
#[oai(deny_unknown_fields)]
pub struct RecordStatusBody {
    #[oai(nullable)]
    pub category: Option<CategoryName>,
    #[oai(validator(max_length = 2000))]
    pub reason: Text,
}

#[OpenApi(prefix_path = "/young-people", tag = "ApiTags::Care")]
impl CareLeaversApi {
    /// A young person's care-leaver status on a date
    ///
    /// Computed from their date of birth and periods of care as of `as_of` (default today),
    /// unless a status was recorded in its place by then.
    #[oai(path = "/:id/care-leaver-status", method = "get")]
    async fn status(
        &self,
        auth: BearerAuth,
        id: Path<Uuid>,
        as_of: Query<Option<Date>>,
    ) -> ApiResult<Json<CareLeaverStatusBody>> {
        let status =
            care_leaver_status::on(&self.state, &auth.caller(), id.0, as_of.0.map(|d| d.0)).await?;
        Ok(Json(status.into()))
    }

    /// Record a care-leaver status in place of the computed one
    ///
    /// The young person's PA or social worker, or a manager. `category: null` withdraws a
    /// recorded status. Every record is kept.
    #[oai(path = "/:id/care-leaver-status", method = "put")]
    async fn record(
        &self,
        auth: BearerAuth,
        id: Path<Uuid>,
        body: Json<RecordStatusBody>,
    ) -> ApiResult<Json<CareLeaverStatusBody>> {
        let body = body.0;
        let caller = auth.caller();
        care_leaver_status::record(
            &self.state,
            &caller,
            id.0,
            body.category.map(Into::into),
            &body.reason,
        )
        .await?;
        let status = care_leaver_status::on(&self.state, &caller, id.0, None).await?;
        Ok(Json(status.into()))
    }
}

//! Figures for managers.
use poem_openapi::{Object, OpenApi, param::Query, payload::Json};
use uuid::Uuid;

use super::{ApiTags, auth::BearerAuth, obligations::KindName, problem::ApiResult, types::Date};
use crate::{
    AppState,
    domain::{obligations::Kind, timeliness::Measure},
    service::reports,
};

pub struct ReportsApi {
    pub state: AppState,
}

#[derive(Debug, Object)]
pub struct MeasureBody {
    /// `lac_review`, `initial_health_assessment` or `review_health_assessment`.
    pub kind: KindName,
    /// Due within the period and either met or already passed.
    pub due: u64,
    pub on_time: u64,
    pub late: u64,
    /// Whole-number percentage; empty when nothing was due.
    #[oai(nullable)]
    pub percent_on_time: Option<u8>,
}

fn bodies(measures: Vec<(Kind, Measure)>) -> Vec<MeasureBody> {
    measures
        .into_iter()
        .map(|(kind, m)| MeasureBody {
            kind: kind.into(),
            due: m.due,
            on_time: m.on_time,
            late: m.late(),
            percent_on_time: m.percent_on_time(),
        })
        .collect()
}

#[derive(Debug, Object)]
pub struct TeamTimelinessBody {
    /// Empty for children with no social worker, or one in no team.
    #[oai(nullable)]
    pub team_id: Option<Uuid>,
    pub team_name: String,
    pub measures: Vec<MeasureBody>,
}

#[derive(Debug, Object)]
pub struct TimelinessBody {
    pub from: Date,
    pub to: Date,
    pub overall: Vec<MeasureBody>,
    /// A child counts in their social worker's team.
    pub teams: Vec<TeamTimelinessBody>,
}

#[OpenApi(prefix_path = "/reports", tag = "ApiTags::Reports")]
impl ReportsApi {
    /// Reviews and health assessments on time
    ///
    /// For deadlines due from `from` to `to` (default: the twelve months to today; at most
    /// five years), how many were met on time, overall and by team. Open deadlines not yet
    /// reached are left out. Managers only.
    #[oai(path = "/timeliness", method = "get")]
    async fn timeliness(
        &self,
        auth: BearerAuth,
        from: Query<Option<Date>>,
        to: Query<Option<Date>>,
    ) -> ApiResult<Json<TimelinessBody>> {
        let found = reports::timeliness(
            &self.state,
            &auth.caller(),
            from.0.map(|d| d.0),
            to.0.map(|d| d.0),
        )
        .await?;
        Ok(Json(TimelinessBody {
            from: found.period.from.into(),
            to: found.period.to.into(),
            overall: bodies(found.overall),
            teams: found
                .teams
                .into_iter()
                .map(|t| TeamTimelinessBody {
                    team_id: t.team_id,
                    team_name: t.team_name,
                    measures: bodies(t.measures),
                })
                .collect(),
        }))
    }
}

//! Figures across the service for managers: how many statutory deadlines were met on time,
//! overall and by team (a child's team is their social worker's).
use std::collections::BTreeMap;

use chrono::NaiveDate;
use entity::{obligation, staff_allocation, team, user};
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    sea_query::{Alias, Cond, Expr, ExprTrait, Func, JoinType, Query},
};
use uuid::Uuid;

use super::{Caller, access::current_on, obligations::status_condition};
use crate::{
    AppState,
    domain::{
        access::{self, Action, Decision},
        obligations::{Kind, Status},
        roles::AllocationRole,
        timeliness::{MEASURED, Measure, Period},
    },
    error::{Error, Result},
};

#[derive(Debug, Clone)]
pub struct TeamTimeliness {
    /// `None` for children with no social worker, or one in no team.
    pub team_id: Option<Uuid>,
    pub team_name: String,
    pub measures: Vec<(Kind, Measure)>,
}

#[derive(Debug, Clone)]
pub struct Timeliness {
    pub period: Period,
    pub overall: Vec<(Kind, Measure)>,
    pub teams: Vec<TeamTimeliness>,
}

const NO_TEAM: &str = "No social worker or team recorded";

fn measures(found: Option<&BTreeMap<Kind, Measure>>) -> Vec<(Kind, Measure)> {
    MEASURED
        .iter()
        .map(|kind| {
            let measure = found.and_then(|m| m.get(kind)).copied().unwrap_or_default();
            (*kind, measure)
        })
        .collect()
}

/// Reviews and health assessments due between `from` and `to` (default: the twelve months to
/// today): how many were met on time.
#[tracing::instrument(skip(state, caller))]
pub async fn timeliness(
    state: &AppState,
    caller: &Caller,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
) -> Result<Timeliness> {
    match access::decide(&caller.actor, Action::ReadReports, None) {
        Decision::Allowed(_) => {}
        Decision::Forbidden | Decision::NotFound => return Err(Error::Forbidden),
    }
    let today = state.clock.today();
    let period = Period::new(from, to, today).map_err(Error::Invalid)?;
    let o = |column: obligation::Column| (obligation::Entity, column);
    let kinds: Vec<&str> = MEASURED.iter().map(|k| k.code()).collect();
    let query = Query::select()
        .column(o(obligation::Column::Kind))
        .column((user::Entity, user::Column::TeamId))
        .expr_as(
            Func::count(Expr::col(o(obligation::Column::Id))),
            Alias::new("due"),
        )
        .expr_as(
            Func::sum(Expr::case(status_condition(Status::Met, today), 1).finally(0)),
            Alias::new("on_time"),
        )
        .from(obligation::Entity)
        .join(
            JoinType::LeftJoin,
            staff_allocation::Entity,
            Cond::all()
                .add(
                    Expr::col((
                        staff_allocation::Entity,
                        staff_allocation::Column::YoungPersonId,
                    ))
                    .equals(o(obligation::Column::YoungPersonId)),
                )
                .add(staff_allocation::Column::Role.eq(AllocationRole::SocialWorker.code()))
                .add(current_on(today)),
        )
        .join(
            JoinType::LeftJoin,
            user::Entity,
            Expr::col((user::Entity, user::Column::Id)).equals((
                staff_allocation::Entity,
                staff_allocation::Column::StaffUserId,
            )),
        )
        .and_where(Expr::col(o(obligation::Column::AuthorityId)).eq(caller.actor.authority_id))
        .and_where(Expr::col(o(obligation::Column::Kind)).is_in(kinds))
        .and_where(Expr::col(o(obligation::Column::DueOn)).gte(period.from))
        .and_where(Expr::col(o(obligation::Column::DueOn)).lte(period.to))
        // Met, or passed without being met: open deadlines still to come do not count yet.
        .cond_where(
            Cond::any()
                .add(Expr::col(o(obligation::Column::CompletedOn)).is_not_null())
                .add(Expr::col(o(obligation::Column::DueOn)).lt(today)),
        )
        .group_by_col(o(obligation::Column::Kind))
        .group_by_col((user::Entity, user::Column::TeamId))
        .to_owned();
    let rows = state.db.query_all(&query).await?;
    let mut by_team: BTreeMap<Option<Uuid>, BTreeMap<Kind, Measure>> = BTreeMap::new();
    let mut overall: BTreeMap<Kind, Measure> = BTreeMap::new();
    for row in rows {
        let kind: String = row.try_get("", "kind")?;
        let Some(kind) = Kind::from_code(&kind) else {
            continue;
        };
        let team_id: Option<Uuid> = row.try_get("", "team_id")?;
        let due: i64 = row.try_get("", "due")?;
        let on_time: i64 = row.try_get("", "on_time")?;
        let measure = Measure {
            due: due as u64,
            on_time: on_time as u64,
        };
        by_team
            .entry(team_id)
            .or_default()
            .entry(kind)
            .or_default()
            .add(measure);
        overall.entry(kind).or_default().add(measure);
    }
    let teams = team::Entity::find()
        .filter(team::Column::AuthorityId.eq(caller.actor.authority_id))
        .order_by_asc(team::Column::Name)
        .all(&state.db)
        .await?;
    let mut team_rows: Vec<TeamTimeliness> = teams
        .iter()
        .map(|t| TeamTimeliness {
            team_id: Some(t.id),
            team_name: t.name.clone(),
            measures: measures(by_team.get(&Some(t.id))),
        })
        .collect();
    if let Some(unteamed) = by_team.get(&None) {
        team_rows.push(TeamTimeliness {
            team_id: None,
            team_name: NO_TEAM.into(),
            measures: measures(Some(unteamed)),
        });
    }
    Ok(Timeliness {
        period,
        overall: measures(Some(&overall)),
        teams: team_rows,
    })
}

//! The private fostering officer's casework: the arrangements the council knows about, the
//! visit each is owed next, and the visits made.
use std::collections::HashMap;

use chrono::NaiveDate;
use entity::{pf_arrangement, pf_notification, pf_visit};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QuerySelect, QueryTrait, Set,
    sea_query::Expr,
};
use uuid::Uuid;

use super::reads::{self, CaseRead};
use crate::{
    AppState,
    domain::{
        access::{self, Action, Decision},
        private_fostering::{
            ArrangementStatus, StatusChange, check_status_change,
            visits::{Visit, VisitDeadline, VisitFacts, check_visit, visit_deadlines},
        },
    },
    error::{Error, Result},
    service::{Caller, Page, PageRequest},
};

/// An arrangement as the officer's list shows it.
#[derive(Debug, Clone)]
pub struct Arrangement {
    pub id: Uuid,
    pub status: ArrangementStatus,
    pub child_name: String,
    pub carer_name: String,
    pub aware_on: NaiveDate,
    /// The first time anyone told us.
    pub received_on: NaiveDate,
    pub notifications: u64,
    pub last_visit_on: Option<NaiveDate>,
    /// The visit owed next, while it is owed.
    pub next_visit: Option<VisitDeadline>,
}

pub(super) fn allowed(caller: &Caller, action: Action) -> Result<()> {
    match access::decide(&caller.actor, action, None) {
        Decision::Allowed(_) => Ok(()),
        _ => Err(Error::Forbidden),
    }
}

/// Whether the arrangement still owes visits: not once it turned out not to be private
/// fostering, nor once it ended.
pub(super) fn owes_visits(status: ArrangementStatus) -> bool {
    !matches!(
        status,
        ArrangementStatus::NotPrivateFostering | ArrangementStatus::Ended
    )
}

/// What the visit clock needs. One found not to be private fostering stopped owing visits the
/// day that was decided (or, if that day was not recorded, from the start).
pub(super) fn visit_facts(
    row: &pf_arrangement::Model,
    status: ArrangementStatus,
    received_on: NaiveDate,
    visits: Vec<NaiveDate>,
) -> VisitFacts {
    let ended_on = match status {
        ArrangementStatus::NotPrivateFostering => {
            Some(row.status_changed_on.unwrap_or(row.aware_on))
        }
        _ => row.ended_on,
    };
    VisitFacts {
        received_on,
        aware_on: row.aware_on,
        visits,
        ended_on,
    }
}

/// An arrangement's row with the first day anyone told us, how many did, and the days it was
/// visited.
pub(super) struct Loaded {
    pub row: pf_arrangement::Model,
    pub status: ArrangementStatus,
    pub received_on: NaiveDate,
    pub notifications: u64,
    pub visits: Vec<NaiveDate>,
}

impl Loaded {
    pub fn facts(&self) -> VisitFacts {
        visit_facts(
            &self.row,
            self.status,
            self.received_on,
            self.visits.clone(),
        )
    }

    /// The arrangement as the list shows it, as of `today`.
    pub fn summary(self, today: NaiveDate) -> Arrangement {
        let next_visit = owes_visits(self.status)
            .then(|| visit_deadlines(&self.facts(), today).pop())
            .flatten()
            .filter(|d| d.completed_on.is_none());
        Arrangement {
            id: self.row.id,
            status: self.status,
            last_visit_on: self.visits.iter().copied().max(),
            child_name: self.row.child_name,
            carer_name: self.row.carer_name,
            aware_on: self.row.aware_on,
            received_on: self.received_on,
            notifications: self.notifications,
            next_visit,
        }
    }
}

/// Every arrangement in an authority with its notification days and visit days: three queries
/// however many there are.
pub(super) async fn load_all(state: &AppState, authority_id: Uuid) -> Result<Vec<Loaded>> {
    let in_authority = || {
        pf_arrangement::Entity::find()
            .select_only()
            .column(pf_arrangement::Column::Id)
            .filter(pf_arrangement::Column::AuthorityId.eq(authority_id))
            .into_query()
    };
    let rows = pf_arrangement::Entity::find()
        .filter(pf_arrangement::Column::AuthorityId.eq(authority_id))
        .all(&state.db)
        .await?;
    let mut received: HashMap<Uuid, (NaiveDate, u64)> = HashMap::new();
    let notifications: Vec<(Uuid, NaiveDate)> = pf_notification::Entity::find()
        .select_only()
        .column(pf_notification::Column::ArrangementId)
        .column(pf_notification::Column::ReceivedOn)
        .filter(pf_notification::Column::ArrangementId.in_subquery(in_authority()))
        .into_tuple()
        .all(&state.db)
        .await?;
    for (arrangement_id, received_on) in notifications {
        let entry = received.entry(arrangement_id).or_insert((received_on, 0));
        entry.0 = entry.0.min(received_on);
        entry.1 += 1;
    }
    let mut visits: HashMap<Uuid, Vec<NaiveDate>> = HashMap::new();
    let visit_rows: Vec<(Uuid, NaiveDate)> = pf_visit::Entity::find()
        .select_only()
        .column(pf_visit::Column::ArrangementId)
        .column(pf_visit::Column::VisitedOn)
        .filter(pf_visit::Column::ArrangementId.in_subquery(in_authority()))
        .into_tuple()
        .all(&state.db)
        .await?;
    for (arrangement_id, visited_on) in visit_rows {
        visits.entry(arrangement_id).or_default().push(visited_on);
    }
    Ok(rows
        .into_iter()
        .filter_map(|row| {
            let status = ArrangementStatus::from_code(&row.status)?;
            let (received_on, notifications) = *received.get(&row.id)?;
            let visits = visits.remove(&row.id).unwrap_or_default();
            Some(Loaded {
                row,
                status,
                received_on,
                notifications,
                visits,
            })
        })
        .collect())
}

/// Every arrangement in the caller's authority, the visit due soonest first (the longest
/// overdue at the top) and those owing no visit last. Three queries however many there are.
#[tracing::instrument(skip(state, caller))]
pub async fn list(
    state: &AppState,
    caller: &Caller,
    page: PageRequest,
) -> Result<Page<Arrangement>> {
    let role = reads::reading_role(caller)?;
    let today = state.clock.today();
    let mut arrangements: Vec<Arrangement> = load_all(state, caller.actor.authority_id)
        .await?
        .into_iter()
        .map(|loaded| loaded.summary(today))
        .collect();
    arrangements.sort_by(|a, b| {
        let due = |x: &Arrangement| x.next_visit.map(|d| d.due_on);
        (due(a).is_none(), due(a), a.received_on, a.id).cmp(&(
            due(b).is_none(),
            due(b),
            b.received_on,
            b.id,
        ))
    });
    let total = arrangements.len() as u64;
    let items = arrangements
        .into_iter()
        .skip(usize::try_from(page.offset()).unwrap_or(usize::MAX))
        .take(usize::try_from(page.per_page).unwrap_or(usize::MAX))
        .collect::<Vec<Arrangement>>();
    let shown: Vec<Uuid> = items.iter().map(|a| a.id).collect();
    reads::record(state, caller, role, &shown, CaseRead::Listed).await?;
    Ok(Page {
        items,
        total,
        page: page.page,
        per_page: page.per_page,
    })
}

/// Record a visit to a privately fostered child.
#[tracing::instrument(skip(state, caller, visit))]
pub async fn record_visit(
    state: &AppState,
    caller: &Caller,
    arrangement_id: Uuid,
    visit: Visit,
) -> Result<Uuid> {
    allowed(caller, Action::RecordPrivateFostering)?;
    let arrangement = find(state, caller, arrangement_id).await?;
    let known_from = known_from(state, &arrangement).await?;
    check_visit(&visit, known_from, state.clock.today()).map_err(Error::Invalid)?;
    let row = pf_visit::ActiveModel {
        id: Set(Uuid::new_v4()),
        arrangement_id: Set(arrangement.id),
        visited_on: Set(visit.visited_on),
        child_seen: Set(visit.child_seen),
        seen_alone: Set(visit.seen_alone),
        report: Set(visit.report.trim().to_owned()),
        recorded_by: Set(caller.actor.user_id),
        recorded_at: Set(state.clock.now()),
    }
    .insert(&state.db)
    .await?;
    tracing::info!(arrangement_id = %arrangement.id, "private fostering visit recorded");
    Ok(row.id)
}

pub(super) async fn find(
    state: &AppState,
    caller: &Caller,
    id: Uuid,
) -> Result<pf_arrangement::Model> {
    pf_arrangement::Entity::find_by_id(id)
        .filter(pf_arrangement::Column::AuthorityId.eq(caller.actor.authority_id))
        .one(&state.db)
        .await?
        .ok_or(Error::NotFound)
}

/// The first day the council knew of the arrangement: nothing about it can be dated before.
pub(super) async fn known_from(
    state: &AppState,
    arrangement: &pf_arrangement::Model,
) -> Result<NaiveDate> {
    let first_told = pf_notification::Entity::find()
        .select_only()
        .column_as(pf_notification::Column::ReceivedOn.min(), "first")
        .filter(pf_notification::Column::ArrangementId.eq(arrangement.id))
        .into_tuple::<Option<NaiveDate>>()
        .one(&state.db)
        .await?
        .flatten()
        .unwrap_or(arrangement.aware_on);
    Ok(first_told.min(arrangement.aware_on))
}

/// Move an arrangement on: assessing, confirmed, not private fostering (with the reason), or
/// ended (with the reason and the day). A change made from a status that has since changed
/// is refused with 409.
#[tracing::instrument(skip(state, caller, change))]
pub async fn change_status(
    state: &AppState,
    caller: &Caller,
    arrangement_id: Uuid,
    from: ArrangementStatus,
    change: StatusChange,
) -> Result<()> {
    allowed(caller, Action::RecordPrivateFostering)?;
    let arrangement = find(state, caller, arrangement_id).await?;
    let current = ArrangementStatus::from_code(&arrangement.status)
        .ok_or_else(|| Error::Unexpected(anyhow::anyhow!("unknown arrangement status")))?;
    if current != from {
        return Err(Error::Conflict(format!(
            "Someone has changed this arrangement meanwhile: it is now {}",
            current.words()
        )));
    }
    let known_from = known_from(state, &arrangement).await?;
    let today = state.clock.today();
    check_status_change(current, &change, known_from, today).map_err(Error::Invalid)?;
    // Only if it is still as the officer saw it: two changes at once cannot both land.
    let update = pf_arrangement::Entity::update_many()
        .col_expr(
            pf_arrangement::Column::Status,
            Expr::value(change.to.code()),
        )
        .col_expr(
            pf_arrangement::Column::StatusReason,
            Expr::value(change.reason.map(|r| r.trim().to_owned())),
        )
        .col_expr(
            pf_arrangement::Column::EndedOn,
            Expr::value(change.ended_on),
        )
        .col_expr(
            pf_arrangement::Column::StatusChangedOn,
            Expr::value(Some(today)),
        )
        .col_expr(
            pf_arrangement::Column::UpdatedAt,
            Expr::value(state.clock.now()),
        );
    // The day it was confirmed counts in the year's figures; going back to assessing takes the
    // confirmation back.
    let update = match change.to {
        ArrangementStatus::Confirmed => update.col_expr(
            pf_arrangement::Column::ConfirmedOn,
            Expr::value(Some(today)),
        ),
        ArrangementStatus::Assessing => update.col_expr(
            pf_arrangement::Column::ConfirmedOn,
            Expr::value(Option::<NaiveDate>::None),
        ),
        _ => update,
    };
    let changed = update
        .filter(pf_arrangement::Column::Id.eq(arrangement.id))
        .filter(pf_arrangement::Column::Status.eq(current.code()))
        .exec(&state.db)
        .await?;
    if changed.rows_affected == 0 {
        return Err(Error::Conflict(
            "Someone has changed this arrangement meanwhile".into(),
        ));
    }
    tracing::info!(arrangement_id = %arrangement.id, status = change.to.code(), "private fostering status changed");
    Ok(())
}

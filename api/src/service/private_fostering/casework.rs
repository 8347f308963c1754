//! One arrangement as the officer works on it: everything anyone told us, the visits, the
//! Schedule 2 checklist and the DBS checks of the household; and recording those checks.

use chrono::{DateTime, NaiveDate, Utc};
use entity::{pf_notification, pf_schedule_2_check, pf_suitability_check, pf_visit};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, Set};
use uuid::Uuid;

use super::arrangements::{
    Arrangement, Loaded, allowed, find, known_from, owes_visits, visit_facts,
};
use crate::{
    AppState,
    domain::{
        access::Action,
        private_fostering::{
            ArrangementStatus,
            notification::{Notification, Notifier},
            schedule_2::{
                CheckedWhen, Finding, Schedule2Check, Schedule2Checklist, Schedule2Matter,
                check_schedule_2_check, checklist, given_notes,
            },
            suitability::{DbsOutcome, SuitabilityCheck, check_suitability_check},
            visits::{VisitDeadline, visit_deadlines},
        },
    },
    error::{Error, Result},
    service::{Caller, accounts},
};

/// The member of staff who recorded something.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordedBy {
    pub user_id: Uuid,
    /// "A former member of staff" if their account cannot be found.
    pub name: String,
}

/// One time someone told us, as they told us.
#[derive(Debug, Clone)]
pub struct SentNotification {
    pub id: Uuid,
    pub reference: String,
    pub received_at: DateTime<Utc>,
    pub received_on: NaiveDate,
    pub notifier: Notifier,
    /// Everything they said. What the public typed: show it only as text.
    pub notification: Notification,
}

#[derive(Debug, Clone)]
pub struct RecordedVisit {
    pub id: Uuid,
    pub visited_on: NaiveDate,
    pub child_seen: bool,
    pub seen_alone: Option<bool>,
    pub report: String,
    pub recorded_by: RecordedBy,
    pub recorded_at: DateTime<Utc>,
}

#[derive(Debug, Clone)]
pub struct RecordedSchedule2Check {
    pub id: Uuid,
    pub matter: Schedule2Matter,
    pub checked_on: NaiveDate,
    pub finding: Finding,
    pub notes: Option<String>,
    pub recorded_by: RecordedBy,
    pub recorded_at: DateTime<Utc>,
}

#[derive(Debug, Clone)]
pub struct RecordedSuitabilityCheck {
    pub id: Uuid,
    pub person_name: String,
    pub relationship: String,
    pub checked_on: NaiveDate,
    pub outcome: DbsOutcome,
    pub notes: Option<String>,
    pub recorded_by: RecordedBy,
    pub recorded_at: DateTime<Utc>,
}

/// One arrangement with everything the officer has on it.
#[derive(Debug, Clone)]
pub struct Case {
    pub arrangement: Arrangement,
    /// Where the child is living.
    pub carer_address: String,
    /// Why it is not private fostering, or why it ended.
    pub status_reason: Option<String>,
    pub confirmed_on: Option<NaiveDate>,
    pub ended_on: Option<NaiveDate>,
    /// Every notification, the first first.
    pub notifications: Vec<SentNotification>,
    /// Every visit, the latest first.
    pub visits: Vec<RecordedVisit>,
    /// Each visit deadline so far, met or not, and the one owed next while one is owed.
    pub visit_deadlines: Vec<VisitDeadline>,
    /// The latest check of each Schedule 2 matter, and the matters not yet checked.
    pub schedule_2: Schedule2Checklist<RecordedSchedule2Check>,
    /// Every Schedule 2 check, the latest first.
    pub schedule_2_history: Vec<RecordedSchedule2Check>,
    /// Every DBS check, the latest first.
    pub suitability_checks: Vec<RecordedSuitabilityCheck>,
}

fn unexpected(what: &str) -> Error {
    Error::Unexpected(anyhow::anyhow!("{what}"))
}

/// One arrangement in the caller's authority, in six queries however much is recorded on it,
/// and the read written to the case's access log.
#[tracing::instrument(skip(state, caller))]
pub async fn case(state: &AppState, caller: &Caller, id: Uuid) -> Result<Case> {
    let role = super::reads::reading_role(caller)?;
    let row = find(state, caller, id).await?;
    let status = ArrangementStatus::from_code(&row.status)
        .ok_or_else(|| unexpected("unknown arrangement status"))?;
    let notifications = pf_notification::Entity::find()
        .filter(pf_notification::Column::ArrangementId.eq(id))
        .order_by_asc(pf_notification::Column::ReceivedAt)
        .all(&state.db)
        .await?;
    let visits = pf_visit::Entity::find()
        .filter(pf_visit::Column::ArrangementId.eq(id))
        .order_by_desc(pf_visit::Column::VisitedOn)
        .order_by_desc(pf_visit::Column::RecordedAt)
        .all(&state.db)
        .await?;
    let schedule_2 = pf_schedule_2_check::Entity::find()
        .filter(pf_schedule_2_check::Column::ArrangementId.eq(id))
        .order_by_desc(pf_schedule_2_check::Column::CheckedOn)
        .order_by_desc(pf_schedule_2_check::Column::RecordedAt)
        .all(&state.db)
        .await?;
    let suitability = pf_suitability_check::Entity::find()
        .filter(pf_suitability_check::Column::ArrangementId.eq(id))
        .order_by_desc(pf_suitability_check::Column::CheckedOn)
        .order_by_desc(pf_suitability_check::Column::RecordedAt)
        .all(&state.db)
        .await?;
    let names = accounts::names(
        &state.db,
        visits
            .iter()
            .map(|v| v.recorded_by)
            .chain(schedule_2.iter().map(|c| c.recorded_by))
            .chain(suitability.iter().map(|c| c.recorded_by)),
    )
    .await?;
    let by = |user_id: Uuid| RecordedBy {
        user_id,
        name: names.of(user_id),
    };

    let received_on = notifications
        .iter()
        .map(|n| n.received_on)
        .min()
        .ok_or_else(|| unexpected("an arrangement with no notification"))?;
    let today = state.clock.today();
    let visit_days: Vec<NaiveDate> = visits.iter().map(|v| v.visited_on).collect();
    let mut deadlines = visit_deadlines(
        &visit_facts(&row, status, received_on, visit_days.clone()),
        today,
    );
    if !owes_visits(status) {
        deadlines.retain(|d| d.completed_on.is_some());
    }
    let sent = notifications
        .into_iter()
        .map(sent_notification)
        .collect::<Result<Vec<_>>>()?;
    let history = schedule_2
        .into_iter()
        .map(|c| schedule_2_check(c, &by))
        .collect::<Result<Vec<_>>>()?;
    let suitability_checks = suitability
        .into_iter()
        .map(|c| suitability_check(c, &by))
        .collect::<Result<Vec<_>>>()?;
    let visits = visits
        .into_iter()
        .map(|v| RecordedVisit {
            id: v.id,
            visited_on: v.visited_on,
            child_seen: v.child_seen,
            seen_alone: v.seen_alone,
            report: v.report,
            recorded_by: by(v.recorded_by),
            recorded_at: v.recorded_at,
        })
        .collect();
    let carer_address = row.carer_address.clone();
    let status_reason = row.status_reason.clone();
    let (confirmed_on, ended_on) = (row.confirmed_on, row.ended_on);
    let arrangement = Loaded {
        row,
        status,
        received_on,
        notifications: sent.len() as u64,
        visits: visit_days,
    }
    .summary(today);
    super::reads::record(state, caller, role, &[id], super::reads::CaseRead::Case).await?;
    Ok(Case {
        arrangement,
        carer_address,
        status_reason,
        confirmed_on,
        ended_on,
        notifications: sent,
        visits,
        visit_deadlines: deadlines,
        schedule_2: checklist(&history, |c| CheckedWhen {
            matter: c.matter,
            checked_on: c.checked_on,
            recorded_at: c.recorded_at,
        }),
        schedule_2_history: history,
        suitability_checks,
    })
}

/// The names of the members of staff with these ids, in one query.
fn sent_notification(row: pf_notification::Model) -> Result<SentNotification> {
    let notification: Notification =
        serde_json::from_str(&row.details).map_err(|e| Error::Unexpected(e.into()))?;
    Ok(SentNotification {
        id: row.id,
        notifier: Notifier::from_code(&row.notifier_relationship)
            .ok_or_else(|| unexpected("unknown notifier"))?,
        reference: row.reference,
        received_at: row.received_at,
        received_on: row.received_on,
        notification,
    })
}

fn schedule_2_check(
    row: pf_schedule_2_check::Model,
    by: &impl Fn(Uuid) -> RecordedBy,
) -> Result<RecordedSchedule2Check> {
    Ok(RecordedSchedule2Check {
        id: row.id,
        matter: Schedule2Matter::from_code(&row.matter)
            .ok_or_else(|| unexpected("unknown Schedule 2 matter"))?,
        checked_on: row.checked_on,
        finding: Finding::from_code(&row.finding).ok_or_else(|| unexpected("unknown finding"))?,
        notes: row.notes,
        recorded_by: by(row.recorded_by),
        recorded_at: row.recorded_at,
    })
}

fn suitability_check(
    row: pf_suitability_check::Model,
    by: &impl Fn(Uuid) -> RecordedBy,
) -> Result<RecordedSuitabilityCheck> {
    Ok(RecordedSuitabilityCheck {
        id: row.id,
        person_name: row.person_name,
        relationship: row.relationship,
        checked_on: row.checked_on,
        outcome: DbsOutcome::from_code(&row.outcome)
            .ok_or_else(|| unexpected("unknown DBS outcome"))?,
        notes: row.notes,
        recorded_by: by(row.recorded_by),
        recorded_at: row.recorded_at,
    })
}

/// The caller, as the one recording.
async fn recorder(state: &AppState, caller: &Caller) -> Result<RecordedBy> {
    let user_id = caller.actor.user_id;
    Ok(RecordedBy {
        user_id,
        name: accounts::names(&state.db, [user_id]).await?.of(user_id),
    })
}

/// Record a check of one Schedule 2 matter. Earlier checks of the matter are kept.
#[tracing::instrument(skip(state, caller, check))]
pub async fn record_schedule_2_check(
    state: &AppState,
    caller: &Caller,
    arrangement_id: Uuid,
    check: Schedule2Check,
) -> Result<RecordedSchedule2Check> {
    allowed(caller, Action::RecordPrivateFostering)?;
    let arrangement = find(state, caller, arrangement_id).await?;
    let known_from = known_from(state, &arrangement).await?;
    check_schedule_2_check(&check, known_from, state.clock.today()).map_err(Error::Invalid)?;
    let row = pf_schedule_2_check::ActiveModel {
        id: Set(Uuid::new_v4()),
        arrangement_id: Set(arrangement.id),
        matter: Set(check.matter.code().to_owned()),
        checked_on: Set(check.checked_on),
        finding: Set(check.finding.code().to_owned()),
        notes: Set(given_notes(check.notes.as_deref()).map(str::to_owned)),
        recorded_by: Set(caller.actor.user_id),
        recorded_at: Set(state.clock.now()),
    }
    .insert(&state.db)
    .await?;
    tracing::info!(arrangement_id = %arrangement.id, matter = check.matter.code(), "Schedule 2 check recorded");
    let recorder = recorder(state, caller).await?;
    schedule_2_check(row, &|_| recorder.clone())
}

/// Record a DBS check of the carer or an adult in their household.
#[tracing::instrument(skip(state, caller, check))]
pub async fn record_suitability_check(
    state: &AppState,
    caller: &Caller,
    arrangement_id: Uuid,
    check: SuitabilityCheck,
) -> Result<RecordedSuitabilityCheck> {
    allowed(caller, Action::RecordPrivateFostering)?;
    let arrangement = find(state, caller, arrangement_id).await?;
    check_suitability_check(&check, state.clock.today()).map_err(Error::Invalid)?;
    let row = pf_suitability_check::ActiveModel {
        id: Set(Uuid::new_v4()),
        arrangement_id: Set(arrangement.id),
        person_name: Set(check.person_name.trim().to_owned()),
        relationship: Set(check.relationship.trim().to_owned()),
        checked_on: Set(check.checked_on),
        outcome: Set(check.outcome.code().to_owned()),
        notes: Set(given_notes(check.notes.as_deref()).map(str::to_owned)),
        recorded_by: Set(caller.actor.user_id),
        recorded_at: Set(state.clock.now()),
    }
    .insert(&state.db)
    .await?;
    tracing::info!(arrangement_id = %arrangement.id, outcome = check.outcome.code(), "DBS check recorded");
    let recorder = recorder(state, caller).await?;
    suitability_check(row, &|_| recorder.clone())
}

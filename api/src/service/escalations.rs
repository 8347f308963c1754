//! IRO escalations: raising a concern about a child's plan, moving it up the stages,
//! recording the response and resolving it. Every state is kept as a step.

use chrono::NaiveDate;
use entity::{escalation, escalation_step};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect, Set, TransactionTrait,
};
use uuid::Uuid;

use super::{
    Caller, Page, PageRequest,
    access::{allocated_to, authorise, authorise_read},
    access_log::{self, ReadKind},
    accounts,
    obligations::load_facts,
    young_people,
};
use crate::{
    AppState,
    domain::{
        access::{self, Action, ListScope},
        escalations::{self, Change, Escalation, Raise, Stage},
        roles::Role,
    },
    error::{Error, Result},
};

/// An escalation as people read it.
#[derive(Debug, Clone)]
pub struct EscalationView {
    pub id: Uuid,
    pub young_person_id: Uuid,
    pub young_person_name: String,
    pub raised_by: String,
    pub issue: String,
    pub state: Escalation,
    pub age_in_days: i64,
    pub response_overdue: bool,
}

/// One state the escalation was in, and who recorded it.
#[derive(Debug, Clone)]
pub struct Step {
    pub state: Escalation,
    pub recorded_by: String,
    pub recorded_at: chrono::DateTime<chrono::Utc>,
}

fn state_of(row: &escalation::Model) -> Result<Escalation> {
    let stage = Stage::from_code(&row.stage).ok_or_else(|| {
        Error::Unexpected(anyhow::anyhow!(
            "escalation {} has an unknown stage code",
            row.id
        ))
    })?;
    Ok(Escalation {
        raised_on: row.raised_on,
        stage,
        stage_reached_on: row.stage_reached_on,
        response_due_on: row.response_due_on,
        response: row.response.clone(),
        resolved_on: row.resolved_on,
    })
}

async fn views(
    db: &impl ConnectionTrait,
    rows: Vec<escalation::Model>,
    today: NaiveDate,
) -> Result<Vec<EscalationView>> {
    let people = young_people::names(db, rows.iter().map(|r| r.young_person_id)).await?;
    let staff = accounts::names(db, rows.iter().map(|r| r.raised_by)).await?;
    rows.into_iter()
        .map(|row| {
            let state = state_of(&row)?;
            Ok(EscalationView {
                id: row.id,
                young_person_id: row.young_person_id,
                young_person_name: people
                    .get(&row.young_person_id)
                    .cloned()
                    .unwrap_or_default(),
                raised_by: staff.of(row.raised_by),
                issue: row.issue,
                age_in_days: escalations::age_in_days(&state, today),
                response_overdue: escalations::response_overdue(&state, today),
                state,
            })
        })
        .collect()
}

fn step_row(
    escalation_id: Uuid,
    state: &Escalation,
    caller: &Caller,
    now: chrono::DateTime<chrono::Utc>,
) -> escalation_step::ActiveModel {
    escalation_step::ActiveModel {
        id: Set(Uuid::new_v4()),
        escalation_id: Set(escalation_id),
        stage: Set(state.stage.code().to_owned()),
        stage_reached_on: Set(state.stage_reached_on),
        response_due_on: Set(state.response_due_on),
        response: Set(state.response.clone()),
        resolved_on: Set(state.resolved_on),
        recorded_by: Set(caller.actor.user_id),
        recorded_at: Set(now),
    }
}

/// The child's IRO raises a concern about their plan, dated while they were in care.
#[tracing::instrument(skip(state, caller, new))]
pub async fn raise(
    state: &AppState,
    caller: &Caller,
    young_person_id: Uuid,
    new: Raise,
) -> Result<EscalationView> {
    let today = state.clock.today();
    let now = state.clock.now();
    let (person, _) = authorise(
        &state.db,
        caller,
        young_person_id,
        Action::RaiseEscalation,
        today,
    )
    .await?;
    let facts = load_facts(&state.db, &person).await?;
    let (issue, escalation) =
        escalations::raise(new, &facts.periods_of_care, today).map_err(Error::Invalid)?;
    let id = Uuid::new_v4();
    let txn = state.db.begin().await?;
    let row = escalation::ActiveModel {
        id: Set(id),
        young_person_id: Set(person.id),
        authority_id: Set(person.authority_id),
        raised_by: Set(caller.actor.user_id),
        raised_on: Set(escalation.raised_on),
        issue: Set(issue),
        stage: Set(escalation.stage.code().to_owned()),
        stage_reached_on: Set(escalation.stage_reached_on),
        response_due_on: Set(escalation.response_due_on),
        response: Set(None),
        resolved_on: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(&txn)
    .await?;
    step_row(id, &escalation, caller, now).insert(&txn).await?;
    txn.commit().await?;
    Ok(views(&state.db, vec![row], today).await?.remove(0))
}

/// Every escalation about one child, open ones first, then newest.
#[tracing::instrument(skip(state, caller))]
pub async fn for_young_person(
    state: &AppState,
    caller: &Caller,
    young_person_id: Uuid,
) -> Result<Vec<EscalationView>> {
    let today = state.clock.today();
    authorise_read(
        state,
        caller,
        young_person_id,
        Action::ReadEscalations,
        ReadKind::Escalations,
        today,
        state.clock.now(),
    )
    .await?;
    let rows = escalation::Entity::find()
        .filter(escalation::Column::YoungPersonId.eq(young_person_id))
        .order_by_desc(escalation::Column::RaisedOn)
        .order_by_asc(escalation::Column::Id)
        .all(&state.db)
        .await?;
    let mut found = views(&state.db, rows, today).await?;
    found.sort_by_key(|e| e.state.resolved_on.is_some());
    Ok(found)
}

async fn find_row(state: &AppState, caller: &Caller, id: Uuid) -> Result<escalation::Model> {
    escalation::Entity::find_by_id(id)
        .one(&state.db)
        .await?
        .ok_or_else(|| {
            if access::holds_grant(&caller.actor, Action::ReadEscalations) {
                Error::NotFound
            } else {
                Error::Forbidden
            }
        })
}

/// One escalation with its history, oldest step first.
#[tracing::instrument(skip(state, caller))]
pub async fn get(
    state: &AppState,
    caller: &Caller,
    id: Uuid,
) -> Result<(EscalationView, Vec<Step>)> {
    let today = state.clock.today();
    let row = find_row(state, caller, id).await?;
    authorise_read(
        state,
        caller,
        row.young_person_id,
        Action::ReadEscalations,
        ReadKind::Escalations,
        today,
        state.clock.now(),
    )
    .await?;
    let steps = escalation_step::Entity::find()
        .filter(escalation_step::Column::EscalationId.eq(id))
        .order_by_asc(escalation_step::Column::RecordedAt)
        .order_by_asc(escalation_step::Column::Id)
        .all(&state.db)
        .await?;
    let names = accounts::names(&state.db, steps.iter().map(|s| s.recorded_by)).await?;
    let steps = steps
        .into_iter()
        .filter_map(|step| {
            Some(Step {
                state: Escalation {
                    raised_on: row.raised_on,
                    stage: Stage::from_code(&step.stage)?,
                    stage_reached_on: step.stage_reached_on,
                    response_due_on: step.response_due_on,
                    response: step.response,
                    resolved_on: step.resolved_on,
                },
                recorded_by: names.of(step.recorded_by),
                recorded_at: step.recorded_at,
            })
        })
        .collect();
    let view = views(&state.db, vec![row], today).await?.remove(0);
    Ok((view, steps))
}

/// Move it up a stage, set the response date, record the response, or resolve it. The
/// child's IRO or a manager may; the previous state stays in the history.
#[tracing::instrument(skip(state, caller, change))]
pub async fn update(
    state: &AppState,
    caller: &Caller,
    id: Uuid,
    change: Change,
) -> Result<EscalationView> {
    let today = state.clock.today();
    let now = state.clock.now();
    let row = find_row(state, caller, id).await?;
    authorise(
        &state.db,
        caller,
        row.young_person_id,
        Action::UpdateEscalation,
        today,
    )
    .await?;
    let current = state_of(&row)?;
    let next = escalations::change(&current, change, today).map_err(Error::Invalid)?;
    if next == current {
        return Ok(views(&state.db, vec![row], today).await?.remove(0));
    }
    let txn = state.db.begin().await?;
    let mut active = row.into_active_model();
    active.stage = Set(next.stage.code().to_owned());
    active.stage_reached_on = Set(next.stage_reached_on);
    active.response_due_on = Set(next.response_due_on);
    active.response = Set(next.response.clone());
    active.resolved_on = Set(next.resolved_on);
    active.updated_at = Set(now);
    let saved = active.update(&txn).await?;
    step_row(id, &next, caller, now).insert(&txn).await?;
    txn.commit().await?;
    Ok(views(&state.db, vec![saved], today).await?.remove(0))
}

/// Open escalations across the children the caller holds, oldest first.
#[tracing::instrument(skip(state, caller))]
pub async fn open(
    state: &AppState,
    caller: &Caller,
    page: PageRequest,
) -> Result<Page<EscalationView>> {
    let scope =
        access::list_scope(&caller.actor, Action::ReadEscalations).ok_or(Error::Forbidden)?;
    let today = state.clock.today();
    let mut query = escalation::Entity::find()
        .filter(escalation::Column::AuthorityId.eq(caller.actor.authority_id))
        .filter(escalation::Column::ResolvedOn.is_null());
    let role = match &scope {
        ListScope::WholeAuthority(role) => *role,
        ListScope::Allocated(allocations) => {
            let allocated = allocated_to(caller.actor.user_id, allocations, today);
            query = query.filter(escalation::Column::YoungPersonId.in_subquery(allocated));
            allocations[0].staff_role()
        }
        ListScope::OwnRecord(_) => return Err(Error::Forbidden),
    };
    let total = query.clone().count(&state.db).await?;
    let rows = query
        .order_by_asc(escalation::Column::RaisedOn)
        .order_by_asc(escalation::Column::Id)
        .offset(page.offset())
        .limit(page.per_page)
        .all(&state.db)
        .await?;
    let mut read: Vec<(Uuid, Role)> = rows.iter().map(|r| (r.young_person_id, role)).collect();
    read.sort();
    read.dedup();
    access_log::record(
        &state.access_log,
        caller,
        &read,
        ReadKind::Escalations,
        state.clock.now(),
    )
    .await?;
    Ok(Page {
        items: views(&state.db, rows, today).await?,
        total,
        page: page.page,
        per_page: page.per_page,
    })
}

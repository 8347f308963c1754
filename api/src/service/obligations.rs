//! Statutory deadlines: worked out live for one child (exact for any as-of date), and kept in
//! the `obligations` table for lists across many children (an indexed query whose cost does
//! not grow with the number of children). The table is rewritten for a child whenever a fact
//! about them is recorded, in the same transaction.
use chrono::{Duration, NaiveDate};
use entity::{
    care_episode, care_plan, health_assessment, health_entry, homeless_case, obligation,
    pa_contact, pathway_plan_version, placement, review, social_worker_visit, young_person,
};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
    sea_query::{Expr, ExprTrait},
};
use uuid::Uuid;

use super::{
    Caller, Page, PageRequest,
    access::{allocated_to, authorise_read},
    access_log::{self, ReadKind},
    young_people,
};
use crate::{
    AppState,
    domain::{
        access::{self, Action, ListScope},
        health::{CheckKind, EntryKind},
        obligations::{
            self, AssessmentKind, DUE_SOON_DAYS, Facts, HealthAssessment, HomelessPresentation,
            Kind, LocalStandards, Obligation, Span, Status,
        },
        roles::Role,
    },
    error::{Error, Result},
};

/// Everything recorded about a child that a statutory clock depends on.
pub async fn load_facts(db: &impl ConnectionTrait, person: &young_person::Model) -> Result<Facts> {
    let id = person.id;
    let periods = care_episode::Entity::find()
        .filter(care_episode::Column::YoungPersonId.eq(id))
        .all(db)
        .await?;
    let placements = placement::Entity::find()
        .filter(placement::Column::YoungPersonId.eq(id))
        .all(db)
        .await?;
    let reviews = review::Entity::find()
        .filter(review::Column::YoungPersonId.eq(id))
        .all(db)
        .await?;
    let assessments = health_assessment::Entity::find()
        .filter(health_assessment::Column::YoungPersonId.eq(id))
        .all(db)
        .await?;
    let plans = care_plan::Entity::find()
        .filter(care_plan::Column::YoungPersonId.eq(id))
        .all(db)
        .await?;
    let visits = social_worker_visit::Entity::find()
        .filter(social_worker_visit::Column::YoungPersonId.eq(id))
        .all(db)
        .await?;
    let dental_checks = health_entry::Entity::find()
        .filter(health_entry::Column::YoungPersonId.eq(id))
        .filter(health_entry::Column::Kind.eq(EntryKind::Check(CheckKind::Dental).code()))
        .filter(health_entry::Column::ReplacedAt.is_null())
        .all(db)
        .await?;
    let plans_agreed = pathway_plan_version::Entity::find()
        .filter(pathway_plan_version::Column::YoungPersonId.eq(id))
        .all(db)
        .await?;
    let pa_contacts = pa_contact::Entity::find()
        .filter(pa_contact::Column::YoungPersonId.eq(id))
        .all(db)
        .await?;
    let homeless_cases = homeless_case::Entity::find()
        .filter(homeless_case::Column::YoungPersonId.eq(id))
        .all(db)
        .await?;
    Ok(Facts {
        date_of_birth: Some(person.date_of_birth),
        periods_of_care: periods
            .iter()
            .map(|p| Span {
                started_on: p.started_on,
                ended_on: p.ended_on,
            })
            .collect(),
        placements: placements
            .iter()
            .map(|p| Span {
                started_on: p.started_on,
                ended_on: p.ended_on,
            })
            .collect(),
        reviews_held_on: reviews.iter().map(|r| r.held_on).collect(),
        health_assessments: assessments
            .iter()
            .filter_map(|a| {
                Some(HealthAssessment {
                    kind: AssessmentKind::from_code(&a.kind)?,
                    completed_on: a.completed_on,
                })
            })
            .collect(),
        care_plans_agreed_on: plans.iter().map(|p| p.agreed_on).collect(),
        social_worker_visits_on: visits.iter().map(|v| v.visited_on).collect(),
        dental_checks_on: dental_checks.iter().map(|c| c.happened_on).collect(),
        pa_contacts_on: pa_contacts.iter().map(|c| c.contact_on).collect(),
        pathway_plans_agreed_on: plans_agreed.iter().map(|p| p.agreed_on).collect(),
        homeless_presentations: homeless_cases
            .iter()
            .map(|c| HomelessPresentation {
                presented_on: c.presented_on,
                assessment_completed_on: c.assessment_completed_on,
                decided_on: c.decided_on,
            })
            .collect(),
    })
}

/// Rewrite a child's row set in the obligations table from their facts as of `today`.
pub async fn refresh(
    db: &impl ConnectionTrait,
    person: &young_person::Model,
    standards: &LocalStandards,
    today: NaiveDate,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<()> {
    let facts = load_facts(db, person).await?;
    obligation::Entity::delete_many()
        .filter(obligation::Column::YoungPersonId.eq(person.id))
        .exec(db)
        .await?;
    let rows: Vec<obligation::ActiveModel> = obligations::obligations(&facts, standards, today)
        .into_iter()
        .map(|o| obligation::ActiveModel {
            id: Set(Uuid::new_v4()),
            young_person_id: Set(person.id),
            authority_id: Set(person.authority_id),
            kind: Set(o.kind.code().to_owned()),
            due_on: Set(o.due_on),
            completed_on: Set(o.completed_on),
            updated_at: Set(now),
        })
        .collect();
    if !rows.is_empty() {
        obligation::Entity::insert_many(rows).exec(db).await?;
    }
    Ok(())
}

/// Rewrite every young person's row set, a page of them per transaction, as `refresh` does
/// for one: for when the rules or the authority's standards have changed. Returns how many.
#[tracing::instrument(skip(db, clock))]
pub async fn refresh_all(
    db: &sea_orm::DatabaseConnection,
    standards: &LocalStandards,
    clock: &dyn crate::clock::Clock,
) -> Result<u64> {
    use sea_orm::TransactionTrait;
    const PER_TRANSACTION: u64 = 500;
    let mut done = 0;
    let mut after: Option<Uuid> = None;
    loop {
        let mut page = young_person::Entity::find().order_by_asc(young_person::Column::Id);
        if let Some(last) = after {
            page = page.filter(young_person::Column::Id.gt(last));
        }
        let people = page.limit(PER_TRANSACTION).all(db).await?;
        let Some(last) = people.last() else {
            return Ok(done);
        };
        after = Some(last.id);
        let txn = db.begin().await?;
        for person in &people {
            refresh(&txn, person, standards, clock.today(), clock.now()).await?;
        }
        txn.commit().await?;
        done += people.len() as u64;
    }
}

/// One child's obligations as of a date (today if none), worked out from their facts.
#[tracing::instrument(skip(state, caller))]
pub async fn for_young_person(
    state: &AppState,
    caller: &Caller,
    id: Uuid,
    as_of: Option<NaiveDate>,
) -> Result<Vec<Obligation>> {
    let person = authorise_read(
        state,
        caller,
        id,
        Action::ReadObligations,
        ReadKind::Obligations,
        state.clock.today(),
        state.clock.now(),
    )
    .await?;
    let facts = load_facts(&state.db, &person).await?;
    Ok(obligations::obligations(
        &facts,
        &state.standards,
        as_of.unwrap_or_else(|| state.clock.today()),
    ))
}

#[derive(Debug, Clone, Copy)]
pub struct ObligationFilter {
    pub kind: Option<Kind>,
    pub status: Option<Status>,
    /// Only deadlines not yet met, whatever their status.
    pub open_only: bool,
    pub as_of: Option<NaiveDate>,
}

#[derive(Debug, Clone)]
pub struct ListedObligation {
    pub young_person_id: Uuid,
    pub young_person_name: String,
    pub kind: Kind,
    pub due_on: NaiveDate,
    pub status: Status,
    pub completed_on: Option<NaiveDate>,
}

pub(super) fn status_condition(status: Status, as_of: NaiveDate) -> Condition {
    use obligation::Column::{CompletedOn, DueOn};
    let soon = as_of + Duration::days(DUE_SOON_DAYS);
    match status {
        Status::Overdue => Condition::all()
            .add(CompletedOn.is_null())
            .add(DueOn.lt(as_of)),
        Status::DueSoon => Condition::all()
            .add(CompletedOn.is_null())
            .add(DueOn.gte(as_of))
            .add(DueOn.lte(soon)),
        Status::Upcoming => Condition::all()
            .add(CompletedOn.is_null())
            .add(DueOn.gt(soon)),
        Status::Met => Condition::all().add(Expr::col(CompletedOn).lte(Expr::col(DueOn))),
        Status::MetLate => Condition::all().add(Expr::col(CompletedOn).gt(Expr::col(DueOn))),
    }
}

/// The caller's view: a manager sees their authority, allocated staff their young people, a
/// young person their own; earliest due first.
#[tracing::instrument(skip(state, caller))]
pub async fn list(
    state: &AppState,
    caller: &Caller,
    filter: ObligationFilter,
    page: PageRequest,
) -> Result<Page<ListedObligation>> {
    let scope =
        access::list_scope(&caller.actor, Action::ReadObligations).ok_or(Error::Forbidden)?;
    let today = state.clock.today();
    let as_of = filter.as_of.unwrap_or(today);
    let mut query = obligation::Entity::find();
    let role = match &scope {
        ListScope::WholeAuthority(role) => {
            query = query.filter(obligation::Column::AuthorityId.eq(caller.actor.authority_id));
            *role
        }
        ListScope::Allocated(allocations) => {
            let allocated = allocated_to(caller.actor.user_id, allocations, today);
            query = query.filter(obligation::Column::YoungPersonId.in_subquery(allocated));
            allocations[0].staff_role()
        }
        ListScope::OwnRecord(id) => {
            query = query.filter(obligation::Column::YoungPersonId.eq(*id));
            Role::YoungPerson
        }
    };
    if let Some(kind) = filter.kind {
        query = query.filter(obligation::Column::Kind.eq(kind.code()));
    }
    if let Some(status) = filter.status {
        query = query.filter(status_condition(status, as_of));
    }
    if filter.open_only {
        query = query.filter(obligation::Column::CompletedOn.is_null());
    }
    let total = query.clone().count(&state.db).await?;
    let rows = query
        .order_by_asc(obligation::Column::DueOn)
        .order_by_asc(obligation::Column::Id)
        .offset(page.offset())
        .limit(page.per_page)
        .all(&state.db)
        .await?;
    let mut read: Vec<(Uuid, Role)> = rows.iter().map(|row| (row.young_person_id, role)).collect();
    read.sort();
    read.dedup();
    access_log::record(
        &state.access_log,
        caller,
        &read,
        ReadKind::Obligations,
        state.clock.now(),
    )
    .await?;
    let names = young_people::names(&state.db, read.iter().map(|(id, _)| *id)).await?;
    let items = rows
        .into_iter()
        .filter_map(|row| {
            let kind = Kind::from_code(&row.kind)?;
            Some(ListedObligation {
                young_person_id: row.young_person_id,
                young_person_name: names.get(&row.young_person_id).cloned().unwrap_or_default(),
                kind,
                due_on: row.due_on,
                status: obligations::status(row.due_on, row.completed_on, as_of),
                completed_on: row.completed_on,
            })
        })
        .collect();
    Ok(Page {
        items,
        total,
        page: page.page,
        per_page: page.per_page,
    })
}

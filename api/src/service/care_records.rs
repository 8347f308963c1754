//! Recording what happens to a child in care: periods of care, placements, reviews, health
//! assessments, care plans and social worker visits. Each is checked against the child's
//! other facts, saved, and their statutory deadlines brought up to date at once.
use chrono::NaiveDate;
use entity::{
    care_episode, care_plan, health_assessment, placement, review, social_worker_visit,
    young_person,
};
use sea_orm::{
    ActiveModelBehavior, ActiveModelTrait, EntityTrait, IntoActiveModel, Set, TransactionTrait,
};
use uuid::Uuid;

use super::{Caller, access::authorise, obligations};
use crate::{
    AppState,
    domain::{
        access::Action,
        care::{self, LegalStatus},
        obligations::{AssessmentKind, Facts, Span},
    },
    error::{Error, Result},
};

/// The child's record and facts, if the caller may record care for them.
async fn prepare(
    state: &AppState,
    caller: &Caller,
    young_person_id: Uuid,
) -> Result<(young_person::Model, Facts)> {
    let (person, _) = authorise(
        &state.db,
        caller,
        young_person_id,
        Action::RecordCare,
        state.clock.today(),
    )
    .await?;
    let facts = obligations::load_facts(&state.db, &person).await?;
    Ok((person, facts))
}

/// Write a new fact and bring the child's obligations up to date, in one transaction.
async fn save_fact<A>(state: &AppState, person: &young_person::Model, row: A) -> Result<()>
where
    A: ActiveModelTrait + ActiveModelBehavior + Send,
    <A::Entity as EntityTrait>::Model: IntoActiveModel<A>,
{
    let txn = state.db.begin().await?;
    row.insert(&txn).await?;
    obligations::refresh(
        &txn,
        person,
        &state.standards,
        state.clock.today(),
        state.clock.now(),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

fn optional_text(field: &str, value: Option<String>, max: usize) -> Result<Option<String>> {
    match value.map(|v| v.trim().to_owned()).filter(|v| !v.is_empty()) {
        Some(text) if text.chars().count() > max => Err(Error::invalid(
            field,
            format!("This must be {max} characters or fewer"),
        )),
        other => Ok(other),
    }
}

#[derive(Debug, Clone)]
pub struct NewPeriodOfCare {
    pub started_on: NaiveDate,
    pub ended_on: Option<NaiveDate>,
    pub legal_status: LegalStatus,
}

#[tracing::instrument(skip(state, caller))]
pub async fn record_period_of_care(
    state: &AppState,
    caller: &Caller,
    young_person_id: Uuid,
    new: NewPeriodOfCare,
) -> Result<Uuid> {
    let (person, facts) = prepare(state, caller, young_person_id).await?;
    let span = Span {
        started_on: new.started_on,
        ended_on: new.ended_on,
    };
    care::check_period_of_care(
        span,
        person.date_of_birth,
        &facts.periods_of_care,
        state.clock.today(),
    )
    .map_err(Error::Invalid)?;
    let id = Uuid::new_v4();
    let row = care_episode::ActiveModel {
        id: Set(id),
        young_person_id: Set(person.id),
        started_on: Set(new.started_on),
        ended_on: Set(new.ended_on),
        legal_status: Set(new.legal_status.code().to_owned()),
        recorded_by: Set(caller.actor.user_id),
        created_at: Set(state.clock.now()),
    };
    save_fact(state, &person, row).await?;
    Ok(id)
}

#[derive(Debug, Clone)]
pub struct NewPlacement {
    pub started_on: NaiveDate,
    pub ended_on: Option<NaiveDate>,
    pub placement_type: String,
    pub long_term: bool,
}

#[tracing::instrument(skip(state, caller))]
pub async fn record_placement(
    state: &AppState,
    caller: &Caller,
    young_person_id: Uuid,
    new: NewPlacement,
) -> Result<Uuid> {
    let (person, facts) = prepare(state, caller, young_person_id).await?;
    let today = state.clock.today();
    care::check_while_in_care(
        "started_on",
        "A placement",
        new.started_on,
        &facts.periods_of_care,
        today,
    )
    .map_err(Error::Invalid)?;
    care::check_end("ended_on", new.started_on, new.ended_on, today).map_err(Error::Invalid)?;
    let placement_type = optional_text("placement_type", Some(new.placement_type), 60)?
        .ok_or_else(|| {
            Error::invalid(
                "placement_type",
                "Enter the type of placement, for example foster care",
            )
        })?;
    let id = Uuid::new_v4();
    let row = placement::ActiveModel {
        id: Set(id),
        young_person_id: Set(person.id),
        started_on: Set(new.started_on),
        ended_on: Set(new.ended_on),
        placement_type: Set(placement_type),
        long_term: Set(new.long_term),
        recorded_by: Set(caller.actor.user_id),
        created_at: Set(state.clock.now()),
    };
    save_fact(state, &person, row).await?;
    Ok(id)
}

#[derive(Debug, Clone)]
pub struct NewReview {
    pub held_on: NaiveDate,
    pub participation: Option<String>,
    pub outcome_notes: Option<String>,
}

#[tracing::instrument(skip(state, caller, new))]
pub async fn record_review(
    state: &AppState,
    caller: &Caller,
    young_person_id: Uuid,
    new: NewReview,
) -> Result<Uuid> {
    let (person, facts) = prepare(state, caller, young_person_id).await?;
    care::check_while_in_care(
        "held_on",
        "A review",
        new.held_on,
        &facts.periods_of_care,
        state.clock.today(),
    )
    .map_err(Error::Invalid)?;
    let id = Uuid::new_v4();
    let chaired_by_iro = caller
        .actor
        .roles
        .contains(&crate::domain::roles::Role::Iro);
    let row = review::ActiveModel {
        id: Set(id),
        young_person_id: Set(person.id),
        held_on: Set(new.held_on),
        iro_user_id: Set(chaired_by_iro.then_some(caller.actor.user_id)),
        participation: Set(optional_text("participation", new.participation, 2000)?),
        outcome_notes: Set(optional_text("outcome_notes", new.outcome_notes, 10_000)?),
        recorded_by: Set(caller.actor.user_id),
        created_at: Set(state.clock.now()),
    };
    save_fact(state, &person, row).await?;
    Ok(id)
}

#[derive(Debug, Clone)]
pub struct NewHealthAssessment {
    pub kind: AssessmentKind,
    pub completed_on: NaiveDate,
    /// What it found and what should happen next, written for the young person.
    pub summary: Option<String>,
    pub recommendations: Option<String>,
}

/// The words of a health assessment, written for the young person, are at most this long.
pub const MAX_ASSESSMENT_TEXT: usize = 5000;

/// The assessment as it will be saved, if the caller may record it and it is right.
async fn check_assessment(
    state: &AppState,
    caller: &Caller,
    young_person_id: Uuid,
    new: NewHealthAssessment,
) -> Result<(young_person::Model, health_assessment::ActiveModel)> {
    let (person, facts) = prepare(state, caller, young_person_id).await?;
    care::check_while_in_care(
        "completed_on",
        "A health assessment",
        new.completed_on,
        &facts.periods_of_care,
        state.clock.today(),
    )
    .map_err(Error::Invalid)?;
    let row = health_assessment::ActiveModel {
        id: Set(Uuid::new_v4()),
        young_person_id: Set(person.id),
        kind: Set(new.kind.code().to_owned()),
        completed_on: Set(new.completed_on),
        summary: Set(optional_text("summary", new.summary, MAX_ASSESSMENT_TEXT)?),
        recommendations: Set(optional_text(
            "recommendations",
            new.recommendations,
            MAX_ASSESSMENT_TEXT,
        )?),
        recorded_by: Set(caller.actor.user_id),
        created_at: Set(state.clock.now()),
    };
    Ok((person, row))
}

/// Would this assessment save? The same checks as `record_health_assessment`, without saving.
#[tracing::instrument(skip(state, caller, new))]
pub async fn check_health_assessment(
    state: &AppState,
    caller: &Caller,
    young_person_id: Uuid,
    new: NewHealthAssessment,
) -> Result<()> {
    check_assessment(state, caller, young_person_id, new)
        .await
        .map(|_| ())
}

#[tracing::instrument(skip(state, caller, new))]
pub async fn record_health_assessment(
    state: &AppState,
    caller: &Caller,
    young_person_id: Uuid,
    new: NewHealthAssessment,
) -> Result<Uuid> {
    let (person, row) = check_assessment(state, caller, young_person_id, new).await?;
    let id = *row.id.as_ref();
    save_fact(state, &person, row).await?;
    Ok(id)
}

#[tracing::instrument(skip(state, caller))]
pub async fn record_care_plan(
    state: &AppState,
    caller: &Caller,
    young_person_id: Uuid,
    agreed_on: NaiveDate,
) -> Result<Uuid> {
    let (person, facts) = prepare(state, caller, young_person_id).await?;
    care::check_while_in_care(
        "agreed_on",
        "A care plan",
        agreed_on,
        &facts.periods_of_care,
        state.clock.today(),
    )
    .map_err(Error::Invalid)?;
    let id = Uuid::new_v4();
    let row = care_plan::ActiveModel {
        id: Set(id),
        young_person_id: Set(person.id),
        agreed_on: Set(agreed_on),
        recorded_by: Set(caller.actor.user_id),
        created_at: Set(state.clock.now()),
    };
    save_fact(state, &person, row).await?;
    Ok(id)
}

#[tracing::instrument(skip(state, caller))]
pub async fn record_visit(
    state: &AppState,
    caller: &Caller,
    young_person_id: Uuid,
    visited_on: NaiveDate,
    seen_alone: bool,
) -> Result<Uuid> {
    let (person, facts) = prepare(state, caller, young_person_id).await?;
    care::check_while_in_care(
        "visited_on",
        "A visit",
        visited_on,
        &facts.periods_of_care,
        state.clock.today(),
    )
    .map_err(Error::Invalid)?;
    let id = Uuid::new_v4();
    let row = social_worker_visit::ActiveModel {
        id: Set(id),
        young_person_id: Set(person.id),
        visited_on: Set(visited_on),
        seen_alone: Set(seen_alone),
        recorded_by: Set(caller.actor.user_id),
        created_at: Set(state.clock.now()),
    };
    save_fact(state, &person, row).await?;
    Ok(id)
}

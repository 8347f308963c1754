//! Pathway plans: the draft a PA writes and the young person reads, their views and their
//! agreement, and the versions frozen when the plan is agreed. Two people editing at once
//! never overwrite each other: every save names the draft version it was made from.
use chrono::{DateTime, NaiveDate, Utc};
use entity::{pathway_plan, pathway_plan_comment, pathway_plan_version, young_person};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
    SqlErr, TransactionTrait, sea_query::Expr,
};
use uuid::Uuid;

use super::{
    Caller,
    access::{authorise, authorise_read},
    access_log::ReadKind,
    accounts, obligations,
};
use crate::{
    AppState,
    domain::{
        access::Action,
        pathway_plans::{
            Plan, Section, SectionChanges, changes, check_plan, check_review_date, latest_review,
        },
        people::full_name,
    },
    error::{Error, Result},
};

/// The plan being written, as it stands.
#[derive(Debug, Clone)]
pub struct Draft {
    /// Whose plan it is, as a page heading names them.
    pub young_person_name: String,
    pub plan: Plan,
    /// Moves on with every save; 0 before anything is written.
    pub version: i32,
    pub updated_by: Option<String>,
    pub updated_at: Option<DateTime<Utc>>,
    /// The young person has agreed to this version of the draft.
    pub young_person_agreed: bool,
    /// The young person's views, oldest first.
    pub comments: Vec<Comment>,
    /// Agreed versions so far.
    pub agreed_versions: i32,
    /// When the plan is next reviewed, from the last agreed version.
    pub next_review_on: Option<NaiveDate>,
    /// The last agreed version's content and the day it was agreed, to compare the draft with.
    pub last_agreed: Option<(Plan, NaiveDate)>,
    /// When the young person agreed this version of the draft.
    pub young_person_agreed_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone)]
pub struct Comment {
    pub section: Section,
    pub body: String,
    pub written_by: String,
    pub written_at: DateTime<Utc>,
}

/// An agreed version, frozen.
#[derive(Debug, Clone)]
pub struct AgreedVersion {
    pub number: i32,
    pub plan: Plan,
    pub agreed_on: NaiveDate,
    pub agreed_by: String,
    pub young_person_agreed_at: Option<DateTime<Utc>>,
    pub not_agreed_reason: Option<String>,
    pub next_review_on: NaiveDate,
    /// What changed since the version before (everything is new in the first).
    pub changes: Vec<SectionChanges>,
}

fn read_plan(json: &str) -> Result<Plan> {
    serde_json::from_str(json)
        .map_err(|error| Error::Unexpected(anyhow::Error::new(error).context("a stored plan")))
}

fn write_plan(plan: &Plan) -> String {
    serde_json::to_string(plan).expect("a plan always serialises")
}

async fn stored_draft(
    db: &impl ConnectionTrait,
    young_person_id: Uuid,
) -> Result<Option<pathway_plan::Model>> {
    Ok(pathway_plan::Entity::find()
        .filter(pathway_plan::Column::YoungPersonId.eq(young_person_id))
        .one(db)
        .await?)
}

async fn stored_versions(
    db: &impl ConnectionTrait,
    young_person_id: Uuid,
) -> Result<Vec<pathway_plan_version::Model>> {
    Ok(pathway_plan_version::Entity::find()
        .filter(pathway_plan_version::Column::YoungPersonId.eq(young_person_id))
        .order_by_asc(pathway_plan_version::Column::Number)
        .all(db)
        .await?)
}

/// The draft with the young person's views. Reads are logged.
#[tracing::instrument(skip(state, caller))]
pub async fn draft(state: &AppState, caller: &Caller, young_person_id: Uuid) -> Result<Draft> {
    let person = read(state, caller, young_person_id).await?;
    let stored = stored_draft(&state.db, person.id).await?;
    let comment_rows = pathway_plan_comment::Entity::find()
        .filter(pathway_plan_comment::Column::YoungPersonId.eq(person.id))
        .order_by_asc(pathway_plan_comment::Column::WrittenAt)
        .all(&state.db)
        .await?;
    let last = pathway_plan_version::Entity::find()
        .filter(pathway_plan_version::Column::YoungPersonId.eq(person.id))
        .order_by_desc(pathway_plan_version::Column::Number)
        .one(&state.db)
        .await?;
    let names = accounts::names(
        &state.db,
        comment_rows
            .iter()
            .map(|c| c.written_by)
            .chain(stored.iter().map(|d| d.updated_by)),
    )
    .await?;
    Ok(Draft {
        young_person_name: full_name(&person.given_name, &person.family_name),
        plan: match &stored {
            Some(row) => read_plan(&row.content)?,
            None => Plan::default(),
        },
        version: stored.as_ref().map_or(0, |d| d.version),
        updated_by: stored.as_ref().map(|d| names.of(d.updated_by)),
        updated_at: stored.as_ref().map(|d| d.updated_at),
        young_person_agreed: stored
            .as_ref()
            .is_some_and(|d| d.young_person_agreed_version == Some(d.version)),
        comments: comment_rows
            .into_iter()
            .filter_map(|c| {
                Some(Comment {
                    section: Section::from_code(&c.section)?,
                    body: c.body,
                    written_by: names.of(c.written_by),
                    written_at: c.written_at,
                })
            })
            .collect(),
        agreed_versions: last.as_ref().map_or(0, |v| v.number),
        next_review_on: last.as_ref().map(|v| v.next_review_on),
        last_agreed: match &last {
            Some(v) => Some((read_plan(&v.content)?, v.agreed_on)),
            None => None,
        },
        young_person_agreed_at: stored
            .as_ref()
            .filter(|d| d.young_person_agreed_version == Some(d.version))
            .and_then(|d| d.young_person_agreed_at),
    })
}

async fn read(
    state: &AppState,
    caller: &Caller,
    young_person_id: Uuid,
) -> Result<young_person::Model> {
    authorise_read(
        state,
        caller,
        young_person_id,
        Action::ReadPathwayPlan,
        ReadKind::PathwayPlan,
        state.clock.today(),
        state.clock.now(),
    )
    .await
}

fn changed_meanwhile(current: i32) -> Error {
    Error::Conflict(format!(
        "This plan changed while you were working on it: it is now at version {current}. Your changes have not been saved."
    ))
}

/// Save the draft, made from version `based_on` (0 for the first save). Refused, with the
/// current version, if anyone has saved since.
#[tracing::instrument(skip(state, caller, plan))]
pub async fn save_draft(
    state: &AppState,
    caller: &Caller,
    young_person_id: Uuid,
    based_on: i32,
    plan: &Plan,
) -> Result<i32> {
    let (person, _) = authorise(
        &state.db,
        caller,
        young_person_id,
        Action::EditPathwayPlan,
        state.clock.today(),
    )
    .await?;
    check_plan(plan).map_err(Error::Invalid)?;
    let now = state.clock.now();
    let content = write_plan(plan);
    if based_on == 0 {
        let first = pathway_plan::ActiveModel {
            id: Set(Uuid::new_v4()),
            young_person_id: Set(person.id),
            content: Set(content),
            version: Set(1),
            young_person_agreed_version: Set(None),
            young_person_agreed_at: Set(None),
            updated_by: Set(caller.actor.user_id),
            updated_at: Set(now),
        };
        return match first.insert(&state.db).await {
            Ok(_) => Ok(1),
            Err(error) if matches!(error.sql_err(), Some(SqlErr::UniqueConstraintViolation(_))) => {
                let current = stored_draft(&state.db, person.id)
                    .await?
                    .map_or(0, |d| d.version);
                Err(changed_meanwhile(current))
            }
            Err(error) => Err(error.into()),
        };
    }
    let saved = pathway_plan::Entity::update_many()
        .col_expr(pathway_plan::Column::Content, Expr::value(content))
        .col_expr(pathway_plan::Column::Version, Expr::value(based_on + 1))
        .col_expr(
            pathway_plan::Column::UpdatedBy,
            Expr::value(caller.actor.user_id),
        )
        .col_expr(pathway_plan::Column::UpdatedAt, Expr::value(now))
        .filter(pathway_plan::Column::YoungPersonId.eq(person.id))
        .filter(pathway_plan::Column::Version.eq(based_on))
        .exec(&state.db)
        .await?;
    if saved.rows_affected != 1 {
        let current = stored_draft(&state.db, person.id)
            .await?
            .map_or(0, |d| d.version);
        return Err(changed_meanwhile(current));
    }
    Ok(based_on + 1)
}

/// The young person agrees to version `based_on` of the draft.
#[tracing::instrument(skip(state, caller))]
pub async fn agree_as_young_person(
    state: &AppState,
    caller: &Caller,
    young_person_id: Uuid,
    based_on: i32,
) -> Result<()> {
    let (person, _) = authorise(
        &state.db,
        caller,
        young_person_id,
        Action::ContributeToPathwayPlan,
        state.clock.today(),
    )
    .await?;
    let agreed = pathway_plan::Entity::update_many()
        .col_expr(
            pathway_plan::Column::YoungPersonAgreedVersion,
            Expr::value(based_on),
        )
        .col_expr(
            pathway_plan::Column::YoungPersonAgreedAt,
            Expr::value(state.clock.now()),
        )
        .filter(pathway_plan::Column::YoungPersonId.eq(person.id))
        .filter(pathway_plan::Column::Version.eq(based_on))
        .exec(&state.db)
        .await?;
    if agreed.rows_affected != 1 {
        return Err(Error::Conflict(
            "Your plan changed since you read it. Read it again, then agree if you are happy with it."
                .into(),
        ));
    }
    Ok(())
}

/// What the worker says when agreeing the plan.
#[derive(Debug, Clone)]
pub struct Agreement {
    pub based_on: i32,
    /// Default: the latest allowed, 6 months on.
    pub next_review_on: Option<NaiveDate>,
    /// Needed when the young person has not agreed this version.
    pub not_agreed_reason: Option<String>,
}

/// Agree the plan: the draft as it stands becomes the next numbered version, with the young
/// person's agreement or the reason they have not given it, and the next review date.
#[tracing::instrument(skip(state, caller, agreement))]
pub async fn agree(
    state: &AppState,
    caller: &Caller,
    young_person_id: Uuid,
    agreement: &Agreement,
) -> Result<i32> {
    let today = state.clock.today();
    let now = state.clock.now();
    let (person, _) = authorise(
        &state.db,
        caller,
        young_person_id,
        Action::EditPathwayPlan,
        today,
    )
    .await?;
    let draft = stored_draft(&state.db, person.id)
        .await?
        .ok_or_else(|| Error::Conflict("There is no plan to agree yet.".into()))?;
    if draft.version != agreement.based_on {
        return Err(changed_meanwhile(draft.version));
    }
    let young_person_agreed = draft.young_person_agreed_version == Some(draft.version);
    let reason = agreement
        .not_agreed_reason
        .as_deref()
        .map(str::trim)
        .filter(|r| !r.is_empty());
    if !young_person_agreed && reason.is_none() {
        return Err(Error::invalid(
            "not_agreed_reason",
            "The young person has not agreed this version: say why it is being agreed without them",
        ));
    }
    let next_review_on = agreement
        .next_review_on
        .unwrap_or_else(|| latest_review(today));
    check_review_date(today, next_review_on)
        .map_err(|message| Error::invalid("next_review_on", message))?;
    let number = stored_versions(&state.db, person.id)
        .await?
        .last()
        .map_or(1, |v| v.number + 1);
    let txn = state.db.begin().await?;
    pathway_plan_version::ActiveModel {
        id: Set(Uuid::new_v4()),
        young_person_id: Set(person.id),
        number: Set(number),
        content: Set(draft.content.clone()),
        agreed_on: Set(today),
        agreed_by: Set(caller.actor.user_id),
        young_person_agreed_at: Set(if young_person_agreed {
            draft.young_person_agreed_at
        } else {
            None
        }),
        not_agreed_reason: Set(if young_person_agreed {
            None
        } else {
            reason.map(str::to_owned)
        }),
        next_review_on: Set(next_review_on),
        recorded_at: Set(now),
    }
    .insert(&txn)
    .await
    .map_err(|error| match error.sql_err() {
        Some(SqlErr::UniqueConstraintViolation(_)) => changed_meanwhile(draft.version),
        _ => error.into(),
    })?;
    obligations::refresh(&txn, &person, &state.standards, today, now).await?;
    txn.commit().await?;
    Ok(number)
}

/// The young person's views on one section.
#[tracing::instrument(skip(state, caller, body))]
pub async fn comment(
    state: &AppState,
    caller: &Caller,
    young_person_id: Uuid,
    section: Section,
    body: &str,
) -> Result<()> {
    let (person, _) = authorise(
        &state.db,
        caller,
        young_person_id,
        Action::ContributeToPathwayPlan,
        state.clock.today(),
    )
    .await?;
    let body = body.trim();
    if body.is_empty() {
        return Err(Error::invalid("body", "Write what you think"));
    }
    if body.chars().count() > 2000 {
        return Err(Error::invalid("body", "Write 2000 characters or fewer"));
    }
    pathway_plan_comment::ActiveModel {
        id: Set(Uuid::new_v4()),
        young_person_id: Set(person.id),
        section: Set(section.code().to_owned()),
        body: Set(body.to_owned()),
        written_by: Set(caller.actor.user_id),
        written_at: Set(state.clock.now()),
    }
    .insert(&state.db)
    .await?;
    Ok(())
}

/// Every agreed version, oldest first, each with what changed since the one before.
#[tracing::instrument(skip(state, caller))]
pub async fn versions(
    state: &AppState,
    caller: &Caller,
    young_person_id: Uuid,
) -> Result<Vec<AgreedVersion>> {
    let person = read(state, caller, young_person_id).await?;
    let rows = stored_versions(&state.db, person.id).await?;
    let names = accounts::names(&state.db, rows.iter().map(|r| r.agreed_by)).await?;
    let mut before = Plan::default();
    let mut found = Vec::with_capacity(rows.len());
    for row in rows {
        let plan = read_plan(&row.content)?;
        found.push(AgreedVersion {
            number: row.number,
            changes: changes(&before, &plan),
            agreed_on: row.agreed_on,
            agreed_by: names.of(row.agreed_by),
            young_person_agreed_at: row.young_person_agreed_at,
            not_agreed_reason: row.not_agreed_reason,
            next_review_on: row.next_review_on,
            plan: plan.clone(),
        });
        before = plan;
    }
    Ok(found)
}

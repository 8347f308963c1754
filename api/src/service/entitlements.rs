//! A care leaver's entitlements: every published item of their authority's local offer, with
//! what the rules say and what has happened since they asked; their requests and the answers;
//! what their PA records about their life; and their key-documents checklist.
use std::{collections::HashMap, sync::Arc};

use chrono::{DateTime, NaiveDate, Utc};
use entity::{circumstance, entitlement_step, key_document, staff_allocation, user, young_person};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, QueryTrait, Set, SqlErr, TransactionTrait, sea_query::Expr,
};
use uuid::Uuid;

use super::{
    Caller,
    access::{allocated_to, authorise, authorise_read, current_on},
    access_log::{self, ReadKind},
    care_leaver_status,
    entitlement_facts::{self, Facts},
    local_offer::{self, PublishedItem, Snapshot},
    outbox,
};
use crate::{
    AppState,
    domain::{
        access::{self, Action, ListScope},
        calendar::date_in_england,
        care_leaver::{self, Category},
        entitlements::{
            self, Availability, Circumstances, KeyDocument, Status, Step, can_ask, can_record,
        },
        local_offer::{Condition, OfferItem, pounds},
        people::full_name,
        roles::{AllocationRole, Role},
    },
    error::{Error, Result},
    mail::{OutgoingEmail, escape_html},
};

/// The longest message a young person can send with a request, and a reason for a refusal.
pub const MAX_MESSAGE: usize = 2000;

/// One recorded step, as the young person and their workers read it.
#[derive(Debug, Clone)]
pub struct StepRecord {
    pub step: Step,
    pub message: Option<String>,
    pub reason: Option<String>,
    pub received_on: Option<NaiveDate>,
    pub amount_pence: Option<i64>,
    pub recorded_by: String,
    /// The young person recorded it themselves.
    pub by_young_person: bool,
    pub recorded_at: DateTime<Utc>,
}

/// One item of the offer for one young person.
#[derive(Debug, Clone)]
pub struct Entitlement {
    pub item_id: Uuid,
    pub item: OfferItem,
    pub availability: Availability,
    pub status: Status,
    pub can_ask: bool,
    /// Oldest first; the last is where things stand.
    pub steps: Vec<StepRecord>,
}

impl Entitlement {
    pub fn latest(&self) -> Option<&StepRecord> {
        self.steps.last()
    }
}

#[derive(Debug, Clone)]
pub struct KeyDocumentTick {
    pub document: KeyDocument,
    pub has_it: bool,
    /// Who ticked or unticked it last, and when; `None` if nobody has yet.
    pub last_changed: Option<(String, bool, DateTime<Utc>)>,
}

#[derive(Debug, Clone)]
pub struct Entitlements {
    pub young_person_id: Uuid,
    pub name: String,
    pub date_of_birth: NaiveDate,
    pub as_of: NaiveDate,
    pub category: Category,
    pub conditions: Vec<Condition>,
    /// By area, then title.
    pub items: Vec<Entitlement>,
    pub key_documents: Vec<KeyDocumentTick>,
}

fn conditions_from(codes: &str) -> Vec<Condition> {
    codes.split(',').filter_map(Condition::from_code).collect()
}

fn known_by(recorded_at: DateTime<Utc>, as_of: NaiveDate) -> bool {
    date_in_england(recorded_at) <= as_of
}

/// What the rules need to know about a young person on `as_of`.
fn circumstances(person: &young_person::Model, facts: &Facts, as_of: NaiveDate) -> Circumstances {
    Circumstances {
        born: person.date_of_birth,
        category: care_leaver::status(
            care_leaver::category(person.date_of_birth, &facts.periods_of_care, as_of),
            care_leaver_status::in_force(&facts.statuses, as_of).map(|(_, category)| category),
        ),
        conditions: facts
            .circumstances
            .iter()
            .find(|row| known_by(row.recorded_at, as_of))
            .map(|row| conditions_from(&row.conditions))
            .unwrap_or_default(),
    }
}

/// Everything a young person can get, as of a date (today if none): what the rules said then
/// and what had been recorded by then.
#[tracing::instrument(skip(state, caller))]
pub async fn of(
    state: &AppState,
    caller: &Caller,
    young_person_id: Uuid,
    as_of: Option<NaiveDate>,
) -> Result<Entitlements> {
    let read = read(state, caller, young_person_id, as_of).await?;
    Ok(worked_out(
        &read.person,
        &read.facts,
        &read.offer,
        read.as_of,
    ))
}

/// `of`, made into a response by `render`: once for each state of what it is worked out from,
/// so that reading it again while nothing has changed costs no more than checking that.
#[tracing::instrument(skip(state, caller, render))]
pub async fn rendered(
    state: &AppState,
    caller: &Caller,
    young_person_id: Uuid,
    as_of: Option<NaiveDate>,
    render: impl FnOnce(Entitlements) -> Vec<u8>,
) -> Result<Arc<[u8]>> {
    let Read {
        person,
        facts,
        offer,
        as_of,
    } = read(state, caller, young_person_id, as_of).await?;
    // The facts are held for one young person at one version; the rest is in the key.
    let key = offer
        .stamp
        .etag(&[&person.date_of_birth.to_string(), &as_of.to_string()]);
    Ok(facts
        .rendered
        .get_or_make(&key, || render(worked_out(&person, &facts, &offer, as_of))))
}

/// What a young person's entitlements on a date are worked out from, once the caller may see
/// them and the read is in the young person's access log.
struct Read {
    person: young_person::Model,
    facts: Arc<Facts>,
    offer: Arc<Snapshot>,
    as_of: NaiveDate,
}

async fn read(
    state: &AppState,
    caller: &Caller,
    young_person_id: Uuid,
    as_of: Option<NaiveDate>,
) -> Result<Read> {
    let person = authorise_read(
        state,
        caller,
        young_person_id,
        Action::ReadEntitlements,
        ReadKind::Entitlements,
        state.clock.today(),
        state.clock.now(),
    )
    .await?;
    let facts = entitlement_facts::of(state, &person).await?;
    let offer = local_offer::snapshot(state, person.authority_id).await?;
    Ok(Read {
        person,
        facts,
        offer,
        as_of: as_of.unwrap_or_else(|| state.clock.today()),
    })
}

/// Every published item of the offer for this young person on `as_of`: what the rules say,
/// and what had been recorded by then.
fn worked_out(
    person: &young_person::Model,
    facts: &Facts,
    offer: &Snapshot,
    as_of: NaiveDate,
) -> Entitlements {
    let name_of = |id: Uuid| {
        facts.recorders.get(&id).map_or_else(
            || "A former member of staff".to_owned(),
            |recorder| recorder.name.clone(),
        )
    };
    let by_young_person = |id: Uuid| {
        facts
            .recorders
            .get(&id)
            .is_some_and(|recorder| recorder.young_person_id == Some(person.id))
    };
    let ticks: Vec<&key_document::Model> = facts
        .ticks
        .iter()
        .filter(|t| known_by(t.recorded_at, as_of))
        .collect();
    let known = circumstances(person, facts, as_of);
    let mut by_item: HashMap<Uuid, Vec<StepRecord>> = HashMap::new();
    for s in facts
        .steps
        .iter()
        .filter(|s| known_by(s.recorded_at, as_of))
    {
        let Some(step) = Step::from_code(&s.step) else {
            continue;
        };
        by_item.entry(s.item_id).or_default().push(StepRecord {
            step,
            message: s.message.clone(),
            reason: s.reason.clone(),
            received_on: s.received_on,
            amount_pence: s.amount_pence,
            recorded_by: name_of(s.recorded_by),
            by_young_person: by_young_person(s.recorded_by),
            recorded_at: s.recorded_at,
        });
    }
    let items = offer
        .items
        .iter()
        .map(|PublishedItem { item_id, item, .. }| {
            let (item_id, item) = (*item_id, item.clone());
            let steps = by_item.remove(&item_id).unwrap_or_default();
            let latest = steps.last().map(|s| s.step);
            let availability = entitlements::availability(&item.eligibility, &known, as_of);
            Entitlement {
                item_id,
                status: entitlements::status(&availability, latest),
                can_ask: can_ask(&availability, latest, item.amount.map(|a| a.period)),
                availability,
                item,
                steps,
            }
        })
        .collect();
    let key_documents = KeyDocument::ALL
        .into_iter()
        .map(|document| {
            let last = ticks.iter().rev().find(|t| t.document == document.code());
            KeyDocumentTick {
                document,
                has_it: last.is_some_and(|t| t.has_it),
                last_changed: last.map(|t| {
                    (
                        name_of(t.recorded_by),
                        by_young_person(t.recorded_by),
                        t.recorded_at,
                    )
                }),
            }
        })
        .collect();
    Entitlements {
        young_person_id: person.id,
        name: full_name(&person.given_name, &person.family_name),
        date_of_birth: person.date_of_birth,
        as_of,
        category: known.category,
        conditions: known.conditions,
        items,
        key_documents,
    }
}

/// The published item, in the young person's authority's offer.
async fn offer_item(
    state: &AppState,
    person: &young_person::Model,
    item_id: Uuid,
) -> Result<OfferItem> {
    local_offer::snapshot(state, person.authority_id)
        .await?
        .items
        .iter()
        .find(|p| p.item_id == item_id)
        .map(|p| p.item.clone())
        .ok_or(Error::NotFound)
}

async fn current_step(
    db: &impl ConnectionTrait,
    young_person_id: Uuid,
    item_id: Uuid,
) -> Result<Option<entitlement_step::Model>> {
    Ok(entitlement_step::Entity::find()
        .filter(entitlement_step::Column::YoungPersonId.eq(young_person_id))
        .filter(entitlement_step::Column::ItemId.eq(item_id))
        .filter(entitlement_step::Column::ReplacedAt.is_null())
        .one(db)
        .await?)
}

const CHANGED_MEANWHILE: &str =
    "Someone else changed this at the same time. Look at it again, then try once more.";

/// A new step in place of the current one. Refused if the current one is not the one the
/// decision was made on: never two current steps, never an answer to a request not seen.
async fn add_step(
    db: &impl ConnectionTrait,
    current: Option<&entitlement_step::Model>,
    new: entitlement_step::ActiveModel,
    now: DateTime<Utc>,
) -> Result<()> {
    if let Some(current) = current {
        let replaced = entitlement_step::Entity::update_many()
            .col_expr(entitlement_step::Column::ReplacedAt, Expr::value(now))
            .filter(entitlement_step::Column::Id.eq(current.id))
            .filter(entitlement_step::Column::ReplacedAt.is_null())
            .exec(db)
            .await?;
        if replaced.rows_affected != 1 {
            return Err(Error::Conflict(CHANGED_MEANWHILE.into()));
        }
    }
    match new.insert(db).await {
        Ok(_) => Ok(()),
        Err(error) if matches!(error.sql_err(), Some(SqlErr::UniqueConstraintViolation(_))) => {
            Err(Error::Conflict(CHANGED_MEANWHILE.into()))
        }
        Err(error) => Err(error.into()),
    }
}

struct NewStep {
    step: Step,
    message: Option<String>,
    reason: Option<String>,
    received_on: Option<NaiveDate>,
    amount_pence: Option<i64>,
}

fn step_row(
    young_person_id: Uuid,
    item_id: Uuid,
    new: NewStep,
    recorded_by: Uuid,
    now: DateTime<Utc>,
) -> entitlement_step::ActiveModel {
    entitlement_step::ActiveModel {
        id: Set(Uuid::new_v4()),
        young_person_id: Set(young_person_id),
        item_id: Set(item_id),
        step: Set(new.step.code().to_owned()),
        message: Set(new.message),
        reason: Set(new.reason),
        received_on: Set(new.received_on),
        amount_pence: Set(new.amount_pence),
        recorded_by: Set(recorded_by),
        recorded_at: Set(now),
        replaced_at: Set(None),
    }
}

fn optional_text(field: &str, text: Option<&str>) -> Result<Option<String>> {
    let text = text.map(str::trim).filter(|t| !t.is_empty());
    if text.is_some_and(|t| t.chars().count() > MAX_MESSAGE) {
        return Err(Error::invalid(
            field,
            format!("Write {MAX_MESSAGE} characters or fewer"),
        ));
    }
    Ok(text.map(str::to_owned))
}

/// The young person asks for an item, with a message if they like. Their PA (or, without
/// one, their social worker) is told by email.
#[tracing::instrument(skip(state, caller, message))]
pub async fn ask(
    state: &AppState,
    caller: &Caller,
    young_person_id: Uuid,
    item_id: Uuid,
    message: Option<&str>,
) -> Result<()> {
    let today = state.clock.today();
    let now = state.clock.now();
    let (person, _) = authorise(
        &state.db,
        caller,
        young_person_id,
        Action::AskForEntitlement,
        today,
    )
    .await?;
    let message = optional_text("message", message)?;
    let item = offer_item(state, &person, item_id).await?;
    let known = circumstances(
        &person,
        &*entitlement_facts::of(state, &person).await?,
        today,
    );
    // Read before the transaction, so that its first statement writes: on SQLite that waits
    // for the lock instead of failing on a stale snapshot. `add_step` refuses the change if
    // the current step moved meanwhile.
    let current = current_step(&state.db, person.id, item_id).await?;
    let latest = current.as_ref().and_then(|c| Step::from_code(&c.step));
    let availability = entitlements::availability(&item.eligibility, &known, today);
    if !can_ask(&availability, latest, item.amount.map(|a| a.period)) {
        return Err(Error::Conflict(match latest {
            Some(Step::Requested | Step::Approved) => {
                "You have already asked for this. Your personal adviser will let you know.".into()
            }
            _ => "You cannot ask for this yet.".into(),
        }));
    }
    let new = NewStep {
        step: Step::Requested,
        message,
        reason: None,
        received_on: None,
        amount_pence: None,
    };
    let worker = worker_to_tell(&state.db, person.id, today).await?;
    let txn = state.db.begin().await?;
    add_step(
        &txn,
        current.as_ref(),
        step_row(person.id, item_id, new, caller.actor.user_id, now),
        now,
    )
    .await?;
    if let Some(worker) = worker {
        let email = request_email(state, &worker, &person, &item);
        outbox::enqueue(&txn, &email, now).await?;
    }
    txn.commit().await?;
    state.mail_wake.notify_one();
    Ok(())
}

/// The young person's PA, or their social worker if they have no PA.
async fn worker_to_tell(
    db: &impl ConnectionTrait,
    young_person_id: Uuid,
    today: NaiveDate,
) -> Result<Option<user::Model>> {
    let allocations = staff_allocation::Entity::find()
        .filter(staff_allocation::Column::YoungPersonId.eq(young_person_id))
        .filter(current_on(today))
        .all(db)
        .await?;
    let pick = [
        AllocationRole::PersonalAdviser,
        AllocationRole::SocialWorker,
    ]
    .into_iter()
    .find_map(|role| {
        allocations
            .iter()
            .find(|a| a.role == role.code())
            .map(|a| a.staff_user_id)
    });
    match pick {
        Some(id) => Ok(user::Entity::find_by_id(id).one(db).await?),
        None => Ok(None),
    }
}

/// No personal details in the subject line; the young person's first name only in the body,
/// and a link to the page where the worker answers.
fn request_email(
    state: &AppState,
    worker: &user::Model,
    person: &young_person::Model,
    item: &OfferItem,
) -> OutgoingEmail {
    let link = format!(
        "{}/staff/young-people/{}/entitlements",
        state.public_url, person.id
    );
    let what = &item.title;
    let name = &person.given_name;
    OutgoingEmail {
        to: worker.email.clone(),
        subject: "A young person has asked for something from the local offer".into(),
        text: format!(
            "{name} has asked for: {what}.\n\nSign in to Onward to read their message and answer:\n{link}\n"
        ),
        html: format!(
            "<p>{} has asked for: {}.</p><p><a href=\"{}\">Sign in to Onward to read their message and answer</a>.</p>",
            escape_html(name),
            escape_html(what),
            escape_html(&link)
        ),
    }
}

/// What a worker records about an item for a young person.
#[derive(Debug, Clone)]
pub enum Answer {
    Approve,
    Received {
        on: NaiveDate,
        amount_pence: Option<i64>,
    },
    Decline {
        reason: String,
    },
}

impl Answer {
    fn step(&self) -> Step {
        match self {
            Answer::Approve => Step::Approved,
            Answer::Received { .. } => Step::Received,
            Answer::Decline { .. } => Step::Declined,
        }
    }
}

/// Approve a request, record an item as received, or turn a request down with a reason the
/// young person will read.
#[tracing::instrument(skip(state, caller, answer))]
pub async fn answer(
    state: &AppState,
    caller: &Caller,
    young_person_id: Uuid,
    item_id: Uuid,
    answer: Answer,
) -> Result<()> {
    let today = state.clock.today();
    let now = state.clock.now();
    let (person, _) = authorise(
        &state.db,
        caller,
        young_person_id,
        Action::RecordEntitlements,
        today,
    )
    .await?;
    offer_item(state, &person, item_id).await?;
    let new = match &answer {
        Answer::Approve => NewStep {
            step: Step::Approved,
            message: None,
            reason: None,
            received_on: None,
            amount_pence: None,
        },
        Answer::Received { on, amount_pence } => {
            if *on > today {
                return Err(Error::invalid(
                    "received_on",
                    "The date it was received must be today or in the past",
                ));
            }
            if *on < person.date_of_birth {
                return Err(Error::invalid(
                    "received_on",
                    "The date it was received must be after their date of birth",
                ));
            }
            if amount_pence.is_some_and(|p| !(0..=100_000_000).contains(&p)) {
                return Err(Error::invalid(
                    "amount_pence",
                    format!("The amount must be between £0 and {}", pounds(100_000_000)),
                ));
            }
            NewStep {
                step: Step::Received,
                message: None,
                reason: None,
                received_on: Some(*on),
                amount_pence: *amount_pence,
            }
        }
        Answer::Decline { reason } => {
            let Some(reason) = optional_text("reason", Some(reason))? else {
                return Err(Error::invalid(
                    "reason",
                    "Say why, in words the young person will understand",
                ));
            };
            NewStep {
                step: Step::Declined,
                message: None,
                reason: Some(reason),
                received_on: None,
                amount_pence: None,
            }
        }
    };
    let current = current_step(&state.db, person.id, item_id).await?;
    let latest = current.as_ref().and_then(|c| Step::from_code(&c.step));
    can_record(latest, answer.step()).map_err(|why| Error::Conflict(why.into()))?;
    let txn = state.db.begin().await?;
    add_step(
        &txn,
        current.as_ref(),
        step_row(person.id, item_id, new, caller.actor.user_id, now),
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Record what is true in the young person's life now that the offer depends on.
#[tracing::instrument(skip(state, caller))]
pub async fn record_circumstances(
    state: &AppState,
    caller: &Caller,
    young_person_id: Uuid,
    conditions: &[Condition],
) -> Result<()> {
    let (person, _) = authorise(
        &state.db,
        caller,
        young_person_id,
        Action::RecordEntitlements,
        state.clock.today(),
    )
    .await?;
    let codes: Vec<&str> = Condition::ALL
        .into_iter()
        .filter(|c| conditions.contains(c))
        .map(Condition::code)
        .collect();
    circumstance::ActiveModel {
        id: Set(Uuid::new_v4()),
        young_person_id: Set(person.id),
        conditions: Set(codes.join(",")),
        recorded_by: Set(caller.actor.user_id),
        recorded_at: Set(state.clock.now()),
    }
    .insert(&state.db)
    .await?;
    Ok(())
}

/// Tick (or untick) a key document: the young person or a worker who keeps their record.
#[tracing::instrument(skip(state, caller))]
pub async fn tick_key_document(
    state: &AppState,
    caller: &Caller,
    young_person_id: Uuid,
    document: KeyDocument,
    has_it: bool,
) -> Result<()> {
    let (person, _) = authorise(
        &state.db,
        caller,
        young_person_id,
        Action::TickKeyDocuments,
        state.clock.today(),
    )
    .await?;
    key_document::ActiveModel {
        id: Set(Uuid::new_v4()),
        young_person_id: Set(person.id),
        document: Set(document.code().to_owned()),
        has_it: Set(has_it),
        recorded_by: Set(caller.actor.user_id),
        recorded_at: Set(state.clock.now()),
    }
    .insert(&state.db)
    .await?;
    Ok(())
}

/// A request that needs a worker: asked for and not answered, or approved and not yet given.
#[derive(Debug, Clone)]
pub struct Waiting {
    pub young_person_id: Uuid,
    pub young_person_name: String,
    pub item_id: Uuid,
    pub item_title: String,
    pub step: Step,
    pub message: Option<String>,
    pub since: DateTime<Utc>,
}

/// Requests waiting across the caller's young people (all of them for a manager), oldest
/// first. Each young person shown is logged as seen in a list.
#[tracing::instrument(skip(state, caller))]
pub async fn waiting(state: &AppState, caller: &Caller) -> Result<Vec<Waiting>> {
    let today = state.clock.today();
    let scope =
        access::list_scope(&caller.actor, Action::RecordEntitlements).ok_or(Error::Forbidden)?;
    let mut people = young_person::Entity::find()
        .filter(young_person::Column::AuthorityId.eq(caller.actor.authority_id));
    let role = match &scope {
        ListScope::WholeAuthority(role) => *role,
        ListScope::Allocated(allocations) => {
            people = people.filter(young_person::Column::Id.in_subquery(allocated_to(
                caller.actor.user_id,
                allocations,
                today,
            )));
            allocations[0].staff_role()
        }
        ListScope::OwnRecord(_) => return Err(Error::Forbidden),
    };
    let steps = entitlement_step::Entity::find()
        .filter(
            entitlement_step::Column::Step.is_in([Step::Requested.code(), Step::Approved.code()]),
        )
        .filter(entitlement_step::Column::ReplacedAt.is_null())
        .filter(
            entitlement_step::Column::YoungPersonId.in_subquery(
                people
                    .select_only()
                    .column(young_person::Column::Id)
                    .into_query(),
            ),
        )
        .order_by_asc(entitlement_step::Column::RecordedAt)
        .limit(200)
        .all(&state.db)
        .await?;
    let people: HashMap<Uuid, young_person::Model> = young_person::Entity::find()
        .filter(young_person::Column::Id.is_in(steps.iter().map(|s| s.young_person_id)))
        .all(&state.db)
        .await?
        .into_iter()
        .map(|p| (p.id, p))
        .collect();
    let offer = local_offer::snapshot(state, caller.actor.authority_id).await?;
    let titles: HashMap<Uuid, &str> = offer
        .items
        .iter()
        .map(|p| (p.item_id, p.item.title.as_str()))
        .collect();
    let waiting: Vec<Waiting> = steps
        .into_iter()
        .filter_map(|s| {
            let person = people.get(&s.young_person_id)?;
            Some(Waiting {
                young_person_id: s.young_person_id,
                young_person_name: full_name(&person.given_name, &person.family_name),
                item_title: (*titles.get(&s.item_id)?).to_owned(),
                item_id: s.item_id,
                step: Step::from_code(&s.step)?,
                message: s.message,
                since: s.recorded_at,
            })
        })
        .collect();
    let mut shown: Vec<(Uuid, Role)> = waiting.iter().map(|w| (w.young_person_id, role)).collect();
    shown.sort();
    shown.dedup();
    access_log::record(
        &state.access_log,
        caller,
        &shown,
        ReadKind::Listed,
        state.clock.now(),
    )
    .await?;
    Ok(waiting)
}

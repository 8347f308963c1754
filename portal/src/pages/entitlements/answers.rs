//! The worker's side: requests waiting across their young people, one young person's
//! entitlements with approve, turn down and record as received, their circumstances and
//! their key documents.
use api::{
    AppState,
    domain::{
        access::{self, Action},
        calendar::date_in_england,
        entitlements::Step,
        local_offer::{Condition, parse_pounds},
    },
    error::Error,
    service::{
        Caller,
        entitlements::{self, Answer},
    },
};
use askama::Template;
use poem::{
    Request, Response, handler,
    http::StatusCode,
    web::{Data, Form, Path, Query},
};
use serde::Deserialize;
use uuid::Uuid;

use super::{
    AreaView, DocumentView, ItemView, by_area, documents, item_view, not_for_them, save_ticks,
    ticked,
};
use crate::{
    forms::{
        ChoiceField, DateField, ErrorSummary, TextField, TextareaField, answer, required_date,
    },
    pages::{
        Chrome, failed, ok, render, see_other,
        staff::{staff_form_sender, staff_member},
        young_person::long_date,
    },
};

pub struct WaitingRow {
    pub young_person_id: Uuid,
    pub name: String,
    pub item_id: Uuid,
    pub item_title: String,
    pub status: &'static str,
    pub status_class: &'static str,
    pub since: String,
}

#[derive(Template)]
#[template(path = "staff_requests.html")]
struct WaitingPage {
    chrome: Chrome,
    rows: Vec<WaitingRow>,
}

/// Requests from the local offer waiting for the worker, oldest first.
#[handler]
pub async fn waiting(req: &Request, Data(state): Data<&AppState>) -> Response {
    let (visitor, caller) = match staff_member(req, state).await {
        Ok(found) => found,
        Err(response) => return response,
    };
    let found = match entitlements::waiting(state, &caller).await {
        Ok(found) => found,
        Err(error) => return failed(error, Some(&visitor)),
    };
    let page = WaitingPage {
        chrome: Chrome::new(&visitor, "Requests from the local offer"),
        rows: found
            .into_iter()
            .map(|w| WaitingRow {
                young_person_id: w.young_person_id,
                name: w.young_person_name,
                item_id: w.item_id,
                item_title: w.item_title,
                status: match w.step {
                    Step::Approved => "Approved: to give",
                    _ => "Asked for: to answer",
                },
                status_class: match w.step {
                    Step::Approved => "tag--green",
                    _ => "tag--yellow",
                },
                since: long_date(date_in_england(w.since)),
            })
            .collect(),
    };
    ok(&page, &visitor)
}

#[derive(Template)]
#[template(path = "staff_entitlements.html")]
struct EntitlementsPage {
    chrome: Chrome,
    id: Uuid,
    name: String,
    category: &'static str,
    saved: Option<&'static str>,
    may_record: bool,
    /// Where the approve, turn down and received actions go; empty for someone who only reads.
    actions_base: String,
    documents_action: String,
    waiting: Vec<ItemView>,
    areas: Vec<AreaView>,
    not_for_them: Vec<ItemView>,
    circumstances: ChoiceField,
    documents: Vec<DocumentView>,
}

#[derive(Debug, Deserialize)]
pub struct SavedQuery {
    saved: Option<String>,
}

fn saved_message(code: Option<&str>) -> Option<&'static str> {
    Some(match code? {
        "approved" => "Approved. They can see this on their phone.",
        "declined" => "Turned down. They can read your reason on their phone.",
        "received" => "Recorded as received.",
        "circumstances" => "Their circumstances are saved.",
        "documents" => "Their key documents checklist is saved.",
        _ => return None,
    })
}

#[handler]
pub async fn their_entitlements(
    req: &Request,
    Data(state): Data<&AppState>,
    Path(id): Path<Uuid>,
    Query(query): Query<SavedQuery>,
) -> Response {
    let (visitor, caller) = match staff_member(req, state).await {
        Ok(found) => found,
        Err(response) => return response,
    };
    let found = match entitlements::of(state, &caller, id, None).await {
        Ok(found) => found,
        Err(error) => return failed(error, Some(&visitor)),
    };
    let may_record = access::holds_grant(&caller.actor, Action::RecordEntitlements);
    let conditions: Vec<(&str, &str)> = Condition::ALL
        .iter()
        .map(|c| (c.code(), c.words()))
        .collect();
    let recorded: Vec<&str> = found.conditions.iter().map(|c| c.code()).collect();
    let page = EntitlementsPage {
        chrome: Chrome::new(&visitor, &format!("What {} can get", found.name)),
        id,
        category: found.category.title(),
        saved: saved_message(query.saved.as_deref()),
        may_record,
        actions_base: if may_record {
            format!("/staff/young-people/{id}/entitlements")
        } else {
            String::new()
        },
        documents_action: format!("/staff/young-people/{id}/key-documents"),
        waiting: found
            .items
            .iter()
            .filter(|e| e.status.is_waiting())
            .map(|e| item_view(e, found.date_of_birth, false))
            .collect(),
        // What is waiting is shown first, and only there.
        areas: by_area(&found, false)
            .into_iter()
            .map(|mut area| {
                area.items.retain(|i| !i.status.is_waiting());
                area
            })
            .filter(|area| !area.items.is_empty())
            .collect(),
        not_for_them: not_for_them(&found, false),
        circumstances: ChoiceField::checkboxes(
            "condition",
            "What is true for them now?",
            &conditions,
        )
        .hint("Some of the offer depends on these. Untick anything no longer true.")
        .select(&recorded),
        documents: documents(&found.key_documents, false),
        name: found.name,
    };
    ok(&page, &visitor)
}

#[derive(Debug, Deserialize)]
pub struct TokenOnly {
    #[serde(default)]
    csrf_token: String,
}

/// Approve a request: one button, no questions.
#[handler]
pub async fn approve(
    req: &Request,
    Data(state): Data<&AppState>,
    Path((id, item_id)): Path<(Uuid, Uuid)>,
    Form(form): Form<TokenOnly>,
) -> Response {
    let (visitor, caller) = match staff_form_sender(req, state, &form.csrf_token).await {
        Ok(found) => found,
        Err(response) => return response,
    };
    match entitlements::answer(state, &caller, id, item_id, Answer::Approve).await {
        Ok(()) => see_other(
            &format!("/staff/young-people/{id}/entitlements?saved=approved"),
            &[],
        ),
        Err(error) => failed(error, Some(&visitor)),
    }
}

/// The two answers that need more than a button.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Decline,
    Received,
}

impl Kind {
    fn from_code(code: &str) -> Option<Self> {
        match code {
            "decline" => Some(Kind::Decline),
            "received" => Some(Kind::Received),
            _ => None,
        }
    }

    fn code(self) -> &'static str {
        match self {
            Kind::Decline => "decline",
            Kind::Received => "received",
        }
    }

    fn heading(self) -> &'static str {
        match self {
            Kind::Decline => "Turn down a request",
            Kind::Received => "Record as received",
        }
    }
}

#[derive(Debug, Default, Deserialize)]
pub struct AnswerAnswers {
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    reason: String,
    #[serde(default)]
    received_on_day: String,
    #[serde(default)]
    received_on_month: String,
    #[serde(default)]
    received_on_year: String,
    #[serde(default)]
    amount: String,
}

#[derive(Template)]
#[template(path = "staff_entitlement_answer.html")]
struct AnswerPage {
    chrome: Chrome,
    errors: ErrorSummary,
    id: Uuid,
    name: String,
    item: ItemView,
    kind: &'static str,
    heading: &'static str,
    reason: Option<TextareaField>,
    received_on: Option<DateField>,
    amount: Option<TextField>,
}

async fn item_for_answer(
    state: &AppState,
    caller: &Caller,
    id: Uuid,
    item_id: Uuid,
) -> Result<(String, ItemView, Option<i64>), Error> {
    let found = entitlements::of(state, caller, id, None).await?;
    let e = found
        .items
        .iter()
        .find(|e| e.item_id == item_id)
        .ok_or(Error::NotFound)?;
    Ok((
        found.name.clone(),
        item_view(e, found.date_of_birth, false),
        e.item.amount.map(|a| a.pence),
    ))
}

fn answer_page(
    chrome: Chrome,
    (id, name, item): (Uuid, String, ItemView),
    kind: Kind,
    answers: &AnswerAnswers,
    errors: ErrorSummary,
) -> AnswerPage {
    let (reason, received_on, amount) = match kind {
        Kind::Decline => (
            Some(
                TextareaField::new("reason", "Why not?")
                    .hint("They will read this. Say what they could do instead, if anything.")
                    .value(&answers.reason)
                    .errors_from(&errors),
            ),
            None,
            None,
        ),
        Kind::Received => (
            None,
            Some(
                DateField::new("received_on", "When did they receive it?")
                    .hint("For example, 3 11 2026")
                    .typed(
                        &answers.received_on_day,
                        &answers.received_on_month,
                        &answers.received_on_year,
                    )
                    .errors_from(&errors),
            ),
            Some(
                TextField::new("amount", "How much, in pounds (optional)")
                    .hint("For money only. For example, 3000 or 57.50")
                    .value(&answers.amount)
                    .errors_from(&errors),
            ),
        ),
    };
    AnswerPage {
        chrome,
        id,
        name,
        item,
        kind: kind.code(),
        heading: kind.heading(),
        reason,
        received_on,
        amount,
        errors,
    }
}

#[handler]
pub async fn answer_form(
    req: &Request,
    Data(state): Data<&AppState>,
    Path((id, item_id, kind)): Path<(Uuid, Uuid, String)>,
) -> Response {
    let (visitor, caller) = match staff_member(req, state).await {
        Ok(found) => found,
        Err(response) => return response,
    };
    let Some(kind) = Kind::from_code(&kind) else {
        return failed(Error::NotFound, Some(&visitor));
    };
    if !access::holds_grant(&caller.actor, Action::RecordEntitlements) {
        return failed(Error::Forbidden, Some(&visitor));
    }
    let (name, item, pence) = match item_for_answer(state, &caller, id, item_id).await {
        Ok(found) => found,
        Err(error) => return failed(error, Some(&visitor)),
    };
    let answers = AnswerAnswers {
        amount: pence
            .map(|p| {
                api::domain::local_offer::pounds(p)
                    .trim_start_matches('£')
                    .to_owned()
            })
            .unwrap_or_default(),
        ..AnswerAnswers::default()
    };
    let chrome = Chrome::new(&visitor, &format!("{}: {}", kind.heading(), item.title));
    let page = answer_page(
        chrome,
        (id, name, item),
        kind,
        &answers,
        ErrorSummary::default(),
    );
    ok(&page, &visitor)
}

fn read_answer(kind: Kind, answers: &AnswerAnswers, errors: &mut ErrorSummary) -> Option<Answer> {
    match kind {
        Kind::Decline => {
            if answers.reason.trim().is_empty() {
                errors.add("reason", "Say why, in words they will understand");
                return None;
            }
            Some(Answer::Decline {
                reason: answers.reason.clone(),
            })
        }
        Kind::Received => {
            let on = required_date(
                errors,
                "received-on",
                (
                    &answers.received_on_day,
                    &answers.received_on_month,
                    &answers.received_on_year,
                ),
                "the date they received it",
            );
            let amount_pence = if answers.amount.trim().is_empty() {
                None
            } else {
                match parse_pounds(&answers.amount) {
                    Some(pence) => Some(pence),
                    None => {
                        errors.add(
                            "amount",
                            "Enter the amount in pounds, like 3000 or 57.50, or leave it empty",
                        );
                        return None;
                    }
                }
            };
            Some(Answer::Received {
                on: on?,
                amount_pence,
            })
        }
    }
}

#[handler]
pub async fn send_answer(
    req: &Request,
    Data(state): Data<&AppState>,
    Path((id, item_id, kind)): Path<(Uuid, Uuid, String)>,
    Form(answers): Form<AnswerAnswers>,
) -> Response {
    let (visitor, caller) = match staff_form_sender(req, state, &answers.csrf_token).await {
        Ok(found) => found,
        Err(response) => return response,
    };
    let Some(kind) = Kind::from_code(&kind) else {
        return failed(Error::NotFound, Some(&visitor));
    };
    let mut errors = ErrorSummary::default();
    if let Some(answer) = read_answer(kind, &answers, &mut errors) {
        match entitlements::answer(state, &caller, id, item_id, answer).await {
            Ok(()) => {
                let saved = match kind {
                    Kind::Decline => "declined",
                    Kind::Received => "received",
                };
                return see_other(
                    &format!("/staff/young-people/{id}/entitlements?saved={saved}"),
                    &[],
                );
            }
            Err(Error::Invalid(fields)) => {
                errors.add_field_errors(&fields);
                errors.in_page_order(&["reason".into(), "received-on".into(), "amount".into()]);
            }
            Err(Error::Conflict(message)) => errors.add(
                match kind {
                    Kind::Decline => "reason",
                    Kind::Received => "received-on",
                },
                message,
            ),
            Err(error) => return failed(error, Some(&visitor)),
        }
    }
    let (name, item, _) = match item_for_answer(state, &caller, id, item_id).await {
        Ok(found) => found,
        Err(error) => return failed(error, Some(&visitor)),
    };
    let chrome = Chrome::with_errors(
        &visitor,
        &format!("{}: {}", kind.heading(), item.title),
        true,
    );
    let page = answer_page(chrome, (id, name, item), kind, &answers, errors);
    render(&page, StatusCode::UNPROCESSABLE_ENTITY, &visitor)
}

#[handler]
pub async fn record_circumstances(
    req: &Request,
    Data(state): Data<&AppState>,
    Path(id): Path<Uuid>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Response {
    let (visitor, caller) = match staff_form_sender(req, state, answer(&pairs, "csrf_token")).await
    {
        Ok(found) => found,
        Err(response) => return response,
    };
    let conditions: Vec<Condition> = pairs
        .iter()
        .filter(|(name, _)| name == "condition")
        .filter_map(|(_, value)| Condition::from_code(value))
        .collect();
    match entitlements::record_circumstances(state, &caller, id, &conditions).await {
        Ok(()) => see_other(
            &format!("/staff/young-people/{id}/entitlements?saved=circumstances"),
            &[],
        ),
        Err(error) => failed(error, Some(&visitor)),
    }
}

#[handler]
pub async fn tick_their_documents(
    req: &Request,
    Data(state): Data<&AppState>,
    Path(id): Path<Uuid>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Response {
    let (visitor, caller) = match staff_form_sender(req, state, answer(&pairs, "csrf_token")).await
    {
        Ok(found) => found,
        Err(response) => return response,
    };
    match save_ticks(state, &caller, id, &ticked(&pairs)).await {
        Ok(()) => see_other(
            &format!("/staff/young-people/{id}/entitlements?saved=documents#key-documents"),
            &[],
        ),
        Err(error) => failed(error, Some(&visitor)),
    }
}

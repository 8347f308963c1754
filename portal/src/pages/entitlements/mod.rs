//! Entitlements: "What you can get" for a young person, with "Ask for this" and their
//! key-documents checklist; and, in `answers`, the pages where their workers answer.
mod answers;

pub use answers::{
    answer_form, approve, record_circumstances, send_answer, their_entitlements,
    tick_their_documents, waiting,
};

use api::{
    AppState,
    domain::{
        entitlements::{Availability, KeyDocument, Status, Step, can_record, which_birthday},
        local_offer::{Area, Condition, pounds},
    },
    error::Error,
    service::entitlements::{self, Entitlement, Entitlements, KeyDocumentTick},
};
use askama::Template;
use poem::{
    Request, Response, handler,
    web::{Data, Form, Path, Query},
};
use serde::Deserialize;
use uuid::Uuid;

use super::{
    Chrome, failed, ok, render, see_other,
    young_person::{long_date, young_person, young_person_form_sender},
};
use crate::forms::{ErrorSummary, TextareaField, answer};

/// One item of the offer, as a young person or their worker reads it.
pub struct ItemView {
    pub id: Uuid,
    pub title: String,
    pub summary: String,
    pub amount: Option<String>,
    pub how_to_get: String,
    pub tag: &'static str,
    pub tag_class: &'static str,
    /// Where things stand, in sentences.
    pub lines: Vec<String>,
    /// The young person's words when they last asked.
    pub message: Option<String>,
    pub can_ask: bool,
    /// A worker may approve it, or turn it down, as the rules of the next step allow.
    pub may_approve: bool,
    pub may_decline: bool,
    pub status: Status,
}

pub struct AreaView {
    pub title: &'static str,
    pub items: Vec<ItemView>,
}

fn tag_class(status: Status) -> &'static str {
    match status {
        Status::Eligible | Status::Approved | Status::Received => "tag--green",
        Status::Requested => "tag--yellow",
        Status::Declined => "tag--red",
        Status::NotYet | Status::NotApplicable => "tag--grey",
    }
}

fn conditions_words(conditions: &[Condition]) -> String {
    let words: Vec<&str> = conditions.iter().map(|c| c.words()).collect();
    match words.as_slice() {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// Where things stand with an item, in sentences. `you` is how the young person is named:
/// "you" on their own pages, their first name on their worker's.
fn lines(e: &Entitlement, born: chrono::NaiveDate, own: bool) -> Vec<String> {
    let mut lines = Vec::new();
    match (&e.availability, e.latest()) {
        (Availability::NotYet { from, waiting_for }, None) => {
            if let Some(from) = from {
                let birthday = which_birthday(born, *from)
                    .map(|b| {
                        if own {
                            format!(", {b}")
                        } else {
                            format!(", their {}", b.trim_start_matches("your "))
                        }
                    })
                    .unwrap_or_default();
                let who = if own { "You will" } else { "They will" };
                lines.push(format!(
                    "{who} be able to get this from {}{birthday}.",
                    long_date(*from)
                ));
            }
            if !waiting_for.is_empty() {
                let words = conditions_words(waiting_for);
                lines.push(if own {
                    format!(
                        "This is for young people who are {words}. If that is you now, ask for it and your personal adviser will check."
                    )
                } else {
                    format!("For young people who are {words}: not recorded for them.")
                });
            }
        }
        (Availability::NotApplicable { why }, None) => lines.push(why.clone()),
        _ => {}
    }
    for step in &e.steps {
        let on = long_date(api::domain::calendar::date_in_england(step.recorded_at));
        let by = if step.by_young_person {
            if own {
                "you".to_owned()
            } else {
                "them".to_owned()
            }
        } else {
            step.recorded_by.clone()
        };
        lines.push(match step.step {
            Step::Requested => format!("Asked for on {on} by {by}."),
            Step::Approved => format!("Approved on {on} by {by}."),
            Step::Received => {
                let when = step.received_on.map(long_date).unwrap_or(on);
                let amount = step
                    .amount_pence
                    .map(|p| format!(" ({})", pounds(p)))
                    .unwrap_or_default();
                format!("Received on {when}{amount}, recorded by {by}.")
            }
            Step::Declined => format!(
                "Not approved on {on} by {by}. The reason: {}",
                step.reason.as_deref().unwrap_or("none given")
            ),
        });
    }
    if own && e.status == Status::Requested {
        lines.push("Your personal adviser will let you know.".into());
    }
    lines
}

pub fn item_view(e: &Entitlement, born: chrono::NaiveDate, own: bool) -> ItemView {
    ItemView {
        id: e.item_id,
        title: e.item.title.clone(),
        summary: e.item.summary.clone(),
        amount: e.item.amount.map(|a| a.to_string()),
        how_to_get: e.item.how_to_get.clone(),
        tag: e.status.words(),
        tag_class: tag_class(e.status),
        lines: lines(e, born, own),
        message: e
            .steps
            .iter()
            .rev()
            .find(|s| s.step == Step::Requested)
            .and_then(|s| s.message.clone()),
        can_ask: e.can_ask,
        may_approve: can_record(e.latest().map(|s| s.step), Step::Approved).is_ok(),
        may_decline: can_record(e.latest().map(|s| s.step), Step::Declined).is_ok(),
        status: e.status,
    }
}

/// Items by area; those not for the young person left out (they are listed apart).
pub fn by_area(found: &Entitlements, own: bool) -> Vec<AreaView> {
    Area::ALL
        .into_iter()
        .map(|area| AreaView {
            title: area.title(),
            items: found
                .items
                .iter()
                .filter(|e| e.item.area == area && e.status != Status::NotApplicable)
                .map(|e| item_view(e, found.date_of_birth, own))
                .collect(),
        })
        .filter(|area| !area.items.is_empty())
        .collect()
}

pub fn not_for_them(found: &Entitlements, own: bool) -> Vec<ItemView> {
    found
        .items
        .iter()
        .filter(|e| e.status == Status::NotApplicable)
        .map(|e| item_view(e, found.date_of_birth, own))
        .collect()
}

/// A key document on the checklist, with who ticked it.
pub struct DocumentView {
    pub code: &'static str,
    pub title: &'static str,
    pub has_it: bool,
    pub changed: Option<String>,
}

pub fn documents(ticks: &[KeyDocumentTick], own: bool) -> Vec<DocumentView> {
    ticks
        .iter()
        .map(|t| DocumentView {
            code: t.document.code(),
            title: t.document.title(),
            has_it: t.has_it,
            changed: t.last_changed.as_ref().map(|(name, by_them, at)| {
                let who = match (by_them, own) {
                    (true, true) => "you".to_owned(),
                    (true, false) => "them".to_owned(),
                    (false, _) => name.clone(),
                };
                let what = if t.has_it { "Ticked" } else { "Unticked" };
                format!(
                    "{what} by {who} on {}",
                    long_date(api::domain::calendar::date_in_england(*at))
                )
            }),
        })
        .collect()
}

/// The documents ticked in a form of checkboxes named `document`.
pub fn ticked(pairs: &[(String, String)]) -> Vec<KeyDocument> {
    pairs
        .iter()
        .filter(|(name, _)| name == "document")
        .filter_map(|(_, value)| KeyDocument::from_code(value))
        .collect()
}

#[derive(Template)]
#[template(path = "my_entitlements.html")]
struct WhatICanGet {
    chrome: Chrome,
    asked: Option<String>,
    saved_documents: bool,
    areas: Vec<AreaView>,
    not_for_me: Vec<ItemView>,
    documents: Vec<DocumentView>,
}

#[derive(Debug, Deserialize)]
pub struct WhatICanGetQuery {
    asked: Option<Uuid>,
    saved: Option<String>,
}

#[handler]
pub async fn what_i_can_get(
    req: &Request,
    Data(state): Data<&AppState>,
    Query(query): Query<WhatICanGetQuery>,
) -> Response {
    let (visitor, caller, own) = match young_person(req, state).await {
        Ok(found) => found,
        Err(response) => return response,
    };
    let found = match entitlements::of(state, &caller, own, None).await {
        Ok(found) => found,
        Err(error) => return failed(error, Some(&visitor)),
    };
    let page = WhatICanGet {
        chrome: Chrome::new(&visitor, "What you can get").offline_ready(),
        asked: query.asked.and_then(|id| {
            found
                .items
                .iter()
                .find(|e| e.item_id == id)
                .map(|e| e.item.title.clone())
        }),
        saved_documents: query.saved.as_deref() == Some("documents"),
        areas: by_area(&found, true),
        not_for_me: not_for_them(&found, true),
        documents: documents(&found.key_documents, true),
    };
    ok(&page, &visitor)
}

#[derive(Template)]
#[template(path = "my_entitlement_ask.html")]
struct AskPage {
    chrome: Chrome,
    errors: ErrorSummary,
    item: ItemView,
    message: TextareaField,
}

fn ask_page(chrome: Chrome, item: ItemView, message: &str, errors: ErrorSummary) -> AskPage {
    AskPage {
        chrome,
        item,
        message: TextareaField::new(
            "message",
            "Anything you want your personal adviser to know? (optional)",
        )
        .hint("For example, when you need it, or what it is for")
        .value(message)
        .errors_from(&errors),
        errors,
    }
}

async fn item_for_asking(
    state: &AppState,
    caller: &api::service::Caller,
    own: Uuid,
    item_id: Uuid,
) -> Result<ItemView, Error> {
    let found = entitlements::of(state, caller, own, None).await?;
    found
        .items
        .iter()
        .find(|e| e.item_id == item_id)
        .map(|e| item_view(e, found.date_of_birth, true))
        .ok_or(Error::NotFound)
}

#[handler]
pub async fn ask(
    req: &Request,
    Data(state): Data<&AppState>,
    Path(item_id): Path<Uuid>,
) -> Response {
    let (visitor, caller, own) = match young_person(req, state).await {
        Ok(found) => found,
        Err(response) => return response,
    };
    let item = match item_for_asking(state, &caller, own, item_id).await {
        Ok(item) if item.can_ask => item,
        // Already asked, or not yet theirs to ask for: the list says where things stand.
        Ok(_) => return see_other(&format!("/my/entitlements#item-{item_id}"), &[]),
        Err(error) => return failed(error, Some(&visitor)),
    };
    let chrome = Chrome::new(&visitor, &format!("Ask for {}", item.title));
    ok(
        &ask_page(chrome, item, "", ErrorSummary::default()),
        &visitor,
    )
}

#[derive(Debug, Deserialize)]
pub struct AskAnswers {
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    message: String,
}

#[handler]
pub async fn send_request(
    req: &Request,
    Data(state): Data<&AppState>,
    Path(item_id): Path<Uuid>,
    Form(answers): Form<AskAnswers>,
) -> Response {
    let (visitor, caller, own) =
        match young_person_form_sender(req, state, &answers.csrf_token).await {
            Ok(found) => found,
            Err(response) => return response,
        };
    let outcome =
        entitlements::ask(state, &caller, own, item_id, Some(answers.message.as_str())).await;
    let mut errors = ErrorSummary::default();
    match outcome {
        Ok(()) => return see_other(&format!("/my/entitlements?asked={item_id}"), &[]),
        Err(Error::Invalid(fields)) => errors.add_field_errors(&fields),
        Err(Error::Conflict(message)) => errors.add("message", message),
        Err(error) => return failed(error, Some(&visitor)),
    }
    let item = match item_for_asking(state, &caller, own, item_id).await {
        Ok(item) => item,
        Err(error) => return failed(error, Some(&visitor)),
    };
    let chrome = Chrome::with_errors(&visitor, &format!("Ask for {}", item.title), true);
    render(
        &ask_page(chrome, item, &answers.message, errors),
        poem::http::StatusCode::UNPROCESSABLE_ENTITY,
        &visitor,
    )
}

/// The young person ticks the documents they have; unticked ones are saved as not had.
#[handler]
pub async fn tick_documents(
    req: &Request,
    Data(state): Data<&AppState>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Response {
    let (visitor, caller, own) =
        match young_person_form_sender(req, state, answer(&pairs, "csrf_token")).await {
            Ok(found) => found,
            Err(response) => return response,
        };
    match save_ticks(state, &caller, own, &ticked(&pairs)).await {
        Ok(()) => see_other("/my/entitlements?saved=documents#key-documents", &[]),
        Err(error) => failed(error, Some(&visitor)),
    }
}

/// Save the checklist as ticked, changing only the documents whose tick has changed.
pub async fn save_ticks(
    state: &AppState,
    caller: &api::service::Caller,
    young_person_id: Uuid,
    ticked: &[KeyDocument],
) -> Result<(), Error> {
    let current = entitlements::of(state, caller, young_person_id, None).await?;
    for tick in current.key_documents {
        let has_it = ticked.contains(&tick.document);
        if has_it != tick.has_it {
            entitlements::tick_key_document(state, caller, young_person_id, tick.document, has_it)
                .await?;
        }
    }
    Ok(())
}

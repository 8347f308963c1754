//! Adding and correcting health entries, and changing the NHS number, GP and dentist:
//! form → "Check your answers" → saved, each step POST → redirect → GET, the answers kept
//! in a draft between steps.
use api::{
    AppState,
    domain::access::{self, Action},
    error::Error,
    service::{
        Caller, care_records,
        form_drafts::{self, Draft},
        health_history::{self, EntryChange},
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

use super::form::{
    AnswerRow, Answers, HealthForm, Reading, answer_rows, answers_for_details, answers_for_entry,
};
use crate::{
    forms::{ErrorSummary, Field},
    pages::{
        Chrome, failed, render, see_other,
        staff::{child_name, staff_form_sender, staff_member},
    },
    session::Visitor,
};

#[derive(Template)]
#[template(path = "staff_health_form.html")]
struct FormPage {
    chrome: Chrome,
    id: Uuid,
    name: String,
    heading: &'static str,
    action: String,
    correcting: bool,
    /// The draft these answers came from, replaced when the form is sent again.
    draft: Option<Uuid>,
    errors: ErrorSummary,
    fields: Vec<Field>,
}

/// A form as it is about to be shown: which, for which entry, and with what answers.
struct Shown<'a> {
    form: HealthForm,
    entry_id: Option<Uuid>,
    draft: Option<Uuid>,
    answers: &'a Answers,
}

#[derive(Template)]
#[template(path = "staff_health_check.html")]
struct CheckPage {
    chrome: Chrome,
    id: Uuid,
    name: String,
    heading: &'static str,
    rows: Vec<AnswerRow>,
    change: String,
    action: String,
}

/// Where a form lives: a new entry of its kind, or the correction of one entry.
fn form_path(id: Uuid, form: HealthForm, entry_id: Option<Uuid>) -> String {
    match entry_id {
        Some(entry_id) => format!("/staff/young-people/{id}/health/entries/{entry_id}/correct"),
        None => format!("/staff/young-people/{id}/health/{}/new", form.code()),
    }
}

#[derive(Debug, Deserialize)]
pub struct DraftQuery {
    draft: Option<Uuid>,
}

/// The caller's draft for this young person, if the link carries one.
async fn draft_for(
    state: &AppState,
    caller: &Caller,
    id: Uuid,
    draft: Option<Uuid>,
) -> Result<Option<Draft>, Error> {
    match draft {
        None => Ok(None),
        Some(draft) => {
            let found = form_drafts::load(state, caller, draft).await?;
            if found.young_person_id == id {
                Ok(Some(found))
            } else {
                Err(Error::NotFound)
            }
        }
    }
}

async fn show_form(
    state: &AppState,
    visitor: &Visitor,
    caller: &Caller,
    id: Uuid,
    shown: Shown<'_>,
    mut errors: ErrorSummary,
) -> Response {
    let Shown {
        form,
        entry_id,
        draft,
        answers,
    } = shown;
    let name = match child_name(state, caller, id).await {
        Ok(name) => name,
        Err(error) => return failed(error, Some(visitor)),
    };
    let correcting = entry_id.is_some();
    let heading = form.heading(correcting);
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let fields = form.fields(answers, &errors, correcting);
    errors.in_page_order(&fields.iter().map(|f| f.id().to_owned()).collect::<Vec<_>>());
    let page = FormPage {
        chrome: Chrome::with_errors(visitor, heading, !errors.is_empty()),
        id,
        name,
        heading,
        action: form_path(id, form, entry_id),
        correcting,
        draft,
        fields,
        errors,
    };
    render(&page, status, visitor)
}

/// A member of staff whose role keeps health histories (which young people's, the use case
/// decides), or the page that says they cannot.
async fn health_recorder(
    req: &Request,
    state: &AppState,
    action: Action,
) -> Result<(Visitor, Caller), Response> {
    let (visitor, caller) = staff_member(req, state).await?;
    if access::holds_grant(&caller.actor, action) {
        Ok((visitor, caller))
    } else {
        Err(failed(Error::Forbidden, Some(&visitor)))
    }
}

/// A form for a new entry, or for the NHS number, GP and dentist (filled with the current
/// ones); with a draft, the answers as they were given.
#[handler]
pub async fn new_entry(
    req: &Request,
    Data(state): Data<&AppState>,
    Path((id, form)): Path<(Uuid, String)>,
    Query(query): Query<DraftQuery>,
) -> Response {
    let Some(form) = HealthForm::from_code(&form) else {
        return failed(Error::NotFound, None);
    };
    let (visitor, caller) = match health_recorder(req, state, form.action()).await {
        Ok(found) => found,
        Err(response) => return response,
    };
    let answers = match draft_for(state, &caller, id, query.draft).await {
        Ok(Some(draft)) => draft.answers,
        Ok(None) if form == HealthForm::Details => {
            match health_history::read(state, &caller, id).await {
                Ok(history) => history
                    .details
                    .map(|d| answers_for_details(&d.details))
                    .unwrap_or_default(),
                Err(error) => return failed(error, Some(&visitor)),
            }
        }
        Ok(None) => Answers::new(),
        Err(error) => return failed(error, Some(&visitor)),
    };
    let shown = Shown {
        form,
        entry_id: None,
        draft: query.draft,
        answers: &answers,
    };
    show_form(state, &visitor, &caller, id, shown, ErrorSummary::default()).await
}

/// The correction form, filled with what the entry says now.
#[handler]
pub async fn correct_entry(
    req: &Request,
    Data(state): Data<&AppState>,
    Path((id, entry_id)): Path<(Uuid, Uuid)>,
    Query(query): Query<DraftQuery>,
) -> Response {
    let (visitor, caller) = match health_recorder(req, state, Action::RecordHealth).await {
        Ok(found) => found,
        Err(response) => return response,
    };
    let entry = match health_history::entry(state, &caller, id, entry_id).await {
        Ok(entry) => entry,
        Err(error) => return failed(error, Some(&visitor)),
    };
    let form = HealthForm::for_entry(entry.details());
    let answers = match draft_for(state, &caller, id, query.draft).await {
        Ok(Some(draft)) => draft.answers,
        Ok(None) => answers_for_entry(&entry.current.text),
        Err(error) => return failed(error, Some(&visitor)),
    };
    let errors = ErrorSummary::default();
    let shown = Shown {
        form,
        entry_id: Some(entry_id),
        draft: query.draft,
        answers: &answers,
    };
    show_form(state, &visitor, &caller, id, shown, errors).await
}

/// Check the answers against every rule that saving will apply, without saving.
async fn check(
    state: &AppState,
    caller: &Caller,
    id: Uuid,
    form: HealthForm,
    entry_id: Option<Uuid>,
    answers: &Answers,
) -> Result<Reading, Error> {
    let reading = form.read(answers).map_err(Error::Invalid)?;
    match &reading {
        Reading::Entry(text) => {
            health_history::check_entry(state, caller, id, text, &change(entry_id, answers))
                .await?;
        }
        Reading::Details { .. } => health_history::check_details(state, caller, id).await?,
        Reading::Assessment(new) => {
            care_records::check_health_assessment(state, caller, id, new.clone()).await?;
        }
    }
    Ok(reading)
}

fn change(entry_id: Option<Uuid>, answers: &Answers) -> EntryChange {
    match entry_id {
        None => EntryChange::New,
        Some(entry_id) => EntryChange::Correction {
            entry_id,
            reason: answers
                .get("correction_reason")
                .cloned()
                .unwrap_or_default(),
        },
    }
}

/// A form sent: checked, kept as a draft, and on to "Check your answers".
async fn take_answers(
    req: &Request,
    state: &AppState,
    id: Uuid,
    form: Option<HealthForm>,
    entry_id: Option<Uuid>,
    sent: &Answers,
) -> Response {
    let csrf = sent
        .get("csrf_token")
        .map(String::as_str)
        .unwrap_or_default();
    let (visitor, caller) = match staff_form_sender(req, state, csrf).await {
        Ok(found) => found,
        Err(response) => return response,
    };
    let form = match (form, entry_id) {
        (Some(form), _) => form,
        (None, Some(entry_id)) => match health_history::entry(state, &caller, id, entry_id).await {
            Ok(entry) => HealthForm::for_entry(entry.details()),
            Err(error) => return failed(error, Some(&visitor)),
        },
        (None, None) => return failed(Error::NotFound, Some(&visitor)),
    };
    let answers = form.keep(sent);
    let previous = sent.get("draft").and_then(|d| d.parse::<Uuid>().ok());
    match check(state, &caller, id, form, entry_id, &answers).await {
        Ok(_) => {}
        Err(Error::Invalid(fields)) => {
            let errors = ErrorSummary::from(fields);
            let shown = Shown {
                form,
                entry_id,
                draft: previous,
                answers: &answers,
            };
            return show_form(state, &visitor, &caller, id, shown, errors).await;
        }
        Err(error) => return failed(error, Some(&visitor)),
    }
    let saved = form_drafts::save(state, &caller, id, form.code(), entry_id, &answers).await;
    // Answers changed from "Check your answers" replace the draft they started from.
    let replaced = match previous {
        Some(previous) => form_drafts::remove(state, &caller, previous).await,
        None => Ok(()),
    };
    match saved.and_then(|draft| replaced.map(|()| draft)) {
        Ok(draft) => see_other(
            &format!("/staff/young-people/{id}/health/check/{draft}"),
            &[],
        ),
        Err(error) => failed(error, Some(&visitor)),
    }
}

#[handler]
pub async fn send_answers(
    req: &Request,
    Data(state): Data<&AppState>,
    Path((id, form)): Path<(Uuid, String)>,
    Form(sent): Form<Answers>,
) -> Response {
    take_answers(
        req,
        state,
        id,
        Some(HealthForm::from_code(&form)).flatten(),
        None,
        &sent,
    )
    .await
}

#[handler]
pub async fn send_correction(
    req: &Request,
    Data(state): Data<&AppState>,
    Path((id, entry_id)): Path<(Uuid, Uuid)>,
    Form(sent): Form<Answers>,
) -> Response {
    take_answers(req, state, id, None, Some(entry_id), &sent).await
}

/// The caller's draft for this young person, and the form it was given on.
async fn drafted(
    state: &AppState,
    caller: &Caller,
    id: Uuid,
    draft: Uuid,
) -> Result<(Draft, HealthForm), Error> {
    let draft = draft_for(state, caller, id, Some(draft))
        .await?
        .ok_or(Error::NotFound)?;
    let form = HealthForm::from_code(&draft.form).ok_or(Error::NotFound)?;
    Ok((draft, form))
}

/// "Check your answers" for a draft.
#[handler]
pub async fn review_answers(
    req: &Request,
    Data(state): Data<&AppState>,
    Path((id, draft)): Path<(Uuid, Uuid)>,
) -> Response {
    let (visitor, caller) = match staff_member(req, state).await {
        Ok(found) => found,
        Err(response) => return response,
    };
    let (draft, form) = match drafted(state, &caller, id, draft).await {
        Ok(found) => found,
        Err(error) => return failed(error, Some(&visitor)),
    };
    let change_path = format!("{}?draft={}", form_path(id, form, draft.entry_id), draft.id);
    let Ok(reading) = form.read(&draft.answers) else {
        return see_other(&change_path, &[]);
    };
    let name = match child_name(state, &caller, id).await {
        Ok(name) => name,
        Err(error) => return failed(error, Some(&visitor)),
    };
    let reason = draft
        .entry_id
        .and(draft.answers.get("correction_reason"))
        .map(String::as_str);
    let page = CheckPage {
        chrome: Chrome::new(&visitor, "Check your answers"),
        id,
        name,
        heading: form.heading(draft.entry_id.is_some()),
        rows: answer_rows(&reading, reason),
        change: change_path,
        action: format!("/staff/young-people/{id}/health/check/{}", draft.id),
    };
    render(&page, StatusCode::OK, &visitor)
}

#[derive(Debug, Deserialize)]
pub struct ConfirmForm {
    #[serde(default)]
    csrf_token: String,
}

/// Save a draft's answers for real.
#[handler]
pub async fn confirm(
    req: &Request,
    Data(state): Data<&AppState>,
    Path((id, draft)): Path<(Uuid, Uuid)>,
    Form(confirmation): Form<ConfirmForm>,
) -> Response {
    let (visitor, caller) = match staff_form_sender(req, state, &confirmation.csrf_token).await {
        Ok(found) => found,
        Err(response) => return response,
    };
    let (draft, form) = match drafted(state, &caller, id, draft).await {
        Ok(found) => found,
        Err(error) => return failed(error, Some(&visitor)),
    };
    let saved = match form.read(&draft.answers) {
        Err(fields) => Err(Error::Invalid(fields)),
        Ok(Reading::Entry(text)) => {
            let change = change(draft.entry_id, &draft.answers);
            health_history::save_entry(state, &caller, id, &text, &change)
                .await
                .map(|_| ())
        }
        Ok(Reading::Details {
            details,
            change_reason,
        }) => {
            health_history::save_details(state, &caller, id, &details, change_reason.as_deref())
                .await
        }
        Ok(Reading::Assessment(new)) => {
            care_records::record_health_assessment(state, &caller, id, new)
                .await
                .map(|_| ())
        }
    };
    let errors = match saved {
        Ok(()) => {
            if let Err(error) = form_drafts::remove(state, &caller, draft.id).await {
                return failed(error, Some(&visitor));
            }
            return see_other(
                &format!("/staff/young-people/{id}/health?saved={}", form.code()),
                &[],
            );
        }
        Err(Error::Invalid(fields)) => ErrorSummary::from(fields),
        // Someone else corrected the entry first: say so, and keep what this person typed.
        Err(Error::Conflict(message)) => {
            let mut errors = ErrorSummary::default();
            errors.add("correction-reason", message);
            errors
        }
        Err(error) => return failed(error, Some(&visitor)),
    };
    let shown = Shown {
        form,
        entry_id: draft.entry_id,
        draft: Some(draft.id),
        answers: &draft.answers,
    };
    show_form(state, &visitor, &caller, id, shown, errors).await
}

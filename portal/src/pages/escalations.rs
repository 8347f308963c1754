//! Escalations in the portal: the IRO raises one from a child's record; the IRO or a manager
//! moves it up a stage, records the response and resolves it.
use api::{
    AppState,
    domain::{
        access::{self, Action},
        escalations::{Change, Raise, Stage},
    },
    error::Error,
    service::{Caller, escalations},
};
use askama::Template;
use poem::{
    Request, Response, handler,
    http::StatusCode,
    web::{Data, Form, Path},
};
use serde::Deserialize;
use uuid::Uuid;

use super::{
    Chrome, failed, ok, render, see_other,
    staff::{child_name, days_ago, staff_form_sender, staff_member},
    young_person::long_date,
};
use crate::{
    forms::{ChoiceField, DateField, ErrorSummary, TextareaField, read_date, required_date},
    session::Visitor,
};

fn stage_choices(from: Stage) -> Vec<(&'static str, &'static str)> {
    Stage::ALL
        .into_iter()
        .filter(|stage| *stage >= from)
        .map(|stage| (stage.code(), stage.title()))
        .collect()
}

/// A date box that may be left empty; a half-typed date is an error.
fn optional_date(
    errors: &mut ErrorSummary,
    id: &str,
    (day, month, year): (&str, &str, &str),
    what: &str,
) -> Option<chrono::NaiveDate> {
    match read_date(day, month, year, what) {
        Ok(date) => date,
        Err(message) => {
            errors.add(id, message);
            None
        }
    }
}

#[derive(Template)]
#[template(path = "staff_escalation_new.html")]
struct RaisePage {
    chrome: Chrome,
    errors: ErrorSummary,
    young_person_id: Uuid,
    name: String,
    issue: TextareaField,
    raised_on: DateField,
    stage: ChoiceField,
    response_due_on: DateField,
}

#[derive(Debug, Default, Deserialize)]
pub struct RaiseAnswers {
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    issue: String,
    #[serde(default)]
    raised_on_day: String,
    #[serde(default)]
    raised_on_month: String,
    #[serde(default)]
    raised_on_year: String,
    #[serde(default)]
    stage: String,
    #[serde(default)]
    response_due_on_day: String,
    #[serde(default)]
    response_due_on_month: String,
    #[serde(default)]
    response_due_on_year: String,
}

fn raise_page(
    visitor: &Visitor,
    young_person_id: Uuid,
    name: String,
    answers: &RaiseAnswers,
    errors: ErrorSummary,
) -> RaisePage {
    let mut issue = TextareaField::new("issue", "What is the concern about the child's plan?")
        .errors_from(&errors);
    issue.hint = Some(
        "Say what should change and why. The child's social worker and managers will read this."
            .into(),
    );
    issue.value = answers.issue.clone();
    let stage = if answers.stage.is_empty() {
        Stage::Informal.code()
    } else {
        answers.stage.as_str()
    };
    RaisePage {
        chrome: Chrome::with_errors(
            visitor,
            &format!("Raise an escalation for {name}"),
            !errors.is_empty(),
        ),
        young_person_id,
        name,
        issue,
        raised_on: DateField::new("raised_on", "When was it raised?")
            .typed(
                &answers.raised_on_day,
                &answers.raised_on_month,
                &answers.raised_on_year,
            )
            .errors_from(&errors),
        stage: ChoiceField::radios(
            "stage",
            "Which stage does it start at?",
            &stage_choices(Stage::Informal),
        )
        .select(&[stage])
        .errors_from(&errors),
        response_due_on: DateField::new("response_due_on", "When is a response due? (optional)")
            .hint("Leave empty for 5 working days after it was raised.")
            .typed(
                &answers.response_due_on_day,
                &answers.response_due_on_month,
                &answers.response_due_on_year,
            )
            .errors_from(&errors),
        errors,
    }
}

#[handler]
pub async fn start(req: &Request, Data(state): Data<&AppState>, Path(id): Path<Uuid>) -> Response {
    let (visitor, caller) = match staff_member(req, state).await {
        Ok(found) => found,
        Err(response) => return response,
    };
    if !access::holds_grant(&caller.actor, Action::RaiseEscalation) {
        return failed(Error::Forbidden, Some(&visitor));
    }
    let name = match child_name(state, &caller, id).await {
        Ok(name) => name,
        Err(error) => return failed(error, Some(&visitor)),
    };
    let answers = RaiseAnswers {
        raised_on_day: state.clock.today().format("%-d").to_string(),
        raised_on_month: state.clock.today().format("%-m").to_string(),
        raised_on_year: state.clock.today().format("%Y").to_string(),
        ..RaiseAnswers::default()
    };
    let page = raise_page(&visitor, id, name, &answers, ErrorSummary::default());
    ok(&page, &visitor)
}

#[handler]
pub async fn raise(
    req: &Request,
    Data(state): Data<&AppState>,
    Path(id): Path<Uuid>,
    Form(answers): Form<RaiseAnswers>,
) -> Response {
    let (visitor, caller) = match staff_form_sender(req, state, &answers.csrf_token).await {
        Ok(found) => found,
        Err(response) => return response,
    };
    let mut errors = ErrorSummary::default();
    let raised_on = required_date(
        &mut errors,
        "raised-on",
        (
            &answers.raised_on_day,
            &answers.raised_on_month,
            &answers.raised_on_year,
        ),
        "the date it was raised",
    );
    let response_due_on = optional_date(
        &mut errors,
        "response-due-on",
        (
            &answers.response_due_on_day,
            &answers.response_due_on_month,
            &answers.response_due_on_year,
        ),
        "the date a response is due",
    );
    let stage = Stage::from_code(&answers.stage);
    if stage.is_none() {
        errors.add("stage", "Select the stage it starts at");
    }
    if answers.issue.trim().is_empty() {
        errors.add("issue", "Describe the concern about the child's plan");
    }
    let outcome = match (raised_on, stage, errors.is_empty()) {
        (Some(raised_on), Some(stage), true) => {
            let new = Raise {
                issue: answers.issue.clone(),
                raised_on,
                stage,
                response_due_on,
            };
            escalations::raise(state, &caller, id, new).await
        }
        _ => Err(Error::Invalid(Default::default())),
    };
    match outcome {
        Ok(raised) => see_other(&format!("/staff/escalations/{}?raised=1", raised.id), &[]),
        Err(Error::Invalid(fields)) => {
            errors.add_field_errors(&fields);
            let name = match child_name(state, &caller, id).await {
                Ok(name) => name,
                Err(error) => return failed(error, Some(&visitor)),
            };
            let page = raise_page(&visitor, id, name, &answers, errors);
            render(&page, StatusCode::UNPROCESSABLE_ENTITY, &visitor)
        }
        Err(error) => failed(error, Some(&visitor)),
    }
}

pub struct StepRow {
    pub stage: &'static str,
    pub response_due_on: String,
    pub response: Option<String>,
    pub resolved_on: Option<String>,
    pub recorded_by: String,
    pub recorded_on: String,
}

#[derive(Template)]
#[template(path = "staff_escalation.html")]
struct EscalationPage {
    chrome: Chrome,
    errors: ErrorSummary,
    just_raised: bool,
    just_updated: bool,
    id: Uuid,
    young_person_id: Uuid,
    name: String,
    issue: String,
    raised_by: String,
    raised_on: String,
    age: String,
    stage_title: &'static str,
    stage_reached_on: String,
    response_due_on: String,
    response_overdue: bool,
    response: Option<String>,
    resolved_on: Option<String>,
    history: Vec<StepRow>,
    /// `None` when the visitor may not change it, or it is resolved.
    form: Option<UpdateForm>,
}

pub struct UpdateForm {
    pub stage: ChoiceField,
    pub response: TextareaField,
    pub response_due_on: DateField,
    pub resolved_on: DateField,
}

#[derive(Debug, Default, Deserialize)]
pub struct UpdateAnswers {
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    stage: String,
    #[serde(default)]
    response: String,
    #[serde(default)]
    response_due_on_day: String,
    #[serde(default)]
    response_due_on_month: String,
    #[serde(default)]
    response_due_on_year: String,
    #[serde(default)]
    resolved_on_day: String,
    #[serde(default)]
    resolved_on_month: String,
    #[serde(default)]
    resolved_on_year: String,
}

#[derive(Debug, Deserialize)]
pub struct ShowQuery {
    raised: Option<String>,
    updated: Option<String>,
}

async fn escalation_page(
    state: &AppState,
    visitor: &Visitor,
    caller: &Caller,
    id: Uuid,
    answers: Option<&UpdateAnswers>,
    errors: ErrorSummary,
) -> Result<EscalationPage, Error> {
    let (view, steps) = escalations::get(state, caller, id).await?;
    let may_update = access::holds_grant(&caller.actor, Action::UpdateEscalation)
        && view.state.resolved_on.is_none();
    let form = may_update.then(|| {
        let blank = UpdateAnswers::default();
        let answers = answers.unwrap_or(&blank);
        let stage = if answers.stage.is_empty() {
            view.state.stage.code()
        } else {
            answers.stage.as_str()
        };
        let mut response =
            TextareaField::new("response", "The response at this stage").errors_from(&errors);
        response.value = match answers.response.as_str() {
            "" if answers.csrf_token.is_empty() => view.state.response.clone().unwrap_or_default(),
            typed => typed.to_owned(),
        };
        let due = DateField::new("response_due_on", "When is a response due?")
            .hint("Leave as it is unless the date has been agreed with the team.");
        UpdateForm {
            stage: ChoiceField::radios("stage", "Stage", &stage_choices(view.state.stage))
                .select(&[stage])
                .errors_from(&errors),
            response,
            response_due_on: if answers.csrf_token.is_empty() {
                due.date(view.state.response_due_on)
            } else {
                due.typed(
                    &answers.response_due_on_day,
                    &answers.response_due_on_month,
                    &answers.response_due_on_year,
                )
            }
            .errors_from(&errors),
            resolved_on: DateField::new("resolved_on", "If it has been resolved, when?")
                .hint("Leave empty while it is still open. Once resolved, it is closed.")
                .typed(
                    &answers.resolved_on_day,
                    &answers.resolved_on_month,
                    &answers.resolved_on_year,
                )
                .errors_from(&errors),
        }
    });
    let title = format!("Escalation for {}", view.young_person_name);
    Ok(EscalationPage {
        chrome: Chrome::with_errors(visitor, &title, !errors.is_empty()),
        errors,
        just_raised: false,
        just_updated: false,
        id: view.id,
        young_person_id: view.young_person_id,
        name: view.young_person_name,
        issue: view.issue,
        raised_by: view.raised_by,
        raised_on: long_date(view.state.raised_on),
        age: days_ago(view.age_in_days),
        stage_title: view.state.stage.title(),
        stage_reached_on: long_date(view.state.stage_reached_on),
        response_due_on: long_date(view.state.response_due_on),
        response_overdue: view.response_overdue,
        response: view.state.response,
        resolved_on: view.state.resolved_on.map(long_date),
        history: steps
            .into_iter()
            .rev()
            .map(|step| StepRow {
                stage: step.state.stage.title(),
                response_due_on: long_date(step.state.response_due_on),
                response: step.state.response,
                resolved_on: step.state.resolved_on.map(long_date),
                recorded_by: step.recorded_by,
                recorded_on: long_date(api::domain::calendar::date_in_england(step.recorded_at)),
            })
            .collect(),
        form,
    })
}

#[handler]
pub async fn show(
    req: &Request,
    Data(state): Data<&AppState>,
    Path(id): Path<Uuid>,
    poem::web::Query(query): poem::web::Query<ShowQuery>,
) -> Response {
    let (visitor, caller) = match staff_member(req, state).await {
        Ok(found) => found,
        Err(response) => return response,
    };
    match escalation_page(state, &visitor, &caller, id, None, ErrorSummary::default()).await {
        Ok(mut page) => {
            page.just_raised = query.raised.is_some();
            page.just_updated = query.updated.is_some();
            ok(&page, &visitor)
        }
        Err(error) => failed(error, Some(&visitor)),
    }
}

#[handler]
pub async fn update(
    req: &Request,
    Data(state): Data<&AppState>,
    Path(id): Path<Uuid>,
    Form(answers): Form<UpdateAnswers>,
) -> Response {
    let (visitor, caller) = match staff_form_sender(req, state, &answers.csrf_token).await {
        Ok(found) => found,
        Err(response) => return response,
    };
    let mut errors = ErrorSummary::default();
    let stage = if answers.stage.is_empty() {
        None
    } else {
        let found = Stage::from_code(&answers.stage);
        if found.is_none() {
            errors.add("stage", "Select a stage");
        }
        found
    };
    let response_due_on = optional_date(
        &mut errors,
        "response-due-on",
        (
            &answers.response_due_on_day,
            &answers.response_due_on_month,
            &answers.response_due_on_year,
        ),
        "the date a response is due",
    );
    let resolved_on = optional_date(
        &mut errors,
        "resolved-on",
        (
            &answers.resolved_on_day,
            &answers.resolved_on_month,
            &answers.resolved_on_year,
        ),
        "the date it was resolved",
    );
    let outcome = if errors.is_empty() {
        let change = Change {
            stage,
            response_due_on,
            response: Some(answers.response.clone()),
            resolved_on,
        };
        escalations::update(state, &caller, id, change).await
    } else {
        Err(Error::Invalid(Default::default()))
    };
    match outcome {
        Ok(_) => see_other(&format!("/staff/escalations/{id}?updated=1"), &[]),
        Err(Error::Invalid(fields)) => {
            errors.add_field_errors(&fields);
            match escalation_page(state, &visitor, &caller, id, Some(&answers), errors).await {
                Ok(page) => render(&page, StatusCode::UNPROCESSABLE_ENTITY, &visitor),
                Err(error) => failed(error, Some(&visitor)),
            }
        }
        Err(error) => failed(error, Some(&visitor)),
    }
}

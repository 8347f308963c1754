//! The officer's forms on a private fostering case: a visit, a Schedule 2 check, a DBS check
//! and a change of status. Each is one page, sent back with the error summary when something
//! is not right, and redirects to the case when it is saved.
use api::{
    AppState,
    domain::private_fostering::{
        ArrangementStatus, StatusChange, can_move,
        schedule_2::{Finding, Schedule2Check, Schedule2Matter},
        suitability::{DbsOutcome, SuitabilityCheck},
        visits::Visit,
    },
    error::Error,
    service::{
        Caller,
        private_fostering::{arrangements, casework},
    },
};
use poem::{
    Request, Response, handler,
    http::StatusCode,
    web::{Data, Form, Path, Query},
};
use serde::Deserialize;
use uuid::Uuid;

use super::case_url;
use crate::{
    forms::{Answered, ErrorSummary, Field, YES_NO, answer, choices, given, required_date, yes_no},
    pages::{
        CaseFormPage, Chrome, failed, ok, render, see_other,
        staff::{staff_form_sender, staff_member},
    },
};

/// The four forms.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CaseForm {
    Visit,
    Schedule2,
    Suitability,
    Status,
}

impl CaseForm {
    fn heading(self) -> &'static str {
        match self {
            CaseForm::Visit => "Record a visit",
            CaseForm::Schedule2 => "Record a Schedule 2 check",
            CaseForm::Suitability => "Record a DBS check",
            CaseForm::Status => "Change the status",
        }
    }

    fn path(self) -> &'static str {
        match self {
            CaseForm::Visit => "visits/new",
            CaseForm::Schedule2 => "schedule-2/new",
            CaseForm::Suitability => "suitability-checks/new",
            CaseForm::Status => "status",
        }
    }

    fn anchor(self) -> &'static str {
        match self {
            CaseForm::Visit => "visits",
            CaseForm::Schedule2 => "schedule-2",
            CaseForm::Suitability => "dbs-checks",
            CaseForm::Status => "",
        }
    }

    /// The fields, showing what was typed (`a`) and the problems with it.
    fn fields(
        self,
        a: &[(String, String)],
        errors: &ErrorSummary,
        current: ArrangementStatus,
    ) -> Vec<Field> {
        let f = Answered { answers: a, errors };
        match self {
            CaseForm::Visit => vec![
                Field::Date(f.date("visited_on", "When did you visit?")),
                Field::Choice(f.radios("child_seen", "Did you see the child?", &YES_NO)),
                Field::Choice(
                    f.radios("seen_alone", "Did you see the child alone?", &YES_NO)
                        .hint("Answer only if you saw the child."),
                ),
                Field::Textarea(f.textarea("report", "What you found")),
            ],
            CaseForm::Schedule2 => {
                let matters = choices(
                    &Schedule2Matter::ALL,
                    Schedule2Matter::code,
                    Schedule2Matter::words,
                );
                let findings = choices(&Finding::ALL, Finding::code, Finding::words);
                vec![
                    Field::Choice(f.radios("matter", "Which matter did you check?", &matters)),
                    Field::Date(f.date("checked_on", "When did you check it?")),
                    Field::Choice(f.radios("finding", "What did you find?", &findings)),
                    Field::Textarea(
                        f.textarea("notes", "Notes")
                            .hint("Say what the concerns are, if you have any."),
                    ),
                ]
            }
            CaseForm::Suitability => {
                let outcomes = choices(&DbsOutcome::ALL, DbsOutcome::code, DbsOutcome::words);
                vec![
                    Field::Text(f.text("person_name", "Full name of the person checked")),
                    Field::Text(
                        f.text("relationship", "Who they are in the household")
                            .hint("For example, carer, or the carer's husband."),
                    ),
                    Field::Date(f.date("checked_on", "Date of the DBS check")),
                    Field::Choice(f.radios("outcome", "Outcome", &outcomes)),
                    Field::Textarea(
                        f.textarea("notes", "Notes")
                            .hint("Say what was disclosed and what you decided, if anything was."),
                    ),
                ]
            }
            CaseForm::Status => {
                let moves: Vec<(&str, &str)> = [
                    (ArrangementStatus::Assessing, "Being assessed"),
                    (
                        ArrangementStatus::Confirmed,
                        "Confirmed: this is private fostering",
                    ),
                    (
                        ArrangementStatus::NotPrivateFostering,
                        "Not private fostering",
                    ),
                    (ArrangementStatus::Ended, "Ended"),
                ]
                .into_iter()
                .filter(|(status, _)| can_move(current, *status))
                .map(|(status, words)| (status.code(), words))
                .collect();
                vec![
                    Field::Choice(f.radios("to", "What is its status now?", &moves)),
                    Field::Textarea(
                        f.textarea("reason", "Reason")
                            .hint("Needed when it is not private fostering, or when it has ended."),
                    ),
                    Field::Date(f.date("ended_on", "When did it end?")),
                ]
            }
        }
    }
}

fn form_page(
    chrome: Chrome,
    form: CaseForm,
    (id, child_name, current): (Uuid, String, ArrangementStatus),
    answers: &[(String, String)],
    errors: ErrorSummary,
) -> CaseFormPage {
    CaseFormPage {
        chrome,
        fields: form.fields(answers, &errors, current),
        errors,
        caption: format!("Private fostering: {child_name}"),
        back_text: "Back to the arrangement",
        heading: form.heading(),
        action: format!("{}/{}", case_url(id), form.path()),
        cancel: case_url(id),
        from: (form == CaseForm::Status).then(|| current.code()),
    }
}

/// The case's child and status, for the form's heading; the officer's only.
async fn case_for_form(
    state: &AppState,
    caller: &Caller,
    id: Uuid,
) -> api::error::Result<(Uuid, String, ArrangementStatus)> {
    if !api::domain::access::holds_grant(
        &caller.actor,
        api::domain::access::Action::RecordPrivateFostering,
    ) {
        return Err(Error::Forbidden);
    }
    let case = casework::case(state, caller, id).await?;
    Ok((id, case.arrangement.child_name, case.arrangement.status))
}

async fn show(
    req: &Request,
    state: &AppState,
    id: Uuid,
    form: CaseForm,
    preset: Vec<(String, String)>,
) -> Response {
    let (visitor, caller) = match staff_member(req, state).await {
        Ok(found) => found,
        Err(response) => return response,
    };
    match case_for_form(state, &caller, id).await {
        Ok(case) => ok(
            &form_page(
                Chrome::new(&visitor, form.heading()),
                form,
                case,
                &preset,
                ErrorSummary::default(),
            ),
            &visitor,
        ),
        Err(error) => failed(error, Some(&visitor)),
    }
}

/// Read the form, save it, and go back to the case; or show the form again with its problems.
async fn save(
    req: &Request,
    state: &AppState,
    id: Uuid,
    form: CaseForm,
    a: Vec<(String, String)>,
) -> Response {
    let (visitor, caller) = match staff_form_sender(req, state, answer(&a, "csrf_token")).await {
        Ok(found) => found,
        Err(response) => return response,
    };
    let mut errors = ErrorSummary::default();
    let saved = record(state, &caller, id, form, &a, &mut errors).await;
    match saved {
        Ok(()) if errors.is_empty() => {
            let back = match form.anchor() {
                "" => case_url(id),
                anchor => format!("{}#{anchor}", case_url(id)),
            };
            return see_other(&back, &[]);
        }
        Ok(()) => {}
        Err(Error::Invalid(fields)) => errors.add_field_errors(&fields),
        Err(Error::Conflict(_)) => errors.add(
            "to",
            "Someone changed this arrangement's status while you were looking. Check it and try \
             again.",
        ),
        Err(error) => return failed(error, Some(&visitor)),
    }
    // Only a form shown again needs the case, for its caption and the statuses to move to.
    let case = match case_for_form(state, &caller, id).await {
        Ok(case) => case,
        Err(error) => return failed(error, Some(&visitor)),
    };
    let ids: Vec<String> = form
        .fields(&a, &ErrorSummary::default(), case.2)
        .iter()
        .map(|f| f.id().to_owned())
        .collect();
    errors.in_page_order(&ids);
    render(
        &form_page(
            Chrome::with_errors(&visitor, form.heading(), true),
            form,
            case,
            &a,
            errors,
        ),
        StatusCode::UNPROCESSABLE_ENTITY,
        &visitor,
    )
}

fn date_of(a: &[(String, String)], name: &str) -> (String, String, String) {
    let part = |p: &str| answer(a, &format!("{name}_{p}")).to_owned();
    (part("day"), part("month"), part("year"))
}

/// Read the answers into the domain's record and save it. Problems the form itself can see
/// (a missing choice, a date that is not a date) go in `errors` and nothing is saved.
async fn record(
    state: &AppState,
    caller: &Caller,
    id: Uuid,
    form: CaseForm,
    a: &[(String, String)],
    errors: &mut ErrorSummary,
) -> api::error::Result<()> {
    let date = |errors: &mut ErrorSummary, name: &str, what: &str| {
        let (d, m, y) = date_of(a, name);
        required_date(errors, &name.replace('_', "-"), (&d, &m, &y), what)
    };
    match form {
        CaseForm::Visit => {
            let visited_on = date(errors, "visited_on", "the date you visited");
            let child_seen = yes_no(answer(a, "child_seen"));
            if child_seen.is_none() {
                errors.add("child-seen", "Select whether you saw the child");
            }
            let (Some(visited_on), Some(child_seen)) = (visited_on, child_seen) else {
                return Ok(());
            };
            let visit = Visit {
                visited_on,
                child_seen,
                seen_alone: yes_no(answer(a, "seen_alone")),
                report: answer(a, "report").to_owned(),
            };
            arrangements::record_visit(state, caller, id, visit)
                .await
                .map(|_| ())
        }
        CaseForm::Schedule2 => {
            let matter = Schedule2Matter::from_code(answer(a, "matter"));
            if matter.is_none() {
                errors.add("matter", "Select the matter you checked");
            }
            let checked_on = date(errors, "checked_on", "the date you checked it");
            let finding = Finding::from_code(answer(a, "finding"));
            if finding.is_none() {
                errors.add("finding", "Select what you found");
            }
            let (Some(matter), Some(checked_on), Some(finding)) = (matter, checked_on, finding)
            else {
                return Ok(());
            };
            let check = Schedule2Check {
                matter,
                checked_on,
                finding,
                notes: given(answer(a, "notes")),
            };
            casework::record_schedule_2_check(state, caller, id, check)
                .await
                .map(|_| ())
        }
        CaseForm::Suitability => {
            let checked_on = date(errors, "checked_on", "the date of the DBS check");
            let outcome = DbsOutcome::from_code(answer(a, "outcome"));
            if outcome.is_none() {
                errors.add("outcome", "Select the outcome");
            }
            let (Some(checked_on), Some(outcome)) = (checked_on, outcome) else {
                return Ok(());
            };
            let check = SuitabilityCheck {
                person_name: answer(a, "person_name").to_owned(),
                relationship: answer(a, "relationship").to_owned(),
                checked_on,
                outcome,
                notes: given(answer(a, "notes")),
            };
            casework::record_suitability_check(state, caller, id, check)
                .await
                .map(|_| ())
        }
        CaseForm::Status => {
            let to = ArrangementStatus::from_code(answer(a, "to"));
            if to.is_none() {
                errors.add("to", "Select its status now");
            }
            let (d, m, y) = date_of(a, "ended_on");
            let ended_on = match crate::forms::read_date(&d, &m, &y, "the date it ended") {
                Ok(day) => day,
                Err(message) => {
                    errors.add("ended-on", message);
                    return Ok(());
                }
            };
            let (Some(to), Some(from)) = (to, ArrangementStatus::from_code(answer(a, "from")))
            else {
                return Ok(());
            };
            let change = StatusChange {
                to,
                reason: given(answer(a, "reason")),
                ended_on,
            };
            arrangements::change_status(state, caller, id, from, change).await
        }
    }
}

#[derive(Debug, Default, Deserialize)]
pub struct Preset {
    #[serde(default)]
    matter: Option<String>,
}

#[handler]
pub async fn visit_form(
    req: &Request,
    Path(id): Path<Uuid>,
    Data(state): Data<&AppState>,
) -> Response {
    show(req, state, id, CaseForm::Visit, Vec::new()).await
}

#[handler]
pub async fn record_visit(
    req: &Request,
    Path(id): Path<Uuid>,
    Form(a): Form<Vec<(String, String)>>,
    Data(state): Data<&AppState>,
) -> Response {
    save(req, state, id, CaseForm::Visit, a).await
}

/// The checklist links here with the matter already chosen.
#[handler]
pub async fn schedule_2_form(
    req: &Request,
    Path(id): Path<Uuid>,
    Query(preset): Query<Preset>,
    Data(state): Data<&AppState>,
) -> Response {
    let chosen = preset
        .matter
        .filter(|code| Schedule2Matter::from_code(code).is_some())
        .map(|code| vec![("matter".to_owned(), code)])
        .unwrap_or_default();
    show(req, state, id, CaseForm::Schedule2, chosen).await
}

#[handler]
pub async fn record_check(
    req: &Request,
    Path(id): Path<Uuid>,
    Form(a): Form<Vec<(String, String)>>,
    Data(state): Data<&AppState>,
) -> Response {
    save(req, state, id, CaseForm::Schedule2, a).await
}

#[handler]
pub async fn suitability_form(
    req: &Request,
    Path(id): Path<Uuid>,
    Data(state): Data<&AppState>,
) -> Response {
    show(req, state, id, CaseForm::Suitability, Vec::new()).await
}

#[handler]
pub async fn record_dbs_check(
    req: &Request,
    Path(id): Path<Uuid>,
    Form(a): Form<Vec<(String, String)>>,
    Data(state): Data<&AppState>,
) -> Response {
    save(req, state, id, CaseForm::Suitability, a).await
}

#[handler]
pub async fn status_form(
    req: &Request,
    Path(id): Path<Uuid>,
    Data(state): Data<&AppState>,
) -> Response {
    show(req, state, id, CaseForm::Status, Vec::new()).await
}

#[handler]
pub async fn record_status(
    req: &Request,
    Path(id): Path<Uuid>,
    Form(a): Form<Vec<(String, String)>>,
    Data(state): Data<&AppState>,
) -> Response {
    save(req, state, id, CaseForm::Status, a).await
}

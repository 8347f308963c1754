//! The workers' forms on a homelessness case: opening it when a young person asks for help,
//! the joint assessment, interim accommodation, the rights information and the decision. Each
//! is one page that comes back with the error summary until it is right.
use api::domain::roles::Role;
use api::{
    AppState,
    domain::homelessness::{
        AccommodationKind, Area, Assessment, Decision, Outcome, Presented, RightsInformation, Route,
    },
    error::Error,
    service::{
        Caller,
        homelessness::{
            self as service,
            recording::{self, AssessmentUpdate, NewCase, NewInterimStay, WhoPresented},
        },
        young_people::NewYoungPerson,
    },
};
use chrono::NaiveDate;
use poem::{
    Request, Response, handler,
    http::StatusCode,
    web::{Data, Form, Path},
};
use uuid::Uuid;

use super::case_url;
use crate::{
    forms::{
        Answered, ErrorSummary, Field, YES_NO, answer, choices, given, read_date, required_date,
        yes_no,
    },
    pages::{
        CaseFormPage, Chrome, failed, ok, render, see_other,
        staff::{staff_form_sender, staff_member},
    },
};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CaseForm {
    Open,
    Assessment,
    Interim,
    Rights,
    Decision,
}

impl CaseForm {
    fn heading(self) -> &'static str {
        match self {
            CaseForm::Open => "Record a young person asking for help",
            CaseForm::Assessment => "Record the joint assessment",
            CaseForm::Interim => "Record where they are staying",
            CaseForm::Rights => "Record that you explained their rights",
            CaseForm::Decision => "Record the decision",
        }
    }

    fn path(self) -> &'static str {
        match self {
            CaseForm::Open => "",
            CaseForm::Assessment => "assessment",
            CaseForm::Interim => "interim-accommodation",
            CaseForm::Rights => "rights",
            CaseForm::Decision => "decision",
        }
    }

    fn fields(
        self,
        a: &[(String, String)],
        errors: &ErrorSummary,
        social_workers: &[(String, String)],
    ) -> Vec<Field> {
        let f = Answered { answers: a, errors };
        let social_worker = || {
            let mut options: Vec<(&str, &str)> = vec![("", "Not known yet")];
            options.extend(
                social_workers
                    .iter()
                    .map(|(id, name)| (id.as_str(), name.as_str())),
            );
            f.radios(
                "social_worker_id",
                "Which social worker is doing the joint assessment with you?",
                &options,
            )
            .into()
        };
        match self {
            CaseForm::Open => {
                let mut email = f
                    .text("email", "Their email address (optional)")
                    .email()
                    .hint("So that they can sign in to read their rights and tell us whether they understood them.");
                email.autocomplete = None;
                vec![
                    f.text("given_name", "First name").into(),
                    f.text("family_name", "Last name").into(),
                    f.date("date_of_birth", "Date of birth").into(),
                    email.into(),
                    f.date("presented_on", "When did they ask for help?").into(),
                    f.radios(
                        "presented",
                        "How did they come to us?",
                        &choices(Presented::ALL, Presented::code, Presented::words),
                    )
                    .into(),
                    f.textarea("staying_tonight", "Where are they staying tonight?")
                        .into(),
                    f.radios("safe_tonight", "Is that safe?", &YES_NO).into(),
                    social_worker(),
                ]
            }
            CaseForm::Assessment => vec![
                f.date("started_on", "When did the joint assessment start?")
                    .into(),
                f.date("completed_on", "When was it completed?").into(),
                f.checkboxes(
                    "areas",
                    "Which areas have been assessed?",
                    &choices(Area::ALL, Area::code, Area::words),
                )
                .into(),
                f.textarea("views_and_wishes", "The young person's views and wishes")
                    .into(),
                f.radios(
                    "requires_accommodation",
                    "Is the young person a child in need who requires accommodation?",
                    &YES_NO,
                )
                .into(),
                social_worker(),
            ],
            CaseForm::Interim => vec![
                f.radios(
                    "kind",
                    "What kind of place is it?",
                    &choices(
                        AccommodationKind::ALL,
                        AccommodationKind::code,
                        AccommodationKind::words,
                    ),
                )
                .into(),
                f.textarea("place", "Where is it?").into(),
                f.date("from_on", "When did they move in?").into(),
                f.date("to_on", "When did they leave? (if they have)")
                    .into(),
            ],
            CaseForm::Rights => vec![
                f.date("given_on", "When did you explain their rights?")
                    .into(),
                f.checkboxes(
                    "routes_explained",
                    "Which routes did you explain?",
                    &choices(Route::ALL, Route::code, Route::words),
                )
                .into(),
                f.date(
                    "advocate_offered_on",
                    "When did you offer an independent advocate?",
                )
                .into(),
                f.radios("advocate_accepted", "Did they accept an advocate?", &YES_NO)
                    .into(),
                f.text("advocate_name", "The advocate's name, if they accepted")
                    .into(),
            ],
            CaseForm::Decision => vec![
                f.radios(
                    "outcome",
                    "What was decided?",
                    &choices(Outcome::ALL, Outcome::code, Outcome::words),
                )
                .hint(
                    "If the assessment found a child in need who requires accommodation, \
                     they must be accommodated under section 20 unless, told what it means, \
                     they declined it (the Southwark judgment).",
                )
                .into(),
                f.date("decided_on", "When was it decided?").into(),
                f.textarea("reasons", "The reasons the young person was given")
                    .into(),
                f.checkboxes(
                    "declined_section_20",
                    "If they were offered accommodation under section 20",
                    &[("yes", "They were told what it means, and declined it")],
                )
                .into(),
            ],
        }
    }
}

/// What a form needs besides the answers: the case it is on (none when opening one) and the
/// social workers who can be named.
struct Context {
    case: Option<(Uuid, String)>,
    social_workers: Vec<(String, String)>,
}

fn form_page(
    chrome: Chrome,
    form: CaseForm,
    context: &Context,
    a: &[(String, String)],
    errors: ErrorSummary,
) -> CaseFormPage {
    let (action, cancel, caption, back_text) = match &context.case {
        Some((id, name)) => (
            format!("{}/{}", case_url(*id), form.path()),
            case_url(*id),
            format!("Homeless 16 and 17 year olds: {name}"),
            "Back to the case",
        ),
        None => (
            "/staff/homelessness/new".to_owned(),
            "/staff#homelessness".to_owned(),
            "Homeless 16 and 17 year olds".to_owned(),
            "Back to your home page",
        ),
    };
    CaseFormPage {
        chrome,
        fields: form.fields(a, &errors, &context.social_workers),
        errors,
        caption,
        back_text,
        heading: form.heading(),
        action,
        cancel,
        from: None,
    }
}

/// The case (read by the workers on it) and the social workers to choose from, with what the
/// assessment already says when that is the form.
async fn context(
    state: &AppState,
    caller: &Caller,
    id: Option<Uuid>,
    form: CaseForm,
) -> api::error::Result<(Context, Vec<(String, String)>)> {
    let social_workers = if matches!(form, CaseForm::Open | CaseForm::Assessment) {
        service::workers_to_name(state, caller, Role::SocialWorker)
            .await?
            .into_iter()
            .map(|w| (w.id.to_string(), w.name))
            .collect()
    } else {
        Vec::new()
    };
    let (case, already) = match id {
        Some(id) => {
            let case = service::case(state, caller, id).await?;
            let already = if form == CaseForm::Assessment {
                assessment_answers(&case)
            } else {
                Vec::new()
            };
            (Some((id, case.young_person_name)), already)
        }
        None => (None, Vec::new()),
    };
    Ok((
        Context {
            case,
            social_workers,
        },
        already,
    ))
}

/// The assessment as recorded so far, as the form's answers, so that completing it does not
/// mean typing it all again.
fn assessment_answers(case: &service::Case) -> Vec<(String, String)> {
    let mut a: Vec<(String, String)> = Vec::new();
    let mut date = |name: &str, day: Option<NaiveDate>| {
        if let Some(day) = day {
            use chrono::Datelike;
            a.push((format!("{name}_day"), day.day().to_string()));
            a.push((format!("{name}_month"), day.month().to_string()));
            a.push((format!("{name}_year"), day.year().to_string()));
        }
    };
    date("started_on", case.assessment.started_on);
    date("completed_on", case.assessment.completed_on);
    for area in &case.assessment.areas {
        a.push(("areas".into(), area.code().into()));
    }
    if let Some(views) = &case.assessment.views_and_wishes {
        a.push(("views_and_wishes".into(), views.clone()));
    }
    if let Some(requires) = case.assessment.requires_accommodation {
        a.push((
            "requires_accommodation".into(),
            if requires { "yes" } else { "no" }.into(),
        ));
    }
    if let Some(worker) = &case.social_worker {
        a.push(("social_worker_id".into(), worker.id.to_string()));
    }
    a
}

async fn show(req: &Request, state: &AppState, id: Option<Uuid>, form: CaseForm) -> Response {
    let (visitor, caller) = match staff_member(req, state).await {
        Ok(found) => found,
        Err(response) => return response,
    };
    let (context, already) = match context(state, &caller, id, form).await {
        Ok(found) => found,
        Err(error) => return failed(error, Some(&visitor)),
    };
    ok(
        &form_page(
            Chrome::new(&visitor, form.heading()),
            form,
            &context,
            &already,
            ErrorSummary::default(),
        ),
        &visitor,
    )
}

async fn save(
    req: &Request,
    state: &AppState,
    id: Option<Uuid>,
    form: CaseForm,
    a: Vec<(String, String)>,
) -> Response {
    let (visitor, caller) = match staff_form_sender(req, state, answer(&a, "csrf_token")).await {
        Ok(found) => found,
        Err(response) => return response,
    };
    let mut errors = ErrorSummary::default();
    match record(state, &caller, id, form, &a, &mut errors).await {
        Ok(Some(saved)) if errors.is_empty() => return see_other(&case_url(saved), &[]),
        Ok(_) => {}
        Err(Error::Invalid(fields)) => errors.add_field_errors(&fields),
        Err(Error::Conflict(message)) => errors.add(
            form.fields(&a, &ErrorSummary::default(), &[])[0].id(),
            message,
        ),
        Err(error) => return failed(error, Some(&visitor)),
    }
    // Only a form shown again needs the case and the social workers to choose from.
    let (context, _) = match context(state, &caller, id, form).await {
        Ok(found) => found,
        Err(error) => return failed(error, Some(&visitor)),
    };
    let ids: Vec<String> = form
        .fields(&a, &ErrorSummary::default(), &context.social_workers)
        .iter()
        .map(|f| f.id().to_owned())
        .collect();
    errors.in_page_order(&ids);
    render(
        &form_page(
            Chrome::with_errors(&visitor, form.heading(), true),
            form,
            &context,
            &a,
            errors,
        ),
        StatusCode::UNPROCESSABLE_ENTITY,
        &visitor,
    )
}

fn optional_date(
    a: &[(String, String)],
    name: &str,
    what: &str,
    errors: &mut ErrorSummary,
) -> Option<NaiveDate> {
    let part = |p: &str| answer(a, &format!("{name}_{p}")).to_owned();
    read_date(&part("day"), &part("month"), &part("year"), what).unwrap_or_else(|message| {
        errors.add(&name.replace('_', "-"), message);
        None
    })
}

fn date(
    a: &[(String, String)],
    name: &str,
    what: &str,
    errors: &mut ErrorSummary,
) -> Option<NaiveDate> {
    let part = |p: &str| answer(a, &format!("{name}_{p}")).to_owned();
    required_date(
        errors,
        &name.replace('_', "-"),
        (&part("day"), &part("month"), &part("year")),
        what,
    )
}

/// The social worker chosen on the form, if one was.
fn chosen_worker(a: &[(String, String)]) -> Option<Uuid> {
    answer(a, "social_worker_id").parse().ok()
}

fn all_ticked<T>(a: &[(String, String)], name: &str, from_code: fn(&str) -> Option<T>) -> Vec<T> {
    a.iter()
        .filter(|(n, _)| n == name)
        .filter_map(|(_, v)| from_code(v))
        .collect()
}

/// Read the answers into the service's record and save it; the case's id once saved. What the
/// form itself can see is wrong goes in `errors`, and nothing is saved.
async fn record(
    state: &AppState,
    caller: &Caller,
    id: Option<Uuid>,
    form: CaseForm,
    a: &[(String, String)],
    errors: &mut ErrorSummary,
) -> api::error::Result<Option<Uuid>> {
    let choose = |errors: &mut ErrorSummary, name: &str, message: &str| {
        if answer(a, name).is_empty() {
            errors.add(&name.replace('_', "-"), message);
        }
    };
    match (form, id) {
        (CaseForm::Open, _) => {
            let born = date(a, "date_of_birth", "their date of birth", errors);
            let presented_on = date(a, "presented_on", "the date they asked for help", errors);
            let presented = Presented::from_code(answer(a, "presented"));
            choose(errors, "presented", "Select how they came to us");
            let safe = yes_no(answer(a, "safe_tonight"));
            choose(
                errors,
                "safe_tonight",
                "Select whether where they are staying tonight is safe",
            );
            let (Some(born), Some(presented_on), Some(presented), Some(safe)) =
                (born, presented_on, presented, safe)
            else {
                return Ok(None);
            };
            recording::open(
                state,
                caller,
                NewCase {
                    young_person: WhoPresented::New(
                        NewYoungPerson {
                            given_name: answer(a, "given_name").to_owned(),
                            family_name: answer(a, "family_name").to_owned(),
                            date_of_birth: born,
                            preferred_name: None,
                            pronouns: None,
                        },
                        given(answer(a, "email")),
                    ),
                    presented_on,
                    presented,
                    staying_tonight: answer(a, "staying_tonight").to_owned(),
                    safe_tonight: safe,
                    housing_officer_id: None,
                    social_worker_id: chosen_worker(a),
                },
            )
            .await
            .map(Some)
        }
        (_, None) => Err(Error::NotFound),
        (CaseForm::Assessment, Some(id)) => {
            let started_on = optional_date(a, "started_on", "the date it started", errors);
            let completed_on =
                optional_date(a, "completed_on", "the date it was completed", errors);
            if !errors.is_empty() {
                return Ok(None);
            }
            recording::record_assessment(
                state,
                caller,
                id,
                AssessmentUpdate {
                    assessment: Assessment {
                        started_on,
                        completed_on,
                        areas: all_ticked(a, "areas", Area::from_code),
                        views_and_wishes: given(answer(a, "views_and_wishes")),
                        requires_accommodation: yes_no(answer(a, "requires_accommodation")),
                    },
                    housing_officer_id: None,
                    social_worker_id: chosen_worker(a),
                },
            )
            .await
            .map(|()| Some(id))
        }
        (CaseForm::Interim, Some(id)) => {
            let kind = AccommodationKind::from_code(answer(a, "kind"));
            choose(errors, "kind", "Select what kind of place it is");
            let from_on = date(a, "from_on", "the date they moved in", errors);
            let to_on = optional_date(a, "to_on", "the date they left", errors);
            let (Some(kind), Some(from_on)) = (kind, from_on) else {
                return Ok(None);
            };
            if !errors.is_empty() {
                return Ok(None);
            }
            recording::record_interim_stay(
                state,
                caller,
                id,
                NewInterimStay {
                    kind,
                    place: answer(a, "place").to_owned(),
                    from_on,
                    to_on,
                },
            )
            .await
            .map(|_| Some(id))
        }
        (CaseForm::Rights, Some(id)) => {
            let given_on = date(a, "given_on", "the date you explained their rights", errors);
            let offered = optional_date(
                a,
                "advocate_offered_on",
                "the date you offered an advocate",
                errors,
            );
            let Some(given_on) = given_on else {
                return Ok(None);
            };
            if !errors.is_empty() {
                return Ok(None);
            }
            recording::record_rights_information(
                state,
                caller,
                id,
                RightsInformation {
                    given_on,
                    routes_explained: all_ticked(a, "routes_explained", Route::from_code),
                    advocate_offered_on: offered,
                    advocate_accepted: yes_no(answer(a, "advocate_accepted")),
                    advocate_name: given(answer(a, "advocate_name")),
                },
            )
            .await
            .map(|_| Some(id))
        }
        (CaseForm::Decision, Some(id)) => {
            let outcome = Outcome::from_code(answer(a, "outcome"));
            choose(errors, "outcome", "Select what was decided");
            let decided_on = date(a, "decided_on", "the date it was decided", errors);
            let (Some(outcome), Some(decided_on)) = (outcome, decided_on) else {
                return Ok(None);
            };
            recording::decide(
                state,
                caller,
                id,
                Decision {
                    outcome,
                    decided_on,
                    reasons: answer(a, "reasons").to_owned(),
                    declined_section_20: answer(a, "declined_section_20") == "yes",
                },
            )
            .await
            .map(|()| Some(id))
        }
    }
}

#[handler]
pub async fn new_case(req: &Request, Data(state): Data<&AppState>) -> Response {
    show(req, state, None, CaseForm::Open).await
}

#[handler]
pub async fn open_case(
    req: &Request,
    Form(a): Form<Vec<(String, String)>>,
    Data(state): Data<&AppState>,
) -> Response {
    save(req, state, None, CaseForm::Open, a).await
}

/// `GET /staff/homelessness/:id/:form`.
#[handler]
pub async fn case_form(
    req: &Request,
    Path((id, form)): Path<(Uuid, String)>,
    Data(state): Data<&AppState>,
) -> Response {
    match form_named(&form) {
        Some(form) => show(req, state, Some(id), form).await,
        None => failed(Error::NotFound, None),
    }
}

#[handler]
pub async fn save_case_form(
    req: &Request,
    Path((id, form)): Path<(Uuid, String)>,
    Form(a): Form<Vec<(String, String)>>,
    Data(state): Data<&AppState>,
) -> Response {
    match form_named(&form) {
        Some(form) => save(req, state, Some(id), form, a).await,
        None => failed(Error::NotFound, None),
    }
}

fn form_named(path: &str) -> Option<CaseForm> {
    [
        CaseForm::Assessment,
        CaseForm::Interim,
        CaseForm::Rights,
        CaseForm::Decision,
    ]
    .into_iter()
    .find(|form| form.path() == path)
}

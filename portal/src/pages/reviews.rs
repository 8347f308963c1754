//! Reviews for IROs and managers: every child's next review, most overdue first, with the
//! open escalations; recording a review that was held.
use api::{
    AppState,
    domain::{
        access::{self, Action},
        care::Participation,
        obligations::{Kind, Status},
    },
    error::Error,
    service::{
        PageRequest,
        care_records::{self, NewReview},
        escalations,
        obligations::{self, ObligationFilter},
        reports,
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
    Chrome, failed, ok, render, see_other,
    staff::{StatusTag, TimelinessRow, child_name, days_ago, staff_form_sender, staff_member},
    young_person::long_date,
};
use crate::forms::{ChoiceField, DateField, ErrorSummary, TextareaField, required_date};

const PER_PAGE: u64 = 25;

/// The statuses an open review can have, as the filter offers them.
const FILTERS: [(&str, &str); 4] = [
    ("all", "All"),
    ("overdue", "Overdue"),
    ("due_soon", "Due in the next 28 days"),
    ("upcoming", "Later"),
];

pub struct ReviewRow {
    pub young_person_id: Uuid,
    pub name: String,
    pub due_on: String,
    pub tag: StatusTag,
}

pub struct EscalationRow {
    pub id: Uuid,
    pub young_person_name: String,
    pub stage: &'static str,
    pub raised_on: String,
    pub age: String,
    pub response_due_on: String,
    pub response_overdue: bool,
}

impl From<&escalations::EscalationView> for EscalationRow {
    fn from(view: &escalations::EscalationView) -> Self {
        Self {
            id: view.id,
            young_person_name: view.young_person_name.clone(),
            stage: view.state.stage.title(),
            raised_on: long_date(view.state.raised_on),
            age: days_ago(view.age_in_days),
            response_due_on: long_date(view.state.response_due_on),
            response_overdue: view.response_overdue,
        }
    }
}

#[derive(Template)]
#[template(path = "staff_reviews.html")]
struct ReviewsPage {
    chrome: Chrome,
    heading: &'static str,
    whole_service: bool,
    filter: ChoiceField,
    filter_code: String,
    rows: Vec<ReviewRow>,
    total: u64,
    page: u64,
    pages: u64,
    escalations: Vec<EscalationRow>,
    escalations_total: u64,
    timeliness: Option<Vec<TimelinessRow>>,
    timeliness_period: String,
}

#[derive(Debug, Deserialize)]
pub struct ReviewsQuery {
    status: Option<String>,
    page: Option<u64>,
}

fn status_filter(code: &str) -> Option<Status> {
    match code {
        "overdue" => Some(Status::Overdue),
        "due_soon" => Some(Status::DueSoon),
        "upcoming" => Some(Status::Upcoming),
        _ => None,
    }
}

#[handler]
pub async fn list(
    req: &Request,
    Data(state): Data<&AppState>,
    Query(query): Query<ReviewsQuery>,
) -> Response {
    let (visitor, caller) = match staff_member(req, state).await {
        Ok(found) => found,
        Err(response) => return response,
    };
    let filter_code = query
        .status
        .filter(|code| FILTERS.iter().any(|(value, _)| value == code))
        .unwrap_or_else(|| "all".into());
    let request = PageRequest::new(query.page, Some(PER_PAGE));
    let filter = ObligationFilter {
        kind: Some(Kind::LacReview),
        status: status_filter(&filter_code),
        open_only: true,
        as_of: None,
    };
    let reviews = match obligations::list(state, &caller, filter, request).await {
        Ok(found) => found,
        Err(error) => return failed(error, Some(&visitor)),
    };
    let escalations =
        match escalations::open(state, &caller, PageRequest::new(None, Some(50))).await {
            Ok(found) => found,
            Err(error) => return failed(error, Some(&visitor)),
        };
    let whole_service = access::holds_grant(&caller.actor, Action::ReadReports);
    let (timeliness, timeliness_period) = if whole_service {
        match reports::timeliness(state, &caller, None, None).await {
            Ok(found) => (
                Some(TimelinessRow::all(&found.overall)),
                format!(
                    "{} to {}",
                    long_date(found.period.from),
                    long_date(found.period.to)
                ),
            ),
            Err(error) => return failed(error, Some(&visitor)),
        }
    } else {
        (None, String::new())
    };
    let page = ReviewsPage {
        chrome: Chrome::new(&visitor, "Reviews"),
        heading: if whole_service {
            "Reviews across the service"
        } else {
            "Your children's reviews"
        },
        whole_service,
        filter: ChoiceField::radios("status", "Show reviews", &FILTERS).select(&[&filter_code]),
        filter_code,
        rows: reviews
            .items
            .iter()
            .map(|o| ReviewRow {
                young_person_id: o.young_person_id,
                name: o.young_person_name.clone(),
                due_on: long_date(o.due_on),
                tag: StatusTag::new(o.status, o.due_on, state.clock.today()),
            })
            .collect(),
        total: reviews.total,
        page: request.page,
        pages: reviews.total.div_ceil(PER_PAGE).max(1),
        escalations: escalations.items.iter().map(EscalationRow::from).collect(),
        escalations_total: escalations.total,
        timeliness,
        timeliness_period,
    };
    ok(&page, &visitor)
}

#[derive(Template)]
#[template(path = "staff_review_form.html")]
struct ReviewForm {
    chrome: Chrome,
    errors: ErrorSummary,
    young_person_id: Uuid,
    name: String,
    held_on: DateField,
    participation: ChoiceField,
    notes: TextareaField,
}

#[derive(Debug, Default, Deserialize)]
pub struct ReviewAnswers {
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    held_on_day: String,
    #[serde(default)]
    held_on_month: String,
    #[serde(default)]
    held_on_year: String,
    #[serde(default)]
    participation: String,
    #[serde(default)]
    outcome_notes: String,
}

fn review_form(
    chrome: Chrome,
    young_person_id: Uuid,
    name: String,
    answers: &ReviewAnswers,
    errors: ErrorSummary,
) -> ReviewForm {
    let mut notes =
        TextareaField::new("outcome_notes", "What was decided (optional)").errors_from(&errors);
    notes.value = answers.outcome_notes.clone();
    ReviewForm {
        chrome,
        young_person_id,
        name,
        held_on: DateField::new("held_on", "When was the review held?")
            .hint("For example, 3 11 2026")
            .typed(
                &answers.held_on_day,
                &answers.held_on_month,
                &answers.held_on_year,
            )
            .errors_from(&errors),
        participation: ChoiceField::radios(
            "participation",
            "How did the child take part?",
            &Participation::ALL.map(|p| (p.code(), p.words())),
        )
        .select(&[answers.participation.as_str()])
        .errors_from(&errors),
        notes,
        errors,
    }
}

#[handler]
pub async fn new_review(
    req: &Request,
    Data(state): Data<&AppState>,
    Path(id): Path<Uuid>,
) -> Response {
    let (visitor, caller) = match staff_member(req, state).await {
        Ok(found) => found,
        Err(response) => return response,
    };
    if !access::holds_grant(&caller.actor, Action::RecordCare) {
        return failed(Error::Forbidden, Some(&visitor));
    }
    let name = match child_name(state, &caller, id).await {
        Ok(name) => name,
        Err(error) => return failed(error, Some(&visitor)),
    };
    let chrome = Chrome::new(&visitor, &format!("Record a review for {name}"));
    let page = review_form(
        chrome,
        id,
        name,
        &ReviewAnswers::default(),
        ErrorSummary::default(),
    );
    ok(&page, &visitor)
}

#[handler]
pub async fn record_review(
    req: &Request,
    Data(state): Data<&AppState>,
    Path(id): Path<Uuid>,
    Form(answers): Form<ReviewAnswers>,
) -> Response {
    let (visitor, caller) = match staff_form_sender(req, state, &answers.csrf_token).await {
        Ok(found) => found,
        Err(response) => return response,
    };
    let mut errors = ErrorSummary::default();
    let held_on = required_date(
        &mut errors,
        "held-on",
        (
            &answers.held_on_day,
            &answers.held_on_month,
            &answers.held_on_year,
        ),
        "the date the review was held",
    );
    let participation =
        Participation::from_code(&answers.participation).map(|p| p.words().to_owned());
    if participation.is_none() {
        errors.add("participation", "Select how the child took part");
    }
    let outcome = match (held_on, participation, errors.is_empty()) {
        (Some(held_on), Some(participation), true) => {
            let new = NewReview {
                held_on,
                participation: Some(participation),
                outcome_notes: Some(answers.outcome_notes.clone()),
            };
            care_records::record_review(state, &caller, id, new).await
        }
        _ => Err(Error::Invalid(Default::default())),
    };
    match outcome {
        Ok(_) => see_other(&format!("/staff/young-people/{id}?recorded=review"), &[]),
        Err(Error::Invalid(fields)) => {
            errors.add_field_errors(&fields);
            let name = match child_name(state, &caller, id).await {
                Ok(name) => name,
                Err(error) => return failed(error, Some(&visitor)),
            };
            let chrome =
                Chrome::with_errors(&visitor, &format!("Record a review for {name}"), true);
            let page = review_form(chrome, id, name, &answers, errors);
            render(&page, StatusCode::UNPROCESSABLE_ENTITY, &visitor)
        }
        Err(error) => failed(error, Some(&visitor)),
    }
}

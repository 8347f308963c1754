//! Staff pages: the young people you work with, and one young person's record.
use api::{
    AppState,
    domain::{
        access::{self, Action},
        calendar::age_on,
        caseload::Sort,
        obligations::{Kind, Status},
        people::full_name,
        private_fostering::visits::VisitKind,
        timeliness::Measure,
    },
    error::Error,
    service::{
        Caller, PageRequest, care_leaver_status, caseload, contacts, escalations, obligations,
        private_fostering::arrangements, young_people,
    },
};
use askama::Template;
use chrono::NaiveDate;
use poem::{
    Request, Response, handler,
    web::{Data, Path, Query},
};
use serde::Deserialize;
use uuid::Uuid;

use super::{
    Chrome,
    caseload::CaseloadView,
    failed, form_sender, ok, see_other, visitor,
    young_person::{Worker, long_date},
};
use crate::session::Visitor;

/// The signed-in member of staff, or a redirect for anyone else.
pub async fn staff_member(req: &Request, state: &AppState) -> Result<(Visitor, Caller), Response> {
    let visitor = visitor(req, state).await?;
    match staff_caller(&visitor) {
        Ok(caller) => Ok((visitor, caller)),
        Err(away) => Err(see_other(away, &[])),
    }
}

/// The member of staff who sent a form, if the form carries the token our page gave them.
pub async fn staff_form_sender(
    req: &Request,
    state: &AppState,
    csrf_token: &str,
) -> Result<(Visitor, Caller), Response> {
    let visitor = form_sender(req, state, csrf_token).await?;
    match staff_caller(&visitor) {
        Ok(caller) => Ok((visitor, caller)),
        Err(away) => Err(see_other(away, &[])),
    }
}

/// A young person's name for a page heading, read through the access policy (and logged).
pub async fn child_name(state: &AppState, caller: &Caller, id: Uuid) -> Result<String, Error> {
    let person = young_people::get(state, caller, id).await?;
    Ok(full_name(&person.given_name, &person.family_name))
}

/// The member of staff as a caller, or where anyone else should go instead.
fn staff_caller(visitor: &Visitor) -> Result<Caller, &'static str> {
    if visitor.is_staff() {
        Ok(visitor.caller().expect("a member of staff is signed in"))
    } else if visitor.is_young_person() {
        Err("/home")
    } else {
        Err("/staff/sign-in")
    }
}

/// What a deadline's status looks like on a page: words and a colour, never colour alone.
pub struct StatusTag {
    pub text: String,
    pub class: &'static str,
}

impl StatusTag {
    pub fn new(status: Status, due_on: NaiveDate, today: NaiveDate) -> Self {
        let days = (due_on - today).num_days();
        let plural = |n: i64| if n == 1 { "" } else { "s" };
        let (text, class) = match status {
            Status::Overdue => (
                format!("Overdue by {} day{}", -days, plural(-days)),
                "tag--red",
            ),
            Status::DueSoon if days == 0 => ("Due today".to_owned(), "tag--yellow"),
            Status::DueSoon => (format!("Due in {days} day{}", plural(days)), "tag--yellow"),
            Status::Upcoming => ("Upcoming".to_owned(), "tag--grey"),
            Status::Met => ("Done on time".to_owned(), "tag--green"),
            Status::MetLate => ("Done late".to_owned(), "tag--grey"),
        };
        Self { text, class }
    }
}

/// How long ago something was raised, in words.
pub fn days_ago(days: i64) -> String {
    match days {
        0 => "today".to_owned(),
        1 => "yesterday".to_owned(),
        n => format!("{n} days ago"),
    }
}

/// A statutory deadline's name for staff.
pub fn kind_title(kind: Kind) -> &'static str {
    match kind {
        Kind::LacReview => "Review",
        Kind::CarePlan => "Care plan",
        Kind::InitialHealthAssessment => "Initial health assessment",
        Kind::ReviewHealthAssessment => "Review health assessment",
        Kind::SocialWorkerVisit => "Social worker visit",
        Kind::DentalCheck => "Dental check",
        Kind::PaContact => "Contact with their personal adviser",
        Kind::PathwayPlanReview => "Pathway plan review",
        Kind::NeedsAssessment => "Needs assessment and first pathway plan",
        Kind::HomelessJointAssessment => "Homelessness joint assessment",
    }
}

/// One line of timeliness figures.
pub struct TimelinessRow {
    pub title: &'static str,
    pub due: u64,
    pub on_time: u64,
    pub late: u64,
    pub percent: String,
}

impl TimelinessRow {
    pub fn all(measures: &[(Kind, Measure)]) -> Vec<Self> {
        measures
            .iter()
            .map(|(kind, m)| Self {
                title: match kind {
                    Kind::LacReview => "Reviews",
                    Kind::InitialHealthAssessment => "Initial health assessments",
                    Kind::ReviewHealthAssessment => "Review health assessments",
                    other => kind_title(*other),
                },
                due: m.due,
                on_time: m.on_time,
                late: m.late(),
                percent: m
                    .percent_on_time()
                    .map(|p| format!("{p}%"))
                    .unwrap_or_else(|| "None due".into()),
            })
            .collect()
    }
}

/// A private fostering arrangement on the officer's home page.
pub struct ArrangementRow {
    pub href: String,
    pub child_name: String,
    pub carer_name: String,
    pub received_on: String,
    /// "First visit" or "Visit", when it is due, and how that stands; `None` once none is owed.
    pub next_visit: Option<(&'static str, String, StatusTag)>,
}

pub struct Row {
    pub id: Uuid,
    pub name: String,
    pub date_of_birth: String,
    pub age: i32,
}

/// A deadline passed and not met, on the staff home page.
pub struct OverdueRow {
    pub young_person_id: Uuid,
    pub name: String,
    pub title: &'static str,
    pub due_on: String,
    pub tag: StatusTag,
}

/// How many overdue deadlines the staff home page lists before saying how many more.
const OVERDUE_SHOWN: u64 = 10;

#[derive(Template)]
#[template(path = "staff_home.html")]
struct Home {
    chrome: Chrome,
    name: String,
    role_titles: String,
    /// A worker's own young people, with what needs them; `None` for anyone without a
    /// caseload (managers see the lists below instead).
    caseload: Option<CaseloadView>,
    /// `None` when the role has no young people's records at all.
    young_people: Option<Vec<Row>>,
    /// Show the link to reviews and escalations.
    reviews: bool,
    /// Show the link to requests from the local offer.
    requests: bool,
    /// Show the link to writing the local offer.
    publishing: bool,
    /// Private fostering arrangements, the visit due soonest first, for those who see them.
    private_fostering: Option<(Vec<ArrangementRow>, u64)>,
    /// Homelessness cases the visitor works on, for those who work on them.
    homelessness: Option<super::homelessness::Section>,
    /// This reporting year's private fostering figures, alongside the list.
    private_fostering_year: Option<super::pf_casework::YearView>,
    /// The most overdue deadlines across the visitor's young people, and how many in all;
    /// `None` when the role has no deadlines to see.
    overdue: Option<(Vec<OverdueRow>, u64)>,
    total: u64,
    page: u64,
    pages: u64,
}

#[derive(Debug, Deserialize)]
pub struct PageQuery {
    page: Option<u64>,
    /// How to sort a caseload; anything unknown falls back to what needs attention first.
    sort: Option<String>,
}

const PER_PAGE: u64 = 25;

#[handler]
pub async fn home(
    req: &Request,
    Data(state): Data<&AppState>,
    Query(query): Query<PageQuery>,
) -> Response {
    let (visitor, caller) = match staff_member(req, state).await {
        Ok(found) => found,
        Err(response) => return response,
    };
    let account = visitor.account.as_ref().expect("signed in");
    let today = state.clock.today();
    let request = PageRequest::new(query.page, Some(PER_PAGE));
    let role_titles = account
        .roles
        .iter()
        .map(|r| r.title())
        .collect::<Vec<_>>()
        .join(", ");
    let reviews = access::holds_grant(&caller.actor, Action::ReadEscalations);
    let requests = access::holds_grant(&caller.actor, Action::RecordEntitlements);
    let publishing = access::holds_grant(&caller.actor, Action::PublishOffer);
    let homelessness = match super::homelessness::home_section(state, &caller).await {
        Ok(found) => found,
        Err(error) => return failed(error, Some(&visitor)),
    };
    if !access::caseload_allocations(&caller.actor).is_empty() {
        let sort = query
            .sort
            .as_deref()
            .and_then(Sort::from_code)
            .unwrap_or_default();
        let found = match caseload::of(state, &caller, sort, request).await {
            Ok(found) => found,
            Err(error) => return failed(error, Some(&visitor)),
        };
        let page = Home {
            chrome: Chrome::new(&visitor, "Your young people"),
            name: account.name.clone(),
            role_titles,
            caseload: Some(CaseloadView::new(found.items, sort, today)),
            private_fostering: None,
            private_fostering_year: None,
            homelessness,
            young_people: None,
            reviews,
            requests,
            publishing,
            overdue: None,
            total: found.total,
            page: request.page,
            pages: found.total.div_ceil(PER_PAGE).max(1),
        };
        return ok(&page, &visitor);
    }
    let (young_people, total) = match young_people::list(state, &caller, request).await {
        Ok(page) => (
            Some(
                page.items
                    .iter()
                    .map(|person| Row {
                        id: person.id,
                        name: full_name(&person.given_name, &person.family_name),
                        date_of_birth: long_date(person.date_of_birth),
                        age: age_on(person.date_of_birth, today),
                    })
                    .collect(),
            ),
            page.total,
        ),
        Err(Error::Forbidden) => (None, 0),
        Err(error) => return failed(error, Some(&visitor)),
    };
    let overdue = if access::holds_grant(&caller.actor, Action::ReadObligations) {
        let filter = obligations::ObligationFilter {
            kind: None,
            status: Some(Status::Overdue),
            open_only: true,
            as_of: None,
        };
        match obligations::list(
            state,
            &caller,
            filter,
            PageRequest::new(Some(1), Some(OVERDUE_SHOWN)),
        )
        .await
        {
            Ok(found) => Some((
                found
                    .items
                    .into_iter()
                    .map(|o| OverdueRow {
                        young_person_id: o.young_person_id,
                        name: o.young_person_name,
                        title: kind_title(o.kind),
                        due_on: long_date(o.due_on),
                        tag: StatusTag::new(o.status, o.due_on, today),
                    })
                    .collect(),
                found.total,
            )),
            Err(error) => return failed(error, Some(&visitor)),
        }
    } else {
        None
    };
    let private_fostering = if access::holds_grant(&caller.actor, Action::ReadPrivateFostering) {
        match arrangements::list(state, &caller, PageRequest::new(Some(1), Some(PER_PAGE))).await {
            Ok(found) => Some((
                found
                    .items
                    .into_iter()
                    .map(|a| ArrangementRow {
                        href: super::pf_casework::case_url(a.id),
                        child_name: a.child_name,
                        carer_name: a.carer_name,
                        received_on: long_date(a.received_on),
                        next_visit: a.next_visit.map(|d| {
                            (
                                match d.kind {
                                    VisitKind::Initial => "First visit",
                                    VisitKind::Regular => "Visit",
                                },
                                long_date(d.due_on),
                                StatusTag::new(d.status, d.due_on, today),
                            )
                        }),
                    })
                    .collect(),
                found.total,
            )),
            Err(error) => return failed(error, Some(&visitor)),
        }
    } else {
        None
    };
    let private_fostering_year = if private_fostering.is_some() {
        match super::pf_casework::this_year(state, &caller).await {
            Ok(year) => Some(year),
            Err(error) => return failed(error, Some(&visitor)),
        }
    } else {
        None
    };
    let page = Home {
        chrome: Chrome::new(&visitor, "Your young people"),
        name: account.name.clone(),
        role_titles,
        caseload: None,
        homelessness,
        private_fostering,
        private_fostering_year,
        young_people,
        reviews,
        requests,
        publishing,
        overdue,
        total,
        page: request.page,
        pages: total.div_ceil(PER_PAGE).max(1),
    };
    ok(&page, &visitor)
}

/// A deadline still open, on a child's record.
pub struct DeadlineRow {
    pub title: &'static str,
    pub due_on: String,
    pub tag: StatusTag,
}

pub struct EscalationSummary {
    pub id: Uuid,
    pub stage: &'static str,
    pub raised_on: String,
    pub resolved_on: Option<String>,
}

#[derive(Template)]
#[template(path = "staff_young_person.html")]
struct Record {
    chrome: Chrome,
    id: Uuid,
    name: String,
    preferred_name: Option<String>,
    pronouns: Option<String>,
    date_of_birth: String,
    age: i32,
    workers: Vec<Worker>,
    /// What was just recorded, for the success banner.
    recorded: Option<String>,
    /// `None` when the visitor's role does not include deadlines.
    deadlines: Option<Vec<DeadlineRow>>,
    may_record_review: bool,
    /// `None` when the visitor's role does not include escalations.
    escalations: Option<Vec<EscalationSummary>>,
    may_raise_escalation: bool,
    may_read_health: bool,
    may_read_plan: bool,
    care_leaver: CareLeaverLine,
    /// The latest contacts with their personal adviser; `None` when the role does not see them.
    contact_log: Option<Vec<ContactRow>>,
    may_log_contact: bool,
}

/// A contact with their personal adviser, on the staff record page.
pub struct ContactRow {
    pub on: String,
    pub how: &'static str,
    pub by: String,
    pub seen_alone: Option<&'static str>,
    pub summary: String,
}

/// The young person's care-leaver status, and who recorded it if someone did.
pub struct CareLeaverLine {
    pub title: &'static str,
    pub recorded: Option<String>,
}

#[derive(Debug, Deserialize)]
pub struct RecordQuery {
    recorded: Option<String>,
}

#[handler]
pub async fn young_person(
    req: &Request,
    Data(state): Data<&AppState>,
    Path(id): Path<Uuid>,
    Query(query): Query<RecordQuery>,
) -> Response {
    let (visitor, caller) = match staff_member(req, state).await {
        Ok(found) => found,
        Err(response) => return response,
    };
    let person = match young_people::get(state, &caller, id).await {
        Ok(person) => person,
        Err(error) => return failed(error, Some(&visitor)),
    };
    let workers = match contacts::supporters(state, &caller, id).await {
        Ok(found) => found.workers.iter().map(Worker::from).collect(),
        Err(error) => return failed(error, Some(&visitor)),
    };
    let contact_log = if access::holds_grant(&caller.actor, Action::ReadContactLog) {
        match contacts::contact_log(state, &caller, id).await {
            Ok(found) => Some(
                found
                    .iter()
                    .take(5)
                    .map(|c| ContactRow {
                        on: long_date(c.contact_on),
                        how: c.method.words(),
                        by: c.by.clone(),
                        seen_alone: c.notes.as_ref().and_then(|n| n.seen_alone).map(|alone| {
                            if alone {
                                "Seen alone"
                            } else {
                                "Not seen alone"
                            }
                        }),
                        summary: c
                            .notes
                            .as_ref()
                            .map(|n| n.summary.clone())
                            .unwrap_or_default(),
                    })
                    .collect(),
            ),
            Err(error) => return failed(error, Some(&visitor)),
        }
    } else {
        None
    };
    let today = state.clock.today();
    let deadlines = if access::holds_grant(&caller.actor, Action::ReadObligations) {
        match obligations::for_young_person(state, &caller, id, None).await {
            Ok(found) => Some(
                found
                    .into_iter()
                    .filter(|o| o.status.is_open())
                    .map(|o| DeadlineRow {
                        title: kind_title(o.kind),
                        due_on: long_date(o.due_on),
                        tag: StatusTag::new(o.status, o.due_on, today),
                    })
                    .collect(),
            ),
            Err(error) => return failed(error, Some(&visitor)),
        }
    } else {
        None
    };
    let escalations = if access::holds_grant(&caller.actor, Action::ReadEscalations) {
        match escalations::for_young_person(state, &caller, id).await {
            Ok(found) => Some(
                found
                    .iter()
                    .map(|e| EscalationSummary {
                        id: e.id,
                        stage: e.state.stage.title(),
                        raised_on: long_date(e.state.raised_on),
                        resolved_on: e.state.resolved_on.map(long_date),
                    })
                    .collect(),
            ),
            Err(error) => return failed(error, Some(&visitor)),
        }
    } else {
        None
    };
    let care_leaver = match care_leaver_status::on(state, &caller, id, None).await {
        Ok(status) => CareLeaverLine {
            title: status.category.title(),
            recorded: status.recorded.map(|r| {
                format!(
                    "Recorded by {} on {}: {}",
                    r.recorded_by,
                    long_date(r.recorded_at.date_naive()),
                    r.reason
                )
            }),
        },
        Err(error) => return failed(error, Some(&visitor)),
    };
    let name = full_name(&person.given_name, &person.family_name);
    let page = Record {
        chrome: Chrome::new(&visitor, &name),
        id,
        recorded: match query.recorded.as_deref() {
            Some("review") => Some(
                "The review has been recorded. The next review date below has been worked out from it."
                    .to_owned(),
            ),
            Some("contact") => Some(format!(
                "The contact has been recorded. The next one is due within {} weeks of it.",
                state.standards.pa_contact_weeks
            )),
            _ => None,
        },
        deadlines,
        may_record_review: access::holds_grant(&caller.actor, Action::RecordCare),
        escalations,
        may_raise_escalation: access::holds_grant(&caller.actor, Action::RaiseEscalation),
        may_read_health: access::holds_grant(&caller.actor, Action::ReadHealth),
        may_read_plan: access::holds_grant(&caller.actor, Action::ReadPathwayPlan),
        contact_log,
        may_log_contact: access::holds_grant(&caller.actor, Action::LogContact),
        care_leaver,
        age: age_on(person.date_of_birth, state.clock.today()),
        date_of_birth: long_date(person.date_of_birth),
        preferred_name: person.preferred_name,
        pronouns: person.pronouns,
        name,
        workers,
    };
    ok(&page, &visitor)
}

//! The private fostering officer's case page: what the council was told, exactly as it was
//! typed (and only ever as text), the visits owed and made, the Schedule 2 checklist, the DBS
//! checks, and the forms that record them. Managers read; only the officer records.
mod forms;

use api::{
    AppState,
    domain::{
        access::{self, Action},
        private_fostering::{
            ArrangementStatus, can_move,
            notification::{Notification, Notifier},
            schedule_2::Finding,
            suitability::DbsOutcome,
            visits::VisitKind,
        },
        timeliness::Measure,
    },
    service::private_fostering::{
        casework::{self, Case, SentNotification},
        figures::{self},
    },
};
use askama::Template;
use poem::{
    Request, Response, handler,
    web::{Data, Path},
};
use uuid::Uuid;

pub use self::forms::{
    record_check, record_dbs_check, record_status, record_visit, schedule_2_form, status_form,
    suitability_form, visit_form,
};
use super::{
    Chrome, failed, ok,
    staff::{StatusTag, staff_member},
    young_person::long_date,
};

/// A tag's words and its colour class.
pub struct Tag {
    pub text: &'static str,
    pub class: &'static str,
}

pub fn status_tag(status: ArrangementStatus) -> Tag {
    let (text, class) = match status {
        ArrangementStatus::Notified => ("Newly notified", "tag--yellow"),
        ArrangementStatus::Assessing => ("Being assessed", "tag--yellow"),
        ArrangementStatus::Confirmed => ("Private fostering", "tag--green"),
        ArrangementStatus::NotPrivateFostering => ("Not private fostering", "tag--grey"),
        ArrangementStatus::Ended => ("Ended", "tag--grey"),
    };
    Tag { text, class }
}

pub fn case_url(id: Uuid) -> String {
    format!("/staff/private-fostering/{id}")
}

struct VisitRow {
    visited_on: String,
    seen: &'static str,
    report: String,
    recorded_by: String,
}

struct MatterRow {
    paragraph: &'static str,
    words: &'static str,
    /// The latest check: finding, date, notes, by whom.
    latest: Option<(Tag, String, String, String)>,
    record: String,
}

struct DbsRow {
    person: String,
    relationship: String,
    checked_on: String,
    outcome: Tag,
    notes: String,
}

struct ToldUs {
    reference: String,
    received_on: String,
    from: String,
    answers: Vec<(&'static str, String)>,
}

#[derive(Template)]
#[template(path = "staff_pf_case.html")]
struct CasePage {
    chrome: Chrome,
    child_name: String,
    status: Tag,
    facts: Vec<(&'static str, String)>,
    next_visit: Option<(&'static str, String, StatusTag)>,
    visits: Vec<VisitRow>,
    checklist: Vec<MatterRow>,
    checked: usize,
    dbs_checks: Vec<DbsRow>,
    told_us: Vec<ToldUs>,
    /// The officer's links to record things; `None` for a manager, who only reads.
    links: Option<CaseLinks>,
}

struct CaseLinks {
    visit: String,
    dbs: String,
    /// None when the arrangement can move no further (it has ended).
    status: Option<String>,
}

fn yes_no(answer: Option<bool>) -> String {
    match answer {
        Some(true) => "Yes".into(),
        Some(false) => "No".into(),
        None => String::new(),
    }
}

fn notifier_words(notifier: Notifier) -> &'static str {
    match notifier {
        Notifier::Carer => "the carer",
        Notifier::Parent => "a parent, or someone with parental responsibility",
        Notifier::Other => "someone else",
    }
}

/// Every answer the person gave, under the question the officer would ask it as; blank ones
/// are "Not known".
fn answers(n: &Notification) -> Vec<(&'static str, String)> {
    let text = |answer: &Option<String>| answer.clone().unwrap_or_default();
    let date = |day: Option<chrono::NaiveDate>| day.map(long_date).unwrap_or_default();
    [
        ("Child's name", n.child_name.clone()),
        ("Date of birth", date(n.child_date_of_birth)),
        ("Sex", text(&n.child_sex)),
        ("Disabled", yes_no(n.child_disabled)),
        ("Place of birth", text(&n.child_place_of_birth)),
        ("Religion", text(&n.child_religion)),
        ("Ethnic group", text(&n.child_racial_origin)),
        (
            "Languages and culture",
            text(&n.child_cultural_and_linguistic_background),
        ),
        ("Living with", n.carer_name.clone()),
        ("Address", n.carer_address.clone()),
        ("Carer's phone", text(&n.carer_phone)),
        (
            "Carer's addresses, last 5 years",
            text(&n.carer_previous_addresses),
        ),
        ("Others in the home", text(&n.household)),
        ("Parents and parental responsibility", text(&n.parents)),
        ("Brothers and sisters under 18", text(&n.siblings)),
        ("Arranged by", text(&n.arranged_by)),
        ("Why", text(&n.purpose)),
        ("Started, or starts, on", date(n.started_on)),
        ("Expected to last", text(&n.expected_length)),
    ]
    .into_iter()
    .map(|(question, answer)| {
        let answer = if answer.trim().is_empty() {
            "Not known".to_owned()
        } else {
            answer
        };
        (question, answer)
    })
    .collect()
}

fn told_us(sent: SentNotification) -> ToldUs {
    let n = &sent.notification;
    let ways: Vec<&str> = [n.notifier_email.as_deref(), n.notifier_phone.as_deref()]
        .into_iter()
        .flatten()
        .collect();
    let from = format!(
        "{}, {}{}",
        n.notifier_name,
        notifier_words(sent.notifier),
        if ways.is_empty() {
            String::new()
        } else {
            format!(": {}", ways.join(", "))
        }
    );
    ToldUs {
        reference: sent.reference,
        received_on: long_date(sent.received_on),
        from,
        answers: answers(n),
    }
}

fn finding_tag(finding: Finding) -> Tag {
    match finding {
        Finding::Satisfied => Tag {
            text: "Satisfied",
            class: "tag--green",
        },
        Finding::Concerns => Tag {
            text: "Concerns",
            class: "tag--red",
        },
    }
}

fn outcome_tag(outcome: DbsOutcome) -> Tag {
    Tag {
        text: outcome.words(),
        class: match outcome {
            DbsOutcome::Clear => "tag--green",
            DbsOutcome::InformationDisclosed => "tag--red",
            DbsOutcome::Pending => "tag--yellow",
        },
    }
}

pub fn visit_words(kind: VisitKind) -> &'static str {
    match kind {
        VisitKind::Initial => "First visit",
        VisitKind::Regular => "Visit",
    }
}

fn case_page(chrome: Chrome, case: Case, today: chrono::NaiveDate, can_record: bool) -> CasePage {
    let a = &case.arrangement;
    let id = a.id;
    let mut facts = vec![
        ("Living with", a.carer_name.clone()),
        ("Address", case.carer_address.clone()),
        ("First told us on", long_date(a.received_on)),
        ("Council aware since", long_date(a.aware_on)),
    ];
    if let Some(day) = case.confirmed_on {
        facts.push(("Confirmed on", long_date(day)));
    }
    if let Some(day) = case.ended_on {
        facts.push(("Ended on", long_date(day)));
    }
    if let Some(reason) = &case.status_reason {
        facts.push(("Reason", reason.clone()));
    }
    let latest = |matter| {
        case.schedule_2
            .latest
            .iter()
            .find(|check| check.matter == matter)
    };
    let checklist: Vec<MatterRow> =
        api::domain::private_fostering::schedule_2::Schedule2Matter::ALL
            .into_iter()
            .map(|matter| MatterRow {
                paragraph: matter.paragraph(),
                words: matter.words(),
                latest: latest(matter).map(|check| {
                    (
                        finding_tag(check.finding),
                        long_date(check.checked_on),
                        check.notes.clone().unwrap_or_default(),
                        check.recorded_by.name.clone(),
                    )
                }),
                record: format!("{}/schedule-2/new?matter={}", case_url(id), matter.code()),
            })
            .collect();
    CasePage {
        chrome,
        child_name: a.child_name.clone(),
        status: status_tag(a.status),
        facts,
        next_visit: a.next_visit.map(|d| {
            (
                visit_words(d.kind),
                long_date(d.due_on),
                StatusTag::new(d.status, d.due_on, today),
            )
        }),
        visits: case
            .visits
            .iter()
            .map(|v| VisitRow {
                visited_on: long_date(v.visited_on),
                seen: match (v.child_seen, v.seen_alone) {
                    (true, Some(true)) => "Seen alone",
                    (true, _) => "Seen, not alone",
                    (false, _) => "Not seen",
                },
                report: v.report.clone(),
                recorded_by: v.recorded_by.name.clone(),
            })
            .collect(),
        checked: checklist.iter().filter(|row| row.latest.is_some()).count(),
        checklist,
        dbs_checks: case
            .suitability_checks
            .iter()
            .map(|c| DbsRow {
                person: c.person_name.clone(),
                relationship: c.relationship.clone(),
                checked_on: long_date(c.checked_on),
                outcome: outcome_tag(c.outcome),
                notes: c.notes.clone().unwrap_or_default(),
            })
            .collect(),
        told_us: case.notifications.into_iter().map(told_us).collect(),
        links: can_record.then(|| CaseLinks {
            visit: format!("{}/visits/new", case_url(id)),
            dbs: format!("{}/suitability-checks/new", case_url(id)),
            status: ArrangementStatus::ALL
                .into_iter()
                .any(|to| can_move(a.status, to))
                .then(|| format!("{}/status", case_url(id))),
        }),
    }
}

#[handler]
pub async fn show(req: &Request, Path(id): Path<Uuid>, Data(state): Data<&AppState>) -> Response {
    let (visitor, caller) = match staff_member(req, state).await {
        Ok(found) => found,
        Err(response) => return response,
    };
    match casework::case(state, &caller, id).await {
        Ok(case) => {
            let chrome = Chrome::new(&visitor, "Private fostering arrangement");
            let can_record = access::holds_grant(&caller.actor, Action::RecordPrivateFostering);
            ok(
                &case_page(chrome, case, state.clock.today(), can_record),
                &visitor,
            )
        }
        Err(error) => failed(error, Some(&visitor)),
    }
}

/// The year's figures as the officer's home page shows them.
pub struct YearView {
    pub year: String,
    pub as_of: String,
    pub notifications: u64,
    pub confirmed: u64,
    pub initial_visits: String,
    pub visits: String,
}

fn on_time(measure: Measure) -> String {
    match measure.percent_on_time() {
        Some(percent) => format!("{percent}% ({} of {})", measure.on_time, measure.due),
        None => "None due yet".into(),
    }
}

/// This reporting year's figures, for the home page of those who read private fostering.
pub async fn this_year(
    state: &AppState,
    caller: &api::service::Caller,
) -> api::error::Result<YearView> {
    let found = figures::figures(state, caller, figures::current_year(state)).await?;
    Ok(YearView {
        year: found.year.words(),
        as_of: long_date(found.as_of),
        notifications: found.notifications_received,
        confirmed: found.arrangements_confirmed,
        initial_visits: on_time(found.initial_visits),
        visits: on_time(found.visits),
    })
}

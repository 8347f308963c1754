//! Health histories in the portal: "Your health" for the young person (saved for offline
//! reading and printable as a clean A4 summary), and the staff view with its forms.
mod editing;
mod form;

use api::{
    AppState,
    domain::{
        access::{self, Action},
        health::{EntryDetails, EntryKind, Sharing},
    },
    service::health_history::{self, Entry, EntryVersion, HealthHistory, RecordedDetails},
};
use askama::Template;
use poem::{
    Request, Response, handler,
    web::{Data, Path, Query},
};
use serde::Deserialize;
use uuid::Uuid;

pub use editing::{
    confirm, correct_entry, new_entry, review_answers, send_answers, send_correction,
};
use form::HealthForm;

use super::{Chrome, failed, ok, staff::staff_member, young_person::long_date};

/// A labelled line of an entry.
pub struct Line {
    pub label: &'static str,
    pub value: String,
}

/// An entry as a page shows it.
pub struct EntryView {
    pub entry_id: Uuid,
    /// The kind, where the title alone does not say it.
    pub caption: Option<&'static str>,
    pub title: String,
    pub date: String,
    pub lines: Vec<Line>,
    pub not_shared_reason: Option<String>,
    pub recorded: String,
    pub correction_reason: Option<String>,
    /// What it said before each correction, newest first.
    pub earlier: Vec<EntryView>,
}

fn line(label: &'static str, value: Option<&str>) -> Option<Line> {
    value.map(|value| Line {
        label,
        value: value.to_owned(),
    })
}

fn version_view(entry_id: Uuid, version: &EntryVersion, earlier: Vec<EntryView>) -> EntryView {
    let details = &version.text.details;
    let (caption, title, lines) = match details {
        EntryDetails::Immunisation(i) => (
            None,
            i.vaccine_name().to_owned(),
            [
                line("Protects against", Some(i.vaccine.protects_against())),
                line("Dose", i.dose.as_deref()),
                line("Where", i.where_given.as_deref()),
                line("Record from", i.source.as_deref()),
            ],
        ),
        EntryDetails::Check(c) => (
            None,
            c.kind.title().to_owned(),
            [line("What it found", Some(&c.result)), None, None, None],
        ),
        EntryDetails::Event(e) => (
            Some(e.kind.title()),
            e.what.clone(),
            [
                line("Until", e.ended_on.map(long_date).as_deref()),
                line("Who or where", e.by_whom.as_deref()),
                line("Notes", e.notes.as_deref()),
                None,
            ],
        ),
    };
    EntryView {
        entry_id,
        caption,
        title,
        date: long_date(details.happened_on()),
        lines: lines.into_iter().flatten().collect(),
        not_shared_reason: match &version.text.sharing {
            Sharing::Shared => None,
            Sharing::NotYetShared { reason } => Some(reason.clone()),
        },
        recorded: format!(
            "Recorded by {} on {}",
            version.recorded_by,
            long_date(version.recorded_at.date_naive())
        ),
        correction_reason: version.correction_reason.clone(),
        earlier,
    }
}

fn entry_view(entry: &Entry) -> EntryView {
    let earlier = entry
        .earlier
        .iter()
        .map(|v| version_view(entry.entry_id, v, Vec::new()))
        .collect();
    version_view(entry.entry_id, &entry.current, earlier)
}

pub struct AssessmentView {
    pub title: &'static str,
    pub date: String,
    pub summary: Option<String>,
    pub recommendations: Option<String>,
}

/// A phone number as written, and as a `tel:` link dials it.
pub struct Phone {
    pub shown: String,
    pub dial: String,
}

impl Phone {
    fn new(number: &Option<String>) -> Option<Self> {
        number.as_ref().map(|shown| Self {
            shown: shown.clone(),
            dial: shown
                .chars()
                .filter(|c| c.is_ascii_digit() || *c == '+')
                .collect(),
        })
    }
}

pub struct DetailsView {
    pub nhs_number: Option<String>,
    pub gp_practice: Option<String>,
    pub gp_phone: Option<Phone>,
    pub dentist: Option<String>,
    pub dentist_phone: Option<Phone>,
    pub recorded: String,
    pub change_reason: Option<String>,
}

impl From<&RecordedDetails> for DetailsView {
    fn from(recorded: &RecordedDetails) -> Self {
        let d = &recorded.details;
        Self {
            nhs_number: d.nhs_number.map(|n| n.to_string()),
            gp_practice: d.gp_practice.clone(),
            gp_phone: Phone::new(&d.gp_phone),
            dentist: d.dentist.clone(),
            dentist_phone: Phone::new(&d.dentist_phone),
            recorded: format!(
                "Recorded by {} on {}",
                recorded.recorded_by,
                long_date(recorded.recorded_at.date_naive())
            ),
            change_reason: recorded.change_reason.clone(),
        }
    }
}

/// A health history laid out for a page: sections in the order a young person asked for.
pub struct HistoryView {
    pub name: String,
    pub details: Option<DetailsView>,
    pub earlier_details: Vec<DetailsView>,
    /// Oldest first, as the schedule runs.
    pub immunisations: Vec<EntryView>,
    /// Newest first: the last check is what matters.
    pub checks: Vec<EntryView>,
    pub assessments: Vec<AssessmentView>,
    pub events: Vec<EntryView>,
    pub more_to_discuss: bool,
}

/// How many health assessments "Your health" shows: the recent ones.
const RECENT_ASSESSMENTS: usize = 3;

impl HistoryView {
    fn new(history: &HealthHistory, all_assessments: bool) -> Self {
        let of = |wanted: fn(EntryKind) -> bool| -> Vec<EntryView> {
            history
                .entries
                .iter()
                .filter(|e| wanted(e.details().kind()))
                .map(entry_view)
                .collect()
        };
        let mut checks = of(|k| matches!(k, EntryKind::Check(_)));
        checks.reverse();
        Self {
            name: history.young_person_name.clone(),
            details: history.details.as_ref().map(DetailsView::from),
            earlier_details: history
                .earlier_details
                .iter()
                .map(DetailsView::from)
                .collect(),
            immunisations: of(|k| k == EntryKind::Immunisation),
            checks,
            assessments: history
                .assessments
                .iter()
                .take(if all_assessments {
                    usize::MAX
                } else {
                    RECENT_ASSESSMENTS
                })
                .map(|a| AssessmentView {
                    title: a.kind.title(),
                    date: long_date(a.completed_on),
                    summary: a.summary.clone(),
                    recommendations: a.recommendations.clone(),
                })
                .collect(),
            events: of(|k| matches!(k, EntryKind::Event(_))),
            more_to_discuss: history.more_to_discuss(),
        }
    }
}

#[derive(Template)]
#[template(path = "my_health.html")]
struct MyHealth {
    chrome: Chrome,
    history: HistoryView,
    printed_on: String,
}

#[handler]
pub async fn my_health(req: &Request, Data(state): Data<&AppState>) -> Response {
    let (visitor, caller, own) = match super::young_person::young_person(req, state).await {
        Ok(found) => found,
        Err(response) => return response,
    };
    let history = match health_history::read(state, &caller, own).await {
        Ok(history) => history,
        Err(error) => return failed(error, Some(&visitor)),
    };
    let page = MyHealth {
        chrome: Chrome::new(&visitor, "Your health").offline_ready(),
        history: HistoryView::new(&history, false),
        printed_on: long_date(state.clock.today()),
    };
    ok(&page, &visitor)
}

#[derive(Template)]
#[template(path = "staff_health.html")]
struct StaffHealth {
    chrome: Chrome,
    id: Uuid,
    history: HistoryView,
    saved: Option<&'static str>,
    may_record: bool,
    may_record_assessment: bool,
}

#[derive(Debug, Deserialize)]
pub struct SavedQuery {
    saved: Option<String>,
}

#[handler]
pub async fn staff_history(
    req: &Request,
    Data(state): Data<&AppState>,
    Path(id): Path<Uuid>,
    Query(query): Query<SavedQuery>,
) -> Response {
    let (visitor, caller) = match staff_member(req, state).await {
        Ok(found) => found,
        Err(response) => return response,
    };
    let history = match health_history::read(state, &caller, id).await {
        Ok(history) => history,
        Err(error) => return failed(error, Some(&visitor)),
    };
    let page = StaffHealth {
        chrome: Chrome::new(
            &visitor,
            &format!("Health history – {}", history.young_person_name),
        ),
        id,
        saved: query
            .saved
            .as_deref()
            .and_then(HealthForm::from_code)
            .map(HealthForm::saved),
        may_record: access::holds_grant(&caller.actor, Action::RecordHealth),
        may_record_assessment: access::holds_grant(&caller.actor, Action::RecordCare),
        history: HistoryView::new(&history, true),
    };
    ok(&page, &visitor)
}

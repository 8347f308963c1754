//! The caseload on a worker's home page: each young person with what needs them, in the
//! order the worker chose (what needs attention first, unless they chose otherwise).
use api::domain::{
    caseload::{Case, Sort},
    obligations::{self, Kind},
};
use chrono::NaiveDate;
use uuid::Uuid;

use super::{
    staff::{StatusTag, days_ago, kind_title},
    young_person::long_date,
};

/// A deadline on a caseload row: what it is and how it stands.
pub struct DeadlineCell {
    pub title: &'static str,
    pub due_on: String,
    pub tag: StatusTag,
}

impl DeadlineCell {
    fn new(kind: Kind, due_on: NaiveDate, today: NaiveDate) -> Self {
        Self {
            title: kind_title(kind),
            due_on: long_date(due_on),
            tag: StatusTag::new(obligations::status(due_on, None, today), due_on, today),
        }
    }
}

pub struct CaseRow {
    pub id: Uuid,
    pub name: String,
    pub age: i32,
    pub overdue: Vec<DeadlineCell>,
    pub plan_review: Option<DeadlineCell>,
    /// "12 March 2026 (40 days ago)", or `None` when no contact is recorded.
    pub last_contact: Option<String>,
    pub waiting_requests: u64,
}

impl CaseRow {
    pub fn new(case: Case, today: NaiveDate) -> Self {
        Self {
            id: case.young_person_id,
            name: api::domain::people::full_name(&case.given_name, &case.family_name),
            age: api::domain::calendar::age_on(case.date_of_birth, today),
            overdue: case
                .overdue(today)
                .into_iter()
                .map(|d| DeadlineCell::new(d.kind, d.due_on, today))
                .collect(),
            plan_review: case
                .next_plan_review()
                .map(|d| DeadlineCell::new(d.kind, d.due_on, today)),
            last_contact: case
                .last_contact_on
                .map(|on| format!("{} ({})", long_date(on), days_ago((today - on).num_days()))),
            waiting_requests: case.waiting_requests,
        }
    }
}

/// One way to sort, as a link in the "Sort by" row.
pub struct SortLink {
    pub code: &'static str,
    pub label: &'static str,
    pub current: bool,
}

fn label(sort: Sort) -> &'static str {
    match sort {
        Sort::Attention => "What needs attention first",
        Sort::Name => "Name",
        Sort::PlanReview => "Next plan review",
        Sort::LastContact => "Longest since last contact",
    }
}

pub fn sort_links(current: Sort) -> Vec<SortLink> {
    Sort::ALL
        .into_iter()
        .map(|sort| SortLink {
            code: sort.code(),
            label: label(sort),
            current: sort == current,
        })
        .collect()
}

/// The caseload on the page, one page of it.
pub struct CaseloadView {
    pub rows: Vec<CaseRow>,
    pub sort: &'static str,
    pub sort_label: &'static str,
    pub sorts: Vec<SortLink>,
}

impl CaseloadView {
    pub fn new(cases: Vec<Case>, sort: Sort, today: NaiveDate) -> Self {
        Self {
            rows: cases.into_iter().map(|c| CaseRow::new(c, today)).collect(),
            sort: sort.code(),
            sort_label: label(sort),
            sorts: sort_links(sort),
        }
    }
}

//! A worker's caseload: every young person allocated to them with what is due, what they
//! have asked for and when they were last in touch, in the order a worker should look at
//! them. The order is the point: a PA with thirty young people opens the page and the first
//! row is the one who most needs them.
use std::cmp::{Ordering, Reverse};

use chrono::NaiveDate;
use uuid::Uuid;

use super::obligations::{self, Kind, Status};

/// A deadline not yet met.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OpenDeadline {
    pub kind: Kind,
    pub due_on: NaiveDate,
}

/// What the caseload knows about one young person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Case {
    pub young_person_id: Uuid,
    pub given_name: String,
    pub family_name: String,
    pub date_of_birth: NaiveDate,
    pub open_deadlines: Vec<OpenDeadline>,
    /// The last time their personal adviser recorded being in touch.
    pub last_contact_on: Option<NaiveDate>,
    /// Requests from the local offer waiting for a worker: asked for and not answered, or
    /// approved and not yet given.
    pub waiting_requests: u64,
}

impl Case {
    /// Deadlines passed and not met, the longest overdue first.
    pub fn overdue(&self, today: NaiveDate) -> Vec<OpenDeadline> {
        let mut overdue: Vec<OpenDeadline> = self
            .open_deadlines
            .iter()
            .copied()
            .filter(|d| obligations::status(d.due_on, None, today) == Status::Overdue)
            .collect();
        overdue.sort_by_key(|d| (d.due_on, d.kind));
        overdue
    }

    /// The next pathway plan deadline: the review of the agreed plan or, before there is
    /// one, the needs assessment and first plan.
    pub fn next_plan_review(&self) -> Option<OpenDeadline> {
        self.open_deadlines
            .iter()
            .copied()
            .filter(|d| matches!(d.kind, Kind::PathwayPlanReview | Kind::NeedsAssessment))
            .min_by_key(|d| d.due_on)
    }

    /// The soonest deadline still open, whatever it is.
    pub fn next_deadline(&self) -> Option<OpenDeadline> {
        self.open_deadlines
            .iter()
            .copied()
            .min_by_key(|d| (d.due_on, d.kind))
    }

    /// Why this young person is where they are in the "needs attention" order.
    pub fn attention(&self, today: NaiveDate) -> Attention {
        let overdue = self.overdue(today);
        if let Some(first) = overdue.first() {
            return Attention::Overdue {
                count: overdue.len(),
                since: first.due_on,
            };
        }
        if self.waiting_requests > 0 {
            return Attention::RequestsWaiting(self.waiting_requests);
        }
        match self.next_deadline() {
            Some(next) if obligations::status(next.due_on, None, today) == Status::DueSoon => {
                Attention::DueSoon(next.due_on)
            }
            _ => Attention::Settled,
        }
    }
}

/// How much a young person needs their worker now, most first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Attention {
    /// Something statutory is late: the longer, the sooner they come.
    Overdue { count: usize, since: NaiveDate },
    /// They asked for something and are waiting for an answer or for it to arrive.
    RequestsWaiting(u64),
    /// A deadline falls within the next few weeks.
    DueSoon(NaiveDate),
    /// Nothing late, waiting or close.
    Settled,
}

impl Attention {
    fn band(self) -> u8 {
        match self {
            Attention::Overdue { .. } => 0,
            Attention::RequestsWaiting(_) => 1,
            Attention::DueSoon(_) => 2,
            Attention::Settled => 3,
        }
    }
}

/// How a worker may order their caseload.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sort {
    /// Overdue first (longest overdue first), then requests waiting (most first), then
    /// deadlines due soon (soonest first), then everyone else by their next deadline.
    #[default]
    Attention,
    /// By family name, then given name.
    Name,
    /// Soonest pathway plan deadline first; those with none come last.
    PlanReview,
    /// Longest since the PA was last in touch first; never in touch comes before all.
    LastContact,
}

impl Sort {
    pub const ALL: [Sort; 4] = [
        Sort::Attention,
        Sort::Name,
        Sort::PlanReview,
        Sort::LastContact,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Sort::Attention => "attention",
            Sort::Name => "name",
            Sort::PlanReview => "plan_review",
            Sort::LastContact => "last_contact",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|sort| sort.code() == code)
    }
}

fn by_name(a: &Case, b: &Case) -> Ordering {
    (&a.family_name, &a.given_name, a.young_person_id).cmp(&(
        &b.family_name,
        &b.given_name,
        b.young_person_id,
    ))
}

/// A date to sort by, with "none" after every date.
fn none_last(date: Option<NaiveDate>) -> (bool, Option<NaiveDate>) {
    (date.is_none(), date)
}

/// Put a caseload in order. Ties always fall back to the name, so the order is stable
/// from one visit to the next.
pub fn sort(cases: &mut [Case], by: Sort, today: NaiveDate) {
    match by {
        Sort::Name => cases.sort_by(by_name),
        Sort::PlanReview => cases.sort_by(|a, b| {
            none_last(a.next_plan_review().map(|d| d.due_on))
                .cmp(&none_last(b.next_plan_review().map(|d| d.due_on)))
                .then_with(|| by_name(a, b))
        }),
        Sort::LastContact => cases.sort_by(|a, b| {
            a.last_contact_on
                .cmp(&b.last_contact_on)
                .then_with(|| by_name(a, b))
        }),
        Sort::Attention => cases.sort_by(|a, b| {
            attention_key(a, today)
                .cmp(&attention_key(b, today))
                .then_with(|| by_name(a, b))
        }),
    }
}

type AttentionKey = (
    u8,
    Option<NaiveDate>,
    Reverse<u64>,
    (bool, Option<NaiveDate>),
);

fn attention_key(case: &Case, today: NaiveDate) -> AttentionKey {
    let attention = case.attention(today);
    let overdue_since = match attention {
        Attention::Overdue { since, .. } => Some(since),
        _ => None,
    };
    (
        attention.band(),
        overdue_since,
        Reverse(case.waiting_requests),
        none_last(case.next_deadline().map(|d| d.due_on)),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    const TODAY: (i32, u32, u32) = (2026, 12, 3);

    fn today() -> NaiveDate {
        day(TODAY.0, TODAY.1, TODAY.2)
    }

    fn case(family_name: &str) -> Case {
        Case {
            young_person_id: Uuid::new_v4(),
            given_name: "A".into(),
            family_name: family_name.into(),
            date_of_birth: day(2007, 1, 1),
            open_deadlines: Vec::new(),
            last_contact_on: None,
            waiting_requests: 0,
        }
    }

    fn due(kind: Kind, due_on: NaiveDate) -> OpenDeadline {
        OpenDeadline { kind, due_on }
    }

    fn names(cases: &[Case]) -> Vec<&str> {
        cases.iter().map(|c| c.family_name.as_str()).collect()
    }

    #[test]
    fn the_longest_overdue_comes_first_then_requests_then_due_soon_then_the_rest() {
        let mut settled = case("Adams");
        settled.open_deadlines = vec![due(Kind::PaContact, day(2027, 3, 1))];
        let mut due_soon = case("Brown");
        due_soon.open_deadlines = vec![due(Kind::PathwayPlanReview, day(2026, 12, 20))];
        let mut asking = case("Clark");
        asking.waiting_requests = 1;
        let mut asking_more = case("Davis");
        asking_more.waiting_requests = 3;
        let mut a_little_late = case("Evans");
        a_little_late.open_deadlines = vec![due(Kind::PaContact, day(2026, 12, 1))];
        let mut very_late = case("Fox");
        very_late.open_deadlines = vec![
            due(Kind::DentalCheck, day(2026, 6, 1)),
            due(Kind::PaContact, day(2027, 1, 1)),
        ];
        let mut cases = vec![
            settled,
            due_soon,
            asking,
            asking_more,
            a_little_late,
            very_late,
        ];
        sort(&mut cases, Sort::Attention, today());
        assert_eq!(
            names(&cases),
            ["Fox", "Evans", "Davis", "Clark", "Brown", "Adams"]
        );
    }

    #[test]
    fn a_deadline_due_today_is_due_soon_and_one_due_yesterday_is_overdue() {
        let mut today_case = case("Today");
        today_case.open_deadlines = vec![due(Kind::PaContact, today())];
        assert_eq!(today_case.attention(today()), Attention::DueSoon(today()));
        let mut yesterday = case("Yesterday");
        yesterday.open_deadlines = vec![due(Kind::PaContact, today().pred_opt().unwrap())];
        assert_eq!(
            yesterday.attention(today()),
            Attention::Overdue {
                count: 1,
                since: today().pred_opt().unwrap()
            }
        );
    }

    #[test]
    fn overdue_lists_only_passed_deadlines_longest_first() {
        let mut c = case("Fox");
        c.open_deadlines = vec![
            due(Kind::PaContact, day(2026, 11, 30)),
            due(Kind::PathwayPlanReview, day(2027, 1, 30)),
            due(Kind::DentalCheck, day(2026, 6, 1)),
        ];
        assert_eq!(
            c.overdue(today()),
            [
                due(Kind::DentalCheck, day(2026, 6, 1)),
                due(Kind::PaContact, day(2026, 11, 30))
            ]
        );
    }

    #[test]
    fn the_next_plan_review_is_the_review_or_before_a_first_plan_the_needs_assessment() {
        let mut c = case("Fox");
        c.open_deadlines = vec![
            due(Kind::DentalCheck, day(2026, 12, 10)),
            due(Kind::NeedsAssessment, day(2027, 2, 1)),
        ];
        assert_eq!(
            c.next_plan_review(),
            Some(due(Kind::NeedsAssessment, day(2027, 2, 1)))
        );
        c.open_deadlines = vec![due(Kind::LacReview, day(2026, 12, 10))];
        assert_eq!(c.next_plan_review(), None);
    }

    #[test]
    fn by_plan_review_the_soonest_comes_first_and_those_without_a_plan_last() {
        let mut none = case("Adams");
        none.open_deadlines = vec![due(Kind::LacReview, day(2026, 12, 5))];
        let mut later = case("Brown");
        later.open_deadlines = vec![due(Kind::PathwayPlanReview, day(2027, 5, 1))];
        let mut sooner = case("Clark");
        sooner.open_deadlines = vec![due(Kind::NeedsAssessment, day(2027, 1, 1))];
        let mut cases = vec![none, later, sooner];
        sort(&mut cases, Sort::PlanReview, today());
        assert_eq!(names(&cases), ["Clark", "Brown", "Adams"]);
    }

    #[test]
    fn by_last_contact_never_in_touch_comes_first_then_the_longest_ago() {
        let mut recent = case("Adams");
        recent.last_contact_on = Some(day(2026, 11, 30));
        let never = case("Brown");
        let mut long_ago = case("Clark");
        long_ago.last_contact_on = Some(day(2026, 8, 1));
        let mut cases = vec![recent, never, long_ago];
        sort(&mut cases, Sort::LastContact, today());
        assert_eq!(names(&cases), ["Brown", "Clark", "Adams"]);
    }

    #[test]
    fn every_sort_has_a_code_that_reads_back() {
        for sort in Sort::ALL {
            assert_eq!(Sort::from_code(sort.code()), Some(sort));
        }
        assert_eq!(Sort::from_code("anything else"), None);
    }

    fn arbitrary_case() -> impl Strategy<Value = Case> {
        (
            "[A-D]",
            proptest::collection::vec((0usize..Kind::ALL.len(), -200i64..200), 0..4),
            proptest::option::of(-400i64..0),
            0u64..3,
        )
            .prop_map(|(name, deadlines, contact, waiting)| {
                let mut c = case(&name);
                c.open_deadlines = deadlines
                    .into_iter()
                    .map(|(k, offset)| due(Kind::ALL[k], today() + chrono::Duration::days(offset)))
                    .collect();
                c.last_contact_on = contact.map(|o| today() + chrono::Duration::days(o));
                c.waiting_requests = waiting;
                c
            })
    }

    proptest! {
        /// Whatever the caseload, nobody with something overdue comes after somebody
        /// without, and sorting twice changes nothing.
        #[test]
        fn overdue_always_comes_before_everything_else(
            cases in proptest::collection::vec(arbitrary_case(), 0..12)
        ) {
            let mut sorted = cases.clone();
            sort(&mut sorted, Sort::Attention, today());
            let bands: Vec<u8> = sorted.iter().map(|c| c.attention(today()).band()).collect();
            prop_assert!(bands.windows(2).all(|w| w[0] <= w[1]), "{:?}", bands);
            let mut again = sorted.clone();
            sort(&mut again, Sort::Attention, today());
            prop_assert_eq!(again, sorted.clone());
            prop_assert_eq!(sorted.len(), cases.len());
        }
    }
}

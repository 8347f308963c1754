//! The obligation engine: from what has happened to a child (periods of care, placements,
//! reviews, assessments, plans, visits) and a date, every statutory deadline and whether it
//! was met. Each past occurrence appears with the date it was done; the next one, while it can
//! still fall due, appears open. Adding a statutory clock means adding one rule here.
//!
//! Facts dated after the as-of date are ignored, so a report "as of" a past date shows what
//! was known and due then.
use chrono::NaiveDate;

use super::{
    calendar::{add_months, add_weeks, add_working_days, age_on},
    care_leaver, homelessness,
};

/// An open obligation is "due soon" when it is due within this many calendar days.
pub const DUE_SOON_DAYS: i64 = 28;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    LacReview,
    CarePlan,
    InitialHealthAssessment,
    ReviewHealthAssessment,
    SocialWorkerVisit,
    DentalCheck,
    PaContact,
    PathwayPlanReview,
    NeedsAssessment,
    HomelessJointAssessment,
}

impl Kind {
    pub const ALL: [Kind; 10] = [
        Kind::LacReview,
        Kind::CarePlan,
        Kind::InitialHealthAssessment,
        Kind::ReviewHealthAssessment,
        Kind::SocialWorkerVisit,
        Kind::DentalCheck,
        Kind::PaContact,
        Kind::PathwayPlanReview,
        Kind::NeedsAssessment,
        Kind::HomelessJointAssessment,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Kind::LacReview => "lac_review",
            Kind::CarePlan => "care_plan",
            Kind::InitialHealthAssessment => "initial_health_assessment",
            Kind::ReviewHealthAssessment => "review_health_assessment",
            Kind::SocialWorkerVisit => "social_worker_visit",
            Kind::DentalCheck => "dental_check",
            Kind::PaContact => "pa_contact",
            Kind::PathwayPlanReview => "pathway_plan_review",
            Kind::NeedsAssessment => "needs_assessment",
            Kind::HomelessJointAssessment => "homeless_joint_assessment",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|kind| kind.code() == code)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Status {
    Upcoming,
    DueSoon,
    Overdue,
    Met,
    MetLate,
}

impl Status {
    pub const ALL: [Status; 5] = [
        Status::Upcoming,
        Status::DueSoon,
        Status::Overdue,
        Status::Met,
        Status::MetLate,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Status::Upcoming => "upcoming",
            Status::DueSoon => "due_soon",
            Status::Overdue => "overdue",
            Status::Met => "met",
            Status::MetLate => "met_late",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|status| status.code() == code)
    }

    pub fn is_open(self) -> bool {
        matches!(self, Status::Upcoming | Status::DueSoon | Status::Overdue)
    }
}

/// Where an obligation stands on `as_of`.
pub fn status(due_on: NaiveDate, completed_on: Option<NaiveDate>, as_of: NaiveDate) -> Status {
    match completed_on {
        Some(done) if done <= due_on => Status::Met,
        Some(_) => Status::MetLate,
        None if as_of > due_on => Status::Overdue,
        None if (due_on - as_of).num_days() <= DUE_SOON_DAYS => Status::DueSoon,
        None => Status::Upcoming,
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Obligation {
    pub kind: Kind,
    pub due_on: NaiveDate,
    pub status: Status,
    pub completed_on: Option<NaiveDate>,
}

/// A span of days from a start to an optional end, both inclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    pub started_on: NaiveDate,
    pub ended_on: Option<NaiveDate>,
}

impl Span {
    /// The span as it looked on `as_of`: not begun yet is `None`; an end after `as_of` was
    /// not known then.
    fn as_seen_on(self, as_of: NaiveDate) -> Option<Span> {
        (self.started_on <= as_of).then(|| Span {
            started_on: self.started_on,
            ended_on: self.ended_on.filter(|end| *end <= as_of),
        })
    }

    fn contains(self, date: NaiveDate) -> bool {
        date >= self.started_on && self.ended_on.is_none_or(|end| date <= end)
    }

    fn is_ongoing(self) -> bool {
        self.ended_on.is_none()
    }

    fn within(self, outer: Span) -> Span {
        Span {
            started_on: self.started_on.max(outer.started_on),
            ended_on: match (self.ended_on, outer.ended_on) {
                (Some(a), Some(b)) => Some(a.min(b)),
                (a, b) => a.or(b),
            },
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AssessmentKind {
    Initial,
    Review,
}

impl AssessmentKind {
    pub fn code(self) -> &'static str {
        match self {
            AssessmentKind::Initial => "initial",
            AssessmentKind::Review => "review",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        [AssessmentKind::Initial, AssessmentKind::Review]
            .into_iter()
            .find(|kind| kind.code() == code)
    }

    pub fn title(self) -> &'static str {
        match self {
            AssessmentKind::Initial => "Initial health assessment",
            AssessmentKind::Review => "Review health assessment",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HealthAssessment {
    pub kind: AssessmentKind,
    pub completed_on: NaiveDate,
}

/// Everything about a child that a statutory clock depends on.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Facts {
    pub date_of_birth: Option<NaiveDate>,
    /// Periods of being looked after (care episodes run together), not overlapping.
    pub periods_of_care: Vec<Span>,
    pub placements: Vec<Span>,
    pub reviews_held_on: Vec<NaiveDate>,
    pub health_assessments: Vec<HealthAssessment>,
    pub care_plans_agreed_on: Vec<NaiveDate>,
    pub social_worker_visits_on: Vec<NaiveDate>,
    pub dental_checks_on: Vec<NaiveDate>,
    /// Days a personal adviser was in touch.
    pub pa_contacts_on: Vec<NaiveDate>,
    /// Days a pathway plan was agreed.
    pub pathway_plans_agreed_on: Vec<NaiveDate>,
    /// Each time they asked for help as a homeless 16 or 17 year old.
    pub homeless_presentations: Vec<HomelessPresentation>,
}

/// A homeless 16 or 17 year old asking for help, and how their joint assessment went.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HomelessPresentation {
    pub presented_on: NaiveDate,
    pub assessment_completed_on: Option<NaiveDate>,
    /// When the decision was made: an assessment not completed by then is no longer owed.
    pub decided_on: Option<NaiveDate>,
}

/// Intervals the authority sets for itself, where no regulation fixes one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LocalStandards {
    /// Months between dental checks for a child in care.
    pub dental_check_months: u32,
    /// Weeks a personal adviser may go without being in touch with a young person.
    pub pa_contact_weeks: u32,
    /// Working days from a homeless 16 or 17 year old presenting to a completed joint
    /// assessment (the local protocol; there is no national figure).
    pub homeless_assessment_working_days: u32,
}

impl LocalStandards {
    pub const DEFAULT_DENTAL_CHECK_MONTHS: u32 = 6;
    /// Longer than this and a child would go more than two years between checks.
    pub const MAX_DENTAL_CHECK_MONTHS: u32 = 24;
    pub const DEFAULT_PA_CONTACT_WEEKS: u32 = 8;
    /// Longer than this and a young person would go half a year without hearing from their PA.
    pub const MAX_PA_CONTACT_WEEKS: u32 = 26;
    pub const DEFAULT_HOMELESS_ASSESSMENT_WORKING_DAYS: u32 =
        crate::domain::homelessness::DEFAULT_ASSESSMENT_WORKING_DAYS;
    /// Six weeks of working days: longer, and the young person would wait half a term.
    pub const MAX_HOMELESS_ASSESSMENT_WORKING_DAYS: u32 = 30;
}

impl Default for LocalStandards {
    fn default() -> Self {
        Self {
            dental_check_months: Self::DEFAULT_DENTAL_CHECK_MONTHS,
            pa_contact_weeks: Self::DEFAULT_PA_CONTACT_WEEKS,
            homeless_assessment_working_days: Self::DEFAULT_HOMELESS_ASSESSMENT_WORKING_DAYS,
        }
    }
}

/// Every obligation for one child on `as_of`, by kind and then due date.
pub fn obligations(facts: &Facts, standards: &LocalStandards, as_of: NaiveDate) -> Vec<Obligation> {
    let mut all = Vec::new();
    let periods = facts
        .periods_of_care
        .iter()
        .filter_map(|p| p.as_seen_on(as_of));
    for period in periods {
        all.extend(reviews(facts, period, as_of));
        all.extend(care_plan(facts, period, as_of));
        all.extend(initial_health_assessment(facts, period, as_of));
        all.extend(review_health_assessments(facts, period, as_of));
        all.extend(social_worker_visits(facts, period, as_of));
        all.extend(dental_checks(facts, standards, period, as_of));
    }
    all.extend(pa_contacts(facts, standards, as_of));
    all.extend(pathway_plan_reviews(facts, as_of));
    all.extend(needs_assessment(facts, as_of));
    all.extend(homeless_assessments(facts, standards, as_of));
    all.sort_by_key(|o| (o.kind, o.due_on));
    all
}

/// Dates within a span and not after `as_of`, in order.
fn dated_within(
    dates: impl IntoIterator<Item = NaiveDate>,
    span: Span,
    as_of: NaiveDate,
) -> Vec<NaiveDate> {
    let mut within: Vec<NaiveDate> = dates
        .into_iter()
        .filter(|d| *d <= as_of && span.contains(*d))
        .collect();
    within.sort();
    within
}

/// A repeating clock: the first occurrence is due on `first_due`; each time it is done, the
/// next is due `next_due(how many done so far, when the last was done)` after. While `open`,
/// the next occurrence appears too.
fn repeating(
    kind: Kind,
    first_due: NaiveDate,
    done_on: &[NaiveDate],
    next_due: impl Fn(usize, NaiveDate) -> NaiveDate,
    open: bool,
    as_of: NaiveDate,
) -> Vec<Obligation> {
    let mut due_on = first_due;
    let mut found = Vec::with_capacity(done_on.len() + 1);
    for (index, done) in done_on.iter().enumerate() {
        found.push(Obligation {
            kind,
            due_on,
            status: status(due_on, Some(*done), as_of),
            completed_on: Some(*done),
        });
        due_on = next_due(index + 1, *done);
    }
    if open {
        found.push(Obligation {
            kind,
            due_on,
            status: status(due_on, None, as_of),
            completed_on: None,
        });
    }
    found
}

/// A once-only clock: done by the first of `done_on`, or open while `open`.
fn once(
    kind: Kind,
    due_on: NaiveDate,
    done_on: &[NaiveDate],
    open: bool,
    as_of: NaiveDate,
) -> Vec<Obligation> {
    let first = done_on.first().copied();
    if first.is_none() && !open {
        return Vec::new();
    }
    vec![Obligation {
        kind,
        due_on,
        status: status(due_on, first, as_of),
        completed_on: first,
    }]
}

/// CPPCR 2010 reg 33: the first review within 20 working days of becoming looked after, the
/// second within 3 months of the first, then within 6 months of the one before. Each is
/// counted from when the last review was actually held, and a new period of care starts the
/// clock again. When care ends, no more reviews fall due.
fn reviews(facts: &Facts, period: Span, as_of: NaiveDate) -> Vec<Obligation> {
    let held = dated_within(facts.reviews_held_on.iter().copied(), period, as_of);
    repeating(
        Kind::LacReview,
        add_working_days(period.started_on, 20),
        &held,
        |reviews_held, last| add_months(last, if reviews_held == 1 { 3 } else { 6 }),
        period.is_ongoing(),
        as_of,
    )
}

/// CPPCR 2010 reg 4: a care plan within 10 working days of the first placement of the
/// period (where it could not be ready before the child was placed).
fn care_plan(facts: &Facts, period: Span, as_of: NaiveDate) -> Vec<Obligation> {
    let placed = dated_within(facts.placements.iter().map(|p| p.started_on), period, as_of);
    let Some(first_placement) = placed.first() else {
        return Vec::new();
    };
    let agreed = dated_within(facts.care_plans_agreed_on.iter().copied(), period, as_of);
    once(
        Kind::CarePlan,
        add_working_days(*first_placement, 10),
        &agreed,
        period.is_ongoing(),
        as_of,
    )
}

/// Promoting the health of looked-after children (2015): an initial health assessment within
/// 20 working days of becoming looked after.
fn initial_health_assessment(facts: &Facts, period: Span, as_of: NaiveDate) -> Vec<Obligation> {
    let done = dated_within(
        facts
            .health_assessments
            .iter()
            .filter(|a| a.kind == AssessmentKind::Initial)
            .map(|a| a.completed_on),
        period,
        as_of,
    );
    once(
        Kind::InitialHealthAssessment,
        add_working_days(period.started_on, 20),
        &done,
        period.is_ongoing(),
        as_of,
    )
}

/// Same guidance: a review health assessment 6 months after the last assessment for a child
/// who was under 5 at it, 12 months for an older child. The clock starts at the first
/// assessment of the period.
fn review_health_assessments(facts: &Facts, period: Span, as_of: NaiveDate) -> Vec<Obligation> {
    let all = dated_within(
        facts.health_assessments.iter().map(|a| a.completed_on),
        period,
        as_of,
    );
    let Some((first, later)) = all.split_first() else {
        return Vec::new();
    };
    let interval = |last: NaiveDate| match facts.date_of_birth {
        Some(born) if age_on(born, last) < 5 => 6,
        _ => 12,
    };
    repeating(
        Kind::ReviewHealthAssessment,
        add_months(*first, interval(*first)),
        later,
        |_, last| add_months(last, interval(last)),
        period.is_ongoing(),
        as_of,
    )
}

/// CPPCR 2010 reg 28: a visit within 1 week of a placement starting, then at most 6 weeks
/// apart in the placement's first year, then at most 3 months apart. Each placement starts
/// its own clock; the clock stops when the placement or the period of care ends.
fn social_worker_visits(facts: &Facts, period: Span, as_of: NaiveDate) -> Vec<Obligation> {
    let placements = facts
        .placements
        .iter()
        .filter_map(|p| p.as_seen_on(as_of))
        .filter(|p| period.contains(p.started_on))
        .map(|p| p.within(period));
    let mut found = Vec::new();
    for placement in placements {
        let visits = dated_within(
            facts.social_worker_visits_on.iter().copied(),
            placement,
            as_of,
        );
        let first_year_ends = add_months(placement.started_on, 12);
        found.extend(repeating(
            Kind::SocialWorkerVisit,
            add_weeks(placement.started_on, 1),
            &visits,
            |_, last| {
                if last < first_year_ends {
                    add_weeks(last, 6)
                } else {
                    add_months(last, 3)
                }
            },
            placement.is_ongoing(),
            as_of,
        ));
    }
    found
}

/// Promoting the health of looked-after children (2015) asks that a child in care sees a
/// dentist regularly; how often is the authority's standard (6 months unless it says
/// otherwise). The first check of a period of care is due that long after the period
/// starts, each next one that long after the last.
fn dental_checks(
    facts: &Facts,
    standards: &LocalStandards,
    period: Span,
    as_of: NaiveDate,
) -> Vec<Obligation> {
    let checks = dated_within(facts.dental_checks_on.iter().copied(), period, as_of);
    let interval = standards.dental_check_months;
    repeating(
        Kind::DentalCheck,
        add_months(period.started_on, interval),
        &checks,
        |_, last| add_months(last, interval),
        period.is_ongoing(),
        as_of,
    )
}

/// A local standard: once a personal adviser has been in touch, the next contact is due
/// within the authority's interval (8 weeks unless it says otherwise) of the last one, for as
/// long as the young person is under 25.
fn pa_contacts(facts: &Facts, standards: &LocalStandards, as_of: NaiveDate) -> Vec<Obligation> {
    let mut contacts: Vec<NaiveDate> = facts
        .pa_contacts_on
        .iter()
        .copied()
        .filter(|d| *d <= as_of)
        .collect();
    contacts.sort();
    contacts.dedup();
    let Some((first, later)) = contacts.split_first() else {
        return Vec::new();
    };
    let weeks = standards.pa_contact_weeks;
    let under_25 = facts
        .date_of_birth
        .is_none_or(|born| as_of < add_months(born, 25 * 12));
    repeating(
        Kind::PaContact,
        add_weeks(*first, weeks),
        later,
        |_, last| add_weeks(last, weeks),
        under_25,
        as_of,
    )
}

/// Care Leavers (England) Regulations 2010 and the guidance: a pathway plan is reviewed at
/// least every 6 months. From the first agreed plan, each next review is due 6 months after
/// the last agreement, for as long as the young person is under 25.
fn pathway_plan_reviews(facts: &Facts, as_of: NaiveDate) -> Vec<Obligation> {
    let mut agreed: Vec<NaiveDate> = facts
        .pathway_plans_agreed_on
        .iter()
        .copied()
        .filter(|d| *d <= as_of)
        .collect();
    agreed.sort();
    agreed.dedup();
    let Some((first, later)) = agreed.split_first() else {
        return Vec::new();
    };
    let under_25 = facts
        .date_of_birth
        .is_none_or(|born| as_of < add_months(born, 25 * 12));
    repeating(
        Kind::PathwayPlanReview,
        add_months(*first, 6),
        later,
        |_, last| add_months(last, 6),
        under_25,
        as_of,
    )
}

/// CPPCR 2010 reg 42: an eligible child's needs are assessed, and their first pathway plan
/// prepared, within 3 months of their 16th birthday, or of becoming eligible if that is later.
/// The first agreed pathway plan meets it.
fn needs_assessment(facts: &Facts, as_of: NaiveDate) -> Vec<Obligation> {
    let Some(born) = facts.date_of_birth else {
        return Vec::new();
    };
    let Some(eligible_from) = care_leaver::eligible_from(born, &facts.periods_of_care, as_of)
    else {
        return Vec::new();
    };
    let mut plans: Vec<NaiveDate> = facts
        .pathway_plans_agreed_on
        .iter()
        .copied()
        .filter(|d| *d <= as_of)
        .collect();
    plans.sort();
    once(
        Kind::NeedsAssessment,
        add_months(eligible_from, 3),
        &plans,
        true,
        as_of,
    )
}

/// 2018 joint guidance on homeless 16 and 17 year olds: the housing authority and children's
/// services assess together, within the working days the local protocol sets (there is no
/// national figure). Owed until completed, or until the case is decided without it (the young
/// person went home, say).
fn homeless_assessments(
    facts: &Facts,
    standards: &LocalStandards,
    as_of: NaiveDate,
) -> Vec<Obligation> {
    facts
        .homeless_presentations
        .iter()
        .filter(|p| p.presented_on <= as_of)
        .flat_map(|p| {
            let completed: Vec<NaiveDate> = p
                .assessment_completed_on
                .filter(|d| *d <= as_of)
                .into_iter()
                .collect();
            once(
                Kind::HomelessJointAssessment,
                homelessness::assessment_due(
                    p.presented_on,
                    standards.homeless_assessment_working_days,
                ),
                &completed,
                p.decided_on.is_none_or(|d| d > as_of),
                as_of,
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn in_care_from(start: &str) -> Facts {
        Facts {
            date_of_birth: Some(d("2012-06-01")),
            periods_of_care: vec![Span {
                started_on: d(start),
                ended_on: None,
            }],
            ..Facts::default()
        }
    }

    fn due(facts: &Facts, as_of: NaiveDate) -> Vec<Obligation> {
        obligations(facts, &LocalStandards::default(), as_of)
    }

    fn of_kind(all: &[Obligation], kind: Kind) -> Vec<(NaiveDate, Status, Option<NaiveDate>)> {
        all.iter()
            .filter(|o| o.kind == kind)
            .map(|o| (o.due_on, o.status, o.completed_on))
            .collect()
    }

    #[test]
    fn statuses_follow_the_due_date_and_the_28_day_window() {
        let due = d("2026-12-01");
        assert_eq!(status(due, None, d("2026-10-01")), Status::Upcoming);
        assert_eq!(status(due, None, d("2026-11-03")), Status::DueSoon);
        assert_eq!(status(due, None, d("2026-12-01")), Status::DueSoon);
        assert_eq!(status(due, None, d("2026-12-02")), Status::Overdue);
        assert_eq!(
            status(due, Some(d("2026-12-01")), d("2027-01-01")),
            Status::Met
        );
        assert_eq!(
            status(due, Some(d("2026-12-02")), d("2027-01-01")),
            Status::MetLate
        );
    }

    #[test]
    fn reg_33_first_review_within_20_working_days_of_becoming_looked_after() {
        // Looked after from Wednesday 20 December 2023: Christmas, Boxing Day and New Year's
        // Day are not working days.
        let all = due(&in_care_from("2023-12-20"), d("2023-12-21"));
        assert_eq!(
            of_kind(&all, Kind::LacReview),
            vec![(d("2024-01-22"), Status::Upcoming, None)]
        );
    }

    #[test]
    fn reg_33_second_review_3_months_after_the_first_then_6_monthly() {
        let mut facts = in_care_from("2026-01-05");
        facts.reviews_held_on = vec![d("2026-01-30"), d("2026-04-28")];
        let all = due(&facts, d("2026-05-01"));
        assert_eq!(
            of_kind(&all, Kind::LacReview),
            vec![
                (d("2026-02-02"), Status::Met, Some(d("2026-01-30"))),
                (d("2026-04-30"), Status::Met, Some(d("2026-04-28"))),
                (d("2026-10-28"), Status::Upcoming, None),
            ]
        );
    }

    #[test]
    fn reg_33_a_late_review_moves_the_next_one_from_when_it_was_actually_held() {
        let mut facts = in_care_from("2026-01-05");
        facts.reviews_held_on = vec![d("2026-02-20")];
        let all = due(&facts, d("2026-03-01"));
        assert_eq!(
            of_kind(&all, Kind::LacReview),
            vec![
                (d("2026-02-02"), Status::MetLate, Some(d("2026-02-20"))),
                (d("2026-05-20"), Status::Upcoming, None),
            ]
        );
    }

    #[test]
    fn reg_33_an_unheld_review_is_overdue() {
        let all = due(&in_care_from("2026-01-05"), d("2026-02-03"));
        assert_eq!(
            of_kind(&all, Kind::LacReview),
            vec![(d("2026-02-02"), Status::Overdue, None)]
        );
    }

    #[test]
    fn reg_33_a_new_period_of_care_restarts_the_review_clock() {
        let mut facts = in_care_from("2025-01-06");
        facts.periods_of_care = vec![
            Span {
                started_on: d("2025-01-06"),
                ended_on: Some(d("2025-03-31")),
            },
            Span {
                started_on: d("2026-03-02"),
                ended_on: None,
            },
        ];
        facts.reviews_held_on = vec![d("2025-01-31")];
        let all = due(&facts, d("2026-03-03"));
        assert_eq!(
            of_kind(&all, Kind::LacReview),
            vec![
                (d("2025-02-03"), Status::Met, Some(d("2025-01-31"))),
                // 20 working days from 2 March 2026: Good Friday is 3 April.
                (d("2026-03-30"), Status::DueSoon, None),
            ]
        );
    }

    #[test]
    fn when_care_ends_no_more_reviews_or_visits_fall_due() {
        let mut facts = in_care_from("2026-01-05");
        facts.periods_of_care[0].ended_on = Some(d("2026-03-31"));
        facts.placements = vec![Span {
            started_on: d("2026-01-05"),
            ended_on: Some(d("2026-03-31")),
        }];
        facts.reviews_held_on = vec![d("2026-01-30")];
        facts.social_worker_visits_on = vec![d("2026-01-09")];
        let all = due(&facts, d("2026-06-01"));
        assert!(all.iter().all(|o| !o.status.is_open()), "{all:?}");
        // As of a day while the child was still in care, the next review was open.
        let then = due(&facts, d("2026-03-01"));
        assert_eq!(
            of_kind(&then, Kind::LacReview).last().unwrap().1,
            Status::Upcoming
        );
    }

    #[test]
    fn facts_after_the_as_of_date_are_not_yet_known() {
        let mut facts = in_care_from("2026-01-05");
        facts.reviews_held_on = vec![d("2026-01-30")];
        let before = due(&facts, d("2026-01-20"));
        assert_eq!(
            of_kind(&before, Kind::LacReview),
            vec![(d("2026-02-02"), Status::DueSoon, None)]
        );
        assert!(due(&facts, d("2026-01-04")).is_empty(), "not yet in care");
    }

    #[test]
    fn reg_4_care_plan_within_10_working_days_of_the_first_placement() {
        let mut facts = in_care_from("2026-03-30");
        // Placed on Tuesday 31 March 2026; Good Friday 3 April and Easter Monday 6 April.
        facts.placements = vec![Span {
            started_on: d("2026-03-31"),
            ended_on: None,
        }];
        let open = due(&facts, d("2026-04-01"));
        assert_eq!(
            of_kind(&open, Kind::CarePlan),
            vec![(d("2026-04-16"), Status::DueSoon, None)]
        );
        facts.care_plans_agreed_on = vec![d("2026-04-17")];
        let late = due(&facts, d("2026-05-01"));
        assert_eq!(
            of_kind(&late, Kind::CarePlan),
            vec![(d("2026-04-16"), Status::MetLate, Some(d("2026-04-17")))]
        );
    }

    #[test]
    fn no_care_plan_is_due_before_a_first_placement() {
        let all = due(&in_care_from("2026-03-30"), d("2026-04-01"));
        assert!(of_kind(&all, Kind::CarePlan).is_empty());
    }

    #[test]
    fn initial_health_assessment_within_20_working_days() {
        let mut facts = in_care_from("2026-01-05");
        facts.health_assessments = vec![HealthAssessment {
            kind: AssessmentKind::Initial,
            completed_on: d("2026-01-28"),
        }];
        let all = due(&facts, d("2026-02-10"));
        assert_eq!(
            of_kind(&all, Kind::InitialHealthAssessment),
            vec![(d("2026-02-02"), Status::Met, Some(d("2026-01-28")))]
        );
    }

    #[test]
    fn review_health_assessments_are_six_monthly_under_five_and_yearly_from_five() {
        let mut facts = in_care_from("2025-09-01");
        // Turns 5 on 15 March 2026.
        facts.date_of_birth = Some(d("2021-03-15"));
        facts.health_assessments = vec![
            HealthAssessment {
                kind: AssessmentKind::Initial,
                completed_on: d("2025-09-20"),
            },
            HealthAssessment {
                kind: AssessmentKind::Review,
                completed_on: d("2026-03-10"),
            },
        ];
        let all = due(&facts, d("2026-04-01"));
        assert_eq!(
            of_kind(&all, Kind::ReviewHealthAssessment),
            vec![
                // Under 5 at the initial assessment: 6 months.
                (d("2026-03-20"), Status::Met, Some(d("2026-03-10"))),
                // Still 4 on 10 March 2026: 6 months again.
                (d("2026-09-10"), Status::Upcoming, None),
            ]
        );
        facts.health_assessments.push(HealthAssessment {
            kind: AssessmentKind::Review,
            completed_on: d("2026-09-01"),
        });
        let later = due(&facts, d("2026-09-02"));
        // Aged 5 at the September assessment: 12 months.
        assert_eq!(
            of_kind(&later, Kind::ReviewHealthAssessment)
                .last()
                .unwrap()
                .0,
            d("2027-09-01")
        );
    }

    #[test]
    fn review_health_assessment_at_month_end_clamps() {
        let mut facts = in_care_from("2026-08-01");
        facts.date_of_birth = Some(d("2022-01-01"));
        facts.health_assessments = vec![HealthAssessment {
            kind: AssessmentKind::Initial,
            completed_on: d("2026-08-31"),
        }];
        let all = due(&facts, d("2026-09-01"));
        assert_eq!(
            of_kind(&all, Kind::ReviewHealthAssessment),
            vec![(d("2027-02-28"), Status::Upcoming, None)]
        );
    }

    #[test]
    fn reg_28_visit_within_a_week_then_six_weekly_in_the_first_year_then_three_monthly() {
        let mut facts = in_care_from("2025-01-06");
        facts.placements = vec![Span {
            started_on: d("2025-01-06"),
            ended_on: None,
        }];
        facts.social_worker_visits_on = vec![d("2025-01-10"), d("2025-02-20"), d("2026-01-20")];
        let all = due(&facts, d("2026-02-01"));
        assert_eq!(
            of_kind(&all, Kind::SocialWorkerVisit),
            vec![
                (d("2025-01-13"), Status::Met, Some(d("2025-01-10"))),
                (d("2025-02-21"), Status::Met, Some(d("2025-02-20"))),
                (d("2025-04-03"), Status::MetLate, Some(d("2026-01-20"))),
                // Past the placement's first year: 3 months.
                (d("2026-04-20"), Status::Upcoming, None),
            ]
        );
    }

    #[test]
    fn reg_28_a_new_placement_starts_its_own_visits() {
        let mut facts = in_care_from("2026-01-05");
        facts.placements = vec![
            Span {
                started_on: d("2026-01-05"),
                ended_on: Some(d("2026-02-01")),
            },
            Span {
                started_on: d("2026-02-02"),
                ended_on: None,
            },
        ];
        facts.social_worker_visits_on = vec![d("2026-01-08")];
        let all = due(&facts, d("2026-02-03"));
        assert_eq!(
            of_kind(&all, Kind::SocialWorkerVisit),
            vec![
                (d("2026-01-12"), Status::Met, Some(d("2026-01-08"))),
                (d("2026-02-09"), Status::DueSoon, None),
            ]
        );
    }

    #[test]
    fn kinds_and_statuses_round_trip_through_their_codes() {
        for kind in Kind::ALL {
            assert_eq!(Kind::from_code(kind.code()), Some(kind));
        }
        for status in Status::ALL {
            assert_eq!(Status::from_code(status.code()), Some(status));
        }
        for kind in [AssessmentKind::Initial, AssessmentKind::Review] {
            assert_eq!(AssessmentKind::from_code(kind.code()), Some(kind));
        }
    }

    #[test]
    fn dental_checks_fall_due_at_the_authoritys_interval_from_care_starting_then_from_each_check() {
        let mut facts = in_care_from("2026-01-10");
        facts.dental_checks_on = vec![d("2025-12-01"), d("2026-06-01"), d("2027-02-15")];
        let all = due(&facts, d("2027-03-01"));
        // A check from before care began does not count; 6 months from the start, then from
        // each check, the second a fortnight late.
        assert_eq!(
            of_kind(&all, Kind::DentalCheck),
            vec![
                (d("2026-07-10"), Status::Met, Some(d("2026-06-01"))),
                (d("2026-12-01"), Status::MetLate, Some(d("2027-02-15"))),
                (d("2027-08-15"), Status::Upcoming, None),
            ]
        );
        let yearly = LocalStandards {
            dental_check_months: 12,
            ..LocalStandards::default()
        };
        let all = obligations(&facts, &yearly, d("2027-03-01"));
        assert_eq!(
            of_kind(&all, Kind::DentalCheck),
            vec![
                (d("2027-01-10"), Status::Met, Some(d("2026-06-01"))),
                (d("2027-06-01"), Status::Met, Some(d("2027-02-15"))),
                (d("2028-02-15"), Status::Upcoming, None),
            ]
        );
    }

    #[test]
    fn a_pa_contact_falls_due_within_the_local_standard_of_the_last_until_25() {
        let facts = Facts {
            date_of_birth: Some(d("2007-03-10")),
            pa_contacts_on: vec![d("2026-09-01"), d("2026-10-20")],
            ..Facts::default()
        };
        let eight_weeks = LocalStandards::default();
        assert_eq!(
            of_kind(
                &obligations(&facts, &eight_weeks, d("2026-12-15")),
                Kind::PaContact
            ),
            [
                (d("2026-10-27"), Status::Met, Some(d("2026-10-20"))),
                (d("2026-12-15"), Status::DueSoon, None),
            ],
            "8 weeks after each contact; the day it is due it is not yet overdue"
        );
        assert_eq!(
            of_kind(
                &obligations(&facts, &eight_weeks, d("2026-12-16")),
                Kind::PaContact
            )[1]
            .1,
            Status::Overdue
        );
        let four_weeks = LocalStandards {
            pa_contact_weeks: 4,
            ..LocalStandards::default()
        };
        assert_eq!(
            of_kind(
                &obligations(&facts, &four_weeks, d("2026-12-01")),
                Kind::PaContact
            ),
            [
                (d("2026-09-29"), Status::MetLate, Some(d("2026-10-20"))),
                (d("2026-11-17"), Status::Overdue, None),
            ]
        );
        // Nothing before the first contact; nothing open from the 25th birthday.
        assert!(
            of_kind(
                &obligations(&facts, &eight_weeks, d("2026-08-31")),
                Kind::PaContact
            )
            .is_empty()
        );
        let at_25 = obligations(&facts, &eight_weeks, d("2032-03-10"));
        assert!(
            of_kind(&at_25, Kind::PaContact)
                .iter()
                .all(|o| o.2.is_some())
        );
    }

    #[test]
    fn an_eligible_childs_needs_are_assessed_within_three_months_of_16_or_of_becoming_eligible() {
        let standards = LocalStandards::default();
        // In care since before 16: eligible on the 16th birthday.
        let early = Facts {
            date_of_birth: Some(d("2008-06-15")),
            periods_of_care: vec![Span {
                started_on: d("2024-01-01"),
                ended_on: None,
            }],
            ..Facts::default()
        };
        assert_eq!(
            of_kind(
                &obligations(&early, &standards, d("2024-09-15")),
                Kind::NeedsAssessment
            ),
            [(d("2024-09-15"), Status::DueSoon, None)],
            "the day it is due"
        );
        assert_eq!(
            of_kind(
                &obligations(&early, &standards, d("2024-09-16")),
                Kind::NeedsAssessment
            )[0]
            .1,
            Status::Overdue
        );
        assert!(
            of_kind(
                &obligations(&early, &standards, d("2024-06-14")),
                Kind::NeedsAssessment
            )
            .is_empty(),
            "not eligible the day before 16"
        );
        let planned = Facts {
            pathway_plans_agreed_on: vec![d("2024-09-01")],
            ..early
        };
        assert_eq!(
            of_kind(
                &obligations(&planned, &standards, d("2025-01-01")),
                Kind::NeedsAssessment
            ),
            [(d("2024-09-15"), Status::Met, Some(d("2024-09-01")))]
        );
        // Came into care after 16: eligible once 13 weeks are reached (the 91st day).
        let late = Facts {
            date_of_birth: Some(d("2008-06-15")),
            periods_of_care: vec![Span {
                started_on: d("2024-08-01"),
                ended_on: None,
            }],
            ..Facts::default()
        };
        assert_eq!(
            of_kind(
                &obligations(&late, &standards, d("2025-02-01")),
                Kind::NeedsAssessment
            ),
            [(d("2025-01-30"), Status::Overdue, None)]
        );
    }

    #[test]
    fn a_pathway_plan_is_reviewed_within_six_months_of_the_last_agreement() {
        let facts = Facts {
            date_of_birth: Some(d("2007-03-10")),
            pathway_plans_agreed_on: vec![d("2026-01-15"), d("2026-08-01")],
            ..Facts::default()
        };
        assert_eq!(
            of_kind(
                &obligations(&facts, &LocalStandards::default(), d("2026-12-03")),
                Kind::PathwayPlanReview
            ),
            [
                (d("2026-07-15"), Status::MetLate, Some(d("2026-08-01"))),
                (d("2027-02-01"), Status::Upcoming, None),
            ]
        );
    }

    #[test]
    fn no_dental_check_falls_due_once_care_has_ended() {
        let mut facts = in_care_from("2025-01-10");
        facts.periods_of_care[0].ended_on = Some(d("2025-05-01"));
        assert!(of_kind(&due(&facts, d("2026-03-01")), Kind::DentalCheck).is_empty());
        // Overdue while in care, it shows as overdue.
        let open = in_care_from("2025-01-10");
        assert_eq!(
            of_kind(&due(&open, d("2025-08-01")), Kind::DentalCheck),
            vec![(d("2025-07-10"), Status::Overdue, None)]
        );
    }

    proptest::proptest! {
        #[test]
        fn at_most_one_open_obligation_per_kind_while_in_care(
            start in 0i64..5000,
            review_gaps in proptest::collection::vec(1i64..400, 0..6),
            as_of_after in 0i64..3000,
        ) {
            let start = d("2005-01-01") + chrono::Duration::days(start);
            let mut facts = in_care_from(&start.to_string());
            facts.placements = vec![Span { started_on: start, ended_on: None }];
            let mut day = start;
            for gap in review_gaps {
                day += chrono::Duration::days(gap);
                facts.reviews_held_on.push(day);
                facts.social_worker_visits_on.push(day);
            }
            let as_of = start + chrono::Duration::days(as_of_after);
            let all = due(&facts, as_of);
            for kind in Kind::ALL {
                let open = all.iter().filter(|o| o.kind == kind && o.status.is_open()).count();
                proptest::prop_assert!(open <= 1, "{kind:?} has {open} open");
            }
            for o in &all {
                proptest::prop_assert_eq!(o.status, status(o.due_on, o.completed_on, as_of));
                if let Some(done) = o.completed_on {
                    proptest::prop_assert!(done <= as_of);
                }
            }
        }
    }

    #[test]
    fn a_homeless_joint_assessment_is_owed_from_asking_until_completed_or_decided() {
        let standards = LocalStandards::default();
        let asked = HomelessPresentation {
            presented_on: d("2026-12-17"),
            assessment_completed_on: None,
            decided_on: None,
        };
        let facts = |p: HomelessPresentation| Facts {
            homeless_presentations: vec![p],
            ..Facts::default()
        };
        let owed = |p, as_of| -> Vec<(NaiveDate, Status)> {
            obligations(&facts(p), &standards, d(as_of))
                .into_iter()
                .filter(|o| o.kind == Kind::HomelessJointAssessment)
                .map(|o| (o.due_on, o.status))
                .collect()
        };
        // 10 working days, with Christmas, Boxing Day (substituted) and New Year's Day out.
        let due = d("2027-01-05");
        assert_eq!(owed(asked, "2026-12-16"), [], "nothing before they ask");
        assert_eq!(owed(asked, "2027-01-05"), [(due, Status::DueSoon)]);
        assert_eq!(owed(asked, "2027-01-06"), [(due, Status::Overdue)]);
        let done = HomelessPresentation {
            assessment_completed_on: Some(d("2027-01-06")),
            ..asked
        };
        assert_eq!(owed(done, "2027-01-07"), [(due, Status::MetLate)]);
        let went_home = HomelessPresentation {
            decided_on: Some(d("2027-01-04")),
            ..asked
        };
        assert_eq!(owed(went_home, "2027-01-03"), [(due, Status::DueSoon)]);
        assert_eq!(owed(went_home, "2027-01-20"), [], "not owed once decided");
    }
}

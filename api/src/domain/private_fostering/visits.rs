//! The visits the council owes a privately fostered child: the first within 7 working days of
//! being told (reg 4), then at most 6 weeks apart in the arrangement's first year and 12 weeks
//! apart after (reg 8), the year running from when the council became aware.
use chrono::{Datelike, NaiveDate};

use crate::domain::{
    calendar::{add_weeks, add_working_days},
    obligations::{self, Status},
    validation::FieldErrors,
};

pub const INITIAL_VISIT_WORKING_DAYS: u32 = 7;
pub const FIRST_YEAR_VISIT_WEEKS: u32 = 6;
pub const LATER_VISIT_WEEKS: u32 = 12;

/// What the visit clock needs to know about an arrangement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VisitFacts {
    /// The day the council received the notification.
    pub received_on: NaiveDate,
    /// The day the council became aware of the arrangement; its first year runs from here.
    pub aware_on: NaiveDate,
    /// Days the officer visited the child, in any order.
    pub visits: Vec<NaiveDate>,
    /// The day the arrangement ended (or was found not to be private fostering), if it has.
    pub ended_on: Option<NaiveDate>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VisitKind {
    /// `pf_initial_visit`
    Initial,
    /// `pf_visit`
    Regular,
}

impl VisitKind {
    pub fn code(self) -> &'static str {
        match self {
            VisitKind::Initial => "pf_initial_visit",
            VisitKind::Regular => "pf_visit",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VisitDeadline {
    pub kind: VisitKind,
    pub due_on: NaiveDate,
    pub completed_on: Option<NaiveDate>,
    pub status: Status,
}

/// When the first visit is due after a notification received on `received_on`.
pub fn initial_visit_due(received_on: NaiveDate) -> NaiveDate {
    add_working_days(received_on, INITIAL_VISIT_WORKING_DAYS)
}

/// The anniversary of `aware_on` `years` on; 29 February becomes 28 February.
fn anniversary(aware_on: NaiveDate, years: i32) -> NaiveDate {
    let year = aware_on.year() + years;
    aware_on
        .with_year(year)
        .or_else(|| NaiveDate::from_ymd_opt(year, 2, 28))
        .expect("28 February exists every year")
}

/// When the visit after one made on `visited_on` is due: 6 weeks on if that visit fell in the
/// arrangement's first year, 12 weeks on if it fell later.
pub fn next_visit_due(aware_on: NaiveDate, visited_on: NaiveDate) -> NaiveDate {
    let weeks = if visited_on < anniversary(aware_on, 1) {
        FIRST_YEAR_VISIT_WEEKS
    } else {
        LATER_VISIT_WEEKS
    };
    add_weeks(visited_on, weeks)
}

/// Every visit deadline up to `as_of`: each met (or met late) by the visit that answered it,
/// and the next one open while the arrangement goes on. Visits after `as_of` are not yet known.
pub fn visit_deadlines(facts: &VisitFacts, as_of: NaiveDate) -> Vec<VisitDeadline> {
    let mut visits: Vec<NaiveDate> = facts
        .visits
        .iter()
        .copied()
        .filter(|v| *v <= as_of && *v >= facts.received_on.min(facts.aware_on))
        .collect();
    visits.sort();
    visits.dedup();
    let ended_on = facts.ended_on.filter(|end| *end <= as_of);
    let mut deadlines = Vec::new();
    let mut kind = VisitKind::Initial;
    let mut due_on = initial_visit_due(facts.received_on);
    for visited_on in visits {
        deadlines.push(VisitDeadline {
            kind,
            due_on,
            completed_on: Some(visited_on),
            status: obligations::status(due_on, Some(visited_on), as_of),
        });
        kind = VisitKind::Regular;
        due_on = next_visit_due(facts.aware_on, visited_on);
    }
    // Once it has ended, a deadline falling after the end is owed to nobody.
    if ended_on.is_none_or(|end| due_on <= end) {
        deadlines.push(VisitDeadline {
            kind,
            due_on,
            completed_on: None,
            status: obligations::status(due_on, None, as_of),
        });
    }
    deadlines
}

/// A visit as the officer records it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Visit {
    pub visited_on: NaiveDate,
    pub child_seen: bool,
    /// Required when the child was seen; left out when they were not.
    pub seen_alone: Option<bool>,
    pub report: String,
}

pub const MAX_REPORT: usize = 10_000;

/// Is the visit possible? On a day from when the council knew of the arrangement to today,
/// with a report, and "seen alone" answered exactly when the child was seen.
pub fn check_visit(
    visit: &Visit,
    known_from: NaiveDate,
    today: NaiveDate,
) -> Result<(), FieldErrors> {
    let mut errors = FieldErrors::new();
    if visit.visited_on > today {
        errors.add(
            "visited_on",
            "The date of the visit must be today or in the past",
        );
    } else if visit.visited_on < known_from {
        errors.add(
            "visited_on",
            "The date of the visit must be after the council was told about the arrangement",
        );
    }
    match (visit.child_seen, visit.seen_alone) {
        (true, None) => errors.add("seen_alone", "Say whether you saw the child on their own"),
        (false, Some(_)) => errors.add(
            "seen_alone",
            "Only say whether you saw the child alone if you saw them",
        ),
        _ => {}
    }
    if visit.report.trim().is_empty() {
        errors.add("report", "Write what you found on the visit");
    } else if visit.report.chars().count() > MAX_REPORT {
        errors.add(
            "report",
            format!("The report must be {MAX_REPORT} characters or fewer"),
        );
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn facts(received_on: NaiveDate, visits: &[NaiveDate]) -> VisitFacts {
        VisitFacts {
            received_on,
            aware_on: received_on,
            visits: visits.to_vec(),
            ended_on: None,
        }
    }

    #[test]
    fn the_initial_visit_is_due_7_working_days_after_receipt_counting_bank_holidays() {
        // Received Thursday 17 December 2026: Christmas Day and Boxing Day (substitute Monday
        // 28 December) are not working days, so the 7th working day is Wednesday 30 December.
        let received = day(2026, 12, 17);
        let due = visit_deadlines(&facts(received, &[]), received);
        assert_eq!(
            due,
            [VisitDeadline {
                kind: VisitKind::Initial,
                due_on: day(2026, 12, 30),
                completed_on: None,
                status: Status::DueSoon,
            }]
        );
        // Received on a Monday with no holidays: the next Wednesday but one.
        assert_eq!(initial_visit_due(day(2026, 3, 2)), day(2026, 3, 11));
    }

    #[test]
    fn an_initial_visit_on_the_due_day_is_on_time_and_the_day_after_is_late() {
        let received = day(2026, 3, 2);
        let on_time = visit_deadlines(&facts(received, &[day(2026, 3, 11)]), day(2026, 3, 20));
        assert_eq!(on_time[0].status, Status::Met);
        let late = visit_deadlines(&facts(received, &[day(2026, 3, 12)]), day(2026, 3, 20));
        assert_eq!(late[0].status, Status::MetLate);
        let missed = visit_deadlines(&facts(received, &[]), day(2026, 3, 12));
        assert_eq!(missed[0].status, Status::Overdue);
    }

    #[test]
    fn visits_are_due_every_6_weeks_in_the_first_year_and_every_12_weeks_after() {
        let aware = day(2026, 1, 5);
        // In the first year: 6 weeks after the last visit.
        assert_eq!(next_visit_due(aware, day(2026, 6, 1)), day(2026, 7, 13));
        // The day before the anniversary is still in the first year.
        assert_eq!(next_visit_due(aware, day(2027, 1, 4)), day(2027, 2, 15));
        // From the anniversary on: 12 weeks.
        assert_eq!(next_visit_due(aware, day(2027, 1, 5)), day(2027, 3, 30));
    }

    #[test]
    fn a_29_february_awareness_has_its_anniversary_on_28_february() {
        let aware = day(2028, 2, 29);
        assert_eq!(next_visit_due(aware, day(2029, 2, 27)), day(2029, 4, 10));
        assert_eq!(next_visit_due(aware, day(2029, 2, 28)), day(2029, 5, 23));
    }

    #[test]
    fn each_visit_answers_the_deadline_before_it_and_sets_the_next() {
        let received = day(2026, 3, 2);
        let visits = [day(2026, 3, 10), day(2026, 4, 21), day(2026, 6, 9)];
        let deadlines = visit_deadlines(&facts(received, &visits), day(2026, 6, 10));
        let summary: Vec<_> = deadlines
            .iter()
            .map(|d| (d.kind, d.due_on, d.completed_on, d.status))
            .collect();
        assert_eq!(
            summary,
            [
                (
                    VisitKind::Initial,
                    day(2026, 3, 11),
                    Some(day(2026, 3, 10)),
                    Status::Met
                ),
                // 6 weeks after 10 March is 21 April: on the day is on time.
                (
                    VisitKind::Regular,
                    day(2026, 4, 21),
                    Some(day(2026, 4, 21)),
                    Status::Met
                ),
                // 6 weeks after 21 April is 2 June: 9 June is a week late.
                (
                    VisitKind::Regular,
                    day(2026, 6, 2),
                    Some(day(2026, 6, 9)),
                    Status::MetLate
                ),
                (VisitKind::Regular, day(2026, 7, 21), None, Status::Upcoming),
            ]
        );
    }

    #[test]
    fn an_ended_arrangement_owes_no_visit_after_it_ended_and_later_visits_are_not_yet_known() {
        let received = day(2026, 3, 2);
        let mut ended = facts(received, &[day(2026, 3, 10)]);
        ended.ended_on = Some(day(2026, 4, 1));
        let deadlines = visit_deadlines(&ended, day(2026, 5, 1));
        assert_eq!(deadlines.len(), 1, "only the initial visit: {deadlines:?}");
        // Before it ended, the next visit was still owed.
        let before = visit_deadlines(&ended, day(2026, 3, 20));
        assert_eq!(before.len(), 2);
        assert_eq!(before[1].completed_on, None);
        // A visit dated after the as-of date is not counted yet.
        let early = visit_deadlines(&facts(received, &[day(2026, 3, 10)]), day(2026, 3, 5));
        assert_eq!(early.len(), 1);
        assert_eq!(early[0].completed_on, None);
    }

    proptest! {
        /// However the visits fall, exactly one deadline is open while the arrangement goes on,
        /// it comes last, and no gap from a visit to the next deadline is over 12 weeks.
        #[test]
        fn an_open_arrangement_always_has_exactly_one_visit_open(
            offsets in proptest::collection::vec(0i64..900, 0..20)
        ) {
            let received = day(2026, 1, 5);
            let visits: Vec<NaiveDate> =
                offsets.iter().map(|o| received + chrono::Duration::days(*o)).collect();
            let as_of = received + chrono::Duration::days(1000);
            let deadlines = visit_deadlines(&facts(received, &visits), as_of);
            let open = deadlines.iter().filter(|d| d.completed_on.is_none()).count();
            prop_assert_eq!(open, 1);
            prop_assert!(deadlines.last().unwrap().completed_on.is_none());
            for pair in deadlines.windows(2) {
                let previous_visit = pair[0].completed_on.unwrap();
                prop_assert!((pair[1].due_on - previous_visit).num_days() <= 84);
            }
        }
    }

    #[test]
    fn a_visit_needs_a_possible_date_a_report_and_seen_alone_only_when_the_child_was_seen() {
        let known = day(2026, 3, 2);
        let today = day(2026, 3, 20);
        let visit = |visited_on, child_seen, seen_alone: Option<bool>, report: &str| Visit {
            visited_on,
            child_seen,
            seen_alone,
            report: report.into(),
        };
        assert!(
            check_visit(
                &visit(day(2026, 3, 10), true, Some(true), "Settled"),
                known,
                today
            )
            .is_ok()
        );
        assert!(
            check_visit(
                &visit(day(2026, 3, 10), false, None, "Nobody home"),
                known,
                today
            )
            .is_ok()
        );
        let fields = |v: &Visit| -> Vec<String> {
            check_visit(v, known, today)
                .unwrap_err()
                .into_map()
                .into_keys()
                .collect()
        };
        assert_eq!(
            fields(&visit(day(2026, 3, 21), true, None, " ")),
            ["report", "seen_alone", "visited_on"]
        );
        assert_eq!(
            fields(&visit(day(2026, 3, 1), false, Some(false), "x")),
            ["seen_alone", "visited_on"]
        );
    }
}

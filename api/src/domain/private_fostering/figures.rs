//! Private fostering figures for a reporting year. Councils report private fostering to the
//! DfE by financial year, 1 April to 31 March, so the year is named by the April it starts.
//!
//! Visit deadlines come from the visit clock (`visits::visit_deadlines`), not a second copy of
//! its rules. As in `timeliness`, a deadline counts once it is met or has passed: on time if the
//! visit was on or before the day it was due, late if after or not at all. A deadline falling
//! due on the as-of day and not yet met is left out: the officer still has the day.
use chrono::NaiveDate;

use super::visits::{VisitDeadline, VisitFacts, VisitKind, visit_deadlines};
use crate::domain::{obligations::Status, timeliness::Measure};

pub use crate::domain::timeliness::{EARLIEST_YEAR, LATEST_YEAR, ReportingYear};

/// What the figures need to know about one arrangement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArrangementFacts {
    /// `received_on` is the first time anyone told us; `ended_on` is when it ended or was found
    /// not to be private fostering.
    pub visits: VisitFacts,
    /// The day the officer confirmed it was private fostering, if they have.
    pub confirmed_on: Option<NaiveDate>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct YearFigures {
    pub year: ReportingYear,
    /// The last day counted: today while the year is running, else its last day.
    pub as_of: NaiveDate,
    /// Arrangements someone first told us about in the year. A second notification about the
    /// same child and carer joins the first, so it is not counted again.
    pub notifications_received: u64,
    pub arrangements_confirmed: u64,
    /// Initial visits (within 7 working days of the notification) that fell due in the year.
    pub initial_visits: Measure,
    /// Every visit that fell due in the year: the initial visit and those after it.
    pub visits: Measure,
}

/// The figures for `year`, counting up to `today` if the year is still running.
pub fn year_figures(
    arrangements: &[ArrangementFacts],
    year: ReportingYear,
    today: NaiveDate,
) -> YearFigures {
    let as_of = today.min(year.last_day());
    let so_far = |day: NaiveDate| year.contains(day) && day <= as_of;
    let mut figures = YearFigures {
        year,
        as_of,
        notifications_received: 0,
        arrangements_confirmed: 0,
        initial_visits: Measure::default(),
        visits: Measure::default(),
    };
    for arrangement in arrangements {
        if so_far(arrangement.visits.received_on) {
            figures.notifications_received += 1;
        }
        if arrangement.confirmed_on.is_some_and(so_far) {
            figures.arrangements_confirmed += 1;
        }
        // Deadlines as known today: a visit recorded after the year ended still shows whether
        // a deadline in it was met.
        for deadline in visit_deadlines(&arrangement.visits, today) {
            let Some(on_time) = counted(&deadline).filter(|_| so_far(deadline.due_on)) else {
                continue;
            };
            let measure = Measure {
                due: 1,
                on_time: u64::from(on_time),
            };
            figures.visits.add(measure);
            if deadline.kind == VisitKind::Initial {
                figures.initial_visits.add(measure);
            }
        }
    }
    figures
}

/// Whether a deadline was met on time, once it has been met or has passed.
fn counted(deadline: &VisitDeadline) -> Option<bool> {
    match deadline.status {
        Status::Met => Some(true),
        Status::MetLate | Status::Overdue => Some(false),
        Status::Upcoming | Status::DueSoon => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn arrangement(received: &str, visits: &[&str]) -> ArrangementFacts {
        ArrangementFacts {
            visits: VisitFacts {
                received_on: d(received),
                aware_on: d(received),
                visits: visits.iter().map(|v| d(v)).collect(),
                ended_on: None,
            },
            confirmed_on: None,
        }
    }

    fn year(starting: i32) -> ReportingYear {
        ReportingYear::new(starting).unwrap()
    }

    #[test]
    fn the_reporting_year_runs_from_1_april_to_31_march() {
        let y = year(2025);
        assert_eq!(
            (y.first_day(), y.last_day()),
            (d("2025-04-01"), d("2026-03-31"))
        );
        assert_eq!(ReportingYear::containing(d("2026-03-31")), y);
        assert_eq!(ReportingYear::containing(d("2026-04-01")), year(2026));
        assert_eq!(ReportingYear::containing(d("2025-04-01")), y);
        assert_eq!(y.words(), "2025 to 2026");
        assert!(ReportingYear::new(1999).is_err());
        assert!(ReportingYear::new(2101).is_err());
    }

    #[test]
    fn a_notification_on_31_march_counts_in_the_year_ending_and_on_1_april_in_the_next() {
        let all = [
            arrangement("2025-03-31", &[]),
            arrangement("2025-04-01", &[]),
            arrangement("2026-03-31", &[]),
            arrangement("2026-04-01", &[]),
        ];
        let today = d("2026-12-03");
        assert_eq!(
            year_figures(&all, year(2024), today).notifications_received,
            1
        );
        assert_eq!(
            year_figures(&all, year(2025), today).notifications_received,
            2
        );
        assert_eq!(
            year_figures(&all, year(2026), today).notifications_received,
            1
        );
    }

    #[test]
    fn arrangements_are_counted_in_the_year_they_were_confirmed() {
        let mut before = arrangement("2025-03-20", &[]);
        before.confirmed_on = Some(d("2025-03-31"));
        let mut in_year = arrangement("2025-03-20", &[]);
        in_year.confirmed_on = Some(d("2025-04-01"));
        let not_yet = arrangement("2025-05-01", &[]);
        let figures = year_figures(&[before, in_year, not_yet], year(2025), d("2026-12-03"));
        assert_eq!(figures.arrangements_confirmed, 1);
    }

    #[test]
    fn an_initial_visit_on_the_due_day_is_on_time_and_the_day_after_is_late() {
        // Received Monday 2 June 2025: the 7th working day is Wednesday 11 June.
        let on_the_day = arrangement("2025-06-02", &["2025-06-11"]);
        let a_day_late = arrangement("2025-06-02", &["2025-06-12"]);
        let figures = year_figures(&[on_the_day, a_day_late], year(2025), d("2025-07-01"));
        assert_eq!(figures.initial_visits, Measure { due: 2, on_time: 1 });
        assert_eq!(figures.initial_visits.percent_on_time(), Some(50));
    }

    #[test]
    fn an_initial_visit_never_made_is_late_once_its_day_has_passed_but_not_on_the_day() {
        let missed = [arrangement("2025-06-02", &[])];
        let on_due_day = year_figures(&missed, year(2025), d("2025-06-11"));
        assert_eq!(
            on_due_day.initial_visits.due, 0,
            "the officer still has the day"
        );
        let day_after = year_figures(&missed, year(2025), d("2025-06-12"));
        assert_eq!(day_after.initial_visits, Measure { due: 1, on_time: 0 });
        assert_eq!(day_after.initial_visits.percent_on_time(), Some(0));
    }

    #[test]
    fn a_deadline_due_after_the_as_of_day_is_not_counted_even_if_already_met() {
        // Due 11 June; visited early on 5 June; today is 6 June.
        let early = [arrangement("2025-06-02", &["2025-06-05"])];
        let figures = year_figures(&early, year(2025), d("2025-06-06"));
        assert_eq!(figures.initial_visits.due, 0);
        assert_eq!(figures.visits.due, 0);
        assert_eq!(figures.as_of, d("2025-06-06"));
    }

    #[test]
    fn with_no_cases_the_percentages_are_no_cases_not_nought_or_a_hundred() {
        let figures = year_figures(&[], year(2025), d("2026-12-03"));
        assert_eq!(figures.initial_visits.percent_on_time(), None);
        assert_eq!(figures.visits.percent_on_time(), None);
        assert_eq!(
            figures.as_of,
            d("2026-03-31"),
            "a finished year counts to its end"
        );
    }

    #[test]
    fn a_deadline_counts_in_the_year_it_fell_due_even_when_the_notice_came_the_year_before() {
        // Received Thursday 28 March 2024: Good Friday and Easter Monday are not working days,
        // so the initial visit is due Wednesday 10 April 2024, in the year 2024 to 2025.
        let across = [arrangement("2024-03-28", &["2024-04-10"])];
        let today = d("2026-12-03");
        let earlier = year_figures(&across, year(2023), today);
        assert_eq!(earlier.notifications_received, 1);
        assert_eq!(earlier.initial_visits.due, 0);
        let later = year_figures(&across, year(2024), today);
        assert_eq!(later.notifications_received, 0);
        assert_eq!(later.initial_visits, Measure { due: 1, on_time: 1 });
    }

    #[test]
    fn a_deadline_due_on_31_march_and_met_after_the_year_ended_counts_late_in_that_year() {
        // Received Monday 3 February 2025: the initial visit is due 12 February and made that
        // day; the next, due 26 March, is made early on 17 February, which sets the next for 6
        // weeks on: 31 March, the year's last day. It is made on 2 April, after the year ended.
        let facts = [arrangement(
            "2025-02-03",
            &["2025-02-12", "2025-02-17", "2025-04-02"],
        )];
        let figures = year_figures(&facts, year(2024), d("2026-12-03"));
        // 12 February and 26 March on time; 31 March late.
        assert_eq!(figures.visits, Measure { due: 3, on_time: 2 });
        let next_year = year_figures(&facts, year(2025), d("2026-12-03"));
        // 2 April sets one due 14 May 2025, never met: late in 2025 to 2026.
        assert_eq!(next_year.visits, Measure { due: 1, on_time: 0 });
    }

    #[test]
    fn an_arrangement_that_ended_owes_no_visit_after_it_ended() {
        // Found not to be private fostering on 4 June, before the initial visit was due.
        let mut short = arrangement("2025-06-02", &[]);
        short.visits.ended_on = Some(d("2025-06-04"));
        let figures = year_figures(&[short], year(2025), d("2026-12-03"));
        assert_eq!(figures.notifications_received, 1);
        assert_eq!(figures.visits.due, 0);
        assert_eq!(figures.visits.percent_on_time(), None);
    }

    #[test]
    fn a_constructed_year_gives_the_counts_worked_out_by_hand() {
        let today = d("2026-12-03");
        // Notified the year before; initial visit on its due day (10 April 2024), the next
        // due 22 May met a day late, then ended before 4 July.
        let mut a = arrangement("2024-03-28", &["2024-04-10", "2024-05-23"]);
        a.visits.ended_on = Some(d("2024-06-30"));
        a.confirmed_on = Some(d("2024-03-29"));
        // Notified on the year's last day; its initial visit is due 9 April 2025, next year.
        let b = arrangement("2025-03-31", &[]);
        // Notified 3 June 2024, confirmed, and never visited: the initial visit (12 June) late.
        let mut d_ = arrangement("2024-06-03", &[]);
        d_.confirmed_on = Some(d("2024-06-20"));
        // Initial on the day (11 September), then 23 October met a day late, then 5 December,
        // 16 January and 21 February met; the next, 4 April 2025, falls in the next year.
        let mut e = arrangement(
            "2024-09-02",
            &[
                "2024-09-11",
                "2024-10-24",
                "2024-12-05",
                "2025-01-10",
                "2025-02-21",
            ],
        );
        e.confirmed_on = Some(d("2024-09-20"));
        let figures = year_figures(&[a, b, d_, e], year(2024), today);
        assert_eq!(figures.notifications_received, 3);
        assert_eq!(figures.arrangements_confirmed, 2);
        assert_eq!(figures.initial_visits, Measure { due: 3, on_time: 2 });
        assert_eq!(figures.initial_visits.percent_on_time(), Some(67));
        assert_eq!(figures.visits, Measure { due: 8, on_time: 5 });
        assert_eq!(figures.visits.percent_on_time(), Some(63));
    }
}

//! Schedule 2 to the Children (Private Arrangements for Fostering) Regulations 2005 (SI
//! 2005/1533): the matters the officer establishes, as far as they are relevant, when visiting
//! after a notification (regulation 4(1)(e)). The Schedule has one paragraph with eleven
//! sub-paragraphs, (a) to (k); the officer records a check against each, and may check a
//! matter again at a later visit.
use chrono::{DateTime, NaiveDate, Utc};

use crate::domain::validation::FieldErrors;

/// One matter in Schedule 2, in the Schedule's order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Schedule2Matter {
    /// 1(a): the parents (or others with parental responsibility) and the carer understand and
    /// agree how long it is meant to last.
    IntendedDuration,
    /// 1(b): the child's wishes and feelings, in the light of their age and understanding.
    WishesAndFeelings,
    /// 1(c)
    Accommodation,
    /// 1(d)
    CarersCapacity,
    /// 1(e)
    Household,
    /// 1(f): contact with parents, others with parental responsibility and people significant
    /// to the child is agreed, understood and satisfactory for the child.
    Contact,
    /// 1(g): the parents (or others with parental responsibility) and the carer have agreed how
    /// the child's care and maintenance are paid for.
    FinancialArrangements,
    /// 1(h)
    Health,
    /// 1(i)
    Education,
    /// 1(j)
    Decisions,
    /// 1(k): the carer, the parents, others with parental responsibility and anyone else
    /// concerned with the child are getting the advice the council thinks they need.
    Advice,
}

impl Schedule2Matter {
    pub const ALL: [Schedule2Matter; 11] = [
        Schedule2Matter::IntendedDuration,
        Schedule2Matter::WishesAndFeelings,
        Schedule2Matter::Accommodation,
        Schedule2Matter::CarersCapacity,
        Schedule2Matter::Household,
        Schedule2Matter::Contact,
        Schedule2Matter::FinancialArrangements,
        Schedule2Matter::Health,
        Schedule2Matter::Education,
        Schedule2Matter::Decisions,
        Schedule2Matter::Advice,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Schedule2Matter::IntendedDuration => "intended_duration",
            Schedule2Matter::WishesAndFeelings => "wishes_and_feelings",
            Schedule2Matter::Accommodation => "accommodation",
            Schedule2Matter::CarersCapacity => "carers_capacity",
            Schedule2Matter::Household => "household",
            Schedule2Matter::Contact => "contact",
            Schedule2Matter::FinancialArrangements => "financial_arrangements",
            Schedule2Matter::Health => "health",
            Schedule2Matter::Education => "education",
            Schedule2Matter::Decisions => "decisions",
            Schedule2Matter::Advice => "advice",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|matter| matter.code() == code)
    }

    /// Where it is in the Schedule: "1(a)" to "1(k)".
    pub fn paragraph(self) -> &'static str {
        match self {
            Schedule2Matter::IntendedDuration => "1(a)",
            Schedule2Matter::WishesAndFeelings => "1(b)",
            Schedule2Matter::Accommodation => "1(c)",
            Schedule2Matter::CarersCapacity => "1(d)",
            Schedule2Matter::Household => "1(e)",
            Schedule2Matter::Contact => "1(f)",
            Schedule2Matter::FinancialArrangements => "1(g)",
            Schedule2Matter::Health => "1(h)",
            Schedule2Matter::Education => "1(i)",
            Schedule2Matter::Decisions => "1(j)",
            Schedule2Matter::Advice => "1(k)",
        }
    }

    /// The matter as an officer would recognise it on a checklist.
    pub fn words(self) -> &'static str {
        match self {
            Schedule2Matter::IntendedDuration => {
                "The parents and the carer understand and agree how long the arrangement is meant \
                 to last"
            }
            Schedule2Matter::WishesAndFeelings => {
                "The child's wishes and feelings about the arrangement, given their age and \
                 understanding"
            }
            Schedule2Matter::Accommodation => "Whether the accommodation is suitable",
            Schedule2Matter::CarersCapacity => "Whether the carer is able to look after the child",
            Schedule2Matter::Household => {
                "Whether the other people in the carer's household are suitable"
            }
            Schedule2Matter::Contact => {
                "Contact with the parents and other people important to the child is agreed, \
                 understood and right for the child"
            }
            Schedule2Matter::FinancialArrangements => {
                "The parents and the carer have agreed how the child's care and keep will be \
                 paid for"
            }
            Schedule2Matter::Health => {
                "The child's health care has been thought about and arranged"
            }
            Schedule2Matter::Education => {
                "The child's education has been thought about and arranged"
            }
            Schedule2Matter::Decisions => "How decisions about the child's care will be made",
            Schedule2Matter::Advice => {
                "Whether the carer, the parents and anyone else concerned with the child are \
                 getting the advice they need"
            }
        }
    }
}

/// What the officer found about a matter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Finding {
    Satisfied,
    Concerns,
}

impl Finding {
    pub const ALL: [Finding; 2] = [Finding::Satisfied, Finding::Concerns];

    pub fn code(self) -> &'static str {
        match self {
            Finding::Satisfied => "satisfied",
            Finding::Concerns => "concerns",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|finding| finding.code() == code)
    }

    pub fn words(self) -> &'static str {
        match self {
            Finding::Satisfied => "Satisfied",
            Finding::Concerns => "Concerns",
        }
    }
}

/// A check of one matter, as the officer records it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Schedule2Check {
    pub matter: Schedule2Matter,
    pub checked_on: NaiveDate,
    pub finding: Finding,
    /// Required when there are concerns.
    pub notes: Option<String>,
}

pub const MAX_NOTES: usize = 2000;

/// Notes with words in them, trimmed; spaces alone are no notes.
pub fn given_notes(notes: Option<&str>) -> Option<&str> {
    notes.map(str::trim).filter(|n| !n.is_empty())
}

/// Is the check possible? Dated from when the council knew of the arrangement to today, and
/// with notes saying what the concerns are when there are any.
pub fn check_schedule_2_check(
    check: &Schedule2Check,
    known_from: NaiveDate,
    today: NaiveDate,
) -> Result<(), FieldErrors> {
    let mut errors = FieldErrors::new();
    if check.checked_on > today {
        errors.add(
            "checked_on",
            "The date you checked this must be today or in the past",
        );
    } else if check.checked_on < known_from {
        errors.add(
            "checked_on",
            "The date you checked this must be after the council was told about the arrangement",
        );
    }
    match given_notes(check.notes.as_deref()) {
        None if check.finding == Finding::Concerns => {
            errors.add("notes", "Write what your concerns are")
        }
        Some(notes) if notes.chars().count() > MAX_NOTES => errors.add(
            "notes",
            format!("The notes must be {MAX_NOTES} characters or fewer"),
        ),
        _ => {}
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

/// Where each matter stands: the latest check of each matter that has been checked, in the
/// Schedule's order, and the matters nobody has checked yet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Schedule2Checklist<T> {
    pub latest: Vec<T>,
    pub not_checked: Vec<Schedule2Matter>,
}

/// What orders two checks of the same matter: the day checked, then (for two on one day) when
/// each was recorded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CheckedWhen {
    pub matter: Schedule2Matter,
    pub checked_on: NaiveDate,
    pub recorded_at: DateTime<Utc>,
}

/// The checklist from every check recorded, in any order. Earlier checks are kept as history
/// elsewhere; the checklist shows only the latest of each matter.
pub fn checklist<T: Clone>(
    checks: &[T],
    when: impl Fn(&T) -> CheckedWhen,
) -> Schedule2Checklist<T> {
    let mut latest = Vec::new();
    let mut not_checked = Vec::new();
    for matter in Schedule2Matter::ALL {
        let newest = checks
            .iter()
            .filter(|check| when(check).matter == matter)
            .max_by_key(|check| {
                let w = when(check);
                (w.checked_on, w.recorded_at)
            });
        match newest {
            Some(check) => latest.push(check.clone()),
            None => not_checked.push(matter),
        }
    }
    Schedule2Checklist {
        latest,
        not_checked,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, d).unwrap()
    }

    fn at(hour: u32) -> DateTime<Utc> {
        day(20).and_hms_opt(hour, 0, 0).unwrap().and_utc()
    }

    fn check(finding: Finding, checked_on: NaiveDate, notes: Option<&str>) -> Schedule2Check {
        Schedule2Check {
            matter: Schedule2Matter::Accommodation,
            checked_on,
            finding,
            notes: notes.map(str::to_owned),
        }
    }

    fn fields(c: &Schedule2Check) -> Vec<String> {
        match check_schedule_2_check(c, day(2), day(20)) {
            Ok(()) => Vec::new(),
            Err(errors) => errors.into_map().into_keys().collect(),
        }
    }

    #[test]
    fn the_schedule_has_eleven_matters_from_1a_to_1k_in_order() {
        let paragraphs: Vec<_> = Schedule2Matter::ALL.iter().map(|m| m.paragraph()).collect();
        assert_eq!(
            paragraphs,
            [
                "1(a)", "1(b)", "1(c)", "1(d)", "1(e)", "1(f)", "1(g)", "1(h)", "1(i)", "1(j)",
                "1(k)"
            ]
        );
        let mut sorted = Schedule2Matter::ALL;
        sorted.sort();
        assert_eq!(
            sorted,
            Schedule2Matter::ALL,
            "declared in the Schedule's order"
        );
    }

    #[test]
    fn every_matter_and_finding_has_a_code_that_reads_back_and_words() {
        for matter in Schedule2Matter::ALL {
            assert_eq!(Schedule2Matter::from_code(matter.code()), Some(matter));
            assert!(!matter.words().is_empty());
        }
        for finding in Finding::ALL {
            assert_eq!(Finding::from_code(finding.code()), Some(finding));
        }
        assert_eq!(Schedule2Matter::from_code("1(c)"), None);
    }

    #[test]
    fn a_satisfied_check_needs_no_notes_but_concerns_need_them_written() {
        assert!(fields(&check(Finding::Satisfied, day(10), None)).is_empty());
        assert!(
            fields(&check(
                Finding::Concerns,
                day(10),
                Some("Damp in the bedroom")
            ))
            .is_empty()
        );
        assert_eq!(fields(&check(Finding::Concerns, day(10), None)), ["notes"]);
        assert_eq!(
            fields(&check(Finding::Concerns, day(10), Some("   "))),
            ["notes"]
        );
    }

    #[test]
    fn notes_may_be_2000_characters_and_no_more() {
        let most = "x".repeat(MAX_NOTES);
        assert!(fields(&check(Finding::Concerns, day(10), Some(&most))).is_empty());
        let over = "x".repeat(MAX_NOTES + 1);
        assert_eq!(
            fields(&check(Finding::Satisfied, day(10), Some(&over))),
            ["notes"]
        );
    }

    #[test]
    fn a_check_is_dated_from_when_the_council_knew_to_today() {
        assert!(fields(&check(Finding::Satisfied, day(2), None)).is_empty());
        assert!(fields(&check(Finding::Satisfied, day(20), None)).is_empty());
        assert_eq!(
            fields(&check(Finding::Satisfied, day(21), None)),
            ["checked_on"]
        );
        assert_eq!(
            fields(&check(Finding::Satisfied, day(1), None)),
            ["checked_on"]
        );
    }

    #[derive(Debug, Clone, PartialEq, Eq)]
    struct Row {
        name: &'static str,
        when: CheckedWhen,
    }

    fn row(name: &'static str, matter: Schedule2Matter, checked_on: NaiveDate, hour: u32) -> Row {
        Row {
            name,
            when: CheckedWhen {
                matter,
                checked_on,
                recorded_at: at(hour),
            },
        }
    }

    #[test]
    fn the_checklist_shows_the_latest_check_of_each_matter_and_the_matters_not_yet_checked() {
        use Schedule2Matter::*;
        let checks = [
            row("later", Accommodation, day(12), 9),
            row("first", Accommodation, day(5), 10),
            row("advice", Advice, day(5), 10),
        ];
        let list = checklist(&checks, |r| r.when);
        let names: Vec<_> = list.latest.iter().map(|r| r.name).collect();
        assert_eq!(names, ["later", "advice"], "in the Schedule's order");
        assert_eq!(list.not_checked.len(), 9);
        assert!(!list.not_checked.contains(&Accommodation));
        assert_eq!(list.not_checked[0], IntendedDuration);
    }

    #[test]
    fn two_checks_of_a_matter_on_one_day_are_ordered_by_when_they_were_recorded() {
        use Schedule2Matter::*;
        let checks = [
            row("afternoon", Health, day(12), 15),
            row("morning", Health, day(12), 9),
        ];
        let list = checklist(&checks, |r| r.when);
        assert_eq!(list.latest[0].name, "afternoon");
    }

    #[test]
    fn with_no_checks_every_matter_is_still_to_check() {
        let list = checklist::<Row>(&[], |r| r.when);
        assert!(list.latest.is_empty());
        assert_eq!(list.not_checked, Schedule2Matter::ALL);
    }
}

//! Checks of the carer and of each member of their household aged 18 or over with the
//! Disclosure and Barring Service: part of finding out whether the carer and household are
//! suitable (Schedule 2, paragraph 1(d) and (e)).
use chrono::NaiveDate;

use super::schedule_2::given_notes;
use crate::domain::{people::PersonName, validation::FieldErrors};

/// What the DBS check found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DbsOutcome {
    /// Nothing was disclosed.
    Clear,
    /// The certificate disclosed information the officer must weigh up.
    InformationDisclosed,
    /// Applied for, and the certificate has not come back yet.
    Pending,
}

impl DbsOutcome {
    pub const ALL: [DbsOutcome; 3] = [
        DbsOutcome::Clear,
        DbsOutcome::InformationDisclosed,
        DbsOutcome::Pending,
    ];

    pub fn code(self) -> &'static str {
        match self {
            DbsOutcome::Clear => "clear",
            DbsOutcome::InformationDisclosed => "information_disclosed",
            DbsOutcome::Pending => "pending",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|outcome| outcome.code() == code)
    }

    pub fn words(self) -> &'static str {
        match self {
            DbsOutcome::Clear => "Clear",
            DbsOutcome::InformationDisclosed => "Information disclosed",
            DbsOutcome::Pending => "Waiting for the result",
        }
    }
}

/// A DBS check of one person, as the officer records it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SuitabilityCheck {
    pub person_name: String,
    /// How they belong to the household, in the officer's words: "carer", "carer's husband".
    pub relationship: String,
    /// The date of the check, or the day it was applied for while it is pending.
    pub checked_on: NaiveDate,
    pub outcome: DbsOutcome,
    /// Required when information was disclosed.
    pub notes: Option<String>,
}

pub const MAX_RELATIONSHIP: usize = 100;
pub const MAX_NOTES: usize = super::schedule_2::MAX_NOTES;

/// Is the check possible? A person's name, how they belong to the household, a date not in
/// the future (a check made before the council heard of the arrangement still counts), and
/// notes when information was disclosed.
pub fn check_suitability_check(
    check: &SuitabilityCheck,
    today: NaiveDate,
) -> Result<(), FieldErrors> {
    let mut errors = FieldErrors::new();
    errors.check(
        "person_name",
        PersonName::parse(&check.person_name, "name of the person checked"),
    );
    let relationship = check.relationship.trim();
    if relationship.is_empty() {
        errors.add(
            "relationship",
            "Say who they are in the household, for example \"carer\" or \"carer's husband\"",
        );
    } else if relationship.chars().count() > MAX_RELATIONSHIP {
        errors.add(
            "relationship",
            format!("Who they are in the household must be {MAX_RELATIONSHIP} characters or fewer"),
        );
    }
    if check.checked_on > today {
        errors.add(
            "checked_on",
            "The date of the DBS check must be today or in the past",
        );
    }
    match given_notes(check.notes.as_deref()) {
        None if check.outcome == DbsOutcome::InformationDisclosed => errors.add(
            "notes",
            "Write what was disclosed and what you decided about it",
        ),
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

#[cfg(test)]
mod tests {
    use super::*;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, d).unwrap()
    }

    fn dbs(outcome: DbsOutcome, checked_on: NaiveDate, notes: Option<&str>) -> SuitabilityCheck {
        SuitabilityCheck {
            person_name: "Dan Jones".into(),
            relationship: "carer's husband".into(),
            checked_on,
            outcome,
            notes: notes.map(str::to_owned),
        }
    }

    fn fields(c: &SuitabilityCheck) -> Vec<String> {
        match check_suitability_check(c, day(20)) {
            Ok(()) => Vec::new(),
            Err(errors) => errors.into_map().into_keys().collect(),
        }
    }

    #[test]
    fn a_clear_check_today_or_earlier_needs_no_notes() {
        assert!(fields(&dbs(DbsOutcome::Clear, day(20), None)).is_empty());
        assert!(fields(&dbs(DbsOutcome::Pending, day(1), None)).is_empty());
        // A check made before the council heard of the arrangement still counts.
        let years_ago = NaiveDate::from_ymd_opt(2024, 6, 1).unwrap();
        assert!(fields(&dbs(DbsOutcome::Clear, years_ago, None)).is_empty());
    }

    #[test]
    fn a_check_dated_tomorrow_is_refused() {
        assert_eq!(
            fields(&dbs(DbsOutcome::Clear, day(21), None)),
            ["checked_on"]
        );
    }

    #[test]
    fn information_disclosed_needs_notes_saying_what_and_what_was_decided() {
        assert_eq!(
            fields(&dbs(DbsOutcome::InformationDisclosed, day(10), Some(" "))),
            ["notes"]
        );
        assert!(
            fields(&dbs(
                DbsOutcome::InformationDisclosed,
                day(10),
                Some("Caution in 2009 for shoplifting; not relevant to caring for a child")
            ))
            .is_empty()
        );
        let over = "x".repeat(MAX_NOTES + 1);
        assert_eq!(
            fields(&dbs(DbsOutcome::Clear, day(10), Some(&over))),
            ["notes"]
        );
    }

    #[test]
    fn the_person_is_named_and_said_to_belong_to_the_household() {
        let mut nameless = dbs(DbsOutcome::Clear, day(10), None);
        nameless.person_name = "  ".into();
        nameless.relationship = " ".into();
        assert_eq!(fields(&nameless), ["person_name", "relationship"]);
        let mut wordy = dbs(DbsOutcome::Clear, day(10), None);
        wordy.relationship = "r".repeat(MAX_RELATIONSHIP + 1);
        assert_eq!(fields(&wordy), ["relationship"]);
    }

    #[test]
    fn every_outcome_has_a_code_that_reads_back() {
        for outcome in DbsOutcome::ALL {
            assert_eq!(DbsOutcome::from_code(outcome.code()), Some(outcome));
        }
        assert_eq!(DbsOutcome::from_code("barred"), None);
    }
}

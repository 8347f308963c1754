//! How many statutory deadlines were met on time: the figures a manager and Ofsted look at.
//!
//! A deadline due within the period counts once it is met or has passed: on time if done on or
//! before its date, late if done after it or still not done. Open deadlines not yet reached
//! are left out, so a period that runs to today is neither flattered nor penalised by what is
//! still to come.
use chrono::{Datelike, Months, NaiveDate};

use super::{obligations::Kind, validation::FieldErrors};

/// A reporting year, as councils report to the DfE: from 1 April `starting` to 31 March the year after.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct ReportingYear {
    starting: i32,
}

pub const EARLIEST_YEAR: i32 = 2000;
pub const LATEST_YEAR: i32 = 2100;

impl ReportingYear {
    pub fn new(starting: i32) -> Result<Self, FieldErrors> {
        if (EARLIEST_YEAR..=LATEST_YEAR).contains(&starting) {
            Ok(Self { starting })
        } else {
            Err(FieldErrors::single(
                "year",
                format!(
                    "Enter the year the reporting year starts in, from {EARLIEST_YEAR} to \
                     {LATEST_YEAR}"
                ),
            ))
        }
    }

    /// The reporting year a day falls in: January to March belong to the year that started the
    /// April before.
    pub fn containing(day: NaiveDate) -> Self {
        let starting = if day.month() >= 4 {
            day.year()
        } else {
            day.year() - 1
        };
        Self { starting }
    }

    pub fn starting(self) -> i32 {
        self.starting
    }

    pub fn first_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.starting, 4, 1).expect("1 April exists")
    }

    pub fn last_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.starting + 1, 3, 31).expect("31 March exists")
    }

    pub fn contains(self, day: NaiveDate) -> bool {
        (self.first_day()..=self.last_day()).contains(&day)
    }

    /// "2025 to 2026", as the DfE names its years.
    pub fn words(self) -> String {
        format!("{} to {}", self.starting, self.starting + 1)
    }
}

/// The deadlines the figures are kept for.
pub const MEASURED: [Kind; 3] = [
    Kind::LacReview,
    Kind::InitialHealthAssessment,
    Kind::ReviewHealthAssessment,
];

/// The longest period one report covers.
pub const MAX_YEARS: u32 = 5;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Measure {
    /// Due within the period, and met or passed.
    pub due: u64,
    pub on_time: u64,
}

impl Measure {
    pub fn late(self) -> u64 {
        self.due - self.on_time
    }

    /// Whole-number percentage on time, rounded half up; `None` when nothing fell due.
    pub fn percent_on_time(self) -> Option<u8> {
        (self.due > 0).then(|| ((self.on_time * 200 + self.due) / (self.due * 2)) as u8)
    }

    pub fn add(&mut self, other: Measure) {
        self.due += other.due;
        self.on_time += other.on_time;
    }
}

/// A report's period: both ends inclusive, defaulting to the twelve months to today.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    pub from: NaiveDate,
    pub to: NaiveDate,
}

impl Period {
    pub fn new(
        from: Option<NaiveDate>,
        to: Option<NaiveDate>,
        today: NaiveDate,
    ) -> Result<Self, FieldErrors> {
        let to = to.unwrap_or(today);
        let from = from.unwrap_or_else(|| {
            to.checked_sub_months(Months::new(12))
                .and_then(|d| d.succ_opt())
                .unwrap_or(to)
        });
        let mut errors = FieldErrors::new();
        if from > to {
            errors.add(
                "from",
                "The start of the period must be on or before its end",
            );
        } else if to
            .checked_sub_months(Months::new(12 * MAX_YEARS))
            .is_some_and(|earliest| from < earliest)
        {
            errors.add(
                "from",
                format!("A report covers at most {MAX_YEARS} years: choose a later start"),
            );
        }
        if errors.is_empty() {
            Ok(Self { from, to })
        } else {
            Err(errors)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn percentages_are_whole_numbers_rounded_half_up_and_absent_when_nothing_was_due() {
        assert_eq!(Measure { due: 0, on_time: 0 }.percent_on_time(), None);
        assert_eq!(Measure { due: 3, on_time: 2 }.percent_on_time(), Some(67));
        assert_eq!(Measure { due: 8, on_time: 1 }.percent_on_time(), Some(13));
        assert_eq!(
            Measure {
                due: 200,
                on_time: 1
            }
            .percent_on_time(),
            Some(1)
        );
        assert_eq!(Measure { due: 4, on_time: 4 }.percent_on_time(), Some(100));
        assert_eq!(Measure { due: 4, on_time: 1 }.late(), 3);
    }

    #[test]
    fn the_period_defaults_to_the_last_twelve_months_and_is_checked() {
        let today = d("2026-11-22");
        assert_eq!(
            Period::new(None, None, today).unwrap(),
            Period {
                from: d("2025-11-23"),
                to: today
            }
        );
        assert!(Period::new(Some(d("2026-12-01")), Some(d("2026-11-01")), today).is_err());
        assert!(Period::new(Some(d("2020-01-01")), Some(d("2026-01-01")), today).is_err());
        assert!(Period::new(Some(d("2021-01-01")), Some(d("2026-01-01")), today).is_ok());
    }
}

//! Care-leaver status (Children (Leaving Care) Act 2000; CPPCR 2010 reg 40; Children Act
//! 1989 s23C and s24): who a young person is in law on a date, from their date of birth and
//! periods of care. An explicit status recorded by a professional, with its reason, takes the
//! place of the computed one (for example a special guardianship order after care, which this
//! service does not record as a fact). Pure: no I/O.
use chrono::{Duration, NaiveDate};

use super::{
    calendar::{add_months, age_on},
    obligations::Span,
};

/// Looked after for at least this many days in all, counted from the 14th birthday.
pub const ELIGIBILITY_DAYS: i64 = 13 * 7;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Category {
    Eligible,
    Relevant,
    FormerRelevant,
    Qualifying,
    None,
}

impl Category {
    pub const ALL: [Category; 5] = [
        Category::Eligible,
        Category::Relevant,
        Category::FormerRelevant,
        Category::Qualifying,
        Category::None,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Category::Eligible => "eligible",
            Category::Relevant => "relevant",
            Category::FormerRelevant => "former_relevant",
            Category::Qualifying => "qualifying",
            Category::None => "none",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.code() == code)
    }

    /// As a kind of care leaver, within a sentence: "former relevant" care leavers.
    pub fn short_words(self) -> &'static str {
        match self {
            Category::Eligible => "eligible",
            Category::Relevant => "relevant",
            Category::FormerRelevant => "former relevant",
            Category::Qualifying => "qualifying",
            Category::None => "other",
        }
    }

    /// How staff name it.
    pub fn title(self) -> &'static str {
        match self {
            Category::Eligible => "Eligible child",
            Category::Relevant => "Relevant child",
            Category::FormerRelevant => "Former relevant child",
            Category::Qualifying => "Qualifying care leaver",
            Category::None => "Not a care leaver",
        }
    }
}

/// The day someone reaches `years` of age: their birthday, or 1 March for someone born on
/// 29 February in a year that has none (as `age_on` counts it).
pub fn reaches_age(born: NaiveDate, years: u32) -> NaiveDate {
    let anniversary = add_months(born, years * 12);
    if age_on(born, anniversary) < years as i32 {
        anniversary + Duration::days(1)
    } else {
        anniversary
    }
}

/// Days looked after, counted from the 14th birthday up to and including `until`.
fn days_looked_after_from_14(born: NaiveDate, periods: &[Span], until: NaiveDate) -> i64 {
    let from = reaches_age(born, 14);
    periods
        .iter()
        .map(|p| {
            let start = p.started_on.max(from);
            let end = p.ended_on.unwrap_or(until).min(until);
            if end < start {
                0
            } else {
                (end - start).num_days() + 1
            }
        })
        .sum()
}

fn looked_after_on(periods: &[Span], date: NaiveDate) -> bool {
    periods
        .iter()
        .any(|p| p.started_on <= date && p.ended_on.is_none_or(|end| date <= end))
}

/// The first day the young person met the eligibility test: looked after on a day from their
/// 16th birthday, with 13 weeks looked after since their 14th. `None` if they never have, up
/// to `as_of`.
fn became_eligible_on(born: NaiveDate, periods: &[Span], as_of: NaiveDate) -> Option<NaiveDate> {
    let sixteen = reaches_age(born, 16);
    let eighteen = reaches_age(born, 18);
    let last_day = as_of.min(eighteen - Duration::days(1));
    // The test can first be met on a day they are looked after, from the 16th birthday: at
    // the start of a period (or the birthday), or when the 13 weeks run out within one.
    let mut candidates: Vec<NaiveDate> = periods
        .iter()
        .flat_map(|p| {
            let start = p.started_on.max(sixteen);
            let end = p.ended_on.unwrap_or(last_day).min(last_day);
            let mut days = vec![start];
            // The day within this period when the running total reaches 13 weeks.
            let before = days_looked_after_from_14(born, periods, start - Duration::days(1));
            let needed = ELIGIBILITY_DAYS - before;
            if needed > 1 {
                days.push(start + Duration::days(needed - 1));
            }
            days.into_iter().filter(move |d| *d <= end)
        })
        .collect();
    candidates.sort();
    candidates.into_iter().find(|day| {
        looked_after_on(periods, *day)
            && days_looked_after_from_14(born, periods, *day) >= ELIGIBILITY_DAYS
    })
}

/// The first day the young person was an eligible child, as far as is known on `as_of`.
pub fn eligible_from(
    born: NaiveDate,
    periods_of_care: &[Span],
    as_of: NaiveDate,
) -> Option<NaiveDate> {
    let periods: Vec<Span> = periods_of_care
        .iter()
        .filter(|p| p.started_on <= as_of)
        .map(|p| Span {
            started_on: p.started_on,
            ended_on: p.ended_on.filter(|end| *end <= as_of),
        })
        .collect();
    became_eligible_on(born, &periods, as_of)
}

/// The young person's category on `as_of`, from their date of birth and periods of care (any
/// that start after `as_of` are ignored).
pub fn category(born: NaiveDate, periods_of_care: &[Span], as_of: NaiveDate) -> Category {
    let periods: Vec<Span> = periods_of_care
        .iter()
        .filter(|p| p.started_on <= as_of)
        .map(|p| Span {
            started_on: p.started_on,
            ended_on: p.ended_on.filter(|end| *end <= as_of),
        })
        .collect();
    let age = age_on(born, as_of);
    let eligible_since = became_eligible_on(born, &periods, as_of);
    let looked_after_now = looked_after_on(&periods, as_of);
    let looked_after_from_16 = periods
        .iter()
        .any(|p| p.ended_on.is_none_or(|end| end >= reaches_age(born, 16)));
    match age {
        16 | 17 if eligible_since.is_some() && looked_after_now => Category::Eligible,
        16 | 17 if eligible_since.is_some() => Category::Relevant,
        // Former relevant at 18 to 20, and to 25 for a PA and a pathway plan (s23CZB).
        18..=24 if eligible_since.is_some() => Category::FormerRelevant,
        // Looked after at some point from 16, but never eligible: qualifying to 21 (25 in
        // education, which a recorded status says).
        16..=20 if looked_after_from_16 && !looked_after_now => Category::Qualifying,
        _ => Category::None,
    }
}

/// The status in force: one a professional recorded (with a reason, kept beside it) takes the
/// place of the computed one.
pub fn status(computed: Category, recorded: Option<Category>) -> Category {
    recorded.unwrap_or(computed)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn span(from: &str, to: Option<&str>) -> Span {
        Span {
            started_on: d(from),
            ended_on: to.map(d),
        }
    }

    const BORN: &str = "2009-06-15";

    #[test]
    fn eligible_needs_13_weeks_from_the_14th_birthday_and_care_after_16() {
        // In care from the 16th birthday: 12 weeks 6 days later is not enough, 13 weeks is.
        let periods = [span("2025-06-15", None)];
        let born = d(BORN);
        assert_eq!(
            category(born, &periods, d("2025-09-12")),
            Category::None,
            "90 days, counting the first"
        );
        assert_eq!(
            category(born, &periods, d("2025-09-13")),
            Category::Eligible,
            "91 days: 13 weeks"
        );
        // Care before the 14th birthday does not count.
        let early = [
            span("2022-01-01", Some("2023-06-14")),
            span("2025-06-15", None),
        ];
        assert_eq!(category(born, &early, d("2025-09-12")), Category::None);
        // Periods add up: 10 weeks at 14 and 3 weeks from 16.
        let both = [
            span("2023-06-15", Some("2023-08-23")),
            span("2025-06-15", None),
        ];
        assert_eq!(category(born, &both, d("2025-07-05")), Category::Eligible);
    }

    #[test]
    fn relevant_when_an_eligible_child_leaves_care_before_18() {
        let born = d(BORN);
        let periods = [span("2024-01-01", Some("2026-01-31"))];
        assert_eq!(
            category(born, &periods, d("2026-01-31")),
            Category::Eligible
        );
        assert_eq!(
            category(born, &periods, d("2026-02-01")),
            Category::Relevant
        );
        // Left at 15: 13 weeks after 14, but never looked after from 16: not a care leaver.
        let left_at_15 = [span("2023-07-01", Some("2024-12-31"))];
        assert_eq!(category(born, &left_at_15, d("2026-02-01")), Category::None);
    }

    #[test]
    fn former_relevant_from_the_18th_birthday_to_25() {
        let born = d(BORN);
        let periods = [span("2024-01-01", Some("2027-06-14"))];
        assert_eq!(
            category(born, &periods, d("2027-06-14")),
            Category::Eligible,
            "the day before"
        );
        assert_eq!(
            category(born, &periods, d("2027-06-15")),
            Category::FormerRelevant,
            "the day of"
        );
        assert_eq!(
            category(born, &periods, d("2034-06-14")),
            Category::FormerRelevant,
            "the day before 25"
        );
        assert_eq!(
            category(born, &periods, d("2034-06-15")),
            Category::None,
            "25"
        );
    }

    #[test]
    fn qualifying_when_looked_after_from_16_without_13_weeks() {
        let born = d(BORN);
        let short = [span("2025-07-01", Some("2025-08-31"))];
        assert_eq!(
            category(born, &short, d("2025-08-31")),
            Category::None,
            "still looked after, not yet 13 weeks"
        );
        assert_eq!(
            category(born, &short, d("2025-09-01")),
            Category::Qualifying
        );
        assert_eq!(
            category(born, &short, d("2030-06-14")),
            Category::Qualifying,
            "the day before 21"
        );
        assert_eq!(
            category(born, &short, d("2030-06-15")),
            Category::None,
            "21"
        );
    }

    #[test]
    fn under_16_and_never_looked_after_are_not_care_leavers() {
        let born = d(BORN);
        let periods = [span("2023-07-01", None)];
        assert_eq!(
            category(born, &periods, d("2025-06-14")),
            Category::None,
            "the day before 16"
        );
        assert_eq!(
            category(born, &periods, d("2025-06-15")),
            Category::Eligible,
            "the day of 16"
        );
        assert_eq!(category(born, &[], d("2026-01-01")), Category::None);
    }

    #[test]
    fn a_leap_day_birthday_is_reached_on_1_march() {
        assert_eq!(reaches_age(d("2008-02-29"), 16), d("2024-02-29"));
        assert_eq!(reaches_age(d("2008-02-29"), 17), d("2025-03-01"));
    }

    #[test]
    fn a_recorded_status_takes_the_place_of_the_computed_one() {
        // For example, a special guardianship order made when she left care at 16.
        assert_eq!(
            status(Category::None, Some(Category::Qualifying)),
            Category::Qualifying
        );
        assert_eq!(status(Category::Eligible, None), Category::Eligible);
        for c in Category::ALL {
            assert_eq!(Category::from_code(c.code()), Some(c));
        }
    }
}

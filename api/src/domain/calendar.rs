//! Dates as people in England count them, and as the regulations count deadlines.
use chrono::{DateTime, Datelike, Duration, Months, NaiveDate, Utc, Weekday};

use super::bank_holidays::is_bank_holiday;

/// Monday to Friday, and not a bank holiday in England and Wales.
pub fn is_working_day(date: NaiveDate) -> bool {
    !matches!(date.weekday(), Weekday::Sat | Weekday::Sun) && !is_bank_holiday(date)
}

/// "Within N working days of D": the Nth working day after D. D itself is day 0, whether or
/// not it is a working day.
pub fn add_working_days(from: NaiveDate, working_days: u32) -> NaiveDate {
    let mut date = from;
    let mut counted = 0;
    while counted < working_days {
        date += Duration::days(1);
        if is_working_day(date) {
            counted += 1;
        }
    }
    date
}

/// "N months after D": the same day of the month N months later, or that month's last day
/// when the day does not exist there (31 August + 6 months = 28 or 29 February).
pub fn add_months(from: NaiveDate, months: u32) -> NaiveDate {
    from.checked_add_months(Months::new(months))
        .expect("dates stay within chrono's range")
}

/// "N weeks": N × 7 calendar days.
pub fn add_weeks(from: NaiveDate, weeks: u32) -> NaiveDate {
    from + Duration::weeks(i64::from(weeks))
}

/// The calendar date in England at an instant. British Summer Time runs from 01:00 UTC on
/// the last Sunday of March to 01:00 UTC on the last Sunday of October.
pub fn date_in_england(instant: DateTime<Utc>) -> NaiveDate {
    let year = instant.year();
    let starts = last_sunday(year, 3)
        .and_hms_opt(1, 0, 0)
        .expect("valid time")
        .and_utc();
    let ends = last_sunday(year, 10)
        .and_hms_opt(1, 0, 0)
        .expect("valid time")
        .and_utc();
    let offset_hours = if instant >= starts && instant < ends {
        1
    } else {
        0
    };
    (instant + chrono::Duration::hours(offset_hours)).date_naive()
}

fn last_sunday(year: i32, month: u32) -> NaiveDate {
    let first_of_next = if month == 12 {
        NaiveDate::from_ymd_opt(year + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(year, month + 1, 1)
    }
    .expect("valid date");
    let last = first_of_next.pred_opt().expect("valid date");
    let back = last.weekday().num_days_from_sunday();
    last - chrono::Duration::days(back.into())
}

/// Whole years between a date of birth and a date, as a birthday counts them: someone born on
/// 29 February turns a year older on 1 March in common years.
pub fn age_on(date_of_birth: NaiveDate, on: NaiveDate) -> i32 {
    let mut age = on.year() - date_of_birth.year();
    if (on.month(), on.day()) < (date_of_birth.month(), date_of_birth.day()) {
        age -= 1;
    }
    age
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    fn date(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn late_evening_in_summer_is_already_tomorrow_in_england() {
        assert_eq!(
            date_in_england(utc("2026-07-01T23:30:00Z")),
            date("2026-07-02")
        );
    }

    #[test]
    fn late_evening_in_winter_is_still_today_in_england() {
        assert_eq!(
            date_in_england(utc("2026-12-01T23:30:00Z")),
            date("2026-12-01")
        );
    }

    #[test]
    fn summer_time_starts_and_ends_at_one_in_the_morning_utc() {
        // 2026: BST from Sunday 29 March to Sunday 25 October.
        assert_eq!(
            date_in_england(utc("2026-03-29T00:59:00Z")),
            date("2026-03-29")
        );
        assert_eq!(
            date_in_england(utc("2026-03-29T23:00:00Z")),
            date("2026-03-30")
        );
        assert_eq!(
            date_in_england(utc("2026-10-25T23:00:00Z")),
            date("2026-10-25")
        );
    }

    #[test]
    fn twenty_working_days_skip_weekends_and_easter() {
        // Became looked after on Thursday 28 March 2024: Good Friday 29 March and Easter
        // Monday 1 April are bank holidays.
        assert_eq!(add_working_days(date("2024-03-28"), 1), date("2024-04-02"));
        assert_eq!(add_working_days(date("2024-03-28"), 20), date("2024-04-29"));
    }

    #[test]
    fn working_days_skip_christmas_and_its_days_in_lieu() {
        // Friday 22 December 2023: 25 and 26 December are bank holidays.
        assert_eq!(add_working_days(date("2023-12-22"), 1), date("2023-12-27"));
        // Christmas 2027 falls on a Saturday: Monday 27 and Tuesday 28 are the days in lieu.
        assert_eq!(add_working_days(date("2027-12-24"), 1), date("2027-12-29"));
    }

    #[test]
    fn day_zero_is_the_starting_day_even_at_a_weekend() {
        assert_eq!(add_working_days(date("2026-11-21"), 0), date("2026-11-21"));
        // From Saturday, the first working day is Monday.
        assert_eq!(add_working_days(date("2026-11-21"), 1), date("2026-11-23"));
    }

    #[test]
    fn one_off_bank_holidays_are_not_working_days() {
        for day in [
            "2022-06-03",
            "2022-09-19",
            "2023-05-08",
            "2011-04-29",
            "2012-06-05",
        ] {
            assert!(!is_working_day(date(day)), "{day}");
        }
        // The normal late-May holiday moved in 2022, so 30 May 2022 was a working day.
        assert!(is_working_day(date("2022-05-30")));
    }

    #[test]
    fn months_clamp_to_the_end_of_a_shorter_month() {
        assert_eq!(add_months(date("2026-08-31"), 6), date("2027-02-28"));
        assert_eq!(add_months(date("2027-08-31"), 6), date("2028-02-29"));
        assert_eq!(add_months(date("2026-01-31"), 3), date("2026-04-30"));
        assert_eq!(add_months(date("2026-03-15"), 12), date("2027-03-15"));
    }

    #[test]
    fn weeks_are_seven_calendar_days() {
        assert_eq!(add_weeks(date("2026-12-22"), 1), date("2026-12-29"));
        assert_eq!(add_weeks(date("2026-01-01"), 6), date("2026-02-12"));
    }

    proptest::proptest! {
        #[test]
        fn adding_working_days_lands_on_a_working_day(start in 0i64..14_600, n in 1u32..300) {
            let from = date("2000-01-01") + Duration::days(start);
            let due = add_working_days(from, n);
            proptest::prop_assert!(is_working_day(due));
            proptest::prop_assert!(!is_bank_holiday(due));
        }

        #[test]
        fn more_working_days_never_come_sooner(start in 0i64..14_600, n in 0u32..300) {
            let from = date("2000-01-01") + Duration::days(start);
            proptest::prop_assert!(add_working_days(from, n + 1) > add_working_days(from, n));
        }

        #[test]
        fn n_working_days_span_at_least_n_days_and_count_exactly_n(start in 0i64..14_600, n in 0u32..120) {
            let from = date("2000-01-01") + Duration::days(start);
            let due = add_working_days(from, n);
            let counted = from.iter_days().skip(1).take_while(|d| *d <= due).filter(|d| is_working_day(*d)).count();
            proptest::prop_assert_eq!(counted as u32, n);
        }

        #[test]
        fn adding_months_keeps_the_day_or_clamps_to_month_end(start in 0i64..14_600, months in 0u32..36) {
            let from = date("2000-01-01") + Duration::days(start);
            let due = add_months(from, months);
            let month_index = |d: NaiveDate| d.year() * 12 + d.month() as i32;
            proptest::prop_assert_eq!(month_index(due) - month_index(from), months as i32);
            proptest::prop_assert!(due.day() == from.day() || (due.day() < from.day() && (due + Duration::days(1)).day() == 1));
        }
    }

    #[test]
    fn age_counts_whole_years_and_leap_day_birthdays_fall_on_first_of_march() {
        assert_eq!(age_on(date("2010-05-10"), date("2026-05-09")), 15);
        assert_eq!(age_on(date("2010-05-10"), date("2026-05-10")), 16);
        assert_eq!(age_on(date("2008-02-29"), date("2026-02-28")), 17);
        assert_eq!(age_on(date("2008-02-29"), date("2026-03-01")), 18);
    }
}

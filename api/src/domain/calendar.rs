//! Dates as people in England count them.
use chrono::{DateTime, Datelike, NaiveDate, Utc};

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
    fn age_counts_whole_years_and_leap_day_birthdays_fall_on_first_of_march() {
        assert_eq!(age_on(date("2010-05-10"), date("2026-05-09")), 15);
        assert_eq!(age_on(date("2010-05-10"), date("2026-05-10")), 16);
        assert_eq!(age_on(date("2008-02-29"), date("2026-02-28")), 17);
        assert_eq!(age_on(date("2008-02-29"), date("2026-03-01")), 18);
    }
}

//! Bank holidays in England and Wales. The published ones, including one-off days and moved
//! days, are data; years after the data are worked out by the standing rules.
use std::{collections::HashSet, sync::LazyLock};

use chrono::{Datelike, Duration, NaiveDate, Weekday};

/// The first and last years the published list below covers.
pub const KNOWN_FROM: i32 = 2000;
pub const KNOWN_TO: i32 = 2027;
/// The calendar answers for these years; outside them it still applies the standing rules.
pub const SUPPORTED_TO: i32 = 2040;

/// England and Wales bank holidays as published (GOV.UK "england-and-wales"), 2000 to 2027.
/// One-offs: 2002 Golden Jubilee (spring holiday moved to 4 June), 2011 royal wedding, 2012
/// Diamond Jubilee (spring holiday moved to 4 June), 2020 VE Day (early May moved to the 8th),
/// 2022 Platinum Jubilee (spring holiday moved to 2 June) and the Queen's state funeral, 2023
/// coronation.
#[rustfmt::skip]
const PUBLISHED: &[(i32, u32, u32)] = &[
    // 2000
    (2000, 1, 3), (2000, 4, 21), (2000, 4, 24), (2000, 5, 1), (2000, 5, 29), (2000, 8, 28), (2000, 12, 25), (2000, 12, 26),
    // 2001
    (2001, 1, 1), (2001, 4, 13), (2001, 4, 16), (2001, 5, 7), (2001, 5, 28), (2001, 8, 27), (2001, 12, 25), (2001, 12, 26),
    // 2002
    (2002, 1, 1), (2002, 3, 29), (2002, 4, 1), (2002, 5, 6), (2002, 6, 3), (2002, 6, 4), (2002, 8, 26), (2002, 12, 25), (2002, 12, 26),
    // 2003
    (2003, 1, 1), (2003, 4, 18), (2003, 4, 21), (2003, 5, 5), (2003, 5, 26), (2003, 8, 25), (2003, 12, 25), (2003, 12, 26),
    // 2004
    (2004, 1, 1), (2004, 4, 9), (2004, 4, 12), (2004, 5, 3), (2004, 5, 31), (2004, 8, 30), (2004, 12, 27), (2004, 12, 28),
    // 2005
    (2005, 1, 3), (2005, 3, 25), (2005, 3, 28), (2005, 5, 2), (2005, 5, 30), (2005, 8, 29), (2005, 12, 26), (2005, 12, 27),
    // 2006
    (2006, 1, 2), (2006, 4, 14), (2006, 4, 17), (2006, 5, 1), (2006, 5, 29), (2006, 8, 28), (2006, 12, 25), (2006, 12, 26),
    // 2007
    (2007, 1, 1), (2007, 4, 6), (2007, 4, 9), (2007, 5, 7), (2007, 5, 28), (2007, 8, 27), (2007, 12, 25), (2007, 12, 26),
    // 2008
    (2008, 1, 1), (2008, 3, 21), (2008, 3, 24), (2008, 5, 5), (2008, 5, 26), (2008, 8, 25), (2008, 12, 25), (2008, 12, 26),
    // 2009
    (2009, 1, 1), (2009, 4, 10), (2009, 4, 13), (2009, 5, 4), (2009, 5, 25), (2009, 8, 31), (2009, 12, 25), (2009, 12, 28),
    // 2010
    (2010, 1, 1), (2010, 4, 2), (2010, 4, 5), (2010, 5, 3), (2010, 5, 31), (2010, 8, 30), (2010, 12, 27), (2010, 12, 28),
    // 2011
    (2011, 1, 3), (2011, 4, 22), (2011, 4, 25), (2011, 4, 29), (2011, 5, 2), (2011, 5, 30), (2011, 8, 29), (2011, 12, 26), (2011, 12, 27),
    // 2012
    (2012, 1, 2), (2012, 4, 6), (2012, 4, 9), (2012, 5, 7), (2012, 6, 4), (2012, 6, 5), (2012, 8, 27), (2012, 12, 25), (2012, 12, 26),
    // 2013
    (2013, 1, 1), (2013, 3, 29), (2013, 4, 1), (2013, 5, 6), (2013, 5, 27), (2013, 8, 26), (2013, 12, 25), (2013, 12, 26),
    // 2014
    (2014, 1, 1), (2014, 4, 18), (2014, 4, 21), (2014, 5, 5), (2014, 5, 26), (2014, 8, 25), (2014, 12, 25), (2014, 12, 26),
    // 2015
    (2015, 1, 1), (2015, 4, 3), (2015, 4, 6), (2015, 5, 4), (2015, 5, 25), (2015, 8, 31), (2015, 12, 25), (2015, 12, 28),
    // 2016
    (2016, 1, 1), (2016, 3, 25), (2016, 3, 28), (2016, 5, 2), (2016, 5, 30), (2016, 8, 29), (2016, 12, 26), (2016, 12, 27),
    // 2017
    (2017, 1, 2), (2017, 4, 14), (2017, 4, 17), (2017, 5, 1), (2017, 5, 29), (2017, 8, 28), (2017, 12, 25), (2017, 12, 26),
    // 2018
    (2018, 1, 1), (2018, 3, 30), (2018, 4, 2), (2018, 5, 7), (2018, 5, 28), (2018, 8, 27), (2018, 12, 25), (2018, 12, 26),
    // 2019
    (2019, 1, 1), (2019, 4, 19), (2019, 4, 22), (2019, 5, 6), (2019, 5, 27), (2019, 8, 26), (2019, 12, 25), (2019, 12, 26),
    // 2020
    (2020, 1, 1), (2020, 4, 10), (2020, 4, 13), (2020, 5, 8), (2020, 5, 25), (2020, 8, 31), (2020, 12, 25), (2020, 12, 28),
    // 2021
    (2021, 1, 1), (2021, 4, 2), (2021, 4, 5), (2021, 5, 3), (2021, 5, 31), (2021, 8, 30), (2021, 12, 27), (2021, 12, 28),
    // 2022
    (2022, 1, 3), (2022, 4, 15), (2022, 4, 18), (2022, 5, 2), (2022, 6, 2), (2022, 6, 3), (2022, 8, 29), (2022, 9, 19), (2022, 12, 26), (2022, 12, 27),
    // 2023
    (2023, 1, 2), (2023, 4, 7), (2023, 4, 10), (2023, 5, 1), (2023, 5, 8), (2023, 5, 29), (2023, 8, 28), (2023, 12, 25), (2023, 12, 26),
    // 2024
    (2024, 1, 1), (2024, 3, 29), (2024, 4, 1), (2024, 5, 6), (2024, 5, 27), (2024, 8, 26), (2024, 12, 25), (2024, 12, 26),
    // 2025
    (2025, 1, 1), (2025, 4, 18), (2025, 4, 21), (2025, 5, 5), (2025, 5, 26), (2025, 8, 25), (2025, 12, 25), (2025, 12, 26),
    // 2026
    (2026, 1, 1), (2026, 4, 3), (2026, 4, 6), (2026, 5, 4), (2026, 5, 25), (2026, 8, 31), (2026, 12, 25), (2026, 12, 28),
    // 2027
    (2027, 1, 1), (2027, 3, 26), (2027, 3, 29), (2027, 5, 3), (2027, 5, 31), (2027, 8, 30), (2027, 12, 27), (2027, 12, 28),
];

static SUPPORTED: LazyLock<HashSet<NaiveDate>> = LazyLock::new(|| {
    (KNOWN_FROM..=SUPPORTED_TO)
        .flat_map(bank_holidays_in)
        .collect()
});

pub fn is_bank_holiday(date: NaiveDate) -> bool {
    if (KNOWN_FROM..=SUPPORTED_TO).contains(&date.year()) {
        SUPPORTED.contains(&date)
    } else {
        by_rule(date.year()).contains(&date)
    }
}

/// The bank holidays of one year, in date order.
pub fn bank_holidays_in(year: i32) -> Vec<NaiveDate> {
    if (KNOWN_FROM..=KNOWN_TO).contains(&year) {
        PUBLISHED
            .iter()
            .filter(|(y, _, _)| *y == year)
            .map(|&(y, m, d)| NaiveDate::from_ymd_opt(y, m, d).expect("published dates are real"))
            .collect()
    } else {
        by_rule(year)
    }
}

fn date(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day).expect("a real date")
}

/// The standing rules (Banking and Financial Dealings Act 1971 and royal proclamations since):
/// New Year's Day, Good Friday, Easter Monday, the first and last Mondays of May, the last
/// Monday of August, Christmas Day and Boxing Day, with a weekday in lieu of any that fall at
/// a weekend.
pub fn by_rule(year: i32) -> Vec<NaiveDate> {
    let mut days = Vec::with_capacity(8);
    days.push(next_weekday(date(year, 1, 1)));
    let easter = easter_sunday(year);
    days.push(easter - Duration::days(2));
    days.push(easter + Duration::days(1));
    days.push(first_monday(year, 5));
    days.push(last_monday(year, 5));
    days.push(last_monday(year, 8));
    let (christmas, boxing) = match date(year, 12, 25).weekday() {
        // Boxing Day falls on Saturday: it moves to Monday 28th.
        Weekday::Fri => (date(year, 12, 25), date(year, 12, 28)),
        Weekday::Sat => (date(year, 12, 27), date(year, 12, 28)),
        // Christmas on Sunday: Boxing Day stays on Monday, Christmas moves to Tuesday.
        Weekday::Sun => (date(year, 12, 27), date(year, 12, 26)),
        _ => (date(year, 12, 25), date(year, 12, 26)),
    };
    days.push(christmas);
    days.push(boxing);
    days.sort();
    days
}

fn next_weekday(mut day: NaiveDate) -> NaiveDate {
    while matches!(day.weekday(), Weekday::Sat | Weekday::Sun) {
        day += Duration::days(1);
    }
    day
}

fn first_monday(year: i32, month: u32) -> NaiveDate {
    let first = date(year, month, 1);
    first + Duration::days(i64::from((7 - first.weekday().num_days_from_monday()) % 7))
}

fn last_monday(year: i32, month: u32) -> NaiveDate {
    let next_month = if month == 12 {
        date(year + 1, 1, 1)
    } else {
        date(year, month + 1, 1)
    };
    let last = next_month - Duration::days(1);
    last - Duration::days(i64::from(last.weekday().num_days_from_monday()))
}

/// Easter Sunday in the Gregorian calendar (the anonymous Gregorian algorithm).
pub fn easter_sunday(year: i32) -> NaiveDate {
    let a = year % 19;
    let b = year / 100;
    let c = year % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    date(year, month as u32, day as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn days(list: &[&str]) -> Vec<NaiveDate> {
        list.iter().map(|s| ymd(s)).collect()
    }

    #[test]
    fn the_published_2022_list_has_the_jubilee_and_the_state_funeral() {
        assert_eq!(
            bank_holidays_in(2022),
            days(&[
                "2022-01-03",
                "2022-04-15",
                "2022-04-18",
                "2022-05-02",
                "2022-06-02",
                "2022-06-03",
                "2022-08-29",
                "2022-09-19",
                "2022-12-26",
                "2022-12-27"
            ])
        );
    }

    #[test]
    fn the_published_2023_list_has_the_coronation() {
        assert!(is_bank_holiday(ymd("2023-05-08")));
        assert_eq!(bank_holidays_in(2023).len(), 9);
    }

    #[test]
    fn ve_day_2020_moved_the_early_may_holiday() {
        assert!(is_bank_holiday(ymd("2020-05-08")));
        assert!(!is_bank_holiday(ymd("2020-05-04")));
    }

    #[test]
    fn the_rules_reproduce_every_published_year_without_a_one_off() {
        let one_off_years = [2002, 2011, 2012, 2020, 2022, 2023];
        for year in KNOWN_FROM..=KNOWN_TO {
            if !one_off_years.contains(&year) {
                assert_eq!(by_rule(year), bank_holidays_in(year), "{year}");
            }
        }
    }

    #[test]
    fn christmas_at_a_weekend_gives_days_in_lieu() {
        // 2027: Christmas on Saturday → Monday 27 and Tuesday 28.
        assert_eq!(&by_rule(2027)[6..], &days(&["2027-12-27", "2027-12-28"]));
        // 2033: Christmas on Sunday → Boxing Day Monday 26, Christmas in lieu Tuesday 27.
        assert_eq!(&by_rule(2033)[6..], &days(&["2033-12-26", "2033-12-27"]));
        // 2037: Christmas on Friday → Boxing Day in lieu Monday 28.
        assert_eq!(&by_rule(2037)[6..], &days(&["2037-12-25", "2037-12-28"]));
    }

    #[test]
    fn easter_is_right_for_known_years() {
        for (year, easter) in [
            (2000, "2000-04-23"),
            (2019, "2019-04-21"),
            (2024, "2024-03-31"),
            (2038, "2038-04-25"),
            (2040, "2040-04-01"),
        ] {
            assert_eq!(easter_sunday(year), ymd(easter), "{year}");
        }
    }

    #[test]
    fn every_year_to_2040_has_eight_to_ten_bank_holidays_all_on_weekdays() {
        for year in KNOWN_FROM..=SUPPORTED_TO {
            let holidays = bank_holidays_in(year);
            assert!(
                (8..=10).contains(&holidays.len()),
                "{year}: {}",
                holidays.len()
            );
            for day in holidays {
                assert!(
                    !matches!(day.weekday(), Weekday::Sat | Weekday::Sun),
                    "{day}"
                );
            }
        }
    }
}

//! The facts we keep about a person, parsed at the edge so the rest of the system can trust them.
use chrono::{Months, NaiveDate};

/// Onward serves children in care and care leavers up to their 26th birthday (PA support
/// runs to 25, Children and Social Work Act 2017 s3).
pub const OLDEST_AGE_SERVED: u32 = 25;

const NAME_MAX: usize = 100;
const PRONOUNS_MAX: usize = 40;
const EMAIL_MAX: usize = 254;

/// A given, family or preferred name as the person writes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonName(String);

impl PersonName {
    /// `what` names the field for the message, for example "first name".
    pub fn parse(raw: &str, what: &str) -> Result<Self, String> {
        let name = raw.trim();
        if name.is_empty() {
            return Err(format!("Enter the {what}"));
        }
        if name.chars().count() > NAME_MAX {
            return Err(format!("The {what} must be {NAME_MAX} characters or fewer"));
        }
        if name.chars().any(char::is_control) {
            return Err(format!("The {what} must not contain line breaks or tabs"));
        }
        if !name.chars().any(char::is_alphabetic) {
            return Err(format!("The {what} must contain at least one letter"));
        }
        Ok(Self(name.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_string(self) -> String {
        self.0
    }
}

/// A young person's name as staff lists and headings show it: given name, then family name.
pub fn full_name(given_name: &str, family_name: &str) -> String {
    format!("{given_name} {family_name}")
}

/// Pronouns as the young person gives them ("she/her", "they/them", or their own words).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pronouns(String);

impl Pronouns {
    pub fn parse(raw: &str) -> Result<Self, String> {
        let pronouns = raw.trim();
        if pronouns.is_empty() {
            return Err("Enter pronouns, or leave this out".into());
        }
        if pronouns.chars().count() > PRONOUNS_MAX {
            return Err(format!(
                "Pronouns must be {PRONOUNS_MAX} characters or fewer"
            ));
        }
        if pronouns.chars().any(char::is_control) {
            return Err("Pronouns must not contain line breaks or tabs".into());
        }
        Ok(Self(pronouns.to_owned()))
    }

    pub fn into_string(self) -> String {
        self.0
    }
}

/// A date of birth that is not in the future and belongs to someone Onward can serve.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateOfBirth(NaiveDate);

impl DateOfBirth {
    pub fn parse(date: NaiveDate, today: NaiveDate) -> Result<Self, String> {
        if date > today {
            return Err("Date of birth must be today or in the past".into());
        }
        let earliest = today
            .checked_sub_months(Months::new((OLDEST_AGE_SERVED + 1) * 12))
            .and_then(|d| d.succ_opt())
            .expect("date arithmetic within range");
        if date < earliest {
            return Err(format!(
                "Date of birth must be on or after {}: Onward is for young people aged {OLDEST_AGE_SERVED} or under",
                earliest.format("%-d %B %Y")
            ));
        }
        Ok(Self(date))
    }

    pub fn date(self) -> NaiveDate {
        self.0
    }
}

/// An email address, kept lower-case so that look-ups match however it was typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Email(String);

impl Email {
    pub fn parse(raw: &str) -> Result<Self, String> {
        let email = raw.trim().to_lowercase();
        let invalid =
            || "Enter an email address in the correct format, like name@example.org".to_string();
        if email.is_empty() {
            return Err("Enter an email address".into());
        }
        if email.len() > EMAIL_MAX {
            return Err(format!(
                "Email address must be {EMAIL_MAX} characters or fewer"
            ));
        }
        let (local, domain) = email.split_once('@').ok_or_else(invalid)?;
        let plausible = !local.is_empty()
            && domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !domain.contains("..")
            && !email.chars().any(|c| c.is_whitespace() || c.is_control())
            && !domain.contains('@');
        if !plausible {
            return Err(invalid());
        }
        Ok(Self(email))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A UK phone number as people write it: 10 to 13 digits with spaces, brackets, hyphens or a
/// leading +.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhoneNumber(String);

impl PhoneNumber {
    pub fn parse(raw: &str) -> Result<Self, String> {
        let text = raw.trim();
        let allowed = text
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, ' ' | '+' | '(' | ')' | '-'));
        let digits = text.chars().filter(char::is_ascii_digit).count();
        if allowed && (10..=13).contains(&digits) {
            Ok(Self(text.to_owned()))
        } else {
            Err("Enter a phone number, like 0151 606 2000".to_owned())
        }
    }

    pub fn into_string(self) -> String {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn date(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn a_name_is_trimmed_and_kept_as_written() {
        assert_eq!(
            PersonName::parse("  Siobhán ", "first name")
                .unwrap()
                .as_str(),
            "Siobhán"
        );
        assert_eq!(
            PersonName::parse("O'Neill-Smith", "last name")
                .unwrap()
                .as_str(),
            "O'Neill-Smith"
        );
    }

    #[test]
    fn a_blank_name_asks_for_the_name_by_its_field() {
        assert_eq!(
            PersonName::parse("   ", "first name"),
            Err("Enter the first name".into())
        );
    }

    #[test]
    fn a_name_over_100_characters_or_without_letters_is_refused() {
        assert!(PersonName::parse(&"a".repeat(101), "first name").is_err());
        assert!(PersonName::parse(&"a".repeat(100), "first name").is_ok());
        assert!(PersonName::parse("1234", "first name").is_err());
        assert!(PersonName::parse("Jo\nDoe", "first name").is_err());
    }

    #[test]
    fn a_date_of_birth_in_the_future_is_refused() {
        let today = date("2026-11-22");
        assert!(DateOfBirth::parse(date("2026-11-23"), today).is_err());
        assert!(DateOfBirth::parse(date("2026-11-22"), today).is_ok());
    }

    #[test]
    fn a_date_of_birth_is_plausible_up_to_the_26th_birthday() {
        let today = date("2026-11-22");
        // Turned 26 today: no longer someone Onward serves.
        assert!(DateOfBirth::parse(date("2000-11-22"), today).is_err());
        // Still 25 until tomorrow.
        assert!(DateOfBirth::parse(date("2000-11-23"), today).is_ok());
    }

    #[test]
    fn emails_are_lower_cased_and_checked_for_shape() {
        assert_eq!(
            Email::parse(" Jess@Example.ORG ").unwrap().as_str(),
            "jess@example.org"
        );
        for bad in [
            "",
            "jess",
            "jess@",
            "@example.org",
            "jess@example",
            "je ss@example.org",
            "a@b@c.org",
        ] {
            assert!(Email::parse(bad).is_err(), "{bad} should be refused");
        }
    }

    proptest! {
        #[test]
        fn any_accepted_date_of_birth_gives_an_age_from_0_to_25(days_ago in -400i64..12_000) {
            let today = date("2026-11-22");
            let dob = today - chrono::Duration::days(days_ago);
            if let Ok(parsed) = DateOfBirth::parse(dob, today) {
                let age = crate::domain::calendar::age_on(parsed.date(), today);
                prop_assert!((0..=25).contains(&age));
            }
        }

        #[test]
        fn parsing_a_name_twice_gives_the_same_name(raw in "\\PC{0,120}") {
            if let Ok(name) = PersonName::parse(&raw, "first name") {
                prop_assert_eq!(PersonName::parse(name.as_str(), "first name"), Ok(name.clone()));
            }
        }
    }
}

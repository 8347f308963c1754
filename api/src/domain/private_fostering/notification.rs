//! What someone tells the council about a private fostering arrangement (Schedule 1 of the
//! 2005 Regulations). A member of the public may not know much: everything is optional except
//! what the council needs to act at once — who the child is, where they are living, and a way
//! to reach the person telling us or the carer.
use chrono::NaiveDate;

use crate::domain::{
    people::{Email, PersonName, PhoneNumber},
    validation::FieldErrors,
};

/// Who is telling us.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Notifier {
    /// The person the child is living with.
    Carer,
    /// A parent, or someone with parental responsibility.
    Parent,
    /// Anyone else: a neighbour, a teacher, a doctor.
    Other,
}

impl Notifier {
    pub const ALL: [Notifier; 3] = [Notifier::Carer, Notifier::Parent, Notifier::Other];

    pub fn code(self) -> &'static str {
        match self {
            Notifier::Carer => "carer",
            Notifier::Parent => "parent",
            Notifier::Other => "other",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|n| n.code() == code)
    }
}

/// Free text answers may be long, but not unboundedly so.
pub const MAX_ANSWER: usize = 2000;
pub const MAX_ADDRESS: usize = 500;

/// A notification as it was sent, before it is checked. `None` means "I don't know" or not
/// answered.
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub struct Notification {
    pub notifier_name: String,
    pub notifier_email: Option<String>,
    pub notifier_phone: Option<String>,
    pub child_name: String,
    pub child_date_of_birth: Option<NaiveDate>,
    pub child_sex: Option<String>,
    pub child_place_of_birth: Option<String>,
    pub child_religion: Option<String>,
    pub child_racial_origin: Option<String>,
    pub child_cultural_and_linguistic_background: Option<String>,
    pub child_disabled: Option<bool>,
    pub carer_name: String,
    /// Where the child is living now.
    pub carer_address: String,
    pub carer_phone: Option<String>,
    /// The carer's addresses over the last five years.
    pub carer_previous_addresses: Option<String>,
    /// Everyone else who lives in the carer's home.
    pub household: Option<String>,
    /// Parents and anyone with parental responsibility, with where they live.
    pub parents: Option<String>,
    /// The child's brothers and sisters under 18, and where they live.
    pub siblings: Option<String>,
    pub arranged_by: Option<String>,
    pub purpose: Option<String>,
    /// When it started, or will start if it is planned.
    pub started_on: Option<NaiveDate>,
    pub expected_length: Option<String>,
}

/// Trim every answer, and treat an answer of only spaces as not given.
fn given(answer: &Option<String>) -> Option<&str> {
    answer.as_deref().map(str::trim).filter(|a| !a.is_empty())
}

fn check_text(errors: &mut FieldErrors, field: &str, text: Option<&str>, most: usize) {
    if text.is_some_and(|t| t.chars().count() > most) {
        errors.add(field, format!("This must be {most} characters or fewer"));
    }
}

/// The parts of a notification, as a form asks for them one page at a time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// The person telling us.
    Notifier,
    Child,
    /// The carer and their household.
    Carer,
    /// Parents, people with parental responsibility, and brothers and sisters.
    Family,
    /// Who arranged it, why, since when and for how long.
    Arrangement,
}

impl Part {
    pub const ALL: [Part; 5] = [
        Part::Notifier,
        Part::Child,
        Part::Carer,
        Part::Family,
        Part::Arrangement,
    ];
}

/// Is what was given for one part possible, and is that part's least there? Says nothing
/// about whether anyone can be reached: that needs every part (see [`is_reachable`]).
pub fn check_part(sent: &Notification, part: Part, today: NaiveDate) -> FieldErrors {
    let mut errors = FieldErrors::new();
    match part {
        Part::Notifier => {
            errors.check(
                "notifier_name",
                PersonName::parse(&sent.notifier_name, "your name"),
            );
            if let Some(email) = given(&sent.notifier_email) {
                errors.check("notifier_email", Email::parse(email));
            }
            if let Some(phone) = given(&sent.notifier_phone) {
                errors.check("notifier_phone", PhoneNumber::parse(phone));
            }
        }
        Part::Child => {
            errors.check(
                "child_name",
                PersonName::parse(&sent.child_name, "child's name"),
            );
            if let Some(born) = sent.child_date_of_birth {
                if born > today {
                    errors.add(
                        "child_date_of_birth",
                        "The child's date of birth must be in the past",
                    );
                } else if crate::domain::calendar::age_on(born, today) >= 18 {
                    errors.add(
                        "child_date_of_birth",
                        "Private fostering is about children under 18: check the date of birth",
                    );
                }
            }
            for (field, text, most) in [
                ("child_sex", &sent.child_sex, 100),
                ("child_place_of_birth", &sent.child_place_of_birth, 200),
                ("child_religion", &sent.child_religion, 200),
                ("child_racial_origin", &sent.child_racial_origin, 200),
                (
                    "child_cultural_and_linguistic_background",
                    &sent.child_cultural_and_linguistic_background,
                    MAX_ANSWER,
                ),
            ] {
                check_text(&mut errors, field, given(text), most);
            }
        }
        Part::Carer => {
            errors.check(
                "carer_name",
                PersonName::parse(
                    &sent.carer_name,
                    "name of the person looking after the child",
                ),
            );
            let address = sent.carer_address.trim();
            if address.is_empty() {
                errors.add(
                    "carer_address",
                    "Enter the address where the child is living",
                );
            }
            check_text(&mut errors, "carer_address", Some(address), MAX_ADDRESS);
            if let Some(phone) = given(&sent.carer_phone) {
                errors.check("carer_phone", PhoneNumber::parse(phone));
            }
            for (field, text) in [
                ("carer_previous_addresses", &sent.carer_previous_addresses),
                ("household", &sent.household),
            ] {
                check_text(&mut errors, field, given(text), MAX_ANSWER);
            }
        }
        Part::Family => {
            for (field, text) in [("parents", &sent.parents), ("siblings", &sent.siblings)] {
                check_text(&mut errors, field, given(text), MAX_ANSWER);
            }
        }
        Part::Arrangement => {
            for (field, text, most) in [
                ("arranged_by", &sent.arranged_by, MAX_ANSWER),
                ("purpose", &sent.purpose, MAX_ANSWER),
                ("expected_length", &sent.expected_length, 200),
            ] {
                check_text(&mut errors, field, given(text), most);
            }
        }
    }
    errors
}

/// Can the council get in touch with someone: the person telling us, by phone or email, or
/// the carer by phone?
pub fn is_reachable(sent: &Notification) -> bool {
    given(&sent.notifier_email).is_some()
        || given(&sent.notifier_phone).is_some()
        || given(&sent.carer_phone).is_some()
}

/// Is there enough to act on, and is what was given possible? Returns the notification with
/// every answer trimmed.
pub fn check(sent: &Notification, today: NaiveDate) -> Result<Notification, FieldErrors> {
    let mut errors = FieldErrors::new();
    for part in Part::ALL {
        errors.merge(check_part(sent, part, today));
    }
    if !is_reachable(sent) {
        errors.add(
            "notifier_phone",
            "Enter a phone number or email address for you, or a phone number for the carer, \
             so that we can get in touch",
        );
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let tidy = |answer: &Option<String>| given(answer).map(str::to_owned);
    Ok(Notification {
        notifier_name: sent.notifier_name.trim().to_owned(),
        notifier_email: tidy(&sent.notifier_email),
        notifier_phone: tidy(&sent.notifier_phone),
        child_name: sent.child_name.trim().to_owned(),
        child_date_of_birth: sent.child_date_of_birth,
        child_sex: tidy(&sent.child_sex),
        child_place_of_birth: tidy(&sent.child_place_of_birth),
        child_religion: tidy(&sent.child_religion),
        child_racial_origin: tidy(&sent.child_racial_origin),
        child_cultural_and_linguistic_background: tidy(
            &sent.child_cultural_and_linguistic_background,
        ),
        child_disabled: sent.child_disabled,
        carer_name: sent.carer_name.trim().to_owned(),
        carer_address: sent.carer_address.trim().to_owned(),
        carer_phone: tidy(&sent.carer_phone),
        carer_previous_addresses: tidy(&sent.carer_previous_addresses),
        household: tidy(&sent.household),
        parents: tidy(&sent.parents),
        siblings: tidy(&sent.siblings),
        arranged_by: tidy(&sent.arranged_by),
        purpose: tidy(&sent.purpose),
        started_on: sent.started_on,
        expected_length: tidy(&sent.expected_length),
    })
}

/// How a second notification about the same child and carer finds the first: both names with
/// case, spacing and punctuation folded away, so "Amy  O'Neill" and "amy oneill" match.
pub fn match_key(child_name: &str, carer_name: &str) -> String {
    let fold = |name: &str| -> String {
        name.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect()
    };
    format!("{}|{}", fold(child_name), fold(carer_name))
}

/// Two notifications within this many days of each other about the same child and carer are
/// one arrangement.
pub const SAME_ARRANGEMENT_WITHIN_DAYS: i64 = 30;

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn least() -> Notification {
        Notification {
            notifier_name: "  Pat Neighbour ".into(),
            notifier_phone: Some("0151 496 0123".into()),
            child_name: "Amy".into(),
            carer_name: "Mrs Jones".into(),
            carer_address: "12 Example Road, Birkenhead".into(),
            ..Notification::default()
        }
    }

    #[test]
    fn a_child_a_carer_an_address_and_a_way_to_reach_someone_is_enough() {
        let checked = check(&least(), day(2026, 12, 3)).unwrap();
        assert_eq!(checked.notifier_name, "Pat Neighbour");
        assert_eq!(checked.child_sex, None, "not known is kept as not known");
    }

    #[test]
    fn without_an_address_or_any_way_to_reach_anyone_it_cannot_be_acted_on() {
        let mut sent = least();
        sent.carer_address = "   ".into();
        sent.notifier_phone = Some(" ".into());
        let errors = check(&sent, day(2026, 12, 3)).unwrap_err().into_map();
        assert_eq!(
            errors.keys().collect::<Vec<_>>(),
            ["carer_address", "notifier_phone"]
        );
    }

    #[test]
    fn the_carers_phone_alone_is_a_way_to_reach_someone() {
        let mut sent = least();
        sent.notifier_phone = None;
        sent.carer_phone = Some("07700 900123".into());
        assert!(check(&sent, day(2026, 12, 3)).is_ok());
    }

    #[test]
    fn what_was_given_must_be_possible() {
        let mut sent = least();
        sent.notifier_email = Some("not an email".into());
        sent.carer_phone = Some("12".into());
        sent.child_date_of_birth = Some(day(2027, 1, 1));
        sent.purpose = Some("x".repeat(MAX_ANSWER + 1));
        let errors = check(&sent, day(2026, 12, 3)).unwrap_err().into_map();
        for field in [
            "notifier_email",
            "carer_phone",
            "child_date_of_birth",
            "purpose",
        ] {
            assert!(errors.contains_key(field), "{field}: {errors:?}");
        }
        sent = least();
        sent.child_date_of_birth = Some(day(2008, 12, 3));
        let adult = check(&sent, day(2026, 12, 3)).unwrap_err().into_map();
        assert!(adult.contains_key("child_date_of_birth"), "18 today");
    }

    #[test]
    fn each_part_is_checked_on_its_own_so_a_form_can_ask_one_page_at_a_time() {
        let today = day(2026, 12, 3);
        let nothing_yet = Notification::default();
        let fields = |part| {
            check_part(&nothing_yet, part, today)
                .into_map()
                .into_keys()
                .collect::<Vec<_>>()
        };
        assert_eq!(fields(Part::Notifier), ["notifier_name"]);
        assert_eq!(fields(Part::Child), ["child_name"]);
        assert_eq!(fields(Part::Carer), ["carer_address", "carer_name"]);
        assert!(fields(Part::Family).is_empty(), "all of it may be unknown");
        assert!(fields(Part::Arrangement).is_empty());
        assert!(!is_reachable(&nothing_yet));
        let mut sent = least();
        sent.notifier_email = Some("pat@".into());
        let notifier = check_part(&sent, Part::Notifier, today).into_map();
        assert!(notifier.contains_key("notifier_email"));
        assert!(check_part(&sent, Part::Carer, today).is_empty());
    }

    #[test]
    fn the_same_names_written_differently_match() {
        assert_eq!(
            match_key("Amy  O'Neill", "Mrs. Jones"),
            match_key("amy oneill", "MRS JONES")
        );
        assert_ne!(
            match_key("Amy O'Neill", "Mrs Jones"),
            match_key("Amy O'Neill", "Mr Jones")
        );
    }

    #[test]
    fn every_notifier_has_a_code_that_reads_back() {
        for notifier in Notifier::ALL {
            assert_eq!(Notifier::from_code(notifier.code()), Some(notifier));
        }
    }
}

//! A care leaver's entitlements: for each item of the local offer, whether they can have it
//! now, from a date, once something in their life changes, or not at all; and what has
//! happened since they asked. Pure: no I/O.
use chrono::NaiveDate;

use super::{
    calendar::age_on,
    care_leaver::{Category, reaches_age},
    local_offer::{Condition, Eligibility, Period},
};

/// What the council knows about a young person that an item of the offer can depend on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Circumstances {
    pub born: NaiveDate,
    /// Their care-leaver status on the day in question.
    pub category: Category,
    /// What their PA has recorded about their life now.
    pub conditions: Vec<Condition>,
}

/// Whether the rules let a young person have an item, before anyone has asked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Availability {
    Eligible,
    /// Not yet: from a date (a birthday, usually), once the conditions are true, or both.
    NotYet {
        from: Option<NaiveDate>,
        waiting_for: Vec<Condition>,
    },
    /// Not for them, and why, in words for the young person.
    NotApplicable {
        why: String,
    },
}

/// Can someone with these circumstances have an item on `as_of`?
pub fn availability(
    eligibility: &Eligibility,
    person: &Circumstances,
    as_of: NaiveDate,
) -> Availability {
    let not_for = |why: String| Availability::NotApplicable { why };
    if person.category == Category::None {
        return not_for("This is for care leavers.".into());
    }
    let ends_on = eligibility
        .until_age
        .map(|age| reaches_age(person.born, u32::from(age)));
    if ends_on.is_some_and(|end| as_of >= end) {
        let age = eligibility.until_age.unwrap_or_default();
        return not_for(format!("This is for care leavers under {age}."));
    }
    let mut from: Option<NaiveDate> = None;
    if !eligibility.categories.is_empty() && !eligibility.categories.contains(&person.category) {
        // An eligible or relevant child becomes a former relevant care leaver at 18.
        let becomes_former_relevant =
            matches!(person.category, Category::Eligible | Category::Relevant)
                && eligibility.categories.contains(&Category::FormerRelevant);
        if !becomes_former_relevant {
            return not_for(format!("This is for {}.", eligibility.who()));
        }
        from = Some(reaches_age(person.born, 18));
    }
    if let Some(min) = eligibility.min_age {
        let birthday = reaches_age(person.born, u32::from(min));
        if as_of < birthday {
            from = Some(from.map_or(birthday, |f| f.max(birthday)));
        }
    }
    if let (Some(from), Some(end)) = (from, ends_on)
        && from >= end
    {
        return not_for(format!("This is for {}.", eligibility.who()));
    }
    let waiting_for: Vec<Condition> = eligibility
        .conditions
        .iter()
        .filter(|c| !person.conditions.contains(c))
        .copied()
        .collect();
    match (from, waiting_for.is_empty()) {
        (None, true) => Availability::Eligible,
        (from, _) => Availability::NotYet { from, waiting_for },
    }
}

/// What has been recorded about an item for a young person, latest last.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// The young person asked for it.
    Requested,
    /// Their PA (or another worker) said yes.
    Approved,
    /// They have had it.
    Received,
    /// The answer was no, with a reason they can read.
    Declined,
}

impl Step {
    pub const ALL: [Step; 4] = [
        Step::Requested,
        Step::Approved,
        Step::Received,
        Step::Declined,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Step::Requested => "requested",
            Step::Approved => "approved",
            Step::Received => "received",
            Step::Declined => "declined",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }
}

/// Where a young person stands with one item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    NotYet,
    Eligible,
    Requested,
    Approved,
    Received,
    Declined,
    NotApplicable,
}

impl Status {
    pub fn code(self) -> &'static str {
        match self {
            Status::NotYet => "not_yet",
            Status::Eligible => "eligible",
            Status::Requested => "requested",
            Status::Approved => "approved",
            Status::Received => "received",
            Status::Declined => "declined",
            Status::NotApplicable => "not_applicable",
        }
    }

    /// Asked for and not answered, or approved and not yet given: a worker has something to do.
    pub fn is_waiting(self) -> bool {
        matches!(self, Status::Requested | Status::Approved)
    }

    /// As a young person would read it, on a tag.
    pub fn words(self) -> &'static str {
        match self {
            Status::NotYet => "Not yet",
            Status::Eligible => "You can ask for this",
            Status::Requested => "Asked for",
            Status::Approved => "Approved",
            Status::Received => "Received",
            Status::Declined => "Not approved",
            Status::NotApplicable => "Not for you",
        }
    }
}

/// The status of an item: what has happened once someone asked, else what the rules say.
pub fn status(availability: &Availability, latest: Option<Step>) -> Status {
    match latest {
        Some(Step::Requested) => Status::Requested,
        Some(Step::Approved) => Status::Approved,
        Some(Step::Received) => Status::Received,
        Some(Step::Declined) => Status::Declined,
        None => match availability {
            Availability::Eligible => Status::Eligible,
            Availability::NotYet { .. } => Status::NotYet,
            Availability::NotApplicable { .. } => Status::NotApplicable,
        },
    }
}

/// May the young person ask for the item now? When they can have it (or only something in
/// their life, which their PA may not know about yet, stands in the way), and nothing is
/// already asked for or approved. Something paid regularly can be asked for again once
/// received; an answer of no can be asked about again.
pub fn can_ask(availability: &Availability, latest: Option<Step>, period: Option<Period>) -> bool {
    let rules_allow = match availability {
        Availability::Eligible => true,
        Availability::NotYet { from, .. } => from.is_none(),
        Availability::NotApplicable { .. } => false,
    };
    let open = match latest {
        None | Some(Step::Declined) => true,
        Some(Step::Received) => period.is_some_and(|p| p != Period::OneOff),
        Some(Step::Requested | Step::Approved) => false,
    };
    rules_allow && open
}

/// Can a worker record `next` after `latest`? Received can be recorded at any time (a PA
/// records what a young person has had, asked for or not); approving needs a request; a
/// refusal answers a request or takes back an approval.
pub fn can_record(latest: Option<Step>, next: Step) -> Result<(), &'static str> {
    match (next, latest) {
        (Step::Requested, _) => Err("Only the young person can ask for something"),
        (Step::Approved, Some(Step::Requested)) => Ok(()),
        (Step::Approved, _) => Err("There is no request waiting to be approved"),
        (Step::Declined, Some(Step::Requested | Step::Approved)) => Ok(()),
        (Step::Declined, _) => Err("There is no request or approval to turn down"),
        (Step::Received, _) => Ok(()),
    }
}

/// "your 18th birthday", when `date` is one.
pub fn which_birthday(born: NaiveDate, date: NaiveDate) -> Option<String> {
    let age = u32::try_from(age_on(born, date)).ok()?;
    (age > 0 && reaches_age(born, age) == date).then(|| format!("your {} birthday", ordinal(age)))
}

fn ordinal(n: u32) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

/// The documents a care leaver needs to rent, work, open an account and drive: a checklist
/// their PA and they both tick.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyDocument {
    BirthCertificate,
    Passport,
    NationalInsuranceNumber,
    BankAccount,
    ProvisionalDrivingLicence,
}

impl KeyDocument {
    pub const ALL: [KeyDocument; 5] = [
        KeyDocument::BirthCertificate,
        KeyDocument::Passport,
        KeyDocument::NationalInsuranceNumber,
        KeyDocument::BankAccount,
        KeyDocument::ProvisionalDrivingLicence,
    ];

    pub fn code(self) -> &'static str {
        match self {
            KeyDocument::BirthCertificate => "birth_certificate",
            KeyDocument::Passport => "passport",
            KeyDocument::NationalInsuranceNumber => "national_insurance_number",
            KeyDocument::BankAccount => "bank_account",
            KeyDocument::ProvisionalDrivingLicence => "provisional_driving_licence",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|d| d.code() == code)
    }

    pub fn title(self) -> &'static str {
        match self {
            KeyDocument::BirthCertificate => "Birth certificate",
            KeyDocument::Passport => "Passport",
            KeyDocument::NationalInsuranceNumber => "National Insurance number",
            KeyDocument::BankAccount => "Bank account",
            KeyDocument::ProvisionalDrivingLicence => "Provisional driving licence",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    const BORN: &str = "2008-06-15";

    fn person(category: Category, conditions: &[Condition]) -> Circumstances {
        Circumstances {
            born: d(BORN),
            category,
            conditions: conditions.to_vec(),
        }
    }

    fn ages(min: Option<u8>, until: Option<u8>) -> Eligibility {
        Eligibility {
            min_age: min,
            until_age: until,
            ..Eligibility::default()
        }
    }

    #[test]
    fn not_yet_until_the_birthday_and_eligible_on_it() {
        let council_tax = ages(Some(18), Some(25));
        let sam = person(Category::Eligible, &[]);
        assert_eq!(
            availability(&council_tax, &sam, d("2026-06-14")),
            Availability::NotYet {
                from: Some(d("2026-06-15")),
                waiting_for: vec![]
            },
            "the day before the 18th birthday"
        );
        let jess = person(Category::FormerRelevant, &[]);
        assert_eq!(
            availability(&council_tax, &jess, d("2026-06-15")),
            Availability::Eligible,
            "the day of the 18th birthday"
        );
    }

    #[test]
    fn ends_on_the_birthday_it_runs_until() {
        let pa = ages(Some(16), Some(25));
        let jess = person(Category::FormerRelevant, &[]);
        assert_eq!(
            availability(&pa, &jess, d("2033-06-14")),
            Availability::Eligible,
            "the day before the 25th birthday"
        );
        assert!(matches!(
            availability(&pa, &jess, d("2033-06-15")),
            Availability::NotApplicable { .. }
        ));
    }

    #[test]
    fn an_eligible_child_waits_for_18_for_what_former_relevant_care_leavers_get() {
        let staying_put = Eligibility {
            categories: vec![Category::FormerRelevant],
            ..ages(None, Some(21))
        };
        let sam = person(Category::Eligible, &[]);
        assert_eq!(
            availability(&staying_put, &sam, d("2024-08-01")),
            Availability::NotYet {
                from: Some(d("2026-06-15")),
                waiting_for: vec![]
            }
        );
        // A qualifying care leaver never becomes former relevant.
        let qualifying = person(Category::Qualifying, &[]);
        assert_eq!(
            availability(&staying_put, &qualifying, d("2026-08-01")),
            Availability::NotApplicable {
                why: "This is for former relevant care leavers under 21.".into()
            }
        );
    }

    #[test]
    fn a_condition_not_recorded_is_waited_for() {
        let bursary = Eligibility {
            conditions: vec![Condition::InHigherEducation],
            ..ages(None, Some(25))
        };
        let jess = person(Category::FormerRelevant, &[]);
        assert_eq!(
            availability(&bursary, &jess, d("2027-01-01")),
            Availability::NotYet {
                from: None,
                waiting_for: vec![Condition::InHigherEducation]
            }
        );
        let student = person(Category::FormerRelevant, &[Condition::InHigherEducation]);
        assert_eq!(
            availability(&bursary, &student, d("2027-01-01")),
            Availability::Eligible
        );
    }

    #[test]
    fn nothing_is_for_someone_who_is_not_a_care_leaver() {
        let everyone = Eligibility::default();
        assert!(matches!(
            availability(&everyone, &person(Category::None, &[]), d("2027-01-01")),
            Availability::NotApplicable { .. }
        ));
    }

    #[test]
    fn too_late_to_reach_it_before_it_ends_is_not_applicable() {
        // Staying Put to 21 needs 18 and former relevant status: someone 16 and eligible
        // can wait; an item ending at 18 that former relevant care leavers have cannot.
        let odd = Eligibility {
            categories: vec![Category::FormerRelevant],
            ..ages(None, Some(18))
        };
        assert!(matches!(
            availability(&odd, &person(Category::Eligible, &[]), d("2025-01-01")),
            Availability::NotApplicable { .. }
        ));
    }

    #[test]
    fn what_has_happened_takes_the_place_of_what_the_rules_say() {
        let eligible = Availability::Eligible;
        assert_eq!(status(&eligible, None), Status::Eligible);
        assert_eq!(status(&eligible, Some(Step::Requested)), Status::Requested);
        assert_eq!(status(&eligible, Some(Step::Declined)), Status::Declined);
        let later = Availability::NotYet {
            from: Some(d("2026-06-15")),
            waiting_for: vec![],
        };
        assert_eq!(status(&later, None), Status::NotYet);
        // Recorded as received before the birthday (a PA's judgement): the record stands.
        assert_eq!(status(&later, Some(Step::Received)), Status::Received);
    }

    #[test]
    fn asking_is_open_once_and_again_after_a_no_or_for_regular_payments() {
        let eligible = Availability::Eligible;
        let once = Some(Period::OneOff);
        assert!(can_ask(&eligible, None, once));
        assert!(!can_ask(&eligible, Some(Step::Requested), once));
        assert!(!can_ask(&eligible, Some(Step::Approved), once));
        assert!(!can_ask(&eligible, Some(Step::Received), once));
        assert!(can_ask(
            &eligible,
            Some(Step::Received),
            Some(Period::PerMonth)
        ));
        assert!(!can_ask(&eligible, Some(Step::Received), None));
        assert!(can_ask(&eligible, Some(Step::Declined), once));
        let needs_university = Availability::NotYet {
            from: None,
            waiting_for: vec![Condition::InHigherEducation],
        };
        assert!(
            can_ask(&needs_university, None, once),
            "they can tell their PA they have started"
        );
        let at_18 = Availability::NotYet {
            from: Some(d("2026-06-15")),
            waiting_for: vec![],
        };
        assert!(!can_ask(&at_18, None, once));
        let never = Availability::NotApplicable { why: "x".into() };
        assert!(!can_ask(&never, None, once));
    }

    #[test]
    fn workers_approve_requests_and_decline_with_a_request_open() {
        assert!(can_record(Some(Step::Requested), Step::Approved).is_ok());
        assert!(can_record(None, Step::Approved).is_err());
        assert!(can_record(Some(Step::Approved), Step::Approved).is_err());
        assert!(can_record(Some(Step::Requested), Step::Declined).is_ok());
        assert!(can_record(Some(Step::Approved), Step::Declined).is_ok());
        assert!(can_record(Some(Step::Received), Step::Declined).is_err());
        assert!(can_record(None, Step::Received).is_ok());
        assert!(can_record(Some(Step::Approved), Step::Received).is_ok());
        assert!(can_record(None, Step::Requested).is_err());
        for s in Step::ALL {
            assert_eq!(Step::from_code(s.code()), Some(s));
        }
        for k in KeyDocument::ALL {
            assert_eq!(KeyDocument::from_code(k.code()), Some(k));
        }
    }

    #[test]
    fn birthdays_are_named() {
        let born = d(BORN);
        assert_eq!(
            which_birthday(born, d("2026-06-15")).as_deref(),
            Some("your 18th birthday")
        );
        assert_eq!(
            which_birthday(born, d("2029-06-15")).as_deref(),
            Some("your 21st birthday")
        );
        assert_eq!(which_birthday(born, d("2026-06-16")), None);
        assert_eq!(ordinal(22), "22nd");
        assert_eq!(ordinal(13), "13th");
    }
}

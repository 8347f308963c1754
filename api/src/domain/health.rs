//! A young person's health history: what can be recorded, how it is checked, and what the
//! young person sees. Pure rules, no I/O.
use std::fmt;

use chrono::NaiveDate;

use super::{people::PhoneNumber, validation::FieldErrors};

/// An NHS number: ten digits whose last is a check digit (modulus 11).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NhsNumber([u8; 10]);

impl NhsNumber {
    /// Accepts the number with or without spaces or hyphens, as people copy it from letters.
    pub fn parse(text: &str) -> Result<Self, String> {
        let digits: Vec<u8> = text
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '-')
            .map(|c| c.to_digit(10).map(|d| d as u8).ok_or(()))
            .collect::<Result<_, _>>()
            .map_err(|_| "An NHS number is 10 numbers, like 943 476 5919".to_owned())?;
        let digits: [u8; 10] = digits
            .try_into()
            .map_err(|_| "An NHS number is 10 numbers, like 943 476 5919".to_owned())?;
        let weighted: u32 = digits[..9]
            .iter()
            .zip((2..=10).rev())
            .map(|(digit, weight)| u32::from(*digit) * weight)
            .sum();
        let check = match 11 - weighted % 11 {
            11 => 0,
            10 => return Err(not_valid()),
            check => check as u8,
        };
        if check != digits[9] {
            return Err(not_valid());
        }
        Ok(Self(digits))
    }

    /// As stored: ten digits, no spaces.
    pub fn digits(&self) -> String {
        self.0.iter().map(|d| char::from(b'0' + d)).collect()
    }
}

fn not_valid() -> String {
    "Check the NHS number: it is not a valid one. It is on letters from the NHS and in the NHS App"
        .to_owned()
}

/// Shown the way the NHS prints it: 3, 3 and 4 digits.
impl fmt::Display for NhsNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let d = self.digits();
        write!(f, "{} {} {}", &d[..3], &d[3..6], &d[6..])
    }
}

/// Vaccines of the UK routine schedule, and `Other` for anything else (named in free text).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Vaccine {
    SixInOne,
    Rotavirus,
    MenB,
    Pneumococcal,
    HibMenC,
    Mmr,
    Mmrv,
    FourInOne,
    Flu,
    Hpv,
    TdIpv,
    MenAcwy,
    Bcg,
    HepatitisB,
    Covid19,
    Other,
}

impl Vaccine {
    pub const ALL: [Vaccine; 16] = [
        Vaccine::SixInOne,
        Vaccine::Rotavirus,
        Vaccine::MenB,
        Vaccine::Pneumococcal,
        Vaccine::HibMenC,
        Vaccine::Mmr,
        Vaccine::Mmrv,
        Vaccine::FourInOne,
        Vaccine::Flu,
        Vaccine::Hpv,
        Vaccine::TdIpv,
        Vaccine::MenAcwy,
        Vaccine::Bcg,
        Vaccine::HepatitisB,
        Vaccine::Covid19,
        Vaccine::Other,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Vaccine::SixInOne => "six_in_one",
            Vaccine::Rotavirus => "rotavirus",
            Vaccine::MenB => "men_b",
            Vaccine::Pneumococcal => "pneumococcal",
            Vaccine::HibMenC => "hib_men_c",
            Vaccine::Mmr => "mmr",
            Vaccine::Mmrv => "mmrv",
            Vaccine::FourInOne => "four_in_one",
            Vaccine::Flu => "flu",
            Vaccine::Hpv => "hpv",
            Vaccine::TdIpv => "td_ipv",
            Vaccine::MenAcwy => "men_acwy",
            Vaccine::Bcg => "bcg",
            Vaccine::HepatitisB => "hepatitis_b",
            Vaccine::Covid19 => "covid_19",
            Vaccine::Other => "other",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|v| v.code() == code)
    }

    /// Its name as the NHS uses it.
    pub fn name(self) -> &'static str {
        match self {
            Vaccine::SixInOne => "6-in-1",
            Vaccine::Rotavirus => "Rotavirus",
            Vaccine::MenB => "MenB",
            Vaccine::Pneumococcal => "Pneumococcal (PCV)",
            Vaccine::HibMenC => "Hib/MenC",
            Vaccine::Mmr => "MMR",
            Vaccine::Mmrv => "MMRV",
            Vaccine::FourInOne => "4-in-1 pre-school booster",
            Vaccine::Flu => "Flu",
            Vaccine::Hpv => "HPV",
            Vaccine::TdIpv => "3-in-1 teenage booster (Td/IPV)",
            Vaccine::MenAcwy => "MenACWY",
            Vaccine::Bcg => "BCG",
            Vaccine::HepatitisB => "Hepatitis B",
            Vaccine::Covid19 => "COVID-19",
            Vaccine::Other => "Other vaccine",
        }
    }

    /// What it protects against, in one line a 16-year-old can read.
    pub fn protects_against(self) -> &'static str {
        match self {
            Vaccine::SixInOne => "Diphtheria, hepatitis B, Hib, polio, tetanus and whooping cough",
            Vaccine::Rotavirus => "Rotavirus, a tummy bug that is serious for babies",
            Vaccine::MenB => "Meningitis B, which causes meningitis and sepsis",
            Vaccine::Pneumococcal => "Pneumococcal infections, such as pneumonia and meningitis",
            Vaccine::HibMenC => "Hib and meningitis C",
            Vaccine::Mmr => "Measles, mumps and rubella",
            Vaccine::Mmrv => "Measles, mumps, rubella and chickenpox",
            Vaccine::FourInOne => "Diphtheria, tetanus, whooping cough and polio (a booster)",
            Vaccine::Flu => "Flu, for one winter",
            Vaccine::Hpv => "HPV, which can cause some cancers and genital warts",
            Vaccine::TdIpv => "Tetanus, diphtheria and polio (a booster)",
            Vaccine::MenAcwy => "Meningitis and sepsis from 4 types of meningococcal bacteria",
            Vaccine::Bcg => "Tuberculosis (TB)",
            Vaccine::HepatitisB => "Hepatitis B, which affects the liver",
            Vaccine::Covid19 => "COVID-19",
            Vaccine::Other => "See the vaccine's name",
        }
    }
}

/// Dental, sight and hearing checks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum CheckKind {
    Dental,
    Sight,
    Hearing,
}

impl CheckKind {
    pub const ALL: [CheckKind; 3] = [CheckKind::Dental, CheckKind::Sight, CheckKind::Hearing];

    pub fn code(self) -> &'static str {
        match self {
            CheckKind::Dental => "dental",
            CheckKind::Sight => "sight",
            CheckKind::Hearing => "hearing",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.code() == code)
    }

    pub fn title(self) -> &'static str {
        match self {
            CheckKind::Dental => "Dental check",
            CheckKind::Sight => "Sight test",
            CheckKind::Hearing => "Hearing test",
        }
    }
}

/// Conditions, treatments and hospital stays a young person should know about, and allergies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum EventKind {
    Condition,
    Treatment,
    HospitalStay,
    Allergy,
}

impl EventKind {
    pub const ALL: [EventKind; 4] = [
        EventKind::Condition,
        EventKind::Treatment,
        EventKind::HospitalStay,
        EventKind::Allergy,
    ];

    pub fn code(self) -> &'static str {
        match self {
            EventKind::Condition => "condition",
            EventKind::Treatment => "treatment",
            EventKind::HospitalStay => "hospital_stay",
            EventKind::Allergy => "allergy",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.code() == code)
    }

    pub fn title(self) -> &'static str {
        match self {
            EventKind::Condition => "Condition",
            EventKind::Treatment => "Treatment",
            EventKind::HospitalStay => "Hospital stay",
            EventKind::Allergy => "Allergy",
        }
    }
}

pub const MAX_SHORT_TEXT: usize = 200;
pub const MAX_LONG_TEXT: usize = 5_000;

/// Whether the young person sees an entry. A professional may hold one back, with a reason,
/// to explain it in person first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Sharing {
    Shared,
    NotYetShared { reason: String },
}

impl Sharing {
    pub fn check(shared: bool, reason: Option<&str>) -> Result<Self, FieldErrors> {
        let reason = reason.map(str::trim).filter(|r| !r.is_empty());
        match (shared, reason) {
            (true, _) => Ok(Sharing::Shared),
            (false, Some(reason)) if reason.chars().count() <= MAX_LONG_TEXT => {
                Ok(Sharing::NotYetShared {
                    reason: reason.to_owned(),
                })
            }
            (false, Some(_)) => Err(FieldErrors::single(
                "not_shared_reason",
                format!("The reason must be {MAX_LONG_TEXT} characters or fewer"),
            )),
            (false, None) => Err(FieldErrors::single(
                "not_shared_reason",
                "Say why the young person should not see this yet",
            )),
        }
    }

    pub fn is_shared(&self) -> bool {
        matches!(self, Sharing::Shared)
    }
}

/// Whether the young person's page says that some information will be discussed with them.
/// It always does when something is held back: nothing is hidden silently.
pub fn says_more_to_discuss(entries_held_back: usize) -> bool {
    entries_held_back > 0
}

/// Checks shared by every kind of entry: a date not in the future and not before birth, and
/// text within its limits. `required` text must not be empty.
pub struct EntryChecks {
    errors: FieldErrors,
}

impl EntryChecks {
    pub fn new() -> Self {
        Self {
            errors: FieldErrors::new(),
        }
    }

    pub fn date(
        &mut self,
        field: &str,
        date: NaiveDate,
        born: NaiveDate,
        today: NaiveDate,
    ) -> &mut Self {
        if date > today {
            self.errors
                .add(field, "The date must be today or in the past");
        } else if date < born {
            self.errors.add(
                field,
                "The date must be on or after the young person was born",
            );
        }
        self
    }

    pub fn required(&mut self, field: &str, text: &str, what: &str, max: usize) -> &mut Self {
        if text.trim().is_empty() {
            self.errors.add(field, format!("Enter {what}"));
        } else {
            self.optional(field, Some(text), max);
        }
        self
    }

    pub fn optional(&mut self, field: &str, text: Option<&str>, max: usize) -> &mut Self {
        if text.is_some_and(|t| t.trim().chars().count() > max) {
            self.errors
                .add(field, format!("This must be {max} characters or fewer"));
        }
        self
    }

    pub fn add(&mut self, field: &str, message: impl Into<String>) -> &mut Self {
        self.errors.add(field, message);
        self
    }

    pub fn finish(&mut self) -> Result<(), FieldErrors> {
        let errors = std::mem::take(&mut self.errors);
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }
}

impl Default for EntryChecks {
    fn default() -> Self {
        Self::new()
    }
}

/// What kind of entry: the record type and, for checks and events, which one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum EntryKind {
    Immunisation,
    Check(CheckKind),
    Event(EventKind),
}

impl EntryKind {
    pub fn code(self) -> &'static str {
        match self {
            EntryKind::Immunisation => "immunisation",
            EntryKind::Check(kind) => kind.code(),
            EntryKind::Event(kind) => kind.code(),
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        if code == "immunisation" {
            return Some(EntryKind::Immunisation);
        }
        CheckKind::from_code(code)
            .map(EntryKind::Check)
            .or_else(|| EventKind::from_code(code).map(EntryKind::Event))
    }

    /// Immunisation, check or event: a correction may change which check or event an entry
    /// is, but not what kind of record it is.
    pub fn is_same_record_as(self, other: EntryKind) -> bool {
        std::mem::discriminant(&self) == std::mem::discriminant(&other)
    }

    pub fn title(self) -> &'static str {
        match self {
            EntryKind::Immunisation => "Immunisation",
            EntryKind::Check(kind) => kind.title(),
            EntryKind::Event(kind) => kind.title(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Immunisation {
    pub vaccine: Vaccine,
    /// The vaccine's name when it is not on the routine schedule.
    pub other_vaccine: Option<String>,
    pub given_on: NaiveDate,
    pub dose: Option<String>,
    pub where_given: Option<String>,
    /// Where the record came from, for example "GP record" or "Red Book".
    pub source: Option<String>,
}

impl Immunisation {
    /// The vaccine as the young person would know it.
    pub fn vaccine_name(&self) -> &str {
        match (&self.vaccine, &self.other_vaccine) {
            (Vaccine::Other, Some(name)) => name,
            (vaccine, _) => vaccine.name(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Check {
    pub kind: CheckKind,
    pub checked_on: NaiveDate,
    pub result: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    pub kind: EventKind,
    pub what: String,
    pub started_on: NaiveDate,
    pub ended_on: Option<NaiveDate>,
    pub by_whom: Option<String>,
    pub notes: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EntryDetails {
    Immunisation(Immunisation),
    Check(Check),
    Event(Event),
}

impl EntryDetails {
    pub fn kind(&self) -> EntryKind {
        match self {
            EntryDetails::Immunisation(_) => EntryKind::Immunisation,
            EntryDetails::Check(check) => EntryKind::Check(check.kind),
            EntryDetails::Event(event) => EntryKind::Event(event.kind),
        }
    }

    /// When it was given, checked, or began.
    pub fn happened_on(&self) -> NaiveDate {
        match self {
            EntryDetails::Immunisation(i) => i.given_on,
            EntryDetails::Check(c) => c.checked_on,
            EntryDetails::Event(e) => e.started_on,
        }
    }

    /// Check the entry against the young person's date of birth and today. Field names are
    /// those of the API and the portal's forms.
    pub fn check(&self, born: NaiveDate, today: NaiveDate) -> Result<(), FieldErrors> {
        let mut checks = EntryChecks::new();
        match self {
            EntryDetails::Immunisation(i) => {
                checks.date("given_on", i.given_on, born, today);
                match (&i.vaccine, &i.other_vaccine) {
                    (Vaccine::Other, name) => {
                        checks.required(
                            "other_vaccine",
                            name.as_deref().unwrap_or_default(),
                            "the name of the vaccine",
                            MAX_SHORT_TEXT,
                        );
                    }
                    (_, name) => {
                        checks.optional("other_vaccine", name.as_deref(), MAX_SHORT_TEXT);
                    }
                }
                checks
                    .optional("dose", i.dose.as_deref(), MAX_SHORT_TEXT)
                    .optional("where_given", i.where_given.as_deref(), MAX_SHORT_TEXT)
                    .optional("source", i.source.as_deref(), MAX_SHORT_TEXT);
            }
            EntryDetails::Check(c) => {
                checks
                    .date("checked_on", c.checked_on, born, today)
                    .required("result", &c.result, "what the check found", MAX_LONG_TEXT);
            }
            EntryDetails::Event(e) => {
                checks
                    .date("started_on", e.started_on, born, today)
                    .required("what", &e.what, what_it_was(e.kind), MAX_SHORT_TEXT)
                    .optional("by_whom", e.by_whom.as_deref(), MAX_SHORT_TEXT)
                    .optional("notes", e.notes.as_deref(), MAX_LONG_TEXT);
                match e.ended_on {
                    Some(end) if end < e.started_on => {
                        checks.add("ended_on", "The end date must be on or after the start");
                    }
                    Some(end) if end > today => {
                        checks.add("ended_on", "The end date must be today or in the past");
                    }
                    _ => {}
                }
            }
        }
        checks.finish()
    }
}

fn what_it_was(kind: EventKind) -> &'static str {
    match kind {
        EventKind::Condition => "the name of the condition",
        EventKind::Treatment => "what the treatment was",
        EventKind::HospitalStay => "why they were in hospital",
        EventKind::Allergy => "what they are allergic to",
    }
}

/// An entry as recorded or corrected: what it says and whether the young person sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntryText {
    pub details: EntryDetails,
    pub sharing: Sharing,
}

/// Why a correction was made: required, so that the history explains itself.
pub fn check_correction_reason(reason: &str) -> Result<String, FieldErrors> {
    let mut checks = EntryChecks::new();
    checks.required(
        "correction_reason",
        reason,
        "why you are correcting this",
        MAX_LONG_TEXT,
    );
    checks.finish().map(|()| reason.trim().to_owned())
}

fn check_phone(field: &str, text: &str) -> Result<String, FieldErrors> {
    PhoneNumber::parse(text)
        .map(PhoneNumber::into_string)
        .map_err(|message| FieldErrors::single(field, message))
}

/// NHS number, GP practice and dentist, as recorded.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HealthDetails {
    pub nhs_number: Option<NhsNumber>,
    pub gp_practice: Option<String>,
    pub gp_phone: Option<String>,
    pub dentist: Option<String>,
    pub dentist_phone: Option<String>,
}

/// Text someone typed, or `None` when they left it blank.
fn given(text: Option<&str>) -> Option<&str> {
    text.map(str::trim).filter(|t| !t.is_empty())
}

impl HealthDetails {
    /// Read the details as typed: blanks are "not known"; the NHS number and phone numbers
    /// must be real ones.
    pub fn parse(
        nhs_number: Option<&str>,
        gp_practice: Option<&str>,
        gp_phone: Option<&str>,
        dentist: Option<&str>,
        dentist_phone: Option<&str>,
    ) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::new();
        let nhs_number =
            given(nhs_number).and_then(|text| errors.check("nhs_number", NhsNumber::parse(text)));
        let mut phone = |field: &str, text: Option<&str>| {
            given(text).and_then(|text| match check_phone(field, text) {
                Ok(phone) => Some(phone),
                Err(error) => {
                    errors.merge(error);
                    None
                }
            })
        };
        let gp_phone = phone("gp_phone", gp_phone);
        let dentist_phone = phone("dentist_phone", dentist_phone);
        let mut checks = EntryChecks::new();
        checks
            .optional("gp_practice", gp_practice, MAX_SHORT_TEXT)
            .optional("dentist", dentist, MAX_SHORT_TEXT);
        if let Err(more) = checks.finish() {
            errors.merge(more);
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(Self {
            nhs_number,
            gp_practice: given(gp_practice).map(str::to_owned),
            gp_phone,
            dentist: given(dentist).map(str::to_owned),
            dentist_phone,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nhs_numbers_are_checked_with_their_modulus_11_check_digit() {
        // 943 476 5919 is the NHS's own published example of a valid number.
        let valid = NhsNumber::parse("943 476 5919").unwrap();
        assert_eq!(valid.digits(), "9434765919");
        assert_eq!(valid.to_string(), "943 476 5919");
        assert_eq!(NhsNumber::parse("943-476-5919"), Ok(valid));
        // Check digit 0: the remainder is 0, so 11 - 0 = 11 becomes 0.
        assert!(NhsNumber::parse("987 654 3210").is_ok());
        assert!(NhsNumber::parse("401 023 2137").is_ok());
        // One digit wrong, or two swapped, and the check fails.
        assert!(NhsNumber::parse("943 476 5918").is_err());
        assert!(NhsNumber::parse("934 476 5919").is_err());
        // A total that leaves a check digit of 10 is never a valid number.
        for last in 0..=9 {
            assert!(NhsNumber::parse(&format!("123 456 789{last}")).is_err());
        }
        assert!(
            NhsNumber::parse("943 476 591")
                .unwrap_err()
                .contains("10 numbers")
        );
        assert!(
            NhsNumber::parse("943 476 591X")
                .unwrap_err()
                .contains("10 numbers")
        );
    }

    #[test]
    fn every_vaccine_has_a_code_a_name_and_what_it_protects_against() {
        for vaccine in Vaccine::ALL {
            assert_eq!(Vaccine::from_code(vaccine.code()), Some(vaccine));
            assert!(!vaccine.name().is_empty());
            assert!(
                vaccine.protects_against().len() < 80,
                "{vaccine:?}: one line"
            );
        }
        assert_eq!(
            Vaccine::Mmr.protects_against(),
            "Measles, mumps and rubella"
        );
    }

    #[test]
    fn an_entry_held_back_needs_a_reason_and_is_never_hidden_silently() {
        assert_eq!(Sharing::check(true, None), Ok(Sharing::Shared));
        assert!(
            Sharing::check(false, Some("  "))
                .unwrap_err()
                .into_map()
                .contains_key("not_shared_reason")
        );
        let held = Sharing::check(false, Some("Explain the diagnosis at the next visit")).unwrap();
        assert!(!held.is_shared());
        assert!(says_more_to_discuss(1));
        assert!(!says_more_to_discuss(0));
    }

    #[test]
    fn entry_dates_are_not_in_the_future_nor_before_birth() {
        let born = NaiveDate::from_ymd_opt(2008, 3, 1).unwrap();
        let today = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
        let errors = EntryChecks::new()
            .date(
                "given_on",
                NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(),
                born,
                today,
            )
            .required("where_given", " ", "where it was given", MAX_SHORT_TEXT)
            .finish()
            .unwrap_err()
            .into_map();
        assert_eq!(errors.len(), 2);
        assert!(
            EntryChecks::new()
                .date(
                    "given_on",
                    NaiveDate::from_ymd_opt(2008, 2, 29).unwrap(),
                    born,
                    today
                )
                .finish()
                .is_err()
        );
        assert!(
            EntryChecks::new()
                .date("given_on", born, born, today)
                .finish()
                .is_ok()
        );
    }

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn an_other_vaccine_must_be_named_and_known_ones_need_no_name() {
        let mmr = Immunisation {
            vaccine: Vaccine::Mmr,
            other_vaccine: None,
            given_on: day("2009-05-01"),
            dose: Some("1st dose".into()),
            where_given: None,
            source: Some("Red Book".into()),
        };
        let born = day("2008-03-01");
        let today = day("2026-11-22");
        assert!(
            EntryDetails::Immunisation(mmr.clone())
                .check(born, today)
                .is_ok()
        );
        assert_eq!(mmr.vaccine_name(), "MMR");
        let unnamed = Immunisation {
            vaccine: Vaccine::Other,
            ..mmr.clone()
        };
        let errors = EntryDetails::Immunisation(unnamed.clone())
            .check(born, today)
            .unwrap_err()
            .into_map();
        assert_eq!(
            errors["other_vaccine"],
            vec!["Enter the name of the vaccine".to_owned()]
        );
        let typhoid = Immunisation {
            other_vaccine: Some("Typhoid".into()),
            ..unnamed
        };
        assert_eq!(typhoid.vaccine_name(), "Typhoid");
    }

    #[test]
    fn checks_need_a_result_and_events_end_after_they_start() {
        let born = day("2008-03-01");
        let today = day("2026-11-22");
        let check = EntryDetails::Check(Check {
            kind: CheckKind::Dental,
            checked_on: day("2026-10-01"),
            result: "  ".into(),
        });
        assert!(
            check
                .check(born, today)
                .unwrap_err()
                .into_map()
                .contains_key("result")
        );
        let stay = Event {
            kind: EventKind::HospitalStay,
            what: "Broken arm".into(),
            started_on: day("2020-06-10"),
            ended_on: Some(day("2020-06-09")),
            by_whom: None,
            notes: None,
        };
        let errors = EntryDetails::Event(stay.clone())
            .check(born, today)
            .unwrap_err()
            .into_map();
        assert_eq!(
            errors["ended_on"],
            vec!["The end date must be on or after the start".to_owned()]
        );
        let home_next_day = Event {
            ended_on: Some(day("2020-06-11")),
            ..stay
        };
        assert!(
            EntryDetails::Event(home_next_day)
                .check(born, today)
                .is_ok()
        );
    }

    #[test]
    fn every_entry_kind_round_trips_through_its_code() {
        let kinds = std::iter::once(EntryKind::Immunisation)
            .chain(CheckKind::ALL.map(EntryKind::Check))
            .chain(EventKind::ALL.map(EntryKind::Event));
        for kind in kinds {
            assert_eq!(EntryKind::from_code(kind.code()), Some(kind));
        }
        assert_eq!(EntryKind::from_code("dental_check"), None);
    }

    #[test]
    fn health_details_take_blanks_as_not_known_and_check_numbers() {
        let details = HealthDetails::parse(
            Some("943 476 5919"),
            Some("Central Surgery"),
            Some("0151 606 2000"),
            Some(" "),
            None,
        )
        .unwrap();
        assert_eq!(details.nhs_number.unwrap().digits(), "9434765919");
        assert_eq!(details.dentist, None);
        let errors = HealthDetails::parse(
            Some("943 476 5918"),
            None,
            Some("call me"),
            None,
            Some("+44 151 606 2000"),
        )
        .unwrap_err()
        .into_map();
        assert!(errors["nhs_number"][0].contains("not a valid one"));
        assert_eq!(
            errors["gp_phone"],
            vec!["Enter a phone number, like 0151 606 2000".to_owned()]
        );
        assert!(!errors.contains_key("dentist_phone"));
    }

    #[test]
    fn a_correction_says_why() {
        assert!(
            check_correction_reason(" ")
                .unwrap_err()
                .into_map()
                .contains_key("correction_reason")
        );
        assert_eq!(
            check_correction_reason(" Wrong date: it was the 2nd dose ").unwrap(),
            "Wrong date: it was the 2nd dose"
        );
    }
}

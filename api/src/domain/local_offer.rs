//! The local offer (Children and Social Work Act 2017 s2; DfE guidance 2018): what the council
//! offers care leavers, in plain English, under the six areas the guidance names. Pure: how an
//! item's money and eligibility are written, and which items a search finds.
use std::fmt;

use chrono::NaiveDate;

use super::{care_leaver::Category, validation::FieldErrors};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Area {
    HealthAndWellbeing,
    Relationships,
    EducationAndTraining,
    Employment,
    Accommodation,
    ParticipationInSociety,
}

impl Area {
    pub const ALL: [Area; 6] = [
        Area::HealthAndWellbeing,
        Area::Relationships,
        Area::EducationAndTraining,
        Area::Employment,
        Area::Accommodation,
        Area::ParticipationInSociety,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Area::HealthAndWellbeing => "health_and_wellbeing",
            Area::Relationships => "relationships",
            Area::EducationAndTraining => "education_and_training",
            Area::Employment => "employment",
            Area::Accommodation => "accommodation",
            Area::ParticipationInSociety => "participation_in_society",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|a| a.code() == code)
    }

    pub fn title(self) -> &'static str {
        match self {
            Area::HealthAndWellbeing => "Health and wellbeing",
            Area::Relationships => "Relationships",
            Area::EducationAndTraining => "Education and training",
            Area::Employment => "Work",
            Area::Accommodation => "Somewhere to live",
            Area::ParticipationInSociety => "Having a say and joining in",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Period {
    OneOff,
    PerYear,
    PerMonth,
    PerWeek,
}

impl Period {
    pub const ALL: [Period; 4] = [
        Period::OneOff,
        Period::PerYear,
        Period::PerMonth,
        Period::PerWeek,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Period::OneOff => "one_off",
            Period::PerYear => "per_year",
            Period::PerMonth => "per_month",
            Period::PerWeek => "per_week",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.code() == code)
    }
}

/// Money as whole pence, and how often it is paid.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Amount {
    pub pence: i64,
    pub period: Period,
}

/// "£3,000", "£57.50": pounds with thousands separated, pence only when there are some.
pub fn pounds(pence: i64) -> String {
    let sign = if pence < 0 { "-" } else { "" };
    let pence = pence.unsigned_abs();
    let whole = (pence / 100).to_string();
    let mut grouped = String::new();
    for (i, digit) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    match pence % 100 {
        0 => format!("{sign}£{grouped}"),
        p => format!("{sign}£{grouped}.{p:02}"),
    }
}

/// Pounds as people type them ("3000", "£3,000", "57.5", "57.50") in whole pence; `None` if
/// it is not an amount of money.
pub fn parse_pounds(text: &str) -> Option<i64> {
    let text = text.trim().trim_start_matches('£').replace(',', "");
    let (whole, fraction) = match text.split_once('.') {
        Some((whole, fraction)) => (whole, Some(fraction)),
        None => (text.as_str(), None),
    };
    let digits = |part: &str| !part.is_empty() && part.chars().all(|c| c.is_ascii_digit());
    if !digits(whole) || fraction.is_some_and(|f| !digits(f) || f.len() > 2) {
        return None;
    }
    let fraction = fraction.unwrap_or_default();
    let pounds: i64 = whole.parse().ok()?;
    let pence: i64 = match fraction.len() {
        0 => 0,
        1 => fraction.parse::<i64>().ok()? * 10,
        _ => fraction.parse().ok()?,
    };
    pounds.checked_mul(100)?.checked_add(pence)
}

impl fmt::Display for Amount {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let money = pounds(self.pence);
        match self.period {
            Period::OneOff => write!(f, "{money}, once"),
            Period::PerYear => write!(f, "{money} a year"),
            Period::PerMonth => write!(f, "{money} a month"),
            Period::PerWeek => write!(f, "{money} a week"),
        }
    }
}

/// Something about a young person's life an item depends on, beyond age and category.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Condition {
    InHigherEducation,
    InFurtherEducation,
    InApprenticeship,
    LivesInTheBorough,
    LivingIndependently,
}

impl Condition {
    pub const ALL: [Condition; 5] = [
        Condition::InHigherEducation,
        Condition::InFurtherEducation,
        Condition::InApprenticeship,
        Condition::LivesInTheBorough,
        Condition::LivingIndependently,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Condition::InHigherEducation => "in_higher_education",
            Condition::InFurtherEducation => "in_further_education",
            Condition::InApprenticeship => "in_apprenticeship",
            Condition::LivesInTheBorough => "lives_in_the_borough",
            Condition::LivingIndependently => "living_independently",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.code() == code)
    }

    pub fn words(self) -> &'static str {
        match self {
            Condition::InHigherEducation => "at university or in other higher education",
            Condition::InFurtherEducation => "at college or school, aged 16 to 19",
            Condition::InApprenticeship => "in an apprenticeship",
            Condition::LivesInTheBorough => "living in the borough",
            Condition::LivingIndependently => "moving into a home of your own",
        }
    }
}

/// Who can have an item.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Eligibility {
    pub min_age: Option<u8>,
    /// Up to but not including this age: "to 25" means until the 25th birthday.
    pub until_age: Option<u8>,
    /// Empty: every kind of care leaver.
    pub categories: Vec<Category>,
    pub conditions: Vec<Condition>,
}

impl Eligibility {
    /// "Care leavers aged 18 to 25 who are at university or in other higher education"
    pub fn words(&self) -> String {
        capitalised(&self.who())
    }

    /// `words` within a sentence: "former relevant care leavers under 21".
    pub fn who(&self) -> String {
        let who = if self.categories.is_empty() {
            "care leavers".to_owned()
        } else {
            let kinds: Vec<&str> = self.categories.iter().map(|c| c.short_words()).collect();
            format!("{} care leavers", join(&kinds, "or"))
        };
        let ages = match (self.min_age, self.until_age) {
            (Some(min), Some(until)) => format!(" aged {min} to {until}"),
            (Some(min), None) => format!(" aged {min} and over"),
            (None, Some(until)) => format!(" under {until}"),
            (None, None) => String::new(),
        };
        let conditions: Vec<&str> = self.conditions.iter().map(|c| c.words()).collect();
        let and = if conditions.is_empty() {
            String::new()
        } else {
            format!(" who are {}", join(&conditions, "and"))
        };
        format!("{who}{ages}{and}")
    }
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// "a, b or c", "a and b".
fn join(parts: &[&str], conjunction: &str) -> String {
    match parts {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [rest @ .., last] => format!("{} {conjunction} {last}", rest.join(", ")),
    }
}

/// One item of the local offer, as published.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OfferItem {
    pub area: Area,
    pub title: String,
    pub summary: String,
    pub amount: Option<Amount>,
    pub eligibility: Eligibility,
    pub how_to_get: String,
    /// The law requires it; otherwise the council chooses to offer it.
    pub statutory: bool,
    pub last_reviewed_on: NaiveDate,
}

/// The words of an item in another language; everything else stays as the English item says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Translation {
    pub language: Language,
    pub title: String,
    pub summary: String,
    pub how_to_get: String,
}

impl OfferItem {
    /// The item as read in `translation`'s language.
    pub fn translated(&self, translation: &Translation) -> OfferItem {
        OfferItem {
            title: translation.title.clone(),
            summary: translation.summary.clone(),
            how_to_get: translation.how_to_get.clone(),
            ..self.clone()
        }
    }
}

/// The languages the offer is written in: English first, then those many care leavers who
/// came to England as unaccompanied children read best.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Language {
    English,
    Arabic,
    Dari,
    Kurdish,
    Pashto,
    Tigrinya,
}

impl Language {
    pub const ALL: [Language; 6] = [
        Language::English,
        Language::Arabic,
        Language::Dari,
        Language::Kurdish,
        Language::Pashto,
        Language::Tigrinya,
    ];

    /// The BCP 47 tag, for `lang` attributes (Kurdish as written in Sorani).
    pub fn code(self) -> &'static str {
        match self {
            Language::English => "en",
            Language::Arabic => "ar",
            Language::Dari => "prs",
            Language::Kurdish => "ckb",
            Language::Pashto => "ps",
            Language::Tigrinya => "ti",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|l| l.code() == code)
    }

    /// In English.
    pub fn name(self) -> &'static str {
        match self {
            Language::English => "English",
            Language::Arabic => "Arabic",
            Language::Dari => "Dari",
            Language::Kurdish => "Kurdish (Sorani)",
            Language::Pashto => "Pashto",
            Language::Tigrinya => "Tigrinya",
        }
    }

    /// In the language itself, as a reader looks for it.
    pub fn own_name(self) -> &'static str {
        match self {
            Language::English => "English",
            Language::Arabic => "العربية",
            Language::Dari => "دری",
            Language::Kurdish => "کوردی",
            Language::Pashto => "پښتو",
            Language::Tigrinya => "ትግርኛ",
        }
    }

    /// Written right to left.
    pub fn right_to_left(self) -> bool {
        matches!(
            self,
            Language::Arabic | Language::Dari | Language::Kurdish | Language::Pashto
        )
    }

    pub fn direction(self) -> &'static str {
        if self.right_to_left() { "rtl" } else { "ltr" }
    }
}

pub const MAX_TITLE: usize = 120;
pub const MAX_TEXT: usize = 2000;
/// The most any one item can be worth: £1,000,000.
pub const MAX_PENCE: i64 = 100_000_000;

fn check_words(errors: &mut FieldErrors, field: &str, what: &str, text: &str, max: usize) {
    if text.trim().is_empty() {
        errors.add(field, format!("Enter {what}"));
    } else if text.chars().count() > max {
        errors.add(
            field,
            format!("{} must be {max} characters or fewer", capitalised(what)),
        );
    }
}

/// Is the item fit to save? Every message names the field it is about.
pub fn check_item(item: &OfferItem, today: NaiveDate) -> Result<(), FieldErrors> {
    let mut errors = FieldErrors::new();
    check_words(&mut errors, "title", "a title", &item.title, MAX_TITLE);
    check_words(&mut errors, "summary", "a summary", &item.summary, MAX_TEXT);
    check_words(
        &mut errors,
        "how_to_get",
        "how to get it",
        &item.how_to_get,
        MAX_TEXT,
    );
    if let Some(amount) = item.amount
        && !(1..=MAX_PENCE).contains(&amount.pence)
    {
        errors.add(
            "amount_pence",
            format!("The amount must be between 1p and {}", pounds(MAX_PENCE)),
        );
    }
    let ages = [
        ("min_age", item.eligibility.min_age),
        ("until_age", item.eligibility.until_age),
    ];
    for (field, age) in ages {
        if age.is_some_and(|a| !(14..=30).contains(&a)) {
            errors.add(field, "Ages must be between 14 and 30");
        }
    }
    if let (Some(min), Some(until)) = (item.eligibility.min_age, item.eligibility.until_age)
        && min >= until
    {
        errors.add(
            "until_age",
            "The age it ends must be more than the age it starts",
        );
    }
    if item.last_reviewed_on > today {
        errors.add(
            "last_reviewed_on",
            "The date it was last checked must be today or in the past",
        );
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

/// Is the translation fit to save?
pub fn check_translation(translation: &Translation) -> Result<(), FieldErrors> {
    let mut errors = FieldErrors::new();
    if translation.language == Language::English {
        errors.add(
            "language",
            "The item itself is in English: choose another language",
        );
    }
    check_words(
        &mut errors,
        "title",
        "a title",
        &translation.title,
        MAX_TITLE,
    );
    check_words(
        &mut errors,
        "summary",
        "a summary",
        &translation.summary,
        MAX_TEXT,
    );
    check_words(
        &mut errors,
        "how_to_get",
        "how to get it",
        &translation.how_to_get,
        MAX_TEXT,
    );
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

/// Does the item mention every word of the search (case aside), in its title, summary, how to
/// get it, or its area? An empty search finds everything.
pub fn matches(item: &OfferItem, search: &str) -> bool {
    let text = format!(
        "{} {} {} {}",
        item.title,
        item.summary,
        item.how_to_get,
        item.area.title()
    )
    .to_lowercase();
    search
        .split_whitespace()
        .all(|word| text.contains(&word.to_lowercase()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_is_written_as_people_say_it() {
        assert_eq!(pounds(300_000), "£3,000");
        assert_eq!(pounds(5_750), "£57.50");
        assert_eq!(pounds(120_000_000), "£1,200,000");
        assert_eq!(pounds(5), "£0.05");
        let allowance = Amount {
            pence: 300_000,
            period: Period::OneOff,
        };
        assert_eq!(allowance.to_string(), "£3,000, once");
        let bursary = Amount {
            pence: 120_000,
            period: Period::PerYear,
        };
        assert_eq!(bursary.to_string(), "£1,200 a year");
    }

    #[test]
    fn money_is_read_as_people_type_it() {
        assert_eq!(parse_pounds("3000"), Some(300_000));
        assert_eq!(parse_pounds(" £3,000 "), Some(300_000));
        assert_eq!(parse_pounds("57.5"), Some(5_750));
        assert_eq!(parse_pounds("57.50"), Some(5_750));
        assert_eq!(parse_pounds("0.05"), Some(5));
        for wrong in ["", "£", "3.", ".5", "57.505", "-3", "three", "3 000", "1e3"] {
            assert_eq!(parse_pounds(wrong), None, "{wrong}");
        }
        assert_eq!(parse_pounds("99999999999999999999"), None);
    }

    #[test]
    fn eligibility_reads_as_a_sentence() {
        let bursary = Eligibility {
            min_age: Some(18),
            until_age: Some(25),
            categories: vec![],
            conditions: vec![Condition::InHigherEducation],
        };
        assert_eq!(
            bursary.words(),
            "Care leavers aged 18 to 25 who are at university or in other higher education"
        );
        let pa = Eligibility {
            min_age: None,
            until_age: Some(25),
            categories: vec![Category::FormerRelevant, Category::Relevant],
            conditions: vec![],
        };
        assert_eq!(
            pa.words(),
            "Former relevant or relevant care leavers under 25"
        );
    }

    fn allowance() -> OfferItem {
        OfferItem {
            area: Area::Accommodation,
            title: "Setting-up-home allowance".into(),
            summary: "Money for your first home".into(),
            amount: Some(Amount {
                pence: 300_000,
                period: Period::OneOff,
            }),
            eligibility: Eligibility {
                min_age: Some(16),
                until_age: Some(25),
                ..Eligibility::default()
            },
            how_to_get: "Ask your personal adviser".into(),
            statutory: false,
            last_reviewed_on: NaiveDate::from_ymd_opt(2026, 4, 1).unwrap(),
        }
    }

    #[test]
    fn an_item_needs_words_a_sensible_amount_and_ages_in_order() {
        let today = NaiveDate::from_ymd_opt(2026, 12, 3).unwrap();
        assert_eq!(check_item(&allowance(), today), Ok(()));
        let broken = OfferItem {
            title: "  ".into(),
            summary: "x".repeat(MAX_TEXT + 1),
            amount: Some(Amount {
                pence: 0,
                period: Period::OneOff,
            }),
            eligibility: Eligibility {
                min_age: Some(25),
                until_age: Some(18),
                ..Eligibility::default()
            },
            last_reviewed_on: today.succ_opt().unwrap(),
            ..allowance()
        };
        let fields: Vec<String> = check_item(&broken, today)
            .unwrap_err()
            .into_map()
            .into_keys()
            .collect();
        assert_eq!(
            fields,
            [
                "amount_pence",
                "last_reviewed_on",
                "summary",
                "title",
                "until_age"
            ]
        );
    }

    #[test]
    fn translations_are_in_another_language_and_keep_the_amounts() {
        let arabic = Translation {
            language: Language::Arabic,
            title: "بدل تأثيث المنزل".into(),
            summary: "مال لمنزلك الأول".into(),
            how_to_get: "اسأل مستشارك الشخصي".into(),
        };
        assert_eq!(check_translation(&arabic), Ok(()));
        let read = allowance().translated(&arabic);
        assert_eq!(read.title, "بدل تأثيث المنزل");
        assert_eq!(read.amount, allowance().amount);
        assert!(Language::Arabic.right_to_left());
        assert!(!Language::Tigrinya.right_to_left());
        let english = Translation {
            language: Language::English,
            ..arabic
        };
        assert!(check_translation(&english).is_err());
        for l in Language::ALL {
            assert_eq!(Language::from_code(l.code()), Some(l));
        }
    }

    #[test]
    fn a_search_needs_every_word_and_ignores_case() {
        let item = OfferItem {
            area: Area::Accommodation,
            title: "Setting-up-home allowance".into(),
            summary: "Money for furniture and things for your first home".into(),
            amount: None,
            eligibility: Eligibility::default(),
            how_to_get: "Ask your personal adviser".into(),
            statutory: false,
            last_reviewed_on: NaiveDate::from_ymd_opt(2026, 4, 1).unwrap(),
        };
        assert!(matches(&item, ""));
        assert!(matches(&item, "FURNITURE home"));
        assert!(matches(&item, "somewhere to live"));
        assert!(!matches(&item, "furniture bursary"));
        for code in Area::ALL.map(Area::code) {
            assert_eq!(Area::from_code(code).map(Area::code), Some(code));
        }
    }
}

//! The local offer (Children and Social Work Act 2017 s2; DfE guidance 2018): what the council
//! offers care leavers, in plain English, under the six areas the guidance names. Pure: how an
//! item's money and eligibility are written, and which items a search finds.
use std::fmt;

use chrono::NaiveDate;

use super::care_leaver::Category;

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
        let who = if self.categories.is_empty() {
            "Care leavers".to_owned()
        } else {
            let kinds: Vec<&str> = self.categories.iter().map(|c| c.short_words()).collect();
            capitalised(&format!("{} care leavers", join(&kinds, "or")))
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

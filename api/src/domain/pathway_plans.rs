//! Pathway plans (Care Leavers (England) Regulations 2010; Children Act 1989 guidance and
//! regulations volume 3): what help a care leaver gets, who does what and by when, in the
//! young person's own words too. Pure: the plan's sections, what makes one complete, when it
//! is next reviewed, and what changed between two versions.
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{calendar::add_months, validation::FieldErrors};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Section {
    Accommodation,
    EducationTrainingAndEmployment,
    HealthAndWellbeing,
    RelationshipsAndFamily,
    Money,
    PracticalSkills,
    Identity,
    Participation,
    Contingency,
}

impl Section {
    pub const ALL: [Section; 9] = [
        Section::Accommodation,
        Section::EducationTrainingAndEmployment,
        Section::HealthAndWellbeing,
        Section::RelationshipsAndFamily,
        Section::Money,
        Section::PracticalSkills,
        Section::Identity,
        Section::Participation,
        Section::Contingency,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Section::Accommodation => "accommodation",
            Section::EducationTrainingAndEmployment => "education_training_and_employment",
            Section::HealthAndWellbeing => "health_and_wellbeing",
            Section::RelationshipsAndFamily => "relationships_and_family",
            Section::Money => "money",
            Section::PracticalSkills => "practical_skills",
            Section::Identity => "identity",
            Section::Participation => "participation",
            Section::Contingency => "contingency",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }

    /// As the young person reads it.
    pub fn title(self) -> &'static str {
        match self {
            Section::Accommodation => "Somewhere to live",
            Section::EducationTrainingAndEmployment => "Education, training and work",
            Section::HealthAndWellbeing => "Health and wellbeing",
            Section::RelationshipsAndFamily => "Relationships and family",
            Section::Money => "Money",
            Section::PracticalSkills => "Looking after yourself and your home",
            Section::Identity => "Who you are",
            Section::Participation => "Having a say",
            Section::Contingency => "If things go wrong",
        }
    }
}

/// Something someone will do, by when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanAction {
    pub what: String,
    pub who: String,
    pub by_when: Option<NaiveDate>,
    pub done: bool,
}

/// One section: what the young person needs, what will be done, and their own words.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SectionContent {
    pub needs: String,
    pub actions: Vec<PlanAction>,
    pub own_words: String,
}

/// The plan's content, section by section; a section not written yet is empty.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Plan {
    pub sections: Vec<(Section, SectionContent)>,
}

impl Plan {
    pub fn section(&self, section: Section) -> SectionContent {
        self.sections
            .iter()
            .find(|(s, _)| *s == section)
            .map(|(_, c)| c.clone())
            .unwrap_or_default()
    }

    /// Every section, in order, with the empty ones.
    pub fn in_order(&self) -> Vec<(Section, SectionContent)> {
        Section::ALL
            .into_iter()
            .map(|s| (s, self.section(s)))
            .collect()
    }
}

pub const MAX_TEXT: usize = 5000;
pub const MAX_ACTIONS: usize = 20;

/// Is the plan fit to save? Messages are keyed `section.field` (for example
/// `money.actions.0.what`).
pub fn check_plan(plan: &Plan) -> Result<(), FieldErrors> {
    let mut errors = FieldErrors::new();
    let mut seen = Vec::new();
    for (section, content) in &plan.sections {
        let key = section.code();
        if seen.contains(section) {
            errors.add(key, "Each section can appear once");
        }
        seen.push(*section);
        for (field, text) in [("needs", &content.needs), ("own_words", &content.own_words)] {
            if text.chars().count() > MAX_TEXT {
                errors.add(
                    &format!("{key}.{field}"),
                    format!("Write {MAX_TEXT} characters or fewer"),
                );
            }
        }
        if content.actions.len() > MAX_ACTIONS {
            errors.add(
                &format!("{key}.actions"),
                format!("A section can have up to {MAX_ACTIONS} actions"),
            );
        }
        for (i, action) in content.actions.iter().enumerate() {
            if action.what.trim().is_empty() {
                errors.add(&format!("{key}.actions.{i}.what"), "Say what will be done");
            }
            if action.who.trim().is_empty() {
                errors.add(&format!("{key}.actions.{i}.who"), "Say who will do it");
            }
            if action.what.chars().count() > 500 || action.who.chars().count() > 200 {
                errors.add(&format!("{key}.actions.{i}"), "Keep each action short");
            }
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

/// The latest a plan can next be reviewed: 6 months after it is agreed.
pub fn latest_review(agreed_on: NaiveDate) -> NaiveDate {
    add_months(agreed_on, 6)
}

/// The review date asked for, if it is after the day of agreement and no later than 6 months.
pub fn check_review_date(agreed_on: NaiveDate, review_on: NaiveDate) -> Result<(), String> {
    if review_on <= agreed_on {
        Err("The next review must be after today".into())
    } else if review_on > latest_review(agreed_on) {
        Err(format!(
            "The next review must be within 6 months, by {}",
            latest_review(agreed_on).format("%-d %B %Y")
        ))
    } else {
        Ok(())
    }
}

/// What changed in one section between two versions, in words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SectionChanges {
    pub section: Section,
    pub changes: Vec<String>,
}

/// What changed from `before` to `after`, section by section; sections that did not change
/// are left out.
pub fn changes(before: &Plan, after: &Plan) -> Vec<SectionChanges> {
    Section::ALL
        .into_iter()
        .filter_map(|section| {
            let (old, new) = (before.section(section), after.section(section));
            let mut changes = Vec::new();
            if old.needs.trim() != new.needs.trim() {
                changes.push("What is needed has changed".to_owned());
            }
            if old.own_words.trim() != new.own_words.trim() {
                changes.push("Your own words have changed".to_owned());
            }
            for action in &new.actions {
                match old.actions.iter().find(|a| a.what == action.what) {
                    None => changes.push(format!("New: {}", action.what)),
                    Some(was) if !was.done && action.done => {
                        changes.push(format!("Done: {}", action.what));
                    }
                    Some(was) if was.who != action.who || was.by_when != action.by_when => {
                        changes.push(format!("Changed who or when: {}", action.what));
                    }
                    Some(_) => {}
                }
            }
            for action in &old.actions {
                if !new.actions.iter().any(|a| a.what == action.what) {
                    changes.push(format!("Taken out: {}", action.what));
                }
            }
            (!changes.is_empty()).then_some(SectionChanges { section, changes })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    fn action(what: &str, done: bool) -> PlanAction {
        PlanAction {
            what: what.into(),
            who: "Priya (PA)".into(),
            by_when: Some(d("2027-01-15")),
            done,
        }
    }

    fn plan(money: SectionContent) -> Plan {
        Plan {
            sections: vec![(Section::Money, money)],
        }
    }

    #[test]
    fn a_review_is_due_within_six_months_of_agreement() {
        assert_eq!(latest_review(d("2026-12-03")), d("2027-06-03"));
        assert_eq!(latest_review(d("2026-08-31")), d("2027-02-28"));
        assert!(check_review_date(d("2026-12-03"), d("2027-06-03")).is_ok());
        assert!(check_review_date(d("2026-12-03"), d("2027-06-04")).is_err());
        assert!(check_review_date(d("2026-12-03"), d("2026-12-03")).is_err());
    }

    #[test]
    fn an_action_says_what_and_who() {
        let mut incomplete = action("", false);
        incomplete.who = " ".into();
        let errors = check_plan(&plan(SectionContent {
            actions: vec![action("Open a bank account", false), incomplete],
            ..SectionContent::default()
        }))
        .unwrap_err();
        let fields: Vec<String> = errors.into_map().into_keys().collect();
        assert_eq!(fields, ["money.actions.1.what", "money.actions.1.who"]);
        let twice = Plan {
            sections: vec![
                (Section::Money, SectionContent::default()),
                (Section::Money, SectionContent::default()),
            ],
        };
        assert!(check_plan(&twice).is_err());
    }

    #[test]
    fn what_changed_is_told_section_by_section() {
        let before = plan(SectionContent {
            needs: "Help with a budget".into(),
            actions: vec![
                action("Open a bank account", false),
                action("Apply for Universal Credit", false),
            ],
            own_words: String::new(),
        });
        let after = plan(SectionContent {
            needs: "Help with a budget".into(),
            actions: vec![
                action("Open a bank account", true),
                action("Make a weekly budget", false),
            ],
            own_words: "I want to save for driving lessons".into(),
        });
        assert_eq!(
            changes(&before, &after),
            [SectionChanges {
                section: Section::Money,
                changes: vec![
                    "Your own words have changed".into(),
                    "Done: Open a bank account".into(),
                    "New: Make a weekly budget".into(),
                    "Taken out: Apply for Universal Credit".into(),
                ]
            }]
        );
        assert!(changes(&after, &after).is_empty());
        for s in Section::ALL {
            assert_eq!(Section::from_code(s.code()), Some(s));
        }
    }
}

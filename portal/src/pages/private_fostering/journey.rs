//! The public's private fostering form: what each page asks, the answers kept between pages
//! (field name → text, as typed), and the notification they make. A member of the public may
//! not know much, so every answer is optional except what the council needs to act on.
use std::collections::BTreeMap;

use api::domain::private_fostering::{
    Carer, CheckerAnswers, Length,
    notification::{Notification, Notifier, Part, check_part, is_reachable},
};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::{
    forms::{ChoiceField, DateField, ErrorSummary, Field, TextField, TextareaField, read_date},
    pages::young_person::long_date,
};

/// The answers so far.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Answers(BTreeMap<String, String>);

impl Answers {
    pub fn get(&self, name: &str) -> &str {
        self.0.get(name).map(String::as_str).unwrap_or_default()
    }

    pub fn set(&mut self, name: &str, value: &str) {
        self.0.insert(name.to_owned(), value.trim().to_owned());
    }

    fn optional(&self, name: &str) -> Option<String> {
        Some(self.get(name))
            .filter(|v| !v.is_empty())
            .map(str::to_owned)
    }

    fn date_parts(&self, name: &str) -> (&str, &str, &str) {
        (
            self.get(&format!("{name}_day")),
            self.get(&format!("{name}_month")),
            self.get(&format!("{name}_year")),
        )
    }

    fn date(&self, name: &str, what: &str, errors: &mut ErrorSummary) -> Option<NaiveDate> {
        let (day, month, year) = self.date_parts(name);
        read_date(day, month, year, what).unwrap_or_else(|message| {
            errors.add(&name.replace('_', "-"), message);
            None
        })
    }

    /// Who is telling us, once they have said.
    pub fn notifier(&self) -> Option<Notifier> {
        Notifier::from_code(self.get("notifier"))
    }

    /// The checker's answers, once all four are given.
    pub fn checker(&self) -> Option<CheckerAnswers> {
        Some(CheckerAnswers {
            age: self.get("age").parse().ok()?,
            disabled: match self.get("disabled") {
                "yes" => Some(true),
                "no" => Some(false),
                "not_sure" => None,
                _ => return None,
            },
            carer: Carer::from_code(self.get("carer"))?,
            length: Length::from_code(self.get("length"))?,
        })
    }

    /// The notification these answers make. Dates that cannot be read are left out, with the
    /// problem added to `errors`.
    pub fn notification(&self, errors: &mut ErrorSummary) -> Notification {
        Notification {
            notifier_name: self.get("notifier_name").to_owned(),
            notifier_email: self.optional("notifier_email"),
            notifier_phone: self.optional("notifier_phone"),
            child_name: self.get("child_name").to_owned(),
            child_date_of_birth: self.date(
                "child_date_of_birth",
                "the child's date of birth",
                errors,
            ),
            child_sex: match self.get("child_sex") {
                "female" => Some("Female".into()),
                "male" => Some("Male".into()),
                _ => None,
            },
            child_place_of_birth: self.optional("child_place_of_birth"),
            child_religion: self.optional("child_religion"),
            child_racial_origin: self.optional("child_racial_origin"),
            child_cultural_and_linguistic_background: self
                .optional("child_cultural_and_linguistic_background"),
            child_disabled: self.checker().and_then(|checker| checker.disabled),
            carer_name: self.get("carer_name").to_owned(),
            carer_address: self.get("carer_address").to_owned(),
            carer_phone: self.optional("carer_phone"),
            carer_previous_addresses: self.optional("carer_previous_addresses"),
            household: self.optional("household"),
            parents: self.optional("parents"),
            siblings: self.optional("siblings"),
            arranged_by: self.optional("arranged_by"),
            purpose: self.optional("purpose"),
            started_on: self.date(
                "started_on",
                "the date the child started living there",
                errors,
            ),
            expected_length: self.optional("expected_length"),
        }
    }
}

/// The pages of the form, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Page {
    Checker,
    You,
    Child,
    Carer,
    Parents,
    Siblings,
    Arrangement,
}

pub const BASE: &str = "/private-fostering";
pub const CHECK_ANSWERS: &str = "/private-fostering/check-your-answers";

const DISABILITY: [(&str, &str); 3] = [("yes", "Yes"), ("no", "No"), ("not_sure", "I am not sure")];
const SEX: [(&str, &str); 3] = [
    ("female", "Female"),
    ("male", "Male"),
    ("not_known", "I do not know"),
];
const WHO_YOU_ARE: [(&str, &str); 3] = [
    ("carer", "I am looking after the child"),
    (
        "parent",
        "I am the child's parent, or I have parental responsibility for them",
    ),
    (
        "other",
        "Someone else, for example a neighbour, teacher, doctor or relative",
    ),
];

impl Page {
    pub const ALL: [Page; 7] = [
        Page::Checker,
        Page::You,
        Page::Child,
        Page::Carer,
        Page::Parents,
        Page::Siblings,
        Page::Arrangement,
    ];

    pub fn slug(self) -> &'static str {
        match self {
            Page::Checker => "is-it-private-fostering",
            Page::You => "you",
            Page::Child => "child",
            Page::Carer => "carer",
            Page::Parents => "parents",
            Page::Siblings => "brothers-and-sisters",
            Page::Arrangement => "arrangement",
        }
    }

    pub fn from_slug(slug: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|page| page.slug() == slug)
    }

    pub fn url(self) -> String {
        format!("{BASE}/{}", self.slug())
    }

    pub fn heading(self) -> &'static str {
        match self {
            Page::Checker => "Is this private fostering?",
            Page::You => "About you",
            Page::Child => "About the child",
            Page::Carer => "Who the child is living with",
            Page::Parents => "The child's parents",
            Page::Siblings => "The child's brothers and sisters",
            Page::Arrangement => "About the arrangement",
        }
    }

    /// What the page says before its questions.
    pub fn intro(self) -> &'static [&'static str] {
        match self {
            Page::Checker => &[
                "Private fostering is when a child under 16, or under 18 if they are disabled, \
                 lives for 28 days or more with someone who is not their parent or a close \
                 relative.",
                "Answer 4 questions to find out if that is what is happening.",
            ],
            Page::You => &[
                "We need a way to get in touch with you or with the person looking after the \
                 child.",
            ],
            Page::Parents | Page::Siblings | Page::Arrangement | Page::Child => {
                &["Tell us what you know. Leave anything you do not know blank."]
            }
            Page::Carer => &[
                "We need their name and the address where the child is living. Leave anything \
                 else you do not know blank.",
            ],
        }
    }

    /// The page before, for the back link.
    pub fn back(self) -> String {
        match self {
            Page::Checker => BASE.to_owned(),
            Page::You => format!("{BASE}/is-it-private-fostering/result"),
            _ => {
                let index = Self::ALL.iter().position(|p| *p == self).unwrap_or(1);
                Self::ALL[index - 1].url()
            }
        }
    }

    /// Where "Continue" goes.
    pub fn next(self) -> String {
        match self {
            Page::Checker => format!("{BASE}/is-it-private-fostering/result"),
            Page::Arrangement => CHECK_ANSWERS.to_owned(),
            _ => {
                let index = Self::ALL.iter().position(|p| *p == self).unwrap_or(0);
                Self::ALL[index + 1].url()
            }
        }
    }

    /// The form fields this page sends and the answers keep.
    pub fn names(self) -> &'static [&'static str] {
        match self {
            Page::Checker => &["age", "disabled", "carer", "length"],
            Page::You => &[
                "notifier",
                "notifier_name",
                "notifier_email",
                "notifier_phone",
            ],
            Page::Child => &[
                "child_name",
                "child_date_of_birth_day",
                "child_date_of_birth_month",
                "child_date_of_birth_year",
                "child_sex",
                "child_place_of_birth",
                "child_religion",
                "child_racial_origin",
                "child_cultural_and_linguistic_background",
            ],
            Page::Carer => &[
                "carer_name",
                "carer_address",
                "carer_phone",
                "carer_previous_addresses",
                "household",
            ],
            Page::Parents => &["parents"],
            Page::Siblings => &["siblings"],
            Page::Arrangement => &[
                "arranged_by",
                "purpose",
                "started_on_day",
                "started_on_month",
                "started_on_year",
                "expected_length",
            ],
        }
    }

    fn part(self) -> Option<Part> {
        match self {
            Page::Checker => None,
            Page::You => Some(Part::Notifier),
            Page::Child => Some(Part::Child),
            Page::Carer => Some(Part::Carer),
            Page::Parents | Page::Siblings => Some(Part::Family),
            Page::Arrangement => Some(Part::Arrangement),
        }
    }

    /// The page's questions, showing the answers given.
    pub fn fields(self, a: &Answers, errors: &ErrorSummary) -> Vec<Field> {
        let text = |name: &str, label: &str, hint: &str| {
            let field = TextField::new(name, label).value(a.get(name));
            let field = if hint.is_empty() {
                field
            } else {
                field.hint(hint)
            };
            field.errors_from(errors)
        };
        let textarea = |name: &str, label: &str, hint: &str| {
            Field::Textarea(
                TextareaField::new(name, label)
                    .hint(hint)
                    .value(a.get(name))
                    .errors_from(errors),
            )
        };
        let radios = |name: &str, legend: &str, choices: &[(&str, &str)]| {
            ChoiceField::radios(name, legend, choices)
                .select(&[a.get(name)])
                .errors_from(errors)
        };
        let date = |name: &str, legend: &str, hint: &str| {
            let (day, month, year) = a.date_parts(name);
            Field::Date(
                DateField::new(name, legend)
                    .hint(hint)
                    .typed(day, month, year)
                    .errors_from(errors),
            )
        };
        match self {
            Page::Checker => {
                let carers: Vec<(&str, &str)> =
                    Carer::ALL.iter().map(|c| (c.code(), c.words())).collect();
                let lengths: Vec<(&str, &str)> =
                    Length::ALL.iter().map(|l| (l.code(), l.words())).collect();
                let mut age = text(
                    "age",
                    "How old is the child?",
                    "In years. If you are not sure, give your best guess.",
                )
                .numeric();
                age.width_class = " input--width-2";
                vec![
                    Field::Text(age),
                    Field::Choice(
                        radios("disabled", "Does the child have a disability?", &DISABILITY).hint(
                            "Private fostering covers disabled young people until they are 18.",
                        ),
                    ),
                    Field::Choice(radios("carer", "Who is the child living with?", &carers)),
                    Field::Choice(
                        radios(
                            "length",
                            "How long will the child live there, altogether?",
                            &lengths,
                        )
                        .hint("Count the time they have been there already."),
                    ),
                ]
            }
            Page::You => {
                let mut name = text("notifier_name", "Your full name", "");
                name.autocomplete = Some("name");
                let mut phone = text(
                    "notifier_phone",
                    "Your phone number",
                    "We may call to ask you more. Leave this blank if you would rather we did not.",
                )
                .telephone();
                phone.autocomplete = Some("tel");
                vec![
                    Field::Choice(radios("notifier", "Who are you?", &WHO_YOU_ARE)),
                    Field::Text(name),
                    Field::Text(
                        text(
                            "notifier_email",
                            "Your email address",
                            "We will send your reference number here. Leave this blank if you \
                             do not have one.",
                        )
                        .email(),
                    ),
                    Field::Text(phone),
                ]
            }
            Page::Child => vec![
                Field::Text(text(
                    "child_name",
                    "The child's full name",
                    "If you only know their first name, that is fine.",
                )),
                date(
                    "child_date_of_birth",
                    "The child's date of birth",
                    "For example, 27 3 2013. Leave this blank if you do not know.",
                ),
                Field::Choice(radios("child_sex", "The child's sex", &SEX)),
                Field::Text(text(
                    "child_place_of_birth",
                    "Where the child was born",
                    "A town or a country.",
                )),
                Field::Text(text(
                    "child_religion",
                    "The child's religion, if they have one",
                    "",
                )),
                Field::Text(text(
                    "child_racial_origin",
                    "The child's ethnic group",
                    "For example, Black African, or White and Asian.",
                )),
                textarea(
                    "child_cultural_and_linguistic_background",
                    "The languages the child speaks, and their culture",
                    "For example, speaks Portuguese at home and English at school.",
                ),
            ],
            Page::Carer => {
                let mut phone = text(
                    "carer_phone",
                    "Their phone number",
                    "Leave this blank if you do not know it.",
                )
                .telephone();
                phone.autocomplete = None;
                vec![
                    Field::Text(text(
                        "carer_name",
                        "The full name of the person the child is living with",
                        "",
                    )),
                    textarea(
                        "carer_address",
                        "The address where the child is living",
                        "Include the postcode if you know it.",
                    ),
                    Field::Text(phone),
                    textarea(
                        "carer_previous_addresses",
                        "Where they have lived in the last 5 years",
                        "Leave this blank if you do not know.",
                    ),
                    textarea(
                        "household",
                        "Who else lives in the home",
                        "The names and ages of the adults and children, if you know them.",
                    ),
                ]
            }
            Page::Parents => vec![textarea(
                "parents",
                "The child's parents, and anyone else with parental responsibility for them",
                "Their names, and where they live if you know.",
            )],
            Page::Siblings => vec![textarea(
                "siblings",
                "The child's brothers and sisters under 18",
                "Their names, and where they live. Leave this blank if they have none, or you \
                 do not know.",
            )],
            Page::Arrangement => vec![
                Field::Text(text(
                    "arranged_by",
                    "Who arranged for the child to live there?",
                    "For example, the child's mother, or an agency.",
                )),
                textarea(
                    "purpose",
                    "Why is the child living there?",
                    "For example, to go to school here, or because a parent is ill.",
                ),
                date(
                    "started_on",
                    "When did the child start living there?",
                    "If it has not started yet, when it will start. For example, 1 9 2026. \
                     Leave this blank if you do not know.",
                ),
                Field::Text(text(
                    "expected_length",
                    "How long is it expected to last?",
                    "For example, until the end of the school year.",
                )),
            ],
        }
    }

    /// What is wrong with this page's answers, in the order the page asks.
    pub fn problems(self, a: &Answers, today: NaiveDate) -> ErrorSummary {
        let mut errors = ErrorSummary::default();
        match self {
            Page::Checker => {
                match a.get("age").parse::<u8>() {
                    Ok(age) if age <= 25 => {}
                    Ok(_) => errors.add("age", "Enter the child's age in years, under 25"),
                    Err(_) if a.get("age").is_empty() => {
                        errors.add("age", "Enter the child's age, or your best guess")
                    }
                    Err(_) => errors.add(
                        "age",
                        "Enter the child's age as a whole number of years, for example 14",
                    ),
                }
                for (name, message) in [
                    ("disabled", "Select whether the child has a disability"),
                    ("carer", "Select who the child is living with"),
                    ("length", "Select how long the child will live there"),
                ] {
                    let known = match name {
                        "disabled" => DISABILITY.iter().any(|(code, _)| *code == a.get(name)),
                        "carer" => Carer::from_code(a.get(name)).is_some(),
                        _ => Length::from_code(a.get(name)).is_some(),
                    };
                    if !known {
                        errors.add(name, message);
                    }
                }
            }
            Page::You if a.notifier().is_none() => errors.add("notifier", "Select who you are"),
            Page::Child
                if !a.get("child_sex").is_empty()
                    && !SEX.iter().any(|(code, _)| *code == a.get("child_sex")) =>
            {
                errors.add("child-sex", "Select the child's sex, or I do not know")
            }
            _ => {}
        }
        let notification = a.notification(&mut errors);
        if let Some(part) = self.part() {
            errors.add_field_errors(&check_part(&notification, part, today));
        }
        if self == Page::Carer && !is_reachable(&notification) {
            errors.add(
                "carer-phone",
                "Enter a phone number for the carer: you did not give us a phone number or \
                 email address for you, and we need a way to get in touch",
            );
        }
        let ids: Vec<String> = self
            .fields(a, &ErrorSummary::default())
            .iter()
            .map(|f| f.id().to_owned())
            .collect();
        errors.in_page_order(&ids);
        errors
    }
}

/// One row of "Check your answers".
pub struct AnswerRow {
    pub question: String,
    pub answer: String,
    pub change: String,
}

/// A page's rows of "Check your answers".
pub struct AnswerSection {
    pub heading: &'static str,
    pub rows: Vec<AnswerRow>,
}

/// The answers as "Check your answers" lists them: every question, with "Not known" where
/// nothing was given.
pub fn sections(a: &Answers) -> Vec<AnswerSection> {
    let mut ignored = ErrorSummary::default();
    let notification = a.notification(&mut ignored);
    Page::ALL
        .into_iter()
        .filter(|page| *page != Page::Checker || a.checker().is_some())
        .map(|page| AnswerSection {
            heading: page.heading(),
            rows: page
                .fields(a, &ErrorSummary::default())
                .iter()
                .map(|field| {
                    let (question, answer) = match field {
                        Field::Text(f) => (f.label.clone(), f.value.clone()),
                        Field::Textarea(f) => (f.label.clone(), f.value.clone()),
                        Field::Choice(f) => (
                            f.legend.clone(),
                            f.choices
                                .iter()
                                .find(|c| c.selected)
                                .map(|c| c.label.clone())
                                .unwrap_or_default(),
                        ),
                        Field::Date(f) => {
                            let date = match f.name.as_str() {
                                "child_date_of_birth" => notification.child_date_of_birth,
                                _ => notification.started_on,
                            };
                            (f.legend.clone(), date.map(long_date).unwrap_or_default())
                        }
                    };
                    AnswerRow {
                        question,
                        answer: if answer.is_empty() {
                            "Not known".into()
                        } else {
                            answer
                        },
                        change: format!("{}?change=yes#{}", page.url(), field.id()),
                    }
                })
                .collect(),
        })
        .collect()
}

/// Everything that stops the answers being sent, each with the page to put it right on.
pub fn problems_everywhere(a: &Answers, today: NaiveDate) -> Vec<(String, String)> {
    Page::ALL
        .into_iter()
        .filter(|page| *page != Page::Checker)
        .flat_map(|page| {
            page.problems(a, today).errors.into_iter().map(move |e| {
                (
                    format!("{}?change=yes#{}", page.url(), e.field_id),
                    e.message,
                )
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, 3).unwrap()
    }

    fn enough() -> Answers {
        let mut a = Answers::default();
        for (name, value) in [
            ("notifier", "other"),
            ("notifier_name", "Pat Neighbour"),
            ("child_name", "Amy"),
            ("carer_name", "Mrs Jones"),
            ("carer_address", "12 Example Road"),
            ("carer_phone", "0151 496 0123"),
        ] {
            a.set(name, value);
        }
        a
    }

    #[test]
    fn a_child_a_carer_an_address_and_the_carers_phone_are_enough_to_send() {
        assert!(problems_everywhere(&enough(), today()).is_empty());
    }

    #[test]
    fn what_is_missing_links_to_the_page_that_asks_for_it() {
        let mut a = enough();
        a.set("carer_phone", "");
        a.set("child_name", "");
        let problems = problems_everywhere(&a, today());
        let links: Vec<&str> = problems.iter().map(|(link, _)| link.as_str()).collect();
        assert_eq!(
            links,
            [
                "/private-fostering/child?change=yes#child-name",
                "/private-fostering/carer?change=yes#carer-phone"
            ]
        );
    }

    #[test]
    fn a_date_that_cannot_be_read_is_a_problem_on_its_page_not_a_lost_answer() {
        let mut a = enough();
        a.set("child_date_of_birth_day", "31");
        a.set("child_date_of_birth_month", "2");
        a.set("child_date_of_birth_year", "2015");
        let errors = Page::Child.problems(&a, today());
        assert_eq!(
            errors.for_field("child-date-of-birth").as_deref(),
            Some("The child's date of birth must be a real date")
        );
    }

    #[test]
    fn the_checker_reads_not_sure_as_not_known() {
        let mut a = Answers::default();
        for (name, value) in [
            ("age", "16"),
            ("disabled", "not_sure"),
            ("carer", "family_friend"),
            ("length", "28_days_or_more"),
        ] {
            a.set(name, value);
        }
        assert!(Page::Checker.problems(&a, today()).is_empty());
        assert_eq!(a.checker().unwrap().disabled, None);
        a.set("age", "sixteen");
        assert!(
            Page::Checker
                .problems(&a, today())
                .for_field("age")
                .is_some()
        );
    }

    #[test]
    fn every_page_leads_to_the_next_and_back() {
        for pair in Page::ALL.windows(2).skip(1) {
            assert_eq!(pair[0].next(), pair[1].url());
            assert_eq!(pair[1].back(), pair[0].url());
        }
        assert_eq!(Page::Checker.next(), Page::You.back());
        assert_eq!(Page::Arrangement.next(), CHECK_ANSWERS);
    }
}

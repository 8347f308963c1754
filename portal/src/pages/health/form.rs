//! The health history forms: which fields each asks, reading the answers into the domain's
//! types, and the rows of "Check your answers". Answers travel as field name → text, the way
//! the browser sent them, so a draft can be shown back exactly as it was typed.
use std::collections::BTreeMap;

use api::{
    domain::{
        access::Action,
        health::{
            Check, CheckKind, EntryDetails, EntryText, Event, EventKind, HealthDetails,
            Immunisation, Sharing, Vaccine,
        },
        obligations::AssessmentKind,
        validation::FieldErrors,
    },
    service::care_records::NewHealthAssessment,
};
use chrono::{Datelike, NaiveDate};

use crate::{
    forms::{ChoiceField, DateField, ErrorSummary, Field, TextField, TextareaField, read_date},
    pages::young_person::long_date,
};

pub type Answers = BTreeMap<String, String>;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HealthForm {
    Immunisation,
    Check,
    Event,
    Details,
    Assessment,
}

/// What a form's answers say, once read.
#[derive(Debug, Clone)]
pub enum Reading {
    Entry(EntryText),
    Details {
        details: HealthDetails,
        change_reason: Option<String>,
    },
    Assessment(NewHealthAssessment),
}

/// One row of "Check your answers".
pub struct AnswerRow {
    pub question: &'static str,
    pub answer: String,
    /// The field the "Change" link goes to.
    pub field_id: String,
}

const SHARING_FIELDS: [&str; 2] = ["shared", "not_shared_reason"];

impl HealthForm {
    pub const ALL: [HealthForm; 5] = [
        HealthForm::Immunisation,
        HealthForm::Check,
        HealthForm::Event,
        HealthForm::Details,
        HealthForm::Assessment,
    ];

    pub fn code(self) -> &'static str {
        match self {
            HealthForm::Immunisation => "immunisation",
            HealthForm::Check => "check",
            HealthForm::Event => "event",
            HealthForm::Details => "details",
            HealthForm::Assessment => "assessment",
        }
    }

    /// What the access policy must allow: assessments are care records, the rest the health
    /// history.
    pub fn action(self) -> Action {
        match self {
            HealthForm::Assessment => Action::RecordCare,
            _ => Action::RecordHealth,
        }
    }

    /// Whether the young person could be kept from seeing it for now.
    fn has_sharing(self) -> bool {
        matches!(
            self,
            HealthForm::Immunisation | HealthForm::Check | HealthForm::Event
        )
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|f| f.code() == code)
    }

    /// The form that edits an entry of this kind.
    pub fn for_entry(details: &EntryDetails) -> Self {
        match details {
            EntryDetails::Immunisation(_) => HealthForm::Immunisation,
            EntryDetails::Check(_) => HealthForm::Check,
            EntryDetails::Event(_) => HealthForm::Event,
        }
    }

    pub fn heading(self, correcting: bool) -> &'static str {
        match (self, correcting) {
            (HealthForm::Immunisation, false) => "Add an immunisation",
            (HealthForm::Immunisation, true) => "Correct an immunisation",
            (HealthForm::Check, false) => "Add a dental, sight or hearing check",
            (HealthForm::Check, true) => "Correct a check",
            (HealthForm::Event, false) => "Add a condition, treatment, hospital stay or allergy",
            (HealthForm::Event, true) => "Correct a condition, treatment, hospital stay or allergy",
            (HealthForm::Details, _) => "NHS number, GP and dentist",
            (HealthForm::Assessment, _) => "Record a health assessment",
        }
    }

    /// What the saved banner says.
    pub fn saved(self) -> &'static str {
        match self {
            HealthForm::Immunisation => "The immunisation has been saved.",
            HealthForm::Check => "The check has been saved.",
            HealthForm::Event => "The entry has been saved.",
            HealthForm::Details => "The NHS number, GP and dentist have been saved.",
            HealthForm::Assessment => "The health assessment has been saved.",
        }
    }

    /// The answer names this form accepts; anything else a browser sends is dropped.
    fn names(self) -> Vec<String> {
        let dates: &[&str] = match self {
            HealthForm::Immunisation => &["given_on"],
            HealthForm::Check => &["checked_on"],
            HealthForm::Event => &["started_on", "ended_on"],
            HealthForm::Details => &[],
            HealthForm::Assessment => &["completed_on"],
        };
        let plain: &[&str] = match self {
            HealthForm::Immunisation => {
                &["vaccine", "other_vaccine", "dose", "where_given", "source"]
            }
            HealthForm::Check => &["kind", "result"],
            HealthForm::Event => &["kind", "what", "by_whom", "notes"],
            HealthForm::Details => &[
                "nhs_number",
                "gp_practice",
                "gp_phone",
                "dentist",
                "dentist_phone",
                "change_reason",
            ],
            HealthForm::Assessment => &["kind", "summary", "recommendations"],
        };
        let sharing: &[&str] = if self.has_sharing() {
            &SHARING_FIELDS
        } else {
            &[]
        };
        dates
            .iter()
            .flat_map(|d| ["day", "month", "year"].map(|part| format!("{d}_{part}")))
            .chain(plain.iter().chain(sharing).map(|n| (*n).to_owned()))
            .chain(std::iter::once("correction_reason".to_owned()))
            .collect()
    }

    /// The answers this form knows, trimmed to what a person could type.
    pub fn keep(self, sent: &Answers) -> Answers {
        self.names()
            .into_iter()
            .filter_map(|name| {
                let value: String = sent.get(&name)?.chars().take(6_000).collect();
                Some((name, value))
            })
            .collect()
    }

    /// Read the answers. A correction's reason is read by the caller, with the entry.
    pub fn read(self, answers: &Answers) -> Result<Reading, FieldErrors> {
        let text = |name: &str| answers.get(name).map(|v| v.trim()).unwrap_or_default();
        let optional = |name: &str| {
            Some(text(name))
                .filter(|t| !t.is_empty())
                .map(str::to_owned)
        };
        let mut errors = FieldErrors::new();
        let mut date = |name: &str, what: &str, required: bool| {
            let read = read_date(
                text(&format!("{name}_day")),
                text(&format!("{name}_month")),
                text(&format!("{name}_year")),
                what,
            );
            match read {
                Ok(Some(date)) => Some(date),
                Ok(None) if required => {
                    errors.add(name, format!("Enter {what}"));
                    None
                }
                Ok(None) => None,
                Err(message) => {
                    errors.add(name, message);
                    None
                }
            }
        };
        let details = match self {
            HealthForm::Details => {
                return HealthDetails::parse(
                    Some(text("nhs_number")),
                    Some(text("gp_practice")),
                    Some(text("gp_phone")),
                    Some(text("dentist")),
                    Some(text("dentist_phone")),
                )
                .map(|details| Reading::Details {
                    details,
                    change_reason: optional("change_reason"),
                });
            }
            HealthForm::Assessment => {
                let completed_on = date("completed_on", "the date it was done", true);
                let kind = AssessmentKind::from_code(text("kind"));
                if kind.is_none() {
                    errors.add("kind", "Select which health assessment it was");
                }
                return match (completed_on, kind) {
                    (Some(completed_on), Some(kind)) if errors.is_empty() => {
                        Ok(Reading::Assessment(NewHealthAssessment {
                            kind,
                            completed_on,
                            summary: optional("summary"),
                            recommendations: optional("recommendations"),
                        }))
                    }
                    _ => Err(errors),
                };
            }
            HealthForm::Immunisation => {
                let given_on = date("given_on", "the date it was given", true);
                let vaccine = Vaccine::from_code(text("vaccine"));
                if vaccine.is_none() {
                    errors.add("vaccine", "Select the vaccine");
                }
                given_on.zip(vaccine).map(|(given_on, vaccine)| {
                    EntryDetails::Immunisation(Immunisation {
                        vaccine,
                        other_vaccine: optional("other_vaccine"),
                        given_on,
                        dose: optional("dose"),
                        where_given: optional("where_given"),
                        source: optional("source"),
                    })
                })
            }
            HealthForm::Check => {
                let checked_on = date("checked_on", "the date of the check", true);
                let kind = CheckKind::from_code(text("kind"));
                if kind.is_none() {
                    errors.add("kind", "Select which check it was");
                }
                checked_on.zip(kind).map(|(checked_on, kind)| {
                    EntryDetails::Check(Check {
                        kind,
                        checked_on,
                        result: text("result").to_owned(),
                    })
                })
            }
            HealthForm::Event => {
                let started_on = date("started_on", "the date it began or was found", true);
                let ended_on = date("ended_on", "the date it ended", false);
                let kind = EventKind::from_code(text("kind"));
                if kind.is_none() {
                    errors.add("kind", "Select what kind of entry this is");
                }
                started_on.zip(kind).map(|(started_on, kind)| {
                    EntryDetails::Event(Event {
                        kind,
                        what: text("what").to_owned(),
                        started_on,
                        ended_on,
                        by_whom: optional("by_whom"),
                        notes: optional("notes"),
                    })
                })
            }
        };
        let sharing = match text("shared") {
            "yes" => Sharing::check(true, None),
            "no" => Sharing::check(false, Some(text("not_shared_reason"))),
            _ => Err(FieldErrors::single(
                "shared",
                "Select whether the young person can see this now",
            )),
        };
        match (details, sharing) {
            (Some(details), Ok(sharing)) if errors.is_empty() => {
                Ok(Reading::Entry(EntryText { details, sharing }))
            }
            (_, sharing) => {
                if let Err(more) = sharing {
                    errors.merge(more);
                }
                Err(errors)
            }
        }
    }

    /// The fields, filled with the answers and marked with their errors.
    pub fn fields(self, answers: &Answers, errors: &ErrorSummary, correcting: bool) -> Vec<Field> {
        let value = |name: &str| answers.get(name).cloned().unwrap_or_default();
        let text = |name: &str, label: &str| TextField::new(name, label).value(&value(name));
        let date = |name: &str, legend: &str| {
            Field::Date(
                DateField::new(name, legend)
                    .hint("For example, 27 3 2024")
                    .typed(
                        &value(&format!("{name}_day")),
                        &value(&format!("{name}_month")),
                        &value(&format!("{name}_year")),
                    )
                    .errors_from(errors),
            )
        };
        let textarea =
            |name: &str, label: &str| TextareaField::new(name, label).value(&value(name));
        let radios = |name: &str, legend: &str, choices: &[(&str, &str)]| {
            ChoiceField::radios(name, legend, choices).select(&[value(name).as_str()])
        };
        let mut fields = match self {
            HealthForm::Immunisation => vec![
                Field::Choice(
                    radios(
                        "vaccine",
                        "Which vaccine?",
                        &Vaccine::ALL.map(|v| (v.code(), v.name())),
                    )
                    .errors_from(errors),
                ),
                Field::Text(
                    text("other_vaccine", "If it was another vaccine, its name")
                        .errors_from(errors),
                ),
                date("given_on", "When was it given?"),
                Field::Text(
                    text("dose", "Dose (optional)")
                        .hint("For example, 1st dose, 2nd dose or booster")
                        .errors_from(errors),
                ),
                Field::Text(
                    text("where_given", "Where was it given? (optional)").errors_from(errors),
                ),
                Field::Text(
                    text("source", "Where is this record from? (optional)")
                        .hint("For example, GP record, Red Book or school nurse")
                        .errors_from(errors),
                ),
            ],
            HealthForm::Check => vec![
                Field::Choice(
                    radios(
                        "kind",
                        "Which check?",
                        &CheckKind::ALL.map(|k| (k.code(), k.title())),
                    )
                    .errors_from(errors),
                ),
                date("checked_on", "When was the check?"),
                Field::Textarea(
                    textarea("result", "What did it find?")
                        .hint("In plain words the young person will understand")
                        .errors_from(errors),
                ),
            ],
            HealthForm::Event => vec![
                Field::Choice(
                    radios(
                        "kind",
                        "What kind of entry is it?",
                        &EventKind::ALL.map(|k| (k.code(), k.title())),
                    )
                    .errors_from(errors),
                ),
                Field::Text(
                    text("what", "What was it?")
                        .hint("For example, asthma, a broken wrist, or penicillin")
                        .errors_from(errors),
                ),
                date("started_on", "When did it begin, or when was it found?"),
                date("ended_on", "When did it end? (optional)"),
                Field::Text(
                    text(
                        "by_whom",
                        "Who diagnosed or treated it, or where? (optional)",
                    )
                    .errors_from(errors),
                ),
                Field::Textarea(
                    textarea("notes", "What should the young person know? (optional)")
                        .errors_from(errors),
                ),
            ],
            HealthForm::Details => vec![
                Field::Text(
                    text("nhs_number", "NHS number (optional)")
                        .numeric()
                        .hint("10 numbers, for example 943 476 5919")
                        .errors_from(errors),
                ),
                Field::Text(
                    text("gp_practice", "GP practice name and address (optional)")
                        .errors_from(errors),
                ),
                Field::Text(
                    text("gp_phone", "GP practice phone number (optional)")
                        .telephone()
                        .errors_from(errors),
                ),
                Field::Text(
                    text("dentist", "Dentist name and address (optional)").errors_from(errors),
                ),
                Field::Text(
                    text("dentist_phone", "Dentist phone number (optional)")
                        .telephone()
                        .errors_from(errors),
                ),
                Field::Textarea(
                    textarea("change_reason", "Why are these changing? (optional)")
                        .hint("For example, moved to a new GP, or the NHS number was wrong")
                        .errors_from(errors),
                ),
            ],
            HealthForm::Assessment => vec![
                Field::Choice(
                    radios(
                        "kind",
                        "Which health assessment?",
                        &[AssessmentKind::Initial, AssessmentKind::Review]
                            .map(|k| (k.code(), k.title())),
                    )
                    .errors_from(errors),
                ),
                date("completed_on", "When was it done?"),
                Field::Textarea(
                    textarea("summary", "What did it find? (optional)")
                        .hint("Written for the young person, in words they will understand")
                        .errors_from(errors),
                ),
                Field::Textarea(
                    textarea("recommendations", "What should happen next? (optional)")
                        .hint("Written for the young person: who will do what")
                        .errors_from(errors),
                ),
            ],
        };
        if self.has_sharing() {
            fields.push(Field::Choice(
                radios(
                    "shared",
                    "Can the young person see this now?",
                    &[("yes", "Yes"), ("no", "Not yet")],
                )
                .hint("Choose 'Not yet' for something that should be explained in person first. They will be told that there is something to talk about.")
                .errors_from(errors),
            ));
            fields.push(Field::Textarea(
                textarea("not_shared_reason", "If not yet, why not? (optional)")
                    .hint("Say who will explain it, and when")
                    .errors_from(errors),
            ));
        }
        if correcting {
            fields.push(Field::Textarea(
                textarea("correction_reason", "Why are you correcting this?")
                    .hint("This is kept with the entry, with your name. What it said before is kept too.")
                    .errors_from(errors),
            ));
        }
        fields
    }
}

/// The answers that show a saved entry again, for correcting it.
pub fn answers_for_entry(text: &EntryText) -> Answers {
    let mut answers = Answers::new();
    let mut put = |name: &str, value: Option<&str>| {
        if let Some(value) = value {
            answers.insert(name.to_owned(), value.to_owned());
        }
    };
    let day = |date: Option<NaiveDate>| date.map(|d| d.day().to_string());
    let month = |date: Option<NaiveDate>| date.map(|d| d.month().to_string());
    let year = |date: Option<NaiveDate>| date.map(|d| d.year().to_string());
    let mut put_date = |name: &str, date: Option<NaiveDate>| {
        put(&format!("{name}_day"), day(date).as_deref());
        put(&format!("{name}_month"), month(date).as_deref());
        put(&format!("{name}_year"), year(date).as_deref());
    };
    match &text.details {
        EntryDetails::Immunisation(i) => {
            put_date("given_on", Some(i.given_on));
            put("vaccine", Some(i.vaccine.code()));
            put("other_vaccine", i.other_vaccine.as_deref());
            put("dose", i.dose.as_deref());
            put("where_given", i.where_given.as_deref());
            put("source", i.source.as_deref());
        }
        EntryDetails::Check(c) => {
            put_date("checked_on", Some(c.checked_on));
            put("kind", Some(c.kind.code()));
            put("result", Some(&c.result));
        }
        EntryDetails::Event(e) => {
            put_date("started_on", Some(e.started_on));
            put_date("ended_on", e.ended_on);
            put("kind", Some(e.kind.code()));
            put("what", Some(&e.what));
            put("by_whom", e.by_whom.as_deref());
            put("notes", e.notes.as_deref());
        }
    }
    match &text.sharing {
        Sharing::Shared => put("shared", Some("yes")),
        Sharing::NotYetShared { reason } => {
            put("shared", Some("no"));
            put("not_shared_reason", Some(reason));
        }
    }
    answers
}

/// The answers that show the current details again, for changing them.
pub fn answers_for_details(details: &HealthDetails) -> Answers {
    [
        ("nhs_number", details.nhs_number.map(|n| n.to_string())),
        ("gp_practice", details.gp_practice.clone()),
        ("gp_phone", details.gp_phone.clone()),
        ("dentist", details.dentist.clone()),
        ("dentist_phone", details.dentist_phone.clone()),
    ]
    .into_iter()
    .filter_map(|(name, value)| Some((name.to_owned(), value?)))
    .collect()
}

fn or_not_given(value: &Option<String>) -> String {
    value.clone().unwrap_or_else(|| "Not given".to_owned())
}

/// "Check your answers": each answer as it will be saved.
pub fn answer_rows(reading: &Reading, correction_reason: Option<&str>) -> Vec<AnswerRow> {
    let row = |question: &'static str, answer: String, field: &str| AnswerRow {
        question,
        answer,
        field_id: field.replace('_', "-"),
    };
    let mut rows = match reading {
        Reading::Details {
            details,
            change_reason,
        } => vec![
            row(
                "NHS number",
                details
                    .nhs_number
                    .map(|n| n.to_string())
                    .unwrap_or_else(|| "Not given".into()),
                "nhs_number",
            ),
            row(
                "GP practice",
                or_not_given(&details.gp_practice),
                "gp_practice",
            ),
            row(
                "GP phone number",
                or_not_given(&details.gp_phone),
                "gp_phone",
            ),
            row("Dentist", or_not_given(&details.dentist), "dentist"),
            row(
                "Dentist phone number",
                or_not_given(&details.dentist_phone),
                "dentist_phone",
            ),
            row(
                "Why these are changing",
                or_not_given(change_reason),
                "change_reason",
            ),
        ],
        Reading::Assessment(new) => vec![
            row("Assessment", new.kind.title().to_owned(), "kind"),
            row("Date", long_date(new.completed_on), "completed_on"),
            row("What it found", or_not_given(&new.summary), "summary"),
            row(
                "What should happen next",
                or_not_given(&new.recommendations),
                "recommendations",
            ),
        ],
        Reading::Entry(text) => {
            let mut rows = match &text.details {
                EntryDetails::Immunisation(i) => vec![
                    row("Vaccine", i.vaccine_name().to_owned(), "vaccine"),
                    row("Date given", long_date(i.given_on), "given_on"),
                    row("Dose", or_not_given(&i.dose), "dose"),
                    row("Where", or_not_given(&i.where_given), "where_given"),
                    row("Record from", or_not_given(&i.source), "source"),
                ],
                EntryDetails::Check(c) => vec![
                    row("Check", c.kind.title().to_owned(), "kind"),
                    row("Date", long_date(c.checked_on), "checked_on"),
                    row("What it found", c.result.clone(), "result"),
                ],
                EntryDetails::Event(e) => vec![
                    row("Kind", e.kind.title().to_owned(), "kind"),
                    row("What", e.what.clone(), "what"),
                    row("Began or found", long_date(e.started_on), "started_on"),
                    row(
                        "Ended",
                        e.ended_on
                            .map(long_date)
                            .unwrap_or_else(|| "Not given".into()),
                        "ended_on",
                    ),
                    row("Who or where", or_not_given(&e.by_whom), "by_whom"),
                    row("Notes", or_not_given(&e.notes), "notes"),
                ],
            };
            rows.push(match &text.sharing {
                Sharing::Shared => row("Young person can see it", "Yes".into(), "shared"),
                Sharing::NotYetShared { reason } => row(
                    "Young person can see it",
                    format!("Not yet: {reason}"),
                    "shared",
                ),
            });
            rows
        }
    };
    if let Some(reason) = correction_reason {
        rows.push(row(
            "Why you are correcting it",
            reason.to_owned(),
            "correction_reason",
        ));
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answers(pairs: &[(&str, &str)]) -> Answers {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    #[test]
    fn an_immunisation_is_read_from_its_answers_and_shown_again_the_same() {
        let sent = answers(&[
            ("vaccine", "mmr"),
            ("given_on_day", "3"),
            ("given_on_month", "4"),
            ("given_on_year", "2010"),
            ("dose", " 2nd dose "),
            ("shared", "yes"),
            ("csrf_token", "not an answer"),
        ]);
        let kept = HealthForm::Immunisation.keep(&sent);
        assert!(!kept.contains_key("csrf_token"));
        let Ok(Reading::Entry(text)) = HealthForm::Immunisation.read(&kept) else {
            panic!("reads");
        };
        assert_eq!(text.sharing, Sharing::Shared);
        let EntryDetails::Immunisation(i) = &text.details else {
            panic!("an immunisation");
        };
        assert_eq!(i.dose.as_deref(), Some("2nd dose"));
        assert_eq!(i.given_on, NaiveDate::from_ymd_opt(2010, 4, 3).unwrap());
        let again = answers_for_entry(&text);
        assert_eq!(
            HealthForm::Immunisation
                .read(&again)
                .ok()
                .map(|r| matches!(r, Reading::Entry(t) if t == text)),
            Some(true)
        );
        let rows = answer_rows(&Reading::Entry(text), Some("Wrong month"));
        assert_eq!(rows[1].answer, "3 April 2010");
        assert_eq!(rows[1].field_id, "given-on");
        assert_eq!(rows.last().unwrap().answer, "Wrong month");
    }

    #[test]
    fn missing_answers_are_each_named() {
        let errors = HealthForm::Event
            .read(&answers(&[
                ("ended_on_day", "40"),
                ("ended_on_month", "1"),
                ("ended_on_year", "2020"),
            ]))
            .unwrap_err()
            .into_map();
        assert_eq!(
            errors["kind"],
            vec!["Select what kind of entry this is".to_owned()]
        );
        assert_eq!(
            errors["started_on"],
            vec!["Enter the date it began or was found".to_owned()]
        );
        assert_eq!(
            errors["ended_on"],
            vec!["The date it ended must be a real date".to_owned()]
        );
        assert!(errors.contains_key("shared"));
        let held_back = HealthForm::Check
            .read(&answers(&[
                ("kind", "hearing"),
                ("checked_on_day", "1"),
                ("checked_on_month", "2"),
                ("checked_on_year", "2026"),
                ("result", "Normal"),
                ("shared", "no"),
            ]))
            .unwrap_err()
            .into_map();
        assert_eq!(held_back.keys().collect::<Vec<_>>(), ["not_shared_reason"]);
    }
}

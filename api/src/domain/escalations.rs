//! The IRO's dispute resolution process: a concern about a child's plan, raised informally
//! and escalated stage by stage until it is resolved (IRO Handbook 2010, chapter 5; the
//! stages and response times are each authority's local protocol).
use chrono::NaiveDate;

use super::{
    calendar::add_working_days, care::check_while_in_care, obligations::Span,
    validation::FieldErrors,
};

/// How long whoever holds the escalation has to respond, unless the IRO sets a date: the
/// local protocol's figure.
pub const RESPONSE_WORKING_DAYS: u32 = 5;
pub const MAX_TEXT_CHARS: usize = 5_000;

/// The stages, in the order a concern moves up them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Stage {
    Informal,
    TeamManager,
    ServiceManager,
    HeadOfService,
    Director,
    CafcassReferral,
}

impl Stage {
    pub const ALL: [Stage; 6] = [
        Stage::Informal,
        Stage::TeamManager,
        Stage::ServiceManager,
        Stage::HeadOfService,
        Stage::Director,
        Stage::CafcassReferral,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Stage::Informal => "informal",
            Stage::TeamManager => "team_manager",
            Stage::ServiceManager => "service_manager",
            Stage::HeadOfService => "head_of_service",
            Stage::Director => "director",
            Stage::CafcassReferral => "cafcass_referral",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|stage| stage.code() == code)
    }

    pub fn title(self) -> &'static str {
        match self {
            Stage::Informal => "Informal, with the social worker",
            Stage::TeamManager => "Team manager",
            Stage::ServiceManager => "Service manager",
            Stage::HeadOfService => "Head of service",
            Stage::Director => "Director of children's services",
            Stage::CafcassReferral => "Referred to Cafcass",
        }
    }
}

/// An escalation as it stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Escalation {
    pub raised_on: NaiveDate,
    pub stage: Stage,
    pub stage_reached_on: NaiveDate,
    pub response_due_on: NaiveDate,
    pub response: Option<String>,
    pub resolved_on: Option<NaiveDate>,
}

/// What the IRO writes to raise one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Raise {
    pub issue: String,
    pub raised_on: NaiveDate,
    pub stage: Stage,
    pub response_due_on: Option<NaiveDate>,
}

/// A change: any of these, the rest left as they are.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Change {
    pub stage: Option<Stage>,
    pub response_due_on: Option<NaiveDate>,
    pub response: Option<String>,
    pub resolved_on: Option<NaiveDate>,
}

fn long(date: NaiveDate) -> String {
    date.format("%-d %B %Y").to_string()
}

fn check_text(errors: &mut FieldErrors, field: &str, text: &str, what: &str) {
    if text.chars().count() > MAX_TEXT_CHARS {
        errors.add(
            field,
            format!("{what} must be {MAX_TEXT_CHARS} characters or fewer"),
        );
    }
}

/// A new escalation, checked: about a child in care on the day it was raised. The response
/// is due `RESPONSE_WORKING_DAYS` after it was raised unless the IRO gave a date.
pub fn raise(
    new: Raise,
    periods_of_care: &[Span],
    today: NaiveDate,
) -> Result<(String, Escalation), FieldErrors> {
    let mut errors = FieldErrors::new();
    let issue = new.issue.trim().to_owned();
    if issue.is_empty() {
        errors.add("issue", "Describe the concern about the child's plan");
    }
    check_text(&mut errors, "issue", &issue, "The concern");
    if let Err(not_in_care) = check_while_in_care(
        "raised_on",
        "An escalation",
        new.raised_on,
        periods_of_care,
        today,
    ) {
        for (field, messages) in not_in_care.iter() {
            for message in messages {
                errors.add(field, message.clone());
            }
        }
    }
    let response_due_on = new
        .response_due_on
        .unwrap_or_else(|| add_working_days(new.raised_on, RESPONSE_WORKING_DAYS));
    if response_due_on < new.raised_on {
        errors.add(
            "response_due_on",
            format!(
                "The response due date must be on or after {}, when it was raised",
                long(new.raised_on)
            ),
        );
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok((
        issue,
        Escalation {
            raised_on: new.raised_on,
            stage: new.stage,
            stage_reached_on: new.raised_on,
            response_due_on,
            response: None,
            resolved_on: None,
        },
    ))
}

/// The escalation after a change, checked: a resolved escalation is closed, stages only move
/// up (a new stage gets a new response date), and nothing is dated in the future.
pub fn change(
    current: &Escalation,
    change: Change,
    today: NaiveDate,
) -> Result<Escalation, FieldErrors> {
    let mut errors = FieldErrors::new();
    if let Some(resolved_on) = current.resolved_on {
        errors.add(
            "resolved_on",
            format!(
                "This escalation was resolved on {}. Raise a new one if the concern has come back",
                long(resolved_on)
            ),
        );
        return Err(errors);
    }
    let mut next = current.clone();
    if let Some(stage) = change.stage {
        if stage < current.stage {
            errors.add(
                "stage",
                format!(
                    "An escalation cannot go back down: it is at \"{}\" now",
                    current.stage.title()
                ),
            );
        } else if stage > current.stage {
            next.stage = stage;
            next.stage_reached_on = today;
            next.response_due_on = add_working_days(today, RESPONSE_WORKING_DAYS);
            // A response belongs to the stage it answered; the history keeps it.
            next.response = None;
        }
    }
    if let Some(due) = change.response_due_on {
        if due < next.stage_reached_on {
            errors.add(
                "response_due_on",
                format!(
                    "The response due date must be on or after {}, when this stage began",
                    long(next.stage_reached_on)
                ),
            );
        }
        next.response_due_on = due;
    }
    if let Some(response) = change.response {
        let response = response.trim().to_owned();
        check_text(&mut errors, "response", &response, "The response");
        if !response.is_empty() {
            next.response = Some(response);
        }
    }
    if let Some(resolved_on) = change.resolved_on {
        if resolved_on > today {
            errors.add(
                "resolved_on",
                "The date it was resolved must be today or in the past",
            );
        } else if resolved_on < current.raised_on {
            errors.add(
                "resolved_on",
                format!(
                    "The date it was resolved must be on or after {}, when it was raised",
                    long(current.raised_on)
                ),
            );
        }
        next.resolved_on = Some(resolved_on);
    }
    if errors.is_empty() {
        Ok(next)
    } else {
        Err(errors)
    }
}

/// Whole days since it was raised.
pub fn age_in_days(escalation: &Escalation, today: NaiveDate) -> i64 {
    (today - escalation.raised_on).num_days().max(0)
}

/// Open, and the response date has passed with no response.
pub fn response_overdue(escalation: &Escalation, today: NaiveDate) -> bool {
    escalation.resolved_on.is_none()
        && escalation.response.is_none()
        && today > escalation.response_due_on
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    const IN_CARE: [Span; 1] = [Span {
        started_on: NaiveDate::from_ymd_opt(2025, 1, 6).unwrap(),
        ended_on: None,
    }];

    fn raised(on: &str) -> Escalation {
        raise(
            Raise {
                issue: "The plan has no date for contact with her brother".into(),
                raised_on: d(on),
                stage: Stage::Informal,
                response_due_on: None,
            },
            &IN_CARE,
            d("2026-12-31"),
        )
        .unwrap()
        .1
    }

    #[test]
    fn the_response_is_due_five_working_days_after_raising_unless_the_iro_sets_a_date() {
        // Raised on Monday 21 December 2026: Christmas Day (Friday) and the Boxing Day
        // substitute (Monday 28th) are not working days.
        let escalation = raised("2026-12-21");
        assert_eq!(escalation.response_due_on, d("2026-12-30"));
        assert_eq!(escalation.stage_reached_on, d("2026-12-21"));
        let chosen = raise(
            Raise {
                issue: "Plan".into(),
                raised_on: d("2026-12-21"),
                stage: Stage::TeamManager,
                response_due_on: Some(d("2027-01-08")),
            },
            &IN_CARE,
            d("2026-12-21"),
        )
        .unwrap()
        .1;
        assert_eq!(chosen.response_due_on, d("2027-01-08"));
    }

    #[test]
    fn a_concern_needs_words_a_date_in_care_not_in_the_future_and_a_due_date_after_it() {
        let errors = raise(
            Raise {
                issue: "   ".into(),
                raised_on: d("2026-12-02"),
                stage: Stage::Informal,
                response_due_on: Some(d("2026-11-30")),
            },
            &IN_CARE,
            d("2026-12-01"),
        )
        .unwrap_err()
        .into_map();
        assert!(errors.contains_key("issue"));
        assert!(errors.contains_key("raised_on"));
        assert!(errors.contains_key("response_due_on"));
        let long_issue = "x".repeat(MAX_TEXT_CHARS + 1);
        let errors = raise(
            Raise {
                issue: long_issue,
                raised_on: d("2026-12-01"),
                stage: Stage::Informal,
                response_due_on: None,
            },
            &IN_CARE,
            d("2026-12-01"),
        )
        .unwrap_err()
        .into_map();
        assert_eq!(errors.keys().collect::<Vec<_>>(), ["issue"]);
        let before_care = raise(
            Raise {
                issue: "Plan".into(),
                raised_on: d("2024-12-01"),
                stage: Stage::Informal,
                response_due_on: None,
            },
            &IN_CARE,
            d("2026-12-01"),
        )
        .unwrap_err()
        .into_map();
        assert!(before_care["raised_on"][0].contains("before care began on 6 January 2025"));
    }

    #[test]
    fn escalating_moves_up_a_stage_and_restarts_the_response_clock() {
        let mut escalation = raised("2026-11-02");
        escalation.response = Some("We will review contact".into());
        let next = change(
            &escalation,
            Change {
                stage: Some(Stage::ServiceManager),
                ..Change::default()
            },
            d("2026-11-20"),
        )
        .unwrap();
        assert_eq!(next.stage, Stage::ServiceManager);
        assert_eq!(next.stage_reached_on, d("2026-11-20"));
        assert_eq!(next.response_due_on, d("2026-11-27"));
        assert_eq!(next.response, None, "the new stage has not answered yet");
        assert_eq!(next.raised_on, d("2026-11-02"));
    }

    #[test]
    fn an_escalation_never_goes_back_down_a_stage() {
        let mut escalation = raised("2026-11-02");
        escalation.stage = Stage::Director;
        let errors = change(
            &escalation,
            Change {
                stage: Some(Stage::TeamManager),
                ..Change::default()
            },
            d("2026-11-20"),
        )
        .unwrap_err()
        .into_map();
        assert!(errors["stage"][0].contains("Director of children's services"));
        // Staying at the same stage is not a change of stage.
        let same = change(
            &escalation,
            Change {
                stage: Some(Stage::Director),
                response: Some("Agreed to fund the placement".into()),
                ..Change::default()
            },
            d("2026-11-20"),
        )
        .unwrap();
        assert_eq!(same.stage_reached_on, escalation.stage_reached_on);
        assert_eq!(
            same.response.as_deref(),
            Some("Agreed to fund the placement")
        );
    }

    #[test]
    fn resolving_closes_it_and_a_resolved_escalation_cannot_change() {
        let escalation = raised("2026-11-02");
        let errors = change(
            &escalation,
            Change {
                resolved_on: Some(d("2026-11-01")),
                ..Change::default()
            },
            d("2026-11-20"),
        )
        .unwrap_err()
        .into_map();
        assert!(errors["resolved_on"][0].contains("2 November 2026"));
        assert!(
            change(
                &escalation,
                Change {
                    resolved_on: Some(d("2026-11-21")),
                    ..Change::default()
                },
                d("2026-11-20"),
            )
            .is_err(),
            "not in the future"
        );
        let resolved = change(
            &escalation,
            Change {
                resolved_on: Some(d("2026-11-19")),
                ..Change::default()
            },
            d("2026-11-20"),
        )
        .unwrap();
        assert_eq!(resolved.resolved_on, Some(d("2026-11-19")));
        assert!(
            change(
                &resolved,
                Change {
                    response: Some("Late reply".into()),
                    ..Change::default()
                },
                d("2026-11-21"),
            )
            .is_err()
        );
    }

    #[test]
    fn age_and_an_overdue_response_are_counted_from_today() {
        let escalation = raised("2026-11-02");
        assert_eq!(age_in_days(&escalation, d("2026-11-20")), 18);
        assert!(!response_overdue(&escalation, d("2026-11-09")));
        assert!(response_overdue(&escalation, d("2026-11-10")));
        let answered = Escalation {
            response: Some("Done".into()),
            ..escalation
        };
        assert!(!response_overdue(&answered, d("2026-11-20")));
    }
}

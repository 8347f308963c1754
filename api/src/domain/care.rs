//! Rules for the facts recorded about a child in care, checked before they are saved.
use chrono::NaiveDate;

use super::{obligations::Span, validation::FieldErrors};

/// The legal basis on which a child is looked after.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LegalStatus {
    Section20,
    PoliceProtection,
    EmergencyProtectionOrder,
    InterimCareOrder,
    CareOrder,
    PlacementOrder,
    Remand,
}

impl LegalStatus {
    pub const ALL: [LegalStatus; 7] = [
        LegalStatus::Section20,
        LegalStatus::PoliceProtection,
        LegalStatus::EmergencyProtectionOrder,
        LegalStatus::InterimCareOrder,
        LegalStatus::CareOrder,
        LegalStatus::PlacementOrder,
        LegalStatus::Remand,
    ];

    pub fn code(self) -> &'static str {
        match self {
            LegalStatus::Section20 => "s20",
            LegalStatus::PoliceProtection => "police_protection",
            LegalStatus::EmergencyProtectionOrder => "emergency_protection_order",
            LegalStatus::InterimCareOrder => "interim_care_order",
            LegalStatus::CareOrder => "care_order",
            LegalStatus::PlacementOrder => "placement_order",
            LegalStatus::Remand => "remand",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|status| status.code() == code)
    }
}

/// How a child took part in their review: the categories of the SSDA903 return (PN0–PN7),
/// in plain words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Participation {
    SpokeForThemselves,
    AdvocateSpokeForThem,
    ShowedViewsWithoutWords,
    CameWithoutSharingViews,
    AbsentAdvocateSpokeForThem,
    AbsentSharedViewsAnotherWay,
    AbsentViewsNotShared,
    UnderFour,
}

impl Participation {
    pub const ALL: [Participation; 8] = [
        Participation::SpokeForThemselves,
        Participation::AdvocateSpokeForThem,
        Participation::ShowedViewsWithoutWords,
        Participation::CameWithoutSharingViews,
        Participation::AbsentAdvocateSpokeForThem,
        Participation::AbsentSharedViewsAnotherWay,
        Participation::AbsentViewsNotShared,
        Participation::UnderFour,
    ];

    /// The SSDA903 code.
    pub fn code(self) -> &'static str {
        match self {
            Participation::UnderFour => "PN0",
            Participation::SpokeForThemselves => "PN1",
            Participation::AdvocateSpokeForThem => "PN2",
            Participation::ShowedViewsWithoutWords => "PN3",
            Participation::CameWithoutSharingViews => "PN4",
            Participation::AbsentAdvocateSpokeForThem => "PN5",
            Participation::AbsentSharedViewsAnotherWay => "PN6",
            Participation::AbsentViewsNotShared => "PN7",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.code() == code)
    }

    pub fn words(self) -> &'static str {
        match self {
            Participation::SpokeForThemselves => "Came and spoke for themselves",
            Participation::AdvocateSpokeForThem => "Came, and an advocate spoke for them",
            Participation::ShowedViewsWithoutWords => "Came and showed their views without words",
            Participation::CameWithoutSharingViews => "Came but did not share their views",
            Participation::AbsentAdvocateSpokeForThem => "Did not come; an advocate spoke for them",
            Participation::AbsentSharedViewsAnotherWay => {
                "Did not come; shared their views another way"
            }
            Participation::AbsentViewsNotShared => "Did not come and their views were not shared",
            Participation::UnderFour => "Under 4 at the time of the review",
        }
    }
}

fn long(date: NaiveDate) -> String {
    date.format("%-d %B %Y").to_string()
}

fn overlaps(a: Span, b: Span) -> bool {
    let a_end = a.ended_on.unwrap_or(NaiveDate::MAX);
    let b_end = b.ended_on.unwrap_or(NaiveDate::MAX);
    a.started_on <= b_end && b.started_on <= a_end
}

/// A new period of care: not in the future, not before birth, ending on or after it starts,
/// and not overlapping another period of the same child.
pub fn check_period_of_care(
    new: Span,
    date_of_birth: NaiveDate,
    existing: &[Span],
    today: NaiveDate,
) -> Result<(), FieldErrors> {
    let mut errors = FieldErrors::new();
    if new.started_on > today {
        errors.add(
            "started_on",
            "The date care began must be today or in the past",
        );
    } else if new.started_on < date_of_birth {
        errors.add(
            "started_on",
            "The date care began cannot be before the young person was born",
        );
    }
    if let Some(ended_on) = new.ended_on {
        if ended_on < new.started_on {
            errors.add(
                "ended_on",
                "The date care ended must be the same as or after the date it began",
            );
        } else if ended_on > today {
            errors.add(
                "ended_on",
                "The date care ended must be today or in the past",
            );
        }
    }
    if errors.is_empty()
        && let Some(clash) = existing.iter().find(|period| overlaps(new, **period))
    {
        let until = clash.ended_on.map_or("now".to_owned(), long);
        errors.add(
            "started_on",
            format!(
                "This overlaps another period of care, from {} to {until}",
                long(clash.started_on)
            ),
        );
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

/// Something that happens while a child is looked after (a review, a visit, a placement
/// starting): not in the future, and on a day the child was in care. `what` begins the
/// message, for example "A review".
pub fn check_while_in_care(
    field: &str,
    what: &str,
    on: NaiveDate,
    periods: &[Span],
    today: NaiveDate,
) -> Result<(), FieldErrors> {
    if on > today {
        return Err(FieldErrors::single(
            field,
            format!("{what} cannot be in the future"),
        ));
    }
    let in_care = periods
        .iter()
        .any(|period| on >= period.started_on && period.ended_on.is_none_or(|ended| on <= ended));
    if !in_care {
        let message = match periods.iter().map(|p| p.started_on).min() {
            Some(first) if on < first => {
                format!("{what} cannot be before care began on {}", long(first))
            }
            Some(_) => format!("{what} must be on a day the young person was looked after"),
            None => format!(
                "Record a period of care first: {} can only be while the young person is looked after",
                what.to_lowercase()
            ),
        };
        return Err(FieldErrors::single(field, message));
    }
    Ok(())
}

/// A date that ends something that began on `started_on`.
pub fn check_end(
    field: &str,
    started_on: NaiveDate,
    ended_on: Option<NaiveDate>,
    today: NaiveDate,
) -> Result<(), FieldErrors> {
    match ended_on {
        Some(end) if end < started_on => Err(FieldErrors::single(
            field,
            "The end date must be the same as or after the start date",
        )),
        Some(end) if end > today => Err(FieldErrors::single(
            field,
            "The end date must be today or in the past",
        )),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    const TODAY: &str = "2026-11-22";

    fn span(start: &str, end: Option<&str>) -> Span {
        Span {
            started_on: d(start),
            ended_on: end.map(d),
        }
    }

    #[test]
    fn a_period_of_care_cannot_end_before_it_starts() {
        let errors = check_period_of_care(
            span("2026-05-01", Some("2026-04-01")),
            d("2012-01-01"),
            &[],
            d(TODAY),
        )
        .unwrap_err();
        assert!(errors.iter().any(|(field, _)| field == "ended_on"));
    }

    #[test]
    fn periods_of_care_of_one_child_cannot_overlap() {
        let existing = [
            span("2025-01-01", Some("2025-06-30")),
            span("2026-01-01", None),
        ];
        let errors = check_period_of_care(
            span("2025-06-30", Some("2025-08-01")),
            d("2012-01-01"),
            &existing,
            d(TODAY),
        )
        .unwrap_err();
        let message = &errors.iter().next().unwrap().1[0];
        assert!(
            message
                .contains("overlaps another period of care, from 1 January 2025 to 30 June 2025"),
            "{message}"
        );
        assert!(
            check_period_of_care(
                span("2025-07-01", Some("2025-12-31")),
                d("2012-01-01"),
                &existing,
                d(TODAY)
            )
            .is_ok()
        );
        // An open period runs on: nothing may start after it.
        assert!(
            check_period_of_care(
                span("2026-03-01", None),
                d("2012-01-01"),
                &existing,
                d(TODAY)
            )
            .is_err()
        );
    }

    #[test]
    fn a_period_of_care_is_not_in_the_future_or_before_birth() {
        assert!(
            check_period_of_care(span("2026-11-23", None), d("2012-01-01"), &[], d(TODAY)).is_err()
        );
        assert!(
            check_period_of_care(span("2011-12-31", None), d("2012-01-01"), &[], d(TODAY)).is_err()
        );
    }

    #[test]
    fn a_review_cannot_be_held_before_care_began_or_in_the_future() {
        let periods = [span("2026-01-05", None)];
        let before =
            check_while_in_care("held_on", "A review", d("2026-01-04"), &periods, d(TODAY))
                .unwrap_err();
        assert_eq!(
            before.iter().next().unwrap().1[0],
            "A review cannot be before care began on 5 January 2026"
        );
        let future =
            check_while_in_care("held_on", "A review", d("2026-11-23"), &periods, d(TODAY))
                .unwrap_err();
        assert_eq!(
            future.iter().next().unwrap().1[0],
            "A review cannot be in the future"
        );
        assert!(
            check_while_in_care("held_on", "A review", d("2026-11-22"), &periods, d(TODAY)).is_ok()
        );
    }

    #[test]
    fn nothing_can_be_recorded_between_periods_of_care() {
        let periods = [
            span("2025-01-01", Some("2025-03-01")),
            span("2026-01-01", None),
        ];
        assert!(
            check_while_in_care("visited_on", "A visit", d("2025-06-01"), &periods, d(TODAY))
                .is_err()
        );
        assert!(
            check_while_in_care("visited_on", "A visit", d("2025-02-01"), &periods, d(TODAY))
                .is_ok()
        );
    }

    #[test]
    fn legal_statuses_round_trip() {
        for status in LegalStatus::ALL {
            assert_eq!(LegalStatus::from_code(status.code()), Some(status));
        }
    }
}

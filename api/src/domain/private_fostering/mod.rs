//! Private fostering (Children Act 1989 s66; Children (Private Arrangements for Fostering)
//! Regulations 2005): whether an arrangement is private fostering at all, the reference a
//! member of the public is given when they tell us, what they must tell us, and the visits
//! the council owes the child, the officer's checks, and the year's figures.
pub mod figures;
pub mod notification;
pub mod reference;
pub mod schedule_2;
pub mod suitability;
pub mod visits;

/// Where an arrangement stands with the council.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ArrangementStatus {
    /// Someone told us; nobody has looked yet.
    Notified,
    /// The officer is finding out whether it is private fostering.
    Assessing,
    /// It is private fostering: visits are owed until it ends.
    Confirmed,
    /// It turned out not to be, with the reason recorded.
    NotPrivateFostering,
    Ended,
}

impl ArrangementStatus {
    pub const ALL: [ArrangementStatus; 5] = [
        ArrangementStatus::Notified,
        ArrangementStatus::Assessing,
        ArrangementStatus::Confirmed,
        ArrangementStatus::NotPrivateFostering,
        ArrangementStatus::Ended,
    ];

    pub fn code(self) -> &'static str {
        match self {
            ArrangementStatus::Notified => "notified",
            ArrangementStatus::Assessing => "assessing",
            ArrangementStatus::Confirmed => "confirmed",
            ArrangementStatus::NotPrivateFostering => "not_private_fostering",
            ArrangementStatus::Ended => "ended",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|status| status.code() == code)
    }

    /// As an officer would say it: "an arrangement that is …".
    pub fn words(self) -> &'static str {
        match self {
            ArrangementStatus::Notified => "newly notified",
            ArrangementStatus::Assessing => "being assessed",
            ArrangementStatus::Confirmed => "confirmed private fostering",
            ArrangementStatus::NotPrivateFostering => "not private fostering",
            ArrangementStatus::Ended => "ended",
        }
    }
}

/// A change to an arrangement's status, as the officer records it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusChange {
    pub to: ArrangementStatus,
    /// Required to say it is not private fostering, or that it ended.
    pub reason: Option<String>,
    /// The day it ended: required for `Ended`, and only then.
    pub ended_on: Option<chrono::NaiveDate>,
}

/// Can an arrangement move from one status to another? Notified arrangements are assessed,
/// then confirmed or found not to be private fostering; confirmed ones end. A decision made in
/// error can be taken back to assessing. An ended arrangement stays ended.
pub fn can_move(from: ArrangementStatus, to: ArrangementStatus) -> bool {
    use ArrangementStatus::*;
    matches!(
        (from, to),
        (Notified, Assessing | Confirmed | NotPrivateFostering)
            | (Assessing, Confirmed | NotPrivateFostering)
            | (Confirmed, Ended | Assessing)
            | (NotPrivateFostering, Assessing)
    )
}

/// May an arrangement move from `from` as `change` says (`can_move`), with the reason and the
/// end date it needs?
pub fn check_status_change(
    from: ArrangementStatus,
    change: &StatusChange,
    known_from: chrono::NaiveDate,
    today: chrono::NaiveDate,
) -> Result<(), crate::domain::validation::FieldErrors> {
    use ArrangementStatus::*;
    let mut errors = crate::domain::validation::FieldErrors::new();
    if !can_move(from, change.to) {
        errors.add(
            "status",
            format!(
                "An arrangement that is {} cannot become {}",
                from.words(),
                change.to.words()
            ),
        );
    }
    let reason = change
        .reason
        .as_deref()
        .map(str::trim)
        .filter(|r| !r.is_empty());
    if matches!(change.to, NotPrivateFostering | Ended) && reason.is_none() {
        errors.add("reason", "Write the reason");
    }
    match (change.to, change.ended_on) {
        (Ended, None) => errors.add("ended_on", "Enter the date the arrangement ended"),
        (Ended, Some(day)) if day > today => {
            errors.add("ended_on", "The date it ended must be today or in the past")
        }
        (Ended, Some(day)) if day < known_from => errors.add(
            "ended_on",
            "The date it ended must be after the council was told about it",
        ),
        (Ended, Some(_)) => {}
        (_, Some(_)) => errors.add("ended_on", "Only give an end date when it has ended"),
        (_, None) => {}
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

/// Who is looking after the child, as the person telling us would put it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Carer {
    Parent,
    /// Someone else with parental responsibility, such as a special guardian.
    ParentalResponsibility,
    Grandparent,
    /// A brother or sister, of full or half blood or by marriage.
    Sibling,
    /// An aunt or uncle, of full or half blood or by marriage.
    AuntOrUncle,
    StepParent,
    /// A relative the Act does not count as close: a cousin, a great-aunt, a second cousin.
    OtherRelative,
    FamilyFriend,
    /// A foster carer the council placed the child with: the council's own fostering.
    CouncilFosterCarer,
    /// Anyone else: a host family, a girlfriend's parents, a teacher.
    SomeoneElse,
}

impl Carer {
    pub const ALL: [Carer; 10] = [
        Carer::Parent,
        Carer::ParentalResponsibility,
        Carer::Grandparent,
        Carer::Sibling,
        Carer::AuntOrUncle,
        Carer::StepParent,
        Carer::OtherRelative,
        Carer::FamilyFriend,
        Carer::CouncilFosterCarer,
        Carer::SomeoneElse,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Carer::Parent => "parent",
            Carer::ParentalResponsibility => "parental_responsibility",
            Carer::Grandparent => "grandparent",
            Carer::Sibling => "sibling",
            Carer::AuntOrUncle => "aunt_or_uncle",
            Carer::StepParent => "step_parent",
            Carer::OtherRelative => "other_relative",
            Carer::FamilyFriend => "family_friend",
            Carer::CouncilFosterCarer => "council_foster_carer",
            Carer::SomeoneElse => "someone_else",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|carer| carer.code() == code)
    }

    /// As the checker offers it: "Who is the child living with?"
    pub fn words(self) -> &'static str {
        match self {
            Carer::Parent => "A parent",
            Carer::ParentalResponsibility => {
                "Someone else with parental responsibility, such as a special guardian"
            }
            Carer::Grandparent => "A grandparent",
            Carer::Sibling => "A brother or sister, including half-brothers and half-sisters",
            Carer::AuntOrUncle => "An aunt or uncle",
            Carer::StepParent => "A step-parent",
            Carer::OtherRelative => "Another relative, such as a cousin or great-aunt",
            Carer::FamilyFriend => "A family friend",
            Carer::CouncilFosterCarer => "Foster carers the council found for the child",
            Carer::SomeoneElse => "Someone else, such as a host family or a friend's parents",
        }
    }

    /// A close relative in the Act's sense (s105): grandparent, brother, sister, uncle, aunt
    /// (full or half blood, or by marriage or civil partnership) or step-parent.
    fn is_close_relative(self) -> bool {
        matches!(
            self,
            Carer::Grandparent | Carer::Sibling | Carer::AuntOrUncle | Carer::StepParent
        )
    }
}

/// How long the child is, or will be, living with the carer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Length {
    /// Under 28 days, and not expected to go on longer.
    UnderTwentyEightDays,
    /// 28 days or more, or expected to be.
    TwentyEightDaysOrMore,
    /// The person does not know yet.
    NotKnown,
}

impl Length {
    pub const ALL: [Length; 3] = [
        Length::UnderTwentyEightDays,
        Length::TwentyEightDaysOrMore,
        Length::NotKnown,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Length::UnderTwentyEightDays => "under_28_days",
            Length::TwentyEightDaysOrMore => "28_days_or_more",
            Length::NotKnown => "not_known",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|length| length.code() == code)
    }

    pub fn words(self) -> &'static str {
        match self {
            Length::UnderTwentyEightDays => "Less than 28 days",
            Length::TwentyEightDaysOrMore => "28 days or more",
            Length::NotKnown => "I do not know yet",
        }
    }
}

/// What the checker asks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CheckerAnswers {
    /// The child's age in whole years.
    pub age: u8,
    /// `None` when the person is not sure: a 16 or 17-year-old may then be covered, and the
    /// council can find out.
    pub disabled: Option<bool>,
    pub carer: Carer,
    pub length: Length,
}

/// The checker's answer, with the reason in words for the person who asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    PrivateFostering,
    /// Not knowing how long is no reason not to tell us: the council can find out.
    ProbablyPrivateFostering,
    NotPrivateFostering(NotBecause),
}

/// Why an arrangement is not private fostering.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotBecause {
    TooOld,
    TooOldEvenThoughDisabled,
    Parent,
    CloseRelative,
    CouncilFostering,
    TooShort,
}

impl NotBecause {
    /// The reason, as the checker page says it.
    pub fn words(self) -> &'static str {
        match self {
            NotBecause::TooOld => {
                "Private fostering is about children under 16, or under 18 if they are disabled."
            }
            NotBecause::TooOldEvenThoughDisabled => {
                "Private fostering is about disabled young people under 18."
            }
            NotBecause::Parent => {
                "A child living with a parent, or with someone who has parental responsibility \
                 for them, is not privately fostered."
            }
            NotBecause::CloseRelative => {
                "A child living with a grandparent, brother, sister, aunt, uncle or step-parent \
                 is not privately fostered: the law counts them as close relatives."
            }
            NotBecause::CouncilFostering => {
                "A child the council placed with foster carers is looked after by the council, \
                 not privately fostered. Their social worker is the person to talk to."
            }
            NotBecause::TooShort => {
                "Arrangements shorter than 28 days are not private fostering. If it goes on for \
                 28 days or more, please tell us then."
            }
        }
    }
}

/// Is this private fostering? Age first, then who the carer is, then how long: the order a
/// person can most easily answer.
pub fn check(answers: CheckerAnswers) -> Verdict {
    let covered_only_if_disabled = (16..18).contains(&answers.age);
    if answers.age >= 18 || (covered_only_if_disabled && answers.disabled == Some(false)) {
        return Verdict::NotPrivateFostering(if answers.disabled == Some(true) {
            NotBecause::TooOldEvenThoughDisabled
        } else {
            NotBecause::TooOld
        });
    }
    let not_sure_of_disability = covered_only_if_disabled && answers.disabled.is_none();
    match answers.carer {
        Carer::Parent | Carer::ParentalResponsibility => {
            return Verdict::NotPrivateFostering(NotBecause::Parent);
        }
        Carer::CouncilFosterCarer => {
            return Verdict::NotPrivateFostering(NotBecause::CouncilFostering);
        }
        carer if carer.is_close_relative() => {
            return Verdict::NotPrivateFostering(NotBecause::CloseRelative);
        }
        _ => {}
    }
    match answers.length {
        Length::UnderTwentyEightDays => Verdict::NotPrivateFostering(NotBecause::TooShort),
        Length::TwentyEightDaysOrMore if !not_sure_of_disability => Verdict::PrivateFostering,
        Length::TwentyEightDaysOrMore | Length::NotKnown => Verdict::ProbablyPrivateFostering,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answers(age: u8, disabled: bool, carer: Carer, length: Length) -> CheckerAnswers {
        CheckerAnswers {
            age,
            disabled: Some(disabled),
            carer,
            length,
        }
    }

    #[test]
    fn a_grandparent_is_a_close_relative_so_it_is_not_private_fostering() {
        assert_eq!(
            check(answers(
                10,
                false,
                Carer::Grandparent,
                Length::TwentyEightDaysOrMore
            )),
            Verdict::NotPrivateFostering(NotBecause::CloseRelative)
        );
    }

    #[test]
    fn every_close_relative_and_no_other_relative_is_excluded() {
        for carer in Carer::ALL {
            let verdict = check(answers(10, false, carer, Length::TwentyEightDaysOrMore));
            let expected = match carer {
                Carer::Grandparent | Carer::Sibling | Carer::AuntOrUncle | Carer::StepParent => {
                    Verdict::NotPrivateFostering(NotBecause::CloseRelative)
                }
                Carer::Parent | Carer::ParentalResponsibility => {
                    Verdict::NotPrivateFostering(NotBecause::Parent)
                }
                Carer::CouncilFosterCarer => {
                    Verdict::NotPrivateFostering(NotBecause::CouncilFostering)
                }
                // A cousin or great-aunt is not a close relative in the Act's sense.
                Carer::OtherRelative | Carer::FamilyFriend | Carer::SomeoneElse => {
                    Verdict::PrivateFostering
                }
            };
            assert_eq!(verdict, expected, "{carer:?}");
        }
    }

    #[test]
    fn a_family_friend_for_28_days_or_more_is_private_fostering_and_for_less_is_not() {
        let friend = |length| check(answers(12, false, Carer::FamilyFriend, length));
        assert_eq!(
            friend(Length::TwentyEightDaysOrMore),
            Verdict::PrivateFostering
        );
        assert_eq!(
            friend(Length::UnderTwentyEightDays),
            Verdict::NotPrivateFostering(NotBecause::TooShort)
        );
        assert_eq!(friend(Length::NotKnown), Verdict::ProbablyPrivateFostering);
    }

    #[test]
    fn a_disabled_17_year_old_is_covered_and_a_17_year_old_who_is_not_disabled_is_not() {
        let friend = |disabled| {
            check(answers(
                17,
                disabled,
                Carer::FamilyFriend,
                Length::TwentyEightDaysOrMore,
            ))
        };
        assert_eq!(friend(true), Verdict::PrivateFostering);
        assert_eq!(
            friend(false),
            Verdict::NotPrivateFostering(NotBecause::TooOld)
        );
    }

    #[test]
    fn the_age_limits_fall_on_the_16th_and_18th_birthdays() {
        let at = |age, disabled| {
            check(answers(
                age,
                disabled,
                Carer::SomeoneElse,
                Length::TwentyEightDaysOrMore,
            ))
        };
        assert_eq!(at(15, false), Verdict::PrivateFostering);
        assert_eq!(
            at(16, false),
            Verdict::NotPrivateFostering(NotBecause::TooOld)
        );
        assert_eq!(at(17, true), Verdict::PrivateFostering);
        assert_eq!(
            at(18, true),
            Verdict::NotPrivateFostering(NotBecause::TooOldEvenThoughDisabled)
        );
    }

    #[test]
    fn not_being_sure_of_a_disability_makes_a_16_or_17_year_old_probably_covered() {
        let not_sure = |age| {
            check(CheckerAnswers {
                age,
                disabled: None,
                carer: Carer::FamilyFriend,
                length: Length::TwentyEightDaysOrMore,
            })
        };
        assert_eq!(
            not_sure(15),
            Verdict::PrivateFostering,
            "under 16 either way"
        );
        assert_eq!(not_sure(16), Verdict::ProbablyPrivateFostering);
        assert_eq!(not_sure(17), Verdict::ProbablyPrivateFostering);
        assert_eq!(
            not_sure(18),
            Verdict::NotPrivateFostering(NotBecause::TooOld)
        );
    }

    #[test]
    fn every_status_has_a_code_that_reads_back() {
        for status in ArrangementStatus::ALL {
            assert_eq!(ArrangementStatus::from_code(status.code()), Some(status));
        }
    }

    #[test]
    fn every_carer_and_length_has_a_code_that_reads_back() {
        for carer in Carer::ALL {
            assert_eq!(Carer::from_code(carer.code()), Some(carer));
        }
        for length in Length::ALL {
            assert_eq!(Length::from_code(length.code()), Some(length));
        }
        assert_eq!(Carer::from_code("neighbour"), None);
    }

    #[test]
    fn an_arrangement_is_assessed_then_confirmed_or_not_and_a_confirmed_one_ends_with_a_date() {
        use ArrangementStatus::*;
        let day = |d| chrono::NaiveDate::from_ymd_opt(2026, 3, d).unwrap();
        let (known, today) = (day(2), day(20));
        let change = |to, reason: Option<&str>, ended_on| StatusChange {
            to,
            reason: reason.map(str::to_owned),
            ended_on,
        };
        let fields = |from, c: &StatusChange| -> Vec<String> {
            match check_status_change(from, c, known, today) {
                Ok(()) => Vec::new(),
                Err(errors) => errors.into_map().into_keys().collect(),
            }
        };
        assert!(fields(Notified, &change(Confirmed, None, None)).is_empty());
        assert!(
            fields(
                Assessing,
                &change(NotPrivateFostering, Some("Her aunt"), None)
            )
            .is_empty()
        );
        assert_eq!(
            fields(Assessing, &change(NotPrivateFostering, Some(" "), None)),
            ["reason"]
        );
        assert!(fields(Confirmed, &change(Ended, Some("Went home"), Some(day(15)))).is_empty());
        assert_eq!(
            fields(Confirmed, &change(Ended, Some("Went home"), None)),
            ["ended_on"]
        );
        assert_eq!(
            fields(Confirmed, &change(Ended, Some("x"), Some(day(21)))),
            ["ended_on"]
        );
        assert_eq!(
            fields(Confirmed, &change(Ended, Some("x"), Some(day(1)))),
            ["ended_on"]
        );
        assert_eq!(
            fields(Notified, &change(Confirmed, None, Some(day(5)))),
            ["ended_on"]
        );
        assert_eq!(
            fields(Notified, &change(Ended, Some("x"), Some(day(5)))),
            ["status"]
        );
        assert_eq!(fields(Ended, &change(Confirmed, None, None)), ["status"]);
        assert!(fields(NotPrivateFostering, &change(Assessing, None, None)).is_empty());
    }
}

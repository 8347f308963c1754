//! Private fostering (Children Act 1989 s66; Children (Private Arrangements for Fostering)
//! Regulations 2005): whether an arrangement is private fostering at all, the reference a
//! member of the public is given when they tell us, what they must tell us, and the visits
//! the council owes the child.
pub mod notification;
pub mod reference;
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

/// What the checker asks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CheckerAnswers {
    /// The child's age in whole years.
    pub age: u8,
    pub disabled: bool,
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
    let age_limit = if answers.disabled { 18 } else { 16 };
    if answers.age >= age_limit {
        return Verdict::NotPrivateFostering(if answers.disabled {
            NotBecause::TooOldEvenThoughDisabled
        } else {
            NotBecause::TooOld
        });
    }
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
        Length::TwentyEightDaysOrMore => Verdict::PrivateFostering,
        Length::NotKnown => Verdict::ProbablyPrivateFostering,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answers(age: u8, disabled: bool, carer: Carer, length: Length) -> CheckerAnswers {
        CheckerAnswers {
            age,
            disabled,
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
    fn every_status_has_a_code_that_reads_back() {
        for status in ArrangementStatus::ALL {
            assert_eq!(ArrangementStatus::from_code(status.code()), Some(status));
        }
    }

    #[test]
    fn every_carer_has_a_code_that_reads_back() {
        for carer in Carer::ALL {
            assert_eq!(Carer::from_code(carer.code()), Some(carer));
        }
        assert_eq!(Carer::from_code("neighbour"), None);
    }
}

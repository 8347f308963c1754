//! Homeless 16 and 17 year olds (R (G) v Southwark [2009] UKHL 26; the 2018 joint guidance
//! on the provision of accommodation for 16 and 17 year old young people who may be homeless):
//! housing and children's services assess together, the young person is told what each route
//! means before anything is decided, bed and breakfast is never used, and a child in need who
//! requires accommodation is offered it under section 20.
use chrono::NaiveDate;

use crate::domain::{
    calendar::{add_working_days, age_on},
    obligations::{self, Status},
    timeliness::{Measure, ReportingYear},
    validation::FieldErrors,
};

/// The local protocol's working days from presenting to a completed joint assessment, when
/// the authority has not set its own. There is no national figure.
pub const DEFAULT_ASSESSMENT_WORKING_DAYS: u32 = 10;

macro_rules! coded {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident => $code:literal, $words:literal;)+ }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name { $($(#[$vmeta])* $variant,)+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant,)+];

            pub fn code(self) -> &'static str {
                match self { $($name::$variant => $code,)+ }
            }

            pub fn from_code(code: &str) -> Option<Self> {
                Self::ALL.iter().copied().find(|value| value.code() == code)
            }

            pub fn words(self) -> &'static str {
                match self { $($name::$variant => $words,)+ }
            }
        }
    };
}

coded! {
    /// How the young person came to the council.
    Presented {
        ToHousing => "housing", "Asked the housing service for help";
        ToChildrensServices => "childrens_services", "Asked children's services for help";
        ReferredBySchool => "school", "Referred by their school or college";
        ReferredByPolice => "police", "Referred by the police";
        ReferredByOther => "other", "Referred by someone else";
    }
}

coded! {
    /// Where a young person stays while they are assessed.
    AccommodationKind {
        EmergencyFosterPlacement => "foster_placement", "Emergency foster placement";
        SupportedLodgings => "supported_lodgings", "Supported lodgings";
        SupportedAccommodation => "supported_accommodation", "Supported accommodation for young people";
        FamilyOrFriends => "family_or_friends", "With family or friends";
        /// Never suitable for a 16 or 17 year old; listed so that it can be refused plainly.
        BedAndBreakfast => "bed_and_breakfast", "Bed and breakfast";
        Other => "other", "Somewhere else";
    }
}

coded! {
    /// What the joint assessment looks at (2018 joint guidance, chapter 3).
    Area {
        Accommodation => "accommodation", "Accommodation";
        FamilyAndRelationships => "family_and_relationships", "Family and relationships";
        EmotionalAndBehaviouralDevelopment => "emotional_and_behavioural_development", "Emotional and behavioural development";
        EducationTrainingAndEmployment => "education_training_and_employment", "Education, training and employment";
        MoneyAndIndependentLivingSkills => "money_and_independent_living_skills", "Money and independent living skills";
        Health => "health", "Health";
        SafetyAndRisks => "safety_and_risks", "Safety and risks";
    }
}

coded! {
    /// The routes the young person must be told about before anything is decided.
    Route {
        Section20 => "section_20", "Accommodation under section 20: being looked after by the council, and becoming a care leaver later";
        Section17WithHousing => "section_17_and_part_7", "Help from children's services under section 17, with housing under Part 7 of the Housing Act 1996";
        HousingOnly => "part_7", "Housing under Part 7 of the Housing Act 1996 only";
    }
}

coded! {
    /// What was decided.
    Outcome {
        Section20 => "section_20", "Accommodated under section 20";
        Section17WithHousing => "section_17_and_part_7", "Section 17 support with housing under Part 7";
        HousingOnly => "part_7", "Housing under Part 7 only";
        ReturnedHome => "returned_home", "Returned home";
        Other => "other", "Something else";
    }
}

/// When the joint assessment must be complete: N working days after presenting.
pub fn assessment_due(presented_on: NaiveDate, working_days: u32) -> NaiveDate {
    add_working_days(presented_on, working_days)
}

/// How the joint assessment stands against its deadline, as of a day.
pub fn assessment_status(
    presented_on: NaiveDate,
    completed_on: Option<NaiveDate>,
    working_days: u32,
    as_of: NaiveDate,
) -> Status {
    obligations::status(
        assessment_due(presented_on, working_days),
        completed_on,
        as_of,
    )
}

/// Somewhere to stay while the assessment goes on. Bed and breakfast is refused outright.
pub fn check_interim_accommodation(
    kind: AccommodationKind,
    from: NaiveDate,
    to: Option<NaiveDate>,
    presented_on: NaiveDate,
) -> Result<(), FieldErrors> {
    let mut errors = FieldErrors::new();
    if kind == AccommodationKind::BedAndBreakfast {
        errors.add(
            "kind",
            "Bed and breakfast is never suitable for a 16 or 17 year old, even for one night. \
             Find an emergency foster placement or supported accommodation instead",
        );
    }
    if from < presented_on {
        errors.add(
            "from_on",
            "The date they moved in must be on or after the day they asked for help",
        );
    }
    if to.is_some_and(|to| to < from) {
        errors.add(
            "to_on",
            "The date they left must be after the date they moved in",
        );
    }
    errors.into_result()
}

/// The joint assessment as recorded so far.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Assessment {
    pub started_on: Option<NaiveDate>,
    pub completed_on: Option<NaiveDate>,
    pub areas: Vec<Area>,
    pub views_and_wishes: Option<String>,
    /// Is the young person a child in need who requires accommodation? The decision turns on it.
    pub requires_accommodation: Option<bool>,
}

/// Dates on or after the day the young person asked for help, none in the future, in order;
/// and an assessment completed only once every area has been assessed and the question the
/// decision turns on has been answered.
pub fn check_assessment(
    presented_on: NaiveDate,
    assessment: &Assessment,
    today: NaiveDate,
) -> Result<(), FieldErrors> {
    let mut errors = FieldErrors::new();
    let (started_on, completed_on) = (assessment.started_on, assessment.completed_on);
    for (field, day) in [("started_on", started_on), ("completed_on", completed_on)] {
        match day {
            Some(day) if day > today => errors.add(field, "The date must be today or in the past"),
            Some(day) if day < presented_on => errors.add(
                field,
                "The date must be on or after the day the young person asked for help",
            ),
            _ => {}
        }
    }
    match (started_on, completed_on) {
        (None, Some(_)) => errors.add("started_on", "Enter the date the assessment started"),
        (Some(start), Some(end)) if end < start => errors.add(
            "completed_on",
            "The assessment cannot be completed before it started",
        ),
        _ => {}
    }
    if completed_on.is_some() {
        if !Area::ALL.iter().all(|area| assessment.areas.contains(area)) {
            errors.add(
                "areas",
                "Assess every area before completing the assessment",
            );
        }
        if assessment.requires_accommodation.is_none() {
            errors.add(
                "requires_accommodation",
                "Say whether the young person is a child in need who requires accommodation",
            );
        }
    }
    errors.into_result()
}

/// This duty is to young people who were 16 or 17 on the day they asked for help.
pub fn check_age_when_presented(
    born: NaiveDate,
    presented_on: NaiveDate,
) -> Result<(), FieldErrors> {
    let mut errors = FieldErrors::new();
    if !(16..18).contains(&age_on(born, presented_on)) {
        errors.add(
            "date_of_birth",
            "This is for young people who were 16 or 17 when they asked for help",
        );
    }
    errors.into_result()
}

/// What the young person was told, by whom and when, and the advocate they were offered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RightsInformation {
    pub given_on: NaiveDate,
    pub routes_explained: Vec<Route>,
    pub advocate_offered_on: Option<NaiveDate>,
    pub advocate_accepted: Option<bool>,
    pub advocate_name: Option<String>,
}

/// The young person must hear what every route means for them, and be offered an advocate.
pub fn check_rights_information(
    rights: &RightsInformation,
    presented_on: NaiveDate,
    today: NaiveDate,
) -> Result<(), FieldErrors> {
    let mut errors = FieldErrors::new();
    if rights.given_on > today || rights.given_on < presented_on {
        errors.add(
            "given_on",
            "The date must be between the day they asked for help and today",
        );
    }
    let missing: Vec<&str> = Route::ALL
        .iter()
        .filter(|route| !rights.routes_explained.contains(route))
        .map(|route| route.words())
        .collect();
    if !missing.is_empty() {
        errors.add(
            "routes_explained",
            "Explain every route before recording this: the young person must know what each \
             one means for them before they choose",
        );
    }
    match (rights.advocate_offered_on, rights.advocate_accepted) {
        (None, _) => errors.add(
            "advocate_offered_on",
            "Offer an independent advocate and enter the date you offered one",
        ),
        (Some(day), _) if day > today => errors.add(
            "advocate_offered_on",
            "The date must be today or in the past",
        ),
        (Some(_), Some(true)) if given(&rights.advocate_name).is_none() => errors.add(
            "advocate_name",
            "Enter the advocate's name, or say the offer is not yet taken up",
        ),
        _ => {}
    }
    errors.into_result()
}

fn given(text: &Option<String>) -> Option<&str> {
    text.as_deref().map(str::trim).filter(|t| !t.is_empty())
}

/// What is known when a decision is recorded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DecisionFacts {
    pub presented_on: NaiveDate,
    /// The rights information has been recorded.
    pub rights_given: bool,
    /// The joint assessment found a child in need who requires accommodation.
    pub requires_accommodation: Option<bool>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decision {
    pub outcome: Outcome,
    pub decided_on: NaiveDate,
    /// What the young person was told about why, in words they were given.
    pub reasons: String,
    /// The young person, fully informed, declined accommodation under section 20.
    pub declined_section_20: bool,
}

/// The order rules: no decision before the rights information is recorded; and the Southwark
/// rule, that a child in need who requires accommodation is accommodated under section 20
/// unless, fully informed, they decline it.
pub fn check_decision(
    facts: DecisionFacts,
    decision: &Decision,
    today: NaiveDate,
) -> Result<(), FieldErrors> {
    let mut errors = FieldErrors::new();
    if !facts.rights_given {
        errors.add(
            "outcome",
            "Record that the young person was told their rights, and offered an advocate, \
             before recording a decision",
        );
    }
    if facts.requires_accommodation == Some(true)
        && decision.outcome != Outcome::Section20
        && !decision.declined_section_20
    {
        errors.add(
            "outcome",
            "The assessment found a child in need who requires accommodation, so they must be \
             accommodated under section 20, unless they were told what it means and declined it \
             (record that)",
        );
    }
    if decision.declined_section_20 && decision.outcome == Outcome::Section20 {
        errors.add(
            "declined_section_20",
            "They cannot both be accommodated under section 20 and have declined it",
        );
    }
    if decision.decided_on > today || decision.decided_on < facts.presented_on {
        errors.add(
            "decided_on",
            "The date must be between the day they asked for help and today",
        );
    }
    if decision.reasons.trim().is_empty() {
        errors.add("reasons", "Write the reasons the young person was given");
    }
    errors.into_result()
}

/// What the year's figures need to know about one case.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CaseFacts {
    pub presented_on: NaiveDate,
    pub assessment_completed_on: Option<NaiveDate>,
    /// The young person said they understood the latest explanation of their rights.
    pub rights_confirmed: bool,
    pub outcome: Option<(Outcome, NaiveDate)>,
}

/// The year's figures: how many asked for help, how many joint assessments were on time, how
/// many young people confirmed they understood their rights, and what was decided.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YearFigures {
    pub year: ReportingYear,
    pub as_of: NaiveDate,
    /// Young people who asked for help in the year.
    pub cases: u64,
    /// Joint assessments that fell due in the year (to the as-of day), met or passed.
    pub assessments: Measure,
    /// Of the year's cases, those where the young person confirmed they understood.
    pub rights_confirmed: u64,
    /// Decisions made in the year, by outcome, in the order outcomes are listed.
    pub outcomes: Vec<(Outcome, u64)>,
}

/// The figures for `year`, counting up to `today` if it is still running. As in `timeliness`,
/// an assessment counts once it is complete or overdue: one due today and not yet complete is
/// left out, since there is still the day.
pub fn year_figures(
    cases: &[CaseFacts],
    year: ReportingYear,
    today: NaiveDate,
    working_days: u32,
) -> YearFigures {
    let as_of = today.min(year.last_day());
    let in_year = |day: NaiveDate| year.contains(day) && day <= as_of;
    let mut assessments = Measure::default();
    for case in cases {
        let due = assessment_due(case.presented_on, working_days);
        if !in_year(due) {
            continue;
        }
        match assessment_status(
            case.presented_on,
            case.assessment_completed_on,
            working_days,
            as_of,
        ) {
            Status::Met => assessments.add(Measure { due: 1, on_time: 1 }),
            Status::MetLate | Status::Overdue => assessments.add(Measure { due: 1, on_time: 0 }),
            Status::Upcoming | Status::DueSoon => {}
        }
    }
    let presented: Vec<&CaseFacts> = cases.iter().filter(|c| in_year(c.presented_on)).collect();
    YearFigures {
        year,
        as_of,
        cases: presented.len() as u64,
        assessments,
        rights_confirmed: presented.iter().filter(|c| c.rights_confirmed).count() as u64,
        outcomes: Outcome::ALL
            .iter()
            .map(|outcome| {
                let decided = cases
                    .iter()
                    .filter(|c| matches!(c.outcome, Some((o, on)) if o == *outcome && in_year(on)))
                    .count() as u64;
                (*outcome, decided)
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn rights() -> RightsInformation {
        RightsInformation {
            given_on: day(2026, 12, 3),
            routes_explained: Route::ALL.to_vec(),
            advocate_offered_on: Some(day(2026, 12, 3)),
            advocate_accepted: Some(false),
            advocate_name: None,
        }
    }

    fn decision(outcome: Outcome) -> Decision {
        Decision {
            outcome,
            decided_on: day(2026, 12, 3),
            reasons: "Talked through at the assessment".into(),
            declined_section_20: false,
        }
    }

    fn facts(rights_given: bool, requires_accommodation: Option<bool>) -> DecisionFacts {
        DecisionFacts {
            presented_on: day(2026, 11, 30),
            rights_given,
            requires_accommodation,
        }
    }

    fn fields(result: Result<(), FieldErrors>) -> Vec<String> {
        result
            .err()
            .map(|e| e.into_map().into_keys().collect())
            .unwrap_or_default()
    }

    #[test]
    fn the_assessment_is_due_10_working_days_after_presenting_counting_bank_holidays() {
        // Presented Friday 18 December 2026: Christmas Day, the substitute Boxing Day (Monday
        // 28th) and New Year's Day are not working days, so day 10 is Wednesday 6 January.
        assert_eq!(
            assessment_due(day(2026, 12, 18), DEFAULT_ASSESSMENT_WORKING_DAYS),
            day(2027, 1, 6)
        );
        assert_eq!(assessment_due(day(2026, 12, 1), 10), day(2026, 12, 15));
    }

    #[test]
    fn an_assessment_completed_on_the_due_day_is_on_time_and_the_day_after_is_late() {
        let presented = day(2026, 12, 1);
        let due = assessment_due(presented, 10);
        assert_eq!(
            assessment_status(presented, Some(due), 10, due),
            Status::Met
        );
        assert_eq!(
            assessment_status(presented, Some(due.succ_opt().unwrap()), 10, due),
            Status::MetLate
        );
        assert_eq!(
            assessment_status(presented, None, 10, due.succ_opt().unwrap()),
            Status::Overdue
        );
    }

    #[test]
    fn bed_and_breakfast_is_refused_with_a_plain_reason() {
        let presented = day(2026, 12, 1);
        let refused = check_interim_accommodation(
            AccommodationKind::BedAndBreakfast,
            presented,
            None,
            presented,
        )
        .unwrap_err()
        .into_map();
        assert!(refused["kind"][0].starts_with("Bed and breakfast is never suitable"));
        for kind in AccommodationKind::ALL {
            let result = check_interim_accommodation(*kind, presented, None, presented);
            assert_eq!(
                result.is_ok(),
                *kind != AccommodationKind::BedAndBreakfast,
                "{kind:?}"
            );
        }
    }

    #[test]
    fn no_decision_before_the_rights_information_is_recorded() {
        let today = day(2026, 12, 3);
        assert_eq!(
            fields(check_decision(
                facts(false, None),
                &decision(Outcome::HousingOnly),
                today
            )),
            ["outcome"]
        );
        assert!(check_decision(facts(true, None), &decision(Outcome::HousingOnly), today).is_ok());
    }

    #[test]
    fn a_child_in_need_who_requires_accommodation_is_offered_section_20_unless_they_decline_it() {
        let today = day(2026, 12, 3);
        let needs = facts(true, Some(true));
        assert_eq!(
            fields(check_decision(
                needs,
                &decision(Outcome::HousingOnly),
                today
            )),
            ["outcome"]
        );
        assert!(check_decision(needs, &decision(Outcome::Section20), today).is_ok());
        let declined = Decision {
            declined_section_20: true,
            ..decision(Outcome::Section17WithHousing)
        };
        assert!(check_decision(needs, &declined, today).is_ok());
        // Without that finding, any outcome may follow.
        assert!(
            check_decision(
                facts(true, Some(false)),
                &decision(Outcome::ReturnedHome),
                today
            )
            .is_ok()
        );
    }

    #[test]
    fn every_route_must_be_explained_and_an_advocate_offered() {
        let (presented, today) = (day(2026, 11, 30), day(2026, 12, 3));
        assert!(check_rights_information(&rights(), presented, today).is_ok());
        let mut partly = rights();
        partly.routes_explained = vec![Route::HousingOnly];
        partly.advocate_offered_on = None;
        assert_eq!(
            fields(check_rights_information(&partly, presented, today)),
            ["advocate_offered_on", "routes_explained"]
        );
        let mut accepted = rights();
        accepted.advocate_accepted = Some(true);
        assert_eq!(
            fields(check_rights_information(&accepted, presented, today)),
            ["advocate_name"]
        );
    }

    fn assessment(started_on: Option<NaiveDate>, completed_on: Option<NaiveDate>) -> Assessment {
        Assessment {
            started_on,
            completed_on,
            areas: Area::ALL.to_vec(),
            views_and_wishes: None,
            requires_accommodation: Some(true),
        }
    }

    #[test]
    fn the_assessment_cannot_finish_before_it_starts_or_start_before_presenting() {
        let (presented, today) = (day(2026, 11, 30), day(2026, 12, 3));
        let check = |started, completed| {
            check_assessment(presented, &assessment(started, completed), today)
        };
        assert!(check(Some(presented), Some(today)).is_ok());
        assert_eq!(fields(check(Some(day(2026, 11, 29)), None)), ["started_on"]);
        assert_eq!(
            fields(check(Some(today), Some(presented))),
            ["completed_on"]
        );
        assert_eq!(fields(check(None, Some(today))), ["started_on"]);
        assert_eq!(fields(check(Some(day(2026, 12, 4)), None)), ["started_on"]);
    }

    #[test]
    fn an_assessment_is_completed_only_with_every_area_and_the_deciding_question_answered() {
        let (presented, today) = (day(2026, 11, 30), day(2026, 12, 3));
        let mut partial = assessment(Some(presented), Some(today));
        partial.areas.pop();
        partial.requires_accommodation = None;
        assert_eq!(
            fields(check_assessment(presented, &partial, today)),
            ["areas", "requires_accommodation"]
        );
        // Still in progress, it may be partial.
        partial.completed_on = None;
        assert!(check_assessment(presented, &partial, today).is_ok());
        // Areas named twice do not make up for one left out.
        let mut repeated = assessment(Some(presented), Some(today));
        repeated.areas = vec![Area::ALL[0]; Area::ALL.len()];
        assert_eq!(
            fields(check_assessment(presented, &repeated, today)),
            ["areas"]
        );
    }

    #[test]
    fn only_young_people_16_or_17_on_the_day_they_asked_are_owed_this_duty() {
        let presented = day(2026, 12, 3);
        assert!(
            check_age_when_presented(day(2010, 12, 3), presented).is_ok(),
            "16 that day"
        );
        assert!(
            check_age_when_presented(day(2008, 12, 4), presented).is_ok(),
            "18 tomorrow"
        );
        for born in [day(2010, 12, 4), day(2008, 12, 3)] {
            assert_eq!(
                fields(check_age_when_presented(born, presented)),
                ["date_of_birth"],
                "born {born}"
            );
        }
    }

    #[test]
    fn the_years_figures_count_assessments_on_time_rights_confirmed_and_outcomes() {
        let year = ReportingYear::new(2026).unwrap();
        let case =
            |presented: NaiveDate, completed: Option<NaiveDate>, confirmed, outcome| CaseFacts {
                presented_on: presented,
                assessment_completed_on: completed,
                rights_confirmed: confirmed,
                outcome,
            };
        let presented = day(2026, 11, 2);
        let due = assessment_due(presented, 10);
        let cases = [
            // On the due day: on time.
            case(presented, Some(due), true, Some((Outcome::Section20, due))),
            // A day late.
            case(
                presented,
                Some(due.succ_opt().unwrap()),
                false,
                Some((Outcome::HousingOnly, due)),
            ),
            // Never completed, and overdue.
            case(presented, None, false, None),
            // Asked for help in the year before: its assessment fell due then.
            case(
                day(2026, 3, 2),
                Some(day(2026, 3, 10)),
                true,
                Some((Outcome::ReturnedHome, day(2026, 3, 20))),
            ),
            // Asked today: not yet due, but counted as a case.
            case(day(2026, 12, 3), None, false, None),
        ];
        let figures = year_figures(&cases, year, day(2026, 12, 3), 10);
        assert_eq!(figures.cases, 4);
        assert_eq!(figures.assessments, Measure { due: 3, on_time: 1 });
        assert_eq!(figures.rights_confirmed, 1);
        let decided: Vec<(Outcome, u64)> = figures
            .outcomes
            .into_iter()
            .filter(|(_, n)| *n > 0)
            .collect();
        assert_eq!(
            decided,
            [(Outcome::Section20, 1), (Outcome::HousingOnly, 1)]
        );
        assert_eq!(figures.as_of, day(2026, 12, 3));
    }

    #[test]
    fn every_code_reads_back() {
        for outcome in Outcome::ALL {
            assert_eq!(Outcome::from_code(outcome.code()), Some(*outcome));
        }
        for area in Area::ALL {
            assert_eq!(Area::from_code(area.code()), Some(*area));
        }
        for route in Route::ALL {
            assert_eq!(Route::from_code(route.code()), Some(*route));
        }
        assert_eq!(Area::ALL.len(), 7);
    }
}

//! Made-up children and their care histories, from a seeded random number generator. Pure:
//! no database, no clock.
use chrono::{Duration, Months, NaiveDate};

use crate::domain::{
    calendar::{add_months, add_weeks, add_working_days, age_on},
    care::LegalStatus,
    obligations::{AssessmentKind, Facts, HealthAssessment, Span},
};

pub(super) const SOCIAL_WORKERS: [&str; 8] = [
    "Aisha Rahman",
    "Ben Clarke",
    "Chloe Evans",
    "Daniel Mensah",
    "Ella Hughes",
    "Farid Khan",
    "Grace Murphy",
    "Harry Wilson",
];
pub(super) const IROS: [&str; 6] = [
    "Imogen Price",
    "Joseph Adeyemi",
    "Kirsty Bell",
    "Liam O'Brien",
    "Maya Patel",
    "Noah Fletcher",
];
const GIRLS: [&str; 16] = [
    "Amelia", "Ava", "Chloe", "Ella", "Emily", "Freya", "Grace", "Isla", "Layla", "Lily", "Maryam",
    "Mia", "Olivia", "Poppy", "Sophia", "Zara",
];
const BOYS: [&str; 16] = [
    "Adam", "Alfie", "Archie", "Charlie", "Ethan", "George", "Harry", "Isaac", "Jack", "Leo",
    "Logan", "Mohammed", "Noah", "Oliver", "Oscar", "Theo",
];
const FAMILY_NAMES: [&str; 24] = [
    "Ahmed", "Ali", "Baker", "Brown", "Campbell", "Davies", "Edwards", "Evans", "Green", "Hall",
    "Hussain", "Jones", "Kaur", "Khan", "Lewis", "Mensah", "Nowak", "Patel", "Roberts", "Singh",
    "Smith", "Taylor", "Walker", "Williams",
];
const PLACEMENT_TYPES: [(&str, u64); 6] = [
    ("Foster care", 70),
    ("Kinship care", 12),
    ("Children's home", 10),
    ("Semi-independent living", 4),
    ("Placed with parents", 3),
    ("Residential school", 1),
];
const LEGAL_STATUSES: [(LegalStatus, u64); 7] = [
    (LegalStatus::CareOrder, 50),
    (LegalStatus::Section20, 18),
    (LegalStatus::InterimCareOrder, 15),
    (LegalStatus::PlacementOrder, 12),
    (LegalStatus::EmergencyProtectionOrder, 2),
    (LegalStatus::PoliceProtection, 2),
    (LegalStatus::Remand, 1),
];

/// splitmix64 (Steele, Lea and Flood, 2014): small, fast, and the same seed always gives the
/// same numbers on every platform. Not for anything secret.
#[derive(Debug, Clone)]
pub(super) struct Rng(u64);

pub(super) fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

impl Rng {
    pub(super) fn new(seed: u64) -> Self {
        Rng(seed)
    }

    /// The generator for one child of a run: children do not depend on each other, so any
    /// slice of a run can be made on its own.
    pub(super) fn for_child(seed: u64, index: u64) -> Self {
        Rng(mix(seed ^ mix(index.wrapping_add(0x9E37_79B9_7F4A_7C15))))
    }

    pub(super) fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        mix(self.0)
    }

    /// A number in `0..n` (n > 0), by multiplying rather than by remainder.
    pub(super) fn below(&mut self, n: u64) -> u64 {
        ((u128::from(self.next_u64()) * u128::from(n)) >> 64) as u64
    }

    /// A number from `low` to `high` inclusive; `low` when the range is empty.
    pub(super) fn between(&mut self, low: i64, high: i64) -> i64 {
        if high <= low {
            return low;
        }
        low + self.below((high - low + 1) as u64) as i64
    }

    pub(super) fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }

    pub(super) fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len() as u64) as usize]
    }

    pub(super) fn weighted<T: Copy>(&mut self, items: &[(T, u64)]) -> T {
        let mut roll = self.below(items.iter().map(|(_, weight)| weight).sum());
        for (item, weight) in items {
            if roll < *weight {
                return *item;
            }
            roll -= weight;
        }
        unreachable!("the roll is below the total weight")
    }
}

fn days(n: i64) -> Duration {
    Duration::days(n)
}

/// One made-up child: who they are, what has happened to them, and who is allocated.
#[derive(Debug, Clone)]
pub(super) struct Child {
    pub(super) given_name: &'static str,
    pub(super) family_name: &'static str,
    pub(super) pronouns: Option<&'static str>,
    pub(super) date_of_birth: NaiveDate,
    /// `date_of_birth` is set; periods, placements and facts are in date order.
    pub(super) facts: Facts,
    /// One per period of care.
    pub(super) legal_statuses: Vec<LegalStatus>,
    /// One per placement.
    pub(super) placement_types: Vec<&'static str>,
    /// Indexes into the synthetic social workers and IROs.
    pub(super) social_worker: usize,
    pub(super) iro: usize,
    pub(super) allocated_on: NaiveDate,
}

/// A child aged `years` whole years today.
fn born_aged(rng: &mut Rng, today: NaiveDate, years: i64) -> NaiveDate {
    // Under a month of days on top of under a year of months stays within the year.
    let months = years * 12 + rng.between(0, 11);
    let born = today
        .checked_sub_months(Months::new(months as u32))
        .expect("ages are small");
    born - days(rng.between(0, 27))
}

pub(super) fn child(rng: &mut Rng, today: NaiveDate) -> Child {
    let girl = rng.pick(&GIRLS);
    let boy = rng.pick(&BOYS);
    let (given_name, pronouns) = match rng.below(100) {
        0..48 => (girl, Some("she/her")),
        48..96 => (boy, Some("he/him")),
        96..98 => (rng.pick(&[girl, boy]), Some("they/them")),
        _ => (rng.pick(&[girl, boy]), None),
    };
    let family_name = rng.pick(&FAMILY_NAMES);
    // About one in seven has left care; the rest are looked after now, most of them older
    // children, as in the national figures.
    let leaver = rng.chance(15);
    let years = if leaver {
        rng.between(16, 20)
    } else {
        match rng.below(100) {
            0..5 => 0,
            5..19 => rng.between(1, 4),
            19..37 => rng.between(5, 9),
            37..75 => rng.between(10, 15),
            _ => rng.between(16, 17),
        }
    };
    let date_of_birth = born_aged(rng, today, years);
    let latest = if leaver {
        let eighteenth = add_months(date_of_birth, 18 * 12);
        let ended_on = if eighteenth <= today && rng.chance(75) {
            eighteenth - days(1)
        } else {
            eighteenth.min(today) - days(rng.between(1, 700))
        };
        let started_on = (ended_on - days(rng.between(91, 2_000))).max(date_of_birth);
        Span {
            started_on,
            ended_on: Some(ended_on),
        }
    } else {
        let in_care_for = match rng.below(100) {
            0..20 => rng.between(0, 180),
            20..45 => rng.between(181, 730),
            45..75 => rng.between(731, 1_825),
            _ => rng.between(1_826, 3_650),
        };
        Span {
            started_on: (today - days(in_care_for)).max(date_of_birth),
            ended_on: None,
        }
    };
    let mut periods = vec![latest];
    let room = (latest.started_on - date_of_birth).num_days();
    if room >= 120 && rng.chance(12) {
        // An earlier period of care, ended a while before this one began.
        let ended_on = latest.started_on - days(rng.between(14, (room / 2).min(700)));
        let length = rng.between(7, (ended_on - date_of_birth).num_days().min(700));
        periods.insert(
            0,
            Span {
                started_on: ended_on - days(length),
                ended_on: Some(ended_on),
            },
        );
    }
    let mut facts = Facts {
        date_of_birth: Some(date_of_birth),
        ..Facts::default()
    };
    let mut legal_statuses = Vec::new();
    let mut placement_types = Vec::new();
    for period in &periods {
        legal_statuses.push(rng.weighted(&LEGAL_STATUSES));
        let before = facts.placements.len();
        history(rng, &mut facts, *period, today);
        for _ in before..facts.placements.len() {
            placement_types.push(rng.weighted(&PLACEMENT_TYPES));
        }
    }
    facts.periods_of_care = periods;
    let allocated_on = (today - days(rng.between(1, 900)))
        .max(latest.started_on)
        .min(today - days(1));
    Child {
        given_name,
        family_name,
        pronouns,
        date_of_birth,
        facts,
        legal_statuses,
        placement_types,
        social_worker: rng.below(SOCIAL_WORKERS.len() as u64) as usize,
        iro: rng.below(IROS.len() as u64) as usize,
        allocated_on,
    }
}

/// What happened during one period of care, up to its end or today.
fn history(rng: &mut Rng, facts: &mut Facts, period: Span, today: NaiveDate) {
    let started_on = period.started_on;
    let last = period.ended_on.unwrap_or(today);
    // For a child in care now, a few have drifted: nothing recorded for a while, so the next
    // review or visit is overdue.
    let drifted = |rng: &mut Rng, percent, low, high| {
        if period.ended_on.is_none() && rng.chance(percent) {
            last - days(rng.between(low, high))
        } else {
            last
        }
    };
    let reviews_until = drifted(rng, 7, 30, 240);
    let visits_until = drifted(rng, 5, 20, 150);

    let first_placed =
        (started_on + days(if rng.chance(80) { 0 } else { rng.between(1, 3) })).min(last);
    let mut placed = vec![first_placed];
    let settled_for = (last - first_placed).num_days();
    if settled_for > 90 && rng.chance(25) {
        placed.push(first_placed + days(rng.between(30, settled_for)));
    }
    for (index, placed_on) in placed.iter().enumerate() {
        let placement = Span {
            started_on: *placed_on,
            ended_on: placed
                .get(index + 1)
                .map(|next| *next - days(1))
                .or(period.ended_on),
        };
        facts.placements.push(placement);
        visits(
            rng,
            facts,
            placement,
            placement.ended_on.unwrap_or(today).min(visits_until),
        );
    }

    // CPPCR reg 4: a care plan within 10 working days of the first placement.
    let agreed_on = add_working_days(
        first_placed,
        if rng.chance(88) {
            rng.between(2, 10)
        } else {
            rng.between(11, 30)
        } as u32,
    );
    if agreed_on <= last {
        facts.care_plans_agreed_on.push(agreed_on);
    }

    // An initial health assessment within 20 working days, then review assessments every 6
    // months under 5 and every 12 from 5.
    let initial = add_working_days(
        started_on,
        if rng.chance(85) {
            rng.between(5, 20)
        } else {
            rng.between(21, 45)
        } as u32,
    );
    if initial <= last {
        facts.health_assessments.push(HealthAssessment {
            kind: AssessmentKind::Initial,
            completed_on: initial,
        });
        let born = facts
            .date_of_birth
            .expect("synthetic children have a date of birth");
        let mut previous = initial;
        loop {
            let months = if age_on(born, previous) < 5 { 6 } else { 12 };
            let done = on_time_or_late(rng, add_months(previous, months), 88, 28, 60)
                .max(previous + days(1));
            if done > last {
                break;
            }
            facts.health_assessments.push(HealthAssessment {
                kind: AssessmentKind::Review,
                completed_on: done,
            });
            previous = done;
        }
    }

    // A dentist every 6 months (the default local standard), most on time.
    let mut due_on = add_months(started_on, 6);
    let mut previous = started_on;
    loop {
        let checked_on = on_time_or_late(rng, due_on, 80, 30, 90).max(previous + days(1));
        if checked_on > last {
            break;
        }
        facts.dental_checks_on.push(checked_on);
        previous = checked_on;
        due_on = add_months(checked_on, 6);
    }

    // CPPCR reg 33: within 20 working days, then 3 months, then every 6 months.
    let mut due_on = add_working_days(started_on, 20);
    let mut previous = started_on;
    let mut held = 0;
    loop {
        let held_on = on_time_or_late(rng, due_on, 88, 7, 60).max(previous + days(1));
        if held_on > reviews_until {
            break;
        }
        facts.reviews_held_on.push(held_on);
        held += 1;
        previous = held_on;
        due_on = add_months(held_on, if held == 1 { 3 } else { 6 });
    }
}

/// CPPCR reg 28: a visit within a week of placement, then every 6 weeks in the placement's
/// first year, then every 3 months.
fn visits(rng: &mut Rng, facts: &mut Facts, placement: Span, until: NaiveDate) {
    let first_year_ends = add_months(placement.started_on, 12);
    let mut due_on = add_weeks(placement.started_on, 1);
    let mut previous: Option<NaiveDate> = None;
    loop {
        let visited_on = on_time_or_late(rng, due_on, 90, 10, 30)
            .max(previous.map_or(placement.started_on, |p| p + days(1)));
        if visited_on > until {
            break;
        }
        facts.social_worker_visits_on.push(visited_on);
        previous = Some(visited_on);
        due_on = if visited_on < first_year_ends {
            add_weeks(visited_on, 6)
        } else {
            add_months(visited_on, 3)
        };
    }
}

/// Done up to `early_days` before `due_on` in `on_time_percent` of cases, otherwise up to
/// `late_days` after it.
fn on_time_or_late(
    rng: &mut Rng,
    due_on: NaiveDate,
    on_time_percent: u64,
    early_days: i64,
    late_days: i64,
) -> NaiveDate {
    if rng.chance(on_time_percent) {
        due_on - days(rng.between(0, early_days))
    } else {
        due_on + days(rng.between(1, late_days))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{
        care::{check_period_of_care, check_while_in_care},
        obligations::{self, Kind, Status},
    };

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    const TODAY: &str = "2026-11-22";

    fn children(seed: u64, count: u64) -> Vec<Child> {
        (0..count)
            .map(|index| child(&mut Rng::for_child(seed, index), d(TODAY)))
            .collect()
    }

    fn within(span: &Span, on: NaiveDate) -> bool {
        on >= span.started_on && span.ended_on.is_none_or(|end| on <= end)
    }

    #[test]
    fn the_same_seed_gives_the_same_numbers_and_the_same_children() {
        let mut a = Rng::new(7);
        let mut b = Rng::new(7);
        let first: Vec<u64> = (0..5).map(|_| a.next_u64()).collect();
        assert_eq!(first, (0..5).map(|_| b.next_u64()).collect::<Vec<_>>());
        assert_ne!(
            first,
            (0..5).map(|_| Rng::new(8).next_u64()).collect::<Vec<_>>()
        );
        // splitmix64's published first output for seed 0.
        assert_eq!(Rng::new(0).next_u64(), 0xE220_A839_7B1D_CDAF);
        assert_eq!(
            format!("{:?}", children(1, 20)),
            format!("{:?}", children(1, 20))
        );
        assert_ne!(
            format!("{:?}", children(1, 20)),
            format!("{:?}", children(2, 20))
        );
    }

    #[test]
    fn ranges_stay_inside_their_bounds() {
        let mut rng = Rng::new(3);
        for _ in 0..10_000 {
            let n = rng.between(-3, 4);
            assert!((-3..=4).contains(&n));
            assert!(rng.below(7) < 7);
        }
        assert_eq!(rng.between(5, 5), 5);
        assert_eq!(rng.between(5, 1), 5);
    }

    #[test]
    fn every_child_passes_the_checks_on_recorded_care() {
        let today = d(TODAY);
        for (index, child) in children(1, 3_000).iter().enumerate() {
            let facts = &child.facts;
            let born = child.date_of_birth;
            assert_eq!(facts.date_of_birth, Some(born));
            assert!(born <= today);
            assert!(!facts.periods_of_care.is_empty());
            assert_eq!(facts.periods_of_care.len(), child.legal_statuses.len());
            assert_eq!(facts.placements.len(), child.placement_types.len());
            for (n, period) in facts.periods_of_care.iter().enumerate() {
                let earlier = &facts.periods_of_care[..n];
                check_period_of_care(*period, born, earlier, today)
                    .unwrap_or_else(|e| panic!("child {index}: {period:?}: {e:?}"));
                assert!(earlier.iter().all(|e| e.ended_on < Some(period.started_on)));
            }
            let periods = &facts.periods_of_care;
            let dated = facts
                .placements
                .iter()
                .flat_map(|p| [Some(p.started_on), p.ended_on])
                .flatten()
                .chain(facts.reviews_held_on.iter().copied())
                .chain(facts.health_assessments.iter().map(|a| a.completed_on))
                .chain(facts.care_plans_agreed_on.iter().copied())
                .chain(facts.social_worker_visits_on.iter().copied());
            for on in dated {
                check_while_in_care("on", "A fact", on, periods, today)
                    .unwrap_or_else(|e| panic!("child {index}: {on}: {e:?}\n{child:?}"));
            }
            for placement in &facts.placements {
                assert!(
                    placement
                        .ended_on
                        .is_none_or(|end| end >= placement.started_on)
                );
                let period = periods
                    .iter()
                    .find(|p| within(p, placement.started_on))
                    .expect("placed while in care");
                assert!(
                    placement.ended_on.is_none_or(|end| within(period, end))
                        && (placement.ended_on.is_some() || period.ended_on.is_none()),
                    "child {index}: a placement outlasts its period of care\n{child:?}"
                );
            }
            for pair in facts.placements.windows(2) {
                assert!(pair[0].ended_on.is_some_and(|end| end < pair[1].started_on));
            }
            for visit in &facts.social_worker_visits_on {
                assert!(facts.placements.iter().any(|p| within(p, *visit)));
            }
            let leaver = periods.iter().all(|p| p.ended_on.is_some());
            if !leaver {
                assert!(age_on(born, today) < 18, "child {index} is in care at 18+");
            }
            assert!(child.allocated_on < today);
        }
    }

    #[test]
    fn most_statutory_deadlines_are_met_some_late_and_some_reviews_are_overdue() {
        let today = d(TODAY);
        let all = children(1, 3_000);
        let reviews: Vec<_> = all
            .iter()
            .flat_map(|child| obligations::obligations(&child.facts, &Default::default(), today))
            .filter(|o| o.kind == Kind::LacReview)
            .collect();
        let count = |status| reviews.iter().filter(|o| o.status == status).count() as f64;
        let done = count(Status::Met) + count(Status::MetLate);
        let late = count(Status::MetLate) / done;
        assert!((0.08..=0.18).contains(&late), "{late} of reviews were late");
        let overdue_children = all
            .iter()
            .filter(|child| {
                obligations::obligations(&child.facts, &Default::default(), today)
                    .iter()
                    .any(|o| o.kind == Kind::LacReview && o.status == Status::Overdue)
            })
            .count() as f64
            / all.len() as f64;
        assert!(
            (0.03..=0.20).contains(&overdue_children),
            "{overdue_children} of children have an overdue review"
        );
        let leavers = all
            .iter()
            .filter(|c| c.facts.periods_of_care.iter().all(|p| p.ended_on.is_some()))
            .count();
        assert!((300..=600).contains(&leavers), "{leavers} care leavers");
        let twice = all
            .iter()
            .filter(|c| c.facts.periods_of_care.len() == 2)
            .count();
        assert!(twice > 100, "{twice} children with two periods of care");
    }
}

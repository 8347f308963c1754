//! Synthetic young people for load tests: realistic care histories in the demo authority,
//! made from a seed so that two runs with the same seed tell the same stories. Never for a
//! live database.
//!
//! Histories follow the statutory clocks in `domain::obligations`: most reviews, visits and
//! assessments happen on time, about one in eight late, and a few children have drifted so
//! that their latest review or visit is overdue. Each child's obligations are worked out by
//! the same engine as for real records and written beside their facts.
use std::{collections::VecDeque, fmt, ops::AddAssign};

use chrono::{DateTime, Duration, Months, NaiveDate, Utc};
use entity::{
    authority, care_episode, care_plan, health_assessment, obligation, placement, review,
    social_worker_visit, staff_allocation, team, user, user_role, young_person,
};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DatabaseTransaction,
    DbBackend, EntityTrait, Iterable, QueryFilter, QueryTrait, Set, Statement, TransactionTrait,
};
use uuid::Uuid;

use crate::{
    clock::Clock,
    domain::{
        calendar::{add_months, add_weeks, add_working_days, age_on},
        care::LegalStatus,
        obligations::{self, AssessmentKind, Facts, HealthAssessment, Span},
        roles::{AllocationRole, Role},
    },
    error::{Error, Result},
};

/// Children written per transaction: big enough that the pages of the obligations' due-date
/// index (which every transaction touches all over) are written fewer times, small enough to
/// keep memory flat however many are asked for. A multiple of `MAX_ROWS_PER_STATEMENT`, so
/// that each transaction's young people fill whole statements.
const CHILDREN_PER_TRANSACTION: u32 = 5_000;
/// SQLite's limit on bound parameters in one statement (PostgreSQL allows more).
const MAX_BIND_PARAMETERS: usize = 32_766;
/// Larger statements are no faster, and each prepared one is cached per connection.
const MAX_ROWS_PER_STATEMENT: usize = 1_000;
/// For the connection doing the load: a 64 MiB page cache rather than 2 MiB, and a checkpoint
/// every 40 MiB of log rather than every 4. Both last only as long as the connection.
const SQLITE_BULK_PRAGMAS: [&str; 2] = [
    "PRAGMA cache_size = -65536",
    "PRAGMA wal_autocheckpoint = 10000",
];

const SOCIAL_WORKERS: [&str; 8] = [
    "Aisha Rahman",
    "Ben Clarke",
    "Chloe Evans",
    "Daniel Mensah",
    "Ella Hughes",
    "Farid Khan",
    "Grace Murphy",
    "Harry Wilson",
];
const IROS: [&str; 6] = [
    "Imogen Price",
    "Joseph Adeyemi",
    "Kirsty Bell",
    "Liam O'Brien",
    "Maya Patel",
    "Noah Fletcher",
];
/// The synthetic social workers' teams, besides the demo's own "Children in care team".
const TEAMS: [&str; 4] = [
    "Children in care team 2",
    "Children in care team 3",
    "Children in care team 4",
    "Children in care team 5",
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

/// What a run added.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Summary {
    pub young_people: u64,
    /// Care episodes, placements, care plans, health assessments, reviews and visits.
    pub facts: u64,
    pub allocations: u64,
    pub obligations: u64,
}

impl AddAssign for Summary {
    fn add_assign(&mut self, other: Self) {
        self.young_people += other.young_people;
        self.facts += other.facts;
        self.allocations += other.allocations;
        self.obligations += other.obligations;
    }
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} young people, {} facts (care episodes, placements, care plans, health assessments, \
             reviews and visits), {} allocations and {} obligations",
            self.young_people, self.facts, self.allocations, self.obligations
        )
    }
}

/// Add `young_people` synthetic children, with their care histories, allocations and
/// obligations, to the demo authority (loading the demo first if it is not there).
#[tracing::instrument(skip(db, clock))]
pub async fn seed(
    db: &DatabaseConnection,
    clock: &dyn Clock,
    young_people: u32,
    seed: u64,
) -> Result<Summary> {
    super::demo::seed(db, clock).await?;
    let now = clock.now();
    let today = clock.today();
    let authority_id = authority::Entity::find()
        .filter(authority::Column::Code.eq("demo"))
        .one(db)
        .await?
        .ok_or_else(|| anyhow::anyhow!("the demo authority is missing after seeding it"))
        .map_err(Error::Unexpected)?
        .id;
    let staff = synthetic_staff(db, authority_id, now).await?;
    let writer = Writer {
        authority_id,
        staff,
        today,
        now,
    };
    // One thread makes the children and their insert statements while this one writes them:
    // the database is the slower half, so it never waits for the next statement.
    let backend = db.get_database_backend();
    let (sender, mut receiver) = tokio::sync::mpsc::channel(4);
    let maker =
        tokio::task::spawn_blocking(move || writer.make(young_people, seed, backend, &sender));
    let mut summary = Summary::default();
    let mut txn: Option<DatabaseTransaction> = None;
    while let Some(work) = receiver.recv().await {
        match work {
            Work::Insert(statement) => {
                let txn = match &mut txn {
                    Some(txn) => txn,
                    None => {
                        let begun = db.begin().await?;
                        if backend == DbBackend::Sqlite {
                            for pragma in SQLITE_BULK_PRAGMAS {
                                begun.execute_unprepared(pragma).await?;
                            }
                        }
                        txn.insert(begun)
                    }
                };
                txn.execute_raw(statement).await?;
            }
            Work::Commit(added) => {
                if let Some(txn) = txn.take() {
                    txn.commit().await?;
                }
                summary += added;
            }
        }
    }
    maker
        .await
        .map_err(|error| Error::Unexpected(anyhow::Error::new(error)))?;
    Ok(summary)
}

/// What the thread making children hands to the one writing them.
enum Work {
    /// One multi-row insert.
    Insert(Statement),
    /// The end of a transaction's worth of children, and what they added.
    Commit(Summary),
}

/// splitmix64 (Steele, Lea and Flood, 2014): small, fast, and the same seed always gives the
/// same numbers on every platform. Not for anything secret.
#[derive(Debug, Clone)]
struct Rng(u64);

fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

impl Rng {
    fn new(seed: u64) -> Self {
        Rng(seed)
    }

    /// The generator for one child of a run: children do not depend on each other, so any
    /// slice of a run can be made on its own.
    fn for_child(seed: u64, index: u64) -> Self {
        Rng(mix(seed ^ mix(index.wrapping_add(0x9E37_79B9_7F4A_7C15))))
    }

    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        mix(self.0)
    }

    /// A number in `0..n` (n > 0), by multiplying rather than by remainder.
    fn below(&mut self, n: u64) -> u64 {
        ((u128::from(self.next_u64()) * u128::from(n)) >> 64) as u64
    }

    /// A number from `low` to `high` inclusive; `low` when the range is empty.
    fn between(&mut self, low: i64, high: i64) -> i64 {
        if high <= low {
            return low;
        }
        low + self.below((high - low + 1) as u64) as i64
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len() as u64) as usize]
    }

    fn weighted<T: Copy>(&mut self, items: &[(T, u64)]) -> T {
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

/// Time-ordered ids (UUID version 7, RFC 9562): the run's start in milliseconds, a counter,
/// then random bits. Each index on an id then grows at one end; random (version 4) ids land
/// all over it, and made loading 10,000 children on SQLite half as slow again.
struct Ids {
    millis: u64,
    counter: u64,
    rng: Rng,
}

impl Ids {
    fn new(now: DateTime<Utc>, rng: Rng) -> Self {
        Ids {
            millis: u64::try_from(now.timestamp_millis()).unwrap_or(0) & ((1 << 48) - 1),
            counter: 0,
            rng,
        }
    }

    fn next(&mut self) -> Uuid {
        // 74 bits after the version and variant: a 42-bit counter, then 32 random bits.
        let bits = (u128::from(self.counter) << 32) | u128::from(self.rng.next_u64() as u32);
        self.counter += 1;
        let rand_a = (bits >> 62) & 0xfff;
        let rand_b = bits & ((1 << 62) - 1);
        Uuid::from_u128(
            (u128::from(self.millis) << 80) | (0x7 << 76) | (rand_a << 64) | (0b10 << 62) | rand_b,
        )
    }
}

fn days(n: i64) -> Duration {
    Duration::days(n)
}

/// One made-up child: who they are, what has happened to them, and who is allocated.
#[derive(Debug, Clone)]
struct Child {
    given_name: &'static str,
    family_name: &'static str,
    pronouns: Option<&'static str>,
    date_of_birth: NaiveDate,
    /// `date_of_birth` is set; periods, placements and facts are in date order.
    facts: Facts,
    /// One per period of care.
    legal_statuses: Vec<LegalStatus>,
    /// One per placement.
    placement_types: Vec<&'static str>,
    /// Indexes into the synthetic social workers and IROs.
    social_worker: usize,
    iro: usize,
    allocated_on: NaiveDate,
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

fn child(rng: &mut Rng, today: NaiveDate) -> Child {
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

struct Staff {
    social_workers: Vec<Uuid>,
    iros: Vec<Uuid>,
}

/// The synthetic social workers (in four teams) and IROs, made once and found by email after.
/// They have no password: nobody signs in as them.
async fn synthetic_staff(
    db: &DatabaseConnection,
    authority_id: Uuid,
    now: DateTime<Utc>,
) -> Result<Staff> {
    let txn = db.begin().await?;
    let mut teams = Vec::new();
    for name in TEAMS {
        let existing = team::Entity::find()
            .filter(team::Column::AuthorityId.eq(authority_id))
            .filter(team::Column::Name.eq(name))
            .one(&txn)
            .await?;
        let id = match existing {
            Some(team) => team.id,
            None => {
                team::ActiveModel {
                    id: Set(Uuid::new_v4()),
                    authority_id: Set(authority_id),
                    name: Set(name.into()),
                    created_at: Set(now),
                }
                .insert(&txn)
                .await?
                .id
            }
        };
        teams.push(id);
    }
    let mut staff = Staff {
        social_workers: Vec::new(),
        iros: Vec::new(),
    };
    for (index, name) in SOCIAL_WORKERS.iter().enumerate() {
        let email = format!("sw{}.synthetic@example.org", index + 1);
        let team_id = teams[index % teams.len()];
        let id = staff_member(
            &txn,
            authority_id,
            &email,
            name,
            Role::SocialWorker,
            Some(team_id),
            now,
        )
        .await?;
        staff.social_workers.push(id);
    }
    for (index, name) in IROS.iter().enumerate() {
        let email = format!("iro{}.synthetic@example.org", index + 1);
        let id = staff_member(&txn, authority_id, &email, name, Role::Iro, None, now).await?;
        staff.iros.push(id);
    }
    txn.commit().await?;
    Ok(staff)
}

async fn staff_member(
    db: &impl ConnectionTrait,
    authority_id: Uuid,
    email: &str,
    name: &str,
    role: Role,
    team_id: Option<Uuid>,
    now: DateTime<Utc>,
) -> Result<Uuid> {
    if let Some(existing) = user::Entity::find()
        .filter(user::Column::Email.eq(email))
        .one(db)
        .await?
    {
        return Ok(existing.id);
    }
    let id = Uuid::new_v4();
    user::ActiveModel {
        id: Set(id),
        authority_id: Set(authority_id),
        email: Set(email.to_owned()),
        name: Set(name.to_owned()),
        password_hash: Set(None),
        young_person_id: Set(None),
        active: Set(true),
        created_at: Set(now),
        team_id: Set(team_id),
    }
    .insert(db)
    .await?;
    user_role::ActiveModel {
        user_id: Set(id),
        role: Set(role.code().to_owned()),
    }
    .insert(db)
    .await?;
    Ok(id)
}

/// Turns children into rows.
struct Writer {
    authority_id: Uuid,
    staff: Staff,
    today: NaiveDate,
    now: DateTime<Utc>,
}

/// Rows waiting to be written, table by table.
#[derive(Default)]
struct Batch {
    young_people: Queue<young_person::ActiveModel>,
    care_episodes: Queue<care_episode::ActiveModel>,
    placements: Queue<placement::ActiveModel>,
    care_plans: Queue<care_plan::ActiveModel>,
    health_assessments: Queue<health_assessment::ActiveModel>,
    reviews: Queue<review::ActiveModel>,
    visits: Queue<social_worker_visit::ActiveModel>,
    allocations: Queue<staff_allocation::ActiveModel>,
    obligations: Queue<obligation::ActiveModel>,
}

impl Writer {
    /// Make `young_people` children, a transaction's worth at a time, and send their inserts.
    /// Stops early if the writer has stopped listening.
    fn make(
        &self,
        young_people: u32,
        seed: u64,
        backend: DbBackend,
        sender: &tokio::sync::mpsc::Sender<Work>,
    ) {
        // Ids are random per run, so a second run with the same seed adds more children rather
        // than clashing with the first; everything else comes from the seed.
        let mut ids = Ids::new(self.now, Rng::new(rand::random()));
        let mut batch = Batch::default();
        let mut send = |statement| sender.blocking_send(Work::Insert(statement)).is_ok();
        let mut first = 0;
        while first < young_people {
            let end = first
                .saturating_add(CHILDREN_PER_TRANSACTION)
                .min(young_people);
            for index in first..end {
                let child = child(&mut Rng::for_child(seed, index.into()), self.today);
                self.add(&mut batch, &child, &mut ids);
            }
            let Some(sent) = batch.send(end == young_people, backend, &mut send) else {
                return;
            };
            if sender.blocking_send(Work::Commit(sent)).is_err() {
                return;
            }
            first = end;
        }
    }

    fn add(&self, batch: &mut Batch, child: &Child, ids: &mut Ids) {
        let now = self.now;
        let young_person_id = ids.next();
        let social_worker = self.staff.social_workers[child.social_worker];
        let iro = self.staff.iros[child.iro];
        let facts = &child.facts;
        batch.young_people.push(young_person::ActiveModel {
            id: Set(young_person_id),
            authority_id: Set(self.authority_id),
            given_name: Set(child.given_name.to_owned()),
            family_name: Set(child.family_name.to_owned()),
            preferred_name: Set(None),
            pronouns: Set(child.pronouns.map(str::to_owned)),
            date_of_birth: Set(child.date_of_birth),
            created_at: Set(now),
            updated_at: Set(now),
        });
        for (period, legal_status) in facts.periods_of_care.iter().zip(&child.legal_statuses) {
            batch.care_episodes.push(care_episode::ActiveModel {
                id: Set(ids.next()),
                young_person_id: Set(young_person_id),
                started_on: Set(period.started_on),
                ended_on: Set(period.ended_on),
                legal_status: Set(legal_status.code().to_owned()),
                recorded_by: Set(social_worker),
                created_at: Set(now),
            });
        }
        for (span, placement_type) in facts.placements.iter().zip(&child.placement_types) {
            batch.placements.push(placement::ActiveModel {
                id: Set(ids.next()),
                young_person_id: Set(young_person_id),
                started_on: Set(span.started_on),
                ended_on: Set(span.ended_on),
                placement_type: Set((*placement_type).to_owned()),
                long_term: Set(span.ended_on.is_none() && *placement_type != "Placed with parents"),
                recorded_by: Set(social_worker),
                created_at: Set(now),
            });
        }
        for agreed_on in &facts.care_plans_agreed_on {
            batch.care_plans.push(care_plan::ActiveModel {
                id: Set(ids.next()),
                young_person_id: Set(young_person_id),
                agreed_on: Set(*agreed_on),
                recorded_by: Set(social_worker),
                created_at: Set(now),
            });
        }
        for assessment in &facts.health_assessments {
            batch
                .health_assessments
                .push(health_assessment::ActiveModel {
                    id: Set(ids.next()),
                    young_person_id: Set(young_person_id),
                    kind: Set(assessment.kind.code().to_owned()),
                    completed_on: Set(assessment.completed_on),
                    recorded_by: Set(social_worker),
                    created_at: Set(now),
                });
        }
        for held_on in &facts.reviews_held_on {
            batch.reviews.push(review::ActiveModel {
                id: Set(ids.next()),
                young_person_id: Set(young_person_id),
                held_on: Set(*held_on),
                iro_user_id: Set(Some(iro)),
                participation: Set(None),
                outcome_notes: Set(None),
                recorded_by: Set(iro),
                created_at: Set(now),
            });
        }
        for visited_on in &facts.social_worker_visits_on {
            batch.visits.push(social_worker_visit::ActiveModel {
                id: Set(ids.next()),
                young_person_id: Set(young_person_id),
                visited_on: Set(*visited_on),
                seen_alone: Set(true),
                recorded_by: Set(social_worker),
                created_at: Set(now),
            });
        }
        for (role, staff_user_id) in [
            (AllocationRole::SocialWorker, social_worker),
            (AllocationRole::Iro, iro),
        ] {
            batch.allocations.push(staff_allocation::ActiveModel {
                id: Set(ids.next()),
                young_person_id: Set(young_person_id),
                staff_user_id: Set(staff_user_id),
                role: Set(role.code().to_owned()),
                started_on: Set(child.allocated_on),
                ended_on: Set(None),
                created_at: Set(now),
            });
        }
        // As `service::obligations::refresh` writes them, from the facts just made.
        for due in obligations::obligations(facts, self.today) {
            batch.obligations.push(obligation::ActiveModel {
                id: Set(ids.next()),
                young_person_id: Set(young_person_id),
                authority_id: Set(self.authority_id),
                kind: Set(due.kind.code().to_owned()),
                due_on: Set(due.due_on),
                completed_on: Set(due.completed_on),
                updated_at: Set(now),
            });
        }
    }
}

impl Batch {
    /// Send one transaction's inserts, and say what they add. Young people go first and all
    /// of them, as everything else refers to them; of the rest, only full statements go until
    /// `end_of_run`, and the remainder waits for the next transaction. `None` when `send`
    /// fails.
    fn send(
        &mut self,
        end_of_run: bool,
        backend: DbBackend,
        send: &mut impl FnMut(Statement) -> bool,
    ) -> Option<Summary> {
        // In index order, so that each transaction touches each page of that index once.
        self.obligations.rows.make_contiguous().sort_by_key(|o| {
            (
                o.completed_on.try_as_ref().copied().flatten(),
                o.due_on.try_as_ref().copied(),
            )
        });
        let young_people = self.young_people.send(true, backend, send)?;
        let facts = self.care_episodes.send(end_of_run, backend, send)?
            + self.placements.send(end_of_run, backend, send)?
            + self.care_plans.send(end_of_run, backend, send)?
            + self.health_assessments.send(end_of_run, backend, send)?
            + self.reviews.send(end_of_run, backend, send)?
            + self.visits.send(end_of_run, backend, send)?;
        let allocations = self.allocations.send(end_of_run, backend, send)?;
        let obligations = self.obligations.send(end_of_run, backend, send)?;
        Some(Summary {
            young_people,
            facts,
            allocations,
            obligations,
        })
    }
}

/// Rows waiting to be inserted into one table. Sending only full statements until the end
/// gives every insert into a table the same shape, so SQLite prepares it once rather than
/// caching a large statement for each leftover size.
struct Queue<A> {
    rows: VecDeque<A>,
    per_statement: usize,
}

impl<A: ActiveModelTrait> Default for Queue<A> {
    fn default() -> Self {
        let columns = <A::Entity as EntityTrait>::Column::iter().count();
        Queue {
            rows: VecDeque::new(),
            per_statement: (MAX_BIND_PARAMETERS / columns).clamp(1, MAX_ROWS_PER_STATEMENT),
        }
    }
}

impl<A: ActiveModelTrait> Queue<A> {
    fn push(&mut self, row: A) {
        self.rows.push_back(row);
    }

    /// Send full multi-row inserts, and the remainder too when `all`; how many rows went, or
    /// `None` when `send` fails.
    fn send(
        &mut self,
        all: bool,
        backend: DbBackend,
        send: &mut impl FnMut(Statement) -> bool,
    ) -> Option<u64> {
        let mut sent = 0;
        while self.rows.len() >= self.per_statement || (all && !self.rows.is_empty()) {
            let take = self.per_statement.min(self.rows.len());
            let rows: Vec<A> = self.rows.drain(..take).collect();
            if !send(A::Entity::insert_many(rows).build(backend)) {
                return None;
            }
            sent += take as u64;
        }
        Some(sent)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{
        care::{check_period_of_care, check_while_in_care},
        obligations::{Kind, Status},
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
    fn ids_are_version_7_and_in_order() {
        let now = d(TODAY).and_hms_opt(9, 0, 0).unwrap().and_utc();
        let mut ids = Ids::new(now, Rng::new(1));
        let made: Vec<Uuid> = (0..1_000).map(|_| ids.next()).collect();
        assert!(made.windows(2).all(|pair| pair[0] < pair[1]));
        for id in &made {
            assert_eq!(id.get_version_num(), 7);
            assert_eq!(id.get_variant(), uuid::Variant::RFC4122);
            let (seconds, _) = id.get_timestamp().unwrap().to_unix();
            assert_eq!(seconds, now.timestamp() as u64);
        }
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
            .flat_map(|child| obligations::obligations(&child.facts, today))
            .filter(|o| o.kind == Kind::LacReview)
            .collect();
        let count = |status| reviews.iter().filter(|o| o.status == status).count() as f64;
        let done = count(Status::Met) + count(Status::MetLate);
        let late = count(Status::MetLate) / done;
        assert!((0.08..=0.18).contains(&late), "{late} of reviews were late");
        let overdue_children = all
            .iter()
            .filter(|child| {
                obligations::obligations(&child.facts, today)
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

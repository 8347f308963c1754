//! Synthetic young people for load tests: realistic care histories in the demo authority,
//! made from a seed so that two runs with the same seed tell the same stories. Never for a
//! live database.
//!
//! Histories follow the statutory clocks in `domain::obligations`: most reviews, visits and
//! assessments happen on time, about one in eight late, and a few children have drifted so
//! that their latest review or visit is overdue. Each child's obligations are worked out by
//! the same engine as for real records and written beside their facts.
mod story;

use std::{collections::VecDeque, fmt, ops::AddAssign};

use chrono::{DateTime, NaiveDate, Utc};
use entity::{
    authority, care_episode, care_plan, health_assessment, health_entry, obligation, placement,
    review, social_worker_visit, staff_allocation, team, user, user_role, young_person,
};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DatabaseTransaction,
    DbBackend, EntityTrait, Iterable, NotSet, QueryFilter, QueryTrait, Set, Statement,
    TransactionTrait,
};
use uuid::Uuid;

use self::story::{Child, IROS, Rng, SOCIAL_WORKERS, child};

use crate::{
    clock::Clock,
    domain::{
        health::{Check, CheckKind, EntryDetails, EntryText, Sharing},
        obligations::{self, LocalStandards},
        roles::{AllocationRole, Role},
    },
    error::{Error, Result},
    service::health_history::rows::{self, NewVersion, Recorded},
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

/// The synthetic social workers' teams, besides the demo's own "Children in care team".
const TEAMS: [&str; 4] = [
    "Children in care team 2",
    "Children in care team 3",
    "Children in care team 4",
    "Children in care team 5",
];

/// What a run added.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Summary {
    pub young_people: u64,
    /// Care episodes, placements, care plans, health assessments, dental checks, reviews and visits.
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
             dental checks, reviews and visits), {} allocations and {} obligations",
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
    standards: &LocalStandards,
    young_people: u32,
    seed: u64,
) -> Result<Summary> {
    super::demo::seed(db, clock, standards).await?;
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
        standards: *standards,
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
        phone: Set(None),
        working_hours: Set(None),
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
    standards: LocalStandards,
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
    dental_checks: Queue<health_entry::ActiveModel>,
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
            facts_version: NotSet,
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
                    summary: Set(None),
                    recommendations: Set(None),
                    recorded_by: Set(social_worker),
                    created_at: Set(now),
                });
        }
        for checked_on in &facts.dental_checks_on {
            let text = EntryText {
                details: EntryDetails::Check(Check {
                    kind: CheckKind::Dental,
                    checked_on: *checked_on,
                    result: "Healthy teeth. No treatment needed.".into(),
                }),
                sharing: Sharing::Shared,
            };
            let mut row = rows::entry_row(NewVersion {
                entry_id: ids.next(),
                version: 1,
                young_person_id,
                text: &text,
                correction_reason: None,
                recorded: Recorded {
                    by: social_worker,
                    at: now,
                },
            });
            row.id = Set(ids.next());
            batch.dental_checks.push(row);
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
        for due in obligations::obligations(facts, &self.standards, self.today) {
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
            + self.dental_checks.send(end_of_run, backend, send)?
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

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    const TODAY: &str = "2026-11-22";

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
}

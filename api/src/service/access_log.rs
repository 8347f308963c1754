//! The access log: every read of a young person's record, which they can read themselves.
use chrono::{DateTime, Utc};
use entity::access_log_entry;
use sea_orm::{
    ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};
use tokio::sync::{mpsc, oneshot};
use uuid::Uuid;

use crate::{
    AppState,
    domain::{access::Action, roles::Role},
    error::{Error, Result},
};

use super::{Caller, Page, PageRequest, access, accounts};

/// What was read, in the words a young person would use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReadKind {
    /// Saw your name and date of birth in a list.
    Listed,
    /// Opened your record.
    Record,
    /// Looked at who your workers are.
    Allocations,
    /// Looked at who has looked at your record.
    AccessLog,
    /// Looked at when your reviews, visits and health assessments are due.
    Obligations,
    /// Looked at your IRO's challenges to your plan.
    Escalations,
    /// Looked at your health history.
    HealthHistory,
    /// Looked at whether you are a care leaver, and which kind.
    CareLeaverStatus,
    /// Looked at what you can get from the local offer, and what you have asked for.
    Entitlements,
    /// Looked at when your personal adviser was in touch.
    ContactLog,
    /// Looked at your pathway plan.
    PathwayPlan,
    /// Saw what is due for you and what you have asked for, in their caseload.
    Caseload,
    /// Looked at your homelessness case: the assessment, your rights and the decision.
    HomelessnessCase,
}

impl ReadKind {
    pub const ALL: [ReadKind; 13] = [
        ReadKind::Listed,
        ReadKind::Record,
        ReadKind::Allocations,
        ReadKind::AccessLog,
        ReadKind::Obligations,
        ReadKind::Escalations,
        ReadKind::HealthHistory,
        ReadKind::CareLeaverStatus,
        ReadKind::Entitlements,
        ReadKind::ContactLog,
        ReadKind::PathwayPlan,
        ReadKind::Caseload,
        ReadKind::HomelessnessCase,
    ];

    pub fn code(self) -> &'static str {
        match self {
            ReadKind::Listed => "listed",
            ReadKind::Record => "record",
            ReadKind::Allocations => "allocations",
            ReadKind::AccessLog => "access_log",
            ReadKind::Obligations => "obligations",
            ReadKind::Escalations => "escalations",
            ReadKind::HealthHistory => "health_history",
            ReadKind::CareLeaverStatus => "care_leaver_status",
            ReadKind::Entitlements => "entitlements",
            ReadKind::ContactLog => "contact_log",
            ReadKind::PathwayPlan => "pathway_plan",
            ReadKind::Caseload => "caseload",
            ReadKind::HomelessnessCase => "homelessness_case",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|kind| kind.code() == code)
    }

    pub fn describe(self) -> &'static str {
        match self {
            ReadKind::Listed => "Saw your name in a list of young people",
            ReadKind::Record => "Looked at your details",
            ReadKind::Allocations => "Looked at who your workers are",
            ReadKind::AccessLog => "Looked at who has seen your record",
            ReadKind::Obligations => {
                "Looked at when your reviews, visits and health checks are due"
            }
            ReadKind::Escalations => "Looked at your IRO's challenges to your plan",
            ReadKind::HealthHistory => "Looked at your health history",
            ReadKind::CareLeaverStatus => "Looked at whether you are a care leaver",
            ReadKind::Entitlements => "Looked at what you can get and what you have asked for",
            ReadKind::ContactLog => "Looked at when your personal adviser was in touch",
            ReadKind::PathwayPlan => "Looked at your pathway plan",
            ReadKind::Caseload => {
                "Saw what is due for you and what you have asked for, in their list of young people"
            }
            ReadKind::HomelessnessCase => {
                "Looked at your housing case: the assessment, your rights and the decision"
            }
        }
    }
}

/// Write one entry per young person read, before the caller goes on to return what was read.
/// Entries are never changed or removed.
pub async fn record(
    log: &AccessLogWriter,
    caller: &Caller,
    reads: &[(Uuid, Role)],
    kind: ReadKind,
    now: DateTime<Utc>,
) -> Result<()> {
    if reads.is_empty() {
        return Ok(());
    }
    let rows = reads
        .iter()
        .map(|(young_person_id, role)| access_log_entry::ActiveModel {
            id: Set(Uuid::new_v4()),
            young_person_id: Set(*young_person_id),
            actor_user_id: Set(caller.actor.user_id),
            actor_role: Set(role.code().to_owned()),
            action: Set(kind.code().to_owned()),
            occurred_at: Set(now),
            request_id: Set(Some(caller.request_id.clone())),
        })
        .collect();
    // The writer's insert runs in its own task; it is this request's query all the same.
    crate::request_id::count_query();
    log.write(rows).await
}

/// The access log's one writer. Each read is still written before its data goes back, but
/// rather than every request committing its own row, requests hand their rows to one task
/// that commits all that are waiting in a single insert. On SQLite this means the write lock
/// is never fought over (a writer that finds it taken sleeps for a millisecond or more), and
/// under load many reads share one commit.
#[derive(Clone)]
pub struct AccessLogWriter {
    queue: mpsc::Sender<Pending>,
}

struct Pending {
    rows: Vec<access_log_entry::ActiveModel>,
    written: oneshot::Sender<std::result::Result<(), String>>,
}

/// At most this many rows go in one insert: well within SQLite's and PostgreSQL's limits on
/// bound values (7 per row).
const MOST_ROWS_AT_ONCE: usize = 1000;

impl AccessLogWriter {
    /// Start the writer on the current runtime. It stops when every copy of the writer has.
    pub fn start(db: DatabaseConnection) -> Self {
        let (queue, waiting) = mpsc::channel(1024);
        tokio::spawn(write_as_they_come(db, waiting));
        Self { queue }
    }

    async fn write(&self, rows: Vec<access_log_entry::ActiveModel>) -> Result<()> {
        let (written, outcome) = oneshot::channel();
        let stopped = || Error::Unexpected(anyhow::anyhow!("the access log writer has stopped"));
        self.queue
            .send(Pending { rows, written })
            .await
            .map_err(|_| stopped())?;
        match outcome.await.map_err(|_| stopped())? {
            Ok(()) => Ok(()),
            Err(cause) => Err(Error::Unexpected(anyhow::anyhow!(
                "the access log could not be written: {cause}"
            ))),
        }
    }
}

async fn write_as_they_come(db: DatabaseConnection, mut waiting: mpsc::Receiver<Pending>) {
    while let Some(first) = waiting.recv().await {
        let mut rows = first.rows;
        let mut to_tell = vec![first.written];
        while rows.len() < MOST_ROWS_AT_ONCE {
            match waiting.try_recv() {
                Ok(next) => {
                    rows.extend(next.rows);
                    to_tell.push(next.written);
                }
                Err(_) => break,
            }
        }
        let outcome = access_log_entry::Entity::insert_many(rows)
            .exec(&db)
            .await
            .map(|_| ())
            .map_err(|error| error.to_string());
        for written in to_tell {
            // A request that gave up waiting has nobody left to tell.
            let _ = written.send(outcome.clone());
        }
    }
}

#[derive(Debug, Clone)]
pub struct AccessLogEntry {
    pub occurred_at: DateTime<Utc>,
    pub who: String,
    pub role: Option<Role>,
    pub kind: Option<ReadKind>,
}

/// Who has read this young person's record, newest first.
#[tracing::instrument(skip(state, caller))]
pub async fn entries(
    state: &AppState,
    caller: &Caller,
    young_person_id: Uuid,
    page: PageRequest,
) -> Result<Page<AccessLogEntry>> {
    let today = state.clock.today();
    let now = state.clock.now();
    access::authorise_read(
        state,
        caller,
        young_person_id,
        Action::ReadAccessLog,
        ReadKind::AccessLog,
        today,
        now,
    )
    .await?;
    let query = access_log_entry::Entity::find()
        .filter(access_log_entry::Column::YoungPersonId.eq(young_person_id));
    let total = query.clone().count(&state.db).await?;
    let rows = query
        .order_by_desc(access_log_entry::Column::OccurredAt)
        .order_by_desc(access_log_entry::Column::Id)
        .offset(page.offset())
        .limit(page.per_page)
        .all(&state.db)
        .await?;
    let names = accounts::names(&state.db, rows.iter().map(|row| row.actor_user_id)).await?;
    let items = rows
        .into_iter()
        .map(|row| AccessLogEntry {
            occurred_at: row.occurred_at,
            who: names.of(row.actor_user_id),
            role: Role::from_code(&row.actor_role),
            kind: ReadKind::from_code(&row.action),
        })
        .collect();
    Ok(Page {
        items,
        total,
        page: page.page,
        per_page: page.per_page,
    })
}

#[cfg(test)]
mod tests {
    use super::ReadKind;

    #[test]
    fn every_kind_of_read_is_read_back_from_its_code() {
        for kind in ReadKind::ALL {
            assert_eq!(ReadKind::from_code(kind.code()), Some(kind));
        }
    }
}

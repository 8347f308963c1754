//! The transactional outbox. A use case that must send email writes the message here in the
//! same transaction as its own change, so a message exists if and only if the change does.
//! A worker sends what is due, retries with backoff while the mail server is away, and
//! marks each message sent or failed. Any number of replicas may run workers.
use std::{sync::Arc, time::Duration as StdDuration};

use chrono::{DateTime, Duration, Utc};
use entity::outbox_message;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect, Set, sea_query::Expr,
};
use tokio::sync::Notify;
use uuid::Uuid;

use crate::{
    clock::SharedClock,
    domain::outbox::{has_given_up, retry_delay},
    error::Result,
    mail::{MailError, Mailer, OutgoingEmail},
};

const PENDING: &str = "pending";
const SENT: &str = "sent";
const FAILED: &str = "failed";

/// How long a worker holds a message it is sending before another may try it.
const CLAIM: Duration = Duration::minutes(2);
const BATCH: u64 = 20;
const POLL_EVERY: StdDuration = StdDuration::from_secs(2);

/// Queue a message. Call inside the transaction of the change that causes it.
pub async fn enqueue(
    db: &impl ConnectionTrait,
    email: &OutgoingEmail,
    now: DateTime<Utc>,
) -> Result<Uuid> {
    let id = Uuid::new_v4();
    outbox_message::ActiveModel {
        id: Set(id),
        to_address: Set(email.to.clone()),
        subject: Set(email.subject.clone()),
        text_body: Set(email.text.clone()),
        html_body: Set(email.html.clone()),
        status: Set(PENDING.into()),
        attempts: Set(0),
        next_attempt_at: Set(now),
        last_error: Set(None),
        created_at: Set(now),
        sent_at: Set(None),
    }
    .insert(db)
    .await?;
    Ok(id)
}

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Delivery {
    pub sent: usize,
    pub retrying: usize,
    pub failed: usize,
}

/// One pass over the messages that are due at `now`.
pub async fn deliver_due(
    db: &DatabaseConnection,
    mailer: &dyn Mailer,
    now: DateTime<Utc>,
) -> Result<Delivery> {
    let due = outbox_message::Entity::find()
        .filter(outbox_message::Column::Status.eq(PENDING))
        .filter(outbox_message::Column::NextAttemptAt.lte(now))
        .order_by_asc(outbox_message::Column::NextAttemptAt)
        .limit(BATCH)
        .all(db)
        .await?;
    let mut delivery = Delivery::default();
    for message in due {
        // Claim it: if another worker got there first, leave it to them.
        let claimed = outbox_message::Entity::update_many()
            .col_expr(
                outbox_message::Column::NextAttemptAt,
                Expr::value(now + CLAIM),
            )
            .filter(outbox_message::Column::Id.eq(message.id))
            .filter(outbox_message::Column::Status.eq(PENDING))
            .filter(outbox_message::Column::NextAttemptAt.lte(now))
            .exec(db)
            .await?;
        if claimed.rows_affected != 1 {
            continue;
        }
        let email = OutgoingEmail {
            to: message.to_address.clone(),
            subject: message.subject.clone(),
            text: message.text_body.clone(),
            html: message.html_body.clone(),
        };
        let attempts = message.attempts.max(0) as u32 + 1;
        let mut row: outbox_message::ActiveModel = message.into();
        row.attempts = Set(attempts as i32);
        match mailer.send(&email).await {
            Ok(()) => {
                row.status = Set(SENT.into());
                row.sent_at = Set(Some(now));
                row.text_body = Set(String::new());
                row.html_body = Set(String::new());
                row.last_error = Set(None);
                delivery.sent += 1;
            }
            Err(MailError::Unavailable(reason)) if !has_given_up(attempts) => {
                row.next_attempt_at = Set(now + retry_delay(attempts));
                row.last_error = Set(Some(general_terms(&reason)));
                delivery.retrying += 1;
            }
            Err(error) => {
                row.status = Set(FAILED.into());
                row.last_error = Set(Some(general_terms(&error.to_string())));
                delivery.failed += 1;
            }
        }
        let id = row.id.clone().unwrap();
        row.update(db).await?;
        tracing::info!(message_id = %id, attempts, "outbox message processed");
    }
    if delivery.retrying > 0 {
        tracing::warn!(
            retrying = delivery.retrying,
            "email could not be sent yet; will retry"
        );
    }
    Ok(delivery)
}

/// Keep an error's first line and drop anything that looks like an address.
fn general_terms(reason: &str) -> String {
    reason
        .lines()
        .next()
        .unwrap_or_default()
        .split_whitespace()
        .map(|word| {
            if word.contains('@') {
                "[address]"
            } else {
                word
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
        .take(200)
        .collect()
}

/// Send due messages now and every few seconds, and whenever `wake` is notified.
pub fn spawn_worker(
    db: DatabaseConnection,
    mailer: Arc<dyn Mailer>,
    clock: SharedClock,
    wake: Arc<Notify>,
) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        loop {
            if let Err(error) = deliver_due(&db, mailer.as_ref(), clock.now()).await {
                tracing::error!(error = ?error, "the outbox worker could not run");
            }
            tokio::select! {
                _ = wake.notified() => {}
                _ = tokio::time::sleep(POLL_EVERY) => {}
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_are_kept_without_addresses() {
        assert_eq!(
            general_terms("permanent error (550): jess@example.org unknown\nmore"),
            "permanent error (550): [address] unknown"
        );
    }
}

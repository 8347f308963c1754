//! A notification a member of the public is writing on the portal, one page at a time. They
//! have no account, so their answers are held against a random token in a cookie: only the
//! token's hash is kept, the answers go after a day, and one address can start only so many.
use chrono::{DateTime, Duration, Utc};
use entity::pf_notification_draft;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set, sea_query::Expr,
};
use uuid::Uuid;

use super::notifications::{self, Received};
use crate::{
    AppState,
    domain::{
        login_throttle::{self, ThrottlePolicy},
        private_fostering::{
            notification::{Notification, Notifier},
            reference::Reference,
        },
    },
    error::{Error, Result},
    service::{sign_in, tokens},
};

/// Long enough to stop, find out the carer's address and come back; short enough that a
/// child's details do not sit on a shared computer's cookie for long.
pub const KEPT_FOR: Duration = Duration::hours(24);

/// Thirty new forms an hour from one address: a school's shared connection is well inside it.
pub const DRAFTS_PER_ADDRESS: ThrottlePolicy = ThrottlePolicy {
    max_failures: 30,
    window: Duration::hours(1),
    lockout: Duration::hours(1),
};

/// A notification being written, as its writer left it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Draft {
    /// The answers so far, kept as the form's own JSON.
    pub answers: String,
    /// Once sent: the reference the writer was given.
    pub reference: Option<String>,
}

fn live_since(now: DateTime<Utc>) -> DateTime<Utc> {
    now - KEPT_FOR
}

async fn find_row(
    db: &impl ConnectionTrait,
    token: &str,
    now: DateTime<Utc>,
) -> Result<Option<pf_notification_draft::Model>> {
    Ok(pf_notification_draft::Entity::find()
        .filter(pf_notification_draft::Column::TokenHash.eq(tokens::hash_refresh_token(token)))
        .filter(pf_notification_draft::Column::UpdatedAt.gt(live_since(now)))
        .one(db)
        .await?)
}

/// The draft behind a cookie's token, while it is kept.
pub async fn find(state: &AppState, token: &str) -> Result<Option<Draft>> {
    Ok(find_row(&state.db, token, state.clock.now())
        .await?
        .map(|row| Draft {
            answers: row.answers,
            reference: row.reference,
        }))
}

/// Keep these answers. With the token of a draft still being written, they replace its
/// answers; otherwise (no cookie yet, or the last one was sent or has gone) a new draft is
/// started and its token returned for the cookie. `refused` marks a draft whose hidden
/// field a person cannot see was filled in: it will never reach the team.
#[tracing::instrument(skip_all)]
pub async fn save(
    state: &AppState,
    token: Option<&str>,
    answers: &str,
    refused: bool,
    client_address: &str,
) -> Result<String> {
    let now = state.clock.now();
    if let Some(token) = token
        && let Some(row) = find_row(&state.db, token, now).await?
        && row.reference.is_none()
    {
        pf_notification_draft::Entity::update_many()
            .col_expr(pf_notification_draft::Column::Answers, Expr::value(answers))
            .col_expr(
                pf_notification_draft::Column::Refused,
                Expr::value(row.refused || refused),
            )
            .col_expr(pf_notification_draft::Column::UpdatedAt, Expr::value(now))
            .filter(pf_notification_draft::Column::Id.eq(row.id))
            .exec(&state.db)
            .await?;
        return Ok(token.to_owned());
    }
    let key = sign_in::throttle_key("pf_notification_draft", client_address);
    let earlier = sign_in::load_throttle(&state.db, &key).await?;
    if let Some(wait) = login_throttle::retry_after(earlier.as_ref(), now) {
        return Err(Error::TooManyAttempts {
            retry_after_seconds: login_throttle::retry_after_seconds(wait),
        });
    }
    sign_in::record_failure(&state.db, &key, earlier.as_ref(), now, DRAFTS_PER_ADDRESS).await?;
    pf_notification_draft::Entity::delete_many()
        .filter(pf_notification_draft::Column::UpdatedAt.lte(live_since(now)))
        .exec(&state.db)
        .await?;
    let token = tokens::new_refresh_token();
    pf_notification_draft::ActiveModel {
        id: Set(Uuid::new_v4()),
        token_hash: Set(tokens::hash_refresh_token(&token)),
        answers: Set(answers.to_owned()),
        reference: Set(None),
        refused: Set(refused),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(&state.db)
    .await?;
    Ok(token)
}

/// Send the draft to the team, once: a form sent twice (a double tap, or the back button)
/// gives back the same reference. The draft's answers are forgotten once they are sent; only
/// the reference stays, for the confirmation page.
#[tracing::instrument(skip_all)]
pub async fn send(
    state: &AppState,
    token: &str,
    notifier: Notifier,
    notification: &Notification,
    client_address: &str,
) -> Result<Reference> {
    let now = state.clock.now();
    let row = find_row(&state.db, token, now)
        .await?
        .ok_or(Error::NotFound)?;
    if let Some(sent) = row.reference.as_deref().and_then(Reference::parse) {
        return Ok(sent);
    }
    // Hold the reference first: of two sends at once, only one finds the draft unsent.
    let reference = notifications::new_reference();
    let held = pf_notification_draft::Entity::update_many()
        .col_expr(
            pf_notification_draft::Column::Reference,
            Expr::value(reference.as_str()),
        )
        .filter(pf_notification_draft::Column::Id.eq(row.id))
        .filter(pf_notification_draft::Column::Reference.is_null())
        .exec(&state.db)
        .await?;
    if held.rows_affected == 0 {
        let sent = find_row(&state.db, token, now)
            .await?
            .ok_or(Error::NotFound)?;
        return sent
            .reference
            .as_deref()
            .and_then(Reference::parse)
            .ok_or_else(|| Error::Conflict("This notification is already being sent".into()));
    }
    if row.refused {
        // Filled in by a program, not a person: it looks sent, and nobody is troubled by it.
        tracing::warn!(
            "a private fostering notification was dropped: its hidden field was filled in"
        );
    } else {
        let received: Result<Received> = notifications::receive(
            state,
            notifier,
            notification,
            client_address,
            reference.clone(),
        )
        .await;
        if let Err(error) = received {
            pf_notification_draft::Entity::update_many()
                .col_expr(
                    pf_notification_draft::Column::Reference,
                    Expr::value(Option::<String>::None),
                )
                .filter(pf_notification_draft::Column::Id.eq(row.id))
                .exec(&state.db)
                .await?;
            return Err(error);
        }
    }
    pf_notification_draft::Entity::update_many()
        .col_expr(pf_notification_draft::Column::Answers, Expr::value("{}"))
        .col_expr(pf_notification_draft::Column::UpdatedAt, Expr::value(now))
        .filter(pf_notification_draft::Column::Id.eq(row.id))
        .exec(&state.db)
        .await?;
    Ok(reference)
}

//! Young people sign in to the portal with a six-digit code sent to their email, because
//! passwords get forgotten. A code works for 10 minutes and for 5 tries; then they ask for a
//! new one. Whether an email address has an account is never revealed.
use chrono::{DateTime, Duration, Utc};
use entity::sign_in_code;
use rand::Rng;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set, TransactionTrait, sea_query::Expr,
};
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;
use uuid::Uuid;

use super::{accounts, outbox, portal_sessions, sign_in, tokens};
use crate::{
    AppState,
    domain::{
        login_throttle::{self, ThrottlePolicy},
        people::Email,
        roles::Role,
    },
    error::{Error, Result},
    mail::OutgoingEmail,
};

pub const CODE_LIFETIME: Duration = Duration::minutes(10);
pub const MAX_TRIES: u32 = 5;

/// At most five codes to one address in 15 minutes, so nobody can flood an inbox.
const CODES_PER_ADDRESS: ThrottlePolicy = ThrottlePolicy {
    max_failures: 5,
    window: Duration::minutes(15),
    lockout: Duration::minutes(15),
};

/// Send a code to this address if it belongs to a young person's account. Returns the id of
/// the attempt, which the browser keeps; the answer looks the same whether or not it did.
#[tracing::instrument(skip_all)]
pub async fn send_code(state: &AppState, email: &str) -> Result<Uuid> {
    let email = Email::parse(email).map_err(|message| Error::invalid("email", message))?;
    let now = state.clock.now();
    let key = sign_in::throttle_key("code", email.as_str());
    let sent = sign_in::load_throttle(&state.db, &key).await?;
    if let Some(wait) = login_throttle::retry_after(sent.as_ref(), now) {
        return Err(Error::TooManyAttempts {
            retry_after_seconds: login_throttle::retry_after_seconds(wait),
        });
    }
    sign_in::record_failure(&state.db, &key, sent.as_ref(), now, CODES_PER_ADDRESS).await?;

    let account = accounts::find_by_email(&state.db, &email)
        .await?
        .filter(|user| user.active && user.young_person_id.is_some());
    let Some(user) = account else {
        return Ok(Uuid::new_v4());
    };
    issue(state, user.id, email.as_str(), now).await
}

/// A fresh code for the same person as an earlier attempt.
#[tracing::instrument(skip(state))]
pub async fn send_new_code(state: &AppState, attempt_id: Uuid) -> Result<Uuid> {
    let Some(previous) = sign_in_code::Entity::find_by_id(attempt_id)
        .one(&state.db)
        .await?
    else {
        return Ok(Uuid::new_v4());
    };
    let Some(account) = accounts::active_account(&state.db, previous.user_id).await? else {
        return Ok(Uuid::new_v4());
    };
    send_code(state, &account.email).await
}

async fn issue(state: &AppState, user_id: Uuid, to: &str, now: DateTime<Utc>) -> Result<Uuid> {
    let id = Uuid::new_v4();
    let code = format!("{:06}", rand::rngs::OsRng.gen_range(0..1_000_000u32));
    let txn = state.db.begin().await?;
    // Only the newest code works.
    sign_in_code::Entity::update_many()
        .col_expr(sign_in_code::Column::ClosedAt, Expr::value(now))
        .filter(sign_in_code::Column::UserId.eq(user_id))
        .filter(sign_in_code::Column::ClosedAt.is_null())
        .exec(&txn)
        .await?;
    sign_in_code::ActiveModel {
        id: Set(id),
        user_id: Set(user_id),
        code_hash: Set(hash_code(id, &code)),
        created_at: Set(now),
        expires_at: Set(now + CODE_LIFETIME),
        attempts: Set(0),
        closed_at: Set(None),
    }
    .insert(&txn)
    .await?;
    outbox::enqueue(&txn, &code_email(to, &code), now).await?;
    txn.commit().await?;
    state.mail_wake.notify_one();
    tracing::info!(attempt_id = %id, "sign-in code queued");
    Ok(id)
}

fn hash_code(attempt_id: Uuid, code: &str) -> String {
    let mut hasher = Sha256::new();
    hasher.update(attempt_id.as_bytes());
    hasher.update(code.as_bytes());
    tokens::hex(&hasher.finalize())
}

fn code_email(to: &str, code: &str) -> OutgoingEmail {
    OutgoingEmail {
        to: to.to_owned(),
        subject: "Your Onward sign-in code".into(),
        text: format!(
            "Your Onward sign-in code is {code}\n\n\
             It works for 10 minutes. Type it on the page that asked for it.\n\n\
             If you did not try to sign in, you can ignore this email. Nobody can sign in \
             without the code.\n"
        ),
        html: format!(
            "<p>Your Onward sign-in code is</p><p style=\"font-size:2em;font-weight:bold;letter-spacing:0.2em\">{code}</p>\
             <p>It works for 10 minutes. Type it on the page that asked for it.</p>\
             <p>If you did not try to sign in, you can ignore this email. Nobody can sign in without the code.</p>"
        ),
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CodeOutcome {
    /// Signed in: the session token for the cookie, and whose account it is.
    SignedIn { session_token: String, role: Role },
    /// Not the right code; this many tries are left.
    Wrong { tries_left: u32 },
    /// The code is more than 10 minutes old.
    Expired,
    /// Five wrong tries, or the code was replaced or used: a new code is needed.
    NeedsNewCode,
}

/// Check a code typed for an attempt.
#[tracing::instrument(skip(state, typed))]
pub async fn check_code(state: &AppState, attempt_id: Uuid, typed: &str) -> Result<CodeOutcome> {
    let typed: String = typed.chars().filter(|c| !c.is_whitespace()).collect();
    if typed.len() != 6 || !typed.chars().all(|c| c.is_ascii_digit()) {
        return Err(Error::invalid(
            "code",
            "Enter the 6-digit code from the email, like 123456",
        ));
    }
    let now = state.clock.now();
    let Some(attempt) = sign_in_code::Entity::find_by_id(attempt_id)
        .one(&state.db)
        .await?
    else {
        // An attempt for an address with no account: it can never succeed.
        return Ok(CodeOutcome::Wrong {
            tries_left: MAX_TRIES - 1,
        });
    };
    if attempt.closed_at.is_some() || attempt.attempts.max(0) as u32 >= MAX_TRIES {
        return Ok(CodeOutcome::NeedsNewCode);
    }
    if attempt.expires_at <= now {
        return Ok(CodeOutcome::Expired);
    }
    let tries = attempt.attempts.max(0) as u32 + 1;
    let matches: bool = hash_code(attempt.id, &typed)
        .as_bytes()
        .ct_eq(attempt.code_hash.as_bytes())
        .into();
    let mut row: sign_in_code::ActiveModel = attempt.clone().into();
    row.attempts = Set(tries as i32);
    if !matches {
        if tries >= MAX_TRIES {
            row.closed_at = Set(Some(now));
        }
        row.update(&state.db).await?;
        return Ok(if tries >= MAX_TRIES {
            CodeOutcome::NeedsNewCode
        } else {
            CodeOutcome::Wrong {
                tries_left: MAX_TRIES - tries,
            }
        });
    }
    let Some(account) = accounts::active_account(&state.db, attempt.user_id).await? else {
        return Ok(CodeOutcome::NeedsNewCode);
    };
    row.closed_at = Set(Some(now));
    let txn = state.db.begin().await?;
    row.update(&txn).await?;
    let session_token = portal_sessions::start(&txn, account.id, now).await?;
    txn.commit().await?;
    tracing::info!(user_id = %account.id, "signed in to the portal with a code");
    Ok(CodeOutcome::SignedIn {
        session_token,
        role: Role::YoungPerson,
    })
}

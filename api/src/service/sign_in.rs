//! Signing in to the API: password → tokens, refresh with rotation and theft detection,
//! signing out, and turning a bearer token back into the person it was issued to.
use chrono::{DateTime, Utc};
use entity::{auth_session, login_throttle as login_throttle_row, refresh_token, user};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter,
    QuerySelect, QueryTrait, Set, TransactionTrait, sea_query::OnConflict,
};
use sha2::{Digest, Sha256};
use uuid::Uuid;

use crate::{
    AppState,
    domain::{
        login_throttle::{self, ThrottlePolicy, ThrottleState},
        people::Email,
    },
    error::{Error, Result},
};

use super::{
    accounts::{self, Account},
    passwords,
    tokens::{self, ACCESS_TOKEN_LIFETIME, SESSION_LIFETIME},
};

#[derive(Debug, Clone)]
pub struct TokenPair {
    pub access_token: String,
    pub refresh_token: String,
    pub expires_in_seconds: i64,
}

/// Exchange an email address and password for a new session's tokens.
#[tracing::instrument(skip_all)]
pub async fn sign_in_with_password(
    state: &AppState,
    email: &str,
    password: &str,
    client_address: &str,
) -> Result<TokenPair> {
    let user = check_password(state, email, password, client_address).await?;
    let pair = start_session(state, &user, state.clock.now()).await?;
    tracing::info!(user_id = %user.id, "signed in to the API");
    Ok(pair)
}

/// The active account with this email and password, within the limits on failed attempts.
/// The API and the portal both sign people in through here.
pub async fn check_password(
    state: &AppState,
    email: &str,
    password: &str,
    client_address: &str,
) -> Result<user::Model> {
    let now = state.clock.now();
    let account_key = throttle_key("account", &email.trim().to_lowercase());
    let address_key = throttle_key("address", client_address);
    let limits = [
        (account_key.as_str(), login_throttle::PER_ACCOUNT),
        (address_key.as_str(), login_throttle::PER_ADDRESS),
    ];
    let mut current = Vec::with_capacity(limits.len());
    for (key, _) in limits {
        current.push(load_throttle(&state.db, key).await?);
    }
    let wait = current
        .iter()
        .filter_map(|throttle| login_throttle::retry_after(throttle.as_ref(), now))
        .max();
    if let Some(wait) = wait {
        tracing::info!("sign-in refused while locked");
        return Err(Error::TooManyAttempts {
            retry_after_seconds: login_throttle::retry_after_seconds(wait),
        });
    }

    let user = match Email::parse(email) {
        Ok(email) => accounts::find_by_email(&state.db, &email).await?,
        Err(_) => None,
    }
    .filter(|user| user.active);
    let verified = passwords::verify(
        password,
        user.as_ref().and_then(|u| u.password_hash.as_deref()),
    );

    let Some(user) = user.filter(|_| verified) else {
        for ((key, policy), previous) in limits.into_iter().zip(current.iter()) {
            record_failure(&state.db, key, previous.as_ref(), now, policy).await?;
        }
        tracing::info!("sign-in failed");
        return Err(Error::WrongCredentials);
    };
    login_throttle_row::Entity::delete_by_id(account_key)
        .exec(&state.db)
        .await?;
    Ok(user)
}

pub(crate) fn throttle_key(scope: &str, value: &str) -> String {
    format!("{scope}:{}", tokens::hex(&Sha256::digest(value.as_bytes())))
}

pub(crate) async fn load_throttle(
    db: &impl ConnectionTrait,
    key: &str,
) -> Result<Option<ThrottleState>> {
    Ok(login_throttle_row::Entity::find_by_id(key.to_owned())
        .one(db)
        .await?
        .map(|row| ThrottleState {
            failures: row.failures.max(0) as u32,
            window_started_at: row.window_started_at,
            locked_until: row.locked_until,
        }))
}

pub(crate) async fn record_failure(
    db: &impl ConnectionTrait,
    key: &str,
    previous: Option<&ThrottleState>,
    now: DateTime<Utc>,
    policy: ThrottlePolicy,
) -> Result<()> {
    let next = login_throttle::after_failure(previous, now, policy);
    let row = login_throttle_row::ActiveModel {
        key: Set(key.to_owned()),
        failures: Set(next.failures as i32),
        window_started_at: Set(next.window_started_at),
        locked_until: Set(next.locked_until),
    };
    login_throttle_row::Entity::insert(row)
        .on_conflict(
            OnConflict::column(login_throttle_row::Column::Key)
                .update_columns([
                    login_throttle_row::Column::Failures,
                    login_throttle_row::Column::WindowStartedAt,
                    login_throttle_row::Column::LockedUntil,
                ])
                .to_owned(),
        )
        .exec(db)
        .await?;
    Ok(())
}

async fn start_session(
    state: &AppState,
    user: &user::Model,
    now: DateTime<Utc>,
) -> Result<TokenPair> {
    let session_id = Uuid::new_v4();
    let refresh = tokens::new_refresh_token();
    let txn = state.db.begin().await?;
    auth_session::ActiveModel {
        id: Set(session_id),
        user_id: Set(user.id),
        created_at: Set(now),
        expires_at: Set(now + SESSION_LIFETIME),
        revoked_at: Set(None),
        revoked_reason: Set(None),
    }
    .insert(&txn)
    .await?;
    insert_refresh_token(&txn, session_id, &refresh, now).await?;
    txn.commit().await?;
    token_pair(state, user.id, session_id, refresh, now)
}

async fn insert_refresh_token(
    db: &impl ConnectionTrait,
    session_id: Uuid,
    token: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    refresh_token::ActiveModel {
        id: Set(Uuid::new_v4()),
        session_id: Set(session_id),
        token_hash: Set(tokens::hash_refresh_token(token)),
        issued_at: Set(now),
        used_at: Set(None),
    }
    .insert(db)
    .await?;
    Ok(())
}

fn token_pair(
    state: &AppState,
    user_id: Uuid,
    session_id: Uuid,
    refresh_token: String,
    now: DateTime<Utc>,
) -> Result<TokenPair> {
    Ok(TokenPair {
        access_token: state.tokens.issue_access_token(user_id, session_id, now)?,
        refresh_token,
        expires_in_seconds: ACCESS_TOKEN_LIFETIME.num_seconds(),
    })
}

/// Exchange a refresh token for a new pair. Each refresh token works once: presenting one
/// that was already exchanged means it was copied, so the whole session is ended.
#[tracing::instrument(skip_all)]
pub async fn refresh(state: &AppState, presented: &str) -> Result<TokenPair> {
    let now = state.clock.now();
    let Some(token) = refresh_token::Entity::find()
        .filter(refresh_token::Column::TokenHash.eq(tokens::hash_refresh_token(presented)))
        .one(&state.db)
        .await?
    else {
        return Err(Error::Unauthenticated);
    };
    let Some(session) = auth_session::Entity::find_by_id(token.session_id)
        .one(&state.db)
        .await?
    else {
        return Err(Error::Unauthenticated);
    };
    if session.revoked_at.is_some() || session.expires_at <= now {
        return Err(Error::Unauthenticated);
    }
    // Mark the token used only if nobody else has: two racing uses cannot both win.
    let claimed = refresh_token::Entity::update_many()
        .col_expr(
            refresh_token::Column::UsedAt,
            sea_orm::sea_query::Expr::value(now),
        )
        .filter(refresh_token::Column::Id.eq(token.id))
        .filter(refresh_token::Column::UsedAt.is_null())
        .exec(&state.db)
        .await?;
    if claimed.rows_affected != 1 {
        revoke_session(state, session.id, "refresh_token_reused", now).await?;
        tracing::warn!(session_id = %session.id, "refresh token reused; session revoked");
        return Err(Error::Unauthenticated);
    }
    if accounts::active_account(&state.db, session.user_id)
        .await?
        .is_none()
    {
        return Err(Error::Unauthenticated);
    }
    let next = tokens::new_refresh_token();
    insert_refresh_token(&state.db, session.id, &next, now).await?;
    token_pair(state, session.user_id, session.id, next, now)
}

/// End a session: its refresh tokens and access tokens stop working at once.
#[tracing::instrument(skip(state))]
pub async fn sign_out(state: &AppState, session_id: Uuid) -> Result<()> {
    revoke_session(state, session_id, "logout", state.clock.now()).await
}

async fn revoke_session(
    state: &AppState,
    session_id: Uuid,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    state.live_sessions.forget(session_id);
    auth_session::Entity::update_many()
        .col_expr(
            auth_session::Column::RevokedAt,
            sea_orm::sea_query::Expr::value(now),
        )
        .col_expr(
            auth_session::Column::RevokedReason,
            sea_orm::sea_query::Expr::value(reason),
        )
        .filter(auth_session::Column::Id.eq(session_id))
        .filter(auth_session::Column::RevokedAt.is_null())
        .exec(&state.db)
        .await?;
    Ok(())
}

/// A signed-in person, from the bearer token they presented.
#[derive(Debug, Clone)]
pub struct Authenticated {
    pub account: Account,
    pub session_id: Uuid,
}

/// The account behind a bearer token whose session is still live: one query, because it
/// runs on every API request, and none when the session was found live moments ago (see
/// `live_sessions`).
pub async fn authenticate(state: &AppState, bearer: &str) -> Result<Authenticated> {
    let claims = state
        .tokens
        .verify_access_token(bearer)
        .ok_or(Error::Unauthenticated)?;
    if let Some(account) = state.live_sessions.get(claims.sid, claims.sub) {
        return Ok(Authenticated {
            account,
            session_id: claims.sid,
        });
    }
    let live_session = auth_session::Entity::find()
        .select_only()
        .column(auth_session::Column::UserId)
        .filter(auth_session::Column::Id.eq(claims.sid))
        .filter(auth_session::Column::RevokedAt.is_null())
        .filter(auth_session::Column::ExpiresAt.gt(state.clock.now()))
        .into_query();
    let account = accounts::active_account_where(
        &state.db,
        claims.sub,
        Condition::all().add(user::Column::Id.in_subquery(live_session)),
    )
    .await?
    .ok_or(Error::Unauthenticated)?;
    state.live_sessions.keep(claims.sid, &account);
    Ok(Authenticated {
        account,
        session_id: claims.sid,
    })
}

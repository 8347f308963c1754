//! Portal sign-ins held in a cookie: started after a password or an emailed code, ended by
//! signing out, by 30 minutes without use, or 12 hours after they began.
use chrono::{DateTime, Duration, Utc};
use entity::portal_session;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set, sea_query::Expr,
};
use uuid::Uuid;

use super::{
    accounts::{self, Account},
    tokens,
};
use crate::error::Result;

pub const IDLE_TIMEOUT: Duration = Duration::minutes(30);
pub const LONGEST_SESSION: Duration = Duration::hours(12);
/// Recording every request's time would be a write per page; once a minute is enough.
const TOUCH_EVERY: Duration = Duration::minutes(1);

/// Start a session; the returned token goes in the cookie and nowhere else.
pub async fn start(db: &impl ConnectionTrait, user_id: Uuid, now: DateTime<Utc>) -> Result<String> {
    let token = tokens::new_refresh_token();
    portal_session::ActiveModel {
        id: Set(Uuid::new_v4()),
        token_hash: Set(tokens::hash_refresh_token(&token)),
        user_id: Set(user_id),
        created_at: Set(now),
        last_seen_at: Set(now),
        expires_at: Set(now + LONGEST_SESSION),
        revoked_at: Set(None),
    }
    .insert(db)
    .await?;
    Ok(token)
}

/// The signed-in account behind a cookie's token, if the session is still good.
pub async fn resume(
    db: &impl ConnectionTrait,
    token: &str,
    now: DateTime<Utc>,
) -> Result<Option<Account>> {
    let Some(session) = portal_session::Entity::find()
        .filter(portal_session::Column::TokenHash.eq(tokens::hash_refresh_token(token)))
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let live = session.revoked_at.is_none()
        && session.expires_at > now
        && now - session.last_seen_at < IDLE_TIMEOUT;
    if !live {
        return Ok(None);
    }
    if now - session.last_seen_at >= TOUCH_EVERY {
        portal_session::Entity::update_many()
            .col_expr(portal_session::Column::LastSeenAt, Expr::value(now))
            .filter(portal_session::Column::Id.eq(session.id))
            .exec(db)
            .await?;
    }
    accounts::active_account(db, session.user_id).await
}

/// End the session behind a token. Ending one that has already ended changes nothing.
pub async fn end(db: &impl ConnectionTrait, token: &str, now: DateTime<Utc>) -> Result<()> {
    portal_session::Entity::update_many()
        .col_expr(portal_session::Column::RevokedAt, Expr::value(now))
        .filter(portal_session::Column::TokenHash.eq(tokens::hash_refresh_token(token)))
        .filter(portal_session::Column::RevokedAt.is_null())
        .exec(db)
        .await?;
    Ok(())
}

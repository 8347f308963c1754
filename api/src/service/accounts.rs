//! Accounts: staff and young people who sign in, and the roles they hold.
use std::collections::{BTreeSet, HashMap};

use chrono::{DateTime, Utc};
use entity::{user, user_role};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect, Set,
};
use uuid::Uuid;

use super::Caller;
use crate::{
    AppState,
    domain::{
        access::{self, Action, Actor, Decision},
        people::Email,
        roles::Role,
    },
    error::{Error, Result},
};

/// What a signed-in person can learn about their own account.
#[derive(Debug, Clone)]
pub struct Account {
    pub id: Uuid,
    pub email: String,
    pub name: String,
    pub roles: BTreeSet<Role>,
    pub young_person_id: Option<Uuid>,
    pub authority_id: Uuid,
}

impl Account {
    pub fn actor(&self) -> Actor {
        Actor {
            user_id: self.id,
            authority_id: self.authority_id,
            roles: self.roles.clone(),
            young_person_id: self.young_person_id,
        }
    }
}

pub struct NewAccount<'a> {
    pub authority_id: Uuid,
    pub email: Email,
    pub name: &'a str,
    pub roles: &'a [Role],
    /// From `passwords::hash_chosen`; `None` for sign-in by emailed code only.
    pub password_hash: Option<String>,
    pub young_person_id: Option<Uuid>,
    pub team_id: Option<Uuid>,
}

#[tracing::instrument(skip_all, fields(roles = ?new.roles))]
pub async fn create(
    db: &impl ConnectionTrait,
    new: NewAccount<'_>,
    now: DateTime<Utc>,
) -> Result<Uuid> {
    if find_by_email(db, &new.email).await?.is_some() {
        return Err(Error::invalid(
            "email",
            "An account with this email address already exists",
        ));
    }
    let id = Uuid::new_v4();
    user::ActiveModel {
        id: Set(id),
        authority_id: Set(new.authority_id),
        email: Set(new.email.as_str().to_owned()),
        name: Set(new.name.to_owned()),
        password_hash: Set(new.password_hash),
        young_person_id: Set(new.young_person_id),
        active: Set(true),
        created_at: Set(now),
        team_id: Set(new.team_id),
        phone: Set(None),
        working_hours: Set(None),
    }
    .insert(db)
    .await?;
    for role in new.roles {
        user_role::ActiveModel {
            user_id: Set(id),
            role: Set(role.code().to_owned()),
        }
        .insert(db)
        .await?;
    }
    Ok(id)
}

/// Who did something, by account id; someone whose account is gone is "a former member of
/// staff".
pub struct Names(HashMap<Uuid, String>);

impl Names {
    pub fn of(&self, id: Uuid) -> String {
        self.0
            .get(&id)
            .cloned()
            .unwrap_or_else(|| "A former member of staff".into())
    }
}

/// The names of these accounts, in one query.
pub async fn names(
    db: &impl ConnectionTrait,
    ids: impl IntoIterator<Item = Uuid>,
) -> Result<Names> {
    let mut ids: Vec<Uuid> = ids.into_iter().collect();
    ids.sort();
    ids.dedup();
    if ids.is_empty() {
        return Ok(Names(HashMap::new()));
    }
    Ok(Names(
        user::Entity::find()
            .select_only()
            .columns([user::Column::Id, user::Column::Name])
            .filter(user::Column::Id.is_in(ids))
            .into_tuple::<(Uuid, String)>()
            .all(db)
            .await?
            .into_iter()
            .collect(),
    ))
}

pub async fn find_by_email(
    db: &impl ConnectionTrait,
    email: &Email,
) -> Result<Option<user::Model>> {
    Ok(user::Entity::find()
        .filter(user::Column::Email.eq(email.as_str()))
        .one(db)
        .await?)
}

/// The account behind a user id, if it exists and is active: one query, the user joined to
/// their roles, because it runs on every signed-in request.
pub async fn active_account(db: &impl ConnectionTrait, user_id: Uuid) -> Result<Option<Account>> {
    active_account_where(db, user_id, Condition::all()).await
}

/// `active_account`, only if `also` holds for the user's row: how a bearer token's session is
/// checked in the same query.
pub async fn active_account_where(
    db: &impl ConnectionTrait,
    user_id: Uuid,
    also: Condition,
) -> Result<Option<Account>> {
    let found = user::Entity::find_by_id(user_id)
        .filter(also)
        .find_with_related(user_role::Entity)
        .all(db)
        .await?;
    let Some((user, role_rows)) = found.into_iter().next() else {
        return Ok(None);
    };
    if !user.active {
        return Ok(None);
    }
    // A role code this build does not know grants nothing.
    let roles = role_rows
        .iter()
        .filter_map(|row| Role::from_code(&row.role))
        .collect();
    Ok(Some(Account {
        id: user.id,
        email: user.email,
        name: user.name,
        roles,
        young_person_id: user.young_person_id,
        authority_id: user.authority_id,
    }))
}

/// A staff member as others see them when allocating work.
#[derive(Debug, Clone)]
pub struct StaffMember {
    pub id: Uuid,
    pub name: String,
    pub email: String,
    pub roles: BTreeSet<Role>,
}

/// Active staff in the caller's authority, optionally only those holding one role, by name.
#[tracing::instrument(skip(state, caller))]
pub async fn staff_directory(
    state: &AppState,
    caller: &Caller,
    role: Option<Role>,
) -> Result<Vec<StaffMember>> {
    if !matches!(
        access::decide(&caller.actor, Action::ListStaff, None),
        Decision::Allowed(_)
    ) {
        return Err(Error::Forbidden);
    }
    let db = &state.db;
    let authority_id = caller.actor.authority_id;
    let users = user::Entity::find()
        .filter(user::Column::AuthorityId.eq(authority_id))
        .filter(user::Column::Active.eq(true))
        .filter(user::Column::YoungPersonId.is_null())
        .order_by_asc(user::Column::Name)
        .all(db)
        .await?;
    let ids: Vec<Uuid> = users.iter().map(|u| u.id).collect();
    let role_rows = user_role::Entity::find()
        .filter(user_role::Column::UserId.is_in(ids))
        .all(db)
        .await?;
    let staff = users
        .into_iter()
        .map(|user| StaffMember {
            roles: role_rows
                .iter()
                .filter(|row| row.user_id == user.id)
                .filter_map(|row| Role::from_code(&row.role))
                .collect(),
            id: user.id,
            name: user.name,
            email: user.email,
        })
        .filter(|member| role.is_none_or(|role| member.roles.contains(&role)))
        .filter(|member| member.roles.iter().any(|role| role.is_staff()))
        .collect();
    Ok(staff)
}

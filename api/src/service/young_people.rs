//! Young people's records: creating them, finding them, reading one.
use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use entity::young_person;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, NotSet, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect, Set,
};
use uuid::Uuid;

use crate::{
    AppState,
    domain::{
        access::{self, Action, Decision, ListScope},
        people::{DateOfBirth, PersonName, Pronouns, full_name},
        validation::FieldErrors,
    },
    error::{Error, Result},
};

use super::{
    Caller, Page, PageRequest,
    access::{allocated_to, authorise_read},
    access_log::{self, ReadKind},
};

/// What someone typed to create a record, before it is checked.
#[derive(Debug, Clone)]
pub struct NewYoungPerson {
    pub given_name: String,
    pub family_name: String,
    pub date_of_birth: NaiveDate,
    pub preferred_name: Option<String>,
    pub pronouns: Option<String>,
}

#[derive(Debug, Clone)]
pub struct YoungPerson {
    pub id: Uuid,
    pub given_name: String,
    pub family_name: String,
    pub preferred_name: Option<String>,
    pub pronouns: Option<String>,
    pub date_of_birth: NaiveDate,
    pub created_at: DateTime<Utc>,
}

impl From<young_person::Model> for YoungPerson {
    fn from(row: young_person::Model) -> Self {
        Self {
            id: row.id,
            given_name: row.given_name,
            family_name: row.family_name,
            preferred_name: row.preferred_name,
            pronouns: row.pronouns,
            date_of_birth: row.date_of_birth,
            created_at: row.created_at,
        }
    }
}

pub(crate) struct CheckedYoungPerson {
    given_name: PersonName,
    family_name: PersonName,
    date_of_birth: DateOfBirth,
    preferred_name: Option<PersonName>,
    pronouns: Option<Pronouns>,
}

pub(crate) fn check(new: &NewYoungPerson, today: NaiveDate) -> Result<CheckedYoungPerson> {
    let mut errors = FieldErrors::new();
    let given_name = errors.check(
        "given_name",
        PersonName::parse(&new.given_name, "first name"),
    );
    let family_name = errors.check(
        "family_name",
        PersonName::parse(&new.family_name, "last name"),
    );
    let date_of_birth = errors.check(
        "date_of_birth",
        DateOfBirth::parse(new.date_of_birth, today),
    );
    let preferred_name = match new.preferred_name.as_deref().map(str::trim) {
        None | Some("") => Some(None),
        Some(raw) => errors
            .check("preferred_name", PersonName::parse(raw, "preferred name"))
            .map(Some),
    };
    let pronouns = match new.pronouns.as_deref().map(str::trim) {
        None | Some("") => Some(None),
        Some(raw) => errors.check("pronouns", Pronouns::parse(raw)).map(Some),
    };
    match (
        given_name,
        family_name,
        date_of_birth,
        preferred_name,
        pronouns,
    ) {
        (
            Some(given_name),
            Some(family_name),
            Some(date_of_birth),
            Some(preferred_name),
            Some(pronouns),
        ) if errors.is_empty() => Ok(CheckedYoungPerson {
            given_name,
            family_name,
            date_of_birth,
            preferred_name,
            pronouns,
        }),
        _ => Err(Error::Invalid(errors)),
    }
}

#[tracing::instrument(skip_all)]
pub async fn create(state: &AppState, caller: &Caller, new: NewYoungPerson) -> Result<YoungPerson> {
    match access::decide(&caller.actor, Action::CreateYoungPerson, None) {
        Decision::Allowed(_) => {}
        _ => return Err(Error::Forbidden),
    }
    let checked = check(&new, state.clock.today())?;
    let row = insert_checked(
        &state.db,
        caller.actor.authority_id,
        checked,
        state.clock.now(),
    )
    .await?;
    tracing::info!(young_person_id = %row.id, "young person's record created");
    Ok(row.into())
}

/// Make a young person's record, for a service that has already decided the caller may (a
/// homelessness case opened for someone the council has never met). Returns its id.
pub(crate) async fn insert(
    db: &impl ConnectionTrait,
    authority_id: Uuid,
    new: NewYoungPerson,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> Result<Uuid> {
    let checked = check(&new, today)?;
    let row = insert_checked(db, authority_id, checked, now).await?;
    tracing::info!(young_person_id = %row.id, "young person's record created");
    Ok(row.id)
}

async fn insert_checked(
    db: &impl ConnectionTrait,
    authority_id: Uuid,
    checked: CheckedYoungPerson,
    now: DateTime<Utc>,
) -> Result<young_person::Model> {
    Ok(young_person::ActiveModel {
        id: Set(Uuid::new_v4()),
        authority_id: Set(authority_id),
        given_name: Set(checked.given_name.into_string()),
        family_name: Set(checked.family_name.into_string()),
        preferred_name: Set(checked.preferred_name.map(PersonName::into_string)),
        pronouns: Set(checked.pronouns.map(Pronouns::into_string)),
        date_of_birth: Set(checked.date_of_birth.date()),
        created_at: Set(now),
        updated_at: Set(now),
        facts_version: NotSet,
    }
    .insert(db)
    .await?)
}

/// The young people the caller may see, by family name then given name.
#[tracing::instrument(skip(state, caller))]
pub async fn list(
    state: &AppState,
    caller: &Caller,
    page: PageRequest,
) -> Result<Page<YoungPerson>> {
    let scope =
        access::list_scope(&caller.actor, Action::ListYoungPeople).ok_or(Error::Forbidden)?;
    let today = state.clock.today();
    let authority = young_person::Column::AuthorityId.eq(caller.actor.authority_id);
    let (query, role) = match &scope {
        ListScope::WholeAuthority(role) => (young_person::Entity::find().filter(authority), *role),
        ListScope::Allocated(allocations) => (
            young_person::Entity::find().filter(authority).filter(
                young_person::Column::Id.in_subquery(allocated_to(
                    caller.actor.user_id,
                    allocations,
                    today,
                )),
            ),
            allocations[0].staff_role(),
        ),
        ListScope::OwnRecord(id) => (
            young_person::Entity::find().filter(young_person::Column::Id.eq(*id)),
            crate::domain::roles::Role::YoungPerson,
        ),
    };
    let total = query.clone().count(&state.db).await?;
    let rows = query
        .order_by_asc(young_person::Column::FamilyName)
        .order_by_asc(young_person::Column::GivenName)
        .order_by_asc(young_person::Column::Id)
        .offset(page.offset())
        .limit(page.per_page)
        .all(&state.db)
        .await?;
    let reads: Vec<(Uuid, _)> = rows.iter().map(|row| (row.id, role)).collect();
    access_log::record(
        &state.access_log,
        caller,
        &reads,
        ReadKind::Listed,
        state.clock.now(),
    )
    .await?;
    Ok(Page {
        items: rows.into_iter().map(YoungPerson::from).collect(),
        total,
        page: page.page,
        per_page: page.per_page,
    })
}

#[tracing::instrument(skip(state, caller))]
pub async fn get(state: &AppState, caller: &Caller, id: Uuid) -> Result<YoungPerson> {
    let row = authorise_read(
        state,
        caller,
        id,
        Action::ReadYoungPerson,
        ReadKind::Record,
        state.clock.today(),
        state.clock.now(),
    )
    .await?;
    Ok(row.into())
}

/// Display names of young people the caller has already been allowed to list, by id.
pub async fn names(
    db: &impl ConnectionTrait,
    ids: impl IntoIterator<Item = Uuid>,
) -> Result<HashMap<Uuid, String>> {
    Ok(young_person::Entity::find()
        .filter(young_person::Column::Id.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.id, full_name(&p.given_name, &p.family_name)))
        .collect())
}

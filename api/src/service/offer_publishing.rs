//! Writing the local offer: the council's administrators add items as drafts, edit them,
//! publish and retire them, and translate them. Every change is a new version; nothing is
//! overwritten, so the history of each item can be read back.
use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use entity::offer_item;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    TransactionTrait, sea_query::Expr,
};
use uuid::Uuid;

use super::{
    Caller, accounts,
    local_offer::{ENGLISH, Status, item, item_row, translation, translation_row},
};
use crate::{
    AppState,
    domain::{
        access::{self, Action, Decision},
        local_offer::{Language, OfferItem, Translation, check_item, check_translation},
    },
    error::{Error, Result},
};

/// One version of an item, in English.
#[derive(Debug, Clone)]
pub struct ItemVersion {
    pub version: i32,
    pub status: Status,
    pub item: OfferItem,
    pub recorded_by: String,
    pub recorded_at: DateTime<Utc>,
}

/// The current version of a translation.
#[derive(Debug, Clone)]
pub struct TranslationVersion {
    pub version: i32,
    pub translation: Translation,
    pub recorded_by: String,
    pub recorded_at: DateTime<Utc>,
}

/// An item as its publisher sees it: where it stands, every version, and its translations.
#[derive(Debug, Clone)]
pub struct ItemRecord {
    pub item_id: Uuid,
    pub current: ItemVersion,
    /// Newest first, the current one included.
    pub history: Vec<ItemVersion>,
    pub translations: Vec<TranslationVersion>,
}

fn may_publish(caller: &Caller) -> Result<()> {
    match access::decide(&caller.actor, Action::PublishOffer, None) {
        Decision::Allowed(_) => Ok(()),
        Decision::Forbidden | Decision::NotFound => Err(Error::Forbidden),
    }
}

async fn rows_of(
    db: &impl ConnectionTrait,
    authority_id: Uuid,
    item_id: Option<Uuid>,
) -> Result<Vec<offer_item::Model>> {
    let mut query =
        offer_item::Entity::find().filter(offer_item::Column::AuthorityId.eq(authority_id));
    if let Some(item_id) = item_id {
        query = query.filter(offer_item::Column::ItemId.eq(item_id));
    }
    Ok(query
        .order_by_desc(offer_item::Column::Version)
        .all(db)
        .await?)
}

/// Every item of the caller's authority's offer, drafts and retired ones too, each as it now
/// stands, by area and then title.
#[tracing::instrument(skip(state, caller))]
pub async fn all_items(state: &AppState, caller: &Caller) -> Result<Vec<ItemRecord>> {
    may_publish(caller)?;
    let rows = rows_of(&state.db, caller.actor.authority_id, None).await?;
    let mut by_item: BTreeMap<Uuid, Vec<offer_item::Model>> = BTreeMap::new();
    for row in rows {
        by_item.entry(row.item_id).or_default().push(row);
    }
    let names = accounts::names(
        &state.db,
        by_item.values().flatten().filter_map(|row| row.recorded_by),
    )
    .await?;
    let mut records: Vec<ItemRecord> = by_item
        .into_iter()
        .filter_map(|(item_id, rows)| record(item_id, &rows, &names))
        .collect();
    records.sort_by(|a, b| {
        (a.current.item.area, &a.current.item.title)
            .cmp(&(b.current.item.area, &b.current.item.title))
    });
    Ok(records)
}

fn recorded_by(names: &accounts::Names, id: Option<Uuid>) -> String {
    id.map_or_else(|| "Set up with the service".to_owned(), |id| names.of(id))
}

/// An item's record from all its rows (newest version first).
fn record(
    item_id: Uuid,
    rows: &[offer_item::Model],
    names: &accounts::Names,
) -> Option<ItemRecord> {
    let history: Vec<ItemVersion> = rows
        .iter()
        .filter(|row| row.language == ENGLISH)
        .filter_map(|row| {
            Some(ItemVersion {
                version: row.version,
                status: Status::from_code(&row.status)?,
                item: item(row)?,
                recorded_by: recorded_by(names, row.recorded_by),
                recorded_at: row.recorded_at,
            })
        })
        .collect();
    let mut translations: Vec<TranslationVersion> = rows
        .iter()
        .filter(|row| row.language != ENGLISH && row.replaced_at.is_none())
        .filter_map(|row| {
            Some(TranslationVersion {
                version: row.version,
                translation: translation(row)?,
                recorded_by: recorded_by(names, row.recorded_by),
                recorded_at: row.recorded_at,
            })
        })
        .collect();
    translations.sort_by_key(|t| t.translation.language);
    Some(ItemRecord {
        item_id,
        current: history.first()?.clone(),
        history,
        translations,
    })
}

/// One item with its whole history.
#[tracing::instrument(skip(state, caller))]
pub async fn item_record(state: &AppState, caller: &Caller, item_id: Uuid) -> Result<ItemRecord> {
    may_publish(caller)?;
    let rows = rows_of(&state.db, caller.actor.authority_id, Some(item_id)).await?;
    let names = accounts::names(&state.db, rows.iter().filter_map(|row| row.recorded_by)).await?;
    record(item_id, &rows, &names).ok_or(Error::NotFound)
}

/// Add an item, as a draft that nobody sees until it is published.
#[tracing::instrument(skip(state, caller, item))]
pub async fn create(state: &AppState, caller: &Caller, item: &OfferItem) -> Result<Uuid> {
    may_publish(caller)?;
    check_item(item, state.clock.today()).map_err(Error::Invalid)?;
    let item_id = Uuid::new_v4();
    item_row(
        item_id,
        1,
        caller.actor.authority_id,
        Status::Draft,
        item,
        Some(caller.actor.user_id),
        state.clock.now(),
    )
    .insert(&state.db)
    .await?;
    state.offer.forget();
    Ok(item_id)
}

/// The current English row, if it is still the version the change was made from.
async fn current_row(
    state: &AppState,
    caller: &Caller,
    item_id: Uuid,
    language: &str,
) -> Result<Option<offer_item::Model>> {
    Ok(offer_item::Entity::find()
        .filter(offer_item::Column::AuthorityId.eq(caller.actor.authority_id))
        .filter(offer_item::Column::ItemId.eq(item_id))
        .filter(offer_item::Column::Language.eq(language))
        .filter(offer_item::Column::ReplacedAt.is_null())
        .one(&state.db)
        .await?)
}

fn changed_meanwhile(current: i32) -> Error {
    Error::Conflict(format!(
        "Someone else changed this item while you were working on it: it is now at version {current}. Look at it again, then make your change."
    ))
}

/// Mark `current` replaced and insert `next`, in one transaction; refused if another change
/// got there first.
async fn replace(
    state: &AppState,
    current: &offer_item::Model,
    next: offer_item::ActiveModel,
) -> Result<()> {
    let now = state.clock.now();
    let txn = state.db.begin().await?;
    let replaced = offer_item::Entity::update_many()
        .col_expr(offer_item::Column::ReplacedAt, Expr::value(now))
        .filter(offer_item::Column::Id.eq(current.id))
        .filter(offer_item::Column::ReplacedAt.is_null())
        .exec(&txn)
        .await?;
    if replaced.rows_affected != 1 {
        return Err(changed_meanwhile(current.version + 1));
    }
    next.insert(&txn).await?;
    txn.commit().await?;
    state.offer.forget();
    Ok(())
}

/// A new version of the item's English words and facts, keeping its status. `based_on` is
/// the version the editor started from: if another change has been made since, nothing is
/// saved.
#[tracing::instrument(skip(state, caller, item))]
pub async fn edit(
    state: &AppState,
    caller: &Caller,
    item_id: Uuid,
    based_on: i32,
    item: &OfferItem,
) -> Result<i32> {
    may_publish(caller)?;
    check_item(item, state.clock.today()).map_err(Error::Invalid)?;
    let current = current_row(state, caller, item_id, ENGLISH)
        .await?
        .ok_or(Error::NotFound)?;
    if current.version != based_on {
        return Err(changed_meanwhile(current.version));
    }
    let status = Status::from_code(&current.status).unwrap_or(Status::Draft);
    let version = current.version + 1;
    let next = item_row(
        item_id,
        version,
        caller.actor.authority_id,
        status,
        item,
        Some(caller.actor.user_id),
        state.clock.now(),
    );
    replace(state, &current, next).await?;
    Ok(version)
}

/// Publish an item (the public sees it at once), retire it (the public no longer does), or
/// take it back to draft.
#[tracing::instrument(skip(state, caller))]
pub async fn set_status(
    state: &AppState,
    caller: &Caller,
    item_id: Uuid,
    based_on: i32,
    status: Status,
) -> Result<i32> {
    may_publish(caller)?;
    let current = current_row(state, caller, item_id, ENGLISH)
        .await?
        .ok_or(Error::NotFound)?;
    if current.version != based_on {
        return Err(changed_meanwhile(current.version));
    }
    if current.status == status.code() {
        return Err(Error::Conflict(format!(
            "This item is already {}.",
            status.title().to_lowercase()
        )));
    }
    let existing = item(&current).ok_or(Error::NotFound)?;
    let version = current.version + 1;
    let next = item_row(
        item_id,
        version,
        caller.actor.authority_id,
        status,
        &existing,
        Some(caller.actor.user_id),
        state.clock.now(),
    );
    replace(state, &current, next).await?;
    Ok(version)
}

/// Write (or rewrite) the item's words in another language. Published with the item.
#[tracing::instrument(skip(state, caller, translation))]
pub async fn translate(
    state: &AppState,
    caller: &Caller,
    item_id: Uuid,
    translation: &Translation,
) -> Result<i32> {
    may_publish(caller)?;
    check_translation(translation).map_err(Error::Invalid)?;
    let english = current_row(state, caller, item_id, ENGLISH)
        .await?
        .ok_or(Error::NotFound)?;
    let existing = current_row(state, caller, item_id, translation.language.code()).await?;
    let version = existing.as_ref().map_or(1, |row| row.version + 1);
    let next = translation_row(
        &english,
        version,
        translation,
        caller.actor.user_id,
        state.clock.now(),
    );
    match existing {
        Some(current) => replace(state, &current, next).await?,
        None => {
            next.insert(&state.db).await?;
            state.offer.forget();
        }
    }
    Ok(version)
}

/// The languages an item could be translated into.
pub fn other_languages() -> impl Iterator<Item = Language> {
    Language::ALL
        .into_iter()
        .filter(|l| *l != Language::English)
}

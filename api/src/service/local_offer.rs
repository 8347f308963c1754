//! The local offer as the public reads it: the published items of the authority this service
//! runs for, in English and in the languages they have been translated into. Stored items are
//! turned back into the domain's types here.
use std::{
    sync::{Arc, OnceLock, RwLock},
    time::{Duration, Instant},
};

use chrono::{DateTime, Utc};
use entity::{authority, offer_item};
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set,
};
use sha2::{Digest, Sha256};
use uuid::Uuid;

use super::{rendered::Rendered, tokens};
use crate::{
    AppState,
    domain::{
        care_leaver::Category,
        local_offer::{
            self, Amount, Area, Condition, Eligibility, Language, OfferItem, Period, Translation,
        },
    },
    error::Result,
};

/// The language every item is first written in.
pub const ENGLISH: &str = "en";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Draft,
    Published,
    Retired,
}

impl Status {
    pub const ALL: [Status; 3] = [Status::Draft, Status::Published, Status::Retired];

    pub fn code(self) -> &'static str {
        match self {
            Status::Draft => "draft",
            Status::Published => "published",
            Status::Retired => "retired",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }

    pub fn title(self) -> &'static str {
        match self {
            Status::Draft => "Draft",
            Status::Published => "Published",
            Status::Retired => "Retired",
        }
    }
}

/// An item as published, with the id that stays the same across its versions.
#[derive(Debug, Clone)]
pub struct PublishedItem {
    pub item_id: Uuid,
    pub item: OfferItem,
    /// Its words in other languages, where someone has written them.
    pub translations: Vec<Translation>,
}

/// An item as one reader sees it: in the language they asked for, or in English.
#[derive(Debug, Clone)]
pub struct ShownItem {
    pub item_id: Uuid,
    pub item: OfferItem,
    pub language: Language,
}

fn codes<T: Copy>(list: &[T], code: fn(T) -> &'static str) -> String {
    list.iter().map(|c| code(*c)).collect::<Vec<_>>().join(",")
}

fn parse_codes<T>(text: &str, from_code: fn(&str) -> Option<T>) -> Vec<T> {
    text.split(',').filter_map(from_code).collect()
}

/// An item's row for a new version.
pub fn item_row(
    item_id: Uuid,
    version: i32,
    authority_id: Uuid,
    status: Status,
    item: &OfferItem,
    recorded_by: Option<Uuid>,
    recorded_at: DateTime<Utc>,
) -> offer_item::ActiveModel {
    offer_item::ActiveModel {
        id: Set(Uuid::new_v4()),
        item_id: Set(item_id),
        version: Set(version),
        authority_id: Set(authority_id),
        language: Set(ENGLISH.to_owned()),
        status: Set(status.code().to_owned()),
        area: Set(item.area.code().to_owned()),
        title: Set(item.title.clone()),
        summary: Set(item.summary.clone()),
        amount_pence: Set(item.amount.map(|a| a.pence)),
        amount_period: Set(item.amount.map(|a| a.period.code().to_owned())),
        min_age: Set(item.eligibility.min_age.map(i16::from)),
        until_age: Set(item.eligibility.until_age.map(i16::from)),
        categories: Set(codes(&item.eligibility.categories, Category::code)),
        conditions: Set(codes(&item.eligibility.conditions, Condition::code)),
        how_to_get: Set(item.how_to_get.clone()),
        statutory: Set(item.statutory),
        last_reviewed_on: Set(item.last_reviewed_on),
        recorded_by: Set(recorded_by),
        recorded_at: Set(recorded_at),
        replaced_at: Set(None),
    }
}

/// A translation's row for a new version: the English version's facts, in other words.
pub fn translation_row(
    english: &offer_item::Model,
    version: i32,
    translation: &Translation,
    recorded_by: Uuid,
    recorded_at: DateTime<Utc>,
) -> offer_item::ActiveModel {
    offer_item::ActiveModel {
        id: Set(Uuid::new_v4()),
        version: Set(version),
        language: Set(translation.language.code().to_owned()),
        title: Set(translation.title.clone()),
        summary: Set(translation.summary.clone()),
        how_to_get: Set(translation.how_to_get.clone()),
        recorded_by: Set(Some(recorded_by)),
        recorded_at: Set(recorded_at),
        replaced_at: Set(None),
        ..offer_item::ActiveModel::from(english.clone())
    }
}

/// What a stored translation says.
pub fn translation(row: &offer_item::Model) -> Option<Translation> {
    Some(Translation {
        language: Language::from_code(&row.language)?,
        title: row.title.clone(),
        summary: row.summary.clone(),
        how_to_get: row.how_to_get.clone(),
    })
}

/// What a stored version says; `None` for an area this build does not know.
pub fn item(row: &offer_item::Model) -> Option<OfferItem> {
    let age = |age: Option<i16>| age.and_then(|a| u8::try_from(a).ok());
    Some(OfferItem {
        area: Area::from_code(&row.area)?,
        title: row.title.clone(),
        summary: row.summary.clone(),
        amount: row
            .amount_pence
            .zip(row.amount_period.as_deref().and_then(Period::from_code))
            .map(|(pence, period)| Amount { pence, period }),
        eligibility: Eligibility {
            min_age: age(row.min_age),
            until_age: age(row.until_age),
            categories: parse_codes(&row.categories, Category::from_code),
            conditions: parse_codes(&row.conditions, Condition::from_code),
        },
        how_to_get: row.how_to_get.clone(),
        statutory: row.statutory,
        last_reviewed_on: row.last_reviewed_on,
    })
}

/// The authority this service runs for: the first one set up.
async fn serving_authority(db: &impl ConnectionTrait) -> Result<Option<authority::Model>> {
    Ok(authority::Entity::find()
        .order_by_asc(authority::Column::CreatedAt)
        .one(db)
        .await?)
}

/// What identifies a state of an authority's offer: how many versions of items it holds (in
/// every language and status) and when the newest was recorded. Every change adds a version,
/// so a change made on any replica gives a new stamp.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp {
    versions: i64,
    newest: Option<DateTime<Utc>>,
}

impl Stamp {
    /// A strong validator for a response made from this state of the offer and `parts`.
    pub fn etag(&self, parts: &[&str]) -> String {
        let mut hasher = Sha256::new();
        hasher.update(self.versions.to_be_bytes());
        hasher.update(
            self.newest
                .map(|t| t.timestamp_micros())
                .unwrap_or_default()
                .to_be_bytes(),
        );
        for part in parts {
            hasher.update((part.len() as u64).to_be_bytes());
            hasher.update(part.as_bytes());
        }
        format!("\"{}\"", &tokens::hex(&hasher.finalize())[..32])
    }
}

async fn stamp(db: &impl ConnectionTrait, authority_id: Uuid) -> Result<Stamp> {
    let (versions, newest): (i64, Option<DateTime<Utc>>) = offer_item::Entity::find()
        .select_only()
        .column_as(offer_item::Column::Id.count(), "versions")
        .column_as(offer_item::Column::RecordedAt.max(), "newest")
        .filter(offer_item::Column::AuthorityId.eq(authority_id))
        .into_tuple()
        .one(db)
        .await?
        .unwrap_or((0, None));
    Ok(Stamp { versions, newest })
}

/// An authority's published offer at one stamp.
#[derive(Debug)]
pub struct Snapshot {
    pub authority_id: Uuid,
    pub stamp: Stamp,
    /// By area and then title.
    pub items: Vec<PublishedItem>,
    /// Responses already made from this snapshot, by what was asked.
    pub rendered: Rendered,
}

/// Responses kept per snapshot: bounded, as the languages and areas asked for are.
const MOST_RENDERED: usize = 64;

/// How long a snapshot is used without asking the database whether the offer changed. A
/// change made through this replica is seen at once; one made through another replica, at
/// most this much later.
const RECHECK_AFTER: Duration = Duration::from_secs(1);

/// The published offer, kept between requests while it is unchanged. Nothing here is needed
/// by another replica, which keeps its own copy.
#[derive(Debug, Default)]
pub struct OfferCache {
    serving_authority: OnceLock<Uuid>,
    held: RwLock<Option<(Arc<Snapshot>, Instant)>>,
}

impl OfferCache {
    /// Forget the snapshot, after a change to the offer.
    pub fn forget(&self) {
        *self.held.write().expect("never left poisoned") = None;
    }
}

/// An authority's published offer, from the cache when it is current.
pub async fn snapshot(state: &AppState, authority_id: Uuid) -> Result<Arc<Snapshot>> {
    let held = state
        .offer
        .held
        .read()
        .expect("never left poisoned")
        .clone()
        .filter(|(held, _)| held.authority_id == authority_id);
    if let Some((held, checked)) = &held
        && checked.elapsed() < RECHECK_AFTER
    {
        return Ok(held.clone());
    }
    let now = stamp(&state.db, authority_id).await?;
    let current = match held {
        Some((held, _)) if held.stamp == now => held,
        _ => Arc::new(Snapshot {
            authority_id,
            stamp: now,
            items: published_items(&state.db, authority_id).await?,
            rendered: Rendered::new(MOST_RENDERED),
        }),
    };
    *state.offer.held.write().expect("never left poisoned") =
        Some((current.clone(), Instant::now()));
    Ok(current)
}

/// The serving authority's published offer, or `None` before any authority is set up.
pub async fn serving_snapshot(state: &AppState) -> Result<Option<Arc<Snapshot>>> {
    match serving_authority_id(state).await? {
        Some(authority_id) => Ok(Some(snapshot(state, authority_id).await?)),
        None => Ok(None),
    }
}

/// The authority this service runs for, which public pages and forms belong to; `None`
/// before any authority is set up. Looked up once.
pub async fn serving_authority_id(state: &AppState) -> Result<Option<Uuid>> {
    Ok(match state.offer.serving_authority.get() {
        Some(id) => Some(*id),
        None => serving_authority(&state.db)
            .await?
            .map(|authority| *state.offer.serving_authority.get_or_init(|| authority.id)),
    })
}

impl Snapshot {
    /// The languages at least one published item can be read in, English first.
    pub fn languages(&self) -> Vec<Language> {
        let mut found: Vec<Language> = std::iter::once(Language::English)
            .chain(
                self.items
                    .iter()
                    .flat_map(|p| p.translations.iter().map(|t| t.language)),
            )
            .collect();
        found.sort();
        found.dedup();
        found
    }
}

/// The published offer that a search finds (all of it when the search is empty), optionally
/// in one area only, by area and then title; each item in `language` where it has been
/// translated, else in English. A search matches the words the reader sees or the English.
pub fn search(
    snapshot: &Snapshot,
    search: &str,
    area: Option<Area>,
    language: Language,
) -> Vec<ShownItem> {
    snapshot
        .items
        .iter()
        .filter(|p| area.is_none_or(|a| p.item.area == a))
        .map(|p| {
            let translated = p.translations.iter().find(|t| t.language == language);
            let shown = ShownItem {
                item_id: p.item_id,
                item: translated.map_or_else(|| p.item.clone(), |t| p.item.translated(t)),
                language: translated.map_or(Language::English, |t| t.language),
            };
            (p, shown)
        })
        .filter(|(p, shown)| {
            local_offer::matches(&shown.item, search) || local_offer::matches(&p.item, search)
        })
        .map(|(_, shown)| shown)
        .collect()
}

/// Every item an authority has published, with its translations, by area and then title.
async fn published_items(
    db: &impl ConnectionTrait,
    authority_id: Uuid,
) -> Result<Vec<PublishedItem>> {
    let current = offer_item::Entity::find()
        .filter(offer_item::Column::AuthorityId.eq(authority_id))
        .filter(offer_item::Column::ReplacedAt.is_null())
        .all(db)
        .await?;
    let translations_of = |item_id: Uuid| -> Vec<Translation> {
        let mut found: Vec<Translation> = current
            .iter()
            .filter(|row| row.item_id == item_id && row.language != ENGLISH)
            .filter_map(translation)
            .collect();
        found.sort_by_key(|t| t.language);
        found
    };
    let mut found: Vec<PublishedItem> = current
        .iter()
        .filter(|row| row.language == ENGLISH && row.status == Status::Published.code())
        .filter_map(|row| {
            Some(PublishedItem {
                item_id: row.item_id,
                item: item(row)?,
                translations: translations_of(row.item_id),
            })
        })
        .collect();
    found.sort_by(|a, b| (a.item.area, &a.item.title).cmp(&(b.item.area, &b.item.title)));
    Ok(found)
}

//! The local offer as the public reads it: the published items, in English, of the authority
//! this service runs for. Stored items are turned back into the domain's types here.
use chrono::{DateTime, Utc};
use entity::{authority, offer_item};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set};
use uuid::Uuid;

use crate::{
    AppState,
    domain::{
        care_leaver::Category,
        local_offer::{self, Amount, Area, Condition, Eligibility, OfferItem, Period},
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
    pub fn code(self) -> &'static str {
        match self {
            Status::Draft => "draft",
            Status::Published => "published",
            Status::Retired => "retired",
        }
    }
}

/// An item as published, with the id that stays the same across its versions.
#[derive(Debug, Clone)]
pub struct PublishedItem {
    pub item_id: Uuid,
    pub item: OfferItem,
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

/// What a stored version says; `None` for an area this build does not know.
fn item(row: &offer_item::Model) -> Option<OfferItem> {
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

/// The published offer, by area and then title, that a search finds (all of it when the
/// search is empty), optionally in one area only. Public: no caller.
#[tracing::instrument(skip(state))]
pub async fn published(
    state: &AppState,
    search: &str,
    area: Option<Area>,
) -> Result<Vec<PublishedItem>> {
    let Some(authority) = serving_authority(&state.db).await? else {
        return Ok(Vec::new());
    };
    let mut query = offer_item::Entity::find()
        .filter(offer_item::Column::AuthorityId.eq(authority.id))
        .filter(offer_item::Column::Status.eq(Status::Published.code()))
        .filter(offer_item::Column::Language.eq(ENGLISH))
        .filter(offer_item::Column::ReplacedAt.is_null());
    if let Some(area) = area {
        query = query.filter(offer_item::Column::Area.eq(area.code()));
    }
    let mut found: Vec<PublishedItem> = query
        .all(&state.db)
        .await?
        .iter()
        .filter_map(|row| {
            Some(PublishedItem {
                item_id: row.item_id,
                item: item(row)?,
            })
        })
        .filter(|p| local_offer::matches(&p.item, search))
        .collect();
    found.sort_by(|a, b| (a.item.area, &a.item.title).cmp(&(b.item.area, &b.item.title)));
    Ok(found)
}

//! Writing the local offer: administrators' drafts, edits, publishing, retiring, translations
//! and the history of each item.
use poem_openapi::{ApiResponse, Enum, Object, OpenApi, param::Path, payload::Json};
use uuid::Uuid;

use super::{
    ApiTags,
    auth::BearerAuth,
    care_leavers::CategoryName,
    entitlements::ConditionName,
    local_offer::{AmountBody, AreaName, LanguageName},
    problem::ApiResult,
    types::{Date, Text},
};
use crate::{
    AppState,
    domain::local_offer::{Amount, Eligibility, Language, OfferItem, Period, Translation},
    error::Error,
    service::{
        local_offer::Status,
        offer_publishing::{self, ItemRecord, ItemVersion},
    },
};

pub struct OfferPublishingApi {
    pub state: AppState,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Enum)]
#[oai(rename_all = "snake_case")]
pub enum PeriodName {
    OneOff,
    PerYear,
    PerMonth,
    PerWeek,
}

impl From<PeriodName> for Period {
    fn from(name: PeriodName) -> Self {
        match name {
            PeriodName::OneOff => Period::OneOff,
            PeriodName::PerYear => Period::PerYear,
            PeriodName::PerMonth => Period::PerMonth,
            PeriodName::PerWeek => Period::PerWeek,
        }
    }
}

/// Where an item stands: only `published` items are public.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Enum)]
#[oai(rename_all = "snake_case")]
pub enum PublicationStatusName {
    Draft,
    Published,
    Retired,
}

impl From<PublicationStatusName> for Status {
    fn from(name: PublicationStatusName) -> Self {
        match name {
            PublicationStatusName::Draft => Status::Draft,
            PublicationStatusName::Published => Status::Published,
            PublicationStatusName::Retired => Status::Retired,
        }
    }
}

impl From<Status> for PublicationStatusName {
    fn from(status: Status) -> Self {
        match status {
            Status::Draft => PublicationStatusName::Draft,
            Status::Published => PublicationStatusName::Published,
            Status::Retired => PublicationStatusName::Retired,
        }
    }
}

/// An item's words and facts, in English.
#[derive(Debug, Object)]
#[oai(deny_unknown_fields)]
pub struct OfferItemInput {
    pub area: AreaName,
    #[oai(validator(max_length = 120))]
    pub title: Text,
    /// Plain English: what it is.
    #[oai(validator(max_length = 2000))]
    pub summary: Text,
    /// Whole pence; with `amount_period`, or neither.
    #[oai(
        nullable,
        validator(minimum(value = "1"), maximum(value = "100000000"))
    )]
    pub amount_pence: Option<i64>,
    #[oai(nullable)]
    pub amount_period: Option<PeriodName>,
    #[oai(nullable, validator(minimum(value = "14"), maximum(value = "30")))]
    pub min_age: Option<u8>,
    /// Up to but not including this age.
    #[oai(nullable, validator(minimum(value = "14"), maximum(value = "30")))]
    pub until_age: Option<u8>,
    /// Empty: every kind of care leaver.
    #[oai(validator(max_items = 5, unique_items))]
    pub categories: Vec<CategoryName>,
    #[oai(validator(max_items = 5, unique_items))]
    pub conditions: Vec<ConditionName>,
    #[oai(validator(max_length = 2000))]
    pub how_to_get: Text,
    /// The law says care leavers can have it.
    pub statutory: bool,
    pub last_reviewed_on: Date,
}

impl OfferItemInput {
    fn into_item(self) -> Result<OfferItem, Error> {
        let amount = match (self.amount_pence, self.amount_period) {
            (Some(pence), Some(period)) => Some(Amount {
                pence,
                period: period.into(),
            }),
            (None, None) => None,
            _ => {
                return Err(Error::invalid(
                    "amount_period",
                    "Give an amount with how often it is paid, or neither",
                ));
            }
        };
        Ok(OfferItem {
            area: self.area.into(),
            title: self.title.into_string().trim().to_owned(),
            summary: self.summary.into_string().trim().to_owned(),
            amount,
            eligibility: Eligibility {
                min_age: self.min_age,
                until_age: self.until_age,
                categories: self.categories.into_iter().map(Into::into).collect(),
                conditions: self.conditions.into_iter().map(Into::into).collect(),
            },
            how_to_get: self.how_to_get.into_string().trim().to_owned(),
            statutory: self.statutory,
            last_reviewed_on: self.last_reviewed_on.0,
        })
    }
}

/// An edit: the version it was made from, and the item as it should now read.
#[derive(Debug, Object)]
#[oai(deny_unknown_fields)]
pub struct OfferItemEdit {
    /// The version the edit was made from; 409 if the item has changed since.
    pub version: i32,
    pub item: OfferItemInput,
}

#[derive(Debug, Object)]
#[oai(deny_unknown_fields)]
pub struct StatusChange {
    /// The version the change was made from; 409 if the item has changed since.
    pub version: i32,
    pub status: PublicationStatusName,
}

#[derive(Debug, Object)]
#[oai(deny_unknown_fields)]
pub struct TranslationInput {
    #[oai(validator(max_length = 120))]
    pub title: Text,
    #[oai(validator(max_length = 2000))]
    pub summary: Text,
    #[oai(validator(max_length = 2000))]
    pub how_to_get: Text,
}

#[derive(Debug, Object)]
pub struct SavedItem {
    pub item_id: Uuid,
    pub version: i32,
}

#[derive(Debug, Object)]
pub struct ItemVersionBody {
    pub version: i32,
    pub status: PublicationStatusName,
    pub area: String,
    pub title: String,
    pub summary: String,
    #[oai(nullable)]
    pub amount: Option<AmountBody>,
    /// Who can have it, as a sentence.
    pub who: String,
    pub how_to_get: String,
    pub statutory: bool,
    pub last_reviewed_on: Date,
    pub recorded_by: String,
    pub recorded_at: chrono::DateTime<chrono::Utc>,
}

impl From<ItemVersion> for ItemVersionBody {
    fn from(v: ItemVersion) -> Self {
        Self {
            version: v.version,
            status: v.status.into(),
            area: v.item.area.code().to_owned(),
            amount: v.item.amount.map(Into::into),
            who: v.item.eligibility.words(),
            title: v.item.title,
            summary: v.item.summary,
            how_to_get: v.item.how_to_get,
            statutory: v.item.statutory,
            last_reviewed_on: v.item.last_reviewed_on.into(),
            recorded_by: v.recorded_by,
            recorded_at: v.recorded_at,
        }
    }
}

#[derive(Debug, Object)]
pub struct TranslationBody {
    pub language: LanguageName,
    pub version: i32,
    pub title: String,
    pub summary: String,
    pub how_to_get: String,
    pub recorded_by: String,
    pub recorded_at: chrono::DateTime<chrono::Utc>,
}

#[derive(Debug, Object)]
pub struct ItemRecordBody {
    pub item_id: Uuid,
    pub current: ItemVersionBody,
    /// Every version, newest first.
    pub history: Vec<ItemVersionBody>,
    pub translations: Vec<TranslationBody>,
}

impl From<ItemRecord> for ItemRecordBody {
    fn from(record: ItemRecord) -> Self {
        Self {
            item_id: record.item_id,
            current: record.current.into(),
            history: record.history.into_iter().map(Into::into).collect(),
            translations: record
                .translations
                .into_iter()
                .map(|t| TranslationBody {
                    language: t.translation.language.into(),
                    version: t.version,
                    title: t.translation.title,
                    summary: t.translation.summary,
                    how_to_get: t.translation.how_to_get,
                    recorded_by: t.recorded_by,
                    recorded_at: t.recorded_at,
                })
                .collect(),
        }
    }
}

#[derive(Debug, Object)]
pub struct ItemRecordsBody {
    /// Drafts, published and retired items, by area then title.
    pub items: Vec<ItemRecordBody>,
}

#[derive(ApiResponse)]
pub enum CreatedItemResponse {
    /// Added as a draft: not public until it is published.
    #[oai(status = 201)]
    Created(Json<SavedItem>),
}

#[OpenApi(prefix_path = "/offer/items", tag = "ApiTags::Offer")]
impl OfferPublishingApi {
    /// Every item, drafts and retired ones too
    ///
    /// The authority's administrators.
    #[oai(path = "/", method = "get")]
    async fn all(&self, auth: BearerAuth) -> ApiResult<Json<ItemRecordsBody>> {
        let found = offer_publishing::all_items(&self.state, &auth.caller()).await?;
        Ok(Json(ItemRecordsBody {
            items: found.into_iter().map(Into::into).collect(),
        }))
    }

    /// Add an item, as a draft
    #[oai(path = "/", method = "post")]
    async fn create(
        &self,
        auth: BearerAuth,
        body: Json<OfferItemInput>,
    ) -> ApiResult<CreatedItemResponse> {
        let item = body.0.into_item()?;
        let item_id = offer_publishing::create(&self.state, &auth.caller(), &item).await?;
        Ok(CreatedItemResponse::Created(Json(SavedItem {
            item_id,
            version: 1,
        })))
    }

    /// One item, with every version and its translations
    #[oai(path = "/:item_id", method = "get")]
    async fn one(&self, auth: BearerAuth, item_id: Path<Uuid>) -> ApiResult<Json<ItemRecordBody>> {
        let record = offer_publishing::item_record(&self.state, &auth.caller(), item_id.0).await?;
        Ok(Json(record.into()))
    }

    /// Edit an item
    ///
    /// A new version; the item keeps its status, so an edit to a published item is public
    /// at once.
    #[oai(path = "/:item_id", method = "put")]
    async fn edit(
        &self,
        auth: BearerAuth,
        item_id: Path<Uuid>,
        body: Json<OfferItemEdit>,
    ) -> ApiResult<Json<SavedItem>> {
        let body = body.0;
        let item = body.item.into_item()?;
        let version =
            offer_publishing::edit(&self.state, &auth.caller(), item_id.0, body.version, &item)
                .await?;
        Ok(Json(SavedItem {
            item_id: item_id.0,
            version,
        }))
    }

    /// Publish, retire, or take back to draft
    #[oai(path = "/:item_id/status", method = "put")]
    async fn status(
        &self,
        auth: BearerAuth,
        item_id: Path<Uuid>,
        body: Json<StatusChange>,
    ) -> ApiResult<Json<SavedItem>> {
        let version = offer_publishing::set_status(
            &self.state,
            &auth.caller(),
            item_id.0,
            body.0.version,
            body.0.status.into(),
        )
        .await?;
        Ok(Json(SavedItem {
            item_id: item_id.0,
            version,
        }))
    }

    /// Write the item's words in another language
    ///
    /// Shown to readers who choose that language, once the item is published.
    #[oai(path = "/:item_id/translations/:language", method = "put")]
    async fn translate(
        &self,
        auth: BearerAuth,
        item_id: Path<Uuid>,
        language: Path<LanguageName>,
        body: Json<TranslationInput>,
    ) -> ApiResult<Json<SavedItem>> {
        let body = body.0;
        let translation = Translation {
            language: Language::from(language.0),
            title: body.title.into_string().trim().to_owned(),
            summary: body.summary.into_string().trim().to_owned(),
            how_to_get: body.how_to_get.into_string().trim().to_owned(),
        };
        let version =
            offer_publishing::translate(&self.state, &auth.caller(), item_id.0, &translation)
                .await?;
        Ok(Json(SavedItem {
            item_id: item_id.0,
            version,
        }))
    }
}

//! One version of one item of the local offer, in one language. Edits add a version and mark
//! the one they replace; a draft is not public until published.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "offer_items")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    /// The same for every version and language of one item.
    pub item_id: Uuid,
    pub version: i32,
    pub authority_id: Uuid,
    /// A language tag: `en`, `ar`, `ps`, `ti`, `ku`, `prs` and so on.
    pub language: String,
    /// `draft`, `published` or `retired`.
    pub status: String,
    /// One of the six DfE areas.
    pub area: String,
    pub title: String,
    pub summary: String,
    pub amount_pence: Option<i64>,
    /// `one_off`, `per_year`, `per_month` or `per_week`.
    pub amount_period: Option<String>,
    pub min_age: Option<i16>,
    /// Up to but not including this age.
    pub until_age: Option<i16>,
    /// Care-leaver categories, comma-separated; empty for all.
    pub categories: String,
    /// Conditions, comma-separated; empty for none.
    pub conditions: String,
    pub how_to_get: String,
    pub statutory: bool,
    pub last_reviewed_on: Date,
    /// Who wrote this version; none for the demo content.
    pub recorded_by: Option<Uuid>,
    pub recorded_at: DateTimeUtc,
    pub replaced_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

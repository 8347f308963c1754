//! One step of a young person's request for an item of the local offer. The step not yet
//! replaced is where the request stands.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "entitlement_steps")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub young_person_id: Uuid,
    /// The offer item's id, the same across its versions.
    pub item_id: Uuid,
    /// `requested`, `approved`, `received` or `declined`.
    pub step: String,
    /// The young person's words when they asked.
    pub message: Option<String>,
    /// Why it was turned down, for the young person to read.
    pub reason: Option<String>,
    pub received_on: Option<Date>,
    pub amount_pence: Option<i64>,
    pub recorded_by: Uuid,
    pub recorded_at: DateTimeUtc,
    pub replaced_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

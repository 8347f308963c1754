//! A DBS check of the private foster carer or an adult in their household.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "pf_suitability_checks")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub arrangement_id: Uuid,
    pub person_name: String,
    /// Who they are in the household, in the officer's words: "carer", "carer's husband".
    pub relationship: String,
    pub checked_on: Date,
    /// `clear`, `information_disclosed` or `pending`.
    pub outcome: String,
    /// What was disclosed and what the officer decided about it.
    pub notes: Option<String>,
    pub recorded_by: Uuid,
    pub recorded_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

//! A child in care or a care leaver.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "young_people")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub authority_id: Uuid,
    pub given_name: String,
    pub family_name: String,
    pub preferred_name: Option<String>,
    pub pronouns: Option<String>,
    pub date_of_birth: Date,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    /// Moved on by the database whenever anything this young person's entitlements are worked
    /// out from changes (periods of care, care-leaver status, circumstances, requests, key
    /// documents); never written by the service.
    pub facts_version: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

//! A young person's pathway plan as it is being written. `version` moves on with every save.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "pathway_plans")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    #[sea_orm(unique)]
    pub young_person_id: Uuid,
    /// The plan's sections as JSON.
    pub content: String,
    pub version: i32,
    /// The draft version the young person agreed to, if any.
    pub young_person_agreed_version: Option<i32>,
    pub young_person_agreed_at: Option<DateTimeUtc>,
    pub updated_by: Uuid,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

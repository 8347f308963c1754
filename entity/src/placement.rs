//! Where a child in care lives, and from when.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "placements")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub young_person_id: Uuid,
    pub started_on: Date,
    pub ended_on: Option<Date>,
    /// For example `foster_care`, `children_s_home`, `kinship`.
    pub placement_type: String,
    /// Intended to last until the child is 18.
    pub long_term: bool,
    pub recorded_by: Uuid,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

//! A statutory deadline, kept up to date whenever the facts behind it change, so that lists
//! across thousands of children are an indexed query rather than a recalculation.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "obligations")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub young_person_id: Uuid,
    pub authority_id: Uuid,
    /// `lac_review`, `care_plan` and so on.
    pub kind: String,
    pub due_on: Date,
    /// Empty while the obligation is open.
    pub completed_on: Option<Date>,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

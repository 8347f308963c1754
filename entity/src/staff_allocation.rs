//! Which staff member holds which young person, in which role, and since when.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "staff_allocations")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub young_person_id: Uuid,
    pub staff_user_id: Uuid,
    /// `pa`, `social_worker` or `iro`.
    pub role: String,
    pub started_on: Date,
    /// `None` while the allocation is current.
    pub ended_on: Option<Date>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

//! A young person's NHS number, GP practice and dentist, one row per change; the row with no
//! `replaced_at` is current.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "health_details")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub young_person_id: Uuid,
    /// Ten digits, no spaces, check digit verified.
    pub nhs_number: Option<String>,
    pub gp_practice: Option<String>,
    pub gp_phone: Option<String>,
    pub dentist: Option<String>,
    pub dentist_phone: Option<String>,
    /// Why these replaced the details before, when they did.
    pub change_reason: Option<String>,
    pub recorded_by: Uuid,
    pub recorded_at: DateTimeUtc,
    pub replaced_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

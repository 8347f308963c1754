//! A care-leaver status a professional recorded in place of the computed one, with why. A row
//! with no category withdraws the one before; the newest row is in force.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "care_leaver_statuses")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub young_person_id: Uuid,
    /// `eligible`, `relevant`, `former_relevant`, `qualifying` or `none`; null withdraws.
    pub category: Option<String>,
    pub reason: String,
    pub recorded_by: Uuid,
    pub recorded_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

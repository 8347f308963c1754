//! A visit the private fostering officer made to a privately fostered child.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "pf_visits")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub arrangement_id: Uuid,
    pub visited_on: Date,
    pub child_seen: bool,
    /// Whether the officer spoke with the child alone; empty if the child was not seen.
    pub seen_alone: Option<bool>,
    pub report: String,
    pub recorded_by: Uuid,
    pub recorded_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

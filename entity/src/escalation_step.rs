//! One state an escalation was in, who recorded it and when: its history, never rewritten.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "escalation_steps")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub escalation_id: Uuid,
    pub stage: String,
    pub stage_reached_on: Date,
    pub response_due_on: Date,
    pub response: Option<String>,
    pub resolved_on: Option<Date>,
    pub recorded_by: Uuid,
    pub recorded_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

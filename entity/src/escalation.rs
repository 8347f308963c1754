//! An IRO's challenge to a child's plan under the dispute resolution process, as it stands now.
//! Every state it has been in is kept in `escalation_steps`.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "escalations")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub young_person_id: Uuid,
    pub authority_id: Uuid,
    pub raised_by: Uuid,
    pub raised_on: Date,
    pub issue: String,
    /// `informal`, `team_manager` … `cafcass_referral`.
    pub stage: String,
    pub stage_reached_on: Date,
    pub response_due_on: Date,
    pub response: Option<String>,
    pub resolved_on: Option<Date>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

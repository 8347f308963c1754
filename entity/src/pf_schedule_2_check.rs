//! One check of a Schedule 2 matter by the private fostering officer. Every check is kept; the
//! latest of each matter is the arrangement's checklist.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "pf_schedule_2_checks")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub arrangement_id: Uuid,
    /// The matter's code, such as `accommodation` (Schedule 2, paragraph 1(c)).
    pub matter: String,
    pub checked_on: Date,
    /// `satisfied` or `concerns`.
    pub finding: String,
    /// What the concerns are; may say more when the officer is satisfied.
    pub notes: Option<String>,
    pub recorded_by: Uuid,
    pub recorded_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

//! Append-only record of who read a private fostering case, and how.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "pf_access_log")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub arrangement_id: Uuid,
    pub actor_user_id: Uuid,
    /// The role the reader acted in: `pf_officer` or `manager`.
    pub actor_role: String,
    /// `listed` (the child's name in the list) or `case` (the whole case).
    pub action: String,
    pub occurred_at: DateTimeUtc,
    pub request_id: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

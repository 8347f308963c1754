//! Append-only record of who read a young person's record. The young person can read it.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "access_log")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub young_person_id: Uuid,
    pub actor_user_id: Uuid,
    /// The role the reader acted in, such as `pa` or `manager`.
    pub actor_role: String,
    /// What was read, in words the young person understands (for example `record`).
    pub action: String,
    pub occurred_at: DateTimeUtc,
    pub request_id: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

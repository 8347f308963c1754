//! Answers someone gave on a portal form, kept until they confirm them on "Check your
//! answers" (or the draft goes stale).
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "form_drafts")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    /// Only the person who gave the answers can see or confirm them.
    pub user_id: Uuid,
    pub young_person_id: Uuid,
    /// Which form, for example `immunisation`.
    pub form: String,
    /// The entry being corrected, for a correction.
    pub entry_id: Option<Uuid>,
    /// The answers as a JSON object of field name to text.
    pub answers: String,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

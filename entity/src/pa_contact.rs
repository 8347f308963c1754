//! A time a personal adviser was in touch with a young person.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "pa_contacts")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub young_person_id: Uuid,
    /// The member of staff who was in touch, and recorded it.
    pub staff_user_id: Uuid,
    pub contact_on: Date,
    /// `visit`, `phone`, `text`, `video` or `other`.
    pub method: String,
    /// For a visit or a video call: whether they spoke with the young person alone.
    pub seen_alone: Option<bool>,
    pub place: Option<String>,
    /// The PA's notes: not shown to the young person.
    pub summary: String,
    pub recorded_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

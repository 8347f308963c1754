//! A time a homeless young person was told what each route means and offered an advocate,
//! with their own answer: understood, or needs it explained again.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "homeless_rights_information")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub case_id: Uuid,
    pub given_on: Date,
    pub given_by: Uuid,
    /// The routes explained, as codes separated by commas.
    pub routes_explained: String,
    pub advocate_offered_on: Date,
    pub advocate_accepted: Option<bool>,
    pub advocate_name: Option<String>,
    /// The young person's answer: `None` until they give one.
    pub understood: Option<bool>,
    pub answered_at: Option<DateTimeUtc>,
    pub recorded_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

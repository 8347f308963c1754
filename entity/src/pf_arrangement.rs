//! A private fostering arrangement the council knows about: one child living with one carer,
//! however many people have told us about it.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "pf_arrangements")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub authority_id: Uuid,
    /// `notified`, `assessing`, `confirmed`, `not_private_fostering` or `ended`.
    pub status: String,
    /// Why it is not private fostering, or why it ended.
    pub status_reason: Option<String>,
    /// The day the council became aware of it: the arrangement's first year runs from here.
    pub aware_on: Date,
    /// The day it ended; no visit is owed after it.
    pub ended_on: Option<Date>,
    /// The day the officer confirmed it is private fostering; cleared if that is taken back.
    pub confirmed_on: Option<Date>,
    /// The day its status last changed: for one found not to be private fostering, the day
    /// visits stopped being owed.
    pub status_changed_on: Option<Date>,
    pub child_name: String,
    pub carer_name: String,
    /// Where the child is living.
    pub carer_address: String,
    /// The child's and carer's names folded together: how a second notification finds the first.
    pub match_key: String,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

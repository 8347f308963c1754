//! One time someone told the council about a private fostering arrangement, with everything
//! they said, kept as they said it.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "pf_notifications")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub arrangement_id: Uuid,
    /// What the notifier was given to quote, such as `PF-7KQM-3RTV`.
    #[sea_orm(unique)]
    pub reference: String,
    pub received_at: DateTimeUtc,
    /// The day it was received, in England: the initial visit is due 7 working days later.
    pub received_on: Date,
    /// `carer`, `parent` or `other`.
    pub notifier_relationship: String,
    pub notifier_name: String,
    pub notifier_email: Option<String>,
    pub notifier_phone: Option<String>,
    /// Everything else they told us (Schedule 1), as JSON; "I don't know" is kept as such.
    pub details: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

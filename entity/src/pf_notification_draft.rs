//! A private fostering notification a member of the public is part way through on the portal.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "pf_notification_drafts")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    /// The hash of the token in the person's cookie; the token itself is never kept.
    #[sea_orm(unique)]
    pub token_hash: String,
    /// The answers so far, as the portal's form keeps them (JSON); emptied once sent.
    pub answers: String,
    /// Set once it is sent: the reference the person was given.
    pub reference: Option<String>,
    /// A field no person can see was filled in: it will not be passed to the team.
    pub refused: bool,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

//! Anyone who signs in: staff, and young people with an account.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "users")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub authority_id: Uuid,
    /// Stored lower-case so that look-ups are exact.
    #[sea_orm(unique)]
    pub email: String,
    pub name: String,
    /// Argon2id PHC string; `None` for accounts that sign in by emailed code only.
    pub password_hash: Option<String>,
    /// Set when this account belongs to a young person.
    pub young_person_id: Option<Uuid>,
    pub active: bool,
    pub created_at: DateTimeUtc,
    /// The staff member's team, if they belong to one.
    pub team_id: Option<Uuid>,
    /// A member of staff's work phone, for the young people they support.
    pub phone: Option<String>,
    /// When they work, in their words: "Monday to Friday, 9am to 5pm".
    pub working_hours: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(has_many = "super::user_role::Entity")]
    Roles,
}

impl Related<super::user_role::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Roles.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}

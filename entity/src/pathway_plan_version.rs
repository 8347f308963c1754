//! An agreed pathway plan, frozen: numbered from 1 for each young person.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "pathway_plan_versions")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub young_person_id: Uuid,
    pub number: i32,
    /// The plan's sections as JSON.
    pub content: String,
    pub agreed_on: Date,
    /// The worker who agreed it.
    pub agreed_by: Uuid,
    /// When the young person agreed this content, if they did.
    pub young_person_agreed_at: Option<DateTimeUtc>,
    /// Why it was agreed without the young person's agreement.
    pub not_agreed_reason: Option<String>,
    pub next_review_on: Date,
    pub recorded_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

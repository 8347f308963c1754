//! A tick or untick on a young person's key-documents checklist. The newest row for each
//! document is in force.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "key_documents")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub young_person_id: Uuid,
    /// `passport`, `birth_certificate`, `national_insurance_number`, `bank_account` or
    /// `provisional_driving_licence`.
    pub document: String,
    pub has_it: bool,
    pub recorded_by: Uuid,
    pub recorded_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

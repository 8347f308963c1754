//! One version of an entry in a young person's health history: an immunisation, a check, or
//! something they should know about. Corrections add a version; the replaced one keeps its
//! words and gets `replaced_at`.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "health_entries")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    /// The same for every version of one entry.
    pub entry_id: Uuid,
    /// 1 for the entry as first recorded, then one more for each correction.
    pub version: i32,
    pub young_person_id: Uuid,
    /// `immunisation`, `dental`, `sight`, `hearing`, `condition`, `treatment`,
    /// `hospital_stay` or `allergy`.
    pub kind: String,
    /// For an immunisation: a vaccine code from the routine schedule, or `other`.
    pub vaccine: Option<String>,
    /// What it was: the condition, treatment, allergy, or the name of another vaccine.
    pub name: Option<String>,
    /// When it was given, checked, diagnosed or started.
    pub happened_on: Date,
    pub ended_on: Option<Date>,
    pub dose: Option<String>,
    /// Where it was given or happened.
    pub place: Option<String>,
    /// Where the record came from, for example "GP record" or "Red Book".
    pub source: Option<String>,
    /// The result of a check.
    pub result: Option<String>,
    pub by_whom: Option<String>,
    pub notes: Option<String>,
    pub shared: bool,
    pub not_shared_reason: Option<String>,
    /// Why this version replaced the one before (none for the first).
    pub correction_reason: Option<String>,
    pub recorded_by: Uuid,
    pub recorded_at: DateTimeUtc,
    pub replaced_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

//! A 16 or 17 year old who asked for help because they had nowhere safe to live: the joint
//! assessment by housing and children's services, and the decision.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "homeless_cases")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub authority_id: Uuid,
    pub young_person_id: Uuid,
    pub presented_on: Date,
    /// How they came to the council: `housing`, `childrens_services`, `school`, `police`, `other`.
    pub presented: String,
    /// Where they are staying tonight, in the worker's words.
    pub staying_tonight: String,
    pub safe_tonight: bool,
    pub housing_officer_id: Option<Uuid>,
    pub social_worker_id: Option<Uuid>,
    pub assessment_started_on: Option<Date>,
    pub assessment_completed_on: Option<Date>,
    /// The areas assessed, as codes separated by commas.
    pub areas_assessed: String,
    pub views_and_wishes: Option<String>,
    /// The assessment found a child in need who requires accommodation.
    pub requires_accommodation: Option<bool>,
    pub outcome: Option<String>,
    pub decided_on: Option<Date>,
    pub decision_reasons: Option<String>,
    /// Fully informed, the young person declined accommodation under section 20.
    pub declined_section_20: bool,
    pub decided_by: Option<Uuid>,
    /// The care episode an outcome under section 20 started.
    pub care_episode_id: Option<Uuid>,
    pub opened_by: Uuid,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

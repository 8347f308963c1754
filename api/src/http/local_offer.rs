//! The local offer, public: what the council offers care leavers.
use poem_openapi::{Enum, Object, OpenApi, param::Query, payload::Json};
use uuid::Uuid;

use super::{ApiTags, care_leavers::CategoryName, problem::ApiResult, types::Date};
use crate::{
    AppState,
    domain::local_offer::{Area, Period},
    service::local_offer::{self, PublishedItem},
};

pub struct LocalOfferApi {
    pub state: AppState,
}

/// The six areas of the DfE guidance.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Enum)]
#[oai(rename_all = "snake_case")]
pub enum AreaName {
    HealthAndWellbeing,
    Relationships,
    EducationAndTraining,
    Employment,
    Accommodation,
    ParticipationInSociety,
}

impl From<AreaName> for Area {
    fn from(name: AreaName) -> Self {
        match name {
            AreaName::HealthAndWellbeing => Area::HealthAndWellbeing,
            AreaName::Relationships => Area::Relationships,
            AreaName::EducationAndTraining => Area::EducationAndTraining,
            AreaName::Employment => Area::Employment,
            AreaName::Accommodation => Area::Accommodation,
            AreaName::ParticipationInSociety => Area::ParticipationInSociety,
        }
    }
}

#[derive(Debug, Object)]
pub struct AmountBody {
    /// Whole pence.
    pub pence: i64,
    /// `one_off`, `per_year`, `per_month` or `per_week`.
    pub period: String,
    /// As people say it: "£3,000, once".
    pub words: String,
}

#[derive(Debug, Object)]
pub struct EligibilityBody {
    #[oai(nullable)]
    pub min_age: Option<u8>,
    /// Up to but not including this age.
    #[oai(nullable)]
    pub until_age: Option<u8>,
    /// Empty: every kind of care leaver.
    pub categories: Vec<CategoryName>,
    /// For example `in_higher_education` or `lives_in_the_borough`.
    pub conditions: Vec<String>,
    /// As a sentence.
    pub words: String,
}

#[derive(Debug, Object)]
pub struct OfferItemBody {
    pub id: Uuid,
    /// One of the six DfE areas, for example `accommodation`.
    pub area: String,
    pub area_title: String,
    pub title: String,
    pub summary: String,
    #[oai(nullable)]
    pub amount: Option<AmountBody>,
    pub eligibility: EligibilityBody,
    pub how_to_get: String,
    /// The law says care leavers can have it; otherwise the council chooses to offer it.
    pub statutory: bool,
    pub last_reviewed_on: Date,
}

impl From<PublishedItem> for OfferItemBody {
    fn from(published: PublishedItem) -> Self {
        let item = published.item;
        Self {
            id: published.item_id,
            area: item.area.code().to_owned(),
            area_title: item.area.title().to_owned(),
            amount: item.amount.map(|a| AmountBody {
                pence: a.pence,
                period: a.period.code().to_owned(),
                words: a.to_string(),
            }),
            eligibility: EligibilityBody {
                words: item.eligibility.words(),
                min_age: item.eligibility.min_age,
                until_age: item.eligibility.until_age,
                categories: item
                    .eligibility
                    .categories
                    .iter()
                    .map(|c| (*c).into())
                    .collect(),
                conditions: item
                    .eligibility
                    .conditions
                    .iter()
                    .map(|c| c.code().to_owned())
                    .collect(),
            },
            title: item.title,
            summary: item.summary,
            how_to_get: item.how_to_get,
            statutory: item.statutory,
            last_reviewed_on: item.last_reviewed_on.into(),
        }
    }
}

#[derive(Debug, Object)]
pub struct OfferBody {
    /// By area, then title.
    pub items: Vec<OfferItemBody>,
}

const _: () = assert!(
    Period::ALL.len() == 4,
    "the period list in AmountBody's docs"
);

#[OpenApi(tag = "ApiTags::Offer")]
impl LocalOfferApi {
    /// The local offer
    ///
    /// Public: no sign-in. Every published item, or those whose words include every word of
    /// `q`, optionally in one `area`.
    #[oai(path = "/offer", method = "get")]
    async fn offer(
        &self,
        #[oai(validator(max_length = 200))] q: Query<Option<String>>,
        area: Query<Option<AreaName>>,
    ) -> ApiResult<Json<OfferBody>> {
        let search = q.0.as_deref().unwrap_or_default();
        let found = local_offer::published(&self.state, search, area.0.map(Into::into)).await?;
        Ok(Json(OfferBody {
            items: found.into_iter().map(Into::into).collect(),
        }))
    }
}

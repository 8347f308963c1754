//! The local offer, public: what the council offers care leavers.
use std::sync::Arc;

use poem_openapi::{
    ApiResponse, Enum, Object, OpenApi,
    param::{Header, Query},
};
use uuid::Uuid;

use super::{
    ApiTags,
    care_leavers::CategoryName,
    problem::ApiResult,
    types::{Date, RenderedJson},
};
use crate::{
    AppState,
    domain::local_offer::{Amount, Area, Language, Period},
    service::local_offer::{self, ShownItem},
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

impl From<Amount> for AmountBody {
    fn from(amount: Amount) -> Self {
        Self {
            pence: amount.pence,
            period: amount.period.code().to_owned(),
            words: amount.to_string(),
        }
    }
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
    /// The language its words are in: the one asked for where it has been translated, else
    /// `en`.
    pub language: String,
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

impl From<ShownItem> for OfferItemBody {
    fn from(shown: ShownItem) -> Self {
        let item = shown.item;
        Self {
            id: shown.item_id,
            language: shown.language.code().to_owned(),
            area: item.area.code().to_owned(),
            area_title: item.area.title().to_owned(),
            amount: item.amount.map(AmountBody::from),
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

/// A language the offer is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Enum)]
pub enum LanguageName {
    #[oai(rename = "en")]
    English,
    #[oai(rename = "ar")]
    Arabic,
    #[oai(rename = "prs")]
    Dari,
    #[oai(rename = "ckb")]
    Kurdish,
    #[oai(rename = "ps")]
    Pashto,
    #[oai(rename = "ti")]
    Tigrinya,
}

const LANGUAGES: [(LanguageName, Language); 6] = [
    (LanguageName::English, Language::English),
    (LanguageName::Arabic, Language::Arabic),
    (LanguageName::Dari, Language::Dari),
    (LanguageName::Kurdish, Language::Kurdish),
    (LanguageName::Pashto, Language::Pashto),
    (LanguageName::Tigrinya, Language::Tigrinya),
];

impl From<LanguageName> for Language {
    fn from(name: LanguageName) -> Self {
        LANGUAGES
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, l)| *l)
            .expect("every name has a language")
    }
}

impl From<Language> for LanguageName {
    fn from(language: Language) -> Self {
        LANGUAGES
            .iter()
            .find(|(_, l)| *l == language)
            .map(|(n, _)| *n)
            .expect("every language has a name")
    }
}

#[derive(Debug, Object)]
pub struct LanguageBody {
    pub code: LanguageName,
    /// In English.
    pub name: String,
    /// In the language itself.
    pub own_name: String,
    /// `ltr` or `rtl`.
    pub direction: String,
}

impl From<Language> for LanguageBody {
    fn from(language: Language) -> Self {
        Self {
            code: language.into(),
            name: language.name().to_owned(),
            own_name: language.own_name().to_owned(),
            direction: language.direction().to_owned(),
        }
    }
}

#[derive(Debug, Object)]
pub struct OfferBody {
    /// By area, then title.
    pub items: Vec<OfferItemBody>,
    /// The languages at least one item can be read in, English first.
    pub languages: Vec<LanguageBody>,
}

const _: () = assert!(
    Period::ALL.len() == 4,
    "the period list in AmountBody's docs"
);

#[derive(ApiResponse)]
pub enum OfferResponse {
    /// The offer. Send the `ETag` back in `If-None-Match` to be told when it has not changed.
    #[oai(status = 200)]
    Found(
        RenderedJson<OfferBody>,
        #[oai(header = "ETag")] String,
        #[oai(header = "Cache-Control")] String,
    ),
    /// Not changed since the `ETag` given in `If-None-Match`.
    #[oai(status = 304)]
    NotModified(
        #[oai(header = "ETag")] String,
        #[oai(header = "Cache-Control")] String,
    ),
}

/// Public, and the same for everyone: anyone may keep a copy, but must ask whether it changed.
const REVALIDATE: &str = "public, no-cache";

#[OpenApi(tag = "ApiTags::Offer")]
impl LocalOfferApi {
    /// The local offer
    ///
    /// Public: no sign-in. Every published item, or those whose words include every word of
    /// `q`, optionally in one `area`; in `lang` where an item has been translated into it.
    #[oai(path = "/offer", method = "get")]
    async fn offer(
        &self,
        #[oai(validator(max_length = 200))] q: Query<Option<String>>,
        area: Query<Option<AreaName>>,
        lang: Query<Option<LanguageName>>,
        #[oai(name = "If-None-Match")] if_none_match: Header<Option<String>>,
    ) -> ApiResult<OfferResponse> {
        let search = q.0.as_deref().unwrap_or_default();
        let area: Option<Area> = area.0.map(Into::into);
        let language: Language = lang.0.map_or(Language::English, Into::into);
        let Some(offer) = local_offer::serving_snapshot(&self.state).await? else {
            return Ok(OfferResponse::Found(
                RenderedJson::from(&OfferBody {
                    items: Vec::new(),
                    languages: vec![Language::English.into()],
                }),
                "\"none\"".into(),
                REVALIDATE.into(),
            ));
        };
        let etag = offer.stamp.etag(&[
            search,
            area.map(Area::code).unwrap_or_default(),
            language.code(),
        ]);
        let unchanged = if_none_match.0.as_deref().is_some_and(|sent| {
            sent.split(',')
                .any(|tag| tag.trim() == etag || tag.trim() == "*")
        });
        if unchanged {
            return Ok(OfferResponse::NotModified(etag, REVALIDATE.into()));
        }
        let render = || {
            RenderedJson::render(&OfferBody {
                items: local_offer::search(&offer, search, area, language)
                    .into_iter()
                    .map(Into::into)
                    .collect(),
                languages: offer.languages().into_iter().map(Into::into).collect(),
            })
        };
        // Searches are not kept: there is no end to them.
        let body: Arc<[u8]> = if search.is_empty() {
            offer.rendered.get_or_make(&etag, render)
        } else {
            render().into()
        };
        Ok(OfferResponse::Found(
            RenderedJson::new(body),
            etag,
            REVALIDATE.into(),
        ))
    }
}

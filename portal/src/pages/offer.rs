//! The local offer, for anyone: what the council offers care leavers, by area, searchable and
//! printable, and saved for reading offline.
use api::{
    AppState,
    domain::local_offer::{Area, Language},
    service::local_offer::{self, ShownItem},
};
use askama::Template;
use poem::{
    Request, Response, handler,
    web::{Data, Query},
};
use serde::Deserialize;

use super::{Chrome, failed, ok, visitor, young_person::long_date};
use crate::forms::TextField;

pub struct ItemView {
    /// The language of its words, for `lang` and `dir`.
    pub lang: &'static str,
    pub dir: &'static str,
    pub title: String,
    pub summary: String,
    pub amount: Option<String>,
    pub who: String,
    pub how_to_get: String,
    pub statutory: bool,
    pub last_reviewed_on: String,
}

pub struct AreaView {
    pub title: &'static str,
    pub items: Vec<ItemView>,
}

/// A language the offer can be read in, as a link.
pub struct LanguageLink {
    pub code: &'static str,
    pub own_name: &'static str,
    pub name: &'static str,
    pub dir: &'static str,
    pub current: bool,
}

#[derive(Template)]
#[template(path = "offer.html")]
struct OfferPage {
    chrome: Chrome,
    languages: Vec<LanguageLink>,
    /// `lang=…` for links that keep the language, or empty for English.
    lang_query: String,
    search: TextField,
    searched: bool,
    areas: Vec<AreaView>,
    found: usize,
}

#[derive(Debug, Deserialize)]
pub struct OfferQuery {
    q: Option<String>,
    lang: Option<String>,
}

fn by_area(items: Vec<ShownItem>) -> Vec<AreaView> {
    Area::ALL
        .into_iter()
        .map(|area| AreaView {
            title: area.title(),
            items: items
                .iter()
                .filter(|p| p.item.area == area)
                .map(|p| ItemView {
                    lang: p.language.code(),
                    dir: p.language.direction(),
                    title: p.item.title.clone(),
                    summary: p.item.summary.clone(),
                    amount: p.item.amount.map(|a| a.to_string()),
                    who: p.item.eligibility.words(),
                    how_to_get: p.item.how_to_get.clone(),
                    statutory: p.item.statutory,
                    last_reviewed_on: long_date(p.item.last_reviewed_on),
                })
                .collect(),
        })
        .filter(|area| !area.items.is_empty())
        .collect()
}

#[handler]
pub async fn offer(
    req: &Request,
    Data(state): Data<&AppState>,
    Query(query): Query<OfferQuery>,
) -> Response {
    let visitor = match visitor(req, state).await {
        Ok(visitor) => visitor,
        Err(response) => return response,
    };
    let search: String = query
        .q
        .unwrap_or_default()
        .trim()
        .chars()
        .take(200)
        .collect();
    let language = query
        .lang
        .as_deref()
        .and_then(Language::from_code)
        .unwrap_or(Language::English);
    let (items, languages) = match local_offer::serving_snapshot(state).await {
        Ok(Some(offer)) => (
            local_offer::search(&offer, &search, None, language),
            offer.languages(),
        ),
        Ok(None) => (Vec::new(), vec![Language::English]),
        Err(error) => return failed(error, Some(&visitor)),
    };
    let page = OfferPage {
        chrome: Chrome::new(&visitor, "What care leavers can get").offline_ready(),
        search: TextField::new("q", "Search the offer")
            .hint("For example, bursary, housing or data")
            .value(&search),
        searched: !search.is_empty(),
        languages: if languages.len() > 1 {
            languages
                .into_iter()
                .map(|l| LanguageLink {
                    code: l.code(),
                    own_name: l.own_name(),
                    name: l.name(),
                    dir: l.direction(),
                    current: l == language,
                })
                .collect()
        } else {
            Vec::new()
        },
        lang_query: if language == Language::English {
            String::new()
        } else {
            format!("lang={}", language.code())
        },
        found: items.len(),
        areas: by_area(items),
    };
    ok(&page, &visitor)
}

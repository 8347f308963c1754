//! The local offer, for anyone: what the council offers care leavers, by area, searchable and
//! printable, and saved for reading offline.
use api::{
    AppState,
    domain::local_offer::Area,
    service::local_offer::{self, PublishedItem},
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

#[derive(Template)]
#[template(path = "offer.html")]
struct OfferPage {
    chrome: Chrome,
    search: TextField,
    searched: bool,
    areas: Vec<AreaView>,
    found: usize,
}

#[derive(Debug, Deserialize)]
pub struct OfferQuery {
    q: Option<String>,
}

fn by_area(items: Vec<PublishedItem>) -> Vec<AreaView> {
    Area::ALL
        .into_iter()
        .map(|area| AreaView {
            title: area.title(),
            items: items
                .iter()
                .filter(|p| p.item.area == area)
                .map(|p| ItemView {
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
    let items = match local_offer::published(state, &search, None).await {
        Ok(items) => items,
        Err(error) => return failed(error, Some(&visitor)),
    };
    let page = OfferPage {
        chrome: Chrome::new(&visitor, "What care leavers can get").offline_ready(),
        search: TextField::new("q", "Search the offer")
            .hint("For example, bursary, housing or data")
            .value(&search),
        searched: !search.is_empty(),
        found: items.len(),
        areas: by_area(items),
    };
    ok(&page, &visitor)
}

//! The local offer: public, by area, with money in pence and a search.
use reqwest::StatusCode;
use serde_json::Value;

use crate::{helpers::spawn_app, portal::Browser};

async fn offer(app: &crate::helpers::TestApp, query: &str) -> (StatusCode, Value) {
    let response = app
        .client
        .get(app.url(&format!("/api/v1/offer{query}")))
        .send()
        .await
        .unwrap();
    let status = response.status();
    (status, response.json().await.unwrap())
}

fn titles(body: &Value) -> Vec<String> {
    body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["title"].as_str().unwrap().to_owned())
        .collect()
}

fn item<'a>(body: &'a Value, title: &str) -> &'a Value {
    body["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["title"] == title)
        .unwrap_or_else(|| panic!("{title} in {body}"))
}

#[tokio::test]
async fn anyone_can_read_the_offer_with_amounts_in_pence_and_who_can_have_each_thing() {
    let app = spawn_app().await;
    let (status, body) = offer(&app, "").await;
    assert_eq!(status, StatusCode::OK, "no sign-in needed: {body}");
    assert_eq!(titles(&body).len(), 12);
    let home = item(&body, "Setting-up-home allowance");
    assert_eq!(home["amount"]["pence"], 300_000);
    assert_eq!(home["amount"]["period"], "one_off");
    assert_eq!(home["amount"]["words"], "£3,000, once");
    assert_eq!(home["area"], "accommodation");
    let bursary = item(&body, "Higher education bursary");
    assert_eq!(bursary["amount"]["pence"], 200_000);
    assert_eq!(bursary["statutory"], true);
    assert_eq!(
        bursary["eligibility"]["words"],
        "Former relevant or relevant care leavers under 25 who are at university or in other higher education"
    );
    let college = item(&body, "16 to 19 bursary");
    assert_eq!(college["amount"]["words"], "£1,200 a year");
    let documents = item(&body, "Your key documents");
    for document in [
        "passport",
        "birth certificate",
        "National Insurance number",
        "bank account",
        "driving licence",
    ] {
        assert!(
            documents["summary"].as_str().unwrap().contains(document),
            "{document}"
        );
    }
    assert!(titles(&body).contains(&"Wi-Fi and phone data".to_owned()));
    // In the order of the six areas, then by title.
    let areas: Vec<&str> = body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["area"].as_str().unwrap())
        .collect();
    assert_eq!(areas.first(), Some(&"health_and_wellbeing"));
    assert_eq!(areas.last(), Some(&"participation_in_society"));
}

#[tokio::test]
async fn a_search_finds_what_mentions_every_word_and_an_area_narrows_it() {
    let app = spawn_app().await;
    let (_, bursaries) = offer(&app, "?q=Bursary").await;
    assert_eq!(titles(&bursaries).len(), 3, "{bursaries}");
    assert!(
        titles(&bursaries)
            .iter()
            .all(|t| t.to_lowercase().contains("bursary"))
    );
    let (_, nothing) = offer(&app, "?q=bursary%20passport").await;
    assert!(titles(&nothing).is_empty());
    let (_, housing) = offer(&app, "?area=accommodation").await;
    assert_eq!(titles(&housing).len(), 3);
    let (status, _) = offer(&app, "?area=space_travel").await;
    assert!(status.is_client_error());
}

#[tokio::test]
async fn the_offer_page_needs_no_sign_in_and_searches_without_javascript() {
    let app = spawn_app().await;
    let mut visitor = Browser::new(&app);
    let page = visitor.get("/offer").await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(page.title(), "What care leavers can get – Onward");
    assert!(page.body.contains("<h2>Somewhere to live</h2>"));
    assert!(page.body.contains("£3,000, once"));
    assert!(page.body.contains("The law says you can have this"));
    let searched = visitor.get("/offer?q=data").await;
    assert!(searched.body.contains("Wi-Fi and phone data"));
    assert!(searched.body.contains("1 thing matches your search"));
    assert!(!searched.body.contains("Setting-up-home allowance"));
    assert!(visitor.get("/").await.body.contains(r#"href="/offer""#));
}

//! The local offer: public, by area, with money in pence and a search.
use reqwest::StatusCode;
use serde_json::{Value, json};

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

fn new_item(title: &str) -> Value {
    json!({
        "area": "employment",
        "title": title,
        "summary": "A week's paid work experience with the council, with a reference at the end.",
        "amount_pence": 25_000,
        "amount_period": "one_off",
        "min_age": 16,
        "until_age": 25,
        "categories": [],
        "conditions": ["lives_in_the_borough"],
        "how_to_get": "Ask your personal adviser; they will put you forward.",
        "statutory": false,
        "last_reviewed_on": "2026-11-01"
    })
}

#[tokio::test]
async fn an_admin_drafts_an_item_that_is_public_only_once_published_and_every_version_is_kept() {
    let app = spawn_app().await;
    let admin = app.token_for("admin@example.org").await;
    let created = app
        .post("/api/v1/offer/items", &admin, new_item("Work taster week"))
        .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
    let id = created.body["item_id"].as_str().unwrap().to_owned();
    let (_, before) = offer(&app, "").await;
    assert!(
        !titles(&before).contains(&"Work taster week".to_owned()),
        "a draft is not public"
    );

    let status = format!("/api/v1/offer/items/{id}/status");
    let published = app
        .put(
            &status,
            &admin,
            json!({"version": 1, "status": "published"}),
        )
        .await;
    assert_eq!(published.status, StatusCode::OK, "{}", published.body);
    assert_eq!(published.body["version"], 2);
    let (_, after) = offer(&app, "").await;
    assert_eq!(
        item(&after, "Work taster week")["amount"]["words"],
        "£250, once"
    );

    let mut edit = new_item("Work experience week");
    edit["amount_pence"] = json!(30_000);
    let edited = app
        .put(
            &format!("/api/v1/offer/items/{id}"),
            &admin,
            json!({"version": 2, "item": edit}),
        )
        .await;
    assert_eq!(edited.status, StatusCode::OK, "{}", edited.body);
    let stale = app
        .put(
            &format!("/api/v1/offer/items/{id}"),
            &admin,
            json!({"version": 2, "item": new_item("Lost edit")}),
        )
        .await;
    assert!(
        stale.problem(409)["detail"]
            .as_str()
            .unwrap()
            .contains("version 3"),
        "{}",
        stale.body
    );
    let (_, edited_offer) = offer(&app, "").await;
    assert_eq!(
        item(&edited_offer, "Work experience week")["amount"]["words"],
        "£300, once",
        "an edit to a published item is public at once"
    );

    let retired = app
        .put(&status, &admin, json!({"version": 3, "status": "retired"}))
        .await;
    assert_eq!(retired.status, StatusCode::OK, "{}", retired.body);
    let (_, gone) = offer(&app, "").await;
    assert!(!titles(&gone).contains(&"Work experience week".to_owned()));

    let record = app.get(&format!("/api/v1/offer/items/{id}"), &admin).await;
    assert_eq!(record.status, StatusCode::OK, "{}", record.body);
    let history: Vec<(i64, &str, &str)> = record.body["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| {
            (
                v["version"].as_i64().unwrap(),
                v["status"].as_str().unwrap(),
                v["title"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        history,
        [
            (4, "retired", "Work experience week"),
            (3, "published", "Work experience week"),
            (2, "published", "Work taster week"),
            (1, "draft", "Work taster week"),
        ]
    );
    assert_eq!(record.body["history"][0]["recorded_by"], "Ade Admin");
}

#[tokio::test]
async fn only_administrators_write_the_offer_and_broken_items_are_refused_field_by_field() {
    let app = spawn_app().await;
    for email in ["pa@example.org", "manager@example.org", "jess@example.org"] {
        let token = app.token_for(email).await;
        let refused = app
            .post("/api/v1/offer/items", &token, new_item("Not theirs to add"))
            .await;
        assert_eq!(refused.problem(403)["status"], 403, "{email}");
        assert_eq!(
            app.get("/api/v1/offer/items", &token).await.problem(403)["status"],
            403,
            "{email}"
        );
    }
    let admin = app.token_for("admin@example.org").await;
    let mut no_period = new_item("Half an amount");
    no_period["amount_period"] = Value::Null;
    let refused = app.post("/api/v1/offer/items", &admin, no_period).await;
    assert!(refused.problem(422)["errors"]["amount_period"].is_array());
    let mut backwards = new_item("Backwards ages");
    backwards["min_age"] = json!(21);
    backwards["until_age"] = json!(18);
    backwards["title"] = json!("   ");
    let refused = app.post("/api/v1/offer/items", &admin, backwards).await;
    let errors = &refused.problem(422)["errors"];
    assert!(
        errors["until_age"].is_array() && errors["title"].is_array(),
        "{errors}"
    );
    let all = app.get("/api/v1/offer/items", &admin).await;
    assert_eq!(
        all.body["items"].as_array().unwrap().len(),
        12,
        "nothing half-saved"
    );
}

async fn demo_item_id(app: &crate::helpers::TestApp, admin: &str, title: &str) -> String {
    let all = app.get("/api/v1/offer/items", admin).await;
    all.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["current"]["title"] == title)
        .map(|i| i["item_id"].as_str().unwrap().to_owned())
        .unwrap_or_else(|| panic!("{title}"))
}

#[tokio::test]
async fn a_translation_is_shown_to_readers_who_choose_its_language_and_the_page_offers_it() {
    let app = spawn_app().await;
    let admin = app.token_for("admin@example.org").await;
    let id = demo_item_id(&app, &admin, "Setting-up-home allowance").await;
    let (_, english) = offer(&app, "").await;
    assert_eq!(
        english["languages"].as_array().unwrap().len(),
        1,
        "English only, to begin with"
    );

    let saved = app
        .put(
            &format!("/api/v1/offer/items/{id}/translations/ar"),
            &admin,
            json!({"title": "منحة تأسيس المنزل",
                   "summary": "مال لما تحتاجه في منزلك الأول.",
                   "how_to_get": "اسأل مستشارك الشخصي."}),
        )
        .await;
    assert_eq!(saved.status, StatusCode::OK, "{}", saved.body);
    let english_too = app
        .put(
            &format!("/api/v1/offer/items/{id}/translations/en"),
            &admin,
            json!({"title": "x", "summary": "x", "how_to_get": "x"}),
        )
        .await;
    assert!(english_too.problem(422)["errors"]["language"].is_array());

    let (_, arabic) = offer(&app, "?lang=ar").await;
    let allowance = arabic["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == id.as_str())
        .unwrap();
    assert_eq!(allowance["language"], "ar");
    assert_eq!(allowance["title"], "منحة تأسيس المنزل");
    assert_eq!(
        allowance["amount"]["pence"], 300_000,
        "the facts stay the same"
    );
    assert_eq!(
        item(&arabic, "Staying Put")["language"],
        "en",
        "untranslated items in English"
    );
    let languages: Vec<&str> = arabic["languages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["code"].as_str().unwrap())
        .collect();
    assert_eq!(languages, ["en", "ar"]);
    let (_, still_english) = offer(&app, "").await;
    assert_eq!(
        item(&still_english, "Setting-up-home allowance")["language"],
        "en"
    );

    let mut visitor = Browser::new(&app);
    let page = visitor.get("/offer").await;
    assert!(
        page.body.contains(r#"href="/offer?lang=ar""#),
        "the page offers Arabic"
    );
    let page = visitor.get("/offer?lang=ar").await;
    assert!(
        page.body
            .contains(r#"<h3 class="entry__title" lang="ar" dir="rtl">منحة تأسيس المنزل</h3>"#),
        "{}",
        page.body
    );
}

#[tokio::test]
async fn the_offer_carries_an_etag_and_answers_304_until_it_changes() {
    let app = spawn_app().await;
    let first = app
        .client
        .get(app.url("/api/v1/offer"))
        .send()
        .await
        .unwrap();
    assert_eq!(first.status(), StatusCode::OK);
    let etag = first.headers()["etag"].to_str().unwrap().to_owned();
    assert_eq!(first.headers()["cache-control"], "public, no-cache");
    let again = app
        .client
        .get(app.url("/api/v1/offer"))
        .header("If-None-Match", &etag)
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), StatusCode::NOT_MODIFIED);
    let searched = app
        .client
        .get(app.url("/api/v1/offer?q=bursary"))
        .header("If-None-Match", &etag)
        .send()
        .await
        .unwrap();
    assert_eq!(
        searched.status(),
        StatusCode::OK,
        "another search is another answer"
    );

    let admin = app.token_for("admin@example.org").await;
    let id = demo_item_id(&app, &admin, "Social supermarket").await;
    let retired = app
        .put(
            &format!("/api/v1/offer/items/{id}/status"),
            &admin,
            json!({"version": 1, "status": "retired"}),
        )
        .await;
    assert_eq!(retired.status, StatusCode::OK, "{}", retired.body);
    let changed = app
        .client
        .get(app.url("/api/v1/offer"))
        .header("If-None-Match", &etag)
        .send()
        .await
        .unwrap();
    assert_eq!(changed.status(), StatusCode::OK);
    assert_ne!(changed.headers()["etag"].to_str().unwrap(), etag);
    let body: Value = changed.json().await.unwrap();
    assert!(!titles(&body).contains(&"Social supermarket".to_owned()));
}

#[tokio::test]
async fn an_administrator_writes_publishes_and_translates_an_item_in_the_portal() {
    let app = spawn_app().await;
    let mut admin = crate::portal::signed_in(&app, "admin@example.org").await;
    assert!(
        admin
            .get("/staff")
            .await
            .body
            .contains(r#"href="/admin/offer""#)
    );
    let list = admin.get("/admin/offer").await;
    assert_eq!(list.status, StatusCode::OK);
    assert!(list.body.contains("Setting-up-home allowance"));

    // Everything wrong at once, in the order of the page, and what was typed kept.
    let wrong = admin
        .post(
            "/admin/offer/new",
            &[
                ("title", "Driving lessons"),
                ("amount", "lots"),
                ("min_age", "sixteen"),
                ("last_reviewed_on_day", "1"),
            ],
        )
        .await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(wrong.title().starts_with("Error: "));
    let summary = wrong.body.split("There is a problem").nth(1).unwrap();
    let order: Vec<usize> = [
        "#area",
        "#summary",
        "#amount",
        "#min-age",
        "#how-to-get",
        "#statutory",
        "#last-reviewed-on",
    ]
    .iter()
    .map(|id| {
        summary
            .find(&format!("href=\"{id}\""))
            .unwrap_or_else(|| panic!("{id}"))
    })
    .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{order:?}");
    assert!(wrong.body.contains(r#"value="Driving lessons""#));

    let added = admin
        .post(
            "/admin/offer/new",
            &[
                ("area", "participation_in_society"),
                ("title", "Driving lessons"),
                (
                    "summary",
                    "Twenty driving lessons and your theory test, paid for.",
                ),
                ("amount", "800"),
                ("period", "one_off"),
                ("min_age", "17"),
                ("until_age", "25"),
                ("category", "former_relevant"),
                ("category", "relevant"),
                (
                    "how_to_get",
                    "Ask your personal adviser once you have your provisional licence.",
                ),
                ("statutory", "no"),
                ("last_reviewed_on_day", "1"),
                ("last_reviewed_on_month", "11"),
                ("last_reviewed_on_year", "2026"),
            ],
        )
        .await;
    assert_eq!(added.status, StatusCode::SEE_OTHER, "{}", added.body);
    let item_page = added.location().to_owned();
    assert!(item_page.ends_with("?saved=added"));
    let page = admin.get(&item_page).await;
    assert!(page.body.contains("Draft"));
    assert!(
        page.body
            .contains("Former relevant or relevant care leavers aged 17 to 25")
    );
    let public = Browser::new(&app).get("/offer").await;
    assert!(
        !public.body.contains("Driving lessons"),
        "a draft is not public"
    );

    let id = item_page
        .trim_start_matches("/admin/offer/")
        .split('?')
        .next()
        .unwrap()
        .to_owned();
    let published = admin
        .post(
            &format!("/admin/offer/{id}/status"),
            &[("version", "1"), ("status", "published")],
        )
        .await;
    assert_eq!(
        published.location(),
        format!("/admin/offer/{id}?saved=published")
    );
    let public = Browser::new(&app).get("/offer").await;
    assert!(public.body.contains("Driving lessons"));
    assert!(public.body.contains("£800, once"));

    let translated = admin
        .post(
            &format!("/admin/offer/{id}/translations/ps"),
            &[
                ("title", "د موټر چلولو درسونه"),
                ("summary", "شل درسونه او ستاسو د تیوري ازموینه."),
                ("how_to_get", "له خپل شخصي سلاکار څخه وپوښتئ."),
            ],
        )
        .await;
    assert_eq!(
        translated.location(),
        format!("/admin/offer/{id}?saved=translated")
    );
    let form = admin
        .get(&format!("/admin/offer/{id}/translations/ps"))
        .await;
    assert!(
        form.body.contains(r#"lang="ps" dir="rtl""#),
        "typed right to left"
    );
    let pashto = Browser::new(&app).get("/offer?lang=ps").await;
    assert!(pashto.body.contains("د موټر چلولو درسونه"));
    assert!(pashto.body.contains(r#"href="/offer?lang=en""#));

    // A stale edit is refused with what was typed kept.
    let stale = admin
        .post(
            &format!("/admin/offer/{id}/edit"),
            &[
                ("version", "1"),
                ("area", "participation_in_society"),
                ("title", "Driving lessons for everyone"),
                ("summary", "x"),
                ("how_to_get", "y"),
                ("statutory", "no"),
                ("last_reviewed_on_day", "1"),
                ("last_reviewed_on_month", "11"),
                ("last_reviewed_on_year", "2026"),
            ],
        )
        .await;
    assert_eq!(stale.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(stale.body.contains("Someone else changed this item"));
    assert!(
        stale
            .body
            .contains(r#"value="Driving lessons for everyone""#)
    );

    let mut pa = crate::portal::signed_in(&app, "pa@example.org").await;
    assert_eq!(pa.get("/admin/offer").await.status, StatusCode::FORBIDDEN);
}

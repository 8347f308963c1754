//! Entitlements over the API: what each care leaver can get, asking, the PA's answers, the
//! key-documents checklist, and who may do which.
use chrono::NaiveDate;
use reqwest::StatusCode;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};
use serde_json::{Value, json};
use uuid::Uuid;

use crate::helpers::{TestApp, spawn_app};

fn item<'a>(entitlements: &'a Value, title: &str) -> &'a Value {
    entitlements["items"]
        .as_array()
        .expect("items")
        .iter()
        .find(|i| i["title"] == title)
        .unwrap_or_else(|| panic!("no item called {title}"))
}

async fn entitlements(app: &TestApp, token: &str, id: Uuid) -> Value {
    let reply = app
        .get(&format!("/api/v1/young-people/{id}/entitlements"), token)
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    reply.body
}

const ALLOWANCE: &str = "Setting-up-home allowance";

#[tokio::test]
async fn the_demo_care_leaver_asks_for_the_setting_up_home_allowance_and_her_pa_approves_it() {
    let app = spawn_app().await;
    let jess_token = app.token_for("jess@example.org").await;
    let pa = app.token_for("pa@example.org").await;
    let jess = app.young_person_id("Jess").await;

    let before = entitlements(&app, &jess_token, jess).await;
    assert_eq!(before["category"], "former_relevant");
    let allowance = item(&before, ALLOWANCE);
    assert_eq!(allowance["status"], "eligible");
    assert_eq!(allowance["can_ask"], true);
    assert_eq!(allowance["amount"]["pence"], 300_000);
    assert_eq!(allowance["amount"]["words"], "£3,000, once");
    let item_id = allowance["item_id"].as_str().unwrap().to_owned();
    let requests = format!("/api/v1/young-people/{jess}/entitlements/{item_id}/requests");

    let asked = app
        .post(
            &requests,
            &jess_token,
            json!({"message": "I get the keys to my flat on the 14th"}),
        )
        .await;
    assert_eq!(asked.status, StatusCode::CREATED, "{}", asked.body);
    assert_eq!(asked.body["status"], "requested");
    assert_eq!(asked.body["can_ask"], false);
    assert_eq!(asked.body["history"][0]["by_young_person"], true);
    assert_eq!(
        asked.body["history"][0]["message"],
        "I get the keys to my flat on the 14th"
    );

    // The PA is told by email, through the outbox, with nothing personal in the subject.
    let queued = entity::outbox_message::Entity::find()
        .filter(entity::outbox_message::Column::ToAddress.eq("pa@example.org"))
        .all(&app.state.db)
        .await
        .unwrap();
    assert_eq!(queued.len(), 1);
    assert!(!queued[0].subject.contains("Jess"), "{}", queued[0].subject);
    let email = crate::portal::wait_for_email(&app, 1)
        .await
        .replace("=\r\n", "")
        .replace("=\n", "");
    assert!(email.contains(ALLOWANCE), "{email}");
    assert!(
        email.contains(&format!("/staff/young-people/{jess}/entitlements")),
        "{email}"
    );

    let again = app.post(&requests, &jess_token, json!({})).await;
    assert_eq!(again.problem(409)["status"], 409);

    let waiting = app.get("/api/v1/entitlement-requests", &pa).await;
    assert_eq!(waiting.status, StatusCode::OK, "{}", waiting.body);
    let found = waiting.body["requests"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["item_id"] == item_id.as_str())
        .expect("the request waits for the PA");
    assert_eq!(found["young_person_name"], "Jess Taylor");
    assert_eq!(found["step"], "requested");

    let approved = app
        .post(
            &format!("/api/v1/young-people/{jess}/entitlements/{item_id}/answers"),
            &pa,
            json!({"answer": "approve"}),
        )
        .await;
    assert_eq!(approved.status, StatusCode::CREATED, "{}", approved.body);
    let after = entitlements(&app, &jess_token, jess).await;
    let allowance = item(&after, ALLOWANCE);
    assert_eq!(allowance["status"], "approved");
    let steps: Vec<&str> = allowance["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["step"].as_str().unwrap())
        .collect();
    assert_eq!(steps, ["requested", "approved"]);
    assert_eq!(allowance["history"][1]["by_young_person"], false);
}

#[tokio::test]
async fn sixteen_year_old_sam_sees_what_care_leavers_get_from_his_18th_birthday() {
    let app = spawn_app().await;
    let sam_token = app.token_for("sam@example.org").await;
    let sam = app.young_person_id("Sam").await;
    let record = app
        .get(&format!("/api/v1/young-people/{sam}"), &sam_token)
        .await;
    let born: NaiveDate = record.body["date_of_birth"]
        .as_str()
        .unwrap()
        .parse()
        .unwrap();
    let eighteen = api::domain::care_leaver::reaches_age(born, 18);

    let found = entitlements(&app, &sam_token, sam).await;
    assert_eq!(found["category"], "eligible");
    for title in ["No council tax to pay", "Staying Put"] {
        let later = item(&found, title);
        assert_eq!(later["status"], "not_yet", "{title}");
        assert_eq!(later["available_from"], eighteen.to_string(), "{title}");
        assert_eq!(later["can_ask"], false, "{title}");
    }
    assert_eq!(item(&found, "Wi-Fi and phone data")["status"], "eligible");
    let council_tax = item(&found, "No council tax to pay")["item_id"]
        .as_str()
        .unwrap()
        .to_owned();
    let early = app
        .post(
            &format!("/api/v1/young-people/{sam}/entitlements/{council_tax}/requests"),
            &sam_token,
            json!({"message": null}),
        )
        .await;
    assert_eq!(early.problem(409)["status"], 409);

    // As of his 18th birthday it is his (he will be former relevant then).
    let then = app
        .get(
            &format!("/api/v1/young-people/{sam}/entitlements?as_of={eighteen}"),
            &sam_token,
        )
        .await;
    assert_eq!(then.body["category"], "former_relevant");
    assert_eq!(item(&then.body, "Staying Put")["status"], "eligible");
    // The council tax exemption needs him to live in the borough too, not yet recorded.
    assert_eq!(
        item(&then.body, "No council tax to pay")["waiting_for"],
        json!(["lives_in_the_borough"])
    );
}

#[tokio::test]
async fn a_refusal_needs_a_reason_the_young_person_reads_and_they_can_ask_again() {
    let app = spawn_app().await;
    let jess_token = app.token_for("jess@example.org").await;
    let pa = app.token_for("pa@example.org").await;
    let jess = app.young_person_id("Jess").await;
    let found = entitlements(&app, &jess_token, jess).await;
    let wifi = item(&found, "Wi-Fi and phone data")["item_id"]
        .as_str()
        .unwrap()
        .to_owned();
    let answers = format!("/api/v1/young-people/{jess}/entitlements/{wifi}/answers");

    let nothing_to_refuse = app
        .post(&answers, &pa, json!({"answer": "decline", "reason": "No"}))
        .await;
    assert_eq!(nothing_to_refuse.problem(409)["status"], 409);

    let asked = app
        .post(
            &format!("/api/v1/young-people/{jess}/entitlements/{wifi}/requests"),
            &jess_token,
            json!({}),
        )
        .await;
    assert_eq!(asked.status, StatusCode::CREATED, "{}", asked.body);
    let without_reason = app
        .post(&answers, &pa, json!({"answer": "decline", "reason": "   "}))
        .await;
    assert!(
        without_reason.problem(422)["errors"]["reason"].is_array(),
        "{}",
        without_reason.body
    );
    let declined = app
        .post(
            &answers,
            &pa,
            json!({"answer": "decline", "reason": "You already have a phone contract paid until March"}),
        )
        .await;
    assert_eq!(declined.status, StatusCode::CREATED, "{}", declined.body);

    let seen = item(
        &entitlements(&app, &jess_token, jess).await,
        "Wi-Fi and phone data",
    )
    .clone();
    assert_eq!(seen["status"], "declined");
    assert_eq!(
        seen["history"][1]["reason"],
        "You already have a phone contract paid until March"
    );
    assert_eq!(seen["can_ask"], true);
}

#[tokio::test]
async fn received_is_recorded_with_its_date_and_amount_and_approval_needs_a_request() {
    let app = spawn_app().await;
    let pa = app.token_for("pa@example.org").await;
    let jess = app.young_person_id("Jess").await;
    let found = entitlements(&app, &pa, jess).await;
    let allowance = item(&found, ALLOWANCE)["item_id"]
        .as_str()
        .unwrap()
        .to_owned();
    let answers = format!("/api/v1/young-people/{jess}/entitlements/{allowance}/answers");

    let unasked = app.post(&answers, &pa, json!({"answer": "approve"})).await;
    assert_eq!(unasked.problem(409)["status"], 409);
    let undated = app.post(&answers, &pa, json!({"answer": "received"})).await;
    assert!(undated.problem(422)["errors"]["received_on"].is_array());
    let tomorrow = app.today().succ_opt().unwrap();
    let future = app
        .post(
            &answers,
            &pa,
            json!({"answer": "received", "received_on": tomorrow.to_string()}),
        )
        .await;
    assert!(future.problem(422)["errors"]["received_on"].is_array());

    let received = app
        .post(
            &answers,
            &pa,
            json!({"answer": "received", "received_on": app.today().to_string(), "amount_pence": 287_450}),
        )
        .await;
    assert_eq!(received.status, StatusCode::CREATED, "{}", received.body);
    assert_eq!(received.body["status"], "received");
    assert_eq!(received.body["history"][0]["amount_pence"], 287_450);
    assert_eq!(
        received.body["history"][0]["received_on"],
        app.today().to_string()
    );
    // A one-off, once received, is not asked for again.
    assert_eq!(received.body["can_ask"], false);
}

#[tokio::test]
async fn recorded_circumstances_open_what_depends_on_them_from_the_day_they_are_recorded() {
    let app = spawn_app().await;
    let pa = app.token_for("pa@example.org").await;
    let jess = app.young_person_id("Jess").await;
    const BURSARY: &str = "Higher education bursary";

    let before = entitlements(&app, &pa, jess).await;
    let bursary = item(&before, BURSARY);
    assert_eq!(bursary["status"], "not_yet");
    assert_eq!(bursary["available_from"], Value::Null);
    assert_eq!(bursary["waiting_for"], json!(["in_higher_education"]));
    assert_eq!(
        bursary["can_ask"], true,
        "she can tell her PA she has started"
    );

    let recorded = app
        .put(
            &format!("/api/v1/young-people/{jess}/circumstances"),
            &pa,
            json!({"conditions": ["in_higher_education", "lives_in_the_borough"]}),
        )
        .await;
    assert_eq!(recorded.status, StatusCode::OK, "{}", recorded.body);
    assert_eq!(
        recorded.body["circumstances"],
        json!(["in_higher_education", "lives_in_the_borough"])
    );
    assert_eq!(item(&recorded.body, BURSARY)["status"], "eligible");
    // No longer moving into a home of her own: the allowance waits again.
    assert_eq!(item(&recorded.body, ALLOWANCE)["status"], "not_yet");

    let yesterday = app.today().pred_opt().unwrap();
    let then = app
        .get(
            &format!("/api/v1/young-people/{jess}/entitlements?as_of={yesterday}"),
            &pa,
        )
        .await;
    assert_eq!(item(&then.body, BURSARY)["status"], "not_yet");
    assert_eq!(item(&then.body, ALLOWANCE)["status"], "eligible");
}

#[tokio::test]
async fn a_change_written_to_the_database_any_way_at_all_is_seen_on_the_next_read() {
    // What entitlements are worked out from is held in memory between reads. Writing the rows
    // straight to the database, as another server or a repair by hand would, must still show.
    let app = spawn_app().await;
    let pa = app.token_for("pa@example.org").await;
    let jess = app.young_person_id("Jess").await;
    let pa_user = entity::user::Entity::find()
        .filter(entity::user::Column::Email.eq("pa@example.org"))
        .one(&app.state.db)
        .await
        .unwrap()
        .expect("the demo PA");
    const BURSARY: &str = "Higher education bursary";
    let read = || async { entitlements(&app, &pa, jess).await };
    let before = read().await;
    assert_eq!(item(&before, BURSARY)["status"], "not_yet");
    assert_eq!(read().await, before, "nothing changed, nothing differs");
    let category = before["category"].clone();
    assert_ne!(category, "none");

    let circumstance_id = Uuid::new_v4();
    entity::circumstance::ActiveModel {
        id: Set(circumstance_id),
        young_person_id: Set(jess),
        conditions: Set("in_higher_education".into()),
        recorded_by: Set(pa_user.id),
        recorded_at: Set(chrono::Utc::now() - chrono::Duration::minutes(1)),
    }
    .insert(&app.state.db)
    .await
    .unwrap();
    assert_eq!(
        item(&read().await, BURSARY)["status"],
        "eligible",
        "a row added"
    );

    entity::circumstance::Entity::update_many()
        .col_expr(
            entity::circumstance::Column::Conditions,
            sea_orm::sea_query::Expr::value(""),
        )
        .filter(entity::circumstance::Column::Id.eq(circumstance_id))
        .exec(&app.state.db)
        .await
        .unwrap();
    assert_eq!(
        item(&read().await, BURSARY)["status"],
        "not_yet",
        "a row changed"
    );

    let status_id = Uuid::new_v4();
    entity::care_leaver_status::ActiveModel {
        id: Set(status_id),
        young_person_id: Set(jess),
        category: Set(Some("none".into())),
        reason: Set("Recorded by hand in a test".into()),
        recorded_by: Set(pa_user.id),
        recorded_at: Set(chrono::Utc::now() - chrono::Duration::minutes(1)),
    }
    .insert(&app.state.db)
    .await
    .unwrap();
    assert_eq!(read().await["category"], "none");
    entity::care_leaver_status::Entity::delete_by_id(status_id)
        .exec(&app.state.db)
        .await
        .unwrap();
    assert_eq!(read().await["category"], category, "a row removed");
}

#[tokio::test]
async fn key_documents_are_ticked_by_the_young_person_and_their_pa() {
    let app = spawn_app().await;
    let jess_token = app.token_for("jess@example.org").await;
    let pa = app.token_for("pa@example.org").await;
    let jess = app.young_person_id("Jess").await;
    let documents = |body: &Value| -> Vec<(String, bool)> {
        body["key_documents"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| {
                (
                    d["document"].as_str().unwrap().to_owned(),
                    d["has_it"].as_bool().unwrap(),
                )
            })
            .collect()
    };
    let before = entitlements(&app, &jess_token, jess).await;
    assert!(documents(&before).contains(&("passport".into(), false)));
    assert!(documents(&before).contains(&("birth_certificate".into(), true)));

    let ticked = app
        .put(
            &format!("/api/v1/young-people/{jess}/key-documents/passport"),
            &jess_token,
            json!({"has_it": true}),
        )
        .await;
    assert_eq!(ticked.status, StatusCode::OK, "{}", ticked.body);
    assert_eq!(ticked.body["has_it"], true);
    assert_eq!(ticked.body["changed_by"], "Jess");

    let unticked = app
        .put(
            &format!("/api/v1/young-people/{jess}/key-documents/birth_certificate"),
            &pa,
            json!({"has_it": false}),
        )
        .await;
    assert_eq!(unticked.status, StatusCode::OK, "{}", unticked.body);
    let after = entitlements(&app, &jess_token, jess).await;
    assert!(documents(&after).contains(&("passport".into(), true)));
    assert!(documents(&after).contains(&("birth_certificate".into(), false)));
}

#[tokio::test]
async fn only_the_young_person_asks_only_their_workers_answer_and_nobody_else_reads() {
    let app = spawn_app().await;
    let jess = app.young_person_id("Jess").await;
    let sam_token = app.token_for("sam@example.org").await;
    let jess_token = app.token_for("jess@example.org").await;
    let pa = app.token_for("pa@example.org").await;
    let iro = app.token_for("iro@example.org").await;
    let admin = app.token_for("admin@example.org").await;
    let housing = app.token_for("housing@example.org").await;
    let found = entitlements(&app, &pa, jess).await;
    let wifi = item(&found, "Wi-Fi and phone data")["item_id"]
        .as_str()
        .unwrap()
        .to_owned();
    let path = format!("/api/v1/young-people/{jess}/entitlements");
    let requests = format!("{path}/{wifi}/requests");
    let answers = format!("{path}/{wifi}/answers");

    assert_eq!(app.get(&path, &sam_token).await.problem(404)["status"], 404);
    assert_eq!(app.get(&path, &admin).await.problem(403)["status"], 403);
    assert_eq!(app.get(&path, &housing).await.problem(403)["status"], 403);
    assert_eq!(app.get(&path, &iro).await.status, StatusCode::OK);
    assert_eq!(app.get(&path, "").await.status, StatusCode::UNAUTHORIZED);

    let by_pa = app.post(&requests, &pa, json!({})).await;
    assert_eq!(by_pa.problem(403)["status"], 403, "nobody asks in her name");
    let by_sam = app.post(&requests, &sam_token, json!({})).await;
    assert_eq!(by_sam.problem(404)["status"], 404);
    let unknown_item = app
        .post(
            &format!("{path}/{}/requests", Uuid::new_v4()),
            &jess_token,
            json!({}),
        )
        .await;
    assert_eq!(unknown_item.problem(404)["status"], 404);

    app.post(&requests, &jess_token, json!({})).await;
    let by_iro = app.post(&answers, &iro, json!({"answer": "approve"})).await;
    assert_eq!(by_iro.problem(403)["status"], 403);
    let by_herself = app
        .post(&answers, &jess_token, json!({"answer": "approve"}))
        .await;
    assert_eq!(by_herself.problem(403)["status"], 403);
    assert_eq!(
        app.get("/api/v1/entitlement-requests", &jess_token)
            .await
            .problem(403)["status"],
        403
    );

    // Each read is in her access log.
    let log = app
        .get(
            &format!("/api/v1/young-people/{jess}/access-log"),
            &jess_token,
        )
        .await;
    assert!(
        log.body["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(
                |e| e["what"] == "Looked at what you can get and what you have asked for"
                    && e["role"] == "iro"
            ),
        "{}",
        log.body
    );
}

#[tokio::test]
async fn two_requests_sent_at_once_make_one_request() {
    let app = spawn_app().await;
    let jess_token = app.token_for("jess@example.org").await;
    let jess = app.young_person_id("Jess").await;
    let found = entitlements(&app, &jess_token, jess).await;
    let hub = item(&found, "Care leavers' hub")["item_id"]
        .as_str()
        .unwrap()
        .to_owned();
    let path = format!("/api/v1/young-people/{jess}/entitlements/{hub}/requests");
    let (a, b) = tokio::join!(
        app.post(&path, &jess_token, json!({"message": "first"})),
        app.post(&path, &jess_token, json!({"message": "second"})),
    );
    let mut statuses = [a.status.as_u16(), b.status.as_u16()];
    statuses.sort();
    assert_eq!(statuses, [201, 409], "{} {}", a.body, b.body);
    let steps = entity::entitlement_step::Entity::find()
        .filter(entity::entitlement_step::Column::YoungPersonId.eq(jess))
        .all(&app.state.db)
        .await
        .unwrap();
    assert_eq!(steps.len(), 1);
}

//! Pathway plans over the API: writing with If-Match, the young person's views and
//! agreement, agreed versions and what changed, the review clock, and who may do what.
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use uuid::Uuid;

use crate::helpers::{Reply, TestApp, spawn_app};

async fn save(app: &TestApp, token: &str, id: Uuid, if_match: &str, plan: Value) -> Reply {
    let response = app
        .client
        .put(app.url(&format!("/api/v1/young-people/{id}/pathway-plan")))
        .bearer_auth(token)
        .header("If-Match", if_match)
        .json(&plan)
        .send()
        .await
        .unwrap();
    Reply::from_response(response).await
}

fn plan(money_needs: &str, actions: Value) -> Value {
    json!({"sections": [
        {"section": "accommodation", "needs": "A flat of her own by the spring",
         "actions": [{"what": "Apply to the housing register", "who": "Jess with Priya",
                      "by_when": null, "done": true}],
         "own_words": ""},
        {"section": "money", "needs": money_needs, "actions": actions, "own_words": ""}
    ]})
}

fn section<'a>(draft: &'a Value, code: &str) -> &'a Value {
    draft["sections"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["section"] == code)
        .unwrap()
}

#[tokio::test]
async fn the_pa_writes_the_plan_jess_adds_her_views_and_agrees_and_the_pa_agrees_it() {
    let app = spawn_app().await;
    let pa = app.token_for("pa@example.org").await;
    let jess_token = app.token_for("jess@example.org").await;
    let jess = app.young_person_id("Jess").await;
    let path = format!("/api/v1/young-people/{jess}/pathway-plan");

    let empty = app.get(&path, &pa).await;
    assert_eq!(empty.status, StatusCode::OK, "{}", empty.body);
    assert_eq!(empty.body["version"], 0);
    assert_eq!(empty.headers["etag"], "\"0\"");
    assert_eq!(empty.body["sections"].as_array().unwrap().len(), 9);

    let saved = save(
        &app,
        &pa,
        jess,
        "\"0\"",
        plan(
            "Help to budget for bills",
            json!([{"what": "Open a bank account", "who": "Jess", "by_when": "2027-01-31", "done": false}]),
        ),
    )
    .await;
    assert_eq!(saved.status, StatusCode::OK, "{}", saved.body);
    assert_eq!(saved.body["version"], 1);
    assert_eq!(saved.headers["etag"], "\"1\"");

    let read = app.get(&path, &jess_token).await;
    assert_eq!(read.status, StatusCode::OK);
    let money = section(&read.body, "money");
    assert_eq!(money["title"], "Money");
    assert_eq!(money["actions"][0]["what"], "Open a bank account");
    assert_eq!(money["actions"][0]["by_when"], "2027-01-31");

    let commented = app
        .post(
            &format!("{path}/comments"),
            &jess_token,
            json!({"section": "money", "body": "I want to save for driving lessons too"}),
        )
        .await;
    assert_eq!(commented.status, StatusCode::CREATED, "{}", commented.body);
    let agreed = app
        .post(&format!("{path}/agree"), &jess_token, json!({"version": 1}))
        .await;
    assert_eq!(agreed.status, StatusCode::OK, "{}", agreed.body);
    assert_eq!(agreed.body["young_person_agreed"], true);

    let seen = app.get(&path, &pa).await;
    assert_eq!(seen.body["young_person_agreed"], true);
    assert_eq!(seen.body["comments"][0]["section"], "money");
    assert_eq!(seen.body["comments"][0]["written_by"], "Jess");

    let frozen = app
        .post(&format!("{path}/agree"), &pa, json!({"version": 1}))
        .await;
    assert_eq!(frozen.status, StatusCode::OK, "{}", frozen.body);
    assert_eq!(frozen.body["agreed_version"], 1);

    let review_by = api::domain::pathway_plans::latest_review(app.today());
    let versions = app.get(&format!("{path}/versions"), &jess_token).await;
    let first = &versions.body["versions"][0];
    assert_eq!(first["number"], 1);
    assert_eq!(first["agreed_by"], "Priya Adviser");
    assert!(first["young_person_agreed_at"].is_string());
    assert_eq!(first["not_agreed_reason"], Value::Null);
    assert_eq!(first["next_review_on"], review_by.to_string());

    let obligations = app
        .get(&format!("/api/v1/young-people/{jess}/obligations"), &pa)
        .await;
    assert!(
        obligations.body["obligations"]
            .as_array()
            .unwrap()
            .iter()
            .any(|o| o["kind"] == "pathway_plan_review"
                && o["due_on"] == review_by.to_string()
                && o["completed_on"].is_null()),
        "{}",
        obligations.body
    );
}

#[tokio::test]
async fn two_edits_at_once_never_silently_overwrite_each_other() {
    let app = spawn_app().await;
    let pa = app.token_for("pa@example.org").await;
    let sw = app.token_for("sw@example.org").await;
    let jess = app.young_person_id("Jess").await;

    // Two first saves at once: one wins, the other is told.
    let (a, b) = tokio::join!(
        save(&app, &pa, jess, "\"0\"", plan("From the PA", json!([]))),
        save(
            &app,
            &sw,
            jess,
            "\"0\"",
            plan("From the social worker", json!([]))
        ),
    );
    let mut statuses = [a.status.as_u16(), b.status.as_u16()];
    statuses.sort();
    assert_eq!(statuses, [200, 409], "{} {}", a.body, b.body);

    // Both read version 1; the PA saves first; the social worker's save is refused.
    let path = format!("/api/v1/young-people/{jess}/pathway-plan");
    let first = app.get(&path, &pa).await.body;
    let winner = section(&first, "money")["needs"].clone();
    let by_pa = save(
        &app,
        &pa,
        jess,
        "\"1\"",
        plan("Budgeting with the PA", json!([])),
    )
    .await;
    assert_eq!(by_pa.status, StatusCode::OK, "{}", by_pa.body);
    let by_sw = save(
        &app,
        &sw,
        jess,
        "\"1\"",
        plan("Budgeting with the SW", json!([])),
    )
    .await;
    assert!(
        by_sw.problem(409)["detail"]
            .as_str()
            .unwrap()
            .contains("version 2"),
        "{}",
        by_sw.body
    );
    let now = app.get(&path, &pa).await.body;
    assert_eq!(section(&now, "money")["needs"], "Budgeting with the PA");
    assert!(
        winner == "From the PA" || winner == "From the social worker",
        "one whole save stands, not a mixture: {winner}"
    );
    assert_eq!(now["version"], 2);
}

#[tokio::test]
async fn agreeing_without_the_young_person_needs_a_reason_and_an_edit_needs_her_agreement_again() {
    let app = spawn_app().await;
    let pa = app.token_for("pa@example.org").await;
    let jess_token = app.token_for("jess@example.org").await;
    let jess = app.young_person_id("Jess").await;
    let path = format!("/api/v1/young-people/{jess}/pathway-plan");
    save(&app, &pa, jess, "\"0\"", plan("Budget", json!([]))).await;
    app.post(&format!("{path}/agree"), &jess_token, json!({"version": 1}))
        .await;
    // An edit after she agreed: her agreement was to the words before.
    save(
        &app,
        &pa,
        jess,
        "\"1\"",
        plan(
            "Budget, and debts",
            json!([{"what": "Sort out the phone debt", "who": "Priya", "by_when": null, "done": false}]),
        ),
    )
    .await;
    let stale = app
        .post(&format!("{path}/agree"), &jess_token, json!({"version": 1}))
        .await;
    assert_eq!(stale.problem(409)["status"], 409);
    let without = app
        .post(&format!("{path}/agree"), &pa, json!({"version": 2}))
        .await;
    assert!(without.problem(422)["errors"]["not_agreed_reason"].is_array());
    let too_late = app.today() + chrono::Duration::days(200);
    let late = app
        .post(
            &format!("{path}/agree"),
            &pa,
            json!({"version": 2, "not_agreed_reason": "x", "next_review_on": too_late.to_string()}),
        )
        .await;
    assert!(late.problem(422)["errors"]["next_review_on"].is_array());
    let agreed = app
        .post(
            &format!("{path}/agree"),
            &pa,
            json!({"version": 2, "not_agreed_reason": "Jess is away until January; agreed to keep the debt plan moving"}),
        )
        .await;
    assert_eq!(agreed.status, StatusCode::OK, "{}", agreed.body);

    let versions = app.get(&format!("{path}/versions"), &jess_token).await;
    let first = &versions.body["versions"][0];
    assert_eq!(first["young_person_agreed_at"], Value::Null);
    assert_eq!(
        first["not_agreed_reason"],
        "Jess is away until January; agreed to keep the debt plan moving"
    );
    // What changed is told against the version before; the first has everything new.
    assert!(first["changes"].as_array().unwrap().iter().any(|c| {
        c["section"] == "money"
            && c["changes"]
                .as_array()
                .unwrap()
                .contains(&json!("New: Sort out the phone debt"))
    }));
    let one = app.get(&format!("{path}/versions/1"), &jess_token).await;
    assert_eq!(one.status, StatusCode::OK);
    assert_eq!(
        app.get(&format!("{path}/versions/2"), &jess_token)
            .await
            .problem(404)["status"],
        404
    );
}

#[tokio::test]
async fn the_team_reads_the_pa_and_social_worker_write_and_only_the_young_person_agrees_for_herself()
 {
    let app = spawn_app().await;
    let jess = app.young_person_id("Jess").await;
    let path = format!("/api/v1/young-people/{jess}/pathway-plan");
    let iro = app.token_for("iro@example.org").await;
    let jess_token = app.token_for("jess@example.org").await;
    let sam_token = app.token_for("sam@example.org").await;
    let admin = app.token_for("admin@example.org").await;
    let pa = app.token_for("pa@example.org").await;

    assert_eq!(app.get(&path, &iro).await.status, StatusCode::OK);
    assert_eq!(app.get(&path, &sam_token).await.problem(404)["status"], 404);
    assert_eq!(app.get(&path, &admin).await.problem(403)["status"], 403);
    let by_iro = save(&app, &iro, jess, "\"0\"", plan("x", json!([]))).await;
    assert_eq!(by_iro.problem(403)["status"], 403);
    let by_jess = save(&app, &jess_token, jess, "\"0\"", plan("x", json!([]))).await;
    assert_eq!(by_jess.problem(403)["status"], 403);
    let nonsense = save(&app, &pa, jess, "yesterday", plan("x", json!([]))).await;
    assert!(nonsense.problem(422)["errors"]["If-Match"].is_array());
    let without = app
        .request(Method::PUT, &path, Some(&pa), Some(plan("x", json!([]))))
        .await;
    assert!(without.status.is_client_error(), "If-Match is required");
    let blank_action = save(
        &app,
        &pa,
        jess,
        "\"0\"",
        plan(
            "x",
            json!([{"what": " ", "who": "Priya", "by_when": null, "done": false}]),
        ),
    )
    .await;
    assert!(
        blank_action.problem(422)["errors"]["money.actions.0.what"].is_array(),
        "{}",
        blank_action.body
    );
    let comment_by_pa = app
        .post(
            &format!("{path}/comments"),
            &pa,
            json!({"section": "money", "body": "In her name"}),
        )
        .await;
    assert_eq!(comment_by_pa.problem(403)["status"], 403);
}

#[tokio::test]
async fn in_the_portal_the_pa_writes_jess_adds_her_views_and_agrees_and_a_clash_keeps_what_was_typed()
 {
    let app = spawn_app().await;
    let jess = app.young_person_id("Jess").await;
    let mut pa = crate::portal::signed_in(&app, "pa@example.org").await;
    let mut sw = crate::portal::signed_in(&app, "sw@example.org").await;
    let plan_page = format!("/staff/young-people/{jess}/plan");
    let edit = format!("{plan_page}/edit");

    assert!(pa.get(&plan_page).await.body.contains("Not written yet"));
    let form = pa.get(&edit).await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(form.body.contains(r#"name="money__actions__0__what""#));

    // A half-written action is an error against its own field, and nothing is saved.
    let half = pa
        .post(
            &edit,
            &[
                ("version", "0"),
                ("money__needs", "Help to budget"),
                ("money__actions__0__what", "Open a bank account"),
                ("money__actions__0__who", ""),
            ],
        )
        .await;
    assert_eq!(half.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        half.body.contains(r##"href="#money--actions--0--who""##),
        "{}",
        half.body
    );
    assert!(
        half.body.contains("Help to budget"),
        "what was typed is kept"
    );

    let saved = pa
        .post(
            &edit,
            &[
                ("version", "0"),
                ("money__needs", "Help to budget"),
                ("money__actions__0__what", "Open a bank account"),
                ("money__actions__0__who", "Jess, with Priya"),
                ("money__actions__0__by_day", "31"),
                ("money__actions__0__by_month", "1"),
                ("money__actions__0__by_year", "2027"),
            ],
        )
        .await;
    assert_eq!(saved.location(), format!("{plan_page}?saved=draft"));

    // Both open version 1; the PA saves first; the social worker is told, and keeps their words.
    sw.get(&edit).await;
    let by_pa = pa
        .post(
            &edit,
            &[
                ("version", "1"),
                ("money__needs", "Help to budget, from the PA"),
            ],
        )
        .await;
    assert_eq!(by_pa.status, StatusCode::SEE_OTHER);
    let by_sw = sw
        .post(
            &edit,
            &[
                ("version", "1"),
                ("money__needs", "Help to budget, from the social worker"),
            ],
        )
        .await;
    assert_eq!(by_sw.status, StatusCode::CONFLICT);
    assert!(
        by_sw
            .body
            .contains("This plan changed while you were editing")
    );
    assert!(by_sw.body.contains("Priya Adviser saved it"));
    assert!(
        by_sw
            .body
            .contains("Help to budget, from the social worker")
    );
    assert!(by_sw.body.contains(r#"name="version" value="2""#));
    assert!(
        pa.get(&plan_page)
            .await
            .body
            .contains("Help to budget, from the PA")
    );

    let mut young = crate::portal::sign_in_young_person(&app, "jess@example.org", 0).await;
    let mine = young.get("/my/plan").await;
    assert_eq!(mine.title(), "Your pathway plan – Onward");
    assert!(mine.body.contains("Help to budget, from the PA"));
    let views = young
        .post(
            "/my/plan/views/money",
            &[("body", "I would like help with my phone bill too")],
        )
        .await;
    assert_eq!(views.location(), "/my/plan?saved=views#money");
    let agreed = young.post("/my/plan/agree", &[("version", "2")]).await;
    assert_eq!(agreed.location(), "/my/plan?saved=agreed");
    assert!(
        young
            .get("/my/plan")
            .await
            .body
            .contains("You agreed to this plan on")
    );

    let staff_view = pa.get(&plan_page).await;
    assert!(
        staff_view
            .body
            .contains("I would like help with my phone bill too")
    );
    assert!(staff_view.body.contains("Agreed this version on"));
    let agree = format!("{plan_page}/agree");
    let agree_form = pa.get(&agree).await;
    assert!(
        !agree_form.body.contains("not_agreed_reason"),
        "she agreed: no reason asked"
    );
    let review = api::domain::pathway_plans::latest_review(app.today());
    let frozen = pa
        .post(
            &agree,
            &[
                ("version", "2"),
                ("next_review_on_day", &review.format("%-d").to_string()),
                ("next_review_on_month", &review.format("%-m").to_string()),
                ("next_review_on_year", &review.format("%Y").to_string()),
            ],
        )
        .await;
    assert_eq!(
        frozen.location(),
        format!("{plan_page}?saved=agreed"),
        "{}",
        frozen.body
    );
    let after = young.get("/my/plan").await;
    assert!(
        after.body.contains("This plan was agreed on"),
        "{}",
        after.body
    );
}

/// How many database queries a response took, from its Server-Timing header.
fn queries(page: &crate::portal::Page) -> u32 {
    let timing = page.headers["server-timing"].to_str().unwrap();
    let count = timing
        .split("desc=\"")
        .nth(1)
        .and_then(|rest| rest.split(' ').next())
        .unwrap_or_else(|| panic!("no query count in {timing}"));
    count.parse().unwrap()
}

#[tokio::test]
async fn reading_a_plan_in_the_portal_takes_the_same_few_queries_however_long_the_plan_is() {
    let app = spawn_app().await;
    let pa = app.token_for("pa@example.org").await;
    let jess_token = app.token_for("jess@example.org").await;
    let jess = app.young_person_id("Jess").await;
    let path = format!("/api/v1/young-people/{jess}/pathway-plan");
    let mut pa_browser = crate::portal::signed_in(&app, "pa@example.org").await;
    let mut jess_browser = crate::portal::sign_in_young_person(&app, "jess@example.org", 0).await;
    let staff_page = format!("/staff/young-people/{jess}/plan");

    let action = |n: usize| json!({"what": format!("Step {n}"), "who": "Jess", "by_when": null, "done": false});
    let saved = save(
        &app,
        &pa,
        jess,
        "\"0\"",
        plan("Budgeting", json!([action(0)])),
    )
    .await;
    assert_eq!(saved.status, StatusCode::OK, "{}", saved.body);
    let agreed = app
        .post(
            &format!("{path}/agree"),
            &pa,
            json!({"version": 1, "not_agreed_reason": "Read together on the phone; she will agree online"}),
        )
        .await;
    assert_eq!(agreed.status, StatusCode::OK, "{}", agreed.body);
    let short = (
        pa_browser.get(&staff_page).await,
        jess_browser.get("/my/plan").await,
    );
    assert_eq!(short.0.status, StatusCode::OK);
    assert_eq!(short.1.status, StatusCode::OK);

    // Every section full of actions, many views, several agreed versions.
    let mut version = 1;
    for round in 0..3 {
        let sections: Vec<Value> = api::domain::pathway_plans::Section::ALL
            .iter()
            .enumerate()
            .map(|(s, section)| {
                let actions: Vec<Value> = (0..20)
                    .map(|n| action(round * 1000 + s * 100 + n))
                    .collect();
                json!({"section": section.code(), "needs": format!("Round {round}"),
                       "actions": actions, "own_words": ""})
            })
            .collect();
        let saved = save(
            &app,
            &pa,
            jess,
            &format!("\"{version}\""),
            json!({ "sections": sections }),
        )
        .await;
        assert_eq!(saved.status, StatusCode::OK, "{}", saved.body);
        version += 1;
        for n in 0..10 {
            let comment = app
                .post(
                    &format!("{path}/comments"),
                    &jess_token,
                    json!({"section": "money", "body": format!("View {round}.{n}")}),
                )
                .await;
            assert_eq!(comment.status, StatusCode::CREATED, "{}", comment.body);
        }
        let agreed = app
            .post(
                &format!("{path}/agree"),
                &pa,
                json!({"version": version, "not_agreed_reason": "She is away; agreed by phone"}),
            )
            .await;
        assert_eq!(agreed.status, StatusCode::OK, "{}", agreed.body);
    }
    let long = (
        pa_browser.get(&staff_page).await,
        jess_browser.get("/my/plan").await,
    );
    assert!(
        long.0.body.contains("Step 2819"),
        "the whole plan is on the page"
    );
    assert!(long.1.body.contains("View 2.9"));

    assert_eq!(
        queries(&long.0),
        queries(&short.0),
        "the staff page, short and long"
    );
    assert_eq!(
        queries(&long.1),
        queries(&short.1),
        "Jess's page, short and long"
    );
    // Signing in is 2 (the session; the account with its roles). The plan is 7 for staff:
    // the record, their allocation, the access-log row, the draft, the views, the last agreed
    // version, and the names; a young person needs no allocation.
    assert_eq!(queries(&long.0), 9, "the staff page");
    assert_eq!(queries(&long.1), 8, "Jess's page");
}

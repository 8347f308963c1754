//! Private fostering notifications over the API: from anyone with no account, checked for
//! what the council needs to act, joined when two people tell us about the same child, limited
//! per address, and passed to the team by email.
use reqwest::StatusCode;
use sea_orm::{EntityTrait, PaginatorTrait};
use serde_json::{Value, json};

use crate::{
    helpers::{Reply, TestApp, spawn_app},
    portal::wait_for_email,
};

const PATH: &str = "/api/v1/private-fostering/notifications";

pub(crate) async fn notify(app: &TestApp, body: Value) -> Reply {
    let response = app
        .client
        .post(app.url(PATH))
        .json(&body)
        .send()
        .await
        .unwrap();
    Reply::from_response(response).await
}

/// What a neighbour might know: little, but enough to act on.
pub(crate) fn from_a_neighbour(child: &str, carer: &str) -> Value {
    json!({
        "notifier": "other",
        "notifier_name": "Pat Neighbour",
        "notifier_email": "pat@example.com",
        "child_name": child,
        "carer_name": carer,
        "carer_address": "12 Example Road, Birkenhead, CH41 1AA",
        "purpose": "Her mum is working abroad"
    })
}

async fn stored(app: &TestApp) -> (u64, u64) {
    (
        entity::pf_arrangement::Entity::find()
            .count(&app.state.db)
            .await
            .unwrap(),
        entity::pf_notification::Entity::find()
            .count(&app.state.db)
            .await
            .unwrap(),
    )
}

/// Every email in the outbox folder, as text.
fn emails(app: &TestApp) -> Vec<String> {
    std::fs::read_dir(&app.outbox)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .filter(|e| e.path().extension().is_some_and(|x| x == "eml"))
                .map(|e| std::fs::read_to_string(e.path()).unwrap())
                .collect()
        })
        .unwrap_or_default()
}

#[tokio::test]
async fn anyone_can_tell_us_with_no_account_and_is_given_a_reference_and_the_team_is_emailed() {
    let app = spawn_app().await;
    let told = notify(&app, from_a_neighbour("Amy O'Neill", "Mrs Jones")).await;
    assert_eq!(told.status, StatusCode::CREATED, "{}", told.body);
    let reference = told.body["reference"].as_str().unwrap().to_owned();
    assert!(
        reads_aloud_easily(&reference),
        "a short reference to read aloud: {reference}"
    );
    assert_eq!(stored(&app).await, (1, 1));

    wait_for_email(&app, 2).await;
    let all = emails(&app);
    let team = all
        .iter()
        .find(|e| e.contains("To: pf@example.org"))
        .expect("the private fostering officer is emailed");
    let due = api::domain::private_fostering::visits::initial_visit_due(app.today());
    assert!(team.contains(&reference), "{team}");
    assert!(
        team.contains(&due.format("%-d %B %Y").to_string()),
        "{team}"
    );
    for personal in ["Amy", "O'Neill", "Jones", "Example Road", "abroad"] {
        assert!(
            !team.contains(personal),
            "no personal data in the email: {personal}"
        );
    }
    let to_notifier = all
        .iter()
        .find(|e| e.contains("To: pat@example.com"))
        .expect("the person who told us is emailed");
    assert!(to_notifier.contains(&reference));
    assert!(to_notifier.contains("What happens next"));
}

/// `PF-` then two groups of four unmistakable letters and digits.
fn reads_aloud_easily(reference: &str) -> bool {
    let parts: Vec<&str> = reference.split('-').collect();
    parts.len() == 3
        && parts[0] == "PF"
        && parts[1..].iter().all(|p| {
            p.len() == 4
                && p.chars()
                    .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
                && !p.contains(['0', 'O', '1', 'I', 'L'])
        })
}

#[tokio::test]
async fn without_where_the_child_is_or_a_way_to_reach_anyone_nothing_is_stored() {
    let app = spawn_app().await;
    let mut body = from_a_neighbour("Amy", "Mrs Jones");
    body["carer_address"] = json!("   ");
    body["notifier_email"] = Value::Null;
    let refused = notify(&app, body).await;
    let problem = refused.problem(422);
    assert!(problem["errors"]["carer_address"].is_array(), "{problem}");
    assert!(problem["errors"]["notifier_phone"].is_array(), "{problem}");

    let mut unknown = from_a_neighbour("Amy", "Mrs Jones");
    unknown["is_admin"] = json!(true);
    assert!(notify(&app, unknown).await.status.is_client_error());
    let mut future = from_a_neighbour("Amy", "Mrs Jones");
    future["child_date_of_birth"] = json!((app.today() + chrono::Duration::days(3)).to_string());
    assert!(notify(&app, future).await.problem(422)["errors"]["child_date_of_birth"].is_array());
    assert_eq!(stored(&app).await, (0, 0));
}

#[tokio::test]
async fn two_people_telling_us_about_the_same_child_and_carer_make_one_arrangement() {
    let app = spawn_app().await;
    let first = notify(&app, from_a_neighbour("Amy O'Neill", "Mrs Jones")).await;
    let mut from_school = from_a_neighbour("amy  oneill", "MRS. JONES");
    from_school["notifier_name"] = json!("Ms Teacher");
    from_school["notifier_email"] = json!("office@school.example.org");
    let second = notify(&app, from_school).await;
    assert_eq!(second.status, StatusCode::CREATED);
    assert_ne!(first.body["reference"], second.body["reference"]);
    assert_eq!(stored(&app).await, (1, 2), "one case, two notifications");

    let other_carer = notify(&app, from_a_neighbour("Amy O'Neill", "Mr Smith")).await;
    assert_eq!(other_carer.status, StatusCode::CREATED);
    assert_eq!(
        stored(&app).await,
        (2, 3),
        "another carer is another arrangement"
    );
}

#[tokio::test]
async fn one_address_may_send_ten_an_hour_and_the_eleventh_is_refused_and_not_stored() {
    let app = spawn_app().await;
    for n in 0..10 {
        let told = notify(&app, from_a_neighbour(&format!("Child {n}"), "Mrs Jones")).await;
        assert_eq!(told.status, StatusCode::CREATED, "{n}: {}", told.body);
    }
    let refused = notify(&app, from_a_neighbour("Child ten", "Mrs Jones")).await;
    assert_eq!(refused.problem(429)["status"], 429);
    assert!(refused.headers.contains_key("retry-after"));
    assert_eq!(stored(&app).await.1, 10);
}

#[tokio::test]
async fn the_officer_sees_the_new_case_with_its_first_visit_due_and_records_the_visit() {
    let app = spawn_app().await;
    let told = notify(&app, from_a_neighbour("Amy O'Neill", "Mrs Jones")).await;
    assert_eq!(told.status, StatusCode::CREATED);
    let officer = app.token_for("pf@example.org").await;
    let today = app.today();
    let list = app
        .get("/api/v1/private-fostering/arrangements", &officer)
        .await;
    assert_eq!(list.status, StatusCode::OK, "{}", list.body);
    assert_eq!(list.body["total"], 1);
    let case = &list.body["items"][0];
    assert_eq!(case["child_name"], "Amy O'Neill");
    assert_eq!(case["status"], "notified");
    assert_eq!(case["notifications"], 1);
    let first_due = api::domain::private_fostering::visits::initial_visit_due(today);
    assert_eq!(case["next_visit"]["kind"], "pf_initial_visit");
    assert_eq!(case["next_visit"]["due_on"], first_due.to_string());
    assert_eq!(case["next_visit"]["status"], "due_soon");
    let visits = format!(
        "/api/v1/private-fostering/arrangements/{}/visits",
        case["id"].as_str().unwrap()
    );

    let half = app
        .post(
            &visits,
            &officer,
            json!({"visited_on": today.to_string(), "child_seen": true, "report": "Settled"}),
        )
        .await;
    assert!(half.problem(422)["errors"]["seen_alone"].is_array());
    let visited = app
        .post(
            &visits,
            &officer,
            json!({"visited_on": today.to_string(), "child_seen": true, "seen_alone": true,
                   "report": "Amy has her own room and is settled at school."}),
        )
        .await;
    assert_eq!(visited.status, StatusCode::CREATED, "{}", visited.body);
    let after = app
        .get("/api/v1/private-fostering/arrangements", &officer)
        .await;
    let case = &after.body["items"][0];
    assert_eq!(case["last_visit_on"], today.to_string());
    assert_eq!(case["next_visit"]["kind"], "pf_visit");
    assert_eq!(
        case["next_visit"]["due_on"],
        (today + chrono::Duration::weeks(6)).to_string(),
        "six weeks on, in the first year"
    );

    let manager = app.token_for("manager@example.org").await;
    let overseen = app
        .get("/api/v1/private-fostering/arrangements", &manager)
        .await;
    assert_eq!(overseen.status, StatusCode::OK);
    let by_manager = app
        .post(
            &visits,
            &manager,
            json!({"visited_on": today.to_string(), "child_seen": false, "report": "x"}),
        )
        .await;
    assert_eq!(by_manager.problem(403)["status"], 403);
    for email in ["pa@example.org", "housing@example.org", "jess@example.org"] {
        let token = app.token_for(email).await;
        let refused = app
            .get("/api/v1/private-fostering/arrangements", &token)
            .await;
        assert_eq!(refused.problem(403)["status"], 403, "{email}");
    }
    let nowhere = app
        .post(
            &format!(
                "/api/v1/private-fostering/arrangements/{}/visits",
                uuid::Uuid::new_v4()
            ),
            &officer,
            json!({"visited_on": today.to_string(), "child_seen": false, "report": "x"}),
        )
        .await;
    assert_eq!(nowhere.problem(404)["status"], 404);
}

#[tokio::test]
async fn the_officers_home_page_lists_the_case_and_shows_what_the_public_typed_only_as_text() {
    let app = spawn_app().await;
    let told = notify(
        &app,
        from_a_neighbour("<script>alert(1)</script> Amy", "<b>Mrs Jones</b>"),
    )
    .await;
    assert_eq!(told.status, StatusCode::CREATED, "{}", told.body);
    let mut officer = crate::portal::signed_in(&app, "pf@example.org").await;
    let home = officer.get("/staff").await;
    assert_eq!(home.status, StatusCode::OK);
    assert!(
        home.body
            .contains(r#"<h2 id="private-fostering">Private fostering</h2>"#)
    );
    assert!(
        home.body.contains("alert(1)") && home.body.contains("Amy"),
        "the name is shown, as text"
    );
    assert!(!home.body.contains("<script>alert(1)"));
    assert!(!home.body.contains("<b>Mrs Jones</b>"));
    let due = api::domain::private_fostering::visits::initial_visit_due(app.today());
    assert!(
        home.body
            .contains(&format!("First visit by {}", due.format("%-d %B %Y"))),
        "{}",
        home.body
    );
}

#[tokio::test]
async fn the_officer_confirms_the_arrangement_and_once_it_ends_no_visit_is_owed() {
    let app = spawn_app().await;
    notify(&app, from_a_neighbour("Amy O'Neill", "Mrs Jones")).await;
    let officer = app.token_for("pf@example.org").await;
    let list = || app.get("/api/v1/private-fostering/arrangements", &officer);
    let id = list().await.body["items"][0]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let status = format!("/api/v1/private-fostering/arrangements/{id}/status");
    let today = app.today().to_string();

    let confirmed = app
        .put(
            &status,
            &officer,
            json!({"from": "notified", "to": "confirmed"}),
        )
        .await;
    assert_eq!(confirmed.status, StatusCode::OK, "{}", confirmed.body);
    assert_eq!(list().await.body["items"][0]["status"], "confirmed");
    let stale = app
        .put(
            &status,
            &officer,
            json!({"from": "notified", "to": "not_private_fostering", "reason": "Her aunt"}),
        )
        .await;
    assert_eq!(stale.problem(409)["status"], 409, "made from what it was");
    let no_reason = app
        .put(
            &status,
            &officer,
            json!({"from": "confirmed", "to": "ended", "ended_on": today}),
        )
        .await;
    assert!(no_reason.problem(422)["errors"]["reason"].is_array());
    let manager = app.token_for("manager@example.org").await;
    let by_manager = app
        .put(
            &status,
            &manager,
            json!({"from": "confirmed", "to": "ended", "reason": "x", "ended_on": today}),
        )
        .await;
    assert_eq!(by_manager.problem(403)["status"], 403);

    assert!(list().await.body["items"][0]["next_visit"].is_object());
    let ended = app
        .put(
            &status,
            &officer,
            json!({"from": "confirmed", "to": "ended", "reason": "Amy went home to her mum",
                   "ended_on": today}),
        )
        .await;
    assert_eq!(ended.status, StatusCode::OK, "{}", ended.body);
    let case = &list().await.body["items"][0];
    assert_eq!(case["status"], "ended");
    assert_eq!(
        case["next_visit"],
        Value::Null,
        "no visit is owed once it has ended"
    );
}

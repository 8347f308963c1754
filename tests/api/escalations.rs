//! IRO escalations and the timeliness report over the API.
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::helpers::{TestApp, spawn_app};

async fn patch(app: &TestApp, path: &str, token: &str, body: Value) -> crate::helpers::Reply {
    app.request(Method::PATCH, path, Some(token), Some(body))
        .await
}

#[tokio::test]
async fn an_iro_raises_a_concern_a_manager_answers_it_and_every_step_is_kept() {
    let app = spawn_app().await;
    let iro = app.token_for("iro@example.org").await;
    let manager = app.token_for("manager@example.org").await;
    let sam = app.young_person_id("Sam").await;
    let today = app.today();

    let raised = app
        .post(
            &format!("/api/v1/young-people/{sam}/escalations"),
            &iro,
            json!({"issue": "The plan has no date for family time with his sister", "raised_on": today.to_string()}),
        )
        .await;
    assert_eq!(raised.status, StatusCode::CREATED, "{}", raised.body);
    assert_eq!(raised.body["stage"], "informal");
    assert_eq!(raised.body["raised_by"], "Ifeoma Reviewer");
    assert_eq!(
        raised.body["response_due_on"],
        api::domain::calendar::add_working_days(today, 5).to_string()
    );
    let id = raised.body["id"].as_str().unwrap().to_owned();

    let open = app.get("/api/v1/escalations", &iro).await;
    assert_eq!(open.status, StatusCode::OK, "{}", open.body);
    assert_eq!(open.body["total"], 1);
    assert_eq!(open.body["items"][0]["young_person_name"], "Sam Okafor");
    assert_eq!(open.body["items"][0]["age_in_days"], 0);

    let escalated = patch(
        &app,
        &format!("/api/v1/escalations/{id}"),
        &iro,
        json!({"stage": "service_manager"}),
    )
    .await;
    assert_eq!(escalated.status, StatusCode::OK, "{}", escalated.body);
    assert_eq!(escalated.body["stage"], "service_manager");
    let backwards = patch(
        &app,
        &format!("/api/v1/escalations/{id}"),
        &manager,
        json!({"stage": "team_manager"}),
    )
    .await;
    assert!(
        backwards.problem(422)["errors"]["stage"][0]
            .as_str()
            .unwrap()
            .contains("cannot go back down")
    );
    let answered = patch(
        &app,
        &format!("/api/v1/escalations/{id}"),
        &manager,
        json!({"response": "Family time every other Saturday, added to the plan", "resolved_on": today.to_string()}),
    )
    .await;
    assert_eq!(answered.status, StatusCode::OK, "{}", answered.body);
    assert_eq!(answered.body["resolved_on"], today.to_string());
    let closed = patch(
        &app,
        &format!("/api/v1/escalations/{id}"),
        &iro,
        json!({"response": "Changed my mind"}),
    )
    .await;
    closed.problem(422);

    let full = app.get(&format!("/api/v1/escalations/{id}"), &iro).await;
    assert_eq!(full.status, StatusCode::OK);
    let history = full.body["history"].as_array().unwrap();
    let stages: Vec<&str> = history
        .iter()
        .map(|s| s["stage"].as_str().unwrap())
        .collect();
    assert_eq!(stages, ["informal", "service_manager", "service_manager"]);
    assert_eq!(history[2]["recorded_by"], "Mandy Manager");
    assert_eq!(
        full.body["escalation"]["response"],
        "Family time every other Saturday, added to the plan"
    );
    assert_eq!(app.get("/api/v1/escalations", &iro).await.body["total"], 0);
    let listed = app
        .get(&format!("/api/v1/young-people/{sam}/escalations"), &manager)
        .await;
    assert_eq!(listed.body["escalations"].as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn only_the_childs_iro_raises_escalations_and_only_about_a_child_in_care() {
    let app = spawn_app().await;
    let iro = app.token_for("iro@example.org").await;
    let sam = app.young_person_id("Sam").await;
    let jess = app.young_person_id("Jess").await;
    let today = app.today().to_string();
    let body = json!({"issue": "Plan", "raised_on": today});
    let path = format!("/api/v1/young-people/{sam}/escalations");
    for (who, status) in [
        ("pa@example.org", 403),
        ("sw@example.org", 403),
        ("manager@example.org", 403),
        ("housing@example.org", 403),
    ] {
        let token = app.token_for(who).await;
        let reply = app.post(&path, &token, body.clone()).await;
        reply.problem(status);
    }
    let stranger = app.create_young_person("Robin").await;
    app.post(
        &format!("/api/v1/young-people/{stranger}/escalations"),
        &iro,
        body.clone(),
    )
    .await
    .problem(404);
    // Jess left care at 18: there is no plan to challenge now.
    let left_care = app
        .post(
            &format!("/api/v1/young-people/{jess}/escalations"),
            &iro,
            body.clone(),
        )
        .await;
    assert!(
        left_care.problem(422)["errors"]["raised_on"][0]
            .as_str()
            .unwrap()
            .contains("looked after")
    );
    let empty = app
        .post(
            &path,
            &iro,
            json!({"issue": "  ", "raised_on": "2999-01-01"}),
        )
        .await;
    let errors = &empty.problem(422)["errors"];
    assert!(errors["issue"].is_array() && errors["raised_on"].is_array());
    app.post(
        &path,
        &iro,
        json!({"issue": "Plan", "raised_on": today, "stage": "nonsense"}),
    )
    .await
    .problem(422);

    let pa = app.token_for("pa@example.org").await;
    app.get(&path, &pa).await.problem(403);
    let sw = app.token_for("sw@example.org").await;
    assert_eq!(app.get(&path, &sw).await.status, StatusCode::OK);
    let sam_views = app
        .get(
            &format!("/api/v1/young-people/{sam}/access-log"),
            &app.token_for("sam@example.org").await,
        )
        .await;
    assert!(
        sam_views
            .body
            .to_string()
            .contains("challenges to your plan"),
        "reading escalations is in the child's access log: {}",
        sam_views.body
    );
}

fn measure<'a>(measures: &'a Value, kind: &str) -> &'a Value {
    measures
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["kind"] == kind)
        .unwrap_or_else(|| panic!("{kind} in {measures}"))
}

fn team<'a>(body: &'a Value, name: &str) -> &'a Value {
    &body["teams"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["team_name"] == name)
        .unwrap_or_else(|| panic!("team {name} in {body}"))["measures"]
}

#[tokio::test]
async fn timeliness_counts_deadlines_met_or_passed_by_the_childs_social_workers_team() {
    let app = spawn_app().await;
    let manager = app.token_for("manager@example.org").await;
    let child = app.create_young_person("Kit").await;
    let record = |path: &str, body: Value| {
        let manager = manager.clone();
        let path = format!("/api/v1/young-people/{child}/{path}");
        let app = &app;
        async move {
            let reply = app.post(&path, &manager, body).await;
            assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.body);
        }
    };
    // In care from Monday 5 January 2026: first review due 2 February, held late on the 10th;
    // the second fell due on 10 May and was never held. Initial health assessment on time.
    record(
        "care-episodes",
        json!({"started_on": "2026-01-05", "legal_status": "care_order"}),
    )
    .await;
    record("reviews", json!({"held_on": "2026-02-10"})).await;
    record(
        "health-assessments",
        json!({"kind": "initial", "completed_on": "2026-01-20"}),
    )
    .await;

    let period = "/api/v1/reports/timeliness?from=2026-01-01&to=2026-06-30";
    let report = app.get(period, &manager).await;
    assert_eq!(report.status, StatusCode::OK, "{}", report.body);
    assert_eq!(report.body["from"], "2026-01-01");
    let unteamed = team(&report.body, "No social worker or team recorded");
    let reviews = measure(unteamed, "lac_review");
    assert_eq!(
        (reviews["due"].as_u64(), reviews["on_time"].as_u64()),
        (Some(2), Some(0))
    );
    assert_eq!(reviews["percent_on_time"], 0);
    let initial = measure(unteamed, "initial_health_assessment");
    assert_eq!(initial["percent_on_time"], 100);
    assert_eq!(measure(unteamed, "review_health_assessment")["due"], 0);
    assert!(measure(unteamed, "review_health_assessment")["percent_on_time"].is_null());
    let before = measure(team(&report.body, "Children in care team"), "lac_review")["due"]
        .as_u64()
        .unwrap();

    // Allocating the demo social worker moves Kit into their team.
    let sw_id = app
        .get("/api/v1/staff?role=social_worker", &manager)
        .await
        .body["staff"][0]["id"]
        .clone();
    let allocated = app
        .post(
            &format!("/api/v1/young-people/{child}/allocations"),
            &manager,
            json!({"staff_user_id": sw_id, "role": "social_worker"}),
        )
        .await;
    assert_eq!(allocated.status, StatusCode::CREATED, "{}", allocated.body);
    let after = app.get(period, &manager).await;
    let in_team = measure(team(&after.body, "Children in care team"), "lac_review");
    assert_eq!(in_team["due"].as_u64().unwrap(), before + 2);
    assert!(
        after.body["teams"]
            .as_array()
            .unwrap()
            .iter()
            .all(|t| t["team_name"] != "No social worker or team recorded"),
        "{}",
        after.body
    );
    let overall = measure(&after.body["overall"], "lac_review");
    assert_eq!(overall["due"].as_u64().unwrap(), before + 2);

    let iro = app.token_for("iro@example.org").await;
    app.get(period, &iro).await.problem(403);
    let backwards = app
        .get(
            "/api/v1/reports/timeliness?from=2026-06-30&to=2026-01-01",
            &manager,
        )
        .await;
    assert!(backwards.problem(422)["errors"]["from"].is_array());
}

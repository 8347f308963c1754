//! Care records and statutory deadlines over the API, as DESIGN.md's contract fixes them.
use reqwest::StatusCode;
use serde_json::{Value, json};
use uuid::Uuid;

use crate::helpers::{TestApp, spawn_app};

async fn child_in_care_from(app: &TestApp, manager: &str, started_on: &str) -> Uuid {
    let child = app.create_young_person("Kit").await;
    let episode = app
        .post(
            &format!("/api/v1/young-people/{child}/care-episodes"),
            manager,
            json!({"started_on": started_on, "legal_status": "care_order"}),
        )
        .await;
    assert_eq!(episode.status, StatusCode::CREATED, "{}", episode.body);
    assert!(episode.body["id"].is_string());
    child
}

fn of_kind<'a>(body: &'a Value, kind: &str) -> Vec<&'a Value> {
    body["obligations"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|o| o["kind"] == kind)
        .collect()
}

#[tokio::test]
async fn the_first_review_is_due_20_working_days_after_care_began_and_moves_when_held() {
    let app = spawn_app().await;
    let manager = app.token_for("manager@example.org").await;
    let child = child_in_care_from(&app, &manager, "2026-01-05").await;

    let due = app
        .get(
            &format!("/api/v1/young-people/{child}/obligations?as_of=2026-01-06"),
            &manager,
        )
        .await;
    assert_eq!(due.status, StatusCode::OK, "{}", due.body);
    let reviews = of_kind(&due.body, "lac_review");
    assert_eq!(reviews.len(), 1);
    assert_eq!(reviews[0]["due_on"], "2026-02-02");
    assert_eq!(reviews[0]["status"], "due_soon");
    assert!(reviews[0]["completed_on"].is_null());
    assert_eq!(
        of_kind(&due.body, "initial_health_assessment")[0]["due_on"],
        "2026-02-02"
    );

    let late = app
        .get(
            &format!("/api/v1/young-people/{child}/obligations?as_of=2026-02-03"),
            &manager,
        )
        .await;
    assert_eq!(of_kind(&late.body, "lac_review")[0]["status"], "overdue");

    let held = app
        .post(
            &format!("/api/v1/young-people/{child}/reviews"),
            &manager,
            json!({"held_on": "2026-02-20"}),
        )
        .await;
    assert_eq!(held.status, StatusCode::CREATED, "{}", held.body);
    let after = app
        .get(
            &format!("/api/v1/young-people/{child}/obligations?as_of=2026-03-01"),
            &manager,
        )
        .await;
    let reviews = of_kind(&after.body, "lac_review");
    assert_eq!(reviews[0]["status"], "met_late");
    assert_eq!(reviews[0]["completed_on"], "2026-02-20");
    assert_eq!(
        reviews[1]["due_on"], "2026-05-20",
        "counted from when it was actually held"
    );
    assert_eq!(reviews[1]["status"], "upcoming");
}

#[tokio::test]
async fn care_records_are_checked_against_each_other() {
    let app = spawn_app().await;
    let manager = app.token_for("manager@example.org").await;
    let child = child_in_care_from(&app, &manager, "2026-01-05").await;
    let path = |what: &str| format!("/api/v1/young-people/{child}/{what}");

    let before = app
        .post(&path("reviews"), &manager, json!({"held_on": "2026-01-04"}))
        .await;
    assert_eq!(
        before.problem(422)["errors"]["held_on"][0],
        "A review cannot be before care began on 5 January 2026"
    );
    let tomorrow = app.today().succ_opt().unwrap().to_string();
    let future = app
        .post(&path("reviews"), &manager, json!({"held_on": tomorrow}))
        .await;
    assert_eq!(
        future.problem(422)["errors"]["held_on"][0],
        "A review cannot be in the future"
    );

    let overlapping = app
        .post(
            &path("care-episodes"),
            &manager,
            json!({"started_on": "2025-12-01", "ended_on": "2026-01-10", "legal_status": "s20"}),
        )
        .await;
    assert!(
        overlapping.problem(422)["errors"]["started_on"][0]
            .as_str()
            .unwrap()
            .contains("overlaps")
    );
    let backwards = app
        .post(
            &path("care-episodes"),
            &manager,
            json!({"started_on": "2025-06-01", "ended_on": "2025-05-01", "legal_status": "s20"}),
        )
        .await;
    assert!(backwards.problem(422)["errors"]["ended_on"].is_array());
    let unknown_status = app
        .post(
            &path("care-episodes"),
            &manager,
            json!({"started_on": "2025-06-01", "legal_status": "adopted"}),
        )
        .await;
    unknown_status.problem(422);

    let assessment = app
        .post(
            &path("health-assessments"),
            &manager,
            json!({"kind": "initial", "completed_on": "2026-01-28"}),
        )
        .await;
    assert_eq!(
        assessment.status,
        StatusCode::CREATED,
        "{}",
        assessment.body
    );
    let placement = app
        .post(
            &path("placements"),
            &manager,
            json!({"started_on": "2026-01-05", "placement_type": "foster care"}),
        )
        .await;
    assert_eq!(placement.status, StatusCode::CREATED, "{}", placement.body);
    let plan = app
        .post(
            &path("care-plans"),
            &manager,
            json!({"agreed_on": "2026-01-12"}),
        )
        .await;
    assert_eq!(plan.status, StatusCode::CREATED);
    let visit = app
        .post(
            &path("social-worker-visits"),
            &manager,
            json!({"visited_on": "2026-01-09", "seen_alone": true}),
        )
        .await;
    assert_eq!(visit.status, StatusCode::CREATED);

    let all = app
        .get(
            &format!("{}?as_of=2026-02-01", path("obligations")),
            &manager,
        )
        .await;
    assert_eq!(
        of_kind(&all.body, "initial_health_assessment")[0]["status"],
        "met"
    );
    assert_eq!(of_kind(&all.body, "care_plan")[0]["status"], "met");
    let visits = of_kind(&all.body, "social_worker_visit");
    assert_eq!(visits[0]["due_on"], "2026-01-12");
    assert_eq!(visits[0]["status"], "met");
    assert_eq!(visits[1]["due_on"], "2026-02-20");
    assert_eq!(
        of_kind(&all.body, "review_health_assessment")[0]["due_on"],
        "2027-01-28"
    );
}

#[tokio::test]
async fn lists_show_each_caller_the_deadlines_of_the_children_they_hold() {
    let app = spawn_app().await;
    let manager = app.token_for("manager@example.org").await;
    let iro = app.token_for("iro@example.org").await;
    let child = child_in_care_from(&app, &manager, "2026-01-05").await;

    let overdue = app
        .get(
            "/api/v1/obligations?status=overdue&kind=lac_review&as_of=2026-03-01",
            &manager,
        )
        .await;
    assert_eq!(overdue.status, StatusCode::OK, "{}", overdue.body);
    assert_eq!(overdue.body["total"], 1);
    let item = &overdue.body["items"][0];
    assert_eq!(item["young_person_id"], child.to_string());
    assert_eq!(item["status"], "overdue");
    assert_eq!(item["due_on"], "2026-02-02");

    // The IRO does not hold this child until allocated. (Jess, whom the IRO does hold, has
    // her own overdue deadline: no pathway plan was ever agreed for her.)
    let before = app
        .get(
            "/api/v1/obligations?status=overdue&kind=lac_review&as_of=2026-03-01",
            &iro,
        )
        .await;
    assert_eq!(before.body["total"], 0);
    let iro_id = app.get("/api/v1/staff?role=iro", &manager).await.body["staff"][0]["id"].clone();
    let allocated = app
        .post(
            &format!("/api/v1/young-people/{child}/allocations"),
            &manager,
            json!({"staff_user_id": iro_id, "role": "iro"}),
        )
        .await;
    assert_eq!(allocated.status, StatusCode::CREATED);
    let after = app
        .get(
            "/api/v1/obligations?status=overdue&kind=lac_review&as_of=2026-03-01",
            &iro,
        )
        .await;
    assert_eq!(after.body["total"], 1);

    let due_soon = app
        .get(
            "/api/v1/obligations?status=due_soon&as_of=2026-01-06",
            &manager,
        )
        .await;
    assert_eq!(
        due_soon.body["total"], 2,
        "the first review and the initial health assessment"
    );
    app.get("/api/v1/obligations?status=late", &manager)
        .await
        .problem(400);
    app.get("/api/v1/obligations?as_of=2026-1-6", &manager)
        .await
        .problem(400);
}

#[tokio::test]
async fn only_the_childs_social_worker_iro_and_managers_record_care() {
    let app = spawn_app().await;
    let jess = app.young_person_id("Jess").await;
    // A short period when Jess was 14, before the care she left at 18.
    let started_on = app.today() - chrono::Months::new(60);
    let body = json!({
        "started_on": started_on.to_string(),
        "ended_on": (started_on + chrono::Duration::days(30)).to_string(),
        "legal_status": "s20"
    });
    let path = format!("/api/v1/young-people/{jess}/care-episodes");
    for (who, expected) in [
        ("sw@example.org", StatusCode::CREATED),
        ("pa@example.org", StatusCode::FORBIDDEN),
        ("housing@example.org", StatusCode::FORBIDDEN),
        ("jess@example.org", StatusCode::FORBIDDEN),
    ] {
        let token = app.token_for(who).await;
        let reply = app.post(&path, &token, body.clone()).await;
        assert_eq!(reply.status, expected, "{who}: {}", reply.body);
    }
    let sam = app.token_for("sam@example.org").await;
    app.get(&format!("/api/v1/young-people/{jess}/obligations"), &sam)
        .await
        .problem(404);
    let own = app.token_for("jess@example.org").await;
    let mine = app
        .get(&format!("/api/v1/young-people/{jess}/obligations"), &own)
        .await;
    assert_eq!(mine.status, StatusCode::OK);
}

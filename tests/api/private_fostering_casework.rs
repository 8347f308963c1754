//! The private fostering officer's casework over the API: one arrangement with everything
//! anyone told us, the Schedule 2 checklist with its history, DBS checks of the household, and
//! the year's figures; the officer records, managers read, nobody else sees any of it.
use chrono::{Duration, NaiveDate};
use reqwest::StatusCode;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, Set, sea_query::Expr,
};
use serde_json::{Value, json};
use uuid::Uuid;

use crate::{
    helpers::{TestApp, spawn_app},
    private_fostering::{from_a_neighbour, notify},
};

const ARRANGEMENTS: &str = "/api/v1/private-fostering/arrangements";

/// Tell us about Amy and Mrs Jones, and return the arrangement's id and the reference given.
async fn amy_is_notified(app: &TestApp) -> (Uuid, String) {
    let told = notify(app, from_a_neighbour("Amy O'Neill", "Mrs Jones")).await;
    assert_eq!(told.status, StatusCode::CREATED, "{}", told.body);
    let reference = told.body["reference"].as_str().unwrap().to_owned();
    let id = entity::pf_notification::Entity::find()
        .filter(entity::pf_notification::Column::Reference.eq(reference.as_str()))
        .one(&app.state.db)
        .await
        .unwrap()
        .expect("the notification is stored")
        .arrangement_id;
    (id, reference)
}

/// As if the council had been told `days` ago.
async fn told_days_ago(app: &TestApp, id: Uuid, days: i64) {
    let then = app.today() - Duration::days(days);
    entity::pf_arrangement::Entity::update_many()
        .col_expr(entity::pf_arrangement::Column::AwareOn, Expr::value(then))
        .filter(entity::pf_arrangement::Column::Id.eq(id))
        .exec(&app.state.db)
        .await
        .unwrap();
    entity::pf_notification::Entity::update_many()
        .col_expr(
            entity::pf_notification::Column::ReceivedOn,
            Expr::value(then),
        )
        .filter(entity::pf_notification::Column::ArrangementId.eq(id))
        .exec(&app.state.db)
        .await
        .unwrap();
}

fn days_ago(app: &TestApp, days: i64) -> String {
    (app.today() - Duration::days(days)).to_string()
}

async fn stored_checks(app: &TestApp) -> (u64, u64) {
    (
        entity::pf_schedule_2_check::Entity::find()
            .count(&app.state.db)
            .await
            .unwrap(),
        entity::pf_suitability_check::Entity::find()
            .count(&app.state.db)
            .await
            .unwrap(),
    )
}

#[tokio::test]
async fn the_case_shows_every_notification_as_it_was_sent_the_visits_and_what_is_left_to_check() {
    let app = spawn_app().await;
    let (id, reference) = amy_is_notified(&app).await;
    let mut from_school = from_a_neighbour("amy oneill", "MRS JONES");
    from_school["notifier"] = json!("carer");
    from_school["notifier_name"] = json!("Mrs Jones");
    from_school["purpose"] = json!("<b>Mum</b> is abroad until June");
    from_school["child_religion"] = json!("Catholic");
    assert_eq!(notify(&app, from_school).await.status, StatusCode::CREATED);
    let officer = app.token_for("pf@example.org").await;
    let today = app.today().to_string();
    let visited = app
        .post(
            &format!("{ARRANGEMENTS}/{id}/visits"),
            &officer,
            json!({"visited_on": today, "child_seen": true, "seen_alone": true,
                   "report": "Amy has her own room."}),
        )
        .await;
    assert_eq!(visited.status, StatusCode::CREATED, "{}", visited.body);

    let case = app.get(&format!("{ARRANGEMENTS}/{id}"), &officer).await;
    assert_eq!(case.status, StatusCode::OK, "{}", case.body);
    let case = case.body;
    assert_eq!(case["arrangement"]["id"], id.to_string());
    assert_eq!(case["arrangement"]["child_name"], "Amy O'Neill");
    assert_eq!(case["arrangement"]["notifications"], 2);
    assert_eq!(
        case["carer_address"],
        "12 Example Road, Birkenhead, CH41 1AA"
    );
    let sent = case["notifications"].as_array().unwrap();
    assert_eq!(sent.len(), 2);
    assert_eq!(sent[0]["reference"], reference.as_str());
    assert_eq!(sent[0]["notifier"], "other");
    assert_eq!(sent[0]["notification"]["notifier_email"], "pat@example.com");
    assert_eq!(
        sent[0]["notification"]["purpose"],
        "Her mum is working abroad"
    );
    assert_eq!(sent[0]["notification"]["child_religion"], Value::Null);
    assert_eq!(sent[1]["notifier"], "carer");
    assert_eq!(sent[1]["notification"]["child_name"], "amy oneill");
    assert_eq!(
        sent[1]["notification"]["purpose"], "<b>Mum</b> is abroad until June",
        "what the public typed comes back as the text it was"
    );
    assert_eq!(sent[1]["notification"]["child_religion"], "Catholic");

    let me = app.get("/api/v1/me", &officer).await.body;
    assert_eq!(case["visits"][0]["report"], "Amy has her own room.");
    assert_eq!(case["visits"][0]["seen_alone"], true);
    assert_eq!(case["visits"][0]["recorded_by"]["user_id"], me["id"]);
    assert_eq!(case["visits"][0]["recorded_by"]["name"], me["name"]);
    let deadlines = case["visit_deadlines"].as_array().unwrap();
    assert_eq!(deadlines.len(), 2, "{deadlines:?}");
    assert_eq!(deadlines[0]["kind"], "pf_initial_visit");
    assert_eq!(deadlines[0]["status"], "met");
    assert_eq!(deadlines[0]["completed_on"], today);
    assert_eq!(deadlines[1]["kind"], "pf_visit");
    assert_eq!(deadlines[1]["completed_on"], Value::Null);
    assert_eq!(case["schedule_2"]["latest"], json!([]));
    assert_eq!(
        case["schedule_2"]["not_checked"].as_array().unwrap().len(),
        11
    );
    assert_eq!(case["schedule_2"]["not_checked"][0], "intended_duration");
    assert_eq!(case["schedule_2"]["not_checked"][10], "advice");
    assert_eq!(case["suitability_checks"], json!([]));

    let unknown = app
        .get(&format!("{ARRANGEMENTS}/{}", Uuid::new_v4()), &officer)
        .await;
    assert_eq!(unknown.problem(404)["status"], 404);
}

#[tokio::test]
async fn another_councils_arrangement_is_not_found_to_read_or_to_record_on() {
    let app = spawn_app().await;
    let elsewhere = entity::authority::ActiveModel {
        id: Set(Uuid::new_v4()),
        code: Set("elsewhere".into()),
        name: Set("Elsewhere Council".into()),
        created_at: Set(chrono::Utc::now()),
        out_of_hours_phone: Set(None),
    }
    .insert(&app.state.db)
    .await
    .unwrap();
    let theirs = on_record(&app, elsewhere.id, "2026-01-05", &[], "notified", None).await;
    let officer = app.token_for("pf@example.org").await;
    let path = format!("{ARRANGEMENTS}/{theirs}");
    assert_eq!(app.get(&path, &officer).await.problem(404)["status"], 404);
    let check = app
        .post(
            &format!("{path}/schedule-2-checks"),
            &officer,
            json!({"matter": "accommodation", "checked_on": "2026-01-06", "finding": "satisfied"}),
        )
        .await;
    assert_eq!(check.problem(404)["status"], 404);
    assert_eq!(stored_checks(&app).await, (0, 0));
}

#[tokio::test]
async fn a_schedule_2_check_with_concerns_but_no_notes_is_refused_and_nothing_is_stored() {
    let app = spawn_app().await;
    let (id, _) = amy_is_notified(&app).await;
    let officer = app.token_for("pf@example.org").await;
    let checks = format!("{ARRANGEMENTS}/{id}/schedule-2-checks");
    let today = app.today().to_string();
    let no_notes = app
        .post(
            &checks,
            &officer,
            json!({"matter": "accommodation", "checked_on": today, "finding": "concerns",
                   "notes": "   "}),
        )
        .await;
    let problem = no_notes.problem(422);
    assert_eq!(
        problem["errors"]["notes"][0], "Write what your concerns are",
        "{problem}"
    );
    let tomorrow = app
        .post(
            &checks,
            &officer,
            json!({"matter": "accommodation", "checked_on": days_ago(&app, -1),
                   "finding": "satisfied"}),
        )
        .await;
    assert!(tomorrow.problem(422)["errors"]["checked_on"].is_array());
    let before_we_knew = app
        .post(
            &checks,
            &officer,
            json!({"matter": "accommodation", "checked_on": days_ago(&app, 1),
                   "finding": "satisfied"}),
        )
        .await;
    assert!(before_we_knew.problem(422)["errors"]["checked_on"].is_array());
    let not_a_matter = app
        .post(
            &checks,
            &officer,
            json!({"matter": "1(c)", "checked_on": today, "finding": "satisfied"}),
        )
        .await;
    assert!(not_a_matter.status.is_client_error());
    assert_eq!(stored_checks(&app).await, (0, 0));
}

#[tokio::test]
async fn a_later_check_of_a_matter_replaces_it_on_the_checklist_and_both_are_kept() {
    let app = spawn_app().await;
    let (id, _) = amy_is_notified(&app).await;
    told_days_ago(&app, id, 20).await;
    let officer = app.token_for("pf@example.org").await;
    let checks = format!("{ARRANGEMENTS}/{id}/schedule-2-checks");
    let first = app
        .post(
            &checks,
            &officer,
            json!({"matter": "accommodation", "checked_on": days_ago(&app, 15),
                   "finding": "concerns", "notes": "Amy sleeps on the sofa"}),
        )
        .await;
    assert_eq!(first.status, StatusCode::CREATED, "{}", first.body);
    assert_eq!(first.body["matter"], "accommodation");
    assert_eq!(first.body["paragraph"], "1(c)");
    assert_eq!(first.body["finding"], "concerns");
    assert_eq!(first.body["notes"], "Amy sleeps on the sofa");
    let later = app
        .post(
            &checks,
            &officer,
            json!({"matter": "accommodation", "checked_on": days_ago(&app, 0),
                   "finding": "satisfied", "notes": "She has her own room now"}),
        )
        .await;
    assert_eq!(later.status, StatusCode::CREATED, "{}", later.body);
    // Recorded last, but checked before the latest: it goes into the history only.
    let late_entry = app
        .post(
            &checks,
            &officer,
            json!({"matter": "accommodation", "checked_on": days_ago(&app, 8),
                   "finding": "concerns", "notes": "Still on the sofa"}),
        )
        .await;
    assert_eq!(
        late_entry.status,
        StatusCode::CREATED,
        "{}",
        late_entry.body
    );

    let case = app
        .get(&format!("{ARRANGEMENTS}/{id}"), &officer)
        .await
        .body;
    let latest = case["schedule_2"]["latest"].as_array().unwrap();
    assert_eq!(latest.len(), 1, "{latest:?}");
    assert_eq!(latest[0]["id"], later.body["id"]);
    assert_eq!(latest[0]["finding"], "satisfied");
    let not_checked = case["schedule_2"]["not_checked"].as_array().unwrap();
    assert_eq!(not_checked.len(), 10);
    assert!(!not_checked.contains(&json!("accommodation")));
    let history: Vec<&Value> = case["schedule_2_history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| &c["id"])
        .collect();
    assert_eq!(
        history,
        [&later.body["id"], &late_entry.body["id"], &first.body["id"]],
        "every check kept, the latest first"
    );
    assert_eq!(stored_checks(&app).await, (3, 0));
}

#[tokio::test]
async fn a_dbs_check_dated_in_the_future_is_refused_and_a_disclosure_needs_notes() {
    let app = spawn_app().await;
    let (id, _) = amy_is_notified(&app).await;
    let officer = app.token_for("pf@example.org").await;
    let checks = format!("{ARRANGEMENTS}/{id}/suitability-checks");
    let dbs = |checked_on: String, outcome: &str, notes: Value| {
        json!({"person_name": "Dan Jones", "relationship": "carer's husband",
               "checked_on": checked_on, "outcome": outcome, "notes": notes})
    };
    let future = app
        .post(
            &checks,
            &officer,
            dbs(days_ago(&app, -1), "clear", Value::Null),
        )
        .await;
    assert_eq!(
        future.problem(422)["errors"]["checked_on"][0],
        "The date of the DBS check must be today or in the past"
    );
    let disclosed = app
        .post(
            &checks,
            &officer,
            dbs(days_ago(&app, 3), "information_disclosed", Value::Null),
        )
        .await;
    assert!(disclosed.problem(422)["errors"]["notes"].is_array());
    assert_eq!(stored_checks(&app).await, (0, 0));

    // A check from before the council heard of the arrangement still counts.
    let clear = app
        .post(
            &checks,
            &officer,
            dbs(days_ago(&app, 400), "clear", json!(" ")),
        )
        .await;
    assert_eq!(clear.status, StatusCode::CREATED, "{}", clear.body);
    assert_eq!(clear.body["person_name"], "Dan Jones");
    assert_eq!(clear.body["relationship"], "carer's husband");
    assert_eq!(clear.body["outcome"], "clear");
    assert_eq!(clear.body["notes"], Value::Null, "spaces are no notes");
    let case = app
        .get(&format!("{ARRANGEMENTS}/{id}"), &officer)
        .await
        .body;
    assert_eq!(case["suitability_checks"][0]["id"], clear.body["id"]);
    assert_eq!(stored_checks(&app).await, (0, 1));
}

#[tokio::test]
async fn the_officer_records_managers_only_read_and_nobody_else_sees_the_case_or_the_figures() {
    let app = spawn_app().await;
    let (id, _) = amy_is_notified(&app).await;
    let case = format!("{ARRANGEMENTS}/{id}");
    let figures = "/api/v1/private-fostering/figures";
    let today = app.today().to_string();
    let check = json!({"matter": "health", "checked_on": today, "finding": "satisfied"});
    let dbs = json!({"person_name": "Mrs Jones", "relationship": "carer",
                     "checked_on": today, "outcome": "pending"});
    for email in [
        "pa@example.org",
        "sw@example.org",
        "housing@example.org",
        "jess@example.org",
    ] {
        let token = app.token_for(email).await;
        assert_eq!(
            app.get(&case, &token).await.problem(403)["status"],
            403,
            "{email}"
        );
        assert_eq!(
            app.get(figures, &token).await.problem(403)["status"],
            403,
            "{email}"
        );
        let post = app
            .post(&format!("{case}/schedule-2-checks"), &token, check.clone())
            .await;
        assert_eq!(post.problem(403)["status"], 403, "{email}");
    }
    let manager = app.token_for("manager@example.org").await;
    assert_eq!(app.get(&case, &manager).await.status, StatusCode::OK);
    assert_eq!(app.get(figures, &manager).await.status, StatusCode::OK);
    let by_manager = app
        .post(
            &format!("{case}/schedule-2-checks"),
            &manager,
            check.clone(),
        )
        .await;
    assert_eq!(by_manager.problem(403)["status"], 403);
    let dbs_by_manager = app
        .post(&format!("{case}/suitability-checks"), &manager, dbs.clone())
        .await;
    assert_eq!(dbs_by_manager.problem(403)["status"], 403);
    assert_eq!(stored_checks(&app).await, (0, 0));

    let officer = app.token_for("pf@example.org").await;
    let recorded = app
        .post(&format!("{case}/suitability-checks"), &officer, dbs)
        .await;
    assert_eq!(recorded.status, StatusCode::CREATED, "{}", recorded.body);
    let anonymous = app.request(reqwest::Method::GET, &case, None, None).await;
    assert_eq!(anonymous.problem(401)["status"], 401);
}

/// An arrangement put straight into the database, as if notified on `received` and visited on
/// `visits`; returns its id.
async fn on_record(
    app: &TestApp,
    authority_id: Uuid,
    received: &str,
    visits: &[&str],
    status: &str,
    confirmed_on: Option<&str>,
) -> Uuid {
    let day = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
    let received_on = day(received);
    let received_at = received_on.and_hms_opt(10, 0, 0).unwrap().and_utc();
    let id = Uuid::new_v4();
    entity::pf_arrangement::ActiveModel {
        id: Set(id),
        authority_id: Set(authority_id),
        status: Set(status.into()),
        status_reason: Set(None),
        aware_on: Set(received_on),
        ended_on: Set(None),
        confirmed_on: Set(confirmed_on.map(day)),
        status_changed_on: Set(confirmed_on.map(day)),
        child_name: Set(format!("Child notified {received}")),
        carer_name: Set("A Carer".into()),
        carer_address: Set("1 Example Road".into()),
        match_key: Set(format!("child{id}|carer")),
        created_at: Set(received_at),
        updated_at: Set(received_at),
    }
    .insert(&app.state.db)
    .await
    .unwrap();
    entity::pf_notification::ActiveModel {
        id: Set(Uuid::new_v4()),
        arrangement_id: Set(id),
        reference: Set(format!("PF-TEST-{}", &id.simple().to_string()[..8])),
        received_at: Set(received_at),
        received_on: Set(received_on),
        notifier_relationship: Set("other".into()),
        notifier_name: Set("Pat".into()),
        notifier_email: Set(None),
        notifier_phone: Set(None),
        details: Set(
            json!({"notifier_name": "Pat", "child_name": "Child", "carer_name": "A Carer",
                            "carer_address": "1 Example Road"})
            .to_string(),
        ),
    }
    .insert(&app.state.db)
    .await
    .unwrap();
    for visited in visits {
        entity::pf_visit::ActiveModel {
            id: Set(Uuid::new_v4()),
            arrangement_id: Set(id),
            visited_on: Set(day(visited)),
            child_seen: Set(true),
            seen_alone: Set(Some(true)),
            report: Set("Visited".into()),
            recorded_by: Set(Uuid::new_v4()),
            recorded_at: Set(received_at),
        }
        .insert(&app.state.db)
        .await
        .unwrap();
    }
    id
}

#[tokio::test]
async fn the_figures_for_a_past_year_count_notifications_confirmations_and_visits_on_time() {
    let app = spawn_app().await;
    let council = app.demo_authority_id().await;
    // Notified Thursday 28 March 2024, the year before. Good Friday and Easter Monday fall
    // between, so the initial visit is due 10 April 2024 and is made that day; the next, due
    // 22 May, is made a day late; the one after, due 4 July, is never made.
    on_record(
        &app,
        council,
        "2024-03-28",
        &["2024-04-10", "2024-05-23"],
        "confirmed",
        Some("2024-03-29"),
    )
    .await;
    // Notified on the year's last day: counted; its initial visit is due 9 April 2025, in the
    // next year.
    on_record(&app, council, "2025-03-31", &[], "notified", None).await;
    // Notified on the next year's first day: not counted.
    on_record(&app, council, "2025-04-01", &[], "notified", None).await;
    // Notified 3 June 2024, confirmed, never visited: the initial visit (due 12 June) is late.
    on_record(
        &app,
        council,
        "2024-06-03",
        &[],
        "confirmed",
        Some("2024-06-20"),
    )
    .await;
    // Initial visit on its due day (11 September); then 23 October met a day late; then 5
    // December, 16 January and 21 February met; the next, 4 April 2025, is next year's.
    on_record(
        &app,
        council,
        "2024-09-02",
        &[
            "2024-09-11",
            "2024-10-24",
            "2024-12-05",
            "2025-01-10",
            "2025-02-21",
        ],
        "confirmed",
        Some("2024-09-20"),
    )
    .await;
    let officer = app.token_for("pf@example.org").await;
    let figures = app
        .get("/api/v1/private-fostering/figures?year=2024", &officer)
        .await;
    assert_eq!(figures.status, StatusCode::OK, "{}", figures.body);
    let f = figures.body;
    assert_eq!(f["year"], 2024);
    assert_eq!(
        (f["from"].clone(), f["to"].clone()),
        (json!("2024-04-01"), json!("2025-03-31"))
    );
    assert_eq!(
        f["as_of"], "2025-03-31",
        "a finished year counts to its end"
    );
    assert_eq!(f["notifications_received"], 3);
    assert_eq!(f["arrangements_confirmed"], 2);
    assert_eq!(
        f["initial_visits"],
        json!({"due": 3, "on_time": 2, "late": 1, "percent_on_time": 67})
    );
    assert_eq!(
        f["visits"],
        json!({"due": 9, "on_time": 5, "late": 4, "percent_on_time": 56})
    );

    let empty = app
        .get("/api/v1/private-fostering/figures?year=2010", &officer)
        .await
        .body;
    assert_eq!(empty["notifications_received"], 0);
    assert_eq!(
        empty["visits"]["percent_on_time"],
        Value::Null,
        "no cases, not 0% or 100%"
    );
}

#[tokio::test]
async fn confirming_an_arrangement_counts_it_in_this_years_figures_and_taking_that_back_does_not() {
    let app = spawn_app().await;
    let (id, _) = amy_is_notified(&app).await;
    let officer = app.token_for("pf@example.org").await;
    let status = format!("{ARRANGEMENTS}/{id}/status");
    let this_year = || app.get("/api/v1/private-fostering/figures", &officer);
    let before = this_year().await.body;
    assert_eq!(before["notifications_received"], 1);
    assert_eq!(before["arrangements_confirmed"], 0);
    assert_eq!(
        before["initial_visits"]["percent_on_time"],
        Value::Null,
        "the first visit is not due yet"
    );

    let confirmed = app
        .put(
            &status,
            &officer,
            json!({"from": "notified", "to": "confirmed"}),
        )
        .await;
    assert_eq!(confirmed.status, StatusCode::OK, "{}", confirmed.body);
    assert_eq!(this_year().await.body["arrangements_confirmed"], 1);
    let case = app
        .get(&format!("{ARRANGEMENTS}/{id}"), &officer)
        .await
        .body;
    assert_eq!(case["confirmed_on"], app.today().to_string());

    let taken_back = app
        .put(
            &status,
            &officer,
            json!({"from": "confirmed", "to": "assessing"}),
        )
        .await;
    assert_eq!(taken_back.status, StatusCode::OK, "{}", taken_back.body);
    assert_eq!(this_year().await.body["arrangements_confirmed"], 0);
}

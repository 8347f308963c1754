use reqwest::StatusCode;
use serde_json::json;

use crate::helpers::spawn_app;

#[tokio::test]
async fn a_manager_creates_a_record_and_reads_it_back() {
    let app = spawn_app().await;
    let manager = app.token_for("manager@example.org").await;
    let created = app
        .post(
            "/api/v1/young-people",
            &manager,
            json!({
                "given_name": "  Alex ",
                "family_name": "Morgan",
                "date_of_birth": "2010-03-14",
                "preferred_name": "Lex",
                "pronouns": "they/them"
            }),
        )
        .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
    let id = created.body["id"].as_str().unwrap();
    assert_eq!(
        created.headers["location"],
        format!("/api/v1/young-people/{id}")
    );
    assert_eq!(created.body["given_name"], "Alex", "names are trimmed");

    let read = app
        .get(&format!("/api/v1/young-people/{id}"), &manager)
        .await;
    assert_eq!(read.status, StatusCode::OK);
    assert_eq!(read.body["family_name"], "Morgan");
    assert_eq!(read.body["preferred_name"], "Lex");
    assert_eq!(read.body["pronouns"], "they/them");
    assert_eq!(read.body["date_of_birth"], "2010-03-14");
}

#[tokio::test]
async fn invalid_details_get_a_message_for_each_field() {
    let app = spawn_app().await;
    let manager = app.token_for("manager@example.org").await;
    let tomorrow = app.today().succ_opt().unwrap();
    let reply = app
        .post(
            "/api/v1/young-people",
            &manager,
            json!({"given_name": "   ", "family_name": "12", "date_of_birth": tomorrow.to_string(), "pronouns": ""}),
        )
        .await;
    let problem = reply.problem(422);
    assert_eq!(problem["errors"]["given_name"][0], "Enter the first name");
    assert_eq!(
        problem["errors"]["family_name"][0],
        "The last name must contain at least one letter"
    );
    assert_eq!(
        problem["errors"]["date_of_birth"][0],
        "Date of birth must be today or in the past"
    );
    assert!(
        problem["errors"].get("pronouns").is_none(),
        "blank optional fields are left out"
    );
}

#[tokio::test]
async fn a_date_of_birth_over_25_years_ago_is_refused() {
    let app = spawn_app().await;
    let manager = app.token_for("manager@example.org").await;
    let reply = app
        .post(
            "/api/v1/young-people",
            &manager,
            json!({"given_name": "Old", "family_name": "Enough", "date_of_birth": "1990-01-01"}),
        )
        .await;
    let problem = reply.problem(422);
    assert!(
        problem["errors"]["date_of_birth"][0]
            .as_str()
            .unwrap()
            .contains("aged 25 or under")
    );
}

#[tokio::test]
async fn unknown_fields_and_wrong_types_are_rejected_not_coerced() {
    let app = spawn_app().await;
    let manager = app.token_for("manager@example.org").await;
    let unknown = app
        .post(
            "/api/v1/young-people",
            &manager,
            json!({"given_name": "A", "family_name": "B", "date_of_birth": "2010-01-01", "authority_id": "x"}),
        )
        .await;
    let problem = unknown.problem(422);
    assert!(problem["errors"]["authority_id"].is_array(), "{problem}");

    let wrong_type = app
        .post(
            "/api/v1/young-people",
            &manager,
            json!({"given_name": 42, "family_name": "B", "date_of_birth": "2010-01-01"}),
        )
        .await;
    wrong_type.problem(422);

    let bad_date = app
        .post(
            "/api/v1/young-people",
            &manager,
            json!({"given_name": "A", "family_name": "B", "date_of_birth": "14/03/2010"}),
        )
        .await;
    bad_date.problem(422);

    let too_long = app
        .post(
            "/api/v1/young-people",
            &manager,
            json!({"given_name": "A".repeat(101), "family_name": "B", "date_of_birth": "2010-01-01"}),
        )
        .await;
    let problem = too_long.problem(422);
    assert!(problem["errors"]["given_name"].is_array(), "{problem}");

    // Nothing was saved by any of these.
    let list = app.get("/api/v1/young-people", &manager).await;
    assert_eq!(list.body["total"], 2);
}

#[tokio::test]
async fn lists_are_paginated_with_a_total() {
    let app = spawn_app().await;
    let manager = app.token_for("manager@example.org").await;
    for name in ["Ann", "Ben", "Cat"] {
        app.create_young_person(name).await;
    }
    let first = app
        .get("/api/v1/young-people?page=1&per_page=2", &manager)
        .await;
    assert_eq!(first.body["total"], 5);
    assert_eq!(first.body["items"].as_array().unwrap().len(), 2);
    let third = app
        .get("/api/v1/young-people?page=3&per_page=2", &manager)
        .await;
    assert_eq!(third.body["items"].as_array().unwrap().len(), 1);
    app.get("/api/v1/young-people?per_page=101", &manager)
        .await
        .problem(400);
    app.get("/api/v1/young-people?page=0", &manager)
        .await
        .problem(400);
}

#[tokio::test]
async fn reads_of_a_record_are_written_to_the_access_log_the_young_person_can_read() {
    let app = spawn_app().await;
    let jess = app.young_person_id("Jess").await;
    let pa = app.token_for("pa@example.org").await;
    assert_eq!(
        app.get(&format!("/api/v1/young-people/{jess}"), &pa)
            .await
            .status,
        StatusCode::OK
    );

    let own = app.token_for("jess@example.org").await;
    let log = app
        .get(&format!("/api/v1/young-people/{jess}/access-log"), &own)
        .await;
    assert_eq!(log.status, StatusCode::OK, "{}", log.body);
    let items = log.body["items"].as_array().unwrap();
    let pa_read = items
        .iter()
        .find(|item| item["who"] == "Priya Adviser" && item["what"] == "Looked at your details")
        .unwrap_or_else(|| panic!("the PA's read is logged: {}", log.body));
    assert_eq!(pa_read["role"], "pa");
    assert!(pa_read["occurred_at"].as_str().unwrap().contains('T'));
    // The manager's look-up in the test helper shows as a list read.
    assert!(items.iter().any(|item| item["who"] == "Mandy Manager"
        && item["what"] == "Saw your name in a list of young people"));
}

#[tokio::test]
async fn the_access_log_cannot_be_changed_even_from_inside_the_database() {
    use sea_orm::ConnectionTrait;
    let app = spawn_app().await;
    let jess = app.young_person_id("Jess").await;
    let pa = app.token_for("pa@example.org").await;
    app.get(&format!("/api/v1/young-people/{jess}"), &pa).await;
    let update = app
        .state
        .db
        .execute_unprepared("UPDATE access_log SET action = 'nothing'")
        .await;
    assert!(update.is_err(), "updates are refused");
    let delete = app
        .state
        .db
        .execute_unprepared("DELETE FROM access_log")
        .await;
    assert!(delete.is_err(), "deletes are refused");
}

#[tokio::test]
async fn allocating_a_new_pa_ends_the_previous_one() {
    let app = spawn_app().await;
    let manager = app.token_for("manager@example.org").await;
    let robin = app.create_young_person("Robin").await;
    let staff = app.get("/api/v1/staff?role=pa", &manager).await;
    let pa = staff.body["staff"][0]["id"].as_str().unwrap().to_owned();
    let first = app
        .post(
            &format!("/api/v1/young-people/{robin}/allocations"),
            &manager,
            json!({"staff_user_id": pa, "role": "pa", "started_on": "2026-01-05"}),
        )
        .await;
    assert_eq!(first.status, StatusCode::CREATED, "{}", first.body);
    let again = app
        .post(
            &format!("/api/v1/young-people/{robin}/allocations"),
            &manager,
            json!({"staff_user_id": pa, "role": "pa"}),
        )
        .await;
    again.problem(409);

    // The demo IRO is not a PA, so cannot be allocated as one.
    let iro = app.get("/api/v1/staff?role=iro", &manager).await.body["staff"][0]["id"].clone();
    let wrong_role = app
        .post(
            &format!("/api/v1/young-people/{robin}/allocations"),
            &manager,
            json!({"staff_user_id": iro, "role": "pa"}),
        )
        .await;
    let problem = wrong_role.problem(422);
    assert!(
        problem["errors"]["staff_user_id"][0]
            .as_str()
            .unwrap()
            .contains("personal adviser")
    );

    // A second PA account takes over.
    let admin_created = api::service::accounts::create(
        &app.state.db,
        api::service::accounts::NewAccount {
            authority_id: app.demo_authority_id().await,
            email: api::domain::people::Email::parse("pa2@example.org").unwrap(),
            name: "Pat Second",
            roles: &[api::domain::roles::Role::PersonalAdviser],
            password_hash: None,
            young_person_id: None,
            team_id: None,
        },
        chrono::Utc::now(),
    )
    .await
    .unwrap();
    let handover = app
        .post(
            &format!("/api/v1/young-people/{robin}/allocations"),
            &manager,
            json!({"staff_user_id": admin_created, "role": "pa", "started_on": app.today().to_string()}),
        )
        .await;
    assert_eq!(handover.status, StatusCode::CREATED, "{}", handover.body);
    let allocations = app
        .get(
            &format!("/api/v1/young-people/{robin}/allocations"),
            &manager,
        )
        .await;
    let list = allocations.body["allocations"].as_array().unwrap();
    assert_eq!(list.len(), 2);
    assert_eq!(list[0]["staff_name"], "Pat Second");
    assert!(list[0]["ended_on"].is_null());
    assert_eq!(list[1]["ended_on"], app.today().to_string());
}

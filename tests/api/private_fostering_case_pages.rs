//! The private fostering officer's case pages: what the public told us, shown only as text;
//! visits, Schedule 2 checks, DBS checks and status recorded through forms that say what is
//! wrong and save nothing until it is right; managers read, only the officer records.
use reqwest::StatusCode;
use sea_orm::{EntityTrait, PaginatorTrait};
use serde_json::json;

use crate::{
    helpers::{TestApp, spawn_app},
    portal::{Browser, signed_in},
    private_fostering::{from_a_neighbour, notify},
};

/// A neighbour tells us about a child; the case page's address.
async fn a_case(app: &TestApp) -> String {
    let mut told = from_a_neighbour("<i>Amy</i> O'Neill", "Mrs Jones");
    told["siblings"] = json!("Ben, 8, lives with their mum");
    assert_eq!(notify(app, told).await.status, StatusCode::CREATED);
    let arrangement = entity::pf_arrangement::Entity::find()
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    format!("/staff/private-fostering/{}", arrangement.id)
}

fn today_parts(app: &TestApp) -> (String, String, String) {
    use chrono::Datelike;
    let today = app.today();
    (
        today.day().to_string(),
        today.month().to_string(),
        today.year().to_string(),
    )
}

#[tokio::test]
async fn the_officer_reads_what_we_were_told_as_text_and_reaches_it_from_their_home_page() {
    let app = spawn_app().await;
    let case = a_case(&app).await;
    let mut officer = signed_in(&app, "pf@example.org").await;
    let home = officer.get("/staff").await;
    assert!(home.body.contains(&format!("href=\"{case}\"")));
    assert!(
        home.body.contains("Notifications received"),
        "the year's figures"
    );

    let page = officer.get(&case).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Ben, 8, lives with their mum"));
    assert!(
        page.body
            .contains("Pat Neighbour, someone else: pat@example.com")
    );
    assert!(
        !page.body.contains("<i>Amy"),
        "what the public typed is never markup"
    );
    assert!(
        page.body.contains("Not checked"),
        "the Schedule 2 matters are listed"
    );
    assert!(page.body.contains("Record a visit"));
}

#[tokio::test]
async fn the_officer_records_a_visit_a_schedule_2_check_a_dbs_check_and_a_status() {
    let app = spawn_app().await;
    let case = a_case(&app).await;
    let mut officer = signed_in(&app, "pf@example.org").await;
    let (day, month, year) = today_parts(&app);

    officer.get(&format!("{case}/visits/new")).await;
    let no_report = officer
        .post(
            &format!("{case}/visits/new"),
            &[
                ("visited_on_day", &day),
                ("visited_on_month", &month),
                ("visited_on_year", &year),
                ("child_seen", "yes"),
                ("seen_alone", "yes"),
            ],
        )
        .await;
    assert_eq!(no_report.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        no_report.body.contains("href=\"#report\""),
        "{}",
        no_report.body
    );
    assert_eq!(
        entity::pf_visit::Entity::find()
            .count(&app.state.db)
            .await
            .unwrap(),
        0
    );
    let visited = officer
        .post(
            &format!("{case}/visits/new"),
            &[
                ("visited_on_day", &day),
                ("visited_on_month", &month),
                ("visited_on_year", &year),
                ("child_seen", "yes"),
                ("seen_alone", "yes"),
                ("report", "Amy is settled and going to school."),
            ],
        )
        .await;
    assert_eq!(visited.location(), format!("{case}#visits"));

    let concerns_without_notes = officer
        .post(
            &format!("{case}/schedule-2/new"),
            &[
                ("matter", "accommodation"),
                ("checked_on_day", &day),
                ("checked_on_month", &month),
                ("checked_on_year", &year),
                ("finding", "concerns"),
            ],
        )
        .await;
    assert_eq!(
        concerns_without_notes.status,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    assert!(concerns_without_notes.body.contains("href=\"#notes\""));
    assert_eq!(
        entity::pf_schedule_2_check::Entity::find()
            .count(&app.state.db)
            .await
            .unwrap(),
        0
    );
    let checked = officer
        .post(
            &format!("{case}/schedule-2/new"),
            &[
                ("matter", "accommodation"),
                ("checked_on_day", &day),
                ("checked_on_month", &month),
                ("checked_on_year", &year),
                ("finding", "concerns"),
                ("notes", "Amy shares a room with two adults."),
            ],
        )
        .await;
    assert_eq!(checked.location(), format!("{case}#schedule-2"));

    let dbs = officer
        .post(
            &format!("{case}/suitability-checks/new"),
            &[
                ("person_name", "Margaret Jones"),
                ("relationship", "carer"),
                ("checked_on_day", &day),
                ("checked_on_month", &month),
                ("checked_on_year", &year),
                ("outcome", "clear"),
            ],
        )
        .await;
    assert_eq!(dbs.location(), format!("{case}#dbs-checks"));

    let form = officer.get(&format!("{case}/status")).await;
    assert!(form.body.contains("name=\"from\" value=\"notified\""));
    // Only the moves a newly notified arrangement can make are offered: it cannot end before
    // it is confirmed.
    for offered in ["assessing", "confirmed", "not_private_fostering"] {
        assert!(
            form.body.contains(&format!("value=\"{offered}\"")),
            "{offered}"
        );
    }
    assert!(!form.body.contains("value=\"ended\""));
    let confirmed = officer
        .post(
            &format!("{case}/status"),
            &[("from", "notified"), ("to", "confirmed")],
        )
        .await;
    assert_eq!(confirmed.location(), case);
    // The same form sent again from the status it showed: somebody changed it meanwhile.
    let stale = officer
        .post(
            &format!("{case}/status"),
            &[("from", "notified"), ("to", "assessing")],
        )
        .await;
    assert_eq!(
        stale.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        stale.body
    );
    assert!(stale.body.contains("Someone changed this arrangement"));

    let page = officer.get(&case).await;
    for shown in [
        "Amy is settled and going to school.",
        "Seen alone",
        "Amy shares a room with two adults.",
        "Margaret Jones (carer)",
        "1 of 11 matters checked",
        "Private fostering</strong>",
    ] {
        assert!(page.body.contains(shown), "{shown}");
    }
}

#[tokio::test]
async fn a_manager_reads_a_case_but_cannot_record_and_a_personal_adviser_cannot_see_it() {
    let app = spawn_app().await;
    let case = a_case(&app).await;
    let mut manager = signed_in(&app, "manager@example.org").await;
    let page = manager.get(&case).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(!page.body.contains("Record a visit"));
    assert_eq!(
        manager.get(&format!("{case}/visits/new")).await.status,
        StatusCode::FORBIDDEN
    );
    manager.get("/staff").await;
    let refused = manager
        .post(
            &format!("{case}/status"),
            &[("from", "notified"), ("to", "confirmed")],
        )
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);

    let mut adviser: Browser = signed_in(&app, "pa@example.org").await;
    assert_eq!(adviser.get(&case).await.status, StatusCode::FORBIDDEN);
    let unknown = format!("/staff/private-fostering/{}", uuid::Uuid::new_v4());
    let mut officer = signed_in(&app, "pf@example.org").await;
    assert_eq!(officer.get(&unknown).await.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn every_read_of_a_case_or_the_list_is_logged_against_the_arrangement() {
    use sea_orm::{ColumnTrait, QueryFilter};
    let app = spawn_app().await;
    let case = a_case(&app).await;
    let entries = |action: &'static str| {
        let db = app.state.db.clone();
        async move {
            entity::pf_access_log_entry::Entity::find()
                .filter(entity::pf_access_log_entry::Column::Action.eq(action))
                .all(&db)
                .await
                .unwrap()
        }
    };
    assert!(entries("listed").await.is_empty());
    let mut officer = signed_in(&app, "pf@example.org").await;
    officer.get("/staff").await;
    let listed = entries("listed").await;
    assert_eq!(listed.len(), 1, "the officer's home page lists the child");
    officer.get(&case).await;
    let read = entries("case").await;
    assert_eq!(read.len(), 1);
    assert_eq!(read[0].actor_role, "private_fostering_officer");
    assert_eq!(
        format!("/staff/private-fostering/{}", read[0].arrangement_id),
        case
    );

    let mut manager = signed_in(&app, "manager@example.org").await;
    manager.get(&case).await;
    let read = entries("case").await;
    assert_eq!(read.len(), 2);
    assert!(read.iter().any(|entry| entry.actor_role == "manager"));

    let mut adviser = signed_in(&app, "pa@example.org").await;
    adviser.get(&case).await;
    assert_eq!(
        entries("case").await.len(),
        2,
        "a refused read is not a read"
    );
}

//! The IRO's and the manager's review pages, as a browser without JavaScript uses them.
use reqwest::StatusCode;
use serde_json::json;
use uuid::Uuid;

use crate::{
    helpers::{TestApp, spawn_app},
    portal::signed_in,
};

/// A child in care since 5 January 2026 with the demo IRO: their first review fell due on
/// 2 February 2026 and was never held.
async fn overdue_child(app: &TestApp) -> Uuid {
    let manager = app.token_for("manager@example.org").await;
    let child = app.create_young_person("Kit").await;
    let episode = app
        .post(
            &format!("/api/v1/young-people/{child}/care-episodes"),
            &manager,
            json!({"started_on": "2026-01-05", "legal_status": "interim_care_order"}),
        )
        .await;
    assert_eq!(episode.status, StatusCode::CREATED);
    let iro_id = app.get("/api/v1/staff?role=iro", &manager).await.body["staff"][0]["id"].clone();
    let allocated = app
        .post(
            &format!("/api/v1/young-people/{child}/allocations"),
            &manager,
            json!({"staff_user_id": iro_id, "role": "iro"}),
        )
        .await;
    assert_eq!(allocated.status, StatusCode::CREATED);
    child
}

#[tokio::test]
async fn an_iro_sees_the_most_overdue_review_first_and_records_a_review() {
    let app = spawn_app().await;
    let kit = overdue_child(&app).await;
    let mut iro = signed_in(&app, "iro@example.org").await;

    let home = iro.get("/staff").await;
    assert!(home.body.contains(r#"href="/staff/reviews""#));
    let reviews = iro.get("/staff/reviews").await;
    assert_eq!(reviews.status, StatusCode::OK);
    assert!(
        reviews.body.contains("Your children&#39;s reviews")
            || reviews.body.contains("Your children's reviews")
    );
    let kit_at = reviews.body.find("Kit Example").expect("Kit is listed");
    let sam_at = reviews.body.find("Sam Okafor").expect("Sam is listed");
    assert!(kit_at < sam_at, "the most overdue comes first");
    let overdue_days =
        (app.today() - chrono::NaiveDate::from_ymd_opt(2026, 2, 2).unwrap()).num_days();
    assert!(
        reviews
            .body
            .contains(&format!("Overdue by {overdue_days} days")),
        "{}",
        reviews.body
    );
    assert!(reviews.body.contains("Due in "), "Sam's review is due soon");
    assert!(!reviews.body.contains("Jess Taylor"), "Jess has left care");

    let only_overdue = iro.get("/staff/reviews?status=overdue").await;
    assert!(only_overdue.body.contains("Kit Example"));
    assert!(!only_overdue.body.contains("Sam Okafor"));

    let form_path = format!("/staff/young-people/{kit}/reviews/new");
    let form = iro.get(&form_path).await;
    assert_eq!(form.status, StatusCode::OK);
    let missing = iro
        .post(
            &form_path,
            &[
                ("held_on_day", "3"),
                ("held_on_month", ""),
                ("held_on_year", "2026"),
            ],
        )
        .await;
    assert_eq!(missing.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(missing.title().starts_with("Error: "));
    assert!(missing.body.contains("There is a problem"));
    assert!(
        missing.body.contains(
            r##"<a href="#held-on">The date the review was held must include a month</a>"##
        )
    );
    assert!(
        missing
            .body
            .contains(r##"<a href="#participation">Select how the child took part</a>"##)
    );
    let before_care = iro
        .post(
            &form_path,
            &[
                ("held_on_day", "1"),
                ("held_on_month", "1"),
                ("held_on_year", "2026"),
                ("participation", "PN1"),
            ],
        )
        .await;
    assert_eq!(before_care.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        before_care
            .body
            .contains("A review cannot be before care began on 5 January 2026")
    );
    assert!(
        before_care.body.contains(r#"value="PN1" checked"#),
        "answers are kept"
    );

    let saved = iro
        .post(
            &form_path,
            &[
                ("held_on_day", "16"),
                ("held_on_month", "2"),
                ("held_on_year", "2026"),
                ("participation", "PN2"),
                ("outcome_notes", "Stay with current carers"),
            ],
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER);
    assert_eq!(
        saved.location(),
        format!("/staff/young-people/{kit}?recorded=review")
    );
    let record = iro.get(saved.location()).await;
    assert!(record.body.contains("The review has been recorded"));
    // The second review is due 3 months after the first was held.
    assert!(record.body.contains("16 May 2026"), "{}", record.body);
    let manager = app.token_for("manager@example.org").await;
    let obligations = app
        .get(&format!("/api/v1/young-people/{kit}/obligations"), &manager)
        .await;
    let held: Vec<&serde_json::Value> = obligations.body["obligations"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|o| o["kind"] == "lac_review" && o["completed_on"] == "2026-02-16")
        .collect();
    assert_eq!(
        held.len(),
        1,
        "the API gives the same answer: {}",
        obligations.body
    );
    assert_eq!(held[0]["status"], "met_late");
}

#[tokio::test]
async fn an_iro_raises_an_escalation_in_the_portal_and_a_manager_resolves_it() {
    let app = spawn_app().await;
    let sam = app.young_person_id("Sam").await;
    let mut iro = signed_in(&app, "iro@example.org").await;
    let record = iro.get(&format!("/staff/young-people/{sam}")).await;
    assert!(record.body.contains("Raise an escalation"));
    let path = format!("/staff/young-people/{sam}/escalations/new");
    let form = iro.get(&path).await;
    assert_eq!(form.status, StatusCode::OK);
    let today = app.today();
    let (day, month, year) = (
        today.format("%-d").to_string(),
        today.format("%-m").to_string(),
        today.format("%Y").to_string(),
    );
    let empty = iro
        .post(
            &path,
            &[
                ("issue", ""),
                ("raised_on_day", &day),
                ("raised_on_month", &month),
                ("raised_on_year", &year),
                ("stage", "informal"),
            ],
        )
        .await;
    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        empty
            .body
            .contains(r##"<a href="#issue">Describe the concern about the child&#39;s plan</a>"##)
            || empty
                .body
                .contains(r##"<a href="#issue">Describe the concern about the child's plan</a>"##),
        "{}",
        empty.body
    );
    let raised = iro
        .post(
            &path,
            &[
                ("issue", "<b>No</b> plan for contact with his sister"),
                ("raised_on_day", &day),
                ("raised_on_month", &month),
                ("raised_on_year", &year),
                ("stage", "team_manager"),
            ],
        )
        .await;
    assert_eq!(raised.status, StatusCode::SEE_OTHER, "{}", raised.body);
    let page = iro.get(raised.location()).await;
    assert!(page.body.contains("The escalation has been raised"));
    assert!(
        page.body.contains("No&#60;/b&#62; plan") || page.body.contains("No&lt;/b&gt; plan"),
        "typed text is escaped: {}",
        page.body
    );
    assert!(!page.body.contains("<b>No</b>"));
    let reviews = iro.get("/staff/reviews").await;
    assert!(reviews.body.contains("Open escalations") && reviews.body.contains("Team manager"));

    let mut manager = signed_in(&app, "manager@example.org").await;
    let escalation_path = raised.location().split('?').next().unwrap().to_owned();
    let next_year = (today + chrono::Duration::days(366))
        .format("%Y")
        .to_string();
    let wrong = manager
        .post(
            &escalation_path,
            &[
                ("stage", "team_manager"),
                ("response", "Contact agreed"),
                ("resolved_on_day", "1"),
                ("resolved_on_month", "1"),
                ("resolved_on_year", &next_year),
            ],
        )
        .await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        wrong
            .body
            .contains("The date it was resolved must be today or in the past")
    );
    assert!(
        wrong.body.contains("Contact agreed"),
        "the response typed is kept"
    );
    let resolved = manager
        .post(
            &escalation_path,
            &[
                ("stage", "team_manager"),
                ("response", "Contact agreed"),
                ("resolved_on_day", &day),
                ("resolved_on_month", &month),
                ("resolved_on_year", &year),
            ],
        )
        .await;
    assert_eq!(resolved.status, StatusCode::SEE_OTHER);
    let closed = manager.get(&escalation_path).await;
    assert!(closed.body.contains("Resolved"));
    assert!(
        !closed.body.contains("<h2>Update it</h2>"),
        "a resolved escalation is closed"
    );

    let overview = manager.get("/staff/reviews").await;
    assert!(overview.body.contains("Reviews across the service"));
    assert!(overview.body.contains("There are no open escalations"));
    assert!(overview.body.contains("Share on time"));
    let figures = manager.get("/staff/timeliness").await;
    assert_eq!(figures.status, StatusCode::OK);
    assert!(figures.body.contains("<h2>Children in care team</h2>"));
    let bad = manager
        .get("/staff/timeliness?from_day=31&from_month=2&from_year=2026")
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        bad.body
            .contains("The start of the period must be a real date")
    );

    let mut pa = signed_in(&app, "pa@example.org").await;
    assert_eq!(pa.get(&escalation_path).await.status, StatusCode::FORBIDDEN);
    assert_eq!(pa.get(&path).await.status, StatusCode::FORBIDDEN);
}

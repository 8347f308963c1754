//! Who supports a young person, the out-of-hours number, and the personal adviser's contact
//! log with the `pa_contact` clock.
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::{
    helpers::spawn_app,
    portal::{sign_in_young_person, signed_in},
};

#[tokio::test]
async fn a_young_person_sees_who_supports_them_how_to_reach_them_and_who_to_call_out_of_hours() {
    let app = spawn_app().await;
    let jess_token = app.token_for("jess@example.org").await;
    let jess = app.young_person_id("Jess").await;
    let found = app
        .get(
            &format!("/api/v1/young-people/{jess}/contacts"),
            &jess_token,
        )
        .await;
    assert_eq!(found.status, StatusCode::OK, "{}", found.body);
    assert_eq!(found.body["out_of_hours_phone"], "0151 496 0000");
    let roles: Vec<&str> = found.body["workers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["role"].as_str().unwrap())
        .collect();
    assert_eq!(roles, ["pa", "social_worker", "iro"], "their PA first");
    let pa = &found.body["workers"][0];
    assert_eq!(pa["name"], "Priya Adviser");
    assert_eq!(pa["phone"], "07700 900102");
    assert_eq!(pa["working_hours"], "Monday to Friday, 9am to 5pm");

    let sam_token = app.token_for("sam@example.org").await;
    let not_his = app
        .get(&format!("/api/v1/young-people/{jess}/contacts"), &sam_token)
        .await;
    assert_eq!(not_his.problem(404)["status"], 404);
}

#[tokio::test]
async fn the_pa_logs_a_contact_the_clock_moves_on_and_the_young_person_sees_when_and_how_only() {
    let app = spawn_app().await;
    let pa = app.token_for("pa@example.org").await;
    let jess_token = app.token_for("jess@example.org").await;
    let jess = app.young_person_id("Jess").await;
    let today = app.today();
    let log = format!("/api/v1/young-people/{jess}/contact-log");

    let recorded = app
        .post(
            &log,
            &pa,
            json!({"contact_on": today.to_string(), "method": "visit", "seen_alone": true,
                   "place": "Her new flat", "summary": "Keys collected; went through the bills."}),
        )
        .await;
    assert_eq!(recorded.status, StatusCode::CREATED, "{}", recorded.body);

    let staff_view = app.get(&log, &pa).await;
    let newest = &staff_view.body["contacts"][0];
    assert_eq!(newest["contact_on"], today.to_string());
    assert_eq!(newest["method"], "visit");
    assert_eq!(newest["summary"], "Keys collected; went through the bills.");
    assert_eq!(newest["seen_alone"], true);
    assert_eq!(staff_view.body["contacts"].as_array().unwrap().len(), 4);

    let own_view = app.get(&log, &jess_token).await;
    assert_eq!(own_view.status, StatusCode::OK, "{}", own_view.body);
    let newest = &own_view.body["contacts"][0];
    assert_eq!(newest["method"], "visit");
    assert_eq!(newest["by"], "Priya Adviser");
    for private in ["summary", "place", "seen_alone"] {
        assert_eq!(newest[private], Value::Null, "{private} is the PA's note");
    }

    let obligations = app
        .get(&format!("/api/v1/young-people/{jess}/obligations"), &pa)
        .await;
    let open: Vec<&Value> = obligations.body["obligations"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|o| o["kind"] == "pa_contact" && o["completed_on"].is_null())
        .collect();
    assert_eq!(open.len(), 1);
    assert_eq!(
        open[0]["due_on"],
        (today + chrono::Duration::weeks(8)).to_string(),
        "8 weeks from today's contact"
    );
}

#[tokio::test]
async fn sams_contact_is_overdue_in_the_demo_and_a_record_must_be_complete_and_the_pas() {
    let app = spawn_app().await;
    let pa = app.token_for("pa@example.org").await;
    let sam = app.young_person_id("Sam").await;
    let obligations = app
        .get(&format!("/api/v1/young-people/{sam}/obligations"), &pa)
        .await;
    assert!(
        obligations.body["obligations"]
            .as_array()
            .unwrap()
            .iter()
            .any(|o| o["kind"] == "pa_contact" && o["status"] == "overdue"),
        "{}",
        obligations.body
    );

    let log = format!("/api/v1/young-people/{sam}/contact-log");
    let today = app.today().to_string();
    let unsaid = app
        .post(
            &log,
            &pa,
            json!({"contact_on": today, "method": "video", "summary": "Catch-up"}),
        )
        .await;
    assert!(unsaid.problem(422)["errors"]["seen_alone"].is_array());
    let tomorrow = app.today().succ_opt().unwrap().to_string();
    let future = app
        .post(
            &log,
            &pa,
            json!({"contact_on": tomorrow, "method": "text", "summary": "  "}),
        )
        .await;
    let errors = &future.problem(422)["errors"];
    assert!(
        errors["contact_on"].is_array() && errors["summary"].is_array(),
        "{errors}"
    );
    for email in ["sw@example.org", "iro@example.org"] {
        let token = app.token_for(email).await;
        let refused = app
            .post(
                &log,
                &token,
                json!({"contact_on": today, "method": "text", "summary": "Hello"}),
            )
            .await;
        assert_eq!(refused.problem(403)["status"], 403, "{email}");
        assert_eq!(
            app.get(&log, &token).await.status,
            StatusCode::OK,
            "{email} reads"
        );
    }
}

#[tokio::test]
async fn the_portal_shows_the_out_of_hours_number_and_a_pa_records_a_contact() {
    let app = spawn_app().await;
    let mut jess = sign_in_young_person(&app, "jess@example.org", 0).await;
    let home = jess.get("/home").await;
    assert!(
        home.body.contains(r#"href="tel:01514960000""#),
        "{}",
        home.body
    );
    let workers = jess.get("/my/workers").await;
    assert_eq!(workers.title(), "Who supports you – Onward");
    assert!(workers.body.contains("0151 496 0000"));
    assert!(workers.body.contains(r#"href="tel:07700900102""#));
    assert!(
        workers
            .body
            .contains("When your personal adviser was in touch")
    );
    assert!(
        !workers.body.contains("went through the local offer"),
        "not the PA's notes"
    );

    let mut pa = signed_in(&app, "pa@example.org").await;
    let jess_id = app.young_person_id("Jess").await;
    let form = format!("/staff/young-people/{jess_id}/contacts/new");
    assert_eq!(pa.get(&form).await.status, StatusCode::OK);
    let wrong = pa.post(&form, &[("method", "visit")]).await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(wrong.title().starts_with("Error: "));
    let summary = wrong.body.split("There is a problem").nth(1).unwrap();
    let order: Vec<usize> = ["#contact-on", "#seen-alone", "#summary"]
        .iter()
        .map(|id| {
            summary
                .find(&format!("href=\"{id}\""))
                .unwrap_or_else(|| panic!("{id}"))
        })
        .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{order:?}");
    let today = app.today();
    let saved = pa
        .post(
            &form,
            &[
                ("contact_on_day", &today.format("%-d").to_string()),
                ("contact_on_month", &today.format("%-m").to_string()),
                ("contact_on_year", &today.format("%Y").to_string()),
                ("method", "phone"),
                (
                    "summary",
                    "Rang about the allowance; the order goes in on Monday.",
                ),
            ],
        )
        .await;
    assert_eq!(
        saved.location(),
        format!("/staff/young-people/{jess_id}?recorded=contact")
    );
    let record = pa.get(saved.location()).await;
    assert!(record.body.contains("The contact has been recorded"));
    assert!(record.body.contains("Rang about the allowance"));
}

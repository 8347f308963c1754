//! Care-leaver status over the API: computed from the rules, recorded in its place with a
//! reason, and who may see or record it.
use chrono::Duration;
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::helpers::spawn_app;

#[tokio::test]
async fn the_demo_care_leaver_is_former_relevant_and_sam_is_eligible_from_his_16th_birthday() {
    let app = spawn_app().await;
    let pa = app.token_for("pa@example.org").await;
    let jess = app.young_person_id("Jess").await;
    let sam = app.young_person_id("Sam").await;

    let status = app
        .get(
            &format!("/api/v1/young-people/{jess}/care-leaver-status"),
            &pa,
        )
        .await;
    assert_eq!(status.status, StatusCode::OK, "{}", status.body);
    assert_eq!(status.body["category"], "former_relevant");
    assert_eq!(status.body["computed_category"], "former_relevant");
    assert_eq!(status.body["recorded"], Value::Null);
    assert_eq!(status.body["as_of"], app.today().to_string());

    let record = app.get(&format!("/api/v1/young-people/{sam}"), &pa).await;
    let born: chrono::NaiveDate = record.body["date_of_birth"]
        .as_str()
        .unwrap()
        .parse()
        .unwrap();
    let sixteen = api::domain::care_leaver::reaches_age(born, 16);
    let on = |date: chrono::NaiveDate| {
        format!("/api/v1/young-people/{sam}/care-leaver-status?as_of={date}")
    };
    assert_eq!(
        app.get(&on(sixteen - Duration::days(1)), &pa).await.body["category"],
        "none"
    );
    assert_eq!(
        app.get(&on(sixteen), &pa).await.body["category"],
        "eligible"
    );
    assert_eq!(
        app.get(&on(app.today()), &pa).await.body["category"],
        "eligible"
    );
}

#[tokio::test]
async fn thirteen_weeks_looked_after_make_a_16_year_old_eligible_and_12_weeks_6_days_do_not() {
    let app = spawn_app().await;
    let manager = app.token_for("manager@example.org").await;
    let today = app.today();
    let created = app
        .post(
            "/api/v1/young-people",
            &manager,
            json!({"given_name": "Kai", "family_name": "Example",
                   "date_of_birth": (today - Duration::days(365 * 16 + 200)).to_string()}),
        )
        .await;
    let kai = created.body["id"].as_str().unwrap().to_owned();
    let started = today - Duration::days(90);
    let episode = app
        .post(
            &format!("/api/v1/young-people/{kai}/care-episodes"),
            &manager,
            json!({"started_on": started.to_string(), "legal_status": "s20"}),
        )
        .await;
    assert_eq!(episode.status, StatusCode::CREATED, "{}", episode.body);
    let on = |date: chrono::NaiveDate| {
        format!("/api/v1/young-people/{kai}/care-leaver-status?as_of={date}")
    };
    // Counting the first day: 90 days by yesterday, 91 (13 weeks) today.
    assert_eq!(
        app.get(&on(today - Duration::days(1)), &manager).await.body["category"],
        "none"
    );
    assert_eq!(
        app.get(&on(today), &manager).await.body["category"],
        "eligible"
    );
}

#[tokio::test]
async fn a_recorded_status_takes_the_place_of_the_computed_one_until_it_is_withdrawn() {
    let app = spawn_app().await;
    let manager = app.token_for("manager@example.org").await;
    let jess = app.young_person_id("Jess").await;
    let path = format!("/api/v1/young-people/{jess}/care-leaver-status");

    let no_reason = app
        .put(
            &path,
            &manager,
            json!({"category": "qualifying", "reason": "  "}),
        )
        .await;
    assert!(
        no_reason.problem(422)["errors"]["reason"][0]
            .as_str()
            .unwrap()
            .starts_with("Say why")
    );
    let recorded = app.put(&path,
        &manager,
        json!({"category": "qualifying", "reason": "Records show a special guardianship order at 16; checking with legal"}),
    )
    .await;
    assert_eq!(recorded.status, StatusCode::OK, "{}", recorded.body);
    assert_eq!(recorded.body["category"], "qualifying");
    assert_eq!(recorded.body["computed_category"], "former_relevant");
    assert_eq!(recorded.body["recorded"]["recorded_by"], "Mandy Manager");
    let yesterday = app.today() - Duration::days(1);
    assert_eq!(
        app.get(&format!("{path}?as_of={yesterday}"), &manager)
            .await
            .body["category"],
        "former_relevant",
        "not recorded yet then"
    );

    let withdrawn = app
        .put(
            &path,
            &manager,
            json!({"category": null, "reason": "Legal confirmed no order was made"}),
        )
        .await;
    assert_eq!(withdrawn.body["category"], "former_relevant");
    assert_eq!(withdrawn.body["recorded"], Value::Null);
    let kept = entity::care_leaver_status::Entity::find();
    use sea_orm::EntityTrait;
    assert_eq!(
        kept.all(&app.state.db).await.unwrap().len(),
        2,
        "both records are kept"
    );
}

#[tokio::test]
async fn the_young_person_and_their_workers_read_the_status_and_only_pa_social_worker_or_manager_record_it()
 {
    let app = spawn_app().await;
    let jess = app.young_person_id("Jess").await;
    let path = format!("/api/v1/young-people/{jess}/care-leaver-status");
    for allowed in [
        "jess@example.org",
        "pa@example.org",
        "sw@example.org",
        "iro@example.org",
        "manager@example.org",
    ] {
        let token = app.token_for(allowed).await;
        assert_eq!(
            app.get(&path, &token).await.status,
            StatusCode::OK,
            "{allowed}"
        );
    }
    app.get(&path, &app.token_for("sam@example.org").await)
        .await
        .problem(404);
    app.get(&path, &app.token_for("housing@example.org").await)
        .await
        .problem(403);
    let body = json!({"category": "relevant", "reason": "Test"});
    for refused in ["iro@example.org", "jess@example.org", "admin@example.org"] {
        let token = app.token_for(refused).await;
        app.put(&path, &token, body.clone()).await.problem(403);
    }
    let pa = app.token_for("pa@example.org").await;
    assert_eq!(app.put(&path, &pa, body).await.status, StatusCode::OK);
}

#[tokio::test]
async fn staff_see_the_status_on_the_young_persons_page_and_the_read_is_logged() {
    let app = spawn_app().await;
    let jess = app.young_person_id("Jess").await;
    let mut pa = crate::portal::signed_in(&app, "pa@example.org").await;
    let page = pa.get(&format!("/staff/young-people/{jess}")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Care-leaver status"));
    assert!(page.body.contains("Former relevant child"), "{}", page.body);
    let views = app
        .get(
            &format!("/api/v1/young-people/{jess}/access-log"),
            &app.token_for("jess@example.org").await,
        )
        .await;
    assert!(
        views
            .body
            .to_string()
            .contains("Looked at whether you are a care leaver"),
        "{}",
        views.body
    );
}

#[tokio::test]
async fn a_young_person_reads_what_their_status_means_in_plain_words() {
    use crate::portal::sign_in_young_person;

    let app = spawn_app().await;
    let mut jess = sign_in_young_person(&app, "jess@example.org", 0).await;
    let page = jess.get("/my/details").await;
    assert!(
        page.body.contains("You are a former relevant care leaver"),
        "{}",
        page.body
    );
    assert!(page.body.contains("until you are 25"));
    let mut sam = sign_in_young_person(&app, "sam@example.org", 1).await;
    assert!(
        sam.get("/my/details")
            .await
            .body
            .contains("You are an eligible child")
    );
}

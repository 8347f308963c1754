//! Homeless 16 and 17 year olds over the API: a case from the day the young person asks for
//! help to the decision, the order rules (no decision before rights; never bed and breakfast;
//! section 20 for a child in need who requires accommodation), the link from section 20 to a
//! care episode, and who may see what.
use chrono::{Duration, NaiveDate};
use reqwest::StatusCode;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::{Value, json};
use uuid::Uuid;

use crate::helpers::{TestApp, spawn_app};

const CASES: &str = "/api/v1/homelessness/cases";

/// A date of birth that made someone `years` old today and for the three months before.
fn born_years_ago(app: &TestApp, years: u32) -> NaiveDate {
    app.today()
        .checked_sub_months(chrono::Months::new(years * 12 + 3))
        .unwrap()
}

async fn user_id(app: &TestApp, email: &str) -> Uuid {
    entity::user::Entity::find()
        .filter(entity::user::Column::Email.eq(email))
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap()
        .id
}

/// Hana Housing records a new 16-year-old presenting today, with Sean Worker named.
async fn open_case(app: &TestApp, presented_on: NaiveDate) -> Value {
    let housing = app.token_for("housing@example.org").await;
    let opened = app
        .post(
            CASES,
            &housing,
            json!({
                "new_young_person": {
                    "given_name": "Alex",
                    "family_name": "Morgan",
                    "date_of_birth": born_years_ago(app, 16).to_string(),
                },
                "presented_on": presented_on.to_string(),
                "presented": "housing",
                "staying_tonight": "A friend's sofa, one more night",
                "safe_tonight": false,
                "social_worker_id": user_id(app, "sw@example.org").await,
            }),
        )
        .await;
    assert_eq!(opened.status, StatusCode::CREATED, "{}", opened.body);
    opened.body
}

fn every_area() -> Vec<&'static str> {
    vec![
        "accommodation",
        "family_and_relationships",
        "emotional_and_behavioural_development",
        "education_training_and_employment",
        "money_and_independent_living_skills",
        "health",
        "safety_and_risks",
    ]
}

fn rights_today(app: &TestApp) -> Value {
    json!({
        "given_on": app.today().to_string(),
        "routes_explained": ["section_20", "section_17_and_part_7", "part_7"],
        "advocate_offered_on": app.today().to_string(),
        "advocate_accepted": false,
    })
}

/// A worker on the case records that the young person was told every route today.
async fn explain_rights(app: &TestApp, token: &str, id: &str) {
    let told = app
        .post(
            &format!("{CASES}/{id}/rights-information"),
            token,
            rights_today(app),
        )
        .await;
    assert_eq!(told.status, StatusCode::CREATED, "{}", told.body);
}

#[tokio::test]
async fn a_housing_officer_opens_a_case_and_the_joint_assessment_is_due_in_10_working_days() {
    let app = spawn_app().await;
    let case = open_case(&app, app.today()).await;
    assert_eq!(case["young_person_name"], "Alex Morgan");
    assert_eq!(case["stage"], "presented");
    assert_eq!(case["housing_officer"]["name"], "Hana Housing");
    assert_eq!(case["social_worker"]["name"], "Sean Worker");
    let due = api::domain::homelessness::assessment_due(app.today(), 10);
    assert_eq!(case["assessment_due_on"], due.to_string());
    assert_eq!(case["assessment_status"], "due_soon");

    // Presented 3 weeks ago and not yet assessed: overdue on every list.
    let late = open_case(&app, app.today() - Duration::days(21)).await;
    assert_eq!(late["assessment_status"], "overdue");
    let sw = app.token_for("sw@example.org").await;
    let listed = app.get(CASES, &sw).await;
    let statuses: Vec<&str> = listed
        .body
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["assessment_status"].as_str().unwrap())
        .collect();
    assert_eq!(
        statuses,
        ["overdue", "due_soon"],
        "the longest waiting first"
    );

    // Completed on the day it was due is on time.
    let id = late["id"].as_str().unwrap();
    let presented = app.today() - Duration::days(21);
    let due = api::domain::homelessness::assessment_due(presented, 10);
    let assessed = app
        .put(
            &format!("{CASES}/{id}/assessment"),
            &sw,
            json!({
                "started_on": presented.to_string(),
                "completed_on": due.to_string(),
                "areas": every_area(),
                "requires_accommodation": false,
            }),
        )
        .await;
    assert_eq!(assessed.status, StatusCode::OK, "{}", assessed.body);
    assert_eq!(assessed.body["assessment_status"], "met");
    assert_eq!(assessed.body["stage"], "assessed");

    // Two asked for help; the one assessment that has fell due was on time.
    let manager = app.token_for("manager@example.org").await;
    let figures = app.get("/api/v1/homelessness/figures", &manager).await;
    assert_eq!(figures.status, StatusCode::OK, "{}", figures.body);
    let this_year = api::domain::timeliness::ReportingYear::containing(app.today());
    let asked_this_year = [app.today(), presented]
        .iter()
        .filter(|day| this_year.contains(**day))
        .count();
    assert_eq!(figures.body["cases"], asked_this_year);
    let due_this_year = usize::from(this_year.contains(due));
    assert_eq!(figures.body["assessments"]["due"], due_this_year);
    assert_eq!(figures.body["assessments"]["on_time"], due_this_year);
}

#[tokio::test]
async fn only_16_and_17_year_olds_with_somewhere_named_for_tonight_and_nothing_stored_otherwise() {
    let app = spawn_app().await;
    let housing = app.token_for("housing@example.org").await;
    let refused = app
        .post(
            CASES,
            &housing,
            json!({
                "new_young_person": {"given_name": "Sam", "family_name": "Older", "date_of_birth": born_years_ago(&app, 18).to_string()},
                "presented_on": app.today().to_string(),
                "presented": "police",
                "staying_tonight": "  ",
                "safe_tonight": true,
            }),
        )
        .await;
    let problem = refused.problem(422);
    assert!(problem["errors"]["date_of_birth"].is_array(), "{problem}");
    assert!(problem["errors"]["staying_tonight"].is_array(), "{problem}");
    assert!(
        entity::homeless_case::Entity::find()
            .all(&app.state.db)
            .await
            .unwrap()
            .is_empty()
    );
    let people = entity::young_person::Entity::find()
        .filter(entity::young_person::Column::FamilyName.eq("Older"))
        .all(&app.state.db)
        .await
        .unwrap();
    assert!(people.is_empty(), "no record is made for a refused case");
}

#[tokio::test]
async fn bed_and_breakfast_is_refused_and_other_interim_accommodation_is_kept() {
    let app = spawn_app().await;
    let case = open_case(&app, app.today()).await;
    let id = case["id"].as_str().unwrap();
    let housing = app.token_for("housing@example.org").await;
    let stay = |kind: &str| json!({"kind": kind, "place": "The Grand Hotel", "from_on": app.today().to_string()});
    let refused = app
        .post(
            &format!("{CASES}/{id}/interim-accommodation"),
            &housing,
            stay("bed_and_breakfast"),
        )
        .await;
    let message = refused.problem(422)["errors"]["kind"][0]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(
        message.starts_with("Bed and breakfast is never suitable"),
        "{message}"
    );
    let kept = app
        .post(
            &format!("{CASES}/{id}/interim-accommodation"),
            &housing,
            stay("supported_accommodation"),
        )
        .await;
    assert_eq!(kept.status, StatusCode::CREATED, "{}", kept.body);
    assert_eq!(kept.body["interim_stays"].as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn a_late_joint_assessment_is_on_the_authority_wide_overdue_list_until_done_or_decided() {
    let app = spawn_app().await;
    let manager = app.token_for("manager@example.org").await;
    let sw = app.token_for("sw@example.org").await;
    const OVERDUE: &str = "/api/v1/obligations?status=overdue&kind=homeless_joint_assessment";
    let presented = app.today() - Duration::days(21);
    let due = api::domain::homelessness::assessment_due(presented, 10);

    let late = open_case(&app, presented).await;
    let overdue = app.get(OVERDUE, &manager).await;
    assert_eq!(overdue.status, StatusCode::OK, "{}", overdue.body);
    assert_eq!(overdue.body["total"], 1, "{}", overdue.body);
    assert_eq!(
        overdue.body["items"][0]["young_person_id"],
        late["young_person_id"]
    );
    assert_eq!(overdue.body["items"][0]["due_on"], due.to_string());

    // Completed today, a week or so late: off the overdue list, and kept as met late.
    let id = late["id"].as_str().unwrap();
    let assessed = app
        .put(
            &format!("{CASES}/{id}/assessment"),
            &sw,
            json!({
                "started_on": presented.to_string(),
                "completed_on": app.today().to_string(),
                "areas": every_area(),
                "requires_accommodation": false,
            }),
        )
        .await;
    assert_eq!(assessed.status, StatusCode::OK, "{}", assessed.body);
    assert_eq!(app.get(OVERDUE, &manager).await.body["total"], 0);
    let young_person_id = late["young_person_id"].as_str().unwrap();
    let theirs = app
        .get(
            &format!("/api/v1/young-people/{young_person_id}/obligations"),
            &manager,
        )
        .await;
    assert_eq!(theirs.status, StatusCode::OK, "{}", theirs.body);
    let assessment: Vec<&Value> = theirs.body["obligations"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|o| o["kind"] == "homeless_joint_assessment")
        .collect();
    assert_eq!(assessment.len(), 1, "{}", theirs.body);
    assert_eq!(assessment[0]["status"], "met_late");

    // Another went home before being assessed: once decided, the assessment is not owed.
    let went_home = open_case(&app, presented).await;
    assert_eq!(app.get(OVERDUE, &manager).await.body["total"], 1);
    let id = went_home["id"].as_str().unwrap();
    explain_rights(&app, &sw, id).await;
    let decided = app
        .post(
            &format!("{CASES}/{id}/decision"),
            &sw,
            json!({
                "outcome": "returned_home",
                "decided_on": app.today().to_string(),
                "reasons": "Alex and their mum agreed Alex goes home, with support",
                "declined_section_20": false,
            }),
        )
        .await;
    assert_eq!(decided.status, StatusCode::CREATED, "{}", decided.body);
    assert_eq!(app.get(OVERDUE, &manager).await.body["total"], 0);
}

#[tokio::test]
async fn no_decision_before_rights_and_a_child_in_need_who_needs_accommodation_gets_section_20() {
    let app = spawn_app().await;
    let case = open_case(&app, app.today()).await;
    let id = case["id"].as_str().unwrap();
    let young_person_id: Uuid = case["young_person_id"].as_str().unwrap().parse().unwrap();
    let sw = app.token_for("sw@example.org").await;
    let assessed = app
        .put(
            &format!("{CASES}/{id}/assessment"),
            &sw,
            json!({
                "started_on": app.today().to_string(),
                "completed_on": app.today().to_string(),
                "areas": every_area(),
                "views_and_wishes": "Wants to stay near college",
                "requires_accommodation": true,
            }),
        )
        .await;
    assert_eq!(assessed.status, StatusCode::OK, "{}", assessed.body);
    let decide = |outcome: &str, declined: bool| {
        json!({
            "outcome": outcome,
            "decided_on": app.today().to_string(),
            "reasons": "Talked through with Alex and their advocate",
            "declined_section_20": declined,
        })
    };
    let too_soon = app
        .post(
            &format!("{CASES}/{id}/decision"),
            &sw,
            decide("section_20", false),
        )
        .await;
    let message = too_soon.problem(422)["errors"]["outcome"][0]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(message.contains("told their rights"), "{message}");

    let mut partly = rights_today(&app);
    partly["routes_explained"] = json!(["part_7"]);
    let refused = app
        .post(&format!("{CASES}/{id}/rights-information"), &sw, partly)
        .await;
    assert!(refused.problem(422)["errors"]["routes_explained"].is_array());
    explain_rights(&app, &sw, id).await;

    let housing_only = app
        .post(
            &format!("{CASES}/{id}/decision"),
            &sw,
            decide("part_7", false),
        )
        .await;
    let message = housing_only.problem(422)["errors"]["outcome"][0]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(
        message.contains("section 20"),
        "the Southwark rule: {message}"
    );
    assert!(
        entity::care_episode::Entity::find()
            .filter(entity::care_episode::Column::YoungPersonId.eq(young_person_id))
            .all(&app.state.db)
            .await
            .unwrap()
            .is_empty()
    );

    let accommodated = app
        .post(
            &format!("{CASES}/{id}/decision"),
            &sw,
            decide("section_20", false),
        )
        .await;
    assert_eq!(
        accommodated.status,
        StatusCode::CREATED,
        "{}",
        accommodated.body
    );
    assert_eq!(accommodated.body["stage"], "decided");
    let episode: Uuid = accommodated.body["decision"]["care_episode_id"]
        .as_str()
        .unwrap()
        .parse()
        .unwrap();
    let started = entity::care_episode::Entity::find_by_id(episode)
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (started.legal_status.as_str(), started.started_on),
        ("s20", app.today())
    );
    // Looked after from today: the first review's clock is running, on the social worker's list.
    let obligations = app
        .get(
            &format!("/api/v1/young-people/{young_person_id}/obligations"),
            &sw,
        )
        .await;
    assert_eq!(obligations.status, StatusCode::OK, "{}", obligations.body);
    assert!(
        obligations.body.to_string().contains("lac_review"),
        "{}",
        obligations.body
    );
    let again = app
        .post(
            &format!("{CASES}/{id}/decision"),
            &sw,
            decide("section_20", false),
        )
        .await;
    assert_eq!(again.status, StatusCode::CONFLICT);
}

#[tokio::test]
async fn the_young_person_says_in_their_own_session_whether_they_understood() {
    let app = spawn_app().await;
    let housing = app.token_for("housing@example.org").await;
    let sam = app.young_person_id("Sam").await;
    let opened = app
        .post(
            CASES,
            &housing,
            json!({
                "young_person_id": sam,
                "presented_on": app.today().to_string(),
                "presented": "childrens_services",
                "staying_tonight": "With their aunt",
                "safe_tonight": true,
            }),
        )
        .await;
    assert_eq!(opened.status, StatusCode::CREATED, "{}", opened.body);
    let id = opened.body["id"].as_str().unwrap();
    let answer = format!("{CASES}/{id}/rights-information/answer");
    let young_person = app.token_for("sam@example.org").await;
    assert_eq!(
        app.get(&format!("{CASES}/{id}"), &young_person)
            .await
            .status,
        StatusCode::OK
    );
    let before = app
        .post(&answer, &young_person, json!({"understood": true}))
        .await;
    assert_eq!(before.status, StatusCode::CONFLICT, "nothing to answer yet");

    explain_rights(&app, &housing, id).await;
    let again = app
        .post(&answer, &young_person, json!({"understood": false}))
        .await;
    assert_eq!(again.status, StatusCode::OK, "{}", again.body);
    assert_eq!(again.body["needs_explaining_again"], true);
    assert_eq!(
        app.post(&answer, &housing, json!({"understood": true}))
            .await
            .status,
        StatusCode::NOT_FOUND,
        "only the young person answers for themselves"
    );
}

#[tokio::test]
async fn a_housing_officer_sees_only_their_cases_and_nothing_else_of_the_young_persons_record() {
    let app = spawn_app().await;
    let case = open_case(&app, app.today()).await;
    let id = case["id"].as_str().unwrap();
    let young_person_id = case["young_person_id"].as_str().unwrap();
    let housing = app.token_for("housing@example.org").await;
    for path in [
        format!("/api/v1/young-people/{young_person_id}"),
        format!("/api/v1/young-people/{young_person_id}/health-history"),
        format!("/api/v1/young-people/{young_person_id}/pathway-plan"),
    ] {
        let refused = app.get(&path, &housing).await;
        assert!(
            [StatusCode::FORBIDDEN, StatusCode::NOT_FOUND].contains(&refused.status),
            "{path}: {}",
            refused.status
        );
    }
    let pa = app.token_for("pa@example.org").await;
    assert_eq!(app.get(CASES, &pa).await.status, StatusCode::FORBIDDEN);
    assert_eq!(
        app.get(&format!("{CASES}/{id}"), &pa).await.status,
        StatusCode::NOT_FOUND
    );
    let manager = app.token_for("manager@example.org").await;
    assert_eq!(
        app.get(&format!("{CASES}/{id}"), &manager).await.status,
        StatusCode::OK
    );
    assert_eq!(
        app.put(
            &format!("{CASES}/{id}/assessment"),
            &manager,
            json!({"areas": []})
        )
        .await
        .status,
        StatusCode::NOT_FOUND,
        "managers read; the workers on the case record"
    );
    // Every read is in the young person's access log.
    let logged = entity::access_log_entry::Entity::find()
        .filter(entity::access_log_entry::Column::Action.eq("homelessness_case"))
        .all(&app.state.db)
        .await
        .unwrap();
    assert!(logged.iter().any(|e| e.actor_role == "manager"));
}

//! Homelessness in the portal, as the workers and the young person use it with JavaScript off:
//! the housing officer records a 16-year-old asking for help, bed and breakfast is refused,
//! the social worker records the assessment and the rights, the young person says on their own
//! phone that they understood, and the decision under section 20 is recorded.
use chrono::Datelike;
use reqwest::StatusCode;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use crate::{
    helpers::spawn_app,
    portal::{sign_in_young_person, signed_in},
};

fn date_fields(prefix: &str, day: chrono::NaiveDate) -> Vec<(String, String)> {
    vec![
        (format!("{prefix}_day"), day.day().to_string()),
        (format!("{prefix}_month"), day.month().to_string()),
        (format!("{prefix}_year"), day.year().to_string()),
    ]
}

fn form(pairs: &[(String, String)]) -> Vec<(&str, &str)> {
    pairs
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect()
}

#[tokio::test]
async fn a_case_from_asking_for_help_to_a_decision_with_the_young_person_confirming_their_rights() {
    let app = spawn_app().await;
    let today = app.today();
    let mut housing = signed_in(&app, "housing@example.org").await;
    let home = housing.get("/staff").await;
    assert!(home.body.contains("Homeless 16 and 17 year olds"));
    assert!(
        home.body
            .contains("You are not working on any homelessness cases.")
    );

    housing.get("/staff/homelessness/new").await;
    let incomplete = housing
        .post("/staff/homelessness/new", &[("given_name", "Alex")])
        .await;
    assert_eq!(incomplete.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(incomplete.body.contains("There is a problem"));
    assert!(incomplete.body.contains("href=\"#date-of-birth\""));
    assert!(
        incomplete.body.contains("value=\"Alex\""),
        "what was typed is kept"
    );

    let sean = entity::user::Entity::find()
        .filter(entity::user::Column::Email.eq("sw@example.org"))
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap()
        .id;
    let born = today
        .checked_sub_months(chrono::Months::new(16 * 12 + 2))
        .unwrap();
    let mut opening: Vec<(String, String)> = vec![
        ("given_name".into(), "Alex".into()),
        ("family_name".into(), "Morgan".into()),
        ("email".into(), "alex@example.org".into()),
        ("presented".into(), "housing".into()),
        ("staying_tonight".into(), "A friend's sofa".into()),
        ("safe_tonight".into(), "no".into()),
        ("social_worker_id".into(), sean.to_string()),
    ];
    opening.extend(date_fields("date_of_birth", born));
    opening.extend(date_fields("presented_on", today));
    let opened = housing
        .post("/staff/homelessness/new", &form(&opening))
        .await;
    assert_eq!(opened.status, StatusCode::SEE_OTHER, "{}", opened.body);
    let case = opened.location().to_owned();
    let page = housing.get(&case).await;
    assert!(page.body.contains("Alex Morgan"));
    assert!(page.body.contains("Not safe tonight"));
    assert!(
        housing
            .get("/staff")
            .await
            .body
            .contains(&format!("href=\"{case}\""))
    );

    let mut bed_and_breakfast: Vec<(String, String)> = vec![
        ("kind".into(), "bed_and_breakfast".into()),
        ("place".into(), "The Station Hotel".into()),
    ];
    bed_and_breakfast.extend(date_fields("from_on", today));
    let refused = housing
        .post(
            &format!("{case}/interim-accommodation"),
            &form(&bed_and_breakfast),
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.body.contains("Bed and breakfast is never suitable"));

    // The social worker named on the case finds it on their home page; the IRO does not.
    let mut social_worker = signed_in(&app, "sw@example.org").await;
    assert!(
        social_worker
            .get("/staff")
            .await
            .body
            .contains(&format!("href=\"{case}\""))
    );
    let assessment_form = social_worker.get(&format!("{case}/assessment")).await;
    assert!(assessment_form.body.contains("Sean Worker"));
    let mut iro = signed_in(&app, "iro@example.org").await;
    assert_eq!(iro.get(&case).await.status, StatusCode::NOT_FOUND);

    let mut assessment: Vec<(String, String)> = [
        "accommodation",
        "family_and_relationships",
        "emotional_and_behavioural_development",
        "education_training_and_employment",
        "money_and_independent_living_skills",
        "health",
        "safety_and_risks",
    ]
    .iter()
    .map(|area| ("areas".to_owned(), (*area).to_owned()))
    .collect();
    assessment.push(("requires_accommodation".into(), "yes".into()));
    assessment.push((
        "views_and_wishes".into(),
        "Wants to stay near college".into(),
    ));
    assessment.extend(date_fields("started_on", today));
    assessment.extend(date_fields("completed_on", today));
    let assessed = housing
        .post(&format!("{case}/assessment"), &form(&assessment))
        .await;
    assert_eq!(assessed.status, StatusCode::SEE_OTHER, "{}", assessed.body);

    let mut deciding: Vec<(String, String)> = vec![
        ("outcome".into(), "section_20".into()),
        (
            "reasons".into(),
            "Alex needs somewhere safe and wants support".into(),
        ),
    ];
    deciding.extend(date_fields("decided_on", today));
    let too_soon = housing
        .post(&format!("{case}/decision"), &form(&deciding))
        .await;
    assert_eq!(too_soon.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        too_soon.body.contains("told their rights"),
        "{}",
        too_soon.body
    );

    let mut rights: Vec<(String, String)> = ["section_20", "section_17_and_part_7", "part_7"]
        .iter()
        .map(|route| ("routes_explained".to_owned(), (*route).to_owned()))
        .collect();
    rights.push(("advocate_accepted".into(), "no".into()));
    rights.extend(date_fields("given_on", today));
    rights.extend(date_fields("advocate_offered_on", today));
    let told = housing
        .post(&format!("{case}/rights"), &form(&rights))
        .await;
    assert_eq!(told.status, StatusCode::SEE_OTHER, "{}", told.body);
    assert!(housing.get(&case).await.body.contains("Not answered yet"));

    let mut alex = sign_in_young_person(&app, "alex@example.org", 0).await;
    assert!(alex.get("/home").await.body.contains("href=\"/my/rights\""));
    let rights_page = alex.get("/my/rights").await;
    assert!(rights_page.body.contains("services (section 20)"));
    assert!(
        rights_page
            .body
            .contains("Hana Housing talked you through these")
    );
    let answered = alex.post("/my/rights", &[("understood", "yes")]).await;
    assert_eq!(answered.location(), "/my/rights#answer");
    assert!(
        alex.get("/my/rights")
            .await
            .body
            .contains("You told us you understood this")
    );
    assert!(housing.get(&case).await.body.contains(">Understood<"));

    let decided = housing
        .post(&format!("{case}/decision"), &form(&deciding))
        .await;
    assert_eq!(decided.status, StatusCode::SEE_OTHER, "{}", decided.body);
    let page = housing.get(&case).await;
    assert!(page.body.contains("Accommodated under section 20"));
    let home = housing.get("/staff").await.body;
    assert!(
        home.contains(
            "Confirmed they understood their rights</dt><dd class=\"summary-list__value\">1 of 1"
        ),
        "{home}"
    );
    assert!(home.contains("Accommodated under section 20</dt><dd class=\"summary-list__value\">1"));
    assert!(page.body.contains("Sean Worker"), "who decided");
}

//! Health histories over the API: who reads them, what the young person sees, corrections
//! that keep the original, NHS numbers, and the dental check clock.
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::helpers::spawn_app;

fn titles(list: &Value) -> Vec<String> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|e| e["title"].as_str().unwrap().to_owned())
        .collect()
}

fn find<'a>(list: &'a Value, entry_id: &str) -> &'a Value {
    list.as_array()
        .unwrap()
        .iter()
        .find(|e| e["entry_id"] == entry_id)
        .unwrap_or_else(|| panic!("{entry_id} is not in {list}"))
}

#[tokio::test]
async fn a_pa_records_an_immunisation_the_young_person_sees_it_and_a_correction_keeps_the_original()
{
    let app = spawn_app().await;
    let pa = app.token_for("pa@example.org").await;
    let jess_token = app.token_for("jess@example.org").await;
    let jess = app.young_person_id("Jess").await;
    let given_on = app.today() - chrono::Duration::days(3);

    let added = app
        .post(
            &format!("/api/v1/young-people/{jess}/health-history/immunisations"),
            &pa,
            json!({"vaccine": "men_b", "given_on": given_on.to_string(), "dose": "1st dose",
                   "where_given": "Park Road Surgery", "source": "GP record"}),
        )
        .await;
    assert_eq!(added.status, StatusCode::CREATED, "{}", added.body);
    assert_eq!(added.body["version"], 1);
    let entry_id = added.body["entry_id"].as_str().unwrap().to_owned();

    let seen = app
        .get(
            &format!("/api/v1/young-people/{jess}/health-history"),
            &jess_token,
        )
        .await;
    assert_eq!(seen.status, StatusCode::OK, "{}", seen.body);
    let mine = find(&seen.body["immunisations"], &entry_id);
    assert_eq!(mine["title"], "MenB");
    assert_eq!(
        mine["protects_against"],
        "Meningitis B, which causes meningitis and sepsis"
    );
    assert_eq!(mine["happened_on"], given_on.to_string());
    assert_eq!(mine["recorded_by"], "Priya Adviser");
    assert_eq!(mine["corrected"], false);

    let path = format!("/api/v1/young-people/{jess}/health-history/immunisations/{entry_id}");
    let no_reason = app.put(&path,
        &pa,
        json!({"correction_reason": " ", "immunisation": {"vaccine": "men_b", "given_on": given_on.to_string()}}),
    )
    .await;
    assert_eq!(
        no_reason.problem(422)["errors"]["correction_reason"][0],
        "Enter why you are correcting this"
    );
    let corrected_on = given_on - chrono::Duration::days(1);
    let corrected = app.put(&path,
        &pa,
        json!({"correction_reason": "The surgery's letter gives the day before",
               "immunisation": {"vaccine": "men_b", "given_on": corrected_on.to_string(), "dose": "1st dose"}}),
    )
    .await;
    assert_eq!(corrected.status, StatusCode::OK, "{}", corrected.body);
    assert_eq!(corrected.body["version"], 2);

    let seen = app
        .get(
            &format!("/api/v1/young-people/{jess}/health-history"),
            &jess_token,
        )
        .await;
    let mine = find(&seen.body["immunisations"], &entry_id);
    assert_eq!(mine["happened_on"], corrected_on.to_string());
    assert_eq!(mine["corrected"], true);
    assert_eq!(
        mine["correction_reason"],
        "The surgery's letter gives the day before"
    );
    let versions = app
        .get(
            &format!("/api/v1/young-people/{jess}/health-history/entries/{entry_id}"),
            &jess_token,
        )
        .await;
    assert_eq!(versions.status, StatusCode::OK, "{}", versions.body);
    let versions = versions.body["versions"].as_array().unwrap();
    assert_eq!(versions.len(), 2);
    assert_eq!(versions[0]["happened_on"], corrected_on.to_string());
    assert_eq!(
        versions[1]["happened_on"],
        given_on.to_string(),
        "the original is kept"
    );
    assert_eq!(versions[1]["where_given"], "Park Road Surgery");

    // A correction keeps the kind of record: an immunisation cannot become a check.
    let as_a_check = app.put(&format!("/api/v1/young-people/{jess}/health-history/checks/{entry_id}"),
        &pa,
        json!({"correction_reason": "Wrong kind", "check": {"kind": "dental", "checked_on": given_on.to_string(), "result": "Fine"}}),
    )
    .await;
    as_a_check.problem(404);
}

#[tokio::test]
async fn a_young_person_cannot_read_anothers_history_and_a_housing_officer_cannot_read_any() {
    let app = spawn_app().await;
    let jess = app.young_person_id("Jess").await;
    let path = format!("/api/v1/young-people/{jess}/health-history");

    let sam = app.token_for("sam@example.org").await;
    app.get(&path, &sam).await.problem(404);
    for refused in ["housing@example.org", "pf@example.org", "admin@example.org"] {
        let token = app.token_for(refused).await;
        app.get(&path, &token).await.problem(403);
    }
    for allowed in [
        "jess@example.org",
        "pa@example.org",
        "sw@example.org",
        "iro@example.org",
        "manager@example.org",
    ] {
        let token = app.token_for(allowed).await;
        let reply = app.get(&path, &token).await;
        assert_eq!(reply.status, StatusCode::OK, "{allowed}: {}", reply.body);
        assert!(
            titles(&reply.body["immunisations"]).contains(&"MMR".to_owned()),
            "{allowed}"
        );
    }
    // Reading is for the child's team; keeping the record is for their PA and social worker.
    let check = json!({"kind": "sight", "checked_on": app.today().to_string(), "result": "Normal"});
    let add = format!("/api/v1/young-people/{jess}/health-history/checks");
    for refused in ["iro@example.org", "jess@example.org", "housing@example.org"] {
        let token = app.token_for(refused).await;
        app.post(&add, &token, check.clone()).await.problem(403);
    }
    let sw = app.token_for("sw@example.org").await;
    assert_eq!(app.post(&add, &sw, check).await.status, StatusCode::CREATED);

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
            .contains("Looked at your health history"),
        "reads go to the young person's access log: {}",
        views.body
    );
}

#[tokio::test]
async fn nhs_numbers_must_have_the_right_check_digit_and_old_details_are_kept() {
    let app = spawn_app().await;
    let pa = app.token_for("pa@example.org").await;
    let jess = app.young_person_id("Jess").await;
    let path = format!("/api/v1/young-people/{jess}/health-details");

    let wrong = app
        .put(&path, &pa, json!({"nhs_number": "943 476 5918"}))
        .await;
    assert!(
        wrong.problem(422)["errors"]["nhs_number"][0]
            .as_str()
            .unwrap()
            .contains("not a valid one")
    );
    let short = app.put(&path, &pa, json!({"nhs_number": "943 476"})).await;
    assert!(
        short.problem(422)["errors"]["nhs_number"][0]
            .as_str()
            .unwrap()
            .contains("10 numbers")
    );
    let history = app
        .get(&format!("/api/v1/young-people/{jess}/health-history"), &pa)
        .await;
    assert_eq!(
        history.body["details"]["nhs_number"], "943 476 5919",
        "a refused change changes nothing"
    );

    let saved = app
        .put(
            &path,
            &pa,
            json!({"nhs_number": "4010232137", "gp_practice": "Beach Road Medical Centre",
               "gp_phone": "0151 496 0777", "change_reason": "Moved to a new GP"}),
        )
        .await;
    assert_eq!(saved.status, StatusCode::NO_CONTENT, "{}", saved.body);
    let history = app
        .get(&format!("/api/v1/young-people/{jess}/health-history"), &pa)
        .await;
    let details = &history.body["details"];
    assert_eq!(details["nhs_number"], "401 023 2137");
    assert_eq!(details["gp_practice"], "Beach Road Medical Centre");
    assert_eq!(details["dentist"], Value::Null, "a blank is not known");
    use sea_orm::EntityTrait;
    let stored = entity::health_detail::Entity::find()
        .all(&app.state.db)
        .await
        .unwrap()
        .into_iter()
        .filter(|d| d.young_person_id == jess)
        .count();
    assert_eq!(stored, 2, "the details before are kept");
}

#[tokio::test]
async fn entries_not_yet_shared_are_held_back_from_the_young_person_and_counted() {
    let app = spawn_app().await;
    let sw = app.token_for("sw@example.org").await;
    let sam_token = app.token_for("sam@example.org").await;
    let sam = app.young_person_id("Sam").await;
    let path = format!("/api/v1/young-people/{sam}/health-history");

    let staff_view = app.get(&path, &sw).await;
    let hearing = staff_view.body["checks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["kind"] == "hearing")
        .expect("the demo hearing test")
        .clone();
    assert_eq!(hearing["shared"], false);
    assert!(
        hearing["not_shared_reason"]
            .as_str()
            .unwrap()
            .contains("audiologist")
    );
    assert_eq!(staff_view.body["not_yet_shared"], 0);

    let own_view = app.get(&path, &sam_token).await;
    assert!(
        !own_view.body["checks"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["kind"] == "hearing"),
        "{}",
        own_view.body
    );
    assert!(
        !own_view.body.to_string().contains("audiologist"),
        "neither the entry nor the reason reaches Sam"
    );
    assert_eq!(own_view.body["not_yet_shared"], 1);
    let entry_id = hearing["entry_id"].as_str().unwrap();
    app.get(&format!("{path}/entries/{entry_id}"), &sam_token)
        .await
        .problem(404);

    let without_reason = app
        .post(
            &format!("{path}/events"),
            &sw,
            json!({"kind": "condition", "what": "Anxiety", "started_on": app.today().to_string(), "shared": false}),
        )
        .await;
    assert_eq!(
        without_reason.problem(422)["errors"]["not_shared_reason"][0],
        "Say why the young person should not see this yet"
    );

    // Once it has been explained, sharing it is a correction like any other.
    let shared = app.put(&format!("{path}/checks/{entry_id}"),
        &sw,
        json!({"correction_reason": "Explained at the audiology appointment",
               "check": {"kind": "hearing", "checked_on": hearing["happened_on"], "result": hearing["result"]}}),
    )
    .await;
    assert_eq!(shared.status, StatusCode::OK, "{}", shared.body);
    let own_view = app.get(&path, &sam_token).await;
    assert_eq!(own_view.body["not_yet_shared"], 0);
    let versions = app
        .get(&format!("{path}/entries/{entry_id}"), &sam_token)
        .await;
    assert_eq!(
        versions.body["versions"].as_array().unwrap().len(),
        1,
        "the version that was held back stays held back: {}",
        versions.body
    );
}

#[tokio::test]
async fn an_overdue_dental_check_shows_on_the_pa_and_social_worker_lists_until_one_is_recorded() {
    let app = spawn_app().await;
    let sam = app.young_person_id("Sam").await;
    let today = app.today();
    let overdue = "/api/v1/obligations?kind=dental_check&status=overdue";
    for staff in ["pa@example.org", "sw@example.org"] {
        let token = app.token_for(staff).await;
        let list = app.get(overdue, &token).await;
        assert_eq!(list.status, StatusCode::OK, "{}", list.body);
        assert_eq!(list.body["total"], 1, "{staff}: {}", list.body);
        assert_eq!(list.body["items"][0]["young_person_id"], sam.to_string());
    }

    let pa = app.token_for("pa@example.org").await;
    let checked = app
        .post(
            &format!("/api/v1/young-people/{sam}/health-history/checks"),
            &pa,
            json!({"kind": "dental", "checked_on": today.to_string(), "result": "Fillings done. Teeth healthy."}),
        )
        .await;
    assert_eq!(checked.status, StatusCode::CREATED, "{}", checked.body);
    assert_eq!(app.get(overdue, &pa).await.body["total"], 0);
    let sam_token = app.token_for("sam@example.org").await;
    let due = app
        .get(
            &format!("/api/v1/young-people/{sam}/obligations"),
            &sam_token,
        )
        .await;
    let dental: Vec<&Value> = due.body["obligations"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|o| o["kind"] == "dental_check")
        .collect();
    let last = dental.last().unwrap();
    assert_eq!(last["status"], "upcoming");
    assert_eq!(
        last["due_on"],
        api::domain::calendar::add_months(today, 6).to_string()
    );
    assert_eq!(dental[dental.len() - 2]["status"], "met_late");
}

#[tokio::test]
async fn in_the_portal_a_pa_checks_their_answers_before_an_immunisation_is_saved_and_jess_sees_it()
{
    use crate::portal::{sign_in_young_person, signed_in};

    let app = spawn_app().await;
    let jess = app.young_person_id("Jess").await;
    let mut pa = signed_in(&app, "pa@example.org").await;
    let home = pa.get("/staff").await;
    let sam_row = &home.body[home
        .body
        .find("Sam Okafor")
        .expect("Sam is in the caseload")..];
    let sam_row = &sam_row[..sam_row.find("</tr>").unwrap()];
    assert!(
        sam_row.contains("Dental check"),
        "Sam's overdue dental check is on the PA's caseload: {sam_row}"
    );
    let record = pa.get(&format!("/staff/young-people/{jess}")).await;
    assert!(
        record
            .body
            .contains(&format!(r#"href="/staff/young-people/{jess}/health""#))
    );

    let form_path = format!("/staff/young-people/{jess}/health/immunisation/new");
    let form = pa.get(&form_path).await;
    assert_eq!(form.status, StatusCode::OK, "{}", form.body);
    assert_eq!(form.title(), "Add an immunisation – Onward");
    let year = (app.today() - chrono::Duration::days(30))
        .format("%Y")
        .to_string();
    let month = (app.today() - chrono::Duration::days(30))
        .format("%-m")
        .to_string();
    let wrong = pa
        .post(
            &form_path,
            &[
                ("vaccine", "other"),
                ("given_on_day", "2"),
                ("given_on_month", &month),
                ("given_on_year", &year),
                ("shared", "no"),
            ],
        )
        .await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(wrong.title().starts_with("Error: "));
    assert!(
        wrong.body.contains(
            r##"<a href="#not-shared-reason">Say why the young person should not see this yet</a>"##
        ),
        "{}",
        wrong.body
    );
    let sent = pa
        .post(
            &form_path,
            &[
                ("vaccine", "other"),
                ("other_vaccine", "Typhoid"),
                ("given_on_day", "2"),
                ("given_on_month", &month),
                ("given_on_year", &year),
                ("where_given", "Travel clinic"),
                ("shared", "yes"),
            ],
        )
        .await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.body);
    let check_path = sent.location().to_owned();
    assert!(check_path.contains("/health/check/"), "{check_path}");

    let before = pa.get(&format!("/staff/young-people/{jess}/health")).await;
    assert!(
        !before.body.contains("Typhoid"),
        "nothing is saved before the answers are checked"
    );
    let check = pa.get(&check_path).await;
    assert_eq!(check.status, StatusCode::OK);
    assert_eq!(check.title(), "Check your answers – Onward");
    assert!(check.body.contains("Typhoid"));
    assert!(check.body.contains("Travel clinic"));
    let change = pa
        .get(&format!(
            "{form_path}?draft={}",
            check_path.rsplit('/').next().unwrap()
        ))
        .await;
    assert!(
        change.body.contains(r#"value="Travel clinic""#),
        "Change shows the answers as given"
    );

    let saved = pa.post(&check_path, &[]).await;
    assert_eq!(
        saved.location(),
        format!("/staff/young-people/{jess}/health?saved=immunisation")
    );
    let history = pa.get(saved.location()).await;
    assert!(history.body.contains("The immunisation has been saved."));
    assert!(history.body.contains("Typhoid"));
    assert_eq!(
        pa.get(&check_path).await.status,
        StatusCode::NOT_FOUND,
        "a draft is used once"
    );

    let mut own = sign_in_young_person(&app, "jess@example.org", 0).await;
    let mine = own.get("/my/health").await;
    assert_eq!(mine.status, StatusCode::OK);
    assert!(mine.body.contains("Typhoid"));
    assert!(mine.body.contains("Measles, mumps and rubella"));
    assert!(mine.body.contains("943 476 5919"));
    assert!(
        mine.body.contains("data-offline-ready"),
        "saved for offline reading"
    );
    assert!(
        !mine.body.contains("talk through with you first"),
        "Jess has nothing held back"
    );
    let other = own.get(&format!("/staff/young-people/{jess}/health")).await;
    assert_eq!(
        other.location(),
        "/home",
        "staff pages are not for young people"
    );
}

#[tokio::test]
async fn sams_page_says_there_is_something_to_talk_about_without_showing_it() {
    use crate::portal::sign_in_young_person;

    let app = spawn_app().await;
    let mut sam = sign_in_young_person(&app, "sam@example.org", 0).await;
    let page = sam.get("/my/health").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("talk through with you first"));
    assert!(!page.body.contains("hearing loss"));
    assert!(!page.body.contains("audiologist"));
}

#[tokio::test]
async fn corrections_made_at_the_same_moment_never_leave_two_current_versions() {
    use entity::health_entry;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

    let app = spawn_app().await;
    let pa = app.token_for("pa@example.org").await;
    let sw = app.token_for("sw@example.org").await;
    let jess = app.young_person_id("Jess").await;
    let added = app
        .post(
            &format!("/api/v1/young-people/{jess}/health-history/checks"),
            &pa,
            json!({"kind": "sight", "checked_on": app.today().to_string(), "result": "Normal"}),
        )
        .await;
    let entry_id = added.body["entry_id"].as_str().unwrap().to_owned();
    let path = format!("/api/v1/young-people/{jess}/health-history/checks/{entry_id}");
    let correct = |token: String, result: &'static str| {
        let app = &app;
        let path = path.clone();
        async move {
            app.put(&path,
                &token,
                json!({"correction_reason": "Typed the wrong result",
                       "check": {"kind": "sight", "checked_on": app.today().to_string(), "result": result}}),
            )
            .await
            .status
        }
    };
    let (a, b, c, d) = tokio::join!(
        correct(pa.clone(), "Needs glasses for reading"),
        correct(sw.clone(), "Needs glasses for distance"),
        correct(pa.clone(), "Needs glasses"),
        correct(sw.clone(), "Short-sighted"),
    );
    let statuses = [a, b, c, d];
    for status in &statuses {
        assert!(
            *status == StatusCode::OK || *status == StatusCode::CONFLICT,
            "{statuses:?}"
        );
    }
    let versions = health_entry::Entity::find()
        .filter(health_entry::Column::EntryId.eq(entry_id.parse::<uuid::Uuid>().unwrap()))
        .all(&app.state.db)
        .await
        .unwrap();
    assert_eq!(
        versions.iter().filter(|v| v.replaced_at.is_none()).count(),
        1,
        "one current version"
    );
    let mut numbers: Vec<i32> = versions.iter().map(|v| v.version).collect();
    numbers.sort();
    let saved = statuses.iter().filter(|s| **s == StatusCode::OK).count();
    assert_eq!(
        numbers,
        (1..=1 + saved as i32).collect::<Vec<_>>(),
        "every saved correction is a version"
    );
}

#[tokio::test]
async fn a_social_worker_records_a_health_assessment_written_for_the_young_person_who_reads_it() {
    use crate::portal::{sign_in_young_person, signed_in};

    let app = spawn_app().await;
    let sam = app.young_person_id("Sam").await;
    let form_path = format!("/staff/young-people/{sam}/health/assessment/new");
    let mut pa = signed_in(&app, "pa@example.org").await;
    assert_eq!(
        pa.get(&form_path).await.status,
        StatusCode::FORBIDDEN,
        "assessments are care records, which PAs do not keep"
    );

    let mut sw = signed_in(&app, "sw@example.org").await;
    let done = app.today() - chrono::Duration::days(5);
    let (day, month, year) = (
        done.format("%-d").to_string(),
        done.format("%-m").to_string(),
        done.format("%Y").to_string(),
    );
    let sent = sw
        .post(
            &form_path,
            &[
                ("kind", "review"),
                ("completed_on_day", &day),
                ("completed_on_month", &month),
                ("completed_on_year", &year),
                (
                    "summary",
                    "You are growing well. Your hearing will be checked again.",
                ),
                (
                    "recommendations",
                    "See the audiologist next month. Keep up football.",
                ),
            ],
        )
        .await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.body);
    let check = sw.get(sent.location()).await;
    assert!(check.body.contains("Review health assessment"));
    let saved = sw.post(sent.location(), &[]).await;
    assert_eq!(
        saved.location(),
        format!("/staff/young-people/{sam}/health?saved=assessment")
    );

    let mut own = sign_in_young_person(&app, "sam@example.org", 0).await;
    let page = own.get("/my/health").await;
    assert!(
        page.body
            .contains("You are growing well. Your hearing will be checked again.")
    );
    assert!(
        page.body
            .contains("See the audiologist next month. Keep up football.")
    );
}

//! A worker's caseload: their young people with overdue deadlines, the next plan review, the
//! last contact and requests waiting, sorted by what needs attention first; over the API and
//! on the PA's home page.
use reqwest::StatusCode;
use serde_json::{Value, json};
use uuid::Uuid;

use crate::{
    helpers::{TestApp, spawn_app},
    portal::signed_in,
};

fn entry(caseload: &Value, id: Uuid) -> &Value {
    caseload["items"]
        .as_array()
        .expect("items")
        .iter()
        .find(|e| e["young_person_id"] == id.to_string())
        .unwrap_or_else(|| panic!("{id} is not in the caseload: {caseload}"))
}

fn order(caseload: &Value) -> Vec<String> {
    caseload["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|e| e["given_name"].as_str().unwrap().to_owned())
        .collect()
}

/// A new young person with nothing recorded yet, allocated to the demo PA by the manager.
async fn allocate_new_young_person_to_the_pa(
    app: &TestApp,
    manager: &str,
    given_name: &str,
) -> Uuid {
    let created = app
        .post(
            "/api/v1/young-people",
            manager,
            json!({"given_name": given_name, "family_name": "Example", "date_of_birth": "2008-04-02"}),
        )
        .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
    let id: Uuid = created.body["id"].as_str().unwrap().parse().unwrap();
    let pa_id = app.get("/api/v1/staff?role=pa", manager).await.body["staff"][0]["id"].clone();
    let allocated = app
        .post(
            &format!("/api/v1/young-people/{id}/allocations"),
            manager,
            json!({"staff_user_id": pa_id, "role": "pa"}),
        )
        .await;
    assert_eq!(allocated.status, StatusCode::CREATED, "{}", allocated.body);
    id
}

#[tokio::test]
async fn a_pa_sees_each_young_person_with_what_needs_them_most_overdue_first() {
    let app = spawn_app().await;
    let pa = app.token_for("pa@example.org").await;
    let jess = app.young_person_id("Jess").await;
    let sam = app.young_person_id("Sam").await;
    let manager = app.token_for("manager@example.org").await;
    let kit = allocate_new_young_person_to_the_pa(&app, &manager, "Kit").await;
    let today = app.today().to_string();

    let caseload = app.get("/api/v1/caseload", &pa).await;
    assert_eq!(caseload.status, StatusCode::OK, "{}", caseload.body);
    assert_eq!(caseload.body["total"], 3);
    assert_eq!(caseload.body["sort"], "attention");

    // Each row agrees with the young person's own deadlines and contact log.
    for id in [jess, sam] {
        let row = entry(&caseload.body, id);
        let deadlines = app
            .get(&format!("/api/v1/young-people/{id}/obligations"), &pa)
            .await;
        let mut overdue: Vec<(String, String)> = deadlines.body["obligations"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|o| o["status"] == "overdue")
            .map(|o| (o["due_on"].to_string(), o["kind"].to_string()))
            .collect();
        overdue.sort();
        let listed: Vec<(String, String)> = row["overdue"]
            .as_array()
            .unwrap()
            .iter()
            .map(|o| (o["due_on"].to_string(), o["kind"].to_string()))
            .collect();
        assert_eq!(
            listed, overdue,
            "the overdue deadlines, longest overdue first"
        );
        assert_eq!(row["attention"], "overdue");
        let contacts = app
            .get(&format!("/api/v1/young-people/{id}/contact-log"), &pa)
            .await;
        let newest = contacts.body["contacts"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|c| c["contact_on"].as_str())
            .max()
            .map(str::to_owned);
        assert_eq!(row["last_contact_on"].as_str().map(str::to_owned), newest);
    }
    let kit_row = entry(&caseload.body, kit);
    assert_eq!(kit_row["attention"], "settled");
    assert_eq!(kit_row["last_contact_on"], Value::Null);
    assert_eq!(kit_row["next_plan_review"], Value::Null);
    let first_overdue = |id| entry(&caseload.body, id)["overdue"][0]["due_on"].clone();
    let expected_first = if first_overdue(jess).as_str() <= first_overdue(sam).as_str() {
        "Jess"
    } else {
        "Sam"
    };
    assert_eq!(order(&caseload.body)[0], expected_first);
    assert_eq!(order(&caseload.body)[2], "Kit", "nothing needs Kit yet");
    assert_eq!(
        entry(&caseload.body, jess)["next_plan_review"]["kind"],
        "needs_assessment",
        "Jess has no agreed plan yet, so her first plan is what is due"
    );

    // Once Jess asks for something it waits for her PA; being in touch with Sam today takes
    // his contact off the overdue list.
    let entitlements = app
        .get(&format!("/api/v1/young-people/{jess}/entitlements"), &pa)
        .await;
    let allowance = entitlements.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["title"] == "Setting-up-home allowance")
        .unwrap()["item_id"]
        .as_str()
        .unwrap()
        .to_owned();
    let jess_token = app.token_for("jess@example.org").await;
    let asked = app
        .post(
            &format!("/api/v1/young-people/{jess}/entitlements/{allowance}/requests"),
            &jess_token,
            json!({}),
        )
        .await;
    assert_eq!(asked.status, StatusCode::CREATED, "{}", asked.body);
    let logged = app
        .post(
            &format!("/api/v1/young-people/{sam}/contact-log"),
            &pa,
            json!({"contact_on": today, "method": "phone", "summary": "Talked about college."}),
        )
        .await;
    assert_eq!(logged.status, StatusCode::CREATED, "{}", logged.body);

    let after = app.get("/api/v1/caseload", &pa).await;
    assert_eq!(entry(&after.body, jess)["waiting_requests"], 1);
    let sam_row = entry(&after.body, sam);
    assert_eq!(sam_row["last_contact_on"], today);
    assert!(
        sam_row["overdue"]
            .as_array()
            .unwrap()
            .iter()
            .all(|o| o["kind"] != "pa_contact"),
        "Sam's contact is no longer overdue: {sam_row}"
    );

    let by_contact = app.get("/api/v1/caseload?sort=last_contact", &pa).await;
    assert_eq!(
        order(&by_contact.body)[0],
        "Kit",
        "never in touch comes first"
    );
    assert_eq!(
        order(&by_contact.body)[2],
        "Sam",
        "in touch today comes last"
    );
    let by_name = app.get("/api/v1/caseload?sort=name", &pa).await;
    let names: Vec<String> = by_name.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["family_name"].as_str().unwrap().to_owned())
        .collect();
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(names, sorted);
    let second_page = app.get("/api/v1/caseload?per_page=2&page=2", &pa).await;
    assert_eq!(second_page.body["items"].as_array().unwrap().len(), 1);
    assert_eq!(second_page.body["total"], 3);
}

#[tokio::test]
async fn a_caseload_is_only_for_allocated_workers_and_is_written_to_each_young_persons_log() {
    let app = spawn_app().await;
    for (email, status) in [
        ("manager@example.org", 403),
        ("admin@example.org", 403),
        ("jess@example.org", 403),
        ("housing@example.org", 403),
    ] {
        let token = app.token_for(email).await;
        let refused = app.get("/api/v1/caseload", &token).await;
        assert_eq!(refused.problem(status)["status"], status, "{email}");
    }
    let sw = app.token_for("sw@example.org").await;
    let theirs = app.get("/api/v1/caseload", &sw).await;
    assert_eq!(theirs.status, StatusCode::OK);
    let stranger = app.create_young_person("Robin").await;
    assert!(
        theirs.body["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|e| e["young_person_id"] != stranger.to_string()),
        "a young person not allocated to the social worker is not in their caseload"
    );

    let pa = app.token_for("pa@example.org").await;
    let only_first = app.get("/api/v1/caseload?sort=name&per_page=1", &pa).await;
    let shown: Uuid = only_first.body["items"][0]["young_person_id"]
        .as_str()
        .unwrap()
        .parse()
        .unwrap();
    let manager = app.token_for("manager@example.org").await;
    let seen_in_caseload = |id: Uuid| {
        let (app, manager) = (&app, &manager);
        async move {
            let log = app
                .get(
                    &format!("/api/v1/young-people/{id}/access-log?per_page=100"),
                    manager,
                )
                .await;
            log.body["items"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|e| {
                    e["who"] == "Priya Adviser"
                        && e["what"].as_str().unwrap().contains("in their list")
                })
                .count()
        }
    };
    assert_eq!(seen_in_caseload(shown).await, 1);
    let other = [
        app.young_person_id("Jess").await,
        app.young_person_id("Sam").await,
    ]
    .into_iter()
    .find(|id| *id != shown)
    .unwrap();
    assert_eq!(
        seen_in_caseload(other).await,
        0,
        "someone on another page was not seen"
    );
}

#[tokio::test]
async fn the_pa_home_page_is_their_caseload_sorted_as_they_choose() {
    let app = spawn_app().await;
    let mut pa = signed_in(&app, "pa@example.org").await;
    let home = pa.get("/staff").await;
    assert_eq!(home.status, StatusCode::OK);
    assert!(home.body.contains("<h2 id=\"caseload\">Your caseload</h2>"));
    assert!(
        home.body
            .contains("<strong aria-current=\"true\">What needs attention first</strong>")
    );
    let sam_at = home.body.find("Sam Okafor").expect("Sam is listed");
    let row = &home.body[sam_at..];
    let row = &row[..row.find("</tr>").unwrap()];
    assert!(
        row.contains("Dental check"),
        "Sam's overdue dental check: {row}"
    );
    assert!(row.contains("Overdue by"), "{row}");

    let by_name = pa.get("/staff?sort=name").await;
    assert!(
        by_name
            .body
            .contains("<strong aria-current=\"true\">Name</strong>")
    );
    let jess_at = by_name.body.find("Jess Taylor").expect("Jess is listed");
    let sam_at = by_name.body.find("Sam Okafor").expect("Sam is listed");
    assert!(sam_at < jess_at, "Okafor before Taylor");
    let unknown = pa.get("/staff?sort=%3Cscript%3E").await;
    assert_eq!(unknown.status, StatusCode::OK);
    assert!(!unknown.body.contains("<script>"));

    // A long caseload comes in pages of 25, keeping the sort.
    let manager_token = app.token_for("manager@example.org").await;
    for n in 0..24 {
        allocate_new_young_person_to_the_pa(&app, &manager_token, &format!("Robin{n}")).await;
    }
    let first = pa.get("/staff?sort=name").await;
    assert!(first.body.contains("26 young people"), "{}", first.body);
    assert!(first.body.contains("Page 1 of 2"));
    let pager = &first.body[first.body.find("Page 1 of 2").unwrap()..];
    assert!(
        pager.contains(r#"href="/staff?sort=name&#38;page=2">Next page</a>"#),
        "{pager}"
    );
    let second = pa.get("/staff?sort=name&page=2").await;
    assert_eq!(
        second.body.matches("<tr>").count(),
        1 + 1,
        "the header row and the 26th"
    );
    assert!(
        second
            .body
            .contains(r#"href="/staff?sort=name&#38;page=1">Previous page</a>"#)
    );

    let mut manager = signed_in(&app, "manager@example.org").await;
    let whole = manager.get("/staff").await;
    assert!(!whole.body.contains("Your caseload"));
    assert!(whole.body.contains("All your young people"));
}

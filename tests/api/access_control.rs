//! Every role against every young-people endpoint: allowed where DESIGN.md says, refused
//! everywhere else. A role that could never do something gets 403; a role that could, but
//! not to this record, gets 404 so that nobody learns a record exists by being refused it.
use reqwest::{Method, StatusCode};
use serde_json::json;
use uuid::Uuid;

use crate::helpers::{TestApp, spawn_app};

const ACCOUNTS: [&str; 9] = [
    "admin@example.org",
    "pa@example.org",
    "iro@example.org",
    "sw@example.org",
    "manager@example.org",
    "pf@example.org",
    "housing@example.org",
    "jess@example.org",
    "sam@example.org",
];

struct Fixture {
    app: TestApp,
    tokens: Vec<(&'static str, String)>,
    jess: Uuid,
    /// A young person in the authority allocated to nobody.
    unallocated: Uuid,
}

async fn fixture() -> Fixture {
    let app = spawn_app().await;
    let jess = app.young_person_id("Jess").await;
    let unallocated = app.create_young_person("Robin").await;
    let mut tokens = Vec::new();
    for account in ACCOUNTS {
        tokens.push((account, app.token_for(account).await));
    }
    Fixture {
        app,
        tokens,
        jess,
        unallocated,
    }
}

/// Expected status for each account, in the order of `ACCOUNTS`.
fn check(results: &[(&str, StatusCode)], expected: [u16; 9], what: &str) {
    let mismatches: Vec<String> = results
        .iter()
        .zip(expected)
        .filter(|((_, got), want)| got.as_u16() != *want)
        .map(|((who, got), want)| format!("{who}: got {got}, expected {want}"))
        .collect();
    assert!(mismatches.is_empty(), "{what}:\n{}", mismatches.join("\n"));
}

async fn each(
    fixture: &Fixture,
    method: Method,
    path: &str,
    body: Option<serde_json::Value>,
) -> Vec<(&'static str, StatusCode)> {
    let mut results = Vec::new();
    for (who, token) in &fixture.tokens {
        let reply = fixture
            .app
            .request(method.clone(), path, Some(token), body.clone())
            .await;
        if !reply.status.is_success() {
            assert_eq!(
                reply.content_type(),
                "application/problem+json",
                "{who} {path}"
            );
        }
        results.push((*who, reply.status));
    }
    results
}

//                      admin pa  iro  sw  mgr  pf  hous jess sam
#[tokio::test]
async fn listing_young_people_is_for_their_workers_managers_and_themselves() {
    let f = fixture().await;
    let results = each(&f, Method::GET, "/api/v1/young-people", None).await;
    check(
        &results,
        [403, 200, 200, 200, 200, 403, 403, 200, 200],
        "GET /young-people",
    );
}

#[tokio::test]
async fn each_role_sees_exactly_its_own_reach_in_the_list() {
    let f = fixture().await;
    let mut seen = Vec::new();
    for (who, token) in &f.tokens {
        let reply = f.app.get("/api/v1/young-people", token).await;
        if reply.status == StatusCode::OK {
            let names: Vec<String> = reply.body["items"]
                .as_array()
                .unwrap()
                .iter()
                .map(|item| item["given_name"].as_str().unwrap().to_owned())
                .collect();
            assert_eq!(reply.body["total"], names.len() as u64);
            seen.push((*who, names));
        }
    }
    let expect = |who: &str| -> Vec<&str> {
        match who {
            "manager@example.org" => vec!["Robin", "Sam", "Jess"],
            "jess@example.org" => vec!["Jess"],
            "sam@example.org" => vec!["Sam"],
            _ => vec!["Sam", "Jess"],
        }
    };
    for (who, names) in seen {
        assert_eq!(names, expect(who), "{who}");
    }
}

#[tokio::test]
async fn reading_a_record_needs_an_allocation_a_manager_or_to_be_that_young_person() {
    let f = fixture().await;
    let results = each(
        &f,
        Method::GET,
        &format!("/api/v1/young-people/{}", f.jess),
        None,
    )
    .await;
    check(
        &results,
        [403, 200, 200, 200, 200, 403, 403, 200, 404],
        "GET Jess",
    );
    let results = each(
        &f,
        Method::GET,
        &format!("/api/v1/young-people/{}", f.unallocated),
        None,
    )
    .await;
    check(
        &results,
        [403, 404, 404, 404, 200, 403, 403, 404, 404],
        "GET unallocated",
    );
}

#[tokio::test]
async fn a_record_that_does_not_exist_looks_the_same_as_one_you_may_not_see() {
    let f = fixture().await;
    let results = each(
        &f,
        Method::GET,
        &format!("/api/v1/young-people/{}", Uuid::new_v4()),
        None,
    )
    .await;
    check(
        &results,
        [403, 404, 404, 404, 404, 403, 403, 404, 404],
        "GET missing",
    );
}

#[tokio::test]
async fn only_managers_and_admins_create_records() {
    let f = fixture().await;
    let body =
        json!({"given_name": "Kai", "family_name": "Example", "date_of_birth": "2012-01-01"});
    let results = each(&f, Method::POST, "/api/v1/young-people", Some(body)).await;
    check(
        &results,
        [201, 403, 403, 403, 201, 403, 403, 403, 403],
        "POST /young-people",
    );
}

#[tokio::test]
async fn who_works_with_a_young_person_is_visible_to_them_their_workers_and_managers() {
    let f = fixture().await;
    let results = each(
        &f,
        Method::GET,
        &format!("/api/v1/young-people/{}/allocations", f.jess),
        None,
    )
    .await;
    check(
        &results,
        [200, 200, 200, 200, 200, 403, 403, 200, 404],
        "GET allocations",
    );
}

#[tokio::test]
async fn only_managers_and_admins_change_allocations() {
    let f = fixture().await;
    let staff = f.app.get("/api/v1/staff?role=iro", &f.tokens[4].1).await;
    let iro = staff.body["staff"][0]["id"].as_str().unwrap().to_owned();
    let mut results = Vec::new();
    for (who, token) in &f.tokens {
        // A fresh record each time, so an allowed call never meets an earlier one's allocation.
        let record = f.app.create_young_person("Ari").await;
        let reply = f
            .app
            .post(
                &format!("/api/v1/young-people/{record}/allocations"),
                token,
                json!({"staff_user_id": iro, "role": "iro"}),
            )
            .await;
        results.push((*who, reply.status));
    }
    check(
        &results,
        [201, 403, 403, 403, 201, 403, 403, 403, 403],
        "POST allocations",
    );
}

#[tokio::test]
async fn the_access_log_is_for_the_young_person_and_managers() {
    let f = fixture().await;
    let results = each(
        &f,
        Method::GET,
        &format!("/api/v1/young-people/{}/access-log", f.jess),
        None,
    )
    .await;
    check(
        &results,
        [403, 403, 403, 403, 200, 403, 403, 200, 404],
        "GET access log",
    );
}

#[tokio::test]
async fn reads_made_at_the_same_moment_are_each_written_to_the_access_log() {
    let app = spawn_app().await;
    let pa = app.token_for("pa@example.org").await;
    let manager = app.token_for("manager@example.org").await;
    let jess = app.young_person_id("Jess").await;
    let log = format!("/api/v1/young-people/{jess}/access-log?per_page=100");
    let pa_reads = |log: &serde_json::Value| {
        log["items"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|e| e["who"] == "Priya Adviser" && e["what"] == "Looked at your details")
            .count()
    };
    let before = pa_reads(&app.get(&log, &manager).await.body);

    let mut reads = tokio::task::JoinSet::new();
    for _ in 0..40 {
        let request = app
            .client
            .get(app.url(&format!("/api/v1/young-people/{jess}")))
            .bearer_auth(&pa);
        reads.spawn(async move { request.send().await.unwrap().status() });
    }
    while let Some(status) = reads.join_next().await {
        assert_eq!(status.unwrap(), StatusCode::OK);
    }
    let after = pa_reads(&app.get(&log, &manager).await.body);
    assert_eq!(
        after,
        before + 40,
        "every read is in the log, none lost or doubled"
    );
}

#[tokio::test]
async fn the_staff_directory_is_for_managers_and_admins() {
    let f = fixture().await;
    let results = each(&f, Method::GET, "/api/v1/staff", None).await;
    check(
        &results,
        [200, 403, 403, 403, 200, 403, 403, 403, 403],
        "GET /staff",
    );
}

#[tokio::test]
async fn ending_an_allocation_removes_access_at_once() {
    let f = fixture().await;
    let manager = &f.tokens[4].1;
    let pa = &f.tokens[1].1;
    let allocations = f
        .app
        .get(
            &format!("/api/v1/young-people/{}/allocations", f.jess),
            manager,
        )
        .await;
    let pa_allocation = allocations.body["allocations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["role"] == "pa")
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let ended = f
        .app
        .request(
            Method::DELETE,
            &format!(
                "/api/v1/young-people/{}/allocations/{pa_allocation}",
                f.jess
            ),
            Some(manager),
            None,
        )
        .await;
    assert_eq!(ended.status, StatusCode::NO_CONTENT);
    f.app
        .get(&format!("/api/v1/young-people/{}", f.jess), pa)
        .await
        .problem(404);
    let list = f.app.get("/api/v1/young-people", pa).await;
    assert_eq!(list.body["total"], 1, "only Sam is left: {}", list.body);
}

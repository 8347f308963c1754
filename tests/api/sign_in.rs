use reqwest::{Method, StatusCode};
use serde_json::json;

use crate::helpers::{DEMO_PASSWORD, spawn_app};

#[tokio::test]
async fn a_demo_pa_gets_a_bearer_token_that_lasts_fifteen_minutes() {
    let app = spawn_app().await;
    let reply = app.request_token("pa@example.org", DEMO_PASSWORD).await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(reply.body["token_type"], "Bearer");
    assert_eq!(reply.body["expires_in"], 900);
    assert!(
        reply.body["access_token"]
            .as_str()
            .unwrap()
            .split('.')
            .count()
            == 3
    );
    assert!(reply.body["refresh_token"].as_str().unwrap().len() >= 40);
    assert_eq!(reply.headers["cache-control"], "no-store");
}

#[tokio::test]
async fn me_says_who_the_token_belongs_to() {
    let app = spawn_app().await;
    let token = app.token_for("jess@example.org").await;
    let me = app.get("/api/v1/me", &token).await;
    assert_eq!(me.status, StatusCode::OK);
    assert_eq!(me.body["email"], "jess@example.org");
    assert_eq!(me.body["name"], "Jess");
    assert_eq!(me.body["roles"], json!(["young_person"]));
    let jess = app.young_person_id("Jess").await;
    assert_eq!(me.body["young_person_id"], jess.to_string());

    let pa = app.token_for("pa@example.org").await;
    let me = app.get("/api/v1/me", &pa).await;
    assert_eq!(me.body["roles"], json!(["pa"]));
    assert!(me.body["young_person_id"].is_null());
}

#[tokio::test]
async fn email_addresses_match_whatever_their_case() {
    let app = spawn_app().await;
    let reply = app.request_token("  PA@Example.org ", DEMO_PASSWORD).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
}

#[tokio::test]
async fn a_wrong_password_and_an_unknown_email_get_the_same_answer() {
    let app = spawn_app().await;
    let wrong = app
        .request_token("pa@example.org", "not-the-password")
        .await;
    let unknown = app.request_token("nobody@example.org", DEMO_PASSWORD).await;
    wrong.problem(401);
    unknown.problem(401);
    assert_eq!(wrong.body["detail"], unknown.body["detail"]);
    assert_eq!(wrong.body["type"], unknown.body["type"]);
}

#[tokio::test]
async fn requests_without_a_valid_token_get_401_problems() {
    let app = spawn_app().await;
    let none = app.request(Method::GET, "/api/v1/me", None, None).await;
    none.problem(401);
    let garbage = app.get("/api/v1/me", "not.a.jwt").await;
    garbage.problem(401);
    // A token signed with another key: same claims shape, wrong signature.
    let other = api::service::tokens::TokenKeys::new(b"some-other-secret-of-at-least-32-bytes")
        .issue_access_token(
            uuid::Uuid::new_v4(),
            uuid::Uuid::new_v4(),
            chrono::Utc::now(),
        )
        .unwrap();
    app.get("/api/v1/me", &other).await.problem(401);
}

#[tokio::test]
async fn a_refresh_token_gives_a_new_pair_and_works_only_once() {
    let app = spawn_app().await;
    let first = app.request_token("pa@example.org", DEMO_PASSWORD).await;
    let refresh = first.body["refresh_token"].as_str().unwrap();
    let second = app
        .request(
            Method::POST,
            "/api/v1/auth/refresh",
            None,
            Some(json!({"refresh_token": refresh})),
        )
        .await;
    assert_eq!(second.status, StatusCode::OK, "{}", second.body);
    assert_ne!(second.body["refresh_token"], first.body["refresh_token"]);
    let new_access = second.body["access_token"].as_str().unwrap();
    assert_eq!(
        app.get("/api/v1/me", new_access).await.status,
        StatusCode::OK
    );
}

#[tokio::test]
async fn reusing_a_rotated_refresh_token_ends_the_whole_session() {
    let app = spawn_app().await;
    let first = app.request_token("pa@example.org", DEMO_PASSWORD).await;
    let stolen = first.body["refresh_token"].as_str().unwrap().to_owned();
    let refresh = |token: String| {
        let app = &app;
        async move {
            app.request(
                Method::POST,
                "/api/v1/auth/refresh",
                None,
                Some(json!({"refresh_token": token})),
            )
            .await
        }
    };
    let legitimate = refresh(stolen.clone()).await;
    assert_eq!(legitimate.status, StatusCode::OK);
    let access = legitimate.body["access_token"].as_str().unwrap();
    // In use a moment ago, so its session is held as live: ending it must reach that too.
    assert_eq!(app.get("/api/v1/me", access).await.status, StatusCode::OK);

    // The thief replays the old token: refused, and the session is ended for everyone.
    refresh(stolen).await.problem(401);
    let newest = legitimate.body["refresh_token"]
        .as_str()
        .unwrap()
        .to_owned();
    refresh(newest).await.problem(401);
    app.get("/api/v1/me", access).await.problem(401);
    // Other sessions of the same person are untouched.
    let other_session = app.token_for("pa@example.org").await;
    assert_eq!(
        app.get("/api/v1/me", &other_session).await.status,
        StatusCode::OK
    );
}

#[tokio::test]
async fn signing_out_ends_the_access_token_and_the_refresh_token() {
    let app = spawn_app().await;
    let pair = app.request_token("iro@example.org", DEMO_PASSWORD).await;
    let access = pair.body["access_token"].as_str().unwrap();
    let refresh = pair.body["refresh_token"].as_str().unwrap();
    let out = app
        .request(Method::POST, "/api/v1/auth/logout", Some(access), None)
        .await;
    assert_eq!(out.status, StatusCode::NO_CONTENT);
    app.get("/api/v1/me", access).await.problem(401);
    app.request(
        Method::POST,
        "/api/v1/auth/refresh",
        None,
        Some(json!({"refresh_token": refresh})),
    )
    .await
    .problem(401);
}

#[tokio::test]
async fn five_wrong_passwords_lock_the_account_with_retry_after() {
    let app = spawn_app().await;
    for _ in 0..5 {
        app.request_token("sw@example.org", "wrong password")
            .await
            .problem(401);
    }
    // Now even the right password is refused until the lock ends.
    let locked = app.request_token("sw@example.org", DEMO_PASSWORD).await;
    locked.problem(429);
    let retry_after: u64 = locked.headers["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!(
        (1..=900).contains(&retry_after),
        "retry after {retry_after}"
    );
    // Other accounts are not locked by it.
    assert_eq!(
        app.request_token("pa@example.org", DEMO_PASSWORD)
            .await
            .status,
        StatusCode::OK
    );
}

#[tokio::test]
async fn a_successful_sign_in_clears_earlier_failures() {
    let app = spawn_app().await;
    for _ in 0..4 {
        app.request_token("sw@example.org", "wrong password")
            .await
            .problem(401);
    }
    assert_eq!(
        app.request_token("sw@example.org", DEMO_PASSWORD)
            .await
            .status,
        StatusCode::OK
    );
    for _ in 0..4 {
        app.request_token("sw@example.org", "wrong password")
            .await
            .problem(401);
    }
    assert_eq!(
        app.request_token("sw@example.org", DEMO_PASSWORD)
            .await
            .status,
        StatusCode::OK
    );
}

#[tokio::test]
async fn many_failures_from_one_address_across_accounts_are_limited() {
    let app = spawn_app().await;
    // Twenty guesses spread over many made-up accounts, never five at any one.
    for n in 0..20 {
        app.request_token(&format!("guess{n}@example.org"), "password1234")
            .await
            .problem(401);
    }
    app.request_token("pa@example.org", DEMO_PASSWORD)
        .await
        .problem(429);
}

use reqwest::{Method, StatusCode};

use crate::helpers::spawn_app;

#[tokio::test]
async fn every_response_carries_a_request_id_and_security_headers() {
    let app = spawn_app().await;
    let reply = app.request(Method::GET, "/health", None, None).await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(reply.body["status"], "ok");
    let id = reply.headers["x-request-id"].to_str().unwrap();
    assert_eq!(id.len(), 36);
    let csp = reply.headers["content-security-policy"].to_str().unwrap();
    assert!(csp.contains("script-src 'self';"), "{csp}");
    assert!(!csp.contains("unsafe-inline"), "{csp}");
    assert!(csp.contains("frame-ancestors 'none'"));
    assert_eq!(reply.headers["x-content-type-options"], "nosniff");
    assert_eq!(reply.headers["referrer-policy"], "no-referrer");
    assert!(
        reply.headers.get("strict-transport-security").is_none(),
        "HSTS is for production only"
    );
}

#[tokio::test]
async fn a_problem_names_the_request_id_it_was_sent_with() {
    let app = spawn_app().await;
    let reply = app.request(Method::GET, "/api/v1/me", None, None).await;
    let problem = reply.problem(401);
    assert_eq!(
        problem["request_id"],
        reply.headers["x-request-id"].to_str().unwrap()
    );
}

#[tokio::test]
async fn unknown_api_paths_and_methods_get_problems() {
    let app = spawn_app().await;
    app.request(Method::GET, "/api/v1/nothing-here", None, None)
        .await
        .problem(404);
    app.request(Method::PUT, "/api/v1/auth/token", None, None)
        .await
        .problem(405);
}

#[tokio::test]
async fn a_body_over_one_mebibyte_is_refused_with_413() {
    let app = spawn_app().await;
    let huge = "x".repeat(1024 * 1024 + 1);
    let response = app
        .client
        .post(app.url("/api/v1/auth/token"))
        .header("content-type", "application/json")
        .body(huge)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(
        response.headers()["content-type"],
        "application/problem+json"
    );
}

#[tokio::test]
async fn a_chunked_body_over_the_limit_is_refused_too() {
    let app = spawn_app().await;
    let chunks = chunked_spaces(1024 * 1024 + 10);
    let response = app
        .client
        .post(app.url("/api/v1/auth/token"))
        .header("content-type", "application/json")
        .body(reqwest::Body::wrap_stream(chunks))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::PAYLOAD_TOO_LARGE);
}

/// 64 KiB chunks with no declared length, so the body is sent chunked.
fn chunked_spaces(
    total: usize,
) -> impl tokio_stream::Stream<Item = Result<Vec<u8>, std::io::Error>> {
    let sizes: Vec<usize> = (0..total)
        .step_by(64 * 1024)
        .map(|start| (total - start).min(64 * 1024))
        .collect();
    tokio_stream::iter(sizes.into_iter().map(|size| Ok(vec![b' '; size])))
}

#[tokio::test]
async fn malformed_json_is_a_bad_request_problem() {
    let app = spawn_app().await;
    let response = app
        .client
        .post(app.url("/api/v1/auth/token"))
        .header("content-type", "application/json")
        .body("{\"email\": ")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    assert_eq!(
        response.headers()["content-type"],
        "application/problem+json"
    );
}

#[tokio::test]
async fn the_api_explorer_is_served_without_allowing_arbitrary_inline_script() {
    let app = spawn_app().await;
    let response = app.client.get(app.url("/api/docs")).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let csp = response.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_owned();
    let script_src = csp
        .split(';')
        .find(|d| d.trim().starts_with("script-src"))
        .unwrap();
    assert!(script_src.contains("'sha256-"), "{csp}");
    assert!(!script_src.contains("unsafe-inline"), "{csp}");
}

#[tokio::test]
async fn a_405_says_which_methods_would_work() {
    let app = spawn_app().await;
    let reply = app
        .request(Method::PUT, "/api/v1/auth/token", None, None)
        .await;
    reply.problem(405);
    assert_eq!(reply.headers["allow"], "POST");
}

#[tokio::test]
async fn a_body_that_is_not_json_gets_415() {
    let app = spawn_app().await;
    let response = app
        .client
        .post(app.url("/api/v1/auth/token"))
        .header("content-type", "text/plain")
        .body("email=pa@example.org")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::UNSUPPORTED_MEDIA_TYPE);
    assert_eq!(
        response.headers()["content-type"],
        "application/problem+json"
    );
}

#[tokio::test]
async fn strings_and_dates_must_be_exactly_what_the_spec_says() {
    let app = spawn_app().await;
    let manager = app.token_for("manager@example.org").await;
    for body in [
        serde_json::json!({"given_name": "Al", "family_name": "B", "date_of_birth": "2010-01-01", "pronouns": false}),
        serde_json::json!({"given_name": "Al", "family_name": "B", "date_of_birth": "2010-1-5"}),
        serde_json::json!({"given_name": "Al", "family_name": "B", "date_of_birth": " 2010-01-05"}),
    ] {
        app.post("/api/v1/young-people", &manager, body)
            .await
            .problem(422);
    }
    let list = app.get("/api/v1/young-people", &manager).await;
    assert_eq!(list.body["total"], 2, "nothing was saved");
}

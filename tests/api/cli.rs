//! The `onward` command line, run as a newcomer would run it.
use std::{io::Write, process::Stdio};

use reqwest::StatusCode;
use serde_json::json;

fn onward(database_url: &str, args: &[&str], stdin: &str) -> std::process::Output {
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_onward"))
        .args(args)
        .env("DATABASE_URL", database_url)
        .env("RUST_LOG", "warn")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

#[tokio::test]
async fn create_user_reads_the_password_from_stdin_and_the_account_can_sign_in() {
    let folder = std::env::temp_dir().join(format!("onward-cli-{}", uuid::Uuid::new_v4()));
    std::fs::create_dir_all(&folder).unwrap();
    let url = format!("sqlite://{}/onward.db?mode=rwc", folder.display());

    let migrated = onward(&url, &["migrate"], "");
    assert!(
        migrated.status.success(),
        "{}",
        String::from_utf8_lossy(&migrated.stderr)
    );
    let seeded = onward(&url, &["seed-demo"], "");
    assert!(
        seeded.status.success(),
        "{}",
        String::from_utf8_lossy(&seeded.stderr)
    );

    let weak = onward(
        &url,
        &[
            "create-user",
            "--email",
            "new.pa@example.org",
            "--role",
            "pa",
        ],
        "short\n",
    );
    assert!(!weak.status.success(), "a short password is refused");
    let unknown_role = onward(
        &url,
        &[
            "create-user",
            "--email",
            "x@example.org",
            "--role",
            "wizard",
        ],
        "a long enough password\n",
    );
    assert!(!unknown_role.status.success());
    let created = onward(
        &url,
        &[
            "create-user",
            "--email",
            "New.PA@example.org",
            "--role",
            "pa",
            "--name",
            "Nia Newcomer",
        ],
        "a long enough password\n",
    );
    assert!(
        created.status.success(),
        "{}",
        String::from_utf8_lossy(&created.stderr)
    );
    assert!(String::from_utf8_lossy(&created.stdout).contains("with role pa"));

    // A server on the same database lets the new account in.
    let settings = api::settings::Settings {
        bind: "127.0.0.1:0".into(),
        database_url: url.clone(),
        outbox_dir: folder.join("outbox"),
        ..Default::default()
    };
    let app = onward::Application::build(settings).await.unwrap();
    let address = format!("http://127.0.0.1:{}", app.port());
    tokio::spawn(app.run_until_stopped());
    let reply = reqwest::Client::new()
        .post(format!("{address}/api/v1/auth/token"))
        .json(&json!({"email": "new.pa@example.org", "password": "a long enough password"}))
        .send()
        .await
        .unwrap();
    assert_eq!(reply.status(), StatusCode::OK);
    let _ = std::fs::remove_dir_all(&folder);
}

#[tokio::test]
async fn production_sends_hsts_and_secure_cookies() {
    let folder = std::env::temp_dir().join(format!("onward-prod-{}", uuid::Uuid::new_v4()));
    let settings = api::settings::Settings {
        env: api::settings::Environment::Production,
        bind: "127.0.0.1:0".into(),
        database_url: format!("sqlite://{}/onward.db?mode=rwc", folder.display()),
        allow_sqlite: true,
        jwt_secret: Some(api::settings::Secret::new(
            "0123456789abcdef0123456789abcdef",
        )),
        outbox_dir: folder.join("outbox"),
        ..Default::default()
    };
    std::fs::create_dir_all(&folder).unwrap();
    let app = onward::Application::build(settings).await.unwrap();
    let address = format!("http://127.0.0.1:{}", app.port());
    tokio::spawn(app.run_until_stopped());
    let page = reqwest::get(format!("{address}/sign-in")).await.unwrap();
    assert!(
        page.headers()["strict-transport-security"]
            .to_str()
            .unwrap()
            .contains("max-age=")
    );
    let cookie = page.headers()["set-cookie"].to_str().unwrap().to_owned();
    assert!(cookie.contains("Secure"), "{cookie}");
    let _ = std::fs::remove_dir_all(&folder);
}

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

#[tokio::test]
async fn seed_synthetic_adds_young_people_whose_stored_obligations_match_their_facts() {
    use api::{
        clock::{Clock, SystemClock},
        domain::obligations::{LocalStandards, obligations},
        service::obligations::load_facts,
    };
    use entity::{obligation, staff_allocation, young_person};
    use sea_orm::{ColumnTrait, Database, EntityTrait, PaginatorTrait, QueryFilter};

    let folder = std::env::temp_dir().join(format!("onward-synthetic-{}", uuid::Uuid::new_v4()));
    std::fs::create_dir_all(&folder).unwrap();
    let url = format!("sqlite://{}/onward.db?mode=rwc", folder.display());
    let seeded = onward(&url, &["seed-demo"], "");
    assert!(
        seeded.status.success(),
        "{}",
        String::from_utf8_lossy(&seeded.stderr)
    );
    let db = Database::connect(&url).await.unwrap();
    let before = young_person::Entity::find().count(&db).await.unwrap();

    let refused = std::process::Command::new(env!("CARGO_BIN_EXE_onward"))
        .args(["seed-synthetic", "--young-people", "5"])
        .env("DATABASE_URL", &url)
        .env("ONWARD_ENV", "production")
        .env("ONWARD_ALLOW_SQLITE", "1")
        .env("ONWARD_JWT_SECRET", "0123456789abcdef0123456789abcdef")
        .output()
        .unwrap();
    assert!(!refused.status.success(), "never on a live database");
    assert!(String::from_utf8_lossy(&refused.stderr).contains("production"));

    let added = onward(&url, &["seed-synthetic", "--young-people", "50"], "");
    assert!(
        added.status.success(),
        "{}",
        String::from_utf8_lossy(&added.stderr)
    );
    assert!(String::from_utf8_lossy(&added.stdout).contains("Added 50 young people"));

    let people = young_person::Entity::find().all(&db).await.unwrap();
    assert_eq!(people.len() as u64, before + 50);
    // Every child's stored obligations are what the engine makes of their stored facts.
    let today = SystemClock.today();
    let mut open_reviews = 0;
    for person in &people {
        let rows = obligation::Entity::find()
            .filter(obligation::Column::YoungPersonId.eq(person.id))
            .all(&db)
            .await
            .unwrap();
        let mut stored: Vec<_> = rows
            .iter()
            .map(|row| (row.kind.clone(), row.due_on, row.completed_on))
            .collect();
        let facts = load_facts(&db, person).await.unwrap();
        let mut expected: Vec<_> = obligations(&facts, &LocalStandards::default(), today)
            .into_iter()
            .map(|o| (o.kind.code().to_owned(), o.due_on, o.completed_on))
            .collect();
        stored.sort();
        expected.sort();
        assert_eq!(stored, expected, "{}", person.id);
        open_reviews += rows
            .iter()
            .filter(|row| row.kind == "lac_review" && row.completed_on.is_none())
            .count();
    }
    assert!(open_reviews >= 25, "{open_reviews} open reviews");
    let current_allocations = staff_allocation::Entity::find()
        .filter(staff_allocation::Column::EndedOn.is_null())
        .count(&db)
        .await
        .unwrap();
    assert!(current_allocations >= 100, "{current_allocations}");
    db.close().await.unwrap();
    let _ = std::fs::remove_dir_all(&folder);
}

#[tokio::test]
async fn refresh_obligations_rewrites_the_stored_deadlines_with_a_new_dental_interval() {
    use api::{
        clock::{Clock, SystemClock},
        domain::obligations::{Kind, LocalStandards, obligations},
        service::obligations::load_facts,
    };
    use entity::{obligation, young_person};
    use sea_orm::{ColumnTrait, Database, EntityTrait, QueryFilter};

    let folder = std::env::temp_dir().join(format!("onward-refresh-{}", uuid::Uuid::new_v4()));
    std::fs::create_dir_all(&folder).unwrap();
    let url = format!("sqlite://{}/onward.db?mode=rwc", folder.display());
    assert!(onward(&url, &["seed-demo"], "").status.success());
    let refreshed = std::process::Command::new(env!("CARGO_BIN_EXE_onward"))
        .arg("refresh-obligations")
        .env("DATABASE_URL", &url)
        .env("ONWARD_DENTAL_CHECK_MONTHS", "12")
        .output()
        .unwrap();
    assert!(
        refreshed.status.success(),
        "{}",
        String::from_utf8_lossy(&refreshed.stderr)
    );
    assert!(String::from_utf8_lossy(&refreshed.stdout).contains("of 2 young people"));

    let db = Database::connect(&url).await.unwrap();
    let sam = young_person::Entity::find()
        .filter(young_person::Column::GivenName.eq("Sam"))
        .one(&db)
        .await
        .unwrap()
        .unwrap();
    let stored: Vec<_> = obligation::Entity::find()
        .filter(obligation::Column::YoungPersonId.eq(sam.id))
        .filter(obligation::Column::Kind.eq("dental_check"))
        .all(&db)
        .await
        .unwrap()
        .into_iter()
        .map(|o| o.due_on)
        .collect();
    let yearly = LocalStandards {
        dental_check_months: 12,
        ..LocalStandards::default()
    };
    let facts = load_facts(&db, &sam).await.unwrap();
    let expected: Vec<_> = obligations(&facts, &yearly, SystemClock.today())
        .into_iter()
        .filter(|o| o.kind == Kind::DentalCheck)
        .map(|o| o.due_on)
        .collect();
    let six_monthly: Vec<_> = obligations(&facts, &LocalStandards::default(), SystemClock.today())
        .into_iter()
        .filter(|o| o.kind == Kind::DentalCheck)
        .map(|o| o.due_on)
        .collect();
    assert_ne!(
        expected, six_monthly,
        "the interval changes Sam's dental deadlines"
    );
    let mut stored = stored;
    stored.sort();
    assert_eq!(stored, expected);
    db.close().await.unwrap();
    let _ = std::fs::remove_dir_all(&folder);
}

//! `TestApp`: a running server with its own database, and typed calls to it.
use std::{path::PathBuf, sync::Arc};

use api::{
    clock::{SharedClock, SystemClock},
    settings::{Secret, Settings},
};
use onward::Application;
use reqwest::{Method, Response, StatusCode};
use sea_orm::{ConnectionTrait, Database};
use serde_json::{Value, json};
use uuid::Uuid;

pub const DEMO_PASSWORD: &str = "onward-demo";

/// Where a test's database lives, and how to get rid of it afterwards.
enum TestDatabase {
    Sqlite(PathBuf),
    Postgres { admin_url: String, name: String },
}

impl TestDatabase {
    async fn create() -> (Self, String) {
        match std::env::var("ONWARD_TEST_POSTGRES_URL") {
            Ok(admin_url) if !admin_url.is_empty() => {
                let name = format!("onward_test_{}", Uuid::new_v4().simple());
                let admin = Database::connect(&admin_url)
                    .await
                    .expect("connect to PostgreSQL");
                admin
                    .execute_unprepared(&format!("CREATE DATABASE {name}"))
                    .await
                    .expect("create test database");
                admin.close().await.ok();
                let url = replace_database_name(&admin_url, &name);
                (TestDatabase::Postgres { admin_url, name }, url)
            }
            _ => {
                let path = std::env::temp_dir().join(format!("onward-test-{}.db", Uuid::new_v4()));
                let url = format!("sqlite://{}?mode=rwc", path.display());
                (TestDatabase::Sqlite(path), url)
            }
        }
    }
}

/// `postgres://user@host:5432/postgres?x=y` with another database name in place of `postgres`.
fn replace_database_name(url: &str, name: &str) -> String {
    let (base, query) = url
        .split_once('?')
        .map_or((url, None), |(b, q)| (b, Some(q)));
    let host_start = base.find("://").map_or(0, |i| i + 3);
    let server = match base[host_start..].find('/') {
        Some(slash) => &base[..host_start + slash],
        None => base,
    };
    match query {
        Some(query) => format!("{server}/{name}?{query}"),
        None => format!("{server}/{name}"),
    }
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        match self {
            TestDatabase::Sqlite(path) => {
                for suffix in ["", "-wal", "-shm"] {
                    let mut file = path.clone().into_os_string();
                    file.push(suffix);
                    let _ = std::fs::remove_file(file);
                }
            }
            TestDatabase::Postgres { admin_url, name } => {
                let (admin_url, name) = (admin_url.clone(), name.clone());
                // Drop runs inside the test's runtime; a fresh thread may block on its own.
                let _ = std::thread::spawn(move || {
                    let runtime = tokio::runtime::Builder::new_current_thread()
                        .enable_all()
                        .build()
                        .ok()?;
                    runtime.block_on(async {
                        let admin = Database::connect(&admin_url).await.ok()?;
                        admin
                            .execute_unprepared(&format!(
                                "DROP DATABASE IF EXISTS {name} WITH (FORCE)"
                            ))
                            .await
                            .ok()?;
                        admin.close().await.ok()
                    })
                })
                .join();
            }
        }
    }
}

pub struct TestApp {
    pub address: String,
    pub client: reqwest::Client,
    pub state: api::AppState,
    /// Where email goes when no SMTP server is configured.
    pub outbox: PathBuf,
    _outbox_guard: RemoveOnDrop,
    _database: TestDatabase,
}

struct RemoveOnDrop(PathBuf);

impl Drop for RemoveOnDrop {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

pub struct Options {
    pub demo: bool,
    pub clock: SharedClock,
    pub smtp_url: Option<String>,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            demo: true,
            clock: Arc::new(SystemClock),
            smtp_url: None,
        }
    }
}

/// A clock the test moves by hand.
pub struct TestClock(std::sync::Mutex<chrono::DateTime<chrono::Utc>>);

impl TestClock {
    pub fn starting_now() -> Arc<Self> {
        Arc::new(Self(std::sync::Mutex::new(chrono::Utc::now())))
    }

    pub fn advance(&self, by: chrono::Duration) {
        *self.0.lock().unwrap() += by;
    }
}

impl api::clock::Clock for TestClock {
    fn now(&self) -> chrono::DateTime<chrono::Utc> {
        *self.0.lock().unwrap()
    }
}

pub async fn spawn_app() -> TestApp {
    spawn_app_with(Options::default()).await
}

pub async fn spawn_app_with(options: Options) -> TestApp {
    let (database, url) = TestDatabase::create().await;
    let outbox = std::env::temp_dir().join(format!("onward-test-outbox-{}", Uuid::new_v4()));
    let settings = Settings {
        bind: "127.0.0.1:0".into(),
        database_url: url,
        jwt_secret: Some(Secret::new("test-secret-that-is-at-least-32-bytes-long")),
        demo: options.demo,
        outbox_dir: outbox.clone(),
        smtp_url: options.smtp_url.map(Secret::new),
        ..Settings::default()
    };
    let app = Application::build_with_clock(settings, options.clock)
        .await
        .expect("the application builds");
    let address = format!("http://127.0.0.1:{}", app.port());
    let state = app.state().clone();
    tokio::spawn(app.run_until_stopped());
    TestApp {
        address,
        client: reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("client builds"),
        state,
        _outbox_guard: RemoveOnDrop(outbox.clone()),
        outbox,
        _database: database,
    }
}

/// The parts of a response tests look at.
pub struct Reply {
    pub status: StatusCode,
    pub headers: reqwest::header::HeaderMap,
    pub body: Value,
}

impl Reply {
    pub async fn from_response(response: Response) -> Self {
        let status = response.status();
        let headers = response.headers().clone();
        let text = response.text().await.expect("body reads");
        let body = if text.is_empty() {
            Value::Null
        } else {
            serde_json::from_str(&text).unwrap_or(Value::String(text))
        };
        Self {
            status,
            headers,
            body,
        }
    }

    pub fn content_type(&self) -> &str {
        self.headers
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
    }

    /// Assert this is a problem+json with the given status, and return it.
    pub fn problem(&self, status: u16) -> &Value {
        assert_eq!(
            self.status.as_u16(),
            status,
            "unexpected status; body: {}",
            self.body
        );
        assert_eq!(
            self.content_type(),
            "application/problem+json",
            "body: {}",
            self.body
        );
        assert_eq!(self.body["status"], status);
        assert!(
            self.body["title"].is_string()
                && self.body["type"].is_string()
                && self.body["detail"].is_string()
        );
        &self.body
    }
}

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.address, path)
    }

    pub async fn request(
        &self,
        method: Method,
        path: &str,
        token: Option<&str>,
        body: Option<Value>,
    ) -> Reply {
        let mut request = self.client.request(method, self.url(path));
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        if let Some(body) = body {
            request = request.json(&body);
        }
        Reply::from_response(request.send().await.expect("request sends")).await
    }

    pub async fn get(&self, path: &str, token: &str) -> Reply {
        self.request(Method::GET, path, Some(token), None).await
    }

    pub async fn post(&self, path: &str, token: &str, body: Value) -> Reply {
        self.request(Method::POST, path, Some(token), Some(body))
            .await
    }

    pub async fn put(&self, path: &str, token: &str, body: Value) -> Reply {
        self.request(Method::PUT, path, Some(token), Some(body))
            .await
    }

    pub async fn request_token(&self, email: &str, password: &str) -> Reply {
        self.request(
            Method::POST,
            "/api/v1/auth/token",
            None,
            Some(json!({"email": email, "password": password})),
        )
        .await
    }

    /// Sign in as a demo account and return its access token.
    pub async fn token_for(&self, email: &str) -> String {
        let reply = self.request_token(email, DEMO_PASSWORD).await;
        assert_eq!(
            reply.status,
            StatusCode::OK,
            "sign-in as {email}: {}",
            reply.body
        );
        reply.body["access_token"]
            .as_str()
            .expect("access token")
            .to_owned()
    }

    /// The id of a demo young person's record, looked up as the demo manager.
    pub async fn young_person_id(&self, given_name: &str) -> Uuid {
        let manager = self.token_for("manager@example.org").await;
        let list = self
            .get("/api/v1/young-people?per_page=100", &manager)
            .await;
        let found = list.body["items"]
            .as_array()
            .expect("items")
            .iter()
            .find(|item| item["given_name"] == given_name)
            .unwrap_or_else(|| panic!("{given_name} is in the demo data"));
        found["id"].as_str().unwrap().parse().unwrap()
    }

    /// Create a young person as the demo manager, allocated to nobody.
    pub async fn create_young_person(&self, given_name: &str) -> Uuid {
        let manager = self.token_for("manager@example.org").await;
        let reply = self
            .post(
                "/api/v1/young-people",
                &manager,
                json!({"given_name": given_name, "family_name": "Example", "date_of_birth": "2011-04-02"}),
            )
            .await;
        assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.body);
        reply.body["id"].as_str().unwrap().parse().unwrap()
    }

    pub async fn demo_authority_id(&self) -> Uuid {
        use sea_orm::EntityTrait;
        entity::authority::Entity::find()
            .one(&self.state.db)
            .await
            .expect("query runs")
            .expect("the demo authority exists")
            .id
    }

    pub fn today(&self) -> chrono::NaiveDate {
        self.state.clock.today()
    }
}

//! The portal over HTTP, as a browser without JavaScript would use it.
use std::{collections::BTreeMap, time::Duration};

use reqwest::{StatusCode, header};

use crate::helpers::{Options, TestApp, TestClock, spawn_app, spawn_app_with};

pub struct Page {
    pub status: StatusCode,
    pub headers: header::HeaderMap,
    pub body: String,
}

impl Page {
    pub fn location(&self) -> &str {
        self.headers
            .get(header::LOCATION)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
    }

    pub fn title(&self) -> &str {
        let start = self.body.find("<title>").map(|i| i + 7).unwrap_or(0);
        let end = self.body.find("</title>").unwrap_or(start);
        &self.body[start..end]
    }
}

/// Keeps cookies the way a browser does, and nothing else.
pub struct Browser<'a> {
    app: &'a TestApp,
    pub cookies: BTreeMap<String, String>,
}

impl<'a> Browser<'a> {
    pub fn new(app: &'a TestApp) -> Self {
        Self {
            app,
            cookies: BTreeMap::new(),
        }
    }

    fn cookie_header(&self) -> String {
        self.cookies
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join("; ")
    }

    async fn keep(&mut self, response: reqwest::Response) -> Page {
        let status = response.status();
        let headers = response.headers().clone();
        for set in headers.get_all(header::SET_COOKIE) {
            let text = set.to_str().unwrap();
            let (pair, attributes) = text.split_once(';').unwrap_or((text, ""));
            let (name, value) = pair.split_once('=').unwrap();
            if attributes.contains("Max-Age=0") {
                self.cookies.remove(name);
            } else {
                self.cookies.insert(name.to_owned(), value.to_owned());
            }
        }
        Page {
            status,
            headers,
            body: response.text().await.unwrap(),
        }
    }

    pub async fn get(&mut self, path: &str) -> Page {
        let response = self
            .app
            .client
            .get(self.app.url(path))
            .header(header::COOKIE, self.cookie_header())
            .send()
            .await
            .unwrap();
        self.keep(response).await
    }

    /// Submit a form, with the form token the page gave us.
    pub async fn post(&mut self, path: &str, fields: &[(&str, &str)]) -> Page {
        let token = self.cookies.get("onward_csrf").cloned().unwrap_or_default();
        let mut form: Vec<(&str, &str)> = fields.to_vec();
        form.push(("csrf_token", &token));
        self.post_exactly(path, &form).await
    }

    pub async fn post_exactly(&mut self, path: &str, form: &[(&str, &str)]) -> Page {
        let response = self
            .app
            .client
            .post(self.app.url(path))
            .header(header::COOKIE, self.cookie_header())
            .form(form)
            .send()
            .await
            .unwrap();
        self.keep(response).await
    }
}

/// Wait for the outbox folder to hold `count` messages; return the newest one's text.
pub async fn wait_for_email(app: &TestApp, count: usize) -> String {
    for _ in 0..100 {
        if let Ok(entries) = std::fs::read_dir(&app.outbox) {
            let mut files: Vec<_> = entries
                .filter_map(Result::ok)
                .filter(|e| e.path().extension().is_some_and(|x| x == "eml"))
                .map(|e| (e.metadata().and_then(|m| m.modified()).unwrap(), e.path()))
                .collect();
            if files.len() >= count {
                files.sort();
                // The mailer writes the file in place: read it once it has stopped growing.
                let newest = &files.last().unwrap().1;
                let first = std::fs::read_to_string(newest).unwrap_or_default();
                tokio::time::sleep(Duration::from_millis(50)).await;
                let second = std::fs::read_to_string(newest).unwrap_or_default();
                if !second.is_empty() && first == second {
                    return second;
                }
            }
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("no email arrived in {}", app.outbox.display());
}

pub fn code_in(email: &str) -> String {
    let start = email
        .find("sign-in code is ")
        .expect("the email holds a code")
        + "sign-in code is ".len();
    email[start..start + 6].to_owned()
}

/// Sign a demo member of staff in with their password; returns the browser, signed in.
pub async fn signed_in<'a>(app: &'a TestApp, email: &str) -> Browser<'a> {
    let mut browser = Browser::new(app);
    browser.get("/staff/sign-in").await;
    let signed_in = browser
        .post(
            "/staff/sign-in",
            &[("email", email), ("password", "onward-demo")],
        )
        .await;
    assert_eq!(signed_in.location(), "/staff", "{email} signs in");
    browser
}

/// Sign a young person in with an emailed code; returns the browser, signed in.
pub async fn sign_in_young_person<'a>(
    app: &'a TestApp,
    email: &str,
    emails_before: usize,
) -> Browser<'a> {
    let mut browser = Browser::new(app);
    browser.get("/sign-in").await;
    let sent = browser.post("/sign-in", &[("email", email)]).await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.body);
    let code = code_in(&wait_for_email(app, emails_before + 1).await);
    let signed_in = browser.post("/sign-in/code", &[("code", &code)]).await;
    assert_eq!(signed_in.location(), "/home", "{}", signed_in.body);
    browser
}

#[tokio::test]
async fn a_young_person_signs_in_with_a_code_from_their_email() {
    let app = spawn_app().await;
    let mut browser = Browser::new(&app);
    let start = browser.get("/sign-in").await;
    assert_eq!(start.status, StatusCode::OK);
    assert_eq!(start.title(), "What is your email address? – Onward");
    let sent = browser
        .post("/sign-in", &[("email", "Jess@Example.org")])
        .await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER);
    assert_eq!(sent.location(), "/sign-in/code");

    let email = wait_for_email(&app, 1).await;
    assert!(email.contains("To: jess@example.org"));
    assert!(
        email.contains("Subject: Your Onward sign-in code"),
        "no personal data in the subject"
    );
    let code = code_in(&email);
    assert!(code.chars().all(|c| c.is_ascii_digit()));

    let signed_in = browser.post("/sign-in/code", &[("code", &code)]).await;
    assert_eq!(signed_in.status, StatusCode::SEE_OTHER);
    assert_eq!(signed_in.location(), "/home");
    let session = signed_in
        .headers
        .get_all(header::SET_COOKIE)
        .iter()
        .map(|v| v.to_str().unwrap().to_owned())
        .find(|c| c.starts_with("onward_session="))
        .expect("a session cookie");
    assert!(
        session.contains("HttpOnly") && session.contains("SameSite=Lax"),
        "{session}"
    );

    let home = browser.get("/home").await;
    assert_eq!(home.status, StatusCode::OK);
    assert!(home.body.contains("<h1>Hello, Jess</h1>"));
    assert!(
        home.body.contains("data-offline-ready"),
        "a young person's pages are saved for offline use"
    );
    let workers = browser.get("/my/workers").await;
    assert!(
        workers.body.contains("Priya Adviser") && workers.body.contains("mailto:pa@example.org")
    );

    // The code works once.
    let mut other = Browser::new(&app);
    other.get("/sign-in").await;
    other.cookies.insert(
        "onward_sign_in".into(),
        browser
            .cookies
            .get("onward_sign_in")
            .cloned()
            .unwrap_or_default(),
    );
    let reused = other.post("/sign-in/code", &[("code", &code)]).await;
    assert_ne!(reused.location(), "/home");
}

#[tokio::test]
async fn a_wrong_code_says_how_many_tries_are_left_and_five_wrong_tries_need_a_new_code() {
    let app = spawn_app().await;
    let mut browser = Browser::new(&app);
    browser.get("/sign-in").await;
    browser
        .post("/sign-in", &[("email", "sam@example.org")])
        .await;
    let code = code_in(&wait_for_email(&app, 1).await);
    let wrong = if code == "000000" { "111111" } else { "000000" };

    let first = browser.post("/sign-in/code", &[("code", wrong)]).await;
    assert_eq!(first.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(first.title().starts_with("Error: "), "{}", first.title());
    assert!(first.body.contains("There is a problem"));
    assert!(first.body.contains("You have 4 more tries"));
    assert!(
        first.body.contains(r##"href="#code""##),
        "the summary links to the field"
    );
    for _ in 0..4 {
        browser.post("/sign-in/code", &[("code", wrong)]).await;
    }
    // Even the right code no longer works.
    let blocked = browser.post("/sign-in/code", &[("code", &code)]).await;
    assert_eq!(blocked.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(blocked.body.contains("Ask for a new code"));

    let resent = browser.post("/sign-in/new-code", &[]).await;
    assert_eq!(resent.location(), "/sign-in/code");
    let new_code = code_in(&wait_for_email(&app, 2).await);
    let signed_in = browser.post("/sign-in/code", &[("code", &new_code)]).await;
    assert_eq!(signed_in.location(), "/home");
}

#[tokio::test]
async fn a_code_expires_after_ten_minutes() {
    let clock = TestClock::starting_now();
    let app = spawn_app_with(Options {
        clock: clock.clone(),
        ..Options::default()
    })
    .await;
    let mut browser = Browser::new(&app);
    browser.get("/sign-in").await;
    browser
        .post("/sign-in", &[("email", "jess@example.org")])
        .await;
    let code = code_in(&wait_for_email(&app, 1).await);
    clock.advance(chrono::Duration::minutes(10) + chrono::Duration::seconds(1));
    let late = browser.post("/sign-in/code", &[("code", &code)]).await;
    assert_eq!(late.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(late.body.contains("The code has expired"));
}

#[tokio::test]
async fn an_email_without_an_account_looks_the_same_and_sends_nothing() {
    let app = spawn_app().await;
    let mut browser = Browser::new(&app);
    browser.get("/sign-in").await;
    let sent = browser
        .post("/sign-in", &[("email", "stranger@example.org")])
        .await;
    assert_eq!(sent.location(), "/sign-in/code");
    // Staff accounts cannot sign in by code either.
    let staff = browser
        .post("/sign-in", &[("email", "pa@example.org")])
        .await;
    assert_eq!(staff.location(), "/sign-in/code");
    tokio::time::sleep(Duration::from_millis(2500)).await;
    let files = std::fs::read_dir(&app.outbox)
        .map(|d| d.count())
        .unwrap_or(0);
    assert_eq!(files, 0);
}

#[tokio::test]
async fn a_bad_email_address_gets_an_error_summary_and_keeps_what_was_typed() {
    let app = spawn_app().await;
    let mut browser = Browser::new(&app);
    browser.get("/sign-in").await;
    let page = browser.post("/sign-in", &[("email", "jess@example")]).await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(page.title(), "Error: What is your email address? – Onward");
    assert!(
        page.body
            .contains("Enter an email address in the correct format")
    );
    assert!(page.body.contains(r#"value="jess@example""#));
    assert!(
        page.body
            .contains(r#"aria-describedby="email-hint email-error""#)
    );
}

#[tokio::test]
async fn a_form_without_its_token_is_refused() {
    let app = spawn_app().await;
    let mut browser = Browser::new(&app);
    browser.get("/staff/sign-in").await;
    let forged = browser
        .post_exactly(
            "/staff/sign-in",
            &[
                ("email", "pa@example.org"),
                ("password", "onward-demo"),
                ("csrf_token", "guess"),
            ],
        )
        .await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN);
    assert!(!browser.cookies.contains_key("onward_session"));
}

#[tokio::test]
async fn staff_sign_in_with_a_password_and_see_their_young_people() {
    let app = spawn_app().await;
    let mut browser = Browser::new(&app);
    browser.get("/staff/sign-in").await;
    let wrong = browser
        .post(
            "/staff/sign-in",
            &[("email", "pa@example.org"), ("password", "nope")],
        )
        .await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        wrong
            .body
            .contains("The email address or password is not right")
    );
    assert!(
        !wrong.body.contains(r#"value="nope""#),
        "passwords are never echoed back"
    );

    let signed_in = browser
        .post(
            "/staff/sign-in",
            &[("email", "pa@example.org"), ("password", "onward-demo")],
        )
        .await;
    assert_eq!(signed_in.location(), "/staff");
    let home = browser.get("/staff").await;
    assert!(home.body.contains("Jess Taylor") && home.body.contains("Sam Okafor"));

    let jess = app.young_person_id("Jess").await;
    let record = browser.get(&format!("/staff/young-people/{jess}")).await;
    assert_eq!(record.status, StatusCode::OK);
    assert!(record.body.contains("<h1>Jess Taylor</h1>"));

    let stranger = app.create_young_person("Robin").await;
    let refused = browser
        .get(&format!("/staff/young-people/{stranger}"))
        .await;
    assert_eq!(refused.status, StatusCode::NOT_FOUND);
    assert!(refused.body.contains("Page not found"));
}

#[tokio::test]
async fn signing_out_ends_the_session_and_clears_saved_pages() {
    let app = spawn_app().await;
    let mut browser = sign_in_young_person(&app, "jess@example.org", 0).await;
    let stolen_cookie = browser.cookies.get("onward_session").cloned().unwrap();
    let out = browser.post("/sign-out", &[]).await;
    assert_eq!(out.location(), "/signed-out");
    assert_eq!(out.headers["clear-site-data"], "\"cache\", \"storage\"");
    let after = browser.get("/home").await;
    assert_eq!(after.location(), "/sign-in");
    // The old cookie is dead on the server too, not just forgotten by the browser.
    browser
        .cookies
        .insert("onward_session".into(), stolen_cookie);
    assert_eq!(browser.get("/home").await.location(), "/sign-in");
}

#[tokio::test]
async fn a_session_ends_after_thirty_minutes_without_use() {
    let clock = TestClock::starting_now();
    let app = spawn_app_with(Options {
        clock: clock.clone(),
        ..Options::default()
    })
    .await;
    let mut browser = sign_in_young_person(&app, "sam@example.org", 0).await;
    clock.advance(chrono::Duration::minutes(29));
    assert_eq!(browser.get("/home").await.status, StatusCode::OK);
    clock.advance(chrono::Duration::minutes(31));
    assert_eq!(browser.get("/home").await.location(), "/sign-in");
}

#[tokio::test]
async fn each_kind_of_user_is_kept_to_their_own_pages() {
    let app = spawn_app().await;
    let mut young_person = sign_in_young_person(&app, "jess@example.org", 0).await;
    assert_eq!(young_person.get("/staff").await.location(), "/home");
    let mut anonymous = Browser::new(&app);
    assert_eq!(anonymous.get("/home").await.location(), "/sign-in");
    assert_eq!(anonymous.get("/staff").await.location(), "/staff/sign-in");
    let mut staff = Browser::new(&app);
    staff.get("/staff/sign-in").await;
    staff
        .post(
            "/staff/sign-in",
            &[("email", "iro@example.org"), ("password", "onward-demo")],
        )
        .await;
    assert_eq!(staff.get("/home").await.location(), "/staff");
}

#[tokio::test]
async fn pages_are_plain_english_for_errors_and_load_nothing_from_elsewhere() {
    let app = spawn_app().await;
    let mut browser = Browser::new(&app);
    let missing = browser.get("/no-such-page").await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    assert!(missing.body.contains("<h1>Page not found</h1>"));
    assert!(
        missing.headers[header::CONTENT_TYPE]
            .to_str()
            .unwrap()
            .starts_with("text/html")
    );
    for path in [
        "/",
        "/sign-in",
        "/staff/sign-in",
        "/accessibility",
        "/privacy",
        "/offline",
    ] {
        let page = browser.get(path).await;
        assert_eq!(page.status, StatusCode::OK, "{path}");
        for attribute in ["src=\"http", "href=\"http", "src=\"//", "href=\"//"] {
            assert!(
                !page.body.contains(attribute),
                "{path} loads something from elsewhere"
            );
        }
        assert!(!page.body.contains("<script>"), "{path} has inline script");
        assert!(!page.body.contains("style=\""), "{path} has inline style");
    }
}

#[tokio::test]
async fn the_service_worker_and_assets_are_served_with_the_right_caching() {
    let app = spawn_app().await;
    let mut browser = Browser::new(&app);
    let start = browser.get("/").await;
    let css = start
        .body
        .split("href=\"")
        .find(|s| s.starts_with("/assets/onward."))
        .unwrap();
    let css = &css[..css.find('"').unwrap()];
    let stylesheet = browser.get(css).await;
    assert_eq!(stylesheet.status, StatusCode::OK);
    assert!(
        stylesheet.headers[header::CACHE_CONTROL]
            .to_str()
            .unwrap()
            .contains("immutable")
    );
    let worker = browser.get("/sw.js").await;
    assert_eq!(worker.headers[header::CACHE_CONTROL], "no-cache");
    assert!(
        worker.body.contains(css),
        "the worker precaches the current stylesheet"
    );
    assert!(!worker.body.contains("__PRECACHE__"));
}

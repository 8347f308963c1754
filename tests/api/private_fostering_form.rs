//! The public's private fostering form on the portal, as a phone with JavaScript off uses it:
//! page by page with no account, answers kept between pages, one notification however often
//! "Send" is pressed, and a form filled in by a program reaching nobody.
use reqwest::StatusCode;
use sea_orm::{EntityTrait, PaginatorTrait};

use crate::{
    helpers::{Options, TestApp, TestClock, spawn_app, spawn_app_with},
    portal::{Browser, Page, wait_for_email},
};

async fn stored(app: &TestApp) -> (u64, u64) {
    (
        entity::pf_arrangement::Entity::find()
            .count(&app.state.db)
            .await
            .unwrap(),
        entity::pf_notification::Entity::find()
            .count(&app.state.db)
            .await
            .unwrap(),
    )
}

async fn answer(browser: &mut Browser<'_>, page: &str, fields: &[(&str, &str)]) -> Page {
    let path = format!("/private-fostering/{page}");
    assert_eq!(browser.get(&path).await.status, StatusCode::OK, "{path}");
    browser.post(&path, fields).await
}

/// A neighbour who knows the child's first name, the carer and the address, and little else.
async fn a_neighbour_answers_every_page(browser: &mut Browser<'_>, child: &str) {
    let checked = answer(
        browser,
        "is-it-private-fostering",
        &[
            ("age", "12"),
            ("disabled", "no"),
            ("carer", "family_friend"),
            ("length", "28_days_or_more"),
        ],
    )
    .await;
    assert_eq!(
        checked.location(),
        "/private-fostering/is-it-private-fostering/result"
    );
    let verdict = browser.get(checked.location()).await;
    assert!(verdict.body.contains("This sounds like private fostering"));
    for (page, fields) in [
        (
            "you",
            vec![
                ("notifier", "other"),
                ("notifier_name", "Pat Neighbour"),
                ("notifier_email", "pat@example.com"),
            ],
        ),
        (
            "child",
            vec![("child_name", child), ("child_sex", "not_known")],
        ),
        (
            "carer",
            vec![
                ("carer_name", "Mrs Jones"),
                ("carer_address", "12 Example Road\nBirkenhead"),
            ],
        ),
        ("parents", vec![("parents", "Her mum, working in Spain")]),
        ("brothers-and-sisters", vec![]),
        (
            "arrangement",
            vec![("purpose", "Her mum is working abroad")],
        ),
    ] {
        let moved_on = answer(browser, page, &fields).await;
        assert_eq!(
            moved_on.status,
            StatusCode::SEE_OTHER,
            "{page}: {}",
            moved_on.body
        );
    }
}

#[tokio::test]
async fn a_neighbour_tells_us_page_by_page_with_no_account_and_gets_a_reference_once() {
    let app = spawn_app().await;
    let mut browser = Browser::new(&app);
    let start = browser.get("/private-fostering").await;
    assert!(start.body.contains("Start now"));
    a_neighbour_answers_every_page(&mut browser, "Amy").await;

    let check = browser.get("/private-fostering/check-your-answers").await;
    assert_eq!(check.status, StatusCode::OK);
    for shown in [
        "Pat Neighbour",
        "Amy",
        "Mrs Jones",
        "Her mum is working abroad",
    ] {
        assert!(check.body.contains(shown), "{shown}");
    }
    assert!(check.body.contains("Not known"), "what nobody knew says so");
    assert_eq!(stored(&app).await, (0, 0), "nothing is sent before Send");

    let sent = browser
        .post("/private-fostering/check-your-answers", &[])
        .await;
    assert_eq!(sent.location(), "/private-fostering/sent");
    let confirmation = browser.get("/private-fostering/sent").await;
    let reference = reference_in(&confirmation.body);
    assert_eq!(stored(&app).await, (1, 1));
    let kept = entity::pf_notification::Entity::find()
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(kept.reference, reference);
    assert!(kept.details.contains("Her mum, working in Spain"));

    // Pressed again, or the back button and Send: still one notification, the same reference.
    let again = browser
        .post("/private-fostering/check-your-answers", &[])
        .await;
    assert_eq!(again.location(), "/private-fostering/sent");
    assert_eq!(
        reference_in(&browser.get("/private-fostering/sent").await.body),
        reference
    );
    assert_eq!(stored(&app).await, (1, 1));
    let email = wait_for_email(&app, 2).await;
    assert!(email.contains(&reference), "{email}");

    // Once sent, the answers are gone from the device's draft: a new form starts empty.
    let child = browser.get("/private-fostering/child").await;
    assert!(!child.body.contains("value=\"Amy\""));
}

fn reference_in(body: &str) -> String {
    let start = body.find("PF-").expect("a reference is shown");
    body[start..start + 12].to_owned()
}

#[tokio::test]
async fn a_page_with_a_problem_says_what_and_keeps_what_was_typed() {
    let app = spawn_app().await;
    let mut browser = Browser::new(&app);
    answer(
        &mut browser,
        "you",
        &[("notifier", "other"), ("notifier_name", "Pat Neighbour")],
    )
    .await;
    let carer = answer(
        &mut browser,
        "carer",
        &[("carer_name", "Mrs <b>Jones</b>"), ("carer_address", " ")],
    )
    .await;
    assert_eq!(carer.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(carer.title().starts_with("Error: "));
    assert!(carer.body.contains("There is a problem"));
    assert!(
        carer
            .body
            .contains("<a href=\"#carer-address\">Enter the address where the child is living")
    );
    assert!(
        carer.body.contains("href=\"#carer-phone\""),
        "with no way to reach the notifier, the carer's phone is needed"
    );
    assert!(
        carer
            .body
            .contains("value=\"Mrs &#60;b&#62;Jones&#60;/b&#62;\"")
            || carer
                .body
                .contains("value=\"Mrs &lt;b&gt;Jones&lt;/b&gt;\""),
        "what was typed is shown back"
    );
    assert!(
        !carer.body.contains("<b>Jones"),
        "what was typed is only text"
    );

    // Going straight to Send with the child's name missing links to the page that asks it.
    let sending = browser
        .post("/private-fostering/check-your-answers", &[])
        .await;
    assert_eq!(sending.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        sending
            .body
            .contains("href=\"/private-fostering/child?change=yes#child-name\"")
    );
    assert_eq!(stored(&app).await, (0, 0));
}

#[tokio::test]
async fn the_checker_says_plainly_why_a_grandparent_is_not_private_fostering() {
    let app = spawn_app().await;
    let mut browser = Browser::new(&app);
    answer(
        &mut browser,
        "is-it-private-fostering",
        &[
            ("age", "9"),
            ("disabled", "no"),
            ("carer", "grandparent"),
            ("length", "28_days_or_more"),
        ],
    )
    .await;
    let verdict = browser
        .get("/private-fostering/is-it-private-fostering/result")
        .await;
    assert!(
        verdict
            .body
            .contains("This is probably not private fostering")
    );
    assert!(verdict.body.contains("close relatives"));
    assert!(verdict.body.contains("Tell us anyway"));
}

#[tokio::test]
async fn a_form_filled_in_by_a_program_looks_sent_but_reaches_nobody() {
    let app = spawn_app().await;
    let mut browser = Browser::new(&app);
    answer(
        &mut browser,
        "you",
        &[
            ("notifier", "other"),
            ("notifier_name", "Bot"),
            ("notifier_email", "bot@example.com"),
            ("website", "http://spam.example"),
        ],
    )
    .await;
    answer(&mut browser, "child", &[("child_name", "Amy")]).await;
    answer(
        &mut browser,
        "carer",
        &[("carer_name", "Mrs Jones"), ("carer_address", "1 Road")],
    )
    .await;
    let sent = browser
        .post("/private-fostering/check-your-answers", &[])
        .await;
    assert_eq!(sent.location(), "/private-fostering/sent");
    assert!(
        browser
            .get("/private-fostering/sent")
            .await
            .body
            .contains("PF-")
    );
    assert_eq!(stored(&app).await, (0, 0));
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    let emails = std::fs::read_dir(&app.outbox)
        .map(|d| d.count())
        .unwrap_or(0);
    assert_eq!(emails, 0, "nobody is emailed");
}

#[tokio::test]
async fn answers_are_kept_on_the_device_for_a_day_and_no_longer() {
    let clock = TestClock::starting_now();
    let app = spawn_app_with(Options {
        clock: clock.clone(),
        ..Options::default()
    })
    .await;
    let mut browser = Browser::new(&app);
    answer(&mut browser, "child", &[("child_name", "Amy")]).await;
    let cookie = browser.cookies.get("onward_pf_notification").cloned();
    assert!(cookie.is_some(), "the device holds only a token");
    clock.advance(chrono::Duration::hours(23));
    assert!(
        browser
            .get("/private-fostering/child")
            .await
            .body
            .contains("value=\"Amy\"")
    );
    clock.advance(chrono::Duration::hours(2));
    assert!(
        !browser
            .get("/private-fostering/child")
            .await
            .body
            .contains("value=\"Amy\"")
    );
    assert_eq!(
        browser
            .get("/private-fostering/check-your-answers")
            .await
            .location(),
        "/private-fostering"
    );
}

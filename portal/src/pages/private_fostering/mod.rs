//! Telling the council about a child who may be privately fostered: for anyone, with no
//! account, one topic per page, working with JavaScript off. The answers are kept between pages
//! against a cookie; nothing is sent until "Check your answers".
mod journey;

use api::{
    AppState,
    domain::private_fostering::{Verdict, check},
    error::Error,
    http::client_address,
    service::private_fostering::drafts,
};
use askama::Template;
use poem::{
    Request, Response, handler,
    http::{HeaderValue, StatusCode},
    web::{Data, Form, Path, Query},
};
use serde::Deserialize;

use self::journey::{AnswerSection, Answers, BASE, CHECK_ANSWERS, Page};
use super::{Chrome, failed, form_sender, ok, render, see_other, visitor};
use crate::{
    forms::{ErrorSummary, Field, answer},
    session::{SameSite, Visitor, cookie, set_cookie},
};

/// Holds the token of the form being filled in on this device.
pub const DRAFT_COOKIE: &str = "onward_pf_notification";
/// The field no person sees; a program filling in every field fills it in too.
const HONEYPOT: &str = "website";
const CAPTION: &str = "Tell us about a child living with someone else";

#[derive(Template)]
#[template(path = "pf_start.html")]
struct Start {
    chrome: Chrome,
    first_page: String,
}

#[handler]
pub async fn start(req: &Request, Data(state): Data<&AppState>) -> Response {
    match visitor(req, state).await {
        Ok(visitor) => ok(
            &Start {
                chrome: Chrome::new(
                    &visitor,
                    "Tell us about a child who may be privately fostered",
                ),
                first_page: Page::Checker.url(),
            },
            &visitor,
        ),
        Err(response) => response,
    }
}

/// The answers on this device so far, and whether they have been sent already.
struct Kept {
    token: Option<String>,
    answers: Answers,
    reference: Option<String>,
}

async fn kept(req: &Request, state: &AppState) -> api::error::Result<Kept> {
    let token = cookie(req, DRAFT_COOKIE);
    let draft = match &token {
        Some(token) => drafts::find(state, token).await?,
        None => None,
    };
    Ok(match draft {
        Some(draft) => Kept {
            token,
            answers: serde_json::from_str(&draft.answers).unwrap_or_default(),
            reference: draft.reference,
        },
        None => Kept {
            token: None,
            answers: Answers::default(),
            reference: None,
        },
    })
}

/// Answers still being written: those of a draft already sent belong to that notification.
fn in_progress(kept: Kept) -> (Option<String>, Answers) {
    match kept.reference {
        Some(_) => (None, Answers::default()),
        None => (kept.token, kept.answers),
    }
}

#[derive(Template)]
#[template(path = "pf_question.html")]
struct QuestionPage {
    chrome: Chrome,
    errors: ErrorSummary,
    caption: &'static str,
    heading: &'static str,
    intro: &'static [&'static str],
    back: String,
    action: String,
    change: bool,
    fields: Vec<Field>,
}

fn question_page(
    visitor: &Visitor,
    page: Page,
    answers: &Answers,
    errors: ErrorSummary,
    change: bool,
) -> QuestionPage {
    QuestionPage {
        chrome: Chrome::with_errors(visitor, page.heading(), !errors.is_empty()),
        fields: page.fields(answers, &errors),
        errors,
        caption: CAPTION,
        heading: page.heading(),
        intro: page.intro(),
        back: if change {
            CHECK_ANSWERS.to_owned()
        } else {
            page.back()
        },
        action: page.url(),
        change,
    }
}

#[derive(Debug, Default, Deserialize)]
pub struct Changing {
    #[serde(default)]
    change: Option<String>,
}

#[handler]
pub async fn ask(
    req: &Request,
    Path(slug): Path<String>,
    Query(changing): Query<Changing>,
    Data(state): Data<&AppState>,
) -> Response {
    let Some(page) = Page::from_slug(&slug) else {
        return failed(Error::NotFound, None);
    };
    let visitor = match visitor(req, state).await {
        Ok(visitor) => visitor,
        Err(response) => return response,
    };
    let (_, answers) = match kept(req, state).await {
        Ok(kept) => in_progress(kept),
        Err(error) => return failed(error, Some(&visitor)),
    };
    let change = changing.change.as_deref() == Some("yes");
    ok(
        &question_page(&visitor, page, &answers, ErrorSummary::default(), change),
        &visitor,
    )
}

#[handler]
pub async fn answer_page(
    req: &Request,
    Path(slug): Path<String>,
    Form(form): Form<Vec<(String, String)>>,
    Data(state): Data<&AppState>,
) -> Response {
    let Some(page) = Page::from_slug(&slug) else {
        return failed(Error::NotFound, None);
    };
    let visitor = match form_sender(req, state, answer(&form, "csrf_token")).await {
        Ok(visitor) => visitor,
        Err(response) => return response,
    };
    let (token, mut answers) = match kept(req, state).await {
        Ok(kept) => in_progress(kept),
        Err(error) => return failed(error, Some(&visitor)),
    };
    for name in page.names() {
        answers.set(name, answer(&form, name));
    }
    let change = answer(&form, "change") == "yes";
    let errors = page.problems(&answers, state.clock.today());
    if !errors.is_empty() {
        return render(
            &question_page(&visitor, page, &answers, errors, change),
            StatusCode::UNPROCESSABLE_ENTITY,
            &visitor,
        );
    }
    let refused = !answer(&form, HONEYPOT).trim().is_empty();
    let json = serde_json::to_string(&answers).unwrap_or_default();
    let saved = drafts::save(
        state,
        token.as_deref(),
        &json,
        refused,
        &client_address(req),
    )
    .await;
    let saved_token = match saved {
        Ok(saved) => saved,
        Err(Error::TooManyAttempts {
            retry_after_seconds,
        }) => return too_many(&visitor, retry_after_seconds),
        Err(error) => return failed(error, Some(&visitor)),
    };
    let cookies: Vec<HeaderValue> = if token.as_deref() == Some(saved_token.as_str()) {
        Vec::new()
    } else {
        vec![set_cookie(
            DRAFT_COOKIE,
            &saved_token,
            Some(drafts::KEPT_FOR.num_seconds()),
            SameSite::Lax,
            state.production,
        )]
    };
    let next = if change && page != Page::Checker {
        CHECK_ANSWERS.to_owned()
    } else {
        page.next()
    };
    see_other(&next, &cookies)
}

#[derive(Template)]
#[template(path = "pf_verdict.html")]
struct VerdictPage {
    chrome: Chrome,
    caption: &'static str,
    heading: &'static str,
    lines: Vec<&'static str>,
    covered: bool,
    checker: String,
    next: String,
}

/// What the checker found, in words: continue, or why it is probably not private fostering
/// (with the way to tell us anyway, because the person may know more than four answers say).
#[handler]
pub async fn verdict(req: &Request, Data(state): Data<&AppState>) -> Response {
    let visitor = match visitor(req, state).await {
        Ok(visitor) => visitor,
        Err(response) => return response,
    };
    let answers = match kept(req, state).await {
        Ok(kept) => in_progress(kept).1,
        Err(error) => return failed(error, Some(&visitor)),
    };
    let Some(checker) = answers.checker() else {
        return see_other(&Page::Checker.url(), &[]);
    };
    let (heading, lines, covered): (&str, Vec<&str>, bool) = match check(checker) {
        Verdict::PrivateFostering => (
            "This sounds like private fostering",
            vec![
                "The council must be told, so that we can check the child is safe and well, and \
                 that the person looking after them has the help they need.",
            ],
            true,
        ),
        Verdict::ProbablyPrivateFostering => (
            "This may be private fostering",
            vec![
                "Please tell us: we will find out the rest. It is better for us to hear about a \
                 child we did not need to than to miss one.",
            ],
            true,
        ),
        Verdict::NotPrivateFostering(because) => (
            "This is probably not private fostering",
            vec![because.words()],
            false,
        ),
    };
    ok(
        &VerdictPage {
            chrome: Chrome::new(&visitor, heading),
            caption: CAPTION,
            heading,
            lines,
            covered,
            checker: Page::Checker.url(),
            next: Page::You.url(),
        },
        &visitor,
    )
}

#[derive(Template)]
#[template(path = "pf_check_answers.html")]
struct CheckAnswers {
    chrome: Chrome,
    caption: &'static str,
    problems: Vec<(String, String)>,
    sections: Vec<AnswerSection>,
    action: &'static str,
    back: String,
}

fn check_answers_page(
    visitor: &Visitor,
    answers: &Answers,
    problems: Vec<(String, String)>,
) -> CheckAnswers {
    CheckAnswers {
        chrome: Chrome::with_errors(visitor, "Check your answers", !problems.is_empty()),
        caption: CAPTION,
        problems,
        sections: journey::sections(answers),
        action: CHECK_ANSWERS,
        back: Page::Arrangement.url(),
    }
}

#[handler]
pub async fn check_answers(req: &Request, Data(state): Data<&AppState>) -> Response {
    let visitor = match visitor(req, state).await {
        Ok(visitor) => visitor,
        Err(response) => return response,
    };
    let (token, answers) = match kept(req, state).await {
        Ok(kept) => in_progress(kept),
        Err(error) => return failed(error, Some(&visitor)),
    };
    if token.is_none() {
        return see_other(BASE, &[]);
    }
    ok(
        &check_answers_page(&visitor, &answers, Vec::new()),
        &visitor,
    )
}

#[derive(Debug, Default, Deserialize)]
pub struct Sending {
    #[serde(default)]
    csrf_token: String,
}

/// Send the notification. Anything still missing is listed with a link to the page that asks.
#[handler]
pub async fn send(
    req: &Request,
    Form(sending): Form<Sending>,
    Data(state): Data<&AppState>,
) -> Response {
    let visitor = match form_sender(req, state, &sending.csrf_token).await {
        Ok(visitor) => visitor,
        Err(response) => return response,
    };
    let kept = match kept(req, state).await {
        Ok(kept) => kept,
        Err(error) => return failed(error, Some(&visitor)),
    };
    let Some(token) = kept.token.clone() else {
        return see_other(BASE, &[]);
    };
    if kept.reference.is_some() {
        // Sent already, and this is the form again: show what was sent, once.
        return see_other(&format!("{BASE}/sent"), &[]);
    }
    let problems = journey::problems_everywhere(&kept.answers, state.clock.today());
    let notifier = kept.answers.notifier();
    let Some(notifier) = notifier.filter(|_| problems.is_empty()) else {
        return render(
            &check_answers_page(&visitor, &kept.answers, problems),
            StatusCode::UNPROCESSABLE_ENTITY,
            &visitor,
        );
    };
    let mut ignored = ErrorSummary::default();
    let notification = kept.answers.notification(&mut ignored);
    match drafts::send(state, &token, notifier, &notification, &client_address(req)).await {
        Ok(_) => see_other(&format!("{BASE}/sent"), &[]),
        Err(Error::TooManyAttempts {
            retry_after_seconds,
        }) => too_many(&visitor, retry_after_seconds),
        Err(error) => failed(error, Some(&visitor)),
    }
}

#[derive(Template)]
#[template(path = "pf_sent.html")]
struct Sent {
    chrome: Chrome,
    reference: String,
    start: &'static str,
}

#[handler]
pub async fn sent(req: &Request, Data(state): Data<&AppState>) -> Response {
    let visitor = match visitor(req, state).await {
        Ok(visitor) => visitor,
        Err(response) => return response,
    };
    match kept(req, state).await {
        Ok(Kept {
            reference: Some(reference),
            ..
        }) => ok(
            &Sent {
                chrome: Chrome::new(&visitor, "Notification sent"),
                reference,
                start: BASE,
            },
            &visitor,
        ),
        Ok(_) => see_other(BASE, &[]),
        Err(error) => failed(error, Some(&visitor)),
    }
}

#[derive(Template)]
#[template(path = "pf_too_many.html")]
struct TooMany {
    chrome: Chrome,
    minutes: u64,
}

/// One connection has sent more than a person would: say when they can try again.
fn too_many(visitor: &Visitor, retry_after_seconds: u64) -> Response {
    let mut response = render(
        &TooMany {
            chrome: Chrome::new(visitor, "Please try again later"),
            minutes: retry_after_seconds.div_ceil(60),
        },
        StatusCode::TOO_MANY_REQUESTS,
        visitor,
    );
    if let Ok(value) = HeaderValue::from_str(&retry_after_seconds.to_string()) {
        response
            .headers_mut()
            .insert(poem::http::header::RETRY_AFTER, value);
    }
    response
}

//! Signing in and out. Young people: email address → emailed code. Staff: email address and
//! password. Both end in a session cookie; signing out ends it and clears saved pages.
use api::{
    AppState,
    error::Error,
    service::{
        portal_sessions, sign_in,
        sign_in_codes::{self, CodeOutcome},
    },
};
use askama::Template;
use poem::{
    Request, Response, handler,
    http::{HeaderValue, StatusCode},
    web::{Data, Form},
};
use serde::Deserialize;
use uuid::Uuid;

use super::{Chrome, failed, form_sender, ok, render, see_other, visitor};
use crate::{
    forms::{ErrorSummary, TextField},
    session::{self, ATTEMPT_COOKIE, SESSION_COOKIE, SameSite, Visitor},
};

/// How long the browser remembers which sign-in attempt it is on.
const ATTEMPT_COOKIE_SECONDS: i64 = 15 * 60;

#[derive(Template)]
#[template(path = "sign_in_email.html")]
struct AskEmail {
    chrome: Chrome,
    errors: ErrorSummary,
    email: TextField,
}

fn email_page(visitor: &Visitor, value: &str, errors: ErrorSummary) -> AskEmail {
    AskEmail {
        chrome: Chrome::with_errors(visitor, "What is your email address?", !errors.is_empty()),
        email: TextField::new("email", "What is your email address?")
            .heading()
            .hint("We will email you a code to sign in. Use the email address your personal adviser or social worker has for you.")
            .email()
            .value(value)
            .errors_from(&errors),
        errors,
    }
}

#[handler]
pub async fn ask_email(req: &Request, Data(state): Data<&AppState>) -> Response {
    let visitor = match visitor(req, state).await {
        Ok(visitor) => visitor,
        Err(response) => return response,
    };
    if visitor.account.is_some() {
        return see_other(visitor.home(), &[]);
    }
    ok(&email_page(&visitor, "", ErrorSummary::default()), &visitor)
}

#[derive(Debug, Deserialize)]
pub struct EmailForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    csrf_token: String,
}

fn attempt_cookie(state: &AppState, attempt: Uuid) -> HeaderValue {
    session::set_cookie(
        ATTEMPT_COOKIE,
        &attempt.to_string(),
        Some(ATTEMPT_COOKIE_SECONDS),
        SameSite::Lax,
        state.production,
    )
}

#[handler]
pub async fn send_code(
    req: &Request,
    Data(state): Data<&AppState>,
    Form(form): Form<EmailForm>,
) -> Response {
    let visitor = match form_sender(req, state, &form.csrf_token).await {
        Ok(visitor) => visitor,
        Err(response) => return response,
    };
    match sign_in_codes::send_code(state, &form.email).await {
        Ok(attempt) => see_other("/sign-in/code", &[attempt_cookie(state, attempt)]),
        Err(Error::Invalid(fields)) => {
            let errors = ErrorSummary::from(fields);
            render(
                &email_page(&visitor, &form.email, errors),
                StatusCode::UNPROCESSABLE_ENTITY,
                &visitor,
            )
        }
        Err(Error::TooManyAttempts { .. }) => {
            let mut errors = ErrorSummary::default();
            errors.add("email", "We have sent too many codes to this email address. Wait 15 minutes, then try again.");
            render(
                &email_page(&visitor, &form.email, errors),
                StatusCode::TOO_MANY_REQUESTS,
                &visitor,
            )
        }
        Err(error) => failed(error, Some(&visitor)),
    }
}

#[derive(Template)]
#[template(path = "sign_in_code.html")]
struct AskCode {
    chrome: Chrome,
    errors: ErrorSummary,
    code: TextField,
    /// Show only the way to get a new code: this one cannot work any more.
    needs_new_code: bool,
}

fn code_page(visitor: &Visitor, errors: ErrorSummary, needs_new_code: bool) -> AskCode {
    AskCode {
        chrome: Chrome::with_errors(visitor, "Check your email", !errors.is_empty()),
        code: TextField::new("code", "Enter the 6-digit code")
            .hint("The code is in an email from Onward. It can take a few minutes to arrive.")
            .one_time_code()
            .errors_from(&errors),
        errors,
        needs_new_code,
    }
}

fn attempt_id(req: &Request) -> Option<Uuid> {
    session::cookie(req, ATTEMPT_COOKIE).and_then(|value| value.parse().ok())
}

#[handler]
pub async fn ask_code(req: &Request, Data(state): Data<&AppState>) -> Response {
    let visitor = match visitor(req, state).await {
        Ok(visitor) => visitor,
        Err(response) => return response,
    };
    if attempt_id(req).is_none() {
        return see_other("/sign-in", &[]);
    }
    ok(
        &code_page(&visitor, ErrorSummary::default(), false),
        &visitor,
    )
}

#[derive(Debug, Deserialize)]
pub struct CodeForm {
    #[serde(default)]
    code: String,
    #[serde(default)]
    csrf_token: String,
}

#[handler]
pub async fn check_code(
    req: &Request,
    Data(state): Data<&AppState>,
    Form(form): Form<CodeForm>,
) -> Response {
    let visitor = match form_sender(req, state, &form.csrf_token).await {
        Ok(visitor) => visitor,
        Err(response) => return response,
    };
    let Some(attempt) = attempt_id(req) else {
        return see_other("/sign-in", &[]);
    };
    let mut errors = ErrorSummary::default();
    let needs_new_code = match sign_in_codes::check_code(state, attempt, &form.code).await {
        Ok(CodeOutcome::SignedIn { session_token, .. }) => {
            let cookies = [
                session::set_cookie(
                    SESSION_COOKIE,
                    &session_token,
                    None,
                    SameSite::Lax,
                    state.production,
                ),
                session::clear_cookie(ATTEMPT_COOKIE, state.production),
            ];
            return see_other("/home", &cookies);
        }
        Ok(CodeOutcome::Wrong { tries_left }) => {
            let tries = if tries_left == 1 {
                "1 more try".to_owned()
            } else {
                format!("{tries_left} more tries")
            };
            errors.add(
                "code",
                format!("The code is not right. Check the email and try again. You have {tries}."),
            );
            false
        }
        Ok(CodeOutcome::Expired) => {
            errors.add(
                "code",
                "The code has expired. Codes work for 10 minutes. Ask for a new code below.",
            );
            true
        }
        Ok(CodeOutcome::NeedsNewCode) => {
            errors.add(
                "code",
                "That code cannot be used any more. Ask for a new code below.",
            );
            true
        }
        Err(Error::Invalid(fields)) => {
            errors = ErrorSummary::from(fields);
            false
        }
        Err(error) => return failed(error, Some(&visitor)),
    };
    render(
        &code_page(&visitor, errors, needs_new_code),
        StatusCode::UNPROCESSABLE_ENTITY,
        &visitor,
    )
}

#[derive(Debug, Deserialize)]
pub struct TokenOnlyForm {
    #[serde(default)]
    csrf_token: String,
}

#[handler]
pub async fn send_new_code(
    req: &Request,
    Data(state): Data<&AppState>,
    Form(form): Form<TokenOnlyForm>,
) -> Response {
    let visitor = match form_sender(req, state, &form.csrf_token).await {
        Ok(visitor) => visitor,
        Err(response) => return response,
    };
    let Some(previous) = attempt_id(req) else {
        return see_other("/sign-in", &[]);
    };
    match sign_in_codes::send_new_code(state, previous).await {
        Ok(attempt) => see_other("/sign-in/code", &[attempt_cookie(state, attempt)]),
        Err(Error::TooManyAttempts { .. }) => {
            let mut errors = ErrorSummary::default();
            errors.add(
                "code",
                "We have sent too many codes. Wait 15 minutes, then ask for a new one.",
            );
            render(
                &code_page(&visitor, errors, true),
                StatusCode::TOO_MANY_REQUESTS,
                &visitor,
            )
        }
        Err(error) => failed(error, Some(&visitor)),
    }
}

#[derive(Template)]
#[template(path = "staff_sign_in.html")]
struct AskPassword {
    chrome: Chrome,
    errors: ErrorSummary,
    email: TextField,
    password: TextField,
}

fn password_page(visitor: &Visitor, email: &str, errors: ErrorSummary) -> AskPassword {
    AskPassword {
        chrome: Chrome::with_errors(visitor, "Sign in with your password", !errors.is_empty()),
        email: TextField::new("email", "Work email address")
            .email()
            .value(email)
            .errors_from(&errors),
        password: TextField::new("password", "Password")
            .current_password()
            .errors_from(&errors),
        errors,
    }
}

#[handler]
pub async fn ask_password(req: &Request, Data(state): Data<&AppState>) -> Response {
    let visitor = match visitor(req, state).await {
        Ok(visitor) => visitor,
        Err(response) => return response,
    };
    if visitor.account.is_some() {
        return see_other(visitor.home(), &[]);
    }
    ok(
        &password_page(&visitor, "", ErrorSummary::default()),
        &visitor,
    )
}

#[derive(Debug, Deserialize)]
pub struct PasswordForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    csrf_token: String,
}

#[handler]
pub async fn check_password(
    req: &Request,
    Data(state): Data<&AppState>,
    Form(form): Form<PasswordForm>,
) -> Response {
    let visitor = match form_sender(req, state, &form.csrf_token).await {
        Ok(visitor) => visitor,
        Err(response) => return response,
    };
    let mut errors = ErrorSummary::default();
    if form.email.trim().is_empty() {
        errors.add("email", "Enter your work email address");
    }
    if form.password.is_empty() {
        errors.add("password", "Enter your password");
    }
    if !errors.is_empty() {
        return render(
            &password_page(&visitor, &form.email, errors),
            StatusCode::UNPROCESSABLE_ENTITY,
            &visitor,
        );
    }
    let address = api::http::client_address(req);
    let status = match sign_in::check_password(state, &form.email, &form.password, &address).await {
        Ok(user) => {
            return match portal_sessions::start(&state.db, user.id, state.clock.now()).await {
                Ok(token) => {
                    let cookie = session::set_cookie(
                        SESSION_COOKIE,
                        &token,
                        None,
                        SameSite::Lax,
                        state.production,
                    );
                    let home = if user.young_person_id.is_some() {
                        "/home"
                    } else {
                        "/staff"
                    };
                    see_other(home, &[cookie])
                }
                Err(error) => failed(error, Some(&visitor)),
            };
        }
        Err(Error::WrongCredentials) => {
            errors.add("email", "The email address or password is not right");
            StatusCode::UNPROCESSABLE_ENTITY
        }
        Err(Error::TooManyAttempts {
            retry_after_seconds,
        }) => {
            let minutes = retry_after_seconds.div_ceil(60);
            let unit = if minutes == 1 { "minute" } else { "minutes" };
            errors.add("email", format!("There have been too many attempts to sign in. Wait {minutes} {unit}, then try again."));
            StatusCode::TOO_MANY_REQUESTS
        }
        Err(error) => return failed(error, Some(&visitor)),
    };
    render(
        &password_page(&visitor, &form.email, errors),
        status,
        &visitor,
    )
}

#[handler]
pub async fn sign_out(
    req: &Request,
    Data(state): Data<&AppState>,
    Form(form): Form<TokenOnlyForm>,
) -> Response {
    let visitor = match form_sender(req, state, &form.csrf_token).await {
        Ok(visitor) => visitor,
        Err(response) => return response,
    };
    if let Some(token) = session::cookie(req, SESSION_COOKIE)
        && let Err(error) = portal_sessions::end(&state.db, &token, state.clock.now()).await
    {
        return failed(error, Some(&visitor));
    }
    let mut response = see_other(
        "/signed-out",
        &[session::clear_cookie(SESSION_COOKIE, state.production)],
    );
    // Remove pages saved for offline reading from this device, even without JavaScript.
    response.headers_mut().insert(
        "clear-site-data",
        HeaderValue::from_static("\"cache\", \"storage\""),
    );
    response
}

#[derive(Template)]
#[template(path = "signed_out.html")]
struct SignedOut {
    chrome: Chrome,
}

#[handler]
pub async fn signed_out(req: &Request, Data(state): Data<&AppState>) -> Response {
    let visitor = match visitor(req, state).await {
        Ok(visitor) => visitor,
        Err(response) => return response,
    };
    let mut chrome = Chrome::new(&visitor, "You have signed out");
    chrome.signed_out = true;
    ok(&SignedOut { chrome }, &visitor)
}

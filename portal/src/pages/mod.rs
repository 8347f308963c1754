//! Pages: what every page shares (the frame around it, rendering, errors), and the routes.
mod caseload;
mod contacts;
mod entitlements;
mod escalations;
mod health;
mod homelessness;
mod offer;
mod pf_casework;
mod plans;
mod private_fostering;
mod public;
mod publishing;
mod reports;
mod reviews;
mod sign_in;
mod staff;
mod young_person;

use api::{AppState, error::Error};
use askama::Template;
use poem::{
    EndpointExt, Request, Response, Route, get,
    http::{HeaderValue, StatusCode, header},
    post,
};

use crate::{
    assets::ASSETS,
    forms::{ErrorSummary, Field},
    session::Visitor,
};

pub fn mount(routes: Route, state: AppState) -> Route {
    routes
        .at("/", get(public::start).data(state.clone()))
        .at(
            "/accessibility",
            get(public::accessibility).data(state.clone()),
        )
        .at("/privacy", get(public::privacy).data(state.clone()))
        .at("/offline", get(public::offline).data(state.clone()))
        .at("/offer", get(offer::offer).data(state.clone()))
        .at(
            "/private-fostering",
            get(private_fostering::start).data(state.clone()),
        )
        .at(
            "/private-fostering/is-it-private-fostering/result",
            get(private_fostering::verdict).data(state.clone()),
        )
        .at(
            "/private-fostering/check-your-answers",
            get(private_fostering::check_answers)
                .post(private_fostering::send)
                .data(state.clone()),
        )
        .at(
            "/private-fostering/sent",
            get(private_fostering::sent).data(state.clone()),
        )
        .at(
            "/private-fostering/:page",
            get(private_fostering::ask)
                .post(private_fostering::answer_page)
                .data(state.clone()),
        )
        .at(
            "/sign-in",
            get(sign_in::ask_email)
                .post(sign_in::send_code)
                .data(state.clone()),
        )
        .at(
            "/sign-in/code",
            get(sign_in::ask_code)
                .post(sign_in::check_code)
                .data(state.clone()),
        )
        .at(
            "/sign-in/new-code",
            post(sign_in::send_new_code).data(state.clone()),
        )
        .at(
            "/staff/sign-in",
            get(sign_in::ask_password)
                .post(sign_in::check_password)
                .data(state.clone()),
        )
        .at("/sign-out", post(sign_in::sign_out).data(state.clone()))
        .at("/signed-out", get(sign_in::signed_out).data(state.clone()))
        .at("/home", get(young_person::home).data(state.clone()))
        .at(
            "/my/details",
            get(young_person::details).data(state.clone()),
        )
        .at(
            "/my/workers",
            get(young_person::workers).data(state.clone()),
        )
        .at("/my/health", get(health::my_health).data(state.clone()))
        .at(
            "/my/entitlements",
            get(entitlements::what_i_can_get).data(state.clone()),
        )
        .at(
            "/my/entitlements/:item/ask",
            get(entitlements::ask)
                .post(entitlements::send_request)
                .data(state.clone()),
        )
        .at("/my/plan", get(plans::my_plan).data(state.clone()))
        .at(
            "/my/plan/agree",
            post(plans::agree_my_plan).data(state.clone()),
        )
        .at(
            "/my/plan/views/:section",
            get(plans::add_views)
                .post(plans::send_views)
                .data(state.clone()),
        )
        .at(
            "/staff/young-people/:id/plan",
            get(plans::staff_plan).data(state.clone()),
        )
        .at(
            "/staff/young-people/:id/plan/edit",
            get(plans::edit_plan)
                .post(plans::save_plan)
                .data(state.clone()),
        )
        .at(
            "/staff/young-people/:id/plan/agree",
            get(plans::agree_form)
                .post(plans::save_agreement)
                .data(state.clone()),
        )
        .at(
            "/my/key-documents",
            post(entitlements::tick_documents).data(state.clone()),
        )
        .at(
            "/staff/requests",
            get(entitlements::waiting).data(state.clone()),
        )
        .at(
            "/staff/young-people/:id/entitlements",
            get(entitlements::their_entitlements).data(state.clone()),
        )
        .at(
            "/staff/young-people/:id/entitlements/:item/approve",
            post(entitlements::approve).data(state.clone()),
        )
        .at(
            "/staff/young-people/:id/entitlements/:item/:answer",
            get(entitlements::answer_form)
                .post(entitlements::send_answer)
                .data(state.clone()),
        )
        .at(
            "/staff/young-people/:id/circumstances",
            post(entitlements::record_circumstances).data(state.clone()),
        )
        .at(
            "/staff/young-people/:id/key-documents",
            post(entitlements::tick_their_documents).data(state.clone()),
        )
        .at(
            "/my/record-views",
            get(young_person::record_views).data(state.clone()),
        )
        .at("/staff", get(staff::home).data(state.clone()))
        .at(
            "/staff/young-people/:id",
            get(staff::young_person).data(state.clone()),
        )
        .at(
            "/staff/young-people/:id/reviews/new",
            get(reviews::new_review)
                .post(reviews::record_review)
                .data(state.clone()),
        )
        .at(
            "/staff/young-people/:id/contacts/new",
            get(contacts::new_contact)
                .post(contacts::record_contact)
                .data(state.clone()),
        )
        .at(
            "/staff/young-people/:id/escalations/new",
            get(escalations::start)
                .post(escalations::raise)
                .data(state.clone()),
        )
        .at(
            "/staff/young-people/:id/health",
            get(health::staff_history).data(state.clone()),
        )
        .at(
            "/staff/young-people/:id/health/:form/new",
            get(health::new_entry)
                .post(health::send_answers)
                .data(state.clone()),
        )
        .at(
            "/staff/young-people/:id/health/entries/:entry/correct",
            get(health::correct_entry)
                .post(health::send_correction)
                .data(state.clone()),
        )
        .at(
            "/staff/young-people/:id/health/check/:draft",
            get(health::review_answers)
                .post(health::confirm)
                .data(state.clone()),
        )
        .at(
            "/admin/offer",
            get(publishing::all_items).data(state.clone()),
        )
        .at(
            "/admin/offer/new",
            get(publishing::new_item)
                .post(publishing::add_item)
                .data(state.clone()),
        )
        .at(
            "/admin/offer/:id",
            get(publishing::show_item).data(state.clone()),
        )
        .at(
            "/admin/offer/:id/edit",
            get(publishing::edit_item)
                .post(publishing::save_item)
                .data(state.clone()),
        )
        .at(
            "/admin/offer/:id/status",
            post(publishing::change_status).data(state.clone()),
        )
        .at(
            "/admin/offer/:id/translations/:language",
            get(publishing::write_translation)
                .post(publishing::save_translation)
                .data(state.clone()),
        )
        .at("/staff/reviews", get(reviews::list).data(state.clone()))
        .at(
            "/staff/homelessness/new",
            get(homelessness::new_case)
                .post(homelessness::open_case)
                .data(state.clone()),
        )
        .at(
            "/staff/homelessness/:id",
            get(homelessness::show).data(state.clone()),
        )
        .at(
            "/staff/homelessness/:id/:form",
            get(homelessness::case_form)
                .post(homelessness::save_case_form)
                .data(state.clone()),
        )
        .at(
            "/my/rights",
            get(homelessness::my_rights)
                .post(homelessness::answer_my_rights)
                .data(state.clone()),
        )
        .at(
            "/staff/private-fostering/:id",
            get(pf_casework::show).data(state.clone()),
        )
        .at(
            "/staff/private-fostering/:id/visits/new",
            get(pf_casework::visit_form)
                .post(pf_casework::record_visit)
                .data(state.clone()),
        )
        .at(
            "/staff/private-fostering/:id/schedule-2/new",
            get(pf_casework::schedule_2_form)
                .post(pf_casework::record_check)
                .data(state.clone()),
        )
        .at(
            "/staff/private-fostering/:id/suitability-checks/new",
            get(pf_casework::suitability_form)
                .post(pf_casework::record_dbs_check)
                .data(state.clone()),
        )
        .at(
            "/staff/private-fostering/:id/status",
            get(pf_casework::status_form)
                .post(pf_casework::record_status)
                .data(state.clone()),
        )
        .at(
            "/staff/escalations/:id",
            get(escalations::show)
                .post(escalations::update)
                .data(state.clone()),
        )
        .at("/staff/timeliness", get(reports::timeliness).data(state))
}

/// The visitor, or the error page if they could not be looked up.
pub async fn visitor(req: &Request, state: &AppState) -> Result<Visitor, Response> {
    Visitor::from_request(req, state)
        .await
        .map_err(|error| failed(error, None))
}

/// The visitor who sent a form, if the form carries the token our page gave them.
pub async fn form_sender(
    req: &Request,
    state: &AppState,
    csrf_token: &str,
) -> Result<Visitor, Response> {
    let visitor = visitor(req, state).await?;
    if visitor.form_is_ours(csrf_token) {
        Ok(visitor)
    } else {
        tracing::warn!("form refused: its token did not match");
        let page = ErrorPage {
            chrome: Chrome::new(&visitor, "Sorry, that did not work"),
            heading: "Sorry, that did not work",
            lines: vec![
                "The page was open for too long, or the form came from somewhere else.",
                "Go back, refresh the page and try again.",
            ],
            request_id: None,
            home: visitor.home(),
        };
        Err(render(&page, StatusCode::FORBIDDEN, &visitor))
    }
}

pub const SERVICE_NAME: &str = "Onward";

/// What surrounds every page: title, header, assets, and the sign-out form's token.
pub struct Chrome {
    pub title: String,
    pub css_url: &'static str,
    pub js_url: &'static str,
    pub home: &'static str,
    pub signed_in_as: Option<String>,
    pub show_sign_in: bool,
    pub csrf_token: String,
    /// A young person's own page, which the service worker keeps for offline reading.
    pub offline_ready: bool,
    /// The signed-out page, which clears anything saved for offline reading.
    pub signed_out: bool,
}

impl Chrome {
    pub fn new(visitor: &Visitor, title: &str) -> Self {
        Self {
            title: if title == SERVICE_NAME {
                SERVICE_NAME.to_owned()
            } else {
                format!("{title} – {SERVICE_NAME}")
            },
            css_url: &ASSETS.css_url,
            js_url: &ASSETS.js_url,
            home: visitor.home(),
            signed_in_as: visitor.account.as_ref().map(|a| a.name.clone()),
            show_sign_in: true,
            csrf_token: visitor.csrf_token.clone(),
            offline_ready: false,
            signed_out: false,
        }
    }

    /// The same, with `Error: ` before the title when the page shows errors.
    pub fn with_errors(visitor: &Visitor, title: &str, has_errors: bool) -> Self {
        let mut chrome = Self::new(visitor, title);
        if has_errors {
            chrome.title = format!("Error: {}", chrome.title);
        }
        chrome
    }

    pub fn offline_ready(mut self) -> Self {
        self.offline_ready = true;
        self
    }
}

/// Render a page with a status, giving the browser its form token if it has none.
pub fn render(page: &impl Template, status: StatusCode, visitor: &Visitor) -> Response {
    let html = match page.render() {
        Ok(html) => html,
        Err(error) => {
            return unexpected(anyhow::Error::new(error).context("rendering a page failed"));
        }
    };
    let mut response = Response::builder()
        .status(status)
        .header(header::CONTENT_TYPE, "text/html; charset=utf-8")
        // Pages hold personal data; nothing may keep them but the young person's own
        // service worker, which saves copies deliberately.
        .header(header::CACHE_CONTROL, "no-store")
        .body(html);
    if let Some(cookie) = &visitor.new_csrf_cookie {
        response
            .headers_mut()
            .append(header::SET_COOKIE, cookie.clone());
    }
    response
}

pub fn ok(page: &impl Template, visitor: &Visitor) -> Response {
    render(page, StatusCode::OK, visitor)
}

/// A one-page form on a case (a private fostering arrangement, a homelessness case): drawn by
/// one template, with the case named above the heading and a way back to it.
#[derive(Template)]
#[template(path = "staff_case_form.html")]
pub struct CaseFormPage {
    pub chrome: Chrome,
    pub errors: ErrorSummary,
    pub caption: String,
    pub back_text: &'static str,
    pub heading: &'static str,
    pub action: String,
    pub cancel: String,
    /// The status the form was drawn from, sent back so a change made meanwhile is noticed.
    pub from: Option<&'static str>,
    pub fields: Vec<Field>,
}

/// POST → redirect → GET.
pub fn see_other(location: &str, cookies: &[HeaderValue]) -> Response {
    let mut response = Response::builder()
        .status(StatusCode::SEE_OTHER)
        .header(header::LOCATION, location)
        .finish();
    for cookie in cookies {
        response
            .headers_mut()
            .append(header::SET_COOKIE, cookie.clone());
    }
    response
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage {
    chrome: Chrome,
    heading: &'static str,
    lines: Vec<&'static str>,
    request_id: Option<String>,
    home: &'static str,
}

fn error_page(status: StatusCode, visitor: Option<&Visitor>) -> Response {
    let (heading, lines): (&str, Vec<&str>) = match status {
        StatusCode::NOT_FOUND | StatusCode::METHOD_NOT_ALLOWED => (
            "Page not found",
            vec![
                "If you typed the web address, check it is correct.",
                "If you pasted the web address, check you copied the entire address.",
            ],
        ),
        StatusCode::FORBIDDEN => (
            "You cannot see this page",
            vec![
                "Your account does not give you access to this page. If you think it should, ask your manager.",
            ],
        ),
        StatusCode::PAYLOAD_TOO_LARGE => (
            "That was too much to send at once",
            vec!["Go back and send less."],
        ),
        s if s.is_server_error() => (
            "Sorry, there is a problem with the service",
            vec!["Try again later. Anything you had saved before this is safe."],
        ),
        _ => (
            "Sorry, something was not right with that request",
            vec!["Go back and try again."],
        ),
    };
    let anonymous;
    let visitor = match visitor {
        Some(visitor) => visitor,
        None => {
            anonymous = Visitor {
                account: None,
                csrf_token: String::new(),
                new_csrf_cookie: None,
            };
            &anonymous
        }
    };
    let mut chrome = Chrome::new(visitor, heading);
    chrome.show_sign_in = visitor.account.is_none();
    let page = ErrorPage {
        chrome,
        heading,
        lines,
        request_id: status.is_server_error().then(api::request_id::current),
        home: visitor.home(),
    };
    let html = page.render().unwrap_or_else(|_| heading.to_owned());
    Response::builder()
        .status(status)
        .header(header::CONTENT_TYPE, "text/html; charset=utf-8")
        .header(header::CACHE_CONTROL, "no-store")
        .body(html)
}

fn unexpected(error: anyhow::Error) -> Response {
    tracing::error!(error = ?error, "unexpected error in the portal");
    error_page(StatusCode::INTERNAL_SERVER_ERROR, None)
}

/// A page for an error from a use case.
pub fn failed(error: Error, visitor: Option<&Visitor>) -> Response {
    match error {
        Error::Forbidden => error_page(StatusCode::FORBIDDEN, visitor),
        Error::NotFound => error_page(StatusCode::NOT_FOUND, visitor),
        Error::Unauthenticated => see_other("/sign-in", &[]),
        Error::Unexpected(cause) => unexpected(cause),
        other => {
            tracing::warn!(error = ?other, "a use case refused a portal request");
            error_page(StatusCode::BAD_REQUEST, visitor)
        }
    }
}

/// A page for an error raised before any page's own handler ran.
pub fn render_error(error: poem::Error) -> Response {
    let status = error.status();
    if status.is_server_error() {
        tracing::error!(error = %error, "unexpected error outside a page");
    }
    error_page(status, None)
}

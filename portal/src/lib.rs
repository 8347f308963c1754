//! The web portal: server-rendered pages for young people and staff. It calls the same
//! `api::service` functions as the JSON API and never the API over HTTP.
use api::AppState;
use poem::{
    Response, Route,
    http::{StatusCode, header},
};

/// Add the portal's pages to the server's routes.
pub fn mount(routes: Route, _state: AppState) -> Route {
    routes
}

/// A plain-English page for an error raised outside any page's own handling.
pub fn render_error(error: poem::Error) -> Response {
    let status = error.status();
    let (title, message) = match status {
        StatusCode::NOT_FOUND => (
            "Page not found",
            "If you typed the web address, check it is correct.",
        ),
        StatusCode::METHOD_NOT_ALLOWED => ("Page not found", "This page cannot be used that way."),
        StatusCode::PAYLOAD_TOO_LARGE => (
            "That was too much to send",
            "Send less at once and try again.",
        ),
        s if s.is_server_error() => (
            "Sorry, there is a problem with the service",
            "Try again later.",
        ),
        _ => (
            "Sorry, something was not right with that request",
            "Go back and try again.",
        ),
    };
    let request_id = api::request_id::current();
    let body = format!(
        "{title}\n\n{message}\n\nIf you need to tell us about this, quote reference {request_id}.\n"
    );
    Response::builder()
        .status(status)
        .header(header::CONTENT_TYPE, "text/plain; charset=utf-8")
        .body(body)
}

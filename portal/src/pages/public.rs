//! Pages anyone can read: the start page, the accessibility statement, the privacy notice,
//! and the page the service worker shows offline.
use api::AppState;
use askama::Template;
use poem::{Request, Response, handler, web::Data};

use super::{Chrome, ok, see_other, visitor};
use crate::session::Visitor;

#[derive(Template)]
#[template(path = "start.html")]
struct Start {
    chrome: Chrome,
}

#[handler]
pub async fn start(req: &Request, Data(state): Data<&AppState>) -> Response {
    let visitor = match visitor(req, state).await {
        Ok(visitor) => visitor,
        Err(response) => return response,
    };
    if visitor.account.is_some() {
        return see_other(visitor.home(), &[]);
    }
    ok(
        &Start {
            chrome: Chrome::new(&visitor, super::SERVICE_NAME),
        },
        &visitor,
    )
}

#[derive(Template)]
#[template(path = "accessibility.html")]
struct Accessibility {
    chrome: Chrome,
}

#[handler]
pub async fn accessibility(req: &Request, Data(state): Data<&AppState>) -> Response {
    match visitor(req, state).await {
        Ok(visitor) => ok(
            &Accessibility {
                chrome: Chrome::new(&visitor, "Accessibility statement"),
            },
            &visitor,
        ),
        Err(response) => response,
    }
}

#[derive(Template)]
#[template(path = "privacy.html")]
struct Privacy {
    chrome: Chrome,
}

#[handler]
pub async fn privacy(req: &Request, Data(state): Data<&AppState>) -> Response {
    match visitor(req, state).await {
        Ok(visitor) => ok(
            &Privacy {
                chrome: Chrome::new(&visitor, "Privacy notice"),
            },
            &visitor,
        ),
        Err(response) => response,
    }
}

#[derive(Template)]
#[template(path = "offline.html")]
struct Offline {
    chrome: Chrome,
}

/// Saved by the service worker when it installs, and shown for pages it has no copy of.
#[handler]
pub async fn offline(req: &Request, Data(state): Data<&AppState>) -> Response {
    match visitor(req, state).await {
        Ok(visitor) => {
            // The saved copy must not name whoever happened to be signed in when it was saved.
            let anonymous = Visitor {
                account: None,
                ..visitor
            };
            let mut chrome = Chrome::new(&anonymous, "You are offline");
            chrome.show_sign_in = false;
            ok(&Offline { chrome }, &anonymous)
        }
        Err(response) => response,
    }
}

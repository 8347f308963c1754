//! Who is visiting: their sign-in cookie, and the token that proves a form came from us.
//!
//! Forms are protected by a double-submit token: a random value in an `HttpOnly`,
//! `SameSite=Strict` cookie that every form also carries in a hidden field.
use api::{
    AppState,
    domain::roles::Role,
    service::{Caller, accounts::Account, portal_sessions},
};
use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};
use poem::{
    Request,
    http::{HeaderValue, header},
};
use rand::RngCore;
use subtle::ConstantTimeEq;

pub const SESSION_COOKIE: &str = "onward_session";
pub const CSRF_COOKIE: &str = "onward_csrf";
pub const ATTEMPT_COOKIE: &str = "onward_sign_in";

/// The value of a cookie the browser sent.
pub fn cookie(req: &Request, name: &str) -> Option<String> {
    req.headers()
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(key, _)| *key == name)
        .map(|(_, value)| value.to_owned())
        .filter(|value| !value.is_empty())
}

#[derive(Clone, Copy)]
pub enum SameSite {
    Lax,
    Strict,
}

/// A `Set-Cookie` value: always `HttpOnly` and `Path=/`; `Secure` in production.
pub fn set_cookie(
    name: &str,
    value: &str,
    max_age_seconds: Option<i64>,
    same_site: SameSite,
    secure: bool,
) -> HeaderValue {
    let mut cookie = format!("{name}={value}; Path=/; HttpOnly");
    cookie.push_str(match same_site {
        SameSite::Lax => "; SameSite=Lax",
        SameSite::Strict => "; SameSite=Strict",
    });
    if let Some(age) = max_age_seconds {
        cookie.push_str(&format!("; Max-Age={age}"));
    }
    if secure {
        cookie.push_str("; Secure");
    }
    HeaderValue::from_str(&cookie).expect("cookie values are URL-safe")
}

pub fn clear_cookie(name: &str, secure: bool) -> HeaderValue {
    set_cookie(name, "", Some(0), SameSite::Lax, secure)
}

fn random_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    URL_SAFE_NO_PAD.encode(bytes)
}

/// The person visiting, signed in or not.
pub struct Visitor {
    pub account: Option<Account>,
    pub csrf_token: String,
    /// Set when the browser had no form token yet and must be given one.
    pub new_csrf_cookie: Option<HeaderValue>,
}

impl Visitor {
    pub async fn from_request(req: &Request, state: &AppState) -> api::error::Result<Self> {
        let account = match cookie(req, SESSION_COOKIE) {
            Some(token) => portal_sessions::resume(&state.db, &token, state.clock.now()).await?,
            None => None,
        };
        let (csrf_token, new_csrf_cookie) = match cookie(req, CSRF_COOKIE) {
            Some(token) => (token, None),
            None => {
                let token = random_token();
                let header = set_cookie(
                    CSRF_COOKIE,
                    &token,
                    None,
                    SameSite::Strict,
                    state.production,
                );
                (token, Some(header))
            }
        };
        Ok(Self {
            account,
            csrf_token,
            new_csrf_cookie,
        })
    }

    /// Did this form come from one of our pages?
    pub fn form_is_ours(&self, submitted: &str) -> bool {
        self.new_csrf_cookie.is_none()
            && bool::from(self.csrf_token.as_bytes().ct_eq(submitted.as_bytes()))
    }

    pub fn caller(&self) -> Option<Caller> {
        self.account.as_ref().map(|account| Caller {
            actor: account.actor(),
            request_id: api::request_id::current(),
        })
    }

    pub fn is_young_person(&self) -> bool {
        self.account
            .as_ref()
            .is_some_and(|a| a.roles.contains(&Role::YoungPerson) && a.young_person_id.is_some())
    }

    pub fn is_staff(&self) -> bool {
        self.account
            .as_ref()
            .is_some_and(|a| a.roles.iter().any(|role| role.is_staff()))
    }

    /// Where this visitor's home page is.
    pub fn home(&self) -> &'static str {
        if self.is_young_person() {
            "/home"
        } else if self.is_staff() {
            "/staff"
        } else {
            "/"
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cookies_are_read_by_exact_name() {
        let req = Request::builder()
            .header(header::COOKIE, "onward_csrf=abc; onward_session=xyz")
            .finish();
        assert_eq!(cookie(&req, "onward_session").as_deref(), Some("xyz"));
        assert_eq!(cookie(&req, "onward"), None);
    }

    #[test]
    fn session_cookies_are_http_only_and_secure_in_production() {
        let value = set_cookie("onward_session", "t", None, SameSite::Lax, true);
        let text = value.to_str().unwrap();
        assert!(
            text.contains("HttpOnly") && text.contains("SameSite=Lax") && text.contains("Secure")
        );
        let development = set_cookie("onward_session", "t", None, SameSite::Lax, false);
        assert!(!development.to_str().unwrap().contains("Secure"));
    }
}

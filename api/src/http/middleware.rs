//! What wraps every request, API and portal alike: a request id, a log line without personal
//! data, a body size limit, and security headers.
use std::{sync::Arc, time::Instant};

use poem::{
    Endpoint, IntoResponse, Request, Response, Result,
    http::{HeaderValue, StatusCode, header},
};
use tracing::Instrument;
use uuid::Uuid;

use super::problem;
use crate::request_id;

/// The largest request body accepted: 1 MiB.
pub const MAX_BODY_BYTES: usize = 1024 * 1024;

pub const REQUEST_ID_HEADER: &str = "x-request-id";

/// Outside production, each response says how many database queries it took.
pub const SERVER_TIMING: &str = "server-timing";

/// Give the request an id, refuse bodies over the limit, answer API errors as problems, add
/// the security headers, and log the request on the way out.
pub async fn request_context<E: Endpoint>(
    next: E,
    mut req: Request,
    frame: Arc<Frame>,
) -> Result<Response> {
    let id = Uuid::new_v4().to_string();
    let path = req.uri().path().to_owned();
    let is_api = path.starts_with("/api") || path == "/health";
    let span = tracing::info_span!(
        "request",
        request_id = %id,
        method = %req.method(),
        // Paths hold ids, never names; query strings may hold anything, so they are left out.
        path = %req.uri().path(),
    );
    let started = Instant::now();
    let work = async move {
        let outcome = match limit_body(&mut req).await {
            Ok(()) => next.call(req).await.map(IntoResponse::into_response),
            Err(error) => Err(error),
        };
        let mut response = match outcome {
            Ok(response) => response,
            Err(error) if is_api => problem::from_poem_error(error),
            Err(error) => (frame.render_page_error)(error),
        };
        frame.security.apply(&path, &mut response);
        if let Ok(value) = HeaderValue::from_str(&request_id::current()) {
            response.headers_mut().insert(REQUEST_ID_HEADER, value);
        }
        let queries = request_id::queries();
        let elapsed = started.elapsed();
        if !frame.security.production {
            // For developers' tools (and tests): how much database work a page took.
            let timing = format!(
                "db;desc=\"{queries} queries\", total;dur={:.1}",
                elapsed.as_secs_f64() * 1000.0
            );
            if let Ok(value) = HeaderValue::from_str(&timing) {
                response.headers_mut().insert(SERVER_TIMING, value);
            }
        }
        tracing::info!(
            status = response.status().as_u16(),
            elapsed_ms = elapsed.as_millis() as u64,
            queries,
            "request finished"
        );
        response
    };
    Ok(request_id::scope(id, work).instrument(span).await)
}

async fn limit_body(req: &mut Request) -> Result<()> {
    let too_large = || poem::Error::from_status(StatusCode::PAYLOAD_TOO_LARGE);
    if let Some(length) = req.headers().get(header::CONTENT_LENGTH) {
        let length: usize = length
            .to_str()
            .ok()
            .and_then(|v| v.parse().ok())
            .ok_or_else(|| poem::Error::from_status(StatusCode::BAD_REQUEST))?;
        return if length > MAX_BODY_BYTES {
            Err(too_large())
        } else {
            Ok(())
        };
    }
    // No declared length (chunked): read up to the limit and no further.
    let body = req.take_body();
    if body.is_empty() {
        return Ok(());
    }
    let bytes = body
        .into_bytes_limit(MAX_BODY_BYTES)
        .await
        .map_err(|_| too_large())?;
    req.set_body(bytes);
    Ok(())
}

/// What every response passes through on its way out.
pub struct Frame {
    pub security: SecurityHeaders,
    /// Renders an error raised outside the API (an unknown page, say) for a person to read.
    pub render_page_error: fn(poem::Error) -> Response,
}

/// Security headers. The Content-Security-Policy allows no inline script anywhere; the API
/// explorer's own inline scripts are allowed by their hashes only.
pub struct SecurityHeaders {
    pub production: bool,
    pub docs_script_hashes: Vec<String>,
}

const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
    font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; \
    form-action 'self'; frame-ancestors 'none'; manifest-src 'self'; worker-src 'self'";

impl SecurityHeaders {
    pub fn apply(&self, path: &str, response: &mut Response) {
        let headers = response.headers_mut();
        let csp = if path.starts_with("/api/docs") {
            let hashes: Vec<String> = self
                .docs_script_hashes
                .iter()
                .map(|h| format!("'{h}'"))
                .collect();
            format!(
                "default-src 'self'; script-src {}; style-src 'self' 'unsafe-inline'; img-src 'self' data:; \
                 connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
                hashes.join(" ")
            )
        } else {
            CSP.to_owned()
        };
        let fixed = [
            ("x-content-type-options", "nosniff"),
            ("referrer-policy", "no-referrer"),
            ("x-frame-options", "DENY"),
            ("cross-origin-opener-policy", "same-origin"),
            (
                "permissions-policy",
                "camera=(), microphone=(), geolocation=(), interest-cohort=()",
            ),
        ];
        for (name, value) in fixed {
            headers.insert(name, HeaderValue::from_static(value));
        }
        if let Ok(value) = HeaderValue::from_str(&csp) {
            headers.insert("content-security-policy", value);
        }
        if self.production {
            headers.insert(
                "strict-transport-security",
                HeaderValue::from_static("max-age=63072000; includeSubDomains"),
            );
        }
        if path.starts_with("/api/") && !headers.contains_key(header::CACHE_CONTROL) {
            // Personal data must not linger in shared or browser caches.
            headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        }
    }
}

/// SHA-256 hashes, in CSP form, of every inline `<script>` in a page.
pub fn inline_script_hashes(html: &str) -> Vec<String> {
    use base64::{Engine, engine::general_purpose::STANDARD};
    use sha2::{Digest, Sha256};
    let mut hashes = Vec::new();
    let mut rest = html;
    while let Some(open) = rest.find("<script") {
        let after_open = &rest[open..];
        let Some(tag_end) = after_open.find('>') else {
            break;
        };
        let body = &after_open[tag_end + 1..];
        let Some(close) = body.find("</script>") else {
            break;
        };
        hashes.push(format!(
            "sha256-{}",
            STANDARD.encode(Sha256::digest(&body.as_bytes()[..close]))
        ));
        rest = &body[close..];
    }
    hashes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_inline_script_gets_its_own_hash() {
        let hashes =
            inline_script_hashes("<script a=1>one()</script><p></p><script>two()</script>");
        assert_eq!(hashes.len(), 2);
        assert_ne!(hashes[0], hashes[1]);
        assert!(hashes[0].starts_with("sha256-"));
    }
}

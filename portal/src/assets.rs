//! The portal's own static files. Stylesheet and script names carry a hash of their content,
//! so browsers may keep them for a year and still never use a stale one.
use std::sync::LazyLock;

use poem::{
    Response, Route, get, handler,
    http::{StatusCode, header},
    web::Path,
};
use sha2::{Digest, Sha256};

const CSS: &str = include_str!("../static/onward.css");
const JS: &str = include_str!("../static/onward.js");
const ICON: &str = include_str!("../static/icon.svg");
const MANIFEST: &str = include_str!("../static/manifest.webmanifest");
const SERVICE_WORKER: &str = include_str!("../static/sw.js");

pub struct Assets {
    pub css_url: String,
    pub js_url: String,
    css_name: String,
    js_name: String,
    service_worker: String,
}

fn fingerprint(content: &str) -> String {
    Sha256::digest(content.as_bytes())
        .iter()
        .take(5)
        .map(|b| format!("{b:02x}"))
        .collect()
}

pub static ASSETS: LazyLock<Assets> = LazyLock::new(|| {
    let css_name = format!("onward.{}.css", fingerprint(CSS));
    let js_name = format!("onward.{}.js", fingerprint(JS));
    let css_url = format!("/assets/{css_name}");
    let js_url = format!("/assets/{js_name}");
    let version = fingerprint(&format!("{CSS}{JS}{ICON}"));
    let precache = format!(r#"["/offline", "{css_url}", "{js_url}", "/assets/icon.svg"]"#);
    let service_worker = SERVICE_WORKER
        .replace("__VERSION__", &version)
        .replace("__PRECACHE__", &precache);
    Assets {
        css_url,
        js_url,
        css_name,
        js_name,
        service_worker,
    }
});

pub fn mount(routes: Route) -> Route {
    routes
        .at("/assets/:name", get(asset))
        .at("/sw.js", get(worker_script))
        .at("/manifest.webmanifest", get(manifest))
}

fn file(content_type: &str, cache: &str, body: &str) -> Response {
    Response::builder()
        .header(header::CONTENT_TYPE, content_type)
        .header(header::CACHE_CONTROL, cache)
        .body(body.to_owned())
}

const FOR_A_YEAR: &str = "public, max-age=31536000, immutable";

#[handler]
fn asset(Path(name): Path<String>) -> Response {
    let assets = &*ASSETS;
    if name == assets.css_name {
        file("text/css; charset=utf-8", FOR_A_YEAR, CSS)
    } else if name == assets.js_name {
        file("text/javascript; charset=utf-8", FOR_A_YEAR, JS)
    } else if name == "icon.svg" {
        file("image/svg+xml", "public, max-age=86400", ICON)
    } else {
        Response::builder().status(StatusCode::NOT_FOUND).finish()
    }
}

#[handler]
fn worker_script() -> Response {
    // Browsers check for a new worker on each visit; it must never be cached for long.
    file(
        "text/javascript; charset=utf-8",
        "no-cache",
        &ASSETS.service_worker,
    )
}

#[handler]
fn manifest() -> Response {
    file(
        "application/manifest+json",
        "public, max-age=86400",
        MANIFEST,
    )
}

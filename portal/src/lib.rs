//! The web portal: server-rendered pages for young people and staff that work with
//! JavaScript off and on a small phone. It calls the same `api::service` functions as the
//! JSON API and never the API over HTTP.
mod assets;
pub mod forms;
mod pages;
pub mod session;

use api::AppState;
use poem::Route;

pub use pages::render_error;

/// Add the portal's pages and files to the server's routes.
pub fn mount(routes: Route, state: AppState) -> Route {
    pages::mount(assets::mount(routes), state)
}

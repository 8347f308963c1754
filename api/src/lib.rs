//! Everything Onward knows and does: pure rules (`domain`), use cases over the database
//! (`service`), and the JSON API (`http`). The portal reuses `domain` and `service`.

pub mod clock;
pub mod database;
pub mod domain;
pub mod error;
pub mod http;
pub mod mail;
pub mod request_id;
pub mod service;
pub mod settings;
pub mod state;

pub use error::Error;
pub use state::AppState;

//! What every request handler needs, shared cheaply between them.
use std::sync::Arc;

use sea_orm::DatabaseConnection;

use crate::{clock::SharedClock, domain::obligations::LocalStandards, service::tokens::TokenKeys};

#[derive(Clone)]
pub struct AppState {
    pub db: DatabaseConnection,
    pub clock: SharedClock,
    pub tokens: Arc<TokenKeys>,
    pub production: bool,
    /// Intervals the authority sets, such as how often a child in care sees a dentist.
    pub standards: LocalStandards,
    /// Nudges this replica's outbox worker after a commit that queued email.
    pub mail_wake: Arc<tokio::sync::Notify>,
}

//! What every request handler needs, shared cheaply between them.
use std::sync::Arc;

use sea_orm::DatabaseConnection;

use crate::{
    clock::SharedClock,
    domain::obligations::LocalStandards,
    service::{
        access_log::AccessLogWriter, entitlement_facts::FactsCache, live_sessions::LiveSessions,
        local_offer::OfferCache, tokens::TokenKeys,
    },
};

#[derive(Clone)]
pub struct AppState {
    pub db: DatabaseConnection,
    pub clock: SharedClock,
    pub tokens: Arc<TokenKeys>,
    /// Sessions recently found live, so a burst of requests is checked once.
    pub live_sessions: Arc<LiveSessions>,
    pub production: bool,
    /// Intervals the authority sets, such as how often a child in care sees a dentist.
    pub standards: LocalStandards,
    /// The published local offer, reused while it is unchanged.
    pub offer: Arc<OfferCache>,
    /// What each young person's entitlements were last worked out from, reused while unchanged.
    pub entitlement_facts: Arc<FactsCache>,
    /// Where people reach this service, without a trailing slash: for links in email.
    pub public_url: String,
    /// Writes every read of a young person's record to their access log.
    pub access_log: AccessLogWriter,
    /// Nudges this replica's outbox worker after a commit that queued email.
    pub mail_wake: Arc<tokio::sync::Notify>,
}

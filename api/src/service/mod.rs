//! Use cases over the database, one module per area. Each takes the connection it needs and
//! the caller it acts for, checks the access policy, and writes the access log.

pub mod access;
pub mod access_log;
pub mod accounts;
pub mod allocations;
pub mod care_leaver_status;
pub mod care_records;
pub mod caseload;
pub mod contacts;
pub mod demo;
pub mod entitlement_facts;
pub mod entitlements;
pub mod escalations;
pub mod form_drafts;
pub mod health_history;
pub mod homelessness;
pub mod live_sessions;
pub mod local_offer;
pub mod obligations;
pub mod offer_publishing;
pub mod outbox;
pub mod passwords;
pub mod pathway_plans;
pub mod portal_sessions;
pub mod private_fostering;
pub mod rendered;
pub mod reports;
pub mod sign_in;
pub mod sign_in_codes;
pub mod synthetic;
pub mod tokens;
pub mod young_people;

use crate::domain::access::Actor;

/// Who is asking, and the request id that ties their action to the logs.
#[derive(Debug, Clone)]
pub struct Caller {
    pub actor: Actor,
    pub request_id: String,
}

/// One page of a list, and how many there are in all.
#[derive(Debug, Clone)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub total: u64,
    pub page: u64,
    pub per_page: u64,
}

/// Which page of a list to fetch; pages count from 1.
#[derive(Debug, Clone, Copy)]
pub struct PageRequest {
    pub page: u64,
    pub per_page: u64,
}

impl PageRequest {
    pub const MAX_PER_PAGE: u64 = 100;
    pub const DEFAULT_PER_PAGE: u64 = 20;

    pub fn new(page: Option<u64>, per_page: Option<u64>) -> Self {
        Self {
            page: page.unwrap_or(1).max(1),
            per_page: per_page
                .unwrap_or(Self::DEFAULT_PER_PAGE)
                .clamp(1, Self::MAX_PER_PAGE),
        }
    }

    pub fn offset(self) -> u64 {
        (self.page - 1).saturating_mul(self.per_page)
    }
}

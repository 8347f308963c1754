//! Pure rules of the domain: no database, no clock, no HTTP.

pub mod access;
pub mod bank_holidays;
pub mod calendar;
pub mod care;
pub mod care_leaver;
pub mod caseload;
pub mod contacts;
pub mod entitlements;
pub mod escalations;
pub mod health;
pub mod homelessness;
pub mod local_offer;
pub mod login_throttle;
pub mod obligations;
pub mod outbox;
pub mod pathway_plans;
pub mod people;
pub mod private_fostering;
pub mod roles;
pub mod timeliness;
pub mod validation;

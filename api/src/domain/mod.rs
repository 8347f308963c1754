//! Pure rules of the domain: no database, no clock, no HTTP.

pub mod access;
pub mod calendar;
pub mod login_throttle;
pub mod outbox;
pub mod people;
pub mod roles;
pub mod validation;

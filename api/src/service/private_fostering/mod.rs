//! Private fostering: notifications from the public, and the officer's casework after them.
pub mod arrangements;
pub mod casework;
pub mod drafts;
pub mod figures;
pub mod notifications;
pub mod reads;

//! Private fostering: notifications from the public, and the officer's casework after them.
pub mod arrangements;
pub mod drafts;
pub mod notifications;

//! Database tables, one module per table. No logic lives here: rules belong in
//! `api::domain`, use cases in `api::service`.

pub mod access_log_entry;
pub mod auth_session;
pub mod authority;
pub mod care_episode;
pub mod care_leaver_status;
pub mod care_plan;
pub mod circumstance;
pub mod entitlement_step;
pub mod escalation;
pub mod escalation_step;
pub mod form_draft;
pub mod health_assessment;
pub mod health_detail;
pub mod health_entry;
pub mod key_document;
pub mod login_throttle;
pub mod obligation;
pub mod offer_item;
pub mod outbox_message;
pub mod pa_contact;
pub mod pathway_plan;
pub mod pathway_plan_comment;
pub mod pathway_plan_version;
pub mod placement;
pub mod portal_session;
pub mod refresh_token;
pub mod review;
pub mod sign_in_code;
pub mod social_worker_visit;
pub mod staff_allocation;
pub mod team;
pub mod user;
pub mod user_role;
pub mod young_person;

//! Integration tests: the real server on port 0 with a fresh database per test. SQLite by
//! default; a fresh PostgreSQL database per test when `ONWARD_TEST_POSTGRES_URL` is set.

mod access_control;
mod care_leavers;
mod caseload;
mod cli;
mod contacts;
mod email;
mod entitlements;
mod errors;
mod escalations;
mod health_history;
mod helpers;
mod homelessness;
mod homelessness_pages;
mod local_offer;
mod obligations;
mod openapi;
mod pathway_plans;
mod portal;
mod private_fostering;
mod private_fostering_case_pages;
mod private_fostering_casework;
mod private_fostering_form;
mod reviews;
mod settings;
mod sign_in;
mod smtp;
mod young_people;

//! Schema migrations, one file per migration, run at start-up on SQLite and PostgreSQL.
pub use sea_orm_migration::prelude::*;

mod m20261122_000001_create_authorities_and_users;
mod m20261122_000002_create_young_people;
mod m20261122_000003_create_sign_in;
mod m20261122_000004_create_access_log;
mod m20261122_000005_create_outbox;
mod m20261122_000006_create_portal_sign_in;
mod m20261122_000007_create_care_records;
mod m20261122_000008_create_teams_and_escalations;
mod m20261122_000009_index_obligations_for_lists;
mod m20261122_000010_create_health_history;
mod m20261122_000011_create_care_leaver_statuses;
mod m20261122_000012_create_local_offer;
mod m20261203_000013_create_entitlements;
mod m20261203_000014_create_contacts;
mod m20261203_000015_create_pathway_plans;
mod m20261203_000016_create_private_fostering;
mod m20261203_000017_create_pf_visits;
mod m20261203_000018_add_pf_ended_on;
mod m20261203_000019_create_pf_notification_drafts;
mod m20261203_000020_create_pf_checks;
mod m20261203_000021_add_pf_decision_days;
mod m20261203_000022_create_pf_access_log;
mod m20261203_000023_create_homelessness_cases;
mod m20261203_000024_add_young_person_facts_version;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261122_000001_create_authorities_and_users::Migration),
            Box::new(m20261122_000002_create_young_people::Migration),
            Box::new(m20261122_000003_create_sign_in::Migration),
            Box::new(m20261122_000004_create_access_log::Migration),
            Box::new(m20261122_000005_create_outbox::Migration),
            Box::new(m20261122_000006_create_portal_sign_in::Migration),
            Box::new(m20261122_000007_create_care_records::Migration),
            Box::new(m20261122_000008_create_teams_and_escalations::Migration),
            Box::new(m20261122_000009_index_obligations_for_lists::Migration),
            Box::new(m20261122_000010_create_health_history::Migration),
            Box::new(m20261122_000011_create_care_leaver_statuses::Migration),
            Box::new(m20261122_000012_create_local_offer::Migration),
            Box::new(m20261203_000013_create_entitlements::Migration),
            Box::new(m20261203_000014_create_contacts::Migration),
            Box::new(m20261203_000015_create_pathway_plans::Migration),
            Box::new(m20261203_000016_create_private_fostering::Migration),
            Box::new(m20261203_000017_create_pf_visits::Migration),
            Box::new(m20261203_000018_add_pf_ended_on::Migration),
            Box::new(m20261203_000019_create_pf_notification_drafts::Migration),
            Box::new(m20261203_000020_create_pf_checks::Migration),
            Box::new(m20261203_000021_add_pf_decision_days::Migration),
            Box::new(m20261203_000022_create_pf_access_log::Migration),
            Box::new(m20261203_000023_create_homelessness_cases::Migration),
            Box::new(m20261203_000024_add_young_person_facts_version::Migration),
        ]
    }
}

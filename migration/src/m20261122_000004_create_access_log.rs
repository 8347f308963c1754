use sea_orm_migration::{prelude::*, schema::*, sea_orm::DatabaseBackend};

use crate::m20261122_000002_create_young_people::YoungPeople;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(AccessLog::Table)
                    .col(pk_uuid(AccessLog::Id))
                    .col(uuid(AccessLog::YoungPersonId))
                    .col(uuid(AccessLog::ActorUserId))
                    .col(string(AccessLog::ActorRole))
                    .col(string(AccessLog::Action))
                    .col(timestamp_with_time_zone(AccessLog::OccurredAt))
                    .col(string_null(AccessLog::RequestId))
                    .foreign_key(
                        ForeignKey::create()
                            .from(AccessLog::Table, AccessLog::YoungPersonId)
                            .to(YoungPeople::Table, YoungPeople::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_access_log_young_person_occurred_at")
                    .table(AccessLog::Table)
                    .col(AccessLog::YoungPersonId)
                    .col(AccessLog::OccurredAt)
                    .to_owned(),
            )
            .await?;
        // The log is evidence for the young person: the database itself refuses to change it.
        let db = manager.get_connection();
        match manager.get_database_backend() {
            DatabaseBackend::Sqlite => {
                for operation in ["UPDATE", "DELETE"] {
                    db.execute_unprepared(&format!(
                        "CREATE TRIGGER access_log_no_{op} BEFORE {operation} ON access_log \
                         BEGIN SELECT RAISE(ABORT, 'the access log is append-only'); END;",
                        op = operation.to_lowercase()
                    ))
                    .await?;
                }
            }
            DatabaseBackend::Postgres => {
                db.execute_unprepared(
                    "CREATE FUNCTION access_log_is_append_only() RETURNS trigger AS $$ \
                     BEGIN RAISE EXCEPTION 'the access log is append-only'; END; \
                     $$ LANGUAGE plpgsql;",
                )
                .await?;
                db.execute_unprepared(
                    "CREATE TRIGGER access_log_no_change BEFORE UPDATE OR DELETE ON access_log \
                     FOR EACH ROW EXECUTE FUNCTION access_log_is_append_only();",
                )
                .await?;
            }
            _ => {}
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(AccessLog::Table).to_owned())
            .await?;
        if manager.get_database_backend() == DatabaseBackend::Postgres {
            manager
                .get_connection()
                .execute_unprepared("DROP FUNCTION IF EXISTS access_log_is_append_only();")
                .await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum AccessLog {
    Table,
    Id,
    YoungPersonId,
    ActorUserId,
    ActorRole,
    Action,
    OccurredAt,
    RequestId,
}

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // Who read which private fostering case. A privately fostered child has no record of
        // their own here (they are not looked after), so their reads are kept against the
        // arrangement.
        manager
            .create_table(
                Table::create()
                    .table(PfAccessLog::Table)
                    .col(pk_uuid(PfAccessLog::Id))
                    .col(uuid(PfAccessLog::ArrangementId))
                    .col(uuid(PfAccessLog::ActorUserId))
                    .col(string(PfAccessLog::ActorRole))
                    .col(string(PfAccessLog::Action))
                    .col(timestamp_with_time_zone(PfAccessLog::OccurredAt))
                    .col(string_null(PfAccessLog::RequestId))
                    .foreign_key(
                        ForeignKey::create()
                            .from(PfAccessLog::Table, PfAccessLog::ArrangementId)
                            .to(PfArrangements::Table, PfArrangements::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_pf_access_log_arrangement")
                    .table(PfAccessLog::Table)
                    .col(PfAccessLog::ArrangementId)
                    .col(PfAccessLog::OccurredAt)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(PfAccessLog::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum PfArrangements {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum PfAccessLog {
    Table,
    Id,
    ArrangementId,
    ActorUserId,
    ActorRole,
    Action,
    OccurredAt,
    RequestId,
}

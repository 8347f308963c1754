use sea_orm_migration::{prelude::*, schema::*};

use crate::m20261122_000002_create_young_people::YoungPeople;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // Care-leaver statuses recorded by professionals, newest last; a row with no category
        // withdraws the one before. Rows are never changed.
        manager
            .create_table(
                Table::create()
                    .table(CareLeaverStatuses::Table)
                    .col(pk_uuid(CareLeaverStatuses::Id))
                    .col(uuid(CareLeaverStatuses::YoungPersonId))
                    .col(string_null(CareLeaverStatuses::Category))
                    .col(text(CareLeaverStatuses::Reason))
                    .col(uuid(CareLeaverStatuses::RecordedBy))
                    .col(timestamp_with_time_zone(CareLeaverStatuses::RecordedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(CareLeaverStatuses::Table, CareLeaverStatuses::YoungPersonId)
                            .to(YoungPeople::Table, YoungPeople::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_care_leaver_statuses_young_person")
                    .table(CareLeaverStatuses::Table)
                    .col(CareLeaverStatuses::YoungPersonId)
                    .col(CareLeaverStatuses::RecordedAt)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(CareLeaverStatuses::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum CareLeaverStatuses {
    Table,
    Id,
    YoungPersonId,
    Category,
    Reason,
    RecordedBy,
    RecordedAt,
}

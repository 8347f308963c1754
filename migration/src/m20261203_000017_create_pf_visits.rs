use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // Each visit the private fostering officer made to a privately fostered child.
        manager
            .create_table(
                Table::create()
                    .table(PfVisits::Table)
                    .col(pk_uuid(PfVisits::Id))
                    .col(uuid(PfVisits::ArrangementId))
                    .col(date(PfVisits::VisitedOn))
                    .col(boolean(PfVisits::ChildSeen))
                    .col(boolean_null(PfVisits::SeenAlone))
                    .col(text(PfVisits::Report))
                    .col(uuid(PfVisits::RecordedBy))
                    .col(timestamp_with_time_zone(PfVisits::RecordedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(PfVisits::Table, PfVisits::ArrangementId)
                            .to(PfArrangements::Table, PfArrangements::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_pf_visits_arrangement")
                    .table(PfVisits::Table)
                    .col(PfVisits::ArrangementId)
                    .col(PfVisits::VisitedOn)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(PfVisits::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum PfArrangements {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum PfVisits {
    Table,
    Id,
    ArrangementId,
    VisitedOn,
    ChildSeen,
    SeenAlone,
    Report,
    RecordedBy,
    RecordedAt,
}

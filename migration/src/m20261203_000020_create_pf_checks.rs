use sea_orm_migration::{prelude::*, schema::*};

use crate::m20261122_000001_create_authorities_and_users::Users;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // Each check of a Schedule 2 matter: every one is kept, the latest of each matter is
        // the checklist.
        manager
            .create_table(
                Table::create()
                    .table(PfSchedule2Checks::Table)
                    .col(pk_uuid(PfSchedule2Checks::Id))
                    .col(uuid(PfSchedule2Checks::ArrangementId))
                    .col(string(PfSchedule2Checks::Matter))
                    .col(date(PfSchedule2Checks::CheckedOn))
                    .col(string(PfSchedule2Checks::Finding))
                    .col(text_null(PfSchedule2Checks::Notes))
                    .col(uuid(PfSchedule2Checks::RecordedBy))
                    .col(timestamp_with_time_zone(PfSchedule2Checks::RecordedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(PfSchedule2Checks::Table, PfSchedule2Checks::ArrangementId)
                            .to(PfArrangements::Table, PfArrangements::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(PfSchedule2Checks::Table, PfSchedule2Checks::RecordedBy)
                            .to(Users::Table, Users::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_pf_schedule_2_checks_arrangement")
                    .table(PfSchedule2Checks::Table)
                    .col(PfSchedule2Checks::ArrangementId)
                    .col(PfSchedule2Checks::Matter)
                    .to_owned(),
            )
            .await?;
        // DBS checks of the carer and the adults in their household.
        manager
            .create_table(
                Table::create()
                    .table(PfSuitabilityChecks::Table)
                    .col(pk_uuid(PfSuitabilityChecks::Id))
                    .col(uuid(PfSuitabilityChecks::ArrangementId))
                    .col(text(PfSuitabilityChecks::PersonName))
                    .col(text(PfSuitabilityChecks::Relationship))
                    .col(date(PfSuitabilityChecks::CheckedOn))
                    .col(string(PfSuitabilityChecks::Outcome))
                    .col(text_null(PfSuitabilityChecks::Notes))
                    .col(uuid(PfSuitabilityChecks::RecordedBy))
                    .col(timestamp_with_time_zone(PfSuitabilityChecks::RecordedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(
                                PfSuitabilityChecks::Table,
                                PfSuitabilityChecks::ArrangementId,
                            )
                            .to(PfArrangements::Table, PfArrangements::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(PfSuitabilityChecks::Table, PfSuitabilityChecks::RecordedBy)
                            .to(Users::Table, Users::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_pf_suitability_checks_arrangement")
                    .table(PfSuitabilityChecks::Table)
                    .col(PfSuitabilityChecks::ArrangementId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(PfSuitabilityChecks::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(PfSchedule2Checks::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum PfArrangements {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum PfSchedule2Checks {
    #[sea_orm(iden = "pf_schedule_2_checks")]
    Table,
    Id,
    ArrangementId,
    Matter,
    CheckedOn,
    Finding,
    Notes,
    RecordedBy,
    RecordedAt,
}

#[derive(DeriveIden)]
enum PfSuitabilityChecks {
    Table,
    Id,
    ArrangementId,
    PersonName,
    Relationship,
    CheckedOn,
    Outcome,
    Notes,
    RecordedBy,
    RecordedAt,
}

use sea_orm_migration::{prelude::*, schema::*};

use crate::m20261122_000002_create_young_people::YoungPeople;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // Every version of every entry: a correction adds a version and marks the one it
        // replaces, so nothing anyone recorded is ever overwritten.
        manager
            .create_table(
                Table::create()
                    .table(HealthEntries::Table)
                    .col(pk_uuid(HealthEntries::Id))
                    .col(uuid(HealthEntries::EntryId))
                    .col(integer(HealthEntries::Version))
                    .col(uuid(HealthEntries::YoungPersonId))
                    .col(string(HealthEntries::Kind))
                    .col(string_null(HealthEntries::Vaccine))
                    .col(text_null(HealthEntries::Name))
                    .col(date(HealthEntries::HappenedOn))
                    .col(date_null(HealthEntries::EndedOn))
                    .col(text_null(HealthEntries::Dose))
                    .col(text_null(HealthEntries::Place))
                    .col(text_null(HealthEntries::Source))
                    .col(text_null(HealthEntries::Result))
                    .col(text_null(HealthEntries::ByWhom))
                    .col(text_null(HealthEntries::Notes))
                    .col(boolean(HealthEntries::Shared))
                    .col(text_null(HealthEntries::NotSharedReason))
                    .col(text_null(HealthEntries::CorrectionReason))
                    .col(uuid(HealthEntries::RecordedBy))
                    .col(timestamp_with_time_zone(HealthEntries::RecordedAt))
                    .col(timestamp_with_time_zone_null(HealthEntries::ReplacedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(HealthEntries::Table, HealthEntries::YoungPersonId)
                            .to(YoungPeople::Table, YoungPeople::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_health_entries_young_person")
                    .table(HealthEntries::Table)
                    .col(HealthEntries::YoungPersonId)
                    .col(HealthEntries::Kind)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_health_entries_entry_version")
                    .table(HealthEntries::Table)
                    .col(HealthEntries::EntryId)
                    .col(HealthEntries::Version)
                    .unique()
                    .to_owned(),
            )
            .await?;
        // NHS number, GP practice and dentist: a new row each time they change.
        manager
            .create_table(
                Table::create()
                    .table(HealthDetails::Table)
                    .col(pk_uuid(HealthDetails::Id))
                    .col(uuid(HealthDetails::YoungPersonId))
                    .col(string_null(HealthDetails::NhsNumber))
                    .col(text_null(HealthDetails::GpPractice))
                    .col(string_null(HealthDetails::GpPhone))
                    .col(text_null(HealthDetails::Dentist))
                    .col(string_null(HealthDetails::DentistPhone))
                    .col(text_null(HealthDetails::ChangeReason))
                    .col(uuid(HealthDetails::RecordedBy))
                    .col(timestamp_with_time_zone(HealthDetails::RecordedAt))
                    .col(timestamp_with_time_zone_null(HealthDetails::ReplacedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(HealthDetails::Table, HealthDetails::YoungPersonId)
                            .to(YoungPeople::Table, YoungPeople::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_health_details_young_person")
                    .table(HealthDetails::Table)
                    .col(HealthDetails::YoungPersonId)
                    .to_owned(),
            )
            .await?;
        // What the assessment found, written for the young person. SQLite adds one column
        // per statement.
        for column in [
            HealthAssessments::Summary,
            HealthAssessments::Recommendations,
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(HealthAssessments::Table)
                        .add_column(text_null(column))
                        .to_owned(),
                )
                .await?;
        }
        // Answers given on a form and waiting on "Check your answers", by whoever gave them.
        manager
            .create_table(
                Table::create()
                    .table(FormDrafts::Table)
                    .col(pk_uuid(FormDrafts::Id))
                    .col(uuid(FormDrafts::UserId))
                    .col(uuid(FormDrafts::YoungPersonId))
                    .col(string(FormDrafts::Form))
                    .col(uuid_null(FormDrafts::EntryId))
                    .col(text(FormDrafts::Answers))
                    .col(timestamp_with_time_zone(FormDrafts::CreatedAt))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(FormDrafts::Table).to_owned())
            .await?;
        for column in [
            HealthAssessments::Summary,
            HealthAssessments::Recommendations,
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(HealthAssessments::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        manager
            .drop_table(Table::drop().table(HealthDetails::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(HealthEntries::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum HealthEntries {
    Table,
    Id,
    EntryId,
    Version,
    YoungPersonId,
    Kind,
    Vaccine,
    Name,
    HappenedOn,
    EndedOn,
    Dose,
    Place,
    Source,
    Result,
    ByWhom,
    Notes,
    Shared,
    NotSharedReason,
    CorrectionReason,
    RecordedBy,
    RecordedAt,
    ReplacedAt,
}

#[derive(DeriveIden)]
enum HealthDetails {
    Table,
    Id,
    YoungPersonId,
    NhsNumber,
    GpPractice,
    GpPhone,
    Dentist,
    DentistPhone,
    ChangeReason,
    RecordedBy,
    RecordedAt,
    ReplacedAt,
}

#[derive(DeriveIden)]
enum HealthAssessments {
    Table,
    Summary,
    Recommendations,
}

#[derive(DeriveIden)]
enum FormDrafts {
    Table,
    Id,
    UserId,
    YoungPersonId,
    Form,
    EntryId,
    Answers,
    CreatedAt,
}

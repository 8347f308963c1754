use sea_orm_migration::{prelude::*, schema::*};

use crate::m20261122_000002_create_young_people::YoungPeople;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // The plan being written: one per young person, its content as JSON, and a version
        // that every save moves on (the ETag), so two people editing cannot overwrite each
        // other. The young person's agreement is to one version of the draft.
        manager
            .create_table(
                Table::create()
                    .table(PathwayPlans::Table)
                    .col(pk_uuid(PathwayPlans::Id))
                    .col(uuid_uniq(PathwayPlans::YoungPersonId))
                    .col(text(PathwayPlans::Content))
                    .col(integer(PathwayPlans::Version))
                    .col(integer_null(PathwayPlans::YoungPersonAgreedVersion))
                    .col(timestamp_with_time_zone_null(
                        PathwayPlans::YoungPersonAgreedAt,
                    ))
                    .col(uuid(PathwayPlans::UpdatedBy))
                    .col(timestamp_with_time_zone(PathwayPlans::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(PathwayPlans::Table, PathwayPlans::YoungPersonId)
                            .to(YoungPeople::Table, YoungPeople::Id),
                    )
                    .to_owned(),
            )
            .await?;
        // Every agreed version, frozen: who agreed, whether the young person did (or why
        // not), and when it is next reviewed.
        manager
            .create_table(
                Table::create()
                    .table(PathwayPlanVersions::Table)
                    .col(pk_uuid(PathwayPlanVersions::Id))
                    .col(uuid(PathwayPlanVersions::YoungPersonId))
                    .col(integer(PathwayPlanVersions::Number))
                    .col(text(PathwayPlanVersions::Content))
                    .col(date(PathwayPlanVersions::AgreedOn))
                    .col(uuid(PathwayPlanVersions::AgreedBy))
                    .col(timestamp_with_time_zone_null(
                        PathwayPlanVersions::YoungPersonAgreedAt,
                    ))
                    .col(text_null(PathwayPlanVersions::NotAgreedReason))
                    .col(date(PathwayPlanVersions::NextReviewOn))
                    .col(timestamp_with_time_zone(PathwayPlanVersions::RecordedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(
                                PathwayPlanVersions::Table,
                                PathwayPlanVersions::YoungPersonId,
                            )
                            .to(YoungPeople::Table, YoungPeople::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_pathway_plan_versions_number")
                    .table(PathwayPlanVersions::Table)
                    .col(PathwayPlanVersions::YoungPersonId)
                    .col(PathwayPlanVersions::Number)
                    .unique()
                    .to_owned(),
            )
            .await?;
        // The young person's views on a section, in their own words.
        manager
            .create_table(
                Table::create()
                    .table(PathwayPlanComments::Table)
                    .col(pk_uuid(PathwayPlanComments::Id))
                    .col(uuid(PathwayPlanComments::YoungPersonId))
                    .col(string(PathwayPlanComments::Section))
                    .col(text(PathwayPlanComments::Body))
                    .col(uuid(PathwayPlanComments::WrittenBy))
                    .col(timestamp_with_time_zone(PathwayPlanComments::WrittenAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(
                                PathwayPlanComments::Table,
                                PathwayPlanComments::YoungPersonId,
                            )
                            .to(YoungPeople::Table, YoungPeople::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_pathway_plan_comments_young_person")
                    .table(PathwayPlanComments::Table)
                    .col(PathwayPlanComments::YoungPersonId)
                    .col(PathwayPlanComments::WrittenAt)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(PathwayPlanComments::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(PathwayPlanVersions::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(PathwayPlans::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum PathwayPlans {
    Table,
    Id,
    YoungPersonId,
    Content,
    Version,
    YoungPersonAgreedVersion,
    YoungPersonAgreedAt,
    UpdatedBy,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum PathwayPlanVersions {
    Table,
    Id,
    YoungPersonId,
    Number,
    Content,
    AgreedOn,
    AgreedBy,
    YoungPersonAgreedAt,
    NotAgreedReason,
    NextReviewOn,
    RecordedAt,
}

#[derive(DeriveIden)]
enum PathwayPlanComments {
    Table,
    Id,
    YoungPersonId,
    Section,
    Body,
    WrittenBy,
    WrittenAt,
}

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // A 16 or 17 year old who asked for help because they had nowhere safe to live: the
        // joint assessment with housing, and the decision.
        manager
            .create_table(
                Table::create()
                    .table(HomelessCases::Table)
                    .col(pk_uuid(HomelessCases::Id))
                    .col(uuid(HomelessCases::AuthorityId))
                    .col(uuid(HomelessCases::YoungPersonId))
                    .col(date(HomelessCases::PresentedOn))
                    .col(string(HomelessCases::Presented))
                    .col(text(HomelessCases::StayingTonight))
                    .col(boolean(HomelessCases::SafeTonight))
                    .col(uuid_null(HomelessCases::HousingOfficerId))
                    .col(uuid_null(HomelessCases::SocialWorkerId))
                    .col(date_null(HomelessCases::AssessmentStartedOn))
                    .col(date_null(HomelessCases::AssessmentCompletedOn))
                    .col(text(HomelessCases::AreasAssessed))
                    .col(text_null(HomelessCases::ViewsAndWishes))
                    .col(boolean_null(HomelessCases::RequiresAccommodation))
                    .col(string_null(HomelessCases::Outcome))
                    .col(date_null(HomelessCases::DecidedOn))
                    .col(text_null(HomelessCases::DecisionReasons))
                    .col(boolean(HomelessCases::DeclinedSection20))
                    .col(uuid_null(HomelessCases::DecidedBy))
                    .col(uuid_null(HomelessCases::CareEpisodeId))
                    .col(uuid(HomelessCases::OpenedBy))
                    .col(timestamp_with_time_zone(HomelessCases::CreatedAt))
                    .col(timestamp_with_time_zone(HomelessCases::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(HomelessCases::Table, HomelessCases::YoungPersonId)
                            .to(YoungPeople::Table, YoungPeople::Id),
                    )
                    .to_owned(),
            )
            .await?;
        for (name, column) in [
            (
                "idx_homeless_cases_housing_officer",
                HomelessCases::HousingOfficerId,
            ),
            (
                "idx_homeless_cases_social_worker",
                HomelessCases::SocialWorkerId,
            ),
            (
                "idx_homeless_cases_young_person",
                HomelessCases::YoungPersonId,
            ),
        ] {
            manager
                .create_index(
                    Index::create()
                        .name(name)
                        .table(HomelessCases::Table)
                        .col(column)
                        .to_owned(),
                )
                .await?;
        }
        // Where the young person stayed while they were assessed.
        manager
            .create_table(
                Table::create()
                    .table(HomelessInterimStays::Table)
                    .col(pk_uuid(HomelessInterimStays::Id))
                    .col(uuid(HomelessInterimStays::CaseId))
                    .col(string(HomelessInterimStays::Kind))
                    .col(text(HomelessInterimStays::Place))
                    .col(date(HomelessInterimStays::FromOn))
                    .col(date_null(HomelessInterimStays::ToOn))
                    .col(uuid(HomelessInterimStays::RecordedBy))
                    .col(timestamp_with_time_zone(HomelessInterimStays::RecordedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(HomelessInterimStays::Table, HomelessInterimStays::CaseId)
                            .to(HomelessCases::Table, HomelessCases::Id),
                    )
                    .to_owned(),
            )
            .await?;
        // Each time the young person was told what each route means, and offered an advocate;
        // and their own answer, in their session, that they understood or need it again.
        manager
            .create_table(
                Table::create()
                    .table(HomelessRightsInformation::Table)
                    .col(pk_uuid(HomelessRightsInformation::Id))
                    .col(uuid(HomelessRightsInformation::CaseId))
                    .col(date(HomelessRightsInformation::GivenOn))
                    .col(uuid(HomelessRightsInformation::GivenBy))
                    .col(text(HomelessRightsInformation::RoutesExplained))
                    .col(date(HomelessRightsInformation::AdvocateOfferedOn))
                    .col(boolean_null(HomelessRightsInformation::AdvocateAccepted))
                    .col(string_null(HomelessRightsInformation::AdvocateName))
                    .col(boolean_null(HomelessRightsInformation::Understood))
                    .col(timestamp_with_time_zone_null(
                        HomelessRightsInformation::AnsweredAt,
                    ))
                    .col(timestamp_with_time_zone(
                        HomelessRightsInformation::RecordedAt,
                    ))
                    .foreign_key(
                        ForeignKey::create()
                            .from(
                                HomelessRightsInformation::Table,
                                HomelessRightsInformation::CaseId,
                            )
                            .to(HomelessCases::Table, HomelessCases::Id),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            HomelessRightsInformation::Table.into_iden(),
            HomelessInterimStays::Table.into_iden(),
            HomelessCases::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum YoungPeople {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum HomelessCases {
    Table,
    Id,
    AuthorityId,
    YoungPersonId,
    PresentedOn,
    Presented,
    StayingTonight,
    SafeTonight,
    HousingOfficerId,
    SocialWorkerId,
    AssessmentStartedOn,
    AssessmentCompletedOn,
    AreasAssessed,
    ViewsAndWishes,
    RequiresAccommodation,
    Outcome,
    DecidedOn,
    DecisionReasons,
    #[sea_orm(iden = "declined_section_20")]
    DeclinedSection20,
    DecidedBy,
    CareEpisodeId,
    OpenedBy,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum HomelessInterimStays {
    Table,
    Id,
    CaseId,
    Kind,
    Place,
    FromOn,
    ToOn,
    RecordedBy,
    RecordedAt,
}

#[derive(DeriveIden)]
enum HomelessRightsInformation {
    Table,
    Id,
    CaseId,
    GivenOn,
    GivenBy,
    RoutesExplained,
    AdvocateOfferedOn,
    AdvocateAccepted,
    AdvocateName,
    Understood,
    AnsweredAt,
    RecordedAt,
}

use sea_orm_migration::{prelude::*, schema::*};

use crate::m20261122_000001_create_authorities_and_users::Authorities;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // Every version of every item of the local offer, in each language it is written in;
        // an edit adds a version and marks the one it replaces.
        manager
            .create_table(
                Table::create()
                    .table(OfferItems::Table)
                    .col(pk_uuid(OfferItems::Id))
                    .col(uuid(OfferItems::ItemId))
                    .col(integer(OfferItems::Version))
                    .col(uuid(OfferItems::AuthorityId))
                    .col(string(OfferItems::Language))
                    .col(string(OfferItems::Status))
                    .col(string(OfferItems::Area))
                    .col(text(OfferItems::Title))
                    .col(text(OfferItems::Summary))
                    .col(big_integer_null(OfferItems::AmountPence))
                    .col(string_null(OfferItems::AmountPeriod))
                    .col(small_integer_null(OfferItems::MinAge))
                    .col(small_integer_null(OfferItems::UntilAge))
                    .col(string(OfferItems::Categories))
                    .col(string(OfferItems::Conditions))
                    .col(text(OfferItems::HowToGet))
                    .col(boolean(OfferItems::Statutory))
                    .col(date(OfferItems::LastReviewedOn))
                    .col(uuid_null(OfferItems::RecordedBy))
                    .col(timestamp_with_time_zone(OfferItems::RecordedAt))
                    .col(timestamp_with_time_zone_null(OfferItems::ReplacedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(OfferItems::Table, OfferItems::AuthorityId)
                            .to(Authorities::Table, Authorities::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_offer_items_published")
                    .table(OfferItems::Table)
                    .col(OfferItems::AuthorityId)
                    .col(OfferItems::Status)
                    .col(OfferItems::Language)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(OfferItems::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum OfferItems {
    Table,
    Id,
    ItemId,
    Version,
    AuthorityId,
    Language,
    Status,
    Area,
    Title,
    Summary,
    AmountPence,
    AmountPeriod,
    MinAge,
    UntilAge,
    Categories,
    Conditions,
    HowToGet,
    Statutory,
    LastReviewedOn,
    RecordedBy,
    RecordedAt,
    ReplacedAt,
}

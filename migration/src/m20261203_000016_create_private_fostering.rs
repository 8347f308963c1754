use sea_orm_migration::{prelude::*, schema::*};

use crate::m20261122_000001_create_authorities_and_users::Authorities;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // A private fostering arrangement the council knows about: one child with one carer,
        // however many people told us about it.
        manager
            .create_table(
                Table::create()
                    .table(PfArrangements::Table)
                    .col(pk_uuid(PfArrangements::Id))
                    .col(uuid(PfArrangements::AuthorityId))
                    .col(string(PfArrangements::Status))
                    .col(text_null(PfArrangements::StatusReason))
                    .col(date(PfArrangements::AwareOn))
                    .col(text(PfArrangements::ChildName))
                    .col(text(PfArrangements::CarerName))
                    .col(text(PfArrangements::CarerAddress))
                    // The child's and carer's names, folded, so that a second notification about
                    // the same arrangement joins the first.
                    .col(string(PfArrangements::MatchKey))
                    .col(timestamp_with_time_zone(PfArrangements::CreatedAt))
                    .col(timestamp_with_time_zone(PfArrangements::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(PfArrangements::Table, PfArrangements::AuthorityId)
                            .to(Authorities::Table, Authorities::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_pf_arrangements_match")
                    .table(PfArrangements::Table)
                    .col(PfArrangements::AuthorityId)
                    .col(PfArrangements::MatchKey)
                    .to_owned(),
            )
            .await?;
        // Each time someone told us, with everything they said, kept as they said it.
        manager
            .create_table(
                Table::create()
                    .table(PfNotifications::Table)
                    .col(pk_uuid(PfNotifications::Id))
                    .col(uuid(PfNotifications::ArrangementId))
                    .col(string_uniq(PfNotifications::Reference))
                    .col(timestamp_with_time_zone(PfNotifications::ReceivedAt))
                    .col(date(PfNotifications::ReceivedOn))
                    .col(string(PfNotifications::NotifierRelationship))
                    .col(text(PfNotifications::NotifierName))
                    .col(text_null(PfNotifications::NotifierEmail))
                    .col(text_null(PfNotifications::NotifierPhone))
                    .col(text(PfNotifications::Details))
                    .foreign_key(
                        ForeignKey::create()
                            .from(PfNotifications::Table, PfNotifications::ArrangementId)
                            .to(PfArrangements::Table, PfArrangements::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_pf_notifications_arrangement")
                    .table(PfNotifications::Table)
                    .col(PfNotifications::ArrangementId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(PfNotifications::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(PfArrangements::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum PfArrangements {
    Table,
    Id,
    AuthorityId,
    Status,
    StatusReason,
    AwareOn,
    ChildName,
    CarerName,
    CarerAddress,
    MatchKey,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum PfNotifications {
    Table,
    Id,
    ArrangementId,
    Reference,
    ReceivedAt,
    ReceivedOn,
    NotifierRelationship,
    NotifierName,
    NotifierEmail,
    NotifierPhone,
    Details,
}

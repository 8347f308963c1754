use sea_orm_migration::{prelude::*, schema::*};

use crate::m20261122_000001_create_authorities_and_users::Users;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(PortalSessions::Table)
                    .col(pk_uuid(PortalSessions::Id))
                    .col(string_uniq(PortalSessions::TokenHash))
                    .col(uuid(PortalSessions::UserId))
                    .col(timestamp_with_time_zone(PortalSessions::CreatedAt))
                    .col(timestamp_with_time_zone(PortalSessions::LastSeenAt))
                    .col(timestamp_with_time_zone(PortalSessions::ExpiresAt))
                    .col(timestamp_with_time_zone_null(PortalSessions::RevokedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(PortalSessions::Table, PortalSessions::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(SignInCodes::Table)
                    .col(pk_uuid(SignInCodes::Id))
                    .col(uuid(SignInCodes::UserId))
                    .col(string(SignInCodes::CodeHash))
                    .col(timestamp_with_time_zone(SignInCodes::CreatedAt))
                    .col(timestamp_with_time_zone(SignInCodes::ExpiresAt))
                    .col(integer(SignInCodes::Attempts))
                    .col(timestamp_with_time_zone_null(SignInCodes::ClosedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(SignInCodes::Table, SignInCodes::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_sign_in_codes_user")
                    .table(SignInCodes::Table)
                    .col(SignInCodes::UserId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(SignInCodes::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(PortalSessions::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum PortalSessions {
    Table,
    Id,
    TokenHash,
    UserId,
    CreatedAt,
    LastSeenAt,
    ExpiresAt,
    RevokedAt,
}

#[derive(DeriveIden)]
enum SignInCodes {
    Table,
    Id,
    UserId,
    CodeHash,
    CreatedAt,
    ExpiresAt,
    Attempts,
    ClosedAt,
}

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // A notification a member of the public is part way through on the portal, held for
        // them by a cookie's token (only its hash is kept) since they have no account.
        manager
            .create_table(
                Table::create()
                    .table(PfNotificationDrafts::Table)
                    .col(pk_uuid(PfNotificationDrafts::Id))
                    .col(string_uniq(PfNotificationDrafts::TokenHash))
                    .col(text(PfNotificationDrafts::Answers))
                    .col(string_null(PfNotificationDrafts::Reference))
                    .col(boolean(PfNotificationDrafts::Refused))
                    .col(timestamp_with_time_zone(PfNotificationDrafts::CreatedAt))
                    .col(timestamp_with_time_zone(PfNotificationDrafts::UpdatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_pf_notification_drafts_updated_at")
                    .table(PfNotificationDrafts::Table)
                    .col(PfNotificationDrafts::UpdatedAt)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(PfNotificationDrafts::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum PfNotificationDrafts {
    Table,
    Id,
    TokenHash,
    Answers,
    Reference,
    Refused,
    CreatedAt,
    UpdatedAt,
}

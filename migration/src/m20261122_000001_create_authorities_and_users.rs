use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Authorities::Table)
                    .col(pk_uuid(Authorities::Id))
                    .col(string_uniq(Authorities::Code))
                    .col(string(Authorities::Name))
                    .col(timestamp_with_time_zone(Authorities::CreatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Users::Table)
                    .col(pk_uuid(Users::Id))
                    .col(uuid(Users::AuthorityId))
                    .col(string_uniq(Users::Email))
                    .col(string(Users::Name))
                    .col(string_null(Users::PasswordHash))
                    .col(uuid_null(Users::YoungPersonId))
                    .col(boolean(Users::Active))
                    .col(timestamp_with_time_zone(Users::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Users::Table, Users::AuthorityId)
                            .to(Authorities::Table, Authorities::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(UserRoles::Table)
                    .col(uuid(UserRoles::UserId))
                    .col(string(UserRoles::Role))
                    .primary_key(Index::create().col(UserRoles::UserId).col(UserRoles::Role))
                    .foreign_key(
                        ForeignKey::create()
                            .from(UserRoles::Table, UserRoles::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(UserRoles::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(Users::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(Authorities::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
pub enum Authorities {
    Table,
    Id,
    Code,
    Name,
    CreatedAt,
}

#[derive(DeriveIden)]
pub enum Users {
    Table,
    Id,
    AuthorityId,
    Email,
    Name,
    PasswordHash,
    YoungPersonId,
    Active,
    CreatedAt,
    TeamId,
}

#[derive(DeriveIden)]
enum UserRoles {
    Table,
    UserId,
    Role,
}

use sea_orm_migration::{prelude::*, schema::*};

use crate::m20261122_000001_create_authorities_and_users::{Authorities, Users};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(YoungPeople::Table)
                    .col(pk_uuid(YoungPeople::Id))
                    .col(uuid(YoungPeople::AuthorityId))
                    .col(string(YoungPeople::GivenName))
                    .col(string(YoungPeople::FamilyName))
                    .col(string_null(YoungPeople::PreferredName))
                    .col(string_null(YoungPeople::Pronouns))
                    .col(date(YoungPeople::DateOfBirth))
                    .col(timestamp_with_time_zone(YoungPeople::CreatedAt))
                    .col(timestamp_with_time_zone(YoungPeople::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(YoungPeople::Table, YoungPeople::AuthorityId)
                            .to(Authorities::Table, Authorities::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_young_people_authority_family_name")
                    .table(YoungPeople::Table)
                    .col(YoungPeople::AuthorityId)
                    .col(YoungPeople::FamilyName)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(StaffAllocations::Table)
                    .col(pk_uuid(StaffAllocations::Id))
                    .col(uuid(StaffAllocations::YoungPersonId))
                    .col(uuid(StaffAllocations::StaffUserId))
                    .col(string(StaffAllocations::Role))
                    .col(date(StaffAllocations::StartedOn))
                    .col(date_null(StaffAllocations::EndedOn))
                    .col(timestamp_with_time_zone(StaffAllocations::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(StaffAllocations::Table, StaffAllocations::YoungPersonId)
                            .to(YoungPeople::Table, YoungPeople::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(StaffAllocations::Table, StaffAllocations::StaffUserId)
                            .to(Users::Table, Users::Id),
                    )
                    .to_owned(),
            )
            .await?;
        // Every permission check asks "is this staff member allocated to this young person?".
        manager
            .create_index(
                Index::create()
                    .name("idx_staff_allocations_staff_young_person")
                    .table(StaffAllocations::Table)
                    .col(StaffAllocations::StaffUserId)
                    .col(StaffAllocations::YoungPersonId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_staff_allocations_young_person")
                    .table(StaffAllocations::Table)
                    .col(StaffAllocations::YoungPersonId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(StaffAllocations::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(YoungPeople::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
pub enum YoungPeople {
    Table,
    Id,
    AuthorityId,
    GivenName,
    FamilyName,
    PreferredName,
    Pronouns,
    DateOfBirth,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum StaffAllocations {
    Table,
    Id,
    YoungPersonId,
    StaffUserId,
    Role,
    StartedOn,
    EndedOn,
    CreatedAt,
}

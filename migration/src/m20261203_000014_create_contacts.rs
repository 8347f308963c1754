use sea_orm_migration::{prelude::*, schema::*};

use crate::{
    m20261122_000001_create_authorities_and_users::{Authorities, Users},
    m20261122_000002_create_young_people::YoungPeople,
};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // How a young person reaches their workers, and the council when the office is shut.
        // One column per statement: SQLite adds them one at a time.
        for column in [
            ColumnDef::new(StaffContact::Phone)
                .string()
                .null()
                .to_owned(),
            ColumnDef::new(StaffContact::WorkingHours)
                .string()
                .null()
                .to_owned(),
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Users::Table)
                        .add_column(column)
                        .to_owned(),
                )
                .await?;
        }
        manager
            .alter_table(
                Table::alter()
                    .table(Authorities::Table)
                    .add_column(string_null(OutOfHours::OutOfHoursPhone))
                    .to_owned(),
            )
            .await?;
        // Each time a PA was in touch with a young person, and how.
        manager
            .create_table(
                Table::create()
                    .table(PaContacts::Table)
                    .col(pk_uuid(PaContacts::Id))
                    .col(uuid(PaContacts::YoungPersonId))
                    .col(uuid(PaContacts::StaffUserId))
                    .col(date(PaContacts::ContactOn))
                    .col(string(PaContacts::Method))
                    .col(boolean_null(PaContacts::SeenAlone))
                    .col(text_null(PaContacts::Place))
                    .col(text(PaContacts::Summary))
                    .col(timestamp_with_time_zone(PaContacts::RecordedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(PaContacts::Table, PaContacts::YoungPersonId)
                            .to(YoungPeople::Table, YoungPeople::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_pa_contacts_young_person")
                    .table(PaContacts::Table)
                    .col(PaContacts::YoungPersonId)
                    .col(PaContacts::ContactOn)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(PaContacts::Table).to_owned())
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Authorities::Table)
                    .drop_column(OutOfHours::OutOfHoursPhone)
                    .to_owned(),
            )
            .await?;
        for column in [StaffContact::Phone, StaffContact::WorkingHours] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Users::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum StaffContact {
    Phone,
    WorkingHours,
}

#[derive(DeriveIden)]
enum OutOfHours {
    OutOfHoursPhone,
}

#[derive(DeriveIden)]
enum PaContacts {
    Table,
    Id,
    YoungPersonId,
    StaffUserId,
    ContactOn,
    Method,
    SeenAlone,
    Place,
    Summary,
    RecordedAt,
}

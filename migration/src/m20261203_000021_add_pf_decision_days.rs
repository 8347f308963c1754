use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // The day an arrangement was confirmed as private fostering, for the year's figures;
        // and the day its status last changed, so that one found not to be private fostering
        // owes no visit after that day. Arrangements decided before this have neither.
        // One column per statement: SQLite alters one thing at a time.
        manager
            .alter_table(
                Table::alter()
                    .table(PfArrangements::Table)
                    .add_column(date_null(PfArrangements::ConfirmedOn))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(PfArrangements::Table)
                    .add_column(date_null(PfArrangements::StatusChangedOn))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(PfArrangements::Table)
                    .drop_column(PfArrangements::StatusChangedOn)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(PfArrangements::Table)
                    .drop_column(PfArrangements::ConfirmedOn)
                    .to_owned(),
            )
            .await
    }
}

#[derive(DeriveIden)]
enum PfArrangements {
    Table,
    ConfirmedOn,
    StatusChangedOn,
}

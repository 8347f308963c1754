use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // The day a private fostering arrangement ended: no visit is owed after it.
        manager
            .alter_table(
                Table::alter()
                    .table(PfArrangements::Table)
                    .add_column(date_null(PfArrangements::EndedOn))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(PfArrangements::Table)
                    .drop_column(PfArrangements::EndedOn)
                    .to_owned(),
            )
            .await
    }
}

#[derive(DeriveIden)]
enum PfArrangements {
    Table,
    EndedOn,
}

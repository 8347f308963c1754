use sea_orm_migration::{prelude::*, schema::*};

use crate::m20261122_000002_create_young_people::YoungPeople;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // What a PA records about a young person's life that the local offer depends on (at
        // university, in an apprenticeship...). Each change adds a row; the newest is in force.
        manager
            .create_table(
                Table::create()
                    .table(Circumstances::Table)
                    .col(pk_uuid(Circumstances::Id))
                    .col(uuid(Circumstances::YoungPersonId))
                    .col(string(Circumstances::Conditions))
                    .col(uuid(Circumstances::RecordedBy))
                    .col(timestamp_with_time_zone(Circumstances::RecordedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Circumstances::Table, Circumstances::YoungPersonId)
                            .to(YoungPeople::Table, YoungPeople::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_circumstances_young_person")
                    .table(Circumstances::Table)
                    .col(Circumstances::YoungPersonId)
                    .col(Circumstances::RecordedAt)
                    .to_owned(),
            )
            .await?;
        // Every step of every request for an item of the offer: asked, approved, received,
        // declined. A step marks the one before it replaced, so the current step of each item
        // is the one not replaced.
        manager
            .create_table(
                Table::create()
                    .table(EntitlementSteps::Table)
                    .col(pk_uuid(EntitlementSteps::Id))
                    .col(uuid(EntitlementSteps::YoungPersonId))
                    .col(uuid(EntitlementSteps::ItemId))
                    .col(string(EntitlementSteps::Step))
                    .col(text_null(EntitlementSteps::Message))
                    .col(text_null(EntitlementSteps::Reason))
                    .col(date_null(EntitlementSteps::ReceivedOn))
                    .col(big_integer_null(EntitlementSteps::AmountPence))
                    .col(uuid(EntitlementSteps::RecordedBy))
                    .col(timestamp_with_time_zone(EntitlementSteps::RecordedAt))
                    .col(timestamp_with_time_zone_null(EntitlementSteps::ReplacedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(EntitlementSteps::Table, EntitlementSteps::YoungPersonId)
                            .to(YoungPeople::Table, YoungPeople::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_entitlement_steps_young_person")
                    .table(EntitlementSteps::Table)
                    .col(EntitlementSteps::YoungPersonId)
                    .col(EntitlementSteps::ItemId)
                    .to_owned(),
            )
            .await?;
        // One current step per young person and item, so two requests sent at once cannot
        // both stand. Partial unique indexes read the same on SQLite and PostgreSQL.
        manager
            .get_connection()
            .execute_unprepared(
                "CREATE UNIQUE INDEX idx_entitlement_steps_current \
                 ON entitlement_steps (young_person_id, item_id) WHERE replaced_at IS NULL",
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_entitlement_steps_waiting")
                    .table(EntitlementSteps::Table)
                    .col(EntitlementSteps::Step)
                    .col(EntitlementSteps::ReplacedAt)
                    .to_owned(),
            )
            .await?;
        // The key-documents checklist: each tick or untick, by whom; the newest per document
        // is in force.
        manager
            .create_table(
                Table::create()
                    .table(KeyDocuments::Table)
                    .col(pk_uuid(KeyDocuments::Id))
                    .col(uuid(KeyDocuments::YoungPersonId))
                    .col(string(KeyDocuments::Document))
                    .col(boolean(KeyDocuments::HasIt))
                    .col(uuid(KeyDocuments::RecordedBy))
                    .col(timestamp_with_time_zone(KeyDocuments::RecordedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(KeyDocuments::Table, KeyDocuments::YoungPersonId)
                            .to(YoungPeople::Table, YoungPeople::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_key_documents_young_person")
                    .table(KeyDocuments::Table)
                    .col(KeyDocuments::YoungPersonId)
                    .col(KeyDocuments::RecordedAt)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(KeyDocuments::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(EntitlementSteps::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(Circumstances::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum Circumstances {
    Table,
    Id,
    YoungPersonId,
    Conditions,
    RecordedBy,
    RecordedAt,
}

#[derive(DeriveIden)]
enum EntitlementSteps {
    Table,
    Id,
    YoungPersonId,
    ItemId,
    Step,
    Message,
    Reason,
    ReceivedOn,
    AmountPence,
    RecordedBy,
    RecordedAt,
    ReplacedAt,
}

#[derive(DeriveIden)]
enum KeyDocuments {
    Table,
    Id,
    YoungPersonId,
    Document,
    HasIt,
    RecordedBy,
    RecordedAt,
}

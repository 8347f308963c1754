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
        manager
            .create_table(
                Table::create()
                    .table(Teams::Table)
                    .col(pk_uuid(Teams::Id))
                    .col(uuid(Teams::AuthorityId))
                    .col(string(Teams::Name))
                    .col(timestamp_with_time_zone(Teams::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Teams::Table, Teams::AuthorityId)
                            .to(Authorities::Table, Authorities::Id),
                    )
                    .to_owned(),
            )
            .await?;
        // A member of staff belongs to at most one team; a child's team is their social
        // worker's.
        manager
            .alter_table(
                Table::alter()
                    .table(Users::Table)
                    .add_column(uuid_null(Users::TeamId))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Escalations::Table)
                    .col(pk_uuid(Escalations::Id))
                    .col(uuid(Escalations::YoungPersonId))
                    .col(uuid(Escalations::AuthorityId))
                    .col(uuid(Escalations::RaisedBy))
                    .col(date(Escalations::RaisedOn))
                    .col(text(Escalations::Issue))
                    .col(string(Escalations::Stage))
                    .col(date(Escalations::StageReachedOn))
                    .col(date(Escalations::ResponseDueOn))
                    .col(text_null(Escalations::Response))
                    .col(date_null(Escalations::ResolvedOn))
                    .col(timestamp_with_time_zone(Escalations::CreatedAt))
                    .col(timestamp_with_time_zone(Escalations::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Escalations::Table, Escalations::YoungPersonId)
                            .to(YoungPeople::Table, YoungPeople::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_escalations_young_person")
                    .table(Escalations::Table)
                    .col(Escalations::YoungPersonId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_escalations_authority_resolved")
                    .table(Escalations::Table)
                    .col(Escalations::AuthorityId)
                    .col(Escalations::ResolvedOn)
                    .to_owned(),
            )
            .await?;
        // Every state an escalation has been in, in order: nothing written is ever lost.
        manager
            .create_table(
                Table::create()
                    .table(EscalationSteps::Table)
                    .col(pk_uuid(EscalationSteps::Id))
                    .col(uuid(EscalationSteps::EscalationId))
                    .col(string(EscalationSteps::Stage))
                    .col(date(EscalationSteps::StageReachedOn))
                    .col(date(EscalationSteps::ResponseDueOn))
                    .col(text_null(EscalationSteps::Response))
                    .col(date_null(EscalationSteps::ResolvedOn))
                    .col(uuid(EscalationSteps::RecordedBy))
                    .col(timestamp_with_time_zone(EscalationSteps::RecordedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(EscalationSteps::Table, EscalationSteps::EscalationId)
                            .to(Escalations::Table, Escalations::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_escalation_steps_escalation")
                    .table(EscalationSteps::Table)
                    .col(EscalationSteps::EscalationId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(EscalationSteps::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(Escalations::Table).to_owned())
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Users::Table)
                    .drop_column(Users::TeamId)
                    .to_owned(),
            )
            .await?;
        manager
            .drop_table(Table::drop().table(Teams::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum Teams {
    Table,
    Id,
    AuthorityId,
    Name,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Escalations {
    Table,
    Id,
    YoungPersonId,
    AuthorityId,
    RaisedBy,
    RaisedOn,
    Issue,
    Stage,
    StageReachedOn,
    ResponseDueOn,
    Response,
    ResolvedOn,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum EscalationSteps {
    Table,
    Id,
    EscalationId,
    Stage,
    StageReachedOn,
    ResponseDueOn,
    Response,
    ResolvedOn,
    RecordedBy,
    RecordedAt,
}

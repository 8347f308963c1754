use sea_orm_migration::{prelude::*, schema::*};

use crate::m20261122_000002_create_young_people::YoungPeople;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// The facts recorded about a child in care: each a dated row belonging to one young person.
fn fact_table(name: &str, columns: Vec<ColumnDef>) -> TableCreateStatement {
    let table = Alias::new(name);
    let mut create = Table::create();
    create
        .table(table.clone())
        .col(pk_uuid(Alias::new("id")))
        .col(uuid(Alias::new("young_person_id")));
    for mut column in columns {
        create.col(&mut column);
    }
    create
        .col(uuid(Alias::new("recorded_by")))
        .col(timestamp_with_time_zone(Alias::new("created_at")))
        .foreign_key(
            ForeignKey::create()
                .from(table, Alias::new("young_person_id"))
                .to(YoungPeople::Table, YoungPeople::Id),
        )
        .to_owned()
}

fn by_young_person(table: &str) -> IndexCreateStatement {
    Index::create()
        .name(format!("idx_{table}_young_person"))
        .table(Alias::new(table))
        .col(Alias::new("young_person_id"))
        .to_owned()
}

const TABLES: [&str; 6] = [
    "care_episodes",
    "placements",
    "reviews",
    "health_assessments",
    "care_plans",
    "social_worker_visits",
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let a = |name: &str| Alias::new(name);
        let tables = [
            fact_table(
                "care_episodes",
                vec![
                    date(a("started_on")),
                    date_null(a("ended_on")),
                    string(a("legal_status")),
                ],
            ),
            fact_table(
                "placements",
                vec![
                    date(a("started_on")),
                    date_null(a("ended_on")),
                    string(a("placement_type")),
                    boolean(a("long_term")),
                ],
            ),
            fact_table(
                "reviews",
                vec![
                    date(a("held_on")),
                    uuid_null(a("iro_user_id")),
                    text_null(a("participation")),
                    text_null(a("outcome_notes")),
                ],
            ),
            fact_table(
                "health_assessments",
                vec![string(a("kind")), date(a("completed_on"))],
            ),
            fact_table("care_plans", vec![date(a("agreed_on"))]),
            fact_table(
                "social_worker_visits",
                vec![date(a("visited_on")), boolean(a("seen_alone"))],
            ),
        ];
        for table in tables {
            manager.create_table(table).await?;
        }
        for table in TABLES {
            manager.create_index(by_young_person(table)).await?;
        }
        manager
            .create_table(
                Table::create()
                    .table(a("obligations"))
                    .col(pk_uuid(a("id")))
                    .col(uuid(a("young_person_id")))
                    .col(uuid(a("authority_id")))
                    .col(string(a("kind")))
                    .col(date(a("due_on")))
                    .col(date_null(a("completed_on")))
                    .col(timestamp_with_time_zone(a("updated_at")))
                    .foreign_key(
                        ForeignKey::create()
                            .from(a("obligations"), a("young_person_id"))
                            .to(YoungPeople::Table, YoungPeople::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager.create_index(by_young_person("obligations")).await?;
        // Lists of what is overdue or due soon: open obligations by due date.
        manager
            .create_index(
                Index::create()
                    .name("idx_obligations_authority_completed_due")
                    .table(a("obligations"))
                    .col(a("authority_id"))
                    .col(a("completed_on"))
                    .col(a("due_on"))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in TABLES.iter().chain(["obligations"].iter()) {
            manager
                .drop_table(Table::drop().table(Alias::new(*table)).to_owned())
                .await?;
        }
        Ok(())
    }
}

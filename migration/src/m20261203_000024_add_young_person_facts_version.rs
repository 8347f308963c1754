use sea_orm_migration::{prelude::*, schema::*, sea_orm::DatabaseBackend};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// The tables a young person's entitlements are worked out from.
const FACT_TABLES: [&str; 5] = [
    "care_episodes",
    "care_leaver_statuses",
    "circumstances",
    "entitlement_steps",
    "key_documents",
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // A number that moves on whenever anything a young person's entitlements are worked
        // out from changes, so that what was read before can be used again until it does.
        // The database moves it itself, so no way of writing those rows can forget to.
        manager
            .alter_table(
                Table::alter()
                    .table(YoungPeople::Table)
                    .add_column(big_integer(YoungPeople::FactsVersion).default(0))
                    .to_owned(),
            )
            .await?;
        let db = manager.get_connection();
        match manager.get_database_backend() {
            DatabaseBackend::Sqlite => {
                let bump = |who: &str| {
                    format!(
                        "UPDATE young_people SET facts_version = facts_version + 1 \
                         WHERE id = {who}.young_person_id;"
                    )
                };
                for table in FACT_TABLES {
                    for (event, body) in [
                        ("INSERT", bump("NEW")),
                        ("UPDATE", format!("{} {}", bump("NEW"), bump("OLD"))),
                        ("DELETE", bump("OLD")),
                    ] {
                        db.execute_unprepared(&format!(
                            "CREATE TRIGGER {table}_{op}_moves_facts_version AFTER {event} \
                             ON {table} BEGIN {body} END;",
                            op = event.to_lowercase()
                        ))
                        .await?;
                    }
                }
            }
            DatabaseBackend::Postgres => {
                db.execute_unprepared(
                    "CREATE FUNCTION young_person_facts_changed() RETURNS trigger AS $$ \
                     BEGIN \
                       IF TG_OP <> 'DELETE' THEN \
                         UPDATE young_people SET facts_version = facts_version + 1 \
                         WHERE id = NEW.young_person_id; \
                       END IF; \
                       IF TG_OP <> 'INSERT' THEN \
                         UPDATE young_people SET facts_version = facts_version + 1 \
                         WHERE id = OLD.young_person_id; \
                       END IF; \
                       RETURN NULL; \
                     END; $$ LANGUAGE plpgsql;",
                )
                .await?;
                for table in FACT_TABLES {
                    db.execute_unprepared(&format!(
                        "CREATE TRIGGER {table}_move_facts_version \
                         AFTER INSERT OR UPDATE OR DELETE ON {table} \
                         FOR EACH ROW EXECUTE FUNCTION young_person_facts_changed();"
                    ))
                    .await?;
                }
            }
            _ => {}
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        match manager.get_database_backend() {
            DatabaseBackend::Sqlite => {
                for table in FACT_TABLES {
                    for op in ["insert", "update", "delete"] {
                        db.execute_unprepared(&format!(
                            "DROP TRIGGER IF EXISTS {table}_{op}_moves_facts_version;"
                        ))
                        .await?;
                    }
                }
            }
            DatabaseBackend::Postgres => {
                for table in FACT_TABLES {
                    db.execute_unprepared(&format!(
                        "DROP TRIGGER IF EXISTS {table}_move_facts_version ON {table};"
                    ))
                    .await?;
                }
                db.execute_unprepared("DROP FUNCTION IF EXISTS young_person_facts_changed();")
                    .await?;
            }
            _ => {}
        }
        manager
            .alter_table(
                Table::alter()
                    .table(YoungPeople::Table)
                    .drop_column(YoungPeople::FactsVersion)
                    .to_owned(),
            )
            .await
    }
}

#[derive(DeriveIden)]
enum YoungPeople {
    Table,
    FactsVersion,
}

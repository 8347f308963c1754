//! Connecting to the database and bringing its schema up to date.
use std::time::Duration;

use migration::{Migrator, MigratorTrait};

use crate::request_id;
use sea_orm::{
    ConnectOptions, ConnectionTrait, Database, DatabaseConnection,
    sqlx::sqlite::{SqliteJournalMode, SqliteSynchronous},
};

/// Connect, switch on the settings SQLite needs to be safe, and run pending migrations.
pub async fn connect_and_migrate(url: &str) -> anyhow::Result<DatabaseConnection> {
    let mut options = ConnectOptions::new(url.to_owned());
    options
        .connect_timeout(Duration::from_secs(10))
        .acquire_timeout(Duration::from_secs(10))
        .sqlx_logging(false);
    if url.starts_with("sqlite:") {
        // Set on every pooled connection, not just the first: these pragmas are per connection.
        options
            .max_connections(4)
            .min_connections(1)
            .map_sqlx_sqlite_opts(|sqlite| {
                sqlite
                    .journal_mode(SqliteJournalMode::Wal)
                    .synchronous(SqliteSynchronous::Normal)
                    .foreign_keys(true)
                    .busy_timeout(Duration::from_secs(5))
            });
    } else {
        options.max_connections(20);
    }
    let mut db = Database::connect(options).await?;
    db.set_metric_callback(|_| request_id::count_query());
    Migrator::up(&db, None).await?;
    Ok(db)
}

/// `true` when the database answers a trivial query.
pub async fn is_reachable(db: &DatabaseConnection) -> bool {
    db.execute_unprepared("SELECT 1").await.is_ok()
}

//! Connecting to the database and bringing its schema up to date.
use std::time::Duration;

use migration::{Migrator, MigratorTrait};

use crate::request_id;
use libsqlite3_sys::{SQLITE_DBCONFIG_ENABLE_QPSG, SQLITE_OK, sqlite3_db_config};
use sea_orm::{
    ConnectOptions, ConnectionTrait, Database, DatabaseConnection,
    sqlx::{
        self, SqliteConnection,
        sqlite::{SqliteJournalMode, SqliteSynchronous},
    },
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
            // A file on this machine cannot drop the line, so there is nothing to gain from a
            // round trip to the connection's thread before every query.
            .test_before_acquire(false)
            .map_sqlx_sqlite_pool_opts(|pool| {
                pool.after_connect(|connection, _| Box::pin(keep_plans_stable(connection)))
            })
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

/// Switch on SQLite's query planner stability guarantee for this connection. Without it, a
/// statement with a bound `LIMIT ?` (every `.one()` sea-orm builds) is planned for the value
/// bound, so SQLite parses and plans it again on every use instead of reusing the prepared
/// statement; with it, the plan never depends on bound values.
async fn keep_plans_stable(connection: &mut SqliteConnection) -> Result<(), sqlx::Error> {
    let mut handle = connection.lock_handle().await?;
    // SAFETY: the handle is locked out from the connection's worker thread for the length of
    // the call, and SQLITE_DBCONFIG_ENABLE_QPSG takes an int and a nullable int pointer.
    let code = unsafe {
        sqlite3_db_config(
            handle.as_raw_handle().as_ptr(),
            SQLITE_DBCONFIG_ENABLE_QPSG,
            1,
            std::ptr::null_mut::<std::ffi::c_int>(),
        )
    };
    if code == SQLITE_OK {
        Ok(())
    } else {
        Err(sqlx::Error::Configuration(
            format!("SQLite refused the query planner setting (code {code})").into(),
        ))
    }
}

/// `true` when the database answers a trivial query.
pub async fn is_reachable(db: &DatabaseConnection) -> bool {
    db.execute_unprepared("SELECT 1").await.is_ok()
}

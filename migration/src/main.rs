//! `cargo run -p migration -- [up|down|status]` against `DATABASE_URL`
//! (default: the embedded SQLite file `onward.db`).
use migration::{Migrator, MigratorTrait};
use sea_orm_migration::sea_orm::Database;

#[tokio::main]
async fn main() {
    let url =
        std::env::var("DATABASE_URL").unwrap_or_else(|_| "sqlite://onward.db?mode=rwc".into());
    let command = std::env::args().nth(1).unwrap_or_else(|| "up".into());
    let result = async {
        let db = Database::connect(&url).await?;
        match command.as_str() {
            "up" => Migrator::up(&db, None).await,
            "down" => Migrator::down(&db, Some(1)).await,
            "status" => Migrator::status(&db).await,
            other => {
                eprintln!("unknown command `{other}`: use up, down or status");
                std::process::exit(2);
            }
        }
    }
    .await;
    if let Err(error) = result {
        eprintln!("migration failed: {error}");
        std::process::exit(1);
    }
}

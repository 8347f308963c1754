//! The command line: `onward serve|migrate|create-user|seed-demo|seed-synthetic`.
use std::io::{BufRead, IsTerminal, Write};

use anyhow::{Context, bail};
use api::{
    clock::{Clock, SystemClock},
    database,
    domain::{people::Email, roles::Role},
    service::{accounts, demo, obligations, passwords, synthetic},
    settings::Settings,
};
use clap::{Parser, Subcommand};
use entity::authority;
use sea_orm::EntityTrait;

use crate::Application;

#[derive(Debug, Parser)]
#[command(
    name = "onward",
    version,
    about = "Records, statutory clocks and a portal for children in care and care leavers"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the server (API and portal)
    Serve {
        /// Load the demo authority, staff and young people (password `onward-demo`)
        #[arg(long)]
        demo: bool,
        /// Address to listen on, for example 127.0.0.1:8080
        #[arg(long)]
        bind: Option<String>,
    },
    /// Bring the database schema up to date, then stop
    Migrate,
    /// Create a staff account; the password is read from standard input
    CreateUser {
        #[arg(long)]
        email: String,
        /// One of: admin, pa, social_worker, iro, manager, private_fostering_officer, housing_officer
        #[arg(long)]
        role: String,
        /// The person's name as colleagues know them (defaults to the email address)
        #[arg(long)]
        name: Option<String>,
    },
    /// Work out every young person's stored deadlines again, for example after changing
    /// ONWARD_DENTAL_CHECK_MONTHS, then stop
    RefreshObligations,
    /// Load the demo data into the database, then stop
    SeedDemo,
    /// Add N synthetic young people with care histories to the demo authority, for load
    /// tests; never on a live database
    SeedSynthetic {
        /// How many young people to add
        #[arg(long)]
        young_people: u32,
        /// The same seed makes the same histories (with new ids, so runs add up)
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
}

pub async fn run(cli: Cli) -> anyhow::Result<()> {
    let mut settings = Settings::load()?;
    match cli.command {
        Command::Serve { demo, bind } => {
            settings.demo |= demo;
            if let Some(bind) = bind {
                settings.bind = bind;
            }
            let show_accounts = settings.demo;
            let app = Application::build(settings).await?;
            if show_accounts {
                print_demo_accounts(app.port());
            }
            app.run_until_stopped().await?;
        }
        Command::Migrate => {
            settings.check()?;
            database::connect_and_migrate(&settings.database_url).await?;
            println!("The database is up to date.");
        }
        Command::RefreshObligations => {
            settings.check()?;
            let db = database::connect_and_migrate(&settings.database_url).await?;
            let refreshed = obligations::refresh_all(&db, &settings.standards(), &SystemClock)
                .await
                .map_err(|e| anyhow::anyhow!("{e:?}"))?;
            println!("Worked out the deadlines of {refreshed} young people again.");
        }
        Command::SeedDemo => {
            settings.check()?;
            let db = database::connect_and_migrate(&settings.database_url).await?;
            demo::seed(&db, &SystemClock, &settings.standards())
                .await
                .map_err(|e| anyhow::anyhow!("{e:?}"))?;
            println!("Demo data loaded.");
        }
        Command::SeedSynthetic { young_people, seed } => {
            settings.check()?;
            if settings.is_production() {
                bail!("seed-synthetic makes up children's records: it never runs in production");
            }
            let started = std::time::Instant::now();
            let db = database::connect_and_migrate(&settings.database_url).await?;
            let summary =
                synthetic::seed(&db, &SystemClock, &settings.standards(), young_people, seed)
                    .await
                    .map_err(|e| anyhow::anyhow!("{e:?}"))?;
            println!(
                "Added {summary} to the demo authority in {:.1} s.",
                started.elapsed().as_secs_f64()
            );
        }
        Command::CreateUser { email, role, name } => {
            settings.check()?;
            let email = Email::parse(&email).map_err(anyhow::Error::msg)?;
            let role = Role::from_code(&role)
                .filter(|role| role.is_staff())
                .with_context(|| format!("unknown staff role `{role}`"))?;
            let password = read_password()?;
            let password_hash =
                passwords::hash_chosen(&password).map_err(|e| anyhow::anyhow!("{e:?}"))?;
            let db = database::connect_and_migrate(&settings.database_url).await?;
            let authorities = authority::Entity::find().all(&db).await?;
            let [authority] = authorities.as_slice() else {
                bail!(
                    "create-user needs exactly one authority in the database (found {})",
                    authorities.len()
                );
            };
            let name = name.unwrap_or_else(|| email.as_str().to_owned());
            let new = accounts::NewAccount {
                authority_id: authority.id,
                email,
                name: &name,
                roles: &[role],
                password_hash: Some(password_hash),
                young_person_id: None,
                team_id: None,
            };
            let id = accounts::create(&db, new, SystemClock.now())
                .await
                .map_err(|e| anyhow::anyhow!("{e:?}"))?;
            println!("Created account {id} with role {role}.");
        }
    }
    Ok(())
}

fn read_password() -> anyhow::Result<String> {
    let stdin = std::io::stdin();
    if stdin.is_terminal() {
        eprint!(
            "Password (at least {} characters, shown as you type): ",
            passwords::MIN_PASSWORD_CHARS
        );
        std::io::stderr().flush()?;
    }
    let mut line = String::new();
    stdin.lock().read_line(&mut line)?;
    Ok(line.trim_end_matches(['\r', '\n']).to_owned())
}

fn print_demo_accounts(port: u16) {
    println!("Onward is running with demo data at http://127.0.0.1:{port}/");
    println!("API documentation: http://127.0.0.1:{port}/api/docs");
    println!("Demo accounts (password `{}`):", demo::DEMO_PASSWORD);
    for (email, name, role) in demo::accounts() {
        println!("  {email:<22} {name:<18} {}", role.title());
    }
}

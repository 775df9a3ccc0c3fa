//! The command line of `pitboss`: parses, opens the database and dispatches to one file per subcommand.
//!
//! `pitboss [serve]`, `migrate`, `seed --demo`, `casino add`, `table add`, `staff add|deactivate|reset-password`,
//! `audit verify`.
//!
//! The benchmark and the shift simulator are not here: they are `pitboss-tools bench` and
//! `pitboss-tools simulate-shift` (the `tools` crate), so the server binary carries no load generator.

mod audit;
mod casino;
mod staff;
mod table;

use std::process::ExitCode;

use clap::{Parser, Subcommand};
use database::Database;
use pitboss::{DomainError, db};

use self::audit::AuditCommand;
use self::casino::CasinoCommand;
use self::staff::StaffCommand;
use self::table::TableCommand;
use crate::config::Config;
use crate::{serve, telemetry};

const ENVIRONMENT: &str = "\
Environment (see .env.example):
  DATABASE_URL            PostgreSQL 15+ server to use; unset = a private cluster in PITBOSS_DATA_DIR
  DATABASE_OWNER_URL      login for migrations and operator commands (default: DATABASE_URL)
  PITBOSS_DATA_DIR        embedded cluster and session secret (default: .data, or /var/lib/pitboss as root)
  PITBOSS_ADDR            listen address (default: 127.0.0.1:3000)
  PITBOSS_SESSION_SECRET  at least 32 bytes (default: generated into the data dir)
  PITBOSS_SECURE_COOKIES  true when served over HTTPS (default: false)
  PITBOSS_DB_MAX_CONNECTIONS  runtime pool size, 2 to 500 (default: 10)
  LOG_FORMAT              pretty or json (default: pretty); RUST_LOG filters";

/// Table-games player tracking for casino pits.
#[derive(Debug, Parser)]
#[command(name = "pitboss", version, after_help = ENVIRONMENT)]
pub struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Run the web server (the default)
    ///
    /// Without DATABASE_URL it starts a private PostgreSQL cluster in PITBOSS_DATA_DIR, migrates it, seeds
    /// the demo casino on first start, and stops the cluster on shutdown. With DATABASE_URL it uses that
    /// server as it is: run `pitboss migrate` first.
    Serve,
    /// Apply pending database migrations (a no-op when the database is up to date)
    Migrate,
    /// Load the demo data set
    Seed {
        /// The demo casino ("Demo Casino", with logins printed in the README) and "Other Casino" beside it.
        /// Casinos that already exist are left alone.
        #[arg(long, required = true)]
        demo: bool,
    },
    /// Set up a casino (pilot set-up, docs/runbooks/pilot-setup.md)
    Casino {
        #[command(subcommand)]
        action: CasinoCommand,
    },
    /// Set up gaming tables
    Table {
        #[command(subcommand)]
        action: TableCommand,
    },
    /// Manage staff
    Staff {
        #[command(subcommand)]
        action: StaffCommand,
    },
    /// Check the audit log
    Audit {
        #[command(subcommand)]
        action: AuditCommand,
    },
}

/// Parses the command line and the environment, runs the command, and maps failure to an exit status:
/// 2 for a bad configuration value (one line naming the variable), 1 for anything else.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let config = match Config::from_env() {
        Ok(config) => config,
        Err(error) => {
            eprintln!("pitboss: {error}");
            return ExitCode::from(2);
        }
    };
    telemetry::init(config.log_format);
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("pitboss: cannot start the async runtime: {error}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(cli.command.unwrap_or(Command::Serve), &config)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("pitboss: {error:#}");
            ExitCode::FAILURE
        }
    }
}

async fn run(command: Command, config: &Config) -> anyhow::Result<()> {
    match command {
        Command::Serve => serve::serve(config).await,
        Command::Migrate => with_database(config, false, migrate).await,
        Command::Seed { .. } => with_database(config, true, seed_demo).await,
        Command::Casino { action } => with_database(config, true, async |db| casino::run(db, action).await).await,
        Command::Table { action } => with_database(config, true, async |db| table::run(db, action).await).await,
        Command::Audit { action } => with_database(config, true, async |db| audit::run(db, action).await).await,
        Command::Staff { action } => {
            let prepared = staff::prepare(action).await?;
            with_database(config, true, async |db| staff::run(db, &prepared).await).await
        }
    }
}

async fn migrate(db: &Database) -> anyhow::Result<()> {
    match db.migrate().await? {
        0 => println!("The database is up to date; nothing to apply."),
        n => println!("Applied {n} migration(s)."),
    }
    Ok(())
}

async fn seed_demo(db: &Database) -> anyhow::Result<()> {
    let report = pitboss::seed::demo(&db.owner).await?;
    for name in &report.created {
        println!("Seeded {name}.");
    }
    for name in &report.existing {
        println!("{name} already exists; left as it is.");
    }
    Ok(())
}

/// Opens the database for a one-shot command: the embedded cluster is started (and migrated, if
/// `migrate_embedded`) as needed, and stopped afterwards only if this command started it.
async fn with_database(
    config: &Config,
    migrate_embedded: bool,
    work: impl AsyncFnOnce(&Database) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    let db = Database::open(&config.database, &config.data_dir).await?;
    let outcome = async {
        if migrate_embedded && db.embedded.is_some() {
            db.migrate().await?;
        }
        work(&db).await
    }
    .await;
    let closed = db.close(false).await;
    outcome.and(closed)
}

/// The casino `--casino` names, as the owner connection sees it.
async fn casino_named(db: &Database, name: &str) -> anyhow::Result<pitboss::casino::Casino> {
    match db::as_operator(&db.owner, async |conn| pitboss::casino::casino_by_name(conn, name).await).await {
        Ok(casino) => Ok(casino),
        Err(pitboss::casino::Error::NotFound) => {
            anyhow::bail!("--casino: no casino named {name:?} is visible to the owner connection")
        }
        Err(error) => Err(error.into()),
    }
}

/// One line naming each refused field as its command-line flag, or the error itself.
fn field_problems<E: DomainError + std::fmt::Display>(error: &E) -> anyhow::Error {
    let fields = error.fields();
    if fields.is_empty() {
        return anyhow::anyhow!("{error}");
    }
    let problems: Vec<_> =
        fields.iter().map(|f| format!("--{}: {}", f.field.replace('_', "-"), f.code.message())).collect();
    anyhow::anyhow!(problems.join("; "))
}

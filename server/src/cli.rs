//! The command line: `pitboss [serve]`, `migrate`, `seed --demo`, `staff add`, `audit verify`.

use std::io::BufRead;
use std::process::ExitCode;

use anyhow::{Context, bail};
use clap::{Parser, Subcommand, ValueEnum};
use pitboss::casino::{self, NewLogin, NewStaff, StaffRole};
use pitboss::db;

use crate::config::Config;
use crate::database::Database;
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

#[derive(Debug, Subcommand)]
enum AuditCommand {
    /// Verify every casino's audit hash chain; exits 1 at the first broken link of any casino
    ///
    /// Prints each chain's length and last hash: keep that line somewhere else (a ticket, an email), and a
    /// later run also proves no rows were cut from the end.
    Verify,
}

#[derive(Debug, Subcommand)]
enum StaffCommand {
    /// Add a staff member to a casino
    ///
    /// Everyone but dealers gets a login: pass --email, and the password on standard input with
    /// --password-stdin, e.g. printf '%s' "$PW" | pitboss staff add --casino "Demo Casino" --first-name Ann
    /// --last-name Lee --role cashier --email ann@demo.casino --password-stdin
    Add {
        /// The casino's exact name, e.g. "Demo Casino".
        #[arg(long)]
        casino: String,
        /// First name.
        #[arg(long)]
        first_name: String,
        /// Last name.
        #[arg(long)]
        last_name: String,
        /// Role: what they may do in pitboss.
        #[arg(long, value_enum)]
        role: RoleArg,
        /// Sign-in email (not for dealers).
        #[arg(long, requires = "password_stdin")]
        email: Option<String>,
        /// Read the password from the first line of standard input.
        #[arg(long, requires = "email")]
        password_stdin: bool,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum RoleArg {
    Dealer,
    PitBoss,
    Cashier,
    Compliance,
    Admin,
}

impl From<RoleArg> for StaffRole {
    fn from(role: RoleArg) -> Self {
        match role {
            RoleArg::Dealer => Self::Dealer,
            RoleArg::PitBoss => Self::PitBoss,
            RoleArg::Cashier => Self::Cashier,
            RoleArg::Compliance => Self::Compliance,
            RoleArg::Admin => Self::Admin,
        }
    }
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
        Command::Migrate => {
            with_database(config, false, async |db| {
                let applied = db.migrate().await?;
                match applied {
                    0 => println!("The database is up to date; nothing to apply."),
                    n => println!("Applied {n} migration(s)."),
                }
                Ok(())
            })
            .await
        }
        Command::Seed { .. } => {
            with_database(config, true, async |db| {
                let report = pitboss::seed::demo(&db.owner).await?;
                for name in &report.created {
                    println!("Seeded {name}.");
                }
                for name in &report.existing {
                    println!("{name} already exists; left as it is.");
                }
                Ok(())
            })
            .await
        }
        Command::Audit { action: AuditCommand::Verify } => {
            with_database(config, true, async |db| verify_audit(db).await).await
        }
        Command::Staff { action: StaffCommand::Add { casino, first_name, last_name, role, email, password_stdin } } => {
            let password = if password_stdin { Some(read_password()?) } else { None };
            let role = StaffRole::from(role);
            let login = match (email, password) {
                (Some(email), Some(password)) => {
                    if let Some(problem) = casino::rules::check_password(&password) {
                        bail!("--password-stdin: {}", problem.code.message());
                    }
                    let hash = tokio::task::spawn_blocking(move || pitboss::auth::hash_password(&password)).await??;
                    Some(NewLogin { email: pitboss::auth::normalize_email(&email), password_hash: hash })
                }
                _ if role.can_log_in() => bail!("--email and --password-stdin are required for a {}", role.label()),
                _ => None,
            };
            let new = NewStaff { first_name, last_name, role, login };
            with_database(config, true, async |db| add_staff(db, &casino, &new).await).await
        }
    }
}

/// Walks every audit chain as the operator; any broken link is an error.
async fn verify_audit(db: &Database) -> anyhow::Result<()> {
    let (breaks, heads) = db::as_operator(&db.owner, async |conn| {
        Ok::<_, sqlx::Error>((pitboss::audit::verify_chain(conn).await?, pitboss::audit::chain_heads(conn).await?))
    })
    .await?;
    if heads.is_empty() {
        println!("No casinos yet: nothing to verify.");
    }
    for head in &heads {
        let broken = breaks.iter().find(|b| b.casino_id == head.casino_id);
        match broken {
            None => println!("{}: {} links verified; head {}", head.casino_name, head.links, head.head),
            Some(b) => {
                let at = b.seq.map_or_else(|| "a row outside the chain".to_owned(), |seq| format!("link {seq}"));
                let row = b.audit_id.map(|id| format!(" (audit row {id})")).unwrap_or_default();
                println!("{}: BROKEN at {at}{row}: {}", head.casino_name, b.problem);
            }
        }
    }
    if !breaks.is_empty() {
        bail!("the audit log has been tampered with in {} casino(s)", breaks.len());
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
    let db = Database::open(config).await?;
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

async fn add_staff(db: &Database, casino_name: &str, new: &NewStaff) -> anyhow::Result<()> {
    let casino = match db::as_operator(&db.owner, async |conn| casino::casino_by_name(conn, casino_name).await).await {
        Ok(casino) => casino,
        Err(casino::Error::NotFound) => {
            bail!("--casino: no casino named {casino_name:?} is visible to the owner connection")
        }
        Err(error) => return Err(error.into()),
    };
    let member = db::as_casino_admin(&db.owner, casino.id, async |conn| casino::add_staff(conn, casino.id, new).await)
        .await
        .map_err(|error| match &error {
            casino::Error::InvalidStaff(fields) => {
                let problems: Vec<_> =
                    fields.iter().map(|f| format!("--{}: {}", f.field.replace('_', "-"), f.code.message())).collect();
                anyhow::anyhow!(problems.join("; "))
            }
            _ => anyhow::Error::new(error),
        })?;
    let login = member.email.as_deref().map(|email| format!(", signs in as {email}")).unwrap_or_default();
    println!("Added {} ({}) to {}{login}.", member.full_name(), member.role.label(), casino.name);
    Ok(())
}

fn read_password() -> anyhow::Result<String> {
    let mut line = String::new();
    std::io::stdin().lock().read_line(&mut line).context("--password-stdin: cannot read standard input")?;
    Ok(line.trim_end_matches(['\n', '\r']).to_owned())
}

//! The command line: `pitboss [serve]`, `migrate`, `seed --demo`, `casino add`, `table add`, `staff add`,
//! `audit verify`, `simulate-shift`.

use std::io::BufRead;
use std::process::ExitCode;

use anyhow::{Context, bail};
use clap::{Parser, Subcommand, ValueEnum};
use pitboss::DomainError;
use pitboss::casino::{self, NewLogin, NewStaff, SettingsInput, StaffRole};
use pitboss::db;
use pitboss::table_context::{self, GameType, NewTable};

use crate::config::Config;
use crate::database::Database;
use crate::{bench, serve, telemetry};

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
    /// Benchmark the server: latency per server function, throughput, propagation, start-up, memory
    ///
    /// Starts this binary's server on a new private cluster under --data-dir (wiped first), lays out a floor
    /// named "Benchmark …", and drives it over HTTP with signed-in tablets: a warm-up, an open-loop phase at
    /// --rate calls per second, a closed-loop phase flat out, and pause/resume flat out beside the same
    /// transaction as bare SQL. See docs/performance.md.
    Bench {
        /// Signed-in tablets working at once.
        #[arg(long, default_value_t = 50)]
        clients: usize,
        /// Calls per second offered in the open-loop phase, all tablets together.
        #[arg(long, default_value_t = 200)]
        rate: u32,
        /// Length of each measured phase, in seconds.
        #[arg(long, default_value_t = 20)]
        seconds: u64,
        /// Tables on the floor (7 seats each for blackjack; the simulator's game mix).
        #[arg(long, default_value_t = 40)]
        tables: u16,
        /// Enrolled players.
        #[arg(long, default_value_t = 300)]
        players: u32,
        /// Connections for the bare-SQL limit (the server's pool has 10).
        #[arg(long, default_value_t = 10)]
        raw_connections: usize,
        /// Closed slips of history (with five ledger rows each) to load before a last open-loop phase; 0 for none.
        /// A year of a 40-table floor is about 200000.
        #[arg(long, default_value_t = 0)]
        history_slips: i64,
        /// Where the benchmark's cluster lives; wiped first.
        #[arg(long, default_value = "/tmp/pitboss-bench")]
        data_dir: std::path::PathBuf,
    },
    /// Check the audit log
    Audit {
        #[command(subcommand)]
        action: AuditCommand,
    },
    /// Run a whole simulated shift on a new casino, then check every invariant; exits 1 on any violation
    ///
    /// Lays out a casino named "Shift simulation …" with the given tables and players, plays a shift on a
    /// simulated clock (so hours take seconds) through the same domain services as the app, and verifies: no
    /// open or stuck slips, each slip's rated seconds exact, no duplicate rewards, balances equal to their
    /// ledgers, an audit row for every change, MTL rows and proximity as recomputed, and the audit chain. The
    /// casino stays in the database for inspection.
    SimulateShift {
        /// Gaming tables on the floor (1 to 200).
        #[arg(long, default_value_t = 40)]
        tables: u16,
        /// Enrolled players who may visit (1 to 5000).
        #[arg(long, default_value_t = 300)]
        players: u32,
        /// Length of the shift in hours (1 to 24).
        #[arg(long, default_value_t = 8)]
        hours: u32,
        /// Seed of the random activity; the same seed plays the same shift.
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
}

#[derive(Debug, Subcommand)]
enum CasinoCommand {
    /// Create a casino with the standard rating parameters for blackjack, baccarat, roulette and craps
    ///
    /// Then add its first admin with `pitboss staff add --role admin`, its tables with `pitboss table add`,
    /// and let the admin adjust games (/games), thresholds and flags (/settings) in the browser.
    Add {
        /// The casino's name, 1 to 100 characters, unique.
        #[arg(long)]
        name: String,
        /// IANA time zone name of the casino, as Area/Location.
        #[arg(long)]
        timezone: String,
        /// Local time at which a gaming day starts, HH:MM.
        #[arg(long, default_value = "06:00")]
        gaming_day_start: String,
        /// MTL watchlist floor in cents (default $3,000).
        #[arg(long, default_value_t = 300_000)]
        watchlist_floor_cents: i64,
        /// CTR threshold in cents (default $10,000; a day's cash above it needs a CTR).
        #[arg(long, default_value_t = 1_000_000)]
        ctr_threshold_cents: i64,
        /// Most points one mid-session reward may issue.
        #[arg(long, default_value_t = 5_000)]
        reward_cap_points: i32,
    },
}

#[derive(Debug, Subcommand)]
enum TableCommand {
    /// Add an inactive table to a casino's floor
    ///
    /// e.g. pitboss table add --casino "Pilot Casino" --label BJ-01 --pit Main --game blackjack
    /// --min-bet-cents 1000 --max-bet-cents 100000
    Add {
        /// The casino's exact name.
        #[arg(long)]
        casino: String,
        /// Label on the pit dashboard, 1 to 20 characters, unique in the casino.
        #[arg(long)]
        label: String,
        /// The pit it stands in.
        #[arg(long)]
        pit: String,
        /// Its game.
        #[arg(long, value_enum)]
        game: GameArg,
        /// Table minimum in cents.
        #[arg(long)]
        min_bet_cents: i64,
        /// Table maximum in cents.
        #[arg(long)]
        max_bet_cents: i64,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum GameArg {
    Blackjack,
    Baccarat,
    Roulette,
    Craps,
}

impl From<GameArg> for GameType {
    fn from(game: GameArg) -> Self {
        match game {
            GameArg::Blackjack => Self::Blackjack,
            GameArg::Baccarat => Self::Baccarat,
            GameArg::Roulette => Self::Roulette,
            GameArg::Craps => Self::Craps,
        }
    }
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
        Command::Casino {
            action:
                CasinoCommand::Add {
                    name,
                    timezone,
                    gaming_day_start,
                    watchlist_floor_cents,
                    ctr_threshold_cents,
                    reward_cap_points,
                },
        } => {
            let settings = SettingsInput {
                gaming_day_start,
                timezone,
                watchlist_floor_cents,
                ctr_threshold_cents,
                reward_cap_points,
            };
            with_database(config, true, async |db| add_casino(db, &name, &settings).await).await
        }
        Command::Table { action: TableCommand::Add { casino, label, pit, game, min_bet_cents, max_bet_cents } } => {
            let new = NewTable { label, pit, game: game.into(), min_bet_cents, max_bet_cents };
            with_database(config, true, async |db| {
                let casino = casino_named(db, &casino).await?;
                let card = db::as_casino_admin(&db.owner, casino.id, async |conn| {
                    table_context::add_table(conn, casino.id, &new).await
                })
                .await
                .map_err(|error| field_problems(&error))?;
                println!(
                    "Added table {} ({}, {} seats) in pit {} of {}.",
                    card.label,
                    card.game.label(),
                    card.seats,
                    card.pit,
                    casino.name
                );
                Ok(())
            })
            .await
        }
        Command::SimulateShift { tables, players, hours, seed } => {
            let shift = pitboss::simulation::Config { tables, players, hours, seed };
            if let Some(problem) = shift.problem() {
                bail!("{problem}");
            }
            with_database(config, true, async |db| simulate_shift(db, shift).await).await
        }
        Command::Bench { clients, rate, seconds, tables, players, raw_connections, history_slips, data_dir } => {
            let settings =
                bench::Settings { clients, rate, seconds, tables, players, raw_connections, history_slips, data_dir };
            bench::run(&settings).await
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

/// Creates the casino with the standard games, as the platform (no staff exists yet).
async fn add_casino(db: &Database, name: &str, settings: &SettingsInput) -> anyhow::Result<()> {
    let id = casino::CasinoId(uuid::Uuid::new_v4());
    let created = db::as_casino_admin(&db.owner, id, async |conn| {
        if casino::casino_by_name(conn, name.trim()).await.is_ok() {
            bail!("--name: a casino named {name:?} already exists");
        }
        let created = casino::create_casino(conn, id, name, settings).await.map_err(|e| field_problems(&e))?;
        pitboss::seed::standard_games(conn, id).await?;
        Ok(created)
    })
    .await?;
    println!(
        "Created casino {} ({}) with the standard games. Next: pitboss staff add --casino {:?} --role admin …",
        created.name, created.id.0, created.name
    );
    Ok(())
}

/// The casino `--casino` names, as the owner connection sees it.
async fn casino_named(db: &Database, name: &str) -> anyhow::Result<casino::Casino> {
    match db::as_operator(&db.owner, async |conn| casino::casino_by_name(conn, name).await).await {
        Ok(casino) => Ok(casino),
        Err(casino::Error::NotFound) => bail!("--casino: no casino named {name:?} is visible to the owner connection"),
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

/// Plays the shift, prints what it did and what it found, and fails on any violation.
async fn simulate_shift(db: &Database, config: pitboss::simulation::Config) -> anyhow::Result<()> {
    let started = std::time::Instant::now();
    let runtime = db.runtime_pool(4);
    let shift = pitboss::simulation::run(&db.owner, &runtime, config).await?;
    println!(
        "{}: {} tables, {} players, {} h simulated, {} to {}",
        shift.casino_name, config.tables, config.players, config.hours, shift.span.0, shift.span.1
    );
    println!("{}", shift.counts);
    let violations = shift.verify(&db.owner, &runtime).await?;
    println!(
        "Shift played in {:.1} s ({:.0} transactions/s); {:.1} s in all with set-up and checks.",
        shift.wall.as_secs_f64(),
        shift.counts.transactions as f64 / shift.wall.as_secs_f64().max(0.001),
        started.elapsed().as_secs_f64()
    );
    runtime.close().await;
    if violations.is_empty() {
        println!(
            "Every invariant holds: no open or stuck slips, accrued seconds exact, no duplicate rewards, balances equal their ledgers, every change audited, MTL and proximity as recomputed, audit chain verified."
        );
        return Ok(());
    }
    for violation in &violations {
        println!("VIOLATION {violation}");
    }
    bail!("{} invariant violation(s)", violations.len())
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
    let casino = casino_named(db, casino_name).await?;
    let member = db::as_casino_admin(&db.owner, casino.id, async |conn| casino::add_staff(conn, casino.id, new).await)
        .await
        .map_err(|error| field_problems(&error))?;
    let login = member.email.as_deref().map(|email| format!(", signs in as {email}")).unwrap_or_default();
    println!("Added {} ({}) to {}{login}.", member.full_name(), member.role.label(), casino.name);
    Ok(())
}

fn read_password() -> anyhow::Result<String> {
    let mut line = String::new();
    std::io::stdin().lock().read_line(&mut line).context("--password-stdin: cannot read standard input")?;
    Ok(line.trim_end_matches(['\n', '\r']).to_owned())
}

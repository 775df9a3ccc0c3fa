//! `pitboss-tools`: the benchmark, the failover drill and the shift simulator.
//!
//! `bench` starts the `pitboss` binary built beside this one (or `--pitboss-bin`) on a private cluster and
//! drives it over HTTP; `simulate-shift` plays a shift on the database `DATABASE_URL` names, or on the
//! embedded cluster in `PITBOSS_DATA_DIR` (started, migrated and stopped again if it was not running).

use std::process::ExitCode;

use anyhow::bail;
use clap::{Parser, Subcommand};
use database::{Database, DatabaseConfig};
use tools::{bench, ha_drill, import_bench, simulation};

/// The benchmark and the shift simulator of pitboss.
#[derive(Debug, Parser)]
#[command(name = "pitboss-tools", version)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Benchmark the server: latency per server function, throughput, propagation, start-up, memory
    ///
    /// Starts `pitboss serve` on a new private cluster under --data-dir (wiped first), lays out a floor
    /// named "Benchmark …", and drives it over HTTP with signed-in tablets: a warm-up, an open-loop phase at
    /// --rate calls per second, a closed-loop phase flat out, and pause/resume flat out beside the same
    /// transaction as bare SQL. See docs/performance.md.
    Bench(bench::Settings),
    /// The failover drill: tablets over HTTP while the database primary is killed; 0 acknowledged writes lost
    ///
    /// Lays out a floor on the replicated database `DATABASE_URL` lists, drives the pitboss server at --server
    /// with signed-in tablets that resend every unanswered mutation with its request id, runs --kill-command,
    /// and prints the time from the kill to the first successful write. Then checks, on the new primary, that
    /// every acknowledged write is there with its answer and every request applied exactly once. Run by
    /// scripts/ha-drill.sh; see docs/runbooks/high-availability.md.
    HaDrill(ha_drill::Settings),
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
    /// Time the player import: a CSV of new members previewed, then imported in one transaction
    ///
    /// Creates a casino named "Import benchmark …" with an admin on the database the environment names, and
    /// imports a generated file of --rows members through the same services as the import page.
    ImportBench {
        /// Members in the file (1 to 20000).
        #[arg(long, default_value_t = 10_000)]
        rows: usize,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("pitboss-tools: cannot start the async runtime: {error}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(cli.command)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("pitboss-tools: {error:#}");
            ExitCode::FAILURE
        }
    }
}

async fn run(command: Command) -> anyhow::Result<()> {
    match command {
        Command::Bench(settings) => bench::run(&settings).await,
        Command::HaDrill(settings) => ha_drill::run(&settings).await,
        Command::SimulateShift { tables, players, hours, seed } => {
            let shift = simulation::Config { tables, players, hours, seed };
            if let Some(problem) = shift.problem() {
                bail!("{problem}");
            }
            simulate_shift(shift).await
        }
        Command::ImportBench { rows } => {
            if !(1..=pitboss::player::import::MAX_ROWS).contains(&rows) {
                bail!("--rows must be 1 to {}", pitboss::player::import::MAX_ROWS);
            }
            with_database(async |db| {
                let runtime = db.runtime_pool(2);
                let figures = import_bench::run(&db.owner, &runtime, rows).await;
                runtime.close().await;
                println!("{}", figures?);
                Ok(())
            })
            .await
        }
    }
}

/// Opens the database the environment names, plays the shift, prints what it did and what it found, and
/// fails on any violation.
async fn simulate_shift(config: simulation::Config) -> anyhow::Result<()> {
    with_database(async |db| play(db, config).await).await
}

/// Runs `work` on the database the environment names (the embedded one migrated first), then closes it.
async fn with_database(work: impl AsyncFnOnce(&Database) -> anyhow::Result<()>) -> anyhow::Result<()> {
    let env = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
    let db = Database::open(&DatabaseConfig::from_lookup(env)?, &database::data_dir(env)).await?;
    let outcome = async {
        if db.embedded.is_some() {
            db.migrate().await?;
        }
        work(&db).await
    }
    .await;
    let closed = db.close(false).await;
    outcome.and(closed)
}

async fn play(db: &Database, config: simulation::Config) -> anyhow::Result<()> {
    let started = std::time::Instant::now();
    let runtime = db.runtime_pool(4);
    let shift = simulation::run(&db.owner, &runtime, config).await?;
    println!(
        "{}: {} tables, {} players, {} h simulated, {} to {}",
        shift.casino_name, config.tables, config.players, config.hours, shift.span.0, shift.span.1
    );
    println!("{}", shift.counts);
    for (day, seconds) in shift.seconds_by_day() {
        println!("  rated on {day}  {seconds} s ({:.1} h)", seconds as f64 / 3_600.0);
    }
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
            "Every invariant holds: no open or stuck slips, accrued seconds exact, each on one gaming day, no duplicate rewards, every comp in the ledger once, balances equal their ledgers, never below zero and each row's balance the running sum, no one beyond their authority, every change audited, MTL, proximity, threshold events (each level once per patron, day and direction) and every day's CTR worksheets as recomputed, every table's win per gaming day and per shift what its players lost, the shift view's hours and tables as the day's accounting, audit chain verified."
        );
        return Ok(());
    }
    for violation in &violations {
        println!("VIOLATION {violation}");
    }
    bail!("{} invariant violation(s)", violations.len())
}

//! `pitboss casino add`: a new casino with the standard games, before any staff exists.

use anyhow::bail;
use clap::Subcommand;
use pitboss::casino::{self, SettingsInput};
use pitboss::db;

use super::field_problems;
use database::Database;

#[derive(Debug, Subcommand)]
pub enum CasinoCommand {
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
        /// Minutes after its tap an action a tablet queued offline may still be recorded at its tap.
        #[arg(long, default_value_t = pitboss::casino::DEFAULT_LATE_ACTION_MINUTES)]
        late_action_minutes: i32,
    },
}

/// Runs the command on an open database.
pub async fn run(db: &Database, command: CasinoCommand) -> anyhow::Result<()> {
    let CasinoCommand::Add {
        name,
        timezone,
        gaming_day_start,
        watchlist_floor_cents,
        ctr_threshold_cents,
        reward_cap_points,
        late_action_minutes,
    } = command;
    let settings = SettingsInput {
        gaming_day_start,
        timezone,
        watchlist_floor_cents,
        ctr_threshold_cents,
        reward_cap_points,
        late_action_minutes,
    };
    add_casino(db, &name, &settings).await
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

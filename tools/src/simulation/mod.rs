//! The shift simulator behind `pitboss-tools simulate-shift`: a whole shift of pit activity against a real
//! database, on a simulated clock, through the same domain services the app calls, then checked.
//!
//! A fresh casino is laid out (tables, dealers, pit bosses, a cashier, enrolled players). The shift then runs
//! as a sequence of transactions, each with its clock (`app.clock`, see [`pitboss::db::scoped_at`]) set to a
//! simulated instant, so eight hours take seconds and every duration is known to the second. While it runs,
//! the simulator keeps its own account of what must be true (the ground truth): each slip's rated seconds,
//! the audit rows each operation owes, every cash total by player, gaming day and direction. [`Shift::verify`]
//! then compares the database with that account. The activity is random but reproducible: one seed, one shift.

mod model;
pub(crate) mod repo;
mod setup;
mod shift;
mod verify;
mod verify_ctr;

use std::fmt;
use std::time::Duration;

use chrono::{DateTime, Utc};
use sqlx::PgPool;

use pitboss::actor::Actor;
use pitboss::casino::CasinoId;

pub use model::Counts;
use model::Truth;

/// The size and seed of a simulated shift.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Config {
    /// Gaming tables on the floor.
    pub tables: u16,
    /// Enrolled players who may visit during the shift.
    pub players: u32,
    /// Length of the shift in hours.
    pub hours: u32,
    /// Seed of the random activity: the same seed gives the same shift.
    pub seed: u64,
}

impl Config {
    /// What is wrong with these numbers, if anything.
    pub fn problem(&self) -> Option<&'static str> {
        if !(1..=200).contains(&self.tables) {
            Some("--tables must be 1 to 200")
        } else if !(1..=5_000).contains(&self.players) {
            Some("--players must be 1 to 5000")
        } else if !(1..=24).contains(&self.hours) {
            Some("--hours must be 1 to 24")
        } else {
            None
        }
    }
}

/// Why a simulation could not run to its end. A violated invariant is not an error: see [`Shift::verify`].
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The configuration is out of range.
    #[error("{0}")]
    Config(&'static str),
    /// A domain operation the simulated floor made was refused: a bug, since the simulator only asks for
    /// what its model says is allowed.
    #[error("{operation} refused at {at}: {reason}")]
    Refused {
        /// What was asked.
        operation: &'static str,
        /// The simulated instant.
        at: DateTime<Utc>,
        /// The service's error.
        reason: String,
    },
    /// Infrastructure failure.
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

/// A simulated shift that has run: what it did, and what the database must now show.
pub struct Shift {
    /// The casino created for this run.
    pub casino_id: CasinoId,
    /// Its name, unique per run.
    pub casino_name: String,
    /// The configuration it ran with.
    pub config: Config,
    /// The first and last simulated instants.
    pub span: (DateTime<Utc>, DateTime<Utc>),
    /// What happened, by kind.
    pub counts: Counts,
    /// Real time the shift took (set-up excluded).
    pub wall: Duration,
    admin: Actor,
    truth: Truth,
}

/// One invariant the database breaks, in words an operator can act on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation {
    /// The invariant, e.g. `accrued seconds`.
    pub invariant: &'static str,
    /// What differs.
    pub detail: String,
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.invariant, self.detail)
    }
}

/// Lays out a new casino and runs one shift on it.
///
/// `owner` creates the casino (platform work, as its administrator); every shift operation runs on
/// `runtime`, the application's role, under row-level security.
pub async fn run(owner: &PgPool, runtime: &PgPool, config: Config) -> Result<Shift, Error> {
    if let Some(problem) = config.problem() {
        return Err(Error::Config(problem));
    }
    let floor = setup::lay_out(owner, runtime, &config, "Shift simulation").await?;
    let shift = shift::play(runtime, config, floor).await?;
    // A server's linker links each commit's audit rows within a moment; the checks expect a whole chain.
    let mut tx = runtime.begin().await?;
    pitboss::audit::link_all(&mut tx).await?;
    tx.commit().await?;
    Ok(shift)
}

/// A floor laid out for another harness (the benchmark): a new casino named `purpose …` with the
/// simulator's staff, games, `tables` inactive tables and `players` enrolled players, finance on.
#[derive(Debug, Clone)]
pub struct FloorPlan {
    /// The new casino.
    pub casino_id: CasinoId,
    /// Its name, unique per run.
    pub casino_name: String,
    /// Its admin.
    pub admin: Actor,
    /// The tables, in order, with their seat counts.
    pub tables: Vec<(pitboss::table_context::TableId, usize)>,
    /// The enrolled players.
    pub players: Vec<pitboss::player::PlayerId>,
}

/// Lays out a floor the way [`run`] does, without playing a shift on it.
pub async fn lay_out_floor(
    owner: &PgPool,
    runtime: &PgPool,
    tables: u16,
    players: u32,
    purpose: &str,
) -> Result<FloorPlan, Error> {
    let config = Config { tables, players, hours: 1, seed: 0 };
    if let Some(problem) = config.problem() {
        return Err(Error::Config(problem));
    }
    let floor = setup::lay_out(owner, runtime, &config, purpose).await?;
    Ok(FloorPlan {
        casino_id: floor.casino_id,
        casino_name: floor.casino_name,
        admin: floor.admin,
        tables: floor.tables.iter().map(|t| (t.id, t.seats.len())).collect(),
        players: floor.players.iter().map(|p| p.id).collect(),
    })
}

impl Shift {
    /// Rated seconds by gaming day, as the simulator played them.
    pub fn seconds_by_day(&self) -> std::collections::BTreeMap<chrono::NaiveDate, i64> {
        self.truth.seconds_by_day()
    }

    /// Checks every invariant against the database and returns what is broken (empty: all hold).
    ///
    /// Reads as the casino's admin through `runtime` (so under row-level security); walks the audit chain
    /// through `owner`, which sees every casino's links.
    pub async fn verify(&self, owner: &PgPool, runtime: &PgPool) -> Result<Vec<Violation>, sqlx::Error> {
        verify::all(self, owner, runtime).await
    }
}

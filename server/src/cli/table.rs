//! `pitboss table add`: a new, inactive table on a casino's floor.

use clap::{Subcommand, ValueEnum};
use pitboss::db;
use pitboss::table_context::{self, GameType, NewTable};

use super::{casino_named, field_problems};
use database::Database;

#[derive(Debug, Subcommand)]
pub enum TableCommand {
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
pub enum GameArg {
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

/// Runs the command on an open database.
pub async fn run(db: &Database, command: TableCommand) -> anyhow::Result<()> {
    let TableCommand::Add { casino, label, pit, game, min_bet_cents, max_bet_cents } = command;
    let new = NewTable { label, pit, game: game.into(), min_bet_cents, max_bet_cents, seats: None };
    let casino = casino_named(db, &casino).await?;
    let card =
        db::as_casino_admin(&db.owner, casino.id, async |conn| table_context::add_table(conn, casino.id, &new).await)
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
}

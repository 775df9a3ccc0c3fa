//! `pitboss table add`: a new, inactive table on a casino's floor.

use clap::Subcommand;
use pitboss::db;
use pitboss::table_context::{self, GameKey, NewTable};

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
        /// Its game's key, as the games page and `GET /api/game/settings` list it: blackjack, baccarat,
        /// roulette, craps, or a variant an admin added (e.g. `mini_baccarat`).
        #[arg(long)]
        game: String,
        /// Table minimum in cents.
        #[arg(long)]
        min_bet_cents: i64,
        /// Table maximum in cents.
        #[arg(long)]
        max_bet_cents: i64,
    },
}

/// Runs the command on an open database.
pub async fn run(db: &Database, command: TableCommand) -> anyhow::Result<()> {
    let TableCommand::Add { casino, label, pit, game, min_bet_cents, max_bet_cents } = command;
    let game = GameKey::try_from(game).map_err(|problem| anyhow::anyhow!("--game: {problem}"))?;
    let new = NewTable { label, pit, game, min_bet_cents, max_bet_cents, seats: None };
    let casino = casino_named(db, &casino).await?;
    let card =
        db::as_casino_admin(&db.owner, casino.id, async |conn| table_context::add_table(conn, casino.id, &new).await)
            .await
            .map_err(|error| field_problems(&error))?;
    println!(
        "Added table {} ({}, {} seats) in pit {} of {}.",
        card.label, card.game_name, card.seats, card.pit, casino.name
    );
    Ok(())
}

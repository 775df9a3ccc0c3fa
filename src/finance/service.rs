//! The finance service's use cases. Each takes the caller's transaction and never commits it.

use std::collections::HashMap;

use chrono::NaiveDate;
use sqlx::PgConnection;
use uuid::Uuid;

use super::model::{FinanceEntry, FinanceTxnId, NewEntry, PlayerFinance, ReversalRequest};
use super::repo::{self, Filter};
use super::{Error, rules};
use crate::actor::Actor;
use crate::error::Refusal;
use crate::money::Cents;
use crate::player::{self, PlayerId};
use crate::rating_slip::SlipId;

/// Records a deposit or withdrawal through `rpc_create_financial_txn`, dated by the server's gaming day.
///
/// Cashiers (cage), pit bosses (pit) and admins, with `finance_minimal_enabled` on
/// (`FINANCE_FEATURE_DISABLED`); amount above zero and at most [`rules::MAX_AMOUNT`], note up to 200
/// characters, any visit or slip the player's. A cash entry that brings the player's day total in its
/// direction to the watchlist floor writes an MTL row in the same transaction. `key` is unique per casino: a resend with the same key returns the
/// first entry and writes nothing. Writes `player_financial_transaction.created`.
pub async fn record(conn: &mut PgConnection, actor: &Actor, new: &NewEntry, key: Uuid) -> Result<FinanceEntry, Error> {
    // The database function refuses amounts of zero or less too; the ceiling is only here.
    if !rules::valid_amount(new.amount) {
        return Err(Error::InvalidAmount);
    }
    let id = repo::create(conn, new, key).await.map_err(refusal)?;
    entry(conn, actor, id).await
}

/// Cancels an entry in full with a reversing entry and a reason.
///
/// The reversal has the original's player, direction, tender, amount and gaming day; an entry is reversed
/// at most once and a reversal is never reversed (`FINANCE_NOT_REVERSIBLE`). Same roles, flag and
/// idempotency as [`record`]. Writes `player_financial_transaction.reversed`.
pub async fn reverse(conn: &mut PgConnection, actor: &Actor, request: &ReversalRequest) -> Result<FinanceEntry, Error> {
    let id = repo::reverse(conn, request).await.map_err(refusal)?;
    entry(conn, actor, id).await
}

/// A player's entries and one gaming day's totals.
///
/// The entries of `day`, or the latest 200 when `None`; the totals of `day`, or of today's gaming day.
/// Cashiers, pit bosses, compliance and admins; `NOT_FOUND` for a player not enrolled here.
pub async fn player_finance(
    conn: &mut PgConnection,
    actor: &Actor,
    player_id: PlayerId,
    day: Option<NaiveDate>,
) -> Result<PlayerFinance, Error> {
    if !rules::may_read(actor.role) {
        return Err(Error::Forbidden);
    }
    let enrolled = player::is_enrolled(conn, actor, player_id).await.map_err(|error| match error {
        player::Error::Db(error) => Error::Db(error),
        _ => Error::NotFound,
    })?;
    if !enrolled {
        return Err(Error::NotFound);
    }
    let gaming_day = match day {
        Some(day) => day,
        None => crate::casino::today(conn, actor).await?,
    };
    let entries = repo::entries(conn, actor.casino_id, Filter::Player(player_id, day)).await?;
    let totals = if day.is_some() {
        rules::day_totals(&entries, gaming_day)
    } else {
        let of_day = repo::entries(conn, actor.casino_id, Filter::Player(player_id, Some(gaming_day))).await?;
        rules::day_totals(&of_day, gaming_day)
    };
    Ok(PlayerFinance { gaming_day, entries, totals })
}

/// The rated buy-ins of gaming day `day`, per rating slip.
///
/// Cash and markers taken at the pit on the slip, net of corrections; slips without any are left out. Table
/// games accounting sums them per table as the rated part of the drop. Same readers as [`player_finance`].
pub async fn rated_buy_ins(
    conn: &mut PgConnection,
    actor: &Actor,
    day: NaiveDate,
) -> Result<HashMap<SlipId, Cents>, Error> {
    if !rules::may_read(actor.role) {
        return Err(Error::Forbidden);
    }
    Ok(repo::rated_buy_ins(conn, actor.casino_id, day).await?.into_iter().collect())
}

async fn entry(conn: &mut PgConnection, actor: &Actor, id: FinanceTxnId) -> Result<FinanceEntry, Error> {
    repo::entries(conn, actor.casino_id, Filter::Id(id)).await?.pop().ok_or(Error::NotFound)
}

/// Maps the finance functions' refusals to the finance errors they stand for.
fn refusal(error: sqlx::Error) -> Error {
    match crate::error::refusal(&error) {
        Some(Refusal::NoContext | Refusal::RoleForbidden) => Error::Forbidden,
        Some(Refusal::NotFound) => Error::NotFound,
        Some(Refusal::NotEnrolled) => Error::NotEnrolled,
        Some(Refusal::WrongPlayer) => Error::WrongPlayer,
        Some(Refusal::KeyReused) => Error::KeyReused,
        Some(Refusal::FinanceDisabled) => Error::Disabled,
        Some(Refusal::InvalidAmount) => Error::InvalidAmount,
        Some(Refusal::InvalidNote) => Error::InvalidNote,
        Some(Refusal::SourceNotAllowed) => Error::SourceNotAllowed,
        Some(Refusal::NotReversible) => Error::NotReversible,
        _ => Error::Db(error),
    }
}

//! The MTL service's reads. Nothing here writes: MTL rows come from the database trigger on cash finance
//! entries.

use std::collections::HashMap;

use sqlx::PgConnection;

use super::model::{
    ComplianceView, MtlPage, MtlQuery, PatronCashToday, PatronProximity, ThresholdProximity, Thresholds,
};
use super::repo::{self, CashTotals};
use super::{Error, rules};
use crate::actor::Actor;
use crate::error::{ErrorCode, FieldError};
use crate::player::PlayerId;

/// Today's proximity of each of `players` who has cash activity today (the others are below every
/// threshold). Empty for roles that may not read the MTL, so a shared view never shows them a badge.
pub async fn levels_today(
    conn: &mut PgConnection,
    actor: &Actor,
    players: &[PlayerId],
) -> sqlx::Result<HashMap<PlayerId, ThresholdProximity>> {
    if !rules::may_read(actor.role) || players.is_empty() {
        return Ok(HashMap::new());
    }
    let (day, thresholds) = today(conn, actor).await?;
    let ids: Vec<uuid::Uuid> = players.iter().map(|p| p.0).collect();
    let totals = repo::cash_totals(conn, actor.casino_id, day, Some(&ids)).await?;
    Ok(totals.into_iter().map(|t| (t.player_id, proximity(&t, day, thresholds))).collect())
}

/// A player's proximity today. Compliance, pit bosses and admins.
pub async fn player_proximity(
    conn: &mut PgConnection,
    actor: &Actor,
    player_id: PlayerId,
) -> Result<ThresholdProximity, Error> {
    if !rules::may_read(actor.role) {
        return Err(Error::Forbidden);
    }
    Ok(cash_of(conn, actor, player_id).await?.proximity)
}

/// A patron's cash in and out today beside the casino's thresholds, for the form that records an entry.
/// Cashiers, pit bosses, admins and compliance (`FORBIDDEN` otherwise).
pub async fn patron_cash_today(
    conn: &mut PgConnection,
    actor: &Actor,
    player_id: PlayerId,
) -> Result<PatronCashToday, Error> {
    if !rules::may_see_patron_cash(actor.role) {
        return Err(Error::Forbidden);
    }
    Ok(cash_of(conn, actor, player_id).await?)
}

async fn cash_of(conn: &mut PgConnection, actor: &Actor, player_id: PlayerId) -> sqlx::Result<PatronCashToday> {
    let (day, thresholds) = today(conn, actor).await?;
    let totals = repo::cash_totals(conn, actor.casino_id, day, Some(&[player_id.0])).await?;
    let none = CashTotals { player_id, player_name: String::new(), cash_in: 0, cash_out: 0 };
    Ok(PatronCashToday { proximity: proximity(totals.first().unwrap_or(&none), day, thresholds), thresholds })
}

/// The thresholds, the latest MTL rows, today's patrons by proximity and the threshold events to see. Compliance, pit bosses and admins.
pub async fn compliance_view(conn: &mut PgConnection, actor: &Actor) -> Result<ComplianceView, Error> {
    if !rules::may_read(actor.role) {
        return Err(Error::Forbidden);
    }
    let (gaming_day, thresholds) = today(conn, actor).await?;
    let entries = repo::page(conn, actor.casino_id, None, None, 100).await?;
    let patrons = patrons_of(conn, actor, gaming_day, thresholds).await?;
    let ids: Vec<uuid::Uuid> = entries.iter().map(|e| e.id.0).collect();
    let notes = super::notes_repo::notes(conn, actor.casino_id, &ids, Some(gaming_day), None).await?;
    let alerts = super::alerts_repo::alerts(conn, actor.casino_id, Some(gaming_day), None).await?;
    Ok(ComplianceView { gaming_day, thresholds, entries, patrons, notes, alerts })
}

/// One page of a gaming day's MTL (today's unless another is named), newest first.
///
/// With the notes on its rows and on that day's patrons. Compliance, pit bosses and admins; `VALIDATION_FAILED` with `MTL_INVALID_DAY` at `gaming_day` for a day not
/// begun, `MTL_INVALID_PAGE` at `limit` (1 to 1,000) or at `cursor` (not one a page gave).
pub async fn entries(conn: &mut PgConnection, actor: &Actor, query: &MtlQuery) -> Result<MtlPage, Error> {
    if !rules::may_read(actor.role) {
        return Err(Error::Forbidden);
    }
    let mut fields = Vec::new();
    if !rules::valid_page_size(query.limit) {
        fields.push(FieldError::new("limit", ErrorCode::MtlInvalidPage));
    }
    let after = query.cursor.as_deref().map(rules::parse_cursor);
    if after == Some(None) {
        fields.push(FieldError::new("cursor", ErrorCode::MtlInvalidPage));
    }
    let today = crate::casino::today(conn, actor).await?;
    let gaming_day = query.gaming_day.unwrap_or(today);
    if gaming_day > today {
        fields.push(FieldError::new("gaming_day", ErrorCode::MtlInvalidDay));
    }
    if !fields.is_empty() {
        return Err(Error::InvalidPage(fields));
    }
    let limit = i64::from(query.limit);
    let mut entries = repo::page(conn, actor.casino_id, Some(gaming_day), after.flatten(), limit + 1).await?;
    let next_cursor = (entries.len() as i64 > limit).then(|| {
        entries.truncate(query.limit as usize);
        entries.last().map(|e| rules::cursor_after(e.created_at, e.id.0)).unwrap_or_default()
    });
    let ids: Vec<uuid::Uuid> = entries.iter().map(|e| e.id.0).collect();
    let notes = super::notes_repo::notes(conn, actor.casino_id, &ids, Some(gaming_day), None).await?;
    Ok(MtlPage { gaming_day, entries, notes, next_cursor })
}

/// Today's patrons with cash activity, closest to the thresholds first. Compliance, pit bosses and admins.
pub async fn patrons_today(conn: &mut PgConnection, actor: &Actor) -> Result<Vec<PatronProximity>, Error> {
    if !rules::may_read(actor.role) {
        return Err(Error::Forbidden);
    }
    let (gaming_day, thresholds) = today(conn, actor).await?;
    patrons_of(conn, actor, gaming_day, thresholds).await
}

async fn patrons_of(
    conn: &mut PgConnection,
    actor: &Actor,
    gaming_day: chrono::NaiveDate,
    thresholds: Thresholds,
) -> Result<Vec<PatronProximity>, Error> {
    let mut patrons: Vec<PatronProximity> = repo::cash_totals(conn, actor.casino_id, gaming_day, None)
        .await?
        .into_iter()
        .map(|t| PatronProximity {
            player_id: t.player_id,
            proximity: proximity(&t, gaming_day, thresholds),
            player_name: t.player_name,
        })
        .collect();
    patrons.sort_by(|a, b| {
        let key = |p: &PatronProximity| (p.proximity.level(), p.proximity.cash_in.0.max(p.proximity.cash_out.0));
        key(b).cmp(&key(a)).then_with(|| a.player_name.cmp(&b.player_name))
    });
    Ok(patrons)
}

pub(super) async fn today(conn: &mut PgConnection, actor: &Actor) -> sqlx::Result<(chrono::NaiveDate, Thresholds)> {
    let day = crate::casino::today(conn, actor).await?;
    let settings = match crate::casino::settings(conn, actor).await {
        Ok(settings) => settings,
        Err(crate::casino::Error::Db(error)) => return Err(error),
        Err(_) => return Err(sqlx::Error::RowNotFound),
    };
    Ok((day, Thresholds { watchlist_floor: settings.watchlist_floor, ctr_threshold: settings.ctr_threshold }))
}

fn proximity(t: &CashTotals, gaming_day: chrono::NaiveDate, thresholds: Thresholds) -> ThresholdProximity {
    let (cash_in, cash_out) = (crate::money::Cents(t.cash_in), crate::money::Cents(t.cash_out));
    ThresholdProximity {
        gaming_day,
        cash_in,
        cash_out,
        level_in: rules::classify(cash_in, thresholds),
        level_out: rules::classify(cash_out, thresholds),
    }
}

//! The end-of-shift invariants, each compared with the simulator's ground truth or recomputed from rows.

use std::collections::{BTreeMap, HashMap};

use sqlx::PgPool;
use uuid::Uuid;

use super::model::{self, Truth};
use super::{Shift, Violation, repo};
use pitboss::db::{self, Scope};
use pitboss::finance::Direction;
use pitboss::{mtl, table_accounting};

/// Every invariant; an empty list means the shift's records are exactly what happened.
pub(super) async fn all(shift: &Shift, owner: &PgPool, runtime: &PgPool) -> Result<Vec<Violation>, sqlx::Error> {
    let casino = shift.casino_id;
    let truth = &shift.truth;
    let mut found = Vec::new();
    let mut violation = |invariant: &'static str, detail: String| found.push(Violation { invariant, detail });

    let scope = Scope { actor: shift.admin, request_id: Uuid::new_v4() };
    let (open, slips, (rewards, ledger), balances, audit, unaudited, (mtl_rows, alerts), levels) =
        db::scoped_at(runtime, &scope, shift.span.1, async |conn| {
            let balances = repo::balances(conn, casino).await?;
            let players = all_players(truth, balances.iter().map(|b| b.0).collect());
            Ok::<_, sqlx::Error>((
                repo::unfinished(conn, casino).await?,
                repo::slips(conn, casino).await?,
                (repo::reward_rows(conn, casino).await?, repo::ledger_checks(conn, casino).await?),
                balances,
                repo::audit_counts(conn, casino).await?,
                repo::unaudited(conn, casino).await?,
                (repo::mtl_rows(conn, casino).await?, repo::alerts(conn, casino).await?),
                mtl::levels_today(conn, &shift.admin, &players).await?,
            ))
        })
        .await?;

    // No open or stuck slips, and nothing else left running.
    for (what, rows) in [
        ("rating slips open or paused", open.slips),
        ("pauses never ended", open.pauses),
        ("visits never checked out", open.visits),
        ("tables still open", open.tables),
        ("dealer rotations never ended", open.rotations),
    ] {
        if rows != 0 {
            violation("end of shift", format!("{rows} {what}"));
        }
    }

    // Every slip's rated seconds are the simulation's, in the slip and in its one accrual.
    if slips.len() != truth.slip_seconds.len() {
        violation("accrued seconds", format!("{} slips stored, {} simulated", slips.len(), truth.slip_seconds.len()));
    }
    for slip in &slips {
        let expected = truth.slip_seconds.get(&slip.id).copied();
        let stored = slip.final_seconds.map(i64::from);
        if stored.is_none() || stored != expected {
            violation("accrued seconds", format!("slip {}: stored {stored:?}, simulated {expected:?}", slip.id));
        }
        if slip.accruals != 1 || slip.accrued_seconds.map(i64::from) != expected {
            violation(
                "one accrual per slip",
                format!("slip {}: {} session-end rows, {:?} seconds", slip.id, slip.accruals, slip.accrued_seconds),
            );
        }
    }

    // Every rated second on exactly one gaming day: each slip on the day it began, none past that day's end,
    // and the seconds of each day what the simulator rated on it.
    let mut stored_days: BTreeMap<chrono::NaiveDate, i64> = BTreeMap::new();
    for slip in &slips {
        if truth.slip_days.get(&slip.id) != Some(&slip.gaming_day) {
            violation("seconds per gaming day", format!("slip {} dated {}", slip.id, slip.gaming_day));
        }
        let last_second = slip.ended_at.map(|end| (end - chrono::Duration::seconds(1)).max(slip.started_at));
        if let Some(last) = last_second.filter(|last| model::gaming_day(*last) != slip.gaming_day) {
            violation("seconds per gaming day", format!("slip {} of {} rated to {last}", slip.id, slip.gaming_day));
        }
        *stored_days.entry(slip.gaming_day).or_default() += slip.final_seconds.map_or(0, i64::from);
    }
    if stored_days != truth.seconds_by_day() {
        violation("seconds per gaming day", format!("stored {stored_days:?}, simulated {:?}", truth.seconds_by_day()));
    }

    // No duplicate rewards: one ledger row per first request, however often it was resent.
    let (reward_rows, reused_keys) = rewards;
    if reward_rows != truth.rewards as i64 || reused_keys != 0 {
        violation(
            "duplicate rewards",
            format!("{reward_rows} reward rows for {} rewards issued; {reused_keys} keys reused", truth.rewards),
        );
    }
    for mismatch in &truth.replay_mismatches {
        violation("idempotent replies", mismatch.clone());
    }

    // Comps: every one that moved a balance is in the ledger once; no balance went below zero; every row's
    // balance_after is the running sum; no one authorized beyond their role's limits.
    if ledger.redemptions != truth.comps_redeemed {
        violation(
            "comps",
            format!("{} redemption rows for {} comps redeemed", ledger.redemptions, truth.comps_redeemed),
        );
    }
    for (invariant, rows) in [
        ("balances never below zero", ledger.below_zero),
        ("balance_after is the running sum", ledger.not_running_sums),
        ("authority limits hold", ledger.beyond_authority),
    ] {
        if rows != 0 {
            violation(invariant, format!("{rows} rows or staff days break it"));
        }
    }

    // Every balance is its ledger's sum.
    for (player, balance, ledger) in &balances {
        if balance != ledger {
            violation("balance equals ledger", format!("player {player}: balance {balance}, ledger sum {ledger}"));
        }
    }

    // Every state change has its audit row: counts by action, and each row's own trail.
    let stored: BTreeMap<&str, u64> =
        audit.iter().map(|(action, rows)| (action.as_str(), u64::try_from(*rows).unwrap_or(0))).collect();
    let expected: BTreeMap<&str, u64> = truth.audit.iter().map(|(action, rows)| (*action, *rows)).collect();
    for action in stored.keys().chain(expected.keys()).collect::<std::collections::BTreeSet<_>>() {
        let (have, want) = (stored.get(action).copied().unwrap_or(0), expected.get(action).copied().unwrap_or(0));
        if have != want {
            violation("audit rows", format!("{action}: {have} rows, {want} state changes"));
        }
    }
    for (kind, rows) in unaudited {
        if rows != 0 {
            violation("audit rows", format!("{rows} {kind} without their audit rows"));
        }
    }

    // MTL rows and proximity match the simulator's own totals.
    check_mtl(truth, &mtl_rows, &mut violation);
    // Threshold events: each level once per patron, day and direction, at the entry the simulator saw cross.
    check_alerts(truth, &alerts, &mut violation);
    let today = model::gaming_day(shift.span.1);
    for (player, level) in &levels {
        let cash = |direction| truth.cash.get(&(*player, today, direction)).copied().unwrap_or(0);
        let (cash_in, cash_out) = (cash(Direction::In), cash(Direction::Out));
        let want = (cash_in, cash_out, model::expected_level(cash_in), model::expected_level(cash_out));
        let have = (level.cash_in.0, level.cash_out.0, level.level_in, level.level_out);
        if have != want || level.gaming_day != today {
            violation("proximity", format!("player {player} on {today}: shown {have:?}, recomputed {want:?}"));
        }
    }
    for ((player, day, _), total) in &truth.cash {
        if *day == today && *total != 0 && !levels.contains_key(player) {
            violation("proximity", format!("player {player} has cash today but no proximity"));
        }
    }
    for mismatch in &truth.day_mismatches {
        violation("gaming day", mismatch.clone());
    }

    // Every table's win for each gaming day is what its players lost, and its drop the cash its box took.
    let last = model::gaming_day(shift.span.1);
    let days: Vec<_> = model::gaming_day(shift.span.0).iter_days().take_while(|day| *day <= last).collect();
    let admin = shift.admin;
    let accounting = db::scoped_at(runtime, &scope, shift.span.1, async |conn| {
        let mut read = Vec::new();
        for day in &days {
            read.push(table_accounting::day_accounting(conn, &admin, *day).await.map_err(|e| match e {
                table_accounting::Error::Db(db) => db,
                other => sqlx::Error::Protocol(other.to_string()),
            })?);
        }
        Ok::<_, sqlx::Error>(read)
    })
    .await?;
    check_wins(truth, &accounting, &mut violation);
    check_shift_wins(truth, &accounting, &mut violation);
    let view = db::scoped_at(runtime, &scope, shift.span.1, async |conn| {
        pitboss::floor::shift_view(conn, &admin).await.map_err(|e| match e {
            pitboss::floor::Error::Db(db) => db,
            other => sqlx::Error::Protocol(other.to_string()),
        })
    })
    .await?;
    check_shift_view(&view, accounting.last(), &mut violation);
    for mismatch in &truth.tray_mismatches {
        violation("tray counts", mismatch.clone());
    }

    // The CTR worksheets of every day: the patrons and totals the simulation recomputes.
    let worksheets = super::verify_ctr::worksheets(shift, runtime).await?;
    super::verify_ctr::check(truth, &worksheets, &mut violation);

    // The audit chain verifies.
    let breaks = db::as_operator(owner, async |conn| pitboss::audit::verify_chain(conn).await).await?;
    for broken in breaks.into_iter().filter(|b| b.casino_id == casino) {
        violation("audit chain", format!("link {:?}: {}", broken.seq, broken.problem));
    }
    Ok(found)
}

/// The shift view as the shift ends: its hours add up to its tables' theo to the cent, and each table's theo,
/// counted tray result and win are what the day's accounting says (the win being the drop plus the tray result).
fn check_shift_view(
    view: &pitboss::floor::ShiftView,
    day: Option<&table_accounting::DayAccounting>,
    violation: &mut impl FnMut(&'static str, String),
) {
    let hours: i64 = view.hours.iter().map(|h| h.theo.0).sum();
    let tables: i64 = view.tables.iter().map(|t| t.theo.0).sum();
    if hours != tables {
        violation("shift view", format!("its hours add up to {hours} ¢ of theo, its tables to {tables} ¢"));
    }
    let Some(day) = day.filter(|d| d.gaming_day == view.gaming_day) else {
        return violation("shift view", format!("no accounting read for {}", view.gaming_day));
    };
    for row in &day.tables {
        let tray = (row.periods > 0).then(|| table_accounting::rules::tray_result(row));
        let shown = view.tables.iter().find(|t| t.table_id == row.table_id);
        if shown.map(|t| (t.tray_result, t.win, t.theo)) != Some((tray, row.win, row.theo)) {
            violation("shift view", format!("{}: shows {shown:?}; the day's accounting {row:?}", row.label));
        }
    }
}

fn check_wins(
    truth: &Truth,
    days: &[table_accounting::DayAccounting],
    violation: &mut impl FnMut(&'static str, String),
) {
    let mut shown = std::collections::BTreeSet::new();
    for report in days {
        for row in &report.tables {
            let key = (row.table_id, report.gaming_day);
            let want = truth.table_wins.get(&key).copied();
            if row.periods == 0 && want.is_none() {
                continue;
            }
            shown.insert(key);
            let want_drop = truth.table_drops.get(&key).copied();
            if row.win.map(|c| c.0) != want || row.drop.map(|c| c.0) != want_drop {
                violation(
                    "table win",
                    format!(
                        "{} on {}: win {:?}, drop {:?}; its players lost {want:?}, its box took {want_drop:?}",
                        row.label, report.gaming_day, row.win, row.drop
                    ),
                );
            }
        }
    }
    for (table, day) in truth.table_wins.keys().filter(|key| !shown.contains(*key)) {
        violation("table win", format!("table {table} on {day}: played, but no figures"));
    }
}

/// Each shift whose box was entered on its own has that box as its drop and what its players lost as its win;
/// the others have neither.
fn check_shift_wins(
    truth: &Truth,
    days: &[table_accounting::DayAccounting],
    violation: &mut impl FnMut(&'static str, String),
) {
    let mut entered = 0;
    for shift in days.iter().flat_map(|day| &day.shifts) {
        let Some(want) = truth.shifts.get(&shift.end_id) else {
            violation(
                "shift win",
                format!("{}: a shift ending {} the simulator never counted", shift.label, shift.ended_at),
            );
            continue;
        };
        let own_box = truth.shift_drops.contains(&shift.end_id);
        entered += usize::from(own_box);
        let expected = own_box.then_some((want.cash, want.players_lost));
        let shown = shift.drop.zip(shift.win).map(|(drop, win)| (drop.0, win.0));
        if shown != expected || (shift.drop.is_some() != own_box) {
            violation(
                "shift win",
                format!("{} ending {}: drop and win {shown:?}, expected {expected:?}", shift.label, shift.ended_at),
            );
        }
    }
    if entered != truth.shift_drops.len() {
        violation("shift win", format!("{} shifts' boxes entered, {entered} shown", truth.shift_drops.len()));
    }
}

fn check_mtl(truth: &Truth, rows: &[repo::MtlRow], violation: &mut impl FnMut(&'static str, String)) {
    let stored: HashMap<_, _> = rows.iter().map(|r| (r.financial_txn_id, r)).collect();
    for (txn, want) in &truth.mtl {
        match stored.get(txn) {
            None => violation("MTL", format!("entry {txn} must be logged (day total {})", want.day_total_cents)),
            Some(row)
                if row.day_total_cents != want.day_total_cents
                    || row.is_reversal != want.is_reversal
                    || row.gaming_day != want.gaming_day =>
            {
                violation(
                    "MTL",
                    format!(
                        "entry {txn}: logged total {} on {}, recomputed {} on {}",
                        row.day_total_cents, row.gaming_day, want.day_total_cents, want.gaming_day
                    ),
                )
            }
            Some(_) => {}
        }
    }
    for row in rows.iter().filter(|r| !truth.mtl.contains_key(&r.financial_txn_id)) {
        violation("MTL", format!("entry {} logged below the floor", row.financial_txn_id));
    }
}

fn check_alerts(truth: &Truth, rows: &[repo::AlertRow], violation: &mut impl FnMut(&'static str, String)) {
    let mut stored = HashMap::new();
    for row in rows {
        let level = if row.level == "ctr" { mtl::Proximity::Ctr } else { mtl::Proximity::Watchlist };
        let key = (row.player_id, row.gaming_day, row.direction, level);
        let found = model::AlertTruth { financial_txn_id: row.financial_txn_id, day_total_cents: row.day_total_cents };
        if stored.insert(key, found).is_some() {
            violation("threshold events", format!("{key:?} raised twice"));
        }
    }
    for (key, want) in &truth.alerts {
        match stored.get(key) {
            None => violation("threshold events", format!("{key:?} never raised ({want:?})")),
            Some(found) if found != want => {
                violation("threshold events", format!("{key:?}: raised {found:?}, recomputed {want:?}"))
            }
            Some(_) => {}
        }
    }
    for key in stored.keys().filter(|key| !truth.alerts.contains_key(key)) {
        violation("threshold events", format!("{key:?} raised without crossing"));
    }
}

/// Every player with an account or any cash, for the proximity read.
fn all_players(truth: &Truth, mut players: Vec<pitboss::player::PlayerId>) -> Vec<pitboss::player::PlayerId> {
    players.extend(truth.cash.keys().map(|(player, _, _)| *player));
    players.sort_unstable();
    players.dedup();
    players
}

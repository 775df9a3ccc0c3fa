//! The CTR worksheets of every simulated gaming day against the simulator's own cash totals: the same patrons
//! past the threshold, with the same totals, and a CSV row for each.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use sqlx::PgPool;
use uuid::Uuid;

use super::Shift;
use super::model::{THRESHOLDS, Truth};
use pitboss::db::{self, Scope};
use pitboss::finance::Direction;
use pitboss::mtl::{self, ctr::CtrDay, ctr_csv};
use pitboss::player::PlayerId;

/// Each simulated day's worksheets, read as the casino's admin at the end of the shift.
pub(super) async fn worksheets(shift: &Shift, runtime: &PgPool) -> Result<Vec<CtrDay>, sqlx::Error> {
    let days: BTreeSet<NaiveDate> = shift.truth.cash.keys().map(|(_, day, _)| *day).collect();
    let scope = Scope { actor: shift.admin, request_id: Uuid::new_v4() };
    let admin = shift.admin;
    db::scoped_at(runtime, &scope, shift.span.1, async |conn| {
        let mut read = Vec::with_capacity(days.len());
        for day in days {
            read.push(mtl::ctr_day(conn, &admin, Some(day)).await.map_err(|e| match e {
                mtl::Error::Db(db) => db,
                other => sqlx::Error::Protocol(other.to_string()),
            })?);
        }
        Ok(read)
    })
    .await
}

/// Compares them with the totals recomputed from the simulation.
pub(super) fn check(truth: &Truth, days: &[CtrDay], violation: &mut impl FnMut(&'static str, String)) {
    let ctr = THRESHOLDS.ctr_threshold.0;
    let mut due: BTreeMap<(NaiveDate, PlayerId), (i64, i64)> = BTreeMap::new();
    for ((player, day, direction), total) in &truth.cash {
        let totals = due.entry((*day, *player)).or_default();
        match direction {
            Direction::In => totals.0 = *total,
            Direction::Out => totals.1 = *total,
        }
    }
    due.retain(|_, (cash_in, cash_out)| *cash_in > ctr || *cash_out > ctr);
    let mut shown = BTreeMap::new();
    for day in days {
        for w in &day.worksheets {
            if shown.insert((day.gaming_day, w.player_id), (w.cash_in.0, w.cash_out.0)).is_some() {
                violation("CTR worksheet", format!("{} listed twice on {}", w.player_id, day.gaming_day));
            }
        }
        let rows = ctr_csv::ctr_csv(day).lines().count();
        if rows != day.worksheets.len() + 1 {
            violation(
                "CTR worksheet",
                format!("{}: {rows} CSV lines for {} worksheets", day.gaming_day, day.worksheets.len()),
            );
        }
    }
    if shown != due {
        let missing: Vec<_> = due.iter().filter(|(k, v)| shown.get(k) != Some(v)).collect();
        let extra: Vec<_> = shown.iter().filter(|(k, v)| due.get(k) != Some(v)).collect();
        violation(
            "CTR worksheet",
            format!("recomputed but not shown: {missing:?}; shown but not recomputed: {extra:?}"),
        );
    }
}

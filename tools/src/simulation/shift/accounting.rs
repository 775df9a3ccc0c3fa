//! The shift's table games accounting: the trays counted at opening, at the day's end and at closing, fills
//! and credits between the tables and the cage, the cash dropped at buy-ins, what the players win and lose,
//! and the drop the count room enters after the shift. The table's true win is what its players lost.

use rand::Rng;

use super::Sim;
use crate::simulation::Error;
use crate::simulation::model::{self, Period, ShiftTruth};
use pitboss::money::Cents;
use pitboss::table_accounting::{
    self as accounting, CageRequestId, CageRequestKind, Chips, CountId, CountKind, NewCount, NewDrop,
};

/// A tray's value when its table first opens ($20,000).
pub(in crate::simulation) const OPENING_TRAY: i64 = 2_000_000;
/// Below this the pit asks for a fill, above `HIGH_WATER` it sends a credit, `CAGE_LOT` at a time.
const LOW_WATER: i64 = 1_000_000;
const HIGH_WATER: i64 = 2_600_000;
const CAGE_LOT: i64 = 500_000;
/// The casino's standard chip set, largest first: trays and requests are counted in it.
const CHIP_SET: [i64; 7] = [500_000, 100_000, 50_000, 10_000, 2_500, 500, 100];

/// `cents` (a whole number of dollars) as chips, largest first.
fn chips_of(mut cents: i64) -> Chips {
    let mut chips = Chips::new();
    for value in CHIP_SET {
        if cents >= value {
            chips.insert(value, cents / value);
            cents %= value;
        }
    }
    chips
}

impl Sim<'_> {
    /// Counts the table's tray, witnessed by its dealer (or the first one, before a dealer sits down); a count
    /// ends the period running since the last one and, unless it closes the table, starts the next.
    pub(super) async fn count_tray(&mut self, table: usize, kind: CountKind) -> Result<(), Error> {
        let state = &self.floor.tables[table];
        let witness = self.floor.dealers[state.dealer.unwrap_or(0)];
        let (tray, boss) = (state.tray, self.boss_of(table));
        let new = NewCount { table_id: state.id, kind, witness_id: witness, chips: chips_of(tray) };
        let (count, at) =
            self.tx_ordered("count tray", boss, async |conn| accounting::record_count(conn, &boss, &new).await).await?;
        self.truth.audit("table_inventory_count.recorded", 1);
        self.counts.tray_counts += 1;
        let day = model::gaming_day(at);
        if count.total != Cents(tray) {
            self.truth
                .tray_mismatches
                .push(format!("count {} totals {:?}, the tray holds {tray}", count.id.0, count.total));
        }
        if count.gaming_day != day {
            self.truth.day_mismatches.push(format!("count {} dated {}, expected {day}", count.id.0, count.gaming_day));
        }
        let id = new.table_id;
        if let Some(period) = self.floor.tables[table].period.take().filter(|_| kind != CountKind::Opening) {
            *self.truth.table_wins.entry((id, day)).or_default() += period.players_lost;
            *self.truth.table_drops.entry((id, day)).or_default() += period.cash;
            let shift = ShiftTruth { table: id, gaming_day: day, cash: period.cash, players_lost: period.players_lost };
            self.truth.shifts.insert(count.id, shift);
        }
        if kind != CountKind::Closing {
            self.floor.tables[table].period = Some(Period::default());
        }
        Ok(())
    }

    /// A rated player's play since their last step: they lose a few bets, or win some, paid from the tray.
    pub(super) async fn play_results(&mut self, player: usize) -> Result<(), Error> {
        let Some((_, table)) = self.rated(player) else { return Ok(()) };
        if self.floor.players[player].slip.as_ref().is_some_and(|s| s.paused_since.is_some()) {
            return Ok(());
        }
        let bet = self.bet_for(player, table);
        let lost = bet * [-2, -1, 0, 1, 1, 2, 3][self.rng.gen_range(0..7)];
        if let Some(period) = self.floor.tables[table].period.as_mut() {
            period.players_lost += lost;
        }
        if lost >= 0 { self.tray_in(table, lost).await } else { self.tray_out(table, -lost).await }
    }

    /// A cash buy-in at the table: the cash goes into the box, chips of the same value leave the tray.
    pub(super) async fn cash_at_table(&mut self, table: usize, cents: i64) -> Result<(), Error> {
        if let Some(period) = self.floor.tables[table].period.as_mut() {
            period.cash += cents;
        }
        self.tray_out(table, cents).await
    }

    /// Chips into the tray; past the high-water mark the pit sends a credit to the cage.
    async fn tray_in(&mut self, table: usize, cents: i64) -> Result<(), Error> {
        self.floor.tables[table].tray += cents;
        if self.floor.tables[table].tray > HIGH_WATER && !self.awaits(table, CageRequestKind::Credit) {
            self.ask_cage(table, CageRequestKind::Credit, CAGE_LOT).await?;
        }
        Ok(())
    }

    /// Chips out of the tray. When the tray cannot pay, a fill is asked for and confirmed at once (a runner
    /// from the cage); under the low-water mark the pit asks for one in good time.
    async fn tray_out(&mut self, table: usize, cents: i64) -> Result<(), Error> {
        while self.floor.tables[table].tray < cents {
            let id = self.ask_cage(table, CageRequestKind::Fill, CAGE_LOT).await?;
            self.cage_resolves(table, id, true).await?;
        }
        self.floor.tables[table].tray -= cents;
        if self.floor.tables[table].tray < LOW_WATER && !self.awaits(table, CageRequestKind::Fill) {
            self.ask_cage(table, CageRequestKind::Fill, CAGE_LOT).await?;
        }
        Ok(())
    }

    fn awaits(&self, table: usize, kind: CageRequestKind) -> bool {
        self.floor.tables[table].pending.iter().any(|(_, k, _)| *k == kind)
    }

    /// The pit asks the cage for a fill or a credit; the cage answers a few minutes later.
    async fn ask_cage(&mut self, table: usize, kind: CageRequestKind, cents: i64) -> Result<CageRequestId, Error> {
        let (id, boss, chips) = (self.floor.tables[table].id, self.boss_of(table), chips_of(cents));
        let request = self
            .tx("ask the cage", boss, async |conn| accounting::request(conn, &boss, id, kind, &chips).await)
            .await?;
        self.truth.audit("table_cage_request.requested", 1);
        self.floor.tables[table].pending.push((request.id, kind, cents));
        let after = self.rng.gen_range(120..=720);
        self.schedule(after, super::Event::CageAnswers(table, request.id));
        Ok(request.id)
    }

    /// The cage's answer: usually the cashier confirms and the chips move; now and then the pit withdraws the
    /// request first, and a credit the tray no longer holds is refused. `certain`: a runner's fill, confirmed.
    pub(super) async fn cage_resolves(&mut self, table: usize, id: CageRequestId, certain: bool) -> Result<(), Error> {
        let Some(index) = self.floor.tables[table].pending.iter().position(|(r, _, _)| *r == id) else {
            return Ok(());
        };
        let (_, kind, cents) = self.floor.tables[table].pending.remove(index);
        let cannot_pay = kind == CageRequestKind::Credit && self.floor.tables[table].tray < cents;
        if !certain && (cannot_pay || self.rng.gen_bool(0.08)) {
            let boss = self.boss_of(table);
            self.tx("cancel cage request", boss, async |conn| accounting::cancel(conn, &boss, id).await).await?;
            self.truth.audit("table_cage_request.cancelled", 1);
            self.counts.cage_cancels += 1;
            return Ok(());
        }
        let cashier = self.floor.cashier;
        self.tx_ordered("confirm at the cage", cashier, async |conn| accounting::confirm(conn, &cashier, id).await)
            .await?;
        self.truth.audit("table_cage_request.confirmed", 1);
        match kind {
            CageRequestKind::Fill => {
                self.floor.tables[table].tray += cents;
                self.counts.fills += 1;
            }
            CageRequestKind::Credit => {
                self.floor.tables[table].tray -= cents;
                self.counts.credits += 1;
            }
        }
        Ok(())
    }

    /// Closing: the pit withdraws what the cage has not answered yet.
    pub(super) async fn cancel_pending(&mut self, table: usize) -> Result<(), Error> {
        let boss = self.boss_of(table);
        for (id, _, _) in std::mem::take(&mut self.floor.tables[table].pending) {
            self.tx("cancel cage request", boss, async |conn| accounting::cancel(conn, &boss, id).await).await?;
            self.truth.audit("table_cage_request.cancelled", 1);
            self.counts.cage_cancels += 1;
        }
        Ok(())
    }

    /// At a shift change every open table's tray is counted: just before the gaming day ends, so each day's
    /// win is its own, and between the second day's two shifts, so its tables have a win per shift.
    pub(super) async fn shift_change_counts(&mut self) -> Result<(), Error> {
        for table in 0..self.floor.tables.len() {
            if self.floor.tables[table].open {
                self.count_tray(table, CountKind::ShiftChange).await?;
            }
        }
        Ok(())
    }

    /// After the shift the count room enters each table's drop per gaming day, or for one table in three with
    /// two shifts that day, each shift's box on its own.
    pub(super) async fn enter_drops(&mut self) -> Result<(), Error> {
        let mut drops: Vec<_> = self.truth.table_drops.iter().map(|(k, v)| (*k, *v)).collect();
        // In the floor's order, so a seed picks the same tables whatever ids the run drew.
        drops.sort_by_key(|((table, day), _)| (self.floor.tables.iter().position(|t| t.id == *table), *day));
        let mut with_shifts = 0;
        for ((table_id, gaming_day), cash) in drops {
            let shifts: Vec<(CountId, i64)> = self
                .truth
                .shifts
                .iter()
                .filter(|(_, s)| s.table == table_id && s.gaming_day == gaming_day)
                .map(|(id, s)| (*id, s.cash))
                .collect();
            with_shifts += usize::from(shifts.len() > 1);
            // The first table with two shifts that day, and every third after it.
            if shifts.len() > 1 && with_shifts % 3 == 1 {
                for (end, cash) in shifts {
                    self.enter_drop(NewDrop {
                        table_id,
                        gaming_day,
                        cash_cents: Cents(cash),
                        markers_cents: Cents(0),
                        shift_end_id: Some(end),
                    })
                    .await?;
                    self.truth.shift_drops.insert(end);
                    self.counts.shift_drops += 1;
                }
            } else {
                self.enter_drop(NewDrop {
                    table_id,
                    gaming_day,
                    cash_cents: Cents(cash),
                    markers_cents: Cents(0),
                    shift_end_id: None,
                })
                .await?;
            }
        }
        Ok(())
    }

    /// One drop entry; one in twenty is keyed wrong first (ten dollars over), reversed and entered again.
    async fn enter_drop(&mut self, new: NewDrop) -> Result<(), Error> {
        let cashier = self.floor.cashier;
        if self.rng.gen_bool(0.05) {
            let wrong = NewDrop { cash_cents: Cents(new.cash_cents.0 + 10_000), ..new };
            let entry = self
                .tx("enter drop", cashier, async |conn| accounting::record_drop(conn, &cashier, &wrong).await)
                .await?;
            self.tx("reverse drop", cashier, async |conn| {
                accounting::reverse_drop(conn, &cashier, entry.id, "Keyed the wrong amount").await
            })
            .await?;
            self.truth.audit("table_drop.recorded", 1);
            self.truth.audit("table_drop.reversed", 1);
            self.counts.drop_reversals += 1;
        }
        self.tx("enter drop", cashier, async |conn| accounting::record_drop(conn, &cashier, &new).await).await?;
        self.truth.audit("table_drop.recorded", 1);
        self.counts.drops += 1;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trays_are_counted_in_the_largest_chips_first() {
        assert_eq!(chips_of(1_234_500), Chips::from([(500_000, 2), (100_000, 2), (10_000, 3), (2_500, 1), (500, 4)]));
        assert_eq!(chips_of(0), Chips::new());
        assert_eq!(accounting::rules::total(&chips_of(987_600)), Cents(987_600));
    }
}

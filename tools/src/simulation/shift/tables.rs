//! The shift's tables: opening with a dealer, dealer rotations, closing with players still seated.

use rand::Rng;

use super::{Event, MINUTE, Sim};
use crate::simulation::Error;
use pitboss::floor;
use pitboss::table_accounting::CountKind;

impl Sim<'_> {
    pub(super) async fn open_table(&mut self, table: usize) -> Result<(), Error> {
        if self.floor.tables[table].open {
            return Ok(());
        }
        self.count_tray(table, CountKind::Opening).await?;
        let id = self.floor.tables[table].id;
        let boss = self.boss_of(table);
        self.tx("open table", boss, async |conn| floor::open_table(conn, &boss, id).await).await?;
        self.truth.audit("gaming_table.opened", 1);
        self.counts.tables_opened += 1;
        self.floor.tables[table].open = true;
        if !self.free_dealers.is_empty() {
            self.rotate(table).await?;
        }
        Ok(())
    }

    /// Puts a dealer from the break room on the table; the one there goes on a break.
    pub(super) async fn rotate(&mut self, table: usize) -> Result<(), Error> {
        if !self.free_dealers.is_empty() {
            let pick = self.rng.gen_range(0..self.free_dealers.len());
            let dealer = self.free_dealers.swap_remove(pick);
            let (id, dealer_id, boss) = (self.floor.tables[table].id, self.floor.dealers[dealer], self.boss_of(table));
            self.tx("assign dealer", boss, async |conn| {
                pitboss::table_context::assign_dealer(conn, &boss, id, dealer_id).await
            })
            .await?;
            if let Some(previous) = self.floor.tables[table].dealer.replace(dealer) {
                self.free_dealers.push(previous);
                self.truth.audit("dealer_rotation.ended", 1);
            }
            self.truth.audit("dealer_rotation.started", 1);
            self.counts.dealer_rotations += 1;
        }
        let after = self.rng.gen_range(20 * MINUTE..=40 * MINUTE);
        self.schedule(after, Event::RotateDealer(table, self.floor.tables[table].epoch));
        Ok(())
    }

    /// Closes an open table; the players rated there lose their slips and seats but stay checked in.
    pub(super) async fn close_table(&mut self, table: usize, reason: Option<&'static str>) -> Result<(), Error> {
        let seated: Vec<usize> = self.floor.tables[table].seats.iter().flatten().copied().collect();
        let (id, boss) = (self.floor.tables[table].id, self.boss_of(table));
        let rated = seated.iter().any(|&player| self.floor.players[player].slip.is_some());
        let reason = if rated { reason } else { None };
        self.cancel_pending(table).await?;
        self.count_tray(table, CountKind::Closing).await?;
        self.tx("close table", boss, async |conn| floor::close_table(conn, &boss, id, reason).await).await?;
        for &player in &seated {
            self.settle_slip(player);
            self.truth.audit("visit.unseated", 1);
            self.floor.players[player].seat = None;
            self.floor.players[player].seat_tries = 4;
            let after = self.rng.gen_range(2 * MINUTE..=10 * MINUTE);
            self.reschedule(player, after, Event::Seat);
        }
        let closed = &mut self.floor.tables[table];
        closed.open = false;
        closed.epoch += 1;
        closed.seats.iter_mut().for_each(|seat| *seat = None);
        if let Some(dealer) = closed.dealer.take() {
            self.free_dealers.push(dealer);
            self.truth.audit("dealer_rotation.ended", 1);
        }
        self.truth.audit("gaming_table.closed", 1);
        self.counts.tables_closed += 1;
        self.counts.forced_closes += u64::from(rated);
        Ok(())
    }
}

//! The shift itself: a queue of timed events, each one operator action in one transaction at its
//! simulated instant, and the ground truth kept beside it.

use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::fmt::Display;
use std::time::Instant;

use chrono::{DateTime, Duration, TimeZone, Utc};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use sqlx::{PgConnection, PgPool};
use uuid::Uuid;

use super::model::{Counts, Floor, SlipTruth, Truth};
use super::{Config, Error, Shift};
use pitboss::actor::Actor;
use pitboss::db::{self, Scope};
use pitboss::exclusion::ExclusionKind;

mod accounting;
mod cash;
mod comps;
mod players;
mod rollover;
mod tables;

pub(super) use accounting::OPENING_TRAY;

const MINUTE: i64 = 60;

/// Things that happen on the floor; the `u32` is the table's or player's epoch when it was scheduled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Event {
    EndShift,
    /// The gaming day ends: what the server's rollover task does at that instant.
    Rollover,
    /// A minute before the day ends, and at the second day's shift change, the open tables' trays are counted.
    ShiftChangeCount,
    /// The cage answers a fill or credit request of the table.
    CageAnswers(usize, pitboss::table_accounting::CageRequestId),
    OpenTable(usize),
    RotateDealer(usize, u32),
    CloseTable(usize, u32),
    Arrive(usize),
    Seat(usize, u32),
    Act(usize, u32),
    Flag(usize, ExclusionKind),
}

struct Sim<'a> {
    pool: &'a PgPool,
    floor: Floor,
    rng: StdRng,
    start: DateTime<Utc>,
    now: i64,
    end: i64,
    queue: BinaryHeap<Reverse<(i64, u64, Event)>>,
    seq: u64,
    free_dealers: Vec<usize>,
    truth: Truth,
    counts: Counts,
    /// The simulated second and how many accounting actions it has had (see [`Sim::tx_ordered`]).
    tick: (i64, i64),
}

/// Runs the shift on `floor` and returns what it did and what must now hold.
pub(super) async fn play(pool: &PgPool, config: Config, floor: Floor) -> Result<Shift, Error> {
    // The shift straddles the 06:00 gaming-day start on a fixed date, so totals must restart mid-shift.
    let day_start = Utc.with_ymd_and_hms(2026, 11, 27, 14, 0, 0).single().unwrap_or_else(Utc::now);
    let end = i64::from(config.hours) * 3_600;
    let start = day_start - Duration::seconds(end / 2);
    let mut sim = Sim {
        pool,
        free_dealers: (0..floor.dealers.len()).rev().collect(),
        floor,
        rng: StdRng::seed_from_u64(config.seed),
        start,
        now: 0,
        end,
        queue: BinaryHeap::new(),
        seq: 0,
        truth: Truth::default(),
        counts: Counts::default(),
        tick: (0, 0),
    };
    // What set-up wrote: the casino, its staff, its players, the finance flag.
    sim.truth.audit("casino.created", 1);
    sim.truth.audit("staff.created", 2 + (sim.floor.pit_bosses.len() + sim.floor.dealers.len()) as u64);
    sim.truth.audit("player.enrolled", sim.floor.players.len() as u64);
    sim.truth.audit("feature_flag.updated", 1);
    sim.truth.audit("gaming_table.created", sim.floor.tables.len() as u64);
    let wall = Instant::now();
    sim.plan();
    while let Some(Reverse((at, _, event))) = sim.queue.pop() {
        sim.now = at;
        if event == Event::EndShift {
            sim.end_shift().await?;
            break;
        }
        sim.handle(event).await?;
    }
    sim.counts.mtl_rows = sim.truth.mtl.len() as u64;
    sim.counts.alerts = sim.truth.alerts.len() as u64;
    sim.counts.ctr_alerts = sim.truth.alerts.keys().filter(|key| key.3 == pitboss::mtl::Proximity::Ctr).count() as u64;
    sim.counts.audit_rows = sim.truth.audit.values().sum();
    Ok(Shift {
        casino_id: sim.floor.casino_id,
        casino_name: sim.floor.casino_name.clone(),
        config,
        span: (start, start + Duration::seconds(end)),
        counts: sim.counts,
        wall: wall.elapsed(),
        admin: sim.floor.admin,
        truth: sim.truth,
    })
}

impl Sim<'_> {
    /// The shift's opening plan: most tables open in the first half hour, the rest later; a few close
    /// mid-shift, usually with players still rated; players arrive until 45 minutes before the end.
    fn plan(&mut self) {
        self.schedule_at(self.end, Event::EndShift);
        // Scheduled before anything else, so it runs first at its instant, as the server's task would
        // (operators' changes to the ended day wait for it).
        self.schedule_at(self.end / 2, Event::Rollover);
        self.schedule_at(self.end / 2 - MINUTE, Event::ShiftChangeCount);
        self.schedule_at(self.end * 3 / 4, Event::ShiftChangeCount);
        for table in 0..self.floor.tables.len() {
            let opens = if self.rng.gen_bool(0.85) {
                self.rng.gen_range(0..=30 * MINUTE)
            } else {
                self.rng.gen_range(30 * MINUTE..=(self.end / 2).max(30 * MINUTE))
            };
            self.schedule_at(opens, Event::OpenTable(table));
            // The first table always closes mid-shift, so every shift has a forced close.
            if table == 0 || self.rng.gen_bool(0.10) {
                let closes = self.rng.gen_range(self.end / 4..=self.end * 3 / 4);
                self.schedule_at(closes, Event::CloseTable(table, 0));
            }
        }
        // Compliance bars one player in forty before the doors open (they are turned away when they come)
        // and puts another on watch mid-shift (a badge only: they play on).
        for player in 0..self.floor.players.len() {
            match player % 40 {
                1 => self.schedule_at(0, Event::Flag(player, ExclusionKind::Barred)),
                2 => {
                    let at = self.rng.gen_range(0..=self.end / 2);
                    self.schedule_at(at, Event::Flag(player, ExclusionKind::Watch));
                }
                _ => {}
            }
        }
        let last_arrival = (self.end - 45 * MINUTE).max(self.end / 2);
        for player in 0..self.floor.players.len() {
            let arrives = self.rng.gen_range(0..=last_arrival);
            self.schedule_at(arrives, Event::Arrive(player));
        }
    }

    async fn handle(&mut self, event: Event) -> Result<(), Error> {
        match event {
            Event::OpenTable(table) => self.open_table(table).await,
            Event::RotateDealer(table, epoch) if self.table_current(table, epoch) => self.rotate(table).await,
            Event::CloseTable(table, epoch) if self.table_current(table, epoch) => {
                self.close_table(table, Some("Closed for the shift plan")).await?;
                if self.rng.gen_bool(0.3) {
                    let after = self.rng.gen_range(30 * MINUTE..=90 * MINUTE);
                    self.schedule(after, Event::OpenTable(table));
                }
                Ok(())
            }
            Event::Arrive(player) => self.arrive(player).await,
            Event::Seat(player, epoch) if self.player_current(player, epoch) => self.seat(player).await,
            Event::Act(player, epoch) if self.player_current(player, epoch) => self.act(player).await,
            Event::Flag(player, kind) => self.flag(player, kind).await,
            Event::Rollover => self.roll_over().await,
            Event::ShiftChangeCount => self.shift_change_counts().await,
            Event::CageAnswers(table, request) => self.cage_resolves(table, request, false).await,
            _ => Ok(()),
        }
    }

    async fn end_shift(&mut self) -> Result<(), Error> {
        for player in 0..self.floor.players.len() {
            if self.floor.players[player].visit.is_some() {
                self.leave(player, false).await?;
            }
        }
        for table in 0..self.floor.tables.len() {
            if self.floor.tables[table].open {
                self.close_table(table, None).await?;
            }
        }
        self.enter_drops().await
    }

    // ---- bookkeeping --------------------------------------------------------------------------------------

    /// Runs one operator action in one transaction at the current simulated instant.
    async fn tx<T, E: Display + From<sqlx::Error>>(
        &mut self,
        operation: &'static str,
        actor: Actor,
        work: impl AsyncFnOnce(&mut PgConnection) -> Result<T, E>,
    ) -> Result<T, Error> {
        self.tx_at(operation, actor, self.at(), work).await
    }

    /// As [`Sim::tx`], a microsecond after the previous accounting action of this simulated second. Every
    /// action of a second otherwise shares one instant, and a fill confirmed in the same second as a count
    /// would tie with it; on a real floor they are apart, and the order they happened in decides the period
    /// the fill counts in. Returns the instant used.
    async fn tx_ordered<T, E: Display + From<sqlx::Error>>(
        &mut self,
        operation: &'static str,
        actor: Actor,
        work: impl AsyncFnOnce(&mut PgConnection) -> Result<T, E>,
    ) -> Result<(T, DateTime<Utc>), Error> {
        if self.tick.0 != self.now {
            self.tick = (self.now, 0);
        }
        self.tick.1 += 1;
        let at = self.at() + Duration::microseconds(self.tick.1);
        Ok((self.tx_at(operation, actor, at, work).await?, at))
    }

    async fn tx_at<T, E: Display + From<sqlx::Error>>(
        &mut self,
        operation: &'static str,
        actor: Actor,
        at: DateTime<Utc>,
        work: impl AsyncFnOnce(&mut PgConnection) -> Result<T, E>,
    ) -> Result<T, Error> {
        let scope = Scope { actor, request_id: Uuid::new_v4() };
        let out = db::scoped_at(self.pool, &scope, at, work).await.map_err(|e| self.refusal(operation, e))?;
        self.counts.transactions += 1;
        Ok(out)
    }

    fn refusal(&self, operation: &'static str, error: impl Display) -> Error {
        Error::Refused { operation, at: self.at(), reason: error.to_string() }
    }

    fn at(&self) -> DateTime<Utc> {
        self.start + Duration::seconds(self.now)
    }

    fn schedule(&mut self, after: i64, event: Event) {
        self.schedule_at(self.now + after, event);
    }

    fn schedule_at(&mut self, at: i64, event: Event) {
        self.seq += 1;
        self.queue.push(Reverse((at, self.seq, event)));
    }

    /// Schedules the player's next step, dropping any step scheduled before.
    fn reschedule(&mut self, player: usize, after: i64, event: fn(usize, u32) -> Event) {
        let state = &mut self.floor.players[player];
        state.epoch += 1;
        let epoch = state.epoch;
        self.schedule(after, event(player, epoch));
    }

    fn table_current(&self, table: usize, epoch: u32) -> bool {
        let table = &self.floor.tables[table];
        table.open && table.epoch == epoch
    }

    fn player_current(&self, player: usize, epoch: u32) -> bool {
        let player = &self.floor.players[player];
        player.visit.is_some() && player.epoch == epoch
    }

    fn boss_of(&self, table: usize) -> Actor {
        self.floor.pit_bosses[self.floor.tables[table].pit]
    }

    fn any_boss(&mut self) -> Actor {
        self.floor.pit_bosses[self.rng.gen_range(0..self.floor.pit_bosses.len())]
    }

    /// The player's running slip and the table it is at.
    fn rated(&self, player: usize) -> Option<(pitboss::rating_slip::SlipId, usize)> {
        let state = &self.floor.players[player];
        Some((state.slip.as_ref()?.id, state.seat?.0))
    }

    /// A random free seat at a random open table other than `except`.
    fn free_seat(&mut self, except: Option<usize>) -> Option<(usize, i16)> {
        let open: Vec<usize> = (0..self.floor.tables.len())
            .filter(|&t| Some(t) != except && self.floor.tables[t].open)
            .filter(|&t| self.floor.tables[t].seats.iter().any(Option::is_none))
            .collect();
        let table = *open.get(self.rng.gen_range(0..open.len().max(1)))?;
        let free: Vec<usize> = (0..self.floor.tables[table].seats.len())
            .filter(|&s| self.floor.tables[table].seats[s].is_none())
            .collect();
        let seat = free[self.rng.gen_range(0..free.len())];
        Some((table, i16::try_from(seat + 1).unwrap_or(1)))
    }

    /// An average bet for the player at the table: a few units for most, ten times that for high rollers.
    fn bet_for(&mut self, player: usize, table: usize) -> i64 {
        let units =
            if self.floor.players[player].high_roller { self.rng.gen_range(5..=20) } else { self.rng.gen_range(1..=4) };
        let table = &self.floor.tables[table];
        (table.min_bet * units).min(table.max_bet)
    }

    fn sat_down(&mut self, player: usize, table: usize, seat: i16, slip: pitboss::rating_slip::SlipId) {
        self.took_seat(player, table, seat);
        self.started_slip(player, slip);
    }

    fn took_seat(&mut self, player: usize, table: usize, seat: i16) {
        if let Ok(index) = usize::try_from(seat - 1) {
            self.floor.tables[table].seats[index] = Some(player);
        }
        self.floor.players[player].seat = Some((table, seat));
    }

    fn started_slip(&mut self, player: usize, slip: pitboss::rating_slip::SlipId) {
        let started =
            SlipTruth { id: slip, started: self.now, paused_since: None, paused_total: 0, last_change: self.now };
        self.truth.slip_days.insert(slip, super::model::gaming_day(self.at()));
        self.floor.players[player].slip = Some(started);
        self.truth.audit("rating_slip.started", 1);
        self.counts.slips += 1;
    }

    /// The player's slip has just closed: record its rated seconds and the rows a close writes, and free
    /// the seat.
    fn settle_slip(&mut self, player: usize) {
        let state = &mut self.floor.players[player];
        if let Some(slip) = state.slip.take() {
            self.truth.slip_seconds.insert(slip.id, slip.seconds_at(self.now));
            self.truth.audit("rating_slip.closed", 1);
            self.truth.audit("loyalty_ledger.accrued", 1);
        }
        if let Some((table, seat)) = state.seat.take()
            && let Ok(index) = usize::try_from(seat - 1)
        {
            self.floor.tables[table].seats[index] = None;
        }
    }
}

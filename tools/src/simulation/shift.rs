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
use pitboss::exclusion::{ExclusionInput, ExclusionKind};
use pitboss::finance::{Direction, Source};
use pitboss::floor::{self, PlayerChoice};
use pitboss::visit::Seat;
use pitboss::{DomainError, ErrorCode};

use pitboss::money::Cents;
use pitboss::rating_slip;
use pitboss::visit;

mod cash;

const MINUTE: i64 = 60;

/// Things that happen on the floor; the `u32` is the table's or player's epoch when it was scheduled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Event {
    EndShift,
    /// The gaming day ends: what the server's rollover task does at that instant.
    Rollover,
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
        Ok(())
    }

    // ---- tables -------------------------------------------------------------------------------------------

    async fn open_table(&mut self, table: usize) -> Result<(), Error> {
        if self.floor.tables[table].open {
            return Ok(());
        }
        let id = self.floor.tables[table].id;
        let boss = self.boss_of(table);
        self.tx("open table", boss, async |conn| pitboss::table_context::open_table(conn, &boss, id).await).await?;
        self.truth.audit("gaming_table.opened", 1);
        self.counts.tables_opened += 1;
        self.floor.tables[table].open = true;
        if !self.free_dealers.is_empty() {
            self.rotate(table).await?;
        }
        Ok(())
    }

    /// Puts a dealer from the break room on the table; the one there goes on a break.
    async fn rotate(&mut self, table: usize) -> Result<(), Error> {
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
    async fn close_table(&mut self, table: usize, reason: Option<&'static str>) -> Result<(), Error> {
        let seated: Vec<usize> = self.floor.tables[table].seats.iter().flatten().copied().collect();
        let (id, boss) = (self.floor.tables[table].id, self.boss_of(table));
        let rated = seated.iter().any(|&player| self.floor.players[player].slip.is_some());
        let reason = if rated { reason } else { None };
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

    /// The gaming day has ended: every visit still open is split at this instant and continued, slips
    /// included (paused ones stay paused), as `floor::roll_over` does for the server.
    async fn roll_over(&mut self) -> Result<(), Error> {
        let rolled = floor::roll_over(self.pool, self.floor.casino_id, self.at())
            .await
            .map_err(|e| self.refusal("roll over", e))?;
        for rollover in rolled {
            if rollover.at != self.at() {
                return Err(self.refusal("roll over", format!("split at {}, not at the day's start", rollover.at)));
            }
            self.truth.audit("staff.created", u64::from(rollover.created_system_staff));
            for visit in rollover.visits {
                let Some(player) = self.floor.players.iter().position(|p| p.id == visit.player_id) else {
                    return Err(self.refusal("roll over", format!("rolled over unknown player {}", visit.player_id)));
                };
                if self.floor.players[player].visit != Some(visit.from) || visit.refused.is_some() {
                    return Err(
                        self.refusal("roll over", format!("visit {} of player {player}: {visit:?}", visit.from))
                    );
                }
                self.roll_visit(player, &visit)?;
            }
        }
        Ok(())
    }

    fn roll_visit(&mut self, player: usize, visit: &floor::RolledVisit) -> Result<(), Error> {
        self.truth.audit("visit.rolled_over", 1);
        self.truth.audit("visit.checked_in", 1);
        self.truth.audit("visit.seated", u64::from(visit.seat.is_some()));
        self.counts.rolled_visits += 1;
        let now = self.now;
        let state = &mut self.floor.players[player];
        state.visit = visit.to;
        let running = state.slip.take();
        match (running, visit.slips.as_slice()) {
            (None, []) => Ok(()),
            (Some(slip), [rolled]) if rolled.from == slip.id && rolled.paused == slip.paused_since.is_some() => {
                let Some(next) = rolled.to else {
                    return Err(self.refusal("roll over", format!("slip {} not continued", slip.id)));
                };
                self.truth.slip_seconds.insert(slip.id, slip.seconds_at(now));
                self.truth.audit("rating_slip.closed", 1);
                self.truth.audit("loyalty_ledger.accrued", 1);
                self.truth.audit("rating_slip.paused", u64::from(rolled.paused));
                self.started_slip(player, next);
                self.counts.rolled_slips += 1;
                if let Some(continued) = self.floor.players[player].slip.as_mut() {
                    continued.paused_since = rolled.paused.then_some(now);
                }
                Ok(())
            }
            (running, rolled) => Err(self.refusal(
                "roll over",
                format!("player {player}: slip {:?} rolled as {rolled:?}", running.map(|s| s.id)),
            )),
        }
    }

    // ---- players ------------------------------------------------------------------------------------------

    /// Compliance flags the player; barred and self-excluded ones are turned away from then on.
    async fn flag(&mut self, player: usize, kind: ExclusionKind) -> Result<(), Error> {
        let (player_id, admin) = (self.floor.players[player].id, self.floor.admin);
        let input = ExclusionInput { player_id, kind, reason: "Flagged by the shift simulator".into(), until: None };
        self.tx("set flag", admin, async |conn| pitboss::exclusion::exclude(conn, &admin, &input).await).await?;
        self.truth.audit("player_exclusion.set", 1);
        self.counts.exclusions += 1;
        self.floor.players[player].excluded |= kind.blocks_play();
        Ok(())
    }

    async fn arrive(&mut self, player: usize) -> Result<(), Error> {
        let (player_id, boss) = (self.floor.players[player].id, self.any_boss());
        if self.floor.players[player].excluded {
            // The check-in must be refused, and write nothing.
            let scope = Scope { actor: boss, request_id: Uuid::new_v4() };
            let tried =
                db::scoped_at(self.pool, &scope, self.at(), async |conn| visit::check_in(conn, &boss, player_id).await)
                    .await;
            return match tried {
                Err(refused) if refused.code() == ErrorCode::PlayerExcluded => {
                    self.counts.turned_away += 1;
                    Ok(())
                }
                Err(other) => Err(self.refusal("check in", other)),
                Ok(_) => Err(self.refusal("check in", "a barred player was checked in")),
            };
        }
        let visit = self.tx("check in", boss, async |conn| visit::check_in(conn, &boss, player_id).await).await?;
        self.truth.audit("visit.checked_in", 1);
        self.counts.check_ins += 1;
        let stay = self.rng.gen_range(30 * MINUTE..=300 * MINUTE);
        let state = &mut self.floor.players[player];
        state.visit = Some(visit.id);
        state.leaves_at = self.now + stay;
        state.seat_tries = 4;
        let after = self.rng.gen_range(MINUTE..=5 * MINUTE);
        self.reschedule(player, after, Event::Seat);
        Ok(())
    }

    /// Seats a checked-in player at a random free seat of an open table and starts their slip.
    async fn seat(&mut self, player: usize) -> Result<(), Error> {
        let Some((table, seat)) = self.free_seat(None) else {
            self.counts.floor_full += 1;
            let state = &mut self.floor.players[player];
            state.seat_tries = state.seat_tries.saturating_sub(1);
            if state.seat_tries == 0 {
                return self.leave(player, true).await;
            }
            let after = self.rng.gen_range(5 * MINUTE..=15 * MINUTE);
            self.reschedule(player, after, Event::Seat);
            return Ok(());
        };
        let (table_id, player_id, boss) =
            (self.floor.tables[table].id, self.floor.players[player].id, self.boss_of(table));
        if self.rng.gen_bool(0.1) {
            // Sits down to watch first: seated, not rated.
            let Some(visit_id) = self.floor.players[player].visit else { return Ok(()) };
            let to = Seat { table_id, number: seat };
            self.tx("seat unrated", boss, async |conn| visit::seat(conn, &boss, visit_id, to).await).await?;
            self.truth.audit("visit.seated", 1);
            self.took_seat(player, table, seat);
            self.counts.unrated_seats += 1;
            let after = self.rng.gen_range(3 * MINUTE..=20 * MINUTE);
            self.reschedule(player, after, Event::Act);
            return Ok(());
        }
        let bet = self.bet_for(player, table);
        let slip = self
            .tx("seat and start", boss, async |conn| {
                floor::seat_and_start(conn, &boss, table_id, seat, &PlayerChoice::Existing(player_id), Cents(bet)).await
            })
            .await?;
        self.truth.audit("visit.seated", 1);
        self.sat_down(player, table, seat, slip.id);
        if self.rng.gen_bool(0.6) {
            self.buy_in(player).await?;
        }
        let after = self.rng.gen_range(3 * MINUTE..=20 * MINUTE);
        self.reschedule(player, after, Event::Act);
        Ok(())
    }

    /// What a rated player does next: leave when their time is up, come back from a break, or one of
    /// pause, bet change, reward, buy-in, table change, or nothing.
    async fn act(&mut self, player: usize) -> Result<(), Error> {
        if self.now >= self.floor.players[player].leaves_at {
            return self.leave(player, true).await;
        }
        if let (Some((table, _)), None) = (self.floor.players[player].seat, self.floor.players[player].slip.as_ref()) {
            // Seated unrated: most start playing.
            if self.rng.gen_bool(0.6) {
                self.start_rating(player, table).await?;
            }
            let next = self.rng.gen_range(5 * MINUTE..=25 * MINUTE);
            self.reschedule(player, next, Event::Act);
            return Ok(());
        }
        let paused = self.floor.players[player].slip.as_ref().and_then(|s| s.paused_since).is_some();
        let roll = self.rng.gen_range(0..100);
        let mut next = self.rng.gen_range(5 * MINUTE..=25 * MINUTE);
        match roll {
            _ if paused => self.slip_command(player, Command::Resume).await?,
            0..8 => {
                self.slip_command(player, Command::Pause).await?;
                next = self.rng.gen_range(3 * MINUTE..=15 * MINUTE);
            }
            8..28 => self.slip_command(player, Command::Bet).await?,
            28..40 => self.reward(player).await?,
            40..52 => self.buy_in(player).await?,
            52..58 => self.change_table(player).await?,
            _ => {}
        }
        self.reschedule(player, next, Event::Act);
        Ok(())
    }

    async fn slip_command(&mut self, player: usize, command: Command) -> Result<(), Error> {
        let Some((slip_id, table)) = self.rated(player) else { return Ok(()) };
        let boss = self.boss_of(table);
        let bet = Cents(self.bet_for(player, table));
        let action = match command {
            Command::Pause => "rating_slip.paused",
            Command::Resume => "rating_slip.resumed",
            Command::Bet => "rating_slip.average_bet_updated",
        };
        self.tx(action, boss, async |conn| match command {
            Command::Pause => rating_slip::pause(conn, &boss, slip_id).await,
            Command::Resume => rating_slip::resume(conn, &boss, slip_id).await,
            Command::Bet => rating_slip::update_average_bet(conn, &boss, slip_id, bet).await,
        })
        .await?;
        self.truth.audit(action, 1);
        let (now, slip) = (self.now, self.floor.players[player].slip.as_mut());
        match (command, slip) {
            (Command::Pause, Some(slip)) => {
                slip.paused_since = Some(now);
                self.counts.pauses += 1;
            }
            (Command::Resume, Some(slip)) => {
                slip.paused_total += slip.paused_since.take().map_or(0, |since| now - since);
                self.counts.resumes += 1;
            }
            _ => self.counts.bet_changes += 1,
        }
        Ok(())
    }

    /// A seated, unrated player starts being rated at their seat.
    async fn start_rating(&mut self, player: usize, table: usize) -> Result<(), Error> {
        let Some(visit_id) = self.floor.players[player].visit else { return Ok(()) };
        let bet = self.bet_for(player, table);
        let (table_id, boss) = (self.floor.tables[table].id, self.boss_of(table));
        let slip = self
            .tx("start rating", boss, async |conn| {
                rating_slip::start(conn, &boss, visit_id, table_id, Cents(bet)).await
            })
            .await?;
        self.started_slip(player, slip.id);
        Ok(())
    }

    /// Moves the player to another table: their slip closes and continues there, in one transaction.
    async fn change_table(&mut self, player: usize) -> Result<(), Error> {
        let Some((slip_id, from)) = self.rated(player) else { return Ok(()) };
        let Some((table, seat)) = self.free_seat(Some(from)) else { return Ok(()) };
        let bet = self.bet_for(player, table);
        let (table_id, boss) = (self.floor.tables[table].id, self.boss_of(table));
        let to = Seat { table_id, number: seat };
        let slip = self
            .tx("move player", boss, async |conn| floor::move_player(conn, &boss, slip_id, to, Some(Cents(bet))).await)
            .await?;
        self.settle_slip(player);
        self.truth.audit("visit.seated", 1);
        self.sat_down(player, table, seat, slip.id);
        self.counts.moves += 1;
        Ok(())
    }

    /// Ends the visit (closing any slip), often cashing out at the cage first; some come back later.
    async fn leave(&mut self, player: usize, may_return: bool) -> Result<(), Error> {
        let Some(visit_id) = self.floor.players[player].visit else { return Ok(()) };
        if self.rng.gen_bool(0.5) {
            let amount = if self.floor.players[player].high_roller {
                self.rng.gen_range(20..=80) * 10_000
            } else {
                self.rng.gen_range(10..=200) * 500
            };
            let cashier = self.floor.cashier;
            self.record(player, cashier, Direction::Out, Source::Cage, amount).await?;
        }
        let boss = match self.rated(player) {
            Some((_, table)) => self.boss_of(table),
            None => self.any_boss(),
        };
        self.tx("check out", boss, async |conn| floor::check_out(conn, &boss, visit_id).await).await?;
        self.settle_slip(player);
        self.truth.audit("visit.checked_out", 1);
        self.counts.check_outs += 1;
        let state = &mut self.floor.players[player];
        state.visit = None;
        state.seat = None;
        state.epoch += 1;
        let comes_back = may_return && !state.second_visit && self.now + 90 * MINUTE < self.end - 30 * MINUTE;
        if comes_back && self.rng.gen_bool(0.15) {
            self.floor.players[player].second_visit = true;
            let after = self.rng.gen_range(30 * MINUTE..=90 * MINUTE);
            self.schedule(after, Event::Arrive(player));
        }
        Ok(())
    }

    // ---- bookkeeping --------------------------------------------------------------------------------------

    /// Runs one operator action in one transaction at the current simulated instant.
    async fn tx<T, E: Display + From<sqlx::Error>>(
        &mut self,
        operation: &'static str,
        actor: Actor,
        work: impl AsyncFnOnce(&mut PgConnection) -> Result<T, E>,
    ) -> Result<T, Error> {
        let scope = Scope { actor, request_id: Uuid::new_v4() };
        let out = db::scoped_at(self.pool, &scope, self.at(), work).await.map_err(|e| self.refusal(operation, e))?;
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
        let started = SlipTruth { id: slip, started: self.now, paused_since: None, paused_total: 0 };
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

#[derive(Debug, Clone, Copy)]
enum Command {
    Pause,
    Resume,
    Bet,
}

//! The shift's players: arrival and check-in, seating, play at the table, moves, leaving, and compliance flags.

use chrono::Duration;
use rand::Rng;
use uuid::Uuid;

use super::{Event, MINUTE, Sim};
use crate::simulation::Error;
use pitboss::db::{self, Scope};
use pitboss::exclusion::{ExclusionInput, ExclusionKind};
use pitboss::finance::{Direction, Source};
use pitboss::floor::{self, PlayerChoice};
use pitboss::money::Cents;
use pitboss::rating_slip::late::{self, Tapped};
use pitboss::visit::{self, Seat};
use pitboss::{DomainError, ErrorCode, rating_slip};

impl Sim<'_> {
    /// Compliance flags the player; barred and self-excluded ones are turned away from then on.
    pub(super) async fn flag(&mut self, player: usize, kind: ExclusionKind) -> Result<(), Error> {
        let (player_id, admin) = (self.floor.players[player].id, self.floor.admin);
        let input = ExclusionInput { player_id, kind, reason: "Flagged by the shift simulator".into(), until: None };
        self.tx("set flag", admin, async |conn| pitboss::exclusion::exclude(conn, &admin, &input).await).await?;
        self.truth.audit("player_exclusion.set", 1);
        self.counts.exclusions += 1;
        self.floor.players[player].excluded |= kind.blocks_play();
        Ok(())
    }

    pub(super) async fn arrive(&mut self, player: usize) -> Result<(), Error> {
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
    pub(super) async fn seat(&mut self, player: usize) -> Result<(), Error> {
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
    /// pause, bet change, reward, buy-in, table change, comp, or nothing.
    pub(super) async fn act(&mut self, player: usize) -> Result<(), Error> {
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
        self.play_results(player).await?;
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
            58..62 => self.comp(player).await?,
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
        // One pause or resume in six was tapped on a tablet out of Wi-Fi and arrives up to ten minutes later: it
        // must take effect at the tap, which cannot precede the slip's last change.
        let since_change = self.floor.players[player].slip.as_ref().map_or(0, |s| self.now - s.last_change);
        let late = if !matches!(command, Command::Bet) && since_change > 1 && self.rng.gen_bool(1.0 / 6.0) {
            self.rng.gen_range(1..=since_change.min(10 * MINUTE))
        } else {
            0
        };
        let tapped = (late > 0).then(|| self.at() - Duration::seconds(late));
        self.tx(action, boss, async |conn| {
            late::act_at(conn, &boss, tapped, Tapped::Slip(slip_id)).await?;
            match command {
                Command::Pause => rating_slip::pause(conn, &boss, slip_id).await,
                Command::Resume => rating_slip::resume(conn, &boss, slip_id).await,
                Command::Bet => rating_slip::update_average_bet(conn, &boss, slip_id, bet).await,
            }
        })
        .await?;
        self.truth.audit(action, 1);
        self.counts.late_taps += u64::from(late > 0);
        let at = self.now - late;
        if let Some(slip) = self.floor.players[player].slip.as_mut() {
            slip.last_change = at;
            match command {
                Command::Pause => slip.paused_since = Some(at),
                Command::Resume => slip.paused_total += slip.paused_since.take().map_or(0, |since| at - since),
                Command::Bet => {}
            }
        }
        match command {
            Command::Pause => self.counts.pauses += 1,
            Command::Resume => self.counts.resumes += 1,
            Command::Bet => self.counts.bet_changes += 1,
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
    pub(super) async fn leave(&mut self, player: usize, may_return: bool) -> Result<(), Error> {
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
}

#[derive(Debug, Clone, Copy)]
enum Command {
    Pause,
    Resume,
    Bet,
}

//! The gaming-day start inside the shift: every visit still open is split at that instant and continued.

use super::Sim;
use crate::simulation::Error;
use pitboss::floor;

impl Sim<'_> {
    /// The gaming day has ended: every visit still open is split at this instant and continued, slips
    /// included (paused ones stay paused), as `floor::roll_over` does for the server.
    pub(super) async fn roll_over(&mut self) -> Result<(), Error> {
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
}

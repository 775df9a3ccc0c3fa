//! The shift's comps: a pit boss writes one against a rated player's points; within their authority it is
//! written at once, beyond it the admin approves it (or, one time in five, denies it).

use rand::Rng;
use uuid::Uuid;

use super::Sim;
use crate::simulation::Error;
use pitboss::loyalty::{
    self, request::Decision, request::LoyaltyRequestId, request::Redemption, request::RequestStatus,
};

/// The most points a simulated comp asks for: above a pit boss's 500, so some wait for approval.
const MOST_COMP: i64 = 900;

impl Sim<'_> {
    /// A comp of 50 to 900 points, never more than the player has.
    pub(super) async fn comp(&mut self, player: usize) -> Result<(), Error> {
        let Some((_, table)) = self.rated(player) else { return Ok(()) };
        let boss = self.boss_of(table);
        let player_id = self.floor.players[player].id;
        let ledger = self.tx("read balance", boss, async |conn| loyalty::player_ledger(conn, &boss, player_id).await);
        let balance = ledger.await?.balance;
        if balance < 50 {
            return Ok(());
        }
        let points = i32::try_from(self.rng.gen_range(50..=balance.min(MOST_COMP))).unwrap_or(50);
        let input = Redemption {
            player_id,
            item_id: None,
            points: Some(points),
            value: None,
            quantity: 1,
            note: "Dinner".into(),
        };
        let id = LoyaltyRequestId(Uuid::new_v4());
        let comp = self.tx("write comp", boss, async |conn| loyalty::redeem(conn, &boss, id, &input).await).await?;
        self.counts.comps += 1;
        if comp.status == RequestStatus::Approved {
            self.truth.audit("loyalty_ledger.redeemed", 1);
            self.truth.comps_redeemed += 1;
            return Ok(());
        }
        self.truth.audit("loyalty_request.requested", 1);
        let admin = self.floor.admin;
        let decision = Decision { loyalty_request_id: id, note: String::new() };
        if self.rng.gen_bool(0.8) {
            self.tx("approve comp", admin, async |conn| loyalty::approve(conn, &admin, &decision).await).await?;
            self.truth.audit("loyalty_request.approved", 1);
            self.truth.comps_redeemed += 1;
            self.counts.comp_approvals += 1;
        } else {
            self.tx("deny comp", admin, async |conn| loyalty::deny(conn, &admin, &decision).await).await?;
            self.truth.audit("loyalty_request.denied", 1);
            self.counts.comp_denials += 1;
        }
        Ok(())
    }
}

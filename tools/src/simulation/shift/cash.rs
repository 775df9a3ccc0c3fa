//! The shift's loyalty and cash: mid-session rewards with their duplicate sends, buy-ins, cash-outs and
//! reversals, and the cash totals and MTL rows they imply.

use std::collections::hash_map::Entry;

use chrono::NaiveDate;
use sqlx::PgConnection;
use uuid::Uuid;

use rand::Rng;

use super::Sim;
use crate::simulation::Error;
use crate::simulation::model::{self, AlertTruth, MtlTruth};
use pitboss::actor::Actor;
use pitboss::db::{self, Scope};
use pitboss::finance::{self, Direction, FinanceEntry, NewEntry, ReversalRequest, Source, Tender};
use pitboss::loyalty::{self, LedgerEntry, LoyaltyReason, RewardRequest};
use pitboss::money::Cents;
use pitboss::mtl::Proximity;

impl Sim<'_> {
    /// Issues a mid-session reward measured against play: one time in ten as three simultaneous copies (a tablet retrying before the
    /// first answer arrived), and in one case out of four resent once or twice afterwards (a double tap). Every
    /// answer must be the same entry, and only one may be written.
    pub(super) async fn reward(&mut self, player: usize) -> Result<(), Error> {
        let Some((slip_id, table)) = self.rated(player) else { return Ok(()) };
        let boss = self.boss_of(table);
        // What the slip has earned and not been given, and a little more at the pit boss's discretion, within
        // what is left of their authority.
        let panel = self.tx("read slip rewards", boss, async |conn| loyalty::slip_rewards(conn, &boss, slip_id).await);
        let panel = panel.await?;
        let extra = panel.authority.most_now().unwrap_or(100).min(100);
        let points = panel.suggested_points + self.rng.gen_range(0..=extra);
        let points = i32::try_from(points.min(i64::from(model::REWARD_CAP_POINTS))).unwrap_or(0);
        if points <= 0 {
            return Ok(());
        }
        let request = RewardRequest {
            player_id: self.floor.players[player].id,
            rating_slip_id: slip_id,
            points,
            reason: LoyaltyReason::MidSession,
            idempotency_key: Uuid::new_v4(),
        };
        let issue = async |conn: &mut PgConnection| loyalty::issue_mid_session_reward(conn, &boss, &request).await;
        let mut answers = if self.rng.gen_bool(0.10) {
            self.simultaneous_rewards(boss, request).await?
        } else {
            vec![self.tx("issue reward", boss, issue).await?]
        };
        if self.rng.gen_bool(0.25) {
            for _ in 0..self.rng.gen_range(1..=2) {
                answers.push(self.tx("resend reward", boss, issue).await?);
            }
        }
        self.truth.audit("loyalty_ledger.reward_issued", 1);
        self.truth.rewards += 1;
        self.counts.rewards += 1;
        self.counts.reward_duplicates += answers.len() as u64 - 1;
        for answer in &answers[1..] {
            if *answer != answers[0] {
                self.truth.replay_mismatches.push(format!(
                    "reward key {} answered {answer:?}, first {:?}",
                    request.idempotency_key, answers[0]
                ));
            }
        }
        Ok(())
    }

    /// Sends the same reward request three times at once, each in its own transaction.
    pub(super) async fn simultaneous_rewards(
        &mut self,
        boss: Actor,
        request: RewardRequest,
    ) -> Result<Vec<LedgerEntry>, Error> {
        let copies: Vec<_> = (0..3)
            .map(|_| {
                let (pool, at) = (self.pool.clone(), self.at());
                tokio::spawn(async move {
                    let scope = Scope { actor: boss, request_id: Uuid::new_v4() };
                    db::scoped_at(&pool, &scope, at, async |conn| {
                        loyalty::issue_mid_session_reward(conn, &boss, &request).await
                    })
                    .await
                })
            })
            .collect();
        let mut answers = Vec::with_capacity(copies.len());
        for copy in copies {
            let answer = copy.await.map_err(|e| self.refusal("simultaneous reward", e))?;
            answers.push(answer.map_err(|e| self.refusal("simultaneous reward", e))?);
            self.counts.transactions += 1;
        }
        Ok(answers)
    }

    /// A buy-in at the table, recorded by the pit boss.
    pub(super) async fn buy_in(&mut self, player: usize) -> Result<(), Error> {
        let Some((_, table)) = self.rated(player) else { return Ok(()) };
        let amount = if self.floor.players[player].high_roller {
            self.rng.gen_range(20..=60) * 10_000
        } else {
            self.rng.gen_range(20..=150) * 500
        };
        let boss = self.boss_of(table);
        self.record(player, boss, Direction::In, Source::Pit, amount).await
    }

    /// Records a deposit or withdrawal; now and then resends it, or reverses it as keyed twice. Keeps the
    /// cash totals and the MTL rows they imply.
    pub(super) async fn record(
        &mut self,
        player: usize,
        actor: Actor,
        direction: Direction,
        source: Source,
        amount: i64,
    ) -> Result<(), Error> {
        let state = &self.floor.players[player];
        let tender = if self.rng.gen_bool(0.9) { Tender::Cash } else { Tender::Chips };
        let new = NewEntry {
            player_id: state.id,
            direction,
            amount: Cents(amount),
            tender,
            source,
            visit_id: state.visit,
            rating_slip_id: if source == Source::Pit { state.slip.as_ref().map(|s| s.id) } else { None },
            note: None,
        };
        let key = Uuid::new_v4();
        let entry = self.tx("record cash", actor, async |conn| finance::record(conn, &actor, &new, key).await).await?;
        self.truth.audit("player_financial_transaction.created", 1);
        if (source, direction, tender) == (Source::Pit, Direction::In, Tender::Cash)
            && let Some((_, table)) = self.rated(player)
        {
            self.cash_at_table(table, amount).await?;
        }
        self.counts.finance_entries += 1;
        self.check_day(&entry, model::gaming_day(self.at()));
        if tender == Tender::Cash {
            let total = self.add_cash(&entry, amount);
            if total >= model::THRESHOLDS.watchlist_floor.0 {
                self.truth.mtl.insert(
                    entry.id,
                    MtlTruth { day_total_cents: total, is_reversal: false, gaming_day: entry.gaming_day },
                );
            }
            self.raise_alerts(&entry, total);
        }
        if self.rng.gen_bool(0.10) {
            let again =
                self.tx("resend cash", actor, async |conn| finance::record(conn, &actor, &new, key).await).await?;
            self.counts.finance_duplicates += 1;
            if again.id != entry.id || again.amount != entry.amount {
                self.truth
                    .replay_mismatches
                    .push(format!("finance key {key} answered {}, first {}", again.id.0, entry.id.0));
            }
        }
        if self.rng.gen_bool(0.04) {
            self.reverse(actor, &entry).await?;
        }
        Ok(())
    }

    pub(super) async fn reverse(&mut self, actor: Actor, original: &FinanceEntry) -> Result<(), Error> {
        let request =
            ReversalRequest { original_id: original.id, reason: "Keyed twice".into(), idempotency_key: Uuid::new_v4() };
        let reversal =
            self.tx("reverse cash", actor, async |conn| finance::reverse(conn, &actor, &request).await).await?;
        self.truth.audit("player_financial_transaction.reversed", 1);
        self.counts.reversals += 1;
        self.check_day(&reversal, original.gaming_day);
        if original.tender == Tender::Cash {
            let total = self.add_cash(original, -original.amount.0);
            if self.truth.mtl.contains_key(&original.id) {
                self.truth.mtl.insert(
                    reversal.id,
                    MtlTruth { day_total_cents: total, is_reversal: true, gaming_day: original.gaming_day },
                );
            }
        }
        Ok(())
    }

    /// The threshold events an entry bringing the day's total to `total` must raise: each level the first
    /// time it is reached that day and direction, whatever reversals did since.
    fn raise_alerts(&mut self, entry: &FinanceEntry, total: i64) {
        let levels = [
            (Proximity::Watchlist, total >= model::THRESHOLDS.watchlist_floor.0),
            (Proximity::Ctr, total > model::THRESHOLDS.ctr_threshold.0),
        ];
        for (level, reached) in levels {
            let key = (entry.player_id, entry.gaming_day, entry.direction, level);
            if reached && let Entry::Vacant(slot) = self.truth.alerts.entry(key) {
                slot.insert(AlertTruth { financial_txn_id: entry.id, day_total_cents: total });
                self.truth.audit("mtl.threshold_reached", 1);
            }
        }
    }

    pub(super) fn add_cash(&mut self, entry: &FinanceEntry, amount: i64) -> i64 {
        let total = self.truth.cash.entry((entry.player_id, entry.gaming_day, entry.direction)).or_default();
        *total += amount;
        *total
    }

    pub(super) fn check_day(&mut self, entry: &FinanceEntry, expected: NaiveDate) {
        if entry.gaming_day != expected {
            self.truth
                .day_mismatches
                .push(format!("entry {} dated {}, expected {expected}", entry.id.0, entry.gaming_day));
        }
    }
}

//! The finance tests' helpers: entries, recording and reversing them as a role, and what the superuser sees.

use chrono::{DateTime, NaiveDate, Utc};
use pitboss::casino::StaffRole;
use pitboss::finance::{self, Direction, FinanceEntry, NewEntry, ReversalRequest, Source, Tender};
use pitboss::mtl;
use pitboss::player::PlayerId;
use pitboss::{Actor, Cents};
use uuid::Uuid;

use crate::common::{self, CASHIER_A, CASINO_A, Pools, actor, pit_boss_a, run};

pub(crate) fn cashier_a() -> Actor {
    actor(CASINO_A, CASHIER_A, StaffRole::Cashier)
}

pub(crate) fn cash_in(player_id: PlayerId, cents: i64) -> NewEntry {
    NewEntry {
        player_id,
        direction: Direction::In,
        amount: Cents(cents),
        tender: Tender::Cash,
        source: Source::Cage,
        visit_id: None,
        rating_slip_id: None,
        note: None,
    }
}

pub(crate) fn cash_out(player_id: PlayerId, cents: i64) -> NewEntry {
    NewEntry { direction: Direction::Out, ..cash_in(player_id, cents) }
}

/// Records `entry` under a fresh idempotency key.
pub(crate) async fn record(pools: &Pools, who: Actor, entry: &NewEntry) -> Result<FinanceEntry, finance::Error> {
    record_keyed(pools, who, entry, Uuid::new_v4()).await
}

pub(crate) async fn record_keyed(
    pools: &Pools,
    who: Actor,
    entry: &NewEntry,
    key: Uuid,
) -> Result<FinanceEntry, finance::Error> {
    run(pools, who, async |conn, actor| finance::record(conn, actor, entry, key).await).await
}

pub(crate) async fn record_at(pools: &Pools, at: DateTime<Utc>, entry: &NewEntry) -> FinanceEntry {
    let who = cashier_a();
    pitboss::db::scoped_at(&pools.app, &common::scope(who), at, async |conn| {
        finance::record(conn, &who, entry, Uuid::new_v4()).await
    })
    .await
    .expect("recorded at a chosen instant")
}

pub(crate) async fn reverse(
    pools: &Pools,
    who: Actor,
    original: &FinanceEntry,
    reason: &str,
) -> Result<FinanceEntry, finance::Error> {
    let request =
        ReversalRequest { original_id: original.id, reason: reason.to_owned(), idempotency_key: Uuid::new_v4() };
    run(pools, who, async |conn, actor| finance::reverse(conn, actor, &request).await).await
}

/// The idempotency key an entry was written under.
pub(crate) async fn key_of(pools: &Pools, entry: pitboss::finance::FinanceTxnId) -> Uuid {
    sqlx::query_scalar("select idempotency_key from player_financial_transaction where id = $1")
        .bind(entry.0)
        .fetch_one(&pools.admin)
        .await
        .expect("key")
}

/// The MTL rows of one finance entry, as (amount, day total, is reversal), seen as the superuser.
pub(crate) async fn logged(pools: &Pools, entry: &FinanceEntry) -> Vec<(i64, i64, bool)> {
    sqlx::query_as("select amount_cents, day_total_cents, is_reversal from mtl_entry where financial_txn_id = $1")
        .bind(entry.id.0)
        .fetch_all(&pools.admin)
        .await
        .expect("mtl rows")
}

/// How many entries carry an idempotency key (seen as the superuser).
pub(crate) async fn entries_with_key(pools: &Pools, key: Uuid) -> i64 {
    sqlx::query_scalar("select count(*) from player_financial_transaction where idempotency_key = $1")
        .bind(key)
        .fetch_one(&pools.admin)
        .await
        .expect("count")
}

pub(crate) async fn proximity(pools: &Pools, player: PlayerId) -> mtl::ThresholdProximity {
    run(pools, pit_boss_a(), async |conn, actor| mtl::player_proximity(conn, actor, player).await)
        .await
        .expect("proximity")
}

pub(crate) fn at(rfc3339: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(rfc3339).expect("instant").with_timezone(&Utc)
}

pub(crate) fn day(text: &str) -> NaiveDate {
    text.parse().expect("date")
}

//! Steps of the table accounting tests, each one operator action as the runtime role at a chosen instant.
#![allow(dead_code)]

use chrono::{DateTime, NaiveDate, Utc};
use pitboss::casino::StaffRole;
use pitboss::floor::{self, PlayerChoice};
use pitboss::player::EnrollInput;
use pitboss::rating_slip::Slip;
use pitboss::table_accounting::{
    self as accounting, CageRequest, CageRequestKind, Chips, CountKind, DayAccounting, DropEntry, InventoryCount,
    NewCount, NewDrop,
};
use pitboss::table_context::TableId;
use pitboss::{Actor, Cents};

use crate::common::{CASHIER_A, CASINO_A, DEALER_A, Pools, actor, admin_a, pit_boss_a, run, run_at};

pub fn at(instant: &str) -> DateTime<Utc> {
    instant.parse().expect("an RFC 3339 instant")
}

pub fn day(date: &str) -> NaiveDate {
    date.parse().expect("a date")
}

pub fn cashier_a() -> Actor {
    actor(CASINO_A, CASHIER_A, StaffRole::Cashier)
}

pub fn chips(counts: &[(i64, i64)]) -> Chips {
    counts.iter().copied().collect()
}

pub async fn tray(pools: &Pools, when: &str, table: TableId, kind: CountKind, counts: &[(i64, i64)]) -> InventoryCount {
    let new = NewCount { table_id: table, kind, witness_id: DEALER_A, chips: chips(counts) };
    run_at(pools, pit_boss_a(), at(when), async |conn, actor| accounting::record_count(conn, actor, &new).await)
        .await
        .unwrap_or_else(|e| panic!("{kind:?} count at {when}: {e}"))
}

pub async fn open(pools: &Pools, when: &str, table: TableId) {
    run_at(pools, pit_boss_a(), at(when), async |conn, actor| floor::open_table(conn, actor, table).await)
        .await
        .expect("open the table");
}

pub async fn close(pools: &Pools, when: &str, table: TableId) {
    run_at(pools, pit_boss_a(), at(when), async |conn, actor| floor::close_table(conn, actor, table, None).await)
        .await
        .expect("close the table");
}

pub async fn ask(
    pools: &Pools,
    when: &str,
    table: TableId,
    kind: CageRequestKind,
    counts: &[(i64, i64)],
) -> CageRequest {
    let counts = chips(counts);
    run_at(pools, pit_boss_a(), at(when), async |conn, actor| {
        accounting::request(conn, actor, table, kind, &counts).await
    })
    .await
    .expect("ask the cage")
}

pub async fn confirm(pools: &Pools, when: &str, request: &CageRequest) -> CageRequest {
    let id = request.id;
    run_at(pools, cashier_a(), at(when), async |conn, actor| accounting::confirm(conn, actor, id).await)
        .await
        .expect("confirm at the cage")
}

pub async fn drop_box(
    pools: &Pools,
    when: &str,
    table: TableId,
    gaming_day: &str,
    cash: i64,
    markers: i64,
) -> DropEntry {
    let new = NewDrop {
        table_id: table,
        gaming_day: day(gaming_day),
        cash_cents: Cents(cash),
        markers_cents: Cents(markers),
        shift_end_id: None,
    };
    run_at(pools, cashier_a(), at(when), async |conn, actor| accounting::record_drop(conn, actor, &new).await)
        .await
        .expect("enter the drop")
}

pub async fn accounting_of(pools: &Pools, gaming_day: &str) -> DayAccounting {
    let gaming_day = day(gaming_day);
    run(pools, admin_a(), async |conn, actor| accounting::day_accounting(conn, actor, gaming_day).await)
        .await
        .expect("the day's accounting")
}

/// Seats a new member at `table` and starts rating them at `bet`.
pub async fn seat_new_player(pools: &Pools, when: &str, table: TableId, seat: i16, bet: i64) -> Slip {
    let choice =
        PlayerChoice::New(EnrollInput { first_name: "Sam".into(), last_name: "Rivera".into(), birth_date: None });
    run_at(pools, pit_boss_a(), at(when), async |conn, actor| {
        floor::seat_and_start(conn, actor, table, seat, &choice, Cents(bet)).await
    })
    .await
    .expect("seat and rate")
}

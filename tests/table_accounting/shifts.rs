//! Win per shift and rating coverage, against figures computed by hand.

use pitboss::finance::{self, Direction, NewEntry, ReversalRequest, Source, Tender};
use pitboss::rating_slip;
use pitboss::table_accounting::{self as accounting, CageRequestKind, CountId, CountKind, DropEntry, Error, NewDrop};
use pitboss::table_context::TableId;
use pitboss::{Cents, DomainError, ErrorCode};
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};

use crate::common::{Pools, TABLE_A_ACTIVE, TABLE_A_INACTIVE, pit_boss_a, run_at};
use crate::support::{accounting_of, ask, at, cashier_a, close, confirm, day, open, seat_new_player, tray};

async fn shift_drop(
    pools: &Pools,
    when: &str,
    table: TableId,
    gaming_day: &str,
    cash: i64,
    end: CountId,
) -> Result<DropEntry, Error> {
    let new = NewDrop {
        table_id: table,
        gaming_day: day(gaming_day),
        cash_cents: Cents(cash),
        markers_cents: Cents(0),
        shift_end_id: Some(end),
    };
    run_at(pools, cashier_a(), at(when), async |conn, actor| accounting::record_drop(conn, actor, &new).await).await
}

async fn buy_in(pools: &Pools, when: &str, entry: &NewEntry) -> finance::FinanceEntry {
    let who = if entry.source == Source::Pit { pit_boss_a() } else { cashier_a() };
    run_at(pools, who, at(when), async |conn, actor| finance::record(conn, actor, entry, uuid::Uuid::new_v4()).await)
        .await
        .expect("a buy-in")
}

/// BJ-02 on gaming day 2026-06-10 (Los Angeles, from 13:00Z), two shifts, Sam rated 15:30 → 19:00. By hand, in
/// cents:
///
/// | shift | start | end | fills | drop | win | hold |
/// |---|---|---|---|---|---|---|
/// | opening 15:00Z → shift change 17:30Z | 350,000 | 300,000 | 100,000 | 250,000 | 100,000 | 40 % |
/// | shift change 17:30Z → closing 19:30Z | 300,000 | 280,000 | 0 | 100,000 | 80,000 | 80 % |
///
/// The day: drop 350,000, win 180,000, hold 51.43 %. Sam bought in 100,000 and 50,000 in cash at the table (a
/// 60,000 keyed wrong and reversed between them); a 999,900 deposit at the cage is no table play: rated drop
/// 150,000, coverage 42.86 %. Sam's 12,600 s split 7,200 : 5,400 between the shifts, and so does his theo.
#[sqlx::test(migrator = "pitboss::MIGRATOR", fixtures(path = "../fixtures", scripts("two_casinos")))]
async fn each_shift_has_its_win_and_theo_and_the_day_its_rating_coverage(
    options: PgPoolOptions,
    connect: PgConnectOptions,
) {
    let pools = Pools::connect(options, connect).await;
    let t = TABLE_A_INACTIVE;
    let opening = tray(&pools, "2026-06-10T15:00:00Z", t, CountKind::Opening, &[(10_000, 35)]).await;
    open(&pools, "2026-06-10T15:01:00Z", t).await;
    let slip = seat_new_player(&pools, "2026-06-10T15:30:00Z", t, 2, 2_500).await;
    let at_table = |cents: i64| NewEntry {
        player_id: slip.player_id,
        direction: Direction::In,
        amount: Cents(cents),
        tender: Tender::Cash,
        source: Source::Pit,
        visit_id: None,
        rating_slip_id: Some(slip.id),
        note: None,
    };
    buy_in(&pools, "2026-06-10T16:00:00Z", &at_table(100_000)).await;
    let fill = ask(&pools, "2026-06-10T16:30:00Z", t, CageRequestKind::Fill, &[(10_000, 10)]).await;
    confirm(&pools, "2026-06-10T16:35:00Z", &fill).await;
    let change = tray(&pools, "2026-06-10T17:30:00Z", t, CountKind::ShiftChange, &[(10_000, 30)]).await;

    // The first shift's box is counted while the table plays on; a wrong entry is reversed and keeps its shift.
    let wrong = shift_drop(&pools, "2026-06-10T17:40:00Z", t, "2026-06-10", 260_000, change.id).await.expect("drop");
    let wrong_id = wrong.id;
    let reversal = run_at(&pools, cashier_a(), at("2026-06-10T17:41:00Z"), async |conn, actor| {
        accounting::reverse_drop(conn, actor, wrong_id, "Miscounted").await
    })
    .await
    .expect("reverse");
    assert_eq!(reversal.shift_end_id, Some(change.id), "a reversal cancels its original's shift");
    let first = shift_drop(&pools, "2026-06-10T17:42:00Z", t, "2026-06-10", 250_000, change.id).await.expect("drop");
    assert_eq!(first.shift_end_id, Some(change.id));
    for (end, gaming_day, why) in [
        (opening.id, "2026-06-10", "an opening count ends no shift"),
        (change.id, "2026-06-11", "the shift ended on 06-10"),
    ] {
        let refused = shift_drop(&pools, "2026-06-10T17:43:00Z", t, gaming_day, 1, end).await.expect_err(why);
        assert_eq!(refused.code(), ErrorCode::DropUnknownShift, "{why}");
        assert_eq!(refused.fields()[0].field, "shift_end_id");
    }
    let other = shift_drop(&pools, "2026-06-10T17:43:00Z", TABLE_A_ACTIVE, "2026-06-10", 1, change.id).await;
    assert_eq!(other.expect_err("another table's count").code(), ErrorCode::DropUnknownShift);

    let keyed_wrong = buy_in(&pools, "2026-06-10T18:00:00Z", &at_table(60_000)).await;
    let reversal = ReversalRequest {
        original_id: keyed_wrong.id,
        reason: "Keyed wrong".into(),
        idempotency_key: uuid::Uuid::new_v4(),
    };
    run_at(&pools, pit_boss_a(), at("2026-06-10T18:01:00Z"), async |conn, actor| {
        finance::reverse(conn, actor, &reversal).await
    })
    .await
    .expect("reverse the buy-in");
    buy_in(&pools, "2026-06-10T18:02:00Z", &at_table(50_000)).await;
    let deposit = NewEntry { source: Source::Cage, rating_slip_id: None, ..at_table(999_900) };
    buy_in(&pools, "2026-06-10T18:10:00Z", &deposit).await;
    let id = slip.id;
    let closed = run_at(&pools, pit_boss_a(), at("2026-06-10T19:00:00Z"), async |conn, actor| {
        rating_slip::close(conn, actor, id, None, None).await
    })
    .await
    .expect("close the slip");
    let ending = tray(&pools, "2026-06-10T19:30:00Z", t, CountKind::Closing, &[(10_000, 28)]).await;
    close(&pools, "2026-06-10T19:31:00Z", t).await;
    shift_drop(&pools, "2026-06-11T14:00:00Z", t, "2026-06-10", 100_000, ending.id).await.expect("the second box");

    let report = accounting_of(&pools, "2026-06-10").await;
    let row = report.tables.iter().find(|r| r.table_id == t).expect("BJ-02");
    assert_eq!(
        (row.periods, row.drop, row.win, row.hold_bps),
        (2, Some(Cents(350_000)), Some(Cents(180_000)), Some(5_143))
    );
    assert_eq!((row.rated_drop, row.coverage_bps), (Cents(150_000), Some(4_286)));
    let theo = closed.theo.0;
    assert!(theo > 0 && row.theo == closed.theo);
    let shifts: Vec<_> = report.shifts.iter().filter(|s| s.table_id == t).collect();
    let figures: Vec<_> = shifts
        .iter()
        .map(|s| (s.start_kind, s.end_kind, s.opening, s.closing, s.fills, s.drop, s.win, s.hold_bps, s.rated_players))
        .collect();
    assert_eq!(
        figures,
        [
            (
                CountKind::Opening,
                CountKind::ShiftChange,
                Cents(350_000),
                Cents(300_000),
                Cents(100_000),
                Some(Cents(250_000)),
                Some(Cents(100_000)),
                Some(4_000),
                1
            ),
            (
                CountKind::ShiftChange,
                CountKind::Closing,
                Cents(300_000),
                Cents(280_000),
                Cents(0),
                Some(Cents(100_000)),
                Some(Cents(80_000)),
                Some(8_000),
                1
            ),
        ]
    );
    assert_eq!((shifts[0].end_id, shifts[1].end_id), (change.id, ending.id));
    assert_eq!(
        (shifts[0].theo.0, shifts[1].theo.0),
        (theo * 7_200 / 12_600, theo * 5_400 / 12_600),
        "theo in proportion to the slip's time in each shift"
    );
    assert!(
        report.shifts.iter().all(|s| s.table_id == t),
        "only tables counted at a shift change or opened twice are listed"
    );
    assert_eq!((report.casino.rated_drop, report.casino.coverage_bps), (Cents(150_000), Some(4_286)));
}

/// The database keeps a drop's shift honest whoever writes it: the runtime role cannot name an opening count.
#[sqlx::test(migrator = "pitboss::MIGRATOR", fixtures(path = "../fixtures", scripts("two_casinos")))]
async fn the_database_refuses_a_drop_for_a_count_that_ended_no_shift(
    options: PgPoolOptions,
    connect: PgConnectOptions,
) {
    let pools = Pools::connect(options, connect).await;
    let t = TABLE_A_INACTIVE;
    let opening = tray(&pools, "2026-06-10T15:00:00Z", t, CountKind::Opening, &[(10_000, 35)]).await;
    let (id, table) = (opening.id.0, t.0);
    let refused = run_at(&pools, cashier_a(), at("2026-06-10T16:00:00Z"), async |conn, actor| {
        sqlx::query(
            "insert into table_drop (id, casino_id, table_id, gaming_day, cash_cents, markers_cents, shift_end_id,
                                     entered_by, created_at)
             values (gen_random_uuid(), $1, $2, '2026-06-10', 100, 0, $3, $4, app_now())",
        )
        .bind(actor.casino_id.0)
        .bind(table)
        .bind(id)
        .bind(actor.staff_id.0)
        .execute(conn)
        .await
    })
    .await
    .expect_err("an opening count");
    let code = refused.as_database_error().and_then(|e| e.code()).map(|c| c.into_owned());
    assert_eq!(code.as_deref(), Some("23514"), "check_violation: {refused}");
}

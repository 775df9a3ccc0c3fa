//! Table games accounting as the runtime role: counts, fills and credits, the drop, and the win and hold the
//! database derives from them, against figures computed by hand.
#![allow(clippy::expect_used, reason = "a test helper that cannot set up should fail the test loudly")]

mod common;
#[path = "table_accounting/shifts.rs"]
mod shifts;
#[path = "table_accounting/support.rs"]
mod support;

use chrono::NaiveDate;
use common::{
    ADMIN_A, CASHIER_A, CASINO_A, DEALER_A, DEALER_A2, PIT_BOSS_A, Pools, TABLE_A_ACTIVE, TABLE_A_CLOSED,
    TABLE_A_INACTIVE, admin_a, pit_boss_a, run, run_at,
};
use pitboss::table_accounting::{
    self as accounting, CageRequestKind, CageRequestStatus, Chips, CountKind, Error, NewCount, NewDrop,
};
use pitboss::table_context::TableId;
use pitboss::{Actor, Cents, DomainError, ErrorCode};
use pitboss::{casino, floor};
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use support::{accounting_of, ask, at, cashier_a, chips, close, confirm, day, drop_box, open, tray};

/// BJ-02 on gaming day 2026-06-10 (Los Angeles, 06:00 start: 13:00Z to 13:00Z), opened twice, with a
/// shift-change count in the second session, fills and a credit confirmed, a fill cancelled and one withdrawn
/// at closing (the cage never answered it), and a drop entered twice (the first reversed). By hand, in cents:
///
/// | period | start | end | fills | credits | result |
/// |---|---|---|---|---|---|
/// | opening 15:00Z → closing 19:00Z | 350,000 | 185,000 | 100,000 | 50,000 | −215,000 |
/// | opening 22:00Z → shift change 01:00Z | 350,000 | 370,000 | 50,000 | 0 | −30,000 |
/// | shift change 01:00Z → closing 03:00Z | 370,000 | 390,000 | 0 | 0 | +20,000 |
///
/// Opening 1,070,000, closing 945,000, fills 150,000, credits 50,000, drop 1,200,000 cash + 300,000 markers:
/// win = 1,500,000 + 50,000 − 150,000 + 945,000 − 1,070,000 = 1,275,000; hold = 85 % (8,500 bp). Taking the
/// day's first and last counts instead (390,000 − 350,000) would say 1,440,000.
#[sqlx::test(migrator = "pitboss::MIGRATOR", fixtures("two_casinos"))]
async fn the_win_of_a_table_opened_twice_matches_the_hand_computed_figure(
    options: PgPoolOptions,
    connect: PgConnectOptions,
) {
    let pools = Pools::connect(options, connect).await;
    let t = TABLE_A_INACTIVE;
    let opening = [(10_000, 20), (2_500, 40), (500, 100)];
    let first = tray(&pools, "2026-06-10T15:00:00Z", t, CountKind::Opening, &opening).await;
    assert_eq!((first.total, first.gaming_day), (Cents(350_000), day("2026-06-10")));
    open(&pools, "2026-06-10T15:01:00Z", t).await;
    let fill = ask(&pools, "2026-06-10T16:00:00Z", t, CageRequestKind::Fill, &[(10_000, 10)]).await;
    assert_eq!((fill.status, fill.total), (CageRequestStatus::Requested, Cents(100_000)));
    let fill = confirm(&pools, "2026-06-10T16:05:00Z", &fill).await;
    assert_eq!(
        (fill.status, fill.gaming_day, fill.resolved_by),
        (CageRequestStatus::Confirmed, Some(day("2026-06-10")), Some(CASHIER_A))
    );
    let credit = ask(&pools, "2026-06-10T17:00:00Z", t, CageRequestKind::Credit, &[(2_500, 20)]).await;
    confirm(&pools, "2026-06-10T17:10:00Z", &credit).await;
    let cancelled = ask(&pools, "2026-06-10T17:30:00Z", t, CageRequestKind::Fill, &[(500, 50)]).await;
    let id = cancelled.id;
    run_at(&pools, pit_boss_a(), at("2026-06-10T17:35:00Z"), async |conn, actor| {
        accounting::cancel(conn, actor, id).await
    })
    .await
    .expect("cancel");
    let unanswered = ask(&pools, "2026-06-10T18:00:00Z", t, CageRequestKind::Fill, &[(10_000, 5)]).await.id;
    run_at(&pools, pit_boss_a(), at("2026-06-10T18:59:00Z"), async |conn, actor| {
        accounting::cancel(conn, actor, unanswered).await
    })
    .await
    .expect("the pit withdraws what the cage has not answered before closing");
    tray(&pools, "2026-06-10T19:00:00Z", t, CountKind::Closing, &[(10_000, 8), (2_500, 30), (500, 60)]).await;
    close(&pools, "2026-06-10T19:01:00Z", t).await;

    tray(&pools, "2026-06-10T22:00:00Z", t, CountKind::Opening, &opening).await;
    open(&pools, "2026-06-10T22:01:00Z", t).await;
    let fill = ask(&pools, "2026-06-10T23:00:00Z", t, CageRequestKind::Fill, &[(10_000, 5)]).await;
    confirm(&pools, "2026-06-10T23:02:00Z", &fill).await;
    tray(&pools, "2026-06-11T01:00:00Z", t, CountKind::ShiftChange, &[(10_000, 22), (2_500, 40), (500, 100)]).await;
    let last =
        tray(&pools, "2026-06-11T03:00:00Z", t, CountKind::Closing, &[(10_000, 25), (2_500, 38), (500, 90)]).await;
    assert_eq!(
        (last.total, last.gaming_day),
        (Cents(390_000), day("2026-06-10")),
        "03:00Z is 20:00 PDT, same gaming day"
    );
    close(&pools, "2026-06-11T03:01:00Z", t).await;

    let before_drop = accounting_of(&pools, "2026-06-10").await;
    let row = &before_drop.tables[0];
    assert_eq!((row.periods, row.drop, row.win, row.hold_bps), (3, None, None, None), "no win before the drop");

    let wrong = drop_box(&pools, "2026-06-11T14:00:00Z", t, "2026-06-10", 1_250_000, 300_000).await;
    let wrong_id = wrong.id;
    run_at(&pools, cashier_a(), at("2026-06-11T14:05:00Z"), async |conn, actor| {
        accounting::reverse_drop(conn, actor, wrong_id, "Miscounted the hundreds").await
    })
    .await
    .expect("reverse");
    drop_box(&pools, "2026-06-11T14:10:00Z", t, "2026-06-10", 1_200_000, 300_000).await;

    let report = accounting_of(&pools, "2026-06-10").await;
    assert_eq!(report.tables.len(), 1, "only BJ-02 played that day");
    let row = &report.tables[0];
    assert_eq!(row.label, "BJ-02");
    assert_eq!(row.periods, 3);
    assert_eq!((row.opening, row.closing), (Cents(1_070_000), Cents(945_000)));
    assert_eq!((row.fills, row.credits), (Cents(150_000), Cents(50_000)));
    assert_eq!(
        (row.drop_cash, row.drop_markers, row.drop),
        (Some(Cents(1_200_000)), Some(Cents(300_000)), Some(Cents(1_500_000)))
    );
    assert_eq!(row.win, Some(Cents(1_275_000)));
    assert_eq!(row.hold_bps, Some(8_500));
    assert_eq!(
        (report.casino.drop, report.casino.win, report.casino.hold_bps),
        (Cents(1_500_000), Cents(1_275_000), Some(8_500))
    );
    assert_eq!(report.pits.len(), 1);
    assert_eq!(report.pits[0].pit.as_deref(), Some("Main"));
    assert_eq!(report.pits[0].win, Cents(1_275_000));
    assert_eq!(accounting_of(&pools, "2026-06-11").await.tables.len(), 0, "nothing of it falls on the next day");
}

/// Spring forward in Los Angeles (2026-03-08 02:00 PST → 03:00 PDT): gaming day 03-07 lasts 23 hours, from
/// 14:00Z to 13:00Z. BJ-03 opens at 00:00 PST, takes a fill at 01:30 PST and closes at 05:30 PDT: all of it
/// is 03-07. It opens again at 06:30 PDT (03-08) and closes at 07:30 PDT. By hand: 03-07 win = 800,000 drop +
/// (420,000 − 500,000) − 200,000 fill = 520,000 (65 %); 03-08 win = 100,000 + (510,000 − 420,000) = 190,000.
#[sqlx::test(migrator = "pitboss::MIGRATOR", fixtures("two_casinos"))]
async fn a_gaming_day_crossing_the_dst_change_keeps_its_periods(options: PgPoolOptions, connect: PgConnectOptions) {
    let pools = Pools::connect(options, connect).await;
    let t = TABLE_A_CLOSED;
    let first = tray(&pools, "2026-03-08T08:00:00Z", t, CountKind::Opening, &[(10_000, 50)]).await;
    assert_eq!(first.gaming_day, day("2026-03-07"));
    open(&pools, "2026-03-08T08:01:00Z", t).await;
    let fill = ask(&pools, "2026-03-08T09:20:00Z", t, CageRequestKind::Fill, &[(100_000, 2)]).await;
    let fill = confirm(&pools, "2026-03-08T09:30:00Z", &fill).await;
    assert_eq!(fill.gaming_day, Some(day("2026-03-07")));
    let closing = tray(&pools, "2026-03-08T12:30:00Z", t, CountKind::Closing, &[(10_000, 42)]).await;
    assert_eq!(closing.gaming_day, day("2026-03-07"), "05:30 PDT is still 03-07: the day is 23 hours long");
    close(&pools, "2026-03-08T12:31:00Z", t).await;
    let next = tray(&pools, "2026-03-08T13:30:00Z", t, CountKind::Opening, &[(10_000, 42)]).await;
    assert_eq!(next.gaming_day, day("2026-03-08"));
    open(&pools, "2026-03-08T13:31:00Z", t).await;
    tray(&pools, "2026-03-08T14:30:00Z", t, CountKind::Closing, &[(10_000, 51)]).await;
    close(&pools, "2026-03-08T14:31:00Z", t).await;
    drop_box(&pools, "2026-03-09T15:00:00Z", t, "2026-03-07", 800_000, 0).await;
    drop_box(&pools, "2026-03-09T15:00:00Z", t, "2026-03-08", 100_000, 0).await;

    let saturday = accounting_of(&pools, "2026-03-07").await;
    let row = &saturday.tables[0];
    assert_eq!((row.opening, row.closing, row.fills), (Cents(500_000), Cents(420_000), Cents(200_000)));
    assert_eq!((row.win, row.hold_bps), (Some(Cents(520_000)), Some(6_500)));
    let sunday = accounting_of(&pools, "2026-03-08").await;
    let row = &sunday.tables[0];
    assert_eq!((row.opening, row.closing, row.fills), (Cents(420_000), Cents(510_000), Cents(0)));
    assert_eq!((row.win, row.hold_bps), (Some(Cents(190_000)), Some(19_000)));
    assert_eq!(sunday.pits[0].pit.as_deref(), Some("High Limit"));
}

#[sqlx::test(migrator = "pitboss::MIGRATOR", fixtures("two_casinos"))]
async fn whoever_asked_for_chips_cannot_confirm_them_and_a_request_resolves_once(
    options: PgPoolOptions,
    connect: PgConnectOptions,
) {
    let pools = Pools::connect(options, connect).await;
    let counts = chips(&[(2_500, 4)]);
    let request = run(&pools, admin_a(), async |conn, actor| {
        accounting::request(conn, actor, TABLE_A_ACTIVE, CageRequestKind::Fill, &counts).await
    })
    .await
    .expect("an admin asks for a fill");
    let id = request.id;
    let own = run(&pools, admin_a(), async |conn, actor| accounting::confirm(conn, actor, id).await).await;
    assert!(matches!(own, Err(Error::SelfConfirm)), "{own:?}");
    assert_eq!(own.unwrap_err().code(), ErrorCode::CageSelfConfirm);
    let pit = run(&pools, pit_boss_a(), async |conn, actor| accounting::confirm(conn, actor, id).await).await;
    assert!(matches!(pit, Err(Error::Forbidden)), "the pit does not confirm: {pit:?}");

    // The database refuses it for every writer, whatever the service checked.
    let mut tx = pools.app.begin().await.expect("begin");
    common::probe::enter_context(&mut tx, CASINO_A.0, &ADMIN_A.0.to_string(), "admin").await;
    let direct = sqlx::query(
        "update table_cage_request set status = 'confirmed', resolved_by = requested_by, resolved_at = now(),
                gaming_day = current_date where id = $1",
    )
    .bind(id.0)
    .execute(&mut *tx)
    .await;
    let violated = direct.expect_err("refused").as_database_error().and_then(|e| e.constraint().map(str::to_owned));
    assert_eq!(violated.as_deref(), Some("table_cage_request_two_people_check"));
    drop(tx);

    let confirmed = run(&pools, cashier_a(), async |conn, actor| accounting::confirm(conn, actor, id).await)
        .await
        .expect("the cashier confirms");
    assert_eq!(confirmed.resolved_by_name.as_deref(), Some("Cal Cashier"));
    let again = run(&pools, cashier_a(), async |conn, actor| accounting::confirm(conn, actor, id).await).await;
    assert!(matches!(again, Err(Error::Resolved)), "{again:?}");
    let cancel = run(&pools, pit_boss_a(), async |conn, actor| accounting::cancel(conn, actor, id).await).await;
    assert!(matches!(cancel, Err(Error::Resolved)), "a confirmed fill is not cancelled: {cancel:?}");
    assert_eq!(common::audited(&pools, "table_cage_request.confirmed").await, 1);
}

#[sqlx::test(migrator = "pitboss::MIGRATOR", fixtures("two_casinos"))]
async fn counts_with_unknown_or_impossible_chips_are_refused_at_each_chip(
    options: PgPoolOptions,
    connect: PgConnectOptions,
) {
    let pools = Pools::connect(options, connect).await;
    let attempt = async |new: NewCount| {
        run(&pools, pit_boss_a(), async |conn, actor| accounting::record_count(conn, actor, &new).await).await
    };
    let base =
        NewCount { table_id: TABLE_A_ACTIVE, kind: CountKind::ShiftChange, witness_id: DEALER_A, chips: Chips::new() };

    let bad =
        attempt(NewCount { chips: chips(&[(500, -3), (700, 2), (2_500, 100_001), (10_000, 4)]), ..base.clone() }).await;
    let error = bad.expect_err("refused");
    assert_eq!(error.code(), ErrorCode::ValidationFailed);
    let fields: Vec<(String, ErrorCode)> = error.fields().into_iter().map(|f| (f.field, f.code)).collect();
    assert_eq!(
        fields,
        [
            ("chips.500".to_owned(), ErrorCode::CountInvalidQuantity),
            ("chips.700".to_owned(), ErrorCode::CountUnknownDenomination),
            ("chips.2500".to_owned(), ErrorCode::CountInvalidQuantity),
        ]
    );
    let opening_of_open_table =
        attempt(NewCount { kind: CountKind::Opening, chips: chips(&[(500, 1)]), ..base.clone() }).await;
    assert!(matches!(opening_of_open_table, Err(Error::KindNotAllowed)), "{opening_of_open_table:?}");
    let closing_of_closed_table =
        attempt(NewCount { table_id: TABLE_A_CLOSED, kind: CountKind::Closing, ..base.clone() }).await;
    assert!(matches!(closing_of_closed_table, Err(Error::KindNotAllowed)), "{closing_of_closed_table:?}");
    let pit_boss_witness = attempt(NewCount { witness_id: PIT_BOSS_A, ..base.clone() }).await.expect_err("refused");
    assert_eq!(pit_boss_witness.fields()[0].field, "witness_id");
    let written = "select count(*) from table_inventory_count where kind = 'shift_change'";
    assert_eq!(common::count(&pools, written).await, 0, "nothing written");

    let cashier =
        run(&pools, cashier_a(), async |conn, actor| accounting::record_count(conn, actor, &base).await).await;
    assert!(matches!(cashier, Err(Error::Forbidden)), "{cashier:?}");
    let good = attempt(NewCount { witness_id: DEALER_A2, chips: chips(&[(500, 3), (2_500, 2)]), ..base }).await;
    assert_eq!(good.expect("a sound count").total, Cents(6_500));

    let empty = run(&pools, pit_boss_a(), async |conn, actor| {
        accounting::request(conn, actor, TABLE_A_ACTIVE, CageRequestKind::Credit, &chips(&[(500, 0)])).await
    })
    .await;
    assert_eq!(empty.expect_err("refused").fields()[0].field, "chips");
    let closed = run(&pools, pit_boss_a(), async |conn, actor| {
        accounting::request(conn, actor, TABLE_A_CLOSED, CageRequestKind::Fill, &chips(&[(500, 1)])).await
    })
    .await;
    assert!(matches!(closed, Err(Error::TableNotActive)), "{closed:?}");
}

#[sqlx::test(migrator = "pitboss::MIGRATOR", fixtures("two_casinos"))]
async fn the_drop_waits_for_the_table_to_close_and_corrections_reverse_it(
    options: PgPoolOptions,
    connect: PgConnectOptions,
) {
    let pools = Pools::connect(options, connect).await;
    let today = run(&pools, cashier_a(), async |conn, actor| casino::today(conn, actor).await).await.expect("today");
    let entry = async |actor: Actor, table: TableId, gaming_day: NaiveDate, cash: i64| {
        let new = NewDrop {
            table_id: table,
            gaming_day,
            cash_cents: Cents(cash),
            markers_cents: Cents(0),
            shift_end_id: None,
        };
        run(&pools, actor, async |conn, actor| accounting::record_drop(conn, actor, &new).await).await
    };
    let open_table = entry(cashier_a(), TABLE_A_ACTIVE, today, 100).await;
    assert!(matches!(open_table, Err(Error::DayNotEnded)), "BJ-01 is still open: {open_table:?}");
    let tomorrow = entry(cashier_a(), TABLE_A_CLOSED, today.succ_opt().expect("a date"), 100).await;
    assert!(matches!(tomorrow, Err(Error::DayNotEnded)), "{tomorrow:?}");
    let negative = entry(cashier_a(), TABLE_A_CLOSED, today, -1).await.expect_err("refused");
    assert_eq!(negative.fields()[0].field, "cash_cents");
    let pit = entry(pit_boss_a(), TABLE_A_CLOSED, today, 100).await;
    assert!(matches!(pit, Err(Error::Forbidden)), "the count room is the cage's: {pit:?}");

    let yesterday =
        entry(cashier_a(), TABLE_A_ACTIVE, today.pred_opt().expect("a date"), 5_000).await.expect("a past day");
    let id = yesterday.id;
    let reverse = async |reason: &'static str, id| {
        run(&pools, cashier_a(), async |conn, actor| accounting::reverse_drop(conn, actor, id, reason).await).await
    };
    assert!(matches!(reverse("  ", id).await, Err(Error::InvalidReason)));
    let reversal = reverse("Wrong table", id).await.expect("reversed");
    assert_eq!((reversal.reverses_id, reversal.cash), (Some(id), Cents(5_000)));
    assert!(matches!(reverse("Again", id).await, Err(Error::NotReversible)));
    assert!(matches!(reverse("A reversal", reversal.id).await, Err(Error::NotReversible)));
    let day = today.pred_opt().expect("a date");
    let drops = run(&pools, admin_a(), async |conn, actor| accounting::drops_of_day(conn, actor, day).await)
        .await
        .expect("drops");
    assert_eq!(drops.len(), 2);
    assert_eq!(drops[0].reversed_by, Some(reversal.id));
}

#[sqlx::test(migrator = "pitboss::MIGRATOR", fixtures("two_casinos"))]
async fn the_chip_set_is_the_admins_and_counts_follow_it(options: PgPoolOptions, connect: PgConnectOptions) {
    let pools = Pools::connect(options, connect).await;
    let set = |cents: &[i64]| cents.iter().copied().map(Cents).collect::<Vec<_>>();
    let standard = run(&pools, pit_boss_a(), async |conn, actor| casino::chip_set(conn, actor).await).await;
    assert_eq!(standard.expect("read"), set(&[100, 500, 2_500, 10_000, 50_000, 100_000, 500_000]));
    let update = async |actor: Actor, cents: Vec<Cents>| {
        run(&pools, actor, async |conn, actor| casino::update_chip_set(conn, actor, &cents).await).await
    };
    assert!(matches!(update(pit_boss_a(), set(&[100])).await, Err(casino::Error::Forbidden)));
    for invalid in [&[][..], &[100, 100], &[0, 500], &[20_000_000]] {
        let refused = update(admin_a(), set(invalid)).await;
        assert!(matches!(refused, Err(casino::Error::InvalidChipSet)), "{invalid:?}: {refused:?}");
    }
    let updated = update(admin_a(), set(&[2_500, 100, 500])).await.expect("a valid set, in any order");
    assert_eq!(updated, set(&[100, 500, 2_500]));
    assert_eq!(common::audited(&pools, "casino_settings.chip_set_updated").await, 1);
    let new = NewCount {
        table_id: TABLE_A_ACTIVE,
        kind: CountKind::ShiftChange,
        witness_id: DEALER_A,
        chips: chips(&[(10_000, 1)]),
    };
    let retired =
        run(&pools, pit_boss_a(), async |conn, actor| accounting::record_count(conn, actor, &new).await).await;
    let fields = retired.expect_err("a retired chip").fields();
    assert_eq!((fields[0].field.as_str(), fields[0].code), ("chips.10000", ErrorCode::CountUnknownDenomination));
}

#[sqlx::test(migrator = "pitboss::MIGRATOR", fixtures("two_casinos"))]
async fn the_days_theo_sums_the_slips_rated_at_each_table(options: PgPoolOptions, connect: PgConnectOptions) {
    let pools = Pools::connect(options, connect).await;
    let today = run(&pools, admin_a(), async |conn, actor| casino::today(conn, actor).await).await.expect("today");
    let slip =
        run(&pools, admin_a(), async |conn, actor| pitboss::rating_slip::slip(conn, actor, common::ALMA_SLIP).await)
            .await
            .expect("Alma's slip");
    let report = accounting_of(&pools, &today.to_string()).await;
    let row = report.tables.iter().find(|t| t.table_id == TABLE_A_ACTIVE).expect("BJ-01 rated Alma today");
    assert!(row.theo.0 > 0);
    // Theo keeps running with the slip: the report's reading is at least the earlier one, within a minute's play.
    assert!(row.theo >= slip.theo && row.theo.0 - slip.theo.0 < 100, "{:?} vs {:?}", row.theo, slip.theo);
    assert_eq!((row.rated_players, row.win, row.periods), (1, None, 0));
    assert!(report.tables.iter().all(|t| t.table_id != common::TABLE_B), "casino B stays out");
}

#[sqlx::test(migrator = "pitboss::MIGRATOR", fixtures("two_casinos"))]
async fn a_table_opens_and_closes_only_on_a_counted_tray(options: PgPoolOptions, connect: PgConnectOptions) {
    let pools = Pools::connect(options, connect).await;
    let t = TABLE_A_INACTIVE;
    let open_at = async |actor: Actor, when: &str| {
        run_at(&pools, actor, at(when), async |conn, actor| floor::open_table(conn, actor, t).await).await
    };
    let close_at = async |when: &str| {
        run_at(&pools, pit_boss_a(), at(when), async |conn, actor| floor::close_table(conn, actor, t, None).await).await
    };
    let uncounted = open_at(pit_boss_a(), "2026-06-10T15:00:00Z").await.expect_err("no opening count");
    assert_eq!(uncounted.code(), ErrorCode::TableOpeningCountRequired);
    tray(&pools, "2026-06-10T15:01:00Z", t, CountKind::Opening, &[(10_000, 30)]).await;
    let cashier = open_at(cashier_a(), "2026-06-10T15:02:00Z").await.expect_err("the cage does not open tables");
    assert_eq!(cashier.code(), ErrorCode::Forbidden);
    open_at(pit_boss_a(), "2026-06-10T15:02:00Z").await.expect("opens on its counted tray");

    let fill = ask(&pools, "2026-06-10T16:00:00Z", t, CageRequestKind::Fill, &[(10_000, 10)]).await;
    let uncounted = close_at("2026-06-10T17:00:00Z").await.expect_err("no closing count");
    assert_eq!(uncounted.code(), ErrorCode::TableCageRequestsPending, "the fill awaits the cage");
    tray(&pools, "2026-06-10T17:01:00Z", t, CountKind::Closing, &[(10_000, 35)]).await;
    let pending = close_at("2026-06-10T17:02:00Z").await.expect_err("a fill pending");
    assert_eq!(pending.code(), ErrorCode::TableCageRequestsPending);
    confirm(&pools, "2026-06-10T17:03:00Z", &fill).await;
    let stale = close_at("2026-06-10T17:04:00Z").await.expect_err("the count misses the fill");
    assert_eq!(stale.code(), ErrorCode::TableClosingCountRequired);
    tray(&pools, "2026-06-10T17:05:00Z", t, CountKind::Closing, &[(10_000, 45)]).await;
    let closed = close_at("2026-06-10T17:06:00Z").await.expect("closes on its counted tray");
    assert_eq!(closed.status, pitboss::table_context::TableStatus::Closed);
    let reopened = open_at(pit_boss_a(), "2026-06-10T18:00:00Z").await.expect_err("the closing count is no opening");
    assert_eq!(reopened.code(), ErrorCode::TableOpeningCountRequired);
}

//! PlayerFinancialService and MTLService against PostgreSQL as the runtime role: the server-derived gaming
//! day (across the day boundary and DST), replays, the append-only tables, reversals, the feature flag, the
//! MTL floor (at, below, above, reached by small entries), in and out never netted, and who may do what.
#![allow(clippy::expect_used, reason = "a test helper that cannot set up should fail the test loudly")]

mod common;
#[path = "finance/support.rs"]
mod support;

use common::{
    ADMIN_B, ALMA, ALMA_SLIP, ALMA_VISIT, CASINO_A, CASINO_B, COMPLIANCE_A, CRUZ, DEALER_A, Pools, actor, admin_a,
    audit_actions, audited, pit_boss_a, run,
};
use pitboss::casino::StaffRole;
use pitboss::feature::{self, Flag};
use pitboss::finance::{self, Direction, NewEntry, ReversalRequest, Source, Tender};
use pitboss::mtl::{self, Proximity};
use pitboss::player::PlayerId;
use pitboss::{Actor, Cents, DomainError, ErrorCode, floor};
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use support::{
    at, cash_in, cash_out, cashier_a, day, entries_with_key, key_of, logged, proximity, record, record_at,
    record_keyed, reverse,
};
use uuid::Uuid;

#[sqlx::test(migrator = "pitboss::MIGRATOR", fixtures("two_casinos"))]
async fn the_server_dates_entries_by_the_casinos_gaming_day_across_the_boundary_and_dst(
    options: PgPoolOptions,
    connect: PgConnectOptions,
) {
    let pools = Pools::connect(options, connect).await;
    // Casino A: America/Los_Angeles, gaming day from 06:00. DST began 2026-03-08 02:00 and ended 2026-11-01 02:00.
    let cases = [
        ("2026-03-08T05:59:59-07:00", "2026-03-07"), // after spring-forward, one second before the boundary
        ("2026-03-08T06:00:00-07:00", "2026-03-08"), // the start instant belongs to the new day
        ("2026-03-08T01:59:59-08:00", "2026-03-07"), // the last second before the clocks jump
        ("2026-11-01T01:30:00-07:00", "2026-10-31"), // 01:30 the first time (PDT)…
        ("2026-11-01T01:30:00-08:00", "2026-10-31"), // …and the second time (PST): same gaming day
        ("2026-11-01T05:59:59-08:00", "2026-10-31"), // the 25-hour gaming day's last second
        ("2026-11-01T06:00:00-08:00", "2026-11-01"),
    ];
    for (instant, expected) in cases {
        let entry = record_at(&pools, at(instant), &cash_in(CRUZ, 10_000)).await;
        assert_eq!(entry.gaming_day, day(expected), "an entry at {instant}");
        assert_eq!(entry.created_at, at(instant), "stored at the transaction's clock");
    }

    // The MTL adds up per gaming day: $2,000 one second before 06:00 and $2,000 at 06:00 are two days.
    let before = record_at(&pools, at("2026-04-10T05:59:59-07:00"), &cash_in(ALMA, 200_000)).await;
    let after = record_at(&pools, at("2026-04-10T06:00:00-07:00"), &cash_in(ALMA, 200_000)).await;
    assert_eq!((before.gaming_day, after.gaming_day), (day("2026-04-09"), day("2026-04-10")));
    assert!(logged(&pools, &after).await.is_empty(), "totals of two gaming days were added up");
    let third = record_at(&pools, at("2026-04-11T05:00:00-07:00"), &cash_in(ALMA, 100_000)).await;
    assert_eq!(logged(&pools, &third).await, [(100_000, 300_000, false)], "same gaming day as the 06:00 entry");
    pools.close().await;
}

#[sqlx::test(migrator = "pitboss::MIGRATOR", fixtures("two_casinos"))]
async fn a_resend_returns_the_first_entry_and_writes_nothing(options: PgPoolOptions, connect: PgConnectOptions) {
    let pools = Pools::connect(options, connect).await;
    let (entry, key) = (cash_in(CRUZ, 350_000), Uuid::new_v4());
    let first = record_keyed(&pools, cashier_a(), &entry, key).await.expect("first");
    let again = record_keyed(&pools, cashier_a(), &entry, key).await.expect("replay");
    assert_eq!(again, first, "the replay returns the first entry");
    // The key is bound to its entry, for every writer (the rule is the database function's): a resend saying
    // something else is refused, not answered with the first entry as if it had been recorded.
    for other in [
        NewEntry { amount: Cents(1), ..entry.clone() },
        NewEntry { direction: Direction::Out, ..entry.clone() },
        NewEntry { note: Some("changed".into()), ..entry.clone() },
        cash_in(ALMA, 350_000),
    ] {
        let refused = record_keyed(&pools, cashier_a(), &other, key).await.expect_err("key bound to its entry");
        assert_eq!(refused.code(), ErrorCode::IdempotencyKeyReused, "{other:?}");
    }
    assert_eq!(entries_with_key(&pools, key).await, 1);
    assert_eq!(logged(&pools, &first).await.len(), 1, "one MTL row, not two");
    assert_eq!(audit_actions(&pools, first.id.0).await, ["player_financial_transaction.created"]);

    // Twenty at once with one key: one entry, every caller gets it.
    let pool = pools.wide_runtime_pool(20).await;
    let (entry, key) = (cash_in(CRUZ, 10_000), Uuid::new_v4());
    let start = std::sync::Arc::new(tokio::sync::Barrier::new(20));
    let calls = (0..20).map(|_| {
        let (pool, start, entry) = (pool.clone(), start.clone(), entry.clone());
        tokio::spawn(async move {
            let who = cashier_a();
            start.wait().await;
            pitboss::db::scoped(&pool, &common::scope(who), async |conn| finance::record(conn, &who, &entry, key).await)
                .await
        })
    });
    let results: Vec<_> = futures::future::join_all(calls).await.into_iter().map(|r| r.expect("task")).collect();
    let entries: Vec<_> = results.into_iter().map(|r| r.expect("every duplicate succeeds")).collect();
    assert!(entries.iter().all(|e| e.id == entries[0].id), "{entries:?}");
    assert_eq!(entries_with_key(&pools, key).await, 1);
    pool.close().await;
    pools.close().await;
}

#[sqlx::test(migrator = "pitboss::MIGRATOR", fixtures("two_casinos"))]
async fn finance_and_mtl_rows_refuse_updates_and_deletes_from_everyone(
    options: PgPoolOptions,
    connect: PgConnectOptions,
) {
    let pools = Pools::connect(options, connect).await;
    let entry = record(&pools, cashier_a(), &cash_in(CRUZ, 300_000)).await.expect("entry");
    for table in ["player_financial_transaction", "mtl_entry"] {
        let key = if table == "mtl_entry" { "financial_txn_id" } else { "id" };
        for statement in [
            format!("update {table} set amount_cents = 1 where {key} = $1"),
            format!("delete from {table} where {key} = $1"),
        ] {
            let as_superuser = sqlx::query(&statement).bind(entry.id.0).execute(&pools.admin).await;
            let message = as_superuser.expect_err("superuser refused").to_string();
            assert!(message.contains("append-only"), "{statement}: {message}");
            let mut tx = pools.app.begin().await.expect("begin");
            sqlx::query("select set_config('app.casino_id', $1, true), set_config('app.staff_role', 'admin', true)")
                .bind(CASINO_A.0.to_string())
                .execute(&mut *tx)
                .await
                .expect("context");
            let as_runtime = sqlx::query(&statement).bind(entry.id.0).execute(&mut *tx).await;
            assert!(as_runtime.expect_err("runtime refused").to_string().contains("permission denied"), "{statement}");
        }
    }
    // Nor can the runtime role write an MTL row of its own.
    let forged = run(&pools, admin_a(), async |conn, _| {
        sqlx::query(
            "insert into mtl_entry (id, casino_id, player_id, financial_txn_id, staff_id, direction, source, amount_cents,
                                    is_reversal, day_total_cents, gaming_day, created_at)
             select gen_random_uuid(), casino_id, player_id, id, staff_id, direction, source, 1, false, 1, gaming_day, now()
             from player_financial_transaction where id = $1",
        )
        .bind(entry.id.0)
        .execute(conn)
        .await
    })
    .await;
    assert!(forged.expect_err("refused").to_string().contains("permission denied"));
    let amount: i64 = sqlx::query_scalar("select amount_cents from player_financial_transaction where id = $1")
        .bind(entry.id.0)
        .fetch_one(&pools.admin)
        .await
        .expect("amount");
    assert_eq!(amount, 300_000);
    pools.close().await;
}

#[sqlx::test(migrator = "pitboss::MIGRATOR", fixtures("two_casinos"))]
async fn a_reversal_cancels_its_original_once_and_is_logged_like_it(options: PgPoolOptions, connect: PgConnectOptions) {
    let pools = Pools::connect(options, connect).await;
    let small = record(&pools, cashier_a(), &cash_in(CRUZ, 100_000)).await.expect("small");
    let big = record(&pools, cashier_a(), &cash_in(CRUZ, 250_000)).await.expect("big");
    assert_eq!(logged(&pools, &big).await, [(250_000, 350_000, false)]);
    assert_eq!(proximity(&pools, CRUZ).await.level_in, Proximity::Watchlist);

    let refused = reverse(&pools, cashier_a(), &big, "  ").await.expect_err("a reason is required");
    assert_eq!(refused.code(), ErrorCode::FinanceInvalidNote);
    let reversal = reverse(&pools, cashier_a(), &big, "keyed $2,500 instead of $250").await.expect("reversed");
    assert_eq!(
        (reversal.reverses_id, reversal.amount, reversal.direction, reversal.gaming_day),
        (Some(big.id), big.amount, big.direction, big.gaming_day)
    );
    assert_eq!(logged(&pools, &reversal).await, [(250_000, 100_000, true)], "the log shows the correction");
    let after = proximity(&pools, CRUZ).await;
    assert_eq!((after.cash_in, after.level_in), (Cents(100_000), Proximity::None));
    assert_eq!(audit_actions(&pools, reversal.id.0).await, ["player_financial_transaction.reversed"]);

    let again = reverse(&pools, cashier_a(), &big, "twice").await.expect_err("once only");
    assert_eq!(again.code(), ErrorCode::FinanceNotReversible);
    let of_reversal = reverse(&pools, cashier_a(), &reversal, "undo").await.expect_err("a reversal is final");
    assert_eq!(of_reversal.code(), ErrorCode::FinanceNotReversible);
    // An entry below the floor is reversed without an MTL row.
    let small_reversal = reverse(&pools, cashier_a(), &small, "wrong player").await.expect("reversed");
    assert!(logged(&pools, &small_reversal).await.is_empty());
    // A reversal's key is bound to its original and reason: the same resend replays, another is refused.
    let key = key_of(&pools, small_reversal.id).await;
    let resend =
        |reason: &str| ReversalRequest { original_id: small.id, reason: reason.to_owned(), idempotency_key: key };
    let replay =
        run(&pools, cashier_a(), async |conn, actor| finance::reverse(conn, actor, &resend("wrong player")).await);
    assert_eq!(replay.await.expect("replayed").id, small_reversal.id);
    let other = run(&pools, cashier_a(), async |conn, actor| finance::reverse(conn, actor, &resend("other")).await);
    assert_eq!(other.await.expect_err("other reason").code(), ErrorCode::IdempotencyKeyReused);

    let listed = run(&pools, cashier_a(), async |conn, actor| finance::player_finance(conn, actor, CRUZ, None).await)
        .await
        .expect("list");
    let big_listed = listed.entries.iter().find(|e| e.id == big.id).expect("listed");
    assert_eq!(big_listed.reversed_by, Some(reversal.id));
    assert_eq!(listed.totals.cash_in, Cents(0));
    pools.close().await;
}

#[sqlx::test(migrator = "pitboss::MIGRATOR", fixtures("two_casinos"))]
async fn with_the_flag_off_the_server_refuses_every_entry(options: PgPoolOptions, connect: PgConnectOptions) {
    let pools = Pools::connect(options, connect).await;
    let entry = record(&pools, cashier_a(), &cash_in(CRUZ, 10_000)).await.expect("flag on");
    run(&pools, admin_a(), async |conn, actor| {
        feature::set_flag(conn, actor, Flag::FinanceMinimalEnabled, false).await
    })
    .await
    .expect("admin turns finance off");
    let refused = record(&pools, cashier_a(), &cash_in(CRUZ, 10_000)).await.expect_err("flag off");
    assert_eq!(refused.code(), ErrorCode::FinanceFeatureDisabled);
    let refused = reverse(&pools, cashier_a(), &entry, "typo").await.expect_err("flag off");
    assert_eq!(refused.code(), ErrorCode::FinanceFeatureDisabled);
    // Casino B never turned it on.
    let bram = PlayerId(uuid::uuid!("bbbbbbbb-3333-4000-8000-0000000000b1"));
    let refused = record(&pools, actor(CASINO_B, ADMIN_B, StaffRole::Admin), &cash_in(bram, 10_000)).await;
    assert_eq!(refused.expect_err("flag never on").code(), ErrorCode::FinanceFeatureDisabled);

    let flags = run(&pools, cashier_a(), async |conn, actor| feature::flags(conn, actor).await).await.expect("flags");
    let finance_flag = flags.iter().find(|f| f.flag == Flag::FinanceMinimalEnabled).expect("listed");
    assert_eq!((finance_flag.enabled, finance_flag.updated_by.as_deref()), (false, Some("Ada Admin")));
    let not_admin = run(&pools, pit_boss_a(), async |conn, actor| {
        feature::set_flag(conn, actor, Flag::FinanceMinimalEnabled, true).await
    })
    .await
    .expect_err("admins only");
    assert_eq!(not_admin.code(), ErrorCode::Forbidden);
    assert_eq!(audited(&pools, "feature_flag.updated").await, 1);
    pools.close().await;
}

#[sqlx::test(migrator = "pitboss::MIGRATOR", fixtures("two_casinos"))]
async fn the_mtl_logs_from_the_floor_on_and_never_nets_in_against_out(
    options: PgPoolOptions,
    connect: PgConnectOptions,
) {
    let pools = Pools::connect(options, connect).await;
    // Below the floor by a cent, then exactly at it, then above: the crossing entry and every later one.
    let first = record(&pools, cashier_a(), &cash_in(CRUZ, 299_999)).await.expect("below");
    assert!(logged(&pools, &first).await.is_empty());
    let crossing = record(&pools, cashier_a(), &cash_in(CRUZ, 1)).await.expect("at the floor");
    assert_eq!(logged(&pools, &crossing).await, [(1, 300_000, false)]);
    let later = record(&pools, cashier_a(), &cash_in(CRUZ, 5_000)).await.expect("above");
    assert_eq!(logged(&pools, &later).await, [(5_000, 305_000, false)]);
    // Other tenders never count.
    let chips = record(&pools, cashier_a(), &NewEntry { tender: Tender::Chips, ..cash_in(CRUZ, 800_000) }).await;
    assert!(logged(&pools, &chips.expect("chips")).await.is_empty());

    // Out is its own total: $2,000 out after $3,050 in is not logged, and nothing nets.
    let out = record(&pools, cashier_a(), &cash_out(CRUZ, 200_000)).await.expect("out");
    assert!(logged(&pools, &out).await.is_empty());
    let p = proximity(&pools, CRUZ).await;
    assert_eq!(
        (p.cash_in, p.cash_out, p.level_in, p.level_out, p.level()),
        (Cents(305_000), Cents(200_000), Proximity::Watchlist, Proximity::None, Proximity::Watchlist)
    );

    // Several small entries add up: $1,000 × 3 on another player crosses on the third.
    let mut rows = Vec::new();
    for _ in 0..3 {
        let entry = record(&pools, pit_boss_a(), &NewEntry { source: Source::Pit, ..cash_in(ALMA, 100_000) }).await;
        rows.push(logged(&pools, &entry.expect("small")).await.len());
    }
    assert_eq!(rows, [0, 0, 1]);

    // Near CTR above 90% of $10,000, CTR above $10,000.
    record(&pools, cashier_a(), &cash_out(CRUZ, 700_001)).await.expect("out to $9,000.01");
    assert_eq!(proximity(&pools, CRUZ).await.level_out, Proximity::NearCtr);
    record(&pools, cashier_a(), &cash_out(CRUZ, 99_999)).await.expect("out to exactly $10,000");
    assert_eq!(proximity(&pools, CRUZ).await.level_out, Proximity::NearCtr, "a CTR is due above $10,000, not at it");
    record(&pools, cashier_a(), &cash_out(CRUZ, 1)).await.expect("out past $10,000");
    let p = proximity(&pools, CRUZ).await;
    assert_eq!((p.level_in, p.level_out, p.level()), (Proximity::Watchlist, Proximity::Ctr, Proximity::Ctr));

    // The compliance view lists the rows and ranks Cruz (CTR) above Alma (watchlist).
    let view = run(&pools, actor(CASINO_A, COMPLIANCE_A, StaffRole::Compliance), async |conn, actor| {
        mtl::compliance_view(conn, actor).await
    })
    .await
    .expect("compliance view");
    let names: Vec<_> = view.patrons.iter().map(|p| p.player_name.as_str()).collect();
    assert_eq!(names, ["Cruz Castro", "Alma Ayala"]);
    let today: Vec<_> = view.entries.iter().filter(|e| e.gaming_day == view.gaming_day).collect();
    assert_eq!(today.len(), 2 + 1 + 3, "crossing + later on Cruz's in, Alma's third, Cruz's three outs");
    assert!(view.entries.iter().all(|e| e.player_name != "Bram Bakker"), "another casino's rows");

    // The seat map shows Alma's level to the pit.
    let maps =
        run(&pools, pit_boss_a(), async |conn, actor| floor::seat_maps(conn, actor, None).await).await.expect("maps");
    let alma = maps.iter().flat_map(|t| &t.seats).filter_map(|s| s.occupant.as_ref()).find(|o| o.player_id == ALMA);
    assert_eq!(alma.expect("Alma is seated").proximity, Proximity::Watchlist);
    pools.close().await;
}

#[sqlx::test(migrator = "pitboss::MIGRATOR", fixtures("two_casinos"))]
async fn each_role_records_and_reads_only_what_it_may(options: PgPoolOptions, connect: PgConnectOptions) {
    let pools = Pools::connect(options, connect).await;
    let compliance = actor(CASINO_A, COMPLIANCE_A, StaffRole::Compliance);
    let dealer = actor(CASINO_A, DEALER_A, StaffRole::Dealer);
    let at_pit = NewEntry { source: Source::Pit, ..cash_in(ALMA, 10_000) };
    let cases: [(Actor, &NewEntry, Option<ErrorCode>); 7] = [
        (cashier_a(), &cash_in(ALMA, 10_000), None),
        (cashier_a(), &at_pit, Some(ErrorCode::FinanceSourceNotAllowed)),
        (pit_boss_a(), &at_pit, None),
        (pit_boss_a(), &cash_in(ALMA, 10_000), Some(ErrorCode::FinanceSourceNotAllowed)),
        (admin_a(), &cash_in(ALMA, 10_000), None),
        (compliance, &at_pit, Some(ErrorCode::Forbidden)),
        (dealer, &at_pit, Some(ErrorCode::Forbidden)),
    ];
    for (who, request, expected) in cases {
        let outcome = record(&pools, who, request).await;
        assert_eq!(outcome.as_ref().err().map(DomainError::code), expected, "{:?} at {:?}", who.role, request.source);
    }

    // Bad input: amount, note, someone else's slip, a player not enrolled here.
    let bram = PlayerId(uuid::uuid!("bbbbbbbb-3333-4000-8000-0000000000b1"));
    let bad: [(NewEntry, ErrorCode); 5] = [
        (cash_in(ALMA, 0), ErrorCode::FinanceInvalidAmount),
        (cash_in(ALMA, -5), ErrorCode::FinanceInvalidAmount),
        (NewEntry { note: Some("x".repeat(201)), ..cash_in(ALMA, 1) }, ErrorCode::FinanceInvalidNote),
        (NewEntry { rating_slip_id: Some(ALMA_SLIP), ..cash_in(CRUZ, 1) }, ErrorCode::FinanceWrongPlayer),
        (cash_in(bram, 1), ErrorCode::PlayerNotEnrolled),
    ];
    for (request, code) in bad {
        assert_eq!(record(&pools, cashier_a(), &request).await.expect_err("refused").code(), code, "{request:?}");
    }
    // A slip implies its visit.
    let at_slip = NewEntry { rating_slip_id: Some(ALMA_SLIP), ..at_pit.clone() };
    let entry = record(&pools, pit_boss_a(), &at_slip).await;
    assert_eq!(entry.expect("at the slip").visit_id, Some(ALMA_VISIT));

    // Reads: compliance reads finance; cashiers may not read the MTL, not even through the table.
    let read =
        run(&pools, compliance, async |conn, actor| finance::player_finance(conn, actor, ALMA, None).await).await;
    assert_eq!(read.expect("compliance reads").entries.len(), 5, "yesterday's and today's four");
    let refused = run(&pools, cashier_a(), async |conn, actor| mtl::compliance_view(conn, actor).await).await;
    assert_eq!(refused.expect_err("cashier").code(), ErrorCode::Forbidden);
    let refused = run(&pools, dealer, async |conn, actor| finance::player_finance(conn, actor, ALMA, None).await).await;
    assert_eq!(refused.expect_err("dealer").code(), ErrorCode::Forbidden);
    let visible: i64 = run(&pools, cashier_a(), async |conn, _| {
        sqlx::query_scalar::<_, i64>("select count(*) from mtl_entry").fetch_one(conn).await
    })
    .await
    .expect("count");
    let exist: i64 = sqlx::query_scalar("select count(*) from mtl_entry where casino_id = $1")
        .bind(CASINO_A.0)
        .fetch_one(&pools.admin)
        .await
        .expect("count");
    assert_eq!((visible, exist > 0), (0, true), "RLS hides the MTL from cashiers");
    pools.close().await;
}

#[sqlx::test(migrator = "pitboss::MIGRATOR", fixtures("two_casinos"))]
async fn a_cashier_sees_a_patrons_cash_today_and_where_an_entry_would_take_it(
    options: PgPoolOptions,
    connect: PgConnectOptions,
) {
    let pools = Pools::connect(options, connect).await;
    let cash_today =
        async |who: Actor| run(&pools, who, async |conn, a| mtl::patron_cash_today(conn, a, CRUZ).await).await;
    let before = cash_today(cashier_a()).await.expect("cashiers see it");
    record(&pools, cashier_a(), &cash_in(CRUZ, 125_000)).await.expect("cash in");
    record(&pools, cashier_a(), &cash_out(CRUZ, 50_000)).await.expect("cash out");
    let today = cash_today(cashier_a()).await.expect("again");
    assert_eq!(today.proximity.cash_in.0, before.proximity.cash_in.0 + 125_000);
    assert_eq!(today.proximity.cash_out.0, before.proximity.cash_out.0 + 50_000);

    // What the cue predicts for $10,500 more is what the pit's badge shows once it is taken.
    let (total, level) = mtl::rules::with_entry(&today, Direction::In, Cents(1_050_000));
    assert_eq!(level, Proximity::Ctr);
    record(&pools, cashier_a(), &cash_in(CRUZ, 1_050_000)).await.expect("the cash");
    let badge = run(&pools, pit_boss_a(), async |conn, a| mtl::player_proximity(conn, a, CRUZ).await).await;
    let badge = badge.expect("the pit reads it");
    assert_eq!((badge.cash_in, badge.level_in), (total, level));

    let dealer = actor(CASINO_A, DEALER_A, StaffRole::Dealer);
    assert_eq!(cash_today(dealer).await.expect_err("dealers").code(), ErrorCode::Forbidden);
    let other_casino = cash_today(actor(CASINO_B, ADMIN_B, StaffRole::Admin)).await.expect("B's own");
    assert_eq!((other_casino.proximity.cash_in.0, other_casino.proximity.cash_out.0), (0, 0), "casino A's cash");
    pools.close().await;
}

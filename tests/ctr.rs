//! The CTR worksheet, its filing and the structuring watch against PostgreSQL as the runtime role, on
//! hand-made gaming days: who is listed and with what totals, what a filing needs, which unfiled worksheets
//! are urgent, and which split cash the watch lists (and the near misses it must not).
#![allow(clippy::expect_used, reason = "a test helper that cannot set up should fail the test loudly")]

mod common;
#[allow(dead_code, reason = "the finance tests' helpers; these tests use some")]
#[path = "finance/support.rs"]
mod support;

use chrono::{Duration, NaiveDate, Utc};
use common::{ADMIN_B, ALMA, CASINO_A, CASINO_B, COMPLIANCE_A, CRUZ, Pools, actor, admin_a, audited, pit_boss_a, run};
use pitboss::casino::{self, ComplianceSettings, StaffRole};
use pitboss::finance::{self, Direction, Tender};
use pitboss::mtl::ctr::{CtrDay, FileCtr};
use pitboss::mtl::structuring::StructuringPattern;
use pitboss::mtl::{self, Proximity, ctr_csv};
use pitboss::{Actor, Cents, DomainError, ErrorCode};
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use support::{cash_in, cash_out, cashier_a, record, record_at, reverse};

fn compliance() -> Actor {
    actor(CASINO_A, COMPLIANCE_A, StaffRole::Compliance)
}

async fn today(pools: &Pools) -> NaiveDate {
    run(pools, compliance(), async |conn, a| casino::today(conn, a).await).await.expect("today")
}

async fn day_of(pools: &Pools, who: Actor) -> Result<CtrDay, mtl::Error> {
    run(pools, who, async |conn, a| mtl::ctr_day(conn, a, None).await).await
}

async fn file(pools: &Pools, who: Actor, filing: &FileCtr) -> Result<mtl::ctr::CtrWorksheet, mtl::Error> {
    run(pools, who, async |conn, a| mtl::file_ctr(conn, a, filing).await).await
}

fn filer(margin: i32, window: i32) -> ComplianceSettings {
    ComplianceSettings {
        legal_name: "Casino A Operating LLC".into(),
        ein: "12-3456789".into(),
        address_line: "1 Strip Ave".into(),
        city: "Las Vegas".into(),
        region: "NV".into(),
        postal_code: "89109".into(),
        structuring_margin_percent: margin,
        structuring_window_days: window,
    }
}

async fn set_filer(pools: &Pools, settings: &ComplianceSettings) {
    run(pools, admin_a(), async |conn, a| casino::update_compliance_settings(conn, a, settings).await)
        .await
        .expect("compliance settings");
}

/// Everything Form 112 asks about Cruz, written as the superuser (numbers by their last four; the sealing has
/// its own tests).
async fn identify_cruz(pools: &Pools) {
    sqlx::query("update player set birth_date = '1975-05-05' where id = $1")
        .bind(CRUZ.0)
        .execute(&pools.admin)
        .await
        .expect("birth date");
    sqlx::query(
        "insert into player_identification (casino_id, player_id, address_line, city, region, postal_code, country,
             occupation, id_type, id_issuer, id_number_sealed, id_number_last4, key_id, staff_id)
         values ($1, $2, '9 Elm St', 'Reno', 'NV', '89501', 'US', 'Welder', 'passport', 'US', '\\x00', '4321', 'k',
                 'aaaaaaaa-0000-4000-8000-0000000000a3')",
    )
    .bind(CASINO_A.0)
    .bind(CRUZ.0)
    .execute(&pools.admin)
    .await
    .expect("identification");
}

#[sqlx::test(migrator = "pitboss::MIGRATOR", fixtures("two_casinos"))]
async fn the_worksheet_lists_each_patron_past_the_threshold_with_the_entries_behind_the_totals(
    options: PgPoolOptions,
    connect: PgConnectOptions,
) {
    let pools = Pools::connect(options, connect).await;
    let cashier = cashier_a();
    // Cruz: $6,000 and $4,501 in (one $700 keyed in and reversed), $2,000 out. Alma: $10,000 out exactly,
    // and $20,000 in chips, which Title 31 does not count.
    record(&pools, cashier, &cash_in(CRUZ, 600_000)).await.expect("$6,000");
    record(&pools, cashier, &cash_in(CRUZ, 450_100)).await.expect("$4,501");
    let twice = record(&pools, cashier, &cash_in(CRUZ, 70_000)).await.expect("$700");
    reverse(&pools, cashier, &twice, "Keyed in twice").await.expect("reversal");
    record(&pools, cashier, &cash_out(CRUZ, 200_000)).await.expect("$2,000 out");
    record(&pools, cashier, &cash_out(ALMA, 1_000_000)).await.expect("$10,000 out");
    let chips = finance::NewEntry { tender: Tender::Chips, ..cash_in(ALMA, 2_000_000) };
    record(&pools, cashier, &chips).await.expect("chips");

    let day = day_of(&pools, compliance()).await.expect("worksheets");
    assert_eq!(day.gaming_day, today(&pools).await);
    assert_eq!(day.due_on, day.gaming_day + Duration::days(15));
    assert_eq!(day.worksheets.len(), 1, "Alma's $10,000 is not above the threshold");
    let cruz = &day.worksheets[0];
    assert_eq!((cruz.player_id, cruz.cash_in, cruz.cash_out), (CRUZ, Cents(1_050_100), Cents(200_000)));
    let amounts: Vec<(Direction, i64)> = cruz.transactions.iter().map(|t| (t.direction, t.signed())).collect();
    assert_eq!(
        amounts,
        [
            (Direction::In, 600_000),
            (Direction::In, 450_100),
            (Direction::In, 70_000),
            (Direction::In, -70_000),
            (Direction::Out, 200_000)
        ]
    );
    assert!(cruz.transactions[2].reversed && cruz.transactions[3].is_reversal);
    for field in ["birth_date", "address_line", "occupation", "id_number", "casino.legal_name", "casino.ein"] {
        assert!(cruz.missing.iter().any(|m| m == field), "{field} is flagged: {:?}", cruz.missing);
    }

    // The CSV: the header and one row whose totals and counts are the hand-computed ones.
    let csv = ctr_csv::ctr_csv(&day);
    let lines: Vec<&str> = csv.split("\r\n").filter(|l| !l.is_empty()).collect();
    assert_eq!(lines.len(), 2, "{csv}");
    assert_eq!(lines[0], ctr_csv::CSV_HEADER);
    assert!(lines[1].contains("\"Castro\",\"Cruz\""), "{}", lines[1]);
    assert!(lines[1].contains(",10501.00,2000.00,4,1,"), "{}", lines[1]);

    // Compliance and admins only; another casino's admin sees none of casino A's cash.
    for who in [pit_boss_a(), cashier] {
        let refused = day_of(&pools, who).await.expect_err("refused");
        assert_eq!(refused.code(), ErrorCode::Forbidden);
    }
    let theirs = day_of(&pools, actor(CASINO_B, ADMIN_B, StaffRole::Admin)).await.expect("casino B");
    assert!(theirs.worksheets.is_empty(), "Cruz is enrolled at B too, but his cash was at A");
    let future = run(&pools, compliance(), async |conn, a| {
        mtl::ctr_day(conn, a, Some(day.gaming_day + Duration::days(1))).await
    })
    .await
    .expect_err("a day not begun");
    assert_eq!(future.fields()[0].code, ErrorCode::MtlInvalidDay);
    pools.close().await;
}

#[sqlx::test(migrator = "pitboss::MIGRATOR", fixtures("two_casinos"))]
async fn a_ctr_is_marked_filed_once_when_due_and_complete(options: PgPoolOptions, connect: PgConnectOptions) {
    let pools = Pools::connect(options, connect).await;
    record(&pools, cashier_a(), &cash_in(CRUZ, 1_000_001)).await.expect("$10,000.01");
    let day = today(&pools).await;
    let filing = FileCtr { player_id: CRUZ, gaming_day: day, filed_on: day, reference: "31000000000001".into() };

    let incomplete = file(&pools, compliance(), &filing).await.expect_err("incomplete");
    assert_eq!(incomplete.code(), ErrorCode::CtrIncomplete);
    assert!(incomplete.fields().iter().any(|f| f.field == "casino.ein"));
    let bad = FileCtr { filed_on: day + Duration::days(1), reference: "BSA 1".into(), ..filing.clone() };
    let fields: Vec<String> =
        file(&pools, compliance(), &bad).await.expect_err("bad").fields().into_iter().map(|f| f.field).collect();
    assert_eq!(fields, ["filed_on", "reference"]);
    let early = FileCtr { filed_on: day - Duration::days(1), ..filing.clone() };
    assert_eq!(
        file(&pools, compliance(), &early).await.expect_err("early").fields()[0].code,
        ErrorCode::CtrInvalidFiledOn
    );
    let alma = FileCtr { player_id: ALMA, ..filing.clone() };
    assert_eq!(file(&pools, compliance(), &alma).await.expect_err("not due").code(), ErrorCode::CtrNotDue);

    set_filer(&pools, &filer(10, 3)).await;
    identify_cruz(&pools).await;
    assert_eq!(file(&pools, pit_boss_a(), &filing).await.expect_err("pit boss").code(), ErrorCode::Forbidden);
    let filed = file(&pools, compliance(), &filing).await.expect("filed");
    let recorded = filed.filing.expect("the filing");
    assert_eq!(
        (recorded.filed_on, recorded.reference.as_str(), recorded.staff_name.as_str()),
        (day, "31000000000001", "Cory Compliance")
    );
    assert!(filed.missing.is_empty());
    assert_eq!(audited(&pools, "ctr_filing.filed").await, 1);
    let again = file(&pools, actor(CASINO_A, common::ADMIN_A, StaffRole::Admin), &filing).await.expect_err("twice");
    assert_eq!(again.code(), ErrorCode::CtrAlreadyFiled);
    let unfiled = run(&pools, compliance(), async |conn, a| mtl::unfiled_ctrs(conn, a).await).await.expect("unfiled");
    assert!(unfiled.iter().all(|u| u.player_id != CRUZ), "{unfiled:?}");

    // Casino B cannot file casino A's patron day: for B, Cruz's cash stayed at nothing.
    let b = file(&pools, actor(CASINO_B, ADMIN_B, StaffRole::Admin), &filing).await.expect_err("casino B");
    assert_eq!(b.code(), ErrorCode::CtrNotDue);
    // A filing is a fact: the runtime role cannot change or remove one.
    for sql in ["update ctr_filing set reference = 'x'", "delete from ctr_filing"] {
        let changed = run(&pools, admin_a(), async |conn, _| sqlx::query(sql).execute(conn).await).await;
        assert!(changed.is_err() || changed.is_ok_and(|r| r.rows_affected() == 0), "{sql}");
    }
    assert_eq!(common::count(&pools, "select count(*) from ctr_filing where reference = '31000000000001'").await, 1);
    pools.close().await;
}

#[sqlx::test(migrator = "pitboss::MIGRATOR", fixtures("two_casinos"))]
async fn unfiled_worksheets_are_listed_oldest_first_and_urgent_after_ten_days(
    options: PgPoolOptions,
    connect: PgConnectOptions,
) {
    let pools = Pools::connect(options, connect).await;
    let now = Utc::now();
    record_at(&pools, now - Duration::days(12), &cash_in(CRUZ, 1_100_000)).await;
    let old = record_at(&pools, now - Duration::days(3), &cash_out(ALMA, 1_000_001)).await;
    // Taken back under the threshold: no CTR due, though the alert fired.
    let gone = record_at(&pools, now - Duration::days(5), &cash_in(ALMA, 1_200_000)).await;
    reverse(&pools, cashier_a(), &gone, "Wrong patron").await.expect("reversal");
    let unfiled = run(&pools, compliance(), async |conn, a| mtl::unfiled_ctrs(conn, a).await).await.expect("unfiled");
    let listed: Vec<_> = unfiled.iter().map(|u| (u.player_id, u.gaming_day, u.urgent)).collect();
    let cruz_day = unfiled[0].gaming_day;
    assert_eq!(listed, [(CRUZ, cruz_day, true), (ALMA, old.gaming_day, false)]);
    assert_eq!(unfiled[0].due_on, cruz_day + Duration::days(15));
    let refused = run(&pools, pit_boss_a(), async |conn, a| mtl::unfiled_ctrs(conn, a).await).await;
    assert_eq!(refused.expect_err("pit boss").code(), ErrorCode::Forbidden);
    pools.close().await;
}

type Flag = (pitboss::player::PlayerId, Direction, StructuringPattern, usize);

async fn watch(pools: &Pools) -> Vec<Flag> {
    let found = run(pools, compliance(), async |conn, a| mtl::structuring_watch(conn, a, None).await).await;
    found.expect("watch").flags.into_iter().map(|f| (f.player_id, f.direction, f.pattern, f.entries.len())).collect()
}

#[sqlx::test(migrator = "pitboss::MIGRATOR", fixtures("two_casinos"))]
async fn the_structuring_watch_lists_split_cash_and_not_its_near_misses(
    options: PgPoolOptions,
    connect: PgConnectOptions,
) {
    let pools = Pools::connect(options, connect).await;
    let now = Utc::now();
    let cashier = cashier_a();
    // Cruz: two buy-ins today just under the $3,000 floor. Near miss: his cash out over three days adds up to
    // exactly $10,000.
    record(&pools, cashier, &cash_in(CRUZ, 290_000)).await.expect("$2,900");
    record(&pools, cashier, &cash_in(CRUZ, 295_000)).await.expect("$2,950");
    record_at(&pools, now - Duration::days(2), &cash_out(CRUZ, 400_000)).await;
    record_at(&pools, now - Duration::days(1), &cash_out(CRUZ, 300_000)).await;
    record(&pools, cashier, &cash_out(CRUZ, 300_000)).await.expect("$3,000 out");
    // Alma: cash out over three days past $10,000, no day past it. Near miss: one buy-in in the band, one
    // just below it.
    record_at(&pools, now - Duration::days(2), &cash_out(ALMA, 400_000)).await;
    record_at(&pools, now - Duration::days(1), &cash_out(ALMA, 300_000)).await;
    record(&pools, cashier, &cash_out(ALMA, 300_100)).await.expect("$3,001 out");
    record(&pools, cashier, &cash_in(ALMA, 290_000)).await.expect("$2,900");
    record(&pools, cashier, &cash_in(ALMA, 269_900)).await.expect("$2,699");

    let today = today(&pools).await;
    assert_eq!(
        watch(&pools).await,
        [
            (
                ALMA,
                Direction::Out,
                StructuringPattern::AcrossDays { from: today - Duration::days(2), total: Cents(1_000_100) },
                3
            ),
            (CRUZ, Direction::In, StructuringPattern::JustUnder { level: Proximity::Watchlist }, 2),
        ]
    );
    // The casino's parameters decide: a 3% margin leaves $2,900 outside the band, two days leave Alma under.
    set_filer(&pools, &filer(3, 2)).await;
    assert_eq!(watch(&pools).await, []);
    let refused = run(&pools, pit_boss_a(), async |conn, a| mtl::structuring_watch(conn, a, None).await).await;
    assert_eq!(refused.expect_err("pit boss").code(), ErrorCode::Forbidden);
    pools.close().await;
}

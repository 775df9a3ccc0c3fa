//! TableContextService against PostgreSQL as the runtime role: the table state machine, dealer rotations,
//! the read-only flag, game settings, tenancy and idempotent replays.
#![allow(clippy::expect_used, reason = "a test helper that cannot set up should fail the test loudly")]

mod common;

use common::{
    CASHIER_A, CASINO_A, COMPLIANCE_A, DEALER_A, DEALER_A2, DEALER_B, PIT_BOSS_A, Pools, TABLE_A_ACTIVE,
    TABLE_A_CLOSED, TABLE_A_INACTIVE, TABLE_B, actor, admin_a, audit_actions, audited, count, pit_boss_a, run, scope,
};
use pitboss::casino::StaffRole;
use pitboss::table_context::{self as tables, GameKey, GameSettingsInput, TableCommand, TableId, TableStatus};
use pitboss::{DomainError, ErrorCode, db};
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use uuid::Uuid;

async fn set_status(pools: &Pools, table: TableId, status: &str) {
    sqlx::query("update gaming_table set status = $1::table_status where id = $2")
        .bind(status)
        .bind(table.0)
        .execute(&pools.admin)
        .await
        .expect("status");
}

async fn stored_status(pools: &Pools, table: TableId) -> TableStatus {
    let status: String = sqlx::query_scalar("select status::text from gaming_table where id = $1")
        .bind(table.0)
        .fetch_one(&pools.admin)
        .await
        .expect("status");
    match status.as_str() {
        "inactive" => TableStatus::Inactive,
        "active" => TableStatus::Active,
        _ => TableStatus::Closed,
    }
}

async fn open_rotations_of(pools: &Pools, dealer: pitboss::casino::StaffId) -> Vec<Uuid> {
    sqlx::query_scalar("select table_id from dealer_rotation where dealer_id = $1 and ended_at is null")
        .bind(dealer.0)
        .fetch_all(&pools.admin)
        .await
        .expect("rotations")
}

async fn apply(pools: &Pools, table: TableId, command: TableCommand) -> Result<TableStatus, tables::Error> {
    let card = run(pools, pit_boss_a(), async |conn, actor| match command {
        TableCommand::Open => tables::open_table(conn, actor, table).await,
        TableCommand::Close => tables::close_table(conn, actor, table).await,
        TableCommand::AssignDealer => tables::assign_dealer(conn, actor, table, DEALER_A2).await,
    })
    .await?;
    Ok(card.status)
}

#[sqlx::test(migrator = "pitboss::MIGRATOR", fixtures("two_casinos"))]
async fn every_state_and_command_pair_through_the_database(options: PgPoolOptions, connect: PgConnectOptions) {
    use TableCommand::*;
    use TableStatus::*;
    let pools = Pools::connect(options, connect).await;
    let cases = [
        ("inactive", Open, Ok(Active), "gaming_table.opened"),
        ("inactive", Close, Err(ErrorCode::TableInvalidState), ""),
        ("inactive", AssignDealer, Err(ErrorCode::TableNotActive), ""),
        ("active", Open, Err(ErrorCode::TableInvalidState), ""),
        ("active", Close, Ok(Closed), "gaming_table.closed"),
        ("active", AssignDealer, Ok(Active), ""),
        ("closed", Open, Ok(Active), "gaming_table.opened"),
        ("closed", Close, Err(ErrorCode::TableInvalidState), ""),
        ("closed", AssignDealer, Err(ErrorCode::TableNotActive), ""),
    ];
    for (from, command, expected, audited) in cases {
        set_status(&pools, TABLE_A_INACTIVE, from).await;
        let before = audit_actions(&pools, TABLE_A_INACTIVE.0).await.len();
        let outcome = apply(&pools, TABLE_A_INACTIVE, command).await.map_err(|e| e.code());
        assert_eq!(outcome, expected, "{from} + {command:?}");
        let after = audit_actions(&pools, TABLE_A_INACTIVE.0).await;
        match expected {
            Ok(status) => assert_eq!(stored_status(&pools, TABLE_A_INACTIVE).await, status, "{from} + {command:?}"),
            Err(_) => assert_eq!(after.len(), before, "{from} + {command:?}: a refusal writes nothing"),
        }
        if !audited.is_empty() {
            assert_eq!(after.last().map(String::as_str), Some(audited), "{from} + {command:?}");
        }
    }
    pools.close().await;
}

#[sqlx::test(migrator = "pitboss::MIGRATOR", fixtures("two_casinos"))]
async fn only_pit_bosses_and_admins_change_tables(options: PgPoolOptions, connect: PgConnectOptions) {
    let pools = Pools::connect(options, connect).await;
    for who in [actor(CASINO_A, CASHIER_A, StaffRole::Cashier), actor(CASINO_A, COMPLIANCE_A, StaffRole::Compliance)] {
        let opened =
            run(&pools, who, async |conn, actor| tables::open_table(conn, actor, TABLE_A_INACTIVE).await).await;
        assert_eq!(opened.expect_err("refused").code(), ErrorCode::Forbidden);
        let assigned =
            run(&pools, who, async |conn, actor| tables::assign_dealer(conn, actor, TABLE_A_ACTIVE, DEALER_A2).await)
                .await;
        assert_eq!(assigned.expect_err("refused").code(), ErrorCode::Forbidden);
        let seen = run(&pools, who, async |conn, actor| tables::tables(conn, actor).await).await.expect("may read");
        assert_eq!(seen.len(), 3);
    }
    let admin_opened =
        run(&pools, admin_a(), async |conn, actor| tables::open_table(conn, actor, TABLE_A_INACTIVE).await).await;
    assert_eq!(admin_opened.expect("admins run the pit too").status, TableStatus::Active);
    pools.close().await;
}

#[sqlx::test(migrator = "pitboss::MIGRATOR", fixtures("two_casinos"))]
async fn assigning_a_dealer_ends_the_previous_rotation(options: PgPoolOptions, connect: PgConnectOptions) {
    let pools = Pools::connect(options, connect).await;
    let card = run(&pools, pit_boss_a(), async |conn, actor| {
        tables::assign_dealer(conn, actor, TABLE_A_ACTIVE, DEALER_A2).await
    })
    .await
    .expect("assigned");
    assert_eq!(card.dealer.map(|d| (d.dealer_id, d.name)), Some((DEALER_A2, "Eli Dealer".to_owned())));
    assert!(open_rotations_of(&pools, DEALER_A).await.is_empty(), "Dee's stint ended");

    let detail = run(&pools, pit_boss_a(), async |conn, actor| tables::table_detail(conn, actor, TABLE_A_ACTIVE).await)
        .await
        .expect("detail");
    let history: Vec<_> = detail.rotations.iter().map(|r| (r.dealer_name.as_str(), r.ended_at.is_some())).collect();
    assert_eq!(history, [("Eli Dealer", false), ("Dee Dealer", true)], "newest first");
    assert!(!detail.rotation_readonly);

    let started_by: Option<Uuid> =
        sqlx::query_scalar("select started_by from dealer_rotation where dealer_id = $1 and ended_at is null")
            .bind(DEALER_A2.0)
            .fetch_one(&pools.admin)
            .await
            .expect("rotation");
    assert_eq!(started_by, Some(PIT_BOSS_A.0));
    let old: Vec<String> =
        audit_actions(&pools, Uuid::parse_str("aaaaaaaa-4444-4000-8000-000000000001").expect("id")).await;
    assert_eq!(old, ["dealer_rotation.ended"]);
    pools.close().await;
}

#[sqlx::test(migrator = "pitboss::MIGRATOR", fixtures("two_casinos"))]
async fn a_dealer_moved_to_another_table_leaves_the_first(options: PgPoolOptions, connect: PgConnectOptions) {
    let pools = Pools::connect(options, connect).await;
    let boss = pit_boss_a();
    run(&pools, boss, async |conn, actor| tables::open_table(conn, actor, TABLE_A_INACTIVE).await).await.expect("open");
    run(&pools, boss, async |conn, actor| tables::assign_dealer(conn, actor, TABLE_A_INACTIVE, DEALER_A).await)
        .await
        .expect("moved");
    assert_eq!(open_rotations_of(&pools, DEALER_A).await, [TABLE_A_INACTIVE.0]);
    let first =
        run(&pools, boss, async |conn, actor| tables::table(conn, actor, TABLE_A_ACTIVE).await).await.expect("card");
    assert_eq!(first.dealer, None, "BJ-01 has no dealer now");
    pools.close().await;
}

#[sqlx::test(migrator = "pitboss::MIGRATOR", fixtures("two_casinos"))]
async fn only_active_dealers_of_this_casino_can_be_assigned(options: PgPoolOptions, connect: PgConnectOptions) {
    let pools = Pools::connect(options, connect).await;
    sqlx::query("update staff set status = 'inactive' where id = $1")
        .bind(DEALER_A2.0)
        .execute(&pools.admin)
        .await
        .expect("x");
    for candidate in [DEALER_B, PIT_BOSS_A, DEALER_A2] {
        let outcome = run(&pools, pit_boss_a(), async |conn, actor| {
            tables::assign_dealer(conn, actor, TABLE_A_ACTIVE, candidate).await
        })
        .await;
        assert_eq!(outcome.expect_err("not available").code(), ErrorCode::DealerNotAvailable, "{candidate:?}");
    }
    assert_eq!(open_rotations_of(&pools, DEALER_A).await, [TABLE_A_ACTIVE.0], "Dee still deals BJ-01");
    pools.close().await;
}

#[sqlx::test(migrator = "pitboss::MIGRATOR", fixtures("two_casinos"))]
async fn reassigning_the_dealer_already_there_changes_nothing(options: PgPoolOptions, connect: PgConnectOptions) {
    let pools = Pools::connect(options, connect).await;
    let before = count(&pools, "select count(*) from audit_log").await;
    run(&pools, pit_boss_a(), async |conn, actor| tables::assign_dealer(conn, actor, TABLE_A_ACTIVE, DEALER_A).await)
        .await
        .expect("no-op");
    assert_eq!(count(&pools, "select count(*) from audit_log").await, before);
    pools.close().await;
}

#[sqlx::test(migrator = "pitboss::MIGRATOR", fixtures("two_casinos"))]
async fn closing_a_table_ends_its_dealers_rotation(options: PgPoolOptions, connect: PgConnectOptions) {
    let pools = Pools::connect(options, connect).await;
    let card = run(&pools, pit_boss_a(), async |conn, actor| tables::close_table(conn, actor, TABLE_A_ACTIVE).await)
        .await
        .expect("closed");
    assert_eq!((card.status, card.dealer), (TableStatus::Closed, None));
    assert!(open_rotations_of(&pools, DEALER_A).await.is_empty());
    assert_eq!(audit_actions(&pools, TABLE_A_ACTIVE.0).await, ["gaming_table.closed"]);
    pools.close().await;
}

#[sqlx::test(migrator = "pitboss::MIGRATOR", fixtures("two_casinos"))]
async fn the_read_only_flag_keeps_the_history_and_refuses_assignment(
    options: PgPoolOptions,
    connect: PgConnectOptions,
) {
    let pools = Pools::connect(options, connect).await;
    sqlx::query("insert into feature_flag (casino_id, key, enabled) values ($1, 'dealer_rotation_log_readonly', true)")
        .bind(CASINO_A.0)
        .execute(&pools.admin)
        .await
        .expect("flag");
    let refused = run(&pools, pit_boss_a(), async |conn, actor| {
        tables::assign_dealer(conn, actor, TABLE_A_ACTIVE, DEALER_A2).await
    })
    .await;
    let error = refused.expect_err("read-only");
    assert_eq!(error.code(), ErrorCode::DealerRotationReadonly);
    assert!(error.code().message().contains("read-only"));
    let detail = run(&pools, pit_boss_a(), async |conn, actor| tables::table_detail(conn, actor, TABLE_A_ACTIVE).await)
        .await
        .expect("detail");
    assert!(detail.rotation_readonly);
    assert_eq!(detail.rotations.len(), 1, "the history is still shown");
    pools.close().await;
}

#[sqlx::test(migrator = "pitboss::MIGRATOR", fixtures("two_casinos"))]
async fn another_casinos_tables_are_invisible_and_untouchable(options: PgPoolOptions, connect: PgConnectOptions) {
    let pools = Pools::connect(options, connect).await;
    let boss = pit_boss_a();
    let labels: Vec<_> = run(&pools, boss, async |conn, actor| tables::tables(conn, actor).await)
        .await
        .expect("tables")
        .into_iter()
        .map(|t| t.label)
        .collect();
    assert_eq!(labels, ["BJ-03", "BJ-01", "BJ-02"], "by pit (High Limit, Main), then label");
    let seen = run(&pools, boss, async |conn, actor| tables::table(conn, actor, TABLE_B).await).await;
    assert_eq!(seen.expect_err("invisible").code(), ErrorCode::NotFound);
    let closed = run(&pools, boss, async |conn, actor| tables::close_table(conn, actor, TABLE_B).await).await;
    assert_eq!(closed.expect_err("untouchable").code(), ErrorCode::NotFound);
    assert_eq!(stored_status(&pools, TABLE_B).await, TableStatus::Active);
    pools.close().await;
}

#[sqlx::test(migrator = "pitboss::MIGRATOR", fixtures("two_casinos"))]
async fn one_dealer_sent_to_two_tables_at_once_lands_at_one(options: PgPoolOptions, connect: PgConnectOptions) {
    let pools = Pools::connect(options, connect).await;
    run(&pools, pit_boss_a(), async |conn, actor| tables::open_table(conn, actor, TABLE_A_INACTIVE).await)
        .await
        .expect("open");
    let attempt = |table: TableId| {
        let pool = pools.app.clone();
        tokio::spawn(async move {
            let boss = pit_boss_a();
            db::scoped(&pool, &scope(boss), async |conn| tables::assign_dealer(conn, &boss, table, DEALER_A2).await)
                .await
        })
    };
    let (a, b) = (attempt(TABLE_A_ACTIVE), attempt(TABLE_A_INACTIVE));
    let outcomes = [a.await.expect("task"), b.await.expect("task")];
    let won = outcomes.iter().filter(|o| o.is_ok()).count();
    let lost: Vec<_> = outcomes.iter().filter_map(|o| o.as_ref().err().map(|e| e.code())).collect();
    assert_eq!(won + lost.len(), 2);
    assert!(won >= 1, "{lost:?}");
    assert!(lost.iter().all(|code| *code == ErrorCode::DealerNotAvailable), "{lost:?}");
    assert_eq!(open_rotations_of(&pools, DEALER_A2).await.len(), 1, "Eli deals exactly one table");
    pools.close().await;
}

#[sqlx::test(migrator = "pitboss::MIGRATOR", fixtures("two_casinos"))]
async fn a_replayed_open_returns_the_first_result_and_audits_once(options: PgPoolOptions, connect: PgConnectOptions) {
    let pools = Pools::connect(options, connect).await;
    let boss = pit_boss_a();
    let key = Uuid::new_v4();
    let open = async || {
        db::scoped_idempotent(&pools.app, &scope(boss), key, "table.open", &TABLE_A_CLOSED, async |conn| {
            tables::open_table(conn, &boss, TABLE_A_CLOSED).await
        })
        .await
    };
    let first = open().await.expect("opened");
    let replay = open().await.expect("replayed, not refused as already open");
    assert_eq!(first, replay);
    assert_eq!(audit_actions(&pools, TABLE_A_CLOSED.0).await, ["gaming_table.opened"]);
    pools.close().await;
}

#[sqlx::test(migrator = "pitboss::MIGRATOR", fixtures("two_casinos"))]
async fn admins_tune_game_settings_within_bounds(options: PgPoolOptions, connect: PgConnectOptions) {
    let pools = Pools::connect(options, connect).await;
    let input = GameSettingsInput {
        min_bet_cents: 2_500,
        max_bet_cents: 1_000_000,
        seats: 6,
        house_edge_bps: 150,
        decisions_per_hour: 60,
        points_per_theo_dollar: 12,
        point_multiplier_pct: 150,
    };
    let saved = run(&pools, admin_a(), async |conn, actor| {
        tables::update_game_settings(conn, actor, &GameKey::new("blackjack"), &input).await
    })
    .await
    .expect("admin");
    assert_eq!((saved.seats, saved.house_edge_bps, saved.point_multiplier_pct), (6, 150, 150));
    let card = run(&pools, admin_a(), async |conn, actor| tables::table(conn, actor, TABLE_A_ACTIVE).await)
        .await
        .expect("card");
    assert_eq!(card.seats, 6, "cards show the game's seats");

    let boss = run(&pools, pit_boss_a(), async |conn, actor| {
        tables::update_game_settings(conn, actor, &GameKey::new("blackjack"), &input).await
    })
    .await;
    assert_eq!(boss.expect_err("admins only").code(), ErrorCode::Forbidden);
    let bad = GameSettingsInput { seats: 40, ..input.clone() };
    let invalid = run(&pools, admin_a(), async |conn, actor| {
        tables::update_game_settings(conn, actor, &GameKey::new("blackjack"), &bad).await
    })
    .await
    .expect_err("invalid");
    assert_eq!(invalid.fields()[0].code, ErrorCode::GameInvalidSeats);
    let missing = run(&pools, admin_a(), async |conn, actor| {
        tables::update_game_settings(conn, actor, &GameKey::new("craps"), &input).await
    })
    .await;
    assert_eq!(missing.expect_err("no craps at A").code(), ErrorCode::NotFound);
    assert_eq!(audited(&pools, "game_settings.updated").await, 1);
    pools.close().await;
}

#[sqlx::test(migrator = "pitboss::MIGRATOR", fixtures("two_casinos"))]
async fn adding_a_table_validates_every_field_and_audits(
    pool_options: PgPoolOptions,
    connect_options: PgConnectOptions,
) {
    let pools = Pools::connect(pool_options, connect_options).await;
    let add = async |label: &str, pit: &str, game: &str, min: i64, max: i64| {
        let new = tables::NewTable {
            label: label.into(),
            pit: pit.into(),
            game: GameKey::new(game),
            min_bet_cents: min,
            max_bet_cents: max,
            seats: None,
        };
        db::as_casino_admin(&pools.app, CASINO_A, async |conn| tables::add_table(conn, CASINO_A, &new).await).await
    };

    let card = add(" BJ-09 ", "Main", "blackjack", 1_000, 50_000).await.expect("a valid table");
    assert_eq!(
        (card.label.as_str(), card.status, card.min_bet.0, card.dealer),
        ("BJ-09", TableStatus::Inactive, 1_000, None)
    );
    assert_eq!(audit_actions(&pools, card.id.0).await, ["gaming_table.created"]);

    let taken = add("BJ-01", "Main", "blackjack", 1_000, 50_000).await.expect_err("label taken");
    assert_eq!(taken.code(), ErrorCode::ValidationFailed);
    assert_eq!(
        taken.fields().iter().map(|f| (f.field.as_str(), f.code)).collect::<Vec<_>>(),
        [("label", ErrorCode::TableLabelTaken)]
    );

    let invalid = add("  ", "", "blackjack", 0, -5).await.expect_err("nothing valid");
    let fields: Vec<_> = invalid.fields().iter().map(|f| (f.field.clone(), f.code)).collect();
    assert_eq!(
        fields,
        [
            ("label".to_owned(), ErrorCode::TableInvalidLabel),
            ("pit".to_owned(), ErrorCode::TableInvalidPit),
            ("min_bet_cents".to_owned(), ErrorCode::GameInvalidLimits),
            ("max_bet_cents".to_owned(), ErrorCode::GameInvalidLimits),
        ]
    );
    let unconfigured = add("CR-01", "Main", "craps", 1_000, 50_000).await.expect_err("no craps settings");
    assert_eq!(unconfigured.code(), ErrorCode::NotFound);
    let count: i64 = sqlx::query_scalar("select count(*) from gaming_table where casino_id = $1")
        .bind(CASINO_A.0)
        .fetch_one(&pools.admin)
        .await
        .expect("count");
    assert_eq!(count, 4, "only the valid table was written");
}

//! CasinoService against PostgreSQL as the runtime role: settings, roster, staff creation and their audit.
#![allow(clippy::expect_used, reason = "a test helper that cannot set up should fail the test loudly")]

mod common;

use common::{CASHIER_A, CASINO_A, CASINO_B, Pools, actor, admin_a, pit_boss_a, scope};
use pitboss::casino::{self, NewLogin, NewStaff, SettingsInput, StaffRole};
use pitboss::{Actor, Cents, DomainError, ErrorCode, db};
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};

fn settings_input() -> SettingsInput {
    SettingsInput {
        gaming_day_start: "05:00".into(),
        timezone: "America/Denver".into(),
        watchlist_floor_cents: 250_000,
        ctr_threshold_cents: 1_000_000,
        reward_cap_points: 2_000,
        late_action_minutes: 45,
    }
}

async fn update(pools: &Pools, actor: Actor, input: &SettingsInput) -> Result<casino::CasinoSettings, casino::Error> {
    db::scoped(&pools.app, &scope(actor), async |conn| casino::update_settings(conn, &actor, input).await).await
}

async fn audit_rows(pools: &Pools, action: &str) -> Vec<(Option<uuid::Uuid>, Option<uuid::Uuid>, serde_json::Value)> {
    sqlx::query_as(
        "select actor_staff_id, request_id, coalesce(after, 'null') from audit_log where action = $1 order by occurred_at",
    )
    .bind(action)
    .fetch_all(&pools.admin)
    .await
    .expect("audit rows")
}

#[sqlx::test(migrator = "pitboss::MIGRATOR", fixtures("two_casinos"))]
async fn an_admin_updates_settings_and_the_change_is_audited(options: PgPoolOptions, connect: PgConnectOptions) {
    let pools = Pools::connect(options, connect).await;
    let admin = admin_a();
    let scope = scope(admin);
    let saved =
        db::scoped(&pools.app, &scope, async |conn| casino::update_settings(conn, &admin, &settings_input()).await)
            .await
            .expect("admin may update");
    assert_eq!(saved.timezone, "America/Denver");
    assert_eq!(saved.watchlist_floor, Cents(250_000));
    assert_eq!(saved.late_action_minutes, 45);

    let rows = audit_rows(&pools, "casino_settings.updated").await;
    assert_eq!(rows.len(), 1);
    let (actor_id, request_id, after) = &rows[0];
    assert_eq!(*actor_id, Some(admin.staff_id.0), "the actor comes from the transaction context");
    assert_eq!(*request_id, Some(scope.request_id));
    assert_eq!(after["timezone"], "America/Denver");
    let b_zone: String = sqlx::query_scalar("select timezone from casino_settings where casino_id = $1")
        .bind(CASINO_B.0)
        .fetch_one(&pools.admin)
        .await
        .expect("b settings");
    assert_eq!(b_zone, "America/New_York", "casino B is untouched");
    pools.close().await;
}

#[sqlx::test(migrator = "pitboss::MIGRATOR", fixtures("two_casinos"))]
async fn only_admins_change_settings(options: PgPoolOptions, connect: PgConnectOptions) {
    let pools = Pools::connect(options, connect).await;
    for who in [pit_boss_a(), actor(CASINO_A, CASHIER_A, StaffRole::Cashier)] {
        let error = update(&pools, who, &settings_input()).await.expect_err("refused");
        assert_eq!(error.code(), ErrorCode::Forbidden);
    }
    assert!(audit_rows(&pools, "casino_settings.updated").await.is_empty(), "nothing is written");
    pools.close().await;
}

#[sqlx::test(migrator = "pitboss::MIGRATOR", fixtures("two_casinos"))]
async fn invalid_settings_are_refused_field_by_field(options: PgPoolOptions, connect: PgConnectOptions) {
    let pools = Pools::connect(options, connect).await;
    let cases = [
        (
            SettingsInput { timezone: "Mars/Olympus_Mons".into(), ..settings_input() },
            "timezone",
            ErrorCode::CasinoInvalidTimezone,
        ),
        (SettingsInput { timezone: "PST".into(), ..settings_input() }, "timezone", ErrorCode::CasinoInvalidTimezone),
        (
            SettingsInput { gaming_day_start: "25:00".into(), ..settings_input() },
            "gaming_day_start",
            ErrorCode::CasinoInvalidGamingDayStart,
        ),
        (
            SettingsInput { watchlist_floor_cents: -1, ..settings_input() },
            "watchlist_floor_cents",
            ErrorCode::CasinoInvalidThreshold,
        ),
        (
            SettingsInput { ctr_threshold_cents: 200_000, ..settings_input() },
            "ctr_threshold_cents",
            ErrorCode::CasinoInvalidThreshold,
        ),
        (
            SettingsInput { reward_cap_points: 0, ..settings_input() },
            "reward_cap_points",
            ErrorCode::CasinoInvalidRewardCap,
        ),
        (
            SettingsInput { late_action_minutes: 721, ..settings_input() },
            "late_action_minutes",
            ErrorCode::CasinoInvalidLateActionWindow,
        ),
    ];
    for (input, field, code) in cases {
        let error = update(&pools, admin_a(), &input).await.expect_err("invalid");
        assert_eq!(error.code(), ErrorCode::ValidationFailed);
        assert!(error.fields().iter().any(|f| f.field == field && f.code == code), "{field}: {:?}", error.fields());
    }
    let zone: String = sqlx::query_scalar("select timezone from casino_settings where casino_id = $1")
        .bind(CASINO_A.0)
        .fetch_one(&pools.admin)
        .await
        .expect("settings");
    assert_eq!(zone, "America/Los_Angeles", "nothing half-written");
    pools.close().await;
}

#[sqlx::test(migrator = "pitboss::MIGRATOR", fixtures("two_casinos"))]
async fn the_roster_shows_this_casinos_staff_to_pit_bosses_and_admins(
    options: PgPoolOptions,
    connect: PgConnectOptions,
) {
    let pools = Pools::connect(options, connect).await;
    let pit_boss = pit_boss_a();
    let roster = db::scoped(&pools.app, &scope(pit_boss), async |conn| casino::staff_of_casino(conn, &pit_boss).await)
        .await
        .expect("pit boss may list");
    let names: Vec<_> = roster.iter().map(|m| m.first_name.as_str()).collect();
    assert_eq!(roster.len(), 6, "casino A's six staff, none of B's: {names:?}");
    assert!(roster.iter().any(|m| m.role == StaffRole::Dealer));
    let seen: Vec<_> = roster.iter().filter_map(|m| m.email.as_deref()).collect();
    assert_eq!(seen, ["pitboss@a.casino"], "pit bosses see no credential but their own");

    let admin = admin_a();
    let as_admin = db::scoped(&pools.app, &scope(admin), async |conn| casino::staff_of_casino(conn, &admin).await)
        .await
        .expect("admin may list");
    assert!(as_admin.iter().any(|m| m.email.as_deref() == Some("pitboss@a.casino")));

    let cashier = actor(CASINO_A, CASHIER_A, StaffRole::Cashier);
    let refused = db::scoped(&pools.app, &scope(cashier), async |conn| casino::staff_of_casino(conn, &cashier).await)
        .await
        .expect_err("cashiers may not");
    assert_eq!(refused.code(), ErrorCode::Forbidden);
    pools.close().await;
}

#[sqlx::test(migrator = "pitboss::MIGRATOR", fixtures("two_casinos"))]
async fn adding_staff_checks_logins_and_audits(options: PgPoolOptions, connect: PgConnectOptions) {
    let pools = Pools::connect(options, connect).await;
    let login = |email: &str| {
        Some(NewLogin {
            email: email.into(),
            password_hash: "$argon2id$placeholder".into(),
            must_change_password: false,
        })
    };
    let new = |role, email: Option<NewLogin>| NewStaff {
        first_name: "Nia".into(),
        last_name: "Novak".into(),
        role,
        login: email,
    };
    let add = async |staff: NewStaff| {
        db::as_casino_admin(&pools.app, CASINO_A, async |conn| casino::add_staff(conn, CASINO_A, &staff).await).await
    };

    let added = add(new(StaffRole::PitBoss, login("nia@a.casino"))).await.expect("added");
    assert_eq!(added.email.as_deref(), Some("nia@a.casino"));
    let taken = add(new(StaffRole::Cashier, login("nia@a.casino"))).await.expect_err("email taken");
    assert_eq!(taken.fields()[0].code, ErrorCode::StaffEmailTaken);
    let dealer = add(new(StaffRole::Dealer, login("dealer@a.casino"))).await.expect_err("dealers have no login");
    assert_eq!(dealer.fields()[0].code, ErrorCode::StaffDealerHasNoLogin);
    add(new(StaffRole::Dealer, None)).await.expect("a dealer without login");

    let audited = audit_rows(&pools, "staff.created").await;
    assert_eq!(audited.len(), 2);
    assert!(audited.iter().all(|(_, _, after)| after.get("password_hash").is_none()));
    pools.close().await;
}

#[sqlx::test(migrator = "pitboss::MIGRATOR", fixtures("two_casinos"))]
async fn a_dealer_credential_is_refused_by_the_database_itself(options: PgPoolOptions, connect: PgConnectOptions) {
    let pools = Pools::connect(options, connect).await;
    let error = sqlx::query(
        "insert into staff_credential (staff_id, casino_id, email, password_hash) values ($1, $2, 'dee@a.casino', 'x')",
    )
    .bind(common::DEALER_A.0)
    .bind(CASINO_A.0)
    .execute(&pools.admin)
    .await
    .expect_err("refused even for a superuser");
    assert!(error.to_string().contains("dealers cannot"), "{error}");
    pools.close().await;
}

#[sqlx::test(migrator = "pitboss::MIGRATOR")]
async fn the_demo_seed_builds_both_casinos_once(options: PgPoolOptions, connect: PgConnectOptions) {
    let pools = Pools::connect(options, connect).await;
    let first = pitboss::seed::demo(&pools.app).await.expect("seeds as the runtime role, under RLS");
    assert_eq!(first.created, ["Demo Casino", "Other Casino"]);
    let again = pitboss::seed::demo(&pools.app).await.expect("idempotent");
    assert_eq!(again.existing, ["Demo Casino", "Other Casino"]);

    let demo = pitboss::seed::DEMO_CASINO_ID.0;
    let count =
        async |sql: &str| -> i64 { sqlx::query_scalar(sql).bind(demo).fetch_one(&pools.admin).await.expect(sql) };
    assert_eq!(count("select count(*) from gaming_table where casino_id = $1").await, 12);
    assert_eq!(count("select count(distinct pit) from gaming_table where casino_id = $1").await, 2);
    assert_eq!(count("select count(distinct game_type) from gaming_table where casino_id = $1").await, 4);
    assert_eq!(count("select count(*) from player_casino where casino_id = $1").await, 40);
    assert_eq!(count("select count(*) from player_loyalty where casino_id = $1").await, 40);
    assert_eq!(count("select count(*) from staff where casino_id = $1 and role = 'dealer'").await, 6);
    assert_eq!(count("select count(*) from staff where casino_id = $1 and role = 'pit_boss'").await, 2);
    assert_eq!(count("select count(*) from staff_credential where casino_id = $1").await, 5);
    assert_eq!(count("select count(*) from rating_slip where casino_id = $1 and status = 'open'").await, 4);
    assert_eq!(count("select count(*) from rating_slip where casino_id = $1 and status = 'paused'").await, 1);
    assert_eq!(count("select count(*) from visit where casino_id = $1 and table_id is not null").await, 5);
    let uncounted = "select count(*) from gaming_table t where casino_id = $1 and status = 'active' and not exists
                     (select 1 from table_inventory_count c where c.table_id = t.id and c.kind = 'opening')";
    assert_eq!(count(uncounted).await, 0, "every open demo table stands on an opening count");
    pools.close().await;
}

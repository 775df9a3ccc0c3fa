//! Shared set-up for the integration tests: the superuser pool sqlx gives each test, a second pool that
//! connects as the runtime role (so row-level security applies), and the fixture's well-known ids.
#![allow(dead_code)]

pub mod probe;

use pitboss::Actor;
use pitboss::casino::{CasinoId, StaffId, StaffRole};
use pitboss::db::Scope;
use sqlx::PgPool;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use uuid::{Uuid, uuid};

pub const CASINO_A: CasinoId = CasinoId(uuid!("aaaaaaaa-0000-4000-8000-000000000001"));
pub const CASINO_B: CasinoId = CasinoId(uuid!("bbbbbbbb-0000-4000-8000-000000000002"));
pub const ADMIN_A: StaffId = StaffId(uuid!("aaaaaaaa-0000-4000-8000-0000000000a1"));
pub const PIT_BOSS_A: StaffId = StaffId(uuid!("aaaaaaaa-0000-4000-8000-0000000000a2"));
pub const CASHIER_A: StaffId = StaffId(uuid!("aaaaaaaa-0000-4000-8000-0000000000a3"));
pub const DEALER_A: StaffId = StaffId(uuid!("aaaaaaaa-0000-4000-8000-0000000000a4"));
pub const COMPLIANCE_A: StaffId = StaffId(uuid!("aaaaaaaa-0000-4000-8000-0000000000a5"));
pub const ADMIN_B: StaffId = StaffId(uuid!("bbbbbbbb-0000-4000-8000-0000000000b1"));

/// The two pools of one test database.
pub struct Pools {
    /// Superuser: fixtures and cross-tenant assertions only. Bypasses RLS.
    pub admin: PgPool,
    /// `pitboss_app`: everything the application would do. Subject to RLS.
    pub app: PgPool,
}

impl Pools {
    /// Connects both pools and checks the runtime pool really is the unprivileged role, so no test can
    /// pass because RLS was silently bypassed.
    pub async fn connect(pool_options: PgPoolOptions, connect_options: PgConnectOptions) -> Self {
        let admin = pool_options.connect_with(connect_options.clone()).await.expect("superuser pool");
        let app = PgPoolOptions::new()
            .max_connections(4)
            .connect_with(connect_options.username(pitboss::db::RUNTIME_ROLE))
            .await
            .expect("runtime pool");
        let (user, superuser, bypass): (String, bool, bool) = sqlx::query_as(
            "select current_user::text, rolsuper, rolbypassrls from pg_roles where rolname = current_user",
        )
        .fetch_one(&app)
        .await
        .expect("role attributes");
        assert_eq!((user.as_str(), superuser, bypass), ("pitboss_app", false, false), "runtime pool must be RLS-bound");
        let admin_is_super: bool = sqlx::query_scalar("select rolsuper from pg_roles where rolname = current_user")
            .fetch_one(&admin)
            .await
            .expect("attrs");
        assert!(admin_is_super, "the control pool must be a superuser");
        Self { admin, app }
    }

    /// Another runtime-role pool, `connections` wide, for tests that need that many transactions at once.
    pub async fn wide_runtime_pool(&self, connections: u32) -> PgPool {
        PgPoolOptions::new()
            .max_connections(connections)
            .connect_with(self.app.connect_options().as_ref().clone())
            .await
            .expect("wide runtime pool")
    }

    /// Closes both pools; a pool left open makes sqlx leak the test database.
    pub async fn close(self) {
        self.app.close().await;
        self.admin.close().await;
    }
}

pub fn actor(casino_id: CasinoId, staff_id: StaffId, role: StaffRole) -> Actor {
    Actor { staff_id, casino_id, role }
}

pub fn admin_a() -> Actor {
    actor(CASINO_A, ADMIN_A, StaffRole::Admin)
}

pub fn pit_boss_a() -> Actor {
    actor(CASINO_A, PIT_BOSS_A, StaffRole::PitBoss)
}

pub fn scope(actor: Actor) -> Scope {
    Scope { actor, request_id: Uuid::new_v4() }
}

pub const DEALER_A2: StaffId = StaffId(uuid!("aaaaaaaa-0000-4000-8000-0000000000a6"));
pub const DEALER_B: StaffId = StaffId(uuid!("bbbbbbbb-0000-4000-8000-0000000000b4"));
pub const TABLE_A_ACTIVE: pitboss::table_context::TableId =
    pitboss::table_context::TableId(uuid!("aaaaaaaa-2222-4000-8000-000000000001"));
pub const TABLE_A_INACTIVE: pitboss::table_context::TableId =
    pitboss::table_context::TableId(uuid!("aaaaaaaa-2222-4000-8000-000000000002"));
pub const TABLE_A_CLOSED: pitboss::table_context::TableId =
    pitboss::table_context::TableId(uuid!("aaaaaaaa-2222-4000-8000-000000000003"));
pub const TABLE_B: pitboss::table_context::TableId =
    pitboss::table_context::TableId(uuid!("bbbbbbbb-2222-4000-8000-000000000002"));

/// Runs one domain call as `actor`, the way a server function does.
pub async fn run<T, E: From<sqlx::Error>>(
    pools: &Pools,
    actor: Actor,
    work: impl AsyncFnOnce(&mut sqlx::PgConnection, &Actor) -> Result<T, E>,
) -> Result<T, E> {
    pitboss::db::scoped(&pools.app, &scope(actor), async |conn| work(conn, &actor).await).await
}

/// As [`run`], with the transaction's clock at `instant` (`db::scoped_at`).
pub async fn run_at<T, E: From<sqlx::Error>>(
    pools: &Pools,
    actor: Actor,
    instant: chrono::DateTime<chrono::Utc>,
    work: impl AsyncFnOnce(&mut sqlx::PgConnection, &Actor) -> Result<T, E>,
) -> Result<T, E> {
    pitboss::db::scoped_at(&pools.app, &scope(actor), instant, async |conn| work(conn, &actor).await).await
}

/// The one number `sql` selects, read as the superuser (so across every casino).
pub async fn count(pools: &Pools, sql: &str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(&pools.admin).await.unwrap_or_else(|e| panic!("{sql}: {e}"))
}

/// How many audit rows record `action`, in every casino.
pub async fn audited(pools: &Pools, action: &str) -> i64 {
    sqlx::query_scalar("select count(*) from audit_log where action = $1")
        .bind(action)
        .fetch_one(&pools.admin)
        .await
        .expect("audit rows")
}

/// The audit actions recorded for an entity id, oldest first (seen as the superuser).
pub async fn audit_actions(pools: &Pools, entity_id: Uuid) -> Vec<String> {
    sqlx::query_scalar("select action from audit_log where entity_id = $1 order by seq")
        .bind(entity_id)
        .fetch_all(&pools.admin)
        .await
        .expect("audit")
}

pub const ALMA: pitboss::player::PlayerId = pitboss::player::PlayerId(uuid!("aaaaaaaa-3333-4000-8000-0000000000a1"));
pub const CRUZ: pitboss::player::PlayerId = pitboss::player::PlayerId(uuid!("cccccccc-3333-4000-8000-0000000000c1"));
pub const ALMA_VISIT: pitboss::visit::VisitId = pitboss::visit::VisitId(uuid!("aaaaaaaa-5555-4000-8000-000000000001"));
pub const ALMA_SLIP: pitboss::rating_slip::SlipId =
    pitboss::rating_slip::SlipId(uuid!("aaaaaaaa-6666-4000-8000-000000000001"));
pub const BRAM_SLIP: pitboss::rating_slip::SlipId =
    pitboss::rating_slip::SlipId(uuid!("bbbbbbbb-6666-4000-8000-000000000002"));

/// Runs `sql` as the superuser with triggers and foreign keys off, the way someone with database access
/// would edit the database behind the app's back; `id` is bound as `$1` and exactly one row must change.
pub async fn tamper(pools: &Pools, sql: &str, id: Uuid) {
    let mut tx = pools.admin.begin().await.expect("begin");
    sqlx::query("set local session_replication_role = replica").execute(&mut *tx).await.expect("replica");
    let done = sqlx::query(sql).bind(id).execute(&mut *tx).await.expect(sql);
    assert_eq!(done.rows_affected(), 1, "{sql}");
    tx.commit().await.expect("commit");
}

/// A whole second an hour or more from now from which `span` seconds stay inside one of casino A's gaming
/// days: tests on a moved clock must not cross its start, where a visit or slip of the ended day waits for the
/// rollover (`GAMING_DAY_ROLLOVER_PENDING`). Just after that start when the next hour would cross it.
pub async fn clear_of_day_start(pools: &Pools, span: i64) -> chrono::DateTime<chrono::Utc> {
    let ahead = chrono::DateTime::from_timestamp(chrono::Utc::now().timestamp() + 3_600, 0).expect("an instant");
    let next: chrono::DateTime<chrono::Utc> = sqlx::query_scalar(
        "select gaming_day_start_at(gaming_day_at($1, timezone, gaming_day_start) + 1, timezone, gaming_day_start)
         from casino_settings where casino_id = $2",
    )
    .bind(ahead)
    .bind(CASINO_A.0)
    .fetch_one(&pools.admin)
    .await
    .expect("the next gaming day's start");
    if ahead + chrono::Duration::seconds(span) < next { ahead } else { next + chrono::Duration::seconds(60) }
}

/// Readies an open table for closing as the pit does: withdraws its pending fills and credits, then counts its
/// tray (witnessed by the casino's dealer) — `floor::close_table` refuses a table whose tray is not counted.
pub async fn count_for_closing(pools: &Pools, table: pitboss::table_context::TableId) {
    use pitboss::table_accounting::{self as accounting, CageRequestStatus, Chips, CountKind, NewCount};
    run(pools, pit_boss_a(), async |conn, actor| {
        let inventory = accounting::table_inventory(conn, actor, table).await?;
        for request in inventory.requests.iter().filter(|r| r.status == CageRequestStatus::Requested) {
            accounting::cancel(conn, actor, request.id).await?;
        }
        let chips = Chips::from([(inventory.chip_set[0].0, 10)]);
        let count = NewCount { table_id: table, kind: CountKind::Closing, witness_id: DEALER_A, chips };
        accounting::record_count(conn, actor, &count).await
    })
    .await
    .expect("count the tray for closing");
}

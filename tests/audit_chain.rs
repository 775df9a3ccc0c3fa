//! The audit log's hash chain: queued at commit and linked after it, one contiguous chain per casino even
//! with linkers running among concurrent writers, nothing left unlinked by a crash, and every kind of
//! tampering behind the app's back (edit, delete, delete with its link, insert) reported at the link where it
//! happened; a linker's run reads the log by key, whatever join the planner would favour.
#![allow(clippy::expect_used, reason = "a test helper that cannot set up should fail the test loudly")]

mod common;

use common::{CASINO_A, CASINO_B, Pools, admin_a, run, tamper};
use pitboss::audit::{self, AuditEntry, ChainBreak};
use pitboss::feature::{self, Flag};
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use uuid::Uuid;

async fn verify(pools: &Pools) -> Vec<ChainBreak> {
    pitboss::db::as_operator(&pools.admin, async |conn| audit::verify_chain(conn).await).await.expect("verify")
}

/// Runs the linker as a server does (the runtime role, a transaction of its own) until nothing is left.
async fn link(pool: &sqlx::PgPool) -> i64 {
    let mut tx = pool.begin().await.expect("begin");
    let linked = audit::link_all(&mut tx).await.expect("link");
    tx.commit().await.expect("commit");
    linked
}

async fn pending(pools: &Pools) -> Vec<audit::ChainPending> {
    pitboss::db::as_operator(&pools.admin, async |conn| audit::pending(conn).await).await.expect("pending")
}

/// A few audited changes at casino A; returns the audit rows of A, oldest first, as (id, chain seq).
async fn some_history(pools: &Pools) -> Vec<(Uuid, i64)> {
    for enabled in [false, true, false] {
        run(pools, admin_a(), async |conn, actor| {
            feature::set_flag(conn, actor, Flag::FinanceMinimalEnabled, enabled).await
        })
        .await
        .expect("audited change");
    }
    link(&pools.app).await;
    sqlx::query_as("select audit_id, seq from audit_chain where casino_id = $1 order by seq")
        .bind(CASINO_A.0)
        .fetch_all(&pools.admin)
        .await
        .expect("links")
}

#[sqlx::test(migrator = "pitboss::MIGRATOR", fixtures("two_casinos"))]
async fn every_audit_row_is_linked_once_and_the_chains_verify(options: PgPoolOptions, connect: PgConnectOptions) {
    let pools = Pools::connect(options, connect).await;
    let links = some_history(&pools).await;
    assert_eq!(links.iter().map(|l| l.1).collect::<Vec<_>>(), (1..=links.len() as i64).collect::<Vec<_>>());
    // Sixteen writers at once, with two linkers running among them, still make one unbroken chain.
    let pool = pools.wide_runtime_pool(20).await;
    let (done, stopped) = tokio::sync::watch::channel(false);
    let linkers: Vec<_> = (0..2)
        .map(|_| {
            let (pool, stopped) = (pool.clone(), stopped.clone());
            tokio::spawn(async move {
                let mut linked = 0;
                while !*stopped.borrow() {
                    linked += link(&pool).await;
                    tokio::time::sleep(std::time::Duration::from_millis(5)).await;
                }
                linked
            })
        })
        .collect();
    let writers = (0..16).map(|i| {
        let pool = pool.clone();
        tokio::spawn(async move {
            let who = admin_a();
            for n in 0..10 {
                pitboss::db::scoped(&pool, &common::scope(who), async |conn| {
                    let entry = AuditEntry::new("test.concurrent", pitboss::live::Entity::Casino, who.casino_id.0)
                        .after(serde_json::json!({ "i": i, "n": n }));
                    audit::record(conn, who.casino_id, entry).await
                })
                .await?;
            }
            Ok::<_, sqlx::Error>(())
        })
    });
    for outcome in futures::future::join_all(writers).await {
        outcome.expect("task").expect("write");
    }
    done.send(true).expect("linkers listening");
    let mut linked_meanwhile = 0;
    for linker in linkers {
        linked_meanwhile += linker.await.expect("linker");
    }
    assert!(linked_meanwhile > 0, "the linkers ran among the writers");
    link(&pool).await;
    assert_eq!(pending(&pools).await, []);
    let (rows, links): (i64, i64) =
        sqlx::query_as("select (select count(*) from audit_log), (select count(*) from audit_chain)")
            .fetch_one(&pools.admin)
            .await
            .expect("counts");
    assert_eq!(rows, links, "every audit row has exactly one link");
    assert_eq!(verify(&pools).await, []);
    let heads =
        pitboss::db::as_operator(&pools.admin, async |conn| audit::chain_heads(conn).await).await.expect("heads");
    let a = heads.iter().find(|h| h.casino_id == CASINO_A).expect("casino A");
    assert_eq!((a.links, a.head.len()), (links_of(&pools, CASINO_A).await, 64));
    // The runtime role reads only its own casino's links.
    let visible: i64 = run(&pools, admin_a(), async |conn, _| {
        sqlx::query_scalar::<_, i64>("select count(*) from audit_chain where casino_id = $1")
            .bind(CASINO_B.0)
            .fetch_one(conn)
            .await
    })
    .await
    .expect("count");
    assert_eq!(visible, 0);
    pool.close().await;
    pools.close().await;
}

/// Two audited changes at casino A, left for a linker.
async fn two_unlinked_changes(pools: &Pools) {
    for enabled in [true, false] {
        run(pools, admin_a(), async |conn, actor| {
            feature::set_flag(conn, actor, Flag::FinanceMinimalEnabled, enabled).await
        })
        .await
        .expect("audited change");
    }
}

async fn links_of(pools: &Pools, casino: pitboss::casino::CasinoId) -> i64 {
    sqlx::query_scalar("select count(*) from audit_chain where casino_id = $1")
        .bind(casino.0)
        .fetch_one(&pools.admin)
        .await
        .expect("links")
}

#[sqlx::test(migrator = "pitboss::MIGRATOR", fixtures("two_casinos"))]
async fn a_crash_between_commit_and_link_leaves_nothing_unlinked(options: PgPoolOptions, connect: PgConnectOptions) {
    let pools = Pools::connect(options, connect).await;
    some_history(&pools).await;
    // Two changes commit, and the server dies before its linker runs: the rows wait, pending, not broken.
    two_unlinked_changes(&pools).await;
    let waiting = pending(&pools).await;
    assert_eq!(waiting.iter().map(|p| (p.casino_id, p.rows)).collect::<Vec<_>>(), [(CASINO_A, 2)]);
    assert_eq!(verify(&pools).await, []);
    let linked_before = links_of(&pools, CASINO_A).await;
    // A linker that dies mid-run (its transaction never commits) leaves them queued.
    let mut tx = pools.app.begin().await.expect("begin");
    assert_eq!(audit::link_pending(&mut tx).await.expect("link"), 2);
    tx.rollback().await.expect("rollback");
    assert_eq!(pending(&pools).await.iter().map(|p| p.rows).sum::<i64>(), 2);
    // The next run, on any server, links them after the chain's head.
    assert_eq!(link(&pools.app).await, 2);
    assert_eq!(links_of(&pools, CASINO_A).await, linked_before + 2);
    assert_eq!(pending(&pools).await, []);
    assert_eq!(verify(&pools).await, []);
    pools.close().await;
}

#[sqlx::test(migrator = "pitboss::MIGRATOR", fixtures("two_casinos"))]
async fn an_edited_row_is_reported_at_its_link(options: PgPoolOptions, connect: PgConnectOptions) {
    let pools = Pools::connect(options, connect).await;
    let links = some_history(&pools).await;
    let (edited, seq) = links[1];
    tamper(&pools, r#"update audit_log set after = '{"enabled": true}' where id = $1"#, edited).await;
    let breaks = verify(&pools).await;
    assert_eq!(breaks.len(), 1, "{breaks:?}");
    assert_eq!((breaks[0].casino_id, breaks[0].seq, breaks[0].audit_id), (CASINO_A, Some(seq), Some(edited)));
    assert!(breaks[0].problem.contains("altered"), "{}", breaks[0].problem);
    pools.close().await;
}

#[sqlx::test(migrator = "pitboss::MIGRATOR", fixtures("two_casinos"))]
async fn a_deleted_row_is_reported_with_or_without_its_link(options: PgPoolOptions, connect: PgConnectOptions) {
    let pools = Pools::connect(options, connect).await;
    let links = some_history(&pools).await;
    let (deleted, seq) = links[1];
    tamper(&pools, "delete from audit_log where id = $1", deleted).await;
    let breaks = verify(&pools).await;
    assert_eq!((breaks.len(), breaks[0].seq, breaks[0].problem.as_str()), (1, Some(seq), "the audit row was deleted"));
    // Removing the link as well leaves a gap in the chain.
    tamper(&pools, "delete from audit_chain where audit_id = $1", deleted).await;
    let breaks = verify(&pools).await;
    assert_eq!(breaks.len(), 1, "{breaks:?}");
    assert_eq!(breaks[0].seq, Some(seq + 1));
    assert!(breaks[0].problem.contains(&format!("link {seq} is missing")), "{}", breaks[0].problem);
    pools.close().await;
}

#[sqlx::test(migrator = "pitboss::MIGRATOR", fixtures("two_casinos"))]
async fn a_row_slipped_in_behind_the_app_is_reported(options: PgPoolOptions, connect: PgConnectOptions) {
    let pools = Pools::connect(options, connect).await;
    some_history(&pools).await;
    let forged = Uuid::new_v4();
    tamper(
        &pools,
        "insert into audit_log (id, casino_id, action, entity) values ($1, 'bbbbbbbb-0000-4000-8000-000000000002', 'casino.created', 'casino')",
        forged,
    )
    .await;
    let breaks = verify(&pools).await;
    assert_eq!(breaks.len(), 1, "{breaks:?}");
    assert_eq!((breaks[0].casino_id, breaks[0].seq, breaks[0].audit_id), (CASINO_B, None, Some(forged)));
    pools.close().await;
}

#[sqlx::test(migrator = "pitboss::MIGRATOR", fixtures("two_casinos"))]
async fn the_linker_fetches_its_batch_by_key_whatever_join_the_planner_favours(
    options: PgPoolOptions,
    connect: PgConnectOptions,
) {
    let pools = Pools::connect(options, connect).await;
    some_history(&pools).await;
    two_unlinked_changes(&pools).await;
    // With nested loops priced out, as statistics taken while the queue was long price them, a batch joined
    // to the log would be read by scanning the whole log.
    let mut tx = pools.app.begin().await.expect("begin");
    sqlx::query("set local enable_nestloop = off").execute(&mut *tx).await.expect("set");
    let reads = "select seq_scan, idx_tup_fetch from pg_stat_xact_user_tables where relname = 'audit_log'";
    let before: (i64, i64) = sqlx::query_as(reads).fetch_one(&mut *tx).await.expect("stats");
    let linked = audit::link_pending(&mut tx).await.expect("link");
    let after: (i64, i64) = sqlx::query_as(reads).fetch_one(&mut *tx).await.expect("stats");
    tx.commit().await.expect("commit");
    let rows: i64 = sqlx::query_scalar("select count(*) from audit_log").fetch_one(&pools.admin).await.expect("count");
    assert_eq!(linked, 2);
    assert!(rows > 4 * linked, "the log ({rows} rows) is larger than what linking reads");
    assert_eq!(after.0 - before.0, 0, "no sequential scan of the log");
    // One lookup per row to hash it, one for its link's foreign key.
    assert!(after.1 - before.1 <= 2 * linked, "{} rows of the log fetched to link {linked}", after.1 - before.1);
    assert_eq!(verify(&pools).await, []);
    pools.close().await;
}

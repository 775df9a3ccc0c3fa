//! The player import's benchmark at a small size: its generated file previews clean and imports whole.
#![allow(clippy::expect_used, reason = "a test helper that cannot set up should fail the test loudly")]

#[path = "../../tests/common/mod.rs"]
mod common;

use common::Pools;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};

#[sqlx::test(migrator = "pitboss::MIGRATOR")]
async fn the_benchmark_imports_every_member_of_its_file(pool_options: PgPoolOptions, connect: PgConnectOptions) {
    let pools = Pools::connect(pool_options, connect).await;
    let figures = tools::import_bench::run(&pools.admin, &pools.app, 300).await.expect("the benchmark runs");
    assert_eq!((figures.rows, figures.imported), (300, 300));
    let enrolled: i64 = sqlx::query_scalar(
        "select count(*) from player_casino pc join casino c on c.id = pc.casino_id
         where c.name like 'Import benchmark %' and pc.member_number like 'IMP-%'",
    )
    .fetch_one(&pools.admin)
    .await
    .expect("count");
    assert_eq!(enrolled, 300);
    assert!(figures.to_string().starts_with("Import of 300 members"), "{figures}");
    pools.close().await;
}

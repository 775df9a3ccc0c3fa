//! Connecting to the database, embedded or external: the owner pool (migrations, operator commands) and
//! the runtime pool (the app, as `pitboss_app`, under row-level security).

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use sqlx::PgPool;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};

use crate::config::{DatabaseConfig, Hosts};
use crate::embedded::EmbeddedCluster;
use crate::primary;

/// The embedded cluster's application database.
const EMBEDDED_DATABASE: &str = "pitboss";

/// Open connections to the database, and the cluster behind them when it is embedded.
pub struct Database {
    /// Superuser or owner connections: migrations, seeding, operator commands.
    pub owner: PgPool,
    /// Where runtime connections go; see [`Database::runtime_pool`].
    runtime: PgConnectOptions,
    /// Every host of a replicated database, and which is the primary now; `None` for a single server.
    replicas: Option<(Vec<PgConnectOptions>, usize)>,
    /// The embedded cluster, if any.
    pub embedded: Option<EmbeddedCluster>,
    /// Whether the application database was created just now (so it is empty and may be seeded).
    pub created: bool,
}

impl Database {
    /// Connects the owner pool, first creating and starting the embedded cluster under `data_dir` when the
    /// configuration says so.
    pub async fn open(config: &DatabaseConfig, data_dir: &Path) -> anyhow::Result<Self> {
        match config {
            DatabaseConfig::External { runtime, owner } => {
                let owner_host = primary_of(owner).await.context("DATABASE_OWNER_URL: no host is a primary")?;
                let owner = connect_with_retry(owner.all()[owner_host].clone(), 2)
                    .await
                    .context("DATABASE_OWNER_URL: cannot connect")?;
                let (runtime_options, replicas) = if runtime.replicated() {
                    let current = primary_of(runtime).await.context("DATABASE_URL: no host is a primary")?;
                    (runtime.all()[current].clone(), Some((runtime.all().to_vec(), current)))
                } else {
                    (runtime.first().clone(), None)
                };
                Ok(Self { owner, runtime: runtime_options, replicas, embedded: None, created: false })
            }
            DatabaseConfig::Embedded => {
                let data_dir = data_dir.to_path_buf();
                let cluster = tokio::task::spawn_blocking(move || EmbeddedCluster::ensure_running(&data_dir))
                    .await
                    .context("starting the embedded database")??;
                let admin = connect_with_retry(cluster.connect_options("postgres", "postgres"), 1).await?;
                let created = pitboss::db::create_database_if_missing(&admin, EMBEDDED_DATABASE).await?;
                admin.close().await;
                let owner = connect_with_retry(cluster.connect_options("postgres", EMBEDDED_DATABASE), 2).await?;
                let runtime = cluster.connect_options(pitboss::db::RUNTIME_ROLE, EMBEDDED_DATABASE);
                Ok(Self { owner, runtime, replicas: None, embedded: Some(cluster), created })
            }
        }
    }

    /// Applies pending migrations; returns how many were applied (0 when up to date).
    pub async fn migrate(&self) -> anyhow::Result<usize> {
        let before = pitboss::db::applied_migrations(&self.owner).await?;
        let reworded = pitboss::db::repair_reworded_migrations(&self.owner).await?;
        if reworded > 0 {
            tracing::info!(migrations.reworded = reworded, "recorded comment-only edits of applied migrations");
        }
        pitboss::MIGRATOR.run(&self.owner).await.context("applying migrations")?;
        Ok(pitboss::db::applied_migrations(&self.owner).await? - before)
    }

    /// The app's pool. Every connection acts as `pitboss_app`, so RLS applies even if the configured login is
    /// a more privileged role; it connects lazily, so a database that is down fails requests, not start-up.
    ///
    /// Its queries never run in parallel: for the app's short transactions a parallel plan's worker start-up
    /// costs more than it saves (the active slips, planned generically, took 14 ms in parallel and 0.6 ms
    /// without; `docs/performance.md`), and the cores are the floor's.
    ///
    /// On a replicated database (a `DATABASE_URL` listing several hosts) the pool follows the primary: a task
    /// checks it every second and, after a failover, points the pool at the new primary and retires the
    /// connections to the old one (`crate::primary`).
    pub fn runtime_pool(&self, max_connections: u32) -> PgPool {
        let moved = Arc::new(primary::LastMove::default());
        let retired = moved.clone();
        let tune = |options: PgConnectOptions| options.options([("max_parallel_workers_per_gather", "0")]);
        let pool = PgPoolOptions::new()
            .max_connections(max_connections)
            .acquire_timeout(Duration::from_secs(3))
            .after_connect(|conn, _meta| Box::pin(async move { pitboss::db::assume_runtime_role(conn).await }))
            .before_acquire(move |_conn, meta| {
                let keep = retired.keeps(meta.age);
                Box::pin(async move { Ok(keep) })
            })
            .connect_lazy_with(tune(self.runtime.clone()));
        if let Some((hosts, current)) = &self.replicas {
            primary::follow(pool.clone(), hosts.iter().cloned().map(tune).collect(), *current, moved);
        }
        pool
    }

    /// Closes the pools and stops the embedded cluster if `stop_cluster` or if this process started it.
    pub async fn close(self, stop_cluster: bool) -> anyhow::Result<()> {
        self.owner.close().await;
        if let Some(cluster) = self.embedded
            && (stop_cluster || cluster.started)
        {
            tokio::task::spawn_blocking(move || cluster.stop()).await??;
        }
        Ok(())
    }
}

/// Connects, retrying for a while: a just-started or just-restarted server may still be recovering.
async fn connect_with_retry(options: PgConnectOptions, max_connections: u32) -> anyhow::Result<PgPool> {
    let mut attempt = 0;
    loop {
        let pool = PgPoolOptions::new()
            .max_connections(max_connections)
            .acquire_timeout(Duration::from_secs(5))
            .connect_with(options.clone())
            .await;
        match pool {
            Ok(pool) => return Ok(pool),
            Err(error) if attempt < 30 => {
                tracing::debug!(%error, attempt, "database not ready yet");
                attempt += 1;
                tokio::time::sleep(Duration::from_millis(500)).await;
            }
            Err(error) => return Err(error).context("connecting to the database"),
        }
    }
}

/// Which of `hosts` is the primary: the only one of a single server, else the first that takes writes,
/// waiting up to a minute for a failover in progress to finish.
async fn primary_of(hosts: &Hosts) -> anyhow::Result<usize> {
    if !hosts.replicated() {
        return Ok(0);
    }
    for _ in 0..60 {
        if let Some(index) = primary::find_primary(hosts.all()).await {
            return Ok(index);
        }
        tokio::time::sleep(Duration::from_secs(1)).await;
    }
    anyhow::bail!("none of the {} hosts takes writes", hosts.all().len())
}

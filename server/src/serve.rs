//! `pitboss serve`: the web server, with the embedded database started, migrated and seeded when
//! `DATABASE_URL` is unset.

use std::path::Path;

use anyhow::Context;
use app::ssr::AppState;
use leptos::config::LeptosOptions;
use pitboss::auth::SessionKey;
use pitboss::sealing::DataKeys;
use tokio::net::TcpListener;
use tokio::sync::watch;

use database::Database;

use crate::config::Config;
use crate::events::EventHub;
use crate::router;

/// Runs the server until Ctrl-C or SIGTERM, then stops the embedded database if there is one.
pub async fn serve(config: &Config) -> anyhow::Result<()> {
    let db = Database::open(&config.database, &config.data_dir).await?;
    let outcome = run(config, &db).await;
    let closed = db.close(true).await;
    outcome.and(closed)
}

async fn run(config: &Config, db: &Database) -> anyhow::Result<()> {
    if db.embedded.is_none() {
        let (applied, known) = (pitboss::db::applied_migrations(&db.owner).await?, pitboss::MIGRATOR.iter().count());
        if applied < known {
            anyhow::bail!(
                "DATABASE_URL: the database has {applied} of {known} migrations applied; run `pitboss migrate` first"
            );
        }
    }
    if let Some(cluster) = &db.embedded {
        let applied = db.migrate().await?;
        tracing::info!(pgdata = %cluster.pgdata().display(), migrations.applied = applied, "embedded database ready");
        if db.created {
            let report = pitboss::seed::demo(&db.owner).await.context("seeding the demo casino")?;
            tracing::info!(casinos = ?report.created, "seeded demo data on first start");
            println!("Seeded the demo casino. Sign in as pitboss@demo.casino with password demo-pitboss.");
        }
    }
    let state = AppState {
        leptos_options: leptos_options(config)?,
        pool: db.runtime_pool(config.max_connections),
        session_key: session_key(config)?,
        data_keys: data_keys(config)?,
        secure_cookies: config.secure_cookies,
    };
    let listener = TcpListener::bind(config.addr)
        .await
        .with_context(|| format!("PITBOSS_ADDR: cannot listen on {}", config.addr))?;
    println!("pitboss is serving http://{}", config.addr);
    tracing::info!(addr = %config.addr, database = ?config.database, "listening");
    let pool = state.pool.clone();
    // Open event streams would keep a graceful shutdown waiting for ever; `stop` ends them first.
    let (stop, stopped) = watch::channel(false);
    let hub = EventHub::start(pool.clone(), stopped.clone());
    crate::chain_linker::start(pool.clone(), stopped.clone());
    crate::rollover::start(pool.clone(), stopped);
    let shutdown = async move {
        shutdown_signal().await;
        let _ = stop.send(true);
    };
    axum::serve(listener, router::app(state, hub)).with_graceful_shutdown(shutdown).await.context("serving")?;
    pool.close().await;
    tracing::info!("stopped");
    Ok(())
}

/// Leptos' options, listening where `PITBOSS_ADDR` says. The compiled site is looked up in `target/site`
/// under the working directory, then beside the binary (`target/release/../site`), unless
/// `LEPTOS_SITE_ROOT` says otherwise.
fn leptos_options(config: &Config) -> anyhow::Result<LeptosOptions> {
    let mut options = leptos::config::get_configuration(None).context("reading Leptos settings")?.leptos_options;
    options.site_addr = config.addr;
    if std::env::var_os("LEPTOS_SITE_ROOT").is_none() && !Path::new(&*options.site_root).exists() {
        let beside_binary = std::env::current_exe().ok().and_then(|exe| Some(exe.parent()?.parent()?.join("site")));
        if let Some(site) = beside_binary.filter(|site| site.exists()).and_then(|site| site.to_str().map(str::to_owned))
        {
            options.site_root = site.into();
        }
    }
    Ok(options)
}

/// `PITBOSS_SESSION_SECRET`, or a secret generated once into the data directory and reused after restarts,
/// so sessions survive them.
fn session_key(config: &Config) -> anyhow::Result<SessionKey> {
    let secret = match &config.session_secret {
        Some(secret) => secret.clone(),
        None => stored_secret(&config.data_dir.join("session.key"))?,
    };
    SessionKey::new(secret.trim().as_bytes()).context("PITBOSS_SESSION_SECRET: too short")
}

/// `PITBOSS_DATA_KEY` (with `PITBOSS_DATA_KEY_PREVIOUS`), or a key generated once into the data directory. Losing
/// the key loses every sealed number: `docs/runbooks/data-key.md`.
fn data_keys(config: &Config) -> anyhow::Result<DataKeys> {
    let current = match &config.data_key {
        Some(key) => key.clone(),
        None => {
            let path = config.data_dir.join("data.key");
            if matches!(config.database, database::DatabaseConfig::External { .. }) && !path.exists() {
                tracing::warn!(path = %path.display(), "PITBOSS_DATA_KEY is unset: generating a data key; back it up");
            }
            stored_key(&path, DataKeys::generate_key)?
        }
    };
    let previous: Vec<&str> = config.data_key_previous.iter().map(String::as_str).collect();
    DataKeys::new(&current, &previous).context("PITBOSS_DATA_KEY")
}

fn stored_secret(path: &Path) -> anyhow::Result<String> {
    stored_key(path, SessionKey::generate_secret)
}

/// The secret in `path`, or a new one from `generate` written there (readable by this user only).
fn stored_key(path: &Path, generate: fn() -> String) -> anyhow::Result<String> {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    if let Ok(secret) = std::fs::read_to_string(path) {
        return Ok(secret);
    }
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).with_context(|| format!("PITBOSS_DATA_DIR: cannot create {}", dir.display()))?;
    }
    let secret = generate();
    match std::fs::OpenOptions::new().write(true).create_new(true).mode(0o600).open(path) {
        Ok(mut file) => {
            file.write_all(secret.as_bytes())?;
            Ok(secret)
        }
        // Another pitboss process created it first: use theirs, or sessions would not survive either restart.
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(std::fs::read_to_string(path)?),
        Err(e) => Err(e).with_context(|| format!("PITBOSS_DATA_DIR: cannot write {}", path.display())),
    }
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending().await,
        }
    };
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutting down");
}

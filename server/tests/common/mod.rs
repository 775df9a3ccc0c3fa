//! The server under test: the real router on a fresh database seeded with the demo casinos, with the live
//! event hub listening.
#![allow(dead_code)]

use std::time::Duration;

use app::ssr::AppState;
use axum::Router;
use leptos::config::LeptosOptions;
use pitboss::auth::SessionKey;
use server::events::EventHub;
use sqlx::PgPool;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use tokio::sync::watch;

/// A running application and the pool behind it.
pub struct World {
    /// The router, as `pitboss serve` builds it.
    pub app: Router,
    /// The live event hub.
    pub hub: EventHub,
    /// The runtime-role pool the app uses.
    pub pool: PgPool,
    /// Dropping this stops the hub's listener.
    _stop: watch::Sender<bool>,
}

/// Builds the app on the test database as `pitboss_app`, seeded with the demo data.
pub async fn world(options: PgConnectOptions) -> World {
    let pool = PgPoolOptions::new()
        .max_connections(6)
        .connect_with(options.username(pitboss::db::RUNTIME_ROLE))
        .await
        .expect("runtime pool");
    pitboss::seed::demo(&pool).await.expect("seed");
    let state = AppState {
        leptos_options: LeptosOptions::builder().output_name("pitboss").build(),
        pool: pool.clone(),
        session_key: SessionKey::new(&[9; 32]).expect("key"),
        secure_cookies: false,
    };
    let (stop, stopped) = watch::channel(false);
    let hub = EventHub::start(pool.clone(), stopped);
    tokio::time::timeout(Duration::from_secs(10), hub.listening()).await.expect("the listener connects");
    World { app: server::router::app(state, hub.clone()), hub, pool, _stop: stop }
}

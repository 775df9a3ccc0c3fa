//! The `pitboss` binary as a library, so tests can build the router and run commands in-process.
//!
//! `cli` parses the command line and dispatches; `config` reads the environment; `embedded_db` runs the
//! private PostgreSQL cluster used when `DATABASE_URL` is unset; `database` connects the pools either way;
//! `router` assembles the HTTP surface; `session` resolves cookies to actors; `events` runs the live stream;
//! `telemetry` sets up logs; `bench` is the benchmark harness.
// Rendering the app's deeply nested view types needs more than the default limit.
#![recursion_limit = "256"]

pub mod bench;
pub mod cli;
pub mod config;
pub mod database;
pub mod embedded_db;
pub mod events;
pub mod metrics;
pub mod router;
pub mod serve;
pub mod session;
pub mod telemetry;

//! The `pitboss` binary as a library, so tests can build the router and run commands in-process.
//!
//! `cli` parses the command line and dispatches; `config` reads the environment (the database's part is
//! the `database` crate's, which also runs the embedded cluster and opens the pools); `router` assembles the
//! HTTP surface; `session` resolves cookies to actors; `events` runs the live stream; `rollover` rolls gaming days over; `metrics` counts; `report` answers the shift report's CSV;
//! `telemetry` sets up logs.
// Rendering the app's deeply nested view types needs more than the default limit.
#![recursion_limit = "256"]

pub mod background;
pub mod chain_linker;
pub mod cli;
pub mod config;
pub mod events;
pub mod metrics;
pub mod report;
pub mod rollover;
pub mod router;
pub mod serve;
pub mod session;
pub mod telemetry;

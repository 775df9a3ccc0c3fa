//! Logging: compact human-readable lines by default, flattened JSON with `LOG_FORMAT=json`.
//!
//! `RUST_LOG` overrides the default filter: our crates at info, dependencies at warn, request lines at info.

use tracing_subscriber::EnvFilter;

use crate::config::LogFormat;

const DEFAULT_FILTER: &str = "warn,pitboss=info,server=info,app=info,tower_http=info";

/// Installs the global subscriber; safe to call more than once (later calls do nothing).
pub fn init(format: LogFormat) {
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new(DEFAULT_FILTER));
    let builder = tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr);
    let _ = match format {
        LogFormat::Pretty => builder.compact().try_init(),
        LogFormat::Json => builder.json().flatten_event(true).with_current_span(true).try_init(),
    };
}

//! Configuration, read once from the environment at start-up and validated at once: a bad value stops the
//! program with one line naming the variable. `.env.example` documents every variable.

use std::net::SocketAddr;
use std::path::PathBuf;

pub use database::{ConfigError, DatabaseConfig};

/// How log lines are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogFormat {
    /// Compact, human-readable lines (the default).
    Pretty,
    /// One flattened JSON object per line, for log shippers.
    Json,
}

/// Everything pitboss reads from its environment.
#[derive(Debug, Clone)]
pub struct Config {
    /// `DATABASE_URL` / `DATABASE_OWNER_URL`; unset means the embedded cluster.
    pub database: DatabaseConfig,
    /// `PITBOSS_DATA_DIR`: the embedded cluster and the generated session secret live here. Default
    /// `/var/lib/pitboss` when running as root (PostgreSQL's own user must be able to reach it), else `.data`.
    pub data_dir: PathBuf,
    /// `PITBOSS_ADDR`: where the HTTP server listens. Default `127.0.0.1:3000`.
    pub addr: SocketAddr,
    /// `PITBOSS_SESSION_SECRET`: at least 32 bytes; default: generated once into `<data dir>/session.key`.
    pub session_secret: Option<String>,
    /// `PITBOSS_DATA_KEY`: the key sealing patrons' ID and SSN/TIN numbers (32 bytes, as 64 hexadecimal digits or
    /// base64); default: generated once into `<data dir>/data.key`.
    pub data_key: Option<String>,
    /// `PITBOSS_DATA_KEY_PREVIOUS`: earlier data keys, comma-separated, still trusted to open what they sealed.
    pub data_key_previous: Vec<String>,
    /// `PITBOSS_SECURE_COOKIES`: `true` when served over HTTPS. Default `false`.
    pub secure_cookies: bool,
    /// `PITBOSS_DB_MAX_CONNECTIONS`: size of the runtime pool. Default 10.
    pub max_connections: u32,
    /// `LOG_FORMAT`: `pretty` or `json`. Default `pretty`.
    pub log_format: LogFormat,
}

impl Config {
    /// Reads the process environment.
    pub fn from_env() -> Result<Self, ConfigError> {
        Self::from_lookup(|name| std::env::var(name).ok().filter(|v| !v.is_empty()))
    }

    /// Reads configuration through `lookup`, so tests need not touch the process environment.
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let database = DatabaseConfig::from_lookup(&lookup)?;
        let data_dir = database::data_dir(&lookup);
        let addr = match lookup("PITBOSS_ADDR") {
            None => SocketAddr::from(([127, 0, 0, 1], 3000)),
            Some(text) => text.parse().map_err(|_| ConfigError {
                variable: "PITBOSS_ADDR",
                problem: format!("{text:?} is not an address like 127.0.0.1:3000"),
            })?,
        };
        let session_secret = lookup("PITBOSS_SESSION_SECRET");
        if let Some(secret) = &session_secret
            && secret.len() < pitboss::auth::SessionKey::MIN_LEN
        {
            return Err(ConfigError {
                variable: "PITBOSS_SESSION_SECRET",
                problem: format!("must be at least {} bytes long", pitboss::auth::SessionKey::MIN_LEN),
            });
        }
        let data_key = lookup("PITBOSS_DATA_KEY");
        let data_key_previous: Vec<String> = lookup("PITBOSS_DATA_KEY_PREVIOUS")
            .map(|keys| keys.split(',').map(|k| k.trim().to_owned()).filter(|k| !k.is_empty()).collect())
            .unwrap_or_default();
        for (variable, key) in data_key
            .iter()
            .map(|k| ("PITBOSS_DATA_KEY", k))
            .chain(data_key_previous.iter().map(|k| ("PITBOSS_DATA_KEY_PREVIOUS", k)))
        {
            if pitboss::sealing::DataKeys::parse_key(key).is_err() {
                return Err(ConfigError {
                    variable,
                    problem: "a data key is 32 bytes, written as 64 hexadecimal digits or in base64".to_owned(),
                });
            }
        }
        let secure_cookies = match lookup("PITBOSS_SECURE_COOKIES").as_deref() {
            None | Some("false") => false,
            Some("true") => true,
            Some(other) => {
                return Err(ConfigError {
                    variable: "PITBOSS_SECURE_COOKIES",
                    problem: format!("{other:?} is neither true nor false"),
                });
            }
        };
        let max_connections = match lookup("PITBOSS_DB_MAX_CONNECTIONS") {
            None => 10,
            Some(text) => text.parse().ok().filter(|n| (2..=500).contains(n)).ok_or_else(|| ConfigError {
                variable: "PITBOSS_DB_MAX_CONNECTIONS",
                problem: format!("{text:?} is not a number from 2 to 500"),
            })?,
        };
        let log_format = match lookup("LOG_FORMAT").as_deref() {
            None | Some("pretty") => LogFormat::Pretty,
            Some("json") => LogFormat::Json,
            Some(other) => {
                return Err(ConfigError {
                    variable: "LOG_FORMAT",
                    problem: format!("{other:?} is neither pretty nor json"),
                });
            }
        };
        Ok(Self {
            database,
            data_dir,
            addr,
            session_secret,
            data_key,
            data_key_previous,
            secure_cookies,
            max_connections,
            log_format,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn config(vars: &[(&str, &str)]) -> Result<Config, ConfigError> {
        let vars: HashMap<String, String> = vars.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        Config::from_lookup(|name| vars.get(name).cloned())
    }

    #[test]
    fn nothing_set_means_the_embedded_database_on_localhost_3000() {
        let config = config(&[]).expect("defaults are valid");
        assert!(matches!(config.database, DatabaseConfig::Embedded));
        assert_eq!(config.addr.to_string(), "127.0.0.1:3000");
        assert_eq!(config.log_format, LogFormat::Pretty);
        assert!(!config.secure_cookies);
    }

    #[test]
    fn each_bad_value_names_its_variable() {
        let cases = [
            ("DATABASE_URL", "mysql://x"),
            ("DATABASE_URL", "postgres://x:y@host:notaport/db"),
            ("PITBOSS_ADDR", "localhost"),
            ("PITBOSS_SESSION_SECRET", "short"),
            ("PITBOSS_DATA_KEY", "0123"),
            ("PITBOSS_DATA_KEY_PREVIOUS", "not a key"),
            ("PITBOSS_SECURE_COOKIES", "yes"),
            ("PITBOSS_DB_MAX_CONNECTIONS", "1"),
            ("LOG_FORMAT", "xml"),
        ];
        for (variable, value) in cases {
            let error = config(&[(variable, value)]).expect_err(variable);
            assert_eq!(error.variable, variable);
            assert!(error.to_string().starts_with(&format!("{variable}: ")));
        }
    }
}

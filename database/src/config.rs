//! Where the database is, read from the environment: `DATABASE_URL` and `DATABASE_OWNER_URL`, or the
//! embedded cluster under `PITBOSS_DATA_DIR`. `.env.example` documents the variables.

use std::path::PathBuf;
use std::str::FromStr;

use sqlx::postgres::PgConnectOptions;

/// Where the database is.
#[derive(Clone)]
pub enum DatabaseConfig {
    /// A private cluster under the data directory, started and stopped by pitboss (`DATABASE_URL` unset).
    Embedded,
    /// An existing PostgreSQL 15+ server.
    External {
        /// `DATABASE_URL`: what the app connects with. If this login is not `pitboss_app` itself, each
        /// connection switches to that role, so row-level security always applies.
        runtime: Box<PgConnectOptions>,
        /// `DATABASE_OWNER_URL` (default: `DATABASE_URL`): what migrations and operator commands connect with.
        owner: Box<PgConnectOptions>,
    },
}

/// A variable with a value pitboss cannot use.
#[derive(Debug, PartialEq, Eq, thiserror::Error)]
#[error("{variable}: {problem}")]
pub struct ConfigError {
    /// The variable's name.
    pub variable: &'static str,
    /// What is wrong with its value, and what would be right.
    pub problem: String,
}

impl DatabaseConfig {
    /// Reads `DATABASE_URL` and `DATABASE_OWNER_URL` through `lookup` (unset or empty is `None`).
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        Ok(match lookup("DATABASE_URL") {
            None => Self::Embedded,
            Some(url) => {
                let runtime = pg_url("DATABASE_URL", &url)?;
                let owner = match lookup("DATABASE_OWNER_URL") {
                    Some(owner_url) => pg_url("DATABASE_OWNER_URL", &owner_url)?,
                    None => runtime.clone(),
                };
                Self::External { runtime: Box::new(runtime), owner: Box::new(owner) }
            }
        })
    }
}

impl std::fmt::Debug for DatabaseConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Embedded => f.write_str("Embedded"),
            Self::External { runtime, .. } => write!(
                f,
                "External {{ host: {:?}, database: {:?}, credentials: <redacted> }}",
                runtime.get_host(),
                runtime.get_database()
            ),
        }
    }
}

/// `PITBOSS_DATA_DIR` through `lookup`: where the embedded cluster and the server's session secret live.
///
/// PostgreSQL will not run as root, so as root the cluster runs as the `postgres` user, which must be able to
/// reach the directory: the default is `/var/lib/pitboss` then, and `.data` otherwise.
pub fn data_dir(lookup: impl Fn(&str) -> Option<String>) -> PathBuf {
    lookup("PITBOSS_DATA_DIR").map(PathBuf::from).unwrap_or_else(|| {
        if nix::unistd::geteuid().is_root() { PathBuf::from("/var/lib/pitboss") } else { PathBuf::from(".data") }
    })
}

fn pg_url(variable: &'static str, url: &str) -> Result<PgConnectOptions, ConfigError> {
    if !(url.starts_with("postgres://") || url.starts_with("postgresql://")) {
        return Err(ConfigError { variable, problem: "must be a postgres:// URL".into() });
    }
    PgConnectOptions::from_str(url)
        .map_err(|_| ConfigError { variable, problem: "is not a valid PostgreSQL connection URL".into() })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn config(vars: &[(&str, &str)]) -> Result<DatabaseConfig, ConfigError> {
        let vars: HashMap<String, String> = vars.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        DatabaseConfig::from_lookup(|name| vars.get(name).cloned())
    }

    #[test]
    fn no_database_url_means_the_embedded_cluster() {
        assert!(matches!(config(&[]), Ok(DatabaseConfig::Embedded)));
    }

    #[test]
    fn a_database_url_selects_an_external_server_and_is_redacted() {
        let config = config(&[("DATABASE_URL", "postgres://pitboss_app:hunter22@db.internal/pitboss")]).expect("valid");
        let shown = format!("{config:?}");
        assert!(shown.contains("db.internal") && !shown.contains("hunter22"), "{shown}");
    }

    #[test]
    fn each_bad_url_names_its_variable() {
        let cases = [
            (&[("DATABASE_URL", "mysql://x")][..], "DATABASE_URL"),
            (&[("DATABASE_URL", "postgres://x:y@host:notaport/db")][..], "DATABASE_URL"),
            (&[("DATABASE_URL", "postgres://u@h/db"), ("DATABASE_OWNER_URL", "http://h")][..], "DATABASE_OWNER_URL"),
        ];
        for (vars, variable) in cases {
            let error = config(vars).expect_err(variable);
            assert_eq!(error.variable, variable);
            assert!(error.to_string().starts_with(&format!("{variable}: ")));
        }
    }

    #[test]
    fn the_owner_url_defaults_to_the_database_url() {
        let config = config(&[("DATABASE_URL", "postgres://u@h/db")]).expect("valid");
        let DatabaseConfig::External { owner, .. } = config else { panic!("external") };
        assert_eq!(owner.get_database(), Some("db"));
    }
}

//! Where the database is, read from the environment: `DATABASE_URL` and `DATABASE_OWNER_URL`, or the
//! embedded cluster under `PITBOSS_DATA_DIR`. `.env.example` documents the variables.
//!
//! A URL may list several hosts (`postgres://u:p@db1:5432,db2:5432/pitboss`), as libpq and
//! `pg_autoctl show uri` write them for a replicated database: pitboss then writes to whichever of them is the
//! primary and follows it through a failover (`crate::primary`).

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
        runtime: Hosts,
        /// `DATABASE_OWNER_URL` (default: `DATABASE_URL`): what migrations and operator commands connect with.
        owner: Hosts,
    },
}

/// One database as a URL names it: the connection options for each host it lists, in order (one for a single
/// server; the primary and its standbys for a replicated one).
#[derive(Clone)]
pub struct Hosts(Vec<PgConnectOptions>);

impl Hosts {
    /// The first host listed: the only one of a single server.
    pub fn first(&self) -> &PgConnectOptions {
        &self.0[0]
    }

    /// Every host listed, in order.
    pub fn all(&self) -> &[PgConnectOptions] {
        &self.0
    }

    /// Whether the URL listed more than one host, so the primary must be looked for and followed.
    pub fn replicated(&self) -> bool {
        self.0.len() > 1
    }
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
                let runtime = pg_urls("DATABASE_URL", &url)?;
                let owner = match lookup("DATABASE_OWNER_URL") {
                    Some(owner_url) => pg_urls("DATABASE_OWNER_URL", &owner_url)?,
                    None => runtime.clone(),
                };
                Self::External { runtime, owner }
            }
        })
    }
}

impl std::fmt::Debug for DatabaseConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Embedded => f.write_str("Embedded"),
            Self::External { runtime, .. } => {
                let hosts: Vec<String> =
                    runtime.all().iter().map(|host| format!("{}:{}", host.get_host(), host.get_port())).collect();
                write!(
                    f,
                    "External {{ hosts: {hosts:?}, database: {:?}, credentials: <redacted> }}",
                    runtime.first().get_database()
                )
            }
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

/// The options for each host of a URL that may list several (`host1:port1,host2:port2`).
///
/// sqlx takes one host per URL, so the list is split into one URL per host with the same credentials, path and
/// parameters. `target_session_attrs` is libpq's way of asking for the primary; pitboss finds the primary
/// itself, so the parameter is dropped rather than handed to sqlx, which does not know it.
fn pg_urls(variable: &'static str, url: &str) -> Result<Hosts, ConfigError> {
    let invalid = || ConfigError { variable, problem: "is not a valid PostgreSQL connection URL".into() };
    let Some((scheme, rest)) = url.split_once("://").filter(|(scheme, _)| matches!(*scheme, "postgres" | "postgresql"))
    else {
        return Err(ConfigError { variable, problem: "must be a postgres:// URL".into() });
    };
    let end = rest.find(['/', '?']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(end);
    let (userinfo, hosts) = match authority.rsplit_once('@') {
        Some((userinfo, hosts)) => (format!("{userinfo}@"), hosts),
        None => (String::new(), authority),
    };
    let tail = without_parameter(tail, "target_session_attrs");
    let options = hosts
        .split(',')
        .map(|host| PgConnectOptions::from_str(&format!("{scheme}://{userinfo}{host}{tail}")).map_err(|_| invalid()))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Hosts(options))
}

/// `tail` (path and query of a URL) without the query parameter `name`.
fn without_parameter(tail: &str, name: &str) -> String {
    let Some((path, query)) = tail.split_once('?') else { return tail.to_owned() };
    let kept: Vec<&str> = query.split('&').filter(|pair| pair.split('=').next() != Some(name)).collect();
    if kept.is_empty() { path.to_owned() } else { format!("{path}?{}", kept.join("&")) }
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
        assert_eq!(owner.first().get_database(), Some("db"));
    }

    #[test]
    fn a_url_listing_several_hosts_gives_each_the_same_login_and_database() {
        let url = "postgresql://pitboss_app:pw@127.0.0.1:5501,127.0.0.1:5502/pitboss?target_session_attrs=read-write&sslmode=disable";
        let config = config(&[("DATABASE_URL", url)]).expect("valid");
        let DatabaseConfig::External { runtime, .. } = &config else { panic!("external") };
        assert!(runtime.replicated());
        let hosts: Vec<_> = runtime.all().iter().map(|h| (h.get_port(), h.get_username(), h.get_database())).collect();
        assert_eq!(hosts, [(5501, "pitboss_app", Some("pitboss")), (5502, "pitboss_app", Some("pitboss"))]);
        let shown = format!("{config:?}");
        assert!(shown.contains("127.0.0.1:5502") && !shown.contains("pw"), "{shown}");
    }

    #[test]
    fn only_the_target_session_parameter_is_dropped() {
        assert_eq!(
            without_parameter("/db?target_session_attrs=read-write&sslmode=disable", "target_session_attrs"),
            "/db?sslmode=disable"
        );
        assert_eq!(without_parameter("/db?target_session_attrs=any", "target_session_attrs"), "/db");
        assert_eq!(without_parameter("/db", "target_session_attrs"), "/db");
    }
}

//! The embedded default database: a private PostgreSQL cluster under the data directory, made from the
//! PostgreSQL server binaries installed on the machine, used when `DATABASE_URL` is unset.
//!
//! Plain `std::process` runs `initdb` and `pg_ctl`: the maintained crates (`postgresql_embedded`,
//! `pg-embed-setup-unpriv`, `pgtemp`) either refuse to run as root or need a downloaded PostgreSQL. As root,
//! the binaries run as the `postgres` system user, which owns the cluster. The cluster listens on a Unix
//! socket inside its own 0700 directory only (no TCP), so trust authentication there reaches no one but this
//! machine's root and `postgres`.

use std::fs::{self, File};
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use nix::unistd::{Gid, Uid, User};
use sqlx::postgres::PgConnectOptions;

/// The socket port; it only names the socket file, since the cluster has no TCP listener.
const PORT: u16 = 5432;
/// Unix socket paths longer than this are refused by the kernel (`sun_path`).
const MAX_SOCKET_PATH: usize = 107;

/// Why the embedded cluster could not be made or started.
#[derive(Debug, thiserror::Error)]
pub enum EmbeddedError {
    /// No PostgreSQL server binaries on the machine.
    #[error(
        "PostgreSQL server binaries (initdb, pg_ctl) were not found. Install them with \
         `apt-get install postgresql`, or set DATABASE_URL to an existing PostgreSQL 15+ server."
    )]
    NoBinaries,
    /// Running as root, but the `postgres` user that should own the cluster does not exist.
    #[error("running as root needs the `postgres` system user to own the database; install the postgresql package")]
    NoPostgresUser,
    /// The data directory is somewhere PostgreSQL's user cannot reach.
    #[error(
        "PITBOSS_DATA_DIR: the `postgres` user cannot reach {0}; choose a directory it can traverse, \
         such as /var/lib/pitboss"
    )]
    Unreachable(PathBuf),
    /// The socket path would be too long for the kernel.
    #[error(
        "PITBOSS_DATA_DIR: {0} is too deep for a PostgreSQL socket ({MAX_SOCKET_PATH} bytes at most); use a shorter path"
    )]
    PathTooLong(PathBuf),
    /// A PostgreSQL tool failed.
    #[error("{tool} failed: {detail}")]
    Tool {
        /// Which one.
        tool: &'static str,
        /// Its output.
        detail: String,
    },
    /// File system trouble.
    #[error("{context}: {source}")]
    Io {
        /// What was being done.
        context: String,
        /// The cause.
        source: std::io::Error,
    },
}

/// A running private cluster.
#[derive(Debug)]
pub struct EmbeddedCluster {
    pgdata: PathBuf,
    bindir: PathBuf,
    run_as: Option<(Uid, Gid)>,
    /// Whether this process created the cluster (first start: the caller seeds it).
    pub created: bool,
    /// Whether this process started it (one-shot commands stop only what they started).
    pub started: bool,
}

impl EmbeddedCluster {
    /// Creates the cluster under `data_dir/pg` if it does not exist yet and starts it if it is not running.
    /// Blocking; a lock file serialises concurrent starts.
    pub fn ensure_running(data_dir: &Path) -> Result<Self, EmbeddedError> {
        let bindir = find_bindir().ok_or(EmbeddedError::NoBinaries)?;
        let data_dir = std::path::absolute(data_dir).map_err(io("resolving PITBOSS_DATA_DIR"))?;
        let pgdata = data_dir.join("pg");
        if pgdata.join(format!(".s.PGSQL.{PORT}")).as_os_str().len() > MAX_SOCKET_PATH {
            return Err(EmbeddedError::PathTooLong(data_dir));
        }
        fs::create_dir_all(&data_dir).map_err(io(format!("creating {}", data_dir.display())))?;
        let run_as = if nix::unistd::geteuid().is_root() {
            let user = User::from_name("postgres").ok().flatten().ok_or(EmbeddedError::NoPostgresUser)?;
            if !traversable(&data_dir, user.uid, user.gid) {
                return Err(EmbeddedError::Unreachable(data_dir));
            }
            Some((user.uid, user.gid))
        } else {
            None
        };

        let lock = File::create(data_dir.join("pg.lock")).map_err(io("creating pg.lock"))?;
        lock.lock().map_err(io("locking pg.lock"))?;
        let mut cluster = Self { pgdata, bindir, run_as, created: false, started: false };
        if !cluster.pgdata.join("PG_VERSION").exists() {
            cluster.init(&data_dir)?;
            cluster.created = true;
        }
        if !cluster.is_running() {
            let log = cluster.pgdata.join("postgres.log");
            // `-l` matters: without it the daemonised postmaster inherits our pipes and `output()` never returns.
            cluster
                .run("pg_ctl", &["start", "-w", "-t", "60", "-l", path_str(&log), "-D", path_str(&cluster.pgdata)])?;
            cluster.started = true;
        }
        Ok(cluster)
    }

    /// Connection options for a role on the cluster's socket.
    pub fn connect_options(&self, username: &str, database: &str) -> PgConnectOptions {
        PgConnectOptions::new().socket(&self.pgdata).port(PORT).username(username).database(database)
    }

    /// A client program of the cluster's PostgreSQL (`pgbench`, `psql`), connecting to `database` on the
    /// cluster's socket as `username` through the standard environment variables.
    pub fn client(&self, tool: &str, username: &str, database: &str) -> Command {
        let mut command = self.command(tool);
        command
            .env("PGHOST", &self.pgdata)
            .env("PGPORT", PORT.to_string())
            .env("PGUSER", username)
            .env("PGDATABASE", database);
        command
    }

    /// The cluster's directory.
    pub fn pgdata(&self) -> &Path {
        &self.pgdata
    }

    /// Stops the cluster, letting it finish in-flight work (`pg_ctl stop -m fast`).
    pub fn stop(&self) -> Result<(), EmbeddedError> {
        self.run("pg_ctl", &["stop", "-w", "-m", "fast", "-D", path_str(&self.pgdata)]).map(|_| ())
    }

    fn is_running(&self) -> bool {
        self.command("pg_ctl").args(["status", "-D", path_str(&self.pgdata)]).output().is_ok_and(|o| o.status.success())
    }

    /// Runs initdb into a scratch directory and renames it into place, so a crash half-way leaves no
    /// half-made cluster behind.
    fn init(&self, data_dir: &Path) -> Result<(), EmbeddedError> {
        let scratch = data_dir.join("pg.initdb");
        if scratch.exists() {
            fs::remove_dir_all(&scratch).map_err(io("removing an unfinished pg.initdb"))?;
        }
        fs::create_dir(&scratch).map_err(io("creating pg.initdb"))?;
        fs::set_permissions(&scratch, fs::Permissions::from_mode(0o700)).map_err(io("securing pg.initdb"))?;
        if let Some((uid, gid)) = self.run_as {
            nix::unistd::chown(&scratch, Some(uid), Some(gid))
                .map_err(|e| EmbeddedError::Io { context: "handing pg.initdb to postgres".into(), source: e.into() })?;
        }
        self.run(
            "initdb",
            &[
                "-D",
                path_str(&scratch),
                "-U",
                "postgres",
                "--auth-local=trust",
                "--auth-host=reject",
                "-E",
                "UTF8",
                "--locale=C.UTF-8",
                "--no-instructions",
            ],
        )?;
        let settings = format!(
            "\n# pitboss: a private cluster reachable only through the socket in its own directory\n\
             listen_addresses = ''\nport = {PORT}\nunix_socket_directories = '{}'\n",
            self.pgdata.display()
        );
        let conf = scratch.join("postgresql.conf");
        let mut text = fs::read_to_string(&conf).map_err(io("reading postgresql.conf"))?;
        text.push_str(&settings);
        fs::write(&conf, text).map_err(io("writing postgresql.conf"))?;
        fs::rename(&scratch, &self.pgdata).map_err(io("moving the new cluster into place"))
    }

    fn command(&self, tool: &str) -> Command {
        let mut command = Command::new(self.bindir.join(tool));
        command.current_dir("/").env_remove("PGDATA").env_remove("PGPORT").env_remove("PGHOST").env_remove("PGUSER");
        if let Some((uid, gid)) = self.run_as {
            command.uid(uid.as_raw()).gid(gid.as_raw());
        }
        command
    }

    fn run(&self, tool: &'static str, args: &[&str]) -> Result<Output, EmbeddedError> {
        let output = self.command(tool).args(args).output().map_err(io(format!("running {tool}")))?;
        if output.status.success() {
            Ok(output)
        } else {
            let detail = String::from_utf8_lossy(&output.stderr).trim().to_owned();
            Err(EmbeddedError::Tool { tool, detail })
        }
    }
}

/// The newest `/usr/lib/postgresql/<version>/bin` with `initdb` and `pg_ctl` (Debian and Ubuntu's layout).
fn find_bindir() -> Option<PathBuf> {
    let mut candidates: Vec<(u32, PathBuf)> = fs::read_dir("/usr/lib/postgresql")
        .ok()?
        .filter_map(Result::ok)
        .filter_map(|entry| {
            let version = entry.file_name().to_str()?.parse().ok()?;
            let bin = entry.path().join("bin");
            (bin.join("initdb").exists() && bin.join("pg_ctl").exists()).then_some((version, bin))
        })
        .collect();
    candidates.sort();
    candidates.pop().map(|(_, bin)| bin)
}

/// Whether `uid`/`gid` may search every directory from `/` down to `dir`.
fn traversable(dir: &Path, uid: Uid, gid: Gid) -> bool {
    dir.ancestors().all(|ancestor| match fs::metadata(ancestor) {
        Ok(meta) => {
            let mode = meta.mode();
            if meta.uid() == uid.as_raw() {
                mode & 0o100 != 0
            } else if meta.gid() == gid.as_raw() {
                mode & 0o010 != 0
            } else {
                mode & 0o001 != 0
            }
        }
        Err(_) => false,
    })
}

fn path_str(path: &Path) -> &str {
    path.to_str().unwrap_or_default()
}

fn io(context: impl Into<String>) -> impl FnOnce(std::io::Error) -> EmbeddedError {
    let context = context.into();
    move |source| EmbeddedError::Io { context, source }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_private_directory_is_not_traversable_by_another_user() {
        let dir = std::env::temp_dir().join(format!("pitboss-traverse-{}", std::process::id()));
        let inner = dir.join("inner");
        fs::create_dir_all(&inner).expect("temp dirs");
        let me = nix::unistd::geteuid();
        let (other_uid, other_gid) = (Uid::from_raw(me.as_raw() + 4242), Gid::from_raw(4242));

        fs::set_permissions(&dir, fs::Permissions::from_mode(0o700)).expect("chmod");
        let private = traversable(&inner, other_uid, other_gid);
        fs::set_permissions(&dir, fs::Permissions::from_mode(0o755)).expect("chmod");
        let open = traversable(&inner, other_uid, other_gid);
        fs::remove_dir_all(&dir).expect("cleanup");

        assert!(!private, "a 0700 ancestor blocks another user");
        assert!(open, "0755 ancestors let another user through");
    }

    #[test]
    fn socket_paths_that_are_too_long_are_refused_before_postgres_sees_them() {
        let deep = std::env::temp_dir().join("d".repeat(120));
        let outcome = EmbeddedCluster::ensure_running(&deep);
        match find_bindir() {
            Some(_) => assert!(matches!(outcome, Err(EmbeddedError::PathTooLong(_))), "{outcome:?}"),
            None => assert!(matches!(outcome, Err(EmbeddedError::NoBinaries)), "{outcome:?}"),
        }
        assert!(!deep.exists(), "nothing is created for a refused path");
    }
}

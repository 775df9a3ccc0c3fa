//! The server under test: `pitboss serve`, on a private embedded cluster, as its own process so
//! its start-up can be timed and its memory read from `/proc`.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, bail};

use super::client::Client;

/// A running `pitboss serve`.
pub struct ServerProcess {
    child: Child,
}

impl ServerProcess {
    /// Starts `serve` on `data_dir` and waits for `/readyz`; returns it and the time that took.
    pub async fn start(exe: &Path, data_dir: &Path, addr: SocketAddr) -> anyhow::Result<(Self, Duration)> {
        let log = std::fs::File::create(data_dir.join("server.log")).context("creating server.log")?;
        let started = Instant::now();
        let child = Command::new(exe)
            .arg("serve")
            .env_remove("DATABASE_URL")
            .env_remove("DATABASE_OWNER_URL")
            .env("PITBOSS_DATA_DIR", data_dir)
            .env("PITBOSS_ADDR", addr.to_string())
            .env("LOG_FORMAT", "json")
            .stdout(Stdio::from(log.try_clone()?))
            .stderr(Stdio::from(log))
            .spawn()
            .context("starting pitboss serve")?;
        let mut server = Self { child };
        let deadline = started + Duration::from_secs(180);
        loop {
            if let Ok(mut client) = Client::connect(addr).await
                && let Ok((status, _)) = client.get("/readyz").await
                && status.is_success()
            {
                return Ok((server, started.elapsed()));
            }
            if let Some(exit) = server.child.try_wait()? {
                bail!("pitboss serve exited with {exit}; see {}", data_dir.join("server.log").display());
            }
            if Instant::now() > deadline {
                bail!("pitboss serve was not ready within 180 s");
            }
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
    }

    /// The most memory the process has held (`VmHWM`), in MiB.
    /// The server's process id.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    pub fn peak_rss_mib(&self) -> Option<f64> {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id())).ok()?;
        let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
        let kib: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
        Some(kib / 1024.0)
    }

    /// `kill -9`: the embedded cluster keeps running, so the next start measures the server alone.
    pub fn kill(mut self) -> anyhow::Result<()> {
        self.child.kill()?;
        self.child.wait()?;
        Ok(())
    }

    /// Asks it to stop (SIGTERM), which also stops the embedded cluster it started, and waits.
    pub fn stop(mut self) -> anyhow::Result<()> {
        let pid = nix::unistd::Pid::from_raw(i32::try_from(self.child.id())?);
        nix::sys::signal::kill(pid, nix::sys::signal::Signal::SIGTERM)?;
        self.child.wait()?;
        Ok(())
    }
}

/// A new, empty data directory for the run (an earlier run's is removed).
pub fn fresh_data_dir(dir: &Path) -> anyhow::Result<PathBuf> {
    if dir.join("pg").join("postmaster.pid").exists()
        && let Ok(cluster) = database::EmbeddedCluster::ensure_running(dir)
    {
        let _ = cluster.stop();
    }
    let _ = std::fs::remove_dir_all(dir);
    std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    Ok(dir.to_path_buf())
}

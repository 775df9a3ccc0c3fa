//! The CPU time PostgreSQL (every process of the cluster, ended backends included) and the server spend, read
//! from `/proc`: what a phase costs each side per call, beside its rate. On two shared cores the rate is set by
//! that cost, so this is where a phase's figure is explained.

use std::ops::Sub;
use std::path::Path;

use anyhow::Context;

/// The rate at which Linux reports process times to user space (`USER_HZ`), whatever the kernel's own tick.
const TICKS_PER_SECOND: f64 = 100.0;

/// The cluster's postmaster and the server, by process id.
pub struct CpuMeter {
    postmaster: u32,
    server: u32,
}

/// CPU time used so far, in ticks.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CpuTimes {
    postgres: u64,
    server: u64,
}

impl CpuMeter {
    /// The cluster whose data directory is `pgdata` (its `postmaster.pid`), and the server process `server`.
    pub fn new(pgdata: &Path, server: u32) -> anyhow::Result<Self> {
        let pid_file = std::fs::read_to_string(pgdata.join("postmaster.pid")).context("reading postmaster.pid")?;
        let postmaster = pid_file.lines().next().context("an empty postmaster.pid")?.trim().parse()?;
        Ok(Self { postmaster, server })
    }

    /// The times used so far: the postmaster's with its ended children's, its live children's, the server's.
    pub fn read(&self) -> CpuTimes {
        let mut times = CpuTimes::default();
        let entries = std::fs::read_dir("/proc").into_iter().flatten().flatten();
        for pid in entries.filter_map(|entry| entry.file_name().to_str()?.parse::<u32>().ok()) {
            let Some(stat) = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok().and_then(|s| Stat::parse(&s))
            else {
                continue;
            };
            if pid == self.postmaster {
                times.postgres += stat.own + stat.ended_children;
            } else if stat.parent == self.postmaster {
                times.postgres += stat.own;
            } else if pid == self.server {
                times.server += stat.own;
            }
        }
        times
    }
}

impl Sub for CpuTimes {
    type Output = CpuTimes;

    fn sub(self, earlier: CpuTimes) -> CpuTimes {
        CpuTimes {
            postgres: self.postgres.saturating_sub(earlier.postgres),
            server: self.server.saturating_sub(earlier.server),
        }
    }
}

impl CpuTimes {
    /// "CPU per call: PostgreSQL … ms, server … ms", for the time used by `calls` calls.
    pub fn per_call(self, calls: f64) -> String {
        let ms = |ticks: u64| ticks as f64 / TICKS_PER_SECOND * 1_000.0 / calls.max(1.0);
        format!("CPU per call: PostgreSQL {:.2} ms, server {:.2} ms", ms(self.postgres), ms(self.server))
    }
}

/// The fields of `/proc/<pid>/stat` used here.
struct Stat {
    parent: u32,
    /// User and system time of the process itself.
    own: u64,
    /// User and system time of its children that have ended and been waited for.
    ended_children: u64,
}

impl Stat {
    fn parse(stat: &str) -> Option<Stat> {
        // The command name may hold spaces and parentheses; the fields after its closing one do not.
        let fields: Vec<&str> = stat.get(stat.rfind(')')? + 2..)?.split_whitespace().collect();
        let field = |index: usize| fields.get(index)?.parse::<u64>().ok();
        Some(Stat {
            parent: u32::try_from(field(1)?).ok()?,
            own: field(11)? + field(12)?,
            ended_children: field(13)? + field(14)?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stat_line_is_read_past_a_command_name_with_spaces_and_parentheses() {
        let line = "4242 (postgres: a (b) c) S 17 4242 4242 0 -1 4194560 1 0 0 0 250 50 7 3 20 0 1 0 100 0 0";
        let stat = Stat::parse(line).expect("parsed");
        assert_eq!((stat.parent, stat.own, stat.ended_children), (17, 300, 10));
    }

    #[test]
    fn cost_per_call_is_the_time_used_over_the_calls() {
        let used = CpuTimes { postgres: 150, server: 50 } - CpuTimes { postgres: 50, server: 10 };
        assert_eq!(used.per_call(500.0), "CPU per call: PostgreSQL 2.00 ms, server 0.80 ms");
    }
}

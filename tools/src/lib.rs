//! The tools around pitboss that are not pitboss: the benchmark (`bench`), the failover drill (`ha_drill`),
//! the shift simulator (`simulation`) and the player import's benchmark (`import_bench`), behind the
//! `pitboss-tools` binary.
//!
//! They use only the domain crate's public API and the `database` crate, like any other client would, and
//! drive the server as its own process over HTTP; the shipped `pitboss` binary links none of this.

pub mod bench;
pub mod ha_drill;
pub mod import_bench;
pub mod simulation;

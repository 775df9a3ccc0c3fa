//! `pitboss`: the table-games player tracking server and its operator commands.
// Rendering the app's deeply nested view types needs more than the default limit.
#![recursion_limit = "256"]

use std::process::ExitCode;

fn main() -> ExitCode {
    server::cli::main()
}

//! `pitboss`: the table-games player tracking server and its operator commands.

use std::process::ExitCode;

fn main() -> ExitCode {
    server::cli::main()
}

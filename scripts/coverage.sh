#!/usr/bin/env bash
# Line coverage per service (each src/<service>/), unit and integration tests together, with cargo-llvm-cov.
# Installs what it needs (the llvm-tools component, cargo-llvm-cov) on first use. The instrumented build uses
# its own target directory (target/llvm-cov-target), so expect a full extra debug build the first time.
#   bash scripts/coverage.sh            # prints the table, records it in docs/coverage.md; exits 1 if a
#                                       # service is under 80 %
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH" CARGO_TERM_COLOR=never
LLVM_COV_VERSION=0.9.1

channel=$(sed -n 's/^channel *= *"\(.*\)"/\1/p' rust-toolchain.toml)
rustup component list --installed --toolchain "$channel" | grep -q '^llvm-tools' ||
  rustup component add llvm-tools --toolchain "$channel"
cargo llvm-cov --version 2>/dev/null | grep -q "$LLVM_COV_VERSION" ||
  cargo install --quiet --locked cargo-llvm-cov --version "$LLVM_COV_VERSION"

database_url=$(bash scripts/pg-test.sh | tail -n 1)
[[ $database_url == DATABASE_URL=* ]] || { echo "coverage: scripts/pg-test.sh printed no DATABASE_URL" >&2; exit 1; }
export "$database_url"
cargo llvm-cov clean --workspace >/dev/null 2>&1 || true
cargo llvm-cov nextest --workspace --features app/ssr,pitboss/db --no-report --no-fail-fast >/dev/null
cargo llvm-cov report --json --summary-only --output-path target/coverage.json >/dev/null
python3 scripts/coverage_table.py target/coverage.json --write docs/coverage.md

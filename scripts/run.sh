#!/usr/bin/env bash
# Command 1: installs what is missing, builds the release app and serves it on http://127.0.0.1:3000.
# Without DATABASE_URL, pitboss keeps its own PostgreSQL cluster in PITBOSS_DATA_DIR and seeds the demo casino
# on first start. Stop it with Ctrl-C; the embedded cluster stops with it.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
bash scripts/setup.sh run
cargo leptos build --release --split
exec ./target/release/pitboss serve

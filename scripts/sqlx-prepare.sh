#!/usr/bin/env bash
# Regenerates the committed offline query cache (.sqlx/) after a query or migration changes, against a fresh
# database migrated from migrations/. With `--check`, fails if the cache is stale instead of rewriting it.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
base=$(bash scripts/pg-test.sh | tail -n 1 | sed 's/^DATABASE_URL=//; s#/postgres$##')
export DATABASE_URL="$base/pitboss_prepare"
sqlx database drop -y >/dev/null 2>&1 || true
sqlx database create
sqlx migrate run >/dev/null
cargo sqlx prepare --workspace "$@" -- -p pitboss --features db --all-targets

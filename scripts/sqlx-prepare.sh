#!/usr/bin/env bash
# Regenerates the committed offline query cache (.sqlx/) after a query or migration changes. With `--check`,
# fails if the cache is stale instead of rewriting it.
#
# It does what `cargo sqlx prepare` does, without installing sqlx-cli: the crates with query macros are
# checked online against a fresh database migrated from migrations/, and the macros write each query's
# description into SQLX_OFFLINE_DIR (sqlx-macros-core 0.8 does this whenever that variable is set).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

check=false
case ${1:-} in
  --check) check=true ;;
  "") ;;
  *) echo "usage: scripts/sqlx-prepare.sh [--check]" >&2; exit 2 ;;
esac

line=$(bash scripts/pg-test.sh | tail -n 1)
[[ $line == DATABASE_URL=* ]] || { echo "sqlx-prepare: scripts/pg-test.sh printed no DATABASE_URL" >&2; exit 1; }
server=${line#DATABASE_URL=}
server=${server%/postgres}
psql=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)/psql
sql() { "$psql" -X -q -v ON_ERROR_STOP=1 "$@" >/dev/null; }

sql "$server/postgres" -c "set client_min_messages = warning" \
  -c "drop database if exists pitboss_prepare with (force)" -c "create database pitboss_prepare"
for migration in migrations/*.sql; do
  sql "$server/pitboss_prepare" --single-transaction -f "$migration"
done

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
# The macros run only when their crate compiles; cargo does not see a changed DATABASE_URL, so the sources of
# the crates with queries are touched to make it recompile them.
find src tests tools/src tools/tests -name '*.rs' -exec touch {} +
SQLX_OFFLINE=false SQLX_OFFLINE_DIR=$out DATABASE_URL=$server/pitboss_prepare \
  cargo check --quiet -p pitboss -p tools --features pitboss/db --all-targets

if $check; then
  if ! diff -r -q .sqlx "$out" >/dev/null; then
    echo "sqlx-prepare: .sqlx/ is stale; run bash scripts/sqlx-prepare.sh and commit .sqlx/:" >&2
    diff -r -q .sqlx "$out" | sed "s#$out#(queries now)#" >&2 || true
    exit 1
  fi
  echo "sqlx-prepare: .sqlx/ matches the queries ($(ls "$out" | wc -l) of them)"
else
  rm -rf .sqlx
  mkdir .sqlx
  cp "$out"/*.json .sqlx/
  echo "sqlx-prepare: wrote $(ls .sqlx | wc -l) queries to .sqlx/"
fi

#!/usr/bin/env bash
# Starts, once, the private throwaway PostgreSQL cluster the test suite uses, and prints its superuser URL as
# the last line (DATABASE_URL=…). Trust auth on 127.0.0.1 only, fsync off: it holds nothing worth keeping.
# Idempotent: seconds when cold, instant when already running. Stop it with `scripts/pg-test.sh stop`.
set -euo pipefail
cd "$(dirname "$0")/.."

port=${PITBOSS_TEST_PG_PORT:-54329}
bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -x "$bindir/initdb" ] || { echo "pg-test: PostgreSQL server binaries not found; run scripts/setup.sh" >&2; exit 1; }

# PostgreSQL refuses to run as root: run its binaries as the postgres user, which must own the data directory.
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

# The cluster lives in target/ when PostgreSQL's user can reach it; a checkout under a private home (root's
# /root is 0700) it cannot, so the cluster goes under /tmp instead, named after the checkout.
dir=$PWD/target/pg-test
if [ "$(id -u)" = 0 ]; then
  id postgres >/dev/null 2>&1 || { echo "pg-test: running as root needs the postgres user; run scripts/setup.sh" >&2; exit 1; }
  mkdir -p target
  if ! runuser -u postgres -- test -x "$PWD/target"; then
    dir=/tmp/pitboss-pg-test-$(printf '%s' "$PWD" | sha256sum | cut -c1-12)
  fi
fi

if [ "${1:-}" = stop ]; then
  [ -f "$dir/data/PG_VERSION" ] && as_pg "$bindir/pg_ctl" -D "$dir/data" -m fast stop >/dev/null 2>&1 || true
  exit 0
fi

mkdir -p "$dir"
[ "$(id -u)" = 0 ] && chown postgres:postgres "$dir"
chmod 700 "$dir"
if [ ! -f "$dir/data/PG_VERSION" ]; then
  rm -rf "$dir/data"
  as_pg "$bindir/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 --no-instructions >/dev/null
fi
if ! as_pg "$bindir/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
  if ! as_pg "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
    -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
    start >/dev/null; then
    echo "pg-test: the test cluster did not start (is port $port taken? set PITBOSS_TEST_PG_PORT); its log:" >&2
    tail -n 5 "$dir/server.log" >&2
    exit 1
  fi
fi
for _ in $(seq 1 50); do
  "$bindir/pg_isready" -q -h 127.0.0.1 -p "$port" && break
  sleep 0.1
done
echo "DATABASE_URL=postgres://postgres@127.0.0.1:$port/postgres"

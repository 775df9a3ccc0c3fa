#!/usr/bin/env bash
# Runs the Playwright suite against a built app: starts `pitboss serve` with a fresh embedded database on
# 127.0.0.1:3300, waits until /readyz answers, runs the specs in Debian's Chromium, then stops the server
# (which stops its database). Build first with `cargo leptos build --split` (scripts/test.sh does: the debug build
# costs minutes where the size-optimised release costs twenty); for the release app, build with `--release`
# and set E2E_BIN=target/release/pitboss.
set -euo pipefail
cd "$(dirname "$0")/.."

bin=${E2E_BIN:-$PWD/target/debug/pitboss}
[ -x "$bin" ] || { echo "e2e: $bin is missing; run cargo leptos build --split" >&2; exit 1; }
# Absolute: the stories run `pitboss` themselves (PITBOSS_BIN, below) from end2end/.
bin=$(realpath "$bin")
addr=${E2E_ADDR:-127.0.0.1:3300}
# Not under the checkout: as root the cluster runs as `postgres`, which may not reach a clone under /root.
data=${E2E_DATA_DIR:-/tmp/pitboss-e2e}
log=$PWD/target/e2e-server.log

stop_cluster() { # a cluster left by an interrupted run
  local pgctl
  pgctl=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)/pg_ctl
  [ -f "$data/pg/postmaster.pid" ] || return 0
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$pgctl" -D "$data/pg" -m immediate stop >/dev/null 2>&1 || true
  else "$pgctl" -D "$data/pg" -m immediate stop >/dev/null 2>&1 || true; fi
}
stop_cluster
rm -rf "$data"
# The stories run against the embedded database, whatever the caller's environment points at.
unset DATABASE_URL DATABASE_OWNER_URL

PITBOSS_DATA_DIR=$data PITBOSS_ADDR=$addr "$bin" serve >"$log" 2>&1 &
server=$!
cleanup() {
  kill -TERM "$server" 2>/dev/null && wait "$server" 2>/dev/null || true
  stop_cluster
}
trap cleanup EXIT

for _ in $(seq 1 120); do
  curl -fsS "http://$addr/readyz" >/dev/null 2>&1 && break
  kill -0 "$server" 2>/dev/null || { echo "e2e: the server exited; its log:" >&2; cat "$log" >&2; exit 1; }
  sleep 0.5
done
curl -fsS "http://$addr/readyz" >/dev/null || { echo "e2e: the server never became ready; its log:" >&2; cat "$log" >&2; exit 1; }

cd end2end
# A story's own browser contexts are closed when it ends only through fixtures/test.ts (end2end/README.md).
if grep -lE 'import \{[^}]*\btest\b[^}]*\} from "@playwright/test"' tests/*.spec.ts; then
  echo "e2e: the specs above import test from @playwright/test; import it from ../fixtures/test" >&2
  exit 1
fi
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 E2E_BASE_URL="http://$addr" PITBOSS_BIN="$bin" PITBOSS_DATA_DIR="$data"
set +e
npx playwright test "$@"
rc=$?
set -e
[ $rc -eq 0 ] || { echo "e2e: failed; server log in $log" >&2; }
exit $rc

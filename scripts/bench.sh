#!/usr/bin/env bash
# The benchmark (figures and machine in docs/performance.md). Builds the release binaries, runs
# `pitboss-tools bench` (server side: latency per server function open and closed loop, the bare-SQL limit, propagation to a
# subscriber, start-up, peak memory; arguments are passed on, e.g. --history-slips 200000), then serves the
# floor it leaves — every seat taken — for the browser side: the pit dashboard's LCP and the delay to a second
# browser in Chromium, and the initial WebAssembly size. Prints figures; asserts no timings.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

data=${BENCH_DATA_DIR:-/tmp/pitboss-bench}
addr=${BENCH_ADDR:-127.0.0.1:3400}
bin=$PWD/target/release/pitboss

cargo leptos build --release --split
cargo build --release -p tools
"$PWD/target/release/pitboss-tools" bench --pitboss-bin "$bin" --data-dir "$data" "$@"

echo
node scripts/wasm-sizes.mjs

unset DATABASE_URL DATABASE_OWNER_URL
PITBOSS_DATA_DIR=$data PITBOSS_ADDR=$addr "$bin" serve >"$data/serve.log" 2>&1 &
server=$!
trap 'kill -TERM "$server" 2>/dev/null && wait "$server" 2>/dev/null || true' EXIT
for _ in $(seq 1 600); do
  curl -fsS "http://$addr/readyz" >/dev/null 2>&1 && break
  sleep 0.1
done
cd end2end
PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 E2E_BASE_URL="http://$addr" BENCH_LOGIN="$data/bench-login" \
  npx playwright test --config bench.config.ts

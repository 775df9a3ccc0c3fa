#!/usr/bin/env bash
# The benchmark (figures and machine in docs/performance.md). Builds the release binaries, runs
# `pitboss-tools bench` (server side: latency per server function open and closed loop, the bare-SQL limit and
# the pgbench anchor, propagation to a subscriber, start-up, peak memory; arguments are passed on, e.g.
# --history-slips 200000), prints the WebAssembly sizes, then serves the floor it leaves — every seat taken —
# from two server nodes for the browser side, in Chromium: the pit dashboard's LCP and the delay to a second
# browser on the same node and across nodes. Prints figures; asserts no timings.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

data=${BENCH_DATA_DIR:-/tmp/pitboss-bench}
addr=${BENCH_ADDR:-127.0.0.1:3400}
bin=$PWD/target/release/pitboss

cargo leptos build --release --split
# cargo-leptos builds the server with `--cfg erase_components` (Cargo.toml: always-erase-components); the same
# flags here let the tools reuse its compiled dependencies instead of rebuilding them.
RUSTFLAGS="--cfg erase_components" cargo build --release -p tools
"$PWD/target/release/pitboss-tools" bench --pitboss-bin "$bin" --data-dir "$data" "$@"

echo
node scripts/wasm-sizes.mjs

unset DATABASE_URL DATABASE_OWNER_URL
# Two nodes on the floor's database: the second browser is measured on the same node and across nodes. The
# first node owns the embedded cluster, so the second stops first.
other=${BENCH_OTHER_ADDR:-127.0.0.1:3401}
PITBOSS_DATA_DIR=$data PITBOSS_ADDR=$addr "$bin" serve >"$data/serve.log" 2>&1 &
server=$!
stop() {
  for pid in ${node_b:-} "$server"; do kill -TERM "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true; done
}
trap stop EXIT
ready() {
  for _ in $(seq 1 600); do
    curl -fsS "http://$1/readyz" >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  echo "bench: $1 never became ready" >&2
  return 1
}
ready "$addr"
PITBOSS_DATA_DIR=$data PITBOSS_ADDR=$other "$bin" serve >"$data/serve-b.log" 2>&1 &
node_b=$!
ready "$other"
cd end2end
PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 E2E_BASE_URL="http://$addr" BENCH_OTHER_NODE="http://$other" \
  BENCH_LOGIN="$data/bench-login" npx playwright test --config bench.config.ts

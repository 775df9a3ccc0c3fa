#!/usr/bin/env bash
# Command 2: installs what is missing, then runs every check CI runs, in order of cost: formatting, clippy
# per package, the offline query cache, unit + integration tests against a private PostgreSQL (as the runtime
# role), the failover and point-in-time recovery drills, the debug app build, and the Playwright stories in
# Debian's Chromium. Prints a timing table at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH" CARGO_TERM_COLOR=never

timings=()
step() { # name, command...
  local name=$1 start=$SECONDS
  shift
  printf '\n==> %s\n' "$name"
  "$@"
  timings+=("$(printf '%-24s %4ds' "$name" $((SECONDS - start)))")
}

step "setup" bash scripts/setup.sh test
# pg-test.sh says what went wrong itself; a failure here must stop the run rather than export nothing.
database_url=$(bash scripts/pg-test.sh | tail -n 1)
[[ $database_url == DATABASE_URL=* ]] || { echo "test: scripts/pg-test.sh printed no DATABASE_URL" >&2; exit 1; }
export "$database_url"
trap 'bash scripts/pg-test.sh stop' EXIT

step "rustfmt" cargo fmt --all -- --check
step "clippy pitboss" cargo clippy -p pitboss --all-targets --features db -- -D warnings
step "clippy app+server+tools" cargo clippy -p app -p server -p database -p tools --all-targets --features app/ssr \
  -- -D warnings
step "clippy app (wasm)" cargo clippy -p app --lib --no-default-features --features hydrate \
  --target wasm32-unknown-unknown -- -D warnings
step "sqlx query cache" bash scripts/sqlx-prepare.sh --check
step "rust tests" cargo nextest run --workspace --features app/ssr,pitboss/db --no-fail-fast
# The drills run the debug `pitboss` and `pitboss-tools` the tests just built.
step "failover drill" bash scripts/ha-drill.sh
step "PITR drill" bash scripts/pitr-drill.sh
# The stories run against the debug app: the size-optimised release WebAssembly alone took over 20 minutes
# on the reference machine, and command 1 is what builds it.
step "app build (debug)" cargo leptos build --split
step "browser stories" bash scripts/e2e.sh

printf '\n==> timings\n'
printf '%s\n' "${timings[@]}"
printf '%-24s %4ds\n' "total" "$SECONDS"

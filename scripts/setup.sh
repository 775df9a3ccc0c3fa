#!/usr/bin/env bash
# Installs what pitboss needs to build, run and test, and nothing that is already there. Idempotent: on a
# prepared machine it takes seconds. Pins live here and in Cargo.toml; keep them in step (TOOLCHAIN.md §3).
set -euo pipefail
cd "$(dirname "$0")/.."

CARGO_LEPTOS_VERSION=0.3.10      # 0.3.11 needs rustc 1.96 (TOOLCHAIN.md P1)
WASM_BINDGEN_VERSION=0.2.129     # must equal the `wasm-bindgen` pin in Cargo.toml to the patch (P2)
SQLX_CLI_VERSION=0.8.6           # must equal the sqlx crate's version
NEXTEST_VERSION=0.9.143          # installed only when no cargo-nextest is on PATH; any version runs the suite

export PATH="$HOME/.cargo/bin:$PATH"
log() { printf 'setup: %s\n' "$*" >&2; }

# --- Debian packages: PostgreSQL server binaries, Chromium, curl, and Node.js when absent. Never binaryen (its wasm-opt 108 breaks
# hydration, TOOLCHAIN.md P3); wasm-opt comes from npm below.
need_apt=()
compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || need_apt+=(postgresql)
[ -x /usr/bin/chromium ] || need_apt+=(chromium)
command -v curl >/dev/null || need_apt+=(curl)
command -v npm >/dev/null || need_apt+=(nodejs npm)
if [ ${#need_apt[@]} -gt 0 ]; then
  log "apt-get install ${need_apt[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

# --- Rust: the toolchain file names the target, but rustup does not auto-install here (P15).
channel=$(sed -n 's/^channel *= *"\(.*\)"/\1/p' rust-toolchain.toml)
rustup toolchain list | grep -q "^$channel" || rustup toolchain install "$channel" --profile minimal -c rustfmt,clippy
rustup target list --installed --toolchain "$channel" | grep -q wasm32-unknown-unknown ||
  rustup target add wasm32-unknown-unknown --toolchain "$channel"

cargo_tool() { # binary, version-probe, wanted version, install args...
  local bin=$1 probe=$2 want=$3; shift 3
  if command -v "$bin" >/dev/null && $probe 2>/dev/null | grep -q "$want"; then return; fi
  log "cargo install $*"
  cargo install --quiet "$@"
}
cargo_tool cargo-leptos "cargo-leptos --version" "$CARGO_LEPTOS_VERSION" \
  "cargo-leptos@$CARGO_LEPTOS_VERSION" --locked --features no_downloads
cargo_tool wasm-bindgen "wasm-bindgen --version" "$WASM_BINDGEN_VERSION" \
  "wasm-bindgen-cli@$WASM_BINDGEN_VERSION" --locked
cargo_tool sqlx "sqlx --version" "$SQLX_CLI_VERSION" \
  "sqlx-cli@$SQLX_CLI_VERSION" --locked --no-default-features --features postgres
cargo_tool cargo-nextest "cargo nextest --version" "cargo-nextest" "cargo-nextest@$NEXTEST_VERSION" --locked

# --- Node packages: Tailwind v4 and wasm-opt (binaryen) at the root, Playwright in end2end/. Browsers are never
# downloaded; Playwright drives Debian's /usr/bin/chromium.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
npm_ci() { # dir; npm writes node_modules/.package-lock.json on every install, so a newer one means up to date
  local stamp="$1/node_modules/.package-lock.json"
  if [ -f "$stamp" ] && [ "$stamp" -nt "$1/package-lock.json" ]; then return; fi
  log "npm ci in $1"
  # npm's unpacking sometimes trips over its own half-written tree (ENOTEMPTY on lightningcss/node, seen on
  # a fresh clone); one clean retry gets past it.
  (cd "$1" && npm ci --no-audit --no-fund --loglevel=error) ||
    { log "npm ci in $1 failed; retrying once from scratch"; rm -rf "$1/node_modules"
      (cd "$1" && npm ci --no-audit --no-fund --loglevel=error); }
}
npm_ci .
npm_ci end2end
log "ready"

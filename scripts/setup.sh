#!/usr/bin/env bash
# Installs what pitboss needs, and nothing that is already there. Idempotent: on a prepared machine it takes
# seconds. `setup.sh run` installs what building and serving the app needs (command 1); `setup.sh test` adds
# what the test suite needs (command 2): Chromium, curl, cargo-nextest and the Playwright packages. Pins live
# here and in Cargo.toml; keep them in step (docs/architecture.md#toolchain-and-its-pitfalls).
set -euo pipefail
cd "$(dirname "$0")/.."

mode=${1:-test}
case $mode in run | test) ;; *) echo "usage: scripts/setup.sh [run|test]" >&2; exit 2 ;; esac

CARGO_LEPTOS_VERSION=0.3.10      # 0.3.11 needs rustc 1.96
WASM_BINDGEN_VERSION=0.2.129     # must equal the `wasm-bindgen` pin in Cargo.toml to the patch
NEXTEST_VERSION=0.9.143          # installed only when no cargo-nextest is on PATH; any version runs the suite

export PATH="$HOME/.cargo/bin:$PATH"
log() { printf 'setup: %s\n' "$*" >&2; }

# --- Debian packages: PostgreSQL server binaries and Node.js to run; Chromium and curl to test. Never binaryen
# (its wasm-opt 108 breaks hydration, docs/architecture.md#toolchain-and-its-pitfalls); wasm-opt comes from npm.
need_apt=()
compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || need_apt+=(postgresql)
command -v npm >/dev/null || need_apt+=(nodejs npm)
if [ "$mode" = test ]; then
  [ -x /usr/bin/chromium ] || need_apt+=(chromium)
  command -v curl >/dev/null || need_apt+=(curl)
fi
if [ ${#need_apt[@]} -gt 0 ]; then
  log "apt-get install ${need_apt[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

# --- Rust: the toolchain file names the target, but rustup does not auto-install here (RUSTUP_AUTO_INSTALL=0).
channel=$(sed -n 's/^channel *= *"\(.*\)"/\1/p' rust-toolchain.toml)
rustup toolchain list | grep -q "^$channel" || rustup toolchain install "$channel" --profile minimal -c rustfmt,clippy
rustup target list --installed --toolchain "$channel" | grep -q wasm32-unknown-unknown ||
  rustup target add wasm32-unknown-unknown --toolchain "$channel"

# Tools are built from source unless cargo-binstall is there to fetch a prebuilt binary. A tool's speed hardly
# matters, its build time does: no LTO, parallel codegen and light optimisation take the cold install of
# cargo-leptos from about 12 minutes to a few, and one shared target directory builds common crates once.
tools_target=${TMPDIR:-/tmp}/pitboss-tools-build
cargo_tool() { # binary, version-probe, wanted version, binstall allowed (yes/no), crate@version, install args...
  local bin=$1 probe=$2 want=$3 binstall=$4 crate=$5
  shift 5
  if command -v "$bin" >/dev/null && $probe 2>/dev/null | grep -q "$want"; then return; fi
  if [ "$binstall" = yes ] && command -v cargo-binstall >/dev/null &&
    cargo binstall --no-confirm --locked --disable-strategies compile "$crate" >/dev/null 2>&1; then
    log "cargo binstall $crate"
    return
  fi
  log "cargo install $crate $*"
  CARGO_TARGET_DIR=$tools_target CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 \
    CARGO_PROFILE_RELEASE_OPT_LEVEL=1 CARGO_PROFILE_RELEASE_DEBUG=false CARGO_PROFILE_RELEASE_STRIP=true \
    cargo install --quiet "$crate" "$@"
}
# cargo-leptos is always built here: its prebuilt releases are built with tool downloads on, and would fetch
# their own wasm-opt instead of npm's.
cargo_tool cargo-leptos "cargo-leptos --version" "$CARGO_LEPTOS_VERSION" no \
  "cargo-leptos@$CARGO_LEPTOS_VERSION" --locked --features no_downloads
cargo_tool wasm-bindgen "wasm-bindgen --version" "$WASM_BINDGEN_VERSION" yes \
  "wasm-bindgen-cli@$WASM_BINDGEN_VERSION" --locked
if [ "$mode" = test ]; then
  cargo_tool cargo-nextest "cargo nextest --version" "cargo-nextest" yes "cargo-nextest@$NEXTEST_VERSION" --locked
fi
rm -rf "$tools_target"

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
[ "$mode" = run ] || npm_ci end2end
log "ready ($mode)"

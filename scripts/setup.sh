#!/usr/bin/env bash
# Installs what Onboard needs to build (and, with "test", to test), only what is
# missing, and says what it installs. Safe to run again: the second run installs nothing.
#   scripts/setup.sh build   wasm32 target, trunk, wasm-bindgen-cli, wasm-opt, terser
# (The wasm is split by xtask/src/main.rs, a workspace crate that cargo builds itself.)
#   scripts/setup.sh test    the above + leptosfmt, Debian chromium and chromium-driver
#   scripts/setup.sh shots   the above + Debian fonts-noto-cjk (Japanese in screenshots)
set -euo pipefail
cd "$(dirname "$0")/.."
what="${1:-build}"
TRUNK_VERSION=0.21.14
say() { printf '\033[1msetup:\033[0m %s\n' "$*"; }
export PATH="$HOME/.cargo/bin:$PATH"

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "installing the Rust target wasm32-unknown-unknown (rustup)"
  rustup target add wasm32-unknown-unknown
fi

if ! trunk --version 2>/dev/null | grep -q " $TRUNK_VERSION"; then
  say "installing trunk $TRUNK_VERSION (cargo install, about 11 minutes once)"
  cargo install --locked "trunk@$TRUNK_VERSION" --no-default-features --features rustls
fi

# wasm-bindgen-cli must equal the wasm-bindgen of Cargo.lock exactly.
WB_VERSION=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
if ! wasm-bindgen --version 2>/dev/null | grep -q " $WB_VERSION"; then
  say "installing wasm-bindgen-cli $WB_VERSION (cargo install, about 5 minutes once)"
  cargo install "wasm-bindgen-cli@$WB_VERSION"
fi

if ! command -v wasm-opt >/dev/null 2>&1; then
  say "installing wasm-opt (npm package binaryen)"
  npm install -g binaryen
fi

if ! command -v terser >/dev/null 2>&1; then
  say "installing terser (npm, minifies the app's JS glue in release builds)"
  npm install -g terser@5
fi

# leptosfmt formats the view! macros (make fmt-check runs it with --check).
LEPTOSFMT_VERSION=0.1.33
if [ "$what" != "build" ] && ! leptosfmt --version 2>/dev/null | grep -q " $LEPTOSFMT_VERSION"; then
  say "installing leptosfmt $LEPTOSFMT_VERSION (cargo install, about 4 minutes once)"
  cargo install --locked "leptosfmt@$LEPTOSFMT_VERSION"
fi

if [ "$what" = "shots" ]; then
  what=test
  if ! dpkg -s fonts-noto-cjk >/dev/null 2>&1; then
    say "installing Debian fonts-noto-cjk (apt-get), so screenshots show Japanese"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-noto-cjk
  fi
fi
if [ "$what" = "test" ]; then
  if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; then
    say "installing Debian chromium and chromium-driver (apt-get)"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver
  fi
fi
if [ "$what" = "test" ] && { [ ! -f node_modules/axe-core/axe.min.js ] || [ ! -x node_modules/.bin/lighthouse ]; }; then
  # Both in one call: an npm install without a package.json prunes what it was not told.
  say "installing axe-core (accessibility checks) and lighthouse (make bench) from npm into ./node_modules"
  npm install --no-save --no-package-lock --silent axe-core@4 lighthouse@12
fi
say "tools ready: $(trunk --version), wasm-bindgen $WB_VERSION, $(wasm-opt --version | head -1)"

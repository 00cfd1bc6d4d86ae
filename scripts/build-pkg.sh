#!/usr/bin/env bash
# Builds the WebAssembly package into pkg/: wasm-pack (release profile, tuned for size in
# Cargo.toml) for `--target web`, wasm-opt from node_modules/.bin (the npm package binaryen:
# wasm-pack cannot download its own here), then the worker and its client beside the module.
# Skips the work when pkg/ is newer than every input.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export PATH="$HOME/.cargo/bin:$ROOT/node_modules/.bin:$PATH"

WASM=pkg/accordlint_bg.wasm
SHIPPED_JS=(js/worker.js js/accordlint-client.js js/accordlint-client.d.ts)

inputs_changed() {
  [ ! -f "$WASM" ] && return 0
  [ -n "$(find src js Cargo.toml Cargo.lock -newer "$WASM" -print -quit)" ]
}

if ! inputs_changed; then
  echo "pkg/ is up to date"
  exit 0
fi

command -v wasm-opt >/dev/null || { echo "wasm-opt missing: run scripts/install.sh npm" >&2; exit 1; }

wasm-pack --quiet build --mode no-install --target web --release \
  --out-dir pkg --out-name accordlint -- --no-default-features --config "profile.release.strip=\"debuginfo\""

cp "${SHIPPED_JS[@]}" pkg/
node scripts/pkg-manifest.mjs pkg/package.json "${SHIPPED_JS[@]##*/}"
touch "$WASM"
echo "pkg/: $(wc -c < "$WASM") bytes of wasm, $(gzip -9 -c "$WASM" | wc -c) gzipped"

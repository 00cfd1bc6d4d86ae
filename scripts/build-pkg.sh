#!/usr/bin/env bash
# Builds the WebAssembly package into pkg/: wasm-pack (release profile, tuned for size in
# Cargo.toml) for `--target web`, wasm-opt from node_modules/.bin (the npm package binaryen:
# wasm-pack cannot download its own here), then the worker and its client beside the module.
# Then the same package with the Word (.docx) functions (`--features word`) into pkg/word/,
# which a page loads only when a .docx is opened: the main .wasm stays small.
# Skips the work when pkg/ is newer than every input.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export PATH="$HOME/.cargo/bin:$ROOT/node_modules/.bin:$PATH"

WASM=pkg/accordlint_bg.wasm
WORD_WASM=pkg/word/accordlint_bg.wasm
SHIPPED_JS=(js/worker.js js/accordlint-client.js js/accordlint-client.d.ts)

# Whether the .wasm given is missing or older than an input.
inputs_changed() {
  [ ! -f "$1" ] && return 0
  [ -n "$(find src js Cargo.toml Cargo.lock -newer "$1" -print -quit)" ]
}

# wasm-pack for `--target web`, release; extra arguments go to cargo. It builds into a
# staging folder and moves the .wasm into place last, so that an interrupted build never
# leaves a half-made module that looks up to date.
build_wasm() {
  local out_dir="$1"
  shift
  local staging="target/pkg-staging/$(basename "$out_dir")"
  rm -rf "$staging"
  wasm-pack --quiet build --mode no-install --target web --release \
    --out-dir "$ROOT/$staging" --out-name accordlint -- --no-default-features "$@" \
    --config "profile.release.strip=\"debuginfo\""
  mkdir -p "$out_dir"
  find "$staging" -maxdepth 1 -type f ! -name accordlint_bg.wasm -exec cp {} "$out_dir/" \;
  mv "$staging/accordlint_bg.wasm" "$out_dir/accordlint_bg.wasm"
}

report_size() {
  echo "$(dirname "$1")/: $(wc -c < "$1") bytes of wasm, $(gzip -9 -c "$1" | wc -c) gzipped"
}

if ! inputs_changed "$WASM" && ! inputs_changed "$WORD_WASM"; then
  echo "pkg/ is up to date"
  exit 0
fi

command -v wasm-opt >/dev/null || { echo "wasm-opt missing: run scripts/install.sh npm" >&2; exit 1; }

if inputs_changed "$WASM"; then
  build_wasm pkg
  cp "${SHIPPED_JS[@]}" pkg/
  touch "$WASM"
fi
if inputs_changed "$WORD_WASM"; then
  build_wasm pkg/word --features word
  # wasm-pack's own files (package.json, README, .gitignore) belong to pkg/, not to pkg/word/.
  rm -f pkg/word/package.json pkg/word/README.md pkg/word/.gitignore pkg/word/LICENSE*
  touch "$WORD_WASM"
fi
# wasm-pack rewrites pkg/package.json only when it builds pkg/: add the shipped files each time.
node scripts/pkg-manifest.mjs pkg/package.json "${SHIPPED_JS[@]##*/}" word/
report_size "$WASM"
report_size "$WORD_WASM"

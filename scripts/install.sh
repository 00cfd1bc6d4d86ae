#!/usr/bin/env bash
# Installs what building and testing accordlint needs, and only what is missing, so that
# `make run` and `make test` work on a fresh machine and cost a few checks on a ready one.
#
#   scripts/install.sh [rust|wasm-tools|npm|browser|all]...
#
# rust        the wasm32-unknown-unknown target
# wasm-tools  wasm-pack (pinned) and wasm-bindgen-cli at exactly the version in Cargo.lock
#             (wasm-pack cannot download prebuilt tools here; it uses these from PATH)
# npm         node_modules from the committed package-lock.json (wasm-opt, tsc, playwright-core)
# browser     Debian's chromium and chromium-driver (headless tests; no browser download)
# office      Debian's LibreOffice Writer (the test that annotated Word copies open cleanly)
set -euo pipefail

WASM_PACK_VERSION=0.13.1
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="$HOME/.cargo/bin:$PATH"

log() { printf '[install] %s\n' "$*" >&2; }

# The wasm-bindgen version the crate links against: the CLI must match it exactly.
wasm_bindgen_version() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' \
    "$ROOT/Cargo.lock"
}

# `cargo install --locked` reproduces the tool's own lock file; if the registry lacks one of
# the locked versions, fall back to the newest compatible ones rather than not testing at all.
cargo_install_pinned() {
  local crate="$1" version="$2"
  log "cargo install $crate $version (once per machine; a few minutes)"
  cargo install --locked "$crate" --version "$version" \
    || cargo install "$crate" --version "$version"
}

install_rust() {
  if rustup target list --installed | grep -qx wasm32-unknown-unknown; then return; fi
  log "rustup target add wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
}

tool_has_version() {
  command -v "$1" >/dev/null 2>&1 && "$1" --version 2>/dev/null | grep -qF " $2"
}

install_wasm_tools() {
  tool_has_version wasm-pack "$WASM_PACK_VERSION" \
    || cargo_install_pinned wasm-pack "$WASM_PACK_VERSION"
  local bindgen
  bindgen="$(wasm_bindgen_version)"
  if [ -z "$bindgen" ]; then
    log "no wasm-bindgen in Cargo.lock"; exit 1
  fi
  tool_has_version wasm-bindgen "$bindgen" \
    || cargo_install_pinned wasm-bindgen-cli "$bindgen"
}

# npm ci wipes node_modules, so run it only when the lock file changed since the last run:
# npm writes node_modules/.package-lock.json on every install.
install_npm() {
  local stamp="$ROOT/node_modules/.package-lock.json"
  if [ -f "$stamp" ] && [ "$stamp" -nt "$ROOT/package-lock.json" ]; then return; fi
  log "npm ci"
  (cd "$ROOT" && npm ci --no-audit --no-fund --loglevel=error)
}

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

install_browser() {
  if command -v chromium >/dev/null && command -v chromedriver >/dev/null; then return; fi
  log "apt-get install chromium chromium-driver"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y -qq --no-install-recommends chromium chromium-driver
}

install_office() {
  if command -v soffice >/dev/null; then return; fi
  log "apt-get install libreoffice-writer-nogui"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y -qq --no-install-recommends libreoffice-writer-nogui
}

main() {
  [ $# -gt 0 ] || set -- all
  for part in "$@"; do
    case "$part" in
      rust) install_rust ;;
      wasm-tools) install_wasm_tools ;;
      npm) install_npm ;;
      browser) install_browser ;;
      office) install_office ;;
      all) install_rust; install_wasm_tools; install_npm; install_browser; install_office ;;
      *) log "unknown part: $part"; exit 2 ;;
    esac
  done
}

main "$@"

#!/usr/bin/env bash
# Runs the wasm-bindgen-test suites (tests/wasm_*.rs) in Node.js and in headless Chromium.
# One wasm-pack run per suite and runtime (the build is shared), so that one failing suite does
# not hide the others; exits non-zero if any failed.
#   scripts/wasm-test.sh [node|chrome]...   (default: both)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export PATH="$HOME/.cargo/bin:$PATH"
export CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}"
export WASM_BINDGEN_TEST_WEBDRIVER_JSON="${WASM_BINDGEN_TEST_WEBDRIVER_JSON:-$ROOT/scripts/webdriver.json}"
# The suites run unoptimised wasm; on a loaded 2-core machine a test can outlast the 20 s default.
export WASM_BINDGEN_TEST_TIMEOUT="${WASM_BINDGEN_TEST_TIMEOUT:-300}"

run_suite() {
  local runtime="$1" suite="$2"
  # The CLI feature (argument parser, HTTP server) has no place in a wasm32 build.
  local args=(--mode no-install -- --no-default-features --test "$suite")
  case "$runtime" in
    node) wasm-pack test --node "${args[@]}" ;;
    # Without this variable the runner would treat suites that do not call
    # `wasm_bindgen_test_configure!(run_in_browser)` as Node-only and skip them.
    chrome) WASM_BINDGEN_USE_BROWSER=1 wasm-pack test --headless --chrome "${args[@]}" ;;
  esac
}

[ $# -gt 0 ] || set -- node chrome
failed=()
for runtime in "$@"; do
  for file in tests/wasm_*.rs; do
    suite="$(basename "$file" .rs)"
    echo "== wasm tests: $suite in $runtime"
    run_suite "$runtime" "$suite" || failed+=("$suite/$runtime")
  done
done

if [ ${#failed[@]} -gt 0 ]; then
  echo "wasm tests failed: ${failed[*]}" >&2
  exit 1
fi
echo "wasm tests passed in: $*"

# Accordlint: two commands on a fresh machine.
#   make run    builds everything and runs the main job (the page, served on 127.0.0.1:8080)
#   make test   builds everything and runs every test suite
# Both install what is missing first (scripts/install.sh); on a ready machine that costs a few
# checks. Other targets: install, cli, pkg, dist, eval, bench, size, wasm-test, js-test, e2e,
# clean.

SHELL := bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := run
.DELETE_ON_ERROR:

export PATH := $(HOME)/.cargo/bin:$(CURDIR)/node_modules/.bin:$(PATH)

CLI := target/fast/accordlint
PORT ?= 8080
CORPUS ?= ../shared/corpus
# The corpus evaluation, written to EVALUATION.md; point it elsewhere with EVAL_CMD=...
EVAL_OUT ?= $(CURDIR)/EVALUATION.md
EVAL_CMD ?= ACCORDLINT_EVAL_OUT=$(EVAL_OUT) cargo test --profile fast --test evaluation -- --nocapture
CARGO_TEST ?= cargo test

.PHONY: run test install install-build install-test cli pkg dist eval bench size \
        native-test wasm-test js-test e2e clean

## Installs ---------------------------------------------------------------------------------

install:
	scripts/install.sh all

# What building needs (no browser); `make test` adds the browser.
install-build:
	scripts/install.sh rust wasm-tools npm

install-test:
	scripts/install.sh rust wasm-tools npm browser office

## Builds -----------------------------------------------------------------------------------

cli:
	cargo build --profile fast --bin accordlint

# The package for the web: wasm-pack (release profile: size) with wasm-opt from the npm
# package binaryen, plus the worker and its client.
pkg: install-build
	scripts/build-pkg.sh

dist: pkg
	@if [ -f scripts/build-dist.mjs ]; then node scripts/build-dist.mjs; \
	else echo "make dist: scripts/build-dist.mjs does not exist yet; nothing to do"; fi

## The main job -----------------------------------------------------------------------------

# Serves the page (www/, with pkg/ at /pkg/) when it exists, printing the address; until then
# checks the sample drafts and prints the report (exit status 1 means "review or fail", which
# is a finding, not an error).
SERVE_ARGS ?= --port $(PORT)
run: install-build cli pkg
	@if [ -f www/index.html ]; then \
	  exec $(CLI) serve $(SERVE_ARGS); \
	elif compgen -G 'examples/*.txt' >/dev/null; then \
	  $(CLI) check examples/*.txt || [ $$? -eq 1 ]; \
	else \
	  echo "make run: neither www/index.html nor examples/*.txt exists yet"; \
	fi

## Tests ------------------------------------------------------------------------------------

test: install-test native-test cli pkg wasm-test js-test e2e
	@echo "make test: all suites passed"

native-test:
	$(CARGO_TEST)

# The wasm-bindgen-test suites (tests/wasm_*.rs) in Node.js and in headless Chromium.
wasm-test: install-test
	scripts/wasm-test.sh node chrome

# Determinism against the CLI, size budget, fuzz-like, TypeScript types (needs cli and pkg).
js-test: cli pkg
	CORPUS=$(CORPUS) node --test tests/js/

# End-to-end tests of the page, when they exist.
e2e: cli pkg
	@if [ -d tests/e2e ]; then CORPUS=$(CORPUS) node --test tests/e2e/; \
	else echo "no tests/e2e yet"; fi

eval:
	$(EVAL_CMD)

# Native criterion bench, the package in the browser (MB/s, one-word edit in a session), then
# the page (first result, keystroke) when its benchmark exists.
bench: install-test cli pkg
	cargo bench --bench pipeline
	CORPUS=$(CORPUS) node tests/js/bench/run-bench.mjs
	@if [ -f tests/e2e/bench.mjs ]; then CORPUS=$(CORPUS) node tests/e2e/bench.mjs; fi

# Where the .wasm's bytes go, by crate (for the 300 KB gzip budget; pkg/ has no names to read).
SIZE_DIR := target/wasm-size
size: install-build
	cargo build --release --target wasm32-unknown-unknown --lib --no-default-features \
	  --config 'profile.release.strip=false'
	wasm-bindgen --target web --out-dir $(SIZE_DIR) target/wasm32-unknown-unknown/release/accordlint.wasm
	wasm-opt -Oz -g --strip-dwarf $(SIZE_DIR)/accordlint_bg.wasm -o $(SIZE_DIR)/named.wasm
	node scripts/wasm-size.mjs $(SIZE_DIR)/named.wasm

clean:
	cargo clean
	rm -rf pkg dist test-results

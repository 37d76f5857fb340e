# Onboard. The two commands: `make serve` and `make test`.
SHELL := /bin/bash
export PATH := $(HOME)/.cargo/bin:$(PATH)
export TRUNK_OFFLINE := true
export CHROMEDRIVER ?= /usr/bin/chromedriver
PUBLIC_URL ?= /
CARGO_TEST_FLAGS ?=

.PHONY: shared shared-password test-shared bench-shared floor fmt serve dist dist-subpath size-check test tools test-tools fmt-check lint test-native test-browser test-e2e bench trace screenshots clean

## Serve the app at http://127.0.0.1:8080 (installs what is missing first).
serve: tools
	trunk serve --offline

## Shared mode: PostgreSQL and Kinto on 127.0.0.1 (database in target/shared, kept between
## runs; Kinto on $$KINTO_PORT, 8888 by default), provisioned, and the app at
## http://127.0.0.1:8080 connected to it. Ctrl-C stops all. See README.md, "Shared mode".
shared: tools
	scripts/shared.sh run

## A forgotten password in shared mode (while `make shared` runs): a temporary one for
## EMAIL's account, printed once; tell them yourself.
shared-password:
	@test -n "$(EMAIL)" || { echo "usage: make shared-password EMAIL=someone@example.com"; exit 2; }
	scripts/shared.sh password target/shared "$(EMAIL)"

## Release build into dist/ (PUBLIC_URL=/sub/path/ to host under a sub-path).
dist: tools
	trunk build --release --offline --public-url "$(PUBLIC_URL)"
	@echo "dist/ is ready: $$(du -sh dist | cut -f1) (public url $(PUBLIC_URL))"

## The same release build for hosting under /onboard/ (the journeys check it).
dist-subpath: tools
	trunk build --release --offline --public-url /onboard/ --dist target/dist-sub

## The first load's size (gzip and brotli) and what each part fetches later; fails above the budget (250 KB gzip, 200 KB brotli).
size-check: dist
	cargo run --quiet --example size

## Everything: format, lints, native tests, browser tests, release build, journeys.
test: test-tools fmt-check lint test-native test-shared test-browser dist size-check dist-subpath test-e2e
	@echo "make test: all layers passed"

tools:
	@scripts/setup.sh build

test-tools:
	@scripts/setup.sh test

## Formats the Rust code and the view! macros (leptosfmt.toml).
fmt:
	leptosfmt --quiet src/ui
	cargo fmt --all

fmt-check:
	cargo fmt --all -- --check
	leptosfmt --check --quiet src/ui

lint:
	cargo clippy --workspace --all-targets --features e2e,shared -- -D warnings
	cargo clippy --target wasm32-unknown-unknown --lib --bins --test browser -- -D warnings
	cargo clippy --target wasm32-unknown-unknown --lib --bins --features split -- -D warnings
	node --check scripts/start-trace.js

## Layer 1: the pure core and the store, natively: every test target cargo finds in the
## workspace (the journeys need the e2e feature; the browser tests are wasm-only).
test-native:
	cargo test --workspace $(CARGO_TEST_FLAGS)

## Shared mode against a Kinto on PostgreSQL that the harness starts on free loopback
## ports (installs Kinto into .venv/ and PostgreSQL if missing).
test-shared:
	scripts/shared.sh install
	cargo test --features shared --test shared

## Layer 2: store and components in headless Chromium with real localStorage.
# The runner's chromedriver leaves Chromium's profile (~160 MB) in $TMPDIR: a private
# one, removed after.
# ChromeDriver gets 60 s to bind its port (the runner's default, 5 s, failed a clean CI
# run on 2026-12-06: "driver failed to bind port during startup"; it restarts a driver
# that has not bound after 10 s, within that time).
test-browser:
	@tmp=$$(mktemp -d); echo "cargo test --target wasm32-unknown-unknown --test browser (TMPDIR=$$tmp)"; \
	TMPDIR=$$tmp WASM_BINDGEN_TEST_DRIVER_TIMEOUT=$${WASM_BINDGEN_TEST_DRIVER_TIMEOUT:-60} \
	cargo test --target wasm32-unknown-unknown --test browser; status=$$?; \
	rm -rf "$$tmp"; exit $$status

## Layer 3: user journeys against dist/ through chromedriver.
test-e2e:
	scripts/shared.sh install
	cargo test --features e2e --test e2e -- --test-threads=1

## Screenshots of the journeys' key pages into target/screenshots/ (`SCHEME=dark`: in dark).
screenshots: dist dist-subpath
	@scripts/setup.sh shots
	ONBOARD_SCREENSHOTS=$(CURDIR)/target/screenshots ONBOARD_COLOR_SCHEME=$(SCHEME) cargo test --features e2e --test e2e -- --test-threads=1
	@ls target/screenshots

## Sizes and timings in headless Chromium against dist/, printed as tables.
bench: test-tools dist floor bench-shared
	cargo run --release --features e2e --example bench
	cargo run --release --example mail_search
	@if command -v twiggy >/dev/null; then echo; echo "## Largest items of the main module (twiggy, before wasm-opt)"; \
	  twiggy top -n 12 target/onboard-main-release.wasm | cut -c1-150; fi

## Where a start's main-thread time goes (Chromium's trace: each step's busy time and
## the wasm functions compiled lazily), the floor app's beside Onboard's pages; see
## scripts/start-trace.js (TRACE_RUNS, TRACE_DIST, TRACE_PATHS).
trace: test-tools dist floor
	node scripts/start-trace.js

## The floor app ($(FLOOR): the smallest Leptos app of the same toolchain), copied
## under target/floor (the original is read-only) and built there for `make bench`.
FLOOR ?= ../shared/floor
floor: tools
	rm -rf target/floor/src && mkdir -p target/floor
	cp -r $(FLOOR)/Cargo.toml $(FLOOR)/Cargo.lock $(FLOOR)/index.html $(FLOOR)/src target/floor/
	printf '\n# Built on its own, outside this workspace.\n[workspace]\n' >> target/floor/Cargo.toml
	cd target/floor && CARGO_TARGET_DIR=$(CURDIR)/target/floor/target trunk build --release --offline

## Simulated clients writing at once to a Kinto started for the purpose (loopback).
bench-shared:
	scripts/shared.sh install
	cargo run --release --features shared --example bench_shared

clean:
	cargo clean
	rm -rf dist

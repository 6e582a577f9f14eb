# presigner: `make test` runs every test; see README.md.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV      := .venv
WEB_DIST  := node/examples/web/dist/index.html
DEMO_VENV := .tmp/demo-venv
PY        := $(VENV)/bin/python
S3SERVER  := tests/s3server/target/release/presigner-s3server

.PHONY: help bench demo demo-python soak test test-rust test-python test-node test-e2e node-addon lint vectors vectors-check s3server venv fuzz fuzz-smoke

help:
	@echo "make demo         the upload page on http://localhost:3000 (Node server; local S3 or .env's bucket)"
	@echo "make demo-python  the same page served by the Python (FastAPI) server"
	@echo "make test      every test in every language (installs what it needs)"
	@echo "make soak      2,000,000 URLs per language through one signer; RSS must grow < 10 MiB"
	@echo "make lint      rustfmt, clippy, ruff, vector drift check"
	@echo "make fuzz-smoke  each cargo-fuzz target for 15 s (part of make test; tests/fuzz/README.md)"
	@echo "make fuzz        each cargo-fuzz target for FUZZ_SECONDS (default 600)"
	@echo "make vectors   regenerate tests/vectors/*.json with botocore"
	@echo "make bench     presigner side by side with botocore, libpresign, minio, the AWS JS SDK, aws4fetch, rusty-s3"

## Python virtualenv under the repo with the test tools (botocore is the oracle).
$(VENV)/.installed: tests/requirements.txt
	python3 -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet -r tests/requirements.txt
	touch $@
venv: $(VENV)/.installed

## The local S3-compatible server that really verifies signatures (s3s).
$(S3SERVER): $(wildcard tests/s3server/src/*.rs) tests/s3server/Cargo.toml tests/s3server/Cargo.lock
	cargo build --release --locked --manifest-path tests/s3server/Cargo.toml
s3server: $(S3SERVER)

test: test-rust test-python test-node test-e2e fuzz-smoke

test-rust: $(S3SERVER)
	cargo test --workspace --locked -- --show-output

## cargo-fuzz targets (tests/fuzz/README.md), from the committed seeds; new
## inputs go to tests/fuzz/target/corpus (ignored), crashes to tests/fuzz/artifacts.
## cargo-fuzz passes nightly flags: RUSTC_BOOTSTRAP=1 lets stable rustc take them.
FUZZ_TARGETS := config presign new_key xml policy
FUZZ_SECONDS ?= 600
FUZZ_INSTALL := cargo fuzz --version >/dev/null 2>&1 || cargo install cargo-fuzz --locked
## The smoke run builds unoptimised (--dev: ~1 min cold instead of ~5; it
## still replays every seed and explores 15 s); the long runs are optimised.
FUZZ_RUN = $(FUZZ_INSTALL) || exit 1; \
	RUSTC_BOOTSTRAP=1 cargo fuzz build $(2) --fuzz-dir tests/fuzz --sanitizer none || exit 1; \
	for t in $(FUZZ_TARGETS); do \
	  mkdir -p tests/fuzz/target/corpus/$$t; \
	  RUSTC_BOOTSTRAP=1 cargo fuzz run $(2) --fuzz-dir tests/fuzz --sanitizer none $$t \
	    tests/fuzz/target/corpus/$$t tests/fuzz/corpus/$$t -- -max_total_time=$(1) -print_final_stats=1 || exit 1; \
	done
fuzz-smoke:
	$(call FUZZ_RUN,15,--dev)
fuzz:
	$(call FUZZ_RUN,$(FUZZ_SECONDS),)

## Python: build the wheel, install it in a fresh venv, pytest against it; pip install ./python.
test-python: $(S3SERVER) venv
	python/tests/run.sh

## Node: build the addon, npm pack, install the tarball in a fresh folder, node --test there.
test-node: $(S3SERVER) venv
	node/tests/run.sh

## The demo: the Node package built in place, the page built with Vite, a
## venv with the Python package (from source) for the Python server.
node/node_modules/.installed: node/package-lock.json
	cd node && npm ci --no-audit --no-fund --loglevel=error
	touch $@
node-addon: node/node_modules/.installed
	cd node && npm run --silent build
$(WEB_DIST): node/examples/web/package-lock.json node/examples/web/index.html node/examples/web/vite.config.js $(wildcard node/examples/web/src/*)
	cd node/examples/web && npm ci --no-audit --no-fund --loglevel=error && npm run build
$(DEMO_VENV)/.installed: python/examples/requirements.txt $(wildcard bindings/python/src/*.rs crates/presigner/src/*.rs crates/presigner/src/*/*.rs python/presigner/*)
	rm -rf $(DEMO_VENV) && python3 -m venv $(DEMO_VENV)
	$(DEMO_VENV)/bin/pip install --quiet -r python/examples/requirements.txt ./python
	touch $@

demo: $(S3SERVER) venv node-addon $(WEB_DIST)
	scripts/demo.sh node
demo-python: $(S3SERVER) venv $(WEB_DIST) $(DEMO_VENV)/.installed
	scripts/demo.sh python

## The page in headless Chromium against both servers (local S3 server);
## a 16 MiB threshold makes the 40 MiB test file a multipart upload.
test-e2e: $(S3SERVER) venv node-addon $(WEB_DIST) $(DEMO_VENV)/.installed
	PORT=3100 MULTIPART_THRESHOLD=16MiB scripts/demo.sh node tests/e2e/run.sh
	PORT=3101 MULTIPART_THRESHOLD=16MiB scripts/demo.sh python tests/e2e/run.sh

## Soak (the full count; make test runs 200,000 from the Python and Node suites).
soak:
	tests/soak/run.sh

## Side-by-side benchmarks (not part of make test): writes bench/results/latest.md.
bench:
	bench/run.sh

vectors: venv
	$(PY) tests/vectors/generate.py

vectors-check: venv
	$(PY) tests/vectors/generate.py --check

lint: venv
	cargo fmt --all -- --check
	cargo clippy --workspace --all-targets --locked -- -D warnings
	cargo fmt --manifest-path tests/s3server/Cargo.toml -- --check
	cargo fmt --manifest-path tests/fuzz/Cargo.toml -- --check
	$(VENV)/bin/ruff check python tests scripts bench node/tests
	$(VENV)/bin/ruff format --check python tests scripts bench node/tests
	$(MAKE) vectors-check
	cd node && npm ci --no-audit --no-fund --loglevel=error && npm run --silent build && git diff --exit-code binding.js binding.d.ts && npm run --silent typecheck:js

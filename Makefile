# presigner: `make test` runs every test; see README.md.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV      := .venv
WEB_DIST  := node/examples/web/dist/index.html
DEMO_VENV := .tmp/demo-venv
PY        := $(VENV)/bin/python
S3SERVER  := tests/s3server/target/release/presigner-s3server

.PHONY: help bench demo demo-python demo-venv soak test test-rust test-rust-build fuzz-build test-python test-node test-e2e node-addon lint vectors vectors-check s3server venv fuzz fuzz-smoke dist dist-python dist-node version

help:
	@echo "make demo         the upload page on http://localhost:3000 (Node server; local S3 or .env's bucket)"
	@echo "make demo-python  the same page served by the Python (FastAPI) server"
	@echo "make test      every test in every language (installs what it needs)"
	@echo "make dist      the wheel, sdist and npm tarballs users install, into dist/ (make test tests them)"
	@echo "make version V=X.Y.Z  set the one version of every crate and package"
	@echo "make soak      2,000,000 URLs per language through one signer; RSS must grow < 10 MiB"
	@echo "make lint      rustfmt, clippy, ruff, vector drift check, versions, actionlint, cargo package and doc"
	@echo "make fuzz-smoke  each cargo-fuzz target for 10 s (part of make test; tests/fuzz/README.md)"
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

## make test first builds what the suites need, three builds at a time: each
## cargo build has a target directory of its own (target/, target/wheel,
## target/node, tests/s3server/target, tests/fuzz/target), so none waits on
## another's lock, and on 2 cores one build's single-threaded LTO link
## overlaps another's compiling. Then the suites run one after another.
TEST_BUILDS := $(S3SERVER) venv test-rust-build dist fuzz-build $(WEB_DIST) demo-venv
test:
	$(MAKE) -j3 --output-sync=target $(TEST_BUILDS)
	$(MAKE) test-rust test-python test-node test-e2e fuzz-smoke

## The binding crates hold no Rust tests (their behaviour is the core's, tested
## here, and their conversions are tested from Python and Node): not built here.
CARGO_TEST := cargo test --workspace --exclude presigner-python --exclude presigner-node --locked
test-rust-build:
	$(CARGO_TEST) --no-run
test-rust: $(S3SERVER)
	$(CARGO_TEST) -- --show-output

## What users install (scripts/dist.sh): the abi3 manylinux_2_17 wheel and the
## sdist; the npm root package and presigner-linux-x64-gnu. Other platforms:
## .github/workflows/release.yml.
dist: dist-python dist-node
dist-python:
	scripts/dist.sh python
dist-node: node-addon
	scripts/dist.sh node

version:
	@test -n "$(V)" || { echo "usage: make version V=X.Y.Z" >&2; exit 2; }
	python3 scripts/version.py set $(V)

## cargo-fuzz targets (tests/fuzz/README.md), from the committed seeds; new
## inputs go to tests/fuzz/target/corpus (ignored), crashes to tests/fuzz/artifacts.
## cargo-fuzz passes nightly flags: RUSTC_BOOTSTRAP=1 lets stable rustc take them.
FUZZ_TARGETS := config presign new_key xml policy
FUZZ_SECONDS ?= 600
FUZZ_INSTALL := cargo fuzz --version >/dev/null 2>&1 || cargo install cargo-fuzz --locked
## The smoke run builds unoptimised (--dev: ~1 min cold instead of ~5; it
## still replays every seed and explores 10 s); the long runs are optimised.
FUZZ_BUILD = $(FUZZ_INSTALL) || exit 1; \
	RUSTC_BOOTSTRAP=1 cargo fuzz build $(1) --fuzz-dir tests/fuzz --sanitizer none
FUZZ_RUN = $(call FUZZ_BUILD,$(2)) || exit 1; \
	for t in $(FUZZ_TARGETS); do \
	  mkdir -p tests/fuzz/target/corpus/$$t; \
	  RUSTC_BOOTSTRAP=1 cargo fuzz run $(2) --fuzz-dir tests/fuzz --sanitizer none $$t \
	    tests/fuzz/target/corpus/$$t tests/fuzz/corpus/$$t -- -max_total_time=$(1) -print_final_stats=1 || exit 1; \
	done
fuzz-build:
	$(call FUZZ_BUILD,--dev)
fuzz-smoke:
	$(call FUZZ_RUN,10,--dev)
fuzz:
	$(call FUZZ_RUN,$(FUZZ_SECONDS),)

## Python: the wheel in a fresh venv without cargo, pytest against it; then
## the sdist, built by pip in a fresh venv, and the suite against that.
test-python: $(S3SERVER) dist-python
	python/tests/run.sh wheel
	python/tests/run.sh sdist

## Node: the root and linux-x64-gnu tarballs installed offline in a fresh
## folder, node --test there without cargo, on Node 20 and Node 22.
test-node: $(S3SERVER) venv dist-node
	node/tests/run.sh

## The demo: the Node package built in place, the page built with Vite, a
## venv with the dist wheel for the Python server.
node/node_modules/.installed: node/package-lock.json
	cd node && npm ci --no-audit --no-fund --loglevel=error
	touch $@
## The addon in node/ (the demo's, and the one dist-node packs). On Linux
## x86_64 it is linked against glibc 2.17 by napi's cross toolchain (one
## cargo cache for every build of it); elsewhere it is built for the host.
NAPI_TARGET := $(if $(filter Linux-x86_64,$(shell uname -s)-$(shell uname -m)),--target x86_64-unknown-linux-gnu --use-napi-cross)
node-addon: node/node_modules/.installed
	cd node && CARGO_TARGET_DIR=$(CURDIR)/target/node npm run --silent build -- $(NAPI_TARGET)
$(WEB_DIST): node/examples/web/package-lock.json node/examples/web/index.html node/examples/web/vite.config.js $(wildcard node/examples/web/src/*)
	cd node/examples/web && npm ci --no-audit --no-fund --loglevel=error && npm run build
$(DEMO_VENV)/.installed: python/examples/requirements.txt
	rm -rf $(DEMO_VENV) && python3 -m venv $(DEMO_VENV)
	$(DEMO_VENV)/bin/pip install --quiet -r python/examples/requirements.txt
	touch $@
demo-venv: $(DEMO_VENV)/.installed dist-python
	$(DEMO_VENV)/bin/pip install --quiet --disable-pip-version-check --no-index --no-deps --force-reinstall dist/presigner-*.whl

demo: $(S3SERVER) venv node-addon $(WEB_DIST)
	scripts/demo.sh node
demo-python: $(S3SERVER) venv $(WEB_DIST) demo-venv
	scripts/demo.sh python

## The page in headless Chromium against both servers (local S3 server);
## a 16 MiB threshold makes the 40 MiB test file a multipart upload.
test-e2e: $(S3SERVER) venv node-addon $(WEB_DIST) demo-venv
	PORT=3100 MULTIPART_THRESHOLD=16MiB scripts/demo.sh node tests/e2e/run.sh
	PORT=3101 MULTIPART_THRESHOLD=16MiB scripts/demo.sh python tests/e2e/run.sh

## Soak (the full count; make test runs 200,000 from the Python and Node suites).
soak: dist
	tests/soak/run.sh

## Side-by-side benchmarks (not part of make test): writes bench/results/latest.md.
bench: dist
	bench/run.sh

vectors: venv
	$(PY) tests/vectors/generate.py

vectors-check: venv
	$(PY) tests/vectors/generate.py --check

lint: venv node-addon
	cargo fmt --all -- --check
	cargo clippy --workspace --all-targets --locked -- -D warnings
	cargo fmt --manifest-path tests/s3server/Cargo.toml -- --check
	cargo fmt --manifest-path tests/fuzz/Cargo.toml -- --check
	$(VENV)/bin/ruff check python tests scripts bench node/tests
	$(VENV)/bin/ruff format --check python tests scripts bench node/tests
	$(MAKE) vectors-check
	cd node && git diff --exit-code binding.js binding.d.ts && npm run --silent typecheck:js
	$(PY) scripts/version.py check
	$(VENV)/bin/actionlint .github/workflows/*.yml
	cargo package -p presigner --locked --allow-dirty
	RUSTDOCFLAGS="-D warnings" cargo doc -p presigner --no-deps --locked

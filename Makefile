# presigner: `make test` runs every test; see README.md.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV      := .venv
PY        := $(VENV)/bin/python
S3SERVER  := tests/s3server/target/release/presigner-s3server

.PHONY: help test test-rust test-python test-node lint vectors vectors-check s3server venv

help:
	@echo "make test      every test in every language (installs what it needs)"
	@echo "make lint      rustfmt, clippy, ruff, vector drift check"
	@echo "make vectors   regenerate tests/vectors/*.json with botocore"

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

test: test-rust test-python test-node

test-rust: $(S3SERVER)
	cargo test --workspace --locked -- --show-output

## Python: build the wheel, install it in a fresh venv, pytest against it; pip install ./python.
test-python: $(S3SERVER) venv
	python/tests/run.sh

## Node: build the addon, npm pack, install the tarball in a fresh folder, node --test there.
test-node: $(S3SERVER) venv
	node/tests/run.sh

vectors: venv
	$(PY) tests/vectors/generate.py

vectors-check: venv
	$(PY) tests/vectors/generate.py --check

lint: venv
	cargo fmt --all -- --check
	cargo clippy --workspace --all-targets --locked -- -D warnings
	cargo fmt --manifest-path tests/s3server/Cargo.toml -- --check
	$(VENV)/bin/ruff check tests
	$(VENV)/bin/ruff format --check tests
	$(MAKE) vectors-check
	cd node && npm ci --no-audit --no-fund --loglevel=error && npm run --silent build && git diff --exit-code index.js index.d.ts

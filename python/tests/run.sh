#!/usr/bin/env bash
# The Python test suite, against what users install (`make dist-python`
# builds dist/; `make test-python` runs this after it):
#   python/tests/run.sh wheel [PYTEST_ARG...]
#       a fresh venv with python/tests/requirements.txt, then
#       `pip install --no-index dist/presigner-*.whl`; pytest runs with no
#       cargo or rustc on PATH (scripts/without-rust.sh).
#   python/tests/run.sh sdist [PYTEST_ARG...]
#       a fresh venv, `pip install dist/presigner-*.tar.gz` (pip builds it with
#       cargo, as a user without a wheel for their platform would; its cargo
#       cache is .tmp/sdist-target), then pytest.
# pytest runs from python/tests, where the source tree cannot shadow the
# installed package (conftest.py checks). Everything this makes lives under
# .tmp/ and is recreated on each run. Needs the local S3 server
# (`make s3server`). PYTHON picks the interpreter (default python3).
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$repo"
python=${PYTHON:-python3}
tmp="$repo/.tmp"
kind=${1:-}
shift || true

step() { printf '\n== %s\n' "$*"; }

case "$kind" in
  wheel) artifact=$(ls dist/presigner-*.whl 2>/dev/null || true) ;;
  sdist) artifact=$(ls dist/presigner-*.tar.gz 2>/dev/null || true) ;;
  *) echo "usage: python/tests/run.sh wheel|sdist [pytest args]" >&2; exit 2 ;;
esac
[[ -n "$artifact" && "$artifact" != *$'\n'* ]] || { echo "want one dist/presigner $kind: run make dist-python" >&2; exit 1; }
venv="$tmp/py-$kind-venv"

step "fresh $venv with the test requirements"
rm -rf "$venv"
"$python" -m venv "$venv"
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r python/tests/requirements.txt

if [[ "$kind" == wheel ]]; then
  step "pip install --no-index $artifact"
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check --no-index "$artifact"
  run=("$repo/scripts/without-rust.sh")
else
  step "pip install $artifact (built from source by pip, with cargo)"
  # Without the release profile's fat LTO and single codegen unit: the
  # check is that the sdist builds and works, and those cost make test a
  # minute on 2 cores (the published wheel keeps them).
  CARGO_TARGET_DIR="$tmp/sdist-target" CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 \
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check "$artifact"
  run=()
fi

step "pytest (installed $kind)"
export HYPOTHESIS_STORAGE_DIRECTORY="$tmp/py-hypothesis"
export MYPY_CACHE_DIR="$tmp/py-mypy-cache-$kind"
cd python/tests
"${run[@]}" "$venv/bin/python" -m pytest -p no:cacheprovider -q "$@" .

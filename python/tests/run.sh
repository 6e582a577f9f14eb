#!/usr/bin/env bash
# The Python test suite, against what users install:
#   1. build the abi3 wheel with maturin (pinned in python/pyproject.toml);
#   2. prove that `pip install ./python` builds from source in a fresh venv;
#   3. install the wheel and python/tests/requirements.txt into a fresh venv;
#   4. run pytest from python/tests, where the source tree cannot shadow the
#      installed package (conftest.py checks).
# Self-contained and idempotent: everything it makes lives under .tmp/ and is
# recreated on each run. Extra arguments go to pytest. Needs the local S3
# server (`make s3server`). PYTHON picks the interpreter (default python3).
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$repo"
python=${PYTHON:-python3}
tmp="$repo/.tmp"
build_venv="$tmp/py-build-venv"
wheels="$tmp/py-wheels"
src_venv="$tmp/py-src-venv"
test_venv="$tmp/py-test-venv"
mkdir -p "$tmp"

step() { printf '\n== %s\n' "$*"; }

# The maturin that pyproject.toml's build-system pins, in its own venv.
maturin_req=$(sed -n 's/^requires = \["\(maturin==[^"]*\)"\]$/\1/p' python/pyproject.toml)
[[ -n "$maturin_req" ]] || { echo "no maturin==X.Y.Z pin in python/pyproject.toml" >&2; exit 1; }
if ! "$build_venv/bin/python" -m pip show maturin 2>/dev/null | grep -qx "Version: ${maturin_req#maturin==}"; then
    step "build venv with $maturin_req"
    rm -rf "$build_venv"
    "$python" -m venv "$build_venv"
    "$build_venv/bin/python" -m pip install --quiet "$maturin_req"
fi

step "maturin build --release"
rm -rf "$wheels"
(cd python && "$build_venv/bin/maturin" build --release --locked --quiet --out "$wheels")
wheel=$(ls "$wheels"/presigner-*.whl)
echo "built $(basename "$wheel")"

step "pip install ./python (from source, fresh venv)"
rm -rf "$src_venv"
"$python" -m venv "$src_venv"
"$src_venv/bin/python" -m pip install --quiet ./python
(cd "$tmp" && "$src_venv/bin/python" -c '
import presigner
s = presigner.Signer(endpoint="https://h.example", bucket="bkt", access_key_id="a", secret_access_key="b")
url = s.presign_get("x y").url
assert url.startswith("https://h.example/bkt/x%20y?X-Amz-"), url
assert "/py-src-venv/" in presigner.__file__, presigner.__file__
print(f"source install OK: presigner {presigner.__version__} signs {url[:48]}...")
')

step "fresh venv with the wheel and the test requirements"
rm -rf "$test_venv"
"$python" -m venv "$test_venv"
"$test_venv/bin/python" -m pip install --quiet -r python/tests/requirements.txt "$wheel"

step "pytest (installed wheel)"
export HYPOTHESIS_STORAGE_DIRECTORY="$tmp/py-hypothesis"
export MYPY_CACHE_DIR="$tmp/py-mypy-cache"
cd python/tests
"$test_venv/bin/python" -m pytest -p no:cacheprovider -q "$@" .

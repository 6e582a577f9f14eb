#!/usr/bin/env bash
# `make dist`: the artifacts users install, into dist/ (what `make test` tests).
#
#   scripts/dist.sh python   the sdist and one abi3 wheel (CPython >= 3.10) for
#                            manylinux_2_17 x86_64: maturin --zig links against
#                            glibc 2.17; auditwheel confirms the tag; < 1.5 MB.
#   scripts/dist.sh node     the napi-rs layout: the root `presigner` tarball
#                            (index.js, index.d.ts, the generated loader, no
#                            binary; one optionalDependencies entry per
#                            platform package) and presigner-linux-x64-gnu,
#                            whose addon `make node-addon` built against
#                            glibc 2.17 (napi build --use-napi-cross).
#   scripts/dist.sh node DIR the same with every platform's addon from DIR
#                            (presigner.<platform>.node each), one tarball per
#                            platform: .github/workflows/release.yml builds
#                            the other platforms and packs them so.
# Build tools: maturin (the pin in python/pyproject.toml), ziglang and
# auditwheel (pinned below) in .tmp/py-build-venv; the napi CLI from node/.
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DIST="$REPO/dist"
TMP="$REPO/.tmp"
PYTHON="${PYTHON:-python3}"
BUILD_PINS=(ziglang==0.15.2 auditwheel==6.8.2)
WHEEL_TAG=manylinux_2_17_x86_64
WHEEL_MAX_BYTES=1500000
NODE_TARGET=x86_64-unknown-linux-gnu
NODE_PLATFORM=linux-x64-gnu

step() { printf '\n== %s\n' "$*"; }
mkdir -p "$DIST" "$TMP"

python_dist() {
  local venv="$TMP/py-build-venv" maturin_req pins
  maturin_req=$(sed -n 's/^requires = \["\(maturin==[^"]*\)"\]$/\1/p' "$REPO/python/pyproject.toml")
  [[ -n "$maturin_req" ]] || { echo "no maturin==X.Y.Z pin in python/pyproject.toml" >&2; exit 1; }
  pins="$maturin_req ${BUILD_PINS[*]}"
  if [[ "$(cat "$venv/.pins" 2>/dev/null)" != "$pins" ]]; then
    step "build venv: $pins"
    rm -rf "$venv"
    "$PYTHON" -m venv "$venv"
    # shellcheck disable=SC2086
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check $pins
    echo "$pins" > "$venv/.pins"
  fi
  # maturin finds zig through the ziglang package of the interpreter that runs it.
  export PATH="$venv/bin:$PATH"

  step "wheel: maturin build --release --zig --compatibility manylinux2014"
  rm -f "$DIST"/presigner-*.whl "$DIST"/presigner-*.tar.gz
  # target/wheel: a cargo cache of its own, so make test can build the
  # wheel, the addon and the tests at once.
  (cd "$REPO/python" && CARGO_TARGET_DIR="$REPO/target/wheel" \
    maturin build --release --locked --quiet --zig --compatibility manylinux2014 --out "$DIST")
  step "sdist: maturin sdist"
  (cd "$REPO/python" && maturin sdist --out "$DIST")

  local wheel size
  wheel=$(ls "$DIST"/presigner-*.whl)
  auditwheel show "$wheel" | tee "$TMP/auditwheel.txt"
  grep -q "\"$WHEEL_TAG\"" "$TMP/auditwheel.txt" || { echo "auditwheel: not $WHEEL_TAG" >&2; exit 1; }
  size=$(stat -c %s "$wheel")
  ((size < WHEEL_MAX_BYTES)) || { echo "$(basename "$wheel") is $size bytes (limit $WHEEL_MAX_BYTES)" >&2; exit 1; }
  echo "$(basename "$wheel"): $size bytes, $WHEEL_TAG"
  echo "$(basename "$(ls "$DIST"/presigner-*.tar.gz)")"
}

node_dist() {
  # napi keeps the platform packages inside the project: node/npm (ignored by git).
  local addons="${1:-}" npm_dir="$REPO/node/npm" root="$TMP/npm-root" platforms
  rm -rf "$npm_dir" "$root" "$DIST"/presigner-*.tgz
  mkdir -p "$root"

  step "platform packages: napi create-npm-dirs, napi artifacts"
  cd "$REPO/node"
  npx napi create-npm-dirs >/dev/null
  if [[ -n "$addons" ]]; then
    npx napi artifacts --output-dir "$(cd "$OLDPWD" && cd "$addons" && pwd)"
    platforms=$(ls npm)
  else
    local addon="presigner.$NODE_PLATFORM.node"
    [[ -f "$addon" ]] || { echo "node/$addon is missing: make node-addon builds it" >&2; exit 1; }
    # Only this machine's addon: a config whose targets replace package.json's.
    echo "{ \"targets\": [\"$NODE_TARGET\"] }" > "$TMP/napi-local.json"
    npx napi artifacts --output-dir . --config-path "$TMP/napi-local.json" 2>&1 | grep -v 'NAPI-RS config file will be used'
    platforms=$NODE_PLATFORM
  fi

  step "root package: the facade and the loader; optionalDependencies at the same version"
  cp index.js index.d.ts binding.js README.md "$root/"
  node -e '
    const fs = require("fs")
    const [pkgPath, npmDir, out] = process.argv.slice(1)
    const pkg = JSON.parse(fs.readFileSync(pkgPath, "utf8"))
    pkg.optionalDependencies = {}
    for (const dir of fs.readdirSync(npmDir).sort()) {
      const sub = JSON.parse(fs.readFileSync(`${npmDir}/${dir}/package.json`, "utf8"))
      if (sub.version !== pkg.version) throw new Error(`${sub.name} is ${sub.version}, not ${pkg.version}`)
      pkg.optionalDependencies[sub.name] = sub.version
    }
    delete pkg.devDependencies
    delete pkg.overrides
    delete pkg.scripts
    fs.writeFileSync(out, JSON.stringify(pkg, null, 2) + "\n")
  ' package.json npm "$root/package.json"

  step "npm pack"
  (cd "$root" && npm pack --silent --pack-destination "$DIST")
  for platform in $platforms; do
    (cd "npm/$platform" && npm pack --silent --pack-destination "$DIST")
  done
  for t in "$DIST"/presigner-*.tgz; do echo "$(basename "$t"): $(stat -c %s "$t") bytes"; done
}

case "${1:-}" in
  python) python_dist ;;
  node) node_dist "${2:-}" ;;
  *) echo "usage: scripts/dist.sh python | node [ADDON_DIR]" >&2; exit 2 ;;
esac

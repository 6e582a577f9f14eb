#!/usr/bin/env bash
# Runs a command as on a machine without a Rust toolchain: PATH keeps no
# folder that holds cargo or rustc. The tests of the built wheel and npm
# tarballs run under it, so they prove that installing needs neither.
#   scripts/without-rust.sh COMMAND [ARG...]
set -euo pipefail

path=
IFS=: read -ra dirs <<< "$PATH"
for dir in "${dirs[@]}"; do
  [[ -e "$dir/cargo" || -e "$dir/rustc" || -e "$dir/cargo.exe" || -e "$dir/rustc.exe" ]] && continue
  path=${path:+$path:}$dir
done
export PATH="$path"
unset CARGO RUSTC RUSTUP_TOOLCHAIN
if command -v cargo >/dev/null || command -v rustc >/dev/null; then
  echo "without-rust.sh: cargo or rustc is still on PATH" >&2
  exit 1
fi
exec "$@"

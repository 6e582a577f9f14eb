"""One version for every artifact.

    python scripts/version.py check      (make lint) exit 1 unless all agree
    python scripts/version.py set X.Y.Z  (make version V=X.Y.Z) write it everywhere

The version lives in Cargo.toml's [workspace.package]; every workspace crate
takes it from there (`version.workspace = true`), and so does the wheel:
python/pyproject.toml declares it dynamic, which maturin fills from the
binding crate. node/package.json and node/package-lock.json carry it for npm,
and the napi-generated node/binding.js for its version check. The npm
platform packages (node/npm/*, made by `napi create-npm-dirs` in `make dist`)
and the root package's optionalDependencies take package.json's version when
they are made; scripts/dist.sh checks that they did.
"""

from __future__ import annotations

import json
import re
import sys
import tomllib
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SEMVER = re.compile(r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z.-]+)?$")
WORKSPACE_VERSION = re.compile(
    r'(?m)^(\[workspace\.package\]\n(?:[^\[\n].*\n)*?version = ")([^"]+)(")'
)
BINDING_VERSION = re.compile(r"(!== '|expected )(\d+\.\d+\.\d+[^' ]*)('| but got)")


def workspace_version() -> str:
    match = WORKSPACE_VERSION.search((REPO / "Cargo.toml").read_text())
    if not match:
        sys.exit("Cargo.toml: no version in [workspace.package]")
    return match.group(2)


def member_manifests() -> list[Path]:
    """Cargo.toml of every workspace member (the members globs of Cargo.toml)."""
    members = tomllib.loads((REPO / "Cargo.toml").read_text())["workspace"]["members"]
    return sorted(p for pattern in members for p in REPO.glob(f"{pattern}/Cargo.toml"))


def member_names() -> set[str]:
    return {tomllib.loads(p.read_text())["package"]["name"] for p in member_manifests()}


def problems(version: str) -> list[str]:
    """What disagrees with `version`, one line each."""
    found = []
    for manifest in member_manifests():
        package = tomllib.loads(manifest.read_text())["package"]
        if package.get("version") != {"workspace": True}:
            found.append(
                f"{manifest.relative_to(REPO)}: version is not `version.workspace = true`"
            )
    names = member_names()
    for package in tomllib.loads((REPO / "Cargo.lock").read_text())["package"]:
        if (
            package["name"] in names
            and "source" not in package
            and package["version"] != version
        ):
            found.append(f"Cargo.lock: {package['name']} {package['version']}")
    project = tomllib.loads((REPO / "python/pyproject.toml").read_text())["project"]
    if "version" in project or "version" not in project.get("dynamic", []):
        found.append(
            "python/pyproject.toml: the version must be dynamic (maturin reads Cargo.toml)"
        )
    pkg = json.loads((REPO / "node/package.json").read_text())
    if pkg["version"] != version:
        found.append(f"node/package.json: {pkg['version']}")
    lock = json.loads((REPO / "node/package-lock.json").read_text())
    for where, value in (
        ("version", lock["version"]),
        ('packages[""].version', lock["packages"][""]["version"]),
    ):
        if value != version:
            found.append(f"node/package-lock.json {where}: {value}")
    for other in sorted(
        {
            m.group(2)
            for m in BINDING_VERSION.finditer((REPO / "node/binding.js").read_text())
        }
    ):
        if other != version:
            found.append(f"node/binding.js: {other}")
    return found


def write_json(path: Path, data: object) -> None:
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n")


def set_version(version: str) -> None:
    if not SEMVER.match(version):
        sys.exit(f"not a version: {version!r} (want X.Y.Z)")
    cargo = REPO / "Cargo.toml"
    cargo.write_text(
        WORKSPACE_VERSION.sub(rf"\g<1>{version}\g<3>", cargo.read_text(), count=1)
    )
    names = member_names()
    lock = REPO / "Cargo.lock"
    lock.write_text(
        re.sub(
            r'(?m)^(name = "([^"]+)"\nversion = ")([^"]+)(")$',
            lambda m: f"{m.group(1)}{version}{m.group(4)}"
            if m.group(2) in names
            else m.group(0),
            lock.read_text(),
        )
    )
    pkg_path = REPO / "node/package.json"
    pkg = json.loads(pkg_path.read_text())
    pkg["version"] = version
    write_json(pkg_path, pkg)
    lock_path = REPO / "node/package-lock.json"
    npm_lock = json.loads(lock_path.read_text())
    npm_lock["version"] = version
    npm_lock["packages"][""]["version"] = version
    write_json(lock_path, npm_lock)
    binding = REPO / "node/binding.js"
    binding.write_text(
        BINDING_VERSION.sub(rf"\g<1>{version}\g<3>", binding.read_text())
    )


def main() -> None:
    match sys.argv[1:]:
        case ["check"]:
            version = workspace_version()
            found = problems(version)
            for line in found:
                print(f"version: {line}, not {version}", file=sys.stderr)
            if found:
                sys.exit(1)
            print(
                f"version {version}: Cargo.toml, Cargo.lock, pyproject.toml, package.json, binding.js agree"
            )
        case ["set", version]:
            set_version(version)
            found = problems(version)
            if found:
                sys.exit("\n".join(found))
            print(f"version {version} set; the platform packages take it in make dist")
        case _:
            sys.exit(__doc__)


if __name__ == "__main__":
    main()

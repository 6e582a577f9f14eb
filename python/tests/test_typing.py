"""The stubs (presigner/_native.pyi, py.typed) as users' type checkers see them."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import presigner

HERE = Path(__file__).resolve().parent


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *args], capture_output=True, text=True, cwd=HERE)


def mypy(*args: str) -> subprocess.CompletedProcess[str]:
    return run("mypy", "--no-incremental", *args)


def test_mypy_strict_accepts_the_typed_usage() -> None:
    result = mypy("--strict", str(HERE / "typed_usage.py"))
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_rejects_misuse(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text(
        "import presigner\n"
        "s = presigner.Signer.from_env()\n"
        's.presign_put("k", content_typ="x")\n'
        's.presign_get("k", expires_in="60")\n'
        "presigner.presign_put(1)\n"
    )
    result = mypy("--strict", str(bad))
    assert result.returncode != 0
    for line in (3, 4, 5):
        assert f"bad.py:{line}: error" in result.stdout, result.stdout


# PyO3 shows a default that is a Rust expression (the core's constants) as
# "...", which stubtest reports; the stubs spell out the values, checked here.
CORE_DEFAULTS = {
    "expires_in": str(presigner.DEFAULT_EXPIRES_IN_SECS),
    "region": "'auto'",
    "prefix": "'uploads/'",
    "max_expires_in": "900",
}
CORE_DEFAULT_ERROR = re.compile(
    r'runtime parameter "(\w+)" has a default value of Ellipsis, '
    r"which is different from stub parameter default (.+)$"
)


def test_stubs_match_the_native_module() -> None:
    result = run("mypy.stubtest", "--concise", "presigner._native")
    errors = [line for line in result.stdout.splitlines() if line.strip()]
    for line in errors:
        match = CORE_DEFAULT_ERROR.search(line)
        assert match and CORE_DEFAULTS.get(match[1]) == match[2], result.stdout + result.stderr
    # Signer(region=), 11 methods and 2 functions (expires_in=), UploadPolicy(prefix=, max_expires_in=)
    assert len(errors) == 16, result.stdout


def test_core_defaults_are_the_stub_defaults() -> None:
    signer = presigner.Signer(endpoint="http://h", bucket="bkt", access_key_id="a", secret_access_key="b")
    assert "region='auto'" in repr(signer)
    assert "X-Amz-Expires=3600&" in signer.presign_get("k").url
    policy = presigner.UploadPolicy()
    assert (policy.prefix, policy.max_expires_in) == ("uploads/", 900)

"""Shared fixtures. The tests run against the installed wheel, never the
source tree: the guard below fails the run if `presigner` comes from elsewhere."""

from __future__ import annotations

import json
import os
import select
import shutil
import subprocess
import sys
import sysconfig
import tempfile
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pytest

import presigner

REPO = Path(__file__).resolve().parents[2]
VECTORS = REPO / "tests" / "vectors"
S3SERVER = Path(
    os.environ.get("PRESIGNER_S3SERVER", REPO / "tests/s3server/target/release/presigner-s3server")
)
ACCESS_KEY = "presigner-test"
SECRET_KEY = "presigner-test-secret/+="
BUCKET = "presigner-test"
OPS = {
    "presign_put",
    "presign_get",
    "presign_head",
    "presign_delete",
    "presign_create_multipart_upload",
    "presign_upload_part",
    "presign_list_parts",
    "presign_complete_multipart_upload",
    "presign_abort_multipart_upload",
}

_site = Path(sysconfig.get_paths()["purelib"]).resolve()
if not Path(presigner.__file__).resolve().is_relative_to(_site):
    raise RuntimeError(
        f"presigner imported from {presigner.__file__}, not from the installed wheel in {_site}"
    )


def parse_time(text: str) -> datetime:
    """`2026-01-02T03:04:05Z` as an aware UTC datetime."""
    return datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc)


def load_vectors(folder: Path = VECTORS) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """Every (file signer, case) pair of `folder`/*.json (tests/vectors).

    Fails on an empty folder, a wrong schema, a duplicate id, an unknown op or
    a case with neither `expect` nor `error`. Rows of the bad-input table that
    have only an `outcome` are left to test_errors_table.py."""
    files = sorted(folder.glob("*.json"))
    assert files, f"no vector files in {folder}"
    seen: set[str] = set()
    cases = []
    for path in files:
        doc = json.loads(path.read_text(encoding="utf-8"))
        if doc.get("schema", "").startswith(("presigner-complete-body/", "presigner-upload-policy/")):
            continue  # the XML body rows and the policy table: test_multipart.py, test_policy.py
        assert doc.get("schema") == "presigner-vectors/1", f"{path}: schema {doc.get('schema')!r}"
        for case in doc["cases"]:
            assert case["id"] not in seen, f"{path}: duplicate case id {case['id']!r}"
            seen.add(case["id"])
            if "outcome" in case and "expect" not in case and "error" not in case:
                continue  # a row of the bad-input table only: test_errors_table.py runs it
            assert case["op"] in OPS, f"{path}: case {case['id']!r} has unknown op {case['op']!r}"
            assert ("expect" in case) != ("error" in case), (
                f"{path}: case {case['id']!r} needs expect or error"
            )
            cases.append((doc["signer"], case))
    assert cases, f"no cases in {folder}"
    return cases


def split_url(url: str) -> tuple[str, list[str]]:
    """Scheme + host + path, and the query's `name=value` pairs as a sorted multiset."""
    base, _, query = url.partition("?")
    return base, sorted(p for p in query.split("&") if p)


@pytest.fixture(scope="session")
def s3server():
    """The local signature-checking S3 server on 127.0.0.1; yields its endpoint."""
    if not S3SERVER.exists():
        pytest.fail(f"{S3SERVER} is missing: build it with `make s3server`", pytrace=False)
    root = tempfile.mkdtemp(prefix="presigner-py-s3-")
    args = ["--addr", "127.0.0.1:0", "--root", root, "--access-key", ACCESS_KEY, "--secret-key", SECRET_KEY]
    proc = subprocess.Popen([str(S3SERVER), *args, "--bucket", BUCKET], stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None
        ready, _, _ = select.select([proc.stdout], [], [], 30)
        line = proc.stdout.readline().strip() if ready else ""
        if not line.startswith("listening on http://"):
            pytest.fail(f"presigner-s3server did not start: first line {line!r}", pytrace=False)
        yield line.removeprefix("listening on ")
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture
def server_signer(s3server: str) -> presigner.Signer:
    """A signer for the local server's bucket."""
    return presigner.Signer(
        endpoint=s3server, bucket=BUCKET, access_key_id=ACCESS_KEY, secret_access_key=SECRET_KEY
    )


def pytest_report_header() -> str:
    return f"presigner {presigner.__version__} from {presigner.__file__} (python {sys.version.split()[0]})"


def pytest_terminal_summary(terminalreporter: Any) -> None:
    """One line with the number of vector cases that passed, to compare across languages."""
    passed = [
        r for r in terminalreporter.stats.get("passed", []) if "test_vectors.py::test_vector[" in r.nodeid
    ]
    if passed:
        terminalreporter.write_line(f"vectors: {len(passed)} cases passed")

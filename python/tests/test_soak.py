"""The soak test (tests/soak/soak.py) at a reduced count: 200,000 URLs through
one Signer in a fresh process must not grow its RSS by 10 MiB after warm-up.
`make soak` runs the full 2,000,000."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from conftest import REPO

SOAK = REPO / "tests" / "soak" / "soak.py"


def test_soak_reduced(tmp_path: Path) -> None:
    env = {**os.environ, "SOAK_URLS": "200000"}
    env.pop("SOAK_WARMUP", None)
    env.pop("SOAK_MAX_GROWTH_MIB", None)
    # From an empty folder with this interpreter: `presigner` is the installed wheel.
    proc = subprocess.run(
        [sys.executable, str(SOAK)], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=900
    )
    print(proc.stdout, proc.stderr, sep="")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "/site-packages/presigner/" in proc.stdout.splitlines()[0], proc.stdout
    assert "soak: ok" in proc.stdout

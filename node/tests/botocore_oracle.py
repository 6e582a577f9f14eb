"""botocore as the oracle for node/tests/botocore.test.mjs.

Reads {"cases": [{"signer": {...}, "op", "key", "args": {...}}]} (the vector
format: snake_case arguments, "signing_time" as an ISO UTC string) on stdin
and writes [{"method", "url", "headers", "expires_at"}] on stdout, one entry
per case. The signing is tests/vectors/generate.py's `botocore_presign`, the
vectors' own oracle (botocore with its clock pinned), found through
$PRESIGNER_REPO, which tests/run.sh sets.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(os.environ["PRESIGNER_REPO"]) / "tests" / "vectors"))
from generate import botocore_presign  # noqa: E402


def main() -> None:
    results = []
    for case in json.load(sys.stdin)["cases"]:
        signer = {"path_style": True, **case["signer"]}
        got = botocore_presign(signer, case["op"], case["key"], case["args"])
        results.append({k: got[k] for k in ("method", "url", "headers", "expires_at")})
    json.dump(results, sys.stdout)


if __name__ == "__main__":
    main()

"""One Signer shared by 8 threads gives the same URLs as a single thread."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta, timezone

import presigner

T = datetime(2026, 1, 2, 3, 4, 5, tzinfo=timezone.utc)
N = 10_000
THREADS = 8


def sign_all(signer: presigner.Signer) -> list[str]:
    # Signing times cross a day boundary, so the cached signing key changes too.
    return [
        signer.presign_put(
            f"k/{i} é", content_type="text/plain", signing_time=T + timedelta(seconds=9 * i)
        ).url
        for i in range(N)
    ]


def test_shared_signer_across_threads() -> None:
    signer = presigner.Signer(
        endpoint="https://h.example", bucket="bkt", access_key_id="AK", secret_access_key="SK"
    )
    want = sign_all(signer)
    assert len(set(want)) == N
    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        results = list(pool.map(lambda _: sign_all(signer), range(THREADS)))
    assert len(results) == THREADS and all(r == want for r in results)

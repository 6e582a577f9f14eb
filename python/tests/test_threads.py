"""One Signer shared by 8 threads gives the same results as a single thread."""

from __future__ import annotations

import sys
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
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


# The mixed workload: every operation, batches and errors, at signing times
# that keep crossing UTC midnight (23:59:00 to 00:00:59 on four dates), so
# threads working on different rounds need different signing keys at once.
ROUNDS = 1_000
BATCH = 20
MIDNIGHT = datetime(2026, 1, 3, tzinfo=timezone.utc)

Result = tuple[object, ...]


def result(r: presigner.PresignedRequest) -> Result:
    return (r.method, r.url, tuple(sorted(r.headers.items())), r.expires_at)


def error(call: str, e: Exception) -> Result:
    return (call, type(e).__name__, getattr(e, "code", None), str(e))


def sign_round(s: presigner.Signer, i: int) -> list[Result]:
    """Round i of the mixed workload: 4 single URLs, a batch and 5 errors."""
    t = MIDNIGHT + timedelta(days=i % 4, seconds=(i * 7) % 120 - 60)
    key = f"t/{i}/ü file+{i}.bin"
    out = [
        result(
            s.presign_put(
                key,
                content_type="application/octet-stream",
                content_length=i,
                cache_control="no-cache",
                metadata={"owner": f"u{i % 13}", "round": str(i)},
                expires_in=1 + i % 600,
                signing_time=t,
            )
        ),
        result(
            s.presign_get(
                key,
                response_content_disposition=presigner.attachment(f"ü {i}.bin"),
                response_content_type="application/pdf",
                signing_time=t,
            )
        ),
        *map(
            result,
            s.presign_get_many(
                [f"t/{i}/{j} é" for j in range(BATCH)],
                expires_in=timedelta(minutes=1 + i % 9),
                signing_time=t,
            ),
        ),
        result(s.presign_head(key, version_id=f"v{i}", signing_time=t)),
        result(s.presign_delete(key, signing_time=t)),
    ]
    calls = {
        "empty key": lambda: s.presign_get("", signing_time=t),
        "expires_in 0": lambda: s.presign_put(key, expires_in=0, signing_time=t),
        "bad metadata name": lambda: s.presign_put(key, metadata={f"bad {i}": "x"}, signing_time=t),
        "empty key in a batch": lambda: s.presign_get_many([key, ""], signing_time=t),
        "None key": lambda: s.presign_head(None, signing_time=t),  # type: ignore[arg-type]
    }
    for call, fn in calls.items():
        try:
            fn()
        except (presigner.PresignerError, TypeError) as e:
            out.append(error(call, e))
        else:
            raise AssertionError(f"{call} did not raise")
    return out


def sign_rounds(
    s: presigner.Signer, start: int, barrier: threading.Barrier | None = None
) -> list[list[Result]]:
    """Every round, starting at round `start` and wrapping around; indexed by round."""
    if barrier is not None:
        barrier.wait()
    out: list[list[Result]] = [[] for _ in range(ROUNDS)]
    for n in range(ROUNDS):
        i = (start + n) % ROUNDS
        out[i] = sign_round(s, i)
    return out


@contextmanager
def frequent_thread_switches() -> Iterator[None]:
    """Makes the interpreter switch threads every 10 µs instead of every 5 ms."""
    old = sys.getswitchinterval()
    sys.setswitchinterval(1e-5)
    try:
        yield
    finally:
        sys.setswitchinterval(old)


def test_mixed_operations_across_threads_match_one_thread() -> None:
    signer = presigner.Signer(
        endpoint="https://acct.r2.cloudflarestorage.com",
        bucket="uploads",
        access_key_id="AKIDEXAMPLE",
        secret_access_key="wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
        session_token="token/with+chars=",
    )
    want = sign_rounds(signer, 0)
    urls = [r[1] for rnd in want for r in rnd if r[0] in {"PUT", "GET", "HEAD", "DELETE"}]
    assert len(urls) == len(set(urls)) == ROUNDS * (4 + BATCH)
    dates = {url.partition("X-Amz-Date=")[2][:8] for url in urls}
    assert dates == {"20260102", "20260103", "20260104", "20260105", "20260106"}

    barrier = threading.Barrier(THREADS)
    with frequent_thread_switches(), ThreadPoolExecutor(max_workers=THREADS) as pool:
        # Thread k starts at round k * ROUNDS / THREADS: at any moment the
        # threads sign different rounds, days and operations.
        futures = [pool.submit(sign_rounds, signer, k * ROUNDS // THREADS, barrier) for k in range(THREADS)]
        results = [f.result(timeout=600) for f in futures]
    for k, got in enumerate(results):
        for i in range(ROUNDS):
            assert got[i] == want[i], f"thread {k}, round {i}"

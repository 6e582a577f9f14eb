"""Soak test of the Python package: many URLs through ONE Signer, flat RSS.

    python tests/soak/soak.py [URLS]      # URLS, else $SOAK_URLS, else 2,000,000

Runs against whatever `presigner` the interpreter imports (the installed
wheel: run it with the test venv's python, as tests/soak/run.sh and
python/tests/test_soak.py do). Signs a realistic mix: presign_put with a
content type, metadata and a content length; presign_get with
response-content-disposition; presign_get_many batches of 100 keys;
presign_head (over many signing days, so cached signing keys come and go);
presign_delete; and calls that raise presigner's typed errors (and
TypeError), which are caught and checked: errors allocate exception objects,
and leaks hide there. After a warm-up ($SOAK_WARMUP URLs, default 100,000)
and gc.collect(), it reads VmRSS, signs URLS more, collects again and reads
VmRSS again. Prints URLs/s and the RSS figures; exits 1 if RSS grew by
$SOAK_MAX_GROWTH_MIB (default 10) MiB or more.
"""

from __future__ import annotations

import gc
import os
import sys
import time
from datetime import datetime, timedelta, timezone

import presigner

BATCH = 100  # keys per presign_get_many
SINGLES = 25  # rounds of put + get + head + delete per cycle
ERROR_ROUNDS = 5  # rounds of every error call per cycle
T0 = datetime(2024, 1, 1, tzinfo=timezone.utc)


def rss_kib() -> int:
    """The process's resident set size now, in KiB (Linux /proc)."""
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    raise RuntimeError("no VmRSS in /proc/self/status")


def mib(kib: int) -> str:
    return f"{kib / 1024:.1f} MiB"


def expect(error: type[Exception], code: str | None, fn, *args, **kwargs) -> None:
    """Calls fn, which must raise `error` (with `.code == code` when given)."""
    try:
        fn(*args, **kwargs)
    except error as e:
        if code is not None and e.code != code:
            raise AssertionError(
                f"{fn.__name__}: code {e.code!r}, want {code!r}"
            ) from e
        if not str(e):
            raise AssertionError(f"{fn.__name__}: empty message") from e
        return
    raise AssertionError(
        f"{fn.__name__}{args!r} {kwargs!r} did not raise {error.__name__}"
    )


def cycle(s: presigner.Signer, c: int) -> tuple[int, int]:
    """One round of the mix; returns (URLs signed, errors raised)."""
    name = f"photo {c} é+1.jpg"
    disposition = presigner.attachment(name)
    # Head requests walk through ten years of signing days, one day per cycle.
    day = T0 + timedelta(days=c % 3650, seconds=c % 86_400)
    keys = [f"uploads/{c % 1000}/{j}/{name}" for j in range(BATCH)]
    urls = 0
    for j in range(SINGLES):
        key = keys[j]
        put = s.presign_put(
            key,
            content_type="image/jpeg",
            content_length=1_000 + j,
            metadata={"owner": f"user-{c}", "n": str(j)},
            expires_in=600,
        )
        get = s.presign_get(key, response_content_disposition=disposition)
        head = s.presign_head(key, signing_time=day)
        delete = s.presign_delete(key, expires_in=timedelta(minutes=5))
        for r in (put, get, head, delete):
            if not r.url.startswith("https://") or not isinstance(r.headers, dict):
                raise AssertionError(repr(r))
        if put.headers["content-type"] != "image/jpeg" or put.expires_at <= T0:
            raise AssertionError(repr(put))
        urls += 4
    batch = s.presign_get_many(
        keys, response_content_disposition=disposition, signing_time=day
    )
    if len(batch) != BATCH or not all(r.url.startswith("https://") for r in batch):
        raise AssertionError("presign_get_many")
    urls += BATCH
    invalid, code = presigner.InvalidArgumentError, "ERR_PRESIGNER_INVALID_ARGUMENT"
    errors = 0
    for j in range(ERROR_ROUNDS):
        key = keys[j]
        expect(invalid, code, s.presign_get, "")
        expect(invalid, code, s.presign_put, key, expires_in=0)
        expect(invalid, code, s.presign_get, key, expires_in=604_801)
        expect(invalid, code, s.presign_put, key, metadata={f"bad name {c}": "x"})
        expect(invalid, code, s.presign_get_many, [key, ""])
        expect(TypeError, None, s.presign_head, None)
        expect(TypeError, None, s.presign_delete, key, expires_in="60")
        expect(
            presigner.ConfigError,
            "ERR_PRESIGNER_CONFIG",
            presigner.Signer,
            endpoint=f"ftp://h{c}.example",
            bucket="b",
            access_key_id="a",
            secret_access_key="s",
        )
        errors += 8
    return urls, errors


def run(
    s: presigner.Signer, target: int, c: int, samples: list[int] | None = None
) -> tuple[int, int, int]:
    """Cycles from cycle number c until `target` URLs; returns (URLs, errors, next c)."""
    urls = errors = 0
    step = max(target // 10, 1)
    while urls < target:
        u, e = cycle(s, c)
        urls, errors, c = urls + u, errors + e, c + 1
        if samples is not None and urls // step != (urls - u) // step:
            samples.append(rss_kib())
    return urls, errors, c


def main() -> int:
    target = int(
        (sys.argv[1] if len(sys.argv) > 1 else None)
        or os.environ.get("SOAK_URLS")
        or 2_000_000
    )
    warmup = int(os.environ.get("SOAK_WARMUP") or 100_000)
    limit_mib = float(os.environ.get("SOAK_MAX_GROWTH_MIB") or 10)
    signer = presigner.Signer(
        endpoint="https://0123456789abcdef0123456789abcdef.r2.cloudflarestorage.com",
        bucket="uploads",
        access_key_id="AKIDEXAMPLE",
        secret_access_key="wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
        session_token="token/with+chars=",
    )
    print(
        f"soak (python {sys.version.split()[0]}): presigner {presigner.__version__} from {presigner.__file__}"
    )

    t0 = time.perf_counter()
    _, _, c = run(signer, warmup, 0)
    gc.collect()
    before = rss_kib()
    warm_s = time.perf_counter() - t0

    samples: list[int] = []
    t0 = time.perf_counter()
    urls, errors, _ = run(signer, target, c, samples)
    elapsed = time.perf_counter() - t0
    gc.collect()
    after = rss_kib()

    growth = after - before
    print(f"warm-up: {warmup:,} URLs in {warm_s:.1f} s")
    print(
        f"signed {urls:,} URLs and raised {errors:,} errors in {elapsed:.1f} s:"
        f" {urls / elapsed:,.0f} URLs/s"
    )
    print("rss every 10%: " + ", ".join(mib(k) for k in samples))
    print(
        f"rss before {mib(before)}, after {mib(after)}, growth {growth / 1024:+.2f} MiB"
        f" ({growth * 1024 / urls:+.1f} bytes per URL; limit {limit_mib:g} MiB)"
    )
    if growth >= limit_mib * 1024:
        print(
            f"FAIL: RSS grew by {growth / 1024:.2f} MiB signing {urls:,} URLs",
            file=sys.stderr,
        )
        return 1
    print("soak: ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())

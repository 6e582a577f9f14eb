"""presigner vs botocore vs libpresign vs minio-py: µs per presigned URL.

Run by bench/run.sh inside .tmp/bench-venv; writes JSON to argv[1] (the
report is made by bench/report.py). ``bench_python.py --threads`` runs only
the threads section (needs presigner alone) and ``bench_python.py --parts``
only the upload-parts section (presigner and botocore); each prints its
JSON. Everything runs in one process and the
libraries are interleaved: each repetition times every (library, operation)
pair once, round-robin, so that a noisy neighbour hurts everyone alike.
Each timed call produces the URL string (``.url`` is read for presigner).
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import timedelta
from importlib import metadata

ENDPOINT = "https://0123456789abcdef0123456789abcdef.r2.cloudflarestorage.com"
HOST = ENDPOINT.removeprefix("https://")
REGION = "auto"
BUCKET = "uploads"
KEY = "photos/2024/05/cat picture+1.jpg"
EXPIRES = 3600
CONTENT_TYPE = "image/jpeg"
DISPOSITION = 'attachment; filename="cat picture+1.jpg"'
ACCESS_KEY = "AKIDEXAMPLE"
SECRET_KEY = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"

QUICK = os.environ.get("BENCH_QUICK") == "1"
REPS = 3 if QUICK else 7
CALLS = 2_000 if QUICK else 20_000  # per repetition, fast libraries
CALLS_BOTOCORE = 200 if QUICK else 2_000  # botocore is ~100x slower
BATCH = 1_000
BATCH_REPS = 20 if QUICK else 200
UPLOAD_ID = "VXBsb2FkIElEIGZvciA2aWWpbmcncyBteS1tb3ZpZS5tMnRzIHVwbG9hZA"
PARTS = 10_000  # S3's most parts per upload: a 50 GB file in 5 MiB parts
PARTS_REPS = 5 if QUICK else 21
PARTS_BOTOCORE = 100 if QUICK else 500  # botocore signs this many parts per repetition
THREAD_KEYS = 10_000  # presign_get_many on 1 thread vs split over THREADS
THREADS = 8
THREAD_REPS = 5 if QUICK else 31
COLD_RUNS = 5 if QUICK else 15

OPS = ("get", "put", "get_cd")


def log(*a: object) -> None:
    print(*a, file=sys.stderr, flush=True)


def botocore_client():
    import botocore.session
    from botocore.config import Config

    return botocore.session.get_session().create_client(
        "s3",
        region_name=REGION,
        endpoint_url=ENDPOINT,
        aws_access_key_id=ACCESS_KEY,
        aws_secret_access_key=SECRET_KEY,
        config=Config(
            signature_version="s3v4",
            s3={"addressing_style": "path"},
            request_checksum_calculation="when_required",
        ),
    )


def make_libs() -> dict[str, dict]:
    """library -> {"version", "calls", "ops": {op: (fn, note)}}; fn() returns a URL."""
    import libpresign
    import minio

    import presigner

    libs: dict[str, dict] = {}

    s = presigner.Signer(
        endpoint=ENDPOINT,
        bucket=BUCKET,
        access_key_id=ACCESS_KEY,
        secret_access_key=SECRET_KEY,
        region=REGION,
    )
    libs["presigner"] = {
        "version": presigner.__version__,
        "calls": CALLS,
        "ops": {
            "get": (lambda: s.presign_get(KEY, expires_in=EXPIRES).url, ""),
            "put": (
                lambda: s.presign_put(
                    KEY, expires_in=EXPIRES, content_type=CONTENT_TYPE
                ).url,
                "",
            ),
            "get_cd": (
                lambda: s.presign_get(
                    KEY, expires_in=EXPIRES, response_content_disposition=DISPOSITION
                ).url,
                "",
            ),
        },
    }

    gen = botocore_client().generate_presigned_url
    libs["botocore"] = {
        "version": metadata.version("botocore"),
        "calls": CALLS_BOTOCORE,
        "ops": {
            "get": (
                lambda: gen(
                    "get_object",
                    Params={"Bucket": BUCKET, "Key": KEY},
                    ExpiresIn=EXPIRES,
                ),
                "",
            ),
            "put": (
                lambda: gen(
                    "put_object",
                    Params={"Bucket": BUCKET, "Key": KEY, "ContentType": CONTENT_TYPE},
                    ExpiresIn=EXPIRES,
                ),
                "",
            ),
            "get_cd": (
                lambda: gen(
                    "get_object",
                    Params={
                        "Bucket": BUCKET,
                        "Key": KEY,
                        "ResponseContentDisposition": DISPOSITION,
                    },
                    ExpiresIn=EXPIRES,
                ),
                "",
            ),
        },
    }

    lp = libpresign.get
    libs["libpresign"] = {
        "version": metadata.version("libpresign"),
        "calls": CALLS,
        "ops": {
            # It takes a host (not a URL) and always signs virtual-hosted style: https://uploads.<host>/key.
            "get": (
                lambda: lp(ACCESS_KEY, SECRET_KEY, REGION, BUCKET, KEY, EXPIRES, HOST),
                "virtual-hosted style only",
            ),
            # libpresign.get(access_key_id, secret, region, bucket, key, expires, endpoint): GET only.
            "put": (None, "cannot: GET only"),
            "get_cd": (None, "cannot: no response-* parameters"),
        },
    }

    m = minio.Minio(
        HOST, access_key=ACCESS_KEY, secret_key=SECRET_KEY, secure=True, region=REGION
    )
    exp = timedelta(seconds=EXPIRES)
    cd = {"response-content-disposition": DISPOSITION}
    libs["minio"] = {
        "version": metadata.version("minio"),
        "calls": CALLS,
        "ops": {
            "get": (lambda: m.presigned_get_object(BUCKET, KEY, expires=exp), ""),
            # presigned_put_object(bucket, object, expires) has no content-type parameter.
            "put": (
                lambda: m.presigned_put_object(BUCKET, KEY, expires=exp),
                "no content type: cannot sign it",
            ),
            "get_cd": (
                lambda: m.presigned_get_object(
                    BUCKET, KEY, expires=exp, response_headers=cd
                ),
                "",
            ),
        },
    }
    return libs


def time_calls(fn, n: int) -> float:
    """µs per call of n calls of fn."""
    t0 = time.perf_counter_ns()
    for _ in range(n):
        fn()
    return (time.perf_counter_ns() - t0) / n / 1e3


def summarize(samples: list[float]) -> dict:
    return {
        "median": statistics.median(samples),
        "min": min(samples),
        "max": max(samples),
        "samples": samples,
    }


def bench_single(libs: dict[str, dict]) -> dict:
    # Sanity: every callable makes a URL for the right bucket and key.
    for name, lib in libs.items():
        for op, (fn, _) in lib["ops"].items():
            if fn is not None:
                url = fn()
                assert url.startswith(
                    (
                        f"{ENDPOINT}/{BUCKET}/photos/2024/05/cat",
                        f"https://{BUCKET}.{HOST}/photos/2024/05/cat",
                    )
                ), (name, op, url)
                assert "X-Amz-Signature=" in url, (name, op, url)
                log(f"  {name:10} {op:6} {url[:120]}...")
                for _ in range(min(200, lib["calls"])):  # warm-up
                    fn()
    raw: dict[str, dict[str, list[float]]] = {n: {op: [] for op in OPS} for n in libs}
    for rep in range(REPS):
        for op in OPS:
            for name, lib in libs.items():
                fn = lib["ops"][op][0]
                if fn is not None:
                    raw[name][op].append(time_calls(fn, lib["calls"]))
        log(
            f"  rep {rep + 1}/{REPS}: "
            + ", ".join(f"{n} {raw[n]['get'][-1]:.2f}" for n in libs)
        )
    out = {}
    for name, lib in libs.items():
        out[name] = {
            "version": lib["version"],
            "calls_per_rep": lib["calls"],
            "reps": REPS,
            "ops": {
                op: (summarize(raw[name][op]) if raw[name][op] else {})
                | {"note": lib["ops"][op][1]}
                for op in OPS
            },
        }
    return out


def bench_batch() -> dict:
    import presigner

    s = presigner.Signer(
        endpoint=ENDPOINT,
        bucket=BUCKET,
        access_key_id=ACCESS_KEY,
        secret_access_key=SECRET_KEY,
        region=REGION,
    )
    keys = [f"photos/2024/05/cat picture+{i}.jpg" for i in range(BATCH)]

    def many() -> list[str]:
        return [r.url for r in s.presign_get_many(keys, expires_in=EXPIRES)]

    def many_no_url() -> object:
        return s.presign_get_many(keys, expires_in=EXPIRES)

    def loop() -> list[str]:
        return [s.presign_get(k, expires_in=EXPIRES).url for k in keys]

    assert many() == loop()
    fns = {
        "presign_get_many": many_no_url,
        "presign_get_many + .url": many,
        "loop of presign_get": loop,
    }
    raw: dict[str, list[float]] = {k: [] for k in fns}
    for _ in range(5):
        for fn in fns.values():
            fn()
    for _ in range(BATCH_REPS):
        for name, fn in fns.items():
            t0 = time.perf_counter_ns()
            fn()
            raw[name].append((time.perf_counter_ns() - t0) / 1e3)
    return {
        "keys": BATCH,
        "reps": BATCH_REPS,
        "unit": "µs per batch",
        **{k: summarize(v) for k, v in raw.items()},
    }


def bench_parts() -> dict:
    """The UploadPart URLs of all PARTS parts of one upload: one
    presign_upload_parts call (with and without reading every ``.url``), a
    loop of presign_upload_part, and botocore's generate_presigned_url
    ("upload_part") for parts 1..PARTS_BOTOCORE (it takes ~100s of µs per
    URL: timing all 10,000 would take seconds per repetition). The four are
    interleaved per repetition; every sample is µs per part URL (wall time ÷
    URLs signed)."""
    from datetime import datetime, timezone
    from urllib.parse import parse_qsl, urlsplit

    import presigner

    s = presigner.Signer(
        endpoint=ENDPOINT,
        bucket=BUCKET,
        access_key_id=ACCESS_KEY,
        secret_access_key=SECRET_KEY,
        region=REGION,
    )
    gen = botocore_client().generate_presigned_url

    def boto_part(n: int) -> str:
        return gen(
            "upload_part",
            Params={
                "Bucket": BUCKET,
                "Key": KEY,
                "UploadId": UPLOAD_ID,
                "PartNumber": n,
            },
            ExpiresIn=EXPIRES,
        )

    # Sanity: the same URLs both ways, and botocore signs the same request
    # (same path and query but for the instant and the signature).
    at = datetime(2026, 1, 2, 3, 4, 5, tzinfo=timezone.utc)
    batch = s.presign_upload_parts(KEY, UPLOAD_ID, PARTS, signing_time=at)
    assert len(batch) == PARTS
    for n in (1, 2, PARTS):
        one = s.presign_upload_part(KEY, UPLOAD_ID, n, signing_time=at)
        assert batch[n - 1].url == one.url, n

    def shape(url: str) -> tuple:
        u = urlsplit(url)
        q = dict(parse_qsl(u.query))
        for k in ("X-Amz-Date", "X-Amz-Signature", "X-Amz-Credential"):
            q.pop(k)
        return u.path, q

    assert shape(batch[1].url) == shape(boto_part(2)), (batch[1].url, boto_part(2))
    log(f"  presigner part 2: {batch[1].url[:150]}...")

    def many() -> object:
        return s.presign_upload_parts(KEY, UPLOAD_ID, PARTS, expires_in=EXPIRES)

    def many_url() -> list[str]:
        return [r.url for r in many()]

    def loop() -> list[str]:
        return [
            s.presign_upload_part(KEY, UPLOAD_ID, n, expires_in=EXPIRES).url
            for n in range(1, PARTS + 1)
        ]

    def boto() -> list[str]:
        return [boto_part(n) for n in range(1, PARTS_BOTOCORE + 1)]

    fns = {  # name -> (fn, URLs it signs)
        "presign_upload_parts": (many, PARTS),
        "presign_upload_parts + .url": (many_url, PARTS),
        "loop of presign_upload_part + .url": (loop, PARTS),
        "botocore generate_presigned_url": (boto, PARTS_BOTOCORE),
    }
    for fn, _ in fns.values():  # warm-up
        fn()
    raw: dict[str, list[float]] = {k: [] for k in fns}
    for _ in range(PARTS_REPS):
        for name, (fn, n) in fns.items():
            t0 = time.perf_counter_ns()
            fn()
            raw[name].append((time.perf_counter_ns() - t0) / 1e3 / n)
    out = {
        "parts": PARTS,
        "reps": PARTS_REPS,
        "unit": "µs per part URL",
        "botocore_version": metadata.version("botocore"),
        "urls_per_rep": {k: n for k, (_, n) in fns.items()},
        **{k: summarize(v) for k, v in raw.items()},
    }
    log(
        f"  {PARTS:,} parts: presign_upload_parts"
        f" {out['presign_upload_parts']['median'] * PARTS / 1e3:.2f} ms"
        f" ({out['presign_upload_parts']['median']:.3f} µs/URL); botocore"
        f" {out['botocore generate_presigned_url']['median']:.1f} µs/URL"
    )
    return out


def bench_threads() -> dict:
    """presign_get_many of THREAD_KEYS keys on one thread vs the same keys split
    over THREADS threads sharing one Signer (THREAD_KEYS / THREADS each).

    "speedup" is 1-thread time ÷ THREADS-thread time: about 1 (or below, for
    the hand-offs) while signing holds the GIL; up to the number of cores
    once presign_get_many releases it. A pool of started threads is reused,
    so thread start-up is not timed; the two are interleaved per repetition."""
    from concurrent.futures import ThreadPoolExecutor
    from datetime import datetime, timezone

    import presigner

    s = presigner.Signer(
        endpoint=ENDPOINT,
        bucket=BUCKET,
        access_key_id=ACCESS_KEY,
        secret_access_key=SECRET_KEY,
        region=REGION,
    )
    at = datetime(2026, 1, 2, 3, 4, 5, tzinfo=timezone.utc)  # the same URLs both ways
    keys = [f"photos/2024/05/cat picture+{i}.jpg" for i in range(THREAD_KEYS)]
    size = -(-THREAD_KEYS // THREADS)
    chunks = [keys[i : i + size] for i in range(0, THREAD_KEYS, size)]

    def many(ks: list[str]) -> list:
        return s.presign_get_many(ks, expires_in=EXPIRES, signing_time=at)

    with ThreadPoolExecutor(max_workers=THREADS) as pool:

        def split() -> list:
            futures = [pool.submit(many, c) for c in chunks]
            return [r for f in futures for r in f.result()]

        assert [r.url for r in split()] == [r.url for r in many(keys)]
        fns = {"1 thread": lambda: many(keys), f"{THREADS} threads": split}
        raw: dict[str, list[float]] = {k: [] for k in fns}
        for _ in range(3):
            for fn in fns.values():
                fn()
        for _ in range(THREAD_REPS):
            for name, fn in fns.items():
                t0 = time.perf_counter_ns()
                fn()
                raw[name].append((time.perf_counter_ns() - t0) / 1e6)
    out = {
        "keys": THREAD_KEYS,
        "threads": THREADS,
        "cores": len(os.sched_getaffinity(0)),
        "reps": THREAD_REPS,
        "unit": f"ms per {THREAD_KEYS:,} keys",
        **{k: summarize(v) for k, v in raw.items()},
    }
    out["speedup"] = out["1 thread"]["median"] / out[f"{THREADS} threads"]["median"]
    log(
        f"  presign_get_many of {THREAD_KEYS:,} keys: 1 thread"
        f" {out['1 thread']['median']:.2f} ms, {THREADS} threads"
        f" {out[f'{THREADS} threads']['median']:.2f} ms on {out['cores']} cores:"
        f" speedup {out['speedup']:.2f}×"
    )
    return out


COLD = {
    "pass": "pass",
    "presigner": "import presigner",
    "boto3": "import boto3",
    "botocore.session": "import botocore.session",
    "libpresign": "import libpresign",
    "minio": "import minio",
}
FIRST_URL = {
    "presigner": (
        "import presigner\n"
        f"s = presigner.Signer(endpoint={ENDPOINT!r}, bucket={BUCKET!r}, access_key_id={ACCESS_KEY!r},"
        f" secret_access_key={SECRET_KEY!r}, region={REGION!r})\n"
        f"s.presign_get({KEY!r}).url\n"
    ),
    "boto3": (
        "import boto3\nfrom botocore.config import Config\n"
        f"c = boto3.client('s3', region_name={REGION!r}, endpoint_url={ENDPOINT!r},"
        f" aws_access_key_id={ACCESS_KEY!r}, aws_secret_access_key={SECRET_KEY!r},"
        " config=Config(signature_version='s3v4', s3={'addressing_style': 'path'},"
        " request_checksum_calculation='when_required'))\n"
        f"c.generate_presigned_url('get_object', Params={{'Bucket': {BUCKET!r}, 'Key': {KEY!r}}}, ExpiresIn=3600)\n"
    ),
    "botocore": (
        "import botocore.session\nfrom botocore.config import Config\n"
        f"c = botocore.session.get_session().create_client('s3', region_name={REGION!r},"
        f" endpoint_url={ENDPOINT!r}, aws_access_key_id={ACCESS_KEY!r}, aws_secret_access_key={SECRET_KEY!r},"
        " config=Config(signature_version='s3v4', s3={'addressing_style': 'path'},"
        " request_checksum_calculation='when_required'))\n"
        f"c.generate_presigned_url('get_object', Params={{'Bucket': {BUCKET!r}, 'Key': {KEY!r}}}, ExpiresIn=3600)\n"
    ),
    "libpresign": (
        f"import libpresign\nlibpresign.get({ACCESS_KEY!r}, {SECRET_KEY!r}, {REGION!r}, {BUCKET!r}, {KEY!r},"
        f" 3600, {HOST!r})\n"
    ),
    "minio": (
        "import minio\n"
        f"m = minio.Minio({HOST!r}, access_key={ACCESS_KEY!r}, secret_key={SECRET_KEY!r}, secure=True,"
        f" region={REGION!r})\n"
        f"m.presigned_get_object({BUCKET!r}, {KEY!r})\n"
    ),
}


def bench_cold() -> dict:
    """Median ms of `python -c CODE` minus median of `python -c pass`, interleaved runs."""
    progs = {f"import {k}": v for k, v in COLD.items()} | {
        f"first URL {k}": v for k, v in FIRST_URL.items()
    }
    raw: dict[str, list[float]] = {k: [] for k in progs}
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    with (
        tempfile.TemporaryDirectory() as cwd
    ):  # nothing to shadow the installed packages
        for name, code in progs.items():  # warm the page cache and .pyc files
            subprocess.run([sys.executable, "-c", code], cwd=cwd, env=env, check=True)
        for _ in range(COLD_RUNS):
            for name, code in progs.items():
                t0 = time.perf_counter_ns()
                subprocess.run(
                    [sys.executable, "-c", code], cwd=cwd, env=env, check=True
                )
                raw[name].append((time.perf_counter_ns() - t0) / 1e6)
    base = statistics.median(raw["import pass"])
    out = {"runs": COLD_RUNS, "python -c pass ms": base}
    for name, v in raw.items():
        if name == "import pass":
            continue
        out[name] = {
            "ms": statistics.median(v) - base,
            "min": min(v) - base,
            "max": max(v) - base,
        }
    return out


def installed_size(dist_name: str) -> dict:
    """Bytes on disk of a distribution's files (RECORD) and of all its runtime dependencies."""
    from pip._vendor.packaging.requirements import Requirement

    seen: dict[str, int] = {}

    def visit(name: str) -> None:
        norm = name.lower().replace("_", "-")
        if norm in seen:
            return
        try:
            d = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            return
        size = 0
        for f in d.files or []:
            p = d.locate_file(f)
            try:
                size += os.path.getsize(p)
            except OSError:
                pass
        seen[norm] = size
        for r in d.requires or []:
            req = Requirement(r)
            if req.marker is not None and not req.marker.evaluate({"extra": ""}):
                continue
            visit(req.name)

    visit(dist_name)
    return {
        "bytes": sum(seen.values()),
        "own_bytes": seen[dist_name.lower()],
        "dists": sorted(seen),
    }


def main() -> None:
    if sys.argv[1:] == ["--threads"]:  # the threads section alone, as JSON on stdout
        print(json.dumps(bench_threads(), indent=1))
        return
    if sys.argv[1:] == ["--parts"]:  # the upload-parts section alone
        print(json.dumps(bench_parts(), indent=1))
        return
    out_path = sys.argv[1]
    result: dict = {"python": sys.version.split()[0], "quick": QUICK}
    log("python: single URLs")
    libs = make_libs()
    result["single"] = bench_single(libs)
    log("python: batch")
    result["batch"] = bench_batch()
    log("python: upload parts")
    result["parts"] = bench_parts()
    log("python: threads (GIL)")
    result["threads"] = bench_threads()
    log("python: cold start")
    result["cold"] = bench_cold()
    result["sizes"] = {
        d: installed_size(d)
        for d in ("presigner", "boto3", "botocore", "libpresign", "minio")
    }
    result["versions"] = {
        d: metadata.version(d)
        for dists in (s["dists"] for s in result["sizes"].values())
        for d in dists
    }
    with open(out_path, "w") as f:
        json.dump(result, f, indent=1, ensure_ascii=False)
    log(f"python: wrote {out_path}")


if __name__ == "__main__":
    main()

"""Self-check: presigner-s3server really verifies SigV4 presigned URLs.

Starts the server (through start.sh, on a free port, with a temporary data
directory), presigns URLs with botocore (the oracle) and sends them with
http.client. Prints one PASS/FAIL line per check (and INFO lines for
behaviour worth knowing that is not a pass/fail matter); exits 1 on a failure.

    python3 -m venv /tmp/s3check-venv && /tmp/s3check-venv/bin/pip install botocore==1.44.8
    /tmp/s3check-venv/bin/python tests/s3server/check.py
"""

from __future__ import annotations

import datetime as dt
import http.client
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from unittest import mock
from urllib.parse import urlsplit

import botocore.auth
import botocore.session
from botocore.config import Config

HERE = Path(__file__).resolve().parent
AK, SK, BUCKET = "AKIDCHECK", "check/secret+key", "uploads"
ORIGIN = "http://localhost:5173"


def client(endpoint: str, secret: str = SK, access_key: str = AK, region: str = "auto"):
    """A botocore S3 client: SigV4, path style, no automatic checksums."""
    return botocore.session.get_session().create_client(
        "s3",
        region_name=region,
        endpoint_url=endpoint,
        aws_access_key_id=access_key,
        aws_secret_access_key=secret,
        config=Config(
            signature_version="s3v4",
            s3={"addressing_style": "path"},
            request_checksum_calculation="when_required",
        ),
    )


def presign(s3, method: str, key: str, expires: int = 300, **params) -> str:
    op = {
        "GET": "get_object",
        "PUT": "put_object",
        "HEAD": "head_object",
        "DELETE": "delete_object",
    }
    return s3.generate_presigned_url(
        op[method], Params={"Bucket": BUCKET, "Key": key, **params}, ExpiresIn=expires
    )


def send(method: str, url: str, body: bytes | None = None, headers: dict | None = None):
    """Sends the URL verbatim; returns (status, headers, body)."""
    parts = urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    target = parts.path + (f"?{parts.query}" if parts.query else "")
    conn.request(method, target, body=body, headers=headers or {})
    resp = conn.getresponse()
    data = resp.read()
    conn.close()
    return resp.status, {k.lower(): v for k, v in resp.getheaders()}, data


def tamper_signature(url: str) -> str:
    head, sig = url.rsplit("X-Amz-Signature=", 1)
    flipped = "0" if sig[0] != "0" else "1"
    return f"{head}X-Amz-Signature={flipped}{sig[1:]}"


class Checks:
    def __init__(self) -> None:
        self.failed = 0

    def check(self, name: str, ok: bool, detail: object = "") -> None:
        self.failed += not ok
        print(
            f"{'PASS' if ok else 'FAIL'}  {name}" + (f"  ({detail})" if detail else "")
        )

    def status(self, name: str, got: int, want: int | range) -> None:
        ok = got in want if isinstance(want, range) else got == want
        self.check(name, ok, f"HTTP {got}")


def run(endpoint: str) -> int:
    s3 = client(endpoint)
    c = Checks()
    body = os.urandom(1024) + b"presigner"

    # Round trip: signed Content-Type, then GET, HEAD, DELETE.
    key = "round/trip.bin"
    put = presign(s3, "PUT", key, ContentType="application/octet-stream")
    st, _, _ = send("PUT", put, body, {"Content-Type": "application/octet-stream"})
    c.status("presigned PUT with the signed Content-Type", st, 200)
    st, hs, data = send("GET", presign(s3, "GET", key))
    c.check(
        "presigned GET returns the same bytes", st == 200 and data == body, f"HTTP {st}"
    )
    st, hs, _ = send("HEAD", presign(s3, "HEAD", key))
    c.check(
        "presigned HEAD",
        st == 200 and hs.get("content-length") == str(len(body)),
        f"HTTP {st}, content-length {hs.get('content-length')}",
    )
    c.check(
        "  with the Content-Type that was stored",
        hs.get("content-type") == "application/octet-stream",
        hs.get("content-type"),
    )

    # Forgeries.
    st, _, _ = send("GET", tamper_signature(presign(s3, "GET", key)))
    c.status("one changed signature character -> 403", st, 403)
    st, _, _ = send("GET", presign(client(endpoint, secret="wrong-secret"), "GET", key))
    c.status("wrong secret key -> 403", st, 403)
    st, _, _ = send(
        "GET", presign(client(endpoint, access_key="AKIDOTHER"), "GET", key)
    )
    c.status("unknown access key -> 403", st, 403)
    st, _, _ = send(
        "GET",
        presign(s3, "GET", key, expires=60).replace(
            "X-Amz-Expires=60", "X-Amz-Expires=6000"
        ),
    )
    c.status("X-Amz-Expires raised after signing -> 403", st, 403)
    st, _, _ = send(
        "GET", presign(s3, "GET", "round/other.bin").replace("round/other.bin", key)
    )
    c.status("URL signed for another key -> 403", st, 403)
    st, _, _ = send("PUT", presign(s3, "GET", key), b"overwrite")
    c.status("GET URL used for a PUT -> 403", st, 403)
    st, _, _ = send("GET", f"{endpoint}/{BUCKET}/{key}")
    c.status("anonymous GET (no signature) -> 403", st, 403)

    # Expiry, both ways: a 1 s URL after 2 s, and a URL signed an hour ago.
    short = presign(s3, "GET", key, expires=1)
    time.sleep(2)
    st, _, _ = send("GET", short)
    c.status("expired URL (expires_in=1, used after 2 s) -> 403", st, 403)
    past = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None) - dt.timedelta(hours=1)
    with mock.patch("botocore.auth.get_current_datetime", return_value=past):
        old = presign(s3, "GET", key, expires=60)
    st, _, _ = send("GET", old)
    c.status("expired URL (signed 1 h ago for 60 s) -> 403", st, 403)

    # A signed header must be sent with the signed value.
    ct_url = presign(s3, "PUT", "typed.txt", ContentType="text/plain")
    st, _, _ = send("PUT", ct_url, b"x", {"Content-Type": "image/png"})
    c.status("PUT with a Content-Type other than the signed one -> 403", st, 403)
    st, _, _ = send("PUT", ct_url, b"x")
    c.status("PUT without the signed Content-Type -> 403", st, 403)
    st, _, _ = send("PUT", ct_url, b"x", {"Content-Type": "text/plain"})
    c.status("PUT with the signed Content-Type -> 200", st, 200)

    # Keys that need percent-encoding round-trip.
    for i, key in enumerate(
        [
            "with space/a b.txt",
            "plus+and=eq&amp.txt",
            "ünï/日本語 ✓ 🚀.bin",
            "tilde~/(parens)!*'.txt",
        ]
    ):
        payload = f"{i}:{key}".encode()
        st_put, _, _ = send("PUT", presign(s3, "PUT", key), payload)
        st_get, _, data = send("GET", presign(s3, "GET", key))
        c.check(
            f"key {key!r} round-trips",
            st_put == 200 and data == payload,
            f"PUT {st_put}, GET {st_get}",
        )

    # CORS, configured through the S3 API (PutBucketCors) as on S3 and R2:
    # refused before, preflight and the headers on the actual response after.
    pre = {
        "Origin": ORIGIN,
        "Access-Control-Request-Method": "PUT",
        "Access-Control-Request-Headers": "content-type",
    }
    st, _, _ = send("OPTIONS", f"{endpoint}/{BUCKET}/browser.txt", headers=pre)
    c.check("CORS preflight before PutBucketCors -> 403", st == 403, f"HTTP {st}")
    s3.put_bucket_cors(
        Bucket=BUCKET,
        CORSConfiguration={
            "CORSRules": [
                {
                    "AllowedOrigins": [ORIGIN],
                    "AllowedMethods": ["GET", "PUT", "HEAD"],
                    "AllowedHeaders": ["Content-Type"],
                    "ExposeHeaders": ["ETag"],
                }
            ]
        },
    )
    pre = {
        "Origin": ORIGIN,
        "Access-Control-Request-Method": "PUT",
        "Access-Control-Request-Headers": "content-type",
    }
    st, hs, _ = send("OPTIONS", f"{endpoint}/{BUCKET}/browser.txt", headers=pre)
    c.check(
        "CORS preflight OPTIONS -> 2xx with access-control-allow-origin",
        200 <= st < 300 and "access-control-allow-origin" in hs,
        f"HTTP {st}, allow-origin {hs.get('access-control-allow-origin')!r}, "
        f"allow-methods {hs.get('access-control-allow-methods')!r}, "
        f"allow-headers {hs.get('access-control-allow-headers')!r}",
    )
    st, hs, _ = send(
        "PUT", presign(s3, "PUT", "browser.txt"), b"from a browser", {"Origin": ORIGIN}
    )
    c.check(
        "PUT with Origin: 200, allow-origin and ETag exposed",
        st == 200
        and "access-control-allow-origin" in hs
        and "etag" in hs.get("access-control-expose-headers", "").lower(),
        f"HTTP {st}, expose-headers {hs.get('access-control-expose-headers')!r}, etag {hs.get('etag')!r}",
    )

    # Signing region: "auto" is what R2 uses; s3s accepts any.
    st, _, _ = send(
        "GET", presign(client(endpoint, region="us-east-1"), "GET", "browser.txt")
    )
    c.status("URL signed for region us-east-1 is accepted too", st, 200)

    # DELETE last: then the object is gone.
    st, _, _ = send("DELETE", presign(s3, "DELETE", "round/trip.bin"))
    c.status("presigned DELETE -> 204", st, 204)
    st, _, _ = send("GET", presign(s3, "GET", "round/trip.bin"))
    c.status("GET after DELETE -> 404", st, 404)

    # Behaviour worth knowing (not pass/fail).
    extra = {"Content-Type": "text/html", "x-amz-meta-unsigned": "1"}
    st, _, _ = send("PUT", presign(s3, "PUT", "info.txt"), b"x", extra)
    _, hs, _ = send("HEAD", presign(s3, "HEAD", "info.txt"))
    print(
        "INFO  PUT whose URL signed neither Content-Type nor x-amz-meta-unsigned, sent with both: "
        f"HTTP {st}; stored content-type {hs.get('content-type')!r}, "
        f"x-amz-meta-unsigned {hs.get('x-amz-meta-unsigned')!r}"
    )
    st, _, _ = send("GET", presign(s3, "GET", "info.txt", expires=7 * 86400 + 1))
    print(f"INFO  X-Amz-Expires over 7 days (604801; AWS refuses it): HTTP {st}")
    future = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None) + dt.timedelta(
        minutes=30
    )
    with mock.patch("botocore.auth.get_current_datetime", return_value=future):
        ahead = presign(s3, "GET", "info.txt", expires=3600)
    st, _, _ = send("GET", ahead)
    print(
        f"INFO  URL signed 30 min in the future (server allows 15 min skew): HTTP {st}"
    )
    nobucket = s3.generate_presigned_url(
        "get_object", Params={"Bucket": "nosuchbucket", "Key": "k"}
    )
    st, _, _ = send("GET", nobucket)
    print(f"INFO  correctly signed GET in a bucket that does not exist: HTTP {st}")

    print(f"{'all checks passed' if not c.failed else f'{c.failed} check(s) FAILED'}")
    return 1 if c.failed else 0


def main() -> int:
    root = tempfile.mkdtemp(prefix="s3check-")
    args = ["--root", root, "--access-key", AK, "--secret-key", SK, "--bucket", BUCKET]
    out = subprocess.run(
        [str(HERE / "start.sh"), *args], check=True, capture_output=True, text=True
    ).stdout
    env = dict(line.split("=", 1) for line in out.splitlines() if "=" in line)
    print(f"server {env['S3_ENDPOINT']} (pid {env['S3_PID']}, data {root})")
    try:
        return run(env["S3_ENDPOINT"])
    finally:
        os.kill(int(env["S3_PID"]), signal.SIGTERM)
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())

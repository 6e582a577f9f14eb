"""Self-check: presigner-s3server really verifies SigV4 presigned URLs.

Starts the server (through start.sh, on a free port, with a temporary data
directory), presigns URLs with botocore (the oracle) and sends them with
http.client or urllib, or calls the server through botocore's own client.
Prints one PASS/FAIL line per check (and INFO lines for behaviour worth
knowing that is not a pass/fail matter); exits 1 on a failure. The multipart
checks cover what src/multipart.rs adds to s3s-fs.

    python3 -m venv /tmp/s3check-venv && /tmp/s3check-venv/bin/pip install botocore==1.44.8
    /tmp/s3check-venv/bin/python tests/s3server/check.py
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import http.client
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
import uuid
import zlib
from contextlib import contextmanager
from pathlib import Path
from unittest import mock
from urllib.parse import urlparse, urlsplit

import botocore.auth
import botocore.httpchecksum
import botocore.session
from botocore.config import Config
from botocore.exceptions import ClientError

HERE = Path(__file__).resolve().parent
AK, SK, BUCKET = "AKIDCHECK", "check/secret+key", "uploads"
ORIGIN = "http://localhost:5173"


def client(endpoint: str, secret: str = SK, access_key: str = AK, region: str = "auto"):
    """A botocore S3 client: SigV4, path style, no automatic checksums, no
    retries (botocore would retry a 400 BadDigest)."""
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
            retries={"mode": "standard", "max_attempts": 1},
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


def fetch(
    method: str, url: str, body: bytes | None = None, headers: dict | None = None
):
    """Sends the URL with urllib, as our users' code does; returns (status,
    headers, body) for error statuses too."""
    req = urllib.request.Request(url, data=body, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=30) as resp:
            return (
                resp.status,
                {k.lower(): v for k, v in resp.headers.items()},
                resp.read(),
            )
    except urllib.error.HTTPError as e:
        return e.code, {k.lower(): v for k, v in e.headers.items()}, e.read()


def xml(body: bytes, tag: str) -> list[str]:
    """Every `<tag>` text in an S3 XML answer (XML escapes undone)."""
    found = re.findall(rf"<{tag}>(.*?)</{tag}>".encode(), body, re.S)
    return [
        v.decode().replace("&quot;", '"').replace("&lt;", "<").replace("&amp;", "&")
        for v in found
    ]


def call(fn, **params):
    """A botocore client call: (HTTP status, error code or None, response)."""
    try:
        resp = fn(**params)
        return resp["ResponseMetadata"]["HTTPStatusCode"], None, resp
    except ClientError as e:
        err = e.response
        return err["ResponseMetadata"]["HTTPStatusCode"], err["Error"]["Code"], err


def http_code(status: int, code: str | None) -> str:
    return f"HTTP {status}" + (f" {code}" if code else "")


def crc(data: bytes, poly: int, width: int) -> bytes:
    """A reflected CRC with all-ones init and xor-out, big-endian (CRC32C,
    CRC64NVME: botocore needs awscrt for them)."""
    mask = (1 << width) - 1
    c = mask
    for b in data:
        c ^= b
        for _ in range(8):
            c = (c >> 1) ^ (poly if c & 1 else 0)
    return (c ^ mask).to_bytes(width // 8, "big")


def checksums(data: bytes) -> dict[str, str]:
    """x-amz-checksum-* values (base64 of the big-endian digest)."""
    raw = {
        "CRC32": zlib.crc32(data).to_bytes(4, "big"),
        "CRC32C": crc(data, 0x82F63B78, 32),
        "CRC64NVME": crc(data, 0x9A6C9329AC4BC9B5, 64),
        "SHA1": hashlib.sha1(data).digest(),
        "SHA256": hashlib.sha256(data).digest(),
    }
    return {alg: base64.b64encode(v).decode() for alg, v in raw.items()}


def md5_b64(data: bytes) -> str:
    return base64.b64encode(hashlib.md5(data).digest()).decode()


def quoted_md5(data: bytes) -> str:
    return f'"{hashlib.md5(data).hexdigest()}"'


class Checks:
    def __init__(self) -> None:
        self.failed = 0

    def check(self, name: str, ok: bool, detail: object = "") -> None:
        self.failed += not ok
        print(
            f"{'PASS' if ok else 'FAIL'}  {name}" + (f"  ({detail})" if detail else "")
        )

    def answer(self, name: str, got: tuple, want: tuple) -> None:
        """An expected (HTTP status, S3 error code or None)."""
        self.check(name, tuple(got) == want, http_code(*got))

    def status(self, name: str, got: int, want: int | range) -> None:
        ok = got in want if isinstance(want, range) else got == want
        self.check(name, ok, f"HTTP {got}")


MiB = 1024 * 1024
PREFLIGHT_HEADERS = (
    "content-type, if-none-match, if-match, content-md5, "
    "x-amz-checksum-crc32, x-amz-checksum-sha256"
)


def multipart(endpoint: str, s3, c: Checks) -> None:
    """Multipart uploads: what src/multipart.rs adds to s3s-fs, and what must
    keep working."""
    key = "multi part/big file.bin"
    ids = {"Bucket": BUCKET, "Key": key}
    ids2 = {"Bucket": BUCKET, "Key": "multi/digests.bin"}

    def url(op: str, key_ids: dict = ids, **params) -> str:
        return s3.generate_presigned_url(
            op, Params={**key_ids, **params}, ExpiresIn=300
        )

    def answer(method: str, url: str, body: bytes | None = None, headers=None):
        """(status, S3 error code or None) of a request sent with urllib."""
        st, _, data = fetch(method, url, body, headers)
        return st, (xml(data, "Code") or [None])[0]

    # One upload through presigned URLs and urllib, as our users send them.
    st, _, body = fetch("POST", url("create_multipart_upload"))
    upload = (xml(body, "UploadId") or [""])[0]
    c.check(
        "multipart: presigned CreateMultipartUpload", st == 200 and upload, f"HTTP {st}"
    )
    parts = [os.urandom(5 * MiB), os.urandom(5 * MiB), b"!"]
    etags = []
    for n, data in enumerate(parts, 1):
        st, hs, _ = fetch(
            "PUT", url("upload_part", UploadId=upload, PartNumber=n), data
        )
        etags.append(hs.get("etag"))
        c.check(
            f"  presigned UploadPart {n} ({len(data)} bytes) -> 200, ETag is the quoted MD5",
            st == 200 and hs.get("etag") == quoted_md5(data),
            f"HTTP {st}, ETag {hs.get('etag')}",
        )

    st, code, resp = call(s3.list_parts, **ids, UploadId=upload)
    listed = resp.get("Parts", [])
    got = [(p["PartNumber"], p["Size"], p["ETag"]) for p in listed]
    c.check(
        "  ListParts (botocore): number, size, quoted ETag and LastModified of each part",
        st == 200
        and got == [(n, len(d), quoted_md5(d)) for n, d in enumerate(parts, 1)]
        and all("LastModified" in p for p in listed),
        f"{http_code(st, code)}, parts {[(n, size) for n, size, _ in got]}",
    )
    pages, marker = [], None
    for _ in range(5):
        extra = {"PartNumberMarker": marker} if marker else {}
        st, _, body = fetch(
            "GET", url("list_parts", UploadId=upload, MaxParts=1, **extra)
        )
        truncated = xml(body, "IsTruncated")
        pages.append((st, xml(body, "PartNumber"), xml(body, "ETag"), truncated))
        if st != 200 or truncated != ["true"]:
            break
        marker = int(xml(body, "NextPartNumberMarker")[0])
    c.check(
        "  presigned ListParts max-parts=1, following NextPartNumberMarker: 3 pages, one part each",
        pages
        == [(200, [str(n)], [e], [str(n < 3).lower()]) for n, e in enumerate(etags, 1)],
        [(st, nums, trunc) for st, nums, _, trunc in pages],
    )
    pager = s3.get_paginator("list_parts").paginate(
        **ids, UploadId=upload, PaginationConfig={"PageSize": 1}
    )
    numbers = [[p["PartNumber"] for p in page.get("Parts", [])] for page in pager]
    c.check(
        "  ListParts paginator (botocore, PageSize 1): pages [1] [2] [3]",
        numbers == [[1], [2], [3]],
        numbers,
    )

    bad = {"Body": b"replacement", "ContentMD5": md5_b64(b"something else")}
    st, code, _ = call(s3.upload_part, **ids, UploadId=upload, PartNumber=2, **bad)
    c.answer(
        "  UploadPart (botocore) with a wrong Content-MD5 -> 400 BadDigest",
        (st, code),
        (400, "BadDigest"),
    )
    _, _, resp = call(s3.list_parts, **ids, UploadId=upload)
    kept = [p["ETag"] for p in resp.get("Parts", []) if p["PartNumber"] == 2]
    c.check("  ... and part 2 keeps its earlier bytes", kept == [etags[1]], kept)

    done = "".join(
        f"<Part><PartNumber>{n}</PartNumber><ETag>{e}</ETag></Part>"
        for n, e in enumerate(etags, 1)
    )
    st, _, body = fetch(
        "POST",
        url("complete_multipart_upload", UploadId=upload),
        f"<CompleteMultipartUpload>{done}</CompleteMultipartUpload>".encode(),
        {"Content-Type": "application/xml"},
    )
    md5s = b"".join(hashlib.md5(d).digest() for d in parts)
    want = {
        "Location": f"{endpoint}/{BUCKET}/multi%20part/big%20file.bin",
        "Bucket": BUCKET,
        "Key": key,
        "ETag": f'"{hashlib.md5(md5s).hexdigest()}-3"',
    }
    got = {tag: (xml(body, tag) or [None])[0] for tag in want}
    c.check(
        "  presigned CompleteMultipartUpload -> 200 with Location, Bucket, Key, ETag",
        st == 200 and got == want,
        f"HTTP {st}, {got}",
    )
    st, _, data = fetch("GET", url("get_object"))
    c.check(
        "  presigned GET returns the 3 parts joined",
        st == 200 and data == b"".join(parts),
        f"HTTP {st}, {len(data)} bytes",
    )
    st, code, _ = call(s3.list_parts, **ids, UploadId=upload)
    c.answer(
        "  ListParts after Complete -> 404 NoSuchUpload",
        (st, code),
        (404, "NoSuchUpload"),
    )

    # Conditional Complete (botocore), on the key that now exists.
    upload = s3.create_multipart_upload(**ids)["UploadId"]
    etag = s3.upload_part(**ids, UploadId=upload, PartNumber=1, Body=b"second")["ETag"]
    finish = {
        "UploadId": upload,
        "MultipartUpload": {"Parts": [{"PartNumber": 1, "ETag": etag}]},
    }
    for condition, value in [("IfNoneMatch", "*"), ("IfMatch", '"0123456789abcdef"')]:
        st, code, _ = call(
            s3.complete_multipart_upload, **ids, **finish, **{condition: value}
        )
        c.answer(
            f"  CompleteMultipartUpload {condition}={value} on an existing key -> 412",
            (st, code),
            (412, "PreconditionFailed"),
        )
    st, code, resp = call(s3.complete_multipart_upload, **ids, **finish)
    c.check(
        "  CompleteMultipartUpload (botocore) after those -> 200 with Location",
        st == 200 and resp.get("Location") == want["Location"],
        f"{http_code(st, code)}, Location {resp.get('Location')}",
    )
    _, _, data = fetch("GET", url("get_object"))
    c.check("  GET returns the new object", data == b"second", data[:20])

    # Digests on UploadPart (part 1 of another upload, a small body).
    upload = s3.create_multipart_upload(**ids2)["UploadId"]
    small = b"checksum me"

    def part(**params):
        """(status, error code, response) of an UploadPart by botocore's client."""
        return call(
            s3.upload_part, **ids2, UploadId=upload, PartNumber=1, Body=small, **params
        )

    def part_url(**params) -> str:
        return url("upload_part", ids2, UploadId=upload, PartNumber=1, **params)

    st, code, _ = part(ContentMD5=md5_b64(small))
    c.answer(
        "  UploadPart (botocore) with the right Content-MD5 -> 200",
        (st, code),
        (200, None),
    )
    wrong_md5 = md5_b64(b"other")
    c.answer(
        "  presigned UploadPart with a wrong (signed) Content-MD5 -> 400 BadDigest",
        answer(
            "PUT", part_url(ContentMD5=wrong_md5), small, {"Content-MD5": wrong_md5}
        ),
        (400, "BadDigest"),
    )
    st, code, _ = part(ContentMD5="not base64!")
    c.answer(
        "  UploadPart with a malformed Content-MD5 -> 400 InvalidDigest",
        (st, code),
        (400, "InvalidDigest"),
    )
    right, wrong = checksums(small), checksums(b"other")
    for alg in right:
        header = f"x-amz-checksum-{alg.lower()}"
        st, hs, _ = fetch(
            "PUT",
            part_url(**{f"Checksum{alg}": right[alg]}),
            small,
            {header: right[alg]},
        )
        c.check(
            f"  presigned UploadPart with the right {header} -> 200, echoed",
            st == 200 and hs.get(header) == right[alg],
            f"HTTP {st}, {header} {hs.get(header)}",
        )
        st, code, _ = part(**{f"Checksum{alg}": wrong[alg]})
        c.answer(
            f"  UploadPart (botocore) with a wrong {header} -> 400 BadDigest",
            (st, code),
            (400, "BadDigest"),
        )
    st, code, _ = part(ChecksumSHA256="tooshort")
    c.answer(
        "  UploadPart with a malformed x-amz-checksum-sha256 -> 400 InvalidRequest",
        (st, code),
        (400, "InvalidRequest"),
    )

    # botocore sends the checksum in an aws-chunked trailer over https only:
    # make it believe the endpoint is https, and once make it lie.
    def https(u: str):
        return urlparse(u.replace("http://", "https://", 1))

    def lie(_self) -> str:
        return wrong["CRC32"]

    with mock.patch.object(botocore.httpchecksum, "urlparse", https):
        st, code, resp = part(ChecksumAlgorithm="CRC32")
        c.check(
            "  UploadPart (botocore) with the right CRC32 in an aws-chunked trailer -> 200",
            st == 200 and resp.get("ChecksumCRC32") == right["CRC32"],
            http_code(st, code),
        )
        with mock.patch.object(botocore.httpchecksum.Crc32Checksum, "b64digest", lie):
            st, code, _ = part(ChecksumAlgorithm="CRC32")
        c.answer(
            "  UploadPart (botocore) with a wrong CRC32 in an aws-chunked trailer -> 400 BadDigest",
            (st, code),
            (400, "BadDigest"),
        )
    _, _, resp = call(s3.list_parts, **ids2, UploadId=upload)
    etags = [p["ETag"] for p in resp.get("Parts", [])]
    c.check(
        "  ... after all those, part 1 holds the right bytes",
        etags == [quoted_md5(small)],
        etags,
    )

    # Abort, then the upload is gone.
    c.answer(
        "  presigned AbortMultipartUpload -> 204",
        answer("DELETE", url("abort_multipart_upload", ids2, UploadId=upload)),
        (204, None),
    )
    st, code, _ = call(s3.list_parts, **ids2, UploadId=upload)
    c.answer(
        "  ListParts after Abort -> 404 NoSuchUpload", (st, code), (404, "NoSuchUpload")
    )
    c.answer(
        "  presigned UploadPart after Abort -> 404 NoSuchUpload",
        answer("PUT", part_url(), small),
        (404, "NoSuchUpload"),
    )
    st, code, _ = call(s3.abort_multipart_upload, **ids2, UploadId=upload)
    c.answer(
        "  AbortMultipartUpload again -> 404 NoSuchUpload",
        (st, code),
        (404, "NoSuchUpload"),
    )

    # Upload ids that are not (or not for this key) an upload.
    other = {"Bucket": BUCKET, "Key": "multi/other.bin"}
    other_upload = s3.create_multipart_upload(**other)["UploadId"]
    listed = {"Parts": [{"PartNumber": 1, "ETag": quoted_md5(small)}]}
    for what, upload in [
        ("an unknown", str(uuid.uuid4())),
        ("a malformed", "not-an-upload-id"),
        ("another key's", other_upload),
    ]:
        got = [
            answer("PUT", part_url(), small),
            call(
                s3.complete_multipart_upload,
                **ids2,
                UploadId=upload,
                MultipartUpload=listed,
            )[:2],
            call(s3.abort_multipart_upload, **ids2, UploadId=upload)[:2],
            call(s3.list_parts, **ids2, UploadId=upload)[:2],
        ]
        c.check(
            f"  {what} upload id on UploadPart (presigned), Complete, Abort, ListParts -> 404 NoSuchUpload",
            got == [(404, "NoSuchUpload")] * 4,
            got,
        )
    st, code, _ = call(s3.abort_multipart_upload, **other, UploadId=other_upload)
    c.answer("  ... and that other upload still aborts -> 204", (st, code), (204, None))

    # What s3s-fs did right already.
    for params, want in [
        ({"IfNoneMatch": "*"}, (412, "PreconditionFailed")),
        ({"IfMatch": '"0123456789abcdef"'}, (412, "PreconditionFailed")),
        ({"ChecksumCRC32": wrong["CRC32"]}, (400, "BadDigest")),
    ]:
        st, code, _ = call(s3.put_object, **ids, Body=b"x", **params)
        c.answer(
            f"  PutObject {params} on an existing key -> {want[0]} {want[1]}",
            (st, code),
            want,
        )
    upload = s3.create_multipart_upload(**ids2)["UploadId"]
    st, _, _ = fetch("PUT", tamper_signature(part_url()), small)
    c.status(
        "  presigned UploadPart with one changed signature character -> 403", st, 403
    )

    # CORS for browser multipart uploads (bucket rules as on S3 and R2).
    rule = {
        "AllowedOrigins": [ORIGIN],
        "AllowedMethods": ["GET", "PUT", "POST", "DELETE", "HEAD"],
        "AllowedHeaders": ["*"],
        "ExposeHeaders": ["ETag"],
    }
    s3.put_bucket_cors(Bucket=BUCKET, CORSConfiguration={"CORSRules": [rule]})
    cors_checks(c, endpoint, part_url(), "bucket rules")
    s3.abort_multipart_upload(**ids2, UploadId=upload)


def cors_checks(c: Checks, endpoint: str, put_url: str, mode: str) -> None:
    """Preflights of every multipart method with the headers uploaders send,
    then a PUT whose ETag a page can read."""
    for method in ["GET", "PUT", "POST", "DELETE", "HEAD"]:
        st, hs, _ = send(
            "OPTIONS",
            f"{endpoint}/{BUCKET}/multi/digests.bin?uploads",
            headers={
                "Origin": ORIGIN,
                "Access-Control-Request-Method": method,
                "Access-Control-Request-Headers": PREFLIGHT_HEADERS,
            },
        )
        methods = hs.get("access-control-allow-methods", "")
        allowed = hs.get("access-control-allow-headers", "").lower()
        c.check(
            f"  CORS ({mode}): preflight {method} with {PREFLIGHT_HEADERS} -> allowed",
            200 <= st < 300
            and hs.get("access-control-allow-origin") in (ORIGIN, "*")
            and method in methods
            and (
                allowed == "*"
                or all(h in allowed for h in PREFLIGHT_HEADERS.split(", "))
            ),
            f"HTTP {st}, allow-methods {methods!r}, allow-headers {allowed!r}",
        )
    st, hs, _ = send("PUT", put_url, b"from a browser", {"Origin": ORIGIN})
    c.check(
        f"  CORS ({mode}): UploadPart with Origin -> 200, ETag exposed",
        st == 200
        and hs.get("access-control-allow-origin") in (ORIGIN, "*")
        and "etag" in hs.get("access-control-expose-headers", "").lower(),
        f"HTTP {st}, expose-headers {hs.get('access-control-expose-headers')!r}",
    )


def cors_origin_flag(c: Checks) -> None:
    """The same CORS checks on a server started with --cors-origin."""
    with server("--cors-origin", ORIGIN) as endpoint:
        s3 = client(endpoint)
        ids = {"Bucket": BUCKET, "Key": "multi/digests.bin"}
        upload = s3.create_multipart_upload(**ids)["UploadId"]
        put_url = s3.generate_presigned_url(
            "upload_part", Params={**ids, "UploadId": upload, "PartNumber": 1}
        )
        cors_checks(c, endpoint, put_url, "--cors-origin")


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

    # scripts/cors.json (what the demo applies, and R2 users paste): the headers
    # Uppy's multipart sends pass the preflight, x-amz-checksum-* by wildcard;
    # a header it does not list does not.
    rules = json.loads(
        (Path(__file__).parents[2] / "scripts" / "cors.json").read_text()
    )
    for rule in rules:
        rule["AllowedOrigins"] = [ORIGIN]
    s3.put_bucket_cors(Bucket=BUCKET, CORSConfiguration={"CORSRules": rules})
    for method, headers, want in [
        ("POST", "content-type, if-none-match", 200),
        (
            "PUT",
            "content-type, if-none-match, x-amz-checksum-crc32, x-amz-checksum-sha256",
            200,
        ),
        ("DELETE", "", 200),
        ("PUT", "content-type, x-amz-meta-owner", 403),
    ]:
        pre = {"Origin": ORIGIN, "Access-Control-Request-Method": method}
        if headers:
            pre["Access-Control-Request-Headers"] = headers
        st, _, _ = send("OPTIONS", f"{endpoint}/{BUCKET}/browser.txt", headers=pre)
        c.status(f"scripts/cors.json: preflight {method} [{headers}]", st, want)

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

    multipart(endpoint, s3, c)
    cors_origin_flag(c)

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


@contextmanager
def server(*extra: str):
    """Starts presigner-s3server through start.sh (a free port, a temporary
    data directory, the bucket); yields its endpoint, then stops it."""
    root = tempfile.mkdtemp(prefix="s3check-")
    args = ["--root", root, "--access-key", AK, "--secret-key", SK, "--bucket", BUCKET]
    out = subprocess.run(
        [str(HERE / "start.sh"), *args, *extra],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    env = dict(line.split("=", 1) for line in out.splitlines() if "=" in line)
    flags = "".join(f" {a}" for a in extra)
    print(f"server {env['S3_ENDPOINT']} (pid {env['S3_PID']}, data {root}){flags}")
    try:
        yield env["S3_ENDPOINT"]
    finally:
        os.kill(int(env["S3_PID"]), signal.SIGTERM)
        shutil.rmtree(root, ignore_errors=True)


def main() -> int:
    with server() as endpoint:
        return run(endpoint)


if __name__ == "__main__":
    sys.exit(main())

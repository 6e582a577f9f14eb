"""Regenerate tests/vectors/*.json: the expected presigned URLs come from
botocore (the oracle), never from presigner. aws_docs.json and errors.json are
written from constants; the AWS example is also checked against botocore.

    .venv/bin/python tests/vectors/generate.py          # rewrite the files
    .venv/bin/python tests/vectors/generate.py --check  # exit 1 on drift
"""

from __future__ import annotations

import base64
import datetime as dt
import functools
import hashlib
import json
import sys
import unicodedata
from pathlib import Path
from unittest import mock
from urllib.parse import parse_qsl, urlsplit

import botocore
import botocore.auth
import botocore.serialize
import botocore.session
from botocore.config import Config

BOTOCORE = "1.44.8"  # keep in step with tests/requirements.txt
HERE = Path(__file__).resolve().parent
SCHEMA = "presigner-vectors/1"
GENERATOR = f"tests/vectors/generate.py (botocore {BOTOCORE})"
T0 = "2026-01-02T03:04:05Z"
SIGNER = {
    "endpoint": "http://127.0.0.1:9000",
    "bucket": "test-bucket",
    "region": "auto",
    "access_key_id": "AKIDEXAMPLE",
    "secret_access_key": "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
    "session_token": None,
    "path_style": True,
    "public_base_url": None,
}
OPS = {
    "presign_put": ("put_object", "PUT"),
    "presign_get": ("get_object", "GET"),
    "presign_head": ("head_object", "HEAD"),
    "presign_delete": ("delete_object", "DELETE"),
    "presign_create_multipart_upload": ("create_multipart_upload", "POST"),
    "presign_upload_part": ("upload_part", "PUT"),
    "presign_list_parts": ("list_parts", "GET"),
    "presign_complete_multipart_upload": ("complete_multipart_upload", "POST"),
    "presign_abort_multipart_upload": ("abort_multipart_upload", "DELETE"),
}
PARAMS = {
    "content_type": "ContentType",
    "content_length": "ContentLength",
    "content_md5": "ContentMD5",
    "checksum_sha256": "ChecksumSHA256",
    "cache_control": "CacheControl",
    "content_disposition": "ContentDisposition",
    "metadata": "Metadata",
    "response_content_type": "ResponseContentType",
    "response_content_disposition": "ResponseContentDisposition",
    "response_cache_control": "ResponseCacheControl",
    "version_id": "VersionId",
    "upload_id": "UploadId",
    "part_number": "PartNumber",
    "max_parts": "MaxParts",
    "part_number_marker": "PartNumberMarker",
    "if_none_match": "IfNoneMatch",
    "if_match": "IfMatch",
}
# Signed, but left out of expect.headers: every HTTP client sets them itself
# and browsers refuse to (host is also left out of the signed list above).
UNLISTED = ("content-length",)
# Must never reach a URL or the signed headers (R2 rejects uploads that carry
# them); an x-amz-checksum-* header is allowed only when the case asks for it
# (checksum_headers), and then it must be signed.
BANNED = ("x-id", "x-amz-checksum-", "x-amz-sdk-checksum-", "x-amz-content-sha256")

_captured: dict = {}
_canonical_request = botocore.auth.SigV4Auth.canonical_request
_string_to_sign = botocore.auth.SigV4Auth.string_to_sign


def _capture_cr(self, request):
    out = _canonical_request(self, request)
    _captured["canonical_request"] = out
    _captured["headers"] = {k.lower(): v for k, v in request.headers.items()}
    return out


def _capture_sts(self, request, canonical_request):
    out = _string_to_sign(self, request, canonical_request)
    _captured["string_to_sign"] = out
    return out


def parse_time(text: str) -> dt.datetime:
    return dt.datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ")


def fmt_time(at: dt.datetime) -> str:
    return at.strftime("%Y-%m-%dT%H:%M:%SZ")


@functools.lru_cache(maxsize=None)
def session():
    """One botocore session: it loads the S3 model once for every client."""
    return botocore.session.get_session()


@functools.lru_cache(maxsize=None)
def client(endpoint, region, akid, secret, token, path_style):
    style = "path" if path_style else "virtual"
    return session().create_client(
        "s3",
        endpoint_url=endpoint,
        region_name=region,
        aws_access_key_id=akid,
        aws_secret_access_key=secret,
        aws_session_token=token,
        config=Config(
            signature_version="s3v4",
            s3={"addressing_style": style},
            request_checksum_calculation="when_required",
            response_checksum_validation="when_required",
        ),
    )


def checksum_params(op: str, args: dict) -> dict:
    """botocore's parameter for checksum_algorithm (+ checksum). Create takes
    ChecksumAlgorithm (x-amz-checksum-algorithm); PutObject and UploadPart get
    only the value, ChecksumCRC32 etc.: their ChecksumAlgorithm would also sign
    x-amz-sdk-checksum-algorithm, which presigner never sends."""
    alg = args.get("checksum_algorithm")
    if alg is None:
        if "checksum" in args:
            raise SystemExit(f"checksum without checksum_algorithm: {args}")
        return {}
    if op == "presign_create_multipart_upload":
        return {"ChecksumAlgorithm": alg}
    return {f"Checksum{alg}": args["checksum"]}


def checksum_headers(op: str, args: dict) -> set:
    """The x-amz-checksum-* headers a case asks for."""
    asked = {"x-amz-checksum-sha256"} if "checksum_sha256" in args else set()
    alg = args.get("checksum_algorithm")
    if alg and op == "presign_create_multipart_upload":
        asked.add("x-amz-checksum-algorithm")
    elif alg:
        asked.add(f"x-amz-checksum-{alg.lower()}")
    return asked


def check_banned(url: str, signed: list, op: str, args: dict) -> None:
    names = [n.lower() for n, _ in parse_qsl(urlsplit(url).query)] + signed
    asked = checksum_headers(op, args)
    for name in names:
        if name in asked:
            continue
        if name.startswith(BANNED):
            raise SystemExit(f"botocore put {name!r} into {url}")
    if not asked <= set(signed):
        raise SystemExit(f"botocore did not sign {sorted(asked - set(signed))} in {url}")


def botocore_presign(signer: dict, op: str, key: str, args: dict) -> dict:
    """Ask botocore for the presigned request, with its clock pinned."""
    s = signer
    c = client(
        s["endpoint"], s["region"], s["access_key_id"], s["secret_access_key"], s["session_token"], s["path_style"]
    )
    operation, method = OPS[op]
    params = {"Bucket": s["bucket"], "Key": key}
    params.update({PARAMS[k]: v for k, v in args.items() if k in PARAMS})
    params.update(checksum_params(op, args))
    expires_in = args.get("expires_in", 3600)
    at = parse_time(args["signing_time"])
    _captured.clear()
    # botocore.auth imports get_current_datetime from botocore.compat and
    # calls it once per signature (naive UTC datetime).
    with (
        mock.patch("botocore.auth.get_current_datetime", return_value=at),
        mock.patch.object(botocore.auth.SigV4Auth, "canonical_request", _capture_cr),
        mock.patch.object(botocore.auth.SigV4Auth, "string_to_sign", _capture_sts),
    ):
        url = c.generate_presigned_url(operation, Params=params, ExpiresIn=expires_in, HttpMethod=method)
    query = dict(parse_qsl(urlsplit(url).query))
    signed = [h for h in query["X-Amz-SignedHeaders"].split(";") if h != "host"]
    check_banned(url, signed, op, args)
    return {
        "method": method,
        "url": url,
        "headers": {h: _captured["headers"][h] for h in signed if h not in UNLISTED},
        "expires_at": fmt_time(at + dt.timedelta(seconds=expires_in)),
        "canonical_request": _captured["canonical_request"],
        "string_to_sign": _captured["string_to_sign"],
    }


def case(id_, comment, op, key, signer=None, **args) -> dict:
    """One case; expires_in defaults to 3600 (None leaves it out)."""
    args.setdefault("signing_time", T0)
    args.setdefault("expires_in", 3600)
    if args["expires_in"] is None:
        del args["expires_in"]
    c = {"id": id_, "comment": comment, "op": op, "key": key, "args": args}
    if signer:
        c["signer"] = signer
    return c


def b64(digest: bytes) -> str:
    return base64.b64encode(digest).decode()


MD5 = b64(hashlib.md5(b"hello world").digest())
SHA256 = b64(hashlib.sha256(b"hello world").digest())
TOKENS = ["FwoGZXIvYXdzEBYaDH/token+with=chars", "IQoJb3JpZ2luX2VjEN///////////wEaCXVz+/=="]
PUT_ALONE = {
    "content_type": ["image/jpeg", "text/plain; charset=utf-8", "application/octet-stream"],
    "content_length": [0, 1, 5368709120],
    "content_md5": [MD5],
    "checksum_sha256": [SHA256],
    "cache_control": ["no-cache", "public, max-age=31536000, immutable"],
    "content_disposition": ['attachment; filename="a b.txt"', "inline"],
    "metadata": [
        {"owner": "alice"},
        {"a": "1", "b": "two words", "c-d": "x=y;z"},
        {"Mixed-Case": "v", "UPPER": "V", "lower": "l"},
        {"punct": "!#$%&'()*+,-./:;<=>?@[]^_`{|}~", "quote": 'say "hi"'},
    ],
}
PUT_ALL = {
    "content_type": "image/png",
    "content_length": 1234,
    "content_md5": MD5,
    "checksum_sha256": SHA256,
    "cache_control": "max-age=60",
    "content_disposition": 'attachment; filename="x.png"',
    "metadata": {"user-id": "42", "origin": "web upload"},
}
GET_ALONE = {
    "response_content_type": ["application/pdf", "text/plain; charset=utf-8"],
    "response_content_disposition": [
        'attachment; filename="report final.pdf"',
        "attachment; filename*=UTF-8''r%C3%A9sum%C3%A9.pdf",
        'attachment; filename="résumé 😀.pdf"',
        "inline; a=b; c=d",
    ],
    "response_cache_control": ["no-store", "max-age=0, must-revalidate"],
    "version_id": ["3HL4kqtJlcpXroDTDmJ+rmSpXd3dIbrHY+MTRCxf3vjVBH40Nr8X8gdRQBpUMLUo", "null"],
}
GET_ALL = {
    "response_content_type": "application/pdf",
    "response_content_disposition": 'attachment; filename="r.pdf"',
    "response_cache_control": "no-cache",
    "version_id": "v1",
}


def rows(op: str, key: str, table: list) -> list:
    """Cases from (id, comment, signer override or None, args) rows."""
    return [case(i, c, op, key, s, **a) for i, c, s, a in table]


def put_cases() -> list:
    k = "uploads/cat.jpg"
    alone = [
        (f"put-{name}-{i}", f"{name} alone is signed", None, {name: v})
        for name, values in PUT_ALONE.items()
        for i, v in enumerate(values)
    ]
    spaces = " text/plain;  charset=utf-8 "
    table = [
        ("put-no-options", "only host is signed", None, {}),
        ("put-default-expiry", "expires_in omitted: 3600", None, {"expires_in": None}),
        ("put-all-options", "every PUT option together", None, PUT_ALL),
        ("put-header-spaces", "edge and double spaces: sent as given, signed trimmed", None, {"content_type": spaces}),
    ]
    for s in (1, 60, 604800):
        table.append((f"put-expiry-{s}", f"expires_in {s}", None, {"expires_in": s}))
        table.append(
            (f"put-ct-expiry-{s}", "content type, expiry", None, {"expires_in": s, "content_type": "video/mp4"})
        )
    for i, tok in enumerate(TOKENS):
        table.append((f"put-token-{i}", "session token with / + =", {"session_token": tok}, {}))
        table.append((f"put-token-all-{i}", "session token, every option", {"session_token": tok}, PUT_ALL))
    return rows("presign_put", k, alone + table)


def get_cases() -> list:
    k = "docs/report.pdf"
    alone = [
        (f"get-{name}-{i}", f"{name} alone goes in the query", None, {name: v})
        for name, values in GET_ALONE.items()
        for i, v in enumerate(values)
    ]
    table = [
        ("get-no-options", "plain GET", None, {}),
        ("get-default-expiry", "expires_in omitted: 3600", None, {"expires_in": None}),
        ("get-all-options", "every GET option together", None, GET_ALL),
    ]
    table += [(f"get-expiry-{s}", f"expires_in {s}", None, {"expires_in": s}) for s in (1, 900, 604800)]
    for i, tok in enumerate(TOKENS):
        table.append((f"get-token-{i}", "session token, every option", {"session_token": tok}, GET_ALL))
    cases = rows("presign_get", k, alone + table)
    for op in ("presign_head", "presign_delete"):
        v = op.split("_")[1]
        cases += [
            case(f"{v}-plain", f"{v.upper()} object", op, k),
            case(f"{v}-version", f"{v.upper()} a version", op, k, version_id="v 2+/="),
            case(f"{v}-expiry-60", f"{v.upper()} short expiry", op, k, expires_in=60),
            case(f"{v}-token", f"{v.upper()} with session token", op, k, {"session_token": TOKENS[0]}),
        ]
    return cases


KEYS = {
    "space": "my file.txt",
    "plus": "a+b.txt",
    "equals": "a=b",
    "ampersand": "a&b",
    "question": "what?.txt",
    "hash": "c#.txt",
    "percent": "100%.txt",
    "percent-encoded-looking": "a%20b%2Fc",
    "tilde": "~user/x",
    "sub-delims": "!'()*",
    "brackets": "[x]{y}",
    "gen-delims": "@:;,$",
    "quote-angle": '"<a>"',
    "backslash-caret": "a\\b^c",
    "backtick-pipe": "`|`",
    "tab": "a\tb",
    "newline": "line1\nline2",
    "controls": "\x00\x01\x1f\x7f",
    "c1-controls": "\x80\x9f\u00a0",
    "e-acute-nfc": unicodedata.normalize("NFC", "café.txt"),
    "e-acute-nfd": unicodedata.normalize("NFD", "café.txt"),
    "cjk": "写真/東京.jpg",
    "arabic": "ملف.pdf",
    "emoji": "😀/🎉 party.png",
    "double-slash": "a//b",
    "leading-slash": "/leading",
    "trailing-slash": "folder/",
    "dot-segment": "a/./b",
    "dotdot-segment": "a/../b",
    "dot-leading": "./x",
    "dotdot-leading": "../x",
    "only-dots": "..",
    "max-ascii-1024": "k" * 1024,
    "max-multibyte-1024": "é" * 512,
    "max-4byte-1024": "😀" * 256,
    "unreserved": "AZaz09-._~",
    "all-ascii-punct": "".join(chr(c) for c in range(0x21, 0x7F)),
    "single-char": "x",
    "spaces-only": "   ",
}
R2 = "https://0123456789abcdef0123456789abcdef.r2.cloudflarestorage.com"


def key_cases() -> list:
    virtual = {"endpoint": R2, "path_style": False}
    cases = []
    for name, key in KEYS.items():
        cases += [
            case(f"key-get-{name}", f"key encoding: {name}", "presign_get", key),
            case(f"key-put-{name}", f"key encoding: {name}", "presign_put", key, content_type="text/plain"),
            case(f"key-get-virtual-{name}", f"key encoding, virtual-hosted: {name}", "presign_get", key, virtual),
        ]
    return cases


ENDPOINTS = [
    "http://127.0.0.1:9000",
    "http://localhost:9000",
    R2,
    "https://s3.us-east-1.amazonaws.com",
    "https://s3.eu-west-1.amazonaws.com",
    "https://minio.example.com:9443",
    "http://example.com:80",
    "https://example.com:443",
    "https://example.com/",
]
REGIONS = ("auto", "us-east-1", "eu-west-1", "ap-southeast-2")
TIMES = [
    "2026-01-02T03:04:05Z",
    "2025-12-31T23:59:59Z",
    "2026-01-01T00:00:00Z",
    "2028-02-29T12:00:00Z",
    "1970-01-01T00:00:00Z",
]


def both(id_: str, comment: str, key: str, signer: dict, **args) -> list:
    """The same setting as a GET and as a PUT with a content type."""
    return [
        case(f"{id_}-get", comment, "presign_get", key, signer, **args),
        case(f"{id_}-put", comment, "presign_put", key, signer, content_type="image/webp", **args),
    ]


def style_cases() -> list:
    cases = []
    for ei, endpoint in enumerate(ENDPOINTS):
        for path_style in (True, False):
            style = "path" if path_style else "virtual"
            signer = {"endpoint": endpoint, "path_style": path_style}
            for region in REGIONS:
                cmt = f"{endpoint} {region} {style}"
                cases += both(f"style-{ei}-{region}-{style}", cmt, "dir/a b.txt", {**signer, "region": region})
            for ti, tok in enumerate(TOKENS):
                cmt = f"{endpoint} {style}, session token {tok}"
                cases += both(f"style-{ei}-{style}-token-{ti}", cmt, "t.txt", {**signer, "session_token": tok})
    for bucket in ("my.bucket.name", "bucket-with-dashes-123", "abc"):
        for endpoint in ("https://example.com", "http://example.com", "http://127.0.0.1:9000"):
            for path_style in (True, False):
                if "127" in endpoint and "." in bucket and not path_style:
                    # botocore makes `my.bucket.name.127.0.0.1`, a host that cannot
                    # resolve; presigner keeps IP endpoints path style (config.rs).
                    continue
                style = "path" if path_style else "virtual"
                host = "127" if "127" in endpoint else "host"
                scheme = endpoint.split(":")[0]
                signer = {"endpoint": endpoint, "bucket": bucket, "path_style": path_style}
                cmt = f"bucket {bucket} at {endpoint}, {style} style asked for"
                cases += both(f"bucket-{bucket}-{scheme}-{host}-{style}", cmt, "k.txt", signer)
    for i, t in enumerate(TIMES):
        for region in ("auto", "us-east-1"):
            signer = {"region": region}
            cases += both(f"time-{i}-{region}", f"signing time {t}", "t.txt", signer, signing_time=t, expires_in=604800)
    return cases


def _crc(data: bytes, poly: int, bits: int) -> bytes:
    """Reflected CRC, init and final xor all ones (CRC32, CRC32C, CRC64NVME)."""
    mask = (1 << bits) - 1
    crc = mask
    for byte in data:
        crc ^= byte
        for _ in range(8):
            crc = (crc >> 1) ^ (poly if crc & 1 else 0)
    return (crc ^ mask).to_bytes(bits // 8, "big")


# algorithm: (digest of bytes, length of its base64). The CRCs' check values
# (of b"123456789") are asserted in checksum_cases.
CHECKSUM_ALGS = {
    "CRC32": (lambda d: _crc(d, 0xEDB88320, 32), 8),
    "CRC32C": (lambda d: _crc(d, 0x82F63B78, 32), 8),
    "CRC64NVME": (lambda d: _crc(d, 0x9A6C9329AC4BC9B5, 64), 12),
    "SHA1": (lambda d: hashlib.sha1(d).digest(), 28),
    "SHA256": (lambda d: hashlib.sha256(d).digest(), 44),
}
PAYLOADS = {"hello": b"hello world", "empty": b"", "bytes": bytes(range(256))}


def checksum_cases() -> dict:
    """{(algorithm, payload name): base64 checksum}, lengths checked."""
    check = {"CRC32": 0xCBF43926, "CRC32C": 0xE3069283, "CRC64NVME": 0xAE8B14860A799888}
    for alg, want in check.items():
        if int.from_bytes(CHECKSUM_ALGS[alg][0](b"123456789"), "big") != want:
            raise SystemExit(f"{alg} implementation is wrong")
    out = {}
    for alg, (digest, length) in CHECKSUM_ALGS.items():
        for name, data in PAYLOADS.items():
            out[alg, name] = b64(digest(data))
            if len(out[alg, name]) != length:
                raise SystemExit(f"{alg} checksum {out[alg, name]!r} is not {length} characters")
    return out


CHECKSUMS = checksum_cases()
MPU_KEYS = {
    "plain": "uploads/video.mp4",
    "space": "my big file.mov",
    "plus-equals": "a+b=c.bin",
    "percent": "100% done%2F.zip",
    "tilde": "~user/backup.tar",
    "double-slash": "a//b///c.bin",
    "cjk": "写真/東京 2026.jpg",
    "emoji": "😀/🎉 party.mp4",
    "e-acute-nfd": unicodedata.normalize("NFD", "café.txt"),
    "leading-slash": "/root.bin",
    "punct": "!'()*&$@=;:,?#[].bin",
    "max-1024": "m" * 1024,
}
UPLOAD_IDS = {
    "aws-docs": "VXBsb2FkIElEIGZvciA2aWWpbmcncyBteS1tb3ZpZS5tMnRzIHVwbG9hZA",
    "b64-chars": "a+b/c=d~e",
    "padded": "AbC/dEf+GhI+jK==",
    "urlsafe": base64.urlsafe_b64encode(hashlib.sha384(b"r2 upload").digest() * 2).decode(),
    "long-std": b64(hashlib.sha512(b"upload 1").digest() + hashlib.sha512(b"upload 2").digest()),
    "tilde-dot": "2~abc.DEF_ghi-JKL~mno",
    "percent": "id%20x%2F%%41",
    "space": "id with space",
}
UPLOAD_ID = UPLOAD_IDS["aws-docs"]
MPU_SIGNERS = {
    "token-0": {"session_token": TOKENS[0]},
    "token-1": {"session_token": TOKENS[1]},
    "r2-virtual": {"endpoint": R2, "path_style": False},
    "r2-path": {"endpoint": R2},
    "aws-us-east-1-virtual": {
        "endpoint": "https://s3.us-east-1.amazonaws.com",
        "region": "us-east-1",
        "path_style": False,
    },
    "aws-eu-west-1-path": {"endpoint": "https://s3.eu-west-1.amazonaws.com", "region": "eu-west-1"},
    "minio-ap-southeast-2": {"endpoint": "https://minio.example.com:9443", "region": "ap-southeast-2"},
    "localhost-virtual-token": {"endpoint": "http://localhost:9000", "path_style": False, "session_token": TOKENS[1]},
}
MPU_KEY = MPU_KEYS["plain"]
VIRTUAL = {"endpoint": R2, "path_style": False}


def common_rows(prefix: str, base: dict, with_upload_id: bool) -> list:
    """(id, comment, signer, key, args) rows every multipart op shares: keys,
    upload ids, signers, expiries and times, each over `base` args."""
    out = []
    for name, key in MPU_KEYS.items():
        out.append((f"{prefix}-key-{name}", f"key encoding: {name}", None, key, base))
        out.append((f"{prefix}-key-virtual-{name}", f"key encoding, virtual-hosted: {name}", VIRTUAL, key, base))
    if with_upload_id:
        for name, uid in UPLOAD_IDS.items():
            args = {**base, "upload_id": uid}
            out.append((f"{prefix}-upload-id-{name}", f"upload id: {name}", None, MPU_KEY, args))
            cmt = f"upload id, virtual-hosted: {name}"
            out.append((f"{prefix}-upload-id-virtual-{name}", cmt, VIRTUAL, MPU_KEY, args))
    for name, signer in MPU_SIGNERS.items():
        out.append((f"{prefix}-signer-{name}", f"signer: {name}", signer, MPU_KEY, base))
    out.append((f"{prefix}-default-expiry", "expires_in omitted: 3600", None, MPU_KEY, {**base, "expires_in": None}))
    for s in (1, 60, 86400, 604800):
        out.append((f"{prefix}-expiry-{s}", f"expires_in {s}", None, MPU_KEY, {**base, "expires_in": s}))
    for t in (TIMES[1], TIMES[3]):
        cmt = f"signing time {t}"
        out.append((f"{prefix}-time-{t[:10]}", cmt, None, MPU_KEY, {**base, "signing_time": t, "expires_in": 604800}))
    return out


def op_rows(op: str, prefix: str, base: dict, with_upload_id: bool, table: list) -> list:
    """Cases from op-specific (id suffix, comment, signer, args over base) rows
    plus the common ones."""
    own = [(f"{prefix}-{i}", c, s, MPU_KEY, {**base, **a}) for i, c, s, a in table]
    cases = [case(i, c, op, k, s, **a) for i, c, s, k, a in own + common_rows(prefix, base, with_upload_id)]
    if len(cases) < 50:
        raise SystemExit(f"{op}: only {len(cases)} cases")
    return cases


CREATE_ALONE = {
    "content_type": ["video/mp4", "text/plain; charset=utf-8", "application/octet-stream"],
    "cache_control": ["no-cache", "public, max-age=31536000, immutable"],
    "content_disposition": ['attachment; filename="a b.mp4"', "inline"],
    "metadata": PUT_ALONE["metadata"][:3],
    "checksum_algorithm": list(CHECKSUM_ALGS),
}
CREATE_ALL = {
    "content_type": "video/mp4",
    "cache_control": "max-age=60",
    "content_disposition": 'attachment; filename="x.mp4"',
    "metadata": {"user-id": "42", "origin": "web upload"},
}
ETAGS = {
    "md5": '"d41d8cd98f00b204e9800998ecf8427e"',
    "multipart": '"3858f62230ac3c915f300c664312c11f-9"',
    "unquoted": "5eb63bbbe01eeed093cb22bb8f5acdc3",
    "weak": 'W/"abc"',
}


def create_rows() -> list:
    table = [
        (f"{name}-{i}", f"{name} alone is signed", None, {name: v})
        for name, values in CREATE_ALONE.items()
        for i, v in enumerate(values)
    ]
    table.append(("no-options", "only host is signed; botocore adds uploads= to the query", None, {}))
    for alg in CHECKSUM_ALGS:
        args = {**CREATE_ALL, "checksum_algorithm": alg}
        table.append((f"all-options-{alg}", f"every create option, checksum {alg}", None, args))
    for i, tok in enumerate(TOKENS):
        args = {**CREATE_ALL, "checksum_algorithm": "CRC32"}
        table.append((f"token-all-{i}", "session token, every option", {"session_token": tok}, args))
    return op_rows("presign_create_multipart_upload", "mpu-create", {}, False, table)


def upload_part_rows() -> list:
    table = [(f"part-{n}", f"part number {n}", None, {"part_number": n}) for n in (1, 2, 9999, 10000)]
    for n in (0, 1, 5242880, 5368709120):
        cmt = "content_length: signed, not in headers"
        table.append((f"content_length-{n}", cmt, None, {"content_length": n}))
    table += [
        ("content_md5-hello", "content_md5 alone is signed", None, {"content_md5": MD5}),
        ("content_md5-empty", "content_md5 alone is signed", None, {"content_md5": b64(hashlib.md5(b"").digest())}),
    ]
    for (alg, payload), value in CHECKSUMS.items():
        args = {"checksum_algorithm": alg, "checksum": value}
        table.append((f"checksum-{alg}-{payload}", f"x-amz-checksum-{alg.lower()} only", None, args))
    for alg in CHECKSUM_ALGS:
        args = {
            "part_number": 10000,
            "content_length": 11,
            "content_md5": MD5,
            "checksum_algorithm": alg,
            "checksum": CHECKSUMS[alg, "hello"],
        }
        table.append((f"all-options-{alg}", f"every part option, checksum {alg}", None, args))
        signer = {**VIRTUAL, "session_token": TOKENS[0]}
        table.append((f"token-virtual-all-{alg}", "session token, virtual-hosted, every option", signer, args))
    base = {"upload_id": UPLOAD_ID, "part_number": 1}
    return op_rows("presign_upload_part", "mpu-part", base, True, table)


def list_parts_rows() -> list:
    table = [(f"max_parts-{n}", f"max_parts {n}", None, {"max_parts": n}) for n in (1, 100, 1000)]
    table += [(f"marker-{n}", f"part_number_marker {n}", None, {"part_number_marker": n}) for n in (0, 1, 9999)]
    table += [
        ("max-and-marker", "max_parts and part_number_marker", None, {"max_parts": 50, "part_number_marker": 100}),
        (
            "max-and-marker-token",
            "both, session token",
            {"session_token": TOKENS[1]},
            {"max_parts": 2, "part_number_marker": 3},
        ),
    ]
    return op_rows("presign_list_parts", "mpu-list", {"upload_id": UPLOAD_ID}, True, table)


def complete_rows() -> list:
    table = [("if-none-match", "create-only: If-None-Match: * is signed", None, {"if_none_match": "*"})]
    table += [(f"if-match-{n}", f"If-Match {n} ETag is signed", None, {"if_match": e}) for n, e in ETAGS.items()]
    for name, signer in MPU_SIGNERS.items():
        table.append((f"if-none-match-{name}", f"If-None-Match, signer {name}", signer, {"if_none_match": "*"}))
        table.append((f"if-match-{name}", f"If-Match, signer {name}", signer, {"if_match": ETAGS["multipart"]}))
    return op_rows("presign_complete_multipart_upload", "mpu-complete", {"upload_id": UPLOAD_ID}, True, table)


def abort_rows() -> list:
    return op_rows("presign_abort_multipart_upload", "mpu-abort", {"upload_id": UPLOAD_ID}, True, [])


def multipart_cases() -> list:
    return create_rows() + upload_part_rows() + list_parts_rows() + complete_rows() + abort_rows()


def put_conditional_cases() -> list:
    """presign_put with if_none_match, if_match, checksum_algorithm + checksum."""
    k = "uploads/cat.jpg"
    star = {"if_none_match": "*"}
    table = [("putc-if-none-match", "create-only: If-None-Match: * is signed", None, star)]
    table += [(f"putc-if-match-{n}", f"If-Match {n} ETag is signed", None, {"if_match": e}) for n, e in ETAGS.items()]
    for (alg, payload), value in CHECKSUMS.items():
        args = {"checksum_algorithm": alg, "checksum": value}
        table.append((f"putc-checksum-{alg}-{payload}", f"x-amz-checksum-{alg.lower()} only", None, args))
    for alg in CHECKSUM_ALGS:
        args = {
            **star,
            "content_type": "image/jpeg",
            "content_length": 11,
            "checksum_algorithm": alg,
            "checksum": CHECKSUMS[alg, "hello"],
        }
        table.append((f"putc-create-only-checksum-{alg}", f"create-only upload, checksum {alg}", None, args))
    no_sha = {n: v for n, v in PUT_ALL.items() if n != "checksum_sha256"}
    table += [
        ("putc-all-if-none-match", "every PUT option and If-None-Match", None, {**PUT_ALL, **star}),
        ("putc-all-if-match", "every PUT option and If-Match", None, {**PUT_ALL, "if_match": ETAGS["md5"]}),
        (
            "putc-all-crc64nvme",
            "every PUT option but checksum_sha256, checksum CRC64NVME",
            None,
            {**no_sha, "checksum_algorithm": "CRC64NVME", "checksum": CHECKSUMS["CRC64NVME", "hello"]},
        ),
    ]
    cases = rows("presign_put", k, table)
    crc = {**star, "checksum_algorithm": "CRC32", "checksum": CHECKSUMS["CRC32", "hello"]}
    for name, key in MPU_KEYS.items():
        cases.append(case(f"putc-key-{name}", f"create-only, key encoding: {name}", "presign_put", key, **star))
        cmt = f"create-only CRC32, key encoding, virtual-hosted: {name}"
        cases.append(case(f"putc-key-virtual-{name}", cmt, "presign_put", key, VIRTUAL, **crc))
    for name, signer in MPU_SIGNERS.items():
        cases.append(case(f"putc-signer-{name}", f"create-only CRC32, signer {name}", "presign_put", k, signer, **crc))
    cases.append(
        case("putc-default-expiry", "create-only, expires_in omitted: 3600", "presign_put", k, expires_in=None, **star)
    )
    for s in (1, 604800):
        cases.append(case(f"putc-expiry-{s}", f"create-only, expires_in {s}", "presign_put", k, expires_in=s, **star))
    return cases


# complete_multipart_upload_body(parts): (part number, ETag) rows, sorted.
COMPLETE_BODIES = [
    ("one-part", "one part, quoted MD5 ETag", [(1, '"d41d8cd98f00b204e9800998ecf8427e"')]),
    (
        "three-parts",
        "three parts",
        [
            (1, '"a54357aff0632cce46d942af68356b38"'),
            (2, '"0c78aef83f66abc1fa1e8477f296d394"'),
            (3, '"acbd18db4cc2f85cedef654fccc4a4d8"'),
        ],
    ),
    ("unquoted", "ETags without quotes pass through", [(1, "5eb63bbbe01eeed093cb22bb8f5acdc3"), (2, "abc")]),
    ("ampersand", "& escaped as &amp;", [(1, '"a&b"'), (2, "&amp;")]),
    ("angle-brackets", "< and > escaped as &lt; &gt;", [(1, '"<etag>"'), (2, "]]>")]),
    ("quotes-apostrophe", "quotes and apostrophes stay as they are in text", [(1, '"it\'s"'), (2, "'single'")]),
    ("multipart-etag", "an ETag of a multipart copy (-N suffix)", [(1, '"3858f62230ac3c915f300c664312c11f-9"')]),
    ("sparse-numbers", "part numbers need not be contiguous", [(1, '"a"'), (3, '"b"'), (10000, '"c"')]),
    ("last-part-only", "part number 10000 alone", [(10000, '"ffffffffffffffffffffffffffffffff"')]),
    ("non-ascii", "non-ASCII sent as raw UTF-8", [(1, '"é😀"')]),
    ("many-parts", "25 parts", [(n, f'"{hashlib.md5(str(n).encode()).hexdigest()}"') for n in range(1, 26)]),
]


class _Sent(Exception):
    """Raised by the before-send hook: the request never leaves."""


def botocore_complete_body(parts: list) -> str:
    """The body botocore sends for CompleteMultipartUpload, captured at
    before-send. botocore writes a Part's members in the order of the
    caller's dict: here the model's (ETag, then PartNumber)."""
    s = SIGNER
    c = client(
        s["endpoint"], s["region"], s["access_key_id"], s["secret_access_key"], s["session_token"], s["path_style"]
    )
    sent = {}

    def before_send(request, **_):
        sent["body"] = request.body
        raise _Sent

    upload = {"Parts": [{"ETag": etag, "PartNumber": n} for n, etag in parts]}
    params = {"Bucket": s["bucket"], "Key": "k", "UploadId": UPLOAD_ID, "MultipartUpload": upload}
    c.meta.events.register("before-send.s3.CompleteMultipartUpload", before_send)
    try:
        c.complete_multipart_upload(**params)
    except _Sent:
        pass
    finally:
        c.meta.events.unregister("before-send.s3.CompleteMultipartUpload", before_send)
    model = c.meta.service_model.operation_model("CompleteMultipartUpload")
    serialized = botocore.serialize.create_serializer("rest-xml").serialize_to_request(params, model)["body"]
    if sent.get("body") != serialized:
        raise SystemExit(f"botocore sent {sent.get('body')!r}, its serializer makes {serialized!r}")
    return sent["body"].decode("utf-8")


def complete_body_file() -> dict:
    cases = []
    for id_, comment, parts in COMPLETE_BODIES:
        if parts != sorted(parts):
            raise SystemExit(f"{id_}: parts not sorted")
        xml = botocore_complete_body(parts)
        cases.append(
            {"id": f"complete-body-{id_}", "comment": comment, "parts": [list(p) for p in parts], "expect_xml": xml}
        )
    return {"schema": "presigner-complete-body/1", "generator": GENERATOR, "cases": cases}


AWS_DOCS = {
    "schema": SCHEMA,
    "generator": "hand-written from AWS's documentation (checked against botocore by generate.py)",
    "signer": {
        "endpoint": "https://s3.amazonaws.com",
        "bucket": "examplebucket",
        "region": "us-east-1",
        "access_key_id": "AKIAIOSFODNN7EXAMPLE",
        "secret_access_key": "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
        "session_token": None,
        "path_style": False,
        "public_base_url": None,
    },
    "cases": [
        {
            "id": "aws-docs-get-test-txt",
            "comment": "AWS S3 API Reference, 'Authenticating Requests: Using Query Parameters (AWS Signature Version 4)' (sigv4-query-string-auth): GET examplebucket/test.txt, 2013-05-24, 86400 s",
            "op": "presign_get",
            "key": "test.txt",
            "args": {"expires_in": 86400, "signing_time": "2013-05-24T00:00:00Z"},
            "expect": {
                "method": "GET",
                "url": "https://examplebucket.s3.amazonaws.com/test.txt?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404",
                "headers": {},
                "expires_at": "2013-05-25T00:00:00Z",
                "canonical_request": "GET\n/test.txt\nX-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host\nhost:examplebucket.s3.amazonaws.com\n\nhost\nUNSIGNED-PAYLOAD",
                "string_to_sign": "AWS4-HMAC-SHA256\n20130524T000000Z\n20130524/us-east-1/s3/aws4_request\n3bfa292879f6447bbcda7001decf97f4a54dc650c8942174ae0a9121cf58ad04",
            },
        }
    ],
}

INVALID = "ERR_PRESIGNER_INVALID_ARGUMENT"
CONFIG = "ERR_PRESIGNER_CONFIG"
TYPE = "ERR_INVALID_ARG_TYPE"

# errors.json is one bad-input table for Rust, Python and Node: every row says
# what each language must answer (tests/vectors/README.md, "The bad-input
# table"). Its signer holds a distinctive secret and token, which the runners
# look for in every message.
TABLE_SECRET = "TbLsEcReT/errors+table=wJalrXUtnFEMI"
TABLE_TOKEN = "TbLtOkEn/errors+table=FwoGZXIvYXdzEBYa"
TABLE_SIGNER = {**SIGNER, "secret_access_key": TABLE_SECRET, "session_token": TABLE_TOKEN}
# The object operations the bad-input table covers (the multipart ones have
# their error cases in multipart.json).
TABLE_OPS = ("presign_put", "presign_get", "presign_head", "presign_delete")
SIGNER_OPS = (*TABLE_OPS, "presign_get_many", "public_url")

# How Node names an argument in its messages (bindings/node/src/errors.rs).
NODE = {
    "key": "key",
    "keys": "keys",
    "expires_in": "options.expiresIn",
    "signing_time": "options.signingDate",
    "content_type": "options.contentType",
    "content_length": "options.contentLength",
    "content_md5": "options.contentMd5",
    "checksum_sha256": "options.checksumSha256",
    "cache_control": "options.cacheControl",
    "content_disposition": "options.contentDisposition",
    "metadata": "options.metadata",
    "response_content_type": "options.responseContentType",
    "response_content_disposition": "options.responseContentDisposition",
    "response_cache_control": "options.responseCacheControl",
    "version_id": "options.versionId",
    "endpoint": "config.endpoint",
    "bucket": "config.bucket",
    "region": "config.region",
    "access_key_id": "config.accessKeyId",
    "secret_access_key": "config.secretAccessKey",
    "session_token": "config.sessionToken",
    "path_style": "config.pathStyle",
    "public_base_url": "config.publicBaseUrl",
}
# The core's messages about these name no argument Node spells differently.
NODE_CORE_PLAIN = {"key", "keys", "endpoint", "bucket", "region", "metadata"}


def node_core(name: str) -> str:
    """How a core error's message names `name` in Node."""
    return name if name in NODE_CORE_PLAIN else NODE[name]


# Values JSON cannot hold, tagged {"$": kind, ...} (see the README for what
# each becomes in each language).
def tag(kind: str, **fields) -> dict:
    return {"$": kind, **fields}


NONE, ABSENT = tag("none"), tag("absent")
NAN, INF, NINF = tag("nan"), tag("inf"), tag("-inf")
SYMBOL, THROWING = tag("symbol"), tag("throwing_tostring")
DATE, INSTANCE = tag("date"), tag("instance")


def big(n: int) -> dict:
    return tag("int", value=str(n))


def bigint(n: int) -> dict:
    return tag("bigint", value=str(n))


def raw(data: bytes) -> dict:
    return tag("bytes", hex=data.hex())


def utf16(text: str) -> dict:
    """`text`, which may hold lone surrogates, as UTF-16 code units."""
    data = text.encode("utf-16-le", "surrogatepass")
    return tag("str", utf16=[f"0x{int.from_bytes(data[i : i + 2], 'little'):X}" for i in range(0, len(data), 2)])


def literal(text: str) -> dict:
    """A string taken as it is (a `signing_time` string is otherwise an instant)."""
    return tag("str", value=text)


def repeat(char: str, count: int) -> dict:
    return tag("repeat", char=char, count=count)


def js_map(*pairs) -> dict:
    return tag("map", entries=[list(p) for p in pairs])


def obj(*pairs) -> dict:
    return tag("object", entries=[list(p) for p in pairs])


def many(count: int) -> dict:
    return tag("many", count=count, name="m", value="v")


def unix(secs: int) -> dict:
    return tag("time", unix=secs)


# Per-language outcomes.
RUST_KIND = {INVALID: "InvalidArgument", CONFIG: "Config"}
PY_CLASS = {INVALID: "InvalidArgumentError", CONFIG: "ConfigError"}
SURROGATE = "must be well-formed Unicode: it holds a lone surrogate"
OK = {"ok": True}


def _fragments(out: dict, contains, excludes) -> dict:
    out["message_contains"] = list(contains)
    if excludes:
        out["message_excludes"] = list(excludes)
    return out


def rust_error(code: str, *contains, excludes=()) -> dict:
    return _fragments({"kind": RUST_KIND[code]}, contains, excludes)


def py_error(cls_or_code: str, *contains, excludes=()) -> dict:
    if cls_or_code in PY_CLASS:
        return _fragments({"class": PY_CLASS[cls_or_code], "code": cls_or_code}, contains, excludes)
    return _fragments({"class": cls_or_code}, contains, excludes)


def js_error(code: str, *contains, excludes=()) -> dict:
    name = "TypeError" if code == TYPE else "Error"
    return _fragments({"name": name, "code": code}, contains, excludes)


def same(value) -> dict:
    """Accepted, and the same result as with `value` in place of the input (ABSENT: left out)."""
    return {"ok": True, "same_as": value}


def everywhere(code: str, rust_py, node, excludes=()) -> dict:
    """The core refuses it: the same family in every language."""
    return {
        "rust": rust_error(code, *rust_py, excludes=excludes),
        "python": py_error(code, *rust_py, excludes=excludes),
        "node": js_error(code, *node, excludes=excludes),
    }


def bindings(code: str, py, node, excludes=()) -> dict:
    """A binding refuses what a Rust `String` / `u64` cannot even hold."""
    return {
        "rust": None,
        "python": py_error(code, *py, excludes=excludes),
        "node": js_error(code, *node, excludes=excludes),
    }


def wrong_type(py, node, excludes=()) -> dict:
    return {
        "rust": None,
        "python": py_error("TypeError", *py, excludes=excludes),
        "node": js_error(TYPE, *node, excludes=excludes),
    }


def all_same(value) -> dict:
    return {"rust": same(value), "python": same(value), "node": same(value)}


ALL_OK = {"rust": OK, "python": OK, "node": OK}
# Tags a language has no value for (the README lists them).
PY_CANNOT = ("symbol", "bigint")


def uses(value, kinds) -> bool:
    """Whether `value` holds a tag of one of `kinds`."""
    if isinstance(value, dict):
        return value.get("$") in kinds or any(uses(v, kinds) for v in value.values())
    if isinstance(value, list):
        return any(uses(v, kinds) for v in value)
    return False


def table_row(id_, comment, op, invalid, outcome, *, key="k.txt", keys=None, args=None, signer=None, env=None):
    """One row of the bad-input table; `args` get signing_time T0 unless they say otherwise."""
    row = {"id": id_, "comment": comment, "op": op, "invalid": invalid}
    if op in TABLE_OPS or op in ("public_url", "from_env"):
        row["key"] = key
    if op == "presign_get_many":
        row["keys"] = keys
    if op in TABLE_OPS or op in ("presign_get_many", "from_env"):
        row["args"] = {"signing_time": T0, **(args or {})} if isinstance(args, dict) or args is None else args
    elif op in ("new_key", "attachment"):
        row["args"] = args
    if signer is not None:
        row["signer"] = signer
    if env is not None:
        row["env"] = env
    if uses(row, ("sparse_array", "lying_len", "many")):
        # A binding that pre-sizes from a length may abort the process, and a
        # quadratic check may run for minutes: runners give these a child
        # process (or thread) and a time limit.
        row["isolate"] = True
    if outcome["python"] is not None and uses(row, PY_CANNOT):
        outcome = {**outcome, "python": None}
    row["outcome"] = outcome
    return row


def err(id_, comment, op, key, code, named, invalid, signer=None, **args) -> dict:
    """A row of the first table: also run by the vector runners (`error`)."""
    c = case(id_, comment, op, key, signer, **args)
    c["error"] = {"code": code, "message_contains": named}
    c["invalid"] = invalid
    c["outcome"] = everywhere(code, [named], [node_core(named)])
    return c


# (argument, op, bad values): per-call input refused with INVALID.
BAD_ARGS = [
    ("content_type", "presign_put", ["a\nb", "a\rb", "a\x00b", "a\x7fb", "tëxt/plain"]),
    ("cache_control", "presign_put", ["no-cache\x01"]),
    ("content_disposition", "presign_put", ["inline\nx: y"]),
    ("content_md5", "presign_put", ["abc\n"]),
    ("checksum_sha256", "presign_put", ["abc\r\n"]),
    ("expires_in", "presign_get", [0, 604801]),
    ("expires_in", "presign_put", [0, 604801]),
    ("expires_in", "presign_head", [0]),
    ("expires_in", "presign_delete", [10**9]),
    ("metadata", "presign_put", [{"a": "x\ny"}, {"a b": "v"}, {"é": "v"}, {"a:b": "v"}, {"": "v"}, {"a\nb": "v"}]),
]
# (signer field, bad values): refused with CONFIG when the signer is built.
BAD_SIGNER = [
    ("endpoint", ["ftp://example.com", "not a url", "http://example.com/some/path", "http://example.com/?x=1"]),
    ("endpoint", ["http://user:pass@example.com", "", "http://"]),
    ("bucket", ["", "ab", "a" * 64, "UPPER", "under_score", "-leading", "trailing-", "192.168.1.1", "double..dot"]),
    ("bucket", ["sp ace"]),
    ("region", ["", "us east 1", "eu/west"]),
    ("access_key_id", [""]),
    ("secret_access_key", [""]),
    ("session_token", [""]),
    ("public_base_url", ["ftp://x"]),
]


def first_table() -> list:
    cases = [
        err("err-key-empty", "empty key", "presign_get", "", INVALID, "key", "key"),
        err("err-key-empty-put", "empty key", "presign_put", "", INVALID, "key", "key"),
        err("err-key-1025", "1025 ASCII bytes", "presign_get", "k" * 1025, INVALID, "key", "key"),
        err(
            "err-key-1026-multibyte", "513 two-byte chars: 1026 bytes", "presign_put", "é" * 513, INVALID, "key", "key"
        ),
    ]
    seen: dict = {}
    for name, op, values in BAD_ARGS:
        for bad in values:
            n = seen[name] = seen.get(name, -1) + 1
            cmt = f"{op}: {name} {bad!r}"
            cases.append(err(f"err-{name}-{n}", cmt, op, "k.txt", INVALID, name, f"args.{name}", **{name: bad}))
    for field, values in BAD_SIGNER:
        for bad in values:
            n = seen[field] = seen.get(field, -1) + 1
            cmt = f"{field} {bad!r}"
            cases.append(
                err(f"err-{field}-{n}", cmt, "presign_get", "k.txt", CONFIG, field, f"signer.{field}", {field: bad})
            )
    return cases


# Wrong types for a string argument: (label, value). NONE is added per
# argument (it means "not given" for an optional one).
WRONG_STR = [
    ("int", 42),
    ("float", 1.5),
    ("nan", NAN),
    ("inf", INF),
    ("-inf", NINF),
    ("true", True),
    ("bytes", raw(b"text/plain")),
    ("array", []),
    ("array-of-str", ["text/plain"]),
    ("object", {}),
    ("throwing-tostring", THROWING),
    ("date", DATE),
    ("symbol", SYMBOL),
    ("bigint", bigint(1)),
]
# Wrong types for an integer argument (a range error is not a type error).
WRONG_INT = [
    ("float", 1.5),
    ("nan", NAN),
    ("inf", INF),
    ("-inf", NINF),
    ("str", "60"),
    ("bytes", raw(b"60")),
    ("array", [60]),
    ("object", {}),
    ("throwing-tostring", THROWING),
    ("symbol", SYMBOL),
    ("bigint", bigint(60)),
]
EXPIRY = "must be between 1 and 604800 seconds (7 days), got "
MAX_CONTENT_LENGTH = "5368709120"
NODE_MAX_CHARS = 1048576
PUT_STRINGS = ["content_type", "content_md5", "checksum_sha256", "cache_control", "content_disposition"]
GET_STRINGS = ["response_content_type", "response_content_disposition", "response_cache_control", "version_id"]


def expiry_rows() -> list:
    def bad(label, n, op="presign_get", node_n=None, rust=True):
        # Beyond i128 the bindings saturate, and the message says so.
        shown = str(n) if -(2**127) < n < 2**127 - 1 else "a number over 2^127"
        node_txt = shown if node_n is None else node_n
        out = everywhere(INVALID, [f"expires_in {EXPIRY}{shown}"], [f"options.expiresIn {EXPIRY}{node_txt}"])
        if not rust:
            out["rust"] = None  # a Duration is never negative nor over u64::MAX seconds
        value = n if -(2**53) <= n <= 2**53 else big(n)
        short = op.split("_")[1]
        cmt = f"{op}: expires_in {str(n)[:24]}"
        return table_row(f"bad-expires_in-{label}-{short}", cmt, op, "args.expires_in", out, args={"expires_in": value})

    rows = [bad("neg1", -1, op, rust=False) for op in TABLE_OPS]
    rows += [bad("2p53", 2**53), bad("2p53", 2**53, "presign_put")]
    # Node's text for a double this large is the binding's to choose.
    rows += [bad("2p64", 2**64, node_n="", rust=False), bad("1e100", 10**100, node_n="", rust=False)]
    huge = bad("1e500", 10**500, rust=False)
    huge["comment"] = "a 501-digit expires_in: refused, and the message stays under 400 characters"
    huge["outcome"] = {
        "rust": None,
        "python": py_error(INVALID, f"expires_in {EXPIRY}"),
        "node": js_error(TYPE, "options.expiresIn"),  # Number('1e500') is Infinity
    }
    rows.append(huge)
    for label, value in WRONG_INT:
        rows.append(
            table_row(
                f"bad-expires_in-{label}",
                f"expires_in of the wrong type: {label}",
                "presign_get",
                "args.expires_in",
                wrong_type(["expires_in"], ["options.expiresIn"]),
                args={"expires_in": value},
            )
        )
    rows.append(
        table_row(
            "null-expires_in",
            "expires_in None: Python's default is 3600, not None (a wrong type); Node's null means the default",
            "presign_get",
            "args.expires_in",
            {"rust": same(ABSENT), "python": py_error("TypeError", "expires_in"), "node": same(ABSENT)},
            args={"expires_in": NONE},
        )
    )
    rows.append(
        table_row(
            "bool-expires_in",
            "expires_in True: a bool is not a number of seconds (Python's bool is an int, but True "
            "for a lifetime is a bug), and a JS boolean is not a number",
            "presign_get",
            "args.expires_in",
            {"rust": None, "python": py_error("TypeError", "expires_in"), "node": js_error(TYPE, "options.expiresIn")},
            args={"expires_in": True},
        )
    )
    return rows


def content_length_rows() -> list:
    def bad(label, value, rust=True):
        out = everywhere(INVALID, ["content_length", MAX_CONTENT_LENGTH], ["options.contentLength", MAX_CONTENT_LENGTH])
        if not rust:
            out["rust"] = None
        return table_row(
            f"bad-content_length-{label}",
            f"content_length {label}: outside 0..=5368709120 (5 GiB)",
            "presign_put",
            "args.content_length",
            out,
            args={"content_length": value},
        )

    rows = [
        bad("neg1", -1, rust=False),
        bad("5368709121", 5368709121),
        bad("2p53", 2**53),
        bad("2p64", big(2**64), rust=False),
    ]
    for label, value in WRONG_INT:
        rows.append(
            table_row(
                f"bad-content_length-{label}",
                f"content_length of the wrong type: {label}",
                "presign_put",
                "args.content_length",
                wrong_type(["content_length"], ["options.contentLength"]),
                args={"content_length": "10" if value == "60" else value},
            )
        )
    rows.append(
        table_row(
            "null-content_length",
            "content_length None / null: not given",
            "presign_put",
            "args.content_length",
            all_same(ABSENT),
            args={"content_length": NONE},
        )
    )
    return rows


def signing_time_rows() -> list:
    names = (["signing_time"], ["options.signingDate"])
    rows = []
    for label, at, expires_in in [
        ("1969", "1969-12-31T23:59:59Z", None),
        ("year-1", "0001-01-01T00:00:00Z", None),
        ("9999-last-hour", "9999-12-31T23:00:00Z", None),
        ("9999-last-second", "9999-12-31T23:59:59Z", None),
        ("9999-last-second-1s", "9999-12-31T23:59:59Z", 1),
        ("9999-last-week", "9999-12-25T00:00:00Z", 604800),
    ]:
        args = {"signing_time": at}
        if expires_in is not None:
            args["expires_in"] = expires_in
        after = f" with expires_in {expires_in}" if expires_in else " with the default expiry (3600)"
        rows.append(
            table_row(
                f"bad-signing_time-{label}",
                f"signing_time {at}{after}: the URL must expire before 10000-01-01",
                "presign_get",
                "args.signing_time",
                everywhere(INVALID, *names),
                args=args,
            )
        )
    year_10000 = table_row(
        "bad-signing_time-year-10000",
        "signing_time 10000-01-01T00:00:00Z (Python's datetime stops at 9999)",
        "presign_get",
        "args.signing_time",
        everywhere(INVALID, *names),
        args={"signing_time": unix(253402300800)},
    )
    year_10000["outcome"]["python"] = None
    rows.append(year_10000)
    for label, at, expires_in in [
        ("9999-hour-before-end", "9999-12-31T22:59:59Z", None),
        ("9999-week-before-end", "9999-12-24T23:59:59Z", 604800),
        ("9999-1s-before-end", "9999-12-31T23:59:58Z", 1),
    ]:
        args = {"signing_time": at}
        if expires_in is not None:
            args["expires_in"] = expires_in
        rows.append(
            table_row(
                f"ok-signing_time-{label}",
                f"signing_time {at}, expires_in {expires_in or 3600}: expires at 9999-12-31T23:59:59Z, accepted",
                "presign_get",
                "args.signing_time",
                ALL_OK,
                args=args,
            )
        )
    wrong = [("iso-str", literal(T0)), ("unix-number", 1767323045)] + [
        (label, value) for label, value in WRONG_STR if label not in ("date", "array-of-str")
    ]
    for label, value in wrong:
        rows.append(
            table_row(
                f"bad-signing_time-{label}",
                f"signing_time of the wrong type: {label}",
                "presign_get",
                "args.signing_time",
                wrong_type(*names),
                args={"signing_time": value},
            )
        )
    rows.append(
        table_row(
            "null-signing_time",
            "signing_time None / null: now",
            "presign_get",
            "args.signing_time",
            ALL_OK,
            args={"signing_time": NONE},
        )
    )
    return rows


def metadata_rows() -> list:
    too_large = everywhere(INVALID, ["metadata", "2048"], ["metadata", "2048"])

    def row(id_, comment, value, outcome):
        return table_row(id_, comment, "presign_put", "args.metadata", outcome, args={"metadata": value})

    long_name = "é" * 100
    upper, lower = "X" * 100, "x" * 100
    rows = [
        row(
            "bad-metadata-2049-bytes",
            "one value of 2048 bytes and a 1-byte name: 2049 bytes",
            {"a": "v" * 2048},
            too_large,
        ),
        row("bad-metadata-2049-bytes-name", "a name of 2048 bytes and a 1-byte value", {"n" * 2048: "v"}, too_large),
        row("bad-metadata-100000-entries", "100,000 entries: refused as too large, fast", many(100000), too_large),
        row("ok-metadata-2048-bytes", "2048 bytes in all: accepted", {"a": "v" * 2047}, ALL_OK),
        row(
            "bad-metadata-nul-name",
            "a NUL in a metadata name",
            {"a\x00b": "v"},
            everywhere(INVALID, ["metadata"], ["metadata"]),
        ),
        row(
            "bad-metadata-nul-value",
            "a NUL in a metadata value",
            {"a": "x\x00y"},
            everywhere(INVALID, ["metadata"], ["metadata"]),
        ),
        row(
            "bad-metadata-name-surrogate",
            "a lone surrogate in a metadata name",
            obj([utf16("a\ud800"), "v"]),
            bindings(INVALID, ["metadata", SURROGATE], ["options.metadata", SURROGATE]),
        ),
        row(
            "bad-metadata-value-surrogate",
            "a lone surrogate in a metadata value",
            {"a": utf16("x\udc00")},
            bindings(INVALID, ["metadata", SURROGATE], ["options.metadata", SURROGATE]),
        ),
        row(
            "bad-metadata-long-name-echo",
            "a bad 100-character name is echoed cut to 64 characters then …",
            {long_name: "v"},
            everywhere(INVALID, ["metadata", "é" * 64 + '"…'], ["metadata", "é" * 64 + '"…'], excludes=["é" * 65]),
        ),
        row(
            "bad-metadata-long-duplicate-echo",
            "two 100-character names differing in case: both echoed cut to 64 characters",
            {upper: "1", lower: "2"},
            everywhere(
                INVALID,
                ["metadata", "X" * 64 + '"…', "x" * 64 + '"…'],
                ["metadata", "X" * 64 + '"…', "x" * 64 + '"…'],
                excludes=["X" * 65, "x" * 65],
            ),
        ),
        row(
            "bad-metadata-node-long-value",
            f"a {NODE_MAX_CHARS + 1}-character value: too large; Node refuses it unread",
            {"a": repeat("v", NODE_MAX_CHARS + 1)},
            {
                "rust": rust_error(INVALID, "metadata", "2048"),
                "python": py_error(INVALID, "metadata", "2048"),
                "node": js_error(INVALID, "options.metadata", f"is longer than {NODE_MAX_CHARS} characters"),
            },
        ),
        row("null-metadata", "metadata None / null: not given", NONE, all_same(ABSENT)),
        row(
            "ok-metadata-map",
            "a Map of strings (Python: a dict) signs as the plain object does",
            js_map(["a", "1"], ["b", "two"]),
            all_same({"a": "1", "b": "two"}),
        ),
        row(
            "bad-metadata-map-int-key",
            "a Map with a non-string key (Python: a dict with an int key)",
            js_map([1, "v"]),
            wrong_type(["metadata"], ["options.metadata"]),
        ),
        row(
            "bad-metadata-map-int-value",
            "a Map with a non-string value",
            js_map(["a", 1]),
            wrong_type(["metadata"], ["options.metadata"]),
        ),
        row(
            "bad-metadata-map-surrogate-key",
            "a Map whose key holds a lone surrogate",
            js_map([utf16("\ud800"), "v"]),
            bindings(INVALID, ["metadata", SURROGATE], ["options.metadata", SURROGATE]),
        ),
    ]
    for label, value in [
        ("str", "a=b"),
        ("int", 42),
        ("nan", NAN),
        ("bytes", raw(b"a=b")),
        ("array", [["a", "b"]]),
        ("empty-array", []),
        ("throwing-tostring", THROWING),
        ("date", DATE),
        ("instance", INSTANCE),
        ("symbol", SYMBOL),
        ("bigint", bigint(1)),
        ("value-int", {"a": 1}),
        ("value-null", {"a": NONE}),
        ("value-bytes", {"a": raw(b"v")}),
        ("value-array", {"a": ["v"]}),
        ("value-object", {"a": {}}),
        ("value-throwing-tostring", {"a": THROWING}),
        ("value-symbol", {"a": SYMBOL}),
        ("value-bigint", {"a": bigint(1)}),
    ]:
        rows.append(
            row(
                f"bad-metadata-{label}",
                f"metadata of the wrong type: {label}",
                value,
                wrong_type(["metadata"], ["options.metadata"]),
            )
        )
    return rows


def key_rows() -> list:
    rows = []
    for op in (*TABLE_OPS, "public_url"):
        short = op.split("_")[-1]
        # public_url needs a public_base_url, so that the key is the only fault.
        public = {"public_base_url": "https://files.example.com"} if op == "public_url" else None
        rows.append(
            table_row(
                f"bad-key-surrogate-{short}",
                f"{op}: a lone high surrogate in the key",
                op,
                "key",
                bindings(INVALID, ["key", SURROGATE], ["key", SURROGATE]),
                key=utf16("a\ud800b"),
                signer=public,
            )
        )
        for label, value in [("int", 42), ("null", NONE)]:
            rows.append(
                table_row(
                    f"bad-key-{label}-{short}",
                    f"{op}: key of the wrong type: {label}",
                    op,
                    "key",
                    wrong_type(["key"], ["key"]),
                    key=value,
                    signer=public,
                )
            )
    for label, text in [("low", "\udc00a"), ("reversed-pair", "\udc00\ud800"), ("high-at-end", "abc\ud83d")]:
        rows.append(
            table_row(
                f"bad-key-surrogate-{label}",
                f"a lone surrogate in the key: {label}",
                "presign_get",
                "key",
                bindings(INVALID, ["key", SURROGATE], ["key", SURROGATE]),
                key=utf16(text),
            )
        )
    rows.append(
        table_row(
            "ok-key-surrogate-pair",
            "a well-formed surrogate pair (U+1F600) is an ordinary character",
            "presign_get",
            "key",
            all_same("a😀"),
            key=utf16("a😀"),
        )
    )
    for count in (95_000_000, NODE_MAX_CHARS + 1):
        rows.append(
            table_row(
                f"bad-key-{count}-chars",
                f"a {count:,}-character key (Node refuses it unread)",
                "presign_get",
                "key",
                {
                    "rust": rust_error(INVALID, f"key is {count} bytes long"),
                    "python": py_error(INVALID, f"key is {count} bytes long"),
                    "node": js_error(INVALID, f"key is longer than {NODE_MAX_CHARS} characters"),
                },
                key=repeat("a", count),
            )
        )
    rows.append(
        table_row(
            f"bad-key-{NODE_MAX_CHARS}-chars",
            f"a {NODE_MAX_CHARS:,}-character key: not too long for Node to read; too long for S3",
            "presign_get",
            "key",
            everywhere(INVALID, [f"key is {NODE_MAX_CHARS} bytes long"], [f"key is {NODE_MAX_CHARS} bytes long"]),
            key=repeat("a", NODE_MAX_CHARS),
        )
    )
    for label, value in [("absent", ABSENT), *[w for w in WRONG_STR if w[0] != "int"]]:
        rows.append(
            table_row(
                f"bad-key-{label}",
                f"key of the wrong type: {label}",
                "presign_get",
                "key",
                wrong_type(["key"], ["key"]),
                key=value,
            )
        )
    return rows


def keys_rows() -> list:
    def row(id_, comment, keys, outcome):
        return table_row(id_, comment, "presign_get_many", "keys", outcome, keys=keys)

    rows = [
        row(
            "bad-keys-surrogate",
            "presign_get_many: a lone surrogate in the second key",
            ["ok", utf16("\ud800")],
            bindings(INVALID, ["keys", SURROGATE], ["keys[1]", SURROGATE]),
        ),
        row(
            "bad-keys-empty-key",
            "presign_get_many: an empty second key",
            ["ok", ""],
            everywhere(INVALID, ["key"], ["key"]),
        ),
        row(
            "bad-keys-huge-length-holes",
            "presign_get_many: an array of length 2**32-1 with holes (Python: __len__ 2**32-1, items None)",
            tag("sparse_array", length=2**32 - 1),
            wrong_type(["keys"], ["keys[0]", "undefined"]),
        ),
        row(
            "ok-keys-lying-len-2p40",
            "presign_get_many: an iterable whose __len__ says 2**40 (never pre-sized from it)",
            tag("lying_len", len=2**40, items=["a", "b"]),
            {"rust": None, "python": OK, "node": None},
        ),
        row(
            "ok-keys-lying-len-maxsize",
            "presign_get_many: an iterable whose __len__ says sys.maxsize",
            tag("lying_len", len=2**63 - 1, items=["a"]),
            {"rust": None, "python": OK, "node": None},
        ),
    ]
    for label, value in [("int", 42), ("null", NONE), ("bytes", raw(b"k")), ("array", ["k"]), ("symbol", SYMBOL)]:
        rows.append(
            row(
                f"bad-keys-item-{label}",
                f"presign_get_many: a second key of the wrong type: {label}",
                ["ok", value],
                wrong_type(["keys"], ["keys[1]"]),
            )
        )
    for label, value in [
        ("null", NONE),
        ("int", 42),
        ("nan", NAN),
        ("throwing-tostring", THROWING),
        ("symbol", SYMBOL),
        ("bigint", bigint(1)),
    ]:
        rows.append(
            row(
                f"bad-keys-{label}",
                f"presign_get_many: keys of the wrong type: {label}",
                value,
                wrong_type(["keys"], ["keys"]),
            )
        )
    return rows


def string_option_rows() -> list:
    rows = []
    cases = [("presign_put", n) for n in PUT_STRINGS] + [("presign_get", n) for n in GET_STRINGS]
    cases += [("presign_head", "version_id"), ("presign_delete", "version_id")]
    for op, name in cases:
        short = op.split("_")[1]
        node = NODE[name]

        def row(label, comment, value, outcome, op=op, name=name, short=short):
            return table_row(
                f"{label}-{name}-{short}", f"{op}: {name} {comment}", op, f"args.{name}", outcome, args={name: value}
            )

        rows += [
            row(
                "bad-8193-bytes",
                "of 8193 bytes",
                repeat("a", 8193),
                everywhere(
                    INVALID, [f"{name} is 8193 bytes long; at most 8192"], [f"{node} is 8193 bytes long; at most 8192"]
                ),
            ),
            row("ok-8192-bytes", "of 8192 bytes: accepted", repeat("a", 8192), ALL_OK),
            row(
                "bad-surrogate",
                "holding a lone surrogate",
                utf16("text\ud800"),
                bindings(INVALID, [name, SURROGATE], [node, SURROGATE]),
            ),
            row("bad-int", "of the wrong type: int", 42, wrong_type([name], [node])),
            row("null", "None / null: not given", NONE, all_same(ABSENT)),
        ]
    for op, name in [("presign_put", "content_type"), ("presign_get", "response_content_type")]:
        for label, value in WRONG_STR:
            if label == "int":
                continue
            rows.append(
                table_row(
                    f"bad-{name}-{label}",
                    f"{op}: {name} of the wrong type: {label}",
                    op,
                    f"args.{name}",
                    wrong_type([name], [NODE[name]]),
                    args={name: value},
                )
            )
    rows.append(
        table_row(
            "bad-response_content_disposition-8194-bytes-4097-chars",
            "4097 two-byte characters: 8194 bytes (bytes are counted, not characters)",
            "presign_get",
            "args.response_content_disposition",
            everywhere(
                INVALID,
                ["response_content_disposition is 8194 bytes long; at most 8192"],
                ["options.responseContentDisposition is 8194 bytes long; at most 8192"],
            ),
            args={"response_content_disposition": "é" * 4097},
        )
    )
    for op, name, count in [
        ("presign_put", "content_type", 95_000_000),
        ("presign_get", "response_content_disposition", NODE_MAX_CHARS + 1),
    ]:
        rows.append(
            table_row(
                f"bad-{name}-{count}-chars",
                f"{op}: a {count:,}-character {name} (Node refuses it unread)",
                op,
                f"args.{name}",
                {
                    "rust": rust_error(INVALID, f"{name} is {count} bytes long; at most 8192"),
                    "python": py_error(INVALID, f"{name} is {count} bytes long; at most 8192"),
                    "node": js_error(INVALID, f"{NODE[name]} is longer than {NODE_MAX_CHARS} characters"),
                },
                args={name: repeat("a", count)},
            )
        )
    return rows


BAD_ENDPOINTS = [
    ("trailing-cr", "http://127.0.0.1:9000\r"),
    ("trailing-crlf", "http://127.0.0.1:9000\r\n"),
    ("trailing-space", "http://127.0.0.1:9000 "),
    ("trailing-tab", "http://127.0.0.1:9000\t"),
    ("trailing-lf", "http://127.0.0.1:9000\n"),
    ("trailing-backslash", "http://127.0.0.1:9000\\"),
    ("trailing-nul", "http://127.0.0.1:9000\x00"),
    ("trailing-del", "http://127.0.0.1:9000\x7f"),
    ("trailing-nel", "http://127.0.0.1:9000\x85"),
    ("leading-space", " http://127.0.0.1:9000"),
    ("inner-tab", "http://127.0.0.1:\t9000"),
    ("inner-lf", "http://exam\nple.com"),
    ("inner-backslash", "http://example.com\\x"),
    ("backslash-authority", "http:\\\\example.com"),
    ("one-slash", "http:/h:8080"),
    ("no-slash", "http:h:8080"),
    ("https-one-slash", "https:/example.com"),
]


def config_rows() -> list:
    rows = []

    def row(id_, comment, field, value, outcome):
        return table_row(id_, comment, "presign_get", f"signer.{field}", outcome, signer={field: value})

    for label, value in BAD_ENDPOINTS:
        rows.append(
            row(
                f"bad-endpoint-{label}",
                f"endpoint {value!r}: whitespace, a control character, a backslash or no //",
                "endpoint",
                value,
                everywhere(CONFIG, ["endpoint must be"], ["endpoint must be"]),
            )
        )
        rows.append(
            row(
                f"bad-public_base_url-{label}",
                f"public_base_url {value!r}",
                "public_base_url",
                value.replace("127.0.0.1:9000", "files.example.com"),
                everywhere(CONFIG, ["public_base_url must be"], ["config.publicBaseUrl must be"]),
            )
        )
    bucket = "a" * 200
    region = "region with spaces " * 6
    rows += [
        row(
            "bad-bucket-200-chars-echo",
            "a 200-character bucket is echoed cut to 64 characters then …",
            "bucket",
            bucket,
            everywhere(CONFIG, ["bucket", "a" * 64 + '"…'], ["bucket", "a" * 64 + '"…'], excludes=["a" * 65]),
        ),
        row(
            "bad-region-long-echo",
            f"a {len(region)}-character region is echoed cut to 64 characters then …",
            "region",
            region,
            everywhere(CONFIG, ["region", region[:64] + '"…'], ["region", region[:64] + '"…'], excludes=[region[:65]]),
        ),
    ]
    surrogates = {
        "endpoint": "http://h\ud800.example",
        "bucket": "bucket\udfff",
        "region": "eu\ud800",
        "access_key_id": "AKID\ud800",
        "secret_access_key": "SuRrOgAtEsEcReT/key\ud800tail",
        "session_token": "SuRrOgAtEtOkEn/value\udc00tail",
        "public_base_url": "https://files\ud800.example",
    }
    for field, text in surrogates.items():
        rows.append(
            row(
                f"bad-{field}-surrogate",
                f"a lone surrogate in {field}",
                field,
                utf16(text),
                bindings(INVALID, [field, SURROGATE], [NODE[field], SURROGATE]),
            )
        )
    for field in ["endpoint", "bucket", "access_key_id", "secret_access_key"]:
        wrong = WRONG_STR if field == "endpoint" else [w for w in WRONG_STR if w[0] in ("int", "bytes", "array")]
        for label, value in [("absent", ABSENT), ("null", NONE), *wrong]:
            if label == "bytes" and field == "secret_access_key":
                value = raw(b"BySeCrEt/as+bytes")
            rows.append(
                row(
                    f"bad-{field}-{label}",
                    f"{field} of the wrong type: {label} (required)",
                    field,
                    value,
                    wrong_type([field], [NODE[field]]),
                )
            )
    for field in ["region", "session_token", "public_base_url"]:
        for label, value in [("int", 42), ("bytes", raw(b"ByToKeN/as+bytes")), ("array", [])]:
            rows.append(
                row(
                    f"bad-{field}-{label}",
                    f"{field} of the wrong type: {label}",
                    field,
                    value,
                    wrong_type([field], [NODE[field]]),
                )
            )
    rows.append(
        row(
            "null-region",
            "region None: Python's default is 'auto', not None (a wrong type); Node's null means the default",
            "region",
            NONE,
            {"rust": same(ABSENT), "python": py_error("TypeError", "region"), "node": same(ABSENT)},
        )
    )
    for field in ["session_token", "public_base_url", "path_style"]:
        rows.append(row(f"null-{field}", f"{field} None / null: not given", field, NONE, all_same(ABSENT)))
    for label, value in [("str", "false"), ("int", 1), ("nan", NAN), ("bytes", raw(b"\x01")), ("array", [True])]:
        rows.append(
            row(
                f"bad-path_style-{label}",
                f"path_style of the wrong type: {label}",
                "path_style",
                value,
                wrong_type(["path_style"], ["config.pathStyle"]),
            )
        )
    rows.append(
        row(
            "node-secret-long",
            f"a {NODE_MAX_CHARS + 1}-character secret: Node refuses any longer string unread; Rust and Python sign",
            "secret_access_key",
            repeat("S", NODE_MAX_CHARS + 1),
            {
                "rust": OK,
                "python": OK,
                "node": js_error(INVALID, f"config.secretAccessKey is longer than {NODE_MAX_CHARS}"),
            },
        )
    )
    for label, value in [("str", "http://127.0.0.1:9000"), ("null", NONE), ("array", []), ("int", 42)]:
        rows.append(
            table_row(
                f"bad-config-{label}",
                f"the whole configuration is not an object: {label} (Python: one positional argument)",
                "presign_get",
                "signer",
                wrong_type([], ["config must be an object"]),
                signer=value,
            )
        )
    return rows


def options_rows() -> list:
    rows = []
    for op in ("presign_put", "presign_get"):
        short = op.split("_")[1]
        for label, value in [("str", "image/jpeg"), ("int", 60), ("array", []), ("bigint", bigint(60))]:
            rows.append(
                table_row(
                    f"bad-options-{label}-{short}",
                    f"{op}: options that are not an object: {label} (Python: a second positional argument)",
                    op,
                    "args",
                    wrong_type([], ["options must be an object"]),
                    args=value,
                )
            )
        rows.append(
            table_row(
                f"null-options-{short}",
                f"{op}: options None / null: Node's means no options; Python takes no second positional argument",
                op,
                "args",
                {"rust": None, "python": py_error("TypeError"), "node": OK},
                args=NONE,
            )
        )
    return rows


def new_key_rows() -> list:
    def row(id_, comment, invalid, args, outcome):
        return table_row(id_, comment, "new_key", invalid, outcome, args=args)

    rows = [
        row(
            "bad-new_key-filename-surrogate",
            "new_key: a lone surrogate in filename",
            "args.filename",
            {"filename": utf16("cat\ud800.jpg")},
            bindings(INVALID, ["filename", SURROGATE], ["options.filename", SURROGATE]),
        ),
        row(
            "bad-new_key-prefix-surrogate",
            "new_key: a lone surrogate in prefix",
            "args.prefix",
            {"prefix": utf16("uploads\udc00")},
            bindings(INVALID, ["prefix", SURROGATE], ["options.prefix", SURROGATE]),
        ),
        row(
            "null-new_key-filename", "new_key: filename None / null: none", "args.filename", {"filename": NONE}, ALL_OK
        ),
        row(
            "node-new_key-prefix-long",
            f"new_key: a {NODE_MAX_CHARS + 1}-character prefix: Node refuses any longer string unread",
            "args.prefix",
            {"prefix": repeat("p", NODE_MAX_CHARS + 1)},
            {"rust": OK, "python": OK, "node": js_error(INVALID, f"options.prefix is longer than {NODE_MAX_CHARS}")},
        ),
        row(
            "new_key-options-str",
            "new_key('cat.jpg'): Python's first positional argument is filename; Node's is an options object",
            "args",
            "cat.jpg",
            {"rust": None, "python": OK, "node": js_error(TYPE, "options must be an object")},
        ),
        row(
            "null-new_key-options",
            "new_key(None) / newKey(null): no options",
            "args",
            NONE,
            {"rust": None, "python": OK, "node": OK},
        ),
    ]
    for field in ("filename", "prefix"):
        wrong = WRONG_STR if field == "filename" else [("int", 42), ("bytes", raw(b"up"))]
        for label, value in wrong:
            rows.append(
                row(
                    f"bad-new_key-{field}-{label}",
                    f"new_key: {field} of the wrong type: {label}",
                    f"args.{field}",
                    {field: value},
                    wrong_type([field], [f"options.{field}"]),
                )
            )
    return rows


def attachment_rows() -> list:
    def row(id_, comment, value, outcome):
        return table_row(id_, comment, "attachment", "args.filename", outcome, args={"filename": value})

    rows = [
        row(
            "bad-attachment-surrogate",
            "attachment: a lone surrogate in the file name",
            utf16("photo\ud800.png"),
            bindings(INVALID, ["filename", SURROGATE], ["filename", SURROGATE]),
        ),
        row(
            "node-attachment-long",
            f"attachment: a {NODE_MAX_CHARS + 1}-character name: Node refuses any longer string unread",
            repeat("f", NODE_MAX_CHARS + 1),
            {"rust": OK, "python": OK, "node": js_error(INVALID, f"filename is longer than {NODE_MAX_CHARS}")},
        ),
        row(
            "bad-attachment-number-not-echoed",
            "attachment(4242424242): a TypeError that does not echo the value",
            4242424242,
            wrong_type(["filename"], ["filename"], excludes=["4242424242"]),
        ),
        row(
            "bad-attachment-bytes-not-echoed",
            "attachment(bytes): a TypeError that does not echo the value",
            raw(b"SeCrEtFiLeNaMe.png"),
            wrong_type(["filename"], ["filename"], excludes=["SeCrEtFiLeNaMe"]),
        ),
    ]
    for label, value in [("absent", ABSENT), ("null", NONE), *[w for w in WRONG_STR if w[0] not in ("int", "bytes")]]:
        rows.append(
            row(
                f"bad-attachment-{label}",
                f"attachment: a file name of the wrong type: {label}",
                value,
                wrong_type(["filename"], ["filename"]),
            )
        )
    return rows


ENV = {
    "R2_ENDPOINT": "http://127.0.0.1:9000",
    "R2_ACCESS_KEY_ID": "AKIDEXAMPLE",
    "R2_SECRET_ACCESS_KEY": TABLE_SECRET,
    "R2_BUCKET": "test-bucket",
}
AWS_ENV = {
    "AWS_ENDPOINT_URL_S3": "http://127.0.0.1:9000",
    "AWS_ACCESS_KEY_ID": "AKIDEXAMPLE",
    "AWS_SECRET_ACCESS_KEY": TABLE_SECRET,
    "AWS_SESSION_TOKEN": TABLE_TOKEN,
    "AWS_REGION": "us-east-1",
    "S3_BUCKET": "test-bucket",
}


def env_rows() -> list:
    def row(id_, comment, name, value, outcome, base=ENV):
        return table_row(id_, comment, "from_env", f"env.{name}", outcome, env={**base, name: value})

    rows = []
    for label, name, value, clean, base in [
        ("endpoint-cr", "R2_ENDPOINT", "http://127.0.0.1:9000\r", "http://127.0.0.1:9000", ENV),
        ("endpoint-crlf", "R2_ENDPOINT", "http://127.0.0.1:9000\r\n", "http://127.0.0.1:9000", ENV),
        ("endpoint-spaces", "R2_ENDPOINT", "  http://127.0.0.1:9000 \t", "http://127.0.0.1:9000", ENV),
        ("bucket-cr", "R2_BUCKET", " test-bucket\r", "test-bucket", ENV),
        ("secret-crlf", "R2_SECRET_ACCESS_KEY", TABLE_SECRET + "\r\n", TABLE_SECRET, ENV),
        ("public-url-cr", "R2_PUBLIC_URL", "https://files.example.com\r", "https://files.example.com", ENV),
        ("aws-token-crlf", "AWS_SESSION_TOKEN", TABLE_TOKEN + "\r\n", TABLE_TOKEN, AWS_ENV),
        ("aws-region-space", "AWS_REGION", " us-east-1 ", "us-east-1", AWS_ENV),
    ]:
        rows.append(
            row(
                f"ok-env-{label}",
                f"{name}={value!r}: surrounding whitespace is trimmed",
                name,
                value,
                all_same(clean),
                base,
            )
        )
    for label, name, value, rust_py, node in [
        ("endpoint-backslash", "R2_ENDPOINT", "http://127.0.0.1:9000\\", ["R2_ENDPOINT: endpoint must be"], None),
        ("endpoint-one-slash", "R2_ENDPOINT", "http:/127.0.0.1:9000", ["R2_ENDPOINT: endpoint must be"], None),
        ("endpoint-inner-tab", "R2_ENDPOINT", "http://127.0.0.1:\t9000", ["R2_ENDPOINT: endpoint must be"], None),
        ("endpoint-aws", "AWS_ENDPOINT_URL_S3", "http:127.0.0.1:9000", ["AWS_ENDPOINT_URL_S3: endpoint must be"], None),
        (
            "public-url",
            "R2_PUBLIC_URL",
            "ftp://files.example.com",
            ["R2_PUBLIC_URL: public_base_url must be"],
            ["R2_PUBLIC_URL: ", "must be"],
        ),
        ("bucket", "R2_BUCKET", "Bad_Bucket", ["R2_BUCKET: ", "bucket"], None),
    ]:
        base = AWS_ENV if name.startswith(("AWS", "S3")) else ENV
        rows.append(
            row(
                f"bad-env-{label}",
                f"{name}={value!r}: a Config error that starts with the variable's name",
                name,
                value,
                everywhere(CONFIG, rust_py, node or rust_py),
                base,
            )
        )
    for name, data in [("R2_SECRET_ACCESS_KEY", b"NoTuTf8SeCrEt\xff\xfe"), ("R2_ACCESS_KEY_ID", b"AKID\xc3")]:
        r = row(
            f"bad-env-{name.lower().replace('_', '-')}-not-utf8",
            f"{name} set to bytes that are not UTF-8: named, never reported missing, never echoed (Node cannot set it)",
            name,
            raw(data),
            everywhere(CONFIG, [f"{name} is set but is not valid UTF-8"], [], excludes=["NoTuTf8", "missing"]),
        )
        r["outcome"]["node"] = None
        rows.append(r)
    missing = table_row(
        "bad-env-missing",
        "nothing set: every missing setting is named",
        "from_env",
        "env",
        everywhere(
            CONFIG, ["missing environment variables", "R2_BUCKET"], ["missing environment variables", "R2_BUCKET"]
        ),
        env={},
    )
    rows.append(missing)
    return rows


def error_cases() -> list:
    """errors.json: the first table (also run by the vector runners) and the bad-input table."""
    return (
        first_table()
        + expiry_rows()
        + content_length_rows()
        + signing_time_rows()
        + metadata_rows()
        + key_rows()
        + keys_rows()
        + string_option_rows()
        + config_rows()
        + options_rows()
        + new_key_rows()
        + attachment_rows()
        + env_rows()
    )


def oracle_file(cases: list) -> dict:
    for c in cases:
        signer = {**SIGNER, **c.get("signer", {})}
        c["expect"] = botocore_presign(signer, c["op"], c["key"], c["args"])
    return {"schema": SCHEMA, "generator": GENERATOR, "signer": SIGNER, "cases": cases}


def check_aws_docs() -> None:
    c = AWS_DOCS["cases"][0]
    got = botocore_presign(AWS_DOCS["signer"], c["op"], c["key"], c["args"])
    if got != c["expect"]:
        raise SystemExit(f"botocore disagrees with AWS's example:\n{got}\n{c['expect']}")


def render(doc: dict) -> str:
    return json.dumps(doc, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def main() -> int:
    if botocore.__version__ != BOTOCORE:
        raise SystemExit(f"botocore {botocore.__version__} found, {BOTOCORE} pinned")
    check_aws_docs()
    files = {
        "put.json": oracle_file(put_cases()),
        "get.json": oracle_file(get_cases()),
        "keys.json": oracle_file(key_cases()),
        "styles.json": oracle_file(style_cases()),
        "multipart.json": oracle_file(multipart_cases()),
        "put_conditional.json": oracle_file(put_conditional_cases()),
        "complete_body.json": complete_body_file(),
        "aws_docs.json": AWS_DOCS,
        "errors.json": {
            "schema": SCHEMA,
            "generator": "hand-written in generate.py",
            "signer": TABLE_SIGNER,
            "cases": error_cases(),
        },
    }
    ids = [c["id"] for doc in files.values() for c in doc["cases"]]
    dupes = sorted({i for i in ids if ids.count(i) > 1})
    if dupes:
        raise SystemExit(f"duplicate case ids: {dupes}")
    check = "--check" in sys.argv[1:]
    drift = []
    for name, doc in files.items():
        text, path = render(doc), HERE / name
        if not check:
            path.write_text(text, encoding="utf-8")
        elif not path.exists() or path.read_text(encoding="utf-8") != text:
            drift.append(name)
        print(f"{name}: {len(doc['cases'])} cases")
    print(f"total: {len(ids)} cases")
    if drift:
        print(f"out of date (run tests/vectors/generate.py): {', '.join(drift)}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

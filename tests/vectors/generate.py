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


def err(id_, comment, op, key, code, named, signer=None, **args) -> dict:
    c = case(id_, comment, op, key, signer, **args)
    c["error"] = {"code": code, "message_contains": named}
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


def error_cases() -> list:
    cases = [
        err("err-key-empty", "empty key", "presign_get", "", INVALID, "key"),
        err("err-key-empty-put", "empty key", "presign_put", "", INVALID, "key"),
        err("err-key-1025", "1025 ASCII bytes", "presign_get", "k" * 1025, INVALID, "key"),
        err("err-key-1026-multibyte", "513 two-byte chars: 1026 bytes", "presign_put", "é" * 513, INVALID, "key"),
    ]
    seen: dict = {}
    for name, op, values in BAD_ARGS:
        for bad in values:
            n = seen[name] = seen.get(name, -1) + 1
            cases.append(err(f"err-{name}-{n}", f"{op}: {name} {bad!r}", op, "k.txt", INVALID, name, **{name: bad}))
    for field, values in BAD_SIGNER:
        for bad in values:
            n = seen[field] = seen.get(field, -1) + 1
            cases.append(
                err(f"err-{field}-{n}", f"{field} {bad!r}", "presign_get", "k.txt", CONFIG, field, {field: bad})
            )
    return cases


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
            "signer": SIGNER,
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

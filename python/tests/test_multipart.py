"""Multipart uploads, create-only writes and signed checksums: the API's
shape and errors, and whole uploads against the local S3 server, which
verifies signatures, ETags, checksums and conditions."""

from __future__ import annotations

import base64
import hashlib
import importlib.util
import json
import os
import re
import urllib.error
import urllib.request
import zlib
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pytest
from conftest import ACCESS_KEY, BUCKET, REPO, SECRET_KEY
from fastapi.testclient import TestClient
from test_server import call, send

import presigner
from presigner import InvalidArgumentError, Signer

T = datetime(2026, 1, 2, 3, 4, 5, tzinfo=timezone.utc)
PART = 5 * 1024 * 1024


@pytest.fixture
def signer() -> Signer:
    return Signer(
        endpoint="http://127.0.0.1:9000", bucket="bucket", access_key_id="AK", secret_access_key="SK"
    )


def crc32(data: bytes) -> str:
    return base64.b64encode(zlib.crc32(data).to_bytes(4, "big")).decode()


def upload_id_of(xml: bytes) -> str:
    match = re.search(rb"<UploadId>([^<]+)</UploadId>", xml)
    assert match, xml
    return match[1].decode()


def complete_body(etags: list[str]) -> bytes:
    parts = "".join(
        f"<Part><ETag>{e}</ETag><PartNumber>{n}</PartNumber></Part>" for n, e in enumerate(etags, 1)
    )
    return f'<CompleteMultipartUpload xmlns="http://s3.amazonaws.com/doc/2006-03-01/">{parts}</CompleteMultipartUpload>'.encode()


def test_methods_and_headers(signer: Signer) -> None:
    create = signer.presign_create_multipart_upload("k", content_type="video/mp4", checksum_algorithm="crc32")
    assert create.method == "POST" and "?uploads=&X-Amz-" in create.url
    assert create.headers == {"content-type": "video/mp4", "x-amz-checksum-algorithm": "CRC32"}
    part = signer.presign_upload_part(
        "k", "u+1/=", 7, content_length=10, checksum_algorithm="CRC32", checksum="AAAAAA=="
    )
    assert part.method == "PUT" and "?partNumber=7&uploadId=u%2B1%2F%3D&" in part.url
    assert part.headers == {"x-amz-checksum-crc32": "AAAAAA=="}, "content-length is signed, not returned"
    assert "content-length%3Bhost%3Bx-amz-checksum-crc32" in part.url
    listing = signer.presign_list_parts("k", "u", max_parts=2, part_number_marker=0)
    assert listing.method == "GET" and "?max-parts=2&part-number-marker=0&uploadId=u&" in listing.url
    complete = signer.presign_complete_multipart_upload("k", "u", if_none_match="*")
    assert complete.method == "POST" and complete.headers == {"if-none-match": "*"}
    abort = signer.presign_abort_multipart_upload("k", "u")
    assert abort.method == "DELETE" and abort.headers == {}
    put = signer.presign_put("k", if_none_match="*", checksum_algorithm="SHA256", checksum="A" * 43 + "=")
    assert put.headers == {"if-none-match": "*", "x-amz-checksum-sha256": "A" * 43 + "="}
    assert "x-amz-checksum" not in put.url.split("X-Amz-SignedHeaders")[0].lower()


def test_upload_parts_signs_each_part_at_one_instant(signer: Signer) -> None:
    parts = signer.presign_upload_parts("big.bin", "up-1", 10_000, signing_time=T, expires_in=900)
    assert len(parts) == 10_000
    for n in (1, 2, 5_000, 10_000):
        assert parts[n - 1] == signer.presign_upload_part(
            "big.bin", "up-1", n, signing_time=T, expires_in=900
        )
    assert len({p.expires_at for p in signer.presign_upload_parts("k", "u", 50)}) == 1


@pytest.mark.parametrize(
    ("call_", "message"),
    [
        (lambda s: s.presign_upload_part("k", "u", 0), "part_number must be between 1 and 10000, got 0"),
        (
            lambda s: s.presign_upload_part("k", "u", 10_001),
            "part_number must be between 1 and 10000, got 10001",
        ),
        (lambda s: s.presign_upload_part("k", "u", 2**70), f"got {2**70}"),
        (lambda s: s.presign_upload_parts("k", "u", 10_001), "part_count must be between 1 and 10000"),
        (lambda s: s.presign_upload_parts("k", "u", -1), "part_count must be between 1 and 10000, got -1"),
        (lambda s: s.presign_list_parts("k", "u", max_parts=1001), "max_parts must be between 1 and 1000"),
        (
            lambda s: s.presign_list_parts("k", "u", part_number_marker=-1),
            "part_number_marker must be between 0",
        ),
        (
            lambda s: s.presign_abort_multipart_upload("k", ""),
            "upload_id must be 1 to 1024 bytes long, got 0",
        ),
        (
            lambda s: s.presign_abort_multipart_upload("k", "u" * 1025),
            "upload_id must be 1 to 1024 bytes long",
        ),
        (lambda s: s.presign_abort_multipart_upload("k", "a\ud800"), "upload_id must be well-formed Unicode"),
        (lambda s: s.presign_put("k", checksum="AAAAAA=="), "checksum_algorithm is missing"),
        (lambda s: s.presign_put("k", checksum_algorithm="CRC32"), "checksum is missing"),
        (
            lambda s: s.presign_put("k", checksum_algorithm="MD5", checksum="x"),
            "checksum_algorithm must be one of",
        ),
        (lambda s: s.presign_put("k", checksum_algorithm="CRC32", checksum="AAAA"), "base64 of a CRC32"),
        (lambda s: s.presign_upload_part("k", "u", 1, checksum_algorithm="SHA1", checksum="!" * 28), "SHA1"),
        (
            lambda s: s.presign_put(
                "k", checksum_sha256="A" * 43 + "=", checksum_algorithm="SHA256", checksum="B" * 43 + "="
            ),
            "checksum_sha256 and checksum set the same header",
        ),
        (lambda s: s.presign_complete_multipart_upload("k", "u", if_none_match="a\nb"), "if_none_match"),
    ],
)
def test_bad_multipart_input_is_the_cores_error(signer: Signer, call_: Any, message: str) -> None:
    with pytest.raises(InvalidArgumentError) as info:
        call_(signer)
    assert message in str(info.value)
    assert info.value.code == "ERR_PRESIGNER_INVALID_ARGUMENT"


@pytest.mark.parametrize("bad", ["1", 1.0, None, True])
def test_a_part_number_of_another_type_is_a_type_error(signer: Signer, bad: Any) -> None:
    with pytest.raises(TypeError):
        signer.presign_upload_part("k", "u", bad)


def test_a_whole_multipart_upload_against_the_server(server_signer: presigner.Signer) -> None:
    s = server_signer
    key = "py/multi part/big é.bin"
    body = os.urandom(2 * PART + 12_345)
    chunks = [body[:PART], body[PART : 2 * PART], body[2 * PART :]]
    status, xml = call(s.presign_create_multipart_upload(key, content_type="application/octet-stream"), b"")
    assert status == 200, xml
    upload_id = upload_id_of(xml)
    etags = []
    for part, chunk in zip(s.presign_upload_parts(key, upload_id, 3), chunks, strict=True):
        request = urllib_request(part, chunk)
        assert request[0] == 200, request
        etags.append(request[1]["etag"])
    assert etags == [f'"{hashlib.md5(c).hexdigest()}"' for c in chunks]
    status, listing = call(s.presign_list_parts(key, upload_id))
    listed = presigner.parse_list_parts(listing)
    assert status == 200 and [p["etag"] for p in listed["parts"]] == etags, listing
    assert [p["size"] for p in listed["parts"]] == [len(c) for c in chunks]
    assert presigner.parse_create_multipart_upload(xml)["upload_id"] == upload_id
    status, page = call(s.presign_list_parts(key, upload_id, max_parts=1, part_number_marker=1))
    paged = presigner.parse_list_parts(page)
    assert [p["part_number"] for p in paged["parts"]] == [2] and paged["is_truncated"], page
    assert paged["next_part_number_marker"] == 2
    complete = s.presign_complete_multipart_upload(key, upload_id)
    body_xml = presigner.complete_multipart_upload_body(list(enumerate(etags, 1))).encode()
    assert body_xml == complete_body(etags), "the library's body is the one written out here"
    headers = {**complete.headers, "content-type": "application/xml"}
    status, answer = send(complete.method, complete.url, headers, body_xml)
    assert status == 200 and b"<Location>" in answer, answer
    status, got = call(s.presign_get(key))
    assert status == 200 and hashlib.sha256(got).digest() == hashlib.sha256(body).digest()


def test_abort_then_list_parts_is_no_such_upload(server_signer: presigner.Signer) -> None:
    s = server_signer
    upload_id = upload_id_of(call(s.presign_create_multipart_upload("py/aborted.bin"), b"")[1])
    assert call(s.presign_upload_part("py/aborted.bin", upload_id, 1), b"x")[0] == 200
    assert call(s.presign_abort_multipart_upload("py/aborted.bin", upload_id))[0] == 204
    status, error = call(s.presign_list_parts("py/aborted.bin", upload_id))
    assert status == 404 and presigner.parse_error(error)["code"] == "NoSuchUpload", error


def test_create_only_put_and_signed_checksums(server_signer: presigner.Signer) -> None:
    s = server_signer
    once = s.presign_put("py/once.txt", if_none_match="*")
    assert call(once, b"first")[0] == 200
    assert call(s.presign_put("py/once.txt", if_none_match="*"), b"second")[0] == 412
    assert call(s.presign_get("py/once.txt"))[1] == b"first"
    data = b"checked bytes"
    wrong = s.presign_put("py/crc.txt", checksum_algorithm="CRC32", checksum=crc32(b"other bytes"))
    status, error = call(wrong, data)
    assert status == 400 and b"BadDigest" in error, error
    right = s.presign_put("py/crc.txt", checksum_algorithm="CRC32", checksum=crc32(data))
    assert call(right, data)[0] == 200


def urllib_request(req: presigner.PresignedRequest, body: bytes) -> tuple[int, dict[str, str]]:
    """Status and lower-cased response headers of one presigned request."""
    request = urllib.request.Request(req.url, data=body, method=req.method, headers=req.headers)
    try:
        with urllib.request.urlopen(request, timeout=30) as resp:
            return resp.status, {k.lower(): v for k, v in resp.headers.items()}
    except urllib.error.HTTPError as err:
        return err.code, {"body": err.read().decode(errors="replace")}


def test_complete_body_matches_botocore() -> None:
    doc = json.loads(
        (Path(__file__).resolve().parents[2] / "tests/vectors/complete_body.json").read_text("utf-8")
    )
    assert doc["schema"] == "presigner-complete-body/1" and doc["cases"]
    for case in doc["cases"]:
        pairs = [(n, etag) for n, etag in case["parts"]]
        assert presigner.complete_multipart_upload_body(pairs) == case["expect_xml"], case["id"]
        dicts = [{"part_number": n, "etag": etag} for n, etag in reversed(pairs)]
        assert presigner.complete_multipart_upload_body(dicts) == case["expect_xml"], case["id"]


def test_complete_body_refuses_bad_parts() -> None:
    with pytest.raises(InvalidArgumentError, match="parts"):
        presigner.complete_multipart_upload_body([])
    with pytest.raises(InvalidArgumentError, match="parts"):
        presigner.complete_multipart_upload_body([(1, '"a"'), (1, '"b"')])
    with pytest.raises(InvalidArgumentError, match="part_number must be between 1 and 10000"):
        presigner.complete_multipart_upload_body([(0, '"a"')])
    with pytest.raises(TypeError, match=r"parts\[0\]"):
        presigner.complete_multipart_upload_body([("1", '"a"')])
    with pytest.raises(TypeError):
        presigner.complete_multipart_upload_body(5)


def test_xml_answers_are_read_and_hostile_ones_refused() -> None:
    created = presigner.parse_create_multipart_upload(
        b'<?xml version="1.0" encoding="UTF-8"?>\n'
        b'<InitiateMultipartUploadResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">'
        b"<Bucket>bkt</Bucket><Key>a &amp; b</Key><UploadId>VXBs+/=</UploadId>"
        b"</InitiateMultipartUploadResult>"
    )
    assert created == {"bucket": "bkt", "key": "a & b", "upload_id": "VXBs+/="}
    error = presigner.parse_error(
        "<Error><Code>NoSuchUpload</Code><Message>gone</Message><UploadId>u</UploadId><RequestId>r1</RequestId></Error>"
    )
    assert error["code"] == "NoSuchUpload" and error["message"] == "gone" and error["request_id"] == "r1"
    assert error["upload_id"] == "u"
    hostile = [
        b'<!DOCTYPE x [<!ENTITY a "aaaa">]><Error><Code>&a;</Code></Error>',
        b"<Error><Code>Trunc",
        b"<a>" * 100_000,
        b"<Error><Code>\xff</Code></Error>",
        b" " * (17 * 1024 * 1024),
    ]
    for body in hostile:
        with pytest.raises(presigner.XmlError) as info:
            presigner.parse_error(body)
        assert info.value.code == "ERR_PRESIGNER_XML" and len(str(info.value)) < 400
    with pytest.raises(TypeError):
        presigner.parse_list_parts(123)


def test_plan_parts() -> None:
    assert presigner.plan_parts(0) == {"part_size": 8 << 20, "part_count": 1, "last_part_size": 0}
    assert presigner.plan_parts(20 << 20) == {
        "part_size": 8 << 20,
        "part_count": 3,
        "last_part_size": 4 << 20,
    }
    plan = presigner.plan_parts(100 << 30)
    assert (
        plan["part_count"] <= 10_000
        and plan["part_size"] * (plan["part_count"] - 1) + plan["last_part_size"] == 100 << 30
    )
    for size, part_size, match in [
        (-1, None, "size"),
        (2**70, None, "size"),
        (100 << 20, 1 << 20, "part_size"),
    ]:
        with pytest.raises(InvalidArgumentError, match=match):
            presigner.plan_parts(size, part_size)


def test_the_readme_large_files_example(s3server: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """python/examples/large_files.py, run for real: the server starts and
    finishes the upload, the 'browser' PUTs 12 MiB in parts to the URLs."""
    for name, value in [("R2_ENDPOINT", s3server), ("R2_ACCESS_KEY_ID", ACCESS_KEY)]:
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("R2_SECRET_ACCESS_KEY", SECRET_KEY)
    monkeypatch.setenv("R2_BUCKET", BUCKET)
    spec = importlib.util.spec_from_file_location(
        "large_files_example", REPO / "python/examples/large_files.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    client = TestClient(module.app)
    data = os.urandom(20 << 20)
    started = client.post(
        "/multipart/start", json={"filename": "film.MP4", "content_type": "video/mp4", "size": len(data)}
    )
    assert started.status_code == 200, started.text
    plan = started.json()
    assert len(plan["urls"]) == 3 and plan["part_size"] == 8 << 20
    etags = []
    for i, url in enumerate(plan["urls"]):
        chunk = data[i * plan["part_size"] : (i + 1) * plan["part_size"]]
        status, etag = put_part(url, chunk)
        assert status == 200
        etags.append(etag)
    done = client.post(
        "/multipart/finish", json={"key": plan["key"], "upload_id": plan["upload_id"], "etags": etags}
    )
    assert done.status_code == 200, done.text
    status, got = call(module.signer.presign_get(plan["key"]))
    assert status == 200 and got == data
    head = urllib_request(module.signer.presign_head(plan["key"]), b"")
    assert head[1]["content-type"] == "video/mp4"


def put_part(url: str, chunk: bytes) -> tuple[int, str]:
    """A part PUT as a browser sends it: no extra headers. Status and ETag."""
    request = urllib.request.Request(url, data=chunk, method="PUT")
    with urllib.request.urlopen(request, timeout=60) as resp:
        return resp.status, resp.headers["etag"]


def test_readme_shows_the_large_files_example() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    snippet = readme.split("## Large files", 1)[1].split("```python\n", 1)[1].split("```", 1)[0]
    example = (REPO / "python/examples/large_files.py").read_text(encoding="utf-8")
    assert [line for line in snippet.splitlines() if line.strip()] == [
        line for line in example.splitlines() if line.strip()
    ]

"""Round trips against the local S3-compatible server, which verifies signatures."""

from __future__ import annotations

import os
import urllib.error
import urllib.request
from collections.abc import Mapping

import presigner


def send(method: str, url: str, headers: Mapping[str, str], body: bytes | None = None) -> tuple[int, bytes]:
    """Status and body of one request made with urllib."""
    request = urllib.request.Request(url, data=body, method=method, headers=dict(headers))
    try:
        with urllib.request.urlopen(request, timeout=30) as resp:
            return resp.status, resp.read()
    except urllib.error.HTTPError as err:
        return err.code, err.read()


def call(req: presigner.PresignedRequest, body: bytes | None = None) -> tuple[int, bytes]:
    """Sends a presigned request with exactly its headers."""
    return send(req.method, req.url, req.headers, body)


def test_put_then_get_returns_the_same_bytes(server_signer: presigner.Signer) -> None:
    body = os.urandom(300_000)
    for key in ["py/data.bin", "py/with space+plus=&?.bin", "py/ünïcödé 😀.bin", "py/a/./b/../c"]:
        put = server_signer.presign_put(
            key,
            content_type="application/octet-stream",
            content_length=len(body),
            metadata={"origin": "pytest"},
        )
        assert call(put, body)[0] == 200, key
        status, got = call(server_signer.presign_get(key))
        assert status == 200 and got == body, key
        assert call(server_signer.presign_head(key))[0] == 200, key
    assert call(server_signer.presign_delete("py/data.bin"))[0] == 204
    assert call(server_signer.presign_get("py/data.bin"))[0] == 404


def test_tampered_url_is_rejected(server_signer: presigner.Signer) -> None:
    assert call(server_signer.presign_put("py/t.txt"), b"x")[0] == 200
    get = server_signer.presign_get("py/t.txt")
    assert call(get)[0] == 200
    base, _, signature = get.url.rpartition("X-Amz-Signature=")
    forged = signature[:-1] + ("0" if signature[-1] != "0" else "1")
    assert send("GET", base + "X-Amz-Signature=" + forged, {})[0] == 403
    other_key = get.url.replace("/py/t.txt?", "/py/u.txt?")
    assert send("GET", other_key, {})[0] == 403


def test_signed_headers_must_be_sent_as_signed(server_signer: presigner.Signer) -> None:
    put = server_signer.presign_put("py/typed.txt", content_type="text/plain")
    assert send("PUT", put.url, {"content-type": "text/html"}, b"<b>")[0] == 403
    assert call(put, b"plain")[0] == 200

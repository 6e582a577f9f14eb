"""The README's Uppy quick start for FastAPI (python/examples/uppy_quickstart.py),
run for real against the local signature-checking server: what Uppy asks to
sign is signed, uploads, and cannot overwrite; what the policy forbids is a
JSON error with its status."""

from __future__ import annotations

import importlib.util
import re
from types import ModuleType

import pytest
from conftest import ACCESS_KEY, BUCKET, REPO, SECRET_KEY
from fastapi.testclient import TestClient
from test_server import send

UUID = r"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"


@pytest.fixture
def example(s3server: str, monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    monkeypatch.setenv("R2_ENDPOINT", s3server)
    monkeypatch.setenv("R2_ACCESS_KEY_ID", ACCESS_KEY)
    monkeypatch.setenv("R2_SECRET_ACCESS_KEY", SECRET_KEY)
    monkeypatch.setenv("R2_BUCKET", BUCKET)
    path = REPO / "python/examples/uppy_quickstart.py"
    spec = importlib.util.spec_from_file_location("uppy_quickstart", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_put_object_uploads_once_and_cannot_overwrite(example: ModuleType) -> None:
    client = TestClient(example.app)
    resp = client.post("/s3/sign", json={"method": "PUT", "key": "0b1c-cat.JPG", "contentType": "image/jpeg"})
    assert resp.status_code == 200, resp.text
    signed = resp.json()
    assert signed["method"] == "PUT"
    assert re.fullmatch(rf"uploads/{UUID}\.jpg", signed["key"]), signed["key"]
    assert signed["headers"] == {"content-type": "image/jpeg", "if-none-match": "*"}

    assert send("PUT", signed["url"], signed["headers"], b"jpeg bytes")[0] == 200
    status, body = send("PUT", signed["url"], signed["headers"], b"other bytes")
    assert status == 412 and b"<Code>PreconditionFailed</Code>" in body


def test_refusals_are_json_errors_with_their_status(example: ModuleType) -> None:
    client = TestClient(example.app)
    key = "uploads/0b7e6a8c-3f1d-4c2e-9a5b-7d8e9f0a1b2c.jpg"
    for request, status in [
        ({"method": "PUT", "key": "page.html", "contentType": "text/html"}, 403),
        ({"method": "POST", "key": "movie.mp4"}, 403),  # content_types set: a type is needed
        ({"method": "DELETE", "key": key}, 403),
        ({"method": "GET", "key": "../etc/passwd", "uploadId": "x"}, 403),
        ({"method": "PUT", "key": key, "uploadId": "x", "partNumber": 0}, 400),
        ({"method": "PATCH", "key": key}, 400),
    ]:
        resp = client.post("/s3/sign", json=request)
        assert resp.status_code == status, (request, resp.text)
        assert isinstance(resp.json()["error"], str), request
    resp = client.post("/s3/sign", content=b"not json", headers={"content-type": "application/json"})
    assert resp.status_code == 400, resp.text


def test_readme_shows_this_quick_start() -> None:
    """The README's Uppy FastAPI snippet is python/examples/uppy_quickstart.py, line for line."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Uppy", 1)[1].split("### Python (FastAPI)", 1)[1]
    snippet = section.split("```python\n", 1)[1].split("```", 1)[0]
    example = (REPO / "python/examples/uppy_quickstart.py").read_text(encoding="utf-8")
    assert [line for line in snippet.splitlines() if line.strip()] == [
        line for line in example.splitlines() if line.strip()
    ]

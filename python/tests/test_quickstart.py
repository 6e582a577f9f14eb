"""The README's FastAPI quick start (python/examples/quickstart.py), run for
real: the URL it answers uploads to the local signature-checking server."""

from __future__ import annotations

import importlib.util

import pytest
from conftest import ACCESS_KEY, BUCKET, REPO, SECRET_KEY
from fastapi.testclient import TestClient
from test_server import call, send

import presigner


def test_quickstart_uploads(s3server: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("R2_ENDPOINT", s3server)
    monkeypatch.setenv("R2_ACCESS_KEY_ID", ACCESS_KEY)
    monkeypatch.setenv("R2_SECRET_ACCESS_KEY", SECRET_KEY)
    monkeypatch.setenv("R2_BUCKET", BUCKET)
    spec = importlib.util.spec_from_file_location("quickstart", REPO / "python/examples/quickstart.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert isinstance(module.signer, presigner.Signer)

    resp = TestClient(module.app).post(
        "/pre-signed-url", json={"filename": "cat.JPG", "content_type": "image/jpeg"}
    )
    assert resp.status_code == 200, resp.text
    body = resp.json()
    assert set(body) == {"key", "method", "url", "headers"}
    assert body["method"] == "PUT" and body["key"].startswith("uploads/") and body["key"].endswith(".jpg")
    assert body["headers"] == {"content-type": "image/jpeg"}

    jpeg = b"\xff\xd8\xff\xe0 jpeg bytes"
    assert send(body["method"], body["url"], body["headers"], jpeg)[0] == 200
    status, data = call(module.signer.presign_get(body["key"]))
    assert status == 200 and data == jpeg


def test_readme_shows_this_quick_start() -> None:
    """The README's FastAPI snippet is python/examples/quickstart.py, line for line."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    snippet = readme.split("## Python", 1)[1].split("```python\n", 1)[1].split("```", 1)[0]
    example = (REPO / "python/examples/quickstart.py").read_text(encoding="utf-8")

    def code(text: str) -> list[str]:
        return [line for line in text.splitlines() if line.strip()]

    assert code(snippet) == code(example)

"""Every case of tests/vectors (expected values from botocore) through the Python API."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from conftest import load_vectors, parse_time, split_url

import presigner

CASES = load_vectors()


@pytest.mark.parametrize(("file_signer", "case"), CASES, ids=[case["id"] for _, case in CASES])
def test_vector(file_signer: dict[str, Any], case: dict[str, Any]) -> None:
    config = {**file_signer, **case.get("signer", {})}
    args = dict(case["args"])
    args["signing_time"] = parse_time(args["signing_time"])

    def run() -> presigner.PresignedRequest:
        signer = presigner.Signer(**config)
        result: presigner.PresignedRequest = getattr(signer, case["op"])(case["key"], **args)
        return result

    if "error" in case:
        with pytest.raises(presigner.PresignerError) as info:
            run()
        assert info.value.code == case["error"]["code"], str(info.value)
        assert case["error"]["message_contains"] in str(info.value)
        return
    want = case["expect"]
    got = run()
    assert got.method == want["method"]
    assert split_url(got.url) == split_url(want["url"])
    assert got.headers == want["headers"]
    assert got.expires_at == parse_time(want["expires_at"])


@pytest.mark.parametrize(
    ("cases", "complaint"),
    [
        (None, "no vector files"),
        ([], "no cases"),
        ([{"id": "a", "op": "presign_get", "expect": {}}] * 2, "duplicate case id"),
        ([{"id": "a", "op": "presign_post", "expect": {}}], "unknown op"),
        ([{"id": "a", "op": "presign_get"}], "needs expect or error"),
    ],
)
def test_loader_refuses_bad_folders(
    tmp_path: Path, cases: list[dict[str, Any]] | None, complaint: str
) -> None:
    if cases is not None:
        doc = {"schema": "presigner-vectors/1", "signer": {}, "cases": cases}
        (tmp_path / "x.json").write_text(json.dumps(doc))
    with pytest.raises(AssertionError, match=complaint):
        load_vectors(tmp_path)

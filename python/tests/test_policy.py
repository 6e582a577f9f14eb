"""UploadPolicy: the shared table (tests/vectors/policy.json, also run by
the Rust and Node suites) through the installed wheel, and what only Python
has: the constructor's arguments, PolicyError, dicts from json.loads."""

from __future__ import annotations

import json
import re
import uuid
from datetime import timedelta
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

import pytest
from conftest import VECTORS

import presigner
from presigner import InvalidArgumentError, PolicyError, PresignerError, Signer, UploadPolicy

TABLE = json.loads((VECTORS / "policy.json").read_text(encoding="utf-8"))
assert TABLE["schema"] == "presigner-upload-policy/1"
CASES = TABLE["cases"]
KEY = "uploads/0b5f6c6e-9d36-4e8b-a2b8-0f5d1d1b8e59.mp4"
ILL_FORMED = "must be well-formed Unicode: it holds a lone surrogate"
MAX_RANGE = "max_expires_in must be between 1 and 604800"
SECONDS = "max_expires_in must be an int (seconds) or a datetime.timedelta"


@pytest.fixture(scope="module")
def signer() -> Signer:
    s = TABLE["signer"]
    return Signer(
        endpoint=s["endpoint"],
        bucket=s["bucket"],
        access_key_id=s["accessKeyId"],
        secret_access_key=s["secretAccessKey"],
    )


def policy_of(options: dict[str, Any]) -> UploadPolicy:
    names = {
        "prefix": "prefix",
        "maxExpiresIn": "max_expires_in",
        "createOnly": "create_only",
        "contentTypes": "content_types",
        "allowDelete": "allow_delete",
    }
    return UploadPolicy(**{names[k]: v for k, v in options.items()})


def is_issued(key: str, prefix: str, ext: str | None) -> bool:
    if not key.startswith(prefix):
        return False
    rest = key[len(prefix) :]
    ident, tail = rest[:36], rest[36:]
    try:
        parsed = uuid.UUID(ident)
    except ValueError:
        return False
    return parsed.version == 4 and str(parsed) == ident and tail == (f".{ext}" if ext else "")


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_shared_table(signer: Signer, case: dict[str, Any]) -> None:
    policy = policy_of(case["policy"])
    if "error" in case:
        with pytest.raises(PolicyError) as info:
            policy.sign(signer, case["request"])
        assert info.value.status == case["error"]["status"]
        assert str(info.value) == case["error"]["message"]
        assert info.value.code == "ERR_PRESIGNER_POLICY"
        return
    expect = case["expect"]
    signed = policy.sign(signer, case["request"])
    assert set(signed) == {"method", "url", "key", "headers"}
    if expect["key"] == "issued":
        assert is_issued(signed["key"], expect["prefix"], expect["extension"]), signed["key"]
    else:
        assert signed["key"] == case["request"]["key"]
    assert signed["method"] == expect["method"]
    url = urlsplit(signed["url"])
    assert unquote(url.path) == f"/bkt/{signed['key']}"
    query = dict(parse_qsl(url.query, keep_blank_values=True))
    assert {k: v for k, v in query.items() if not k.startswith("X-Amz-")} == expect["query"]
    assert query["X-Amz-Expires"] == str(expect["expires"])
    assert signed["headers"] == expect["headers"]
    assert query["X-Amz-SignedHeaders"] == ";".join(sorted([*expect["headers"], "host"]))


def test_policy_error_is_a_presigner_error_with_a_status(signer: Signer) -> None:
    assert issubclass(PolicyError, PresignerError)
    assert not issubclass(PolicyError, ValueError)
    assert PolicyError.code == "ERR_PRESIGNER_POLICY"
    assert presigner.PolicyError is PolicyError
    with pytest.raises(PolicyError) as info:
        UploadPolicy().sign(signer, {"method": "DELETE", "key": KEY})
    assert (info.value.status, str(info.value)) == (403, "DeleteObject is not allowed by this upload policy")


def test_json_numbers_and_python_types(signer: Signer) -> None:
    policy = UploadPolicy()
    # json.loads reads 3.0 as a float; JSON means the whole number 3.
    body = f'{{"method": "PUT", "key": "{KEY}", "uploadId": "u", "partNumber": 3.0}}'
    part = policy.sign(signer, json.loads(body))
    assert "partNumber=3&" in part["url"]
    huge = policy.sign(signer, {"method": "GET", "key": KEY, "uploadId": "u", "expiresIn": 10**40})
    assert "X-Amz-Expires=900&" in huge["url"]
    for value, got in [
        (2**200 * -1, "between 1 and 10000, got a number under -2^127"),
        (float("nan"), "a whole number, got a number that is not whole"),
        (float("inf"), "a whole number, got a number that is not whole"),
        (b"3", "a whole number, got a value that is not JSON"),
        ((1,), "a whole number, got an array"),
    ]:
        with pytest.raises(PolicyError) as info:
            policy.sign(signer, {"method": "PUT", "key": KEY, "uploadId": "u", "partNumber": value})
        assert info.value.status == 400
        assert str(info.value) == f"request.partNumber must be {got}"


def test_lone_surrogates_from_json_are_a_400(signer: Signer) -> None:
    # JSON allows a lone \ud800 escape, and json.loads keeps it.
    for body, message in [
        ('{"method": "PUT", "key": "\\ud800.png"}', f"request.key {ILL_FORMED}"),
        (
            '{"method": "PUT", "key": "a", "contentType": "image/\\udfff"}',
            f"request.contentType {ILL_FORMED}",
        ),
        # The name is echoed lossily: the surrogate's three bytes, each U+FFFD.
        ('{"method": "PUT", "key": "a", "\\ud800": 1}', 'request has an unknown field "\ufffd\ufffd\ufffd"'),
    ]:
        with pytest.raises(PolicyError) as info:
            UploadPolicy().sign(signer, json.loads(body))
        assert info.value.status == 400
        assert str(info.value).startswith(message)
        str(info.value).encode()  # well-formed: a server can send it


def test_not_a_json_object_is_a_400(signer: Signer) -> None:
    for request in [None, [], "PUT", 3, {1: "PUT"}, {b"method": "PUT"}]:
        with pytest.raises(PolicyError) as info:
            UploadPolicy().sign(signer, request)
        assert (info.value.status, str(info.value)) == (400, "request must be a JSON object")


def test_settings() -> None:
    policy = UploadPolicy()
    settings = (
        policy.prefix,
        policy.max_expires_in,
        policy.create_only,
        policy.content_types,
        policy.allow_delete,
    )
    assert settings == ("uploads/", 900, True, None, False)
    p = UploadPolicy(
        prefix="media",
        max_expires_in=timedelta(minutes=5),
        create_only=False,
        content_types=["image/*"],
        allow_delete=True,
    )
    assert (p.prefix, p.max_expires_in, p.create_only, p.content_types, p.allow_delete) == (
        "media",
        300,
        False,
        ["image/*"],
        True,
    )
    assert repr(p) == (
        'UploadPolicy(prefix="media", max_expires_in=300, create_only=False, '
        'content_types=("image/*", ), allow_delete=True)'
    )


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"prefix": "../x"}, "prefix must not hold empty, '.' or '..' segments"),
        ({"prefix": "/x"}, "prefix must not start with '/'"),
        ({"max_expires_in": 0}, f"{MAX_RANGE}, got 0"),
        ({"max_expires_in": 604801}, f"{MAX_RANGE}, got 604801"),
        ({"max_expires_in": -(2**100)}, f"{MAX_RANGE}, got -1267650600228229401496703205376"),
        ({"max_expires_in": 2**200}, f"{MAX_RANGE}, got a number over 2^127"),
        (
            {"content_types": []},
            "content_types must list at least one content type (leave it unset to allow any)",
        ),
        (
            {"content_types": ("image/*", "png")},
            'content_types entry "png" must be type/subtype, type/* or */*',
        ),
    ],
)
def test_bad_settings_are_invalid_argument_errors(kwargs: dict[str, Any], message: str) -> None:
    with pytest.raises(InvalidArgumentError) as info:
        UploadPolicy(**kwargs)
    assert str(info.value) == message


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"content_types": "image/*"}, "content_types must be a list or tuple of str, not str"),
        ({"content_types": [1]}, "content_types must be a list or tuple of str"),
        ({"max_expires_in": True}, f"{SECONDS}, not bool"),
        ({"max_expires_in": 1.5}, f"{SECONDS}, not float"),
        ({"prefix": 1}, None),
    ],
)
def test_wrong_setting_types_are_type_errors(kwargs: dict[str, Any], message: str | None) -> None:
    with pytest.raises(TypeError) as info:
        UploadPolicy(**kwargs)
    if message is not None:
        assert str(info.value) == message


def test_settings_are_keyword_only() -> None:
    with pytest.raises(TypeError):
        UploadPolicy("uploads/")  # type: ignore[misc]


def test_signed_put_matches_the_signers_own_put(signer: Signer) -> None:
    """The URL is the one presign_put gives for the issued key and options
    (same second): the policy adds nothing else."""
    for _ in range(5):
        signed = UploadPolicy(max_expires_in=600).sign(
            signer, {"method": "PUT", "key": "x.png", "contentType": "image/png"}
        )
        own = signer.presign_put(signed["key"], content_type="image/png", if_none_match="*", expires_in=600)
        date = re.compile(r"X-Amz-Date=[^&]+|X-Amz-Signature=[0-9a-f]+")
        if date.findall(signed["url"])[0] == date.findall(own.url)[0]:
            assert signed["url"] == own.url
            assert signed["headers"] == own.headers
            return
    pytest.fail("five tries never fell in one second")

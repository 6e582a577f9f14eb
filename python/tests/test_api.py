"""The Python surface: kwargs and defaults, datetimes, errors, repr, from_env."""

from __future__ import annotations

import inspect
import os
import pickle
import sys
import time
import traceback
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from typing import Any

import pytest

import presigner
from presigner import ConfigError, InvalidArgumentError, PresignedRequest, PresignerError, Signer

SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
TOKEN = "FwoGZXIvYXdzEBYaDH/secret+token="
T = datetime(2026, 1, 2, 3, 4, 5, tzinfo=timezone.utc)
ENV_PREFIXES = ("R2_", "AWS_", "S3_")


@pytest.fixture
def signer() -> Signer:
    return Signer(
        endpoint="http://127.0.0.1:9000",
        bucket="bucket",
        access_key_id="AKID",
        secret_access_key=SECRET,
        session_token=TOKEN,
    )


@pytest.fixture
def clean_env(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    for name in list(os.environ):
        if name.startswith(ENV_PREFIXES):
            monkeypatch.delenv(name)
    return monkeypatch


def test_public_names() -> None:
    assert set(presigner.__all__) == {
        "DEFAULT_EXPIRES_IN_SECS",
        "ConfigError",
        "InvalidArgumentError",
        "PolicyError",
        "PresignedRequest",
        "PresignerError",
        "Signer",
        "UploadPolicy",
        "XmlError",
        "__version__",
        "attachment",
        "complete_multipart_upload_body",
        "new_key",
        "parse_create_multipart_upload",
        "parse_error",
        "parse_list_parts",
        "plan_parts",
        "presign_get",
        "presign_put",
    }
    assert all(hasattr(presigner, name) for name in presigner.__all__)
    assert presigner.__version__.count(".") == 2
    assert presigner.DEFAULT_EXPIRES_IN_SECS == 3600


def test_defaults(signer: Signer) -> None:
    r = signer.presign_get("k", signing_time=T)
    assert r.method == "GET"
    assert "X-Amz-Expires=3600" in r.url and "%2Fauto%2Fs3%2F" in r.url
    assert r.url.startswith("http://127.0.0.1:9000/bucket/k?")
    assert r.expires_at == T + timedelta(seconds=presigner.DEFAULT_EXPIRES_IN_SECS)
    assert r.expires_at.tzinfo is not None and r.expires_at.utcoffset() == timedelta(0)
    assert r.headers == {}
    assert signer.presign_put("k", signing_time=T).method == "PUT"
    assert signer.presign_head("k", signing_time=T).method == "HEAD"
    assert signer.presign_delete("k", signing_time=T).method == "DELETE"


def test_signing_time_defaults_to_now(signer: Signer) -> None:
    before = datetime.now(timezone.utc).replace(microsecond=0)
    r = signer.presign_get("k", expires_in=60)
    assert (
        before + timedelta(seconds=60) <= r.expires_at <= datetime.now(timezone.utc) + timedelta(seconds=60)
    )


def test_every_option_is_passed_through(signer: Signer) -> None:
    put = signer.presign_put(
        "k",
        expires_in=120,
        content_type="image/png",
        content_length=3,
        content_md5="bWQ1",
        checksum_sha256="c2hh",
        cache_control="no-cache",
        content_disposition="inline",
        metadata={"Owner": "me"},
        signing_time=T,
    )
    # content-length is signed (see the URL) but not returned: clients set it.
    assert "X-Amz-SignedHeaders=cache-control%3Bcontent-disposition%3Bcontent-length%3B" in put.url
    assert put.headers == {
        "content-type": "image/png",
        "content-md5": "bWQ1",
        "x-amz-checksum-sha256": "c2hh",
        "cache-control": "no-cache",
        "content-disposition": "inline",
        "x-amz-meta-owner": "me",
    }
    assert put.expires_at == T + timedelta(seconds=120)
    get = signer.presign_get(
        "k",
        response_content_type="text/plain",
        response_content_disposition='attachment; filename="a b.txt"',
        response_cache_control="max-age=60",
        version_id="v1",
        signing_time=T,
    )
    for part in [
        "response-content-type=text%2Fplain",
        "response-content-disposition=attachment%3B%20filename%3D%22a%20b.txt%22",
        "response-cache-control=max-age%3D60",
        "versionId=v1",
    ]:
        assert part in get.url
    for method in (signer.presign_head, signer.presign_delete):
        assert "versionId=v2" in method("k", version_id="v2", signing_time=T).url


def test_timedelta_and_int_expiry_agree(signer: Signer) -> None:
    a = signer.presign_put("k", expires_in=timedelta(minutes=10), signing_time=T)
    b = signer.presign_put("k", expires_in=600, signing_time=T)
    assert a == b and "X-Amz-Expires=600" in a.url
    c = signer.presign_put("k", expires_in=timedelta(seconds=600, microseconds=999_999), signing_time=T)
    assert c == a


def test_signing_time_in_another_zone_is_the_same_instant(signer: Signer) -> None:
    plus2 = T.astimezone(timezone(timedelta(hours=2)))
    assert signer.presign_get("k", signing_time=plus2) == signer.presign_get("k", signing_time=T)
    assert signer.presign_get("k", signing_time=T.replace(microsecond=999_999)) == signer.presign_get(
        "k", signing_time=T
    )


def test_naive_datetime_is_an_error_not_a_guess(signer: Signer) -> None:
    with pytest.raises(TypeError, match="signing_time must be a timezone-aware datetime"):
        signer.presign_get("k", signing_time=datetime(2026, 1, 2))


def test_signing_time_before_1970_is_the_cores_error(signer: Signer) -> None:
    with pytest.raises(InvalidArgumentError, match="signing_time") as info:
        signer.presign_get("k", signing_time=datetime(1969, 12, 31, 23, 59, 59, tzinfo=timezone.utc))
    assert info.value.code == "ERR_PRESIGNER_INVALID_ARGUMENT"


@pytest.mark.parametrize(
    ("expires_in", "got"),
    [
        (-1, "-1"),
        (timedelta(seconds=-1), "-1"),
        (timedelta(milliseconds=-1), "-1"),
        (2**64, str(2**64)),
        (-(2**200), "a number under -2^127"),
    ],
)
def test_out_of_range_expiry_is_the_cores_error(signer: Signer, expires_in: Any, got: str) -> None:
    with pytest.raises(InvalidArgumentError, match="expires_in must be between 1 and 604800 seconds") as info:
        signer.presign_get("k", expires_in=expires_in)
    assert f"got {got}" in str(info.value)


@pytest.mark.parametrize("content_length", [-1, 2**64, 5 * 2**30 + 1, 2**200])
def test_out_of_range_content_length_is_the_cores_error(signer: Signer, content_length: int) -> None:
    with pytest.raises(InvalidArgumentError, match="content_length must be between 0 and 5368709120"):
        signer.presign_put("k", content_length=content_length)


def test_a_url_expiring_in_year_10000_is_refused_up_front(signer: Signer) -> None:
    late = datetime(9999, 12, 28, tzinfo=timezone.utc)
    with pytest.raises(InvalidArgumentError, match="signing_time"):
        signer.presign_get("k", signing_time=late, expires_in=timedelta(days=7))
    ok = signer.presign_get("k", signing_time=late, expires_in=3600)
    assert ok.expires_at == late + timedelta(hours=1)
    assert repr(ok) and ok.to_dict()["expires_at"] == ok.expires_at


LONE = "a\ud800b"


@pytest.mark.parametrize(
    ("call", "argument"),
    [
        (lambda s: s.presign_get(LONE), "key"),
        (lambda s: s.presign_put("k", content_type=LONE), "content_type"),
        (lambda s: s.presign_put("k", metadata={LONE: "v"}), "metadata"),
        (lambda s: s.presign_put("k", metadata={"a": LONE}), "metadata"),
        (lambda s: s.presign_get("k", version_id=LONE), "version_id"),
        (lambda s: s.presign_get_many(["ok", LONE]), "keys[1]"),
        (lambda s: presigner.new_key(LONE), "filename"),
        (lambda s: presigner.new_key("a.png", prefix=LONE), "prefix"),
        (lambda s: presigner.attachment(LONE), "filename"),
        (
            lambda s: Signer(
                endpoint="http://h", bucket="bkt", access_key_id="a", secret_access_key=SECRET + "\udfff"
            ),
            "secret_access_key",
        ),
    ],
)
def test_a_lone_surrogate_is_an_invalid_argument_that_echoes_nothing(
    call: Callable[[Signer], object], argument: str, signer: Signer
) -> None:
    with pytest.raises(InvalidArgumentError) as info:
        call(signer)
    assert str(info.value) == f"{argument} must be well-formed Unicode: it holds a lone surrogate"
    assert info.value.code == "ERR_PRESIGNER_INVALID_ARGUMENT"
    exc = info.value
    shown = repr(exc) + str(exc.args) + str(pickle.dumps(exc)) + "".join(traceback.format_exception(exc))
    assert SECRET not in shown and "\ud800" not in shown and "\udfff" not in shown
    assert exc.__cause__ is None and exc.__context__ is None


def test_presign_get_many_takes_any_iterable_and_trusts_no_length(signer: Signer) -> None:
    class Liar:
        def __init__(self, n: int) -> None:
            self.n = n

        def __len__(self) -> int:
            return self.n

        def __iter__(self) -> Any:
            return iter(["a", "b"])

    for n in (2**40, sys.maxsize, 0):
        urls = [r.url for r in signer.presign_get_many(Liar(n), signing_time=T)]
        assert urls == [signer.presign_get(k, signing_time=T).url for k in "ab"]
    gen = (f"k{i}" for i in range(3))
    assert len(signer.presign_get_many(gen)) == 3
    with pytest.raises(TypeError, match="keys must be an iterable of str, not str"):
        signer.presign_get_many("abc")
    with pytest.raises(TypeError, match=r"keys\[1\] must be a str, not int"):
        signer.presign_get_many(["a", 1])


def test_oversize_metadata_is_refused_at_once(signer: Signer) -> None:
    metadata = {f"m{i}": "v" for i in range(100_000)}
    start = time.perf_counter()
    with pytest.raises(InvalidArgumentError, match="metadata is 688890 bytes long"):
        signer.presign_put("k", metadata=metadata)
    assert time.perf_counter() - start < 2, "comparing every name with every other took ~30 s"


def test_a_sloppy_endpoint_is_refused_or_trimmed(clean_env: pytest.MonkeyPatch) -> None:
    for bad in [
        "http://127.0.0.1:9000\r",
        "http://127.0.0.1:9000 ",
        "http://h:1\\",
        "http:/h:8080",
        "http:h:8080",
    ]:
        with pytest.raises(ConfigError, match="^endpoint must be"):
            Signer(endpoint=bad, bucket="bkt", access_key_id="a", secret_access_key="b")
    for name, value in [
        ("R2_ENDPOINT", "http://127.0.0.1:9000\r"),
        ("R2_ACCESS_KEY_ID", "AK\r"),
        ("R2_SECRET_ACCESS_KEY", "SK\r"),
        ("R2_BUCKET", "bkt\r"),
    ]:
        clean_env.setenv(name, value)
    url = Signer.from_env().presign_get("k").url
    assert url.startswith("http://127.0.0.1:9000/bkt/k?"), url
    clean_env.setenv("R2_ENDPOINT", "http:h:8080")
    with pytest.raises(ConfigError, match="^R2_ENDPOINT: endpoint must be"):
        Signer.from_env()


def test_a_non_utf8_secret_in_the_environment_is_named_not_missing(clean_env: pytest.MonkeyPatch) -> None:
    for name, value in [("R2_ENDPOINT", "http://h"), ("R2_ACCESS_KEY_ID", "AK"), ("R2_BUCKET", "bkt")]:
        clean_env.setenv(name, value)
    os.environb[b"R2_SECRET_ACCESS_KEY"] = b"se\xffcret"
    try:
        with pytest.raises(ConfigError) as info:
            Signer.from_env()
    finally:
        del os.environb[b"R2_SECRET_ACCESS_KEY"]
    assert str(info.value) == "R2_SECRET_ACCESS_KEY is set but is not valid UTF-8"


def test_a_huge_bucket_name_is_not_echoed_whole() -> None:
    with pytest.raises(ConfigError) as info:
        Signer(endpoint="http://h", bucket="B" * (10 << 20), access_key_id="a", secret_access_key="b")
    assert len(str(info.value)) < 200 and '"' + "B" * 64 + '"…' in str(info.value)


def test_request_is_frozen_and_headers_are_a_fresh_dict(signer: Signer) -> None:
    r = signer.presign_put("k", content_type="image/png", metadata={"Owner": "me"})
    assert r.headers == {"content-type": "image/png", "x-amz-meta-owner": "me"}
    r.headers["content-type"] = "changed"
    assert r.headers["content-type"] == "image/png"
    for name in ("url", "method", "headers", "expires_at"):
        with pytest.raises(AttributeError):
            setattr(r, name, "x")


def test_to_dict(signer: Signer) -> None:
    r = signer.presign_put("k", content_type="text/plain", signing_time=T)
    assert r.to_dict() == {
        "method": "PUT",
        "url": r.url,
        "headers": {"content-type": "text/plain"},
        "expires_at": r.expires_at,
    }


def test_repr_shows_the_config_but_no_secret(signer: Signer) -> None:
    assert (
        repr(signer)
        == "Signer(endpoint='http://127.0.0.1:9000', bucket='bucket', region='auto', access_key_id='AKID')"
    )
    r = signer.presign_put("a b.txt", content_type="text/plain", signing_time=T)
    text = repr(r)
    assert text == (
        "PresignedRequest(method='PUT', url='http://127.0.0.1:9000/bucket/a%20b.txt?…', "
        "headers={'content-type': 'text/plain'}, "
        "expires_at=datetime.datetime(2026, 1, 2, 4, 4, 5, tzinfo=datetime.timezone.utc))"
    )
    for shown in (repr(signer), str(signer), text, str(r)):
        assert SECRET not in shown and "secret+token" not in shown and "Signature" not in shown
    assert "X-Amz-Security-Token=" in r.url


ERROR_CASES: list[tuple[Callable[[Signer], object], type[PresignerError], str]] = [
    (lambda s: s.presign_get(""), InvalidArgumentError, "key"),
    (lambda s: s.presign_put("k" * 1025), InvalidArgumentError, "key"),
    (lambda s: s.presign_get("k", expires_in=0), InvalidArgumentError, "expires_in"),
    (lambda s: s.presign_head("k", expires_in=timedelta(days=8)), InvalidArgumentError, "expires_in"),
    (lambda s: s.presign_put("k", content_type="a\nb"), InvalidArgumentError, "content_type"),
    (lambda s: s.presign_put("k", metadata={"a b": "v"}), InvalidArgumentError, "metadata"),
    (lambda s: s.public_url("k"), ConfigError, "public_base_url"),
]


@pytest.mark.parametrize(("call", "cls", "argument"), ERROR_CASES)
def test_core_errors(signer: Signer, call: Callable[[Signer], object], cls: type, argument: str) -> None:
    with pytest.raises(cls) as info:
        call(signer)
    assert isinstance(info.value, PresignerError)
    assert info.value.code == cls.code
    assert argument in str(info.value)
    assert SECRET not in str(info.value) and "secret+token" not in str(info.value)


def test_exception_classes() -> None:
    assert issubclass(ConfigError, PresignerError) and issubclass(InvalidArgumentError, PresignerError)
    assert issubclass(InvalidArgumentError, ValueError) and not issubclass(ConfigError, ValueError)
    assert issubclass(PresignerError, Exception)
    assert ConfigError.code == "ERR_PRESIGNER_CONFIG"
    assert InvalidArgumentError.code == "ERR_PRESIGNER_INVALID_ARGUMENT"
    for cls in (PresignerError, ConfigError, InvalidArgumentError):
        assert cls.__module__ == "presigner" and cls.__doc__
    assert ConfigError("x").code == "ERR_PRESIGNER_CONFIG"


def test_config_errors_name_the_argument_and_hide_secrets() -> None:
    with pytest.raises(ConfigError, match="endpoint") as info:
        Signer(endpoint="http://user:hunter2@host", bucket="bkt", access_key_id="a", secret_access_key="b")
    assert "hunter2" not in str(info.value)
    with pytest.raises(ConfigError, match="bucket"):
        Signer(endpoint="http://h", bucket="Bad_Bucket", access_key_id="a", secret_access_key="b")
    with pytest.raises(ConfigError, match="session_token"):
        Signer(endpoint="http://h", bucket="bkt", access_key_id="a", secret_access_key="b", session_token="")
    with pytest.raises(ConfigError, match="region"):
        Signer(endpoint="http://h", bucket="bkt", access_key_id="a", secret_access_key="b", region="x y")


def test_signer_options(signer: Signer) -> None:
    def url(**kwargs: Any) -> str:
        s = Signer(
            endpoint="https://h.example", bucket="bkt", access_key_id="a", secret_access_key="b", **kwargs
        )
        return s.presign_get("k", signing_time=T).url

    assert url().startswith("https://h.example/bkt/k?")
    assert url(path_style=None) == url(path_style=True) == url()
    assert url(path_style=False).startswith("https://bkt.h.example/k?")
    assert "%2Feu-west-1%2Fs3%2F" in url(region="eu-west-1")
    s = Signer(
        endpoint="https://h",
        bucket="bkt",
        access_key_id="a",
        secret_access_key="b",
        public_base_url="https://cdn.x/",
    )
    assert s.public_url("a b/ü.png") == "https://cdn.x/a%20b/%C3%BC.png"
    assert s.public_base_url == "https://cdn.x" and signer.public_base_url is None


@pytest.mark.parametrize(
    ("kwargs", "argument"),
    [
        ({"expires_in": "60"}, "expires_in"),
        ({"expires_in": 1.5}, "expires_in"),
        ({"expires_in": None}, "expires_in"),
        ({"content_length": "10"}, "content_length"),
        ({"metadata": {"a": 1}}, "metadata"),
        ({"metadata": [("a", "b")]}, "metadata"),
        ({"content_type": 5}, "content_type"),
        ({"signing_time": "2026-01-01T00:00:00Z"}, "signing_time"),
        ({"signing_time": T.timestamp()}, "signing_time"),
    ],
)
def test_wrong_types_raise_type_error(signer: Signer, kwargs: dict[str, Any], argument: str) -> None:
    with pytest.raises(TypeError) as info:
        signer.presign_put("k", **kwargs)
    # The argument is named in the message or (PyO3, Python 3.11+) in a note.
    if sys.version_info >= (3, 11):
        assert argument in str(info.value) + " ".join(getattr(info.value, "__notes__", []))


def test_wrong_call_shapes_raise_type_error(signer: Signer) -> None:
    with pytest.raises(TypeError):
        signer.presign_get(b"k")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        signer.presign_put("k", 60)  # type: ignore[misc]
    with pytest.raises(TypeError):
        signer.presign_put("k", content_typ="x")  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        Signer("http://h", "bkt", "a", "b")  # type: ignore[misc]
    with pytest.raises(TypeError):
        Signer(endpoint="http://h", bucket="bkt", access_key_id="a")  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        PresignedRequest()  # type: ignore[call-arg]


def test_signatures_are_introspectable() -> None:
    params = inspect.signature(Signer.presign_put).parameters
    assert list(params)[:2] == ["self", "key"]
    assert params["content_type"].kind is inspect.Parameter.KEYWORD_ONLY
    assert params["content_type"].default is None
    assert inspect.signature(presigner.new_key).parameters["prefix"].default is None
    assert "PutObject" in (Signer.presign_put.__doc__ or "")


def test_from_env_names_every_missing_variable(clean_env: pytest.MonkeyPatch) -> None:
    clean_env.setenv("R2_BUCKET", "uploads")
    with pytest.raises(ConfigError) as info:
        Signer.from_env()
    message = str(info.value)
    for name in [
        "R2_ENDPOINT",
        "R2_ACCOUNT_ID",
        "R2_ACCESS_KEY_ID",
        "AWS_ACCESS_KEY_ID",
        "R2_SECRET_ACCESS_KEY",
    ]:
        assert name in message
    assert "R2_BUCKET" not in message
    assert info.value.code == "ERR_PRESIGNER_CONFIG"


def test_from_env_then_module_level_functions(clean_env: pytest.MonkeyPatch) -> None:
    # The module-level signer is built on first successful use and kept for the
    # process, so its failure is checked first, in this one test.
    with pytest.raises(ConfigError, match="R2_BUCKET"):
        presigner.presign_put("a.txt")
    clean_env.setenv("R2_ACCOUNT_ID", "acct")
    clean_env.setenv("R2_ACCESS_KEY_ID", "AK")
    clean_env.setenv("R2_SECRET_ACCESS_KEY", SECRET)
    clean_env.setenv("R2_BUCKET", "uploads")
    signer = Signer.from_env()
    assert repr(signer) == (
        "Signer(endpoint='https://acct.r2.cloudflarestorage.com', bucket='uploads', "
        "region='auto', access_key_id='AK')"
    )
    want = signer.presign_put("a.txt", content_type="text/plain", signing_time=T)
    got = presigner.presign_put("a.txt", content_type="text/plain", signing_time=T)
    assert got == want and got.url.startswith("https://acct.r2.cloudflarestorage.com/uploads/a.txt?")
    assert presigner.presign_get("a.txt", signing_time=T) == signer.presign_get("a.txt", signing_time=T)
    with pytest.raises(InvalidArgumentError):
        presigner.presign_get("")


def test_new_key() -> None:
    key = presigner.new_key("Holiday Photo.JPG", prefix="uploads")
    assert key.startswith("uploads/") and key.endswith(".jpg") and len(key) == len("uploads/") + 36 + 4
    assert presigner.new_key(filename="x.png").endswith(".png")
    assert len(presigner.new_key()) == 36 and presigner.new_key() != presigner.new_key()


def test_attachment_and_duplicate_metadata(signer: Signer) -> None:
    value = presigner.attachment("my photo +1 (ü).png")
    assert value == (
        "attachment; filename=\"my photo +1 (_).png\"; filename*=UTF-8''my%20photo%20+1%20%28%C3%BC%29.png"
    )
    url = signer.presign_get("k", response_content_disposition=value)
    assert "response-content-disposition=attachment%3B%20filename%3D%22my%20photo" in url.url
    with pytest.raises(presigner.InvalidArgumentError, match="metadata"):
        signer.presign_put("k", metadata={"A": "1", "a": "2"})


def test_presign_get_many_equals_single_calls(signer: Signer) -> None:
    keys = ["a.jpg", "b c.png", "d/é.gif"]
    many = signer.presign_get_many(keys, expires_in=60, response_cache_control="no-cache")
    assert len({r.expires_at for r in many}) == 1
    at = many[0].expires_at - timedelta(seconds=60)
    one = [
        signer.presign_get(k, expires_in=60, response_cache_control="no-cache", signing_time=at) for k in keys
    ]
    assert [r.url for r in many] == [r.url for r in one]
    with pytest.raises(presigner.InvalidArgumentError, match="key"):
        signer.presign_get_many(["ok", ""])

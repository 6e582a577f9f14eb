"""Property test: for random keys, options, regions and signing times,
presigner's URL equals botocore's (same scheme, host and path; same query
pairs). The oracle is tests/vectors/generate.py's `botocore_presign`, the
one that writes the vectors: botocore with its clock pinned."""

from __future__ import annotations

import sys
from datetime import datetime, timedelta, timezone
from typing import Any

import pytest
from conftest import REPO, split_url
from hypothesis import example, given, settings
from hypothesis import strategies as st

import presigner

sys.path.insert(0, str(REPO / "tests" / "vectors"))
from generate import botocore_presign  # noqa: E402

AK = "AKIDEXAMPLE"
SK = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
BUCKET = "uploads"
ENDPOINTS = ["https://acct.r2.cloudflarestorage.com", "http://127.0.0.1:9000", "https://s3.example.com:8443"]


def botocore_url(
    endpoint: str, region: str, op: str, key: str, args: dict[str, Any], expires: int, at: datetime
) -> str:
    """botocore's URL for presigner's `op` with these snake_case arguments (None = not given)."""
    config = {
        "endpoint": endpoint,
        "bucket": BUCKET,
        "region": region,
        "access_key_id": AK,
        "secret_access_key": SK,
        "session_token": None,
        "path_style": True,
    }
    given_args = {k: v for k, v in args.items() if v is not None}
    given_args.update(expires_in=expires, signing_time=at.strftime("%Y-%m-%dT%H:%M:%SZ"))
    url: str = botocore_presign(config, op, key, given_args)["url"]
    return url


def utf8_prefix(text: str, limit: int = 1024) -> str:
    """The longest prefix of `text` that is at most `limit` bytes in UTF-8."""
    return text.encode()[:limit].decode(errors="ignore")


# Any Unicode text (no lone surrogates: a Python str holding one cannot be a
# key), cut to S3's limit of 1024 UTF-8 bytes.
keys = (
    st.text(st.characters(codec="utf-8"), min_size=1)
    | st.text(st.characters(codec="utf-8"), min_size=200, max_size=1024)
).map(utf8_prefix)
segments = (
    st.lists(st.sampled_from([".", "..", "", "a", "é", " ", "%2e"]), min_size=1, max_size=6)
    .map("/".join)
    .filter(bool)
)
# Header values: printable ASCII, spaces anywhere (botocore collapses runs of
# whitespace when signing; the URL must still agree).
header_values = st.text(st.characters(min_codepoint=0x20, max_codepoint=0x7E), min_size=1, max_size=40)
unicode_values = st.none() | st.text(st.characters(codec="utf-8"), max_size=40)
regions = st.sampled_from(["auto", "us-east-1", "eu-west-1"]) | st.from_regex(
    r"[a-zA-Z]([a-zA-Z0-9-]{0,14}[a-zA-Z0-9])?", fullmatch=True
)
times = st.datetimes(
    min_value=datetime(1970, 1, 1), max_value=datetime(9990, 12, 31), timezones=st.just(timezone.utc)
)
expiries = st.integers(min_value=1, max_value=604800)
endpoints = st.sampled_from(ENDPOINTS)
SETTINGS = settings(max_examples=250, deadline=None)
DOTS = ["a/./b", "../x", ".", "..", "a/../../b", "./", "a//b", "/lead", "trail/", "%2e%2e/x"]


def signer(endpoint: str, region: str) -> presigner.Signer:
    return presigner.Signer(
        endpoint=endpoint, bucket=BUCKET, access_key_id=AK, secret_access_key=SK, region=region
    )


def check(ours: presigner.PresignedRequest, theirs: str, at: datetime, expires: int) -> None:
    assert split_url(ours.url) == split_url(theirs)
    assert ours.expires_at == at.replace(microsecond=0) + timedelta(seconds=expires)


@pytest.mark.parametrize("key", DOTS)
def test_dot_segments_are_kept_as_botocore_keeps_them(key: str) -> None:
    at = datetime(2026, 1, 2, 3, 4, 5, tzinfo=timezone.utc)
    ours = signer(ENDPOINTS[0], "auto").presign_get(key, signing_time=at)
    theirs = botocore_url(ENDPOINTS[0], "auto", "presign_get", key, {}, 3600, at)
    check(ours, theirs, at, 3600)
    assert ours.url.split("?")[0].endswith("/" + BUCKET + "/" + key.replace("%", "%25"))


@SETTINGS
@given(
    key=keys | segments,
    endpoint=endpoints,
    region=regions,
    at=times,
    expires=expiries,
    content_type=st.none() | header_values,
    content_length=st.none() | st.integers(min_value=0, max_value=5 * 2**30),
    content_md5=st.none() | header_values,
    checksum_sha256=st.none() | header_values,
    cache_control=st.none() | header_values,
    content_disposition=st.none() | header_values,
    metadata=st.dictionaries(
        st.from_regex(r"[a-z0-9][a-z0-9_.-]{0,9}", fullmatch=True), header_values, max_size=3
    ),
)
@example(
    key="k",
    endpoint=ENDPOINTS[0],
    region="auto",
    at=datetime(2026, 1, 2, tzinfo=timezone.utc),
    expires=60,
    content_type=" a  b ",
    content_length=None,
    content_md5=None,
    checksum_sha256=None,
    cache_control=None,
    content_disposition=None,
    metadata={},
)
def test_put_matches_botocore(
    key: str,
    endpoint: str,
    region: str,
    at: datetime,
    expires: int,
    metadata: dict[str, str],
    **options: Any,
) -> None:
    ours = signer(endpoint, region).presign_put(
        key, expires_in=expires, signing_time=at, metadata=metadata, **options
    )
    args = {"metadata": metadata, **options}
    theirs = botocore_url(endpoint, region, "presign_put", key, args, expires, at)
    check(ours, theirs, at, expires)


@SETTINGS
@given(
    key=keys | segments,
    endpoint=endpoints,
    region=regions,
    at=times,
    expires=expiries,
    response_content_type=unicode_values,
    response_content_disposition=unicode_values,
    response_cache_control=unicode_values,
    version_id=unicode_values,
)
def test_get_matches_botocore(
    key: str, endpoint: str, region: str, at: datetime, expires: int, **options: Any
) -> None:
    ours = signer(endpoint, region).presign_get(key, expires_in=expires, signing_time=at, **options)
    theirs = botocore_url(endpoint, region, "presign_get", key, options, expires, at)
    check(ours, theirs, at, expires)


@SETTINGS
@given(
    op=st.sampled_from(["head", "delete"]),
    key=keys | segments,
    endpoint=endpoints,
    region=regions,
    at=times,
    expires=expiries,
    version_id=unicode_values,
)
def test_head_and_delete_match_botocore(
    op: str, key: str, endpoint: str, region: str, at: datetime, expires: int, version_id: str | None
) -> None:
    method = getattr(signer(endpoint, region), f"presign_{op}")
    ours = method(key, expires_in=expires, signing_time=at, version_id=version_id)
    theirs = botocore_url(endpoint, region, f"presign_{op}", key, {"version_id": version_id}, expires, at)
    check(ours, theirs, at, expires)

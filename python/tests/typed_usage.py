"""Uses the whole public API with types; `mypy --strict` must accept it
(test_typing.py runs it against the installed package's stubs)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import presigner
from presigner import ConfigError, InvalidArgumentError, PresignedRequest, PresignerError, Signer


def use_everything() -> list[PresignedRequest]:
    signer: Signer = Signer(
        endpoint="https://h.example",
        bucket="bkt",
        access_key_id="a",
        secret_access_key="b",
        region="auto",
        session_token=None,
        path_style=True,
        public_base_url="https://cdn.example",
    )
    at = datetime.now(timezone.utc)
    put = signer.presign_put(
        "k",
        expires_in=timedelta(minutes=5),
        content_type="text/plain",
        content_length=3,
        content_md5=None,
        checksum_sha256=None,
        cache_control="no-cache",
        content_disposition="inline",
        metadata={"a": "b"},
        signing_time=at,
    )
    get = signer.presign_get(
        "k",
        expires_in=60,
        response_content_type="text/plain",
        response_content_disposition="attachment",
        response_cache_control=None,
        version_id=None,
        signing_time=at,
    )
    head = signer.presign_head(
        "k", expires_in=presigner.DEFAULT_EXPIRES_IN_SECS, version_id=None, signing_time=at
    )
    delete = signer.presign_delete("k")
    many: list[PresignedRequest] = signer.presign_get_many(["a", "b"], expires_in=60, signing_time=at)
    headers: dict[str, str] = put.headers
    expires: datetime = get.expires_at
    method: str = head.method
    url: str = (
        delete.url
        + signer.public_url("k")
        + presigner.new_key("a.png", prefix="p")
        + presigner.new_key()
        + presigner.attachment("a b.png")
    )
    as_dict: dict[str, object] = put.to_dict()
    print(headers, expires, method, url, as_dict, presigner.__version__, repr(signer))
    try:
        Signer.from_env()
    except ConfigError as e:
        code: str = e.code
        print(code, ConfigError.code)
    except InvalidArgumentError as e:
        value_error: ValueError = e
        print(value_error, InvalidArgumentError.code)
    except PresignerError as e:
        print(e.code)
    module_put = presigner.presign_put("k", content_type="text/plain", expires_in=timedelta(hours=1))
    module_get = presigner.presign_get("k", response_content_disposition="inline", signing_time=at)
    return [put, get, head, delete, module_put, module_get, *many]

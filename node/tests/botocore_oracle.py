"""botocore as the oracle for node/tests/botocore.test.mjs.

Reads {"cases": [{"signer": {...}, "op", "key", "args": {...}}]} (the vector
format: snake_case arguments, "signing_time" as an ISO UTC string) on stdin
and writes [{"method", "url", "headers", "expires_at"}] on stdout, one entry
per case, computed by botocore with its clock pinned to signing_time.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import sys
from unittest import mock
from urllib.parse import parse_qsl, urlsplit

import botocore.auth
import botocore.session
from botocore.config import Config

OPS = {
    "presign_put": ("put_object", "PUT"),
    "presign_get": ("get_object", "GET"),
    "presign_head": ("head_object", "HEAD"),
    "presign_delete": ("delete_object", "DELETE"),
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
}
FORMAT = "%Y-%m-%dT%H:%M:%SZ"

_signed_headers: dict = {}
_canonical_request = botocore.auth.SigV4Auth.canonical_request


def _capture(self, request):
    _signed_headers.clear()
    _signed_headers.update({k.lower(): v for k, v in request.headers.items()})
    return _canonical_request(self, request)


@functools.lru_cache(maxsize=None)
def client(endpoint, region, akid, secret, token):
    return botocore.session.get_session().create_client(
        "s3",
        endpoint_url=endpoint,
        region_name=region,
        aws_access_key_id=akid,
        aws_secret_access_key=secret,
        aws_session_token=token,
        config=Config(
            signature_version="s3v4",
            s3={"addressing_style": "path"},
            request_checksum_calculation="when_required",
        ),
    )


def presign(case: dict) -> dict:
    s, args = case["signer"], case["args"]
    c = client(s["endpoint"], s["region"], s["access_key_id"], s["secret_access_key"], s["session_token"])
    operation, method = OPS[case["op"]]
    params = {"Bucket": s["bucket"], "Key": case["key"]}
    params.update({PARAMS[k]: v for k, v in args.items() if k in PARAMS})
    expires_in = args.get("expires_in", 3600)
    at = dt.datetime.strptime(args["signing_time"], FORMAT)
    with (
        mock.patch("botocore.auth.get_current_datetime", return_value=at),
        mock.patch.object(botocore.auth.SigV4Auth, "canonical_request", _capture),
    ):
        url = c.generate_presigned_url(operation, Params=params, ExpiresIn=expires_in, HttpMethod=method)
    signed = dict(parse_qsl(urlsplit(url).query))["X-Amz-SignedHeaders"].split(";")
    return {
        "method": method,
        "url": url,
        "headers": {h: _signed_headers[h] for h in signed if h != "host"},
        "expires_at": (at + dt.timedelta(seconds=expires_in)).strftime(FORMAT),
    }


def main() -> None:
    cases = json.load(sys.stdin)["cases"]
    json.dump([presign(c) for c in cases], sys.stdout)


if __name__ == "__main__":
    main()

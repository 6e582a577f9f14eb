"""POST /s3/sign on FastAPI, as the demo server has it (python/examples/server.py),
signed three ways for bench_http.mjs:

    ROUTE=presigner|boto3|constant uvicorn sign_server:app --port PORT

presigner: UploadPolicy.sign; boto3: the same route with generate_presigned_url;
constant: the route answering one fixed answer of the same size (signed once at
start): the floor of FastAPI + JSON + HTTP.
"""

import fnmatch
import os
import re
import uuid

import boto3
from botocore.config import Config
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

import presigner

CONFIG = {
    "endpoint": "https://0123456789abcdef0123456789abcdef.r2.cloudflarestorage.com",
    "bucket": "uploads",
    "access_key_id": "AKIAIOSFODNN7EXAMPLE",
    "secret_access_key": "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
}
CONTENT_TYPES = [
    "image/*",
    "video/*",
    "text/*",
    "application/pdf",
    "application/octet-stream",
]
SAMPLE = {
    "method": "PUT",
    "key": "3f1c7e2a-9b4d-4e8f-a1c2-d3e4f5a6b7c8-cat picture.jpg",
    "contentType": "image/jpeg",
}

signer = presigner.Signer(**CONFIG)
policy = presigner.UploadPolicy(prefix="uploads/", content_types=CONTENT_TYPES)
ANSWER = policy.sign(signer, SAMPLE)
s3 = boto3.client(
    "s3",
    endpoint_url=CONFIG["endpoint"],
    region_name="auto",
    aws_access_key_id=CONFIG["access_key_id"],
    aws_secret_access_key=CONFIG["secret_access_key"],
    config=Config(signature_version="s3v4", s3={"addressing_style": "path"}),
)
app = FastAPI()


async def body_of(request: Request) -> object:
    try:
        return await request.json()
    except ValueError:
        return None


async def with_presigner(request: Request):
    try:
        return policy.sign(signer, await body_of(request))
    except presigner.PolicyError as err:
        return JSONResponse({"error": str(err)}, status_code=err.status)


async def with_boto3(request: Request):
    """What the policy checks for a PutObject, by hand, then generate_presigned_url."""
    body = await body_of(request)
    if (
        not isinstance(body, dict)
        or body.get("method") != "PUT"
        or set(body) - {"method", "key", "contentType"}
    ):
        return JSONResponse({"error": "not a PutObject request"}, status_code=400)
    content_type = body.get("contentType")
    if not isinstance(content_type, str) or not any(
        fnmatch.fnmatchcase(content_type, t) for t in CONTENT_TYPES
    ):
        return JSONResponse(
            {"error": f"content type {content_type} is not allowed"}, status_code=403
        )
    ext = re.search(r"\.([a-z0-9]{1,16})$", str(body.get("key")), re.IGNORECASE)
    key = f"uploads/{uuid.uuid4()}" + (f".{ext[1].lower()}" if ext else "")
    params = {
        "Bucket": CONFIG["bucket"],
        "Key": key,
        "ContentType": content_type,
        "IfNoneMatch": "*",
    }
    url = s3.generate_presigned_url("put_object", Params=params, ExpiresIn=900)
    return {
        "method": "PUT",
        "url": url,
        "key": key,
        "headers": {"Content-Type": content_type, "If-None-Match": "*"},
    }


async def constant(request: Request):
    await body_of(request)
    return ANSWER


ROUTES = {"presigner": with_presigner, "boto3": with_boto3, "constant": constant}
app.post("/s3/sign")(ROUTES[os.environ["ROUTE"]])

"""The demo server in Python (`make demo-python`): serves the upload page from
node/examples/web/dist and signs the S3 requests of its uploader (Uppy), so the
bytes go straight to the bucket. Configured from the environment
(Signer.from_env; MULTIPART_THRESHOLD, ALLOWED_CONTENT_TYPES below)."""

import os
import re
from pathlib import Path

import httpx
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, Field

import presigner

MAX_SIZE = 5 * 1024**3  # one PUT; larger files need a multipart upload
WEB = Path(__file__).resolve().parents[2] / "node" / "examples" / "web" / "dist"
UNITS = {"": 1, "B": 1, "KB": 10**3, "MB": 10**6, "GB": 10**9, "KIB": 2**10, "MIB": 2**20, "GIB": 2**30}
UPPY_KEY = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}-", re.IGNORECASE)


def parse_size(text: str) -> int:
    """ "16MiB" -> 16777216: bytes, or a number with a unit (kB, MB, GB, KiB, MiB, GiB)."""
    match = re.fullmatch(r"\s*(\d+)\s*([a-z]*)\s*", text, re.IGNORECASE)
    if not match or match[2].upper() not in UNITS:
        raise ValueError(f"not a size: {text!r} (e.g. 16MiB)")
    return int(match[1]) * UNITS[match[2].upper()]


# Files above this many bytes upload as multipart ("16MiB", "100MB", "5000000").
MULTIPART_THRESHOLD = parse_size(os.environ.get("MULTIPART_THRESHOLD", "100MiB"))
# The types the bucket takes (globs, comma-separated; "*" for any).
CONTENT_TYPES = os.environ.get(
    "ALLOWED_CONTENT_TYPES",
    "image/*,video/*,audio/*,text/*,application/pdf,application/zip,application/json,application/octet-stream",
)

signer = presigner.Signer.from_env()
policy = presigner.UploadPolicy(
    prefix="uploads/", content_types=None if CONTENT_TYPES == "*" else CONTENT_TYPES.split(",")
)
uploads: dict[str, dict] = {}  # key -> {key, filename, size, contentType, stored}
app = FastAPI(title="presigner demo")


class Upload(BaseModel):
    filename: str = Field(min_length=1)
    contentType: str
    size: int | None = Field(default=None, ge=0, le=MAX_SIZE)
    expiresIn: int | None = None


@app.exception_handler(RequestValidationError)
def bad_request(_request, err: RequestValidationError) -> JSONResponse:
    fields = ", ".join(".".join(str(p) for p in e["loc"][1:]) or "body" for e in err.errors())
    message = f"send JSON {{ filename, contentType, size? }} (bad: {fields})"
    return JSONResponse({"error": message}, status_code=400)


@app.exception_handler(presigner.InvalidArgumentError)
def invalid_argument(_request, err: presigner.InvalidArgumentError) -> JSONResponse:
    return JSONResponse({"error": str(err)}, status_code=400)


@app.exception_handler(presigner.PolicyError)
def refused(_request, err: presigner.PolicyError) -> JSONResponse:
    return JSONResponse({"error": str(err)}, status_code=err.status)


def remember(key: str, filename: str, content_type: str | None) -> None:
    uploads[key] = {
        "key": key,
        "filename": filename,
        "size": None,
        "contentType": content_type or "application/octet-stream",
        "stored": False,
    }


@app.get("/config")
def config() -> dict:
    return {"multipartThreshold": MULTIPART_THRESHOLD}


@app.post("/s3/sign")
async def s3_sign(request: Request) -> dict:
    """Uppy's signRequest (@uppy/aws-s3): one S3 request to sign, checked by the policy."""
    try:
        body = await request.json()
    except ValueError:
        body = None  # the policy refuses it with a 400
    signed = policy.sign(signer, body)
    if body.get("uploadId") is None:  # a new object: its name is in Uppy's key, `<uuid>-<name>`
        remember(signed["key"], UPPY_KEY.sub("", body["key"], count=1), body.get("contentType"))
    return signed


@app.post("/pre-signed-url")
def pre_signed_url(upload: Upload) -> dict:
    """One presigned PUT for a client of its own (no Uppy)."""
    key = presigner.new_key(upload.filename, prefix="uploads")
    expires = min(max(upload.expiresIn or 600, 1), 3600)
    put = signer.presign_put(key, content_type=upload.contentType, expires_in=expires)
    remember(key, upload.filename, upload.contentType)
    return {"key": key, "method": put.method, "url": put.url, "headers": put.headers}


@app.get("/files")
async def files() -> list:
    """Files of this run that reached the bucket (a presigned HEAD, which also gives the size)."""
    async with httpx.AsyncClient() as client:
        for file in uploads.values():
            if not file["stored"]:
                head = await client.head(signer.presign_head(file["key"]).url)
                file["stored"] = head.status_code == 200
                file["size"] = int(head.headers.get("content-length", 0))
    return [{k: v for k, v in f.items() if k != "stored"} for f in uploads.values() if f["stored"]]


@app.get("/file/{key:path}")
def file(key: str):
    """A redirect to the file: a presigned GET that downloads under the original
    name, or the public URL when the bucket has one."""
    upload = uploads.get(key)
    if upload is None:
        return JSONResponse({"error": "no such upload in this run"}, status_code=404)
    if signer.public_base_url:
        return RedirectResponse(signer.public_url(key), status_code=302)
    disposition = presigner.attachment(upload["filename"])
    url = signer.presign_get(key, response_content_disposition=disposition).url
    return RedirectResponse(url, status_code=302)


app.mount("/", StaticFiles(directory=WEB, html=True), name="web")

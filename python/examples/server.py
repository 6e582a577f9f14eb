"""The demo server in Python (`make demo-python`): serves the upload page from
node/examples/web/dist and hands the browser presigned URLs, so the bytes go
straight to the bucket. Configured from the environment (Signer.from_env)."""

from pathlib import Path

import httpx
from fastapi import FastAPI
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, Field

import presigner

MAX_SIZE = 5 * 1024**3  # one PUT; larger files need a multipart upload
WEB = Path(__file__).resolve().parents[2] / "node" / "examples" / "web" / "dist"

signer = presigner.Signer.from_env()
uploads: dict[str, dict] = {}  # key -> {key, filename, size, contentType, stored}
app = FastAPI(title="presigner demo")


class Upload(BaseModel):
    filename: str = Field(min_length=1)
    contentType: str
    size: int = Field(ge=0, le=MAX_SIZE)
    expiresIn: int | None = None


@app.exception_handler(RequestValidationError)
def bad_request(_request, err: RequestValidationError) -> JSONResponse:
    fields = ", ".join(".".join(str(p) for p in e["loc"][1:]) or "body" for e in err.errors())
    message = f"send JSON {{ filename, contentType, size }} (bad: {fields})"
    return JSONResponse({"error": message}, status_code=400)


@app.exception_handler(presigner.InvalidArgumentError)
def invalid_argument(_request, err: presigner.InvalidArgumentError) -> JSONResponse:
    return JSONResponse({"error": str(err)}, status_code=400)


@app.post("/pre-signed-url")
def pre_signed_url(upload: Upload) -> dict:
    key = presigner.new_key(upload.filename, prefix="uploads")
    expires = min(max(upload.expiresIn or 600, 1), 3600)
    put = signer.presign_put(key, content_type=upload.contentType, expires_in=expires)
    uploads[key] = {
        "key": key,
        "filename": upload.filename,
        "size": upload.size,
        "contentType": upload.contentType,
        "stored": False,
    }
    return {"key": key, "method": put.method, "url": put.url, "headers": put.headers}


@app.get("/files")
async def files() -> list:
    """Files of this run that reached the bucket (checked with a presigned HEAD)."""
    async with httpx.AsyncClient() as client:
        for file in uploads.values():
            if not file["stored"]:
                file["stored"] = (await client.head(signer.presign_head(file["key"]).url)).status_code == 200
    return [{k: v for k, v in f.items() if k != "stored"} for f in uploads.values() if f["stored"]]


@app.get("/file/{key:path}")
def file(key: str):
    """A download link under the original name, or the public URL when the bucket has one."""
    upload = uploads.get(key)
    if upload is None:
        return JSONResponse({"error": "no such upload in this run"}, status_code=404)
    if signer.public_base_url:
        return {"url": signer.public_url(key)}
    disposition = presigner.attachment(upload["filename"])
    return {"url": signer.presign_get(key, response_content_disposition=disposition).url}


app.mount("/", StaticFiles(directory=WEB, html=True), name="web")

import urllib.request

from fastapi import FastAPI
from pydantic import BaseModel

import presigner

app = FastAPI()
signer = presigner.Signer.from_env()


def send(request: presigner.PresignedRequest, body: bytes = b"", **headers: str) -> bytes:
    """The server's own call to the bucket (any HTTP client will do)."""
    req = urllib.request.Request(request.url, body, {**request.headers, **headers}, method=request.method)
    with urllib.request.urlopen(req) as resp:
        return resp.read()


class Start(BaseModel):
    filename: str
    content_type: str
    size: int


class Finish(BaseModel):
    key: str
    upload_id: str
    etags: list[str]  # the ETag header of each part's PUT, in part order


@app.post("/multipart/start")
def start(upload: Start) -> dict:
    key = presigner.new_key(upload.filename, prefix="uploads")
    create = signer.presign_create_multipart_upload(key, content_type=upload.content_type)
    upload_id = presigner.parse_create_multipart_upload(send(create))["upload_id"]
    plan = presigner.plan_parts(upload.size)
    parts = signer.presign_upload_parts(key, upload_id, plan["part_count"], expires_in=3600)
    return {
        "key": key,
        "upload_id": upload_id,
        "part_size": plan["part_size"],
        "urls": [p.url for p in parts],
    }


@app.post("/multipart/finish")
def finish(done: Finish) -> dict:
    complete = signer.presign_complete_multipart_upload(done.key, done.upload_id, if_none_match="*")
    body = presigner.complete_multipart_upload_body(enumerate(done.etags, start=1))
    send(complete, body.encode(), **{"content-type": "application/xml"})
    return {"key": done.key}

from fastapi import FastAPI
from pydantic import BaseModel

import presigner

app = FastAPI()
signer = presigner.Signer.from_env()  # R2_ACCOUNT_ID, R2_ACCESS_KEY_ID, R2_SECRET_ACCESS_KEY, R2_BUCKET


class Upload(BaseModel):
    filename: str
    content_type: str


@app.post("/pre-signed-url")
def pre_signed_url(upload: Upload) -> dict:
    key = presigner.new_key(upload.filename, prefix="uploads")
    put = signer.presign_put(key, content_type=upload.content_type, expires_in=600)
    return {"key": key, "method": put.method, "url": put.url, "headers": put.headers}

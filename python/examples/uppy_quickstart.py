from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

import presigner

app = FastAPI()
signer = presigner.Signer.from_env()
policy = presigner.UploadPolicy(prefix="uploads/", content_types=["image/*", "application/pdf"])


@app.exception_handler(presigner.PolicyError)
def refused(_request, err: presigner.PolicyError) -> JSONResponse:
    return JSONResponse({"error": str(err)}, status_code=err.status)


@app.post("/s3/sign")
async def s3_sign(request: Request) -> dict:
    try:
        body = await request.json()
    except ValueError:
        body = None  # the policy refuses it with a 400
    return policy.sign(signer, body)

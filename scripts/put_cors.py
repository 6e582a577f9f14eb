"""Apply scripts/cors.json (R2's dashboard format) to a bucket through the S3
API, as a user would for R2: PutBucketCors with botocore.

    put_cors.py ENDPOINT BUCKET [ORIGIN...]   (credentials from R2_* / AWS_* env)
"""

import json
import os
import sys
from pathlib import Path

import botocore.session
from botocore.config import Config


def main() -> None:
    endpoint, bucket, *origins = sys.argv[1:]
    rules = json.loads((Path(__file__).parent / "cors.json").read_text())
    if origins:
        for rule in rules:
            rule["AllowedOrigins"] = origins
    client = botocore.session.get_session().create_client(
        "s3",
        endpoint_url=endpoint,
        region_name="auto",
        aws_access_key_id=os.environ.get("R2_ACCESS_KEY_ID")
        or os.environ["AWS_ACCESS_KEY_ID"],
        aws_secret_access_key=os.environ.get("R2_SECRET_ACCESS_KEY")
        or os.environ["AWS_SECRET_ACCESS_KEY"],
        config=Config(signature_version="s3v4", s3={"addressing_style": "path"}),
    )
    client.put_bucket_cors(Bucket=bucket, CORSConfiguration={"CORSRules": rules})
    print(f"CORS applied to {bucket}: {', '.join(rules[0]['AllowedOrigins'])}")


if __name__ == "__main__":
    main()

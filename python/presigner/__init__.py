"""Fast S3 and Cloudflare R2 presigned URLs, signed natively in Rust.

>>> import presigner
>>> signer = presigner.Signer(endpoint="https://ACCOUNT.r2.cloudflarestorage.com", bucket="uploads",
...                           access_key_id="...", secret_access_key="...")
>>> put = signer.presign_put(presigner.new_key("cat.jpg"), content_type="image/jpeg")
>>> put.method, put.headers
('PUT', {'content-type': 'image/jpeg'})
"""

from presigner._native import (
    DEFAULT_EXPIRES_IN_SECS,
    ConfigError,
    InvalidArgumentError,
    PolicyError,
    PresignedRequest,
    PresignerError,
    Signer,
    UploadPolicy,
    XmlError,
    __version__,
    attachment,
    complete_multipart_upload_body,
    new_key,
    parse_create_multipart_upload,
    parse_error,
    parse_list_parts,
    plan_parts,
    presign_get,
    presign_put,
)

__all__ = [
    "DEFAULT_EXPIRES_IN_SECS",
    "ConfigError",
    "InvalidArgumentError",
    "PresignedRequest",
    "PolicyError",
    "PresignerError",
    "Signer",
    "UploadPolicy",
    "XmlError",
    "__version__",
    "attachment",
    "complete_multipart_upload_body",
    "new_key",
    "parse_create_multipart_upload",
    "parse_error",
    "parse_list_parts",
    "plan_parts",
    "presign_get",
    "presign_put",
]

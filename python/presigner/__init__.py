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
    PresignedRequest,
    PresignerError,
    Signer,
    __version__,
    attachment,
    new_key,
    presign_get,
    presign_put,
)

__all__ = [
    "DEFAULT_EXPIRES_IN_SECS",
    "ConfigError",
    "InvalidArgumentError",
    "PresignedRequest",
    "PresignerError",
    "Signer",
    "__version__",
    "attachment",
    "new_key",
    "presign_get",
    "presign_put",
]

# Hand-written stubs of the native module (bindings/python); keep in step
# with the #[pyo3(signature)] attributes there. The defaults 3600 and "auto"
# are the core's DEFAULT_EXPIRES_IN_SECS and DEFAULT_REGION: PyO3 shows them
# as "..." at run time, so test_typing.py checks them by value.
from collections.abc import Iterable, Mapping
from datetime import datetime, timedelta
from typing import Final, Literal, TypedDict, final

_ChecksumAlgorithm = Literal["CRC32", "CRC32C", "CRC64NVME", "SHA1", "SHA256"]

class _CreatedMultipartUpload(TypedDict):
    bucket: str
    key: str
    upload_id: str

class _ListedPart(TypedDict):
    part_number: int
    etag: str
    size: int
    last_modified: str | None
    checksum_algorithm: _ChecksumAlgorithm | None
    checksum: str | None

class _ListedParts(TypedDict):
    parts: list[_ListedPart]
    is_truncated: bool
    next_part_number_marker: int | None
    part_number_marker: int | None
    max_parts: int | None

class _ErrorResponse(TypedDict):
    code: str
    message: str | None
    request_id: str | None
    host_id: str | None
    resource: str | None
    bucket_name: str | None
    key: str | None
    upload_id: str | None

class _PartPlan(TypedDict):
    part_size: int
    part_count: int
    last_part_size: int

__all__ = [
    "attachment",
    "new_key",
    "presign_get",
    "presign_put",
    "PresignedRequest",
    "Signer",
    "PresignerError",
    "ConfigError",
    "InvalidArgumentError",
    "XmlError",
    "complete_multipart_upload_body",
    "parse_create_multipart_upload",
    "parse_error",
    "parse_list_parts",
    "plan_parts",
    "PolicyError",
    "UploadPolicy",
    "DEFAULT_EXPIRES_IN_SECS",
    "__version__",
]

__version__: Final[str]
DEFAULT_EXPIRES_IN_SECS: Final[int]

class PresignerError(Exception):
    """Base class of every presigner error; ``code`` is a stable string."""

    code: str

class ConfigError(PresignerError):
    """The signer's configuration is unusable; ``code == "ERR_PRESIGNER_CONFIG"``."""

class InvalidArgumentError(PresignerError, ValueError):
    """An argument of one call is unusable; ``code == "ERR_PRESIGNER_INVALID_ARGUMENT"``."""

@final
class PresignedRequest:
    """Send ``method`` to ``url`` with exactly ``headers`` before ``expires_at``."""

    @property
    def method(self) -> str: ...
    @property
    def url(self) -> str: ...
    @property
    def headers(self) -> dict[str, str]: ...
    @property
    def expires_at(self) -> datetime: ...
    def to_dict(self) -> dict[str, object]: ...

@final
class Signer:
    """Signs S3 / Cloudflare R2 presigned URLs for one bucket; immutable and thread-safe."""

    def __new__(
        cls,
        *,
        endpoint: str,
        bucket: str,
        access_key_id: str,
        secret_access_key: str,
        region: str = "auto",
        session_token: str | None = None,
        path_style: bool | None = None,
        public_base_url: str | None = None,
    ) -> Signer: ...
    @staticmethod
    def from_env() -> Signer: ...
    def presign_put(
        self,
        key: str,
        *,
        expires_in: int | timedelta = 3600,
        content_type: str | None = None,
        content_length: int | None = None,
        content_md5: str | None = None,
        checksum_sha256: str | None = None,
        cache_control: str | None = None,
        content_disposition: str | None = None,
        metadata: dict[str, str] | None = None,
        if_none_match: str | None = None,
        if_match: str | None = None,
        checksum_algorithm: _ChecksumAlgorithm | None = None,
        checksum: str | None = None,
        signing_time: datetime | None = None,
    ) -> PresignedRequest: ...
    def presign_get(
        self,
        key: str,
        *,
        expires_in: int | timedelta = 3600,
        response_content_type: str | None = None,
        response_content_disposition: str | None = None,
        response_cache_control: str | None = None,
        version_id: str | None = None,
        signing_time: datetime | None = None,
    ) -> PresignedRequest: ...
    def presign_get_many(
        self,
        keys: Iterable[str],
        *,
        expires_in: int | timedelta = 3600,
        response_content_type: str | None = None,
        response_content_disposition: str | None = None,
        response_cache_control: str | None = None,
        version_id: str | None = None,
        signing_time: datetime | None = None,
    ) -> list[PresignedRequest]: ...
    def presign_head(
        self,
        key: str,
        *,
        expires_in: int | timedelta = 3600,
        version_id: str | None = None,
        signing_time: datetime | None = None,
    ) -> PresignedRequest: ...
    def presign_delete(
        self,
        key: str,
        *,
        expires_in: int | timedelta = 3600,
        version_id: str | None = None,
        signing_time: datetime | None = None,
    ) -> PresignedRequest: ...
    def presign_create_multipart_upload(
        self,
        key: str,
        *,
        content_type: str | None = None,
        cache_control: str | None = None,
        content_disposition: str | None = None,
        metadata: dict[str, str] | None = None,
        checksum_algorithm: _ChecksumAlgorithm | None = None,
        expires_in: int | timedelta = 3600,
        signing_time: datetime | None = None,
    ) -> PresignedRequest: ...
    def presign_upload_part(
        self,
        key: str,
        upload_id: str,
        part_number: int,
        *,
        content_length: int | None = None,
        content_md5: str | None = None,
        checksum_algorithm: _ChecksumAlgorithm | None = None,
        checksum: str | None = None,
        expires_in: int | timedelta = 3600,
        signing_time: datetime | None = None,
    ) -> PresignedRequest: ...
    def presign_upload_parts(
        self,
        key: str,
        upload_id: str,
        part_count: int,
        *,
        expires_in: int | timedelta = 3600,
        signing_time: datetime | None = None,
    ) -> list[PresignedRequest]: ...
    def presign_list_parts(
        self,
        key: str,
        upload_id: str,
        *,
        max_parts: int | None = None,
        part_number_marker: int | None = None,
        expires_in: int | timedelta = 3600,
        signing_time: datetime | None = None,
    ) -> PresignedRequest: ...
    def presign_complete_multipart_upload(
        self,
        key: str,
        upload_id: str,
        *,
        if_none_match: str | None = None,
        if_match: str | None = None,
        expires_in: int | timedelta = 3600,
        signing_time: datetime | None = None,
    ) -> PresignedRequest: ...
    def presign_abort_multipart_upload(
        self,
        key: str,
        upload_id: str,
        *,
        expires_in: int | timedelta = 3600,
        signing_time: datetime | None = None,
    ) -> PresignedRequest: ...
    @property
    def public_base_url(self) -> str | None: ...
    def public_url(self, key: str) -> str: ...

def presign_put(
    key: str,
    *,
    expires_in: int | timedelta = 3600,
    content_type: str | None = None,
    content_length: int | None = None,
    content_md5: str | None = None,
    checksum_sha256: str | None = None,
    cache_control: str | None = None,
    content_disposition: str | None = None,
    metadata: dict[str, str] | None = None,
    if_none_match: str | None = None,
    if_match: str | None = None,
    checksum_algorithm: _ChecksumAlgorithm | None = None,
    checksum: str | None = None,
    signing_time: datetime | None = None,
) -> PresignedRequest: ...
def presign_get(
    key: str,
    *,
    expires_in: int | timedelta = 3600,
    response_content_type: str | None = None,
    response_content_disposition: str | None = None,
    response_cache_control: str | None = None,
    version_id: str | None = None,
    signing_time: datetime | None = None,
) -> PresignedRequest: ...
def new_key(filename: str | None = None, prefix: str | None = None) -> str: ...
def attachment(filename: str) -> str: ...

class XmlError(PresignerError): ...

def complete_multipart_upload_body(parts: Iterable[tuple[int, str] | Mapping[str, object]]) -> str: ...
def parse_create_multipart_upload(xml: str | bytes) -> _CreatedMultipartUpload: ...
def parse_list_parts(xml: str | bytes) -> _ListedParts: ...
def parse_error(xml: str | bytes) -> _ErrorResponse: ...
def plan_parts(size: int, part_size: int | None = None) -> _PartPlan: ...

class PolicyError(PresignerError):
    """An UploadPolicy refused a request; answer with ``status`` (400 or 403)."""

    status: int

class _SignedUpload(TypedDict):
    method: str
    url: str
    key: str
    headers: dict[str, str]

@final
class UploadPolicy:
    """What a server lets a browser upload: the safe answer to Uppy 6's ``signRequest``."""

    def __new__(
        cls,
        *,
        prefix: str = "uploads/",
        max_expires_in: int | timedelta = 900,
        create_only: bool = True,
        content_types: list[str] | tuple[str, ...] | None = None,
        allow_delete: bool = False,
    ) -> UploadPolicy: ...
    def sign(self, signer: Signer, request: object) -> _SignedUpload: ...
    @property
    def prefix(self) -> str: ...
    @property
    def max_expires_in(self) -> int: ...
    @property
    def create_only(self) -> bool: ...
    @property
    def content_types(self) -> list[str] | None: ...
    @property
    def allow_delete(self) -> bool: ...

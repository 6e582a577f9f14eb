//! `presigner.Signer`: keyword arguments in, core options out. No S3 logic
//! here: every default is `None` or a core constant, every rule is the core's.

use presigner::{
    Argument, CompleteMultipartUploadOptions, CreateMultipartUploadOptions, GetOptions,
    ListPartsOptions, ObjectOptions, PutOptions, SigningOptions, UploadPartOptions,
};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyString};

use crate::convert::{
    self, instant, owned, utf8, ContentLength, Expiry, Region, SigningTime, Str, Whole,
};
use crate::errors::OrRaise;
use crate::request::PresignedRequest;

/// Signs S3 / Cloudflare R2 presigned URLs for one bucket. Immutable,
/// thread-safe and cheap to share: build one and use it everywhere.
///
/// Args:
///     endpoint: `https://host[:port]`, no path (R2:
///         `https://<account>.r2.cloudflarestorage.com`).
///     bucket: the bucket name.
///     access_key_id, secret_access_key: the key pair.
///     region: the signing region; default "auto" (what R2 expects).
///     session_token: from temporary credentials (STS), signed into every URL.
///     path_style: None or True: `endpoint/bucket/key`; False: virtual-hosted
///         `bucket.endpoint/key` where possible.
///     public_base_url: a public custom domain / r2.dev address, for `public_url`.
///
/// Raises:
///     ConfigError: the configuration is unusable (the message says which part).
///
/// >>> signer = Signer(endpoint="https://ACCOUNT.r2.cloudflarestorage.com",
/// ...                 bucket="uploads", access_key_id="...", secret_access_key="...")
/// >>> put = signer.presign_put("photos/cat.jpg", content_type="image/jpeg")
#[pyclass(frozen, module = "presigner")]
pub struct Signer {
    inner: presigner::Signer,
}

impl Signer {
    /// The core's signer.
    pub fn core(&self) -> &presigner::Signer {
        &self.inner
    }

    /// The process-wide signer of the core's `default_signer()`, built from
    /// the environment on first use.
    pub fn default_signer() -> PyResult<Self> {
        presigner::default_signer()
            .map(|inner| Self {
                inner: inner.clone(),
            })
            .or_raise()
    }
}

#[pymethods]
impl Signer {
    #[new]
    #[pyo3(signature = (
        *, endpoint, bucket, access_key_id, secret_access_key, region = Region::DEFAULT,
        session_token = None, path_style = None, public_base_url = None,
    ))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        endpoint: Bound<'_, PyString>,
        bucket: Bound<'_, PyString>,
        access_key_id: Bound<'_, PyString>,
        secret_access_key: Bound<'_, PyString>,
        region: Region,
        session_token: Str<'_>,
        path_style: Option<bool>,
        public_base_url: Str<'_>,
    ) -> PyResult<Self> {
        let config = presigner::SignerConfig {
            endpoint: utf8(&endpoint, "endpoint")?.to_owned(),
            bucket: utf8(&bucket, "bucket")?.to_owned(),
            access_key_id: utf8(&access_key_id, "access_key_id")?.to_owned(),
            secret_access_key: utf8(&secret_access_key, "secret_access_key")?.to_owned(),
            region: region.0,
            session_token: owned(session_token.as_ref(), "session_token")?,
            path_style,
            public_base_url: owned(public_base_url.as_ref(), "public_base_url")?,
        };
        config.build().map(|inner| Self { inner }).or_raise()
    }

    /// A signer configured from the environment: R2_ENDPOINT or R2_ACCOUNT_ID,
    /// R2_ACCESS_KEY_ID, R2_SECRET_ACCESS_KEY, R2_BUCKET, R2_PUBLIC_URL, with
    /// AWS_* / S3_BUCKET fallbacks.
    ///
    /// Raises:
    ///     ConfigError: naming every missing variable at once.
    #[staticmethod]
    fn from_env() -> PyResult<Self> {
        presigner::Signer::from_env()
            .map(|inner| Self { inner })
            .or_raise()
    }

    /// Presigns a PutObject (upload) of `key`.
    ///
    /// Every header option (content_type, content_length, content_md5,
    /// checksum_sha256, cache_control, content_disposition, metadata) is
    /// signed and returned in `headers`: the uploader must send exactly those.
    /// expires_in: int seconds or timedelta (1 s to 7 days; default 3600).
    /// signing_time: an aware datetime (default: now).
    ///
    /// Raises:
    ///     InvalidArgumentError: bad key, expiry or header value.
    #[pyo3(signature = (
        key, *, expires_in = Expiry::DEFAULT, content_type = None, content_length = None,
        content_md5 = None, checksum_sha256 = None, cache_control = None,
        content_disposition = None, metadata = None, if_none_match = None, if_match = None,
        checksum_algorithm = None, checksum = None, signing_time = None,
    ))]
    #[allow(clippy::too_many_arguments)]
    pub fn presign_put(
        &self,
        key: Bound<'_, PyString>,
        expires_in: Expiry,
        content_type: Str<'_>,
        content_length: Option<ContentLength>,
        content_md5: Str<'_>,
        checksum_sha256: Str<'_>,
        cache_control: Str<'_>,
        content_disposition: Str<'_>,
        metadata: Option<Bound<'_, PyDict>>,
        if_none_match: Str<'_>,
        if_match: Str<'_>,
        checksum_algorithm: Str<'_>,
        checksum: Str<'_>,
        signing_time: Option<SigningTime>,
    ) -> PyResult<PresignedRequest> {
        let opts = PutOptions {
            expires_in: Some(expires_in.0),
            content_type: owned(content_type.as_ref(), "content_type")?,
            content_length: content_length.map(|l| l.0),
            content_md5: owned(content_md5.as_ref(), "content_md5")?,
            checksum_sha256: owned(checksum_sha256.as_ref(), "checksum_sha256")?,
            cache_control: owned(cache_control.as_ref(), "cache_control")?,
            content_disposition: owned(content_disposition.as_ref(), "content_disposition")?,
            metadata: convert::metadata(metadata.as_ref())?,
            if_none_match: owned(if_none_match.as_ref(), "if_none_match")?,
            if_match: owned(if_match.as_ref(), "if_match")?,
            checksum_algorithm: convert::checksum_algorithm(checksum_algorithm.as_ref())?,
            checksum: owned(checksum.as_ref(), "checksum")?,
            signing_time: instant(signing_time),
        };
        self.inner
            .presign_put(utf8(&key, "key")?, &opts)
            .map(Into::into)
            .or_raise()
    }

    /// Presigns a GetObject (download) of `key`.
    ///
    /// The response_* options set the headers the store answers with (e.g.
    /// response_content_disposition='attachment; filename="cat.jpg"'); they
    /// travel in the query string, so the downloader sends no extra header.
    ///
    /// Raises:
    ///     InvalidArgumentError: bad key or expiry.
    #[pyo3(signature = (
        key, *, expires_in = Expiry::DEFAULT, response_content_type = None,
        response_content_disposition = None, response_cache_control = None,
        version_id = None, signing_time = None,
    ))]
    #[allow(clippy::too_many_arguments)]
    pub fn presign_get(
        &self,
        key: Bound<'_, PyString>,
        expires_in: Expiry,
        response_content_type: Str<'_>,
        response_content_disposition: Str<'_>,
        response_cache_control: Str<'_>,
        version_id: Str<'_>,
        signing_time: Option<SigningTime>,
    ) -> PyResult<PresignedRequest> {
        let opts = get_options(
            expires_in,
            response_content_type,
            response_content_disposition,
            response_cache_control,
            version_id,
            signing_time,
        )?;
        self.inner
            .presign_get(utf8(&key, "key")?, &opts)
            .map(Into::into)
            .or_raise()
    }

    /// Presigns a GetObject of every key in `keys` (any iterable of str)
    /// with the same options, all signed at one instant: one call for a page
    /// listing many files. Other threads run while it signs.
    #[pyo3(signature = (
        keys, *, expires_in = Expiry::DEFAULT, response_content_type = None,
        response_content_disposition = None, response_cache_control = None,
        version_id = None, signing_time = None,
    ))]
    #[allow(clippy::too_many_arguments)]
    fn presign_get_many(
        &self,
        py: Python<'_>,
        keys: Bound<'_, PyAny>,
        expires_in: Expiry,
        response_content_type: Str<'_>,
        response_content_disposition: Str<'_>,
        response_cache_control: Str<'_>,
        version_id: Str<'_>,
        signing_time: Option<SigningTime>,
    ) -> PyResult<Vec<PresignedRequest>> {
        let opts = get_options(
            expires_in,
            response_content_type,
            response_content_disposition,
            response_cache_control,
            version_id,
            signing_time,
        )?;
        let keys = convert::keys(&keys)?;
        py.detach(|| self.inner.presign_get_many(&keys, &opts))
            .map(|all| all.into_iter().map(Into::into).collect())
            .or_raise()
    }

    /// Presigns a HeadObject of `key` (optionally of one `version_id`).
    #[pyo3(signature = (key, *, expires_in = Expiry::DEFAULT, version_id = None, signing_time = None))]
    fn presign_head(
        &self,
        key: Bound<'_, PyString>,
        expires_in: Expiry,
        version_id: Str<'_>,
        signing_time: Option<SigningTime>,
    ) -> PyResult<PresignedRequest> {
        let opts = object_options(expires_in, version_id, signing_time)?;
        self.inner
            .presign_head(utf8(&key, "key")?, &opts)
            .map(Into::into)
            .or_raise()
    }

    /// Presigns a DeleteObject of `key` (optionally of one `version_id`).
    #[pyo3(signature = (key, *, expires_in = Expiry::DEFAULT, version_id = None, signing_time = None))]
    fn presign_delete(
        &self,
        key: Bound<'_, PyString>,
        expires_in: Expiry,
        version_id: Str<'_>,
        signing_time: Option<SigningTime>,
    ) -> PyResult<PresignedRequest> {
        let opts = object_options(expires_in, version_id, signing_time)?;
        self.inner
            .presign_delete(utf8(&key, "key")?, &opts)
            .map(Into::into)
            .or_raise()
    }

    /// Presigns a CreateMultipartUpload of `key` (`POST ?uploads`): the store
    /// answers XML holding the upload id (`parse_create_multipart_upload`).
    /// Every option is signed and returned in `headers`.
    #[pyo3(signature = (
        key, *, content_type = None, cache_control = None, content_disposition = None,
        metadata = None, checksum_algorithm = None, expires_in = Expiry::DEFAULT,
        signing_time = None,
    ))]
    #[allow(clippy::too_many_arguments)]
    fn presign_create_multipart_upload(
        &self,
        key: Bound<'_, PyString>,
        content_type: Str<'_>,
        cache_control: Str<'_>,
        content_disposition: Str<'_>,
        metadata: Option<Bound<'_, PyDict>>,
        checksum_algorithm: Str<'_>,
        expires_in: Expiry,
        signing_time: Option<SigningTime>,
    ) -> PyResult<PresignedRequest> {
        let opts = CreateMultipartUploadOptions {
            expires_in: Some(expires_in.0),
            content_type: owned(content_type.as_ref(), "content_type")?,
            cache_control: owned(cache_control.as_ref(), "cache_control")?,
            content_disposition: owned(content_disposition.as_ref(), "content_disposition")?,
            metadata: convert::metadata(metadata.as_ref())?,
            checksum_algorithm: convert::checksum_algorithm(checksum_algorithm.as_ref())?,
            signing_time: instant(signing_time),
        };
        self.inner
            .presign_create_multipart_upload(utf8(&key, "key")?, &opts)
            .map(Into::into)
            .or_raise()
    }

    /// Presigns an UploadPart of part `part_number` (1 to 10000) of
    /// `upload_id`: the client PUTs the part and keeps the ETag answered.
    #[pyo3(signature = (
        key, upload_id, part_number, *, content_length = None, content_md5 = None,
        checksum_algorithm = None, checksum = None, expires_in = Expiry::DEFAULT,
        signing_time = None,
    ))]
    #[allow(clippy::too_many_arguments)]
    fn presign_upload_part(
        &self,
        key: Bound<'_, PyString>,
        upload_id: Bound<'_, PyString>,
        part_number: Whole,
        content_length: Option<ContentLength>,
        content_md5: Str<'_>,
        checksum_algorithm: Str<'_>,
        checksum: Str<'_>,
        expires_in: Expiry,
        signing_time: Option<SigningTime>,
    ) -> PyResult<PresignedRequest> {
        let opts = UploadPartOptions {
            expires_in: Some(expires_in.0),
            content_length: content_length.map(|l| l.0),
            content_md5: owned(content_md5.as_ref(), "content_md5")?,
            checksum_algorithm: convert::checksum_algorithm(checksum_algorithm.as_ref())?,
            checksum: owned(checksum.as_ref(), "checksum")?,
            signing_time: instant(signing_time),
        };
        let part_number = part_number.checked(Argument::PartNumber)?;
        self.inner
            .presign_upload_part(
                utf8(&key, "key")?,
                utf8(&upload_id, "upload_id")?,
                part_number,
                &opts,
            )
            .map(Into::into)
            .or_raise()
    }

    /// Presigns the UploadPart of every part 1..=part_count (at most 10000)
    /// of `upload_id`, all at one instant. Other threads run while it signs.
    #[pyo3(signature = (key, upload_id, part_count, *, expires_in = Expiry::DEFAULT, signing_time = None))]
    fn presign_upload_parts(
        &self,
        py: Python<'_>,
        key: Bound<'_, PyString>,
        upload_id: Bound<'_, PyString>,
        part_count: Whole,
        expires_in: Expiry,
        signing_time: Option<SigningTime>,
    ) -> PyResult<Vec<PresignedRequest>> {
        let opts = signing(expires_in, signing_time);
        let part_count = part_count.checked(Argument::PartCount)?;
        let (key, upload_id) = (utf8(&key, "key")?, utf8(&upload_id, "upload_id")?);
        py.detach(|| {
            self.inner
                .presign_upload_parts(key, upload_id, part_count, &opts)
        })
        .map(|all| all.into_iter().map(Into::into).collect())
        .or_raise()
    }

    /// Presigns a ListParts of `upload_id` (`GET ?uploadId=`): what a client
    /// resuming an upload asks first (`parse_list_parts` reads the answer).
    #[pyo3(signature = (
        key, upload_id, *, max_parts = None, part_number_marker = None,
        expires_in = Expiry::DEFAULT, signing_time = None,
    ))]
    #[allow(clippy::too_many_arguments)]
    fn presign_list_parts(
        &self,
        key: Bound<'_, PyString>,
        upload_id: Bound<'_, PyString>,
        max_parts: Option<Whole>,
        part_number_marker: Option<Whole>,
        expires_in: Expiry,
        signing_time: Option<SigningTime>,
    ) -> PyResult<PresignedRequest> {
        let opts = ListPartsOptions {
            expires_in: Some(expires_in.0),
            max_parts: max_parts
                .map(|n| n.checked(Argument::MaxParts))
                .transpose()?,
            part_number_marker: part_number_marker
                .map(|n| n.checked(Argument::PartNumberMarker))
                .transpose()?,
            signing_time: instant(signing_time),
        };
        self.inner
            .presign_list_parts(utf8(&key, "key")?, utf8(&upload_id, "upload_id")?, &opts)
            .map(Into::into)
            .or_raise()
    }

    /// Presigns a CompleteMultipartUpload of `upload_id` (`POST ?uploadId=`);
    /// the client posts `complete_multipart_upload_body(parts)` with
    /// `Content-Type: application/xml`. `if_none_match="*"`: create-only.
    #[pyo3(signature = (
        key, upload_id, *, if_none_match = None, if_match = None,
        expires_in = Expiry::DEFAULT, signing_time = None,
    ))]
    #[allow(clippy::too_many_arguments)]
    fn presign_complete_multipart_upload(
        &self,
        key: Bound<'_, PyString>,
        upload_id: Bound<'_, PyString>,
        if_none_match: Str<'_>,
        if_match: Str<'_>,
        expires_in: Expiry,
        signing_time: Option<SigningTime>,
    ) -> PyResult<PresignedRequest> {
        let opts = CompleteMultipartUploadOptions {
            expires_in: Some(expires_in.0),
            if_none_match: owned(if_none_match.as_ref(), "if_none_match")?,
            if_match: owned(if_match.as_ref(), "if_match")?,
            signing_time: instant(signing_time),
        };
        self.inner
            .presign_complete_multipart_upload(
                utf8(&key, "key")?,
                utf8(&upload_id, "upload_id")?,
                &opts,
            )
            .map(Into::into)
            .or_raise()
    }

    /// Presigns an AbortMultipartUpload of `upload_id` (`DELETE ?uploadId=`).
    #[pyo3(signature = (key, upload_id, *, expires_in = Expiry::DEFAULT, signing_time = None))]
    fn presign_abort_multipart_upload(
        &self,
        key: Bound<'_, PyString>,
        upload_id: Bound<'_, PyString>,
        expires_in: Expiry,
        signing_time: Option<SigningTime>,
    ) -> PyResult<PresignedRequest> {
        self.inner
            .presign_abort_multipart_upload(
                utf8(&key, "key")?,
                utf8(&upload_id, "upload_id")?,
                &signing(expires_in, signing_time),
            )
            .map(Into::into)
            .or_raise()
    }

    /// The public base URL (`public_base_url`, without a trailing "/"), or None.
    #[getter]
    fn public_base_url(&self) -> Option<&str> {
        self.inner.public_base_url()
    }

    /// The public URL of `key` under `public_base_url`: no signature, no expiry.
    ///
    /// Raises:
    ///     ConfigError: the signer has no public_base_url.
    fn public_url(&self, key: Bound<'_, PyString>) -> PyResult<String> {
        self.inner.public_url(utf8(&key, "key")?).or_raise()
    }

    /// Endpoint, bucket, region and access key id; never a secret.
    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let s = &self.inner;
        let r = |text: &str| PyString::new(py, text).repr();
        Ok(format!(
            "Signer(endpoint={}, bucket={}, region={}, access_key_id={})",
            r(s.endpoint())?,
            r(s.bucket())?,
            r(s.region())?,
            r(s.access_key_id())?
        ))
    }
}

fn signing(expires_in: Expiry, signing_time: Option<SigningTime>) -> SigningOptions {
    SigningOptions {
        expires_in: Some(expires_in.0),
        signing_time: instant(signing_time),
    }
}

fn object_options(
    expires_in: Expiry,
    version_id: Str<'_>,
    signing_time: Option<SigningTime>,
) -> PyResult<ObjectOptions> {
    Ok(ObjectOptions {
        expires_in: Some(expires_in.0),
        version_id: owned(version_id.as_ref(), "version_id")?,
        signing_time: instant(signing_time),
    })
}

/// The core's GetOptions from `presign_get`'s keyword arguments.
fn get_options(
    expires_in: Expiry,
    response_content_type: Str<'_>,
    response_content_disposition: Str<'_>,
    response_cache_control: Str<'_>,
    version_id: Str<'_>,
    signing_time: Option<SigningTime>,
) -> PyResult<GetOptions> {
    Ok(GetOptions {
        expires_in: Some(expires_in.0),
        response_content_type: owned(response_content_type.as_ref(), "response_content_type")?,
        response_content_disposition: owned(
            response_content_disposition.as_ref(),
            "response_content_disposition",
        )?,
        response_cache_control: owned(response_cache_control.as_ref(), "response_cache_control")?,
        version_id: owned(version_id.as_ref(), "version_id")?,
        signing_time: instant(signing_time),
    })
}

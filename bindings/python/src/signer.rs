//! `presigner.Signer`: keyword arguments in, core options out. No S3 logic
//! here: every default is `None` or a core constant, every rule is the core's.

use std::collections::BTreeMap;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use presigner::{GetOptions, ObjectOptions, PutOptions};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDateTime, PyDelta, PyInt, PyString, PyTzInfo};

use crate::errors::OrRaise;
use crate::request::PresignedRequest;

/// `expires_in`: whole seconds as an `int`, or a `datetime.timedelta`
/// (sub-second parts are dropped by the core).
#[derive(Debug, Clone, Copy)]
pub struct Expiry(Duration);

impl Expiry {
    /// The core's default lifetime, `DEFAULT_EXPIRES_IN_SECS`.
    pub const DEFAULT: Self = Self(Duration::from_secs(presigner::DEFAULT_EXPIRES_IN_SECS));
}

impl FromPyObject<'_, '_> for Expiry {
    type Error = PyErr;

    fn extract(obj: Borrowed<'_, '_, PyAny>) -> PyResult<Self> {
        let negative = || {
            PyValueError::new_err(format!(
                "expires_in must not be negative, got {}",
                obj.repr().map_or_else(|_| "?".into(), |r| r.to_string())
            ))
        };
        // An int first: the common case, and the cheapest check.
        if let Ok(int) = obj.cast::<PyInt>() {
            return match int.extract::<u64>() {
                Ok(secs) => Ok(Self(Duration::from_secs(secs))),
                Err(_) if int.lt(0)? => Err(negative()),
                Err(too_big) => Err(too_big),
            };
        }
        if let Ok(delta) = obj.cast::<PyDelta>() {
            return delta
                .extract::<Duration>()
                .map(Self)
                .map_err(|_| negative());
        }
        Err(PyTypeError::new_err(format!(
            "expires_in must be an int (seconds) or a datetime.timedelta, not {}",
            obj.get_type().name()?
        )))
    }
}

/// `signing_time`: an aware `datetime`. A naive one has no defined instant
/// and is refused rather than guessed; times before 1970 reach the core,
/// which refuses them with its own error.
#[derive(Debug, Clone, Copy)]
pub struct SigningTime(SystemTime);

static UTC_EPOCH: PyOnceLock<Py<PyDateTime>> = PyOnceLock::new();

impl FromPyObject<'_, '_> for SigningTime {
    type Error = PyErr;

    fn extract(obj: Borrowed<'_, '_, PyAny>) -> PyResult<Self> {
        let py = obj.py();
        let Ok(time) = obj.cast::<PyDateTime>() else {
            return Err(PyTypeError::new_err(format!(
                "signing_time must be a datetime.datetime, not {}",
                obj.get_type().name()?
            )));
        };
        if time.call_method0("utcoffset")?.is_none() {
            return Err(PyTypeError::new_err(
                "signing_time must be a timezone-aware datetime, e.g. \
                 datetime.now(timezone.utc); a naive datetime has no defined instant",
            ));
        }
        let epoch = UTC_EPOCH.get_or_try_init(py, || {
            let utc = PyTzInfo::utc(py)?;
            PyDateTime::new(py, 1970, 1, 1, 0, 0, 0, 0, Some(&utc)).map(Bound::unbind)
        })?;
        let since_epoch = time.sub(epoch.bind(py))?;
        let instant = match since_epoch.extract::<Duration>() {
            Ok(after) => UNIX_EPOCH.checked_add(after),
            Err(_) => UNIX_EPOCH.checked_sub(since_epoch.neg()?.extract::<Duration>()?),
        };
        instant
            .map(Self)
            .ok_or(presigner::Error::InvalidSigningTime)
            .or_raise()
    }
}

fn instant(time: Option<SigningTime>) -> Option<SystemTime> {
    time.map(|t| t.0)
}

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
        *, endpoint, bucket, access_key_id, secret_access_key,
        region = presigner::DEFAULT_REGION.to_owned(), session_token = None,
        path_style = None, public_base_url = None,
    ))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        endpoint: String,
        bucket: String,
        access_key_id: String,
        secret_access_key: String,
        region: String,
        session_token: Option<String>,
        path_style: Option<bool>,
        public_base_url: Option<String>,
    ) -> PyResult<Self> {
        let mut builder =
            presigner::Signer::builder(endpoint, bucket, access_key_id, secret_access_key)
                .region(region);
        if let Some(token) = session_token {
            builder = builder.session_token(token);
        }
        if let Some(path_style) = path_style {
            builder = builder.path_style(path_style);
        }
        if let Some(url) = public_base_url {
            builder = builder.public_base_url(url);
        }
        builder.build().map(|inner| Self { inner }).or_raise()
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
        content_disposition = None, metadata = None, signing_time = None,
    ))]
    #[allow(clippy::too_many_arguments)]
    pub fn presign_put(
        &self,
        key: &str,
        expires_in: Expiry,
        content_type: Option<String>,
        content_length: Option<u64>,
        content_md5: Option<String>,
        checksum_sha256: Option<String>,
        cache_control: Option<String>,
        content_disposition: Option<String>,
        metadata: Option<BTreeMap<String, String>>,
        signing_time: Option<SigningTime>,
    ) -> PyResult<PresignedRequest> {
        let opts = PutOptions {
            expires_in: Some(expires_in.0),
            content_type,
            content_length,
            content_md5,
            checksum_sha256,
            cache_control,
            content_disposition,
            metadata: metadata.unwrap_or_default(),
            signing_time: instant(signing_time),
        };
        self.inner
            .presign_put(key, &opts)
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
        key: &str,
        expires_in: Expiry,
        response_content_type: Option<String>,
        response_content_disposition: Option<String>,
        response_cache_control: Option<String>,
        version_id: Option<String>,
        signing_time: Option<SigningTime>,
    ) -> PyResult<PresignedRequest> {
        let opts = get_options(
            expires_in,
            response_content_type,
            response_content_disposition,
            response_cache_control,
            version_id,
            signing_time,
        );
        self.inner
            .presign_get(key, &opts)
            .map(Into::into)
            .or_raise()
    }

    /// Presigns a GetObject of every key in `keys` with the same options,
    /// all signed at one instant: one call for a page listing many files.
    #[pyo3(signature = (
        keys, *, expires_in = Expiry::DEFAULT, response_content_type = None,
        response_content_disposition = None, response_cache_control = None,
        version_id = None, signing_time = None,
    ))]
    #[allow(clippy::too_many_arguments)]
    fn presign_get_many(
        &self,
        keys: Vec<String>,
        expires_in: Expiry,
        response_content_type: Option<String>,
        response_content_disposition: Option<String>,
        response_cache_control: Option<String>,
        version_id: Option<String>,
        signing_time: Option<SigningTime>,
    ) -> PyResult<Vec<PresignedRequest>> {
        let opts = get_options(
            expires_in,
            response_content_type,
            response_content_disposition,
            response_cache_control,
            version_id,
            signing_time,
        );
        self.inner
            .presign_get_many(&keys, &opts)
            .map(|all| all.into_iter().map(Into::into).collect())
            .or_raise()
    }

    /// Presigns a HeadObject of `key` (optionally of one `version_id`).
    #[pyo3(signature = (key, *, expires_in = Expiry::DEFAULT, version_id = None, signing_time = None))]
    fn presign_head(
        &self,
        key: &str,
        expires_in: Expiry,
        version_id: Option<String>,
        signing_time: Option<SigningTime>,
    ) -> PyResult<PresignedRequest> {
        let opts = object_options(expires_in, version_id, signing_time);
        self.inner
            .presign_head(key, &opts)
            .map(Into::into)
            .or_raise()
    }

    /// Presigns a DeleteObject of `key` (optionally of one `version_id`).
    #[pyo3(signature = (key, *, expires_in = Expiry::DEFAULT, version_id = None, signing_time = None))]
    fn presign_delete(
        &self,
        key: &str,
        expires_in: Expiry,
        version_id: Option<String>,
        signing_time: Option<SigningTime>,
    ) -> PyResult<PresignedRequest> {
        let opts = object_options(expires_in, version_id, signing_time);
        self.inner
            .presign_delete(key, &opts)
            .map(Into::into)
            .or_raise()
    }

    /// The public URL of `key` under `public_base_url`: no signature, no expiry.
    ///
    /// Raises:
    ///     ConfigError: the signer has no public_base_url.
    fn public_url(&self, key: &str) -> PyResult<String> {
        self.inner.public_url(key).or_raise()
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

fn object_options(
    expires_in: Expiry,
    version_id: Option<String>,
    signing_time: Option<SigningTime>,
) -> ObjectOptions {
    ObjectOptions {
        expires_in: Some(expires_in.0),
        version_id,
        signing_time: instant(signing_time),
    }
}

/// The core's GetOptions from `presign_get`'s keyword arguments.
fn get_options(
    expires_in: Expiry,
    response_content_type: Option<String>,
    response_content_disposition: Option<String>,
    response_cache_control: Option<String>,
    version_id: Option<String>,
    signing_time: Option<SigningTime>,
) -> GetOptions {
    GetOptions {
        expires_in: Some(expires_in.0),
        response_content_type,
        response_content_disposition,
        response_cache_control,
        version_id,
        signing_time: instant(signing_time),
    }
}

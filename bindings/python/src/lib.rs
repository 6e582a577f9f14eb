//! `presigner._native`: the PyO3 binding of the presigner core. Conversion
//! and error mapping only; every behaviour lives in the core crate.

mod convert;
mod errors;
mod multipart;
mod policy;
mod request;
mod signer;

use pyo3::prelude::*;
use pyo3::types::{PyDict, PyString};

use crate::convert::{utf8, ContentLength, Expiry, SigningTime, Str};
use crate::request::PresignedRequest;
use crate::signer::Signer;

/// `Signer.presign_put` on the signer built from the environment on first
/// use (see `Signer.from_env`); raises `ConfigError` while it cannot be built.
#[pyfunction]
#[pyo3(signature = (
    key, *, expires_in = Expiry::DEFAULT, content_type = None, content_length = None,
    content_md5 = None, checksum_sha256 = None, cache_control = None,
    content_disposition = None, metadata = None, if_none_match = None, if_match = None,
    checksum_algorithm = None, checksum = None, signing_time = None,
))]
#[allow(clippy::too_many_arguments)]
fn presign_put(
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
    Signer::default_signer()?.presign_put(
        key,
        expires_in,
        content_type,
        content_length,
        content_md5,
        checksum_sha256,
        cache_control,
        content_disposition,
        metadata,
        if_none_match,
        if_match,
        checksum_algorithm,
        checksum,
        signing_time,
    )
}

/// `Signer.presign_get` on the signer built from the environment on first
/// use (see `Signer.from_env`); raises `ConfigError` while it cannot be built.
#[pyfunction]
#[pyo3(signature = (
    key, *, expires_in = Expiry::DEFAULT, response_content_type = None,
    response_content_disposition = None, response_cache_control = None,
    version_id = None, signing_time = None,
))]
fn presign_get(
    key: Bound<'_, PyString>,
    expires_in: Expiry,
    response_content_type: Str<'_>,
    response_content_disposition: Str<'_>,
    response_cache_control: Str<'_>,
    version_id: Str<'_>,
    signing_time: Option<SigningTime>,
) -> PyResult<PresignedRequest> {
    Signer::default_signer()?.presign_get(
        key,
        expires_in,
        response_content_type,
        response_content_disposition,
        response_cache_control,
        version_id,
        signing_time,
    )
}

/// A new, unguessable object key: a random UUID v4, keeping the lower-cased
/// extension of `filename` when it is 1-16 ASCII letters or digits, under
/// `prefix` (joined with "/").
///
/// >>> new_key("Holiday Photo.JPG", prefix="uploads")  # doctest: +SKIP
/// 'uploads/1b4e28ba-2fa1-4d3b-a3f5-ef19b5a7633b.jpg'
#[pyfunction]
#[pyo3(signature = (filename = None, prefix = None))]
fn new_key(filename: Str<'_>, prefix: Str<'_>) -> PyResult<String> {
    let filename = filename.as_ref().map(|f| utf8(f, "filename")).transpose()?;
    let prefix = prefix.as_ref().map(|p| utf8(p, "prefix")).transpose()?;
    Ok(presigner::new_key(filename, prefix))
}

/// A `Content-Disposition` value that makes a browser save a download under
/// `filename` (RFC 6266, with a UTF-8 `filename*`): pass it as
/// `response_content_disposition` of `presign_get`.
#[pyfunction]
fn attachment(filename: Bound<'_, PyString>) -> PyResult<String> {
    Ok(presigner::attachment(utf8(&filename, "filename")?))
}

/// Native part of the `presigner` package; import from `presigner` instead.
#[pymodule(gil_used = false)]
mod _native {
    #[pymodule_export]
    use super::{attachment, new_key, presign_get, presign_put, PresignedRequest, Signer};
    #[pymodule_export]
    use crate::multipart::{
        complete_multipart_upload_body, parse_create_multipart_upload, parse_error,
        parse_list_parts, plan_parts,
    };
    #[pymodule_export]
    use crate::policy::UploadPolicy;

    use pyo3::prelude::*;

    #[pymodule_init]
    fn init(m: &Bound<'_, PyModule>) -> PyResult<()> {
        crate::errors::register(m)?;
        m.add(
            "DEFAULT_EXPIRES_IN_SECS",
            presigner::DEFAULT_EXPIRES_IN_SECS,
        )?;
        m.add("__version__", env!("CARGO_PKG_VERSION"))
    }
}

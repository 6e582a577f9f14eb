//! `presigner._native`: the PyO3 binding of the presigner core. Conversion
//! and error mapping only; every behaviour lives in the core crate.

mod errors;
mod request;
mod signer;

use std::collections::BTreeMap;

use pyo3::prelude::*;

use crate::request::PresignedRequest;
use crate::signer::{Expiry, Signer, SigningTime};

/// `Signer.presign_put` on the signer built from the environment on first
/// use (see `Signer.from_env`); raises `ConfigError` while it cannot be built.
#[pyfunction]
#[pyo3(signature = (
    key, *, expires_in = Expiry::DEFAULT, content_type = None, content_length = None,
    content_md5 = None, checksum_sha256 = None, cache_control = None,
    content_disposition = None, metadata = None, signing_time = None,
))]
#[allow(clippy::too_many_arguments)]
fn presign_put(
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
    key: &str,
    expires_in: Expiry,
    response_content_type: Option<String>,
    response_content_disposition: Option<String>,
    response_cache_control: Option<String>,
    version_id: Option<String>,
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
fn new_key(filename: Option<&str>, prefix: Option<&str>) -> String {
    presigner::new_key(filename, prefix)
}

/// A `Content-Disposition` value that makes a browser save a download under
/// `filename` (RFC 6266, with a UTF-8 `filename*`): pass it as
/// `response_content_disposition` of `presign_get`.
#[pyfunction]
fn attachment(filename: &str) -> String {
    presigner::attachment(filename)
}

/// Native part of the `presigner` package; import from `presigner` instead.
#[pymodule(gil_used = false)]
mod _native {
    #[pymodule_export]
    use super::{attachment, new_key, presign_get, presign_put, PresignedRequest, Signer};

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

//! `presigner.PresignedRequest`: the core's result as a frozen Python object.

use std::collections::BTreeMap;
use std::time::SystemTime;

use pyo3::prelude::*;
use pyo3::types::PyDict;

/// How many characters of the URL (before its query) `repr()` shows.
const REPR_URL_CHARS: usize = 100;

/// A presigned request: send `method` to `url` with exactly `headers`
/// before `expires_at`.
///
/// Attributes:
///     method (str): "PUT", "GET", "HEAD" or "DELETE".
///     url (str): the presigned URL.
///     headers (dict[str, str]): every header the client must send for the
///         signature to hold (lower-case names); a new dict on each access.
///     expires_at (datetime): when the URL stops working (aware, UTC).
///
/// `repr()` leaves out the URL's query: it carries the signature and any
/// session token, which do not belong in logs.
#[pyclass(frozen, eq, module = "presigner")]
#[derive(PartialEq, Eq)]
pub struct PresignedRequest(presigner::PresignedRequest);

impl From<presigner::PresignedRequest> for PresignedRequest {
    fn from(request: presigner::PresignedRequest) -> Self {
        Self(request)
    }
}

#[pymethods]
impl PresignedRequest {
    /// The HTTP method the URL was signed for: "PUT", "GET", "HEAD" or "DELETE".
    #[getter]
    fn method(&self) -> &'static str {
        self.0.method.as_str()
    }

    /// The presigned URL.
    #[getter]
    fn url(&self) -> &str {
        &self.0.url
    }

    /// Every header the client must send with exactly these values
    /// (lower-case names); a new dict on each access.
    #[getter]
    fn headers(&self) -> BTreeMap<String, String> {
        self.0.headers.clone()
    }

    /// When the URL stops working, as an aware UTC datetime.
    #[getter]
    fn expires_at(&self) -> SystemTime {
        self.0.expires_at
    }

    /// `{"method", "url", "headers", "expires_at"}` as a dict, e.g. for a
    /// JSON response.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let dict = PyDict::new(py);
        dict.set_item("method", self.method())?;
        dict.set_item("url", self.url())?;
        dict.set_item("headers", self.headers())?;
        dict.set_item("expires_at", self.expires_at())?;
        Ok(dict)
    }

    /// Method, URL without its query (signature, token), headers, expiry.
    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let base = self.0.url.split_once('?').map_or(&*self.0.url, |(b, _)| b);
        let mut shown: String = base.chars().take(REPR_URL_CHARS).collect();
        shown.push_str(if shown.len() < self.0.url.len() {
            "?…"
        } else {
            ""
        });
        Ok(format!(
            "PresignedRequest(method={}, url={}, headers={}, expires_at={})",
            self.method().into_pyobject(py)?.repr()?,
            shown.into_pyobject(py)?.repr()?,
            self.headers().into_pyobject(py)?.repr()?,
            self.expires_at().into_pyobject(py)?.repr()?,
        ))
    }
}

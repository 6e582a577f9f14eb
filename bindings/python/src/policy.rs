//! `UploadPolicy`: the core's policy for Uppy's `signRequest`, with the
//! browser's JSON read from a `dict`.

use std::borrow::Cow;
use std::time::Duration;

use presigner::{Argument, FieldValue, UploadRequest};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyFloat, PyList, PyString, PyTuple};

use crate::convert::{seconds, type_error, utf8};
use crate::errors::OrRaise;
use crate::signer::Signer;

/// What a server lets a browser upload: the safe answer to Uppy 6's
/// `signRequest`, where the browser chooses the operation and the key.
///
/// PutObject and CreateMultipartUpload get a fresh key under `prefix` (a
/// UUID keeping the proposed name's extension), returned as `key`; every
/// other request must name a key the policy issued. `create_only` signs
/// `If-None-Match: *` on PutObject and CompleteMultipartUpload;
/// `content_types` (``"image/*"``, ``"application/pdf"`` …) restricts the
/// signed Content-Type, and a CreateMultipartUpload without one is then
/// refused (stock Uppy sends none: add the file's type in ``signRequest``);
/// a longer `expiresIn` is capped to `max_expires_in` (seconds or a
/// timedelta); DeleteObject is refused unless `allow_delete`.
///
/// Raises:
///     InvalidArgumentError: a setting is unusable.
///
/// >>> policy = UploadPolicy(content_types=("image/*",))
/// >>> signed = policy.sign(signer, {"method": "PUT", "key": "cat.jpg", "contentType": "image/jpeg"})
/// >>> signed["key"]  # doctest: +SKIP
/// 'uploads/1b4e28ba-2fa1-4d3b-a3f5-ef19b5a7633b.jpg'
#[pyclass(frozen, module = "presigner")]
pub struct UploadPolicy(presigner::UploadPolicy);

#[pymethods]
impl UploadPolicy {
    #[new]
    #[pyo3(signature = (
        *, prefix = Prefix::default(), max_expires_in = MaxExpiresIn::default(),
        create_only = true, content_types = None, allow_delete = false,
    ))]
    fn new(
        prefix: Prefix,
        max_expires_in: MaxExpiresIn,
        create_only: bool,
        content_types: Option<Bound<'_, PyAny>>,
        allow_delete: bool,
    ) -> PyResult<Self> {
        let policy = presigner::UploadPolicy {
            prefix: prefix.0,
            max_expires_in: max_expires_in.0,
            create_only,
            content_types: content_types.map(|t| patterns(&t)).transpose()?,
            allow_delete,
        };
        policy.check().or_raise()?;
        Ok(Self(policy))
    }

    /// Signs `request`, the JSON object Uppy's ``signRequest`` received (a
    /// ``dict``, e.g. ``await request.json()``), if the policy allows it.
    ///
    /// Returns:
    ///     ``{"method", "url", "key", "headers"}``: answer the browser with
    ///     it (Uppy reads ``url``, ``key`` and ``headers``).
    ///
    /// Raises:
    ///     PolicyError: refused; answer with its ``status`` (400 or 403) and message.
    fn sign<'py>(
        &self,
        py: Python<'py>,
        signer: &Signer,
        request: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyDict>> {
        let request = upload_request(request)?;
        let signed = self.0.sign(signer.core(), &request).or_raise()?;
        let dict = PyDict::new(py);
        dict.set_item("method", signed.request.method.as_str())?;
        dict.set_item("url", signed.request.url)?;
        dict.set_item("key", signed.key)?;
        dict.set_item("headers", signed.request.headers)?;
        Ok(dict)
    }

    /// The prefix keys are issued under.
    #[getter]
    fn prefix(&self) -> &str {
        &self.0.prefix
    }

    /// The longest URL lifetime signed, in seconds.
    #[getter]
    fn max_expires_in(&self) -> u64 {
        self.0.max_expires_in.as_secs()
    }

    /// Whether PutObject and CompleteMultipartUpload sign `If-None-Match: *`.
    #[getter]
    fn create_only(&self) -> bool {
        self.0.create_only
    }

    /// The content types allowed, or None for any.
    #[getter]
    fn content_types(&self) -> Option<Vec<String>> {
        self.0.content_types.clone()
    }

    /// Whether DeleteObject is allowed.
    #[getter]
    fn allow_delete(&self) -> bool {
        self.0.allow_delete
    }

    fn __repr__(&self) -> String {
        let p = &self.0;
        let types = p.content_types.as_ref().map_or_else(
            || "None".to_owned(),
            |t| {
                format!(
                    "({})",
                    t.iter().map(|s| format!("{s:?}, ")).collect::<String>()
                )
            },
        );
        format!(
            "UploadPolicy(prefix={:?}, max_expires_in={}, create_only={}, content_types={types}, allow_delete={})",
            p.prefix,
            p.max_expires_in.as_secs(),
            py_bool(p.create_only),
            py_bool(p.allow_delete),
        )
    }
}

/// `prefix`: a `str`; the default is the core's (PyO3 shows it as `...`).
struct Prefix(String);

impl Default for Prefix {
    fn default() -> Self {
        Self(presigner::UploadPolicy::default().prefix)
    }
}

impl FromPyObject<'_, '_> for Prefix {
    type Error = PyErr;

    fn extract(obj: Borrowed<'_, '_, PyAny>) -> PyResult<Self> {
        let text = obj
            .cast::<PyString>()
            .map_err(|_| type_error(&obj, "prefix", "a str"))?;
        Ok(Self(utf8(&text, "prefix")?.to_owned()))
    }
}

/// `max_expires_in`: seconds as an `int` or a `datetime.timedelta`, 1 s
/// to 7 days; the default is the core's.
struct MaxExpiresIn(Duration);

impl Default for MaxExpiresIn {
    fn default() -> Self {
        Self(presigner::UploadPolicy::default().max_expires_in)
    }
}

impl FromPyObject<'_, '_> for MaxExpiresIn {
    type Error = PyErr;

    fn extract(obj: Borrowed<'_, '_, PyAny>) -> PyResult<Self> {
        let secs = seconds(&obj, "max_expires_in")?;
        let secs = presigner::in_range(Argument::MaxExpiresIn, secs).or_raise()?;
        Ok(Self(Duration::from_secs(secs.into())))
    }
}

fn py_bool(b: bool) -> &'static str {
    if b {
        "True"
    } else {
        "False"
    }
}

/// `content_types`: a list or tuple of `str` (a `str` alone is refused: it
/// would be read as its characters).
fn patterns(obj: &Bound<'_, PyAny>) -> PyResult<Vec<String>> {
    const EXPECTED: &str = "a list or tuple of str";
    let items = if let Ok(list) = obj.cast::<PyList>() {
        list.iter().collect::<Vec<_>>()
    } else if let Ok(tuple) = obj.cast::<PyTuple>() {
        tuple.iter().collect()
    } else {
        return Err(type_error(&obj.as_borrowed(), "content_types", EXPECTED));
    };
    items
        .iter()
        .map(|item| {
            let text = item
                .cast::<PyString>()
                .map_err(|_| PyTypeError::new_err(format!("content_types must be {EXPECTED}")))?;
            Ok(utf8(text, "content_types")?.to_owned())
        })
        .collect()
}

/// The request from the `dict` the browser's JSON was read into; anything
/// else is a 400 `PolicyError` (the body was not a JSON object).
fn upload_request(obj: &Bound<'_, PyAny>) -> PyResult<UploadRequest> {
    let dict = obj
        .cast::<PyDict>()
        .map_err(|_| presigner::Error::RequestNotObject)
        .or_raise()?;
    let items: Vec<(Bound<'_, PyAny>, Bound<'_, PyAny>)> = dict.iter().collect();
    let mut fields = Vec::with_capacity(items.len());
    for (name, value) in &items {
        let name = name
            .cast::<PyString>()
            .map_err(|_| presigner::Error::RequestNotObject)
            .or_raise()?;
        // A name that is not well-formed Unicode is no field the core
        // knows: it is reported as unknown, lossily.
        let name = name
            .to_str()
            .map_or_else(|_| name.to_string_lossy(), Cow::Borrowed);
        fields.push((name, field(value)?));
    }
    UploadRequest::from_fields(fields.iter().map(|(n, v)| (n.as_ref(), *v))).or_raise()
}

/// A value of the request as JSON would type it.
fn field<'a>(value: &'a Bound<'_, PyAny>) -> PyResult<FieldValue<'a>> {
    Ok(if value.is_none() {
        FieldValue::Null
    } else if let Ok(text) = value.cast::<PyString>() {
        text.to_str()
            .map_or(FieldValue::IllFormedStr, FieldValue::Str)
    } else if value.is_instance_of::<PyBool>() {
        FieldValue::Bool
    } else if let Ok(n) = value.extract::<i128>() {
        FieldValue::Int(n)
    } else if value.is_instance_of::<pyo3::types::PyInt>() {
        // Beyond i128: saturated, as every whole number is.
        FieldValue::Int(if value.lt(0)? { i128::MIN } else { i128::MAX })
    } else if let Ok(float) = value.cast::<PyFloat>() {
        // JSON's 3.0 is the whole number 3 (json.loads reads it as a float).
        let x = float.value();
        if x.is_finite() && x.fract() == 0.0 {
            FieldValue::Int(x as i128)
        } else {
            FieldValue::Fraction
        }
    } else if value.is_instance_of::<PyList>() || value.is_instance_of::<PyTuple>() {
        FieldValue::Array
    } else if value.is_instance_of::<PyDict>() {
        FieldValue::Object
    } else {
        FieldValue::Other
    })
}

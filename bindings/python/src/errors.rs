//! The core's errors as Python exceptions, in one place.
//!
//! ```text
//! PresignerError(Exception)                            .code: the core's stable code
//! ├── ConfigError                                      "ERR_PRESIGNER_CONFIG"
//! ├── XmlError                                         "ERR_PRESIGNER_XML"
//! ├── PolicyError                  .status: 400 or 403 "ERR_PRESIGNER_POLICY"
//! └── InvalidArgumentError(PresignerError, ValueError) "ERR_PRESIGNER_INVALID_ARGUMENT"
//! ```
//!
//! The message is the core's `Display` text, which names the argument at
//! fault and never holds a secret.

use presigner::ErrorKind;
use pyo3::exceptions::{PyException, PyValueError};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyType};

pyo3::create_exception!(
    presigner,
    PresignerError,
    PyException,
    "Base class of every presigner error. `code` is a stable string such as \
     \"ERR_PRESIGNER_CONFIG\", the same in Python, Node and Rust."
);

pyo3::create_exception!(
    presigner,
    ConfigError,
    PresignerError,
    "The signer's configuration is unusable: endpoint, bucket, region, \
     credentials, public base URL or missing environment variables. \
     `code` is \"ERR_PRESIGNER_CONFIG\"."
);

pyo3::create_exception!(
    presigner,
    XmlError,
    PresignerError,
    "An S3 answer given to parse_create_multipart_upload, parse_list_parts or \
     parse_error is not the XML document expected (malformed, truncated, too \
     large or hostile). `code` is \"ERR_PRESIGNER_XML\"."
);

pyo3::create_exception!(
    presigner,
    PolicyError,
    PresignerError,
    "An UploadPolicy refused a request. `status` is the HTTP status to answer \
     with: 400 for a malformed request, 403 for one the policy forbids. \
     `code` is \"ERR_PRESIGNER_POLICY\"."
);

const INVALID_ARGUMENT_DOC: &str = "An argument of one call is unusable: key, expires_in, \
     signing_time, a header value or a metadata name. Also a ValueError. \
     `code` is \"ERR_PRESIGNER_INVALID_ARGUMENT\".";

static INVALID_ARGUMENT: PyOnceLock<Py<PyType>> = PyOnceLock::new();

/// `presigner.InvalidArgumentError(PresignerError, ValueError)`.
///
/// `create_exception!` takes a single base class, so this one is made once
/// by calling `type(name, bases, namespace)`.
pub fn invalid_argument_error(py: Python<'_>) -> PyResult<&Bound<'_, PyType>> {
    INVALID_ARGUMENT
        .get_or_try_init(py, || {
            let bases = (
                py.get_type::<PresignerError>(),
                py.get_type::<PyValueError>(),
            );
            let namespace = PyDict::new(py);
            namespace.set_item("__module__", "presigner")?;
            namespace.set_item("__doc__", INVALID_ARGUMENT_DOC)?;
            namespace.set_item("code", ErrorKind::InvalidArgument.code())?;
            let class =
                py.get_type::<PyType>()
                    .call1(("InvalidArgumentError", bases, namespace))?;
            Ok::<_, PyErr>(class.cast_into::<PyType>()?.unbind())
        })
        .map(|class| class.bind(py))
}

/// Adds the exception classes to the module, with their class-level `code`.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    let config = py.get_type::<ConfigError>();
    config.setattr("code", ErrorKind::Config.code())?;
    let xml = py.get_type::<XmlError>();
    xml.setattr("code", ErrorKind::Xml.code())?;
    m.add("XmlError", xml)?;
    let policy = py.get_type::<PolicyError>();
    policy.setattr("code", ErrorKind::Policy.code())?;
    m.add("PolicyError", policy)?;
    m.add("PresignerError", py.get_type::<PresignerError>())?;
    m.add("ConfigError", config)?;
    m.add("InvalidArgumentError", invalid_argument_error(py)?)
}

/// The exception class for an error kind: the one match over the core's
/// `ErrorKind`. A kind the core adds later raises the base class.
fn class_for(py: Python<'_>, kind: ErrorKind) -> PyResult<Bound<'_, PyType>> {
    match kind {
        ErrorKind::Config => Ok(py.get_type::<ConfigError>()),
        ErrorKind::InvalidArgument => invalid_argument_error(py).cloned(),
        ErrorKind::Xml => Ok(py.get_type::<XmlError>()),
        ErrorKind::Policy => Ok(py.get_type::<PolicyError>()),
        _ => Ok(py.get_type::<PresignerError>()),
    }
}

fn to_py_err(py: Python<'_>, err: &presigner::Error) -> PyErr {
    let kind = err.kind();
    let py_err = match class_for(py, kind) {
        Ok(class) => PyErr::from_type(class, err.to_string()),
        Err(e) => return e,
    };
    let value = py_err.value(py);
    let set = value
        .setattr("code", kind.code())
        .and_then(|()| err.status().map_or(Ok(()), |s| value.setattr("status", s)));
    match set {
        Ok(()) => py_err,
        Err(e) => e,
    }
}

/// Turns a core `Result` into a `PyResult`: the error is raised as the
/// exception of its kind, with `.code` set.
pub trait OrRaise<T> {
    /// The value, or the core error raised as a `presigner` exception.
    fn or_raise(self) -> PyResult<T>;
}

impl<T> OrRaise<T> for Result<T, presigner::Error> {
    fn or_raise(self) -> PyResult<T> {
        self.map_err(|err| Python::attach(|py| to_py_err(py, &err)))
    }
}

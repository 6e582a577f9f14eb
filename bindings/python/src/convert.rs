//! From Python arguments to the core's types. PyO3's own conversions are
//! not used where they would raise outside the documented exceptions: `&str`
//! raises `UnicodeEncodeError` holding the whole string (a secret, say) for
//! a lone surrogate, and `u64` raises `OverflowError` for `-1` or `2**64`.

use std::collections::BTreeMap;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBool, PyDateTime, PyDelta, PyDict, PyInt, PyString, PyTzInfo};

use crate::errors::OrRaise;

/// An optional `str` argument.
pub type Str<'py> = Option<Bound<'py, PyString>>;

/// A `str` argument as UTF-8; `argument` names it if it holds a lone
/// surrogate (which has no UTF-8 form). The string itself is never echoed.
pub fn utf8<'a>(text: &'a Bound<'_, PyString>, argument: &str) -> PyResult<&'a str> {
    text.to_str()
        .map_err(|_| presigner::Error::IllFormedString {
            argument: argument.to_owned(),
        })
        .or_raise()
}

/// An optional `str` argument as an owned UTF-8 string.
pub fn owned(text: Option<&Bound<'_, PyString>>, argument: &str) -> PyResult<Option<String>> {
    text.map(|t| utf8(t, argument).map(str::to_owned))
        .transpose()
}

/// The `int` in `obj`, saturated to `i128` (the core judges the range); a
/// `TypeError` naming `argument` for anything else, `bool` included.
fn whole(obj: &Borrowed<'_, '_, PyAny>, argument: &str, expected: &str) -> PyResult<Option<i128>> {
    if obj.is_instance_of::<PyBool>() {
        return Err(type_error(obj, argument, expected));
    }
    let Ok(int) = obj.cast::<PyInt>() else {
        return Ok(None);
    };
    Ok(Some(match int.extract::<i128>() {
        Ok(n) => n,
        Err(_) if int.lt(0)? => i128::MIN,
        Err(_) => i128::MAX,
    }))
}

pub fn type_error(obj: &Borrowed<'_, '_, PyAny>, argument: &str, expected: &str) -> PyErr {
    let got = obj
        .get_type()
        .name()
        .map_or_else(|_| "?".to_owned(), |n| n.to_string());
    PyTypeError::new_err(format!("{argument} must be {expected}, not {got}"))
}

/// `region`: a `str`. Its default, `DEFAULT`, is the core's
/// `DEFAULT_REGION` (PyO3 shows it as `...`; the stubs say `"auto"`).
#[derive(Debug, Clone)]
pub struct Region(pub Option<String>);

impl Region {
    /// The core's default region.
    pub const DEFAULT: Self = Self(None);
}

impl FromPyObject<'_, '_> for Region {
    type Error = PyErr;

    fn extract(obj: Borrowed<'_, '_, PyAny>) -> PyResult<Self> {
        let text = obj
            .cast::<PyString>()
            .map_err(|_| type_error(&obj, "region", "a str"))?;
        Ok(Self(Some(utf8(&text, "region")?.to_owned())))
    }
}

/// `expires_in`: whole seconds as an `int`, or a `datetime.timedelta`
/// (sub-second parts are dropped).
#[derive(Debug, Clone, Copy)]
pub struct Expiry(pub Duration);

impl Expiry {
    /// The core's default lifetime, `DEFAULT_EXPIRES_IN_SECS`.
    pub const DEFAULT: Self = Self(Duration::from_secs(presigner::DEFAULT_EXPIRES_IN_SECS));
}

impl FromPyObject<'_, '_> for Expiry {
    type Error = PyErr;

    fn extract(obj: Borrowed<'_, '_, PyAny>) -> PyResult<Self> {
        presigner::expires_in_secs(seconds(&obj, "expires_in")?)
            .map(Self)
            .or_raise()
    }
}

/// Whole seconds from an `int` or a `datetime.timedelta` (sub-second parts
/// dropped, negative ones rounded down), for the core to judge; a
/// `TypeError` naming `argument` for anything else.
pub fn seconds(obj: &Borrowed<'_, '_, PyAny>, argument: &str) -> PyResult<i128> {
    const EXPECTED: &str = "an int (seconds) or a datetime.timedelta";
    if let Some(secs) = whole(obj, argument, EXPECTED)? {
        return Ok(secs);
    }
    let delta = obj
        .cast::<PyDelta>()
        .map_err(|_| type_error(obj, argument, EXPECTED))?;
    Ok(match delta.extract::<Duration>() {
        Ok(d) => i128::from(d.as_secs()),
        Err(_) => delta
            .call_method0("total_seconds")?
            .extract::<f64>()?
            .floor() as i128,
    })
}

/// A part number, part count, `max_parts` or `part_number_marker`: an `int`
/// of any size, judged by the core (`presigner::in_range`).
#[derive(Debug, Clone, Copy)]
pub struct Whole(pub i128);

impl FromPyObject<'_, '_> for Whole {
    type Error = PyErr;

    fn extract(obj: Borrowed<'_, '_, PyAny>) -> PyResult<Self> {
        match whole(&obj, "the value", "an int")? {
            Some(n) => Ok(Self(n)),
            None => Err(type_error(&obj, "the value", "an int")),
        }
    }
}

impl Whole {
    /// The number as `argument`, checked against its range by the core.
    pub fn checked(self, argument: presigner::Argument) -> PyResult<u32> {
        presigner::in_range(argument, self.0).or_raise()
    }
}

/// An optional `checksum_algorithm`: `"CRC32"`, `"CRC32C"`, `"CRC64NVME"`,
/// `"SHA1"` or `"SHA256"` (any case).
pub fn checksum_algorithm(
    name: Option<&Bound<'_, PyString>>,
) -> PyResult<Option<presigner::ChecksumAlgorithm>> {
    name.map(|n| utf8(n, "checksum_algorithm")?.parse().or_raise())
        .transpose()
}

/// `content_length`: whole bytes as an `int`.
#[derive(Debug, Clone, Copy)]
pub struct ContentLength(pub u64);

impl FromPyObject<'_, '_> for ContentLength {
    type Error = PyErr;

    fn extract(obj: Borrowed<'_, '_, PyAny>) -> PyResult<Self> {
        match whole(&obj, "content_length", "an int (bytes)")? {
            Some(len) => presigner::content_length(len).map(Self).or_raise(),
            None => Err(type_error(&obj, "content_length", "an int (bytes)")),
        }
    }
}

/// `signing_time`: an aware `datetime`. A naive one has no defined instant
/// and is refused rather than guessed; times before 1970 reach the core,
/// which refuses them with its own error.
#[derive(Debug, Clone, Copy)]
pub struct SigningTime(pub SystemTime);

static UTC_EPOCH: PyOnceLock<Py<PyDateTime>> = PyOnceLock::new();

impl FromPyObject<'_, '_> for SigningTime {
    type Error = PyErr;

    fn extract(obj: Borrowed<'_, '_, PyAny>) -> PyResult<Self> {
        let py = obj.py();
        let Ok(time) = obj.cast::<PyDateTime>() else {
            return Err(type_error(&obj, "signing_time", "a datetime.datetime"));
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

/// The core's instant for an optional `signing_time`.
pub fn instant(time: Option<SigningTime>) -> Option<SystemTime> {
    time.map(|t| t.0)
}

/// `metadata`: a `dict` of `str` to `str`.
pub fn metadata(dict: Option<&Bound<'_, PyDict>>) -> PyResult<BTreeMap<String, String>> {
    let mut map = BTreeMap::new();
    for (name, value) in dict.into_iter().flat_map(|d| d.iter()) {
        let expected = |obj: &Bound<'_, PyAny>| {
            type_error(&obj.as_borrowed(), "metadata", "a dict of str to str")
        };
        let name = name.cast::<PyString>().map_err(|_| expected(&name))?;
        let value = value.cast::<PyString>().map_err(|_| expected(&value))?;
        map.insert(
            utf8(name, "metadata")?.to_owned(),
            utf8(value, "metadata")?.to_owned(),
        );
    }
    Ok(map)
}

/// `keys` of `presign_get_many`: any iterable of `str` but a `str` itself.
/// Read item by item: the iterable's `len()` sizes nothing.
pub fn keys(keys: &Bound<'_, PyAny>) -> PyResult<Vec<String>> {
    const EXPECTED: &str = "an iterable of str";
    if keys.is_instance_of::<PyString>() {
        return Err(type_error(&keys.as_borrowed(), "keys", EXPECTED));
    }
    let items = keys
        .try_iter()
        .map_err(|_| type_error(&keys.as_borrowed(), "keys", EXPECTED))?;
    let mut all = Vec::new();
    for (i, item) in items.enumerate() {
        let item = item?;
        let key = item
            .cast::<PyString>()
            .map_err(|_| type_error(&item.as_borrowed(), &format!("keys[{i}]"), "a str"))?;
        all.push(utf8(key, &format!("keys[{i}]"))?.to_owned());
    }
    Ok(all)
}

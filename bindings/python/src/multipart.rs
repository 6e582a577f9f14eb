//! The multipart module functions: the CompleteMultipartUpload body, the
//! readers of S3's XML answers and the part plan. Conversion only: Python
//! values in, the core's functions, plain dicts out.

use presigner::{Argument, CompletedPart};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyList, PyString};

use crate::convert::{utf8, Whole};
use crate::errors::OrRaise;

/// The body to POST to a presigned CompleteMultipartUpload URL (with
/// `Content-Type: application/xml`), from `parts`: an iterable of
/// `(part_number, etag)` pairs or of dicts with `part_number` (or
/// `partNumber`), `etag` and optionally `checksum_algorithm` + `checksum`.
/// Parts are sorted by number; a duplicate or out-of-range number, no part
/// or more than 10,000 is an InvalidArgumentError.
#[pyfunction]
pub fn complete_multipart_upload_body(parts: &Bound<'_, PyAny>) -> PyResult<String> {
    let mut all = Vec::new();
    let items = parts.try_iter().map_err(|_| {
        PyTypeError::new_err("parts must be an iterable of (part_number, etag) pairs or dicts")
    })?;
    // Read item by item: the iterable's len() sizes nothing.
    for (i, item) in items.enumerate() {
        all.push(completed_part(&item?, i)?);
    }
    presigner::complete_multipart_upload_body(&all).or_raise()
}

/// One part: a `(part_number, etag)` pair or a dict.
fn completed_part(item: &Bound<'_, PyAny>, i: usize) -> PyResult<CompletedPart> {
    let place = |field: &str| format!("parts[{i}]{field}");
    let expected = || {
        PyTypeError::new_err(format!(
            "{} must be a (part_number, etag) pair or a dict with part_number and etag",
            place("")
        ))
    };
    let (number, etag, algorithm, checksum) = if let Ok(dict) = item.cast::<PyDict>() {
        let number = match dict.get_item("part_number")? {
            Some(n) => Some(n),
            None => dict.get_item("partNumber")?,
        };
        (
            number.ok_or_else(expected)?,
            dict.get_item("etag")?.ok_or_else(expected)?,
            dict.get_item("checksum_algorithm")?,
            dict.get_item("checksum")?,
        )
    } else {
        let pair: (Bound<'_, PyAny>, Bound<'_, PyAny>) = item.extract().map_err(|_| expected())?;
        (pair.0, pair.1, None, None)
    };
    let number = number
        .extract::<Whole>()
        .map_err(|_| PyTypeError::new_err(format!("{} must be an int", place(".part_number"))))?
        .checked(Argument::PartNumber)?;
    let etag = text(&etag, &place(".etag"))?;
    let part = CompletedPart::new(number, etag);
    match (algorithm, checksum) {
        (None, None) => Ok(part),
        (Some(algorithm), Some(checksum)) => {
            let algorithm = text(&algorithm, &place(".checksum_algorithm"))?;
            let algorithm = algorithm.parse().or_raise()?;
            Ok(part.with_checksum(algorithm, text(&checksum, &place(".checksum"))?))
        }
        (Some(_), None) | (None, Some(_)) => Err(presigner::Error::IncompleteChecksum {
            missing: Argument::Checksum,
        })
        .or_raise(),
    }
}

/// A `str` field named `place`, as UTF-8.
fn text(value: &Bound<'_, PyAny>, place: &str) -> PyResult<String> {
    let text = value
        .cast::<PyString>()
        .map_err(|_| PyTypeError::new_err(format!("{place} must be a str")))?;
    Ok(utf8(text, place)?.to_owned())
}

/// An XML answer as bytes: a `str` (UTF-8) or bytes-like.
fn xml_bytes<'a>(xml: &'a Bound<'_, PyAny>) -> PyResult<std::borrow::Cow<'a, [u8]>> {
    if let Ok(text) = xml.cast::<PyString>() {
        return Ok(std::borrow::Cow::Borrowed(utf8(text, "xml")?.as_bytes()));
    }
    if let Ok(bytes) = xml.cast::<PyBytes>() {
        return Ok(std::borrow::Cow::Borrowed(bytes.as_bytes()));
    }
    Err(PyTypeError::new_err("xml must be a str or bytes"))
}

/// The `bucket`, `key` and `upload_id` of a CreateMultipartUpload answer.
/// Raises XmlError when `xml` is not such an answer.
#[pyfunction]
pub fn parse_create_multipart_upload<'py>(
    py: Python<'py>,
    xml: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyDict>> {
    let created = presigner::parse_create_multipart_upload(xml_bytes(xml)?).or_raise()?;
    let dict = PyDict::new(py);
    dict.set_item("bucket", created.bucket)?;
    dict.set_item("key", created.key)?;
    dict.set_item("upload_id", created.upload_id)?;
    Ok(dict)
}

/// A ListParts answer: `parts` (dicts with `part_number`, `etag`, `size`,
/// `last_modified`, `checksum_algorithm`, `checksum`), `is_truncated`,
/// `next_part_number_marker`, `part_number_marker` and `max_parts` (None
/// when absent). Raises XmlError when `xml` is not such an answer.
#[pyfunction]
pub fn parse_list_parts<'py>(
    py: Python<'py>,
    xml: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyDict>> {
    let listed = presigner::parse_list_parts(xml_bytes(xml)?).or_raise()?;
    let parts = PyList::empty(py);
    for part in listed.parts {
        let item = PyDict::new(py);
        item.set_item("part_number", part.part_number)?;
        item.set_item("etag", part.etag)?;
        item.set_item("size", part.size)?;
        item.set_item("last_modified", part.last_modified)?;
        let (algorithm, checksum) = part
            .checksum
            .map_or((None, None), |(a, c)| (Some(a.as_str()), Some(c)));
        item.set_item("checksum_algorithm", algorithm)?;
        item.set_item("checksum", checksum)?;
        parts.append(item)?;
    }
    let dict = PyDict::new(py);
    dict.set_item("parts", parts)?;
    dict.set_item("is_truncated", listed.is_truncated)?;
    dict.set_item("next_part_number_marker", listed.next_part_number_marker)?;
    dict.set_item("part_number_marker", listed.part_number_marker)?;
    dict.set_item("max_parts", listed.max_parts)?;
    Ok(dict)
}

/// An S3 error answer (what a failed presigned request gets back): `code`,
/// `message`, `request_id`, `host_id`, `resource`, `bucket_name`, `key`,
/// `upload_id` (None when absent). Raises XmlError when `xml` is not one.
#[pyfunction]
pub fn parse_error<'py>(py: Python<'py>, xml: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyDict>> {
    let error = presigner::parse_error(xml_bytes(xml)?).or_raise()?;
    let dict = PyDict::new(py);
    dict.set_item("code", error.code)?;
    dict.set_item("message", error.message)?;
    dict.set_item("request_id", error.request_id)?;
    dict.set_item("host_id", error.host_id)?;
    dict.set_item("resource", error.resource)?;
    dict.set_item("bucket_name", error.bucket_name)?;
    dict.set_item("key", error.key)?;
    dict.set_item("upload_id", error.upload_id)?;
    Ok(dict)
}

/// How to split an object of `size` bytes into parts that S3 and R2 both
/// take: `part_size`, `part_count` and `last_part_size`. `part_size`
/// defaults to 8 MiB, doubled until the parts fit in 10,000.
#[pyfunction]
#[pyo3(signature = (size, part_size = None))]
pub fn plan_parts<'py>(
    py: Python<'py>,
    size: Whole,
    part_size: Option<Whole>,
) -> PyResult<Bound<'py, PyDict>> {
    let plan = presigner::plan_parts_from(size.0, part_size.map(|p| p.0)).or_raise()?;
    let dict = PyDict::new(py);
    dict.set_item("part_size", plan.part_size)?;
    dict.set_item("part_count", plan.part_count)?;
    dict.set_item("last_part_size", plan.last_part_size)?;
    Ok(dict)
}

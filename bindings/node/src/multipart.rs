//! The multipart helpers that need no signer: the CompleteMultipartUpload
//! body, the readers of the store's XML answers, and the part plan. Each
//! converts its arguments, calls the core and answers a plain object that
//! napi builds from the structs below (an absent optional field is left
//! out, not set to `undefined`); `index.js` exports them as they are.

use napi::bindgen_prelude::{
    Array, ArrayBuffer, Env, FromNapiValue, JsObjectValue, JsValue, Object, TypedArray,
    TypedArrayType, Unknown,
};
use napi::ValueType;
use napi_derive::napi;
use presigner::{Argument, ChecksumAlgorithm, CompletedPart};

use crate::convert::{optional, string, whole};
use crate::errors::{run, Invalid};

/// What an item of `parts` must be, in `TypeError` messages.
const PART: &str = "a [partNumber, etag] pair or a { partNumber, etag } object";

/// `parts`: an array of `[partNumber, etag]` pairs or `{ partNumber, etag,
/// checksumAlgorithm?, checksum? }` objects (`part_number` is read when
/// `partNumber` is absent). Read item by item, never sized from `length`,
/// which the caller sets at will. The core judges the list itself (empty,
/// too long, duplicates, numbers outside 1..=10000).
fn parts(value: Unknown<'_>) -> Result<Vec<CompletedPart>, Invalid> {
    if !value.is_array()? {
        return Err(Invalid::expected("an array", &value).at(|| "parts".to_owned()));
    }
    let len = Array::from_unknown(value)?.len();
    let array = Object::from_unknown(value)?;
    let mut parts = Vec::new();
    for index in 0..len {
        // A hole (or an item a getter removed) is `undefined`: a TypeError.
        parts.push(part(array.get_element(index)?, index)?);
    }
    Ok(parts)
}

/// Item `index` of `parts`.
fn part<'env>(item: Unknown<'env>, index: u32) -> Result<CompletedPart, Invalid> {
    let place = || format!("parts[{index}]");
    if item.get_type()? != ValueType::Object {
        return Err(Invalid::expected(PART, &item).at(place));
    }
    let object = Object::from_unknown(item)?;
    if item.is_array()? {
        let len = Array::from_unknown(item)?.len();
        if len != 2 {
            return Err(Invalid::mismatch(PART, format!("an array of length {len}")).at(place));
        }
        let number: Unknown<'_> = object.get_element(0)?;
        let etag: Unknown<'_> = object.get_element(1)?;
        return Ok(CompletedPart::new(
            part_number(number, index, || format!("parts[{index}][0]"))?,
            string(etag, etag.get_type()?).map_err(|e| e.at(|| format!("parts[{index}][1]")))?,
        ));
    }

    let field = |name: &str| -> Result<Unknown<'env>, Invalid> {
        Ok(object.get_named_property_unchecked(name)?)
    };
    let is_absent = |value: &Unknown<'_>| -> Result<bool, Invalid> {
        Ok(matches!(
            value.get_type()?,
            ValueType::Undefined | ValueType::Null
        ))
    };
    let (mut name, mut number) = ("partNumber", field("partNumber")?);
    if is_absent(&number)? {
        (name, number) = ("part_number", field("part_number")?);
        if is_absent(&number)? {
            return Err(Invalid::Named(format!(
                "{}.partNumber is required",
                place()
            )));
        }
    }
    let part_number = part_number(number, index, || format!("{}.{name}", place()))?;
    let etag = optional(field("etag")?, string)
        .map_err(|e| e.at(|| format!("{}.etag", place())))?
        .ok_or_else(|| Invalid::Named(format!("{}.etag is required", place())))?;
    let algorithm = optional(field("checksumAlgorithm")?, string)
        .map_err(|e| e.at(|| format!("{}.checksumAlgorithm", place())))?;
    let checksum = optional(field("checksum")?, string)
        .map_err(|e| e.at(|| format!("{}.checksum", place())))?;
    let in_part = |error| Invalid::InPart { index, error };
    let checksum = match (algorithm, checksum) {
        (None, None) => None,
        (Some(algorithm), Some(checksum)) => Some((
            algorithm.parse::<ChecksumAlgorithm>().map_err(in_part)?,
            checksum,
        )),
        (Some(_), None) => {
            return Err(in_part(presigner::Error::IncompleteChecksum {
                missing: Argument::Checksum,
            }))
        }
        (None, Some(_)) => {
            return Err(in_part(presigner::Error::IncompleteChecksum {
                missing: Argument::ChecksumAlgorithm,
            }))
        }
    };
    Ok(CompletedPart {
        part_number,
        etag,
        checksum,
    })
}

/// A part number at `path`: a whole number, as the core's `u32` (which
/// judges 0 and numbers past 10000); one no `u32` holds is the core's
/// out-of-range error for a part number.
fn part_number(
    value: Unknown<'_>,
    index: u32,
    path: impl FnOnce() -> String,
) -> Result<u32, Invalid> {
    let n = whole(value, value.get_type()?).map_err(|e| e.at(path))?;
    u32::try_from(n).map_err(|_| Invalid::InPart {
        index,
        error: presigner::Error::OutOfRange {
            argument: Argument::PartNumber,
            value: n,
        },
    })
}

/// The body of a CompleteMultipartUpload request for `parts`: the parts
/// sorted by number, byte for byte what botocore sends.
#[napi]
pub fn complete_multipart_upload_body(env: Env, parts: Unknown<'_>) -> napi::Result<String> {
    run(&env, || {
        let parts = self::parts(parts)?;
        Ok(presigner::complete_multipart_upload_body(&parts)?)
    })
}

/// An XML body as JavaScript gives it: a string, or the bytes of a
/// `Uint8Array` (a `Buffer` included) or an `ArrayBuffer`.
enum Xml<'env> {
    Text(String),
    /// Bytes copied: a view of a `SharedArrayBuffer` could change (another
    /// thread writing it) while the core reads it.
    Bytes(Vec<u8>),
    /// Bytes over `MAX_XML_BYTES`, left in place: the core refuses them by
    /// their length alone, unread.
    View(TypedArray<'env>),
    /// The same for an `ArrayBuffer`.
    Buffer(ArrayBuffer<'env>),
}

impl AsRef<[u8]> for Xml<'_> {
    fn as_ref(&self) -> &[u8] {
        match self {
            Self::Text(text) => text.as_bytes(),
            Self::Bytes(bytes) => bytes,
            Self::View(view) => &view.arraybuffer,
            Self::Buffer(buffer) => buffer,
        }
    }
}

/// `bytes` copied, or `None` when the core refuses them unread (see [`Xml`]).
fn copied(bytes: &[u8]) -> Option<Xml<'static>> {
    (bytes.len() <= presigner::MAX_XML_BYTES).then(|| Xml::Bytes(bytes.to_vec()))
}

/// What `xml` must be, in `TypeError` messages.
const XML: &str = "a string, a Uint8Array or an ArrayBuffer";

/// The argument `xml`. A string over `MAX_STRING_CHARS` is refused unread,
/// as every string argument is; bytes over `MAX_XML_BYTES` are not copied
/// (see [`Xml`]).
fn xml(value: Unknown<'_>) -> Result<Xml<'_>, Invalid> {
    let at = || "xml".to_owned();
    match value.get_type()? {
        ValueType::String => Ok(Xml::Text(
            string(value, ValueType::String).map_err(|e| e.at(at))?,
        )),
        ValueType::Object if value.is_typedarray()? => {
            let view = TypedArray::from_unknown(value)?;
            match view.typed_array_type {
                TypedArrayType::Uint8 => Ok(copied(&view.arraybuffer).unwrap_or(Xml::View(view))),
                TypedArrayType::Unknown => Err(Invalid::mismatch(XML, "a TypedArray").at(at)),
                // E.g. "a Uint16Array".
                other => Err(Invalid::mismatch(XML, format!("a {other:?}Array")).at(at)),
            }
        }
        ValueType::Object if value.is_arraybuffer()? => {
            let buffer = ArrayBuffer::from_unknown(value)?;
            Ok(copied(&buffer).unwrap_or(Xml::Buffer(buffer)))
        }
        _ => Err(Invalid::expected(XML, &value).at(at)),
    }
}

/// The store's answer to a CreateMultipartUpload.
#[napi(object, object_from_js = false)]
pub struct CreatedMultipartUpload {
    /// The bucket, as the store names it.
    pub bucket: String,
    /// The object key.
    pub key: String,
    /// The id every later step of the upload names.
    pub upload_id: String,
}

/// Reads the body of the store's answer to a CreateMultipartUpload.
#[napi]
pub fn parse_create_multipart_upload(
    env: Env,
    xml: Unknown<'_>,
) -> napi::Result<CreatedMultipartUpload> {
    run(&env, || {
        let created = presigner::parse_create_multipart_upload(self::xml(xml)?)?;
        Ok(CreatedMultipartUpload {
            bucket: created.bucket,
            key: created.key,
            upload_id: created.upload_id,
        })
    })
}

/// One part, as a ListParts answer lists it.
#[napi(object, object_from_js = false)]
pub struct ListedPart {
    /// Its number, 1 to 10000.
    pub part_number: u32,
    /// Its ETag, quotes included.
    pub etag: String,
    /// Its size in bytes (exact up to 2^53).
    pub size: f64,
    /// When it was uploaded, as the store wrote it, if it did.
    pub last_modified: Option<String>,
    /// The algorithm of `checksum`, upper case, when the part has one.
    pub checksum_algorithm: Option<String>,
    /// The part's checksum in base64.
    pub checksum: Option<String>,
}

/// The store's answer to a ListParts: one page of parts.
#[napi(object, object_from_js = false)]
pub struct ListedParts {
    /// The parts of this page, by part number.
    pub parts: Vec<ListedPart>,
    /// Whether more parts follow, from `nextPartNumberMarker`.
    pub is_truncated: bool,
    /// The `partNumberMarker` of the next page.
    pub next_part_number_marker: Option<u32>,
    /// The `partNumberMarker` this page started after.
    pub part_number_marker: Option<u32>,
    /// The most parts a page could hold.
    pub max_parts: Option<u32>,
}

/// Reads the body of the store's answer to a ListParts.
#[napi]
pub fn parse_list_parts(env: Env, xml: Unknown<'_>) -> napi::Result<ListedParts> {
    run(&env, || {
        let listed = presigner::parse_list_parts(self::xml(xml)?)?;
        let parts = listed
            .parts
            .into_iter()
            .map(|part| {
                let (checksum_algorithm, checksum) = match part.checksum {
                    Some((algorithm, value)) => (Some(algorithm.as_str().to_owned()), Some(value)),
                    None => (None, None),
                };
                ListedPart {
                    part_number: part.part_number,
                    etag: part.etag,
                    // Exact for every size under 2^53 bytes (8 PiB).
                    size: part.size as f64,
                    last_modified: part.last_modified,
                    checksum_algorithm,
                    checksum,
                }
            })
            .collect();
        Ok(ListedParts {
            parts,
            is_truncated: listed.is_truncated,
            next_part_number_marker: listed.next_part_number_marker,
            part_number_marker: listed.part_number_marker,
            max_parts: listed.max_parts,
        })
    })
}

/// The body of an error answer of the store.
#[napi(object, object_from_js = false)]
pub struct ErrorResponse {
    /// The error code, e.g. `NoSuchUpload`.
    pub code: String,
    /// `<Message>`.
    pub message: Option<String>,
    /// `<RequestId>`.
    pub request_id: Option<String>,
    /// `<HostId>`.
    pub host_id: Option<String>,
    /// `<Resource>`.
    pub resource: Option<String>,
    /// `<BucketName>`.
    pub bucket_name: Option<String>,
    /// `<Key>`.
    pub key: Option<String>,
    /// `<UploadId>`.
    pub upload_id: Option<String>,
}

/// Reads the body of an error answer of the store (`<Error><Code>…`).
#[napi]
pub fn parse_error(env: Env, xml: Unknown<'_>) -> napi::Result<ErrorResponse> {
    run(&env, || {
        let error = presigner::parse_error(self::xml(xml)?)?;
        Ok(ErrorResponse {
            code: error.code,
            message: error.message,
            request_id: error.request_id,
            host_id: error.host_id,
            resource: error.resource,
            bucket_name: error.bucket_name,
            key: error.key,
            upload_id: error.upload_id,
        })
    })
}

/// How an object is split into parts.
#[napi(object, object_from_js = false)]
pub struct PartPlan {
    /// Size of every part but the last, in bytes.
    pub part_size: f64,
    /// How many parts: 1 to 10000.
    pub part_count: u32,
    /// Size of the last part, in bytes.
    pub last_part_size: f64,
}

/// Splits an object of `size` bytes into parts that S3 and R2 both accept,
/// of `partSize` bytes each but the last when given.
#[napi]
pub fn plan_parts(env: Env, size: Unknown<'_>, part_size: Unknown<'_>) -> napi::Result<PartPlan> {
    run(&env, || {
        let size = whole(size, size.get_type()?).map_err(|e| e.at(|| "size".to_owned()))?;
        let part_size = optional(part_size, whole).map_err(|e| e.at(|| "partSize".to_owned()))?;
        let plan = presigner::plan_parts_from(size, part_size)?;
        // Sizes are at most MAX_OBJECT_SIZE (under 2^43): exact as f64.
        Ok(PartPlan {
            part_size: plan.part_size as f64,
            part_count: plan.part_count,
            last_part_size: plan.last_part_size as f64,
        })
    })
}

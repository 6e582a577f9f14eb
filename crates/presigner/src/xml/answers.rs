//! Parsers of the store's XML answers to a multipart upload's steps.
//!
//! Hand-written over [`walk`](super::reader::walk) rather than rusty-s3's
//! `CreateMultipartUpload::parse_response` and `ListParts::parse_response`:
//! those accept truncated documents (see the reader), return only the
//! upload id of a CreateMultipartUpload, require `<MaxParts>` and
//! `<LastModified>` (which some S3-compatible stores leave out), drop the
//! parts' checksums, refuse documents without S3's namespace, and rusty-s3
//! has no parser of error bodies.
//!
//! Every parser reads the whole body: an element S3 sends once given twice,
//! a required element missing or a number out of range is an
//! [`Error::InvalidXmlElement`]; elements it does not know are skipped, so
//! the fields S3 adds over time do not break it.

use std::borrow::Cow;

use crate::checksum::ChecksumAlgorithm;
use crate::error::{Error, Result};
use crate::limits::MAX_PARTS;

use super::reader::{walk, Item, SPACE};

fn element(element: &'static str, reason: &'static str) -> Error {
    Error::InvalidXmlElement { element, reason }
}

/// Keeps the first value of an element S3 sends at most once.
fn once<'a>(slot: &mut Option<Cow<'a, str>>, name: &'static str, text: Cow<'a, str>) -> Result<()> {
    match slot {
        Some(_) => Err(element(name, "appears twice")),
        None => {
            *slot = Some(text);
            Ok(())
        }
    }
}

/// The value of an element S3 always sends, non-empty.
fn required(slot: Option<Cow<'_, str>>, name: &'static str) -> Result<String> {
    match slot {
        None => Err(element(name, "is missing")),
        Some(text) if text.is_empty() => Err(element(name, "is empty")),
        Some(text) => Ok(text.into_owned()),
    }
}

/// A whole number (XML Schema trims the whitespace around it) within `max`.
fn number(text: &str, name: &'static str, min: u64, max: u64, reason: &'static str) -> Result<u64> {
    let digits = text.trim_matches(SPACE);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(element(name, "is not a whole number"));
    }
    digits
        .parse::<u64>()
        .ok()
        .filter(|n| (min..=max).contains(n))
        .ok_or_else(|| element(name, reason))
}

fn number_u32(
    text: &str,
    name: &'static str,
    min: u32,
    max: u32,
    reason: &'static str,
) -> Result<u32> {
    // In range of u32 by the bounds.
    number(text, name, min.into(), max.into(), reason).map(|n| u32::try_from(n).unwrap_or(max))
}

fn boolean(text: &str, name: &'static str) -> Result<bool> {
    match text.trim_matches(SPACE) {
        "true" | "1" => Ok(true),
        "false" | "0" => Ok(false),
        _ => Err(element(name, "is neither true nor false")),
    }
}

/// The store's answer to a CreateMultipartUpload: the upload to send the
/// parts to.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct CreatedMultipartUpload {
    /// The bucket, as the store names it.
    pub bucket: String,
    /// The object key.
    pub key: String,
    /// The id every later step of the upload names.
    pub upload_id: String,
}

/// Reads the body of the store's answer to a CreateMultipartUpload, an
/// `<InitiateMultipartUploadResult>`.
///
/// ```
/// let answer = r#"<?xml version="1.0" encoding="UTF-8"?>
/// <InitiateMultipartUploadResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">
///   <Bucket>uploads</Bucket><Key>videos/cat.mp4</Key>
///   <UploadId>VXBsb2FkIElEIGZvciBlbHZpbmcncyBteS1tb3ZpZS5tMnRzIHVwbG9hZA</UploadId>
/// </InitiateMultipartUploadResult>"#;
/// let created = presigner::parse_create_multipart_upload(answer)?;
/// assert_eq!(created.key, "videos/cat.mp4");
/// assert_eq!(created.upload_id, "VXBsb2FkIElEIGZvciBlbHZpbmcncyBteS1tb3ZpZS5tMnRzIHVwbG9hZA");
///
/// let err = presigner::parse_create_multipart_upload("<Error><Code>AccessDenied</Code></Error>").unwrap_err();
/// assert_eq!(err.kind().code(), "ERR_PRESIGNER_XML");
/// # Ok::<(), presigner::Error>(())
/// ```
///
/// # Errors
///
/// An [`ErrorKind::Xml`](crate::ErrorKind::Xml) error when the body is not
/// a well-formed `<InitiateMultipartUploadResult>` with a non-empty
/// `<Bucket>`, `<Key>` and `<UploadId>` each given once (an error body from
/// the store included: read it with [`parse_error`]).
pub fn parse_create_multipart_upload(xml: impl AsRef<[u8]>) -> Result<CreatedMultipartUpload> {
    let (mut bucket, mut key, mut upload_id) = (None, None, None);
    walk(
        xml.as_ref(),
        "InitiateMultipartUploadResult",
        |item| match item {
            Item::Leaf {
                level: 1,
                name,
                text,
            } => match name {
                "Bucket" => once(&mut bucket, "Bucket", text),
                "Key" => once(&mut key, "Key", text),
                "UploadId" => once(&mut upload_id, "UploadId", text),
                _ => Ok(()),
            },
            _ => Ok(()),
        },
    )?;
    Ok(CreatedMultipartUpload {
        bucket: required(bucket, "Bucket")?,
        key: required(key, "Key")?,
        upload_id: required(upload_id, "UploadId")?,
    })
}

/// One part of a multipart upload, as a ListParts answer lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ListedPart {
    /// Its number, 1 to [`MAX_PARTS`].
    pub part_number: u32,
    /// Its ETag, quotes included, as the CompleteMultipartUpload body needs it.
    pub etag: String,
    /// Its size in bytes.
    pub size: u64,
    /// When it was uploaded, as the store wrote it (ISO 8601, e.g.
    /// `2010-11-10T20:48:34.000Z`), if it did.
    pub last_modified: Option<String>,
    /// Its checksum in base64 when the upload has a checksum algorithm.
    pub checksum: Option<(ChecksumAlgorithm, String)>,
}

/// The store's answer to a ListParts: one page of the parts uploaded so far.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ListedParts {
    /// The parts of this page, by part number.
    pub parts: Vec<ListedPart>,
    /// Whether more parts follow: list again from `next_part_number_marker`.
    pub is_truncated: bool,
    /// The `part_number_marker` of the next page. Always present when
    /// `is_truncated`; some stores send it on the last page too.
    pub next_part_number_marker: Option<u32>,
    /// The `part_number_marker` this page started after, if the store said.
    pub part_number_marker: Option<u32>,
    /// The most parts a page could hold, if the store said.
    pub max_parts: Option<u32>,
}

/// The elements of one `<Part>` while it is read.
#[derive(Default)]
struct PartFields<'a> {
    part_number: Option<Cow<'a, str>>,
    etag: Option<Cow<'a, str>>,
    size: Option<Cow<'a, str>>,
    last_modified: Option<Cow<'a, str>>,
    checksum: Option<(ChecksumAlgorithm, Cow<'a, str>)>,
}

impl PartFields<'_> {
    fn finish(self) -> Result<ListedPart> {
        let part_number = number_u32(
            &required(self.part_number, "PartNumber")?,
            "PartNumber",
            1,
            MAX_PARTS,
            "is not a part number (1 to 10000)",
        )?;
        let size = number(
            &required(self.size, "Size")?,
            "Size",
            0,
            u64::MAX,
            "is not a size",
        )?;
        let checksum = match self.checksum {
            Some((algorithm, value)) if !algorithm.is_base64_checksum(&value) => {
                return Err(element(
                    algorithm.xml_element(),
                    "is not the base64 of a checksum of its algorithm",
                ))
            }
            other => other.map(|(a, v)| (a, v.into_owned())),
        };
        Ok(ListedPart {
            part_number,
            etag: required(self.etag, "ETag")?,
            size,
            last_modified: self.last_modified.map(Cow::into_owned),
            checksum,
        })
    }
}

/// Reads the body of the store's answer to a ListParts, a
/// `<ListPartsResult>`: the parts, sorted by part number, and where the
/// next page starts.
///
/// ```
/// let answer = r#"<?xml version="1.0" encoding="UTF-8"?>
/// <ListPartsResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">
///   <Bucket>uploads</Bucket><Key>videos/cat.mp4</Key><UploadId>abc</UploadId>
///   <PartNumberMarker>0</PartNumberMarker><NextPartNumberMarker>1</NextPartNumberMarker>
///   <MaxParts>1</MaxParts><IsTruncated>true</IsTruncated>
///   <Part><PartNumber>1</PartNumber><LastModified>2026-11-29T21:28:02.372Z</LastModified>
///     <ETag>"398533d48111e9f664b1f64cb10c4b63"</ETag><Size>8388608</Size></Part>
/// </ListPartsResult>"#;
/// let page = presigner::parse_list_parts(answer)?;
/// assert!(page.is_truncated);
/// assert_eq!(page.next_part_number_marker, Some(1));
/// assert_eq!(page.parts[0].etag, "\"398533d48111e9f664b1f64cb10c4b63\"");
/// assert_eq!(page.parts[0].size, 8 << 20);
/// # Ok::<(), presigner::Error>(())
/// ```
///
/// # Errors
///
/// An [`ErrorKind::Xml`](crate::ErrorKind::Xml) error when the body is not
/// a well-formed `<ListPartsResult>`; when it lacks `<IsTruncated>`; when a
/// `<Part>` lacks `<PartNumber>`, `<ETag>` or `<Size>`, or gives one twice;
/// when two parts have the same number; when it lists more than
/// [`MAX_PARTS`] parts; or when it is truncated without a
/// `<NextPartNumberMarker>` to continue from.
pub fn parse_list_parts(xml: impl AsRef<[u8]>) -> Result<ListedParts> {
    let mut parts = Vec::new();
    let mut current: Option<PartFields<'_>> = None;
    let (mut is_truncated, mut next_marker, mut marker, mut max_parts) = (None, None, None, None);
    walk(xml.as_ref(), "ListPartsResult", |item| {
        match item {
            Item::Enter("Part") => {
                if parts.len() >= MAX_PARTS as usize {
                    return Err(element("Part", "appears more than 10000 times"));
                }
                current = Some(PartFields::default());
            }
            Item::Leave("Part") => {
                if let Some(fields) = current.take() {
                    parts.push(fields.finish()?);
                }
            }
            Item::Leaf {
                level: 2,
                name,
                text,
            } => {
                let Some(part) = current.as_mut() else {
                    return Ok(());
                };
                match name {
                    "PartNumber" => once(&mut part.part_number, "PartNumber", text)?,
                    "ETag" => once(&mut part.etag, "ETag", text)?,
                    "Size" => once(&mut part.size, "Size", text)?,
                    "LastModified" => once(&mut part.last_modified, "LastModified", text)?,
                    _ => {
                        if let Some(algorithm) = ChecksumAlgorithm::from_xml_element(name) {
                            if part.checksum.is_some() {
                                return Err(element(
                                    algorithm.xml_element(),
                                    "is a second checksum of one part",
                                ));
                            }
                            part.checksum = Some((algorithm, text));
                        }
                    }
                }
            }
            Item::Leaf {
                level: 1,
                name,
                text,
            } => match name {
                "IsTruncated" => once(&mut is_truncated, "IsTruncated", text)?,
                "NextPartNumberMarker" => once(&mut next_marker, "NextPartNumberMarker", text)?,
                "PartNumberMarker" => once(&mut marker, "PartNumberMarker", text)?,
                "MaxParts" => once(&mut max_parts, "MaxParts", text)?,
                _ => {}
            },
            _ => {}
        }
        Ok(())
    })?;
    let marker_of = |text: Option<Cow<'_, str>>, name: &'static str| {
        text.map(|t| number_u32(&t, name, 0, MAX_PARTS, "is not a part number (0 to 10000)"))
            .transpose()
    };
    let is_truncated = boolean(
        &is_truncated.ok_or_else(|| element("IsTruncated", "is missing"))?,
        "IsTruncated",
    )?;
    let next_part_number_marker = marker_of(next_marker, "NextPartNumberMarker")?;
    if is_truncated && next_part_number_marker.unwrap_or(0) == 0 {
        return Err(element(
            "NextPartNumberMarker",
            "is missing or 0 in a truncated list (the next page cannot be asked for)",
        ));
    }
    parts.sort_by_key(|p: &ListedPart| p.part_number);
    if parts
        .windows(2)
        .any(|w| w[0].part_number == w[1].part_number)
    {
        return Err(element("PartNumber", "is the same in two parts"));
    }
    Ok(ListedParts {
        parts,
        is_truncated,
        next_part_number_marker,
        part_number_marker: marker_of(marker, "PartNumberMarker")?,
        max_parts: max_parts
            .map(|t| number_u32(&t, "MaxParts", 0, u32::MAX, "is not a count"))
            .transpose()?,
    })
}

/// Most of an error body's other elements [`ErrorResponse::other`] keeps.
const MAX_OTHER: usize = 32;

/// The body of an error answer of the store: `<Error><Code>…`.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ErrorResponse {
    /// The error code, e.g. `NoSuchUpload`, `AccessDenied`,
    /// `SignatureDoesNotMatch`, `EntityTooSmall`.
    pub code: String,
    /// The store's explanation, if it sent one.
    pub message: Option<String>,
    /// `<RequestId>`, to quote to the store's support.
    pub request_id: Option<String>,
    /// `<HostId>` (S3's extended request id).
    pub host_id: Option<String>,
    /// `<Resource>`: the bucket or object concerned.
    pub resource: Option<String>,
    /// `<BucketName>`.
    pub bucket_name: Option<String>,
    /// `<Key>`: the object key concerned.
    pub key: Option<String>,
    /// `<UploadId>`: the multipart upload concerned (with `NoSuchUpload`).
    pub upload_id: Option<String>,
    /// Every other element without children, in document order (the first
    /// 32): for `SignatureDoesNotMatch`, S3's `StringToSign` and
    /// `CanonicalRequest` tell what it signed.
    pub other: Vec<(String, String)>,
}

/// Reads the body of an error answer of the store, an `<Error>`: S3 sends
/// one with every 4xx and 5xx status (but HEAD's), and CompleteMultipartUpload
/// can send one with a `200 OK`.
///
/// ```
/// let answer = r#"<?xml version="1.0" encoding="UTF-8"?>
/// <Error>
///   <Code>NoSuchUpload</Code>
///   <Message>The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.</Message>
///   <UploadId>VXBsb2FkIElEIGZvciBlbHZpbmcncyBteS1tb3ZpZS5tMnRzIHVwbG9hZA</UploadId>
///   <RequestId>4442587FB7D0A2F9</RequestId>
/// </Error>"#;
/// let error = presigner::parse_error(answer)?;
/// assert_eq!(error.code, "NoSuchUpload");
/// assert_eq!(error.request_id.as_deref(), Some("4442587FB7D0A2F9"));
/// # Ok::<(), presigner::Error>(())
/// ```
///
/// # Errors
///
/// An [`ErrorKind::Xml`](crate::ErrorKind::Xml) error when the body is not
/// a well-formed `<Error>` with one non-empty `<Code>`.
pub fn parse_error(xml: impl AsRef<[u8]>) -> Result<ErrorResponse> {
    let mut fields: [Option<Cow<'_, str>>; 8] = Default::default();
    let mut other = Vec::new();
    walk(xml.as_ref(), "Error", |item| {
        if let Item::Leaf {
            level: 1,
            name,
            text,
        } = item
        {
            let (i, name) = match name {
                "Code" => (0, "Code"),
                "Message" => (1, "Message"),
                "RequestId" => (2, "RequestId"),
                "HostId" => (3, "HostId"),
                "Resource" => (4, "Resource"),
                "BucketName" => (5, "BucketName"),
                "Key" => (6, "Key"),
                "UploadId" => (7, "UploadId"),
                _ => {
                    if other.len() < MAX_OTHER {
                        other.push((name.to_owned(), text.into_owned()));
                    }
                    return Ok(());
                }
            };
            once(&mut fields[i], name, text)?;
        }
        Ok(())
    })?;
    let [code, message, request_id, host_id, resource, bucket_name, key, upload_id] =
        fields.map(|f| f.map(Cow::into_owned));
    Ok(ErrorResponse {
        code: required(code.map(Cow::Owned), "Code")?,
        message,
        request_id,
        host_id,
        resource,
        bucket_name,
        key,
        upload_id,
        other,
    })
}

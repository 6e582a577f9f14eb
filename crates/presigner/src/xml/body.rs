//! The body of a CompleteMultipartUpload request.
//!
//! Written by hand rather than with rusty-s3's `CompleteMultipartUpload::body`,
//! which numbers the ETags by their position (parts must then be 1, 2, 3 …
//! with none missing), leaves out S3's namespace and the parts' checksums,
//! and panics past 65,535 parts.

use crate::checksum::ChecksumAlgorithm;
use crate::error::{Error, Result};
use crate::limits::MAX_PARTS;

use super::answers::ListedPart;
use super::reader::S3_NAMESPACE;

/// One uploaded part, as the CompleteMultipartUpload body names it.
///
/// ```
/// use presigner::{ChecksumAlgorithm, CompletedPart};
///
/// let part = CompletedPart::new(1, "\"a54357aff0632cce46d942af68356b38\"")
///     .with_checksum(ChecksumAlgorithm::Crc32, "AAAAAA==");
/// assert_eq!(part, CompletedPart {
///     part_number: 1,
///     etag: "\"a54357aff0632cce46d942af68356b38\"".into(),
///     checksum: Some((ChecksumAlgorithm::Crc32, "AAAAAA==".into())),
/// });
/// assert_eq!(CompletedPart::from((2, "\"x\"")).part_number, 2);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct CompletedPart {
    /// The part's number, 1 to [`MAX_PARTS`].
    pub part_number: u32,
    /// The `ETag` header of the part's UploadPart answer, quotes included.
    pub etag: String,
    /// The part's checksum in base64, required when the upload was created
    /// with a checksum algorithm.
    pub checksum: Option<(ChecksumAlgorithm, String)>,
}

impl CompletedPart {
    /// A part without a checksum.
    pub fn new(part_number: u32, etag: impl Into<String>) -> Self {
        Self {
            part_number,
            etag: etag.into(),
            checksum: None,
        }
    }

    /// The part with `checksum` (base64) of `algorithm`.
    #[must_use]
    pub fn with_checksum(
        mut self,
        algorithm: ChecksumAlgorithm,
        checksum: impl Into<String>,
    ) -> Self {
        self.checksum = Some((algorithm, checksum.into()));
        self
    }
}

impl<E: Into<String>> From<(u32, E)> for CompletedPart {
    fn from((part_number, etag): (u32, E)) -> Self {
        Self::new(part_number, etag)
    }
}

impl From<ListedPart> for CompletedPart {
    fn from(part: ListedPart) -> Self {
        Self {
            part_number: part.part_number,
            etag: part.etag,
            checksum: part.checksum,
        }
    }
}

impl From<&ListedPart> for CompletedPart {
    fn from(part: &ListedPart) -> Self {
        part.clone().into()
    }
}

/// Appends `text` with `&`, `<` and `>` escaped, as botocore's serializer
/// (Python's ElementTree) does: quotes stay as they are, which text allows.
fn push_escaped(out: &mut String, text: &str) {
    let mut rest = text;
    while let Some(at) = rest.find(['&', '<', '>']) {
        out.push_str(&rest[..at]);
        out.push_str(match rest.as_bytes()[at] {
            b'&' => "&amp;",
            b'<' => "&lt;",
            _ => "&gt;",
        });
        rest = &rest[at + 1..];
    }
    out.push_str(rest);
}

fn invalid_part(part_number: u32, count: usize, reason: &'static str) -> Error {
    Error::InvalidParts {
        part_number: Some(part_number),
        count,
        reason,
    }
}

/// The body of a CompleteMultipartUpload request: the parts sorted by part
/// number whatever their order in `parts`, byte for byte what botocore sends
/// for them (S3's namespace; in each `<Part>`, `<ETag>`, the checksum, then
/// `<PartNumber>`; `&`, `<`, `>` escaped).
///
/// ```
/// use presigner::{complete_multipart_upload_body, CompletedPart};
///
/// let body = complete_multipart_upload_body(&[
///     CompletedPart::new(2, "\"0c78aef83f66abc1fa1e8477f296d394\""),
///     CompletedPart::new(1, "\"a54357aff0632cce46d942af68356b38\""),
/// ])?;
/// assert_eq!(body, concat!(
///     r#"<CompleteMultipartUpload xmlns="http://s3.amazonaws.com/doc/2006-03-01/">"#,
///     r#"<Part><ETag>"a54357aff0632cce46d942af68356b38"</ETag><PartNumber>1</PartNumber></Part>"#,
///     r#"<Part><ETag>"0c78aef83f66abc1fa1e8477f296d394"</ETag><PartNumber>2</PartNumber></Part>"#,
///     r#"</CompleteMultipartUpload>"#,
/// ));
///
/// let err = complete_multipart_upload_body(&[(1, "\"a\"").into(), (1, "\"b\"").into()]).unwrap_err();
/// assert_eq!(err.to_string(), "parts: part 1 is listed twice");
/// # Ok::<(), presigner::Error>(())
/// ```
///
/// # Errors
///
/// An [`ErrorKind::InvalidArgument`](crate::ErrorKind::InvalidArgument)
/// error naming `parts` when it is empty or holds more than [`MAX_PARTS`]
/// parts, or a part has a number outside 1..=[`MAX_PARTS`], a number another
/// part has too, an empty ETag, an ETag with a control character, or a
/// checksum that is not the base64 of a checksum of its algorithm.
pub fn complete_multipart_upload_body(parts: &[CompletedPart]) -> Result<String> {
    let count = parts.len();
    if count == 0 || count > MAX_PARTS as usize {
        return Err(Error::InvalidParts {
            part_number: None,
            count,
            reason: "must hold 1 to 10000 items",
        });
    }
    for part in parts {
        let n = part.part_number;
        if !(1..=MAX_PARTS).contains(&n) {
            return Err(invalid_part(n, count, "is not a part number (1 to 10000)"));
        }
        if part.etag.is_empty() {
            return Err(invalid_part(n, count, "has an empty etag"));
        }
        // XML cannot carry most control characters, even escaped.
        if part
            .etag
            .chars()
            .any(|c| c.is_control() || matches!(c, '\u{FFFE}' | '\u{FFFF}'))
        {
            return Err(invalid_part(
                n,
                count,
                "has an etag holding a control character",
            ));
        }
        if let Some((algorithm, value)) = &part.checksum {
            if !algorithm.is_base64_checksum(value) {
                return Err(invalid_part(
                    n,
                    count,
                    "has a checksum that is not the base64 of a checksum of its algorithm",
                ));
            }
        }
    }
    let mut sorted: Vec<&CompletedPart> = parts.iter().collect();
    sorted.sort_by_key(|p| p.part_number);
    if let Some(pair) = sorted
        .windows(2)
        .find(|w| w[0].part_number == w[1].part_number)
    {
        return Err(invalid_part(pair[0].part_number, count, "is listed twice"));
    }

    let size = sorted
        .iter()
        .map(|p| p.etag.len() + p.checksum.as_ref().map_or(0, |(_, v)| v.len() + 40) + 60)
        .sum::<usize>();
    let mut body = String::with_capacity(size + 100);
    body.push_str("<CompleteMultipartUpload xmlns=\"");
    body.push_str(S3_NAMESPACE);
    body.push_str("\">");
    for part in sorted {
        body.push_str("<Part><ETag>");
        push_escaped(&mut body, &part.etag);
        body.push_str("</ETag>");
        if let Some((algorithm, value)) = &part.checksum {
            let element = algorithm.xml_element();
            body.push('<');
            body.push_str(element);
            body.push('>');
            push_escaped(&mut body, value);
            body.push_str("</");
            body.push_str(element);
            body.push('>');
        }
        body.push_str("<PartNumber>");
        body.push_str(&part.part_number.to_string());
        body.push_str("</PartNumber></Part>");
    }
    body.push_str("</CompleteMultipartUpload>");
    Ok(body)
}

//! S3's limits on what one presigned request may carry, and the checks that
//! turn a whole number of any size (as a binding receives it from Python or
//! JavaScript) into the core's types.

use std::time::Duration;

use crate::error::{Argument, Error, Result};

/// S3's limit on object key length, in UTF-8 bytes.
pub const MAX_KEY_BYTES: usize = 1024;

/// Default lifetime of a presigned URL, in seconds (one hour).
pub const DEFAULT_EXPIRES_IN_SECS: u64 = 3600;

/// Longest lifetime SigV4 allows, in seconds (seven days).
pub const MAX_EXPIRES_IN_SECS: u64 = 604_800;

/// Longest header or query value signed, in UTF-8 bytes: S3 refuses request
/// headers over 8 KB in total, so a longer value can never be sent.
pub const MAX_VALUE_BYTES: usize = 8192;

/// Longest string a binding reads from its language, in characters (UTF-16
/// code units in JavaScript): a longer one is refused unread. Far above
/// every limit here, so the core's own messages stay the ones users see.
pub const MAX_STRING_CHARS: usize = 1 << 20;

/// S3's limit on user metadata: names and values together, in UTF-8 bytes.
pub const MAX_METADATA_BYTES: usize = 2048;

/// Largest `content_length` of one PUT, in bytes (5 GiB, S3's limit; R2's is
/// 5 MiB less).
pub const MAX_CONTENT_LENGTH: u64 = 5 * 1024 * 1024 * 1024;

/// Longest multipart upload id accepted, in UTF-8 bytes (S3's and R2's are
/// a few hundred characters).
pub const MAX_UPLOAD_ID_BYTES: usize = 1024;

/// Most parts one ListParts answer may list.
pub const MAX_LIST_PARTS: u32 = 1000;

/// The inclusive range of a whole-number argument.
pub(crate) const fn range_of(argument: Argument) -> (u32, u32) {
    match argument {
        Argument::MaxParts => (1, MAX_LIST_PARTS),
        Argument::MaxExpiresIn => (1, MAX_EXPIRES_IN_SECS as u32),
        Argument::PartNumberMarker => (0, MAX_PARTS),
        // Part numbers and part counts.
        _ => (1, MAX_PARTS),
    }
}

/// A part number, part count, `max_parts` or `part_number_marker` from a
/// whole number of any sign and size (a binding saturates larger integers
/// to `i128::MIN`/`MAX`), checked against its range.
///
/// ```
/// use presigner::{in_range, Argument};
///
/// assert_eq!(in_range(Argument::PartNumber, 10_000)?, 10_000);
/// assert!(in_range(Argument::PartNumber, 0).is_err());
/// assert!(in_range(Argument::MaxParts, 1001).is_err());
/// # Ok::<(), presigner::Error>(())
/// ```
pub fn in_range(argument: Argument, value: i128) -> Result<u32> {
    let (min, max) = range_of(argument);
    u32::try_from(value)
        .ok()
        .filter(|v| (min..=max).contains(v))
        .ok_or(Error::OutOfRange { argument, value })
}

/// `expires_in` from a whole number of seconds of any sign and size (a
/// binding saturates larger integers to `i128::MIN`/`MAX`).
///
/// ```
/// assert_eq!(presigner::expires_in_secs(60)?.as_secs(), 60);
/// assert!(presigner::expires_in_secs(-1).is_err());
/// assert!(presigner::expires_in_secs(1 << 64).is_err());
/// # Ok::<(), presigner::Error>(())
/// ```
pub fn expires_in_secs(secs: i128) -> Result<Duration> {
    u64::try_from(secs)
        .ok()
        .filter(|s| (1..=MAX_EXPIRES_IN_SECS).contains(s))
        .map(Duration::from_secs)
        .ok_or(Error::InvalidExpiry { secs })
}

/// `content_length` from a whole number of bytes of any sign and size.
///
/// ```
/// assert_eq!(presigner::content_length(0)?, 0);
/// assert!(presigner::content_length(-1).is_err());
/// assert!(presigner::content_length(5 * (1 << 30) + 1).is_err());
/// # Ok::<(), presigner::Error>(())
/// ```
pub fn content_length(len: i128) -> Result<u64> {
    u64::try_from(len)
        .ok()
        .filter(|l| *l <= MAX_CONTENT_LENGTH)
        .ok_or(Error::InvalidContentLength { len })
}

/// Checks the lifetime of an option struct (`None` = the default).
pub(crate) fn check_expiry(expires_in: Option<Duration>) -> Result<u64> {
    let secs = expires_in.map_or(DEFAULT_EXPIRES_IN_SECS, |d| d.as_secs());
    expires_in_secs(i128::from(secs)).map(|d| d.as_secs())
}

/// Most parts one multipart upload may have, and the highest part number
/// (S3's and R2's limit).
pub const MAX_PARTS: u32 = 10_000;

/// Smallest size of every part but the last of a multipart upload, in bytes
/// (5 MiB, S3's and R2's limit; the last part may be smaller).
pub const MIN_PART_SIZE: u64 = 5 * 1024 * 1024;

/// Largest part of a multipart upload, in bytes: 5 GiB less 5 MiB, R2's
/// limit (S3's is 5 GiB), so that a part fits both.
pub const MAX_PART_SIZE: u64 = 5 * 1024 * 1024 * 1024 - 5 * 1024 * 1024;

/// Largest object uploaded in parts, in bytes: 5 TiB less 5 GiB, R2's limit
/// (S3 allows larger objects), so that an object fits both.
pub const MAX_OBJECT_SIZE: u64 = 5 * 1024 * 1024 * 1024 * 1024 - 5 * 1024 * 1024 * 1024;

/// Longest XML body the parsers read, in bytes (16 MiB): a ListParts answer
/// of 1000 parts is about 300 KB, so a longer body is refused unread.
pub const MAX_XML_BYTES: usize = 16 * 1024 * 1024;

/// Deepest nesting of XML elements the parsers read: S3's answers nest
/// three deep (`ListPartsResult` / `Part` / `ETag`).
pub const MAX_XML_DEPTH: usize = 16;

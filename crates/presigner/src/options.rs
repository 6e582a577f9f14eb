//! Per-call options: plain data with `Default`, so callers and bindings fill
//! only what they need (`..Default::default()`).

use std::collections::BTreeMap;
use std::time::{Duration, SystemTime};

use crate::checksum::ChecksumAlgorithm;
#[cfg(doc)]
use crate::limits::{DEFAULT_EXPIRES_IN_SECS, MAX_CONTENT_LENGTH, MAX_METADATA_BYTES};

/// Options for [`Signer::presign_put`](crate::Signer::presign_put).
///
/// Every header option given here is signed, and returned in
/// [`PresignedRequest::headers`](crate::PresignedRequest::headers): the
/// uploader must send it with exactly that value.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PutOptions {
    /// Lifetime of the URL; `None` = [`DEFAULT_EXPIRES_IN_SECS`]. Whole seconds.
    pub expires_in: Option<Duration>,
    /// `Content-Type` the upload must carry.
    pub content_type: Option<String>,
    /// `Content-Length` the upload must have, in bytes (at most
    /// [`MAX_CONTENT_LENGTH`]).
    pub content_length: Option<u64>,
    /// `Content-MD5`: base64 of the body's MD5.
    pub content_md5: Option<String>,
    /// `x-amz-checksum-sha256`: base64 of the body's SHA-256.
    pub checksum_sha256: Option<String>,
    /// `Cache-Control` stored with the object.
    pub cache_control: Option<String>,
    /// `Content-Disposition` stored with the object.
    pub content_disposition: Option<String>,
    /// User metadata, sent as `x-amz-meta-<name>` headers (names lower-cased);
    /// names and values together at most [`MAX_METADATA_BYTES`].
    pub metadata: BTreeMap<String, String>,
    /// `If-None-Match`: `"*"` uploads only if the key does not exist yet
    /// (412 otherwise): a create-only write.
    pub if_none_match: Option<String>,
    /// `If-Match`: uploads only if the object's ETag is this one (replace-only).
    pub if_match: Option<String>,
    /// The algorithm of `checksum`; the two go together.
    pub checksum_algorithm: Option<ChecksumAlgorithm>,
    /// The body's checksum in base64, signed as `x-amz-checksum-<algorithm>`:
    /// the store refuses a body that does not match.
    pub checksum: Option<String>,
    /// The signing instant; `None` = now.
    pub signing_time: Option<SystemTime>,
}

/// Options for [`Signer::presign_get`](crate::Signer::presign_get).
///
/// The `response_*` overrides travel in the query string, so they need no
/// header from the downloader.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GetOptions {
    /// Lifetime of the URL; `None` = [`DEFAULT_EXPIRES_IN_SECS`]. Whole seconds.
    pub expires_in: Option<Duration>,
    /// `response-content-type`: the `Content-Type` the store answers with.
    pub response_content_type: Option<String>,
    /// `response-content-disposition`, e.g. `attachment; filename="cat.jpg"`.
    pub response_content_disposition: Option<String>,
    /// `response-cache-control`: the `Cache-Control` the store answers with.
    pub response_cache_control: Option<String>,
    /// `versionId`: a specific version of the object.
    pub version_id: Option<String>,
    /// The signing instant; `None` = now.
    pub signing_time: Option<SystemTime>,
}

/// Options for [`Signer::presign_head`](crate::Signer::presign_head) and
/// [`Signer::presign_delete`](crate::Signer::presign_delete).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ObjectOptions {
    /// Lifetime of the URL; `None` = [`DEFAULT_EXPIRES_IN_SECS`]. Whole seconds.
    pub expires_in: Option<Duration>,
    /// `versionId`: a specific version of the object.
    pub version_id: Option<String>,
    /// The signing instant; `None` = now.
    pub signing_time: Option<SystemTime>,
}

/// The options every presign call takes, and all that
/// [`Signer::presign_abort_multipart_upload`](crate::Signer::presign_abort_multipart_upload)
/// and [`Signer::presign_upload_parts`](crate::Signer::presign_upload_parts) take.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SigningOptions {
    /// Lifetime of the URL; `None` = [`DEFAULT_EXPIRES_IN_SECS`]. Whole seconds.
    pub expires_in: Option<Duration>,
    /// The signing instant; `None` = now.
    pub signing_time: Option<SystemTime>,
}

/// Options for
/// [`Signer::presign_create_multipart_upload`](crate::Signer::presign_create_multipart_upload):
/// what the object will be stored with. Every one is signed and returned in
/// `headers`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CreateMultipartUploadOptions {
    /// Lifetime of the URL; `None` = [`DEFAULT_EXPIRES_IN_SECS`]. Whole seconds.
    pub expires_in: Option<Duration>,
    /// `Content-Type` stored with the object.
    pub content_type: Option<String>,
    /// `Cache-Control` stored with the object.
    pub cache_control: Option<String>,
    /// `Content-Disposition` stored with the object.
    pub content_disposition: Option<String>,
    /// User metadata, as for [`PutOptions::metadata`].
    pub metadata: BTreeMap<String, String>,
    /// `x-amz-checksum-algorithm`: every part must then carry a checksum of
    /// this algorithm.
    pub checksum_algorithm: Option<ChecksumAlgorithm>,
    /// The signing instant; `None` = now.
    pub signing_time: Option<SystemTime>,
}

/// Options for [`Signer::presign_upload_part`](crate::Signer::presign_upload_part).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UploadPartOptions {
    /// Lifetime of the URL; `None` = [`DEFAULT_EXPIRES_IN_SECS`]. Whole seconds.
    pub expires_in: Option<Duration>,
    /// `Content-Length` the part must have (signed, not returned in `headers`:
    /// every client sets it itself).
    pub content_length: Option<u64>,
    /// `Content-MD5`: base64 of the part's MD5.
    pub content_md5: Option<String>,
    /// The algorithm of `checksum`; the two go together.
    pub checksum_algorithm: Option<ChecksumAlgorithm>,
    /// The part's checksum in base64, signed as `x-amz-checksum-<algorithm>`.
    pub checksum: Option<String>,
    /// The signing instant; `None` = now.
    pub signing_time: Option<SystemTime>,
}

/// Options for [`Signer::presign_list_parts`](crate::Signer::presign_list_parts).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListPartsOptions {
    /// Lifetime of the URL; `None` = [`DEFAULT_EXPIRES_IN_SECS`]. Whole seconds.
    pub expires_in: Option<Duration>,
    /// `max-parts`: at most this many parts in the answer (1 to 1000).
    pub max_parts: Option<u32>,
    /// `part-number-marker`: list the parts after this number (0 to 10000).
    pub part_number_marker: Option<u32>,
    /// The signing instant; `None` = now.
    pub signing_time: Option<SystemTime>,
}

/// Options for
/// [`Signer::presign_complete_multipart_upload`](crate::Signer::presign_complete_multipart_upload).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CompleteMultipartUploadOptions {
    /// Lifetime of the URL; `None` = [`DEFAULT_EXPIRES_IN_SECS`]. Whole seconds.
    pub expires_in: Option<Duration>,
    /// `If-None-Match`: `"*"` completes only if the key does not exist yet
    /// (412 otherwise).
    pub if_none_match: Option<String>,
    /// `If-Match`: completes only if the object's ETag is this one.
    pub if_match: Option<String>,
    /// The signing instant; `None` = now.
    pub signing_time: Option<SystemTime>,
}

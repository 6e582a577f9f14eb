//! Per-call options: plain data with `Default`, so callers and bindings fill
//! only what they need (`..Default::default()`).

use std::collections::BTreeMap;
use std::time::{Duration, SystemTime};

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

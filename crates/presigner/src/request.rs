//! `PresignedRequest`: what a presign call returns.

use std::collections::BTreeMap;
use std::fmt;
use std::time::SystemTime;

/// HTTP method of a presigned request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Method {
    /// `GET`
    Get,
    /// `PUT`
    Put,
    /// `HEAD`
    Head,
    /// `DELETE`
    Delete,
    /// `POST`
    Post,
}

impl Method {
    /// The method in upper case, as sent on the wire.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Get => "GET",
            Self::Put => "PUT",
            Self::Head => "HEAD",
            Self::Delete => "DELETE",
            Self::Post => "POST",
        }
    }
}

impl fmt::Display for Method {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A presigned request: send `method` to `url` with exactly `headers`
/// before `expires_at`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PresignedRequest {
    /// The HTTP method the URL was signed for.
    pub method: Method,
    /// The presigned URL.
    pub url: String,
    /// Every header the client must send for the signature to hold (the
    /// signed ones other than `host`), lower-case names.
    pub headers: BTreeMap<String, String>,
    /// When the URL stops working.
    pub expires_at: SystemTime,
}

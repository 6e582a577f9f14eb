//! The one error type of the crate. Every message names the argument at
//! fault and never contains a secret, a session token or endpoint credentials.

/// The two families of errors, each with a stable code shared by every
/// language: Python's `.code`, JavaScript's `err.code`, the test vectors.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The signer's configuration is unusable (endpoint, bucket, region,
    /// credentials, environment). Code `ERR_PRESIGNER_CONFIG`.
    Config,
    /// An argument of one call is unusable (key, expiry, header value …).
    /// Code `ERR_PRESIGNER_INVALID_ARGUMENT`.
    InvalidArgument,
}

impl ErrorKind {
    /// The stable code, e.g. `"ERR_PRESIGNER_CONFIG"`.
    pub const fn code(self) -> &'static str {
        match self {
            Self::Config => "ERR_PRESIGNER_CONFIG",
            Self::InvalidArgument => "ERR_PRESIGNER_INVALID_ARGUMENT",
        }
    }
}

impl AsRef<str> for ErrorKind {
    fn as_ref(&self) -> &str {
        self.code()
    }
}

/// Why a signer could not be built or a URL could not be signed.
///
/// ```
/// let signer = presigner::Signer::builder("http://127.0.0.1:9000", "uploads", "AK", "SK")
///     .build()
///     .unwrap();
/// let err = signer.presign_get("", &Default::default()).unwrap_err();
/// assert_eq!(err.kind().code(), "ERR_PRESIGNER_INVALID_ARGUMENT");
/// assert_eq!(err.to_string(), "key must not be empty");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The object key is the empty string.
    #[error("key must not be empty")]
    EmptyKey,
    /// The object key is longer than S3's limit of 1024 UTF-8 bytes.
    #[error("key is {len} bytes long in UTF-8; S3 allows at most 1024")]
    KeyTooLong {
        /// Length of the key in UTF-8 bytes.
        len: usize,
    },
    /// `expires_in` is 0 or more than 604800 seconds (7 days).
    #[error("expires_in must be between 1 and 604800 seconds (7 days), got {secs}")]
    InvalidExpiry {
        /// The rejected value, in seconds.
        secs: u64,
    },
    /// `signing_time` is before 1970 or after 9999.
    #[error("signing_time must be between 1970-01-01 and 9999-12-31 UTC")]
    InvalidSigningTime,
    /// A header value holds a control character or a non-ASCII character.
    #[error("{argument} must be printable ASCII (no control or non-ASCII characters)")]
    InvalidHeaderValue {
        /// The argument holding the value, e.g. `content_type` or `metadata["x"]`.
        argument: String,
    },
    /// A metadata name is not an HTTP header token.
    #[error("metadata name {name:?} is not a valid HTTP header name (letters, digits and !#$%&'*+-.^_`|~ only)")]
    InvalidMetadataName {
        /// The rejected name.
        name: String,
    },
    /// Two metadata names differ only in case: HTTP header names are
    /// case-insensitive, so both would be the same `x-amz-meta-` header.
    #[error(
        "metadata names {name:?} and {other:?} are the same header (names are case-insensitive)"
    )]
    DuplicateMetadataName {
        /// One of the names.
        name: String,
        /// The other.
        other: String,
    },
    /// The endpoint is not a plain `http(s)://host[:port]` URL.
    #[error(
        "endpoint must be an http:// or https:// URL with a host and nothing after it: {reason}"
    )]
    InvalidEndpoint {
        /// What is wrong with it (the endpoint itself is not echoed: it may hold credentials).
        reason: &'static str,
    },
    /// The public base URL is not an `http(s)` URL without query or credentials.
    #[error("public_base_url must be an http:// or https:// URL: {reason}")]
    InvalidPublicBaseUrl {
        /// What is wrong with it.
        reason: &'static str,
    },
    /// The bucket name breaks S3's naming rules.
    #[error("bucket {bucket:?} is not a valid bucket name: {reason}")]
    InvalidBucket {
        /// The rejected name.
        bucket: String,
        /// Which rule it breaks.
        reason: &'static str,
    },
    /// The region is empty or holds characters other than letters, digits and `-`.
    #[error("region {region:?} is not a valid region name (letters, digits and '-' only)")]
    InvalidRegion {
        /// The rejected region.
        region: String,
    },
    /// A credential (`access_key_id`, `secret_access_key`, `session_token`) is empty.
    #[error("{argument} must not be empty")]
    EmptyCredential {
        /// Which credential.
        argument: &'static str,
    },
    /// `public_url` was called on a signer without `public_base_url`.
    #[error("public_base_url is not configured, so there is no public URL")]
    NoPublicBaseUrl,
    /// `from_env` found required variables missing; each entry lists the
    /// alternatives for one setting.
    #[error("missing environment variables: {}", .missing.join("; "))]
    MissingEnv {
        /// One entry per missing setting, e.g. `"R2_BUCKET or S3_BUCKET"`.
        missing: Vec<&'static str>,
    },
}

impl Error {
    /// The family of this error, which carries the stable code.
    pub fn kind(&self) -> ErrorKind {
        match self {
            Self::EmptyKey
            | Self::KeyTooLong { .. }
            | Self::InvalidExpiry { .. }
            | Self::InvalidSigningTime
            | Self::InvalidHeaderValue { .. }
            | Self::InvalidMetadataName { .. }
            | Self::DuplicateMetadataName { .. } => ErrorKind::InvalidArgument,
            Self::InvalidEndpoint { .. }
            | Self::InvalidPublicBaseUrl { .. }
            | Self::InvalidBucket { .. }
            | Self::InvalidRegion { .. }
            | Self::EmptyCredential { .. }
            | Self::NoPublicBaseUrl
            | Self::MissingEnv { .. } => ErrorKind::Config,
        }
    }
}

/// `Result` with this crate's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

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

/// An argument that an error message names. Rust and Python spell it as
/// [`Argument::name`] does; a binding with other names (Node's
/// `options.expiresIn`) words the message with
/// [`Error::message_naming`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Argument {
    /// The URL's lifetime.
    ExpiresIn,
    /// The signing instant.
    SigningTime,
    /// The `Content-Type` of an upload.
    ContentType,
    /// The `Content-MD5` of an upload.
    ContentMd5,
    /// The `x-amz-checksum-sha256` of an upload.
    ChecksumSha256,
    /// The `Cache-Control` of an upload.
    CacheControl,
    /// The `Content-Disposition` of an upload.
    ContentDisposition,
    /// The user metadata of an upload.
    Metadata,
    /// The public base URL of a signer.
    PublicBaseUrl,
    /// The access key id of a signer.
    AccessKeyId,
    /// The secret access key of a signer.
    SecretAccessKey,
    /// The session token of a signer.
    SessionToken,
}

impl Argument {
    /// The Rust and Python name, e.g. `expires_in`.
    pub const fn name(self) -> &'static str {
        match self {
            Self::ExpiresIn => "expires_in",
            Self::SigningTime => "signing_time",
            Self::ContentType => "content_type",
            Self::ContentMd5 => "content_md5",
            Self::ChecksumSha256 => "checksum_sha256",
            Self::CacheControl => "cache_control",
            Self::ContentDisposition => "content_disposition",
            Self::Metadata => "metadata",
            Self::PublicBaseUrl => "public_base_url",
            Self::AccessKeyId => "access_key_id",
            Self::SecretAccessKey => "secret_access_key",
            Self::SessionToken => "session_token",
        }
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
    #[error("{}", self.message_naming(Argument::name))]
    InvalidExpiry {
        /// The rejected value, in seconds.
        secs: u64,
    },
    /// `signing_time` is before 1970 or after 9999.
    #[error("{}", self.message_naming(Argument::name))]
    InvalidSigningTime,
    /// A header value holds a control character or a non-ASCII character.
    #[error("{}", self.message_naming(Argument::name))]
    InvalidHeaderValue {
        /// The argument holding the value, e.g. `content_type`.
        argument: Argument,
        /// For `metadata`, the name of the entry.
        entry: Option<String>,
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
    #[error("{}", self.message_naming(Argument::name))]
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
    #[error("{}", self.message_naming(Argument::name))]
    EmptyCredential {
        /// Which credential.
        argument: Argument,
    },
    /// `public_url` was called on a signer without `public_base_url`.
    #[error("{}", self.message_naming(Argument::name))]
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
    /// The message, with every argument it names spelled by `name` (the
    /// `Display` of an error uses [`Argument::name`]).
    ///
    /// ```
    /// use presigner::{Argument, Error};
    ///
    /// let err = Error::InvalidExpiry { secs: 0 };
    /// assert!(err.to_string().starts_with("expires_in must be"));
    /// let node = err.message_naming(|a| if a == Argument::ExpiresIn { "options.expiresIn" } else { a.name() });
    /// assert!(node.starts_with("options.expiresIn must be"));
    /// ```
    pub fn message_naming(&self, name: impl Fn(Argument) -> &'static str) -> String {
        match self {
            Self::InvalidExpiry { secs } => format!(
                "{} must be between 1 and 604800 seconds (7 days), got {secs}",
                name(Argument::ExpiresIn)
            ),
            Self::InvalidSigningTime => format!(
                "{} must be between 1970-01-01 and 9999-12-31 UTC",
                name(Argument::SigningTime)
            ),
            Self::InvalidHeaderValue { argument, entry } => format!(
                "{}{} must be printable ASCII (no control or non-ASCII characters)",
                name(*argument),
                entry
                    .as_ref()
                    .map(|e| format!("[{e:?}]"))
                    .unwrap_or_default()
            ),
            Self::InvalidPublicBaseUrl { reason } => format!(
                "{} must be an http:// or https:// URL: {reason}",
                name(Argument::PublicBaseUrl)
            ),
            Self::EmptyCredential { argument } => format!("{} must not be empty", name(*argument)),
            Self::NoPublicBaseUrl => format!(
                "{} is not configured, so there is no public URL",
                name(Argument::PublicBaseUrl)
            ),
            // These name no argument that is spelled differently anywhere.
            other => other.to_string(),
        }
    }

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

#[cfg(test)]
mod tests {
    use super::*;

    /// Every error that names an argument, with the argument it names.
    fn naming_errors() -> Vec<(Error, Argument)> {
        vec![
            (Error::InvalidExpiry { secs: 0 }, Argument::ExpiresIn),
            (Error::InvalidSigningTime, Argument::SigningTime),
            (
                Error::InvalidHeaderValue {
                    argument: Argument::ContentType,
                    entry: None,
                },
                Argument::ContentType,
            ),
            (
                Error::InvalidHeaderValue {
                    argument: Argument::Metadata,
                    entry: Some("x".into()),
                },
                Argument::Metadata,
            ),
            (
                Error::InvalidPublicBaseUrl { reason: "no host" },
                Argument::PublicBaseUrl,
            ),
            (
                Error::EmptyCredential {
                    argument: Argument::SessionToken,
                },
                Argument::SessionToken,
            ),
            (Error::NoPublicBaseUrl, Argument::PublicBaseUrl),
        ]
    }

    #[test]
    fn display_uses_the_rust_names() {
        for (err, argument) in naming_errors() {
            let text = err.to_string();
            assert!(text.starts_with(argument.name()), "{text}");
            assert_eq!(text, err.message_naming(Argument::name));
        }
        assert_eq!(
            Error::InvalidHeaderValue {
                argument: Argument::Metadata,
                entry: Some("x".into())
            }
            .to_string(),
            r#"metadata["x"] must be printable ASCII (no control or non-ASCII characters)"#
        );
    }

    #[test]
    fn message_naming_spells_each_argument_as_asked() {
        for (err, argument) in naming_errors() {
            let text = err.message_naming(|a| if a == argument { "THE.ARG" } else { "?" });
            assert!(text.starts_with("THE.ARG"), "{text}");
            assert!(!text.contains(argument.name()), "{text}");
        }
        let plain = Error::EmptyKey;
        assert_eq!(plain.message_naming(|_| "?"), plain.to_string());
    }
}

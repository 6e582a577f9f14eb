//! The one error type of the crate. Every message names the argument at
//! fault and never contains a secret, a session token or endpoint credentials.

use crate::checksum::ChecksumAlgorithm;
use crate::limits::{range_of, MAX_UPLOAD_ID_BYTES};
use crate::limits::{
    MAX_CONTENT_LENGTH, MAX_EXPIRES_IN_SECS, MAX_KEY_BYTES, MAX_METADATA_BYTES, MAX_STRING_CHARS,
    MAX_VALUE_BYTES,
};
use crate::limits::{MAX_OBJECT_SIZE, MAX_PARTS, MAX_PART_SIZE, MAX_XML_BYTES, MIN_PART_SIZE};
use crate::policy::RequestField;

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
    /// An XML answer of the store (CreateMultipartUpload, ListParts, an
    /// error body) is malformed, refused (too large, a DOCTYPE, too deep) or
    /// lacks what S3 always sends. Code `ERR_PRESIGNER_XML`.
    Xml,
    /// An [`UploadPolicy`](crate::UploadPolicy) refused a request: it is
    /// malformed (HTTP 400) or asks for what the policy forbids (403); see
    /// [`Error::status`]. Code `ERR_PRESIGNER_POLICY`.
    Policy,
}

impl ErrorKind {
    /// The stable code, e.g. `"ERR_PRESIGNER_CONFIG"`.
    pub const fn code(self) -> &'static str {
        match self {
            Self::Config => "ERR_PRESIGNER_CONFIG",
            Self::InvalidArgument => "ERR_PRESIGNER_INVALID_ARGUMENT",
            Self::Xml => "ERR_PRESIGNER_XML",
            Self::Policy => "ERR_PRESIGNER_POLICY",
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
    /// The `Content-Length` of an upload.
    ContentLength,
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
    /// The `response-content-type` of a download.
    ResponseContentType,
    /// The `response-content-disposition` of a download.
    ResponseContentDisposition,
    /// The `response-cache-control` of a download.
    ResponseCacheControl,
    /// The `versionId` of a download, HEAD or DELETE.
    VersionId,
    /// `If-None-Match` of an upload or a complete.
    IfNoneMatch,
    /// `If-Match` of an upload or a complete.
    IfMatch,
    /// The checksum algorithm of an upload.
    ChecksumAlgorithm,
    /// The checksum of an upload or a part.
    Checksum,
    /// The id of a multipart upload.
    UploadId,
    /// The number of one part.
    PartNumber,
    /// How many parts to sign.
    PartCount,
    /// `max-parts` of a list of parts.
    MaxParts,
    /// `part-number-marker` of a list of parts.
    PartNumberMarker,
    /// The endpoint of a signer.
    Endpoint,
    /// The public base URL of a signer.
    PublicBaseUrl,
    /// The access key id of a signer.
    AccessKeyId,
    /// The secret access key of a signer.
    SecretAccessKey,
    /// The session token of a signer.
    SessionToken,
    /// The parts of a CompleteMultipartUpload body.
    Parts,
    /// The size of an object to upload in parts.
    Size,
    /// The size of each part of a multipart upload.
    PartSize,
    /// The key prefix of an upload policy.
    Prefix,
    /// The longest URL lifetime an upload policy signs.
    MaxExpiresIn,
    /// The content types an upload policy allows.
    ContentTypes,
}

impl Argument {
    /// The Rust and Python name, e.g. `expires_in`.
    pub const fn name(self) -> &'static str {
        match self {
            Self::ExpiresIn => "expires_in",
            Self::SigningTime => "signing_time",
            Self::ContentType => "content_type",
            Self::ContentLength => "content_length",
            Self::ContentMd5 => "content_md5",
            Self::ChecksumSha256 => "checksum_sha256",
            Self::CacheControl => "cache_control",
            Self::ContentDisposition => "content_disposition",
            Self::Metadata => "metadata",
            Self::ResponseContentType => "response_content_type",
            Self::ResponseContentDisposition => "response_content_disposition",
            Self::ResponseCacheControl => "response_cache_control",
            Self::VersionId => "version_id",
            Self::IfNoneMatch => "if_none_match",
            Self::IfMatch => "if_match",
            Self::ChecksumAlgorithm => "checksum_algorithm",
            Self::Checksum => "checksum",
            Self::UploadId => "upload_id",
            Self::PartNumber => "part_number",
            Self::PartCount => "part_count",
            Self::MaxParts => "max_parts",
            Self::PartNumberMarker => "part_number_marker",
            Self::Endpoint => "endpoint",
            Self::PublicBaseUrl => "public_base_url",
            Self::AccessKeyId => "access_key_id",
            Self::SecretAccessKey => "secret_access_key",
            Self::SessionToken => "session_token",
            Self::Parts => "parts",
            Self::Size => "size",
            Self::PartSize => "part_size",
            Self::Prefix => "prefix",
            Self::MaxExpiresIn => "max_expires_in",
            Self::ContentTypes => "content_types",
        }
    }
}

/// How many characters of a caller's value a message echoes, escapes
/// included, before `…`.
const ECHO_CHARS: usize = 64;

/// `value` as a message quotes it: debug-escaped and cut after
/// [`ECHO_CHARS`] characters of the escaped text (a 10 MiB bucket name, or
/// 64 characters that each escape to ten, are not echoed whole).
fn echo(value: &str) -> String {
    let mut shown = String::from("\"");
    let mut count = 0;
    for c in value.chars() {
        let escaped = c.escape_debug();
        count += escaped.len();
        if count > ECHO_CHARS {
            shown.push_str("\"…");
            return shown;
        }
        shown.extend(escaped);
    }
    shown.push('"');
    shown
}

/// A whole number as a message shows it: bindings saturate integers beyond
/// `i128` to its bounds, which are then not the value the caller gave.
fn number(value: i128) -> String {
    match value {
        i128::MAX => "a number over 2^127".to_owned(),
        i128::MIN => "a number under -2^127".to_owned(),
        n => n.to_string(),
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
#[error("{}", self.message_naming(Argument::name))]
pub enum Error {
    /// The object key is the empty string.
    EmptyKey,
    /// The object key is longer than S3's limit of [`MAX_KEY_BYTES`] UTF-8 bytes.
    KeyTooLong {
        /// Length of the key in UTF-8 bytes.
        len: usize,
    },
    /// A string from Python or JavaScript is not well-formed Unicode: it
    /// holds a lone surrogate, which has no UTF-8 form (a binding refuses
    /// it rather than sign a replacement character).
    IllFormedString {
        /// The argument, as the binding's language names it.
        argument: String,
    },
    /// A string from a binding's language is longer than
    /// [`MAX_STRING_CHARS`]: refused before it is read.
    StringTooLong {
        /// The argument, as the binding's language names it.
        argument: String,
    },
    /// `expires_in` is not within 1..=[`MAX_EXPIRES_IN_SECS`] seconds.
    InvalidExpiry {
        /// The rejected value, in seconds (any integer a binding received).
        secs: i128,
    },
    /// `content_length` is not within 0..=[`MAX_CONTENT_LENGTH`] bytes.
    InvalidContentLength {
        /// The rejected value, in bytes (any integer a binding received).
        len: i128,
    },
    /// A whole-number argument (a part number, a count) is out of its range.
    OutOfRange {
        /// The argument.
        argument: Argument,
        /// The rejected value (any integer a binding received).
        value: i128,
    },
    /// An upload id is empty or longer than [`MAX_UPLOAD_ID_BYTES`].
    InvalidUploadId {
        /// Its length in UTF-8 bytes.
        len: usize,
    },
    /// `checksum_algorithm` names no algorithm S3 knows.
    InvalidChecksumAlgorithm {
        /// The rejected name.
        name: String,
    },
    /// `checksum` without `checksum_algorithm`, or the other way round.
    IncompleteChecksum {
        /// The one that is missing.
        missing: Argument,
    },
    /// `checksum` is not the base64 of a checksum of its algorithm.
    InvalidChecksum {
        /// The algorithm.
        algorithm: ChecksumAlgorithm,
    },
    /// Two options that set the same header.
    Conflict {
        /// One of them.
        argument: Argument,
        /// The other.
        other: Argument,
    },
    /// `signing_time` is before 1970, or the URL would expire in year 10000
    /// or later.
    InvalidSigningTime,
    /// A header value holds a control character or a non-ASCII character.
    InvalidHeaderValue {
        /// The argument holding the value, e.g. `content_type`.
        argument: Argument,
        /// For `metadata`, the name of the entry.
        entry: Option<String>,
    },
    /// A header or query value is longer than [`MAX_VALUE_BYTES`].
    ValueTooLong {
        /// The argument holding the value.
        argument: Argument,
        /// Its length in UTF-8 bytes.
        len: usize,
    },
    /// The metadata's names and values add up to more than
    /// [`MAX_METADATA_BYTES`], S3's limit.
    MetadataTooLarge {
        /// Their total length in UTF-8 bytes.
        bytes: usize,
    },
    /// A metadata name is not an HTTP header token.
    InvalidMetadataName {
        /// The rejected name.
        name: String,
    },
    /// Two metadata names differ only in case: HTTP header names are
    /// case-insensitive, so both would be the same `x-amz-meta-` header.
    DuplicateMetadataName {
        /// One of the names.
        name: String,
        /// The other.
        other: String,
    },
    /// The endpoint is not a plain `http(s)://host[:port]` URL.
    InvalidEndpoint {
        /// What is wrong with it (the endpoint itself is not echoed: it may hold credentials).
        reason: &'static str,
    },
    /// The public base URL is not an `http(s)` URL without query or credentials.
    InvalidPublicBaseUrl {
        /// What is wrong with it.
        reason: &'static str,
    },
    /// The bucket name breaks S3's naming rules.
    InvalidBucket {
        /// The rejected name.
        bucket: String,
        /// Which rule it breaks.
        reason: &'static str,
    },
    /// The region is empty or holds characters other than letters, digits and `-`.
    InvalidRegion {
        /// The rejected region.
        region: String,
    },
    /// A credential (`access_key_id`, `secret_access_key`, `session_token`) is empty.
    EmptyCredential {
        /// Which credential.
        argument: Argument,
    },
    /// `public_url` was called on a signer without `public_base_url`.
    NoPublicBaseUrl,
    /// `from_env` found required variables missing; each entry lists the
    /// alternatives for one setting.
    MissingEnv {
        /// One entry per missing setting, e.g. `"R2_BUCKET or S3_BUCKET"`.
        missing: Vec<&'static str>,
    },
    /// An environment variable `from_env` reads is set but is not valid
    /// UTF-8 (its value is not echoed: it may be a secret).
    EnvNotUnicode {
        /// The variable, e.g. `R2_SECRET_ACCESS_KEY`.
        variable: &'static str,
    },
    /// A value `from_env` read from `variable` is unusable.
    FromEnv {
        /// The variable the value came from, e.g. `R2_ENDPOINT`.
        variable: &'static str,
        /// What is wrong with the value.
        source: Box<Error>,
    },
    /// The parts of a CompleteMultipartUpload body are unusable: none, more
    /// than [`MAX_PARTS`], or one part is (`part_number` says which).
    InvalidParts {
        /// The part at fault, or `None` when the list as a whole is.
        part_number: Option<u32>,
        /// How many parts the list holds.
        count: usize,
        /// Which rule is broken, e.g. `"is listed twice"`.
        reason: &'static str,
    },
    /// `size` is over [`MAX_OBJECT_SIZE`], the largest object S3 and R2
    /// both store (any integer a binding received).
    InvalidObjectSize {
        /// The rejected size, in bytes.
        size: i128,
    },
    /// `part_size` is not within [`MIN_PART_SIZE`]..=[`MAX_PART_SIZE`]
    /// (any integer a binding received).
    InvalidPartSize {
        /// The rejected part size, in bytes.
        part_size: i128,
    },
    /// `part_size` splits `size` into more than [`MAX_PARTS`] parts.
    TooManyParts {
        /// The object's size, in bytes.
        size: u64,
        /// The part size, in bytes.
        part_size: u64,
    },
    /// An XML body is longer than [`MAX_XML_BYTES`]: refused unread.
    XmlTooLarge {
        /// Its length in bytes.
        len: usize,
    },
    /// An XML body is not well-formed, or holds what this crate refuses to
    /// read (a DOCTYPE or entity declaration, nesting deeper than
    /// [`MAX_XML_DEPTH`](crate::MAX_XML_DEPTH)).
    InvalidXml {
        /// Byte offset in the body where reading stopped.
        offset: usize,
        /// What is wrong there.
        reason: &'static str,
    },
    /// An XML body is another document than the one expected, e.g. an
    /// `<Error>` given to `parse_list_parts`.
    UnexpectedXmlRoot {
        /// The root element expected.
        expected: &'static str,
        /// The root element found (echoed in messages up to 64 characters).
        found: String,
    },
    /// An element of a well-formed XML answer is missing, repeated or holds
    /// a value S3 never sends.
    InvalidXmlElement {
        /// The element, e.g. `"UploadId"`.
        element: &'static str,
        /// What is wrong with it, e.g. `"is missing"`.
        reason: &'static str,
    },
    /// `prefix` of an upload policy is unusable.
    InvalidPrefix {
        /// Which rule it breaks.
        reason: &'static str,
    },
    /// An entry of an upload policy's `content_types` is not `type/subtype`,
    /// `type/*` or `*/*`, or the list is empty.
    InvalidContentTypePattern {
        /// The rejected entry, or `None` when the list is empty.
        pattern: Option<String>,
    },
    /// The request given to an upload policy is not a JSON object (HTTP 400).
    RequestNotObject,
    /// The request has a field no S3 operation of the policy takes (400).
    UnknownRequestField {
        /// The field's name (echoed up to 64 characters).
        name: String,
    },
    /// The request lacks a field every request has (400).
    MissingRequestField {
        /// The missing field.
        field: RequestField,
    },
    /// A field of the request has the wrong JSON type (400).
    RequestFieldType {
        /// The field.
        field: RequestField,
        /// The JSON type the field must have, e.g. `"a string"`.
        expected: &'static str,
        /// The JSON type it has, e.g. `"a boolean"`.
        found: &'static str,
    },
    /// `method` is none of `GET`, `PUT`, `POST`, `DELETE` (400).
    UnknownRequestMethod {
        /// The rejected method (echoed up to 64 characters).
        method: String,
    },
    /// The request's fields fit no operation of its method (400).
    NoMatchingOperation {
        /// The request's method.
        method: &'static str,
        /// What is wrong, e.g. `"with uploadId needs partNumber (UploadPart)"`.
        reason: &'static str,
    },
    /// A field's value is unusable, e.g. a part number of 0 (400). The
    /// message is the one of `source`, naming the request's fields.
    InvalidRequestField {
        /// Why the value cannot be signed.
        source: Box<Error>,
    },
    /// The policy does not allow this operation (403).
    OperationNotAllowed {
        /// The S3 operation, e.g. `"DeleteObject"`.
        operation: &'static str,
    },
    /// The request's key is not one the policy issues (403).
    KeyNotAllowed {
        /// The rejected key (echoed up to 64 characters).
        key: String,
    },
    /// The request's content type is not one the policy allows (403).
    ContentTypeNotAllowed {
        /// The rejected content type, or `None` when the request has none.
        content_type: Option<String>,
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
        self.message(&name)
    }

    fn message(&self, name: &dyn Fn(Argument) -> &'static str) -> String {
        match self {
            Self::EmptyKey => "key must not be empty".to_owned(),
            Self::KeyTooLong { len } => {
                format!("key is {len} bytes long in UTF-8; S3 allows at most {MAX_KEY_BYTES}")
            }
            Self::IllFormedString { argument } => format!(
                "{argument} must be well-formed Unicode: it holds a lone surrogate"
            ),
            Self::StringTooLong { argument } => {
                format!("{argument} is longer than {MAX_STRING_CHARS} characters")
            }
            Self::InvalidExpiry { secs } => format!(
                "{} must be between 1 and {MAX_EXPIRES_IN_SECS} seconds (7 days), got {}",
                name(Argument::ExpiresIn),
                number(*secs)
            ),
            Self::InvalidContentLength { len } => format!(
                "{} must be between 0 and {MAX_CONTENT_LENGTH} bytes (5 GiB, S3's largest single upload), got {}",
                name(Argument::ContentLength),
                number(*len)
            ),
            Self::OutOfRange { argument, value } => {
                let (min, max) = range_of(*argument);
                format!(
                    "{} must be between {min} and {max}, got {}",
                    name(*argument),
                    number(*value)
                )
            }
            Self::InvalidUploadId { len } => format!(
                "{} must be 1 to {MAX_UPLOAD_ID_BYTES} bytes long, got {len}",
                name(Argument::UploadId)
            ),
            Self::InvalidChecksumAlgorithm { name: given } => format!(
                "{} must be one of {}, got {}",
                name(Argument::ChecksumAlgorithm),
                ChecksumAlgorithm::ALL.map(ChecksumAlgorithm::as_str).join(", "),
                echo(given)
            ),
            Self::IncompleteChecksum { missing } => format!(
                "{} and {} go together: {} is missing",
                name(Argument::ChecksumAlgorithm),
                name(Argument::Checksum),
                name(*missing)
            ),
            Self::InvalidChecksum { algorithm } => format!(
                "{} must be the base64 of a {algorithm} checksum ({} characters)",
                name(Argument::Checksum),
                algorithm.base64_len()
            ),
            Self::Conflict { argument, other } => format!(
                "{} and {} set the same header: give one of them",
                name(*argument),
                name(*other)
            ),
            Self::InvalidSigningTime => format!(
                "{} must be between 1970-01-01 and 9999-12-31 UTC, and the URL must expire before the year 10000",
                name(Argument::SigningTime)
            ),
            Self::InvalidHeaderValue { argument, entry } => format!(
                "{}{} must be printable ASCII (no control or non-ASCII characters)",
                name(*argument),
                entry
                    .as_deref()
                    .map(|e| format!("[{}]", echo(e)))
                    .unwrap_or_default()
            ),
            Self::ValueTooLong { argument, len } => format!(
                "{} is {len} bytes long; at most {MAX_VALUE_BYTES}",
                name(*argument)
            ),
            Self::MetadataTooLarge { bytes } => format!(
                "{} is {bytes} bytes long (names and values in UTF-8); S3 allows at most {MAX_METADATA_BYTES}",
                name(Argument::Metadata)
            ),
            Self::InvalidMetadataName { name: entry } => format!(
                "{} name {} is not a valid HTTP header name (letters, digits and !#$%&'*+-.^_`|~ only)",
                name(Argument::Metadata),
                echo(entry)
            ),
            Self::DuplicateMetadataName { name: first, other } => format!(
                "{} names {} and {} are the same header (names are case-insensitive)",
                name(Argument::Metadata),
                echo(first),
                echo(other)
            ),
            Self::InvalidEndpoint { reason } => format!(
                "{} must be an http:// or https:// URL with a host and nothing after it: {reason}",
                name(Argument::Endpoint)
            ),
            Self::InvalidPublicBaseUrl { reason } => format!(
                "{} must be an http:// or https:// URL: {reason}",
                name(Argument::PublicBaseUrl)
            ),
            Self::InvalidBucket { bucket, reason } => {
                format!("bucket {} is not a valid bucket name: {reason}", echo(bucket))
            }
            Self::InvalidRegion { region } => format!(
                "region {} is not a valid region name (letters, digits and '-' only)",
                echo(region)
            ),
            Self::EmptyCredential { argument } => format!("{} must not be empty", name(*argument)),
            Self::NoPublicBaseUrl => format!(
                "{} is not configured, so there is no public URL",
                name(Argument::PublicBaseUrl)
            ),
            Self::MissingEnv { missing } => {
                format!("missing environment variables: {}", missing.join("; "))
            }
            Self::EnvNotUnicode { variable } => {
                format!("{variable} is set but is not valid UTF-8")
            }
            // A value from the environment was no argument of the caller's:
            // the message names it as Rust does.
            Self::FromEnv { variable, source } => format!("{variable}: {source}"),
            Self::InvalidParts {
                part_number: Some(n),
                reason,
                ..
            } => format!("{}: part {n} {reason}", name(Argument::Parts)),
            Self::InvalidParts {
                part_number: None,
                count,
                reason,
            } => format!("{} {reason}, got {count}", name(Argument::Parts)),
            Self::InvalidObjectSize { size } => format!(
                "{} must be between 0 and {MAX_OBJECT_SIZE} bytes (5 TiB less 5 GiB, the largest object R2 stores), got {}",
                name(Argument::Size),
                number(*size)
            ),
            Self::InvalidPartSize { part_size } => format!(
                "{} must be between {MIN_PART_SIZE} (5 MiB) and {MAX_PART_SIZE} bytes (5 GiB less 5 MiB, R2's largest part), got {}",
                name(Argument::PartSize),
                number(*part_size)
            ),
            Self::TooManyParts { size, part_size } => format!(
                "{} {part_size} splits {} {size} into {} parts; at most {MAX_PARTS}: use a {} of at least {}",
                name(Argument::PartSize),
                name(Argument::Size),
                size.div_ceil((*part_size).max(1)),
                name(Argument::PartSize),
                size.div_ceil(u64::from(MAX_PARTS)).max(MIN_PART_SIZE)
            ),
            Self::XmlTooLarge { len } => {
                format!("XML body is {len} bytes long; at most {MAX_XML_BYTES} are read")
            }
            Self::InvalidXml { offset, reason } => {
                format!("invalid XML at byte {offset}: {reason}")
            }
            Self::UnexpectedXmlRoot { expected, found } => format!(
                "expected an XML document whose root element is <{expected}>, got {}",
                echo(found)
            ),
            Self::InvalidXmlElement { element, reason } => format!("XML element <{element}> {reason}"),
            Self::InvalidPrefix { reason } => format!("{} {reason}", name(Argument::Prefix)),
            Self::InvalidContentTypePattern { pattern: None } => format!(
                "{} must list at least one content type (leave it unset to allow any)",
                name(Argument::ContentTypes)
            ),
            Self::InvalidContentTypePattern {
                pattern: Some(pattern),
            } => format!(
                "{} entry {} must be type/subtype, type/* or */*",
                name(Argument::ContentTypes),
                echo(pattern)
            ),
            Self::RequestNotObject => "request must be a JSON object".to_owned(),
            Self::UnknownRequestField { name: field } => format!(
                "request has an unknown field {} (known: {})",
                echo(field),
                RequestField::ALL.map(RequestField::name).join(", ")
            ),
            Self::MissingRequestField { field } => format!("request.{} is missing", field.name()),
            Self::RequestFieldType {
                field,
                expected,
                found,
            } => format!("request.{} must be {expected}, got {found}", field.name()),
            Self::UnknownRequestMethod { method } => format!(
                "request.method must be GET, PUT, POST or DELETE, got {}",
                echo(method)
            ),
            Self::NoMatchingOperation { method, reason } => {
                format!("request matches no S3 operation: {method} {reason}")
            }
            // The request's fields have the same names in every language.
            Self::InvalidRequestField { source } => source.message(&RequestField::naming),
            Self::OperationNotAllowed { operation } => {
                format!("{operation} is not allowed by this upload policy")
            }
            Self::KeyNotAllowed { key } => format!(
                "request.key {} is not a key this upload policy issued",
                echo(key)
            ),
            Self::ContentTypeNotAllowed { content_type: None } => {
                "request.contentType is missing: this upload policy allows only listed content types"
                    .to_owned()
            }
            Self::ContentTypeNotAllowed {
                content_type: Some(content_type),
            } => format!(
                "content type {} is not allowed by this upload policy",
                echo(content_type)
            ),
        }
    }

    /// The family of this error, which carries the stable code.
    pub fn kind(&self) -> ErrorKind {
        match self {
            Self::EmptyKey
            | Self::KeyTooLong { .. }
            | Self::IllFormedString { .. }
            | Self::StringTooLong { .. }
            | Self::InvalidExpiry { .. }
            | Self::InvalidContentLength { .. }
            | Self::OutOfRange { .. }
            | Self::InvalidUploadId { .. }
            | Self::InvalidChecksumAlgorithm { .. }
            | Self::IncompleteChecksum { .. }
            | Self::InvalidChecksum { .. }
            | Self::Conflict { .. }
            | Self::InvalidSigningTime
            | Self::InvalidHeaderValue { .. }
            | Self::ValueTooLong { .. }
            | Self::MetadataTooLarge { .. }
            | Self::InvalidMetadataName { .. }
            | Self::DuplicateMetadataName { .. } => ErrorKind::InvalidArgument,
            Self::InvalidEndpoint { .. }
            | Self::InvalidPublicBaseUrl { .. }
            | Self::InvalidBucket { .. }
            | Self::InvalidRegion { .. }
            | Self::EmptyCredential { .. }
            | Self::NoPublicBaseUrl
            | Self::MissingEnv { .. }
            | Self::EnvNotUnicode { .. } => ErrorKind::Config,
            Self::FromEnv { source, .. } => source.kind(),
            Self::InvalidParts { .. }
            | Self::InvalidObjectSize { .. }
            | Self::InvalidPartSize { .. }
            | Self::TooManyParts { .. } => ErrorKind::InvalidArgument,
            Self::XmlTooLarge { .. }
            | Self::InvalidXml { .. }
            | Self::UnexpectedXmlRoot { .. }
            | Self::InvalidXmlElement { .. } => ErrorKind::Xml,
            Self::InvalidPrefix { .. } | Self::InvalidContentTypePattern { .. } => {
                ErrorKind::InvalidArgument
            }
            Self::RequestNotObject
            | Self::UnknownRequestField { .. }
            | Self::MissingRequestField { .. }
            | Self::RequestFieldType { .. }
            | Self::UnknownRequestMethod { .. }
            | Self::NoMatchingOperation { .. }
            | Self::InvalidRequestField { .. }
            | Self::OperationNotAllowed { .. }
            | Self::KeyNotAllowed { .. }
            | Self::ContentTypeNotAllowed { .. } => ErrorKind::Policy,
        }
    }

    /// The HTTP status a server answers when an
    /// [`UploadPolicy`](crate::UploadPolicy) refuses a request: 400 for a
    /// malformed request, 403 for one the policy forbids; `None` for every
    /// error of another [`ErrorKind`].
    ///
    /// ```
    /// let err = presigner::Error::OperationNotAllowed { operation: "DeleteObject" };
    /// assert_eq!(err.status(), Some(403));
    /// assert_eq!(presigner::Error::EmptyKey.status(), None);
    /// ```
    pub fn status(&self) -> Option<u16> {
        match self {
            Self::OperationNotAllowed { .. }
            | Self::KeyNotAllowed { .. }
            | Self::ContentTypeNotAllowed { .. } => Some(403),
            _ if self.kind() == ErrorKind::Policy => Some(400),
            _ => None,
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
            (
                Error::InvalidParts {
                    part_number: None,
                    count: 0,
                    reason: "must hold 1 to 10000 items",
                },
                Argument::Parts,
            ),
            (
                Error::InvalidParts {
                    part_number: Some(3),
                    count: 4,
                    reason: "is listed twice",
                },
                Argument::Parts,
            ),
            (Error::InvalidObjectSize { size: -1 }, Argument::Size),
            (Error::InvalidPartSize { part_size: 0 }, Argument::PartSize),
            (
                Error::OutOfRange {
                    argument: Argument::MaxExpiresIn,
                    value: 0,
                },
                Argument::MaxExpiresIn,
            ),
            (Error::InvalidPrefix { reason: "x" }, Argument::Prefix),
            (
                Error::InvalidContentTypePattern { pattern: None },
                Argument::ContentTypes,
            ),
            (
                Error::InvalidContentTypePattern {
                    pattern: Some("x".into()),
                },
                Argument::ContentTypes,
            ),
            (
                Error::TooManyParts {
                    size: 1 << 40,
                    part_size: 5 << 20,
                },
                Argument::PartSize,
            ),
        ]
    }

    #[test]
    fn xml_errors_have_their_own_code_and_echo_little() {
        let errors = [
            Error::XmlTooLarge { len: 1 << 30 },
            Error::InvalidXml {
                offset: 3,
                reason: "no root element",
            },
            Error::UnexpectedXmlRoot {
                expected: "Error",
                found: "x".repeat(65),
            },
            Error::InvalidXmlElement {
                element: "Code",
                reason: "is missing",
            },
        ];
        for err in &errors {
            assert_eq!(err.kind(), ErrorKind::Xml);
            assert_eq!(err.kind().code(), "ERR_PRESIGNER_XML");
        }
        assert_eq!(
            errors[2].to_string(),
            format!(
                "expected an XML document whose root element is <Error>, got {:?}…",
                "x".repeat(64)
            )
        );
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
    fn echoed_values_are_cut_after_64_escaped_characters() {
        assert_eq!(echo("ab\"c"), r#""ab\"c""#);
        let long = echo(&"\u{10ffff}".repeat(1000));
        assert!(long.chars().count() <= ECHO_CHARS + 3, "{long}");
        assert!(long.ends_with("\"…"), "{long}");
        assert_eq!(echo(&"x".repeat(64)), format!("\"{}\"", "x".repeat(64)));
        assert_eq!(echo(&"x".repeat(65)), format!("\"{}\"…", "x".repeat(64)));
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

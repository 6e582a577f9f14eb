//! `UploadRequest`: what a browser asks an upload policy to sign, read
//! field by field from the JSON object it sent.

use crate::error::{Argument, Error, Result};

/// A field of an [`UploadRequest`], named as Uppy's `signRequest` names it
/// (the same in every language: it is the JSON the browser sent).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RequestField {
    /// `method`: `GET`, `PUT`, `POST` or `DELETE`.
    Method,
    /// `key`: the object key.
    Key,
    /// `uploadId`: the multipart upload the request belongs to.
    UploadId,
    /// `partNumber`: the part of an UploadPart.
    PartNumber,
    /// `contentType`: the type of an upload.
    ContentType,
    /// `expiresIn`: the URL lifetime asked for, in seconds.
    ExpiresIn,
}

impl RequestField {
    /// Every field, in the order messages list them.
    pub const ALL: [Self; 6] = [
        Self::Method,
        Self::Key,
        Self::UploadId,
        Self::PartNumber,
        Self::ContentType,
        Self::ExpiresIn,
    ];

    /// The field's JSON name, e.g. `"uploadId"`.
    pub const fn name(self) -> &'static str {
        match self {
            Self::Method => "method",
            Self::Key => "key",
            Self::UploadId => "uploadId",
            Self::PartNumber => "partNumber",
            Self::ContentType => "contentType",
            Self::ExpiresIn => "expiresIn",
        }
    }

    fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|field| field.name() == name)
    }

    /// How a message about a request names a signing argument: by the
    /// request field it came from (`request.partNumber`).
    pub(crate) fn naming(argument: Argument) -> &'static str {
        match argument {
            Argument::UploadId => "request.uploadId",
            Argument::PartNumber => "request.partNumber",
            Argument::ContentType => "request.contentType",
            Argument::ExpiresIn => "request.expiresIn",
            other => other.name(),
        }
    }
}

/// One value of a request's JSON object, as a binding read it from its
/// language (a Python `dict`, a JavaScript object).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldValue<'a> {
    /// `null` (and JavaScript's `undefined`, Python's `None`): the field is absent.
    Null,
    /// A string.
    Str(&'a str),
    /// A string that is not well-formed Unicode (a lone surrogate from
    /// Python or JavaScript): refused unread.
    IllFormedStr,
    /// A string longer than [`MAX_STRING_CHARS`](crate::MAX_STRING_CHARS):
    /// refused unread.
    LongStr,
    /// A whole number (a binding saturates larger ones to `i128`'s bounds).
    Int(i128),
    /// A number that is not whole (or not finite).
    Fraction,
    /// `true` or `false`.
    Bool,
    /// An array.
    Array,
    /// An object.
    Object,
    /// A value JSON has no type for (Python `bytes`, a JavaScript function …).
    Other,
}

impl FieldValue<'_> {
    /// The JSON type, as a message names it.
    const fn type_name(self) -> &'static str {
        match self {
            Self::Null => "null",
            Self::Str(_) | Self::IllFormedStr | Self::LongStr => "a string",
            Self::Int(_) => "a whole number",
            Self::Fraction => "a number that is not whole",
            Self::Bool => "a boolean",
            Self::Array => "an array",
            Self::Object => "an object",
            Self::Other => "a value that is not JSON",
        }
    }
}

/// What a browser asks an [`UploadPolicy`](crate::UploadPolicy) to sign:
/// Uppy 6's `PresignableRequest`. Which S3 operation it is follows from
/// the method and which fields are present.
///
/// ```
/// use presigner::UploadRequest;
///
/// let part = UploadRequest {
///     method: "PUT".into(),
///     key: "uploads/0b5f6c6e-9d36-4e8b-a2b8-0f5d1d1b8e59.mp4".into(),
///     upload_id: Some("upload-1".into()),
///     part_number: Some(3),
///     ..Default::default()
/// };
/// # let _ = part;
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UploadRequest {
    /// `GET`, `PUT`, `POST` or `DELETE`.
    pub method: String,
    /// The object key (for PutObject and CreateMultipartUpload, the key the
    /// client proposes; the policy issues its own).
    pub key: String,
    /// The multipart upload this request belongs to.
    pub upload_id: Option<String>,
    /// The part of an UploadPart, 1 to 10,000.
    pub part_number: Option<i128>,
    /// The content type of a PutObject or CreateMultipartUpload.
    pub content_type: Option<String>,
    /// The URL lifetime asked for, in seconds (the policy caps it).
    pub expires_in: Option<i128>,
}

impl UploadRequest {
    /// Reads a request from the fields of the JSON object a browser sent,
    /// as a binding iterates them. A field no operation takes, or a value
    /// of the wrong type, is refused (HTTP 400); `null` is an absent field.
    /// A binding passes a field name it cannot read as text (not
    /// well-formed, too long) lossily: it is no known field either way.
    ///
    /// ```
    /// use presigner::{FieldValue, UploadRequest};
    ///
    /// let request = UploadRequest::from_fields([
    ///     ("method", FieldValue::Str("POST")),
    ///     ("key", FieldValue::Str("cat.jpg")),
    /// ])?;
    /// assert_eq!(request.method, "POST");
    /// let err = UploadRequest::from_fields([("key", FieldValue::Bool)]).unwrap_err();
    /// assert_eq!(err.to_string(), "request.key must be a string, got a boolean");
    /// # Ok::<(), presigner::Error>(())
    /// ```
    pub fn from_fields<'a>(
        fields: impl IntoIterator<Item = (&'a str, FieldValue<'a>)>,
    ) -> Result<Self> {
        let mut method = None;
        let mut key = None;
        let mut request = Self::default();
        for (name, value) in fields {
            let field =
                RequestField::from_name(name).ok_or_else(|| Error::UnknownRequestField {
                    name: name.to_owned(),
                })?;
            if value == FieldValue::Null {
                continue;
            }
            match field {
                RequestField::Method => method = Some(string(field, value)?),
                RequestField::Key => key = Some(string(field, value)?),
                RequestField::UploadId => request.upload_id = Some(string(field, value)?),
                RequestField::ContentType => request.content_type = Some(string(field, value)?),
                RequestField::PartNumber => request.part_number = Some(whole(field, value)?),
                RequestField::ExpiresIn => request.expires_in = Some(whole(field, value)?),
            }
        }
        request.method = method.ok_or(Error::MissingRequestField {
            field: RequestField::Method,
        })?;
        request.key = key.ok_or(Error::MissingRequestField {
            field: RequestField::Key,
        })?;
        Ok(request)
    }
}

fn string(field: RequestField, value: FieldValue<'_>) -> Result<String> {
    let argument = || format!("request.{}", field.name());
    let unread = |source| Error::InvalidRequestField {
        source: Box::new(source),
    };
    match value {
        FieldValue::Str(s) => Ok(s.to_owned()),
        FieldValue::IllFormedStr => Err(unread(Error::IllFormedString {
            argument: argument(),
        })),
        FieldValue::LongStr => Err(unread(Error::StringTooLong {
            argument: argument(),
        })),
        other => Err(wrong_type(field, "a string", other)),
    }
}

fn whole(field: RequestField, value: FieldValue<'_>) -> Result<i128> {
    match value {
        FieldValue::Int(n) => Ok(n),
        other => Err(wrong_type(field, "a whole number", other)),
    }
}

fn wrong_type(field: RequestField, expected: &'static str, found: FieldValue<'_>) -> Error {
    Error::RequestFieldType {
        field,
        expected,
        found: found.type_name(),
    }
}

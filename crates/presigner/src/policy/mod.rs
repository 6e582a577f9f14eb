//! `UploadPolicy`: sign what a browser asks for (Uppy 6's `signRequest`),
//! but only what the server allows.

mod request;
mod rules;

use std::time::{Duration, SystemTime};

use crate::error::{Argument, Error, Result};
use crate::limits::in_range;
use crate::options::{
    CompleteMultipartUploadOptions, CreateMultipartUploadOptions, ListPartsOptions, ObjectOptions,
    PutOptions, SigningOptions, UploadPartOptions,
};
use crate::{new_key, PresignedRequest, Signer};

pub use request::{FieldValue, RequestField, UploadRequest};
use rules::{is_issued_key, normalized_prefix, ContentTypePattern};

/// What a server allows a browser to upload, and how: the safe answer to
/// Uppy 6's `signRequest`, where the browser picks the operation and the
/// key.
///
/// - PutObject and CreateMultipartUpload get a fresh key under `prefix`
///   ([`new_key`] of the proposed one, keeping its extension), returned in
///   [`SignedUpload::key`]; the proposed key is never used.
/// - Every other request must name a key the policy issued.
/// - `create_only` signs `If-None-Match: *` on PutObject and
///   CompleteMultipartUpload, so nothing existing is overwritten.
/// - DeleteObject is refused unless `allow_delete`.
///
/// ```
/// use presigner::{Signer, UploadPolicy, UploadRequest};
///
/// let signer = Signer::builder("https://h.example", "bkt", "AK", "SK").build()?;
/// let policy = UploadPolicy {
///     content_types: Some(vec!["image/*".into()]),
///     ..Default::default()
/// };
/// let signed = policy.sign(&signer, &UploadRequest {
///     method: "PUT".into(),
///     key: "4d1c-cat.jpg".into(),
///     content_type: Some("image/jpeg".into()),
///     ..Default::default()
/// })?;
/// assert!(signed.key.starts_with("uploads/") && signed.key.ends_with(".jpg"));
/// assert_eq!(signed.request.headers["if-none-match"], "*");
///
/// let delete = UploadRequest { method: "DELETE".into(), key: signed.key, ..Default::default() };
/// assert_eq!(policy.sign(&signer, &delete).unwrap_err().status(), Some(403));
/// # Ok::<(), presigner::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UploadPolicy {
    /// Keys are issued under this prefix (joined with `/`); `""` is the
    /// bucket's root. Default `"uploads/"`.
    pub prefix: String,
    /// Longest URL lifetime signed: a longer `expiresIn` is capped to it,
    /// and a request without one gets it. Whole seconds, 1 s to 7 days.
    /// Default 900 s.
    pub max_expires_in: Duration,
    /// Sign `If-None-Match: *` on PutObject and CompleteMultipartUpload: an
    /// upload never replaces an object (the store answers 412). Default `true`.
    pub create_only: bool,
    /// The content types PutObject and CreateMultipartUpload may sign:
    /// `type/subtype`, `type/*` or `*/*`, case-insensitive, parameters
    /// ignored. `None` (the default) allows any, and no content type.
    pub content_types: Option<Vec<String>>,
    /// Allow DeleteObject of keys the policy issued. Default `false`.
    pub allow_delete: bool,
}

impl Default for UploadPolicy {
    fn default() -> Self {
        Self {
            prefix: "uploads/".to_owned(),
            max_expires_in: Duration::from_secs(900),
            create_only: true,
            content_types: None,
            allow_delete: false,
        }
    }
}

/// A request signed by [`UploadPolicy::sign`]: the answer to Uppy's
/// `signRequest` is `{ url, key, headers }` of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignedUpload {
    /// The key signed: for PutObject and CreateMultipartUpload the one the
    /// policy issued, which the client must adopt; else the request's.
    pub key: String,
    /// The presigned request.
    pub request: PresignedRequest,
}

/// An [`UploadPolicy`] with its settings checked and parsed.
struct Checked {
    prefix: String,
    max_expires_in: Duration,
    content_types: Option<Vec<ContentTypePattern>>,
}

impl UploadPolicy {
    /// Checks the settings: `prefix` cannot escape itself, `max_expires_in`
    /// is 1 s to 7 days in whole seconds, `content_types` is a non-empty
    /// list of patterns. [`sign`](Self::sign) checks them too; a binding
    /// calls this when the policy is made.
    pub fn check(&self) -> Result<()> {
        self.checked().map(drop)
    }

    fn checked(&self) -> Result<Checked> {
        let secs = i128::from(self.max_expires_in.as_secs());
        let whole = self.max_expires_in.subsec_nanos() == 0;
        let max = in_range(Argument::MaxExpiresIn, if whole { secs } else { 0 })?;
        let content_types = match &self.content_types {
            None => None,
            Some(list) if list.is_empty() => {
                return Err(Error::InvalidContentTypePattern { pattern: None })
            }
            Some(list) => Some(
                list.iter()
                    .map(|p| ContentTypePattern::parse(p))
                    .collect::<Result<_>>()?,
            ),
        };
        Ok(Checked {
            prefix: normalized_prefix(&self.prefix)?,
            max_expires_in: Duration::from_secs(max.into()),
            content_types,
        })
    }

    /// Signs `request` if the policy allows it; otherwise an error of kind
    /// [`ErrorKind::Policy`](crate::ErrorKind::Policy) whose
    /// [`status`](Error::status) is the HTTP answer (400 or 403).
    pub fn sign(&self, signer: &Signer, request: &UploadRequest) -> Result<SignedUpload> {
        self.sign_at(signer, request, SystemTime::now())
    }

    /// [`sign`](Self::sign) at the instant `at`.
    pub(crate) fn sign_at(
        &self,
        signer: &Signer,
        request: &UploadRequest,
        at: SystemTime,
    ) -> Result<SignedUpload> {
        let policy = self.checked()?;
        let operation = Operation::of(request)?;
        let expires_in = Some(policy.expires_in(request.expires_in)?);
        let signing_time = Some(at);
        let if_none_match = self.create_only.then(|| "*".to_owned());
        let key = match operation {
            Operation::PutObject | Operation::CreateMultipartUpload => {
                policy.check_content_type(request.content_type.as_deref())?;
                new_key(Some(&request.key), Some(&policy.prefix))
            }
            _ if is_issued_key(&request.key, &policy.prefix) => request.key.clone(),
            _ => {
                return Err(Error::KeyNotAllowed {
                    key: request.key.clone(),
                })
            }
        };
        let upload_id = request.upload_id.as_deref().unwrap_or_default();
        let content_type = request.content_type.clone();
        let signed = match operation {
            Operation::PutObject => signer.presign_put(
                &key,
                &PutOptions {
                    expires_in,
                    content_type,
                    if_none_match,
                    signing_time,
                    ..Default::default()
                },
            ),
            Operation::CreateMultipartUpload => signer.presign_create_multipart_upload(
                &key,
                &CreateMultipartUploadOptions {
                    expires_in,
                    content_type,
                    signing_time,
                    ..Default::default()
                },
            ),
            Operation::UploadPart(part_number) => in_range(Argument::PartNumber, part_number)
                .and_then(|n| {
                    let opts = UploadPartOptions {
                        expires_in,
                        signing_time,
                        ..Default::default()
                    };
                    signer.presign_upload_part(&key, upload_id, n, &opts)
                }),
            Operation::ListParts => signer.presign_list_parts(
                &key,
                upload_id,
                &ListPartsOptions {
                    expires_in,
                    signing_time,
                    ..Default::default()
                },
            ),
            Operation::CompleteMultipartUpload => signer.presign_complete_multipart_upload(
                &key,
                upload_id,
                &CompleteMultipartUploadOptions {
                    expires_in,
                    if_none_match,
                    signing_time,
                    ..Default::default()
                },
            ),
            Operation::AbortMultipartUpload => signer.presign_abort_multipart_upload(
                &key,
                upload_id,
                &SigningOptions {
                    expires_in,
                    signing_time,
                },
            ),
            Operation::DeleteObject if self.allow_delete => signer.presign_delete(
                &key,
                &ObjectOptions {
                    expires_in,
                    signing_time,
                    ..Default::default()
                },
            ),
            Operation::DeleteObject => {
                return Err(Error::OperationNotAllowed {
                    operation: "DeleteObject",
                })
            }
        };
        let request = signed.map_err(|source| Error::InvalidRequestField {
            source: Box::new(source),
        })?;
        Ok(SignedUpload { key, request })
    }
}

impl Checked {
    /// The lifetime to sign: the one asked for, capped to the policy's.
    fn expires_in(&self, asked: Option<i128>) -> Result<Duration> {
        match asked {
            None => Ok(self.max_expires_in),
            Some(secs) if secs < 1 => Err(Error::InvalidRequestField {
                source: Box::new(Error::InvalidExpiry { secs }),
            }),
            Some(secs) => Ok(Duration::from_secs(u64::try_from(secs).unwrap_or(u64::MAX))
                .min(self.max_expires_in)),
        }
    }

    fn check_content_type(&self, content_type: Option<&str>) -> Result<()> {
        let Some(patterns) = &self.content_types else {
            return Ok(());
        };
        let allowed = content_type.is_some_and(|t| patterns.iter().any(|p| p.matches(t)));
        if allowed {
            Ok(())
        } else {
            Err(Error::ContentTypeNotAllowed {
                content_type: content_type.map(str::to_owned),
            })
        }
    }
}

/// The S3 operation a request's method and fields name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Operation {
    PutObject,
    CreateMultipartUpload,
    UploadPart(i128),
    ListParts,
    CompleteMultipartUpload,
    AbortMultipartUpload,
    DeleteObject,
}

impl Operation {
    fn of(request: &UploadRequest) -> Result<Self> {
        let no_match = |method, reason| Err(Error::NoMatchingOperation { method, reason });
        let has_upload = request.upload_id.is_some();
        let method = match request.method.as_str() {
            "GET" => "GET",
            "PUT" => "PUT",
            "POST" => "POST",
            "DELETE" => "DELETE",
            other => {
                return Err(Error::UnknownRequestMethod {
                    method: other.to_owned(),
                })
            }
        };
        if request.content_type.is_some() && (has_upload || matches!(method, "GET" | "DELETE")) {
            return no_match(
                method,
                "with contentType must be PUT or POST without uploadId (PutObject, CreateMultipartUpload)",
            );
        }
        if request.part_number.is_some() && !(method == "PUT" && has_upload) {
            return no_match(
                method,
                "with partNumber needs uploadId and method PUT (UploadPart)",
            );
        }
        Ok(match (method, has_upload, request.part_number) {
            ("PUT", false, _) => Self::PutObject,
            ("PUT", true, Some(n)) => Self::UploadPart(n),
            ("PUT", true, None) => {
                return no_match(method, "with uploadId needs partNumber (UploadPart)")
            }
            ("POST", false, _) => Self::CreateMultipartUpload,
            ("POST", true, _) => Self::CompleteMultipartUpload,
            ("GET", true, _) => Self::ListParts,
            ("GET", false, _) => return no_match(method, "needs uploadId (ListParts)"),
            ("DELETE", true, _) => Self::AbortMultipartUpload,
            _ => Self::DeleteObject,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ErrorKind;

    const KEY: &str = "uploads/0b5f6c6e-9d36-4e8b-a2b8-0f5d1d1b8e59.mp4";

    fn signer() -> Signer {
        Signer::builder("https://h.example", "bkt", "AK", "SK")
            .build()
            .unwrap()
    }

    fn at() -> SystemTime {
        SystemTime::UNIX_EPOCH + Duration::from_secs(1_790_000_000)
    }

    fn request(
        method: &str,
        key: &str,
        upload_id: Option<&str>,
        part: Option<i128>,
    ) -> UploadRequest {
        UploadRequest {
            method: method.into(),
            key: key.into(),
            upload_id: upload_id.map(Into::into),
            part_number: part,
            ..Default::default()
        }
    }

    /// Each request shape signs exactly what the signer's own call for
    /// that operation signs, with the policy's options.
    #[test]
    fn each_shape_is_the_signer_call_of_its_operation() {
        let s = signer();
        let policy = UploadPolicy::default();
        let expires_in = Some(Duration::from_secs(900));
        let signing_time = Some(at());
        let star = Some("*".to_owned());
        let sign = |r: &UploadRequest| policy.sign_at(&s, r, at()).unwrap();

        let put = sign(&UploadRequest {
            content_type: Some("image/png".into()),
            ..request("PUT", "a.png", None, None)
        });
        let want = PutOptions {
            expires_in,
            content_type: Some("image/png".into()),
            if_none_match: star.clone(),
            signing_time,
            ..Default::default()
        };
        assert_eq!(put.request, s.presign_put(&put.key, &want).unwrap());

        let create = sign(&request("POST", "a.mp4", None, None));
        let want = CreateMultipartUploadOptions {
            expires_in,
            signing_time,
            ..Default::default()
        };
        assert_eq!(
            create.request,
            s.presign_create_multipart_upload(&create.key, &want)
                .unwrap()
        );

        let part = sign(&request("PUT", KEY, Some("u"), Some(7)));
        let want = UploadPartOptions {
            expires_in,
            signing_time,
            ..Default::default()
        };
        assert_eq!(
            part.request,
            s.presign_upload_part(KEY, "u", 7, &want).unwrap()
        );

        let list = sign(&request("GET", KEY, Some("u"), None));
        let want = ListPartsOptions {
            expires_in,
            signing_time,
            ..Default::default()
        };
        assert_eq!(list.request, s.presign_list_parts(KEY, "u", &want).unwrap());

        let complete = sign(&request("POST", KEY, Some("u"), None));
        let want = CompleteMultipartUploadOptions {
            expires_in,
            if_none_match: star,
            signing_time,
            ..Default::default()
        };
        assert_eq!(
            complete.request,
            s.presign_complete_multipart_upload(KEY, "u", &want)
                .unwrap()
        );

        let abort = sign(&request("DELETE", KEY, Some("u"), None));
        let want = SigningOptions {
            expires_in,
            signing_time,
        };
        assert_eq!(
            abort.request,
            s.presign_abort_multipart_upload(KEY, "u", &want).unwrap()
        );

        let deleting = UploadPolicy {
            allow_delete: true,
            ..Default::default()
        };
        let delete = deleting
            .sign_at(&s, &request("DELETE", KEY, None, None), at())
            .unwrap();
        let want = ObjectOptions {
            expires_in,
            signing_time,
            ..Default::default()
        };
        assert_eq!(delete.request, s.presign_delete(KEY, &want).unwrap());
    }

    #[test]
    fn issued_keys_are_fresh_and_keep_the_extension() {
        let s = signer();
        let r = request("PUT", "same.JPG", None, None);
        let a = UploadPolicy::default().sign(&s, &r).unwrap().key;
        let b = UploadPolicy::default().sign(&s, &r).unwrap().key;
        assert_ne!(a, b);
        assert!(
            rules::is_issued_key(&a, "uploads/") && a.ends_with(".jpg"),
            "{a}"
        );
    }

    #[test]
    fn settings_are_checked() {
        let s = signer();
        let r = request("PUT", "a", None, None);
        let bad = [
            UploadPolicy {
                prefix: "../up".into(),
                ..Default::default()
            },
            UploadPolicy {
                max_expires_in: Duration::ZERO,
                ..Default::default()
            },
            UploadPolicy {
                max_expires_in: Duration::from_secs(604_801),
                ..Default::default()
            },
            UploadPolicy {
                max_expires_in: Duration::from_millis(1500),
                ..Default::default()
            },
            UploadPolicy {
                content_types: Some(vec![]),
                ..Default::default()
            },
            UploadPolicy {
                content_types: Some(vec!["image/*".into(), "images".into()]),
                ..Default::default()
            },
        ];
        for policy in bad {
            let err = policy.check().unwrap_err();
            assert_eq!(err.kind(), ErrorKind::InvalidArgument, "{err}");
            assert_eq!(err.status(), None);
            assert_eq!(policy.sign(&s, &r).unwrap_err(), err);
        }
        assert_eq!(
            UploadPolicy {
                max_expires_in: Duration::ZERO,
                ..Default::default()
            }
            .check()
            .unwrap_err()
            .to_string(),
            "max_expires_in must be between 1 and 604800, got 0"
        );
        assert!(UploadPolicy::default().check().is_ok());
    }

    #[test]
    fn from_fields_refuses_unknown_fields_and_wrong_types() {
        let ok = UploadRequest::from_fields([
            ("method", FieldValue::Str("PUT")),
            ("key", FieldValue::Str("k")),
            ("uploadId", FieldValue::Str("u")),
            ("partNumber", FieldValue::Int(2)),
            ("expiresIn", FieldValue::Int(60)),
            ("contentType", FieldValue::Null),
        ])
        .unwrap();
        assert_eq!(
            ok,
            UploadRequest {
                expires_in: Some(60),
                ..request("PUT", "k", Some("u"), Some(2))
            }
        );
        let err = UploadRequest::from_fields([
            ("method", FieldValue::Str("PUT")),
            ("acl", FieldValue::Null),
        ])
        .unwrap_err();
        assert!(
            matches!(err, Error::UnknownRequestField { ref name } if name == "acl"),
            "{err}"
        );
        assert_eq!(err.status(), Some(400));
        for (value, message) in [
            (
                FieldValue::IllFormedStr,
                "request.key must be well-formed Unicode: it holds a lone surrogate",
            ),
            (
                FieldValue::LongStr,
                "request.key is longer than 1048576 characters",
            ),
            (
                FieldValue::Other,
                "request.key must be a string, got a value that is not JSON",
            ),
        ] {
            let err =
                UploadRequest::from_fields([("method", FieldValue::Str("PUT")), ("key", value)])
                    .unwrap_err();
            assert_eq!(
                (err.to_string().as_str(), err.status()),
                (message, Some(400))
            );
        }
    }
}

//! `Signer`: presigns PutObject, GetObject, HeadObject, DeleteObject and
//! every step of a multipart upload.

use std::fmt;
use std::sync::Arc;
use std::time::SystemTime;

use crate::config::SignerBuilder;
use crate::error::{Argument, Error, Result};
use crate::limits::in_range;
use crate::operation::{finish, prepare, validate_key, Operation, Prepared};
use crate::options::{
    CompleteMultipartUploadOptions, CreateMultipartUploadOptions, GetOptions, ListPartsOptions,
    ObjectOptions, PutOptions, SigningOptions, UploadPartOptions,
};
use crate::request::PresignedRequest;
use crate::sigv4::{self, encode_path_into, Context, Signed};

/// Signs presigned URLs for one bucket.
///
/// Immutable and `Send + Sync`; cloning is a reference-count increment, and
/// every clone shares the cached signing key.
///
/// ```
/// use presigner::{PutOptions, Signer};
///
/// let signer = Signer::builder("https://ACCOUNT.r2.cloudflarestorage.com", "uploads", "AKID", "SECRET")
///     .build()?;
/// let put = signer.presign_put("photos/cat.jpg", &PutOptions {
///     content_type: Some("image/jpeg".into()),
///     ..Default::default()
/// })?;
/// assert_eq!(put.method.as_str(), "PUT");
/// assert!(put.url.starts_with("https://account.r2.cloudflarestorage.com/uploads/photos/cat.jpg?"));
/// assert_eq!(put.headers["content-type"], "image/jpeg");
/// # Ok::<(), presigner::Error>(())
/// ```
#[derive(Clone)]
pub struct Signer {
    inner: Arc<Inner>,
}

struct Inner {
    cx: Context,
    endpoint: String,
    bucket: String,
    public_base_url: Option<String>,
}

/// A presigned request together with the SigV4 texts behind its signature:
/// compare them with the `CanonicalRequest` and `StringToSign` of an S3
/// `SignatureDoesNotMatch` answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Explanation {
    /// The presigned request.
    pub request: PresignedRequest,
    /// The canonical request that was hashed.
    pub canonical_request: String,
    /// The string to sign.
    pub string_to_sign: String,
}

impl Signer {
    /// Starts a signer for `bucket` at `endpoint` (`https://host[:port]`, no
    /// path) with the given access key pair. Defaults: region `auto`, path
    /// style, no session token, no public base URL.
    pub fn builder(
        endpoint: impl Into<String>,
        bucket: impl Into<String>,
        access_key_id: impl Into<String>,
        secret_access_key: impl Into<String>,
    ) -> SignerBuilder {
        SignerBuilder::new(
            endpoint.into(),
            bucket.into(),
            access_key_id.into(),
            secret_access_key.into(),
        )
    }

    pub(crate) fn from_parts(
        cx: Context,
        endpoint: String,
        bucket: String,
        public_base_url: Option<String>,
    ) -> Self {
        Self {
            inner: Arc::new(Inner {
                cx,
                endpoint,
                bucket,
                public_base_url,
            }),
        }
    }

    /// The endpoint, as configured (without a trailing `/`).
    pub fn endpoint(&self) -> &str {
        &self.inner.endpoint
    }

    /// The bucket this signer signs for.
    pub fn bucket(&self) -> &str {
        &self.inner.bucket
    }

    /// The signing region.
    pub fn region(&self) -> &str {
        &self.inner.cx.region
    }

    /// The public base URL, without its trailing `/`, if configured.
    pub fn public_base_url(&self) -> Option<&str> {
        self.inner.public_base_url.as_deref()
    }

    /// The access key id (not a secret: it appears in every URL).
    pub fn access_key_id(&self) -> &str {
        &self.inner.cx.access_key_id
    }

    /// Presigns a PutObject (upload) of `key`.
    pub fn presign_put(&self, key: &str, opts: &PutOptions) -> Result<PresignedRequest> {
        self.presign(key, Operation::Put(opts))
    }

    /// Presigns a GetObject (download) of `key`.
    pub fn presign_get(&self, key: &str, opts: &GetOptions) -> Result<PresignedRequest> {
        self.presign(key, Operation::Get(opts))
    }

    /// Presigns a GetObject of every key in `keys` with the same options, all
    /// signed at one instant (a page listing many files). Fails on the first
    /// bad key.
    ///
    /// ```
    /// let signer = presigner::Signer::builder("https://h.example", "bkt", "AK", "SK").build()?;
    /// let urls = signer.presign_get_many(&["a.jpg", "b.jpg"], &Default::default())?;
    /// assert_eq!(urls.len(), 2);
    /// # Ok::<(), presigner::Error>(())
    /// ```
    pub fn presign_get_many<K: AsRef<str>>(
        &self,
        keys: &[K],
        opts: &GetOptions,
    ) -> Result<Vec<PresignedRequest>> {
        let mut all = Vec::with_capacity(keys.len());
        self.presign_get_each(keys, opts, |request| all.push(request))?;
        Ok(all)
    }

    /// [`presign_get_many`](Self::presign_get_many) without the `Vec`: hands
    /// each request to `each`, in order, as it is signed (a binding writes
    /// them straight into its own output). Stops at the first bad key.
    pub fn presign_get_each<K: AsRef<str>>(
        &self,
        keys: &[K],
        opts: &GetOptions,
        mut each: impl FnMut(PresignedRequest),
    ) -> Result<()> {
        let opts = GetOptions {
            signing_time: Some(opts.signing_time.unwrap_or_else(SystemTime::now)),
            ..opts.clone()
        };
        for key in keys {
            each(self.presign_get(key.as_ref(), &opts)?);
        }
        Ok(())
    }

    /// Presigns a HeadObject of `key`.
    pub fn presign_head(&self, key: &str, opts: &ObjectOptions) -> Result<PresignedRequest> {
        self.presign(key, Operation::Head(opts))
    }

    /// Presigns a DeleteObject of `key`.
    pub fn presign_delete(&self, key: &str, opts: &ObjectOptions) -> Result<PresignedRequest> {
        self.presign(key, Operation::Delete(opts))
    }

    /// Presigns a CreateMultipartUpload of `key` (`POST ?uploads`): the
    /// store answers with the upload id (see
    /// [`parse_create_multipart_upload`](crate::parse_create_multipart_upload)).
    pub fn presign_create_multipart_upload(
        &self,
        key: &str,
        opts: &CreateMultipartUploadOptions,
    ) -> Result<PresignedRequest> {
        self.presign(key, Operation::CreateMultipartUpload(opts))
    }

    /// Presigns an UploadPart of part `part_number` (1 to 10,000) of
    /// `upload_id`: the client `PUT`s the part's bytes and keeps the `ETag`
    /// the store answers.
    ///
    /// ```
    /// let signer = presigner::Signer::builder("https://h.example", "bkt", "AK", "SK").build()?;
    /// let part = signer.presign_upload_part("big.bin", "upload-1", 3, &Default::default())?;
    /// assert!(part.url.starts_with("https://h.example/bkt/big.bin?partNumber=3&uploadId=upload-1&X-Amz-"));
    /// # Ok::<(), presigner::Error>(())
    /// ```
    pub fn presign_upload_part(
        &self,
        key: &str,
        upload_id: &str,
        part_number: u32,
        opts: &UploadPartOptions,
    ) -> Result<PresignedRequest> {
        self.presign(
            key,
            Operation::UploadPart {
                upload_id,
                part_number,
                options: opts,
            },
        )
    }

    /// Presigns the UploadPart of every part `1..=part_count` (at most
    /// 10,000) of `upload_id`, all at one instant.
    pub fn presign_upload_parts(
        &self,
        key: &str,
        upload_id: &str,
        part_count: u32,
        opts: &SigningOptions,
    ) -> Result<Vec<PresignedRequest>> {
        let part_count = in_range(Argument::PartCount, i128::from(part_count))?;
        let part = UploadPartOptions {
            expires_in: opts.expires_in,
            signing_time: Some(opts.signing_time.unwrap_or_else(SystemTime::now)),
            ..Default::default()
        };
        (1..=part_count)
            .map(|n| self.presign_upload_part(key, upload_id, n, &part))
            .collect()
    }

    /// Presigns a ListParts of `upload_id` (`GET ?uploadId=`): what a client
    /// resuming an upload asks first (see [`parse_list_parts`](crate::parse_list_parts)).
    pub fn presign_list_parts(
        &self,
        key: &str,
        upload_id: &str,
        opts: &ListPartsOptions,
    ) -> Result<PresignedRequest> {
        self.presign(
            key,
            Operation::ListParts {
                upload_id,
                options: opts,
            },
        )
    }

    /// Presigns a CompleteMultipartUpload of `upload_id` (`POST ?uploadId=`):
    /// the client posts the body of
    /// [`complete_multipart_upload_body`](crate::complete_multipart_upload_body)
    /// with `Content-Type: application/xml`.
    pub fn presign_complete_multipart_upload(
        &self,
        key: &str,
        upload_id: &str,
        opts: &CompleteMultipartUploadOptions,
    ) -> Result<PresignedRequest> {
        self.presign(
            key,
            Operation::CompleteMultipartUpload {
                upload_id,
                options: opts,
            },
        )
    }

    /// Presigns an AbortMultipartUpload of `upload_id` (`DELETE ?uploadId=`).
    pub fn presign_abort_multipart_upload(
        &self,
        key: &str,
        upload_id: &str,
        opts: &SigningOptions,
    ) -> Result<PresignedRequest> {
        self.presign(
            key,
            Operation::AbortMultipartUpload {
                upload_id,
                options: opts,
            },
        )
    }

    /// Presigns `op` on `key`.
    pub fn presign(&self, key: &str, op: Operation<'_>) -> Result<PresignedRequest> {
        let prepared = prepare(key, op)?;
        let Prepared {
            request,
            at,
            expires,
        } = &prepared;
        let url = sigv4::sign(&self.inner.cx, request, *at, *expires);
        Ok(finish(prepared, url))
    }

    /// Presigns `op` on `key` and returns the SigV4 intermediates too.
    pub fn explain(&self, key: &str, op: Operation<'_>) -> Result<Explanation> {
        let prepared = prepare(key, op)?;
        let Signed {
            url,
            canonical_request,
            string_to_sign,
        } = sigv4::sign_explained(
            &self.inner.cx,
            &prepared.request,
            prepared.at,
            prepared.expires,
        );
        Ok(Explanation {
            request: finish(prepared, url),
            canonical_request,
            string_to_sign,
        })
    }

    /// The public URL of `key` under the configured `public_base_url`
    /// (a custom domain or `r2.dev` address): no signature, no expiry.
    ///
    /// ```
    /// let signer = presigner::Signer::builder("https://acct.r2.cloudflarestorage.com", "uploads", "AK", "SK")
    ///     .public_base_url("https://files.example.com/")
    ///     .build()?;
    /// assert_eq!(signer.public_url("a b/ü.png")?, "https://files.example.com/a%20b/%C3%BC.png");
    /// # Ok::<(), presigner::Error>(())
    /// ```
    pub fn public_url(&self, key: &str) -> Result<String> {
        validate_key(key)?;
        let base = self
            .inner
            .public_base_url
            .as_deref()
            .ok_or(Error::NoPublicBaseUrl)?;
        let mut url = String::with_capacity(base.len() + 1 + key.len() * 3);
        url.push_str(base);
        url.push('/');
        encode_path_into(&mut url, key);
        Ok(url)
    }
}

impl fmt::Debug for Signer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let i = &self.inner;
        f.debug_struct("Signer")
            .field("endpoint", &i.endpoint)
            .field("bucket", &i.bucket)
            .field("region", &i.cx.region)
            .field("access_key_id", &i.cx.access_key_id)
            .field("session_token", &i.cx.session_token)
            .field(
                "url_prefix",
                &format_args!("{}{}", i.cx.origin, i.cx.path_prefix),
            )
            .field("public_base_url", &i.public_base_url)
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::Ordering;
    use std::time::{Duration, UNIX_EPOCH};

    const SECRET: &str = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    const TOKEN: &str = "FQoGZXIvYXdzE/token+value=";

    fn signer() -> Signer {
        Signer::builder("http://127.0.0.1:9000", "bucket", "AKID", SECRET)
            .session_token(TOKEN)
            .build()
            .unwrap()
    }

    fn at(secs: u64) -> Option<SystemTime> {
        Some(UNIX_EPOCH + Duration::from_secs(secs))
    }

    #[test]
    fn get_many_signs_each_key_like_get_at_one_instant() {
        let s = signer();
        let opts = GetOptions {
            response_content_disposition: Some("attachment".into()),
            signing_time: at(1_700_000_000),
            ..Default::default()
        };
        let many = s.presign_get_many(&["a", "b c", "d/é"], &opts).unwrap();
        let one: Vec<_> = ["a", "b c", "d/é"]
            .iter()
            .map(|k| s.presign_get(k, &opts).unwrap())
            .collect();
        assert_eq!(many, one);
        let now = s
            .presign_get_many(&["x", "y"], &GetOptions::default())
            .unwrap();
        assert_eq!(now[0].expires_at, now[1].expires_at);
        assert_eq!(
            s.presign_get_many(&["ok", ""], &opts).unwrap_err(),
            Error::EmptyKey
        );
    }

    #[test]
    fn signing_key_is_derived_once_per_day() {
        let s = signer();
        let get = |t| GetOptions {
            signing_time: at(t),
            ..Default::default()
        };
        let day = 1_700_000_000 / 86_400 * 86_400;
        s.presign_get("a", &get(day + 10)).unwrap();
        s.presign_get("b", &get(day + 86_399)).unwrap();
        assert_eq!(s.inner.cx.keys.derivations.load(Ordering::Relaxed), 1);
        s.presign_get("c", &get(day + 86_400)).unwrap();
        assert_eq!(s.inner.cx.keys.derivations.load(Ordering::Relaxed), 2);
    }

    #[test]
    fn debug_never_shows_secrets() {
        let s = signer();
        let text = format!("{s:?} {s:#?}");
        assert!(
            !text.contains(SECRET) && !text.contains("token+value"),
            "{text}"
        );
        assert!(text.contains("AKID") && text.contains("bucket"), "{text}");
    }

    #[test]
    fn errors_never_show_secrets() {
        let s = signer();
        let errs = [
            s.presign_get("", &GetOptions::default()).unwrap_err(),
            s.presign_put(
                "k",
                &PutOptions {
                    content_type: Some("a\nb".into()),
                    ..Default::default()
                },
            )
            .unwrap_err(),
        ];
        for e in errs {
            let text = format!("{e} {e:?}");
            assert!(
                !text.contains(SECRET) && !text.contains("token+value"),
                "{text}"
            );
        }
    }

    #[test]
    fn signer_is_send_sync_and_cheap_to_clone() {
        fn assert_send_sync<T: Send + Sync + Clone>() {}
        assert_send_sync::<Signer>();
        let s = signer();
        assert!(Arc::ptr_eq(&s.inner, &s.clone().inner));
    }
}

//! `Signer`: the class wrapping the core's signer. Each method converts its
//! arguments, calls the core and maps the result; nothing else.

use napi_derive::napi;
use presigner::ErrorKind;

use crate::errors::OrThrow;
use crate::options::{GetOptions, ObjectKey, ObjectKeys, ObjectOptions, PutOptions, SignerConfig};
use crate::request::PresignedRequest;

/// Signs presigned URLs (AWS Signature Version 4, query-string auth) for
/// one bucket of S3, Cloudflare R2 or another S3-compatible store.
/// Immutable; build one and share it. Signing is synchronous, pure CPU.
///
/// ```js
/// const signer = new Signer({
///   endpoint: `https://${accountId}.r2.cloudflarestorage.com`,
///   bucket: 'uploads',
///   accessKeyId,
///   secretAccessKey,
/// })
/// const { url, headers } = signer.presignPut('photos/cat.jpg', { contentType: 'image/jpeg' })
/// ```
#[napi]
pub struct Signer {
    inner: presigner::Signer,
}

#[napi]
impl Signer {
    /// Builds a signer. Throws an `Error` with `code`
    /// `'ERR_PRESIGNER_CONFIG'` when the configuration is unusable (bad
    /// endpoint, bucket or region, empty credentials).
    #[napi(constructor)]
    pub fn new(config: SignerConfig) -> napi::Result<Self, ErrorKind> {
        let mut builder = presigner::Signer::builder(
            config.endpoint,
            config.bucket,
            config.access_key_id,
            config.secret_access_key,
        );
        if let Some(region) = config.region {
            builder = builder.region(region);
        }
        if let Some(token) = config.session_token {
            builder = builder.session_token(token);
        }
        if let Some(path_style) = config.path_style {
            builder = builder.path_style(path_style);
        }
        if let Some(url) = config.public_base_url {
            builder = builder.public_base_url(url);
        }
        builder.build().map(|inner| Self { inner }).or_throw()
    }

    /// Builds a signer from the environment: `R2_ENDPOINT` (or
    /// `R2_ACCOUNT_ID`), `R2_ACCESS_KEY_ID`, `R2_SECRET_ACCESS_KEY`,
    /// `R2_BUCKET`, `R2_PUBLIC_URL`, falling back to the `AWS_*` variables
    /// and `S3_BUCKET`. Throws `'ERR_PRESIGNER_CONFIG'` naming every missing
    /// variable.
    #[napi(factory)]
    pub fn from_env() -> napi::Result<Self, ErrorKind> {
        presigner::Signer::from_env()
            .map(|inner| Self { inner })
            .or_throw()
    }

    /// Presigns a PutObject (an upload) of `key`. Throws an `Error` with
    /// `code` `'ERR_PRESIGNER_INVALID_ARGUMENT'` for an unusable key or
    /// option (the message names it).
    #[napi]
    pub fn presign_put(
        &self,
        key: ObjectKey,
        options: Option<PutOptions>,
    ) -> napi::Result<PresignedRequest, ErrorKind> {
        let options = options.map(Into::into).unwrap_or_default();
        self.inner
            .presign_put(&key.0, &options)
            .map(Into::into)
            .or_throw()
    }

    /// Presigns a GetObject (a download) of `key`.
    #[napi]
    pub fn presign_get(
        &self,
        key: ObjectKey,
        options: Option<GetOptions>,
    ) -> napi::Result<PresignedRequest, ErrorKind> {
        let options = options.map(Into::into).unwrap_or_default();
        self.inner
            .presign_get(&key.0, &options)
            .map(Into::into)
            .or_throw()
    }

    /// Presigns a GetObject of every key in `keys` with the same options, all
    /// signed at one instant: one call for a page listing many files.
    #[napi]
    pub fn presign_get_many(
        &self,
        keys: ObjectKeys,
        options: Option<GetOptions>,
    ) -> napi::Result<Vec<PresignedRequest>, ErrorKind> {
        let options = options.map(Into::into).unwrap_or_default();
        self.inner
            .presign_get_many(&keys.0, &options)
            .map(|all| all.into_iter().map(Into::into).collect())
            .or_throw()
    }

    /// Presigns a HeadObject of `key`.
    #[napi]
    pub fn presign_head(
        &self,
        key: ObjectKey,
        options: Option<ObjectOptions>,
    ) -> napi::Result<PresignedRequest, ErrorKind> {
        let options = options.map(Into::into).unwrap_or_default();
        self.inner
            .presign_head(&key.0, &options)
            .map(Into::into)
            .or_throw()
    }

    /// Presigns a DeleteObject of `key`.
    #[napi]
    pub fn presign_delete(
        &self,
        key: ObjectKey,
        options: Option<ObjectOptions>,
    ) -> napi::Result<PresignedRequest, ErrorKind> {
        let options = options.map(Into::into).unwrap_or_default();
        self.inner
            .presign_delete(&key.0, &options)
            .map(Into::into)
            .or_throw()
    }

    /// The public URL of `key` under `publicBaseUrl` (a custom domain or
    /// `r2.dev` address): no signature, no expiry. Throws
    /// `'ERR_PRESIGNER_CONFIG'` when the signer has no `publicBaseUrl`.
    #[napi]
    pub fn public_url(&self, key: ObjectKey) -> napi::Result<String, ErrorKind> {
        self.inner.public_url(&key.0).or_throw()
    }
}

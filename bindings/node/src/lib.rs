//! `presigner` for Node: the napi-rs binding of the presigner core.
//! Conversion and error mapping only; every behaviour lives in the core
//! crate. The npm package is `node/` at the repository's root.

#![deny(clippy::all)]

mod convert;
mod errors;
mod options;
mod request;
mod signer;

use napi_derive::napi;
use presigner::ErrorKind;

use crate::errors::OrThrow;
use crate::options::{GetOptions, NewKeyOptions, ObjectKey, PutOptions};
use crate::request::PresignedRequest;

/// Presigns a PutObject of `key` with the signer built from the environment
/// on first use (see {@link Signer.fromEnv}); kept once built.
#[napi]
pub fn presign_put(
    key: ObjectKey,
    options: Option<PutOptions>,
) -> napi::Result<PresignedRequest, ErrorKind> {
    let options = options.map(Into::into).unwrap_or_default();
    presigner::default_signer()
        .and_then(|signer| signer.presign_put(&key.0, &options))
        .map(Into::into)
        .or_throw()
}

/// Presigns a GetObject of `key` with the signer built from the environment
/// on first use (see {@link Signer.fromEnv}); kept once built.
#[napi]
pub fn presign_get(
    key: ObjectKey,
    options: Option<GetOptions>,
) -> napi::Result<PresignedRequest, ErrorKind> {
    let options = options.map(Into::into).unwrap_or_default();
    presigner::default_signer()
        .and_then(|signer| signer.presign_get(&key.0, &options))
        .map(Into::into)
        .or_throw()
}

/// A fresh object key: a random UUID v4, keeping the lower-cased extension
/// of `filename`, under `prefix`; e.g. `newKey({ filename: 'Cat.JPG',
/// prefix: 'uploads' })` gives `'uploads/0b8e…-….jpg'`.
#[napi]
pub fn new_key(options: Option<NewKeyOptions>) -> String {
    let (filename, prefix) = options.map_or((None, None), |o| (o.filename, o.prefix));
    presigner::new_key(filename.as_deref(), prefix.as_deref())
}

/// A `Content-Disposition` value that makes a browser save a download under
/// `filename` (RFC 6266, with a UTF-8 `filename*`): pass it as
/// `responseContentDisposition` of a presigned GET.
#[napi]
pub fn attachment(filename: String) -> String {
    presigner::attachment(&filename)
}

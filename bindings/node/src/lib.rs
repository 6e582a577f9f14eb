//! `presigner` for Node: the native half of the npm package (`node/`).
//! Conversion and error mapping only; every behaviour lives in the core
//! crate. `node/index.js` is the public API: it reads the presign calls'
//! option objects and builds their results in JavaScript, and calls the
//! functions here (loaded through the napi-generated `node/binding.js`); the
//! multipart helpers (`multipart.rs`) answer plain objects built here.

#![deny(clippy::all)]
// A test build has no N-API registration, so every `#[napi]` function looks
// unused there (the crate has no Rust tests: behaviour is tested in the core
// and through Node).
#![cfg_attr(test, allow(dead_code))]

mod convert;
mod errors;
mod multipart;
mod options;
mod policy;
mod signer;

use napi::bindgen_prelude::{Env, Unknown};
use napi_derive::napi;

use crate::errors::{throw, Invalid};
use crate::options::{Filename, NewKeyOptions};

/// The core's default URL lifetime in seconds (`expiresIn` when absent).
#[napi]
pub const DEFAULT_EXPIRES_IN_SECS: u32 = presigner::DEFAULT_EXPIRES_IN_SECS as u32;

/// Throws the `TypeError` for an `options` argument that is not an object
/// (`index.js` checks the type; the message is made here with the others).
#[napi]
pub fn reject_options(env: Env, options: Unknown<'_>) -> napi::Result<()> {
    Err(throw(
        &env,
        Invalid::expected("an object", &options).at(|| "options".to_owned()),
    ))
}

/// Throws the `TypeError` for a `signer` argument that is not a `Signer`
/// (`index.js` checks; the message is made here with the others).
#[napi]
pub fn reject_signer(env: Env, signer: Unknown<'_>) -> napi::Result<()> {
    Err(throw(
        &env,
        Invalid::expected("a Signer", &signer).at(|| "signer".to_owned()),
    ))
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
pub fn attachment(filename: Filename) -> String {
    presigner::attachment(&filename.0)
}

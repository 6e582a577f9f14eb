//! The signer's native half. `index.js` owns the public `Signer` class: it
//! reads the option objects (V8 does that fastest in JavaScript) and passes
//! each option here as one positional argument, which this module converts
//! with the same `TypeError`s an object would get, hands to the core, and
//! answers with the URL as a single Latin-1 string (a URL is ASCII),
//! followed by the headers to send when the operation has any
//! ([`with_headers`]); batches answer their URLs in a few long strings
//! ([`Chunks`]).

use std::collections::BTreeMap;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use napi::bindgen_prelude::{
    Array, Env, External, FromNapiRef, FromNapiValue, TypeName, Unknown, ValidateNapiValue,
};
use napi::{JsString, ValueType};
use napi_derive::napi;
use presigner::{Argument, ChecksumAlgorithm, PresignedRequest};

use crate::convert::{date, string, string_map, whole, Convert};
use crate::errors::{run, Failure, Invalid};
use crate::options::{ObjectKey, ObjectKeys, SignerConfig, UploadId};

/// A handle on a core signer, held by a JavaScript `Signer`.
pub type Handle = External<presigner::Signer>;

/// The signer a presign call uses: a handle, or `null` for the process-wide
/// signer from the environment. The latter is resolved only after every
/// other argument converted, so a bad key is a `TypeError` either way.
pub struct SignerArg(Option<presigner::Signer>);

impl SignerArg {
    fn resolve(self) -> Result<presigner::Signer, Failure> {
        match self.0 {
            Some(signer) => Ok(signer),
            None => Ok(presigner::default_signer()?.clone()),
        }
    }
}

impl TypeName for SignerArg {
    fn type_name() -> &'static str {
        "ExternalObject<Signer> | null"
    }

    fn value_type() -> ValueType {
        ValueType::External
    }
}

impl ValidateNapiValue for SignerArg {}

#[allow(unsafe_code)]
impl FromNapiValue for SignerArg {
    unsafe fn from_napi_value(
        env: napi::sys::napi_env,
        value: napi::sys::napi_value,
    ) -> napi::Result<Self> {
        // SAFETY: napi calls this with the live `env` and `value` of the
        // current call, which is all both conversions need.
        let unknown = unsafe { Unknown::from_raw_unchecked(env, value) };
        if unknown.get_type()? == ValueType::Null {
            return Ok(Self(None));
        }
        let handle = unsafe { Handle::from_napi_ref(env, value) }?;
        Ok(Self(Some(handle.as_ref().clone())))
    }
}

/// A new signer for `config` (`new Signer(config)`).
#[napi]
pub fn new_signer(env: Env, config: SignerConfig) -> napi::Result<Handle> {
    run(&env, || {
        let config = presigner::SignerConfig {
            endpoint: config.endpoint,
            bucket: config.bucket,
            access_key_id: config.access_key_id,
            secret_access_key: config.secret_access_key,
            region: config.region,
            session_token: config.session_token,
            path_style: config.path_style,
            public_base_url: config.public_base_url,
        };
        Ok(Handle::new(config.build()?))
    })
}

/// A new signer from the environment (`Signer.fromEnv()`).
#[napi]
pub fn signer_from_env(env: Env) -> napi::Result<Handle> {
    run(&env, || Ok(Handle::new(presigner::Signer::from_env()?)))
}

/// The public URL of `key` (`signer.publicUrl(key)`).
#[napi]
pub fn public_url(env: Env, signer: &Handle, key: ObjectKey) -> napi::Result<String> {
    run(&env, || Ok(signer.public_url(&key.0)?))
}

/// The public base URL (`signer.publicBaseUrl`), or `null`.
#[napi]
pub fn public_base_url(signer: &Handle) -> Option<String> {
    signer.public_base_url().map(str::to_owned)
}

/// An optional argument named `name` in messages: `undefined` and `null`
/// mean "not given", as they do for a property.
fn optional<'env, T>(
    value: Unknown<'env>,
    name: &'static str,
    convert: Convert<'env, T>,
) -> Result<Option<T>, Invalid> {
    crate::convert::optional(value, convert).map_err(|e| e.at(|| name.to_owned()))
}

/// `options.expiresIn` as the core's lifetime.
fn expires_in(value: Unknown<'_>) -> Result<Option<Duration>, Invalid> {
    let secs = optional(value, "options.expiresIn", whole)?;
    Ok(secs.map(presigner::expires_in_secs).transpose()?)
}

/// The signing instant: `options.signingDate` when given, else `now` (the
/// caller's `Date.now()`, so that it can compute `expiresAt` itself).
fn signing_time(signing_date: Unknown<'_>, now: f64) -> Result<SystemTime, Invalid> {
    match optional(signing_date, "options.signingDate", date)? {
        Some(time) => Ok(time),
        None => Ok(UNIX_EPOCH + Duration::from_millis(now as u64)),
    }
}

/// The URL (ASCII) as a JavaScript string, without UTF-8 decoding.
fn ascii<'env>(env: &'env Env, url: &str) -> Result<JsString<'env>, Failure> {
    Ok(env.create_string_latin1(url.as_bytes())?)
}

/// A required whole number named `name` (`partNumber`, `partCount`),
/// within the core's range for `argument`.
fn number(value: Unknown<'_>, name: &'static str, argument: Argument) -> Result<u32, Invalid> {
    let n = whole(value, value.get_type()?).map_err(|e| e.at(|| name.to_owned()))?;
    Ok(presigner::in_range(argument, n)?)
}

/// An optional whole number named `name` (`options.maxParts`, ...), within
/// the core's range for `argument`.
fn optional_number(
    value: Unknown<'_>,
    name: &'static str,
    argument: Argument,
) -> Result<Option<u32>, Invalid> {
    let n = optional(value, name, whole)?;
    Ok(n.map(|n| presigner::in_range(argument, n)).transpose()?)
}

/// `options.contentLength` as the core's byte count.
fn content_length(value: Unknown<'_>) -> Result<Option<u64>, Invalid> {
    let len = optional(value, "options.contentLength", whole)?;
    Ok(len.map(presigner::content_length).transpose()?)
}

/// `options.checksumAlgorithm` (any case) as the core's algorithm.
fn checksum_algorithm(value: Unknown<'_>) -> Result<Option<ChecksumAlgorithm>, Invalid> {
    let name = optional(value, "options.checksumAlgorithm", string)?;
    Ok(name.map(|name| name.parse()).transpose()?)
}

/// `options.metadata`; none given is none to sign.
fn metadata(value: Unknown<'_>) -> Result<BTreeMap<String, String>, Invalid> {
    Ok(optional(value, "options.metadata", string_map)?.unwrap_or_default())
}

/// A signed request with headers to send as one string: the URL, then for
/// each header a line break, its name, a line break and its value (neither
/// holds a line break: the core admits printable ASCII only).
fn with_headers<'env>(env: &'env Env, signed: PresignedRequest) -> Result<JsString<'env>, Failure> {
    let mut text = signed.url;
    text.reserve(
        signed
            .headers
            .iter()
            .map(|(n, v)| n.len() + v.len() + 2)
            .sum(),
    );
    for (name, value) in &signed.headers {
        for part in ["\n", name, "\n", value] {
            text.push_str(part);
        }
    }
    ascii(env, &text)
}

/// Presigns a PutObject; answers as [`with_headers`].
#[napi]
#[allow(clippy::too_many_arguments)]
pub fn presign_put<'env>(
    env: &'env Env,
    signer: SignerArg,
    key: ObjectKey,
    signing_date: Unknown<'env>,
    now: f64,
    expires_in: Unknown<'env>,
    content_type: Unknown<'env>,
    content_length: Unknown<'env>,
    content_md5: Unknown<'env>,
    checksum_sha256: Unknown<'env>,
    cache_control: Unknown<'env>,
    content_disposition: Unknown<'env>,
    metadata: Unknown<'env>,
    if_none_match: Unknown<'env>,
    if_match: Unknown<'env>,
    checksum_algorithm: Unknown<'env>,
    checksum: Unknown<'env>,
) -> napi::Result<JsString<'env>> {
    run(env, || {
        let options = presigner::PutOptions {
            expires_in: self::expires_in(expires_in)?,
            content_type: optional(content_type, "options.contentType", string)?,
            content_length: self::content_length(content_length)?,
            content_md5: optional(content_md5, "options.contentMd5", string)?,
            checksum_sha256: optional(checksum_sha256, "options.checksumSha256", string)?,
            cache_control: optional(cache_control, "options.cacheControl", string)?,
            content_disposition: optional(
                content_disposition,
                "options.contentDisposition",
                string,
            )?,
            metadata: self::metadata(metadata)?,
            if_none_match: optional(if_none_match, "options.ifNoneMatch", string)?,
            if_match: optional(if_match, "options.ifMatch", string)?,
            checksum_algorithm: self::checksum_algorithm(checksum_algorithm)?,
            checksum: optional(checksum, "options.checksum", string)?,
            signing_time: Some(signing_time(signing_date, now)?),
        };
        with_headers(env, signer.resolve()?.presign_put(&key.0, &options)?)
    })
}

/// The core's GET options from their positional arguments.
fn get_options(
    signing_date: Unknown<'_>,
    now: f64,
    expires_in: Unknown<'_>,
    response_content_type: Unknown<'_>,
    response_content_disposition: Unknown<'_>,
    response_cache_control: Unknown<'_>,
    version_id: Unknown<'_>,
) -> Result<presigner::GetOptions, Invalid> {
    Ok(presigner::GetOptions {
        expires_in: self::expires_in(expires_in)?,
        response_content_type: optional(
            response_content_type,
            "options.responseContentType",
            string,
        )?,
        response_content_disposition: optional(
            response_content_disposition,
            "options.responseContentDisposition",
            string,
        )?,
        response_cache_control: optional(
            response_cache_control,
            "options.responseCacheControl",
            string,
        )?,
        version_id: optional(version_id, "options.versionId", string)?,
        signing_time: Some(signing_time(signing_date, now)?),
    })
}

/// Presigns a GetObject; answers the URL.
#[napi]
#[allow(clippy::too_many_arguments)]
pub fn presign_get<'env>(
    env: &'env Env,
    signer: SignerArg,
    key: ObjectKey,
    signing_date: Unknown<'env>,
    now: f64,
    expires_in: Unknown<'env>,
    response_content_type: Unknown<'env>,
    response_content_disposition: Unknown<'env>,
    response_cache_control: Unknown<'env>,
    version_id: Unknown<'env>,
) -> napi::Result<JsString<'env>> {
    run(env, || {
        let options = get_options(
            signing_date,
            now,
            expires_in,
            response_content_type,
            response_content_disposition,
            response_cache_control,
            version_id,
        )?;
        ascii(env, &signer.resolve()?.presign_get(&key.0, &options)?.url)
    })
}

/// Presigns a GetObject of every key, at one instant; answers the URLs in
/// strings of ~64 KiB, each joining its URLs by line breaks (a URL has none).
#[napi]
#[allow(clippy::too_many_arguments)]
pub fn presign_get_many<'env>(
    env: &'env Env,
    signer: &Handle,
    keys: ObjectKeys,
    signing_date: Unknown<'env>,
    now: f64,
    expires_in: Unknown<'env>,
    response_content_type: Unknown<'env>,
    response_content_disposition: Unknown<'env>,
    response_cache_control: Unknown<'env>,
    version_id: Unknown<'env>,
) -> napi::Result<Array<'env>> {
    run(env, || {
        let options = get_options(
            signing_date,
            now,
            expires_in,
            response_content_type,
            response_content_disposition,
            response_cache_control,
            version_id,
        )?;
        let mut chunks = Chunks::new(env)?;
        let mut failed = None;
        signer.presign_get_each(&keys.0, &options, |request| {
            if failed.is_none() {
                failed = chunks.push(&request.url).err();
            }
        })?;
        match failed {
            Some(e) => Err(e),
            None => chunks.finish(),
        }
    })
}

/// URLs for JavaScript in strings of ~[`CHUNK_BYTES`], each joining its URLs
/// by line breaks (a URL has none), in an array.
struct Chunks<'env> {
    env: &'env Env,
    array: Array<'env>,
    /// How many strings `array` holds.
    len: u32,
    /// The URLs of the string being filled.
    text: String,
}

impl<'env> Chunks<'env> {
    fn new(env: &'env Env) -> Result<Self, Failure> {
        Ok(Self {
            env,
            array: env.create_array(0)?,
            len: 0,
            text: String::new(),
        })
    }

    /// Adds `url`, setting the string into the array once it is full.
    fn push(&mut self, url: &str) -> Result<(), Failure> {
        if !self.text.is_empty() {
            self.text.push('\n');
        }
        self.text.push_str(url);
        if self.text.len() >= CHUNK_BYTES {
            self.flush()?;
        }
        Ok(())
    }

    fn flush(&mut self) -> Result<(), Failure> {
        self.array.set(self.len, ascii(self.env, &self.text)?)?;
        self.len += 1;
        self.text.clear();
        Ok(())
    }

    /// The array, with the last string.
    fn finish(mut self) -> Result<Array<'env>, Failure> {
        if !self.text.is_empty() {
            self.flush()?;
        }
        Ok(self.array)
    }
}

/// Size past which a batch starts a new string: V8 puts strings over
/// ~128 KiB in its large-object space, whose fresh pages cost more than the
/// copy (a 1,000-URL batch as one string cost ~0.2 µs more per URL).
const CHUNK_BYTES: usize = 64 * 1024;

/// The core's HEAD and DELETE options from their positional arguments.
fn object_options(
    signing_date: Unknown<'_>,
    now: f64,
    expires_in: Unknown<'_>,
    version_id: Unknown<'_>,
) -> Result<presigner::ObjectOptions, Invalid> {
    Ok(presigner::ObjectOptions {
        expires_in: self::expires_in(expires_in)?,
        version_id: optional(version_id, "options.versionId", string)?,
        signing_time: Some(signing_time(signing_date, now)?),
    })
}

/// Presigns a HeadObject; answers the URL.
#[napi]
pub fn presign_head<'env>(
    env: &'env Env,
    signer: &Handle,
    key: ObjectKey,
    signing_date: Unknown<'env>,
    now: f64,
    expires_in: Unknown<'env>,
    version_id: Unknown<'env>,
) -> napi::Result<JsString<'env>> {
    run(env, || {
        let options = object_options(signing_date, now, expires_in, version_id)?;
        ascii(env, &signer.presign_head(&key.0, &options)?.url)
    })
}

/// Presigns a DeleteObject; answers the URL.
#[napi]
pub fn presign_delete<'env>(
    env: &'env Env,
    signer: &Handle,
    key: ObjectKey,
    signing_date: Unknown<'env>,
    now: f64,
    expires_in: Unknown<'env>,
    version_id: Unknown<'env>,
) -> napi::Result<JsString<'env>> {
    run(env, || {
        let options = object_options(signing_date, now, expires_in, version_id)?;
        ascii(env, &signer.presign_delete(&key.0, &options)?.url)
    })
}

/// Presigns a CreateMultipartUpload; answers as [`with_headers`].
#[napi]
#[allow(clippy::too_many_arguments)]
pub fn presign_create_multipart_upload<'env>(
    env: &'env Env,
    signer: &Handle,
    key: ObjectKey,
    signing_date: Unknown<'env>,
    now: f64,
    expires_in: Unknown<'env>,
    content_type: Unknown<'env>,
    cache_control: Unknown<'env>,
    content_disposition: Unknown<'env>,
    metadata: Unknown<'env>,
    checksum_algorithm: Unknown<'env>,
) -> napi::Result<JsString<'env>> {
    run(env, || {
        let options = presigner::CreateMultipartUploadOptions {
            expires_in: self::expires_in(expires_in)?,
            content_type: optional(content_type, "options.contentType", string)?,
            cache_control: optional(cache_control, "options.cacheControl", string)?,
            content_disposition: optional(
                content_disposition,
                "options.contentDisposition",
                string,
            )?,
            metadata: self::metadata(metadata)?,
            checksum_algorithm: self::checksum_algorithm(checksum_algorithm)?,
            signing_time: Some(signing_time(signing_date, now)?),
        };
        with_headers(
            env,
            signer.presign_create_multipart_upload(&key.0, &options)?,
        )
    })
}

/// Presigns an UploadPart of part `partNumber`; answers as [`with_headers`].
#[napi]
#[allow(clippy::too_many_arguments)]
pub fn presign_upload_part<'env>(
    env: &'env Env,
    signer: &Handle,
    key: ObjectKey,
    upload_id: UploadId,
    part_number: Unknown<'env>,
    signing_date: Unknown<'env>,
    now: f64,
    expires_in: Unknown<'env>,
    content_length: Unknown<'env>,
    content_md5: Unknown<'env>,
    checksum_algorithm: Unknown<'env>,
    checksum: Unknown<'env>,
) -> napi::Result<JsString<'env>> {
    run(env, || {
        let part_number = number(part_number, "partNumber", Argument::PartNumber)?;
        let options = presigner::UploadPartOptions {
            expires_in: self::expires_in(expires_in)?,
            content_length: self::content_length(content_length)?,
            content_md5: optional(content_md5, "options.contentMd5", string)?,
            checksum_algorithm: self::checksum_algorithm(checksum_algorithm)?,
            checksum: optional(checksum, "options.checksum", string)?,
            signing_time: Some(signing_time(signing_date, now)?),
        };
        let signed = signer.presign_upload_part(&key.0, &upload_id.0, part_number, &options)?;
        with_headers(env, signed)
    })
}

/// Presigns the UploadPart of every part `1..=partCount`, at one instant;
/// answers the URLs as [`presign_get_many`] does (a part has no headers).
#[napi]
#[allow(clippy::too_many_arguments)]
pub fn presign_upload_parts<'env>(
    env: &'env Env,
    signer: &Handle,
    key: ObjectKey,
    upload_id: UploadId,
    part_count: Unknown<'env>,
    signing_date: Unknown<'env>,
    now: f64,
    expires_in: Unknown<'env>,
) -> napi::Result<Array<'env>> {
    run(env, || {
        let part_count = number(part_count, "partCount", Argument::PartCount)?;
        let options = presigner::SigningOptions {
            expires_in: self::expires_in(expires_in)?,
            signing_time: Some(signing_time(signing_date, now)?),
        };
        let parts = signer.presign_upload_parts(&key.0, &upload_id.0, part_count, &options)?;
        let mut chunks = Chunks::new(env)?;
        for part in &parts {
            chunks.push(&part.url)?;
        }
        chunks.finish()
    })
}

/// Presigns a ListParts; answers the URL.
#[napi]
#[allow(clippy::too_many_arguments)]
pub fn presign_list_parts<'env>(
    env: &'env Env,
    signer: &Handle,
    key: ObjectKey,
    upload_id: UploadId,
    signing_date: Unknown<'env>,
    now: f64,
    expires_in: Unknown<'env>,
    max_parts: Unknown<'env>,
    part_number_marker: Unknown<'env>,
) -> napi::Result<JsString<'env>> {
    run(env, || {
        let options = presigner::ListPartsOptions {
            expires_in: self::expires_in(expires_in)?,
            max_parts: optional_number(max_parts, "options.maxParts", Argument::MaxParts)?,
            part_number_marker: optional_number(
                part_number_marker,
                "options.partNumberMarker",
                Argument::PartNumberMarker,
            )?,
            signing_time: Some(signing_time(signing_date, now)?),
        };
        let signed = signer.presign_list_parts(&key.0, &upload_id.0, &options)?;
        ascii(env, &signed.url)
    })
}

/// Presigns a CompleteMultipartUpload; answers as [`with_headers`].
#[napi]
#[allow(clippy::too_many_arguments)]
pub fn presign_complete_multipart_upload<'env>(
    env: &'env Env,
    signer: &Handle,
    key: ObjectKey,
    upload_id: UploadId,
    signing_date: Unknown<'env>,
    now: f64,
    expires_in: Unknown<'env>,
    if_none_match: Unknown<'env>,
    if_match: Unknown<'env>,
) -> napi::Result<JsString<'env>> {
    run(env, || {
        let options = presigner::CompleteMultipartUploadOptions {
            expires_in: self::expires_in(expires_in)?,
            if_none_match: optional(if_none_match, "options.ifNoneMatch", string)?,
            if_match: optional(if_match, "options.ifMatch", string)?,
            signing_time: Some(signing_time(signing_date, now)?),
        };
        let signed = signer.presign_complete_multipart_upload(&key.0, &upload_id.0, &options)?;
        with_headers(env, signed)
    })
}

/// Presigns an AbortMultipartUpload; answers the URL.
#[napi]
pub fn presign_abort_multipart_upload<'env>(
    env: &'env Env,
    signer: &Handle,
    key: ObjectKey,
    upload_id: UploadId,
    signing_date: Unknown<'env>,
    now: f64,
    expires_in: Unknown<'env>,
) -> napi::Result<JsString<'env>> {
    run(env, || {
        let options = presigner::SigningOptions {
            expires_in: self::expires_in(expires_in)?,
            signing_time: Some(signing_time(signing_date, now)?),
        };
        let signed = signer.presign_abort_multipart_upload(&key.0, &upload_id.0, &options)?;
        ascii(env, &signed.url)
    })
}

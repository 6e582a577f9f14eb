//! The signer's native half. `index.js` owns the public `Signer` class: it
//! reads the option objects (V8 does that fastest in JavaScript) and passes
//! each option here as one positional argument, which this module converts
//! with the same `TypeError`s an object would get, hands to the core, and
//! answers with the URL as a single Latin-1 string (a URL is ASCII).

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use napi::bindgen_prelude::{
    Array, Env, External, FromNapiRef, FromNapiValue, TypeName, Unknown, ValidateNapiValue,
};
use napi::{JsString, ValueType};
use napi_derive::napi;

use crate::convert::{date, string, string_map, whole, Convert};
use crate::errors::{run, Failure, Invalid};
use crate::options::{ObjectKey, ObjectKeys, SignerConfig};

/// A handle on a core signer, held by a JavaScript `Signer`.
type Handle = External<presigner::Signer>;

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

/// Presigns a PutObject. Answers the URL, then for each header the upload
/// must carry a line break, its name, a line break and its value (neither
/// holds a line break: the core admits printable ASCII only).
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
) -> napi::Result<JsString<'env>> {
    run(env, || {
        let options = presigner::PutOptions {
            expires_in: self::expires_in(expires_in)?,
            content_type: optional(content_type, "options.contentType", string)?,
            content_length: optional(content_length, "options.contentLength", whole)?
                .map(presigner::content_length)
                .transpose()?,
            content_md5: optional(content_md5, "options.contentMd5", string)?,
            checksum_sha256: optional(checksum_sha256, "options.checksumSha256", string)?,
            cache_control: optional(cache_control, "options.cacheControl", string)?,
            content_disposition: optional(
                content_disposition,
                "options.contentDisposition",
                string,
            )?,
            metadata: optional(metadata, "options.metadata", string_map)?.unwrap_or_default(),
            signing_time: Some(signing_time(signing_date, now)?),
        };
        let signed = signer.resolve()?.presign_put(&key.0, &options)?;
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
        let mut chunks = env.create_array(0)?;
        let mut text = String::new();
        let mut n = 0;
        let mut failed = None;
        signer.presign_get_each(&keys.0, &options, |request| {
            if !text.is_empty() {
                text.push('\n');
            }
            text.push_str(&request.url);
            if text.len() >= CHUNK_BYTES && failed.is_none() {
                if let Err(e) = ascii(env, &text).and_then(|s| Ok(chunks.set(n, s)?)) {
                    failed = Some(e);
                }
                n += 1;
                text.clear();
            }
        })?;
        if let Some(e) = failed {
            return Err(e);
        }
        if !text.is_empty() {
            chunks.set(n, ascii(env, &text)?)?;
        }
        Ok(chunks)
    })
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

//! The argument types: the signer's configuration and the per-call option
//! objects. Each struct is declared to napi for its TypeScript interface
//! (doc comments become TSDoc) and converts itself from JavaScript through
//! `FromJs` (`convert.rs`), then into the core's option struct. Defaults and rules are the
//! core's: an absent option is `None`.

use std::collections::BTreeMap;
use std::time::{Duration, SystemTime};

use napi::bindgen_prelude::{Array, FromNapiValue, JsValue, Unknown};
use napi_derive::napi;

use crate::convert::{boolean, count, date, from_js, string, string_map, Fields, FromJs};
use crate::errors::Invalid;

/// An object key: any string of 1 to 1024 UTF-8 bytes. Every byte but
/// `A-Z a-z 0-9 - . _ ~ /` is percent-encoded in the URL.
#[napi(transparent, object_from_js = false, object_to_js = false)]
pub struct ObjectKey(pub String);

/// Object keys, for {@link Signer.presignGetMany}: an array of strings.
#[napi(transparent, object_from_js = false, object_to_js = false)]
pub struct ObjectKeys(pub Vec<String>);

/// Configuration of a {@link Signer}.
#[napi(object, object_from_js = false, object_to_js = false)]
pub struct SignerConfig {
    /// `http(s)://host[:port]` of the S3-compatible API, without a path, e.g.
    /// `https://<ACCOUNT_ID>.r2.cloudflarestorage.com`.
    pub endpoint: String,
    /// The bucket every URL of this signer points into.
    pub bucket: String,
    /// Access key id (R2: the API token's Access Key ID).
    pub access_key_id: String,
    /// Secret access key. It never appears in a message, `util.inspect` or
    /// `JSON.stringify`.
    pub secret_access_key: String,
    /// Signing region; default `'auto'` (what R2 expects).
    pub region: Option<String>,
    /// Session token of temporary (STS) credentials, signed into every URL.
    pub session_token: Option<String>,
    /// `true` (default): `https://endpoint/bucket/key`. `false`:
    /// virtual-hosted `https://bucket.endpoint/key`, except for dotted
    /// buckets over https and IP-address endpoints, which stay path style.
    pub path_style: Option<bool>,
    /// Base URL of a public custom domain or `r2.dev` address, for
    /// {@link Signer.publicUrl}.
    pub public_base_url: Option<String>,
}

/// Options of `presignPut` (PutObject, an upload). Every header option is
/// signed and returned in `headers`: the uploader must send it unchanged.
#[napi(object, object_from_js = false, object_to_js = false)]
pub struct PutOptions {
    /// Lifetime of the URL in whole seconds, 1 to 604800; default 3600.
    #[napi(ts_type = "number")]
    pub expires_in: Option<u64>,
    /// `Content-Type` the upload must carry, e.g. `'image/jpeg'`.
    pub content_type: Option<String>,
    /// `Content-Length` the upload must have, in bytes.
    #[napi(ts_type = "number")]
    pub content_length: Option<u64>,
    /// `Content-MD5`: base64 of the body's MD5 digest.
    pub content_md5: Option<String>,
    /// `x-amz-checksum-sha256`: base64 of the body's SHA-256 digest.
    pub checksum_sha256: Option<String>,
    /// `Cache-Control` stored with the object.
    pub cache_control: Option<String>,
    /// `Content-Disposition` stored with the object.
    pub content_disposition: Option<String>,
    /// User metadata, sent as `x-amz-meta-<name>` headers (names lower-cased).
    pub metadata: Option<BTreeMap<String, String>>,
    /// The signing instant; default now. URLs signed at the same instant
    /// with the same inputs are identical.
    #[napi(ts_type = "Date")]
    pub signing_date: Option<SystemTime>,
}

/// Options of `presignGet` (GetObject, a download). The `response*`
/// overrides travel in the query string: the downloader sends no header.
#[napi(object, object_from_js = false, object_to_js = false)]
pub struct GetOptions {
    /// Lifetime of the URL in whole seconds, 1 to 604800; default 3600.
    #[napi(ts_type = "number")]
    pub expires_in: Option<u64>,
    /// `response-content-type`: the `Content-Type` the store answers with.
    pub response_content_type: Option<String>,
    /// `response-content-disposition`, e.g. `'attachment; filename="cat.jpg"'`.
    pub response_content_disposition: Option<String>,
    /// `response-cache-control`: the `Cache-Control` the store answers with.
    pub response_cache_control: Option<String>,
    /// `versionId`: a specific version of the object.
    pub version_id: Option<String>,
    /// The signing instant; default now.
    #[napi(ts_type = "Date")]
    pub signing_date: Option<SystemTime>,
}

/// Options of `presignHead` and `presignDelete`.
#[napi(object, object_from_js = false, object_to_js = false)]
pub struct ObjectOptions {
    /// Lifetime of the URL in whole seconds, 1 to 604800; default 3600.
    #[napi(ts_type = "number")]
    pub expires_in: Option<u64>,
    /// `versionId`: a specific version of the object.
    pub version_id: Option<String>,
    /// The signing instant; default now.
    #[napi(ts_type = "Date")]
    pub signing_date: Option<SystemTime>,
}

/// Options of {@link newKey}.
#[napi(object, object_from_js = false, object_to_js = false)]
pub struct NewKeyOptions {
    /// The uploaded file's name: its extension is kept (lower-cased) when it
    /// is 1 to 16 ASCII letters or digits.
    pub filename: Option<String>,
    /// A folder to put the key under, e.g. `'uploads'` (joined with `/`).
    pub prefix: Option<String>,
}

from_js!(
    ObjectKey,
    ObjectKeys,
    SignerConfig,
    PutOptions,
    GetOptions,
    ObjectOptions,
    NewKeyOptions
);

impl FromJs for ObjectKey {
    fn from_js(value: Unknown<'_>) -> Result<Self, Invalid> {
        string(value, value.get_type()?)
            .map(Self)
            .map_err(|e| e.at(|| "key".to_owned()))
    }
}

impl FromJs for ObjectKeys {
    fn from_js(value: Unknown<'_>) -> Result<Self, Invalid> {
        if !value.is_array()? {
            return Err(Invalid::expected("an array of strings", &value).at(|| "keys".to_owned()));
        }
        let array = Array::from_unknown(value)?;
        let mut keys = Vec::with_capacity(array.len() as usize);
        for i in 0..array.len() {
            let key: Unknown<'_> = array.get(i)?.unwrap_or(value);
            keys.push(string(key, key.get_type()?).map_err(|e| e.at(|| format!("keys[{i}]")))?);
        }
        Ok(Self(keys))
    }
}

impl FromJs for SignerConfig {
    fn from_js(value: Unknown<'_>) -> Result<Self, Invalid> {
        let o = Fields::new(value, "config")?;
        Ok(Self {
            endpoint: o.required("endpoint", string)?,
            bucket: o.required("bucket", string)?,
            access_key_id: o.required("accessKeyId", string)?,
            secret_access_key: o.required("secretAccessKey", string)?,
            region: o.optional("region", string)?,
            session_token: o.optional("sessionToken", string)?,
            path_style: o.optional("pathStyle", boolean)?,
            public_base_url: o.optional("publicBaseUrl", string)?,
        })
    }
}

impl FromJs for PutOptions {
    fn from_js(value: Unknown<'_>) -> Result<Self, Invalid> {
        let o = Fields::new(value, "options")?;
        Ok(Self {
            expires_in: o.optional("expiresIn", count)?,
            content_type: o.optional("contentType", string)?,
            content_length: o.optional("contentLength", count)?,
            content_md5: o.optional("contentMd5", string)?,
            checksum_sha256: o.optional("checksumSha256", string)?,
            cache_control: o.optional("cacheControl", string)?,
            content_disposition: o.optional("contentDisposition", string)?,
            metadata: o.optional("metadata", string_map)?,
            signing_date: o.optional("signingDate", date)?,
        })
    }
}

impl FromJs for GetOptions {
    fn from_js(value: Unknown<'_>) -> Result<Self, Invalid> {
        let o = Fields::new(value, "options")?;
        Ok(Self {
            expires_in: o.optional("expiresIn", count)?,
            response_content_type: o.optional("responseContentType", string)?,
            response_content_disposition: o.optional("responseContentDisposition", string)?,
            response_cache_control: o.optional("responseCacheControl", string)?,
            version_id: o.optional("versionId", string)?,
            signing_date: o.optional("signingDate", date)?,
        })
    }
}

impl FromJs for ObjectOptions {
    fn from_js(value: Unknown<'_>) -> Result<Self, Invalid> {
        let o = Fields::new(value, "options")?;
        Ok(Self {
            expires_in: o.optional("expiresIn", count)?,
            version_id: o.optional("versionId", string)?,
            signing_date: o.optional("signingDate", date)?,
        })
    }
}

impl FromJs for NewKeyOptions {
    fn from_js(value: Unknown<'_>) -> Result<Self, Invalid> {
        let o = Fields::new(value, "options")?;
        Ok(Self {
            filename: o.optional("filename", string)?,
            prefix: o.optional("prefix", string)?,
        })
    }
}

impl From<PutOptions> for presigner::PutOptions {
    fn from(o: PutOptions) -> Self {
        Self {
            expires_in: o.expires_in.map(Duration::from_secs),
            content_type: o.content_type,
            content_length: o.content_length,
            content_md5: o.content_md5,
            checksum_sha256: o.checksum_sha256,
            cache_control: o.cache_control,
            content_disposition: o.content_disposition,
            metadata: o.metadata.unwrap_or_default(),
            signing_time: o.signing_date,
        }
    }
}

impl From<GetOptions> for presigner::GetOptions {
    fn from(o: GetOptions) -> Self {
        Self {
            expires_in: o.expires_in.map(Duration::from_secs),
            response_content_type: o.response_content_type,
            response_content_disposition: o.response_content_disposition,
            response_cache_control: o.response_cache_control,
            version_id: o.version_id,
            signing_time: o.signing_date,
        }
    }
}

impl From<ObjectOptions> for presigner::ObjectOptions {
    fn from(o: ObjectOptions) -> Self {
        Self {
            expires_in: o.expires_in.map(Duration::from_secs),
            version_id: o.version_id,
            signing_time: o.signing_date,
        }
    }
}

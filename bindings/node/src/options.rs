//! The argument types read from objects and arrays: object keys, upload
//! ids, the signer's configuration and `newKey`'s options. Each converts
//! itself from JavaScript through `FromJs` (`convert.rs`). Defaults and
//! rules are the core's: an absent option is `None`. (The per-call presign options arrive
//! as positional arguments: see `signer.rs`.)

use napi::bindgen_prelude::{Array, FromNapiValue, JsValue, Unknown};
use napi_derive::napi;

use crate::convert::{boolean, from_js, string, Fields, FromJs};
use crate::errors::Invalid;

/// An object key: any string of 1 to 1024 UTF-8 bytes. Every byte but
/// `A-Z a-z 0-9 - . _ ~ /` is percent-encoded in the URL.
#[napi(transparent, object_from_js = false, object_to_js = false)]
pub struct ObjectKey(pub String);

/// Object keys, for {@link Signer.presignGetMany}: an array of strings.
#[napi(transparent, object_from_js = false, object_to_js = false)]
pub struct ObjectKeys(pub Vec<String>);

/// The id of a multipart upload, as CreateMultipartUpload answered it.
#[napi(transparent, object_from_js = false, object_to_js = false)]
pub struct UploadId(pub String);

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

/// A file name, for {@link attachment}.
#[napi(transparent, object_from_js = false, object_to_js = false)]
pub struct Filename(pub String);

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
    UploadId,
    Filename,
    SignerConfig,
    NewKeyOptions
);

impl FromJs for ObjectKey {
    fn from_js(value: Unknown<'_>) -> Result<Self, Invalid> {
        string(value, value.get_type()?)
            .map(Self)
            .map_err(|e| e.at(|| "key".to_owned()))
    }
}

impl FromJs for UploadId {
    fn from_js(value: Unknown<'_>) -> Result<Self, Invalid> {
        string(value, value.get_type()?)
            .map(Self)
            .map_err(|e| e.at(|| "uploadId".to_owned()))
    }
}

impl FromJs for Filename {
    fn from_js(value: Unknown<'_>) -> Result<Self, Invalid> {
        string(value, value.get_type()?)
            .map(Self)
            .map_err(|e| e.at(|| "filename".to_owned()))
    }
}

impl FromJs for ObjectKeys {
    fn from_js(value: Unknown<'_>) -> Result<Self, Invalid> {
        if !value.is_array()? {
            return Err(Invalid::expected("an array of strings", &value).at(|| "keys".to_owned()));
        }
        let array = Array::from_unknown(value)?;
        // Not sized from `length`, which the caller sets at will.
        let mut keys = Vec::new();
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

impl FromJs for NewKeyOptions {
    fn from_js(value: Unknown<'_>) -> Result<Self, Invalid> {
        let o = Fields::new(value, "options")?;
        Ok(Self {
            filename: o.optional("filename", string)?,
            prefix: o.optional("prefix", string)?,
        })
    }
}

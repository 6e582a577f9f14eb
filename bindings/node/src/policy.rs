//! `UploadPolicy`'s native half (`index.js` owns the class): the core's
//! policy from the options object, and `sign` with the browser's request
//! object read field by field for the core to judge.

use std::collections::BTreeMap;

use napi::bindgen_prelude::{
    Array, Env, External, FromNapiValue, JsObjectValue, JsValue, Object, Unknown,
};
use napi::ValueType;
use napi_derive::napi;
use presigner::{Argument, FieldValue, UploadPolicy, UploadRequest};

use crate::convert::{boolean, from_js, string, whole, Fields, FromJs};
use crate::errors::{run, Failure, Invalid, Problem};
use crate::signer::Handle;

/// A handle on a core policy, held by a JavaScript `UploadPolicy`.
type PolicyHandle = External<UploadPolicy>;

/// The options of `new UploadPolicy(options)`; absent ones are the core's
/// defaults.
pub struct PolicyOptions(UploadPolicy);

from_js!(PolicyOptions);

impl FromJs for PolicyOptions {
    fn from_js(value: Unknown<'_>) -> Result<Self, Invalid> {
        let o = Fields::new(value, "options")?;
        let mut policy = UploadPolicy::default();
        if let Some(prefix) = o.optional("prefix", string)? {
            policy.prefix = prefix;
        }
        if let Some(secs) = o.optional("maxExpiresIn", whole)? {
            let secs = presigner::in_range(Argument::MaxExpiresIn, secs)?;
            policy.max_expires_in = std::time::Duration::from_secs(secs.into());
        }
        if let Some(create_only) = o.optional("createOnly", boolean)? {
            policy.create_only = create_only;
        }
        policy.content_types = o.optional("contentTypes", strings)?;
        if let Some(allow_delete) = o.optional("allowDelete", boolean)? {
            policy.allow_delete = allow_delete;
        }
        Ok(Self(policy))
    }
}

/// An array of strings (`contentTypes`).
fn strings(value: Unknown<'_>, _: ValueType) -> Result<Vec<String>, Invalid> {
    if !value.is_array()? {
        return Err(Invalid::expected("an array of strings", &value));
    }
    let array = Array::from_unknown(value)?;
    let mut all = Vec::new();
    for i in 0..array.len() {
        let item: Unknown<'_> = array.get(i)?.unwrap_or(value);
        all.push(string(item, item.get_type()?).map_err(|e| e.within(|| format!("[{i}]")))?);
    }
    Ok(all)
}

/// A new policy (`new UploadPolicy(options)`), its settings checked.
#[napi]
pub fn new_upload_policy(env: Env, options: Option<PolicyOptions>) -> napi::Result<PolicyHandle> {
    run(&env, || {
        let policy = options.map(|o| o.0).unwrap_or_default();
        policy.check()?;
        Ok(External::new(policy))
    })
}

/// What `policy.sign` answers: Uppy reads `url`, `key` and `headers`.
#[napi(object)]
pub struct SignedUpload {
    /// The HTTP method.
    pub method: String,
    /// The presigned URL.
    pub url: String,
    /// The key signed (for PutObject and CreateMultipartUpload, the one the policy issued).
    pub key: String,
    /// The headers the browser must send.
    pub headers: BTreeMap<String, String>,
}

/// Signs `request` (the object Uppy's `signRequest` received) with
/// `signer` if `policy` allows it (`policy.sign(signer, request)`).
#[napi]
pub fn sign_upload(
    env: Env,
    policy: &PolicyHandle,
    signer: &Handle,
    request: Unknown<'_>,
) -> napi::Result<SignedUpload> {
    run(&env, || {
        let signed = policy.sign(signer, &upload_request(request)?)?;
        Ok(SignedUpload {
            method: signed.request.method.as_str().to_owned(),
            url: signed.request.url,
            key: signed.key,
            headers: signed.request.headers,
        })
    })
}

/// A field's value, read: a string's text, or what JSON would type it as.
enum Read {
    Text(String),
    Value(FieldValue<'static>),
}

/// The request from a plain JavaScript object's enumerable string-keyed
/// properties; anything else is the core's 400 (not a JSON object).
fn upload_request(value: Unknown<'_>) -> Result<UploadRequest, Failure> {
    if value.get_type()? != ValueType::Object || value.is_array()? {
        return Err(presigner::Error::RequestNotObject.into());
    }
    let object = Object::from_unknown(value)?;
    let names = object.get_property_names()?;
    let mut fields = Vec::new();
    for i in 0..names.get_array_length()? {
        let name: Unknown<'_> = names.get_element(i)?;
        let entry: Unknown<'_> = object.get_property(name)?;
        // A name that is not well-formed or too long to read is no field
        // the core knows: it is reported as unknown, lossily.
        let name = match string(name, name.get_type()?) {
            Ok(name) => name,
            Err(Invalid::At {
                problem: Problem::IllFormed,
                ..
            }) => String::from_unknown(name)?,
            Err(_) => "…".to_owned(),
        };
        fields.push((name, read(entry)?));
    }
    let fields = fields.iter().map(|(name, read)| {
        let value = match read {
            Read::Text(text) => FieldValue::Str(text),
            Read::Value(value) => *value,
        };
        (name.as_str(), value)
    });
    Ok(UploadRequest::from_fields(fields)?)
}

/// One field's value as JSON would type it.
fn read(value: Unknown<'_>) -> Result<Read, Failure> {
    let ty = value.get_type()?;
    let typed = match ty {
        ValueType::Undefined | ValueType::Null => FieldValue::Null,
        ValueType::String => match string(value, ty) {
            Ok(text) => return Ok(Read::Text(text)),
            Err(Invalid::At {
                problem: Problem::IllFormed,
                ..
            }) => FieldValue::IllFormedStr,
            Err(Invalid::At {
                problem: Problem::TooLong,
                ..
            }) => FieldValue::LongStr,
            Err(other) => return Err(other.into()),
        },
        ValueType::Boolean => FieldValue::Bool,
        ValueType::Number => {
            let n = f64::from_unknown(value)?;
            if n.is_finite() && n.fract() == 0.0 {
                // Saturating, and exact for every whole f64 below 2^127.
                FieldValue::Int(n as i128)
            } else {
                FieldValue::Fraction
            }
        }
        ValueType::Object if value.is_array()? => FieldValue::Array,
        ValueType::Object => FieldValue::Object,
        _ => FieldValue::Other,
    };
    Ok(Read::Value(typed))
}

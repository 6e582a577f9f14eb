//! `PresignedRequest`: what every presign call returns, as a plain object
//! `{ method, url, headers, expiresAt }`, so it survives `JSON.stringify`,
//! spreading and `structuredClone`, and a route handler can return it as is.

use std::collections::BTreeMap;
use std::time::{SystemTime, UNIX_EPOCH};

use napi::bindgen_prelude::{Env, JsValue, ToNapiValue};
use napi_derive::napi;

/// A presigned request: send `method` to `url` with exactly `headers`
/// before `expiresAt`.
#[napi(object, object_from_js = false)]
pub struct PresignedRequest {
    /// The HTTP method the URL was signed for.
    #[napi(ts_type = "'GET' | 'PUT' | 'HEAD' | 'DELETE'")]
    pub method: String,
    /// The presigned URL.
    pub url: String,
    /// Every header the client must send for the signature to hold (the
    /// signed ones but `host`), lower-case names; `{}` when there are none.
    pub headers: BTreeMap<String, String>,
    /// When the URL stops working.
    #[napi(ts_type = "Date")]
    pub expires_at: Time,
}

impl From<presigner::PresignedRequest> for PresignedRequest {
    fn from(r: presigner::PresignedRequest) -> Self {
        Self {
            method: r.method.as_str().to_owned(),
            url: r.url,
            headers: r.headers,
            expires_at: Time(r.expires_at),
        }
    }
}

/// An instant, given to JavaScript as a `Date`.
pub struct Time(pub SystemTime);

#[allow(unsafe_code)]
impl ToNapiValue for Time {
    unsafe fn to_napi_value(
        env: napi::sys::napi_env,
        time: Self,
    ) -> napi::Result<napi::sys::napi_value> {
        Ok(Env::from_raw(env).create_date(millis(time.0))?.raw())
    }
}

/// Milliseconds since 1970-01-01 UTC, what a `Date` holds.
fn millis(time: SystemTime) -> f64 {
    match time.duration_since(UNIX_EPOCH) {
        Ok(after) => after.as_millis() as f64,
        Err(before) => -(before.duration().as_millis() as f64),
    }
}

//! Query-string AWS Signature Version 4 for S3: turns an object request into
//! a presigned URL. Pure CPU, no I/O; the signing key comes from a per-signer
//! cache keyed by UTC day.

mod canonical;
mod encode;
pub(crate) mod key;
pub(crate) mod time;

use std::borrow::Cow;

pub use encode::{encode_path_into, encode_query_into};

use crate::secret::Secret;
use hmac::Mac;
use key::KeyCache;
use time::Timestamp;

/// Everything about the signer that does not change between calls, resolved
/// once at construction.
pub(crate) struct Context {
    /// `scheme://host[:port]`, the host carrying the bucket in virtual-hosted style.
    pub origin: String,
    /// `/bucket/` in path style, `/` in virtual-hosted style.
    pub path_prefix: String,
    /// The `host` header value as signed (port only when not the default).
    pub host: String,
    pub access_key_id: String,
    pub region: String,
    pub secret: Secret,
    pub session_token: Option<Secret>,
    pub keys: KeyCache,
}

/// One object request to presign.
pub(crate) struct Request<'a> {
    /// HTTP method, upper case.
    pub method: &'static str,
    /// The object key, not yet encoded.
    pub key: &'a str,
    /// Operation query parameters (name, raw value), e.g. `versionId`.
    pub params: Vec<(&'static str, Cow<'a, str>)>,
    /// Headers the client must send: (lower-case name, value), `host` excluded.
    pub headers: Vec<(Cow<'a, str>, Cow<'a, str>)>,
}

/// A signed request and the intermediate texts that produced its signature.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signed {
    /// The presigned URL.
    pub url: String,
    /// The SigV4 canonical request that was hashed.
    pub canonical_request: String,
    /// The SigV4 string to sign that was HMAC'd with the signing key.
    pub string_to_sign: String,
}

fn encoded_query(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 8);
    encode_query_into(&mut out, value);
    out
}

fn join_pairs(pairs: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(pairs.iter().map(|(n, v)| n.len() + v.len() + 2).sum());
    for (i, (name, value)) in pairs.iter().enumerate() {
        if i > 0 {
            out.push('&');
        }
        out.push_str(name);
        out.push('=');
        out.push_str(value);
    }
    out
}

/// Signs `req` at `at`, valid for `expires_in` seconds.
///
/// The URL's query lists the operation parameters, then the `X-Amz-*`
/// parameters in botocore's order, then `X-Amz-Signature`, so the URL is
/// byte-identical to botocore's for the same inputs.
pub(crate) fn sign(cx: &Context, req: &Request<'_>, at: Timestamp, expires_in: u64) -> Signed {
    let (amz_date, date) = at.format();
    let amz_date = std::str::from_utf8(&amz_date).unwrap_or_default();
    let date_str = std::str::from_utf8(&date).unwrap_or_default();
    let scope = format!("{date_str}/{}/s3/aws4_request", cx.region);

    let mut headers: Vec<(&str, &str)> = Vec::with_capacity(req.headers.len() + 1);
    headers.push(("host", &cx.host));
    headers.extend(req.headers.iter().map(|(n, v)| (n.as_ref(), v.as_ref())));
    headers.sort_unstable_by(|a, b| a.0.cmp(b.0));
    let signed_headers = headers.iter().map(|h| h.0).collect::<Vec<_>>().join(";");

    let credential = encoded_query(&format!("{}/{scope}", cx.access_key_id));
    let signed_headers_q = encoded_query(&signed_headers);
    let expires = expires_in.to_string();
    let token = cx.session_token.as_ref().map(|t| encoded_query(t.expose()));
    let params: Vec<(&str, String)> = req
        .params
        .iter()
        .map(|(n, v)| (*n, encoded_query(v)))
        .collect();

    let mut pairs: Vec<(&str, &str)> = params.iter().map(|(n, v)| (*n, v.as_str())).collect();
    pairs.extend([
        ("X-Amz-Algorithm", "AWS4-HMAC-SHA256"),
        ("X-Amz-Credential", credential.as_str()),
        ("X-Amz-Date", amz_date),
        ("X-Amz-Expires", expires.as_str()),
        ("X-Amz-SignedHeaders", signed_headers_q.as_str()),
    ]);
    if let Some(token) = &token {
        pairs.push(("X-Amz-Security-Token", token));
    }
    let url_query = join_pairs(&pairs);
    pairs.sort_unstable();
    let canonical_query = join_pairs(&pairs);

    let mut path = String::with_capacity(cx.path_prefix.len() + req.key.len() * 3);
    path.push_str(&cx.path_prefix);
    encode_path_into(&mut path, req.key);

    let canonical_request = canonical::canonical_request(
        req.method,
        &path,
        &canonical_query,
        &headers,
        &signed_headers,
    );
    let string_to_sign = canonical::string_to_sign(amz_date, &scope, &canonical_request);
    let mut mac = cx.keys.get(at.day(), &date, &cx.secret, &cx.region);
    mac.update(string_to_sign.as_bytes());
    let signature = mac.finalize().into_bytes();

    let mut url = String::with_capacity(cx.origin.len() + path.len() + url_query.len() + 90);
    for part in [
        cx.origin.as_str(),
        &path,
        "?",
        &url_query,
        "&X-Amz-Signature=",
    ] {
        url.push_str(part);
    }
    canonical::push_hex(&mut url, &signature);
    Signed {
        url,
        canonical_request,
        string_to_sign,
    }
}

//! Query-string AWS Signature Version 4 for S3: turns an object request into
//! a presigned URL. Pure CPU, no I/O; the signing key comes from a per-signer
//! cache keyed by UTC day.
//!
//! The hot path writes the canonical request and the URL straight into two
//! buffers, from pieces resolved once per signer ([`Context`]), so a URL costs
//! little more than its SHA-256 and HMAC work.

mod canonical;
mod encode;
pub(crate) mod key;
pub(crate) mod time;

use std::borrow::Cow;

pub use encode::{encode_path_into, encode_query_into};

use crate::secret::Secret;
use canonical::{push_canonical_headers, push_hex, push_u64};
use hmac::Mac;
use key::KeyCache;
use sha2::{Digest, Sha256};
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
    /// `<encoded access key id>%2F`: the start of `X-Amz-Credential`.
    credential_prefix: String,
    /// `%2F<region>%2Fs3%2Faws4_request`: the end of `X-Amz-Credential`.
    credential_suffix: String,
    /// `/<region>/s3/aws4_request`: the scope after its date.
    scope_suffix: String,
    /// The session token, query-encoded.
    token_query: Option<String>,
}

impl Context {
    /// Resolves the per-signer pieces of every URL.
    pub(crate) fn new(
        origin: String,
        path_prefix: String,
        host: String,
        access_key_id: String,
        region: String,
        secret: Secret,
        session_token: Option<Secret>,
    ) -> Self {
        let mut credential_prefix = String::new();
        encode_query_into(&mut credential_prefix, &access_key_id);
        credential_prefix.push_str("%2F");
        let mut credential_suffix = "%2F".to_owned();
        encode_query_into(&mut credential_suffix, &region);
        credential_suffix.push_str("%2Fs3%2Faws4_request");
        let token_query = session_token.as_ref().map(|t| {
            let mut q = String::new();
            encode_query_into(&mut q, t.expose());
            q
        });
        Self {
            origin,
            path_prefix,
            host,
            scope_suffix: format!("/{region}/s3/aws4_request"),
            access_key_id,
            region,
            secret,
            session_token,
            keys: KeyCache::default(),
            credential_prefix,
            credential_suffix,
            token_query,
        }
    }
}

/// One object request to presign.
pub(crate) struct Request<'a> {
    /// HTTP method, upper case.
    pub method: &'static str,
    /// The object key, not yet encoded.
    pub key: &'a str,
    /// Operation query parameters (name, raw value), e.g. `versionId`. Names
    /// are lower-case-initial, so they sort after every `X-Amz-*` parameter.
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

/// The `X-Amz-*` parameter values of one URL, query-encoded.
struct AuthParams<'a> {
    cx: &'a Context,
    date: &'a str,
    amz_date: &'a str,
    expires: &'a str,
    signed_headers: &'a str,
}

impl AuthParams<'_> {
    /// Appends the parameters, canonical (sorted) order or botocore's URL
    /// order, which puts the security token last.
    fn push(&self, out: &mut String, sorted: bool) {
        let token = self.cx.token_query.as_deref();
        for part in [
            "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=",
            &self.cx.credential_prefix,
            self.date,
            &self.cx.credential_suffix,
            "&X-Amz-Date=",
            self.amz_date,
            "&X-Amz-Expires=",
            self.expires,
        ] {
            out.push_str(part);
        }
        if let (Some(token), true) = (token, sorted) {
            out.push_str("&X-Amz-Security-Token=");
            out.push_str(token);
        }
        out.push_str("&X-Amz-SignedHeaders=");
        encode_query_into(out, self.signed_headers);
        if let (Some(token), false) = (token, sorted) {
            out.push_str("&X-Amz-Security-Token=");
            out.push_str(token);
        }
    }
}

/// Reusable buffers for the canonical request and the string to sign.
#[derive(Default)]
struct Scratch {
    cr: String,
    sts: String,
}

thread_local! {
    static SCRATCH: std::cell::RefCell<Scratch> = std::cell::RefCell::default();
}

/// Signs `req` and returns the URL, hashing through this thread's scratch
/// buffers (no allocation for the intermediate texts).
pub(crate) fn sign(cx: &Context, req: &Request<'_>, at: Timestamp, expires_in: u64) -> String {
    SCRATCH.with(|cell| match cell.try_borrow_mut() {
        Ok(mut scratch) => sign_into(cx, req, at, expires_in, &mut scratch),
        Err(_) => sign_into(cx, req, at, expires_in, &mut Scratch::default()),
    })
}

/// Signs `req` and returns the URL with the canonical request and string to sign.
pub(crate) fn sign_explained(
    cx: &Context,
    req: &Request<'_>,
    at: Timestamp,
    expires_in: u64,
) -> Signed {
    let mut scratch = Scratch::default();
    let url = sign_into(cx, req, at, expires_in, &mut scratch);
    Signed {
        url,
        canonical_request: scratch.cr,
        string_to_sign: scratch.sts,
    }
}

/// Signs `req` at `at`, valid for `expires_in` seconds; the canonical request
/// and string to sign are left in `scratch`.
///
/// The URL's query lists the operation parameters, then the `X-Amz-*`
/// parameters in botocore's order, then `X-Amz-Signature`, so the URL is
/// byte-identical to botocore's for the same inputs.
fn sign_into(
    cx: &Context,
    req: &Request<'_>,
    at: Timestamp,
    expires_in: u64,
    scratch: &mut Scratch,
) -> String {
    let (amz_date, date) = at.format();
    let amz_date = std::str::from_utf8(&amz_date).unwrap_or_default();
    let date_bytes = date;
    let date = std::str::from_utf8(&date_bytes).unwrap_or_default();
    let mut expires_buf = [0u8; 20];
    let expires = push_u64(&mut expires_buf, expires_in);

    let mut headers: Vec<(&str, &str)> = Vec::with_capacity(req.headers.len() + 1);
    headers.push(("host", &cx.host));
    headers.extend(req.headers.iter().map(|(n, v)| (n.as_ref(), v.as_ref())));
    headers.sort_unstable_by(|a, b| a.0.cmp(b.0));
    let signed_headers: Cow<'_, str> = if headers.len() == 1 {
        Cow::Borrowed("host")
    } else {
        Cow::Owned(headers.iter().map(|h| h.0).collect::<Vec<_>>().join(";"))
    };
    let auth = AuthParams {
        cx,
        date,
        amz_date,
        expires,
        signed_headers: &signed_headers,
    };
    let mut params: Vec<(&str, String)> = Vec::new();
    for (name, value) in &req.params {
        let mut encoded = String::with_capacity(value.len() + 16);
        encode_query_into(&mut encoded, value);
        params.push((name, encoded));
    }
    params.sort_unstable();

    // Canonical request: method, path, sorted query, headers, signed headers.
    let cr = &mut scratch.cr;
    cr.clear();
    cr.push_str(req.method);
    cr.push('\n');
    let path_start = cr.len();
    cr.push_str(&cx.path_prefix);
    encode_path_into(cr, req.key);
    let path_end = cr.len();
    cr.push('\n');
    auth.push(cr, true);
    for (name, value) in &params {
        for part in ["&", name, "=", value] {
            cr.push_str(part);
        }
    }
    cr.push('\n');
    push_canonical_headers(cr, &headers);
    for part in ["\n", &signed_headers, "\nUNSIGNED-PAYLOAD"] {
        cr.push_str(part);
    }

    let sts = &mut scratch.sts;
    sts.clear();
    for part in [
        "AWS4-HMAC-SHA256\n",
        amz_date,
        "\n",
        date,
        &cx.scope_suffix,
        "\n",
    ] {
        sts.push_str(part);
    }
    push_hex(sts, &Sha256::digest(cr.as_bytes()).into());
    let mut mac = cx.keys.get(at.day(), &date_bytes, &cx.secret, &cx.region);
    mac.update(sts.as_bytes());
    let signature = mac.finalize().into_bytes();

    let path = &cr[path_start..path_end];
    let mut url = String::with_capacity(cx.origin.len() + cr.len() + 80);
    url.push_str(&cx.origin);
    url.push_str(path);
    url.push('?');
    for (name, value) in &params {
        for part in [*name, "=", value, "&"] {
            url.push_str(part);
        }
    }
    auth.push(&mut url, false);
    url.push_str("&X-Amz-Signature=");
    push_hex(&mut url, &signature.into());
    url
}

//! Query-string AWS Signature Version 4 for S3: turns an object request into
//! a presigned URL. Pure CPU, no I/O; the signing key comes from a per-signer
//! cache keyed by UTC day.
//!
//! The hot path writes the canonical request and the URL straight into two
//! buffers, from pieces resolved once per signer (`Context`), so a URL costs
//! little more than its SHA-256 and HMAC work.

mod encode;
pub(crate) mod key;
pub(crate) mod time;
mod write;

use std::borrow::Cow;

pub use encode::{encode_path_into, encode_query_into};

use encode::encode_into;

use crate::request::Method;
use crate::secret::Secret;
use hmac::Mac;
use key::KeyCache;
use sha2::{Digest, Sha256};
use time::Timestamp;
use write::{push_canonical_headers, push_hex, push_u64};

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
    /// `X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=<encoded access
    /// key id>%2F`: the query up to the credential's date.
    credential_prefix: String,
    /// `%2F<region>%2Fs3%2Faws4_request&X-Amz-Date=`: from the credential's
    /// date to the timestamp.
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
        let mut credential_prefix = "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=".to_owned();
        encode_query_into(&mut credential_prefix, &access_key_id);
        credential_prefix.push_str("%2F");
        let mut credential_suffix = "%2F".to_owned();
        encode_query_into(&mut credential_suffix, &region);
        credential_suffix.push_str("%2Fs3%2Faws4_request&X-Amz-Date=");
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
    /// HTTP method.
    pub method: Method,
    /// The object key, not yet encoded.
    pub key: &'a str,
    /// Operation query parameters (name, raw value), e.g. `versionId`, sorted
    /// by name. Names are lower-case-initial, so they sort after every
    /// `X-Amz-*` parameter.
    pub params: Vec<(&'static str, Cow<'a, str>)>,
    /// Headers the client must send: (lower-case name, value), sorted by
    /// name, `host` excluded.
    pub headers: Vec<(Cow<'a, str>, Cow<'a, str>)>,
}

/// A signed request and the intermediate texts that produced its signature.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Signed {
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
    date: &'a [u8],
    amz_date: &'a [u8],
    expires: &'a [u8],
    /// `X-Amz-SignedHeaders`, already query-encoded.
    signed_headers: &'a [u8],
}

impl AuthParams<'_> {
    /// Appends the parameters, canonical (sorted) order or botocore's URL
    /// order, which puts the security token last.
    fn push(&self, out: &mut Vec<u8>, sorted: bool) {
        let token = self.cx.token_query.as_deref().map(str::as_bytes);
        for part in [
            self.cx.credential_prefix.as_bytes(),
            self.date,
            self.cx.credential_suffix.as_bytes(),
            self.amz_date,
            b"&X-Amz-Expires=",
            self.expires,
        ] {
            out.extend_from_slice(part);
        }
        if let (Some(token), true) = (token, sorted) {
            out.extend_from_slice(b"&X-Amz-Security-Token=");
            out.extend_from_slice(token);
        }
        out.extend_from_slice(b"&X-Amz-SignedHeaders=");
        out.extend_from_slice(self.signed_headers);
        if let (Some(token), false) = (token, sorted) {
            out.extend_from_slice(b"&X-Amz-Security-Token=");
            out.extend_from_slice(token);
        }
    }
}

/// Reusable buffers for the texts a signature is computed from. They hold
/// bytes: every piece is ASCII or already-valid UTF-8, and only the URL is
/// turned into a `String`.
#[derive(Default)]
struct Scratch {
    /// The canonical request.
    cr: Vec<u8>,
    /// The string to sign.
    sts: Vec<u8>,
    /// The signed header names, `;`-separated.
    signed: Vec<u8>,
    /// The same, query-encoded for `X-Amz-SignedHeaders`.
    signed_query: Vec<u8>,
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
        canonical_request: text(scratch.cr),
        string_to_sign: text(scratch.sts),
    }
}

/// Bytes built only from `&str` pieces and ASCII, as a `String`.
fn text(bytes: Vec<u8>) -> String {
    // Never lossy: every byte written came from a `&str` or is ASCII.
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// A header as a pair of `&str`.
fn as_strs<'a>((name, value): &'a (Cow<'_, str>, Cow<'_, str>)) -> (&'a str, &'a str) {
    (name, value)
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
    debug_assert!(req.params.windows(2).all(|w| w[0].0 < w[1].0));
    debug_assert!(req.headers.windows(2).all(|w| w[0].0 < w[1].0));
    let (amz_date, date) = at.format();
    let mut expires_buf = [0u8; 20];
    let expires = push_u64(&mut expires_buf, expires_in);
    let Scratch {
        cr,
        sts,
        signed,
        signed_query,
    } = scratch;

    // The request's headers are sorted; `host` joins them in its place.
    let (before, after) = req.headers.split_at(
        req.headers
            .partition_point(|(name, _)| name.as_ref() < "host"),
    );
    let headers = || {
        before
            .iter()
            .map(as_strs)
            .chain(std::iter::once(("host", cx.host.as_str())))
            .chain(after.iter().map(as_strs))
    };
    signed.clear();
    signed_query.clear();
    for (i, (name, _)) in headers().enumerate() {
        if i > 0 {
            signed.push(b';');
            signed_query.extend_from_slice(b"%3B");
        }
        signed.extend_from_slice(name.as_bytes());
        encode_into(signed_query, name.as_bytes(), false);
    }
    let auth = AuthParams {
        cx,
        date: &date,
        amz_date: &amz_date,
        expires,
        signed_headers: signed_query,
    };

    // Canonical request: method, path, sorted query, headers, signed headers.
    cr.clear();
    cr.extend_from_slice(req.method.as_str().as_bytes());
    cr.push(b'\n');
    let path_start = cr.len();
    cr.extend_from_slice(cx.path_prefix.as_bytes());
    encode_into(cr, req.key.as_bytes(), true);
    let path_end = cr.len();
    cr.push(b'\n');
    let auth_start = cr.len();
    auth.push(cr, true);
    let auth_end = cr.len();
    let params_start = cr.len();
    for (name, value) in &req.params {
        cr.push(b'&');
        cr.extend_from_slice(name.as_bytes());
        cr.push(b'=');
        encode_into(cr, value.as_bytes(), false);
    }
    let params_end = cr.len();
    cr.push(b'\n');
    push_canonical_headers(cr, headers());
    for part in [b"\n", &signed[..], b"\nUNSIGNED-PAYLOAD"] {
        cr.extend_from_slice(part);
    }

    sts.clear();
    for part in [
        &b"AWS4-HMAC-SHA256\n"[..],
        &amz_date,
        b"\n",
        &date,
        cx.scope_suffix.as_bytes(),
        b"\n",
    ] {
        sts.extend_from_slice(part);
    }
    let prefix_len = sts.len();
    push_hex(sts, &Sha256::digest(&cr[..]).into());
    let (prefix, digest_hex) = sts.split_at(prefix_len);
    let mut mac = cx.keys.prefixed(at, &date, prefix, &cx.secret, &cx.region);
    mac.update(digest_hex);
    let signature = mac.finalize().into_bytes();

    let mut url = Vec::with_capacity(cx.origin.len() + cr.len() + 80);
    url.extend_from_slice(cx.origin.as_bytes());
    url.extend_from_slice(&cr[path_start..path_end]);
    url.push(b'?');
    // The operation parameters as the canonical query has them (`&a=1&b=2`),
    // moved to the front (`a=1&b=2&`) as botocore puts them.
    if params_start < params_end {
        url.extend_from_slice(&cr[params_start + 1..params_end]);
        url.push(b'&');
    }
    if cx.token_query.is_some() {
        auth.push(&mut url, false);
    } else {
        // Without a token, botocore's order is the canonical one: copy it.
        url.extend_from_slice(&cr[auth_start..auth_end]);
    }
    url.extend_from_slice(b"&X-Amz-Signature=");
    push_hex(&mut url, &signature.into());
    text(url)
}

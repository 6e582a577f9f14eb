//! `presign`: one fixed signer (with a session token) and an arbitrary
//! operation, key and options.
//!
//! On `Ok`: the URL parses; the path after `/bucket/` percent-decodes to
//! exactly the key's bytes; `X-Amz-Expires` is the requested lifetime (3600
//! by default); `X-Amz-Date` is the signing instant as `YYYYMMDDTHHMMSSZ`
//! (computed here with the `time` crate); signing time plus lifetime is before
//! 10000-01-01; the credential scope, token, signed-header list and signature
//! are well formed; the query holds exactly the X-Amz-* parameters and the
//! options asked for (never `x-id`, `x-amz-checksum-*` or
//! `x-amz-sdk-checksum-algorithm`); the returned headers are exactly the
//! header options asked for (`content-length` is signed, not returned), all
//! printable ASCII; the hardening contract's bounds hold. On `Err`: an
//! InvalidArgument error under 400 characters whose Display and Debug never
//! hold the secret or the session token.
#![no_main]

use std::collections::BTreeMap;
use std::sync::OnceLock;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use arbitrary::{Arbitrary, Unstructured};
use libfuzzer_sys::fuzz_target;
use percent_encoding::percent_decode_str;
use presigner::{
    ChecksumAlgorithm, ErrorKind, GetOptions, Method, ObjectOptions, Operation, PresignedRequest,
    PutOptions, Signer,
};
use url::Url;

const ENDPOINT: &str = "http://127.0.0.1:9000";
const BUCKET: &str = "bucket";
const ACCESS_KEY_ID: &str = "AKIDFUZZ";
const SECRET: &str = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYFUZZSECRET";
const TOKEN: &str = "FQoGZXIvYXdzEFUZZ/session+token=value";
const MAX_MESSAGE: usize = 400;
const MAX_METADATA_ENTRIES: usize = 8;
/// 10000-01-01T00:00:00Z: SigV4 dates have four-digit years.
const YEAR_10000: u64 = 253_402_300_800;

fn signer() -> &'static Signer {
    static SIGNER: OnceLock<Signer> = OnceLock::new();
    SIGNER.get_or_init(|| {
        Signer::builder(ENDPOINT, BUCKET, ACCESS_KEY_ID, SECRET)
            .session_token(TOKEN)
            .build()
            .expect("the fixed signer builds")
    })
}

/// Arbitrary u64 seconds, with a way to reach the edges of the calendar.
#[derive(Debug, Clone, Copy, Arbitrary)]
enum SigningTime {
    Now,
    Seconds(u64),
    BeforeYear10000(u32),
    BeforeEpoch(u32),
}

/// A string argument: fuzz bytes, or `unit` repeated (long values without
/// long inputs; at most 64 KiB).
#[derive(Debug, Arbitrary)]
enum Text {
    Plain(String),
    Repeat(String, u16),
}

impl Text {
    fn get(&self) -> String {
        match self {
            Self::Plain(s) => s.clone(),
            Self::Repeat(unit, times) => {
                let times = usize::from(*times).min((64 << 10) / unit.len().max(1));
                unit.repeat(times)
            }
        }
    }
}

fn text(t: &Option<Text>) -> Option<String> {
    t.as_ref().map(Text::get)
}

/// `checksum_algorithm` and `checksum`: a well-formed pair (the
/// algorithm's length of bytes, in base64) is one choice away.
#[derive(Debug, Arbitrary)]
enum Checksum {
    Neither,
    Valid(u8, [u8; 32]),
    Raw(Option<u8>, Option<Text>),
}

fn algorithm(i: u8) -> ChecksumAlgorithm {
    ChecksumAlgorithm::ALL[usize::from(i) % ChecksumAlgorithm::ALL.len()]
}

/// Padded standard base64.
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, &b)| n | u32::from(b) << (16 - 8 * i));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[(n >> (18 - 6 * i) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

impl Checksum {
    fn get(&self) -> (Option<ChecksumAlgorithm>, Option<String>) {
        match self {
            Self::Neither => (None, None),
            Self::Valid(i, bytes) => {
                let a = algorithm(*i);
                (Some(a), Some(base64(&bytes[..a.bytes()])))
            }
            Self::Raw(i, value) => (i.map(algorithm), text(value)),
        }
    }
}

#[derive(Debug, Arbitrary)]
struct Put {
    content_type: Option<Text>,
    content_length: Option<u64>,
    content_md5: Option<Text>,
    checksum_sha256: Option<Text>,
    cache_control: Option<Text>,
    content_disposition: Option<Text>,
    metadata: Vec<(Text, Text)>,
}

/// The PUT options added after the first findings, read last so that the
/// committed seeds and reproducers keep their meaning: all absent when the
/// input ends first, so they add nothing to the input's minimum size (inputs
/// shorter than that are never run).
#[derive(Debug)]
struct PutConditions {
    if_none_match: Option<Text>,
    if_match: Option<Text>,
    checksum: Checksum,
}

impl<'a> Arbitrary<'a> for PutConditions {
    fn arbitrary(u: &mut Unstructured<'a>) -> arbitrary::Result<Self> {
        Ok(Self {
            if_none_match: u.arbitrary()?,
            if_match: u.arbitrary()?,
            checksum: u.arbitrary()?,
        })
    }

    fn size_hint(_depth: usize) -> (usize, Option<usize>) {
        (0, None)
    }
}

#[derive(Debug, Arbitrary)]
struct Get {
    response_content_type: Option<Text>,
    response_content_disposition: Option<Text>,
    response_cache_control: Option<Text>,
    version_id: Option<Text>,
}

#[derive(Debug, Arbitrary)]
enum Op {
    Put(Put),
    Get(Get),
    Head(Option<Text>),
    Delete(Option<Text>),
}

#[derive(Debug, Arbitrary)]
struct Input {
    key: Text,
    op: Op,
    expires_in: Option<u64>,
    signing_time: SigningTime,
    put_conditions: PutConditions,
}

/// `YYYYMMDDTHHMMSSZ`, from the `time` crate; `None` outside years 1970..=9999.
fn amz_date(secs: u64) -> Option<String> {
    let t = time::OffsetDateTime::from_unix_timestamp(i64::try_from(secs).ok()?).ok()?;
    if t.year() > 9999 {
        return None;
    }
    Some(format!(
        "{:04}{:02}{:02}T{:02}{:02}{:02}Z",
        t.year(),
        u8::from(t.month()),
        t.day(),
        t.hour(),
        t.minute(),
        t.second()
    ))
}

fn printable(s: &str) -> bool {
    s.bytes().all(|b| (0x20..0x7f).contains(&b))
}

fuzz_target!(|input: Input| {
    let signing_time: Option<SystemTime> = match input.signing_time {
        SigningTime::Now => None,
        SigningTime::Seconds(s) => match UNIX_EPOCH.checked_add(Duration::from_secs(s)) {
            Some(t) => Some(t),
            None => return, // beyond what SystemTime holds: not an input a caller can pass
        },
        SigningTime::BeforeYear10000(back) => {
            Some(UNIX_EPOCH + Duration::from_secs(YEAR_10000 - u64::from(back)))
        }
        SigningTime::BeforeEpoch(back) => {
            Some(UNIX_EPOCH - Duration::from_secs(u64::from(back) + 1))
        }
    };
    let expires_in = input.expires_in.map(Duration::from_secs);
    let key = input.key.get();

    // What the call must produce besides the X-Amz-* parameters.
    let mut want_params: BTreeMap<String, String> = BTreeMap::new();
    let mut want_headers: BTreeMap<String, String> = BTreeMap::new();
    // Signed but not returned: every client sets `content-length` itself.
    let mut signed_only: Vec<&'static str> = Vec::new();
    // Every string the caller passed in the clear (a message may echo them).
    let mut fuzz_strings: Vec<String> = vec![key.clone()];
    // The values the contract bounds to 8192 bytes, and the metadata size.
    let mut option_values: Vec<(&'static str, String)> = Vec::new();
    let mut metadata_bytes = 0usize;

    let put_opts;
    let get_opts;
    let object_opts;
    let (op, method) = match &input.op {
        Op::Put(p) => {
            let mut metadata = BTreeMap::new();
            for (name, value) in p.metadata.iter().take(MAX_METADATA_ENTRIES) {
                metadata.insert(name.get(), value.get());
            }
            let c = &input.put_conditions;
            let (checksum_algorithm, checksum) = c.checksum.get();
            put_opts = PutOptions {
                expires_in,
                content_type: text(&p.content_type),
                content_length: p.content_length,
                content_md5: text(&p.content_md5),
                checksum_sha256: text(&p.checksum_sha256),
                cache_control: text(&p.cache_control),
                content_disposition: text(&p.content_disposition),
                if_none_match: text(&c.if_none_match),
                if_match: text(&c.if_match),
                checksum_algorithm,
                checksum,
                metadata,
                signing_time,
            };
            for (name, argument, value) in [
                ("content-type", "content_type", &put_opts.content_type),
                ("content-md5", "content_md5", &put_opts.content_md5),
                (
                    "x-amz-checksum-sha256",
                    "checksum_sha256",
                    &put_opts.checksum_sha256,
                ),
                ("cache-control", "cache_control", &put_opts.cache_control),
                (
                    "content-disposition",
                    "content_disposition",
                    &put_opts.content_disposition,
                ),
                ("if-none-match", "if_none_match", &put_opts.if_none_match),
                ("if-match", "if_match", &put_opts.if_match),
            ] {
                if let Some(v) = value {
                    want_headers.insert(name.to_owned(), v.clone());
                    option_values.push((argument, v.clone()));
                }
            }
            if let (Some(a), Some(v)) = (put_opts.checksum_algorithm, &put_opts.checksum) {
                want_headers.insert(a.header().to_owned(), v.clone());
                option_values.push(("checksum", v.clone()));
            }
            if p.content_length.is_some() {
                signed_only.push("content-length");
            }
            for (name, value) in &put_opts.metadata {
                want_headers.insert(
                    format!("x-amz-meta-{}", name.to_ascii_lowercase()),
                    value.clone(),
                );
                metadata_bytes += name.len() + value.len();
                fuzz_strings.push(name.clone());
                fuzz_strings.push(value.clone());
            }
            (Operation::Put(&put_opts), Method::Put)
        }
        Op::Get(g) => {
            get_opts = GetOptions {
                expires_in,
                response_content_type: text(&g.response_content_type),
                response_content_disposition: text(&g.response_content_disposition),
                response_cache_control: text(&g.response_cache_control),
                version_id: text(&g.version_id),
                signing_time,
            };
            for (name, argument, value) in [
                (
                    "response-content-type",
                    "response_content_type",
                    &get_opts.response_content_type,
                ),
                (
                    "response-content-disposition",
                    "response_content_disposition",
                    &get_opts.response_content_disposition,
                ),
                (
                    "response-cache-control",
                    "response_cache_control",
                    &get_opts.response_cache_control,
                ),
                ("versionId", "version_id", &get_opts.version_id),
            ] {
                if let Some(v) = value {
                    want_params.insert(name.to_owned(), v.clone());
                    option_values.push((argument, v.clone()));
                }
            }
            (Operation::Get(&get_opts), Method::Get)
        }
        Op::Head(version_id) | Op::Delete(version_id) => {
            object_opts = ObjectOptions {
                expires_in,
                version_id: text(version_id),
                signing_time,
            };
            if let Some(v) = &object_opts.version_id {
                want_params.insert("versionId".to_owned(), v.clone());
                option_values.push(("version_id", v.clone()));
            }
            if matches!(input.op, Op::Head(_)) {
                (Operation::Head(&object_opts), Method::Head)
            } else {
                (Operation::Delete(&object_opts), Method::Delete)
            }
        }
    };
    fuzz_strings.extend(option_values.iter().map(|(_, v)| v.clone()));

    let before = SystemTime::now();
    let result = signer().presign(&key, op);
    let after = SystemTime::now();
    match result {
        Ok(request) => {
            check_ok(
                &request,
                &key,
                method,
                input.expires_in,
                signing_time,
                (before, after),
                &want_params,
                &want_headers,
                &signed_only,
            );
            // The hardening contract's bounds on what may be signed.
            for (argument, value) in &option_values {
                assert!(
                    value.len() <= 8192,
                    "{argument} of {} bytes was accepted: the contract refuses more than 8192",
                    value.len()
                );
            }
            assert!(
                metadata_bytes <= 2048,
                "metadata of {metadata_bytes} bytes was accepted: the contract refuses more than 2048"
            );
            if let Op::Put(Put {
                content_length: Some(len),
                ..
            }) = &input.op
            {
                assert!(
                    *len <= 5_368_709_120,
                    "content_length {len} was accepted: the contract refuses more than 5 GiB"
                );
            }
        }
        Err(err) => {
            let display = err.to_string();
            let debug = format!("{err:?}");
            assert!(
                display.chars().count() < MAX_MESSAGE,
                "error message is {} characters long: {display:?}",
                display.chars().count()
            );
            assert_eq!(err.kind(), ErrorKind::InvalidArgument, "{display}");
            for (name, secret) in [("secret", SECRET), ("session token", TOKEN)] {
                // A message may echo what the caller passed in the clear.
                if fuzz_strings.iter().any(|s| s.contains(secret)) {
                    continue;
                }
                assert!(
                    !display.contains(secret) && !debug.contains(secret),
                    "the {name} appears in the error: {display:?} / {debug:?}"
                );
            }
        }
    }
});

fn secs_since_epoch(t: SystemTime) -> u64 {
    t.duration_since(UNIX_EPOCH)
        .expect("after the epoch")
        .as_secs()
}

#[allow(clippy::too_many_arguments)]
fn check_ok(
    request: &PresignedRequest,
    key: &str,
    method: Method,
    expires_in: Option<u64>,
    signing_time: Option<SystemTime>,
    (before, after): (SystemTime, SystemTime),
    want_params: &BTreeMap<String, String>,
    want_headers: &BTreeMap<String, String>,
    signed_only: &[&str],
) {
    let raw = request.url.as_str();
    assert_eq!(request.method, method);
    let url = Url::parse(raw).unwrap_or_else(|e| panic!("URL {raw:?} does not parse: {e}"));
    assert_eq!(url.scheme(), "http", "{raw}");
    assert_eq!(url.host_str(), Some("127.0.0.1"), "{raw}");
    assert_eq!(url.port(), Some(9000), "{raw}");

    // The path after /bucket/ decodes to exactly the key.
    let path = raw
        .strip_prefix(&format!("{ENDPOINT}/{BUCKET}/"))
        .unwrap_or_else(|| panic!("URL {raw:?} is not under {ENDPOINT}/{BUCKET}/"));
    let (path, query) = path
        .split_once('?')
        .unwrap_or_else(|| panic!("URL {raw:?} has no query"));
    let decoded: Vec<u8> = percent_decode_str(path).collect();
    assert_eq!(
        decoded,
        key.as_bytes(),
        "the URL path {path:?} does not decode to the key {key:?}"
    );
    // SigV4 URI encoding: unreserved characters and '/' as they are, the rest %XX.
    let bytes = path.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        let ok = b.is_ascii_alphanumeric()
            || b"-._~/".contains(&b)
            || (b == b'%'
                && bytes.len() > i + 2
                && bytes[i + 1..i + 3]
                    .iter()
                    .all(|h| h.is_ascii_digit() || (b'A'..=b'F').contains(h)));
        assert!(ok, "path {path:?} is not SigV4-encoded at byte {i}");
    }
    assert!(!query.contains('#'), "query {query:?} holds a raw '#'");

    // The query: every parameter once, decoded.
    let mut params: BTreeMap<String, String> = BTreeMap::new();
    for (name, value) in url.query_pairs() {
        let lower = name.to_ascii_lowercase();
        assert!(
            lower != "x-id"
                && !lower.starts_with("x-amz-checksum")
                && lower != "x-amz-sdk-checksum-algorithm",
            "banned parameter {name:?} in {raw:?}"
        );
        let prev = params.insert(name.into_owned(), value.into_owned());
        assert!(prev.is_none(), "a parameter appears twice in {raw:?}");
    }
    let mut take = |name: &str| {
        params
            .remove(name)
            .unwrap_or_else(|| panic!("no {name} in {raw:?}"))
    };

    let want_expires = expires_in.unwrap_or(3600);
    assert_eq!(take("X-Amz-Expires"), want_expires.to_string(), "{raw}");
    assert!(
        (1..=604_800).contains(&want_expires),
        "expires_in {want_expires} s was accepted"
    );

    let date = take("X-Amz-Date");
    let signed_at = match signing_time {
        Some(t) => secs_since_epoch(t),
        None => {
            let (lo, hi) = (secs_since_epoch(before), secs_since_epoch(after));
            (lo..=hi)
                .find(|&s| amz_date(s).as_deref() == Some(date.as_str()))
                .unwrap_or_else(|| panic!("X-Amz-Date {date} is not the time of the call"))
        }
    };
    let want_date = amz_date(signed_at).unwrap_or_else(|| {
        panic!("signing time {signed_at} s is outside years 1970..=9999 but was accepted")
    });
    assert_eq!(date, want_date, "X-Amz-Date for {signed_at} s");
    assert!(
        signed_at.saturating_add(want_expires) < YEAR_10000,
        "signing_time {signed_at} s + expires_in {want_expires} s reaches year 10000 but was \
         accepted (the contract refuses it)"
    );
    assert_eq!(
        request.expires_at,
        UNIX_EPOCH + Duration::from_secs(signed_at.saturating_add(want_expires)),
        "expires_at"
    );

    assert_eq!(take("X-Amz-Algorithm"), "AWS4-HMAC-SHA256");
    assert_eq!(
        take("X-Amz-Credential"),
        format!("{ACCESS_KEY_ID}/{}/auto/s3/aws4_request", &want_date[..8])
    );
    assert_eq!(take("X-Amz-Security-Token"), TOKEN);
    let mut signed: Vec<&str> = want_headers.keys().map(String::as_str).collect();
    signed.push("host");
    signed.extend_from_slice(signed_only);
    signed.sort_unstable();
    assert_eq!(take("X-Amz-SignedHeaders"), signed.join(";"), "{raw}");
    let signature = take("X-Amz-Signature");
    assert!(
        signature.len() == 64
            && signature
                .bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)),
        "signature {signature:?}"
    );
    assert!(
        raw.ends_with(&format!("&X-Amz-Signature={signature}")),
        "the signature is not last: {raw}"
    );
    assert_eq!(&params, want_params, "query parameters of {raw:?}");

    // The headers the client must send: exactly those asked for, printable ASCII.
    assert_eq!(&request.headers, want_headers, "headers");
    for (name, value) in &request.headers {
        assert!(
            !name.is_empty() && printable(name) && printable(value),
            "header {name:?}: {value:?} is not printable ASCII"
        );
    }
}

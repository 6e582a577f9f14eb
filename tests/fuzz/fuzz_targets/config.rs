//! `config`: arbitrary signer configurations through `Signer::builder(..).build()`.
//!
//! On `Ok`, a presigned GET of `k` and its explanation must agree with the
//! endpoint as the `url` crate parses it: the URL parses, starts with the
//! endpoint's `scheme://host[:port]` (or `bucket.host` when virtual-hosted),
//! and its host (plus its port when not the scheme's default) is exactly the
//! `host:` line of the canonical request, so a server that verifies the
//! signature sees the host that was signed. The endpoint and public base URL
//! hold no whitespace, control character or backslash and start with
//! `http://` or `https://` (the hardening contract). On `Err`, the message is
//! under 400 characters and never holds the secret or the session token.
#![no_main]

use std::time::{Duration, UNIX_EPOCH};

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use presigner::{ErrorKind, GetOptions, Operation, Signer};
use url::{Host, Url};

/// Secrets carry a marker so that a message can hold them only by echoing them.
const SECRET_MARK: &str = "SECRET-";
const TOKEN_MARK: &str = "TOKEN-";
const MAX_MESSAGE: usize = 400;

#[derive(Debug, Arbitrary)]
enum Scheme {
    Http,
    Https,
    Other(String),
}

#[derive(Debug, Arbitrary)]
enum HostPart {
    Domain(Vec<String>),
    Ipv4([u8; 4]),
    Ipv6([u16; 8]),
    Local,
    Raw(String),
}

#[derive(Debug, Arbitrary)]
enum Port {
    Number(u16),
    Raw(String),
}

/// Text at an edge of a URL: the characters that a CRLF `.env`, a stray
/// space or a Windows path leave behind are one choice away.
#[derive(Debug, Arbitrary)]
enum Edge {
    Nothing,
    Known(u8),
    Text(String),
}

const EDGES: &[&str] = &[
    "\r", "\n", "\r\n", " ", "\t", "\\", "\0", "\x0b", "\x0c", "\x1f", "\x7f", "\u{a0}",
    "\u{feff}", "\u{2028}", "/", "//", "/x", "?", "#", "@", ":",
];

impl Edge {
    fn push_to(&self, s: &mut String) {
        match self {
            Self::Nothing => {}
            Self::Known(i) => s.push_str(EDGES[usize::from(*i) % EDGES.len()]),
            Self::Text(t) => s.push_str(t),
        }
    }
}

#[derive(Debug, Arbitrary)]
enum Separator {
    Standard,
    Known(u8),
    Text(String),
}

const SEPARATORS: &[&str] = &[":/", ":", ":\\\\", ":\\", ":///", "://\\", ": //", "://@"];

/// An endpoint: either raw text or assembled from parts, so that the fuzzer
/// reaches valid URLs and then perturbs their edges (a trailing `\r`, a
/// space, a backslash, a path).
#[derive(Debug, Arbitrary)]
enum Endpoint {
    Raw(String),
    Parts {
        lead: Edge,
        scheme: Scheme,
        separator: Separator,
        host: HostPart,
        port: Option<Port>,
        tail: Edge,
    },
}

impl Endpoint {
    fn text(&self) -> String {
        match self {
            Self::Raw(s) => s.clone(),
            Self::Parts {
                lead,
                scheme,
                separator,
                host,
                port,
                tail,
            } => {
                let mut s = String::new();
                lead.push_to(&mut s);
                s.push_str(match scheme {
                    Scheme::Http => "http",
                    Scheme::Https => "https",
                    Scheme::Other(o) => o,
                });
                match separator {
                    Separator::Standard => s.push_str("://"),
                    Separator::Known(i) => {
                        s.push_str(SEPARATORS[usize::from(*i) % SEPARATORS.len()])
                    }
                    Separator::Text(t) => s.push_str(t),
                }
                match host {
                    HostPart::Domain(labels) if !labels.is_empty() => {
                        s.push_str(&labels.join("."));
                    }
                    HostPart::Domain(_) => s.push_str("r2.example.com"),
                    HostPart::Ipv4([a, b, c, d]) => s.push_str(&format!("{a}.{b}.{c}.{d}")),
                    HostPart::Ipv6(parts) => {
                        let parts: Vec<String> = parts.iter().map(|p| format!("{p:x}")).collect();
                        s.push_str(&format!("[{}]", parts.join(":")));
                    }
                    HostPart::Local => s.push_str("127.0.0.1"),
                    HostPart::Raw(r) => s.push_str(r),
                }
                match port {
                    Some(Port::Number(n)) => s.push_str(&format!(":{n}")),
                    Some(Port::Raw(r)) => {
                        s.push(':');
                        s.push_str(r);
                    }
                    None => {}
                }
                tail.push_to(&mut s);
                s
            }
        }
    }
}

/// Long text without needing a long input: `unit` repeated `times` times,
/// at most 64 KiB.
fn repeat(unit: &str, times: u16) -> String {
    let times = usize::from(times).min((64 << 10) / unit.len().max(1));
    unit.repeat(times)
}

#[derive(Debug, Arbitrary)]
enum Bucket {
    Known(u8),
    Raw(String),
    Repeat(String, u16),
}

const BUCKETS: &[&str] = &["bucket", "uploads", "my.bucket.name", "b-1", "abc"];

#[derive(Debug, Arbitrary)]
enum Region {
    Default,
    Known(bool),
    Raw(String),
    Repeat(String, u16),
}

#[derive(Debug, Arbitrary)]
enum Credential {
    Empty,
    Marked(String),
}

impl Credential {
    fn text(&self, mark: &str) -> String {
        match self {
            Self::Empty => String::new(),
            Self::Marked(s) => format!("{mark}{s}"),
        }
    }
}

#[derive(Debug, Arbitrary)]
struct Input {
    endpoint: Endpoint,
    bucket: Bucket,
    region: Region,
    access_key_id: String,
    secret_access_key: Credential,
    session_token: Option<Credential>,
    path_style: bool,
    public_base_url: Option<Endpoint>,
}

/// The contract: no whitespace, control character or backslash anywhere, and
/// a literal `http://` or `https://` start (the scheme in any case, as URL
/// schemes are case-insensitive).
fn acceptable_url_text(raw: &str) -> bool {
    let starts = |p: &str| {
        raw.get(..p.len())
            .is_some_and(|s| s.eq_ignore_ascii_case(p))
    };
    (starts("http://") || starts("https://"))
        && !raw
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || c == '\\')
}

fuzz_target!(|input: Input| {
    let endpoint = input.endpoint.text();
    let bucket = match &input.bucket {
        Bucket::Known(i) => BUCKETS[usize::from(*i) % BUCKETS.len()].to_owned(),
        Bucket::Raw(s) => s.clone(),
        Bucket::Repeat(unit, times) => repeat(unit, *times),
    };
    let region = match &input.region {
        Region::Default => None,
        Region::Known(east) => Some(if *east { "us-east-1" } else { "auto" }.to_owned()),
        Region::Raw(s) => Some(s.clone()),
        Region::Repeat(unit, times) => Some(repeat(unit, *times)),
    };
    let secret = input.secret_access_key.text(SECRET_MARK);
    let token = input.session_token.as_ref().map(|t| t.text(TOKEN_MARK));
    let public_base_url = input.public_base_url.as_ref().map(Endpoint::text);

    let mut builder = Signer::builder(
        endpoint.clone(),
        bucket.clone(),
        input.access_key_id.clone(),
        secret.clone(),
    )
    .path_style(input.path_style);
    if let Some(r) = &region {
        builder = builder.region(r.clone());
    }
    if let Some(t) = &token {
        builder = builder.session_token(t.clone());
    }
    if let Some(p) = &public_base_url {
        builder = builder.public_base_url(p.clone());
    }

    match builder.build() {
        Ok(signer) => check_signer(
            &signer,
            &endpoint,
            &bucket,
            input.path_style,
            public_base_url.as_deref(),
        ),
        Err(err) => {
            let display = err.to_string();
            let debug = format!("{err:?}");
            assert!(
                display.chars().count() < MAX_MESSAGE,
                "error message is {} characters long: {display:?}",
                display.chars().count()
            );
            assert_eq!(err.kind(), ErrorKind::Config, "{display}");
            // What the caller passed in the clear may be echoed; a secret
            // that is also a substring of one of those cannot be told apart.
            let others = [
                endpoint.as_str(),
                bucket.as_str(),
                region.as_deref().unwrap_or(""),
                input.access_key_id.as_str(),
                public_base_url.as_deref().unwrap_or(""),
            ];
            for (name, value) in [("secret", Some(&secret)), ("session token", token.as_ref())] {
                let Some(value) = value else { continue };
                if value.chars().count() < 8 || others.iter().any(|o| o.contains(value.as_str())) {
                    continue;
                }
                assert!(
                    !display.contains(value.as_str()) && !debug.contains(value.as_str()),
                    "the {name} appears in the error: {display:?} / {debug:?}"
                );
            }
        }
    }
});

fn check_signer(
    signer: &Signer,
    endpoint: &str,
    bucket: &str,
    path_style: bool,
    public_base_url: Option<&str>,
) {
    let opts = GetOptions {
        signing_time: Some(UNIX_EPOCH + Duration::from_secs(1_700_000_000)),
        ..Default::default()
    };
    let get = signer
        .presign_get("k", &opts)
        .expect("a built signer signs a GET of `k`");
    let explained = signer
        .explain("k", Operation::Get(&opts))
        .expect("a built signer explains a GET of `k`");
    assert_eq!(
        explained.request, get,
        "explain and presign_get disagree for {endpoint:?}"
    );
    let url = Url::parse(&get.url)
        .unwrap_or_else(|e| panic!("the presigned URL {:?} does not parse: {e}", get.url));

    // The signed host is the URL's host, with the port when it is not the default.
    let signed_host = explained
        .canonical_request
        .lines()
        .find_map(|l| l.strip_prefix("host:"))
        .expect("the canonical request signs `host`");
    let url_host = format!(
        "{}{}",
        url.host_str().unwrap_or_default(),
        url.port().map(|p| format!(":{p}")).unwrap_or_default()
    );
    assert_eq!(
        url_host, signed_host,
        "endpoint {endpoint:?}: the URL {:?} goes to {url_host:?} but {signed_host:?} was signed",
        get.url
    );

    // The URL starts with the scheme://authority the endpoint parses to.
    let parsed = Url::parse(endpoint)
        .unwrap_or_else(|e| panic!("endpoint {endpoint:?} was accepted but does not parse: {e}"));
    let ep_host = parsed.host_str().unwrap_or_default();
    let virtual_hosted = !path_style
        && matches!(parsed.host(), Some(Host::Domain(_)))
        && !(parsed.scheme() == "https" && bucket.contains('.'));
    let (host, path) = if virtual_hosted {
        (format!("{bucket}.{ep_host}"), "/k?".to_owned())
    } else {
        (ep_host.to_owned(), format!("/{bucket}/k?"))
    };
    let origin = format!("{}://{host}", parsed.scheme());
    let rest = get.url.strip_prefix(&origin).unwrap_or_else(|| {
        panic!(
            "endpoint {endpoint:?} parses to {origin:?}[:port] but the URL is {:?}",
            get.url
        )
    });
    let rest = match (parsed.port(), rest.strip_prefix(':')) {
        (Some(port), _) => rest.strip_prefix(&format!(":{port}")).unwrap_or_else(|| {
            panic!(
                "endpoint {endpoint:?} parses to {origin}:{port} but the URL is {:?}",
                get.url
            )
        }),
        // A default port may stay written, as botocore keeps it.
        (None, Some(after)) => {
            let digits = after.bytes().take_while(u8::is_ascii_digit).count();
            let written: Option<u16> = after[..digits].parse().ok();
            assert_eq!(
                written,
                parsed.port_or_known_default(),
                "endpoint {endpoint:?}: the URL {:?} has another port",
                get.url
            );
            &after[digits..]
        }
        (None, None) => rest,
    };
    assert!(
        rest.starts_with(&path),
        "endpoint {endpoint:?}, bucket {bucket:?}: the URL {:?} does not continue with {path:?}",
        get.url
    );

    assert!(
        acceptable_url_text(endpoint),
        "endpoint {endpoint:?} was accepted: the contract refuses whitespace, control \
         characters, backslashes and anything not starting http:// or https://"
    );

    if let Some(base) = public_base_url {
        let public = signer
            .public_url("k")
            .expect("public_url works when public_base_url is set");
        let parsed = Url::parse(&public)
            .unwrap_or_else(|e| panic!("public URL {public:?} does not parse: {e}"));
        assert!(
            public.ends_with("/k") && parsed.path().ends_with("/k"),
            "public_base_url {base:?}: public URL {public:?}"
        );
        assert!(
            acceptable_url_text(base),
            "public_base_url {base:?} was accepted: the contract refuses whitespace, control \
             characters, backslashes and anything not starting http:// or https://"
        );
    } else {
        assert!(signer.public_url("k").is_err());
    }
}

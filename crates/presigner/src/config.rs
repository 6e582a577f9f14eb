//! `SignerBuilder`: the signer's configuration and its validation. Endpoint,
//! bucket and addressing style are resolved here, once, into the pieces the
//! signer pastes together on every call.

use url::{Host, Url};

use crate::error::{Argument, Error, Result};
use crate::secret::Secret;
use crate::signer::Signer;
use crate::sigv4::Context;

/// The default signing region: `auto`, what Cloudflare R2 expects.
pub const DEFAULT_REGION: &str = "auto";

/// A signer's configuration as plain data, for callers that hold each
/// setting as an optional value (the Python and Node bindings, a
/// configuration file): [`SignerConfig::build`] is [`Signer::builder`] with
/// every given setting applied. `Debug` never shows the secrets.
#[derive(Clone, Default)]
pub struct SignerConfig {
    /// `http(s)://host[:port]`, no path.
    pub endpoint: String,
    /// The bucket name.
    pub bucket: String,
    /// The access key id.
    pub access_key_id: String,
    /// The secret access key.
    pub secret_access_key: String,
    /// The signing region; `None` = [`DEFAULT_REGION`].
    pub region: Option<String>,
    /// A session token from temporary credentials (STS).
    pub session_token: Option<String>,
    /// Path style (`None` = `true`); see [`SignerBuilder::path_style`].
    pub path_style: Option<bool>,
    /// Base URL for [`Signer::public_url`].
    pub public_base_url: Option<String>,
}

impl SignerConfig {
    /// Validates the configuration and builds the signer.
    pub fn build(self) -> Result<Signer> {
        let mut builder = Signer::builder(
            self.endpoint,
            self.bucket,
            self.access_key_id,
            self.secret_access_key,
        );
        if let Some(region) = self.region {
            builder = builder.region(region);
        }
        if let Some(token) = self.session_token {
            builder = builder.session_token(token);
        }
        if let Some(path_style) = self.path_style {
            builder = builder.path_style(path_style);
        }
        if let Some(url) = self.public_base_url {
            builder = builder.public_base_url(url);
        }
        builder.build()
    }
}

impl std::fmt::Debug for SignerConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let redacted = |set: bool| if set { "***" } else { "None" };
        f.debug_struct("SignerConfig")
            .field("endpoint", &self.endpoint)
            .field("bucket", &self.bucket)
            .field("access_key_id", &self.access_key_id)
            .field("secret_access_key", &format_args!("***"))
            .field("region", &self.region)
            .field(
                "session_token",
                &format_args!("{}", redacted(self.session_token.is_some())),
            )
            .field("path_style", &self.path_style)
            .field("public_base_url", &self.public_base_url)
            .finish()
    }
}

/// Builds a [`Signer`]; see [`Signer::builder`].
#[derive(Debug, Clone)]
#[must_use]
pub struct SignerBuilder {
    endpoint: String,
    bucket: String,
    access_key_id: String,
    secret_access_key: Secret,
    region: String,
    session_token: Option<Secret>,
    path_style: bool,
    public_base_url: Option<String>,
}

impl SignerBuilder {
    pub(crate) fn new(
        endpoint: String,
        bucket: String,
        access_key_id: String,
        secret: String,
    ) -> Self {
        Self {
            endpoint,
            bucket,
            access_key_id,
            secret_access_key: Secret::new(secret),
            region: DEFAULT_REGION.to_owned(),
            session_token: None,
            path_style: true,
            public_base_url: None,
        }
    }

    /// The signing region; default `auto` (what R2 expects).
    pub fn region(mut self, region: impl Into<String>) -> Self {
        self.region = region.into();
        self
    }

    /// A session token from temporary credentials (STS), signed into every URL.
    pub fn session_token(mut self, token: impl Into<String>) -> Self {
        self.session_token = Some(Secret::new(token.into()));
        self
    }

    /// `true` (default): `https://endpoint/bucket/key`. `false`: virtual-hosted
    /// `https://bucket.endpoint/key`, except for dotted buckets over https (the
    /// certificate would not match) and IP-address endpoints, which stay path style.
    pub fn path_style(mut self, path_style: bool) -> Self {
        self.path_style = path_style;
        self
    }

    /// Base URL of a public custom domain or `r2.dev` address, for
    /// [`Signer::public_url`].
    pub fn public_base_url(mut self, url: impl Into<String>) -> Self {
        self.public_base_url = Some(url.into());
        self
    }

    /// Validates the configuration and builds the signer.
    pub fn build(self) -> Result<Signer> {
        if self.access_key_id.is_empty() {
            return Err(Error::EmptyCredential {
                argument: Argument::AccessKeyId,
            });
        }
        if self.secret_access_key.expose().is_empty() {
            return Err(Error::EmptyCredential {
                argument: Argument::SecretAccessKey,
            });
        }
        if self
            .session_token
            .as_ref()
            .is_some_and(|t| t.expose().is_empty())
        {
            return Err(Error::EmptyCredential {
                argument: Argument::SessionToken,
            });
        }
        validate_bucket(&self.bucket)?;
        validate_region(&self.region)?;
        let Endpoint {
            url: endpoint,
            written_port,
        } = parse_endpoint(&self.endpoint)?;
        let public_base_url = self
            .public_base_url
            .as_deref()
            .map(parse_public_base_url)
            .transpose()?;

        let host = endpoint.host_str().unwrap_or_default();
        // The URL keeps a port as written, default ones included (as botocore
        // does); the signed `host` header leaves default ports out. Both come
        // from the one parsed endpoint.
        let url_port = written_port.map(|p| format!(":{p}")).unwrap_or_default();
        let host_port = endpoint.port().map(|p| format!(":{p}")).unwrap_or_default();
        let scheme = endpoint.scheme();
        let is_domain = matches!(endpoint.host(), Some(Host::Domain(_)));
        let virtual_hosted =
            !self.path_style && is_domain && !(scheme == "https" && self.bucket.contains('.'));
        let (host, path_prefix) = if virtual_hosted {
            (format!("{}.{host}", self.bucket), "/".to_owned())
        } else {
            (host.to_owned(), format!("/{}/", self.bucket))
        };
        let cx = Context::new(
            format!("{scheme}://{host}{url_port}"),
            path_prefix,
            format!("{host}{host_port}"),
            self.access_key_id.clone(),
            self.region.clone(),
            self.secret_access_key,
            self.session_token,
        );
        Ok(Signer::from_parts(
            cx,
            endpoint.as_str().trim_end_matches('/').to_owned(),
            self.bucket,
            public_base_url,
        ))
    }
}

/// An `http(s)` URL and the port written in it, if any (the url crate
/// drops a default port, so it cannot tell `https://h:443` from `https://h`).
struct Endpoint {
    url: Url,
    written_port: Option<u16>,
}

/// `raw` as a plain `http(s)://host[:port]...` URL. The text is checked
/// before the url crate reads it, because that parser forgives what would
/// make the signed URL differ from the one written: it drops whitespace and
/// control characters, reads `\` as `/` and `http:h` as `http://h`.
fn parse_http_url(raw: &str) -> std::result::Result<Endpoint, &'static str> {
    if raw
        .chars()
        .any(|c| c.is_whitespace() || c.is_control() || c == '\\')
    {
        return Err("it holds whitespace, a control character or a backslash");
    }
    let scheme_len = raw
        .find("://")
        .ok_or("it must start with http:// or https://")?;
    if !["http", "https"]
        .iter()
        .any(|s| s.eq_ignore_ascii_case(&raw[..scheme_len]))
    {
        return Err("it must start with http:// or https://");
    }
    let url = Url::parse(raw).map_err(|_| "it is not a valid absolute URL")?;
    if !url.username().is_empty() || url.password().is_some() {
        return Err("credentials are not allowed in it");
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err("it has no host");
    }
    if url.query().is_some() {
        return Err("a query string is not allowed");
    }
    if url.fragment().is_some() {
        return Err("a fragment is not allowed");
    }
    let authority = raw[scheme_len + 3..]
        .split(['/', '?', '#'])
        .next()
        .unwrap_or_default();
    // An IPv6 host ends with `]`; a port follows the last `:` after the host.
    let after_host = authority
        .rfind(']')
        .map_or(authority, |i| &authority[i + 1..]);
    let written_port = match after_host.rsplit_once(':') {
        None | Some((_, "")) => None,
        Some((_, port)) => Some(
            port.parse::<u16>()
                .ok()
                .filter(|p| Some(*p) == url.port_or_known_default())
                .ok_or("its port is not a number from 0 to 65535")?,
        ),
    };
    // The host as written must be the host the parser read: it would
    // otherwise rewrite `http:///h:1`, `127.1` or an IDN host, and the URL
    // would not be the endpoint as written.
    let host = match written_port {
        Some(_) => after_host_split(authority),
        None => authority.strip_suffix(':').unwrap_or(authority),
    };
    if !url.host_str().is_some_and(|h| h.eq_ignore_ascii_case(host)) {
        return Err(
            "its host must be written as it is sent (ASCII, no shorthand IP address, no extra '/')",
        );
    }
    Ok(Endpoint { url, written_port })
}

/// `authority` without its `:port`.
fn after_host_split(authority: &str) -> &str {
    authority
        .rsplit_once(':')
        .map_or(authority, |(host, _)| host)
}

fn parse_endpoint(raw: &str) -> Result<Endpoint> {
    let endpoint = parse_http_url(raw).map_err(|reason| Error::InvalidEndpoint { reason })?;
    if endpoint.url.path() != "/" {
        return Err(Error::InvalidEndpoint {
            reason: "a path is not allowed (give the bucket as `bucket`)",
        });
    }
    Ok(endpoint)
}

/// The public base URL without its trailing `/`.
fn parse_public_base_url(raw: &str) -> Result<String> {
    let endpoint = parse_http_url(raw).map_err(|reason| Error::InvalidPublicBaseUrl { reason })?;
    Ok(endpoint.url.as_str().trim_end_matches('/').to_owned())
}

/// S3's general-purpose bucket naming rules (which R2's are a subset of).
fn validate_bucket(bucket: &str) -> Result<()> {
    let fail = |reason| {
        Err(Error::InvalidBucket {
            bucket: bucket.to_owned(),
            reason,
        })
    };
    let bytes = bucket.as_bytes();
    if !(3..=63).contains(&bytes.len()) {
        return fail("it must be 3 to 63 characters long");
    }
    if !bytes
        .iter()
        .all(|&b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'.' || b == b'-')
    {
        return fail("it may hold only lowercase letters, digits, '.' and '-'");
    }
    let alnum = |b: u8| b.is_ascii_lowercase() || b.is_ascii_digit();
    if !alnum(bytes[0]) || !alnum(bytes[bytes.len() - 1]) {
        return fail("it must begin and end with a letter or digit");
    }
    if bucket.contains("..") {
        return fail("it must not hold two adjacent periods");
    }
    if bucket.parse::<std::net::Ipv4Addr>().is_ok() {
        return fail("it must not be formatted as an IP address");
    }
    Ok(())
}

fn validate_region(region: &str) -> Result<()> {
    if region.is_empty()
        || !region
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-')
    {
        return Err(Error::InvalidRegion {
            region: region.to_owned(),
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn build(endpoint: &str, bucket: &str) -> Result<Signer> {
        Signer::builder(endpoint, bucket, "AK", "SK").build()
    }

    #[test]
    fn endpoints_with_paths_queries_or_credentials_are_refused() {
        for bad in [
            "ftp://example.com",
            "not a url",
            "http://example.com/some/path",
            "http://example.com/?x=1",
            "http://example.com/#f",
            "http://user:pass@example.com",
            "http://user@example.com",
            // What the url crate would forgive, changing the URL.
            "http://127.0.0.1:9000\r",
            "http://127.0.0.1:9000 ",
            "http://127.0.0.1:9000\t",
            "http://127.0.0.1:9000\n",
            " http://127.0.0.1:9000",
            "http://127.0.0.1:9000\\",
            "http://127.0.0.1:9000\u{2028}",
            "http://127.0.0.1:9000\u{85}",
            "http:\\\\h:8080",
            "http://h :8080",
            "http:/h:8080",
            "http:h:8080",
            "http//h:8080",
            "http://h:99999",
            "http:///h:8080",
            "http://127.1:9000",
            "http://bücher.example",
        ] {
            let err = build(bad, "bucket").unwrap_err();
            assert!(
                matches!(err, Error::InvalidEndpoint { .. }),
                "{bad}: {err:?}"
            );
            assert!(!err.to_string().contains("pass"), "{bad}: {err}");
        }
        for good in [
            "http://127.0.0.1:9000",
            "https://example.com/",
            "http://[::1]:9000",
            "HTTP://H.example:9000",
        ] {
            assert!(build(good, "bucket").is_ok(), "{good}");
        }
    }

    #[test]
    fn bucket_rules() {
        for bad in [
            "",
            "ab",
            &"a".repeat(64),
            "UPPER",
            "under_score",
            "-lead",
            "trail-",
            "192.168.1.1",
            "a..b",
        ] {
            let err = build("http://h", bad).unwrap_err();
            assert!(matches!(err, Error::InvalidBucket { .. }), "{bad}: {err:?}");
        }
        for good in ["abc", "my.bucket.name", "b-1-2", &"a".repeat(63), "1.2.3"] {
            assert!(build("http://h", good).is_ok(), "{good}");
        }
    }

    #[test]
    fn empty_credentials_and_regions_are_refused() {
        let err = Signer::builder("http://h", "bkt", "", "SK")
            .build()
            .unwrap_err();
        assert_eq!(
            err,
            Error::EmptyCredential {
                argument: Argument::AccessKeyId
            }
        );
        let err = Signer::builder("http://h", "bkt", "AK", "")
            .build()
            .unwrap_err();
        assert_eq!(
            err,
            Error::EmptyCredential {
                argument: Argument::SecretAccessKey
            }
        );
        let err = Signer::builder("http://h", "bkt", "AK", "SK")
            .session_token("")
            .build()
            .unwrap_err();
        assert_eq!(
            err,
            Error::EmptyCredential {
                argument: Argument::SessionToken
            }
        );
        for bad in ["", "us east", "eu/west"] {
            let err = Signer::builder("http://h", "bkt", "AK", "SK")
                .region(bad)
                .build()
                .unwrap_err();
            assert!(matches!(err, Error::InvalidRegion { .. }));
        }
    }

    #[test]
    fn addressing_style() {
        let url = |endpoint: &str, bucket: &str, path_style: bool| {
            let s = Signer::builder(endpoint, bucket, "AK", "SK")
                .path_style(path_style)
                .build()
                .unwrap();
            let url = s.presign_get("k", &Default::default()).unwrap().url;
            url[..url.find('?').unwrap()].to_owned()
        };
        assert_eq!(
            url("https://r2.example", "b1b", true),
            "https://r2.example/b1b/k"
        );
        assert_eq!(
            url("https://r2.example", "b1b", false),
            "https://b1b.r2.example/k"
        );
        assert_eq!(
            url("https://r2.example", "a.b.c", false),
            "https://r2.example/a.b.c/k"
        );
        assert_eq!(
            url("http://r2.example:8080", "a.b.c", false),
            "http://a.b.c.r2.example:8080/k"
        );
        assert_eq!(
            url("http://127.0.0.1:9000", "bkt", false),
            "http://127.0.0.1:9000/bkt/k"
        );
        assert_eq!(
            url("http://[::1]:9000", "bkt", true),
            "http://[::1]:9000/bkt/k"
        );
        assert_eq!(
            url("https://h.example:443/", "bkt", false),
            "https://bkt.h.example:443/k"
        );
    }

    #[test]
    fn the_url_and_the_signed_host_have_the_same_port() {
        for (endpoint, url, host) in [
            (
                "http://127.0.0.1:9000",
                "http://127.0.0.1:9000/bkt/k?",
                "127.0.0.1:9000",
            ),
            (
                "HTTP://Example.COM:8080/",
                "http://example.com:8080/bkt/k?",
                "example.com:8080",
            ),
            (
                "http://[::1]:9000",
                "http://[::1]:9000/bkt/k?",
                "[::1]:9000",
            ),
            ("http://[::1]", "http://[::1]/bkt/k?", "[::1]"),
            (
                "http://h.example:80",
                "http://h.example:80/bkt/k?",
                "h.example",
            ),
        ] {
            let s = Signer::builder(endpoint, "bkt", "AK", "SK")
                .build()
                .unwrap();
            let e = s
                .explain("k", crate::Operation::Get(&Default::default()))
                .unwrap();
            assert!(
                e.request.url.starts_with(url),
                "{endpoint}: {}",
                e.request.url
            );
            assert!(
                e.canonical_request.contains(&format!("\nhost:{host}\n")),
                "{endpoint}: {}",
                e.canonical_request
            );
        }
    }

    #[test]
    fn echoed_names_are_cut_short() {
        let err = build("http://h", &"B".repeat(10 << 20)).unwrap_err();
        let text = err.to_string();
        assert!(text.len() < 200, "{} chars", text.len());
        assert!(text.contains(&format!("\"{}\"…", "B".repeat(64))), "{text}");
    }

    #[test]
    fn default_ports_stay_in_the_url_but_not_in_the_signed_host() {
        let s = Signer::builder("https://h.example:443", "bkt", "AK", "SK")
            .build()
            .unwrap();
        let e = s
            .explain("k", crate::Operation::Get(&Default::default()))
            .unwrap();
        assert!(e.request.url.starts_with("https://h.example:443/bkt/k?"));
        assert!(
            e.canonical_request.contains("\nhost:h.example\n"),
            "{}",
            e.canonical_request
        );
    }
}

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
        let endpoint = parse_endpoint(&self.endpoint)?;
        let public_base_url = self
            .public_base_url
            .as_deref()
            .map(parse_public_base_url)
            .transpose()?;

        let host = endpoint.host_str().unwrap_or_default();
        // The URL keeps a port as written, default ones included (as botocore
        // does); the signed `host` header leaves default ports out.
        let url_port = written_port(&self.endpoint)
            .map(|p| format!(":{p}"))
            .unwrap_or_default();
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

fn parse_http_url(raw: &str) -> std::result::Result<Url, &'static str> {
    let url = Url::parse(raw).map_err(|_| "it is not a valid absolute URL")?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err("the scheme must be http or https");
    }
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
    Ok(url)
}

/// The port written in `raw`'s authority, if any (the url crate drops
/// default ports, so it cannot tell `https://h:443` from `https://h`).
fn written_port(raw: &str) -> Option<&str> {
    let rest = raw.split_once("://")?.1;
    let authority = rest.split(['/', '?', '#']).next()?;
    let (_, port) = authority.rsplit_once(':')?;
    (!port.is_empty() && port.bytes().all(|b| b.is_ascii_digit())).then_some(port)
}

fn parse_endpoint(raw: &str) -> Result<Url> {
    let url = parse_http_url(raw).map_err(|reason| Error::InvalidEndpoint { reason })?;
    if url.path() != "/" {
        return Err(Error::InvalidEndpoint {
            reason: "a path is not allowed (give the bucket as `bucket`)",
        });
    }
    Ok(url)
}

/// The public base URL without its trailing `/`.
fn parse_public_base_url(raw: &str) -> Result<String> {
    let url = parse_http_url(raw).map_err(|reason| Error::InvalidPublicBaseUrl { reason })?;
    Ok(url.as_str().trim_end_matches('/').to_owned())
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

//! From an operation and its options to what SigV4 signs: validation of
//! the key, expiry, signing time and header values, the query parameters and
//! headers of each operation, and the result handed back.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::time::{Duration, SystemTime};

use crate::error::{Argument, Error, Result};
use crate::options::{DEFAULT_EXPIRES_IN_SECS, MAX_EXPIRES_IN_SECS};
use crate::request::{Method, PresignedRequest};
use crate::signer::{Operation, MAX_KEY_BYTES};
use crate::sigv4::{time::Timestamp, Request};

pub(crate) fn validate_key(key: &str) -> Result<()> {
    match key.len() {
        0 => Err(Error::EmptyKey),
        len if len > MAX_KEY_BYTES => Err(Error::KeyTooLong { len }),
        _ => Ok(()),
    }
}

fn expiry_secs(expires_in: Option<Duration>) -> Result<u64> {
    let secs = expires_in.map_or(DEFAULT_EXPIRES_IN_SECS, |d| d.as_secs());
    if (1..=MAX_EXPIRES_IN_SECS).contains(&secs) {
        Ok(secs)
    } else {
        Err(Error::InvalidExpiry { secs })
    }
}

/// Validates `key` and the options of `op`: the request to sign, its
/// signing instant and its lifetime in seconds.
pub(crate) fn prepare<'a>(
    key: &'a str,
    op: Operation<'a>,
) -> Result<(Request<'a>, Timestamp, u64)> {
    validate_key(key)?;
    let (request, expires_in, signing_time) = plan(key, op)?;
    let at = Timestamp::new(signing_time.unwrap_or_else(SystemTime::now))
        .ok_or(Error::InvalidSigningTime)?;
    Ok((request, at, expiry_secs(expires_in)?))
}

/// The result handed to the caller.
pub(crate) fn finish(
    op: Operation<'_>,
    request: Request<'_>,
    url: String,
    at: Timestamp,
    expires: u64,
) -> PresignedRequest {
    let method = match op {
        Operation::Put(_) => Method::Put,
        Operation::Get(_) => Method::Get,
        Operation::Head(_) => Method::Head,
        Operation::Delete(_) => Method::Delete,
    };
    PresignedRequest {
        method,
        url,
        headers: owned(request.headers),
        expires_at: at.plus(expires),
    }
}

/// The signed headers as the result's map. Inserted one by one: `collect`
/// would first gather them into a `Vec` of its own.
fn owned(headers: Vec<(Cow<'_, str>, Cow<'_, str>)>) -> BTreeMap<String, String> {
    let mut map = BTreeMap::new();
    for (name, value) in headers {
        map.insert(name.into_owned(), value.into_owned());
    }
    map
}

type Plan<'a> = (Request<'a>, Option<Duration>, Option<SystemTime>);

/// Turns an operation into the query parameters and headers to sign.
fn plan<'a>(key: &'a str, op: Operation<'a>) -> Result<Plan<'a>> {
    let mut params: Vec<(&'static str, Cow<'a, str>)> = Vec::new();
    let mut headers: Vec<(Cow<'a, str>, Cow<'a, str>)> = Vec::new();
    let mut param = |name, value: &'a Option<String>| {
        if let Some(v) = value {
            params.push((name, Cow::Borrowed(v.as_str())));
        }
    };
    let (method, expires_in, signing_time) = match op {
        Operation::Put(o) => {
            let fixed = [
                ("cache-control", Argument::CacheControl, &o.cache_control),
                (
                    "content-disposition",
                    Argument::ContentDisposition,
                    &o.content_disposition,
                ),
                ("content-md5", Argument::ContentMd5, &o.content_md5),
                ("content-type", Argument::ContentType, &o.content_type),
                (
                    "x-amz-checksum-sha256",
                    Argument::ChecksumSha256,
                    &o.checksum_sha256,
                ),
            ];
            for (name, argument, value) in fixed {
                if let Some(v) = value {
                    check_header_value(v, argument, || None)?;
                    headers.push((Cow::Borrowed(name), Cow::Borrowed(v)));
                }
            }
            if let Some(len) = o.content_length {
                headers.push((Cow::Borrowed("content-length"), Cow::Owned(len.to_string())));
            }
            let mut seen: Vec<&String> = Vec::new();
            for (name, value) in &o.metadata {
                check_metadata_name(name)?;
                if let Some(prev) = seen.iter().find(|p| p.eq_ignore_ascii_case(name)) {
                    return Err(Error::DuplicateMetadataName {
                        name: (*prev).clone(),
                        other: name.clone(),
                    });
                }
                seen.push(name);
                check_header_value(value, Argument::Metadata, || Some(name.clone()))?;
                headers.push((
                    Cow::Owned(format!("x-amz-meta-{}", name.to_ascii_lowercase())),
                    Cow::Borrowed(value),
                ));
            }
            headers.sort_unstable_by(|a, b| a.0.cmp(&b.0));
            ("PUT", o.expires_in, o.signing_time)
        }
        Operation::Get(o) => {
            // In name order, as `Request::params` must be.
            param("response-cache-control", &o.response_cache_control);
            param(
                "response-content-disposition",
                &o.response_content_disposition,
            );
            param("response-content-type", &o.response_content_type);
            param("versionId", &o.version_id);
            ("GET", o.expires_in, o.signing_time)
        }
        Operation::Head(o) | Operation::Delete(o) => {
            param("versionId", &o.version_id);
            let method = if matches!(op, Operation::Head(_)) {
                "HEAD"
            } else {
                "DELETE"
            };
            (method, o.expires_in, o.signing_time)
        }
    };
    let request = Request {
        method,
        key,
        params,
        headers,
    };
    Ok((request, expires_in, signing_time))
}

/// Header values must be printable ASCII: browsers and HTTP libraries refuse
/// anything else, and S3 requires US-ASCII user metadata.
fn check_header_value(
    value: &str,
    argument: Argument,
    entry: impl FnOnce() -> Option<String>,
) -> Result<()> {
    if value.bytes().all(|b| (0x20..0x7f).contains(&b)) {
        Ok(())
    } else {
        Err(Error::InvalidHeaderValue {
            argument,
            entry: entry(),
        })
    }
}

/// Metadata names must be HTTP header tokens (RFC 9110 `tchar`).
fn check_metadata_name(name: &str) -> Result<()> {
    let tchar = |b: u8| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b);
    if !name.is_empty() && name.bytes().all(tchar) {
        Ok(())
    } else {
        Err(Error::InvalidMetadataName {
            name: name.to_owned(),
        })
    }
}

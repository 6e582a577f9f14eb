//! From an operation and its options to what SigV4 signs: validation of
//! the key, expiry, signing time and header values, the query parameters and
//! headers of each operation, and the result handed back.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::time::{Duration, SystemTime};

use crate::error::{Argument, Error, Result};
use crate::limits::{
    check_expiry, content_length, MAX_KEY_BYTES, MAX_METADATA_BYTES, MAX_VALUE_BYTES,
};
use crate::options::PutOptions;
use crate::request::{Method, PresignedRequest};
use crate::signer::Operation;
use crate::sigv4::{time::Timestamp, Request};

pub(crate) fn validate_key(key: &str) -> Result<()> {
    match key.len() {
        0 => Err(Error::EmptyKey),
        len if len > MAX_KEY_BYTES => Err(Error::KeyTooLong { len }),
        _ => Ok(()),
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
    let expires = check_expiry(expires_in)?;
    let at = Timestamp::new(signing_time.unwrap_or_else(SystemTime::now))
        .filter(|at| at.expiry_in_range(expires))
        .ok_or(Error::InvalidSigningTime)?;
    Ok((request, at, expires))
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
    let mut param = |name, argument, value: &'a Option<String>| -> Result<()> {
        if let Some(v) = value {
            check_length(v, argument)?;
            params.push((name, Cow::Borrowed(v.as_str())));
        }
        Ok(())
    };
    let (method, expires_in, signing_time) = match op {
        Operation::Put(o) => {
            put_headers(o, &mut headers)?;
            ("PUT", o.expires_in, o.signing_time)
        }
        Operation::Get(o) => {
            // In name order, as `Request::params` must be.
            param(
                "response-cache-control",
                Argument::ResponseCacheControl,
                &o.response_cache_control,
            )?;
            param(
                "response-content-disposition",
                Argument::ResponseContentDisposition,
                &o.response_content_disposition,
            )?;
            param(
                "response-content-type",
                Argument::ResponseContentType,
                &o.response_content_type,
            )?;
            param("versionId", Argument::VersionId, &o.version_id)?;
            ("GET", o.expires_in, o.signing_time)
        }
        Operation::Head(o) | Operation::Delete(o) => {
            param("versionId", Argument::VersionId, &o.version_id)?;
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

/// The headers of a PUT, sorted by name.
fn put_headers<'a>(
    o: &'a PutOptions,
    headers: &mut Vec<(Cow<'a, str>, Cow<'a, str>)>,
) -> Result<()> {
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
            check_length(v, argument)?;
            check_header_value(v, argument, || None)?;
            headers.push((Cow::Borrowed(name), Cow::Borrowed(v)));
        }
    }
    if let Some(len) = o.content_length {
        let len = content_length(i128::from(len))?;
        headers.push((Cow::Borrowed("content-length"), Cow::Owned(len.to_string())));
    }
    // The size first: it bounds the work below, however many entries came.
    let bytes = o.metadata.iter().map(|(n, v)| n.len() + v.len()).sum();
    if bytes > MAX_METADATA_BYTES {
        return Err(Error::MetadataTooLarge { bytes });
    }
    for (name, value) in &o.metadata {
        check_metadata_name(name)?;
        check_header_value(value, Argument::Metadata, || Some(name.clone()))?;
        headers.push((
            Cow::Owned(format!("x-amz-meta-{}", name.to_ascii_lowercase())),
            Cow::Borrowed(value),
        ));
    }
    headers.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    // Names equal once lower-cased are neighbours now; only metadata names
    // can collide (the fixed ones are distinct).
    if let Some(pair) = headers.windows(2).find(|w| w[0].0 == w[1].0) {
        let lower = &pair[0].0["x-amz-meta-".len()..];
        let mut same = o.metadata.keys().filter(|n| n.eq_ignore_ascii_case(lower));
        if let (Some(name), Some(other)) = (same.next(), same.next()) {
            return Err(Error::DuplicateMetadataName {
                name: name.clone(),
                other: other.clone(),
            });
        }
    }
    Ok(())
}

/// Header and query values are at most [`MAX_VALUE_BYTES`] long.
fn check_length(value: &str, argument: Argument) -> Result<()> {
    match value.len() {
        len if len > MAX_VALUE_BYTES => Err(Error::ValueTooLong { argument, len }),
        _ => Ok(()),
    }
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

#[cfg(test)]
mod tests {
    use std::time::{Duration, Instant, UNIX_EPOCH};

    use crate::limits::MAX_CONTENT_LENGTH;
    use crate::sigv4::time::MAX_UNIX_SECS;
    use crate::{Error, GetOptions, PutOptions, Signer};

    fn signer() -> Signer {
        Signer::builder("http://127.0.0.1:9000", "bucket", "AKID", "SK")
            .build()
            .unwrap()
    }

    fn metadata(entries: usize) -> PutOptions {
        PutOptions {
            metadata: (0..entries)
                .map(|i| (format!("m{i}"), "v".into()))
                .collect(),
            ..Default::default()
        }
    }

    #[test]
    fn oversize_metadata_is_refused_in_linear_time() {
        let s = signer();
        // 2048 bytes exactly: 512 entries of "mNNN" + "" would not all be
        // distinct in 4 bytes, so fill with values instead.
        let mut fits = PutOptions::default();
        fits.metadata.insert("a".into(), "v".repeat(2047));
        assert!(s.presign_put("k", &fits).is_ok());
        fits.metadata.insert("b".into(), String::new());
        assert_eq!(
            s.presign_put("k", &fits).unwrap_err(),
            Error::MetadataTooLarge { bytes: 2049 }
        );
        let start = Instant::now();
        let err = s.presign_put("k", &metadata(100_000)).unwrap_err();
        assert!(matches!(err, Error::MetadataTooLarge { .. }), "{err:?}");
        assert!(err.to_string().contains("2048"), "{err}");
        // Comparing every name with every other took ~30 s here.
        assert!(
            start.elapsed() < Duration::from_secs(2),
            "{:?}",
            start.elapsed()
        );
    }

    #[test]
    fn duplicate_metadata_names_are_found_among_many() {
        let s = signer();
        let mut opts = metadata(300);
        assert!(s.presign_put("k", &opts).is_ok());
        opts.metadata.insert("M17".into(), "v".into());
        let err = s.presign_put("k", &opts).unwrap_err();
        assert_eq!(
            err,
            Error::DuplicateMetadataName {
                name: "M17".into(),
                other: "m17".into()
            }
        );
    }

    #[test]
    fn long_values_are_refused_naming_the_argument() {
        let s = signer();
        let long = "a".repeat(8193);
        let put = PutOptions {
            cache_control: Some(long.clone()),
            ..Default::default()
        };
        assert_eq!(
            s.presign_put("k", &put).unwrap_err().to_string(),
            "cache_control is 8193 bytes long; at most 8192"
        );
        let get = GetOptions {
            version_id: Some(long),
            ..Default::default()
        };
        assert_eq!(
            s.presign_get("k", &get).unwrap_err().to_string(),
            "version_id is 8193 bytes long; at most 8192"
        );
        let fits = GetOptions {
            response_content_disposition: Some("é".repeat(4096)),
            ..Default::default()
        };
        assert!(s.presign_get("k", &fits).is_ok());
    }

    #[test]
    fn content_length_is_at_most_5_gib() {
        let s = signer();
        let put = |len| PutOptions {
            content_length: Some(len),
            ..Default::default()
        };
        assert!(s.presign_put("k", &put(MAX_CONTENT_LENGTH)).is_ok());
        let err = s
            .presign_put("k", &put(MAX_CONTENT_LENGTH + 1))
            .unwrap_err();
        assert_eq!(err, Error::InvalidContentLength { len: 5_368_709_121 });
        assert!(err
            .to_string()
            .starts_with("content_length must be between 0 and 5368709120"));
    }

    #[test]
    fn the_url_must_expire_before_year_10000() {
        let s = signer();
        let at = |secs, expires| GetOptions {
            signing_time: Some(UNIX_EPOCH + Duration::from_secs(secs)),
            expires_in: Some(Duration::from_secs(expires)),
            ..Default::default()
        };
        let last = MAX_UNIX_SECS - 1;
        let ok = s.presign_get("k", &at(last - 60, 60)).unwrap();
        assert_eq!(ok.expires_at, UNIX_EPOCH + Duration::from_secs(last));
        for (secs, expires) in [(last - 59, 60), (last - 3 * 86_400, 7 * 86_400), (last, 1)] {
            assert_eq!(
                s.presign_get("k", &at(secs, expires)).unwrap_err(),
                Error::InvalidSigningTime
            );
        }
    }
}

//! The operations a signer presigns, and what SigV4 signs for each: the
//! validation of the key, expiry, signing time and every option, the query
//! parameters and headers of each operation, and the result handed back.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::time::{Duration, SystemTime};

use crate::checksum::ChecksumAlgorithm;
use crate::error::{Argument, Error, Result};
use crate::limits::{
    check_expiry, content_length, in_range, MAX_KEY_BYTES, MAX_METADATA_BYTES, MAX_UPLOAD_ID_BYTES,
    MAX_VALUE_BYTES,
};
use crate::options::{
    CompleteMultipartUploadOptions, CreateMultipartUploadOptions, GetOptions, ListPartsOptions,
    ObjectOptions, PutOptions, SigningOptions, UploadPartOptions,
};
use crate::request::{Method, PresignedRequest};
use crate::sigv4::{time::Timestamp, Request};

/// One operation on an object and its options, for [`Signer::presign`] and
/// [`Signer::explain`].
///
/// [`Signer::presign`]: crate::Signer::presign
/// [`Signer::explain`]: crate::Signer::explain
#[derive(Debug, Clone, Copy)]
#[non_exhaustive]
pub enum Operation<'a> {
    /// PutObject.
    Put(&'a PutOptions),
    /// GetObject.
    Get(&'a GetOptions),
    /// HeadObject.
    Head(&'a ObjectOptions),
    /// DeleteObject.
    Delete(&'a ObjectOptions),
    /// CreateMultipartUpload: `POST ?uploads`.
    CreateMultipartUpload(&'a CreateMultipartUploadOptions),
    /// UploadPart: `PUT ?partNumber=&uploadId=`.
    UploadPart {
        /// The upload's id.
        upload_id: &'a str,
        /// 1 to 10,000.
        part_number: u32,
        /// The part's options.
        options: &'a UploadPartOptions,
    },
    /// ListParts: `GET ?uploadId=`.
    ListParts {
        /// The upload's id.
        upload_id: &'a str,
        /// Paging.
        options: &'a ListPartsOptions,
    },
    /// CompleteMultipartUpload: `POST ?uploadId=`, with the XML body of
    /// [`complete_multipart_upload_body`](crate::complete_multipart_upload_body).
    CompleteMultipartUpload {
        /// The upload's id.
        upload_id: &'a str,
        /// Conditions.
        options: &'a CompleteMultipartUploadOptions,
    },
    /// AbortMultipartUpload: `DELETE ?uploadId=`.
    AbortMultipartUpload {
        /// The upload's id.
        upload_id: &'a str,
        /// Lifetime and signing time.
        options: &'a SigningOptions,
    },
}

impl Operation<'_> {
    /// The HTTP method.
    pub const fn method(&self) -> Method {
        match self {
            Self::Put(_) | Self::UploadPart { .. } => Method::Put,
            Self::Get(_) | Self::ListParts { .. } => Method::Get,
            Self::Head(_) => Method::Head,
            Self::Delete(_) | Self::AbortMultipartUpload { .. } => Method::Delete,
            Self::CreateMultipartUpload(_) | Self::CompleteMultipartUpload { .. } => Method::Post,
        }
    }

    /// `expires_in` and `signing_time` of the options.
    fn timing(&self) -> (Option<Duration>, Option<SystemTime>) {
        match self {
            Self::Put(o) => (o.expires_in, o.signing_time),
            Self::Get(o) => (o.expires_in, o.signing_time),
            Self::Head(o) | Self::Delete(o) => (o.expires_in, o.signing_time),
            Self::CreateMultipartUpload(o) => (o.expires_in, o.signing_time),
            Self::UploadPart { options: o, .. } => (o.expires_in, o.signing_time),
            Self::ListParts { options: o, .. } => (o.expires_in, o.signing_time),
            Self::CompleteMultipartUpload { options: o, .. } => (o.expires_in, o.signing_time),
            Self::AbortMultipartUpload { options: o, .. } => (o.expires_in, o.signing_time),
        }
    }
}

pub(crate) fn validate_key(key: &str) -> Result<()> {
    match key.len() {
        0 => Err(Error::EmptyKey),
        len if len > MAX_KEY_BYTES => Err(Error::KeyTooLong { len }),
        _ => Ok(()),
    }
}

/// A validated request, ready to sign.
pub(crate) struct Prepared<'a> {
    /// What SigV4 signs.
    pub request: Request<'a>,
    /// The signing instant.
    pub at: Timestamp,
    /// The lifetime, in seconds.
    pub expires: u64,
}

/// Validates `key` and the options of `op` into the request to sign.
pub(crate) fn prepare<'a>(key: &'a str, op: Operation<'a>) -> Result<Prepared<'a>> {
    validate_key(key)?;
    let request = plan(key, op)?;
    let (expires_in, signing_time) = op.timing();
    let expires = check_expiry(expires_in)?;
    let at = Timestamp::new(signing_time.unwrap_or_else(SystemTime::now))
        .filter(|at| at.expiry_in_range(expires))
        .ok_or(Error::InvalidSigningTime)?;
    Ok(Prepared {
        request,
        at,
        expires,
    })
}

/// The result handed to the caller: `headers` are the signed ones the client
/// must set, so `content-length` (which every client sets itself and
/// browsers refuse to set) is signed but not returned.
pub(crate) fn finish(prepared: Prepared<'_>, url: String) -> PresignedRequest {
    let Prepared {
        request,
        at,
        expires,
    } = prepared;
    let mut headers = BTreeMap::new();
    // Inserted one by one: `collect` would first gather them into a `Vec`.
    for (name, value) in request.headers {
        if name != "content-length" {
            headers.insert(name.into_owned(), value.into_owned());
        }
    }
    PresignedRequest {
        method: request.method,
        url,
        headers,
        expires_at: at.plus(expires),
    }
}

/// The signed headers of a request, checked as they are added.
#[derive(Default)]
struct Headers<'a>(Vec<(Cow<'a, str>, Cow<'a, str>)>);

impl<'a> Headers<'a> {
    /// `name: value` when the option is given.
    fn value(
        &mut self,
        name: &'static str,
        argument: Argument,
        value: &'a Option<String>,
    ) -> Result<()> {
        if let Some(v) = value {
            check_length(v, argument)?;
            check_header_value(v, argument, || None)?;
            self.0.push((Cow::Borrowed(name), Cow::Borrowed(v)));
        }
        Ok(())
    }

    /// `content-length` when given.
    fn content_length(&mut self, len: Option<u64>) -> Result<()> {
        if let Some(len) = len {
            let len = content_length(i128::from(len))?;
            self.0
                .push((Cow::Borrowed("content-length"), Cow::Owned(len.to_string())));
        }
        Ok(())
    }

    /// `x-amz-checksum-<algorithm>: checksum`; the two go together.
    fn checksum(
        &mut self,
        algorithm: Option<ChecksumAlgorithm>,
        checksum: &'a Option<String>,
    ) -> Result<()> {
        match (algorithm, checksum) {
            (None, None) => Ok(()),
            (Some(_), None) => Err(Error::IncompleteChecksum {
                missing: Argument::Checksum,
            }),
            (None, Some(_)) => Err(Error::IncompleteChecksum {
                missing: Argument::ChecksumAlgorithm,
            }),
            (Some(algorithm), Some(value)) => {
                if !algorithm.is_base64_checksum(value) {
                    return Err(Error::InvalidChecksum { algorithm });
                }
                self.0
                    .push((Cow::Borrowed(algorithm.header()), Cow::Borrowed(value)));
                Ok(())
            }
        }
    }

    /// `x-amz-meta-<name>: value` for each entry.
    fn metadata(&mut self, metadata: &'a BTreeMap<String, String>) -> Result<()> {
        // The size first: it bounds the work below, however many entries came.
        let bytes = metadata.iter().map(|(n, v)| n.len() + v.len()).sum();
        if bytes > MAX_METADATA_BYTES {
            return Err(Error::MetadataTooLarge { bytes });
        }
        for (name, value) in metadata {
            check_metadata_name(name)?;
            check_header_value(value, Argument::Metadata, || Some(name.clone()))?;
            self.0.push((
                Cow::Owned(format!("x-amz-meta-{}", name.to_ascii_lowercase())),
                Cow::Borrowed(value),
            ));
        }
        Ok(())
    }

    /// The headers sorted by name, as `Request::headers` must be. Names equal
    /// once lower-cased are neighbours then: two metadata names differing in
    /// case, or `checksum_sha256` beside a SHA256 `checksum`.
    fn sorted(
        mut self,
        metadata: &BTreeMap<String, String>,
    ) -> Result<Vec<(Cow<'a, str>, Cow<'a, str>)>> {
        self.0.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        let Some(pair) = self.0.windows(2).find(|w| w[0].0 == w[1].0) else {
            return Ok(self.0);
        };
        match pair[0].0.strip_prefix("x-amz-meta-") {
            Some(lower) => {
                let mut same = metadata.keys().filter(|n| n.eq_ignore_ascii_case(lower));
                let name = same.next().cloned().unwrap_or_default();
                let other = same.next().cloned().unwrap_or_default();
                Err(Error::DuplicateMetadataName { name, other })
            }
            None => Err(Error::Conflict {
                argument: Argument::ChecksumSha256,
                other: Argument::Checksum,
            }),
        }
    }
}

/// The query parameters of a request, in name order.
#[derive(Default)]
struct Params<'a>(Vec<(&'static str, Cow<'a, str>)>);

impl<'a> Params<'a> {
    /// `name=value` when the option is given; callers add names in order.
    fn value(
        &mut self,
        name: &'static str,
        argument: Argument,
        value: &'a Option<String>,
    ) -> Result<()> {
        if let Some(v) = value {
            check_length(v, argument)?;
            self.0.push((name, Cow::Borrowed(v)));
        }
        Ok(())
    }

    /// `name=n` for a whole-number option within its range.
    fn number(&mut self, name: &'static str, argument: Argument, value: Option<u32>) -> Result<()> {
        if let Some(n) = value {
            let n = in_range(argument, i128::from(n))?;
            self.0.push((name, Cow::Owned(n.to_string())));
        }
        Ok(())
    }

    /// `uploadId=<id>`, checked.
    fn upload_id(&mut self, upload_id: &'a str) -> Result<()> {
        if upload_id.is_empty() || upload_id.len() > MAX_UPLOAD_ID_BYTES {
            return Err(Error::InvalidUploadId {
                len: upload_id.len(),
            });
        }
        self.0.push(("uploadId", Cow::Borrowed(upload_id)));
        Ok(())
    }
}

/// Turns an operation into the query parameters and headers to sign.
fn plan<'a>(key: &'a str, op: Operation<'a>) -> Result<Request<'a>> {
    let mut params = Params::default();
    let mut headers = Headers::default();
    let no_metadata = const { &BTreeMap::new() };
    let mut metadata = no_metadata;
    // Parameters are added in name order, as `Request::params` must be.
    match op {
        Operation::Put(o) => {
            headers.value("cache-control", Argument::CacheControl, &o.cache_control)?;
            headers.value(
                "content-disposition",
                Argument::ContentDisposition,
                &o.content_disposition,
            )?;
            headers.value("content-md5", Argument::ContentMd5, &o.content_md5)?;
            headers.value("content-type", Argument::ContentType, &o.content_type)?;
            headers.value("if-match", Argument::IfMatch, &o.if_match)?;
            headers.value("if-none-match", Argument::IfNoneMatch, &o.if_none_match)?;
            headers.value(
                "x-amz-checksum-sha256",
                Argument::ChecksumSha256,
                &o.checksum_sha256,
            )?;
            headers.content_length(o.content_length)?;
            headers.checksum(o.checksum_algorithm, &o.checksum)?;
            headers.metadata(&o.metadata)?;
            metadata = &o.metadata;
        }
        Operation::Get(o) => {
            params.value(
                "response-cache-control",
                Argument::ResponseCacheControl,
                &o.response_cache_control,
            )?;
            params.value(
                "response-content-disposition",
                Argument::ResponseContentDisposition,
                &o.response_content_disposition,
            )?;
            params.value(
                "response-content-type",
                Argument::ResponseContentType,
                &o.response_content_type,
            )?;
            params.value("versionId", Argument::VersionId, &o.version_id)?;
        }
        Operation::Head(o) | Operation::Delete(o) => {
            params.value("versionId", Argument::VersionId, &o.version_id)?;
        }
        Operation::CreateMultipartUpload(o) => {
            params.0.push(("uploads", Cow::Borrowed("")));
            headers.value("cache-control", Argument::CacheControl, &o.cache_control)?;
            headers.value(
                "content-disposition",
                Argument::ContentDisposition,
                &o.content_disposition,
            )?;
            headers.value("content-type", Argument::ContentType, &o.content_type)?;
            if let Some(algorithm) = o.checksum_algorithm {
                headers.0.push((
                    Cow::Borrowed("x-amz-checksum-algorithm"),
                    Cow::Borrowed(algorithm.as_str()),
                ));
            }
            headers.metadata(&o.metadata)?;
            metadata = &o.metadata;
        }
        Operation::UploadPart {
            upload_id,
            part_number,
            options: o,
        } => {
            params.number("partNumber", Argument::PartNumber, Some(part_number))?;
            params.upload_id(upload_id)?;
            headers.value("content-md5", Argument::ContentMd5, &o.content_md5)?;
            headers.content_length(o.content_length)?;
            headers.checksum(o.checksum_algorithm, &o.checksum)?;
        }
        Operation::ListParts {
            upload_id,
            options: o,
        } => {
            params.number("max-parts", Argument::MaxParts, o.max_parts)?;
            params.number(
                "part-number-marker",
                Argument::PartNumberMarker,
                o.part_number_marker,
            )?;
            params.upload_id(upload_id)?;
        }
        Operation::CompleteMultipartUpload {
            upload_id,
            options: o,
        } => {
            params.upload_id(upload_id)?;
            headers.value("if-match", Argument::IfMatch, &o.if_match)?;
            headers.value("if-none-match", Argument::IfNoneMatch, &o.if_none_match)?;
        }
        Operation::AbortMultipartUpload { upload_id, .. } => params.upload_id(upload_id)?,
    }
    Ok(Request {
        method: op.method(),
        key,
        params: params.0,
        headers: headers.sorted(metadata)?,
    })
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

    #[test]
    fn expiry_bounds() {
        let s = signer();
        let get = |secs| GetOptions {
            expires_in: Some(Duration::from_secs(secs)),
            ..Default::default()
        };
        assert_eq!(
            s.presign_get("k", &get(0)).unwrap_err(),
            Error::InvalidExpiry { secs: 0 }
        );
        assert_eq!(
            s.presign_get("k", &get(604_801)).unwrap_err(),
            Error::InvalidExpiry { secs: 604_801 }
        );
        let ok = s
            .presign_get(
                "k",
                &GetOptions {
                    signing_time: Some(UNIX_EPOCH + Duration::from_secs(1000)),
                    ..get(604_800)
                },
            )
            .unwrap();
        assert_eq!(ok.expires_at, UNIX_EPOCH + Duration::from_secs(605_800));
    }

    #[test]
    fn key_length_is_counted_in_utf8_bytes() {
        let s = signer();
        let opts = GetOptions::default();
        assert!(s.presign_get(&"a".repeat(1024), &opts).is_ok());
        assert!(s.presign_get(&"é".repeat(512), &opts).is_ok());
        assert_eq!(
            s.presign_get(&"é".repeat(513), &opts).unwrap_err(),
            Error::KeyTooLong { len: 1026 }
        );
    }

    #[test]
    fn control_characters_in_keys_are_signed_not_refused() {
        let url = signer()
            .presign_get("a\u{0}b\nc\u{7f}", &GetOptions::default())
            .unwrap()
            .url;
        assert!(
            url.starts_with("http://127.0.0.1:9000/bucket/a%00b%0Ac%7F?"),
            "{url}"
        );
    }

    #[test]
    fn metadata_names_and_values_are_checked() {
        let s = signer();
        let put = |name: &str, value: &str| PutOptions {
            metadata: [(name.to_owned(), value.to_owned())].into(),
            ..Default::default()
        };
        for bad in ["", "a b", "é", "a:b"] {
            assert!(matches!(
                s.presign_put("k", &put(bad, "v")).unwrap_err(),
                Error::InvalidMetadataName { .. }
            ));
        }
        let err = s.presign_put("k", &put("ok", "x\ny")).unwrap_err();
        assert_eq!(
            err.to_string(),
            "metadata[\"ok\"] must be printable ASCII (no control or non-ASCII characters)"
        );
        let both: PutOptions = PutOptions {
            metadata: [
                ("A".to_owned(), "1".to_owned()),
                ("a".to_owned(), "2".to_owned()),
            ]
            .into(),
            ..Default::default()
        };
        let err = s.presign_put("k", &both).unwrap_err();
        assert!(
            matches!(err, Error::DuplicateMetadataName { .. }),
            "{err:?}"
        );
        assert!(err.to_string().contains("metadata"));
        let ok = s.presign_put("k", &put("Camel-Case", "v 1")).unwrap();
        assert_eq!(ok.headers["x-amz-meta-camel-case"], "v 1");
    }

    #[test]
    fn no_checksum_or_x_id_parameters_are_added() {
        let s = signer();
        let put = s.presign_put("k", &PutOptions::default()).unwrap();
        let get = s.presign_get("k", &GetOptions::default()).unwrap();
        for url in [put.url, get.url] {
            let lower = url.to_ascii_lowercase();
            for banned in ["x-id=", "x-amz-checksum", "x-amz-sdk-checksum-algorithm"] {
                assert!(!lower.contains(banned), "{url}");
            }
        }
        assert!(put.headers.is_empty());
    }
}

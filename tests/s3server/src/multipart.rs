//! s3s-fs 0.14.1 behind a wrapper that fills the multipart gaps real
//! clients (botocore, Uppy 6) meet, so that they see what S3 answers:
//!
//! - CompleteMultipartUpload answers with `<Location>` (Uppy 6 fails without).
//! - ListParts answers 404 `NoSuchUpload` for an unknown, aborted or completed
//!   upload, gives each part its `ETag`, and pages with `max-parts`,
//!   `part-number-marker`, `IsTruncated` and `NextPartNumberMarker`.
//! - UploadPart, UploadPartCopy, Complete and Abort answer 404 `NoSuchUpload`
//!   for such an upload (s3s-fs answers 403 `AccessDenied`).
//! - UploadPart verifies `Content-MD5` and `x-amz-checksum-*` (header or
//!   aws-chunked trailer): 400 `BadDigest` on a mismatch, and the part is not
//!   stored (an earlier upload of the same part number stays).
//!
//! Every other operation goes to s3s-fs unchanged.

use std::future::Future;
use std::path::{Path, PathBuf};
use std::pin::Pin;
use std::sync::{Arc, Mutex, PoisonError};
use std::task::{Context, Poll};

use bytes::Bytes;
use futures_core::Stream;
use s3s::checksum::ChecksumHasher;
use s3s::crypto::{Checksum as _, Crc32, Crc32c, Crc64Nvme, Md5, Sha1, Sha256};
use s3s::dto::*;
use s3s::stream::{ByteStream, RemainingLength};
use s3s::{s3_error, S3Error, S3Request, S3Response, S3Result, StdError, TrailingHeaders, S3};
use tokio::io::AsyncReadExt;

type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// The S3 service: s3s-fs plus the fixes above.
pub struct Multipart {
    fs: s3s_fs::FileSystem,
    /// s3s-fs's data directory, canonical as s3s-fs keeps it.
    root: PathBuf,
}

impl Multipart {
    pub fn new(root: &Path) -> Result<Self, BoxError> {
        // `s3s_fs::Error` is not a `std::error::Error`: keep its message only.
        let fs = s3s_fs::FileSystem::new(root).map_err(|e| format!("{e:?}"))?;
        Ok(Self {
            fs,
            root: root.canonicalize()?,
        })
    }

    /// `NoSuchUpload` unless `id` is a live upload of `bucket`/`key`. s3s-fs
    /// keeps one as `ROOT/.upload-ID.json` plus the attributes file
    /// `ROOT/.bucket-B.object-K.upload-ID.metadata.json` (B, K in unpadded
    /// URL-safe base64); Complete and Abort remove both.
    fn check_upload(&self, bucket: &str, key: &str, id: &str) -> S3Result<()> {
        let b64 = |s: &str| base64_simd::URL_SAFE_NO_PAD.encode_to_string(s);
        // The ids s3s-fs issues are lowercase hyphenated UUIDs; anything else
        // (and so no path trick) is unknown.
        let is_id = id.len() == 36
            && id
                .bytes()
                .all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f' | b'-'));
        let attrs = format!(
            ".bucket-{}.object-{}.upload-{id}.metadata.json",
            b64(bucket),
            b64(key)
        );
        if is_id
            && self.root.join(format!(".upload-{id}.json")).is_file()
            && self.root.join(attrs).is_file()
        {
            return Ok(());
        }
        Err(s3_error!(
            NoSuchUpload,
            "The specified upload does not exist. The upload ID may be invalid, \
             or the upload may have been aborted or completed."
        ))
    }
}

/// Forwards operations to s3s-fs unchanged. `S3` is an `async_trait`, and
/// `async_trait` does not rewrite `async fn`s that a macro expands to, so
/// these are written in its expanded form, returning s3s-fs's boxed future.
macro_rules! delegate {
    ($($op:ident: $input:ident => $output:ident,)*) => {$(
        fn $op<'life0, 'async_trait>(
            &'life0 self,
            req: S3Request<$input>,
        ) -> Pin<Box<dyn Future<Output = S3Result<S3Response<$output>>> + Send + 'async_trait>>
        where
            'life0: 'async_trait,
            Self: 'async_trait,
        {
            self.fs.$op(req)
        }
    )*};
}

#[async_trait::async_trait]
impl S3 for Multipart {
    // Everything s3s-fs implements that needs no fix (the rest stays s3s's
    // NotImplemented, as before).
    delegate! {
        create_bucket: CreateBucketInput => CreateBucketOutput,
        copy_object: CopyObjectInput => CopyObjectOutput,
        delete_bucket: DeleteBucketInput => DeleteBucketOutput,
        delete_object: DeleteObjectInput => DeleteObjectOutput,
        delete_objects: DeleteObjectsInput => DeleteObjectsOutput,
        get_bucket_location: GetBucketLocationInput => GetBucketLocationOutput,
        get_object: GetObjectInput => GetObjectOutput,
        head_bucket: HeadBucketInput => HeadBucketOutput,
        head_object: HeadObjectInput => HeadObjectOutput,
        list_buckets: ListBucketsInput => ListBucketsOutput,
        list_objects: ListObjectsInput => ListObjectsOutput,
        list_objects_v2: ListObjectsV2Input => ListObjectsV2Output,
        put_object: PutObjectInput => PutObjectOutput,
        create_multipart_upload: CreateMultipartUploadInput => CreateMultipartUploadOutput,
    }

    async fn upload_part(
        &self,
        mut req: S3Request<UploadPartInput>,
    ) -> S3Result<S3Response<UploadPartOutput>> {
        let input = &req.input;
        self.check_upload(&input.bucket, &input.key, &input.upload_id)?;
        // A malformed digest is refused before anything is read.
        let claims = Claims::parse(&req)?;
        let outcome = Arc::new(Mutex::new(None));
        if let Some(body) = req.input.body.take() {
            let hasher = claims.hasher();
            req.input.body = Some(StreamingBlob::new(Verified {
                body,
                pending: Some((claims, Md5::new(), hasher)),
                trailers: req.trailing_headers.clone(),
                outcome: Arc::clone(&outcome),
            }));
        }
        let result = self.fs.upload_part(req).await;
        let outcome = outcome
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .take();
        match (result, outcome) {
            // The stream failed at its end, so s3s-fs stored nothing.
            (_, Some(Err(bad_digest))) => Err(bad_digest),
            // S3 echoes the checksums it verified.
            (Ok(mut resp), Some(Ok(sums))) => {
                let out = &mut resp.output;
                out.checksum_crc32 = sums.checksum_crc32;
                out.checksum_crc32c = sums.checksum_crc32c;
                out.checksum_crc64nvme = sums.checksum_crc64nvme;
                out.checksum_sha1 = sums.checksum_sha1;
                out.checksum_sha256 = sums.checksum_sha256;
                Ok(resp)
            }
            (result, _) => result,
        }
    }

    async fn upload_part_copy(
        &self,
        req: S3Request<UploadPartCopyInput>,
    ) -> S3Result<S3Response<UploadPartCopyOutput>> {
        let input = &req.input;
        self.check_upload(&input.bucket, &input.key, &input.upload_id)?;
        self.fs.upload_part_copy(req).await
    }

    async fn list_parts(
        &self,
        req: S3Request<ListPartsInput>,
    ) -> S3Result<S3Response<ListPartsOutput>> {
        let input = &req.input;
        self.check_upload(&input.bucket, &input.key, &input.upload_id)?;
        let id = input.upload_id.clone();
        let marker = input.part_number_marker.unwrap_or(0);
        // S3 returns at most 1000 parts, whatever max-parts asks for.
        let max_parts = input.max_parts.unwrap_or(1000);
        if max_parts < 0 {
            return Err(s3_error!(
                InvalidArgument,
                "max-parts must be an integer between 0 and 2147483647"
            ));
        }
        let limit = max_parts.min(1000) as usize;

        // s3s-fs lists every part (in directory order) with its number, size
        // and modification time; page, sort and add the ETags here.
        let mut resp = self.fs.list_parts(req).await?;
        let out = &mut resp.output;
        let mut parts = out.parts.take().unwrap_or_default();
        parts.retain(|p| p.part_number.is_some_and(|n| n > marker));
        parts.sort_by_key(|p| p.part_number);
        out.is_truncated = Some(parts.len() > limit);
        parts.truncate(limit);
        for part in &mut parts {
            let n = part.part_number.unwrap_or_default();
            let path = self.root.join(format!(".upload_id-{id}.part-{n}"));
            // A part's ETag is the MD5 of its bytes, as UploadPart answered.
            let md5 = md5_file(&path).await.map_err(S3Error::internal_error)?;
            part.e_tag = Some(ETag::Strong(hex(&md5)));
        }
        out.next_part_number_marker = parts.last().and_then(|p| p.part_number);
        out.part_number_marker = Some(marker);
        out.max_parts = Some(max_parts);
        out.parts = Some(parts);
        Ok(resp)
    }

    async fn complete_multipart_upload(
        &self,
        req: S3Request<CompleteMultipartUploadInput>,
    ) -> S3Result<S3Response<CompleteMultipartUploadOutput>> {
        let input = &req.input;
        self.check_upload(&input.bucket, &input.key, &input.upload_id)?;
        let location = location(&req);
        let mut resp = self.fs.complete_multipart_upload(req).await?;
        // s3s-fs answers through `future` (s3s keeps the connection alive
        // with whitespace until it resolves): add Location to its result.
        let out = &mut resp.output;
        out.location.clone_from(&location);
        if let Some(result) = out.future.take() {
            out.future = Some(Box::pin(async move {
                let mut out = result.await?;
                out.location = location;
                Ok(out)
            }));
        }
        Ok(resp)
    }

    async fn abort_multipart_upload(
        &self,
        req: S3Request<AbortMultipartUploadInput>,
    ) -> S3Result<S3Response<AbortMultipartUploadOutput>> {
        let input = &req.input;
        self.check_upload(&input.bucket, &input.key, &input.upload_id)?;
        self.fs.abort_multipart_upload(req).await
    }
}

/// `http://HOST/BUCKET/KEY` (path style, key percent-encoded), from the
/// request's Host, as S3 answers CompleteMultipartUpload.
fn location(req: &S3Request<CompleteMultipartUploadInput>) -> Option<String> {
    let host = req
        .headers
        .get(http::header::HOST)
        .and_then(|h| h.to_str().ok())
        .or_else(|| req.uri.authority().map(|a| a.as_str()))?;
    let mut url = format!("http://{host}/{}/", req.input.bucket);
    for b in req.input.key.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            url.push(char::from(b));
        } else {
            url.push_str(&format!("%{b:02X}"));
        }
    }
    Some(url)
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

async fn md5_file(path: &Path) -> std::io::Result<[u8; 16]> {
    let mut file = tokio::fs::File::open(path).await?;
    let mut md5 = Md5::new();
    let mut buf = vec![0; 64 * 1024];
    loop {
        let n = file.read(&mut buf).await?;
        if n == 0 {
            return Ok(md5.finalize());
        }
        md5.update(&buf[..n]);
    }
}

/// The `x-amz-checksum-*` algorithms, with their digest sizes in bytes.
const ALGORITHMS: [(&str, usize); 5] = [
    ("crc32", 4),
    ("crc32c", 4),
    ("crc64nvme", 8),
    ("sha1", 20),
    ("sha256", 32),
];

/// What an UploadPart request says its body's digests are.
struct Claims {
    /// `Content-MD5`, decoded.
    md5: Option<Vec<u8>>,
    /// `(algorithm, base64 digest)` of each `x-amz-checksum-*` header.
    sums: Vec<(&'static str, String)>,
    /// The algorithm (and digest size) of an aws-chunked trailer
    /// (`x-amz-trailer`): its value arrives after the body.
    trailer: Option<(&'static str, usize)>,
}

impl Claims {
    fn parse(req: &S3Request<UploadPartInput>) -> S3Result<Self> {
        let md5 = match &req.input.content_md5 {
            Some(v) => Some(
                decode(v, 16)
                    .ok_or_else(|| s3_error!(InvalidDigest, "The Content-MD5 is not valid."))?,
            ),
            None => None,
        };
        let mut sums = Vec::new();
        for (alg, len) in ALGORITHMS {
            let name = format!("x-amz-checksum-{alg}");
            if let Some(v) = req.headers.get(name.as_str()) {
                sums.push((alg, canonical(v.to_str().ok(), alg, len)?));
            }
        }
        let trailer = req
            .headers
            .get("x-amz-trailer")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| {
                let v = v.trim().to_ascii_lowercase();
                ALGORITHMS
                    .into_iter()
                    .find(|(alg, _)| v == format!("x-amz-checksum-{alg}"))
            });
        Ok(Self { md5, sums, trailer })
    }

    /// A hasher computing every algorithm claimed.
    fn hasher(&self) -> ChecksumHasher {
        let mut h = ChecksumHasher::default();
        let trailer = self.trailer.map(|(alg, _)| alg);
        for alg in self.sums.iter().map(|(alg, _)| *alg).chain(trailer) {
            match alg {
                "crc32" => h.crc32 = Some(Crc32::new()),
                "crc32c" => h.crc32c = Some(Crc32c::new()),
                "crc64nvme" => h.crc64nvme = Some(Crc64Nvme::new()),
                "sha1" => h.sha1 = Some(Sha1::new()),
                _ => h.sha256 = Some(Sha256::new()),
            }
        }
        h
    }

    /// Compares the body's digests with the claims (the trailer's value
    /// read now); `BadDigest` on a mismatch, else the checksums.
    fn verify(
        mut self,
        md5: Md5,
        hasher: ChecksumHasher,
        trailers: Option<&TrailingHeaders>,
    ) -> S3Result<s3s::dto::Checksum> {
        if self.md5.is_some_and(|want| want != md5.finalize()) {
            return Err(s3_error!(
                BadDigest,
                "The Content-MD5 you specified did not match what we received."
            ));
        }
        if let Some((alg, len)) = self.trailer {
            let name = format!("x-amz-checksum-{alg}");
            let value = trailers.and_then(|t| {
                t.read(|h| {
                    h.get(name.as_str())
                        .and_then(|v| v.to_str().ok().map(str::to_owned))
                })
            });
            if let Some(value) = value.flatten() {
                self.sums.push((alg, canonical(Some(&value), alg, len)?));
            }
        }
        let sums = hasher.finalize();
        for (alg, want) in &self.sums {
            let got = match *alg {
                "crc32" => &sums.checksum_crc32,
                "crc32c" => &sums.checksum_crc32c,
                "crc64nvme" => &sums.checksum_crc64nvme,
                "sha1" => &sums.checksum_sha1,
                _ => &sums.checksum_sha256,
            };
            if got.as_deref() != Some(want.as_str()) {
                return Err(s3_error!(
                    BadDigest,
                    "The {} you specified did not match the calculated checksum.",
                    alg.to_uppercase()
                ));
            }
        }
        Ok(sums)
    }
}

/// Standard base64 that decodes to exactly `len` bytes.
fn decode(value: &str, len: usize) -> Option<Vec<u8>> {
    let bytes = base64_simd::STANDARD.decode_to_vec(value.trim()).ok()?;
    (bytes.len() == len).then_some(bytes)
}

/// A claimed checksum in the form s3s computes it in (re-encoded base64);
/// S3 refuses a malformed one with 400 `InvalidRequest`.
fn canonical(value: Option<&str>, alg: &str, len: usize) -> S3Result<String> {
    value
        .and_then(|v| decode(v, len))
        .map(|bytes| base64_simd::STANDARD.encode_to_string(bytes))
        .ok_or_else(|| {
            s3_error!(
                InvalidRequest,
                "Value for x-amz-checksum-{alg} header is invalid."
            )
        })
}

/// An UploadPart body, hashed on its way to s3s-fs. At its end the digests
/// are checked; on a mismatch the stream ends with an error instead, so
/// s3s-fs drops its temporary file rather than storing the part, and
/// `upload_part` answers with the `BadDigest` left in `outcome`.
struct Verified {
    body: StreamingBlob,
    /// The claims and the running digests; `None` once the body has ended.
    pending: Option<(Claims, Md5, ChecksumHasher)>,
    trailers: Option<TrailingHeaders>,
    outcome: Arc<Mutex<Option<S3Result<s3s::dto::Checksum>>>>,
}

impl Stream for Verified {
    type Item = Result<Bytes, StdError>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = self.get_mut();
        let Some((_, md5, hasher)) = &mut this.pending else {
            return Poll::Ready(None);
        };
        let polled = Pin::new(&mut this.body).poll_next(cx);
        match &polled {
            Poll::Ready(Some(Ok(bytes))) => {
                md5.update(bytes);
                hasher.update(bytes);
            }
            Poll::Ready(None) => {
                let (claims, md5, hasher) = this.pending.take().expect("checked above");
                let verdict = claims.verify(md5, hasher, this.trailers.as_ref());
                let failed = verdict.is_err();
                *this.outcome.lock().unwrap_or_else(PoisonError::into_inner) = Some(verdict);
                if failed {
                    return Poll::Ready(Some(Err("digest mismatch".into())));
                }
            }
            _ => {}
        }
        polled
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.body.size_hint()
    }
}

impl ByteStream for Verified {
    fn remaining_length(&self) -> RemainingLength {
        self.body.remaining_length()
    }
}

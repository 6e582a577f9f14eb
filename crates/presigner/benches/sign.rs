//! presigner vs rusty-s3 on the same presigned GET and PUT, and the floor:
//! the SHA-256 and HMAC work of one URL alone; then the UploadPart URLs of
//! all 10,000 parts of one upload, presigner's batch vs a rusty-s3 loop.
//! Run: `cargo bench -p presigner`.

#![allow(missing_docs, clippy::unwrap_used)]

use std::hint::black_box;
use std::time::{Duration, UNIX_EPOCH};

use criterion::{criterion_group, criterion_main, Criterion, SamplingMode};
use hmac::{Hmac, KeyInit, Mac};
use presigner::{GetOptions, PutOptions, Signer, SigningOptions};
use rusty_s3::{Bucket, Credentials, S3Action, UrlStyle};
use sha2::{Digest, Sha256};

const ENDPOINT: &str = "https://0123456789abcdef0123456789abcdef.r2.cloudflarestorage.com";
const KEY: &str = "photos/2024/05/cat picture+1.jpg";
const SECS: u64 = 1_764_000_000;
/// The upload id of the examples in the S3 API reference; the same in
/// bench_python.py and bench_node.mjs.
const UPLOAD_ID: &str = "VXBsb2FkIElEIGZvciA2aWWpbmcncyBteS1tb3ZpZS5tMnRzIHVwbG9hZA";
/// S3's most parts per upload: a 50 GB file in 5 MiB parts.
const PARTS: u16 = 10_000;

fn bench(c: &mut Criterion) {
    let signer = Signer::builder(
        ENDPOINT,
        "uploads",
        "AKIDEXAMPLE",
        "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
    )
    .build()
    .unwrap();
    let at = Some(UNIX_EPOCH + Duration::from_secs(SECS));
    let get = GetOptions {
        signing_time: at,
        ..Default::default()
    };
    let put = PutOptions {
        signing_time: at,
        content_type: Some("image/jpeg".into()),
        ..Default::default()
    };

    let bucket = Bucket::new(ENDPOINT.parse().unwrap(), UrlStyle::Path, "uploads", "auto").unwrap();
    let creds = Credentials::new("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
    let time = jiff::Timestamp::from_second(SECS as i64).unwrap();
    let hour = Duration::from_secs(3600);

    let mut g = c.benchmark_group("presign");
    g.bench_function("presigner get", |b| {
        b.iter(|| signer.presign_get(black_box(KEY), &get).unwrap())
    });
    g.bench_function("rusty-s3 get", |b| {
        b.iter(|| {
            bucket
                .get_object(Some(&creds), black_box(KEY))
                .sign_with_time(hour, &time)
        })
    });
    g.bench_function("presigner put", |b| {
        b.iter(|| signer.presign_put(black_box(KEY), &put).unwrap())
    });
    g.bench_function("rusty-s3 put", |b| {
        b.iter(|| {
            let mut action = bucket.put_object(Some(&creds), black_box(KEY));
            action.headers_mut().insert("content-type", "image/jpeg");
            action.sign_with_time(hour, &time)
        })
    });
    // The batch the bindings' presign_get_many is compared with.
    let keys: Vec<String> = (0..1000)
        .map(|i| format!("photos/2024/05/cat picture+{i}.jpg"))
        .collect();
    g.bench_function("presigner get_many 1000", |b| {
        b.iter(|| signer.presign_get_many(black_box(&keys), &get).unwrap())
    });
    // The floor: hash a canonical request of this URL's size, then HMAC the
    // string to sign with an already-keyed state (what a cached key leaves).
    let canonical = signer
        .explain(KEY, presigner::Operation::Get(&get))
        .unwrap();
    let keyed = Hmac::<Sha256>::new_from_slice(&[7u8; 32]).unwrap();
    g.bench_function("floor: sha256 + hmac", |b| {
        b.iter(|| {
            let digest = Sha256::digest(black_box(canonical.canonical_request.as_bytes()));
            let mut mac = keyed.clone();
            mac.update(black_box(canonical.string_to_sign.as_bytes()));
            (digest, mac.finalize().into_bytes())
        })
    });
    g.finish();

    // The UploadPart URLs of all 10,000 parts of one upload (milliseconds per
    // iteration): 10 samples of equal iteration counts, not criterion's 100
    // growing ones, which would take minutes. The bindings'
    // presign_upload_parts / presignUploadParts are compared with the first.
    let mut g = c.benchmark_group("upload_parts");
    g.sampling_mode(SamplingMode::Flat).sample_size(10);
    let parts = SigningOptions {
        signing_time: at,
        ..Default::default()
    };
    let ours = signer
        .presign_upload_parts(KEY, UPLOAD_ID, PARTS.into(), &parts)
        .unwrap();
    let theirs = bucket
        .upload_part(Some(&creds), KEY, PARTS, UPLOAD_ID)
        .sign_with_time(hour, &time);
    assert_eq!(ours.len(), usize::from(PARTS));
    // The same signature (the two order the query differently).
    let signature = |url: &str| url.split_once("X-Amz-Signature=").unwrap().1.to_owned();
    assert_eq!(
        signature(&ours.last().unwrap().url),
        signature(theirs.as_str())
    );
    g.bench_function("presigner upload_parts 10000", |b| {
        b.iter(|| {
            signer
                .presign_upload_parts(black_box(KEY), black_box(UPLOAD_ID), PARTS.into(), &parts)
                .unwrap()
        })
    });
    g.bench_function("rusty-s3 upload_part x 10000", |b| {
        b.iter(|| {
            (1..=PARTS)
                .map(|n| {
                    bucket
                        .upload_part(Some(&creds), black_box(KEY), n, black_box(UPLOAD_ID))
                        .sign_with_time(hour, &time)
                })
                .collect::<Vec<_>>()
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);

//! Runs every case of `tests/vectors/*.json` (expected values from botocore)
//! through the public API, and reports every failing case id.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::time::Duration;

use common::{load_all, parse_time, split_url, Args, Case};
use presigner::{
    ChecksumAlgorithm, CompleteMultipartUploadOptions, CreateMultipartUploadOptions, GetOptions,
    ListPartsOptions, ObjectOptions, Operation, PutOptions, SigningOptions, UploadPartOptions,
};

fn run(case: &Case, signer_cfg: &common::SignerConfig) -> Result<(), String> {
    let cfg = signer_cfg.merged(case.signer.as_ref());
    let a: &Args = &case.args;
    let expires_in = a.expires_in.map(Duration::from_secs);
    let signing_time = a.signing_time.as_deref().map(parse_time);
    let checksum_algorithm = a.checksum_algorithm.as_deref().map(|name| {
        name.parse::<ChecksumAlgorithm>()
            .unwrap_or_else(|e| panic!("case {}: {e}", case.id))
    });
    let put = PutOptions {
        expires_in,
        content_type: a.content_type.clone(),
        content_length: a.content_length,
        content_md5: a.content_md5.clone(),
        checksum_sha256: a.checksum_sha256.clone(),
        cache_control: a.cache_control.clone(),
        content_disposition: a.content_disposition.clone(),
        metadata: a.metadata.clone().unwrap_or_default(),
        if_none_match: a.if_none_match.clone(),
        if_match: a.if_match.clone(),
        checksum_algorithm,
        checksum: a.checksum.clone(),
        signing_time,
    };
    let create = CreateMultipartUploadOptions {
        expires_in,
        content_type: a.content_type.clone(),
        cache_control: a.cache_control.clone(),
        content_disposition: a.content_disposition.clone(),
        metadata: a.metadata.clone().unwrap_or_default(),
        checksum_algorithm,
        signing_time,
    };
    let part = UploadPartOptions {
        expires_in,
        content_length: a.content_length,
        content_md5: a.content_md5.clone(),
        checksum_algorithm,
        checksum: a.checksum.clone(),
        signing_time,
    };
    let list = ListPartsOptions {
        expires_in,
        max_parts: a.max_parts,
        part_number_marker: a.part_number_marker,
        signing_time,
    };
    let complete = CompleteMultipartUploadOptions {
        expires_in,
        if_none_match: a.if_none_match.clone(),
        if_match: a.if_match.clone(),
        signing_time,
    };
    let plain = SigningOptions {
        expires_in,
        signing_time,
    };
    let upload_id = a.upload_id.as_deref().unwrap_or_default();
    let get = GetOptions {
        expires_in,
        response_content_type: a.response_content_type.clone(),
        response_content_disposition: a.response_content_disposition.clone(),
        response_cache_control: a.response_cache_control.clone(),
        version_id: a.version_id.clone(),
        signing_time,
    };
    let object = ObjectOptions {
        expires_in,
        version_id: a.version_id.clone(),
        signing_time,
    };
    let op = match case.op.as_str() {
        "presign_put" => Operation::Put(&put),
        "presign_get" => Operation::Get(&get),
        "presign_head" => Operation::Head(&object),
        "presign_delete" => Operation::Delete(&object),
        "presign_create_multipart_upload" => Operation::CreateMultipartUpload(&create),
        "presign_upload_part" => Operation::UploadPart {
            upload_id,
            part_number: a.part_number.unwrap_or_default(),
            options: &part,
        },
        "presign_list_parts" => Operation::ListParts {
            upload_id,
            options: &list,
        },
        "presign_complete_multipart_upload" => Operation::CompleteMultipartUpload {
            upload_id,
            options: &complete,
        },
        "presign_abort_multipart_upload" => Operation::AbortMultipartUpload {
            upload_id,
            options: &plain,
        },
        other => panic!("case {}: unknown op {other}", case.id),
    };
    let result = cfg.build().and_then(|s| s.explain(&case.key, op));

    match (&case.expect, &case.error, result) {
        (Some(want), None, Ok(got)) => {
            let r = &got.request;
            let mut diffs = Vec::new();
            if r.method.as_str() != want.method {
                diffs.push(format!("method {} != {}", r.method, want.method));
            }
            if split_url(&r.url) != split_url(&want.url) {
                diffs.push(format!("url\n   got {}\n  want {}", r.url, want.url));
            }
            if r.headers != want.headers {
                diffs.push(format!("headers {:?} != {:?}", r.headers, want.headers));
            }
            if r.expires_at != parse_time(&want.expires_at) {
                diffs.push(format!("expires_at differs from {}", want.expires_at));
            }
            if let Some(cr) = &want.canonical_request {
                if &got.canonical_request != cr {
                    diffs.push(format!(
                        "canonical_request\n   got {:?}\n  want {:?}",
                        got.canonical_request, cr
                    ));
                }
            }
            if let Some(sts) = &want.string_to_sign {
                if &got.string_to_sign != sts {
                    diffs.push(format!(
                        "string_to_sign\n   got {:?}\n  want {:?}",
                        got.string_to_sign, sts
                    ));
                }
            }
            if diffs.is_empty() {
                Ok(())
            } else {
                Err(diffs.join("\n  "))
            }
        }
        (None, Some(want), Err(err)) => {
            let msg = err.to_string();
            if err.kind().code() != want.code {
                Err(format!(
                    "code {} != {} ({msg})",
                    err.kind().code(),
                    want.code
                ))
            } else if !msg.contains(&want.message_contains) {
                Err(format!(
                    "message {msg:?} does not name {:?}",
                    want.message_contains
                ))
            } else {
                Ok(())
            }
        }
        (_, _, Ok(got)) => Err(format!("expected an error, got {}", got.request.url)),
        (_, _, Err(err)) => Err(format!("unexpected error: {err}")),
    }
}

#[test]
fn every_vector_matches_botocore() {
    let mut total = 0;
    let mut failures = Vec::new();
    for (name, file) in load_all() {
        for case in &file.cases {
            total += 1;
            if let Err(why) = run(case, &file.signer) {
                failures.push(format!("{name} {}: {why}", case.id));
            }
        }
    }
    println!("vectors: {total} cases run");
    assert!(
        failures.is_empty(),
        "{} of {total} vector cases failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// `complete_body.json`: the CompleteMultipartUpload bodies botocore sends.
#[test]
fn complete_bodies_match_botocore() {
    let text = std::fs::read_to_string(common::vectors_dir().join("complete_body.json")).unwrap();
    let doc: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(doc["schema"], "presigner-complete-body/1");
    let cases = doc["cases"].as_array().unwrap();
    assert!(!cases.is_empty());
    for case in cases {
        let parts: Vec<presigner::CompletedPart> = case["parts"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| {
                let n = u32::try_from(p[0].as_u64().unwrap()).unwrap();
                presigner::CompletedPart::new(n, p[1].as_str().unwrap())
            })
            .collect();
        let body = presigner::complete_multipart_upload_body(&parts).unwrap();
        assert_eq!(body, case["expect_xml"].as_str().unwrap(), "{}", case["id"]);
    }
    println!("complete bodies: {} cases run", cases.len());
}

//! Presigned URLs against a real S3-compatible server that verifies SigV4
//! (s3s, started on 127.0.0.1): the server, not our signer, judges them.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::time::{Duration, SystemTime};

use common::http::{send, Response};
use common::server::{Server, ACCESS_KEY, BUCKET, SECRET_KEY};
use presigner::{
    complete_multipart_upload_body, parse_create_multipart_upload, parse_error, parse_list_parts,
    CompleteMultipartUploadOptions, CompletedPart, CreateMultipartUploadOptions, GetOptions,
    ListPartsOptions, ObjectOptions, PresignedRequest, PutOptions, Signer, SigningOptions,
    UploadPolicy, UploadRequest,
};

fn signer(server: &Server, secret: &str) -> Signer {
    Signer::builder(&server.endpoint, BUCKET, ACCESS_KEY, secret)
        .build()
        .unwrap()
}

fn replay(req: &PresignedRequest, body: &[u8]) -> Response {
    let headers: Vec<(&str, &str)> = req
        .headers
        .iter()
        .map(|(n, v)| (n.as_str(), v.as_str()))
        .collect();
    send(req.method.as_str(), &req.url, &headers, body)
}

fn put(s: &Signer, key: &str, body: &[u8]) -> Response {
    let req = s
        .presign_put(
            key,
            &PutOptions {
                content_type: Some("application/octet-stream".into()),
                ..Default::default()
            },
        )
        .unwrap();
    replay(&req, body)
}

fn get(s: &Signer, key: &str) -> Response {
    replay(&s.presign_get(key, &GetOptions::default()).unwrap(), b"")
}

#[test]
fn against_a_signature_checking_server() {
    let server = Server::start();
    let s = signer(&server, SECRET_KEY);
    put_get_head_delete(&s);
    keys_with_special_characters_round_trip(&s);
    tampered_signature_is_rejected(&s);
    wrong_secret_is_rejected(&server);
    expired_url_is_rejected(&s);
    mismatched_content_type_is_rejected(&s);
    multipart_upload_round_trip(&s);
    aborted_upload_is_no_such_upload(&s);
    create_only_put_refuses_a_second_write(&s);
    upload_policy_round_trip(&s);
}

/// Everything Uppy asks, signed by an `UploadPolicy`, as Uppy sends it: a
/// PutObject (whose URL, replayed, answers 412: `create_only`), then a
/// multipart upload created, uploaded, listed and completed, and another
/// aborted.
fn upload_policy_round_trip(s: &Signer) {
    let policy = UploadPolicy {
        content_types: Some(vec!["text/*".into(), "video/*".into()]),
        ..Default::default()
    };
    let sign = |method: &str, key: &str, upload_id: Option<&str>, part_number: Option<i128>| {
        let request = UploadRequest {
            method: method.into(),
            key: key.into(),
            upload_id: upload_id.map(Into::into),
            part_number,
            content_type: (upload_id.is_none() && method != "DELETE").then(|| "text/plain".into()),
            ..Default::default()
        };
        policy.sign(s, &request).unwrap()
    };

    let put = sign("PUT", "f00d-notes.TXT", None, None);
    assert!(put.key.starts_with("uploads/") && put.key.ends_with(".txt"));
    assert_eq!(replay(&put.request, b"hello").status, 200);
    assert_eq!(replay(&put.request, b"again").status, 412);
    assert_eq!(get(s, &put.key).body, b"hello");

    let created = sign("POST", "f00d-movie.mp4", None, None);
    let upload_id = parse_create_multipart_upload(replay(&created.request, b"").body)
        .unwrap()
        .upload_id;
    let key = created.key.as_str();
    let body: Vec<u8> = (0..5 * 1024 * 1024 + 99).map(|i| (i % 241) as u8).collect();
    let mut completed = Vec::new();
    for (n, chunk) in (1..).zip(body.chunks(5 * 1024 * 1024)) {
        let part = sign("PUT", key, Some(&upload_id), Some(n.into()));
        let r = replay(&part.request, chunk);
        assert_eq!(r.status, 200, "part {n}");
        completed.push(CompletedPart::new(n, r.header("etag").unwrap().to_owned()));
    }
    let listed = sign("GET", key, Some(&upload_id), None);
    assert_eq!(
        parse_list_parts(replay(&listed.request, b"").body)
            .unwrap()
            .parts
            .len(),
        2
    );
    let complete = sign("POST", key, Some(&upload_id), None);
    assert_eq!(complete.request.headers["if-none-match"], "*");
    let mut headers: Vec<(&str, &str)> = complete
        .request
        .headers
        .iter()
        .map(|(n, v)| (n.as_str(), v.as_str()))
        .collect();
    headers.push(("content-type", "application/xml"));
    let xml = complete_multipart_upload_body(&completed).unwrap();
    let done = send("POST", &complete.request.url, &headers, xml.as_bytes());
    assert_eq!(done.status, 200, "{}", String::from_utf8_lossy(&done.body));
    assert!(
        get(s, key).body == body,
        "the object differs from what was uploaded"
    );

    let other = sign("POST", "f00d-other.mp4", None, None);
    let other_id = parse_create_multipart_upload(replay(&other.request, b"").body)
        .unwrap()
        .upload_id;
    let abort = sign("DELETE", &other.key, Some(&other_id), None);
    assert_eq!(replay(&abort.request, b"").status, 204);
    let list = sign("GET", &other.key, Some(&other_id), None);
    let r = replay(&list.request, b"");
    assert_eq!(parse_error(&r.body).unwrap().code, "NoSuchUpload");
}

/// Create, three parts from `presign_upload_parts`, list them, complete
/// with `complete_multipart_upload_body`, and GET the same bytes back.
fn multipart_upload_round_trip(s: &Signer) {
    let key = "multi part/big é.bin";
    let part = 5 * 1024 * 1024;
    let body: Vec<u8> = (0..2 * part + 4321).map(|i| (i * 31 % 253) as u8).collect();
    let create = s
        .presign_create_multipart_upload(
            key,
            &CreateMultipartUploadOptions {
                content_type: Some("application/octet-stream".into()),
                ..Default::default()
            },
        )
        .unwrap();
    let created = replay(&create, b"");
    assert_eq!(
        created.status,
        200,
        "{}",
        String::from_utf8_lossy(&created.body)
    );
    let upload_id = parse_create_multipart_upload(&created.body)
        .unwrap()
        .upload_id;
    let parts = s
        .presign_upload_parts(key, &upload_id, 3, &SigningOptions::default())
        .unwrap();
    let mut completed = Vec::new();
    for (n, (req, chunk)) in parts.iter().zip(body.chunks(part)).enumerate() {
        let r = replay(req, chunk);
        assert_eq!(r.status, 200, "part {}", n + 1);
        let etag = r.header("etag").unwrap().to_owned();
        completed.push(CompletedPart::new(u32::try_from(n + 1).unwrap(), etag));
    }
    let list = s
        .presign_list_parts(key, &upload_id, &ListPartsOptions::default())
        .unwrap();
    let listed = parse_list_parts(replay(&list, b"").body).unwrap();
    let etags: Vec<&str> = listed.parts.iter().map(|p| p.etag.as_str()).collect();
    let want: Vec<&str> = completed.iter().map(|p| p.etag.as_str()).collect();
    assert_eq!(etags, want);
    let complete = s
        .presign_complete_multipart_upload(
            key,
            &upload_id,
            &CompleteMultipartUploadOptions {
                if_none_match: Some("*".into()),
                ..Default::default()
            },
        )
        .unwrap();
    let xml = complete_multipart_upload_body(&completed).unwrap();
    let mut headers: Vec<(&str, &str)> = complete
        .headers
        .iter()
        .map(|(n, v)| (n.as_str(), v.as_str()))
        .collect();
    headers.push(("content-type", "application/xml"));
    let done = send("POST", &complete.url, &headers, xml.as_bytes());
    assert_eq!(done.status, 200, "{}", String::from_utf8_lossy(&done.body));
    let got = get(s, key);
    assert_eq!(got.status, 200);
    assert!(
        got.body == body,
        "the object differs from what was uploaded"
    );
}

/// After an abort, listing the parts answers 404 `NoSuchUpload`.
fn aborted_upload_is_no_such_upload(s: &Signer) {
    let key = "aborted.bin";
    let create = s
        .presign_create_multipart_upload(key, &Default::default())
        .unwrap();
    let upload_id = parse_create_multipart_upload(replay(&create, b"").body)
        .unwrap()
        .upload_id;
    let abort = s
        .presign_abort_multipart_upload(key, &upload_id, &SigningOptions::default())
        .unwrap();
    assert_eq!(replay(&abort, b"").status, 204);
    let list = s
        .presign_list_parts(key, &upload_id, &ListPartsOptions::default())
        .unwrap();
    let r = replay(&list, b"");
    assert_eq!(r.status, 404);
    assert_eq!(parse_error(&r.body).unwrap().code, "NoSuchUpload");
}

/// `if_none_match: "*"` on a PUT: the second write of a key answers 412.
fn create_only_put_refuses_a_second_write(s: &Signer) {
    let once = |body: &[u8]| {
        let req = s
            .presign_put(
                "once.txt",
                &PutOptions {
                    if_none_match: Some("*".into()),
                    ..Default::default()
                },
            )
            .unwrap();
        replay(&req, body).status
    };
    assert_eq!(once(b"first"), 200);
    assert_eq!(once(b"second"), 412);
    assert_eq!(get(s, "once.txt").body, b"first");
}

fn put_get_head_delete(s: &Signer) {
    let body: Vec<u8> = (0..100_000u32).map(|i| (i * 7 % 251) as u8).collect();
    let key = "dir/file.bin";
    assert_eq!(put(s, key, &body).status, 200);
    let got = get(s, key);
    assert_eq!(got.status, 200);
    assert_eq!(got.body, body);

    let name = "my photo +1 (ü).bin";
    let download = s
        .presign_get(
            key,
            &GetOptions {
                response_content_disposition: Some(presigner::attachment(name)),
                ..Default::default()
            },
        )
        .unwrap();
    let got = replay(&download, b"");
    assert_eq!(got.status, 200);
    assert_eq!(
        got.header("content-disposition"),
        Some(presigner::attachment(name).as_str())
    );

    let head = replay(
        &s.presign_head(key, &ObjectOptions::default()).unwrap(),
        b"",
    );
    assert_eq!(head.status, 200);
    assert_eq!(head.header("content-length"), Some("100000"));

    let delete = replay(
        &s.presign_delete(key, &ObjectOptions::default()).unwrap(),
        b"",
    );
    assert_eq!(delete.status, 204);
    assert_eq!(get(s, key).status, 404);
}

fn keys_with_special_characters_round_trip(s: &Signer) {
    for key in [
        "with space.txt",
        "plus+sign=eq&amp.txt",
        "ünïcödé/日本語/😀.txt",
        "a%20b~!'()*.txt",
    ] {
        let body = format!("body of {key}");
        assert_eq!(put(s, key, body.as_bytes()).status, 200, "PUT {key}");
        let got = get(s, key);
        assert_eq!(got.status, 200, "GET {key}");
        assert_eq!(got.body, body.as_bytes(), "GET {key}");
    }
}

fn tampered_signature_is_rejected(s: &Signer) {
    assert_eq!(put(s, "tamper.txt", b"x").status, 200);
    let mut url = s
        .presign_get("tamper.txt", &GetOptions::default())
        .unwrap()
        .url;
    let last = url.pop().unwrap();
    url.push(if last == '0' { '1' } else { '0' });
    assert_eq!(send("GET", &url, &[], b"").status, 403);
}

fn wrong_secret_is_rejected(server: &Server) {
    let wrong = signer(server, "not-the-secret");
    assert_eq!(put(&wrong, "wrong-secret.txt", b"x").status, 403);
    assert_eq!(get(&wrong, "tamper.txt").status, 403);
}

fn expired_url_is_rejected(s: &Signer) {
    let req = s
        .presign_get(
            "tamper.txt",
            &GetOptions {
                expires_in: Some(Duration::from_secs(60)),
                signing_time: Some(SystemTime::now() - Duration::from_secs(120)),
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(replay(&req, b"").status, 403);
}

fn mismatched_content_type_is_rejected(s: &Signer) {
    let req = s
        .presign_put(
            "typed.txt",
            &PutOptions {
                content_type: Some("text/plain".into()),
                ..Default::default()
            },
        )
        .unwrap();
    let forged = send(
        "PUT",
        &req.url,
        &[("content-type", "text/html")],
        b"<script>",
    );
    assert_eq!(forged.status, 403);
    assert_eq!(replay(&req, b"plain").status, 200);
}

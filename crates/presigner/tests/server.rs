//! Presigned URLs against a real S3-compatible server that verifies SigV4
//! (s3s, started on 127.0.0.1): the server, not our signer, judges them.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::time::{Duration, SystemTime};

use common::http::{send, Response};
use common::server::{Server, ACCESS_KEY, BUCKET, SECRET_KEY};
use presigner::{GetOptions, ObjectOptions, PresignedRequest, PutOptions, Signer};

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

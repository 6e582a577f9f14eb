//! `presigner`'s URLs sent with curl, as a shell user sends them, to the
//! local S3-compatible server that checks every signature (tests/s3server,
//! started on 127.0.0.1 as the core's `tests/server.rs` starts it): the
//! bytes that go up with `curl -T` come back with `curl`. Then the commands
//! of the README's "Command line" section, run as written.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

// The core's test helpers, shared rather than copied (not all of each is used here).
#[allow(dead_code)]
#[path = "../../presigner/tests/common/http.rs"]
mod http;
#[allow(dead_code)]
#[path = "../../presigner/tests/common/server.rs"]
mod server;

use std::path::Path;
use std::process::{Command, Output};

use presigner::{
    complete_multipart_upload_body, parse_create_multipart_upload, CompletedPart, Signer,
};
use server::{Server, ACCESS_KEY, BUCKET, SECRET_KEY};

/// A shell in `dir` whose PATH starts with the folder of the `presigner`
/// under test, configured for `server` through the environment.
fn shell(program: &str, server: &Server, dir: &Path, script: &str, args: &[&str]) -> Output {
    let bin = Path::new(env!("CARGO_BIN_EXE_presigner")).parent().unwrap();
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    Command::new(program)
        .args(["-c", script, "-"])
        .args(args)
        .env_clear()
        .env("PATH", path)
        .env("HOME", dir)
        .env("R2_ENDPOINT", &server.endpoint)
        .env("R2_ACCESS_KEY_ID", ACCESS_KEY)
        .env("R2_SECRET_ACCESS_KEY", SECRET_KEY)
        .env("R2_BUCKET", BUCKET)
        .current_dir(dir)
        .output()
        .unwrap_or_else(|e| panic!("run {program}: {e}"))
}

/// Runs `script` with `sh`; it must succeed. Its stdout.
fn sh(server: &Server, dir: &Path, script: &str, args: &[&str]) -> String {
    let out = shell("sh", server, dir, script, args);
    assert!(
        out.status.success(),
        "{script} {args:?}: {:?}\n{}{}",
        out.status,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Bytes that are not all alike.
fn bytes(len: usize, seed: usize) -> Vec<u8> {
    (0..len).map(|i| ((i * 31 + seed) % 251) as u8).collect()
}

/// One server for the test process: its folder is named by the process id.
#[test]
fn against_a_signature_checking_server() {
    let found = Command::new("curl").arg("--version").output();
    assert!(
        found.is_ok_and(|o| o.status.success()),
        "curl is missing: this test sends presigner's URLs with curl (apt-get install curl)"
    );
    let server = Server::start();
    let (first, second) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    curl_round_trips(&server, first.path());
    the_readme_commands_work(&server, second.path());
}

fn curl_round_trips(server: &Server, dir: &Path) {
    let body = bytes(300_000, 7);
    std::fs::write(dir.join("up.bin"), &body).unwrap();
    let key = "cli/round trip é+1.bin";

    // curl -T to the PUT URL, curl the GET URL: the same bytes.
    sh(
        server,
        dir,
        r#"curl -sS --fail-with-body -T up.bin "$(presigner put "$1")""#,
        &[key],
    );
    sh(
        server,
        dir,
        r#"curl -sS --fail-with-body -o down.bin "$(presigner get "$1")""#,
        &[key],
    );
    assert!(
        std::fs::read(dir.join("down.bin")).unwrap() == body,
        "the bytes downloaded differ from those uploaded"
    );

    // --curl: the printed command carries the signed headers; a create-only
    // upload refuses the second write; HEAD and DELETE.
    let create_only = r#"presigner put s3://"$1"/notes.txt --content-type text/plain \
        --metadata owner=ann --if-none-match --curl up.bin | sh"#;
    sh(server, dir, create_only, &[BUCKET]);
    let second = shell("sh", server, dir, create_only, &[BUCKET]);
    assert_eq!(
        second.status.code(),
        Some(22),
        "curl --fail-with-body: HTTP 412"
    );
    assert!(
        String::from_utf8_lossy(&second.stdout).contains("PreconditionFailed"),
        "{second:?}"
    );
    let head = sh(server, dir, r#"presigner head notes.txt --curl | sh"#, &[]).to_lowercase();
    assert!(head.starts_with("http/1.1 200"), "{head}");
    for header in [
        "content-type: text/plain".to_owned(),
        "x-amz-meta-owner: ann".to_owned(),
        format!("content-length: {}", body.len()),
    ] {
        assert!(head.contains(&header), "{header}: {head}");
    }
    let download = sh(
        server,
        dir,
        r#"curl -sS --fail-with-body -D - -o /dev/null "$(presigner get notes.txt --download-as 'Notes ü.txt')""#,
        &[],
    );
    assert!(
        download.contains(&presigner::attachment("Notes ü.txt")),
        "{download}"
    );
    sh(
        server,
        dir,
        r#"sh -c "$(presigner delete notes.txt --curl)""#,
        &[],
    );
    let gone = shell(
        "sh",
        server,
        dir,
        "presigner head notes.txt --curl | sh",
        &[],
    );
    assert_eq!(gone.status.code(), Some(22), "HEAD after DELETE: 404");

    // A secret from stdin signs as well as one from the environment, and a
    // wrong one is refused by the server.
    sh(
        server,
        dir,
        r#"printf '%s\n' "$1" | presigner --secret-stdin head "$2" --curl | sh"#,
        &[SECRET_KEY, key],
    );
    let wrong = shell(
        "sh",
        server,
        dir,
        r#"echo wrong | presigner --secret-stdin head "$1" --curl | sh"#,
        &[key],
    );
    assert_eq!(wrong.status.code(), Some(22), "a wrong secret: HTTP 403");

    multipart_with_the_parts_command(server, dir);
}

/// `presigner parts`: its URLs, one a line, take the parts of an upload
/// that the core's signer created and completes.
fn multipart_with_the_parts_command(server: &Server, dir: &Path) {
    let signer = Signer::builder(&server.endpoint, BUCKET, ACCESS_KEY, SECRET_KEY)
        .build()
        .unwrap();
    let key = "cli/multi.bin";
    let first = bytes(5 * 1024 * 1024, 1);
    let last = bytes(12_345, 2);
    std::fs::write(dir.join("part1"), &first).unwrap();
    std::fs::write(dir.join("part2"), &last).unwrap();
    let create = signer
        .presign_create_multipart_upload(key, &Default::default())
        .unwrap();
    let created = http::send("POST", &create.url, &[], b"");
    assert_eq!(created.status, 200);
    let upload_id = parse_create_multipart_upload(&created.body)
        .unwrap()
        .upload_id;

    // One URL a line, each part sent with curl; the ETags from its headers.
    let etags = sh(
        server,
        dir,
        r#"n=0; presigner parts "$1" --upload-id "$2" --count 2 | while read -r url; do
             n=$((n + 1))
             curl -sS --fail-with-body -T "part$n" -D - -o /dev/null "$url" | tr -d '\r' | sed -n 's/^[Ee][Tt][Aa][Gg]: //p'
           done"#,
        &[key, &upload_id],
    );
    let parts: Vec<CompletedPart> = (1..)
        .zip(etags.lines())
        .map(|(n, etag)| CompletedPart::new(n, etag))
        .collect();
    assert_eq!(parts.len(), 2, "{etags}");
    let complete = signer
        .presign_complete_multipart_upload(key, &upload_id, &Default::default())
        .unwrap();
    let xml = complete_multipart_upload_body(&parts).unwrap();
    let done = http::send(
        "POST",
        &complete.url,
        &[("content-type", "application/xml")],
        xml.as_bytes(),
    );
    assert_eq!(done.status, 200, "{}", String::from_utf8_lossy(&done.body));
    sh(
        server,
        dir,
        r#"curl -sS --fail-with-body -o multi.bin "$(presigner get "$1")""#,
        &[key],
    );
    let got = std::fs::read(dir.join("multi.bin")).unwrap();
    assert!(
        got.len() == first.len() + last.len()
            && got[..first.len()] == first
            && got[first.len()..] == last,
        "the object differs from its parts"
    );
}

/// The ```sh block of the README's "Command line" section, but its
/// `cargo install` line, run by bash with `set -e` (`cat.jpg` is there,
/// and `UPLOAD_ID` is set).
fn the_readme_commands_work(server: &Server, dir: &Path) {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../README.md")).unwrap();
    let section = readme
        .split("\n## Command line\n")
        .nth(1)
        .expect("README has a Command line section");
    let block = section
        .split("```sh\n")
        .nth(1)
        .and_then(|b| b.split("\n```").next())
        .expect("the section has a ```sh block");
    let (install, commands) = block.split_once('\n').unwrap();
    assert_eq!(install, "cargo install --path crates/presigner-cli");

    let cat = bytes(50_000, 3);
    std::fs::write(dir.join("cat.jpg"), &cat).unwrap();
    let script = format!("set -e\nUPLOAD_ID=upload-1\n{commands}\ncomplete -p presigner\n");
    let out = shell("bash", server, dir, &script, &[]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{:?}\n{stdout}{}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        std::fs::read(dir.join("copy.jpg")).unwrap() == cat,
        "copy.jpg differs from cat.jpg"
    );
    let lines: Vec<&str> = stdout.lines().collect();
    assert!(
        lines[0].starts_with("{\"expiresAt\":") && lines[0].contains("\"method\":\"GET\""),
        "{stdout}"
    );
    for (n, line) in (1..=3).zip(&lines[1..4]) {
        let want = format!(
            "{}/{BUCKET}/big.iso?partNumber={n}&uploadId=upload-1&",
            server.endpoint
        );
        assert!(line.starts_with(&want), "{line}");
    }
    assert!(lines[4].ends_with(" -F _presigner presigner"), "{stdout}");
    assert_eq!(lines.len(), 5, "{stdout}");
}

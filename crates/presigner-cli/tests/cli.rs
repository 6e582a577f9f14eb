//! The `presigner` binary run as a shell would run it, in an empty folder
//! with an empty environment: every subcommand, flag and error. A URL it
//! prints must be the one the core signs for the same inputs at the instant
//! in its `X-Amz-Date` (the core is checked against botocore and a real
//! server elsewhere; `tests/server.rs` sends these URLs with curl).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::BTreeMap;
use std::path::Path;
use std::time::{Duration, SystemTime};

use assert_cmd::Command;
use presigner::{GetOptions, ObjectOptions, PresignedRequest, PutOptions, Signer, SigningOptions};
use serde_json::{json, Value};

const ENDPOINT: &str = "http://127.0.0.1:9000";
const ACCESS_KEY: &str = "AKIDEXAMPLE";
const SECRET: &str = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
const BUCKET: &str = "uploads";

/// The variables of a complete configuration.
const VARS: [(&str, &str); 4] = [
    ("R2_ENDPOINT", ENDPOINT),
    ("R2_ACCESS_KEY_ID", ACCESS_KEY),
    ("R2_SECRET_ACCESS_KEY", SECRET),
    ("R2_BUCKET", BUCKET),
];

/// A test's own empty folder (for `.env`) and the command to run in it.
struct Shell {
    dir: tempfile::TempDir,
}

/// What a run printed, and its exit code.
struct Ran {
    code: i32,
    stdout: String,
    stderr: String,
}

impl Shell {
    fn new() -> Self {
        Self {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    /// `presigner` with no variables at all.
    fn bare(&self) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_presigner"));
        cmd.env_clear().current_dir(self.path());
        cmd
    }

    /// `presigner` with [`VARS`].
    fn configured(&self) -> Command {
        let mut cmd = self.bare();
        cmd.envs(VARS);
        cmd
    }
}

fn ran(cmd: &mut Command, args: &[&str]) -> Ran {
    let out = cmd.args(args).output().unwrap();
    let ran = Ran {
        code: out.status.code().unwrap(),
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
    };
    assert!(
        !ran.stdout.contains(SECRET) && !ran.stderr.contains(SECRET),
        "the secret was printed: {args:?}"
    );
    ran
}

/// Runs `args`, which must succeed silently on stderr; its stdout.
fn ok(cmd: &mut Command, args: &[&str]) -> String {
    let r = ran(cmd, args);
    assert_eq!((r.code, r.stderr.as_str()), (0, ""), "{args:?}");
    r.stdout
}

/// Runs `args`, which must fail with `code` and print nothing on stdout; its
/// stderr, which must hold `message`.
fn fails(cmd: &mut Command, args: &[&str], code: i32, message: &str) -> String {
    let r = ran(cmd, args);
    assert_eq!(r.code, code, "{args:?}: {}", r.stderr);
    assert_eq!(r.stdout, "", "{args:?}");
    assert!(r.stderr.contains(message), "{args:?}: {}", r.stderr);
    r.stderr
}

/// The one line of `stdout`.
fn one_line(stdout: &str) -> &str {
    let line = stdout.strip_suffix('\n').expect("a newline at the end");
    assert!(!line.contains('\n'), "one line: {stdout:?}");
    line
}

/// The value of query parameter `name` in `url`.
fn query<'a>(url: &'a str, name: &str) -> &'a str {
    url.split(['?', '&'])
        .find_map(|p| p.strip_prefix(name)?.strip_prefix('='))
        .unwrap_or_else(|| panic!("no {name} in {url}"))
}

/// The instant a URL was signed at, from its `X-Amz-Date`.
fn signed_at(url: &str) -> SystemTime {
    let date = jiff::civil::DateTime::strptime("%Y%m%dT%H%M%SZ", query(url, "X-Amz-Date")).unwrap();
    let at = date.to_zoned(jiff::tz::TimeZone::UTC).unwrap().timestamp();
    SystemTime::from(at)
}

fn signer(endpoint: &str, bucket: &str, secret: &str) -> Signer {
    Signer::builder(endpoint, bucket, ACCESS_KEY, secret)
        .build()
        .unwrap()
}

fn reference() -> Signer {
    signer(ENDPOINT, BUCKET, SECRET)
}

/// `{method,url,headers,expiresAt}` as the CLI prints it.
fn as_json(request: &PresignedRequest) -> Value {
    let expires: jiff::Timestamp = request.expires_at.try_into().unwrap();
    json!({
        "method": request.method.as_str(),
        "url": request.url,
        "headers": request.headers,
        "expiresAt": expires.to_string(),
    })
}

#[test]
fn put_prints_the_url_alone_and_signs_every_flag() {
    let sh = Shell::new();
    let url = ok(&mut sh.configured(), &["put", "photos/cat 1.jpg"]);
    let url = one_line(&url);
    let opts = PutOptions {
        signing_time: Some(signed_at(url)),
        ..Default::default()
    };
    assert_eq!(
        url,
        reference()
            .presign_put("photos/cat 1.jpg", &opts)
            .unwrap()
            .url
    );
    assert_eq!(query(url, "X-Amz-Expires"), "3600", "the default is 1h");

    let args = [
        "put",
        "a.bin",
        "--expires-in",
        "15m",
        "--if-none-match",
        "--content-type",
        "image/jpeg",
        "--content-length",
        "1234",
        "--metadata",
        "owner=ann",
        "--metadata",
        "Note=a b=c",
    ];
    let url = ok(&mut sh.configured(), &args);
    let url = one_line(&url);
    let opts = PutOptions {
        expires_in: Some(Duration::from_secs(900)),
        if_none_match: Some("*".into()),
        content_type: Some("image/jpeg".into()),
        content_length: Some(1234),
        metadata: BTreeMap::from([
            ("owner".into(), "ann".into()),
            ("Note".into(), "a b=c".into()),
        ]),
        signing_time: Some(signed_at(url)),
        ..Default::default()
    };
    let want = reference().presign_put("a.bin", &opts).unwrap();
    assert_eq!(url, want.url);

    let mut json_args = args.to_vec();
    json_args.push("--json");
    let out = ok(&mut sh.configured(), &json_args);
    let printed: Value = serde_json::from_str(one_line(&out)).unwrap();
    let at = signed_at(printed["url"].as_str().unwrap());
    let want = reference()
        .presign_put(
            "a.bin",
            &PutOptions {
                signing_time: Some(at),
                ..opts.clone()
            },
        )
        .unwrap();
    assert_eq!(printed, as_json(&want));
    assert_eq!(
        printed["headers"],
        json!({
            "content-type": "image/jpeg",
            "if-none-match": "*",
            "x-amz-meta-note": "a b=c",
            "x-amz-meta-owner": "ann",
        })
    );

    let mut curl_args = args.to_vec();
    curl_args.extend(["--curl", "my cat's.jpg"]);
    let out = ok(&mut sh.configured(), &curl_args);
    let command = one_line(&out);
    let url = command.rsplit(' ').next().unwrap().trim_matches('\'');
    let want = reference()
        .presign_put(
            "a.bin",
            &PutOptions {
                signing_time: Some(signed_at(url)),
                ..opts
            },
        )
        .unwrap();
    assert_eq!(
        command,
        format!(
            "curl --fail-with-body -T 'my cat'\\''s.jpg' -H 'content-type: image/jpeg' \
             -H 'if-none-match: *' -H 'x-amz-meta-note: a b=c' -H 'x-amz-meta-owner: ann' '{}'",
            want.url
        )
    );
}

#[test]
fn get_head_and_delete() {
    let sh = Shell::new();
    let args = [
        "get",
        "docs/report.pdf",
        "--expires-in",
        "7d",
        "--download-as",
        "Q3 report (final).pdf",
        "--response-content-type",
        "application/pdf",
    ];
    let url = ok(&mut sh.configured(), &args);
    let url = one_line(&url);
    let opts = GetOptions {
        expires_in: Some(Duration::from_secs(7 * 86_400)),
        response_content_disposition: Some(presigner::attachment("Q3 report (final).pdf")),
        response_content_type: Some("application/pdf".into()),
        signing_time: Some(signed_at(url)),
        ..Default::default()
    };
    assert_eq!(
        url,
        reference()
            .presign_get("docs/report.pdf", &opts)
            .unwrap()
            .url
    );
    assert!(
        url.contains("response-content-disposition=attachment%3B"),
        "{url}"
    );

    let out = ok(&mut sh.configured(), &["get", "k", "--json"]);
    let printed: Value = serde_json::from_str(one_line(&out)).unwrap();
    let at = signed_at(printed["url"].as_str().unwrap());
    let want = reference()
        .presign_get(
            "k",
            &GetOptions {
                signing_time: Some(at),
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(printed, as_json(&want));

    let out = ok(&mut sh.configured(), &["get", "k", "--curl", "out.bin"]);
    let url = one_line(&out)
        .strip_prefix("curl --fail-with-body -o out.bin '")
        .unwrap();
    assert!(url.starts_with("http://127.0.0.1:9000/uploads/k?"), "{out}");

    type Presign = fn(&Signer, &str, &ObjectOptions) -> presigner::Result<PresignedRequest>;
    let objects: [(&str, Presign, &str); 2] = [
        ("head", Signer::presign_head, "--head"),
        ("delete", Signer::presign_delete, "-X DELETE"),
    ];
    for (command, presign, curl_flag) in objects {
        let url = ok(
            &mut sh.configured(),
            &[command, "a/b", "--expires-in", "90"],
        );
        let url = one_line(&url);
        let opts = ObjectOptions {
            expires_in: Some(Duration::from_secs(90)),
            signing_time: Some(signed_at(url)),
            ..Default::default()
        };
        assert_eq!(url, presign(&reference(), "a/b", &opts).unwrap().url);

        let out = ok(&mut sh.configured(), &[command, "a/b", "--json"]);
        let printed: Value = serde_json::from_str(one_line(&out)).unwrap();
        let opts = ObjectOptions {
            signing_time: Some(signed_at(printed["url"].as_str().unwrap())),
            ..Default::default()
        };
        assert_eq!(
            printed,
            as_json(&presign(&reference(), "a/b", &opts).unwrap())
        );

        let out = ok(&mut sh.configured(), &[command, "a/b", "--curl"]);
        let prefix =
            format!("curl --fail-with-body {curl_flag} 'http://127.0.0.1:9000/uploads/a/b?");
        assert!(out.starts_with(&prefix), "{out}");
    }
}

#[test]
fn durations() {
    let sh = Shell::new();
    for (given, secs) in [
        ("90", "90"),
        ("45s", "45"),
        ("15m", "900"),
        ("1h", "3600"),
        ("7d", "604800"),
    ] {
        let url = ok(&mut sh.configured(), &["get", "k", "--expires-in", given]);
        assert_eq!(query(one_line(&url), "X-Amz-Expires"), secs);
    }
    fails(
        &mut sh.configured(),
        &["put", "k", "--expires-in", "8d"],
        2,
        "error: --expires-in must be between 1 and 604800 seconds (7 days), got 691200",
    );
    fails(
        &mut sh.configured(),
        &["put", "k", "--expires-in", "0"],
        2,
        "--expires-in must be between 1 and 604800",
    );
    fails(
        &mut sh.configured(),
        &["get", "k", "--expires-in", "1w"],
        2,
        "unknown unit 'w': use s, m, h or d",
    );
    fails(
        &mut sh.configured(),
        &["head", "k", "--expires-in", "1.5h"],
        2,
        "a duration is a whole number, then s, m, h or d",
    );
}

#[test]
fn new_key() {
    let sh = Shell::new();
    let uuid = |s: &str| {
        s.len() == 36
            && s.bytes().enumerate().all(|(i, b)| {
                matches!(i, 8 | 13 | 18 | 23) == (b == b'-') && (b == b'-' || b.is_ascii_hexdigit())
            })
    };
    let key = ok(&mut sh.bare(), &["new-key"]);
    assert!(uuid(one_line(&key)), "{key}");
    let other = ok(&mut sh.bare(), &["new-key"]);
    assert_ne!(key, other);
    let key = ok(
        &mut sh.bare(),
        &[
            "new-key",
            "--filename",
            "Holiday Photo.JPG",
            "--prefix",
            "photos",
        ],
    );
    let key = one_line(&key);
    let id = key
        .strip_prefix("photos/")
        .unwrap()
        .strip_suffix(".jpg")
        .unwrap();
    assert!(uuid(id), "{key}");
}

#[test]
fn public_url() {
    let sh = Shell::new();
    let out = ok(
        sh.configured()
            .env("R2_PUBLIC_URL", "https://files.example.com/"),
        &["public-url", "a b/ü.png"],
    );
    assert_eq!(out, "https://files.example.com/a%20b/%C3%BC.png\n");
    fails(
        &mut sh.configured(),
        &["public-url", "k"],
        1,
        "error: R2_PUBLIC_URL is not configured, so there is no public URL",
    );
    fails(
        sh.configured()
            .env("R2_PUBLIC_URL", "https://files.example.com/"),
        &["public-url", "s3://uploads/k"],
        2,
        "public-url takes a key, not an s3:// URL",
    );
}

#[test]
fn parts_one_url_a_line() {
    let sh = Shell::new();
    let args = [
        "parts",
        "big.bin",
        "--upload-id",
        "up/1+2",
        "--count",
        "3",
        "--expires-in",
        "2h",
    ];
    let out = ok(&mut sh.configured(), &args);
    let urls: Vec<&str> = out.lines().collect();
    assert_eq!(urls.len(), 3, "{out}");
    let opts = SigningOptions {
        expires_in: Some(Duration::from_secs(7200)),
        signing_time: Some(signed_at(urls[0])),
    };
    let want = reference()
        .presign_upload_parts("big.bin", "up/1+2", 3, &opts)
        .unwrap();
    let want: Vec<&str> = want.iter().map(|p| p.url.as_str()).collect();
    assert_eq!(urls, want);

    let mut json_args = args.to_vec();
    json_args.push("--json");
    let out = ok(&mut sh.configured(), &json_args);
    let printed: Value = serde_json::from_str(one_line(&out)).unwrap();
    let printed = printed.as_array().unwrap();
    let opts = SigningOptions {
        signing_time: Some(signed_at(printed[0]["url"].as_str().unwrap())),
        ..opts
    };
    let want = reference()
        .presign_upload_parts("big.bin", "up/1+2", 3, &opts)
        .unwrap();
    for (n, (got, want)) in (1..).zip(printed.iter().zip(&want)) {
        let mut want = as_json(want);
        want["partNumber"] = json!(n);
        assert_eq!(got, &want);
    }
    assert_eq!(printed.len(), 3);

    fails(
        &mut sh.configured(),
        &["parts", "k", "--upload-id", "u", "--count", "0"],
        2,
        "error: --count must be between 1 and 10000, got 0",
    );
    fails(
        &mut sh.configured(),
        &["parts", "k", "--upload-id", "u", "--count", "10001"],
        2,
        "--count must be between 1 and 10000, got 10001",
    );
    fails(
        &mut sh.configured(),
        &["parts", "k", "--upload-id", "", "--count", "1"],
        2,
        "--upload-id must be 1 to",
    );
    fails(
        &mut sh.configured(),
        &["parts", "k", "--count", "2"],
        2,
        "--upload-id <ID>",
    );
}

#[test]
fn s3_urls_name_the_bucket() {
    let sh = Shell::new();
    let url = ok(&mut sh.configured(), &["put", "s3://photos/a/b.jpg"]);
    let url = one_line(&url);
    let opts = PutOptions {
        signing_time: Some(signed_at(url)),
        ..Default::default()
    };
    let want = signer(ENDPOINT, "photos", SECRET)
        .presign_put("a/b.jpg", &opts)
        .unwrap();
    assert_eq!(url, want.url);
    // The same bucket twice is no conflict; an s3:// URL needs no bucket variable.
    let url = ok(
        sh.configured().env_remove("R2_BUCKET"),
        &["get", "s3://photos/k", "--bucket", "photos"],
    );
    assert!(url.starts_with("http://127.0.0.1:9000/photos/k?"), "{url}");
    fails(
        &mut sh.configured(),
        &["get", "s3://photos/k", "--bucket", "other"],
        2,
        "the s3:// URL names bucket \"photos\" but --bucket is \"other\"",
    );
    fails(
        &mut sh.configured(),
        &["get", "s3:///k"],
        2,
        "the s3:// URL has no bucket",
    );
    fails(
        &mut sh.configured(),
        &["get", "s3://photos"],
        2,
        "error: key must not be empty",
    );
    fails(
        &mut sh.configured(),
        &["head", "s3://Bad_Bucket/k"],
        1,
        "bucket \"Bad_Bucket\" is not a valid bucket name",
    );
}

#[test]
fn missing_configuration_names_every_variable() {
    let sh = Shell::new();
    let err = fails(
        &mut sh.bare(),
        &["put", "k"],
        1,
        "error: missing environment variables: ",
    );
    for name in [
        "R2_ENDPOINT",
        "R2_ACCOUNT_ID",
        "AWS_ENDPOINT_URL_S3",
        "R2_ACCESS_KEY_ID",
        "AWS_ACCESS_KEY_ID",
        "R2_SECRET_ACCESS_KEY",
        "R2_BUCKET",
        "S3_BUCKET",
        "--endpoint",
        "--secret-stdin",
        ".env",
    ] {
        assert!(err.contains(name), "{name}: {err}");
    }
    let err = fails(
        sh.bare().envs(VARS[..2].iter().copied()),
        &["get", "k"],
        1,
        "missing environment variables: R2_SECRET_ACCESS_KEY or AWS_SECRET_ACCESS_KEY; R2_BUCKET or S3_BUCKET",
    );
    assert!(!err.contains("R2_ENDPOINT or"), "{err}");
    fails(
        sh.configured().env("R2_ENDPOINT", "http://h/path"),
        &["get", "k"],
        1,
        "error: R2_ENDPOINT: endpoint must be an http:// or https:// URL",
    );
    fails(
        sh.configured().env("R2_BUCKET", "Bad_Bucket"),
        &["head", "k"],
        1,
        "error: R2_BUCKET: bucket \"Bad_Bucket\"",
    );
}

#[test]
fn flags_win_over_the_environment() {
    let sh = Shell::new();
    let args = [
        "--endpoint",
        "https://s3.example.com",
        "--region",
        "eu-west-1",
        "get",
        "k",
        "--bucket",
        "logs",
    ];
    let url = ok(&mut sh.configured(), &args);
    let url = one_line(&url);
    let want = Signer::builder("https://s3.example.com", "logs", ACCESS_KEY, SECRET)
        .region("eu-west-1")
        .build()
        .unwrap()
        .presign_get(
            "k",
            &GetOptions {
                signing_time: Some(signed_at(url)),
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(url, want.url);
    // The flags alone, with the keys in the AWS variables.
    let url = ok(
        sh.bare().envs([
            ("AWS_ACCESS_KEY_ID", ACCESS_KEY),
            ("AWS_SECRET_ACCESS_KEY", SECRET),
        ]),
        &["--region", "ap-south-1", "--bucket", "logs", "get", "k"],
    );
    assert!(
        url.starts_with("https://s3.ap-south-1.amazonaws.com/logs/k?"),
        "{url}"
    );
    assert!(url.contains("%2Fap-south-1%2Fs3%2F"), "{url}");

    fails(
        &mut sh.configured(),
        &["get", "k", "--endpoint", "http://h/path"],
        1,
        "error: --endpoint must be an http:// or https:// URL",
    );
    fails(
        &mut sh.configured(),
        &["get", "k", "--region", "eu west"],
        1,
        "region \"eu west\" is not a valid region name",
    );
}

#[test]
fn the_secret_from_stdin() {
    let sh = Shell::new();
    let other = "other/secret+key";
    let url = ok(
        sh.configured().write_stdin(format!("{other}\n")),
        &["--secret-stdin", "get", "k"],
    );
    let url = one_line(&url);
    let opts = GetOptions {
        signing_time: Some(signed_at(url)),
        ..Default::default()
    };
    let want = signer(ENDPOINT, BUCKET, other)
        .presign_get("k", &opts)
        .unwrap();
    assert_eq!(url, want.url);
    // With no secret variable at all.
    let url = ok(
        sh.configured()
            .env_remove("R2_SECRET_ACCESS_KEY")
            .write_stdin(other),
        &["put", "k", "--secret-stdin"],
    );
    assert!(url.starts_with("http://127.0.0.1:9000/uploads/k?"), "{url}");
    fails(
        sh.configured().write_stdin(""),
        &["--secret-stdin", "get", "k"],
        1,
        "error: the secret access key must not be empty",
    );
    // There is no flag that takes a secret.
    for flag in ["--secret-access-key", "--secret", "--session-token"] {
        fails(
            &mut sh.configured(),
            &["get", "k", flag, "x"],
            2,
            &format!("unexpected argument '{flag}'"),
        );
    }
}

#[test]
fn dotenv_in_the_current_folder() {
    let sh = Shell::new();
    let dotenv = |text: &str| std::fs::write(sh.path().join(".env"), text).unwrap();
    dotenv(&format!(
        "# R2 credentials\nexport R2_ENDPOINT={ENDPOINT}\nR2_ACCESS_KEY_ID='{ACCESS_KEY}'\n\
         R2_SECRET_ACCESS_KEY=\"{SECRET}\"  # the secret\r\nR2_BUCKET=from-dotenv\n"
    ));
    let url = ok(&mut sh.bare(), &["get", "k"]);
    let url = one_line(&url);
    let opts = GetOptions {
        signing_time: Some(signed_at(url)),
        ..Default::default()
    };
    let want = signer(ENDPOINT, "from-dotenv", SECRET)
        .presign_get("k", &opts)
        .unwrap();
    assert_eq!(url, want.url);

    // The environment wins over .env; a blank variable does not hide it.
    let url = ok(sh.bare().env("R2_BUCKET", "from-env"), &["get", "k"]);
    assert!(
        url.starts_with("http://127.0.0.1:9000/from-env/k?"),
        "{url}"
    );
    let url = ok(sh.bare().env("R2_BUCKET", " "), &["get", "k"]);
    assert!(
        url.starts_with("http://127.0.0.1:9000/from-dotenv/k?"),
        "{url}"
    );
    // And the flags win over both.
    let url = ok(
        sh.bare().env("R2_BUCKET", "from-env"),
        &["get", "k", "--bucket", "from-flag"],
    );
    assert!(
        url.starts_with("http://127.0.0.1:9000/from-flag/k?"),
        "{url}"
    );

    dotenv("R2_BUCKET=ok\nR2_SECRET_ACCESS_KEY hunter2\n");
    let err = fails(
        &mut sh.bare(),
        &["get", "k"],
        1,
        "error: .env line 2: expected NAME=VALUE",
    );
    assert!(!err.contains("hunter2"), "{err}");
    dotenv("R2_SECRET_ACCESS_KEY='hunter2\n");
    fails(
        &mut sh.bare(),
        &["get", "k"],
        1,
        "error: .env line 1: the ' quote is not closed",
    );
    // new-key reads no configuration, so a broken .env does not stop it.
    ok(&mut sh.bare(), &["new-key"]);
}

#[test]
fn bad_arguments_are_usage_errors() {
    let sh = Shell::new();
    let long = "x".repeat(8193);
    let usage = [
        (vec![], "Usage: presigner [OPTIONS] <COMMAND>"),
        (
            vec!["put"],
            "the following required arguments were not provided",
        ),
        (vec!["upload", "k"], "unrecognized subcommand 'upload'"),
        (
            vec!["put", "k", "--json", "--curl", "f"],
            "cannot be used with",
        ),
        (vec!["head", "k", "--json", "--curl"], "cannot be used with"),
        (
            vec!["put", "k", "--metadata", "novalue"],
            "--metadata takes NAME=VALUE, got \"novalue\"",
        ),
        (
            vec!["put", "k", "--metadata", "a=1", "--metadata", "a=2"],
            "--metadata \"a\" is given twice",
        ),
        (
            vec!["put", "k", "--metadata", "a=1", "--metadata", "A=2"],
            "--metadata names",
        ),
        (
            vec!["put", "k", "--metadata", "a b=1"],
            "--metadata name \"a b\" is not a valid HTTP header name",
        ),
        (
            vec!["put", "k", "--content-type", "té/x"],
            "--content-type must be printable ASCII",
        ),
        (
            vec!["put", "k", "--content-length", "-1"],
            "unexpected argument '-1'",
        ),
        (
            vec!["put", "k", "--content-length", "5368709121"],
            "--content-length must be between 0 and 5368709120",
        ),
        (
            vec!["put", "k", "--content-length", "x"],
            "invalid value 'x' for '--content-length <BYTES>'",
        ),
        (vec!["put", ""], "error: key must not be empty"),
        (
            vec!["get", "k", "--response-content-type", &long],
            "--response-content-type is 8193 bytes long; at most 8192",
        ),
        (
            vec!["get", "k", "--if-none-match"],
            "unexpected argument '--if-none-match'",
        ),
        (vec!["completions", "tcsh"], "invalid value 'tcsh'"),
    ];
    for (args, message) in usage {
        fails(&mut sh.configured(), &args, 2, message);
    }
    // A usage error is found before the configuration is read.
    fails(
        &mut sh.bare(),
        &["put", "k", "--metadata", "novalue"],
        2,
        "--metadata takes NAME=VALUE",
    );
}

#[test]
fn help_says_where_secrets_come_from() {
    let sh = Shell::new();
    let help = ok(&mut sh.bare(), &["--help"]);
    for text in [
        "never from a flag",
        "--secret-stdin",
        "R2_SECRET_ACCESS_KEY",
        "a variable set in the environment wins over .env",
        "curl -T cat.jpg \"$(presigner put photos/cat.jpg)\"",
    ] {
        assert!(help.contains(text), "{text}: {help}");
    }
    let short = ok(&mut sh.bare(), &["-h"]);
    assert!(short.contains("never from a flag"), "{short}");
    for command in [
        "put",
        "get",
        "head",
        "delete",
        "new-key",
        "public-url",
        "parts",
        "completions",
    ] {
        let help = ok(&mut sh.bare(), &[command, "--help"]);
        assert!(help.starts_with(|c: char| c.is_ascii_uppercase()), "{help}");
    }
    let version = ok(&mut sh.bare(), &["--version"]);
    assert_eq!(
        version,
        format!("presigner {}\n", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn completions() {
    let sh = Shell::new();
    let bash = ok(&mut sh.bare(), &["completions", "bash"]);
    let zsh = ok(&mut sh.bare(), &["completions", "zsh"]);
    let fish = ok(&mut sh.bare(), &["completions", "fish"]);
    assert!(zsh.starts_with("#compdef presigner\n"), "{zsh}");
    assert!(fish.contains("complete -c presigner"), "{fish}");
    for script in [&bash, &zsh, &fish] {
        for word in [
            "put",
            "public-url",
            "expires-in",
            "download-as",
            "upload-id",
        ] {
            assert!(script.contains(word), "{word}");
        }
    }
    // bash loads it and completes the subcommands.
    let script = sh.path().join("presigner.bash");
    std::fs::write(&script, &bash).unwrap();
    let out = std::process::Command::new("bash")
        .arg("-c")
        .arg(
            r#"source "$1" && COMP_WORDS=(presigner pu) COMP_CWORD=1 COMP_LINE="presigner pu" COMP_POINT=12 &&
               _presigner presigner pu presigner && printf '%s\n' "${COMPREPLY[@]}""#,
        )
        .arg("-")
        .arg(&script)
        .output()
        .expect("bash runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let words = String::from_utf8(out.stdout).unwrap();
    let mut words: Vec<&str> = words.lines().collect();
    words.sort_unstable();
    assert_eq!(words, ["public-url", "put"]);
}

#[test]
fn a_reader_that_stops_early_is_no_failure() {
    use std::io::Read;
    use std::process::Stdio;

    let sh = Shell::new();
    // 10,000 URLs are megabytes: more than a pipe holds, so the writer
    // meets the closed pipe (`| head -n 1`).
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_presigner"))
        .args(["parts", "k", "--upload-id", "u", "--count", "10000"])
        .env_clear()
        .envs(VARS)
        .current_dir(sh.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0; 64];
    child.stdout.take().unwrap().read_exact(&mut first).unwrap();
    assert!(first.starts_with(b"http://127.0.0.1:9000/uploads/k?partNumber=1&"));
    let out = child.wait_with_output().unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
    assert!(out.status.success(), "{:?}", out.status);
}

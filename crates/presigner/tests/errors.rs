//! The bad-input table (`tests/vectors/errors.json`, see its README) through
//! the Rust API: every row with a Rust outcome runs, and a row Rust can
//! express must have one. An error must be of the expected `ErrorKind`, its
//! message must hold the expected fragments and stay under 400 characters,
//! and no form of it (`Display`, `Debug`) may hold a secret of the call.
//! `secrets_never_appear` reruns every failing row with other secrets and
//! checks the `Debug` of every signer and builder too.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::collections::BTreeMap;
use std::ffi::OsString;
use std::os::unix::ffi::OsStringExt;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::{mpsc, Mutex};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use presigner::{Error, GetOptions, ObjectOptions, PutOptions, Signer, SignerBuilder};
use serde_json::{json, Value};

const MAX_MESSAGE: usize = 400;
/// Time limit of a row marked `isolate` (run on its own thread).
const ISOLATE: Duration = Duration::from_secs(20);
const ENV_PREFIXES: [&str; 3] = ["R2_", "AWS_", "S3_"];
const SECRET_VARS: [&str; 3] = [
    "R2_SECRET_ACCESS_KEY",
    "AWS_SECRET_ACCESS_KEY",
    "AWS_SESSION_TOKEN",
];
/// The environment is the process's: one row at a time touches it.
static ENV_LOCK: Mutex<()> = Mutex::new(());

/// The table: its signer and rows.
fn table() -> (Value, Vec<Value>) {
    let path = common::vectors_dir().join("errors.json");
    let doc: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let rows = doc["cases"].as_array().unwrap().clone();
    assert!(rows.len() > 300, "{} rows", rows.len());
    (doc["signer"].clone(), rows)
}

/// Why a row cannot be written in Rust (a wrong type, a lone surrogate …).
#[derive(Debug)]
struct Skip(String);

type R<T> = Result<T, Skip>;

fn skip<T>(why: impl Into<String>) -> R<T> {
    Err(Skip(why.into()))
}

fn tag(v: &Value) -> Option<&str> {
    v.get("$").and_then(Value::as_str)
}

/// Absent, `null` in the table, or a tagged `none` / `absent`.
fn is_unset(v: Option<&Value>) -> bool {
    match v {
        None | Some(Value::Null) => true,
        Some(v) => matches!(tag(v), Some("none" | "absent")),
    }
}

/// A string: plain, `repeat`, or `str` (its UTF-16 units must be well formed).
fn string(v: &Value) -> R<String> {
    match (v, tag(v)) {
        (Value::String(s), _) => Ok(s.clone()),
        (_, Some("repeat")) => {
            let c = v["char"].as_str().unwrap();
            Ok(c.repeat(usize::try_from(v["count"].as_u64().unwrap()).unwrap()))
        }
        (_, Some("str")) => {
            if let Some(s) = v["value"].as_str() {
                return Ok(s.to_owned());
            }
            let units: Vec<u16> = v["utf16"]
                .as_array()
                .unwrap()
                .iter()
                .map(|u| {
                    u16::from_str_radix(u.as_str().unwrap().trim_start_matches("0x"), 16).unwrap()
                })
                .collect();
            String::from_utf16(&units).map_err(|_| Skip("a lone surrogate".into()))
        }
        _ => skip(format!("not a string: {}", short(v))),
    }
}

fn opt_string(v: Option<&Value>) -> R<Option<String>> {
    if is_unset(v) {
        Ok(None)
    } else {
        string(v.unwrap()).map(Some)
    }
}

/// A whole number a `u64` holds.
fn opt_u64(v: Option<&Value>) -> R<Option<u64>> {
    if is_unset(v) {
        return Ok(None);
    }
    let v = v.unwrap();
    let n = match (v, tag(v)) {
        (Value::Number(n), _) => n.as_u64(),
        (_, Some("int")) => v["value"].as_str().unwrap().parse::<u64>().ok(),
        _ => return skip(format!("not an integer: {}", short(v))),
    };
    n.map(Some)
        .ok_or_else(|| Skip(format!("not a u64: {}", short(v))))
}

fn opt_bool(v: Option<&Value>) -> R<Option<bool>> {
    match v {
        Some(Value::Bool(b)) => Ok(Some(*b)),
        _ if is_unset(v) => Ok(None),
        other => skip(format!("not a bool: {other:?}")),
    }
}

/// `YYYY-MM-DDTHH:MM:SSZ` (any year from 0001), or a tagged `time`.
fn opt_time(v: Option<&Value>) -> R<Option<SystemTime>> {
    if is_unset(v) {
        return Ok(None);
    }
    let v = v.unwrap();
    let secs: i64 = match (v, tag(v)) {
        (Value::String(s), _) => civil_secs(s),
        (_, Some("time")) => v["unix"].as_i64().unwrap(),
        _ => return skip(format!("not a time: {}", short(v))),
    };
    let magnitude = Duration::from_secs(secs.unsigned_abs());
    Ok(Some(if secs >= 0 {
        UNIX_EPOCH + magnitude
    } else {
        UNIX_EPOCH - magnitude
    }))
}

fn civil_secs(s: &str) -> i64 {
    let b = s.as_bytes();
    assert!(
        b.len() == 20 && b[10] == b'T' && b[19] == b'Z',
        "bad time {s}"
    );
    let n = |r: std::ops::Range<usize>| s[r].parse::<i64>().unwrap();
    let (y, m, d) = (n(0..4), n(5..7), n(8..10));
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * ((m + 9) % 12) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    days * 86_400 + n(11..13) * 3600 + n(14..16) * 60 + n(17..19)
}

/// Metadata: a plain object of strings, a `map` / `object` of string pairs, or `many`.
fn metadata(v: Option<&Value>) -> R<BTreeMap<String, String>> {
    if is_unset(v) {
        return Ok(BTreeMap::new());
    }
    let v = v.unwrap();
    let mut out = BTreeMap::new();
    match (v, tag(v)) {
        (_, Some("many")) => {
            let name = v["name"].as_str().unwrap();
            let value = v["value"].as_str().unwrap();
            for i in 0..v["count"].as_u64().unwrap() {
                out.insert(format!("{name}{i}"), value.to_owned());
            }
        }
        (_, Some("map" | "object")) => {
            for pair in v["entries"].as_array().unwrap() {
                out.insert(string(&pair[0])?, string(&pair[1])?);
            }
        }
        (Value::Object(o), None) => {
            for (k, x) in o {
                out.insert(k.clone(), string(x)?);
            }
        }
        _ => return skip(format!("not a map of strings: {}", short(v))),
    }
    Ok(out)
}

fn short(v: &Value) -> String {
    v.to_string().chars().take(60).collect()
}

/// The signer a row builds.
#[derive(Clone)]
struct SignerSpec {
    endpoint: String,
    bucket: String,
    access_key_id: String,
    secret_access_key: String,
    region: Option<String>,
    session_token: Option<String>,
    path_style: Option<bool>,
    public_base_url: Option<String>,
}

impl SignerSpec {
    fn parse(file: &Value, row: &Value) -> R<Self> {
        let over = row.get("signer").cloned().unwrap_or_else(|| json!({}));
        let Value::Object(over) = over else {
            return skip("the configuration is not an object");
        };
        if over.contains_key("$") {
            return skip("the configuration is not an object");
        }
        let mut merged = file.as_object().unwrap().clone();
        merged.extend(over);
        let get = |name: &str| merged.get(name);
        let required = |name: &str| {
            if is_unset(get(name)) {
                skip(format!("{name} is required"))
            } else {
                string(get(name).unwrap())
            }
        };
        Ok(Self {
            endpoint: required("endpoint")?,
            bucket: required("bucket")?,
            access_key_id: required("access_key_id")?,
            secret_access_key: required("secret_access_key")?,
            region: opt_string(get("region"))?,
            session_token: opt_string(get("session_token"))?,
            path_style: opt_bool(get("path_style"))?,
            public_base_url: opt_string(get("public_base_url"))?,
        })
    }

    fn builder(&self) -> SignerBuilder {
        let mut b = Signer::builder(
            &self.endpoint,
            &self.bucket,
            &self.access_key_id,
            &self.secret_access_key,
        );
        if let Some(r) = &self.region {
            b = b.region(r);
        }
        if let Some(t) = &self.session_token {
            b = b.session_token(t);
        }
        if let Some(p) = self.path_style {
            b = b.path_style(p);
        }
        if let Some(u) = &self.public_base_url {
            b = b.public_base_url(u);
        }
        b
    }
}

/// The per-call options of a row, for any operation.
struct Args {
    put: PutOptions,
    get: GetOptions,
    object: ObjectOptions,
}

fn args(row: &Value, op: &str) -> R<Args> {
    let args = row.get("args").cloned().unwrap_or_else(|| json!({}));
    let Value::Object(a) = &args else {
        return skip("the options are not an object");
    };
    if a.contains_key("$") {
        return skip("the options are not an object");
    }
    let allowed: &[&str] = match op {
        "presign_put" => &[
            "expires_in",
            "signing_time",
            "content_type",
            "content_length",
            "content_md5",
            "checksum_sha256",
            "cache_control",
            "content_disposition",
            "metadata",
        ],
        "presign_head" | "presign_delete" => &["expires_in", "signing_time", "version_id"],
        _ => &[
            "expires_in",
            "signing_time",
            "response_content_type",
            "response_content_disposition",
            "response_cache_control",
            "version_id",
        ],
    };
    for name in a.keys() {
        assert!(allowed.contains(&name.as_str()), "{op} takes no {name}");
    }
    let expires_in = opt_u64(a.get("expires_in"))?.map(Duration::from_secs);
    let signing_time = opt_time(a.get("signing_time"))?;
    let s = |name: &str| opt_string(a.get(name));
    Ok(Args {
        put: PutOptions {
            expires_in,
            content_type: s("content_type")?,
            content_length: opt_u64(a.get("content_length"))?,
            content_md5: s("content_md5")?,
            checksum_sha256: s("checksum_sha256")?,
            cache_control: s("cache_control")?,
            content_disposition: s("content_disposition")?,
            metadata: metadata(a.get("metadata"))?,
            signing_time,
            ..Default::default()
        },
        get: GetOptions {
            expires_in,
            response_content_type: s("response_content_type")?,
            response_content_disposition: s("response_content_disposition")?,
            response_cache_control: s("response_cache_control")?,
            version_id: s("version_id")?,
            signing_time,
        },
        object: ObjectOptions {
            expires_in,
            version_id: s("version_id")?,
            signing_time,
        },
    })
}

/// A row as a Rust call.
enum Call {
    Presign(SignerSpec, String, String, Args),
    GetMany(SignerSpec, Vec<String>, Args),
    PublicUrl(SignerSpec, String),
    NewKey(Option<String>, Option<String>),
    Attachment(String),
    FromEnv(Vec<(String, OsString)>, String, Args),
}

fn parse(file: &Value, row: &Value) -> R<Call> {
    let op = row["op"].as_str().unwrap();
    let key = || {
        if is_unset(row.get("key")) {
            skip("the key is required")
        } else {
            string(&row["key"])
        }
    };
    Ok(match op {
        "presign_put" | "presign_get" | "presign_head" | "presign_delete" => Call::Presign(
            SignerSpec::parse(file, row)?,
            op.to_owned(),
            key()?,
            args(row, op)?,
        ),
        "presign_get_many" => {
            let Some(keys) = row["keys"].as_array() else {
                return skip("keys are not an array");
            };
            let keys = keys.iter().map(string).collect::<R<Vec<_>>>()?;
            Call::GetMany(SignerSpec::parse(file, row)?, keys, args(row, op)?)
        }
        "public_url" => Call::PublicUrl(SignerSpec::parse(file, row)?, key()?),
        "new_key" | "attachment" => {
            let a = &row["args"];
            if !a.is_object() || a.get("$").is_some() {
                return skip("the options are not an object");
            }
            if op == "new_key" {
                Call::NewKey(opt_string(a.get("filename"))?, opt_string(a.get("prefix"))?)
            } else if is_unset(a.get("filename")) {
                return skip("the file name is required");
            } else {
                Call::Attachment(string(&a["filename"])?)
            }
        }
        "from_env" => {
            let mut env = Vec::new();
            for (name, v) in row["env"].as_object().unwrap() {
                let value = if tag(v) == Some("bytes") {
                    OsString::from_vec(hex(v["hex"].as_str().unwrap()))
                } else {
                    OsString::from(string(v)?)
                };
                env.push((name.clone(), value));
            }
            Call::FromEnv(env, key()?, args(row, "presign_get")?)
        }
        other => panic!("unknown op {other}"),
    })
}

fn hex(text: &str) -> Vec<u8> {
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&text[i..i + 2], 16).unwrap())
        .collect()
}

/// What a call did: a summary to compare, or the core's error.
type Got = Result<String, Error>;

fn presign(signer: &Signer, op: &str, key: &str, a: &Args) -> Result<String, Error> {
    let r = match op {
        "presign_put" => signer.presign_put(key, &a.put),
        "presign_get" => signer.presign_get(key, &a.get),
        "presign_head" => signer.presign_head(key, &a.object),
        _ => signer.presign_delete(key, &a.object),
    }?;
    Ok(format!("{r:?}"))
}

fn run(call: &Call) -> Got {
    match call {
        Call::Presign(spec, op, key, a) => presign(&spec.builder().build()?, op, key, a),
        Call::GetMany(spec, keys, a) => {
            let all = spec.builder().build()?.presign_get_many(keys, &a.get)?;
            Ok(format!("{all:?}"))
        }
        Call::PublicUrl(spec, key) => spec.builder().build()?.public_url(key),
        Call::NewKey(filename, prefix) => {
            let key = presigner::new_key(filename.as_deref(), prefix.as_deref());
            Ok(format!("a new key of {} bytes", key.len()))
        }
        Call::Attachment(filename) => Ok(presigner::attachment(filename)),
        Call::FromEnv(env, key, a) => {
            let signer = with_env(env, Signer::from_env)?;
            let public = signer.public_url(key).map_err(|e| e.kind());
            Ok(format!(
                "{} {public:?}",
                presign(&signer, "presign_get", key, a)?
            ))
        }
    }
}

/// Runs `f` with exactly `env` among the R2_, AWS_ and S3_ variables.
fn with_env<T>(env: &[(String, OsString)], f: impl FnOnce() -> T) -> T {
    let _guard = ENV_LOCK
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let ours = |k: &OsString| {
        ENV_PREFIXES
            .iter()
            .any(|p| k.to_string_lossy().starts_with(p))
    };
    let saved: Vec<(OsString, OsString)> = std::env::vars_os().filter(|(k, _)| ours(k)).collect();
    let clear = || {
        for (k, _) in std::env::vars_os().filter(|(k, _)| ours(k)) {
            std::env::remove_var(k);
        }
    };
    clear();
    for (k, v) in env {
        std::env::set_var(k, v);
    }
    let out = catch_unwind(AssertUnwindSafe(f));
    clear();
    for (k, v) in saved {
        std::env::set_var(k, v);
    }
    out.unwrap_or_else(|p| std::panic::resume_unwind(p))
}

/// Runs the call, turning a panic into a failure; an `isolate` row on its own
/// thread, given up after `ISOLATE`.
fn observe(call: Call, isolate: bool) -> Result<Got, String> {
    let attempt = move || {
        catch_unwind(AssertUnwindSafe(|| run(&call))).map_err(|p| {
            let text = p
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| p.downcast_ref::<&str>().map(|s| (*s).to_owned()))
                .unwrap_or_default();
            format!("panicked: {text}")
        })
    };
    if !isolate {
        return attempt();
    }
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || tx.send(attempt()));
    rx.recv_timeout(ISOLATE)
        .unwrap_or_else(|_| Err(format!("no answer within {} s", ISOLATE.as_secs())))
}

/// `row` with the value at its `invalid` path replaced by `value` (same_as).
fn with_input(row: &Value, value: &Value) -> Value {
    let mut out = row.clone();
    let path = row["invalid"].as_str().unwrap();
    match path.split_once('.') {
        None => out[path] = value.clone(),
        Some((top, name)) => {
            if !out[top].is_object() {
                out[top] = json!({});
            }
            out[top][name] = value.clone();
        }
    }
    out
}

/// The secrets of the row's call, and the first 16 characters of each long one.
fn needles(file: &Value, row: &Value) -> Vec<String> {
    let mut found = Vec::new();
    if row["op"] == "from_env" {
        for name in SECRET_VARS {
            if let Some(v) = row["env"].get(name) {
                found.push(match tag(v) {
                    Some("bytes") => String::from_utf8_lossy(&hex(v["hex"].as_str().unwrap()))
                        .chars()
                        .filter(char::is_ascii_graphic)
                        .collect(),
                    _ => string(v).unwrap_or_default(),
                });
            }
        }
    } else if let Ok(spec) = SignerSpec::parse(file, row) {
        found.push(spec.secret_access_key);
        found.extend(spec.session_token);
    }
    let mut out = Vec::new();
    for secret in found.into_iter().filter(|s| !s.is_empty()) {
        if secret.chars().count() >= 16 {
            out.push(secret.chars().take(16).collect());
        }
        out.push(secret);
    }
    out
}

/// Checks one row; `Ok(None)` when Rust cannot express it (as the table says).
fn check(file: &Value, row: &Value) -> Result<Option<()>, String> {
    let want = &row["outcome"]["rust"];
    let call = parse(file, row);
    let call = match (want.is_null(), call) {
        (true, Err(_)) => return Ok(None),
        (true, Ok(_)) => return Err("the table says Rust cannot express it, but it can".into()),
        (false, Err(Skip(why))) => {
            return Err(format!(
                "the table expects an outcome, but Rust cannot express: {why}"
            ))
        }
        (false, Ok(call)) => call,
    };
    let isolate = row.get("isolate").and_then(Value::as_bool).unwrap_or(false);
    let got = observe(call, isolate)?;
    if want.get("ok").is_some() {
        let value = got.map_err(|e| format!("expected success, got {:?}: {e}", e.kind()))?;
        if let Some(same) = want.get("same_as") {
            let other =
                parse(file, &with_input(row, same)).map_err(|s| format!("same_as: {s:?}"))?;
            let other = observe(other, isolate)?.map_err(|e| format!("same_as failed: {e}"))?;
            if value != other {
                return Err(format!(
                    "not the same result as with {same}:\n   {value}\n   {other}"
                ));
            }
        }
        return Ok(Some(()));
    }
    let err = match got {
        Ok(value) => return Err(format!("expected an error, got {}", cut(&value))),
        Err(e) => e,
    };
    let message = err.to_string();
    let kind = format!("{:?}", err.kind());
    if kind != want["kind"].as_str().unwrap() {
        return Err(format!(
            "{kind} instead of {}: {}",
            want["kind"],
            cut(&message)
        ));
    }
    if message.chars().count() >= MAX_MESSAGE {
        return Err(format!(
            "a {}-character message: {}",
            message.chars().count(),
            cut(&message)
        ));
    }
    for fragment in want["message_contains"].as_array().unwrap() {
        let fragment = fragment.as_str().unwrap();
        if !message.contains(fragment) {
            return Err(format!("{fragment:?} not in {:?}", cut(&message)));
        }
    }
    for fragment in want
        .get("message_excludes")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let fragment = fragment.as_str().unwrap();
        if message.contains(fragment) {
            return Err(format!("{fragment:?} in {:?}", cut(&message)));
        }
    }
    leaks(&err, &needles(file, row))
        .map(|form| Err(format!("a secret of the signer in the error's {form}")))
        .unwrap_or(Ok(Some(())))
}

/// The printable form of `err` that holds one of `secrets`, if any.
fn leaks(err: &Error, secrets: &[String]) -> Option<&'static str> {
    let forms = [
        ("Display", err.to_string()),
        ("Debug", format!("{err:?}")),
        ("alternate Debug", format!("{err:#?}")),
    ];
    forms
        .into_iter()
        .find(|(_, text)| secrets.iter().any(|s| text.contains(s.as_str())))
        .map(|(form, _)| form)
}

fn cut(text: &str) -> String {
    text.chars().take(300).collect()
}

#[test]
fn every_row_with_a_rust_outcome() {
    let (file, rows) = table();
    let (mut ran, mut skipped, mut failures) = (0, 0, Vec::new());
    for row in &rows {
        match check(&file, row) {
            Ok(Some(())) => ran += 1,
            Ok(None) => skipped += 1,
            Err(why) => failures.push(format!("{}: {why}", row["id"].as_str().unwrap())),
        }
    }
    println!("bad-input table: {ran} rows run in Rust, {skipped} not expressible in Rust");
    assert!(
        failures.is_empty(),
        "{} of {} Rust rows failed:\n{}",
        failures.len(),
        ran + failures.len(),
        failures.join("\n")
    );
}

const SECRET: &str = "RuStSeCrEt/never+printed=wJalrXUtnFEMI";
const TOKEN: &str = "RuStToKeN/never+printed=FwoGZXIvYXdz";

/// `row` with the signer's (or the environment's) secret and token replaced
/// by [`SECRET`] and [`TOKEN`], unless the row is about them.
fn with_our_secrets(row: &Value) -> Value {
    let mut out = row.clone();
    let invalid = row["invalid"].as_str().unwrap();
    if row["op"] == "from_env" {
        for (name, value) in [
            ("R2_SECRET_ACCESS_KEY", SECRET),
            ("AWS_SECRET_ACCESS_KEY", SECRET),
            ("AWS_SESSION_TOKEN", TOKEN),
        ] {
            if out["env"].get(name).is_some() && invalid != format!("env.{name}") {
                out["env"][name] = json!(value);
            }
        }
        return out;
    }
    if out.get("signer").is_none() {
        out["signer"] = json!({});
    }
    if out["signer"].is_object() && out["signer"].get("$").is_none() {
        for (name, value) in [("secret_access_key", SECRET), ("session_token", TOKEN)] {
            if invalid != format!("signer.{name}") {
                out["signer"][name] = json!(value);
            }
        }
    }
    out
}

#[test]
fn secrets_never_appear() {
    let (file, rows) = table();
    let mut failures = Vec::new();
    let mut errors = 0;
    for row in &rows {
        let id = row["id"].as_str().unwrap();
        if row.get("isolate").is_some() {
            continue; // huge inputs, no secrets involved; the table test runs them
        }
        let row = with_our_secrets(row);
        let Ok(call) = parse(&file, &row) else {
            continue;
        };
        let mut secrets = needles(&file, &row);
        secrets.extend([SECRET.to_owned(), TOKEN.to_owned()]);
        if let Call::Presign(spec, ..) | Call::GetMany(spec, ..) | Call::PublicUrl(spec, _) = &call
        {
            let builder = spec.builder();
            let mut forms = vec![format!("{builder:?}"), format!("{builder:#?}")];
            if let Ok(signer) = builder.build() {
                forms.extend([format!("{signer:?}"), format!("{signer:#?}")]);
            }
            if forms
                .iter()
                .any(|f| secrets.iter().any(|s| f.contains(s.as_str())))
            {
                failures.push(format!(
                    "{id}: a secret in the Debug of the signer or its builder"
                ));
            }
        }
        if let Ok(Err(err)) = observe(call, false) {
            errors += 1;
            if let Some(form) = leaks(&err, &secrets) {
                failures.push(format!("{id}: a secret in the error's {form}"));
            }
        }
    }
    println!("secrets: {errors} errors checked");
    assert!(errors > 60, "only {errors} errors");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_secret_checks_can_fail() {
    // A region is echoed in its error: one that holds the secret is caught.
    let err = Signer::builder("http://h", "bkt", "AK", "SK")
        .region(SECRET)
        .build()
        .unwrap_err();
    assert_eq!(leaks(&err, &[SECRET.to_owned()]), Some("Display"));
    let spec = SignerSpec::parse(&table().0, &json!({})).unwrap();
    assert!(format!("{:?}", spec.builder()).contains("test-bucket"));
}

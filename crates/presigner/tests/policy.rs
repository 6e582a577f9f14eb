//! Runs every case of `tests/vectors/policy.json` (shared with the Python
//! and Node suites) through `UploadPolicy::sign`, and reports every failing
//! case id.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::BTreeMap;
use std::time::Duration;

use presigner::{FieldValue, Signer, UploadPolicy, UploadRequest};
use serde_json::Value;

fn load() -> Value {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/vectors/policy.json"
    );
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// A JSON value as a binding reads it.
fn field(value: &Value) -> FieldValue<'_> {
    match value {
        Value::Null => FieldValue::Null,
        Value::Bool(_) => FieldValue::Bool,
        Value::String(s) => FieldValue::Str(s),
        Value::Array(_) => FieldValue::Array,
        Value::Object(_) => FieldValue::Object,
        Value::Number(n) => match n.as_i64() {
            Some(i) => FieldValue::Int(i.into()),
            None => FieldValue::Fraction,
        },
    }
}

fn request(value: &Value) -> presigner::Result<UploadRequest> {
    let Value::Object(map) = value else {
        return Err(presigner::Error::RequestNotObject);
    };
    UploadRequest::from_fields(map.iter().map(|(k, v)| (k.as_str(), field(v))))
}

fn policy(value: &Value) -> UploadPolicy {
    let mut policy = UploadPolicy::default();
    for (name, v) in value.as_object().unwrap() {
        match name.as_str() {
            "prefix" => policy.prefix = v.as_str().unwrap().to_owned(),
            "maxExpiresIn" => policy.max_expires_in = Duration::from_secs(v.as_u64().unwrap()),
            "createOnly" => policy.create_only = v.as_bool().unwrap(),
            "allowDelete" => policy.allow_delete = v.as_bool().unwrap(),
            "contentTypes" => {
                let list = v.as_array().unwrap().iter();
                policy.content_types = Some(list.map(|t| t.as_str().unwrap().to_owned()).collect());
            }
            other => panic!("unknown policy option {other}"),
        }
    }
    policy
}

/// Whether `key` is `prefix`, a lower-case UUID v4 and `.ext` (or nothing).
fn is_issued(key: &str, prefix: &str, ext: Option<&str>) -> bool {
    let Some(rest) = key.strip_prefix(prefix) else {
        return false;
    };
    let (id, tail) = rest.split_at(rest.len().min(36));
    let id_ok = uuid::Uuid::try_parse(id)
        .is_ok_and(|u| u.get_version_num() == 4 && u.hyphenated().to_string() == id);
    let tail_ok = match ext {
        Some(ext) => tail == format!(".{ext}"),
        None => tail.is_empty(),
    };
    id_ok && tail_ok
}

fn check(signer: &Signer, case: &Value) -> Result<(), String> {
    let result = request(&case["request"]).and_then(|r| policy(&case["policy"]).sign(signer, &r));
    if let Some(error) = case.get("error") {
        let err = match result {
            Ok(signed) => return Err(format!("signed {}, expected an error", signed.request.url)),
            Err(err) => err,
        };
        let (status, message) = (
            error["status"].as_u64().unwrap(),
            error["message"].as_str().unwrap(),
        );
        if err.kind().code() != "ERR_PRESIGNER_POLICY" || err.status() != Some(status as u16) {
            return Err(format!(
                "{:?} / {:?}, expected policy error {status}",
                err.kind(),
                err.status()
            ));
        }
        if err.to_string() != message {
            return Err(format!(
                "message {:?}, expected {message:?}",
                err.to_string()
            ));
        }
        return Ok(());
    }
    let expect = &case["expect"];
    let signed = result.map_err(|e| format!("error {e}"))?;
    let req = &case["request"];
    let ext = expect["extension"].as_str();
    match expect["key"].as_str().unwrap() {
        "issued" if is_issued(&signed.key, expect["prefix"].as_str().unwrap(), ext) => {}
        "request" if signed.key == req["key"].as_str().unwrap() => {}
        how => return Err(format!("key {:?} is not {how}", signed.key)),
    }
    if signed.request.method.as_str() != expect["method"].as_str().unwrap() {
        return Err(format!("method {}", signed.request.method));
    }
    let url = url::Url::parse(&signed.request.url).unwrap();
    let path = format!("/bkt/{}", signed.key);
    if url.path() != path && percent_decode(url.path()) != path {
        return Err(format!("path {} for key {}", url.path(), signed.key));
    }
    let query: BTreeMap<String, String> = url.query_pairs().into_owned().collect();
    let plain: BTreeMap<&str, &str> = query
        .iter()
        .filter(|(k, _)| !k.starts_with("X-Amz-"))
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let want: BTreeMap<&str, &str> = expect["query"]
        .as_object()
        .unwrap()
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str().unwrap()))
        .collect();
    if plain != want {
        return Err(format!("query {plain:?}, expected {want:?}"));
    }
    let expires = expect["expires"].as_u64().unwrap().to_string();
    if query["X-Amz-Expires"] != expires {
        return Err(format!(
            "X-Amz-Expires {}, expected {expires}",
            query["X-Amz-Expires"]
        ));
    }
    let headers: BTreeMap<&str, &str> = expect["headers"]
        .as_object()
        .unwrap()
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str().unwrap()))
        .collect();
    let got: BTreeMap<&str, &str> = signed
        .request
        .headers
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    if got != headers {
        return Err(format!("headers {got:?}, expected {headers:?}"));
    }
    let mut signed_headers: Vec<&str> = headers.keys().copied().chain(["host"]).collect();
    signed_headers.sort_unstable();
    if query["X-Amz-SignedHeaders"] != signed_headers.join(";") {
        return Err(format!(
            "X-Amz-SignedHeaders {}",
            query["X-Amz-SignedHeaders"]
        ));
    }
    Ok(())
}

fn percent_decode(path: &str) -> String {
    percent_encoding::percent_decode_str(path)
        .decode_utf8()
        .unwrap()
        .into_owned()
}

#[test]
fn every_case_of_the_shared_table() {
    let doc = load();
    assert_eq!(doc["schema"], "presigner-upload-policy/1");
    let s = &doc["signer"];
    let signer = Signer::builder(
        s["endpoint"].as_str().unwrap(),
        s["bucket"].as_str().unwrap(),
        s["accessKeyId"].as_str().unwrap(),
        s["secretAccessKey"].as_str().unwrap(),
    )
    .build()
    .unwrap();
    let cases = doc["cases"].as_array().unwrap();
    let failures: Vec<String> = cases
        .iter()
        .filter_map(|case| {
            check(&signer, case)
                .err()
                .map(|e| format!("{}: {e}", case["id"]))
        })
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} cases fail:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
    println!("policy: {} cases passed", cases.len());
}

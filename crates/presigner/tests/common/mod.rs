//! Helpers shared by the integration tests: reading `tests/vectors/*.json`.

#![allow(dead_code)]

pub mod http;
pub mod server;

use std::collections::{BTreeMap, HashSet};
use std::path::PathBuf;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::Deserialize;

/// One vectors file, without the rows of the bad-input table that only
/// `tests/errors.rs` runs (those with an `outcome` and no `expect`/`error`).
pub struct File {
    pub schema: String,
    pub generator: String,
    pub signer: SignerConfig,
    pub cases: Vec<Case>,
}

/// A vectors file as stored.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    schema: String,
    generator: String,
    signer: SignerConfig,
    cases: Vec<serde_json::Value>,
}

/// Signer configuration, as in the Python API; per-case overrides are partial.
#[derive(Deserialize, serde::Serialize, Clone, Default)]
#[serde(deny_unknown_fields)]
pub struct SignerConfig {
    pub endpoint: Option<String>,
    pub bucket: Option<String>,
    pub region: Option<String>,
    pub access_key_id: Option<String>,
    pub secret_access_key: Option<String>,
    pub session_token: Option<String>,
    pub path_style: Option<bool>,
    pub public_base_url: Option<String>,
}

impl SignerConfig {
    /// `self` with every field `over` sets replaced.
    pub fn merged(&self, over: Option<&serde_json::Value>) -> SignerConfig {
        let mut base = serde_json::to_value(self).unwrap();
        if let (Some(obj), Some(serde_json::Value::Object(o))) = (base.as_object_mut(), over) {
            for (k, v) in o {
                assert!(obj.contains_key(k), "unknown signer field {k}");
                obj.insert(k.clone(), v.clone());
            }
        }
        serde_json::from_value(base).unwrap()
    }

    pub fn build(&self) -> presigner::Result<presigner::Signer> {
        presigner::SignerConfig {
            endpoint: self.endpoint.clone().unwrap_or_default(),
            bucket: self.bucket.clone().unwrap_or_default(),
            access_key_id: self.access_key_id.clone().unwrap_or_default(),
            secret_access_key: self.secret_access_key.clone().unwrap_or_default(),
            region: self.region.clone(),
            session_token: self.session_token.clone(),
            path_style: self.path_style,
            public_base_url: self.public_base_url.clone(),
        }
        .build()
    }
}

/// One case: `expect` for a success, `error` for a refusal.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Case {
    pub id: String,
    pub comment: String,
    pub op: String,
    pub key: String,
    pub signer: Option<serde_json::Value>,
    pub args: Args,
    pub expect: Option<Expect>,
    pub error: Option<ExpectError>,
    /// Bad-input table fields (errors.json), run by `tests/errors.rs`.
    pub invalid: Option<serde_json::Value>,
    pub outcome: Option<serde_json::Value>,
}

/// Arguments, with the Python API's snake_case names.
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Args {
    pub expires_in: Option<u64>,
    pub signing_time: Option<String>,
    pub content_type: Option<String>,
    pub content_length: Option<u64>,
    pub content_md5: Option<String>,
    pub checksum_sha256: Option<String>,
    pub cache_control: Option<String>,
    pub content_disposition: Option<String>,
    pub metadata: Option<BTreeMap<String, String>>,
    pub response_content_type: Option<String>,
    pub response_content_disposition: Option<String>,
    pub response_cache_control: Option<String>,
    pub version_id: Option<String>,
    pub upload_id: Option<String>,
    pub part_number: Option<u32>,
    pub max_parts: Option<u32>,
    pub part_number_marker: Option<u32>,
    pub if_none_match: Option<String>,
    pub if_match: Option<String>,
    pub checksum_algorithm: Option<String>,
    pub checksum: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Expect {
    pub method: String,
    pub url: String,
    pub headers: BTreeMap<String, String>,
    pub expires_at: String,
    pub canonical_request: Option<String>,
    pub string_to_sign: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExpectError {
    pub code: String,
    pub message_contains: String,
}

/// `tests/vectors` at the repository root.
pub fn vectors_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/vectors")
}

/// Every vectors file, checked for schema and unique ids; panics on an empty folder.
pub fn load_all() -> Vec<(String, File)> {
    let mut files = Vec::new();
    let mut entries: Vec<_> = std::fs::read_dir(vectors_dir())
        .expect("tests/vectors exists")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json") && !p.ends_with("schema.json"))
        .collect();
    entries.sort();
    let mut ids = HashSet::new();
    for path in entries {
        let text = std::fs::read_to_string(&path).unwrap();
        // Other schemas (e.g. complete_body.json) have runners of their own.
        let schema: serde_json::Value = serde_json::from_str(&text).unwrap();
        if schema["schema"] != "presigner-vectors/1" {
            continue;
        }
        let raw: RawFile =
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert_eq!(raw.schema, "presigner-vectors/1", "{}", path.display());
        let mut cases = Vec::new();
        for value in raw.cases {
            let id = value["id"]
                .as_str()
                .expect("every case has an id")
                .to_owned();
            assert!(ids.insert(id.clone()), "duplicate case id {id}");
            let has = |field: &str| value.get(field).is_some();
            if has("outcome") && !has("expect") && !has("error") {
                continue; // a bad-input table row only: tests/errors.rs runs it
            }
            let case: Case = serde_json::from_value(value)
                .unwrap_or_else(|e| panic!("{} {id}: {e}", path.display()));
            assert!(
                case.expect.is_some() != case.error.is_some(),
                "case {} needs exactly one of expect/error",
                case.id
            );
            cases.push(case);
        }
        let file = File {
            schema: raw.schema,
            generator: raw.generator,
            signer: raw.signer,
            cases,
        };
        files.push((
            path.file_name().unwrap().to_string_lossy().into_owned(),
            file,
        ));
    }
    assert!(!files.is_empty(), "tests/vectors holds no vectors");
    files
}

/// Parses `YYYY-MM-DDTHH:MM:SSZ`.
pub fn parse_time(s: &str) -> SystemTime {
    let b = s.as_bytes();
    assert!(
        b.len() == 20 && b[10] == b'T' && b[19] == b'Z',
        "bad time {s}"
    );
    let n = |r: std::ops::Range<usize>| s[r].parse::<i64>().unwrap();
    let (y, m, d) = (n(0..4), n(5..7), n(8..10));
    // Howard Hinnant's days_from_civil.
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    let secs = days * 86_400 + n(11..13) * 3600 + n(14..16) * 60 + n(17..19);
    UNIX_EPOCH + Duration::from_secs(u64::try_from(secs).unwrap())
}

/// A URL split into what must match byte for byte and its query pairs, sorted.
pub fn split_url(url: &str) -> (String, Vec<(String, String)>) {
    let (base, query) = url.split_once('?').unwrap_or((url, ""));
    let mut pairs: Vec<(String, String)> = query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (k.to_owned(), v.to_owned())
        })
        .collect();
    pairs.sort();
    (base.to_owned(), pairs)
}

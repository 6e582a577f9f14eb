//! `policy`: arbitrary `UploadPolicy` settings and an arbitrary request
//! (known and unknown field names, every JSON type, lone-surrogate and
//! oversize strings) through `UploadRequest::from_fields` and
//! `UploadPolicy::sign` on one fixed signer.
//!
//! Settings `check()` refuses give that InvalidArgument error from `sign`
//! too. Otherwise `sign` answers a Policy error with status 400 or 403 and
//! a message under 400 characters that never holds the secret, or a
//! request that keeps the policy: the URL parses and its path is
//! `/bucket/` plus the key; PutObject and CreateMultipartUpload sign a key
//! the policy issued (the normalised prefix, a UUID v4, an optional clean
//! extension), every other operation the request's key, which must have
//! that same shape; DeleteObject only when `allow_delete`; `If-None-Match:
//! *` on PutObject and CompleteMultipartUpload exactly when `create_only`;
//! `X-Amz-Expires` at most `max_expires_in`; a Content-Type only when the
//! request has one, and then one `content_types` allows.
#![no_main]

use std::sync::OnceLock;
use std::time::Duration;

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use percent_encoding::percent_decode_str;
use presigner::{ErrorKind, FieldValue, Signer, UploadPolicy, UploadRequest};
use url::Url;

const SECRET: &str = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYFUZZSECRET";
const FIELDS: [&str; 6] = [
    "method",
    "key",
    "uploadId",
    "partNumber",
    "contentType",
    "expiresIn",
];
const METHODS: [&str; 6] = ["GET", "PUT", "POST", "DELETE", "HEAD", "put"];
const TYPES: [&str; 5] = ["image/*", "image/png", "*/*", "application/pdf", "text/*"];

#[derive(Debug, Arbitrary)]
enum Name {
    Known(u8),
    Other(String),
}

#[derive(Debug, Arbitrary)]
enum Value {
    Null,
    Method(u8),
    Str(String),
    Issued { ext: Option<String> },
    Int(i128),
    Fraction,
    Bool,
    Array,
    Object,
    IllFormed,
    Long,
    Other,
}

#[derive(Debug, Arbitrary)]
struct Input {
    prefix: Option<String>,
    max_expires_in: u32,
    create_only: bool,
    content_types: Option<Vec<Result<u8, String>>>,
    allow_delete: bool,
    fields: Vec<(Name, Value)>,
}

fn signer() -> &'static Signer {
    static SIGNER: OnceLock<Signer> = OnceLock::new();
    SIGNER.get_or_init(|| {
        Signer::builder("http://127.0.0.1:9000", "bucket", "AKIDFUZZ", SECRET)
            .build()
            .unwrap()
    })
}

/// Whether `key` is `prefix` (normalised), a lower-case UUID v4 and an
/// optional `.` plus 1-16 lower-case ASCII letters or digits.
fn is_issued(key: &str, prefix: &str) -> bool {
    let Some(rest) = key.strip_prefix(prefix) else {
        return false;
    };
    let (id, ext) = rest.split_at(rest.len().min(36));
    let id_ok = uuid::Uuid::try_parse(id)
        .is_ok_and(|u| u.get_version_num() == 4 && u.hyphenated().to_string() == id);
    let ext_ok = ext.is_empty()
        || ext.strip_prefix('.').is_some_and(|e| {
            (1..=16).contains(&e.len())
                && e.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        });
    id_ok && ext_ok
}

fuzz_target!(|input: Input| {
    let mut policy = UploadPolicy {
        max_expires_in: Duration::from_secs(input.max_expires_in.into()),
        create_only: input.create_only,
        allow_delete: input.allow_delete,
        content_types: input.content_types.map(|list| {
            list.into_iter()
                .map(|t| t.map_or_else(|s| s, |i| TYPES[usize::from(i) % TYPES.len()].to_owned()))
                .collect()
        }),
        ..Default::default()
    };
    if let Some(prefix) = input.prefix {
        policy.prefix = prefix;
    }
    let normalised = match policy.prefix.trim_end_matches('/') {
        "" => String::new(),
        p => format!("{p}/"),
    };
    let issued = presigner::new_key(Some("x.bin"), Some(&normalised));
    let fields: Vec<(String, Value)> = input
        .fields
        .into_iter()
        .map(|(name, value)| match name {
            Name::Known(i) => (FIELDS[usize::from(i) % FIELDS.len()].to_owned(), value),
            Name::Other(s) => (s, value),
        })
        .collect();
    let strings: Vec<String> = fields
        .iter()
        .map(|(_, v)| match v {
            Value::Method(i) => METHODS[usize::from(*i) % METHODS.len()].to_owned(),
            Value::Str(s) => s.clone(),
            Value::Issued { ext: None } => issued.clone(),
            Value::Issued { ext: Some(e) } => format!("{}.{e}", issued.trim_end_matches(".bin")),
            _ => String::new(),
        })
        .collect();
    let request = UploadRequest::from_fields(fields.iter().zip(&strings).map(|((name, v), s)| {
        let value = match v {
            Value::Null => FieldValue::Null,
            Value::Method(_) | Value::Str(_) | Value::Issued { .. } => FieldValue::Str(s),
            Value::Int(n) => FieldValue::Int(*n),
            Value::Fraction => FieldValue::Fraction,
            Value::Bool => FieldValue::Bool,
            Value::Array => FieldValue::Array,
            Value::Object => FieldValue::Object,
            Value::IllFormed => FieldValue::IllFormedStr,
            Value::Long => FieldValue::LongStr,
            Value::Other => FieldValue::Other,
        };
        (name.as_str(), value)
    }));
    let checked = policy.check();
    let request = match request {
        Ok(request) => request,
        Err(err) => {
            assert_eq!(err.kind(), ErrorKind::Policy, "{err}");
            assert_eq!(err.status(), Some(400), "{err}");
            return;
        }
    };
    let result = policy.sign(signer(), &request);
    let signed = match (checked, result) {
        (Err(refused), Err(err)) => {
            assert_eq!(refused, err);
            assert_eq!(err.kind(), ErrorKind::InvalidArgument, "{err}");
            return;
        }
        (Err(refused), Ok(_)) => panic!("signed with settings check() refuses: {refused}"),
        (Ok(()), Err(err)) => {
            let message = err.to_string();
            assert_eq!(err.kind(), ErrorKind::Policy, "{message}");
            assert!(matches!(err.status(), Some(400 | 403)), "{message}");
            assert!(message.len() < 400, "{message}");
            assert!(!message.contains(SECRET) && !format!("{err:?}").contains(SECRET));
            return;
        }
        (Ok(()), Ok(signed)) => signed,
    };

    let url = Url::parse(&signed.request.url).expect("the URL parses");
    let path = url
        .path()
        .strip_prefix("/bucket/")
        .expect("path under the bucket");
    assert_eq!(percent_decode_str(path).decode_utf8().unwrap(), signed.key);
    assert!(
        is_issued(&signed.key, &normalised),
        "key {:?} under {normalised:?}",
        signed.key
    );
    let query: Vec<(String, String)> = url.query_pairs().into_owned().collect();
    let has = |name: &str| query.iter().any(|(k, _)| k == name);
    let expires: u64 = query
        .iter()
        .find(|(k, _)| k == "X-Amz-Expires")
        .map(|(_, v)| v.parse().unwrap())
        .unwrap();
    assert!(expires >= 1 && expires <= u64::from(input.max_expires_in));
    let method = signed.request.method.as_str();
    assert_eq!(method, request.method);
    let with_upload = request.upload_id.is_some();
    let new_object = !with_upload && matches!(method, "PUT" | "POST");
    if new_object {
        assert_ne!(signed.key, request.key, "the proposed key was used");
    } else {
        assert_eq!(signed.key, request.key);
    }
    assert_eq!(has("uploadId"), with_upload);
    assert_eq!(has("uploads"), method == "POST" && !with_upload);
    assert_eq!(has("partNumber"), method == "PUT" && with_upload);
    if method == "DELETE" && !with_upload {
        assert!(input.allow_delete, "DeleteObject without allow_delete");
    }
    let creates = (method == "PUT" && !with_upload) || (method == "POST" && with_upload);
    assert_eq!(
        signed
            .request
            .headers
            .get("if-none-match")
            .map(String::as_str),
        (creates && input.create_only).then_some("*")
    );
    let content_type = signed.request.headers.get("content-type");
    assert_eq!(content_type, request.content_type.as_ref());
    if policy.content_types.is_some() && new_object {
        assert!(
            content_type.is_some(),
            "no Content-Type under a content_types policy"
        );
    }
});

//! `Signer::from_env`: the environment-variable table (R2 names first, then
//! the AWS ones), naming every missing setting at once.

use crate::config::SignerBuilder;
use crate::error::{Error, Result};
use crate::signer::Signer;

const ENDPOINT: &str = "R2_ENDPOINT or R2_ACCOUNT_ID or AWS_ENDPOINT_URL_S3 or AWS_ENDPOINT_URL (or AWS_REGION for AWS S3)";
const ACCESS_KEY: &str = "R2_ACCESS_KEY_ID or AWS_ACCESS_KEY_ID";
const SECRET_KEY: &str = "R2_SECRET_ACCESS_KEY or AWS_SECRET_ACCESS_KEY";
const BUCKET: &str = "R2_BUCKET or S3_BUCKET";

impl Signer {
    /// Builds a signer from the environment.
    ///
    /// | setting | variables, first set wins |
    /// |---|---|
    /// | endpoint | `R2_ENDPOINT`; `R2_ACCOUNT_ID` (→ `https://<id>.r2.cloudflarestorage.com`); `AWS_ENDPOINT_URL_S3`; `AWS_ENDPOINT_URL`; `AWS_REGION` (→ `https://s3.<region>.amazonaws.com`) |
    /// | access key | `R2_ACCESS_KEY_ID`; `AWS_ACCESS_KEY_ID` |
    /// | secret key | `R2_SECRET_ACCESS_KEY`; `AWS_SECRET_ACCESS_KEY` |
    /// | bucket | `R2_BUCKET`; `S3_BUCKET` |
    /// | region | `auto` for an R2 endpoint, else `AWS_REGION`; `AWS_DEFAULT_REGION`; `auto` |
    /// | session token | `AWS_SESSION_TOKEN`, only with `AWS_ACCESS_KEY_ID` |
    /// | public base URL | `R2_PUBLIC_URL` |
    ///
    /// Empty variables count as unset. With settings missing, the error
    /// ([`Error::MissingEnv`]) lists every one of them.
    pub fn from_env() -> Result<Signer> {
        builder_from(|name| std::env::var(name).ok())?.build()
    }
}

/// The builder `from_env` would build, reading variables through `var`.
pub(crate) fn builder_from(var: impl Fn(&str) -> Option<String>) -> Result<SignerBuilder> {
    let get = |name: &str| var(name).filter(|v| !v.is_empty());
    let first = |names: &[&str]| names.iter().find_map(|n| get(n));

    let (endpoint, is_r2) = if let Some(e) = get("R2_ENDPOINT") {
        (Some(e), true)
    } else if let Some(id) = get("R2_ACCOUNT_ID") {
        (Some(format!("https://{id}.r2.cloudflarestorage.com")), true)
    } else if let Some(e) = first(&["AWS_ENDPOINT_URL_S3", "AWS_ENDPOINT_URL"]) {
        (Some(e), false)
    } else {
        (
            get("AWS_REGION").map(|r| format!("https://s3.{r}.amazonaws.com")),
            false,
        )
    };
    let r2_key = get("R2_ACCESS_KEY_ID");
    let uses_aws_key = r2_key.is_none();
    let access_key = r2_key.or_else(|| get("AWS_ACCESS_KEY_ID"));
    let secret_key = first(&["R2_SECRET_ACCESS_KEY", "AWS_SECRET_ACCESS_KEY"]);
    let bucket = first(&["R2_BUCKET", "S3_BUCKET"]);

    let (Some(endpoint), Some(access_key), Some(secret_key), Some(bucket)) =
        (&endpoint, &access_key, &secret_key, &bucket)
    else {
        let missing = [
            (endpoint.is_none(), ENDPOINT),
            (access_key.is_none(), ACCESS_KEY),
            (secret_key.is_none(), SECRET_KEY),
            (bucket.is_none(), BUCKET),
        ];
        return Err(Error::MissingEnv {
            missing: missing
                .iter()
                .filter(|(m, _)| *m)
                .map(|(_, n)| *n)
                .collect(),
        });
    };

    let mut builder = Signer::builder(endpoint, bucket, access_key, secret_key);
    let region = if is_r2 {
        None
    } else {
        first(&["AWS_REGION", "AWS_DEFAULT_REGION"])
    };
    if let Some(region) = region {
        builder = builder.region(region);
    }
    if let Some(token) = get("AWS_SESSION_TOKEN").filter(|_| uses_aws_key) {
        builder = builder.session_token(token);
    }
    if let Some(public) = get("R2_PUBLIC_URL") {
        builder = builder.public_base_url(public);
    }
    Ok(builder)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn signer(vars: &[(&str, &str)]) -> Result<Signer> {
        let map: HashMap<String, String> = vars
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        builder_from(|n| map.get(n).cloned())?.build()
    }

    #[test]
    fn missing_variables_are_all_named() {
        let err = signer(&[("R2_BUCKET", "b"), ("AWS_ACCESS_KEY_ID", "")]).unwrap_err();
        let Error::MissingEnv { missing } = &err else {
            panic!("{err:?}")
        };
        assert_eq!(missing, &[ENDPOINT, ACCESS_KEY, SECRET_KEY]);
        let text = err.to_string();
        for name in [
            "R2_ENDPOINT",
            "R2_ACCOUNT_ID",
            "AWS_ACCESS_KEY_ID",
            "R2_SECRET_ACCESS_KEY",
            "AWS_SECRET_ACCESS_KEY",
        ] {
            assert!(text.contains(name), "{text}");
        }
        assert!(!text.contains("R2_BUCKET"), "{text}");
    }

    #[test]
    fn r2_account_id_gives_the_r2_endpoint_and_region_auto() {
        let s = signer(&[
            ("R2_ACCOUNT_ID", "abc123"),
            ("R2_ACCESS_KEY_ID", "AK"),
            ("R2_SECRET_ACCESS_KEY", "SK"),
            ("R2_BUCKET", "uploads"),
            ("AWS_REGION", "eu-west-1"),
            ("AWS_SESSION_TOKEN", "tok"),
            ("R2_PUBLIC_URL", "https://pub.example.com"),
        ])
        .unwrap();
        let url = s.presign_get("k", &Default::default()).unwrap().url;
        assert!(
            url.starts_with("https://abc123.r2.cloudflarestorage.com/uploads/k?"),
            "{url}"
        );
        assert!(url.contains("%2Fauto%2Fs3%2F"), "{url}");
        assert!(!url.contains("X-Amz-Security-Token"), "{url}");
        assert_eq!(s.public_url("k").unwrap(), "https://pub.example.com/k");
    }

    #[test]
    fn aws_variables_are_the_fallback() {
        let s = signer(&[
            ("AWS_REGION", "eu-west-1"),
            ("AWS_ACCESS_KEY_ID", "AK"),
            ("AWS_SECRET_ACCESS_KEY", "SK"),
            ("AWS_SESSION_TOKEN", "tok/en"),
            ("S3_BUCKET", "bkt"),
        ])
        .unwrap();
        let url = s.presign_get("k", &Default::default()).unwrap().url;
        assert!(
            url.starts_with("https://s3.eu-west-1.amazonaws.com/bkt/k?"),
            "{url}"
        );
        assert!(url.contains("%2Feu-west-1%2Fs3%2F"), "{url}");
        assert!(url.contains("X-Amz-Security-Token=tok%2Fen"), "{url}");
    }
}

//! `Signer::from_env`: the environment-variable table (R2 names first, then
//! the AWS ones), naming every missing setting at once.

use std::ffi::OsString;

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
    /// Whitespace around a value is dropped (a `.env` file with CRLF line
    /// endings leaves a `\r` behind), and an empty variable counts as unset.
    /// With settings missing, the error ([`Error::MissingEnv`]) lists every
    /// one of them; a variable that is set but not UTF-8 is
    /// [`Error::EnvNotUnicode`], and an unusable value is [`Error::FromEnv`],
    /// naming its variable.
    pub fn from_env() -> Result<Signer> {
        let (builder, sources) = builder_from(std::env::var_os)?;
        builder.build().map_err(|e| sources.attribute(e))
    }
}

/// Which variable each setting came from, to name it in an error.
#[derive(Debug, Default)]
pub(crate) struct Sources {
    endpoint: &'static str,
    bucket: &'static str,
    region: Option<&'static str>,
    public_base_url: Option<&'static str>,
}

impl Sources {
    /// `error` of building the signer, as [`Error::FromEnv`] naming the
    /// variable whose value it is about.
    fn attribute(&self, error: Error) -> Error {
        let variable = match &error {
            Error::InvalidEndpoint { .. } => Some(self.endpoint),
            Error::InvalidBucket { .. } => Some(self.bucket),
            Error::InvalidRegion { .. } => self.region,
            Error::InvalidPublicBaseUrl { .. } => self.public_base_url,
            // Credentials cannot be empty here (an empty variable is unset).
            _ => None,
        };
        match variable {
            Some(variable) => Error::FromEnv {
                variable,
                source: Box::new(error),
            },
            None => error,
        }
    }
}

/// The builder `from_env` would build, reading variables through `var`, and
/// where each setting came from.
pub(crate) fn builder_from(
    var: impl Fn(&'static str) -> Option<OsString>,
) -> Result<(SignerBuilder, Sources)> {
    let get = |name: &'static str| -> Result<Option<(&'static str, String)>> {
        let Some(raw) = var(name) else {
            return Ok(None);
        };
        let text = raw
            .into_string()
            .map_err(|_| Error::EnvNotUnicode { variable: name })?;
        let trimmed = text.trim();
        Ok((!trimmed.is_empty()).then(|| (name, trimmed.to_owned())))
    };
    let first = |names: &[&'static str]| -> Result<Option<(&'static str, String)>> {
        for name in names {
            if let Some(found) = get(name)? {
                return Ok(Some(found));
            }
        }
        Ok(None)
    };

    let (endpoint, is_r2) = if let Some(e) = get("R2_ENDPOINT")? {
        (Some(e), true)
    } else if let Some((name, id)) = get("R2_ACCOUNT_ID")? {
        (
            Some((name, format!("https://{id}.r2.cloudflarestorage.com"))),
            true,
        )
    } else if let Some(e) = first(&["AWS_ENDPOINT_URL_S3", "AWS_ENDPOINT_URL"])? {
        (Some(e), false)
    } else {
        let region = get("AWS_REGION")?;
        (
            region.map(|(name, r)| (name, format!("https://s3.{r}.amazonaws.com"))),
            false,
        )
    };
    let r2_key = get("R2_ACCESS_KEY_ID")?;
    let uses_aws_key = r2_key.is_none();
    let access_key = match r2_key {
        Some(key) => Some(key),
        None => get("AWS_ACCESS_KEY_ID")?,
    };
    let secret_key = first(&["R2_SECRET_ACCESS_KEY", "AWS_SECRET_ACCESS_KEY"])?;
    let bucket = first(&["R2_BUCKET", "S3_BUCKET"])?;

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

    let mut sources = Sources {
        endpoint: endpoint.0,
        bucket: bucket.0,
        ..Sources::default()
    };
    let mut builder = Signer::builder(&endpoint.1, &bucket.1, &access_key.1, &secret_key.1);
    let region = if is_r2 {
        None
    } else {
        first(&["AWS_REGION", "AWS_DEFAULT_REGION"])?
    };
    if let Some((name, region)) = region {
        sources.region = Some(name);
        builder = builder.region(region);
    }
    if uses_aws_key {
        if let Some((_, token)) = get("AWS_SESSION_TOKEN")? {
            builder = builder.session_token(token);
        }
    }
    if let Some((name, public)) = get("R2_PUBLIC_URL")? {
        sources.public_base_url = Some(name);
        builder = builder.public_base_url(public);
    }
    Ok((builder, sources))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn signer(vars: &[(&str, &str)]) -> Result<Signer> {
        let map: HashMap<String, OsString> = vars
            .iter()
            .map(|(k, v)| (k.to_string(), OsString::from(v)))
            .collect();
        let (builder, sources) = builder_from(|n| map.get(n).cloned())?;
        builder.build().map_err(|e| sources.attribute(e))
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
    fn whitespace_around_values_is_dropped() {
        let s = signer(&[
            ("R2_ENDPOINT", "http://127.0.0.1:9000\r"),
            ("R2_ACCESS_KEY_ID", " AK\r"),
            ("R2_SECRET_ACCESS_KEY", "SK\r\n"),
            ("R2_BUCKET", "\tuploads\r"),
            ("R2_PUBLIC_URL", "\r"),
        ])
        .unwrap();
        let url = s.presign_get("k", &Default::default()).unwrap().url;
        assert!(url.starts_with("http://127.0.0.1:9000/uploads/k?"), "{url}");
        assert!(url.contains("Credential=AK%2F"), "{url}");
        let reference = Signer::builder("http://127.0.0.1:9000", "uploads", "AK", "SK")
            .build()
            .unwrap();
        let opts = crate::GetOptions {
            signing_time: Some(std::time::UNIX_EPOCH),
            ..Default::default()
        };
        assert_eq!(
            s.presign_get("k", &opts).unwrap(),
            reference.presign_get("k", &opts).unwrap()
        );
        assert!(s.public_url("k").is_err(), "a blank R2_PUBLIC_URL is unset");
    }

    #[test]
    fn a_bad_value_names_its_variable() {
        let base = [
            ("R2_ACCESS_KEY_ID", "AK"),
            ("R2_SECRET_ACCESS_KEY", "SK"),
            ("R2_BUCKET", "uploads"),
        ];
        let with = |extra: &[(&'static str, &'static str)]| {
            let mut vars = base.to_vec();
            vars.extend_from_slice(extra);
            signer(&vars).unwrap_err()
        };
        let err = with(&[("R2_ENDPOINT", "http:h:8080")]);
        assert_eq!(err.kind(), crate::ErrorKind::Config);
        assert!(
            err.to_string().starts_with("R2_ENDPOINT: endpoint must be"),
            "{err}"
        );
        let err = with(&[("R2_ACCOUNT_ID", "a b")]);
        assert!(
            err.to_string()
                .starts_with("R2_ACCOUNT_ID: endpoint must be"),
            "{err}"
        );
        let err = with(&[("R2_ENDPOINT", "http://h"), ("R2_PUBLIC_URL", "ftp://x")]);
        assert!(
            err.to_string()
                .starts_with("R2_PUBLIC_URL: public_base_url"),
            "{err}"
        );
        let err = signer(&[
            ("AWS_ENDPOINT_URL", "http://h"),
            ("AWS_REGION", "eu west"),
            ("AWS_ACCESS_KEY_ID", "AK"),
            ("AWS_SECRET_ACCESS_KEY", "SK"),
            ("S3_BUCKET", "Bad_Bucket"),
        ])
        .unwrap_err();
        assert!(err.to_string().starts_with("S3_BUCKET: bucket"), "{err}");
    }

    #[cfg(unix)]
    #[test]
    fn a_variable_that_is_not_utf8_is_named_not_missing() {
        use std::os::unix::ffi::OsStringExt;
        let err = builder_from(|name| match name {
            "R2_SECRET_ACCESS_KEY" => Some(OsString::from_vec(b"se\xffcret".to_vec())),
            _ => Some(OsString::from("x")),
        })
        .unwrap_err();
        assert_eq!(
            err,
            Error::EnvNotUnicode {
                variable: "R2_SECRET_ACCESS_KEY"
            }
        );
        assert_eq!(
            err.to_string(),
            "R2_SECRET_ACCESS_KEY is set but is not valid UTF-8"
        );
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

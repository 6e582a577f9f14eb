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
        Self::from_vars(|name| std::env::var_os(name), &EnvOverrides::default())
    }

    /// Builds a signer as [`Signer::from_env`] does, reading each variable
    /// through `var` instead of the process environment (to layer a `.env`
    /// file under it, say), with the settings of `overrides` winning over
    /// the variables.
    ///
    /// An unusable value of an override is reported as the builder reports
    /// it (e.g. [`Error::InvalidEndpoint`]), not as [`Error::FromEnv`]: it
    /// came from the caller, not from a variable.
    ///
    /// ```
    /// use std::collections::HashMap;
    /// use std::ffi::OsString;
    /// use presigner::{EnvOverrides, Signer};
    ///
    /// let vars: HashMap<&str, OsString> = [
    ///     ("R2_ACCOUNT_ID", "acct"),
    ///     ("R2_ACCESS_KEY_ID", "AK"),
    ///     ("R2_SECRET_ACCESS_KEY", "SK"),
    ///     ("R2_BUCKET", "uploads"),
    /// ]
    /// .into_iter()
    /// .map(|(k, v)| (k, v.into()))
    /// .collect();
    /// let overrides = EnvOverrides { bucket: Some("photos".into()), ..Default::default() };
    /// let signer = Signer::from_vars(|name| vars.get(name).cloned(), &overrides)?;
    /// assert_eq!(signer.endpoint(), "https://acct.r2.cloudflarestorage.com");
    /// assert_eq!(signer.bucket(), "photos");
    /// # Ok::<(), presigner::Error>(())
    /// ```
    pub fn from_vars(
        var: impl Fn(&str) -> Option<OsString>,
        overrides: &EnvOverrides,
    ) -> Result<Signer> {
        let (builder, sources) = builder_from(var, overrides)?;
        builder.build().map_err(|e| sources.attribute(e))
    }
}

/// Settings given explicitly (a command line's flags, a secret read from
/// standard input) that win over the variables in [`Signer::from_vars`].
/// Their values are taken as given (no whitespace is dropped), and `Debug`
/// never shows the secret.
#[derive(Clone, Default)]
pub struct EnvOverrides {
    /// The endpoint, instead of the endpoint variables. The region is then
    /// `region`, else `AWS_REGION`, else `AWS_DEFAULT_REGION`, else `auto`.
    pub endpoint: Option<String>,
    /// The bucket, instead of `R2_BUCKET` or `S3_BUCKET`.
    pub bucket: Option<String>,
    /// The signing region, for an R2 endpoint too. With no endpoint set
    /// at all, it gives the AWS endpoint `https://s3.<region>.amazonaws.com`,
    /// as `AWS_REGION` does.
    pub region: Option<String>,
    /// The secret access key, instead of `R2_SECRET_ACCESS_KEY` or
    /// `AWS_SECRET_ACCESS_KEY`.
    pub secret_access_key: Option<String>,
}

impl std::fmt::Debug for EnvOverrides {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EnvOverrides")
            .field("endpoint", &self.endpoint)
            .field("bucket", &self.bucket)
            .field("region", &self.region)
            .field(
                "secret_access_key",
                &format_args!(
                    "{}",
                    if self.secret_access_key.is_some() {
                        "***"
                    } else {
                        "None"
                    }
                ),
            )
            .finish()
    }
}

/// Which variable each setting came from, to name it in an error (`None`:
/// an override, or a default).
#[derive(Debug, Default)]
pub(crate) struct Sources {
    endpoint: Option<&'static str>,
    bucket: Option<&'static str>,
    region: Option<&'static str>,
    public_base_url: Option<&'static str>,
}

impl Sources {
    /// `error` of building the signer, as [`Error::FromEnv`] naming the
    /// variable whose value it is about.
    fn attribute(&self, error: Error) -> Error {
        let variable = match &error {
            Error::InvalidEndpoint { .. } => self.endpoint,
            Error::InvalidBucket { .. } => self.bucket,
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

/// The builder `from_vars` would build, reading variables through `var`,
/// and where each setting came from.
pub(crate) fn builder_from(
    var: impl Fn(&'static str) -> Option<OsString>,
    overrides: &EnvOverrides,
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

    // Each setting with the variable it came from (`None`: an override).
    let given = |value: &Option<String>| value.clone().map(|v| (None, v));
    let from_var = |found: Option<(&'static str, String)>| found.map(|(n, v)| (Some(n), v));
    let (endpoint, is_r2) = if let Some(e) = given(&overrides.endpoint) {
        (Some(e), false)
    } else if let Some(e) = get("R2_ENDPOINT")? {
        (from_var(Some(e)), true)
    } else if let Some((name, id)) = get("R2_ACCOUNT_ID")? {
        (
            Some((Some(name), format!("https://{id}.r2.cloudflarestorage.com"))),
            true,
        )
    } else if let Some(e) = first(&["AWS_ENDPOINT_URL_S3", "AWS_ENDPOINT_URL"])? {
        (from_var(Some(e)), false)
    } else {
        let region = match given(&overrides.region) {
            Some(region) => Some(region),
            None => from_var(get("AWS_REGION")?),
        };
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
    let secret_key = match given(&overrides.secret_access_key) {
        Some(secret) => Some(secret),
        None => from_var(first(&["R2_SECRET_ACCESS_KEY", "AWS_SECRET_ACCESS_KEY"])?),
    };
    let bucket = match given(&overrides.bucket) {
        Some(bucket) => Some(bucket),
        None => from_var(first(&["R2_BUCKET", "S3_BUCKET"])?),
    };

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
    let region = if let Some(region) = given(&overrides.region) {
        Some(region)
    } else if is_r2 {
        None
    } else {
        from_var(first(&["AWS_REGION", "AWS_DEFAULT_REGION"])?)
    };
    if let Some((name, region)) = region {
        sources.region = name;
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
        Signer::from_vars(|n| map.get(n).cloned(), &EnvOverrides::default())
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
        let err = builder_from(
            |name| match name {
                "R2_SECRET_ACCESS_KEY" => Some(OsString::from_vec(b"se\xffcret".to_vec())),
                _ => Some(OsString::from("x")),
            },
            &EnvOverrides::default(),
        )
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

    fn with_overrides(vars: &[(&str, &str)], overrides: &EnvOverrides) -> Result<Signer> {
        let map: HashMap<&str, OsString> = vars.iter().map(|(k, v)| (*k, v.into())).collect();
        Signer::from_vars(|n| map.get(n).cloned(), overrides)
    }

    #[test]
    fn overrides_win_over_the_variables() {
        let r2 = [
            ("R2_ACCOUNT_ID", "acct"),
            ("R2_ACCESS_KEY_ID", "AK"),
            ("R2_SECRET_ACCESS_KEY", "SK"),
            ("R2_BUCKET", "uploads"),
            ("AWS_REGION", "eu-west-1"),
        ];
        let s = with_overrides(
            &r2,
            &EnvOverrides {
                bucket: Some("photos".into()),
                secret_access_key: Some("other secret".into()),
                ..Default::default()
            },
        )
        .unwrap();
        assert_eq!(s.endpoint(), "https://acct.r2.cloudflarestorage.com");
        assert_eq!(s.bucket(), "photos");
        assert_eq!(s.region(), "auto", "an R2 endpoint still signs for auto");
        let reference = Signer::builder(s.endpoint(), "photos", "AK", "other secret")
            .build()
            .unwrap();
        let opts = crate::GetOptions {
            signing_time: Some(std::time::UNIX_EPOCH),
            ..Default::default()
        };
        assert_eq!(
            s.presign_get("k", &opts).unwrap(),
            reference.presign_get("k", &opts).unwrap(),
            "the overriding secret signs"
        );

        // An explicit endpoint is no R2 endpoint: AWS_REGION applies to it,
        // and an explicit region wins over both.
        let endpoint = EnvOverrides {
            endpoint: Some("http://127.0.0.1:9000".into()),
            ..Default::default()
        };
        let s = with_overrides(&r2, &endpoint).unwrap();
        assert_eq!(s.endpoint(), "http://127.0.0.1:9000");
        assert_eq!(s.region(), "eu-west-1");
        let s = with_overrides(
            &r2,
            &EnvOverrides {
                region: Some("us-east-2".into()),
                ..endpoint.clone()
            },
        )
        .unwrap();
        assert_eq!(s.region(), "us-east-2");
        let s = with_overrides(&r2[1..4], &endpoint).unwrap();
        assert_eq!(s.region(), "auto");

        // A region alone gives the AWS endpoint, as AWS_REGION does.
        let s = with_overrides(
            &r2[1..4],
            &EnvOverrides {
                region: Some("ap-south-1".into()),
                ..Default::default()
            },
        )
        .unwrap();
        assert_eq!(s.endpoint(), "https://s3.ap-south-1.amazonaws.com");
        assert_eq!(s.region(), "ap-south-1");
    }

    #[test]
    fn overrides_fill_what_the_variables_lack() {
        let err =
            with_overrides(&[("R2_ACCESS_KEY_ID", "AK")], &EnvOverrides::default()).unwrap_err();
        assert_eq!(
            err,
            Error::MissingEnv {
                missing: vec![ENDPOINT, SECRET_KEY, BUCKET]
            }
        );
        let all = EnvOverrides {
            endpoint: Some("http://h".into()),
            bucket: Some("bkt".into()),
            secret_access_key: Some("SK".into()),
            region: None,
        };
        let s = with_overrides(&[("R2_ACCESS_KEY_ID", "AK")], &all).unwrap();
        assert_eq!((s.endpoint(), s.bucket()), ("http://h", "bkt"));
        let err = with_overrides(&[], &all).unwrap_err();
        assert_eq!(
            err,
            Error::MissingEnv {
                missing: vec![ACCESS_KEY]
            }
        );
    }

    #[test]
    fn a_bad_override_is_not_blamed_on_a_variable() {
        let vars = [
            ("R2_ENDPOINT", "http://h"),
            ("R2_ACCESS_KEY_ID", "AK"),
            ("R2_SECRET_ACCESS_KEY", "SK"),
            ("R2_BUCKET", "uploads"),
        ];
        let bad = |overrides: EnvOverrides| with_overrides(&vars, &overrides).unwrap_err();
        let err = bad(EnvOverrides {
            endpoint: Some("http://h/path".into()),
            ..Default::default()
        });
        assert!(matches!(err, Error::InvalidEndpoint { .. }), "{err:?}");
        let err = bad(EnvOverrides {
            bucket: Some("Bad_Bucket".into()),
            ..Default::default()
        });
        assert!(matches!(err, Error::InvalidBucket { .. }), "{err:?}");
        let err = bad(EnvOverrides {
            region: Some("eu west".into()),
            ..Default::default()
        });
        assert!(matches!(err, Error::InvalidRegion { .. }), "{err:?}");
        let err = bad(EnvOverrides {
            secret_access_key: Some(String::new()),
            ..Default::default()
        });
        assert_eq!(
            err,
            Error::EmptyCredential {
                argument: crate::Argument::SecretAccessKey
            }
        );
    }

    #[test]
    fn overrides_debug_hides_the_secret() {
        let o = EnvOverrides {
            secret_access_key: Some("hunter2".into()),
            bucket: Some("b".into()),
            ..Default::default()
        };
        let shown = format!("{o:?}");
        assert!(!shown.contains("hunter2"), "{shown}");
        assert!(shown.contains("secret_access_key: ***"), "{shown}");
        assert!(shown.contains("bucket: Some(\"b\")"), "{shown}");
    }
}

//! The command line's arguments (clap), and the parsers of the values that
//! are the command line's own: durations, `s3://` URLs, `--metadata k=v`.

use std::collections::BTreeMap;
use std::time::Duration;

use clap::{Args, Parser, Subcommand};
use clap_complete::Shell;

use crate::Failure;

/// Shown after the options of `presigner --help`.
const CONFIGURATION: &str = "\
Configuration (first set wins for each setting):
  endpoint     --endpoint; R2_ENDPOINT; R2_ACCOUNT_ID (https://<id>.r2.cloudflarestorage.com);
               AWS_ENDPOINT_URL_S3; AWS_ENDPOINT_URL; --region or AWS_REGION (AWS S3)
  access key   R2_ACCESS_KEY_ID; AWS_ACCESS_KEY_ID
  secret key   --secret-stdin; R2_SECRET_ACCESS_KEY; AWS_SECRET_ACCESS_KEY
  bucket       s3://BUCKET/KEY; --bucket; R2_BUCKET; S3_BUCKET
  region       --region; auto for an R2 endpoint; AWS_REGION; AWS_DEFAULT_REGION; auto
  also         AWS_SESSION_TOKEN (with AWS_ACCESS_KEY_ID), R2_PUBLIC_URL (public-url)

Each variable is read from the environment, else from a .env file in the
current folder (KEY=VALUE lines, # comments, optional quotes, optional
`export`): a variable set in the environment wins over .env.

Secrets (the secret access key, the session token) are read only from the
environment, .env or standard input (--secret-stdin), never from a flag:
flags land in shell history and in the process list.

Exit codes: 0 done, 1 configuration missing or unusable, 2 bad usage or
argument.

Examples:
  curl -T cat.jpg \"$(presigner put photos/cat.jpg)\"
  curl -o cat.jpg \"$(presigner get photos/cat.jpg --expires-in 15m)\"
  presigner put s3://uploads/big.bin --json
  presigner put photos/cat.jpg --content-type image/jpeg --curl cat.jpg | sh";

/// Presigned S3 and Cloudflare R2 URLs from the shell: uploads (PUT),
/// downloads (GET), HEAD, DELETE and the parts of a multipart upload.
///
/// Prints the URL alone, so that `$(presigner put KEY)` is the URL.
#[derive(Debug, Parser)]
#[command(
    name = "presigner",
    version,
    after_help = "Secrets come only from the environment, ./.env or --secret-stdin, never \
                  from a flag. More with --help.",
    after_long_help = CONFIGURATION
)]
pub struct Cli {
    /// Where to sign for (flags win over the environment and .env).
    #[command(flatten)]
    pub config: ConfigArgs,
    /// What to sign.
    #[command(subcommand)]
    pub command: Command,
}

/// The configuration a flag can give: everything but the secrets.
#[derive(Debug, Args)]
pub struct ConfigArgs {
    /// The endpoint, http(s)://host[:port], instead of R2_ENDPOINT and the rest
    #[arg(
        long,
        global = true,
        value_name = "URL",
        help_heading = "Configuration"
    )]
    pub endpoint: Option<String>,
    /// The bucket, instead of R2_BUCKET or S3_BUCKET
    #[arg(long, global = true, help_heading = "Configuration")]
    pub bucket: Option<String>,
    /// The signing region, instead of auto or AWS_REGION
    #[arg(long, global = true, help_heading = "Configuration")]
    pub region: Option<String>,
    /// Read the secret access key from the first line of standard input
    #[arg(long, global = true, help_heading = "Configuration")]
    pub secret_stdin: bool,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// A URL to upload KEY with PUT (curl -T FILE URL)
    Put(PutArgs),
    /// A URL to download KEY with GET
    Get(GetArgs),
    /// A URL to HEAD KEY (does it exist, its size and type)
    Head(ObjectArgs),
    /// A URL to DELETE KEY
    Delete(ObjectArgs),
    /// A fresh random key (a UUID), keeping the extension of --filename
    NewKey {
        /// Keep this file name's extension (lower-cased), e.g. "Cat.JPG" gives .jpg
        #[arg(long, value_name = "NAME")]
        filename: Option<String>,
        /// Put the key under this prefix, e.g. "photos" gives photos/<uuid>
        #[arg(long)]
        prefix: Option<String>,
    },
    /// The public (unsigned) URL of KEY under R2_PUBLIC_URL
    PublicUrl {
        /// The object key
        key: String,
    },
    /// The UploadPart URLs of a multipart upload, one per line (parts 1 to N)
    Parts(PartsArgs),
    /// Shell completions: presigner completions bash > /etc/bash_completion.d/presigner
    Completions {
        /// The shell
        shell: Shell,
    },
}

/// `KEY` or `s3://BUCKET/KEY`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    /// The bucket of an `s3://` URL.
    pub bucket: Option<String>,
    /// The object key.
    pub key: String,
}

/// `presigner put`.
#[derive(Debug, Args)]
pub struct PutArgs {
    /// The object key, or s3://BUCKET/KEY (that bucket instead of the configured one)
    #[arg(value_name = "KEY", value_parser = parse_target)]
    pub target: Target,
    /// How long the URL works: seconds, or 15m, 1h, 7d (default 1h, at most 7d)
    #[arg(long, value_name = "DURATION", value_parser = parse_duration)]
    pub expires_in: Option<Duration>,
    /// Upload only if KEY does not exist yet (signs If-None-Match: *; 412 otherwise)
    #[arg(long)]
    pub if_none_match: bool,
    /// The Content-Type the upload must send (signed)
    #[arg(long, value_name = "TYPE")]
    pub content_type: Option<String>,
    /// The exact size in bytes the upload must have (signed)
    #[arg(long, value_name = "BYTES")]
    pub content_length: Option<u64>,
    /// User metadata stored with the object, sent as x-amz-meta-NAME (repeatable)
    #[arg(long, value_name = "NAME=VALUE")]
    pub metadata: Vec<String>,
    /// Print {method,url,headers,expiresAt} as JSON
    #[arg(long, conflicts_with = "curl")]
    pub json: bool,
    /// Print a curl command that uploads FILE, with the headers to send
    #[arg(long, value_name = "FILE")]
    pub curl: Option<String>,
}

/// `presigner get`.
#[derive(Debug, Args)]
pub struct GetArgs {
    /// The object key, or s3://BUCKET/KEY (that bucket instead of the configured one)
    #[arg(value_name = "KEY", value_parser = parse_target)]
    pub target: Target,
    /// How long the URL works: seconds, or 15m, 1h, 7d (default 1h, at most 7d)
    #[arg(long, value_name = "DURATION", value_parser = parse_duration)]
    pub expires_in: Option<Duration>,
    /// Download under this file name (Content-Disposition: attachment)
    #[arg(long, value_name = "NAME")]
    pub download_as: Option<String>,
    /// The Content-Type the store answers with
    #[arg(long, value_name = "TYPE")]
    pub response_content_type: Option<String>,
    /// Print {method,url,headers,expiresAt} as JSON
    #[arg(long, conflicts_with = "curl")]
    pub json: bool,
    /// Print a curl command that downloads into FILE
    #[arg(long, value_name = "FILE")]
    pub curl: Option<String>,
}

/// `presigner head` and `presigner delete`.
#[derive(Debug, Args)]
pub struct ObjectArgs {
    /// The object key, or s3://BUCKET/KEY (that bucket instead of the configured one)
    #[arg(value_name = "KEY", value_parser = parse_target)]
    pub target: Target,
    /// How long the URL works: seconds, or 15m, 1h, 7d (default 1h, at most 7d)
    #[arg(long, value_name = "DURATION", value_parser = parse_duration)]
    pub expires_in: Option<Duration>,
    /// Print {method,url,headers,expiresAt} as JSON
    #[arg(long, conflicts_with = "curl")]
    pub json: bool,
    /// Print a curl command that sends the request
    #[arg(long)]
    pub curl: bool,
}

/// `presigner parts`.
#[derive(Debug, Args)]
pub struct PartsArgs {
    /// The object key, or s3://BUCKET/KEY (that bucket instead of the configured one)
    #[arg(value_name = "KEY", value_parser = parse_target)]
    pub target: Target,
    /// The UploadId that CreateMultipartUpload answered
    #[arg(long, value_name = "ID")]
    pub upload_id: String,
    /// How many parts: URLs for parts 1 to N (at most 10000)
    #[arg(long, value_name = "N")]
    pub count: u32,
    /// How long the URLs work: seconds, or 15m, 1h, 7d (default 1h, at most 7d)
    #[arg(long, value_name = "DURATION", value_parser = parse_duration)]
    pub expires_in: Option<Duration>,
    /// Print a JSON array of {partNumber,method,url,headers,expiresAt}
    #[arg(long)]
    pub json: bool,
}

/// `KEY`, or `s3://BUCKET/KEY` (everything after the bucket's `/` is the
/// key, as written: `aws s3` does not percent-decode it either).
fn parse_target(text: &str) -> Result<Target, String> {
    let Some(rest) = text.strip_prefix("s3://") else {
        return Ok(Target {
            bucket: None,
            key: text.to_owned(),
        });
    };
    let (bucket, key) = rest.split_once('/').unwrap_or((rest, ""));
    if bucket.is_empty() {
        return Err("the s3:// URL has no bucket (s3://BUCKET/KEY)".to_owned());
    }
    Ok(Target {
        bucket: Some(bucket.to_owned()),
        key: key.to_owned(),
    })
}

/// `90` (seconds), `90s`, `15m`, `1h` or `7d`. Only the form is checked
/// here; the core checks the range (1 s to 7 days).
fn parse_duration(text: &str) -> Result<Duration, String> {
    let (digits, unit) = match text.char_indices().last() {
        Some((i, c)) if c.is_ascii_alphabetic() => (&text[..i], c),
        _ => (text, 's'),
    };
    let scale = match unit {
        's' => 1,
        'm' => 60,
        'h' => 3600,
        'd' => 86_400,
        _ => return Err(format!("unknown unit {unit:?}: use s, m, h or d")),
    };
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err("a duration is a whole number, then s, m, h or d: 90, 15m, 1h, 7d".to_owned());
    }
    digits
        .parse::<u64>()
        .ok()
        .and_then(|n| n.checked_mul(scale))
        .map(Duration::from_secs)
        .ok_or_else(|| "the duration is too long (at most 7d)".to_owned())
}

/// `--metadata NAME=VALUE`s as a map; a name given twice is refused (the
/// core refuses names that differ only in case).
pub fn metadata(entries: Vec<String>) -> Result<BTreeMap<String, String>, Failure> {
    let mut map = BTreeMap::new();
    for entry in entries {
        let Some((name, value)) = entry.split_once('=') else {
            return Err(Failure::usage(format!(
                "--metadata takes NAME=VALUE, got {entry:?}"
            )));
        };
        if map.insert(name.to_owned(), value.to_owned()).is_some() {
            return Err(Failure::usage(format!(
                "--metadata {name:?} is given twice"
            )));
        }
    }
    Ok(map)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    #[test]
    fn durations() {
        for (text, secs) in [
            ("90", 90),
            ("90s", 90),
            ("15m", 900),
            ("1h", 3600),
            ("7d", 604_800),
            ("0", 0),
        ] {
            assert_eq!(
                parse_duration(text),
                Ok(Duration::from_secs(secs)),
                "{text}"
            );
        }
        for bad in [
            "", "h", "1.5h", "-1", "1w", "1 h", "1H", "1h30m", "+5", "١h",
        ] {
            assert!(parse_duration(bad).is_err(), "{bad}");
        }
        assert_eq!(
            parse_duration("99999999999999999999d"),
            Err("the duration is too long (at most 7d)".to_owned())
        );
        assert_eq!(
            parse_duration(&format!("{}d", u64::MAX / 86_400 + 1)),
            Err("the duration is too long (at most 7d)".to_owned())
        );
    }

    #[test]
    fn targets() {
        let t = |bucket: Option<&str>, key: &str| Target {
            bucket: bucket.map(str::to_owned),
            key: key.to_owned(),
        };
        assert_eq!(parse_target("a/b.jpg"), Ok(t(None, "a/b.jpg")));
        assert_eq!(parse_target("s3://bkt/a/b c"), Ok(t(Some("bkt"), "a/b c")));
        assert_eq!(parse_target("s3://bkt/%20"), Ok(t(Some("bkt"), "%20")));
        assert_eq!(parse_target("s3://bkt"), Ok(t(Some("bkt"), "")));
        assert!(parse_target("s3:///key").is_err());
        assert_eq!(parse_target("S3://b/k"), Ok(t(None, "S3://b/k")));
    }

    #[test]
    fn metadata_entries() {
        let m = metadata(vec!["a=1".into(), "b==2".into(), "c=".into()]).unwrap();
        assert_eq!(m["a"], "1");
        assert_eq!(m["b"], "=2");
        assert_eq!(m["c"], "");
        assert!(metadata(vec!["a".into()]).is_err());
        assert!(metadata(vec!["a=1".into(), "a=2".into()]).is_err());
    }
}

//! `presigner`: presigned S3 and Cloudflare R2 URLs from a shell.
//!
//! A thin layer over the `presigner` crate: the command line reads its
//! arguments and configuration, the core signs and validates, and this
//! binary prints the result (`args.rs` the arguments, `config.rs` the
//! configuration, `output.rs` what is printed).

mod args;
mod config;
mod output;

use std::io::Write;
use std::process::ExitCode;

use clap::{CommandFactory, Parser};
use presigner::{
    Argument, ErrorKind, GetOptions, ObjectOptions, PresignedRequest, PutOptions, Signer,
    SigningOptions,
};

use crate::args::{Cli, Command, ConfigArgs, Target};
use crate::output::Format;

/// Why a command failed: printed to stderr, and the exit code.
#[derive(Debug)]
struct Failure {
    message: String,
    code: u8,
}

/// Exit code of a command line that asks for something impossible.
const USAGE: u8 = 2;
/// Exit code of a configuration that is missing or unusable.
const CONFIG: u8 = 1;

impl Failure {
    fn usage(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
            code: USAGE,
        }
    }

    fn config(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
            code: CONFIG,
        }
    }
}

impl From<presigner::Error> for Failure {
    fn from(error: presigner::Error) -> Self {
        let mut message = error.message_naming(flag_name);
        if matches!(error, presigner::Error::MissingEnv { .. }) {
            message.push_str(
                "\n  (read from the environment, then from ./.env; --endpoint and --bucket \
                 give the endpoint and bucket, --secret-stdin the secret access key)",
            );
        }
        match error.kind() {
            ErrorKind::InvalidArgument => Self::usage(message),
            _ => Self::config(message),
        }
    }
}

/// How the command line spells an argument the core names in a message.
fn flag_name(argument: Argument) -> &'static str {
    match argument {
        Argument::ExpiresIn => "--expires-in",
        Argument::ContentType => "--content-type",
        Argument::ContentLength => "--content-length",
        Argument::Metadata => "--metadata",
        Argument::IfNoneMatch => "--if-none-match",
        Argument::ResponseContentType => "--response-content-type",
        Argument::ResponseContentDisposition => "--download-as",
        Argument::UploadId => "--upload-id",
        Argument::PartCount => "--count",
        Argument::Endpoint => "--endpoint",
        Argument::SecretAccessKey => "the secret access key",
        Argument::PublicBaseUrl => "R2_PUBLIC_URL",
        other => other.name(),
    }
}

fn main() -> ExitCode {
    let mut out = Vec::new();
    if let Err(failure) = run(Cli::parse(), &mut out) {
        eprintln!("error: {}", failure.message);
        return ExitCode::from(failure.code);
    }
    match std::io::stdout().lock().write_all(&out) {
        Ok(()) => ExitCode::SUCCESS,
        // A reader that stopped early (`| head -1`) is not an error.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: cannot write to standard output: {e}");
            ExitCode::from(CONFIG)
        }
    }
}

/// Runs `cli`, writing what it prints to `out`.
fn run(cli: Cli, out: &mut Vec<u8>) -> Result<(), Failure> {
    let Cli { config, command } = cli;
    match command {
        Command::Put(a) => {
            let opts = PutOptions {
                expires_in: a.expires_in,
                content_type: a.content_type,
                content_length: a.content_length,
                metadata: args::metadata(a.metadata)?,
                if_none_match: a.if_none_match.then(|| "*".to_owned()),
                ..Default::default()
            };
            let request = signer(&config, Some(&a.target))?.presign_put(&a.target.key, &opts)?;
            output::request(
                out,
                &request,
                Format::new(a.json, a.curl.as_deref().map(Some)),
            );
            Ok(())
        }
        Command::Get(a) => {
            let signer = signer(&config, Some(&a.target))?;
            let opts = GetOptions {
                expires_in: a.expires_in,
                response_content_type: a.response_content_type,
                response_content_disposition: a.download_as.as_deref().map(presigner::attachment),
                ..Default::default()
            };
            let request = signer.presign_get(&a.target.key, &opts)?;
            output::request(
                out,
                &request,
                Format::new(a.json, a.curl.as_deref().map(Some)),
            );
            Ok(())
        }
        Command::Head(a) => object(out, &config, a, Signer::presign_head),
        Command::Delete(a) => object(out, &config, a, Signer::presign_delete),
        Command::NewKey { filename, prefix } => {
            output::line(
                out,
                &presigner::new_key(filename.as_deref(), prefix.as_deref()),
            );
            Ok(())
        }
        Command::PublicUrl { key } => {
            if key.starts_with("s3://") {
                return Err(Failure::usage(
                    "public-url takes a key, not an s3:// URL: the public base URL \
                     (R2_PUBLIC_URL) belongs to the configured bucket",
                ));
            }
            let url = signer(&config, None)?.public_url(&key)?;
            output::line(out, &url);
            Ok(())
        }
        Command::Parts(a) => {
            let signer = signer(&config, Some(&a.target))?;
            let opts = SigningOptions {
                expires_in: a.expires_in,
                ..Default::default()
            };
            let parts = signer.presign_upload_parts(&a.target.key, &a.upload_id, a.count, &opts)?;
            output::parts(out, &parts, a.json);
            Ok(())
        }
        Command::Completions { shell } => {
            clap_complete::generate(shell, &mut Cli::command(), "presigner", out);
            Ok(())
        }
    }
}

/// HEAD and DELETE: the same arguments, the same output.
fn object(
    out: &mut Vec<u8>,
    config: &ConfigArgs,
    a: args::ObjectArgs,
    presign: fn(&Signer, &str, &ObjectOptions) -> presigner::Result<PresignedRequest>,
) -> Result<(), Failure> {
    let signer = signer(config, Some(&a.target))?;
    let opts = ObjectOptions {
        expires_in: a.expires_in,
        ..Default::default()
    };
    let request = presign(&signer, &a.target.key, &opts)?;
    output::request(out, &request, Format::new(a.json, a.curl.then_some(None)));
    Ok(())
}

/// The signer of the configuration, for the bucket of `target` when it
/// names one (`s3://bucket/key`).
fn signer(config: &ConfigArgs, target: Option<&Target>) -> Result<Signer, Failure> {
    let bucket = match (target.and_then(|t| t.bucket.as_deref()), &config.bucket) {
        (Some(url), Some(flag)) if url != flag => {
            return Err(Failure::usage(format!(
                "the s3:// URL names bucket {url:?} but --bucket is {flag:?}: give one of them"
            )))
        }
        (Some(url), _) => Some(url.to_owned()),
        (None, flag) => flag.clone(),
    };
    config::signer(config, bucket)
}

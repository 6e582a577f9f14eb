//! A local S3-compatible server that really verifies SigV4 signatures,
//! presigned URLs included: s3s + s3s-fs (one access key pair, objects as
//! files under `--root`; `multipart.rs` fills s3s-fs's multipart gaps),
//! wrapped in a CORS layer for browser uploads.
//!
//! ```text
//! presigner-s3server [--addr 127.0.0.1:0] --root DIR --access-key AK --secret-key SK \
//!     [--bucket NAME]... [--cors-origin ORIGIN]...
//! ```
//!
//! After binding it prints one line, `listening on http://127.0.0.1:PORT`,
//! and serves until SIGINT or SIGTERM.

mod bucket_cors;
mod multipart;

use std::io::Write;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use http::{header, HeaderValue, Method};
use hyper_util::rt::{TokioExecutor, TokioIo};
use hyper_util::server::conn::auto::Builder as ConnBuilder;
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use s3s::auth::SimpleAuth;
use s3s::service::S3ServiceBuilder;
use tokio::net::TcpListener;
use tokio::signal::unix::{signal, SignalKind};
use tower::ServiceBuilder;
use tower_http::cors::{AllowOrigin, Any, CorsLayer};

type BoxError = Box<dyn std::error::Error + Send + Sync>;

const USAGE: &str = "usage: presigner-s3server [--addr 127.0.0.1:PORT] --root DIR \
--access-key AK --secret-key SK [--bucket NAME]... [--cors-origin ORIGIN]...";

/// Command-line options.
struct Options {
    /// Loopback address to bind; port 0 picks a free port.
    addr: SocketAddr,
    /// Data directory: one subdirectory per bucket, one file per object.
    root: PathBuf,
    access_key: String,
    secret_key: String,
    /// Buckets created (as directories) at start.
    buckets: Vec<String>,
    /// Allowed CORS origins; empty means any origin.
    cors_origins: Vec<String>,
}

/// Parses `std::env::args` by hand: every flag takes one value.
fn parse_args() -> Result<Options, String> {
    let mut addr = SocketAddr::from(([127, 0, 0, 1], 0));
    let mut root = None;
    let mut access_key = None;
    let mut secret_key = None;
    let mut buckets = Vec::new();
    let mut cors_origins = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        if flag == "-h" || flag == "--help" {
            return Err(String::new());
        }
        let value = args.next().ok_or_else(|| format!("{flag} needs a value"))?;
        match flag.as_str() {
            "--addr" => addr = value.parse().map_err(|e| format!("--addr {value}: {e}"))?,
            "--root" => root = Some(PathBuf::from(value)),
            "--access-key" => access_key = Some(value),
            "--secret-key" => secret_key = Some(value),
            "--bucket" => buckets.push(value),
            "--cors-origin" => cors_origins.push(value),
            _ => return Err(format!("unknown flag {flag}")),
        }
    }
    if !addr.ip().is_loopback() {
        return Err(format!(
            "--addr {addr}: only loopback addresses are allowed (this server is for local tests)"
        ));
    }
    if let Some(bad) = buckets.iter().find(|b| !is_bucket_name(b)) {
        return Err(format!("--bucket {bad:?}: not a valid bucket name"));
    }
    Ok(Options {
        addr,
        root: root.ok_or("--root is required")?,
        access_key: access_key.ok_or("--access-key is required")?,
        secret_key: secret_key.ok_or("--secret-key is required")?,
        buckets,
        cors_origins,
    })
}

/// S3 bucket naming rules (3-63 of `a-z 0-9 . -`, alphanumeric at both ends),
/// which also keeps the directory inside `--root`.
fn is_bucket_name(name: &str) -> bool {
    let b = name.as_bytes();
    (3..=63).contains(&b.len())
        && b.iter()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, b'.' | b'-'))
        && b[0].is_ascii_alphanumeric()
        && b[b.len() - 1].is_ascii_alphanumeric()
        && !name.contains("..")
}

/// CORS for browser uploads: the given origins (any when none), the methods
/// a presigned URL uses, any request header, and `ETag` exposed (multipart
/// uploads read it).
fn cors(origins: &[String]) -> Result<CorsLayer, BoxError> {
    let allow_origin = if origins.is_empty() {
        AllowOrigin::from(Any)
    } else {
        let values = origins
            .iter()
            .map(|o| HeaderValue::from_str(o))
            .collect::<Result<Vec<_>, _>>()?;
        AllowOrigin::list(values)
    };
    Ok(CorsLayer::new()
        .allow_origin(allow_origin)
        .allow_methods([
            Method::GET,
            Method::PUT,
            Method::HEAD,
            Method::POST,
            Method::DELETE,
        ])
        .allow_headers(Any)
        .expose_headers([header::ETAG])
        .max_age(Duration::from_secs(600)))
}

/// Resolves on the first SIGINT or SIGTERM.
async fn shutdown_signal() -> std::io::Result<()> {
    let mut sigterm = signal(SignalKind::terminate())?;
    tokio::select! {
        res = tokio::signal::ctrl_c() => res,
        _ = sigterm.recv() => Ok(()),
    }
}

#[tokio::main]
async fn main() -> ExitCode {
    let opts = match parse_args() {
        Ok(opts) => opts,
        Err(msg) if msg.is_empty() => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(msg) => {
            eprintln!("presigner-s3server: {msg}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    match serve(opts).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("presigner-s3server: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Creates the buckets, binds, prints the `listening on` line and serves
/// until SIGINT or SIGTERM.
async fn serve(opts: Options) -> Result<(), BoxError> {
    // s3s-fs has no "create bucket at start": a bucket is a directory under root.
    std::fs::create_dir_all(&opts.root)?;
    for bucket in &opts.buckets {
        std::fs::create_dir_all(opts.root.join(bucket))?;
    }
    // s3s-fs, with its multipart gaps filled (see multipart.rs).
    let fs = multipart::Multipart::new(&opts.root)?;
    let mut s3 = S3ServiceBuilder::new(fs);
    s3.set_auth(SimpleAuth::from_single(
        opts.access_key.as_str(),
        opts.secret_key.as_str(),
    ));
    // Without --cors-origin, CORS is what PutBucketCors configured, as on S3
    // and R2; with it, those origins are allowed on every bucket.
    let store = bucket_cors::CorsStore::default();
    s3.set_route(bucket_cors::CorsRoute(store.clone()));
    let s3 = bucket_cors::BucketCors {
        inner: s3.build(),
        store,
    };
    let service = ServiceBuilder::new()
        .option_layer(
            (!opts.cors_origins.is_empty())
                .then(|| cors(&opts.cors_origins))
                .transpose()?,
        )
        .service(s3);
    let service = TowerToHyperService::new(service);

    let listener = TcpListener::bind(opts.addr).await?;
    let mut stdout = std::io::stdout();
    writeln!(stdout, "listening on http://{}", listener.local_addr()?)?;
    stdout.flush()?;

    let http = ConnBuilder::new(TokioExecutor::new());
    let graceful = GracefulShutdown::new();
    let shutdown = shutdown_signal();
    tokio::pin!(shutdown);
    loop {
        let socket = tokio::select! {
            res = &mut shutdown => { res?; break; }
            accepted = listener.accept() => match accepted {
                Ok((socket, _)) => socket,
                Err(e) => {
                    // e.g. too many open files: back off instead of spinning.
                    eprintln!("accept: {e}");
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    continue;
                }
            },
        };
        let conn = http.serve_connection(TokioIo::new(socket), service.clone());
        let conn = graceful.watch(conn.into_owned());
        tokio::spawn(async move {
            let _ = conn.await;
        });
    }

    // Let in-flight requests finish, but do not hang on a stuck client.
    let _ = tokio::time::timeout(Duration::from_secs(2), graceful.shutdown()).await;
    Ok(())
}

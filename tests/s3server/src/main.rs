//! A local S3-compatible server that really verifies SigV4 signatures,
//! presigned URLs included: s3s + s3s-fs (one access key pair, objects as
//! files under `--root`), wrapped in a CORS layer for browser uploads.
//!
//! ```text
//! presigner-s3server --addr 127.0.0.1:0 --root DIR --access-key AK --secret-key SK \
//!     [--bucket NAME]... [--cors-origin ORIGIN]...
//! ```
//!
//! After binding it prints one line, `listening on http://127.0.0.1:PORT`,
//! and serves until SIGINT or SIGTERM.

use std::io::Write;
use std::net::SocketAddr;
use std::path::PathBuf;

use http::{header, HeaderValue, Method};
use hyper_util::rt::{TokioExecutor, TokioIo};
use hyper_util::server::conn::auto::Builder as ConnBuilder;
use hyper_util::service::TowerToHyperService;
use s3s::auth::SimpleAuth;
use s3s::service::S3ServiceBuilder;
use tokio::net::TcpListener;
use tower::ServiceBuilder;
use tower_http::cors::{AllowOrigin, Any, CorsLayer};

type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// Command-line options.
struct Options {
    addr: SocketAddr,
    root: PathBuf,
    access_key: String,
    secret_key: String,
    buckets: Vec<String>,
    cors_origins: Vec<String>,
}

const USAGE: &str = "usage: presigner-s3server --addr 127.0.0.1:PORT --root DIR --access-key AK \
--secret-key SK [--bucket NAME]... [--cors-origin ORIGIN]...";

fn parse_args() -> Result<Options, String> {
    let mut addr = None;
    let mut root = None;
    let mut access_key = None;
    let mut secret_key = None;
    let mut buckets = Vec::new();
    let mut cors_origins = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let value = args.next().ok_or_else(|| format!("{flag} needs a value"))?;
        match flag.as_str() {
            "--addr" => {
                addr = Some(
                    value
                        .parse::<SocketAddr>()
                        .map_err(|e| format!("--addr: {e}"))?,
                )
            }
            "--root" => root = Some(PathBuf::from(value)),
            "--access-key" => access_key = Some(value),
            "--secret-key" => secret_key = Some(value),
            "--bucket" => buckets.push(value),
            "--cors-origin" => cors_origins.push(value),
            _ => return Err(format!("unknown flag {flag}")),
        }
    }
    let addr = addr.ok_or("--addr is required")?;
    if !addr.ip().is_loopback() {
        return Err(
            "--addr must be a loopback address: this server is for local tests only".into(),
        );
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
        .max_age(std::time::Duration::from_secs(600)))
}

#[tokio::main]
async fn main() -> Result<(), BoxError> {
    let opts = parse_args().map_err(|e| format!("{e}\n{USAGE}"))?;
    for bucket in &opts.buckets {
        std::fs::create_dir_all(opts.root.join(bucket))?;
    }
    std::fs::create_dir_all(&opts.root)?;
    let fs = s3s_fs::FileSystem::new(&opts.root).map_err(|e| format!("{e:?}"))?;
    let mut builder = S3ServiceBuilder::new(fs);
    builder.set_auth(SimpleAuth::from_single(
        opts.access_key.as_str(),
        opts.secret_key.as_str(),
    ));
    let service = ServiceBuilder::new()
        .layer(cors(&opts.cors_origins)?)
        .service(builder.build());
    let service = TowerToHyperService::new(service);

    let listener = TcpListener::bind(opts.addr).await?;
    let local = listener.local_addr()?;
    let mut stdout = std::io::stdout();
    writeln!(stdout, "listening on http://{local}")?;
    stdout.flush()?;

    let http = ConnBuilder::new(TokioExecutor::new());
    let mut sigterm = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())?;
    loop {
        let socket = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((socket, _)) => socket,
                Err(_) => continue,
            },
            _ = tokio::signal::ctrl_c() => return Ok(()),
            _ = sigterm.recv() => return Ok(()),
        };
        let conn = http
            .serve_connection(TokioIo::new(socket), service.clone())
            .into_owned();
        tokio::spawn(async move {
            let _ = conn.await;
        });
    }
}

//! Starts the local signature-checking S3 server (`tests/s3server`) on
//! 127.0.0.1 for one test process, and stops it on drop. Builds it first
//! when it is missing, so `cargo test` needs nothing run before it.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::OnceLock;

pub const ACCESS_KEY: &str = "presigner-test";
pub const SECRET_KEY: &str = "presigner-test-secret/+=";
pub const BUCKET: &str = "presigner-test";

/// A running server; killed when dropped.
pub struct Server {
    child: Child,
    pub endpoint: String,
    root: PathBuf,
}

impl Server {
    /// Starts the binary named by `PRESIGNER_S3SERVER`, by default the release
    /// build under `tests/s3server/target`, which it builds when missing.
    pub fn start() -> Server {
        let bin = match std::env::var_os("PRESIGNER_S3SERVER") {
            Some(bin) => PathBuf::from(bin),
            None => default_binary().clone(),
        };
        assert!(bin.exists(), "{} is missing", bin.display());
        let root = std::env::temp_dir().join(format!("presigner-s3-{}", std::process::id()));
        let mut child = Command::new(&bin)
            .args([
                "--addr",
                "127.0.0.1:0",
                "--access-key",
                ACCESS_KEY,
                "--secret-key",
                SECRET_KEY,
                "--bucket",
                BUCKET,
            ])
            .arg("--root")
            .arg(&root)
            .stdout(Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| panic!("start {}: {e}", bin.display()));
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let endpoint = line
            .trim()
            .strip_prefix("listening on ")
            .unwrap_or_else(|| panic!("unexpected first line from the server: {line:?}"))
            .to_owned();
        Server {
            child,
            endpoint,
            root,
        }
    }
}

/// `tests/s3server/target/release/presigner-s3server`, built by the first
/// caller in this process when it is missing (`make s3server` builds the
/// same; cargo's lock on that target folder serialises test processes).
fn default_binary() -> &'static PathBuf {
    static BIN: OnceLock<PathBuf> = OnceLock::new();
    BIN.get_or_init(|| {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/s3server");
        let target = dir.join("target");
        let bin = target.join("release/presigner-s3server");
        if !bin.exists() {
            let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
            eprintln!("building {} (once; then cached)", bin.display());
            let status = Command::new(cargo)
                .args(["build", "--release", "--locked", "--manifest-path"])
                .arg(dir.join("Cargo.toml"))
                .arg("--target-dir")
                .arg(&target)
                .status()
                .unwrap_or_else(|e| panic!("run cargo to build {}: {e}", bin.display()));
            assert!(status.success(), "building {} failed", bin.display());
        }
        bin
    })
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.root);
    }
}

//! Starts the local signature-checking S3 server (`tests/s3server`) on
//! 127.0.0.1 for one test process, and stops it on drop.

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};

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
    /// build under `tests/s3server/target` (`make s3server` builds it).
    pub fn start() -> Server {
        let bin = std::env::var_os("PRESIGNER_S3SERVER")
            .map(PathBuf::from)
            .unwrap_or_else(|| {
                PathBuf::from(env!("CARGO_MANIFEST_DIR"))
                    .join("../../tests/s3server/target/release/presigner-s3server")
            });
        assert!(
            bin.exists(),
            "{} is missing: build it with `make s3server` (make test does)",
            bin.display()
        );
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

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.root);
    }
}

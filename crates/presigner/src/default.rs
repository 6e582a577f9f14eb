//! The process-wide signer behind the module-level `presign_put` /
//! `presign_get` of every language: built from the environment on first
//! use and kept once built (a failure is not cached, so fixing the
//! environment and retrying works).

use std::sync::OnceLock;

use crate::error::Result;
use crate::signer::Signer;

static DEFAULT: OnceLock<Signer> = OnceLock::new();

/// The signer built by [`Signer::from_env`] on first use.
pub fn default_signer() -> Result<&'static Signer> {
    if let Some(signer) = DEFAULT.get() {
        return Ok(signer);
    }
    let signer = Signer::from_env()?;
    Ok(DEFAULT.get_or_init(|| signer))
}

//! SigV4 signing-key derivation (`kDate → kRegion → kService → kSigning`)
//! and its per-signer cache: the four HMACs run once per UTC day and region,
//! and the keyed HMAC state (inner and outer pads already absorbed) is reused.

use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;
use std::sync::RwLock;

use super::time::Timestamp;
use crate::secret::Secret;

pub(crate) type HmacSha256 = Hmac<Sha256>;

/// A keyed HMAC-SHA256 state; `Hmac::new_from_slice` accepts keys of any length.
fn keyed(key: &[u8]) -> HmacSha256 {
    match HmacSha256::new_from_slice(key) {
        Ok(mac) => mac,
        Err(_) => unreachable!("HMAC accepts keys of every length"),
    }
}

fn hmac(key: &[u8], data: &[u8]) -> [u8; 32] {
    let mut mac = keyed(key);
    mac.update(data);
    mac.finalize().into_bytes().into()
}

/// The SigV4 signing key for `date` (`YYYYMMDD`), `region` and `service`.
fn signing_key(secret: &Secret, date: &[u8], region: &str, service: &str) -> [u8; 32] {
    let mut k_secret = Vec::with_capacity(4 + secret.expose().len());
    k_secret.extend_from_slice(b"AWS4");
    k_secret.extend_from_slice(secret.expose().as_bytes());
    let k_date = hmac(&k_secret, date);
    let k_region = hmac(&k_date, region.as_bytes());
    let k_service = hmac(&k_region, service.as_bytes());
    hmac(&k_service, b"aws4_request")
}

/// The `s3` signing key for `date` and `region`, as a ready-keyed HMAC state.
pub(crate) fn derive(secret: &Secret, date: &[u8], region: &str) -> HmacSha256 {
    keyed(&signing_key(secret, date, region, "s3"))
}

/// The cache's one entry: the signing key of the day of `at`, and the same
/// key having absorbed the string-to-sign prefix of `at`.
struct Entry {
    at: Timestamp,
    key: HmacSha256,
    prefixed: HmacSha256,
}

/// The signing key of the most recent day signed for, and its state after
/// the most recent second's string-to-sign prefix (`AWS4-HMAC-SHA256`, the
/// timestamp and the scope: 64 bytes or more, so one SHA-256 block saved per
/// URL signed in the same second), behind a read-mostly lock.
#[derive(Default)]
pub(crate) struct KeyCache {
    slot: RwLock<Option<Entry>>,
    #[cfg(test)]
    pub(crate) derivations: std::sync::atomic::AtomicUsize,
}

impl KeyCache {
    /// The keyed HMAC for `at` having absorbed `prefix`, which must be the
    /// string-to-sign prefix for `at` (a function of `at` and the signer);
    /// `date` is `at`'s `YYYYMMDD`.
    pub(crate) fn prefixed(
        &self,
        at: Timestamp,
        date: &[u8],
        prefix: &[u8],
        secret: &Secret,
        region: &str,
    ) -> HmacSha256 {
        let key = match self.slot.read().as_deref() {
            Ok(Some(entry)) if entry.at == at => return entry.prefixed.clone(),
            Ok(Some(entry)) if entry.at.day() == at.day() => Some(entry.key.clone()),
            _ => None,
        };
        let key = key.unwrap_or_else(|| {
            #[cfg(test)]
            self.derivations
                .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            derive(secret, date, region)
        });
        let mut prefixed = key.clone();
        prefixed.update(prefix);
        let entry = Entry {
            at,
            key,
            prefixed: prefixed.clone(),
        };
        // A poisoned lock only means another thread panicked mid-write of a
        // plain value; overwrite it.
        *self.slot.write().unwrap_or_else(|e| e.into_inner()) = Some(entry);
        prefixed
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hex(bytes: &[u8]) -> String {
        bytes.iter().map(|b| format!("{b:02x}")).collect()
    }

    /// AWS's published derivation example ("Examples of how to derive a
    /// signing key for Signature Version 4", IAM user guide).
    #[test]
    fn derives_aws_documented_signing_key() {
        let secret = Secret::new("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY".into());
        assert_eq!(
            hex(&signing_key(&secret, b"20120215", "us-east-1", "iam")),
            "f4780e2d9f65fa895f9c67b32ce1baf0b0d8a43505a000a1a9e090d414db404d"
        );
    }
}

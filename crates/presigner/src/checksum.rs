//! The checksum algorithms S3 and R2 verify on upload.

use std::fmt;

/// A checksum algorithm S3 and R2 verify on upload.
///
/// ```
/// use presigner::ChecksumAlgorithm;
///
/// assert_eq!(ChecksumAlgorithm::Crc32c.as_str(), "CRC32C");
/// assert_eq!(ChecksumAlgorithm::Sha256.base64_len(), 44);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ChecksumAlgorithm {
    /// CRC-32 (4 bytes).
    Crc32,
    /// CRC-32C (4 bytes).
    Crc32c,
    /// CRC-64/NVME (8 bytes).
    Crc64nvme,
    /// SHA-1 (20 bytes).
    Sha1,
    /// SHA-256 (32 bytes).
    Sha256,
}

impl ChecksumAlgorithm {
    /// Every algorithm, in the order messages list them.
    pub const ALL: [Self; 5] = [
        Self::Crc32,
        Self::Crc32c,
        Self::Crc64nvme,
        Self::Sha1,
        Self::Sha256,
    ];

    /// The name S3 uses, e.g. `"CRC32C"`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Crc32 => "CRC32",
            Self::Crc32c => "CRC32C",
            Self::Crc64nvme => "CRC64NVME",
            Self::Sha1 => "SHA1",
            Self::Sha256 => "SHA256",
        }
    }

    /// The header carrying a checksum of this algorithm, e.g. `x-amz-checksum-crc32c`.
    pub const fn header(self) -> &'static str {
        match self {
            Self::Crc32 => "x-amz-checksum-crc32",
            Self::Crc32c => "x-amz-checksum-crc32c",
            Self::Crc64nvme => "x-amz-checksum-crc64nvme",
            Self::Sha1 => "x-amz-checksum-sha1",
            Self::Sha256 => "x-amz-checksum-sha256",
        }
    }

    /// Length of a checksum of this algorithm, in bytes.
    pub const fn bytes(self) -> usize {
        match self {
            Self::Crc32 | Self::Crc32c => 4,
            Self::Crc64nvme => 8,
            Self::Sha1 => 20,
            Self::Sha256 => 32,
        }
    }

    /// Length of a checksum of this algorithm in padded base64.
    pub const fn base64_len(self) -> usize {
        self.bytes().div_ceil(3) * 4
    }

    /// The XML element carrying a checksum of this algorithm in S3's
    /// multipart bodies, e.g. `ChecksumCRC32C`.
    pub(crate) const fn xml_element(self) -> &'static str {
        match self {
            Self::Crc32 => "ChecksumCRC32",
            Self::Crc32c => "ChecksumCRC32C",
            Self::Crc64nvme => "ChecksumCRC64NVME",
            Self::Sha1 => "ChecksumSHA1",
            Self::Sha256 => "ChecksumSHA256",
        }
    }

    /// The algorithm whose XML element is `element`.
    pub(crate) fn from_xml_element(element: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|a| a.xml_element() == element)
    }

    /// Whether `value` has the shape of a checksum of this algorithm in
    /// base64: the right length, the base64 alphabet, and as many `=` at the
    /// end as the length needs.
    pub(crate) fn is_base64_checksum(self, value: &str) -> bool {
        let padding = (3 - self.bytes() % 3) % 3;
        let bytes = value.as_bytes();
        bytes.len() == self.base64_len()
            && bytes[..bytes.len() - padding]
                .iter()
                .all(|b| b.is_ascii_alphanumeric() || *b == b'+' || *b == b'/')
            && bytes[bytes.len() - padding..].iter().all(|b| *b == b'=')
    }
}

impl std::str::FromStr for ChecksumAlgorithm {
    type Err = crate::Error;

    /// The algorithm named `name`, ignoring case (`"crc32"`, `"CRC32"`).
    fn from_str(name: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|a| a.as_str().eq_ignore_ascii_case(name))
            .ok_or_else(|| crate::Error::InvalidChecksumAlgorithm {
                name: name.to_owned(),
            })
    }
}

impl fmt::Display for ChecksumAlgorithm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_shapes() {
        assert!(ChecksumAlgorithm::Crc32.is_base64_checksum("AAAAAA=="));
        assert!(ChecksumAlgorithm::Crc64nvme.is_base64_checksum("AAAAAAAAAAA="));
        assert!(ChecksumAlgorithm::Sha1.is_base64_checksum("2jmj7l5rSw0yVb/vlWAYkK/YBwk="));
        assert!(ChecksumAlgorithm::Sha256
            .is_base64_checksum("47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU="));
        for bad in [
            "",
            "AAAAAA=",
            "AAAAAAA=",
            "AAAA=A==",
            "AAAAAA-=",
            "AAAAAA===",
        ] {
            assert!(!ChecksumAlgorithm::Crc32.is_base64_checksum(bad), "{bad}");
        }
        for a in ChecksumAlgorithm::ALL {
            assert_eq!(
                ChecksumAlgorithm::from_xml_element(a.xml_element()),
                Some(a)
            );
            assert_eq!(a.xml_element(), format!("Checksum{a}"));
        }
    }
}

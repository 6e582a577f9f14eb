//! The checks of an upload policy: its prefix, the keys it issues, and the
//! content types it allows.

use crate::error::{Error, Result};

/// Longest prefix accepted, in bytes (leaves room for the 36-character id
/// and an extension under S3's 1024-byte key limit).
const MAX_PREFIX_BYTES: usize = 512;

/// Longest extension [`new_key`](crate::new_key) keeps.
const MAX_EXTENSION: usize = 16;

/// `prefix` as the policy joins it to keys: empty, or ending with `/`.
/// Refuses a prefix that could name keys outside itself or that S3 would
/// read differently (a leading `/`, `.` or `..` segments, `//`, `\`,
/// control characters).
pub(super) fn normalized_prefix(prefix: &str) -> Result<String> {
    let refuse = |reason| Err(Error::InvalidPrefix { reason });
    if prefix.len() > MAX_PREFIX_BYTES {
        return refuse("must be at most 512 bytes long");
    }
    if prefix.chars().any(|c| c.is_control() || c == '\\') {
        return refuse("must not hold control characters or backslashes");
    }
    if prefix.starts_with('/') {
        return refuse("must not start with '/'");
    }
    let trimmed = prefix.strip_suffix('/').unwrap_or(prefix);
    if trimmed.is_empty() {
        return if prefix.is_empty() {
            Ok(String::new())
        } else {
            refuse("must not be only '/'")
        };
    }
    if trimmed
        .split('/')
        .any(|s| s.is_empty() || s == "." || s == "..")
    {
        return refuse("must not hold empty, '.' or '..' segments");
    }
    Ok(format!("{trimmed}/"))
}

/// Whether `key` is one [`new_key`](crate::new_key) issues under `prefix`
/// (normalised): the prefix, a lower-case UUID v4, and optionally `.` and
/// 1–16 lower-case ASCII letters or digits. Nothing else: no other
/// segment, no `..`, no encoded character.
pub(super) fn is_issued_key(key: &str, prefix: &str) -> bool {
    let Some(rest) = key.strip_prefix(prefix) else {
        return false;
    };
    let (id, ext) = match rest.split_once('.') {
        Some((id, ext)) => (id, Some(ext)),
        None => (rest, None),
    };
    let id_ok = id.len() == 36
        && uuid::Uuid::try_parse(id)
            .is_ok_and(|u| u.get_version_num() == 4 && u.hyphenated().to_string() == id);
    let ext_ok = ext.is_none_or(|e| {
        (1..=MAX_EXTENSION).contains(&e.len())
            && e.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
    });
    id_ok && ext_ok
}

/// A `content_types` entry: `type/subtype`, `type/*` or `*/*`, lower-cased.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct ContentTypePattern {
    kind: String,
    subtype: Option<String>,
}

impl ContentTypePattern {
    /// Parses one entry of `content_types`.
    pub(super) fn parse(pattern: &str) -> Result<Self> {
        let invalid = || Error::InvalidContentTypePattern {
            pattern: Some(pattern.to_owned()),
        };
        let (kind, subtype) = pattern.split_once('/').ok_or_else(invalid)?;
        let parsed = match (kind, subtype) {
            ("*", "*") => Self {
                kind: "*".into(),
                subtype: None,
            },
            (kind, "*") if is_name(kind) => Self {
                kind: kind.to_ascii_lowercase(),
                subtype: None,
            },
            (kind, subtype) if is_name(kind) && is_name(subtype) => Self {
                kind: kind.to_ascii_lowercase(),
                subtype: Some(subtype.to_ascii_lowercase()),
            },
            _ => return Err(invalid()),
        };
        Ok(parsed)
    }

    /// Whether the content type `value` (parameters such as `; charset=`
    /// ignored, case-insensitive) matches.
    pub(super) fn matches(&self, value: &str) -> bool {
        let essence = value.split(';').next().unwrap_or_default().trim();
        let Some((kind, subtype)) = essence.split_once('/') else {
            return false;
        };
        if !is_name(kind) || !is_name(subtype) {
            return false;
        }
        (self.kind == "*" || self.kind.eq_ignore_ascii_case(kind))
            && self
                .subtype
                .as_deref()
                .is_none_or(|s| s.eq_ignore_ascii_case(subtype))
    }
}

/// A media type or subtype name (RFC 6838 §4.2): a letter or digit, then
/// up to 126 of letters, digits and `!#$&-^_.+`.
fn is_name(s: &str) -> bool {
    let mut bytes = s.bytes();
    bytes.next().is_some_and(|b| b.is_ascii_alphanumeric())
        && s.len() <= 127
        && bytes.all(|b| b.is_ascii_alphanumeric() || b"!#$&-^_.+".contains(&b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefixes_are_joined_with_one_slash_and_cannot_escape() {
        assert_eq!(normalized_prefix("uploads").unwrap(), "uploads/");
        assert_eq!(normalized_prefix("uploads/").unwrap(), "uploads/");
        assert_eq!(normalized_prefix("a/b").unwrap(), "a/b/");
        assert_eq!(normalized_prefix("").unwrap(), "");
        for bad in [
            "/", "/uploads", "a//b", "../x", "a/../b", "a/./b", ".", "..", "a\\b", "a\nb",
            "a\u{85}b",
        ] {
            assert!(normalized_prefix(bad).is_err(), "{bad:?}");
        }
        assert!(normalized_prefix(&"a".repeat(513)).is_err());
        assert!(normalized_prefix(&"a".repeat(511)).is_ok());
    }

    #[test]
    fn only_keys_new_key_issues_under_the_prefix_pass() {
        for _ in 0..100 {
            let key = crate::new_key(Some("Cat.JPEG"), Some("uploads/"));
            assert!(is_issued_key(&key, "uploads/"), "{key}");
            let key = crate::new_key(None, Some("uploads/"));
            assert!(is_issued_key(&key, "uploads/"), "{key}");
            let key = crate::new_key(Some("x.mp4"), None);
            assert!(is_issued_key(&key, ""), "{key}");
        }
        let id = "0b5f6c6e-9d36-4e8b-a2b8-0f5d1d1b8e59";
        assert!(is_issued_key(&format!("uploads/{id}.jpg"), "uploads/"));
        for bad in [
            format!("other/{id}.jpg"),
            format!("uploads/../{id}.jpg"),
            format!("uploads/x/{id}.jpg"),
            format!("uploads/{id}/../../etc"),
            format!("uploads/{id}.JPG"),
            format!("uploads/{id}.tar.gz"),
            format!("uploads/{id}."),
            format!("uploads/{id}.abcdefghijklmnopq"),
            format!("uploads/{}", id.to_uppercase()),
            format!("uploads/{}", id.replace('-', "")),
            format!("uploads/{{{id}}}"),
            format!("uploads/{id}%2f..%2f"),
            format!("uploads/{id}\u{0}"),
            "uploads/0b5f6c6e-9d36-1e8b-a2b8-0f5d1d1b8e59".to_owned(), // version 1
            "uploads/".to_owned(),
            "uploads/..".to_owned(),
            format!("uploads{id}"),
        ] {
            assert!(!is_issued_key(&bad, "uploads/"), "{bad}");
        }
    }

    #[test]
    fn content_type_patterns() {
        let image = ContentTypePattern::parse("image/*").unwrap();
        assert!(image.matches("image/png"));
        assert!(image.matches("IMAGE/PNG; charset=binary"));
        assert!(!image.matches("video/mp4"));
        assert!(!image.matches("image"));
        assert!(!image.matches("image/"));
        let pdf = ContentTypePattern::parse("Application/PDF").unwrap();
        assert!(pdf.matches("application/pdf"));
        assert!(!pdf.matches("application/pdfx"));
        assert!(!pdf.matches("application/pdf/x"));
        let any = ContentTypePattern::parse("*/*").unwrap();
        assert!(any.matches("a/b"));
        assert!(!any.matches("nonsense"));
        for bad in [
            "image",
            "*/png",
            "image/",
            "/png",
            "im age/png",
            "image/*/x",
            "",
        ] {
            assert!(ContentTypePattern::parse(bad).is_err(), "{bad:?}");
        }
    }
}

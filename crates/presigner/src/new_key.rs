//! `new_key`: fresh, unguessable object keys that keep a file's extension.

/// Longest extension kept, in characters.
const MAX_EXTENSION: usize = 16;

/// A new object key: a random UUID v4, keeping the lower-cased extension of
/// `filename` when it is 1–16 ASCII letters or digits, under `prefix`
/// (joined with `/` unless it already ends with one).
///
/// ```
/// let key = presigner::new_key(Some("Holiday Photo.JPG"), Some("uploads"));
/// assert!(key.starts_with("uploads/") && key.ends_with(".jpg"));
/// assert_eq!(key.len(), "uploads/".len() + 36 + ".jpg".len());
/// ```
pub fn new_key(filename: Option<&str>, prefix: Option<&str>) -> String {
    let id = uuid::Uuid::new_v4();
    let ext = filename.and_then(extension);
    let mut key = String::with_capacity(64);
    if let Some(prefix) = prefix.filter(|p| !p.is_empty()) {
        key.push_str(prefix);
        if !prefix.ends_with('/') {
            key.push('/');
        }
    }
    key.push_str(
        id.hyphenated()
            .encode_lower(&mut uuid::Uuid::encode_buffer()),
    );
    if let Some(ext) = ext {
        key.push('.');
        key.push_str(&ext);
    }
    key
}

/// The sanitised extension of the last path segment of `filename`, if any.
fn extension(filename: &str) -> Option<String> {
    let base = filename.rsplit(['/', '\\']).next().unwrap_or(filename);
    let (stem, ext) = base.rsplit_once('.')?;
    let valid = !stem.is_empty()
        && (1..=MAX_EXTENSION).contains(&ext.len())
        && ext.bytes().all(|b| b.is_ascii_alphanumeric());
    valid.then(|| ext.to_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_a_clean_lowercase_extension() {
        assert_eq!(extension("a.JPG").as_deref(), Some("jpg"));
        assert_eq!(extension("archive.tar.gz").as_deref(), Some("gz"));
        assert_eq!(extension("dir.v2/file.webp").as_deref(), Some("webp"));
        assert_eq!(extension(r"C:\x\file.PnG").as_deref(), Some("png"));
        for none in [
            "noext",
            ".bashrc",
            "a.",
            "a.b c",
            "a.ü",
            "x.abcdefghijklmnopq",
            "a.b/c",
            "my photo +1 (ü).p%g",
        ] {
            assert_eq!(extension(none), None, "{none}");
        }
    }

    #[test]
    fn keys_are_uuid_v4_and_unique() {
        let a = new_key(None, None);
        let b = new_key(None, None);
        assert_ne!(a, b);
        let parsed = uuid::Uuid::parse_str(&a).unwrap();
        assert_eq!(parsed.get_version_num(), 4);
        assert_eq!(a, parsed.hyphenated().to_string());
    }

    #[test]
    fn prefix_is_joined_with_one_slash() {
        assert!(new_key(Some("x.png"), Some("up/")).starts_with("up/"));
        assert!(!new_key(None, Some("up/")).contains("//"));
        assert!(new_key(None, Some("up")).starts_with("up/"));
        assert!(!new_key(None, Some("")).contains('/'));
    }
}

//! `new_key`: arbitrary filenames and prefixes through `presigner::new_key`
//! and `presigner::attachment`.
//!
//! The key is the prefix (plus one `/` unless it ends with one; nothing for
//! an empty or absent prefix), then a lower-case hyphenated UUID v4, then
//! `.ext` exactly when the filename's last path segment has a stem and an
//! extension of 1–16 ASCII letters or digits (lower-cased). `attachment(name)`
//! is printable ASCII only (a valid header value), its quoted fallback holds
//! no `"` or `\`, and its `filename*` decodes to the name without control
//! characters.
#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use percent_encoding::percent_decode_str;

#[derive(Debug, Arbitrary)]
struct Input {
    filename: Option<String>,
    prefix: Option<String>,
}

/// The extension `new_key` must keep, worked out here from the documented rule.
fn expected_extension(filename: &str) -> Option<String> {
    let base = filename
        .rfind(['/', '\\'])
        .map_or(filename, |i| &filename[i + 1..]);
    let dot = base.rfind('.')?;
    let (stem, ext) = (&base[..dot], &base[dot + 1..]);
    let ok = !stem.is_empty()
        && (1..=16).contains(&ext.len())
        && ext.bytes().all(|b| b.is_ascii_alphanumeric());
    ok.then(|| ext.to_ascii_lowercase())
}

fn is_uuid_v4(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 36
        && b.iter().enumerate().all(|(i, &c)| match i {
            8 | 13 | 18 | 23 => c == b'-',
            _ => c.is_ascii_digit() || (b'a'..=b'f').contains(&c),
        })
        && b[14] == b'4'
        && matches!(b[19], b'8' | b'9' | b'a' | b'b')
}

fuzz_target!(|input: Input| {
    let filename = input.filename.as_deref();
    let prefix = input.prefix.as_deref();
    let key = presigner::new_key(filename, prefix);

    let rest = match prefix.filter(|p| !p.is_empty()) {
        Some(p) => {
            let rest = key
                .strip_prefix(p)
                .unwrap_or_else(|| panic!("key {key:?} does not start with prefix {p:?}"));
            if p.ends_with('/') {
                rest
            } else {
                rest.strip_prefix('/')
                    .unwrap_or_else(|| panic!("key {key:?}: no '/' after prefix {p:?}"))
            }
        }
        None => key.as_str(),
    };
    assert!(
        rest.len() >= 36 && rest.is_char_boundary(36) && is_uuid_v4(&rest[..36]),
        "key {key:?} has no UUID v4 after its prefix"
    );
    let ext = match &rest[36..] {
        "" => None,
        dotted => Some(
            dotted
                .strip_prefix('.')
                .unwrap_or_else(|| panic!("key {key:?}: junk after the UUID"))
                .to_owned(),
        ),
    };
    if let Some(ext) = &ext {
        assert!(
            (1..=16).contains(&ext.len())
                && ext
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()),
            "key {key:?}: extension {ext:?} is not 1-16 lower-case ASCII letters or digits"
        );
    }
    assert_eq!(
        ext,
        filename.and_then(expected_extension),
        "key {key:?} for filename {filename:?}"
    );

    let name = filename.unwrap_or_default();
    let value = presigner::attachment(name);
    assert!(
        value.bytes().all(|b| (0x20..0x7f).contains(&b)),
        "attachment({name:?}) = {value:?} is not printable ASCII"
    );
    let fallback = value
        .strip_prefix("attachment; filename=\"")
        .and_then(|v| v.split_once("\"; filename*=UTF-8''"))
        .unwrap_or_else(|| panic!("attachment({name:?}) = {value:?} is malformed"));
    assert!(
        !fallback.0.contains(['"', '\\']),
        "attachment({name:?}) = {value:?}: the quoted fallback holds '\"' or '\\'"
    );
    let without_controls: String = name.chars().filter(|c| !c.is_control()).collect();
    assert_eq!(
        percent_decode_str(fallback.1).decode_utf8().as_deref(),
        Ok(without_controls.as_str()),
        "attachment({name:?}) = {value:?}: filename* does not decode to the name"
    );
});

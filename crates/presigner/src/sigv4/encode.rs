//! S3 URI encoding for SigV4.
//!
//! Every byte except the unreserved set `A-Za-z0-9-._~` is percent-encoded
//! with upper-case hex. In an object path `/` is kept as the separator; in a
//! query component it is encoded too. Input is never decoded first, so `%`
//! itself becomes `%25` and nothing is double-encoded.

/// Whether byte `b` passes through unencoded: `A-Za-z0-9-._~`.
const UNRESERVED: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        table[b] = c.is_ascii_alphanumeric() || matches!(c, b'-' | b'.' | b'_' | b'~');
        b += 1;
    }
    table
};

const HEX_UPPER: &[u8; 16] = b"0123456789ABCDEF";

/// Appends `s` to `out`, copying runs of unreserved bytes (and `/` when
/// `keep_slash`) at once and writing every other byte as `%XX`.
pub(crate) fn encode_into(out: &mut Vec<u8>, s: &[u8], keep_slash: bool) {
    out.reserve(s.len());
    let mut run_start = 0;
    for (i, &b) in s.iter().enumerate() {
        if UNRESERVED[usize::from(b)] || (keep_slash && b == b'/') {
            continue;
        }
        out.extend_from_slice(&s[run_start..i]);
        out.extend_from_slice(&[
            b'%',
            HEX_UPPER[usize::from(b >> 4)],
            HEX_UPPER[usize::from(b & 0x0f)],
        ]);
        run_start = i + 1;
    }
    out.extend_from_slice(&s[run_start..]);
}

/// `s` encoded, appended to a `String` (the output is ASCII).
fn push_encoded(out: &mut String, s: &str, keep_slash: bool) {
    let mut bytes = Vec::with_capacity(s.len());
    encode_into(&mut bytes, s.as_bytes(), keep_slash);
    out.push_str(&String::from_utf8_lossy(&bytes));
}

/// Appends `key` encoded as an S3 object path (`/` kept) to `out`.
///
/// ```
/// let mut s = String::new();
/// presigner::sigv4::encode_path_into(&mut s, "photos/cat picture+1.jpg");
/// assert_eq!(s, "photos/cat%20picture%2B1.jpg");
/// ```
pub fn encode_path_into(out: &mut String, key: &str) {
    push_encoded(out, key, true);
}

/// Appends `value` encoded as a query-string component (`/` encoded) to `out`.
///
/// ```
/// let mut s = String::new();
/// presigner::sigv4::encode_query_into(&mut s, "AKID/20130524/us-east-1/s3/aws4_request");
/// assert_eq!(s, "AKID%2F20130524%2Fus-east-1%2Fs3%2Faws4_request");
/// ```
pub fn encode_query_into(out: &mut String, value: &str) {
    push_encoded(out, value, false);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn path(s: &str) -> String {
        let mut out = String::new();
        encode_path_into(&mut out, s);
        out
    }

    fn query(s: &str) -> String {
        let mut out = String::new();
        encode_query_into(&mut out, s);
        out
    }

    #[test]
    fn unreserved_bytes_pass_through() {
        let all = "ABCXYZabcxyz0189-._~";
        assert_eq!(path(all), all);
        assert_eq!(query(all), all);
    }

    #[test]
    fn reserved_and_special_bytes_are_encoded() {
        assert_eq!(path("a b+c=d&e?f#g%h"), "a%20b%2Bc%3Dd%26e%3Ff%23g%25h");
        assert_eq!(path("!'()*[]@:;,$"), "%21%27%28%29%2A%5B%5D%40%3A%3B%2C%24");
        assert_eq!(path("\t\n\u{7f}"), "%09%0A%7F");
    }

    #[test]
    fn slash_is_kept_in_paths_only() {
        assert_eq!(path("/a//b/"), "/a//b/");
        assert_eq!(query("/a//b/"), "%2Fa%2F%2Fb%2F");
    }

    #[test]
    fn utf8_is_encoded_bytewise_and_never_twice() {
        assert_eq!(path("é"), "%C3%A9");
        assert_eq!(path("e\u{301}"), "e%CC%81");
        assert_eq!(path("😀"), "%F0%9F%98%80");
        assert_eq!(path("%20"), "%2520");
    }

    /// The hand-written encoder agrees with the `percent-encoding` crate
    /// (configured as S3 wants) on any text.
    mod against_percent_encoding {
        use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
        use proptest::prelude::*;

        const QUERY: &AsciiSet = &NON_ALPHANUMERIC
            .remove(b'-')
            .remove(b'.')
            .remove(b'_')
            .remove(b'~');
        const PATH: &AsciiSet = &QUERY.remove(b'/');

        proptest! {
            #[test]
            fn same_output(s in "\\PC*|[ -~]*|[\\x00-\\x7f]*") {
                prop_assert_eq!(super::path(&s), utf8_percent_encode(&s, PATH).to_string());
                prop_assert_eq!(super::query(&s), utf8_percent_encode(&s, QUERY).to_string());
            }
        }
    }
}

//! S3 URI encoding for SigV4.
//!
//! Every byte except the unreserved set `A-Za-z0-9-._~` is percent-encoded
//! with upper-case hex. In an object path `/` is kept as the separator; in a
//! query component it is encoded too. Input is never decoded first, so `%`
//! itself becomes `%25` and nothing is double-encoded.

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

/// Bytes encoded in a query component: all but `A-Za-z0-9-._~`.
const QUERY: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// Bytes encoded in an object path: as [`QUERY`], but `/` is kept.
const PATH: &AsciiSet = &QUERY.remove(b'/');

/// Appends `key` encoded as an S3 object path (`/` kept) to `out`.
///
/// ```
/// let mut s = String::new();
/// presigner::sigv4::encode_path_into(&mut s, "photos/cat picture+1.jpg");
/// assert_eq!(s, "photos/cat%20picture%2B1.jpg");
/// ```
pub fn encode_path_into(out: &mut String, key: &str) {
    out.extend(utf8_percent_encode(key, PATH));
}

/// Appends `value` encoded as a query-string component (`/` encoded) to `out`.
///
/// ```
/// let mut s = String::new();
/// presigner::sigv4::encode_query_into(&mut s, "AKID/20130524/us-east-1/s3/aws4_request");
/// assert_eq!(s, "AKID%2F20130524%2Fus-east-1%2Fs3%2Faws4_request");
/// ```
pub fn encode_query_into(out: &mut String, value: &str) {
    out.extend(utf8_percent_encode(value, QUERY));
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
}

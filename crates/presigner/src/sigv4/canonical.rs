//! The two texts SigV4 hashes: the canonical request and the string to sign.

use sha2::{Digest, Sha256};

/// `UNSIGNED-PAYLOAD`: a presigned URL does not know the body it will carry.
const UNSIGNED_PAYLOAD: &str = "UNSIGNED-PAYLOAD";

/// Appends `value` as SigV4 canonicalises header values: trimmed, with runs
/// of spaces collapsed to one (botocore: `' '.join(value.split())`).
fn push_header_value(out: &mut String, value: &str) {
    let mut first = true;
    for word in value.split(' ').filter(|w| !w.is_empty()) {
        if !first {
            out.push(' ');
        }
        out.push_str(word);
        first = false;
    }
}

/// Builds the canonical request.
///
/// `query` is the canonical query string (pairs sorted by encoded name);
/// `headers` are `(lowercase name, value)` pairs sorted by name, `host`
/// included; `signed_headers` is their names joined by `;`.
pub(crate) fn canonical_request(
    method: &str,
    path: &str,
    query: &str,
    headers: &[(&str, &str)],
    signed_headers: &str,
) -> String {
    let mut out = String::with_capacity(256 + path.len() + query.len());
    for part in [method, "\n", path, "\n", query, "\n"] {
        out.push_str(part);
    }
    for (name, value) in headers {
        out.push_str(name);
        out.push(':');
        push_header_value(&mut out, value);
        out.push('\n');
    }
    for part in ["\n", signed_headers, "\n", UNSIGNED_PAYLOAD] {
        out.push_str(part);
    }
    out
}

/// Builds the string to sign for `canonical_request`, signed at `amz_date`
/// under `scope` (`YYYYMMDD/region/s3/aws4_request`).
pub(crate) fn string_to_sign(amz_date: &str, scope: &str, canonical_request: &str) -> String {
    let digest = Sha256::digest(canonical_request.as_bytes());
    let mut out = String::with_capacity(17 + amz_date.len() + scope.len() + 66);
    for part in ["AWS4-HMAC-SHA256\n", amz_date, "\n", scope, "\n"] {
        out.push_str(part);
    }
    push_hex(&mut out, &digest);
    out
}

/// Appends lower-case hex of `bytes` to `out`.
pub(crate) fn push_hex(out: &mut String, bytes: &[u8]) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    for &b in bytes {
        out.push(HEX[usize::from(b >> 4)] as char);
        out.push(HEX[usize::from(b & 0x0f)] as char);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_values_are_trimmed_and_collapsed() {
        let mut s = String::new();
        push_header_value(&mut s, "  a   b c  ");
        assert_eq!(s, "a b c");
    }

    #[test]
    fn canonical_request_layout() {
        let cr = canonical_request(
            "GET",
            "/b/k",
            "X-Amz-Date=1",
            &[("content-type", "text/plain"), ("host", "h")],
            "content-type;host",
        );
        assert_eq!(
            cr,
            "GET\n/b/k\nX-Amz-Date=1\ncontent-type:text/plain\nhost:h\n\ncontent-type;host\nUNSIGNED-PAYLOAD"
        );
    }
}

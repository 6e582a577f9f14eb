//! Small writers for the canonical request and the URL.

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

/// Appends `name:value\n` for each header; `headers` are sorted by their
/// lower-case names.
pub(crate) fn push_canonical_headers(out: &mut String, headers: &[(&str, &str)]) {
    for (name, value) in headers {
        out.push_str(name);
        out.push(':');
        push_header_value(out, value);
        out.push('\n');
    }
}

/// Appends lower-case hex of `bytes` to `out`.
pub(crate) fn push_hex(out: &mut String, bytes: &[u8; 32]) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut buf = [0u8; 64];
    for (pair, &b) in buf.chunks_exact_mut(2).zip(bytes) {
        pair[0] = HEX[usize::from(b >> 4)];
        pair[1] = HEX[usize::from(b & 0x0f)];
    }
    out.push_str(std::str::from_utf8(&buf).unwrap_or_default());
}

/// Writes `n` in decimal at the end of `buf` and returns it as text.
pub(crate) fn push_u64(buf: &mut [u8; 20], mut n: u64) -> &str {
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    std::str::from_utf8(&buf[i..]).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_values_are_trimmed_and_collapsed() {
        let mut s = String::new();
        push_canonical_headers(&mut s, &[("a", "  x   y z  "), ("b", "1")]);
        assert_eq!(s, "a:x y z\nb:1\n");
    }

    #[test]
    fn decimal() {
        let mut buf = [0u8; 20];
        assert_eq!(push_u64(&mut buf, 0), "0");
        assert_eq!(push_u64(&mut buf, 604_800), "604800");
        assert_eq!(push_u64(&mut buf, u64::MAX), "18446744073709551615");
    }

    #[test]
    fn hex() {
        let mut s = String::new();
        let mut bytes = [0x11u8; 32];
        bytes[0] = 0x00;
        bytes[1] = 0xab;
        bytes[31] = 0xff;
        push_hex(&mut s, &bytes);
        assert_eq!(s, format!("00ab{}ff", "11".repeat(29)));
    }
}

//! Small writers for the canonical request and the URL.

/// Appends `value` as SigV4 canonicalises header values: trimmed, with runs
/// of spaces collapsed to one (botocore: `' '.join(value.split())`).
fn push_header_value(out: &mut Vec<u8>, value: &str) {
    let mut first = true;
    for word in value.split(' ').filter(|w| !w.is_empty()) {
        if !first {
            out.push(b' ');
        }
        out.extend_from_slice(word.as_bytes());
        first = false;
    }
}

/// Appends `name:value\n` for each header; `headers` are sorted by their
/// lower-case names.
pub(crate) fn push_canonical_headers<'a>(
    out: &mut Vec<u8>,
    headers: impl IntoIterator<Item = (&'a str, &'a str)>,
) {
    for (name, value) in headers {
        out.extend_from_slice(name.as_bytes());
        out.push(b':');
        push_header_value(out, value);
        out.push(b'\n');
    }
}

/// `HEX_PAIRS[b]` is the two lower-case hex digits of byte `b`.
const HEX_PAIRS: [[u8; 2]; 256] = {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut table = [[0u8; 2]; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = [HEX[b >> 4], HEX[b & 0x0f]];
        b += 1;
    }
    table
};

/// Appends lower-case hex of `bytes` to `out`.
pub(crate) fn push_hex(out: &mut Vec<u8>, bytes: &[u8; 32]) {
    let mut buf = [0u8; 64];
    for (pair, &b) in buf.chunks_exact_mut(2).zip(bytes) {
        pair.copy_from_slice(&HEX_PAIRS[usize::from(b)]);
    }
    out.extend_from_slice(&buf);
}

/// Writes `n` in decimal at the end of `buf` and returns those digits.
pub(crate) fn push_u64(buf: &mut [u8; 20], mut n: u64) -> &[u8] {
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    &buf[i..]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_values_are_trimmed_and_collapsed() {
        let mut s = Vec::new();
        push_canonical_headers(&mut s, [("a", "  x   y z  "), ("b", "1")]);
        assert_eq!(s, b"a:x y z\nb:1\n");
    }

    #[test]
    fn decimal() {
        let mut buf = [0u8; 20];
        assert_eq!(push_u64(&mut buf, 0), b"0");
        assert_eq!(push_u64(&mut buf, 604_800), b"604800");
        assert_eq!(push_u64(&mut buf, u64::MAX), b"18446744073709551615");
    }

    #[test]
    fn hex() {
        let mut s = Vec::new();
        let mut bytes = [0x11u8; 32];
        bytes[0] = 0x00;
        bytes[1] = 0xab;
        bytes[31] = 0xff;
        push_hex(&mut s, &bytes);
        assert_eq!(s, format!("00ab{}ff", "11".repeat(29)).as_bytes());
    }
}

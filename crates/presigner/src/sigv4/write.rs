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

/// The lower-case hex of four bytes, computed on a `u64` at once: each
/// nibble is spread into its own byte, then `0`–`9` and `a`–`f` are added
/// without a branch or a table.
fn hex4(bytes: [u8; 4]) -> [u8; 8] {
    let x = u64::from(u32::from_be_bytes(bytes));
    // Byte i of the input into 16-bit lane i (big-endian lane order).
    let x = (x | (x << 16)) & 0x0000_ffff_0000_ffff;
    let x = (x | (x << 8)) & 0x00ff_00ff_00ff_00ff;
    // High nibble into the lane's first byte, low nibble into its second.
    let nibbles = ((x << 4) & 0x0f00_0f00_0f00_0f00) | (x & 0x000f_000f_000f_000f);
    // 0x01 in every byte whose nibble is 10 or more.
    let letters = ((nibbles + 0x0606_0606_0606_0606) >> 4) & 0x0101_0101_0101_0101;
    (nibbles + 0x3030_3030_3030_3030 + letters * 0x27).to_be_bytes()
}

/// Appends lower-case hex of `bytes` to `out`.
pub(crate) fn push_hex(out: &mut Vec<u8>, bytes: &[u8; 32]) {
    let mut buf = [0u8; 64];
    for (hex, four) in buf.chunks_exact_mut(8).zip(bytes.chunks_exact(4)) {
        hex.copy_from_slice(&hex4([four[0], four[1], four[2], four[3]]));
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
    fn hex_of_every_byte() {
        for b in 0..=255u8 {
            let mut s = Vec::new();
            push_hex(&mut s, &[b; 32]);
            assert_eq!(s, format!("{b:02x}").repeat(32).as_bytes());
        }
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

//! `attachment`: a `Content-Disposition` value that makes browsers save a
//! download under its original name, whatever characters it holds.

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

/// Bytes encoded in an RFC 8187 `ext-value`: all but `attr-char`.
const ATTR_CHAR: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'!')
    .remove(b'#')
    .remove(b'$')
    .remove(b'&')
    .remove(b'+')
    .remove(b'-')
    .remove(b'.')
    .remove(b'^')
    .remove(b'_')
    .remove(b'`')
    .remove(b'|')
    .remove(b'~');

/// `attachment; filename="<ASCII fallback>"; filename*=UTF-8''<name>` for
/// `filename` (RFC 6266): pass it as `response_content_disposition` of a
/// presigned GET. Control characters are dropped; in the quoted fallback,
/// non-ASCII characters, `"` and `\` become `_`.
///
/// ```
/// assert_eq!(
///     presigner::attachment("my photo +1 (ü).png"),
///     "attachment; filename=\"my photo +1 (_).png\"; filename*=UTF-8''my%20photo%20+1%20%28%C3%BC%29.png"
/// );
/// ```
pub fn attachment(filename: &str) -> String {
    let name: String = filename.chars().filter(|c| !c.is_control()).collect();
    let fallback: String = name
        .chars()
        .map(|c| {
            if c.is_ascii() && c != '"' && c != '\\' {
                c
            } else {
                '_'
            }
        })
        .collect();
    format!(
        "attachment; filename=\"{fallback}\"; filename*=UTF-8''{}",
        utf8_percent_encode(&name, ATTR_CHAR)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_backslashes_and_controls_are_neutralised() {
        assert_eq!(
            attachment("a\"b\\c\nd.txt"),
            "attachment; filename=\"a_b_cd.txt\"; filename*=UTF-8''a%22b%5Ccd.txt"
        );
        assert_eq!(
            attachment("plain.pdf"),
            "attachment; filename=\"plain.pdf\"; filename*=UTF-8''plain.pdf"
        );
    }
}

//! What the command line prints: the URL alone, JSON, or a curl command.

use std::borrow::Cow;
use std::time::{SystemTime, UNIX_EPOCH};

use presigner::{Method, PresignedRequest};
use serde_json::{json, Value};

/// How a presigned request is printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format<'a> {
    /// The URL alone, for `$(...)`.
    Url,
    /// `{method,url,headers,expiresAt}`.
    Json,
    /// A curl command; the file uploaded (PUT) or written (GET), if any.
    Curl(Option<&'a str>),
}

impl<'a> Format<'a> {
    /// `--json`, else `--curl` (`Some(file)`), else the URL.
    pub fn new(json: bool, curl: Option<Option<&'a str>>) -> Self {
        match (json, curl) {
            (true, _) => Self::Json,
            (false, Some(file)) => Self::Curl(file),
            (false, None) => Self::Url,
        }
    }
}

/// `text` and a newline.
pub fn line(out: &mut Vec<u8>, text: &str) {
    out.extend_from_slice(text.as_bytes());
    out.push(b'\n');
}

/// One presigned request in `format`.
pub fn request(out: &mut Vec<u8>, request: &PresignedRequest, format: Format<'_>) {
    match format {
        Format::Url => line(out, &request.url),
        Format::Json => line(out, &to_json(request, None).to_string()),
        Format::Curl(file) => line(out, &curl(request, file)),
    }
}

/// The UploadPart requests of parts 1 to N: one URL a line, or a JSON array.
pub fn parts(out: &mut Vec<u8>, parts: &[PresignedRequest], json: bool) {
    if json {
        let all: Vec<Value> = (1..).zip(parts).map(|(n, p)| to_json(p, Some(n))).collect();
        line(out, &Value::Array(all).to_string());
    } else {
        for part in parts {
            line(out, &part.url);
        }
    }
}

/// `{method,url,headers,expiresAt}`, and `partNumber` for a part.
fn to_json(request: &PresignedRequest, part_number: Option<u32>) -> Value {
    let mut value = json!({
        "method": request.method.as_str(),
        "url": request.url,
        "headers": request.headers,
        "expiresAt": rfc3339(request.expires_at),
    });
    if let (Some(n), Value::Object(map)) = (part_number, &mut value) {
        map.insert("partNumber".to_owned(), n.into());
    }
    value
}

/// A curl command that sends `request` with its headers: uploading `file`
/// (PUT), or writing the answer into `file` (GET). `--fail-with-body`: a
/// refusal exits non-zero and still shows S3's error.
fn curl(request: &PresignedRequest, file: Option<&str>) -> String {
    let mut words: Vec<Cow<'_, str>> = vec!["curl".into(), "--fail-with-body".into()];
    match (request.method, file) {
        (Method::Put, Some(file)) => words.extend(["-T".into(), quote(file)]),
        (Method::Get, Some(file)) => words.extend(["-o".into(), quote(file)]),
        (Method::Head, _) => words.push("--head".into()),
        (Method::Get, None) => {}
        (method, _) => words.extend(["-X".into(), method.as_str().into()]),
    }
    for (name, value) in &request.headers {
        words.extend([
            "-H".into(),
            quote(&format!("{name}: {value}")).into_owned().into(),
        ]);
    }
    words.push(quote(&request.url));
    words.join(" ")
}

/// `word` as one word for a POSIX shell: as is when it is made of
/// characters no shell reads specially, else in single quotes.
fn quote(word: &str) -> Cow<'_, str> {
    let plain = !word.is_empty()
        && word
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-_./:,+@%=".contains(&b));
    if plain {
        Cow::Borrowed(word)
    } else {
        Cow::Owned(format!("'{}'", word.replace('\'', r"'\''")))
    }
}

/// `time` as RFC 3339 in UTC, to the second: `2024-05-01T12:00:00Z`.
fn rfc3339(time: SystemTime) -> String {
    // Presigned URLs expire after 1970 and before the year 10000 (the core
    // refuses other signing times), so the seconds fit and are positive.
    let secs = time.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs());
    let (days, rest) = (secs / 86_400, secs % 86_400);
    let (year, month, day) = civil_from_days(days);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        rest / 3600,
        rest / 60 % 60,
        rest % 60
    )
}

/// The proleptic Gregorian date `days` after 1970-01-01 (Howard Hinnant's
/// `civil_from_days`, for days on or after the epoch).
fn civil_from_days(days: u64) -> (u64, u64, u64) {
    let z = days + 719_468;
    let era = z / 146_097;
    let doe = z % 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + u64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use std::collections::BTreeMap;
    use std::time::Duration;

    use super::*;

    #[test]
    fn rfc3339_agrees_with_jiff() {
        let last = 253_402_207_200; // 9999-12-30T22:00:00Z, the last instant jiff takes
        let mut secs = 0u64;
        while secs <= last {
            let time = UNIX_EPOCH + Duration::from_secs(secs);
            let want = jiff::Timestamp::try_from(time).unwrap().to_string();
            assert_eq!(rfc3339(time), want, "{secs}");
            secs += 86_399 * 37 + 12_345;
        }
        for secs in [0, 951_782_400, 951_868_799, 4_107_542_400, last] {
            let time = UNIX_EPOCH + Duration::from_secs(secs);
            let want = jiff::Timestamp::try_from(time).unwrap().to_string();
            assert_eq!(rfc3339(time), want, "{secs}");
        }
    }

    #[test]
    fn quoting() {
        assert_eq!(quote("cat.jpg"), "cat.jpg");
        assert_eq!(quote("a b"), "'a b'");
        assert_eq!(quote(""), "''");
        assert_eq!(quote("it's"), r"'it'\''s'");
        assert_eq!(quote("https://h/k?a=1&b=2"), "'https://h/k?a=1&b=2'");
        assert_eq!(quote("$(rm -rf /)"), "'$(rm -rf /)'");
    }

    fn req(method: Method, headers: &[(&str, &str)]) -> PresignedRequest {
        PresignedRequest {
            method,
            url: "http://h/b/k?X=1&Y=2".into(),
            headers: headers
                .iter()
                .map(|(n, v)| (n.to_string(), v.to_string()))
                .collect::<BTreeMap<_, _>>(),
            expires_at: UNIX_EPOCH + Duration::from_secs(86_400 + 61),
        }
    }

    #[test]
    fn curl_commands() {
        let put = req(
            Method::Put,
            &[("content-type", "image/jpeg"), ("if-none-match", "*")],
        );
        assert_eq!(
            curl(&put, Some("my cat.jpg")),
            "curl --fail-with-body -T 'my cat.jpg' -H 'content-type: image/jpeg' \
             -H 'if-none-match: *' 'http://h/b/k?X=1&Y=2'"
        );
        assert_eq!(
            curl(&req(Method::Get, &[]), Some("out.bin")),
            "curl --fail-with-body -o out.bin 'http://h/b/k?X=1&Y=2'"
        );
        assert_eq!(
            curl(&req(Method::Get, &[]), None),
            "curl --fail-with-body 'http://h/b/k?X=1&Y=2'"
        );
        assert_eq!(
            curl(&req(Method::Head, &[]), None),
            "curl --fail-with-body --head 'http://h/b/k?X=1&Y=2'"
        );
        assert_eq!(
            curl(&req(Method::Delete, &[]), None),
            "curl --fail-with-body -X DELETE 'http://h/b/k?X=1&Y=2'"
        );
    }

    #[test]
    fn json_of_a_request_and_of_parts() {
        let put = req(Method::Put, &[("content-type", "a\"b")]);
        let value: Value = serde_json::from_str(&to_json(&put, None).to_string()).unwrap();
        assert_eq!(
            value,
            json!({
                "method": "PUT",
                "url": "http://h/b/k?X=1&Y=2",
                "headers": {"content-type": "a\"b"},
                "expiresAt": "1970-01-02T00:01:01Z",
            })
        );
        let mut out = Vec::new();
        parts(
            &mut out,
            &[req(Method::Put, &[]), req(Method::Put, &[])],
            true,
        );
        let all: Vec<Value> = serde_json::from_slice(&out).unwrap();
        assert_eq!(all.len(), 2);
        assert_eq!(all[1]["partNumber"], 2);
        assert_eq!(all[1]["method"], "PUT");
        let mut out = Vec::new();
        parts(
            &mut out,
            &[req(Method::Put, &[]), req(Method::Put, &[])],
            false,
        );
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "http://h/b/k?X=1&Y=2\nhttp://h/b/k?X=1&Y=2\n"
        );
    }
}

//! The signer's configuration: the environment, then `./.env`, with the
//! flags and a secret from standard input winning over both.

use std::collections::HashMap;
use std::ffi::OsString;
use std::io::BufRead;

use presigner::{EnvOverrides, Signer};

use crate::args::ConfigArgs;
use crate::Failure;

/// The file read after the environment, in the current folder.
const DOTENV: &str = ".env";

/// The signer of `config` (with `bucket` instead of `config.bucket`: the
/// caller has weighed it against an `s3://` URL).
pub fn signer(config: &ConfigArgs, bucket: Option<String>) -> Result<Signer, Failure> {
    let dotenv = match std::fs::read(DOTENV) {
        Ok(bytes) => parse_dotenv(&bytes)?,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => HashMap::new(),
        Err(e) => return Err(Failure::config(format!("cannot read {DOTENV}: {e}"))),
    };
    let secret_access_key = if config.secret_stdin {
        Some(read_secret(std::io::stdin().lock())?)
    } else {
        None
    };
    let overrides = EnvOverrides {
        endpoint: config.endpoint.clone(),
        bucket,
        region: config.region.clone(),
        secret_access_key,
    };
    let var = |name: &str| {
        std::env::var_os(name)
            .filter(|v| !is_blank(v))
            .or_else(|| dotenv.get(name).map(OsString::from))
    };
    Ok(Signer::from_vars(var, &overrides)?)
}

/// An empty or all-whitespace variable counts as unset (as in the core),
/// so that `.env` can still give it.
fn is_blank(value: &OsString) -> bool {
    value.to_str().is_some_and(|s| s.trim().is_empty())
}

/// The first line of `input` without the whitespace around it (as the
/// core drops it around a variable's value): the secret access key.
fn read_secret(mut input: impl BufRead) -> Result<String, Failure> {
    let mut line = String::new();
    input
        .read_line(&mut line)
        .map_err(|e| Failure::config(format!("cannot read the secret from standard input: {e}")))?;
    Ok(line.trim().to_owned())
}

/// The variables of a `.env` file: `KEY=VALUE` lines, optionally after
/// `export `; blank lines and `#` comments are skipped. A value in single
/// quotes is taken as written; in double quotes, `\"`, `\\`, `\$` and
/// `` \` `` stand for the character after the backslash (as in a shell);
/// an unquoted value ends at ` #` and loses the whitespace around it. No
/// variable is expanded. A line that is none of these is refused, naming
/// its number (never its text: it may hold a secret).
fn parse_dotenv(bytes: &[u8]) -> Result<HashMap<String, String>, Failure> {
    let text = std::str::from_utf8(bytes)
        .map_err(|_| Failure::config(format!("{DOTENV} is not valid UTF-8")))?;
    let mut vars = HashMap::new();
    for (index, line) in text.lines().enumerate() {
        let bad = |what: &str| Failure::config(format!("{DOTENV} line {}: {what}", index + 1));
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let line = line.strip_prefix("export ").map_or(line, str::trim_start);
        let Some((name, raw)) = line.split_once('=') else {
            return Err(bad("expected NAME=VALUE"));
        };
        let name = name.trim_end();
        let valid_name = name.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
            && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_');
        if !valid_name {
            return Err(bad(
                "a name is letters, digits and _, not starting with a digit",
            ));
        }
        let value = parse_value(raw.trim_start()).map_err(bad)?;
        vars.insert(name.to_owned(), value);
    }
    Ok(vars)
}

/// The value after `=` (leading whitespace already dropped).
fn parse_value(raw: &str) -> Result<String, &'static str> {
    let (value, rest) = match raw.chars().next() {
        Some('\'') => {
            let end = raw[1..].find('\'').ok_or("the ' quote is not closed")?;
            (raw[1..=end].to_owned(), &raw[end + 2..])
        }
        Some('"') => {
            let mut value = String::new();
            let mut chars = raw[1..].char_indices();
            let end = loop {
                match chars.next() {
                    None => return Err("the \" quote is not closed"),
                    Some((i, '"')) => break i + 2,
                    Some((_, '\\')) => match chars.next() {
                        Some((_, c @ ('"' | '\\' | '$' | '`'))) => value.push(c),
                        Some((_, c)) => value.extend(['\\', c]),
                        None => return Err("the \" quote is not closed"),
                    },
                    Some((_, c)) => value.push(c),
                }
            };
            (value, &raw[end..])
        }
        _ => {
            let end = raw.find(" #").unwrap_or(raw.len());
            return Ok(raw[..end].trim_end().to_owned());
        }
    };
    let rest = rest.trim_start();
    if rest.is_empty() || rest.starts_with('#') {
        Ok(value)
    } else {
        Err("only a # comment may follow a quoted value")
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    fn parse(text: &str) -> Result<HashMap<String, String>, String> {
        parse_dotenv(text.as_bytes()).map_err(|f| f.message)
    }

    #[test]
    fn dotenv_lines() {
        let vars = parse(concat!(
            "# a comment\n",
            "\n",
            "R2_ACCOUNT_ID=abc123\n",
            "  export R2_BUCKET = uploads  \n",
            "A='single # quoted \\n'  # comment\n",
            "B=\"dq \\\"x\\\" \\\\ \\$HOME \\n\"\n",
            "C=plain value # comment\n",
            "D=a#b\n",
            "E=\n",
            "F=\"\"\n",
            "CRLF=v\r\n",
            "export_X=1\n",
        ))
        .unwrap();
        let want = [
            ("R2_ACCOUNT_ID", "abc123"),
            ("R2_BUCKET", "uploads"),
            ("A", "single # quoted \\n"),
            ("B", "dq \"x\" \\ $HOME \\n"),
            ("C", "plain value"),
            ("D", "a#b"),
            ("E", ""),
            ("F", ""),
            ("CRLF", "v"),
            ("export_X", "1"),
        ];
        assert_eq!(vars.len(), want.len(), "{vars:?}");
        for (name, value) in want {
            assert_eq!(vars.get(name).map(String::as_str), Some(value), "{name}");
        }
    }

    #[test]
    fn bad_dotenv_lines_are_named_by_number_not_text() {
        for (text, message) in [
            (
                "OK=1\nsecret-without-equals\n",
                ".env line 2: expected NAME=VALUE",
            ),
            (
                "1A=x",
                ".env line 1: a name is letters, digits and _, not starting with a digit",
            ),
            (
                "A B=x",
                ".env line 1: a name is letters, digits and _, not starting with a digit",
            ),
            ("A='hunter2", ".env line 1: the ' quote is not closed"),
            ("A=\"hunter2\\\"", ".env line 1: the \" quote is not closed"),
            ("A=\"hunter2\\", ".env line 1: the \" quote is not closed"),
            (
                "A='hunter2'x",
                ".env line 1: only a # comment may follow a quoted value",
            ),
        ] {
            assert_eq!(parse(text).unwrap_err(), message, "{text:?}");
        }
        assert_eq!(
            parse_dotenv(b"A=\xff").unwrap_err().message,
            ".env is not valid UTF-8"
        );
    }

    #[test]
    fn the_secret_is_the_first_line() {
        for (input, secret) in [
            ("s3cr/t+=\n", "s3cr/t+="),
            ("s3cr/t+=\r\nmore\n", "s3cr/t+="),
            ("no newline", "no newline"),
            (" spaced \t\n", "spaced"),
            ("", ""),
        ] {
            assert_eq!(read_secret(input.as_bytes()).unwrap(), secret, "{input:?}");
        }
    }
}

//! Errors thrown to JavaScript, in two families:
//!
//! - what the core rejects is an `Error` whose `code` is the core's stable
//!   code (`ERR_PRESIGNER_CONFIG`, `ERR_PRESIGNER_INVALID_ARGUMENT`,
//!   `ERR_PRESIGNER_XML`, `ERR_PRESIGNER_POLICY`: whatever
//!   [`presigner::ErrorKind::code`] says) and whose message is the core's (it
//!   names the argument and never a secret); a policy's refusal also has
//!   `status`, the HTTP status to answer with;
//! - a value that cannot become the Rust type at all (a number for `key`, a
//!   string for `expiresIn`, `-1` for a count) is a `TypeError` with code
//!   `ERR_INVALID_ARG_TYPE`, as Node's own APIs throw. napi's own conversions
//!   throw a plain `Error` with `code: 'StringExpected'` and a message that
//!   echoes the value (it could be a secret), so the binding's argument types
//!   convert themselves (`convert.rs`) and report through [`Invalid`].

use napi::bindgen_prelude::{Env, JsObjectValue, JsValue, Status, Unknown};
use napi::ValueType;
use presigner::Argument;

/// `code` of every `TypeError` the binding throws: Node's code for an
/// argument of the wrong type.
const ERR_INVALID_ARG_TYPE: &str = "ERR_INVALID_ARG_TYPE";

/// Why a call failed: the core refused, or an argument did not convert.
#[derive(Debug)]
pub enum Failure {
    /// The core's error: thrown as an `Error` with the core's code.
    Core(presigner::Error),
    /// A conversion failure: thrown as a `TypeError` (see [`throw`]).
    Invalid(Invalid),
}

impl From<presigner::Error> for Failure {
    fn from(e: presigner::Error) -> Self {
        Self::Core(e)
    }
}

impl From<Invalid> for Failure {
    fn from(e: Invalid) -> Self {
        Self::Invalid(e)
    }
}

impl From<napi::Error> for Failure {
    fn from(e: napi::Error) -> Self {
        Self::Invalid(Invalid::Napi(e))
    }
}

/// An argument as a JavaScript caller wrote it, e.g. `options.expiresIn`.
fn js_name(argument: Argument) -> &'static str {
    match argument {
        Argument::ExpiresIn => "options.expiresIn",
        Argument::SigningTime => "options.signingDate",
        Argument::ContentType => "options.contentType",
        Argument::ContentLength => "options.contentLength",
        Argument::ContentMd5 => "options.contentMd5",
        Argument::ChecksumSha256 => "options.checksumSha256",
        Argument::CacheControl => "options.cacheControl",
        Argument::ContentDisposition => "options.contentDisposition",
        Argument::Metadata => "options.metadata",
        Argument::ResponseContentType => "options.responseContentType",
        Argument::ResponseContentDisposition => "options.responseContentDisposition",
        Argument::ResponseCacheControl => "options.responseCacheControl",
        Argument::VersionId => "options.versionId",
        Argument::IfNoneMatch => "options.ifNoneMatch",
        Argument::IfMatch => "options.ifMatch",
        Argument::ChecksumAlgorithm => "options.checksumAlgorithm",
        Argument::Checksum => "options.checksum",
        Argument::UploadId => "uploadId",
        Argument::PartNumber => "partNumber",
        Argument::PartCount => "partCount",
        Argument::MaxParts => "options.maxParts",
        Argument::PartNumberMarker => "options.partNumberMarker",
        Argument::Endpoint => "config.endpoint",
        Argument::PublicBaseUrl => "config.publicBaseUrl",
        Argument::AccessKeyId => "config.accessKeyId",
        Argument::SecretAccessKey => "config.secretAccessKey",
        Argument::SessionToken => "config.sessionToken",
        Argument::Parts => "parts",
        Argument::Size => "size",
        Argument::PartSize => "partSize",
        Argument::Prefix => "options.prefix",
        Argument::MaxExpiresIn => "options.maxExpiresIn",
        Argument::ContentTypes => "options.contentTypes",
        // A later core argument: its Rust name rather than none.
        other => other.name(),
    }
}

/// A property of one item of `completeMultipartUploadBody`'s `parts`, as
/// a message names it after the item's place (`parts[2]: partNumber …`).
fn part_js_name(argument: Argument) -> &'static str {
    match argument {
        Argument::PartNumber => "partNumber",
        Argument::ChecksumAlgorithm => "checksumAlgorithm",
        Argument::Checksum => "checksum",
        other => js_name(other),
    }
}

/// Throws a core error: an `Error` whose `code` is the core's stable code
/// and whose message is the core's, naming arguments as JavaScript does.
fn throw_core(env: &Env, e: &presigner::Error) -> napi::Error {
    throw_core_message(env, e, e.message_naming(js_name))
}

/// Throws the core error `e` with `message` (the core's, worded for
/// JavaScript); an upload policy's refusal also carries `status`, the HTTP
/// status to answer with.
fn throw_core_message(env: &Env, e: &presigner::Error, message: String) -> napi::Error {
    let thrown = match e.status() {
        None => env.throw_error(&message, Some(e.kind().code())),
        Some(status) => env
            .create_error(napi::Error::new(Status::GenericFailure, message.as_str()))
            .and_then(|mut error| {
                error.set_named_property("code", e.kind().code())?;
                error.set_named_property("status", u32::from(status))?;
                env.throw(error)
            }),
    };
    match thrown {
        Ok(()) => napi::Error::new(Status::PendingException, message),
        Err(e) => e,
    }
}

/// Runs `call`, throwing what fails into JavaScript (see [`throw`]).
pub fn run<T>(env: &Env, call: impl FnOnce() -> Result<T, Failure>) -> napi::Result<T> {
    match call() {
        Ok(value) => Ok(value),
        Err(Failure::Invalid(invalid)) => Err(throw(env, invalid)),
        Err(Failure::Core(e)) => Err(throw_core(env, &e)),
    }
}

/// What is wrong with a value, before the argument holding it is named.
#[derive(Debug)]
pub enum Problem {
    /// The value has the wrong type or range. Holds what was expected and a
    /// description of what came (its type, or a number): never the value
    /// itself, which could be a secret.
    Type {
        /// E.g. `"a string"`.
        expected: &'static str,
        /// E.g. `"number"`.
        got: String,
    },
    /// A string with a lone surrogate: it has no UTF-8 form.
    IllFormed,
    /// A string over the core's `MAX_STRING_CHARS`, left unread.
    TooLong,
}

/// Why a JavaScript value could not be converted.
#[derive(Debug)]
pub enum Invalid {
    /// A problem with the value, at `within` inside it (e.g. `["name"]` in
    /// a map; usually empty), before the argument is named by [`Invalid::at`].
    At {
        /// Where inside the argument.
        within: String,
        /// What is wrong.
        problem: Problem,
    },
    /// A type mismatch once the argument's path is known: the `TypeError` message.
    Named(String),
    /// What the core refuses (a lone surrogate, an oversize string, a range).
    Core(presigner::Error),
    /// What the core refuses in item `index` of `completeMultipartUploadBody`'s
    /// `parts` (a part number no `u32` holds, an unknown checksum algorithm):
    /// its message follows `parts[index]: ` and names the item's properties.
    InPart {
        /// The item's index in `parts`.
        index: u32,
        /// The core's error.
        error: presigner::Error,
    },
    /// napi itself failed (e.g. a getter threw); passed on unchanged.
    Napi(napi::Error),
}

impl Invalid {
    /// A type mismatch: `expected`, but a value of `value`'s type came.
    pub fn expected(expected: &'static str, value: &Unknown<'_>) -> Self {
        let got = match value.get_type() {
            Ok(ValueType::Object) => match value.is_array() {
                Ok(true) => Ok("an array"),
                Ok(false) => Ok("object"),
                Err(e) => Err(e),
            },
            ty => ty.map(type_name),
        };
        match got {
            Ok(got) => Self::mismatch(expected, got),
            Err(e) => Self::Napi(e),
        }
    }

    /// A type or range mismatch: `expected`, but `got` came.
    pub fn mismatch(expected: &'static str, got: impl Into<String>) -> Self {
        Self::from(Problem::Type {
            expected,
            got: got.into(),
        })
    }

    /// Places a problem at `place` inside the value (e.g. a map entry).
    pub fn within(self, place: impl FnOnce() -> String) -> Self {
        match self {
            Self::At { within, problem } => Self::At {
                within: place() + &within,
                problem,
            },
            other => other,
        }
    }

    /// Names the argument at fault: `path` is built only on failure.
    pub fn at(self, path: impl FnOnce() -> String) -> Self {
        let Self::At { within, problem } = self else {
            return self;
        };
        let argument = path() + &within;
        match problem {
            Problem::Type { expected, got } => {
                Self::Named(format!("{argument} must be {expected}, got {got}"))
            }
            Problem::IllFormed => Self::Core(presigner::Error::IllFormedString { argument }),
            Problem::TooLong => Self::Core(presigner::Error::StringTooLong { argument }),
        }
    }
}

impl From<Problem> for Invalid {
    fn from(problem: Problem) -> Self {
        Self::At {
            within: String::new(),
            problem,
        }
    }
}

impl From<napi::Error> for Invalid {
    fn from(e: napi::Error) -> Self {
        Self::Napi(e)
    }
}

impl From<presigner::Error> for Invalid {
    fn from(e: presigner::Error) -> Self {
        Self::Core(e)
    }
}

/// The `typeof` of a value, as JavaScript spells it.
fn type_name(ty: ValueType) -> &'static str {
    match ty {
        ValueType::Undefined => "undefined",
        ValueType::Null => "null",
        ValueType::Boolean => "boolean",
        ValueType::Number => "number",
        ValueType::String => "string",
        ValueType::Symbol => "symbol",
        ValueType::Object => "object",
        ValueType::Function => "function",
        ValueType::BigInt => "bigint",
        _ => "an unknown type",
    }
}

/// Throws `invalid` into JavaScript: a type mismatch as a `TypeError` with
/// code `ERR_INVALID_ARG_TYPE`, a core refusal as [`run`] throws it, a napi
/// failure as napi does. Returns the error napi expects after a throw (it
/// leaves a pending exception alone).
pub fn throw(env: &Env, invalid: Invalid) -> napi::Error {
    let message = match invalid {
        // `at` names every problem, so this recurses once.
        Invalid::At { .. } => return throw(env, invalid.at(|| "value".to_owned())),
        Invalid::Napi(e) => return e,
        Invalid::Core(e) => return throw_core(env, &e),
        Invalid::InPart { index, error } => {
            let message = format!("parts[{index}]: {}", error.message_naming(part_js_name));
            return throw_core_message(env, &error, message);
        }
        Invalid::Named(message) => message,
    };
    match env.throw_type_error(&message, Some(ERR_INVALID_ARG_TYPE)) {
        Ok(()) => napi::Error::new(Status::PendingException, message),
        Err(e) => e,
    }
}

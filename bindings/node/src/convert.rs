//! From JavaScript values to the binding's Rust types, with the binding's
//! own `TypeError` messages (see `errors.rs` for why not napi's): a small
//! [`FromJs`] trait, plugged into napi's `FromNapiValue` by [`from_js!`],
//! and the readers for option objects and their leaf values.

use std::collections::BTreeMap;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use napi::bindgen_prelude::{Env, FromNapiValue, JsObjectValue, JsValue, Object, Unknown};
use napi::{JsString, ValueType};

use crate::errors::{throw, Invalid, Problem};

/// Conversion of one argument type from JavaScript; [`from_js!`] plugs it
/// into napi.
pub trait FromJs: Sized {
    /// Converts `value`; [`Invalid::Type`] becomes a `TypeError`.
    fn from_js(value: Unknown<'_>) -> Result<Self, Invalid>;
}

/// Runs [`FromJs::from_js`] for napi, throwing what fails.
pub fn convert<T: FromJs>(env: Env, value: Unknown<'_>) -> napi::Result<T> {
    T::from_js(value).map_err(|invalid| throw(&env, invalid))
}

/// Implements napi's `FromNapiValue` for types implementing [`FromJs`]. The
/// one unsafe step on the way in: napi hands over a raw `env` and value.
macro_rules! from_js {
    ($($ty:ty),+ $(,)?) => {$(
        #[allow(unsafe_code)]
        impl napi::bindgen_prelude::FromNapiValue for $ty {
            unsafe fn from_napi_value(
                env: napi::sys::napi_env,
                value: napi::sys::napi_value,
            ) -> napi::Result<Self> {
                // SAFETY: napi calls this with the live `env` and `value` of
                // the current call, which is all `from_raw_unchecked` needs.
                let value = unsafe { napi::bindgen_prelude::Unknown::from_raw_unchecked(env, value) };
                $crate::convert::convert(napi::Env::from_raw(env), value)
            }
        }
    )+};
}
pub(crate) use from_js;

/// Converts one present JavaScript value whose `typeof` is already known.
pub type Convert<'env, T> = fn(Unknown<'env>, ValueType) -> Result<T, Invalid>;

/// The properties of an options object, read one by one; `undefined` and
/// `null` both mean "not given". Unknown properties are ignored, as
/// napi's own object conversion does (TypeScript rejects them).
pub struct Fields<'env> {
    object: Object<'env>,
    /// The argument's name in messages: `config` or `options`.
    name: &'static str,
}

impl<'env> Fields<'env> {
    /// `value` as the argument `name`, which must be a plain object.
    pub fn new(value: Unknown<'env>, name: &'static str) -> Result<Self, Invalid> {
        let ty = value.get_type()?;
        if ty != ValueType::Object || value.is_array()? {
            return Err(Invalid::expected("an object", &value).at(|| name.to_owned()));
        }
        Ok(Self {
            object: Object::from_unknown(value)?,
            name,
        })
    }

    /// The property `field`, converted; `None` when absent.
    pub fn optional<T>(
        &self,
        field: &'static str,
        convert: Convert<'env, T>,
    ) -> Result<Option<T>, Invalid> {
        let value: Unknown<'env> = self.object.get_named_property_unchecked(field)?;
        optional(value, convert).map_err(|e| e.at(|| format!("{}.{field}", self.name)))
    }

    /// The property `field`, converted; a `TypeError` when absent.
    pub fn required<T>(
        &self,
        field: &'static str,
        convert: Convert<'env, T>,
    ) -> Result<T, Invalid> {
        self.optional(field, convert)?
            .ok_or_else(|| Invalid::Named(format!("{}.{field} is required", self.name)))
    }
}

/// `value` converted, or `None` for `undefined` and `null` ("not given").
pub fn optional<'env, T>(
    value: Unknown<'env>,
    convert: Convert<'env, T>,
) -> Result<Option<T>, Invalid> {
    match value.get_type()? {
        ValueType::Undefined | ValueType::Null => Ok(None),
        ty => convert(value, ty).map(Some),
    }
}

/// A well-formed string of at most `MAX_STRING_CHARS` characters.
pub fn string(value: Unknown<'_>, ty: ValueType) -> Result<String, Invalid> {
    if ty != ValueType::String {
        return Err(Invalid::expected("a string", &value));
    }
    let text = match read_short_string(&value)? {
        Some(text) => text,
        None => {
            let js = JsString::from_unknown(value)?;
            if js.utf16_len()? > presigner::MAX_STRING_CHARS {
                return Err(Problem::TooLong.into());
            }
            String::from_unknown(value)?
        }
    };
    // napi writes a lone surrogate as U+FFFD, which signs a different
    // string: when one shows up, look at the UTF-16 itself.
    if text.contains('\u{FFFD}') {
        let utf16 = JsString::from_unknown(value)?.into_utf16()?;
        if char::decode_utf16(utf16.as_slice().iter().copied()).any(|c| c.is_err()) {
            return Err(Problem::IllFormed.into());
        }
    }
    Ok(text)
}

/// Bytes of this thread's buffer for [`read_short_string`]: room for any
/// object key (1,024 UTF-8 bytes) and every usual option value.
const SHORT_STRING_BYTES: usize = 4096;

thread_local! {
    static SHORT_STRING: std::cell::RefCell<Vec<u8>> =
        std::cell::RefCell::new(vec![0; SHORT_STRING_BYTES]);
}

/// The string `value` in one N-API call, through a per-thread buffer; `None`
/// when it may not fit (napi's own conversion, which asks for the length
/// first, takes over). Saves a pass over the string on every call.
#[allow(unsafe_code)]
fn read_short_string(value: &Unknown<'_>) -> napi::Result<Option<String>> {
    let raw = value.value();
    SHORT_STRING.with_borrow_mut(|buf| {
        let mut written = 0;
        // SAFETY: `buf` is writable for `buf.len()` bytes, which napi never
        // exceeds (it writes at most `len - 1` bytes and a NUL); `raw` is a
        // live string value of the current call.
        let status = unsafe {
            napi::sys::napi_get_value_string_utf8(
                raw.env,
                raw.value,
                buf.as_mut_ptr().cast(),
                buf.len(),
                &mut written,
            )
        };
        if status != napi::sys::Status::napi_ok {
            return Err(napi::Error::new(
                napi::Status::from(status),
                "could not read a string",
            ));
        }
        // napi stops before a character that does not fit (up to 4 bytes)
        // and keeps a byte for the NUL: coming that close means it may have
        // cut the string.
        Ok(
            // napi writes UTF-8 (a lone surrogate becomes U+FFFD, which
            // `string` checks for), so the lossy branch never runs; it only
            // spares an `unwrap`.
            (written + 4 < buf.len()).then(|| match std::str::from_utf8(&buf[..written]) {
                Ok(text) => text.to_owned(),
                Err(_) => String::from_utf8_lossy(&buf[..written]).into_owned(),
            }),
        )
    })
}

/// A boolean.
pub fn boolean(value: Unknown<'_>, ty: ValueType) -> Result<bool, Invalid> {
    if ty != ValueType::Boolean {
        return Err(Invalid::expected("a boolean", &value));
    }
    Ok(bool::from_unknown(value)?)
}

/// A whole number, saturated to `i128` (the core judges the range: a
/// negative or huge count is its error, not a `TypeError`); `1.5`, `NaN`,
/// `±Infinity` and non-numbers are `TypeError`s.
pub fn whole(value: Unknown<'_>, ty: ValueType) -> Result<i128, Invalid> {
    const EXPECTED: &str = "an integer";
    if ty != ValueType::Number {
        return Err(Invalid::expected(EXPECTED, &value));
    }
    let n = f64::from_unknown(value)?;
    if n.is_finite() && n.fract() == 0.0 {
        // Saturating, and exact for every whole f64 below 2^127.
        Ok(n as i128)
    } else {
        let got = match n {
            f64::INFINITY => "Infinity".to_owned(),
            f64::NEG_INFINITY => "-Infinity".to_owned(),
            n => n.to_string(),
        };
        Err(Invalid::mismatch(EXPECTED, got))
    }
}

/// A valid `Date`, as the instant it holds.
pub fn date(value: Unknown<'_>, ty: ValueType) -> Result<SystemTime, Invalid> {
    const EXPECTED: &str = "a valid Date";
    if ty != ValueType::Object || !value.is_date()? {
        return Err(Invalid::expected(EXPECTED, &value));
    }
    let ms = napi::JsDate::from_unknown(value)?.value_of()?;
    let invalid = || Invalid::mismatch(EXPECTED, "Invalid Date");
    if ms.is_nan() {
        return Err(invalid());
    }
    // A Date holds whole milliseconds within ±8.64e15, so the cast is exact.
    let offset = Duration::from_millis(ms.abs() as u64);
    let time = if ms >= 0.0 {
        UNIX_EPOCH.checked_add(offset)
    } else {
        UNIX_EPOCH.checked_sub(offset)
    };
    time.ok_or_else(invalid)
}

/// A plain object of strings (prototype `Object.prototype` or `null`): its
/// own and inherited enumerable string keys, as `for...in` lists them. Any
/// other object (a `Map`, a `Date`, a class instance) is a `TypeError`
/// rather than read as `{}` (`index.js` turns a `Map` of strings into a
/// plain object first).
pub fn string_map(value: Unknown<'_>, ty: ValueType) -> Result<BTreeMap<String, String>, Invalid> {
    const EXPECTED: &str = "a plain object or a Map of strings";
    if ty != ValueType::Object || value.is_array()? || !is_plain(&value)? {
        return Err(Invalid::expected(EXPECTED, &value));
    }
    let object = Object::from_unknown(value)?;
    let names = object.get_property_names()?;
    let mut map = BTreeMap::new();
    for i in 0..names.get_array_length()? {
        let name: Unknown<'_> = names.get_element(i)?;
        let entry: Unknown<'_> = object.get_property(name)?;
        let name = string(name, name.get_type()?)?;
        let entry =
            string(entry, entry.get_type()?).map_err(|e| e.within(|| format!("[{name:?}]")))?;
        map.insert(name, entry);
    }
    Ok(map)
}

/// Whether the object `value`'s prototype is `Object.prototype` or `null`.
fn is_plain(value: &Unknown<'_>) -> Result<bool, Invalid> {
    let object = Object::from_unknown(*value)?;
    let prototype = object.get_prototype()?;
    if prototype.get_type()? == ValueType::Null {
        return Ok(true);
    }
    let env = Env::from_raw(value.value().env);
    let object_prototype: Unknown<'_> = env
        .get_global()?
        .get_named_property_unchecked::<Object<'_>>("Object")?
        .get_named_property_unchecked("prototype")?;
    Ok(env.strict_equals(prototype, object_prototype)?)
}

//! UTC calendar formatting for SigV4 (`20130524T000000Z` and `20130524`)
//! without a date-time dependency.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// Seconds from 1970-01-01T00:00:00Z to 10000-01-01T00:00:00Z: SigV4 dates
/// have four-digit years.
pub(crate) const MAX_UNIX_SECS: u64 = 253_402_300_800;

/// A signing instant, whole seconds since the Unix epoch, within year 1970..=9999.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Timestamp {
    secs: u64,
}

impl Timestamp {
    /// Truncates `time` to whole seconds; `None` before 1970 or after 9999.
    pub(crate) fn new(time: SystemTime) -> Option<Self> {
        let secs = time.duration_since(UNIX_EPOCH).ok()?.as_secs();
        (secs < MAX_UNIX_SECS).then_some(Self { secs })
    }

    /// Days since the epoch: the key of the signing-key cache.
    pub(crate) fn day(self) -> u64 {
        self.secs / 86_400
    }

    /// Whether this instant plus `secs` is still before year 10000 (so the
    /// expiry has a four-digit year too, in every language's date type).
    pub(crate) fn expiry_in_range(self, secs: u64) -> bool {
        self.secs.saturating_add(secs) < MAX_UNIX_SECS
    }

    /// This instant plus `secs`, as a `SystemTime`.
    pub(crate) fn plus(self, secs: u64) -> SystemTime {
        UNIX_EPOCH + Duration::from_secs(self.secs + secs)
    }

    /// `YYYYMMDDTHHMMSSZ` and `YYYYMMDD`.
    pub(crate) fn format(self) -> ([u8; 16], [u8; 8]) {
        let (y, m, d) = civil_from_days(self.day());
        let rem = self.secs % 86_400;
        let (hh, mm, ss) = (rem / 3600, rem / 60 % 60, rem % 60);
        let mut full = *b"00000000T000000Z";
        put_digits(&mut full[0..4], y);
        put_digits(&mut full[4..6], m);
        put_digits(&mut full[6..8], d);
        put_digits(&mut full[9..11], hh);
        put_digits(&mut full[11..13], mm);
        put_digits(&mut full[13..15], ss);
        let mut date = [0u8; 8];
        date.copy_from_slice(&full[..8]);
        (full, date)
    }
}

fn put_digits(out: &mut [u8], mut n: u64) {
    for slot in out.iter_mut().rev() {
        *slot = b'0' + (n % 10) as u8;
        n /= 10;
    }
}

/// Howard Hinnant's `civil_from_days`, for days since 1970-01-01 (non-negative).
fn civil_from_days(days: u64) -> (u64, u64, u64) {
    let z = days + 719_468;
    let era = z / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + u64::from(m <= 2);
    (y, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fmt(secs: u64) -> String {
        let (full, _) = Timestamp::new(UNIX_EPOCH + Duration::from_secs(secs))
            .unwrap()
            .format();
        String::from_utf8(full.to_vec()).unwrap()
    }

    #[test]
    fn formats_known_instants() {
        assert_eq!(fmt(0), "19700101T000000Z");
        assert_eq!(fmt(1_369_353_600), "20130524T000000Z");
        assert_eq!(fmt(951_782_400), "20000229T000000Z");
        assert_eq!(fmt(1_835_395_199), "20280228T235959Z");
        assert_eq!(fmt(1_835_395_200), "20280229T000000Z");
        assert_eq!(fmt(MAX_UNIX_SECS - 1), "99991231T235959Z");
    }

    #[test]
    fn rejects_out_of_range_instants() {
        assert!(Timestamp::new(UNIX_EPOCH - Duration::from_secs(1)).is_none());
        assert!(Timestamp::new(UNIX_EPOCH + Duration::from_secs(MAX_UNIX_SECS)).is_none());
    }

    #[test]
    fn truncates_sub_seconds() {
        let t = Timestamp::new(UNIX_EPOCH + Duration::from_millis(1_500)).unwrap();
        assert_eq!(t.plus(0), UNIX_EPOCH + Duration::from_secs(1));
    }
}

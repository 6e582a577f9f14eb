//! How to split an object into the parts of a multipart upload so that both
//! S3 and R2 take it: every part but the last the same size (R2 requires
//! it), from [`MIN_PART_SIZE`] to [`MAX_PART_SIZE`], at most [`MAX_PARTS`]
//! parts, objects up to [`MAX_OBJECT_SIZE`].

use std::ops::Range;

use crate::error::{Error, Result};
use crate::limits::{MAX_OBJECT_SIZE, MAX_PARTS, MAX_PART_SIZE, MIN_PART_SIZE};

/// The part size [`plan_parts`] starts from when it chooses (8 MiB, as the
/// AWS SDKs' and Uppy's 5–8 MiB): it doubles it until the object fits in
/// [`MAX_PARTS`] parts, so objects up to 78 GiB go up in 8 MiB parts and
/// the largest in 1 GiB parts.
pub const DEFAULT_PART_SIZE: u64 = 8 * 1024 * 1024;

/// How an object is split into parts: parts 1 to `part_count - 1` hold
/// `part_size` bytes each, the last one `last_part_size`.
///
/// ```
/// let plan = presigner::plan_parts(20 * 1024 * 1024, None)?;
/// assert_eq!((plan.part_size, plan.part_count, plan.last_part_size), (8 << 20, 3, 4 << 20));
/// assert_eq!(plan.part_range(3), Some((16 << 20)..(20 << 20)));
/// # Ok::<(), presigner::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct PartPlan {
    /// Size of every part but the last, in bytes: within
    /// [`MIN_PART_SIZE`]..=[`MAX_PART_SIZE`], never 0 (also when there is
    /// one part, smaller than it).
    pub part_size: u64,
    /// How many parts: 1 to [`MAX_PARTS`].
    pub part_count: u32,
    /// Size of the last part, in bytes: 1 to `part_size` (0 only for an
    /// empty object).
    pub last_part_size: u64,
}

impl PartPlan {
    /// The bytes of the object that part `part_number` (1 to `part_count`)
    /// holds, or `None` for a number outside the plan.
    ///
    /// ```
    /// let plan = presigner::plan_parts(10, None)?;
    /// assert_eq!(plan.part_range(1), Some(0..10));
    /// assert_eq!(plan.part_range(2), None);
    /// # Ok::<(), presigner::Error>(())
    /// ```
    pub fn part_range(&self, part_number: u32) -> Option<Range<u64>> {
        if part_number == 0 || part_number > self.part_count {
            return None;
        }
        let start = u64::from(part_number - 1) * self.part_size;
        let len = if part_number == self.part_count {
            self.last_part_size
        } else {
            self.part_size
        };
        Some(start..start + len)
    }
}

/// Splits an object of `size` bytes into parts that S3 and R2 both accept.
///
/// With `part_size`, every part but the last has that size. Without, the
/// size is [`DEFAULT_PART_SIZE`] doubled until at most [`MAX_PARTS`] parts
/// hold the object. An object smaller than the part size is one part of
/// `size` bytes; an empty object is one empty part (S3 accepts it; a plain
/// PUT is the simpler way to store an empty object).
///
/// ```
/// use presigner::plan_parts;
///
/// let plan = plan_parts(100 * 1024 * 1024 * 1024, None)?; // 100 GiB
/// assert_eq!((plan.part_size, plan.part_count), (16 << 20, 6400));
///
/// let plan = plan_parts(1 << 30, Some(100 << 20))?; // 1 GiB in 100 MiB parts
/// assert_eq!((plan.part_count, plan.last_part_size), (11, 24 << 20));
///
/// let err = plan_parts(1 << 30, Some(1 << 20)).unwrap_err();
/// assert!(err.to_string().starts_with("part_size must be between 5242880 (5 MiB)"));
/// # Ok::<(), presigner::Error>(())
/// ```
///
/// # Errors
///
/// An [`ErrorKind::InvalidArgument`](crate::ErrorKind::InvalidArgument)
/// error when `size` is over [`MAX_OBJECT_SIZE`], when `part_size` is not
/// within [`MIN_PART_SIZE`]..=[`MAX_PART_SIZE`], or when `part_size` would
/// split `size` into more than [`MAX_PARTS`] parts (the message says the
/// smallest `part_size` that fits).
pub fn plan_parts(size: u64, part_size: Option<u64>) -> Result<PartPlan> {
    if size > MAX_OBJECT_SIZE {
        return Err(Error::InvalidObjectSize { size: size.into() });
    }
    let max_parts = u64::from(MAX_PARTS);
    let part_size = match part_size {
        Some(p) if !(MIN_PART_SIZE..=MAX_PART_SIZE).contains(&p) => {
            return Err(Error::InvalidPartSize {
                part_size: p.into(),
            })
        }
        Some(p) if size.div_ceil(p) > max_parts => {
            return Err(Error::TooManyParts { size, part_size: p })
        }
        Some(p) => p,
        // Ends by 1 GiB: MAX_OBJECT_SIZE / MAX_PARTS is under 524 MiB.
        None => {
            let mut p = DEFAULT_PART_SIZE;
            while size.div_ceil(p) > max_parts {
                p *= 2;
            }
            p
        }
    };
    let count = size.div_ceil(part_size).max(1);
    Ok(PartPlan {
        part_size,
        part_count: u32::try_from(count).unwrap_or(MAX_PARTS),
        last_part_size: size - (count - 1) * part_size,
    })
}

/// [`plan_parts`] for whole numbers of any sign and size, as a binding
/// receives them (saturated to `i128`): a negative or huge one is the same
/// typed error as an out-of-range `u64`.
///
/// ```
/// assert!(presigner::plan_parts_from(-1, None).is_err());
/// assert_eq!(presigner::plan_parts_from(10, None)?.part_count, 1);
/// # Ok::<(), presigner::Error>(())
/// ```
pub fn plan_parts_from(size: i128, part_size: Option<i128>) -> Result<PartPlan> {
    let size = u64::try_from(size).map_err(|_| Error::InvalidObjectSize { size })?;
    let part_size = part_size
        .map(|p| u64::try_from(p).map_err(|_| Error::InvalidPartSize { part_size: p }))
        .transpose()?;
    plan_parts(size, part_size)
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::ErrorKind;

    const MIB: u64 = 1024 * 1024;
    const GIB: u64 = 1024 * MIB;

    fn plan(size: u64, part_size: Option<u64>) -> (u64, u32, u64) {
        let p = plan_parts(size, part_size).unwrap();
        (p.part_size, p.part_count, p.last_part_size)
    }

    #[test]
    fn limits_are_those_of_s3_and_r2_together() {
        assert_eq!(MIN_PART_SIZE, 5_242_880);
        assert_eq!(MAX_PART_SIZE, 5_363_466_240);
        assert_eq!(MAX_OBJECT_SIZE, 5_492_189_429_760);
        assert_eq!(MAX_PARTS, 10_000);
    }

    #[test]
    fn small_and_empty_objects_are_one_part() {
        assert_eq!(plan(0, None), (8 * MIB, 1, 0));
        assert_eq!(plan(1, None), (8 * MIB, 1, 1));
        assert_eq!(plan(8 * MIB, None), (8 * MIB, 1, 8 * MIB));
        assert_eq!(plan(8 * MIB + 1, None), (8 * MIB, 2, 1));
        assert_eq!(plan(0, Some(MIN_PART_SIZE)), (MIN_PART_SIZE, 1, 0));
        assert_eq!(plan(3, Some(MAX_PART_SIZE)), (MAX_PART_SIZE, 1, 3));
    }

    #[test]
    fn the_chosen_size_doubles_from_8_mib() {
        assert_eq!(plan(10_000 * 8 * MIB, None), (8 * MIB, 10_000, 8 * MIB));
        assert_eq!(plan(10_000 * 8 * MIB + 1, None), (16 * MIB, 5001, 1));
        assert_eq!(plan(5 * GIB, None).0, 8 * MIB);
        assert_eq!(plan(1024 * GIB, None).0, 128 * MIB);
        assert_eq!(
            plan(MAX_OBJECT_SIZE, None),
            (GIB, 5115, MAX_OBJECT_SIZE - 5114 * GIB)
        );
    }

    #[test]
    fn a_given_part_size_is_kept_or_refused_by_rule() {
        assert_eq!(plan(100 * MIB, Some(10 * MIB)), (10 * MIB, 10, 10 * MIB));
        assert_eq!(plan(101 * MIB, Some(10 * MIB)), (10 * MIB, 11, MIB));
        assert_eq!(plan(10_000 * MIN_PART_SIZE, Some(MIN_PART_SIZE)).1, 10_000);

        let too_small = plan_parts(GIB, Some(MIN_PART_SIZE - 1)).unwrap_err();
        assert_eq!(
            too_small,
            Error::InvalidPartSize {
                part_size: (MIN_PART_SIZE - 1).into()
            }
        );
        assert_eq!(too_small.kind(), ErrorKind::InvalidArgument);
        assert!(plan_parts(GIB, Some(0)).is_err());
        let too_big = plan_parts(GIB, Some(MAX_PART_SIZE + 1)).unwrap_err();
        assert_eq!(
            too_big.to_string(),
            "part_size must be between 5242880 (5 MiB) and 5363466240 bytes (5 GiB less 5 MiB, R2's largest part), got 5363466241"
        );

        let many = plan_parts(10_000 * MIN_PART_SIZE + 1, Some(MIN_PART_SIZE)).unwrap_err();
        assert_eq!(
            many.to_string(),
            "part_size 5242880 splits size 52428800001 into 10001 parts; at most 10000: use a part_size of at least 5242881"
        );
        assert_eq!(many.kind(), ErrorKind::InvalidArgument);
    }

    #[test]
    fn an_object_over_the_limit_is_refused() {
        let err = plan_parts(MAX_OBJECT_SIZE + 1, None).unwrap_err();
        assert_eq!(
            err,
            Error::InvalidObjectSize {
                size: (MAX_OBJECT_SIZE + 1).into()
            }
        );
        assert!(err
            .to_string()
            .starts_with("size must be between 0 and 5492189429760 bytes"));
        assert!(plan_parts(u64::MAX, Some(MAX_PART_SIZE)).is_err());
        assert!(plan_parts(MAX_OBJECT_SIZE, Some(MAX_PART_SIZE)).is_ok());
    }

    #[test]
    fn part_ranges_tile_the_object() {
        let p = plan_parts(20 * MIB + 3, Some(10 * MIB)).unwrap();
        assert_eq!(p.part_range(0), None);
        assert_eq!(p.part_range(1), Some(0..10 * MIB));
        assert_eq!(p.part_range(3), Some(20 * MIB..20 * MIB + 3));
        assert_eq!(p.part_range(4), None);
        assert_eq!(plan_parts(0, None).unwrap().part_range(1), Some(0..0));
    }

    fn check(size: u64, p: PartPlan) {
        let count = u64::from(p.part_count);
        assert!((1..=u64::from(MAX_PARTS)).contains(&count));
        assert!((MIN_PART_SIZE..=MAX_PART_SIZE).contains(&p.part_size));
        assert!(p.last_part_size <= p.part_size);
        assert!(p.last_part_size > 0 || size == 0);
        assert_eq!((count - 1) * p.part_size + p.last_part_size, size);
        let last = p.part_range(p.part_count).unwrap();
        assert_eq!(last.end, size);
    }

    proptest! {
        #[test]
        fn chosen_plans_keep_every_rule(size in 0..=MAX_OBJECT_SIZE) {
            let p = plan_parts(size, None).unwrap();
            check(size, p);
            // The smallest doubling of 8 MiB that fits.
            prop_assert!(p.part_size == DEFAULT_PART_SIZE
                || size.div_ceil(p.part_size / 2) > u64::from(MAX_PARTS));
            prop_assert!(p.part_size.is_power_of_two());
        }

        #[test]
        fn given_part_sizes_are_kept_or_refused(
            size in prop_oneof![0..=MAX_OBJECT_SIZE, 0..=100 * GIB, 0..=GIB],
            part_size in prop_oneof![0..=2 * MAX_PART_SIZE, MIN_PART_SIZE..=64 * MIB],
        ) {
            match plan_parts(size, Some(part_size)) {
                Ok(p) => {
                    check(size, p);
                    prop_assert_eq!(p.part_size, part_size);
                }
                Err(e) => {
                    prop_assert_eq!(e.kind(), ErrorKind::InvalidArgument);
                    prop_assert!(!(MIN_PART_SIZE..=MAX_PART_SIZE).contains(&part_size)
                        || size.div_ceil(part_size) > u64::from(MAX_PARTS));
                }
            }
        }

        #[test]
        fn sizes_past_the_limit_are_refused(size in MAX_OBJECT_SIZE + 1..=u64::MAX) {
            prop_assert!(plan_parts(size, None).is_err());
        }
    }
}

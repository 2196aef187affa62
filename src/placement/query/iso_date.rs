//! The ISO 8601 forms `registeredAt` takes, read into the [`Span`] of time they name: one day
//! for a date, one second for a date-time (with or without an offset).

use super::Span;

impl Span {
    /// Parses the four formats the developer guide lists for `registeredAt`:
    /// `2018-06-18T22:28:28+00:00` (any `±HH:MM` offset), `2018-06-18T22:28:28Z`,
    /// `2018-06-18T22:28:28` (UTC, our choice) and `2018-06-18` (UTC).
    pub(super) fn parse(text: &str) -> Option<Span> {
        let b = text.as_bytes();
        let day = crate::model::time::days_from_civil(
            number(b, 0, 4)?,
            number(b, 5, 2)?,
            number(b, 8, 2)?,
        )?;
        if b.get(4) != Some(&b'-') || b.get(7) != Some(&b'-') {
            return None;
        }
        let day_ms = day.checked_mul(86_400_000)?;
        if b.len() == 10 {
            return Some(Span {
                start_ms: day_ms,
                end_ms: day_ms + 86_400_000,
            });
        }
        if b.get(10) != Some(&b'T') || b.get(13) != Some(&b':') || b.get(16) != Some(&b':') {
            return None;
        }
        let (hour, minute, second) = (number(b, 11, 2)?, number(b, 14, 2)?, number(b, 17, 2)?);
        if hour > 23 || minute > 59 || second > 59 {
            return None;
        }
        let offset_s = match b.get(19..) {
            Some([]) | Some([b'Z']) => 0,
            Some([sign @ (b'+' | b'-'), _, _, b':', _, _]) => {
                let (oh, om) = (number(b, 20, 2)?, number(b, 23, 2)?);
                if oh > 18 || om > 59 {
                    return None;
                }
                let offset = oh * 3600 + om * 60;
                if *sign == b'+' {
                    offset
                } else {
                    -offset
                }
            }
            _ => return None,
        };
        let start_ms = day_ms + ((hour * 3600 + minute * 60 + second) - offset_s) * 1000;
        Some(Span {
            start_ms,
            end_ms: start_ms + 1000,
        })
    }
}

/// The decimal number in `bytes[at..at + len]`, all ASCII digits.
fn number(bytes: &[u8], at: usize, len: usize) -> Option<i64> {
    let digits = bytes.get(at..at + len)?;
    digits.iter().try_fold(0i64, |acc, b| {
        b.is_ascii_digit().then(|| acc * 10 + i64::from(b - b'0'))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn registered_at_accepts_the_four_formats() {
        let ms = |s: &str| {
            let span = Span::parse(s).unwrap_or(Span {
                start_ms: i64::MIN,
                end_ms: i64::MIN,
            });
            (span.start_ms, span.end_ms)
        };
        assert_eq!(
            ms("2018-06-18T22:28:28+00:00"),
            (1_529_360_908_000, 1_529_360_909_000)
        );
        assert_eq!(
            ms("2018-06-18T22:28:28Z"),
            (1_529_360_908_000, 1_529_360_909_000)
        );
        assert_eq!(
            ms("2018-06-18T22:28:28"),
            (1_529_360_908_000, 1_529_360_909_000)
        );
        assert_eq!(
            ms("2018-06-19T00:28:28+02:00"),
            (1_529_360_908_000, 1_529_360_909_000)
        );
        assert_eq!(
            ms("2018-06-18T17:28:28-05:00"),
            (1_529_360_908_000, 1_529_360_909_000)
        );
        assert_eq!(ms("2018-06-18"), (1_529_280_000_000, 1_529_366_400_000));
        assert_eq!(ms("1970-01-01"), (0, 86_400_000));
        assert_eq!(ms("1969-12-31"), (-86_400_000, 0));
        assert_eq!(ms("2000-02-29"), (951_782_400_000, 951_868_800_000));
        for bad in [
            "2018-02-30",
            "2019-02-29",
            "1900-02-29",
            "2018-13-01",
            "2018-00-10",
            "2018-6-18",
            "2018-06-18T24:00:00",
            "2018-06-18T22:60:00",
            "2018-06-18T22:28:28.123Z",
            "2018-06-18T22:28",
            "2018-06-18T22:28:28+0000",
            "2018-06-18T22:28:28+19:00",
            "2018-06-18 22:28:28",
            "18-06-18",
            "yesterday",
            "",
        ] {
            assert!(Span::parse(bad).is_none(), "{bad}");
        }
    }
}

//! Simulated time.
//!
//! The simulation never reads a clock: time is a count of milliseconds since the world began,
//! and the world began at a fixed instant, [`EPOCH_UNIX_S`], so timestamps in responses are the
//! same on every run of the same script.

use serde::Serialize;

/// Milliseconds since the world began.
pub type SimTime = u64;

/// The wall-clock instant at which every world begins: Monday 2026-01-05 09:00:00 UTC, the
/// start of a class. (Our choice; any fixed instant would do.)
pub const EPOCH_UNIX_S: i64 = 1_767_603_600;

pub const SECOND_MS: SimTime = 1_000;
pub const MINUTE_MS: SimTime = 60 * SECOND_MS;
pub const HOUR_MS: SimTime = 60 * MINUTE_MS;

/// The longest time one `sleep` (or `sim advance`) argument may ask for: 366 days. A year
/// covers any lesson; beyond it a typo (`sleep 100000000`) would only move the clock past
/// anything a learner could look at. (Our choice; GNU sleep takes any length.)
pub const MAX_DURATION_MS: SimTime = 366 * 24 * HOUR_MS;

/// `5`, `2.5`, `10s`, `3m`, `1h`, `1d` -> milliseconds, as `sleep` and `sim advance` read
/// them (GNU sleep's suffixes; fractions allowed). `None` beyond [`MAX_DURATION_MS`] or for
/// anything else. The one parser of a duration: the CLI, the browser's replay of a scenario
/// and a container's `sleep N` command all read time through it.
pub fn parse_duration_ms(text: &str) -> Option<SimTime> {
    let (num, unit_ms) = match text.char_indices().last()? {
        (i, 's') => (&text[..i], 1_000.0),
        (i, 'm') => (&text[..i], 60_000.0),
        (i, 'h') => (&text[..i], 3_600_000.0),
        (i, 'd') => (&text[..i], 86_400_000.0),
        _ => (text, 1_000.0),
    };
    if num.is_empty() || !num.chars().all(|c| c.is_ascii_digit() || c == '.') {
        return None;
    }
    let value = crate::float::parse_f64(num)?;
    let ms = (value * unit_ms).round();
    (ms.is_finite() && (0.0..=MAX_DURATION_MS as f64).contains(&ms)).then_some(ms as SimTime)
}

/// A simulated instant with its civil-time rendering.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Instant(pub SimTime);

impl Instant {
    /// Milliseconds since the Unix epoch.
    pub fn unix_ms(self) -> i64 {
        EPOCH_UNIX_S * 1000 + self.0 as i64
    }

    /// As the AWS CLI v2 prints timestamps (Python `datetime.isoformat()` in UTC): the fraction
    /// appears only when it is not zero, with microsecond precision.
    /// `2026-01-05T09:00:00+00:00`, `2026-01-05T09:00:01.250000+00:00`.
    pub fn iso_cli(self) -> String {
        let (date, time) = civil(self.unix_ms());
        let ms = self.unix_ms().rem_euclid(1000);
        if ms == 0 {
            format!("{date}T{time}+00:00")
        } else {
            format!("{date}T{time}.{ms:03}000+00:00")
        }
    }

    /// As EC2 and IAM return timestamps (whole seconds): `2026-01-05T09:00:00+00:00`.
    pub fn iso_seconds(self) -> String {
        let (date, time) = civil(self.unix_ms());
        format!("{date}T{time}+00:00")
    }

    /// The date alone, `2026-01-05`.
    pub fn date(self) -> String {
        civil(self.unix_ms()).0
    }
}

/// Splits Unix milliseconds into `YYYY-MM-DD` and `HH:MM:SS` (proleptic Gregorian, UTC).
fn civil(unix_ms: i64) -> (String, String) {
    let at = time::OffsetDateTime::from_unix_timestamp(unix_ms.div_euclid(1000))
        .unwrap_or(time::OffsetDateTime::UNIX_EPOCH);
    (
        format!(
            "{:04}-{:02}-{:02}",
            at.year(),
            u8::from(at.month()),
            at.day()
        ),
        format!("{:02}:{:02}:{:02}", at.hour(), at.minute(), at.second()),
    )
}

/// Days since 1970-01-01 of a proleptic Gregorian date, `None` when the date does not exist
/// (`2026-02-31`) or is beyond the time crate's years (±9999).
pub fn days_from_civil(year: i64, month: i64, day: i64) -> Option<i64> {
    let month = time::Month::try_from(u8::try_from(month).ok()?).ok()?;
    let date =
        time::Date::from_calendar_date(i32::try_from(year).ok()?, month, u8::try_from(day).ok()?)
            .ok()?;
    Some(
        date.midnight()
            .assume_utc()
            .unix_timestamp()
            .div_euclid(86_400),
    )
}

/// Parses the date forms the cluster query language and the CLI accept, to Unix milliseconds:
/// `2018-06-18T22:28:28+00:00`, `2018-06-18T22:28:28Z`, `2018-06-18T22:28:28`, `2018-06-18`.
pub fn parse_iso_to_unix_ms(text: &str) -> Option<i64> {
    let text = text.trim();
    let (date, rest) = match text.split_once('T') {
        Some((d, r)) => (d, Some(r)),
        None => (text, None),
    };
    let mut parts = date.split('-');
    let year: i64 = parts.next()?.parse().ok()?;
    let month: i64 = parts.next()?.parse().ok()?;
    let day: i64 = parts.next()?.parse().ok()?;
    if parts.next().is_some() || !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return None;
    }
    let mut secs_of_day = 0;
    let mut offset_s = 0;
    if let Some(rest) = rest {
        let (clock, zone) = if let Some(c) = rest.strip_suffix('Z') {
            (c, None)
        } else if let Some(i) = rest.rfind(['+', '-']) {
            (&rest[..i], Some(&rest[i..]))
        } else {
            (rest, None)
        };
        let clock = clock.split('.').next()?;
        let mut hms = clock.split(':');
        let h: i64 = hms.next()?.parse().ok()?;
        let m: i64 = hms.next()?.parse().ok()?;
        let s: i64 = hms.next().unwrap_or("0").parse().ok()?;
        if h > 23 || m > 59 || s > 60 {
            return None;
        }
        secs_of_day = h * 3600 + m * 60 + s;
        if let Some(zone) = zone {
            let sign = if zone.starts_with('-') { -1 } else { 1 };
            let (zh, zm) = zone[1..].split_once(':').unwrap_or((&zone[1..], "0"));
            offset_s = sign * (zh.parse::<i64>().ok()? * 3600 + zm.parse::<i64>().ok()? * 60);
        }
    }
    let midnight = days_from_civil(year, month, day)? * 86_400;
    Some((midnight + secs_of_day - offset_s) * 1000)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Howard Hinnant's days_from_civil with its own month-length check (the arithmetic this
    /// module and the cluster query language each wrote by hand before the time crate).
    #[cfg(not(target_arch = "wasm32"))]
    fn by_hand(year: i64, month: i64, day: i64) -> Option<i64> {
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        let month_len = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return None,
        };
        if day < 1 || day > month_len {
            return None;
        }
        let y = if month <= 2 { year - 1 } else { year };
        let era = y.div_euclid(400);
        let year_of_era = y - era * 400;
        let day_of_year = (153 * ((month + 9) % 12) + 2) / 5 + day - 1;
        let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
        Some(era * 146_097 + day_of_era - 719_468)
    }

    #[cfg(not(target_arch = "wasm32"))]
    proptest::proptest! {
        /// The time crate's calendar is the hand-written one, invalid dates included.
        #[test]
        fn days_from_civil_is_the_hand_written_arithmetic(
            year in -9999i64..=9999, month in -1i64..=14, day in -1i64..=33,
        ) {
            proptest::prop_assert_eq!(days_from_civil(year, month, day), by_hand(year, month, day));
        }
    }

    #[test]
    fn epoch_renders_as_the_first_class() {
        assert_eq!(Instant(0).iso_cli(), "2026-01-05T09:00:00+00:00");
        assert_eq!(Instant(1_250).iso_cli(), "2026-01-05T09:00:01.250000+00:00");
        assert_eq!(
            Instant(15 * HOUR_MS).iso_seconds(),
            "2026-01-06T00:00:00+00:00"
        );
        assert_eq!(Instant(0).date(), "2026-01-05");
    }

    #[test]
    fn parses_the_four_documented_forms() {
        let base = parse_iso_to_unix_ms("2018-06-18").unwrap();
        assert_eq!(base, 1_529_280_000_000);
        let t = base + (22 * 3600 + 28 * 60 + 28) * 1000;
        assert_eq!(parse_iso_to_unix_ms("2018-06-18T22:28:28+00:00"), Some(t));
        assert_eq!(parse_iso_to_unix_ms("2018-06-18T22:28:28Z"), Some(t));
        assert_eq!(parse_iso_to_unix_ms("2018-06-18T22:28:28"), Some(t));
        assert_eq!(parse_iso_to_unix_ms("2018-06-18T23:28:28+01:00"), Some(t));
        assert_eq!(
            parse_iso_to_unix_ms(&Instant(0).iso_cli()),
            Some(EPOCH_UNIX_S * 1000)
        );
        for bad in [
            "",
            "2018",
            "2018-13-01",
            "x-y-z",
            "2018-06-18T25:00:00",
            "2018-06-18T1",
        ] {
            assert_eq!(parse_iso_to_unix_ms(bad), None, "{bad}");
        }
    }
}

//! Decimal text to `f64` and back, exactly, without the standard library's float parser and
//! formatter.
//!
//! `str::parse::<f64>` links a 10 KB table of 128-bit powers of five and the Eisel-Lemire and
//! big-decimal algorithms, and `{:e}`/`{:.1}` on floats link Grisu and Dragon4 with their tables:
//! together about 20 KB of the gzipped wasm. The sandbox handles few floats (CLI values, JSON
//! input, Python's float repr, a percentage in the UI), so simple exact methods do:
//!
//! - [`parse_f64`]: Clinger's fast path (an exact integer times an exact power of ten, one
//!   rounding), otherwise exact big-integer arithmetic. Accepts exactly the text that
//!   `str::parse::<f64>` accepts and gives the same bits.
//! - [`shortest_digits`]: the shortest digits that parse back to the value, found by trying the
//!   two candidates at each length against the exact decimal expansion.
//! - [`fixed`]: `format!("{:.N}")`, rounding the exact value half to even.
//!
//! The tests compare each with the standard library.

use std::cmp::Ordering;

/// `text.parse::<f64>().ok()`: an optional `+`/`-`, then decimal digits with an optional `.`
/// and an optional exponent (`e`/`E`, optional sign, digits), or `inf`, `infinity` or `nan` in
/// any case. `None` for anything else (no whitespace, no `_`).
pub fn parse_f64(text: &str) -> Option<f64> {
    let (negative, body) = match text.as_bytes().first() {
        Some(b'-') => (true, &text[1..]),
        Some(b'+') => (false, &text[1..]),
        _ => (false, text),
    };
    let magnitude = match parse_decimal(body.as_bytes()) {
        Some((digits, exp10)) => decimal_to_f64(&digits, exp10),
        None if body.eq_ignore_ascii_case("inf") || body.eq_ignore_ascii_case("infinity") => {
            f64::INFINITY
        }
        None if body.eq_ignore_ascii_case("nan") => f64::NAN,
        None => return None,
    };
    Some(if negative { -magnitude } else { magnitude })
}

/// `digits[.digits][(e|E)[+|-]digits]` with at least one mantissa digit, as the significant
/// digits (no leading or trailing zeros; empty for zero) and the power of ten they are scaled by.
fn parse_decimal(text: &[u8]) -> Option<(Vec<u8>, i64)> {
    let mut digits = Vec::new();
    let mut exp10: i64 = 0;
    let mut seen_digit = false;
    let mut at = 0;
    while let Some(&c) = text.get(at).filter(|c| c.is_ascii_digit()) {
        digits.push(c - b'0');
        seen_digit = true;
        at += 1;
    }
    if text.get(at) == Some(&b'.') {
        at += 1;
        while let Some(&c) = text.get(at).filter(|c| c.is_ascii_digit()) {
            digits.push(c - b'0');
            exp10 -= 1;
            seen_digit = true;
            at += 1;
        }
    }
    if !seen_digit {
        return None;
    }
    if matches!(text.get(at), Some(b'e' | b'E')) {
        at += 1;
        let negative = text.get(at) == Some(&b'-');
        if matches!(text.get(at), Some(b'+' | b'-')) {
            at += 1;
        }
        let start = at;
        let mut exponent: i64 = 0;
        while let Some(&c) = text.get(at).filter(|c| c.is_ascii_digit()) {
            // Saturates: any exponent this large already means 0 or infinity.
            exponent = (exponent * 10 + i64::from(c - b'0')).min(1 << 40);
            at += 1;
        }
        if at == start {
            return None;
        }
        exp10 += if negative { -exponent } else { exponent };
    }
    if at != text.len() {
        return None;
    }
    let leading = digits.iter().take_while(|&&d| d == 0).count();
    digits.drain(..leading);
    while digits.last() == Some(&0) {
        digits.pop();
        exp10 += 1;
    }
    Some((digits, exp10))
}

/// Significant digits kept: a double's halfway points have at most 767 of them, so beyond 800
/// digits only "is the rest non-zero" matters, which a trailing 1 stands for.
const MAX_DIGITS: usize = 800;

/// The exact powers of ten a double holds.
const POW10: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
];

/// The double nearest to `digits × 10^exp10` (ties to even). `digits` has no leading or trailing
/// zeros.
fn decimal_to_f64(digits: &[u8], exp10: i64) -> f64 {
    if digits.is_empty() {
        return 0.0;
    }
    let mut digits = digits.to_vec();
    let mut exp10 = exp10;
    if digits.len() > MAX_DIGITS {
        exp10 += (digits.len() - MAX_DIGITS - 1) as i64;
        digits.truncate(MAX_DIGITS);
        digits.push(1);
    }
    // The value lies in [10^(magnitude-1), 10^magnitude).
    let magnitude = exp10 + digits.len() as i64;
    if magnitude <= -324 {
        return 0.0; // below 1e-324, under half the smallest subnormal
    }
    if magnitude >= 310 {
        return f64::INFINITY; // at least 1e309
    }
    // Clinger's fast path: both factors exact, so the one operation rounds correctly.
    if digits.len() <= 15 && exp10.abs() <= 22 {
        let mantissa = digits.iter().fold(0u64, |m, &d| m * 10 + u64::from(d)) as f64;
        let scale = POW10[exp10.unsigned_abs() as usize];
        return if exp10 < 0 {
            mantissa / scale
        } else {
            mantissa * scale
        };
    }
    // value = numerator / denominator exactly.
    let mut numerator = Big::from_digits(&digits);
    let mut denominator = Big::from_digits(&[1]);
    if exp10 >= 0 {
        numerator.mul_pow10(exp10 as u32);
    } else {
        denominator.mul_pow10(exp10.unsigned_abs() as u32);
    }
    // Scale by 2^shift so that the quotient has 63 or 64 bits.
    let shift = 63 - (numerator.bit_len() as i64 - denominator.bit_len() as i64);
    if shift >= 0 {
        numerator.shift_left(shift as u32);
    } else {
        denominator.shift_left(shift.unsigned_abs() as u32);
    }
    let mut quotient: u64 = 0;
    for bit in (0..64).rev() {
        let mut step = denominator.clone();
        step.shift_left(bit);
        if numerator.compare(&step) != Ordering::Less {
            numerator.subtract(&step);
            quotient |= 1 << bit;
        }
    }
    let inexact = !numerator.is_zero();
    round_to_f64(quotient, -shift, inexact)
}

/// The double nearest to `(quotient + ε) × 2^exp2`, where ε is in (0, 1) if `inexact`, else 0.
fn round_to_f64(quotient: u64, exp2: i64, inexact: bool) -> f64 {
    let bits = 64 - i64::from(quotient.leading_zeros());
    let top = bits - 1 + exp2; // the value is in [2^top, 2^(top+1))
                               // Significant bits the result keeps: 53, fewer for subnormals.
    let keep = if top >= -1022 { 53 } else { top + 1075 };
    let drop = (bits - keep) as u32; // at least 10, as the quotient has 63 or 64 bits
    let wide = u128::from(quotient);
    let mut mantissa = (wide >> drop) as u64;
    let rest = wide & ((1u128 << drop) - 1);
    let half = 1u128 << (drop - 1);
    if rest > half || (rest == half && (inexact || mantissa & 1 == 1)) {
        mantissa += 1;
    }
    if top < -1022 {
        // Subnormal; a carry into bit 52 is the smallest normal's encoding, as it should be.
        return f64::from_bits(mantissa);
    }
    let mut top = top;
    if mantissa == 1 << 53 {
        mantissa >>= 1;
        top += 1;
    }
    if top > 1023 {
        return f64::INFINITY;
    }
    f64::from_bits(((top + 1023) as u64) << 52 | (mantissa & ((1 << 52) - 1)))
}

/// The exact decimal value of a positive finite double: its significant digits (ASCII, no
/// leading or trailing zeros) and the exponent of the first one (value = d.ddd × 10^exponent).
fn exact_digits(value: f64) -> (Vec<u8>, i32) {
    let bits = value.to_bits();
    let exponent_field = ((bits >> 52) & 0x7FF) as i32;
    let fraction = bits & ((1 << 52) - 1);
    let (mantissa, exp2) = if exponent_field == 0 {
        (fraction, -1074)
    } else {
        (fraction | (1 << 52), exponent_field - 1075)
    };
    // value = mantissa × 2^exp2 = mantissa × 5^-exp2 / 10^-exp2 when exp2 < 0.
    let mut big = Big(vec![mantissa as u32, (mantissa >> 32) as u32]);
    big.trim();
    let mut exp10 = 0;
    if exp2 >= 0 {
        big.shift_left(exp2 as u32);
    } else {
        let mut fives = -exp2 as u32;
        while fives >= 13 {
            big.mul_add(1_220_703_125, 0); // 5^13, the largest power of five in a limb
            fives -= 13;
        }
        big.mul_add(5u32.pow(fives), 0);
        exp10 = exp2;
    }
    let mut digits = big.to_decimal();
    let exponent = exp10 + digits.len() as i32 - 1;
    while digits.last() == Some(&b'0') {
        digits.pop();
    }
    (digits, exponent)
}

/// Adds one in the last place of the decimal `digits`; on a carry out of the first digit the
/// result is `1` and the exponent grows.
fn increment(digits: &mut Vec<u8>, exponent: &mut i32) {
    for d in digits.iter_mut().rev() {
        if *d == b'9' {
            *d = b'0';
        } else {
            *d += 1;
            return;
        }
    }
    digits.clear();
    digits.push(b'1');
    *exponent += 1;
}

/// Whether the digits after `kept` are more than, exactly, or less than half a unit of the
/// last kept digit.
fn rest_vs_half(rest: &[u8]) -> Ordering {
    match rest.first() {
        None => Ordering::Less,
        Some(&first) => first.cmp(&b'5').then(if rest.len() > 1 {
            Ordering::Greater
        } else {
            Ordering::Equal
        }),
    }
}

/// The shortest significant digits that parse back to the positive finite `value`, and the
/// exponent of the first (value ≈ d.ddd × 10^exponent). When two candidates of that length
/// both parse back, the nearer one; on an exact tie the upper one, as Rust's `{:e}` does, or
/// the even one with `ties_to_even` (Python's `repr`).
pub fn shortest_digits(value: f64, ties_to_even: bool) -> (String, i32) {
    if value == 0.0 {
        return ("0".to_string(), 0);
    }
    let (exact, exponent) = exact_digits(value);
    let text = |digits: &[u8], exponent: i32| {
        let (first, rest) = digits.split_at(1);
        format!(
            "{}.{}e{exponent}",
            first[0] as char,
            std::str::from_utf8(rest).unwrap_or("")
        )
    };
    let round_trips =
        |digits: &[u8], exponent: i32| parse_f64(&text(digits, exponent)) == Some(value);
    for length in 1..exact.len() {
        let (kept, rest) = exact.split_at(length);
        let down = kept.to_vec();
        let (mut up, mut up_exponent) = (down.clone(), exponent);
        increment(&mut up, &mut up_exponent);
        let (down_ok, up_ok) = (round_trips(&down, exponent), round_trips(&up, up_exponent));
        let pick_up = match (down_ok, up_ok) {
            (false, false) => continue,
            (true, false) => false,
            (false, true) => true,
            (true, true) => match rest_vs_half(rest) {
                Ordering::Less => false,
                Ordering::Greater => true,
                Ordering::Equal => !ties_to_even || (down[length - 1] - b'0') % 2 == 1,
            },
        };
        let (mut digits, exponent) = if pick_up {
            (up, up_exponent)
        } else {
            (down, exponent)
        };
        while digits.len() > 1 && digits.last() == Some(&b'0') {
            digits.pop();
        }
        return (String::from_utf8(digits).unwrap_or_default(), exponent);
    }
    (String::from_utf8(exact).unwrap_or_default(), exponent)
}

/// `format!("{value:.decimals$}")` for a finite `value`: the exact value rounded half to even.
pub fn fixed(value: f64, decimals: usize) -> String {
    let sign = if value.is_sign_negative() { "-" } else { "" };
    // The digits of round(|value| × 10^decimals), most significant first.
    let mut units: Vec<u8> = if value == 0.0 {
        vec![b'0']
    } else {
        let (exact, exponent) = exact_digits(value.abs());
        // Digits of the exact value before the rounding position.
        let whole = exponent as i64 + 1 + decimals as i64;
        if whole < 0 {
            vec![b'0']
        } else {
            let whole = whole as usize;
            let mut kept: Vec<u8> = exact.iter().copied().take(whole).collect();
            kept.resize(whole, b'0');
            let rest = exact.get(whole..).unwrap_or_default();
            let odd = kept.last().is_some_and(|d| (d - b'0') % 2 == 1);
            let up = match rest_vs_half(rest) {
                Ordering::Greater => true,
                Ordering::Equal => odd,
                Ordering::Less => false,
            };
            if kept.is_empty() {
                kept.push(b'0');
            }
            if up {
                let (length, mut carried) = (kept.len(), 0);
                increment(&mut kept, &mut carried);
                if carried == 1 {
                    // A carry out of the first digit: 99 -> 100.
                    kept.resize(length + 1, b'0');
                }
            }
            kept
        }
    };
    if units.len() <= decimals {
        let mut padded = vec![b'0'; decimals + 1 - units.len()];
        padded.append(&mut units);
        units = padded;
    }
    let point = units.len() - decimals;
    let (integer, fraction) = units.split_at(point);
    let integer = std::str::from_utf8(integer).unwrap_or("0");
    let fraction = std::str::from_utf8(fraction).unwrap_or("");
    if decimals == 0 {
        format!("{sign}{integer}")
    } else {
        format!("{sign}{integer}.{fraction}")
    }
}

/// A non-negative big integer: 32-bit limbs, least significant first, no zero limbs on top.
#[derive(Clone)]
struct Big(Vec<u32>);

impl Big {
    fn trim(&mut self) {
        while self.0.last() == Some(&0) {
            self.0.pop();
        }
    }

    /// `self /= divisor`, returning the remainder.
    fn div_small(&mut self, divisor: u32) -> u32 {
        let mut remainder = 0u64;
        for limb in self.0.iter_mut().rev() {
            let wide = (remainder << 32) | u64::from(*limb);
            *limb = (wide / u64::from(divisor)) as u32;
            remainder = wide % u64::from(divisor);
        }
        self.trim();
        remainder as u32
    }

    /// The decimal digits (ASCII), most significant first; `0` for zero.
    fn to_decimal(&self) -> Vec<u8> {
        let mut rest = self.clone();
        let mut chunks = Vec::new();
        while !rest.is_zero() {
            chunks.push(rest.div_small(1_000_000_000));
        }
        let mut out = chunks
            .pop()
            .map_or_else(|| "0".to_string(), |top| top.to_string());
        for chunk in chunks.iter().rev() {
            out.push_str(&format!("{chunk:09}"));
        }
        out.into_bytes()
    }

    fn from_digits(digits: &[u8]) -> Big {
        let mut big = Big(Vec::new());
        for &d in digits {
            big.mul_add(10, u32::from(d));
        }
        big
    }

    /// `self = self × factor + addend`.
    fn mul_add(&mut self, factor: u32, addend: u32) {
        let mut carry = u64::from(addend);
        for limb in &mut self.0 {
            let product = u64::from(*limb) * u64::from(factor) + carry;
            *limb = product as u32;
            carry = product >> 32;
        }
        if carry != 0 {
            self.0.push(carry as u32);
        }
    }

    fn mul_pow10(&mut self, mut exponent: u32) {
        while exponent >= 9 {
            self.mul_add(1_000_000_000, 0);
            exponent -= 9;
        }
        self.mul_add(10u32.pow(exponent), 0);
    }

    fn shift_left(&mut self, bits: u32) {
        let (limbs, bits) = ((bits / 32) as usize, bits % 32);
        if bits != 0 {
            let mut carry = 0;
            for limb in &mut self.0 {
                let wide = (u64::from(*limb) << bits) | carry;
                *limb = wide as u32;
                carry = wide >> 32;
            }
            if carry != 0 {
                self.0.push(carry as u32);
            }
        }
        self.0.splice(0..0, std::iter::repeat_n(0, limbs));
    }

    /// `self -= other`, for `other <= self`.
    fn subtract(&mut self, other: &Big) {
        let mut borrow = 0i64;
        for (i, limb) in self.0.iter_mut().enumerate() {
            let difference =
                i64::from(*limb) - i64::from(other.0.get(i).copied().unwrap_or(0)) - borrow;
            *limb = difference as u32;
            borrow = i64::from(difference < 0);
        }
        self.trim();
    }

    fn compare(&self, other: &Big) -> Ordering {
        self.0
            .len()
            .cmp(&other.0.len())
            .then_with(|| self.0.iter().rev().cmp(other.0.iter().rev()))
    }

    fn bit_len(&self) -> u32 {
        self.0
            .last()
            .map_or(0, |top| 32 * self.0.len() as u32 - top.leading_zeros())
    }

    fn is_zero(&self) -> bool {
        self.0.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn same(text: &str) {
        let ours = parse_f64(text).map(f64::to_bits);
        let std = text.parse::<f64>().ok().map(f64::to_bits);
        assert_eq!(ours, std, "{text:?}");
    }

    #[test]
    fn syntax_matches_the_standard_parser() {
        for text in [
            "",
            "+",
            "-",
            ".",
            "+.",
            "e",
            "e5",
            ".e5",
            "1e",
            "1e+",
            "1e-",
            "1.e5",
            ".5",
            "5.",
            "-.5",
            "+5.",
            "1e5",
            "1E5",
            "1e+5",
            "1e-5",
            "1e05",
            "+-1",
            "-+1",
            "--1",
            "1..2",
            "1.2.3",
            " 1",
            "1 ",
            "0x10",
            "1_0",
            "1,5",
            "inf",
            "INF",
            "+Infinity",
            "-infinity",
            "infinit",
            "infinityy",
            "nan",
            "-NaN",
            "+nan",
            "nan1",
            "in",
            "\u{661}",
            "1\u{661}",
            "0",
            "-0",
            "+0.0",
            "0e999999999999999999999",
            "1e-999999999999999999999",
            "00012.3400",
        ] {
            same(text);
        }
    }

    #[test]
    fn values_match_the_standard_parser_at_the_edges() {
        for text in [
            "9007199254740993",
            "9007199254740992.5",
            "9007199254740993.0000000000000000000000000001",
            "2.2250738585072011e-308",
            "2.2250738585072012e-308",
            "2.2250738585072014e-308",
            "4.9406564584124654e-324",
            "2.4703282292062328e-324",
            "2.4703282292062327e-324",
            "2.4703282292062327208828439643411068618252990130716238221279284125033775364e-324",
            "1e-324",
            "1e-325",
            "3e-324",
            "1.7976931348623157e308",
            "1.7976931348623158e308",
            "1.7976931348623159e308",
            "1e308",
            "1e309",
            "0.1",
            "0.30000000000000004",
            "123456789012345678901234567890",
            "1e23",
            "8.988465674311579e307",
            "89255.0e-22",
            "0.000001",
            "1.0e-5",
            "5e-324",
            "1448997445238699",
            "2.000000000000000111022302462515654042363166809082031250",
            "2.000000000000000111022302462515654042363166809082031251",
            "2.000000000000000111022302462515654042363166809082031249",
        ] {
            same(text);
        }
        // Halfway between 1 and the next double, with 900 digits: only the far tail decides.
        let tie = "1.0000000000000001110223024625156540423631668090820312500";
        same(tie);
        same(&format!("{tie}{}", "0".repeat(900)));
        same(&format!("{tie}{}1", "0".repeat(900)));
    }

    /// What the standard library prints: `{:e}` split into digits and exponent.
    fn std_shortest(value: f64) -> (String, i32) {
        let text = format!("{value:e}");
        let (mantissa, exponent) = text.split_once('e').expect("e");
        (
            mantissa.replace('.', ""),
            exponent.parse().expect("exponent"),
        )
    }

    fn doubles() -> impl Iterator<Item = f64> {
        let mut state: u64 = 0x2545_F491_4F6C_DD1D;
        let random = std::iter::repeat_with(move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            f64::from_bits(state % 0x7FF0_0000_0000_0000)
        });
        let special = [
            5e-324,
            f64::MIN_POSITIVE,
            f64::MAX,
            1.0,
            0.1,
            0.3,
            2.5,
            1e16,
            1e22,
            1e23,
            9007199254740993.0,
            2f64.powi(60),
            2f64.powi(-1022) * 3.0,
        ];
        let small_integers = (1..600).map(f64::from);
        let quarters = (0..600).map(|i| f64::from(i) / 8.0);
        special
            .into_iter()
            .chain(small_integers)
            .chain(quarters)
            .chain(random.take(800))
    }

    #[test]
    fn shortest_digits_match_rust_with_ties_up() {
        for value in doubles().filter(|v| *v > 0.0) {
            assert_eq!(
                shortest_digits(value, false),
                std_shortest(value),
                "{value:e}"
            );
        }
    }

    /// With ties to even, the only difference from `{:e}` is an exact tie between the two
    /// shortest candidates, where the upper one is odd.
    #[test]
    fn shortest_digits_ties_to_even_differ_only_on_ties() {
        for value in doubles().filter(|v| *v > 0.0).step_by(2) {
            let (even, e1) = shortest_digits(value, true);
            let (up, e2) = shortest_digits(value, false);
            if (even.as_str(), e1) != (up.as_str(), e2) {
                let exact = format!("{value:.800e}");
                let mantissa = exact.split_once('e').expect("e").0.replace('.', "");
                let mantissa = mantissa.trim_end_matches('0');
                let last = up.len() - 1;
                assert!(
                    mantissa.ends_with('5') && mantissa.len() == up.len() + 1,
                    "{value:e}"
                );
                assert_eq!(even[..last], mantissa[..last], "{value:e}");
            }
        }
        // 5e-324 is exactly 4.940656458412465441765687928682213723651e-324...: no tie.
        assert_eq!(shortest_digits(5e-324, true), ("5".to_string(), -324));
    }

    #[test]
    fn fixed_matches_format() {
        for value in doubles() {
            for decimals in [0, 1, 2, 5] {
                for v in [value, value * 100.0 / 3.0] {
                    if v.is_finite() {
                        assert_eq!(fixed(v, decimals), format!("{v:.decimals$}"), "{v:e}");
                    }
                }
            }
        }
        for v in [
            0.0, -0.0, 0.25, 0.75, 0.125, 2.5, 0.05, 9.95, 99.95, 0.5, 1.5, 999.999,
        ] {
            for decimals in [0, 1, 2] {
                assert_eq!(fixed(v, decimals), format!("{v:.decimals$}"), "{v}");
            }
        }
    }

    /// Random decimals of every length and scale, from a fixed-seed generator.
    #[test]
    fn random_values_match_the_standard_parser() {
        let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = move |n: u64| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state % n
        };
        for _ in 0..5_000 {
            let long = next(10) == 0;
            let len = 1 + next(if long { 60 } else { 20 }) as usize;
            let mut text = String::new();
            for i in 0..len {
                if i == next(len as u64 + 3) as usize {
                    text.push('.');
                }
                text.push(char::from(b'0' + next(10) as u8));
            }
            if next(2) == 0 {
                text.push_str(&format!("e{}", next(700) as i64 - 350));
            }
            same(&text);
        }
        // Doubles written out with every precision round-trip (and hit near-halfway cases).
        for _ in 0..2_000 {
            let value = f64::from_bits(next(0x7FF0_0000_0000_0000));
            for precision in [0, 1, 5, 15, 16, 17, 25] {
                same(&format!("{value:.precision$e}"));
            }
            same(&format!("{value}"));
        }
    }
}

//! Python's own renderings that the AWS CLI's messages embed (it is a Python program): the
//! `repr()` of a string, and `str.isprintable()`. Shared by the argument parser and the
//! parameter parser so the two word their messages alike.

/// Python's `repr()` of a `str`, as `%r` puts it in argparse messages.
pub fn repr_str(s: &str) -> String {
    let quote = if s.contains('\'') && !s.contains('"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(quote);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if is_printable(c) => out.push(c),
            c => {
                let code = u32::from(c);
                let escaped = if code <= 0xff {
                    format!("\\x{code:02x}")
                } else if code <= 0xffff {
                    format!("\\u{code:04x}")
                } else {
                    format!("\\U{code:08x}")
                };
                out.push_str(&escaped);
            }
        }
    }
    out.push(quote);
    out
}

/// `str.isprintable()` for one character: not in categories Cc, Cf, Co, Zs
/// (except space), Zl, Zp. Unassigned code points (Cn) are treated as
/// printable -- our simplification (no Unicode database in std).
pub fn is_printable(c: char) -> bool {
    if c == ' ' {
        return true;
    }
    if c.is_control() || c.is_whitespace() {
        return false;
    }
    let code = u32::from(c);
    const FORMAT_OR_PRIVATE: &[(u32, u32)] = &[
        (0x00AD, 0x00AD),
        (0x0600, 0x0605),
        (0x061C, 0x061C),
        (0x06DD, 0x06DD),
        (0x070F, 0x070F),
        (0x0890, 0x0891),
        (0x08E2, 0x08E2),
        (0x180E, 0x180E),
        (0x200B, 0x200F),
        (0x202A, 0x202E),
        (0x2060, 0x2064),
        (0x2066, 0x206F),
        (0xE000, 0xF8FF),
        (0xFEFF, 0xFEFF),
        (0xFFF9, 0xFFFB),
        (0x110BD, 0x110BD),
        (0x110CD, 0x110CD),
        (0x13430, 0x1343F),
        (0x1BCA0, 0x1BCA3),
        (0x1D173, 0x1D17A),
        (0xE0001, 0xE0001),
        (0xE0020, 0xE007F),
        (0xF0000, 0x10FFFF),
    ];
    !FORMAT_OR_PRIVATE
        .iter()
        .any(|&(low, high)| (low..=high).contains(&code))
}

/// Python's `repr(float)` (and `str(float)`): the shortest digits that read back as the same
/// double, the nearest to it, and on an exact tie the even one (CPython's `dtoa` mode 0); in
/// positional notation when the decimal exponent is in [-4, 16), otherwise as `d.ddde+XX`;
/// integral values keep `.0`. `nan`, `inf`, `-inf`, `-0.0` as Python prints them.
pub fn float_repr(f: f64) -> String {
    if f.is_nan() {
        return "nan".to_owned();
    }
    if f.is_infinite() {
        return if f > 0.0 { "inf" } else { "-inf" }.to_owned();
    }
    let sign = if f.is_sign_negative() { "-" } else { "" };
    if f == 0.0 {
        return format!("{sign}0.0");
    }
    let (digits, exponent) = shortest_digits(f.abs());
    let point = exponent + 1; // digits before the decimal point
    let len = i32::try_from(digits.len()).unwrap_or(i32::MAX);
    if !(-4 < point && point <= 16) {
        let (first, rest) = digits.split_at(1);
        let fraction = if rest.is_empty() {
            String::new()
        } else {
            format!(".{rest}")
        };
        let exp_sign = if exponent < 0 { '-' } else { '+' };
        return format!(
            "{sign}{first}{fraction}e{exp_sign}{:02}",
            exponent.unsigned_abs()
        );
    }
    if point <= 0 {
        let zeros = "0".repeat(point.unsigned_abs() as usize);
        format!("{sign}0.{zeros}{digits}")
    } else if point >= len {
        let zeros = "0".repeat((point - len) as usize);
        format!("{sign}{digits}{zeros}.0")
    } else {
        let (whole, fraction) = digits.split_at(point as usize);
        format!("{sign}{whole}.{fraction}")
    }
}

/// The shortest round-trip significant digits of a positive finite `f` (no leading or trailing
/// zeros) and the decimal exponent of the first. The digits are zmij's (Schubfach, the
/// formatter serde_json already links; its choice on ties is the even digit, as Python's), read
/// back from its text (`123.45`, `0.001`, `1e+16`, `5e-324`).
fn shortest_digits(f: f64) -> (String, i32) {
    let mut buffer = zmij::Buffer::new();
    let text = buffer.format_finite(f);
    let (mantissa, exponent) = match text.split_once('e') {
        Some((mantissa, exponent)) => (mantissa, exponent.parse::<i32>().unwrap_or(0)),
        None => (text, 0),
    };
    let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let all = format!("{whole}{fraction}");
    let leading = all.bytes().take_while(|&b| b == b'0').count();
    let digits = all[leading..].trim_end_matches('0').to_owned();
    let whole_len = i32::try_from(whole.len()).unwrap_or(0);
    let leading = i32::try_from(leading).unwrap_or(0);
    (digits, exponent + whole_len - 1 - leading)
}

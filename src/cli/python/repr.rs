//! Python's `repr()`, `str()`, `type()` and truth test of the values the CLI handles: strings
//! (as argparse's `%r` and botocore's messages quote them), floats (the shortest repr) and
//! decoded JSON values (as the output formatters and the parameter validator print them).

use serde_json::{Map, Number, Value};

/// How deep [`repr`] descends. Our choice: Python is bounded only by its recursion limit; 256 is
/// far beyond any AWS response or any value the parameter parsers accept (they stop at 100), and
/// it keeps our recursion bounded on hand-built values. Deeper containers print as `...`, as
/// Python prints a container that holds itself.
pub const MAX_DEPTH: usize = 256;

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
            c if super::is_printable(c) => out.push(c),
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

/// Python's `repr()` of a decoded JSON value, e.g. `{'name': 'web', 'ports': [80, 443]}`.
pub fn repr(value: &Value) -> String {
    let mut out = String::new();
    write_repr(value, 0, &mut out);
    out
}

/// Python's `str()` of a decoded JSON value: strings bare, everything else as its [`repr`].
pub fn str_of(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => repr(other),
    }
}

fn write_repr(value: &Value, depth: usize, out: &mut String) {
    if depth > MAX_DEPTH {
        out.push_str("...");
        return;
    }
    match value {
        Value::Null => out.push_str("None"),
        Value::Bool(true) => out.push_str("True"),
        Value::Bool(false) => out.push_str("False"),
        Value::Number(n) => out.push_str(&number_repr(n)),
        Value::String(s) => out.push_str(&repr_str(s)),
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                write_repr(item, depth + 1, out);
            }
            out.push(']');
        }
        Value::Object(map) => write_dict_repr(map, depth, out),
    }
}

fn write_dict_repr(map: &Map<String, Value>, depth: usize, out: &mut String) {
    out.push('{');
    for (i, (key, item)) in map.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        out.push_str(&repr_str(key));
        out.push_str(": ");
        write_repr(item, depth + 1, out);
    }
    out.push('}');
}

/// Python's `repr()`/`str()` of a JSON number: integers as they are, floats like `repr(float)`.
pub fn number_repr(n: &Number) -> String {
    if let Some(u) = n.as_u64() {
        u.to_string()
    } else if let Some(i) = n.as_i64() {
        i.to_string()
    } else {
        float_repr(n.as_f64().unwrap_or(f64::NAN))
    }
}

/// `type(value)` as botocore's validator prints it: `<class 'int'>`.
pub fn type_name(value: &Value) -> &'static str {
    match value {
        Value::Null => "<class 'NoneType'>",
        Value::Bool(_) => "<class 'bool'>",
        Value::Number(n) if n.is_f64() => "<class 'float'>",
        Value::Number(_) => "<class 'int'>",
        Value::String(_) => "<class 'str'>",
        Value::Array(_) => "<class 'list'>",
        Value::Object(_) => "<class 'dict'>",
    }
}

/// Python's truth test (`if not current:` in the table formatter): `None`, `False`, zero,
/// `""`, `[]` and `{}` are false.
pub fn is_truthy(value: &Value) -> bool {
    match value {
        Value::Null => false,
        Value::Bool(b) => *b,
        Value::Number(n) => match (n.as_u64(), n.as_i64(), n.as_f64()) {
            (Some(u), _, _) => u != 0,
            (_, Some(i), _) => i != 0,
            (_, _, Some(f)) => f != 0.0,
            _ => true,
        },
        Value::String(s) => !s.is_empty(),
        Value::Array(items) => !items.is_empty(),
        Value::Object(map) => !map.is_empty(),
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn python_reprs_match() {
        let floats = [
            (1.0, "1.0"),
            (0.1, "0.1"),
            (-2.5, "-2.5"),
            (1e16, "1e+16"),
            (1234567890123456.0, "1234567890123456.0"),
            (0.0001, "0.0001"),
            (0.00001, "1e-05"),
            (1.5e-7, "1.5e-07"),
            (1e22, "1e+22"),
            (123.456, "123.456"),
        ];
        for (number, expected) in floats {
            assert_eq!(float_repr(number), expected);
        }
        let strings = [
            ("abc", "'abc'"),
            ("it's", "\"it's\""),
            ("a'b\"c", "'a\\'b\"c'"),
            ("tab\there\n", "'tab\\there\\n'"),
            ("back\\slash", "'back\\\\slash'"),
            ("\u{7}\u{a0}\u{e9}", "'\\x07\\xa0\u{e9}'"),
        ];
        for (text, expected) in strings {
            assert_eq!(repr_str(text), expected);
        }
    }
}

//! Python's `int()` and `float()` of text, and the whitespace they strip (`str.isspace()`).

use serde_json::{Number, Value};

/// `str.isspace()`: Unicode whitespace plus the information separators U+001C..U+001F.
pub fn isspace(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)
}

pub fn strip(text: &str) -> &str {
    text.trim_matches(isspace)
}

pub fn rstrip(text: &str) -> &str {
    text.trim_end_matches(isspace)
}

/// `int(text)` in base 10: surrounding whitespace, a sign, digits with single underscores
/// between them. Integers beyond 64 bits become doubles, since serde_json holds no bigger
/// integer (our choice).
pub fn int(text: &str) -> Result<Value, String> {
    let error = || {
        let shown: String = super::repr_str(text).chars().take(200).collect();
        format!("invalid literal for int() with base 10: {shown}")
    };
    let stripped = strip(text);
    let (negative, digits) = split_sign(stripped);
    if !is_digit_groups(digits) {
        return Err(error());
    }
    let mut clean: String = digits.chars().filter(|c| *c != '_').collect();
    if negative {
        clean.insert(0, '-');
    }
    if let Ok(small) = clean.parse::<i64>() {
        return Ok(Value::from(small));
    }
    if let Ok(large) = clean.parse::<u64>() {
        return Ok(Value::from(large));
    }
    crate::float::parse_f64(&clean)
        .map(json_float)
        .ok_or_else(error)
}

/// `float(text)`: decimal literals with optional underscores between digits, `inf`,
/// `infinity` and `nan` in any case. Results JSON cannot hold (infinities, NaN) become `null`
/// (our choice; the real CLI would send them on and the service would reject the request).
pub fn float(text: &str) -> Result<Value, String> {
    let error = || {
        format!(
            "could not convert string to float: {}",
            super::repr_str(text)
        )
    };
    let stripped = strip(text);
    let (negative, body) = split_sign(stripped);
    let magnitude = match body.to_ascii_lowercase().as_str() {
        "inf" | "infinity" => f64::INFINITY,
        "nan" => f64::NAN,
        _ if is_float_literal(body) => {
            let clean: String = body.chars().filter(|c| *c != '_').collect();
            crate::float::parse_f64(&clean).ok_or_else(error)?
        }
        _ => return Err(error()),
    };
    Ok(json_float(if negative { -magnitude } else { magnitude }))
}

pub fn json_float(number: f64) -> Value {
    Number::from_f64(number).map_or(Value::Null, Value::Number)
}

fn split_sign(text: &str) -> (bool, &str) {
    match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text.strip_prefix('+').unwrap_or(text)),
    }
}

/// One or more ASCII digits, with single underscores allowed between digits.
fn is_digit_groups(text: &str) -> bool {
    let mut cursor = 0;
    digit_run(text.as_bytes(), &mut cursor) > 0 && cursor == text.len()
}

/// Advances over a run of digits (with single underscores between digits) and returns how many
/// digits it read.
fn digit_run(bytes: &[u8], cursor: &mut usize) -> usize {
    let mut digits = 0;
    while let Some(&b) = bytes.get(*cursor) {
        if b.is_ascii_digit() {
            digits += 1;
            *cursor += 1;
        } else if b == b'_' && digits > 0 && bytes.get(*cursor + 1).is_some_and(u8::is_ascii_digit)
        {
            *cursor += 1;
        } else {
            break;
        }
    }
    digits
}

/// The decimal part of Python's float grammar: `digits [. [digits]] [exponent]` or
/// `. digits [exponent]`.
fn is_float_literal(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut cursor = 0;
    let mut digits = digit_run(bytes, &mut cursor);
    if bytes.get(cursor) == Some(&b'.') {
        cursor += 1;
        digits += digit_run(bytes, &mut cursor);
    }
    if digits == 0 {
        return false;
    }
    if matches!(bytes.get(cursor), Some(b'e' | b'E')) {
        cursor += 1;
        if matches!(bytes.get(cursor), Some(b'+' | b'-')) {
            cursor += 1;
        }
        if digit_run(bytes, &mut cursor) == 0 {
            return false;
        }
    }
    cursor == bytes.len()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn python_number_parsing_matches() {
        let ints = [
            ("42", Ok(json!(42))),
            (" +7 ", Ok(json!(7))),
            ("1_000", Ok(json!(1000))),
        ];
        for (text, expected) in ints {
            assert_eq!(int(text), expected);
        }
        for bad in ["", "1.0", "_1", "1_", "1__0", "0x10", "- 1", "١"] {
            assert_eq!(
                int(bad),
                Err(format!(
                    "invalid literal for int() with base 10: {}",
                    super::super::repr_str(bad)
                ))
            );
        }
        let long = "x".repeat(300);
        let truncated: String = format!("'{long}'").chars().take(200).collect();
        assert_eq!(
            int(&long),
            Err(format!(
                "invalid literal for int() with base 10: {truncated}"
            ))
        );
        let floats = [
            ("1.5", json!(1.5)),
            (".5", json!(0.5)),
            ("5.", json!(5.0)),
            ("-1e-2", json!(-0.01)),
            ("1_0.2_5", json!(10.25)),
            ("inf", Value::Null),
        ];
        for (text, expected) in floats {
            assert_eq!(float(text), Ok(expected), "{text:?}");
        }
        for bad in ["", ".", "e5", "1e", "1._5", "abc", "1.5.2"] {
            assert!(float(bad).is_err(), "{bad:?}");
        }
    }
}

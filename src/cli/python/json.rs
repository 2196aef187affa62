//! CPython's `json.loads` (the C scanner), for its exact error texts and positions: the AWS CLI
//! decodes JSON parameter values with it, and learners see `Expecting value: line 1 column 5
//! (char 4)` when they mistype one.

/// How deeply JSON values may nest. CPython stops at its recursion limit (about a thousand
/// frames); we stop far earlier so hostile input cannot exhaust a 1 MiB wasm stack and so every
/// value we produce re-parses under serde_json's own limit of 128 (our choice).
pub const MAX_NESTING: usize = 100;

use super::number::json_float;
use serde_json::{Map, Value};

pub enum JsonError {
    /// A `JSONDecodeError`: `<message>: line L column C (char P)`.
    Decode(String),
    /// A `RecursionError`, which the CLI does not catch.
    Recursion(String),
}

/// How one scan failed: `StopIteration(pos)` (no value starts there; reported as
/// `Expecting value` by the caller at the top) or a finished error.
enum Scan {
    Stop(usize),
    Fail(JsonError),
}

type Scanned = Result<(Value, usize), Scan>;

/// `json.loads(text, object_pairs_hook=OrderedDict)`: a repeated key keeps its first
/// place and takes its last value, as `OrderedDict(pairs)` does.
pub fn loads(text: &str) -> Result<Value, JsonError> {
    let decoder = Decoder {
        chars: text.chars().collect(),
    };
    let start = decoder.skip_whitespace(0);
    let (value, end) = match decoder.scan_once(start, 0) {
        Ok(found) => found,
        Err(Scan::Stop(position)) => return Err(decoder.error("Expecting value", position)),
        Err(Scan::Fail(error)) => return Err(error),
    };
    let end = decoder.skip_whitespace(end);
    if end != decoder.chars.len() {
        return Err(decoder.error("Extra data", end));
    }
    Ok(value)
}

struct Decoder {
    chars: Vec<char>,
}

impl Decoder {
    fn at(&self, position: usize) -> Option<char> {
        self.chars.get(position).copied()
    }

    fn is_digit_at(&self, position: usize) -> bool {
        self.at(position).is_some_and(|c| c.is_ascii_digit())
    }

    fn skip_whitespace(&self, mut position: usize) -> usize {
        while matches!(self.at(position), Some(' ' | '\t' | '\n' | '\r')) {
            position += 1;
        }
        position
    }

    fn error(&self, message: &str, position: usize) -> JsonError {
        let before = self.chars.get(..position).unwrap_or(&self.chars);
        let line = before.iter().filter(|&&c| c == '\n').count() + 1;
        let column = match before.iter().rposition(|&c| c == '\n') {
            Some(newline) => position - newline,
            None => position + 1,
        };
        JsonError::Decode(format!(
            "{message}: line {line} column {column} (char {position})"
        ))
    }

    fn fail(&self, message: &str, position: usize) -> Scan {
        Scan::Fail(self.error(message, position))
    }

    fn has_literal(&self, position: usize, literal: &str) -> bool {
        literal
            .chars()
            .enumerate()
            .all(|(offset, c)| self.at(position + offset) == Some(c))
    }

    fn scan_once(&self, position: usize, depth: usize) -> Scanned {
        let Some(first) = self.at(position) else {
            return Err(Scan::Stop(position));
        };
        let constants: [(char, &str, Value); 6] = [
            ('n', "null", Value::Null),
            ('t', "true", Value::Bool(true)),
            ('f', "false", Value::Bool(false)),
            ('N', "NaN", Value::Null),
            ('I', "Infinity", Value::Null),
            ('-', "-Infinity", Value::Null),
        ];
        match first {
            '"' => self
                .scan_string(position + 1)
                .map(|(text, end)| (Value::String(text), end)),
            '{' | '[' if depth >= MAX_NESTING => {
                let kind = if first == '{' { "object" } else { "array" };
                Err(Scan::Fail(JsonError::Recursion(format!(
                    "maximum recursion depth exceeded while decoding a JSON {kind} from a unicode string"
                ))))
            }
            '{' => self.parse_object(position + 1, depth + 1),
            '[' => self.parse_array(position + 1, depth + 1),
            _ => {
                for (lead, literal, value) in constants {
                    if first == lead && self.has_literal(position, literal) {
                        return Ok((value, position + literal.chars().count()));
                    }
                }
                self.match_number(position)
            }
        }
    }

    fn parse_object(&self, mut position: usize, depth: usize) -> Scanned {
        let mut object = Map::new();
        position = self.skip_whitespace(position);
        if self.at(position) != Some('}') {
            loop {
                if self.at(position) != Some('"') {
                    return Err(self.fail(
                        "Expecting property name enclosed in double quotes",
                        position,
                    ));
                }
                let (key, after_key) = self.scan_string(position + 1)?;
                position = self.skip_whitespace(after_key);
                if self.at(position) != Some(':') {
                    return Err(self.fail("Expecting ':' delimiter", position));
                }
                position = self.skip_whitespace(position + 1);
                let (value, after_value) = self.scan_once(position, depth)?;
                object.insert(key, value);
                position = self.skip_whitespace(after_value);
                if self.at(position) == Some('}') {
                    break;
                }
                if self.at(position) != Some(',') {
                    return Err(self.fail("Expecting ',' delimiter", position));
                }
                let comma = position;
                position = self.skip_whitespace(position + 1);
                if self.at(position) == Some('}') {
                    return Err(self.fail("Illegal trailing comma before end of object", comma));
                }
            }
        }
        Ok((Value::Object(object), position + 1))
    }

    fn parse_array(&self, mut position: usize, depth: usize) -> Scanned {
        let mut items = Vec::new();
        position = self.skip_whitespace(position);
        if self.at(position) != Some(']') {
            loop {
                let (value, after_value) = self.scan_once(position, depth)?;
                items.push(value);
                position = self.skip_whitespace(after_value);
                if self.at(position) == Some(']') {
                    break;
                }
                if self.at(position) != Some(',') {
                    return Err(self.fail("Expecting ',' delimiter", position));
                }
                let comma = position;
                position = self.skip_whitespace(position + 1);
                if self.at(position) == Some(']') {
                    return Err(self.fail("Illegal trailing comma before end of array", comma));
                }
            }
        }
        Ok((Value::Array(items), position + 1))
    }

    /// `scanstring_unicode` with `strict=True`; `start` is just after the opening quote.
    fn scan_string(&self, start: usize) -> Result<(String, usize), Scan> {
        let begin = start - 1;
        let mut text = String::new();
        let mut end = start;
        loop {
            let mut next = end;
            let mut stop = None;
            while let Some(c) = self.at(next) {
                if c == '"' || c == '\\' {
                    stop = Some(c);
                    break;
                }
                if u32::from(c) <= 0x1f {
                    return Err(self.fail("Invalid control character at", next));
                }
                next += 1;
            }
            let Some(stop) = stop else {
                return Err(self.fail("Unterminated string starting at", begin));
            };
            text.extend(self.chars.get(end..next).unwrap_or_default());
            next += 1;
            if stop == '"' {
                return Ok((text, next));
            }
            let Some(escape) = self.at(next) else {
                return Err(self.fail("Unterminated string starting at", begin));
            };
            if escape == 'u' {
                let (decoded, after) = self.unicode_escape(next + 1)?;
                text.push(decoded);
                end = after;
            } else {
                end = next + 1;
                let decoded = match escape {
                    '"' | '\\' | '/' => escape,
                    'b' => '\u{8}',
                    'f' => '\u{c}',
                    'n' => '\n',
                    'r' => '\r',
                    't' => '\t',
                    _ => return Err(self.fail("Invalid \\escape", end - 2)),
                };
                text.push(decoded);
            }
        }
    }

    /// The `\uXXXX` escape whose hex digits start at `digits`, joined with a following
    /// low surrogate escape when it is a high surrogate. Lone surrogates, which a Rust
    /// string cannot hold, become U+FFFD (our choice).
    fn unicode_escape(&self, digits: usize) -> Result<(char, usize), Scan> {
        let mut end = digits + 4;
        if end >= self.chars.len() {
            return Err(self.fail("Invalid \\uXXXX escape", digits - 1));
        }
        let mut code = self.hex4(digits, end)?;
        if (0xD800..=0xDBFF).contains(&code)
            && end + 6 < self.chars.len()
            && self.at(end) == Some('\\')
            && self.at(end + 1) == Some('u')
        {
            let low = self.hex4(end + 2, end + 6)?;
            if (0xDC00..=0xDFFF).contains(&low) {
                code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
                end += 6;
            }
        }
        Ok((char::from_u32(code).unwrap_or('\u{FFFD}'), end))
    }

    fn hex4(&self, start: usize, end: usize) -> Result<u32, Scan> {
        let mut code = 0;
        for position in start..end {
            let digit = self.at(position).and_then(|c| c.to_digit(16));
            match digit {
                Some(value) => code = (code << 4) | value,
                None => return Err(self.fail("Invalid \\uXXXX escape", end - 5)),
            }
        }
        Ok(code)
    }

    /// `_match_number_unicode`: JSON's number grammar; anything else is `StopIteration`.
    fn match_number(&self, start: usize) -> Scanned {
        let length = self.chars.len();
        let mut position = start;
        if self.at(position) == Some('-') {
            position += 1;
            if position >= length {
                return Err(Scan::Stop(start));
            }
        }
        match self.at(position) {
            Some('1'..='9') => {
                position += 1;
                while self.is_digit_at(position) {
                    position += 1;
                }
            }
            Some('0') => position += 1,
            _ => return Err(Scan::Stop(start)),
        }
        let mut is_float = false;
        if position + 1 < length && self.at(position) == Some('.') && self.is_digit_at(position + 1)
        {
            is_float = true;
            position += 2;
            while self.is_digit_at(position) {
                position += 1;
            }
        }
        if position + 1 < length && matches!(self.at(position), Some('e' | 'E')) {
            let exponent_start = position;
            position += 1;
            if position + 1 < length && matches!(self.at(position), Some('-' | '+')) {
                position += 1;
            }
            while self.is_digit_at(position) {
                position += 1;
            }
            if self.is_digit_at(position - 1) {
                is_float = true;
            } else {
                position = exponent_start;
            }
        }
        let literal: String = self
            .chars
            .get(start..position)
            .unwrap_or_default()
            .iter()
            .collect();
        Ok((number_value(&literal, is_float), position))
    }
}

/// Integers beyond 64 bits and non-finite floats have no exact serde_json form: they
/// become a double and `null` respectively (our choice).
fn number_value(literal: &str, is_float: bool) -> Value {
    if !is_float {
        if let Ok(small) = literal.parse::<i64>() {
            return Value::from(small);
        }
        if let Ok(large) = literal.parse::<u64>() {
            return Value::from(large);
        }
    }
    crate::float::parse_f64(literal).map_or(Value::Null, json_float)
}

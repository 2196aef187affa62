//! The shorthand syntax (`Name=a,Values=b,c`, `key={a=1}`, `key=[a,b]`): awscli's
//! `ShorthandParser`, then its `BackCompatVisitor` that converts the parsed strings as the model
//! says.

use super::{Fault, MAX_NESTING};
use crate::cli::python;
use crate::cli::shape::{Member, Shape};
use serde_json::{Map, Value};
use std::collections::HashMap;

// ---------------------------------------------------------------------------------------------
// shorthand.ShorthandParser
// ---------------------------------------------------------------------------------------------

/// The purely syntactic result of the shorthand grammar: every scalar is still a string.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum ShorthandValue {
    Str(String),
    List(Vec<ShorthandValue>),
    /// Keys in the order written.
    Map(Vec<(String, ShorthandValue)>),
}

impl ShorthandValue {
    /// The JSON of a value the visitor leaves untouched.
    pub(super) fn into_json(self) -> Value {
        match self {
            ShorthandValue::Str(text) => Value::String(text),
            ShorthandValue::List(items) => {
                Value::Array(items.into_iter().map(Self::into_json).collect())
            }
            ShorthandValue::Map(pairs) => Value::Object(
                pairs
                    .into_iter()
                    .map(|(key, value)| (key, value.into_json()))
                    .collect(),
            ),
        }
    }

    /// Python's name for the type, as used in `TypeError`/`AttributeError` texts.
    fn py_type(&self) -> &'static str {
        match self {
            ShorthandValue::Str(_) => "str",
            ShorthandValue::List(_) => "list",
            ShorthandValue::Map(_) => "dict",
        }
    }
}

/// The keys of one shorthand object in the order written, behaving as a Python dict: setting a
/// key again keeps its place and replaces its value. The index only speeds up lookups.
#[derive(Default)]
pub(super) struct Pairs {
    pairs: Vec<(String, ShorthandValue)>,
    positions: HashMap<String, usize>,
}

impl Pairs {
    fn contains(&self, key: &str) -> bool {
        self.positions.contains_key(key)
    }

    fn set(&mut self, key: String, value: ShorthandValue) {
        let existing = self.positions.get(&key).copied();
        match existing.and_then(|position| self.pairs.get_mut(position)) {
            Some(pair) => pair.1 = value,
            None => {
                self.positions.insert(key.clone(), self.pairs.len());
                self.pairs.push((key, value));
            }
        }
    }
}

#[derive(Debug)]
pub(super) enum ShorthandError {
    /// `ShorthandParseSyntaxError`, the only error the csv-list backtracking recovers from.
    Syntax {
        expected: String,
        actual: String,
        index: usize,
    },
    /// `DuplicateKeyInObjectError` (top level only).
    DuplicateKey { key: String, index: usize },
    /// Not a shorthand error at all (recursion, `@=` file loading).
    Other(Fault),
}

/// Parses `key=value,...` into its keys and values; errors come back as the CLI words them.
pub(super) fn parse_shorthand(text: &str) -> Result<Vec<(String, ShorthandValue)>, Fault> {
    let mut parser = ShorthandParser::new(text);
    parser.parameter().map_err(|error| parser.describe(error))
}

pub(super) struct ShorthandParser {
    /// The value as code points, because the CLI's carets count code points.
    input: Vec<char>,
    index: usize,
    /// Set by `key@=`: values of that key are `file://` references to load.
    resolve_paramfiles: bool,
    depth: usize,
}

/// Which regular expression of the grammar a bare value is matched with.
#[derive(Clone, Copy)]
pub(super) enum Word {
    /// `_FIRST_VALUE`: the first (or only) value; may contain `=`, ends at `,` `]` `}`.
    First,
    /// `_SECOND_VALUE`: later csv values; end at `,` and `=` so `a=b,c=d` splits into pairs.
    Second,
}

impl ShorthandParser {
    fn new(text: &str) -> Self {
        ShorthandParser {
            input: text.chars().collect(),
            index: 0,
            resolve_paramfiles: false,
            depth: 0,
        }
    }

    /// The CLI's texts for shorthand errors. Releases from August 2024 until aws/aws-cli#10468
    /// (July 2026) printed a literal `{self._error_location()}` in place of the value and caret
    /// (a missing f-string prefix); we print the intended, fixed form.
    fn describe(&self, error: ShorthandError) -> Fault {
        match error {
            ShorthandError::Syntax {
                expected,
                actual,
                index,
            } => Fault::Param(format!(
                "Expected: '{expected}', received: '{actual}' for input:\n{}",
                error_location(&self.input, index)
            )),
            ShorthandError::DuplicateKey { key, index } => Fault::Param(format!(
                "Second instance of key \"{key}\" encountered for input:\n{}\n\
                 This is often because there is a preceding \",\" instead of a space.",
                error_location(&self.input, index)
            )),
            ShorthandError::Other(fault) => fault,
        }
    }

    // parameter = keyval *("," keyval)
    fn parameter(&mut self) -> Result<Vec<(String, ShorthandValue)>, ShorthandError> {
        let mut params = Pairs::default();
        let (key, value) = self.keyval()?;
        params.set(key, value);
        let mut last_index = self.index;
        while !self.at_eof() {
            self.expect(',', true)?;
            let (key, value) = self.keyval()?;
            if params.contains(&key) {
                return Err(ShorthandError::DuplicateKey {
                    key,
                    index: last_index + 1,
                });
            }
            params.set(key, value);
            last_index = self.index;
        }
        Ok(params.pairs)
    }

    // keyval = key "=" [values] / key "@=" [file-optional-values]
    fn keyval(&mut self) -> Result<(String, ShorthandValue), ShorthandError> {
        let key = self.key();
        self.resolve_paramfiles = self.accept_at_sign();
        self.expect('=', true)?;
        Ok((key, self.values()?))
    }

    /// The CLI probes for `@` with `_expect('@', consume_whitespace=True)`, which consumes the
    /// whitespace before it even when there is no `@`.
    fn accept_at_sign(&mut self) -> bool {
        self.consume_whitespace();
        if self.current() == Some('@') {
            self.index += 1;
            self.consume_whitespace();
            true
        } else {
            false
        }
    }

    // key = 1*(alpha / digit / "-" / "_" / "." / "#" / "/" / ":")
    fn key(&mut self) -> String {
        let start = self.index;
        while self
            .current()
            .is_some_and(|c| c.is_ascii_alphanumeric() || "-_.#/:".contains(c))
        {
            self.index += 1;
        }
        self.text(start, self.index)
    }

    // values = csv-list / explicit-list / hash-literal
    fn values(&mut self) -> Result<ShorthandValue, ShorthandError> {
        match self.current() {
            None => Ok(ShorthandValue::Str(String::new())),
            Some('[') => self.explicit_list(),
            Some('{') => self.hash_literal(),
            Some(_) => self.csv_value(),
        }
    }

    /// `foo=bar` gives `bar`; `foo=bar,baz` gives `[bar, baz]`. A later item that turns out to
    /// be the next key (`a=b,c=d`) fails to parse, and the parser backtracks to the comma.
    fn csv_value(&mut self) -> Result<ShorthandValue, ShorthandError> {
        let first = self.first_value()?;
        self.consume_whitespace();
        if self.current() != Some(',') {
            return Ok(first);
        }
        self.expect(',', true)?;
        let mut rest = Vec::new();
        loop {
            match self.csv_item() {
                Ok((item, at_end)) => {
                    rest.push(item);
                    if at_end {
                        break;
                    }
                }
                Err(ShorthandError::Syntax { .. }) if !self.at_eof() => {
                    self.backtrack_to(',');
                    break;
                }
                Err(error) => return Err(error),
            }
        }
        if rest.is_empty() {
            return Ok(first);
        }
        rest.insert(0, first);
        Ok(ShorthandValue::List(rest))
    }

    /// One later csv item and the comma after it; `true` when the input ends after it.
    fn csv_item(&mut self) -> Result<(ShorthandValue, bool), ShorthandError> {
        let item = self.second_value()?;
        self.consume_whitespace();
        if self.at_eof() {
            return Ok((item, true));
        }
        self.expect(',', true)?;
        Ok((item, false))
    }

    fn backtrack_to(&mut self, wanted: char) {
        while self.index > 0 && self.input.get(self.index) != Some(&wanted) {
            self.index -= 1;
        }
    }

    // explicit-list = "[" [value *("," value)] "]"
    fn explicit_list(&mut self) -> Result<ShorthandValue, ShorthandError> {
        self.enter()?;
        self.expect('[', true)?;
        let mut values = Vec::new();
        while self.current() != Some(']') {
            values.push(self.explicit_value()?);
            self.consume_whitespace();
            if self.current() != Some(']') {
                self.expect(',', false)?;
                self.consume_whitespace();
            }
        }
        self.expect(']', false)?;
        self.depth -= 1;
        Ok(ShorthandValue::List(values))
    }

    // hash-literal = "{" key "=" value *("," key "=" value) "}"
    fn hash_literal(&mut self) -> Result<ShorthandValue, ShorthandError> {
        self.enter()?;
        self.expect('{', true)?;
        let mut pairs = Pairs::default();
        while self.current() != Some('}') {
            let key = self.key();
            self.resolve_paramfiles = self.accept_at_sign();
            self.expect('=', true)?;
            let value = self.explicit_value()?;
            self.consume_whitespace();
            if self.current() != Some('}') {
                self.expect(',', false)?;
                self.consume_whitespace();
            }
            pairs.set(key, value);
        }
        self.expect('}', false)?;
        self.depth -= 1;
        Ok(ShorthandValue::Map(pairs.pairs))
    }

    fn enter(&mut self) -> Result<(), ShorthandError> {
        self.depth += 1;
        if self.depth > MAX_NESTING {
            return Err(ShorthandError::Other(Fault::General(
                "maximum recursion depth exceeded".to_string(),
            )));
        }
        Ok(())
    }

    fn explicit_value(&mut self) -> Result<ShorthandValue, ShorthandError> {
        match self.current() {
            Some('[') => self.explicit_list(),
            Some('{') => self.hash_literal(),
            _ => self.first_value(),
        }
    }

    // first-value = value / single-quoted-val / double-quoted-val
    fn first_value(&mut self) -> Result<ShorthandValue, ShorthandError> {
        match self.current() {
            Some(quote @ ('\'' | '"')) => self.quoted_value(quote),
            _ => match self.scan_word(Word::First) {
                Some(end) => self.bare_value(end),
                // No match: an empty value, nothing consumed, no file resolution.
                None => Ok(ShorthandValue::Str(String::new())),
            },
        }
    }

    fn second_value(&mut self) -> Result<ShorthandValue, ShorthandError> {
        match self.current() {
            Some(quote @ ('\'' | '"')) => self.quoted_value(quote),
            _ => match self.scan_word(Word::Second) {
                Some(end) => self.bare_value(end),
                None => Err(self.no_match("<second>")),
            },
        }
    }

    /// Takes the matched word up to `end`, unescapes `\,` and drops trailing whitespace.
    fn bare_value(&mut self, end: usize) -> Result<ShorthandValue, ShorthandError> {
        let raw = self.text(self.index, end);
        self.index = end;
        let value = python::rstrip(&raw.replace("\\,", ",")).to_string();
        self.resolve(value)
    }

    fn quoted_value(&mut self, quote: char) -> Result<ShorthandValue, ShorthandError> {
        let Some(closing) = self.scan_quoted(quote) else {
            let name = if quote == '\'' {
                "<singled quoted>"
            } else {
                "<double quoted>"
            };
            return Err(self.no_match(name));
        };
        let body = self.text(self.index + 1, closing);
        self.index = closing + 1;
        let value = body
            .replace(&format!("\\{quote}"), &quote.to_string())
            .replace("\\\\", "\\");
        self.resolve(value)
    }

    /// `key@=file://...` asks the CLI to read a local file. This sandbox reads no files from
    /// inside shorthand, so such a value fails the way an unreadable file does (our choice);
    /// values without a `file://`/`fileb://` prefix pass through as the CLI passes them.
    fn resolve(&self, value: String) -> Result<ShorthandValue, ShorthandError> {
        if self.resolve_paramfiles
            && (value.starts_with("file://") || value.starts_with("fileb://"))
        {
            return Err(ShorthandError::Other(Fault::General(format!(
                "Unable to load paramfile {value}: files cannot be read from shorthand (@=) in this sandbox"
            ))));
        }
        Ok(ShorthandValue::Str(value))
    }

    /// The end of the quoted string starting at the cursor, as the CLI's regular expression
    /// `'(?:\\'|[^'])*'` finds it: `\'` counts as an escaped quote, but if no unescaped quote
    /// follows, the engine backtracks and the quote of the last `\'` closes the string.
    fn scan_quoted(&self, quote: char) -> Option<usize> {
        let mut position = self.index + 1;
        let mut last_escaped = None;
        while let Some(&c) = self.input.get(position) {
            if c == '\\' && self.input.get(position + 1) == Some(&quote) {
                last_escaped = Some(position + 1);
                position += 2;
            } else if c == quote {
                return Some(position);
            } else {
                position += 1;
            }
        }
        last_escaped
    }

    /// The end of the bare word at the cursor, or `None` if its first character cannot start one.
    fn scan_word(&self, word: Word) -> Option<usize> {
        let follows: fn(char) -> bool = match word {
            Word::First => is_first_follow,
            Word::Second => is_second_follow,
        };
        let mut end = self.word_unit(self.index, is_word_start)?;
        while let Some(next) = self.word_unit(end, follows) {
            end = next;
        }
        Some(end)
    }

    /// One unit of a word: an escaped comma `\,` or one character of the class.
    fn word_unit(&self, position: usize, class: fn(char) -> bool) -> Option<usize> {
        let c = *self.input.get(position)?;
        if c == '\\' && self.input.get(position + 1) == Some(&',') {
            Some(position + 2)
        } else if class(c) {
            Some(position + 1)
        } else {
            None
        }
    }

    fn no_match(&self, name: &str) -> ShorthandError {
        ShorthandError::Syntax {
            expected: name.to_string(),
            actual: "<none>".to_string(),
            index: self.index,
        }
    }

    fn expect(&mut self, wanted: char, consume_whitespace: bool) -> Result<(), ShorthandError> {
        if consume_whitespace {
            self.consume_whitespace();
        }
        let actual = match self.current() {
            Some(c) if c == wanted => {
                self.index += 1;
                if consume_whitespace {
                    self.consume_whitespace();
                }
                return Ok(());
            }
            Some(c) => c.to_string(),
            None => "EOF".to_string(),
        };
        Err(ShorthandError::Syntax {
            expected: wanted.to_string(),
            actual,
            index: self.index,
        })
    }

    /// `string.whitespace`: ASCII only, unlike the value regexes' `\s`.
    fn consume_whitespace(&mut self) {
        while self
            .current()
            .is_some_and(|c| matches!(c, ' ' | '\t' | '\n' | '\r' | '\u{0b}' | '\u{0c}'))
        {
            self.index += 1;
        }
    }

    fn current(&self) -> Option<char> {
        self.input.get(self.index).copied()
    }

    fn at_eof(&self) -> bool {
        self.index >= self.input.len()
    }

    fn text(&self, start: usize, end: usize) -> String {
        self.input
            .get(start..end)
            .map(|chars| chars.iter().collect())
            .unwrap_or_default()
    }
}

/// The value, then a caret under the offending column on its own line (columns count from the
/// last newline before the error; text after the next newline follows the caret line).
pub(super) fn error_location(input: &[char], index: usize) -> String {
    let split = index.min(input.len());
    let (before, after) = input.split_at(split);
    let spaces = match before.iter().rposition(|&c| c == '\n') {
        Some(newline) => index - newline - 1,
        None => index,
    };
    let (consumed, remaining) = match after.iter().position(|&c| c == '\n') {
        Some(offset) => input.split_at(split + offset),
        None => (input, &[][..]),
    };
    let consumed: String = consumed.iter().collect();
    let remaining: String = remaining.iter().collect();
    format!("{consumed}\n{}^{remaining}", " ".repeat(spaces))
}

/// `_START_WORD`: any character but whitespace, controls, `"` `'` `,` `=` `[` `{`, or one
/// beyond U+FFFF.
pub(super) fn is_word_start(c: char) -> bool {
    let n = u32::from(c);
    n == 0x21
        || (0x23..=0x26).contains(&n)
        || (0x28..=0x2B).contains(&n)
        || (0x2D..=0x3C).contains(&n)
        || (0x3E..=0x5A).contains(&n)
        || (0x5C..=0x7A).contains(&n)
        || (0x7C..=0xFFFF).contains(&n)
}

/// `_FIRST_FOLLOW_CHARS`: whitespace and everything but controls, `"` `'` `,` `]` `}`.
pub(super) fn is_first_follow(c: char) -> bool {
    let n = u32::from(c);
    python::isspace(c)
        || n == 0x21
        || (0x23..=0x26).contains(&n)
        || (0x28..=0x2B).contains(&n)
        || (0x2D..=0x5C).contains(&n)
        || (0x5E..=0x7C).contains(&n)
        || (0x7E..=0xFFFF).contains(&n)
}

/// `_SECOND_FOLLOW_CHARS`: whitespace and everything but controls, `"` `'` `,` `=`.
pub(super) fn is_second_follow(c: char) -> bool {
    let n = u32::from(c);
    python::isspace(c)
        || n == 0x21
        || (0x23..=0x26).contains(&n)
        || (0x28..=0x2B).contains(&n)
        || (0x2D..=0x3C).contains(&n)
        || (0x3E..=0xFFFF).contains(&n)
}

// ---------------------------------------------------------------------------------------------
// shorthand.BackCompatVisitor: model-driven conversion of the parsed strings
// ---------------------------------------------------------------------------------------------

pub(super) fn visit(shape: &Shape, value: ShorthandValue) -> Result<Value, Fault> {
    match shape {
        Shape::Structure(members) => visit_structure(members, value),
        Shape::List(member) => match value {
            ShorthandValue::List(items) => items
                .into_iter()
                .map(|item| visit(member, item))
                .collect::<Result<Vec<_>, _>>()
                .map(Value::Array),
            // `foo=bar` for a list becomes `[bar]`, without converting `bar`.
            other => Ok(Value::Array(vec![other.into_json()])),
        },
        Shape::Map(value_shape) => match value {
            ShorthandValue::Map(pairs) => {
                let mut object = Map::new();
                for (key, item) in pairs {
                    object.insert(key, visit(value_shape, item)?);
                }
                Ok(Value::Object(object))
            }
            other => Ok(other.into_json()),
        },
        scalar => visit_scalar(scalar, value),
    }
}

/// One entry of a structure while its known members are converted.
pub(super) enum Slot {
    Parsed(ShorthandValue),
    Converted(Value),
}

/// Converts known members in model order (which decides which error is reported first) and
/// keeps every key, known or not, in the order written.
pub(super) fn visit_structure(members: &[Member], value: ShorthandValue) -> Result<Value, Fault> {
    let ShorthandValue::Map(pairs) = value else {
        return Ok(value.into_json());
    };
    let mut slots: Vec<(String, Slot)> = pairs
        .into_iter()
        .map(|(key, item)| (key, Slot::Parsed(item)))
        .collect();
    for member in members {
        if let Some((_, slot)) = slots.iter_mut().find(|(key, _)| *key == member.name) {
            let taken = std::mem::replace(slot, Slot::Converted(Value::Null));
            *slot = match taken {
                Slot::Parsed(item) => Slot::Converted(visit(&member.shape, item)?),
                converted => converted,
            };
        }
    }
    let object = slots
        .into_iter()
        .map(|(key, slot)| match slot {
            Slot::Parsed(item) => (key, item.into_json()),
            Slot::Converted(converted) => (key, converted),
        })
        .collect();
    Ok(Value::Object(object))
}

pub(super) fn visit_scalar(shape: &Shape, value: ShorthandValue) -> Result<Value, Fault> {
    match (shape, value) {
        (Shape::Integer | Shape::Long, ShorthandValue::Str(text)) => {
            python::int(&text).map_err(Fault::Value)
        }
        (Shape::Integer | Shape::Long, other) => Err(Fault::Value(format!(
            "int() argument must be a string, a bytes-like object or a real number, not '{}'",
            other.py_type()
        ))),
        (Shape::Double, ShorthandValue::Str(text)) => python::float(&text).map_err(Fault::Value),
        (Shape::Double, other) => Err(Fault::Value(format!(
            "float() argument must be a string or a real number, not '{}'",
            other.py_type()
        ))),
        // Only "true"/"false" (any case) become booleans; other text is left for the validator.
        // (ASCII case-insensitive is exactly `lower()` here: see `unpack_scalar`.)
        (Shape::Boolean, ShorthandValue::Str(text)) => Ok(if text.eq_ignore_ascii_case("true") {
            Value::Bool(true)
        } else if text.eq_ignore_ascii_case("false") {
            Value::Bool(false)
        } else {
            Value::String(text)
        }),
        (Shape::Boolean, other) => Err(Fault::General(format!(
            "'{}' object has no attribute 'lower'",
            other.py_type()
        ))),
        (_, other) => Ok(other.into_json()),
    }
}

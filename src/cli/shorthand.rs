//! How the AWS CLI v2 turns the text typed after one `--option` into the JSON the API receives.
//!
//! The real CLI (aws/aws-cli, `awscli/argprocess.py` and `awscli/shorthand.py`) decides per
//! parameter between three routes, and each route has its own error wording that users learn
//! to recognise. This module reproduces them:
//!
//! * **JSON** when the value (after leading whitespace) starts with `{` or `[` and the parameter
//!   is a structure, map or list. Decoding follows CPython's `json` module, so the
//!   `Invalid JSON: Expecting value: line 1 column 5 (char 4)` texts match.
//! * **Shorthand** (`Name=a,Values=b,c`, `key={a=1}`, `key=[a,b]`) for structures, maps and lists
//!   of non-scalars: the grammar of `ShorthandParser`, then the `BackCompatVisitor` that turns
//!   strings into integers, doubles and booleans where the model says so.
//! * **Scalar conversion** (`int()`, `float()`, the boolean rule) for everything else, including
//!   each word of a list of scalars (`--subnets a b c`).
//!
//! Unknown shorthand keys are passed through, as the CLI does; botocore's client-side validator
//! then rejects them. [`validate_request`] reproduces that validator
//! (`Parameter validation failed:` ...).
//!
//! Exit statuses: the CLI prints these messages on stderr framed by newlines, with status 252 for
//! parameter errors and 255 for the Python exceptions it does not catch itself (an `int()` that
//! fails inside the shorthand visitor, for instance); [`ParamError::exit_status`] tells them apart.

use crate::cli::shape::{Member, Shape};
use serde_json::{Map, Number, Value};
use std::collections::HashMap;
use std::fmt;

/// How deeply JSON or shorthand values may nest. CPython stops at its recursion limit (about a
/// thousand frames); we stop far earlier so hostile input cannot exhaust a 1 MiB wasm stack and
/// so every value we produce re-parses under serde_json's own limit of 128 (our choice).
const MAX_NESTING: usize = 100;

/// A parameter-value error, worded as the AWS CLI words it.
///
/// `message` is the full text the CLI prints to stderr (without the blank lines it writes around
/// it), e.g. `Error parsing parameter '--filters': Expected: '=', received: 'EOF' for input:`
/// followed by the value and a caret under the offending column.
#[derive(Debug, Clone, PartialEq)]
pub struct ParamError {
    pub message: String,
}

impl fmt::Display for ParamError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ParamError {}

impl ParamError {
    /// The exit status the AWS CLI v2 ends with for this error. Parameter errors
    /// (`Error parsing parameter ...`, botocore's `Parameter validation failed:`, argparse usage
    /// errors) are its `ParamValidation` class, status 252; anything else is a Python exception
    /// that reached the CLI's general handler, status 255.
    pub fn exit_status(&self) -> i32 {
        const PARAM_PREFIXES: [&str; 4] = [
            "Error parsing parameter '",
            "Parameter validation failed:",
            "argument --",
            "Unknown options: ",
        ];
        if PARAM_PREFIXES.iter().any(|p| self.message.starts_with(p)) {
            252
        } else {
            255
        }
    }
}

/// Converts the raw string(s) given for option `--<cli_name>` into the JSON the API receives.
///
/// `cli_name` may be given with or without its leading `--`. `values` has one element for
/// scalar/structure/map options, and one element per word for list options (the CLI gives list
/// options `nargs='+'`, e.g. `--subnet-ids a b c` or
/// `--filters Name=a,Values=b Name=c,Values=d`).
pub fn parse_param(cli_name: &str, shape: &Shape, values: &[String]) -> Result<Value, ParamError> {
    let option = option_name(cli_name);
    let outcome = match (shape, values) {
        (Shape::List(member), words) => unpack_list_option(shape, member, words),
        (_, [value]) => unpack_single_option(shape, value),
        // argparse rejects these before any conversion; the caller normally prevents them.
        (_, []) => Err(Fault::Usage(format!(
            "argument {option}: expected one argument"
        ))),
        (_, [_, rest @ ..]) => Err(Fault::Usage(format!(
            "Unknown options: {}",
            rest.join(", ")
        ))),
    };
    outcome.map_err(|fault| fault.into_error(&option))
}

/// botocore's client-side validation of a whole request against its structure shape: missing
/// required members, unknown members, wrong types. The message is worded as botocore's
/// `ParamValidationError` (`Parameter validation failed:` then one line per problem, in the
/// order botocore finds them).
pub fn validate_request(input: &Value, members: &[Member]) -> Result<(), ParamError> {
    let mut report = Vec::new();
    validate_structure(input, members, "", &mut report);
    if report.is_empty() {
        Ok(())
    } else {
        Err(ParamError {
            message: format!("Parameter validation failed:\n{}", report.join("\n")),
        })
    }
}

fn option_name(cli_name: &str) -> String {
    if cli_name.starts_with("--") {
        cli_name.to_string()
    } else {
        format!("--{cli_name}")
    }
}

// ---------------------------------------------------------------------------------------------
// Failures, as the Python exceptions they stand for
// ---------------------------------------------------------------------------------------------

/// What went wrong, classified the way the CLI's exception handlers classify it.
#[derive(Debug, Clone, PartialEq)]
enum Fault {
    /// `argprocess.ParamError` (and shorthand syntax errors re-raised as one): printed as
    /// `Error parsing parameter '--x': <text>`, status 252.
    Param(String),
    /// A Python `ValueError`/`TypeError` (from `int()`/`float()`): printed bare, status 255,
    /// unless a list unpacking catches it and re-raises it as a `ParamError`.
    Value(String),
    /// Any other uncaught Python exception: printed bare, status 255.
    General(String),
    /// An argparse usage error: printed bare, status 252.
    Usage(String),
}

impl Fault {
    fn into_error(self, option: &str) -> ParamError {
        let message = match self {
            Fault::Param(text) => format!("Error parsing parameter '{option}': {text}"),
            Fault::Value(text) | Fault::General(text) | Fault::Usage(text) => text,
        };
        ParamError { message }
    }
}

// ---------------------------------------------------------------------------------------------
// argprocess: choosing JSON, shorthand or scalar conversion
// ---------------------------------------------------------------------------------------------

/// `ParamShorthandParser._should_parse_as_shorthand`'s first test: JSON-looking values skip
/// shorthand.
fn looks_like_json(value: &str) -> bool {
    matches!(py_strip(value).chars().next(), Some('[' | '{'))
}

/// `_supports_shorthand_syntax`: structures, maps, and lists whose members are not scalars.
fn supports_shorthand(shape: &Shape) -> bool {
    match shape {
        Shape::Structure(_) | Shape::Map(_) => true,
        Shape::List(member) => !member.is_scalar(),
        _ => false,
    }
}

fn unpack_single_option(shape: &Shape, value: &str) -> Result<Value, Fault> {
    if looks_like_json(value) || !supports_shorthand(shape) {
        return unpack_text(shape, value);
    }
    if let Some(special) = single_value_structure(shape, value) {
        return Ok(special);
    }
    let parsed = parse_shorthand(value)?;
    visit(shape, ShorthandValue::Map(parsed))
}

fn unpack_list_option(list: &Shape, member: &Shape, words: &[String]) -> Result<Value, Fault> {
    let json_like = words.first().is_some_and(|w| looks_like_json(w));
    if json_like || !supports_shorthand(list) {
        return unpack_words(member, words);
    }
    // All words are parsed before any is converted, as the CLI does.
    let parsed = words
        .iter()
        .map(|word| parse_shorthand(word).map(ShorthandValue::Map))
        .collect::<Result<Vec<_>, _>>()?;
    visit(list, ShorthandValue::List(parsed))
}

/// The CLI's second backwards-compatibility case: a structure whose only member is a string
/// named `Value` may be given bare (`--instance-terminate-behavior shutdown`).
fn single_value_structure(shape: &Shape, value: &str) -> Option<Value> {
    let Shape::Structure(members) = shape else {
        return None;
    };
    match members.as_slice() {
        [only] if only.name == "Value" && only.shape == Shape::String && !value.contains('=') => {
            let mut object = Map::new();
            object.insert("Value".to_string(), Value::String(value.to_string()));
            Some(Value::Object(object))
        }
        _ => None,
    }
}

/// `_unpack_cli_arg` for one string.
fn unpack_text(shape: &Shape, text: &str) -> Result<Value, Fault> {
    match shape {
        Shape::Structure(_) | Shape::Map(_) => match first_non_space(text) {
            None => Err(index_error()),
            Some('{') => unpack_json(text),
            Some(_) => Err(Fault::Param(format!("Invalid JSON:\n{text}"))),
        },
        Shape::List(member) => match first_non_space(text) {
            None => Err(index_error()),
            Some('[') => unpack_json(text),
            // Python iterates the string, so each character becomes one element.
            Some(_) => {
                let characters: Vec<String> = text.chars().map(String::from).collect();
                unpack_elements(member, &characters)
            }
        },
        scalar => unpack_scalar(scalar, text),
    }
}

/// `_unpack_complex_cli_arg` for the words of a list option.
fn unpack_words(member: &Shape, words: &[String]) -> Result<Value, Fault> {
    if let [only] = words {
        if first_non_space(only) == Some('[') {
            return unpack_json(only);
        }
    }
    unpack_elements(member, words)
}

fn unpack_elements(member: &Shape, words: &[String]) -> Result<Value, Fault> {
    let mut elements = Vec::with_capacity(words.len());
    for word in words {
        match unpack_text(member, word) {
            Ok(value) => elements.push(value),
            // The CLI catches ValueError/TypeError here and names only the first word.
            Err(Fault::Value(_)) => {
                let first = words.first().cloned().unwrap_or_default();
                return Err(Fault::Param(first));
            }
            Err(other) => return Err(other),
        }
    }
    Ok(Value::Array(elements))
}

/// `unpack_scalar_cli_arg`.
fn unpack_scalar(shape: &Shape, text: &str) -> Result<Value, Fault> {
    match shape {
        Shape::Integer | Shape::Long => py_int(text).map_err(Fault::Value),
        Shape::Double => py_float(text).map_err(Fault::Value),
        // `value.lower() == 'false'` is False, anything else is `bool(value)`. (The only
        // non-ASCII character that lowercases into ASCII is the Kelvin sign, to `k`, so an
        // ASCII case-insensitive comparison is exactly Python's `lower()` here.)
        Shape::Boolean => Ok(Value::Bool(
            !text.is_empty() && !text.eq_ignore_ascii_case("false"),
        )),
        _ => Ok(Value::String(text.to_string())),
    }
}

/// `_unpack_json_cli_arg`.
fn unpack_json(text: &str) -> Result<Value, Fault> {
    py_json::loads(text).map_err(|error| match error {
        py_json::JsonError::Decode(detail) => {
            Fault::Param(format!("Invalid JSON: {detail}\nJSON received: {text}"))
        }
        py_json::JsonError::Recursion(detail) => Fault::General(detail),
    })
}

fn first_non_space(text: &str) -> Option<char> {
    text.chars().find(|c| !py_isspace(*c))
}

/// `value.lstrip()[0]` on an empty or blank string.
fn index_error() -> Fault {
    Fault::General("string index out of range".to_string())
}

// ---------------------------------------------------------------------------------------------
// shorthand.ShorthandParser
// ---------------------------------------------------------------------------------------------

/// The purely syntactic result of the shorthand grammar: every scalar is still a string.
#[derive(Debug, Clone, PartialEq)]
enum ShorthandValue {
    Str(String),
    List(Vec<ShorthandValue>),
    /// Keys in the order written.
    Map(Vec<(String, ShorthandValue)>),
}

impl ShorthandValue {
    /// The JSON of a value the visitor leaves untouched.
    fn into_json(self) -> Value {
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
struct Pairs {
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
enum ShorthandError {
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
fn parse_shorthand(text: &str) -> Result<Vec<(String, ShorthandValue)>, Fault> {
    let mut parser = ShorthandParser::new(text);
    parser.parameter().map_err(|error| parser.describe(error))
}

struct ShorthandParser {
    /// The value as code points, because the CLI's carets count code points.
    input: Vec<char>,
    index: usize,
    /// Set by `key@=`: values of that key are `file://` references to load.
    resolve_paramfiles: bool,
    depth: usize,
}

/// Which regular expression of the grammar a bare value is matched with.
#[derive(Clone, Copy)]
enum Word {
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
        let value = py_rstrip(&raw.replace("\\,", ",")).to_string();
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
fn error_location(input: &[char], index: usize) -> String {
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
fn is_word_start(c: char) -> bool {
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
fn is_first_follow(c: char) -> bool {
    let n = u32::from(c);
    py_isspace(c)
        || n == 0x21
        || (0x23..=0x26).contains(&n)
        || (0x28..=0x2B).contains(&n)
        || (0x2D..=0x5C).contains(&n)
        || (0x5E..=0x7C).contains(&n)
        || (0x7E..=0xFFFF).contains(&n)
}

/// `_SECOND_FOLLOW_CHARS`: whitespace and everything but controls, `"` `'` `,` `=`.
fn is_second_follow(c: char) -> bool {
    let n = u32::from(c);
    py_isspace(c)
        || n == 0x21
        || (0x23..=0x26).contains(&n)
        || (0x28..=0x2B).contains(&n)
        || (0x2D..=0x3C).contains(&n)
        || (0x3E..=0xFFFF).contains(&n)
}

// ---------------------------------------------------------------------------------------------
// shorthand.BackCompatVisitor: model-driven conversion of the parsed strings
// ---------------------------------------------------------------------------------------------

fn visit(shape: &Shape, value: ShorthandValue) -> Result<Value, Fault> {
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
enum Slot {
    Parsed(ShorthandValue),
    Converted(Value),
}

/// Converts known members in model order (which decides which error is reported first) and
/// keeps every key, known or not, in the order written.
fn visit_structure(members: &[Member], value: ShorthandValue) -> Result<Value, Fault> {
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

fn visit_scalar(shape: &Shape, value: ShorthandValue) -> Result<Value, Fault> {
    match (shape, value) {
        (Shape::Integer | Shape::Long, ShorthandValue::Str(text)) => {
            py_int(&text).map_err(Fault::Value)
        }
        (Shape::Integer | Shape::Long, other) => Err(Fault::Value(format!(
            "int() argument must be a string, a bytes-like object or a real number, not '{}'",
            other.py_type()
        ))),
        (Shape::Double, ShorthandValue::Str(text)) => py_float(&text).map_err(Fault::Value),
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

// ---------------------------------------------------------------------------------------------
// botocore.validate.ParamValidator
// ---------------------------------------------------------------------------------------------

const LIST_TYPES: &str = "<class 'list'>, <class 'tuple'>";
const DICT_TYPES: &str = "<class 'dict'>";
const STR_TYPES: &str = "<class 'str'>";
const INT_TYPES: &str = "<class 'int'>";
const BOOL_TYPES: &str = "<class 'bool'>";
const DOUBLE_TYPES: &str = "<class 'float'>, <class 'decimal.Decimal'>, <class 'int'>";
const BLOB_TYPES: &str = "<class 'bytes'>, <class 'bytearray'>, file-like object";
const TIMESTAMP_TYPES: &str = "<class 'datetime.datetime'>, timestamp-string";

/// botocore's `_get_name`: the request itself is `input`; member paths lose their leading dot.
fn report_name(name: &str) -> &str {
    if name.is_empty() {
        "input"
    } else {
        name.strip_prefix('.').unwrap_or(name)
    }
}

fn report_invalid_type(report: &mut Vec<String>, name: &str, value: &Value, valid: &str) {
    report.push(format!(
        "Invalid type for parameter {}, value: {}, type: {}, valid types: {valid}",
        report_name(name),
        py_str(value),
        py_type_name(value)
    ));
}

fn validate(value: &Value, shape: &Shape, name: &str, report: &mut Vec<String>) {
    match shape {
        Shape::Structure(members) => validate_structure(value, members, name, report),
        Shape::List(member) => match value {
            Value::Array(items) => {
                for (position, item) in items.iter().enumerate() {
                    validate(item, member, &format!("{name}[{position}]"), report);
                }
            }
            other => report_invalid_type(report, name, other, LIST_TYPES),
        },
        Shape::Map(value_shape) => match value {
            // Keys of a JSON object are always strings, so botocore's key check always passes.
            Value::Object(entries) => {
                for (key, item) in entries {
                    validate(item, value_shape, &format!("{name}.{key}"), report);
                }
            }
            other => report_invalid_type(report, name, other, DICT_TYPES),
        },
        scalar => validate_scalar(value, scalar, name, report),
    }
}

fn validate_structure(value: &Value, members: &[Member], name: &str, report: &mut Vec<String>) {
    let Value::Object(params) = value else {
        report_invalid_type(report, name, value, DICT_TYPES);
        return;
    };
    for member in members.iter().filter(|m| m.required) {
        if !params.contains_key(&member.name) {
            report.push(format!(
                "Missing required parameter in {}: \"{}\"",
                report_name(name),
                member.name
            ));
        }
    }
    let mut known = Vec::new();
    for (key, item) in params {
        match members.iter().find(|m| m.name == *key) {
            Some(member) => known.push((key, item, member)),
            None => {
                let valid: Vec<&str> = members.iter().map(|m| m.name.as_str()).collect();
                report.push(format!(
                    "Unknown parameter in {}: \"{key}\", must be one of: {}",
                    report_name(name),
                    valid.join(", ")
                ));
            }
        }
    }
    for (key, item, member) in known {
        validate(item, &member.shape, &format!("{name}.{key}"), report);
    }
}

fn validate_scalar(value: &Value, shape: &Shape, name: &str, report: &mut Vec<String>) {
    let (valid, types) = match shape {
        Shape::String => (value.is_string(), STR_TYPES),
        // Python's bool is a subclass of int, so booleans pass the integer checks.
        Shape::Integer | Shape::Long => (is_py_int(value) || value.is_boolean(), INT_TYPES),
        Shape::Boolean => (value.is_boolean(), BOOL_TYPES),
        Shape::Double => (value.is_number() || value.is_boolean(), DOUBLE_TYPES),
        Shape::Blob => (value.is_string(), BLOB_TYPES),
        Shape::Timestamp => (is_timestamp(value), TIMESTAMP_TYPES),
        Shape::List(_) | Shape::Map(_) | Shape::Structure(_) => (true, ""),
    };
    if !valid {
        report_invalid_type(report, name, value, types);
    }
}

fn is_py_int(value: &Value) -> bool {
    value.as_number().is_some_and(|n| !n.is_f64())
}

/// botocore accepts numbers (epoch seconds) and any string `dateutil` can parse. We accept
/// numbers, booleans, numeric strings, and strings that contain a digit and no control
/// characters: an approximation of dateutil's leniency (our choice).
fn is_timestamp(value: &Value) -> bool {
    match value {
        Value::Number(_) | Value::Bool(_) => true,
        Value::String(text) => {
            py_float(text).is_ok()
                || (text.chars().any(|c| c.is_ascii_digit()) && !text.chars().any(char::is_control))
        }
        _ => false,
    }
}

// ---------------------------------------------------------------------------------------------
// Python semantics: whitespace, int(), float(), str()/repr()
// ---------------------------------------------------------------------------------------------

/// `str.isspace()`: Unicode whitespace plus the information separators U+001C..U+001F.
fn py_isspace(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)
}

fn py_strip(text: &str) -> &str {
    text.trim_matches(py_isspace)
}

fn py_rstrip(text: &str) -> &str {
    text.trim_end_matches(py_isspace)
}

/// `int(text)` in base 10: surrounding whitespace, a sign, digits with single underscores
/// between them. Integers beyond 64 bits become doubles, since serde_json holds no bigger
/// integer (our choice).
fn py_int(text: &str) -> Result<Value, String> {
    let error = || {
        let shown: String = super::python::repr_str(text).chars().take(200).collect();
        format!("invalid literal for int() with base 10: {shown}")
    };
    let stripped = py_strip(text);
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
fn py_float(text: &str) -> Result<Value, String> {
    let error = || {
        format!(
            "could not convert string to float: {}",
            super::python::repr_str(text)
        )
    };
    let stripped = py_strip(text);
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

fn json_float(number: f64) -> Value {
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

fn py_type_name(value: &Value) -> &'static str {
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

/// `str(value)`: strings bare, everything else as `repr`.
fn py_str(value: &Value) -> String {
    match value {
        Value::String(text) => text.clone(),
        other => {
            let mut out = String::new();
            py_repr(other, 0, &mut out);
            out
        }
    }
}

fn py_repr(value: &Value, depth: usize, out: &mut String) {
    if depth > MAX_NESTING {
        out.push_str("...");
        return;
    }
    match value {
        Value::Null => out.push_str("None"),
        Value::Bool(true) => out.push_str("True"),
        Value::Bool(false) => out.push_str("False"),
        Value::Number(n) => match n.as_f64() {
            Some(float) if n.is_f64() => out.push_str(&py_float_repr(float)),
            _ => out.push_str(&n.to_string()),
        },
        Value::String(text) => out.push_str(&super::python::repr_str(text)),
        Value::Array(items) => {
            out.push('[');
            for (position, item) in items.iter().enumerate() {
                if position > 0 {
                    out.push_str(", ");
                }
                py_repr(item, depth + 1, out);
            }
            out.push(']');
        }
        Value::Object(entries) => {
            out.push('{');
            for (position, (key, item)) in entries.iter().enumerate() {
                if position > 0 {
                    out.push_str(", ");
                }
                out.push_str(&super::python::repr_str(key));
                out.push_str(": ");
                py_repr(item, depth + 1, out);
            }
            out.push('}');
        }
    }
}

/// `repr(float)`.
fn py_float_repr(number: f64) -> String {
    super::python::float_repr(number)
}

// ---------------------------------------------------------------------------------------------
// CPython's json.loads (the C scanner), for its exact error texts and positions
// ---------------------------------------------------------------------------------------------

mod py_json {
    use super::{json_float, MAX_NESTING};
    use serde_json::{Map, Value};

    pub(super) enum JsonError {
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
    pub(super) fn loads(text: &str) -> Result<Value, JsonError> {
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
            if position + 1 < length
                && self.at(position) == Some('.')
                && self.is_digit_at(position + 1)
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
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    // --- shapes modelled on the real service models -------------------------------------------

    fn member(name: &str, shape: Shape, required: bool) -> Member {
        Member {
            name: name.to_string(),
            shape,
            required,
        }
    }

    fn structure(members: &[(&str, Shape)]) -> Shape {
        Shape::Structure(
            members
                .iter()
                .map(|(name, shape)| member(name, shape.clone(), false))
                .collect(),
        )
    }

    fn list(of: Shape) -> Shape {
        Shape::List(Box::new(of))
    }

    fn strings() -> Shape {
        list(Shape::String)
    }

    /// EC2 `--filters`: a list of `Filter{Name, Values}`.
    fn ec2_filters() -> Shape {
        list(structure(&[("Name", Shape::String), ("Values", strings())]))
    }

    /// ECS `--network-configuration`.
    fn network_configuration() -> Shape {
        Shape::Structure(vec![member(
            "awsvpcConfiguration",
            Shape::Structure(vec![
                member("subnets", strings(), true),
                member("securityGroups", strings(), false),
                member("assignPublicIp", Shape::String, false),
            ]),
            false,
        )])
    }

    /// ECS `--placement-strategy`.
    fn placement_strategy() -> Shape {
        list(structure(&[
            ("type", Shape::String),
            ("field", Shape::String),
        ]))
    }

    fn port_mapping() -> Shape {
        structure(&[
            ("containerPort", Shape::Integer),
            ("hostPort", Shape::Integer),
            ("protocol", Shape::String),
        ])
    }

    /// ECS `--container-definitions` (a subset of `ContainerDefinition`).
    fn container_definitions() -> Shape {
        list(structure(&[
            ("name", Shape::String),
            ("image", Shape::String),
            ("cpu", Shape::Integer),
            ("memory", Shape::Integer),
            ("essential", Shape::Boolean),
            ("portMappings", list(port_mapping())),
            ("dockerLabels", Shape::Map(Box::new(Shape::String))),
        ]))
    }

    /// ECS `--tags`.
    fn ecs_tags() -> Shape {
        list(structure(&[
            ("key", Shape::String),
            ("value", Shape::String),
        ]))
    }

    /// ECS `--deployment-configuration` (a subset).
    fn deployment_configuration() -> Shape {
        structure(&[
            (
                "deploymentCircuitBreaker",
                structure(&[("enable", Shape::Boolean), ("rollback", Shape::Boolean)]),
            ),
            ("maximumPercent", Shape::Integer),
            ("minimumHealthyPercent", Shape::Integer),
        ])
    }

    fn words(values: &[&str]) -> Vec<String> {
        values.iter().map(|v| v.to_string()).collect()
    }

    fn parse(option: &str, shape: &Shape, values: &[&str]) -> Result<Value, ParamError> {
        parse_param(option, shape, &words(values))
    }

    fn message(result: Result<Value, ParamError>) -> String {
        match result {
            Ok(value) => panic!("expected an error, got {value}"),
            Err(error) => error.message,
        }
    }

    // --- the grammar: aws-cli's own PARSING_TEST_CASES ----------------------------------------

    fn grammar(text: &str) -> Result<Value, String> {
        parse_shorthand(text)
            .map(|pairs| ShorthandValue::Map(pairs).into_json())
            .map_err(|fault| fault.into_error("--x").message)
    }

    #[test]
    fn grammar_matches_the_cli_test_suite() {
        let cases: Vec<(&str, Value)> = vec![
            ("foo=bar", json!({"foo": "bar"})),
            ("foo=bar,baz=qux", json!({"foo": "bar", "baz": "qux"})),
            ("a=b,c=d,e=f", json!({"a": "b", "c": "d", "e": "f"})),
            ("foo=", json!({"foo": ""})),
            ("foo=,bar=", json!({"foo": "", "bar": ""})),
            ("foo=\u{2713}", json!({"foo": "\u{2713}"})),
            (
                "foo=\u{2713},\u{2713}",
                json!({"foo": ["\u{2713}", "\u{2713}"]}),
            ),
            ("foo=a,b", json!({"foo": ["a", "b"]})),
            ("foo=a,b,c", json!({"foo": ["a", "b", "c"]})),
            (
                "foo=a,b,bar=c,d",
                json!({"foo": ["a", "b"], "bar": ["c", "d"]}),
            ),
            (
                "foo=a,b,c,bar=d,e,f",
                json!({"foo": ["a", "b", "c"], "bar": ["d", "e", "f"]}),
            ),
            ("foo=a,b=with space", json!({"foo": "a", "b": "with space"})),
            (
                "foo=a,b=with trailing space  ",
                json!({"foo": "a", "b": "with trailing space"}),
            ),
            ("foo=first space", json!({"foo": "first space"})),
            ("with-dash=bar", json!({"with-dash": "bar"})),
            ("with_underscore=bar", json!({"with_underscore": "bar"})),
            ("with.dot=bar", json!({"with.dot": "bar"})),
            ("#key=value", json!({"#key": "value"})),
            ("some/thing=value", json!({"some/thing": "value"})),
            (
                "aws:service:region:124:foo/bar=baz",
                json!({"aws:service:region:124:foo/bar": "baz"}),
            ),
            ("foo=[]", json!({"foo": []})),
            ("foo=[a]", json!({"foo": ["a"]})),
            ("foo=[a,b,c]", json!({"foo": ["a", "b", "c"]})),
            (
                "foo=[a,b],bar=c,d",
                json!({"foo": ["a", "b"], "bar": ["c", "d"]}),
            ),
            (
                "foo=a,b,bar=[c,d]",
                json!({"foo": ["a", "b"], "bar": ["c", "d"]}),
            ),
            ("foo=[a=b,c=d]", json!({"foo": ["a=b", "c=d"]})),
            ("foo=[ a , b  , c  ]", json!({"foo": ["a", "b", "c"]})),
            ("foo  =  [ a , b  , c  ]", json!({"foo": ["a", "b", "c"]})),
            ("foo=[,,]", json!({"foo": ["", ""]})),
            ("foo='bar'", json!({"foo": "bar"})),
            ("foo='bar,baz'", json!({"foo": "bar,baz"})),
            ("foo='bar','baz'", json!({"foo": ["bar", "baz"]})),
            ("foo=bar,'baz'", json!({"foo": ["bar", "baz"]})),
            ("foo=bar,'baz=qux'", json!({"foo": ["bar", "baz=qux"]})),
            (
                "foo=bar,'--option=bar space'",
                json!({"foo": ["bar", "--option=bar space"]}),
            ),
            ("foo='bar\\'baz'", json!({"foo": "bar'baz"})),
            ("foo='bar\\\\baz'", json!({"foo": "bar\\baz"})),
            ("foo=\"bar\"", json!({"foo": "bar"})),
            ("foo=\"bar,baz\"", json!({"foo": "bar,baz"})),
            ("foo=\"bar\",\"baz\"", json!({"foo": ["bar", "baz"]})),
            ("foo=bar,\"baz=qux\"", json!({"foo": ["bar", "baz=qux"]})),
            ("foo=\"bar\\\"baz\"", json!({"foo": "bar\"baz"})),
            ("foo=\"bar\\\\baz\"", json!({"foo": "bar\\baz"})),
            ("foo=a\\,b", json!({"foo": "a,b"})),
            ("foo=a\\,", json!({"foo": "a,"})),
            ("foo=\\,", json!({"foo": ","})),
            ("foo=a,b\\,c", json!({"foo": ["a", "b,c"]})),
            ("foo=a,b\\,", json!({"foo": ["a", "b,"]})),
            ("foo=a,\\,bc", json!({"foo": ["a", ",bc"]})),
            ("foo= bar", json!({"foo": "bar"})),
            ("foo =bar", json!({"foo": "bar"})),
            ("foo  =   bar", json!({"foo": "bar"})),
            ("foo = bar,baz = qux", json!({"foo": "bar", "baz": "qux"})),
            (
                "a = b,  c = d , e = f",
                json!({"a": "b", "c": "d", "e": "f"}),
            ),
            ("foo = ", json!({"foo": ""})),
            ("a=b,c=  d,  e,  f", json!({"a": "b", "c": ["d", "e", "f"]})),
            (
                "Name=foo,Values=  a  ,  b  ,  c  ",
                json!({"Name": "foo", "Values": ["a", "b", "c"]}),
            ),
            (
                "Name=foo,\nValues=a,b,c",
                json!({"Name": "foo", "Values": ["a", "b", "c"]}),
            ),
            ("A=b,\nC=d,\nE=f\n", json!({"A": "b", "C": "d", "E": "f"})),
            (
                "Name={foo=bar,baz=qux}",
                json!({"Name": {"foo": "bar", "baz": "qux"}}),
            ),
            (
                "Name={foo=[a,b,c],bar=baz}",
                json!({"Name": {"foo": ["a", "b", "c"], "bar": "baz"}}),
            ),
            (
                "Bar=baz,Name={foo=bar}",
                json!({"Bar": "baz", "Name": {"foo": "bar"}}),
            ),
            (
                "a={b={c=d,e=f},g=h}",
                json!({"a": {"b": {"c": "d", "e": "f"}, "g": "h"}}),
            ),
            (
                "Name=[{foo=bar}, {baz=qux}]",
                json!({"Name": [{"foo": "bar"}, {"baz": "qux"}]}),
            ),
            (
                "Name=[{foo=[a,b]}, {bar=[c,d]}]",
                json!({"Name": [{"foo": ["a", "b"]}, {"bar": ["c", "d"]}]}),
            ),
            ("foo@=bar,baz@=qux", json!({"foo": "bar", "baz": "qux"})),
            ("foo@=,bar@=", json!({"foo": "", "bar": ""})),
            (
                "foo@=a,b,bar=c,d",
                json!({"foo": ["a", "b"], "bar": ["c", "d"]}),
            ),
            ("foo  @=  [ a , b  , c  ]", json!({"foo": ["a", "b", "c"]})),
            ("A=b,\nC@=d,\nE@=f\n", json!({"A": "b", "C": "d", "E": "f"})),
            (
                "Bar@=baz,Name={foo@=bar}",
                json!({"Bar": "baz", "Name": {"foo": "bar"}}),
            ),
            // Our additions, traced through the same grammar.
            ("a={x=1,x=2}", json!({"a": {"x": "2"}})),
            ("k=a=b", json!({"k": "a=b"})),
            ("k=]", json!({"k": "]"})),
            ("=bar", json!({"": "bar"})),
            ("a=b,,c=d", json!({"a": "b", "c": "d"})),
        ];
        for (text, expected) in cases {
            assert_eq!(grammar(text), Ok(expected), "input {text:?}");
        }
    }

    #[test]
    fn grammar_errors_are_worded_like_the_cli() {
        let cases: Vec<(&str, String)> = vec![
            ("foo", "Expected: '=', received: 'EOF' for input:\nfoo\n   ^".into()),
            (
                "foo=\"bar",
                "Expected: '<double quoted>', received: '<none>' for input:\nfoo=\"bar\n    ^"
                    .into(),
            ),
            (
                "\"foo=bar",
                "Expected: '=', received: '\"' for input:\n\"foo=bar\n^".into(),
            ),
            (
                "foo='bar",
                "Expected: '<singled quoted>', received: '<none>' for input:\nfoo='bar\n    ^"
                    .into(),
            ),
            (
                "foo=[bar",
                "Expected: ',', received: 'EOF' for input:\nfoo=[bar\n        ^".into(),
            ),
            (
                "foo={bar",
                "Expected: '=', received: 'EOF' for input:\nfoo={bar\n        ^".into(),
            ),
            (
                "foo={bar}",
                "Expected: '=', received: '}' for input:\nfoo={bar}\n        ^".into(),
            ),
            (
                "foo={bar=bar",
                "Expected: ',', received: 'EOF' for input:\nfoo={bar=bar\n            ^".into(),
            ),
            (
                "foo=bar,",
                "Expected: '<second>', received: '<none>' for input:\nfoo=bar,\n        ^".into(),
            ),
            (
                "foo==bar,\nbar=baz",
                "Expected: ',', received: '=' for input:\nfoo==bar,\n    ^\nbar=baz".into(),
            ),
            (
                "foo=bar,\nbar==baz",
                "Expected: ',', received: '=' for input:\nfoo=bar,\nbar==baz\n    ^".into(),
            ),
            (
                "foo=bar,foo=qux",
                "Second instance of key \"foo\" encountered for input:\nfoo=bar,foo=qux\n        ^\n\
                 This is often because there is a preceding \",\" instead of a space."
                    .into(),
            ),
            (
                "ApplicationName:foo,TemplateName:bar",
                format!(
                    "Expected: '=', received: ',' for input:\n\
                     ApplicationName:foo,TemplateName:bar\n{}^",
                    " ".repeat(19)
                ),
            ),
        ];
        for (text, expected) in cases {
            assert_eq!(
                grammar(text),
                Err(format!("Error parsing parameter '--x': {expected}"))
            );
        }
    }

    #[test]
    fn unclosed_quotes_followed_by_backslashes_fail_fast() {
        for quote in ['"', '\''] {
            let text = format!("foo={quote}{}", "\\".repeat(100));
            assert!(grammar(&text).is_err());
        }
    }

    // --- whole parameters ---------------------------------------------------------------------

    #[test]
    fn shorthand_parameters_convert_to_the_api_json() {
        let cases: Vec<(&str, Shape, Vec<&str>, Value)> = vec![
            (
                "filters",
                ec2_filters(),
                vec!["Name=availability-zone,Values=us-east-1a,us-east-1b"],
                json!([{"Name": "availability-zone", "Values": ["us-east-1a", "us-east-1b"]}]),
            ),
            (
                "filters",
                ec2_filters(),
                vec!["Name=instance-state-name,Values=running", "Name=tag:Env,Values=prod"],
                json!([
                    {"Name": "instance-state-name", "Values": ["running"]},
                    {"Name": "tag:Env", "Values": ["prod"]}
                ]),
            ),
            (
                "filters",
                ec2_filters(),
                vec!["Name = instance-id, Values = i-1,i-2", "Name=architecture,Values="],
                json!([
                    {"Name": "instance-id", "Values": ["i-1", "i-2"]},
                    {"Name": "architecture", "Values": [""]}
                ]),
            ),
            (
                "network-configuration",
                network_configuration(),
                vec!["awsvpcConfiguration={subnets=[subnet-1,subnet-2],securityGroups=[sg-1],assignPublicIp=ENABLED}"],
                json!({"awsvpcConfiguration": {
                    "subnets": ["subnet-1", "subnet-2"],
                    "securityGroups": ["sg-1"],
                    "assignPublicIp": "ENABLED"
                }}),
            ),
            (
                "network-configuration",
                network_configuration(),
                vec!["awsvpcConfiguration={subnets=subnet-1,assignPublicIp=DISABLED}"],
                json!({"awsvpcConfiguration": {"subnets": ["subnet-1"], "assignPublicIp": "DISABLED"}}),
            ),
            (
                "placement-strategy",
                placement_strategy(),
                vec!["type=spread,field=attribute:ecs.availability-zone", "type=binpack,field=memory"],
                json!([
                    {"type": "spread", "field": "attribute:ecs.availability-zone"},
                    {"type": "binpack", "field": "memory"}
                ]),
            ),
            (
                "port-mappings",
                list(port_mapping()),
                vec!["containerPort=80,hostPort=8080", "containerPort=443,protocol=tcp"],
                json!([
                    {"containerPort": 80, "hostPort": 8080},
                    {"containerPort": 443, "protocol": "tcp"}
                ]),
            ),
            (
                "container-definitions",
                container_definitions(),
                vec!["name=web,image=nginx:1.27,cpu=256,memory=512,essential=true,portMappings=[{containerPort=80,hostPort=80,protocol=tcp}],dockerLabels={team=web}"],
                json!([{
                    "name": "web",
                    "image": "nginx:1.27",
                    "cpu": 256,
                    "memory": 512,
                    "essential": true,
                    "portMappings": [{"containerPort": 80, "hostPort": 80, "protocol": "tcp"}],
                    "dockerLabels": {"team": "web"}
                }]),
            ),
            (
                "tags",
                ecs_tags(),
                vec!["key=team,value=web", "key=Name,value=My Service"],
                json!([{"key": "team", "value": "web"}, {"key": "Name", "value": "My Service"}]),
            ),
            (
                "tags",
                ecs_tags(),
                vec!["key=owners,value='alice,bob'", "key=rule,value=\"a,b=c\"", "key=csv,value=x\\,y"],
                json!([
                    {"key": "owners", "value": "alice,bob"},
                    {"key": "rule", "value": "a,b=c"},
                    {"key": "csv", "value": "x,y"}
                ]),
            ),
            (
                "deployment-configuration",
                deployment_configuration(),
                vec!["maximumPercent=200,minimumHealthyPercent=50,deploymentCircuitBreaker={enable=TRUE,rollback=false}"],
                json!({
                    "maximumPercent": 200,
                    "minimumHealthyPercent": 50,
                    "deploymentCircuitBreaker": {"enable": true, "rollback": false}
                }),
            ),
            (
                // Booleans other than true/false, and unknown keys, are left for the validator.
                "deployment-configuration",
                deployment_configuration(),
                vec!["deploymentCircuitBreaker={enable=yes},Foo=1"],
                json!({"deploymentCircuitBreaker": {"enable": "yes"}, "Foo": "1"}),
            ),
            (
                "filters",
                ec2_filters(),
                vec!["Name=a,Foo=b"],
                json!([{"Name": "a", "Foo": "b"}]),
            ),
            (
                "docker-labels",
                Shape::Map(Box::new(Shape::String)),
                vec!["env=prod,team=web"],
                json!({"env": "prod", "team": "web"}),
            ),
            (
                "limits",
                Shape::Map(Box::new(Shape::Integer)),
                vec!["cpu=1,memory=2"],
                json!({"cpu": 1, "memory": 2}),
            ),
            (
                // A single value given for a list member is wrapped, not converted.
                "port-lists",
                structure(&[("ports", list(Shape::Integer))]),
                vec!["ports=80"],
                json!({"ports": ["80"]}),
            ),
            (
                "port-lists",
                structure(&[("ports", list(Shape::Integer)), ("ratio", Shape::Double)]),
                vec!["ports=80,81,ratio=0.5"],
                json!({"ports": [80, 81], "ratio": 0.5}),
            ),
            (
                "instance-terminate-behavior",
                structure(&[("Value", Shape::String)]),
                vec!["shutdown"],
                json!({"Value": "shutdown"}),
            ),
            (
                "tags",
                ecs_tags(),
                vec!["key@=team,value@=web"],
                json!([{"key": "team", "value": "web"}]),
            ),
            ("filters", ec2_filters(), vec![], json!([])),
        ];
        for (option, shape, values, expected) in cases {
            assert_eq!(
                parse(option, &shape, &values),
                Ok(expected),
                "--{option} {values:?}"
            );
        }
    }

    #[test]
    fn json_parameters_are_taken_as_written() {
        let cases: Vec<(&str, Shape, Vec<&str>, Value)> = vec![
            (
                "filters",
                ec2_filters(),
                vec![r#"[{"Name": "vpc-id", "Values": ["vpc-1"]}]"#],
                json!([{"Name": "vpc-id", "Values": ["vpc-1"]}]),
            ),
            (
                "filters",
                ec2_filters(),
                vec![r#"{"Name": "a", "Values": ["1"]}"#, r#" {"Name": "b"}"#],
                json!([{"Name": "a", "Values": ["1"]}, {"Name": "b"}]),
            ),
            (
                "network-configuration",
                network_configuration(),
                vec!["  {\"awsvpcConfiguration\": {\"subnets\": [\"subnet-1\"], \"x\": 1.5e3}}"],
                json!({"awsvpcConfiguration": {"subnets": ["subnet-1"], "x": 1500.0}}),
            ),
            (
                // JSON is not converted by the model: "80" stays a string.
                "port-mappings",
                list(port_mapping()),
                vec![r#"[{"containerPort": "80", "hostPort": 8080}]"#],
                json!([{"containerPort": "80", "hostPort": 8080}]),
            ),
            (
                "docker-labels",
                Shape::Map(Box::new(Shape::String)),
                vec![r#"{"a": "1", "b": "2", "a": "3"}"#],
                json!({"a": "3", "b": "2"}),
            ),
            (
                "subnets",
                strings(),
                vec![r#"["subnet-1", "subnet-\u00e9"]"#],
                json!(["subnet-1", "subnet-\u{e9}"]),
            ),
            (
                "values",
                strings(),
                vec![r#"[null, true, -0, 12345678901234567890, "\ud83d\ude00"]"#],
                json!([null, true, 0, 12_345_678_901_234_567_890_u64, "\u{1F600}"]),
            ),
        ];
        for (option, shape, values, expected) in cases {
            assert_eq!(
                parse(option, &shape, &values),
                Ok(expected),
                "--{option} {values:?}"
            );
        }
    }

    #[test]
    fn scalar_and_list_of_scalar_options_convert_like_the_cli() {
        let cases: Vec<(Shape, Vec<&str>, Value)> = vec![
            (Shape::String, vec!["my-cluster"], json!("my-cluster")),
            (Shape::Integer, vec!["3"], json!(3)),
            (Shape::Long, vec![" -1_000 "], json!(-1000)),
            (Shape::Double, vec!["0.25"], json!(0.25)),
            (Shape::Double, vec!["1e3"], json!(1000.0)),
            (Shape::Boolean, vec!["false"], json!(false)),
            (Shape::Boolean, vec!["FALSE"], json!(false)),
            (Shape::Boolean, vec!["true"], json!(true)),
            (Shape::Boolean, vec!["no"], json!(true)),
            (Shape::Boolean, vec![""], json!(false)),
            (
                Shape::Timestamp,
                vec!["2024-01-01T00:00:00Z"],
                json!("2024-01-01T00:00:00Z"),
            ),
            (Shape::Blob, vec!["aGVsbG8="], json!("aGVsbG8=")),
            (
                strings(),
                vec!["subnet-a", "subnet-b"],
                json!(["subnet-a", "subnet-b"]),
            ),
            (strings(), vec!["a,b"], json!(["a,b"])),
            (strings(), vec!["{not json}"], json!(["{not json}"])),
            (list(Shape::Integer), vec!["1", "2"], json!([1, 2])),
            (list(Shape::Integer), vec!["[1, 2]"], json!([1, 2])),
            (list(Shape::Integer), vec![], json!([])),
        ];
        for (shape, values, expected) in cases {
            assert_eq!(
                parse("x", &shape, &values),
                Ok(expected),
                "{shape:?} {values:?}"
            );
        }
    }

    #[test]
    fn errors_are_worded_and_classified_like_the_cli() {
        let cases: Vec<(&str, Shape, Vec<&str>, String, i32)> = vec![
            (
                "filters",
                ec2_filters(),
                vec!["Name"],
                "Error parsing parameter '--filters': Expected: '=', received: 'EOF' for input:\nName\n    ^".into(),
                252,
            ),
            (
                "filters",
                ec2_filters(),
                vec!["Name:tag:Name,Values:foo"],
                format!(
                    "Error parsing parameter '--filters': Expected: '=', received: ',' for input:\n\
                     Name:tag:Name,Values:foo\n{}^",
                    " ".repeat(13)
                ),
                252,
            ),
            (
                "filters",
                ec2_filters(),
                vec!["Name=a", r#"{"Name": "b"}"#],
                "Error parsing parameter '--filters': Expected: '=', received: '{' for input:\n{\"Name\": \"b\"}\n^".into(),
                252,
            ),
            (
                "network-configuration",
                network_configuration(),
                vec!["awsvpcConfiguration={subnets=subnet-1,subnet-2}"],
                format!(
                    "Error parsing parameter '--network-configuration': Expected: '=', received: '}}' for input:\n\
                     awsvpcConfiguration={{subnets=subnet-1,subnet-2}}\n{}^",
                    " ".repeat(46)
                ),
                252,
            ),
            (
                "network-configuration",
                network_configuration(),
                vec![""],
                "Error parsing parameter '--network-configuration': Expected: '=', received: 'EOF' for input:\n\n^".into(),
                252,
            ),
            (
                "network-configuration",
                network_configuration(),
                vec![r#"{"awsvpcConfiguration": }"#],
                "Error parsing parameter '--network-configuration': Invalid JSON: Expecting value: line 1 column 25 (char 24)\nJSON received: {\"awsvpcConfiguration\": }".into(),
                252,
            ),
            (
                "network-configuration",
                network_configuration(),
                vec!["{'awsvpcConfiguration': 1}"],
                "Error parsing parameter '--network-configuration': Invalid JSON: Expecting property name enclosed in double quotes: line 1 column 2 (char 1)\nJSON received: {'awsvpcConfiguration': 1}".into(),
                252,
            ),
            (
                "network-configuration",
                network_configuration(),
                vec!["[1]"],
                "Error parsing parameter '--network-configuration': Invalid JSON:\n[1]".into(),
                252,
            ),
            (
                "docker-labels",
                Shape::Map(Box::new(Shape::String)),
                vec!["{\"a\": \"b\"} x"],
                "Error parsing parameter '--docker-labels': Invalid JSON: Extra data: line 1 column 12 (char 11)\nJSON received: {\"a\": \"b\"} x".into(),
                252,
            ),
            (
                "filters",
                ec2_filters(),
                vec![r#"[{"Name":"a"},]"#],
                "Error parsing parameter '--filters': Invalid JSON: Illegal trailing comma before end of array: line 1 column 14 (char 13)\nJSON received: [{\"Name\":\"a\"},]".into(),
                252,
            ),
            (
                "filters",
                ec2_filters(),
                vec!["[{\"Name\":\n\"a\" \"b\"}]"],
                "Error parsing parameter '--filters': Invalid JSON: Expecting ',' delimiter: line 2 column 5 (char 14)\nJSON received: [{\"Name\":\n\"a\" \"b\"}]".into(),
                252,
            ),
            (
                "filters",
                ec2_filters(),
                vec![r#"{"Name": "a"}"#, "Name=b"],
                "Error parsing parameter '--filters': Invalid JSON:\nName=b".into(),
                252,
            ),
            (
                "desired-count",
                Shape::Integer,
                vec!["three"],
                "invalid literal for int() with base 10: 'three'".into(),
                255,
            ),
            (
                "ratio",
                Shape::Double,
                vec!["1,5"],
                "could not convert string to float: '1,5'".into(),
                255,
            ),
            (
                "ports",
                list(Shape::Integer),
                vec!["80", "http"],
                "Error parsing parameter '--ports': 80".into(),
                252,
            ),
            (
                "port-mappings",
                list(port_mapping()),
                vec!["containerPort=eighty"],
                "invalid literal for int() with base 10: 'eighty'".into(),
                255,
            ),
            (
                "port-mappings",
                list(port_mapping()),
                vec!["containerPort=[80,81]"],
                "int() argument must be a string, a bytes-like object or a real number, not 'list'".into(),
                255,
            ),
            (
                "deployment-configuration",
                deployment_configuration(),
                vec!["deploymentCircuitBreaker={enable=[true]}"],
                "'list' object has no attribute 'lower'".into(),
                255,
            ),
            (
                "tags",
                ecs_tags(),
                vec!["key=a,value@=file://value.txt"],
                "Unable to load paramfile file://value.txt: files cannot be read from shorthand (@=) in this sandbox".into(),
                255,
            ),
            (
                "cluster",
                Shape::String,
                vec![],
                "argument --cluster: expected one argument".into(),
                252,
            ),
        ];
        for (option, shape, values, expected, status) in cases {
            match parse(option, &shape, &values) {
                Ok(value) => panic!("--{option} {values:?} parsed to {value}"),
                Err(error) => {
                    assert_eq!(error.message, expected, "--{option} {values:?}");
                    assert_eq!(error.to_string(), expected);
                    assert_eq!(error.exit_status(), status, "--{option} {values:?}");
                }
            }
        }
    }

    #[test]
    fn json_decoder_positions_match_cpython() {
        let cases = [
            (
                "{",
                "Expecting property name enclosed in double quotes: line 1 column 2 (char 1)",
            ),
            (
                "{\"a\" 1}",
                "Expecting ':' delimiter: line 1 column 6 (char 5)",
            ),
            (
                "{\"a\": 1,}",
                "Illegal trailing comma before end of object: line 1 column 8 (char 7)",
            ),
            ("[1, 2", "Expecting ',' delimiter: line 1 column 6 (char 5)"),
            ("[1,", "Expecting value: line 1 column 4 (char 3)"),
            ("[-]", "Expecting value: line 1 column 2 (char 1)"),
            ("[01]", "Expecting ',' delimiter: line 1 column 3 (char 2)"),
            (
                "[\"abc]",
                "Unterminated string starting at: line 1 column 2 (char 1)",
            ),
            (
                "[\"a\tb\"]",
                "Invalid control character at: line 1 column 4 (char 3)",
            ),
            ("[\"a\\qb\"]", "Invalid \\escape: line 1 column 4 (char 3)"),
            (
                "[\"\\u12G4\"]",
                "Invalid \\uXXXX escape: line 1 column 4 (char 3)",
            ),
            (
                "{\"a\":\"\\u1234",
                "Invalid \\uXXXX escape: line 1 column 8 (char 7)",
            ),
            ("[1]\n\n x", "Extra data: line 3 column 2 (char 6)"),
        ];
        for (text, expected) in cases {
            match py_json::loads(text) {
                Err(py_json::JsonError::Decode(detail)) => assert_eq!(detail, expected, "{text:?}"),
                _ => panic!("{text:?} should fail to decode"),
            }
        }
    }

    #[test]
    fn nesting_is_bounded() {
        let deep_json = "[".repeat(5000);
        assert_eq!(
            message(parse("x", &strings(), &[deep_json.as_str()])),
            "maximum recursion depth exceeded while decoding a JSON array from a unicode string"
        );
        let deep_shorthand = format!("a={}", "[".repeat(5000));
        assert_eq!(
            message(parse("x", &structure(&[]), &[deep_shorthand.as_str()])),
            "maximum recursion depth exceeded"
        );
        let deep_hash = format!("a={}", "{b=".repeat(5000));
        assert_eq!(
            message(parse("x", &structure(&[]), &[deep_hash.as_str()])),
            "maximum recursion depth exceeded"
        );
        let allowed = format!("{}{}", "[".repeat(MAX_NESTING), "]".repeat(MAX_NESTING));
        assert!(parse("x", &strings(), &[allowed.as_str()]).is_ok());
    }

    // --- botocore's validator -----------------------------------------------------------------

    fn create_service_members() -> Vec<Member> {
        vec![
            member("cluster", Shape::String, false),
            member("serviceName", Shape::String, true),
            member("desiredCount", Shape::Integer, false),
            member("networkConfiguration", network_configuration(), false),
            member("placementStrategy", placement_strategy(), false),
            member("deploymentConfiguration", deployment_configuration(), false),
            member("tags", ecs_tags(), false),
            member("filters", ec2_filters(), false),
            member("ratio", Shape::Double, false),
            member("createdAt", Shape::Timestamp, false),
            member("labels", Shape::Map(Box::new(Shape::String)), false),
        ]
    }

    #[test]
    fn validator_reports_like_botocore() {
        let all = "cluster, serviceName, desiredCount, networkConfiguration, placementStrategy, \
                   deploymentConfiguration, tags, filters, ratio, createdAt, labels";
        let cases: Vec<(Value, String)> = vec![
            (json!({}), "Missing required parameter in input: \"serviceName\"".into()),
            (
                json!({"serviceName": "web", "filters": [{"Name": "a", "Foo": "b"}]}),
                "Unknown parameter in filters[0]: \"Foo\", must be one of: Name, Values".into(),
            ),
            (
                json!({"serviceName": "web", "desiredCount": "3"}),
                "Invalid type for parameter desiredCount, value: 3, type: <class 'str'>, valid types: <class 'int'>".into(),
            ),
            (
                json!({"serviceName": "web", "networkConfiguration": {"awsvpcConfiguration": {"assignPublicIp": "ENABLED"}}}),
                "Missing required parameter in networkConfiguration.awsvpcConfiguration: \"subnets\"".into(),
            ),
            (
                json!({"serviceName": "web", "networkConfiguration": {"awsvpcConfiguration": {"subnets": "subnet-1"}}}),
                "Invalid type for parameter networkConfiguration.awsvpcConfiguration.subnets, value: subnet-1, type: <class 'str'>, valid types: <class 'list'>, <class 'tuple'>".into(),
            ),
            (
                json!({"serviceName": "web", "deploymentConfiguration": {"deploymentCircuitBreaker": {"enable": "yes"}}}),
                "Invalid type for parameter deploymentConfiguration.deploymentCircuitBreaker.enable, value: yes, type: <class 'str'>, valid types: <class 'bool'>".into(),
            ),
            (
                json!({"serviceName": "web", "tags": {"key": "a"}}),
                "Invalid type for parameter tags, value: {'key': 'a'}, type: <class 'dict'>, valid types: <class 'list'>, <class 'tuple'>".into(),
            ),
            (
                json!({"serviceName": "web", "placementStrategy": ["spread"]}),
                "Invalid type for parameter placementStrategy[0], value: spread, type: <class 'str'>, valid types: <class 'dict'>".into(),
            ),
            (
                json!({"serviceName": "web", "ratio": "0.5", "labels": {"a": 1.0, "b": ["x", "it's"]}}),
                "Invalid type for parameter ratio, value: 0.5, type: <class 'str'>, valid types: <class 'float'>, <class 'decimal.Decimal'>, <class 'int'>\n\
                 Invalid type for parameter labels.a, value: 1.0, type: <class 'float'>, valid types: <class 'str'>\n\
                 Invalid type for parameter labels.b, value: ['x', \"it's\"], type: <class 'list'>, valid types: <class 'str'>".into(),
            ),
            (
                json!({"serviceName": null, "createdAt": [1], "cluster": 1e16}),
                "Invalid type for parameter serviceName, value: None, type: <class 'NoneType'>, valid types: <class 'str'>\n\
                 Invalid type for parameter createdAt, value: [1], type: <class 'list'>, valid types: <class 'datetime.datetime'>, timestamp-string\n\
                 Invalid type for parameter cluster, value: 1e+16, type: <class 'float'>, valid types: <class 'str'>".into(),
            ),
            (
                json!({"Cluster": "c", "desiredCount": "x"}),
                format!(
                    "Missing required parameter in input: \"serviceName\"\n\
                     Unknown parameter in input: \"Cluster\", must be one of: {all}\n\
                     Invalid type for parameter desiredCount, value: x, type: <class 'str'>, valid types: <class 'int'>"
                ),
            ),
            (
                json!([]),
                "Invalid type for parameter input, value: [], type: <class 'list'>, valid types: <class 'dict'>".into(),
            ),
        ];
        let members = create_service_members();
        for (input, expected) in cases {
            let error = validate_request(&input, &members).expect_err("should be rejected");
            assert_eq!(
                error.message,
                format!("Parameter validation failed:\n{expected}")
            );
            assert_eq!(error.exit_status(), 252);
        }
    }

    #[test]
    fn validator_accepts_what_botocore_accepts() {
        let members = create_service_members();
        let accepted = [
            json!({"serviceName": "web"}),
            json!({"serviceName": "web", "desiredCount": true, "ratio": 2, "createdAt": 1700000000}),
            json!({"serviceName": "web", "createdAt": "2024-05-01T10:00:00Z", "labels": {"a": "b"}}),
            json!({"serviceName": "web", "filters": [{"Name": "a", "Values": ["b"]}]}),
        ];
        for input in accepted {
            assert_eq!(validate_request(&input, &members), Ok(()), "{input}");
        }
    }

    #[test]
    fn shorthand_then_validation_reports_unknown_keys() {
        let filters = parse("filters", &ec2_filters(), &["Name=vpc-id,Valuez=vpc-1"])
            .expect("parses: unknown keys pass through");
        let request = json!({"Filters": filters});
        let members = [member("Filters", ec2_filters(), false)];
        assert_eq!(
            validate_request(&request, &members).map_err(|e| e.message),
            Err("Parameter validation failed:\nUnknown parameter in Filters[0]: \"Valuez\", must be one of: Name, Values".to_string())
        );
    }

    // --- Python helpers -------------------------------------------------------------------------

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
            assert_eq!(py_float_repr(number), expected);
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
            assert_eq!(crate::cli::python::repr_str(text), expected);
        }
    }

    #[test]
    fn python_number_parsing_matches() {
        let ints = [
            ("42", Ok(json!(42))),
            (" +7 ", Ok(json!(7))),
            ("1_000", Ok(json!(1000))),
        ];
        for (text, expected) in ints {
            assert_eq!(py_int(text), expected);
        }
        for bad in ["", "1.0", "_1", "1_", "1__0", "0x10", "- 1", "١"] {
            assert_eq!(
                py_int(bad),
                Err(format!(
                    "invalid literal for int() with base 10: {}",
                    crate::cli::python::repr_str(bad)
                ))
            );
        }
        let long = "x".repeat(300);
        let truncated: String = format!("'{long}'").chars().take(200).collect();
        assert_eq!(
            py_int(&long),
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
            assert_eq!(py_float(text), Ok(expected), "{text:?}");
        }
        for bad in ["", ".", "e5", "1e", "1._5", "abc", "1.5.2"] {
            assert!(py_float(bad).is_err(), "{bad:?}");
        }
    }

    // --- hostile input ----------------------------------------------------------------------------

    struct XorShift(u64);

    impl XorShift {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }

        fn text(&mut self, length: usize) -> String {
            const ALPHABET: &[char] = &[
                'a',
                'Z',
                '0',
                '=',
                ',',
                '[',
                ']',
                '{',
                '}',
                '"',
                '\'',
                '\\',
                ' ',
                '\n',
                '@',
                ':',
                '-',
                '.',
                '\u{e9}',
                '\u{1F600}',
                '\u{0}',
                'e',
                'n',
                'u',
                'l',
                '1',
            ];
            (0..length)
                .map(|_| {
                    let pick = usize::try_from(self.next() % ALPHABET.len() as u64).unwrap_or(0);
                    ALPHABET.get(pick).copied().unwrap_or('a')
                })
                .collect()
        }
    }

    #[test]
    fn garbage_never_panics_and_broken_input_is_rejected() {
        let shapes = [
            ec2_filters(),
            network_configuration(),
            container_definitions(),
            deployment_configuration(),
            Shape::Map(Box::new(Shape::Integer)),
            list(Shape::Integer),
            Shape::Integer,
            Shape::Double,
        ];
        let members = create_service_members();
        let mut rng = XorShift(0x9E37_79B9_7F4A_7C15);
        for round in 0..3000 {
            let length = usize::try_from(rng.next() % 40).unwrap_or(0);
            let garbage = rng.text(length);
            let shape = shapes.get(round % shapes.len()).unwrap_or(&Shape::String);
            if let Ok(value) = parse("x", shape, &[garbage.as_str()]) {
                let _ = validate_request(&json!({ "x": value }), &members);
            }
            // A leading comma can never start a key, and "{," can never start JSON.
            let broken = format!(",{garbage}");
            assert!(parse("x", &network_configuration(), &[broken.as_str()]).is_err());
            let broken_json = format!("{{,{garbage}");
            assert!(parse("x", &network_configuration(), &[broken_json.as_str()]).is_err());
        }
    }
}

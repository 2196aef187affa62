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

mod parse;
#[cfg(test)]
mod tests;
mod validate;

use crate::cli::python;
use crate::cli::shape::{Member, Shape};
use parse::{parse_shorthand, visit, ShorthandValue};
use serde_json::{Map, Value};
use std::fmt;
use validate::validate_structure;

/// How deeply JSON or shorthand values may nest: as deep as [`python::json`] decodes.
use crate::cli::python::json::MAX_NESTING;

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
    matches!(python::strip(value).chars().next(), Some('[' | '{'))
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
        Shape::Integer | Shape::Long => python::int(text).map_err(Fault::Value),
        Shape::Double => python::float(text).map_err(Fault::Value),
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
    python::json::loads(text).map_err(|error| match error {
        python::json::JsonError::Decode(detail) => {
            Fault::Param(format!("Invalid JSON: {detail}\nJSON received: {text}"))
        }
        python::json::JsonError::Recursion(detail) => Fault::General(detail),
    })
}

fn first_non_space(text: &str) -> Option<char> {
    text.chars().find(|c| !python::isspace(*c))
}

/// `value.lstrip()[0]` on an empty or blank string.
fn index_error() -> Fault {
    Fault::General("string index out of range".to_string())
}

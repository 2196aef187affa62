//! botocore's client-side `ParamValidator`: the `Parameter validation failed:` report.

use crate::cli::python;
use crate::cli::shape::{Member, Shape};
use serde_json::Value;

// ---------------------------------------------------------------------------------------------
// botocore.validate.ParamValidator
// ---------------------------------------------------------------------------------------------

pub(super) const LIST_TYPES: &str = "<class 'list'>, <class 'tuple'>";
pub(super) const DICT_TYPES: &str = "<class 'dict'>";
pub(super) const STR_TYPES: &str = "<class 'str'>";
pub(super) const INT_TYPES: &str = "<class 'int'>";
pub(super) const BOOL_TYPES: &str = "<class 'bool'>";
pub(super) const DOUBLE_TYPES: &str = "<class 'float'>, <class 'decimal.Decimal'>, <class 'int'>";
pub(super) const BLOB_TYPES: &str = "<class 'bytes'>, <class 'bytearray'>, file-like object";
pub(super) const TIMESTAMP_TYPES: &str = "<class 'datetime.datetime'>, timestamp-string";

/// botocore's `_get_name`: the request itself is `input`; member paths lose their leading dot.
pub(super) fn report_name(name: &str) -> &str {
    if name.is_empty() {
        "input"
    } else {
        name.strip_prefix('.').unwrap_or(name)
    }
}

pub(super) fn report_invalid_type(
    report: &mut Vec<String>,
    name: &str,
    value: &Value,
    valid: &str,
) {
    report.push(format!(
        "Invalid type for parameter {}, value: {}, type: {}, valid types: {valid}",
        report_name(name),
        python::str_of(value),
        python::type_name(value)
    ));
}

pub(super) fn validate(value: &Value, shape: &Shape, name: &str, report: &mut Vec<String>) {
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

pub(super) fn validate_structure(
    value: &Value,
    members: &[Member],
    name: &str,
    report: &mut Vec<String>,
) {
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

pub(super) fn validate_scalar(value: &Value, shape: &Shape, name: &str, report: &mut Vec<String>) {
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

pub(super) fn is_py_int(value: &Value) -> bool {
    value.as_number().is_some_and(|n| !n.is_f64())
}

/// botocore accepts numbers (epoch seconds) and any string `dateutil` can parse. We accept
/// numbers, booleans, numeric strings, and strings that contain a digit and no control
/// characters: an approximation of dateutil's leniency (our choice).
pub(super) fn is_timestamp(value: &Value) -> bool {
    match value {
        Value::Number(_) | Value::Bool(_) => true,
        Value::String(text) => {
            python::float(text).is_ok()
                || (text.chars().any(|c| c.is_ascii_digit()) && !text.chars().any(char::is_control))
        }
        _ => false,
    }
}

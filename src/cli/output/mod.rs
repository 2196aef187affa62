//! The AWS CLI v2 output formatters: what `aws ... --output json|text|table` prints.
//!
//! `ecs-sim` answers like the real `aws ecs ...` command, so a learner can paste its output next
//! to real output, pipe `--output text` into `awk`, or read a `--output table` box exactly as AWS
//! draws it. Each formatter reproduces the AWS CLI's own Python implementation
//! (`awscli/formatter.py`, `awscli/text.py`, `awscli/table.py`), including how Python's `str()`,
//! `repr()` and `json.dump` print values. The value given is the response *after* `--query` was
//! applied, so it may be any JSON value. Removing `ResponseMetadata` is the caller's job, as in
//! the CLI.
//!
//! Where the CLI itself would crash with a Python exception (for instance a list mixing objects
//! and strings in a table), we print a plausible rendering instead; each such place is marked
//! "our choice".

mod json;
mod table;
#[cfg(test)]
mod tests;
mod text;

use serde_json::Value;

/// The `--output` choices of the AWS CLI that the sandbox supports (the CLI v2 also knows `yaml`,
/// `yaml-stream` and `off`, which the sandbox does not model).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutputFormat {
    /// `--output json`: Python's `json.dump(indent=4, ensure_ascii=False)`, the CLI default.
    Json,
    /// `--output text`: tab-separated lines, one per object, for shell pipelines.
    Text,
    /// `--output table`: the boxed, human-oriented rendering.
    Table,
}

impl OutputFormat {
    /// Parses the value of `--output` (or the `output` profile setting); the CLI's argument
    /// parser accepts only these exact lowercase spellings, so anything else is `None`.
    pub fn parse(s: &str) -> Option<OutputFormat> {
        match s {
            "json" => Some(OutputFormat::Json),
            "text" => Some(OutputFormat::Text),
            "table" => Some(OutputFormat::Table),
            _ => None,
        }
    }
}

/// Formats a response (after `--query` was applied, so it can be any JSON value) the way the
/// AWS CLI prints it to a non-terminal stdout. `command_title` is the operation name in
/// PascalCase (e.g. "DescribeClusters"), which the CLI uses as the title of a table.
///
/// An empty string means the CLI prints nothing (an empty object in json; an empty or "falsy"
/// value in table; an empty list or object in text).
pub fn format(value: &Value, format: OutputFormat, command_title: &str) -> String {
    match format {
        OutputFormat::Json => json::render(value),
        OutputFormat::Text => text::render(value),
        OutputFormat::Table => table::render(value, command_title, Some(NON_TTY_TERMINAL_WIDTH)),
    }
}

/// How deep the formatters descend into nested values: as deep as Python's `repr` does here
/// (our choice; see [`crate::cli::python::repr::MAX_DEPTH`]).
const MAX_DEPTH: usize = crate::cli::python::repr::MAX_DEPTH;

/// The terminal width the table formatter assumes when stdout is not a terminal: `awscli/table.py`
/// asks the tty for its size and falls back to 80 columns when that fails (a pipe or a file).
/// A table wider than this has its single-row sections turned vertical.
const NON_TTY_TERMINAL_WIDTH: usize = 80;

/// Whether the formatters treat a value as a scalar (anything but a list or a dict).
fn is_scalar(value: &Value) -> bool {
    !matches!(value, Value::Array(_) | Value::Object(_))
}

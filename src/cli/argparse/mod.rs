//! How the AWS CLI v2 turns the words of `aws SERVICE OPERATION ...` into
//! options, and the usage errors (exit status 252) it prints when it cannot.
//!
//! The real CLI parses a command line in three argparse passes
//! (`awscli/clidriver.py`, `awscli/argparser.py`):
//!
//! 1. `MainArgParser` sees every word. It knows only the *global* options
//!    (`awscli/data/cli.json`) and one positional, `command` (the service).
//!    Global options are therefore recognised anywhere on the line, and a
//!    prefix such as `--reg` is taken as `--region` before the operation's own
//!    options are ever looked at. Unknown words are passed on.
//! 2. `ServiceArgParser` sees what is left. It has no options and one
//!    positional, `operation`.
//! 3. `ArgTableArgParser` sees what is left after that: the operation's own
//!    options (one per input member; booleans as `--x`/`--no-x`; lists with
//!    `nargs='*'`), the `--cli-input-json`, `--cli-input-yaml` and
//!    `--generate-cli-skeleton` customizations, and a hidden positional
//!    `help` (`nargs='?'`). Words still unknown afterwards make the CLI fail
//!    with `Unknown options: ...`.
//!
//! Each pass is Python's argparse (prefix matching with `allow_abbrev`,
//! `--opt=value`, values that look like options, `--`), reproduced here by a
//! small engine that follows CPython 3.13's `_parse_known_args` including the
//! later 3.13.x fixes (ambiguity reported when the option is consumed, the
//! `-\.?\d` negative-number rule, deferred empty positionals, `--` stripping).
//!
//! Error texts are those of the CLI v2 releases that print `aws: error:`
//! (2.0 up to the 2025 switch to `aws: [ERROR]:`): the argparse errors go
//! through `CLIArgParser.error` and `ParamValidationErrorsHandler`, the
//! unknown-options error through `UnknownArgumentErrorHandler`; both exit 252.
//!
//! Required parameters and `--cli-input-json`: the CLI does not read the JSON
//! while parsing. Instead `OverrideRequiredArgsArgument` switches every
//! parameter to "not required" when the exact word `--cli-input-json` (or
//! `--cli-input-yaml`, or `--generate-cli-skeleton` not followed by `output`)
//! is among the operation's words, and botocore later reports missing members
//! ("Missing required parameter in input"). [`parse_options`] applies that rule
//! itself whenever the operation's specs contain those options; callers use
//! [`required_overridden`] to learn that they must check required members
//! after merging the JSON.

use std::collections::{BTreeMap, BTreeSet};

use super::python;
use super::python::difflib::close_matches;

/// Exit status of every usage error of the AWS CLI v2 (`PARAM_VALIDATION_ERROR_RC`).
pub const USAGE_ERROR_EXIT_CODE: i32 = 252;

/// How an option takes its value, as the CLI's argument classes declare it to
/// argparse: a scalar (`CLIArgument`, one word), a list (`ListArgument`,
/// `nargs='*'`) or a boolean (`BooleanArgument`, `--x` and `--no-x`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OptKind {
    Scalar,
    List,
    Boolean,
}

/// One option of an operation (or a global option), name without the leading "--".
///
/// Operation options must be given in the order of the CLI's argument table
/// (input members in model order, then `cli-input-json`, `cli-input-yaml`,
/// `generate-cli-skeleton`): argparse lists ambiguous matches and missing
/// required options in that order. Global options are recognised by name
/// (see [`global_option_specs`]) and behave as `cli.json` declares them,
/// whatever kind the caller gives.
#[derive(Debug, Clone)]
pub struct OptSpec {
    pub name: String,
    pub kind: OptKind,
    pub required: bool,
}

/// A usage error; `message` is the full text the CLI prints to stderr (including the usage header when the CLI prints one).
///
/// The text starts and ends with the blank lines the CLI writes around it.
/// The exit status is always [`USAGE_ERROR_EXIT_CODE`].
#[derive(Debug, Clone, PartialEq)]
pub struct UsageError {
    pub message: String,
}

/// A parsed option value: a scalar's word, a list's words, or a boolean.
///
/// Booleans: an operation's `--x` gives `Bool(true)` and `--no-x` gives
/// `Bool(false)`, both under the key `x` (the last one wins, as in argparse).
/// A global flag (`--debug`, `--no-paginate`, `--no-cli-pager`, `--version`...)
/// gives `Bool(true)` under its own name when present.
#[derive(Debug, Clone, PartialEq)]
pub enum OptValue {
    Scalar(String),
    List(Vec<String>),
    Bool(bool),
}

/// Everything the CLI writes to stderr before the message of a usage error:
/// the blank line `ParamValidationErrorsHandler` / `UnknownArgumentErrorHandler`
/// start with, the usage text `CLIArgParser.format_usage()` renders from
/// `argparser.USAGE`, and the blank line before `aws: error: ...` (argparse
/// errors) or `Unknown options: ...`. A usage error's full text is
/// `USAGE_HEADER + "aws: error: " + message + "\n\n"`.
pub const USAGE_HEADER: &str =
    "\nusage: aws [options] <command> <subcommand> [<subcommand> ...] [parameters]\n\
To see help text, you can run:\n\
\n  aws help\n  aws <command> help\n  aws <command> <subcommand> help\n\n";

/// Builds the stderr text of an argparse error (`ArgParseException`).
fn argparse_error(message: &str) -> UsageError {
    UsageError {
        message: format!("{USAGE_HEADER}aws: error: {message}\n\n"),
    }
}

/// Builds the stderr text of `UnknownArgumentError` (words no parser took).
fn unknown_options_error(words: &[String]) -> UsageError {
    UsageError {
        message: format!("{USAGE_HEADER}Unknown options: {}\n\n", words.join(", ")),
    }
}

// ---------------------------------------------------------------------------
// The CLI's own options
// ---------------------------------------------------------------------------

/// How a global option of `cli.json` is declared to argparse.
#[derive(Debug, Clone, Copy)]
enum GlobalKind {
    /// Takes one word; non-empty `choices` are checked.
    Value(&'static [&'static str]),
    /// `store_true` / `store_false`: takes no word.
    Flag,
    /// `action='version'`: prints the version and exits 0 when seen.
    Version,
}

/// The AWS CLI v2 global options, in the order `MainArgParser` registers them
/// (`cli.json` order; `--version` re-added last by `MainArgParser._build`
/// with `conflict_handler='resolve'`). `--cli-auto-prompt` and
/// `--no-cli-auto-prompt` follow `--no-cli-pager` as in the v2 synopsis.
const GLOBAL_OPTIONS: &[(&str, GlobalKind)] = &[
    ("debug", GlobalKind::Flag),
    ("endpoint-url", GlobalKind::Value(&[])),
    ("no-verify-ssl", GlobalKind::Flag),
    ("no-paginate", GlobalKind::Flag),
    (
        "output",
        GlobalKind::Value(&["json", "text", "table", "yaml", "yaml-stream"]),
    ),
    ("query", GlobalKind::Value(&[])),
    ("profile", GlobalKind::Value(&[])),
    ("region", GlobalKind::Value(&[])),
    ("color", GlobalKind::Value(&["on", "off", "auto"])),
    ("no-sign-request", GlobalKind::Flag),
    ("ca-bundle", GlobalKind::Value(&[])),
    ("cli-read-timeout", GlobalKind::Value(&[])),
    ("cli-connect-timeout", GlobalKind::Value(&[])),
    (
        "cli-binary-format",
        GlobalKind::Value(&["base64", "raw-in-base64-out"]),
    ),
    ("no-cli-pager", GlobalKind::Flag),
    ("cli-auto-prompt", GlobalKind::Flag),
    ("no-cli-auto-prompt", GlobalKind::Flag),
    ("version", GlobalKind::Version),
];

/// Choices of the `--generate-cli-skeleton` customization (`nargs='?'`, const `input`).
const SKELETON_CHOICES: &[&str] = &["input", "output", "yaml-input"];

/// The global options of the AWS CLI v2, ready to be appended to an
/// operation's specs so that `--region`, `--query`, `--output`... parse as
/// the real `MainArgParser` parses them.
pub fn global_option_specs() -> Vec<OptSpec> {
    GLOBAL_OPTIONS
        .iter()
        .map(|(name, kind)| OptSpec {
            name: (*name).to_string(),
            kind: match kind {
                GlobalKind::Value(_) => OptKind::Scalar,
                GlobalKind::Flag | GlobalKind::Version => OptKind::Boolean,
            },
            required: false,
        })
        .collect()
}

/// The options every (non-streaming) operation gets from CLI customizations
/// after its model members: `--cli-input-json`, `--cli-input-yaml`
/// (`cliinput.py`) and `--generate-cli-skeleton` (`generatecliskeleton.py`).
pub fn operation_builtin_specs() -> Vec<OptSpec> {
    ["cli-input-json", "cli-input-yaml", "generate-cli-skeleton"]
        .iter()
        .map(|name| OptSpec {
            name: (*name).to_string(),
            kind: OptKind::Scalar,
            required: false,
        })
        .collect()
}

fn global_kind(name: &str) -> Option<GlobalKind> {
    GLOBAL_OPTIONS
        .iter()
        .find(|(global, _)| *global == name)
        .map(|(_, kind)| *kind)
}

// ---------------------------------------------------------------------------
// Service and operation choice
// ---------------------------------------------------------------------------

/// Picks the service (first word) out of `choices` or fails with the CLI's invalid-choice error (argument command), with close-match suggestions.
///
/// `choices` should be the CLI's command table in its order (services, then
/// customization commands, then `help`, which `create_parser` adds last):
/// the error lists them all, two per line. `None` (no word) gives argparse's
/// "the following arguments are required: command".
pub fn choose_service(word: Option<&str>, choices: &[&str]) -> Result<(), UsageError> {
    choose_positional("command", word, choices)
}

/// Same for the operation (argument operation) of a service.
///
/// `choices` should be the service's command table in order (operations,
/// then customizations such as `wait`, then `help`).
pub fn choose_operation(word: Option<&str>, choices: &[&str]) -> Result<(), UsageError> {
    choose_positional("operation", word, choices)
}

fn choose_positional(dest: &str, word: Option<&str>, choices: &[&str]) -> Result<(), UsageError> {
    let mut parser = Parser::default();
    parser.add(Action::positional(
        dest,
        Nargs::One,
        Some(choices.iter().map(|c| (*c).to_string()).collect()),
    ));
    let words: Vec<String> = word.iter().map(|w| (*w).to_string()).collect();
    match parser.parse_known(&words) {
        Ok(_) | Err(Failure::Version) => Ok(()),
        Err(Failure::Argparse(message)) => Err(argparse_error(&message)),
    }
}

/// The text `CLIArgParser._check_value` builds for a value outside `choices`:
/// every choice padded to 40 columns, two per line, then up to three
/// `difflib.get_close_matches(value, choices, cutoff=0.8)` suggestions.
fn invalid_choice_message(value: &str, choices: &[String]) -> String {
    let mut parts = vec!["Invalid choice, valid choices are:\n".to_string()];
    for pair in choices.chunks(2) {
        let padded: Vec<String> = pair.iter().map(|c| pad_right(c, 40)).collect();
        parts.push(padded.join(" | "));
    }
    let refs: Vec<&str> = choices.iter().map(String::as_str).collect();
    let possible = close_matches(value, &refs, 3, 0.8);
    if !possible.is_empty() {
        parts.push(format!(
            "\n\nInvalid choice: {}, maybe you meant:\n",
            python::repr_str(value)
        ));
        parts.extend(possible.iter().map(|p| format!("  * {p}")));
    }
    parts.join("\n")
}

/// Python's `'%-40s' % s`: left-justify to `width` code points, never truncate.
fn pad_right(s: &str, width: usize) -> String {
    let len = s.chars().count();
    let mut out = s.to_string();
    out.extend(std::iter::repeat_n(' ', width.saturating_sub(len)));
    out
}

// ---------------------------------------------------------------------------
// Option parsing pipeline
// ---------------------------------------------------------------------------

/// Parses the words after `aws SERVICE OPERATION` against the operation's
/// options plus the global options given in `specs`, the way the CLI's three
/// argparse passes do, returning full option names -> values.
///
/// Handles `--opt value`, `--opt=value`, unambiguous prefixes (`allow_abbrev`),
/// boolean `--x`/`--no-x`, lists taking words up to the next option word
/// (`nargs='*'`, so none is fine), values beginning with `-` (an error unless
/// written `--opt=-v` or shaped like a negative number), duplicates (last
/// wins), required options, unknown options and stray words.
///
/// Specs whose name is a v2 global option ([`global_option_specs`]) go to the
/// main pass; all others (including [`operation_builtin_specs`]) to the
/// operation pass. Only options present on the line appear in the map
/// (defaults such as `--color auto` are not filled in). Special outcomes:
/// `--version` (seen by the main pass) returns just `{"version": Bool(true)}`
/// because the CLI prints its version and exits 0 there; a lone `help`
/// operation word, or a stray `help` positional, returns the key `help` with
/// `Bool(true)`: the CLI shows the operation's help page instead of running it.
pub fn parse_options(
    specs: &[OptSpec],
    words: &[String],
) -> Result<BTreeMap<String, OptValue>, UsageError> {
    let mut line = vec!["service".to_string(), "operation".to_string()];
    line.extend_from_slice(words);
    let (mut values, rest) = match run_main_pass(specs, &line)? {
        MainPass::Version(values) => return Ok(values),
        MainPass::Rest(values, rest) => (values, rest),
    };
    let op_words = run_service_pass(&rest)?;
    if op_words.len() == 1 && op_words[0] == "help" {
        values.insert("help".to_string(), OptValue::Bool(true));
        return Ok(values);
    }
    let parser = operation_parser(specs, required_override_rule(specs, &op_words));
    let (namespace, mut extras) = parser.parse_known(&op_words).map_err(into_usage_error)?;
    match namespace.get(HELP_DEST) {
        Some(OptValue::Scalar(word)) if word == "help" => {
            values.insert("help".to_string(), OptValue::Bool(true));
            return Ok(values);
        }
        // `elif parsed_args.help:` -- an empty word is falsy and dropped.
        Some(OptValue::Scalar(word)) if !word.is_empty() => extras.push(word.clone()),
        _ => {}
    }
    if !extras.is_empty() {
        return Err(unknown_options_error(&extras));
    }
    collect_values(&namespace, &mut values);
    Ok(values)
}

/// Runs only the main (global-option) pass over the words after `aws SERVICE`
/// (operation word included) and returns the global options found.
///
/// The real CLI runs this pass before it checks the operation name, so
/// `aws ecs lst-tasks --output tabel` fails on `--output`; callers wanting
/// that precedence call this between [`choose_service`] and
/// [`choose_operation`]. `--version` returns `{"version": Bool(true)}`.
pub fn parse_global_options(
    specs: &[OptSpec],
    words_after_service: &[String],
) -> Result<BTreeMap<String, OptValue>, UsageError> {
    let mut line = vec!["service".to_string()];
    line.extend_from_slice(words_after_service);
    match run_main_pass(specs, &line)? {
        MainPass::Version(values) | MainPass::Rest(values, _) => Ok(values),
    }
}

/// Whether the CLI would switch every parameter of the operation to "not
/// required" for these words (the words after `aws SERVICE OPERATION`):
/// the exact word `--cli-input-json` or `--cli-input-yaml` is among the
/// operation's words, or `--generate-cli-skeleton` is and is not followed by
/// `output` (`OverrideRequiredArgsArgument`). Prefixes and `--opt=value`
/// forms do not count, exactly as in the CLI. When this is true the caller
/// must check required members itself after merging the JSON input.
pub fn required_overridden(specs: &[OptSpec], words: &[String]) -> bool {
    let mut line = vec!["service".to_string(), "operation".to_string()];
    line.extend_from_slice(words);
    let Ok(MainPass::Rest(_, rest)) = run_main_pass(specs, &line) else {
        return false;
    };
    run_service_pass(&rest)
        .map(|op_words| required_override_rule(specs, &op_words))
        .unwrap_or(false)
}

/// Result of the main pass: either `--version` stopped everything, or the
/// global values and the words handed on to the service parser.
enum MainPass {
    Version(BTreeMap<String, OptValue>),
    Rest(BTreeMap<String, OptValue>, Vec<String>),
}

fn run_main_pass(specs: &[OptSpec], line: &[String]) -> Result<MainPass, UsageError> {
    let parser = main_parser(specs);
    match parser.parse_known(line) {
        Err(Failure::Version) => {
            let mut values = BTreeMap::new();
            values.insert("version".to_string(), OptValue::Bool(true));
            Ok(MainPass::Version(values))
        }
        Err(Failure::Argparse(message)) => Err(argparse_error(&message)),
        Ok((namespace, extras)) => {
            let mut values = BTreeMap::new();
            collect_values(&namespace, &mut values);
            Ok(MainPass::Rest(values, extras))
        }
    }
}

/// `ServiceArgParser`: no options, one positional `operation`.
fn run_service_pass(words: &[String]) -> Result<Vec<String>, UsageError> {
    let mut parser = Parser::default();
    parser.add(Action::positional("operation", Nargs::One, None));
    let (_, extras) = parser.parse_known(words).map_err(into_usage_error)?;
    Ok(extras)
}

fn into_usage_error(failure: Failure) -> UsageError {
    match failure {
        Failure::Argparse(message) => argparse_error(&message),
        // Only the main parser has a version action.
        Failure::Version => argparse_error("unexpected --version"),
    }
}

/// Namespace key of the operation parser's hidden `help` positional; it
/// cannot clash with an option dest, which never starts with a space.
const HELP_DEST: &str = " help";

/// Positional placeholders of the main and service passes.
const COMMAND_DEST: &str = " command";

fn collect_values(namespace: &BTreeMap<String, OptValue>, values: &mut BTreeMap<String, OptValue>) {
    for (dest, parsed) in namespace {
        if dest.starts_with(' ') {
            continue;
        }
        values.insert(dest.clone(), parsed.clone());
    }
}

/// `MainArgParser`: the global options present in `specs` (in the CLI's
/// registration order) and the `command` positional.
fn main_parser(specs: &[OptSpec]) -> Parser {
    // (`extend`, not `collect`: collecting into a set instantiates a sort.)
    let mut wanted = BTreeSet::new();
    wanted.extend(specs.iter().map(|s| s.name.as_str()));
    let mut parser = Parser::default();
    for (name, kind) in GLOBAL_OPTIONS {
        if !wanted.contains(name) {
            continue;
        }
        let action = match kind {
            GlobalKind::Value(choices) => {
                let choices = (!choices.is_empty())
                    .then(|| choices.iter().map(|c| (*c).to_string()).collect());
                Action::option(name, name, Nargs::One, Effect::Store).with_choices(choices)
            }
            GlobalKind::Flag => Action::option(name, name, Nargs::Zero, Effect::SetBool(true)),
            GlobalKind::Version => Action::option(name, name, Nargs::Zero, Effect::Version),
        };
        parser.add(action);
    }
    parser.add(Action::positional(COMMAND_DEST, Nargs::One, None));
    parser
}

/// `ArgTableArgParser` for the operation: every non-global spec in order,
/// then the hidden `help` positional. `override_required` reflects
/// `OverrideRequiredArgsArgument`.
fn operation_parser(specs: &[OptSpec], override_required: bool) -> Parser {
    let mut parser = Parser::default();
    for spec in specs.iter().filter(|s| global_kind(&s.name).is_none()) {
        let name = spec.name.as_str();
        let required = spec.required && !override_required;
        match (name, spec.kind) {
            ("generate-cli-skeleton", _) => {
                let choices = SKELETON_CHOICES.iter().map(|c| (*c).to_string()).collect();
                let mut action = Action::option(name, name, Nargs::Optional, Effect::Store)
                    .with_choices(Some(choices));
                action.constant = Some("input".to_string());
                parser.add(action);
            }
            ("cli-input-json" | "cli-input-yaml", _) => {
                parser.add(Action::option(name, name, Nargs::One, Effect::Store));
            }
            (_, OptKind::Boolean) => {
                parser.add(Action::option(
                    name,
                    name,
                    Nargs::Zero,
                    Effect::SetBool(true),
                ));
                let negative = format!("no-{name}");
                parser.add(Action::option(
                    &negative,
                    name,
                    Nargs::Zero,
                    Effect::SetBool(false),
                ));
            }
            (_, OptKind::List) => {
                parser.add(
                    Action::option(name, name, Nargs::ZeroOrMore, Effect::Store).required(required),
                );
            }
            (_, OptKind::Scalar) => {
                parser
                    .add(Action::option(name, name, Nargs::One, Effect::Store).required(required));
            }
        }
    }
    parser.add(Action::positional(HELP_DEST, Nargs::Optional, None));
    parser
}

/// `OverrideRequiredArgsArgument.override_required_args` for the three
/// customizations, applied to the operation parser's input words.
fn required_override_rule(specs: &[OptSpec], op_words: &[String]) -> bool {
    let has_spec = |name: &str| specs.iter().any(|s| s.name == name);
    let has_word = |word: &str| op_words.iter().any(|w| w == word);
    let cli_input = ["cli-input-json", "cli-input-yaml"]
        .iter()
        .any(|name| has_spec(name) && has_word(&format!("--{name}")));
    let skeleton = has_spec("generate-cli-skeleton")
        && op_words
            .iter()
            .position(|w| w == "--generate-cli-skeleton")
            .is_some_and(|at| op_words.get(at + 1).map(String::as_str) != Some("output"));
    cli_input || skeleton
}

mod engine;
use engine::{Action, Effect, Failure, Nargs, Parser};

#[cfg(test)]
mod tests;

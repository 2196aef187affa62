//! The argparse engine: CPython 3.13's `argparse._parse_known_args`, reduced to what the AWS
//! CLI's three parsers use (long options with one option string each, at most one positional,
//! `nargs` of `None`, `'?'`, `'*'` and `0`, prefix matching with `allow_abbrev`, `--opt=value`,
//! the `-\.?\d` negative-number rule and `--`). The passes that drive it live in the parent
//! module.

use std::collections::BTreeMap;

use super::{invalid_choice_message, OptValue};
use crate::cli::python;

/// argparse `nargs` values the CLI uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Nargs {
    /// `None`: exactly one word.
    One,
    /// `'?'`: zero or one word.
    Optional,
    /// `'*'`: any number of words.
    ZeroOrMore,
    /// `0` (`store_true`, `store_false`, `version`).
    Zero,
}

/// What an action does with its value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Effect {
    Store,
    SetBool(bool),
    Version,
}

#[derive(Debug, Clone)]
pub(super) struct Action {
    pub(super) dest: String,
    /// The one option string (`--name`), or `None` for a positional.
    pub(super) option: Option<String>,
    pub(super) nargs: Nargs,
    pub(super) constant: Option<String>,
    pub(super) choices: Option<Vec<String>>,
    pub(super) required: bool,
    pub(super) effect: Effect,
}

impl Action {
    pub(super) fn option(name: &str, dest: &str, nargs: Nargs, effect: Effect) -> Action {
        Action {
            dest: dest.to_string(),
            option: Some(format!("--{name}")),
            nargs,
            constant: None,
            choices: None,
            required: false,
            effect,
        }
    }

    /// argparse makes a positional required unless its nargs allows zero words.
    pub(super) fn positional(dest: &str, nargs: Nargs, choices: Option<Vec<String>>) -> Action {
        Action {
            dest: dest.to_string(),
            option: None,
            nargs,
            constant: None,
            choices,
            required: nargs == Nargs::One,
            effect: Effect::Store,
        }
    }

    pub(super) fn with_choices(mut self, choices: Option<Vec<String>>) -> Action {
        self.choices = choices;
        self
    }

    pub(super) fn required(mut self, required: bool) -> Action {
        self.required = required;
        self
    }

    /// `_get_action_name`: the option string, else the dest (`command`, `operation`).
    pub(super) fn display_name(&self) -> &str {
        match &self.option {
            Some(option) => option,
            None => self.dest.trim_start(),
        }
    }

    pub(super) fn error(&self, message: &str) -> Failure {
        Failure::Argparse(format!("argument {}: {message}", self.display_name()))
    }
}

/// Why a parse stopped: an argparse error message (without the usage
/// header), or the version action exiting.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Failure {
    Argparse(String),
    Version,
}

/// One interpretation of an option word (`_parse_optional`'s tuples):
/// the action (or `None` for an unknown option), the option string matched,
/// and the explicit `=value`, if any.
#[derive(Debug, Clone)]
pub(super) struct OptMatch {
    action: Option<usize>,
    option_string: String,
    explicit: Option<String>,
}

/// Classification of one word in argparse's pattern string.
#[derive(Debug, Clone)]
pub(super) enum Token {
    /// `A`
    Arg,
    /// `O`
    Opt(Vec<OptMatch>),
    /// `-` (the first `--`)
    Separator,
}

impl Token {
    pub(super) fn letter(&self) -> char {
        match self {
            Token::Arg => 'A',
            Token::Opt(_) => 'O',
            Token::Separator => '-',
        }
    }
}

/// An argparse parser with `add_help=False`, `allow_abbrev=True`,
/// `prefix_chars='-'`, `conflict_handler='resolve'`, whose options each have
/// a single long option string and with at most one positional.
#[derive(Debug, Default)]
pub(super) struct Parser {
    actions: Vec<Action>,
}

/// Mutable state of one `_parse_known_args` run.
pub(super) struct Run<'a> {
    parser: &'a Parser,
    args: &'a [String],
    pattern: Vec<char>,
    tokens: Vec<Token>,
    namespace: BTreeMap<String, OptValue>,
    seen: Vec<usize>,
    extras: Vec<String>,
    positional_pending: bool,
}

impl Parser {
    /// `add_argument` with the `resolve` conflict handler: an option string
    /// already registered is taken away from its old action (here: the old
    /// action is dropped, since each action has one option string).
    pub(super) fn add(&mut self, action: Action) {
        if let Some(option) = &action.option {
            self.actions.retain(|a| a.option.as_ref() != Some(option));
        }
        self.actions.push(action);
    }

    pub(super) fn find_option(&self, option: &str) -> Option<usize> {
        self.actions
            .iter()
            .position(|a| a.option.as_deref() == Some(option))
    }

    pub(super) fn positional(&self) -> Option<usize> {
        self.actions.iter().position(|a| a.option.is_none())
    }

    /// `parse_known_args`: the namespace of actions taken and the words no
    /// action took, in order.
    pub(super) fn parse_known(
        &self,
        args: &[String],
    ) -> Result<(BTreeMap<String, OptValue>, Vec<String>), Failure> {
        let tokens = self.tokenize(args);
        let pattern = tokens.iter().map(Token::letter).collect();
        let mut run = Run {
            parser: self,
            args,
            pattern,
            tokens,
            namespace: BTreeMap::new(),
            seen: Vec::new(),
            extras: Vec::new(),
            positional_pending: self.positional().is_some(),
        };
        run.consume_all()?;
        run.check_required()?;
        Ok((run.namespace, run.extras))
    }

    /// Builds the `A`/`O`/`-` pattern: everything after the first `--` is `A`.
    pub(super) fn tokenize(&self, args: &[String]) -> Vec<Token> {
        let mut tokens = Vec::with_capacity(args.len());
        let mut after_separator = false;
        for arg in args {
            let token = if after_separator {
                Token::Arg
            } else if arg == "--" {
                after_separator = true;
                Token::Separator
            } else {
                match self.parse_optional(arg) {
                    Some(matches) => Token::Opt(matches),
                    None => Token::Arg,
                }
            };
            tokens.push(token);
        }
        tokens
    }

    /// `_parse_optional`: `None` when the word is a positional argument.
    pub(super) fn parse_optional(&self, arg: &str) -> Option<Vec<OptMatch>> {
        if !arg.starts_with('-') {
            return None;
        }
        if let Some(index) = self.find_option(arg) {
            return Some(vec![OptMatch {
                action: Some(index),
                option_string: arg.to_string(),
                explicit: None,
            }]);
        }
        if arg.chars().count() == 1 {
            return None;
        }
        if let Some((option, value)) = arg.split_once('=') {
            if let Some(index) = self.find_option(option) {
                return Some(vec![OptMatch {
                    action: Some(index),
                    option_string: option.to_string(),
                    explicit: Some(value.to_string()),
                }]);
            }
        }
        let matches = self.option_tuples(arg);
        if !matches.is_empty() {
            return Some(matches);
        }
        // No option of this parser looks like a negative number, so a word
        // matching `-\.?\d` is a positional (CPython 3.13.1+ rule).
        if looks_like_negative_number(arg) || arg.contains(' ') {
            return None;
        }
        Some(vec![OptMatch {
            action: None,
            option_string: arg.to_string(),
            explicit: None,
        }])
    }

    /// `_get_option_tuples`: every option the word is a prefix of.
    pub(super) fn option_tuples(&self, arg: &str) -> Vec<OptMatch> {
        let mut result = Vec::new();
        if arg.starts_with("--") {
            let (prefix, explicit) = match arg.split_once('=') {
                Some((prefix, value)) => (prefix, Some(value.to_string())),
                None => (arg, None),
            };
            for (index, action) in self.actions.iter().enumerate() {
                if let Some(option) = action.option.as_deref().filter(|o| o.starts_with(prefix)) {
                    result.push(OptMatch {
                        action: Some(index),
                        option_string: option.to_string(),
                        explicit: explicit.clone(),
                    });
                }
            }
        } else {
            // Single-dash words: every option string here starts with "--",
            // so none equals a two-character "-x" nor starts with "-x...".
            for (index, action) in self.actions.iter().enumerate() {
                if let Some(option) = action.option.as_deref().filter(|o| o.starts_with(arg)) {
                    result.push(OptMatch {
                        action: Some(index),
                        option_string: option.to_string(),
                        explicit: None,
                    });
                }
            }
        }
        result
    }
}

/// `re.match(r'-\.?\d', word)` (ASCII digits only; Python's `\d` also
/// accepts other Unicode decimal digits -- our simplification).
pub(super) fn looks_like_negative_number(word: &str) -> bool {
    let mut chars = word.chars();
    if chars.next() != Some('-') {
        return false;
    }
    match chars.next() {
        Some('.') => chars.next().is_some_and(|c| c.is_ascii_digit()),
        Some(c) => c.is_ascii_digit(),
        None => false,
    }
}

impl Run<'_> {
    /// The main loop of `_parse_known_args`: positionals and optionals
    /// alternately until the last option word, then trailing positionals.
    pub(super) fn consume_all(&mut self) -> Result<(), Failure> {
        let option_indices: Vec<usize> = self
            .tokens
            .iter()
            .enumerate()
            .filter(|(_, t)| matches!(t, Token::Opt(_)))
            .map(|(i, _)| i)
            .collect();
        let mut start = 0;
        while let Some(next) = option_indices.iter().copied().find(|&i| i >= start) {
            if start != next {
                let end = self.consume_positionals(start)?;
                if end > start {
                    start = end;
                    continue;
                }
            }
            if start != next {
                let skipped = self.slice(start, next);
                self.extras.extend(skipped);
                start = next;
            }
            start = self.consume_optional(start)?;
        }
        let stop = self.consume_positionals(start)?;
        let rest = self.slice(stop, self.args.len());
        self.extras.extend(rest);
        Ok(())
    }

    /// The words `from..to` (clamped to the line).
    pub(super) fn slice(&self, from: usize, to: usize) -> Vec<String> {
        self.args
            .get(from..to.min(self.args.len()))
            .unwrap_or(&[])
            .to_vec()
    }

    /// `consume_optional`: the option word at `index` and the words it takes.
    pub(super) fn consume_optional(&mut self, index: usize) -> Result<usize, Failure> {
        let Some(Token::Opt(matches)) = self.tokens.get(index) else {
            return Ok(index + 1);
        };
        if matches.len() > 1 {
            let names: Vec<&str> = matches.iter().map(|m| m.option_string.as_str()).collect();
            return Err(Failure::Argparse(format!(
                "ambiguous option: {} could match {}",
                self.slice(index, index + 1).concat(),
                names.join(", ")
            )));
        }
        let Some(found) = matches.first().cloned() else {
            return Ok(index + 1);
        };
        let Some(action_index) = found.action else {
            let unknown = self.slice(index, index + 1);
            self.extras.extend(unknown);
            return Ok(index + 1);
        };
        let action = &self.parser.actions[action_index];
        if let Some(explicit) = found.explicit {
            if action.nargs == Nargs::Zero {
                return Err(action.error(&format!(
                    "ignored explicit argument {}",
                    python::repr_str(&explicit)
                )));
            }
            self.take_action(action_index, vec![explicit])?;
            return Ok(index + 1);
        }
        let start = index + 1;
        let count = self.match_option_words(action, start)?;
        let words = self.slice(start, start + count);
        self.take_action(action_index, words)?;
        Ok(start + count)
    }

    /// `_match_argument` for an option: how many following words it takes.
    pub(super) fn match_option_words(
        &self,
        action: &Action,
        start: usize,
    ) -> Result<usize, Failure> {
        let rest = self.pattern.get(start..).unwrap_or(&[]);
        let leading_args = rest.iter().take_while(|&&c| c == 'A').count();
        match action.nargs {
            Nargs::One if leading_args == 0 => Err(action.error("expected one argument")),
            Nargs::One => Ok(1),
            Nargs::Optional => Ok(leading_args.min(1)),
            Nargs::ZeroOrMore => Ok(leading_args),
            Nargs::Zero => Ok(0),
        }
    }

    /// `consume_positionals` for our single positional, with
    /// `_match_arguments_partial`'s rule that an empty match just before an
    /// option word is deferred.
    pub(super) fn consume_positionals(&mut self, start: usize) -> Result<usize, Failure> {
        let Some(action_index) = self.parser.positional().filter(|_| self.positional_pending)
        else {
            return Ok(start);
        };
        let rest = self.pattern.get(start..).unwrap_or(&[]);
        let nargs = self.parser.actions[action_index].nargs;
        let Some(count) = positional_match(nargs, rest) else {
            return Ok(start);
        };
        if count == 0 && rest.first() == Some(&'O') {
            return Ok(start);
        }
        let mut words = self.slice(start, start + count);
        if rest.iter().take(count).any(|&c| c == '-') {
            if let Some(at) = words.iter().position(|w| w == "--") {
                words.remove(at);
            }
        }
        self.positional_pending = false;
        self.take_action(action_index, words)?;
        Ok(start + count)
    }

    /// `take_action`: convert, check choices, store.
    pub(super) fn take_action(
        &mut self,
        action_index: usize,
        words: Vec<String>,
    ) -> Result<(), Failure> {
        self.seen.push(action_index);
        let action = &self.parser.actions[action_index];
        let value = get_values(action, words)?;
        match action.effect {
            Effect::Version => return Err(Failure::Version),
            Effect::SetBool(flag) => {
                self.namespace
                    .insert(action.dest.clone(), OptValue::Bool(flag));
            }
            Effect::Store => match value {
                Some(value) => {
                    self.namespace.insert(action.dest.clone(), value);
                }
                None => {
                    self.namespace.remove(&action.dest);
                }
            },
        }
        Ok(())
    }

    /// "the following arguments are required: ..." in action order.
    pub(super) fn check_required(&self) -> Result<(), Failure> {
        let missing: Vec<&str> = self
            .parser
            .actions
            .iter()
            .enumerate()
            .filter(|(i, a)| a.required && !self.seen.contains(i))
            .map(|(_, a)| a.display_name())
            .collect();
        if missing.is_empty() {
            return Ok(());
        }
        Err(Failure::Argparse(format!(
            "the following arguments are required: {}",
            missing.join(", ")
        )))
    }
}

/// Greedy match of a positional's nargs pattern (`-*A-*` or `-*A?-*`) at the
/// start of `pattern`: the number of words taken, or `None` if it fails.
pub(super) fn positional_match(nargs: Nargs, pattern: &[char]) -> Option<usize> {
    let dashes = |from: usize| pattern.iter().skip(from).take_while(|&&c| c == '-').count();
    let mut count = dashes(0);
    let has_arg = pattern.get(count) == Some(&'A');
    match nargs {
        Nargs::One if !has_arg => return None,
        Nargs::One | Nargs::Optional if has_arg => count += 1,
        _ => {}
    }
    Some(count + dashes(count))
}

/// `_get_values`: the value an action stores (`None` = argparse's `None`),
/// checking choices with the CLI's `_check_value`.
pub(super) fn get_values(action: &Action, words: Vec<String>) -> Result<Option<OptValue>, Failure> {
    let is_option = action.option.is_some();
    let value = match (action.nargs, words.len()) {
        (Nargs::Optional, 0) if is_option => action.constant.clone().map(OptValue::Scalar),
        (Nargs::Optional, 0) => None,
        (Nargs::One | Nargs::Optional, _) => words.into_iter().next().map(OptValue::Scalar),
        (Nargs::ZeroOrMore | Nargs::Zero, _) => Some(OptValue::List(words)),
    };
    let checked: Vec<&String> = match &value {
        Some(OptValue::Scalar(s)) => vec![s],
        Some(OptValue::List(l)) => l.iter().collect(),
        _ => Vec::new(),
    };
    if let Some(choices) = &action.choices {
        if let Some(bad) = checked.into_iter().find(|v| !choices.contains(v)) {
            return Err(action.error(&invalid_choice_message(bad, choices)));
        }
    }
    Ok(value)
}

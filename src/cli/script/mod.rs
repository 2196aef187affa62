//! The small shell dialect that `ecs-sim` scripts and console lines are written in
//! (DESIGN.md section 4).
//!
//! AWS documentation and tutorials drive ECS from a POSIX shell: they capture an ARN with
//! `ARN=$(aws ecs ... --query ... --output text)` and pass it on as `"$ARN"`. To run those
//! snippets unchanged, this module implements the part of the shell they use, with POSIX
//! rules: `#` comments, `\` line continuation, single and double quotes, `NAME=value`
//! assignments (and `export`), `$NAME` / `${NAME}` / `$?` expansion, `$(...)` command
//! substitution, field splitting of unquoted expansions on spaces, tabs and newlines (the
//! default IFS), `echo`, `;`, `&&` and `||`.
//!
//! Everything else a shell offers (pipes, redirections, backticks, subshells, globbing,
//! control flow) is outside the dialect: a line that uses it gets a clear error
//! (`ecs-sim: line N: ...`, exit status 2) and the script goes on, like a shell without
//! `set -e`. `*` and `~` are plain characters: no globbing or tilde expansion.
//!
//! # How it works
//! A `Lexer` turns the source into tokens one top-level command line at a time, keeping
//! the nesting of quotes and `$(...)` on an explicit stack (so no input can exhaust the call
//! stack). A line with a lexical error is reported as a whole; otherwise a recursive parser,
//! bounded by [`MAX_SUBSTITUTION_DEPTH`], builds and-or lists of simple commands, which the
//! `Shell` expands and runs, handing every command other than `echo`, `export` and
//! assignments to a [`Host`].

mod lex;

use lex::*;
use std::collections::BTreeMap;

/// How deeply `$(...)` may nest. A shell has no fixed limit; ours bounds the recursion of
/// the parser and of the executor (our choice: 16 is far more than any real script uses).
pub const MAX_SUBSTITUTION_DEPTH: usize = 16;

/// The most bytes the expansions of one command may add up to (its variables and `$(...)`
/// outputs, as words or as an assigned value). A shell has no limit but memory; ours refuses
/// the command instead, so `A=$A$A$A...` repeated a few times cannot grow a variable until
/// the browser tab dies (our choice: 8 MiB is far more than any ARN list or JSON document a
/// script passes on).
pub const MAX_EXPANSION_BYTES: usize = 8 << 20;

/// Exit status of a line the dialect cannot run (syntax error or unsupported construct),
/// the status bash uses for misuse of shell syntax.
pub const SYNTAX_ERROR_EXIT: i32 = 2;

/// Key under which [`run`] keeps the exit status of the last command (the shell's special
/// parameter `$?`) in the variable map, so that a console keeps `$?` from one line to the
/// next. `?` is not a valid variable name, so no assignment can clash with it.
pub const LAST_STATUS_KEY: &str = "?";

/// What a command printed and its exit status.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Output {
    /// What the command wrote to standard output (what the AWS CLI prints on success).
    pub stdout: String,
    /// What the command wrote to standard error (AWS error messages, shell errors).
    pub stderr: String,
    /// Exit status: 0 for success; the AWS CLI uses 254 for service errors, 252 for usage.
    pub exit: i32,
}

/// The world the script drives: runs one command, given its words after expansion.
pub trait Host {
    /// Runs a command whose words are `argv` (`argv[0]` is the command name, never "echo" or an
    /// assignment). `line` is the 1-based line where the command starts.
    fn exec(&mut self, argv: &[String], line: u32) -> Output;
    /// Simulated time in ms, reported per executed line.
    fn now_ms(&self) -> u64;
    /// The response of the operation the last [`Host::exec`] ran, taken (None if it ran none,
    /// or failed). Required, not defaulted, so a host that wraps another cannot forget it.
    fn take_response(&mut self) -> Option<serde_json::Value>;
    /// How many events the world has logged so far (a command's events are those logged
    /// while it ran).
    fn event_count(&self) -> usize;
}

/// What a command did, as data beside what it printed: views read this, never stdout.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Outcome {
    /// The operation's response as the API answered it (before `--query` and `--output`).
    pub response: Option<serde_json::Value>,
    /// The events the command caused (its `$(...)` substitutions' included): positions in
    /// the simulation's event log.
    pub events: std::ops::Range<usize>,
}

/// One executed command, for `--jsonl` and for the UI's history.
#[derive(Debug, Clone, PartialEq)]
pub struct Executed {
    /// 1-based line where the command starts.
    pub line: u32,
    /// The source text of the command, continuations joined with the backslash-newline
    /// removed, trimmed.
    pub command: String,
    /// What it printed (including the stderr of its `$(...)` substitutions) and its status.
    pub output: Output,
    /// Simulated time after the command ran.
    pub sim_time_ms: u64,
    /// Its response and events, as data.
    pub outcome: Outcome,
}

/// Runs a whole script, like `sh script` without `set -e`: the script goes on after a
/// failing command.
///
/// `vars` holds the shell variables and receives assignments; `vars["?"]` (see
/// [`LAST_STATUS_KEY`]) seeds `$?` and receives the final status. Returns one record per
/// executed command (assignments and `echo` included; blank and comment lines excluded;
/// commands skipped by `&&`/`||` excluded); a line with a syntax error or an unsupported
/// construct gives one record with exit status [`SYNTAX_ERROR_EXIT`].
pub fn run(src: &str, host: &mut dyn Host, vars: &mut BTreeMap<String, String>) -> Vec<Executed> {
    let mut lexer = Lexer::new(src);
    let last_exit = vars
        .get(LAST_STATUS_KEY)
        .and_then(|status| status.parse().ok())
        .unwrap_or(0);
    let mut shell = Shell {
        host,
        vars,
        last_exit,
        undo: Vec::new(),
        subshells: 0,
    };
    let mut records = Vec::new();
    while let Some(tokens) = lexer.next_line() {
        shell.run_tokens(&tokens, &lexer.source, &mut records);
    }
    let status = shell.last_exit.to_string();
    shell.vars.insert(LAST_STATUS_KEY.to_string(), status);
    records
}

/// Splits one line of input (as typed in a console) and runs it the same way: a console line
/// is a one-line script, so `;`, `&&`, quotes and `$(...)` work there too, and `$?` carries
/// over from the previous line through `vars`.
pub fn run_line(
    line: &str,
    host: &mut dyn Host,
    vars: &mut BTreeMap<String, String>,
) -> Vec<Executed> {
    run(line, host, vars)
}

// ---------------------------------------------------------------------------------------------
// Parser
// ---------------------------------------------------------------------------------------------

#[derive(Debug, Clone, PartialEq)]
enum Part {
    Lit { text: String, quoted: bool },
    Param { name: String, quoted: bool },
    Subst { list: Vec<AndOr>, quoted: bool },
}

#[derive(Debug, Clone, PartialEq, Default)]
struct Word {
    parts: Vec<Part>,
}

/// A simple command: words, and where its text is in the source.
#[derive(Debug, Clone, PartialEq)]
struct Simple {
    words: Vec<Word>,
    start: usize,
    end: usize,
    line: u32,
}

/// `a && b || c`: the first command, then each further one with the operator before it.
#[derive(Debug, Clone, PartialEq)]
struct AndOr {
    first: Simple,
    rest: Vec<(Sep, Simple)>,
}

/// Builds and-or lists from the tokens of one line that the lexer found no fault in.
struct Parser<'t> {
    tokens: &'t [Token],
    next: usize,
}

impl Parser<'_> {
    fn peek(&self) -> Option<&Tok> {
        self.tokens.get(self.next).map(|t| &t.tok)
    }

    /// A command list, up to the end of the tokens or the `)` of the enclosing `$(`.
    fn list(&mut self, depth: usize) -> Result<Vec<AndOr>, String> {
        let mut list = Vec::new();
        loop {
            match self.peek() {
                None | Some(Tok::SubClose) => return Ok(list),
                Some(Tok::Sep(Sep::Newline)) => self.next += 1,
                _ => {
                    list.push(self.and_or(depth)?);
                    if let Some(Tok::Sep(Sep::Semi | Sep::Newline)) = self.peek() {
                        self.next += 1;
                    }
                }
            }
        }
    }

    fn and_or(&mut self, depth: usize) -> Result<AndOr, String> {
        let first = self.simple(depth)?;
        let mut rest = Vec::new();
        while let Some(&Tok::Sep(op @ (Sep::And | Sep::Or))) = self.peek() {
            self.next += 1;
            rest.push((op, self.simple(depth)?));
        }
        Ok(AndOr { first, rest })
    }

    fn simple(&mut self, depth: usize) -> Result<Simple, String> {
        let mut words = Vec::new();
        let mut word = Word::default();
        let mut span: Option<(usize, usize, u32)> = None;
        while let Some(token) = self.tokens.get(self.next) {
            let part = match &token.tok {
                Tok::Sep(_) | Tok::SubClose => break,
                Tok::Bad(message) => return Err(message.clone()),
                Tok::Break => {
                    self.next += 1;
                    if !word.parts.is_empty() {
                        words.push(std::mem::take(&mut word));
                    }
                    continue;
                }
                Tok::Lit { text, quoted } => {
                    self.next += 1;
                    Part::Lit {
                        text: text.clone(),
                        quoted: *quoted,
                    }
                }
                Tok::Param { name, quoted } => {
                    self.next += 1;
                    Part::Param {
                        name: name.clone(),
                        quoted: *quoted,
                    }
                }
                Tok::SubOpen { quoted } => {
                    let quoted = *quoted;
                    self.substitution(depth, quoted)?
                }
            };
            let end = self
                .tokens
                .get(self.next.wrapping_sub(1))
                .map_or(token.end, |t| t.end);
            let (start, line) = span.map_or((token.start, token.line), |(s, _, l)| (s, l));
            span = Some((start, end, line));
            word.parts.push(part);
        }
        if !word.parts.is_empty() {
            words.push(word);
        }
        let Some((start, end, line)) = span.filter(|_| !words.is_empty()) else {
            return Err(self.missing_command());
        };
        check_supported(&words)?;
        Ok(Simple {
            words,
            start,
            end,
            line,
        })
    }

    /// `$(` list `)`, starting at the `SubOpen` token.
    fn substitution(&mut self, depth: usize, quoted: bool) -> Result<Part, String> {
        if depth >= MAX_SUBSTITUTION_DEPTH {
            return Err(format!(
                "command substitutions $(...) nested more than {MAX_SUBSTITUTION_DEPTH} deep"
            ));
        }
        self.next += 1;
        let list = self.list(depth + 1)?;
        if self.peek() != Some(&Tok::SubClose) {
            return Err(bad_unterminated(")"));
        }
        self.next += 1;
        Ok(Part::Subst { list, quoted })
    }

    /// The message for a separator with no command before it, in bash's words.
    fn missing_command(&self) -> String {
        let token = match self.peek() {
            Some(Tok::Sep(Sep::Semi)) => ";",
            Some(Tok::Sep(Sep::And)) => "&&",
            Some(Tok::Sep(Sep::Or)) => "||",
            Some(Tok::Sep(Sep::Newline)) => "newline",
            Some(Tok::SubClose) => ")",
            _ => return "syntax error: unexpected end of file".to_string(),
        };
        format!("syntax error near unexpected token `{token}'")
    }
}

/// Rejects the simple commands that parse but mean something the dialect cannot do, so that
/// nothing of their line runs.
fn check_supported(words: &[Word]) -> Result<(), String> {
    let assignments = words
        .iter()
        .take_while(|w| split_assignment(w).is_some())
        .count();
    if assignments > 0 && assignments < words.len() {
        // POSIX would put the variable in the command's environment; the host has none.
        return Err(
            "assignments before a command (NAME=value command) are not supported; \
                    put the assignment on its own line"
                .to_string(),
        );
    }
    match words.first().and_then(plain_literal) {
        Some(word) if RESERVED_WORDS.contains(&word) => Err(format!(
            "`{word}': compound commands (if, for, while, case, functions, {{ }}) are not supported"
        )),
        _ => Ok(()),
    }
}

// ---------------------------------------------------------------------------------------------
// Execution
// ---------------------------------------------------------------------------------------------

/// Shell reserved words that start compound commands, which the dialect does not have.
const RESERVED_WORDS: &[&str] = &[
    "if", "then", "else", "elif", "fi", "case", "esac", "for", "select", "while", "until", "do",
    "done", "function", "{", "}", "[[", "]]",
];

fn error_output(line: u32, message: &str) -> Output {
    Output {
        stdout: String::new(),
        stderr: format!("ecs-sim: line {line}: {message}\n"),
        exit: SYNTAX_ERROR_EXIT,
    }
}

/// What expanding one command's words produced besides the words: the stderr of its
/// substitutions and the status of the last one.
#[derive(Default)]
struct ExpansionEffects {
    stderr: String,
    last_subst_exit: Option<i32>,
    /// Bytes the command's expansions have produced so far.
    bytes: usize,
    /// Whether they went past [`MAX_EXPANSION_BYTES`] (the rest were dropped).
    too_long: bool,
}

impl ExpansionEffects {
    /// Counts `len` more bytes of expansion; false (and `too_long`) past the limit.
    fn room_for(&mut self, len: usize) -> bool {
        self.bytes = self.bytes.saturating_add(len);
        self.too_long |= self.bytes > MAX_EXPANSION_BYTES;
        !self.too_long
    }

    /// The error of a command whose expansions were too long.
    fn refusal(&self, line: u32) -> Output {
        Output {
            stdout: String::new(),
            stderr: format!(
                "{}ecs-sim: line {line}: expansion too long: the words of one command may hold at most {} MiB\n",
                self.stderr,
                MAX_EXPANSION_BYTES >> 20
            ),
            exit: 1,
        }
    }
}

/// Fields being built by POSIX field splitting: unquoted expansion results are split on
/// IFS whitespace; literal and quoted text joins the current field.
#[derive(Default)]
struct Fields {
    done: Vec<String>,
    current: String,
    /// Whether `current` is a field yet (an empty quoted string is one; an empty unquoted
    /// expansion is not).
    open: bool,
}

impl Fields {
    fn push_text(&mut self, text: &str) {
        self.current.push_str(text);
        self.open = true;
    }

    fn delimit(&mut self) {
        if self.open {
            self.done.push(std::mem::take(&mut self.current));
            self.open = false;
        }
    }

    fn push_split(&mut self, value: &str) {
        let is_blank = |c: char| matches!(c, ' ' | '\t' | '\n');
        if value.starts_with(is_blank) {
            self.delimit();
        }
        for (i, piece) in value.split(is_blank).filter(|p| !p.is_empty()).enumerate() {
            if i > 0 {
                self.delimit();
            }
            self.push_text(piece);
        }
        if value.ends_with(is_blank) {
            self.delimit();
        }
    }
}

/// The running shell: variables, `$?`, and the host that runs commands.
struct Shell<'a> {
    host: &'a mut dyn Host,
    vars: &'a mut BTreeMap<String, String>,
    last_exit: i32,
    /// Old values of variables assigned inside `$(...)`, which runs in a subshell (POSIX):
    /// restored when the substitution ends, so its assignments do not leak.
    undo: Vec<(String, Option<String>)>,
    subshells: usize,
}

impl Shell<'_> {
    /// Runs one top-level command line, appending a record per executed command.
    fn run_tokens(&mut self, tokens: &[Token], source: &Source, records: &mut Vec<Executed>) {
        let Some(first) = tokens.first() else {
            return;
        };
        let end = tokens
            .iter()
            .rev()
            .find(|t| t.tok != Tok::Break)
            .map_or(first.end, |t| t.end);
        let mut fail = |shell: &mut Shell<'_>, message: &str| {
            let output = error_output(first.line, message);
            shell.last_exit = output.exit;
            records.push(Executed {
                line: first.line,
                command: source.text(first.start, end),
                output,
                sim_time_ms: shell.host.now_ms(),
                outcome: Outcome::default(),
            });
        };
        if let Some(message) = tokens.iter().find_map(|t| match &t.tok {
            Tok::Bad(message) => Some(message),
            _ => None,
        }) {
            return fail(self, message);
        }
        let mut parser = Parser { tokens, next: 0 };
        let list = match parser.list(0) {
            Ok(list) if parser.next >= tokens.len() => list,
            Ok(_) => return fail(self, "syntax error near unexpected token `)'"),
            Err(message) => return fail(self, &message),
        };
        for and_or in &list {
            self.run_and_or(and_or, 0, &mut |cmd, output, sim_time_ms, outcome| {
                records.push(Executed {
                    line: cmd.line,
                    command: source.text(cmd.start, cmd.end),
                    output,
                    sim_time_ms,
                    outcome,
                })
            });
        }
    }

    /// Runs `a && b || c`, passing each executed command's output to `sink`; returns the
    /// status of the last one executed.
    fn run_and_or(
        &mut self,
        and_or: &AndOr,
        depth: usize,
        sink: &mut dyn FnMut(&Simple, Output, u64, Outcome),
    ) -> i32 {
        let mut status = self.run_reported(&and_or.first, depth, sink);
        for (op, cmd) in &and_or.rest {
            let wanted = match op {
                Sep::And => status == 0,
                _ => status != 0,
            };
            if wanted {
                status = self.run_reported(cmd, depth, sink);
            }
        }
        status
    }

    fn run_reported(
        &mut self,
        cmd: &Simple,
        depth: usize,
        sink: &mut dyn FnMut(&Simple, Output, u64, Outcome),
    ) -> i32 {
        let before = self.host.event_count();
        let output = self.run_simple(cmd, depth);
        self.last_exit = output.exit;
        let status = output.exit;
        let outcome = Outcome {
            response: self.host.take_response(),
            events: before..self.host.event_count(),
        };
        sink(cmd, output, self.host.now_ms(), outcome);
        status
    }

    fn run_simple(&mut self, cmd: &Simple, depth: usize) -> Output {
        // The parser has checked that assignments are either all or none of the words.
        if cmd.words.iter().all(|w| split_assignment(w).is_some()) {
            return self.assign_all(&cmd.words, cmd.line, depth);
        }
        if let Some(("export", args)) = cmd
            .words
            .split_first()
            .and_then(|(first, args)| Some((plain_literal(first)?, args)))
        {
            return self.export(args, cmd.line, depth);
        }
        let mut effects = ExpansionEffects::default();
        let mut argv = Vec::new();
        for word in &cmd.words {
            argv.extend(self.expand_fields(word, depth, &mut effects));
            if effects.too_long {
                return effects.refusal(cmd.line);
            }
        }
        let mut output = match argv.first().map(String::as_str) {
            // POSIX: a command that expands to nothing has the status of its last
            // substitution.
            None => Output {
                exit: effects.last_subst_exit.unwrap_or(0),
                ..Output::default()
            },
            Some("echo") => echo(&argv[1..]),
            Some(_) => self.host.exec(&argv, cmd.line),
        };
        output.stderr.insert_str(0, &effects.stderr);
        output
    }

    /// `NAME=value ...` alone on a command: sets each variable (values are not split, as in
    /// POSIX); the status is that of the last substitution, or 0.
    fn assign_all(&mut self, words: &[Word], line: u32, depth: usize) -> Output {
        let mut effects = ExpansionEffects::default();
        for word in words {
            if let Some((name, head, rest)) = split_assignment(word) {
                let value = self.expand_value(head, rest, depth, &mut effects);
                if effects.too_long {
                    return effects.refusal(line);
                }
                self.set_var(name, value);
            }
        }
        Output {
            stdout: String::new(),
            stderr: effects.stderr,
            exit: effects.last_subst_exit.unwrap_or(0),
        }
    }

    /// `export NAME=value` is an assignment (the dialect has no environment to export to);
    /// `export NAME` does nothing. Our choice, as the brief asks: the status is that of the
    /// assignment, so a failing `$(aws ...)` in it is not hidden (bash would return 0).
    fn export(&mut self, args: &[Word], line: u32, depth: usize) -> Output {
        let mut effects = ExpansionEffects::default();
        let mut invalid = None;
        for word in args {
            if let Some((name, head, rest)) = split_assignment(word) {
                let value = self.expand_value(head, rest, depth, &mut effects);
                if effects.too_long {
                    return effects.refusal(line);
                }
                self.set_var(name, value);
                continue;
            }
            for field in self.expand_fields(word, depth, &mut effects) {
                if !is_name(&field) && invalid.is_none() {
                    invalid = Some(field);
                }
            }
        }
        let mut output = Output {
            stdout: String::new(),
            stderr: effects.stderr,
            exit: effects.last_subst_exit.unwrap_or(0),
        };
        if let Some(field) = invalid {
            let message =
                format!("ecs-sim: line {line}: export: `{field}': not a valid identifier\n");
            output.stderr.push_str(&message);
            output.exit = 1;
        }
        output
    }

    fn set_var(&mut self, name: &str, value: String) {
        if self.subshells > 0 {
            self.undo
                .push((name.to_string(), self.vars.get(name).cloned()));
        }
        self.vars.insert(name.to_string(), value);
    }

    fn param(&self, name: &str) -> String {
        if name == LAST_STATUS_KEY {
            return self.last_exit.to_string();
        }
        self.vars.get(name).cloned().unwrap_or_default()
    }

    /// Expands a word into fields, splitting unquoted expansions.
    fn expand_fields(
        &mut self,
        word: &Word,
        depth: usize,
        effects: &mut ExpansionEffects,
    ) -> Vec<String> {
        let mut fields = Fields::default();
        for part in &word.parts {
            match part {
                Part::Lit { text, .. } => fields.push_text(text),
                Part::Param { name, quoted } => {
                    let value = self.param(name);
                    if effects.room_for(value.len()) {
                        push_expansion(&mut fields, &value, *quoted);
                    }
                }
                Part::Subst { list, quoted } => {
                    let value = self.substitute(list, depth, effects);
                    if effects.room_for(value.len()) {
                        push_expansion(&mut fields, &value, *quoted);
                    }
                }
            }
        }
        fields.delimit();
        fields.done
    }

    /// Expands an assignment's value: `head` (the literal after `=`) then `rest`, unsplit.
    fn expand_value(
        &mut self,
        head: &str,
        rest: &[Part],
        depth: usize,
        effects: &mut ExpansionEffects,
    ) -> String {
        let mut value = head.to_string();
        for part in rest {
            match part {
                Part::Lit { text, .. } => value.push_str(text),
                Part::Param { name, .. } => {
                    let param = self.param(name);
                    if effects.room_for(param.len()) {
                        value.push_str(&param);
                    }
                }
                Part::Subst { list, .. } => {
                    let output = self.substitute(list, depth, effects);
                    if effects.room_for(output.len()) {
                        value.push_str(&output);
                    }
                }
            }
        }
        value
    }

    /// `$(...)`: runs the list in a subshell through the same host; its stderr goes to the
    /// enclosing command's, its status becomes `$?` (as bash does), and its stdout, with all
    /// trailing newlines removed (POSIX), is the value.
    fn substitute(
        &mut self,
        list: &[AndOr],
        depth: usize,
        effects: &mut ExpansionEffects,
    ) -> String {
        let mark = self.undo.len();
        self.subshells += 1;
        let mut stdout = String::new();
        let mut status = 0;
        for and_or in list {
            status = self.run_and_or(and_or, depth + 1, &mut |_, output, _, _| {
                // What a substitution captures counts against the command's expansions.
                if stdout.len() + output.stdout.len() <= MAX_EXPANSION_BYTES {
                    stdout.push_str(&output.stdout);
                } else {
                    effects.too_long = true;
                }
                effects.stderr.push_str(&output.stderr);
            });
        }
        while self.undo.len() > mark {
            if let Some((name, old)) = self.undo.pop() {
                match old {
                    Some(value) => self.vars.insert(name, value),
                    None => self.vars.remove(&name),
                };
            }
        }
        self.subshells -= 1;
        self.last_exit = status;
        effects.last_subst_exit = Some(status);
        let kept = stdout.trim_end_matches('\n').len();
        stdout.truncate(kept);
        stdout
    }
}

fn push_expansion(fields: &mut Fields, value: &str, quoted: bool) {
    if quoted {
        fields.push_text(value);
    } else {
        fields.push_split(value);
    }
}

/// The text of a word made of one unquoted literal (how reserved words and `export` are
/// recognised: quoting them makes them ordinary words, as in POSIX).
fn plain_literal(word: &Word) -> Option<&str> {
    match word.parts.as_slice() {
        [Part::Lit {
            text,
            quoted: false,
        }] => Some(text),
        _ => None,
    }
}

/// Splits `NAME=value` into the name, the literal rest of its first part and the other
/// parts. The `NAME=` must be unquoted, as in POSIX (`"A"=1` is a command).
fn split_assignment(word: &Word) -> Option<(&str, &str, &[Part])> {
    let (first, rest) = word.parts.split_first()?;
    let Part::Lit {
        text,
        quoted: false,
    } = first
    else {
        return None;
    };
    let (name, head) = text.split_once('=')?;
    is_name(name).then_some((name, head, rest))
}

/// The `echo` builtin: arguments joined by spaces and a newline; leading `-n` options (bash
/// also accepts `-nn`) drop the newline. Our choice: no `-e`/`-E` and no backslash escapes,
/// which shells disagree on; such arguments are printed as given.
fn echo(args: &[String]) -> Output {
    let options = args
        .iter()
        .take_while(|a| a.len() > 1 && a.starts_with('-') && a[1..].chars().all(|c| c == 'n'))
        .count();
    let mut stdout = args[options..].join(" ");
    if options == 0 {
        stdout.push('\n');
    }
    Output {
        stdout,
        ..Output::default()
    }
}

#[cfg(test)]
mod tests;

//! The script dialect's lexer: words, quotes, `$VAR`/`${VAR}`, `$(...)`, comments and line
//! continuations, as a POSIX shell reads them.

use super::*;

/// One lexical unit. Word parts (`Lit`, `Param`, `SubOpen`..`SubClose`) follow each other
/// until a `Break`, `Sep` or `SubClose` ends the word.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Tok {
    /// Literal text; `quoted` text is never split into fields.
    Lit {
        text: String,
        quoted: bool,
    },
    /// `$NAME`, `${NAME}` or `$?`.
    Param {
        name: String,
        quoted: bool,
    },
    /// `$(`: the tokens up to the matching `SubClose` are the substituted command list.
    SubOpen {
        quoted: bool,
    },
    SubClose,
    /// Unquoted blanks between words.
    Break,
    Sep(Sep),
    /// A construct outside the dialect, or malformed: the message for the whole line.
    Bad(String),
}

/// Separators between commands. A top-level newline ends the line and is not a token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Sep {
    Newline,
    Semi,
    And,
    Or,
}

#[derive(Debug, Clone, PartialEq)]
pub(super) struct Token {
    pub(super) tok: Tok,
    /// Char offsets of the source text the token came from.
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) line: u32,
}

/// Lexical context, innermost last.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Frame {
    Root,
    /// Inside `$(...)`.
    Subst,
    /// Inside an unsupported `(...)`; tracked only so the matching `)` is found.
    Paren,
    /// Inside `"..."`.
    Dquote,
}

/// The script text, kept to render each command's source for its record.
pub(super) struct Source {
    pub(super) chars: Vec<char>,
    /// Offsets of the backslashes of removed backslash-newline pairs, ascending.
    pub(super) continuations: Vec<usize>,
}

impl Source {
    /// The text of `start..end` with line continuations removed, trimmed.
    pub(super) fn text(&self, start: usize, end: usize) -> String {
        let mut next = self.continuations.partition_point(|&p| p < start);
        let mut text = String::new();
        let mut i = start;
        while i < end {
            if self.continuations.get(next) == Some(&i) {
                next += 1;
                i += 2;
                continue;
            }
            if let Some(&c) = self.chars.get(i) {
                text.push(c);
            }
            i += 1;
        }
        text.trim().to_string()
    }
}

/// Literal text being accumulated into one `Tok::Lit`.
pub(super) struct PendingLit {
    pub(super) text: String,
    pub(super) quoted: bool,
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) line: u32,
}

/// Turns the source into tokens, one top-level command line per [`Lexer::next_line`] call.
/// Never fails: problems become `Tok::Bad` tokens, and lexing goes on so the next line starts
/// at the right place.
pub(super) struct Lexer {
    pub(super) source: Source,
    pub(super) pos: usize,
    pub(super) line: u32,
    pub(super) frames: Vec<Frame>,
    pub(super) subst_depth: usize,
    /// True once a part of the current word has been seen: `#` starts a comment only at the
    /// start of a word (so `a#b` is one word, as in POSIX).
    pub(super) in_word: bool,
    /// Set after `&&`/`||`: a newline there continues the command line, as in POSIX.
    pub(super) after_and_or: bool,
    pub(super) pending: Option<PendingLit>,
}

pub(super) fn bad_unterminated(what: &str) -> String {
    format!("unexpected EOF while looking for matching `{what}'")
}

impl Lexer {
    pub(super) fn new(src: &str) -> Lexer {
        // Scripts saved on Windows end lines with CRLF; a shell would keep the CR in the last
        // word, which only confuses (our choice: treat CRLF as a newline).
        let chars = src.replace("\r\n", "\n").chars().collect();
        Lexer {
            source: Source {
                chars,
                continuations: Vec::new(),
            },
            pos: 0,
            line: 1,
            frames: vec![Frame::Root],
            subst_depth: 0,
            in_word: false,
            after_and_or: false,
            pending: None,
        }
    }

    fn peek(&self, ahead: usize) -> Option<char> {
        self.source.chars.get(self.pos + ahead).copied()
    }

    /// The tokens of the next top-level command line (empty for a blank or comment line), or
    /// `None` at the end of the input.
    pub(super) fn next_line(&mut self) -> Option<Vec<Token>> {
        if self.pos >= self.source.chars.len() {
            return None;
        }
        let mut out = Vec::new();
        loop {
            let Some(c) = self.peek(0) else {
                self.finish_input(&mut out);
                break;
            };
            let frame = self.frames.last().copied().unwrap_or(Frame::Root);
            let line_ended = match frame {
                Frame::Dquote => {
                    self.lex_dquoted(c, &mut out);
                    false
                }
                _ => self.lex_unquoted(c, frame, &mut out),
            };
            if line_ended {
                break;
            }
        }
        self.flush(&mut out);
        self.in_word = false;
        self.after_and_or = false;
        Some(out)
    }

    fn finish_input(&mut self, out: &mut Vec<Token>) {
        self.flush(out);
        let what = match self.frames.last() {
            Some(Frame::Dquote) => "\"",
            Some(Frame::Subst | Frame::Paren) => ")",
            _ => return,
        };
        let (start, line) = (self.pos, self.line);
        self.emit(out, Tok::Bad(bad_unterminated(what)), start, line);
        self.frames.truncate(1);
        self.subst_depth = 0;
    }

    fn flush(&mut self, out: &mut Vec<Token>) {
        if let Some(lit) = self.pending.take() {
            out.push(Token {
                tok: Tok::Lit {
                    text: lit.text,
                    quoted: lit.quoted,
                },
                start: lit.start,
                end: lit.end,
                line: lit.line,
            });
        }
    }

    /// Pushes a non-literal token that ends at the current position.
    fn emit(&mut self, out: &mut Vec<Token>, tok: Tok, start: usize, line: u32) {
        self.flush(out);
        self.after_and_or = false;
        out.push(Token {
            tok,
            start,
            end: self.pos,
            line,
        });
    }

    /// Adds literal text spanning `start..self.pos` (the caller has consumed it).
    fn push_lit(
        &mut self,
        out: &mut Vec<Token>,
        text: &str,
        quoted: bool,
        start: usize,
        line: u32,
    ) {
        self.in_word = true;
        self.after_and_or = false;
        if let Some(lit) = self.pending.as_mut() {
            if lit.quoted == quoted {
                lit.text.push_str(text);
                lit.end = self.pos;
                return;
            }
        }
        self.flush(out);
        self.pending = Some(PendingLit {
            text: text.to_string(),
            quoted,
            start,
            end: self.pos,
            line,
        });
    }

    /// Consumes one char as literal text.
    fn take_char(&mut self, out: &mut Vec<Token>, c: char, quoted: bool) {
        let (start, line) = (self.pos, self.line);
        self.pos += 1;
        let mut buf = [0u8; 4];
        self.push_lit(out, c.encode_utf8(&mut buf), quoted, start, line);
    }

    /// Consumes a `"`, kept as an empty quoted literal so that `""` is a word of its own.
    fn quote_mark(&mut self, out: &mut Vec<Token>) {
        let (start, line) = (self.pos, self.line);
        self.pos += 1;
        self.push_lit(out, "", true, start, line);
    }

    fn break_word(&mut self, out: &mut Vec<Token>) {
        if self.in_word || self.pending.is_some() {
            self.flush(out);
            out.push(Token {
                tok: Tok::Break,
                start: self.pos,
                end: self.pos,
                line: self.line,
            });
        }
        self.in_word = false;
    }

    /// Consumes `n` chars and reports them as a construct outside the dialect.
    fn bad(&mut self, out: &mut Vec<Token>, n: usize, message: &str) {
        let (start, line) = (self.pos, self.line);
        self.pos += n;
        self.emit(out, Tok::Bad(message.to_string()), start, line);
    }

    fn continuation(&mut self) {
        self.source.continuations.push(self.pos);
        self.pos += 2;
        self.line = self.line.saturating_add(1);
    }

    /// One step outside double quotes; returns true when a top-level newline ends the line.
    fn lex_unquoted(&mut self, c: char, frame: Frame, out: &mut Vec<Token>) -> bool {
        match c {
            ' ' | '\t' => {
                self.break_word(out);
                self.pos += 1;
            }
            '\n' => return self.newline(frame, out),
            '#' if !self.in_word => self.skip_comment(),
            '\\' => self.backslash_unquoted(out),
            '\'' => self.single_quoted(out),
            '"' => {
                self.quote_mark(out);
                self.frames.push(Frame::Dquote);
            }
            '$' => self.dollar(out, false),
            '`' => self.bad(
                out,
                1,
                "backtick command substitution is not supported; use $(...)",
            ),
            '|' if self.peek(1) == Some('|') => self.and_or(out, Sep::Or),
            '|' => self.bad(out, 1, "pipes (|) are not supported"),
            '&' if self.peek(1) == Some('&') => self.and_or(out, Sep::And),
            '&' => self.bad(out, 1, "background jobs (&) are not supported"),
            ';' => {
                self.break_word(out);
                let (start, line) = (self.pos, self.line);
                self.pos += 1;
                self.emit(out, Tok::Sep(Sep::Semi), start, line);
            }
            '>' | '<' => self.bad(out, 1, &format!("redirections ({c}) are not supported")),
            '(' => {
                self.bad(out, 1, "subshells ( ... ) are not supported");
                self.frames.push(Frame::Paren);
                self.in_word = false;
            }
            ')' => self.close_paren(frame, out),
            _ => self.take_char(out, c, false),
        }
        false
    }

    fn newline(&mut self, frame: Frame, out: &mut Vec<Token>) -> bool {
        self.break_word(out);
        let (start, line) = (self.pos, self.line);
        self.pos += 1;
        self.line = self.line.saturating_add(1);
        if self.after_and_or {
            return false;
        }
        if frame == Frame::Root {
            return true;
        }
        self.emit(out, Tok::Sep(Sep::Newline), start, line);
        false
    }

    fn skip_comment(&mut self) {
        while let Some(c) = self.peek(0) {
            if c == '\n' {
                break;
            }
            self.pos += 1;
        }
    }

    fn backslash_unquoted(&mut self, out: &mut Vec<Token>) {
        match self.peek(1) {
            Some('\n') => self.continuation(),
            Some(escaped) => {
                let (start, line) = (self.pos, self.line);
                self.pos += 2;
                let mut buf = [0u8; 4];
                self.push_lit(out, escaped.encode_utf8(&mut buf), true, start, line);
            }
            // A backslash at the very end of the input stays literal, as in bash.
            None => self.take_char(out, '\\', false),
        }
    }

    /// `'...'`: everything up to the next `'` is literal (POSIX: no escapes at all).
    fn single_quoted(&mut self, out: &mut Vec<Token>) {
        let (start, line) = (self.pos, self.line);
        let chars = &self.source.chars;
        let body_start = start + 1;
        let Some(len) = chars
            .get(body_start..)
            .and_then(|rest| rest.iter().position(|&c| c == '\''))
        else {
            self.pos = chars.len();
            self.emit(out, Tok::Bad(bad_unterminated("'")), start, line);
            return;
        };
        let body: String = chars
            .get(body_start..body_start + len)
            .unwrap_or_default()
            .iter()
            .collect();
        self.line = self.line.saturating_add(body.matches('\n').count() as u32);
        self.pos = body_start + len + 1;
        self.push_lit(out, &body, true, start, line);
    }

    fn and_or(&mut self, out: &mut Vec<Token>, op: Sep) {
        self.break_word(out);
        let (start, line) = (self.pos, self.line);
        self.pos += 2;
        self.emit(out, Tok::Sep(op), start, line);
        self.after_and_or = true;
    }

    fn close_paren(&mut self, frame: Frame, out: &mut Vec<Token>) {
        match frame {
            Frame::Subst => {
                self.break_word(out);
                let (start, line) = (self.pos, self.line);
                self.pos += 1;
                self.emit(out, Tok::SubClose, start, line);
                self.frames.pop();
                self.subst_depth = self.subst_depth.saturating_sub(1);
                self.in_word = true;
            }
            Frame::Paren => {
                // The line is already an error; the token only keeps `)` in its text.
                self.bad(out, 1, "subshells ( ... ) are not supported");
                self.frames.pop();
                self.in_word = true;
            }
            _ => self.bad(out, 1, "syntax error near unexpected token `)'"),
        }
    }

    /// One step inside `"..."`: only `$` and the backslash escapes of `$ " \ backtick
    /// newline` are special (POSIX).
    fn lex_dquoted(&mut self, c: char, out: &mut Vec<Token>) {
        match c {
            '"' => {
                self.quote_mark(out);
                self.frames.pop();
            }
            '\\' => match self.peek(1) {
                Some('\n') => self.continuation(),
                Some(escaped @ ('$' | '"' | '\\' | '`')) => {
                    let (start, line) = (self.pos, self.line);
                    self.pos += 2;
                    let mut buf = [0u8; 4];
                    self.push_lit(out, escaped.encode_utf8(&mut buf), true, start, line);
                }
                _ => self.take_char(out, '\\', true),
            },
            '$' => self.dollar(out, true),
            '`' => self.bad(
                out,
                1,
                "backtick command substitution is not supported; use $(...)",
            ),
            '\n' => {
                self.take_char(out, '\n', true);
                self.line = self.line.saturating_add(1);
            }
            _ => self.take_char(out, c, true),
        }
    }

    /// `$` followed by what it introduces.
    fn dollar(&mut self, out: &mut Vec<Token>, quoted: bool) {
        let (start, line) = (self.pos, self.line);
        match self.peek(1) {
            Some('(') if self.peek(2) == Some('(') => {
                self.bad(out, 3, "arithmetic expansion $((...)) is not supported");
                // Track both parentheses so the matching `))` closes them.
                self.frames.push(Frame::Subst);
                self.frames.push(Frame::Paren);
                self.subst_depth += 1;
                self.in_word = false;
            }
            Some('(') => {
                self.pos += 2;
                self.emit(out, Tok::SubOpen { quoted }, start, line);
                self.frames.push(Frame::Subst);
                self.subst_depth += 1;
                self.in_word = false;
                if self.subst_depth > MAX_SUBSTITUTION_DEPTH {
                    let message = format!(
                        "command substitutions $(...) nested more than {MAX_SUBSTITUTION_DEPTH} deep"
                    );
                    self.emit(out, Tok::Bad(message), start, line);
                }
            }
            Some('{') => self.braced_param(out, quoted),
            Some(c) if c.is_ascii_alphabetic() || c == '_' => {
                let mut name = String::new();
                let mut i = self.pos + 1;
                while let Some(&c) = self.source.chars.get(i) {
                    if !(c.is_ascii_alphanumeric() || c == '_') {
                        break;
                    }
                    name.push(c);
                    i += 1;
                }
                self.pos = i;
                self.param(out, name, quoted, start, line);
            }
            Some('?') => {
                self.pos += 2;
                self.param(out, "?".to_string(), quoted, start, line);
            }
            Some(c) if c.is_ascii_digit() || "#@*$!-".contains(c) => {
                let message = format!(
                    "special parameter ${c} is not supported (use single quotes for a literal $)"
                );
                self.bad(out, 2, &message);
            }
            // A `$` that introduces nothing is literal, as in POSIX shells.
            _ => self.take_char(out, '$', quoted),
        }
    }

    fn param(&mut self, out: &mut Vec<Token>, name: String, quoted: bool, start: usize, line: u32) {
        self.emit(out, Tok::Param { name, quoted }, start, line);
        self.in_word = true;
    }

    /// `${NAME}` (and `${?}`); parameter operators such as `${A:-x}` are outside the dialect.
    fn braced_param(&mut self, out: &mut Vec<Token>, quoted: bool) {
        let (start, line) = (self.pos, self.line);
        let body_start = start + 2;
        let mut i = body_start;
        while let Some(&c) = self.source.chars.get(i) {
            if c == '}' || c == '\n' {
                break;
            }
            i += 1;
        }
        let body: String = self
            .source
            .chars
            .get(body_start..i)
            .unwrap_or_default()
            .iter()
            .collect();
        if self.source.chars.get(i) != Some(&'}') {
            let message = if i < self.source.chars.len() {
                "bad substitution: missing `}' before the end of the line".to_string()
            } else {
                bad_unterminated("}")
            };
            // Stop before the newline so the next line is lexed normally.
            self.pos = i;
            self.emit(out, Tok::Bad(message), start, line);
            return;
        }
        self.pos = i + 1;
        if is_name(&body) || body == "?" {
            self.param(out, body, quoted, start, line);
        } else {
            let message = format!("${{{body}}}: bad substitution (only ${{NAME}} is supported)");
            self.emit(out, Tok::Bad(message), start, line);
        }
    }
}

/// A POSIX variable name: a letter or `_`, then letters, digits or `_`.
pub(super) fn is_name(s: &str) -> bool {
    let mut chars = s.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

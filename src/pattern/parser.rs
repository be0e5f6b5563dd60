//! Recursive-descent parser for CloudWatch Logs filter patterns (JSON, terms, space-delimited).
//!
//! Each rule below says where it comes from: "AWS docs" (the CloudWatch Logs
//! "Filter pattern syntax" pages and the `PutMetricFilter` API model) or
//! "cis-monitor decision" where AWS is silent.
//!
//! # Families
//! - The first non-whitespace character picks the family: `{` is a JSON
//!   pattern, `[` a space-delimited pattern, anything else unstructured terms
//!   (AWS docs). An empty or all-whitespace pattern is `Terms([])` and matches
//!   every event (AWS docs: `" "` / `""` match everything).
//! - A pattern has at most 1024 characters (AWS API model: `FilterPattern`
//!   max 1024); counted in characters, not bytes (cis-monitor decision) ->
//!   [`ParseErrorKind::TooLong`].
//!
//! # JSON patterns
//! - Grammar (AWS docs: "() > && > ||"): `{ expr }`, `expr := and ('||' and)*`,
//!   `and := primary ('&&' primary)*`, `primary := '(' expr ')' | comparison`.
//!   Nested operators of the same kind are flattened and a single child is not
//!   wrapped (cis-monitor decision). Whitespace between tokens is insignificant
//!   (AWS docs examples mix both). Parentheses nest at most [`MAX_DEPTH`]
//!   deep (cis-monitor decision) -> [`ParseErrorKind::TooDeep`].
//! - `comparison := selector ('='|'!=') value | selector ('<'|'<='|'>'|'>=')
//!   number | selector IS (NULL|TRUE|FALSE) | selector NOT EXISTS` (AWS docs).
//!   Keywords are uppercase (AWS docs: patterns are case sensitive). `IS NOT`
//!   and a lone `EXISTS` are rejected with a hint (AWS docs: "currently aren't
//!   supported").
//! - Selectors: `$` then one or more of `.name` (ASCII letters, digits, `_`,
//!   `-`; AWS docs), `[N]` (AWS docs), `['key']` / `.['key']` (AWS docs, any
//!   key text without `'`: cis-monitor decision), `.*` and `[*]` (AWS docs).
//!   At most one wildcard per selector and three selectors with a wildcard per
//!   pattern (AWS docs quotas) -> [`ParseErrorKind::Quota`].
//! - Quoted values: `"..."` with the escapes `\"` and `\\`; any other
//!   backslash is kept with the character after it (cis-monitor decision:
//!   AWS does not document escapes). Quoted values are always strings, even
//!   `"400"` (cis-monitor decision).
//! - Glob rule (AWS docs): a `*` as the first character is a prefix wildcard,
//!   a `*` as the last character a suffix wildcard, a `*` elsewhere is a
//!   literal; `*` and `"*"` are "anything".
//! - Unquoted values: a maximal run of characters other than whitespace and
//!   `( ) { } " & | = ! < > %` (cis-monitor decision; AWS docs say only
//!   letters, digits and `_` need no quotes, but AWS's own examples use
//!   `123.123.*` and CIS uses `kms.amazonaws.com`). If it matches
//!   `[+-]?digits(.digits)?([eE][+-]?digits)?` it is a number (AWS docs);
//!   a number that overflows `f64` is an error (cis-monitor decision).
//!   A `$` right after an operator starts such a value, not a selector
//!   (cis-monitor decision); a value starting with `'` is rejected (AWS:
//!   single quotes are not delimiters).
//! - `%regex%` values: see the `regex` submodule; at most two per pattern
//!   (AWS docs quota) -> [`ParseErrorKind::Quota`].
//! - `<`, `<=`, `>`, `>=` need a number (AWS docs).
//!
//! # Terms
//! - Whitespace-separated terms (AWS docs); `"exact phrase"` with the same
//!   escapes as JSON strings; `?term` optional, `-term` excluded (AWS docs);
//!   `%regex%` is a regex term (AWS docs). A `"` inside an unquoted term is
//!   an error (cis-monitor decision). A required quoted term that is empty or
//!   only whitespace is dropped, since it matches every event (AWS docs:
//!   `" "` and `""` match all events).
//!
//! # Space-delimited
//! - `[field, field, ...]` (AWS docs); `...` is an ellipsis; a field is a name
//!   (ASCII letters, digits, `_`, or a quoted string) optionally followed by
//!   its conditions, kept as raw trimmed text that must start with `=`, `!=`,
//!   `<` or `>` (cis-monitor decision: conditions are not interpreted, only
//!   their `%regex%` values are checked and counted against the quota of two).

mod regex;

use super::ast::{
    Comparison, EqOp, Expr, Glob, NumOp, Pattern, Regex, Segment, Selector, SpaceField, Span, Term,
    TermKind, TermText, Test,
};
use super::lexer::{Tok, Token, shorten, tokenize_json};

/// The longest pattern AWS accepts, in characters.
pub const MAX_PATTERN_CHARS: usize = 1024;
/// The deepest nesting of parentheses accepted.
pub const MAX_DEPTH: usize = 200;
/// AWS quota: regex values per JSON or space-delimited pattern.
pub const MAX_REGEXES: usize = 2;
/// AWS quota: selectors with a wildcard per pattern.
pub const MAX_WILDCARD_SELECTORS: usize = 3;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParseErrorKind {
    /// Malformed text.
    Syntax,
    /// Longer than 1024 characters.
    TooLong,
    /// Well-formed in other dialects, but AWS does not support it (`IS NOT`,
    /// regex groups, ...).
    Unsupported,
    /// Over an AWS quota (wildcards, regexes per pattern, repetition counts).
    Quota,
    /// Parentheses nested deeper than [`MAX_DEPTH`].
    TooDeep,
}

/// A syntax error with the byte span it is about and a message a person can act on.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct ParseError {
    pub kind: ParseErrorKind,
    pub span: Span,
    pub message: String,
}

impl ParseError {
    fn new(kind: ParseErrorKind, span: Span, message: impl Into<String>) -> Self {
        ParseError {
            kind,
            span,
            message: message.into(),
        }
    }

    fn syntax(span: Span, message: impl Into<String>) -> Self {
        Self::new(ParseErrorKind::Syntax, span, message)
    }
}

/// Parse a filter pattern. Never panics; every error carries a byte span into `text`.
pub fn parse(text: &str) -> Result<Pattern, ParseError> {
    let count = text.chars().count();
    if count > MAX_PATTERN_CHARS {
        let cut = text
            .char_indices()
            .nth(MAX_PATTERN_CHARS)
            .map_or(text.len(), |(i, _)| i);
        return Err(ParseError::new(
            ParseErrorKind::TooLong,
            Span::new(cut, text.len()),
            format!(
                "a pattern must be at most {MAX_PATTERN_CHARS} characters (this one has {count})"
            ),
        ));
    }
    match text.trim_start().chars().next() {
        Some('{') => parse_json(text).map(Pattern::Json),
        Some('[') => parse_space_delimited(text).map(Pattern::SpaceDelimited),
        _ => parse_terms(text).map(Pattern::Terms),
    }
}

/// Parse a regex source (the text between `%` delimiters) on its own; spans
/// are byte offsets into `source`.
pub fn parse_regex(source: &str) -> Result<Regex, ParseError> {
    regex::parse_regex_at(source, 0)
}

/// Does `s` follow AWS's number grammar `[+-]?digits(.digits)?([eE][+-]?digits)?`?
pub fn is_number(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = 0;
    let digits = |i: &mut usize| {
        let start = *i;
        while *i < b.len() && b[*i].is_ascii_digit() {
            *i += 1;
        }
        *i > start
    };
    if i < b.len() && (b[i] == b'+' || b[i] == b'-') {
        i += 1;
    }
    if !digits(&mut i) {
        return false;
    }
    if i < b.len() && b[i] == b'.' {
        i += 1;
        if !digits(&mut i) {
            return false;
        }
    }
    if i < b.len() && (b[i] == b'e' || b[i] == b'E') {
        i += 1;
        if i < b.len() && (b[i] == b'+' || b[i] == b'-') {
            i += 1;
        }
        if !digits(&mut i) {
            return false;
        }
    }
    i == b.len()
}

/// The glob a value denotes under AWS's wildcard rule.
pub fn glob_of(text: &str) -> Glob {
    if text == "*" {
        return Glob {
            prefix: true,
            suffix: true,
            text: String::new(),
        };
    }
    let (prefix, rest) = match text.strip_prefix('*') {
        Some(r) => (true, r),
        None => (false, text),
    };
    let (suffix, rest) = match rest.strip_suffix('*') {
        Some(r) => (true, r),
        None => (false, rest),
    };
    Glob {
        prefix,
        suffix,
        text: rest.to_string(),
    }
}

// ---------------------------------------------------------------- JSON

fn parse_json(text: &str) -> Result<Expr, ParseError> {
    let toks = tokenize_json(text)?;
    let mut p = JsonParser {
        toks,
        pos: 0,
        end: text.len(),
        depth: 0,
        regexes: 0,
        wildcard_selectors: 0,
    };
    p.pattern()
}

struct JsonParser {
    toks: Vec<Token>,
    pos: usize,
    /// Byte length of the text (the span of "end of pattern").
    end: usize,
    depth: usize,
    regexes: usize,
    wildcard_selectors: usize,
}

impl JsonParser {
    fn peek(&self) -> Option<&Token> {
        self.toks.get(self.pos)
    }

    fn peek_tok(&self) -> Option<&Tok> {
        self.peek().map(|t| &t.tok)
    }

    fn next(&mut self) -> Option<Token> {
        let t = self.toks.get(self.pos).cloned();
        if t.is_some() {
            self.pos += 1;
        }
        t
    }

    /// The span of the next token, or an empty span at the end.
    fn here(&self) -> Span {
        self.peek()
            .map_or(Span::new(self.end, self.end), |t| t.span)
    }

    fn found(&self) -> String {
        self.peek_tok()
            .map_or_else(|| "the end of the pattern".to_string(), Tok::describe)
    }

    fn pattern(&mut self) -> Result<Expr, ParseError> {
        let open = match self.next() {
            Some(Token {
                tok: Tok::LBrace,
                span,
            }) => span,
            _ => return Err(ParseError::syntax(self.here(), "expected `{`")),
        };
        if self.peek_tok() == Some(&Tok::RBrace) {
            return Err(ParseError::syntax(
                Span::new(open.start, self.here().end),
                "empty JSON pattern: write a comparison such as `{ $.eventName = ConsoleLogin }`",
            ));
        }
        let e = self.or()?;
        match self.peek_tok() {
            Some(Tok::RBrace) => {
                self.pos += 1;
            }
            Some(Tok::RParen) => {
                return Err(ParseError::syntax(
                    self.here(),
                    "unmatched `)`: there is no `(` for it to close",
                ));
            }
            None => {
                return Err(ParseError::syntax(
                    self.here(),
                    format!("expected `}}` to close the `{{` at byte {}", open.start),
                ));
            }
            Some(_) => {
                return Err(ParseError::syntax(
                    self.here(),
                    format!(
                        "expected `&&`, `||` or `}}` after a comparison, found {}",
                        self.found()
                    ),
                ));
            }
        }
        if self.peek().is_some() {
            return Err(ParseError::syntax(
                Span::new(self.here().start, self.end),
                "unexpected text after the closing `}`",
            ));
        }
        Ok(e)
    }

    fn or(&mut self) -> Result<Expr, ParseError> {
        let mut kids = Vec::new();
        push_flat(&mut kids, self.and()?, true);
        while self.peek_tok() == Some(&Tok::OrOr) {
            self.pos += 1;
            push_flat(&mut kids, self.and()?, true);
        }
        Ok(collapse(kids, Expr::Or))
    }

    fn and(&mut self) -> Result<Expr, ParseError> {
        let mut kids = Vec::new();
        push_flat(&mut kids, self.primary()?, false);
        while self.peek_tok() == Some(&Tok::AndAnd) {
            self.pos += 1;
            push_flat(&mut kids, self.primary()?, false);
        }
        Ok(collapse(kids, Expr::And))
    }

    fn primary(&mut self) -> Result<Expr, ParseError> {
        if self.peek_tok() != Some(&Tok::LParen) {
            return self.comparison().map(Expr::Cmp);
        }
        let open = self.here();
        self.pos += 1;
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(ParseError::new(
                ParseErrorKind::TooDeep,
                open,
                format!("parentheses are nested more than {MAX_DEPTH} deep"),
            ));
        }
        let e = self.or()?;
        if self.peek_tok() != Some(&Tok::RParen) {
            let msg = match self.peek_tok() {
                None | Some(Tok::RBrace) => format!(
                    "expected `)` to close the `(` opened at byte {}",
                    open.start
                ),
                Some(_) => format!(
                    "expected `&&`, `||` or `)` (closing the `(` at byte {}), found {}",
                    open.start,
                    self.found()
                ),
            };
            return Err(ParseError::syntax(self.here(), msg));
        }
        self.pos += 1;
        self.depth -= 1;
        Ok(e)
    }

    fn comparison(&mut self) -> Result<Comparison, ParseError> {
        let (selector, sel_span) = match self.peek() {
            Some(Token {
                tok: Tok::Selector(s),
                span,
            }) => (s.clone(), *span),
            Some(Token {
                tok: Tok::RParen | Tok::RBrace | Tok::AndAnd | Tok::OrOr,
                ..
            })
            | None => {
                return Err(ParseError::syntax(
                    self.here(),
                    format!(
                        "expected a comparison such as `$.eventName = ConsoleLogin`, found {}",
                        self.found()
                    ),
                ));
            }
            Some(_) => {
                return Err(ParseError::syntax(
                    self.here(),
                    format!(
                        "expected a selector starting with `$.`, found {}",
                        self.found()
                    ),
                ));
            }
        };
        self.pos += 1;
        self.check_selector_quotas(&selector, sel_span)?;
        let op = self.next();
        let Some(op) = op else {
            return Err(ParseError::syntax(
                Span::new(self.end, self.end),
                "expected an operator after the selector: `=`, `!=`, `<`, `<=`, `>`, `>=`, `IS` or `NOT EXISTS`",
            ));
        };
        let test = match &op.tok {
            Tok::Eq | Tok::Ne => {
                let eq = if op.tok == Tok::Eq {
                    EqOp::Eq
                } else {
                    EqOp::Ne
                };
                self.equality_value(eq)?
            }
            Tok::Lt | Tok::Le | Tok::Gt | Tok::Ge => {
                let num_op = match op.tok {
                    Tok::Lt => NumOp::Lt,
                    Tok::Le => NumOp::Le,
                    Tok::Gt => NumOp::Gt,
                    _ => NumOp::Ge,
                };
                self.numeric_value(num_op, &op)?
            }
            Tok::Word(w) if w == "IS" => self.is_keyword(&op)?,
            Tok::Word(w) if w == "NOT" => match self.next() {
                Some(Token {
                    tok: Tok::Word(w), ..
                }) if w == "EXISTS" => Test::NotExists,
                _ => {
                    return Err(ParseError::syntax(
                        op.span,
                        "expected `EXISTS` after `NOT` (`NOT EXISTS`)",
                    ));
                }
            },
            Tok::Word(w) if w == "EXISTS" => {
                return Err(ParseError::new(
                    ParseErrorKind::Unsupported,
                    op.span,
                    "AWS does not support `EXISTS` on its own: use `= *` for a field that is present, or `NOT EXISTS` for one that is absent",
                ));
            }
            Tok::Word(w) if ["is", "not", "exists"].contains(&w.to_ascii_lowercase().as_str()) => {
                return Err(ParseError::syntax(
                    op.span,
                    format!(
                        "keywords are case sensitive: write `{}`",
                        w.to_ascii_uppercase()
                    ),
                ));
            }
            _ => {
                return Err(ParseError::syntax(
                    op.span,
                    format!(
                        "expected an operator after the selector (`=`, `!=`, `<`, `<=`, `>`, `>=`, `IS` or `NOT EXISTS`), found {}",
                        op.tok.describe()
                    ),
                ));
            }
        };
        let end = self
            .toks
            .get(self.pos.wrapping_sub(1))
            .map_or(self.end, |t| t.span.end);
        Ok(Comparison {
            selector,
            test,
            span: Span::new(sel_span.start, end),
        })
    }

    fn check_selector_quotas(&mut self, sel: &Selector, span: Span) -> Result<(), ParseError> {
        let wild = sel
            .segments
            .iter()
            .filter(|s| matches!(s, Segment::AnyKey | Segment::AnyIndex))
            .count();
        if wild > 1 {
            return Err(ParseError::new(
                ParseErrorKind::Quota,
                span,
                format!("AWS allows at most one wildcard (`*`) in a selector; this one has {wild}"),
            ));
        }
        if wild == 1 {
            self.wildcard_selectors += 1;
            if self.wildcard_selectors > MAX_WILDCARD_SELECTORS {
                return Err(ParseError::new(
                    ParseErrorKind::Quota,
                    span,
                    format!(
                        "AWS allows at most {MAX_WILDCARD_SELECTORS} selectors with a wildcard in one pattern"
                    ),
                ));
            }
        }
        Ok(())
    }

    fn equality_value(&mut self, op: EqOp) -> Result<Test, ParseError> {
        let sym = if op == EqOp::Eq { "=" } else { "!=" };
        match self.next() {
            Some(Token {
                tok: Tok::Str(s), ..
            }) => Ok(Test::Str {
                op,
                value: glob_of(&s),
            }),
            Some(Token {
                tok: Tok::Regex(src),
                span,
            }) => {
                self.regexes += 1;
                if self.regexes > MAX_REGEXES {
                    return Err(ParseError::new(
                        ParseErrorKind::Quota,
                        span,
                        format!("AWS allows at most {MAX_REGEXES} regexes in a JSON pattern"),
                    ));
                }
                let regex = regex::parse_regex_at(&src, span.start + 1)?;
                Ok(Test::Regex { op, regex })
            }
            Some(Token {
                tok: Tok::Word(w),
                span,
            }) => {
                if is_number(&w) {
                    let value = number(&w, span)?;
                    let op = if op == EqOp::Eq { NumOp::Eq } else { NumOp::Ne };
                    Ok(Test::Num { op, value })
                } else {
                    Ok(Test::Str {
                        op,
                        value: glob_of(&w),
                    })
                }
            }
            other => {
                let (span, found) = match &other {
                    Some(t) => (t.span, t.tok.describe()),
                    None => (
                        Span::new(self.end, self.end),
                        "the end of the pattern".to_string(),
                    ),
                };
                Err(ParseError::syntax(
                    span,
                    format!(
                        "expected a value after `{sym}` (a string, a number, `*` or a `%regex%`), found {found}"
                    ),
                ))
            }
        }
    }

    fn numeric_value(&mut self, op: NumOp, op_tok: &Token) -> Result<Test, ParseError> {
        let sym = op_tok.tok.describe();
        match self.next() {
            Some(Token {
                tok: Tok::Word(w),
                span,
            }) if is_number(&w) => Ok(Test::Num {
                op,
                value: number(&w, span)?,
            }),
            Some(Token {
                tok: Tok::Str(_),
                span,
            }) => Err(ParseError::syntax(
                span,
                format!(
                    "{sym} compares numbers, and a quoted value is a string: remove the quotes"
                ),
            )),
            Some(t) => Err(ParseError::syntax(
                t.span,
                format!(
                    "{sym} compares numbers: {} is not a number",
                    t.tok.describe()
                ),
            )),
            None => Err(ParseError::syntax(
                Span::new(self.end, self.end),
                format!("expected a number after {sym}"),
            )),
        }
    }

    fn is_keyword(&mut self, is_tok: &Token) -> Result<Test, ParseError> {
        match self.next() {
            Some(Token {
                tok: Tok::Word(w),
                span,
            }) => match w.as_str() {
                "NULL" => Ok(Test::IsNull),
                "TRUE" => Ok(Test::IsTrue),
                "FALSE" => Ok(Test::IsFalse),
                "NOT" => Err(ParseError::new(
                    ParseErrorKind::Unsupported,
                    Span::new(is_tok.span.start, span.end),
                    "AWS does not support `IS NOT`: use `!=` to compare, or `NOT EXISTS` for an absent field",
                )),
                w if ["null", "true", "false"].contains(&w.to_ascii_lowercase().as_str()) => {
                    Err(ParseError::syntax(
                        span,
                        format!(
                            "keywords are case sensitive: write `IS {}`",
                            w.to_ascii_uppercase()
                        ),
                    ))
                }
                _ => Err(ParseError::syntax(
                    span,
                    format!(
                        "expected `NULL`, `TRUE` or `FALSE` after `IS`, found `{}`",
                        shorten(&w)
                    ),
                )),
            },
            other => Err(ParseError::syntax(
                other.map_or(Span::new(self.end, self.end), |t| t.span),
                "expected `NULL`, `TRUE` or `FALSE` after `IS`",
            )),
        }
    }
}

fn number(w: &str, span: Span) -> Result<f64, ParseError> {
    match w.parse::<f64>() {
        Ok(v) if v.is_finite() => Ok(v),
        _ => Err(ParseError::syntax(
            span,
            format!("the number `{}` is too large", shorten(w)),
        )),
    }
}

/// Append `e` to `kids`, splicing in its children when it is the same operator.
fn push_flat(kids: &mut Vec<Expr>, e: Expr, or: bool) {
    match e {
        Expr::Or(v) if or => kids.extend(v),
        Expr::And(v) if !or => kids.extend(v),
        e => kids.push(e),
    }
}

/// One child stays itself; two or more become `make(kids)`.
fn collapse(mut kids: Vec<Expr>, make: fn(Vec<Expr>) -> Expr) -> Expr {
    if kids.len() == 1
        && let Some(only) = kids.pop()
    {
        return only;
    }
    make(kids)
}

// ---------------------------------------------------------------- Terms

/// Read a `"..."` string starting at byte `start` (a `"`). Returns the
/// unescaped text and the byte offset after the closing quote.
fn quoted_at(text: &str, start: usize) -> Result<(String, usize), ParseError> {
    let mut out = String::new();
    let mut it = text[start + 1..].char_indices().peekable();
    while let Some((i, c)) = it.next() {
        match c {
            '"' => return Ok((out, start + 1 + i + 1)),
            '\\' => match it.peek() {
                Some(&(_, n @ ('"' | '\\'))) => {
                    it.next();
                    out.push(n);
                }
                _ => out.push('\\'),
            },
            c => out.push(c),
        }
    }
    Err(ParseError::syntax(
        Span::new(start, text.len()),
        "unterminated string: add a closing `\"`",
    ))
}

/// Read a `%...%` regex starting at byte `start` (a `%`). Returns the source
/// and the byte offset after the closing `%`.
fn regex_at(text: &str, start: usize) -> Result<(&str, usize), ParseError> {
    let body = start + 1;
    let mut it = text[body..].char_indices();
    while let Some((i, c)) = it.next() {
        match c {
            '%' => return Ok((&text[body..body + i], body + i + 1)),
            '\\' => {
                it.next();
            }
            _ => {}
        }
    }
    Err(ParseError::syntax(
        Span::new(start, text.len()),
        "unterminated regex: add a closing `%`",
    ))
}

fn parse_terms(text: &str) -> Result<Vec<Term>, ParseError> {
    let mut terms = Vec::new();
    let mut pos = 0;
    let next_char = |pos: usize| text[pos..].chars().next();
    loop {
        while let Some(c) = next_char(pos).filter(|c| c.is_whitespace()) {
            pos += c.len_utf8();
        }
        let Some(first) = next_char(pos) else {
            return Ok(terms);
        };
        let term_start = pos;
        let kind = match first {
            '?' => TermKind::Optional,
            '-' => TermKind::Excluded,
            _ => TermKind::Required,
        };
        if kind != TermKind::Required {
            pos += 1;
        }
        let body = pos;
        let (term_text, end) = match next_char(pos) {
            None => {
                return Err(ParseError::syntax(
                    Span::new(term_start, pos),
                    format!("`{first}` must be followed by a term, e.g. `{first}ERROR`"),
                ));
            }
            Some(c) if c.is_whitespace() => {
                return Err(ParseError::syntax(
                    Span::new(term_start, pos),
                    format!(
                        "`{first}` must be followed by a term without a space, e.g. `{first}ERROR`"
                    ),
                ));
            }
            Some('"') => {
                let (s, end) = quoted_at(text, body)?;
                (TermText::Literal(s), end)
            }
            Some('%') => {
                let (src, end) = regex_at(text, body)?;
                let re = regex::parse_regex_at(src, body + 1)?;
                (TermText::Regex(re), end)
            }
            Some(_) => {
                let mut end = body;
                while let Some(c) = next_char(end).filter(|c| !c.is_whitespace()) {
                    if c == '"' {
                        return Err(ParseError::syntax(
                            Span::new(end, end + 1),
                            "a `\"` inside a term: quote the whole term, e.g. `\"a b\"`",
                        ));
                    }
                    end += c.len_utf8();
                }
                (TermText::Literal(text[body..end].to_string()), end)
            }
        };
        if let Some(c) = next_char(end).filter(|c| !c.is_whitespace()) {
            return Err(ParseError::syntax(
                Span::new(end, end + c.len_utf8()),
                "expected a space after the closing delimiter of this term",
            ));
        }
        pos = end;
        let blank_required = kind == TermKind::Required
            && matches!(&term_text, TermText::Literal(s) if s.trim().is_empty());
        if !blank_required {
            terms.push(Term {
                kind,
                text: term_text,
            });
        }
    }
}

// ---------------------------------------------------------------- Space-delimited

fn parse_space_delimited(text: &str) -> Result<Vec<SpaceField>, ParseError> {
    let open = text.len() - text.trim_start().len();
    let mut fields = Vec::new();
    let mut field_start = open + 1;
    let mut regexes = 0;
    let mut pos = open + 1;
    let close = loop {
        let Some(c) = text[pos..].chars().next() else {
            return Err(ParseError::syntax(
                Span::new(open, text.len()),
                format!("expected `]` to close the `[` at byte {open}"),
            ));
        };
        match c {
            '"' => pos = quoted_at(text, pos)?.1,
            '%' => {
                let (src, end) = regex_at(text, pos)?;
                regexes += 1;
                if regexes > MAX_REGEXES {
                    return Err(ParseError::new(
                        ParseErrorKind::Quota,
                        Span::new(pos, end),
                        format!(
                            "AWS allows at most {MAX_REGEXES} regexes in a space-delimited pattern"
                        ),
                    ));
                }
                regex::parse_regex_at(src, pos + 1)?;
                pos = end;
            }
            ',' | ']' => {
                fields.push(space_field(text, field_start, pos)?);
                pos += 1;
                field_start = pos;
                if c == ']' {
                    break pos - 1;
                }
            }
            c => pos += c.len_utf8(),
        }
    };
    let rest = &text[close + 1..];
    if !rest.trim().is_empty() {
        let start = close + 1 + (rest.len() - rest.trim_start().len());
        return Err(ParseError::syntax(
            Span::new(start, text.len()),
            "unexpected text after the closing `]`",
        ));
    }
    Ok(fields)
}

fn space_field(text: &str, start: usize, end: usize) -> Result<SpaceField, ParseError> {
    let raw = &text[start..end];
    let lead = raw.len() - raw.trim_start().len();
    let field = raw.trim();
    let fstart = start + lead;
    let fspan = Span::new(fstart, fstart + field.len());
    if field.is_empty() {
        return Err(ParseError::syntax(
            Span::new(start, end),
            "empty field: name every field, or use `...` for any number of fields",
        ));
    }
    if field == "..." {
        return Ok(SpaceField::Ellipsis);
    }
    let (name, rest_at) = if field.starts_with('"') {
        let (name, after) = quoted_at(text, fstart)?;
        (name, after)
    } else {
        let name_len = field
            .find(|c: char| c.is_whitespace() || matches!(c, '=' | '!' | '<' | '>'))
            .unwrap_or(field.len());
        let name = &field[..name_len];
        if name.is_empty() {
            return Err(ParseError::syntax(
                fspan,
                "expected a field name before the condition, e.g. `status_code = 404`",
            ));
        }
        if let Some(bad) = name
            .chars()
            .find(|c| !(c.is_ascii_alphanumeric() || *c == '_'))
        {
            return Err(ParseError::syntax(
                fspan,
                format!(
                    "`{bad}` in the field name `{}`: names are ASCII letters, digits and `_` (quote other names)",
                    shorten(name)
                ),
            ));
        }
        (name.to_string(), fstart + name_len)
    };
    let condition = text[rest_at..fstart + field.len()].trim();
    if condition.is_empty() {
        return Ok(SpaceField::Named {
            name,
            condition: None,
        });
    }
    if !(condition.starts_with('=')
        || condition.starts_with("!=")
        || condition.starts_with('<')
        || condition.starts_with('>'))
    {
        return Err(ParseError::syntax(
            fspan,
            "expected an operator (`=`, `!=`, `<`, `<=`, `>`, `>=`) after the field name; separate fields with `,`",
        ));
    }
    Ok(SpaceField::Named {
        name,
        condition: Some(condition.to_string()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn json(s: &str) -> Expr {
        match parse(s) {
            Ok(Pattern::Json(e)) => e,
            other => panic!("{s}: {other:?}"),
        }
    }

    fn err(s: &str) -> ParseError {
        match parse(s) {
            Ok(p) => panic!("{s} parsed: {p:?}"),
            Err(e) => e,
        }
    }

    fn shape(e: &Expr) -> String {
        match e {
            Expr::And(v) => format!("and({})", v.iter().map(shape).collect::<Vec<_>>().join(",")),
            Expr::Or(v) => format!("or({})", v.iter().map(shape).collect::<Vec<_>>().join(",")),
            Expr::Cmp(c) => c.selector.to_string().trim_start_matches("$.").to_string(),
        }
    }

    #[test]
    fn and_binds_tighter_than_or() {
        assert_eq!(
            shape(&json("{ $.a = 1 || $.b = 2 && $.c = 3 }")),
            "or(a,and(b,c))"
        );
        assert_eq!(
            shape(&json("{ $.a = 1 && $.b = 2 || $.c = 3 && $.d = 4 }")),
            "or(and(a,b),and(c,d))"
        );
        assert_eq!(
            shape(&json("{ ($.a = 1 || $.b = 2) && $.c = 3 }")),
            "and(or(a,b),c)"
        );
    }

    #[test]
    fn flattens_and_unwraps() {
        assert_eq!(
            shape(&json("{ (($.a=1) || ($.b=2)) || (($.c=3)) }")),
            "or(a,b,c)"
        );
        assert_eq!(shape(&json("{((($.a=1)))}")), "a");
        assert_eq!(shape(&json("{ $.a=1 && ($.b=2 && $.c=3) }")), "and(a,b,c)");
    }

    #[test]
    fn values() {
        let cmp = |s: &str| match json(s) {
            Expr::Cmp(c) => c.test,
            e => panic!("{e:?}"),
        };
        assert_eq!(
            cmp("{$.a = \"400\"}"),
            Test::Str {
                op: EqOp::Eq,
                value: Glob::literal("400")
            }
        );
        assert_eq!(
            cmp("{$.a != 400}"),
            Test::Num {
                op: NumOp::Ne,
                value: 400.0
            }
        );
        assert_eq!(
            cmp("{$.a = -1.5e+3}"),
            Test::Num {
                op: NumOp::Eq,
                value: -1500.0
            }
        );
        assert_eq!(
            cmp("{$.a = 123.123.*}"),
            Test::Str {
                op: EqOp::Eq,
                value: Glob {
                    prefix: false,
                    suffix: true,
                    text: "123.123.".into()
                }
            }
        );
        assert_eq!(
            cmp("{$.a = \"*\"}"),
            Test::Str {
                op: EqOp::Eq,
                value: Glob {
                    prefix: true,
                    suffix: true,
                    text: String::new()
                }
            }
        );
        assert_eq!(
            cmp("{$.a = Ev*ent}"),
            Test::Str {
                op: EqOp::Eq,
                value: Glob::literal("Ev*ent")
            }
        );
        assert_eq!(
            cmp(r#"{$.a = "x\"y\\z\n"}"#),
            Test::Str {
                op: EqOp::Eq,
                value: Glob::literal("x\"y\\z\\n")
            }
        );
        assert_eq!(cmp("{$.a IS NULL}"), Test::IsNull);
        assert_eq!(cmp("{$.a IS TRUE}"), Test::IsTrue);
        assert_eq!(cmp("{$.a IS FALSE}"), Test::IsFalse);
        assert_eq!(cmp("{$.a NOT EXISTS}"), Test::NotExists);
        assert_eq!(
            cmp("{$.a > +1000}"),
            Test::Num {
                op: NumOp::Gt,
                value: 1000.0
            }
        );
        assert!(matches!(
            cmp("{$.a = %ab%}"),
            Test::Regex { op: EqOp::Eq, .. }
        ));
        assert_eq!(
            cmp("{$.a = 1.}"),
            Test::Str {
                op: EqOp::Eq,
                value: Glob::literal("1.")
            }
        );
    }

    #[test]
    fn comparison_span() {
        let Expr::Cmp(c) = json("{ ($.a.b = \"x y\") }") else {
            panic!()
        };
        assert_eq!(c.span, Span::new(3, 16));
    }

    #[test]
    fn error_messages() {
        let e = err("{ ($.a = 1 }");
        assert_eq!(e.span.start, 11);
        assert_eq!(e.message, "expected `)` to close the `(` opened at byte 2");
        assert_eq!(
            err("{ $.a = 1 & $.b = 2 }").message,
            "`&` is not an operator: use `&&`"
        );
        assert_eq!(
            err("{ $.a = \"x }").message,
            "unterminated string: add a closing `\"`"
        );
        assert_eq!(
            err("{ a = 1 }").message,
            "expected a selector starting with `$.`, found `a`"
        );
        let long = format!("{{ $.a = \"{}\" }}", "x".repeat(1018));
        let e = err(&long);
        assert_eq!(e.kind, ParseErrorKind::TooLong);
        assert_eq!(
            e.message,
            "a pattern must be at most 1024 characters (this one has 1030)"
        );
        assert!(err("{ $.a IS NOT NULL }").message.contains("`!=`"));
        assert!(err("{ $.a EXISTS }").message.contains("`= *`"));
        assert!(err("{ $.a is null }").message.contains("`IS`"));
        assert!(err("{ $.a IS null }").message.contains("`IS NULL`"));
        assert_eq!(err("{ $.a < \"5\" }").kind, ParseErrorKind::Syntax);
        assert_eq!(err("{ $.a < abc }").span.start, 8);
        assert_eq!(err("{ $.a = 1e999 }").span.start, 8);
    }

    #[test]
    fn quotas() {
        assert_eq!(err("{ $.a[*].* = 1 }").kind, ParseErrorKind::Quota);
        assert!(parse("{ $.a[*] = 1 && $.* = 2 && $.b.* = 3 }").is_ok());
        let e = err("{ $.a[*] = 1 && $.* = 2 && $.b.* = 3 && $.c[*] = 4 }");
        assert_eq!((e.kind, e.span.start), (ParseErrorKind::Quota, 40));
        assert!(parse("{ $.a = %a% || $.b = %b% }").is_ok());
        let e = err("{ $.a = %a% || $.b = %b% || $.c = %c% }");
        assert_eq!((e.kind, e.span.start), (ParseErrorKind::Quota, 34));
    }

    #[test]
    fn depth_limit() {
        let deep = format!(
            "{{{}$.a=1{}}}",
            "(".repeat(MAX_DEPTH),
            ")".repeat(MAX_DEPTH)
        );
        assert!(parse(&deep).is_ok());
        let deeper = format!(
            "{{{}$.a=1{}}}",
            "(".repeat(MAX_DEPTH + 1),
            ")".repeat(MAX_DEPTH + 1)
        );
        assert_eq!(err(&deeper).kind, ParseErrorKind::TooDeep);
        let huge = format!("{{{}", "(".repeat(1000));
        assert_eq!(err(&huge).kind, ParseErrorKind::TooDeep);
    }

    #[test]
    fn terms() {
        let t = match parse(" ERROR ?a -\"b c\" %x\\d+% \"\" ") {
            Ok(Pattern::Terms(t)) => t,
            p => panic!("{p:?}"),
        };
        assert_eq!(t.len(), 4);
        assert_eq!(t[0].kind, TermKind::Required);
        assert_eq!(t[1].kind, TermKind::Optional);
        assert_eq!(
            t[2],
            Term {
                kind: TermKind::Excluded,
                text: TermText::Literal("b c".into())
            }
        );
        assert!(matches!(t[3].text, TermText::Regex(_)));
        assert_eq!(parse(""), Ok(Pattern::Terms(vec![])));
        assert_eq!(parse("   "), Ok(Pattern::Terms(vec![])));
        assert_eq!(parse("\" \""), Ok(Pattern::Terms(vec![])));
        assert_eq!(err("%something!%").kind, ParseErrorKind::Unsupported);
        assert_eq!(err("a ? b").span.start, 2);
        assert_eq!(err("ab\"c\"").span.start, 2);
    }

    #[test]
    fn space_delimited() {
        let f = match parse(
            "[ip=%127\\.0\\.0\\.[1-9]%, user, ..., request =*.html*, \"a b\" = \"x,y]\"]",
        ) {
            Ok(Pattern::SpaceDelimited(f)) => f,
            p => panic!("{p:?}"),
        };
        assert_eq!(
            f,
            vec![
                SpaceField::Named {
                    name: "ip".into(),
                    condition: Some("=%127\\.0\\.0\\.[1-9]%".into())
                },
                SpaceField::Named {
                    name: "user".into(),
                    condition: None
                },
                SpaceField::Ellipsis,
                SpaceField::Named {
                    name: "request".into(),
                    condition: Some("=*.html*".into())
                },
                SpaceField::Named {
                    name: "a b".into(),
                    condition: Some("= \"x,y]\"".into())
                },
            ]
        );
        assert_eq!(err("[a, b").span.start, 0);
        assert_eq!(err("[a,, b]").span.start, 3);
        assert_eq!(err("[a] x").span.start, 4);
        assert_eq!(err("[a b]").span.start, 1);
        assert_eq!(err("[a=%x(%]").kind, ParseErrorKind::Unsupported);
    }
}

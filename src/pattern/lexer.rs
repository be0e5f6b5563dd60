//! Tokens of JSON filter patterns (`{ ... }`), each with its byte span in the pattern text.
//!
//! The lexer is context-sensitive in one place only: a `$` starts a property
//! selector unless the previous token is a comparison operator, where it is
//! the first character of an unquoted value (cis-monitor decision).

use super::ast::{Segment, Selector, Span};
use super::parser::{ParseError, ParseErrorKind};

/// The characters that end an unquoted value (besides whitespace).
pub(crate) const WORD_DELIMITERS: &[char] =
    &['(', ')', '{', '}', '"', '&', '|', '=', '!', '<', '>', '%'];

/// One token of a JSON pattern.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Tok {
    LBrace,
    RBrace,
    LParen,
    RParen,
    AndAnd,
    OrOr,
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
    /// A double-quoted string, escapes resolved.
    Str(String),
    /// A `%regex%`; the string is the source between the `%` delimiters.
    Regex(String),
    /// An unquoted run of characters: a value, a number or a keyword.
    Word(String),
    /// A property selector such as `$.a.b[0]`.
    Selector(Selector),
}

impl Tok {
    fn is_comparison_operator(&self) -> bool {
        matches!(
            self,
            Tok::Eq | Tok::Ne | Tok::Lt | Tok::Le | Tok::Gt | Tok::Ge
        )
    }

    /// How the token is named in error messages.
    pub(crate) fn describe(&self) -> String {
        match self {
            Tok::LBrace => "`{`".into(),
            Tok::RBrace => "`}`".into(),
            Tok::LParen => "`(`".into(),
            Tok::RParen => "`)`".into(),
            Tok::AndAnd => "`&&`".into(),
            Tok::OrOr => "`||`".into(),
            Tok::Eq => "`=`".into(),
            Tok::Ne => "`!=`".into(),
            Tok::Lt => "`<`".into(),
            Tok::Le => "`<=`".into(),
            Tok::Gt => "`>`".into(),
            Tok::Ge => "`>=`".into(),
            Tok::Str(_) => "a quoted string".into(),
            Tok::Regex(_) => "a `%regex%`".into(),
            Tok::Word(w) => format!("`{}`", shorten(w)),
            Tok::Selector(s) => format!("the selector `{}`", shorten(&s.to_string())),
        }
    }
}

/// At most 40 characters of `s`, for messages.
pub(crate) fn shorten(s: &str) -> String {
    if s.chars().count() <= 40 {
        s.to_string()
    } else {
        let head: String = s.chars().take(37).collect();
        format!("{head}...")
    }
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Token {
    pub tok: Tok,
    pub span: Span,
}

/// Split a JSON pattern into tokens. `text` is the whole pattern text, so
/// every span is a byte offset into it.
pub(crate) fn tokenize_json(text: &str) -> Result<Vec<Token>, ParseError> {
    let mut lx = Lexer {
        text,
        pos: 0,
        out: Vec::new(),
    };
    lx.run()?;
    Ok(lx.out)
}

struct Lexer<'a> {
    text: &'a str,
    pos: usize,
    out: Vec<Token>,
}

fn err(kind: ParseErrorKind, start: usize, end: usize, message: impl Into<String>) -> ParseError {
    ParseError {
        kind,
        span: Span::new(start, end),
        message: message.into(),
    }
}

fn syntax(start: usize, end: usize, message: impl Into<String>) -> ParseError {
    err(ParseErrorKind::Syntax, start, end, message)
}

fn is_name_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_' || c == '-'
}

fn is_word_char(c: char) -> bool {
    !c.is_whitespace() && !WORD_DELIMITERS.contains(&c)
}

impl Lexer<'_> {
    fn peek(&self) -> Option<char> {
        self.text[self.pos..].chars().next()
    }

    fn peek_at(&self, skip: usize) -> Option<char> {
        self.text[self.pos..].chars().nth(skip)
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.pos += c.len_utf8();
        Some(c)
    }

    fn push(&mut self, tok: Tok, start: usize) {
        self.out.push(Token {
            tok,
            span: Span::new(start, self.pos),
        });
    }

    fn value_expected(&self) -> bool {
        self.out
            .last()
            .is_some_and(|t| t.tok.is_comparison_operator())
    }

    fn run(&mut self) -> Result<(), ParseError> {
        while let Some(c) = self.peek() {
            let start = self.pos;
            if c.is_whitespace() {
                self.bump();
                continue;
            }
            match c {
                '{' | '}' | '(' | ')' => {
                    self.bump();
                    let tok = match c {
                        '{' => Tok::LBrace,
                        '}' => Tok::RBrace,
                        '(' => Tok::LParen,
                        _ => Tok::RParen,
                    };
                    self.push(tok, start);
                }
                '&' => {
                    self.bump();
                    if self.peek() == Some('&') {
                        self.bump();
                        self.push(Tok::AndAnd, start);
                    } else {
                        return Err(syntax(start, self.pos, "`&` is not an operator: use `&&`"));
                    }
                }
                '|' => {
                    self.bump();
                    if self.peek() == Some('|') {
                        self.bump();
                        self.push(Tok::OrOr, start);
                    } else {
                        return Err(syntax(start, self.pos, "`|` is not an operator: use `||`"));
                    }
                }
                '=' => {
                    self.bump();
                    if self.peek() == Some('=') {
                        self.bump();
                        return Err(syntax(start, self.pos, "`==` is not an operator: use `=`"));
                    }
                    self.push(Tok::Eq, start);
                }
                '!' => {
                    self.bump();
                    if self.peek() == Some('=') {
                        self.bump();
                        self.push(Tok::Ne, start);
                    } else {
                        return Err(syntax(
                            start,
                            self.pos,
                            "`!` is not an operator: use `!=`, or `NOT EXISTS` for an absent field",
                        ));
                    }
                }
                '<' | '>' => {
                    self.bump();
                    let or_equal = self.peek() == Some('=');
                    if or_equal {
                        self.bump();
                    }
                    let tok = match (c, or_equal) {
                        ('<', false) => Tok::Lt,
                        ('<', true) => Tok::Le,
                        ('>', false) => Tok::Gt,
                        _ => Tok::Ge,
                    };
                    self.push(tok, start);
                }
                '"' => {
                    let s = self.quoted_string()?;
                    self.push(Tok::Str(s), start);
                }
                '%' => {
                    let src = self.regex()?;
                    self.push(Tok::Regex(src), start);
                }
                '$' if !self.value_expected() => {
                    let sel = self.selector()?;
                    self.push(Tok::Selector(sel), start);
                }
                '\'' if self.value_expected() => {
                    return Err(syntax(
                        start,
                        start + 1,
                        "single quotes do not delimit strings: use double quotes, e.g. `\"Root\"`",
                    ));
                }
                _ => {
                    while self.peek().is_some_and(is_word_char) {
                        self.bump();
                    }
                    let w = self.text[start..self.pos].to_string();
                    self.push(Tok::Word(w), start);
                }
            }
        }
        Ok(())
    }

    /// A `"..."` string; `\"` and `\\` are escapes, any other backslash is
    /// kept as written (cis-monitor decision: AWS does not document escapes).
    fn quoted_string(&mut self) -> Result<String, ParseError> {
        let start = self.pos;
        self.bump();
        let mut s = String::new();
        loop {
            match self.bump() {
                None => {
                    return Err(syntax(
                        start,
                        self.pos,
                        "unterminated string: add a closing `\"`",
                    ));
                }
                Some('"') => return Ok(s),
                Some('\\') => match self.peek() {
                    Some(c @ ('"' | '\\')) => {
                        self.bump();
                        s.push(c);
                    }
                    _ => s.push('\\'),
                },
                Some(c) => s.push(c),
            }
        }
    }

    /// A `%...%` regex; returns the source between the delimiters. A
    /// backslash escapes the next character, so `\%` does not end it.
    fn regex(&mut self) -> Result<String, ParseError> {
        let start = self.pos;
        self.bump();
        let body = self.pos;
        loop {
            match self.bump() {
                None => {
                    return Err(syntax(
                        start,
                        self.pos,
                        "unterminated regex: add a closing `%`",
                    ));
                }
                Some('%') => return Ok(self.text[body..self.pos - 1].to_string()),
                Some('\\') => {
                    self.bump();
                }
                Some(_) => {}
            }
        }
    }

    fn selector(&mut self) -> Result<Selector, ParseError> {
        let start = self.pos;
        self.bump(); // `$`
        let mut segments = Vec::new();
        loop {
            let seg_start = self.pos;
            match self.peek() {
                Some('.') => {
                    self.bump();
                    match self.peek() {
                        Some('[') => segments.push(self.bracket(true)?),
                        Some('*') => {
                            self.bump();
                            segments.push(Segment::AnyKey);
                        }
                        Some(c) if is_name_char(c) => {
                            let name_start = self.pos;
                            while self.peek().is_some_and(is_name_char) {
                                self.bump();
                            }
                            segments
                                .push(Segment::Key(self.text[name_start..self.pos].to_string()));
                        }
                        _ => {
                            return Err(syntax(
                                seg_start,
                                self.pos,
                                "expected a field name, `*` or `['key']` after `.` in the selector",
                            ));
                        }
                    }
                }
                Some('[') => segments.push(self.bracket(false)?),
                _ => break,
            }
        }
        if segments.is_empty() {
            return Err(syntax(
                start,
                self.pos,
                "expected a selector starting with `$.`, e.g. `$.eventName`",
            ));
        }
        if let Some(c) = self.peek()
            && is_word_char(c)
        {
            let end = self.pos + c.len_utf8();
            return Err(syntax(
                self.pos,
                end,
                format!(
                    "`{c}` cannot appear in a selector: field names are ASCII letters, digits, `_` and `-`; write other keys as `['key']`"
                ),
            ));
        }
        Ok(Selector { segments })
    }

    /// `[N]`, `[*]` or `['key']` (`after_dot`: only `['key']` may follow a `.`).
    fn bracket(&mut self, after_dot: bool) -> Result<Segment, ParseError> {
        let start = self.pos;
        self.bump(); // `[`
        match self.peek() {
            Some('\'') => {
                self.bump();
                let key_start = self.pos;
                loop {
                    match self.bump() {
                        None => {
                            return Err(syntax(
                                start,
                                self.pos,
                                "unterminated key: close it with `']`",
                            ));
                        }
                        Some('\'') => break,
                        Some(_) => {}
                    }
                }
                let key = self.text[key_start..self.pos - 1].to_string();
                if self.peek() != Some(']') {
                    return Err(syntax(
                        start,
                        self.pos,
                        "expected `]` after the quoted key (a key cannot contain `'`)",
                    ));
                }
                self.bump();
                Ok(Segment::Key(key))
            }
            Some('*') if !after_dot && self.peek_at(1) == Some(']') => {
                self.bump();
                self.bump();
                Ok(Segment::AnyIndex)
            }
            Some(c) if c.is_ascii_digit() && !after_dot => {
                let digits_start = self.pos;
                while self.peek().is_some_and(|c| c.is_ascii_digit()) {
                    self.bump();
                }
                let digits = &self.text[digits_start..self.pos];
                if self.peek() != Some(']') {
                    return Err(syntax(
                        start,
                        self.pos,
                        "expected `]` to close the array index",
                    ));
                }
                self.bump();
                match digits.parse::<u32>() {
                    Ok(i) => Ok(Segment::Index(i)),
                    Err(_) => Err(syntax(
                        start,
                        self.pos,
                        format!("array index {} is too large", shorten(digits)),
                    )),
                }
            }
            Some('"') => Err(syntax(
                start,
                self.pos + 1,
                "quote bracketed keys with single quotes: `['key']`",
            )),
            _ => Err(syntax(
                start,
                self.pos,
                if after_dot {
                    "expected `['key']` after `.[`"
                } else {
                    "expected an array index `[0]`, `[*]` or a key `['key']`"
                },
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(s: &str) -> Vec<Tok> {
        tokenize_json(s)
            .expect("lexes")
            .into_iter()
            .map(|t| t.tok)
            .collect()
    }

    #[test]
    fn operators_and_words() {
        assert_eq!(
            toks("{$.a=b&&$.c!=1||$.d<=2}"),
            vec![
                Tok::LBrace,
                Tok::Selector(Selector {
                    segments: vec![Segment::Key("a".into())]
                }),
                Tok::Eq,
                Tok::Word("b".into()),
                Tok::AndAnd,
                Tok::Selector(Selector {
                    segments: vec![Segment::Key("c".into())]
                }),
                Tok::Ne,
                Tok::Word("1".into()),
                Tok::OrOr,
                Tok::Selector(Selector {
                    segments: vec![Segment::Key("d".into())]
                }),
                Tok::Le,
                Tok::Word("2".into()),
                Tok::RBrace,
            ]
        );
    }

    #[test]
    fn selector_segments() {
        let t = toks("$.a[0].['x.y'][*].*['k']");
        assert_eq!(
            t,
            vec![Tok::Selector(Selector {
                segments: vec![
                    Segment::Key("a".into()),
                    Segment::Index(0),
                    Segment::Key("x.y".into()),
                    Segment::AnyIndex,
                    Segment::AnyKey,
                    Segment::Key("k".into()),
                ]
            })]
        );
    }

    #[test]
    fn dollar_after_operator_is_a_value() {
        assert_eq!(
            toks("$.a = $x"),
            vec![
                Tok::Selector(Selector {
                    segments: vec![Segment::Key("a".into())]
                }),
                Tok::Eq,
                Tok::Word("$x".into()),
            ]
        );
    }

    #[test]
    fn string_escapes() {
        assert_eq!(toks(r#""a\"b\\c\d""#), vec![Tok::Str(r#"a"b\c\d"#.into())]);
    }

    #[test]
    fn regex_escapes_percent() {
        assert_eq!(toks(r"%a\%b%"), vec![Tok::Regex(r"a\%b".into())]);
    }

    #[test]
    fn spans_are_byte_offsets() {
        let t = tokenize_json("{ \"é\" = x }").expect("lexes");
        assert_eq!(t[1].span, Span::new(2, 6));
        assert_eq!(t[2].span, Span::new(7, 8));
    }

    #[test]
    fn errors() {
        for (s, start) in [
            ("& x", 0),
            ("a | b", 2),
            ("$.a == 1", 4),
            ("\"abc", 0),
            ("%abc", 0),
            ("$", 0),
            ("$.a?", 3),
            ("$[x]", 1),
            ("$.[0]", 2),
            ("$.a = 'Root'", 6),
            ("$.a[99999999999]", 3),
        ] {
            let e = tokenize_json(s).expect_err(s);
            assert_eq!(e.span.start, start, "{s}: {e:?}");
        }
    }
}

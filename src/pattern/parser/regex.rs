//! Parser for AWS's restricted regex dialect (`%...%`), resolving every atom to a [`CharSet`].
//!
//! Rules (AWS docs, "Supported regular expressions (regex) syntax", unless marked):
//! - literal characters: ASCII letters and digits and `: _ # = @ / ; , -`;
//!   any other unescaped character is rejected (AWS docs: `%something!%` is rejected);
//! - operators `^ $ ? [ ] { } | \ * + .`; `(` and `)` are rejected (AWS docs:
//!   no subpatterns); multi-byte characters are rejected (AWS docs);
//! - escapes `\d \D \s \S \w \W \xhh`, and `\` followed by an ASCII symbol or a
//!   space is that character (cis-monitor decision; AWS shows `\.`, `\[`, `\]`);
//!   any other escape (`\n`, `\b`, ...) is rejected (cis-monitor decision);
//! - `\s` is space, `\t`, `\n`, `\r`, `\x0b`, `\x0c`; `\w` is `[A-Za-z0-9_]`;
//!   `\d` is `[0-9]`; `.` is any character (cis-monitor decision, as in PCRE
//!   with dot-all: CloudTrail events are single lines);
//! - character classes `[...]` and `[^...]` with ranges `a-z`; inside a class
//!   the operator characters `. * + ? { } | $ ^` stand for themselves, `-` is
//!   literal first or last, and `[`, `(`, `)` must be escaped (cis-monitor decision);
//! - quantifiers `* + ? {n} {n,} {n,m}` with `n <= m <= 1000` (the cap is a
//!   cis-monitor decision); a quantifier cannot follow another one;
//! - `|` separates top-level alternatives; `^` is allowed only at the start
//!   and `$` only at the end of an alternative (cis-monitor decision: without
//!   groups nothing else is meaningful); an alternative may not be empty, and
//!   neither may the whole regex (cis-monitor decision).

use crate::pattern::ast::{CharSet, Regex, RegexBranch, RegexPiece, Span};
use crate::pattern::parser::{ParseError, ParseErrorKind};

/// The largest repetition count accepted in `{n,m}`.
pub(crate) const MAX_REPEAT: u32 = 1000;

/// Literal characters AWS allows besides ASCII letters and digits.
const LITERAL_SYMBOLS: &[char] = &[':', '_', '#', '=', '@', '/', ';', ',', '-'];

/// Characters that stand for themselves inside a character class.
const CLASS_SYMBOLS: &[char] = &['.', '*', '+', '?', '{', '}', '|', '$', '^'];

/// Parse the text between the `%` delimiters. `offset` is the byte offset of
/// `source` in the pattern text, so error spans point into the pattern.
pub(crate) fn parse_regex_at(source: &str, offset: usize) -> Result<Regex, ParseError> {
    let mut p = RegexParser {
        src: source,
        chars: source.char_indices().collect(),
        i: 0,
        offset,
    };
    let branches = p.parse()?;
    Ok(Regex {
        source: source.to_string(),
        branches,
    })
}

struct RegexParser<'a> {
    src: &'a str,
    chars: Vec<(usize, char)>,
    i: usize,
    offset: usize,
}

enum Atom {
    Set(CharSet),
    Char(char),
}

impl Atom {
    fn into_set(self) -> CharSet {
        match self {
            Atom::Set(s) => s,
            Atom::Char(c) => CharSet::single(c),
        }
    }
}

pub(crate) fn space_set() -> CharSet {
    CharSet::from_ranges(vec![(' ', ' '), ('\t', '\r')])
}

pub(crate) fn word_set() -> CharSet {
    CharSet::from_ranges(vec![('A', 'Z'), ('a', 'z'), ('0', '9'), ('_', '_')])
}

pub(crate) fn digit_set() -> CharSet {
    CharSet::from_ranges(vec![('0', '9')])
}

impl RegexParser<'_> {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.i).map(|&(_, c)| c)
    }

    fn peek_at(&self, k: usize) -> Option<char> {
        self.chars.get(self.i + k).map(|&(_, c)| c)
    }

    /// Byte offset (in the pattern) of the char at index `i`, or of the end.
    fn at(&self, i: usize) -> usize {
        self.offset + self.chars.get(i).map_or(self.src.len(), |&(b, _)| b)
    }

    fn err(
        &self,
        kind: ParseErrorKind,
        from: usize,
        to: usize,
        msg: impl Into<String>,
    ) -> ParseError {
        ParseError {
            kind,
            span: Span::new(self.at(from), self.at(to)),
            message: msg.into(),
        }
    }

    fn syntax(&self, from: usize, to: usize, msg: impl Into<String>) -> ParseError {
        self.err(ParseErrorKind::Syntax, from, to, msg)
    }

    fn unsupported(&self, from: usize, to: usize, msg: impl Into<String>) -> ParseError {
        self.err(ParseErrorKind::Unsupported, from, to, msg)
    }

    fn parse(&mut self) -> Result<Vec<RegexBranch>, ParseError> {
        if self.chars.is_empty() {
            return Err(self.syntax(
                0,
                0,
                "empty regex: write something between the `%` delimiters",
            ));
        }
        if let Some(k) = self.chars.iter().position(|&(_, c)| !c.is_ascii()) {
            return Err(self.unsupported(
                k,
                k + 1,
                "AWS regexes do not support multi-byte characters; use `\\xhh` for a byte below 0x80",
            ));
        }
        let mut branches = Vec::new();
        let mut branch = RegexBranch {
            anchored_start: false,
            anchored_end: false,
            pieces: Vec::new(),
        };
        let mut branch_start = 0;
        loop {
            let here = self.i;
            let Some(c) = self.peek() else {
                self.finish_branch(&mut branches, branch, branch_start, here)?;
                return Ok(branches);
            };
            match c {
                '|' => {
                    self.finish_branch(&mut branches, branch, branch_start, here)?;
                    self.i += 1;
                    branch_start = self.i;
                    branch = RegexBranch {
                        anchored_start: false,
                        anchored_end: false,
                        pieces: Vec::new(),
                    };
                    continue;
                }
                '^' => {
                    if branch.anchored_start || !branch.pieces.is_empty() {
                        return Err(self.unsupported(
                            here,
                            here + 1,
                            "`^` is only supported at the start of the regex or of an alternative (AWS regexes have no groups); write `\\^` for a literal `^`",
                        ));
                    }
                    branch.anchored_start = true;
                    self.i += 1;
                    continue;
                }
                '$' => {
                    if !matches!(self.peek_at(1), None | Some('|')) {
                        return Err(self.unsupported(
                            here,
                            here + 1,
                            "`$` is only supported at the end of the regex or of an alternative; write `\\$` for a literal `$`",
                        ));
                    }
                    branch.anchored_end = true;
                    self.i += 1;
                    continue;
                }
                _ => {}
            }
            let set = self.atom()?.into_set();
            let (min, max) = self.quantifier()?;
            branch.pieces.push(RegexPiece { set, min, max });
        }
    }

    fn finish_branch(
        &self,
        branches: &mut Vec<RegexBranch>,
        branch: RegexBranch,
        start: usize,
        end: usize,
    ) -> Result<(), ParseError> {
        if branch.pieces.is_empty() && !branch.anchored_start && !branch.anchored_end {
            return Err(self.syntax(
                start,
                end.max(start),
                "empty alternative in the regex: remove the extra `|`",
            ));
        }
        branches.push(branch);
        Ok(())
    }

    /// One atom outside a class: a literal, `.`, an escape or a class.
    fn atom(&mut self) -> Result<Atom, ParseError> {
        let here = self.i;
        let Some(c) = self.peek() else {
            return Err(self.syntax(here, here, "unexpected end of regex"));
        };
        match c {
            '.' => {
                self.i += 1;
                Ok(Atom::Set(CharSet::any()))
            }
            '\\' => self.escape(),
            '[' => self.class(),
            '(' | ')' => Err(self.unsupported(
                here,
                here + 1,
                "AWS regexes do not support groups: `(` and `)` are rejected; write `\\x28`/`\\x29` for a literal parenthesis",
            )),
            '*' | '+' | '?' | '{' => Err(self.syntax(
                here,
                here + 1,
                format!("`{c}` has nothing to repeat: put a character or class before it, or write `\\{c}`"),
            )),
            ']' | '}' => Err(self.syntax(
                here,
                here + 1,
                format!("unmatched `{c}`: write `\\{c}` for a literal `{c}`"),
            )),
            c if c.is_ascii_alphanumeric() || LITERAL_SYMBOLS.contains(&c) => {
                self.i += 1;
                Ok(Atom::Char(c))
            }
            c => Err(self.unsupported(
                here,
                here + 1,
                format!(
                    "{} is not allowed in an AWS regex; escape it as `\\{c}`",
                    describe_char(c)
                ),
            )),
        }
    }

    /// `\...` (the current char is the backslash).
    fn escape(&mut self) -> Result<Atom, ParseError> {
        let here = self.i;
        self.i += 1;
        let Some(c) = self.peek() else {
            return Err(self.syntax(
                here,
                here + 1,
                "the regex ends with a lone `\\`: write `\\\\` for a literal backslash",
            ));
        };
        self.i += 1;
        let set = match c {
            'd' => digit_set(),
            'D' => digit_set().complement(),
            's' => space_set(),
            'S' => space_set().complement(),
            'w' => word_set(),
            'W' => word_set().complement(),
            'x' => {
                let hex: String = [self.peek(), self.peek_at(1)]
                    .into_iter()
                    .flatten()
                    .collect();
                let value = if hex.len() == 2 {
                    u8::from_str_radix(&hex, 16).ok()
                } else {
                    None
                };
                let Some(value) = value else {
                    return Err(self.syntax(
                        here,
                        (self.i + 2).min(self.chars.len()),
                        "`\\x` must be followed by two hex digits, e.g. `\\x3A`",
                    ));
                };
                self.i += 2;
                return Ok(Atom::Char(char::from(value)));
            }
            c if c.is_ascii_punctuation() || c == ' ' => return Ok(Atom::Char(c)),
            c => {
                return Err(self.unsupported(
                    here,
                    self.i,
                    format!(
                        "`\\{c}` is not a supported escape: AWS supports `\\d \\D \\s \\S \\w \\W \\xhh` and `\\` before a symbol"
                    ),
                ));
            }
        };
        Ok(Atom::Set(set))
    }

    /// `[...]` or `[^...]` (the current char is the `[`).
    fn class(&mut self) -> Result<Atom, ParseError> {
        let open = self.i;
        self.i += 1;
        let negated = self.peek() == Some('^');
        if negated {
            self.i += 1;
        }
        let first = self.i;
        let mut ranges: Vec<(char, char)> = Vec::new();
        loop {
            let here = self.i;
            let Some(c) = self.peek() else {
                return Err(self.syntax(
                    open,
                    here,
                    "unterminated character class: add a closing `]`",
                ));
            };
            if c == ']' {
                if here == first {
                    return Err(self.syntax(
                        open,
                        here + 1,
                        "empty character class: write `\\]` for a literal `]`",
                    ));
                }
                self.i += 1;
                break;
            }
            let lo = self.class_atom()?;
            let is_range = self.peek() == Some('-') && !matches!(self.peek_at(1), None | Some(']'));
            match lo {
                Atom::Char(lo) if is_range => {
                    self.i += 1;
                    let hi_at = self.i;
                    match self.class_atom()? {
                        Atom::Char(hi) => {
                            if hi < lo {
                                return Err(self.syntax(
                                    here,
                                    self.i,
                                    format!("range `{lo}-{hi}` is out of order: write `{hi}-{lo}`"),
                                ));
                            }
                            ranges.push((lo, hi));
                        }
                        Atom::Set(_) => {
                            return Err(self.syntax(
                                hi_at,
                                self.i,
                                "a range cannot end with a class escape such as `\\d`",
                            ));
                        }
                    }
                }
                Atom::Set(_) if is_range => {
                    return Err(self.syntax(
                        here,
                        self.i,
                        "a range cannot start with a class escape such as `\\d`",
                    ));
                }
                Atom::Char(c) => ranges.push((c, c)),
                Atom::Set(s) => ranges.extend(s.ranges),
            }
        }
        let set = CharSet::from_ranges(ranges);
        Ok(Atom::Set(if negated { set.complement() } else { set }))
    }

    fn class_atom(&mut self) -> Result<Atom, ParseError> {
        let here = self.i;
        let Some(c) = self.peek() else {
            return Err(self.syntax(
                here,
                here,
                "unterminated character class: add a closing `]`",
            ));
        };
        match c {
            '\\' => self.escape(),
            '[' => Err(self.syntax(here, here + 1, "`[` inside a character class: write `\\[`")),
            '(' | ')' => Err(self.unsupported(
                here,
                here + 1,
                "AWS regexes reject `(` and `)`: write `\\x28`/`\\x29`",
            )),
            c if c.is_ascii_alphanumeric()
                || LITERAL_SYMBOLS.contains(&c)
                || CLASS_SYMBOLS.contains(&c) =>
            {
                self.i += 1;
                Ok(Atom::Char(c))
            }
            c => Err(self.unsupported(
                here,
                here + 1,
                format!(
                    "{} is not allowed in an AWS regex; escape it as `\\{c}`",
                    describe_char(c)
                ),
            )),
        }
    }

    /// An optional quantifier after an atom.
    fn quantifier(&mut self) -> Result<(u32, Option<u32>), ParseError> {
        let here = self.i;
        let q = match self.peek() {
            Some('*') => {
                self.i += 1;
                (0, None)
            }
            Some('+') => {
                self.i += 1;
                (1, None)
            }
            Some('?') => {
                self.i += 1;
                (0, Some(1))
            }
            Some('{') => self.braces()?,
            _ => return Ok((1, Some(1))),
        };
        if let Some(c @ ('*' | '+' | '?' | '{')) = self.peek() {
            return Err(self.syntax(
                self.i,
                self.i + 1,
                format!(
                    "`{c}` cannot follow another quantifier (at byte {}); AWS has no lazy or possessive quantifiers",
                    self.at(here)
                ),
            ));
        }
        Ok(q)
    }

    /// `{n}`, `{n,}` or `{n,m}` (the current char is the `{`).
    fn braces(&mut self) -> Result<(u32, Option<u32>), ParseError> {
        let open = self.i;
        self.i += 1;
        let bad = |p: &Self| {
            p.syntax(
                open,
                p.i.max(open + 1),
                "`{` must start a repetition such as `{2}`, `{2,}` or `{2,5}`; write `\\{` for a literal brace",
            )
        };
        let n = self.number().ok_or_else(|| bad(self))?;
        let (min, max) = match self.peek() {
            Some('}') => (n, Some(n)),
            Some(',') => {
                self.i += 1;
                if self.peek() == Some('}') {
                    (n, None)
                } else {
                    let m = self.number().ok_or_else(|| bad(self))?;
                    if self.peek() != Some('}') {
                        return Err(bad(self));
                    }
                    (n, Some(m))
                }
            }
            _ => return Err(bad(self)),
        };
        self.i += 1; // `}`
        for v in [Some(min), max].into_iter().flatten() {
            if v > MAX_REPEAT {
                return Err(self.err(
                    ParseErrorKind::Quota,
                    open,
                    self.i,
                    format!("repetition counts above {MAX_REPEAT} are not supported"),
                ));
            }
        }
        if let Some(m) = max
            && m < min
        {
            return Err(self.syntax(
                open,
                self.i,
                format!("`{{{min},{m}}}`: the maximum must not be smaller than the minimum"),
            ));
        }
        Ok((min, max))
    }

    /// A run of decimal digits; saturates above `MAX_REPEAT` so it is reported as a quota.
    fn number(&mut self) -> Option<u32> {
        let start = self.i;
        let mut v: u32 = 0;
        while let Some(d) = self.peek().and_then(|c| c.to_digit(10)) {
            v = v.saturating_mul(10).saturating_add(d).min(MAX_REPEAT + 1);
            self.i += 1;
        }
        (self.i > start).then_some(v)
    }
}

fn describe_char(c: char) -> String {
    match c {
        ' ' => "a space".into(),
        c if c.is_control() => format!("the control character U+{:04X}", c as u32),
        c => format!("`{c}`"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(s: &str) -> Regex {
        parse_regex_at(s, 0).unwrap_or_else(|e| panic!("{s}: {e:?}"))
    }

    fn fails(s: &str) -> ParseError {
        match parse_regex_at(s, 0) {
            Ok(r) => panic!("{s} parsed: {r:?}"),
            Err(e) => e,
        }
    }

    #[test]
    fn literals_and_quantifiers() {
        let r = ok("ab*c{2,3}d+e?f{4}g{5,}");
        let b = &r.branches[0];
        let q: Vec<(u32, Option<u32>)> = b.pieces.iter().map(|p| (p.min, p.max)).collect();
        assert_eq!(
            q,
            vec![
                (1, Some(1)),
                (0, None),
                (2, Some(3)),
                (1, None),
                (0, Some(1)),
                (4, Some(4)),
                (5, None)
            ]
        );
        assert_eq!(b.pieces[0].set, CharSet::single('a'));
    }

    #[test]
    fn anchors_and_branches() {
        let r = ok("^[hc]at|gr[ae]y$");
        assert_eq!(r.branches.len(), 2);
        assert!(r.branches[0].anchored_start && !r.branches[0].anchored_end);
        assert!(!r.branches[1].anchored_start && r.branches[1].anchored_end);
        assert_eq!(
            r.branches[0].pieces[0].set,
            CharSet::from_ranges(vec![('h', 'h'), ('c', 'c')])
        );
        assert!(ok("^$").branches[0].pieces.is_empty());
    }

    #[test]
    fn escapes_resolve_to_sets() {
        let r = ok(r"\d\D\s\S\w\W\x3A\.\[");
        let sets: Vec<&CharSet> = r.branches[0].pieces.iter().map(|p| &p.set).collect();
        assert_eq!(sets[0], &digit_set());
        assert!(sets[1].contains('a') && !sets[1].contains('5'));
        assert!(sets[2].contains('\x0b') && sets[2].contains(' ') && !sets[2].contains('a'));
        assert!(sets[3].contains('a'));
        assert!(sets[4].contains('_') && !sets[4].contains('-'));
        assert!(sets[5].contains('-'));
        assert_eq!(sets[6], &CharSet::single(':'));
        assert_eq!(sets[7], &CharSet::single('.'));
        assert_eq!(sets[8], &CharSet::single('['));
    }

    #[test]
    fn classes() {
        let r = ok(r"[^a-z0-9_][-a][a-][.*$][\d\]]");
        let sets: Vec<&CharSet> = r.branches[0].pieces.iter().map(|p| &p.set).collect();
        assert!(!sets[0].contains('q') && sets[0].contains('A'));
        assert_eq!(sets[1], &CharSet::from_ranges(vec![('-', '-'), ('a', 'a')]));
        assert_eq!(sets[2], &CharSet::from_ranges(vec![('-', '-'), ('a', 'a')]));
        assert!(sets[3].contains('*') && sets[3].contains('$'));
        assert!(sets[4].contains(']') && sets[4].contains('7'));
    }

    #[test]
    fn rejections() {
        for (s, kind, start) in [
            ("", ParseErrorKind::Syntax, 0),
            ("something!", ParseErrorKind::Unsupported, 9),
            ("(ab)", ParseErrorKind::Unsupported, 0),
            ("a^b", ParseErrorKind::Unsupported, 1),
            ("a$b", ParseErrorKind::Unsupported, 1),
            ("é", ParseErrorKind::Unsupported, 0),
            ("*a", ParseErrorKind::Syntax, 0),
            ("a**", ParseErrorKind::Syntax, 2),
            ("a{3,2}", ParseErrorKind::Syntax, 1),
            ("a{1001}", ParseErrorKind::Quota, 1),
            ("a{99999999999999}", ParseErrorKind::Quota, 1),
            ("a{x}", ParseErrorKind::Syntax, 1),
            ("[]", ParseErrorKind::Syntax, 0),
            ("[a", ParseErrorKind::Syntax, 0),
            ("[z-a]", ParseErrorKind::Syntax, 1),
            ("a|", ParseErrorKind::Syntax, 2),
            ("|a", ParseErrorKind::Syntax, 0),
            (r"\n", ParseErrorKind::Unsupported, 0),
            (r"\x4", ParseErrorKind::Syntax, 0),
            ("a\\", ParseErrorKind::Syntax, 1),
            ("a b", ParseErrorKind::Unsupported, 1),
            ("]", ParseErrorKind::Syntax, 0),
        ] {
            let e = fails(s);
            assert_eq!((e.kind.clone(), e.span.start), (kind, start), "{s}: {e:?}");
        }
    }

    #[test]
    fn spans_are_offset() {
        let e = parse_regex_at("ab(", 10).expect_err("group");
        assert_eq!(e.span, Span::new(12, 13));
    }
}

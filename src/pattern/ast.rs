//! The abstract syntax tree of a CloudWatch Logs filter pattern.
//!
//! The parser (`parser.rs`) produces these types, the canonical printer
//! (`print.rs`) turns them back into text, the evaluator (`eval.rs`) runs them
//! against a JSON event, and the relation (`relate.rs`) decides implication
//! between two of them. Nothing here knows about AWS or CIS.

use std::fmt;

/// A half-open byte range `[start, end)` into the pattern text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }
}

/// A whole filter pattern, as one of the three families AWS documents.
#[derive(Debug, Clone, PartialEq)]
pub enum Pattern {
    /// `{ ... }`: the only family that can select fields of a JSON event.
    Json(Expr),
    /// Unstructured terms: `ERROR`, `?a ?b`, `-x`, `"exact phrase"`, a lone `%regex%`.
    Terms(Vec<Term>),
    /// Space-delimited: `[ip, user, status = 4*, ...]`.
    SpaceDelimited(Vec<SpaceField>),
}

/// One term of an unstructured pattern.
#[derive(Debug, Clone, PartialEq)]
pub struct Term {
    pub kind: TermKind,
    /// The text of the term (without quotes, `?` or `-`), or the regex.
    pub text: TermText,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TermKind {
    /// Must occur.
    Required,
    /// `?term`: any of the optional terms.
    Optional,
    /// `-term`: must not occur.
    Excluded,
}

#[derive(Debug, Clone, PartialEq)]
pub enum TermText {
    Literal(String),
    Regex(Regex),
}

/// One slot of a space-delimited pattern.
#[derive(Debug, Clone, PartialEq)]
pub enum SpaceField {
    /// `...`: any number of unnamed fields.
    Ellipsis,
    /// `name` or `name = value`, possibly joined with `&&` / `||` on the same name.
    Named {
        name: String,
        /// The conditions on this field as raw text (not interpreted further).
        condition: Option<String>,
    },
}

/// A JSON pattern expression. `And`/`Or` hold two or more children; the
/// parser flattens nested operators of the same kind.
#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    And(Vec<Expr>),
    Or(Vec<Expr>),
    Cmp(Comparison),
}

/// `selector <test>`: one leaf of a JSON pattern.
#[derive(Debug, Clone, PartialEq)]
pub struct Comparison {
    pub selector: Selector,
    pub test: Test,
    /// Where the comparison was written (for messages); ignored by equality
    /// of meaning, but kept by `PartialEq` so tests can check it.
    pub span: Span,
}

/// A property selector: `$.a.b[0]`, `$.['dotted.key']`, `$.a[*]`, `$.*`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Selector {
    pub segments: Vec<Segment>,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Segment {
    /// `.name` or `.['name']`.
    Key(String),
    /// `[N]`.
    Index(u32),
    /// `.*`: any field of an object.
    AnyKey,
    /// `[*]`: any element of an array.
    AnyIndex,
}

impl Selector {
    pub fn has_wildcard(&self) -> bool {
        self.segments
            .iter()
            .any(|s| matches!(s, Segment::AnyKey | Segment::AnyIndex))
    }
}

impl fmt::Display for Selector {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("$")?;
        for seg in &self.segments {
            match seg {
                Segment::Key(k) => {
                    if !k.is_empty()
                        && k.chars()
                            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
                    {
                        write!(f, ".{k}")?
                    } else {
                        write!(f, ".['{k}']")?
                    }
                }
                Segment::Index(i) => write!(f, "[{i}]")?,
                Segment::AnyKey => f.write_str(".*")?,
                Segment::AnyIndex => f.write_str("[*]")?,
            }
        }
        Ok(())
    }
}

/// `=` or `!=`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EqOp {
    Eq,
    Ne,
}

/// The numeric operators.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum NumOp {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
}

/// What a comparison tests about the value its selector resolves to.
#[derive(Debug, Clone, PartialEq)]
pub enum Test {
    /// `= value` / `!= value` with a (quoted or unquoted) string value, which
    /// may start and/or end with the `*` wildcard.
    Str { op: EqOp, value: Glob },
    /// A numeric comparison against a number literal.
    Num { op: NumOp, value: f64 },
    /// `= %regex%` / `!= %regex%`.
    Regex { op: EqOp, regex: Regex },
    /// `IS NULL`.
    IsNull,
    /// `IS TRUE`.
    IsTrue,
    /// `IS FALSE`.
    IsFalse,
    /// `NOT EXISTS`.
    NotExists,
}

/// A string value with AWS's wildcard rule: a `*` at the start and/or end is
/// a wildcard; a `*` anywhere else is a literal character. A lone `*` (quoted
/// or not) is `Glob { prefix: true, suffix: true, text: "" }` and matches any
/// string or number.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Glob {
    /// A leading `*`.
    pub prefix: bool,
    /// A trailing `*`.
    pub suffix: bool,
    /// The literal text between the wildcards.
    pub text: String,
}

impl Glob {
    pub fn literal(text: impl Into<String>) -> Self {
        Glob {
            prefix: false,
            suffix: false,
            text: text.into(),
        }
    }

    /// A lone `*`.
    pub fn is_any(&self) -> bool {
        (self.prefix || self.suffix) && self.text.is_empty()
    }

    /// Whether `s` matches this glob (for strings).
    pub fn matches(&self, s: &str) -> bool {
        match (self.prefix, self.suffix) {
            (false, false) => s == self.text,
            (true, false) => s.ends_with(&self.text),
            (false, true) => s.starts_with(&self.text),
            (true, true) => s.contains(&self.text),
        }
    }
}

/// A `%regex%` value in AWS's restricted dialect, compiled to branches of
/// quantified character sets (AWS allows no groups, so this is the whole
/// shape of the language).
#[derive(Debug, Clone)]
pub struct Regex {
    /// The text between the `%` delimiters, as written.
    pub source: String,
    /// `a|b|c` at the top level.
    pub branches: Vec<RegexBranch>,
}

impl PartialEq for Regex {
    fn eq(&self, other: &Self) -> bool {
        self.source == other.source
    }
}

impl Eq for Regex {}

/// By source text, like equality.
impl std::hash::Hash for Regex {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.source.hash(state);
    }
}

/// One alternative of a regex: an optional `^`, pieces, an optional `$`.
#[derive(Debug, Clone, PartialEq)]
pub struct RegexBranch {
    pub anchored_start: bool,
    pub anchored_end: bool,
    pub pieces: Vec<RegexPiece>,
}

/// A character set with a repetition count `{min,max}` (`max: None` = unbounded).
#[derive(Debug, Clone, PartialEq)]
pub struct RegexPiece {
    pub set: CharSet,
    pub min: u32,
    pub max: Option<u32>,
}

/// A set of characters as sorted, non-overlapping, non-adjacent inclusive
/// ranges. `.`, `\d`, `[^...]` and literals are all resolved to this.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct CharSet {
    pub ranges: Vec<(char, char)>,
}

impl CharSet {
    pub fn single(c: char) -> Self {
        CharSet {
            ranges: vec![(c, c)],
        }
    }

    pub fn any() -> Self {
        CharSet {
            ranges: vec![('\0', char::MAX)],
        }
    }

    /// Build from arbitrary ranges: sorts, merges overlaps and adjacency.
    pub fn from_ranges(mut ranges: Vec<(char, char)>) -> Self {
        ranges.retain(|(a, b)| a <= b);
        ranges.sort();
        let mut out: Vec<(char, char)> = Vec::with_capacity(ranges.len());
        for (a, b) in ranges {
            if let Some(last) = out.last_mut()
                && (a as u32) <= (last.1 as u32).saturating_add(1)
            {
                if b > last.1 {
                    last.1 = b;
                }
                continue;
            }
            out.push((a, b));
        }
        CharSet { ranges: out }
    }

    /// The complement within all Unicode scalar values.
    pub fn complement(&self) -> Self {
        let mut out = Vec::new();
        let mut next: u32 = 0;
        for &(a, b) in &self.ranges {
            if (a as u32) > next {
                push_scalar_range(&mut out, next, a as u32 - 1);
            }
            next = b as u32 + 1;
        }
        if next <= char::MAX as u32 {
            push_scalar_range(&mut out, next, char::MAX as u32);
        }
        CharSet::from_ranges(out)
    }

    pub fn contains(&self, c: char) -> bool {
        self.ranges.iter().any(|&(a, b)| a <= c && c <= b)
    }

    pub fn is_empty(&self) -> bool {
        self.ranges.is_empty()
    }
}

/// Push `[lo, hi]` as char ranges, skipping the surrogate gap.
fn push_scalar_range(out: &mut Vec<(char, char)>, lo: u32, hi: u32) {
    const SUR_LO: u32 = 0xD800;
    const SUR_HI: u32 = 0xDFFF;
    let pieces = [(lo, hi.min(SUR_LO - 1)), (lo.max(SUR_HI + 1), hi)];
    for (a, b) in pieces {
        if a <= b
            && let (Some(a), Some(b)) = (char::from_u32(a), char::from_u32(b))
        {
            out.push((a, b));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn glob_rules_follow_aws() {
        let g = Glob {
            prefix: true,
            suffix: false,
            text: "Event".into(),
        };
        assert!(g.matches("PutEvent"));
        assert!(!g.matches("EventId"));
        let mid = Glob::literal("Ev*ent");
        assert!(mid.matches("Ev*ent"));
        assert!(!mid.matches("Event"));
    }

    #[test]
    fn charset_complement_round_trips() {
        let s = CharSet::from_ranges(vec![('a', 'z'), ('0', '9'), ('b', 'c')]);
        assert_eq!(s.ranges, vec![('0', '9'), ('a', 'z')]);
        let c = s.complement();
        assert!(!c.contains('q'));
        assert!(c.contains('!'));
        assert_eq!(c.complement(), s);
        assert!(CharSet::any().complement().is_empty());
    }
}

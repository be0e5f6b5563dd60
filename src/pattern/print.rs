//! Canonical printer and normal form of filter patterns.
//!
//! The normal form ([`normalize`]) flattens nested `&&`/`||` of the same kind,
//! deduplicates and sorts the children of every `&&`/`||` by their canonical
//! text, collapses single-child operators, turns every "anything" glob into
//! `*`, turns `-0` into `0`, and sets every span to `Span::default()`
//! (cis-monitor decisions). Terms and space-delimited fields keep their order; runs of whitespace
//! in a space-delimited condition (outside quotes and regexes) become one space.
//!
//! Printing ([`canonical`]) is `{ a && b || c && d }` with single spaces and
//! parentheses only around an `||` inside an `&&`. Property: for every
//! pattern `p` that fits in 1024 characters once printed,
//! `parse(&canonical(&p))` equals `normalize(&p)` up to spans, and
//! `canonical` is idempotent. Two ASTs cannot be printed faithfully, because
//! AWS syntax cannot write them: a glob whose text starts with `*` without a
//! prefix wildcard (or ends with `*` without a suffix wildcard), and a
//! bracketed key containing `'`.
//!
//! Value quoting (cis-monitor decision): a string is printed without quotes
//! iff its text is non-empty, only ASCII letters, digits and `_`, is not a
//! number and is not one of `IS NOT EXISTS NULL TRUE FALSE`; otherwise it is
//! quoted with `"` and `\` escaped. Glob stars go around the text, inside the
//! quotes when there are quotes. Numbers use Rust's shortest round-trip
//! formatting, in exponent form (`1e300`) when the positional form would be
//! longer than 21 characters.

use super::ast::{
    Comparison, EqOp, Expr, Glob, NumOp, Pattern, SpaceField, Span, Term, TermKind, TermText, Test,
};
use super::parser::is_number;

const KEYWORDS: &[&str] = &["IS", "NOT", "EXISTS", "NULL", "TRUE", "FALSE"];

/// The canonical text of a pattern (of its normal form).
pub fn canonical(p: &Pattern) -> String {
    match normalize(p) {
        Pattern::Json(e) => format!("{{ {} }}", expr_text(&e)),
        Pattern::Terms(t) => t.iter().map(term_text).collect::<Vec<_>>().join(" "),
        Pattern::SpaceDelimited(f) => format!(
            "[{}]",
            f.iter().map(field_text).collect::<Vec<_>>().join(", ")
        ),
    }
}

/// The normal form of a pattern: see the module docs.
pub fn normalize(p: &Pattern) -> Pattern {
    match p {
        Pattern::Json(e) => Pattern::Json(normalize_expr(e)),
        Pattern::Terms(t) => Pattern::Terms(t.clone()),
        Pattern::SpaceDelimited(f) => Pattern::SpaceDelimited(
            f.iter()
                .map(|f| match f {
                    SpaceField::Named {
                        name,
                        condition: Some(c),
                    } => SpaceField::Named {
                        name: name.clone(),
                        condition: Some(collapse_spaces(c)),
                    },
                    f => f.clone(),
                })
                .collect(),
        ),
    }
}

/// Collapse each run of whitespace outside `"..."` and `%...%` to one space,
/// and trim the ends.
fn collapse_spaces(cond: &str) -> String {
    let mut out = String::with_capacity(cond.len());
    let mut chars = cond.trim().chars();
    let mut in_space = false;
    while let Some(c) = chars.next() {
        if c.is_whitespace() {
            in_space = true;
            continue;
        }
        if in_space {
            out.push(' ');
            in_space = false;
        }
        out.push(c);
        if c == '"' || c == '%' {
            while let Some(d) = chars.next() {
                out.push(d);
                if d == '\\' {
                    if let Some(e) = chars.next() {
                        out.push(e);
                    }
                } else if d == c {
                    break;
                }
            }
        }
    }
    out
}

/// `p` with every span set to `Span::default()` and nothing else changed.
pub fn strip_spans(p: &Pattern) -> Pattern {
    fn go(e: &Expr) -> Expr {
        match e {
            Expr::And(v) => Expr::And(v.iter().map(go).collect()),
            Expr::Or(v) => Expr::Or(v.iter().map(go).collect()),
            Expr::Cmp(c) => Expr::Cmp(Comparison {
                span: Span::default(),
                ..c.clone()
            }),
        }
    }
    match p {
        Pattern::Json(e) => Pattern::Json(go(e)),
        other => other.clone(),
    }
}

/// The normal form of an expression.
pub fn normalize_expr(e: &Expr) -> Expr {
    match e {
        Expr::Cmp(c) => Expr::Cmp(normalize_cmp(c)),
        Expr::And(v) => normalize_op(v, false),
        Expr::Or(v) => normalize_op(v, true),
    }
}

fn normalize_op(kids: &[Expr], or: bool) -> Expr {
    let mut flat: Vec<(String, Expr)> = Vec::new();
    for k in kids {
        match (normalize_expr(k), or) {
            (Expr::Or(v), true) | (Expr::And(v), false) => {
                flat.extend(v.into_iter().map(|e| (expr_text(&e), e)));
            }
            (e, _) => flat.push((expr_text(&e), e)),
        }
    }
    flat.sort_by(|a, b| a.0.cmp(&b.0));
    flat.dedup_by(|a, b| a.0 == b.0);
    let mut out: Vec<Expr> = flat.into_iter().map(|(_, e)| e).collect();
    if out.len() == 1
        && let Some(only) = out.pop()
    {
        return only;
    }
    if or { Expr::Or(out) } else { Expr::And(out) }
}

fn normalize_cmp(c: &Comparison) -> Comparison {
    let test = match &c.test {
        Test::Str { op, value } if value.is_any() => Test::Str {
            op: *op,
            value: Glob {
                prefix: true,
                suffix: true,
                text: String::new(),
            },
        },
        Test::Num { op, value } if *value == 0.0 => Test::Num {
            op: *op,
            value: 0.0,
        },
        t => t.clone(),
    };
    Comparison {
        selector: c.selector.clone(),
        test,
        span: Span::default(),
    }
}

/// An expression without the outer braces, as printed inside a normal form.
fn expr_text(e: &Expr) -> String {
    match e {
        Expr::Cmp(c) => cmp_text(c),
        Expr::Or(v) => v.iter().map(expr_text).collect::<Vec<_>>().join(" || "),
        Expr::And(v) => v
            .iter()
            .map(|k| match k {
                Expr::Or(_) => format!("({})", expr_text(k)),
                k => expr_text(k),
            })
            .collect::<Vec<_>>()
            .join(" && "),
    }
}

fn cmp_text(c: &Comparison) -> String {
    let sel = &c.selector;
    match &c.test {
        Test::Str { op, value } => format!("{sel} {} {}", eq_sym(*op), glob_text(value)),
        Test::Num { op, value } => format!("{sel} {} {}", num_sym(*op), number_text(*value)),
        Test::Regex { op, regex } => format!("{sel} {} %{}%", eq_sym(*op), regex.source),
        Test::IsNull => format!("{sel} IS NULL"),
        Test::IsTrue => format!("{sel} IS TRUE"),
        Test::IsFalse => format!("{sel} IS FALSE"),
        Test::NotExists => format!("{sel} NOT EXISTS"),
    }
}

fn eq_sym(op: EqOp) -> &'static str {
    match op {
        EqOp::Eq => "=",
        EqOp::Ne => "!=",
    }
}

fn num_sym(op: NumOp) -> &'static str {
    match op {
        NumOp::Eq => "=",
        NumOp::Ne => "!=",
        NumOp::Lt => "<",
        NumOp::Le => "<=",
        NumOp::Gt => ">",
        NumOp::Ge => ">=",
    }
}

/// Shortest round-trip text of a finite number.
pub fn number_text(v: f64) -> String {
    let v = if v == 0.0 { 0.0 } else { v };
    let plain = format!("{v}");
    if plain.len() > 21 {
        format!("{v:e}")
    } else {
        plain
    }
}

/// Does this text need no quotes as a value?
fn is_bare(text: &str) -> bool {
    !text.is_empty()
        && text.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        && !is_number(text)
        && !KEYWORDS.contains(&text)
}

fn escape(text: &str) -> String {
    text.replace('\\', "\\\\").replace('"', "\\\"")
}

fn glob_text(g: &Glob) -> String {
    if g.is_any() {
        return "*".to_string();
    }
    let pre = if g.prefix { "*" } else { "" };
    let suf = if g.suffix { "*" } else { "" };
    if is_bare(&g.text) {
        format!("{pre}{}{suf}", g.text)
    } else {
        format!("\"{pre}{}{suf}\"", escape(&g.text))
    }
}

fn term_text(t: &Term) -> String {
    let kind = match t.kind {
        TermKind::Required => "",
        TermKind::Optional => "?",
        TermKind::Excluded => "-",
    };
    match &t.text {
        TermText::Regex(r) => format!("{kind}%{}%", r.source),
        TermText::Literal(s)
            if !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') =>
        {
            format!("{kind}{s}")
        }
        TermText::Literal(s) => format!("{kind}\"{}\"", escape(s)),
    }
}

fn field_text(f: &SpaceField) -> String {
    match f {
        SpaceField::Ellipsis => "...".to_string(),
        SpaceField::Named { name, condition } => {
            let name = if !name.is_empty()
                && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
            {
                name.clone()
            } else {
                format!("\"{}\"", escape(name))
            };
            match condition {
                Some(c) => format!("{name} {c}"),
                None => name,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pattern::parser::parse;

    fn canon(s: &str) -> String {
        canonical(&parse(s).unwrap_or_else(|e| panic!("{s}: {e:?}")))
    }

    #[test]
    fn prints_with_minimal_parentheses() {
        assert_eq!(
            canon("{($.b=2)||($.a=1)&&($.c=3)}"),
            "{ $.a = 1 && $.c = 3 || $.b = 2 }"
        );
        assert_eq!(
            canon("{ ($.b = 2 || $.a = 1) && $.c = 3 }"),
            "{ ($.a = 1 || $.b = 2) && $.c = 3 }"
        );
    }

    #[test]
    fn dedups_and_collapses() {
        assert_eq!(canon("{ $.a = x || ($.a = \"x\") }"), "{ $.a = x }");
        assert_eq!(
            canon("{ ($.a = 1 && $.b = 2) && ($.b = 2 && $.a = 1) }"),
            "{ $.a = 1 && $.b = 2 }"
        );
    }

    #[test]
    fn quoting() {
        assert_eq!(canon("{$.a=\"ConsoleLogin\"}"), "{ $.a = ConsoleLogin }");
        assert_eq!(
            canon("{$.a=\"*UnauthorizedOperation\"}"),
            "{ $.a = *UnauthorizedOperation }"
        );
        assert_eq!(
            canon("{$.a=*.amazonaws.com}"),
            "{ $.a = \"*.amazonaws.com\" }"
        );
        assert_eq!(canon("{$.a=\"400\"}"), "{ $.a = \"400\" }");
        assert_eq!(canon("{$.a=\"NULL\"}"), "{ $.a = \"NULL\" }");
        assert_eq!(canon("{$.a=\"\"}"), "{ $.a = \"\" }");
        assert_eq!(canon("{$.a=\"*\"}"), "{ $.a = * }");
        assert_eq!(canon("{$.a=\"**\"}"), "{ $.a = * }");
        assert_eq!(canon(r#"{$.a="x\"y\\"}"#), r#"{ $.a = "x\"y\\" }"#);
        assert_eq!(canon("{$.['a.b'] NOT EXISTS}"), "{ $.['a.b'] NOT EXISTS }");
    }

    #[test]
    fn numbers() {
        assert_eq!(canon("{$.a = +1e3}"), "{ $.a = 1000 }");
        assert_eq!(canon("{$.a < 10e-3}"), "{ $.a < 0.01 }");
        assert_eq!(canon("{$.a = 1e300}"), "{ $.a = 1e300 }");
        assert_eq!(canon("{$.a = -1.5e-300}"), "{ $.a = -1.5e-300 }");
        assert_eq!(canon("{$.a = -0}"), "{ $.a = 0 }");
        assert_eq!(canon("{$.a >= 55.5}"), "{ $.a >= 55.5 }");
    }

    #[test]
    fn terms_and_space_delimited() {
        assert_eq!(
            canon("  ERROR   ?\"a b\"  -x %a\\d% "),
            "ERROR ?\"a b\" -x %a\\d%"
        );
        assert_eq!(
            canon("[ ip , user=  x ,...,\"a b\"]"),
            "[ip, user = x, ..., \"a b\"]"
        );
        assert_eq!(canon(""), "");
    }
}

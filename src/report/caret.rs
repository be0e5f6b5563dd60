//! Draws the line of a pattern an error is about, with a caret line under the error span.

use crate::pattern::Span;

/// At most this many display columns of one line are shown; longer lines are cut
/// around the span (CIS patterns are single lines of several hundred characters).
const MAX_WIDTH: usize = 100;
/// Context kept before the span when a line is cut.
const LEAD: usize = 30;

/// Render `message` about `span` of `source`, rustc-style:
///
/// ```text
/// error: expected a value after `=`
///  --> line 1, column 9
///   |
/// 1 | { $.a = }
///   |         ^
/// ```
///
/// Spans past the end, inside a UTF-8 sequence or across lines are clamped to the
/// first line they touch; an empty span gets one caret. Never panics.
pub fn render(source: &str, span: Span, message: &str) -> String {
    let len = source.len();
    let start = floor_boundary(source, span.start.min(len));
    let end = ceil_boundary(source, span.end.clamp(start, len));

    let line_start = source[..start].rfind('\n').map_or(0, |i| i + 1);
    let mut line_end = source[start..].find('\n').map_or(len, |i| start + i);
    if source[line_start..line_end].ends_with('\r') {
        line_end -= 1;
    }
    let start = start.min(line_end);
    let end = end.min(line_end);
    let line_no = source[..line_start].matches('\n').count() + 1;
    let column = source[line_start..start].chars().count() + 1;

    let before: Vec<char> = source[line_start..start].chars().collect();
    let inside: Vec<char> = source[start..end].chars().collect();
    let after: Vec<char> = source[end..line_end].chars().collect();
    let (shown, caret_at, caret_len) = window(&before, &inside, &after);

    let gutter = line_no.to_string();
    let pad = " ".repeat(gutter.len());
    let mut out = format!("error: {message}\n{pad}--> line {line_no}, column {column}\n");
    out.push_str(&format!("{pad} |\n{gutter} | {shown}\n"));
    out.push_str(&format!(
        "{pad} | {}{}\n",
        " ".repeat(caret_at),
        "^".repeat(caret_len.max(1))
    ));
    out
}

/// The text to show and where (in display columns) the carets go.
fn window(before: &[char], inside: &[char], after: &[char]) -> (String, usize, usize) {
    let total = width(before) + width(inside) + width(after);
    let (mut before, mut inside, mut after) = (before, inside, after);
    let (mut cut_front, mut cut_back) = (false, false);
    if total > MAX_WIDTH {
        if width(before) > LEAD {
            before = &before[before.len() - take_width_rev(before, LEAD)..];
            cut_front = true;
        }
        let room = MAX_WIDTH.saturating_sub(width(before));
        if width(inside) > room {
            inside = &inside[..take_width(inside, room)];
            after = &[];
            cut_back = true;
        } else {
            let room = room - width(inside);
            if width(after) > room {
                after = &after[..take_width(after, room)];
                cut_back = true;
            }
        }
    }
    let mut shown = String::new();
    if cut_front {
        shown.push('…');
    }
    let caret_at = usize::from(cut_front) + width(before);
    for &c in before.iter().chain(inside).chain(after) {
        shown.push(display(c));
    }
    if cut_back {
        shown.push('…');
    }
    (shown, caret_at, width(inside))
}

/// How many chars from the front fit in `limit` columns.
fn take_width(chars: &[char], limit: usize) -> usize {
    let mut used = 0;
    chars
        .iter()
        .take_while(|&&c| {
            used += char_width(c);
            used <= limit
        })
        .count()
}

/// How many chars from the back fit in `limit` columns.
fn take_width_rev(chars: &[char], limit: usize) -> usize {
    let mut used = 0;
    chars
        .iter()
        .rev()
        .take_while(|&&c| {
            used += char_width(c);
            used <= limit
        })
        .count()
}

fn width(chars: &[char]) -> usize {
    chars.iter().map(|&c| char_width(c)).sum()
}

/// Control characters (tabs included) are shown as one column so the carets line up.
fn display(c: char) -> char {
    match c {
        '\t' => ' ',
        c if c.is_control() => '\u{FFFD}',
        c => c,
    }
}

/// Terminal columns of `c`: 0 for combining marks and zero-width characters, 2 for
/// East Asian wide characters and emoji, 1 otherwise. An approximation of UAX #11
/// good enough to place a caret.
fn char_width(c: char) -> usize {
    let u = u32::from(c);
    let zero = matches!(u,
        0x0300..=0x036F | 0x0483..=0x0489 | 0x0591..=0x05BD | 0x0610..=0x061A
        | 0x064B..=0x065F | 0x0E31 | 0x0E34..=0x0E3A | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF
        | 0x200B..=0x200F | 0x20D0..=0x20FF | 0xFE00..=0xFE0F | 0xFE20..=0xFE2F);
    let wide = matches!(u,
        0x1100..=0x115F | 0x2E80..=0x303E | 0x3041..=0x33FF | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF | 0xA000..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6 | 0x1F300..=0x1F64F
        | 0x1F900..=0x1F9FF | 0x20000..=0x3FFFD);
    if zero {
        0
    } else if wide {
        2
    } else {
        1
    }
}

fn floor_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn ceil_boundary(s: &str, mut i: usize) -> usize {
    while i < s.len() && !s.is_char_boundary(i) {
        i += 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    fn caret_line(out: &str) -> &str {
        out.lines().last().unwrap_or_default()
    }

    #[test]
    fn carets_sit_under_the_span() {
        let out = render("{ $.a = }", Span::new(6, 7), "expected a value");
        assert_eq!(
            out,
            "error: expected a value\n --> line 1, column 7\n  |\n1 | { $.a = }\n  |       ^\n"
        );
    }

    #[test]
    fn an_empty_span_at_the_end_gets_one_caret_after_the_text() {
        let out = render("{ $.a = 1", Span::new(9, 9), "unclosed `{`");
        assert!(out.contains("line 1, column 10"), "{out}");
        assert_eq!(caret_line(&out), "  |          ^");
        let out = render("", Span::new(0, 0), "empty");
        assert_eq!(caret_line(&out), "  | ^");
    }

    #[test]
    fn spans_past_the_end_or_inside_a_character_do_not_panic() {
        let s = "{ $.a = \"é\" }";
        for start in 0..s.len() + 3 {
            for end in 0..s.len() + 3 {
                let _ = render(s, Span::new(start, end), "m");
            }
        }
        let out = render(s, Span::new(10, 10), "inside é");
        assert!(out.contains("column 10"), "{out}");
    }

    #[test]
    fn multi_line_input_shows_the_line_of_the_error() {
        let src = "{ $.a = 1 &&\r\n  $.b = }\n";
        let start = src.find('}').unwrap_or_default();
        let out = render(src, Span::new(start, start + 1), "expected a value");
        assert!(out.contains("--> line 2, column 9"), "{out}");
        assert!(out.contains("2 |   $.b = }\n"), "{out}");
        assert_eq!(caret_line(&out), "  |         ^");
        // A span that runs over the line end is cut at the line end.
        let out = render(src, Span::new(2, src.len()), "m");
        assert!(out.contains("1 | { $.a = 1 &&\n"), "{out}");
        assert_eq!(caret_line(&out), "  |   ^^^^^^^^^^");
    }

    #[test]
    fn wide_characters_take_two_columns() {
        let src = "{ $.名前 = }";
        let start = src.find('}').unwrap_or_default();
        let out = render(src, Span::new(start, start + 1), "m");
        assert_eq!(caret_line(&out), "  |            ^");
    }

    #[test]
    fn long_lines_are_cut_around_the_span() {
        let src = format!("{{ {} $.x = }}", "($.a = 1) && ".repeat(40));
        let start = src.rfind('}').unwrap_or_default();
        let out = render(&src, Span::new(start, start + 1), "m");
        let shown = out.lines().nth(3).unwrap_or_default();
        assert!(shown.starts_with("1 | …"), "{out}");
        assert!(shown.ends_with("$.x = }"), "{out}");
        let caret = caret_line(&out);
        assert_eq!(caret.chars().count(), shown.chars().count(), "{out}");
    }
}

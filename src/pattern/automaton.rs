//! Finite automata over the regex dialect and globs (stub).

use super::ast::Regex;

pub fn regex_is_match(_re: &Regex, _s: &str) -> bool {
    false
}

//! The CloudWatch Logs filter-pattern language: parse, print, evaluate, relate.
//!
//! This module imports nothing from the rest of the crate.

pub mod ast;
pub mod automaton;
pub mod eval;
mod lexer;
pub mod parser;
pub mod print;
pub mod relate;

pub use ast::{Expr, Pattern, Span};
pub use eval::matches;
pub use parser::{ParseError, ParseErrorKind, parse};
pub use print::canonical;
pub use relate::{Relation, RelationKind, relate};

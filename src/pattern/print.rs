//! Canonical printer (stub).

use super::ast::Pattern;

pub fn canonical(p: &Pattern) -> String {
    format!("{p:?}")
}

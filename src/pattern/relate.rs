//! The relation between two patterns, decided by logic (stub).

use super::ast::Pattern;
use serde_json::Value;

/// How the events an actual filter matches relate to the prescribed ones.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RelationKind {
    /// Exactly the same events.
    Equivalent,
    /// Every prescribed event, and more.
    Broader,
    /// Only some of the prescribed events, and nothing else.
    Narrower,
    /// Some prescribed events, and some others.
    Overlapping,
    /// None of the prescribed events.
    Disjoint,
    /// The actual pattern is not a JSON pattern, so it cannot select CloudTrail fields.
    NotApplicable,
    /// The decision procedure gave up (budget exhausted); never counts as covering.
    Undecided,
}

impl RelationKind {
    /// Does the actual filter catch every prescribed event?
    pub fn covers(self) -> bool {
        matches!(self, RelationKind::Equivalent | RelationKind::Broader)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            RelationKind::Equivalent => "equivalent",
            RelationKind::Broader => "broader",
            RelationKind::Narrower => "narrower",
            RelationKind::Overlapping => "overlapping",
            RelationKind::Disjoint => "disjoint",
            RelationKind::NotApplicable => "not_applicable",
            RelationKind::Undecided => "undecided",
        }
    }
}

/// The answer of [`relate`], with the events that prove it.
#[derive(Debug, Clone, PartialEq)]
pub struct Relation {
    pub kind: RelationKind,
    /// A CloudTrail-shaped event the prescribed pattern matches and the actual one does not.
    pub missed_event: Option<Value>,
    /// An event the actual pattern matches and the prescribed one does not.
    pub extra_event: Option<Value>,
    /// Why the answer is what it is, when that needs saying.
    pub note: Option<String>,
}

/// Decide whether every event matching `prescribed` also matches `actual`, and the converse.
pub fn relate(_prescribed: &Pattern, _actual: &Pattern) -> Relation {
    Relation {
        kind: RelationKind::Undecided,
        missed_event: None,
        extra_event: None,
        note: Some("relation not written yet".into()),
    }
}

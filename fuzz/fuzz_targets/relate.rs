//! Two patterns (the input split at its first newline) -> `pattern::relate`.
//! Every witness event it returns must really be matched by one pattern and
//! not the other, as the evaluator decides, and the kind must agree with the
//! witnesses.
#![no_main]

use cis_monitor::pattern::{RelationKind, matches, parse, relate};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let Some((prescribed, actual)) = text.split_once('\n') else {
        return;
    };
    let (Ok(p), Ok(a)) = (parse(prescribed), parse(actual)) else {
        return;
    };
    let r = relate(&p, &a);
    if let Some(m) = &r.missed_event {
        assert!(
            matches(&p, m),
            "missed event {m} does not match the prescribed {prescribed:?} ({r:?})"
        );
        assert!(
            !matches(&a, m),
            "missed event {m} matches the actual {actual:?} ({r:?})"
        );
    }
    if let Some(e) = &r.extra_event {
        assert!(
            matches(&a, e),
            "extra event {e} does not match the actual {actual:?} ({r:?})"
        );
        assert!(
            !matches(&p, e),
            "extra event {e} matches the prescribed {prescribed:?} ({r:?})"
        );
    }
    match r.kind {
        RelationKind::Equivalent => {
            assert!(r.missed_event.is_none() && r.extra_event.is_none(), "{r:?}")
        }
        RelationKind::Broader => assert!(r.missed_event.is_none(), "{r:?}"),
        RelationKind::Narrower => {
            assert!(r.missed_event.is_some() && r.extra_event.is_none(), "{r:?}")
        }
        RelationKind::Disjoint => assert!(r.missed_event.is_some(), "{r:?}"),
        RelationKind::Overlapping => assert!(r.missed_event.is_some(), "{r:?}"),
        RelationKind::NotApplicable | RelationKind::Undecided => {
            assert!(r.missed_event.is_none() && r.extra_event.is_none(), "{r:?}")
        }
    }
});

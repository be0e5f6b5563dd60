//! The relation between two patterns, decided by logic over what they match.
//!
//! `relate(prescribed, actual)` answers: does every event that `prescribed`
//! matches also match `actual` (then the filter *covers* the control), and
//! the converse. Each direction is a satisfiability question: is there an
//! event matching `A` and not `B`? The formula `A && !B` is put in negation
//! normal form (`!` pushed onto comparisons, which become *value sets*), and a
//! DPLL-style search assigns every selector a set of JSON values it may take:
//!
//! * kinds: missing, null, true, false, number, string, object, array;
//! * strings: in every "positive" language and none of the "negative" ones,
//!   where literals, `*` wildcards and `%regex%` values are all regular
//!   languages (decided exactly by the automata in `automaton.rs`);
//! * numbers: a union of intervals.
//!
//! The structure between selectors is part of the search: `$.a.b` present
//! forces `$.a` to be an object, `$.a[0]` forces an array, `$.a` being
//! anything else forces `$.a.b` missing, and arrays are dense (`$.a[2]`
//! present forces `$.a[0]` and `$.a[1]` present). The negation of a
//! comparison is its complement over *all* values, missing included: the
//! complement of `$.x != "a"` is "missing, not a string, or exactly `a`",
//! because `!=` on a missing field is false (see `eval.rs`).
//!
//! When a satisfying assignment exists, it is turned into a realistic
//! CloudTrail event (a template event with the constrained fields set) and the
//! evaluator must confirm it; if it ever did not, the answer is `Undecided`
//! with a note, never a wrong verdict. The search is exact; it only gives up
//! (`Undecided`) past a fixed work budget.
//!
//! Wildcard selectors (`$.a[*].b`, `$.*`) resolve to every element, and a
//! comparison on them holds when it holds for *some* element. So a positive
//! wildcard comparison is existential (the search picks an element the other
//! constraints already name, or a fresh one) and a negated one is universal
//! (applied to every element the witness will have, the template event's
//! own fields included). Arrays stay dense, so every index up to the highest
//! one named is an element.

use super::ast::{Comparison, EqOp, Expr, Glob, NumOp, Pattern, Regex, Segment, Test};
use super::automaton::{Nfa, Search, find_string};
use super::eval;
use rustc_hash::FxHashMap as HashMap;
use serde_json::{Map, Value};
use std::cell::OnceCell;
use std::collections::BTreeMap;

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
    /// The decision procedure gave up; never counts as covering.
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

impl Relation {
    fn bare(kind: RelationKind, note: impl Into<String>) -> Self {
        Relation {
            kind,
            missed_event: None,
            extra_event: None,
            note: Some(note.into()),
        }
    }
}

/// Work budget of one satisfiability search (search nodes).
const NODE_BUDGET: usize = 200_000;
/// State budget of one string search.
const STRING_BUDGET: usize = 20_000;

/// Decide whether every event matching `prescribed` also matches `actual`, and the converse.
pub fn relate(prescribed: &Pattern, actual: &Pattern) -> Relation {
    let (p, a) = match (prescribed, actual) {
        (Pattern::Json(p), Pattern::Json(a)) => (p, a),
        (Pattern::Json(_), _) => {
            return Relation::bare(
                RelationKind::NotApplicable,
                "this is not a JSON pattern (`{ ... }`): it cannot select CloudTrail event fields, so it cannot be shown to catch the prescribed events",
            );
        }
        _ => {
            return Relation::bare(
                RelationKind::NotApplicable,
                "the prescribed pattern is not a JSON pattern",
            );
        }
    };
    let mut solver = Solver::default();
    let missed = solver.example(p, a, prescribed, actual);
    let extra = solver.example(a, p, actual, prescribed);
    use Outcome::{Example, GaveUp, None as No};
    match (missed, extra) {
        (No, No) => Relation {
            kind: RelationKind::Equivalent,
            missed_event: None,
            extra_event: None,
            note: None,
        },
        (No, Example(e)) => Relation {
            kind: RelationKind::Broader,
            missed_event: None,
            extra_event: Some(e),
            note: None,
        },
        (No, GaveUp(why)) => Relation {
            kind: RelationKind::Broader,
            missed_event: None,
            extra_event: None,
            note: Some(format!(
                "covers every prescribed event; whether it matches more could not be decided ({why})"
            )),
        },
        (Example(m), extra) => {
            let overlap = solver.overlap(p, a);
            let (kind, note) = match (&overlap, &extra) {
                (Outcome::None, _) => (RelationKind::Disjoint, solver.never_matches(a)),
                (Outcome::Example(_), Outcome::None) => (RelationKind::Narrower, None),
                (Outcome::Example(_), Outcome::Example(_)) => (RelationKind::Overlapping, None),
                (Outcome::GaveUp(why), _) | (_, Outcome::GaveUp(why)) => (
                    RelationKind::Overlapping,
                    Some(format!(
                        "misses prescribed events; the rest could not be decided ({why})"
                    )),
                ),
            };
            Relation {
                kind,
                missed_event: Some(m),
                extra_event: match extra {
                    Outcome::Example(e) => Some(e),
                    _ => None,
                },
                note,
            }
        }
        (GaveUp(why), _) => Relation::bare(
            RelationKind::Undecided,
            format!("could not decide whether the filter catches every prescribed event ({why})"),
        ),
    }
}

enum Outcome {
    Example(Value),
    None,
    GaveUp(String),
}

/// A formula in negation normal form: comparisons with a polarity.
enum F<'a> {
    And(Vec<F<'a>>),
    Or(Vec<F<'a>>),
    Lit(&'a Comparison, bool),
}

fn nnf(e: &Expr, positive: bool) -> F<'_> {
    match (e, positive) {
        (Expr::Cmp(c), pol) => F::Lit(c, pol),
        (Expr::And(cs), true) | (Expr::Or(cs), false) => {
            F::And(cs.iter().map(|c| nnf(c, positive)).collect())
        }
        (Expr::Or(cs), true) | (Expr::And(cs), false) => {
            F::Or(cs.iter().map(|c| nnf(c, positive)).collect())
        }
    }
}

type Path = Vec<Segment>;

/// A string or regex value's language, interned by the solver.
#[derive(Debug, Clone)]
enum LangKey {
    Glob(Glob),
    Regex(Regex),
}

/// Strings that are in every `pos` language and in no `neg` language.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
struct StrCons {
    pos: Vec<usize>,
    neg: Vec<usize>,
}

/// One numeric interval; infinite ends are open.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Iv {
    lo: f64,
    lo_inc: bool,
    hi: f64,
    hi_inc: bool,
}

impl Iv {
    fn full() -> Iv {
        Iv {
            lo: f64::NEG_INFINITY,
            lo_inc: false,
            hi: f64::INFINITY,
            hi_inc: false,
        }
    }

    fn is_empty(&self) -> bool {
        self.lo > self.hi || (self.lo == self.hi && !(self.lo_inc && self.hi_inc))
    }

    fn intersect(&self, o: &Iv) -> Iv {
        let (lo, lo_inc) = if self.lo > o.lo {
            (self.lo, self.lo_inc)
        } else if o.lo > self.lo {
            (o.lo, o.lo_inc)
        } else {
            (self.lo, self.lo_inc && o.lo_inc)
        };
        let (hi, hi_inc) = if self.hi < o.hi {
            (self.hi, self.hi_inc)
        } else if o.hi < self.hi {
            (o.hi, o.hi_inc)
        } else {
            (self.hi, self.hi_inc && o.hi_inc)
        };
        Iv {
            lo,
            lo_inc,
            hi,
            hi_inc,
        }
    }

    fn contains(&self, x: f64) -> bool {
        (x > self.lo || (x == self.lo && self.lo_inc))
            && (x < self.hi || (x == self.hi && self.hi_inc))
    }

    /// A readable number inside the (non-empty) interval.
    fn pick(&self) -> f64 {
        for x in [1.0, 0.0] {
            if self.contains(x) {
                return x;
            }
        }
        if self.lo.is_finite() {
            let next = self.lo.floor() + 1.0;
            if self.contains(next) {
                return next;
            }
            if self.contains(self.lo) {
                return self.lo;
            }
        }
        if self.hi.is_finite() {
            let prev = self.hi.ceil() - 1.0;
            if self.contains(prev) {
                return prev;
            }
            if self.contains(self.hi) {
                return self.hi;
            }
        }
        let mid = self.lo / 2.0 + self.hi / 2.0;
        if self.contains(mid) { mid } else { self.lo }
    }
}

/// A union of intervals.
#[derive(Debug, Clone, PartialEq)]
struct Nums(Vec<Iv>);

impl Nums {
    fn full() -> Nums {
        Nums(vec![Iv::full()])
    }

    fn of(op: NumOp, v: f64) -> Nums {
        let inf = f64::INFINITY;
        let iv = |lo, lo_inc, hi, hi_inc| Iv {
            lo,
            lo_inc,
            hi,
            hi_inc,
        };
        Nums(match op {
            NumOp::Eq => vec![iv(v, true, v, true)],
            NumOp::Ne => vec![iv(-inf, false, v, false), iv(v, false, inf, false)],
            NumOp::Lt => vec![iv(-inf, false, v, false)],
            NumOp::Le => vec![iv(-inf, false, v, true)],
            NumOp::Gt => vec![iv(v, false, inf, false)],
            NumOp::Ge => vec![iv(v, true, inf, false)],
        })
    }

    fn intersect(&self, o: &Nums) -> Nums {
        let mut out = Vec::new();
        for a in &self.0 {
            for b in &o.0 {
                let c = a.intersect(b);
                if !c.is_empty() {
                    out.push(c);
                }
            }
        }
        Nums(out)
    }

    /// The complement within the reals.
    fn complement(&self) -> Nums {
        let mut ivs: Vec<Iv> = self.0.iter().copied().filter(|i| !i.is_empty()).collect();
        ivs.sort_by(|a, b| a.lo.total_cmp(&b.lo));
        let mut out = Vec::new();
        let mut lo = f64::NEG_INFINITY;
        let mut lo_inc = false;
        for i in ivs {
            let gap = Iv {
                lo,
                lo_inc,
                hi: i.lo,
                hi_inc: !i.lo_inc,
            };
            let below_everything = gap.lo == f64::NEG_INFINITY && gap.hi == f64::NEG_INFINITY;
            if !gap.is_empty() && !below_everything {
                out.push(gap);
            }
            if i.hi > lo || (i.hi == lo && i.hi_inc) {
                lo = i.hi;
                lo_inc = !i.hi_inc;
            }
        }
        if lo != f64::INFINITY {
            out.push(Iv {
                lo,
                lo_inc,
                hi: f64::INFINITY,
                hi_inc: false,
            });
        }
        Nums(out)
    }

    fn is_empty(&self) -> bool {
        self.0.iter().all(Iv::is_empty)
    }

    fn contains(&self, x: f64) -> bool {
        self.0.iter().any(|i| i.contains(x))
    }
}

/// The JSON values a selector may resolve to ("missing" included).
#[derive(Debug, Clone, PartialEq)]
struct VSet {
    missing: bool,
    null: bool,
    t: bool,
    f: bool,
    object: bool,
    array: bool,
    string: Option<StrCons>,
    number: Option<Nums>,
}

impl VSet {
    fn all() -> VSet {
        VSet {
            missing: true,
            null: true,
            t: true,
            f: true,
            object: true,
            array: true,
            string: Some(StrCons::default()),
            number: Some(Nums::full()),
        }
    }

    fn none() -> VSet {
        VSet {
            missing: false,
            null: false,
            t: false,
            f: false,
            object: false,
            array: false,
            string: None,
            number: None,
        }
    }

    fn only_missing() -> VSet {
        VSet {
            missing: true,
            ..VSet::none()
        }
    }

    fn only_object() -> VSet {
        VSet {
            object: true,
            ..VSet::none()
        }
    }

    fn only_array() -> VSet {
        VSet {
            array: true,
            ..VSet::none()
        }
    }

    fn intersect(&mut self, o: &VSet) {
        self.missing &= o.missing;
        self.null &= o.null;
        self.t &= o.t;
        self.f &= o.f;
        self.object &= o.object;
        self.array &= o.array;
        self.string = match (self.string.take(), &o.string) {
            (Some(mut a), Some(b)) => {
                a.pos.extend(&b.pos);
                a.neg.extend(&b.neg);
                a.pos.sort_unstable();
                a.pos.dedup();
                a.neg.sort_unstable();
                a.neg.dedup();
                Some(a)
            }
            _ => None,
        };
        self.number = match (self.number.take(), &o.number) {
            (Some(a), Some(b)) => Some(a.intersect(b)).filter(|n| !n.is_empty()),
            _ => None,
        };
    }

    /// May the value be present (anything but missing)?
    fn may_be_present(&self) -> bool {
        self.null
            || self.t
            || self.f
            || self.object
            || self.array
            || self.string.is_some()
            || self.number.is_some()
    }
}

/// The id of `key`'s language in `langs`, added (automaton not yet built) if new.
fn intern<K: Clone + Eq + std::hash::Hash>(
    langs: &mut Vec<(LangKey, OnceCell<Nfa>)>,
    ids: &mut HashMap<K, usize>,
    key: &K,
    wrap: fn(K) -> LangKey,
) -> usize {
    if let Some(&id) = ids.get(key) {
        return id;
    }
    let id = langs.len();
    langs.push((wrap(key.clone()), OnceCell::new()));
    ids.insert(key.clone(), id);
    id
}

#[derive(Default)]
struct Solver {
    /// Interned languages; each automaton is built the first time a search
    /// needs it (literal and wildcard checks use [`Glob::matches`]).
    langs: Vec<(LangKey, OnceCell<Nfa>)>,
    glob_ids: HashMap<Glob, usize>,
    regex_ids: HashMap<Regex, usize>,
    string_cache: HashMap<StrCons, Search>,
    nodes: usize,
    gave_up: Option<String>,
}

type State = BTreeMap<Path, VSet>;

/// A wildcard selector split at its one wildcard segment: `pre . * . suf`.
#[derive(Debug, Clone, PartialEq)]
struct Wild {
    pre: Path,
    any_key: bool,
    suf: Path,
}

impl Wild {
    fn of(segments: &[Segment]) -> Option<Wild> {
        let at = segments
            .iter()
            .position(|s| matches!(s, Segment::AnyKey | Segment::AnyIndex))?;
        Some(Wild {
            pre: segments[..at].to_vec(),
            any_key: segments[at] == Segment::AnyKey,
            suf: segments[at + 1..].to_vec(),
        })
    }

    fn instance(&self, x: Segment) -> Path {
        let mut p = self.pre.clone();
        p.push(x);
        p.extend(self.suf.iter().cloned());
        p
    }
}

/// A search node: constraints per concrete path, plus the wildcard
/// comparisons: universal ones (every element's value is in the set; the
/// set always allows "missing") and existential ones (some element's value
/// is present and in the set).
#[derive(Debug, Clone, Default)]
struct Node {
    paths: State,
    all: Vec<(Wild, VSet)>,
    some: Vec<(Wild, VSet)>,
}

enum Res {
    Sat(State),
    Unsat,
}

impl Solver {
    /// An event matching `a` and not `b`, verified by the evaluator.
    fn example(&mut self, a: &Expr, b: &Expr, pa: &Pattern, pb: &Pattern) -> Outcome {
        let goal = F::And(vec![nnf(a, true), nnf(b, false)]);
        match self.solve_top(&goal) {
            Ok(Some(state)) => match self.witness(&state) {
                Some(ev) if eval::matches(pa, &ev) && !eval::matches(pb, &ev) => {
                    Outcome::Example(ev)
                }
                Some(ev) => Outcome::GaveUp(format!(
                    "internal check failed: the constructed event {ev} was not confirmed by the evaluator"
                )),
                None => Outcome::GaveUp("could not construct an example event".into()),
            },
            Ok(None) => Outcome::None,
            Err(why) => Outcome::GaveUp(why),
        }
    }

    /// Whether some event matches both.
    fn overlap(&mut self, a: &Expr, b: &Expr) -> Outcome {
        let goal = F::And(vec![nnf(a, true), nnf(b, true)]);
        match self.solve_top(&goal) {
            Ok(Some(_)) => Outcome::Example(Value::Null),
            Ok(None) => Outcome::None,
            Err(why) => Outcome::GaveUp(why),
        }
    }

    /// A note when `e` can match no event at all (e.g. `!= *`, contradictions).
    fn never_matches(&mut self, e: &Expr) -> Option<String> {
        let goal = nnf(e, true);
        matches!(self.solve_top(&goal), Ok(None)).then(|| {
            "this filter pattern can never match any event (its conditions contradict each other)"
                .to_string()
        })
    }

    fn solve_top(&mut self, goal: &F<'_>) -> Result<Option<State>, String> {
        self.nodes = 0;
        self.gave_up = None;
        let res = self.solve(Node::default(), vec![goal]);
        if let Some(why) = self.gave_up.take()
            && !matches!(res, Res::Sat(_))
        {
            return Err(why);
        }
        Ok(match res {
            Res::Sat(s) => Some(s),
            Res::Unsat => None,
        })
    }

    fn solve<'f>(&mut self, mut st: Node, mut todo: Vec<&'f F<'f>>) -> Res {
        self.nodes += 1;
        if self.nodes > NODE_BUDGET {
            self.gave_up = Some(format!("search budget of {NODE_BUDGET} steps exhausted"));
            return Res::Unsat;
        }
        let mut ors: Vec<&'f F<'f>> = Vec::new();
        while let Some(f) = todo.pop() {
            match f {
                F::And(cs) => todo.extend(cs.iter()),
                F::Or(_) => ors.push(f),
                F::Lit(c, pol) => {
                    if let Some(w) = Wild::of(&c.selector.segments) {
                        // Existential over elements when the comparison holds;
                        // universal when it is negated (see module docs).
                        let exists = c.test != Test::NotExists;
                        let mut set = atom_set(self, &c.test, exists);
                        if exists == *pol {
                            set.missing = false;
                            st.some.push((w, set));
                        } else {
                            set = complement(&set);
                            set.missing = true;
                            st.all.push((w, set));
                        }
                        continue;
                    }
                    let set = atom_set(self, &c.test, *pol);
                    let path = c.selector.segments.clone();
                    let entry = st.paths.entry(path).or_insert_with(VSet::all);
                    entry.intersect(&set);
                    let entry = entry.clone();
                    if self.is_empty(&entry) {
                        return Res::Unsat;
                    }
                }
            }
        }
        // Branch on the smallest disjunction first.
        let Some(pick) = ors
            .iter()
            .enumerate()
            .min_by_key(|(_, f)| match f {
                F::Or(cs) => cs.len(),
                _ => 0,
            })
            .map(|(i, _)| i)
        else {
            return self.close(st);
        };
        let or = ors.swap_remove(pick);
        let F::Or(children) = or else {
            return Res::Unsat;
        };
        for child in children {
            let mut next = ors.clone();
            next.push(child);
            if let Res::Sat(s) = self.solve(st.clone(), next) {
                return Res::Sat(s);
            }
            if self.gave_up.is_some() {
                return Res::Unsat;
            }
        }
        Res::Unsat
    }

    /// Choose an element for every existential wildcard comparison (a known
    /// one or a fresh one), apply the universal ones to every element, then
    /// check the structure.
    fn close(&mut self, mut st: Node) -> Res {
        self.nodes += 1;
        if self.nodes > NODE_BUDGET {
            self.gave_up = Some(format!("search budget of {NODE_BUDGET} steps exhausted"));
            return Res::Unsat;
        }
        if let Some((w, set)) = st.some.pop() {
            let mut candidates = element_keys(&st.paths, &w);
            candidates.push(fresh_key(&st.paths, &w));
            for x in candidates {
                let mut next = st.clone();
                let entry = next.paths.entry(w.instance(x)).or_insert_with(VSet::all);
                entry.intersect(&set);
                let entry = entry.clone();
                if self.is_empty(&entry) {
                    continue;
                }
                if let Res::Sat(s) = self.close(next) {
                    return Res::Sat(s);
                }
                if self.gave_up.is_some() {
                    return Res::Unsat;
                }
            }
            return Res::Unsat;
        }
        if !st.all.is_empty() {
            // Fields of the template event are elements too.
            let tmpl = template();
            for (w, _) in &st.all {
                if let Some(Value::Object(o)) = get_path(&tmpl, &w.pre).filter(|_| w.any_key) {
                    for k in o.keys() {
                        let mut p = w.pre.clone();
                        p.push(Segment::Key(k.clone()));
                        st.paths.entry(p).or_insert_with(VSet::all);
                    }
                }
            }
            for (w, set) in &st.all {
                for x in element_keys(&st.paths, w) {
                    let entry = st.paths.entry(w.instance(x)).or_insert_with(VSet::all);
                    entry.intersect(set);
                }
            }
        }
        self.structure(st.paths)
    }

    /// Propagate the tree structure between selectors; `Unsat` on conflict.
    fn structure(&mut self, mut st: State) -> Res {
        // Every proper prefix of a constrained path is a path too.
        let paths: Vec<Path> = st.keys().cloned().collect();
        for p in paths {
            for n in 1..p.len() {
                st.entry(p[..n].to_vec()).or_insert_with(VSet::all);
            }
        }
        let paths: Vec<Path> = st.keys().cloned().collect();
        loop {
            let mut changed = false;
            for p in &paths {
                let Some(last) = p.last() else { continue };
                let parent = &p[..p.len() - 1];
                let child = st.get(p).cloned().unwrap_or_else(VSet::all);
                if parent.is_empty() {
                    // The event itself is an object: an index under it never resolves.
                    if matches!(last, Segment::Index(_)) {
                        changed |= self.restrict(&mut st, p, &VSet::only_missing());
                    }
                    continue;
                }
                let container = match last {
                    Segment::Index(_) => VSet::only_array(),
                    _ => VSet::only_object(),
                };
                if !child.missing {
                    changed |= self.restrict(&mut st, &parent.to_vec(), &container);
                }
                let par = st.get(parent).cloned().unwrap_or_else(VSet::all);
                let fits = match last {
                    Segment::Index(_) => par.array,
                    _ => par.object,
                };
                if !fits {
                    changed |= self.restrict(&mut st, p, &VSet::only_missing());
                }
                // Arrays are dense: a present element implies present predecessors.
                if let Segment::Index(i) = last {
                    for q in &paths {
                        if q.len() == p.len()
                            && q[..q.len() - 1] == *parent
                            && let Some(Segment::Index(j)) = q.last()
                        {
                            let other = st.get(q).cloned().unwrap_or_else(VSet::all);
                            let me = st.get(p).cloned().unwrap_or_else(VSet::all);
                            if j < i && !me.missing && other.missing {
                                let mut present = VSet::all();
                                present.missing = false;
                                changed |= self.restrict(&mut st, q, &present);
                            }
                            if j < i && !other.may_be_present() && me.may_be_present() {
                                changed |= self.restrict(&mut st, p, &VSet::only_missing());
                            }
                        }
                    }
                }
            }
            if st.values().any(|v| self.is_empty(v)) {
                return Res::Unsat;
            }
            if !changed {
                return Res::Sat(st);
            }
        }
    }

    fn restrict(&mut self, st: &mut State, p: &Path, with: &VSet) -> bool {
        let entry = st.entry(p.clone()).or_insert_with(VSet::all);
        let before = entry.clone();
        entry.intersect(with);
        *entry != before
    }

    /// The interned id of a glob's language (looked up without cloning it).
    fn glob_lang(&mut self, g: &Glob) -> usize {
        intern(&mut self.langs, &mut self.glob_ids, g, LangKey::Glob)
    }

    /// The interned id of a regex's language.
    fn regex_lang(&mut self, r: &Regex) -> usize {
        intern(&mut self.langs, &mut self.regex_ids, r, LangKey::Regex)
    }

    fn nfa(&self, i: usize) -> &Nfa {
        let (key, cell) = &self.langs[i];
        cell.get_or_init(|| match key {
            LangKey::Glob(g) => Nfa::from_glob(g),
            LangKey::Regex(r) => Nfa::from_regex(r),
        })
    }

    fn is_empty(&mut self, v: &VSet) -> bool {
        if v.missing || v.null || v.t || v.f || v.object || v.array {
            return false;
        }
        if v.number.as_ref().is_some_and(|n| !n.is_empty()) {
            return false;
        }
        match &v.string {
            None => true,
            Some(cons) => match self.strings(cons) {
                Search::Found(_) => false,
                Search::Empty => true,
                Search::GaveUp => {
                    self.gave_up = Some(format!(
                        "string constraint search exceeded {STRING_BUDGET} states"
                    ));
                    true
                }
            },
        }
    }

    /// Is some string allowed by `cons`? Cached; fast path for exact literals.
    fn strings(&mut self, cons: &StrCons) -> Search {
        if let Some(r) = self.string_cache.get(cons) {
            return r.clone();
        }
        let exact = cons.pos.iter().find_map(|&i| match &self.langs[i].0 {
            LangKey::Glob(g) if !g.prefix && !g.suffix => Some(g.text.clone()),
            _ => None,
        });
        let result = match exact {
            Some(s) => {
                if self.string_ok(cons, &s) {
                    Search::Found(s)
                } else {
                    Search::Empty
                }
            }
            None => match self.quick_string(cons) {
                Some(s) => Search::Found(s),
                None => {
                    let pos: Vec<&Nfa> = cons.pos.iter().map(|&i| self.nfa(i)).collect();
                    let neg: Vec<&Nfa> = cons.neg.iter().map(|&i| self.nfa(i)).collect();
                    find_string(&pos, &neg, STRING_BUDGET)
                }
            },
        };
        self.string_cache.insert(cons.clone(), result.clone());
        result
    }

    /// A likely answer tried before the automaton search: the literal text of
    /// a positive wildcard (padded when it must differ from a negative), or a
    /// plain word when nothing is required. Each candidate is checked, so this
    /// only saves time: `None` means "search".
    fn quick_string(&self, cons: &StrCons) -> Option<String> {
        let mut candidates: Vec<String> = Vec::new();
        for &i in &cons.pos {
            if let LangKey::Glob(g) = &self.langs[i].0 {
                candidates.push(g.text.clone());
                candidates.push(format!("{}x", g.text));
                candidates.push(format!("x{}", g.text));
            }
        }
        if cons.pos.is_empty() {
            candidates.extend(["example", "Example", "x"].map(String::from));
        }
        candidates.into_iter().find(|c| self.string_ok(cons, c))
    }

    fn lang_match(&self, i: usize, s: &str) -> bool {
        match &self.langs[i].0 {
            LangKey::Glob(g) => g.matches(s),
            LangKey::Regex(_) => self.nfa(i).is_match(s),
        }
    }

    fn string_ok(&self, cons: &StrCons, s: &str) -> bool {
        cons.pos.iter().all(|&i| self.lang_match(i, s))
            && !cons.neg.iter().any(|&i| self.lang_match(i, s))
    }

    fn value_ok(&self, v: &VSet, x: &Value) -> bool {
        match x {
            Value::Null => v.null,
            Value::Bool(true) => v.t,
            Value::Bool(false) => v.f,
            Value::Number(n) => match (n.as_f64(), &v.number) {
                (Some(f), Some(nums)) => nums.contains(f),
                _ => false,
            },
            Value::String(s) => v.string.as_ref().is_some_and(|c| self.string_ok(c, s)),
            Value::Object(_) => v.object,
            Value::Array(_) => v.array,
        }
    }

    /// Build a CloudTrail-shaped event realising `st`.
    fn witness(&mut self, st: &State) -> Option<Value> {
        let mut event = template();
        let mut paths: Vec<&Path> = st.keys().collect();
        paths.sort_by_key(|p| p.len());
        for p in paths {
            let v = &st[p];
            let has_present_child = st
                .iter()
                .any(|(q, qv)| q.len() == p.len() + 1 && q[..p.len()] == p[..] && !qv.missing);
            let child_kind_index = st
                .keys()
                .find(|q| q.len() == p.len() + 1 && q[..p.len()] == p[..])
                .and_then(|q| q.last())
                .map(|s| matches!(s, Segment::Index(_)));
            let current = get_path(&event, p).cloned();
            let choice: Option<Value> = if has_present_child {
                match child_kind_index {
                    Some(true) => Some(match current {
                        Some(Value::Array(a)) => Value::Array(a),
                        _ => Value::Array(Vec::new()),
                    }),
                    _ => Some(match current {
                        Some(Value::Object(o)) => Value::Object(o),
                        _ => Value::Object(Map::new()),
                    }),
                }
            } else if let Some(cur) = current.as_ref().filter(|c| self.value_ok(v, c)) {
                Some(cur.clone())
            } else if current.is_some() {
                // CloudTrail always has this field: prefer a present value.
                match self.pick_value(p, v) {
                    Some(x) => Some(x),
                    None if v.missing => None,
                    None => return None,
                }
            } else if v.missing {
                None
            } else {
                Some(self.pick_value(p, v)?)
            };
            set_path(&mut event, p, choice);
        }
        harmonise_source(&mut event, st);
        Some(event)
    }

    fn pick_value(&mut self, p: &Path, v: &VSet) -> Option<Value> {
        if let Some(cons) = &v.string {
            let key = match p.last() {
                Some(Segment::Key(k)) => k.as_str(),
                _ => "",
            };
            let mut candidates: Vec<String> = hints(key).iter().map(|s| s.to_string()).collect();
            for &i in &cons.pos {
                if let LangKey::Glob(g) = &self.langs[i].0 {
                    candidates.push(g.text.clone());
                    candidates.push(format!("Client.{}", g.text));
                    candidates.push(format!("{}Exception", g.text));
                }
            }
            candidates.push("example".into());
            if let Some(s) = candidates.into_iter().find(|s| self.string_ok(cons, s)) {
                return Some(Value::String(s));
            }
            if let Search::Found(s) = self.strings(cons) {
                return Some(Value::String(s));
            }
        }
        if let Some(nums) = &v.number
            && let Some(iv) = nums.0.iter().find(|i| !i.is_empty())
        {
            return Some(number_value(iv.pick()));
        }
        if v.t {
            return Some(Value::Bool(true));
        }
        if v.f {
            return Some(Value::Bool(false));
        }
        if v.null {
            return Some(Value::Null);
        }
        if v.object {
            return Some(Value::Object(Map::new()));
        }
        if v.array {
            return Some(Value::Array(Vec::new()));
        }
        None
    }
}

/// The value set of one comparison (`positive`) or of its negation.
fn atom_set(s: &mut Solver, test: &Test, positive: bool) -> VSet {
    let set = match test {
        Test::Str { op, value } => {
            if value.is_any() {
                match op {
                    EqOp::Eq => VSet {
                        string: Some(StrCons::default()),
                        number: Some(Nums::full()),
                        ..VSet::none()
                    },
                    EqOp::Ne => VSet::none(),
                }
            } else {
                let id = s.glob_lang(value);
                string_set(*op, id)
            }
        }
        Test::Regex { op, regex } => {
            let id = s.regex_lang(regex);
            string_set(*op, id)
        }
        Test::Num { op, value } => VSet {
            number: Some(Nums::of(*op, *value)),
            ..VSet::none()
        },
        Test::IsNull => VSet {
            null: true,
            ..VSet::none()
        },
        Test::IsTrue => VSet {
            t: true,
            ..VSet::none()
        },
        Test::IsFalse => VSet {
            f: true,
            ..VSet::none()
        },
        Test::NotExists => VSet::only_missing(),
    };
    if positive { set } else { complement(&set) }
}

fn string_set(op: EqOp, id: usize) -> VSet {
    let cons = match op {
        EqOp::Eq => StrCons {
            pos: vec![id],
            neg: vec![],
        },
        EqOp::Ne => StrCons {
            pos: vec![],
            neg: vec![id],
        },
    };
    VSet {
        string: Some(cons),
        ..VSet::none()
    }
}

/// The complement of an atom's value set (atoms carry at most one language).
fn complement(v: &VSet) -> VSet {
    VSet {
        missing: !v.missing,
        null: !v.null,
        t: !v.t,
        f: !v.f,
        object: !v.object,
        array: !v.array,
        string: match &v.string {
            None => Some(StrCons::default()),
            Some(c) if c.pos.is_empty() && c.neg.is_empty() => None,
            Some(c) => Some(StrCons {
                pos: c.neg.clone(),
                neg: c.pos.clone(),
            }),
        },
        number: match &v.number {
            None => Some(Nums::full()),
            Some(n) => Some(n.complement()).filter(|n| !n.is_empty()),
        },
    }
}

/// The elements under `w.pre` that the constraints already name; for arrays,
/// every index up to the highest named one (arrays are dense).
fn element_keys(paths: &State, w: &Wild) -> Vec<Segment> {
    let n = w.pre.len();
    let mut keys: Vec<Segment> = paths
        .keys()
        .filter(|p| p.len() > n && p[..n] == w.pre[..])
        .map(|p| p[n].clone())
        .filter(|s| match s {
            Segment::Key(_) => w.any_key,
            Segment::Index(_) => !w.any_key,
            _ => false,
        })
        .collect();
    if !w.any_key {
        let max = keys
            .iter()
            .filter_map(|s| match s {
                Segment::Index(i) => Some(*i),
                _ => None,
            })
            .max();
        keys = max.map_or(Vec::new(), |m| (0..=m).map(Segment::Index).collect());
    }
    keys.sort();
    keys.dedup();
    keys
}

/// An element under `w.pre` that no constraint names yet.
fn fresh_key(paths: &State, w: &Wild) -> Segment {
    let known = element_keys(paths, w);
    if w.any_key {
        (1..)
            .map(|i| {
                if i == 1 {
                    "example".to_string()
                } else {
                    format!("example{i}")
                }
            })
            .map(Segment::Key)
            .find(|k| !known.contains(k))
            .unwrap_or(Segment::Key("example".into()))
    } else {
        Segment::Index(known.len() as u32)
    }
}

fn number_value(x: f64) -> Value {
    if x.fract() == 0.0 && x.abs() < 9.0e15 {
        Value::from(x as i64)
    } else {
        serde_json::Number::from_f64(x).map_or(Value::Null, Value::Number)
    }
}

/// The event every example starts from: a plain, successful IAM-user API call.
fn template() -> Value {
    serde_json::json!({
        "eventVersion": "1.09",
        "userIdentity": {
            "type": "IAMUser",
            "principalId": "AIDAEXAMPLEPRINCIPAL",
            "arn": "arn:aws:iam::123456789012:user/alice",
            "accountId": "123456789012",
            "accessKeyId": "AKIAIOSFODNN7EXAMPLE",
            "userName": "alice"
        },
        "eventTime": "2026-01-01T12:00:00Z",
        "eventSource": "ec2.amazonaws.com",
        "eventName": "DescribeInstances",
        "awsRegion": "us-east-1",
        "sourceIPAddress": "203.0.113.10",
        "userAgent": "aws-cli/2.15.0",
        "requestParameters": null,
        "responseElements": null,
        "requestID": "0d4f3f1e-7c1a-4c3e-9b1e-000000000001",
        "eventID": "6c2a1f0e-2b7d-4f9a-8e3c-000000000001",
        "readOnly": false,
        "eventType": "AwsApiCall",
        "managementEvent": true,
        "recipientAccountId": "123456789012",
        "eventCategory": "Management"
    })
}

/// Realistic values to try first for well-known CloudTrail fields.
fn hints(key: &str) -> &'static [&'static str] {
    match key {
        "eventName" => &["DescribeInstances", "ConsoleLogin", "GetObject"],
        "eventSource" => &["ec2.amazonaws.com", "iam.amazonaws.com", "s3.amazonaws.com"],
        "errorCode" => &[
            "AccessDenied",
            "Client.UnauthorizedOperation",
            "ThrottlingException",
        ],
        "errorMessage" => &[
            "Failed authentication",
            "User is not authorized to perform this action",
        ],
        "sourceIPAddress" => &["203.0.113.10", "cloudformation.amazonaws.com"],
        "type" => &["IAMUser", "AssumedRole", "Root", "FederatedUser"],
        "invokedBy" => &["cloudformation.amazonaws.com", "support.amazonaws.com"],
        "eventType" => &["AwsApiCall", "AwsConsoleSignIn", "AwsServiceEvent"],
        "MFAUsed" => &["No", "Yes"],
        "ConsoleLogin" => &["Success", "Failure"],
        "userName" => &["alice", "automation"],
        "arn" => &["arn:aws:iam::123456789012:user/alice"],
        "awsRegion" => &["us-east-1", "eu-west-1"],
        _ => &[],
    }
}

/// When the example names an event but the patterns say nothing about its
/// source, give it the source that event really comes from.
fn harmonise_source(event: &mut Value, st: &State) {
    let src_path = vec![Segment::Key("eventSource".into())];
    if st.contains_key(&src_path) {
        return;
    }
    let Some(name) = event.get("eventName").and_then(Value::as_str) else {
        return;
    };
    let source = event_source_for(name);
    if let Some(obj) = event.as_object_mut() {
        obj.insert("eventSource".into(), Value::String(source.into()));
    }
}

fn event_source_for(name: &str) -> &'static str {
    const TABLE: &[(&[&str], &str)] = &[
        (&["ConsoleLogin"], "signin.amazonaws.com"),
        (
            &["Trail", "StartLogging", "StopLogging"],
            "cloudtrail.amazonaws.com",
        ),
        (&["DisableKey", "ScheduleKeyDeletion"], "kms.amazonaws.com"),
        (&["Bucket"], "s3.amazonaws.com"),
        (
            &["ConfigurationRecorder", "DeliveryChannel"],
            "config.amazonaws.com",
        ),
        (
            &[
                "Handshake",
                "Account",
                "OrganizationalUnit",
                "Organization",
                "PolicyType",
            ],
            "organizations.amazonaws.com",
        ),
        (
            &["GroupPolicy", "RolePolicy", "UserPolicy", "PolicyVersion"],
            "iam.amazonaws.com",
        ),
        (&["CreatePolicy", "DeletePolicy"], "iam.amazonaws.com"),
    ];
    for (needles, source) in TABLE {
        if needles.iter().any(|n| name.contains(n)) {
            return source;
        }
    }
    "ec2.amazonaws.com"
}

fn get_path<'v>(v: &'v Value, p: &[Segment]) -> Option<&'v Value> {
    let mut cur = v;
    for seg in p {
        cur = match (seg, cur) {
            (Segment::Key(k), Value::Object(o)) => o.get(k)?,
            (Segment::Index(i), Value::Array(a)) => a.get(*i as usize)?,
            _ => return None,
        };
    }
    Some(cur)
}

/// Set (or with `None`, remove) the value at `p`, creating containers on the way.
fn set_path(root: &mut Value, p: &[Segment], value: Option<Value>) {
    let Some((last, parents)) = p.split_last() else {
        return;
    };
    if value.is_none() && get_path(root, p).is_none() {
        return; // already missing: create nothing on the way
    }
    let mut cur = root;
    for seg in parents {
        cur = match seg {
            Segment::Key(k) => {
                if !cur.is_object() {
                    *cur = Value::Object(Map::new());
                }
                let Value::Object(o) = cur else { return };
                o.entry(k.clone()).or_insert(Value::Object(Map::new()))
            }
            Segment::Index(i) => {
                if !cur.is_array() {
                    *cur = Value::Array(Vec::new());
                }
                let Value::Array(a) = cur else { return };
                let i = *i as usize;
                while a.len() <= i {
                    a.push(Value::Null);
                }
                &mut a[i]
            }
            Segment::AnyKey | Segment::AnyIndex => return,
        };
    }
    match (last, value) {
        (Segment::Key(k), Some(v)) => {
            if !cur.is_object() {
                *cur = Value::Object(Map::new());
            }
            if let Value::Object(o) = cur {
                o.insert(k.clone(), v);
            }
        }
        (Segment::Key(k), None) => {
            if let Value::Object(o) = cur {
                o.remove(k);
            }
        }
        (Segment::Index(i), Some(v)) => {
            if !cur.is_array() {
                *cur = Value::Array(Vec::new());
            }
            if let Value::Array(a) = cur {
                let i = *i as usize;
                while a.len() <= i {
                    a.push(Value::Null);
                }
                a[i] = v;
            }
        }
        (Segment::Index(i), None) => {
            if let Value::Array(a) = cur {
                a.truncate(*i as usize);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn intervals_complement() {
        let ne = Nums::of(NumOp::Ne, 5.0);
        assert!(!ne.contains(5.0));
        let c = ne.complement();
        assert!(c.contains(5.0));
        assert!(!c.contains(4.0));
        let lt = Nums::of(NumOp::Lt, 3.0).complement();
        assert!(lt.contains(3.0) && lt.contains(100.0) && !lt.contains(2.9));
        assert!(Nums::full().complement().is_empty());
        let ge = Nums::of(NumOp::Ge, 10.0).intersect(&Nums::of(NumOp::Lt, 10.0));
        assert!(ge.is_empty());
        assert_eq!(Nums::of(NumOp::Gt, 2.5).0[0].pick(), 3.0);
    }

    #[test]
    fn set_path_builds_and_removes() {
        let mut v = serde_json::json!({"a": "x"});
        set_path(
            &mut v,
            &[Segment::Key("a".into()), Segment::Index(1)],
            Some(Value::from(3)),
        );
        assert_eq!(v, serde_json::json!({"a": [null, 3]}));
        set_path(&mut v, &[Segment::Key("a".into())], None);
        assert_eq!(v, serde_json::json!({}));
    }
}

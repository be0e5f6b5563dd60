//! Finite automata for the string values of a pattern: globs and `%regex%`.
//!
//! Both compile to one Thompson NFA type over Unicode scalar ranges. The NFA
//! answers membership ([`regex_is_match`], [`Nfa::is_match`]) and, more
//! importantly for the relation engine, [`find_string`]: a shortest string
//! that every "positive" automaton accepts and no "negative" one does, found by
//! a breadth-first walk over the product of the on-the-fly subset
//! constructions. That search is exact (regular languages are closed under
//! intersection and complement); it only gives up when it exceeds a state
//! budget, and then says so.
//!
//! Regex semantics (AWS docs, "Supported regular expressions syntax"): a
//! pattern matches when it matches *somewhere* in the value, unless a branch
//! is anchored with `^` / `$`. AWS regexes have no groups, so a regex is a set
//! of branches, each a sequence of quantified character sets.

use super::ast::{CharSet, Glob, Regex};
use rustc_hash::FxHashMap as HashMap;
use std::collections::VecDeque;

/// A non-deterministic automaton with epsilon moves; state 0 is the start.
#[derive(Debug, Clone)]
pub struct Nfa {
    states: Vec<NState>,
    accept: u32,
}

#[derive(Debug, Clone, Default)]
struct NState {
    eps: Vec<u32>,
    edges: Vec<(CharSet, u32)>,
}

struct Builder {
    states: Vec<NState>,
}

impl Builder {
    fn new() -> Self {
        Builder {
            states: vec![NState::default()],
        }
    }

    fn add(&mut self) -> u32 {
        self.states.push(NState::default());
        (self.states.len() - 1) as u32
    }

    fn eps(&mut self, from: u32, to: u32) {
        self.states[from as usize].eps.push(to);
    }

    fn edge(&mut self, from: u32, set: &CharSet, to: u32) {
        if !set.is_empty() {
            self.states[from as usize].edges.push((set.clone(), to));
        }
    }

    /// Append "any string" (`.*`) after `at`; returns the new end.
    fn any_star(&mut self, at: u32) -> u32 {
        let end = self.add();
        self.eps(at, end);
        self.edge(end, &CharSet::any(), end);
        end
    }

    /// Append one character set repeated `min..=max` times.
    fn repeat(&mut self, mut at: u32, set: &CharSet, min: u32, max: Option<u32>) -> u32 {
        for _ in 0..min {
            let next = self.add();
            self.edge(at, set, next);
            at = next;
        }
        match max {
            None => {
                let end = self.add();
                self.eps(at, end);
                self.edge(end, set, end);
                end
            }
            Some(max) => {
                let end = self.add();
                self.eps(at, end);
                for _ in min..max {
                    let next = self.add();
                    self.edge(at, set, next);
                    self.eps(next, end);
                    at = next;
                }
                end
            }
        }
    }

    fn literal(&mut self, mut at: u32, text: &str) -> u32 {
        for c in text.chars() {
            let next = self.add();
            self.edge(at, &CharSet::single(c), next);
            at = next;
        }
        at
    }

    fn finish(self, accept: u32) -> Nfa {
        Nfa {
            states: self.states,
            accept,
        }
    }
}

impl Nfa {
    /// The language of a `%regex%` value: strings it matches somewhere.
    pub fn from_regex(re: &Regex) -> Nfa {
        let mut b = Builder::new();
        let accept = b.add();
        for branch in &re.branches {
            let start = b.add();
            b.eps(0, start);
            let mut at = if branch.anchored_start {
                start
            } else {
                b.any_star(start)
            };
            for piece in &branch.pieces {
                at = b.repeat(at, &piece.set, piece.min, piece.max);
            }
            if !branch.anchored_end {
                at = b.any_star(at);
            }
            b.eps(at, accept);
        }
        b.finish(accept)
    }

    /// The language of a string value with AWS's wildcard rule.
    pub fn from_glob(g: &Glob) -> Nfa {
        let mut b = Builder::new();
        let mut at = 0;
        if g.prefix {
            at = b.any_star(at);
        }
        at = b.literal(at, &g.text);
        if g.suffix {
            at = b.any_star(at);
        }
        b.finish(at)
    }

    fn closure(&self, set: &mut Vec<u32>) {
        let mut stack: Vec<u32> = set.clone();
        let mut seen = vec![false; self.states.len()];
        for &s in set.iter() {
            seen[s as usize] = true;
        }
        while let Some(s) = stack.pop() {
            for &t in &self.states[s as usize].eps {
                if !seen[t as usize] {
                    seen[t as usize] = true;
                    set.push(t);
                    stack.push(t);
                }
            }
        }
        set.sort_unstable();
        set.dedup();
    }

    fn start_set(&self) -> Vec<u32> {
        let mut s = vec![0];
        self.closure(&mut s);
        s
    }

    fn step(&self, set: &[u32], c: char) -> Vec<u32> {
        let mut next = Vec::new();
        for &s in set {
            for (cs, t) in &self.states[s as usize].edges {
                if cs.contains(c) {
                    next.push(*t);
                }
            }
        }
        self.closure(&mut next);
        next
    }

    fn accepts(&self, set: &[u32]) -> bool {
        set.binary_search(&self.accept).is_ok()
    }

    /// Whether the whole string `s` is in the language.
    pub fn is_match(&self, s: &str) -> bool {
        let mut cur = self.start_set();
        for c in s.chars() {
            if cur.is_empty() {
                return false;
            }
            cur = self.step(&cur, c);
        }
        self.accepts(&cur)
    }

    fn boundaries(&self, out: &mut Vec<u32>) {
        for st in &self.states {
            for (cs, _) in &st.edges {
                for &(a, b) in &cs.ranges {
                    out.push(a as u32);
                    out.push(b as u32 + 1);
                }
            }
        }
    }
}

/// Whether a `%regex%` matches somewhere in `s`.
pub fn regex_is_match(re: &Regex, s: &str) -> bool {
    Nfa::from_regex(re).is_match(s)
}

/// The outcome of a string search.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Search {
    /// A shortest string in every positive language and in no negative one.
    Found(String),
    /// No such string exists.
    Empty,
    /// The search exceeded its state budget.
    GaveUp,
}

/// Characters tried first when an alphabet class offers a choice, so that
/// witnesses read like identifiers rather than control characters.
const NICE: &str = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.:/@ ";

/// Find a shortest string accepted by all of `pos` and none of `neg`.
/// With no positive automaton, the universe is every string.
pub fn find_string(pos: &[&Nfa], neg: &[&Nfa], budget: usize) -> Search {
    // Partition the alphabet into classes no automaton can tell apart, and
    // pick one representative per class (a "nice" character when possible).
    let mut cuts: Vec<u32> = vec![0, char::MAX as u32 + 1];
    for n in pos.iter().chain(neg) {
        n.boundaries(&mut cuts);
    }
    cuts.sort_unstable();
    cuts.dedup();
    let mut reps: Vec<char> = Vec::new();
    for w in cuts.windows(2) {
        let (lo, hi) = (w[0], w[1]);
        let nice = NICE.chars().find(|&c| (c as u32) >= lo && (c as u32) < hi);
        let rep = nice.or_else(|| (lo..hi).find_map(char::from_u32));
        if let Some(c) = rep {
            reps.push(c);
        }
    }
    // Nice classes first, so the first string found of a given length is readable.
    reps.sort_by_key(|c| NICE.find(*c).unwrap_or(usize::MAX));

    type Key = (Vec<Vec<u32>>, Vec<Vec<u32>>);
    let start: Key = (
        pos.iter().map(|n| n.start_set()).collect(),
        neg.iter().map(|n| n.start_set()).collect(),
    );
    let accepting = |k: &Key| {
        k.0.iter().zip(pos).all(|(s, n)| n.accepts(s))
            && !k.1.iter().zip(neg).any(|(s, n)| n.accepts(s))
    };
    let mut parent: HashMap<Key, Option<(usize, char)>> = HashMap::default();
    let mut order: Vec<Key> = Vec::new();
    let mut queue: VecDeque<usize> = VecDeque::new();
    parent.insert(start.clone(), None);
    order.push(start);
    queue.push_back(0);
    while let Some(i) = queue.pop_front() {
        if accepting(&order[i]) {
            let mut out = Vec::new();
            let mut cur = i;
            while let Some(Some((p, c))) = parent.get(&order[cur]) {
                out.push(*c);
                cur = *p;
            }
            out.reverse();
            return Search::Found(out.into_iter().collect());
        }
        for &c in &reps {
            let k = &order[i];
            let next_pos: Vec<Vec<u32>> = k.0.iter().zip(pos).map(|(s, n)| n.step(s, c)).collect();
            if next_pos.iter().any(Vec::is_empty) {
                continue;
            }
            let next_neg: Vec<Vec<u32>> = k.1.iter().zip(neg).map(|(s, n)| n.step(s, c)).collect();
            let key = (next_pos, next_neg);
            if parent.contains_key(&key) {
                continue;
            }
            if order.len() >= budget {
                return Search::GaveUp;
            }
            parent.insert(key.clone(), Some((i, c)));
            order.push(key);
            queue.push_back(order.len() - 1);
        }
    }
    Search::Empty
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pattern::ast::{RegexBranch, RegexPiece};

    fn lit(s: &str) -> Vec<RegexPiece> {
        s.chars()
            .map(|c| RegexPiece {
                set: CharSet::single(c),
                min: 1,
                max: Some(1),
            })
            .collect()
    }

    fn re(branches: Vec<RegexBranch>) -> Regex {
        Regex {
            source: String::new(),
            branches,
        }
    }

    fn branch(start: bool, pieces: Vec<RegexPiece>, end: bool) -> RegexBranch {
        RegexBranch {
            anchored_start: start,
            anchored_end: end,
            pieces,
        }
    }

    #[test]
    fn unanchored_regex_searches() {
        let r = re(vec![branch(false, lit("Trail"), false)]);
        assert!(regex_is_match(&r, "UpdateTrail"));
        assert!(regex_is_match(&r, "Trails"));
        assert!(!regex_is_match(&r, "Trai"));
        let anchored = re(vec![branch(true, lit("at"), true)]);
        assert!(regex_is_match(&anchored, "at"));
        assert!(!regex_is_match(&anchored, "cat"));
    }

    #[test]
    fn bounded_repetition() {
        // %^a{3,5}$%
        let r = re(vec![branch(
            true,
            vec![RegexPiece {
                set: CharSet::single('a'),
                min: 3,
                max: Some(5),
            }],
            true,
        )]);
        assert!(!regex_is_match(&r, "aa"));
        assert!(regex_is_match(&r, "aaa"));
        assert!(regex_is_match(&r, "aaaaa"));
        assert!(!regex_is_match(&r, "aaaaaa"));
    }

    #[test]
    fn globs() {
        let g = Nfa::from_glob(&Glob {
            prefix: true,
            suffix: false,
            text: "UnauthorizedOperation".into(),
        });
        assert!(g.is_match("Client.UnauthorizedOperation"));
        assert!(!g.is_match("UnauthorizedOperationX"));
    }

    #[test]
    fn product_search_finds_shortest_witness() {
        let prefix = Nfa::from_glob(&Glob {
            prefix: false,
            suffix: true,
            text: "AccessDenied".into(),
        });
        let exact = Nfa::from_glob(&Glob::literal("AccessDenied"));
        // In AccessDenied* but not exactly AccessDenied.
        match find_string(&[&prefix], &[&exact], 10_000) {
            Search::Found(s) => {
                assert!(s.starts_with("AccessDenied") && s.len() == 13, "{s}");
            }
            other => panic!("{other:?}"),
        }
        // Exactly AccessDenied but not AccessDenied*: impossible.
        assert_eq!(find_string(&[&exact], &[&prefix], 10_000), Search::Empty);
        // No constraint at all: the empty string.
        assert_eq!(find_string(&[], &[], 10), Search::Found(String::new()));
    }
}

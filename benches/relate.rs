//! Criterion benchmarks of the pattern engine over the whole catalogue:
//! parsing every prescribed pattern, and relating one filter pattern to every
//! control of a benchmark version (what `check-pattern` does, and what the
//! audit does for each filter).

use cis_monitor::catalogue::{self, Benchmark};
use cis_monitor::pattern::{Pattern, parse, relate};
use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;

fn all_prescribed() -> Vec<&'static str> {
    Benchmark::ALL
        .iter()
        .flat_map(|b| catalogue::controls(*b))
        .flat_map(|c| c.alternatives.iter().map(|a| a.pattern))
        .collect()
}

fn parsed(text: &str) -> Pattern {
    parse(text).unwrap_or_else(|e| panic!("{text}: {e}"))
}

/// Relate `actual` to every alternative of every control; count the covered ones.
fn relate_all(controls: &[Vec<Pattern>], actual: &Pattern) -> usize {
    controls
        .iter()
        .filter(|alts| alts.iter().any(|p| relate(p, actual).kind.covers()))
        .count()
}

fn benches(c: &mut Criterion) {
    let texts = all_prescribed();
    c.bench_function("parse every catalogue pattern", |bch| {
        bch.iter(|| {
            texts
                .iter()
                .map(|t| parse(black_box(t)).is_ok() as usize)
                .sum::<usize>()
        })
    });

    for b in [Benchmark::Cis120, Benchmark::Cis140, Benchmark::Cis700] {
        let controls: Vec<Vec<Pattern>> = catalogue::controls(b)
            .iter()
            .map(|c| c.alternatives.iter().map(|a| parsed(a.pattern)).collect())
            .collect();
        // A filter that is one of the controls' own pattern, reformatted
        // (the common case), and one that is close but narrower.
        let exact = parsed(
            "{ ($.eventSource = s3.amazonaws.com) && (($.eventName = PutBucketAcl) || ($.eventName = PutBucketPolicy) || ($.eventName = PutBucketCors) || ($.eventName = PutBucketLifecycle) || ($.eventName = PutBucketReplication) || ($.eventName = DeleteBucketPolicy) || ($.eventName = DeleteBucketCors) || ($.eventName = DeleteBucketLifecycle) || ($.eventName = DeleteBucketReplication)) }",
        );
        let narrower = parsed(
            "{ $.eventSource = s3.amazonaws.com && ($.eventName = PutBucketAcl || $.eventName = PutBucketPolicy) }",
        );
        c.bench_function(
            &format!("relate one filter to all controls of {}", b.key()),
            |bch| bch.iter(|| relate_all(&controls, black_box(&exact))),
        );
        c.bench_function(
            &format!("relate a narrower filter to all controls of {}", b.key()),
            |bch| bch.iter(|| relate_all(&controls, black_box(&narrower))),
        );
        let pairs: Vec<(usize, usize)> = (0..controls.len()).map(|i| (i, i)).collect();
        c.bench_function(
            &format!("relate each control of {} to its own pattern", b.key()),
            |bch| {
                bch.iter(|| {
                    pairs
                        .iter()
                        .filter(|(i, j)| {
                            relate(&controls[*i][0], black_box(&controls[*j][0]))
                                .kind
                                .covers()
                        })
                        .count()
                })
            },
        );
    }
}

criterion_group!(engine, benches);
criterion_main!(engine);

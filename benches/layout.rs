//! Benchmarks of the layered layout: the bundled roadmap, and generated DAGs of 1,000 and 10,000
//! nodes. Before timing, each graph's crossing count is printed once, with and without crossing
//! reduction, so that speed and quality can be read side by side.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use roadmap::layout::{self, Settings, generate::Dag};

/// The bundled roadmap, with boxes sized from the titles as `roadmap bench` sizes them.
fn bundled() -> Dag {
    let loaded = roadmap::model::bundled().expect("the bundled roadmap loads");
    roadmap::bench::dag_of(&loaded)
}

fn report(name: &str, dag: &Dag) {
    let settings = Settings::default();
    let result = layout::layout(&dag.input(), &settings);
    let unordered = layout::layout(
        &dag.input(),
        &Settings {
            crossing_rounds: 0,
            ..settings
        },
    );
    let layers = result.layers.iter().copied().max().map_or(0, |l| l + 1);
    println!(
        "{name}: {} nodes, {} edges, {} layers, {} crossings ({} before crossing reduction), \
         {:.0}x{:.0}",
        dag.sizes.len(),
        dag.edges.len(),
        layers,
        layout::crossings(&result, settings.direction),
        layout::crossings(&unordered, settings.direction),
        result.bounds.max.x,
        result.bounds.max.y,
    );
}

fn benches(c: &mut Criterion) {
    let graphs = [
        ("bundled", bundled()),
        ("dag-1000", layout::generate::dag(1_000, 1)),
        ("dag-10000", layout::generate::dag(10_000, 1)),
    ];
    for (name, dag) in &graphs {
        report(name, dag);
    }
    let settings = Settings::default();
    let mut group = c.benchmark_group("layout");
    group.sample_size(10);
    for (name, dag) in &graphs {
        group.bench_function(*name, |b| {
            b.iter(|| layout::layout(black_box(&dag.input()), black_box(&settings)));
        });
    }
    group.finish();
}

criterion_group!(layout_benches, benches);
criterion_main!(layout_benches);

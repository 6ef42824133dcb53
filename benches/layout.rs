//! Benchmarks of the layered layout: the bundled roadmap, and generated DAGs of 1,000 and 10,000
//! nodes. Before timing, each graph's crossing count is printed once, with and without crossing
//! reduction, so that speed and quality can be read side by side.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use roadmap::layout::{self, Settings, Size, generate::Dag};

/// The bundled roadmap, with boxes sized from the titles the way the map sizes them.
fn bundled() -> Dag {
    let loaded = roadmap::model::bundled().expect("the bundled roadmap loads");
    let phases_in_order: Vec<&str> = loaded
        .roadmap
        .phases_in_order()
        .iter()
        .map(|p| p.id.as_str())
        .collect();
    let topics = &loaded.roadmap.topics;
    let sizes = topics
        .iter()
        .map(|t| Size {
            w: (t.title.chars().count() as f32 * 7.0 + 24.0).clamp(120.0, 220.0),
            h: 48.0,
        })
        .collect();
    let phases = topics
        .iter()
        .map(|t| {
            phases_in_order
                .iter()
                .position(|&id| id == t.phase)
                .unwrap_or(0)
        })
        .collect();
    let edges = loaded
        .graph
        .topological_order()
        .iter()
        .flat_map(|&i| {
            loaded
                .graph
                .prerequisites(i)
                .into_iter()
                .map(move |p| (p, i))
        })
        .collect();
    Dag {
        sizes,
        phases,
        edges,
    }
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

//! Our layered layout next to rust-sugiyama 0.4 on the same graphs: the bundled roadmap and a
//! generated 1,000-topic roadmap (`cargo bench --bench compare`). rust-sugiyama is a
//! dev-dependency, so this comparison lives here rather than in `roadmap bench`.
//!
//! Crossings are counted on each drawing as it comes out: every point where two edges' lines
//! cross. rust-sugiyama returns no bend points, so its edges are straight lines from the
//! prerequisite's box to the dependent's, and every pair of them is tested (`layout::segment_crossings`).
//! Ours are counted by `layout::crossings`, which gives the same number on our drawings (a
//! property test checks it against the same pairwise test) and is fast. The table also shows
//! rust-sugiyama's crossings counted only in the gaps between its layers, as `layout::crossings`
//! would count them; that misses every crossing of two straight edges inside a layer's slab,
//! which our edges never have (each keeps to its own lane through a layer), so it flatters
//! rust-sugiyama.
//! 10,000 topics are left out: rust-sugiyama takes minutes there.

use std::hint::black_box;

use roadmap::bench::median;
use roadmap::layout::{self, Direction, Layout, Point, Rect, Settings, generate::Dag};
use rust_sugiyama::configure::Config;

/// rust-sugiyama's layout of the DAG, as vertex centres by node index. Its layers run top to
/// bottom, so a box's extent along a layer is its height in our left-to-right drawing.
fn sugiyama(dag: &Dag) -> Vec<(f64, f64)> {
    let vertices: Vec<(u32, (f64, f64))> = dag
        .sizes
        .iter()
        .enumerate()
        .map(|(i, s)| (index(i), (f64::from(s.h), f64::from(s.w))))
        .collect();
    let edges: Vec<(u32, u32)> = dag
        .edges
        .iter()
        .map(|&(a, b)| (index(a), index(b)))
        .collect();
    let config = Config {
        vertex_spacing: 24.0,
        ..Config::default()
    };
    let mut centres = vec![(0.0, 0.0); dag.sizes.len()];
    // Disjoint parts come out one by one; set them side by side as they would be drawn.
    let mut offset = 0.0;
    for (part, width, _) in rust_sugiyama::from_vertices_and_edges(&vertices, &edges, &config) {
        for (i, (x, y)) in part {
            if let Some(c) = centres.get_mut(i) {
                *c = (x + offset, y);
            }
        }
        offset += width + 24.0;
    }
    centres
}

fn index(i: usize) -> u32 {
    u32::try_from(i).expect("fewer than 2^32 nodes")
}

/// rust-sugiyama's drawing as a top-to-bottom `Layout`, so `layout::crossings` counts it.
fn as_layout(dag: &Dag, centres: &[(f64, f64)]) -> Layout {
    let mut ys: Vec<f64> = centres.iter().map(|c| c.1).collect();
    ys.sort_by(f64::total_cmp);
    ys.dedup_by(|a, b| (*a - *b).abs() < 1e-6);
    #[allow(
        clippy::cast_possible_truncation,
        reason = "layout coordinates are f32"
    )]
    let nodes: Vec<Rect> = centres
        .iter()
        .zip(&dag.sizes)
        .map(|(&(x, y), s)| {
            let (w, h) = (s.h, s.w);
            let (x, y) = (x as f32, y as f32);
            Rect {
                min: Point {
                    x: x - w / 2.0,
                    y: y - h / 2.0,
                },
                max: Point {
                    x: x + w / 2.0,
                    y: y + h / 2.0,
                },
            }
        })
        .collect();
    let layers = centres
        .iter()
        .map(|c| ys.partition_point(|&y| y < c.1 - 1e-6))
        .collect();
    let edges = dag
        .edges
        .iter()
        .map(|&(a, b)| {
            let (from, to) = (nodes[a], nodes[b]);
            vec![
                Point {
                    x: from.center().x,
                    y: from.max.y,
                },
                Point {
                    x: to.center().x,
                    y: to.min.y,
                },
            ]
        })
        .collect();
    Layout {
        nodes,
        layers,
        edges,
        bands: Vec::new(),
        bounds: Rect::default(),
    }
}

fn main() {
    let loaded = roadmap::model::bundled().expect("the bundled roadmap loads");
    let graphs = [
        ("bundled", roadmap::bench::dag_of(&loaded), 21),
        ("generated 1,000", layout::generate::dag(1_000, 1), 3),
    ];
    println!(
        "| graph | ours | crossings | rust-sugiyama 0.4 | crossings | in gaps only | \
         ratio (theirs / ours) |"
    );
    println!("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
    let settings = Settings::default();
    for (name, dag, runs) in &graphs {
        let input = dag.input();
        let ours = median(*runs, || {
            black_box(layout::layout(black_box(&input), &settings));
        });
        let our_crossings =
            layout::crossings(&layout::layout(&input, &settings), settings.direction);
        let theirs = median(*runs, || {
            black_box(sugiyama(black_box(dag)));
        });
        let drawing = as_layout(dag, &sugiyama(dag));
        let their_crossings = layout::segment_crossings(&drawing);
        let in_gaps = layout::crossings(&drawing, Direction::TopToBottom);
        println!(
            "| {name} | {:.3} ms | {our_crossings} | {:.3} ms | {their_crossings} | {in_gaps} | \
             {:.1}x |",
            ours.as_secs_f64() * 1e3,
            theirs.as_secs_f64() * 1e3,
            theirs.as_secs_f64() / ours.as_secs_f64(),
        );
    }
}

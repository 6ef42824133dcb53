//! Crossings of any drawing, counted on its lines: for comparing our pictures with another
//! program's, whose edges need not run between layers.

use super::Point;

/// Counts the places where two edges' lines cross, each edge given as a polyline (curves
/// flattened first). Only proper crossings count: the two segments cross at a point inside
/// both, not merely touch. A crossing within `near_end` of either edge's first or last point
/// does not count either, since edges meeting at a box fan out from it or into it, and the
/// flattening of curves that leave one point could otherwise make them cross there.
///
/// The segments go into a grid of square cells, and each pair is tested once, in the first
/// cell both reach.
#[must_use]
#[expect(
    clippy::cast_possible_truncation,
    clippy::cast_sign_loss,
    reason = "grid cells from finite, non-negative offsets, clamped to the grid"
)]
pub fn drawn_crossings(edges: &[Vec<Point>], near_end: f32) -> usize {
    let segments: Vec<(usize, Point, Point)> = edges
        .iter()
        .enumerate()
        .flat_map(|(e, line)| line.windows(2).map(move |w| (e, w[0], w[1])))
        .filter(|(_, p, q)| p != q)
        .collect();
    if segments.len() < 2 {
        return 0;
    }
    let mut min = Point {
        x: f32::INFINITY,
        y: f32::INFINITY,
    };
    let mut max = Point {
        x: f32::NEG_INFINITY,
        y: f32::NEG_INFINITY,
    };
    let mut total_length = 0.0f64;
    for &(_, p, q) in &segments {
        min.x = min.x.min(p.x).min(q.x);
        min.y = min.y.min(p.y).min(q.y);
        max.x = max.x.max(p.x).max(q.x);
        max.y = max.y.max(p.y).max(q.y);
        total_length += f64::from((q.x - p.x).abs() + (q.y - p.y).abs());
    }
    if !(min.x.is_finite() && min.y.is_finite() && max.x.is_finite() && max.y.is_finite()) {
        return 0;
    }
    // Cells a few segments long, but never more cells than segments on a side.
    let mean = (total_length / segments.len() as f64) as f32;
    let span = (max.x - min.x).max(max.y - min.y).max(1.0);
    let cell = (4.0 * mean).max(span / 2_048.0).max(1e-3);
    let columns = ((max.x - min.x) / cell) as usize + 1;
    let rows = ((max.y - min.y) / cell) as usize + 1;
    let column = |x: f32| (((x - min.x) / cell) as usize).min(columns - 1);
    let row = |y: f32| (((y - min.y) / cell) as usize).min(rows - 1);
    // Each cell's segments, as one sorted list of (cell, segment).
    let mut in_cell: Vec<(usize, usize)> = Vec::new();
    for (s, &(_, p, q)) in segments.iter().enumerate() {
        for r in row(p.y.min(q.y))..=row(p.y.max(q.y)) {
            for c in column(p.x.min(q.x))..=column(p.x.max(q.x)) {
                in_cell.push((r * columns + c, s));
            }
        }
    }
    in_cell.sort_unstable();
    let ends: Vec<[Point; 2]> = edges
        .iter()
        .map(|line| match (line.first(), line.last()) {
            (Some(&a), Some(&b)) => [a, b],
            _ => [Point::default(); 2],
        })
        .collect();
    let near = |p: Point, e: usize| {
        ends[e]
            .iter()
            .any(|a| (a.x - p.x).hypot(a.y - p.y) <= near_end)
    };
    let mut count = 0;
    let mut from = 0;
    while from < in_cell.len() {
        let here = in_cell[from].0;
        let to = from + in_cell[from..].partition_point(|&(c, _)| c == here);
        let cell_segments = &in_cell[from..to];
        for (i, &(_, s)) in cell_segments.iter().enumerate() {
            let (e1, p1, q1) = segments[s];
            for &(_, t) in &cell_segments[i + 1..] {
                let (e2, p2, q2) = segments[t];
                if e1 == e2 {
                    continue;
                }
                // The pair meets in every cell both reach; it is tested in the first of them.
                let first = row(p1.y.min(q1.y)).max(row(p2.y.min(q2.y))) * columns
                    + column(p1.x.min(q1.x)).max(column(p2.x.min(q2.x)));
                if first != here {
                    continue;
                }
                if let Some(x) = proper_crossing(p1, q1, p2, q2)
                    && !near(x, e1)
                    && !near(x, e2)
                {
                    count += 1;
                }
            }
        }
        from = to;
    }
    count
}

/// Where two segments cross at a point inside both, if they do.
#[expect(
    clippy::cast_possible_truncation,
    reason = "a point between two f32 points"
)]
fn proper_crossing(p1: Point, q1: Point, p2: Point, q2: Point) -> Option<Point> {
    let cross = |o: Point, a: Point, b: Point| {
        f64::from(a.x - o.x) * f64::from(b.y - o.y) - f64::from(a.y - o.y) * f64::from(b.x - o.x)
    };
    let (d1, d2) = (cross(p1, q1, p2), cross(p1, q1, q2));
    let (d3, d4) = (cross(p2, q2, p1), cross(p2, q2, q1));
    let opposite = |a: f64, b: f64| (a > 0.0 && b < 0.0) || (a < 0.0 && b > 0.0);
    if !(opposite(d1, d2) && opposite(d3, d4)) {
        return None;
    }
    let t = d3 / (d3 - d4);
    Some(Point {
        x: p1.x + (t * f64::from(q1.x - p1.x)) as f32,
        y: p1.y + (t * f64::from(q1.y - p1.y)) as f32,
    })
}

/// The points of the cubic Bézier curve from `a` to `b` with controls `c1`, `c2`, at `steps`
/// even steps of its parameter, `a` left out (it ends the stretch before).
pub fn flatten_cubic(a: Point, c1: Point, c2: Point, b: Point, steps: usize, out: &mut Vec<Point>) {
    let steps = steps.max(1);
    for k in 1..=steps {
        let t = k as f32 / steps as f32;
        let u = 1.0 - t;
        let (w0, w1, w2, w3) = (u * u * u, 3.0 * u * u * t, 3.0 * u * t * t, t * t * t);
        out.push(Point {
            x: w0 * a.x + w1 * c1.x + w2 * c2.x + w3 * b.x,
            y: w0 * a.y + w1 * c1.y + w2 * c2.y + w3 * b.y,
        });
    }
}

//! The edges' routes: each is the shortest line from its prerequisite's box to its dependent's
//! that passes every layer on its way in its own lane, so that it bends only where a box or
//! another edge's lane is in the way, and its crossings stay the ones the ordering chose.
//!
//! Each item of a layer (a box, or the dummy of a long edge) owns a lane across the layers:
//! the stretch between its neighbours in the layer's order, cut where the two meet. A route
//! crosses each layer it passes within its dummy's lane, from a line a little before the layer
//! to one a little after it, and leaves its prerequisite and enters its dependent through the
//! lanes of their boxes. No box lies in another item's lane, so no route runs through a box;
//! lanes of neighbours do not overlap, so two routes swap sides only in the open space between
//! two layers, where the ordering counted their crossing.

use super::ordering::Order;
use super::proper::Proper;

/// Share of the space between two neighbours of a layer that an edge's lane may take from the
/// side of a box: routes from a box's neighbours keep the rest clear of it.
const BOX_SIDE: f32 = 0.25;
/// Share a lane may take from the side of a long edge passing the layer.
const EDGE_SIDE: f32 = 1.0 / 3.0;

/// A line across the layers at `main` that a route must cross between `lo` and `hi`.
#[derive(Debug, Clone, Copy)]
pub(super) struct Portal {
    pub(super) main: f32,
    pub(super) lo: f32,
    pub(super) hi: f32,
}

/// Each item's lane across the layers, as (low end, high end); the first and last item of a
/// layer have open ends.
pub(super) fn lanes(g: &Proper, order: &Order, centre: &[f32]) -> Vec<(f32, f32)> {
    let mut lane = vec![(f32::NEG_INFINITY, f32::INFINITY); g.layer.len()];
    let side = |v: usize| {
        if g.is_dummy(v) { EDGE_SIDE } else { BOX_SIDE }
    };
    for layer in &order.layers {
        for pair in layer.windows(2) {
            let (u, w) = (pair[0], pair[1]);
            let u_end = centre[u] + g.thickness[u] / 2.0;
            let w_start = centre[w] - g.thickness[w] / 2.0;
            let space = (w_start - u_end).max(0.0);
            lane[u].1 = u_end + space * side(u);
            lane[w].0 = w_start - space * side(w);
        }
    }
    lane
}

/// The shortest line from `start` to `end`, given as (main, cross) points, through every
/// portal in turn; the portals must lie between the two along the main axis, in order. Writes
/// the line's points to `out`: `start`, each point where it bends, and `end`.
pub(super) fn pull(
    start: (f32, f32),
    portals: &[Portal],
    end: (f32, f32),
    out: &mut Vec<(f32, f32)>,
) {
    // Portals too close to the point the line last bent at to steer it are passed over.
    const CLOSE: f32 = 1e-3;
    out.push(start);
    let mut apex = start;
    let mut next = 0;
    loop {
        // The slopes from the apex that still reach every portal so far, and the portal ends
        // that bound them: where the line bends if a later portal lies beyond them.
        let (mut low, mut high) = (f32::NEG_INFINITY, f32::INFINITY);
        let mut low_at = (next, apex);
        let mut high_at = (next, apex);
        let mut bend = None;
        for k in next..=portals.len() {
            let p = portals.get(k).copied().unwrap_or(Portal {
                main: end.0,
                lo: end.1,
                hi: end.1,
            });
            let run = p.main - apex.0;
            if run <= CLOSE {
                continue;
            }
            let (to_lo, to_hi) = ((p.lo - apex.1) / run, (p.hi - apex.1) / run);
            if to_lo > high {
                bend = Some(high_at);
                break;
            }
            if to_hi < low {
                bend = Some(low_at);
                break;
            }
            // The furthest of equal bounds: the line bends once at the end of a straight run.
            if to_lo >= low {
                low = to_lo;
                low_at = (k, (p.main, p.lo));
            }
            if to_hi <= high {
                high = to_hi;
                high_at = (k, (p.main, p.hi));
            }
        }
        let Some((k, point)) = bend else {
            out.push(end);
            return;
        };
        out.push(point);
        apex = point;
        next = k + 1;
    }
}

#[cfg(test)]
mod tests {
    use super::{Portal, pull};

    fn line(start: (f32, f32), portals: &[(f32, f32, f32)], end: (f32, f32)) -> Vec<(f32, f32)> {
        let portals: Vec<Portal> = portals
            .iter()
            .map(|&(main, lo, hi)| Portal { main, lo, hi })
            .collect();
        let mut out = Vec::new();
        pull(start, &portals, end, &mut out);
        out
    }

    #[test]
    fn open_portals_leave_the_line_straight() {
        let out = line(
            (0.0, 0.0),
            &[(1.0, -5.0, 5.0), (2.0, -5.0, 5.0)],
            (3.0, 3.0),
        );
        assert_eq!(out, vec![(0.0, 0.0), (3.0, 3.0)]);
    }

    #[test]
    fn the_line_bends_round_the_end_of_a_portal_in_its_way() {
        // Straight on, the line would cross the middle portal at 5; it may not pass above 1.
        let out = line(
            (0.0, 0.0),
            &[(1.0, -9.0, 9.0), (2.0, -9.0, 1.0), (3.0, -9.0, 9.0)],
            (4.0, 10.0),
        );
        assert_eq!(out, vec![(0.0, 0.0), (2.0, 1.0), (4.0, 10.0)]);
        let out = line((0.0, 0.0), &[(2.0, 1.0, 9.0)], (4.0, -10.0));
        assert_eq!(out, vec![(0.0, 0.0), (2.0, 1.0), (4.0, -10.0)]);
    }

    #[test]
    fn a_narrow_lane_bends_the_line_at_both_ends() {
        // A lane from 4 to 5 across three portals, from 0 to 0: in at 4, out at 4.
        let out = line(
            (0.0, 0.0),
            &[(1.0, 4.0, 5.0), (2.0, 4.0, 5.0), (3.0, 4.0, 5.0)],
            (4.0, 0.0),
        );
        assert_eq!(out, vec![(0.0, 0.0), (1.0, 4.0), (3.0, 4.0), (4.0, 0.0)]);
    }
}

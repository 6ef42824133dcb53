//! Refinement of an ordering, after Gansner et al.'s `dot`: rounds of median sorting, each
//! followed by swapping neighbours over the whole drawing until no swap removes a crossing.
//! Those swaps also take a swap that changes nothing, so the order walks along a plateau of
//! equal counts instead of stopping at its edge; that walk finds most of what the refinement
//! gains. The best order seen is kept, so the result is never worse than the start.

use super::ordering::{Order, Scratch, count_crossings, median_key};
use super::proper::Proper;

/// Most rounds of one refinement, each a median sort one way and the swaps.
const ROUNDS: usize = 60;
/// Rounds without a gain of at least [`GAIN`] after which a refinement stops.
const PATIENCE: usize = 20;
/// The share of crossings a round must remove to count as a gain, in thousandths.
const GAIN: usize = 5;
/// Work allowed for refinement, in pairs of neighbours compared: about twenty rounds at a
/// thousand topics, shared among the starts of a small drawing. Counted, not timed, to stay
/// deterministic.
pub(super) const BUDGET: usize = 2_000_000;
/// A drawing refines only if the budget pays for this many rounds; a round costs about ten
/// comparisons per node and link, and far more in the widest drawings, so ten thousand topics
/// skip it and keep within their second.
const FEWEST_ROUNDS: usize = 4;

/// Refines `order`, whose crossings are `count`, within `budget` comparisons. Returns the
/// crossings of the best order seen and whether it is better than the start.
pub(super) fn refine(
    g: &Proper,
    order: &mut Order,
    count: usize,
    budget: usize,
    scratch: &mut Scratch,
) -> (usize, bool) {
    let round_cost = 10 * (g.layer.len() + g.links.len());
    if count == 0 || g.layer_count < 2 || round_cost * FEWEST_ROUNDS > budget {
        return (count, false);
    }
    let mut best = (count, order.layers.clone());
    let mut work = 0;
    let mut quiet = 0;
    let mut candidate = vec![true; g.layer_count];
    for round in 0..ROUNDS {
        if quiet >= PATIENCE || work >= budget {
            break;
        }
        quiet += 1;
        if round % 2 == 0 {
            for l in 1..g.layer_count {
                sort_by_medians(g, order, l, true, scratch);
            }
        } else {
            for l in (0..g.layer_count - 1).rev() {
                sort_by_medians(g, order, l, false, scratch);
            }
        }
        work += g.layer.len();
        work += transpose(g, order, &mut candidate, budget.saturating_sub(work));
        let now = count_crossings(g, order, scratch);
        if now <= best.0 {
            if now * 1000 < best.0 * (1000 - GAIN) {
                quiet = 0;
            }
            best.0 = now;
            best.1.clone_from(&order.layers);
        }
    }
    let improved = best.0 < count;
    *order = Order::from_layers(best.1, g.layer.len());
    (best.0, improved)
}

/// Sorts layer `l` by the median position of each node's neighbours in the layer above
/// (`from_above`) or below; a node with none there keeps its place, and the others fill the
/// remaining places in the order of their medians, ties in their current order.
fn sort_by_medians(
    g: &Proper,
    order: &mut Order,
    l: usize,
    from_above: bool,
    scratch: &mut Scratch,
) {
    let Scratch {
        keyed,
        sequence,
        local,
        ..
    } = scratch;
    keyed.clear();
    local.clear();
    for (i, &v) in order.layers[l].iter().enumerate() {
        if let Some(key) = median_key(g, order, v, from_above, false, sequence) {
            keyed.push((key, i));
            local.push(i);
        }
    }
    if keyed.len() < 2 {
        return;
    }
    keyed.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    // `local` holds the places of the nodes that move, in order; they take them by median.
    let old: Vec<usize> = keyed.iter().map(|&(_, i)| order.layers[l][i]).collect();
    for (&at, v) in local.iter().zip(old) {
        order.layers[l][at] = v;
        order.pos[v] = at;
    }
}

/// Swaps neighbours in every layer, over and over, while a pass over the layers still removes
/// crossings, swapping too where a swap changes nothing (but for two nodes that cross nothing,
/// which would only trade places for ever). Only layers next to a change are looked at again.
/// Stops after about `budget` comparisons; returns the comparisons made.
fn transpose(g: &Proper, order: &mut Order, candidate: &mut [bool], budget: usize) -> usize {
    candidate.fill(true);
    let mut work = 0;
    loop {
        let mut removed = 0;
        for l in 0..g.layer_count {
            if !candidate[l] {
                continue;
            }
            candidate[l] = false;
            let len = order.layers[l].len();
            work += len;
            for i in 1..len {
                let (v, w) = (order.layers[l][i - 1], order.layers[l][i]);
                let (before, after) = pair_crossings(g, order, v, w);
                if after < before || (after == before && before > 0) {
                    order.layers[l].swap(i - 1, i);
                    order.pos[v] = i;
                    order.pos[w] = i - 1;
                    removed += before - after;
                    candidate[l] = true;
                    if l > 0 {
                        candidate[l - 1] = true;
                    }
                    if l + 1 < g.layer_count {
                        candidate[l + 1] = true;
                    }
                }
            }
        }
        if removed == 0 || work >= budget {
            return work;
        }
    }
}

/// Crossings between the links of `v` and those of `w`, its right neighbour, with both layers
/// next to theirs: as they stand, and with the two swapped. Links that share an end do not
/// cross.
fn pair_crossings(g: &Proper, order: &Order, v: usize, w: usize) -> (usize, usize) {
    let (mut as_is, mut swapped) = (0, 0);
    let mut tally = |p: usize, q: usize| {
        if p > q {
            as_is += 1;
        } else if p < q {
            swapped += 1;
        }
    };
    for &e in g.up.of(v) {
        let p = order.pos[g.links[e].0];
        for &f in g.up.of(w) {
            tally(p, order.pos[g.links[f].0]);
        }
    }
    for &e in g.down.of(v) {
        let p = order.pos[g.links[e].1];
        for &f in g.down.of(w) {
            tally(p, order.pos[g.links[f].1]);
        }
    }
    (as_is, swapped)
}

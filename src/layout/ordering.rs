//! Crossing reduction: the order of the nodes within each layer, found by median sweeps,
//! sifting and neighbour swaps, and the counting of crossings those steps steer by.

use super::generate;
use super::proper::Proper;
use super::refine;

/// The order of the nodes in each layer, and each node's position in its layer.
pub(super) struct Order {
    pub(super) layers: Vec<Vec<usize>>,
    pub(super) pos: Vec<usize>,
}

impl Order {
    pub(super) fn from_layers(layers: Vec<Vec<usize>>, nodes: usize) -> Self {
        let mut pos = vec![0; nodes];
        for layer in &layers {
            for (i, &v) in layer.iter().enumerate() {
                pos[v] = i;
            }
        }
        Self { layers, pos }
    }
}

/// Rounds without a better ordering after which the search gives up.
const PATIENCE: usize = 3;
/// Cap on passes of neighbour swapping when polishing the final order; each pass is linear, and
/// later passes rarely find anything.
const SWAP_PASSES: usize = 4;
/// Work allowed for the sweeps, in nodes and links visited. That is every round for graphs of
/// thousands of nodes, while a graph whose long edges make a million dummies still gets a few
/// sweeps and finishes in bounded time. Work is counted, not timed, to stay deterministic.
const SWEEP_BUDGET: usize = 8_000_000;
/// Work allowed for sifting, in pairs of nodes compared, over all rounds. Sifting costs the
/// square of a layer's width, so it polishes small drawings and skips huge ones.
const SIFT_BUDGET: usize = 8_000_000;
/// Rounds of sifting over all the layers; they stop early once a round removes nothing. A third
/// round removes about a thousandth of the crossings at 1,000 topics and costs a fifth of the
/// time.
const SIFT_ROUNDS: usize = 2;
/// Widest layer that sifting works on: its table holds the square of the width.
const SIFT_MAX_WIDTH: usize = 1_024;
/// Passes of sifting over one layer while its neighbours stand still.
const SIFT_PASSES: usize = 2;
/// Work allowed for trying other starts, in nodes and links per start: small drawings, cheap to
/// order, are ordered from several starts and keep the best, bigger ones from one or two (see
/// [`SECOND_START_BUDGET`]).
const STARTS_BUDGET: usize = 2_000;
/// Most starts tried.
const STARTS: usize = 4;
/// Work allowed for a second start of a drawing too big for [`STARTS_BUDGET`], which tries it
/// only with neighbour swaps: about a thousand topics get it.
const SECOND_START_BUDGET: usize = 25_000;

/// Orders each layer to make few crossings: depth-first to start, then median sweeps down and
/// up, each layer's neighbours swapped right after it is sorted, keeping the best order seen,
/// which sifting and neighbour swaps then polish, and [`refine`] then walks on from (sifting
/// once more what it finds). Every step after the first order keeps the best so far, so the
/// result never has more crossings than the depth-first order. Small drawings repeat this from
/// a few different starts and keep the best; drawings of about a thousand topics from two.
pub(super) fn order_layers(g: &Proper, rounds: usize) -> Order {
    if rounds == 0 || g.layer_count < 2 {
        return Order::from_layers(initial_order(g, None), g.layer.len());
    }
    let mut scratch = Scratch::default();
    let size = (g.layer.len() + g.links.len()).max(1);
    let starts = (STARTS_BUDGET / size).clamp(1, STARTS);
    let mut best: Option<(usize, Order)> = None;
    // The first start follows the input order depth-first and sweeps by medians. Others
    // alternate medians and means (neither wins everywhere) and follow sources and links in an
    // order shuffled from a fixed seed, so the result stays the same on every run.
    let mut rng = generate::XorShift::new(0);
    // Every start sweeps with neighbour swaps after each layer; a drawing small enough for
    // several starts also tries each start without them, since neither wins everywhere.
    let both = starts > 1;
    let tries = if both {
        2 * starts
    } else {
        (SECOND_START_BUDGET / size).clamp(1, 2)
    };
    for attempt in 0..tries {
        let (start, transpose) = if both {
            (attempt / 2, attempt % 2 == 0)
        } else {
            (attempt, true)
        };
        let mean = start % 2 == 1;
        let shuffle = if start < 2 { None } else { Some(&mut rng) };
        let first = initial_order(g, shuffle);
        let how = Sweep { mean, transpose };
        let (mut count, mut order) = order_from(g, rounds, first, how, &mut scratch);
        // Small drawings share the refinement's budget among their tries.
        let budget = if both {
            refine::BUDGET / tries
        } else {
            refine::BUDGET
        };
        if let (refined, true) = refine::refine(g, &mut order, count, budget, &mut scratch) {
            count = polish(g, &mut order, refined, &mut scratch);
        }
        if best.as_ref().is_none_or(|(c, _)| count < *c) {
            best = Some((count, order));
        }
        if count == 0 {
            break;
        }
    }
    best.map_or_else(
        || Order::from_layers(initial_order(g, None), g.layer.len()),
        |(_, order)| order,
    )
}

/// How a search sweeps.
#[derive(Clone, Copy)]
struct Sweep {
    /// Sort by the mean of the neighbours' positions instead of their median.
    mean: bool,
    /// Swap neighbours in each layer right after sorting it, before the next layer follows.
    transpose: bool,
}

/// One search from the order `first`, sweeping as `how` says. Returns its crossings and the
/// order.
fn order_from(
    g: &Proper,
    rounds: usize,
    first: Vec<Vec<usize>>,
    how: Sweep,
    scratch: &mut Scratch,
) -> (usize, Order) {
    let Sweep { mean, transpose } = how;
    let mut order = Order::from_layers(first, g.layer.len());
    let mut best_count = count_crossings(g, &order, scratch);
    let mut best = order.layers.clone();
    let sweep_cost = g.layer.len() + g.links.len();
    let sweeps = (2 * rounds).min((SWEEP_BUDGET / sweep_cost).max(2));
    let mut stale = 0;
    for sweep in 0..sweeps {
        if best_count == 0 {
            break;
        }
        if sweep % 2 == 0 {
            for l in 1..g.layer_count {
                reorder(g, &mut order, l, true, mean, scratch);
                if transpose {
                    swap_in_layer(g, &mut order, l, scratch);
                }
            }
        } else {
            for l in (0..g.layer_count - 1).rev() {
                reorder(g, &mut order, l, false, mean, scratch);
                if transpose {
                    swap_in_layer(g, &mut order, l, scratch);
                }
            }
        }
        swap_neighbours(g, &mut order, 1, scratch);
        let count = count_crossings(g, &order, scratch);
        if count < best_count {
            best_count = count;
            best.clone_from(&order.layers);
            stale = 0;
        } else {
            stale += 1;
            if stale >= 2 * PATIENCE {
                break;
            }
        }
    }
    let mut order = Order::from_layers(best, g.layer.len());
    let best_count = polish(g, &mut order, best_count, scratch);
    (best_count, order)
}

/// Sifting, then neighbour swaps, on an order whose crossings are `count`; returns the
/// crossings after. Neither ever adds any.
fn polish(g: &Proper, order: &mut Order, count: usize, scratch: &mut Scratch) -> usize {
    let mut best_count = count;
    let sift_cost: usize = order
        .layers
        .iter()
        .map(Vec::len)
        .filter(|&len| len <= SIFT_MAX_WIDTH)
        .map(|len| len * len)
        .sum();
    let sift_rounds = (SIFT_BUDGET / sift_cost.max(1)).min(SIFT_ROUNDS);
    for round in 0..sift_rounds {
        if best_count == 0 {
            break;
        }
        let mut removed = 0;
        for step in 0..g.layer_count {
            // Alternate the direction, so that what one layer settles on reaches the others.
            let l = if round % 2 == 0 {
                step
            } else {
                g.layer_count - 1 - step
            };
            removed += sift_layer(g, order, l, SIFT_PASSES, None, scratch);
        }
        best_count -= removed;
        if removed == 0 {
            break;
        }
    }
    if best_count > 0 {
        swap_neighbours(g, order, SWAP_PASSES, scratch);
        best_count = count_crossings(g, order, scratch);
    }
    best_count
}

/// Buffers reused across layers so the sweeps do not allocate per layer.
#[derive(Default)]
pub(super) struct Scratch {
    pub(super) sequence: Vec<usize>,
    tree: Vec<usize>,
    pub(super) keyed: Vec<(f32, usize)>,
    above: Vec<usize>,
    above_start: Vec<usize>,
    below: Vec<usize>,
    below_start: Vec<usize>,
    pub(super) local: Vec<usize>,
    table: Vec<usize>,
}

/// A deterministic first order: depth-first from the sources in input order, following each
/// node's links in input order, so that what one node unlocks starts out together. With a
/// `shuffle`, sources and links are taken in an order drawn from it instead.
fn initial_order(g: &Proper, mut shuffle: Option<&mut generate::XorShift>) -> Vec<Vec<usize>> {
    let count = g.layer.len();
    let mut layers = vec![Vec::new(); g.layer_count];
    let mut seen = vec![false; count];
    let mut stack = Vec::new();
    // Dummies always have a link upwards, so in a DAG every node is reached from some source;
    // taking the rest in index order only guards against that ever failing.
    let mut sources: Vec<usize> = (0..g.real).filter(|&v| g.up.of(v).is_empty()).collect();
    if let Some(rng) = shuffle.as_deref_mut() {
        shuffle_with(&mut sources, rng);
    }
    for source in sources.into_iter().chain(0..count) {
        stack.push(source);
        while let Some(v) = stack.pop() {
            if seen[v] {
                continue;
            }
            seen[v] = true;
            layers[g.layer[v]].push(v);
            // The link to follow first goes on the stack last.
            let from = stack.len();
            stack.extend(
                g.down
                    .of(v)
                    .iter()
                    .map(|&e| g.links[e].1)
                    .filter(|&w| !seen[w]),
            );
            stack[from..].reverse();
            if let Some(rng) = shuffle.as_deref_mut() {
                shuffle_with(&mut stack[from..], rng);
            }
        }
    }
    layers
}

/// Fisher–Yates, from a seeded generator.
fn shuffle_with(items: &mut [usize], rng: &mut generate::XorShift) {
    for i in (1..items.len()).rev() {
        items.swap(i, rng.below(i + 1));
    }
}

/// Crossings of the whole ordering: the sum over adjacent layer pairs.
pub(super) fn count_crossings(g: &Proper, order: &Order, scratch: &mut Scratch) -> usize {
    (1..g.layer_count)
        .map(|l| {
            scratch.sequence.clear();
            for &u in &order.layers[l - 1] {
                let from = scratch.sequence.len();
                scratch
                    .sequence
                    .extend(g.down.of(u).iter().map(|&e| order.pos[g.links[e].1]));
                scratch.sequence[from..].sort_unstable();
            }
            accumulate(&scratch.sequence, order.layers[l].len(), &mut scratch.tree)
        })
        .sum()
}

/// Sorts layer `l` by the median (or with `mean`, the mean) position of each node's neighbours
/// in the layer above (`from_above`) or below. A node with no neighbour there follows its neighbours on the other
/// side instead, and a node with none at all keeps its relative place: that is why keys are
/// fractions of the neighbouring layer's width, so keys from different layers compare.
fn reorder(
    g: &Proper,
    order: &mut Order,
    l: usize,
    from_above: bool,
    mean: bool,
    scratch: &mut Scratch,
) {
    let Scratch {
        keyed, sequence, ..
    } = scratch;
    let len = order.layers[l].len();
    keyed.clear();
    for (i, &v) in order.layers[l].iter().enumerate() {
        let key = median_key(g, order, v, from_above, mean, sequence)
            .or_else(|| median_key(g, order, v, !from_above, mean, sequence))
            .unwrap_or((i as f32 + 0.5) / len as f32);
        keyed.push((key, i));
    }
    // Ties keep their current order, which makes the sweep stable and deterministic.
    keyed.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    let reordered: Vec<usize> = keyed.iter().map(|&(_, i)| order.layers[l][i]).collect();
    for (i, &v) in reordered.iter().enumerate() {
        order.pos[v] = i;
    }
    order.layers[l] = reordered;
}

/// The median position of a node's neighbours in the layer above or below, as a fraction of
/// that layer's width. With an even count it leans towards the side whose neighbours are packed
/// closer (Gansner et al.), which keeps tight groups together.
pub(super) fn median_key(
    g: &Proper,
    order: &Order,
    v: usize,
    above: bool,
    mean: bool,
    positions: &mut Vec<usize>,
) -> Option<f32> {
    let links = if above { g.up.of(v) } else { g.down.of(v) };
    let far_end = |e: usize| {
        let (upper, lower) = g.links[e];
        if above { upper } else { lower }
    };
    let &first = links.first()?;
    let width = order.layers[g.layer[far_end(first)]].len() as f32;
    positions.clear();
    positions.extend(links.iter().map(|&e| order.pos[far_end(e)]));
    positions.sort_unstable();
    let d = positions.len();
    let m = d / 2;
    let median = if mean {
        positions.iter().sum::<usize>() as f32 / d as f32
    } else if d % 2 == 1 {
        positions[m] as f32
    } else {
        let (lo, hi) = (positions[m - 1] as f32, positions[m] as f32);
        let left = lo - positions[0] as f32;
        let right = positions[d - 1] as f32 - hi;
        if left + right > 0.0 {
            (lo * right + hi * left) / (left + right)
        } else {
            f32::midpoint(lo, hi)
        }
    };
    Some((median + 0.5) / width)
}

/// Fills the scratch lists with the sorted positions of the neighbours, above and below, of
/// each node of layer `l`, by the node's current index; the neighbouring layers do not move
/// while this one is worked on.
fn collect_ends(g: &Proper, order: &Order, l: usize, scratch: &mut Scratch) {
    let Scratch {
        above,
        above_start,
        below,
        below_start,
        ..
    } = scratch;
    above.clear();
    below.clear();
    above_start.clear();
    below_start.clear();
    for &v in &order.layers[l] {
        above_start.push(above.len());
        let from = above.len();
        above.extend(g.up.of(v).iter().map(|&e| order.pos[g.links[e].0]));
        above[from..].sort_unstable();
        below_start.push(below.len());
        let from = below.len();
        below.extend(g.down.of(v).iter().map(|&e| order.pos[g.links[e].1]));
        below[from..].sort_unstable();
    }
    above_start.push(above.len());
    below_start.push(below.len());
}

/// Crossings between the links of the nodes at start indices `a` and `b` of the layer whose
/// ends are collected, if `a` stands left of `b`.
fn crossings_between(scratch: &Scratch, a: usize, b: usize) -> usize {
    let above = |k: usize| &scratch.above[scratch.above_start[k]..scratch.above_start[k + 1]];
    let below = |k: usize| &scratch.below[scratch.below_start[k]..scratch.below_start[k + 1]];
    pair_crossings(above(a), above(b)) + pair_crossings(below(a), below(b))
}

/// Writes layer `l` back in the order given as start indices.
fn apply_local(order: &mut Order, l: usize, local: &[usize]) {
    let reordered: Vec<usize> = local.iter().map(|&k| order.layers[l][k]).collect();
    for (i, &v) in reordered.iter().enumerate() {
        order.pos[v] = i;
    }
    order.layers[l] = reordered;
}

/// Swaps adjacent nodes wherever that alone removes crossings with both neighbouring layers,
/// for up to `passes` passes over the layers. Never adds crossings.
fn swap_neighbours(g: &Proper, order: &mut Order, passes: usize, scratch: &mut Scratch) {
    for _ in 0..passes {
        let mut swapped = false;
        for l in 0..g.layer_count {
            swapped |= swap_in_layer(g, order, l, scratch);
        }
        if !swapped {
            break;
        }
    }
}

fn swap_in_layer(g: &Proper, order: &mut Order, l: usize, scratch: &mut Scratch) -> bool {
    let len = order.layers[l].len();
    if len < 2 {
        return false;
    }
    collect_ends(g, order, l, scratch);
    let mut local = std::mem::take(&mut scratch.local);
    local.clear();
    local.extend(0..len);
    let mut any = false;
    for _ in 0..SWAP_PASSES {
        let mut swapped = false;
        for i in 0..len - 1 {
            let (a, b) = (local[i], local[i + 1]);
            if crossings_between(scratch, b, a) < crossings_between(scratch, a, b) {
                local.swap(i, i + 1);
                swapped = true;
            }
        }
        any |= swapped;
        if !swapped {
            break;
        }
    }
    if any {
        apply_local(order, l, &local);
    }
    scratch.local = local;
    any
}

/// Sifting: takes each node of layer `l` out in turn, most links first, and puts it back where
/// it crosses least, staying put on a tie; repeats over the layer up to `passes` times or until
/// nothing moves. Only the moved node's crossings change, so this never adds any. The crossings
/// of every pair of nodes, either way round, are counted once into a table first, since the
/// neighbouring layers stand still meanwhile. Returns the crossings removed.
fn sift_layer(
    g: &Proper,
    order: &mut Order,
    l: usize,
    passes: usize,
    movable: Option<&[bool]>,
    scratch: &mut Scratch,
) -> usize {
    let len = order.layers[l].len();
    if !(2..=SIFT_MAX_WIDTH).contains(&len) {
        return 0;
    }
    collect_ends(g, order, l, scratch);
    let mut table = std::mem::take(&mut scratch.table);
    table.clear();
    table.resize(len * len, 0);
    {
        let above = |k: usize| &scratch.above[scratch.above_start[k]..scratch.above_start[k + 1]];
        let below = |k: usize| &scratch.below[scratch.below_start[k]..scratch.below_start[k + 1]];
        for a in 0..len {
            for b in a + 1..len {
                let (up_ab, up_ba) = pair_crossings_both(above(a), above(b));
                let (down_ab, down_ba) = pair_crossings_both(below(a), below(b));
                table[a * len + b] = up_ab + down_ab;
                table[b * len + a] = up_ba + down_ba;
            }
        }
    }
    // Most links first: they have the most crossings to lose, and the rest then fit round them.
    let mut sequence = std::mem::take(&mut scratch.sequence);
    sequence.clear();
    sequence.extend((0..len).filter(|&k| movable.is_none_or(|m| m[order.layers[l][k]])));
    let degree = |k: usize| {
        scratch.above_start[k + 1] - scratch.above_start[k] + scratch.below_start[k + 1]
            - scratch.below_start[k]
    };
    sequence.sort_by_key(|&k| (std::cmp::Reverse(degree(k)), k));
    let mut local = std::mem::take(&mut scratch.local);
    local.clear();
    local.extend(0..len);
    let mut removed = 0;
    for _ in 0..passes {
        let mut moved = false;
        for &k in &sequence {
            let Some(at) = local.iter().position(|&x| x == k) else {
                continue;
            };
            local.remove(at);
            let row = &table[k * len..(k + 1) * len];
            // Cost of k at the start, then moving k past the next node trades k-left-of-it
            // for k-right-of-it.
            let mut cost: usize = local.iter().map(|&w| row[w]).sum();
            let mut best = (cost, 0);
            let mut cost_at = cost;
            for (j, &w) in local.iter().enumerate() {
                cost = cost - row[w] + table[w * len + k];
                if j + 1 == at {
                    cost_at = cost;
                }
                if cost < best.0 {
                    best = (cost, j + 1);
                }
            }
            let to = if cost_at <= best.0 { at } else { best.1 };
            if to != at {
                moved = true;
                removed += cost_at - best.0;
            }
            local.insert(to, k);
        }
        if !moved {
            break;
        }
    }
    if removed > 0 {
        apply_local(order, l, &local);
    }
    scratch.local = local;
    scratch.sequence = sequence;
    scratch.table = table;
    removed
}

/// Sifts only the nodes of layer `l` that are `movable`: the others keep their order.
pub(super) fn sift_free(
    g: &Proper,
    order: &mut Order,
    l: usize,
    movable: &[bool],
    scratch: &mut Scratch,
) -> usize {
    sift_layer(g, order, l, SIFT_PASSES, Some(movable), scratch)
}

/// Crossings between the links of two nodes of one layer, given the sorted positions of their
/// other ends, first with `a` left of `b`, then with `b` left of `a`. Links that share an end
/// do not cross, which is why the two need not add up to every pair.
fn pair_crossings_both(a: &[usize], b: &[usize]) -> (usize, usize) {
    let mut a_left = 0;
    let mut shared = 0;
    let (mut smaller, mut not_larger) = (0, 0);
    for &p in a {
        while smaller < b.len() && b[smaller] < p {
            smaller += 1;
        }
        not_larger = not_larger.max(smaller);
        while not_larger < b.len() && b[not_larger] <= p {
            not_larger += 1;
        }
        a_left += smaller;
        shared += not_larger - smaller;
    }
    (a_left, a.len() * b.len() - a_left - shared)
}

/// Crossings between the links of a node and those of the node right of it, given the sorted
/// positions of their other ends: pairs where the left node's end lies right of the other's.
fn pair_crossings(left: &[usize], right: &[usize]) -> usize {
    let mut count = 0;
    let mut smaller = 0;
    for &p in left {
        while smaller < right.len() && right[smaller] < p {
            smaller += 1;
        }
        count += smaller;
    }
    count
}

/// Counts, over a sequence of positions, the pairs where a later one is strictly smaller than
/// an earlier one: the Barth–Jünger–Mutzel accumulator tree. `size` bounds the positions.
pub(super) fn accumulate(sequence: &[usize], size: usize, tree: &mut Vec<usize>) -> usize {
    let leaves = size.next_power_of_two();
    tree.clear();
    tree.resize(2 * leaves, 0);
    let mut count = 0;
    for &q in sequence {
        let mut i = leaves + q;
        tree[i] += 1;
        while i > 1 {
            // A left child's sibling holds the larger positions already seen.
            if i.is_multiple_of(2) {
                count += tree[i + 1];
            }
            i /= 2;
            tree[i] += 1;
        }
    }
    count
}

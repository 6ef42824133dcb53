//! How well a drawing stays in place under an edit: for each topic of a roadmap, the roadmap
//! is laid out without it, then again with it (and its links) from that drawing by
//! [`layout::relayout`], and [`layout::kept_in_place`] measures the share of the other topics
//! that kept their layer and their order among their layer's neighbours; the same for each
//! link.

use std::io::{self, Write};

use super::Case;
use crate::layout::{self, Previous, Settings, generate};

/// Largest roadmap measured: it takes one layout and one relayout per topic.
const MAX_TOPICS: usize = 200;

/// The mean and the least share of topics kept in place, over every topic added back.
#[must_use]
pub fn stability(dag: &generate::Dag, settings: &Settings) -> (f64, f64) {
    let n = dag.sizes.len();
    let mut total = 0.0;
    let mut least = 1.0f64;
    for topic in 0..n {
        let (smaller, was) = dag.without(topic);
        let before = layout::layout(&smaller.input(), settings);
        let previous = Previous {
            layout: &before,
            was: &was,
        };
        let after = layout::relayout(&dag.input(), settings, &previous);
        let kept = layout::kept_in_place(&before, &after, &was, settings.direction);
        total += kept;
        least = least.min(kept);
    }
    (total / n.max(1) as f64, least)
}

/// The same as [`stability`] for each link taken out and added back: the mean and the least
/// share of topics kept in place.
#[must_use]
pub fn link_stability(dag: &generate::Dag, settings: &Settings) -> (f64, f64) {
    let same: Vec<Option<usize>> = (0..dag.sizes.len()).map(Some).collect();
    let mut total = 0.0;
    let mut least = 1.0f64;
    for link in 0..dag.edges.len() {
        let mut smaller = dag.clone();
        smaller.edges.remove(link);
        let before = layout::layout(&smaller.input(), settings);
        let previous = Previous {
            layout: &before,
            was: &same,
        };
        let after = layout::relayout(&dag.input(), settings, &previous);
        let kept = layout::kept_in_place(&before, &after, &same, settings.direction);
        total += kept;
        least = least.min(kept);
    }
    (total / dag.edges.len().max(1) as f64, least)
}

/// Writes the table of stability for the sizes up to [`MAX_TOPICS`].
pub(super) fn table(sizes: &[usize], seed: u64, out: &mut impl Write) -> io::Result<()> {
    writeln!(
        out,
        "| graph | topics | topic added: kept, mean | least | link added: kept, mean | least |"
    )?;
    writeln!(out, "| --- | ---: | ---: | ---: | ---: | ---: |")?;
    for &n in sizes.iter().filter(|&&n| n <= MAX_TOPICS) {
        let case = Case::new(n, seed)?;
        let settings = Settings::default();
        let (mean, least) = stability(&case.dag, &settings);
        let (link_mean, link_least) = link_stability(&case.dag, &settings);
        writeln!(
            out,
            "| {} | {} | {:.1}% | {:.1}% | {:.1}% | {:.1}% |",
            if case.bundled { "bundled" } else { "generated" },
            case.topics(),
            mean * 100.0,
            least * 100.0,
            link_mean * 100.0,
            link_least * 100.0
        )?;
        out.flush()?;
    }
    Ok(())
}

//! Search over titles, tags and summaries that forgives typos: every word of the query has to
//! match a word of the topic exactly, as a prefix, inside a word, or within a few typing
//! mistakes (Damerau–Levenshtein: a swap of two letters counts as one). Titles weigh most, then
//! tags, then summaries.

use super::loaded::LoadedRoadmap;

/// Weight of a match in each field.
const TITLE: f32 = 1.0;
const TAG: f32 = 0.9;
const SUMMARY: f32 = 0.55;
/// Added when the whole query appears as written in the title.
const WHOLE_TITLE_BONUS: f32 = 0.3;
/// Added in proportion to the share of the title's words the query matches, so that of two
/// titles matching alike the one the query says more of comes first ("fine tuning" finds
/// "Fine-tuning" before "Choosing continued pre-training or fine-tuning").
const TITLE_COVERAGE: f32 = 0.1;

/// A topic that matches the query.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Hit {
    /// Index of the topic.
    pub topic: usize,
    /// How well it matches: higher is better; an exact title word scores 1.
    pub score: f32,
}

/// The topics matching `query`, best first (ties in topological order). An empty query
/// matches nothing.
#[must_use]
pub fn search(loaded: &LoadedRoadmap, query: &str) -> Vec<Hit> {
    let tokens = words(query);
    if tokens.is_empty() {
        return Vec::new();
    }
    let whole = query.trim().to_lowercase();
    let mut hits: Vec<Hit> = loaded
        .roadmap
        .topics
        .iter()
        .enumerate()
        .filter_map(|(i, topic)| {
            let title = words(&topic.title);
            let tags: Vec<String> = topic.tags.iter().flat_map(|t| words(t)).collect();
            let summary = words(&loaded.plain(&topic.summary));
            let mut total = 0.0;
            for token in &tokens {
                let best = (field_score(token, &title) * TITLE)
                    .max(field_score(token, &tags) * TAG)
                    .max(field_score(token, &summary) * SUMMARY);
                if best <= 0.0 {
                    return None;
                }
                total += best;
            }
            let mut score = total / tokens.len() as f32;
            if topic.title.to_lowercase().contains(&whole) {
                score += WHOLE_TITLE_BONUS;
            }
            let covered = title
                .iter()
                .filter(|w| tokens.iter().any(|t| word_score(t, w) > 0.0))
                .count();
            score += TITLE_COVERAGE * covered as f32 / title.len().max(1) as f32;
            Some(Hit { topic: i, score })
        })
        .collect();
    hits.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then(loaded.graph.rank(a.topic).cmp(&loaded.graph.rank(b.topic)))
    });
    hits
}

/// Lower-case words: runs of letters and digits.
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// The best match of one query word among a field's words, from 0 (none) to 1.
fn field_score(token: &str, field: &[String]) -> f32 {
    field
        .iter()
        .map(|w| word_score(token, w))
        .fold(0.0, f32::max)
}

/// How well a query word matches one word: 1 when equal, less for a prefix, an inner part, or a
/// word within a few typing mistakes (of the whole word, or of its start while still typing).
fn word_score(token: &str, word: &str) -> f32 {
    if token == word {
        return 1.0;
    }
    if word.starts_with(token) {
        return 0.9;
    }
    let n = token.chars().count();
    if n >= 3 && word.contains(token) {
        return 0.75;
    }
    if n < 3 {
        return 0.0;
    }
    let allowed = if n <= 4 {
        1
    } else if n <= 8 {
        2
    } else {
        3
    };
    let whole = strsim::damerau_levenshtein(token, word);
    let start: String = word.chars().take(n).collect();
    // A started word with a typo ("gaurd" for "guardrails") counts only once it is 4 letters long.
    let typed = if n >= 4 && start.chars().count() == n {
        strsim::damerau_levenshtein(token, &start) + 1
    } else {
        usize::MAX
    };
    let d = whole.min(typed);
    if d > allowed {
        return 0.0;
    }
    0.65 * (1.0 - d as f32 / (n as f32 + 1.0))
}

#[cfg(test)]
mod tests {
    use super::word_score;

    #[test]
    fn words_score_by_how_they_match() {
        assert!((word_score("rag", "rag") - 1.0).abs() < f32::EPSILON);
        assert!(word_score("guard", "guardrails") > word_score("gaurd", "guardrails"));
        assert!(word_score("gaurdrails", "guardrails") > 0.0);
        assert!(word_score("knowlege", "knowledge") > 0.0);
        assert!(word_score("xyzzy", "guardrails") <= 0.0);
        assert!(
            word_score("ab", "cab") <= 0.0,
            "two letters only match a word's start"
        );
    }
}

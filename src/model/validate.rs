//! What makes a roadmap valid, checked on the typed roadmap: ids, titles and texts, addresses,
//! phases, prerequisites, cycles and references between topics. The loader adds `FILE:LINE:COL`
//! to each problem from the places it kept; a roadmap changed in memory is checked the same way
//! before the change is accepted.

use std::collections::{BTreeSet, HashMap, HashSet};

use petgraph::graph::NodeIndex;

use super::graph::RoadmapGraph;
use super::refs;
use super::types::{Phase, Roadmap, Source, Topic};

/// Longest title, in characters.
pub const MAX_TITLE_CHARS: usize = 200;
/// Longest summary, rationale, goal or description, in characters.
pub const MAX_TEXT_CHARS: usize = 20_000;

/// A field of the roadmap, a phase, a topic or a source.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    /// The id.
    Id,
    /// The title.
    Title,
    /// The roadmap's description.
    Description,
    /// A phase's goal.
    Goal,
    /// A topic's phase.
    Phase,
    /// A topic's summary.
    Summary,
    /// A topic's rationale.
    Rationale,
    /// A topic's estimate.
    EstimateHours,
    /// A source's address.
    Url,
    /// The list of phases.
    Phases,
    /// The list of topics.
    Topics,
}

/// Where in a roadmap a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Place {
    /// A field of the roadmap itself.
    Roadmap(Field),
    /// The roadmap's reference `k`, or one of its fields.
    Reference(usize, Option<Field>),
    /// Phase `i`, or one of its fields.
    Phase(usize, Option<Field>),
    /// Topic `i`, or one of its fields.
    Topic(usize, Option<Field>),
    /// Source `k` of topic `i`, or one of its fields.
    Source(usize, usize, Option<Field>),
    /// Prerequisite `k` of topic `i`.
    Prerequisite(usize, usize),
    /// A byte offset inside a text field of topic `i` (its summary or rationale).
    Text(usize, Field, usize),
}

/// One thing wrong with a roadmap, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Where it is.
    pub place: Place,
    /// What is wrong, in words.
    pub message: String,
    /// Another place the message refers to (the first use of a repeated id), which the reader
    /// of the problem names in its own terms: a line in a file, a position in a list.
    pub first: Option<Place>,
}

impl Problem {
    fn new(place: Place, message: impl Into<String>) -> Self {
        Self {
            place,
            message: message.into(),
            first: None,
        }
    }

    /// The message with the other place it refers to, named by `name` (for example
    /// "first at line 12").
    #[must_use]
    pub fn message_with(&self, name: impl Fn(Place) -> String) -> String {
        match self.first {
            Some(first) => format!("{} ({})", self.message, name(first)),
            None => self.message.clone(),
        }
    }
}

/// Everything wrong with a roadmap, in no particular order; empty when it is valid.
#[must_use]
pub fn validate(roadmap: &Roadmap) -> Vec<Problem> {
    let mut out = roadmap_fields(roadmap);
    for (k, source) in roadmap.references.iter().enumerate() {
        out.extend(source_fields(
            source,
            &format!("reference {}", k + 1),
            |f| Place::Reference(k, Some(f)),
        ));
    }
    for (i, phase) in roadmap.phases.iter().enumerate() {
        out.extend(phase_fields(phase, i));
    }
    for (i, topic) in roadmap.topics.iter().enumerate() {
        out.extend(topic_fields(topic, i));
        for (k, source) in topic.sources.iter().enumerate() {
            out.extend(source_fields(
                source,
                &format!("topic `{}`, source {}", topic.id, k + 1),
                |f| Place::Source(i, k, Some(f)),
            ));
        }
    }
    out.extend(structure(roadmap, &BTreeSet::new()));
    out.extend(cycles(roadmap, &RoadmapGraph::new(roadmap)));
    out
}

/// The checks of the roadmap's own fields.
#[must_use]
pub fn roadmap_fields(roadmap: &Roadmap) -> Vec<Problem> {
    let mut out: Vec<Problem> = roadmap_id(&roadmap.id).into_iter().collect();
    out.extend(title(
        &roadmap.title,
        "the roadmap",
        Place::Roadmap(Field::Title),
    ));
    out.extend(text(
        &roadmap.description,
        "the roadmap's description",
        true,
        Place::Roadmap(Field::Description),
    ));
    out
}

/// The checks of a source's fields; `what` names it ("reference 1", "topic `x`, source 2").
#[must_use]
pub fn source_fields(source: &Source, what: &str, at: impl Fn(Field) -> Place) -> Vec<Problem> {
    let mut out: Vec<Problem> = title(&source.title, what, at(Field::Title))
        .into_iter()
        .collect();
    out.extend(url(&source.url, what, at(Field::Url)));
    out
}

/// The checks of phase `i`'s own fields.
#[must_use]
pub fn phase_fields(phase: &Phase, i: usize) -> Vec<Problem> {
    let what = format!("phase `{}`", phase.id);
    let at = |f| Place::Phase(i, Some(f));
    let mut out: Vec<Problem> = id(&phase.id, "phase", at(Field::Id)).into_iter().collect();
    out.extend(title(&phase.title, &what, at(Field::Title)));
    out.extend(text(
        &phase.goal,
        &format!("{what}'s goal"),
        true,
        at(Field::Goal),
    ));
    out
}

/// The checks of topic `i`'s own fields (its sources are checked one by one).
#[must_use]
pub fn topic_fields(topic: &Topic, i: usize) -> Vec<Problem> {
    let what = format!("topic `{}`", topic.id);
    let at = |f| Place::Topic(i, Some(f));
    let mut out: Vec<Problem> = id(&topic.id, "topic", at(Field::Id)).into_iter().collect();
    out.extend(title(&topic.title, &what, at(Field::Title)));
    for (field, value, name) in [
        (Field::Summary, &topic.summary, "summary"),
        (Field::Rationale, &topic.rationale, "rationale"),
    ] {
        let what = format!("{what}'s {name}");
        // An empty one is work in progress, a warning (see `warnings`).
        out.extend(text(value, &what, true, at(field)));
        out.extend(refs::malformed(value).into_iter().map(|m| {
            Problem::new(
                Place::Text(i, field, m.offset),
                format!("{what}: {}", m.message),
            )
        }));
    }
    if let Some(h) = topic.estimate_hours
        && !(h.is_finite() && h >= 0.0)
    {
        out.push(Problem::new(
            at(Field::EstimateHours),
            format!("{what}: estimate_hours must be zero or more, found {h}"),
        ));
    }
    out
}

/// The roadmap's id, when it is not kebab-case.
#[must_use]
pub fn roadmap_id(id: &str) -> Option<Problem> {
    (!is_kebab_case(id)).then(|| {
        Problem::new(
            Place::Roadmap(Field::Id),
            format!("roadmap id `{id}` is not kebab-case (like `cloud-ai-basics`)"),
        )
    })
}

/// A phase's or topic's id (`what` says which), when it is not kebab-case.
#[must_use]
pub fn id(id: &str, what: &str, at: Place) -> Option<Problem> {
    (!is_kebab_case(id)).then(|| {
        Problem::new(
            at,
            format!(
                "{what} id `{id}` is not kebab-case (lowercase words joined by hyphens, like `rag-basics`)"
            ),
        )
    })
}

/// A title that is empty, too long or holds a control character; `what` names its owner.
#[must_use]
pub fn title(title: &str, what: &str, at: Place) -> Option<Problem> {
    let message = if title.trim().is_empty() {
        format!("{what} has an empty title")
    } else if title.chars().count() > MAX_TITLE_CHARS {
        format!(
            "{what} has a title of {} characters; the limit is {MAX_TITLE_CHARS}",
            title.chars().count()
        )
    } else if let Some(c) = title.chars().find(|c| c.is_control()) {
        format!(
            "{what} has a control character (U+{:04X}) in its title",
            u32::from(c)
        )
    } else {
        return None;
    };
    Some(Problem::new(at, message))
}

/// A text (`what`) that is empty when it may not be, too long, or holds a control character.
#[must_use]
pub fn text(text: &str, what: &str, may_be_empty: bool, at: Place) -> Option<Problem> {
    let chars = text.chars().count();
    let message = if !may_be_empty && text.trim().is_empty() {
        format!("{what} is empty")
    } else if chars > MAX_TEXT_CHARS {
        format!("{what} is {chars} characters long; the limit is {MAX_TEXT_CHARS}")
    } else if let Some(c) = text
        .chars()
        .find(|&c| c.is_control() && c != '\n' && c != '\t')
    {
        format!("{what} has a control character (U+{:04X})", u32::from(c))
    } else {
        return None;
    };
    Some(Problem::new(at, message))
}

/// Whether an address may be opened: `None` when it is an http or https address with a host,
/// else what is wrong with it, after `what`.
#[must_use]
pub fn url(address: &str, what: &str, at: Place) -> Option<Problem> {
    let message = match url::Url::parse(address) {
        Ok(u) if matches!(u.scheme(), "http" | "https") && u.host().is_some() => return None,
        Ok(u) => format!(
            "{what}: only http and https addresses are allowed, found a `{}:` address",
            u.scheme()
        ),
        Err(e) => format!("{what}: `{address}` is not a valid web address ({e})"),
    };
    Some(Problem::new(at, message))
}

/// Whether an id is kebab-case: lowercase ASCII letters and digits in words joined by single hyphens.
#[must_use]
pub fn is_kebab_case(id: &str) -> bool {
    !id.is_empty()
        && id.split('-').all(|word| {
            !word.is_empty()
                && word
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

/// The closest of `candidates` to `word`, if close enough to be a likely typo.
#[must_use]
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(word, c), c))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

/// ` (did you mean `x`?)` for the closest candidate, or nothing.
#[must_use]
pub fn did_you_mean<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> String {
    closest(word, candidates).map_or_else(String::new, |c| format!(" (did you mean `{c}`?)"))
}

/// The checks across elements: phase ids and orders, topic ids, phases of topics,
/// prerequisites and references to topics. Ids in `broken` belong to topics that could not be
/// read, so naming them is not reported as unknown.
#[must_use]
pub fn structure(roadmap: &Roadmap, broken: &BTreeSet<String>) -> Vec<Problem> {
    // No topics yet is a roadmap being started: a warning (see `unfinished`).
    let mut out = phases(roadmap);
    let phase_order: HashMap<&str, u32> = roadmap
        .phases
        .iter()
        .map(|p| (p.id.as_str(), p.order))
        .collect();
    let mut first_at: HashMap<&str, usize> = HashMap::new();
    for (i, topic) in roadmap.topics.iter().enumerate() {
        if let Some(&first) = first_at.get(topic.id.as_str()) {
            out.push(Problem {
                first: Some(Place::Topic(first, None)),
                ..Problem::new(
                    Place::Topic(i, None),
                    format!("topic id `{}` is used twice", topic.id),
                )
            });
        } else {
            first_at.insert(&topic.id, i);
        }
    }
    let topic_by_id: HashMap<&str, &Topic> =
        roadmap.topics.iter().map(|t| (t.id.as_str(), t)).collect();
    for (i, topic) in roadmap.topics.iter().enumerate() {
        let own_order = phase_order.get(topic.phase.as_str()).copied();
        if own_order.is_none() {
            let known: Vec<&str> = roadmap.phases.iter().map(|p| p.id.as_str()).collect();
            out.push(Problem::new(
                Place::Topic(i, Some(Field::Phase)),
                format!(
                    "topic `{}` is in unknown phase `{}`{}; phases: {}",
                    topic.id,
                    topic.phase,
                    did_you_mean(&topic.phase, known.iter().copied()),
                    known.join(", ")
                ),
            ));
        }
        let mut listed = HashSet::new();
        for (k, prereq) in topic.prerequisites.iter().enumerate() {
            let at = Place::Prerequisite(i, k);
            let message = if !listed.insert(prereq.as_str()) {
                format!("topic `{}` lists prerequisite `{prereq}` twice", topic.id)
            } else if prereq == &topic.id {
                format!("topic `{}` lists itself as a prerequisite", topic.id)
            } else if let Some(other) = topic_by_id.get(prereq.as_str()) {
                match (own_order, phase_order.get(other.phase.as_str()).copied()) {
                    (Some(own), Some(theirs)) if theirs > own => later_phase(topic, other),
                    _ => continue,
                }
            } else if broken.contains(prereq) {
                continue;
            } else {
                format!(
                    "topic `{}` has unknown prerequisite `{prereq}`{}",
                    topic.id,
                    did_you_mean(prereq, topic_by_id.keys().copied())
                )
            };
            out.push(Problem::new(at, message));
        }
        for (field, value, name) in [
            (Field::Summary, &topic.summary, "summary"),
            (Field::Rationale, &topic.rationale, "rationale"),
        ] {
            for (at, id) in refs::ids(value) {
                if topic_by_id.contains_key(id) || broken.contains(id) {
                    continue;
                }
                out.push(Problem::new(
                    Place::Text(i, field, at),
                    format!(
                        "topic `{}`'s {name} refers to unknown topic `{id}`{}",
                        topic.id,
                        did_you_mean(id, topic_by_id.keys().copied())
                    ),
                ));
            }
        }
    }
    out
}

/// The words for a prerequisite in a later phase than the topic that needs it; the editor
/// refuses such a link with the same words.
#[must_use]
pub fn later_phase(topic: &Topic, prerequisite: &Topic) -> String {
    format!(
        "topic `{}` (phase `{}`) needs `{}`, which sits in the later phase `{}`; \
         a prerequisite must be in the same or an earlier phase",
        topic.id, topic.phase, prerequisite.id, prerequisite.phase
    )
}

fn phases(roadmap: &Roadmap) -> Vec<Problem> {
    let mut out = Vec::new();
    if roadmap.phases.is_empty() {
        out.push(Problem::new(
            Place::Roadmap(Field::Phases),
            "the roadmap has no phases; add at least one",
        ));
    }
    let mut ids: HashSet<&str> = HashSet::new();
    let mut orders: HashMap<u32, &str> = HashMap::new();
    for (i, phase) in roadmap.phases.iter().enumerate() {
        if !ids.insert(&phase.id) {
            out.push(Problem::new(
                Place::Phase(i, None),
                format!("phase id `{}` is used twice", phase.id),
            ));
        } else if let Some(other) = orders.insert(phase.order, &phase.id) {
            out.push(Problem::new(
                Place::Phase(i, None),
                format!(
                    "phase `{}` has order {}, like phase `{other}`; each phase needs its own order",
                    phase.id, phase.order
                ),
            ));
        }
    }
    out
}

/// Every prerequisite cycle, each with the path around it.
#[must_use]
pub fn cycles(roadmap: &Roadmap, graph: &RoadmapGraph) -> Vec<Problem> {
    let mut out = Vec::new();
    let g = graph.petgraph();
    let mut reported: BTreeSet<usize> = BTreeSet::new();
    for component in petgraph::algo::kosaraju_scc(g) {
        if component.len() < 2 {
            continue;
        }
        let members: HashSet<usize> = component.iter().map(|n| n.index()).collect();
        let Some(&start) = members.iter().min() else {
            continue;
        };
        if !reported.insert(start) {
            continue;
        }
        let cycle = shortest_cycle(g, start, &members);
        let names: Vec<&str> = cycle
            .iter()
            .map(|&i| roadmap.topics[i].id.as_str())
            .collect();
        let at = cycle
            .get(1)
            .and_then(|next| {
                let next_id = &roadmap.topics[*next].id;
                roadmap.topics[start]
                    .prerequisites
                    .iter()
                    .position(|p| p == next_id)
            })
            .map_or(Place::Topic(start, None), |k| Place::Prerequisite(start, k));
        out.push(Problem::new(
            at,
            format!(
                "prerequisites form a cycle: {} (each topic lists the next as a prerequisite)",
                names.join(" → ")
            ),
        ));
    }
    out
}

/// The shortest walk from `start` through its prerequisites back to `start`, inside one strongly
/// connected component; returned with `start` at both ends.
fn shortest_cycle(
    g: &petgraph::graph::DiGraph<usize, ()>,
    start: usize,
    members: &HashSet<usize>,
) -> Vec<usize> {
    let mut came_from: HashMap<usize, usize> = HashMap::new();
    let mut queue = std::collections::VecDeque::from([start]);
    while let Some(i) = queue.pop_front() {
        for next in g.neighbors_directed(NodeIndex::new(i), petgraph::Direction::Incoming) {
            let j = next.index();
            if !members.contains(&j) {
                continue;
            }
            if j == start {
                let mut path = vec![i];
                let mut at = i;
                while at != start {
                    at = came_from[&at];
                    path.push(at);
                }
                path.reverse();
                path.push(start);
                return path;
            }
            if let std::collections::hash_map::Entry::Vacant(e) = came_from.entry(j) {
                e.insert(i);
                queue.push_back(j);
            }
        }
    }
    vec![start, start]
}

/// Things worth a look that do not stop a roadmap from loading or saving: work in progress (a
/// topic without a summary, a rationale or a source yet), and a summary or rationale that refers
/// to a topic neither before nor after its own in the graph, which is often the sign of a
/// missing prerequisite link. `roadmap check --strict` fails on them.
#[must_use]
pub fn warnings(roadmap: &Roadmap, graph: &RoadmapGraph) -> Vec<Problem> {
    let mut out = unfinished(roadmap);
    for (i, topic) in roadmap.topics.iter().enumerate() {
        let mut related: Option<HashSet<usize>> = None;
        for (field, value, name) in [
            (Field::Summary, &topic.summary, "summary"),
            (Field::Rationale, &topic.rationale, "rationale"),
        ] {
            for (at, id) in refs::ids(value) {
                let Some(j) = graph.index_of(id) else {
                    continue;
                };
                let related = related.get_or_insert_with(|| {
                    graph
                        .ancestors(i)
                        .into_iter()
                        .chain(graph.descendants(i))
                        .chain([i])
                        .collect()
                });
                if !related.contains(&j) {
                    out.push(Problem::new(
                        Place::Text(i, field, at),
                        format!(
                            "topic `{}`'s {name} refers to `{id}`, which is neither before nor after it \
                             in the graph; is a prerequisite link missing?",
                            topic.id
                        ),
                    ));
                }
            }
        }
    }
    out
}

/// A roadmap still being written: no topic yet, or a topic with an empty summary or rationale,
/// or no source yet.
#[must_use]
pub fn unfinished(roadmap: &Roadmap) -> Vec<Problem> {
    let mut out = Vec::new();
    if roadmap.topics.is_empty() {
        out.push(Problem::new(
            Place::Roadmap(Field::Topics),
            "the roadmap has no topics yet; add at least one",
        ));
    }
    for (i, topic) in roadmap.topics.iter().enumerate() {
        for (field, value, name) in [
            (Field::Summary, &topic.summary, "summary"),
            (Field::Rationale, &topic.rationale, "rationale"),
        ] {
            if value.trim().is_empty() {
                out.push(Problem::new(
                    Place::Topic(i, Some(field)),
                    format!("topic `{}` has no {name} yet", topic.id),
                ));
            }
        }
        if topic.sources.is_empty() {
            out.push(Problem::new(
                Place::Topic(i, None),
                format!(
                    "topic `{}` has no source yet: add the page its facts come from",
                    topic.id
                ),
            ));
        }
    }
    out
}

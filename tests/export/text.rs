//! The text exports (Markdown, Graphviz DOT, Mermaid, iCalendar), each read back with a real parser.

#![allow(clippy::unwrap_used, reason = "a test that cannot unwrap has failed")]

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::path::PathBuf;
use std::process::{Command, Stdio};

use icalendar::{CalendarComponent, Component as _, DatePerhapsTime};
use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};
use roadmap::export::{self, Options, Personal};
use roadmap::model::{LoadedRoadmap, Progress, Standing, Status};

fn minimal() -> LoadedRoadmap {
    roadmap::model::load_file(&manifest_dir().join("tests/corpus/valid/minimal.json")).unwrap()
}

fn manifest_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Progress on the minimal roadmap: the first topic done, the second under way with a note that
/// needs escaping in every format, the last one the goal.
fn minimal_progress() -> Progress {
    let mut progress = Progress::new("tiny");
    progress.set_status("basics", Status::Done);
    progress.set_status("middle", Status::Doing);
    progress.set_note("middle", "Halfway; see chapter 3, then review.");
    progress.goal = Some("end".to_owned());
    progress
}

/// Progress on the bundled roadmap touching every status, a note on a few topics and a goal.
fn bundled_progress(loaded: &LoadedRoadmap) -> Progress {
    let mut progress = Progress::new(&loaded.roadmap.id);
    let order = loaded.graph.topological_order();
    for (n, &i) in order.iter().enumerate().take(12) {
        let status = match n % 4 {
            0 | 1 => Status::Done,
            2 => Status::Skipped,
            _ => Status::Doing,
        };
        progress.set_status(&loaded.roadmap.topics[i].id, status);
    }
    for &i in order.iter().step_by(9) {
        let id = &loaded.roadmap.topics[i].id;
        progress.set_note(id, &format!("private note on {id}"));
    }
    progress.goal = Some(loaded.roadmap.topics[*order.last().unwrap()].id.clone());
    progress
}

fn with_notes() -> Options {
    Options {
        notes: true,
        ..Options::default()
    }
}

fn text(
    format: export::Format,
    loaded: &LoadedRoadmap,
    progress: &Progress,
    options: &Options,
) -> String {
    let personal = Personal { loaded, progress };
    String::from_utf8(export::export(format, &personal, options).unwrap()).unwrap()
}

/// A roadmap whose titles hold every character the formats treat specially.
const AWKWARD: &str = r##"{
  "format_version": 1,
  "id": "awkward",
  "title": "Odd *names* & <tags>",
  "description": "# Not a heading\n1. Not a list",
  "phases": [{ "id": "only", "title": "Phase \"one\" [a]_b_", "goal": "> not a quote", "order": 1 }],
  "topics": [
    {
      "id": "stars",
      "title": "Prompts *and* _chains_ [v2] `code` <b>bold</b> \\ end",
      "phase": "only",
      "summary": "Uses ~~strike~~ and &amp; and a | pipe.",
      "rationale": "- not a list item",
      "sources": [{ "title": "A [bracketed] title", "url": "https://example.com/a_(b)?q=1,2;3", "kind": "article" }]
    },
    {
      "id": "quotes",
      "title": "Say \"hi\" \\n to C# and a title long enough that it has to be wrapped onto lines",
      "phase": "only",
      "summary": "Quotes; commas, backslashes \\ and a very long summary line that will certainly need folding in the calendar file.",
      "rationale": "After the first.",
      "prerequisites": ["stars"],
      "estimate_hours": 0.5
    }
  ]
}"##;

fn awkward() -> LoadedRoadmap {
    roadmap::model::load_str(AWKWARD, "awkward.json").unwrap()
}

// ---------------------------------------------------------------------------------------------
// Markdown

/// What a Markdown export reads as.
#[derive(Debug, Default)]
struct MarkdownDoc {
    h1: Vec<String>,
    h2: Vec<String>,
    /// Each task item: whether it is checked, and the text of its first bold run (the title).
    tasks: Vec<(bool, String)>,
    links: Vec<(String, String)>,
    /// The anchors a task item opens with, which references to its topic lead to.
    anchors: Vec<String>,
    text: String,
}

fn parse_markdown(md: &str) -> MarkdownDoc {
    let mut doc = MarkdownDoc::default();
    let options = pulldown_cmark::Options::ENABLE_TASKLISTS
        | pulldown_cmark::Options::ENABLE_STRIKETHROUGH
        | pulldown_cmark::Options::ENABLE_TABLES;
    let mut heading: Option<(HeadingLevel, String)> = None;
    let mut link: Option<(String, String)> = None;
    let mut strong: Option<String> = None;
    let mut awaiting_title = false;
    for event in Parser::new_ext(md, options) {
        match event {
            Event::Start(Tag::Heading { level, .. }) => heading = Some((level, String::new())),
            Event::End(TagEnd::Heading(_)) => {
                doc.text.push('\n');
                let (level, text) = heading.take().unwrap();
                match level {
                    HeadingLevel::H1 => doc.h1.push(text),
                    HeadingLevel::H2 => doc.h2.push(text),
                    other => panic!("unexpected heading level {other:?}"),
                }
            }
            Event::Start(Tag::Link { dest_url, .. }) => {
                link = Some((dest_url.to_string(), String::new()));
            }
            Event::End(TagEnd::Link) => doc.links.push(link.take().unwrap()),
            Event::TaskListMarker(checked) => {
                doc.tasks.push((checked, String::new()));
                awaiting_title = true;
            }
            Event::Start(Tag::Strong) if awaiting_title => strong = Some(String::new()),
            Event::End(TagEnd::Strong) if strong.is_some() => {
                doc.tasks.last_mut().unwrap().1 = strong.take().unwrap();
                awaiting_title = false;
            }
            Event::Start(Tag::Emphasis | Tag::Strikethrough) if strong.is_some() => {
                panic!("markup inside a title: {md}");
            }
            // The one piece of HTML the export writes: an empty anchor named by a topic id
            // (kebab-case), first in its task item.
            Event::InlineHtml(h) if awaiting_title && h.as_ref() == "</a>" => {}
            Event::InlineHtml(h)
                if awaiting_title
                    && h.strip_prefix("<a id=\"")
                        .and_then(|rest| rest.strip_suffix("\">"))
                        .is_some_and(roadmap::model::validate::is_kebab_case) =>
            {
                doc.anchors.push(h[7..h.len() - 2].to_owned());
            }
            Event::Html(h) | Event::InlineHtml(h) => panic!("raw HTML in the export: {h}"),
            Event::Text(t) | Event::Code(t) => {
                for open in [
                    heading.as_mut().map(|h| &mut h.1),
                    link.as_mut().map(|l| &mut l.1),
                    strong.as_mut(),
                ]
                .into_iter()
                .flatten()
                {
                    open.push_str(&t);
                }
                doc.text.push_str(&t);
            }
            Event::SoftBreak | Event::HardBreak | Event::End(TagEnd::Paragraph | TagEnd::Item) => {
                doc.text.push('\n');
            }
            _ => {}
        }
    }
    doc
}

#[test]
fn markdown_lists_every_topic_as_a_task_by_phase() {
    let loaded = roadmap::model::bundled().unwrap();
    let progress = bundled_progress(&loaded);
    let roadmap = &loaded.roadmap;
    let doc = parse_markdown(&text(
        export::Format::Markdown,
        &loaded,
        &progress,
        &Options::default(),
    ));

    assert_eq!(doc.h1, std::slice::from_ref(&roadmap.title));
    let phases: Vec<String> = roadmap
        .phases_in_order()
        .iter()
        .map(|p| p.title.clone())
        .collect();
    assert_eq!(doc.h2, phases);

    // Task items come phase by phase, in topological order within each phase.
    let mut expected = Vec::new();
    for phase in roadmap.phases_in_order() {
        for &i in loaded.graph.topological_order() {
            let topic = &roadmap.topics[i];
            if topic.phase == phase.id {
                expected.push((
                    progress.status(&topic.id) == Status::Done,
                    topic.title.clone(),
                ));
            }
        }
    }
    assert_eq!(doc.tasks, expected);
    let checked = doc.tasks.iter().filter(|(c, _)| *c).count();
    let done = roadmap
        .topics
        .iter()
        .filter(|t| progress.status(&t.id) == Status::Done)
        .count();
    assert_eq!(checked, done);
    assert!(checked > 0);

    for topic in &roadmap.topics {
        for source in &topic.sources {
            assert!(
                doc.links
                    .iter()
                    .any(|(url, title)| url == &source.url && title == &source.title),
                "no link for {} ({})",
                source.title,
                source.url
            );
        }
    }

    let cleared = roadmap
        .topics
        .iter()
        .filter(|t| progress.status(&t.id).is_cleared())
        .count();
    let totals = format!(
        "{cleared} of {} topics done or skipped.",
        roadmap.topics.len()
    );
    assert!(doc.text.contains(&totals), "no totals line `{totals}`");
    assert!(doc.text.contains("(doing)") && doc.text.contains("(skipped)"));
}

#[test]
fn markdown_shows_notes_only_when_asked() {
    let loaded = roadmap::model::bundled().unwrap();
    let progress = bundled_progress(&loaded);
    let notes: Vec<&str> = progress
        .topics
        .values()
        .map(|t| t.note.as_str())
        .filter(|n| !n.is_empty())
        .collect();
    assert!(!notes.is_empty());

    let without = parse_markdown(&text(
        export::Format::Markdown,
        &loaded,
        &progress,
        &Options::default(),
    ));
    let with = parse_markdown(&text(
        export::Format::Markdown,
        &loaded,
        &progress,
        &with_notes(),
    ));
    for note in notes {
        assert!(!without.text.contains(note), "note `{note}` leaked");
        assert!(with.text.contains(note), "note `{note}` missing");
    }
}

#[test]
fn markdown_of_one_phase_has_only_that_phase() {
    let loaded = roadmap::model::bundled().unwrap();
    let progress = bundled_progress(&loaded);
    let phase = loaded.roadmap.phases_in_order()[1].clone();
    let options = Options {
        phase: Some(phase.id.clone()),
        ..Options::default()
    };
    let doc = parse_markdown(&text(
        export::Format::Markdown,
        &loaded,
        &progress,
        &options,
    ));
    assert_eq!(doc.h2, [phase.title]);
    let in_phase = loaded
        .roadmap
        .topics
        .iter()
        .filter(|t| t.phase == phase.id)
        .count();
    assert_eq!(doc.tasks.len(), in_phase);
}

#[test]
fn markdown_shows_awkward_titles_as_written() {
    let loaded = awkward();
    let mut progress = Progress::new("awkward");
    progress.set_note("stars", "*not* [a](link) <i>");
    let md = text(export::Format::Markdown, &loaded, &progress, &with_notes());
    let doc = parse_markdown(&md);
    let roadmap = &loaded.roadmap;
    assert_eq!(doc.h1, std::slice::from_ref(&roadmap.title));
    assert_eq!(doc.h2, [roadmap.phases[0].title.clone()]);
    let titles: Vec<&str> = doc.tasks.iter().map(|(_, t)| t.as_str()).collect();
    assert_eq!(titles, [&roadmap.topics[0].title, &roadmap.topics[1].title]);
    // Only the source is a link: nothing in the titles or the note became one.
    let source = &roadmap.topics[0].sources[0];
    assert_eq!(doc.links, [(source.url.clone(), source.title.clone())]);
    for plain in [
        "# Not a heading",
        "1. Not a list",
        "> not a quote",
        "- not a list item",
        "Uses ~~strike~~ and &amp; and a | pipe.",
        "*not* [a](link) <i>",
    ] {
        assert!(doc.text.contains(plain), "`{plain}` not shown as written");
    }
}

/// The minimal roadmap with references between its topics.
fn with_references() -> LoadedRoadmap {
    let text = std::fs::read_to_string(manifest_dir().join("tests/corpus/valid/minimal.json"))
        .unwrap()
        .replace(
            "Builds on the basics. Leads to the end.",
            "Builds on [[basics]]. Leads to [[end|the *last* step]].",
        );
    roadmap::model::load_str(&text, "references.json").unwrap()
}

#[test]
fn markdown_references_link_to_the_topics_they_name() {
    let loaded = with_references();
    let progress = Progress::new("tiny");
    let doc = parse_markdown(&text(
        export::Format::Markdown,
        &loaded,
        &progress,
        &Options::default(),
    ));
    assert_eq!(doc.anchors, ["basics", "middle", "end"]);
    let internal: Vec<&(String, String)> = doc
        .links
        .iter()
        .filter(|(to, _)| to.starts_with('#'))
        .collect();
    assert_eq!(
        internal,
        [
            &("#basics".to_owned(), "Basics".to_owned()),
            &("#end".to_owned(), "the *last* step".to_owned())
        ]
    );
    assert!(
        doc.text
            .contains("Why here: Builds on Basics. Leads to the *last* step.")
    );
    assert!(!doc.text.contains("[["), "no reference is shown raw");

    // Only the first phase: `end` is not in the file, so its reference is words, not a link.
    let options = Options {
        phase: Some("first".to_owned()),
        ..Options::default()
    };
    let doc = parse_markdown(&text(
        export::Format::Markdown,
        &loaded,
        &progress,
        &options,
    ));
    let internal: Vec<&str> = doc
        .links
        .iter()
        .filter(|(to, _)| to.starts_with('#'))
        .map(|(to, _)| to.as_str())
        .collect();
    assert_eq!(internal, ["#basics"]);
    assert!(doc.text.contains("Leads to the *last* step."));
}

// ---------------------------------------------------------------------------------------------
// Graphviz DOT

/// A DOT statement split into its parts: the edges and the nodes with their attributes.
#[derive(Debug, Default)]
struct DotGraph {
    clusters: Vec<String>,
    /// Node id, the cluster it sits in, its attributes.
    nodes: Vec<(String, String, BTreeMap<String, String>)>,
    edges: Vec<(String, String)>,
}

/// Reads a DOT string starting at a `"`; returns its unescaped text and the rest.
fn dot_string(s: &str) -> (String, &str) {
    assert!(s.starts_with('"'), "not a string: {s}");
    let mut out = String::new();
    let mut chars = s.char_indices().skip(1);
    while let Some((n, c)) = chars.next() {
        match c {
            '"' => return (out, &s[n + 1..]),
            '\\' => match chars.next().unwrap().1 {
                '"' => out.push('"'),
                '\\' => out.push('\\'),
                'n' => out.push('\n'),
                other => {
                    out.push('\\');
                    out.push(other);
                }
            },
            c => out.push(c),
        }
    }
    panic!("unterminated string: {s}");
}

/// Reads `key=value, key="value"` attribute lists.
fn dot_attributes(mut s: &str) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    loop {
        s = s.trim_start_matches([',', ' ']);
        if s.is_empty() {
            return out;
        }
        let (key, rest) = s.split_once('=').unwrap();
        let (value, rest) = if rest.starts_with('"') {
            dot_string(rest)
        } else {
            let end = rest.find(',').unwrap_or(rest.len());
            (rest[..end].to_owned(), &rest[end..])
        };
        out.insert(key.trim().to_owned(), value);
        s = rest;
    }
}

/// Reads the statements the DOT exporter writes, one per line; any other line fails the test.
fn parse_dot(dot: &str) -> DotGraph {
    let mut graph = DotGraph::default();
    let mut cluster = String::new();
    let mut lines = dot.lines();
    assert!(lines.next().unwrap().starts_with("digraph \""));
    for line in lines {
        let line = line.trim();
        if line.starts_with("//") || line.starts_with("graph [") || line.starts_with("node [") {
            continue;
        }
        if let Some(name) = line.strip_prefix("subgraph ") {
            name.trim_end_matches(" {").clone_into(&mut cluster);
            graph.clusters.push(cluster.clone());
        } else if line == "}" {
            cluster.clear();
        } else if line.starts_with("label=") || line.starts_with("style=") {
            assert!(
                !cluster.is_empty(),
                "graph attribute outside a cluster: {line}"
            );
        } else if line.starts_with('"') {
            let (id, rest) = dot_string(line);
            if let Some(rest) = rest.strip_prefix(" -> ") {
                let (to, rest) = dot_string(rest);
                assert_eq!(rest, ";");
                graph.edges.push((id, to));
            } else {
                let attributes = rest
                    .strip_prefix(" [")
                    .and_then(|r| r.strip_suffix("];"))
                    .unwrap();
                graph
                    .nodes
                    .push((id, cluster.clone(), dot_attributes(attributes)));
            }
        } else {
            panic!("unexpected DOT line: {line}");
        }
    }
    graph
}

/// Runs Graphviz on `dot` and returns its JSON rendering, or `None` when `dot` is not installed.
fn graphviz_json(dot: &str) -> Option<serde_json::Value> {
    use std::io::Write as _;
    let mut child = match Command::new("dot")
        .arg("-Tjson")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
    {
        Ok(child) => child,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            eprintln!("Graphviz `dot` is not installed: skipping the rendering check");
            return None;
        }
        Err(e) => panic!("cannot run dot: {e}"),
    };
    child
        .stdin
        .take()
        .unwrap()
        .write_all(dot.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success() && out.stderr.is_empty(),
        "dot failed: {}\n{dot}",
        String::from_utf8_lossy(&out.stderr)
    );
    Some(serde_json::from_slice(&out.stdout).unwrap())
}

/// Runs `dot -Tsvg` on `dot` when Graphviz is installed and checks that it renders cleanly.
fn renders_as_svg(dot: &str) {
    let Ok(mut child) = Command::new("dot")
        .arg("-Tsvg")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
    else {
        eprintln!("Graphviz `dot` is not installed: skipping the SVG check");
        return;
    };
    std::io::Write::write_all(&mut child.stdin.take().unwrap(), dot.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "dot -Tsvg failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8(out.stdout).unwrap().contains("<svg"));
}

#[test]
fn dot_has_a_cluster_per_phase_a_node_per_topic_and_an_edge_per_link() {
    let loaded = roadmap::model::bundled().unwrap();
    let progress = bundled_progress(&loaded);
    let roadmap = &loaded.roadmap;
    let overview = roadmap::model::Overview::new(&loaded, &progress);
    let dot = text(export::Format::Dot, &loaded, &progress, &Options::default());
    assert!(dot.contains("rankdir=LR"));
    let graph = parse_dot(&dot);

    assert_eq!(graph.clusters.len(), roadmap.phases.len());
    assert_eq!(graph.nodes.len(), roadmap.topics.len());
    let mut links = BTreeSet::new();
    for topic in &roadmap.topics {
        for p in &topic.prerequisites {
            links.insert((p.clone(), topic.id.clone()));
        }
    }
    assert_eq!(graph.edges.len(), roadmap.link_count());
    assert_eq!(graph.edges.iter().cloned().collect::<BTreeSet<_>>(), links);

    // Every node sits in its phase's cluster, and its look follows its standing.
    let cluster_of_phase: BTreeMap<&str, String> = roadmap
        .phases_in_order()
        .iter()
        .enumerate()
        .map(|(n, p)| (p.id.as_str(), format!("cluster_{n}")))
        .collect();
    let mut fills = BTreeMap::new();
    for (id, cluster, attributes) in &graph.nodes {
        let i = loaded.graph.index_of(id).unwrap();
        assert_eq!(cluster, &cluster_of_phase[roadmap.topics[i].phase.as_str()]);
        let kind = match (overview.status[i], overview.standing[i]) {
            (Status::Skipped, _) => "skipped",
            (_, Standing::Cleared) => "done",
            (_, Standing::InProgress) => "doing",
            (_, Standing::Ready) => "ready",
            (_, Standing::Locked) => "locked",
        };
        let previous = fills.insert(kind, attributes["fillcolor"].clone());
        assert!(previous.is_none_or(|p| p == attributes["fillcolor"]));
        assert_eq!(
            attributes["style"].contains("dashed"),
            kind == "locked",
            "{id}"
        );
        assert_eq!(
            attributes.get("peripheries").map(String::as_str),
            (progress.goal.as_deref() == Some(id.as_str())).then_some("2")
        );
    }
    assert_eq!(fills.len(), 5, "every standing shows up: {fills:?}");
    assert_eq!(
        fills.values().collect::<HashSet<_>>().len(),
        5,
        "one fill per standing"
    );

    renders_as_svg(&dot);
    if let Some(json) = graphviz_json(&dot) {
        let edges = json["edges"].as_array().unwrap();
        assert_eq!(edges.len(), roadmap.link_count());
    }
}

#[test]
fn dot_keeps_awkward_titles_intact() {
    let loaded = awkward();
    let progress = Progress::new("awkward");
    let dot = text(export::Format::Dot, &loaded, &progress, &Options::default());
    let graph = parse_dot(&dot);
    for (id, _, attributes) in &graph.nodes {
        let title = &loaded.roadmap.topics[loaded.graph.index_of(id).unwrap()].title;
        // The wrapped label is the title with some spaces turned into Graphviz's `\n`.
        assert_eq!(&attributes["label"].replace('\n', " "), title, "{id}");
        let lines: Vec<&str> = attributes["label"].lines().collect();
        assert!(lines.len() > 1 || title.len() < 30, "not wrapped: {title}");
    }
    renders_as_svg(&dot);
    let Some(json) = graphviz_json(&dot) else {
        return;
    };
    // What Graphviz itself read back as each node's label, once its `\n` are lines.
    let labels: BTreeMap<String, String> = json["objects"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|o| o.get("nodes").is_none() && o.get("subgraphs").is_none())
        .map(|o| {
            (
                o["name"].as_str().unwrap().to_owned(),
                o["label"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert_eq!(labels.len(), 2, "{labels:?}");
    for topic in &loaded.roadmap.topics {
        // Graphviz keeps a label's own escapes (`\\`, `\n`) for the renderer to read.
        let mut read = String::new();
        let mut chars = labels[&topic.id].chars();
        while let Some(c) = chars.next() {
            match (c, c == '\\') {
                (_, true) => match chars.next().unwrap() {
                    'n' => read.push(' '),
                    other => read.push(other),
                },
                (c, false) => read.push(c),
            }
        }
        assert_eq!(read, topic.title);
    }
}

// ---------------------------------------------------------------------------------------------
// Mermaid

/// What a Mermaid export declares.
#[derive(Debug, Default)]
struct Flowchart {
    /// Subgraph id and label.
    subgraphs: Vec<(String, String)>,
    /// Node id, label and the subgraph it sits in.
    nodes: Vec<(String, String, String)>,
    edges: Vec<(String, String)>,
    class_defs: BTreeSet<String>,
    classes: BTreeMap<String, BTreeSet<String>>,
}

/// Undoes the entity codes the exporter writes in labels.
fn mermaid_label(s: &str) -> String {
    s.replace("#quot;", "\"")
        .replace("#35;", "#")
        .replace("#lt;", "<")
        .replace("#gt;", ">")
        .replace("#amp;", "&")
        .replace("#96;", "`")
}

/// Splits `id["label"]`.
fn mermaid_node(s: &str) -> (String, String) {
    let (id, rest) = s.split_once("[\"").unwrap();
    let label = rest.strip_suffix("\"]").unwrap();
    assert!(
        !label.contains('"'),
        "a raw quote ends the label early: {label}"
    );
    assert!(
        id.chars().all(|c| c.is_ascii_alphanumeric()),
        "unsafe id {id}"
    );
    (id.to_owned(), mermaid_label(label))
}

fn parse_mermaid(text: &str) -> Flowchart {
    let mut chart = Flowchart::default();
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some("flowchart LR"));
    let mut subgraph: Option<String> = None;
    for line in lines {
        let line = line.trim();
        if let Some(rest) = line.strip_prefix("subgraph ") {
            assert!(subgraph.is_none(), "nested subgraph");
            let (id, label) = mermaid_node(rest);
            subgraph = Some(id.clone());
            chart.subgraphs.push((id, label));
        } else if line == "end" {
            assert!(subgraph.take().is_some(), "`end` outside a subgraph");
        } else if let Some((from, to)) = line.split_once(" --> ") {
            assert!(subgraph.is_none(), "edge inside a subgraph");
            chart.edges.push((from.to_owned(), to.to_owned()));
        } else if let Some(rest) = line.strip_prefix("classDef ") {
            let (name, style) = rest.split_once(' ').unwrap();
            assert!(style.contains(':'), "{line}");
            chart.class_defs.insert(name.to_owned());
        } else if let Some(rest) = line.strip_prefix("class ") {
            let (ids, class) = rest.split_once(' ').unwrap();
            for id in ids.split(',') {
                chart
                    .classes
                    .entry(id.to_owned())
                    .or_default()
                    .insert(class.to_owned());
            }
        } else {
            let Some(sub) = &subgraph else {
                panic!("unexpected Mermaid line: {line}");
            };
            let (id, label) = mermaid_node(line);
            chart.nodes.push((id, label, sub.clone()));
        }
    }
    assert!(subgraph.is_none(), "unclosed subgraph");
    chart
}

#[test]
fn mermaid_has_a_subgraph_per_phase_a_node_per_topic_and_classes_by_status() {
    let loaded = roadmap::model::bundled().unwrap();
    let progress = bundled_progress(&loaded);
    let roadmap = &loaded.roadmap;
    let overview = roadmap::model::Overview::new(&loaded, &progress);
    let chart = parse_mermaid(&text(
        export::Format::Mermaid,
        &loaded,
        &progress,
        &Options::default(),
    ));

    let phases: Vec<String> = roadmap
        .phases_in_order()
        .iter()
        .map(|p| p.title.clone())
        .collect();
    assert_eq!(
        chart
            .subgraphs
            .iter()
            .map(|(_, l)| l.clone())
            .collect::<Vec<_>>(),
        phases
    );

    // Nodes are t0, t1, … in topological order.
    let order = loaded.graph.topological_order();
    assert_eq!(chart.nodes.len(), roadmap.topics.len());
    let mut topic_of = BTreeMap::new();
    for (id, label, subgraph) in &chart.nodes {
        let position: usize = id.strip_prefix('t').unwrap().parse().unwrap();
        let i = order[position];
        assert_eq!(label, &roadmap.topics[i].title);
        let phase = roadmap.phases_in_order()[subgraph
            .strip_prefix('p')
            .unwrap()
            .parse::<usize>()
            .unwrap()]
        .id
        .clone();
        assert_eq!(roadmap.topics[i].phase, phase);
        topic_of.insert(id.clone(), i);
    }

    let links: BTreeSet<(usize, usize)> = loaded.graph.links().into_iter().collect();
    assert_eq!(chart.edges.len(), roadmap.link_count());
    let edges: BTreeSet<(usize, usize)> = chart
        .edges
        .iter()
        .map(|(a, b)| (topic_of[a], topic_of[b]))
        .collect();
    assert_eq!(edges, links);

    for class in ["done", "doing", "ready", "locked", "skipped"] {
        assert!(chart.class_defs.contains(class), "no classDef {class}");
    }
    for (id, &i) in &topic_of {
        let expected = match (overview.status[i], overview.standing[i]) {
            (Status::Skipped, _) => "skipped",
            (_, Standing::Cleared) => "done",
            (_, Standing::InProgress) => "doing",
            (_, Standing::Ready) => "ready",
            (_, Standing::Locked) => "locked",
        };
        let mut classes: BTreeSet<&str> = [expected].into();
        if progress.goal.as_deref() == Some(roadmap.topics[i].id.as_str()) {
            classes.insert("goal");
        }
        let got: BTreeSet<&str> = chart.classes[id].iter().map(String::as_str).collect();
        assert_eq!(got, classes, "{id}");
    }
}

#[test]
fn mermaid_keeps_awkward_titles_intact() {
    let loaded = awkward();
    let chart = parse_mermaid(&text(
        export::Format::Mermaid,
        &loaded,
        &Progress::new("awkward"),
        &Options::default(),
    ));
    assert_eq!(chart.subgraphs[0].1, loaded.roadmap.phases[0].title);
    let labels: Vec<&str> = chart.nodes.iter().map(|(_, l, _)| l.as_str()).collect();
    assert_eq!(
        labels,
        [
            &loaded.roadmap.topics[0].title,
            &loaded.roadmap.topics[1].title
        ]
    );
}

// ---------------------------------------------------------------------------------------------
// iCalendar

/// One event as the parser read it: UID, summary, description, first day, day after the last.
#[derive(Debug)]
struct PlannedEvent {
    uid: String,
    summary: String,
    description: String,
    start: String,
    end: String,
}

fn day(value: Option<DatePerhapsTime>) -> String {
    match value.unwrap() {
        DatePerhapsTime::Date(date) => date.to_string(),
        other @ DatePerhapsTime::DateTime(_) => panic!("not an all-day date: {other:?}"),
    }
}

/// Checks the framing RFC 5545 asks for, then reads the events with the `icalendar` parser.
fn parse_ics(ics: &str) -> Vec<PlannedEvent> {
    assert!(ics.ends_with("\r\n"));
    for line in ics.split_terminator("\r\n") {
        assert!(
            !line.contains('\n') && !line.contains('\r'),
            "bare line break in {line:?}"
        );
        assert!(line.len() <= 75, "line of {} octets: {line}", line.len());
        let backslashes = line.len() - line.trim_end_matches('\\').len();
        assert!(backslashes % 2 == 0, "an escape split by folding: {line}");
    }
    let calendar: icalendar::Calendar = ics.parse().unwrap();
    assert_eq!(calendar.property_value("VERSION"), Some("2.0"));
    assert!(calendar.property_value("PRODID").is_some());
    calendar
        .components
        .iter()
        .map(|component| {
            let CalendarComponent::Event(event) = component else {
                panic!("not an event: {component:?}");
            };
            assert!(event.property_value("DTSTAMP").is_some());
            PlannedEvent {
                uid: event.get_uid().unwrap().to_owned(),
                summary: event.get_summary().unwrap().to_owned(),
                description: event.get_description().unwrap().to_owned(),
                start: day(event.get_start()),
                end: day(event.get_end()),
            }
        })
        .collect()
}

#[test]
fn ics_plans_the_remaining_topics_in_topological_order() {
    let loaded = roadmap::model::bundled().unwrap();
    let progress = bundled_progress(&loaded);
    let roadmap = &loaded.roadmap;
    let options = Options {
        hours_per_week: 7.5,
        ..with_notes()
    };
    let events = parse_ics(&text(export::Format::Ics, &loaded, &progress, &options));

    let remaining: Vec<usize> = loaded
        .graph
        .topological_order()
        .iter()
        .copied()
        .filter(|&i| !progress.status(&roadmap.topics[i].id).is_cleared())
        .collect();
    assert_eq!(events.len(), remaining.len());
    let uids: HashSet<&str> = events.iter().map(|e| e.uid.as_str()).collect();
    assert_eq!(uids.len(), events.len(), "UIDs repeat");
    for (event, &i) in events.iter().zip(&remaining) {
        let topic = &roadmap.topics[i];
        assert_eq!(event.uid, format!("{}@{}.roadmap", topic.id, roadmap.id));
        assert_eq!(event.summary, topic.title);
        assert!(event.description.starts_with(&topic.summary));
        for source in &topic.sources {
            assert!(
                event
                    .description
                    .contains(&format!("{}\n{}", source.title, source.url))
            );
        }
        let note = progress.note(&topic.id);
        if !note.is_empty() {
            assert!(event.description.contains(note));
        }
        assert!(event.start < event.end, "{event:?}");
    }
    // In topological order by start date, each starting no earlier than the last one ended.
    assert_eq!(events[0].start, "2026-01-05");
    for pair in events.windows(2) {
        assert!(pair[0].start <= pair[1].start, "{pair:?}");
        assert!(pair[1].start >= pair[0].end || pair[1].start == pair[0].end_last_day());
    }
}

impl PlannedEvent {
    /// The last study day: the day before the exclusive DTEND.
    fn end_last_day(&self) -> String {
        let date: jiff::civil::Date = self.end.parse().unwrap();
        date.yesterday().unwrap().to_string()
    }
}

#[test]
fn ics_leaves_notes_out_unless_asked() {
    let loaded = minimal();
    let progress = minimal_progress();
    let events = parse_ics(&text(
        export::Format::Ics,
        &loaded,
        &progress,
        &Options::default(),
    ));
    assert_eq!(events.len(), 2);
    assert!(events.iter().all(|e| !e.description.contains("chapter 3")));
}

#[test]
fn ics_spreads_the_weekly_hours_over_weekdays() {
    let loaded = minimal();
    let progress = Progress::new("tiny");
    // Saturday: the plan starts on the Monday after. 5 h a week is 1 h a weekday: basics (3 h
    // by default) takes Monday to Wednesday, middle Thursday, Friday and Monday, end (2 h)
    // Tuesday and Wednesday.
    let options = Options {
        start: "2026-01-03".to_owned(),
        ..Options::default()
    };
    let events = parse_ics(&text(export::Format::Ics, &loaded, &progress, &options));
    let days: Vec<(&str, &str)> = events
        .iter()
        .map(|e| (e.start.as_str(), e.end.as_str()))
        .collect();
    assert_eq!(
        days,
        [
            ("2026-01-05", "2026-01-08"),
            ("2026-01-08", "2026-01-13"),
            ("2026-01-13", "2026-01-15"),
        ]
    );
}

#[test]
fn ics_refuses_a_bad_start_date_or_no_hours() {
    let loaded = minimal();
    let progress = Progress::new("tiny");
    let personal = Personal {
        loaded: &loaded,
        progress: &progress,
    };
    for (start, hours, expected) in [
        ("2026-02-30", 5.0, "2026-02-30"),
        ("05/01/2026", 5.0, "YYYY-MM-DD"),
        ("next monday", 5.0, "YYYY-MM-DD"),
        ("", 5.0, "YYYY-MM-DD"),
        ("2026-01-05", 0.0, "hours per week"),
        ("2026-01-05", -3.0, "hours per week"),
        ("2026-01-05", f64::NAN, "hours per week"),
        ("2026-01-05", 200.0, "hours per week"),
    ] {
        let options = Options {
            start: start.to_owned(),
            hours_per_week: hours,
            ..Options::default()
        };
        let error = export::export(export::Format::Ics, &personal, &options).unwrap_err();
        // An option the user can change, not a failure to write.
        assert!(
            matches!(error, export::ExportError::Options(_)),
            "{error:?}"
        );
        assert!(
            error.to_string().contains(expected),
            "`{start}`, {hours}: {error}"
        );
    }
}

#[test]
fn ics_refuses_an_empty_plan() {
    let loaded = minimal();
    let mut progress = Progress::new("tiny");
    for id in ["basics", "middle", "end"] {
        progress.set_status(id, Status::Done);
    }
    let personal = Personal {
        loaded: &loaded,
        progress: &progress,
    };
    let error = export::export(export::Format::Ics, &personal, &Options::default()).unwrap_err();
    assert!(error.to_string().contains("nothing to plan"), "{error}");
}

#[test]
fn ics_of_one_phase_plans_only_that_phase() {
    let loaded = roadmap::model::bundled().unwrap();
    let progress = bundled_progress(&loaded);
    let phase = loaded.roadmap.phases_in_order()[1].id.clone();
    let options = Options {
        phase: Some(phase.clone()),
        ..Options::default()
    };
    let events = parse_ics(&text(export::Format::Ics, &loaded, &progress, &options));
    let expected: Vec<String> = loaded
        .graph
        .topological_order()
        .iter()
        .map(|&i| &loaded.roadmap.topics[i])
        .filter(|t| t.phase == phase && !progress.status(&t.id).is_cleared())
        .map(|t| format!("{}@{}.roadmap", t.id, loaded.roadmap.id))
        .collect();
    let uids: Vec<String> = events.into_iter().map(|e| e.uid).collect();
    assert_eq!(uids, expected);
    assert!(!uids.is_empty());
}

#[test]
fn ics_escapes_and_folds_long_awkward_text() {
    let loaded = awkward();
    let ics = text(
        export::Format::Ics,
        &loaded,
        &Progress::new("awkward"),
        &Options::default(),
    );
    assert!(ics.contains("\r\n "), "nothing was folded");
    let events = parse_ics(&ics);
    assert_eq!(events.len(), 2);
    for (event, topic) in events.iter().zip(&loaded.roadmap.topics) {
        assert_eq!(event.summary, topic.title);
        assert!(event.description.starts_with(&topic.summary), "{event:?}");
    }
    assert!(
        events[0]
            .description
            .contains("https://example.com/a_(b)?q=1,2;3")
    );
}

// ---------------------------------------------------------------------------------------------
// Golden files and determinism

const FORMATS: [(export::Format, &str); 4] = [
    (export::Format::Markdown, "md"),
    (export::Format::Dot, "dot"),
    (export::Format::Mermaid, "mmd"),
    (export::Format::Ics, "ics"),
];

fn golden_path(extension: &str) -> PathBuf {
    manifest_dir().join(format!("tests/golden/minimal.{extension}"))
}

#[test]
fn exports_of_the_minimal_roadmap_match_the_golden_files() {
    let loaded = minimal();
    let progress = minimal_progress();
    let update = std::env::var_os("UPDATE_GOLDEN").is_some_and(|v| v == "1");
    for (format, extension) in FORMATS {
        let got = text(format, &loaded, &progress, &with_notes());
        let path = golden_path(extension);
        if update {
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, &got).unwrap();
            continue;
        }
        let expected = std::fs::read_to_string(&path).unwrap_or_else(|e| {
            panic!(
                "cannot read {}: {e}; run with UPDATE_GOLDEN=1 to write it",
                path.display()
            )
        });
        assert!(
            got == expected,
            "{} export differs from {}; if the change is meant, run \
             `UPDATE_GOLDEN=1 cargo test --test export_text` and review the diff.\n--- got:\n{got}",
            format.name(),
            path.display()
        );
    }
}

#[test]
fn golden_files_parse() {
    // The golden files are read back too, so a hand edit that breaks them is caught.
    let read = |ext: &str| std::fs::read_to_string(golden_path(ext)).unwrap();
    let md = parse_markdown(&read("md"));
    assert_eq!(md.tasks.len(), 3);
    assert_eq!(parse_dot(&read("dot")).nodes.len(), 3);
    assert_eq!(parse_mermaid(&read("mmd")).nodes.len(), 3);
    assert_eq!(parse_ics(&read("ics")).len(), 2);
}

#[test]
fn the_same_input_gives_the_same_bytes() {
    for loaded in [roadmap::model::bundled().unwrap(), minimal(), awkward()] {
        let progress = if loaded.roadmap.id == "tiny" {
            minimal_progress()
        } else if loaded.roadmap.id == "awkward" {
            Progress::new("awkward")
        } else {
            bundled_progress(&loaded)
        };
        // A fresh load each time, so nothing depends on one load's hash-map order.
        let again = roadmap::model::load_str(
            &serde_json::to_string(&loaded.roadmap).unwrap(),
            "again.json",
        )
        .unwrap();
        for (format, _) in FORMATS {
            for options in [Options::default(), with_notes()] {
                let first = text(format, &loaded, &progress, &options);
                let second = text(format, &again, &progress, &options);
                assert_eq!(first, second, "{}", format.name());
            }
        }
    }
}

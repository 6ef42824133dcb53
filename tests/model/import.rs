//! Other tools' files read as roadmaps: our own canvas export back to the same graph, canvases
//! and roadmap.sh roadmaps written for these tests, and broken files reported at their places.

#![allow(clippy::unwrap_used, reason = "a test that cannot unwrap has failed")]

use std::collections::{BTreeMap, BTreeSet};

use roadmap::export::{self, Format as ExportFormat, Options, Personal};
use roadmap::model::import::{self, Format, Report};
use roadmap::model::{self, LoadError, LoadedRoadmap, Progress, Status};

/// The roadmap.sh-shaped file written for these tests: 130 nodes, a main path of 26 topics
/// (two gaps drawn without an edge), 90 subtopics, 60 joined by an edge and 30 only drawn beside
/// their topic, and 14 nodes of other types.
const PLATFORM: &str = include_str!("../corpus/import/platform.roadmapsh.json");

fn import(text: &str, format: Format) -> (LoadedRoadmap, Report) {
    import::import_str(text, "test", "test", format).unwrap_or_else(|e| panic!("{e}"))
}

fn refused(text: &str, format: Format) -> LoadError {
    import::import_str(text, "test.canvas", "test", format).unwrap_err()
}

/// Every link of a roadmap by the titles it joins: (prerequisite, topic).
fn links_by_title(loaded: &LoadedRoadmap) -> BTreeSet<(String, String)> {
    let r = &loaded.roadmap;
    let title = |id: &str| r.topics.iter().find(|t| t.id == id).unwrap().title.clone();
    r.topics
        .iter()
        .flat_map(|t| t.prerequisites.iter().map(|p| (title(p), t.title.clone())))
        .collect()
}

/// Each phase's title with the titles of its topics, in the phases' order.
fn phases_by_title(loaded: &LoadedRoadmap) -> Vec<(String, BTreeSet<String>)> {
    let r = &loaded.roadmap;
    r.phases_in_order()
        .iter()
        .map(|p| {
            let topics = r
                .topics
                .iter()
                .filter(|t| t.phase == p.id)
                .map(|t| t.title.clone())
                .collect();
            (p.title.clone(), topics)
        })
        .collect()
}

#[test]
fn our_own_canvas_export_reads_back_as_the_same_graph_with_its_progress() {
    let bundled = model::bundled().unwrap();
    let mut progress = Progress::new(&bundled.roadmap.id);
    progress.set_status("foundation-models", Status::Done);
    progress.set_status("bedrock-overview", Status::Doing);
    progress.set_note("bedrock-overview", "Ask the team.\n\nThen try the console.");
    let personal = Personal {
        loaded: &bundled,
        progress: &progress,
    };
    let options = Options {
        notes: true,
        ..Options::default()
    };
    let bytes = export::export(ExportFormat::Canvas, &personal, &options).unwrap();
    let text = String::from_utf8(bytes).unwrap();
    assert_eq!(Format::of(&text), Format::Canvas);

    let (loaded, report) = import(&text, Format::Canvas);
    assert_eq!(links_by_title(&loaded), links_by_title(&bundled));
    assert_eq!(phases_by_title(&loaded), phases_by_title(&bundled));
    assert_eq!(report.topics, bundled.roadmap.topics.len());
    assert_eq!(report.links, bundled.roadmap.link_count());
    assert_eq!(report.unlinked, 0);
    // The summaries come back as the reader saw them; the status and note lines are progress.
    for (ours, theirs) in loaded.roadmap.topics.iter().zip(&bundled.roadmap.topics) {
        assert_eq!(
            ours.summary,
            bundled.plain(&theirs.summary),
            "{}",
            theirs.id
        );
        assert!(ours.rationale.is_empty() && ours.sources.is_empty());
    }
    let carried = loaded.carried_progress.as_ref().unwrap();
    let id_of = |title: &str| {
        let t = loaded.roadmap.topics.iter().find(|t| t.title == title);
        t.unwrap().id.clone()
    };
    let title_of = |id: &str| {
        bundled
            .topic(bundled.index_of(id).unwrap())
            .unwrap()
            .title
            .clone()
    };
    let done = id_of(&title_of("foundation-models"));
    let doing = id_of(&title_of("bedrock-overview"));
    assert_eq!(carried.status(&done), Status::Done);
    assert_eq!(carried.status(&doing), Status::Doing);
    assert_eq!(
        carried.note(&doing),
        "Ask the team.\n\nThen try the console."
    );
    // Imported topics are work in progress: warnings, not errors.
    assert!(!model::validate::unfinished(&loaded.roadmap).is_empty());
    assert!(model::validate(&loaded.roadmap).is_empty());
}

/// A canvas as a person might draw it: a later group above an earlier one would read first, so
/// the groups here sit top to bottom; a topic outside any group; a link node, a file node and an
/// edge drawn backwards; a wiki link to another topic.
const HANDMADE: &str = r##"{
  "nodes": [
    {"id": "g2", "type": "group", "x": 0, "y": 600, "width": 800, "height": 400, "label": "Go further"},
    {"id": "g1", "type": "group", "x": 0, "y": 0, "width": 800, "height": 400, "label": "Start here"},
    {"id": "a", "type": "text", "x": 20, "y": 20, "width": 200, "height": 80, "text": "# Vectors\nWhat an embedding is.\n\nRead [[Search by meaning|the next card]] after."},
    {"id": "b", "type": "text", "x": 300, "y": 20, "width": 200, "height": 80, "text": "Search by meaning\nFinding text by what it says."},
    {"id": "c", "type": "text", "x": 20, "y": 650, "width": 200, "height": 80, "text": "Answers from your documents"},
    {"id": "d", "type": "text", "x": 900, "y": 700, "width": 200, "height": 80, "text": "Measuring answers"},
    {"id": "e", "type": "text", "x": 900, "y": 100, "width": 200, "height": 80, "text": "\n\n"},
    {"id": "l", "type": "link", "x": 300, "y": 200, "width": 200, "height": 80, "url": "https://example.com/vectors"},
    {"id": "f", "type": "file", "x": 300, "y": 300, "width": 200, "height": 80, "file": "Notes/Search.md"},
    {"id": "l2", "type": "link", "x": 500, "y": 200, "width": 200, "height": 80, "url": "https://example.com/alone"}
  ],
  "edges": [
    {"id": "1", "fromNode": "a", "fromSide": "right", "toNode": "b", "toSide": "left"},
    {"id": "2", "fromNode": "c", "toNode": "b", "fromEnd": "arrow", "toEnd": "none"},
    {"id": "3", "fromNode": "c", "toNode": "d"},
    {"id": "4", "fromNode": "l", "toNode": "a", "label": "Embeddings explained"},
    {"id": "5", "fromNode": "b", "toNode": "f"},
    {"id": "6", "fromNode": "g1", "toNode": "g2"}
  ]
}"##;

#[test]
fn a_canvas_drawn_by_hand_gives_phases_in_reading_order_sources_and_links() {
    assert_eq!(Format::of(HANDMADE), Format::Canvas);
    let (loaded, report) = import(HANDMADE, Format::Canvas);
    let r = &loaded.roadmap;
    let phases = phases_by_title(&loaded);
    let titles = |list: &[&str]| {
        list.iter()
            .map(|s| (*s).to_owned())
            .collect::<BTreeSet<_>>()
    };
    assert_eq!(
        phases,
        vec![
            (
                "Start here".to_owned(),
                titles(&["Vectors", "Search by meaning"])
            ),
            (
                "Go further".to_owned(),
                // `d` sits outside the groups, nearest to "Go further".
                titles(&["Answers from your documents", "Measuring answers"])
            ),
        ]
    );
    let links = links_by_title(&loaded);
    let expected: BTreeSet<(String, String)> = [
        ("Vectors", "Search by meaning"),
        // Edge 2 has its arrow at the start: c needs b.
        ("Search by meaning", "Answers from your documents"),
        ("Answers from your documents", "Measuring answers"),
    ]
    .iter()
    .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
    .collect();
    assert_eq!(links, expected);
    let vectors = r.topics.iter().find(|t| t.title == "Vectors").unwrap();
    assert_eq!(vectors.sources.len(), 1);
    assert_eq!(vectors.sources[0].url, "https://example.com/vectors");
    assert_eq!(vectors.sources[0].title, "Embeddings explained");
    // The wiki link became a reference to the topic, with its words.
    let search = r
        .topics
        .iter()
        .find(|t| t.title == "Search by meaning")
        .unwrap();
    assert_eq!(
        vectors.summary,
        format!(
            "What an embedding is.\n\nRead [[{}|the next card]] after.",
            search.id
        )
    );
    assert!(
        search.summary.ends_with("Vault note: Notes/Search.md"),
        "{}",
        search.summary
    );
    assert_eq!(report.topics, 4);
    assert_eq!(report.links, 3);
    assert_eq!(report.unlinked, 0);
    let said = report.lines().join("\n");
    assert!(said.contains("1 empty text node"), "{said}");
    assert!(said.contains("1 link node joined to no topic"), "{said}");
    assert!(said.contains("1 edge not between two topics"), "{said}");
    assert!(said.contains("1 vault note"), "{said}");
}

#[test]
fn a_cycle_in_a_canvas_is_reported_with_the_titles_at_an_edge() {
    let text = r#"{
  "nodes": [
    {"id": "a", "type": "text", "x": 0, "y": 0, "width": 10, "height": 10, "text": "Alpha"},
    {"id": "b", "type": "text", "x": 0, "y": 20, "width": 10, "height": 10, "text": "Beta"}
  ],
  "edges": [
    {"id": "1", "fromNode": "a", "toNode": "b"},
    {"id": "2", "fromNode": "b", "toNode": "a"}
  ]
}"#;
    let e = refused(text, Format::Canvas);
    assert_eq!(e.diagnostics.len(), 1, "{e}");
    let d = &e.diagnostics[0];
    assert!(d.message.contains("cycle"), "{e}");
    assert!(
        d.message.contains("Alpha → Beta → Alpha") || d.message.contains("Beta → Alpha → Beta"),
        "{e}"
    );
    // At one of the two edges, lines 7 and 8.
    assert!(matches!(d.line, 7 | 8), "{e}");
    assert_eq!(d.column, 5, "{e}");
}

#[test]
fn broken_canvases_are_reported_at_their_places() {
    let dangling = r#"{
  "nodes": [
    {"id": "a", "type": "text", "x": 0, "y": 0, "width": 10, "height": 10, "text": "Alpha"}
  ],
  "edges": [
    {"id": "1", "fromNode": "a", "toNode": "nowhere"}
  ]
}"#;
    let e = refused(dangling, Format::Canvas);
    assert_eq!(
        e.lines().collect::<Vec<_>>(),
        ["test.canvas:6:5: edge `1` joins node `nowhere`, which the canvas does not have"]
    );
    let untyped = r#"{
  "nodes": [
    {"id": "a", "type": "text", "text": "Alpha"},
    {"id": "b", "text": "Beta"}
  ]
}"#;
    let e = refused(untyped, Format::Canvas);
    assert_eq!(e.diagnostics.len(), 1, "{e}");
    assert_eq!(e.diagnostics[0].line, 4, "{e}");
    assert!(e.diagnostics[0].message.contains("node 2"), "{e}");
    assert!(e.diagnostics[0].message.contains("type"), "{e}");
    let cut = &dangling[..dangling.len() / 2];
    let e = import::open_bytes(cut.as_bytes(), "cut.canvas", "cut").unwrap_err();
    assert!(e.diagnostics[0].line > 0, "{e}");
    let empty = r#"{"nodes": [], "edges": []}"#;
    let e = refused(empty, Format::Canvas);
    assert!(e.diagnostics[0].message.contains("no topic"), "{e}");
}

/// A small roadmap.sh roadmap with two sections: a main path joined by edges, one topic joined
/// by none, subtopics joined by an edge (either way) or only drawn beside their topic.
const SECTIONS: &str = r#"{
  "nodes": [
    {"id": "t", "type": "title", "position": {"x": 200, "y": -100}, "width": 200, "height": 50, "data": {"label": "Data work"}},
    {"id": "s2", "type": "section", "position": {"x": 0, "y": 500}, "width": 900, "height": 400, "data": {"label": "Later"}},
    {"id": "s1", "type": "section", "position": {"x": 0, "y": 0}, "width": 900, "height": 400, "data": {"label": ""}},
    {"id": "a", "type": "topic", "position": {"x": 300, "y": 50}, "width": 200, "height": 50, "data": {"label": "Tables"}},
    {"id": "b", "type": "topic", "position": {"x": 300, "y": 250}, "width": 200, "height": 50, "data": {"label": "Queries"}},
    {"id": "c", "type": "topic", "position": {"x": 300, "y": 600}, "width": 200, "height": 50, "data": {"label": "Indexes"}},
    {"id": "x1", "type": "subtopic", "position": {"x": 20, "y": 40}, "width": 150, "height": 40, "data": {"label": "Keys"}},
    {"id": "x2", "type": "subtopic", "position": {"x": 650, "y": 260}, "style": {"width": 150, "height": 40}, "data": {"label": "Joins"}},
    {"id": "x3", "type": "subtopic", "position": {"x": 650, "y": 610}, "measured": {"width": 150, "height": 40}, "data": {"label": "B-trees"}},
    {"id": "x4", "type": "subtopic", "position": {"x": 20, "y": 240}, "width": 150, "height": 40, "data": {"label": "Filters"}},
    {"id": "p", "type": "paragraph", "position": {"x": 0, "y": 950}, "data": {"label": "The end."}},
    {"id": "v", "type": "vertical", "position": {"x": 390, "y": 300}, "data": {}},
    {"id": "empty", "type": "topic", "position": {"x": 300, "y": 800}, "data": {"label": "  "}}
  ],
  "edges": [
    {"id": "e1", "source": "a", "target": "b"},
    {"id": "e2", "source": "a", "target": "x1"},
    {"id": "e3", "source": "x2", "target": "a"},
    {"id": "e4", "source": "b", "target": "p"},
    {"id": "e5", "source": "x1", "target": "x4"}
  ]
}"#;

#[test]
fn a_roadmap_sh_roadmap_follows_its_main_path_sections_and_subtopics() {
    assert_eq!(Format::of(SECTIONS), Format::RoadmapSh);
    let (loaded, report) = import(SECTIONS, Format::RoadmapSh);
    let r = &loaded.roadmap;
    assert_eq!(r.title, "Data work");
    let titles = |list: &[&str]| {
        list.iter()
            .map(|s| (*s).to_owned())
            .collect::<BTreeSet<_>>()
    };
    assert_eq!(
        phases_by_title(&loaded),
        vec![
            // A section without words is named by its place.
            (
                "Phase 1".to_owned(),
                titles(&["Tables", "Queries", "Keys", "Joins", "Filters"])
            ),
            ("Later".to_owned(), titles(&["Indexes", "B-trees"])),
        ]
    );
    let expected: BTreeSet<(String, String)> = [
        ("Tables", "Queries"),
        // No edge joins Indexes: it follows the topic above it.
        ("Queries", "Indexes"),
        // Joined by an edge, drawn either way.
        ("Tables", "Keys"),
        ("Tables", "Joins"),
        // Joined only by being drawn beside a topic.
        ("Indexes", "B-trees"),
        ("Queries", "Filters"),
    ]
    .iter()
    .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
    .collect();
    assert_eq!(links_by_title(&loaded), expected);
    assert_eq!(report.unlinked, 0);
    let said = report.lines().join("\n");
    for part in [
        "1 `paragraph` node",
        "1 `vertical` node",
        "1 `topic` node without words",
        "1 edge between two subtopics",
        "1 edge to left-out nodes",
        "2 subtopics without an edge hung from the nearest topic",
        "1 part of the main path without an edge joined to the topic above",
    ] {
        assert!(said.contains(part), "{part}: {said}");
    }
}

#[test]
fn the_130_node_roadmap_sh_file_becomes_one_connected_map() {
    let (loaded, report) = import(PLATFORM, Format::RoadmapSh);
    let file: serde_json::Value = serde_json::from_str(PLATFORM).unwrap();
    let nodes = file["nodes"].as_array().unwrap();
    assert_eq!(nodes.len(), 130);
    let kind_of = |id: &str| {
        let n = nodes.iter().find(|n| n["id"] == id).unwrap();
        n["type"].as_str().unwrap().to_owned()
    };
    let label: BTreeMap<&str, &str> = nodes
        .iter()
        .map(|n| {
            (
                n["id"].as_str().unwrap(),
                n["data"]["label"].as_str().unwrap(),
            )
        })
        .collect();
    let r = &loaded.roadmap;
    assert_eq!(r.title, "Platform engineering");
    assert_eq!(r.topics.len(), 116);
    assert_eq!(report.unlinked, 0);
    assert_eq!(report.topics, 116);
    let by_title = |title: &str| r.topics.iter().find(|t| t.title == title).unwrap();
    // The main path in the file's order, each topic after the one before it.
    let main: Vec<&str> = nodes
        .iter()
        .filter(|n| n["type"] == "topic")
        .map(|n| n["data"]["label"].as_str().unwrap())
        .collect();
    assert_eq!(main.len(), 26);
    for pair in main.windows(2) {
        let (before, after) = (by_title(pair[0]), by_title(pair[1]));
        assert_eq!(
            after.prerequisites,
            std::slice::from_ref(&before.id),
            "{}",
            pair[1]
        );
    }
    // Each subtopic hangs from one topic: the one its edge joins, else the one on its row.
    let edges = file["edges"].as_array().unwrap();
    for n in nodes.iter().filter(|n| n["type"] == "subtopic") {
        let id = n["id"].as_str().unwrap();
        let topic = by_title(label[id]);
        let joined = edges.iter().find_map(|e| {
            let (s, t) = (e["source"].as_str().unwrap(), e["target"].as_str().unwrap());
            match (s == id, t == id) {
                (true, _) if kind_of(t) == "topic" => Some(t),
                (_, true) if kind_of(s) == "topic" => Some(s),
                _ => None,
            }
        });
        // The file's subtopic ids are `s` + the topic's two digits + a number.
        let row = format!("t{}", &id[1..3]);
        let parent = joined.unwrap_or(&row);
        assert_eq!(
            topic.prerequisites,
            [by_title(label[parent]).id.clone()],
            "{}",
            label[id]
        );
    }
    let said = report.lines().join("\n");
    assert!(said.contains("30 subtopics without an edge hung"), "{said}");
    assert!(said.contains("2 parts of the main path"), "{said}");
    assert!(said.contains("4 `button` nodes"), "{said}");
    // What the import writes loads as a roadmap file, and again to the same roadmap.
    let text = model::write::canonical(r);
    let again = model::load_str(&text, "platform.json").unwrap();
    assert_eq!(&again.roadmap, r);
}

#[test]
fn files_are_told_apart_by_their_content() {
    assert_eq!(Format::of(model::load::BUNDLED_JSON), Format::Roadmap);
    assert_eq!(Format::of(PLATFORM), Format::RoadmapSh);
    assert_eq!(Format::of(HANDMADE), Format::Canvas);
    assert_eq!(Format::of("not json"), Format::Roadmap);
    let opened = import::open_bytes(model::load::BUNDLED_JSON.as_bytes(), "r.json", "r").unwrap();
    assert!(opened.report.is_none());
    let opened = import::open_bytes(PLATFORM.as_bytes(), "p.json", "p").unwrap();
    assert_eq!(opened.report.unwrap().format, Format::RoadmapSh);
}

#[test]
fn cut_or_damaged_imports_never_panic_and_say_where() {
    // Every few bytes of the small files, and every 401st of the big one (a debug build takes
    // a while over each of its 90 KB).
    for (text, step) in [(HANDMADE, 7), (SECTIONS, 7), (PLATFORM, 401)] {
        for at in (0..text.len()).step_by(step) {
            let Some(cut) = text.get(..at) else { continue };
            if let Err(e) = import::open_bytes(cut.as_bytes(), "cut", "cut") {
                assert!(!e.diagnostics.is_empty());
            }
        }
        if step > 7 {
            continue;
        }
        // Every string value turned into a number, one at a time.
        let mut at = 0;
        while let Some(k) = text[at..].find(": \"").map(|k| at + k) {
            let end = text[k + 3..]
                .find('"')
                .map_or(text.len(), |e| k + 3 + e + 1);
            let damaged = format!("{}: 7{}", &text[..k], &text[end..]);
            if let Ok(opened) = import::open_bytes(damaged.as_bytes(), "d", "d") {
                assert!(model::validate(&opened.loaded.roadmap).is_empty());
            }
            at = k + 3;
        }
    }
}

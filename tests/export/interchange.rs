//! The formats other tools open: JSON Canvas (Obsidian) and draw.io, read back with a JSON and
//! an XML parser: every topic, phase and link is there, at our layout's places.

#![allow(clippy::unwrap_used, reason = "a test that cannot unwrap has failed")]

use std::collections::BTreeSet;

use roadmap::export::{self, Format, Options, Personal, canvas, svg};
use roadmap::model::{self, Progress, Status};

fn personal_export(format: Format) -> (String, svg::Picture) {
    let loaded = model::bundled().unwrap();
    let mut progress = Progress::new(&loaded.roadmap.id);
    progress.set_status("foundation-models", Status::Done);
    progress.set_status("bedrock-overview", Status::Doing);
    let personal = Personal {
        loaded: &loaded,
        progress: &progress,
    };
    let bytes = export::export(format, &personal, &Options::default()).unwrap();
    let picture = svg::picture(&personal, &Options::default()).unwrap();
    (String::from_utf8(bytes).unwrap(), picture)
}

#[test]
fn the_canvas_has_a_node_per_topic_at_its_place_a_group_per_phase_and_every_link() {
    let loaded = model::bundled().unwrap();
    let (text, picture) = personal_export(Format::Canvas);
    let canvas: serde_json::Value = serde_json::from_str(&text).unwrap();
    let nodes = canvas["nodes"].as_array().unwrap();
    let edges = canvas["edges"].as_array().unwrap();
    let of = |kind: &str| nodes.iter().filter(|n| n["type"] == kind).count();
    assert_eq!(of("group"), loaded.roadmap.phases.len());
    assert_eq!(of("text"), loaded.roadmap.topics.len());
    assert_eq!(edges.len(), loaded.roadmap.link_count());
    let ids: BTreeSet<&str> = nodes.iter().map(|n| n["id"].as_str().unwrap()).collect();
    assert_eq!(ids.len(), nodes.len(), "ids are unique");
    for e in edges {
        assert!(ids.contains(e["fromNode"].as_str().unwrap()), "{e}");
        assert!(ids.contains(e["toNode"].as_str().unwrap()), "{e}");
    }
    for (i, t) in loaded.roadmap.topics.iter().enumerate() {
        let node = nodes
            .iter()
            .find(|n| n["id"] == format!("topic-{}", t.id))
            .unwrap();
        let r = picture.topics[i];
        let at = |v: f32| f64::from((v * canvas::SCALE).round());
        #[allow(
            clippy::cast_precision_loss,
            reason = "canvas coordinates are small whole numbers"
        )]
        let got = |k: &str| node[k].as_i64().unwrap() as f64;
        assert!((got("x") - at(r.min.x)).abs() < 0.5, "{}", t.id);
        assert!((got("y") - at(r.min.y)).abs() < 0.5, "{}", t.id);
        assert!(
            node["text"]
                .as_str()
                .unwrap()
                .starts_with(&format!("## {}\n", t.title))
        );
    }
    let done = nodes
        .iter()
        .find(|n| n["id"] == "topic-foundation-models")
        .unwrap();
    assert_eq!(done["color"], "4");
    assert!(done["text"].as_str().unwrap().ends_with("Status: done"));
}

#[test]
fn the_drawio_file_has_containers_vertices_and_edges_through_our_bends() {
    let loaded = model::bundled().unwrap();
    let (text, picture) = personal_export(Format::Drawio);
    let doc = roxmltree::Document::parse(&text).unwrap();
    let topics: Vec<roxmltree::Node<'_, '_>> = doc
        .descendants()
        .filter(|n| n.has_tag_name("object"))
        .collect();
    assert_eq!(topics.len(), loaded.roadmap.topics.len());
    let containers: Vec<_> = doc
        .descendants()
        .filter(|n| {
            n.has_tag_name("mxCell")
                && n.attribute("style")
                    .is_some_and(|s| s.starts_with("swimlane"))
        })
        .collect();
    assert_eq!(containers.len(), loaded.roadmap.phases.len());
    let ids: BTreeSet<&str> = doc
        .descendants()
        .filter_map(|n| n.attribute("id"))
        .collect();
    let edges: Vec<_> = doc
        .descendants()
        .filter(|n| n.attribute("edge") == Some("1"))
        .collect();
    assert_eq!(edges.len(), loaded.roadmap.link_count());
    let number =
        |n: roxmltree::Node<'_, '_>, a: &str| n.attribute(a).unwrap().parse::<f32>().unwrap();
    for e in &edges {
        assert!(ids.contains(e.attribute("source").unwrap()));
        assert!(ids.contains(e.attribute("target").unwrap()));
    }
    // Each topic sits where our layout put it: its container's corner plus its own place.
    for (i, t) in loaded.roadmap.topics.iter().enumerate() {
        let object = topics
            .iter()
            .find(|o| o.attribute("id") == Some(&format!("topic-{}", t.id)))
            .unwrap();
        // The label is HTML, as draw.io reads it: its text is the title.
        let label = scraper::Html::parse_fragment(object.attribute("label").unwrap());
        assert_eq!(label.root_element().text().collect::<String>(), t.title);
        let cell = object.first_element_child().unwrap();
        let geometry = cell.first_element_child().unwrap();
        let parent = cell.attribute("parent").unwrap();
        let container = containers
            .iter()
            .find(|c| c.attribute("id") == Some(parent))
            .unwrap();
        let corner = container.first_element_child().unwrap();
        let x = number(corner, "x") + number(geometry, "x");
        let y = number(corner, "y") + number(geometry, "y");
        let r = picture.topics[i];
        assert!(
            (x - r.min.x).abs() < 0.2 && (y - r.min.y).abs() < 0.2,
            "{}: {x},{y} {r:?}",
            t.id
        );
    }
    // Every edge runs through our route's bends.
    for (k, ((a, b), points)) in picture.arrows.iter().enumerate() {
        let e = edges[k];
        assert_eq!(
            e.attribute("source").unwrap(),
            format!("topic-{}", loaded.roadmap.topics[*a].id)
        );
        assert_eq!(
            e.attribute("target").unwrap(),
            format!("topic-{}", loaded.roadmap.topics[*b].id)
        );
        let bends: Vec<(f32, f32)> = e
            .descendants()
            .filter(|n| n.has_tag_name("mxPoint"))
            .map(|p| (number(p, "x"), number(p, "y")))
            .collect();
        assert_eq!(bends.len(), points.len() - 2);
        for (p, q) in bends.iter().zip(&points[1..]) {
            assert!((p.0 - q.x).abs() < 0.2 && (p.1 - q.y).abs() < 0.2);
        }
    }
}

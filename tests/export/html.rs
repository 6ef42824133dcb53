//! The handout (`--format html`), read back with an HTML parser: one page holding the map and
//! every topic, with no script and no request to anywhere.

#![allow(clippy::unwrap_used, reason = "a test that cannot unwrap has failed")]

use std::collections::BTreeSet;

use roadmap::export::{self, Format, Options, Personal};
use roadmap::model::{self, Progress, Status};
use scraper::{Html, Selector};

fn select(page: &Html, css: &str) -> Vec<String> {
    page.select(&Selector::parse(css).unwrap())
        .map(|e| e.text().collect::<String>())
        .collect()
}

fn handout(progress: &Progress, options: &Options) -> Html {
    let loaded = model::bundled().unwrap();
    let personal = Personal {
        loaded: &loaded,
        progress,
    };
    let bytes = export::export(Format::Html, &personal, options).unwrap();
    Html::parse_document(&String::from_utf8(bytes).unwrap())
}

#[test]
fn the_handout_holds_the_map_and_every_topic_with_links_that_lead_somewhere() {
    let loaded = model::bundled().unwrap();
    let mut progress = Progress::new(&loaded.roadmap.id);
    progress.set_status("foundation-models", Status::Done);
    progress.set_status("knowledge-bases", Status::Doing);
    progress.set_note("knowledge-bases", "Try <chunking> & hybrid search");
    let page = handout(
        &progress,
        &Options {
            notes: true,
            ..Options::default()
        },
    );

    // Every topic has a section, phase by phase, with its title, and its rationale as read.
    let ids: Vec<String> = page
        .select(&Selector::parse("article.topic").unwrap())
        .map(|e| e.value().id().unwrap().to_owned())
        .collect();
    assert_eq!(ids.len(), loaded.roadmap.topics.len());
    for t in &loaded.roadmap.topics {
        let section = format!("article#t-{}", t.id);
        let text = select(&page, &section).concat();
        assert!(text.contains(&t.title), "{}", t.id);
        assert!(
            text.contains(loaded.plain(&t.rationale).as_ref()),
            "{}",
            t.id
        );
        for s in &t.sources {
            assert!(text.contains(&s.title), "{}: {}", t.id, s.title);
        }
    }
    let phases = select(&page, "section.phase > h2");
    assert_eq!(
        phases,
        ["Phase 1: Deliver GenAI value", "Phase 2: Own and evolve AI"]
    );

    // Every link inside the page has its target; every other link is a source, over http(s).
    let targets: BTreeSet<String> = page
        .select(&Selector::parse("[id]").unwrap())
        .map(|e| e.value().id().unwrap().to_owned())
        .collect();
    let mut inside = 0;
    for a in page.select(&Selector::parse("a[href]").unwrap()) {
        let href = a.value().attr("href").unwrap();
        if let Some(id) = href.strip_prefix('#') {
            assert!(targets.contains(id), "no target for {href}");
            inside += 1;
        } else {
            assert!(
                href.starts_with("https://") || href.starts_with("http://"),
                "{href}"
            );
        }
    }
    // The map's topics link to their sections, and so do the references in the texts.
    assert!(inside > 2 * loaded.roadmap.topics.len(), "{inside}");
    let map_links = page
        .select(&Selector::parse("svg a[href^='#t-']").unwrap())
        .count();
    assert_eq!(map_links, loaded.roadmap.topics.len());

    // Nothing runs and nothing is fetched.
    assert_eq!(page.select(&Selector::parse("script").unwrap()).count(), 0);
    for css in [
        "img[src]",
        "link[href]",
        "iframe",
        "object",
        "embed",
        "[src]",
    ] {
        assert_eq!(
            page.select(&Selector::parse(css).unwrap()).count(),
            0,
            "{css}"
        );
    }
    let style = select(&page, "style").concat();
    assert!(
        !style.contains("url("),
        "no fetched font or image in the styles"
    );
    assert!(style.contains("@media print"));

    // Status and the private note, escaped, where the user recorded them.
    assert_eq!(
        select(&page, "article#t-foundation-models .status"),
        ["done"]
    );
    let note = select(&page, "article#t-knowledge-bases .note").concat();
    assert_eq!(note, "My note: Try <chunking> & hybrid search");
    let without = handout(
        &progress,
        &Options {
            notes: false,
            ..Options::default()
        },
    );
    assert!(
        select(&without, ".note").is_empty(),
        "notes stay out when not chosen"
    );
}

#[test]
fn one_phase_makes_a_handout_of_its_topics_only() {
    let loaded = model::bundled().unwrap();
    let progress = Progress::new(&loaded.roadmap.id);
    let page = handout(
        &progress,
        &Options {
            phase: Some("sagemaker".to_owned()),
            ..Options::default()
        },
    );
    let n = loaded
        .roadmap
        .topics
        .iter()
        .filter(|t| t.phase == "sagemaker")
        .count();
    assert_eq!(select(&page, "article.topic h3").len(), n);
    assert_eq!(
        select(&page, "section.phase > h2"),
        ["Phase 2: Own and evolve AI"]
    );
    // A reference to a topic of the other phase is words, not a dead link.
    let targets: BTreeSet<String> = page
        .select(&Selector::parse("[id]").unwrap())
        .map(|e| e.value().id().unwrap().to_owned())
        .collect();
    for a in page.select(&Selector::parse("a[href^='#']").unwrap()) {
        let href = a.value().attr("href").unwrap();
        assert!(targets.contains(&href[1..]), "no target for {href}");
    }
}

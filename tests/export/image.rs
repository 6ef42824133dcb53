//! The picture exports, read back with real parsers: the SVG with usvg and an XML parser, the
//! PNG decoded, the PDF opened with a PDF reader (pages, appendix text, link targets).

#![allow(clippy::unwrap_used, reason = "a test that cannot unwrap has failed")]

use crate::common::media_box;
use roadmap::export::{self, Format, Options, Personal, png, svg};
use roadmap::fonts;
use roadmap::model::{self, LoadedRoadmap, Progress, Status};
use roadmap::picture::palette::Look;

fn progress(loaded: &LoadedRoadmap) -> Progress {
    let mut p = Progress::new(&loaded.roadmap.id);
    p.set_status("foundation-models", Status::Done);
    p.set_status("bedrock-overview", Status::Done);
    p.set_status("tokens-and-context", Status::Doing);
    p.set_status("bedrock-model-catalog", Status::Skipped);
    p.set_note("tokens-and-context", "secret: ask about quotas");
    p.goal = Some("knowledge-bases".to_owned());
    p
}

fn make(format: Format, loaded: &LoadedRoadmap, options: &Options) -> Vec<u8> {
    let progress = progress(loaded);
    let personal = Personal {
        loaded,
        progress: &progress,
    };
    export::export(format, &personal, options).unwrap()
}

/// Every topic group of the SVG: its id and its class.
fn topic_groups(svg: &str) -> Vec<(String, String)> {
    let doc = roxmltree::Document::parse(svg).unwrap();
    doc.descendants()
        .filter(|n| n.has_tag_name("g"))
        .filter_map(|n| {
            let id = n.attribute("id")?.strip_prefix("topic-")?;
            Some((id.to_owned(), n.attribute("class").unwrap_or("").to_owned()))
        })
        .collect()
}

#[test]
fn the_svg_holds_every_topic_with_its_status_and_its_title_as_text() {
    let loaded = model::bundled().unwrap();
    let svg = String::from_utf8(make(Format::Svg, &loaded, &Options::default())).unwrap();

    let groups = topic_groups(&svg);
    assert_eq!(groups.len(), loaded.roadmap.topics.len());
    let class_of = |id: &str| {
        groups
            .iter()
            .find(|(g, _)| g == id)
            .map(|(_, c)| c.clone())
            .unwrap()
    };
    assert_eq!(class_of("foundation-models"), "topic done");
    assert_eq!(class_of("tokens-and-context"), "topic doing");
    assert_eq!(class_of("bedrock-model-catalog"), "topic skipped");
    assert_eq!(class_of("knowledge-bases"), "topic locked");

    // usvg reads it, and the titles are text nodes, not outlines.
    let tree = resvg::usvg::Tree::from_str(&svg, &fonts::usvg_options()).unwrap();
    assert!(tree.size().width() > 1000.0 && tree.size().height() > 300.0);
    let group = tree.node_by_id("topic-bedrock-overview").unwrap();
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let words: String = doc
        .descendants()
        .filter(|n| n.has_tag_name("text"))
        .filter_map(|n| n.text())
        .collect::<Vec<_>>()
        .join(" ");
    assert!(words.contains("Amazon Bedrock:"), "{words}");
    assert!(matches!(group, resvg::usvg::Node::Group(_)));
    // Header, phases and legend are there too.
    for id in ["header", "phases", "arrows", "legend"] {
        assert!(tree.node_by_id(id).is_some(), "no {id}");
    }
    // One arrow per prerequisite link.
    let arrows = doc
        .descendants()
        .find(|n| n.attribute("id") == Some("arrows"))
        .unwrap();
    let paths = arrows.children().filter(|n| n.has_tag_name("path")).count();
    assert_eq!(paths, loaded.roadmap.link_count());
}

#[test]
fn the_dark_theme_changes_the_background_and_one_phase_keeps_only_its_topics() {
    let loaded = model::bundled().unwrap();
    let background = |svg: &str| {
        let doc = roxmltree::Document::parse(svg).unwrap();
        let rect = doc.descendants().find(|n| n.has_tag_name("rect")).unwrap();
        rect.attribute("fill").unwrap().to_owned()
    };
    let light = String::from_utf8(make(Format::Svg, &loaded, &Options::default())).unwrap();
    let dark = String::from_utf8(make(
        Format::Svg,
        &loaded,
        &Options {
            look: roadmap::picture::palette::Look::Dark,
            ..Options::default()
        },
    ))
    .unwrap();
    let luminance = |hex: &str| {
        let v = u32::from_str_radix(hex.trim_start_matches('#'), 16).unwrap();
        (v >> 16) + ((v >> 8) & 0xff) + (v & 0xff)
    };
    assert!(luminance(&background(&light)) > 600);
    assert!(luminance(&background(&dark)) < 200);

    let phase = String::from_utf8(make(
        Format::Svg,
        &loaded,
        &Options {
            phase: Some("sagemaker".to_owned()),
            ..Options::default()
        },
    ))
    .unwrap();
    let ids: Vec<String> = topic_groups(&phase).into_iter().map(|(id, _)| id).collect();
    let expected: Vec<&str> = loaded
        .roadmap
        .topics
        .iter()
        .filter(|t| t.phase == "sagemaker")
        .map(|t| t.id.as_str())
        .collect();
    assert_eq!(ids, expected);
}

#[test]
fn hostile_titles_cannot_break_the_svg() {
    let text = include_str!("../../roadmap.json").replacen(
        "\"title\": \"What a foundation model is\"",
        "\"title\": \"<script>alert('x')</script> & \\\"quotes\\\" ]]>\"",
        1,
    );
    let loaded = model::load_str(&text, "hostile.json").unwrap();
    let svg = String::from_utf8(make(Format::Svg, &loaded, &Options::default())).unwrap();
    let doc = roxmltree::Document::parse(&svg).unwrap();
    assert!(doc.descendants().all(|n| !n.has_tag_name("script")));
    let found = doc
        .descendants()
        .filter(|n| n.has_tag_name("text"))
        .filter_map(|n| n.text())
        .collect::<String>();
    assert!(found.contains("<script>alert('x')</script>"), "{found}");
}

#[test]
fn the_png_decodes_at_the_scale_asked_for() {
    let loaded = model::bundled().unwrap();
    let picture = {
        let progress = progress(&loaded);
        svg::picture(
            &Personal {
                loaded: &loaded,
                progress: &progress,
            },
            &Options::default(),
        )
        .unwrap()
    };
    for (scale, look) in [(1.0, Look::Light), (2.0, Look::Dark)] {
        let bytes = make(
            Format::Png,
            &loaded,
            &Options {
                scale,
                look,
                ..Options::default()
            },
        );
        let dark = look == Look::Dark;
        let image = image::load_from_memory_with_format(&bytes, image::ImageFormat::Png)
            .unwrap()
            .to_rgba8();
        let fitted = png::fitting_scale(picture.size, scale);
        assert!((fitted - scale).abs() < f32::EPSILON, "not scaled down");
        let expected = |points: f32| f64::from((points * scale).ceil());
        assert!((f64::from(image.width()) - expected(picture.size.x)).abs() < 0.5);
        assert!((f64::from(image.height()) - expected(picture.size.y)).abs() < 0.5);
        // The corner is the background; somewhere there is ink of the other lightness.
        let corner = image.get_pixel(1, 1);
        let light = |p: &image::Rgba<u8>| u32::from(p[0]) + u32::from(p[1]) + u32::from(p[2]);
        assert_eq!(light(corner) < 200, dark);
        let contrasting = image.pixels().filter(|p| (light(p) < 200) != dark).count();
        assert!(contrasting > 2_000, "{contrasting} contrasting pixels");
    }
}

#[test]
fn a_huge_png_is_scaled_down_to_fit_the_limits() {
    let size = egui::vec2(40_000.0, 3_000.0);
    let s = png::fitting_scale(size, 2.0);
    assert!(size.x * s <= png::MAX_SIDE as f32);
    assert!(f64::from(size.x * s) * f64::from(size.y * s) <= png::MAX_PIXELS as f64);
    assert!((png::fitting_scale(egui::vec2(100.0, 100.0), 2.0) - 2.0).abs() < f32::EPSILON);
    assert!((png::fitting_scale(egui::vec2(100.0, 100.0), f32::NAN) - 1.0).abs() < f32::EPSILON);
}

/// The URIs of the link annotations on a page.
fn link_targets(doc: &lopdf::Document, page: lopdf::ObjectId) -> Vec<String> {
    doc.get_page_annotations(page)
        .unwrap()
        .into_iter()
        .filter_map(|a| {
            let action = match a.get(b"A").ok()? {
                lopdf::Object::Reference(r) => doc.get_dictionary(*r).ok()?,
                lopdf::Object::Dictionary(d) => d,
                _ => return None,
            };
            let uri = action.get(b"URI").ok()?.as_str().ok()?;
            Some(String::from_utf8_lossy(uri).into_owned())
        })
        .collect()
}

/// How the bundled roadmap's map is set on A4.
fn map_plan(loaded: &model::LoadedRoadmap) -> roadmap::export::pdf::MapPlan {
    let picture = roadmap::export::svg::picture(
        &Personal {
            loaded,
            progress: &Progress::new(&loaded.roadmap.id),
        },
        &Options::default(),
    )
    .unwrap();
    roadmap::export::pdf::MapPlan::new((picture.size.x, picture.size.y), roadmap::export::Paper::A4)
}

#[test]
fn the_pdf_map_is_printed_on_a4_whole_then_in_readable_parts() {
    let loaded = model::bundled().unwrap();
    let bytes = make(Format::Pdf, &loaded, &Options::default());
    let doc = lopdf::Document::load_mem(&bytes).unwrap();
    let pages = doc.get_pages();
    // Every page is a sheet of A4, the map's in landscape (it is wider than tall): first the
    // whole map, then the parts that show it with titles of at least 7 points.
    let media = |n: u32| media_box(&doc, pages[&n]);
    let plan = map_plan(&loaded);
    assert!(
        plan.part * 14.0 >= 7.0,
        "titles of {} points",
        plan.part * 14.0
    );
    assert!(plan.pages() > 1, "a map this wide is printed in parts");
    let map_pages = u32::try_from(plan.pages()).unwrap();
    for n in 1..=u32::try_from(pages.len()).unwrap() {
        let [x0, y0, x1, y1] = media(n)[..] else {
            panic!("page {n}");
        };
        let (w, h) = (x1 - x0, y1 - y0);
        let sheet = if n <= map_pages {
            (841.89, 595.28)
        } else {
            (595.28, 841.89)
        };
        assert!(
            (w - sheet.0).abs() < 0.5 && (h - sheet.1).abs() < 0.5,
            "page {n} is {w} by {h}"
        );
    }
    let overview = doc.extract_text(&[1]).unwrap();
    assert!(
        overview.contains(&format!("parts 1 to {}", plan.pages() - 1)),
        "{overview}"
    );
    let part = doc.extract_text(&[2]).unwrap();
    assert!(part.contains("part 1 of"), "{part}");
}

#[test]
fn the_pdf_has_the_map_then_an_appendix_with_rationales_and_clickable_sources() {
    let loaded = model::bundled().unwrap();
    let bytes = make(Format::Pdf, &loaded, &Options::default());
    let doc = lopdf::Document::load_mem(&bytes).unwrap();
    let pages = doc.get_pages();
    assert!(pages.len() >= 10, "{} pages", pages.len());

    let map_pages = map_plan(&loaded).pages();
    let map_pages = u32::try_from(map_pages).unwrap();

    // The appendix holds every topic's title and the start of its rationale.
    let numbers: Vec<u32> = pages.keys().copied().filter(|&n| n > map_pages).collect();
    let text = doc.extract_text(&numbers).unwrap();
    let squashed: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for topic in &loaded.roadmap.topics {
        assert!(squashed.contains(&topic.title), "no title {}", topic.title);
        // References read as the titles they name.
        let start: String = loaded
            .plain(&topic.rationale)
            .split_whitespace()
            .take(4)
            .collect::<Vec<_>>()
            .join(" ");
        assert!(squashed.contains(&start), "no rationale of {}", topic.id);
    }
    assert!(!squashed.contains("[["), "a reference shows raw");
    assert!(squashed.contains("Status: done"));
    assert!(
        !squashed.contains("secret: ask about quotas"),
        "notes are out by default"
    );

    // Every source is a link to its address.
    let mut targets: Vec<String> = numbers
        .iter()
        .flat_map(|n| link_targets(&doc, pages[n]))
        .collect();
    targets.sort();
    targets.dedup();
    let mut urls: Vec<String> = loaded
        .roadmap
        .topics
        .iter()
        .flat_map(|t| t.sources.iter().map(|s| s.url.clone()))
        .collect();
    urls.sort();
    urls.dedup();
    assert_eq!(targets, urls);

    // Every reference between topics is a link to the entry of the topic it names.
    let page_of: std::collections::HashMap<lopdf::ObjectId, u32> =
        pages.iter().map(|(n, id)| (*id, *n)).collect();
    let mut internal = 0;
    for &n in &numbers {
        for a in doc.get_page_annotations(pages[&n]).unwrap() {
            let Ok(dest) = a.get(b"Dest") else {
                continue;
            };
            let dest = match dest {
                lopdf::Object::Reference(r) => doc.get_object(*r).unwrap(),
                other => other,
            };
            let dest = dest.as_array().unwrap();
            internal += 1;
            let target = page_of[&dest[0].as_reference().unwrap()];
            assert!(
                target > 1,
                "a reference leads into the appendix, not to the map"
            );
            let words = a.get(b"Contents").unwrap().as_str().unwrap();
            let words = String::from_utf8_lossy(words).into_owned();
            // A reference shown as a title lands on the page where that topic's entry starts.
            if loaded.roadmap.topics.iter().any(|t| t.title == words) {
                let text = doc.extract_text(&[target]).unwrap();
                let squashed: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
                assert!(
                    squashed.contains(&words),
                    "`{words}` is not on page {target}"
                );
            }
        }
    }
    let references: usize = loaded
        .roadmap
        .topics
        .iter()
        .map(|t| {
            roadmap::model::refs::ids(&t.summary).len()
                + roadmap::model::refs::ids(&t.rationale).len()
        })
        .sum();
    assert!(
        internal >= references,
        "{internal} links for {references} references"
    );
}

#[test]
fn notes_go_into_the_pdf_only_when_asked_and_output_is_stable() {
    let loaded = model::bundled().unwrap();
    let options = Options {
        notes: true,
        phase: Some("bedrock".to_owned()),
        ..Options::default()
    };
    let bytes = make(Format::Pdf, &loaded, &options);
    assert_eq!(
        bytes,
        make(Format::Pdf, &loaded, &options),
        "same bytes twice"
    );
    let doc = lopdf::Document::load_mem(&bytes).unwrap();
    let numbers: Vec<u32> = doc.get_pages().keys().copied().filter(|&n| n > 1).collect();
    let text = doc.extract_text(&numbers).unwrap();
    let squashed: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(squashed.contains("secret: ask about quotas"));
    // One phase only: no SageMaker topic in the appendix.
    let sagemaker = loaded
        .roadmap
        .topics
        .iter()
        .find(|t| t.phase == "sagemaker")
        .unwrap();
    assert!(!squashed.contains(&sagemaker.rationale[..40]));
}

#[test]
fn layers_top_to_bottom_give_a_portrait_map_with_every_prerequisite_above() {
    let loaded = model::bundled().unwrap();
    for direction in [
        roadmap::layout::Direction::LeftToRight,
        roadmap::layout::Direction::TopToBottom,
    ] {
        let options = Options {
            direction,
            ..Options::default()
        };
        let svg = String::from_utf8(make(Format::Svg, &loaded, &options)).unwrap();
        let tree = resvg::usvg::Tree::from_str(&svg, &fonts::usvg_options()).unwrap();
        let size = tree.size();
        let down = direction == roadmap::layout::Direction::TopToBottom;
        assert_eq!(
            size.height() > size.width(),
            down,
            "{direction:?}: {size:?}"
        );
        let bounds = |id: &str| {
            tree.node_by_id(&format!("topic-{id}"))
                .unwrap()
                .abs_bounding_box()
        };
        for topic in &loaded.roadmap.topics {
            let after = bounds(&topic.id);
            for before in topic.prerequisites.iter().map(|p| bounds(p)) {
                // A prerequisite's box ends before its dependent's begins, along the layers.
                let (end, start) = if down {
                    (before.bottom(), after.top())
                } else {
                    (before.right(), after.left())
                };
                assert!(end < start, "{direction:?}: {} comes too early", topic.id);
            }
        }
    }

    // The PDF's map page takes the same shape.
    let options = Options {
        direction: roadmap::layout::Direction::TopToBottom,
        ..Options::default()
    };
    let doc = lopdf::Document::load_mem(&make(Format::Pdf, &loaded, &options)).unwrap();
    let first = *doc.get_pages().get(&1).unwrap();
    let media = media_box(&doc, first);
    assert!(media[3] - media[1] > media[2] - media[0], "{media:?}");
}

#[test]
fn the_paper_follows_the_choice_and_by_default_the_locale() {
    use roadmap::export::Paper;
    let locale = |pairs: &'static [(&'static str, &'static str)]| {
        move |name: &str| {
            pairs
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| (*v).to_owned())
        }
    };
    assert_eq!(
        Paper::from_locale(locale(&[("LANG", "en_US.UTF-8")])),
        Paper::Letter
    );
    assert_eq!(
        Paper::from_locale(locale(&[("LANG", "fr_CA.UTF-8")])),
        Paper::Letter
    );
    assert_eq!(
        Paper::from_locale(locale(&[("LANG", "de_DE.UTF-8")])),
        Paper::A4
    );
    assert_eq!(Paper::from_locale(locale(&[])), Paper::A4);
    // LC_ALL wins over LC_PAPER, which wins over LANG.
    assert_eq!(
        Paper::from_locale(locale(&[
            ("LC_PAPER", "en_GB.UTF-8"),
            ("LANG", "en_US.UTF-8")
        ])),
        Paper::A4
    );
    assert_eq!(
        Paper::from_locale(locale(&[
            ("LC_ALL", "en_US.UTF-8"),
            ("LC_PAPER", "en_GB.UTF-8")
        ])),
        Paper::Letter
    );

    let loaded = model::bundled().unwrap();
    let options = Options {
        paper: Paper::Letter,
        ..Options::default()
    };
    let doc = lopdf::Document::load_mem(&make(Format::Pdf, &loaded, &options)).unwrap();
    for (n, id) in doc.get_pages() {
        let media = media_box(&doc, id);
        let (w, h) = (media[2] - media[0], media[3] - media[1]);
        let sides = (w.min(h), w.max(h));
        assert!(
            (sides.0 - 612.0).abs() < 0.5 && (sides.1 - 792.0).abs() < 0.5,
            "page {n} is {w} by {h}"
        );
    }
}

/// The phases' labels sit over the arrows, each on a backing of its band's colour, so an arrow
/// that enters a band (top to bottom, through its label's place) passes under the words.
#[test]
fn phase_labels_sit_over_the_arrows_on_a_backing() {
    let loaded = model::bundled().unwrap();
    let options = Options {
        direction: roadmap::layout::Direction::TopToBottom,
        ..Options::default()
    };
    let svg = String::from_utf8(make(Format::Svg, &loaded, &options)).unwrap();
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let groups: Vec<&str> = doc
        .root_element()
        .children()
        .filter_map(|n| n.attribute("id"))
        .collect();
    let at = |id: &str| groups.iter().position(|g| *g == id).unwrap();
    assert!(at("phase-labels") > at("arrows"), "{groups:?}");
    let labels = doc
        .descendants()
        .find(|n| n.attribute("id") == Some("phase-labels"))
        .unwrap();
    let bands = doc
        .descendants()
        .find(|n| n.attribute("id") == Some("phases"))
        .unwrap();
    let band_fills: Vec<&str> = bands
        .children()
        .filter(|n| n.has_tag_name("rect"))
        .filter_map(|n| n.attribute("fill"))
        .collect();
    let shapes: Vec<roxmltree::Node<'_, '_>> = labels
        .children()
        .filter(roxmltree::Node::is_element)
        .collect();
    assert_eq!(shapes.len(), 2 * band_fills.len());
    for (k, pair) in shapes.chunks(2).enumerate() {
        assert!(pair[0].has_tag_name("rect") && pair[1].has_tag_name("text"));
        assert_eq!(pair[0].attribute("fill"), Some(band_fills[k]));
        assert!(
            pair[1]
                .text()
                .unwrap()
                .starts_with(&format!("Phase {}", k + 1))
        );
    }
}

/// The slide deck: every page 16:9; the title, then each phase and each of its topics in
/// presentation order, then where the user stands; each topic's title and rationale on its
/// page as text, and its sources as link annotations.
#[test]
fn the_slide_deck_has_a_slide_per_topic_with_its_words_and_links() {
    let loaded = model::bundled().unwrap();
    let bytes = make(Format::Slides, &loaded, &Options::default());
    let doc = lopdf::Document::load_mem(&bytes).unwrap();
    let pages = doc.get_pages();
    let phases = loaded.roadmap.phases.len();
    let topics = loaded.roadmap.topics.len();
    assert_eq!(
        pages.len(),
        1 + phases + topics + 1,
        "title, phases, topics, closing"
    );
    for &id in pages.values() {
        let b = media_box(&doc, id);
        assert!(
            ((b[2] - b[0]) / (b[3] - b[1]) - 16.0 / 9.0).abs() < 1e-3,
            "{b:?}"
        );
    }
    let squash = |n: u32| {
        let text = doc.extract_text(&[n]).unwrap();
        text.split_whitespace().collect::<Vec<_>>().join(" ")
    };
    assert!(squash(1).contains("Amazon Bedrock first, then Amazon SageMaker"));
    // Phase by phase, in the order presenting shows them.
    let mut n = 2;
    let order = loaded.graph.topological_order();
    for phase in loaded.roadmap.phases_in_order() {
        assert!(squash(n).contains(&phase.title), "page {n}");
        n += 1;
        for &i in order
            .iter()
            .filter(|&&i| loaded.roadmap.topics[i].phase == phase.id)
        {
            let t = &loaded.roadmap.topics[i];
            let text = squash(n);
            assert!(text.contains(&t.title), "page {n}: {}", t.title);
            let rationale = loaded.plain(&t.rationale);
            let squashed: String = rationale.split_whitespace().collect::<Vec<_>>().join(" ");
            assert!(
                text.contains(&squashed),
                "page {n}: the rationale of {} is cut",
                t.id
            );
            let mut links = link_targets(&doc, pages[&n]);
            links.sort();
            let mut urls: Vec<String> = t.sources.iter().map(|s| s.url.clone()).collect();
            urls.sort();
            urls.dedup();
            links.dedup();
            assert_eq!(links, urls, "page {n}: {}", t.id);
            n += 1;
        }
    }
    assert!(squash(n).contains("Where we stand"));
    // Private notes stay out of slides unless asked for.
    let all: String = (1..=n).map(squash).collect();
    assert!(!all.contains("secret: ask about quotas"));
}

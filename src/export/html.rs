//! The handout: one self-contained HTML file that opens anywhere. The map as inline SVG (each
//! topic a link to its section), then every topic phase by phase with its summary, why it sits
//! there, what it needs and its sources, and where the user stands on it. No script and no
//! request to anywhere: the styles are inline, the map is in the page, and the only links out
//! are the sources. It prints well (no topic cut across pages, each phase on a new page) and
//! reads on a phone (the map scrolls sideways, the text wraps).

use std::fmt::Write as _;

use super::svg::{self, escape};
use super::{ExportError, Options, Personal};
use crate::model::LoadedRoadmap;
use crate::model::refs::{self, Piece};

/// What a topic's section id starts with: `t-rag-fundamentals`.
const SECTION: &str = "t-";

/// The styles: readable on screens of any width and on paper, in light or dark.
const STYLE: &str = "\
:root { color-scheme: light dark; --ink: #1d2430; --soft: #5b6577; --line: #d5dbe5; \
--link: #0b63c4; --paper: #ffffff; --band: #f3f6fa; }
@media (prefers-color-scheme: dark) { :root { --ink: #e6e9ef; --soft: #a9b1bf; \
--line: #3a4252; --link: #79b4ff; --paper: #14181f; --band: #1c222b; } }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 52rem; padding: 1.5rem 1rem 3rem; color: var(--ink); \
background: var(--paper); font: 16px/1.55 system-ui, -apple-system, 'Segoe UI', Ubuntu, \
'Noto Sans', sans-serif; overflow-wrap: break-word; }
a { color: var(--link); }
h1 { font-size: 1.8rem; line-height: 1.25; margin: 0 0 .5rem; }
h2 { font-size: 1.4rem; margin: 2.5rem 0 .25rem; padding-top: .5rem; border-top: 2px solid var(--line); }
h3 { font-size: 1.1rem; margin: 0 0 .25rem; }
h4 { font-size: .95rem; margin: .75rem 0 .25rem; }
p { margin: .25rem 0 .5rem; }
.soft { color: var(--soft); }
nav ol { padding-left: 1.25rem; }
figure.map { margin: 1.5rem 0; }
.scroll { overflow: auto; max-height: 75vh; border: 1px solid var(--line); border-radius: 8px; \
background: #fff; }
.scroll svg { display: block; max-width: none; height: auto; }
figcaption { font-size: .9rem; color: var(--soft); margin-top: .25rem; }
article.topic { margin: 1rem 0; padding: .75rem 1rem; border: 1px solid var(--line); \
border-radius: 8px; background: var(--band); }
.status { font-size: .8rem; font-weight: 600; padding: .05rem .5rem; border-radius: 1rem; \
border: 1px solid var(--line); margin-left: .4rem; white-space: nowrap; }
.status.done { background: #d8f0dc; color: #14532d; }
.status.doing { background: #fff0c2; color: #5b4300; }
.status.skipped { background: #e6e6e6; color: #404040; }
ul.sources { padding-left: 1.25rem; margin: .25rem 0; }
.note { border-left: 3px solid var(--line); padding-left: .75rem; }
@media (max-width: 600px) { body { padding: 1rem .75rem 2rem; font-size: 15px; } \
h1 { font-size: 1.45rem; } article.topic { padding: .6rem .7rem; } }
@media print { body { max-width: none; padding: 0; font-size: 10pt; color: #000; background: #fff; } \
a { color: #000; } .scroll { overflow: visible; border: none; } \
.scroll { max-height: none; } .scroll svg { width: 100%; } section.phase { break-before: page; } \
article.topic { break-inside: avoid; background: none; } h2, h3, h4 { break-after: avoid; } \
figcaption { display: none; } }
";

/// The handout of the personal roadmap (one phase when the options say so).
pub fn export(personal: &Personal<'_>, options: &Options) -> Result<String, ExportError> {
    let loaded = personal.loaded;
    let roadmap = &loaded.roadmap;
    let overview = personal.overview();
    let chosen = personal.topics(options);
    let extras = svg::Extras {
        link: Some(SECTION.to_owned()),
        spotlight: None,
    };
    let map = svg::picture_with(personal, options, &extras)?;
    // Inline in HTML, the SVG goes without its XML declaration.
    let map_svg = map
        .svg
        .split_once("?>\n")
        .map_or(map.svg.as_str(), |(_, rest)| rest);

    let mut out = String::with_capacity(map.svg.len() + 64 * 1024);
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{}</title>\n<style>\n{STYLE}</style>\n</head>\n<body>\n<header>\n<h1>{}</h1>\n",
        escape(&roadmap.title),
        escape(&roadmap.title)
    );
    let _ = writeln!(out, "<p>{}</p>", escape(&roadmap.description));
    let (cleared, total) = overview.cleared_of(chosen.iter().copied());
    if personal.has_progress() {
        let _ = writeln!(
            out,
            "<p class=\"soft\">{cleared} of {total} topics done or skipped.</p>"
        );
    }
    // Each phase keeps its number in the roadmap, in a handout of one phase too.
    let phases: Vec<_> = roadmap
        .phases_in_order()
        .into_iter()
        .enumerate()
        .filter(|(_, p)| options.phase.as_deref().is_none_or(|only| only == p.id))
        .collect();
    out.push_str("<nav>\n<ol>\n");
    for (_, phase) in &phases {
        let _ = writeln!(
            out,
            "<li><a href=\"#p-{}\">{}</a></li>",
            escape(&phase.id),
            escape(&phase.title)
        );
    }
    out.push_str("</ol>\n</nav>\n</header>\n");
    let _ = write!(
        out,
        "<figure class=\"map\">\n<div class=\"scroll\">\n{map_svg}</div>\n\
         <figcaption>The map, at the size it reads: scroll it sideways, and click a topic to read \
         why it sits where it does.</figcaption>\n\
         </figure>\n"
    );

    for (k, phase) in &phases {
        let _ = write!(
            out,
            "<section class=\"phase\" id=\"p-{}\">\n<h2>Phase {}: {}</h2>\n",
            escape(&phase.id),
            k + 1,
            escape(&phase.title)
        );
        if !phase.goal.trim().is_empty() {
            let _ = writeln!(out, "<p class=\"soft\">{}</p>", escape(&phase.goal));
        }
        for &i in chosen
            .iter()
            .filter(|&&i| roadmap.topics[i].phase == phase.id)
        {
            topic(&mut out, personal, options, i, &chosen);
        }
        out.push_str("</section>\n");
    }
    if !roadmap.references.is_empty() {
        out.push_str("<footer>\n<h2>References</h2>\n<ul class=\"sources\">\n");
        for source in &roadmap.references {
            source_item(&mut out, source);
        }
        out.push_str("</ul>\n</footer>\n");
    }
    out.push_str("</body>\n</html>\n");
    Ok(out)
}

/// One topic's section.
fn topic(out: &mut String, personal: &Personal<'_>, options: &Options, i: usize, chosen: &[usize]) {
    let loaded = personal.loaded;
    let t = &loaded.roadmap.topics[i];
    let status = personal.progress.status(&t.id);
    let _ = write!(
        out,
        "<article class=\"topic\" id=\"{SECTION}{}\">\n<h3>{}",
        escape(&t.id),
        escape(&t.title)
    );
    if personal.has_progress() {
        let _ = write!(out, "<span class=\"status {0}\">{0}</span>", status.name());
    }
    out.push_str("</h3>\n");
    if let Some(h) = t.estimate_hours {
        let hours = format!("{h:.1}");
        let _ = writeln!(
            out,
            "<p class=\"soft\">About {} h of study.</p>",
            hours.strip_suffix(".0").unwrap_or(&hours)
        );
    }
    let _ = writeln!(
        out,
        "<p><em>{}</em></p>",
        linked(loaded, &t.summary, chosen)
    );
    let _ = writeln!(
        out,
        "<h4>Why here</h4>\n<p>{}</p>",
        linked(loaded, &t.rationale, chosen)
    );
    let needs = loaded.graph.prerequisites(i);
    if !needs.is_empty() {
        let names: Vec<String> = needs
            .iter()
            .map(|&k| topic_link(loaded, k, None, chosen))
            .collect();
        let _ = writeln!(out, "<p>Comes after: {}.</p>", names.join(", "));
    }
    if !t.sources.is_empty() {
        out.push_str("<h4>Sources</h4>\n<ul class=\"sources\">\n");
        for source in &t.sources {
            source_item(out, source);
        }
        out.push_str("</ul>\n");
    }
    let note = personal.progress.note(&t.id);
    if options.notes && !note.trim().is_empty() {
        let _ = writeln!(
            out,
            "<p class=\"note\"><strong>My note:</strong> {}</p>",
            escape(note)
        );
    }
    out.push_str("</article>\n");
}

/// A source as a list item: its title as a link (only http and https ever reach a roadmap),
/// and its kind.
fn source_item(out: &mut String, source: &crate::model::Source) {
    let _ = writeln!(
        out,
        "<li><a href=\"{}\">{}</a> <span class=\"soft\">({})</span></li>",
        escape(&source.url),
        escape(&source.title),
        source.kind.label()
    );
}

/// A summary or rationale with its references as links to the topics' sections (or their
/// titles alone, for a topic left out of this handout).
fn linked(loaded: &LoadedRoadmap, text: &str, chosen: &[usize]) -> String {
    let mut out = String::with_capacity(text.len() + 64);
    for (_, piece) in refs::pieces(text) {
        match piece {
            Piece::Text(words) => out.push_str(&escape(words)),
            Piece::Ref { id, words } => match loaded.graph.index_of(id) {
                Some(k) => out.push_str(&topic_link(loaded, k, words, chosen)),
                None => out.push_str(&escape(words.unwrap_or(id))),
            },
        }
    }
    out
}

/// A link to topic `k`'s section, showing `words` or its title; its words alone when the
/// topic is not in this handout.
fn topic_link(loaded: &LoadedRoadmap, k: usize, words: Option<&str>, chosen: &[usize]) -> String {
    let t = &loaded.roadmap.topics[k];
    let shown = escape(words.unwrap_or(&t.title));
    if chosen.contains(&k) {
        format!("<a href=\"#{SECTION}{}\">{shown}</a>", escape(&t.id))
    } else {
        shown
    }
}

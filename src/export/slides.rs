//! The slide deck: a 16:9 PDF that tells the roadmap the way presentation mode does. A title
//! slide (title, description, the roadmap's references as links); per phase, a slide with its
//! part of the map and its goal; one slide per topic in presentation order, the map framed on
//! the topic and its prerequisites with its chain lit and the rest faded, captioned with the
//! title and why it sits there, and its sources as links; with progress, a closing slide of
//! where the user stands and what comes next. Text stays text in embedded fonts; the map is the
//! same picture as every other export. A long rationale is never cut: the caption's type gets
//! smaller, then the map gives up room.

use krilla::action::{Action, LinkAction};
use krilla::annotation::{Annotation, LinkAnnotation, Target};
use krilla::geom::{PathBuilder, Size, Transform};
use krilla::metadata::Metadata;
use krilla::page::PageSettings;
use krilla_svg::{SurfaceExt, SvgSettings};
use resvg::usvg;

use super::pdf::{INK, LINK, LinkTo, MUTED, Op, Setter, draw_texts};
use super::svg::{self, Extras, Picture};
use super::{ExportError, Options, Personal};
use crate::fonts;
use crate::model::Status;

/// A slide: 16:9, 960 by 540 points (13.33 by 7.5 inches).
pub const SLIDE: (f32, f32) = (960.0, 540.0);
/// The margin of a slide.
const MARGIN: f32 = 36.0;
/// The least height the map keeps on a topic's slide before the caption's type gets smaller.
const MAP_AT_LEAST: f32 = 200.0;
/// The caption's body sizes, tried largest first.
const BODY_SIZES: [f32; 6] = [15.0, 14.0, 13.0, 12.0, 11.0, 10.0];

/// A slide being made: its texts and links, and the part of the map it shows, if any.
struct Slide {
    ops: Vec<Op>,
    /// The picture, the part of it to show (in its units), and where on the slide.
    map: Option<(usvg::Tree, egui::Rect, egui::Rect)>,
}

/// The deck as PDF bytes.
pub fn export(personal: &Personal<'_>, options: &Options) -> Result<Vec<u8>, ExportError> {
    let loaded = personal.loaded;
    let roadmap = &loaded.roadmap;
    if roadmap.topics.is_empty() {
        return Err(ExportError::Options(
            "there are no topics to show".to_owned(),
        ));
    }
    // The whole map, whatever the phase chosen: each slide frames its part.
    let whole = Options {
        phase: None,
        ..options.clone()
    };
    let mut setter = Setter::new(SLIDE);
    let mut slides = vec![title_slide(&mut setter, personal)];
    let plain = svg::picture(personal, &whole)?;
    let phases = roadmap.phases_in_order();
    let order = personal.topics(options);
    for (k, phase) in phases.iter().enumerate() {
        if options.phase.as_deref().is_some_and(|p| p != phase.id) {
            continue;
        }
        slides.push(phase_slide(&mut setter, &plain, (k, phases.len()), phase)?);
        let topics: Vec<usize> = order
            .iter()
            .copied()
            .filter(|&i| roadmap.topics[i].phase == phase.id)
            .collect();
        for i in topics {
            let step = (order.iter().position(|&o| o == i).unwrap_or(0), order.len());
            slides.push(topic_slide(
                &mut setter,
                personal,
                &whole,
                (i, step),
                options.notes,
            )?);
        }
    }
    if personal.has_progress() {
        slides.push(closing_slide(&mut setter, personal));
    }
    let background = recolour(&mut slides, options.look);
    write(&setter, &slides, &roadmap.title, background)
}

/// Sets the slides' words in the look's colours, as the map is: returns the background to
/// paint, none for the light look (the page's own white).
fn recolour(slides: &mut [Slide], look: crate::picture::palette::Look) -> Option<[u8; 3]> {
    use crate::picture::palette::{Look, Palette};
    if look == Look::Light {
        return None;
    }
    let palette = Palette::new(look);
    let rgb = |c: egui::Color32| [c.r(), c.g(), c.b()];
    let (text, faint, links) = (rgb(palette.text), rgb(palette.edge), rgb(palette.selection));
    for op in slides.iter_mut().flat_map(|s| s.ops.iter_mut()) {
        if let Op::Text { colour, .. } = op {
            *colour = match *colour {
                c if c == INK => text,
                c if c == MUTED => faint,
                c if c == LINK => links,
                c => c,
            };
        }
    }
    Some(rgb(palette.background))
}

/// Reads a picture for drawing.
fn tree(picture: &Picture) -> Result<usvg::Tree, ExportError> {
    usvg::Tree::from_str(&picture.svg, &fonts::usvg_options())
        .map_err(|e| ExportError::Failed(format!("cannot read the map's SVG: {e}")))
}

/// Lines of `text` wrapped to `width` at `size`, set from `y` down; returns the texts and the
/// height below.
fn block(
    setter: &mut Setter,
    (x, y, width): (f32, f32, f32),
    text: &str,
    size: f32,
    colour: [u8; 3],
) -> (Vec<Op>, f32) {
    let lead = size * 1.3;
    let mut ops = Vec::new();
    let mut at = y;
    for line in setter.wrap(text, size, width) {
        ops.extend(setter.text_ops((x, at + size), &line, size, colour));
        at += lead;
    }
    (ops, at)
}

/// Sources as one wrapped line of links: "Sources: A · B · C", each title a link.
fn sources_block(
    setter: &mut Setter,
    (x, y, width): (f32, f32, f32),
    sources: &[crate::model::Source],
    size: f32,
) -> (Vec<Op>, f32) {
    let lead = size * 1.35;
    let mut ops = Vec::new();
    if sources.is_empty() {
        return (ops, y);
    }
    let label = "Sources: ";
    ops.extend(setter.text_ops((x, y + size), label, size, MUTED));
    let mut at = (x + setter.width(label, size), y);
    for (k, source) in sources.iter().enumerate() {
        let text = if k + 1 < sources.len() {
            format!("{} ·", source.title)
        } else {
            source.title.clone()
        };
        for word_line in setter.wrap(&text, size, width) {
            let w = setter.width(&word_line, size);
            if at.0 + w > x + width && at.0 > x {
                at = (x, at.1 + lead);
            }
            ops.extend(setter.text_ops((at.0, at.1 + size), &word_line, size, LINK));
            ops.push(Op::Link {
                rect: (at.0, at.1, at.0 + w, at.1 + lead),
                to: LinkTo::Url(source.url.clone()),
            });
            at.0 += w + setter.width(" ", size);
        }
    }
    (ops, at.1 + lead)
}

fn title_slide(setter: &mut Setter, personal: &Personal<'_>) -> Slide {
    let roadmap = &personal.loaded.roadmap;
    let width = SLIDE.0 - 2.0 * MARGIN;
    let (mut ops, y) = block(setter, (MARGIN, 120.0, width), &roadmap.title, 36.0, INK);
    let (more, y) = block(
        setter,
        (MARGIN, y + 16.0, width),
        &roadmap.description,
        15.0,
        INK,
    );
    ops.extend(more);
    let counts = format!(
        "{} topics in {} phases",
        roadmap.topics.len(),
        roadmap.phases.len()
    );
    let (more, y) = block(setter, (MARGIN, y + 10.0, width), &counts, 12.0, MUTED);
    ops.extend(more);
    let (more, _) = sources_block(setter, (MARGIN, y + 14.0, width), &roadmap.references, 12.0);
    ops.extend(more);
    Slide { ops, map: None }
}

fn phase_slide(
    setter: &mut Setter,
    picture: &Picture,
    (k, of): (usize, usize),
    phase: &crate::model::Phase,
) -> Result<Slide, ExportError> {
    let width = SLIDE.0 - 2.0 * MARGIN;
    let line = format!("Phase {} of {of}", k + 1);
    let (mut ops, y) = block(setter, (MARGIN, MARGIN, width), &line, 14.0, MUTED);
    let (more, y) = block(setter, (MARGIN, y + 4.0, width), &phase.title, 30.0, INK);
    ops.extend(more);
    let (more, y) = block(setter, (MARGIN, y + 6.0, width), &phase.goal, 15.0, INK);
    ops.extend(more);
    let band = picture.bands.get(k).copied();
    let map = match band {
        Some(band) => {
            let area = egui::Rect::from_min_max(
                egui::pos2(MARGIN, y + 16.0),
                egui::pos2(SLIDE.0 - MARGIN, SLIDE.1 - MARGIN),
            );
            Some((tree(picture)?, band.expand(8.0), area))
        }
        None => None,
    };
    Ok(Slide { ops, map })
}

/// A topic's slide: `(i, (step, steps))` is the topic and where it comes in the show.
fn topic_slide(
    setter: &mut Setter,
    personal: &Personal<'_>,
    options: &Options,
    (i, (step, steps)): (usize, (usize, usize)),
    notes: bool,
) -> Result<Slide, ExportError> {
    let loaded = personal.loaded;
    let roadmap = &loaded.roadmap;
    let topic = &roadmap.topics[i];
    let phases = roadmap.phases_in_order();
    let rank = phases.iter().position(|p| p.id == topic.phase).unwrap_or(0);
    let picture = svg::picture_with(
        personal,
        options,
        &Extras {
            link: None,
            spotlight: Some(i),
        },
    )?;
    let width = SLIDE.0 - 2.0 * MARGIN;
    let line = format!(
        "Topic {} of {steps} · Phase {}: {}",
        step + 1,
        rank + 1,
        phases.get(rank).map_or("", |p| p.title.as_str())
    );
    let rationale = loaded.plain(&topic.rationale).into_owned();
    let note = personal.progress.note(&topic.id);
    let note = (notes && !note.trim().is_empty()).then(|| format!("My note: {note}"));
    // The caption from the bottom up: the largest type that leaves the map its room, else the
    // smallest, the map giving up what the words need.
    let mut caption = None;
    for size in BODY_SIZES {
        let (ops, bottom) = caption_ops(
            setter,
            (&line, &topic.title, &rationale, note.as_deref()),
            &topic.sources,
            size,
        );
        let height = bottom - MARGIN;
        caption = Some((ops, height));
        if SLIDE.1 - 2.0 * MARGIN - height >= MAP_AT_LEAST {
            break;
        }
    }
    let (caption, height) = caption.unwrap_or_default();
    // The caption sits at the bottom: move it there.
    let top = SLIDE.1 - MARGIN - height;
    let ops = caption
        .into_iter()
        .map(|op| shift(op, top - MARGIN))
        .collect();
    let area = egui::Rect::from_min_max(
        egui::pos2(MARGIN, MARGIN),
        egui::pos2(SLIDE.0 - MARGIN, (top - 12.0).max(MARGIN + 40.0)),
    );
    // Frame the topic and the topics it needs first, as presenting does.
    let mut frame = picture.topics[i];
    for p in loaded.graph.prerequisites(i) {
        frame = frame.union(picture.topics[p]);
    }
    let _ = width;
    Ok(Slide {
        ops,
        map: Some((tree(&picture)?, frame.expand(40.0), area)),
    })
}

/// The caption's texts set from the top margin down, and where they end.
fn caption_ops(
    setter: &mut Setter,
    (line, title, rationale, note): (&str, &str, &str, Option<&str>),
    sources: &[crate::model::Source],
    size: f32,
) -> (Vec<Op>, f32) {
    let width = SLIDE.0 - 2.0 * MARGIN;
    let (mut ops, y) = block(setter, (MARGIN, MARGIN, width), line, size * 0.8, MUTED);
    let (more, y) = block(setter, (MARGIN, y + 2.0, width), title, size * 1.7, INK);
    ops.extend(more);
    let (more, mut y) = block(setter, (MARGIN, y + 4.0, width), rationale, size, INK);
    ops.extend(more);
    if let Some(note) = note {
        let (more, below) = block(setter, (MARGIN, y + 4.0, width), note, size * 0.9, MUTED);
        ops.extend(more);
        y = below;
    }
    let (more, y) = sources_block(setter, (MARGIN, y + 6.0, width), sources, size * 0.8);
    ops.extend(more);
    (ops, y)
}

/// An op moved down by `dy`.
fn shift(op: Op, dy: f32) -> Op {
    match op {
        Op::Text {
            at,
            face,
            size,
            text,
            colour,
        } => Op::Text {
            at: (at.0, at.1 + dy),
            face,
            size,
            text,
            colour,
        },
        Op::Link { rect, to } => Op::Link {
            rect: (rect.0, rect.1 + dy, rect.2, rect.3 + dy),
            to,
        },
    }
}

fn closing_slide(setter: &mut Setter, personal: &Personal<'_>) -> Slide {
    let loaded = personal.loaded;
    let overview = personal.overview();
    let width = SLIDE.0 - 2.0 * MARGIN;
    let (mut ops, mut y) = block(
        setter,
        (MARGIN, MARGIN + 20.0, width),
        "Where we stand",
        30.0,
        INK,
    );
    y += 8.0;
    for (k, (phase, (done, all))) in loaded
        .roadmap
        .phases_in_order()
        .iter()
        .zip(overview.by_phase(loaded))
        .enumerate()
    {
        let text = format!(
            "Phase {}: {}: {done} of {all} done or skipped",
            k + 1,
            phase.title
        );
        let (more, below) = block(setter, (MARGIN, y, width), &text, 16.0, INK);
        ops.extend(more);
        y = below + 2.0;
    }
    let doing: Vec<&str> = loaded
        .graph
        .topological_order()
        .iter()
        .filter(|&&i| overview.status[i] == Status::Doing)
        .map(|&i| loaded.roadmap.topics[i].title.as_str())
        .collect();
    if !doing.is_empty() {
        let (more, below) = block(setter, (MARGIN, y + 14.0, width), "In progress", 18.0, INK);
        ops.extend(more);
        let (more, below) = block(
            setter,
            (MARGIN, below + 2.0, width),
            &doing.join(" · "),
            14.0,
            INK,
        );
        ops.extend(more);
        y = below;
    }
    let next: Vec<&str> = overview
        .next_up(loaded)
        .into_iter()
        .take(8)
        .map(|i| loaded.roadmap.topics[i].title.as_str())
        .collect();
    let (more, below) = block(
        setter,
        (MARGIN, y + 14.0, width),
        "What comes next",
        18.0,
        INK,
    );
    ops.extend(more);
    let next = if next.is_empty() {
        "Nothing is ready: finish what is in progress first.".to_owned()
    } else {
        next.join(" · ")
    };
    let (more, _) = block(setter, (MARGIN, below + 2.0, width), &next, 14.0, INK);
    ops.extend(more);
    Slide { ops, map: None }
}

/// Writes the slides into a PDF.
fn write(
    setter: &Setter,
    slides: &[Slide],
    title: &str,
    background: Option<[u8; 3]>,
) -> Result<Vec<u8>, ExportError> {
    let failed = |what: &str| ExportError::Failed(format!("cannot {what} in the PDF"));
    let mut document = krilla::Document::new();
    document.set_metadata(
        Metadata::new()
            .title(title.to_owned())
            .creator("roadmap".to_owned()),
    );
    let settings = PageSettings::from_wh(SLIDE.0, SLIDE.1).ok_or_else(|| failed("make a slide"))?;
    for slide in slides {
        let mut page = document.start_page_with(settings.clone());
        let mut surface = page.surface();
        if let Some([r, g, b]) = background
            && let Some(path) =
                krilla::geom::Rect::from_xywh(0.0, 0.0, SLIDE.0, SLIDE.1).and_then(|rect| {
                    let mut p = PathBuilder::new();
                    p.push_rect(rect);
                    p.finish()
                })
        {
            surface.set_fill(Some(krilla::paint::Fill {
                paint: krilla::color::rgb::Color::new(r, g, b).into(),
                ..krilla::paint::Fill::default()
            }));
            surface.draw_path(&path);
        }
        if let Some((tree, frame, area)) = &slide.map {
            let size = tree.size();
            // The frame fills the area as far as its shape allows, never much larger than
            // life, and centred in it.
            let scale = (area.width() / frame.width())
                .min(area.height() / frame.height())
                .min(1.25);
            let shown = frame.size() * scale;
            let at = area.center() - shown / 2.0;
            let clip =
                krilla::geom::Rect::from_xywh(area.min.x, area.min.y, area.width(), area.height())
                    .and_then(|r| {
                        let mut b = PathBuilder::new();
                        b.push_rect(r);
                        b.finish()
                    })
                    .ok_or_else(|| failed("cut the map"))?;
            surface.push_clip_path(&clip, &krilla::paint::FillRule::NonZero);
            surface.push_transform(&Transform::from_translate(
                at.x - frame.min.x * scale,
                at.y - frame.min.y * scale,
            ));
            surface
                .draw_svg(
                    tree,
                    Size::from_wh(size.width() * scale, size.height() * scale)
                        .ok_or_else(|| failed("size the map"))?,
                    SvgSettings::default(),
                )
                .ok_or_else(|| failed("draw the map"))?;
            surface.pop();
            surface.pop();
        }
        draw_texts(&mut surface, setter, &slide.ops);
        surface.finish();
        for op in &slide.ops {
            let Op::Link {
                rect,
                to: LinkTo::Url(url),
            } = op
            else {
                continue;
            };
            let Some(rect) = krilla::geom::Rect::from_ltrb(rect.0, rect.1, rect.2, rect.3) else {
                continue;
            };
            page.add_annotation(Annotation::new_link(
                LinkAnnotation::new(
                    rect,
                    Target::Action(Action::Link(LinkAction::new(url.clone()))),
                ),
                Some(url.clone()),
            ));
        }
        page.finish();
    }
    document
        .finish()
        .map_err(|e| ExportError::Failed(format!("cannot write the PDF: {e:?}")))
}

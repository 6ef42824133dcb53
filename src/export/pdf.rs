//! The personal roadmap as PDF: the map on the first page, as vectors with real text, then an
//! appendix with every topic's status, summary, rationale, sources (clickable) and, when asked,
//! the user's note. Text is set in the app's fonts, with the system's fonts as a fallback for
//! characters they lack.

use std::collections::HashMap;
use std::sync::Arc;

use krilla::action::{Action, LinkAction};
use krilla::annotation::{Annotation, LinkAnnotation, Target};
use krilla::color::rgb;
use krilla::destination::XyzDestination;
use krilla::geom::{PathBuilder, Point, Size, Transform};
use krilla::metadata::Metadata;
use krilla::num::NormalizedF32;
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke, StrokeDash};
use krilla::text::{Font, TextDirection};
use krilla_svg::{SurfaceExt, SvgSettings};
use resvg::usvg;

use super::{ExportError, Options, Personal, svg};
use crate::fonts;
use crate::model::LoadedRoadmap;
use crate::model::refs::{self, Piece};

/// Margin of the appendix pages.
const MARGIN: f32 = 56.0;
/// Smallest scale of the map on its printed parts: titles, 14 points in the picture, stay at
/// least 7 points tall.
pub const PART_SCALE: f32 = 0.5;
/// Margin around a map page.
const MAP_MARGIN: f32 = 36.0;
/// Room for the caption line above the map on a map page.
const MAP_CAPTION: f32 = 24.0;

/// The personal roadmap as PDF bytes.
pub fn export(personal: &Personal<'_>, options: &Options) -> Result<Vec<u8>, ExportError> {
    let picture = svg::picture(personal, options)?;
    let tree = usvg::Tree::from_str(&picture.svg, &fonts::usvg_options())
        .map_err(|e| ExportError::Failed(format!("cannot read the map's SVG: {e}")))?;
    let mut setter = Setter::new(options.paper.size());
    let pages = setter.appendix(personal, options);
    let anchors = std::mem::take(&mut setter.anchors);

    let mut document = krilla::Document::new();
    document.set_metadata(
        Metadata::new()
            .title(personal.loaded.roadmap.title.clone())
            .creator("roadmap".to_owned()),
    );
    let plan = MapPlan::new((picture.size.x, picture.size.y), options.paper);
    let map_pages = map_pages(
        &mut document,
        &tree,
        &plan,
        &mut setter,
        &personal.loaded.roadmap.title,
    )?;

    let (pw, ph) = options.paper.size();
    let sheet = PageSettings::from_wh(pw, ph)
        .ok_or_else(|| ExportError::Failed("cannot make a page".to_owned()))?;
    for ops in &pages {
        let mut page = document.start_page_with(sheet.clone());
        let mut surface = page.surface();
        draw_texts(&mut surface, &setter, ops);
        surface.finish();
        for op in ops {
            let Op::Link { rect, to } = op else {
                continue;
            };
            let Some(rect) = krilla::geom::Rect::from_ltrb(rect.0, rect.1, rect.2, rect.3) else {
                continue;
            };
            let (target, alt) = match to {
                LinkTo::Url(url) => (
                    Target::Action(Action::Link(LinkAction::new(url.clone()))),
                    url.clone(),
                ),
                LinkTo::Topic { id, words } => {
                    // The map's pages come first; the appendix follows them.
                    let Some(&(k, y)) = anchors.get(id) else {
                        continue;
                    };
                    let at = XyzDestination::new(map_pages + k, Point::from_xy(MARGIN, y));
                    (Target::Destination(at.into()), words.clone())
                }
            };
            page.add_annotation(Annotation::new_link(
                LinkAnnotation::new(rect, target),
                Some(alt),
            ));
        }
        page.finish();
    }
    document
        .finish()
        .map_err(|e| ExportError::Failed(format!("cannot write the PDF: {e:?}")))
}

/// Draws the text runs among `ops`.
pub(super) fn draw_texts(surface: &mut krilla::surface::Surface<'_>, setter: &Setter, ops: &[Op]) {
    for op in ops {
        if let Op::Text {
            at,
            face,
            size,
            text,
            colour,
        } = op
        {
            surface.set_fill(Some(Fill {
                paint: rgb::Color::new(colour[0], colour[1], colour[2]).into(),
                opacity: NormalizedF32::ONE,
                rule: krilla::paint::FillRule::default(),
            }));
            surface.draw_text(
                Point::from_xy(at.0, at.1),
                setter.faces[*face].font.clone(),
                *size,
                text,
                false,
                TextDirection::Auto,
            );
        }
    }
}

/// How the map is set on paper: a page with the whole map (in landscape when the map is
/// wider than tall), then, when titles would be smaller than [`PART_SCALE`] allows there, the
/// map in parts at that scale, row by row, each part a page.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MapPlan {
    /// Width and height of a map page.
    pub page: (f32, f32),
    /// Width and height of the map on a page, below its caption.
    pub room: (f32, f32),
    /// The whole map's size.
    pub picture: (f32, f32),
    /// Scale of the whole map on the first page.
    pub overview: f32,
    /// Scale of the parts, and how many columns and rows of them (none when the first page
    /// reads well on its own).
    pub part: f32,
    /// Columns of parts.
    pub columns: usize,
    /// Rows of parts.
    pub rows: usize,
}

impl MapPlan {
    /// The plan for a map of `picture` size on `paper`.
    #[must_use]
    pub fn new(picture: (f32, f32), paper: super::Paper) -> Self {
        let (w, h) = (picture.0.max(1.0), picture.1.max(1.0));
        let (short, long) = paper.size();
        let page = if w > h { (long, short) } else { (short, long) };
        let room = (
            page.0 - 2.0 * MAP_MARGIN,
            page.1 - 2.0 * MAP_MARGIN - MAP_CAPTION,
        );
        let overview = (room.0 / w).min(room.1 / h).min(1.0);
        let (columns, rows) = if overview >= PART_SCALE {
            (0, 0)
        } else {
            #[expect(
                clippy::cast_possible_truncation,
                clippy::cast_sign_loss,
                reason = "small positive counts"
            )]
            let count =
                |length: f32, room: f32| (length * PART_SCALE / room).ceil().max(1.0) as usize;
            (count(w, room.0), count(h, room.1))
        };
        Self {
            page,
            room,
            picture: (w, h),
            overview,
            part: PART_SCALE,
            columns,
            rows,
        }
    }

    /// How many map pages the plan makes.
    #[must_use]
    pub fn pages(&self) -> usize {
        1 + self.columns * self.rows
    }
}

/// Sets the map's pages of `plan` into `document`; returns how many it made.
fn map_pages(
    document: &mut krilla::Document,
    tree: &usvg::Tree,
    plan: &MapPlan,
    setter: &mut Setter,
    title: &str,
) -> Result<usize, ExportError> {
    let failed = |what: &str| ExportError::Failed(format!("cannot {what} in the PDF"));
    let settings =
        PageSettings::from_wh(plan.page.0, plan.page.1).ok_or_else(|| failed("make a map page"))?;
    let parts = plan.columns * plan.rows;
    let top = MAP_MARGIN + MAP_CAPTION;
    // A part's width and height in the picture's own units.
    let span = (plan.room.0 / plan.part, plan.room.1 / plan.part);

    // The whole map, with the parts that follow outlined and numbered on it.
    let mut page = document.start_page_with(settings.clone());
    let mut surface = page.surface();
    let caption = if parts > 0 {
        format!("{title}: the whole map; parts 1 to {parts} follow at a readable size")
    } else {
        format!("{title}: the map")
    };
    let ops = setter.text_ops((MAP_MARGIN, MAP_MARGIN + 14.0), &caption, 11.0, MUTED);
    draw_texts(&mut surface, setter, &ops);
    let size = (
        plan.picture.0 * plan.overview,
        plan.picture.1 * plan.overview,
    );
    surface.push_transform(&Transform::from_translate(MAP_MARGIN, top));
    surface
        .draw_svg(
            tree,
            Size::from_wh(size.0, size.1).ok_or_else(|| failed("size the map"))?,
            SvgSettings::default(),
        )
        .ok_or_else(|| failed("draw the map"))?;
    surface.pop();
    let mut numbers = Vec::new();
    for k in 0..parts {
        let (row, column) = (k / plan.columns, k % plan.columns);
        let x = MAP_MARGIN + column as f32 * span.0 * plan.overview;
        let y = top + row as f32 * span.1 * plan.overview;
        let w = (span.0 * plan.overview).min(MAP_MARGIN + size.0 - x);
        let h = (span.1 * plan.overview).min(top + size.1 - y);
        if let Some(rect) = krilla::geom::Rect::from_xywh(x, y, w, h) {
            let mut outline = PathBuilder::new();
            outline.push_rect(rect);
            if let Some(path) = outline.finish() {
                surface.set_fill(None);
                surface.set_stroke(Some(Stroke {
                    paint: rgb::Color::new(0x88, 0x88, 0x88).into(),
                    width: 0.6,
                    dash: Some(StrokeDash {
                        array: vec![3.0, 2.0],
                        offset: 0.0,
                    }),
                    ..Stroke::default()
                }));
                surface.draw_path(&path);
                surface.set_stroke(None);
            }
        }
        numbers.extend(setter.text_ops((x + 3.0, y + 10.0), &format!("{}", k + 1), 8.0, MUTED));
    }
    draw_texts(&mut surface, setter, &numbers);
    surface.finish();
    page.finish();

    // Each part: the map at the part's scale, moved so the part fills the page, cut to it.
    for k in 0..parts {
        let (row, column) = (k / plan.columns, k % plan.columns);
        let mut page = document.start_page_with(settings.clone());
        let mut surface = page.surface();
        let caption = format!(
            "{title}: part {} of {parts}, row {} of {}, column {} of {}",
            k + 1,
            row + 1,
            plan.rows,
            column + 1,
            plan.columns
        );
        let ops = setter.text_ops((MAP_MARGIN, MAP_MARGIN + 14.0), &caption, 11.0, MUTED);
        draw_texts(&mut surface, setter, &ops);
        let clip = krilla::geom::Rect::from_xywh(MAP_MARGIN, top, plan.room.0, plan.room.1)
            .and_then(|r| {
                let mut b = PathBuilder::new();
                b.push_rect(r);
                b.finish()
            })
            .ok_or_else(|| failed("cut a map part"))?;
        surface.push_clip_path(&clip, &krilla::paint::FillRule::NonZero);
        surface.push_transform(&Transform::from_translate(
            MAP_MARGIN - column as f32 * plan.room.0,
            top - row as f32 * plan.room.1,
        ));
        surface
            .draw_svg(
                tree,
                Size::from_wh(plan.picture.0 * plan.part, plan.picture.1 * plan.part)
                    .ok_or_else(|| failed("size the map"))?,
                SvgSettings::default(),
            )
            .ok_or_else(|| failed("draw a map part"))?;
        surface.pop();
        surface.pop();
        surface.finish();
        page.finish();
    }
    Ok(1 + parts)
}

/// One thing drawn on an appendix page.
#[derive(Debug, Clone)]
pub(super) enum Op {
    /// A run of text in one face, its baseline starting at `at`.
    Text {
        at: (f32, f32),
        face: usize,
        size: f32,
        text: String,
        colour: [u8; 3],
    },
    /// A clickable area (left, top, right, bottom), and where it leads.
    Link {
        rect: (f32, f32, f32, f32),
        to: LinkTo,
    },
}

/// Where a link leads.
#[derive(Debug, Clone)]
pub(super) enum LinkTo {
    /// A web page.
    Url(String),
    /// A topic's entry in the appendix, by id; `words` are what the link says.
    Topic { id: String, words: String },
}

/// A font the appendix sets text in.
struct Face {
    font: Font,
    data: Arc<Vec<u8>>,
    index: u32,
}

/// Sets text: finds a face for each character, measures, wraps, and fills pages.
pub(super) struct Setter {
    faces: Vec<Face>,
    /// For each character seen: its face and advance in em.
    glyphs: HashMap<char, Option<(usize, f32)>>,
    /// System faces already loaded: their index in `faces`, by fontdb id.
    loaded: HashMap<resvg::usvg::fontdb::ID, usize>,
    pages: Vec<Vec<Op>>,
    /// Width and height of an appendix page, in points.
    page_size: (f32, f32),
    /// Where each topic's entry starts: its appendix page and height.
    anchors: HashMap<String, (usize, f32)>,
    /// The page being set.
    current: usize,
    y: f32,
}

pub(super) const INK: [u8; 3] = [0x1a, 0x1a, 0x1a];
pub(super) const MUTED: [u8; 3] = [0x55, 0x55, 0x55];
pub(super) const LINK: [u8; 3] = [0x00, 0x5a, 0x9e];

impl Setter {
    pub(super) fn new(page_size: (f32, f32)) -> Self {
        let faces = fonts::bundled()
            .into_iter()
            .filter_map(|bytes| {
                let data = Arc::new(bytes.into_owned());
                let font = Font::new(data.clone().into(), 0)?;
                Some(Face {
                    font,
                    data,
                    index: 0,
                })
            })
            .collect();
        Self {
            faces,
            glyphs: HashMap::new(),
            loaded: HashMap::new(),
            pages: Vec::new(),
            page_size,
            anchors: HashMap::new(),
            current: 0,
            y: page_size.1,
        }
    }

    /// The face that has `c` and its advance in em: the app's fonts first, then the system's.
    fn glyph(&mut self, c: char) -> Option<(usize, f32)> {
        if let Some(known) = self.glyphs.get(&c) {
            return *known;
        }
        let advance = |data: &[u8], index: u32| {
            let face = ttf_parser::Face::parse(data, index).ok()?;
            let id = face.glyph_index(c)?;
            let units = f32::from(face.units_per_em());
            Some(f32::from(face.glyph_hor_advance(id).unwrap_or(0)) / units)
        };
        let mut found = self
            .faces
            .iter()
            .enumerate()
            .find_map(|(k, f)| advance(&f.data, f.index).map(|a| (k, a)));
        if found.is_none()
            && let Some(k) = fonts::system_face_for(c).and_then(|id| self.system_face(id))
        {
            found = advance(&self.faces[k].data, self.faces[k].index).map(|a| (k, a));
        }
        self.glyphs.insert(c, found);
        found
    }

    /// The index in `faces` of a system face, loaded on first use.
    fn system_face(&mut self, id: resvg::usvg::fontdb::ID) -> Option<usize> {
        if let Some(&k) = self.loaded.get(&id) {
            return Some(k);
        }
        let (data, index) =
            fonts::database().with_face_data(id, |data, index| (Arc::new(data.to_vec()), index))?;
        let font = Font::new(data.clone().into(), index)?;
        self.faces.push(Face { font, data, index });
        self.loaded.insert(id, self.faces.len() - 1);
        Some(self.faces.len() - 1)
    }

    pub(super) fn width(&mut self, text: &str, size: f32) -> f32 {
        text.chars()
            .map(|c| self.glyph(c).map_or(0.5, |(_, a)| a) * size)
            .sum()
    }

    /// Breaks `text` into lines no wider than `width`: at spaces, and inside a word only when
    /// the word alone is too wide.
    pub(super) fn wrap(&mut self, text: &str, size: f32, width: f32) -> Vec<String> {
        let tagged: Vec<(char, Option<usize>)> = text.chars().map(|c| (c, None)).collect();
        self.wrap_tagged(&tagged, size, width)
            .into_iter()
            .map(|line| line.into_iter().map(|(c, _)| c).collect())
            .collect()
    }

    /// [`Setter::wrap`] for characters that carry a tag (which reference they belong to).
    fn wrap_tagged(
        &mut self,
        text: &[(char, Option<usize>)],
        size: f32,
        width: f32,
    ) -> Vec<Vec<(char, Option<usize>)>> {
        let measure = |setter: &mut Self, chars: &[(char, Option<usize>)]| {
            let s: String = chars.iter().map(|(c, _)| *c).collect();
            setter.width(&s, size)
        };
        let mut lines = Vec::new();
        for paragraph in text.split(|(c, _)| *c == '\n') {
            let mut line: Vec<(char, Option<usize>)> = Vec::new();
            let mut line_width = 0.0;
            for word in paragraph
                .split(|(c, _)| c.is_whitespace())
                .filter(|w| !w.is_empty())
            {
                let space = if line.is_empty() {
                    0.0
                } else {
                    self.width(" ", size)
                };
                let w = measure(self, word);
                if line_width + space + w <= width {
                    if let Some(&(_, before)) = line.last() {
                        // A space inside one reference belongs to its link; between, to none.
                        let tag = before.filter(|_| word.first().map(|w| w.1) == Some(before));
                        line.push((' ', tag));
                    }
                    line.extend_from_slice(word);
                    line_width += space + w;
                    continue;
                }
                if !line.is_empty() {
                    lines.push(std::mem::take(&mut line));
                    line_width = 0.0;
                }
                for &(c, tag) in word {
                    let cw = self.width(&c.to_string(), size);
                    if line_width + cw > width && !line.is_empty() {
                        lines.push(std::mem::take(&mut line));
                        line_width = 0.0;
                    }
                    line.push((c, tag));
                    line_width += cw;
                }
            }
            lines.push(line);
        }
        lines
    }

    fn page(&mut self) -> &mut Vec<Op> {
        if self.pages.is_empty() {
            self.pages.push(Vec::new());
        }
        let k = self.current.min(self.pages.len() - 1);
        &mut self.pages[k]
    }

    /// Makes room for `height` more points, starting a page when this one is full.
    fn room(&mut self, height: f32) {
        if self.pages.is_empty() || self.y + height > self.page_size.1 - MARGIN {
            self.pages.push(Vec::new());
            self.current = self.pages.len() - 1;
            self.y = MARGIN;
        }
    }

    /// Sets one line at the cursor's height, in runs of one face each; returns its width.
    fn line(&mut self, x: f32, text: &str, size: f32, colour: [u8; 3]) -> f32 {
        let baseline = self.y + size * 0.95;
        let ops = self.text_ops((x, baseline), text, size, colour);
        let width = self.width(text, size);
        self.page().extend(ops);
        width
    }

    /// One line of text with its baseline starting at `(x, baseline)`, as runs of one face each.
    pub(super) fn text_ops(
        &mut self,
        (x, baseline): (f32, f32),
        text: &str,
        size: f32,
        colour: [u8; 3],
    ) -> Vec<Op> {
        let mut runs: Vec<(usize, String)> = Vec::new();
        for c in text.chars() {
            let face = self.glyph(c).map_or(0, |(f, _)| f);
            match runs.last_mut() {
                Some((f, run)) if *f == face => run.push(c),
                _ => runs.push((face, c.to_string())),
            }
        }
        let mut at = x;
        let mut ops = Vec::with_capacity(runs.len());
        for (face, run) in runs {
            let w = self.width(&run, size);
            ops.push(Op::Text {
                at: (at, baseline),
                face,
                size,
                text: run,
                colour,
            });
            at += w;
        }
        ops
    }

    /// A wrapped paragraph, moving the cursor down.
    fn paragraph(&mut self, text: &str, size: f32, colour: [u8; 3], indent: f32) {
        let width = self.page_size.0 - 2.0 * MARGIN - indent;
        let lead = size * 1.35;
        for line in self.wrap(text, size, width) {
            self.room(lead);
            self.line(MARGIN + indent, &line, size, colour);
            self.y += lead;
        }
    }

    /// A summary or rationale: each `[[topic-id]]` set as the topic's title (or the words given)
    /// and made a link to the topic's entry.
    fn linked_paragraph(&mut self, loaded: &LoadedRoadmap, text: &str, size: f32) {
        let mut tagged: Vec<(char, Option<usize>)> = Vec::new();
        let mut targets: Vec<(String, String)> = Vec::new();
        for (_, piece) in refs::pieces(text) {
            match piece {
                Piece::Text(t) => tagged.extend(t.chars().map(|c| (c, None))),
                Piece::Ref { id, words } => {
                    let title = loaded
                        .graph
                        .index_of(id)
                        .map(|i| &loaded.roadmap.topics[i].title);
                    let shown = words.or(title.map(String::as_str)).unwrap_or(id);
                    let tag = title.map(|_| {
                        targets.push((id.to_owned(), shown.to_owned()));
                        targets.len() - 1
                    });
                    tagged.extend(shown.chars().map(|c| (c, tag)));
                }
            }
        }
        let width = self.page_size.0 - 2.0 * MARGIN;
        let lead = size * 1.35;
        for line in self.wrap_tagged(&tagged, size, width) {
            self.room(lead);
            let top = self.y;
            let text: String = line.iter().map(|(c, _)| *c).collect();
            self.line(MARGIN, &text, size, INK);
            // Each run of one reference's characters on this line becomes a link.
            let mut k = 0;
            while k < line.len() {
                let Some(tag) = line[k].1 else {
                    k += 1;
                    continue;
                };
                let end = (k..line.len())
                    .find(|&j| line[j].1 != Some(tag))
                    .unwrap_or(line.len());
                let before: String = line[..k].iter().map(|(c, _)| *c).collect();
                let run: String = line[k..end].iter().map(|(c, _)| *c).collect();
                let x = MARGIN + self.width(&before, size);
                let (id, words) = targets[tag].clone();
                let w = self.width(&run, size);
                self.page().push(Op::Link {
                    rect: (x, top, x + w, top + lead),
                    to: LinkTo::Topic { id, words },
                });
                k = end;
            }
            self.y += lead;
        }
    }

    /// A source as a clickable line (its title), and its address in small type below.
    fn link(&mut self, title: &str, url: &str, indent: f32) {
        let size = 10.0;
        let width = self.page_size.0 - 2.0 * MARGIN - indent;
        let lead = size * 1.35;
        let clickable = url.starts_with("https://") || url.starts_with("http://");
        for line in self.wrap(&format!("• {title}"), size, width) {
            self.room(lead);
            let top = self.y;
            let w = self.line(MARGIN + indent, &line, size, LINK);
            if clickable {
                self.page().push(Op::Link {
                    rect: (MARGIN + indent, top, MARGIN + indent + w, top + lead),
                    to: LinkTo::Url(url.to_owned()),
                });
            }
            self.y += lead;
        }
        let small = 8.0;
        for line in self.wrap(url, small, width - 10.0) {
            self.room(small * 1.35);
            let top = self.y;
            let w = self.line(MARGIN + indent + 10.0, &line, small, MUTED);
            if clickable {
                self.page().push(Op::Link {
                    rect: (
                        MARGIN + indent + 10.0,
                        top,
                        MARGIN + indent + 10.0 + w,
                        top + small * 1.35,
                    ),
                    to: LinkTo::Url(url.to_owned()),
                });
            }
            self.y += small * 1.35;
        }
    }

    /// The appendix: for each phase, each topic in topological order.
    fn appendix(&mut self, personal: &Personal<'_>, options: &Options) -> Vec<Vec<Op>> {
        let loaded = personal.loaded;
        let overview = personal.overview();
        let topics = personal.topics(options);
        self.room(self.page_size.1);
        self.paragraph(&loaded.roadmap.title, 20.0, INK, 0.0);
        self.y += 4.0;
        self.paragraph(
            "Every topic: why it is here, where to read, and where you stand.",
            11.0,
            MUTED,
            0.0,
        );
        for (rank, phase) in loaded.roadmap.phases_in_order().iter().enumerate() {
            let in_phase: Vec<usize> = topics
                .iter()
                .copied()
                .filter(|&i| loaded.roadmap.topics[i].phase == phase.id)
                .collect();
            if in_phase.is_empty() {
                continue;
            }
            self.y += 14.0;
            self.room(60.0);
            self.paragraph(
                &format!("Phase {}: {}", rank + 1, phase.title),
                16.0,
                INK,
                0.0,
            );
            for i in in_phase {
                let topic = &loaded.roadmap.topics[i];
                self.y += 10.0;
                self.room(70.0);
                self.anchors
                    .insert(topic.id.clone(), (self.current, self.y));
                self.paragraph(&topic.title, 13.0, INK, 0.0);
                let mut facts = vec![format!(
                    "Status: {}",
                    crate::picture::items::word((overview.status[i], overview.standing[i]))
                )];
                if let Some(h) = topic.estimate_hours {
                    facts.push(format!("about {} hours", super::markdown::hours_text(h)));
                }
                let needs: Vec<&str> = loaded
                    .graph
                    .prerequisites(i)
                    .into_iter()
                    .map(|p| loaded.roadmap.topics[p].title.as_str())
                    .collect();
                if !needs.is_empty() {
                    facts.push(format!("needs: {}", needs.join(", ")));
                }
                self.paragraph(&facts.join(" · "), 9.5, MUTED, 0.0);
                self.y += 3.0;
                self.linked_paragraph(loaded, &topic.summary, 10.5);
                self.y += 3.0;
                self.linked_paragraph(loaded, &topic.rationale, 10.5);
                if !topic.sources.is_empty() {
                    self.y += 3.0;
                    self.room(14.0);
                    self.paragraph("Sources", 10.0, MUTED, 0.0);
                    for source in &topic.sources {
                        self.link(&source.title, &source.url, 8.0);
                    }
                }
                let note = personal.progress.note(&topic.id);
                if options.notes && !note.trim().is_empty() {
                    self.y += 3.0;
                    self.paragraph("Your note", 10.0, MUTED, 0.0);
                    self.paragraph(note, 10.5, INK, 8.0);
                }
            }
        }
        // Page numbers, once the count is known.
        let count = self.pages.len();
        let title = loaded.roadmap.title.clone();
        for k in 0..count {
            self.current = k;
            self.y = self.page_size.1 - MARGIN * 0.6;
            let footer = format!("{title} · appendix page {} of {count}", k + 1);
            self.line(MARGIN, &footer, 8.0, MUTED);
        }
        std::mem::take(&mut self.pages)
    }
}

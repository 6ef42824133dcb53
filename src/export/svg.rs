//! The whole map as SVG: a header with the roadmap's title and a progress summary, the phase
//! bands, the arrows, every topic's box with its status badge, and the legend. Text stays text.
//! It writes the picture's items (`picture::items`), the same the window paints, placed with
//! titles measured in the app's fonts, so the PNG rendered from this SVG looks like the map on
//! screen.

use std::fmt::Write as _;

use egui::{Color32, Pos2, Rect, Stroke, Vec2, pos2, vec2};

use super::{ExportError, Options, Personal};
use crate::fonts;
use crate::model::{LoadedRoadmap, Standing, Status};
use crate::picture::items::{self, Legend, Pen};
use crate::picture::palette::Palette;
use crate::picture::place::{self as scene, Placed};

/// Space around the picture, in points.
const MARGIN: f32 = 32.0;
/// Size of the roadmap's title in the header.
const HEADING_SIZE: f32 = 28.0;
/// Size of the header's progress line and the legend.
const TEXT_SIZE: f32 = 15.0;
/// Space between the map and the legend under it.
const LEGEND_GAP: f32 = 16.0;

/// The picture of the map: its SVG text and its size in points.
#[derive(Debug, Clone)]
pub struct Picture {
    /// The SVG document.
    pub svg: String,
    /// Width and height, in points (SVG user units).
    pub size: Vec2,
    /// Each topic's box in the picture, by topic index (of the roadmap drawn).
    pub topics: Vec<Rect>,
    /// Each phase's band in the picture, in phase order.
    pub bands: Vec<Rect>,
    /// Each arrow: (prerequisite, topic) by topic index, and the points it runs through.
    pub arrows: Vec<((usize, usize), Vec<Pos2>)>,
}

/// What a picture draws besides the map: links from the topics, a topic lit with its chain.
#[derive(Debug, Clone, Default)]
pub struct Extras {
    /// Each topic links to `#{link}{id}` (the handout's sections).
    pub link: Option<String>,
    /// This topic and everything it needs are drawn as they are, the rest faded and its arrows
    /// faint (a slide about the topic).
    pub spotlight: Option<usize>,
}

/// The map of the personal roadmap (one phase when the options say so) as SVG.
pub fn export(personal: &Personal<'_>, options: &Options) -> Result<String, ExportError> {
    picture(personal, options).map(|p| p.svg)
}

/// The map as SVG, with its size.
pub fn picture(personal: &Personal<'_>, options: &Options) -> Result<Picture, ExportError> {
    picture_with(personal, options, &Extras::default())
}

/// The roadmap a picture of these options draws (one phase standing alone, or the whole), with
/// the picture: for the formats that write the picture's places in their own way.
pub fn drawn_picture<'p>(
    personal: &'p Personal<'_>,
    options: &Options,
) -> Result<(std::borrow::Cow<'p, crate::model::LoadedRoadmap>, Picture), ExportError> {
    let picture = picture(personal, options)?;
    Ok((personal.drawn(options), picture))
}

/// The map as SVG with `extras` (topics as links, a topic in the spotlight), with its size.
pub fn picture_with(
    personal: &Personal<'_>,
    options: &Options,
    extras: &Extras,
) -> Result<Picture, ExportError> {
    let drawn = personal.drawn(options);
    let loaded = drawn.as_ref();
    if loaded.roadmap.topics.is_empty() {
        return Err(ExportError::Options(
            "there are no topics to draw".to_owned(),
        ));
    }
    let personal = Personal {
        loaded,
        progress: personal.progress,
    };
    let overview = personal.overview();
    let colours = Palette::new(options.look);

    let texts = Texts::new(&personal, &overview);
    let extra = fonts::fallbacks_for(fonts::roadmap_chars(&loaded.roadmap));
    let (placed, widths, legend) = fonts::with_fonts(extra, |fonts| {
        let placed = scene::place(loaded, options.direction, |title| {
            scene::measure_title(fonts, title)
        });
        let mut width = |text: &str, size: f32| {
            fonts
                .layout_no_wrap(
                    text.to_owned(),
                    egui::FontId::proportional(size),
                    Color32::WHITE,
                )
                .size()
                .x
        };
        let widths = Widths {
            heading: width(&texts.heading, HEADING_SIZE),
            summary: width(&texts.summary, TEXT_SIZE),
            bands: placed
                .band_labels
                .iter()
                .map(|label| width(label, crate::picture::palette::BAND_LABEL_SIZE))
                .collect(),
        };
        // The picture is as wide as it needs: the legend stays on one row.
        let legend = items::legend(Pos2::ZERO, &colours, f32::INFINITY, width);
        (placed, widths, legend)
    });

    let header = HEADING_SIZE * 1.4 + TEXT_SIZE * 1.6 + 24.0;
    let map = placed.bounds;
    let width = map
        .width()
        .max(widths.heading)
        .max(widths.summary)
        .max(legend.rect.width())
        + 2.0 * MARGIN;
    let legend = legend.translate(vec2(MARGIN, MARGIN + header + map.height() + LEGEND_GAP));
    let height = legend.rect.max.y + MARGIN;
    // From layout coordinates to the picture's.
    let offset = vec2(MARGIN, MARGIN + header) - map.min.to_vec2();

    let mut w = Writer::new(width, height, &personal, &colours);
    w.link.clone_from(&extras.link);
    w.lit = extras
        .spotlight
        .filter(|&t| t < loaded.roadmap.topics.len())
        .map(|t| {
            let mut lit = vec![false; loaded.roadmap.topics.len()];
            lit[t] = true;
            for a in loaded.graph.ancestors(t) {
                lit[a] = true;
            }
            lit
        });
    w.header(&texts, &overview, personal.loaded, &colours, width);
    w.bands(&placed, offset, &colours);
    w.edges(&placed, offset, &colours);
    w.band_labels(&placed, offset, &colours, &widths.bands);
    w.topics(
        &Topics {
            loaded,
            placed: &placed,
            overview: &overview,
            goal: personal
                .progress
                .goal
                .as_deref()
                .and_then(|g| loaded.graph.index_of(g)),
        },
        offset,
        &colours,
    );
    w.legend(&legend);
    let to_picture = |r: crate::layout::Rect| {
        Rect::from_min_max(pos2(r.min.x, r.min.y), pos2(r.max.x, r.max.y)).translate(offset)
    };
    Ok(Picture {
        svg: w.finish(),
        size: vec2(width, height),
        topics: placed.layout.nodes.iter().map(|r| to_picture(*r)).collect(),
        bands: placed.layout.bands.iter().map(|b| to_picture(*b)).collect(),
        arrows: placed
            .edges
            .iter()
            .zip(&placed.layout.edges)
            .map(|(&ends, route)| {
                (
                    ends,
                    route.iter().map(|p| pos2(p.x, p.y) + offset).collect(),
                )
            })
            .collect(),
    })
}

/// The header's words.
struct Texts {
    heading: String,
    summary: String,
}

impl Texts {
    fn new(personal: &Personal<'_>, overview: &crate::model::Overview) -> Self {
        let loaded = personal.loaded;
        let all = 0..loaded.roadmap.topics.len();
        let (cleared, total) = overview.cleared_of(all.clone());
        let doing = all
            .clone()
            .filter(|&i| overview.status[i] == Status::Doing)
            .count();
        let ready = all
            .filter(|&i| overview.standing[i] == Standing::Ready)
            .count();
        let percent = (cleared * 100).checked_div(total).unwrap_or(0);
        let mut summary = format!(
            "{cleared} of {total} topics done or skipped ({percent}%) · {doing} in progress · \
             {ready} ready to start"
        );
        if let Some(goal) = personal
            .progress
            .goal
            .as_deref()
            .and_then(|g| loaded.graph.index_of(g))
        {
            let (left, hours) = overview.toward(loaded, goal);
            let _ = write!(
                summary,
                " · goal: {} ({} topics, about {} hours to go)",
                loaded.roadmap.topics[goal].title,
                left.len(),
                hours.round()
            );
        }
        Self {
            heading: loaded.roadmap.title.clone(),
            summary,
        }
    }
}

/// Widths of the header's texts and the phases' labels, in points.
struct Widths {
    heading: f32,
    summary: f32,
    bands: Vec<f32>,
}

/// What the topic layer draws.
struct Topics<'a> {
    loaded: &'a LoadedRoadmap,
    placed: &'a Placed,
    overview: &'a crate::model::Overview,
    goal: Option<usize>,
}

/// Writes SVG elements.
struct Writer {
    out: String,
    /// What each topic links to, before its id (`Some("t-")`: `#t-rag`), in a handout.
    link: Option<String>,
    /// The topics lit (a spotlit topic and its chain); the others are faded.
    lit: Option<Vec<bool>>,
}

impl Writer {
    fn new(width: f32, height: f32, personal: &Personal<'_>, colours: &Palette) -> Self {
        let mut out = String::with_capacity(64 * 1024);
        let roadmap = &personal.loaded.roadmap;
        let _ = write!(
            out,
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
             <svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" \
             viewBox=\"0 0 {w} {h}\" font-family=\"{family}\" role=\"img\">\n\
             <title>{title}</title>\n<desc>{desc}</desc>\n",
            w = num(width),
            h = num(height),
            family = escape(fonts::FAMILY_LIST),
            title = escape(&roadmap.title),
            desc = escape(&roadmap.description),
        );
        let mut w = Self {
            out,
            link: None,
            lit: None,
        };
        w.out.push_str("<rect width=\"100%\" height=\"100%\"");
        w.fill(colours.background);
        w.out.push_str("/>\n");
        w
    }

    fn finish(mut self) -> String {
        self.out.push_str("</svg>\n");
        self.out
    }

    fn header(
        &mut self,
        texts: &Texts,
        overview: &crate::model::Overview,
        loaded: &LoadedRoadmap,
        colours: &Palette,
        width: f32,
    ) {
        self.out.push_str("<g id=\"header\">\n");
        let y = MARGIN + HEADING_SIZE * 0.5;
        self.text(
            pos2(MARGIN, y),
            &texts.heading,
            HEADING_SIZE,
            colours.text,
            "start",
        );
        let y = y + HEADING_SIZE * 0.9 + TEXT_SIZE * 0.6;
        self.text(
            pos2(MARGIN, y),
            &texts.summary,
            TEXT_SIZE,
            colours.text,
            "start",
        );
        // A bar of the share cleared, across the picture.
        let (cleared, total) = overview.cleared_of(0..loaded.roadmap.topics.len());
        let bar = Rect::from_min_size(
            pos2(MARGIN, y + TEXT_SIZE * 0.9),
            vec2(width - 2.0 * MARGIN, 6.0),
        );
        self.rect(bar, 3.0, colours.band_fill(0), Stroke::NONE);
        if total > 0 && cleared > 0 {
            let done = bar.width() * cleared as f32 / total as f32;
            self.rect(
                Rect::from_min_size(bar.min, vec2(done, bar.height())),
                3.0,
                colours.phase(0),
                Stroke::NONE,
            );
        }
        self.out.push_str("</g>\n");
    }

    fn bands(&mut self, placed: &Placed, offset: Vec2, colours: &Palette) {
        self.out.push_str("<g id=\"phases\">\n");
        for p in 0..placed.layout.bands.len() {
            let band = items::band(placed, p, colours);
            let r = band.rect.translate(offset);
            self.rect(r, band.rounding, band.fill, Stroke::NONE);
        }
        self.out.push_str("</g>\n");
    }

    /// The phases' labels, over the arrows, each on a backing of its band's colour so that an
    /// arrow entering the band passes under the words; `widths` are the labels' widths.
    fn band_labels(&mut self, placed: &Placed, offset: Vec2, colours: &Palette, widths: &[f32]) {
        self.out.push_str("<g id=\"phase-labels\">\n");
        for (p, width) in widths.iter().enumerate().take(placed.layout.bands.len()) {
            let band = items::band(placed, p, colours);
            let r = band.rect.translate(offset);
            // SVG text is placed by its middle: half the letters' size below the inset.
            let at = r.min + band.label_inset + vec2(0.0, band.label_size * 0.6);
            let backing = Rect::from_min_size(
                pos2(at.x, at.y - band.label_size * 0.6),
                vec2(*width, band.label_size * 1.2),
            )
            .expand2(vec2(6.0, 2.0));
            self.rect(backing, 4.0, band.fill, Stroke::NONE);
            self.text(at, band.label, band.label_size, band.label_colour, "start");
        }
        self.out.push_str("</g>\n");
    }

    fn edges(&mut self, placed: &Placed, offset: Vec2, colours: &Palette) {
        let look = (0..placed.layout.edges.len())
            .next()
            .map(|k| items::edge(placed, k, colours));
        self.out.push_str("<g id=\"arrows\" fill=\"none\"");
        if let Some(edge) = look {
            let _ = write!(self.out, " stroke-width=\"{}\"", num(edge.width));
            self.colour_attr("stroke", edge.colour);
        }
        self.out.push_str(">\n");
        for k in 0..placed.layout.edges.len() {
            let mut edge = items::edge(placed, k, colours);
            let points: Vec<Pos2> = edge.route.iter().map(|p| pos2(p.x, p.y) + offset).collect();
            let Some(arrow) = items::arrow(&points, edge.head) else {
                continue;
            };
            let (a, b) = placed.edges[k];
            let lit = self.lit.as_ref().map(|lit| lit[a] && lit[b]);
            match lit {
                Some(true) => {
                    edge.colour = colours.edge_highlight;
                    let _ = write!(
                        self.out,
                        "<path stroke-width=\"{}\"",
                        num(crate::picture::palette::EDGE_HIGHLIGHT_WIDTH)
                    );
                    self.colour_attr("stroke", edge.colour);
                    self.out.push_str(" d=\"");
                }
                Some(false) => self.out.push_str("<path opacity=\"0.25\" d=\""),
                None => self.out.push_str("<path d=\""),
            }
            if let Some(first) = arrow.curves.first() {
                let _ = write!(self.out, "M{} {}", num(first[0].x), num(first[0].y));
            }
            for [_, c1, c2, b] in &arrow.curves {
                let _ = write!(
                    self.out,
                    " C{} {} {} {} {} {}",
                    num(c1.x),
                    num(c1.y),
                    num(c2.x),
                    num(c2.y),
                    num(b.x),
                    num(b.y)
                );
            }
            self.out.push_str("\"/>\n");
            if lit == Some(false) {
                self.out.push_str("<g opacity=\"0.25\">");
                self.polygon(&arrow.head, edge.colour);
                self.out.push_str("</g>\n");
            } else {
                self.polygon(&arrow.head, edge.colour);
            }
        }
        self.out.push_str("</g>\n");
    }

    fn topics(&mut self, topics: &Topics<'_>, offset: Vec2, colours: &Palette) {
        self.out.push_str("<g id=\"topics\">\n");
        let placed = topics.placed;
        for i in 0..placed.layout.nodes.len() {
            let topic = &topics.loaded.roadmap.topics[i];
            let progress = (topics.overview.status[i], topics.overview.standing[i]);
            let item = items::topic(placed, i, colours, Some(progress), topics.goal == Some(i));
            let box_ = item.rect.translate(offset);
            if let Some(prefix) = &self.link {
                let _ = writeln!(
                    self.out,
                    "<a href=\"#{}{}\">",
                    escape(prefix),
                    escape(&topic.id)
                );
            }
            let faded = self.lit.as_ref().is_some_and(|lit| !lit[i]);
            let _ = write!(
                self.out,
                "<g id=\"topic-{}\" class=\"topic {}\"{}>\n<title>{} ({})</title>\n",
                escape(&topic.id),
                items::word(progress),
                if faded { " opacity=\"0.3\"" } else { "" },
                escape(&topic.title),
                items::word(progress),
            );
            if let Some((ring, rounding, stroke)) = item.goal_ring {
                // The goal wears a double outline, as on screen.
                self.rect(
                    ring.translate(offset),
                    rounding,
                    Color32::TRANSPARENT,
                    stroke,
                );
            }
            let (fill, outline, text) = items::node_colours(colours, &item.look, item.outline, 1.0);
            self.rect(
                box_.shrink(item.look.border / 2.0),
                item.rounding,
                fill,
                Stroke::new(item.look.border, outline),
            );
            let mut y = box_.center().y - item.lines.len() as f32 * item.line_height / 2.0
                + item.line_height / 2.0;
            for line in item.lines {
                self.text(
                    pos2(box_.center().x, y),
                    line,
                    item.title_size,
                    text,
                    "middle",
                );
                y += item.line_height;
            }
            if let Some(badge) = item.badge {
                items::Badge {
                    centre: badge.centre + offset,
                    ..badge
                }
                .draw(self);
            }
            self.out.push_str("</g>\n");
            if self.link.is_some() {
                self.out.push_str("</a>\n");
            }
        }
        self.out.push_str("</g>\n");
    }

    fn legend(&mut self, legend: &Legend) {
        self.out.push_str("<g id=\"legend\">\n");
        self.rect(legend.rect, legend.rounding, legend.fill, Stroke::NONE);
        for (badge, word, text_at) in &legend.entries {
            badge.draw(self);
            self.text(
                *text_at,
                word,
                legend.text_size,
                legend.text_colour,
                "start",
            );
        }
        self.out.push_str("</g>\n");
    }

    /// One line of text, its middle at `at.y`.
    fn text(&mut self, at: Pos2, text: &str, size: f32, colour: Color32, anchor: &str) {
        self.out.push_str("<text");
        self.attr("x", at.x);
        self.attr("y", at.y);
        self.attr("font-size", size);
        self.out.push_str(" dominant-baseline=\"central\"");
        if anchor != "start" {
            let _ = write!(self.out, " text-anchor=\"{anchor}\"");
        }
        self.fill(colour);
        let _ = writeln!(self.out, ">{}</text>", escape(text));
    }

    fn rect(&mut self, r: Rect, rounding: f32, fill: Color32, stroke: Stroke) {
        self.out.push_str("<rect");
        self.attr("x", r.min.x);
        self.attr("y", r.min.y);
        self.attr("width", r.width());
        self.attr("height", r.height());
        if rounding > 0.0 {
            self.attr("rx", rounding);
        }
        self.fill(fill);
        self.stroke(stroke);
        self.out.push_str("/>\n");
    }

    fn fill(&mut self, c: Color32) {
        self.colour_attr("fill", c);
    }

    fn stroke(&mut self, s: Stroke) {
        if s.width > 0.0 && s.color.a() > 0 {
            self.colour_attr("stroke", s.color);
            self.attr("stroke-width", s.width);
        }
    }

    /// `name="#rrggbb"`, and its opacity when not opaque; `none` when invisible.
    fn colour_attr(&mut self, name: &str, colour: Color32) {
        const HEX: &[u8; 16] = b"0123456789abcdef";
        let [r, g, b, a] = colour.to_srgba_unmultiplied();
        if a == 0 {
            let _ = write!(self.out, " {name}=\"none\"");
            return;
        }
        let _ = write!(self.out, " {name}=\"#");
        for byte in [r, g, b] {
            self.out.push(char::from(HEX[usize::from(byte >> 4)]));
            self.out.push(char::from(HEX[usize::from(byte & 15)]));
        }
        self.out.push('"');
        if a < 255 {
            let _ = write!(self.out, " {name}-opacity=\"");
            push_num(&mut self.out, f32::from(a) / 255.0);
            self.out.push('"');
        }
    }

    /// ` name="x"`, the number as [`num`] writes it.
    fn attr(&mut self, name: &str, x: f32) {
        self.out.push(' ');
        self.out.push_str(name);
        self.out.push_str("=\"");
        push_num(&mut self.out, x);
        self.out.push('"');
    }
}

impl Pen for Writer {
    fn circle(&mut self, centre: Pos2, radius: f32, fill: Color32, stroke: Stroke) {
        self.out.push_str("<circle");
        self.attr("cx", centre.x);
        self.attr("cy", centre.y);
        self.attr("r", radius);
        self.fill(fill);
        self.stroke(stroke);
        self.out.push_str("/>\n");
    }

    fn polyline(&mut self, points: &[Pos2], stroke: Stroke) {
        self.out.push_str("<polyline fill=\"none\" points=\"");
        self.points(points);
        self.out.push('"');
        self.stroke(stroke);
        self.out
            .push_str(" stroke-linecap=\"round\" stroke-linejoin=\"round\"/>\n");
    }

    fn polygon(&mut self, points: &[Pos2], fill: Color32) {
        self.out.push_str("<polygon points=\"");
        self.points(points);
        self.out.push('"');
        self.fill(fill);
        self.out.push_str("/>\n");
    }

    fn rect_filled(&mut self, rect: Rect, rounding: f32, fill: Color32) {
        self.rect(rect, rounding, fill, Stroke::NONE);
    }
}

impl Writer {
    fn points(&mut self, points: &[Pos2]) {
        for (k, p) in points.iter().enumerate() {
            if k > 0 {
                self.out.push(' ');
            }
            push_num(&mut self.out, p.x);
            self.out.push(',');
            push_num(&mut self.out, p.y);
        }
    }
}

/// A coordinate with at most two decimals and no trailing zeros, the same on every run: what
/// `format!("{x:.2}")` gives (ties to even), trimmed, without its slow exact formatting, and
/// written straight into the text around it. An `f32` times 100 is exact in an `f64`, so the
/// rounding sees the true value.
fn num(x: f32) -> Num {
    Num(x)
}

/// A coordinate as [`num`] writes it.
#[derive(Clone, Copy)]
struct Num(f32);

impl std::fmt::Display for Num {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut text = String::new();
        push_num(&mut text, self.0);
        f.write_str(&text)
    }
}

/// Appends a coordinate as [`num`] writes it, digit by digit: the SVG holds thousands of them.
#[allow(
    clippy::cast_possible_truncation,
    reason = "an f32 times 100 is far inside i64, and a digit inside u8"
)]
fn push_num(out: &mut String, x: f32) {
    let x = if x.is_finite() { x } else { 0.0 };
    let hundredths = (f64::from(x) * 100.0).round_ties_even() as i64;
    if hundredths < 0 {
        out.push('-');
    }
    let magnitude = hundredths.unsigned_abs();
    let (whole, part) = (magnitude / 100, magnitude % 100);
    // The whole part's digits, last first.
    let mut digits = [0u8; 20];
    let mut n = whole;
    let mut at = digits.len();
    loop {
        at -= 1;
        digits[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.extend(digits[at..].iter().map(|&d| char::from(d)));
    if part != 0 {
        out.push('.');
        out.push(char::from(b'0' + (part / 10) as u8));
        if part % 10 != 0 {
            out.push(char::from(b'0' + (part % 10) as u8));
        }
    }
}

/// Text made safe for XML content and attributes; characters XML cannot hold are left out.
pub(super) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if u32::from(c) < 0x20 || matches!(c, '\u{FFFE}' | '\u{FFFF}') => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    /// The old way, exact and slow: the reference `num` must match.
    fn formatted(x: f32) -> String {
        let x = if x.is_finite() { x } else { 0.0 };
        let text = format!("{x:.2}");
        let text = text.trim_end_matches('0').trim_end_matches('.');
        if text == "-0" {
            "0".to_owned()
        } else {
            text.to_owned()
        }
    }

    #[test]
    fn numbers_are_written_as_exact_formatting_writes_them() {
        let mut values: Vec<f32> = vec![
            0.0,
            -0.0,
            0.005,
            -0.005,
            0.015,
            0.125,
            -0.125,
            2.675,
            1e7,
            -1e7,
            0.994,
            0.995,
            0.999,
            -0.001,
            f32::NAN,
            f32::INFINITY,
            123_456.79,
        ];
        // Every quarter, eighth and a spread of odd values from -2,000 to 2,000.
        let mut x = -2_000.0_f32;
        while x < 2_000.0 {
            values.extend([x, x + 0.125, x + 0.375, x + 0.005, x / 3.0, x * 1.001]);
            x += 0.73;
        }
        for v in values {
            assert_eq!(super::num(v).to_string(), formatted(v), "{v}");
        }
    }
}

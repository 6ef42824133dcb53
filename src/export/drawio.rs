//! draw.io (diagrams.net), uncompressed: a container per phase, a vertex per topic (its title,
//! its summary as the tooltip) at its place in our layout, one edge per prerequisite through our
//! layout's bend points, styles by status. Opened in draw.io, it can be restyled for slides.

use std::fmt::Write as _;

use super::svg::{self, escape};
use super::{ExportError, Options, Personal};
use crate::model::Status;

/// A topic's style: rounded, wrapped, filled by status.
fn style(status: Status) -> &'static str {
    match status {
        Status::Done => {
            "rounded=1;whiteSpace=wrap;html=1;fillColor=#d5e8d4;strokeColor=#82b366;fontColor=#1d2430;"
        }
        Status::Doing => {
            "rounded=1;whiteSpace=wrap;html=1;fillColor=#fff2cc;strokeColor=#d6b656;fontColor=#1d2430;"
        }
        Status::Skipped => {
            "rounded=1;whiteSpace=wrap;html=1;fillColor=#f5f5f5;strokeColor=#999999;fontColor=#666666;dashed=1;"
        }
        Status::Todo => {
            "rounded=1;whiteSpace=wrap;html=1;fillColor=#dae8fc;strokeColor=#6c8ebf;fontColor=#1d2430;"
        }
    }
}

/// A number as draw.io writes it.
fn num(v: f32) -> String {
    format!("{v:.1}")
        .trim_end_matches('0')
        .trim_end_matches('.')
        .to_owned()
}

/// The personal roadmap as a draw.io file.
pub fn export(personal: &Personal<'_>, options: &Options) -> Result<String, ExportError> {
    let (drawn, picture) = svg::drawn_picture(personal, options)?;
    let loaded = drawn.as_ref();
    let roadmap = &loaded.roadmap;
    let mut out = String::with_capacity(64 * 1024);
    let _ = write!(
        out,
        "<mxfile host=\"roadmap\">\n<diagram id=\"roadmap\" name=\"{}\">\n\
         <mxGraphModel dx=\"0\" dy=\"0\" grid=\"0\" gridSize=\"10\" guides=\"1\" tooltips=\"1\" \
         connect=\"1\" arrows=\"1\" fold=\"1\" page=\"0\" pageScale=\"1\" pageWidth=\"{}\" \
         pageHeight=\"{}\" math=\"0\" shadow=\"0\">\n<root>\n<mxCell id=\"0\"/>\n\
         <mxCell id=\"1\" parent=\"0\"/>\n",
        escape(&roadmap.title),
        num(picture.size.x),
        num(picture.size.y)
    );
    let phases = roadmap.phases_in_order();
    for (k, phase) in phases.iter().enumerate() {
        let Some(band) = picture.bands.get(k) else {
            continue;
        };
        let _ = writeln!(
            out,
            "<mxCell id=\"phase-{}\" value=\"{}\" style=\"swimlane;startSize=28;rounded=1;\
             fillColor=#f3f6fa;strokeColor=#c5cfdb;fontStyle=1;\" vertex=\"1\" parent=\"1\">\
             <mxGeometry x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" as=\"geometry\"/></mxCell>",
            escape(&phase.id),
            escape(&format!("Phase {}: {}", k + 1, phase.title)),
            num(band.min.x),
            num(band.min.y - 28.0),
            num(band.width()),
            num(band.height() + 28.0)
        );
    }
    for (i, t) in roadmap.topics.iter().enumerate() {
        let r = picture.topics[i];
        let status = personal.progress.status(&t.id);
        // Inside its phase's container, a topic is placed from the container's corner.
        let k = phases.iter().position(|p| p.id == t.phase);
        let (parent, origin) = match k.and_then(|k| picture.bands.get(k)) {
            Some(band) => (
                format!("phase-{}", t.phase),
                egui::pos2(band.min.x, band.min.y - 28.0),
            ),
            None => ("1".to_owned(), egui::Pos2::ZERO),
        };
        let _ = writeln!(
            out,
            "<object id=\"topic-{}\" label=\"{}\" tooltip=\"{}\" status=\"{}\">\
             <mxCell style=\"{}\" vertex=\"1\" parent=\"{}\">\
             <mxGeometry x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" as=\"geometry\"/>\
             </mxCell></object>",
            escape(&t.id),
            // The label is read as HTML (for wrapping): escaped once for HTML, once for XML.
            escape(&escape(&t.title)),
            escape(&loaded.plain(&t.summary)),
            status.name(),
            style(status),
            escape(&parent),
            num(r.min.x - origin.x),
            num(r.min.y - origin.y),
            num(r.width()),
            num(r.height())
        );
    }
    for (k, ((a, b), points)) in picture.arrows.iter().enumerate() {
        let _ = write!(
            out,
            "<mxCell id=\"link-{k}\" style=\"edgeStyle=none;curved=1;rounded=1;endArrow=block;\
             endFill=1;strokeColor=#7a8699;\" edge=\"1\" parent=\"1\" source=\"topic-{}\" \
             target=\"topic-{}\"><mxGeometry relative=\"1\" as=\"geometry\"><Array as=\"points\">",
            escape(&roadmap.topics[*a].id),
            escape(&roadmap.topics[*b].id)
        );
        // The route's ends sit on the boxes; the points between are its bends.
        for p in points.iter().skip(1).take(points.len().saturating_sub(2)) {
            let _ = write!(out, "<mxPoint x=\"{}\" y=\"{}\"/>", num(p.x), num(p.y));
        }
        out.push_str("</Array></mxGeometry></mxCell>\n");
    }
    out.push_str("</root>\n</mxGraphModel>\n</diagram>\n</mxfile>\n");
    Ok(out)
}

//! Reading the edges of an SVG picture, ours or dot's, and measuring them: crossings, length
//! and bends, counted the same way for both.

use crate::layout;

/// Crossings of the edges of an SVG picture: every `<path>` (inside the group whose id is
/// `group`, if given) read as an edge, its curves flattened, and the lines counted by
/// [`layout::drawn_crossings`], ignoring crossings within 2 units of an edge's ends. Only
/// absolute `M`, `L` and `C` commands are read, which is all that our export and dot write.
#[must_use]
pub fn svg_crossings(svg: &str, group: Option<&str>) -> usize {
    layout::drawn_crossings(&svg_lines(svg, group), 2.0)
}

/// The points of an SVG path's data, its cubic curves flattened into 15 steps each: an odd
/// count, so that two mirrored curves crossing at their middles cross inside a segment of
/// each, not at a point both merely touch.
fn path_points(d: &str) -> Vec<layout::Point> {
    let mut points = Vec::new();
    let mut command = ' ';
    let mut numbers: Vec<f32> = Vec::new();
    let flush = |command: char, numbers: &mut Vec<f32>, points: &mut Vec<layout::Point>| {
        let at = |k: usize| layout::Point {
            x: numbers[k],
            y: numbers[k + 1],
        };
        match command {
            'M' | 'L' => points.extend((0..numbers.len() / 2).map(|k| at(2 * k))),
            'C' => {
                for k in 0..numbers.len() / 6 {
                    let from = points.last().copied().unwrap_or_else(|| at(6 * k));
                    let (c1, c2, to) = (at(6 * k), at(6 * k + 2), at(6 * k + 4));
                    layout::flatten_cubic(from, c1, c2, to, 15, points);
                }
            }
            _ => {}
        }
        numbers.clear();
    };
    let mut token = String::new();
    for ch in d.chars().chain(std::iter::once(' ')) {
        let starts_number = ch == '-' && !token.is_empty() && !token.ends_with(['e', 'E']);
        if ch.is_ascii_digit() || ch == '.' || ch == 'e' || ch == 'E' || ch == '-' || ch == '+' {
            if starts_number {
                numbers.extend(token.parse::<f32>().ok());
                token.clear();
            }
            token.push(ch);
            continue;
        }
        if !token.is_empty() {
            numbers.extend(token.parse::<f32>().ok());
            token.clear();
        }
        if ch.is_ascii_alphabetic() {
            flush(command, &mut numbers, &mut points);
            command = ch;
        }
    }
    flush(command, &mut numbers, &mut points);
    points
}

/// The edges of an SVG picture as polylines, as [`svg_crossings`] reads them.
#[must_use]
pub fn svg_lines(svg: &str, group: Option<&str>) -> Vec<Vec<layout::Point>> {
    let body = match group {
        Some(id) => {
            let open = format!("<g id=\"{id}\"");
            svg.split_once(open.as_str())
                .and_then(|(_, rest)| rest.split_once("</g>"))
                .map_or("", |(inside, _)| inside)
        }
        None => svg,
    };
    body.split("<path")
        .skip(1)
        .filter_map(|element| {
            let (_, rest) = element.split_once(" d=\"")?;
            let (d, _) = rest.split_once('"')?;
            Some(path_points(d))
        })
        .filter(|line| line.len() >= 2)
        .collect()
}

/// Least turn, in degrees, that counts as a bend.
const BEND_DEGREES: f64 = 15.0;

/// The total length of the lines, and their bends: each stretch of a line that turns one way
/// (left, or right) by at least [`BEND_DEGREES`] in all is one bend, however sharp or gentle,
/// so a corner of a polyline and a curve through the same turn count alike, and an S-bend
/// counts two.
#[must_use]
pub fn length_and_bends(lines: &[Vec<layout::Point>]) -> (f64, usize) {
    let mut length = 0.0;
    let mut bends = 0;
    for line in lines {
        let steps: Vec<(f64, f64)> = line
            .windows(2)
            .map(|w| (f64::from(w[1].x - w[0].x), f64::from(w[1].y - w[0].y)))
            .filter(|&(dx, dy)| dx.hypot(dy) > 1e-6)
            .collect();
        length += steps.iter().map(|&(dx, dy)| dx.hypot(dy)).sum::<f64>();
        // The turn in one direction so far, and its sign.
        let mut turned = 0.0f64;
        for w in steps.windows(2) {
            let ((ax, ay), (bx, by)) = (w[0], w[1]);
            let angle = (ax * by - ay * bx).atan2(ax * bx + ay * by).to_degrees();
            if angle == 0.0 {
                continue;
            }
            if turned != 0.0 && angle.signum() != turned.signum() {
                bends += usize::from(turned.abs() >= BEND_DEGREES);
                turned = 0.0;
            }
            turned += angle;
        }
        bends += usize::from(turned.abs() >= BEND_DEGREES);
    }
    (length, bends)
}

//! `roadmap::bench::run` on the bundled roadmap only: the tables it prints have every row and
//! column, and their numbers parse. No timing is asserted.

#![allow(clippy::unwrap_used, reason = "a test that cannot unwrap has failed")]

/// The number before " ms" in a time cell.
fn millis(cell: &str) -> f64 {
    let number = cell.strip_suffix(" ms").unwrap();
    let number = number.rsplit(' ').next().unwrap();
    number.parse().unwrap()
}

/// The cells of each row of a Markdown table.
fn cells(table: &str) -> Vec<Vec<&str>> {
    table
        .lines()
        .filter(|l| l.starts_with('|'))
        .map(|l| {
            l.trim_matches('|')
                .split('|')
                .map(str::trim)
                .collect::<Vec<_>>()
        })
        .collect()
}

#[test]
fn the_bench_prints_its_tables_with_numbers_that_parse() {
    let mut buf = Vec::new();
    // The bundled roadmap's size means the bundled roadmap, and it leads the default sizes.
    let bundled = roadmap::model::bundled().unwrap().roadmap.topics.len();
    assert_eq!(roadmap::bench::DEFAULT_SIZES[0], bundled);
    // The whole export process is the roadmap program's, not this test's.
    let program = std::path::Path::new(env!("CARGO_BIN_EXE_roadmap"));
    roadmap::bench::run_with(&[bundled], 1, program, &mut buf).unwrap();
    let text = String::from_utf8(buf).unwrap();
    let (times, rest) = text.split_once("\n\n").unwrap();
    let (crossings, stability) = rest.split_once("\n\n").unwrap();
    let rows = cells(times);
    assert_eq!(
        rows[0],
        [
            "measurement",
            "size",
            "time",
            "reference",
            "ratio",
            "crossings"
        ],
        "{text}"
    );
    assert!(rows[1].iter().all(|c| c.starts_with("---")), "{text}");
    let body = &rows[2..];
    let names: Vec<&str> = body.iter().map(|r| r[0]).collect();
    assert_eq!(
        names,
        [
            "load + validate",
            "layout",
            "export svg",
            "whole export svg (process)",
            "export png (2x)",
            "frame at rest",
            "frame panning",
            "frame zooming"
        ],
        "{text}"
    );
    for row in body {
        assert_eq!(row.len(), 6, "{text}");
        assert_eq!(row[1], bundled.to_string());
        assert!(millis(row[2]) > 0.0, "{text}");
        if row[3].starts_with("n/a") {
            assert_eq!(row[4], "n/a");
        } else {
            assert!(millis(row[3]) > 0.0, "{text}");
            let ratio: f64 = row[4].strip_suffix('x').unwrap().parse().unwrap();
            assert!(ratio > 0.0, "{text}");
        }
        if row[0] == "layout" {
            row[5].parse::<usize>().unwrap();
        } else {
            assert_eq!(row[5], "-");
        }
    }
    // The bundled roadmap is checked against a parse alone, and laid out next to dot when dot
    // is installed.
    assert!(body[0][3].starts_with("serde_json only"), "{text}");
    assert!(
        body[1][3].starts_with("dot ") || body[1][3].starts_with("n/a"),
        "{text}"
    );

    // Then the crossings, ours and dot's, counted the same two ways.
    let rows = cells(crossings);
    assert_eq!(
        rows[0],
        [
            "graph",
            "topics",
            "links",
            "dummies",
            "ours, drawn",
            "dot, drawn",
            "ours, between layers",
            "dot, mincross",
            "ours, length",
            "dot, length",
            "ours, bends",
            "dot, bends"
        ],
        "{text}"
    );
    assert_eq!(rows.len(), 3, "{text}");
    let row = &rows[2];
    assert_eq!(row[..2], ["bundled", &bundled.to_string()], "{text}");
    for k in [2, 3, 4, 6, 8, 10] {
        row[k].parse::<usize>().unwrap();
    }
    if !row[5].starts_with("n/a") {
        for k in [5, 7, 9, 11] {
            row[k].parse::<usize>().unwrap();
        }
    }

    // Then how well the drawing stays in place when a topic, or a link, is added back: at
    // least 90% of the topics on average.
    let rows = cells(stability);
    assert_eq!(
        rows[0],
        [
            "graph",
            "topics",
            "topic added: kept, mean",
            "least",
            "link added: kept, mean",
            "least"
        ],
        "{text}"
    );
    assert_eq!(rows.len(), 3, "{text}");
    let share = |cell: &str| cell.strip_suffix('%').unwrap().parse::<f64>().unwrap();
    assert_eq!(rows[2][..2], ["bundled", &bundled.to_string()], "{text}");
    assert!(share(rows[2][2]) >= 90.0, "{text}");
    assert!(share(rows[2][3]) <= share(rows[2][2]), "{text}");
    assert!(share(rows[2][4]) >= 90.0, "{text}");
    assert!(share(rows[2][5]) <= share(rows[2][4]), "{text}");
}

#[test]
fn svg_crossings_reads_dot_paths_and_our_arrows() {
    // Two of dot's edges swapping sides (a cross), and a third leaving the first's start.
    let dot = r#"<svg><g id="graph0" class="graph">
<g class="edge"><path fill="none" stroke="black" d="M0,-10C30,-10 70,-90 100,-90"/></g>
<g class="edge"><path fill="none" stroke="black" d="M0,-90C30,-90 70,-10 100,-10"/></g>
<g class="edge"><path fill="none" stroke="black" d="M0,-10C30,-10 70,-40 100,-40"/></g>
</g></svg>"#;
    // The third crosses the second, the first shares its start: two crossings.
    assert_eq!(roadmap::bench::svg_crossings(dot, None), 2);
    // Ours: only the arrows' group counts, and its paths end in arrow heads (polygons).
    let ours = r#"<svg><path d="M0 0 C50 0 50 100 100 100"/><g id="arrows" fill="none">
<path d="M0 0 C50 0 50 100 100 100"/><polygon points="1,1 2,2 3,1"/>
<path d="M0 100 C50 100 50 0 100 0"/><polygon points="1,1 2,2 3,1"/>
</g><g id="topics"><path d="M0 50 L100 50"/></g></svg>"#;
    assert_eq!(roadmap::bench::svg_crossings(ours, Some("arrows")), 1);
}

#[test]
fn length_and_bends_count_a_corner_and_a_curve_alike() {
    // A straight line, a polyline with one corner, a curve through a quarter turn, and an
    // S-bend: 0, 1, 1 and 2 bends.
    let svg = r#"<svg>
<path d="M0,0 L100,0"/>
<path d="M0,0 L100,0 L100,100"/>
<path d="M0,0 C50,0 100,50 100,100"/>
<path d="M0,0 C60,0 40,100 100,100"/>
</svg>"#;
    let lines = roadmap::bench::svg_lines(svg, None);
    assert_eq!(lines.len(), 4);
    let bends: Vec<usize> = lines
        .iter()
        .map(|l| roadmap::bench::length_and_bends(std::slice::from_ref(l)).1)
        .collect();
    assert_eq!(bends, [0, 1, 1, 2]);
    let (length, _) = roadmap::bench::length_and_bends(&lines[..2]);
    assert!((length - 300.0).abs() < 1e-3, "{length}");
}

//! `roadmap::bench::run` on the bundled roadmap only: the table it prints has every row and
//! column, and its numbers parse. No timing is asserted.

#![allow(clippy::unwrap_used, reason = "a test that cannot unwrap has failed")]

/// The number before " ms" in a time cell.
fn millis(cell: &str) -> f64 {
    let number = cell.strip_suffix(" ms").unwrap();
    let number = number.rsplit(' ').next().unwrap();
    number.parse().unwrap()
}

#[test]
fn the_bench_prints_one_table_with_numbers_that_parse() {
    let mut buf = Vec::new();
    // The bundled roadmap's size means the bundled roadmap, and it leads the default sizes.
    let bundled = roadmap::model::bundled().unwrap().roadmap.topics.len();
    assert_eq!(roadmap::bench::DEFAULT_SIZES[0], bundled);
    roadmap::bench::run(&[bundled], &mut buf).unwrap();
    let text = String::from_utf8(buf).unwrap();
    let rows: Vec<Vec<&str>> = text
        .lines()
        .filter(|l| l.starts_with('|'))
        .map(|l| {
            l.trim_matches('|')
                .split('|')
                .map(str::trim)
                .collect::<Vec<_>>()
        })
        .collect();
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
}

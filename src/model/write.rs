//! The roadmap file in its one canonical form: `$schema` first, every object's fields in the
//! schema's order, two-space indent, whole hours written as whole numbers, topics in the order
//! they were written, and a newline at the end. A roadmap kept in git then changes by the lines
//! an edit touched, and `roadmap fmt` gives the same bytes twice.

use super::types::Roadmap;

/// The text of `roadmap` in the canonical form.
#[must_use]
pub fn canonical(roadmap: &Roadmap) -> String {
    // The serde types are the schema's source, so their field order is the schema's; a
    // `Roadmap` holds only strings, numbers and lists, which always serialize.
    let mut text = serde_json::to_string_pretty(roadmap).unwrap_or_default();
    text.push('\n');
    text
}

/// Whether `text` is already in the canonical form of the roadmap it holds.
#[must_use]
pub fn is_canonical(text: &str, roadmap: &Roadmap) -> bool {
    text == canonical(roadmap)
}

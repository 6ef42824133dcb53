//! The text side of loading: line and column from byte offsets, reading fields of the syntax
//! tree, and `serde_json`'s errors put into words a person can act on, at the right place.

use jsonc_parser::ast::{Object, Value};
use jsonc_parser::common::Ranged as _;

/// Start offsets of lines, to turn byte offsets into line and column.
pub(super) struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub(super) fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        Self { starts }
    }

    pub(super) fn position(&self, text: &str, offset: usize) -> (usize, usize) {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.starts.partition_point(|&s| s <= offset);
        let start = self.starts[line - 1];
        (line, text[start..offset].chars().count() + 1)
    }
}

/// Byte offset in `text` of a `serde_json` error found in `slice`, which starts at `base`.
pub(super) fn serde_offset(text: &str, base: usize, slice: &str, err: &serde_json::Error) -> usize {
    if err.line() == 0 {
        return base;
    }
    let line_start = if err.line() == 1 {
        0
    } else {
        slice
            .match_indices('\n')
            .nth(err.line() - 2)
            .map_or(slice.len(), |(i, _)| i + 1)
    };
    (base + line_start + err.column().max(1) - 1).min(text.len())
}

pub(super) fn kind_of(value: &Value) -> &'static str {
    match value {
        Value::StringLit(_) => "a string",
        Value::NumberLit(_) => "a number",
        Value::BooleanLit(_) => "a boolean",
        Value::Object(_) => "an object",
        Value::Array(_) => "a list",
        Value::NullKeyword(_) => "null",
    }
}

pub(super) fn prop<'o, 'a>(obj: &'o Object<'a>, key: &str) -> Option<&'o Value<'a>> {
    obj.properties
        .iter()
        .find(|p| p.name.as_str() == key)
        .map(|p| &p.value)
}

pub(super) fn string_prop(obj: &Object, key: &str) -> Option<String> {
    match prop(obj, key) {
        Some(Value::StringLit(s)) => Some(s.value.to_string()),
        _ => None,
    }
}

/// Byte offset of a field's value, or of the object when the field is absent.
pub(super) fn offset_of(obj: &Object, key: &str) -> usize {
    prop(obj, key).map_or(obj.range.start, |v| v.range().start)
}

pub(super) fn element_offset(obj: &Object, key: &str, index: usize) -> usize {
    match prop(obj, key) {
        Some(Value::Array(a)) => a
            .elements
            .get(index)
            .map_or(a.range.start, |e| e.range().start),
        Some(v) => v.range().start,
        None => obj.range.start,
    }
}

/// Finds the byte offset of the value at a serde path inside an AST value.
pub(super) fn locate(value: &Value, path: &serde_path_to_error::Path) -> Option<usize> {
    use serde_path_to_error::Segment;
    let mut current = value;
    for segment in path {
        current = match (segment, current) {
            (Segment::Seq { index }, Value::Array(a)) => a.elements.get(*index)?,
            (Segment::Map { key }, Value::Object(o)) => prop(o, key)?,
            (Segment::Enum { .. }, v) => v,
            _ => return None,
        };
    }
    Some(current.range().start)
}

/// The place and message of a syntax error `serde_json` found at byte `offset` of `text`: what
/// a person can act on where `serde_json`'s own words would puzzle (to it, a comment is
/// "expected value" and a trailing comma "key must be a string").
pub(super) fn syntax_error(text: &str, offset: usize, e: &serde_json::Error) -> (usize, String) {
    let message = readable(serde_message(e));
    let rest = text.get(offset..).unwrap_or_default();
    if message.starts_with("control character") {
        // serde_json stops on the byte before the raw control character; point at it.
        let at = offset + rest.find(|c: char| c < ' ').unwrap_or(0);
        let c = text
            .get(at..)
            .and_then(|r| r.chars().next())
            .unwrap_or_default();
        let message = if c == '\0' {
            nul_message()
        } else {
            format!(
                "a raw control character (U+{:04X}) in a string; write it as an escape \
                 (\\u{:04x}) or remove it",
                u32::from(c),
                u32::from(c)
            )
        };
        return (at, message);
    }
    if rest.starts_with(['}', ']']) {
        let before = text.get(..offset).unwrap_or_default().trim_end();
        if before.ends_with(',') {
            return (
                before.len() - 1,
                "a trailing comma, which JSON does not allow; remove it".to_owned(),
            );
        }
    }
    if let Some(slip) = common_slip(text, offset, &message) {
        return slip;
    }
    let message = if rest.starts_with("//") || rest.starts_with("/*") {
        "a comment, which JSON does not allow; a roadmap file is strict JSON".to_owned()
    } else if rest.starts_with('\0') {
        nul_message()
    } else if rest.starts_with('\u{FEFF}') {
        "a byte order mark (U+FEFF), which may only open the file; remove it".to_owned()
    } else {
        message
    };
    (offset, message)
}

/// The common slips of hand-written JSON (a missing comma, brace or bracket, one too many, a
/// file cut short), said as what is missing and where it probably belongs: at the end of what
/// comes before the place the parser stopped, not at the next line's start.
fn common_slip(text: &str, offset: usize, message: &str) -> Option<(usize, String)> {
    let rest = text.get(offset..).unwrap_or_default();
    let before = text.get(..offset).unwrap_or_default().trim_end();
    let next = rest.chars().next();
    let said = match message {
        "expected `,` or `}`" if next == Some('"') => {
            "a comma is missing here: the fields of an object are separated by `,`"
        }
        "expected `,` or `}`" if next == Some(']') => {
            "a `}` is missing here: the object is not closed before the list ends"
        }
        "expected `,` or `]`" if next == Some('}') => {
            "a `]` is missing here: the list is not closed before the object ends"
        }
        "expected `,` or `]`" => {
            "a comma is missing here: the items of a list are separated by `,`"
        }
        "key must be a string" if matches!(next, Some('{' | '[')) && before.ends_with(',') => {
            // `…]\n  ,\n  {`: the object before the comma was left open.
            let at = before.len() - 1;
            return Some((
                at,
                "a `}` is probably missing before this comma: the object above is not closed"
                    .to_owned(),
            ));
        }
        "trailing characters" if matches!(next, Some('}' | ']')) => {
            "one `}` or `]` too many: the roadmap's object has already ended here; remove it"
        }
        "EOF while parsing an object" => {
            let end = text.trim_end().len();
            return Some((
                end,
                "the file ends before every `{` is closed: a `}` is missing at the end".to_owned(),
            ));
        }
        "EOF while parsing a list" => {
            let end = text.trim_end().len();
            return Some((
                end,
                "the file ends before every `[` is closed: a `]` is missing at the end".to_owned(),
            ));
        }
        _ => return None,
    };
    let at = if said.ends_with("remove it") {
        offset
    } else {
        before.len()
    };
    Some((at, said.to_owned()))
}

fn nul_message() -> String {
    "a NUL byte, which JSON text never holds; the file may be damaged or not be text".to_owned()
}

/// `serde_json`'s words, reworded where they would puzzle a person.
pub(super) fn readable(message: String) -> String {
    match message.as_str() {
        "recursion limit exceeded" => "lists and objects are nested too deeply".to_owned(),
        "number out of range" => {
            "the number is out of range (beyond any 64-bit floating-point number)".to_owned()
        }
        _ => message,
    }
}

/// `serde_json`'s message without its own " at line L column C" suffix.
pub(super) fn serde_message(e: &serde_json::Error) -> String {
    let text = e.to_string();
    match text.rfind(" at line ") {
        Some(i) if e.line() > 0 => text[..i].to_owned(),
        _ => text,
    }
}

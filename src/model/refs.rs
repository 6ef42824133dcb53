//! References from one topic's text to another. A summary or rationale names another topic as
//! `[[topic-id]]`, shown as that topic's current title, or `[[topic-id|other words]]`, shown as
//! the words; both lead to the topic wherever the medium has links. A renamed topic is then
//! renamed everywhere it is mentioned, and a reference to a topic that does not exist is an
//! error the loader reports at its place.

use std::borrow::Cow;

/// Where a reference opens.
pub const OPEN: &str = "[[";
/// Where a reference closes.
pub const CLOSE: &str = "]]";

/// A stretch of a text: words as written, or a reference to a topic.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Piece<'a> {
    /// Text shown as it is.
    Text(&'a str),
    /// A reference to the topic `id`, shown as `words` when given, else as the topic's title.
    Ref {
        /// The topic's id, as written between the brackets.
        id: &'a str,
        /// Other words to show instead of the title.
        words: Option<&'a str>,
    },
}

/// A reference that cannot be read: its byte offset in the text and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Malformed {
    /// Byte offset of the `[[` that opens it.
    pub offset: usize,
    /// What is wrong, in words.
    pub message: &'static str,
}

/// The text cut into pieces, each with the byte offset it starts at. A `[[` that is never
/// closed, or that holds no id, is kept as text here and reported by [`malformed`].
#[must_use]
pub fn pieces(text: &str) -> Vec<(usize, Piece<'_>)> {
    let mut out = Vec::new();
    let mut at = 0;
    let mut text_from = 0;
    while let Some(open) = text[at..].find(OPEN).map(|k| at + k) {
        let inner_start = open + OPEN.len();
        let Some(close) = text[inner_start..].find(CLOSE).map(|k| inner_start + k) else {
            break;
        };
        let inner = &text[inner_start..close];
        let (id, words) = match inner.split_once('|') {
            Some((id, words)) => (id.trim(), Some(words.trim()).filter(|w| !w.is_empty())),
            None => (inner.trim(), None),
        };
        if id.is_empty() || id.contains(OPEN) {
            // Not a reference: keep the brackets as text and look further on.
            at = inner_start;
            continue;
        }
        if open > text_from {
            out.push((text_from, Piece::Text(&text[text_from..open])));
        }
        out.push((open, Piece::Ref { id, words }));
        at = close + CLOSE.len();
        text_from = at;
    }
    if text_from < text.len() {
        out.push((text_from, Piece::Text(&text[text_from..])));
    }
    out
}

/// The references of a text that cannot be read: a `[[` never closed, or one with no id.
#[must_use]
pub fn malformed(text: &str) -> Vec<Malformed> {
    let mut out = Vec::new();
    let mut at = 0;
    while let Some(open) = text[at..].find(OPEN).map(|k| at + k) {
        let inner_start = open + OPEN.len();
        let Some(close) = text[inner_start..].find(CLOSE).map(|k| inner_start + k) else {
            out.push(Malformed {
                offset: open,
                message: "`[[` opens a topic reference that is never closed with `]]`",
            });
            break;
        };
        let inner = &text[inner_start..close];
        let id = inner.split_once('|').map_or(inner, |(id, _)| id).trim();
        if id.is_empty() {
            out.push(Malformed {
                offset: open,
                message: "a topic reference names no topic; write `[[topic-id]]` or `[[topic-id|words]]`",
            });
        } else if id.contains(OPEN) {
            out.push(Malformed {
                offset: open,
                message: "`[[` opens a topic reference that is never closed with `]]`",
            });
            at = inner_start;
            continue;
        }
        at = close + CLOSE.len();
    }
    out
}

/// The ids a text refers to, each with the byte offset of its reference, in order.
#[must_use]
pub fn ids(text: &str) -> Vec<(usize, &str)> {
    pieces(text)
        .into_iter()
        .filter_map(|(at, piece)| match piece {
            Piece::Ref { id, .. } => Some((at, id)),
            Piece::Text(_) => None,
        })
        .collect()
}

/// The text as a reader sees it: every reference replaced by its words, or by the title that
/// `title_of` gives for its id (the id itself when there is none). Borrowed when the text holds
/// no reference.
pub fn plain(text: &str, title_of: impl Fn(&str) -> Option<String>) -> Cow<'_, str> {
    if !text.contains(OPEN) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    for (_, piece) in pieces(text) {
        match piece {
            Piece::Text(t) => out.push_str(t),
            Piece::Ref { id, words } => match words {
                Some(w) => out.push_str(w),
                None => out.push_str(&title_of(id).unwrap_or_else(|| id.to_owned())),
            },
        }
    }
    Cow::Owned(out)
}

/// A reference as written: `[[id]]`, or `[[id|words]]`.
#[must_use]
pub fn reference(id: &str, words: Option<&str>) -> String {
    match words {
        Some(w) => format!("{OPEN}{id}|{w}{CLOSE}"),
        None => format!("{OPEN}{id}{CLOSE}"),
    }
}

/// `text` with each reference for which `replace` gives something replaced by it; the others
/// are written back as references.
pub fn rewrite(text: &str, replace: impl Fn(&str, Option<&str>) -> Option<String>) -> String {
    let mut out = String::with_capacity(text.len());
    for (_, piece) in pieces(text) {
        match piece {
            Piece::Text(t) => out.push_str(t),
            Piece::Ref { id, words } => {
                out.push_str(&replace(id, words).unwrap_or_else(|| reference(id, words)));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_are_cut_out_of_the_text() {
        let text = "Learn [[a-b]] before [[c|the other one]].";
        assert_eq!(
            pieces(text),
            vec![
                (0, Piece::Text("Learn ")),
                (
                    6,
                    Piece::Ref {
                        id: "a-b",
                        words: None
                    }
                ),
                (13, Piece::Text(" before ")),
                (
                    21,
                    Piece::Ref {
                        id: "c",
                        words: Some("the other one")
                    }
                ),
                (40, Piece::Text(".")),
            ]
        );
        assert!(malformed(text).is_empty());
        assert_eq!(ids(text), vec![(6, "a-b"), (21, "c")]);
    }

    #[test]
    fn plain_text_shows_titles_and_words() {
        let title = |id: &str| (id == "a-b").then(|| "Alpha Beta".to_owned());
        assert_eq!(
            plain("See [[a-b]], [[a-b|this]] and [[zz]].", title),
            "See Alpha Beta, this and zz."
        );
        assert!(matches!(plain("No links.", title), Cow::Borrowed(_)));
    }

    #[test]
    fn broken_references_are_reported_and_kept_as_text() {
        assert_eq!(malformed("a [[b")[0].offset, 2);
        assert_eq!(malformed("a [[|x]] b")[0].offset, 2);
        assert_eq!(malformed("[[ [[a]]")[0].offset, 0);
        assert_eq!(pieces("a [[b"), vec![(0, Piece::Text("a [[b"))]);
        assert_eq!(
            pieces("x [[]] y"),
            vec![(0, Piece::Text("x [[]] y"))],
            "no id: not a reference"
        );
    }
}

//! The typed side of loading: the checker walks the syntax tree, parses each part into the
//! roadmap's types, and keeps where everything is, so that every problem is reported in place.

use std::collections::{BTreeSet, HashSet};
use std::sync::OnceLock;

use jsonc_parser::ast::{Array, Object, Value};
use jsonc_parser::common::Ranged as _;
use serde::de::{DeserializeOwned, IgnoredAny};

use super::LoadError;
use super::syntax::{
    LineIndex, element_offset, kind_of, locate, offset_of, prop, readable, serde_message,
    string_prop, syntax_error,
};
use crate::model::personal::PERSONAL_KIND;
use crate::model::progress::Progress;
use crate::model::types::{FORMAT_VERSION, Phase, Roadmap, Source, Topic};
use crate::model::validate::{self, Field, Place, Problem, closest};

/// Walks a roadmap's syntax tree, parsing each part into its type and collecting every problem
/// found with its byte offset.
pub(super) struct Checker<'t> {
    text: &'t str,
    pub(super) lines: LineIndex,
    pub(super) problems: Vec<(usize, String)>,
    /// Byte offsets of the roadmap's `phases` and `topics` values.
    lists_at: [usize; 2],
    /// Byte offset of each parsed phase's object, by phase index.
    phase_offsets: Vec<usize>,
    /// Where each parsed topic's parts are, by topic index.
    topic_places: Vec<TopicPlaces>,
    /// Ids of topics that failed to parse, so references to them are not reported as unknown.
    broken_ids: BTreeSet<String>,
    /// The progress of a personal roadmap file.
    pub(super) carried_progress: Option<Progress>,
}

impl<'t> Checker<'t> {
    pub(super) fn new(text: &'t str) -> Self {
        Self {
            text,
            lines: LineIndex::new(text),
            problems: Vec::new(),
            lists_at: [0, 0],
            phase_offsets: Vec::new(),
            topic_places: Vec::new(),
            broken_ids: BTreeSet::new(),
            carried_progress: None,
        }
    }

    fn error(&mut self, offset: usize, message: impl Into<String>) {
        self.problems.push((offset, message.into()));
    }

    /// Reports problems found by `validate` whose places are fields of one object.
    fn field_problems(&mut self, obj: &Object, problems: Vec<Problem>) {
        for problem in problems {
            let at = field_of(problem.place).map_or(obj.range.start, |f| offset_of(obj, key_of(f)));
            self.error(at, problem.message);
        }
    }

    /// Reports problems found by `validate` across the roadmap, each at its place in the text.
    pub(super) fn roadmap_problems(&mut self, problems: Vec<Problem>) {
        for problem in problems {
            let at = self.offset(problem.place);
            let message = problem.message_with(|first| {
                let (line, _) = self.lines.position(self.text, self.offset(first));
                format!("first at line {line}")
            });
            self.error(at, message);
        }
    }

    /// The byte offset of a place in the roadmap, from what was kept while parsing.
    pub(super) fn offset(&self, place: Place) -> usize {
        let topic = |i: usize| self.topic_places.get(i);
        match place {
            Place::Roadmap(Field::Topics) => self.lists_at[1],
            Place::Roadmap(Field::Phases) => self.lists_at[0],
            // The other fields of the roadmap, and its references, are placed while parsing.
            Place::Roadmap(_) | Place::Reference(..) => 0,
            Place::Phase(i, _) => self.phase_offsets.get(i).copied().unwrap_or(0),
            Place::Topic(i, Some(Field::Phase)) => topic(i).map_or(0, |t| t.phase),
            Place::Topic(i, Some(Field::Summary)) => topic(i).map_or(0, |t| t.summary.0),
            Place::Topic(i, Some(Field::Rationale)) => topic(i).map_or(0, |t| t.rationale.0),
            Place::Topic(i, _) | Place::Source(i, _, _) => topic(i).map_or(0, |t| t.start),
            Place::Prerequisite(i, k) => {
                topic(i).map_or(0, |t| t.prerequisites.get(k).copied().unwrap_or(t.start))
            }
            Place::Text(i, field, at) => topic(i).map_or(0, |t| {
                let (start, end) = if field == Field::Summary {
                    t.summary
                } else {
                    t.rationale
                };
                // Inside a string written without escapes, the text's offsets are the file's.
                match self.text.get(start + 1..end.saturating_sub(1)) {
                    Some(raw) if !raw.contains('\\') && at <= raw.len() => start + 1 + at,
                    _ => start,
                }
            }),
        }
    }

    pub(super) fn into_error(self, path: &str) -> LoadError {
        super::error_at(self.text, path, self.problems)
    }

    /// Byte offset, within `slice` starting at `base`, of a `serde_json` error position.
    fn serde_offset(&self, base: usize, slice: &str, err: &serde_json::Error) -> usize {
        super::syntax::serde_offset(self.text, base, slice, err)
    }

    pub(super) fn parse(&mut self) -> Option<Roadmap> {
        // serde_json first: strict JSON, clear messages, and a nesting limit that keeps the
        // span-keeping parser below from deep recursion.
        if self.text.trim().is_empty() {
            self.error(0, "the file is empty; a roadmap file holds one JSON object");
            return None;
        }
        if let Err(e) = serde_json::from_str::<IgnoredAny>(self.text) {
            let offset = self.serde_offset(0, self.text, &e);
            let (offset, message) = syntax_error(self.text, offset, &e);
            self.error(offset, message);
            return None;
        }
        let strict = jsonc_parser::ParseOptions {
            allow_comments: false,
            allow_loose_object_property_names: false,
            allow_trailing_commas: false,
            allow_missing_commas: false,
            allow_single_quoted_strings: false,
            allow_hexadecimal_numbers: false,
            allow_unary_plus_numbers: false,
            allow_bare_decimal_point_numbers: false,
            allow_non_finite_numbers: false,
            allow_extended_string_escapes: false,
        };
        let ast = match jsonc_parser::parse_to_ast(
            self.text,
            &jsonc_parser::CollectOptions::default(),
            &strict,
        ) {
            Ok(result) => result.value,
            Err(e) => {
                let message = match e.kind() {
                    jsonc_parser::errors::ParseErrorKind::NestingDepthExceeded => {
                        "lists and objects are nested too deeply".to_owned()
                    }
                    kind => kind.to_string(),
                };
                self.error(e.range().start, message);
                return None;
            }
        };
        let Some(Value::Object(root)) = ast else {
            let found = ast.as_ref().map_or("nothing", kind_of);
            self.error(
                0,
                format!("a roadmap file holds one JSON object at the top, found {found}"),
            );
            return None;
        };
        if matches!(prop(&root, "kind"), Some(Value::StringLit(k)) if k.value == PERSONAL_KIND) {
            return self.personal(&root);
        }
        self.roadmap(&root)
    }

    /// A personal roadmap file: the roadmap is checked as usual, at its place in the file, and
    /// the progress it carries is kept.
    fn personal(&mut self, root: &Object) -> Option<Roadmap> {
        let known: Vec<String> = ["format_version", "kind", "roadmap", "progress"]
            .map(String::from)
            .to_vec();
        self.check_keys(root, &known, "the personal roadmap");
        let version: Option<u32> = self.field(root, "format_version", "the personal roadmap");
        if version.is_some_and(|v| v != FORMAT_VERSION) {
            self.error(
                offset_of(root, "format_version"),
                format!("this app reads personal roadmaps of format_version {FORMAT_VERSION}"),
            );
            return None;
        }
        let roadmap = match prop(root, "roadmap") {
            Some(Value::Object(obj)) => self.roadmap(obj),
            Some(v) => {
                self.error(
                    v.range().start,
                    format!("`roadmap` must be an object, found {}", kind_of(v)),
                );
                None
            }
            None => {
                self.error(
                    root.range.start,
                    "the personal roadmap is missing field `roadmap`",
                );
                None
            }
        };
        let progress: Option<Progress> = self.field(root, "progress", "the personal roadmap");
        if let (Some(r), Some(p)) = (&roadmap, &progress)
            && p.roadmap_id != r.id
        {
            let at = match prop(root, "progress") {
                Some(Value::Object(o)) => offset_of(o, "roadmap_id"),
                _ => root.range.start,
            };
            self.error(
                at,
                format!(
                    "the progress belongs to roadmap `{}`, not to `{}`",
                    p.roadmap_id, r.id
                ),
            );
        }
        self.carried_progress = progress;
        roadmap
    }

    fn roadmap(&mut self, root: &Object) -> Option<Roadmap> {
        let fields = known_fields();
        self.check_keys(root, &fields.roadmap, "the roadmap");
        let format_version: Option<u32> = self.field(root, "format_version", "the roadmap");
        if let Some(v) = format_version {
            if v > FORMAT_VERSION {
                self.error(
                    offset_of(root, "format_version"),
                    format!(
                        "format_version {v} is newer than this app reads ({FORMAT_VERSION}); \
                         update the app to open this file"
                    ),
                );
                return None;
            }
            if v == 0 {
                self.error(
                    offset_of(root, "format_version"),
                    format!("format_version must be {FORMAT_VERSION}"),
                );
            }
        }
        let schema: Option<Option<String>> = match prop(root, "$schema") {
            Some(_) => self.field(root, "$schema", "the roadmap").map(Some),
            None => Some(None),
        };
        let id: Option<String> = self.field(root, "id", "the roadmap");
        let title: Option<String> = self.field(root, "title", "the roadmap");
        let description: Option<String> = self.field(root, "description", "the roadmap");
        let at = Place::Roadmap;
        let problems = [
            id.as_deref().and_then(validate::roadmap_id),
            title
                .as_deref()
                .and_then(|t| validate::title(t, "the roadmap", at(Field::Title))),
            description.as_deref().and_then(|d| {
                validate::text(d, "the roadmap's description", true, at(Field::Description))
            }),
        ];
        self.field_problems(root, problems.into_iter().flatten().collect());
        self.lists_at = [offset_of(root, "phases"), offset_of(root, "topics")];
        let references = match prop(root, "references") {
            None => Some(Vec::new()),
            Some(value) => self.list(value, "references", |cx, v, i| {
                cx.source(v, &format!("reference {}", i + 1))
            }),
        };
        let phases = self.required_list(root, "phases", Self::phase);
        let topics = self.required_list(root, "topics", Self::topic);

        let roadmap = Roadmap {
            schema: schema?,
            format_version: format_version?,
            id: id?,
            title: title?,
            description: description?,
            references: references?,
            phases: phases?,
            topics: topics?,
        };
        let problems = validate::structure(&roadmap, &self.broken_ids);
        self.roadmap_problems(problems);
        Some(roadmap)
    }

    /// Reports unknown and repeated keys of an object.
    fn check_keys(&mut self, obj: &Object, known: &[String], what: &str) {
        let mut seen = HashSet::new();
        for p in &obj.properties {
            let name = p.name.as_str();
            if !seen.insert(name) {
                self.error(
                    p.range.start,
                    format!("field `{name}` appears twice in {what}"),
                );
            } else if !known.iter().any(|k| k == name) {
                let hint = match closest(name, known.iter().map(String::as_str)) {
                    Some(c) => format!("did you mean `{c}`?"),
                    None => format!("known fields: {}", known.join(", ")),
                };
                self.error(
                    p.range.start,
                    format!("unknown field `{name}` in {what} ({hint})"),
                );
            }
        }
    }

    /// Deserializes one value into `T`, reporting a failure at the exact place it happened.
    fn typed<T: DeserializeOwned>(&mut self, value: &Value, what: &str, field: &str) -> Option<T> {
        self.try_typed(value, what, field, "")
    }

    /// Like `typed`, but leaves unreported a failure under `skip` (a path reported elsewhere).
    fn try_typed<T: DeserializeOwned>(
        &mut self,
        value: &Value,
        what: &str,
        field: &str,
        skip: &str,
    ) -> Option<T> {
        let range = value.range();
        let slice = &self.text[range.start..range.end];
        let mut de = serde_json::Deserializer::from_str(slice);
        let e = match serde_path_to_error::deserialize::<_, T>(&mut de) {
            Ok(v) => return Some(v),
            Err(e) => e,
        };
        let inner = e.inner();
        let message = readable(serde_message(inner));
        let path = e.path().to_string();
        // Repeated keys are reported by `check_keys`, with their place.
        if message.starts_with("duplicate field") || (!skip.is_empty() && path.starts_with(skip)) {
            return None;
        }
        let at =
            locate(value, e.path()).unwrap_or_else(|| self.serde_offset(range.start, slice, inner));
        let place = match (field.is_empty(), path.as_str()) {
            (true, ".") => String::new(),
            (true, p) => format!(" field `{p}`"),
            (false, ".") => format!(" field `{field}`"),
            (false, p) => format!(" field `{field}.{p}`"),
        };
        self.error(at, format!("{what}{place}: {message}"));
        None
    }

    /// A required field of an object, typed.
    fn field<T: DeserializeOwned>(&mut self, obj: &Object, key: &str, what: &str) -> Option<T> {
        if let Some(v) = prop(obj, key) {
            self.typed(v, what, key)
        } else {
            self.error(obj.range.start, format!("{what} is missing field `{key}`"));
            None
        }
    }

    fn required_list<T>(
        &mut self,
        obj: &Object,
        key: &str,
        each: impl FnMut(&mut Self, &Value, usize) -> Option<T>,
    ) -> Option<Vec<T>> {
        if let Some(v) = prop(obj, key) {
            self.list(v, key, each)
        } else {
            self.error(
                obj.range.start,
                format!("the roadmap is missing field `{key}`"),
            );
            None
        }
    }

    /// Parses every element of a list, so that each broken element is reported.
    fn list<T>(
        &mut self,
        value: &Value,
        key: &str,
        mut each: impl FnMut(&mut Self, &Value, usize) -> Option<T>,
    ) -> Option<Vec<T>> {
        let Value::Array(Array { elements, .. }) = value else {
            self.error(
                value.range().start,
                format!("`{key}` must be a list, found {}", kind_of(value)),
            );
            return None;
        };
        let mut out = Vec::with_capacity(elements.len());
        let mut ok = true;
        for (i, element) in elements.iter().enumerate() {
            match each(self, element, i) {
                Some(item) => out.push(item),
                None => ok = false,
            }
        }
        ok.then_some(out)
    }

    fn object<'o, 'a>(&mut self, value: &'o Value<'a>, what: &str) -> Option<&'o Object<'a>> {
        if let Value::Object(obj) = value {
            Some(obj)
        } else {
            self.error(
                value.range().start,
                format!("{what} must be an object, found {}", kind_of(value)),
            );
            None
        }
    }

    fn source(&mut self, value: &Value, what: &str) -> Option<Source> {
        let obj = self.object(value, what)?;
        self.check_keys(obj, &known_fields().source, what);
        let source: Source = self.typed(value, what, "")?;
        let problems = validate::source_fields(&source, what, |f| Place::Source(0, 0, Some(f)));
        self.field_problems(obj, problems);
        Some(source)
    }

    fn phase(&mut self, value: &Value, index: usize) -> Option<Phase> {
        let what = format!("phase {}", index + 1);
        let obj = self.object(value, &what)?;
        let what = string_prop(obj, "id").map_or(what, |id| format!("phase `{id}`"));
        self.check_keys(obj, &known_fields().phase, &what);
        let phase: Phase = self.typed(value, &what, "")?;
        self.field_problems(obj, validate::phase_fields(&phase, index));
        self.phase_offsets.push(obj.range.start);
        Some(phase)
    }

    fn topic(&mut self, value: &Value, index: usize) -> Option<Topic> {
        let what = format!("topic {}", index + 1);
        let obj = self.object(value, &what)?;
        let id = string_prop(obj, "id");
        let what = id.as_ref().map_or(what, |id| format!("topic `{id}`"));
        self.check_keys(obj, &known_fields().topic, &what);
        // Sources are parsed one by one so each broken one is reported with its place.
        let sources = match prop(obj, "sources") {
            Some(v @ Value::Array(_)) => self.list(v, "sources", |cx, v, i| {
                cx.source(v, &format!("{what}, source {}", i + 1))
            }),
            _ => Some(Vec::new()),
        };
        // A broken source was reported above; an ill-typed `sources` field is reported here.
        let skip = if matches!(prop(obj, "sources"), Some(Value::Array(_))) {
            "sources["
        } else {
            ""
        };
        let Some(mut topic) = self.try_typed::<Topic>(value, &what, "", skip) else {
            self.broken_ids.extend(id);
            return None;
        };
        let Some(sources) = sources else {
            self.broken_ids.insert(topic.id);
            return None;
        };
        topic.sources = sources;

        let range = |key: &str| {
            prop(obj, key).map_or((obj.range.start, obj.range.start), |v| {
                (v.range().start, v.range().end)
            })
        };
        self.topic_places.push(TopicPlaces {
            start: obj.range.start,
            phase: offset_of(obj, "phase"),
            prerequisites: (0..topic.prerequisites.len())
                .map(|i| element_offset(obj, "prerequisites", i))
                .collect(),
            summary: range("summary"),
            rationale: range("rationale"),
        });
        let index = self.topic_places.len() - 1;
        for problem in validate::topic_fields(&topic, index) {
            let at = match problem.place {
                Place::Text(..) => self.offset(problem.place),
                place => field_of(place).map_or(obj.range.start, |f| offset_of(obj, key_of(f))),
            };
            self.error(at, problem.message);
        }
        Some(topic)
    }
}

/// Where a parsed topic's parts are in the text, to place what validation finds.
struct TopicPlaces {
    /// The topic's object.
    start: usize,
    /// Its `phase` value.
    phase: usize,
    /// Each prerequisite entry.
    prerequisites: Vec<usize>,
    /// The `summary` string, quotes included.
    summary: (usize, usize),
    /// The `rationale` string, quotes included.
    rationale: (usize, usize),
}

/// The field a place names, when it names one.
fn field_of(place: Place) -> Option<Field> {
    match place {
        Place::Roadmap(f) | Place::Text(_, f, _) => Some(f),
        Place::Reference(_, f)
        | Place::Phase(_, f)
        | Place::Topic(_, f)
        | Place::Source(_, _, f) => f,
        Place::Prerequisite(..) => None,
    }
}

/// The JSON key of a field.
fn key_of(field: Field) -> &'static str {
    match field {
        Field::Id => "id",
        Field::Title => "title",
        Field::Description => "description",
        Field::Goal => "goal",
        Field::Phase => "phase",
        Field::Summary => "summary",
        Field::Rationale => "rationale",
        Field::EstimateHours => "estimate_hours",
        Field::Url => "url",
        Field::Phases => "phases",
        Field::Topics => "topics",
    }
}

/// Field names each object may hold, read from the published schema so the two cannot drift.
struct KnownFields {
    roadmap: Vec<String>,
    phase: Vec<String>,
    topic: Vec<String>,
    source: Vec<String>,
}

fn known_fields() -> &'static KnownFields {
    fn of<T: schemars::JsonSchema>() -> Vec<String> {
        schemars::schema_for!(T)
            .get("properties")
            .and_then(serde_json::Value::as_object)
            .map(|props| props.keys().cloned().collect())
            .unwrap_or_default()
    }
    static FIELDS: OnceLock<KnownFields> = OnceLock::new();
    FIELDS.get_or_init(|| KnownFields {
        roadmap: of::<Roadmap>(),
        phase: of::<Phase>(),
        topic: of::<Topic>(),
        source: of::<Source>(),
    })
}

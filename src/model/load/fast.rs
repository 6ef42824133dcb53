//! The fast path of loading: a roadmap file with nothing wrong in it is parsed by `serde_json`
//! straight into the roadmap's types and validated, with no syntax tree and no places kept.
//! Anything it does not take (an unknown or repeated field, a wrong type, a personal roadmap, a
//! problem `validate` finds) goes the long way, through the checker, which says where.
//!
//! The types below mirror the file format's (serde's `remote`: the compiler holds them to the
//! same fields), but refuse unknown fields, as the checker does.

use std::collections::BTreeSet;

use serde::{Deserialize, Deserializer};

use crate::model::graph::RoadmapGraph;
use crate::model::loaded::LoadedRoadmap;
use crate::model::types::{FORMAT_VERSION, Phase, Roadmap, Source, SourceKind, Topic};
use crate::model::validate::{self, Field, Place};

/// The roadmap in `text` when it is strict JSON of a plain roadmap with known fields only and
/// `validate` finds nothing wrong; `None` sends it the long way.
pub(super) fn load(text: &str) -> Option<LoadedRoadmap> {
    let Strict(roadmap) = serde_json::from_str(text).ok()?;
    if !(1..=FORMAT_VERSION).contains(&roadmap.format_version) || !valid_fields(&roadmap) {
        return None;
    }
    if !validate::structure(&roadmap, &BTreeSet::new()).is_empty() {
        return None;
    }
    let graph = RoadmapGraph::new(&roadmap);
    if !validate::cycles(&roadmap, &graph).is_empty() {
        return None;
    }
    Some(LoadedRoadmap {
        roadmap,
        graph,
        carried_progress: None,
    })
}

/// Whether each element's own fields are valid, as the checker checks them one by one.
fn valid_fields(roadmap: &Roadmap) -> bool {
    let at = Place::Roadmap;
    let source_ok =
        |s: &Source| validate::source_fields(s, "", |f| Place::Source(0, 0, Some(f))).is_empty();
    validate::roadmap_id(&roadmap.id).is_none()
        && validate::title(&roadmap.title, "the roadmap", at(Field::Title)).is_none()
        && validate::text(&roadmap.description, "", true, at(Field::Description)).is_none()
        && roadmap.references.iter().all(source_ok)
        && roadmap
            .phases
            .iter()
            .enumerate()
            .all(|(i, p)| validate::phase_fields(p, i).is_empty())
        && roadmap.topics.iter().enumerate().all(|(i, t)| {
            validate::topic_fields(t, i).is_empty() && t.sources.iter().all(source_ok)
        })
}

/// A whole roadmap file, read through [`StrictRoadmap`].
struct Strict(Roadmap);

impl<'de> Deserialize<'de> for Strict {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        StrictRoadmap::deserialize(d).map(Strict)
    }
}

#[derive(Deserialize)]
#[serde(remote = "Roadmap", deny_unknown_fields)]
struct StrictRoadmap {
    #[serde(rename = "$schema", default)]
    schema: Option<String>,
    format_version: u32,
    id: String,
    title: String,
    description: String,
    #[serde(default, deserialize_with = "sources")]
    references: Vec<Source>,
    #[serde(deserialize_with = "phases")]
    phases: Vec<Phase>,
    #[serde(deserialize_with = "topics")]
    topics: Vec<Topic>,
}

#[derive(Deserialize)]
#[serde(remote = "Phase", deny_unknown_fields)]
struct StrictPhase {
    id: String,
    title: String,
    goal: String,
    order: u32,
}

#[derive(Deserialize)]
#[serde(remote = "Topic", deny_unknown_fields)]
struct StrictTopic {
    id: String,
    title: String,
    phase: String,
    summary: String,
    rationale: String,
    #[serde(default)]
    prerequisites: Vec<String>,
    #[serde(default, deserialize_with = "sources")]
    sources: Vec<Source>,
    #[serde(default)]
    estimate_hours: Option<f64>,
    #[serde(default)]
    tags: Vec<String>,
}

#[derive(Deserialize)]
#[serde(remote = "Source", deny_unknown_fields)]
struct StrictSource {
    title: String,
    url: String,
    kind: SourceKind,
    #[serde(default)]
    published: Option<String>,
}

/// A list of elements, each read through the strict mirror of its type.
macro_rules! strict_list {
    ($name:ident, $ty:ty, $strict:literal) => {
        fn $name<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<$ty>, D::Error> {
            #[derive(Deserialize)]
            struct One(#[serde(with = $strict)] $ty);
            Vec::<One>::deserialize(d).map(|v| v.into_iter().map(|One(x)| x).collect())
        }
    };
}

strict_list!(sources, Source, "StrictSource");
strict_list!(phases, Phase, "StrictPhase");
strict_list!(topics, Topic, "StrictTopic");

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::load::{BUNDLED_JSON, checker::Checker};

    /// The roadmap the checker reads from `text`, the long way.
    fn checked(text: &str) -> Option<Roadmap> {
        let mut cx = Checker::new(text);
        let roadmap = cx.parse();
        cx.problems.is_empty().then_some(roadmap).flatten()
    }

    #[test]
    fn a_valid_file_reads_the_same_both_ways() {
        let fast = load(BUNDLED_JSON).expect("the bundled roadmap takes the fast path");
        assert_eq!(Some(fast.roadmap), checked(BUNDLED_JSON));
        // Written again compactly, with a `$schema`, and an estimate given as null.
        let mut value: serde_json::Value = serde_json::from_str(BUNDLED_JSON).expect("json");
        value["$schema"] = "https://example.com/roadmap.schema.json".into();
        value["topics"][2]["estimate_hours"] = serde_json::Value::Null;
        let text = serde_json::to_string(&value).expect("json");
        let fast = load(&text).expect("the compact roadmap takes the fast path");
        assert_eq!(fast.roadmap.topics[2].estimate_hours, None);
        assert_eq!(Some(fast.roadmap), checked(&text));
    }

    #[test]
    fn what_the_checker_would_report_goes_the_long_way() {
        let bundled: serde_json::Value = serde_json::from_str(BUNDLED_JSON).expect("json");
        let changed = |edit: &dyn Fn(&mut serde_json::Value)| {
            let mut v = bundled.clone();
            edit(&mut v);
            serde_json::to_string(&v).expect("json")
        };
        let cases = [
            changed(&|v| v["colour"] = "red".into()),
            changed(&|v| v["topics"][3]["colour"] = "red".into()),
            changed(&|v| v["phases"][0]["colour"] = "red".into()),
            changed(&|v| v["topics"][3]["sources"][0]["colour"] = "red".into()),
            changed(&|v| v["format_version"] = 0.into()),
            changed(&|v| v["format_version"] = 2.into()),
            changed(&|v| v["topics"][3]["title"] = "".into()),
            changed(&|v| v["topics"][3]["phase"] = "no-such-phase".into()),
            changed(&|v| {
                v["topics"][3]["prerequisites"] = vec![v["topics"][3]["id"].clone()].into();
            }),
            changed(&|v| v["topics"][3]["prerequisites"] = vec!["no-such-topic"].into()),
            changed(&|v| v["topics"][3]["sources"][0]["url"] = "ftp://example.com".into()),
            BUNDLED_JSON.replacen("\"id\"", "\"id\": \"twice\", \"id\"", 1),
            format!("{{\"kind\": \"x\", {}", &BUNDLED_JSON.trim_start()[1..]),
        ];
        for (k, text) in cases.iter().enumerate() {
            assert!(load(text).is_none(), "case {k} took the fast path");
        }
    }
}

//! The published JSON Schema is generated from the Rust types, and the bundled roadmap names it.

#![allow(clippy::unwrap_used, reason = "a test that cannot unwrap has failed")]

use roadmap::model;

#[test]
fn the_published_schema_is_up_to_date() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/assets/roadmap.schema.json");
    let published = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        published == model::schema_json(),
        "assets/roadmap.schema.json is stale: run `cargo run -- schema > assets/roadmap.schema.json`"
    );
}

#[test]
fn the_bundled_roadmap_names_the_schema() {
    let loaded = model::bundled().unwrap();
    assert_eq!(
        loaded.roadmap.schema.as_deref(),
        Some("./assets/roadmap.schema.json")
    );
}

#[test]
fn the_schema_requires_what_the_loader_requires_and_refuses_unknown_fields() {
    let schema: serde_json::Value = serde_json::from_str(&model::schema_json()).unwrap();
    let topic = &schema["$defs"]["Topic"];
    assert_eq!(topic["additionalProperties"], false);
    let required: Vec<&str> = topic["required"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    for field in ["id", "title", "phase", "summary", "rationale"] {
        assert!(
            required.contains(&field),
            "`{field}` is not required by the schema"
        );
    }
    let kinds = &schema["$defs"]["SourceKind"];
    assert!(kinds.to_string().contains("announcement"), "{kinds}");
}

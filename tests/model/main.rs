//! The model without a window: loading and validation (the corpus, hostile files, property tests), the
//! bundled roadmap, graph queries, progress read against the graph, the schema and the layout.

#[path = "../common/mod.rs"]
mod common;

mod bundled;
mod corpus;
mod edit;
mod graph;
mod hostile;
mod import;
mod layers;
mod layout;
mod plan;
mod progress;
mod properties;
mod schema;
mod validate;

//! dossier: an Obsidian vault of account notes → stakeholder briefings.
//!
//! The pipeline, one module per stage: [`vault`] (files → notes) → [`model`] (notes → typed
//! entities) → [`select`] (entities + subject → what belongs to a briefing) → [`report`]
//! (selection → view structs) → [`render`] (view → Markdown, JSON, PDF, SVG, diagrams).
//! Beside it: [`query`] evaluates Dataview, [`bases`] Obsidian's Bases, [`schema`] describes the fields a vault writes,
//! [`invite`] reads a calendar invite (.ics) for `meeting`, [`scratch`] names and clears the
//! temporary files written before a rename; [`format`](mod@format) and [`period`] are
//! shared by the command line and the stages. [`commands`] strings them together for the
//! command line defined in [`cli`]. No module imports from a stage after its own.

pub mod bases;
pub mod cli;
pub mod commands;
pub mod config;
pub mod diagnostics;
pub mod format;
pub mod invite;
pub mod model;
pub mod period;
pub mod query;
pub mod render;
pub mod report;
pub mod schema;
pub mod scratch;
pub mod select;
pub mod vault;

/// Hash maps keyed by names and targets: foldhash (randomly seeded per process, like std's)
/// hashes short keys several times faster than std's SipHash, which link resolution felt.
pub(crate) type HashMap<K, V> = std::collections::HashMap<K, V, foldhash::fast::RandomState>;
pub(crate) type HashSet<T> = std::collections::HashSet<T, foldhash::fast::RandomState>;

//! dossier: an Obsidian vault of account notes → stakeholder briefings.
//!
//! The pipeline, one module per stage: [`vault`] (files → notes) → [`model`] (notes → typed
//! entities) → [`select`] (entities + subject → what belongs to a briefing) → [`report`]
//! (selection → view structs) → [`render`] (view → Markdown or JSON bytes).

pub mod config;
pub mod diagnostics;
pub mod model;
pub mod vault;

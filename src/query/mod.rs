//! The Dataview query language: parse a query, run it against the graph with `this` = the
//! note holding it and `today` = the as-of date. What Obsidian would show is `render::query`.
//!
//! The subset vaults use is supported (see `parse`); anything beyond it is reported as
//! unsupported with the reason, never guessed. Where dossier differs from Dataview on
//! purpose it says so in the README.

mod eval;
mod functions;
mod inline;
pub mod parse;
pub mod time;
pub mod value;

pub use eval::{Context, Output, TaskGroup, TaskItem, Unsupported};
pub use functions::{binary, part, to_date};
pub use parse::{parse, ParseError, Query};

use chrono::NaiveDate;

use crate::model::Graph;
use crate::vault::{Block, NoteId};

/// A query block written in a note: ```` ```dataview ```` (or ```` ```dataviewjs ````, which is
/// JavaScript and never run). A block nested inside another fence is part of that fence's
/// text, so it is never found here.
#[derive(Debug, Clone)]
pub struct QueryBlock {
    pub note: NoteId,
    /// The heading the block sits under, if any.
    pub heading: Option<String>,
    /// File line of the opening fence.
    pub line: u32,
    pub language: String,
    pub text: String,
}

/// What became of a block.
#[derive(Debug, Clone)]
pub enum Answer {
    Answered(Output),
    /// Beyond the supported subset, with the reason.
    Unsupported(String),
}

/// The query blocks of a note, in document order.
pub fn blocks(graph: &Graph, note: NoteId) -> Vec<QueryBlock> {
    let mut out = Vec::new();
    for section in &graph.vault.note(note).body.sections {
        for block in &section.blocks {
            if let Block::Code { info, literal, line } = block {
                let language = info.split_whitespace().next().unwrap_or("").to_lowercase();
                if language == "dataview" || language == "dataviewjs" {
                    out.push(QueryBlock {
                        note,
                        heading: section.heading.as_ref().map(|h| h.text.clone()),
                        line: *line,
                        language,
                        text: literal.trim_end().to_string(),
                    });
                }
            }
        }
    }
    out
}

/// Answers a block as Obsidian would, with `this` = its note and `today` = `today`.
pub fn answer(graph: &Graph, block: &QueryBlock, today: NaiveDate) -> Answer {
    if block.language == "dataviewjs" {
        return Answer::Unsupported("dataviewjs blocks are JavaScript; dossier does not run them".into());
    }
    if block.text.trim().is_empty() {
        return Answer::Unsupported("the block is empty".into());
    }
    let query = match parse(&block.text) {
        Ok(q) => q,
        Err(e) => {
            // Query line 1 is the line after the opening fence.
            let line = block.line as usize + e.line;
            return Answer::Unsupported(format!(
                "the query does not parse (line {line}, column {}): {}",
                e.column, e.message
            ));
        }
    };
    match Context::new(graph, Some(block.note), today).run(&query) {
        Ok(output) => Answer::Answered(output),
        Err(Unsupported(reason)) => Answer::Unsupported(reason),
    }
}

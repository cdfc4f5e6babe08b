//! Obsidian Bases: the database views a `.base` file (or a ```` ```base ```` block) defines
//! over the vault's notes — filters, formulas, and table, list and cards views — answered as
//! Obsidian shows them. `expr` parses the expression language, `eval` runs a view.
//!
//! A base is YAML (Obsidian's help, "Bases syntax"): `filters` (an expression, or `and`/`or`/
//! `not` lists of them), `formulas` (name → expression), `properties` (display names),
//! `views` (each with `type`, `name`, `order`, `sort`, `limit`, `groupBy`, `filters`).

pub mod eval;
pub mod expr;

use chrono::NaiveDate;
use serde::Deserialize;

use crate::model::Graph;
use crate::query::{Answer, Unsupported};
use crate::vault::{Block, NoteId};

/// A base, as its YAML says.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct Base {
    pub filters: Option<Filter>,
    pub formulas: std::collections::BTreeMap<String, String>,
    pub properties: std::collections::BTreeMap<String, PropertyConfig>,
    /// Summaries of the base's own, as formulas over `values` (not evaluated).
    pub summaries: std::collections::BTreeMap<String, String>,
    pub views: Vec<View>,
}

/// A filter: one expression, or `and` / `or` / `not` over a list of filters (`not`: none of
/// them holds).
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum Filter {
    Expr(String),
    And { and: Vec<Filter> },
    Or { or: Vec<Filter> },
    Not { not: Vec<Filter> },
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct PropertyConfig {
    #[serde(rename = "displayName")]
    pub display_name: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct View {
    /// `table`, `list`, `cards` or `map`.
    #[serde(rename = "type")]
    pub kind: String,
    pub name: Option<String>,
    pub filters: Option<Filter>,
    /// The properties shown, in order.
    pub order: Vec<String>,
    pub sort: Vec<SortKey>,
    pub limit: Option<usize>,
    #[serde(rename = "groupBy")]
    pub group_by: Option<SortKey>,
    /// A summary under a column: property → `Average`, `Sum`, `Earliest`, ….
    pub summaries: std::collections::BTreeMap<String, String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct SortKey {
    /// The property (older bases name it `column`).
    #[serde(alias = "column")]
    pub property: String,
    /// `ASC` (the default) or `DESC`.
    pub direction: Option<String>,
}

impl SortKey {
    pub fn descending(&self) -> bool {
        self.direction.as_deref().is_some_and(|d| d.eq_ignore_ascii_case("desc"))
    }
}

/// Reads a base's YAML; the message says what is wrong.
pub fn read(text: &str) -> Result<Base, String> {
    if text.trim().is_empty() {
        return Ok(Base::default());
    }
    serde_yaml::from_str(text).map_err(|e| e.to_string())
}

/// `Meetings.base#Person` → the base's path as written and the view's name.
pub fn split_embed(target: &str) -> (&str, Option<&str>) {
    match target.split_once('#') {
        Some((path, view)) if !view.is_empty() => (path, Some(view)),
        Some((path, _)) => (path, None),
        None => (target, None),
    }
}

/// Where a note shows a base: an embed `![[X.base#View]]` or a ```` ```base ```` block.
#[derive(Debug, Clone)]
pub struct BaseUse {
    pub note: NoteId,
    /// The heading it sits under, if any.
    pub heading: Option<String>,
    /// Its line in the note.
    pub line: u32,
    pub source: BaseSource,
}

#[derive(Debug, Clone)]
pub enum BaseSource {
    /// `![[X.base#View]]`: the file as written and the view's name.
    Embed { file: String, view: Option<String> },
    /// A ```` ```base ```` block's YAML.
    Block(String),
}

impl BaseUse {
    /// How the note writes it: the embed, or the block's text.
    pub fn written(&self) -> String {
        match &self.source {
            BaseSource::Embed { file, view: Some(v) } => format!("![[{file}#{v}]]"),
            BaseSource::Embed { file, view: None } => format!("![[{file}]]"),
            BaseSource::Block(text) => text.trim_end().to_string(),
        }
    }
}

/// The bases a note shows, in document order.
pub fn uses(graph: &Graph, note: NoteId) -> Vec<BaseUse> {
    let n = graph.vault.note(note);
    let heading_at = |line: u32| n.body.sections[n.body.section_at(line)].heading.as_ref().map(|h| h.text.clone());
    let mut out = Vec::new();
    for link in n.links.iter().filter(|l| l.embed) {
        let path = &link.target.path;
        if !path.to_lowercase().ends_with(".base") {
            continue;
        }
        let view = match &link.target.anchor {
            Some(crate::vault::wikilink::Anchor::Heading(parts)) => Some(parts.join("#")),
            _ => None,
        };
        out.push(BaseUse {
            note,
            heading: heading_at(link.line),
            line: link.line,
            source: BaseSource::Embed { file: path.clone(), view },
        });
    }
    for section in &n.body.sections {
        for block in &section.blocks {
            if let Block::Code { info, literal, line } = block {
                if info.split_whitespace().next().is_some_and(|l| l.eq_ignore_ascii_case("base")) {
                    out.push(BaseUse {
                        note,
                        heading: section.heading.as_ref().map(|h| h.text.clone()),
                        line: *line,
                        source: BaseSource::Block(literal.clone()),
                    });
                }
            }
        }
    }
    out.sort_by_key(|u| u.line);
    out
}

/// Answers a base as Obsidian shows it in `use.note`, as of `today`.
pub fn answer(graph: &Graph, base_use: &BaseUse, today: NaiveDate) -> Answer {
    let (text, view) = match &base_use.source {
        BaseSource::Block(text) => (Ok(text.clone()), None),
        BaseSource::Embed { file, view } => {
            let text = match graph.vault.base_file(file) {
                None => Err(format!("the vault has no base file {file}")),
                Some(f) => std::fs::read_to_string(graph.vault.root.join(&f.relative_os))
                    .map_err(|e| format!("cannot read {}: {e}", f.relative)),
            };
            (text, view.as_deref())
        }
    };
    let base = match text.and_then(|t| read(&t).map_err(|e| format!("the base is not valid YAML: {e}"))) {
        Ok(b) => b,
        Err(why) => return Answer::Unsupported(why),
    };
    match eval::run(graph, &base, view, Some(base_use.note), today) {
        Ok(output) => Answer::Answered(output),
        Err(Unsupported(why)) => Answer::Unsupported(why),
    }
}

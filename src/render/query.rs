//! A query's result as Obsidian shows it (Markdown) or as rows (JSON).

use serde_json::json;

use super::markdown::{escape, wikilink_text as wikilink};
use crate::model::Graph;
use crate::query::value::Value;
use crate::query::Output;

fn cell(v: &Value, in_table: bool) -> String {
    match v {
        Value::Link(l) => wikilink(&l.path, &l.display, in_table),
        Value::List(items) => items.iter().map(|i| cell(i, in_table)).collect::<Vec<_>>().join(", "),
        other => escape(&other.display()),
    }
}

/// Markdown: a list, a task list grouped by note, or a table.
pub fn to_markdown(graph: &Graph, output: &Output) -> String {
    let mut out = String::new();
    match output {
        Output::List { rows, without_id } => {
            for (id, value) in rows {
                let line = match (value, without_id) {
                    (Some(v), true) => cell(v, false),
                    (Some(v), false) => format!("{}: {}", cell(id, false), cell(v, false)),
                    (None, _) => cell(id, false),
                };
                out.push_str(&format!("- {line}\n"));
            }
            if rows.is_empty() {
                out.push_str("_No results._\n");
            }
        }
        Output::Task { tasks } => {
            let mut current: Option<&str> = None;
            for &i in tasks {
                let t = &graph.tasks[i];
                if current != Some(&*t.source.path) {
                    if current.is_some() {
                        out.push('\n');
                    }
                    let note = graph.vault.note(t.note);
                    out.push_str(&format!("{}\n\n", wikilink(&note.path, &note.stem, false)));
                    current = Some(&*t.source.path);
                }
                // The task's own Markdown, on one line: its links stay links.
                let text: String = t.raw.split_whitespace().collect::<Vec<_>>().join(" ");
                out.push_str(&format!("- [{}] {text}\n", t.status));
            }
            if tasks.is_empty() {
                out.push_str("_No results._\n");
            }
        }
        Output::Table { headers, rows } => {
            out.push_str(&format!("| {} |\n", headers.iter().map(|h| escape(h)).collect::<Vec<_>>().join(" | ")));
            out.push_str(&format!("|{}\n", "---|".repeat(headers.len())));
            for row in rows {
                out.push_str(&format!("| {} |\n", row.iter().map(|v| cell(v, true)).collect::<Vec<_>>().join(" | ")));
            }
            if rows.is_empty() {
                out.push_str("\n_No results._\n");
            }
        }
    }
    out
}

/// JSON: `{ "type": "list" | "task" | "table", "headers"?, "rows": [...] }`.
pub fn to_json(graph: &Graph, output: &Output) -> serde_json::Value {
    match output {
        Output::List { rows, .. } => json!({
            "type": "list",
            "rows": rows.iter().map(|(id, v)| json!({ "id": id, "value": v })).collect::<Vec<_>>(),
        }),
        Output::Task { tasks } => json!({
            "type": "task",
            "rows": tasks.iter().map(|&i| {
                let t = &graph.tasks[i];
                json!({
                    "text": t.raw,
                    "status": t.status.to_string(),
                    "completed": t.is_done(),
                    "due": t.meta.due.map(|d| d.to_string()),
                    "source": { "path": t.source.path, "line": t.source.line },
                })
            }).collect::<Vec<_>>(),
        }),
        Output::Table { headers, rows } => json!({ "type": "table", "headers": headers, "rows": rows }),
    }
}

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

/// Markdown: a list, a task list (under its groups' keys, then by note), a table, or a
/// calendar's dated pages.
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
        Output::Task { groups } => {
            for group in groups.iter().filter(|g| !g.items.is_empty()) {
                if !group.keys.is_empty() {
                    let keys: Vec<String> = group.keys.iter().map(|k| cell(k, false)).collect();
                    out.push_str(&format!("**{}** ({})\n\n", keys.join(" › "), group.matched));
                }
                let mut current: Option<&str> = None;
                for (i, depth) in group.rows() {
                    let t = &graph.tasks[i];
                    if depth == 0 && current != Some(&*t.source.path) {
                        if current.is_some() {
                            out.push('\n');
                        }
                        let note = graph.vault.note(t.note);
                        out.push_str(&format!("{}\n\n", wikilink(&note.path, &note.stem, false)));
                        current = Some(&*t.source.path);
                    }
                    // The task's own Markdown, on one line: its links stay links.
                    let text: String = t.raw.split_whitespace().collect::<Vec<_>>().join(" ");
                    out.push_str(&format!("{}- [{}] {text}\n", "  ".repeat(depth), t.status));
                }
                out.push('\n');
            }
            while out.ends_with("\n\n") {
                out.pop();
            }
            if groups.iter().all(|g| g.items.is_empty()) {
                out.push_str("_No results._\n");
            }
        }
        Output::Calendar { entries } => {
            for (date, page) in entries {
                out.push_str(&format!("- {}: {}\n", cell(date, false), cell(page, false)));
            }
            if entries.is_empty() {
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

/// JSON: `{ "type": "list" | "task" | "table" | "calendar", "headers"?, "rows": [...] }`.
pub fn to_json(graph: &Graph, output: &Output) -> serde_json::Value {
    match output {
        Output::List { rows, .. } => json!({
            "type": "list",
            "rows": rows.iter().map(|(id, v)| json!({ "id": id, "value": v })).collect::<Vec<_>>(),
        }),
        Output::Task { .. } => json!({
            "type": "task",
            "rows": output.task_rows().iter().map(|&(group, i, depth)| {
                let t = &graph.tasks[i];
                let mut row = json!({
                    "text": t.raw,
                    "status": t.status.to_string(),
                    "completed": t.is_done(),
                    "due": t.meta.due.map(|d| d.to_string()),
                    "source": { "path": t.source.path, "line": t.source.line },
                });
                // A subtask's depth under the matching task it is shown with; the group's keys.
                if depth > 0 {
                    row["depth"] = json!(depth);
                }
                if !group.keys.is_empty() {
                    row["group"] = json!(group.keys);
                }
                row
            }).collect::<Vec<_>>(),
        }),
        Output::Calendar { entries } => json!({
            "type": "calendar",
            "rows": entries.iter().map(|(date, page)| json!({ "date": date, "id": page })).collect::<Vec<_>>(),
        }),
        Output::Table { headers, rows } => json!({ "type": "table", "headers": headers, "rows": rows }),
    }
}

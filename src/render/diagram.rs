//! Map view → Mermaid and Graphviz DOT text. Node ids are generated (`p0`, `p1`, …); every
//! label from a note is escaped for its language, so a name cannot add nodes, edges, styles
//! or HTML to the diagram.

use std::collections::BTreeMap;
use std::fmt::Write;

use crate::report::map::{GroupView, MapView};
use crate::report::{EdgeKind, Side};

/// A Mermaid label: letters, digits, spaces and plain punctuation as they are; anything
/// else as a `#code;` entity, which Mermaid shows as the character and never interprets.
fn mermaid_text(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if c.is_alphanumeric() || matches!(c, ' ' | ',' | '.' | '-' | '\'' | '(' | ')' | '/' | '&' | ':' | '·') {
            out.push(c);
        } else if c.is_control() {
            out.push(' ');
        } else {
            let _ = write!(out, "#{};", c as u32);
        }
    }
    out
}

/// A DOT double-quoted string's contents.
fn dot_text(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// "ours", "theirs", "side unknown".
pub(super) fn side_word(side: Side) -> &'static str {
    match side {
        Side::Ours => "ours",
        Side::Theirs => "theirs",
        Side::Unknown => "side unknown",
    }
}

/// "Microsoft (theirs)".
pub(super) fn group_title(group: &GroupView) -> String {
    format!("{} ({})", group.company.as_deref().unwrap_or("Company unknown"), side_word(group.side))
}

fn ids(view: &MapView) -> BTreeMap<&str, String> {
    view.people.iter().enumerate().map(|(i, p)| (p.path.as_str(), format!("p{i}"))).collect()
}

fn label(view: &MapView, index: usize) -> (String, String) {
    let p = &view.people[index];
    let mut detail = Vec::new();
    if let Some(role) = &p.role {
        detail.push(role.clone());
    }
    let roles: Vec<&str> = p.buying_roles.iter().map(|r| r.label).collect();
    if !roles.is_empty() {
        detail.push(roles.join(", "));
    }
    if p.stale {
        detail.push("stale".to_string());
    }
    (p.name.clone(), detail.join(" · "))
}

/// A Mermaid flowchart: a subgraph per side and company, people as nodes, edges by kind.
pub fn mermaid(view: &MapView) -> String {
    let ids = ids(view);
    let mut out = String::from("flowchart LR\n");
    for (g, group) in view.groups.iter().enumerate() {
        let _ = writeln!(out, "  subgraph g{g}[\"{}\"]", mermaid_text(&group_title(group)));
        for m in &group.members {
            let (name, detail) = label(view, m.person);
            let text = if detail.is_empty() {
                mermaid_text(&name)
            } else {
                format!("{}<br/><small>{}</small>", mermaid_text(&name), mermaid_text(&detail))
            };
            let _ = writeln!(out, "    {}[\"{text}\"]", ids[m.path.as_str()]);
        }
        out.push_str("  end\n");
    }
    for e in &view.edges {
        let (Some(from), Some(to)) = (ids.get(e.from.as_str()), ids.get(e.to.as_str())) else { continue };
        let arrow = match e.kind {
            EdgeKind::ReportsTo => "-->|reports to|".to_string(),
            EdgeKind::DottedLine => "-.->|dotted line|".to_string(),
            EdgeKind::Met => format!("---|met {}x|", e.meetings),
            EdgeKind::Introduced => "-.-|introduced|".to_string(),
            EdgeKind::Owner => "==>|owns relationship|".to_string(),
        };
        let _ = writeln!(out, "  {from} {arrow} {to}");
    }
    for (i, p) in view.people.iter().enumerate() {
        if p.stale {
            let _ = writeln!(out, "  style p{i} stroke:#c62828,stroke-width:2px");
        }
    }
    out
}

/// A Graphviz graph: a cluster per side and company, people as boxes, edges by kind.
pub fn dot(view: &MapView) -> String {
    let ids = ids(view);
    let mut out = String::new();
    let _ = writeln!(out, "digraph \"{}\" {{", dot_text(&format!("Stakeholder map: {}", view.header.subject.name)));
    out.push_str("  rankdir=LR;\n  node [shape=box, style=rounded, fontname=\"Helvetica\"];\n");
    out.push_str("  edge [fontname=\"Helvetica\", fontsize=10];\n");
    for (g, group) in view.groups.iter().enumerate() {
        let _ = writeln!(out, "  subgraph cluster_{g} {{");
        let _ = writeln!(out, "    label=\"{}\";", dot_text(&group_title(group)));
        for m in &group.members {
            let (name, detail) = label(view, m.person);
            // `\n` is DOT's own line break, written after the note's text is escaped.
            let text = if detail.is_empty() {
                dot_text(&name)
            } else {
                format!("{}\\n{}", dot_text(&name), dot_text(&detail))
            };
            let colour = if view.people[m.person].stale { ", color=\"#c62828\"" } else { "" };
            let _ = writeln!(out, "    {} [label=\"{text}\"{colour}];", ids[m.path.as_str()]);
        }
        out.push_str("  }\n");
    }
    for e in &view.edges {
        let (Some(from), Some(to)) = (ids.get(e.from.as_str()), ids.get(e.to.as_str())) else { continue };
        let attrs = match e.kind {
            EdgeKind::ReportsTo => "label=\"reports to\"".to_string(),
            EdgeKind::DottedLine => "label=\"dotted line\", style=dashed".to_string(),
            EdgeKind::Met => format!("label=\"met {}x\", dir=none, penwidth={}", e.meetings, 1 + e.meetings.min(4)),
            EdgeKind::Introduced => "label=\"introduced\", style=dotted, dir=none".to_string(),
            EdgeKind::Owner => "label=\"owns relationship\", style=bold".to_string(),
        };
        let _ = writeln!(out, "  {from} -> {to} [{attrs}];");
    }
    out.push_str("}\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_cannot_break_out_of_their_language() {
        assert_eq!(mermaid_text("A \"B\" <i>[x]</i>"), "A #34;B#34; #60;i#62;#91;x#93;#60;/i#62;");
        assert_eq!(mermaid_text("end\nsubgraph"), "end subgraph");
        assert_eq!(dot_text("a\"b\\c"), "a\\\"b\\\\c");
    }
}

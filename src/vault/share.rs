//! `--share`: what is private is removed while a note is read, before any later stage can
//! see it, so that no report, in any format, can print it.
//!
//! Removed: notes marked `private: true` (or tagged `private`), the configured private
//! sections (the Relationship section by default, with everything under it), and
//! `%%comments%%`. Links to a removed note then resolve to nothing and show as plain text.
//! It fails closed: a note whose frontmatter cannot be read might be marked private, so it
//! is left out too, and an unclosed `%%` hides the rest of the note, as in Obsidian.

use serde_yaml::Value;

use super::frontmatter::{self, Split};
use super::markdown::Body;
use crate::config::SectionNames;

/// One thing `--share` left out, for `--explain`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
pub struct Removal {
    pub path: String,
    pub line: u32,
    pub what: String,
}

/// A note left out whole.
pub struct Withheld {
    /// Why, for `--explain`.
    pub why: &'static str,
    /// The names a link may reach it by, lower-cased: its file name and, when its frontmatter
    /// can be read, its aliases.
    pub names: Vec<String>,
}

/// Whether the note at `path` is left out whole, and why.
pub fn withheld(path: &str, text: &str) -> Option<Withheld> {
    let stem = path.rsplit('/').next().unwrap_or(path).trim_end_matches(".md").to_lowercase();
    let why = |why: &'static str, aliases: Vec<String>| {
        let mut names = vec![stem.clone()];
        names.extend(aliases);
        Some(Withheld { why, names })
    };
    match frontmatter::split(text) {
        Split::Absent => None,
        Split::Unclosed => {
            why("the whole note: its frontmatter has no closing `---`, so it may be marked private", vec![])
        }
        Split::Present { yaml, .. } => match serde_yaml::from_str::<Value>(yaml) {
            Err(_) => why("the whole note: its frontmatter cannot be read, so it may be marked private", vec![]),
            Ok(value) if marked_private(&value) => why("the whole note: it is marked private", aliases(&value)),
            Ok(_) => None,
        },
    }
}

/// The `aliases` (or `alias`) of a frontmatter, lower-cased.
fn aliases(frontmatter: &Value) -> Vec<String> {
    let Value::Mapping(map) = frontmatter else { return Vec::new() };
    let mut out = Vec::new();
    for (key, value) in map {
        if !matches!(key.as_str().map(str::to_lowercase).as_deref(), Some("aliases" | "alias")) {
            continue;
        }
        let written: Vec<&str> = match value {
            Value::String(s) => vec![s.as_str()],
            Value::Sequence(items) => items.iter().filter_map(Value::as_str).collect(),
            _ => Vec::new(),
        };
        out.extend(written.into_iter().map(|a| a.trim().to_lowercase()).filter(|a| !a.is_empty()));
    }
    out
}

/// `private: true` (or yes, or 1), or a `private` tag.
fn marked_private(frontmatter: &Value) -> bool {
    let Value::Mapping(map) = frontmatter else { return false };
    let flag = |v: &Value| match v {
        Value::Bool(b) => *b,
        Value::Number(n) => n.as_i64() == Some(1),
        Value::String(s) => matches!(s.trim().to_lowercase().as_str(), "true" | "yes" | "1"),
        Value::Tagged(t) => matches!(&t.value, Value::Bool(true)),
        _ => false,
    };
    let tagged = |v: &Value| match v {
        Value::String(s) => {
            s.split([',', ' ']).any(|t| t.trim().trim_start_matches('#').eq_ignore_ascii_case("private"))
        }
        Value::Sequence(items) => items
            .iter()
            .any(|i| i.as_str().is_some_and(|t| t.trim().trim_start_matches('#').eq_ignore_ascii_case("private"))),
        _ => false,
    };
    map.iter().any(|(k, v)| match k.as_str().map(str::to_lowercase).as_deref() {
        Some("private") => flag(v),
        Some("tags" | "tag") => tagged(v),
        _ => false,
    })
}

/// Replaces every `%%comment%%` (the markers too) by spaces, keeping line ends so that line
/// numbers stay the file's. Returns the text and the line where each comment starts.
pub fn strip_comments(text: &str) -> (String, Vec<u32>) {
    if !text.contains("%%") {
        return (text.to_string(), Vec::new());
    }
    let mut out = String::with_capacity(text.len());
    let mut starts = Vec::new();
    let mut line = 1u32;
    let mut in_comment = false;
    let mut rest = text;
    while !rest.is_empty() {
        if rest.starts_with("%%") {
            if !in_comment {
                starts.push(line);
            }
            in_comment = !in_comment;
            out.push_str("  ");
            rest = &rest[2..];
            continue;
        }
        let c = rest.chars().next().unwrap_or(' ');
        if c == '\n' {
            line += 1;
            out.push('\n');
        } else if in_comment {
            out.push(' ');
        } else {
            out.push(c);
        }
        rest = &rest[c.len_utf8()..];
    }
    (out, starts)
}

/// The line ranges (1-based, inclusive) of the private sections of a parsed body: from the
/// heading to the line before the next heading of the same or a higher level.
pub fn private_sections(body: &Body, names: &[String], last_line: u32) -> Vec<(String, u32, u32)> {
    let headings: Vec<_> = body.sections.iter().filter_map(|s| s.heading.as_ref()).collect();
    let mut out = Vec::new();
    for (i, h) in headings.iter().enumerate() {
        if !SectionNames::matches(names, &h.text) {
            continue;
        }
        let end = headings[i + 1..].iter().find(|next| next.level <= h.level).map_or(last_line, |next| next.line - 1);
        out.push((h.text.clone(), h.line, end.max(h.line)));
    }
    out
}

/// Blanks lines `from..=to` (1-based) of `text`, keeping the line ends.
pub fn blank_lines(text: &str, ranges: &[(String, u32, u32)]) -> String {
    text.split_inclusive('\n')
        .enumerate()
        .map(|(i, l)| {
            let n = i as u32 + 1;
            if ranges.iter().any(|(_, from, to)| (*from..=*to).contains(&n)) {
                if l.ends_with('\n') {
                    "\n"
                } else {
                    ""
                }
            } else {
                l
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_become_spaces_and_lines_stay() {
        let (text, starts) = strip_comments("a %%hidden%% b\nc %%over\ntwo%% d\n");
        assert_eq!(text, "a            b\nc       \n      d\n");
        assert_eq!(starts, [1, 2]);
        // An unclosed comment hides the rest.
        let (text, _) = strip_comments("keep %%gone\nand gone");
        assert_eq!(text.trim_end(), "keep");
    }

    #[test]
    fn notes_marked_private_or_unreadable_are_withheld() {
        assert!(withheld("n.md", "---\nprivate: true\n---\nx").is_some());
        assert!(withheld("n.md", "---\nPrivate: yes\n---\nx").is_some());
        assert!(withheld("n.md", "---\ntags: [work, private]\n---\nx").is_some());
        assert!(withheld("n.md", "---\nprivate: [unclosed\n---\nx").is_some());
        assert!(withheld("n.md", "---\ntype: people\n").is_some());
        assert!(withheld("n.md", "---\nprivate: false\n---\nx").is_none());
        assert!(withheld("n.md", "no frontmatter").is_none());
    }

    #[test]
    fn a_private_section_runs_to_the_next_heading_of_its_level() {
        let text = "# P\n\n## Relationship\n\nsecret\n\n### Sub\n\nalso secret\n\n## Key Facts\n\n- fact\n";
        let body = crate::vault::markdown::parse(text);
        let ranges = private_sections(&body, &["Relationship".to_string()], 13);
        assert_eq!(ranges, [("Relationship".to_string(), 3, 10)]);
        let blanked = blank_lines(text, &ranges);
        assert!(!blanked.contains("secret") && blanked.contains("- fact"));
        assert_eq!(blanked.lines().count(), text.lines().count());
    }
}

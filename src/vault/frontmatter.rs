//! YAML frontmatter: split from the body, parsed with serde_yaml into typed fields plus the
//! rest, and scanned for `[[links]]` in its values. Malformed YAML is an error diagnostic
//! with the file's line; the note keeps its body.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde_yaml::Value;

use super::wikilink;
use super::Link;
use crate::diagnostics::Diagnostic;

#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Frontmatter {
    /// `type`, lower-cased.
    pub kind: Option<String>,
    pub title: Option<String>,
    pub created: Option<NaiveDate>,
    pub last_contact: Option<NaiveDate>,
    /// A meeting's `date`.
    pub date: Option<NaiveDate>,
    pub auto_created: bool,
    pub aliases: Vec<String>,
    /// Tags without `#`, as written (`type/people`, `needs-review`).
    pub tags: Vec<String>,
    /// Every other key, as YAML.
    #[serde(with = "super::cache::yaml_map")]
    pub extra: BTreeMap<String, Value>,
    /// `[[links]]` found in any string value.
    pub links: Vec<Link>,
    /// 1-based line of the opening `---`, when the note has frontmatter.
    pub line: Option<u32>,
    /// The 1-based file line of each top-level key.
    pub key_lines: BTreeMap<String, u32>,
}

impl Frontmatter {
    pub fn has_tag(&self, tag: &str) -> bool {
        self.tags.iter().any(|t| t.eq_ignore_ascii_case(tag))
    }
    /// The line of `key`, else of the opening `---`, else 1.
    pub fn line_of(&self, key: &str) -> u32 {
        self.key_lines.get(key).copied().or(self.line).unwrap_or(1)
    }
    /// A string value of `key` in `extra` (numbers and booleans are written out).
    pub fn extra_str(&self, key: &str) -> Option<String> {
        self.extra.get(key).and_then(scalar_string)
    }
    /// The string values of `key`: a list, or a single value.
    pub fn extra_strings(&self, key: &str) -> Vec<String> {
        match self.extra.get(key) {
            Some(Value::Sequence(items)) => items.iter().filter_map(scalar_string).collect(),
            Some(v) => scalar_string(v).into_iter().collect(),
            None => Vec::new(),
        }
    }
}

pub enum Split<'a> {
    Absent,
    /// Opens with `---` but never closes.
    Unclosed,
    Present {
        yaml: &'a str,
        /// File line of the first YAML line.
        first_line: u32,
        /// File line where the body starts.
        body_line: u32,
    },
}

/// Splits frontmatter off: it must open with a `---` line as the very first line and close
/// with a `---` (or `...`) line. A `---` later in the body is a thematic break, not this.
pub fn split(text: &str) -> Split<'_> {
    let mut lines = text.split_inclusive('\n');
    match lines.next() {
        Some(first) if first.trim_end() == "---" => {}
        _ => return Split::Absent,
    }
    let start = text.find('\n').map_or(text.len(), |i| i + 1);
    let mut offset = start;
    for (line_no, line) in (2u32..).zip(lines) {
        let trimmed = line.trim_end();
        if trimmed == "---" || trimmed == "..." {
            return Split::Present { yaml: &text[start..offset], first_line: 2, body_line: line_no + 1 };
        }
        offset += line.len();
    }
    Split::Unclosed
}

/// Parses the YAML of a frontmatter whose first line is file line `first_line`.
pub fn parse(yaml: &str, first_line: u32, path: &str, diags: &mut Vec<Diagnostic>) -> Frontmatter {
    let mut fm = Frontmatter { line: Some(first_line - 1), ..Frontmatter::default() };
    if yaml.trim().is_empty() {
        return fm;
    }
    let mut duplicates = Vec::new();
    let parsed = serde_yaml::from_str(yaml).or_else(|e| {
        // Plugins and sync conflicts leave a key twice; one such slip should not cost the note
        // all its fields. The last value wins, as in JSON, and the slip is reported below.
        if !e.to_string().starts_with("duplicate entry") {
            return Err(e);
        }
        let LastWins(map, dups) = serde_yaml::from_str(yaml).map_err(|_| e)?;
        duplicates = dups;
        Ok(Value::Mapping(map))
    });
    let value: Value = match parsed {
        Ok(v) => v,
        Err(e) => {
            let line = e.location().map_or(first_line, |l| first_line + l.line().saturating_sub(1) as u32);
            let message = e.to_string();
            // serde_yaml appends " at line L column C" in its own numbering: drop it, ours is better.
            let message = message.split(" at line ").next().unwrap_or(&message);
            let last = first_line + yaml.lines().count() as u32 - 1;
            diags.push(Diagnostic::error(
                path,
                line,
                format!(
                    "malformed frontmatter (lines {}-{}), its fields are ignored: {message}",
                    first_line - 1,
                    last + 1
                ),
            ));
            return fm;
        }
    };
    let map = match value {
        Value::Mapping(m) => m,
        Value::Null => return fm,
        _ => {
            diags.push(Diagnostic::error(
                path,
                first_line,
                "frontmatter is not a set of `key: value` pairs; its fields are ignored",
            ));
            return fm;
        }
    };
    fm.key_lines = key_lines(yaml, first_line);
    for key in duplicates {
        let lines = top_level_key_lines(yaml, first_line, &key);
        let used = lines.last().copied().unwrap_or(first_line);
        fm.key_lines.insert(key.clone(), used);
        diags.push(Diagnostic::warning(
            path,
            used,
            format!("`{key}` is set {} times in the frontmatter: the value on this line is used", lines.len().max(2)),
        ));
    }
    for (key, value) in map {
        let Some(key) = scalar_string(&key) else { continue };
        let line = fm.key_lines.get(&key).copied().unwrap_or(first_line);
        collect_links(&value, yaml, first_line, line, &mut fm.links);
        match key.as_str() {
            "type" => fm.kind = first_string(&value).map(|s| s.trim().to_lowercase()),
            "title" => fm.title = scalar_string(&value).filter(|s| !s.trim().is_empty()),
            "created" => fm.created = date_field(&value, &key, path, line, diags),
            "last_contact" | "last-contact" => fm.last_contact = date_field(&value, &key, path, line, diags),
            "date" => fm.date = date_field(&value, &key, path, line, diags),
            "auto_created" | "auto-created" => {
                fm.auto_created = matches!(&value, Value::Bool(true))
                    || scalar_string(&value).is_some_and(|s| s.eq_ignore_ascii_case("true"))
            }
            "aliases" | "alias" => fm.aliases = string_list(&value, false),
            "tags" | "tag" => {
                fm.tags = string_list(&value, true).into_iter().map(|t| t.trim_start_matches('#').to_string()).collect()
            }
            _ => {
                fm.extra.insert(key, value);
            }
        }
    }
    fm
}

/// A scalar as a string; `None` for null, lists and maps.
pub fn scalar_string(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Tagged(t) => scalar_string(&t.value),
        _ => None,
    }
}

fn first_string(v: &Value) -> Option<String> {
    match v {
        Value::Sequence(items) => items.iter().find_map(scalar_string),
        _ => scalar_string(v),
    }
}

/// A list of strings, or one string (split on commas, and on spaces for tags, as Obsidian does).
fn string_list(v: &Value, split_spaces: bool) -> Vec<String> {
    let raw: Vec<String> = match v {
        Value::Sequence(items) => items.iter().filter_map(scalar_string).collect(),
        other => scalar_string(other)
            .map(|s| s.split(|c: char| c == ',' || (split_spaces && c.is_whitespace())).map(str::to_string).collect())
            .unwrap_or_default(),
    };
    raw.into_iter().map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).collect()
}

/// Reads a date written as `2026-01-03` (a datetime's date part is taken too).
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    let head = s.get(..10)?;
    let date = iso_date(head).or_else(|| NaiveDate::parse_from_str(head, "%Y-%m-%d").ok())?;
    match s[10..].chars().next() {
        None | Some('T') | Some(' ') => Some(date),
        _ => None,
    }
}

/// `YYYY-MM-DD` read digit by digit: the form nearly every date in a vault has, at a tenth
/// of what the general parser costs (every note has a few).
fn iso_date(s: &str) -> Option<NaiveDate> {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let number = |range: std::ops::Range<usize>| {
        b[range].iter().try_fold(0u32, |n, &c| c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0')))
    };
    NaiveDate::from_ymd_opt(number(0..4)? as i32, number(5..7)?, number(8..10)?)
}

/// A date as `YYYY-MM-DD`, without the formatting machinery (every note's dates are shown):
/// measured, `format!` costs ten times these digits on a warm brief.
pub fn iso_string(d: NaiveDate) -> String {
    use chrono::Datelike;
    let (y, m, day) = (d.year(), d.month(), d.day());
    if !(0..=9999).contains(&y) {
        return d.format("%Y-%m-%d").to_string();
    }
    let mut out = String::with_capacity(10);
    for (n, width) in [(y as u32, 4), (m, 2), (day, 2)] {
        if !out.is_empty() {
            out.push('-');
        }
        for k in (0..width).rev() {
            out.push(char::from(b'0' + ((n / 10u32.pow(k)) % 10) as u8));
        }
    }
    out
}

fn date_field(v: &Value, key: &str, path: &str, line: u32, diags: &mut Vec<Diagnostic>) -> Option<NaiveDate> {
    let s = scalar_string(v)?;
    if s.trim().is_empty() {
        return None;
    }
    let date = parse_date(&s);
    // A template's placeholder (`{{date}}`, `<% tp.date.now() %>`) is not a mistake.
    let placeholder = s.contains("{{") || s.contains("<%");
    if date.is_none() && !placeholder {
        diags.push(Diagnostic::warning(path, line, format!("`{key}: {s}` is not a date (YYYY-MM-DD); ignored")));
    }
    date
}

/// The file line of each top-level key: lines that start in column 0 with `key:`.
fn key_lines(yaml: &str, first_line: u32) -> BTreeMap<String, u32> {
    let mut out = BTreeMap::new();
    for (key, line) in top_level_keys(yaml, first_line) {
        out.entry(key.to_string()).or_insert(line);
    }
    out
}

fn top_level_keys(yaml: &str, first_line: u32) -> impl Iterator<Item = (&str, u32)> {
    yaml.lines().enumerate().filter(|(_, line)| !line.starts_with([' ', '\t', '-', '#'])).filter_map(
        move |(i, line)| {
            let (key, _) = line.split_once(':')?;
            Some((key.trim().trim_matches(|c| c == '"' || c == '\''), first_line + i as u32))
        },
    )
}

/// Every line on which top-level `key` is set.
fn top_level_key_lines(yaml: &str, first_line: u32, key: &str) -> Vec<u32> {
    top_level_keys(yaml, first_line).filter(|(k, _)| *k == key).map(|(_, line)| line).collect()
}

/// A top-level mapping read with the last of duplicate keys winning; also names the duplicates.
struct LastWins(serde_yaml::Mapping, Vec<String>);

impl<'de> serde::Deserialize<'de> for LastWins {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visit;
        impl<'de> serde::de::Visitor<'de> for Visit {
            type Value = LastWins;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a mapping")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut access: A) -> Result<LastWins, A::Error> {
                let mut map = serde_yaml::Mapping::new();
                let mut duplicates = Vec::new();
                while let Some((key, value)) = access.next_entry::<Value, Value>()? {
                    if map.insert(key.clone(), value).is_some() {
                        duplicates.extend(scalar_string(&key).filter(|k| !duplicates.contains(k)));
                    }
                }
                Ok(LastWins(map, duplicates))
            }
        }
        deserializer.deserialize_map(Visit)
    }
}

/// Adds the `[[links]]` in every string of `value`. The line is the first YAML line at or
/// after the key's line that holds the link's text, else the key's line.
fn collect_links(value: &Value, yaml: &str, first_line: u32, key_line: u32, out: &mut Vec<Link>) {
    match value {
        Value::String(s) => {
            for found in wikilink::scan(s) {
                let needle = format!("[[{}", found.inner);
                let skip = (key_line - first_line) as usize;
                let line = yaml
                    .lines()
                    .enumerate()
                    .skip(skip)
                    .find(|(_, l)| l.contains(&needle))
                    .map_or(key_line, |(i, _)| first_line + i as u32);
                out.push(Link { target: found.target, line, embed: found.embed });
            }
        }
        Value::Sequence(items) => items.iter().for_each(|v| collect_links(v, yaml, first_line, key_line, out)),
        Value::Mapping(m) => m.values().for_each(|v| collect_links(v, yaml, first_line, key_line, out)),
        Value::Tagged(t) => collect_links(&t.value, yaml, first_line, key_line, out),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_text(text: &str) -> (Frontmatter, Vec<Diagnostic>) {
        let mut d = Vec::new();
        let fm = match split(text) {
            Split::Present { yaml, first_line, .. } => parse(yaml, first_line, "n.md", &mut d),
            _ => panic!("no frontmatter"),
        };
        (fm, d)
    }

    #[test]
    fn typed_fields_and_the_rest() {
        let (fm, d) = parse_text(
            "---\ntype: people\ncreated: '2026-01-03'\nlast_contact: 2025-09-03\nauto_created: true\naliases: Arun\ntags:\n- type/people\n- needs-review\ncompany: \"[[Microsoft]]\"\n---\nbody",
        );
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(fm.kind.as_deref(), Some("people"));
        assert_eq!(fm.created, NaiveDate::from_ymd_opt(2026, 1, 3));
        assert_eq!(fm.last_contact, NaiveDate::from_ymd_opt(2025, 9, 3));
        assert!(fm.auto_created);
        assert_eq!(fm.aliases, vec!["Arun"]);
        assert!(fm.has_tag("needs-review"));
        assert_eq!(fm.extra_str("company").as_deref(), Some("[[Microsoft]]"));
        assert_eq!(fm.links.len(), 1);
        assert_eq!(fm.links[0].target.path, "Microsoft");
        assert_eq!(fm.links[0].line, 10);
    }

    #[test]
    fn malformed_yaml_reports_the_file_line() {
        let mut d = Vec::new();
        let Split::Present { yaml, first_line, .. } = split("---\ntitle: ok\nbad: \"unclosed\nmore: x\n---\n") else {
            panic!()
        };
        let fm = parse(yaml, first_line, "n.md", &mut d);
        assert_eq!(fm, Frontmatter { line: Some(1), ..Default::default() });
        assert_eq!(d.len(), 1);
        assert!(d[0].line >= 3, "{:?}", d[0]);
        assert!(d[0].message.starts_with("malformed frontmatter"));
    }

    #[test]
    fn only_the_very_first_line_opens_frontmatter() {
        assert!(matches!(split("# T\n---\na: b\n---\n"), Split::Absent));
        assert!(matches!(split("---\na: b\n"), Split::Unclosed));
        assert!(matches!(split("---\n---\n"), Split::Present { yaml: "", body_line: 3, .. }));
    }

    #[test]
    fn a_duplicate_key_costs_only_itself() {
        let (fm, diags) = parse_text("---\ntype: people\ncompany: \"[[Globex]]\"\ntype: customer\n---\n");
        assert_eq!(fm.kind.as_deref(), Some("customer"));
        assert_eq!(fm.links.len(), 1);
        assert_eq!(diags.len(), 1, "{diags:?}");
        assert_eq!(diags[0].line, 4);
        assert!(diags[0].message.contains("`type` is set 2 times"), "{}", diags[0].message);
    }

    #[test]
    fn bad_dates_warn_and_are_ignored() {
        let (fm, d) = parse_text("---\ncreated: last tuesday\n---\n");
        assert_eq!(fm.created, None);
        assert_eq!(d[0].line, 2);
    }
}

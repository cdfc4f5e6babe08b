//! The fields a note states, wherever it states them: frontmatter keys, Dataview inline
//! fields (`key:: value` on its own line, `[key:: value]` and `(key:: value)` anywhere), the
//! rows of the Contact Information table, and `Label: value` / `**Label**: value` lines.
//! Each with the line it is on. This stage knows no roles: the model maps names to roles
//! (`config::FieldNames`); `dossier schema` lists what a vault writes.

use serde_yaml::Value;

use super::frontmatter::{iso_string, scalar_string};
use super::wikilink::LinkTarget;
use super::{Block, Inline, Note};
use crate::config::{field_key, SectionNames};

/// Where a field was read; also its precedence when a note states one role twice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Origin {
    /// A row of the Contact Information table, or a `Label: value` line in that section.
    Contact,
    Frontmatter,
    /// A Dataview inline field.
    Inline,
    /// A `Label: value` line elsewhere in the body.
    Label,
}

/// One field of a note. Owned, so that a note's role fields are read once, when the note is,
/// and kept with it in the note cache (`Note::fields`).
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Field {
    /// The name as written (`Job_Title`, `**Company**`).
    pub name: String,
    /// The name as names are compared ([`field_key`]).
    pub key: String,
    /// The values as written (links as `[[…]]`): a list's items, else the one value.
    pub values: Vec<String>,
    /// Whether the value is a frontmatter key's YAML (`Frontmatter::extra[name]`, see
    /// [`Field::yaml`]): a list's items are then split already.
    pub yaml: bool,
    /// When the value is a table cell: where its links are in `Note::links` (a cell's
    /// links are resolved as the note's; its text is `values[0]`). See [`Field::cell_links`].
    pub cell: Option<std::ops::Range<u32>>,
    pub line: u32,
    pub origin: Origin,
}

impl Field {
    /// The links of the table cell holding the value (none when it is no cell).
    pub fn cell_links<'n>(&self, note: &'n Note) -> &'n [super::Link] {
        match &self.cell {
            Some(range) => note.links.get(range.start as usize..range.end as usize).unwrap_or(&[]),
            None => &[],
        }
    }

    /// The frontmatter value, when it is one (a mapping keeps its structure here).
    pub fn yaml<'n>(&self, note: &'n Note) -> Option<&'n Value> {
        if self.yaml {
            note.frontmatter.extra.get(&self.name)
        } else {
            None
        }
    }

    /// The first value as a reader sees it: links by their display text, emphasis dropped.
    pub fn text(&self) -> String {
        match &self.cell {
            Some(_) => self.values.first().map(|v| v.trim().to_string()).unwrap_or_default(),
            None => self.values.first().map(|v| shown(v)).unwrap_or_default(),
        }
    }
}

/// Every field of `note`, in the order written (frontmatter first). `contact` names the
/// sections whose table rows and label lines are contact fields.
pub fn read(note: &Note, contact: &[String]) -> Vec<Field> {
    read_wanted(note, contact, &|_| true)
}

/// The fields of `note` whose key `wanted` accepts (a role's names, as [`field_key`]s): the
/// others are never made, since every note is read for a few roles only.
pub fn read_wanted(note: &Note, contact: &[String], wanted: &dyn Fn(&str) -> bool) -> Vec<Field> {
    let mut out = Vec::new();
    let fm = &note.frontmatter;
    // Keys the frontmatter reader types (and so keeps apart from `extra`) are fields too.
    // (name, its key): each value is made only when its key is wanted.
    let typed = [
        ("type", "type"),
        ("title", "title"),
        ("date", "date"),
        ("created", "created"),
        ("last_contact", "last contact"),
    ];
    for (name, key) in typed {
        if !wanted(key) {
            continue;
        }
        let value = match name {
            "type" => fm.kind.clone(),
            "title" => fm.title.clone(),
            "date" => fm.date.map(iso_string),
            "created" => fm.created.map(iso_string),
            _ => fm.last_contact.map(iso_string),
        };
        if let Some(value) = value {
            let key = key.to_string();
            let written =
                fm.key_lines.keys().find(|k| wanted_key(k, &|w| w == key).is_some()).map_or(name, String::as_str);
            out.push(Field {
                name: written.to_string(),
                key,
                values: vec![value],
                yaml: false,
                cell: None,
                line: fm.line_of(written),
                origin: Origin::Frontmatter,
            });
        }
    }
    for (name, value) in &fm.extra {
        let Some(key) = wanted_key(name, wanted) else { continue };
        let values = match value {
            Value::Sequence(items) => items.iter().filter_map(scalar_string).collect(),
            other => scalar_string(other).into_iter().collect(),
        };
        out.push(Field {
            name: name.clone(),
            key,
            values,
            yaml: true,
            cell: None,
            line: fm.line_of(name),
            origin: Origin::Frontmatter,
        });
    }
    let mut in_contact: Option<u8> = None;
    for section in &note.body.sections {
        if let Some(h) = &section.heading {
            in_contact = if in_contact.is_some_and(|level| h.level > level) {
                in_contact
            } else {
                SectionNames::matches(contact, &h.text).then_some(h.level)
            };
        }
        let contact_here = in_contact.is_some();
        for block in &section.blocks {
            match block {
                Block::Table { rows, .. } if contact_here => {
                    for row in rows.iter().skip(1) {
                        if let [name, value, ..] = row.as_slice() {
                            let name = name.text.trim();
                            let Some(key) = wanted_key(name, wanted).filter(|_| !name.is_empty()) else { continue };
                            out.push(Field {
                                name: name.trim_end_matches(':').to_string(),
                                key,
                                values: vec![value.text.clone()],
                                yaml: false,
                                cell: Some(value.links.clone()),
                                line: value.line,
                                origin: Origin::Contact,
                            });
                        }
                    }
                }
                Block::Paragraph(inline) | Block::ListItem { inline, task: None, .. } if !inline.raw.is_empty() => {
                    line_fields(inline, contact_here, wanted, &mut out);
                }
                _ => {}
            }
        }
    }
    out
}

/// The inline fields and label lines of one paragraph or list item (its kept source lines).
fn line_fields(inline: &Inline, contact: bool, wanted: &dyn Fn(&str) -> bool, out: &mut Vec<Field>) {
    for (i, line) in inline.raw.lines().enumerate() {
        let line_no = inline.line + i as u32;
        let bare = strip_line_marker(line);
        let mut push = |name: &str, value: &str, origin: Origin| {
            let value = value.trim();
            if value.is_empty() {
                return;
            }
            let Some(key) = wanted_key(name, wanted) else { return };
            out.push(Field {
                name: name.trim().trim_matches('*').trim().to_string(),
                key,
                values: vec![value.to_string()],
                yaml: false,
                cell: None,
                line: line_no,
                origin,
            });
        };
        let bracketed = bracketed_fields(bare);
        if !bracketed.is_empty() {
            for (name, value) in bracketed {
                push(&name, &value, Origin::Inline);
            }
        } else if let Some((name, value)) = full_line_field(bare) {
            push(name, value, Origin::Inline);
        } else {
            let origin = if contact { Origin::Contact } else { Origin::Label };
            for (name, value) in label_lines(bare) {
                push(name, value, origin);
            }
        }
    }
}

/// A line without its list marker, checkbox-free (tasks are not read here), or quote marks.
fn strip_line_marker(line: &str) -> &str {
    let mut t = line.trim_start();
    loop {
        let before = t;
        t = t.trim_start_matches('>').trim_start();
        if let Some(rest) = t.strip_prefix(['-', '*', '+']) {
            if rest.starts_with(' ') || rest.is_empty() {
                t = rest.trim_start();
            }
        }
        let digits = t.len() - t.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        if digits > 0 {
            if let Some(rest) = t[digits..].strip_prefix(['.', ')']).filter(|r| r.starts_with(' ')) {
                t = rest.trim_start();
            }
        }
        if t == before {
            return t;
        }
    }
}

/// A name Dataview accepts for a field: letters, digits, spaces, `-`, `_`, `/` (and the
/// emphasis around it).
fn is_field_name(name: &str) -> bool {
    let name = name.trim().trim_matches('*').trim();
    !name.is_empty() && name.chars().all(|c| c.is_alphanumeric() || matches!(c, ' ' | '_' | '-' | '/'))
}

/// `key:: value` as the whole line.
fn full_line_field(line: &str) -> Option<(&str, &str)> {
    let (name, value) = line.split_once("::")?;
    is_field_name(name).then_some((name, value))
}

/// Every `[key:: value]` and `(key:: value)` in `text`, with the rest of the text.
pub fn bracketed_fields(text: &str) -> Vec<(String, String)> {
    if !text.contains("::") {
        return Vec::new();
    }
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i] == '[' || chars[i] == '(' {
            // `[[link]]` is not a field's bracket.
            if chars[i] == '[' && (chars.get(i + 1) == Some(&'[') || (i > 0 && chars[i - 1] == '[')) {
                i += 1;
                continue;
            }
            if let Some((key, value, end)) = bracketed_field(&chars, i) {
                out.push((key, value));
                i = end;
                continue;
            }
        }
        i += 1;
    }
    out
}

/// `[key:: value]` or `(key:: value)` starting at `open`: key, value and the index after it.
/// Brackets inside the value (`[[links]]`) nest.
pub fn bracketed_field(chars: &[char], open: usize) -> Option<(String, String, usize)> {
    let close_char = if chars[open] == '[' { ']' } else { ')' };
    let mut depth = 0;
    let mut close = None;
    for (k, &c) in chars.iter().enumerate().skip(open) {
        if c == chars[open] {
            depth += 1;
        } else if c == close_char {
            depth -= 1;
            if depth == 0 {
                close = Some(k);
                break;
            }
        }
    }
    let close = close?;
    let inside: String = chars[open + 1..close].iter().collect();
    let (key, value) = inside.split_once("::")?;
    let key_ok =
        !key.trim().is_empty() && key.trim().chars().all(|c| c.is_alphanumeric() || matches!(c, ' ' | '_' | '-' | '/'));
    key_ok.then(|| (key.to_string(), value.to_string(), close + 1))
}

/// `Label: value`, `**Label**: value`, `**Label:** value` or `[[Label]]: value`: a short
/// label (at most four words of letters, digits and a little punctuation) and a value.
pub fn label_line(line: &str) -> Option<(&str, &str)> {
    let (label, value) = line.split_once(':')?;
    if value.starts_with(':') || value.starts_with("//") {
        return None;
    }
    let bare = label.trim().trim_matches('*').trim();
    let bare = bare.strip_prefix("[[").and_then(|b| b.strip_suffix("]]")).unwrap_or(bare);
    let starts_with_letter = bare.chars().next().is_some_and(char::is_alphabetic);
    if !starts_with_letter
        || bare.len() > 40
        || bare.split_whitespace().count() > 4
        || !bare.chars().all(|c| c.is_alphanumeric() || matches!(c, ' ' | '_' | '-' | '.' | '/' | '\'' | '&'))
    {
        return None;
    }
    let value = value.trim_start_matches('*').trim();
    (!value.is_empty()).then_some((bare, value))
}

/// The label lines of one line: the line itself, or its sentences when several of them are
/// label lines (`Time: 13:30 UTC. Organizer: Pat Lee.`).
fn label_lines(line: &str) -> Vec<(&str, &str)> {
    if !(line.contains(". ") || line.contains(" · ") || line.contains(" | ")) {
        return label_line(line).into_iter().collect();
    }
    let mut parts = vec![line];
    for separator in [". ", " · ", " | "] {
        parts = parts.into_iter().flat_map(|p| p.split(separator)).collect();
    }
    let sentences: Vec<(&str, &str)> = parts.into_iter().filter_map(label_line).collect();
    if sentences.len() > 1 {
        return sentences.into_iter().map(|(n, v)| (n, v.trim_end_matches('.'))).collect();
    }
    label_line(line).into_iter().collect()
}

/// Whether a source line may hold a field (an inline field or a label line) or is a line of
/// tags only: the body parser keeps such lines wherever they are.
pub fn may_hold_field(line: &str) -> bool {
    if line.contains(':') {
        line.contains("::") || label_line(strip_line_marker(line)).is_some()
    } else {
        line.trim_start().starts_with('#') && is_tag_line(line)
    }
}

/// A line of `#tags` and nothing else (`#contact #vip`): how many vaults state a note's kind.
pub fn is_tag_line(line: &str) -> bool {
    let mut words = line.split_whitespace().peekable();
    words.peek().is_some()
        && words.all(|w| {
            w.strip_prefix('#').is_some_and(|t| {
                t.chars().next().is_some_and(char::is_alphabetic)
                    && t.chars().all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '/'))
            })
        })
}

/// A value as a reader sees it: `[[Acme|ACME Corp]]` → `ACME Corp`, `**CEO**` → `CEO`.
pub fn shown(value: &str) -> String {
    // Plain words, as most values are: nothing to take away.
    let plain = |b: &u8| b.is_ascii_alphanumeric() || matches!(b, b' ' | b'-' | b'.' | b',' | b'@' | b'/' | b':');
    let t = value.trim();
    if t.bytes().all(|b| plain(&b)) && !t.contains("  ") {
        return t.to_string();
    }
    let mut out = String::with_capacity(value.len());
    let mut rest = value;
    while let Some(open) = rest.find("[[") {
        let Some(close) = rest[open + 2..].find("]]") else { break };
        out.push_str(rest[..open].trim_end_matches('!'));
        out.push_str(&LinkTarget::parse(&rest[open + 2..open + 2 + close]).display());
        rest = &rest[open + 2 + close + 2..];
    }
    out.push_str(rest);
    let out = out.trim();
    let out = out.strip_prefix("**").and_then(|o| o.strip_suffix("**")).unwrap_or(out);
    let out = out.trim_matches(|c| c == '"' || c == '\'');
    crate::vault::markdown::collapse_whitespace(out)
}

/// [`field_key`] of `name` if `wanted` accepts it. Every field of every note is keyed and
/// few are wanted: a short ASCII name is keyed on the stack, and only a wanted key is kept.
fn wanted_key(name: &str, wanted: &dyn Fn(&str) -> bool) -> Option<String> {
    // Most names are keys already (`company`, `role`): asked as they are.
    if name.bytes().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit()) && !name.is_empty() {
        return wanted(name).then(|| name.to_string());
    }
    let mut buf = [0u8; 64];
    if name.is_ascii() && name.len() <= buf.len() {
        let mut len = 0;
        let mut gap = false;
        for &c in name.trim().trim_end_matches(':').as_bytes() {
            match c {
                b'*' | b'[' | b']' | b'`' => {}
                b' ' | b'-' | b'_' | b'\t' | b'\n' | b'\r' | b'\x0b' | b'\x0c' => gap = len > 0,
                _ => {
                    if gap {
                        buf[len] = b' ';
                        len += 1;
                        gap = false;
                    }
                    buf[len] = c.to_ascii_lowercase();
                    len += 1;
                }
            }
        }
        let key = std::str::from_utf8(&buf[..len]).ok()?;
        return wanted(key).then(|| key.to_string());
    }
    Some(field_key(name)).filter(|k| wanted(k))
}

/// Where `key` stands among `names`. Most pairs differ in length or first letter: those are
/// told apart without comparing the whole names (every role is looked up in every note).
fn rank_of(names: &[String], key: &str) -> Option<usize> {
    let (len, first) = (key.len(), key.as_bytes().first());
    names.iter().position(|n| n.len() == len && n.as_bytes().first() == first && n == key)
}

/// The first of [`find`]'s fields, found without sorting them all.
pub fn find_first<'f>(fields: &'f [Field], names: &[String]) -> Option<&'f Field> {
    fields
        .iter()
        .filter_map(|f| rank_of(names, &f.key).map(|rank| ((f.origin, rank, f.line), f)))
        .min_by_key(|(order, _)| *order)
        .map(|(_, f)| f)
}

/// The fields of `fields` whose names are among `names` (given as [`field_key`]s:
/// `FieldNames::keys`): in order of origin, then of the names' order, then of the lines.
pub fn find<'f>(fields: &'f [Field], names: &[String]) -> Vec<&'f Field> {
    let mut found: Vec<(Origin, usize, u32, &Field)> =
        fields.iter().filter_map(|f| rank_of(names, &f.key).map(|rank| (f.origin, rank, f.line, f))).collect();
    if found.len() > 1 {
        found.sort_by_key(|(origin, rank, line, _)| (*origin, *rank, *line));
    }
    found.into_iter().map(|(.., f)| f).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn note(text: &str) -> Note {
        crate::vault::parse_note("n.md".into(), text, &mut Vec::new())
    }

    fn names_values(text: &str) -> Vec<(String, String, u32, Origin)> {
        let n = note(text);
        read(&n, &["Contact Information".to_string()])
            .into_iter()
            .map(|f| (f.key.clone(), f.text(), f.line, f.origin))
            .collect()
    }

    #[test]
    fn every_form_a_vault_writes() {
        let text = "---\nCompany: \"[[Acme]]\"\n---\n# Ann\n\ntitle:: CEO\n- [participants:: [[A]], [[B]] ] and (attendee:: [[Bo Park]])\n**Job_Title**: Chief of staff\nE-mail: ann@acme.example\n\nThen, a sentence: with a colon that is prose.\n\n## Contact Information\n\n| Field | Value |\n|---|---|\n| Phone Number | 555 |\n";
        let got = names_values(text);
        let expect = [
            ("company", "Acme", 2, Origin::Frontmatter),
            ("title", "CEO", 6, Origin::Inline),
            ("participants", "A, B", 7, Origin::Inline),
            ("attendee", "Bo Park", 7, Origin::Inline),
            ("job title", "Chief of staff", 8, Origin::Label),
            ("e mail", "ann@acme.example", 9, Origin::Label),
            ("phone number", "555", 17, Origin::Contact),
        ];
        let got: Vec<(&str, &str, u32, Origin)> =
            got.iter().map(|(k, v, l, o)| (k.as_str(), v.as_str(), *l, *o)).collect();
        assert_eq!(got, expect);
    }

    #[test]
    fn label_lines_are_short_labels_only() {
        assert_eq!(label_line("Customer: ORDA"), Some(("Customer", "ORDA")));
        assert_eq!(label_line("**Attendees**: [[A]], [[B]]"), Some(("Attendees", "[[A]], [[B]]")));
        assert_eq!(label_line("**Email:** a@b.c"), Some(("Email", "a@b.c")));
        assert_eq!(label_line("[[Date]]: 2026-01-06 10:00am"), Some(("Date", "2026-01-06 10:00am")));
        assert_eq!(label_line("See https://example.com"), None);
        assert_eq!(label_line("10:30 call"), None);
        assert_eq!(label_line("Note, however: this is prose"), None);
        assert_eq!(label_line("Heading:"), None);
    }

    #[test]
    fn sentences_of_labels() {
        assert_eq!(
            label_lines("Time: 13:30–14:30 UTC. Organizer: Pat Lee."),
            [("Time", "13:30–14:30 UTC"), ("Organizer", "Pat Lee")]
        );
        assert_eq!(label_lines("Note: one. Two."), [("Note", "one. Two.")]);
        assert_eq!(label_lines("Customer: [[A]] · Project: [[B]]"), [("Customer", "[[A]]"), ("Project", "[[B]]")]);
    }

    #[test]
    fn keys_made_on_the_stack_are_keys() {
        for n in ["company", "job title", "**Job_Title**:", "e-mail", " a", "a  b", "x1", "Société", "[[Date]]", "a\tb"]
        {
            assert_eq!(wanted_key(n, &|_| true), Some(field_key(n)), "{n:?}");
        }
        assert_eq!(wanted_key("Company", &|k| k == "org"), None);
        assert_eq!(wanted_key("company role", &|k| k == "company"), None);
        assert_eq!(wanted_key("company", &|k| k == "company role"), None);
    }

    #[test]
    fn tag_lines() {
        assert!(is_tag_line("#contact"));
        assert!(is_tag_line("  #person #vip "));
        assert!(!is_tag_line("#contact met at the fair"));
        assert!(!is_tag_line("# Heading"));
        assert!(!is_tag_line("#123"));
        assert!(!is_tag_line(""));
    }

    #[test]
    fn shown_values() {
        assert_eq!(shown("[[Acme|ACME Corp]]"), "ACME Corp");
        assert_eq!(shown("**CEO**"), "CEO");
        assert_eq!(shown("\"[[People/Ann Lee]]\""), "Ann Lee");
    }
}

//! Reading entities out of one note's sections. Each function takes the graph under
//! construction (for link resolution and settings) and one note.

use chrono::NaiveDate;

use super::entities::*;
use super::{task, Graph};
use crate::config::{KindMatch, Settings};
use crate::vault::markdown::collapse_whitespace;
use crate::vault::{wikilink, Block, Inline, Note, NoteId, Target};

/// A note's kind: `type`, else a `type/…` tag, else the nearest folder with a kind's name.
pub fn kind_of_note(note: &Note, settings: &Settings) -> Kind {
    let k = &settings.kinds;
    let table: [(&KindMatch, Kind); 4] = [
        (&k.person, Kind::Person),
        (&k.customer, Kind::Customer),
        (&k.project, Kind::Project),
        (&k.meeting, Kind::Meeting),
    ];
    let by_type = |value: &str| {
        table.iter().find(|(m, _)| m.types.iter().any(|t| t.eq_ignore_ascii_case(value.trim()))).map(|(_, kind)| *kind)
    };
    if let Some(kind) = note.frontmatter.kind.as_deref().and_then(by_type) {
        return kind;
    }
    for tag in &note.frontmatter.tags {
        if let Some(kind) = tag.strip_prefix("type/").and_then(by_type) {
            return kind;
        }
    }
    for folder in note.folder.rsplit('/') {
        if let Some((_, kind)) = table.iter().find(|(m, _)| m.folders.iter().any(|f| f.eq_ignore_ascii_case(folder))) {
            return *kind;
        }
    }
    Kind::Note
}

fn is_empty_value(settings: &Settings, text: &str) -> bool {
    let t = text.trim();
    t.is_empty() || settings.empty_values.iter().any(|e| e.eq_ignore_ascii_case(t))
}

/// Targets of the links in the named sections of a note.
pub fn section_links(graph: &Graph, id: NoteId, names: &[String]) -> Vec<Target> {
    let note = graph.vault.note(id);
    let mut out = Vec::new();
    for block in note.body.section_blocks(names) {
        for inline in inlines_of(block) {
            out.extend(note.links_in(inline).iter().filter_map(|l| graph.target_of(id, &l.target)));
        }
    }
    out
}

/// Targets named by frontmatter keys: `[[links]]` in them, or plain names resolved as links.
pub fn frontmatter_targets(graph: &Graph, id: NoteId, keys: &[&str]) -> Vec<Target> {
    let note = graph.vault.note(id);
    let mut out = Vec::new();
    for key in keys {
        for value in note.frontmatter.extra_strings(key) {
            let found = wikilink::scan(&value);
            if found.is_empty() {
                if !is_empty_value(graph.settings, &value) {
                    out.extend(graph.target_of_name(id, &value));
                }
            } else {
                out.extend(found.iter().filter_map(|f| graph.target_of(id, &f.target)));
            }
        }
    }
    out
}

fn inlines_of(block: &Block) -> Vec<&Inline> {
    match block {
        Block::Paragraph(i) | Block::ListItem { inline: i, .. } => vec![i],
        Block::Table { rows, .. } => rows.iter().flatten().collect(),
        Block::Code { .. } => Vec::new(),
    }
}

/// `Role: Engineer` / `**Role**: Engineer` → ("role", "Engineer").
fn label_value(text: &str) -> Option<(String, String)> {
    let (label, value) = text.split_once(':')?;
    let label = label.trim();
    if label.is_empty() || label.len() > 40 {
        return None;
    }
    Some((label.to_lowercase(), value.trim().to_string()))
}

pub fn person(graph: &Graph, id: NoteId) -> Person {
    let note = graph.vault.note(id);
    let settings = graph.settings;
    let mut contact = ContactInfo::default();
    let mut company: Option<Target> = None;
    for block in note.body.section_blocks(&settings.sections.contact) {
        match block {
            Block::Table { rows, .. } => {
                for row in rows.iter().skip(1) {
                    if let [field, value, ..] = row.as_slice() {
                        set_contact(
                            graph,
                            id,
                            &mut contact,
                            &mut company,
                            &field.text,
                            &value.text,
                            Some(value),
                            value.line,
                        );
                    }
                }
            }
            Block::ListItem { inline, .. } | Block::Paragraph(inline) => {
                if let Some((field, value)) = label_value(&inline.text) {
                    set_contact(graph, id, &mut contact, &mut company, &field, &value, Some(inline), inline.line);
                }
            }
            Block::Code { .. } => {}
        }
    }
    // Frontmatter fields fill what the table leaves open.
    for key in ["role", "company", "department", "email", "phone", "linkedin", "location"] {
        if let Some(value) = note.frontmatter.extra_str(key) {
            let found = wikilink::scan(&value);
            let (shown, link) = match found.first() {
                Some(f) => (f.target.display(), graph.target_of(id, &f.target)),
                None => (value.clone(), None),
            };
            if key == "company" && company.is_none() && link.is_some() {
                company = link;
            }
            set_contact(graph, id, &mut contact, &mut company, key, &shown, None, note.frontmatter.line_of(key));
        }
    }
    let recent = note
        .body
        .section_blocks(&settings.sections.recent_context)
        .filter_map(|b| match b {
            Block::ListItem { inline, task: None, .. } => Some(context_entry(graph, id, inline)),
            _ => None,
        })
        .collect();
    let last_contact = note
        .frontmatter
        .last_contact
        .map(|d| Sourced { value: d, source: graph.source(id, note.frontmatter.line_of("last_contact")) });
    Person {
        note: id,
        name: note.title.clone(),
        aliases: note.frontmatter.aliases.clone(),
        contact,
        company,
        profile: profile(graph, id),
        recent,
        stated_last_contact: last_contact.clone(),
        last_contact,
        needs_review: note.frontmatter.has_tag("needs-review"),
        auto_created: note.frontmatter.auto_created,
        stakeholder: Default::default(),
        contacts: Vec::new(),
    }
}

/// Sets one Contact Information field unless already set; a Company also names the
/// organisation, by the cell's link or else by its text resolved like a link.
#[allow(clippy::too_many_arguments)]
fn set_contact(
    graph: &Graph,
    id: NoteId,
    contact: &mut ContactInfo,
    company: &mut Option<Target>,
    field: &str,
    value: &str,
    inline: Option<&Inline>,
    line: u32,
) {
    if is_empty_value(graph.settings, value) {
        return;
    }
    let slot = match field.trim().trim_end_matches(':').to_lowercase().as_str() {
        "role" | "title" | "job title" | "position" => &mut contact.role,
        "company" | "organization" | "organisation" | "employer" => {
            if company.is_none() {
                *company = inline
                    .and_then(|i| graph.vault.note(id).links_in(i).first())
                    .and_then(|l| graph.target_of(id, &l.target))
                    .or_else(|| graph.target_of_name(id, value));
            }
            &mut contact.company
        }
        "department" | "team" => &mut contact.department,
        "email" | "e-mail" => &mut contact.email,
        "phone" | "mobile" => &mut contact.phone,
        "linkedin" => &mut contact.linkedin,
        "location" | "city" => &mut contact.location,
        _ => return,
    };
    if slot.is_none() {
        *slot = Some(Sourced { value: value.to_string(), source: graph.source(id, line) });
    }
}

fn profile(graph: &Graph, id: NoteId) -> Vec<ProfileField> {
    let note = graph.vault.note(id);
    let mut out: Vec<ProfileField> = Vec::new();
    for block in note.body.section_blocks(&graph.settings.sections.profile) {
        match block {
            Block::Paragraph(inline) => match inline.text.split_once(':') {
                Some((label, text)) if !label.trim().is_empty() && label.len() <= 40 => out.push(ProfileField {
                    label: label.trim().to_string(),
                    text: text.trim().to_string(),
                    items: Vec::new(),
                    source: graph.source(id, inline.line),
                }),
                _ => out.push(ProfileField {
                    label: String::new(),
                    text: inline.text.clone(),
                    items: Vec::new(),
                    source: graph.source(id, inline.line),
                }),
            },
            Block::ListItem { inline, task: None, .. } => match out.last_mut() {
                Some(field) => field.items.push(inline.text.clone()),
                None => out.push(ProfileField {
                    label: String::new(),
                    text: String::new(),
                    items: vec![inline.text.clone()],
                    source: graph.source(id, inline.line),
                }),
            },
            _ => {}
        }
    }
    out
}

/// A leading `YYYY-MM-DD` followed by `:`, ` -`, ` —` or a space, and the rest of the text.
fn leading_date(text: &str) -> Option<(NaiveDate, &str)> {
    let head = text.get(..10)?;
    let date = NaiveDate::parse_from_str(head, "%Y-%m-%d").ok()?;
    let rest = text[10..].trim_start_matches([':', ' ', '-', '—', '–']).trim_start();
    if text.len() > 10 && !text[10..].starts_with([':', ' ', '-', '—', '–']) {
        return None;
    }
    Some((date, rest))
}

/// `2025-09-03: [[Meeting]] - summary (via Person)`.
fn context_entry(graph: &Graph, id: NoteId, inline: &Inline) -> ContextEntry {
    let (date, rest) = match leading_date(&inline.text) {
        Some((d, rest)) => (Some(d), rest),
        None => (None, inline.text.as_str()),
    };
    let links = graph.vault.note(id).links_in(inline);
    let meeting_link = links.first();
    let meeting = meeting_link.and_then(|l| graph.target_of(id, &l.target));
    let meeting_title = meeting_link.map(|l| l.target.display());
    let mut summary = match &meeting_title {
        Some(title) => match rest.find(title.as_str()) {
            Some(at) => rest[at + title.len()..].to_string(),
            None => rest.to_string(),
        },
        None => rest.to_string(),
    };
    summary = summary.trim_start_matches([' ', '-', '—', '–', ':']).trim().to_string();
    let mut via = None;
    if let Some(open) = summary.rfind("(via ") {
        if summary.ends_with(')') {
            via = Some(summary[open + 5..summary.len() - 1].trim().to_string());
            summary = summary[..open].trim_end().to_string();
        }
    }
    let via_target = via.as_ref().and_then(|name| {
        links
            .iter()
            .skip(1)
            .find(|l| l.target.display() == *name)
            .and_then(|l| graph.target_of(id, &l.target))
            .or_else(|| graph.target_of_name(id, name))
    });
    ContextEntry { date, meeting, meeting_title, summary, via, via_target, source: graph.source(id, inline.line) }
}

pub fn meeting(graph: &Graph, id: NoteId) -> Meeting {
    let note = graph.vault.note(id);
    // `date:`, else a file name that starts `2026-09-03 - …`, else `created`.
    let date = note.frontmatter.date.or_else(|| leading_date(&note.stem).map(|(d, _)| d)).or(note.frontmatter.created);
    let mut attendees: Vec<Target> = frontmatter_targets(graph, id, &["attendees", "participants", "people"]);
    for target in section_links(graph, id, &graph.settings.sections.attendees) {
        attendees.push(target);
    }
    // Plain names in the attendee list count when they name a person note.
    for block in note.body.section_blocks(&graph.settings.sections.attendees) {
        if let Block::ListItem { inline, .. } = block {
            if note.links_in(inline).is_empty() {
                let name = inline.text.split([',', '(', '—', '–']).next().unwrap_or("").trim();
                if let Some(t) = graph.target_of_name(id, name) {
                    attendees.push(t);
                }
            }
        }
    }
    attendees.retain(|t| matches!(t, Target::Note(n) if graph.kinds[n.index()] == Kind::Person));
    attendees.sort();
    attendees.dedup();
    Meeting {
        target: Target::Note(id),
        title: note.title.clone(),
        note: Some(id),
        date,
        attendees,
        source: graph.source(id, note.frontmatter.line.unwrap_or(1)),
    }
}

/// The date an item gets when its line does not state one.
pub fn note_date(graph: &Graph, id: NoteId) -> (Option<NaiveDate>, Option<DateBasis>) {
    let note = graph.vault.note(id);
    if graph.kinds[id.index()] == Kind::Meeting {
        if let Some(m) = graph.meeting(&Target::Note(id)) {
            if m.date.is_some() {
                return (m.date, Some(DateBasis::Meeting));
            }
        }
    }
    match note.frontmatter.created {
        Some(d) => (Some(d), Some(DateBasis::NoteCreated)),
        None => (None, None),
    }
}

fn bullet_items(graph: &Graph, id: NoteId, names: &[String], strip: &[char]) -> Vec<Item> {
    let note = graph.vault.note(id);
    let mut out = Vec::new();
    for block in note.body.section_blocks(names) {
        let Block::ListItem { inline, task: None, .. } = block else { continue };
        let strip_marks = |t: &'_ str| -> String {
            t.trim_start_matches(|c: char| strip.contains(&c) || c == '\u{FE0F}' || c == ' ').to_string()
        };
        let text = strip_marks(&inline.text);
        if text.is_empty() {
            continue;
        }
        // `2026-09-03: ✅ text` and `✅ 2026-09-03: text` alike.
        let (date, basis, text) = match leading_date(&text) {
            Some((d, rest)) if !rest.is_empty() => (Some(d), Some(DateBasis::Stated), strip_marks(rest)),
            _ => {
                let (d, b) = note_date(graph, id);
                (d, b, text.clone())
            }
        };
        out.push(Item {
            text,
            date,
            date_basis: basis,
            links: graph
                .vault
                .note(id)
                .links_in(inline)
                .iter()
                .filter_map(|l| graph.target_of(id, &l.target))
                .collect(),
            note: id,
            source: graph.source(id, inline.line),
        });
    }
    out
}

pub fn facts(graph: &Graph, id: NoteId) -> Vec<Item> {
    bullet_items(graph, id, &graph.settings.sections.facts, &[])
}

pub fn decisions(graph: &Graph, id: NoteId) -> Vec<Item> {
    bullet_items(graph, id, &graph.settings.sections.decisions, &['✅', '☑', '✔'])
}

pub fn questions(graph: &Graph, id: NoteId) -> Vec<Item> {
    bullet_items(graph, id, &graph.settings.sections.open_questions, &['❓', '?'])
}

pub fn topics(graph: &Graph, id: NoteId) -> Vec<Topic> {
    let note = graph.vault.note(id);
    let mut out = Vec::new();
    for block in note.body.section_blocks(&graph.settings.sections.topics) {
        let (inline, whole) = match block {
            Block::Paragraph(i) => (i, false),
            Block::ListItem { inline, task: None, .. } => (inline, true),
            _ => continue,
        };
        let names: Vec<String> = if whole { vec![inline.text.clone()] } else { split_topics(&inline.text) };
        for name in names {
            let name = name.trim().trim_end_matches('.').trim().to_string();
            if !name.is_empty() {
                out.push(Topic { name, note: id, source: graph.source(id, inline.line) });
            }
        }
    }
    out
}

/// Splits a comma- or semicolon-separated paragraph, not inside parentheses.
fn split_topics(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut depth = 0i32;
    let mut current = String::new();
    for c in text.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            ',' | ';' if depth <= 0 => {
                out.push(std::mem::take(&mut current));
                continue;
            }
            _ => {}
        }
        current.push(c);
    }
    out.push(current);
    out
}

pub fn tasks(graph: &Graph, id: NoteId) -> Vec<Task> {
    let note = graph.vault.note(id);
    let mut out = Vec::new();
    for (inline, status) in note.body.list_items() {
        let Some(status) = status else { continue };
        let fields = task::parse(&inline.text);
        let links: Vec<Target> = note.links_in(inline).iter().filter_map(|l| graph.target_of(id, &l.target)).collect();
        let (owner, owner_target) = task_owner(graph, id, inline, &fields);
        out.push(Task {
            text: fields.description.clone(),
            raw: task_raw(&inline.raw),
            status,
            done: matches!(status, 'x' | 'X'),
            meta: fields,
            owner,
            owner_target,
            links,
            note: id,
            source: graph.source(id, inline.line),
        });
    }
    out
}

/// The raw line after `- [ ] `.
fn task_raw(raw: &str) -> String {
    let t = raw.trim_start();
    let t = t.trim_start_matches(['-', '*', '+']).trim_start();
    let t = t.trim_start_matches(|c: char| c.is_ascii_digit()).trim_start_matches(['.', ')']).trim_start();
    match t.strip_prefix('[').and_then(|r| r.get(2..)) {
        Some(rest) if t.as_bytes().get(2) == Some(&b']') => rest.trim_start().to_string(),
        _ => t.to_string(),
    }
}

/// Who does the task: an `owner::`/`assignee::` field, else the first `@Handle`, else a
/// person linked at the very start of the line (`[[Dana Lee]] to send …`).
fn task_owner(
    graph: &Graph,
    id: NoteId,
    inline: &Inline,
    fields: &task::TaskFields,
) -> (Option<String>, Option<Target>) {
    for key in ["owner", "assignee", "assigned", "who"] {
        if let Some(value) = fields.fields.get(key) {
            let name = collapse_whitespace(value);
            let target = graph.target_of_name(id, &name).filter(|t| graph.person(t).is_some());
            let shown = target.as_ref().map_or(name, |t| graph.name_of(t));
            return (Some(shown), target);
        }
    }
    if let Some(handle) = fields.handles.first() {
        return match graph.people_with_handle(handle) {
            [one] => {
                let p = &graph.people[*one];
                (Some(p.name.clone()), Some(Target::Note(p.note)))
            }
            _ => (Some(format!("@{handle}")), None),
        };
    }
    if let Some(first) = graph.vault.note(id).links_in(inline).first() {
        if inline.text.starts_with(&first.target.display()) {
            if let Some(t) = graph.target_of(id, &first.target).filter(|t| graph.person(t).is_some()) {
                return (Some(graph.name_of(&t)), Some(t));
            }
        }
    }
    (None, None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leading_dates() {
        assert_eq!(leading_date("2025-09-03: x").map(|(_, r)| r), Some("x"));
        assert_eq!(leading_date("2025-09-03 - x").map(|(_, r)| r), Some("x"));
        assert_eq!(leading_date("2025-09-031"), None);
        assert_eq!(leading_date("Sept 3"), None);
    }

    #[test]
    fn topics_split_outside_parentheses() {
        assert_eq!(split_topics("A, B (x, y); C"), vec!["A", " B (x, y)", " C"]);
    }

    #[test]
    fn raw_task_text_drops_the_checkbox() {
        assert_eq!(task_raw("- [ ] Call [[Ann]] 📅 2026-01-01"), "Call [[Ann]] 📅 2026-01-01");
        assert_eq!(task_raw("  1. [x] done"), "done");
    }
}

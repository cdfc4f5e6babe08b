//! Reading entities out of one note's sections. Each function takes the graph under
//! construction (for link resolution and settings) and one note.

use chrono::NaiveDate;

use super::entities::*;
use super::{handle_key, task, Graph};
use crate::config::{loose_name, KindMatch, Settings};
use crate::vault::markdown::collapse_whitespace;
use crate::vault::{fields, wikilink, Block, Inline, Note, NoteId, Target};

/// The kind names of the settings, compared loosely ([`loose_name`]): made once per vault,
/// since every note is matched against all of them.
pub struct KindKeys {
    /// Per kind: its type values and its folder names.
    table: [(Vec<String>, Vec<String>, Kind); 4],
    /// The kind fields' keys, in their order of preference.
    kind_fields: Vec<String>,
}

impl KindKeys {
    pub fn new(settings: &Settings, field_keys: &crate::config::FieldNames) -> KindKeys {
        let k = &settings.kinds;
        let loose = |m: &KindMatch, kind| {
            (m.types.iter().map(|t| loose_name(t)).collect(), m.folders.iter().map(|f| loose_name(f)).collect(), kind)
        };
        KindKeys {
            table: [
                loose(&k.person, Kind::Person),
                loose(&k.customer, Kind::Customer),
                loose(&k.project, Kind::Project),
                loose(&k.meeting, Kind::Meeting),
            ],
            kind_fields: field_keys.kind.clone(),
        }
    }

    /// The kind a value names (`person`, `[[People]]`); `customer meeting` is a meeting: a
    /// value of several words is read by its last too.
    fn by_value(&self, value: &str) -> Option<Kind> {
        // `person`, `meeting`: a kind's name as it is kept needs no loosening.
        if let Some((.., kind)) = self.table.iter().find(|(types, ..)| types.iter().any(|t| t == value)) {
            return Some(*kind);
        }
        let whole = loose_name(value);
        let last = whole.rsplit(' ').next().unwrap_or_default();
        let is = |types: &Vec<String>, w: &str| types.iter().any(|t| t == w);
        self.table
            .iter()
            .find(|(types, ..)| is(types, &whole))
            .or_else(|| self.table.iter().find(|(types, ..)| whole.contains(' ') && is(types, last)))
            .map(|(.., kind)| *kind)
    }

    fn by_folder(&self, folder: &str) -> Option<Kind> {
        let key = loose_name(folder);
        self.table.iter().find(|(_, folders, _)| folders.contains(&key)).map(|(.., kind)| *kind)
    }
}

/// A note's kind, and what said so: a kind field (`type`, `kind`, `categories`, inline
/// `type::`), else a tag of the frontmatter (`person`, `type/person`), else the nearest folder
/// named for a kind, else a `#type/…` tag in the text. Templates are plain notes.
pub fn kind_of_note(
    note: &Note,
    fields: &[fields::Field],
    names: &KindKeys,
    is_template: bool,
) -> (Kind, Option<KindBasis>) {
    if is_template {
        return (Kind::Note, Some(KindBasis::Template));
    }
    // Only stated kinds: a `Type: x` line of prose (or of an unclosed frontmatter) is not one.
    let stated = |f: &&fields::Field| matches!(f.origin, fields::Origin::Frontmatter | fields::Origin::Inline);
    for field in fields::find(fields, &names.kind_fields).into_iter().filter(stated) {
        let values: Vec<String> = if field.values.is_empty() { vec![field.text()] } else { field.values.clone() };
        for value in values {
            let shown = fields::shown(&value);
            if let Some(kind) = names.by_value(&shown) {
                return (kind, Some(KindBasis::Field { name: field.name.clone(), value: shown, line: field.line }));
            }
        }
    }
    // `type/person` is a kind on purpose; a plain `#client` on a person note may only say
    // whose contact they are, so folders come before plain tags.
    for tag in note.frontmatter.tags.iter().chain(&note.body.tags) {
        if let Some(kind) = tag.strip_prefix("type/").and_then(|t| names.by_value(t)) {
            return (kind, Some(KindBasis::Tag(tag.clone())));
        }
    }
    for folder in note.folder.rsplit('/') {
        if let Some(kind) = names.by_folder(folder) {
            return (kind, Some(KindBasis::Folder(folder.to_string())));
        }
    }
    // Plain tags: of the frontmatter, and of lines of tags only (`#contact` under the title;
    // not a tag in prose or in an example). They decide only when they agree on one kind: a
    // daily note tagged `meetings` and `customers` is neither.
    let tag_lines = note.body.sections.iter().flat_map(|s| &s.blocks).filter_map(|b| match b {
        Block::Paragraph(inline) if fields::is_tag_line(&inline.text) => Some(inline),
        _ => None,
    });
    let line_tags: Vec<String> = tag_lines
        .flat_map(|inline| inline.text.split_whitespace().map(|w| w.trim_start_matches('#').to_string()))
        .collect();
    let plain: Vec<(Kind, &String)> =
        note.frontmatter.tags.iter().chain(&line_tags).filter_map(|t| names.by_value(t).map(|k| (k, t))).collect();
    if let Some((kind, tag)) = plain.first() {
        if plain.iter().all(|(k, _)| k == kind) {
            return (*kind, Some(KindBasis::Tag((*tag).clone())));
        }
    }
    (Kind::Note, None)
}

fn is_empty_value(settings: &Settings, text: &str) -> bool {
    let t = text.trim().trim_matches(|c| c == '_' || c == '*').trim();
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

/// Targets named by the fields `names` of a note, wherever written: the `[[links]]` in their
/// values, or else the plain names (split at commas) resolved as links.
pub fn field_targets(graph: &Graph, id: NoteId, fields: &[fields::Field], names: &[String]) -> Vec<Target> {
    let mut out = Vec::new();
    for field in fields::find(fields, names) {
        out.extend(targets_of_field(graph, id, field));
    }
    out
}

/// The targets one field names (see [`field_targets`]).
fn targets_of_field(graph: &Graph, id: NoteId, field: &fields::Field) -> Vec<Target> {
    let note = graph.vault.note(id);
    let cell_links = field.cell_links(note);
    if !cell_links.is_empty() {
        return cell_links.iter().filter_map(|l| graph.target_of(id, &l.target)).collect();
    }
    let mut out = Vec::new();
    for value in &field.values {
        let found = wikilink::scan(value);
        if !found.is_empty() {
            out.extend(found.iter().filter(|f| !f.embed).filter_map(|f| graph.target_of(id, &f.target)));
            continue;
        }
        // A YAML list is already split; a written line is split at its commas.
        let names: Vec<&str> = if field.yaml { vec![value.as_str()] } else { value.split([',', ';']).collect() };
        for name in names {
            let name = plain_name(name);
            if !is_empty_value(graph.settings, &name) {
                out.extend(graph.target_of_name(id, &name));
            }
        }
    }
    out
}

/// A name as written in a list of people: `Mike Johnson (Velocity Ventures)` → `Mike Johnson`.
fn plain_name(written: &str) -> String {
    let name = written.split(['(', '<', '—', '–']).next().unwrap_or("");
    fields::shown(name.trim())
}

fn inlines_of(block: &Block) -> Vec<&Inline> {
    match block {
        Block::Paragraph(i) | Block::ListItem { inline: i, .. } => vec![i],
        Block::Table { rows, .. } => rows.iter().flatten().collect(),
        Block::Code { .. } => Vec::new(),
    }
}

/// The first field of `names` with a value, as text, with its source.
fn text_field(graph: &Graph, id: NoteId, fields: &[fields::Field], names: &[String]) -> Option<Sourced<String>> {
    fields::find(fields, names).into_iter().find_map(|f| {
        let text = f.text();
        (!is_empty_value(graph.settings, &text)).then(|| Sourced { value: text, source: graph.source(id, f.line) })
    })
}

/// Reads person note `id` from its fields (`fields::read`), Profile and Recent Context.
pub fn person(graph: &Graph, id: NoteId, fields: &[fields::Field]) -> Person {
    let note = graph.vault.note(id);
    let settings = graph.settings;
    let names = &graph.field_keys;
    let mut contact = ContactInfo {
        role: text_field(graph, id, fields, &names.role),
        company: None,
        department: text_field(graph, id, fields, &names.department),
        email: text_field(graph, id, fields, &names.email),
        phone: text_field(graph, id, fields, &names.phone),
        linkedin: text_field(graph, id, fields, &names.linkedin),
        location: text_field(graph, id, fields, &names.location),
    };
    // The company: the first company field with a value; its link, else its text as a name.
    // A person note that names no company but states one customer as a property
    // (`customer:: [[Acme]]`) is one of that customer's people; a `Customers: [[A]], [[B]]`
    // line in the text is rather the accounts they look after.
    let mut company: Option<Target> = None;
    let mut candidates = fields::find(fields, &names.company);
    if candidates.is_empty() {
        candidates = fields::find(fields, &names.customer)
            .into_iter()
            .filter(|f| matches!(f.origin, fields::Origin::Frontmatter | fields::Origin::Inline))
            .filter(|f| targets_of_field(graph, id, f).len() == 1)
            .take(1)
            .collect();
    }
    for field in candidates {
        let text = field.text();
        if is_empty_value(settings, &text) {
            continue;
        }
        company = targets_of_field(graph, id, field).into_iter().next();
        contact.company = Some(Sourced { value: text, source: graph.source(id, field.line) });
        break;
    }
    let mut aliases = note.frontmatter.aliases.clone();
    // A `title` that differs from the file name is another spelling of the name when one
    // holds the other (`Jane Roe` / `Dr. Jane Roe`); else it is the job title
    // (`title: Paramedic`), unless a role field says otherwise.
    let title_field = fields.iter().filter(|f| f.key == "title").min_by_key(|f| (f.origin, f.line));
    // (A title that is the file name says nothing more.)
    let title_field = title_field.filter(|f| f.values.first().is_none_or(|v| *v != note.stem));
    if let Some((title, line)) = title_field.map(|f| (f.text(), f.line)).filter(|(t, _)| !t.is_empty()) {
        let title = title.as_str();
        let (t, name) = (handle_key(title), handle_key(&note.stem));
        let spelling = t.contains(&name) || name.contains(&t) || aliases.iter().any(|a| handle_key(a) == t);
        if spelling {
            if t != name && !aliases.iter().any(|a| a == title) {
                aliases.push(title.to_string());
            }
        } else if contact.role.is_none() && !is_empty_value(settings, title) {
            contact.role = Some(Sourced { value: title.to_string(), source: graph.source(id, line) });
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
    let last_contact = fields::find(fields, &names.last_contact)
        .into_iter()
        .find_map(|f| parse_loose_date(&f.text()).map(|d| Sourced { value: d, source: graph.source(id, f.line) }));
    Person {
        note: id,
        name: note.title.clone(),
        aliases,
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

/// A date as people write it in a field: `2026-01-06`, `2026-01-06 10:00am PST`,
/// `2026/01/06`, `06.01.2026`, `January 6, 2026`, `6 Jan 2026`.
pub fn parse_loose_date(text: &str) -> Option<NaiveDate> {
    // Most are written `YYYY-MM-DD` and nothing else.
    if text.len() == 10 {
        if let Some(d) = crate::vault::frontmatter::parse_date(text) {
            return Some(d);
        }
    }
    let t = fields::shown(text);
    let t = t.trim();
    if let Some(d) = crate::vault::frontmatter::parse_date(t) {
        return Some(d);
    }
    let first = t.split_whitespace().next().unwrap_or("");
    for format in ["%Y/%m/%d", "%d.%m.%Y", "%Y.%m.%d"] {
        if let Ok(d) = NaiveDate::parse_from_str(first, format) {
            return Some(d);
        }
    }
    let words: Vec<&str> = t.split_whitespace().take(3).collect();
    let three = words.join(" ").replace(',', "");
    for format in ["%B %d %Y", "%b %d %Y", "%d %B %Y", "%d %b %Y"] {
        if let Ok(d) = NaiveDate::parse_from_str(&three, format) {
            return Some(d);
        }
    }
    None
}

/// A date in a file name: `2024-06-14`, `2024.06.14`, `2022-10-10_0937`, `MoM 20230301`,
/// anywhere in it (the first, if several).
pub fn date_in_name(name: &str) -> Option<NaiveDate> {
    let b = name.as_bytes();
    let digits = |from: usize, n: usize| b.get(from..from + n).is_some_and(|s| s.iter().all(u8::is_ascii_digit));
    for start in 0..b.len() {
        if !digits(start, 4) || (start > 0 && b[start - 1].is_ascii_digit()) {
            continue;
        }
        // `YYYY-MM-DD` with one separator used twice, or `YYYYMMDD`.
        for (month, day, len) in [(start + 5, start + 8, 10), (start + 4, start + 6, 8)] {
            let separated = len == 10;
            let sep_ok = !separated
                || (matches!(b.get(start + 4), Some(b'-' | b'.' | b'_')) && b.get(start + 4) == b.get(start + 7));
            if !sep_ok || !digits(month, 2) || !digits(day, 2) || b.get(start + len).is_some_and(u8::is_ascii_digit) {
                continue;
            }
            let number = |at: usize, n: usize| name[at..at + n].parse::<u32>().ok();
            let (Some(y), Some(m), Some(d)) = (number(start, 4), number(month, 2), number(day, 2)) else { continue };
            if let Some(date) = NaiveDate::from_ymd_opt(y as i32, m, d).filter(|_| (1900..2200).contains(&y)) {
                return Some(date);
            }
        }
    }
    None
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

/// Reads meeting note `id`: its date, its attendees (with the organizer) and the guests:
/// attendees written as names or addresses that are no person of the vault.
pub fn meeting(graph: &Graph, id: NoteId) -> Meeting {
    let note = graph.vault.note(id);
    let settings = graph.settings;
    let fields = graph.fields_of(id);
    let (date, date_basis) = meeting_date(graph, note, fields);
    let mut attendees: Vec<Target> = Vec::new();
    let mut guests: Vec<Guest> = Vec::new();
    let keys = &graph.field_keys;
    let listed = fields::find(fields, &keys.attendees).into_iter().chain(fields::find(fields, &keys.organizer));
    for field in listed {
        let cell_links = field.cell_links(note);
        if !cell_links.is_empty() {
            for link in cell_links {
                linked_attendee(graph, id, &link.target, field.line, &mut attendees, &mut guests);
            }
            continue;
        }
        for value in &field.values {
            // A YAML list is split already; a written line is split at its commas.
            let entries = if field.yaml { vec![value.clone()] } else { split_entries(value) };
            for entry in entries {
                read_attendee(graph, id, &entry, field.line, &mut attendees, &mut guests);
            }
        }
    }
    // An Attendees section: its links, and the names and addresses of its list items (a
    // paragraph there may be prose: only its links count).
    for block in note.body.section_blocks(&settings.sections.attendees) {
        let (inline, is_item) = match block {
            Block::ListItem { inline, task: None, .. } => (inline, true),
            Block::Paragraph(inline) => (inline, false),
            _ => continue,
        };
        let links = note.links_in(inline);
        if links.is_empty() && is_item {
            for entry in split_entries(&inline.text) {
                read_attendee(graph, id, &entry, inline.line, &mut attendees, &mut guests);
            }
        } else if is_item {
            // `- [[Sarah Johnson]] (Head of Analytics)`: the first link is who it is.
            if let Some(link) = links.iter().find(|l| !l.embed) {
                linked_attendee(graph, id, &link.target, inline.line, &mut attendees, &mut guests);
            }
        } else {
            attendees.extend(links.iter().filter_map(|l| graph.target_of(id, &l.target)));
        }
    }
    attendees.retain(|t| matches!(t, Target::Note(n) if graph.kinds[n.index()] == Kind::Person));
    attendees.sort();
    attendees.dedup();
    // Written twice (a field and the Attendees section): the first line counts.
    guests.sort_by_key(|g| (g.source.line, g.shown().to_lowercase()));
    let mut seen = std::collections::HashSet::new();
    guests.retain(|g| seen.insert(g.key()));
    // A meeting's `title` property is its name as its owner writes it (`title: "API
    // Migration Planning"` in `meeting-note.md`); a person's is not (see `person`).
    let title = note.frontmatter.title.as_deref().map(str::trim).filter(|t| !t.is_empty());
    Meeting {
        target: Target::Note(id),
        title: title.map_or_else(|| note.title.clone(), str::to_string),
        note: Some(id),
        date,
        date_basis,
        attendees,
        guests,
        source: graph.source(id, note.frontmatter.line.unwrap_or(1)),
    }
}

/// A written list of attendees split at commas and semicolons, not inside brackets or
/// parentheses (`Pat Lee (plee@x.example), [[Ann Lee|Ann]]`).
fn split_entries(value: &str) -> Vec<String> {
    let parts = split_outside(value, &['(', '[', '<'], &[')', ']', '>']);
    parts.into_iter().map(|e| e.trim().to_string()).filter(|e| !e.is_empty()).collect()
}

/// Splits at commas and semicolons that are not inside the brackets `open`/`close`.
fn split_outside(text: &str, open: &[char], close: &[char]) -> Vec<String> {
    let mut out = Vec::new();
    let mut depth = 0i32;
    let mut current = String::new();
    for c in text.chars() {
        if open.contains(&c) {
            depth += 1;
        } else if close.contains(&c) {
            depth -= 1;
        } else if matches!(c, ',' | ';') && depth <= 0 {
            out.push(std::mem::take(&mut current));
            continue;
        }
        current.push(c);
    }
    out.push(current);
    out
}

/// One attendee as written: a link, a person's name or address, else a guest (a name, an
/// address, or both, with the organisation named beside them or by their address).
fn read_attendee(
    graph: &Graph,
    id: NoteId,
    entry: &str,
    line: u32,
    attendees: &mut Vec<Target>,
    guests: &mut Vec<Guest>,
) {
    // `[[Ann Lee]]` alone, as YAML lists write attendees, needs no scan.
    if let Some(inner) = entry.strip_prefix("[[").and_then(|e| e.strip_suffix("]]")).filter(|i| !i.contains(['[', ']']))
    {
        linked_attendee(graph, id, &wikilink::LinkTarget::parse(inner), line, attendees, guests);
        return;
    }
    // `[[Tom Wilson]] ([[IT Lead]])`: the link before any parenthesis is who it is; what is
    // beside it says more about them.
    let links = wikilink::scan(before_parenthesis(entry));
    if !links.is_empty() {
        for link in links.iter().filter(|f| !f.embed) {
            linked_attendee(graph, id, &link.target, line, attendees, guests);
        }
        return;
    }
    let email = super::email_in(entry);
    if let Some(i) = email.as_deref().and_then(|e| graph.person_with_email(e)) {
        attendees.push(Target::Note(graph.people[i].note));
        return;
    }
    // `Pat Lee (plee@x.example)`, `Pat Lee <plee@x.example>`, `Mike Johnson (Velocity Ventures)`.
    let name = plain_name(entry);
    let name = Some(name).filter(|n| !n.is_empty() && !n.contains('@') && !is_empty_value(graph.settings, n));
    if let Some(t) = name.as_deref().and_then(|n| graph.target_of_name(id, n)) {
        if graph.person(&t).is_some() {
            attendees.push(t);
            return;
        }
    }
    if name.is_none() && email.is_none() {
        return;
    }
    let beside = entry.split_once('(').map(|(_, r)| r.trim_end_matches(')').trim()).filter(|r| !r.contains('@'));
    let named_org = beside.and_then(|b| graph.target_of_name(id, b)).filter(|t| graph.organization(t).is_some());
    let by_domain =
        email.as_deref().and_then(|e| e.rsplit_once('@')).and_then(|(_, d)| graph.organization_of_domain(d)).cloned();
    guests.push(Guest { name, email, organization: named_org.or(by_domain), source: graph.source(id, line) });
}

/// `entry` up to its first parenthesis outside a `[[link]]`.
fn before_parenthesis(entry: &str) -> &str {
    let mut depth = 0i32;
    for (i, c) in entry.char_indices() {
        match c {
            '[' => depth += 1,
            ']' => depth -= 1,
            '(' if depth <= 0 => return &entry[..i],
            _ => {}
        }
    }
    entry
}

/// A linked attendee: the note linked (only people count, later), else — a link to no
/// note — a guest by the link's name. A note `--share` left out is neither: a guest by its
/// name would tell who it is.
fn linked_attendee(
    graph: &Graph,
    id: NoteId,
    link: &wikilink::LinkTarget,
    line: u32,
    attendees: &mut Vec<Target>,
    guests: &mut Vec<Guest>,
) {
    match graph.target_of(id, link) {
        Some(Target::Unresolved(_)) if graph.vault.is_withheld(&link.path) => {}
        Some(Target::Unresolved(_)) => {
            let name = collapse_whitespace(&link.display());
            if !name.is_empty() && !is_empty_value(graph.settings, &name) {
                guests.push(Guest {
                    name: Some(name),
                    email: None,
                    organization: None,
                    source: graph.source(id, line),
                });
            }
        }
        Some(target) => attendees.push(target),
        None => {}
    }
}

/// A meeting's date: its date field, else a date in its file name, else `created`.
fn meeting_date(graph: &Graph, note: &Note, fields: &[fields::Field]) -> (Option<NaiveDate>, Option<MeetingDateBasis>) {
    let names = &graph.field_keys;
    for f in fields::find(fields, &names.date) {
        if let Some(d) = parse_loose_date(&f.text()) {
            return (Some(d), Some(MeetingDateBasis::Field { name: f.name.clone(), line: f.line }));
        }
    }
    if let Some(d) = date_in_name(&note.stem) {
        return (Some(d), Some(MeetingDateBasis::FileName));
    }
    for f in fields::find(fields, &names.created) {
        if let Some(d) = parse_loose_date(&f.text()) {
            return (Some(d), Some(MeetingDateBasis::Created { name: f.name.clone(), line: f.line }));
        }
    }
    (None, None)
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
    let created = note.frontmatter.created.or_else(|| {
        fields::find(graph.fields_of(id), &graph.field_keys.created)
            .into_iter()
            .find_map(|f| parse_loose_date(&f.text()))
    });
    match created {
        Some(d) => (Some(d), Some(DateBasis::NoteCreated)),
        None => (None, None),
    }
}

fn bullet_items(graph: &Graph, id: NoteId, names: &[String], strip: &[char]) -> Vec<Item> {
    let note = graph.vault.note(id);
    let mut out = Vec::new();
    // The date of the note's undated items, looked up once.
    let mut undated: Option<(Option<NaiveDate>, Option<DateBasis>)> = None;
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
                let (d, b) = *undated.get_or_insert_with(|| note_date(graph, id));
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
    split_outside(text, &['('], &[')'])
}

/// The tasks of a note, and notes on owners that could not be told apart.
pub fn tasks(graph: &Graph, id: NoteId) -> (Vec<Task>, Vec<crate::diagnostics::Diagnostic>) {
    let note = graph.vault.note(id);
    let mut out: Vec<Task> = Vec::new();
    let mut problems = Vec::new();
    // The items read so far, in line order, for the parents of subtasks: a bullet's text, or
    // the task's place in `out`.
    let mut items: Vec<(u32, &str, Option<usize>)> = Vec::new();
    for (inline, status, parent) in note.body.list_items_with_parents() {
        // An item inside a `%%comment%%` is not shown by Obsidian nor read by the Tasks plugin.
        if note.is_commented(inline.line) {
            continue;
        }
        let Some(status) = status else {
            items.push((inline.line, &inline.text, None));
            continue;
        };
        // The parent is an item read before this one; of several on its line (`- - [ ] x`
        // nests a list in a list on one line), the innermost, the last read.
        let parent = parent.and_then(|line| {
            let at = items.partition_point(|(l, _, _)| *l <= line).checked_sub(1)?;
            let (found, text, task) = items[at];
            if found != line {
                return None;
            }
            let text = task.map_or_else(|| text.to_string(), |i| out[i].text.clone());
            Some(TaskParent { text, line, is_task: task.is_some() })
        });
        items.push((inline.line, &inline.text, Some(out.len())));
        let fields = task::parse(&inline.text);
        let links: Vec<Target> = note.links_in(inline).iter().filter_map(|l| graph.target_of(id, &l.target)).collect();
        let (owner, owner_target) = match task_owner(graph, id, inline, &fields) {
            Owner::Found(name, target) => (name, target),
            Owner::Ambiguous(name, candidates) => {
                problems.push(crate::diagnostics::Diagnostic::note(
                    &note.path,
                    inline.line,
                    format!(
                        "`{name}:` could be {}; the task has no owner (write the full name)",
                        candidates.join(" or ")
                    ),
                ));
                (None, None)
            }
        };
        out.push(Task {
            text: fields.description.clone(),
            raw: task_raw(&inline.raw),
            status,
            status_type: graph.settings.tasks.status_type(status),
            meta: fields,
            owner,
            owner_target,
            links,
            parent,
            note: id,
            source: graph.source(id, inline.line),
        });
    }
    (out, problems)
}

/// Who a task line says does it.
enum Owner {
    Found(Option<String>, Option<Target>),
    /// A leading `Drew:` that names more than one person: the name and theirs.
    Ambiguous(String, Vec<String>),
}

/// The raw line after `- [ ] `.
fn task_raw(raw: &str) -> String {
    let mut t = raw.trim_start();
    // Quote and callout markers (`> `, `> > `) come before the list marker.
    while let Some(rest) = t.strip_prefix('>') {
        t = rest.trim_start();
    }
    let t = t.trim_start_matches(['-', '*', '+']).trim_start();
    let t = t.trim_start_matches(|c: char| c.is_ascii_digit()).trim_start_matches(['.', ')']).trim_start();
    // The checkbox holds one character, any character (`[“]` is a status too).
    let mut chars = t.chars();
    if chars.next() == Some('[') && chars.next().is_some() && chars.next() == Some(']') {
        return chars.as_str().trim_start().to_string();
    }
    t.to_string()
}

/// Who does the task: an `owner::`/`assignee::` field, else the first `@Handle`, else a
/// person linked at the very start of the line (`[[Dana Lee]] to send …`), else a leading
/// `Name:` that names one person — by full name, alias, or a first name only one has
/// (`Drew: create the repository`).
fn task_owner(graph: &Graph, id: NoteId, inline: &Inline, fields: &task::TaskFields) -> Owner {
    let found = |name: String, target: Option<Target>| Owner::Found(Some(name), target);
    for key in ["owner", "assignee", "assigned", "who"] {
        if let Some(value) = fields.fields.get(key) {
            let name = collapse_whitespace(value);
            let target = graph.target_of_name(id, &name).filter(|t| graph.person(t).is_some());
            let shown = target.as_ref().map_or(name, |t| graph.name_of(t));
            return found(shown, target);
        }
    }
    if let Some(handle) = fields.handles.first() {
        return match graph.people_with_handle(handle) {
            [one] => {
                let p = &graph.people[*one];
                found(p.name.clone(), Some(Target::Note(p.note)))
            }
            _ => found(format!("@{handle}"), None),
        };
    }
    if let Some(first) = graph.vault.note(id).links_in(inline).first() {
        if inline.text.starts_with(&first.target.display()) {
            if let Some(t) = graph.target_of(id, &first.target).filter(|t| graph.person(t).is_some()) {
                return found(graph.name_of(&t), Some(t));
            }
        }
    }
    // A label line whose label could be a name: at most three words of letters.
    if let Some((label, _)) = fields::label_line(&fields.description) {
        let name_like = label.split_whitespace().count() <= 3
            && label.chars().all(|c| c.is_alphabetic() || matches!(c, ' ' | '-' | '\'' | '.'));
        if name_like {
            if let Some(t) = graph.target_of_name(id, label).filter(|t| graph.person(t).is_some()) {
                return found(graph.name_of(&t), Some(t));
            }
            if let [one] = graph.people_with_handle(label) {
                return found(graph.people[*one].name.clone(), Some(Target::Note(graph.people[*one].note)));
            }
            match graph.people_with_first_name(label) {
                [one] => return found(graph.people[*one].name.clone(), Some(Target::Note(graph.people[*one].note))),
                [] => {}
                many => {
                    let mut names: Vec<String> = many.iter().map(|&i| graph.people[i].name.clone()).collect();
                    names.sort();
                    return Owner::Ambiguous(label.to_string(), names);
                }
            }
        }
    }
    Owner::Found(None, None)
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
        // After the Tasks plugin's callout and status tests: the prefix is not the text.
        assert_eq!(task_raw("> - [ ] Task inside a callout"), "Task inside a callout");
        assert_eq!(task_raw("> > * [/] nested quote"), "nested quote");
        assert_eq!(task_raw("- [“] a quote-mark status"), "a quote-mark status");
    }
}

//! `dossier schema`: the fields a vault writes, per kind of note — how many notes use each,
//! sample values, and the role it fills (`config::FieldNames`) or "unmapped" — with the notes
//! where two fields fill one role, and a `[fields]` block proposed from what the values hold.
//! Nothing here changes how the vault is read: the user decides what goes in dossier.toml.

use std::collections::BTreeMap;

use crate::config::{field_key, FieldNames};
use crate::model::{Graph, Kind};
use crate::vault::{fields, wikilink, NoteId, Target};

/// One field name as a kind of note uses it.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct FieldUse {
    /// The most common spelling (ties: the first in path order).
    pub name: String,
    pub key: String,
    /// Notes of the kind that hold it.
    pub notes: usize,
    /// Up to three different values, as a reader sees them.
    pub samples: Vec<String>,
    /// The role it fills with the current settings, if any.
    pub role: Option<&'static str>,
    /// What its values are: in how many notes they link to a customer, a person, or hold a
    /// date or an e-mail address.
    pub evidence: Evidence,
}

#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct Evidence {
    pub organisation_links: usize,
    pub person_links: usize,
    pub dates: usize,
    pub emails: usize,
}

/// One field name counted over a kind's notes.
#[derive(Default)]
struct Tally {
    /// How it is spelled, and how often.
    spellings: BTreeMap<String, usize>,
    notes: usize,
    samples: Vec<String>,
    evidence: Evidence,
}

/// Two fields of one note filling one role.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Conflict {
    pub path: String,
    pub line: u32,
    pub role: &'static str,
    /// The field used, then the ones it overrides, each `name: value`.
    pub fields: Vec<String>,
}

/// The schema of one kind of note.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct KindSchema {
    pub kind: Kind,
    pub notes: usize,
    pub fields: Vec<FieldUse>,
    pub conflicts: Vec<Conflict>,
}

/// The roles a kind of note is read for (a role elsewhere is not read, so not "filled").
fn roles_of(kind: Kind) -> &'static [&'static str] {
    const ANY: [&str; 4] = ["kind", "customer", "project", "created"];
    match kind {
        Kind::Person => &[
            "kind",
            "customer",
            "project",
            "created",
            "company",
            "role",
            "department",
            "email",
            "phone",
            "location",
            "linkedin",
            "reports-to",
            "owner",
            "buying-role",
            "influence",
            "disposition",
            "contact-every",
            "last-contact",
        ],
        Kind::Meeting => &["kind", "customer", "project", "created", "date", "attendees", "organizer"],
        Kind::Project => &["kind", "customer", "project", "created", "company"],
        Kind::Customer => &["kind", "customer", "project", "created", "website"],
        _ => &ANY,
    }
}

/// The schema of each kind (only `only`, when given), kinds in a fixed order.
pub fn survey(graph: &Graph, only: Option<Kind>) -> Vec<KindSchema> {
    // The role names as keys, as fields are compared.
    let all_roles = graph.field_keys.roles();
    let mut out = Vec::new();
    for kind in [Kind::Person, Kind::Customer, Kind::Project, Kind::Meeting, Kind::Note] {
        if only.is_some_and(|k| k != kind) {
            continue;
        }
        let ids: Vec<NoteId> = graph.vault.ids().filter(|id| graph.kinds[id.index()] == kind).collect();
        if ids.is_empty() {
            continue;
        }
        let read_roles = roles_of(kind);
        let role_of = |key: &str| {
            all_roles
                .iter()
                .find(|(role, list)| read_roles.contains(role) && list.iter().any(|n| n == key))
                .map(|(role, _)| *role)
        };
        let mut uses: BTreeMap<String, Tally> = BTreeMap::new();
        let mut conflicts = Vec::new();
        for &id in &ids {
            let note = graph.vault.note(id);
            let fields = fields::read(note, &graph.settings.sections.contact);
            let mut seen: Vec<&str> = Vec::new();
            for f in &fields {
                let tally = uses.entry(f.key.clone()).or_default();
                *tally.spellings.entry(f.name.clone()).or_default() += 1;
                if seen.contains(&f.key.as_str()) {
                    continue;
                }
                seen.push(&f.key);
                tally.notes += 1;
                let text = f.text();
                if !text.is_empty() && tally.samples.len() < 3 && !tally.samples.contains(&text) {
                    tally.samples.push(text.chars().take(60).collect());
                }
                let ev = evidence(graph, id, f);
                tally.evidence.organisation_links += ev.organisation_links;
                tally.evidence.person_links += ev.person_links;
                tally.evidence.dates += ev.dates;
                tally.evidence.emails += ev.emails;
            }
            for (role, list) in &all_roles {
                if !read_roles.contains(role) {
                    continue;
                }
                let filling = fields::find(&fields, list);
                let mut distinct: Vec<&fields::Field> = Vec::new();
                for f in filling {
                    if !distinct.iter().any(|d| d.key == f.key) {
                        distinct.push(f);
                    }
                }
                let differ = distinct.windows(2).any(|w| w[0].text() != w[1].text());
                if distinct.len() > 1 && differ {
                    conflicts.push(Conflict {
                        path: note.path.clone(),
                        line: distinct[0].line,
                        role,
                        fields: distinct.iter().map(|f| format!("{}: {}", f.name, f.text())).collect(),
                    });
                }
            }
        }
        let mut fields: Vec<FieldUse> = uses
            .into_iter()
            .map(|(key, Tally { spellings, notes, samples, evidence })| {
                let name = spellings
                    .iter()
                    .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))
                    .map(|(n, _)| n.clone())
                    .unwrap_or_else(|| key.clone());
                // A person's `title` is their name, an alias or the job title (see README).
                let role = if kind == Kind::Person && key == "title" { Some("title") } else { role_of(&key) };
                FieldUse { role, name, key, notes, samples, evidence }
            })
            .collect();
        fields.sort_by(|a, b| b.notes.cmp(&a.notes).then_with(|| a.key.cmp(&b.key)));
        out.push(KindSchema { kind, notes: ids.len(), fields, conflicts });
    }
    out
}

/// What one field's values are in one note.
fn evidence(graph: &Graph, id: NoteId, field: &fields::Field) -> Evidence {
    let mut ev = Evidence::default();
    let mut targets: Vec<Target> = Vec::new();
    targets.extend(field.cell_links(graph.vault.note(id)).iter().filter_map(|l| graph.target_of(id, &l.target)));
    for v in &field.values {
        let links = wikilink::scan(v);
        if links.is_empty() {
            // Plain names count when they name notes (`manager: sarah-chen`).
            let names: Vec<&str> = if field.yaml { vec![v.as_str()] } else { v.split(',').collect() };
            targets.extend(names.into_iter().filter_map(|n| graph.target_of_name(id, n)));
        }
        targets.extend(links.iter().filter_map(|f| graph.target_of(id, &f.target)));
    }
    if targets.iter().any(|t| matches!(graph.kind_of(t), Kind::Customer) || graph.organization(t).is_some()) {
        ev.organisation_links = 1;
    }
    if targets.iter().any(|t| graph.person(t).is_some()) {
        ev.person_links = 1;
    }
    let text = field.text();
    if crate::model::parse_loose_date(&text).is_some() {
        ev.dates = 1;
    }
    if crate::model::email_in(&text).is_some() {
        ev.emails = 1;
    }
    ev
}

/// Roles to propose for unmapped fields: (role, field name, why), at most one field a role
/// per kind. A field is proposed when its values are plainly of the role in most notes
/// holding it, or when its name says so.
pub fn proposals(schemas: &[KindSchema]) -> Vec<(&'static str, String, String)> {
    let mut out: Vec<(&'static str, String, String)> = Vec::new();
    for schema in schemas {
        let kind = format!("{:?}", schema.kind).to_lowercase();
        // A role some field already fills in as many notes needs no other name.
        let filled = |role: &str, notes: usize| schema.fields.iter().any(|f| f.role == Some(role) && f.notes >= notes);
        for f in schema.fields.iter().filter(|f| f.role.is_none()) {
            let most = |n: usize| n * 2 > f.notes && n > 0;
            let e = &f.evidence;
            let by_values: Option<(&'static str, String)> = match schema.kind {
                Kind::Person if most(e.organisation_links) => Some((
                    "company",
                    format!("links to organisation notes in {} of {} {kind} notes", e.organisation_links, f.notes),
                )),
                Kind::Person if most(e.emails) => {
                    Some(("email", format!("holds an e-mail address in {} of {} {kind} notes", e.emails, f.notes)))
                }
                Kind::Meeting if most(e.person_links) => Some((
                    "attendees",
                    format!("links to person notes in {} of {} {kind} notes", e.person_links, f.notes),
                )),
                Kind::Meeting if most(e.dates) => {
                    Some(("date", format!("holds a date in {} of {} {kind} notes", e.dates, f.notes)))
                }
                _ => None,
            };
            let by_name = || -> Option<(&'static str, String)> {
                let k = &f.key;
                let says = |words: &[&str]| words.iter().any(|w| k.split(' ').any(|part| part == *w));
                let role = match schema.kind {
                    Kind::Person if says(&["company", "organization", "organisation", "employer", "firm"]) => "company",
                    Kind::Person if says(&["title", "role", "position", "job"]) => "role",
                    Kind::Person if says(&["phone", "mobile", "tel"]) => "phone",
                    Kind::Person if says(&["email", "mail"]) => "email",
                    Kind::Meeting if says(&["attendees", "participants", "people", "with"]) => "attendees",
                    Kind::Meeting if says(&["date", "when", "day"]) => "date",
                    _ => return None,
                };
                Some((role, format!("its name says so ({} of {kind} notes hold it)", f.notes)))
            };
            if let Some((role, why)) = by_values.or_else(by_name) {
                if filled(role, f.notes) || (role == "role" && f.key == "title") {
                    continue;
                }
                if !out.iter().any(|(r, name, _)| *r == role && field_key(name) == f.key) {
                    out.push((role, f.name.clone(), why));
                }
            }
        }
    }
    out
}

/// A `[fields]` block for dossier.toml: for each proposed role its current names with the
/// proposed one added (a list in dossier.toml replaces the default list).
pub fn proposed_toml(names: &FieldNames, proposals: &[(&'static str, String, String)]) -> String {
    let mut text = String::from(
        "# Proposed by `dossier schema` from the vault's own fields: review it, then put it in\n# dossier.toml. Each list replaces the default list of that role, so the defaults are kept.\n[fields]\n",
    );
    if proposals.is_empty() {
        text.push_str("# nothing to propose: every field that looks like a role already fills one\n");
        return text;
    }
    for (role, list) in names.roles() {
        let mine: Vec<&(&'static str, String, String)> = proposals.iter().filter(|(r, ..)| *r == role).collect();
        if mine.is_empty() {
            continue;
        }
        for (_, name, why) in &mine {
            text.push_str(&format!("# {name}: {why}\n"));
        }
        let mut all: Vec<String> = list.clone();
        for (_, name, _) in &mine {
            all.push(name.clone());
        }
        let quoted: Vec<String> = all.iter().map(|n| toml::Value::String(n.clone()).to_string()).collect();
        text.push_str(&format!("{role} = [{}]\n", quoted.join(", ")));
    }
    text
}

//! Notes → typed entities: people, organisations, projects, meetings, and the facts,
//! decisions, tasks and topics written in any note, each with its source line.
//!
//! Section names and kind names come from [`Settings`]; nothing here knows a user's headings.

pub mod entities;
mod extract;
pub mod stakeholder;
pub mod task;

use std::collections::BTreeMap;

use crate::HashMap;

use chrono::NaiveDate;
use rayon::prelude::*;

pub use entities::*;
pub use extract::{date_in_name, parse_loose_date};

use crate::config::Settings;
use crate::diagnostics::Diagnostic;
use crate::vault::{fields, LinkTarget, NoteId, ResolvedBy, Target, Vault};

/// One note's links, resolved, with what resolving them found.
#[derive(Default)]
struct Resolved {
    links: Vec<(Target, u32)>,
    /// The target of each of the note's links, in their order (none for an empty one).
    targets: Vec<Option<Target>>,
    diagnostics: Vec<Diagnostic>,
    /// How unresolved names were spelled.
    spellings: Vec<(String, String)>,
}

/// The items written in one note.
struct NoteItems {
    facts: Vec<Item>,
    decisions: Vec<Item>,
    questions: Vec<Item>,
    tasks: Vec<Task>,
    topics: Vec<Topic>,
    problems: Vec<Diagnostic>,
}

/// Which organisation is ours, and how we know.
#[derive(Debug, Clone)]
pub struct Home {
    pub target: Target,
    pub name: String,
    /// A sentence for the report: configured, or inferred and from what.
    pub basis: String,
}

/// The vault as entities, with the resolved link graph.
#[derive(Debug)]
pub struct Graph<'v> {
    pub vault: &'v Vault,
    pub settings: &'v Settings,
    /// The kind of each note, by `NoteId`.
    pub kinds: Vec<Kind>,
    /// What gave each note its kind (`None`: nothing, a plain note).
    pub kind_basis: Vec<Option<KindBasis>>,
    /// Each note's path, once, for every `Source` in it to share.
    source_paths: Vec<std::sync::Arc<str>>,
    /// Resolved links of each note (self-links left out), with their lines.
    pub outlinks: Vec<Vec<(Target, u32)>>,
    /// Each note's links resolved, in the order of `Note::links`: a field value that is a
    /// link of its note needs no second resolution.
    link_targets: Vec<Vec<Option<Target>>>,
    /// For each target, the notes that link to it, with the lines.
    pub inlinks: HashMap<Target, Vec<(NoteId, u32)>>,
    /// The role names of the settings as field keys (what `fields::find` compares).
    pub field_keys: crate::config::FieldNames,
    /// People by their e-mail address (lower case; only addresses one person has).
    person_of_email: HashMap<String, Option<usize>>,
    /// Organisations by mail domain: of their web site or address fields, else of the
    /// addresses of their people (only domains that name one organisation).
    org_of_domain: HashMap<String, Option<Target>>,
    /// Our mail domains (configured, else those of our people's addresses), and how we know.
    pub home_domains: (Vec<String>, String),
    /// Notes by `id` field and by the slug of their name (`None`: more than one note); made
    /// the first time a plain name resolves to no note.
    note_of_slug: std::sync::OnceLock<HashMap<String, Option<NoteId>>>,
    /// For each target, the notes whose customer fields name it (by link or by plain name).
    named_in_fields: HashMap<Target, Vec<NoteId>>,
    /// Display names of unresolved targets (first spelling in path order).
    unresolved_names: HashMap<String, String>,
    pub people: Vec<Person>,
    person_of_note: HashMap<NoteId, usize>,
    person_of_handle: HashMap<String, Vec<usize>>,
    /// People by the first word of their name, lower case.
    person_of_first_name: HashMap<String, Vec<usize>>,
    /// The meetings each person attended (indices into `meetings`, in their order).
    meetings_of_person: Vec<Vec<usize>>,
    pub organizations: Vec<Organization>,
    org_of_target: HashMap<Target, usize>,
    pub projects: Vec<Project>,
    pub meetings: Vec<Meeting>,
    meeting_of_target: HashMap<Target, usize>,
    pub facts: Vec<Item>,
    pub decisions: Vec<Item>,
    /// Open questions and decisions still to be made.
    pub questions: Vec<Item>,
    pub tasks: Vec<Task>,
    pub topics: Vec<Topic>,
    pub home: Option<Home>,
    /// Problems found while building (the vault's own are in `vault.diagnostics`).
    pub diagnostics: Vec<Diagnostic>,
}

/// Builds the entities of `vault`.
pub fn build<'v>(vault: &'v Vault, settings: &'v Settings) -> Graph<'v> {
    let field_keys = settings.fields.keys();
    let mut graph = Graph {
        vault,
        settings,
        kinds: Vec::new(),
        kind_basis: Vec::new(),
        source_paths: vault.notes.iter().map(|n| std::sync::Arc::from(n.path.as_str())).collect(),
        outlinks: Vec::new(),
        link_targets: Vec::new(),
        inlinks: HashMap::default(),
        named_in_fields: HashMap::default(),
        note_of_slug: std::sync::OnceLock::new(),
        field_keys,
        person_of_email: HashMap::default(),
        org_of_domain: HashMap::default(),
        home_domains: (Vec::new(), String::new()),
        unresolved_names: HashMap::default(),
        people: Vec::new(),
        person_of_note: HashMap::default(),
        person_of_handle: HashMap::default(),
        person_of_first_name: HashMap::default(),
        meetings_of_person: Vec::new(),
        organizations: Vec::new(),
        org_of_target: HashMap::default(),
        projects: Vec::new(),
        meetings: Vec::new(),
        meeting_of_target: HashMap::default(),
        facts: Vec::new(),
        decisions: Vec::new(),
        questions: Vec::new(),
        tasks: Vec::new(),
        topics: Vec::new(),
        home: None,
        diagnostics: Vec::new(),
    };
    let kind_keys = extract::KindKeys::new(settings, &graph.field_keys);
    (graph.kinds, graph.kind_basis) = vault
        .notes
        .par_iter()
        .map(|n| extract::kind_of_note(n, &n.fields, &kind_keys, vault.templates.holds(&n.folder)))
        .unzip();
    graph.resolve_links();
    graph.collect_people();
    graph.collect_organizations();
    graph.collect_projects();
    graph.collect_meetings();
    graph.collect_items();
    graph.settle_last_contacts();
    graph.decide_home();
    graph.report_incomplete_people();
    graph
}

/// The e-mail address in a value (`[ann@x.example](mailto:ann@x.example)`, `<ann@x.example>`),
/// lower-cased.
pub fn email_in(text: &str) -> Option<String> {
    text.split(|c: char| c.is_whitespace() || matches!(c, '<' | '>' | '(' | ')' | '[' | ']' | ',' | ';' | '"' | '\''))
        .map(|w| w.trim_start_matches("mailto:").trim_start_matches("MAILTO:").trim_end_matches('.'))
        .find(|w| {
            w.split_once('@')
                .is_some_and(|(user, domain)| !user.is_empty() && domain.contains('.') && !domain.starts_with('.'))
        })
        .map(str::to_lowercase)
}

/// The mail domain a web site or address names: `https://www.acme.example/about` →
/// `acme.example`, `sales@acme.example` → `acme.example`, `acme.example` as it is.
pub fn domain_of(text: &str) -> Option<String> {
    if let Some(email) = email_in(text) {
        return email.rsplit_once('@').map(|(_, d)| d.to_string());
    }
    let t = text.trim().to_lowercase();
    let t = t.split("://").last().unwrap_or(&t);
    let host = t.split(['/', '?', '#', ' ']).next().unwrap_or("");
    let host = host.strip_prefix("www.").unwrap_or(host);
    let valid = host.contains('.')
        && !host.starts_with('.')
        && !host.ends_with('.')
        && host.chars().all(|c| c.is_alphanumeric() || c == '.' || c == '-');
    valid.then(|| host.to_string())
}

/// `Sarah Chen`, `sarah_chen` and `sarah-chen` alike.
fn slug_key(name: &str) -> String {
    name.trim().to_lowercase().replace([' ', '_'], "-")
}

/// Every note by the slug of its name and by its `id` field (see [`Graph::target_of_name`]).
fn slugs(vault: &Vault) -> HashMap<String, Option<NoteId>> {
    let mut out: HashMap<String, Option<NoteId>> = HashMap::default();
    for id in vault.ids() {
        let note = vault.note(id);
        let mut keys = vec![slug_key(&note.stem)];
        keys.extend(note.frontmatter.extra_str("id").map(|v| slug_key(&v)));
        keys.dedup();
        for key in keys {
            out.entry(key).and_modify(|seen| *seen = seen.filter(|s| *s == id)).or_insert(Some(id));
        }
    }
    out
}

impl<'v> Graph<'v> {
    /// Resolves a link written in `from`; `None` for a link to a place in the same note.
    pub fn target_of(&self, from: NoteId, link: &LinkTarget) -> Option<Target> {
        if link.path.is_empty() {
            return None;
        }
        // Written in the note itself (a field's `[[link]]`): resolved already.
        if let Some(targets) = self.link_targets.get(from.index()) {
            let links = &self.vault.note(from).links;
            if let Some(i) = links.iter().position(|l| l.target.path == link.path) {
                return targets[i].clone();
            }
        }
        Some(self.vault.index.resolve(Some(from), &link.path).target)
    }

    /// Resolves a name written as plain text (a Company cell, a `via`), like a link; a slug
    /// that names no note (`manager: sarah-chen`) is the note whose `id` it is, or whose
    /// name it spells (`Sarah Chen`), when only one note matches.
    pub fn target_of_name(&self, from: NoteId, name: &str) -> Option<Target> {
        let name = name.trim();
        if name.is_empty() {
            return None;
        }
        let target = self.vault.index.resolve(Some(from), name).target;
        if matches!(target, Target::Unresolved(_)) && !name.contains(' ') {
            if let Some(Some(id)) = self.note_of_slug.get_or_init(|| slugs(self.vault)).get(&slug_key(name)) {
                return Some(Target::Note(*id));
            }
        }
        Some(target)
    }

    pub fn name_of(&self, target: &Target) -> String {
        match target {
            Target::Note(id) => self.vault.note(*id).title.clone(),
            Target::Unresolved(key) => self.unresolved_names.get(key).cloned().unwrap_or_else(|| key.clone()),
        }
    }

    pub fn path_of(&self, target: &Target) -> Option<&str> {
        target.note().map(|id| self.vault.note(id).path.as_str())
    }

    /// The kind of any target: a note's kind, or for a name with no note, what the vault
    /// uses it as (a company or customer, a meeting), else a plain topic.
    pub fn kind_of(&self, target: &Target) -> Kind {
        match target {
            Target::Note(id) => self.kinds[id.index()],
            t if self.org_of_target.contains_key(t) => Kind::Customer,
            t if self.meeting_of_target.contains_key(t) => Kind::Meeting,
            _ => Kind::Note,
        }
    }

    pub fn person(&self, target: &Target) -> Option<&Person> {
        self.person_index(target).map(|i| &self.people[i])
    }

    pub fn person_index(&self, target: &Target) -> Option<usize> {
        target.note().and_then(|id| self.person_of_note.get(&id).copied())
    }

    pub fn organization(&self, target: &Target) -> Option<&Organization> {
        self.org_of_target.get(target).map(|&i| &self.organizations[i])
    }

    pub fn meeting(&self, target: &Target) -> Option<&Meeting> {
        self.meeting_of_target.get(target).map(|&i| &self.meetings[i])
    }

    /// The fields of note `id` that fill a role, read once when the graph was built.
    pub fn fields_of(&self, id: NoteId) -> &'v [fields::Field] {
        &self.vault.note(id).fields
    }

    /// People whose first name (the first word of the name) is `name`, any case.
    pub fn people_with_first_name(&self, name: &str) -> &[usize] {
        self.person_of_first_name.get(&name.trim().to_lowercase()).map_or(&[], Vec::as_slice)
    }

    /// People an `@Handle` names (by name or alias, letters and digits only, any case).
    pub fn people_with_handle(&self, handle: &str) -> &[usize] {
        self.person_of_handle.get(&handle_key(handle)).map_or(&[], Vec::as_slice)
    }

    pub fn side_of(&self, person: &Person) -> Side {
        match (&self.home, &person.company) {
            (Some(home), Some(company)) if &home.target == company => Side::Ours,
            (_, Some(_)) => Side::Theirs,
            _ => Side::Unknown,
        }
    }

    /// Targets that `from` links to, with lines.
    pub fn links_from(&self, from: NoteId) -> &[(Target, u32)] {
        &self.outlinks[from.index()]
    }

    /// Notes whose customer fields name `target` (`customer: ORDA`, `Client: [[Acme]]`).
    pub fn named_by_fields(&self, target: &Target) -> &[NoteId] {
        self.named_in_fields.get(target).map_or(&[], Vec::as_slice)
    }

    /// Notes that link to `target`, with lines.
    pub fn links_to(&self, target: &Target) -> &[(NoteId, u32)] {
        self.inlinks.get(target).map_or(&[], Vec::as_slice)
    }

    pub fn source(&self, note: NoteId, line: u32) -> Source {
        Source { path: self.source_paths[note.index()].clone(), line }
    }

    /// Every organisation that is not ours, with the names, sorted by name.
    pub fn customers(&self) -> Vec<&Organization> {
        let home = self.home.as_ref().map(|h| &h.target);
        let mut out: Vec<&Organization> = self.organizations.iter().filter(|o| Some(&o.target) != home).collect();
        out.sort_by_key(|o| (o.name.to_lowercase(), o.name.clone()));
        out
    }

    fn resolve_links(&mut self) {
        // Each note's links resolve on their own (in parallel); merging keeps path order, so
        // the first spelling of an unresolved name is the same on every run.
        let resolved: Vec<Resolved> =
            (0..self.vault.notes.len() as u32).into_par_iter().map(|i| self.resolve_note_links(NoteId(i))).collect();
        for (i, r) in resolved.into_iter().enumerate() {
            self.diagnostics.extend(r.diagnostics);
            for (key, shown) in r.spellings {
                self.unresolved_names.entry(key).or_insert(shown);
            }
            for (target, line) in &r.links {
                self.inlinks.entry(target.clone()).or_default().push((NoteId(i as u32), *line));
            }
            self.outlinks.push(r.links);
            self.link_targets.push(r.targets);
        }
    }

    fn resolve_note_links(&self, id: NoteId) -> Resolved {
        let vault = self.vault;
        let note = vault.note(id);
        let mut out = Resolved { links: Vec::with_capacity(note.links.len()), ..Default::default() };
        for link in &note.links {
            if link.target.path.is_empty() {
                out.targets.push(None);
                continue;
            }
            let r = vault.index.resolve(Some(id), &link.target.path);
            out.targets.push(Some(r.target.clone()));
            match &r.by {
                ResolvedBy::SameFolder | ResolvedBy::ShortestPath => {
                    let others: Vec<&str> = r
                        .candidates
                        .iter()
                        .filter(|c| Target::Note(**c) != r.target)
                        .map(|c| vault.note(*c).path.as_str())
                        .collect();
                    let chosen = self.path_of(&r.target).unwrap_or_default().to_string();
                    let rule = if r.by == ResolvedBy::SameFolder { "same folder" } else { "shortest path" };
                    out.diagnostics.push(Diagnostic::warning(
                        &note.path,
                        link.line,
                        format!(
                            "ambiguous link [[{}]]: {} notes have this name; took {chosen} ({rule}), not {}",
                            link.target.path,
                            r.candidates.len(),
                            others.join(", ")
                        ),
                    ));
                }
                ResolvedBy::Alias => {
                    let chosen = self.path_of(&r.target).unwrap_or_default().to_string();
                    out.diagnostics.push(Diagnostic::note(
                        &note.path,
                        link.line,
                        format!(
                            "[[{}]] has no note of that name; resolved by alias to {chosen} (Obsidian would not)",
                            link.target.path
                        ),
                    ));
                }
                ResolvedBy::AmbiguousAlias(ids) => {
                    let paths: Vec<&str> = ids.iter().map(|c| vault.note(*c).path.as_str()).collect();
                    out.diagnostics.push(Diagnostic::warning(
                        &note.path,
                        link.line,
                        format!(
                            "[[{}]] matches aliases of several notes ({}); left unresolved",
                            link.target.path,
                            paths.join(", ")
                        ),
                    ));
                }
                ResolvedBy::Exact | ResolvedBy::Unresolved => {}
            }
            if let Target::Unresolved(key) = &r.target {
                let shown = link.target.path.rsplit('/').next().unwrap_or(&link.target.path).trim().to_string();
                out.spellings.push((key.clone(), shown));
            }
            if r.target != Target::Note(id) {
                out.links.push((r.target, link.line));
            }
        }
        out
    }

    fn collect_people(&mut self) {
        let ids: Vec<NoteId> = self.vault.ids().filter(|id| self.kinds[id.index()] == Kind::Person).collect();
        let read: Vec<(NoteId, Person, Vec<Diagnostic>)> = ids
            .into_par_iter()
            .map(|id| {
                let fields = self.fields_of(id);
                let mut person = extract::person(self, id, fields);
                let mut problems = Vec::new();
                person.stakeholder = stakeholder::read(self, id, fields, &mut problems);
                (id, person, problems)
            })
            .collect();
        for (id, person, problems) in read {
            self.diagnostics.extend(problems);
            // A Company written as plain text names an organisation with no note: keep its spelling.
            if let (Some(Target::Unresolved(key)), Some(written)) = (&person.company, &person.contact.company) {
                self.unresolved_names.entry(key.clone()).or_insert_with(|| written.value.trim().to_string());
            }
            self.person_of_note.insert(id, self.people.len());
            self.people.push(person);
        }
        for (i, p) in self.people.iter().enumerate() {
            if let Some(first) = p.name.split_whitespace().next().filter(|_| p.name.contains(' ')) {
                self.person_of_first_name.entry(first.to_lowercase()).or_default().push(i);
            }
            if let Some(email) = p.contact.email.as_ref().and_then(|e| email_in(&e.value)) {
                self.person_of_email
                    .entry(email)
                    .and_modify(|seen| *seen = seen.filter(|s| *s == i))
                    .or_insert(Some(i));
            }
        }
        for (i, p) in self.people.iter().enumerate() {
            let mut keys: Vec<String> =
                std::iter::once(p.handle_key()).chain(p.aliases.iter().map(|a| handle_key(a))).collect();
            keys.sort();
            keys.dedup();
            for k in keys.into_iter().filter(|k| !k.is_empty()) {
                self.person_of_handle.entry(k).or_default().push(i);
            }
        }
    }

    fn add_organization(&mut self, target: Target, named_customer: bool) {
        if let Some(&i) = self.org_of_target.get(&target) {
            self.organizations[i].named_customer |= named_customer;
            return;
        }
        // A link to a person or meeting is not an organisation.
        if matches!(self.kind_of(&target), Kind::Person | Kind::Meeting | Kind::Project) {
            return;
        }
        let note = target.note();
        let name = self.name_of(&target);
        self.org_of_target.insert(target.clone(), self.organizations.len());
        self.organizations.push(Organization { target, name, note, named_customer });
    }

    fn collect_organizations(&mut self) {
        let settings = self.settings;
        // A note typed with the first customer type ("customer" by default) names a customer;
        // other organisation notes (type: company, …) may be ours.
        let customer_word = |w: &str| {
            let w = crate::config::loose_name(w);
            settings.kinds.named_customer.iter().any(|n| crate::config::loose_name(n) == w)
        };
        for id in self.vault.ids() {
            if self.kinds[id.index()] == Kind::Customer {
                let named = match &self.kind_basis[id.index()] {
                    Some(KindBasis::Field { value, .. }) => customer_word(value),
                    Some(KindBasis::Tag(tag)) => customer_word(tag.strip_prefix("type/").unwrap_or(tag)),
                    Some(KindBasis::Folder(folder)) => customer_word(folder),
                    _ => false,
                };
                self.add_organization(Target::Note(id), named);
            }
        }
        let companies: Vec<Target> = self.people.iter().filter_map(|p| p.company.clone()).collect();
        for company in companies {
            self.add_organization(company, false);
        }
        // Customers named by any note: Related Customers sections and customer fields.
        let named: Vec<Vec<Target>> = (0..self.vault.notes.len() as u32)
            .into_par_iter()
            .map(|i| {
                let id = NoteId(i);
                let mut out = extract::section_links(self, id, &settings.sections.related_customers);
                if self.kinds[id.index()] != Kind::Customer {
                    out.extend(extract::field_targets(self, id, self.fields_of(id), &self.field_keys.customer));
                }
                out
            })
            .collect();
        self.index_domains();
        for (i, targets) in named.into_iter().enumerate() {
            for target in targets {
                // A customer field written as text (`Customer: ORDA`) ties the note to it as a
                // link would; kept apart from links, which Dataview queries see as written.
                let notes = self.named_in_fields.entry(target.clone()).or_default();
                if notes.last() != Some(&NoteId(i as u32)) {
                    notes.push(NoteId(i as u32));
                }
                self.add_organization(target, true);
            }
        }
    }

    /// Organisations by mail domain: their web site, domain and address fields first, then
    /// the addresses of the people who work there.
    fn index_domains(&mut self) {
        let mut stated: Vec<(String, Target)> = Vec::new();
        for org in &self.organizations {
            let Some(id) = org.note else { continue };
            for f in fields::find(self.fields_of(id), &self.field_keys.website) {
                let values = if f.values.is_empty() { vec![f.text()] } else { f.values.clone() };
                for v in values {
                    stated.extend(domain_of(&fields::shown(&v)).map(|d| (d, org.target.clone())));
                }
            }
        }
        let from_people: Vec<(String, Target)> = self
            .people
            .iter()
            .filter_map(|p| {
                let domain = p.contact.email.as_ref().and_then(|e| email_in(&e.value))?.rsplit_once('@')?.1.to_string();
                Some((domain, p.company.clone()?))
            })
            .collect();
        let personal = &self.settings.personal_mail_domains;
        let is_personal = |d: &str| personal.iter().any(|p| p.eq_ignore_ascii_case(d));
        for (domains, overwrite) in [(stated, true), (from_people, false)] {
            let domains = domains.into_iter().filter(|(d, _)| !is_personal(d));
            let mut seen: HashMap<String, Option<Target>> = HashMap::default();
            for (d, t) in domains {
                seen.entry(d).and_modify(|s| *s = s.take().filter(|s| *s == t)).or_insert(Some(t));
            }
            for (d, t) in seen {
                if overwrite || !self.org_of_domain.contains_key(&d) {
                    self.org_of_domain.insert(d, t);
                }
            }
        }
    }

    /// The organisation of a mail domain, or of the domain it is a subdomain of.
    pub fn organization_of_domain(&self, domain: &str) -> Option<&Target> {
        let mut d = domain;
        loop {
            if let Some(found) = self.org_of_domain.get(d) {
                return found.as_ref();
            }
            match d.split_once('.') {
                Some((_, rest)) if rest.contains('.') => d = rest,
                _ => return None,
            }
        }
    }

    /// The person whose e-mail address this is, if exactly one has it.
    pub fn person_with_email(&self, email: &str) -> Option<usize> {
        self.person_of_email.get(&email.to_lowercase()).copied().flatten()
    }

    /// An attendee with no note: ours by their address or organisation, else theirs when
    /// either is known, else unknown.
    pub fn side_of_guest(&self, guest: &Guest) -> Side {
        let home = self.home.as_ref().map(|h| &h.target);
        let ours_by_domain = guest.domain().is_some_and(|d| {
            self.home_domains.0.iter().any(|h| d == h || d.strip_suffix(h.as_str()).is_some_and(|p| p.ends_with('.')))
        });
        let org = guest.organization.as_ref();
        if ours_by_domain || (org.is_some() && org == home) {
            Side::Ours
        } else if org.is_some() || guest.domain().is_some() {
            Side::Theirs
        } else {
            Side::Unknown
        }
    }

    fn collect_projects(&mut self) {
        let settings = self.settings;
        let mut customers_of: BTreeMap<NoteId, Vec<Target>> = BTreeMap::new();
        for id in self.vault.ids() {
            let kind = self.kinds[id.index()];
            if kind == Kind::Project {
                let names: Vec<String> =
                    self.field_keys.customer.iter().chain(&self.field_keys.company).cloned().collect();
                let mut customers = extract::field_targets(self, id, self.fields_of(id), &names);
                customers.extend(extract::section_links(self, id, &settings.sections.related_customers));
                customers_of.entry(id).or_default().extend(customers);
            }
            if kind == Kind::Customer {
                for project in extract::section_links(self, id, &settings.sections.related_projects) {
                    if let Target::Note(p) = project {
                        if self.kinds[p.index()] == Kind::Project {
                            customers_of.entry(p).or_default().push(Target::Note(id));
                        }
                    }
                }
            }
        }
        for (id, mut customers) in customers_of {
            customers.retain(|c| self.org_of_target.contains_key(c));
            customers.sort();
            customers.dedup();
            let name = self.vault.note(id).title.clone();
            self.projects.push(Project { note: id, name, customers });
        }
    }

    fn collect_meetings(&mut self) {
        let ids: Vec<NoteId> = self.vault.ids().filter(|id| self.kinds[id.index()] == Kind::Meeting).collect();
        let read: Vec<Meeting> = ids.into_par_iter().map(|id| extract::meeting(self, id)).collect();
        for meeting in read {
            self.meeting_of_target.insert(meeting.target.clone(), self.meetings.len());
            self.meetings.push(meeting);
        }
        // Meetings known from people's Recent Context: they took part, and so did the "via" person.
        let mut entries = Vec::new();
        for (pi, person) in self.people.iter().enumerate() {
            for entry in &person.recent {
                if let Some(m) = &entry.meeting {
                    entries.push((pi, m.clone(), entry.clone()));
                }
            }
        }
        for (pi, target, entry) in entries {
            let idx = match self.meeting_of_target.get(&target) {
                Some(&i) => i,
                None => {
                    if let Target::Note(id) = &target {
                        // A link to a note that is not a meeting: leave that note's kind alone.
                        if self.kinds[id.index()] != Kind::Meeting {
                            continue;
                        }
                    }
                    let title = entry.meeting_title.clone().unwrap_or_else(|| self.name_of(&target));
                    self.meeting_of_target.insert(target.clone(), self.meetings.len());
                    self.meetings.push(Meeting {
                        target: target.clone(),
                        title,
                        note: None,
                        date: entry.date,
                        date_basis: entry.date.map(|_| MeetingDateBasis::RecentContext),
                        attendees: Vec::new(),
                        guests: Vec::new(),
                        source: entry.source.clone(),
                    });
                    self.meetings.len() - 1
                }
            };
            let meeting = &mut self.meetings[idx];
            if meeting.date.is_none() && entry.date.is_some() {
                meeting.date = entry.date;
                meeting.date_basis = Some(MeetingDateBasis::RecentContext);
            }
            let person = Target::Note(self.people[pi].note);
            for attendee in std::iter::once(person).chain(entry.via_target.clone()) {
                if !meeting.attendees.contains(&attendee) {
                    meeting.attendees.push(attendee);
                }
            }
        }
        for meeting in &mut self.meetings {
            meeting.attendees.sort();
        }
    }

    fn collect_items(&mut self) {
        // Per note in parallel; concatenated in path order.
        let per_note: Vec<NoteItems> = (0..self.vault.notes.len() as u32)
            .into_par_iter()
            .map(|i| {
                let id = NoteId(i);
                let (tasks, problems) = extract::tasks(self, id);
                NoteItems {
                    facts: extract::facts(self, id),
                    decisions: extract::decisions(self, id),
                    questions: extract::questions(self, id),
                    tasks,
                    topics: extract::topics(self, id),
                    problems,
                }
            })
            .collect();
        for items in per_note {
            self.facts.extend(items.facts);
            self.decisions.extend(items.decisions);
            self.questions.extend(items.questions);
            self.tasks.extend(items.tasks);
            self.topics.extend(items.topics);
            self.diagnostics.extend(items.problems);
        }
    }

    /// Last contact never moves backwards: the newest of the frontmatter `last_contact`,
    /// dated Recent Context entries and meetings the person attended.
    fn settle_last_contacts(&mut self) {
        let mut newest: Vec<Option<Sourced<NaiveDate>>> = self.people.iter().map(|p| p.last_contact.clone()).collect();
        let offer = |slot: &mut Option<Sourced<NaiveDate>>, date: NaiveDate, source: &Source| {
            if slot.as_ref().is_none_or(|s| date > s.value) {
                *slot = Some(Sourced { value: date, source: source.clone() });
            }
        };
        for (i, p) in self.people.iter().enumerate() {
            for e in &p.recent {
                if let Some(d) = e.date {
                    offer(&mut newest[i], d, &e.source);
                }
            }
        }
        for m in &self.meetings {
            let Some(d) = m.date else { continue };
            for a in &m.attendees {
                if let Some(i) = self.person_index(a) {
                    offer(&mut newest[i], d, &m.source);
                }
            }
        }
        for (p, n) in self.people.iter_mut().zip(newest) {
            p.last_contact = n;
        }
        self.gather_contacts();
    }

    /// Each person's contacts: the meetings they attended, and Recent Context entries that
    /// name no meeting note (one entry and one meeting about the same call are one contact).
    fn gather_contacts(&mut self) {
        let mut contacts: Vec<Vec<stakeholder::Contact>> = vec![Vec::new(); self.people.len()];
        let mut attended: Vec<Vec<usize>> = vec![Vec::new(); self.people.len()];
        for (k, m) in self.meetings.iter().enumerate() {
            for a in &m.attendees {
                if let Some(i) = self.person_index(a) {
                    if attended[i].last() != Some(&k) {
                        attended[i].push(k);
                    }
                    contacts[i].push(stakeholder::Contact {
                        date: m.date,
                        meeting: Some(m.target.clone()),
                        source: m.source.clone(),
                    });
                }
            }
        }
        for (i, p) in self.people.iter().enumerate() {
            for e in &p.recent {
                let known =
                    e.meeting.as_ref().is_some_and(|t| contacts[i].iter().any(|c| c.meeting.as_ref() == Some(t)));
                if !known {
                    contacts[i].push(stakeholder::Contact {
                        date: e.date,
                        meeting: e.meeting.clone(),
                        source: e.source.clone(),
                    });
                }
            }
        }
        for (p, mut c) in self.people.iter_mut().zip(contacts) {
            c.sort_by(|a, b| (a.date, &a.source).cmp(&(b.date, &b.source)));
            p.contacts = c;
        }
        self.meetings_of_person = attended;
    }

    /// The date of a note's undated items: a meeting's date, else the note's `created`.
    pub fn note_date(&self, id: NoteId) -> (Option<NaiveDate>, Option<DateBasis>) {
        extract::note_date(self, id)
    }

    /// When a task was opened: its `created` date (➕), else the date of its note.
    pub fn task_opened(&self, task: &Task) -> Option<NaiveDate> {
        task.meta.created.or_else(|| self.note_date(task.note).0)
    }

    /// Our people who attended meetings with person `i` up to `as_of` (a planned meeting is
    /// not an acquaintance yet): (our person, shared meetings, sources).
    pub fn known_by(&self, i: usize, as_of: NaiveDate) -> Vec<(usize, usize, Vec<Source>)> {
        let mut out: BTreeMap<usize, (usize, Vec<Source>)> = BTreeMap::new();
        let held = |m: &&Meeting| m.date.is_none_or(|d| d <= as_of);
        // Only the person's own meetings: scanning all of them for each person grew with the
        // vault times the people in a report.
        let attended = self.meetings_of_person.get(i).map_or(&[][..], Vec::as_slice);
        for m in attended.iter().map(|&k| &self.meetings[k]).filter(held) {
            for a in &m.attendees {
                let Some(j) = self.person_index(a) else { continue };
                if j != i && self.side_of(&self.people[j]) == Side::Ours {
                    let entry = out.entry(j).or_default();
                    entry.0 += 1;
                    entry.1.push(m.source.clone());
                }
            }
        }
        out.into_iter().map(|(j, (n, sources))| (j, n, sources)).collect()
    }

    fn decide_home(&mut self) {
        self.decide_home_organization();
        self.home_domains = if self.settings.home_domains.is_empty() {
            let mut domains: Vec<String> = self
                .people
                .iter()
                .filter(|p| self.side_of(p) == Side::Ours)
                .filter_map(|p| p.contact.email.as_ref().and_then(|e| email_in(&e.value)))
                .filter_map(|e| e.rsplit_once('@').map(|(_, d)| d.to_string()))
                .filter(|d| !self.settings.personal_mail_domains.iter().any(|p| p.eq_ignore_ascii_case(d)))
                .collect();
            domains.sort();
            domains.dedup();
            let basis = if domains.is_empty() {
                "none known: no person of ours has an e-mail address; set home-domains in dossier.toml".to_string()
            } else {
                "inferred from our people's e-mail addresses; set home-domains in dossier.toml to change it".to_string()
            };
            (domains, basis)
        } else {
            let domains =
                self.settings.home_domains.iter().map(|d| d.trim().trim_start_matches('@').to_lowercase()).collect();
            (domains, "configured: home-domains in dossier.toml".to_string())
        };
    }

    fn decide_home_organization(&mut self) {
        if let Some(name) = &self.settings.home_organization {
            let target = self.vault.index.resolve(None, name).target;
            let shown = if self.org_of_target.contains_key(&target) { self.name_of(&target) } else { name.clone() };
            self.home = Some(Home {
                target,
                name: shown.clone(),
                basis: format!("configured: home-organization = \"{name}\" in dossier.toml"),
            });
            return;
        }
        let mut counts: BTreeMap<Target, usize> = BTreeMap::new();
        for p in &self.people {
            if let Some(c) = &p.company {
                *counts.entry(c.clone()).or_default() += 1;
            }
        }
        let best = counts
            .iter()
            .filter(|(t, _)| !self.organization(t).is_some_and(|o| o.named_customer))
            .max_by(|a, b| a.1.cmp(b.1).then_with(|| self.name_of(b.0).cmp(&self.name_of(a.0))));
        if let Some((target, count)) = best {
            let name = self.name_of(target);
            self.home = Some(Home {
                target: target.clone(),
                name: name.clone(),
                basis: format!(
                    "inferred: {name} is the most common Company among person notes ({count} of {}) that is not named a customer; set home-organization in dossier.toml to change it",
                    self.people.iter().filter(|p| p.company.is_some()).count()
                ),
            });
        }
    }

    fn report_incomplete_people(&mut self) {
        let mut out = Vec::new();
        for p in &self.people {
            let note = self.vault.note(p.note);
            let line = note.frontmatter.line.unwrap_or(1);
            if p.contact.role.is_none() {
                out.push(Diagnostic::warning(&note.path, line, format!("person {} has no role", p.name)));
            }
            if p.company.is_none() {
                out.push(Diagnostic::warning(&note.path, line, format!("person {} has no company", p.name)));
            }
        }
        for note in &self.vault.notes {
            if note.frontmatter.has_tag("needs-review") {
                out.push(Diagnostic::note(&note.path, note.frontmatter.line_of("tags"), "note is tagged needs-review"));
            }
            if note.frontmatter.auto_created {
                out.push(Diagnostic::note(
                    &note.path,
                    note.frontmatter.line_of("auto_created"),
                    "note was created automatically (auto_created: true); check its content",
                ));
            }
        }
        self.diagnostics.extend(out);
    }

    /// Every diagnostic: the vault's and the model's, sorted.
    pub fn all_diagnostics(&self) -> Vec<Diagnostic> {
        let mut all: Vec<Diagnostic> = self.vault.diagnostics.iter().chain(&self.diagnostics).cloned().collect();
        all.sort();
        all.dedup();
        all
    }
}

//! Graph + subject → what belongs in a briefing about it.
//!
//! The rules, in order:
//! 1. The **core** is the subject, plus a customer's projects (project notes that link to it,
//!    name it as customer, or that it lists under Related Projects).
//! 2. **Linked notes** are the notes that link to the core (or name it in a customer field,
//!    `Customer: ORDA`), and the notes the core links to.
//! 3. **People**: the subject if a person; people whose Company is in the core; person notes
//!    among the linked notes; attendees of the selected meetings.
//! 4. **Meetings**: meeting notes among the linked notes, meetings attended by the subject
//!    or by the customer's own people (their Company is in the core, or their side is unknown
//!    and they are linked), and meetings recorded in the Recent Context of the notes items
//!    are read from.
//! 5. **Item notes** — where facts, decisions, topics and tasks are read: the core notes,
//!    linked notes (except our own people's notes and other organisations' notes that the
//!    core merely links to), the customer's people's notes and the selected meeting notes.
//!    A plain note (a daily note, say) that links to the core gives only the items of the
//!    sections holding that link: one mention of a customer in a daily note does not make
//!    the whole day about it.
//! 6. **Tasks** come from the item notes read whole, and from anywhere in the vault when they
//!    mention the core or one of the customer's own people: by link, by name, or by
//!    `@Handle`. In a plain note read in part (a TODO list, a daily note), a task also belongs
//!    when its nearest heading or a parent item names the core — not because another line of
//!    its section does. A task that mentions only one of our own colleagues is about that
//!    colleague, not about the account.
//! 7. Identical facts and decisions (same words, any case, spacing or final period) are
//!    merged, keeping every source.

pub mod meeting;

use std::collections::{BTreeMap, BTreeSet};

use crate::HashSet;

use crate::model::{Graph, Item, Kind, Side, Source};
use crate::vault::{index::key, NoteId, Target};

/// Why a person is in the briefing.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Tie {
    Subject,
    /// Their Company is the subject (or one of its projects).
    Company,
    /// Their note links to the core, or the core links to them.
    Linked,
    /// They attended a selected meeting.
    Attendee,
}

#[derive(Debug, Clone)]
pub struct SelectedPerson {
    /// Index into `graph.people`.
    pub index: usize,
    pub ties: BTreeSet<Tie>,
}

/// An item written once or more: the first source and every place it was written.
#[derive(Debug, Clone)]
pub struct Merged {
    /// Index of the first occurrence (in path, line order).
    pub first: usize,
    pub all: Vec<usize>,
    pub sources: Vec<Source>,
}

#[derive(Debug, Clone)]
pub struct TopicCount {
    pub name: String,
    pub sources: Vec<Source>,
}

#[derive(Debug)]
pub struct Selection {
    pub subject: Target,
    pub kind: Kind,
    pub core: BTreeSet<Target>,
    /// Organisations in play (the customer, or a project's customers, or a person's company).
    pub customers: Vec<Target>,
    pub people: Vec<SelectedPerson>,
    /// Indices into `graph.projects`.
    pub projects: Vec<usize>,
    /// Indices into `graph.meetings`, by date then title.
    pub meetings: Vec<usize>,
    pub facts: Vec<Merged>,
    pub decisions: Vec<Merged>,
    pub questions: Vec<Merged>,
    /// Indices into `graph.tasks`.
    pub tasks: Vec<usize>,
    pub topics: Vec<TopicCount>,
    /// Every note that contributed something, for the sources list and warnings.
    pub notes: BTreeSet<NoteId>,
}

/// Where items may be read: whole notes, and sections of plain notes.
#[derive(Debug, Default)]
pub struct Scope {
    pub whole: BTreeSet<NoteId>,
    /// Section indices (see `Body::section_at`) of notes read only in part.
    pub sections: BTreeMap<NoteId, BTreeSet<usize>>,
}

impl Scope {
    pub fn contains(&self, graph: &Graph, note: NoteId, line: u32) -> bool {
        self.whole.contains(&note)
            || self.sections.get(&note).is_some_and(|s| s.contains(&graph.vault.note(note).body.section_at(line)))
    }
    fn notes(&self) -> impl Iterator<Item = NoteId> + '_ {
        self.whole.iter().chain(self.sections.keys()).copied()
    }
}

/// Why a subject could not be found.
#[derive(Debug, thiserror::Error)]
pub enum SubjectError {
    #[error("no note, alias or link target is called \"{query}\"{}", suggest(.suggestions))]
    Unknown { query: String, suggestions: Vec<String> },
    #[error("\"{query}\" is ambiguous: it names {}; give the path instead", .candidates.join(", "))]
    Ambiguous { query: String, candidates: Vec<String> },
    #[error("\"{query}\" names {found}; expected {expected}")]
    WrongKind { query: String, expected: String, found: String },
}

fn suggest(suggestions: &[String]) -> String {
    if suggestions.is_empty() {
        String::new()
    } else {
        format!("; did you mean {}?", suggestions.iter().map(|s| format!("\"{s}\"")).collect::<Vec<_>>().join(", "))
    }
}

/// Finds the subject a user typed: a note title, file stem, alias or path, or the name of
/// a link target with no note. Case-insensitive.
pub fn find_subject(graph: &Graph, query: &str) -> Result<Target, SubjectError> {
    let k = key(query);
    let mut ids = graph.vault.index.notes_named(query);
    ids.extend(graph.vault.ids().filter(|id| key(&graph.vault.note(*id).title) == k));
    // A person's other spellings (a `title` that spells the name otherwise) name them too.
    ids.extend(graph.people.iter().filter(|p| p.aliases.iter().any(|a| key(a) == k)).map(|p| p.note));
    // A `title` property names a note too, except a person's (there it may be the job title).
    ids.extend(graph.vault.ids().filter(|id| {
        graph.kinds[id.index()] != Kind::Person
            && graph.vault.note(*id).frontmatter.title.as_deref().is_some_and(|t| key(t) == k)
    }));
    ids.sort();
    ids.dedup();
    match ids.as_slice() {
        [one] => return Ok(Target::Note(*one)),
        [] => {}
        many => {
            return Err(SubjectError::Ambiguous {
                query: query.to_string(),
                candidates: many.iter().map(|id| graph.vault.note(*id).path.clone()).collect(),
            })
        }
    }
    let unresolved = Target::Unresolved(k.clone());
    if graph.inlinks.contains_key(&unresolved) || graph.organization(&unresolved).is_some() {
        return Ok(unresolved);
    }
    Err(SubjectError::Unknown { query: query.to_string(), suggestions: suggestions(graph, &k) })
}

/// Up to five names close to `k`: containing it, or similar by Jaro-Winkler.
fn suggestions(graph: &Graph, k: &str) -> Vec<String> {
    let mut names: BTreeSet<String> = graph.vault.notes.iter().map(|n| n.title.clone()).collect();
    names.extend(graph.vault.notes.iter().flat_map(|n| n.frontmatter.aliases.iter().cloned()));
    names.extend(graph.inlinks.keys().filter(|t| matches!(t, Target::Unresolved(_))).map(|t| graph.name_of(t)));
    let mut scored: Vec<(i64, String)> = names
        .into_iter()
        .filter_map(|name| {
            let nk = key(&name);
            let score = strsim::jaro_winkler(&nk, k);
            let contains = !k.is_empty() && (nk.contains(k) || k.contains(&nk)) && nk.len() >= 3;
            (contains || score >= 0.85).then(|| (-((score * 1000.0) as i64) - if contains { 1000 } else { 0 }, name))
        })
        .collect();
    scored.sort();
    scored.into_iter().take(5).map(|(_, n)| n).collect()
}

/// Selects what belongs to `subject` (the steps are the rules above).
pub fn select(graph: &Graph, subject: &Target) -> Selection {
    let kind = graph.kind_of(subject);
    let (core, projects) = core_of(graph, subject, kind);
    let linked = linked_with(graph, &core);
    let core_notes: BTreeSet<NoteId> = core.iter().filter_map(Target::note).collect();
    let mut people = people_of(graph, subject, &core, &linked);
    let (mut item_notes, mut scope) = item_notes(graph, kind, &core, &core_notes, &linked, &people);
    let customer_side: BTreeSet<Target> = people
        .iter()
        .filter(|(i, ties)| is_customer_side(graph, **i, ties))
        .map(|(i, _)| Target::Note(graph.people[*i].note))
        .collect();
    let meetings = meetings_of(graph, subject, &linked, &core_notes, &customer_side, &item_notes);
    for &mi in &meetings {
        let m = &graph.meetings[mi];
        item_notes.extend(m.note);
        for a in &m.attendees {
            if let Some(i) = graph.person_index(a) {
                people.entry(i).or_default().insert(Tie::Attendee);
            }
        }
    }
    scope.whole = item_notes;
    let tasks = tasks_of(graph, &core, &customer_side, &scope);

    // 7. Facts, decisions and topics from item notes, merged.
    let facts = merge(graph, &graph.facts, &scope);
    let decisions = merge(graph, &graph.decisions, &scope);
    let questions = merge(graph, &graph.questions, &scope);
    let topics = topics_of(graph, &scope);

    let customers: Vec<Target> = match kind {
        Kind::Customer => vec![subject.clone()],
        Kind::Project => projects.iter().flat_map(|&i| graph.projects[i].customers.clone()).collect(),
        Kind::Person => graph.person(subject).and_then(|p| p.company.clone()).into_iter().collect(),
        _ => Vec::new(),
    };

    let mut notes: BTreeSet<NoteId> = scope.notes().collect();
    notes.extend(graph.tasks.iter().enumerate().filter(|(i, _)| tasks.contains(i)).map(|(_, t)| t.note));
    notes.extend(people.keys().map(|&i| graph.people[i].note));
    let mut meetings: Vec<usize> = meetings.into_iter().collect();
    meetings.sort_by_key(|&i| (graph.meetings[i].date, graph.meetings[i].title.clone()));

    Selection {
        subject: subject.clone(),
        kind,
        core,
        customers,
        people: people.into_iter().map(|(index, ties)| SelectedPerson { index, ties }).collect(),
        projects: projects.into_iter().collect(),
        meetings,
        facts,
        decisions,
        questions,
        tasks,
        topics,
        notes,
    }
}

/// Rule 1, the core: the subject, and a customer's projects; and the projects in the
/// selection (any subject keeps the projects it is linked with; a customer also those naming it).
fn core_of(graph: &Graph, subject: &Target, kind: Kind) -> (BTreeSet<Target>, BTreeSet<usize>) {
    let subject_note = Target::note(subject);
    let mut core: BTreeSet<Target> = BTreeSet::from([subject.clone()]);
    let mut projects: BTreeSet<usize> = BTreeSet::new();
    for (i, project) in graph.projects.iter().enumerate() {
        let p = Target::Note(project.note);
        let linked = graph.links_from(project.note).iter().any(|(t, _)| t == subject)
            || subject_note.is_some_and(|s| graph.links_from(s).iter().any(|(t, _)| *t == p));
        let named = project.customers.contains(subject);
        if &p == subject || linked || (kind == Kind::Customer && named) {
            projects.insert(i);
            if kind == Kind::Customer {
                core.insert(p);
            }
        }
    }
    (core, projects)
}

/// Rule 2, linked notes: to and from the core, and the notes whose customer fields name it.
fn linked_with(graph: &Graph, core: &BTreeSet<Target>) -> BTreeSet<NoteId> {
    let mut linked: BTreeSet<NoteId> = BTreeSet::new();
    for target in core {
        linked.extend(graph.links_to(target).iter().map(|(n, _)| *n));
        linked.extend(graph.named_by_fields(target));
        if let Some(n) = Target::note(target) {
            linked.extend(graph.links_from(n).iter().filter_map(|(t, _)| Target::note(t)));
        }
    }
    linked
}

/// Rule 3, people by subject, company and links.
fn people_of(
    graph: &Graph,
    subject: &Target,
    core: &BTreeSet<Target>,
    linked: &BTreeSet<NoteId>,
) -> BTreeMap<usize, BTreeSet<Tie>> {
    let mut people: BTreeMap<usize, BTreeSet<Tie>> = BTreeMap::new();
    if let Some(i) = graph.person_index(subject) {
        people.entry(i).or_default().insert(Tie::Subject);
    }
    for (i, p) in graph.people.iter().enumerate() {
        if p.company.as_ref().is_some_and(|c| core.contains(c)) {
            people.entry(i).or_default().insert(Tie::Company);
        }
    }
    for n in linked {
        if let Some(i) = graph.person_index(&Target::Note(*n)) {
            people.entry(i).or_default().insert(Tie::Linked);
        }
    }
    people
}

/// The subject's own people: their meetings and mentions belong to the briefing. A linked
/// person of another company (a partner, a colleague) does not pull in their other meetings.
fn is_customer_side(graph: &Graph, i: usize, ties: &BTreeSet<Tie>) -> bool {
    ties.contains(&Tie::Subject)
        || ties.contains(&Tie::Company)
        || (ties.contains(&Tie::Linked) && graph.side_of(&graph.people[i]) == Side::Unknown)
}

/// Rule 5 (first part), item notes: before meetings add theirs; and the notes read only in the
/// sections that name the core.
fn item_notes(
    graph: &Graph,
    kind: Kind,
    core: &BTreeSet<Target>,
    core_notes: &BTreeSet<NoteId>,
    linked: &BTreeSet<NoteId>,
    people: &BTreeMap<usize, BTreeSet<Tie>>,
) -> (BTreeSet<NoteId>, Scope) {
    let mut item_notes: BTreeSet<NoteId> = core_notes.clone();
    let mut scope = Scope::default();
    for n in linked {
        let target = Target::Note(*n);
        let core_links: Vec<u32> =
            graph.links_from(*n).iter().filter(|(t, _)| core.contains(t)).map(|(_, l)| *l).collect();
        let ours = graph.person(&target).is_some_and(|p| graph.side_of(p) == Side::Ours);
        let other_org = graph.organization(&target).is_some() && !core.contains(&target);
        let other_project =
            graph.kinds[n.index()] == Kind::Project && !core.contains(&target) && kind == Kind::Customer;
        if graph.kinds[n.index()] == Kind::Note && !core_links.is_empty() {
            let body = &graph.vault.note(*n).body;
            scope.sections.entry(*n).or_default().extend(core_links.iter().map(|l| body.section_at(*l)));
        } else if !core_links.is_empty() || !(ours || other_org || other_project) {
            item_notes.insert(*n);
        }
    }
    for (i, ties) in people {
        if is_customer_side(graph, *i, ties) {
            item_notes.insert(graph.people[*i].note);
        }
    }
    (item_notes, scope)
}

/// Rule 4, meetings: linked with the core, the subject itself, attended by the customer's
/// people, or recorded in the Recent Context of an item note.
fn meetings_of(
    graph: &Graph,
    subject: &Target,
    linked: &BTreeSet<NoteId>,
    core_notes: &BTreeSet<NoteId>,
    customer_side: &BTreeSet<Target>,
    item_notes: &BTreeSet<NoteId>,
) -> BTreeSet<usize> {
    let mut meetings: BTreeSet<usize> = BTreeSet::new();
    for (mi, m) in graph.meetings.iter().enumerate() {
        let in_linked = m.note.is_some_and(|n| linked.contains(&n) || core_notes.contains(&n));
        let is_subject = &m.target == subject;
        let attended = m.attendees.iter().any(|a| customer_side.contains(a));
        let recorded = graph.links_to(&m.target).iter().any(|(n, _)| {
            item_notes.contains(n)
                && graph
                    .person(&Target::Note(*n))
                    .is_some_and(|p| p.recent.iter().any(|e| e.meeting.as_ref() == Some(&m.target)))
        });
        if in_linked || is_subject || attended || recorded {
            meetings.insert(mi);
        }
    }
    meetings
}

/// Rule 6, tasks: in item notes, or mentioning the core or customer-side people anywhere; in a
/// note read in part, also those under a heading or a parent item that names the core.
fn tasks_of(graph: &Graph, core: &BTreeSet<Target>, customer_side: &BTreeSet<Target>, scope: &Scope) -> Vec<usize> {
    let mentions = Mentions::of(graph, core.iter().chain(customer_side.iter()));
    let core_mentions = Mentions::of(graph, core.iter());
    let under_core: BTreeSet<(NoteId, u32)> = scope
        .sections
        .keys()
        .flat_map(|&n| tasks_under(graph, n, &core_mentions).into_iter().map(move |l| (n, l)))
        .collect();
    graph
        .tasks
        .iter()
        .enumerate()
        .filter(|(_, t)| {
            scope.whole.contains(&t.note) || under_core.contains(&(t.note, t.source.line)) || mentions.mentioned_by(t)
        })
        .map(|(i, _)| i)
        .collect()
}

/// The topics of the notes read, most often written first.
fn topics_of(graph: &Graph, scope: &Scope) -> Vec<TopicCount> {
    let mut topic_map: BTreeMap<String, TopicCount> = BTreeMap::new();
    for t in graph.topics.iter().filter(|t| scope.contains(graph, t.note, t.source.line)) {
        let entry =
            topic_map.entry(key(&t.name)).or_insert_with(|| TopicCount { name: t.name.clone(), sources: Vec::new() });
        entry.sources.push(t.source.clone());
    }
    let mut topics: Vec<TopicCount> = topic_map.into_values().collect();
    topics.sort_by(|a, b| b.sources.len().cmp(&a.sources.len()).then_with(|| key(&a.name).cmp(&key(&b.name))));
    topics
}

/// What a task can mention: targets, their names (with aliases) and their `@Handle` keys.
/// Built once for a selection; each task's text is lower-cased once, not once per name.
pub struct Mentions {
    targets: HashSet<Target>,
    /// Lower-cased names of three letters or more.
    names: Vec<String>,
    handles: HashSet<String>,
    /// All the names at once, so a task's text is scanned once however many names there are.
    finder: Option<aho_corasick::AhoCorasick>,
}

impl Mentions {
    pub fn of<'t>(graph: &Graph, targets: impl IntoIterator<Item = &'t Target>) -> Mentions {
        let mut m =
            Mentions { targets: HashSet::default(), names: Vec::new(), handles: HashSet::default(), finder: None };
        for target in targets {
            let mut names = vec![graph.name_of(target)];
            if let Target::Note(n) = target {
                names.extend(graph.vault.note(*n).frontmatter.aliases.iter().cloned());
            }
            names.retain(|n| n.chars().filter(|c| c.is_alphanumeric()).count() >= 3);
            m.handles.extend(names.iter().map(|n| crate::model::handle_key(n)));
            m.names.extend(names.iter().map(|n| n.to_lowercase()));
            m.targets.insert(target.clone());
        }
        m.names.sort();
        m.names.dedup();
        // Only an automaton too big to build fails; the names are then searched one by one.
        m.finder = aho_corasick::AhoCorasick::new(&m.names).ok();
        m
    }

    /// Linked, `@Handle`d, or named as whole words in the task's text.
    pub fn mentioned_by(&self, task: &crate::model::Task) -> bool {
        if task.links.iter().any(|l| self.targets.contains(l))
            || task.meta.handles.iter().any(|h| self.handles.contains(&crate::model::handle_key(h)))
        {
            return true;
        }
        self.names_in(&task.text.to_lowercase())
    }

    /// Whether lower-cased `text` holds one of the names as whole words.
    fn names_in(&self, text: &str) -> bool {
        match &self.finder {
            // Overlapping: every occurrence of every name, until one stands as whole words.
            Some(finder) => finder.find_overlapping_iter(text).any(|m| is_whole_word(text, m.start(), m.end())),
            None => self.names.iter().any(|n| contains_word(text, n)),
        }
    }
}

/// The lines of the tasks of `note` whose nearest heading or a parent list item names one of
/// `mentions` (by link or name): a TODO list's `## Acme` or `- [[Acme]]` with tasks below.
fn tasks_under(graph: &Graph, note: NoteId, mentions: &Mentions) -> Vec<u32> {
    let n = graph.vault.note(note);
    // The note's links are resolved already: an item names the core by one on its line.
    let links = graph.links_from(note);
    let names = |inline: &crate::vault::Inline| {
        links.iter().any(|(t, line)| *line == inline.line && mentions.targets.contains(t))
            || mentions.names_in(&inline.text.to_lowercase())
    };
    let mut out = Vec::new();
    for section in &n.body.sections {
        let heading = section.heading.as_ref().is_some_and(|h| mentions.names_in(&h.text.to_lowercase()));
        // The items above the current one, by depth: whether each names the core.
        let mut parents: Vec<(u32, bool)> = Vec::new();
        for block in &section.blocks {
            let crate::vault::Block::ListItem { inline, depth, task, .. } = block else { continue };
            while parents.last().is_some_and(|(d, _)| d >= depth) {
                parents.pop();
            }
            if task.is_some() && (heading || parents.iter().any(|(_, named)| *named)) {
                out.push(inline.line);
            }
            parents.push((*depth, names(inline)));
        }
    }
    out
}

/// Whether `text` contains `name` as whole words, ignoring case.
pub fn mentions_word(text: &str, name: &str) -> bool {
    contains_word(&text.to_lowercase(), &name.to_lowercase())
}

/// `mentions_word` for text and name already lower-cased.
fn contains_word(text: &str, name: &str) -> bool {
    let mut from = 0;
    while let Some(pos) = text[from..].find(name) {
        let start = from + pos;
        if is_whole_word(text, start, start + name.len()) {
            return true;
        }
        from = start + name.chars().next().map_or(1, char::len_utf8);
    }
    false
}

/// Whether `text[start..end]` has no letter or digit right before or after it.
fn is_whole_word(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
}

/// The comparison key of an item's text: case, spacing and a final period ignored.
fn item_key(text: &str) -> String {
    key(text).trim_end_matches(['.', ' ']).to_string()
}

fn merge(graph: &Graph, items: &[Item], scope: &Scope) -> Vec<Merged> {
    merge_where(items, |item| scope.contains(graph, item.note, item.source.line))
}

/// The items `keep` accepts, identical ones merged (rule 7).
pub fn merge_where(items: &[Item], keep: impl Fn(&Item) -> bool) -> Vec<Merged> {
    let mut by_key: BTreeMap<String, Merged> = BTreeMap::new();
    let mut order: Vec<String> = Vec::new();
    for (i, item) in items.iter().enumerate().filter(|(_, it)| keep(it)) {
        let k = item_key(&item.text);
        match by_key.get_mut(&k) {
            Some(m) => {
                m.all.push(i);
                m.sources.push(item.source.clone());
            }
            None => {
                order.push(k.clone());
                by_key.insert(k, Merged { first: i, all: vec![i], sources: vec![item.source.clone()] });
            }
        }
    }
    order.into_iter().filter_map(|k| by_key.remove(&k)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_pass_over_all_names_finds_what_a_search_per_name_finds() {
        let names: Vec<String> = ["acme", "acme corp", "corp", "ada", "ada stone", "ÿann"].map(String::from).to_vec();
        let m = Mentions {
            targets: HashSet::default(),
            names: names.clone(),
            handles: HashSet::default(),
            finder: aho_corasick::AhoCorasick::new(&names).ok(),
        };
        assert!(m.finder.is_some());
        let mut rng = fastrand::Rng::with_seed(7);
        let words = ["acme", "acmeville", "corp", "corporate", "ada", "adastone", "stone", "ÿann", "x", " ", ",", "-"];
        for _ in 0..2000 {
            let text: String = (0..rng.usize(1..8)).map(|_| words[rng.usize(..words.len())]).collect();
            let per_name = names.iter().any(|n| contains_word(&text, n));
            assert_eq!(m.names_in(&text), per_name, "{text:?}");
        }
    }

    #[test]
    fn word_mentions() {
        assert!(mentions_word("Call Dana Lee about MAI", "dana lee"));
        assert!(mentions_word("MAI.", "MAI"));
        assert!(!mentions_word("MAIN street", "MAI"));
        assert!(mentions_word("ümlaut Über", "über"));
    }

    #[test]
    fn item_keys_ignore_case_space_and_period() {
        assert_eq!(item_key("Cache must  scale."), item_key("cache must scale"));
    }
}

//! Selection → view structs. The views are the JSON output and the template context at
//! once, so the JSON contract documents what templates can use. Templates never see the graph.

pub mod grid;
mod kind;
pub mod map;
pub mod meeting;
pub mod review;
mod values;

/// The side a person is on, as the views and the renderers name it.
pub use crate::model::Side;
pub use kind::{Report, ReportKind};
pub use values::{CoverageStatus, EdgeKind, GapKind, QueryStatus, SubjectKind, TalkingPointKind};

use std::collections::BTreeSet;

use chrono::NaiveDate;
use serde::Serialize;

use crate::diagnostics::{Diagnostic, Severity};
use crate::model::stakeholder::{self, BuyingRole, Disposition, Influence, Strength};
use crate::model::{DateBasis, Graph, Item, Kind, Source};
use crate::select::{Merged, Selection, Tie};
use crate::vault::{NoteId, Target};

#[derive(Debug, Clone)]
pub struct BriefOptions {
    /// "Today" for staleness, overdue tasks and the date printed.
    pub as_of: NaiveDate,
}

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct BriefView {
    /// What the briefing is about, the date, the vault and our side (these keys stand at the top level).
    #[serde(flatten)]
    pub header: ReportHeader,
    /// Counts for the summary line.
    pub summary: SummaryView,
    /// Everyone linked to the subject: their side first, then ours, then side unknown; by name.
    pub people: Vec<PersonView>,
    /// Decisions recorded about the subject, each with its sources.
    pub decisions: Vec<ItemView>,
    /// Questions and decisions still to be made (the Open Questions sections).
    pub open_questions: Vec<ItemView>,
    /// Key facts about the subject, each with its sources.
    pub facts: Vec<ItemView>,
    /// Tasks linked to the subject: open ones first, by due date (undated last), then the rest.
    pub tasks: Vec<TaskView>,
    /// Meetings about the subject, newest first.
    pub meetings: Vec<MeetingView>,
    /// Projects linked to the subject.
    pub projects: Vec<NamedView>,
    /// Customers linked to the subject.
    pub customers: Vec<NamedView>,
    /// Topics discussed in its meetings.
    pub topics: Vec<TopicView>,
    /// Who on our side knows whom on theirs: shared meetings and introductions.
    pub connections: Vec<ConnectionView>,
    /// The power/interest grid of `people`: influence against disposition.
    pub grid: grid::GridView,
    /// The subject note's Dataview blocks, answered as Obsidian would show them.
    pub queries: Vec<QueryView>,
    /// Problems in the notes this briefing reads, by place, for a data-quality section.
    pub warnings: Vec<WarningView>,
    /// Every note the briefing drew on.
    pub sources: Vec<SourceNoteView>,
    /// Where decisions and facts were looked for, so that an empty list says what was read.
    pub looked_for: LookedForView,
}

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct LookedForView {
    /// The sections whose items are decisions (`[sections] decisions`).
    pub decision_sections: Vec<String>,
    /// The sections whose items are facts (`[sections] facts`).
    pub fact_sections: Vec<String>,
}

// What every report begins with (flattened into each view: a doc comment here would become
// each view's description in CONTEXT.md).
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct ReportHeader {
    /// What the report is about.
    pub subject: SubjectView,
    /// The date the report is as of (`YYYY-MM-DD`, `--as-of`).
    pub as_of: NaiveDate,
    /// Contacts older than this many days (or none recorded) are stale.
    pub stale_after_days: i64,
    /// The vault folder's name.
    pub vault: String,
    /// Our organisation and how it was decided; null when it could not be.
    pub home: Option<HomeView>,
}

pub fn header(graph: &Graph, subject: SubjectView, as_of: NaiveDate) -> ReportHeader {
    ReportHeader {
        subject,
        as_of,
        stale_after_days: graph.settings.stale_after_days,
        vault: graph.vault.name.clone(),
        home: home_view(graph),
    }
}

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct SubjectView {
    /// Its name as written in the vault (the note title, else the link text).
    pub name: String,
    /// What kind of note it is.
    pub kind: SubjectKind,
    /// Its note, vault-relative; null when it has no note of its own.
    pub path: Option<String>,
}

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct HomeView {
    /// Our organisation, as people notes name it.
    pub name: String,
    /// How it was decided, in words (for example `configured: home-organization = … in dossier.toml`).
    pub basis: String,
}

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct SummaryView {
    /// People in the briefing.
    pub people: usize,
    /// … of them on the customer side.
    pub theirs: usize,
    /// … of them on our side.
    pub ours: usize,
    /// … of them on neither known side.
    pub unknown_side: usize,
    /// People with no contact within stale_after_days.
    pub stale: usize,
    /// Decisions listed.
    pub decisions: usize,
    /// Facts listed.
    pub facts: usize,
    /// Open tasks.
    pub open_tasks: usize,
    /// Open tasks due before the as-of date.
    pub overdue_tasks: usize,
    /// Completed tasks.
    pub done_tasks: usize,
    /// Meetings listed.
    pub meetings: usize,
    /// The newest meeting on or before the as-of date.
    pub last_meeting: Option<String>,
    /// The first meeting after the as-of date.
    pub next_meeting: Option<String>,
    /// Projects linked.
    pub projects: usize,
    /// Warnings listed.
    pub warnings: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct SourceView {
    /// The note, vault-relative.
    pub path: String,
    /// The 1-based line in that note.
    pub line: u32,
}

impl From<&Source> for SourceView {
    fn from(s: &Source) -> Self {
        SourceView { path: s.path.to_string(), line: s.line }
    }
}

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct PersonView {
    /// The person's name (note title).
    pub name: String,
    /// Their role (Contact Information table or frontmatter).
    pub role: Option<String>,
    /// Their company, as written.
    pub company: Option<String>,
    /// Their department.
    pub department: Option<String>,
    /// Where they are.
    pub location: Option<String>,
    /// Their e-mail address.
    pub email: Option<String>,
    /// Newest contact up to the as-of date (`YYYY-MM-DD`), if any is recorded.
    pub last_contact: Option<String>,
    /// Days from last contact to the as-of date.
    pub days_since_contact: Option<i64>,
    /// No contact within stale_after_days (or none recorded).
    pub stale: bool,
    /// Their note, vault-relative.
    pub path: String,
    /// ours | theirs | unknown
    pub side: Side,
    /// Why the person is in this briefing.
    pub why: Vec<String>,
    /// The note says it needs review (`needs_review`, `#needs-review`).
    pub needs_review: bool,
    /// Buying roles from frontmatter `buying_role`, each for every project or for one.
    pub buying_roles: Vec<BuyingRoleView>,
    /// high | medium | low
    pub influence: Option<Influence>,
    /// mentor | supporter | neutral | sceptic | blocker
    pub disposition: Option<Disposition>,
    /// Reporting lines: the first solid, the others dotted.
    pub reports_to: Vec<ReportsToView>,
    /// Which of our people holds the relationship (frontmatter `owner`).
    pub owner: Option<NamedView>,
    /// Intended contact cadence in days (frontmatter `contact_every`).
    pub contact_every: Option<i64>,
    /// Days past the cadence (or the stale threshold when no cadence is set); null when not due.
    pub contact_overdue_days: Option<i64>,
    /// Derived from the meetings and Recent Context entries that involve the person.
    pub strength: Strength,
    /// Our people who met this person, from shared meetings.
    pub known_by: Vec<KnownByView>,
}

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct BuyingRoleView {
    /// economic-buyer | technical-buyer | user-buyer | champion | coach | influencer | blocker
    pub role: BuyingRole,
    /// The role in words ("economic buyer").
    pub label: &'static str,
    /// The project the role holds for; null for every project.
    pub project: Option<String>,
    /// Where the role is set.
    pub source: SourceView,
}

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct ReportsToView {
    /// The manager's name.
    pub name: String,
    /// The manager's note; null when there is none.
    pub path: Option<String>,
    /// A dotted line (the second and later `reports_to` entries), not the solid one.
    pub dotted: bool,
}

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct KnownByView {
    /// Our person's name.
    pub name: String,
    /// Our person's note.
    pub path: String,
    /// Meetings both attended up to the as-of date (0 for the relationship owner alone).
    pub shared_meetings: usize,
    /// Holds the relationship by the person note's `owner`.
    pub owner: bool,
}

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct ItemView {
    /// The decision, fact or question as written, links shown by their names.
    pub text: String,
    /// When it was decided or learnt (`YYYY-MM-DD`), if known.
    pub date: Option<String>,
    /// stated | meeting | note-created: where `date` comes from.
    pub date_basis: Option<DateBasis>,
    /// Where it is written (the first place, when merged).
    pub source: SourceView,
    /// Every place the same text is written.
    pub sources: Vec<SourceView>,
}

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct TaskView {
    /// The task as written, without its checkbox, dates and emoji.
    pub text: String,
    /// Completed (`[x]`).
    pub done: bool,
    /// The checkbox character: ' ' open, 'x' done, '-' cancelled, '/' in progress, …
    pub status: String,
    /// todo | in-progress | done | cancelled | non-task: what the checkbox means (`[tasks]
    /// statuses` in dossier.toml; the Tasks plugin's set by default).
    pub status_type: crate::config::StatusType,
    /// To do or in progress.
    pub open: bool,
    /// Open and due before the as-of date.
    pub overdue: bool,
    /// Due date (📅 or `[due:: ]`).
    pub due: Option<String>,
    /// Scheduled date (⏳).
    pub scheduled: Option<String>,
    /// Completion date (✅).
    pub completed: Option<String>,
    /// Start date (🛫).
    pub start: Option<String>,
    /// Created date (➕).
    pub created: Option<String>,
    /// Cancelled date (❌).
    pub cancelled: Option<String>,
    /// Tasks-plugin priority, if given.
    pub priority: Option<crate::model::task::Priority>,
    /// Recurrence rule (🔁), as written.
    pub recurrence: Option<String>,
    /// Its id (🆔), which other tasks' depends-on name.
    pub id: Option<String>,
    /// The ids of the tasks it waits for (⛔).
    pub depends_on: Vec<String>,
    /// Open, and waiting for a task of the vault that is still open (by ⛔ and 🆔).
    pub blocked: bool,
    /// What the Tasks plugin does with the line once it is done (🏁: `delete`, `keep`).
    pub on_completion: Option<String>,
    /// Who owns it (`owner::`, `@Handle` or a leading person link).
    pub owner: Option<String>,
    /// Its tags as written (`#tag`), in order.
    pub tags: Vec<String>,
    /// The list item it is nested in: a parent task, or a bullet saying what its subtasks are about.
    pub parent: Option<TaskParentView>,
    /// The task line.
    pub source: SourceView,
}

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct TaskParentView {
    /// Its text (a parent task's description).
    pub text: String,
    /// Whether it is a task.
    pub task: bool,
    /// Its line, in the task's note.
    pub line: u32,
}

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct MeetingView {
    /// The meeting note's title, or the linked name.
    pub title: String,
    /// The meeting date (`YYYY-MM-DD`), if known.
    pub date: Option<String>,
    /// Null for a meeting known only from links in other notes.
    pub path: Option<String>,
    /// Names of the people who attended.
    pub attendees: Vec<String>,
    /// Its note (line 1), or where it is mentioned.
    pub source: SourceView,
}

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct NamedView {
    /// The name.
    pub name: String,
    /// Its note, vault-relative; null when it has none.
    pub path: Option<String>,
}

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct TopicView {
    /// The topic as written.
    pub name: String,
    /// How many places discuss it.
    pub count: usize,
    /// Where it is discussed.
    pub sources: Vec<SourceView>,
}

/// A Dataview block or a base (`![[X.base#View]]`, a ```` ```base ```` block) of the subject's
/// note and its result (or why there is none).
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct QueryView {
    /// The heading the block sits under.
    pub heading: Option<String>,
    /// The line of the opening fence.
    pub source: SourceView,
    /// The query text (for a base: the embed as written, or the block's YAML).
    pub query: String,
    /// dataview | dataviewjs | base.
    pub language: String,
    /// Whether it was answered.
    pub status: QueryStatus,
    /// Why it was not answered, when unsupported.
    pub reason: Option<String>,
    /// list | task | table | calendar, when answered.
    pub kind: Option<&'static str>,
    /// Column headers of the result (for a table; one column otherwise).
    pub headers: Vec<String>,
    /// Result rows, each a list of cells.
    pub rows: Vec<Vec<CellView>>,
}

/// One value of a query result: its text, and the note it links to, if any.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct CellView {
    /// The value as text.
    pub text: String,
    /// The note it links to, if any.
    pub path: Option<String>,
}

/// A tie between one of our people and one of theirs (or of unknown side).
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct ConnectionView {
    /// Person note paths.
    pub ours: String,
    /// Their person's note.
    pub theirs: String,
    /// Our person's name.
    pub ours_name: String,
    /// Their person's name.
    pub theirs_name: String,
    /// Meetings in this briefing that both attended.
    pub shared_meetings: usize,
    /// One introduced the other ("via" in a Recent Context entry).
    pub introduction: bool,
    /// The meetings and entries that show the tie.
    pub sources: Vec<SourceView>,
}

/// An attendee with no person note.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct GuestView {
    /// How the note names them: the name, else the address.
    pub name: String,
    /// Their e-mail address, as written (lower case).
    pub email: Option<String>,
    /// Their organisation: named beside them, or the one whose web site or mail domain is
    /// their address's; null when neither tells.
    pub company: Option<String>,
    /// That organisation's note.
    pub company_path: Option<String>,
    /// Their address's domain, when no organisation is known by it.
    pub domain: Option<String>,
    /// `ours` (an address at our domains, or our organisation), `theirs`, or `unknown`.
    pub side: Side,
    /// Where the meeting note names them.
    pub source: SourceView,
}

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct WarningView {
    /// The note, vault-relative.
    pub path: String,
    /// The 1-based line.
    pub line: u32,
    /// How much it matters.
    pub severity: Severity,
    /// What is wrong, and what was done about it.
    pub message: String,
}

impl From<&Diagnostic> for WarningView {
    fn from(d: &Diagnostic) -> Self {
        WarningView { path: d.path.clone(), line: d.line, severity: d.severity, message: d.message.clone() }
    }
}

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct SourceNoteView {
    /// The note, vault-relative.
    pub path: String,
    /// Its title.
    pub title: String,
    /// What kind of note it is.
    pub kind: Kind,
}

/// A person as every report shows them; `why` says why they are in this report.
pub fn person_view(graph: &Graph, index: usize, as_of: NaiveDate, why: Vec<String>) -> PersonView {
    let p = &graph.people[index];
    let stale_after = graph.settings.stale_after_days;
    let last = p.last_contact_on(as_of).map(|s| s.value);
    let days = last.map(|d| (as_of - d).num_days());
    let named = |t: &Target| NamedView { name: graph.name_of(t), path: graph.path_of(t).map(str::to_string) };
    let sh = &p.stakeholder;
    let cadence = sh.contact_every.as_ref().map(|c| c.value);
    let contact_overdue_days = days.map(|d| d - cadence.unwrap_or(stale_after)).filter(|over| *over > 0);
    let owner = sh.owner.as_ref().map(|o| &o.value);
    let contacts = contacts_of(p);
    let known_by = known_by(graph, index, owner, as_of);
    PersonView {
        name: p.name.clone(),
        role: p.contact.role.as_ref().map(|s| s.value.clone()),
        company: company_name(graph, p),
        department: p.contact.department.as_ref().map(|s| s.value.clone()),
        location: p.contact.location.as_ref().map(|s| s.value.clone()),
        email: p.contact.email.as_ref().map(|s| s.value.clone()),
        last_contact: fmt_date(last),
        days_since_contact: days,
        stale: days.is_none_or(|d| d > stale_after),
        path: graph.vault.note(p.note).path.clone(),
        side: graph.side_of(p),
        why,
        needs_review: p.needs_review,
        buying_roles: sh
            .buying_roles
            .iter()
            .map(|r| BuyingRoleView {
                role: r.role,
                label: r.role.label(),
                project: r.project.as_ref().map(|t| graph.name_of(t)),
                source: (&r.source).into(),
            })
            .collect(),
        influence: sh.influence.as_ref().map(|i| i.value),
        disposition: sh.disposition.as_ref().map(|d| d.value),
        reports_to: sh
            .reports_to
            .iter()
            .enumerate()
            .map(|(k, r)| {
                let n = named(&r.value);
                ReportsToView { name: n.name, path: n.path, dotted: k > 0 }
            })
            .collect(),
        owner: owner.map(named),
        contact_every: cadence,
        contact_overdue_days,
        strength: stakeholder::strength(&contacts, as_of, &graph.settings.strength),
        known_by,
    }
}

/// A person's contacts, with a stated `last_contact` the notes do not otherwise record.
fn contacts_of(p: &crate::model::Person) -> Vec<stakeholder::Contact> {
    let mut contacts = p.contacts.clone();
    if let Some(stated) = &p.stated_last_contact {
        if !contacts.iter().any(|c| c.date == Some(stated.value)) {
            contacts.push(stakeholder::Contact {
                date: Some(stated.value),
                meeting: None,
                source: stated.source.clone(),
            });
        }
    }
    contacts
}

/// Our people who know person `index` (from shared meetings), and the relationship owner:
/// the owner first, then who met them most, then by name.
fn known_by(graph: &Graph, index: usize, owner: Option<&Target>, as_of: NaiveDate) -> Vec<KnownByView> {
    let mut known_by: Vec<KnownByView> = graph
        .known_by(index, as_of)
        .into_iter()
        .map(|(j, shared_meetings, _)| {
            let ours = &graph.people[j];
            KnownByView {
                name: ours.name.clone(),
                path: graph.vault.note(ours.note).path.clone(),
                shared_meetings,
                owner: owner == Some(&Target::Note(ours.note)),
            }
        })
        .collect();
    if let Some(o) = owner {
        if !known_by.iter().any(|k| k.owner) {
            known_by.push(KnownByView {
                name: graph.name_of(o),
                path: graph.path_of(o).unwrap_or_default().to_string(),
                shared_meetings: 0,
                owner: true,
            });
        }
    }
    known_by.sort_by(|a, b| {
        b.owner.cmp(&a.owner).then(b.shared_meetings.cmp(&a.shared_meetings)).then_with(|| a.name.cmp(&b.name))
    });
    known_by
}

/// Merged items as views: newest first, undated last, then where they were written.
pub fn item_views(merged: &[Merged], all: &[Item]) -> Vec<ItemView> {
    let mut out: Vec<ItemView> = merged
        .iter()
        .map(|m| {
            let first = &all[m.first];
            ItemView {
                text: first.text.clone(),
                date: fmt_date(first.date),
                date_basis: first.date_basis,
                source: (&first.source).into(),
                sources: m.sources.iter().map(SourceView::from).collect(),
            }
        })
        .collect();
    out.sort_by(|a, b| {
        b.date
            .cmp(&a.date)
            .then_with(|| a.source.path.cmp(&b.source.path))
            .then_with(|| a.source.line.cmp(&b.source.line))
    });
    out
}

pub fn task_view(graph: &Graph, index: usize, as_of: NaiveDate) -> TaskView {
    let t = &graph.tasks[index];
    let open = t.is_open();
    TaskView {
        text: t.text.clone(),
        done: t.is_done(),
        status: t.status.to_string(),
        status_type: t.status_type,
        open,
        overdue: open && t.meta.due.is_some_and(|d| d < as_of),
        due: fmt_date(t.meta.due),
        scheduled: fmt_date(t.meta.scheduled),
        completed: fmt_date(t.meta.completed),
        start: fmt_date(t.meta.start),
        created: fmt_date(t.meta.created),
        cancelled: fmt_date(t.meta.cancelled),
        priority: t.meta.priority,
        recurrence: t.meta.recurrence.clone(),
        id: t.meta.id.clone(),
        depends_on: t.meta.depends_on.clone(),
        blocked: open
            && !t.meta.depends_on.is_empty()
            && graph
                .tasks
                .iter()
                .any(|o| o.is_open() && o.meta.id.as_ref().is_some_and(|id| t.meta.depends_on.contains(id))),
        on_completion: t.meta.on_completion.clone(),
        owner: t.owner.clone(),
        tags: crate::vault::markdown::body_tags(&t.text).into_iter().map(|tag| format!("#{tag}")).collect(),
        // A bullet with no text of its own (`- - [ ] x`) says nothing the task is under.
        parent: t.parent.as_ref().filter(|p| !p.text.trim().is_empty()).map(|p| TaskParentView {
            text: p.text.clone(),
            task: p.is_task,
            line: p.line,
        }),
        source: (&t.source).into(),
    }
}

/// Open before closed; then by due date, undated last; then by place.
pub fn sort_tasks(tasks: &mut [TaskView]) {
    tasks.sort_by(|a, b| {
        (!a.open)
            .cmp(&!b.open)
            .then_with(|| a.due.is_none().cmp(&b.due.is_none()))
            .then_with(|| a.due.cmp(&b.due))
            .then_with(|| a.source.path.cmp(&b.source.path))
            .then_with(|| a.source.line.cmp(&b.source.line))
    });
}

pub fn meeting_view(graph: &Graph, index: usize) -> MeetingView {
    let m = &graph.meetings[index];
    // People with a note and those known only by name or address: all were in the room.
    let mut attendees: Vec<String> =
        m.attendees.iter().map(|a| graph.name_of(a)).chain(m.guests.iter().map(|g| g.shown())).collect();
    attendees.sort_by_key(|a| a.to_lowercase());
    MeetingView {
        title: m.title.clone(),
        date: fmt_date(m.date),
        path: m.note.map(|n| graph.vault.note(n).path.clone()),
        attendees,
        source: (&m.source).into(),
    }
}

/// Newest first, undated last.
pub fn sort_meetings(meetings: &mut [MeetingView]) {
    meetings.sort_by(|a, b| {
        a.date.is_none().cmp(&b.date.is_none()).then_with(|| b.date.cmp(&a.date)).then_with(|| a.title.cmp(&b.title))
    });
}

/// The diagnostics of `notes`, by place.
pub fn warnings_in(graph: &Graph, notes: &BTreeSet<NoteId>) -> Vec<WarningView> {
    let paths: BTreeSet<&str> = notes.iter().map(|n| graph.vault.note(*n).path.as_str()).collect();
    let mut warnings: Vec<WarningView> =
        graph.all_diagnostics().iter().filter(|d| paths.contains(d.path.as_str())).map(WarningView::from).collect();
    warnings.sort_by(|a, b| (&a.path, a.line, &a.message).cmp(&(&b.path, b.line, &b.message)));
    warnings
}

/// The notes a report drew on, in path order.
pub fn source_notes(graph: &Graph, notes: &BTreeSet<NoteId>) -> Vec<SourceNoteView> {
    notes
        .iter()
        .map(|n| {
            let note = graph.vault.note(*n);
            SourceNoteView { path: note.path.clone(), title: note.title.clone(), kind: graph.kinds[n.index()] }
        })
        .collect()
}

/// The subject of a selection, as every report names it.
pub fn subject_view(graph: &Graph, selection: &Selection) -> SubjectView {
    SubjectView {
        name: graph.name_of(&selection.subject),
        kind: selection.kind.into(),
        path: graph.path_of(&selection.subject).map(str::to_string),
    }
}

/// Our organisation and how it was decided.
pub fn home_view(graph: &Graph) -> Option<HomeView> {
    graph.home.as_ref().map(|h| HomeView { name: h.name.clone(), basis: h.basis.clone() })
}

/// An attendee with no person note, as a report shows them.
pub fn guest_view(graph: &Graph, g: &crate::model::Guest) -> GuestView {
    let org = g.organization.as_ref();
    GuestView {
        name: g.shown(),
        email: g.email.clone(),
        company: org.map(|o| graph.name_of(o)),
        company_path: org.and_then(|o| graph.path_of(o)).map(str::to_string),
        domain: g.domain().filter(|_| org.is_none()).map(str::to_string),
        side: graph.side_of_guest(g),
        source: (&g.source).into(),
    }
}

pub fn named_view(graph: &Graph, t: &Target) -> NamedView {
    NamedView { name: graph.name_of(t), path: graph.path_of(t).map(str::to_string) }
}

/// A person's company as reports name it: its note's name, else as written.
pub fn company_name(graph: &Graph, p: &crate::model::Person) -> Option<String> {
    p.company.as_ref().map(|c| graph.name_of(c)).or_else(|| p.contact.company.as_ref().map(|s| s.value.clone()))
}

/// The order reports list people in: their side first (a report is about them), then ours,
/// then side unknown.
pub fn side_rank(side: Side) -> u8 {
    match side {
        Side::Theirs => 0,
        Side::Ours => 1,
        Side::Unknown => 2,
    }
}

pub fn fmt_date(d: Option<NaiveDate>) -> Option<String> {
    d.map(|d| d.format("%Y-%m-%d").to_string())
}

/// Builds the briefing view of a selection.
pub fn brief(graph: &Graph, selection: &Selection, options: &BriefOptions) -> BriefView {
    let as_of = options.as_of;
    let subject = &selection.subject;

    let people = brief_people(graph, selection, as_of);

    let decisions = item_views(&selection.decisions, &graph.decisions);
    let facts = item_views(&selection.facts, &graph.facts);
    let open_questions = item_views(&selection.questions, &graph.questions);

    let mut tasks: Vec<TaskView> = selection.tasks.iter().map(|&i| task_view(graph, i, as_of)).collect();
    sort_tasks(&mut tasks);

    let mut meetings: Vec<MeetingView> = selection.meetings.iter().map(|&i| meeting_view(graph, i)).collect();
    sort_meetings(&mut meetings);

    let named = |t: &Target| NamedView { name: graph.name_of(t), path: graph.path_of(t).map(str::to_string) };
    let projects: Vec<NamedView> =
        selection.projects.iter().map(|&i| named(&Target::Note(graph.projects[i].note))).collect();
    let customers: Vec<NamedView> = selection.customers.iter().map(named).collect();
    let topics = selection
        .topics
        .iter()
        .map(|t| TopicView {
            name: t.name.clone(),
            count: t.sources.len(),
            sources: t.sources.iter().map(SourceView::from).collect(),
        })
        .collect();

    let connections = connections(graph, selection, as_of);
    let queries = match subject {
        Target::Note(note) => {
            // Dataview blocks and Bases, in the order the note shows them.
            let mut views: Vec<(u32, QueryView)> = crate::query::blocks(graph, *note)
                .iter()
                .map(|b| (b.line, query_view(graph, b, as_of)))
                .chain(crate::bases::uses(graph, *note).iter().map(|u| (u.line, base_view(graph, u, as_of))))
                .collect();
            views.sort_by_key(|(line, _)| *line);
            views.into_iter().map(|(_, v)| v).collect()
        }
        Target::Unresolved(_) => Vec::new(),
    };

    let warnings = brief_warnings(graph, selection, &queries);
    let sources = source_notes(graph, &selection.notes);

    let summary = summary(&people, &decisions, &facts, &tasks, &meetings, projects.len(), warnings.len(), as_of);

    BriefView {
        header: header(graph, subject_view(graph, selection), as_of),
        summary,
        grid: grid::grid(&people),
        people,
        decisions,
        open_questions,
        facts,
        tasks,
        meetings,
        projects,
        customers,
        topics,
        connections,
        queries,
        warnings,
        sources,
        looked_for: LookedForView {
            decision_sections: graph.settings.sections.decisions.clone(),
            fact_sections: graph.settings.sections.facts.clone(),
        },
    }
}

/// Everyone the selection holds, each with why: their side first (the briefing is about
/// them), then ours, then unknown; by name.
fn brief_people(graph: &Graph, selection: &Selection, as_of: NaiveDate) -> Vec<PersonView> {
    let mut people: Vec<PersonView> = selection
        .people
        .iter()
        .map(|sp| {
            let p = &graph.people[sp.index];
            let why = sp
                .ties
                .iter()
                .map(|t| match t {
                    Tie::Subject => "the subject".to_string(),
                    Tie::Company => {
                        format!("works at {}", p.contact.company.as_ref().map_or("the customer", |c| c.value.as_str()))
                    }
                    Tie::Linked => "linked with the subject".to_string(),
                    Tie::Attendee => "attended a meeting in this briefing".to_string(),
                })
                .collect();
            person_view(graph, sp.index, as_of, why)
        })
        .collect();
    people.sort_by(|a, b| {
        side_rank(a.side)
            .cmp(&side_rank(b.side))
            .then_with(|| a.name.to_lowercase().cmp(&b.name.to_lowercase()))
            .then_with(|| a.path.cmp(&b.path))
    });
    people
}

/// The problems of the notes read, and each Dataview block that could not be answered.
fn brief_warnings(graph: &Graph, selection: &Selection, queries: &[QueryView]) -> Vec<WarningView> {
    let mut warnings = warnings_in(graph, &selection.notes);
    for q in queries.iter().filter(|q| q.status == QueryStatus::Unsupported) {
        warnings.push(WarningView {
            path: q.source.path.clone(),
            line: q.source.line,
            severity: Severity::Warning,
            message: format!(
                "{} not evaluated: {}",
                if q.language == "base" { "Base" } else { "Dataview query" },
                q.reason.as_deref().unwrap_or("unsupported")
            ),
        });
    }
    warnings.sort_by(|a, b| (&a.path, a.line, &a.message).cmp(&(&b.path, b.line, &b.message)));
    warnings
}

/// The counts of the summary line.
#[allow(clippy::too_many_arguments)]
fn summary(
    people: &[PersonView],
    decisions: &[ItemView],
    facts: &[ItemView],
    tasks: &[TaskView],
    meetings: &[MeetingView],
    projects: usize,
    warnings: usize,
    as_of: NaiveDate,
) -> SummaryView {
    let count_side = |s: Side| people.iter().filter(|p| p.side == s).count();
    let as_of_text = as_of.format("%Y-%m-%d").to_string();
    SummaryView {
        people: people.len(),
        theirs: count_side(Side::Theirs),
        ours: count_side(Side::Ours),
        unknown_side: count_side(Side::Unknown),
        stale: people.iter().filter(|p| p.stale).count(),
        decisions: decisions.len(),
        facts: facts.len(),
        open_tasks: tasks.iter().filter(|t| t.open).count(),
        overdue_tasks: tasks.iter().filter(|t| t.overdue).count(),
        done_tasks: tasks.iter().filter(|t| t.done).count(),
        meetings: meetings.len(),
        last_meeting: meetings.iter().filter_map(|m| m.date.clone()).find(|d| *d <= as_of_text),
        next_meeting: meetings.iter().filter_map(|m| m.date.clone()).rfind(|d| *d > as_of_text),
        projects,
        warnings,
    }
}

fn cell(v: &crate::query::value::Value) -> CellView {
    use crate::query::value::Value;
    match v {
        Value::Link(l) => {
            CellView { text: l.display.clone(), path: matches!(l.target, Target::Note(_)).then(|| l.path.clone()) }
        }
        other => CellView { text: other.display(), path: None },
    }
}

fn query_view(graph: &Graph, block: &crate::query::QueryBlock, as_of: NaiveDate) -> QueryView {
    let source = SourceView { path: graph.vault.note(block.note).path.clone(), line: block.line };
    let answer = crate::query::answer(graph, block, as_of);
    answer_view(graph, block.heading.clone(), source, block.text.clone(), &block.language, answer)
}

/// A base the note embeds (or holds as a block), answered: a table.
fn base_view(graph: &Graph, base: &crate::bases::BaseUse, as_of: NaiveDate) -> QueryView {
    let source = SourceView { path: graph.vault.note(base.note).path.clone(), line: base.line };
    answer_view(graph, base.heading.clone(), source, base.written(), "base", crate::bases::answer(graph, base, as_of))
}

fn answer_view(
    graph: &Graph,
    heading: Option<String>,
    source: SourceView,
    query: String,
    language: &str,
    answer: crate::query::Answer,
) -> QueryView {
    use crate::query::{Answer, Output};
    let mut view = QueryView {
        heading,
        source,
        query,
        language: language.to_string(),
        status: QueryStatus::Answered,
        reason: None,
        kind: None,
        headers: Vec::new(),
        rows: Vec::new(),
    };
    match answer {
        Answer::Unsupported(reason) => {
            view.status = QueryStatus::Unsupported;
            view.reason = Some(reason);
        }
        Answer::Answered(Output::List { rows, without_id }) => {
            view.kind = Some("list");
            let with_value = rows.iter().any(|(_, v)| v.is_some());
            view.headers = match (with_value, without_id) {
                (true, true) => vec!["Value".into()],
                (true, false) => vec!["File".into(), "Value".into()],
                _ => vec!["File".into()],
            };
            view.rows = rows
                .iter()
                .map(|(id, v)| match (v, without_id) {
                    (Some(v), true) => vec![cell(v)],
                    (Some(v), false) => vec![cell(id), cell(v)],
                    (None, _) => vec![cell(id)],
                })
                .collect();
        }
        Answer::Answered(output @ Output::Task { .. }) => {
            view.kind = Some("task");
            let rows = output.task_rows();
            let grouped = rows.iter().any(|(g, _, _)| !g.keys.is_empty());
            if grouped {
                view.headers.push("Group".into());
            }
            view.headers.extend(["Task", "Due", "Status", "Source"].map(String::from));
            let plain = CellView { text: String::new(), path: None };
            view.rows = rows
                .iter()
                .map(|&(group, i, depth)| {
                    let t = &graph.tasks[i];
                    let mut cells = Vec::with_capacity(5);
                    if grouped {
                        let keys: Vec<String> = group.keys.iter().map(|k| cell(k).text).collect();
                        cells.push(CellView { text: keys.join(" › "), ..plain.clone() });
                    }
                    // A subtask shown with the matching task above it, as Dataview nests it.
                    cells.push(CellView { text: format!("{}{}", "↳ ".repeat(depth), t.text), ..plain.clone() });
                    cells.push(CellView { text: fmt_date(t.meta.due).unwrap_or_default(), ..plain.clone() });
                    cells.push(CellView {
                        text: if t.is_done() { "done".into() } else { format!("[{}]", t.status) },
                        ..plain.clone()
                    });
                    cells.push(CellView {
                        text: format!("{}:{}", t.source.path, t.source.line),
                        path: Some(t.source.path.to_string()),
                    });
                    cells
                })
                .collect();
        }
        Answer::Answered(Output::Calendar { entries }) => {
            view.kind = Some("calendar");
            view.headers = vec!["Date".into(), "File".into()];
            view.rows = entries.iter().map(|(date, page)| vec![cell(date), cell(page)]).collect();
        }
        Answer::Answered(Output::Table { headers, rows }) => {
            view.kind = Some("table");
            view.headers = headers;
            view.rows = rows.iter().map(|r| r.iter().map(cell).collect()).collect();
        }
    }
    view
}

/// Pairs (ours, theirs-or-unknown) among the selected people who met in a selected meeting,
/// or where one introduced the other. Ties within one side are left out.
pub(crate) fn connections(graph: &Graph, selection: &Selection, as_of: NaiveDate) -> Vec<ConnectionView> {
    let selected: BTreeSet<usize> = selection.people.iter().map(|p| p.index).collect();
    let ours = |i: usize| graph.side_of(&graph.people[i]) == Side::Ours;
    let mut pairs: std::collections::BTreeMap<(usize, usize), (usize, bool, Vec<Source>)> = Default::default();
    let mut add = |a: usize, b: usize, meeting: bool, source: &Source| {
        let key = match (ours(a), ours(b)) {
            (true, false) => (a, b),
            (false, true) => (b, a),
            _ => return,
        };
        let entry = pairs.entry(key).or_default();
        if meeting {
            entry.0 += 1;
        } else {
            entry.1 = true;
        }
        if !entry.2.contains(source) {
            entry.2.push(source.clone());
        }
    };
    for &mi in &selection.meetings {
        let m = &graph.meetings[mi];
        if m.date.is_some_and(|d| d > as_of) {
            continue; // Planned: they have not met there yet.
        }
        let people: Vec<usize> =
            m.attendees.iter().filter_map(|a| graph.person_index(a)).filter(|i| selected.contains(i)).collect();
        for (k, &a) in people.iter().enumerate() {
            for &b in &people[k + 1..] {
                add(a, b, true, &m.source);
            }
        }
    }
    for &i in &selected {
        for entry in &graph.people[i].recent {
            if let Some(via) = entry.via_target.as_ref().and_then(|t| graph.person_index(t)) {
                if selected.contains(&via) {
                    add(via, i, false, &entry.source);
                }
            }
        }
    }
    pairs
        .into_iter()
        .map(|((o, t), (shared_meetings, introduction, mut sources))| {
            sources.sort();
            ConnectionView {
                ours: graph.vault.note(graph.people[o].note).path.clone(),
                theirs: graph.vault.note(graph.people[t].note).path.clone(),
                ours_name: graph.people[o].name.clone(),
                theirs_name: graph.people[t].name.clone(),
                shared_meetings,
                introduction,
                sources: sources.iter().map(SourceView::from).collect(),
            }
        })
        .collect()
}

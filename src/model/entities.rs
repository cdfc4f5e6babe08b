//! The typed entities of an account vault. Every item carries the note and line it came from.

use chrono::NaiveDate;
use serde::Serialize;

use super::stakeholder::{Contact, Stakeholder};
use super::task::TaskFields;
use crate::vault::{NoteId, Target};

/// Where something was written: vault-relative path and 1-based line. The path is shared with
/// every other source in the same note (a vault holds millions of sources, a few paths each).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, schemars::JsonSchema)]
pub struct Source {
    pub path: std::sync::Arc<str>,
    pub line: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Person,
    Customer,
    Project,
    Meeting,
    /// Any other note.
    Note,
}

impl Kind {
    /// As a reader calls such a note (`topic` for any other), in messages.
    pub fn reader_name(self) -> &'static str {
        match self {
            Kind::Person => "person",
            Kind::Customer => "customer",
            Kind::Project => "project",
            Kind::Meeting => "meeting",
            Kind::Note => "topic",
        }
    }
}

/// What gave a note its kind (shown by `check` and `schema`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KindBasis {
    /// A kind field (`type: person`, `categories: [[People]]`, `type:: meeting`).
    Field {
        name: String,
        value: String,
        line: u32,
    },
    Tag(String),
    Folder(String),
    /// The note is in the templates folder: a plain note whatever it says.
    Template,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Side {
    Ours,
    Theirs,
    Unknown,
}

/// A value read from a note, with where it was read.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Sourced<T> {
    pub value: T,
    pub source: Source,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, schemars::JsonSchema)]
pub struct ContactInfo {
    pub role: Option<Sourced<String>>,
    pub company: Option<Sourced<String>>,
    pub department: Option<Sourced<String>>,
    pub email: Option<Sourced<String>>,
    pub phone: Option<Sourced<String>>,
    pub linkedin: Option<Sourced<String>>,
    pub location: Option<Sourced<String>>,
}

/// `**Relationship**: …` and `**Background**:` with bullets, from the Profile section.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct ProfileField {
    pub label: String,
    pub text: String,
    pub items: Vec<String>,
    pub source: Source,
}

/// `- 2025-09-03: [[meeting]] - summary (via Person)`.
#[derive(Debug, Clone, PartialEq)]
pub struct ContextEntry {
    pub date: Option<NaiveDate>,
    pub meeting: Option<Target>,
    pub meeting_title: Option<String>,
    pub summary: String,
    pub via: Option<String>,
    pub via_target: Option<Target>,
    pub source: Source,
}

#[derive(Debug, Clone)]
pub struct Person {
    pub note: NoteId,
    pub name: String,
    pub aliases: Vec<String>,
    pub contact: ContactInfo,
    /// The organisation the Company field names, resolved like a link.
    pub company: Option<Target>,
    pub profile: Vec<ProfileField>,
    pub recent: Vec<ContextEntry>,
    /// Frontmatter `last_contact`, or the newest dated contact the notes record.
    pub last_contact: Option<Sourced<NaiveDate>>,
    /// Frontmatter `last_contact` as written.
    pub stated_last_contact: Option<Sourced<NaiveDate>>,
    pub needs_review: bool,
    pub auto_created: bool,
    /// Buying role, influence, disposition, reporting lines, owner, cadence.
    pub stakeholder: Stakeholder,
    /// Every recorded contact (meetings attended, Recent Context entries), oldest first.
    pub contacts: Vec<Contact>,
}

impl Person {
    /// Every contact, with a stated `last_contact` the notes do not otherwise record added.
    pub fn all_contacts(&self) -> Vec<Contact> {
        let mut contacts = self.contacts.clone();
        if let Some(stated) = &self.stated_last_contact {
            if !contacts.iter().any(|c| c.date == Some(stated.value)) {
                contacts.push(Contact { date: Some(stated.value), meeting: None, source: stated.source.clone() });
            }
        }
        contacts
    }

    /// The newest contact on or before `as_of`: a meeting planned for later is not a contact
    /// yet. A stated `last_contact` counts whatever its date: the author wrote it.
    pub fn last_contact_on(&self, as_of: NaiveDate) -> Option<Sourced<NaiveDate>> {
        let recorded = self
            .contacts
            .iter()
            .filter_map(|c| c.date.filter(|d| *d <= as_of).map(|d| Sourced { value: d, source: c.source.clone() }));
        self.stated_last_contact.clone().into_iter().chain(recorded).fold(None, |best, c| match best {
            Some(b) if b.value >= c.value => Some(b),
            _ => Some(c),
        })
    }

    /// `@Handle` form of the name: letters and digits only, lower-cased (`@ArunKrishna`).
    pub fn handle_key(&self) -> String {
        handle_key(&self.name)
    }
}

pub fn handle_key(name: &str) -> String {
    name.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

#[derive(Debug, Clone)]
pub struct Organization {
    pub target: Target,
    pub name: String,
    pub note: Option<NoteId>,
    /// Named a customer somewhere (type, Related Customers, a `customer:` field).
    pub named_customer: bool,
}

#[derive(Debug, Clone)]
pub struct Project {
    pub note: NoteId,
    pub name: String,
    pub customers: Vec<Target>,
}

#[derive(Debug, Clone)]
pub struct Meeting {
    pub target: Target,
    pub title: String,
    /// `None` for a meeting known only from links (`Recent Context` entries).
    pub note: Option<NoteId>,
    pub date: Option<NaiveDate>,
    /// Where the date was read (`check` says when it is not a date field).
    pub date_basis: Option<MeetingDateBasis>,
    /// People listed as attendees, or whose notes record the meeting.
    pub attendees: Vec<Target>,
    /// Attendees as written that are no person of the vault: a name, an e-mail address, or
    /// both (`Pat Lee (plee@example-corp.com)`).
    pub guests: Vec<Guest>,
    pub source: Source,
}

/// An attendee with no person note.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Guest {
    /// The name as written, if one was.
    pub name: Option<String>,
    /// The e-mail address as written (lower-cased), if one was.
    pub email: Option<String>,
    /// The organisation: named beside them (`Mike Johnson (Velocity Ventures)`), else the one
    /// whose web site or mail domain is their address's.
    pub organization: Option<Target>,
    pub source: Source,
}

impl Guest {
    /// How a report names them: the name, else the address.
    pub fn shown(&self) -> String {
        self.name.clone().or_else(|| self.email.clone()).unwrap_or_default()
    }

    /// Who they are across notes: their address, else their name in lower case.
    pub fn key(&self) -> String {
        self.email.clone().unwrap_or_else(|| self.shown().to_lowercase())
    }

    /// The domain of their address (`customer.example`).
    pub fn domain(&self) -> Option<&str> {
        self.email.as_deref().and_then(|e| e.rsplit_once('@')).map(|(_, d)| d)
    }
}

/// Where a meeting's date was read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MeetingDateBasis {
    /// A date field (`date:`, `date::`, `Date:`).
    Field { name: String, line: u32 },
    /// A date in the file name (`2024-06-14 Sync`, `MoM 20230301`).
    FileName,
    /// The note's created field: no date field and none in the file name.
    Created { name: String, line: u32 },
    /// A dated Recent Context entry of a person who attended.
    RecentContext,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum DateBasis {
    /// Written on the item's line.
    Stated,
    /// The date of the meeting note holding it.
    Meeting,
    /// The `created` date of the note holding it.
    NoteCreated,
}

/// A bullet of a Key Facts or Decisions section.
#[derive(Debug, Clone)]
pub struct Item {
    pub text: String,
    pub date: Option<NaiveDate>,
    pub date_basis: Option<DateBasis>,
    pub links: Vec<Target>,
    pub note: NoteId,
    pub source: Source,
}

#[derive(Debug, Clone)]
pub struct Task {
    /// The description: wikilinks by their display text, dates, priority and fields removed.
    pub text: String,
    /// The line as written (Dataview's `text` keeps raw links and fields).
    pub raw: String,
    pub status: char,
    /// What the status character means (`[tasks] statuses`).
    pub status_type: crate::config::StatusType,
    /// Dates, priority, recurrence, inline fields and `@Handle`s read from the line.
    pub meta: TaskFields,
    /// Who does it: an `owner::` field, an `@Handle`, or a person linked at the start.
    pub owner: Option<String>,
    pub owner_target: Option<Target>,
    pub links: Vec<Target>,
    /// The list item this task is nested in (a parent task, or a bullet naming what the
    /// subtasks are about).
    pub parent: Option<TaskParent>,
    pub note: NoteId,
    pub source: Source,
}

#[derive(Debug, Clone)]
pub struct TaskParent {
    /// Its text, links by their display text.
    pub text: String,
    /// Its line in the task's note.
    pub line: u32,
    /// Whether it is a task itself.
    pub is_task: bool,
}

impl Task {
    /// Done (`[x]`, or a character configured as done).
    pub fn is_done(&self) -> bool {
        self.status_type == crate::config::StatusType::Done
    }

    /// To do or in progress: not done, cancelled or a checkbox that is no task.
    pub fn is_open(&self) -> bool {
        matches!(self.status_type, crate::config::StatusType::Todo | crate::config::StatusType::InProgress)
    }
}

#[derive(Debug, Clone)]
pub struct Topic {
    pub name: String,
    pub note: NoteId,
    pub source: Source,
}

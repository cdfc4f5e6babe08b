//! Graph + a meeting note or a list of names → who is in the room.
//!
//! The rules:
//! 1. Each input names a meeting note or a person note (title, file stem, alias or path,
//!    any case). Anything else, or a name that fits several notes, fails with candidates.
//! 2. A meeting note's attendees are its attendee and organizer fields and Attendees section,
//!    and the people whose Recent Context records it; names and addresses there that are no
//!    person of the vault are its *guests*. When it lists no one, the people its body links
//!    to are the attendees; otherwise those are only *mentioned*.
//! 3. The **customers in play** are the organisations of the attendees and guests who are
//!    not ours, and organisations the meeting note links to. The **projects in play** are those the meeting
//!    note links to, and those an attendee's note is linked with whose customer is in play.

use std::collections::BTreeSet;

use chrono::NaiveDate;

use super::{find_subject, SubjectError};
use crate::model::{Graph, Guest, Side};
use crate::vault::Target;

#[derive(Debug)]
pub struct MeetingSelection {
    /// The meeting note given (index into `graph.meetings`), if one was.
    pub meeting: Option<usize>,
    pub title: String,
    pub date: Option<NaiveDate>,
    /// Indices into `graph.people`.
    pub attendees: Vec<usize>,
    /// Attendees the meeting note names who are no person of the vault.
    pub guests: Vec<Guest>,
    /// Whether the meeting note names anyone as attending (else its links were taken).
    pub listed: bool,
    /// People the meeting note links to who are not listed as attendees.
    pub mentioned: Vec<usize>,
    pub customers: Vec<Target>,
    /// Indices into `graph.projects`.
    pub projects: Vec<usize>,
}

/// Resolves the command line's meeting note or names (rule 1) and selects the room.
pub fn select(graph: &Graph, inputs: &[String]) -> Result<MeetingSelection, SubjectError> {
    let mut meeting: Option<usize> = None;
    let mut attendees: BTreeSet<usize> = BTreeSet::new();
    let mut mentioned: BTreeSet<usize> = BTreeSet::new();
    let mut guests: Vec<Guest> = Vec::new();
    let mut listed_any = false;
    for input in inputs {
        let target = find_subject(graph, input)?;
        if let Some(i) = graph.person_index(&target) {
            attendees.insert(i);
            continue;
        }
        let found = graph.meetings.iter().position(|m| m.target == target);
        match found {
            Some(mi) if meeting.is_none() => {
                meeting = Some(mi);
                let m = &graph.meetings[mi];
                let listed: Vec<usize> = m.attendees.iter().filter_map(|a| graph.person_index(a)).collect();
                guests = m.guests.clone();
                listed_any = !listed.is_empty() || !guests.is_empty();
                let linked: Vec<usize> = m
                    .note
                    .map(|n| graph.links_from(n).iter().filter_map(|(t, _)| graph.person_index(t)).collect())
                    .unwrap_or_default();
                if !listed_any {
                    attendees.extend(linked);
                } else {
                    mentioned.extend(linked.into_iter().filter(|i| !listed.contains(i)));
                    attendees.extend(listed);
                }
            }
            Some(_) => {
                return Err(SubjectError::WrongKind {
                    query: input.clone(),
                    expected: "a person (only one meeting note can be given)".into(),
                    found: "a second meeting".into(),
                })
            }
            None => {
                return Err(SubjectError::WrongKind {
                    query: input.clone(),
                    expected: "a meeting note or a person".into(),
                    found: match &target {
                        Target::Note(_) => format!("a {} note", crate::report::subject_kind(graph.kind_of(&target))),
                        Target::Unresolved(_) => "a link target with no note".to_string(),
                    },
                })
            }
        }
    }
    mentioned.retain(|i| !attendees.contains(i));

    let meeting_note = meeting.and_then(|mi| graph.meetings[mi].note);
    let note_links: Vec<Target> =
        meeting_note.map(|n| graph.links_from(n).iter().map(|(t, _)| t.clone()).collect()).unwrap_or_default();
    let home = graph.home.as_ref().map(|h| &h.target);

    let mut customers: BTreeSet<Target> = BTreeSet::new();
    for &i in &attendees {
        let p = &graph.people[i];
        if graph.side_of(p) != Side::Ours {
            customers.extend(p.company.clone().filter(|c| Some(c) != home));
        }
    }
    for g in &guests {
        if graph.side_of_guest(g) != Side::Ours {
            customers.extend(g.organization.clone().filter(|c| Some(c) != home));
        }
    }
    customers.extend(note_links.iter().filter(|t| graph.organization(t).is_some() && Some(*t) != home).cloned());

    let attendee_targets: BTreeSet<Target> = attendees.iter().map(|&i| Target::Note(graph.people[i].note)).collect();
    let mut projects: BTreeSet<usize> = BTreeSet::new();
    for (pi, project) in graph.projects.iter().enumerate() {
        let target = Target::Note(project.note);
        let in_note = note_links.contains(&target);
        let with_attendee = graph.links_from(project.note).iter().any(|(t, _)| attendee_targets.contains(t))
            || graph.links_to(&target).iter().any(|(n, _)| attendee_targets.contains(&Target::Note(*n)));
        let customer_in_play = project.customers.iter().any(|c| customers.contains(c));
        if in_note || (with_attendee && customer_in_play) {
            projects.insert(pi);
        }
    }

    let (title, date) = match meeting {
        Some(mi) => (graph.meetings[mi].title.clone(), graph.meetings[mi].date),
        None => {
            let mut names: Vec<&str> = attendees.iter().map(|&i| graph.people[i].name.as_str()).collect();
            names.sort_by_key(|n| n.to_lowercase());
            (format!("Meeting with {}", names.join(", ")), None)
        }
    };
    let by_name = |set: BTreeSet<usize>| {
        let mut v: Vec<usize> = set.into_iter().collect();
        v.sort_by_key(|&i| (graph.people[i].name.to_lowercase(), i));
        v
    };
    Ok(MeetingSelection {
        meeting,
        title,
        date,
        attendees: by_name(attendees),
        guests,
        listed: listed_any || meeting.is_none(),
        mentioned: by_name(mentioned),
        customers: customers.into_iter().collect(),
        projects: projects.into_iter().collect(),
    })
}

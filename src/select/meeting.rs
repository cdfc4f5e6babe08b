//! Graph + a meeting note, names or an invite → who is in the room, and what the brief reads.
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
//! 4. A calendar invite's event is the meeting note of its day whose title is the event's
//!    (when exactly one is), with every invitee added: a person of the vault by address, else
//!    by name, else a guest. Who declined is listed apart and is no attendee.
//! 5. **What the brief reads besides the room**: each attendee's earlier meetings (before the
//!    meeting's day), facts (in their note or linking to them) and decisions (likewise, or in
//!    one of those meetings); the earlier meetings whose follow-ups count — those of the
//!    customer's people, or of ours when none of theirs is in the room; and the open questions
//!    of the notes read (the meeting's, the attendees', those in play and the earlier ones).

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use chrono::NaiveDate;

use super::{find_subject, merge_where, Merged, SubjectError};
use crate::invite::{Calendar, Event, Participation, Reply};
use crate::model::{Graph, Guest, Item, Side, Source};
use crate::vault::{NoteId, Target};

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
    /// What the calendar invite says, when the meeting came from one.
    pub invite: Option<InviteFacts>,
    /// What the brief reads besides the room (rule 5).
    pub history: History,
}

/// Rule 5: what the brief reads besides the room.
#[derive(Debug, Default)]
pub struct History {
    /// Per attendee, in the order of `attendees`.
    pub cards: Vec<AttendeeHistory>,
    /// The earlier meetings whose follow-ups the brief shows (indices into `graph.meetings`).
    pub earlier: BTreeSet<usize>,
    /// Their notes.
    pub earlier_notes: BTreeSet<NoteId>,
    /// The notes of the customers and projects in play.
    pub in_play: BTreeSet<NoteId>,
    /// Every note the brief reads.
    pub notes: BTreeSet<NoteId>,
    /// The open questions of those notes, merged.
    pub questions: Vec<Merged>,
}

#[derive(Debug)]
pub struct AttendeeHistory {
    /// Their earlier meetings, newest first.
    pub meetings: Vec<usize>,
    pub facts: Vec<Merged>,
    pub decisions: Vec<Merged>,
}

/// A calendar invite's event, and what each invitee answered.
#[derive(Debug)]
pub struct InviteFacts {
    /// The calendar file, as given on the command line.
    pub path: Arc<str>,
    pub event: Event,
    /// The answers of the attendees who are people of the vault (by index into `graph.people`).
    pub people: BTreeMap<usize, (Reply, Participation)>,
    /// The answers of the guests, by [`Guest::key`].
    pub guests: BTreeMap<String, (Reply, Participation)>,
    /// Invitees who declined: people of the vault (indices, with the invite's line), and
    /// guests. They are not attendees.
    pub declined: Vec<(usize, u32)>,
    pub declined_guests: Vec<Guest>,
    /// The meeting notes of that day whose title is the event's, when not exactly one (then
    /// the event is briefed without a note).
    pub unmatched: Vec<String>,
}

/// Resolves the command line's meeting note or names (rule 1) and selects the room and what
/// the brief reads around it, as of `as_of` when the meeting has no date.
pub fn select(graph: &Graph, inputs: &[String], as_of: NaiveDate) -> Result<MeetingSelection, SubjectError> {
    let mut selection = room(graph, inputs)?;
    selection.history = history(graph, &selection, as_of);
    Ok(selection)
}

/// Rules 1 to 3: who is in the room, and what is in play.
fn room(graph: &Graph, inputs: &[String]) -> Result<MeetingSelection, SubjectError> {
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
                        Target::Note(_) => format!("a {} note", graph.kind_of(&target).reader_name()),
                        Target::Unresolved(_) => "a link target with no note".to_string(),
                    },
                })
            }
        }
    }
    mentioned.retain(|i| !attendees.contains(i));
    let meeting_note = meeting.and_then(|mi| graph.meetings[mi].note);
    let (customers, projects) = in_play(graph, meeting_note, &attendees, &guests);

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
        customers,
        projects,
        invite: None,
        history: History::default(),
    })
}

/// The customers and projects in play (rule 3).
fn in_play(
    graph: &Graph,
    meeting_note: Option<NoteId>,
    attendees: &BTreeSet<usize>,
    guests: &[Guest],
) -> (Vec<Target>, Vec<usize>) {
    let note_links: Vec<Target> =
        meeting_note.map(|n| graph.links_from(n).iter().map(|(t, _)| t.clone()).collect()).unwrap_or_default();
    let home = graph.home.as_ref().map(|h| &h.target);

    let mut customers: BTreeSet<Target> = BTreeSet::new();
    for &i in attendees {
        let p = &graph.people[i];
        if graph.side_of(p) != Side::Ours {
            customers.extend(p.company.clone().filter(|c| Some(c) != home));
        }
    }
    for g in guests {
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
    (customers.into_iter().collect(), projects.into_iter().collect())
}

/// The room of a calendar invite's event (rule 4): the meeting note of its day and title
/// when there is exactly one (or the one given among `inputs`), with the invitees added:
/// each matched to a person by address, else by name; the others are guests. Invitees who
/// declined are listed apart, not as attendees.
pub fn select_invite(
    graph: &Graph,
    calendar: &Calendar,
    event: &Event,
    inputs: &[String],
    as_of: NaiveDate,
) -> Result<MeetingSelection, SubjectError> {
    let mut inputs = inputs.to_vec();
    let mut selection = room(graph, &inputs)?;
    let mut unmatched = Vec::new();
    if selection.meeting.is_none() {
        let candidates = notes_of_event(graph, event);
        match candidates.as_slice() {
            [mi] => {
                inputs.extend(graph.path_of(&graph.meetings[*mi].target).map(str::to_string));
                selection = room(graph, &inputs)?;
            }
            _ => unmatched = candidates.iter().map(|&mi| graph.meetings[mi].title.clone()).collect(),
        }
    }
    let mut attendees: BTreeSet<usize> = selection.attendees.iter().copied().collect();
    let mut guests = std::mem::take(&mut selection.guests);
    let mut facts = InviteFacts {
        path: calendar.path.clone(),
        event: event.clone(),
        people: BTreeMap::new(),
        guests: BTreeMap::new(),
        declined: Vec::new(),
        declined_guests: Vec::new(),
        unmatched,
    };
    for who in event.invitees() {
        let answer = (who.reply, who.role);
        let declined = who.reply == Reply::Declined;
        let person = who
            .email
            .as_deref()
            .and_then(|e| graph.person_with_email(e))
            .or_else(|| who.name.as_deref().and_then(|n| person_named(graph, n)));
        if let Some(i) = person {
            facts.people.insert(i, answer);
            if declined {
                attendees.remove(&i);
                facts.declined.push((i, who.line));
            } else {
                attendees.insert(i);
            }
            continue;
        }
        let guest = merged_guest(graph, calendar, &who, &mut guests);
        facts.guests.insert(guest.key(), answer);
        if declined {
            facts.declined_guests.push(guest);
        } else {
            guests.push(guest);
        }
    }
    selection.mentioned.retain(|i| !attendees.contains(i) && !facts.declined.iter().any(|(d, _)| d == i));
    facts.declined.sort_by_key(|&(i, _)| (graph.people[i].name.to_lowercase(), i));
    let meeting_note = selection.meeting.and_then(|mi| graph.meetings[mi].note);
    let (customers, projects) = in_play(graph, meeting_note, &attendees, &guests);
    let mut attendees: Vec<usize> = attendees.into_iter().collect();
    attendees.sort_by_key(|&i| (graph.people[i].name.to_lowercase(), i));
    let mut selection = MeetingSelection {
        title: event.summary.clone(),
        date: Some(event.start.date),
        attendees,
        guests,
        listed: true,
        customers,
        projects,
        invite: Some(facts),
        ..selection
    };
    selection.history = history(graph, &selection, as_of);
    Ok(selection)
}

/// Rule 5, for a room already selected.
fn history(graph: &Graph, selection: &MeetingSelection, as_of: NaiveDate) -> History {
    let date = selection.date.unwrap_or(as_of);
    let meeting_note = selection.meeting.and_then(|mi| graph.meetings[mi].note);
    let this_meeting = selection.meeting.map(|mi| &graph.meetings[mi].target);
    // Earlier meetings (and their follow-ups) come through the customer's people: one of our
    // own colleagues in the room does not bring in their meetings with other accounts. With
    // none of theirs in the room, ours bring theirs.
    let anyone_else = selection.attendees.iter().any(|&i| graph.side_of(&graph.people[i]) != Side::Ours);
    let mut earlier: BTreeSet<usize> = BTreeSet::new();
    let mut cards = Vec::new();
    for &i in &selection.attendees {
        let meetings = earlier_meetings(graph, this_meeting, date, i);
        if !anyone_else || graph.side_of(&graph.people[i]) != Side::Ours {
            earlier.extend(meetings.iter().copied());
        }
        let p = &graph.people[i];
        let target = Target::Note(p.note);
        let meeting_notes: BTreeSet<NoteId> = meetings.iter().filter_map(|&mi| graph.meetings[mi].note).collect();
        let about = |item: &Item| item.note == p.note || item.links.contains(&target);
        let facts = merge_where(&graph.facts, about);
        let decisions = merge_where(&graph.decisions, |d| about(d) || meeting_notes.contains(&d.note));
        cards.push(AttendeeHistory { meetings, facts, decisions });
    }
    let in_play: BTreeSet<NoteId> = selection
        .customers
        .iter()
        .filter_map(Target::note)
        .chain(selection.projects.iter().map(|&pi| graph.projects[pi].note))
        .collect();
    let earlier_notes: BTreeSet<NoteId> = earlier.iter().filter_map(|&mi| graph.meetings[mi].note).collect();
    let notes: BTreeSet<NoteId> = meeting_note
        .into_iter()
        .chain(selection.attendees.iter().map(|&i| graph.people[i].note))
        .chain(in_play.iter().copied())
        .chain(earlier_notes.iter().copied())
        .collect();
    let questions = merge_where(&graph.questions, |q| notes.contains(&q.note));
    History { cards, earlier, earlier_notes, in_play, notes, questions }
}

/// The meetings person `i` attended before `date` (other than this one), newest first.
fn earlier_meetings(graph: &Graph, this_meeting: Option<&Target>, date: NaiveDate, i: usize) -> Vec<usize> {
    let me = Target::Note(graph.people[i].note);
    let mut found: Vec<usize> = graph
        .meetings
        .iter()
        .enumerate()
        .filter(|(_, m)| Some(&m.target) != this_meeting && m.attendees.contains(&me))
        .filter(|(_, m)| m.date.is_some_and(|d| d < date))
        .map(|(mi, _)| mi)
        .collect();
    found.sort_by_key(|&mi| std::cmp::Reverse((graph.meetings[mi].date, mi)));
    found
}

/// An invitee who is no person of the vault, as a guest: the meeting note's guest of the same
/// address or name (taken out of `guests`), completed from the invite, else a new one.
fn merged_guest(graph: &Graph, calendar: &Calendar, who: &crate::invite::Invitee, guests: &mut Vec<Guest>) -> Guest {
    let by_domain =
        who.email.as_deref().and_then(|e| e.rsplit_once('@')).and_then(|(_, d)| graph.organization_of_domain(d));
    let invited = Guest {
        name: who.name.clone(),
        email: who.email.clone(),
        organization: by_domain.cloned(),
        source: Source { path: calendar.path.clone(), line: who.line },
    };
    // The meeting note may name them already: the note's line stays, the invite adds
    // what the note did not write.
    let same = |g: &Guest| {
        (g.email.is_some() && g.email == invited.email)
            || g.name.as_deref().zip(invited.name.as_deref()).is_some_and(|(a, b)| a.eq_ignore_ascii_case(b))
    };
    match guests.iter().position(same) {
        Some(at) => {
            let mut g = guests.remove(at);
            g.email = g.email.or(invited.email);
            g.organization = g.organization.or(invited.organization);
            g.name = g.name.or(invited.name);
            g
        }
        None => invited,
    }
}

/// The meeting notes of the event's day whose title is the event's summary, ignoring case,
/// punctuation and the date a file name may carry (`2026-12-02 - Contoso security review`).
fn notes_of_event(graph: &Graph, event: &Event) -> Vec<usize> {
    let words = |title: &str| -> String {
        let lower = title.to_lowercase();
        let kept: Vec<&str> = lower
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty() && !w.chars().all(|c| c.is_ascii_digit()))
            .collect();
        kept.join(" ")
    };
    let want = words(&event.summary);
    graph
        .meetings
        .iter()
        .enumerate()
        .filter(|(_, m)| m.note.is_some() && m.date == Some(event.start.date))
        .filter(|(_, m)| !want.is_empty() && same_title(&words(&m.title), &want))
        .map(|(mi, _)| mi)
        .collect()
}

/// Equal, or one holds the other's words in a row when those are at least two
/// (`contoso security review` and `security review`).
fn same_title(a: &str, b: &str) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    a == b || (short.contains(' ') && format!(" {long} ").contains(&format!(" {short} ")))
}

/// The person a name in an invite stands for: `Pat Lee` as a note's title, stem or alias.
fn person_named(graph: &Graph, name: &str) -> Option<usize> {
    find_subject(graph, name).ok().and_then(|t| graph.person_index(&t))
}

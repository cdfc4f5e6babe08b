//! A meeting selection → the pre-meeting briefing: a card per attendee, what is open around
//! the meeting, talking points drawn from the notes (each with its source), and the gaps the
//! vault leaves.

use std::collections::BTreeSet;

use chrono::NaiveDate;
use serde::Serialize;

use super::{
    fmt_date, guest_view, item_views, meeting_view, named_view, person_view, sort_meetings, sort_tasks, source_notes,
    task_view, warnings_in, GuestView, ItemView, MeetingView, NamedView, PersonView, ReportHeader, SourceNoteView,
    SourceView, SubjectView, TaskView, WarningView,
};
use super::{side_rank, GapKind, SubjectKind, TalkingPointKind};
use crate::invite::{Participation, Reply};
use crate::model::stakeholder::BuyingRole;
use crate::model::{Graph, Side};
use crate::select::meeting::{AttendeeHistory, MeetingSelection};
use crate::select::Mentions;
use crate::vault::{NoteId, Target};

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct MeetingBriefView {
    /// The meeting, the date, the vault and our side (these keys stand at the top level).
    #[serde(flatten)]
    pub header: ReportHeader,
    /// The meeting being prepared.
    pub meeting: MeetingInfoView,
    /// The attendees, as in a briefing's `people`.
    pub people: Vec<PersonView>,
    /// One card per attendee, in the order of `people`.
    pub attendees: Vec<AttendeeView>,
    /// Attendees with no person note, as the meeting note or invite names them (a name, an
    /// address, or both); each is also a preparation gap.
    pub guests: Vec<MeetingGuestView>,
    /// Invitees who declined the invite (people of the vault and guests alike); they are
    /// not in `people`, `attendees` or `guests`.
    pub declined: Vec<DeclinedView>,
    /// People the meeting note links to who are not listed as attendees.
    pub mentioned: Vec<PersonView>,
    /// Customers in play: linked from the meeting or its attendees.
    pub customers: Vec<NamedView>,
    /// Projects in play.
    pub projects: Vec<NamedView>,
    /// Earlier meetings with any of the attendees, newest first.
    pub meetings: Vec<MeetingView>,
    /// Decisions the attendees were part of.
    pub decisions: Vec<ItemView>,
    /// Facts about the attendees.
    pub facts: Vec<ItemView>,
    /// Decisions still to be made, from the notes of the customers, projects and people in play.
    pub open_questions: Vec<ItemView>,
    /// Every open task of this briefing: the attendees', follow-ups and those due around the date.
    pub tasks: Vec<TaskView>,
    /// Open tasks written in earlier meetings with these people.
    pub follow_ups: Vec<TaskView>,
    /// Open tasks due within `due_window_days` of the meeting date.
    pub due_around: Vec<TaskView>,
    /// Tasks due this many days either side of the meeting are listed.
    pub due_window_days: i64,
    /// Suggested talking points, each citing the line it comes from.
    pub talking_points: Vec<TalkingPointView>,
    /// What the vault does not say and a briefing needs.
    pub gaps: Vec<GapView>,
    /// Problems in the notes this briefing reads.
    pub warnings: Vec<WarningView>,
    /// Every note the briefing drew on.
    pub sources: Vec<SourceNoteView>,
}

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct MeetingInfoView {
    /// The meeting's title.
    pub title: String,
    /// The meeting note's date; null when names were given or the note has none.
    pub date: Option<String>,
    /// Its note; null when the meeting was given as names.
    pub path: Option<String>,
    /// Days from the as-of date to the meeting (negative: it is past).
    pub days_until: Option<i64>,
    /// From the invite: its start and end time (`HH:MM`, as the invite writes them).
    pub start_time: Option<String>,
    pub end_time: Option<String>,
    /// The invite's time zone: `UTC`, or its `TZID` as written; null for a floating time.
    pub time_zone: Option<String>,
    /// The invite's location (or the rooms it books).
    pub location: Option<String>,
    /// The invite's description, without the dial-in block calendar programs append.
    pub description: Option<String>,
    /// The invite's organizer, as it names them.
    pub organizer: Option<String>,
    /// The calendar file the meeting was read from; null when it came from the vault alone.
    pub invite: Option<InviteView>,
}

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct InviteView {
    /// The calendar file, as given on the command line (not vault-relative).
    pub path: String,
    /// The line of the event (`BEGIN:VEVENT`).
    pub line: u32,
    /// The event's UID.
    pub uid: Option<String>,
    /// Whether the event repeats: only its first occurrence is briefed.
    pub recurs: bool,
}

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct MeetingGuestView {
    /// The guest, as in a review's `guests_met` (its fields appear at this level).
    #[serde(flatten)]
    pub guest: GuestView,
    /// Their answer to the invite (accepted | tentative | delegated | needs-action); null
    /// without an invite.
    pub reply: Option<Reply>,
    /// How the invite asks them (chair | required | optional | non-participant).
    pub participation: Option<Participation>,
}

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct DeclinedView {
    pub name: String,
    pub email: Option<String>,
    /// Their note, when they are a person of the vault.
    pub path: Option<String>,
    pub company: Option<String>,
    pub side: Side,
    /// The invite's line.
    pub source: SourceView,
}

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct AttendeeView {
    /// Everything a briefing says about a person (its fields appear at this level).
    #[serde(flatten)]
    pub person: PersonView,
    /// Recent Context entries, newest first.
    pub recent_context: Vec<ContextView>,
    /// Earlier meetings they attended, newest first.
    pub previous_meetings: Vec<MeetingView>,
    /// Key facts from their note.
    pub facts: Vec<ItemView>,
    /// Decisions they were part of.
    pub decisions: Vec<ItemView>,
    /// Open tasks they own or that mention them.
    pub open_tasks: Vec<TaskView>,
    /// Their answer to the invite; null without an invite or when it does not name them.
    pub reply: Option<Reply>,
    /// How the invite asks them.
    pub participation: Option<Participation>,
    /// Why to be careful: stale, overdue for contact, needs review, created automatically,
    /// not answered the invite.
    pub cautions: Vec<String>,
}

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct ContextView {
    /// The entry's date (`YYYY-MM-DD`).
    pub date: Option<String>,
    /// The meeting it links to, if any.
    pub meeting: Option<String>,
    /// That meeting's note.
    pub meeting_path: Option<String>,
    /// What the entry says.
    pub summary: String,
    /// Who the contact came through ("via" in the entry).
    pub via: Option<String>,
    /// The entry's line.
    pub source: SourceView,
}

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct TalkingPointView {
    /// Where it comes from.
    pub kind: TalkingPointKind,
    /// The point to raise.
    pub text: String,
    /// The line it is drawn from.
    pub source: SourceView,
}

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct GapView {
    /// What is missing.
    pub kind: GapKind,
    /// The attendee concerned, if any.
    pub person: Option<String>,
    /// What is missing from the preparation, and for whom.
    pub message: String,
}

/// How many Recent Context entries and earlier meetings an attendee card shows.
const HISTORY: usize = 5;

pub fn meeting(graph: &Graph, selection: &MeetingSelection, as_of: NaiveDate) -> MeetingBriefView {
    let date = selection.date.unwrap_or(as_of);
    let meeting_note = selection.meeting.and_then(|mi| graph.meetings[mi].note);
    let history = &selection.history;
    let mut attendees: Vec<AttendeeView> = selection
        .attendees
        .iter()
        .zip(&history.cards)
        .map(|(&i, card)| attendee_card(graph, selection, i, card, as_of))
        .collect();
    // Their people first, then ours, then unknown; by name (the selection's order).
    attendees.sort_by_key(|a| side_rank(a.person.side));
    let (earlier_notes, in_play, notes) = (&history.earlier_notes, &history.in_play, &history.notes);

    let (follow_ups, due_around, tasks) =
        meeting_tasks(graph, &attendees, earlier_notes, in_play, meeting_note, date, as_of);
    let window = graph.settings.meeting.due_window_days;

    let open_questions = item_views(&history.questions, &graph.questions);
    let decisions = union_by_date(attendees.iter().map(|a| &a.decisions));
    let facts = union_by_date(attendees.iter().map(|a| &a.facts));
    let mut meetings: Vec<MeetingView> = history.earlier.iter().map(|&mi| meeting_view(graph, mi)).collect();
    sort_meetings(&mut meetings);

    let talking_points = talking_points(&open_questions, &follow_ups, &due_around, &attendees, as_of);
    let guests = guest_views(graph, selection);
    let declined = declined_views(graph, selection);
    let gaps = gaps(graph, selection, &attendees, &guests);

    let path = meeting_note.map(|n| graph.vault.note(n).path.clone());
    MeetingBriefView {
        header: super::header(
            graph,
            SubjectView { name: selection.title.clone(), kind: SubjectKind::Meeting, path: path.clone() },
            as_of,
        ),
        meeting: meeting_info(selection, path, as_of),
        people: attendees.iter().map(|a| a.person.clone()).collect(),
        mentioned: selection
            .mentioned
            .iter()
            .map(|&i| person_view(graph, i, as_of, vec!["mentioned in the meeting note".to_string()]))
            .collect(),
        attendees,
        guests,
        declined,
        customers: selection.customers.iter().map(|c| named_view(graph, c)).collect(),
        projects: selection
            .projects
            .iter()
            .map(|&pi| named_view(graph, &Target::Note(graph.projects[pi].note)))
            .collect(),
        meetings,
        decisions,
        facts,
        open_questions,
        tasks,
        follow_ups,
        due_around,
        due_window_days: window,
        talking_points,
        gaps,
        warnings: warnings_in(graph, notes),
        sources: source_notes(graph, notes),
    }
}

/// The meeting's open tasks: follow-ups (written in earlier meetings with these people),
/// those due around its date, and all that concern it (the attendees', the follow-ups, and
/// the account's).
fn meeting_tasks(
    graph: &Graph,
    attendees: &[AttendeeView],
    earlier_notes: &BTreeSet<NoteId>,
    in_play: &BTreeSet<NoteId>,
    meeting_note: Option<NoteId>,
    date: NaiveDate,
    as_of: NaiveDate,
) -> (Vec<TaskView>, Vec<TaskView>, Vec<TaskView>) {
    let follow_ups = open_tasks(graph, as_of, &|t| earlier_notes.contains(&t.note));
    let window = graph.settings.meeting.due_window_days;
    let attendee_tasks: BTreeSet<(&str, u32)> =
        attendees.iter().flat_map(|a| a.open_tasks.iter().map(|t| (t.source.path.as_str(), t.source.line))).collect();
    let relevant = |t: &crate::model::Task| {
        attendee_tasks.contains(&(&*t.source.path, t.source.line))
            || earlier_notes.contains(&t.note)
            || in_play.contains(&t.note)
            || meeting_note == Some(t.note)
    };
    let due_around =
        open_tasks(graph, as_of, &|t| relevant(t) && t.meta.due.is_some_and(|d| (d - date).num_days().abs() <= window));
    let tasks = open_tasks(graph, as_of, &relevant);

    (follow_ups, due_around, tasks)
}

/// The open tasks `keep` accepts, as a briefing orders them.
fn open_tasks(graph: &Graph, as_of: NaiveDate, keep: &dyn Fn(&crate::model::Task) -> bool) -> Vec<TaskView> {
    let mut v: Vec<TaskView> = graph
        .tasks
        .iter()
        .enumerate()
        .filter(|(_, t)| t.is_open() && keep(t))
        .map(|(i, _)| task_view(graph, i, as_of))
        .collect();
    sort_tasks(&mut v);
    v
}

/// One attendee's card: who they are, what we last discussed, earlier meetings, their facts,
/// decisions and open tasks, and why to be careful.
fn attendee_card(
    graph: &Graph,
    selection: &MeetingSelection,
    i: usize,
    card: &AttendeeHistory,
    as_of: NaiveDate,
) -> AttendeeView {
    let p = &graph.people[i];
    let target = Target::Note(p.note);
    let mentionable = Mentions::of(graph, [&target]);
    let facts = item_views(&card.facts, &graph.facts);
    let decisions = item_views(&card.decisions, &graph.decisions);
    let open_tasks =
        open_tasks(graph, as_of, &|t| t.owner_target.as_ref() == Some(&target) || mentionable.mentioned_by(t));
    let previous_meetings: Vec<MeetingView> =
        card.meetings.iter().take(HISTORY).map(|&mi| meeting_view(graph, mi)).collect();
    let person = person_view(graph, i, as_of, vec!["attends the meeting".to_string()]);
    let answer = selection.invite.as_ref().and_then(|f| f.people.get(&i)).copied();
    let cautions = cautions(p, &person, answer.map(|a| a.0));
    AttendeeView {
        person,
        recent_context: recent_context(graph, p, as_of),
        previous_meetings,
        facts,
        decisions,
        open_tasks,
        reply: answer.map(|a| a.0),
        participation: answer.map(|a| a.1),
        cautions,
    }
}

/// A person's Recent Context up to `as_of`: newest first, undated last, at most [`HISTORY`].
fn recent_context(graph: &Graph, p: &crate::model::Person, as_of: NaiveDate) -> Vec<ContextView> {
    let mut recent: Vec<ContextView> = p
        .recent
        .iter()
        .filter(|e| e.date.is_none_or(|d| d <= as_of))
        .map(|e| ContextView {
            date: fmt_date(e.date),
            meeting: e.meeting_title.clone(),
            meeting_path: e.meeting.as_ref().and_then(|m| graph.path_of(m)).map(str::to_string),
            summary: e.summary.clone(),
            via: e.via.clone(),
            source: (&e.source).into(),
        })
        .collect();
    recent.sort_by(|a, b| {
        a.date
            .is_none()
            .cmp(&b.date.is_none())
            .then_with(|| b.date.cmp(&a.date))
            .then_with(|| (&a.source.path, a.source.line).cmp(&(&b.source.path, b.source.line)))
    });
    recent.truncate(HISTORY);
    recent
}

/// Why to be careful with an attendee: stale, past their cadence, needs review, created
/// automatically, not (fully) answered the invite.
fn cautions(p: &crate::model::Person, person: &PersonView, reply: Option<Reply>) -> Vec<String> {
    let mut cautions = Vec::new();
    match person.days_since_contact {
        None => cautions.push("no contact recorded".to_string()),
        Some(d) if person.stale => cautions.push(format!("stale: last contact {d} days ago")),
        _ => {}
    }
    if let (Some(over), Some(every)) = (person.contact_overdue_days, person.contact_every) {
        cautions.push(format!("{over} days past the {every}-day contact cadence"));
    }
    if p.needs_review {
        cautions.push("note is tagged needs-review".to_string());
    }
    if p.auto_created {
        cautions.push("note was created automatically; check it".to_string());
    }
    cautions.extend(reply.and_then(reply_caution));
    cautions
}

/// The items of several cards, each once (by its first source), newest first.
fn union_by_date<'a>(lists: impl Iterator<Item = &'a Vec<ItemView>>) -> Vec<ItemView> {
    let mut out: Vec<ItemView> = Vec::new();
    for list in lists {
        for item in list {
            if !out.iter().any(|x| x.source.path == item.source.path && x.source.line == item.source.line) {
                out.push(item.clone());
            }
        }
    }
    out.sort_by(|a, b| {
        b.date.cmp(&a.date).then_with(|| (&a.source.path, a.source.line).cmp(&(&b.source.path, b.source.line)))
    });
    out
}

/// The guests, each with their answer to the invite.
fn guest_views(graph: &Graph, selection: &MeetingSelection) -> Vec<MeetingGuestView> {
    selection
        .guests
        .iter()
        .map(|g| {
            let answer = selection.invite.as_ref().and_then(|f| f.guests.get(&g.key())).copied();
            MeetingGuestView {
                guest: guest_view(graph, g),
                reply: answer.map(|a| a.0),
                participation: answer.map(|a| a.1),
            }
        })
        .collect()
}

/// What the meeting is: the note's title and date, and what its invite adds.
fn meeting_info(selection: &MeetingSelection, path: Option<String>, as_of: NaiveDate) -> MeetingInfoView {
    let event = selection.invite.as_ref().map(|f| &f.event);
    let time = |w: Option<&crate::invite::When>| w.and_then(|w| w.time).map(|t| t.format("%H:%M").to_string());
    MeetingInfoView {
        title: selection.title.clone(),
        date: fmt_date(selection.date),
        path,
        days_until: selection.date.map(|d| (d - as_of).num_days()),
        start_time: time(event.map(|e| &e.start)),
        end_time: time(event.and_then(|e| e.end.as_ref())),
        time_zone: event.and_then(|e| e.start.zone.clone()),
        location: event.and_then(|e| e.location.clone()),
        description: event.and_then(|e| e.description.clone()),
        organizer: event.and_then(|e| e.organizer.as_ref()).and_then(|o| o.name.clone().or_else(|| o.email.clone())),
        invite: selection.invite.as_ref().map(|f| InviteView {
            path: f.path.to_string(),
            line: f.event.line,
            uid: f.event.uid.clone(),
            recurs: f.event.recurs,
        }),
    }
}

/// Why an answer to the invite calls for care.
fn reply_caution(reply: Reply) -> Option<String> {
    match reply {
        Reply::Tentative => Some("accepted the invite only tentatively".into()),
        Reply::NeedsAction => Some("has not answered the invite".into()),
        Reply::Delegated => Some("delegated the invite to someone else".into()),
        Reply::Accepted | Reply::Declined => None,
    }
}

/// The invitees who declined: people of the vault first, then guests, each by name.
fn declined_views(graph: &Graph, selection: &MeetingSelection) -> Vec<DeclinedView> {
    let Some(facts) = &selection.invite else { return Vec::new() };
    let mut out: Vec<DeclinedView> = facts
        .declined
        .iter()
        .map(|&(i, line)| {
            let p = &graph.people[i];
            let email = p.contact.email.as_ref().map(|e| e.value.to_lowercase());
            DeclinedView {
                name: p.name.clone(),
                path: Some(graph.vault.note(p.note).path.clone()),
                company: p.company.as_ref().map(|c| graph.name_of(c)),
                side: graph.side_of(p),
                source: SourceView { path: facts.path.to_string(), line },
                email,
            }
        })
        .collect();
    out.extend(facts.declined_guests.iter().map(|g| {
        let v = guest_view(graph, g);
        DeclinedView {
            name: v.name,
            email: v.email,
            path: None,
            company: v.company.or(v.domain),
            side: v.side,
            source: v.source,
        }
    }));
    out
}

/// Talking points, each drawn from one line of the vault: decisions to ask for, follow-ups
/// to report on, tasks falling due, and where the last conversation with each of their
/// people stopped.
fn talking_points(
    questions: &[ItemView],
    follow_ups: &[TaskView],
    due_around: &[TaskView],
    attendees: &[AttendeeView],
    as_of: NaiveDate,
) -> Vec<TalkingPointView> {
    let mut out = Vec::new();
    for q in questions {
        out.push(TalkingPointView {
            kind: TalkingPointKind::Decide,
            text: format!("Ask for a decision: {}", q.text),
            source: q.source.clone(),
        });
    }
    let as_of = as_of.format("%Y-%m-%d").to_string();
    for t in follow_ups {
        let when = match &t.due {
            Some(d) if *d < as_of => format!(" (overdue since {d})"),
            Some(d) => format!(" (due {d})"),
            None => String::new(),
        };
        out.push(TalkingPointView {
            kind: TalkingPointKind::FollowUp,
            text: format!("Report on: {}{when}", t.text),
            source: t.source.clone(),
        });
    }
    let is_follow_up = |t: &TaskView| follow_ups.iter().any(|f| f.source == t.source);
    for t in due_around.iter().filter(|t| !is_follow_up(t)) {
        let due = t.due.as_deref().unwrap_or_default();
        let when = if t.overdue { format!("Overdue since {due}") } else { format!("Due {due}") };
        out.push(TalkingPointView {
            kind: TalkingPointKind::Due,
            text: format!("{when}: {}", t.text),
            source: t.source.clone(),
        });
    }
    for a in attendees.iter().filter(|a| a.person.side != Side::Ours) {
        if let Some(last) = a.recent_context.iter().find(|c| !c.summary.is_empty()) {
            out.push(TalkingPointView {
                kind: TalkingPointKind::PickUp,
                text: format!(
                    "Pick up with {} from {}: {}",
                    a.person.name,
                    last.date.as_deref().unwrap_or("the last conversation"),
                    last.summary
                ),
                source: last.source.clone(),
            });
        }
    }
    out
}

/// What the vault does not say: facts kept apart from suggestions.
fn gaps(
    graph: &Graph,
    selection: &MeetingSelection,
    attendees: &[AttendeeView],
    guests: &[MeetingGuestView],
) -> Vec<GapView> {
    let mut out = Vec::new();
    if selection.meeting.is_some() && selection.date.is_none() {
        out.push(GapView { kind: GapKind::NoDate, person: None, message: "The meeting note has no date".into() });
    }
    if !selection.listed {
        let message = if attendees.is_empty() {
            "The meeting note names no attendees: who will be in the room is not known".to_string()
        } else {
            "The meeting note names no attendees: the people it links to are taken as attending".to_string()
        };
        out.push(GapView { kind: GapKind::NoAttendees, person: None, message });
    }
    if selection.customers.is_empty() {
        out.push(GapView {
            kind: GapKind::NoCustomer,
            person: None,
            message: "No customer is known for this meeting, so no economic buyer could be looked for".into(),
        });
    }
    // An economic buyer per project in play, else per customer in play, among all their people.
    let holds_role = |company: &Target, project: Option<&Target>| {
        graph.people.iter().any(|p| {
            p.company.as_ref() == Some(company)
                && p.stakeholder.roles_for(project).any(|r| r == BuyingRole::EconomicBuyer)
        })
    };
    if selection.projects.is_empty() {
        for c in &selection.customers {
            if !holds_role(c, None) {
                out.push(GapView {
                    kind: GapKind::NoEconomicBuyer,
                    person: None,
                    message: format!("No economic buyer known at {}", graph.name_of(c)),
                });
            }
        }
    } else {
        for &pi in &selection.projects {
            let project = &graph.projects[pi];
            let target = Target::Note(project.note);
            if !project.customers.iter().any(|c| holds_role(c, Some(&target))) {
                out.push(GapView {
                    kind: GapKind::NoEconomicBuyer,
                    person: None,
                    message: format!("No economic buyer known for {}", project.name),
                });
            }
        }
    }
    let someone = !attendees.is_empty() || !guests.is_empty();
    let theirs =
        attendees.iter().any(|a| a.person.side == Side::Theirs) || guests.iter().any(|g| g.guest.side == Side::Theirs);
    if someone && !theirs {
        out.push(GapView {
            kind: GapKind::NoCustomerAttendee,
            person: None,
            message: "No attendee is known to work for the customer".into(),
        });
    }
    out.extend(people_gaps(graph, attendees, guests));
    out
}

/// What is not known about each person in the room: a guest has no note; an attendee may
/// lack a role, a company, a buying role or a recent contact.
fn people_gaps(graph: &Graph, attendees: &[AttendeeView], guests: &[MeetingGuestView]) -> Vec<GapView> {
    let mut out = Vec::new();
    let no_contact = graph.settings.meeting.no_contact_gap_days;
    for g in guests.iter().map(|g| &g.guest) {
        let who = match &g.email {
            Some(email) if *email != g.name => format!("{} ({email})", g.name),
            _ => g.name.clone(),
        };
        let at = g.company.as_ref().map(|c| format!(" of {c}")).unwrap_or_default();
        out.push(GapView {
            kind: GapKind::NoNote,
            person: Some(g.name.clone()),
            message: format!("No note for {who}{at}: who is this, and what do they care about?"),
        });
    }
    for a in attendees {
        let p = &a.person;
        let gap = |kind, message: String| GapView { kind, person: Some(p.name.clone()), message };
        if p.role.is_none() {
            out.push(gap(GapKind::NoRole, format!("{} has no role recorded", p.name)));
        }
        if p.company.is_none() {
            out.push(gap(GapKind::NoCompany, format!("{} has no company recorded", p.name)));
        }
        if p.side != Side::Ours {
            if p.buying_roles.is_empty() {
                out.push(gap(GapKind::NoBuyingRole, format!("{} has no buying role recorded", p.name)));
            }
            match p.days_since_contact {
                Some(d) if d > no_contact => {
                    out.push(gap(GapKind::NoRecentContact, format!("No contact with {} in {d} days", p.name)))
                }
                None => out.push(gap(GapKind::NoRecentContact, format!("No contact with {} recorded", p.name))),
                _ => {}
            }
        }
    }
    out
}

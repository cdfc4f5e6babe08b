//! A selection → the stakeholder map: people grouped by side and company, as an org chart
//! where `reports_to` is known, with the edges between them (reporting lines, shared
//! meetings, introductions, relationship owners) and the buying-role status line.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use serde::Serialize;

use super::review::{coverage, CoverageView};
use super::{
    connections, fmt_date, guest_view, meeting_view, named_view, person_view, sort_meetings, source_notes, warnings_in,
    GuestView, MeetingView, NamedView, PersonView, ReportHeader, SourceNoteView, SourceView, WarningView,
};
use super::{side_rank, EdgeKind};
use crate::model::{Graph, Side};
use crate::select::{Selection, Tie};
use crate::vault::{NoteId, Target};

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct MapView {
    /// What the map is about, the date, the vault and our side (these keys stand at the top level).
    #[serde(flatten)]
    pub header: ReportHeader,
    /// Everyone on the map, as in a briefing.
    pub people: Vec<PersonView>,
    /// Their side first, then ours, then unknown; by company. Within a group, an org chart.
    pub groups: Vec<GroupView>,
    /// People not on our side met in the subject's meetings (up to the as-of date) who have no
    /// person note: they are not on the chart, but they were in the room.
    pub guests: Vec<MapGuestView>,
    /// The lines between people.
    pub edges: Vec<EdgeView>,
    /// The power/interest grid of `people`: influence against disposition.
    pub grid: super::grid::GridView,
    /// Buying-role coverage on their side.
    pub coverage: CoverageView,
    /// One line: which buying roles are covered, by whom, and who on our side knows them.
    pub status_line: String,
    /// The meetings behind the "met" edges.
    pub meetings: Vec<MeetingView>,
    /// Projects linked to the subject.
    pub projects: Vec<NamedView>,
    /// Customers linked to the subject.
    pub customers: Vec<NamedView>,
    /// Problems in the notes this map reads.
    pub warnings: Vec<WarningView>,
    /// Every note the map drew on.
    pub sources: Vec<SourceNoteView>,
}

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct MapGuestView {
    /// The guest as a meeting first names them (its fields appear at this level).
    #[serde(flatten)]
    pub guest: GuestView,
    /// How many of the subject's meetings they attended.
    pub meetings: usize,
    /// The date of the last of them (`YYYY-MM-DD`).
    pub last_met: Option<String>,
}

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct GroupView {
    /// Whose side the group is on.
    pub side: Side,
    /// null: the company is not known.
    pub company: Option<String>,
    /// In org-chart order: each manager before the people reporting to them.
    pub members: Vec<MemberView>,
}

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct MemberView {
    /// Index into `people`.
    pub person: usize,
    /// The person's name.
    pub name: String,
    /// Their note.
    pub path: String,
    /// 0 for the top of the chart; one more for each reporting line above within the group.
    pub depth: usize,
}

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct EdgeView {
    /// What the line stands for.
    pub kind: EdgeKind,
    /// Person note paths. `reports-to` and `dotted-line` point from a person to their
    /// manager; `met` and `introduced` from ours to theirs; `owner` from the owner.
    pub from: String,
    /// Person note path at the other end.
    pub to: String,
    /// The name at `from`.
    pub from_name: String,
    /// The name at `to`.
    pub to_name: String,
    /// For `met`: how many of the selected meetings both attended.
    pub meetings: usize,
    /// The lines that show the edge.
    pub sources: Vec<SourceView>,
}

pub fn map(graph: &Graph, selection: &Selection, as_of: NaiveDate) -> MapView {
    let indices: Vec<usize> = selection.people.iter().map(|sp| sp.index).collect();
    let why = |ties: &BTreeSet<Tie>| -> Vec<String> {
        ties.iter()
            .map(|t| match t {
                Tie::Subject => "the subject",
                Tie::Company => "works for the customer",
                Tie::Linked => "linked with the subject",
                Tie::Attendee => "attended a meeting with the customer",
            })
            .map(str::to_string)
            .collect()
    };
    let mut order: Vec<usize> = (0..indices.len()).collect();
    let company = |i: usize| super::company_name(graph, &graph.people[i]);
    order.sort_by_key(|&k| {
        let i = indices[k];
        (side_rank(graph.side_of(&graph.people[i])), company(i), graph.people[i].name.to_lowercase(), i)
    });
    let people: Vec<PersonView> =
        order.iter().map(|&k| person_view(graph, indices[k], as_of, why(&selection.people[k].ties))).collect();
    let position: BTreeMap<usize, usize> = order.iter().enumerate().map(|(pos, &k)| (indices[k], pos)).collect();

    // Groups by side and company, each an org chart.
    type Group = ((Side, Option<String>), Vec<usize>);
    let mut grouped: Vec<Group> = Vec::new();
    for &k in &order {
        let i = indices[k];
        let key = (graph.side_of(&graph.people[i]), company(i));
        match grouped.last_mut() {
            Some((last, members)) if *last == key => members.push(i),
            _ => grouped.push((key, vec![i])),
        }
    }
    let groups = grouped
        .into_iter()
        .map(|((side, company), members)| GroupView { side, company, members: org_chart(graph, &members, &position) })
        .collect();

    let edges = edges(graph, selection, &position, as_of);
    let coverage = coverage(graph, selection, &theirs(graph, &indices), as_of);
    let status_line = status_line(&coverage);

    let mut meetings: Vec<MeetingView> = selection.meetings.iter().map(|&mi| meeting_view(graph, mi)).collect();
    sort_meetings(&mut meetings);
    let guests = guests_met(graph, selection, as_of);
    let notes: BTreeSet<NoteId> = indices
        .iter()
        .map(|&i| graph.people[i].note)
        .chain(selection.meetings.iter().filter_map(|&mi| graph.meetings[mi].note))
        .chain(selection.core.iter().filter_map(Target::note))
        .collect();

    MapView {
        header: super::header(graph, super::subject_view(graph, selection), as_of),
        grid: super::grid::grid(&people),
        people,
        groups,
        guests,
        edges,
        coverage,
        status_line,
        meetings,
        projects: selection
            .projects
            .iter()
            .map(|&pi| named_view(graph, &Target::Note(graph.projects[pi].note)))
            .collect(),
        customers: selection.customers.iter().map(|c| named_view(graph, c)).collect(),
        warnings: warnings_in(graph, &notes),
        sources: source_notes(graph, &notes),
    }
}

/// The guests of the subject's meetings up to `as_of` who are not ours, each once (by
/// address, else name), in the words of the earliest meeting naming them; by name.
fn guests_met(graph: &Graph, selection: &Selection, as_of: NaiveDate) -> Vec<MapGuestView> {
    /// One guest across meetings: as first named, how often, and when last.
    struct Met<'g> {
        first: &'g crate::model::Guest,
        first_date: Option<NaiveDate>,
        meetings: usize,
        last: Option<NaiveDate>,
    }
    let mut met: BTreeMap<String, Met> = BTreeMap::new();
    for &mi in &selection.meetings {
        let m = &graph.meetings[mi];
        // A meeting still to come has met no one.
        if m.date.is_some_and(|d| d > as_of) {
            continue;
        }
        for g in m.guests.iter().filter(|g| graph.side_of_guest(g) != Side::Ours) {
            let entry = met.entry(g.key()).or_insert(Met { first: g, first_date: m.date, meetings: 0, last: m.date });
            entry.meetings += 1;
            if m.date.is_some() && (entry.first_date.is_none() || m.date < entry.first_date) {
                (entry.first, entry.first_date) = (g, m.date);
            }
            entry.last = entry.last.max(m.date);
        }
    }
    let mut out: Vec<MapGuestView> = met
        .into_values()
        .map(|m| MapGuestView { guest: guest_view(graph, m.first), meetings: m.meetings, last_met: fmt_date(m.last) })
        .collect();
    out.sort_by_key(|g| g.guest.name.to_lowercase());
    out
}

fn theirs(graph: &Graph, indices: &[usize]) -> Vec<usize> {
    indices.iter().copied().filter(|&i| graph.side_of(&graph.people[i]) != Side::Ours).collect()
}

/// `members` (graph people indices, by name) as an org chart: each person after their solid
/// line manager when the manager is in the group. A reporting cycle is cut where it closes.
fn org_chart(graph: &Graph, members: &[usize], position: &BTreeMap<usize, usize>) -> Vec<MemberView> {
    let in_group: BTreeSet<usize> = members.iter().copied().collect();
    let manager = |i: usize| -> Option<usize> {
        let first = graph.people[i].stakeholder.reports_to.first()?;
        graph.person_index(&first.value).filter(|m| in_group.contains(m) && *m != i)
    };
    let mut reports: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for &i in members {
        if let Some(m) = manager(i) {
            reports.entry(m).or_default().push(i);
        }
    }
    let mut out = Vec::new();
    let mut placed: BTreeSet<usize> = BTreeSet::new();
    // Depth first with a stack of our own, not recursion: a reporting chain can be as long
    // as a vault is big.
    let mut place = |top: usize, out: &mut Vec<MemberView>| {
        let mut stack = vec![(top, 0)];
        while let Some((i, depth)) = stack.pop() {
            if !placed.insert(i) {
                continue;
            }
            let p = &graph.people[i];
            out.push(MemberView {
                person: position[&i],
                name: p.name.clone(),
                path: graph.vault.note(p.note).path.clone(),
                depth,
            });
            // Reversed, so that the first report is the next one placed.
            stack.extend(reports.get(&i).into_iter().flatten().rev().map(|&r| (r, depth + 1)));
        }
    };
    // Tops first (no manager in the group), then anyone left in a cycle.
    for &i in members.iter().filter(|&&i| manager(i).is_none()) {
        place(i, &mut out);
    }
    for &i in members {
        place(i, &mut out);
    }
    out
}

fn edges(graph: &Graph, selection: &Selection, position: &BTreeMap<usize, usize>, as_of: NaiveDate) -> Vec<EdgeView> {
    let on_map = |t: &Target| graph.person_index(t).filter(|i| position.contains_key(i));
    let person = |i: usize| (graph.vault.note(graph.people[i].note).path.clone(), graph.people[i].name.clone());
    let mut out = Vec::new();
    for (&i, _) in position.iter() {
        let sh = &graph.people[i].stakeholder;
        for (k, line) in sh.reports_to.iter().enumerate() {
            if let Some(m) = on_map(&line.value).filter(|m| *m != i) {
                let ((from, from_name), (to, to_name)) = (person(i), person(m));
                let kind = if k == 0 { EdgeKind::ReportsTo } else { EdgeKind::DottedLine };
                let sources = vec![(&line.source).into()];
                out.push(EdgeView { kind, from, to, from_name, to_name, meetings: 0, sources });
            }
        }
        if let Some(owner) = &sh.owner {
            if let Some(o) = on_map(&owner.value).filter(|o| *o != i) {
                let ((from, from_name), (to, to_name)) = (person(o), person(i));
                let sources = vec![(&owner.source).into()];
                out.push(EdgeView { kind: EdgeKind::Owner, from, to, from_name, to_name, meetings: 0, sources });
            }
        }
    }
    for c in connections(graph, selection, as_of) {
        if c.shared_meetings > 0 {
            out.push(EdgeView {
                kind: EdgeKind::Met,
                from: c.ours.clone(),
                to: c.theirs.clone(),
                from_name: c.ours_name.clone(),
                to_name: c.theirs_name.clone(),
                meetings: c.shared_meetings,
                sources: c.sources.clone(),
            });
        }
        if c.introduction {
            out.push(EdgeView {
                kind: EdgeKind::Introduced,
                from: c.ours,
                to: c.theirs,
                from_name: c.ours_name,
                to_name: c.theirs_name,
                meetings: 0,
                sources: c.sources,
            });
        }
    }
    out.sort_by(|a, b| (a.kind, &a.from, &a.to).cmp(&(b.kind, &b.from, &b.to)));
    out
}

/// "Economic buyer: Owen Brandt (known by Elena Sorensen) · … · not covered: coach. Status green: …"
fn status_line(coverage: &CoverageView) -> String {
    let mut parts = Vec::new();
    let mut missing = Vec::new();
    for r in &coverage.roles {
        if r.people.is_empty() {
            missing.push(r.label);
            continue;
        }
        let known = if r.known_by.is_empty() {
            "known by nobody on our side".to_string()
        } else {
            format!("known by {}", r.known_by.join(", "))
        };
        let mut label = r.label.to_string();
        label[..1].make_ascii_uppercase();
        parts.push(format!("{label}: {} ({known})", r.people.join(", ")));
    }
    if !missing.is_empty() {
        parts.push(format!("not covered: {}", missing.join(", ")));
    }
    format!("{}. Status {}: {}.", parts.join(" · "), coverage.status.name(), coverage.reason)
}

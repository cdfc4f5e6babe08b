//! A selection + a period → the account review: what happened in the period, each count set
//! against the period of the same length just before it.
//!
//! Every dated item is placed in time: meetings by their date; decisions and facts by the
//! date on their line, else their meeting's date, else their note's `created` (merged items by
//! their earliest); tasks by when they were opened (➕ created, else their note's date), done
//! (✅) and due (📅). A task is overdue in a period when it was due by its last day and was
//! not done by then. A period not over yet is counted up to the as-of date. People are counted on the customer's side (theirs, or side unknown).

use std::collections::BTreeSet;

use chrono::NaiveDate;
use serde::Serialize;

use super::CoverageStatus;
use super::{
    item_views, meeting_view, named_view, person_view, sort_meetings, sort_tasks, source_notes, task_view, warnings_in,
    GuestView, ItemView, MeetingView, NamedView, PersonView, ReportHeader, SourceNoteView, TaskView, WarningView,
};
use crate::model::stakeholder::{BuyingRole, Disposition, Influence};
use crate::model::{Graph, Item, Side};
use crate::select::{Merged, Selection};
use crate::vault::{NoteId, Target};

use crate::period::Period;

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct ReviewView {
    /// What the review is about, the date, the vault and our side (these keys stand at the top level).
    #[serde(flatten)]
    pub header: ReportHeader,
    /// The period reviewed.
    pub period: PeriodView,
    /// The period of the same length just before, for the counts' comparison.
    pub previous: PeriodView,
    /// Each count in the period against the previous one.
    pub counts: Vec<CountView>,
    /// Week by week, the meetings and contacts of the period against the same week of the
    /// period before (a period not over is counted up to the as-of date).
    pub activity: Vec<WeekView>,
    /// Each of their people holding a buying role: relationship strength at the end of each
    /// week of the period (up to the as-of date), by name.
    pub strength_trends: Vec<StrengthTrendView>,
    /// The customer's people (theirs and side unknown) known by the period's end, as they
    /// stood then.
    pub people: Vec<PersonView>,
    /// Meetings held in the period, newest first.
    pub meetings: Vec<MeetingView>,
    /// Decisions made in the period.
    pub decisions: Vec<ItemView>,
    /// Facts recorded in the period.
    pub facts: Vec<ItemView>,
    /// Tasks opened, completed or overdue in the period.
    pub tasks: Vec<TaskView>,
    /// Tasks created in the period.
    pub tasks_opened: Vec<TaskView>,
    /// Tasks completed in the period.
    pub tasks_completed: Vec<TaskView>,
    /// Due by the period's last day and not done by then.
    pub tasks_overdue: Vec<TaskView>,
    /// People whose first recorded contact falls in the period.
    pub new_people: Vec<PersonView>,
    /// The customer's people known by the period's end with no contact in it.
    pub not_contacted: Vec<PersonView>,
    /// Attendees of the period's meetings who have no person note and are not ours.
    pub guests_met: Vec<GuestView>,
    /// Those of them met for the first time in the period (no earlier meeting names them).
    pub new_guests: Vec<GuestView>,
    /// What the review could not place in any period, for want of a date: a "none in the
    /// period" is only about what was dated.
    pub undated: UndatedView,
    /// Buying-role coverage at the end of the period.
    pub coverage: CoverageView,
    /// Projects linked to the subject.
    pub projects: Vec<NamedView>,
    /// Customers linked to the subject.
    pub customers: Vec<NamedView>,
    /// Problems in the notes this review reads.
    pub warnings: Vec<WarningView>,
    /// Every note the review drew on.
    pub sources: Vec<SourceNoteView>,
}

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct PeriodView {
    /// First day of the period (`YYYY-MM-DD`).
    pub since: String,
    /// Last day of the period (`YYYY-MM-DD`).
    pub until: String,
    /// The period as shown, for example `2026-Q3`.
    pub label: String,
    /// Its length in days.
    pub days: i64,
    /// The last day counted: `until`, or the as-of date for a period not over yet.
    pub counted_until: String,
}

impl From<Period> for PeriodView {
    fn from(p: Period) -> Self {
        PeriodView {
            since: p.since.to_string(),
            until: p.until.to_string(),
            label: p.label(),
            days: p.days(),
            counted_until: p.until.to_string(),
        }
    }
}

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct CountView {
    /// meetings | decisions | facts | tasks_opened | tasks_completed | tasks_overdue |
    /// people_contacted | new_people | not_contacted
    pub key: &'static str,
    /// The count's name as shown.
    pub label: &'static str,
    /// In the period.
    pub current: usize,
    /// In the previous period of the same length.
    pub previous: usize,
    /// current − previous
    pub change: i64,
}

/// How many of the subject's items carry no date, so that no period holds them.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct UndatedView {
    /// Meetings with no date (field, file name or `created`).
    pub meetings: usize,
    /// Decisions with no date on their line, their meeting or their note.
    pub decisions: usize,
    /// Facts likewise.
    pub facts: usize,
    /// Tasks with no ➕ created date and no dated note: when they were opened is not known.
    pub tasks: usize,
}

fn undated(graph: &Graph, selection: &Selection) -> UndatedView {
    let items = |merged: &[Merged], items: &[Item]| merged.iter().filter(|m| merged_date(items, m).is_none()).count();
    UndatedView {
        meetings: selection.meetings.iter().filter(|&&mi| graph.meetings[mi].date.is_none()).count(),
        decisions: items(&selection.decisions, &graph.decisions),
        facts: items(&selection.facts, &graph.facts),
        tasks: selection.tasks.iter().filter(|&&ti| graph.task_opened(&graph.tasks[ti]).is_none()).count(),
    }
}

/// Which buying roles the customer's people fill, and the anchors' overall status.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct CoverageView {
    /// The coverage at a glance.
    pub status: CoverageStatus,
    /// Why the status is what it is, naming the people.
    pub reason: String,
    /// Each buying role and who fills it.
    pub roles: Vec<RoleCoverageView>,
}

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct RoleCoverageView {
    /// The buying role.
    pub role: BuyingRole,
    /// Its name as shown.
    pub label: &'static str,
    /// Who holds the role (for the subject's projects, or for every project).
    pub people: Vec<String>,
    /// Our people who know them (from shared meetings and relationship owners).
    pub known_by: Vec<String>,
}

/// What one period holds. Indices into the graph's lists, or into the selection's merged items.
struct Tally {
    meetings: Vec<usize>,
    decisions: Vec<Merged>,
    facts: Vec<Merged>,
    opened: Vec<usize>,
    completed: Vec<usize>,
    overdue: Vec<usize>,
    contacted: Vec<usize>,
    new_people: Vec<usize>,
    not_contacted: Vec<usize>,
}

/// The earliest date among a merged item's places.
fn merged_date(items: &[Item], m: &Merged) -> Option<NaiveDate> {
    m.all.iter().filter_map(|&i| items[i].date).min()
}

/// What happened in `period`; tasks due before `overdue_before` and not done by then are overdue.
fn tally(
    graph: &Graph,
    selection: &Selection,
    customer_side: &[usize],
    period: Period,
    overdue_before: NaiveDate,
) -> Tally {
    let in_period = |d: Option<NaiveDate>| d.is_some_and(|d| period.contains(d));
    let meetings = selection.meetings.iter().copied().filter(|&mi| in_period(graph.meetings[mi].date)).collect();
    let dated = |merged: &[Merged], items: &[Item]| -> Vec<Merged> {
        merged.iter().filter(|m| in_period(merged_date(items, m))).cloned().collect()
    };
    let mut opened = Vec::new();
    let mut completed = Vec::new();
    let mut overdue = Vec::new();
    for &ti in &selection.tasks {
        let t = &graph.tasks[ti];
        let opened_on = graph.task_opened(t);
        if in_period(opened_on) {
            opened.push(ti);
        }
        if t.is_done() && in_period(t.meta.completed) {
            completed.push(ti);
        }
        let cancelled =
            t.status_type == crate::config::StatusType::Cancelled && t.meta.cancelled.is_none_or(|c| c <= period.until);
        let done_by_end = t.is_done() && t.meta.completed.is_none_or(|c| c <= period.until);
        let open_by_end = opened_on.is_none_or(|o| o <= period.until);
        if t.meta.due.is_some_and(|d| d < overdue_before) && open_by_end && !done_by_end && !cancelled {
            overdue.push(ti);
        }
    }
    let mut contacted = Vec::new();
    let mut new_people = Vec::new();
    let mut not_contacted = Vec::new();
    for &i in customer_side {
        let p = &graph.people[i];
        let dates: Vec<NaiveDate> = p.all_contacts().iter().filter_map(|c| c.date).collect();
        let first = dates.iter().min().copied();
        let known_by_end = match first {
            Some(f) => f <= period.until,
            None => graph.vault.note(p.note).frontmatter.created.is_none_or(|c| c <= period.until),
        };
        if dates.iter().any(|d| period.contains(*d)) {
            contacted.push(i);
        } else if known_by_end {
            not_contacted.push(i);
        }
        if in_period(first) {
            new_people.push(i);
        }
    }
    Tally {
        meetings,
        decisions: dated(&selection.decisions, &graph.decisions),
        facts: dated(&selection.facts, &graph.facts),
        opened,
        completed,
        overdue,
        contacted,
        new_people,
        not_contacted,
    }
}

/// Attendees with no note who are not ours: met in the period's `meetings`, and those met
/// there for the first time (no earlier meeting of the selection names them).
fn guests_of(
    graph: &Graph,
    selection: &Selection,
    meetings: &[usize],
    counted: Period,
) -> (Vec<GuestView>, Vec<GuestView>) {
    let mut first_seen: std::collections::BTreeMap<String, NaiveDate> = std::collections::BTreeMap::new();
    for &mi in &selection.meetings {
        let m = &graph.meetings[mi];
        let Some(d) = m.date else { continue };
        for g in &m.guests {
            let seen = first_seen.entry(g.key()).or_insert(d);
            *seen = (*seen).min(d);
        }
    }
    let mut guests_met: Vec<GuestView> = Vec::new();
    let mut new_guests: Vec<GuestView> = Vec::new();
    let mut keys_met: BTreeSet<String> = BTreeSet::new();
    for &mi in meetings {
        for g in graph.meetings[mi].guests.iter().filter(|g| graph.side_of_guest(g) != Side::Ours) {
            if !keys_met.insert(g.key()) {
                continue;
            }
            let view = super::guest_view(graph, g);
            if first_seen.get(&g.key()).is_some_and(|d| counted.contains(*d)) {
                new_guests.push(view.clone());
            }
            guests_met.push(view);
        }
    }
    let by_name = |a: &GuestView, b: &GuestView| a.name.to_lowercase().cmp(&b.name.to_lowercase());
    guests_met.sort_by(by_name);
    new_guests.sort_by(by_name);

    (guests_met, new_guests)
}

/// Each count of the period against the one before.
fn counts(now: &Tally, before: &Tally) -> Vec<CountView> {
    let count = |key, label, current: usize, previous: usize| CountView {
        key,
        label,
        current,
        previous,
        change: current as i64 - previous as i64,
    };
    vec![
        count("meetings", "Meetings held", now.meetings.len(), before.meetings.len()),
        count("decisions", "Decisions made", now.decisions.len(), before.decisions.len()),
        count("facts", "Facts recorded", now.facts.len(), before.facts.len()),
        count("tasks_opened", "Tasks opened", now.opened.len(), before.opened.len()),
        count("tasks_completed", "Tasks completed", now.completed.len(), before.completed.len()),
        count("tasks_overdue", "Tasks overdue at the end", now.overdue.len(), before.overdue.len()),
        count("people_contacted", "Their people we spoke to", now.contacted.len(), before.contacted.len()),
        count("new_people", "People met for the first time", now.new_people.len(), before.new_people.len()),
        count("not_contacted", "Their people not spoken to", now.not_contacted.len(), before.not_contacted.len()),
    ]
}

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct WeekView {
    /// 1 for the period's first seven days.
    pub week: usize,
    /// The week's first day (`YYYY-MM-DD`); the last week may be shorter.
    pub since: String,
    /// The subject's meetings held that week.
    pub meetings: usize,
    /// Contacts with the customer's people recorded that week: each person once a day.
    pub contacts: usize,
    /// The meetings of the same week of the period before.
    pub previous_meetings: usize,
    /// The contacts of the same week of the period before.
    pub previous_contacts: usize,
}

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct StrengthTrendView {
    /// The person's name.
    pub name: String,
    /// Their note, where their contacts are recorded.
    pub path: String,
    /// Their buying roles, in words.
    pub roles: Vec<&'static str>,
    /// Strength at the end of each week of the period, up to the as-of date.
    pub points: Vec<StrengthPointView>,
}

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct StrengthPointView {
    /// The day it is measured on (`YYYY-MM-DD`): a week's last day, or the as-of date.
    pub date: String,
    /// The strength score then (see `strength` in the person views).
    pub score: f64,
    /// good | fair | poor | none
    pub grade: crate::model::stakeholder::Grade,
}

/// How the relationship with each buying-role holder among `customer_side` went week by
/// week through `counted`.
fn strength_trends(graph: &Graph, customer_side: &[usize], counted: Period) -> Vec<StrengthTrendView> {
    let mut days: Vec<NaiveDate> = Vec::new();
    let mut day = counted.since + chrono::Duration::days(6);
    while day < counted.until {
        days.push(day);
        day += chrono::Duration::days(7);
    }
    days.push(counted.until);
    let mut out: Vec<StrengthTrendView> = customer_side
        .iter()
        .map(|&i| &graph.people[i])
        .filter(|p| !p.stakeholder.buying_roles.is_empty())
        .map(|p| {
            let contacts = p.all_contacts();
            let mut roles: Vec<&'static str> = Vec::new();
            for label in p.stakeholder.buying_roles.iter().map(|r| r.role.label()) {
                if !roles.contains(&label) {
                    roles.push(label);
                }
            }
            StrengthTrendView {
                name: p.name.clone(),
                path: graph.vault.note(p.note).path.clone(),
                roles,
                points: days
                    .iter()
                    .map(|&d| {
                        let s = crate::model::stakeholder::strength(&contacts, d, &graph.settings.strength);
                        StrengthPointView { date: d.to_string(), score: s.score, grade: s.grade }
                    })
                    .collect(),
            }
        })
        .collect();
    out.sort_by(|a, b| a.name.to_lowercase().cmp(&b.name.to_lowercase()).then_with(|| a.path.cmp(&b.path)));
    out
}

/// Meetings and contacts per week of `counted` (the period, up to the as-of date) and of
/// `previous`, by the week's place in its period.
fn activity(
    graph: &Graph,
    (now, before): (&Tally, &Tally),
    customer_side: &[usize],
    (period, counted, previous): (Period, Period, Period),
) -> Vec<WeekView> {
    let weeks = ((period.days() + 6) / 7).max(1) as usize;
    let week_of = |p: Period, d: NaiveDate| ((d - p.since).num_days() / 7) as usize;
    let per_week = |tally: &Tally, p: Period| -> (Vec<usize>, Vec<usize>) {
        let mut meetings = vec![0; weeks];
        for d in tally.meetings.iter().filter_map(|&mi| graph.meetings[mi].date) {
            if p.contains(d) {
                meetings[week_of(p, d).min(weeks - 1)] += 1;
            }
        }
        let mut contacts = vec![0; weeks];
        for &i in customer_side {
            let mut days: Vec<NaiveDate> =
                graph.people[i].all_contacts().iter().filter_map(|c| c.date).filter(|&d| p.contains(d)).collect();
            days.sort();
            days.dedup();
            for d in days {
                contacts[week_of(p, d).min(weeks - 1)] += 1;
            }
        }
        (meetings, contacts)
    };
    let (meetings, contacts) = per_week(now, counted);
    let (previous_meetings, previous_contacts) = per_week(before, previous);
    (0..weeks)
        .map(|w| WeekView {
            week: w + 1,
            since: (period.since + chrono::Duration::days(7 * w as i64)).to_string(),
            meetings: meetings[w],
            contacts: contacts[w],
            previous_meetings: previous_meetings[w],
            previous_contacts: previous_contacts[w],
        })
        .collect()
}

pub fn review(graph: &Graph, selection: &Selection, period: Period, as_of: NaiveDate) -> ReviewView {
    // People are shown as they stood at the period's end (or today, for a period not over).
    let seen_on = as_of.min(period.until);
    let previous = period.previous();
    let customer_side: Vec<usize> =
        selection.people.iter().map(|sp| sp.index).filter(|&i| graph.side_of(&graph.people[i]) != Side::Ours).collect();
    // A period not over yet is counted up to the as-of date: what is planned has not happened.
    let counted = Period { since: period.since, until: period.until.min(as_of).max(period.since) };
    let day_after = |p: Period| p.until.succ_opt().unwrap_or(p.until);
    // Today is not over either: a task due today is not overdue yet.
    let now_overdue_before = if counted.until < period.until { as_of } else { day_after(period) };
    let now = tally(graph, selection, &customer_side, counted, now_overdue_before);
    let before = tally(graph, selection, &customer_side, previous, day_after(previous));

    let counts = counts(&now, &before);
    let activity = activity(graph, (&now, &before), &customer_side, (period, counted, previous));
    let strength_trends = strength_trends(graph, &customer_side, counted);

    let person = |i: usize, why: &str| person_view(graph, i, seen_on, vec![why.to_string()]);
    let people_sorted = |list: &[usize], why: &str| -> Vec<PersonView> {
        let mut v: Vec<PersonView> = list.iter().map(|&i| person(i, why)).collect();
        v.sort_by(|a, b| a.name.to_lowercase().cmp(&b.name.to_lowercase()).then_with(|| a.path.cmp(&b.path)));
        v
    };
    let tasks_of = |list: &[usize]| -> Vec<TaskView> {
        let mut v: Vec<TaskView> = list.iter().map(|&i| task_view(graph, i, seen_on)).collect();
        sort_tasks(&mut v);
        v
    };
    let mut all_tasks: Vec<usize> = now.opened.iter().chain(&now.completed).chain(&now.overdue).copied().collect();
    all_tasks.sort();
    all_tasks.dedup();
    let mut meetings: Vec<MeetingView> = now.meetings.iter().map(|&mi| meeting_view(graph, mi)).collect();
    sort_meetings(&mut meetings);

    // Notes behind what the review shows.
    let mut notes: BTreeSet<NoteId> = BTreeSet::new();
    notes.extend(now.meetings.iter().filter_map(|&mi| graph.meetings[mi].note));
    for m in &now.decisions {
        notes.extend(m.all.iter().map(|&i| graph.decisions[i].note));
    }
    for m in &now.facts {
        notes.extend(m.all.iter().map(|&i| graph.facts[i].note));
    }
    notes.extend(all_tasks.iter().map(|&ti| graph.tasks[ti].note));
    notes.extend(customer_side.iter().map(|&i| graph.people[i].note));
    notes.extend(selection.core.iter().filter_map(Target::note));

    let (guests_met, new_guests) = guests_of(graph, selection, &now.meetings, counted);

    ReviewView {
        header: super::header(graph, super::subject_view(graph, selection), as_of),
        period: PeriodView { counted_until: counted.until.to_string(), ..period.into() },
        previous: previous.into(),
        counts,
        activity,
        strength_trends,
        // Those known by the period's end: people first met later were not part of it.
        people: people_sorted(
            &now.contacted.iter().chain(&now.not_contacted).copied().collect::<Vec<_>>(),
            "on the customer's side",
        ),
        meetings,
        decisions: item_views(&now.decisions, &graph.decisions),
        facts: item_views(&now.facts, &graph.facts),
        tasks: tasks_of(&all_tasks),
        tasks_opened: tasks_of(&now.opened),
        tasks_completed: tasks_of(&now.completed),
        tasks_overdue: tasks_of(&now.overdue),
        new_people: people_sorted(&now.new_people, "first met in the period"),
        not_contacted: people_sorted(&now.not_contacted, "not spoken to in the period"),
        guests_met,
        new_guests,
        undated: undated(graph, selection),
        coverage: coverage(graph, selection, &customer_side, seen_on),
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

/// Buying-role coverage among `people` for the selection's projects, and the overall status.
pub fn coverage(graph: &Graph, selection: &Selection, people: &[usize], as_of: NaiveDate) -> CoverageView {
    let projects: Vec<Target> = selection.projects.iter().map(|&pi| Target::Note(graph.projects[pi].note)).collect();
    let roles_of = |i: usize| -> BTreeSet<BuyingRole> {
        let sh = &graph.people[i].stakeholder;
        let mut roles: BTreeSet<BuyingRole> = sh.roles_for(None).collect();
        for p in &projects {
            roles.extend(sh.roles_for(Some(p)));
        }
        roles
    };
    let roles = BuyingRole::ALL
        .iter()
        .map(|&role| {
            let holders: Vec<usize> = people.iter().copied().filter(|&i| roles_of(i).contains(&role)).collect();
            let mut names: Vec<String> = holders.iter().map(|&i| graph.people[i].name.clone()).collect();
            names.sort();
            let mut known_by: Vec<String> = holders
                .iter()
                .flat_map(|&i| person_view(graph, i, as_of, Vec::new()).known_by.into_iter().map(|k| k.name))
                .collect();
            known_by.sort();
            known_by.dedup();
            RoleCoverageView { role, label: role.label(), people: names, known_by }
        })
        .collect();
    let supportive = |i: usize| {
        graph.people[i].stakeholder.disposition.as_ref().is_some_and(|d| Disposition::is_supportive(d.value))
    };
    let decides = |i: usize| {
        let r = roles_of(i);
        r.contains(&BuyingRole::EconomicBuyer) || r.contains(&BuyingRole::TechnicalBuyer)
    };
    let key_player = |i: usize| {
        graph.people[i].stakeholder.influence.as_ref().is_some_and(|v| v.value == Influence::High)
            || roles_of(i).contains(&BuyingRole::Champion)
    };
    let name = |i: usize| graph.people[i].name.clone();
    let (status, reason) = if let Some(i) = people.iter().copied().find(|&i| supportive(i) && decides(i)) {
        (CoverageStatus::Green, format!("{} decides and supports us", name(i)))
    } else if let Some(i) = people.iter().copied().find(|&i| supportive(i) && key_player(i)) {
        (CoverageStatus::Amber, format!("{} is a supportive key player, but no supportive decider is known", name(i)))
    } else {
        (CoverageStatus::Red, "no supportive key player is known".to_string())
    };
    CoverageView { status, reason, roles }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn quarters_and_their_predecessors() {
        let q3 = Period::quarter("2026-Q3").unwrap();
        assert_eq!((q3.since, q3.until), (d("2026-07-01"), d("2026-09-30")));
        assert_eq!(q3.label(), "2026-Q3");
        let q2 = q3.previous();
        assert_eq!((q2.since, q2.until, q2.label()), (d("2026-04-01"), d("2026-06-30"), "2026-Q2".to_string()));
        assert_eq!(Period::quarter("2026-Q1").unwrap().previous().label(), "2025-Q4");
        assert!(Period::quarter("2026-Q5").is_err() && Period::quarter("Q3").is_err());
    }

    #[test]
    fn any_range_compares_with_the_same_length_before_it() {
        let p = Period::new(d("2026-09-01"), d("2026-09-10")).unwrap();
        let prev = p.previous();
        assert_eq!((prev.since, prev.until), (d("2026-08-22"), d("2026-08-31")));
        assert!(Period::new(d("2026-09-10"), d("2026-09-01")).is_err());
    }
}

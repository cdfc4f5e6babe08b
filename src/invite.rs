//! A calendar file (.ics, as Outlook, Google Calendar and Apple Calendar write invites and
//! exports) → its events: summary, start and end with their time zone, organizer, attendees
//! with their reply, location and description, each with the line it was read from.
//!
//! The file is read by `icalendar`'s parser; this module only keeps the original line of
//! every property (the parser sees the file with its folded lines joined) and turns the
//! properties into what a meeting brief needs. Nothing is guessed: a line that is no
//! iCalendar content line, a component left open, or a start that is no date is an error
//! naming its line.

use std::path::Path;
use std::sync::Arc;

use chrono::{NaiveDate, NaiveTime};
use icalendar::parser::{read_components, Component, Property};
use icalendar::{CalendarDateTime, DatePerhapsTime};
use serde::Serialize;

/// The events of one calendar file.
#[derive(Debug, Clone)]
pub struct Calendar {
    /// The file as given on the command line.
    pub path: Arc<str>,
    pub events: Vec<Event>,
}

#[derive(Debug, Clone)]
pub struct Event {
    pub uid: Option<String>,
    pub summary: String,
    pub start: When,
    pub end: Option<When>,
    pub organizer: Option<Invitee>,
    /// People invited, the organizer among them when the file lists them (rooms and other
    /// resources are left out: a room is the location).
    pub attendees: Vec<Invitee>,
    pub location: Option<String>,
    /// The description without the dial-in block calendar programs append.
    pub description: Option<String>,
    /// Whether the event repeats (`RRULE`): only its first occurrence is read.
    pub recurs: bool,
    /// `STATUS:CANCELLED`.
    pub cancelled: bool,
    /// The line of `BEGIN:VEVENT`.
    pub line: u32,
}

/// When an event starts or ends, as the file writes it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct When {
    pub date: NaiveDate,
    /// None for an all-day event.
    pub time: Option<NaiveTime>,
    /// `UTC`, the `TZID` as written (`Europe/Berlin`, `W. Europe Standard Time`), or none for
    /// a floating time.
    pub zone: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Invitee {
    /// `CN`, unless it only repeats the address.
    pub name: Option<String>,
    /// The `mailto:` address (or `EMAIL` parameter), lower-cased.
    pub email: Option<String>,
    pub reply: Reply,
    pub role: Participation,
    pub line: u32,
}

/// `PARTSTAT`: what the invitee answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Reply {
    Accepted,
    Declined,
    Tentative,
    Delegated,
    /// No answer yet (`NEEDS-ACTION`, or no `PARTSTAT`).
    NeedsAction,
}

/// `ROLE`: how the invitee was asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Participation {
    Chair,
    Required,
    Optional,
    /// Copied for information.
    NonParticipant,
}

#[derive(Debug, thiserror::Error)]
pub enum InviteError {
    #[error("cannot read {path}")]
    Io { path: String, source: std::io::Error },
    #[error("{path}:{line}: {message}")]
    Syntax { path: String, line: u32, message: String },
    #[error("{path}: {message}")]
    Choice { path: String, message: String },
}

/// Which event of the file to brief.
#[derive(Debug, Clone)]
pub enum Pick {
    /// The only event of the file.
    Only,
    /// The event with this `UID`.
    Uid(String),
    /// The first event on or after this day, not cancelled.
    Next(NaiveDate),
}

/// Reads the calendar file at `path`.
pub fn read(path: &Path) -> Result<Calendar, InviteError> {
    let shown = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|source| InviteError::Io { path: shown.clone(), source })?;
    let text = String::from_utf8_lossy(&bytes);
    parse(&shown, &text)
}

/// One content line with its folded continuations joined, and where it began.
struct Logical {
    line: u32,
    text: String,
}

/// Joins folded lines (a line that begins with a space or tab continues the one before,
/// RFC 5545 §3.1) and drops blank ones, keeping each content line's first line number.
fn unfold(text: &str) -> Vec<Logical> {
    let mut out: Vec<Logical> = Vec::new();
    for (i, raw) in text.trim_start_matches('\u{feff}').split('\n').enumerate() {
        let raw = raw.strip_suffix('\r').unwrap_or(raw);
        match (raw.strip_prefix([' ', '\t']), out.last_mut()) {
            (Some(rest), Some(last)) => last.text.push_str(rest),
            _ if raw.trim().is_empty() => {}
            _ => out.push(Logical { line: i as u32 + 1, text: raw.to_string() }),
        }
    }
    out
}

/// A content line's property name, upper-cased (`ATTENDEE` of `attendee;CN=…:mailto:…`).
fn name_of(line: &str) -> Option<String> {
    let end = line.find([';', ':'])?;
    let name = &line[..end];
    let valid = !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
    valid.then(|| name.to_ascii_uppercase())
}

/// The lines of one top-level event's own properties, by name and order.
#[derive(Default)]
struct EventLines {
    begin: u32,
    properties: Vec<(String, u32)>,
}

impl EventLines {
    /// The line of the `nth` property called `name`.
    fn line_of(&self, name: &str, nth: usize) -> u32 {
        self.properties.iter().filter(|(n, _)| n.eq_ignore_ascii_case(name)).nth(nth).map_or(self.begin, |(_, l)| *l)
    }
}

/// Checks the structure line by line (so an error names the file's own line) and records
/// where each event's properties are.
fn structure(path: &str, lines: &[Logical]) -> Result<Vec<EventLines>, InviteError> {
    let error = |line: u32, message: String| InviteError::Syntax { path: path.to_string(), line, message };
    let mut open: Vec<(String, u32)> = Vec::new();
    let mut events: Vec<EventLines> = Vec::new();
    for l in lines {
        let Some(name) = name_of(&l.text) else {
            let shown: String = l.text.chars().take(60).collect();
            return Err(error(l.line, format!("not an iCalendar content line: {shown:?}")));
        };
        let value = l.text.split_once(':').map(|(_, v)| v.trim().to_ascii_uppercase()).unwrap_or_default();
        match name.as_str() {
            "BEGIN" => {
                if value.is_empty() {
                    return Err(error(l.line, "BEGIN names no component".into()));
                }
                if value == "VEVENT" && open.len() == 1 {
                    events.push(EventLines { begin: l.line, properties: Vec::new() });
                }
                open.push((value, l.line));
            }
            "END" => match open.pop() {
                Some((began, _)) if began == value => {}
                Some((began, at)) => {
                    return Err(error(l.line, format!("END:{value} closes BEGIN:{began} of line {at}")));
                }
                None => return Err(error(l.line, format!("END:{value} with no BEGIN"))),
            },
            _ if open.is_empty() => return Err(error(l.line, format!("{name} outside any component"))),
            _ => {
                if let (2, Some(event), Some((c, _))) = (open.len(), events.last_mut(), open.last()) {
                    if c == "VEVENT" {
                        event.properties.push((name, l.line));
                    }
                }
            }
        }
    }
    if let Some((began, at)) = open.last() {
        return Err(error(*at, format!("BEGIN:{began} is never closed")));
    }
    Ok(events)
}

/// Reads the text of a calendar file; `path` names it in messages and sources.
pub fn parse(path: &str, text: &str) -> Result<Calendar, InviteError> {
    let lines = unfold(text);
    let event_lines = structure(path, &lines)?;
    let joined: String = lines.iter().map(|l| format!("{}\r\n", l.text)).collect();
    let roots = read_components(&joined).map_err(|message| {
        let line = message_line(&message).and_then(|n| lines.get(n.saturating_sub(1))).map_or(1, |l| l.line);
        let first = message.lines().find(|l| !l.trim().is_empty()).unwrap_or("cannot be read").trim().to_string();
        InviteError::Syntax { path: path.to_string(), line, message: first }
    })?;
    let mut events = Vec::new();
    let mut lines_of = event_lines.into_iter();
    for root in roots.iter().filter(|c| c.name.as_str().eq_ignore_ascii_case("VCALENDAR")) {
        for component in root.components.iter().filter(|c| c.name.as_str().eq_ignore_ascii_case("VEVENT")) {
            let at = lines_of.next().unwrap_or_default();
            events.push(event(path, component, &at)?);
        }
    }
    if events.is_empty() {
        return Err(InviteError::Choice { path: path.to_string(), message: "holds no event (no VEVENT)".into() });
    }
    Ok(Calendar { path: path.into(), events })
}

/// The unfolded line a parser message points at (`at line 3`).
fn message_line(message: &str) -> Option<usize> {
    let rest = &message[message.find("line ")? + 5..];
    rest.split(|c: char| !c.is_ascii_digit()).next()?.parse().ok()
}

/// The properties of `c` called `name`, in any case.
fn props<'c, 'a, 'n>(c: &'c Component<'a>, name: &'n str) -> impl Iterator<Item = &'c Property<'a>> + use<'c, 'a, 'n> {
    c.properties.iter().filter(move |p| p.name.as_str().eq_ignore_ascii_case(name))
}

/// The first property of `c` called `name`.
fn first<'c, 'a>(c: &'c Component<'a>, name: &str) -> Option<&'c Property<'a>> {
    props(c, name).next()
}

fn event(path: &str, c: &Component, at: &EventLines) -> Result<Event, InviteError> {
    let first = |name: &str| first(c, name);
    let text = |name: &str| first(name).map(|p| p.val.as_str().trim().to_string()).filter(|v| !v.is_empty());
    let error = |name: &str, message: String| InviteError::Syntax {
        path: path.to_string(),
        line: at.line_of(name, 0),
        message,
    };
    let when = |name: &str| -> Result<Option<When>, InviteError> {
        let Some(p) = first(name) else { return Ok(None) };
        let owned: icalendar::Property = p.clone().into();
        match DatePerhapsTime::from_property(&owned) {
            Some(d) => Ok(Some(When::from(d))),
            None => Err(error(name, format!("{name} is no date: {:?}", p.val.as_str()))),
        }
    };
    let start = when("DTSTART")?.ok_or_else(|| InviteError::Syntax {
        path: path.to_string(),
        line: at.begin,
        message: "the event has no start (DTSTART)".into(),
    })?;
    let organizer = first("ORGANIZER").map(|p| invitee(p, at.line_of("ORGANIZER", 0)));
    let mut attendees: Vec<Invitee> = Vec::new();
    let mut rooms: Vec<String> = Vec::new();
    for (nth, p) in props(c, "ATTENDEE").enumerate() {
        let kind = param(p, "CUTYPE").map(|v| v.to_ascii_uppercase());
        let who = invitee(p, at.line_of("ATTENDEE", nth));
        if matches!(kind.as_deref(), Some("ROOM" | "RESOURCE")) {
            rooms.extend(who.name.or(who.email));
            continue;
        }
        if who.name.is_some() || who.email.is_some() {
            attendees.push(who);
        }
    }
    let location = text("LOCATION").or_else(|| (!rooms.is_empty()).then(|| rooms.join(", ")));
    Ok(Event {
        uid: text("UID"),
        summary: text("SUMMARY").unwrap_or_else(|| "(no title)".to_string()),
        start,
        end: when("DTEND")?,
        organizer,
        attendees,
        location,
        description: text("DESCRIPTION").map(|d| without_dial_in(&d)).filter(|d| !d.is_empty()),
        recurs: first("RRULE").is_some(),
        cancelled: text("STATUS").is_some_and(|s| s.eq_ignore_ascii_case("CANCELLED")),
        line: at.begin,
    })
}

impl From<DatePerhapsTime> for When {
    fn from(d: DatePerhapsTime) -> Self {
        match d {
            DatePerhapsTime::Date(date) => When { date, time: None, zone: None },
            DatePerhapsTime::DateTime(CalendarDateTime::Floating(dt)) => {
                When { date: dt.date(), time: Some(dt.time()), zone: None }
            }
            DatePerhapsTime::DateTime(CalendarDateTime::Utc(dt)) => {
                When { date: dt.date_naive(), time: Some(dt.time()), zone: Some("UTC".into()) }
            }
            DatePerhapsTime::DateTime(CalendarDateTime::WithTimezone { date_time, tzid }) => {
                When { date: date_time.date(), time: Some(date_time.time()), zone: Some(tzid) }
            }
        }
    }
}

/// A parameter's value, named in any case, with RFC 6868's `^'`, `^n` and `^^` read.
fn param(p: &Property, key: &str) -> Option<String> {
    let v = p.params.iter().find(|x| x.key.as_str().eq_ignore_ascii_case(key))?.val.as_ref()?;
    let v = v.as_str().trim().trim_matches('"');
    Some(v.replace("^'", "\"").replace("^n", " ").replace("^^", "^")).filter(|v| !v.is_empty())
}

fn invitee(p: &Property, line: u32) -> Invitee {
    let value = p.val.as_str().trim();
    let mailto = value.get(..7).filter(|s| s.eq_ignore_ascii_case("mailto:")).map(|_| value[7..].trim());
    let email = mailto.filter(|m| m.contains('@')).map(str::to_string).or_else(|| param(p, "EMAIL"));
    let email = email.map(|e| e.to_lowercase());
    let name = param(p, "CN").filter(|n| !n.contains('@') || email.is_none());
    let name = name.filter(|n| Some(n.to_lowercase()) != email).map(|n| readable_name(&n));
    let reply = match param(p, "PARTSTAT").map(|s| s.to_ascii_uppercase()).as_deref() {
        Some("ACCEPTED") => Reply::Accepted,
        Some("DECLINED") => Reply::Declined,
        Some("TENTATIVE") => Reply::Tentative,
        Some("DELEGATED") => Reply::Delegated,
        _ => Reply::NeedsAction,
    };
    let role = match param(p, "ROLE").map(|s| s.to_ascii_uppercase()).as_deref() {
        Some("CHAIR") => Participation::Chair,
        Some("OPT-PARTICIPANT") => Participation::Optional,
        Some("NON-PARTICIPANT") => Participation::NonParticipant,
        _ => Participation::Required,
    };
    Invitee { name, email, reply, role, line }
}

/// `Lee, Pat` (Outlook's directory order) → `Pat Lee`; other names as written.
fn readable_name(cn: &str) -> String {
    match cn.split_once(',') {
        Some((last, first)) if !last.trim().contains(' ') && !first.trim().is_empty() && !first.contains(',') => {
            format!("{} {}", first.trim(), last.trim())
        }
        _ => cn.trim().to_string(),
    }
}

/// The description up to the block calendar programs append for joining online (a line of
/// underscores, Google's `-::~:~::~` rule): the agenda a person wrote, not the dial-in text.
fn without_dial_in(description: &str) -> String {
    let rule = |l: &str| {
        let l = l.trim();
        l.chars().count() >= 10 && l.chars().all(|c| matches!(c, '_' | '-' | '~' | ':' | '='))
    };
    let kept: Vec<&str> = description.lines().take_while(|l| !rule(l)).collect();
    kept.join("\n").trim().to_string()
}

impl Calendar {
    /// The event to brief (see [`Pick`]); an error says what the file holds instead.
    pub fn pick(&self, pick: &Pick) -> Result<&Event, InviteError> {
        let choice = |message: String| InviteError::Choice { path: self.path.to_string(), message };
        let listing = || {
            let mut by_start: Vec<&Event> = self.events.iter().collect();
            by_start.sort_by_key(|e| (&e.start, e.line));
            let mut shown: Vec<String> = by_start.iter().take(8).map(|e| e.label()).collect();
            if self.events.len() > 8 {
                shown.push(format!("… and {} more", self.events.len() - 8));
            }
            shown.join("\n  ")
        };
        match pick {
            Pick::Only if self.events.len() == 1 => Ok(&self.events[0]),
            Pick::Only => {
                Err(choice(format!("holds {} events: give --event UID or --next\n  {}", self.events.len(), listing())))
            }
            Pick::Uid(uid) => self
                .events
                .iter()
                .find(|e| e.uid.as_deref() == Some(uid.as_str()))
                .ok_or_else(|| choice(format!("holds no event with UID {uid}\n  {}", listing()))),
            Pick::Next(day) => self
                .events
                .iter()
                .filter(|e| !e.cancelled && e.start.date >= *day)
                .min_by_key(|e| (&e.start, e.line))
                .ok_or_else(|| choice(format!("holds no event on or after {day}\n  {}", listing()))),
        }
    }
}

impl Event {
    /// `2026-12-02 14:00 Contoso security review (UID …)`, for messages.
    pub fn label(&self) -> String {
        let uid = self.uid.as_deref().map(|u| format!(" (UID {u})")).unwrap_or_default();
        format!("{} {}{uid}", self.start.shown(), self.summary)
    }

    /// The organizer and the attendees, each once (by address, else name). The organizer
    /// written again as an attendee is that attendee (the line says what they answered),
    /// named as either line names them.
    pub fn invitees(&self) -> Vec<Invitee> {
        let mut out: Vec<Invitee> = Vec::new();
        for who in self.organizer.iter().chain(&self.attendees) {
            let same = |o: &Invitee| match (&o.email, &who.email) {
                (Some(a), Some(b)) => a == b,
                _ => o.name.is_some() && o.name == who.name,
            };
            match out.iter().position(same) {
                Some(i) => {
                    let name = who.name.clone().or_else(|| out[i].name.take());
                    out[i] = Invitee { name, ..who.clone() };
                }
                None => out.push(who.clone()),
            }
        }
        out
    }
}

impl When {
    /// `2026-12-02 14:00 Europe/Berlin`, `2026-12-02 09:00 UTC`, `2026-12-02`.
    pub fn shown(&self) -> String {
        let mut s = self.date.format("%Y-%m-%d").to_string();
        if let Some(t) = self.time {
            s.push(' ');
            s.push_str(&t.format("%H:%M").to_string());
        }
        if let Some(zone) = &self.zone {
            s.push(' ');
            s.push_str(zone);
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folded_lines_keep_their_first_line_number() {
        let lines = unfold("BEGIN:VCALENDAR\r\nSUMMARY:a long\r\n  title\r\n\r\nEND:VCALENDAR\r\n");
        let got: Vec<(u32, &str)> = lines.iter().map(|l| (l.line, l.text.as_str())).collect();
        assert_eq!(got, vec![(1, "BEGIN:VCALENDAR"), (2, "SUMMARY:a long title"), (5, "END:VCALENDAR")]);
    }

    #[test]
    fn outlook_directory_names_read_first_name_first() {
        assert_eq!(readable_name("Lee, Pat"), "Pat Lee");
        assert_eq!(readable_name("Pat Lee"), "Pat Lee");
        assert_eq!(readable_name("Contoso Bank, Security Team"), "Contoso Bank, Security Team");
    }

    #[test]
    fn dial_in_block_is_cut() {
        let d = "Agenda:\n1. Review\n________________________________________________\nJoin Microsoft Teams Meeting";
        assert_eq!(without_dial_in(d), "Agenda:\n1. Review");
    }
}

//! Map view → a JSON Canvas 1.0 file (jsoncanvas.org), the format of Obsidian's Canvas, so
//! that a teammate opens the map inside the vault and clicks through to the notes.
//!
//! Each side-and-company group is a `group` node, listed before every other node (the spec's
//! z-order: later nodes lie on top). Within it the people stand as an org chart, each a `file`
//! node of their note with a `text` caption under it (role, buying roles, disposition, how
//! recent the contact is); guests met without a note are `text` nodes in a group of their
//! own. Edges are the map's lines, labelled, coloured by the disposition of the person they
//! reach. Ids are 16 hex digits of a SHA-256 of what a node or edge stands for, positions
//! whole numbers from a fixed grid: the same view gives the same bytes. Text nodes are
//! Markdown to Obsidian: every text from a note in them is escaped.

use std::collections::BTreeMap;

use serde::Serialize;
use sha2::{Digest, Sha256};

use super::diagram::{group_title, side_word};
use super::markdown::escape;
use crate::model::stakeholder::Disposition;
use crate::model::Side;
use crate::report::map::MapView;
use crate::report::EdgeKind;

/// The canvas grid, in canvas units (Obsidian's default card is 400 × 400; a person card
/// only needs to show the note's title and first lines).
const CARD_WIDTH: i64 = 320;
const CARD_HEIGHT: i64 = 120;
/// Room for five lines: a long role wraps.
const CAPTION_HEIGHT: i64 = 150;
/// Between a card and its caption, between columns and between levels of the org chart.
const GAP: i64 = 20;
const COLUMN: i64 = CARD_WIDTH + 2 * GAP;
const LEVEL: i64 = CARD_HEIGHT + GAP + CAPTION_HEIGHT + 3 * GAP;
/// Inside a group, all round (Obsidian draws a group's label above it).
const GROUP_PADDING: i64 = 40;
/// At most this many columns of people side by side in a group before a new band starts
/// (a company of 40 people without reporting lines is a grid, not a line).
const MAX_COLUMNS: i64 = 5;
const GUEST_HEIGHT: i64 = 120;
/// The title card: its heading, then this much per line (it is as wide as the map).
const TITLE_HEADING: i64 = 100;
const TITLE_LINE: i64 = 34;

/// Obsidian's preset colours.
const RED: &str = "1";
const ORANGE: &str = "2";
const GREEN: &str = "4";
const CYAN: &str = "5";
const PURPLE: &str = "6";

#[derive(Serialize)]
struct Canvas {
    nodes: Vec<Node>,
    edges: Vec<Edge>,
}

#[derive(Serialize)]
struct Node {
    id: String,
    #[serde(flatten)]
    content: Content,
    x: i64,
    y: i64,
    width: i64,
    height: i64,
    #[serde(skip_serializing_if = "Option::is_none")]
    color: Option<&'static str>,
}

#[derive(Serialize)]
#[serde(tag = "type", rename_all = "lowercase")]
enum Content {
    Group { label: String },
    File { file: String },
    Text { text: String },
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Edge {
    id: String,
    from_node: String,
    to_node: String,
    to_end: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    color: Option<&'static str>,
    label: String,
}

/// A stable id for what `parts` name: the same thing gets the same id in every run.
fn id(parts: &[&str]) -> String {
    let mut hash = Sha256::new();
    for part in parts {
        hash.update(part.as_bytes());
        hash.update([0]);
    }
    hash.finalize()[..8].iter().map(|b| format!("{b:02x}")).collect()
}

/// A value as the JSON names it (`sceptic`, `reports-to`).
fn word<T: Serialize>(value: T) -> String {
    serde_json::to_value(value).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default()
}

fn disposition_colour(d: Option<Disposition>) -> Option<&'static str> {
    match d? {
        Disposition::Mentor | Disposition::Supporter => Some(GREEN),
        Disposition::Neutral => None,
        Disposition::Sceptic => Some(ORANGE),
        Disposition::Blocker => Some(RED),
    }
}

/// Where each member of a group stands: (column, level), from the org chart's pre-order
/// (each member follows their manager, depth one more). A manager is centred over their
/// reports; trees stand side by side, a new band below once `MAX_COLUMNS` are full.
fn org_chart_places(depths: &[usize]) -> Vec<(i64, i64)> {
    let n = depths.len();
    // The manager of each member: the nearest member before it one level up.
    let mut parent: Vec<Option<usize>> = vec![None; n];
    let mut chain: Vec<usize> = Vec::new();
    for (i, &depth) in depths.iter().enumerate() {
        chain.truncate(depth);
        parent[i] = if depth > 0 && chain.len() == depth { chain.last().copied() } else { None };
        chain.push(i);
    }
    // Columns each subtree needs: its leaves (children come after their parent).
    let mut width = vec![0i64; n];
    for i in (0..n).rev() {
        width[i] = width[i].max(1);
        if let Some(p) = parent[i] {
            width[p] += width[i];
        }
    }
    let mut first_column = vec![0i64; n];
    // The next free column under each member (their reports are placed left to right).
    let mut next_under = vec![0i64; n];
    let mut places = vec![(0, 0); n];
    let (mut band_column, mut band_level, mut band_depth) = (0i64, 0i64, 0i64);
    let mut root_depth = 0;
    // The deepest level under `root` (its subtree follows it in the pre-order).
    let subtree_depth = |root: usize| {
        (root..n).take_while(|&k| k == root || depths[k] > depths[root]).map(|k| depths[k]).max().unwrap_or(0)
    };
    for i in 0..n {
        match parent[i] {
            Some(p) => {
                first_column[i] = next_under[p];
                next_under[p] += width[i];
            }
            None => {
                root_depth = depths[i];
                if band_column > 0 && band_column + width[i] > MAX_COLUMNS {
                    band_level += band_depth + 1;
                    (band_column, band_depth) = (0, 0);
                }
                first_column[i] = band_column;
                band_column += width[i];
                band_depth = band_depth.max((subtree_depth(i) - depths[i]) as i64);
            }
        }
        next_under[i] = first_column[i];
        // Centred over the columns of its subtree (so counted in half columns).
        let column2 = 2 * first_column[i] + width[i] - 1;
        let level = band_level + (depths[i] - root_depth) as i64;
        places[i] = (column2, level);
    }
    places
}

/// The caption under a person's card: what a reader looks for before opening the note.
fn caption(view: &MapView, person: usize) -> (String, Option<&'static str>) {
    let p = &view.people[person];
    let mut lines = vec![format!("**{}**", escape(&p.name))];
    let mut first = Vec::new();
    if let Some(role) = &p.role {
        first.push(escape(role));
    }
    let roles: Vec<&str> = p.buying_roles.iter().map(|r| r.label).collect();
    if !roles.is_empty() {
        first.push(roles.join(", "));
    }
    if !first.is_empty() {
        lines.push(first.join(" · "));
    }
    let mut second = Vec::new();
    if let Some(d) = p.disposition {
        second.push(word(d));
    }
    if let Some(i) = p.influence {
        second.push(format!("{} influence", word(i)));
    }
    match (&p.last_contact, p.days_since_contact) {
        (Some(date), Some(days)) if p.stale => second.push(format!("stale: last contact {date} ({days} days)")),
        (Some(date), _) => second.push(format!("last contact {date}")),
        (None, _) => second.push("no contact recorded".to_string()),
    }
    lines.push(second.join(" · "));
    (lines.join("\n"), p.stale.then_some(RED))
}

/// The canvas of `view`, as Obsidian writes one (tab-indented JSON).
pub fn canvas(view: &MapView) -> String {
    let mut nodes: Vec<Node> = Vec::new();
    let mut members: Vec<Node> = Vec::new();
    let mut card_of: BTreeMap<&str, String> = BTreeMap::new();

    // The title card: the subject, the date, the buying-role status one role a line, and
    // what the colours mean.
    let subject = &view.header.subject.name;
    let mut lines = vec![format!("As of {}", view.header.as_of)];
    lines.extend(view.status_line.split(" · ").filter(|s| !s.is_empty()).map(|s| format!("- {}", escape(s))));
    lines.push("Cards: green supportive, orange sceptic, red blocker. A red caption: stale.".to_string());
    let title_height = TITLE_HEADING + TITLE_LINE * lines.len() as i64;
    let title = format!("# Stakeholder map: {}\n\n{}", escape(subject), lines.join("\n"));

    let top = title_height + 2 * GAP;
    let mut left = 0;
    for group in &view.groups {
        let depths: Vec<usize> = group.members.iter().map(|m| m.depth).collect();
        let places = org_chart_places(&depths);
        let columns2 = places.iter().map(|p| p.0).max().unwrap_or(0);
        let levels = places.iter().map(|p| p.1).max().unwrap_or(0) + 1;
        let width = 2 * GROUP_PADDING + columns2 * COLUMN / 2 + CARD_WIDTH;
        let height = 2 * GROUP_PADDING + (levels - 1) * LEVEL + CARD_HEIGHT + GAP + CAPTION_HEIGHT;
        let company = group.company.as_deref().unwrap_or("");
        nodes.push(Node {
            id: id(&["group", side_word(group.side), company]),
            content: Content::Group { label: group_title(group) },
            x: left,
            y: top,
            width,
            height,
            color: (group.side == Side::Ours).then_some(CYAN),
        });
        for (m, &(column2, level)) in group.members.iter().zip(&places) {
            let x = left + GROUP_PADDING + column2 * COLUMN / 2;
            let y = top + GROUP_PADDING + level * LEVEL;
            let person = &view.people[m.person];
            let card = id(&["person", &m.path]);
            card_of.insert(m.path.as_str(), card.clone());
            members.push(Node {
                id: card,
                content: Content::File { file: m.path.clone() },
                x,
                y,
                width: CARD_WIDTH,
                height: CARD_HEIGHT,
                color: disposition_colour(person.disposition),
            });
            let (text, colour) = caption(view, m.person);
            members.push(Node {
                id: id(&["caption", &m.path]),
                content: Content::Text { text },
                x,
                y: y + CARD_HEIGHT + GAP,
                width: CARD_WIDTH,
                height: CAPTION_HEIGHT,
                color: colour,
            });
        }
        left += width + 2 * GAP;
    }

    if !view.guests.is_empty() {
        let columns = (view.guests.len() as i64).min(MAX_COLUMNS);
        let rows = (view.guests.len() as i64 + columns - 1) / columns;
        let width = 2 * GROUP_PADDING + (columns - 1) * COLUMN + CARD_WIDTH;
        nodes.push(Node {
            id: id(&["group", "guests"]),
            content: Content::Group { label: "Met in meetings, no person note".to_string() },
            x: left,
            y: top,
            width,
            height: 2 * GROUP_PADDING + (rows - 1) * (GUEST_HEIGHT + 2 * GAP) + GUEST_HEIGHT,
            color: Some(PURPLE),
        });
        for (k, g) in view.guests.iter().enumerate() {
            let (row, column) = (k as i64 / columns, k as i64 % columns);
            let mut text = vec![format!("**{}**", escape(&g.guest.name))];
            let mut about: Vec<String> = Vec::new();
            if let Some(company) = g.guest.company.as_deref().or(g.guest.domain.as_deref()) {
                about.push(escape(company));
            }
            about.push(side_word(g.guest.side).to_string());
            text.push(about.join(" · "));
            let times = if g.meetings == 1 { "once".to_string() } else { format!("{} times", g.meetings) };
            text.push(match &g.last_met {
                Some(last) => format!("met {times}, last {last}"),
                None => format!("met {times}"),
            });
            let key = g.guest.email.as_deref().unwrap_or(&g.guest.name);
            members.push(Node {
                id: id(&["guest", key]),
                content: Content::Text { text: text.join("\n") },
                x: left + GROUP_PADDING + column * COLUMN,
                y: top + GROUP_PADDING + row * (GUEST_HEIGHT + 2 * GAP),
                width: CARD_WIDTH,
                height: GUEST_HEIGHT,
                color: None,
            });
        }
        left += width + 2 * GAP;
    }
    // Groups first, then the title and the cards on top of them.
    nodes.push(Node {
        id: id(&["title", subject]),
        content: Content::Text { text: title },
        x: 0,
        y: 0,
        width: (left - 2 * GAP).max(3 * COLUMN),
        height: title_height,
        color: None,
    });
    nodes.append(&mut members);

    let disposition_of: BTreeMap<&str, Option<Disposition>> =
        view.people.iter().map(|p| (p.path.as_str(), p.disposition)).collect();
    let mut edges = Vec::new();
    for e in &view.edges {
        let (Some(from), Some(to)) = (card_of.get(e.from.as_str()), card_of.get(e.to.as_str())) else { continue };
        let (label, to_end, coloured) = match e.kind {
            EdgeKind::ReportsTo => ("reports to".to_string(), "arrow", false),
            EdgeKind::DottedLine => ("dotted line".to_string(), "arrow", false),
            EdgeKind::Met if e.meetings == 1 => ("met once".to_string(), "none", true),
            EdgeKind::Met => (format!("met {} times", e.meetings), "none", true),
            EdgeKind::Introduced => ("introduced".to_string(), "arrow", true),
            EdgeKind::Owner => ("owns relationship".to_string(), "arrow", true),
        };
        edges.push(Edge {
            id: id(&["edge", &word(e.kind), &e.from, &e.to]),
            from_node: from.clone(),
            to_node: to.clone(),
            to_end,
            color: disposition_colour(disposition_of.get(e.to.as_str()).copied().flatten()).filter(|_| coloured),
            label,
        });
    }
    let canvas = Canvas { nodes, edges };
    let mut out = Vec::new();
    let mut serializer =
        serde_json::Serializer::with_formatter(&mut out, serde_json::ser::PrettyFormatter::with_indent(b"\t"));
    canvas.serialize(&mut serializer).expect("a canvas is plain data");
    let mut text = String::from_utf8(out).expect("serde_json writes UTF-8");
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_sixteen_hex_digits_and_stable() {
        let a = id(&["person", "People/Ann Lee.md"]);
        assert_eq!(a.len(), 16);
        assert!(a.bytes().all(|b| b.is_ascii_hexdigit()));
        assert_eq!(a, id(&["person", "People/Ann Lee.md"]));
        assert_ne!(a, id(&["caption", "People/Ann Lee.md"]));
        // Parts are kept apart: ("ab", "c") is not ("a", "bc").
        assert_ne!(id(&["ab", "c"]), id(&["a", "bc"]));
    }

    #[test]
    fn a_manager_stands_over_their_reports() {
        // Ann manages Bo and Cy; Cy manages Di; Ed stands alone.
        let places = org_chart_places(&[0, 1, 1, 2, 0]);
        let (ann, bo, cy, di, ed) = (places[0], places[1], places[2], places[3], places[4]);
        assert_eq!((ann.1, bo.1, cy.1, di.1, ed.1), (0, 1, 1, 2, 0));
        assert!(bo.0 < cy.0 && cy.0 == di.0, "{places:?}");
        assert_eq!(ann.0, (bo.0 + cy.0) / 2, "centred over the reports");
        assert!(ed.0 > cy.0, "the next tree stands to the right");
    }

    #[test]
    fn many_people_without_managers_wrap_into_bands() {
        let places = org_chart_places(&[0; 12]);
        let columns: Vec<i64> = places.iter().map(|p| p.0 / 2).collect();
        assert!(columns.iter().all(|&c| c < MAX_COLUMNS));
        assert_eq!(places[11].1, 2, "12 people in bands of 5: the third band");
        let distinct: std::collections::BTreeSet<(i64, i64)> = places.iter().copied().collect();
        assert_eq!(distinct.len(), 12, "no two in one place");
    }
}

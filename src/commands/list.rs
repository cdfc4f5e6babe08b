//! `dossier list`: customers, projects, people or meetings, as a table.

use std::io::Write;

use chrono::NaiveDate;

use super::table::write_table;
use super::EXIT_OK;
use crate::cli::ListWhat;
use crate::model::{self, Graph, Side};
use crate::select;
use crate::vault;

pub(super) fn list(
    graph: &Graph,
    what: Option<ListWhat>,
    as_of: NaiveDate,
    out: &mut dyn Write,
) -> anyhow::Result<i32> {
    let rows: Vec<Vec<String>> = match what {
        None => {
            let counts = [
                ("customers", graph.customers().len()),
                ("projects", graph.projects.len()),
                ("people", graph.people.len()),
                ("meetings", graph.meetings.len()),
                ("notes", graph.vault.notes.len()),
            ];
            let mut rows = vec![vec!["KIND".to_string(), "COUNT".to_string()]];
            rows.extend(counts.iter().map(|(k, n)| vec![k.to_string(), n.to_string()]));
            rows
        }
        Some(ListWhat::Customers) => {
            let mut rows = vec![["CUSTOMER", "PEOPLE", "PROJECTS", "MEETINGS", "NOTE"].map(String::from).to_vec()];
            for org in graph.customers() {
                let sel = select::select(graph, &org.target);
                let people = sel.people.iter().filter(|p| graph.side_of(&graph.people[p.index]) != Side::Ours).count();
                rows.push(vec![
                    org.name.clone(),
                    people.to_string(),
                    sel.projects.len().to_string(),
                    sel.meetings.len().to_string(),
                    graph.path_of(&org.target).unwrap_or("(no note)").to_string(),
                ]);
            }
            rows
        }
        Some(ListWhat::Projects) => {
            let mut rows = vec![["PROJECT", "CUSTOMER", "PEOPLE", "NOTE"].map(String::from).to_vec()];
            let mut projects: Vec<&model::Project> = graph.projects.iter().collect();
            projects.sort_by_key(|p| p.name.to_lowercase());
            for p in projects {
                let sel = select::select(graph, &vault::Target::Note(p.note));
                let customers: Vec<String> = p.customers.iter().map(|c| graph.name_of(c)).collect();
                rows.push(vec![
                    p.name.clone(),
                    if customers.is_empty() { "—".into() } else { customers.join(", ") },
                    sel.people.len().to_string(),
                    graph.vault.note(p.note).path.clone(),
                ]);
            }
            rows
        }
        Some(ListWhat::People) => {
            let mut rows = vec![["PERSON", "ROLE", "COMPANY", "SIDE", "LAST CONTACT"].map(String::from).to_vec()];
            let mut people: Vec<&model::Person> = graph.people.iter().collect();
            people.sort_by_key(|p| p.name.to_lowercase());
            for p in people {
                rows.push(vec![
                    p.name.clone(),
                    p.contact.role.as_ref().map_or("—".into(), |r| r.value.clone()),
                    p.company.as_ref().map_or("—".into(), |c| graph.name_of(c)),
                    format!("{:?}", graph.side_of(p)).to_lowercase(),
                    p.last_contact_on(as_of).map_or("—".into(), |d| d.value.to_string()),
                ]);
            }
            rows
        }
        Some(ListWhat::Meetings) => {
            let mut rows = vec![["DATE", "MEETING", "ATTENDEES", "NOTE"].map(String::from).to_vec()];
            let mut meetings: Vec<&model::Meeting> = graph.meetings.iter().collect();
            meetings.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.title.cmp(&b.title)));
            for m in meetings {
                rows.push(vec![
                    m.date.map_or("undated".into(), |d| d.to_string()),
                    m.title.clone(),
                    (m.attendees.len() + m.guests.len()).to_string(),
                    m.note.map_or("(no note)".into(), |n| graph.vault.note(n).path.clone()),
                ]);
            }
            rows
        }
    };
    write_table(out, &rows)?;
    Ok(EXIT_OK)
}

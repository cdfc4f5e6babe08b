//! `dossier check`: the vault's health, and how it was read.

use std::io::Write;

use super::printer::{colour_for, Printer};
use super::{today, EXIT_FAILURE, EXIT_OK};
use crate::cli::Cli;
use crate::diagnostics::{Diagnostic, Severity};
use crate::model::{self, Graph};

pub(super) fn check(cli: &Cli, graph: &Graph, out: &mut dyn Write) -> anyhow::Result<i32> {
    let mut all = graph.all_diagnostics();
    // Queries a briefing could not answer are worth knowing before a briefing is made.
    for id in graph.vault.ids() {
        for block in crate::query::blocks(graph, id) {
            if let crate::query::Answer::Unsupported(reason) = crate::query::answer(graph, &block, today()) {
                let path = &graph.vault.note(id).path;
                all.push(Diagnostic::warning(path, block.line, format!("Dataview query not evaluated: {reason}")));
            }
        }
        for base in crate::bases::uses(graph, id) {
            if let crate::query::Answer::Unsupported(reason) = crate::bases::answer(graph, &base, today()) {
                let path = &graph.vault.note(id).path;
                all.push(Diagnostic::warning(
                    path,
                    base.line,
                    format!("Base {} not evaluated: {reason}", base.written()),
                ));
            }
        }
    }
    all.extend(reading_notes(graph));
    all.sort();
    // `check` prints to standard output, so colour follows standard output.
    let mut printer = Printer::new(&graph.vault.root, colour_for(&std::io::stdout()));
    for d in &all {
        printer.write(out, d)?;
    }
    let templates = &graph.vault.templates;
    if !templates.folders.is_empty() {
        let held = graph.vault.notes.iter().filter(|n| templates.holds(&n.folder)).count();
        writeln!(
            out,
            "templates: {} ({}): its {held} note{} are of no kind; set templates-folders in dossier.toml to change it",
            templates.folders.join(", "),
            templates.basis,
            if held == 1 { "" } else { "s" },
        )?;
    }
    let count = |s: Severity| all.iter().filter(|d| d.severity == s).count();
    let (errors, warnings, notes) = (count(Severity::Error), count(Severity::Warning), count(Severity::Note));
    writeln!(
        out,
        "{} notes read: {errors} error{}, {warnings} warning{}, {notes} note{}",
        graph.vault.notes.len(),
        if errors == 1 { "" } else { "s" },
        if warnings == 1 { "" } else { "s" },
        if notes == 1 { "" } else { "s" },
    )?;
    for line in schema_hints(graph) {
        writeln!(out, "hint: {line}")?;
    }
    Ok(if errors > 0 || (cli.strict && warnings > 0) { EXIT_FAILURE } else { EXIT_OK })
}

/// Notes on how a meeting's date was found, when it was not a date field.
pub(super) fn reading_notes(graph: &Graph) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for m in &graph.meetings {
        let Some(id) = m.note else { continue };
        let path = &graph.vault.note(id).path;
        let message = match (&m.date_basis, m.date) {
            (Some(model::MeetingDateBasis::FileName), Some(d)) => {
                format!("meeting date {d} read from the file name (no date field)")
            }
            (Some(model::MeetingDateBasis::Created { name, .. }), Some(d)) => {
                format!("meeting date {d} read from `{name}` (no date field, no date in the file name)")
            }
            (Some(model::MeetingDateBasis::RecentContext), Some(d)) => {
                format!(
                    "meeting date {d} read from an attendee's Recent Context (no date field, no date in the file name)"
                )
            }
            (None, None) => {
                "meeting has no date: no date field, no date in the file name, no created field".to_string()
            }
            _ => continue,
        };
        let line = match &m.date_basis {
            Some(model::MeetingDateBasis::Created { line, .. }) => *line,
            _ => graph.vault.note(id).frontmatter.line.unwrap_or(1),
        };
        out.push(Diagnostic::note(path, line, message));
    }
    out
}

/// When many people lack a company or role, or many meetings a date: where to look.
pub(super) fn schema_hints(graph: &Graph) -> Vec<String> {
    let mut out = Vec::new();
    let people = graph.people.len();
    let meetings = graph.meetings.iter().filter(|m| m.note.is_some()).count();
    let many = |missing: usize, of: usize| of >= 3 && missing * 2 >= of;
    let no_company = graph.people.iter().filter(|p| p.company.is_none()).count();
    let no_role = graph.people.iter().filter(|p| p.contact.role.is_none()).count();
    let undated = graph.meetings.iter().filter(|m| m.note.is_some() && m.date.is_none()).count();
    if many(no_company, people) {
        out.push(format!("{no_company} of {people} people have no company"));
    }
    if many(no_role, people) {
        out.push(format!("{no_role} of {people} people have no role"));
    }
    if many(undated, meetings) {
        out.push(format!("{undated} of {meetings} meetings have no date"));
    }
    if !out.is_empty() {
        out.push(
            "`dossier schema` lists the fields this vault writes and proposes a [fields] block for dossier.toml".into(),
        );
    }
    out
}

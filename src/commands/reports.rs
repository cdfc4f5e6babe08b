//! The four reports: select, shape and render one, then print its warnings and write it.

use std::io::Write;
use std::path::Path;

use super::output::{is_inside, write_atomically};
use super::printer::{colour_for, Printer};
use super::{today, UsageError, EXIT_OK};
use crate::cli::{BriefArgs, Cli, MapArgs, MeetingArgs, OutputArgs, ReviewArgs};
use crate::config::Settings;
use crate::diagnostics::{Diagnostic, Severity};
use crate::format::Format;
use crate::model::Graph;
use crate::render::{self, slug, Templates};
use crate::report::Report;
use crate::select;
use crate::{report, vault};
use clap::ValueEnum;

pub(super) fn brief(
    cli: &Cli,
    settings: &Settings,
    graph: &Graph,
    args: &BriefArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<i32> {
    let subject = select::find_subject(graph, &args.subject)?;
    let selection = select::select(graph, &subject);
    let options = report::BriefOptions { as_of: args.output.as_of.unwrap_or_else(today) };
    let view = report::brief(graph, &selection, &options);
    emit(cli, settings, graph, &args.output, Report::Brief(&view), out, err)
}

pub(super) fn meeting(
    cli: &Cli,
    settings: &Settings,
    graph: &Graph,
    args: &MeetingArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<i32> {
    let as_of = args.output.as_of.unwrap_or_else(today);
    let selection = match &args.ics {
        None => select::meeting::select(graph, &args.inputs, as_of)?,
        Some(path) => {
            let calendar = crate::invite::read(path)?;
            let pick = match (&args.event, args.next) {
                (Some(uid), _) => crate::invite::Pick::Uid(uid.clone()),
                (None, true) => crate::invite::Pick::Next(as_of),
                (None, false) => crate::invite::Pick::Only,
            };
            let event = calendar.pick(&pick).map_err(|e| UsageError(e.to_string()))?;
            let selection = select::meeting::select_invite(graph, &calendar, event, &args.inputs, as_of)?;
            if let Some(facts) = selection.invite.as_ref().filter(|_| selection.meeting.is_none()) {
                let day = event.start.date;
                if facts.unmatched.is_empty() {
                    writeln!(
                        err,
                        "note: no meeting note of {day} is titled like “{}”: briefed from the invite alone",
                        event.summary
                    )?;
                } else {
                    writeln!(
                        err,
                        "note: several meeting notes of {day} fit “{}” ({}): give the note to use",
                        event.summary,
                        facts.unmatched.join(", ")
                    )?;
                }
            }
            if event.recurs {
                writeln!(
                    err,
                    "note: “{}” repeats; its first occurrence ({}) is briefed",
                    event.summary, event.start.date
                )?;
            }
            selection
        }
    };
    let view = report::meeting::meeting(graph, &selection, as_of);
    emit(cli, settings, graph, &args.output, Report::Meeting(&view), out, err)
}

pub(super) fn review(
    cli: &Cli,
    settings: &Settings,
    graph: &Graph,
    args: &ReviewArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<i32> {
    let period = match (args.quarter, args.since, args.until) {
        (Some(q), _, _) => q,
        (None, Some(since), Some(until)) => crate::period::Period::new(since, until).map_err(UsageError)?,
        _ => return Err(UsageError("give --quarter YYYY-Qn, or --since and --until".into()).into()),
    };
    let subject = select::find_subject(graph, &args.subject)?;
    let selection = select::select(graph, &subject);
    let as_of = args.output.as_of.unwrap_or_else(today);
    let view = report::review::review(graph, &selection, period, as_of);
    emit(cli, settings, graph, &args.output, Report::Review(&view), out, err)
}

pub(super) fn map(
    cli: &Cli,
    settings: &Settings,
    graph: &Graph,
    args: &MapArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<i32> {
    let subject = select::find_subject(graph, &args.subject)?;
    let selection = select::select(graph, &subject);
    let as_of = args.output.as_of.unwrap_or_else(today);
    let view = report::map::map(graph, &selection, as_of);
    emit(cli, settings, graph, &args.output, Report::Map(&view), out, err)
}

/// `--share --explain`: every removal as `path:line: left out: what`.
pub(super) fn explain(removed: &[vault::share::Removal], err: &mut dyn Write) -> anyhow::Result<()> {
    writeln!(err, "--share left out {} thing(s) from the vault:", removed.len())?;
    for r in removed {
        writeln!(err, "{}:{}: left out: {}", r.path, r.line, r.what)?;
    }
    Ok(())
}

/// Renders the report in the requested format and writes it where `-o` says (default:
/// `<output-dir>/<slug>.<ext>`, never inside the vault), after printing the warnings.
pub(super) fn emit(
    cli: &Cli,
    settings: &Settings,
    graph: &Graph,
    output: &OutputArgs,
    report: Report,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<i32> {
    let format = output.format(settings);
    let kind = report.kind();
    if !kind.formats().contains(&format) {
        let name = |f: &Format| f.to_possible_value().map(|v| v.get_name().to_string()).unwrap_or_default();
        let usable: Vec<String> = kind.formats().iter().map(name).collect();
        let drawing = [Format::Svg, Format::Dot, Format::Mermaid, Format::Canvas].contains(&format);
        return Err(UsageError(format!(
            "`{}` cannot be written as {}: use {}{}",
            kind.name(),
            name(&format),
            usable.join(", "),
            if drawing { " (svg, dot, mermaid and canvas are for `dossier map`)" } else { "" }
        ))
        .into());
    }
    let options = render::RenderOptions {
        templates: Templates { dir: output.templates(settings) },
        marking: settings.marking.clone(),
        paper: output.paper(settings),
        shared: output.share,
    };
    let bytes = render::report(report, format, &options)?;
    deliver(cli, settings, output, report, &graph.vault.removed, &bytes, out, err)
}

/// Prints the report's warnings and writes its bytes where `-o` says (default:
/// `<output-dir>/<slug>.<ext>`, never inside the vault); `--explain` follows.
#[allow(clippy::too_many_arguments)]
pub(super) fn deliver(
    cli: &Cli,
    settings: &Settings,
    output: &OutputArgs,
    report: Report,
    removed: &[vault::share::Removal],
    bytes: &[u8],
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<i32> {
    let shown = |severity: Severity| severity != Severity::Note || cli.verbose;
    if !cli.quiet {
        let mut printer = Printer::new(&cli.vault, colour_for(&std::io::stderr()));
        for w in report.warnings().iter().filter(|w| shown(w.severity)) {
            printer.write(err, &Diagnostic::new(w.severity, &w.path, w.line, &w.message))?;
        }
    }
    let warnings = report.warnings().iter().filter(|w| w.severity != Severity::Note).count();
    if cli.strict && warnings > 0 {
        anyhow::bail!("{warnings} warning(s) and --strict: the {} was not written", report.kind().name());
    }
    let ext = output.format(settings).extension();
    match output.output.as_deref() {
        Some(p) if p == Path::new("-") => {
            out.write_all(bytes)?;
            out.flush()?;
        }
        Some(p) => write_atomically(p, bytes)?,
        None => {
            let path = settings.output_dir.join(format!("{}.{ext}", slug(&report.file_name())));
            if is_inside(&path, &cli.vault) {
                return Err(UsageError(format!(
                    "the default output {} would be inside the vault, and dossier never writes there unasked; pass -o PATH",
                    path.display()
                ))
                .into());
            }
            write_atomically(&path, bytes)?;
            if !cli.quiet {
                writeln!(err, "wrote {}", path.display())?;
            }
        }
    }
    if output.explain {
        explain(removed, err)?;
    }
    Ok(EXIT_OK)
}

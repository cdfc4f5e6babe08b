//! The commands: read the vault, run the pipeline, write the result. `main` only maps the
//! outcome to an exit code.

use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::cli::{
    BriefArgs, Cli, Command, ListWhat, MapArgs, MeetingArgs, OutputArgs, QueryArgs, QueryFormat, ReviewArgs,
    TemplatesCommand,
};
use crate::config::{self, Settings};
use crate::diagnostics::{colour_for, Diagnostic, Diagnostics, Printer, Severity};
use crate::model::{self, Graph, Side};
use crate::render::{self, slug, Templates};
use crate::report::Report;
use crate::select::{self, SubjectError};
use crate::{report, vault};

/// Exit codes of the contract.
pub const EXIT_OK: i32 = 0;
pub const EXIT_FAILURE: i32 = 1;
pub const EXIT_USAGE: i32 = 2;

/// An error that ends the run with exit code 2 (bad usage, unknown subject).
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct UsageError(pub String);

/// Runs a parsed command line; returns the exit code.
pub fn run(cli: &Cli, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    match cli.output() {
        Some(output) if output.watch => watch(cli, out, err),
        _ => run_once(cli, out, err),
    }
}

/// `--watch`: write the report, then again after every change to a note or to the
/// settings, once a burst of changes has settled. Runs until interrupted.
fn watch(cli: &Cli, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    use notify::{RecursiveMode, Watcher};
    let (tx, rx) = std::sync::mpsc::channel();
    let watcher = notify::recommended_watcher(tx).and_then(|mut w| {
        w.watch(&cli.vault, RecursiveMode::Recursive)?;
        Ok(w)
    });
    let _watcher = match watcher {
        Ok(w) => w,
        Err(e) => {
            let _ = writeln!(err, "error: cannot watch {}: {e}", cli.vault.display());
            return EXIT_FAILURE;
        }
    };
    // The report itself may be written inside the vault (with -o): its own writes are not news.
    let own = cli.output().and_then(|o| o.output.as_deref()).and_then(|p| p.canonicalize().ok());
    let roots: Vec<std::path::PathBuf> =
        [Some(cli.vault.clone()), cli.vault.canonicalize().ok()].into_iter().flatten().collect();
    let relevant = |event: &notify::Result<notify::Event>| {
        let Ok(event) = event else { return false };
        if event.kind.is_access() {
            return false;
        }
        event.paths.iter().any(|p| {
            let is_note = p.extension().is_some_and(|x| x.eq_ignore_ascii_case("md"));
            let is_settings = p.file_name().is_some_and(|n| n == config::CONFIG_FILE_NAME);
            // Dot-folders inside the vault (.obsidian, .trash) are not notes; the vault's own
            // path may well contain one (a temporary folder), so only the part below it counts.
            let inside = roots.iter().find_map(|r| p.strip_prefix(r).ok()).unwrap_or(p);
            let hidden = inside.components().any(|c| c.as_os_str().to_str().is_some_and(|s| s.starts_with('.')));
            let ours = own.as_ref().is_some_and(|o| p.canonicalize().ok().as_ref() == Some(o) || p == o);
            (is_note || is_settings) && !hidden && !ours
        })
    };
    // The watch starts before the first report, so no change made after it is missed.
    let code = run_once(cli, out, err);
    if code == EXIT_USAGE {
        return code;
    }
    let _ = writeln!(err, "watching {} for changes (Ctrl-C to stop)", cli.vault.display());
    loop {
        let Ok(first) = rx.recv() else { return EXIT_FAILURE };
        let mut changed = relevant(&first);
        while let Ok(next) = rx.recv_timeout(std::time::Duration::from_millis(300)) {
            changed |= relevant(&next);
        }
        if changed {
            let code = run_once(cli, out, err);
            let _ = writeln!(err, "[{}] written again (exit {code})", chrono::Local::now().format("%H:%M:%S"));
        }
    }
}

fn run_once(cli: &Cli, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    match dispatch(cli, out, err) {
        Ok(code) => code,
        Err(e) => {
            if e.downcast_ref::<std::io::Error>().is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe) {
                return EXIT_OK;
            }
            let code = if e.downcast_ref::<UsageError>().is_some() || e.downcast_ref::<SubjectError>().is_some() {
                EXIT_USAGE
            } else {
                EXIT_FAILURE
            };
            let _ = writeln!(err, "error: {e:#}");
            code
        }
    }
}

fn dispatch(cli: &Cli, out: &mut dyn Write, err: &mut dyn Write) -> anyhow::Result<i32> {
    // Commands that do not read the vault.
    match &cli.command {
        Command::Completions { shell } => {
            clap_complete::generate(*shell, &mut <Cli as clap::CommandFactory>::command(), "dossier", out);
            return Ok(EXIT_OK);
        }
        Command::Man => {
            clap_mangen::Man::new(<Cli as clap::CommandFactory>::command()).render(out)?;
            return Ok(EXIT_OK);
        }
        Command::Templates(TemplatesCommand::Export { dir, force }) => return export_templates(dir, *force, out),
        Command::Templates(TemplatesCommand::List { templates }) => return list_templates(templates.as_deref(), out),
        Command::Templates(TemplatesCommand::Context) => {
            out.write_all(render::context::reference().as_bytes())?;
            return Ok(EXIT_OK);
        }
        _ => {}
    }
    let mut config_diags = Diagnostics::default();
    let settings = config::load(&cli.vault, cli.config.as_deref(), &mut config_diags)?;
    if !cli.quiet {
        let mut printer = Printer::new(Path::new(""), colour_for(&std::io::stderr()));
        for d in config_diags.iter() {
            printer.write(err, d)?;
        }
    }
    let output = cli.output();
    if let Command::Config = &cli.command {
        return show_config(cli, &settings, out);
    }
    let sharing = output.is_some_and(|o| o.share);
    let bar = progress_bar(cli);
    let progress = |p: vault::Progress| match p {
        vault::Progress::Found(n) => bar.set_length(n as u64),
        vault::Progress::Read => bar.inc(1),
    };
    let cache = (settings.cache && !cli.no_cache).then(|| vault::cache::location(&cli.vault, sharing)).flatten();
    let vault =
        vault::load_with(&cli.vault, &settings, &vault::LoadOptions { sharing, progress: Some(&progress), cache })?;
    bar.finish_and_clear();
    if cli.verbose {
        report_cache(vault.cache.as_ref(), err)?;
    }
    let graph = model::build(&vault, &settings);
    let result = match &cli.command {
        Command::Brief(args) => brief(cli, &settings, &graph, args, out, err),
        Command::Meeting(args) => meeting(cli, &settings, &graph, args, out, err),
        Command::Review(args) => review(cli, &settings, &graph, args, out, err),
        Command::Map(args) => map(cli, &settings, &graph, args, out, err),
        Command::List { what, as_of } => list(&graph, *what, as_of.unwrap_or_else(today), out),
        Command::Check => check(cli, &graph, out),
        Command::Schema { kind, toml } => schema(&graph, *kind, *toml, out),
        Command::Query(args) => query(&graph, args, out),
        Command::Config | Command::Templates(_) | Command::Completions { .. } | Command::Man => {
            unreachable!("handled before the vault is read")
        }
    };
    // The process ends next: freeing every note and entity one by one would cost a tenth of
    // a big vault's run (measured, benches/README.md) for memory the system takes back anyway.
    // A --watch run goes on, so it frees them.
    if !cli.output().is_some_and(|o| o.watch) {
        std::mem::forget(graph);
        std::mem::forget(vault);
    }
    result
}

/// With --verbose: how many notes came from the cache, and any trouble with it (which never
/// stops a run: without the cache every note is read from its file).
fn report_cache(report: Option<&vault::cache::Report>, err: &mut dyn Write) -> anyhow::Result<()> {
    let Some(r) = report else {
        writeln!(err, "note: no note cache (turned off, or no cache folder on this system)")?;
        return Ok(());
    };
    writeln!(
        err,
        "note: {} of {} notes taken from the note cache {}, {} read from their files{}",
        r.reused,
        r.reused + r.read,
        r.file.display(),
        r.read,
        if r.saved { " (cache updated)" } else { "" }
    )?;
    if let Some(problem) = &r.problem {
        writeln!(err, "note: note cache: {problem}")?;
    }
    Ok(())
}

/// Vaults of this many notes or more get a progress bar while they are read.
const PROGRESS_FROM_NOTES: u64 = 5_000;

/// A progress bar on standard error, drawn only on a terminal (never in pipes or CI), only
/// for a vault big enough to wait on, and never with --quiet.
fn progress_bar(cli: &Cli) -> indicatif::ProgressBar {
    use std::io::IsTerminal;
    if cli.quiet || !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    // Hidden until the count is known to be big; a small vault is read before it would show.
    let bar = indicatif::ProgressBar::with_draw_target(None, indicatif::ProgressDrawTarget::hidden());
    bar.set_style(
        indicatif::ProgressStyle::with_template("reading notes {bar:30} {pos}/{len}")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    let shown = bar.clone();
    std::thread::spawn(move || {
        std::thread::sleep(std::time::Duration::from_millis(300));
        if !shown.is_finished() && shown.length().is_some_and(|n| n >= PROGRESS_FROM_NOTES) {
            shown.set_draw_target(indicatif::ProgressDrawTarget::stderr());
        }
    });
    bar
}

fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

fn brief(
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

fn meeting(
    cli: &Cli,
    settings: &Settings,
    graph: &Graph,
    args: &MeetingArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<i32> {
    let as_of = args.output.as_of.unwrap_or_else(today);
    let selection = match &args.ics {
        None => select::meeting::select(graph, &args.inputs)?,
        Some(path) => {
            let calendar = crate::invite::read(path)?;
            let pick = match (&args.event, args.next) {
                (Some(uid), _) => crate::invite::Pick::Uid(uid.clone()),
                (None, true) => crate::invite::Pick::Next(as_of),
                (None, false) => crate::invite::Pick::Only,
            };
            let event = calendar.pick(&pick).map_err(|e| UsageError(e.to_string()))?;
            let selection = select::meeting::select_invite(graph, &calendar, event, &args.inputs)?;
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

fn review(
    cli: &Cli,
    settings: &Settings,
    graph: &Graph,
    args: &ReviewArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<i32> {
    let period = match (args.quarter, args.since, args.until) {
        (Some(q), _, _) => q,
        (None, Some(since), Some(until)) => report::review::Period::new(since, until).map_err(UsageError)?,
        _ => return Err(UsageError("give --quarter YYYY-Qn, or --since and --until".into()).into()),
    };
    let subject = select::find_subject(graph, &args.subject)?;
    let selection = select::select(graph, &subject);
    let as_of = args.output.as_of.unwrap_or_else(today);
    let view = report::review::review(graph, &selection, period, as_of);
    emit(cli, settings, graph, &args.output, Report::Review(&view), out, err)
}

fn map(
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
fn explain(removed: &[vault::share::Removal], err: &mut dyn Write) -> anyhow::Result<()> {
    writeln!(err, "--share left out {} thing(s) from the vault:", removed.len())?;
    for r in removed {
        writeln!(err, "{}:{}: left out: {}", r.path, r.line, r.what)?;
    }
    Ok(())
}

/// Renders the report in the requested format and writes it where `-o` says (default:
/// `<output-dir>/<slug>.<ext>`, never inside the vault), after printing the warnings.
fn emit(
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
        return Err(UsageError(format!(
            "`{}` cannot be written as {}: use md, pdf or json (svg, dot and mermaid are for `dossier map`)",
            kind.name(),
            format.extension()
        ))
        .into());
    }
    let options = render::RenderOptions {
        templates: Templates { dir: output.templates(settings) },
        marking: settings.marking.clone(),
        shared: output.share,
    };
    let bytes = render::report(report, format, &options)?;
    deliver(cli, settings, output, report, &graph.vault.removed, &bytes, out, err)
}

/// Prints the report's warnings and writes its bytes where `-o` says (default:
/// `<output-dir>/<slug>.<ext>`, never inside the vault); `--explain` follows.
#[allow(clippy::too_many_arguments)]
fn deliver(
    cli: &Cli,
    settings: &Settings,
    output: &OutputArgs,
    report: Report,
    removed: &[vault::share::Removal],
    bytes: &[u8],
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<i32> {
    let shown = |severity: &str| severity != Severity::Note.label() || cli.verbose;
    if !cli.quiet {
        let mut printer = Printer::new(&cli.vault, colour_for(&std::io::stderr()));
        for w in report.warnings().iter().filter(|w| shown(w.severity)) {
            let severity = match w.severity {
                "error" => Severity::Error,
                "warning" => Severity::Warning,
                _ => Severity::Note,
            };
            printer.write(err, &Diagnostic::new(severity, &w.path, w.line, &w.message))?;
        }
    }
    let warnings = report.warnings().iter().filter(|w| w.severity != Severity::Note.label()).count();
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

/// Writes a report. A regular file (or a new one) is written through a temporary file in the
/// same folder and a rename, so a reader never sees half a report. Anything else that exists
/// at `path` — `/dev/null`, a pipe, a terminal — is written to as it is: renaming over it
/// would replace a device with a file. A symbolic link is followed, not replaced.
fn write_atomically(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    let path = match std::fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => path.canonicalize().unwrap_or_else(|_| path.to_path_buf()),
        _ => path.to_path_buf(),
    };
    if let Ok(meta) = std::fs::metadata(&path) {
        if !meta.is_file() {
            let mut file = std::fs::OpenOptions::new()
                .write(true)
                .open(&path)
                .map_err(|e| anyhow::anyhow!("cannot write {}: {e}", path.display()))?;
            file.write_all(bytes)?;
            return Ok(());
        }
    }
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&dir).map_err(|e| anyhow::anyhow!("cannot create {}: {e}", dir.display()))?;
    let mut tmp =
        tempfile::NamedTempFile::new_in(&dir).map_err(|e| anyhow::anyhow!("cannot write in {}: {e}", dir.display()))?;
    tmp.write_all(bytes)?;
    // A report is an ordinary file (the temporary one is private to us until renamed).
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        tmp.as_file().set_permissions(std::fs::Permissions::from_mode(0o644))?;
    }
    tmp.persist(&path).map_err(|e| anyhow::anyhow!("cannot write {}: {}", path.display(), e.error))?;
    Ok(())
}

/// Whether `path` (which may not exist yet) lies inside folder `root`.
fn is_inside(path: &Path, root: &Path) -> bool {
    let Ok(root) = root.canonicalize() else { return false };
    let absolute = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().map(|d| d.join(path)).unwrap_or_else(|_| path.to_path_buf())
    };
    // Canonicalise the longest existing ancestor, then add the rest.
    let mut existing = absolute.as_path();
    let mut rest = Vec::new();
    while !existing.exists() {
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_os_string());
                existing = parent;
            }
            _ => return false,
        }
    }
    let Ok(mut full) = existing.canonicalize() else { return false };
    for part in rest.into_iter().rev() {
        full.push(part);
    }
    full.starts_with(&root)
}

fn list(graph: &Graph, what: Option<ListWhat>, as_of: NaiveDate, out: &mut dyn Write) -> anyhow::Result<i32> {
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

/// Left-aligned columns separated by two spaces; control characters from notes shown as spaces.
fn write_table(out: &mut dyn Write, rows: &[Vec<String>]) -> std::io::Result<()> {
    let clean = |s: &str| s.chars().map(|c| if c.is_control() { ' ' } else { c }).collect::<String>();
    let rows: Vec<Vec<String>> = rows.iter().map(|r| r.iter().map(|c| clean(c)).collect()).collect();
    let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
    let widths: Vec<usize> = (0..columns)
        .map(|i| rows.iter().filter_map(|r| r.get(i)).map(|c| c.chars().count()).max().unwrap_or(0))
        .collect();
    for row in rows {
        let mut line = String::new();
        for (i, cell) in row.iter().enumerate() {
            if i + 1 == row.len() {
                line.push_str(cell);
            } else {
                line.push_str(cell);
                line.push_str(&" ".repeat(widths[i] - cell.chars().count() + 2));
            }
        }
        writeln!(out, "{}", line.trim_end())?;
    }
    Ok(())
}

fn query(graph: &Graph, args: &QueryArgs, out: &mut dyn Write) -> anyhow::Result<i32> {
    let parsed = crate::query::parse(&args.dql)
        .map_err(|e| UsageError(format!("the query does not parse: {}", e.render(&args.dql))))?;
    let this = match &args.this {
        Some(name) => match select::find_subject(graph, name)? {
            vault::Target::Note(id) => Some(id),
            vault::Target::Unresolved(_) => {
                return Err(UsageError(format!("--this must name a note; \"{name}\" has none")).into())
            }
        },
        None => None,
    };
    let context = crate::query::Context::new(graph, this, args.as_of.unwrap_or_else(today));
    let result = context.run(&parsed).map_err(|u| UsageError(format!("the query cannot be answered: {}", u.0)))?;
    match args.format {
        QueryFormat::Md => out.write_all(crate::query::to_markdown(graph, &result).as_bytes())?,
        QueryFormat::Json => {
            serde_json::to_writer_pretty(&mut *out, &crate::query::to_json(graph, &result))?;
            writeln!(out)?;
        }
    }
    Ok(EXIT_OK)
}

/// `dossier templates export DIR`: the built-in templates, to restyle.
/// The template context reference, written beside exported templates.
pub const CONTEXT_FILE_NAME: &str = "CONTEXT.md";

fn export_templates(dir: &Path, force: bool, out: &mut dyn Write) -> anyhow::Result<i32> {
    std::fs::create_dir_all(dir).map_err(|e| anyhow::anyhow!("cannot create {}: {e}", dir.display()))?;
    let existing: Vec<&str> =
        render::BUILT_IN.iter().map(|(name, _)| *name).filter(|name| dir.join(name).exists()).collect();
    if !force && !existing.is_empty() {
        return Err(UsageError(format!(
            "{} already holds {}; pass --force to replace them",
            dir.display(),
            existing.join(", ")
        ))
        .into());
    }
    let context = render::context::reference();
    for (name, text) in render::BUILT_IN.iter().copied().chain([(CONTEXT_FILE_NAME, context.as_str())]) {
        write_atomically(&dir.join(name), text.as_bytes())?;
        writeln!(out, "wrote {}", dir.join(name).display())?;
    }
    writeln!(
        out,
        "use them with --templates {}; a template missing there falls back to the built-in one",
        dir.display()
    )?;
    Ok(EXIT_OK)
}

fn list_templates(dir: Option<&Path>, out: &mut dyn Write) -> anyhow::Result<i32> {
    let templates = Templates { dir: dir.map(Path::to_path_buf) };
    for (name, _) in render::BUILT_IN {
        let (_, origin) = templates.load(name)?;
        writeln!(out, "{name:<16} {origin}")?;
    }
    Ok(EXIT_OK)
}

/// `dossier config`: every setting as TOML, each with where its value comes from.
fn show_config(cli: &Cli, settings: &Settings, out: &mut dyn Write) -> anyhow::Result<i32> {
    let file = config::locate(&cli.vault, cli.config.as_deref());
    let written = file.as_ref().and_then(|p| std::fs::read_to_string(p).ok()).unwrap_or_default();
    let table: toml::Table = written.parse().unwrap_or_default();
    let origin = file.as_ref().map_or_else(|| "dossier.toml".to_string(), |p| p.display().to_string());
    match &file {
        Some(p) => writeln!(out, "# configuration file: {}", p.display())?,
        None => writeln!(
            out,
            "# no configuration file ({} not found): every value is the default",
            cli.vault.join(config::CONFIG_FILE_NAME).display()
        )?,
    }
    if settings.home_organization.is_none() {
        writeln!(out, "# home-organization is not set: inferred from the people notes on every run")?;
    }
    if settings.templates.is_none() {
        writeln!(out, "# templates is not set: the built-in templates are used (see `dossier templates export`)")?;
    }
    match vault::cache::location(&cli.vault, false).filter(|_| settings.cache && !cli.no_cache) {
        Some(file) => writeln!(out, "# note cache: {} (safe to delete at any time)", file.display())?,
        None => writeln!(out, "# note cache: off")?,
    }
    let text = toml::to_string(settings)?;
    let mut section: Vec<String> = Vec::new();
    for line in text.lines() {
        let trimmed = line.trim();
        if let Some(header) = trimmed.strip_prefix('[').and_then(|h| h.strip_suffix(']')) {
            section = header.split('.').map(str::to_string).collect();
            writeln!(out, "{line}")?;
            continue;
        }
        let Some((key, _)) = trimmed.split_once(" = ") else {
            writeln!(out, "{line}")?;
            continue;
        };
        let mut path = section.clone();
        path.push(key.trim().to_string());
        let from_file = path
            .iter()
            .try_fold(&table, |t, k| match t.get(k) {
                Some(toml::Value::Table(inner)) => Some(inner),
                Some(_) if k == path.last().expect("a key") => Some(t),
                _ => None,
            })
            .is_some_and(|t| t.contains_key(path.last().expect("a key")));
        let source = if from_file {
            format!("{origin}:{}", config::line_of_key(&written, &path.join(".")))
        } else {
            "default".to_string()
        };
        writeln!(out, "{line}  # {source}")?;
    }
    Ok(EXIT_OK)
}

fn check(cli: &Cli, graph: &Graph, out: &mut dyn Write) -> anyhow::Result<i32> {
    let mut all = graph.all_diagnostics();
    // Queries a briefing could not answer are worth knowing before a briefing is made.
    for id in graph.vault.ids() {
        for block in crate::query::blocks(graph, id) {
            if let crate::query::Answer::Unsupported(reason) = crate::query::answer(graph, &block, today()) {
                let path = &graph.vault.note(id).path;
                all.push(Diagnostic::warning(path, block.line, format!("Dataview query not evaluated: {reason}")));
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

/// `dossier schema`: the vault's fields per kind, or a proposed `[fields]` block.
fn schema(graph: &Graph, kind: Option<crate::cli::SchemaKind>, toml: bool, out: &mut dyn Write) -> anyhow::Result<i32> {
    use crate::cli::SchemaKind;
    let kind = kind.map(|k| match k {
        SchemaKind::Person => model::Kind::Person,
        SchemaKind::Customer => model::Kind::Customer,
        SchemaKind::Project => model::Kind::Project,
        SchemaKind::Meeting => model::Kind::Meeting,
        SchemaKind::Note => model::Kind::Note,
    });
    let schemas = crate::schema::survey(graph, kind);
    if toml {
        let proposals = crate::schema::proposals(&schemas);
        write!(out, "{}", crate::schema::proposed_toml(&graph.settings.fields, &proposals))?;
        return Ok(EXIT_OK);
    }
    for (i, s) in schemas.iter().enumerate() {
        if i > 0 {
            writeln!(out)?;
        }
        let kind = format!("{:?}", s.kind).to_lowercase();
        writeln!(out, "{kind} notes: {}", s.notes)?;
        let mut rows = vec![["FIELD", "NOTES", "ROLE", "SAMPLES"].map(String::from).to_vec()];
        for f in &s.fields {
            rows.push(vec![
                f.name.clone(),
                f.notes.to_string(),
                f.role.unwrap_or("unmapped").to_string(),
                f.samples.join(" | "),
            ]);
        }
        write_table(out, &rows)?;
        for c in &s.conflicts {
            let (used, rest) = c.fields.split_first().expect("a conflict has two fields");
            writeln!(out, "conflict: {}:{}: {} is `{used}`, not `{}`", c.path, c.line, c.role, rest.join("`, `"))?;
        }
    }
    if schemas.is_empty() {
        writeln!(out, "no notes")?;
    } else {
        writeln!(
            out,
            "\n`dossier schema --toml` proposes a [fields] block; `dossier config` shows the names each role reads"
        )?;
    }
    Ok(EXIT_OK)
}

/// Notes on how a meeting's date was found, when it was not a date field.
fn reading_notes(graph: &Graph) -> Vec<Diagnostic> {
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
fn schema_hints(graph: &Graph) -> Vec<String> {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_safe_file_names() {
        assert_eq!(slug("AI caching strategy for MAI"), "ai-caching-strategy-for-mai");
        assert_eq!(slug("../../etc/passwd"), "etc-passwd");
        assert_eq!(slug("///"), "subject");
        assert_eq!(slug("Müller & Co."), "müller-co");
        assert_eq!(slug("Con"), "con-subject");
        assert_eq!(slug("COM1"), "com1-subject");
        assert_eq!(slug("Console"), "console");
    }
}

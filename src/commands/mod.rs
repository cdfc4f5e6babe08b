//! The commands: read the vault, run the pipeline, write the result. `main` only maps the
//! outcome to an exit code. Here: reading the settings and the vault, dispatch, exit codes,
//! the progress bar. A file per command beside it (`reports` holds the four reports), and
//! `output` (where and how a report is written), `printer` (diagnostics on a terminal) and
//! `table` (terminal tables) for them.

use std::io::Write;
use std::path::Path;

use chrono::NaiveDate;

use self::printer::{colour_for, Printer};
use crate::cli::{Cli, Command, TemplatesCommand};
use crate::config;
use crate::diagnostics::Diagnostics;
use crate::model;
use crate::render;
use crate::select::SubjectError;
use crate::vault;

mod cache;
mod check;
mod list;
mod output;
mod printer;
mod query;
mod reports;
mod schema;
mod settings;
mod table;
mod templates;
mod watch;

use self::cache::cache;
use self::check::check;
use self::list::list;
use self::query::query;
use self::reports::{brief, map, meeting, review};
use self::schema::schema;
use self::settings::show_config;
use self::templates::{export_templates, list_templates};
use self::watch::watch;

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
        Command::Cache { clear } => return cache(*clear, out),
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
        Command::Config
        | Command::Cache { .. }
        | Command::Templates(_)
        | Command::Completions { .. }
        | Command::Man => {
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

//! The command line, as clap definitions (see the contract in ../shared/docs/contract.md).

use std::path::PathBuf;

use crate::format::Format;
use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand, ValueEnum};

#[derive(Debug, Parser)]
#[command(name = "dossier", version, about = "Stakeholder briefings from an Obsidian vault of account notes")]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,

    /// The vault folder.
    #[arg(long, global = true, default_value = ".", value_name = "DIR")]
    pub vault: PathBuf,

    /// Settings file (default: dossier.toml at the vault root, if present).
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,

    /// Print no warnings, only errors.
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    pub quiet: bool,

    /// Print notes too (needs-review, alias resolutions), not only warnings and errors.
    #[arg(short, long, global = true)]
    pub verbose: bool,

    /// Treat warnings as errors: a report with warnings is not written, and exits 1.
    #[arg(long, global = true)]
    pub strict: bool,

    /// Read every note from its file, not from the cache of unchanged notes (which is then
    /// left as it is).
    #[arg(long, global = true)]
    pub no_cache: bool,
}

impl Cli {
    /// The output options, for the commands that write a report.
    pub fn output(&self) -> Option<&OutputArgs> {
        match &self.command {
            Command::Brief(a) => Some(&a.output),
            Command::Meeting(a) => Some(&a.output),
            Command::Review(a) => Some(&a.output),
            Command::Map(a) => Some(&a.output),
            _ => None,
        }
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Write a stakeholder briefing for a customer, project, person or topic.
    Brief(BriefArgs),
    /// Prepare for a meeting: who is in the room, what is open, what to raise, what is unknown.
    Meeting(MeetingArgs),
    /// Review a period of an account: what happened, against the period before.
    Review(ReviewArgs),
    /// Draw the stakeholder map: people by side and company, reporting lines, who knows whom.
    Map(MapArgs),
    /// List the customers, projects, people or meetings the vault holds.
    List {
        /// What to list (default: a count of each).
        what: Option<ListWhat>,
        /// The date last contacts are counted up to (default: today).
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
        as_of: Option<NaiveDate>,
    },
    /// Report the vault's problems; exits 1 when there are errors.
    Check,
    /// Show the fields the vault's notes write, per kind, and the role each fills; with
    /// --toml, propose a [fields] block for dossier.toml from what the values hold.
    Schema {
        /// Only this kind of note.
        #[arg(long, value_enum)]
        kind: Option<SchemaKind>,
        /// Print a proposed [fields] block (TOML) instead of the tables.
        #[arg(long)]
        toml: bool,
    },
    /// Run a Dataview query against the vault, as Obsidian would show it.
    Query(QueryArgs),
    /// Print the effective configuration, and where each value comes from.
    Config,
    /// Show the note cache (every vault's file, its size, when a run last used it); with
    /// --clear, empty it. It is bounded to DOSSIER_CACHE_MAX_MB megabytes (default 1024).
    Cache {
        /// Remove every cache file (and temporary files killed runs left).
        #[arg(long)]
        clear: bool,
    },
    /// Work with the report templates.
    #[command(subcommand)]
    Templates(TemplatesCommand),
    /// Print a shell completion script (for example: dossier completions bash > ~/.local/share/bash-completion/completions/dossier).
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff), for example: dossier man > ~/.local/share/man/man1/dossier.1
    Man,
}

#[derive(Debug, Subcommand)]
pub enum TemplatesCommand {
    /// Write the built-in templates to DIR for editing (with CONTEXT.md, what they can read);
    /// use them with --templates DIR.
    Export {
        /// The folder to write to (created if missing).
        dir: PathBuf,
        /// Replace templates that already exist in DIR.
        #[arg(long)]
        force: bool,
    },
    /// Print what the templates can read: every report's fields, with their meaning.
    Context,
    /// List the templates and whether --templates DIR overrides each.
    List {
        /// A folder of templates.
        #[arg(long, value_name = "DIR")]
        templates: Option<PathBuf>,
    },
}

#[derive(Debug, Args)]
pub struct QueryArgs {
    /// The query, for example 'TASK WHERE !completed SORT due ASC'.
    #[arg(required_unless_present = "base")]
    pub dql: Option<String>,
    /// Answer a base instead: a `.base` file of the vault, and a view after `#`
    /// (`--base "Meetings.base#Person"`; the first view when none is named).
    #[arg(long, value_name = "FILE[#VIEW]", conflicts_with = "dql")]
    pub base: Option<String>,
    /// The note the query is written in (what `this` means).
    #[arg(long, value_name = "NOTE")]
    pub this: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = QueryFormat::Md)]
    pub format: QueryFormat,
    /// The date `date(today)` means (default: today).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub as_of: Option<NaiveDate>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum QueryFormat {
    Md,
    Json,
}

#[derive(Debug, Args)]
pub struct BriefArgs {
    /// A note title, file name, alias, or the name of a link target with no note.
    pub subject: String,
    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Debug, Args)]
pub struct MeetingArgs {
    /// A meeting note, or the people attending (names, aliases or paths); both may be mixed.
    /// With --ics: more people, or the meeting note the invite is for.
    #[arg(required_unless_present = "ics", value_name = "NOTE-OR-NAMES")]
    pub inputs: Vec<String>,
    /// A calendar invite or export (.ics): the meeting's title, time, organizer, attendees
    /// with their replies, location and description; matched to the meeting note of that day
    /// and title when there is one.
    #[arg(long, value_name = "FILE")]
    pub ics: Option<PathBuf>,
    /// The event of the calendar file to brief, by its UID.
    #[arg(long, value_name = "UID", requires = "ics", conflicts_with = "next")]
    pub event: Option<String>,
    /// The first event of the calendar file on or after the --as-of day (default: today).
    #[arg(long, requires = "ics")]
    pub next: bool,
    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Debug, Args)]
pub struct ReviewArgs {
    /// A customer, project, person or topic, as for `brief`.
    pub subject: String,
    /// The quarter to review, for example 2026-Q3.
    #[arg(long, value_name = "YYYY-Qn", value_parser = crate::period::Period::quarter,
          required_unless_present = "since", conflicts_with_all = ["since", "until"])]
    pub quarter: Option<crate::period::Period>,
    /// The first day of the period.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date, requires = "until")]
    pub since: Option<NaiveDate>,
    /// The last day of the period.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date, requires = "since")]
    pub until: Option<NaiveDate>,
    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Debug, Args)]
pub struct MapArgs {
    /// A customer, project, person or topic, as for `brief`.
    pub subject: String,
    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Debug, Args)]
pub struct OutputArgs {
    /// Output format (svg, dot, mermaid and canvas: `map` only) [default: the extension of
    /// -o's file (`brief.pdf`), else `format` in dossier.toml, else md]
    #[arg(long, value_enum)]
    pub format: Option<Format>,

    /// Where to write: a file, or `-` for standard output (default: out/<subject>.<ext>).
    #[arg(short, long, value_name = "PATH")]
    pub output: Option<PathBuf>,

    /// The paper of a PDF [default: `paper` in dossier.toml, else a4]
    #[arg(long, value_enum)]
    pub paper: Option<crate::format::Paper>,

    /// The date to report as of (default: today); fixes staleness and overdue tasks.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub as_of: Option<NaiveDate>,

    /// A folder of templates that replace the built-in ones, file by file [default: `templates`
    /// in dossier.toml, else none]
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,

    /// Leave out what is private, to send the report to others: notes marked `private: true`,
    /// private sections (Relationship by default), `%%comments%%`; links to them become text.
    #[arg(long)]
    pub share: bool,

    /// With --share: list on standard error everything that was left out.
    #[arg(long, requires = "share")]
    pub explain: bool,

    /// Keep running and write the report again whenever a note or dossier.toml changes
    /// (Ctrl-C to stop): for writing notes right before a meeting.
    #[arg(long)]
    pub watch: bool,
}

impl OutputArgs {
    /// `--format`, else what the output file's extension says, else the configured default.
    pub fn format(&self, settings: &crate::config::Settings) -> Format {
        self.format.or_else(|| self.output.as_deref().and_then(Format::of_path)).unwrap_or(settings.format)
    }

    /// `--paper`, else the configured paper.
    pub fn paper(&self, settings: &crate::config::Settings) -> crate::format::Paper {
        self.paper.unwrap_or(settings.paper)
    }

    /// `--templates`, else the configured folder.
    pub fn templates(&self, settings: &crate::config::Settings) -> Option<PathBuf> {
        self.templates.clone().or_else(|| settings.templates.clone())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SchemaKind {
    Person,
    Customer,
    Project,
    Meeting,
    Note,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListWhat {
    Customers,
    Projects,
    People,
    Meetings,
}

fn parse_date(s: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| format!("`{s}` is not a date of the form YYYY-MM-DD"))
}

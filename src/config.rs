//! Settings: `dossier.toml` at the vault root (or `--config`), defaults for every key.
//!
//! Section names, kind names and thresholds live here so that no stage hard-codes a user's
//! headings. Unknown keys are reported as warnings, never silently ignored.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::diagnostics::{Diagnostic, Diagnostics};

/// The file name looked up at the vault root.
pub const CONFIG_FILE_NAME: &str = "dossier.toml";

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(default, rename_all = "kebab-case")]
pub struct Settings {
    /// Our own organisation (for example "VAST Data"); inferred from the notes when unset.
    pub home_organization: Option<String>,
    /// Our mail domains (`example-corp.com`): an attendee known only by an address there is
    /// one of us. Empty: the domains of our people's e-mail addresses.
    pub home_domains: Vec<String>,
    /// Mail domains anyone can have an address at: they name no organisation.
    pub personal_mail_domains: Vec<String>,
    /// A person whose last contact is older than this (or unknown) is stale.
    pub stale_after_days: i64,
    /// Headings (matched case-insensitively) that carry each kind of section.
    pub sections: SectionNames,
    /// How a note's kind is recognised from `type`, `type/…` tags and folder names.
    pub kinds: KindNames,
    /// The names each field is written under, by the role it fills (see [`FieldNames`]).
    pub fields: FieldNames,
    /// Folders (vault-relative) that hold templates: their notes are never people, meetings
    /// or customers. Empty: the folder named in `.obsidian/templates.json` or Templater's
    /// settings, else any folder named `Templates` (or `_templates`, `templates`, …).
    pub templates_folders: Vec<String>,
    /// Default output folder for reports, relative to the working directory.
    pub output_dir: PathBuf,
    /// The report format when `--format` is not given.
    pub format: crate::format::Format,
    /// A folder of templates to use when `--templates` is not given; a relative path is read
    /// from the folder that holds the configuration file.
    pub templates: Option<PathBuf>,
    /// Notes larger than this many bytes are skipped with a warning.
    pub max_note_bytes: u64,
    /// Whether symbolic links that lead out of the vault folder are followed. Off, such a
    /// link is skipped with a warning, so a report can only hold what the vault holds.
    pub follow_links_out_of_vault: bool,
    /// Whether what was read from each note is kept in the user's cache folder (never in the
    /// vault), so that a run parses only the notes changed since the last one. `--no-cache`
    /// turns it off for one run.
    pub cache: bool,
    /// Field values that mean "not known" (`_Unknown_` in the Contact Information table).
    pub empty_values: Vec<String>,
    /// The marking printed on every PDF page.
    pub marking: String,
    /// The paper of every PDF: `a4` or `us-letter` (`--paper` for one run).
    pub paper: crate::format::Paper,
    /// How relationship strength is graded from recorded contacts.
    pub strength: StrengthSettings,
    /// What a pre-meeting briefing looks at around the meeting date.
    pub meeting: MeetingSettings,
    /// How task lines are read.
    pub tasks: TaskSettings,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            home_organization: None,
            home_domains: Vec::new(),
            personal_mail_domains: names(&[
                "gmail.com",
                "googlemail.com",
                "outlook.com",
                "hotmail.com",
                "live.com",
                "msn.com",
                "yahoo.com",
                "icloud.com",
                "me.com",
                "mac.com",
                "aol.com",
                "proton.me",
                "protonmail.com",
                "gmx.de",
                "gmx.net",
                "web.de",
                "mail.com",
            ]),
            stale_after_days: 90,
            sections: SectionNames::default(),
            kinds: KindNames::default(),
            fields: FieldNames::default(),
            templates_folders: Vec::new(),
            output_dir: PathBuf::from("out"),
            format: crate::format::Format::Md,
            templates: None,
            max_note_bytes: 16 * 1024 * 1024,
            follow_links_out_of_vault: false,
            cache: true,
            empty_values: names(&["Unknown", "N/A", "TBD", "-", "?", "None"]),
            marking: "Confidential — internal".to_string(),
            paper: crate::format::Paper::A4,
            strength: StrengthSettings::default(),
            meeting: MeetingSettings::default(),
            tasks: TaskSettings::default(),
        }
    }
}

/// Relationship strength: each recorded contact weighs 0.5^(age / half-life); the sum is
/// graded good, fair or poor (none without any contact).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(default, rename_all = "kebab-case")]
pub struct StrengthSettings {
    pub half_life_days: i64,
    /// Scores from this up are good (about three contacts in the last month).
    pub good: f64,
    /// Scores from this up are fair (one contact in the last five weeks or so); lower ones poor.
    pub fair: f64,
}

impl Default for StrengthSettings {
    fn default() -> Self {
        StrengthSettings { half_life_days: 90, good: 2.5, fair: 0.75 }
    }
}

/// What a checkbox character means, as the Tasks plugin's status types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum StatusType {
    Todo,
    InProgress,
    Done,
    Cancelled,
    /// A checkbox that is no task (a vault may say so of `[i]` information, say): never open.
    NonTask,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(default, rename_all = "kebab-case")]
pub struct TaskSettings {
    /// Each checkbox character's type. The default is the Tasks plugin's own set and its
    /// "Minimal" theme collection; characters set here are added to it (or change it), and
    /// a character nobody lists is a to-do, as in Tasks.
    pub statuses: std::collections::BTreeMap<String, StatusType>,
}

/// The built-in status set: (characters, type). The Tasks plugin's core statuses (with `X`
/// done, as Dataview reads it) and its "Minimal" theme collection
/// (`minimalSupportedStatuses`), where every other character is a to-do.
const BUILT_IN_STATUSES: [(&str, StatusType); 4] = [
    (" ><?!*\"lbiSIpcfkwud", StatusType::Todo),
    ("/", StatusType::InProgress),
    ("xX", StatusType::Done),
    ("-", StatusType::Cancelled),
];

impl Default for TaskSettings {
    fn default() -> Self {
        let statuses = BUILT_IN_STATUSES
            .iter()
            .flat_map(|(chars, kind)| chars.chars().map(move |c| (c.to_string(), *kind)))
            .collect();
        TaskSettings { statuses }
    }
}

impl TaskSettings {
    /// The type of checkbox character `c`: as configured, else as built in, else a to-do.
    pub fn status_type(&self, c: char) -> StatusType {
        let mut buf = [0u8; 4];
        self.statuses
            .get(c.encode_utf8(&mut buf) as &str)
            .copied()
            .or_else(|| BUILT_IN_STATUSES.iter().find(|(chars, _)| chars.contains(c)).map(|(_, kind)| *kind))
            .unwrap_or(StatusType::Todo)
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(default, rename_all = "kebab-case")]
pub struct MeetingSettings {
    /// Open tasks due this many days before or after the meeting are listed as due around it.
    pub due_window_days: i64,
    /// An attendee not contacted for this many days is a preparation gap.
    pub no_contact_gap_days: i64,
}

impl Default for MeetingSettings {
    fn default() -> Self {
        MeetingSettings { due_window_days: 7, no_contact_gap_days: 90 }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(default, rename_all = "kebab-case")]
pub struct SectionNames {
    pub contact: Vec<String>,
    pub facts: Vec<String>,
    pub decisions: Vec<String>,
    pub recent_context: Vec<String>,
    pub topics: Vec<String>,
    pub profile: Vec<String>,
    pub related_customers: Vec<String>,
    pub related_projects: Vec<String>,
    pub related: Vec<String>,
    pub attendees: Vec<String>,
    /// Questions and decisions still to be made, one per bullet.
    pub open_questions: Vec<String>,
    /// The author's private view: never shared (`--share`), never in a shared report.
    pub private: Vec<String>,
}

fn names(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

impl Default for SectionNames {
    fn default() -> Self {
        SectionNames {
            contact: names(&["Contact Information"]),
            facts: names(&["Key Facts"]),
            decisions: names(&["Key Decisions", "Decisions"]),
            recent_context: names(&["Recent Context"]),
            topics: names(&["Topics Discussed"]),
            profile: names(&["Profile"]),
            related_customers: names(&["Related Customers"]),
            related_projects: names(&["Related Projects"]),
            related: names(&["Related"]),
            attendees: names(&["Attendees", "Participants"]),
            open_questions: names(&["Open Questions", "Decisions Needed", "Open Decisions", "Questions"]),
            private: names(&["Relationship"]),
        }
    }
}

/// For each kind: the values of a kind field (`type`, `categories`, …; also read from tags,
/// with or without `type/`) and folder names. All are compared loosely ([`loose_name`]).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(default, rename_all = "kebab-case")]
pub struct KindNames {
    pub person: KindMatch,
    pub customer: KindMatch,
    pub project: KindMatch,
    pub meeting: KindMatch,
    /// Kind values and tags that make an organisation a customer (`type: company` alone may
    /// be our own organisation).
    pub named_customer: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Default)]
#[serde(default, rename_all = "kebab-case")]
pub struct KindMatch {
    pub types: Vec<String>,
    pub folders: Vec<String>,
}

impl Default for KindNames {
    fn default() -> Self {
        KindNames {
            person: KindMatch {
                types: names(&["person", "people", "contact", "contacts", "kontakt", "personne", "persona"]),
                folders: names(&["People", "Persons", "Contacts", "Kontakte", "Personen", "Personnes", "Personas"]),
            },
            customer: KindMatch {
                types: names(&[
                    "customer",
                    "customers",
                    "company",
                    "organization",
                    "organisation",
                    "account",
                    "client",
                    "kunde",
                    "firma",
                    "entreprise",
                    "empresa",
                ]),
                folders: names(&[
                    "Customers",
                    "Companies",
                    "Organizations",
                    "Organisations",
                    "Accounts",
                    "Clients",
                    "Kunden",
                    "Firmen",
                    "Entreprises",
                    "Empresas",
                ]),
            },
            project: KindMatch {
                types: names(&["project", "projects", "opportunity", "deal", "projekt", "projet", "proyecto"]),
                folders: names(&["Projects", "Opportunities", "Deals", "Projekte", "Projets", "Proyectos"]),
            },
            meeting: KindMatch {
                types: names(&[
                    "meeting",
                    "meetings",
                    "call",
                    "meeting note",
                    "meeting notes",
                    "one on one",
                    "one_on_one",
                    "1-1",
                    "1on1",
                    "besprechung",
                    "réunion",
                    "reunión",
                ]),
                folders: names(&[
                    "Meetings",
                    "Calls",
                    "Meeting Notes",
                    "1-1s",
                    "One on Ones",
                    "Besprechungen",
                    "Réunions",
                    "Reuniones",
                ]),
            },
            named_customer: names(&["customer", "client", "kunde", "cliente"]),
        }
    }
}

/// For each role a field can fill, the names it is written under, in order of preference.
/// Names match as Dataview matches them: ignoring case, with spaces, `-` and `_` alike
/// (`Job Title`, `job_title` and `job-title` are one name). A field is read from the
/// frontmatter, from Dataview inline fields (`key:: value`, `[key:: value]`,
/// `(key:: value)`), from the Contact Information table and from `Label: value` lines.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(default, rename_all = "kebab-case")]
pub struct FieldNames {
    /// Any note: what kind of note it is (values or links such as `[[People]]`).
    pub kind: Vec<String>,
    /// Any note: the customer it is about.
    pub customer: Vec<String>,
    /// Any note: the project it is about.
    pub project: Vec<String>,
    /// Any note: when it was written.
    pub created: Vec<String>,
    /// Person: the organisation they work for (a link to its note, or its name).
    pub company: Vec<String>,
    /// Person: the job title. A person note's `title` differing from its file name is read
    /// as the job title when none of these is set.
    pub role: Vec<String>,
    pub department: Vec<String>,
    pub email: Vec<String>,
    pub phone: Vec<String>,
    pub location: Vec<String>,
    pub linkedin: Vec<String>,
    /// Person: their manager; further values are dotted lines.
    pub reports_to: Vec<String>,
    /// Person: which of our people holds the relationship.
    pub owner: Vec<String>,
    pub buying_role: Vec<String>,
    pub influence: Vec<String>,
    pub disposition: Vec<String>,
    /// Person: how often they should be contacted (`30`, `2w`, `3m`).
    pub contact_every: Vec<String>,
    /// Person: when we last spoke.
    pub last_contact: Vec<String>,
    /// Meeting: when it was held.
    pub date: Vec<String>,
    /// Meeting: who took part (links, names or e-mail addresses).
    pub attendees: Vec<String>,
    /// Meeting: who called it (also one of the people of the meeting).
    pub organizer: Vec<String>,
    /// Organisation: its web site, mail domain or an address there; an attendee known only
    /// by an e-mail address at that domain is of this organisation.
    pub website: Vec<String>,
}

impl FieldNames {
    /// Every role with its configured names, in the order `dossier config` shows them.
    pub fn roles(&self) -> Vec<(&'static str, &Vec<String>)> {
        vec![
            ("kind", &self.kind),
            ("customer", &self.customer),
            ("project", &self.project),
            ("created", &self.created),
            ("company", &self.company),
            ("role", &self.role),
            ("department", &self.department),
            ("email", &self.email),
            ("phone", &self.phone),
            ("location", &self.location),
            ("linkedin", &self.linkedin),
            ("reports-to", &self.reports_to),
            ("owner", &self.owner),
            ("buying-role", &self.buying_role),
            ("influence", &self.influence),
            ("disposition", &self.disposition),
            ("contact-every", &self.contact_every),
            ("last-contact", &self.last_contact),
            ("date", &self.date),
            ("attendees", &self.attendees),
            ("organizer", &self.organizer),
            ("website", &self.website),
        ]
    }

    /// Every role's names as field keys, and `title` (a person's name, alias or job title):
    /// the fields every note is read for, once, as it is read (`Note::fields`).
    pub fn read_keys(&self) -> crate::HashSet<String> {
        let mut keys: crate::HashSet<String> =
            self.roles().into_iter().flat_map(|(_, names)| names.iter().map(|n| field_key(n))).collect();
        keys.insert("title".to_string());
        keys
    }

    /// The same lists with every name as a [`field_key`]: what `fields::find` compares.
    pub fn keys(&self) -> FieldNames {
        let k = |list: &Vec<String>| list.iter().map(|n| field_key(n)).collect::<Vec<String>>();
        FieldNames {
            kind: k(&self.kind),
            customer: k(&self.customer),
            project: k(&self.project),
            created: k(&self.created),
            company: k(&self.company),
            role: k(&self.role),
            department: k(&self.department),
            email: k(&self.email),
            phone: k(&self.phone),
            location: k(&self.location),
            linkedin: k(&self.linkedin),
            reports_to: k(&self.reports_to),
            owner: k(&self.owner),
            buying_role: k(&self.buying_role),
            influence: k(&self.influence),
            disposition: k(&self.disposition),
            contact_every: k(&self.contact_every),
            last_contact: k(&self.last_contact),
            date: k(&self.date),
            attendees: k(&self.attendees),
            organizer: k(&self.organizer),
            website: k(&self.website),
        }
    }
}

impl Default for FieldNames {
    fn default() -> Self {
        FieldNames {
            kind: names(&["type", "kind", "category", "categories"]),
            customer: names(&["customer", "customers", "account", "client", "kunde", "cliente"]),
            project: names(&["project", "projects", "projekt", "projet", "proyecto"]),
            created: names(&["created", "date created", "created at", "erstellt", "créé", "creado"]),
            company: names(&[
                "company",
                "organization",
                "organisation",
                "org",
                "employer",
                "firm",
                "firma",
                "unternehmen",
                "entreprise",
                "société",
                "empresa",
                "compañía",
            ]),
            role: names(&[
                "role",
                "job title",
                "position",
                "company role",
                "jobtitle",
                "job",
                "rolle",
                "funktion",
                "poste",
                "fonction",
                "cargo",
                "puesto",
            ]),
            department: names(&["department", "team", "division", "abteilung", "département", "departamento"]),
            email: names(&["email", "e-mail", "mail", "email address", "e-mail-adresse", "courriel", "correo"]),
            phone: names(&[
                "phone",
                "phone number",
                "mobile",
                "cell",
                "tel",
                "telephone",
                "telefon",
                "téléphone",
                "teléfono",
            ]),
            location: names(&["location", "city", "office", "ort", "standort", "ville", "ciudad"]),
            linkedin: names(&["linkedin", "linkedin url", "linked in"]),
            reports_to: names(&["reports to", "manager", "vorgesetzter"]),
            owner: names(&["owner", "relationship owner", "account owner"]),
            buying_role: names(&["buying role"]),
            influence: names(&["influence"]),
            disposition: names(&["disposition"]),
            contact_every: names(&["contact every", "cadence"]),
            last_contact: names(&["last contact", "last contacted", "letzter kontakt"]),
            date: names(&["date", "meeting date", "when", "datum", "fecha"]),
            attendees: names(&[
                "attendees",
                "attendee",
                "participants",
                "participant",
                "people",
                "invitees",
                "teilnehmer",
                "participantes",
                "asistentes",
            ]),
            organizer: names(&["organizer", "organiser", "host", "organisateur", "organizador"]),
            website: names(&["website", "domain", "email domain", "url", "web", "homepage", "email", "e-mail"]),
        }
    }
}

/// A field or heading name as Dataview compares them: lower case, with runs of spaces, `-`
/// and `_` one space, and emphasis, brackets and a trailing colon dropped
/// (`**Job_Title**:` → `job title`).
pub fn field_key(name: &str) -> String {
    let name = name.trim().trim_end_matches(':');
    let mut out = String::with_capacity(name.len());
    let mut gap = false;
    for c in name.chars() {
        if matches!(c, '*' | '[' | ']' | '`') {
            continue;
        }
        if c == ' ' || c == '-' || c == '_' || c.is_whitespace() {
            gap = !out.is_empty();
            continue;
        }
        if gap {
            out.push(' ');
            gap = false;
        }
        out.extend(c.to_lowercase());
    }
    out
}

/// A folder, type or tag name compared loosely: as [`field_key`], without a number or emoji
/// prefix (`07_Meetings`, `🤝 People`), and singular (`Companies` and `company` agree).
pub fn loose_name(name: &str) -> String {
    let first_letter = name.char_indices().find(|(_, c)| c.is_alphabetic()).map_or(name.len(), |(i, _)| i);
    let prefix = &name[..first_letter];
    // `07_Meetings` and `🤝 People` drop their prefix; `1-1s` keeps it (no separator before the letter).
    let drop = !prefix.is_empty()
        && (prefix.ends_with([' ', '_', '-', '.']) || !prefix.chars().any(|c| c.is_ascii_alphanumeric()));
    let key = field_key(if drop { &name[first_letter..] } else { name });
    singular(&key)
}

fn singular(word: &str) -> String {
    if let Some(stem) = word.strip_suffix("ies") {
        format!("{stem}y")
    } else if word.ends_with('s') && !word.ends_with("ss") && word.len() > 3 {
        word[..word.len() - 1].to_string()
    } else {
        word.to_string()
    }
}

impl SectionNames {
    /// Every heading named anywhere in these settings.
    pub fn all(&self) -> Vec<String> {
        [
            &self.contact,
            &self.facts,
            &self.decisions,
            &self.recent_context,
            &self.topics,
            &self.profile,
            &self.related_customers,
            &self.related_projects,
            &self.related,
            &self.attendees,
            &self.open_questions,
            &self.private,
        ]
        .into_iter()
        .flatten()
        .cloned()
        .collect()
    }

    /// Whether `heading` is one of `names` (case-insensitive, surrounding space ignored).
    pub fn matches(names: &[String], heading: &str) -> bool {
        let heading = trimmed(heading);
        names.iter().any(|n| trimmed(n).eq_ignore_ascii_case(heading))
    }
}

/// `s.trim()`, without decoding characters when both ends are visible ASCII, as nearly every
/// heading is (a big vault matches headings against section names a million times).
fn trimmed(s: &str) -> &str {
    let visible = |b: Option<&u8>| b.is_some_and(|&b| b.is_ascii_graphic());
    if visible(s.as_bytes().first()) && visible(s.as_bytes().last()) {
        s
    } else {
        s.trim()
    }
}

/// The settings file in use: `explicit`, else `<vault>/dossier.toml` if it exists.
pub fn locate(vault: &Path, explicit: Option<&Path>) -> Option<PathBuf> {
    match explicit {
        Some(p) => Some(p.to_path_buf()),
        None => Some(vault.join(CONFIG_FILE_NAME)).filter(|p| p.is_file()),
    }
}

/// Reads the settings: `explicit` if given (it must exist), else `<vault>/dossier.toml` if
/// present, else the defaults. Unknown keys become warnings in `diagnostics`.
pub fn load(vault: &Path, explicit: Option<&Path>, diagnostics: &mut Diagnostics) -> anyhow::Result<Settings> {
    let path = match explicit {
        Some(p) => p.to_path_buf(),
        None => {
            let p = vault.join(CONFIG_FILE_NAME);
            if !p.is_file() {
                return Ok(Settings::default());
            }
            p
        }
    };
    let text = std::fs::read_to_string(&path)
        .map_err(|e| anyhow::anyhow!("cannot read configuration {}: {e}", path.display()))?;
    let mut settings = parse(&text, &path.display().to_string(), diagnostics)?;
    if let (Some(templates), Some(folder)) = (&settings.templates, path.parent()) {
        settings.templates = Some(folder.join(templates));
    }
    Ok(settings)
}

/// Parses a `dossier.toml` text; `origin` names it in messages.
pub fn parse(text: &str, origin: &str, diagnostics: &mut Diagnostics) -> anyhow::Result<Settings> {
    let mut unknown = Vec::new();
    let deserializer =
        toml::Deserializer::parse(text).map_err(|e| anyhow::anyhow!("{origin}: {}", e.to_string().trim_end()))?;
    let settings: Settings = serde_ignored::deserialize(deserializer, |key| unknown.push(key.to_string()))
        .map_err(|e| anyhow::anyhow!("{origin}: {}", e.to_string().trim_end()))?;
    for key in unknown {
        let line = line_of_key(text, &key);
        diagnostics.push(Diagnostic::warning(origin, line, format!("unknown configuration key `{key}` (ignored)")));
    }
    Ok(settings)
}

/// The 1-based line where the last segment of a dotted key is written, or 1.
pub fn line_of_key(text: &str, dotted: &str) -> u32 {
    let last = dotted.rsplit('.').next().unwrap_or(dotted);
    text.lines()
        .position(|l| {
            let l = l.trim_start();
            l.starts_with(last) && l[last.len()..].trim_start().starts_with('=')
        })
        .map_or(1, |i| i as u32 + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_follow_the_vault_format() {
        let s = Settings::default();
        assert_eq!(s.stale_after_days, 90);
        assert!(SectionNames::matches(&s.sections.decisions, "key decisions"));
        assert!(SectionNames::matches(&s.sections.decisions, " Decisions "));
        assert!(!SectionNames::matches(&s.sections.facts, "Facts and figures"));
    }

    #[test]
    fn quick_trimming_is_trimming() {
        for s in ["Key Facts", " Key Facts\u{a0}", "\u{b}x\u{b}", "", " ", "\u{3000}Facts", "é", "a\t"] {
            assert_eq!(trimmed(s), s.trim(), "{s:?}");
        }
    }

    #[test]
    fn unknown_keys_warn_with_their_line() {
        let mut d = Diagnostics::default();
        let s = parse("stale-after-days = 30\n\n[sections]\nfactz = [\"X\"]\n", "dossier.toml", &mut d).unwrap();
        assert_eq!(s.stale_after_days, 30);
        let w = d.into_sorted();
        assert_eq!(w.len(), 1);
        assert_eq!(w[0].line, 4);
        assert!(w[0].message.contains("sections.factz"), "{}", w[0].message);
    }

    #[test]
    fn a_type_error_is_an_error_with_origin() {
        let mut d = Diagnostics::default();
        let err = parse("stale-after-days = \"soon\"", "x.toml", &mut d).unwrap_err();
        assert!(err.to_string().starts_with("x.toml"), "{err}");
    }
}

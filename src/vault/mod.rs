//! Files → notes. Walks the vault, reads every Markdown file, splits and parses frontmatter,
//! parses the body with comrak, and builds the link index. Knows nothing of people or
//! customers; never writes into the vault (the note cache, [`cache`], lives in the user's
//! cache folder).

pub mod cache;
pub mod fields;
pub mod frontmatter;
pub mod index;
pub mod markdown;
pub mod share;
pub mod templates;
pub mod walk;
pub mod wikilink;

use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::config::{SectionNames, Settings};
use crate::diagnostics::Diagnostic;
pub use frontmatter::Frontmatter;
pub use index::{LinkIndex, Resolution, ResolvedBy, Target};
pub use markdown::{Block, Body, Inline, Section};
pub use wikilink::{Anchor, LinkTarget};

/// Index of a note in `Vault::notes` (notes are sorted by path).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct NoteId(pub u32);

impl NoteId {
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// One Markdown file of the vault.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Note {
    /// Vault-relative path with `/` separators, including `.md`.
    pub path: String,
    /// File name without `.md`: what `[[links]]` name.
    pub stem: String,
    /// What Obsidian shows as its name: the file name without `.md` (as `stem`).
    pub title: String,
    /// Vault-relative folder ("" at the root).
    pub folder: String,
    pub frontmatter: Frontmatter,
    pub body: Body,
    /// Every link of the note: body, tables, tasks and frontmatter values.
    pub links: Vec<Link>,
    /// Runs of lines (first, last; 1-based) that begin inside a `%%comment%%` or with one:
    /// Obsidian does not show them, and the Tasks plugin reads no task there.
    pub commented: Vec<(u32, u32)>,
    /// The fields whose names fill a role (`FieldNames::read_keys`), read with the note so
    /// that the note cache keeps them: every run's model reads them for every note. Empty
    /// for a note parsed alone ([`parse_note`]); [`fields::read`] gives all of them.
    pub fields: Vec<fields::Field>,
}

impl Note {
    /// The links of one of the note's blocks.
    pub fn links_in(&self, inline: &Inline) -> &[Link] {
        &self.links[inline.links.start as usize..inline.links.end as usize]
    }
}

/// A link as written in a note, before resolution.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Link {
    pub target: LinkTarget,
    /// 1-based line in the file.
    pub line: u32,
    pub embed: bool,
}

/// The whole vault, read.
#[derive(Debug)]
pub struct Vault {
    pub root: PathBuf,
    /// The vault folder's name, shown in reports.
    pub name: String,
    pub notes: Vec<Note>,
    pub index: LinkIndex,
    pub diagnostics: Vec<Diagnostic>,
    /// What `--share` left out, by place (empty when not sharing).
    pub removed: Vec<share::Removal>,
    /// The names (lower-cased file names and aliases) of the notes `--share` left out: only
    /// so that a link to one is not taken for a name of its own (a guest) by a later stage.
    pub withheld_names: crate::HashSet<String>,
    /// How the note cache was used (`None` without one).
    pub cache: Option<cache::Report>,
    /// Where the vault keeps its templates (their notes are of no kind).
    pub templates: templates::TemplateFolders,
    /// The vault's `.base` files, by path: their text (read when a report needs one).
    pub bases: Vec<walk::MarkdownFile>,
}

impl Vault {
    pub fn note(&self, id: NoteId) -> &Note {
        &self.notes[id.index()]
    }

    /// The `.base` file a link names (`Meetings.base`, `Templates/Bases/Meetings.base`): by
    /// its path, else by its file name (the shortest path when several share it).
    pub fn base_file(&self, name: &str) -> Option<&walk::MarkdownFile> {
        let name = name.trim().trim_start_matches('/');
        let lower = name.to_lowercase();
        let lower = if lower.ends_with(".base") { lower } else { format!("{lower}.base") };
        if let Some(exact) = self.bases.iter().find(|b| b.relative.to_lowercase() == lower) {
            return Some(exact);
        }
        let file_name = lower.rsplit('/').next().unwrap_or(&lower).to_string();
        self.bases
            .iter()
            .filter(|b| b.relative.rsplit('/').next().is_some_and(|f| f.to_lowercase() == file_name))
            .min_by_key(|b| (b.relative.len(), b.relative.clone()))
    }
    /// Whether `name` (a link's target, any case) names a note `--share` left out.
    pub fn is_withheld(&self, name: &str) -> bool {
        if self.withheld_names.is_empty() {
            return false;
        }
        let name = name.trim().to_lowercase();
        let stem = name.rsplit('/').next().unwrap_or(&name);
        self.withheld_names.contains(&name) || self.withheld_names.contains(stem)
    }
    pub fn ids(&self) -> impl Iterator<Item = NoteId> {
        (0..self.notes.len() as u32).map(NoteId)
    }
}

/// Reads the vault at `root`. Fails only when `root` itself cannot be read; every problem
/// with a single note is a diagnostic and the rest of the vault is still read.
pub fn load(root: &Path, settings: &Settings) -> anyhow::Result<Vault> {
    load_with(root, settings, &LoadOptions::default())
}

/// How to read a vault.
#[derive(Default)]
pub struct LoadOptions<'a> {
    /// Leave out what is private (`--share`): it never leaves this stage (see [`share`]).
    pub sharing: bool,
    /// Called with the number of files once they are found, then once per file read (from
    /// several threads): a progress bar hooks in here.
    pub progress: Option<&'a (dyn Fn(Progress) + Sync)>,
    /// The note cache file to use and update (see [`cache`]); `None` reads every note.
    pub cache: Option<std::path::PathBuf>,
}

#[derive(Debug, Clone, Copy)]
pub enum Progress {
    Found(usize),
    Read,
}

pub fn load_with(root: &Path, settings: &Settings, options: &LoadOptions) -> anyhow::Result<Vault> {
    let meta =
        std::fs::metadata(root).map_err(|e| anyhow::anyhow!("cannot read vault folder {}: {e}", root.display()))?;
    if !meta.is_dir() {
        anyhow::bail!("vault {} is not a folder", root.display());
    }
    let walked = walk::markdown_files(root, settings.follow_links_out_of_vault);
    Ok(load_files(root, walked, settings, options))
}

/// Reads the files `walked` found, in any order: the vault is the same whatever order the
/// file system listed them in (notes are sorted by path once read).
pub fn load_files(root: &Path, walked: walk::Walked, settings: &Settings, options: &LoadOptions) -> Vault {
    let sharing = options.sharing;
    let mut diagnostics = walked.diagnostics;
    let bases = walked.bases;

    let tick = |p: Progress| {
        if let Some(f) = options.progress {
            f(p)
        }
    };
    tick(Progress::Found(walked.files.len()));
    let reading = Reading { kept: settings.sections.all(), fields: settings.fields.read_keys(), sharing };
    let cache = options.cache.as_ref().and_then(|file| {
        // Everything that shapes what is read from a note, besides its text and this build.
        let mut fields: Vec<&String> = reading.fields.iter().collect();
        fields.sort();
        let reading = format!(
            "sharing {sharing} | kept {:?} | private {:?} | contact {:?} | fields {fields:?} | max-note-bytes {}",
            reading.kept, settings.sections.private, settings.sections.contact, settings.max_note_bytes
        );
        Some(cache::Cache::open(file.clone(), cache::fingerprint(&reading)?))
    });
    let read: Vec<(Read, cache::Blob)> = walked
        .files
        .par_iter()
        .map(|file| {
            let r = match &cache {
                None => (read_note(root, file, settings, &reading), cache::Blob::Skip),
                Some(cache) => {
                    // Stamped before reading: a change while it is read makes the next run read it again.
                    let stamp = cache::Stamp::of(&root.join(&file.relative_os));
                    match stamp.and_then(|s| cache.lookup::<Read>(&file.relative, s)) {
                        Some((read, blob)) => (read, blob),
                        None => {
                            let read = read_note(root, file, settings, &reading);
                            let blob = cache.fresh(&read, stamp);
                            (read, blob)
                        }
                    }
                }
            };
            tick(Progress::Read);
            r
        })
        .collect();
    let mut notes = Vec::with_capacity(read.len());
    let mut removed = Vec::new();
    let mut withheld_names = crate::HashSet::default();
    let mut records = Vec::with_capacity(if cache.is_some() { read.len() } else { 0 });
    for ((r, blob), file) in read.into_iter().zip(&walked.files) {
        notes.extend(r.note);
        diagnostics.extend(r.diagnostics);
        removed.extend(r.removed);
        withheld_names.extend(r.withheld_names);
        if cache.is_some() {
            records.push((file.relative.clone(), blob));
        }
    }
    let cache = cache.map(|c| c.save(records));
    removed.sort();
    notes.sort_by(|a, b| a.path.cmp(&b.path));
    // By path, each file's own in the order found: the same whatever order files came in.
    diagnostics.sort_by(|a, b| a.path.cmp(&b.path));
    let index = LinkIndex::build(&notes);
    let name = root
        .canonicalize()
        .ok()
        .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
        .unwrap_or_else(|| root.display().to_string());
    let templates = templates::locate(root, &settings.templates_folders, notes.iter().map(|n| n.folder.as_str()));
    Vault {
        root: root.to_path_buf(),
        name,
        notes,
        index,
        diagnostics,
        removed,
        withheld_names,
        cache,
        templates,
        bases,
    }
}

/// What is read of every note besides its text: the same for all notes of a run.
struct Reading {
    /// The sections whose prose is kept: the ones some stage reads.
    kept: Vec<String>,
    /// The field keys read into `Note::fields`.
    fields: crate::HashSet<String>,
    sharing: bool,
}

/// One file, read: the note (none when it cannot be read, or is withheld from sharing).
#[derive(Serialize, Deserialize)]
struct Read {
    note: Option<Note>,
    diagnostics: Vec<Diagnostic>,
    removed: Vec<share::Removal>,
    /// A withheld note's names (see [`Vault::withheld_names`]).
    withheld_names: Vec<String>,
}

fn read_note(root: &Path, file: &walk::MarkdownFile, settings: &Settings, reading: &Reading) -> Read {
    let mut read = read_text(root, file, settings, reading);
    if let Some(note) = &mut read.note {
        note.fields = fields::read_wanted(note, &settings.sections.contact, &|k| reading.fields.contains(k));
    }
    read
}

/// One file parsed, with what `--share` leaves out already out.
fn read_text(root: &Path, file: &walk::MarkdownFile, settings: &Settings, reading: &Reading) -> Read {
    let kept = &reading.kept;
    let (note, diagnostics) = read_file(root, file, settings);
    let Some((path, text)) = note else {
        return Read { note: None, diagnostics, removed: Vec::new(), withheld_names: Vec::new() };
    };
    if !reading.sharing {
        let mut diagnostics = diagnostics;
        let note = parse_note_keeping(path, &text, &mut diagnostics, Some(kept));
        return Read { note: Some(note), diagnostics, removed: Vec::new(), withheld_names: Vec::new() };
    }
    let removal = |line: u32, what: String| share::Removal { path: path.clone(), line, what };
    if let Some(withheld) = share::withheld(&path, &text) {
        // Not even its problems are reported: they would name it.
        return Read {
            note: None,
            diagnostics: Vec::new(),
            removed: vec![removal(1, withheld.why.to_string())],
            withheld_names: withheld.names,
        };
    }
    let mut removed = Vec::new();
    let (text, comments) = share::strip_comments(&text);
    removed.extend(comments.into_iter().map(|line| removal(line, "a %%comment%%".to_string())));
    let mut diags = diagnostics;
    let mut note = parse_note_keeping(path.clone(), &text, &mut diags, Some(kept));
    let last_line = text.lines().count() as u32;
    let sections = share::private_sections(&note.body, &settings.sections.private, last_line);
    if !sections.is_empty() {
        for (heading, from, to) in &sections {
            removed.push(removal(*from, format!("the section \"{heading}\" (lines {from}–{to})")));
        }
        let mut again = Vec::new();
        note = parse_note_keeping(path, &share::blank_lines(&text, &sections), &mut again, Some(kept));
        // The problems of the text that is left.
        diags.retain(|d| !sections.iter().any(|(_, from, to)| (*from..=*to).contains(&d.line)));
    }
    Read { note: Some(note), diagnostics: diags, removed, withheld_names: Vec::new() }
}

/// Reads and decodes one file; `None` when it cannot be read at all.
fn read_file(
    root: &Path,
    file: &walk::MarkdownFile,
    settings: &Settings,
) -> (Option<(String, String)>, Vec<Diagnostic>) {
    use std::io::Read;
    let mut diags = Vec::new();
    let path = file.relative.clone();
    let cannot_read = |e: std::io::Error, diags: &mut Vec<Diagnostic>| {
        diags.push(Diagnostic::error(&path, 1, format!("cannot read file: {e}")));
    };
    // Opened and measured here, in parallel, rather than during the (sequential) walk.
    let mut handle = match std::fs::File::open(root.join(&file.relative_os)) {
        Ok(f) => f,
        Err(e) => {
            cannot_read(e, &mut diags);
            return (None, diags);
        }
    };
    let len = handle.metadata().map(|m| m.len()).unwrap_or(0);
    if len > settings.max_note_bytes {
        diags.push(Diagnostic::warning(
            &path,
            1,
            format!("note is {len} bytes, over the limit of {} (max-note-bytes): skipped", settings.max_note_bytes),
        ));
        return (None, diags);
    }
    // Never more than the limit, even if the file grows while it is read.
    let mut bytes = Vec::with_capacity(len as usize);
    if let Err(e) = (&mut handle).take(settings.max_note_bytes).read_to_end(&mut bytes) {
        cannot_read(e, &mut diags);
        return (None, diags);
    }
    // A NUL byte never occurs in text a person wrote: this is a binary file named `.md`.
    if let Some(at) = bytes.iter().position(|&b| b == 0) {
        let line = bytes[..at].iter().filter(|&&b| b == b'\n').count() as u32 + 1;
        diags.push(Diagnostic::warning(&path, line, "file holds NUL bytes, so it is not text: skipped"));
        return (None, diags);
    }
    // Most notes are plain UTF-8 with LF line ends: take the bytes as they are.
    let text = if !bytes.starts_with(b"\xEF\xBB\xBF") && !bytes.contains(&b'\r') {
        match String::from_utf8(bytes) {
            Ok(text) => text,
            Err(e) => decode(e.as_bytes(), &path, &mut diags),
        }
    } else {
        decode(&bytes, &path, &mut diags)
    };
    (Some((path, text)), diags)
}

/// Bytes → text: strips a BOM, reads invalid UTF-8 lossily (with a warning naming the first
/// bad line), and turns CRLF and lone CR line ends into LF so line numbers match editors.
pub fn decode(bytes: &[u8], path: &str, diags: &mut Vec<Diagnostic>) -> String {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = match std::str::from_utf8(bytes) {
        Ok(s) => s.to_string(),
        Err(e) => {
            let line = bytes[..e.valid_up_to()].iter().filter(|&&b| b == b'\n').count() as u32 + 1;
            diags.push(Diagnostic::warning(
                path,
                line,
                "file is not valid UTF-8; undecodable bytes were replaced by U+FFFD",
            ));
            String::from_utf8_lossy(bytes).into_owned()
        }
    };
    if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text
    }
}

/// Parses the text of a note at vault-relative `path`.
pub fn parse_note(path: String, text: &str, diags: &mut Vec<Diagnostic>) -> Note {
    parse_note_keeping(path, text, diags, None)
}

/// As [`parse_note`], keeping the prose only of the sections named in `keep_sections` (see
/// [`markdown::parse_keeping`]); `None` keeps everything.
pub fn parse_note_keeping(
    path: String,
    text: &str,
    diags: &mut Vec<Diagnostic>,
    keep_sections: Option<&[String]>,
) -> Note {
    let (stem, folder) = split_path(&path);
    let split = frontmatter::split(text);
    let mut frontmatter = match &split {
        frontmatter::Split::Present { yaml, first_line, .. } => frontmatter::parse(yaml, *first_line, &path, diags),
        frontmatter::Split::Unclosed => {
            diags.push(Diagnostic::warning(
                &path,
                1,
                "frontmatter starts with `---` but has no closing `---` line; read as body text",
            ));
            Frontmatter::default()
        }
        frontmatter::Split::Absent => Frontmatter::default(),
    };
    let body_text = match &split {
        frontmatter::Split::Present { body_line, .. } => blank_lines_before(text, *body_line),
        _ => text.to_string(),
    };
    let keep = |heading: &str| keep_sections.is_some_and(|names| SectionNames::matches(names, heading));
    let mut body = match keep_sections {
        Some(_) => markdown::parse_keeping(&body_text, &keep),
        None => markdown::parse(&body_text),
    };
    if let Some(line) = body.too_deep {
        diags.push(Diagnostic::warning(
            path.clone(),
            line,
            format!(
                "quotes, lists or emphasis nest more than {} deep here: the deeper part is not read",
                markdown::MAX_NESTING
            ),
        ));
    }
    let mut links: Vec<Link> = std::mem::take(&mut frontmatter.links);
    // The note's links live here; the body's own list is only how they were gathered, and
    // its blocks' ranges into it move past the frontmatter's.
    let shift = links.len() as u32;
    links.append(&mut body.links);
    if shift > 0 {
        body.shift_links(shift);
    }
    // Obsidian names a note by its file name; a `title` property renames nothing (on a
    // person note it may well be the job title: see `model::extract::person`).
    let title = stem.clone();
    let commented = commented_lines(text);
    Note { path, stem, title, folder, frontmatter, body, links, commented, fields: Vec::new() }
}

/// The runs of lines of `text` that begin inside a `%%comment%%` or with one (see
/// `Note::commented`).
fn commented_lines(text: &str) -> Vec<(u32, u32)> {
    if !text.contains("%%") {
        return Vec::new();
    }
    let mut out: Vec<(u32, u32)> = Vec::new();
    let mut in_comment = false;
    // `%%` in a fenced code block is code (a Mermaid comment line is `%% …`), not a comment.
    let mut fence: Option<&str> = None;
    for (i, line) in text.lines().enumerate() {
        let number = i as u32 + 1;
        let trimmed = line.trim_start();
        if !in_comment {
            if let Some(open) = fence {
                if trimmed.starts_with(open) {
                    fence = None;
                }
                continue;
            }
            if let Some(open) = ["```", "~~~"].into_iter().find(|f| trimmed.starts_with(f)) {
                fence = Some(open);
                continue;
            }
        }
        if in_comment || trimmed.starts_with("%%") {
            match out.last_mut() {
                Some((_, last)) if *last + 1 == number => *last = number,
                _ => out.push((number, number)),
            }
        }
        // Each `%%` opens or closes a comment.
        if line.matches("%%").count() % 2 == 1 {
            in_comment = !in_comment;
        }
    }
    out
}

impl Note {
    /// Whether line `line` begins inside a `%%comment%%` (or with one).
    pub fn is_commented(&self, line: u32) -> bool {
        self.commented.iter().any(|&(first, last)| (first..=last).contains(&line))
    }
}

/// Replaces the lines before `line` (1-based) with empty lines, so that the body parser's
/// line numbers are the file's line numbers.
fn blank_lines_before(text: &str, line: u32) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    for _ in 1..line {
        match rest.find('\n') {
            Some(i) => {
                out.push('\n');
                rest = &rest[i + 1..];
            }
            None => return out,
        }
    }
    out.push_str(rest);
    out
}

/// `People/Jane Doe.md` → (`Jane Doe`, `People`).
fn split_path(path: &str) -> (String, String) {
    let (folder, file) = path.rsplit_once('/').unwrap_or(("", path));
    let stem = file.strip_suffix(".md").or_else(|| file.strip_suffix(".MD")).unwrap_or(file);
    (stem.to_string(), folder.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_in_comment_blocks_are_known() {
        let text = "# A\n- [ ] shown\n%%\n- [ ] hidden\n- [ ] hidden too\n%%\n- [ ] shown %%inline%%\n- [ ] opens %%here\nhidden\nclosed%% after\n";
        assert_eq!(commented_lines(text), [(3, 6), (9, 10)]);
        let text = "```mermaid\n%% a Mermaid comment\ngraph TD\n```\n- [ ] shown\n";
        assert_eq!(commented_lines(text), [], "code is not a comment");
    }

    #[test]
    fn decode_handles_bom_crlf_and_bad_bytes() {
        let mut d = Vec::new();
        assert_eq!(decode(b"\xEF\xBB\xBFa\r\nb\rc", "n.md", &mut d), "a\nb\nc");
        assert!(d.is_empty());
        let text = decode(b"ok\nbad \xFF here\n", "n.md", &mut d);
        assert_eq!(text, "ok\nbad \u{FFFD} here\n");
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].line, 2);
    }

    #[test]
    fn body_lines_are_file_lines() {
        let mut d = Vec::new();
        let note =
            parse_note("People/A.md".into(), "---\ntype: people\n---\n# A\n\n## Key Facts\n\n- one [[B]]\n", &mut d);
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(note.stem, "A");
        assert_eq!(note.folder, "People");
        assert_eq!(note.links.len(), 1);
        assert_eq!(note.links[0].line, 8);
    }

    #[test]
    fn a_block_finds_its_own_links_after_the_frontmatter_ones() {
        let mut d = Vec::new();
        let text = "---\ncompany: \"[[Acme]]\"\n---\nIntro [[X]]\n\n## Key Facts\n\n- one [[B]] and [[C]]\n- none\n";
        let kept = vec!["Key Facts".to_string()];
        for note in
            [parse_note("A.md".into(), text, &mut d), parse_note_keeping("A.md".into(), text, &mut d, Some(&kept))]
        {
            let names: Vec<&str> = note.links.iter().map(|l| l.target.path.as_str()).collect();
            assert_eq!(names, ["Acme", "X", "B", "C"], "every link, frontmatter first");
            let items: Vec<Vec<&str>> = note
                .body
                .list_items()
                .map(|(inline, _)| note.links_in(inline).iter().map(|l| l.target.path.as_str()).collect())
                .collect();
            assert_eq!(items, [vec!["B", "C"], vec![]]);
        }
    }
}

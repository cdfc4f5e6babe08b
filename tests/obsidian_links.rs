//! Our link resolution against a peer's, on the public vaults in `../shared/corpora`.
//!
//! The peer is obsidian-export (its library). For each vault we write a probe vault with the
//! same files, each note holding one line per link dossier found in it, `[[target]]` alone;
//! obsidian-export turns each line into a Markdown link to the file it resolved, or leaves
//! text where it found none. Every link where the two disagree is printed with its note and
//! line; each must be a known, documented difference, or the test fails.

mod common;

use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};

use comrak::nodes::NodeValue;
use dossier::config::Settings;
use dossier::vault::index::{ResolvedBy, Target};
use dossier::vault::{self, NoteId};

/// One link, as dossier and the peer resolved it (vault paths, `None` when unresolved).
#[derive(Debug)]
struct Compared {
    note: String,
    line: u32,
    written: String,
    ours: Option<String>,
    by: ResolvedBy,
    theirs: Option<String>,
}

/// Why dossier and obsidian-export may part, each documented in the README.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Known {
    /// Several notes share the name: Obsidian (and dossier) take the one in the linking note's
    /// folder, else the shortest path; obsidian-export takes the first file its walk finds.
    SameName,
    /// No note has the name but one note has it as an alias: dossier resolves it, Obsidian
    /// and obsidian-export do not.
    Alias,
    /// A link to a file that is not a note (an image, a PDF, a canvas): dossier leaves it
    /// unresolved, since only notes hold stakeholders; obsidian-export links the file.
    NotANote,
}

fn explain(c: &Compared) -> Option<Known> {
    match (&c.ours, &c.theirs) {
        (Some(_), None) if c.by == ResolvedBy::Alias => Some(Known::Alias),
        (Some(ours), Some(theirs)) if file_name(ours) == file_name(theirs) => Some(Known::SameName),
        (None, Some(theirs)) if !theirs.to_lowercase().ends_with(".md") => Some(Known::NotANote),
        _ => None,
    }
}

fn file_name(path: &str) -> String {
    path.rsplit('/').next().unwrap_or(path).to_lowercase()
}

fn compare(corpus: &Path) -> Vec<Compared> {
    let settings = Settings::default();
    let vault = vault::load(corpus, &settings).expect("the corpus loads");
    let work = tempfile::tempdir().unwrap();
    let (probe, exported) = (work.path().join("probe"), work.path().join("exported"));

    // Every file of the corpus is in the probe (attachments empty), so both sides see the
    // same names; each note is replaced by its links, one per paragraph.
    let mut asked: BTreeMap<String, Vec<(u32, String, vault::index::Resolution)>> = BTreeMap::new();
    for entry in walkdir::WalkDir::new(corpus).into_iter().filter_map(Result::ok) {
        let rel = entry.path().strip_prefix(corpus).unwrap();
        if entry.file_type().is_file() && !rel.components().any(|c| c.as_os_str().to_string_lossy().starts_with('.')) {
            let to = probe.join(rel);
            std::fs::create_dir_all(to.parent().unwrap()).unwrap();
            std::fs::write(to, "").unwrap();
        }
    }
    for (i, note) in vault.notes.iter().enumerate() {
        let links: Vec<_> = note
            .links
            .iter()
            .filter(|l| !l.target.path.is_empty())
            .map(|l| (l.line, l.target.path.clone(), vault.index.resolve(Some(NoteId(i as u32)), &l.target.path)))
            .collect();
        let text: String = links.iter().map(|(_, written, _)| format!("[[{written}]]\n\n")).collect();
        std::fs::write(probe.join(&note.path), text).unwrap();
        asked.insert(note.path.clone(), links);
    }
    std::fs::create_dir_all(&exported).unwrap();
    let mut exporter = obsidian_export::Exporter::new(probe.clone(), exported.clone());
    exporter.frontmatter_strategy(obsidian_export::FrontmatterStrategy::Never);
    exporter.run().expect("obsidian-export runs");

    let mut out = Vec::new();
    for (path, links) in asked {
        let text = std::fs::read_to_string(exported.join(&path)).unwrap_or_default();
        let theirs = resolved_by_line(&text, Path::new(&path));
        for (k, (line, written, resolution)) in links.into_iter().enumerate() {
            let ours = match resolution.target {
                Target::Note(id) => Some(vault.note(id).path.clone()),
                Target::Unresolved(_) => None,
            };
            let theirs = theirs.get(&(2 * k as u32 + 1)).cloned();
            out.push(Compared { note: path.clone(), line, written, ours, by: resolution.by, theirs });
        }
    }
    out
}

/// The vault path each exported line's Markdown link points at, by line.
fn resolved_by_line(text: &str, note: &Path) -> BTreeMap<u32, String> {
    let arena = comrak::Arena::new();
    let root = comrak::parse_document(&arena, text, &comrak::Options::default());
    let mut out = BTreeMap::new();
    for node in root.descendants() {
        if let NodeValue::Link(link) = &node.data().value {
            let url = link.url.split('#').next().unwrap_or_default();
            if url.is_empty() || url.contains("://") {
                continue;
            }
            let decoded = percent_encoding::percent_decode_str(url).decode_utf8_lossy().into_owned();
            let target = normalize(&note.parent().unwrap_or(Path::new("")).join(decoded));
            out.insert(node.data().sourcepos.start.line as u32, target);
        }
    }
    out
}

/// `a/b/../c` → `a/c`, as a `/`-separated vault path.
fn normalize(path: &Path) -> String {
    let mut parts: Vec<String> = Vec::new();
    for c in path.components() {
        match c {
            Component::ParentDir => {
                parts.pop();
            }
            Component::Normal(p) => parts.push(p.to_string_lossy().into_owned()),
            _ => {}
        }
    }
    parts.join("/")
}

#[test]
fn link_resolution_matches_obsidian_export_on_the_public_vaults() {
    let corpora = common::shared().join("corpora");
    let mut vaults: Vec<PathBuf> = std::fs::read_dir(&corpora)
        .expect("../shared/corpora beside the checkout")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    vaults.sort();
    assert!(vaults.len() >= 3, "{vaults:?}");
    // Ours too: it links by alias, where dossier goes one step beyond Obsidian.
    vaults.push(common::sample_vault());
    let mut unexplained = Vec::new();
    for corpus in &vaults {
        let compared = compare(corpus);
        let name = corpus.file_name().unwrap().to_string_lossy();
        let mut known: BTreeMap<Known, usize> = BTreeMap::new();
        let agreed = compared.iter().filter(|c| c.ours == c.theirs).count();
        if std::env::var_os("DOSSIER_LINKS_ALL").is_some() {
            for c in &compared {
                eprintln!("{name}/{}:{}: [[{}]] → {:?} / {:?}", c.note, c.line, c.written, c.ours, c.theirs);
            }
        }
        for c in compared.iter().filter(|c| c.ours != c.theirs) {
            let why = explain(c);
            eprintln!(
                "{name}/{}:{}: [[{}]]: dossier {:?} ({:?}), obsidian-export {:?}: {}",
                c.note,
                c.line,
                c.written,
                c.ours,
                c.by,
                c.theirs,
                why.map_or("UNEXPLAINED".to_string(), |k| format!("{k:?}"))
            );
            match why {
                Some(k) => *known.entry(k).or_default() += 1,
                None => unexplained.push(format!("{name}/{}:{} [[{}]]", c.note, c.line, c.written)),
            }
        }
        let to_notes = compared.iter().filter(|c| c.ours.is_some() && c.ours == c.theirs).count();
        eprintln!(
            "{name}: {} links, {agreed} resolved alike ({to_notes} to the same note), known differences {known:?}",
            compared.len()
        );
        // Most links in these vaults lead to a note; a probe that lost them all would agree too.
        assert!(to_notes * 4 > compared.len(), "{name}: only {to_notes} of {} links reached a note", compared.len());
    }
    assert!(unexplained.is_empty(), "links resolved differently, without a known reason:\n{}", unexplained.join("\n"));
}

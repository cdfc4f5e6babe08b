//! The link index: one map per way a link can name a note, built once; `resolve` is the one
//! function that turns what a link says into a note or an unresolved target.

use crate::HashMap;

use super::{Note, NoteId};

/// What a link points at: a note, or a name with no note (still a node of its own).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Target {
    Note(NoteId),
    /// The lower-cased name of a target that has no note (`[[Fabrikam]]`).
    Unresolved(String),
}

impl Target {
    /// Its note, if it has one.
    pub fn note(&self) -> Option<NoteId> {
        match self {
            Target::Note(n) => Some(*n),
            Target::Unresolved(_) => None,
        }
    }
}

/// How `resolve` decided; `check` reports the doubtful ones.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ResolvedBy {
    /// The only note with that name, or the path written matches exactly.
    Exact,
    /// Several notes share the name; the one in the linking note's folder won.
    SameFolder,
    /// Several notes share the name; the one with the shortest path won.
    ShortestPath,
    /// No note has the name; exactly one note has it as an alias (Obsidian would not do this).
    Alias,
    /// No note; the target stands alone.
    Unresolved,
    /// No note has the name and several notes have it as alias: not guessed.
    AmbiguousAlias(Vec<NoteId>),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resolution {
    pub target: Target,
    pub by: ResolvedBy,
    /// All notes that had the name, when there was a choice.
    pub candidates: Vec<NoteId>,
}

#[derive(Debug, Default)]
pub struct LinkIndex {
    /// Lower-cased vault path without `.md` → note.
    by_path: HashMap<String, NoteId>,
    /// Lower-cased file stem → notes, in path order.
    by_name: HashMap<String, Vec<NoteId>>,
    /// Lower-cased alias → notes, in path order.
    by_alias: HashMap<String, Vec<NoteId>>,
    /// Lower-cased path without `.md`, and lower-cased folder, per note.
    paths: Vec<String>,
    folders: Vec<String>,
}

/// The key of a name: case-insensitive, surrounding and repeated spaces ignored.
pub fn key(name: &str) -> String {
    if !name.is_ascii() {
        // `str::to_lowercase` knows context (a final Σ is ς); char by char would not.
        return crate::vault::markdown::collapse_whitespace(name).to_lowercase();
    }
    // Nearly every name: one pass and one allocation (links are resolved by the thousand).
    let mut out = String::with_capacity(name.len());
    for word in name.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out.make_ascii_lowercase();
    out
}

impl LinkIndex {
    /// Builds the index; `notes` must be sorted by path (ids are their positions).
    pub fn build(notes: &[Note]) -> LinkIndex {
        let mut index = LinkIndex::default();
        for (i, note) in notes.iter().enumerate() {
            let id = NoteId(i as u32);
            let path = key(note.path.strip_suffix(".md").unwrap_or(&note.path));
            index.by_path.insert(path.clone(), id);
            index.paths.push(path);
            index.folders.push(key(&note.folder));
            index.by_name.entry(key(&note.stem)).or_default().push(id);
            for alias in &note.frontmatter.aliases {
                let ids = index.by_alias.entry(key(alias)).or_default();
                if !ids.contains(&id) {
                    ids.push(id);
                }
            }
        }
        index
    }

    /// Resolves the target `written` (as in `[[written]]`, no anchor, no label) of a link
    /// written in note `from`, by Obsidian's rules:
    ///
    /// 1. Names are case-insensitive; `Name` and `Name.md` are the same.
    /// 2. A path (`Folder/Name`) must match the vault path exactly, or else the end of a
    ///    path (`Sub/Folder/Name`).
    /// 3. When several notes share the name: the exact vault path wins, then a note in the
    ///    linking note's own folder, then the shortest path (then the first in path order).
    /// 4. With no note of that name, an alias held by exactly one note resolves to it.
    /// 5. Otherwise the target is unresolved and stands as a node of its own.
    pub fn resolve(&self, from: Option<NoteId>, written: &str) -> Resolution {
        let mut wanted = key(written.strip_suffix(".md").unwrap_or(written));
        if wanted.starts_with('/') {
            wanted = wanted.trim_start_matches('/').to_string();
        }
        if let Some(&id) = self.by_path.get(&wanted) {
            return Resolution { target: Target::Note(id), by: ResolvedBy::Exact, candidates: vec![id] };
        }
        let (folder_part, name) = match wanted.rsplit_once('/') {
            Some((f, n)) => (Some(f), n),
            None => (None, wanted.as_str()),
        };
        let candidates: Vec<NoteId> = match self.by_name.get(name) {
            Some(ids) => match folder_part {
                None => ids.clone(),
                Some(_) => {
                    let suffix = format!("/{wanted}");
                    ids.iter().copied().filter(|id| self.paths[id.index()].ends_with(&suffix)).collect()
                }
            },
            None => Vec::new(),
        };
        match candidates.len() {
            0 => {}
            1 => return Resolution { target: Target::Note(candidates[0]), by: ResolvedBy::Exact, candidates },
            _ => {
                if let Some(from) = from {
                    let folder = &self.folders[from.index()];
                    if let Some(&id) = candidates.iter().find(|id| &self.folders[id.index()] == folder) {
                        return Resolution { target: Target::Note(id), by: ResolvedBy::SameFolder, candidates };
                    }
                }
                let best = *candidates
                    .iter()
                    .min_by_key(|id| (self.paths[id.index()].len(), id.0))
                    .expect("two or more candidates");
                return Resolution { target: Target::Note(best), by: ResolvedBy::ShortestPath, candidates };
            }
        }
        if folder_part.is_none() {
            if let Some(ids) = self.by_alias.get(name) {
                if ids.len() == 1 {
                    return Resolution { target: Target::Note(ids[0]), by: ResolvedBy::Alias, candidates: ids.clone() };
                }
                return Resolution {
                    target: Target::Unresolved(wanted.clone()),
                    by: ResolvedBy::AmbiguousAlias(ids.clone()),
                    candidates: ids.clone(),
                };
            }
        }
        Resolution { target: Target::Unresolved(wanted), by: ResolvedBy::Unresolved, candidates: Vec::new() }
    }

    /// Notes whose stem, alias or vault path is `name` (case-insensitive).
    pub fn notes_named(&self, name: &str) -> Vec<NoteId> {
        let k = key(name.strip_suffix(".md").unwrap_or(name));
        let mut out: Vec<NoteId> = self.by_name.get(&k).cloned().unwrap_or_default();
        out.extend(self.by_alias.get(&k).into_iter().flatten().copied());
        out.extend(self.by_path.get(&k).copied());
        out.sort();
        out.dedup();
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_quick_key_is_the_general_one() {
        let general = |n: &str| crate::vault::markdown::collapse_whitespace(n).to_lowercase();
        for name in [
            "Jane Doe",
            "  ACME\tCorp  ",
            "a\u{b}b\u{c}c\r\nD",
            "Folder/Sub/Name",
            "",
            "   ",
            "ΟΔΟΣ Σ",
            "Inès CASÓ",
            "x_Y-z.md",
        ] {
            assert_eq!(key(name), general(name), "{name:?}");
        }
    }
    use crate::vault::parse_note;

    fn vault(files: &[(&str, &str)]) -> (Vec<Note>, LinkIndex) {
        let mut notes: Vec<Note> =
            files.iter().map(|(p, text)| parse_note(p.to_string(), text, &mut Vec::new())).collect();
        notes.sort_by(|a, b| a.path.cmp(&b.path));
        let index = LinkIndex::build(&notes);
        (notes, index)
    }

    fn id_of(notes: &[Note], path: &str) -> NoteId {
        NoteId(notes.iter().position(|n| n.path == path).unwrap() as u32)
    }

    #[test]
    fn names_are_case_insensitive_and_md_is_optional() {
        let (notes, index) = vault(&[("People/Jane Doe.md", "")]);
        let jane = id_of(&notes, "People/Jane Doe.md");
        for written in ["Jane Doe", "jane doe", "Jane Doe.md", "People/Jane Doe", "people/JANE DOE.md"] {
            assert_eq!(index.resolve(None, written).target, Target::Note(jane), "{written}");
        }
    }

    #[test]
    fn same_named_notes_tie_break() {
        let (notes, index) = vault(&[
            ("Acme/Notes/Plan.md", ""),
            ("Beta/Plan.md", ""),
            ("Beta/Other.md", ""),
            ("Gamma/Deep/Other.md", ""),
        ]);
        let from_beta = Some(id_of(&notes, "Beta/Other.md"));
        // An exact vault path wins over everything.
        let r = index.resolve(from_beta, "Acme/Notes/Plan");
        assert_eq!(r.target, Target::Note(id_of(&notes, "Acme/Notes/Plan.md")));
        // A partial path narrows by suffix.
        assert_eq!(index.resolve(None, "Notes/Plan").target, Target::Note(id_of(&notes, "Acme/Notes/Plan.md")));
        // Then the linking note's own folder.
        let r = index.resolve(from_beta, "Plan");
        assert_eq!((r.target, r.by), (Target::Note(id_of(&notes, "Beta/Plan.md")), ResolvedBy::SameFolder));
        // Then the shortest path.
        let from_gamma = Some(id_of(&notes, "Gamma/Deep/Other.md"));
        let r = index.resolve(from_gamma, "Plan");
        assert_eq!((r.target, r.by), (Target::Note(id_of(&notes, "Beta/Plan.md")), ResolvedBy::ShortestPath));
        assert_eq!(r.candidates.len(), 2);
    }

    #[test]
    fn a_root_note_is_the_exact_path_of_its_name() {
        let (notes, index) = vault(&[("Beta/Plan.md", ""), ("Beta/Other.md", ""), ("Plan.md", "")]);
        let r = index.resolve(Some(id_of(&notes, "Beta/Other.md")), "Plan");
        assert_eq!((r.target, r.by), (Target::Note(id_of(&notes, "Plan.md")), ResolvedBy::Exact));
    }

    #[test]
    fn aliases_resolve_only_when_unique_and_no_note_has_the_name() {
        let (notes, index) = vault(&[
            ("People/Satya Nadella.md", "---\naliases: [Satya, CEO]\n---\n"),
            ("People/Other CEO.md", "---\naliases: CEO\n---\n"),
            ("Satya.md", ""),
        ]);
        assert_eq!(index.resolve(None, "Satya").target, Target::Note(id_of(&notes, "Satya.md")));
        let r = index.resolve(None, "ceo");
        assert_eq!(r.target, Target::Unresolved("ceo".into()));
        assert!(matches!(r.by, ResolvedBy::AmbiguousAlias(ref ids) if ids.len() == 2));
        let (notes, index) = vault(&[("People/Satya Nadella.md", "---\naliases: [Satya]\n---\n")]);
        let r = index.resolve(None, "satya");
        assert_eq!((r.target, r.by), (Target::Note(id_of(&notes, "People/Satya Nadella.md")), ResolvedBy::Alias));
    }

    #[test]
    fn unresolved_targets_are_keyed_case_insensitively() {
        let (_, index) = vault(&[("a.md", "")]);
        assert_eq!(index.resolve(None, "Fabrikam").target, Target::Unresolved("fabrikam".into()));
        assert_eq!(index.resolve(None, " fabrikam  ").target, Target::Unresolved("fabrikam".into()));
    }
}

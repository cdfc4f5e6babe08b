//! The inside of a `[[link]]`: target path, `#heading` / `#^block` anchor, and label.
//!
//! comrak finds wikilinks in the body; this module splits what it found, and scans plain
//! strings (frontmatter values) for `[[...]]` the same way.

/// What a link points at, kept apart from where in that note and how it is shown.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct LinkTarget {
    /// The note as written, without `.md` (may contain folders; empty for `[[#Heading]]`).
    pub path: String,
    pub anchor: Option<Anchor>,
    /// Text after `|`, when given.
    pub label: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Anchor {
    /// `#H1#H2`: the heading path.
    Heading(Vec<String>),
    /// `#^id`.
    Block(String),
}

impl LinkTarget {
    /// Parses `Target#anchor|label` (the inside of `[[...]]`, or comrak's url plus a label).
    pub fn parse(inner: &str) -> LinkTarget {
        let inner = inner.replace("\\|", "|");
        let (dest, label) = match inner.split_once('|') {
            Some((d, l)) => (d, Some(l.trim().to_string()).filter(|l| !l.is_empty())),
            None => (inner.as_str(), None),
        };
        let (path, anchor) = match dest.split_once('#') {
            Some((p, a)) => (p, parse_anchor(a)),
            None => (dest, None),
        };
        LinkTarget { path: strip_md(path.trim()).to_string(), anchor, label }
    }

    /// What a reader sees: the label, else the note name, else the heading or block.
    pub fn display(&self) -> String {
        if let Some(label) = &self.label {
            return label.clone();
        }
        if !self.path.is_empty() {
            return self.path.rsplit('/').next().unwrap_or(&self.path).to_string();
        }
        match &self.anchor {
            Some(Anchor::Heading(h)) => h.last().cloned().unwrap_or_default(),
            Some(Anchor::Block(b)) => b.clone(),
            None => String::new(),
        }
    }
}

fn parse_anchor(a: &str) -> Option<Anchor> {
    if let Some(block) = a.strip_prefix('^') {
        return Some(Anchor::Block(block.trim().to_string()));
    }
    let headings: Vec<String> = a.split('#').map(|h| h.trim().to_string()).filter(|h| !h.is_empty()).collect();
    (!headings.is_empty()).then_some(Anchor::Heading(headings))
}

fn strip_md(path: &str) -> &str {
    // `get`, not indexing: the three bytes before the end may cut a character in two.
    match path.len().checked_sub(3).and_then(|cut| Some((cut, path.get(cut..)?))) {
        Some((cut, ext)) if cut > 0 && ext.eq_ignore_ascii_case(".md") => &path[..cut],
        _ => path,
    }
}

/// A `[[...]]` found in a plain string.
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    pub inner: String,
    pub target: LinkTarget,
    pub embed: bool,
}

/// Finds `[[...]]` and `![[...]]` in a plain string (no Markdown: used for frontmatter).
pub fn scan(s: &str) -> Vec<Found> {
    let mut out = Vec::new();
    let mut rest = s;
    let mut consumed = 0;
    while let Some(open) = rest.find("[[") {
        let after = &rest[open + 2..];
        let Some(close) = after.find("]]") else { break };
        let inner = &after[..close];
        let embed = open > 0 && rest.as_bytes()[open - 1] == b'!';
        if !inner.trim().is_empty() && !inner.contains('\n') && !inner.contains("[[") {
            out.push(Found { inner: inner.to_string(), target: LinkTarget::parse(inner), embed });
        }
        let step = open + 2 + close + 2;
        consumed += step;
        rest = &s[consumed..];
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_ending_in_a_wide_character_is_not_cut() {
        assert_eq!(strip_md("Inès Casó"), "Inès Casó");
        assert_eq!(strip_md("Casó.md"), "Casó");
        assert_eq!(strip_md(".md"), ".md");
        assert_eq!(strip_md("ó"), "ó");
    }

    #[test]
    fn anchors_and_labels_are_kept_apart() {
        let t = LinkTarget::parse("Folder/Note.md#Intro#Detail|shown");
        assert_eq!(t.path, "Folder/Note");
        assert_eq!(t.anchor, Some(Anchor::Heading(vec!["Intro".into(), "Detail".into()])));
        assert_eq!(t.label.as_deref(), Some("shown"));
        assert_eq!(t.display(), "shown");

        let b = LinkTarget::parse("Note#^abc123");
        assert_eq!(b.anchor, Some(Anchor::Block("abc123".into())));
        assert_eq!(b.display(), "Note");

        let same = LinkTarget::parse("#Heading");
        assert_eq!(same.path, "");
        assert_eq!(same.display(), "Heading");

        assert_eq!(LinkTarget::parse("Jane Doe\\|Jane").label.as_deref(), Some("Jane"));
    }

    #[test]
    fn scan_finds_links_and_embeds() {
        let found = scan("[[A]], ![[B|b]] and [[ ]] and [[C");
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].target.path, "A");
        assert!(!found[0].embed);
        assert!(found[1].embed);
        assert_eq!(found[1].target.label.as_deref(), Some("b"));
    }
}

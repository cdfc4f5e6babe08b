//! View → bytes. JSON straight from the view with serde; Markdown through a minijinja
//! template and PDF through a Typst template from `report-templates/` (built in, or the
//! user's `--templates DIR`).

pub mod context;
pub mod diagram;
pub mod markdown;
pub mod pdf;

use std::path::PathBuf;

use serde::Serialize;

/// Where templates come from: a user folder first (file by file), then the built-in ones.
#[derive(Debug, Clone, Default)]
pub struct Templates {
    pub dir: Option<PathBuf>,
}

/// The templates shipped in the binary, by file name.
pub const BUILT_IN: &[(&str, &str)] = &[
    ("brief.md.j2", include_str!("../../report-templates/brief.md.j2")),
    ("brief.typ", include_str!("../../report-templates/brief.typ")),
    ("meeting.md.j2", include_str!("../../report-templates/meeting.md.j2")),
    ("meeting.typ", include_str!("../../report-templates/meeting.typ")),
    ("review.md.j2", include_str!("../../report-templates/review.md.j2")),
    ("review.typ", include_str!("../../report-templates/review.typ")),
    ("map.md.j2", include_str!("../../report-templates/map.md.j2")),
    ("map.typ", include_str!("../../report-templates/map.typ")),
];

impl Templates {
    /// The template's text and where it came from (a path, or "built-in").
    pub fn load(&self, name: &str) -> anyhow::Result<(String, String)> {
        if let Some(dir) = &self.dir {
            let path = dir.join(name);
            if path.is_file() {
                let text = std::fs::read_to_string(&path)
                    .map_err(|e| anyhow::anyhow!("cannot read template {}: {e}", path.display()))?;
                return Ok((text, path.display().to_string()));
            }
        }
        BUILT_IN
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, text)| (text.to_string(), format!("built-in {name}")))
            .ok_or_else(|| anyhow::anyhow!("no template named {name}"))
    }
}

/// Pretty JSON with a final newline.
pub fn json<T: Serialize>(view: &T) -> anyhow::Result<String> {
    let mut s = serde_json::to_string_pretty(view)?;
    s.push('\n');
    Ok(s)
}

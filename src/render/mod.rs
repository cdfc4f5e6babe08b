//! View → bytes. JSON straight from the view with serde; Markdown through a minijinja
//! template and PDF through a Typst template from `report-templates/` (built in, or the
//! user's `--templates DIR`).

pub mod canvas;
pub mod context;
pub mod diagram;
pub mod html;
pub mod markdown;
pub mod pdf;
pub mod query;

use std::path::PathBuf;

use serde::Serialize;

use crate::format::Format;
use crate::report::{Report, ReportKind};

/// Where templates come from: a user folder first (file by file), then the built-in ones.
#[derive(Debug, Clone, Default)]
pub struct Templates {
    pub dir: Option<PathBuf>,
}

/// How a report is rendered besides its format.
#[derive(Debug, Clone, Default)]
pub struct RenderOptions {
    pub templates: Templates,
    /// The marking on every page of a PDF (`marking` in dossier.toml).
    pub marking: String,
    /// The paper of a PDF.
    pub paper: crate::format::Paper,
    /// Made with `--share`: the templates say so on the page.
    pub shared: bool,
}

/// A report's view with whether it was made with `--share` (templates say so on the page).
#[derive(Serialize)]
struct Shared<'a, V> {
    #[serde(flatten)]
    view: &'a V,
    /// Made with `--share`: private notes, sections and comments were left out.
    shared: bool,
}

/// The Markdown map carries its diagram as Mermaid text, so that it can live in the vault.
#[derive(Serialize)]
struct MapWithDiagram<'a> {
    #[serde(flatten)]
    view: &'a crate::report::map::MapView,
    mermaid: String,
}

/// `report` as `format`: JSON from the view, Markdown and PDF (and a map's SVG) through the
/// templates, a map's Mermaid, DOT and canvas drawn from the view. A format the report is not
/// written in is an error.
pub fn report(report: Report, format: Format, options: &RenderOptions) -> anyhow::Result<Vec<u8>> {
    let kind = report.kind();
    if !kind.formats().contains(&format) {
        anyhow::bail!("a {} cannot be written as {}", kind.name(), format.extension());
    }
    match (report, format) {
        (Report::Map(view), Format::Dot) => return Ok(diagram::dot(view).into_bytes()),
        (Report::Map(view), Format::Mermaid) => return Ok(diagram::mermaid(view).into_bytes()),
        (Report::Map(view), Format::Canvas) => return Ok(canvas::canvas(view).into_bytes()),
        (Report::Map(view), Format::Md) => {
            let with_diagram = MapWithDiagram { view, mermaid: diagram::mermaid(view) };
            return through_templates(kind, &with_diagram, report, format, options);
        }
        _ => {}
    }
    match report {
        Report::Brief(view) => through_templates(kind, view, report, format, options),
        Report::Meeting(view) => through_templates(kind, view, report, format, options),
        Report::Review(view) => through_templates(kind, view, report, format, options),
        Report::Map(view) => through_templates(kind, view, report, format, options),
    }
}

/// JSON, or the report's Markdown, HTML or Typst template, with `view` as the context.
fn through_templates<V: Serialize>(
    kind: ReportKind,
    view: &V,
    report: Report,
    format: Format,
    options: &RenderOptions,
) -> anyhow::Result<Vec<u8>> {
    let view = &Shared { view, shared: options.shared };
    let header = report.header();
    let pdf = || pdf::PdfOptions {
        as_of: header.as_of,
        marking: &options.marking,
        paper: options.paper,
        ident: format!("dossier/{}/{}/{}", kind.name(), slug(&report.file_name()), header.as_of.format("%Y-%m-%d")),
    };
    Ok(match format {
        Format::Json => json(view)?.into_bytes(),
        Format::Md => markdown::render(&options.templates, kind.markdown_template(), view)?.into_bytes(),
        Format::Html => {
            let (template, script) = kind.html_template();
            html::render(&options.templates, template, script, view, &options.marking)?.into_bytes()
        }
        Format::Pdf => pdf::render(&options.templates, kind.typst_template(), view, &pdf())?,
        Format::Svg => pdf::render_svg(&options.templates, kind.typst_template(), view, &pdf())?,
        Format::Dot | Format::Mermaid | Format::Canvas => {
            anyhow::bail!("{} is drawn from a map, not through a template", format.extension())
        }
    })
}

/// A file name for any subject: lower-case letters, digits and `-`, never empty, never `..`,
/// never a name Windows reserves for a device (`con`, `nul`, `com1`, …).
pub fn slug(name: &str) -> String {
    let mut s = String::new();
    for c in name.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            s.push(c);
        } else if !s.ends_with('-') && !s.is_empty() {
            s.push('-');
        }
    }
    let s: String = s.trim_end_matches('-').chars().take(80).collect();
    let s = s.trim_end_matches('-').to_string();
    const DEVICES: &[&str] = &["con", "prn", "aux", "nul"];
    let device = DEVICES.contains(&s.as_str())
        || (s.len() == 4
            && (s.starts_with("com") || s.starts_with("lpt"))
            && s.ends_with(|c: char| c.is_ascii_digit()));
    if s.is_empty() {
        "subject".to_string()
    } else if device {
        format!("{s}-subject")
    } else {
        s
    }
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
    ("layout.html.j2", include_str!("../../report-templates/layout.html.j2")),
    ("grid.html.j2", include_str!("../../report-templates/grid.html.j2")),
    ("brief.html.j2", include_str!("../../report-templates/brief.html.j2")),
    ("meeting.html.j2", include_str!("../../report-templates/meeting.html.j2")),
    ("review.html.j2", include_str!("../../report-templates/review.html.j2")),
    ("map.html.j2", include_str!("../../report-templates/map.html.j2")),
    ("map.js", include_str!("../../report-templates/map.js")),
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

    #[test]
    fn every_report_has_its_templates_built_in() {
        for kind in ReportKind::ALL {
            for name in [kind.markdown_template(), kind.typst_template()] {
                assert!(BUILT_IN.iter().any(|(n, _)| *n == name), "{name} is not built in");
            }
        }
    }
}

//! The formats a report is written in. Its own module because the command line, the settings
//! and the renderers all name them, and none of those should import another for it.

use clap::ValueEnum;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Md,
    Pdf,
    Json,
    Svg,
    Dot,
    Mermaid,
    /// A JSON Canvas file, as Obsidian's Canvas reads it.
    Canvas,
    /// One self-contained HTML page.
    Html,
}

impl Format {
    /// The format a file name's extension names (`brief.pdf`, `map.mmd`), if any.
    pub fn of_path(path: &std::path::Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        Some(match ext.as_str() {
            "md" | "markdown" => Format::Md,
            "pdf" => Format::Pdf,
            "json" => Format::Json,
            "svg" => Format::Svg,
            "dot" | "gv" => Format::Dot,
            "mmd" | "mermaid" => Format::Mermaid,
            "canvas" => Format::Canvas,
            "html" | "htm" => Format::Html,
            _ => return None,
        })
    }

    pub fn extension(self) -> &'static str {
        match self {
            Format::Md => "md",
            Format::Pdf => "pdf",
            Format::Json => "json",
            Format::Svg => "svg",
            Format::Dot => "dot",
            Format::Mermaid => "mmd",
            Format::Canvas => "canvas",
            Format::Html => "html",
        }
    }
}

/// The paper every PDF is laid out on (`paper` in dossier.toml, `--paper`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, ValueEnum, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Paper {
    #[default]
    A4,
    UsLetter,
}

impl Paper {
    /// As Typst names it (`#set page(paper: …)`).
    pub fn typst_name(self) -> &'static str {
        match self {
            Paper::A4 => "a4",
            Paper::UsLetter => "us-letter",
        }
    }
}

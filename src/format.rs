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
}

impl Format {
    pub fn extension(self) -> &'static str {
        match self {
            Format::Md => "md",
            Format::Pdf => "pdf",
            Format::Json => "json",
            Format::Svg => "svg",
            Format::Dot => "dot",
            Format::Mermaid => "mmd",
        }
    }
}

//! What every report is to the renderers and the command line: its kind (which names its
//! templates and the formats it is written in), its header and warnings, and the name its
//! file takes. A fifth report is a variant of each enum here: the compiler then points at
//! every `match` that has to learn it.

use super::map::MapView;
use super::meeting::MeetingBriefView;
use super::review::ReviewView;
use super::{BriefView, ReportHeader, WarningView};
use crate::format::Format;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportKind {
    Brief,
    Meeting,
    Review,
    Map,
}

impl ReportKind {
    pub const ALL: [ReportKind; 4] = [ReportKind::Brief, ReportKind::Meeting, ReportKind::Review, ReportKind::Map];

    /// As the command line and the templates name it.
    pub fn name(self) -> &'static str {
        match self {
            ReportKind::Brief => "brief",
            ReportKind::Meeting => "meeting",
            ReportKind::Review => "review",
            ReportKind::Map => "map",
        }
    }

    pub fn markdown_template(self) -> &'static str {
        match self {
            ReportKind::Brief => "brief.md.j2",
            ReportKind::Meeting => "meeting.md.j2",
            ReportKind::Review => "review.md.j2",
            ReportKind::Map => "map.md.j2",
        }
    }

    pub fn typst_template(self) -> &'static str {
        match self {
            ReportKind::Brief => "brief.typ",
            ReportKind::Meeting => "meeting.typ",
            ReportKind::Review => "review.typ",
            ReportKind::Map => "map.typ",
        }
    }

    /// The HTML page's template, and the script it runs (a template folder's file) if any.
    pub fn html_template(self) -> (&'static str, Option<&'static str>) {
        match self {
            ReportKind::Brief => ("brief.html.j2", None),
            ReportKind::Meeting => ("meeting.html.j2", None),
            ReportKind::Review => ("review.html.j2", None),
            ReportKind::Map => ("map.html.j2", Some("map.js")),
        }
    }

    /// The formats the report is written in: the map is also a drawing.
    pub fn formats(self) -> &'static [Format] {
        match self {
            ReportKind::Map => &[
                Format::Md,
                Format::Pdf,
                Format::Json,
                Format::Html,
                Format::Svg,
                Format::Dot,
                Format::Mermaid,
                Format::Canvas,
            ],
            ReportKind::Brief | ReportKind::Meeting | ReportKind::Review => {
                &[Format::Md, Format::Pdf, Format::Json, Format::Html]
            }
        }
    }
}

/// A report made, as the renderers take it.
#[derive(Debug, Clone, Copy)]
pub enum Report<'a> {
    Brief(&'a BriefView),
    Meeting(&'a MeetingBriefView),
    Review(&'a ReviewView),
    Map(&'a MapView),
}

impl<'a> Report<'a> {
    pub fn kind(&self) -> ReportKind {
        match self {
            Report::Brief(_) => ReportKind::Brief,
            Report::Meeting(_) => ReportKind::Meeting,
            Report::Review(_) => ReportKind::Review,
            Report::Map(_) => ReportKind::Map,
        }
    }

    pub fn header(&self) -> &'a ReportHeader {
        match self {
            Report::Brief(v) => &v.header,
            Report::Meeting(v) => &v.header,
            Report::Review(v) => &v.header,
            Report::Map(v) => &v.header,
        }
    }

    /// Problems in the notes the report read.
    pub fn warnings(&self) -> &'a [WarningView] {
        match self {
            Report::Brief(v) => &v.warnings,
            Report::Meeting(v) => &v.warnings,
            Report::Review(v) => &v.warnings,
            Report::Map(v) => &v.warnings,
        }
    }

    /// What its file is named for: the subject, with a review's period or `map`.
    pub fn file_name(&self) -> String {
        let subject = &self.header().subject.name;
        match self {
            Report::Brief(_) | Report::Meeting(_) => subject.clone(),
            Report::Review(v) => format!("{subject} {}", v.period.label),
            Report::Map(_) => format!("{subject} map"),
        }
    }
}

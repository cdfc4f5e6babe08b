//! View → PDF with Typst compiled in the binary. Our own `World` serves one template and one
//! virtual `data.json`; fonts are the embedded ones, loaded once per process. No system
//! fonts, no files from disk, no network, no packages.
//!
//! Note text reaches Typst only as JSON data, read with `json("data.json")` and placed as
//! strings: it is never parsed as markup, so nothing in a note can run as Typst code.

use std::sync::OnceLock;

use chrono::{Datelike, NaiveDate};
use serde::Serialize;
use typst::diag::{FileError, FileResult, Severity, SourceDiagnostic};
use typst::foundations::{Bytes, Datetime, Duration, Smart};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World, WorldExt};
use typst_layout::PagedDocument;

use super::Templates;

/// The name the template reads its data from.
const DATA_FILE: &str = "data.json";

struct FontStore {
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
}

/// The embedded fonts, parsed on first use and kept for the process.
fn fonts() -> &'static FontStore {
    static FONTS: OnceLock<FontStore> = OnceLock::new();
    FONTS.get_or_init(|| {
        let fonts: Vec<Font> = typst_assets::fonts().flat_map(|data| Font::iter(Bytes::new(data))).collect();
        FontStore { book: LazyHash::new(FontBook::from_fonts(&fonts)), fonts }
    })
}

fn file_id(name: &str) -> anyhow::Result<FileId> {
    let path = VirtualPath::new(name).map_err(|e| anyhow::anyhow!("bad virtual path {name}: {e:?}"))?;
    Ok(RootedPath::new(VirtualRoot::Project, path).intern())
}

struct BriefWorld {
    library: LazyHash<Library>,
    main: Source,
    data_id: FileId,
    data: Bytes,
    today: Option<Datetime>,
}

impl World for BriefWorld {
    fn library(&self) -> &LazyHash<Library> {
        &self.library
    }
    fn book(&self) -> &LazyHash<FontBook> {
        &fonts().book
    }
    fn main(&self) -> FileId {
        self.main.id()
    }
    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            Ok(self.main.clone())
        } else {
            Err(FileError::AccessDenied)
        }
    }
    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.data_id {
            Ok(self.data.clone())
        } else {
            Err(FileError::AccessDenied)
        }
    }
    fn font(&self, index: usize) -> Option<Font> {
        fonts().fonts.get(index).cloned()
    }
    /// "Today" is the as-of date, so that the same input gives the same bytes.
    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        self.today
    }
}

/// What the PDF template gets besides the briefing.
#[derive(Serialize)]
struct PdfData<'a, T: Serialize> {
    #[serde(flatten)]
    view: &'a T,
    /// The document marking, for example "Confidential — internal".
    marking: &'a str,
    /// The paper, as Typst names it (`a4`, `us-letter`).
    paper: &'static str,
}

pub struct PdfOptions<'a> {
    pub as_of: NaiveDate,
    pub marking: &'a str,
    pub paper: crate::format::Paper,
    /// Identifies the document (the PDF's ID comes from it, not from the clock).
    pub ident: String,
}

/// Compiles template `name` (for example `brief.typ`) with `view` as `data.json`.
pub fn render<T: Serialize>(
    templates: &Templates,
    name: &str,
    view: &T,
    options: &PdfOptions,
) -> anyhow::Result<Vec<u8>> {
    let (world, origin, document) = compile(templates, name, view, options)?;
    let pdf_options =
        typst_pdf::PdfOptions { ident: Smart::Custom(options.ident.clone()), timestamp: None, ..Default::default() };
    typst_pdf::pdf(&document, &pdf_options).map_err(|errors| anyhow::anyhow!("{}", describe(&world, &origin, &errors)))
}

/// The same template as one SVG image (pages stacked), for a map to put in a wiki or a slide.
pub fn render_svg<T: Serialize>(
    templates: &Templates,
    name: &str,
    view: &T,
    options: &PdfOptions,
) -> anyhow::Result<Vec<u8>> {
    let (_, _, document) = compile(templates, name, view, options)?;
    let svg_options = typst_svg::SvgOptions { render_bleed: false, pretty: false };
    Ok(typst_svg::svg_merged(&document, &svg_options, typst::layout::Abs::pt(12.0)).into_bytes())
}

fn compile<T: Serialize>(
    templates: &Templates,
    name: &str,
    view: &T,
    options: &PdfOptions,
) -> anyhow::Result<(BriefWorld, String, PagedDocument)> {
    let (text, origin) = templates.load(name)?;
    let data = serde_json::to_vec(&PdfData { view, marking: options.marking, paper: options.paper.typst_name() })?;
    let world = BriefWorld {
        library: LazyHash::new(Library::builder().build()),
        main: Source::new(file_id(name)?, text),
        data_id: file_id(DATA_FILE)?,
        data: Bytes::new(data),
        today: Datetime::from_ymd(options.as_of.year(), options.as_of.month() as u8, options.as_of.day() as u8),
    };
    let compiled = typst::compile::<PagedDocument>(&world);
    let document = compiled.output.map_err(|errors| anyhow::anyhow!("{}", describe(&world, &origin, &errors)))?;
    Ok((world, origin, document))
}

/// Typst diagnostics as `template:line:col: error: message` lines, with hints.
fn describe(world: &BriefWorld, origin: &str, diagnostics: &[SourceDiagnostic]) -> String {
    let mut out = Vec::new();
    for d in diagnostics {
        let position = world
            .range(d.span)
            .and_then(|r| world.main.lines().byte_to_line_column(r.start))
            .map_or(String::new(), |(line, col)| format!(":{}:{}", line + 1, col + 1));
        let severity = if d.severity == Severity::Error { "error" } else { "warning" };
        let mut s = format!("template {origin}{position}: {severity}: {}", d.message);
        for hint in &d.hints {
            s.push_str(&format!("\n  hint: {}", hint.v));
        }
        out.push(s);
    }
    out.join("\n")
}

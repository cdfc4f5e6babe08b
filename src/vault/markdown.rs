//! A note's body through comrak's AST → sections of blocks (paragraphs, list and task
//! items, tables, code blocks), each block with its plain text, 1-based line and links.
//!
//! Line numbers are the file's: the caller blanks the frontmatter lines instead of cutting
//! them. Links inside code spans and fenced code are not links (comrak never makes them).

use comrak::nodes::{AstNode, NodeValue};
use comrak::{parse_document, Arena, Options};
use serde::{Deserialize, Serialize};

use super::wikilink::LinkTarget;
use super::Link;

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Body {
    /// Section 0 holds what comes before the first heading (its `heading` is `None`).
    pub sections: Vec<Section>,
    /// Every link in the body, in document order (also those of blocks a keeping parse
    /// drops); each kept block's `Inline::links` is a range of it.
    pub links: Vec<Link>,
    /// `#tags` written in the text, first occurrence first (Dataview's body tags).
    pub tags: Vec<String>,
    /// The first line whose quotes, lists or emphasis nest deeper than [`MAX_NESTING`]: what
    /// lies deeper is not read (the caller warns).
    pub too_deep: Option<u32>,
}

/// How deep quotes, lists and inline markup may nest before the deeper part is skipped. No
/// real note comes near it; a hostile one could nest thousands deep, and walking that would
/// overflow the stack.
pub const MAX_NESTING: u32 = 100;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Section {
    pub heading: Option<Heading>,
    pub blocks: Vec<Block>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Heading {
    pub text: String,
    pub level: u8,
    pub line: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Block {
    Paragraph(Inline),
    /// A list item's first paragraph; `task` is the checkbox character (' ' when open).
    ListItem {
        inline: Inline,
        depth: u32,
        task: Option<char>,
        /// The line of the list item this one is nested in, if any.
        parent: Option<u32>,
    },
    /// Rows of cells, the header row first.
    Table {
        rows: Vec<Vec<Inline>>,
        line: u32,
    },
    Code {
        info: String,
        literal: String,
        line: u32,
    },
}

/// A run of inline Markdown reduced to plain text.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Inline {
    /// Plain text: links shown by their display text, no Markdown syntax.
    pub text: String,
    /// The source line(s) as written: kept for task items (Dataview's `text`) and for lines
    /// that may hold fields (`key:: value`, `Label: value`); empty otherwise, to keep big
    /// vaults small.
    pub raw: String,
    pub line: u32,
    /// Its links: a range of the note's link list (`Note::links_in`), so that each link is
    /// held once however many views of it there are.
    pub links: std::ops::Range<u32>,
}

impl Body {
    /// Moves every block's link range `by` places on (the note puts its frontmatter's
    /// links before the body's).
    pub fn shift_links(&mut self, by: u32) {
        let shift = |inline: &mut Inline| inline.links = inline.links.start + by..inline.links.end + by;
        for block in self.sections.iter_mut().flat_map(|s| s.blocks.iter_mut()) {
            match block {
                Block::Paragraph(inline) | Block::ListItem { inline, .. } => shift(inline),
                Block::Table { rows, .. } => rows.iter_mut().flatten().for_each(shift),
                Block::Code { .. } => {}
            }
        }
    }

    /// The blocks under every heading named in `names` (case-insensitive), including their
    /// sub-headings, in document order.
    pub fn section_blocks<'a>(&'a self, names: &'a [String]) -> impl Iterator<Item = &'a Block> + 'a {
        let mut inside: Option<u8> = None;
        self.sections
            .iter()
            .filter(move |s| match &s.heading {
                None => false,
                Some(h) => {
                    if inside.is_some_and(|level| h.level > level) {
                        return true;
                    }
                    let hit = crate::config::SectionNames::matches(names, &h.text);
                    inside = hit.then_some(h.level);
                    hit
                }
            })
            .flat_map(|s| s.blocks.iter())
    }

    /// Every list item in the body, with its task character if it is a task.
    pub fn list_items(&self) -> impl Iterator<Item = (&Inline, Option<char>)> {
        self.list_items_with_parents().map(|(inline, task, _)| (inline, task))
    }

    /// Every list item, with its task character and the line of the item it is nested in.
    pub fn list_items_with_parents(&self) -> impl Iterator<Item = (&Inline, Option<char>, Option<u32>)> {
        self.sections.iter().flat_map(|s| s.blocks.iter()).filter_map(|b| match b {
            Block::ListItem { inline, task, parent, .. } => Some((inline, *task, *parent)),
            _ => None,
        })
    }
}

impl Body {
    /// The index of the section holding file line `line`.
    pub fn section_at(&self, line: u32) -> usize {
        let mut index = 0;
        for (i, s) in self.sections.iter().enumerate() {
            match &s.heading {
                Some(h) if h.line <= line => index = i,
                Some(_) => break,
                None => {}
            }
        }
        index
    }
}

impl Block {
    pub fn line(&self) -> u32 {
        match self {
            Block::Paragraph(i) | Block::ListItem { inline: i, .. } => i.line,
            Block::Table { line, .. } | Block::Code { line, .. } => *line,
        }
    }
}

pub fn options() -> Options<'static> {
    let mut o = Options::default();
    o.extension.table = true;
    o.extension.tasklist = true;
    o.extension.strikethrough = true;
    o.extension.autolink = true;
    o.extension.footnotes = true;
    o.extension.wikilinks_title_after_pipe = true;
    o.parse.relaxed_tasklist_matching = true;
    o
}

/// Parses a body (frontmatter lines already blanked), keeping every block.
pub fn parse(text: &str) -> Body {
    parse_with(text, None)
}

/// Parses a body keeping only what the model and queries read: the blocks of sections whose
/// heading `keep` accepts (with their sub-sections), tasks, code blocks and lines with inline
/// fields. Links, headings and `#tags` are kept from everywhere. Prose is most of a big
/// vault's text and nothing reads it, so a vault of 100,000 notes fits in memory.
pub fn parse_keeping(text: &str, keep: Keep) -> Body {
    parse_with(text, Some(keep))
}

fn parse_with(text: &str, keep: Option<Keep>) -> Body {
    let prepared = escape_pipes_in_table_wikilinks(text);
    let prepared = match escape_brackets_around_wikilinks(&prepared) {
        std::borrow::Cow::Owned(escaped) => std::borrow::Cow::Owned(escaped),
        std::borrow::Cow::Borrowed(_) => prepared,
    };
    let arena = Arena::new();
    let root = parse_document(&arena, &prepared, &options());
    let lines: Vec<&str> = text.lines().collect();
    let mut builder = Builder { body: Body::default(), lines: &lines, keep, kept_level: None, item_line: None };
    builder.body.sections.push(Section { heading: None, blocks: Vec::new() });
    builder.blocks(root, 0, 0);
    builder.body
}

/// `| [[Jane Doe|Jane]] |` would split the cell at the link's pipe: Obsidian users write
/// `\|` there, and we do it for them on table lines so the link survives.
fn escape_pipes_in_table_wikilinks(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains("[[") || !text.contains('|') {
        return text.into();
    }
    let mut out = String::with_capacity(text.len() + 16);
    for line in text.split_inclusive('\n') {
        if !line.trim_start().starts_with('|') || !line.contains("[[") {
            out.push_str(line);
            continue;
        }
        let mut depth = 0;
        let mut prev = '\0';
        let mut chars = line.chars().peekable();
        while let Some(c) = chars.next() {
            if c == '[' && chars.peek() == Some(&'[') {
                depth += 1;
                out.push(c);
                out.push(chars.next().unwrap_or('['));
                prev = '[';
                continue;
            }
            if c == ']' && chars.peek() == Some(&']') && depth > 0 {
                depth -= 1;
                out.push(c);
                out.push(chars.next().unwrap_or(']'));
                prev = ']';
                continue;
            }
            if c == '|' && depth > 0 && prev != '\\' {
                out.push('\\');
            }
            out.push(c);
            prev = c;
        }
    }
    out.into()
}

/// comrak reads no wikilink inside a pair of single brackets (`[participants:: [[A]], [[B]]]`,
/// `[see [[A]] here]`), where Obsidian and Dataview see links: such an opening bracket is
/// escaped, so the brackets stay text and the links are links. A bracket that opens a
/// Markdown link (`[text](url)`, `[text][ref]`) or a reference definition is left alone, as
/// is everything in fenced code and code spans. Lines keep their numbers.
fn escape_brackets_around_wikilinks(text: &str) -> std::borrow::Cow<'_, str> {
    // Most notes need no escape: only the lines holding a link are looked at, and the text
    // is copied only when one of them does.
    let mut from = 0;
    let needed = loop {
        let Some(at) = text[from..].find("[[").map(|i| from + i) else { break false };
        let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
        let end = text[at..].find('\n').map_or(text.len(), |i| at + i);
        if !lone_openers_around_wikilinks(&text[start..end]).is_empty() {
            break true;
        }
        from = end;
    };
    if !needed {
        return text.into();
    }
    let mut out = String::new();
    let mut changed = false;
    let mut fence: Option<&str> = None;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        if let Some(open) = fence {
            if trimmed.starts_with(open) {
                fence = None;
            }
            out.push_str(line);
            continue;
        }
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            fence = Some(&trimmed[..3]);
            out.push_str(line);
            continue;
        }
        let openers = if line.contains("[[") { lone_openers_around_wikilinks(line) } else { Vec::new() };
        if openers.is_empty() {
            out.push_str(line);
            continue;
        }
        changed = true;
        let mut last = 0;
        for at in openers {
            out.push_str(&line[last..at]);
            out.push('\\');
            last = at;
        }
        out.push_str(&line[last..]);
    }
    if changed {
        out.into()
    } else {
        text.into()
    }
}

/// Byte offsets of the single `[`s in `line` whose bracket pair holds a `[[wikilink]]` and
/// is not a Markdown link (see [`escape_brackets_around_wikilinks`]).
fn lone_openers_around_wikilinks(line: &str) -> Vec<usize> {
    let b = line.as_bytes();
    let mut out = Vec::new();
    let mut ticks = 0;
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'`' => ticks += 1,
            b'[' if ticks % 2 == 0 => {
                if b.get(i + 1) == Some(&b'[') {
                    // A wikilink: skip to its end.
                    i = line[i..].find("]]").map_or(b.len(), |e| i + e + 2);
                    continue;
                }
                let escaped = i > 0 && b[i - 1] == b'\\';
                if !escaped {
                    if let Some(close) = matching_close(b, i) {
                        let holds_link = line[i + 1..close].contains("[[");
                        let is_markdown_link = matches!(b.get(close + 1), Some(b'(' | b'[' | b':'));
                        if holds_link && !is_markdown_link {
                            out.push(i);
                        }
                    }
                }
            }
            _ => {}
        }
        i += 1;
    }
    out
}

/// The `]` closing the single `[` at `open`, stepping over `[[…]]` inside.
fn matching_close(b: &[u8], open: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut i = open;
    while i < b.len() {
        match b[i] {
            b'[' if b.get(i + 1) == Some(&b'[') => {
                i += 2;
                while i + 1 < b.len() && !(b[i] == b']' && b[i + 1] == b']') {
                    i += 1;
                }
                i += 2;
                continue;
            }
            b'[' => depth += 1,
            b']' => {
                depth -= 1;
                if depth == 0 {
                    return Some(i);
                }
            }
            _ => {}
        }
        i += 1;
    }
    None
}

/// Which headings' sections a parse keeps the prose of (see [`parse_keeping`]).
pub type Keep<'k> = &'k dyn Fn(&str) -> bool;

struct Builder<'t> {
    body: Body,
    lines: &'t [&'t str],
    keep: Option<Keep<'t>>,
    /// The level of the kept heading the current section is under, if any.
    kept_level: Option<u8>,
    /// The line of the list item whose children are being read.
    item_line: Option<u32>,
}

impl<'t> Builder<'t> {
    /// Pushes a block whatever the keeping parse would drop.
    fn push_kept(&mut self, block: Block) {
        let keep = self.keep.take();
        self.push(block);
        self.keep = keep;
    }

    fn push(&mut self, block: Block) {
        if let Block::Paragraph(inline) | Block::ListItem { inline, .. } = &block {
            for tag in body_tags(&inline.text) {
                if !self.body.tags.contains(&tag) {
                    self.body.tags.push(tag);
                }
            }
        }
        if !self.keeps(&block) {
            return;
        }
        if let Some(section) = self.body.sections.last_mut() {
            section.blocks.push(block);
        }
    }

    /// Everything when parsing in full; else tasks, code, lines with inline fields, and the
    /// blocks of kept sections: what later stages read. Prose elsewhere is dropped.
    fn keeps(&self, block: &Block) -> bool {
        if self.keep.is_none() || self.kept_level.is_some() {
            return true;
        }
        match block {
            Block::ListItem { task: Some(_), .. } | Block::Code { .. } => true,
            Block::Paragraph(inline) | Block::ListItem { inline, .. } => !inline.raw.is_empty(),
            Block::Table { rows, .. } => rows.iter().flatten().any(|cell| !cell.raw.is_empty()),
        }
    }

    fn open_section(&mut self, heading: Heading) {
        if let Some(keep) = self.keep {
            self.kept_level = if keep(&heading.text) {
                Some(heading.level)
            } else {
                self.kept_level.filter(|level| heading.level > *level)
            };
        }
        self.body.sections.push(Section { heading: Some(heading), blocks: Vec::new() });
    }

    /// Whether a node `nesting` levels down is too deep to read (noting the first such line).
    fn too_deep<'a>(&mut self, node: &'a AstNode<'a>, nesting: u32) -> bool {
        if nesting <= MAX_NESTING {
            return false;
        }
        if self.body.too_deep.is_none() {
            self.body.too_deep = Some(node.data().sourcepos.start.line.max(1) as u32);
        }
        true
    }

    /// `depth` is the list depth items report; `nesting` counts every container, to bound it.
    fn blocks<'a>(&mut self, node: &'a AstNode<'a>, depth: u32, nesting: u32) {
        if self.too_deep(node, nesting) {
            return;
        }
        for child in node.children() {
            // Borrowed, not cloned: a code block's node holds its whole text.
            let data = child.data();
            match &data.value {
                NodeValue::Heading(h) => {
                    let inline = self.inline_text(child);
                    self.open_section(Heading { text: inline.text, level: h.level, line: inline.line });
                }
                NodeValue::Paragraph | NodeValue::HtmlBlock(_) => {
                    let inline = self.inline(child);
                    self.push(Block::Paragraph(inline));
                }
                NodeValue::List(_) => self.list(child, depth, nesting + 1),
                NodeValue::Table(_) => self.table(child),
                NodeValue::CodeBlock(cb) => {
                    let line = data.sourcepos.start.line as u32;
                    self.push(Block::Code { info: cb.info.trim().to_string(), literal: cb.literal.clone(), line });
                }
                NodeValue::BlockQuote
                | NodeValue::MultilineBlockQuote(_)
                | NodeValue::FootnoteDefinition(_)
                | NodeValue::Item(_)
                | NodeValue::TaskItem(_) => self.blocks(child, depth, nesting + 1),
                _ => {}
            }
        }
    }

    fn list<'a>(&mut self, list: &'a AstNode<'a>, depth: u32, nesting: u32) {
        if self.too_deep(list, nesting) {
            return;
        }
        for item in list.children() {
            let task = match &item.data().value {
                NodeValue::TaskItem(t) => Some(t.symbol.unwrap_or(' ')),
                NodeValue::Item(_) => None,
                _ => continue,
            };
            // The item's text is its first block: usually a paragraph, but `- # x`, `- > x`
            // and `- <b>x` are a heading, a quote and HTML, and their words still count.
            let mut rest = item.children().peekable();
            let first_is_text = rest.peek().is_some_and(|c| {
                !matches!(c.data().value, NodeValue::List(_) | NodeValue::Table(_) | NodeValue::CodeBlock(_))
            });
            let inline = if first_is_text {
                let first = rest.next().expect("peeked");
                self.inline_keeping_raw(first, task.is_some())
            } else {
                Inline { line: item.data().sourcepos.start.line as u32, ..Inline::default() }
            };
            // An item with tasks below it is kept wherever it is: it may say what they are about.
            let parent_of_tasks = task.is_none()
                && item.children().any(|c| {
                    matches!(c.data().value, NodeValue::List(_))
                        && c.descendants().any(|d| matches!(d.data().value, NodeValue::TaskItem(_)))
                });
            let line = inline.line;
            let block = Block::ListItem { inline, depth, task, parent: self.item_line };
            if parent_of_tasks {
                self.push_kept(block);
            } else {
                self.push(block);
            }
            let outer = self.item_line.replace(line);
            for child in rest {
                match &child.data().value {
                    NodeValue::List(_) => self.list(child, depth + 1, nesting + 1),
                    // Later paragraphs, tables or code inside the item.
                    _ => self.blocks_of_one(child, depth + 1, nesting + 1),
                }
            }
            self.item_line = outer;
        }
    }

    /// Handles one block node as `blocks` would handle it as a child.
    fn blocks_of_one<'a>(&mut self, node: &'a AstNode<'a>, depth: u32, nesting: u32) {
        let data = node.data();
        match &data.value {
            NodeValue::Paragraph => {
                let inline = self.inline(node);
                self.push(Block::Paragraph(inline));
            }
            NodeValue::Table(_) => self.table(node),
            NodeValue::CodeBlock(cb) => {
                let line = data.sourcepos.start.line as u32;
                self.push(Block::Code { info: cb.info.trim().to_string(), literal: cb.literal.clone(), line });
            }
            _ => self.blocks(node, depth, nesting),
        }
    }

    fn table<'a>(&mut self, table: &'a AstNode<'a>) {
        let line = table.data().sourcepos.start.line as u32;
        let mut rows = Vec::new();
        for row in table.children() {
            if !matches!(row.data().value, NodeValue::TableRow(_)) {
                continue;
            }
            let row_line = row.data().sourcepos.start.line as u32;
            let cells = row
                .children()
                .map(|cell| {
                    let mut inline = self.inline_text(cell);
                    inline.line = row_line;
                    inline
                })
                .collect();
            rows.push(cells);
        }
        self.push(Block::Table { rows, line });
    }

    /// Plain text and links of a paragraph, with its source lines when they may hold a field.
    fn inline<'a>(&mut self, node: &'a AstNode<'a>) -> Inline {
        self.inline_keeping_raw(node, false)
    }

    /// Plain text and links of a heading or a table cell: fields are not read there, so no
    /// source lines are kept.
    fn inline_text<'a>(&mut self, node: &'a AstNode<'a>) -> Inline {
        self.inline_of(node, false, false)
    }

    fn inline_keeping_raw<'a>(&mut self, node: &'a AstNode<'a>, keep_raw: bool) -> Inline {
        self.inline_of(node, keep_raw, true)
    }

    /// `keep_raw`: keep the source lines; `fields`: keep them too when one may hold a field.
    fn inline_of<'a>(&mut self, node: &'a AstNode<'a>, keep_raw: bool, fields: bool) -> Inline {
        let pos = node.data().sourcepos;
        let line = pos.start.line.max(1) as u32;
        let mut inline = Inline { line, ..Inline::default() };
        let end = pos.end.line.max(pos.start.line);
        if (keep_raw || fields) && pos.start.line >= 1 && end <= self.lines.len() {
            let lines = &self.lines[pos.start.line - 1..end];
            if keep_raw || lines.iter().any(|l| super::fields::may_hold_field(l)) {
                inline.raw = lines.join("\n");
            }
        }
        if let NodeValue::HtmlBlock(h) = &node.data().value {
            inline.text.push_str(&h.literal);
        }
        let first_link = self.body.links.len() as u32;
        if let Some(line) = collect_text(node, &mut inline.text, &mut self.body.links, 0) {
            self.body.too_deep.get_or_insert(line);
        }
        inline.links = first_link..self.body.links.len() as u32;
        if inline.text.contains(|c: char| c.is_whitespace() && c != ' ') || inline.text.contains("  ") {
            inline.text = collapse_whitespace(&inline.text);
        } else if inline.text.starts_with(' ') || inline.text.ends_with(' ') {
            inline.text = inline.text.trim().to_string();
        }
        inline
    }
}

/// Appends `node`'s text to `out` and its links to `links`. Returns the line where inline
/// markup nests too deep (see [`MAX_NESTING`]), whose deeper part is left out.
fn collect_text<'a>(node: &'a AstNode<'a>, out: &mut String, links: &mut Vec<Link>, nesting: u32) -> Option<u32> {
    if nesting > MAX_NESTING {
        return Some(node.data().sourcepos.start.line.max(1) as u32);
    }
    let mut too_deep = None;
    for child in node.children() {
        let data = child.data();
        let line = data.sourcepos.start.line.max(1) as u32;
        let deeper = match &data.value {
            NodeValue::Text(t) => {
                out.push_str(t);
                None
            }
            NodeValue::Code(c) => {
                out.push_str(&c.literal);
                None
            }
            NodeValue::HtmlInline(h) | NodeValue::Raw(h) => {
                out.push_str(h);
                None
            }
            NodeValue::Math(m) => {
                out.push_str(&m.literal);
                None
            }
            NodeValue::SoftBreak | NodeValue::LineBreak => {
                out.push(' ');
                None
            }
            NodeValue::WikiLink(w) => {
                // A link inside a label is not a link of the note (Obsidian shows it as text).
                let mut label = String::new();
                let deeper = collect_text(child, &mut label, &mut Vec::new(), nesting + 1);
                let mut target = LinkTarget::parse(&w.url);
                let shown = collapse_whitespace(&label);
                if !shown.is_empty() && shown != w.url.trim() {
                    target.label = Some(shown);
                }
                out.push_str(&target.display());
                links.push(Link { target, line, embed: w.embed });
                deeper
            }
            NodeValue::Link(l) => {
                let url = l.url.clone();
                let deeper = collect_text(child, out, links, nesting + 1);
                if let Some(target) = markdown_link_target(&url) {
                    links.push(Link { target, line, embed: false });
                }
                deeper
            }
            NodeValue::Image(_) | NodeValue::FootnoteReference(_) => None,
            NodeValue::HtmlBlock(h) => {
                out.push_str(&h.literal);
                None
            }
            NodeValue::Paragraph | NodeValue::Heading(_) if !out.is_empty() => {
                out.push(' ');
                collect_text(child, out, links, nesting + 1)
            }
            _ => collect_text(child, out, links, nesting + 1),
        };
        too_deep = too_deep.or(deeper);
    }
    too_deep
}

/// `[text](Some%20Note.md#Part)` → a link to `Some Note`; web and mail links are not notes.
fn markdown_link_target(url: &str) -> Option<LinkTarget> {
    if url.is_empty() || url.starts_with('#') || url.contains("://") || url.starts_with("mailto:") {
        return None;
    }
    let decoded = percent_encoding::percent_decode_str(url).decode_utf8_lossy();
    let (path, _) = decoded.split_once('#').unwrap_or((&decoded, ""));
    let file = path.rsplit('/').next().unwrap_or(path);
    let is_note = match file.rsplit_once('.') {
        Some((_, ext)) => ext.eq_ignore_ascii_case("md"),
        None => true,
    };
    if !is_note {
        return None;
    }
    let path = path.trim_start_matches("./");
    Some(LinkTarget::parse(path))
}

/// `#tags` in plain text: after a space or `(`, letters, digits, `_`, `-` and `/`, not all
/// digits (as Obsidian reads them).
pub fn body_tags(text: &str) -> Vec<String> {
    if !text.contains('#') {
        return Vec::new();
    }
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i] == '#' && (i == 0 || chars[i - 1].is_whitespace() || chars[i - 1] == '(') {
            let mut j = i + 1;
            while j < chars.len() && (chars[j].is_alphanumeric() || matches!(chars[j], '_' | '-' | '/')) {
                j += 1;
            }
            let tag: String = chars[i + 1..j].iter().collect();
            let tag = tag.trim_end_matches('/').to_string();
            if !tag.is_empty() && !tag.chars().all(|c| c.is_ascii_digit()) {
                out.push(tag);
            }
            i = j;
        } else {
            i += 1;
        }
    }
    out
}

pub fn collapse_whitespace(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sections_items_and_lines() {
        let body = parse("# Title\n\n## Key Facts\n\n- one **bold** [[A|alias]]\n- two `[[not a link]]`\n\n### Detail\n\n- three\n\n## Other\n\n- four\n");
        let names = vec!["key facts".to_string()];
        let texts: Vec<(String, u32)> = body
            .section_blocks(&names)
            .map(|b| match b {
                Block::ListItem { inline, .. } => (inline.text.clone(), inline.line),
                other => panic!("{other:?}"),
            })
            .collect();
        assert_eq!(texts, vec![("one bold alias".into(), 5), ("two [[not a link]]".into(), 6), ("three".into(), 10)]);
        assert_eq!(body.links.len(), 1);
        assert_eq!(body.links[0].target.path, "A");
    }

    #[test]
    fn tasks_keep_their_status_character() {
        let body = parse("- [ ] open\n- [x] done\n- [-] cancelled\n  - [ ] child\n");
        let tasks: Vec<(String, Option<char>)> = body.list_items().map(|(i, t)| (i.text.clone(), t)).collect();
        assert_eq!(
            tasks,
            vec![
                ("open".into(), Some(' ')),
                ("done".into(), Some('x')),
                ("cancelled".into(), Some('-')),
                ("child".into(), Some(' '))
            ]
        );
    }

    #[test]
    fn pipes_inside_wikilinks_in_tables_survive() {
        let body = parse(
            "| Field | Value |\n|---|---|\n| **Company** | [[Microsoft|MSFT]] |\n| Lead | [[Jane Doe\\|Jane]] |\n",
        );
        let Block::Table { rows, .. } = &body.sections[0].blocks[0] else { panic!() };
        assert_eq!(rows[1][0].text, "Company");
        assert_eq!(rows[1][1].text, "MSFT");
        assert_eq!(rows[2][1].text, "Jane");
        assert_eq!(rows[2][1].line, 4);
        assert_eq!(body.links.len(), 2);
        assert_eq!(body.links[1].target.path, "Jane Doe");
    }

    #[test]
    fn links_inside_single_brackets_are_links() {
        let body =
            parse("- [participants:: [[A]], [[B]] ]\n\nsee [this [[C]] here] and [x [[E]]](url)\n\n`[a [[F]]]`\n");
        let names: Vec<&str> = body.links.iter().map(|l| l.target.path.as_str()).collect();
        assert_eq!(names, ["A", "B", "C", "url"], "a Markdown link stays one");
        assert_eq!(body.sections[0].blocks[0].line(), 1);
        let Block::ListItem { inline, .. } = &body.sections[0].blocks[0] else { panic!() };
        assert_eq!(inline.text, "[participants:: A, B ]");
        assert_eq!(inline.raw, "- [participants:: [[A]], [[B]] ]", "the raw line is the file's");
    }

    #[test]
    fn markdown_links_to_notes_count() {
        let body = parse("See [the plan](Plans/Big%20Plan.md#Goals) and [web](https://x.org).\n");
        assert_eq!(body.links.len(), 1);
        assert_eq!(body.links[0].target.path, "Plans/Big Plan");
    }

    #[test]
    fn items_that_open_with_a_heading_quote_or_html_keep_their_words() {
        let body = parse("- # Not a heading\n- > quoted\n- <b>bold</b> text\n");
        let texts: Vec<String> = body.list_items().map(|(i, _)| i.text.clone()).collect();
        assert_eq!(texts, vec!["Not a heading", "quoted", "<b>bold</b> text"]);
        assert_eq!(body.sections.len(), 1, "a heading inside an item opens no section");
    }

    #[test]
    fn fenced_code_is_kept_as_code() {
        let body = parse("```dataview\nLIST\n```\n");
        assert!(matches!(&body.sections[0].blocks[0], Block::Code { info, line: 1, .. } if info == "dataview"));
        assert!(body.links.is_empty());
    }

    #[test]
    fn a_keeping_parse_drops_only_prose_nothing_reads() {
        let text = "Intro #early prose.\n\n## Notes\n\nLong prose #idea here.\n\n- a plain bullet\n- [ ] a task [[A]]\n\nstatus:: open\n\n```dataview\nLIST\n```\n\n## Key Facts\n\n- a fact [[B]]\n\n### Detail\n\nkept too\n";
        let keep = |h: &str| h.eq_ignore_ascii_case("Key Facts");
        let kept = parse_keeping(text, &keep);
        let full = parse(text);
        assert_eq!(kept.links, full.links, "links come from everywhere");
        assert_eq!(kept.tags, ["early", "idea"]);
        let texts = |b: &Body| -> Vec<String> {
            b.sections
                .iter()
                .flat_map(|s| s.blocks.iter())
                .filter_map(|b| match b {
                    Block::Paragraph(i) | Block::ListItem { inline: i, .. } => Some(i.text.clone()),
                    Block::Code { literal, .. } => Some(literal.trim().to_string()),
                    Block::Table { .. } => None,
                })
                .collect()
        };
        assert_eq!(texts(&kept), ["a task A", "status:: open", "LIST", "a fact B", "kept too"]);
        assert_eq!(kept.sections.len(), full.sections.len(), "headings stay, for section_at");
    }
}

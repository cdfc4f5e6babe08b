//! Running a parsed query against the graph: sources → rows (pages or tasks) → WHERE, SORT,
//! GROUP BY, LIMIT in the order written → the result.

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};

use crate::HashMap;

use chrono::NaiveDate;

use super::functions;
use super::parse::{BinOp, Clause, Expr, Query, QueryKind, Source};
use super::time::{self, Moment};
use super::value::{Link, Value};
use crate::model::{Graph, Task};
use crate::vault::frontmatter::{parse_date, scalar_string};
use crate::vault::{wikilink, Block, NoteId, Target};

/// Why a query could not be answered: a part of the language dossier does not evaluate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unsupported(pub String);

type Eval<T> = Result<T, Unsupported>;

/// A query's answer.
#[derive(Debug, Clone)]
pub enum Output {
    /// One row per page (or group): its link and, for `LIST expr`, the value.
    List {
        rows: Vec<(Value, Option<Value>)>,
        without_id: bool,
    },
    /// Tasks in result order, in groups when the query groups them (one group without keys
    /// when it does not), each with its subtasks.
    Task {
        groups: Vec<TaskGroup>,
    },
    Table {
        headers: Vec<String>,
        rows: Vec<Vec<Value>>,
    },
    /// `CALENDAR`: each page's date (earliest first) and the page.
    Calendar {
        entries: Vec<(Value, Value)>,
    },
}

/// Tasks under the keys of their groups (outermost first; none when ungrouped).
#[derive(Debug, Clone)]
pub struct TaskGroup {
    pub keys: Vec<Value>,
    /// How many tasks matched (Dataview's count beside a group's key; subtasks that came
    /// along are not counted).
    pub matched: usize,
    pub items: Vec<TaskItem>,
}

/// A task of a result (an index into `graph.tasks`) and the subtasks Dataview shows beneath
/// it, matching or not. A matching subtask of a matching task is shown only there.
#[derive(Debug, Clone)]
pub struct TaskItem {
    pub task: usize,
    pub children: Vec<TaskItem>,
}

impl TaskGroup {
    /// The group's tasks as shown, subtasks after their parent: (index into `graph.tasks`,
    /// depth below the matching task).
    pub fn rows(&self) -> Vec<(usize, usize)> {
        fn walk(items: &[TaskItem], depth: usize, out: &mut Vec<(usize, usize)>) {
            for item in items {
                out.push((item.task, depth));
                walk(&item.children, depth + 1, out);
            }
        }
        let mut out = Vec::new();
        walk(&self.items, 0, &mut out);
        out
    }
}

impl Output {
    /// Every task of a TASK result with its group, in the order shown (see [`TaskGroup::rows`]).
    pub fn task_rows(&self) -> Vec<(&TaskGroup, usize, usize)> {
        let Output::Task { groups } = self else { return Vec::new() };
        groups.iter().flat_map(|g| g.rows().into_iter().map(move |(task, depth)| (g, task, depth))).collect()
    }
}

#[derive(Debug, Clone)]
enum Row {
    Page(NoteId),
    Task(usize),
    /// A GROUP BY group: `key` (also under the group's `name`) and `rows`.
    Group {
        key: Value,
        name: String,
        rows: Vec<Row>,
    },
    /// A row FLATTEN made: `base` with the field `name` set to one item.
    Flat {
        base: Box<Row>,
        name: String,
        value: Value,
    },
}

impl Row {
    /// The task a TASK query's row stands for (through FLATTEN).
    fn task(&self) -> Option<usize> {
        match self {
            Row::Task(i) => Some(*i),
            Row::Flat { base, .. } => base.task(),
            _ => None,
        }
    }
}

/// Per-page data read on demand: body tags and inline fields.
#[derive(Default)]
struct PageExtras {
    tags: Vec<String>,
    fields: BTreeMap<String, Value>,
}

pub struct Context<'g, 'v> {
    pub graph: &'g Graph<'v>,
    /// The note holding the query (`this`).
    pub this: Option<NoteId>,
    pub today: NaiveDate,
    extras: RefCell<HashMap<NoteId, std::rc::Rc<PageExtras>>>,
    /// The parameters of the lambdas being applied, innermost last.
    locals: RefCell<Vec<(String, Value)>>,
}

impl<'g, 'v> Context<'g, 'v> {
    pub fn new(graph: &'g Graph<'v>, this: Option<NoteId>, today: NaiveDate) -> Self {
        Context { graph, this, today, extras: RefCell::new(HashMap::default()), locals: RefCell::new(Vec::new()) }
    }

    pub fn run(&self, query: &Query) -> Eval<Output> {
        let pages = match &query.from {
            Some(source) => self.source(source)?,
            None => self.graph.vault.ids().collect(),
        };
        let mut rows: Vec<Row> = match query.kind {
            QueryKind::Task => self
                .graph
                .tasks
                .iter()
                .enumerate()
                .filter(|(_, t)| pages.contains(&t.note))
                .map(|(i, _)| Row::Task(i))
                .collect(),
            _ => pages.iter().map(|&n| Row::Page(n)).collect(),
        };
        let mut grouped: Option<&str> = None;
        for clause in &query.clauses {
            match clause {
                Clause::Where(e) => {
                    let mut kept = Vec::with_capacity(rows.len());
                    for row in rows {
                        if self.eval(e, &row)?.truthy() {
                            kept.push(row);
                        }
                    }
                    rows = kept;
                }
                Clause::Sort(keys) => {
                    let mut keyed: Vec<(Vec<Value>, Row)> = Vec::with_capacity(rows.len());
                    for row in rows {
                        let k = keys.iter().map(|(e, _)| self.eval(e, &row)).collect::<Eval<Vec<_>>>()?;
                        keyed.push((k, row));
                    }
                    keyed.sort_by(|(a, _), (b, _)| {
                        for ((x, y), (_, asc)) in a.iter().zip(b).zip(keys) {
                            let o = x.compare(y);
                            if o != std::cmp::Ordering::Equal {
                                return if *asc { o } else { o.reverse() };
                            }
                        }
                        std::cmp::Ordering::Equal
                    });
                    rows = keyed.into_iter().map(|(_, r)| r).collect();
                }
                Clause::Limit(n) => rows.truncate(*n),
                Clause::GroupBy(e, name) => {
                    let mut groups: Vec<(Value, Vec<Row>)> = Vec::new();
                    for row in rows {
                        let k = self.eval(e, &row)?;
                        match groups.iter_mut().find(|(g, _)| g.equals(&k)) {
                            Some((_, members)) => members.push(row),
                            None => groups.push((k, vec![row])),
                        }
                    }
                    groups.sort_by(|a, b| a.0.compare(&b.0));
                    rows = groups.into_iter().map(|(key, rows)| Row::Group { key, name: name.clone(), rows }).collect();
                    grouped = Some(name);
                }
                Clause::Flatten(e, name) => {
                    let mut flat = Vec::with_capacity(rows.len());
                    for row in rows {
                        let items = match self.eval(e, &row)? {
                            Value::List(items) => items,
                            one => vec![one],
                        };
                        for value in items {
                            flat.push(Row::Flat { base: Box::new(row.clone()), name: name.clone(), value });
                        }
                    }
                    rows = flat;
                    // Flattening the group's own name undoes the grouping of the rows' names.
                    if grouped == Some(name.as_str()) {
                        grouped = None;
                    }
                }
            }
        }
        match &query.kind {
            QueryKind::Task => {
                let mut groups = Vec::new();
                self.task_groups(&rows, &mut Vec::new(), &mut groups);
                Ok(Output::Task { groups })
            }
            QueryKind::Calendar(e) => {
                let mut entries = Vec::new();
                for row in &rows {
                    // Dataview's calendar shows the pages whose value is a date.
                    if let date @ Value::Date(_) = self.eval(e, row)? {
                        entries.push((date, self.row_id(row)));
                    }
                }
                entries.sort_by(|a, b| a.0.compare(&b.0).then_with(|| a.1.compare(&b.1)));
                Ok(Output::Calendar { entries })
            }
            QueryKind::List { expr, without_id } => {
                let mut out = Vec::with_capacity(rows.len());
                for row in &rows {
                    let id = self.row_id(row);
                    let value = match expr {
                        Some(e) => Some(self.eval(e, row)?),
                        None => None,
                    };
                    out.push((id, value));
                }
                Ok(Output::List { rows: out, without_id: *without_id && expr.is_some() })
            }
            QueryKind::Table { without_id, columns } => {
                let mut headers: Vec<String> = Vec::new();
                if !without_id {
                    // Dataview heads the id column with the group's name.
                    headers.push(grouped.unwrap_or("File").to_string());
                }
                headers.extend(columns.iter().map(|(_, name)| name.clone()));
                let mut out = Vec::with_capacity(rows.len());
                for row in &rows {
                    let mut cells = Vec::with_capacity(headers.len());
                    if !without_id {
                        cells.push(self.row_id(row));
                    }
                    for (e, _) in columns {
                        cells.push(self.eval(e, row)?);
                    }
                    out.push(cells);
                }
                Ok(Output::Table { headers, rows: out })
            }
        }
    }

    fn row_id(&self, row: &Row) -> Value {
        match row {
            Row::Page(n) => self.page_link(*n),
            Row::Task(i) => self.page_link(self.graph.tasks[*i].note),
            Row::Group { key, .. } => key.clone(),
            Row::Flat { base, .. } => self.row_id(base),
        }
    }

    /// The TASK result's groups, outermost key first, each with its tasks nested.
    fn task_groups(&self, rows: &[Row], keys: &mut Vec<Value>, out: &mut Vec<TaskGroup>) {
        if rows.iter().any(|r| matches!(r, Row::Group { .. })) {
            for row in rows {
                if let Row::Group { key, rows, .. } = row {
                    keys.push(key.clone());
                    self.task_groups(rows, keys, out);
                    keys.pop();
                }
            }
            return;
        }
        let matched: Vec<usize> = rows.iter().filter_map(Row::task).collect();
        out.push(TaskGroup {
            keys: keys.clone(),
            matched: matched.len(),
            items: nest_tasks(&self.graph.tasks, &matched),
        });
    }

    // ---- sources

    fn source(&self, s: &Source) -> Eval<BTreeSet<NoteId>> {
        let vault = self.graph.vault;
        Ok(match s {
            Source::Folder(f) => {
                let f = f.trim_matches('/');
                if f.is_empty() {
                    return Ok(vault.ids().collect());
                }
                let prefix = format!("{f}/");
                let in_folder: BTreeSet<NoteId> =
                    vault.ids().filter(|id| vault.note(*id).path.starts_with(&prefix)).collect();
                if !in_folder.is_empty() {
                    in_folder
                } else {
                    // No such folder: the string names a file.
                    let file = f.strip_suffix(".md").unwrap_or(f);
                    vault.ids().filter(|id| vault.note(*id).path == format!("{file}.md")).collect()
                }
            }
            Source::Tag(t) => vault.ids().filter(|id| self.has_tag(*id, t)).collect(),
            Source::LinksTo(l) => match self.link_source_target(l)? {
                Some(target) => self.graph.links_to(&target).iter().map(|(n, _)| *n).collect(),
                None => BTreeSet::new(),
            },
            Source::Outgoing(l) => match self.link_source_target(l)? {
                Some(Target::Note(n)) => self
                    .graph
                    .links_from(n)
                    .iter()
                    .filter_map(|(t, _)| if let Target::Note(m) = t { Some(*m) } else { None })
                    .collect(),
                _ => BTreeSet::new(),
            },
            Source::And(a, b) => self.source(a)?.intersection(&self.source(b)?).copied().collect(),
            Source::Or(a, b) => self.source(a)?.union(&self.source(b)?).copied().collect(),
            Source::Not(a) => {
                let minus = self.source(a)?;
                vault.ids().filter(|id| !minus.contains(id)).collect()
            }
        })
    }

    /// `[[Note]]` in FROM; `[[]]` and `[[#]]` mean the note holding the query.
    fn link_source_target(&self, l: &str) -> Eval<Option<Target>> {
        let t = wikilink::LinkTarget::parse(l);
        if t.path.is_empty() {
            return Ok(self.this.map(Target::Note));
        }
        Ok(Some(self.graph.vault.index.resolve(self.this, &t.path).target))
    }

    /// Whether the note has `tag` or one of its subtags (`#a` matches `#a/b`), any case.
    pub(crate) fn has_tag(&self, id: NoteId, tag: &str) -> bool {
        let tag = tag.to_lowercase();
        self.tags_of(id).iter().any(|t| {
            let t = t.to_lowercase();
            t == tag || t.starts_with(&format!("{tag}/"))
        })
    }

    /// Frontmatter tags and `#tags` in the body, as written, without `#`.
    pub(crate) fn tags_of(&self, id: NoteId) -> Vec<String> {
        let mut tags = self.graph.vault.note(id).frontmatter.tags.clone();
        for t in &self.extras(id).tags {
            if !tags.contains(t) {
                tags.push(t.clone());
            }
        }
        tags
    }

    fn extras(&self, id: NoteId) -> std::rc::Rc<PageExtras> {
        if let Some(e) = self.extras.borrow().get(&id) {
            return e.clone();
        }
        let note = self.graph.vault.note(id);
        let mut extras = PageExtras { tags: note.body.tags.clone(), ..PageExtras::default() };
        for section in &note.body.sections {
            for block in &section.blocks {
                let (inline, is_task) = match block {
                    Block::Paragraph(i) => (i, false),
                    Block::ListItem { inline, task, .. } => (inline, task.is_some()),
                    _ => continue,
                };
                // A task's inline fields are the task's own; only other lines give page fields.
                if is_task {
                    continue;
                }
                for (k, v) in inline_fields(&inline.raw) {
                    let value = self.field_value(id, &v);
                    extras.fields.entry(k).or_insert(value);
                }
            }
        }
        let rc = std::rc::Rc::new(extras);
        self.extras.borrow_mut().insert(id, rc.clone());
        rc
    }

    // ---- values of pages

    fn page_link(&self, id: NoteId) -> Value {
        let note = self.graph.vault.note(id);
        Value::Link(Link {
            target: Target::Note(id),
            path: note.path.clone(),
            display: note.stem.clone(),
            anchor: None,
        })
    }

    /// A link as written in note `from` (or outside any note), resolved.
    fn link_value(&self, from: Option<NoteId>, written: &wikilink::LinkTarget) -> Value {
        let target = self.graph.vault.index.resolve(from, &written.path).target;
        let path = match &target {
            Target::Note(n) => self.graph.vault.note(*n).path.clone(),
            Target::Unresolved(_) => written.path.clone(),
        };
        let anchor = written.anchor.as_ref().map(|a| match a {
            wikilink::Anchor::Heading(h) => format!("#{}", h.join("#")),
            wikilink::Anchor::Block(b) => format!("#^{b}"),
        });
        Value::Link(Link { target, path, display: written.display(), anchor })
    }

    /// A YAML or inline-field value as Dataview reads it: a date (with or without a time), a
    /// duration, a link, a boolean, a number — or a list of them written with commas
    /// (`[[A]], [[B]]`, `1, 2, 3`); anything else is text.
    fn field_value(&self, from: NoteId, text: &str) -> Value {
        let t = text.trim();
        if t.is_empty() {
            return Value::Null;
        }
        if let Some(v) = self.atom(from, t) {
            return v;
        }
        let mut parts = split_outside_links(t);
        // `[[a]],`: one value and a comma is a list of one.
        if parts.len() == 2 && parts[1].trim().is_empty() {
            parts.pop();
        }
        if parts.len() > 1 || t.ends_with(',') {
            if let Some(items) = parts.iter().map(|p| self.atom(from, p.trim())).collect::<Option<Vec<_>>>() {
                return Value::List(items);
            }
        }
        Value::Str(t.to_string())
    }

    /// One value of Dataview's inline-field grammar, if `t` is one whole.
    fn atom(&self, from: NoteId, t: &str) -> Option<Value> {
        if let Some(d) = parse_date(t) {
            return Some(day(d));
        }
        if let Some(m) = time::parse_moment(t) {
            return Some(Value::Date(m));
        }
        let inner = t.strip_prefix('!').unwrap_or(t);
        if let Some(link) = inner.strip_prefix("[[").and_then(|r| r.strip_suffix("]]")).filter(|l| !l.contains("]]")) {
            return Some(self.link_value(Some(from), &wikilink::LinkTarget::parse(link)));
        }
        if t.eq_ignore_ascii_case("true") || t.eq_ignore_ascii_case("false") {
            return Some(Value::Bool(t.eq_ignore_ascii_case("true")));
        }
        if t.eq_ignore_ascii_case("null") {
            return Some(Value::Null);
        }
        // `"yes,"`: a string, without its quotes (`\"` and `\\` are the character).
        if let Some(inner) = t.strip_prefix('"').and_then(|r| r.strip_suffix('"')) {
            let mut s = String::with_capacity(inner.len());
            let mut chars = inner.chars();
            while let Some(c) = chars.next() {
                match c {
                    '\\' => match chars.next() {
                        Some(n @ ('"' | '\\')) => s.push(n),
                        Some(n) => {
                            s.push('\\');
                            s.push(n);
                        }
                        None => s.push('\\'),
                    },
                    '"' => return None,
                    other => s.push(other),
                }
            }
            return Some(Value::Str(s));
        }
        if let Ok(n) = t.parse::<f64>() {
            return Some(Value::Number(n));
        }
        // `4 hours`, `1 week 2 days`: a duration (a number alone was a number, above).
        if t.starts_with(|c: char| c.is_ascii_digit()) && t.chars().any(char::is_alphabetic) {
            return time::parse_span(t).map(Value::Duration);
        }
        None
    }

    fn yaml_value(&self, from: NoteId, v: &serde_yaml::Value) -> Value {
        match v {
            serde_yaml::Value::Null => Value::Null,
            serde_yaml::Value::Bool(b) => Value::Bool(*b),
            serde_yaml::Value::Number(n) => Value::Number(n.as_f64().unwrap_or(0.0)),
            serde_yaml::Value::String(s) => self.field_value(from, s),
            serde_yaml::Value::Sequence(items) => Value::List(items.iter().map(|i| self.yaml_value(from, i)).collect()),
            serde_yaml::Value::Mapping(m) => Value::Object(
                m.iter()
                    .filter_map(|(k, v)| Some((scalar_string(k)?.to_lowercase(), self.yaml_value(from, v))))
                    .collect(),
            ),
            serde_yaml::Value::Tagged(t) => self.yaml_value(from, &t.value),
        }
    }

    fn file_field(&self, id: NoteId, name: &str) -> Value {
        let graph = self.graph;
        let note = graph.vault.note(id);
        let fm = &note.frontmatter;
        let with_hash =
            |tags: Vec<String>| Value::List(tags.into_iter().map(|t| Value::Str(format!("#{t}"))).collect());
        match name {
            "name" => Value::Str(note.stem.clone()),
            "path" => Value::Str(note.path.clone()),
            "folder" => Value::Str(note.folder.clone()),
            "ext" => Value::Str("md".into()),
            "link" => self.page_link(id),
            "outlinks" => Value::List(
                note.links
                    .iter()
                    .filter(|l| !l.target.path.is_empty())
                    .map(|l| self.link_value(Some(id), &l.target))
                    .collect(),
            ),
            "inlinks" => {
                let mut from: Vec<NoteId> = graph.links_to(&Target::Note(id)).iter().map(|(n, _)| *n).collect();
                from.sort();
                from.dedup();
                Value::List(from.into_iter().map(|n| self.page_link(n)).collect())
            }
            "etags" => with_hash(self.tags_of(id)),
            "tags" => {
                // Every tag with its parents: #type/people gives #type too.
                let mut all: Vec<String> = Vec::new();
                for t in self.tags_of(id) {
                    let parts: Vec<&str> = t.split('/').collect();
                    for k in 1..=parts.len() {
                        let p = parts[..k].join("/");
                        if !all.contains(&p) {
                            all.push(p);
                        }
                    }
                }
                with_hash(all)
            }
            "aliases" => Value::List(fm.aliases.iter().cloned().map(Value::Str).collect()),
            "day" => fm
                .date
                .or_else(|| {
                    (0..note.stem.len().saturating_sub(9)).filter(|i| note.stem.is_char_boundary(*i)).find_map(|i| {
                        note.stem.get(i..i + 10).and_then(|s| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok())
                    })
                })
                .map_or(Value::Null, day),
            "cday" | "ctime" | "mday" | "mtime" => {
                let meta = std::fs::metadata(graph.vault.root.join(&note.path)).ok();
                let time = meta.and_then(|m| if name.starts_with('c') { m.created().ok() } else { m.modified().ok() });
                time.map_or(Value::Null, |t| day(chrono::DateTime::<chrono::Utc>::from(t).date_naive()))
            }
            "size" => {
                Value::Number(std::fs::metadata(graph.vault.root.join(&note.path)).map_or(0.0, |m| m.len() as f64))
            }
            "tasks" => Value::List(
                graph
                    .tasks
                    .iter()
                    .enumerate()
                    .filter(|(_, t)| t.note == id)
                    .map(|(i, _)| self.task_object(i))
                    .collect(),
            ),
            _ => Value::Null,
        }
    }

    /// A page's own field (frontmatter or inline), matched case-insensitively; a name with
    /// spaces is also reachable in lower-kebab form.
    fn page_field(&self, id: NoteId, name: &str) -> Value {
        if let Some(v) = self.frontmatter_field(id, name) {
            return v;
        }
        let wanted = name.to_lowercase();
        let extras = self.extras(id);
        extras
            .fields
            .iter()
            .find(|(k, _)| super::inline::names_field(k, &wanted))
            .map_or(Value::Null, |(_, v)| v.clone())
    }

    /// A field of the note's frontmatter, if it has one of that name.
    fn frontmatter_field(&self, id: NoteId, name: &str) -> Option<Value> {
        let note = self.graph.vault.note(id);
        let fm = &note.frontmatter;
        let wanted = name.to_lowercase();
        match wanted.as_str() {
            "type" => return Some(fm.kind.clone().map_or(Value::Null, Value::Str)),
            "title" if fm.title.is_some() => return Some(Value::Str(fm.title.clone().unwrap_or_default())),
            "created" if fm.created.is_some() => return Some(fm.created.map_or(Value::Null, day)),
            "last_contact" if fm.last_contact.is_some() => return Some(fm.last_contact.map_or(Value::Null, day)),
            "date" if fm.date.is_some() => return Some(fm.date.map_or(Value::Null, day)),
            "aliases" => return Some(Value::List(fm.aliases.iter().cloned().map(Value::Str).collect())),
            "tags" => return Some(Value::List(fm.tags.iter().cloned().map(Value::Str).collect())),
            "auto_created" => return Some(Value::Bool(fm.auto_created)),
            _ => {}
        }
        let (_, v) = fm.extra.iter().find(|(k, _)| super::inline::names_field(k, &wanted))?;
        Some(self.yaml_value(id, v))
    }

    /// A note's property as Obsidian's Bases read it: its frontmatter only (no inline
    /// fields), values read as links, dates, numbers or text as written.
    pub fn property(&self, id: NoteId, name: &str) -> Value {
        if name.eq_ignore_ascii_case("type") {
            // The type as written (a link stays a link); dossier keeps its first value.
            let kind = self.graph.vault.note(id).frontmatter.kind.clone();
            return kind.map_or(Value::Null, |k| self.field_value(id, &k));
        }
        self.frontmatter_field(id, name).unwrap_or(Value::Null)
    }

    /// `file.<name>` of a note, as Dataview gives it.
    pub fn file_value(&self, id: NoteId, name: &str) -> Value {
        self.file_field(id, name)
    }

    /// A link written as text (`Meetings`, `People/Ann`), resolved from the note holding the
    /// query.
    pub fn link_to(&self, text: &str) -> Value {
        self.link_value(self.this, &wikilink::LinkTarget::parse(text))
    }

    fn task_object(&self, i: usize) -> Value {
        let fields = [
            "text",
            "status",
            "completed",
            "checked",
            "due",
            "scheduled",
            "start",
            "completion",
            "created",
            "priority",
            "tags",
            "blockId",
            "parent",
            "section",
            "link",
            // The Tasks plugin's fields (Dataview has none of these names).
            "statusType",
            "cancelled",
            "recurrence",
            "id",
            "dependsOn",
            "onCompletion",
            "line",
            "path",
        ];
        Value::Object(
            fields
                .iter()
                .map(|f| (f.to_string(), self.task_field(&self.graph.tasks[i], f).unwrap_or(Value::Null)))
                .collect(),
        )
    }

    /// A task's own field; `None` when the task has no such field (the page's is used then).
    fn task_field(&self, t: &Task, name: &str) -> Option<Value> {
        let date = |d: Option<NaiveDate>| d.map(day);
        match name.to_lowercase().as_str() {
            "text" => Some(Value::Str(t.raw.clone())),
            "status" => Some(Value::Str(t.status.to_string())),
            "completed" => Some(Value::Bool(t.is_done())),
            "checked" => Some(Value::Bool(t.status != ' ')),
            "fullycompleted" => Some(Value::Bool(t.is_done())),
            "due" => date(t.meta.due),
            "scheduled" => date(t.meta.scheduled),
            "start" => date(t.meta.start),
            "completion" => date(t.meta.completed),
            "created" => date(t.meta.created),
            // The line's `^block-id`, as Dataview gives it. (Dataview reads no priority,
            // recurrence, id or depends-on emoji: `priority` is an inline field, below.)
            "blockid" if t.meta.block_id.is_some() => t.meta.block_id.clone().map(Value::Str),
            // Dataview's: the line of the list item it is nested in.
            "parent" if t.parent.is_some() => t.parent.as_ref().map(|p| Value::Number(p.line as f64)),
            "statustype" => {
                serde_json::to_value(t.status_type).ok().and_then(|v| v.as_str().map(|s| Value::Str(s.into())))
            }
            "cancelled" if t.meta.cancelled.is_some() => date(t.meta.cancelled),
            "recurrence" if t.meta.recurrence.is_some() => t.meta.recurrence.clone().map(Value::Str),
            "id" if t.meta.id.is_some() => t.meta.id.clone().map(Value::Str),
            "dependson" if !t.meta.depends_on.is_empty() => {
                Some(Value::List(t.meta.depends_on.iter().cloned().map(Value::Str).collect()))
            }
            "oncompletion" if t.meta.on_completion.is_some() => t.meta.on_completion.clone().map(Value::Str),
            "line" => Some(Value::Number(t.source.line as f64)),
            "path" => Some(Value::Str(t.source.path.to_string())),
            "link" => Some(self.page_link(t.note)),
            "section" => {
                // The heading the task sits under, as a link to it.
                let note = self.graph.vault.note(t.note);
                let section = &note.body.sections[note.body.section_at(t.source.line)];
                let anchor = section.heading.as_ref().map(|h| format!("#{}", h.text));
                Some(Value::Link(Link {
                    target: Target::Note(t.note),
                    path: note.path.clone(),
                    display: note.stem.clone(),
                    anchor,
                }))
            }
            "tags" => Some(Value::List(super::inline::task_tags(&t.raw).into_iter().map(Value::Str).collect())),
            other => t
                .meta
                .fields
                .iter()
                .find(|(k, _)| super::inline::names_field(k, other))
                .map(|(_, v)| self.field_value(t.note, v)),
        }
    }

    // ---- expressions

    fn field(&self, path: &[String], row: &Row) -> Eval<Value> {
        let Some(first) = path.first() else { return Ok(Value::Null) };
        // A lambda's parameter hides a field of the same name.
        let local = self.locals.borrow().iter().rev().find(|(name, _)| name == first).map(|(_, v)| v.clone());
        if let Some(mut value) = local {
            for segment in &path[1..] {
                value = self.index(&value, &Value::Str(segment.to_lowercase()));
            }
            return Ok(value);
        }
        let first_lower = first.to_lowercase();
        if let Row::Flat { base, name, value } = row {
            if name.eq_ignore_ascii_case(first) {
                let mut value = value.clone();
                for segment in &path[1..] {
                    value = self.index(&value, &Value::Str(segment.to_lowercase()));
                }
                return Ok(value);
            }
            return self.field(path, base);
        }
        if first_lower == "this" {
            let Some(this) = self.this else { return Ok(Value::Null) };
            return self.field(&path[1..], &Row::Page(this));
        }
        let page_of_row = match row {
            Row::Page(id) => Some(*id),
            Row::Task(i) => Some(self.graph.tasks[*i].note),
            Row::Group { .. } | Row::Flat { .. } => None,
        };
        let (mut value, rest) = match (row, page_of_row) {
            (Row::Group { key, name, rows }, _) => match first_lower.as_str() {
                "key" => (key.clone(), &path[1..]),
                _ if name.eq_ignore_ascii_case(first) => (key.clone(), &path[1..]),
                "rows" => {
                    let mut items = Vec::with_capacity(rows.len());
                    for r in rows {
                        items.push(if path.len() > 1 { self.field(&path[1..], r)? } else { self.row_id(r) });
                    }
                    return Ok(Value::List(items));
                }
                _ => (Value::Null, &path[1..]),
            },
            (_, Some(id)) if first_lower == "file" => match path.get(1) {
                Some(name) => (self.file_field(id, &name.to_lowercase()), &path[2..]),
                None => (self.page_link(id), &path[1..]),
            },
            (Row::Task(i), _) => {
                let t = &self.graph.tasks[*i];
                match self.task_field(t, first) {
                    Some(v) => (v, &path[1..]),
                    // Page fields are copied onto tasks that lack them.
                    None => (self.page_field(t.note, first), &path[1..]),
                }
            }
            (Row::Page(id), _) => (self.page_field(*id, first), &path[1..]),
            (Row::Flat { .. }, _) => unreachable!("a flattened row is looked through above"),
        };
        for segment in rest {
            value = self.index(&value, &Value::Str(segment.to_lowercase()));
        }
        Ok(value)
    }

    fn eval(&self, e: &Expr, row: &Row) -> Eval<Value> {
        Ok(match e {
            Expr::Null => Value::Null,
            Expr::Bool(b) => Value::Bool(*b),
            Expr::Number(n) => Value::Number(*n),
            Expr::Str(s) => Value::Str(s.clone()),
            Expr::Link(l) => self.link_value(self.this, &wikilink::LinkTarget::parse(l)),
            Expr::Field(path) => self.field(path, row)?,
            Expr::List(items) => Value::List(items.iter().map(|i| self.eval(i, row)).collect::<Eval<_>>()?),
            Expr::Object(entries) => Value::Object(
                entries.iter().map(|(k, v)| Ok((k.clone(), self.eval(v, row)?))).collect::<Eval<_>>()?,
            ),
            Expr::Lambda(..) => {
                return Err(Unsupported(
                    "a function `(x) => …` is read only as an argument of map, filter, sort, minby, maxby, any, all, none or reduce".into(),
                ))
            }
            Expr::Not(x) => Value::Bool(!self.eval(x, row)?.truthy()),
            Expr::Neg(x) => functions::negate(&self.eval(x, row)?)?,
            Expr::Index(x, i) => self.index(&self.eval(x, row)?, &self.eval(i, row)?),
            Expr::Binary(op, a, b) => {
                let a = self.eval(a, row)?;
                match op {
                    BinOp::And if !a.truthy() => return Ok(Value::Bool(false)),
                    BinOp::Or if a.truthy() => return Ok(Value::Bool(true)),
                    _ => {}
                }
                let b = self.eval(b, row)?;
                functions::binary(*op, &a, &b)?
            }
            Expr::Call(name, args) => self.call(name, args, row)?,
            Expr::Apply(callee, args) => {
                let Expr::Lambda(params, body) = &**callee else {
                    return Err(Unsupported(
                        "only a function written in place is called, as in `((x) => x + 1)(2)`".into(),
                    ));
                };
                let values: Vec<Value> = args.iter().map(|a| self.eval(a, row)).collect::<Eval<_>>()?;
                self.with_locals(params, &values.iter().collect::<Vec<_>>(), || self.eval(body, row))?
            }
        })
    }

    fn call(&self, name: &str, args: &[Expr], row: &Row) -> Eval<Value> {
        if let [list, Expr::Lambda(params, body)] = args {
            let list = self.eval(list, row)?;
            return self.call_with_function(name, &list, params, body, row);
        }
        let values: Vec<Value> = args.iter().map(|a| self.eval(a, row)).collect::<Eval<_>>()?;
        self.apply(name, &values)
    }

    /// `run` with a lambda's parameters bound to `args` (null for those not given).
    fn with_locals(&self, params: &[String], args: &[&Value], run: impl FnOnce() -> Eval<Value>) -> Eval<Value> {
        let depth = self.locals.borrow().len();
        {
            let mut locals = self.locals.borrow_mut();
            for (k, p) in params.iter().enumerate() {
                locals.push((p.clone(), args.get(k).map_or(Value::Null, |v| (*v).clone())));
            }
        }
        let result = run();
        self.locals.borrow_mut().truncate(depth);
        result
    }

    /// Dataview's functions that take a function: `map(list, (x) => …)` and the like.
    fn call_with_function(&self, name: &str, list: &Value, params: &[String], body: &Expr, row: &Row) -> Eval<Value> {
        let apply = |args: &[&Value]| self.with_locals(params, args, || self.eval(body, row));
        let items = match list {
            Value::List(items) => items,
            Value::Null if matches!(name, "map" | "filter" | "minby" | "maxby" | "reduce") => return Ok(Value::Null),
            other => {
                return Err(Unsupported(format!(
                    "`{name}()` has no meaning for ({}, function) in Dataview",
                    other.type_name()
                )))
            }
        };
        let mapped = || items.iter().map(|v| apply(&[v])).collect::<Eval<Vec<_>>>();
        Ok(match name {
            "map" => Value::List(mapped()?),
            "filter" => {
                let mut kept = Vec::new();
                for v in items {
                    if apply(&[v])?.truthy() {
                        kept.push(v.clone());
                    }
                }
                Value::List(kept)
            }
            "any" => Value::Bool(mapped()?.iter().any(Value::truthy)),
            "all" => Value::Bool(mapped()?.iter().all(Value::truthy)),
            "none" => Value::Bool(!mapped()?.iter().any(Value::truthy)),
            "sort" => {
                let mut keyed: Vec<(Value, Value)> = mapped()?.into_iter().zip(items.iter().cloned()).collect();
                keyed.sort_by(|a, b| a.0.compare(&b.0));
                Value::List(keyed.into_iter().map(|(_, v)| v).collect())
            }
            "minby" | "maxby" => {
                // As Dataview: items whose key is null are passed over, unless all are.
                let keys = mapped()?;
                let mut best: Option<(&Value, &Value)> = None;
                for (key, item) in keys.iter().zip(items) {
                    if matches!(key, Value::Null) {
                        continue;
                    }
                    let better = match best {
                        None => true,
                        Some((k, _)) if name == "minby" => key.compare(k) == std::cmp::Ordering::Less,
                        // maxby: a later equal key wins, as Dataview's reduce keeps it.
                        Some((k, _)) => key.compare(k) != std::cmp::Ordering::Less,
                    };
                    if better {
                        best = Some((key, item));
                    }
                }
                best.map(|(_, item)| item.clone()).or_else(|| items.first().cloned()).unwrap_or(Value::Null)
            }
            "reduce" => {
                // As Dataview: null items are skipped.
                let mut iter = items.iter();
                let Some(first) = iter.next() else { return Ok(Value::Null) };
                let mut acc = first.clone();
                for v in iter.filter(|v| !matches!(v, Value::Null)) {
                    acc = apply(&[&acc, v])?;
                }
                acc
            }
            _ => return Err(Unsupported(format!("`{name}()` takes no function in Dataview"))),
        })
    }

    /// A function on evaluated arguments: those that read the vault here, the rest in
    /// [`functions::scalar`]; over lists where Dataview maps them.
    fn apply(&self, name: &str, values: &[Value]) -> Eval<Value> {
        if let Some(calls) = functions::spread(name, values) {
            return calls.iter().map(|one| self.apply(name, one)).collect::<Eval<Vec<_>>>().map(Value::List);
        }
        match (name, values) {
            ("link", [Value::Str(s)]) => Ok(self.link_value(self.this, &wikilink::LinkTarget::parse(s))),
            ("link", [Value::Str(s), Value::Str(display)]) => {
                let mut target = wikilink::LinkTarget::parse(s);
                target.label = Some(display.clone());
                Ok(self.link_value(self.this, &target))
            }
            ("link", [Value::Link(l)]) => Ok(Value::Link(l.clone())),
            ("link", [Value::Link(l), Value::Str(display)]) => {
                Ok(Value::Link(Link { display: display.clone(), ..l.clone() }))
            }
            ("link", [Value::Null, ..]) => Ok(Value::Null),
            // A link's date: its display or its name if they are dates, else its note's day.
            ("date", [Value::Link(l)]) => {
                let name = l.path.rsplit('/').next().unwrap_or(&l.path).trim_end_matches(".md");
                Ok(time::parse_moment(&l.display).or_else(|| time::parse_moment(name)).map(Value::Date).unwrap_or_else(
                    || match &l.target {
                        Target::Note(n) => self.file_field(*n, "day"),
                        Target::Unresolved(_) => Value::Null,
                    },
                ))
            }
            ("meta", [Value::Link(l)]) => {
                let mut m = BTreeMap::new();
                m.insert("path".to_string(), Value::Str(l.path.clone()));
                m.insert("display".to_string(), Value::Str(l.display.clone()));
                let subpath = l.anchor.as_ref().map(|a| a.trim_start_matches('#').trim_start_matches('^').to_string());
                let kind = match &l.anchor {
                    None => "file",
                    Some(a) if a.starts_with("#^") => "block",
                    Some(_) => "header",
                };
                m.insert("subpath".to_string(), subpath.map_or(Value::Null, Value::Str));
                m.insert("type".to_string(), Value::Str(kind.into()));
                m.insert("embed".to_string(), Value::Bool(false));
                Ok(Value::Object(m))
            }
            ("meta", [Value::Null]) => Ok(Value::Null),
            _ => functions::scalar(name, values, self.today),
        }
    }

    /// `x[i]` and `x.name`: list items, object keys, a string's characters, a date's or
    /// duration's parts, and through a link, the linked page's fields.
    fn index(&self, v: &Value, i: &Value) -> Value {
        match (v, i) {
            (Value::List(l), Value::Number(n)) => {
                if *n < 0.0 {
                    Value::Null
                } else {
                    l.get(*n as usize).cloned().unwrap_or(Value::Null)
                }
            }
            (Value::List(l), Value::Str(_)) => Value::List(l.iter().map(|x| self.index(x, i)).collect()),
            (Value::Str(s), Value::Number(n)) if *n >= 0.0 => {
                s.chars().nth(*n as usize).map_or(Value::Null, |c| Value::Str(c.to_string()))
            }
            (Value::Object(o), Value::Str(k)) => {
                o.get(&k.to_lowercase()).or_else(|| o.get(k)).cloned().unwrap_or(Value::Null)
            }
            (Value::Date(_) | Value::Duration(_), Value::Str(k)) => {
                functions::part(v, &k.to_lowercase()).unwrap_or(Value::Null)
            }
            (Value::Link(l), Value::Str(k)) => match &l.target {
                Target::Note(n) if k.eq_ignore_ascii_case("file") => Value::Object(
                    ["name", "path", "folder", "link", "day", "tags", "etags", "outlinks", "inlinks", "aliases", "ext"]
                        .iter()
                        .map(|f| (f.to_string(), self.file_field(*n, f)))
                        .collect(),
                ),
                Target::Note(n) => self.page_field(*n, k),
                Target::Unresolved(_) if k == "path" => Value::Str(l.path.clone()),
                Target::Unresolved(_) => Value::Null,
            },
            _ => Value::Null,
        }
    }
}

/// How deep subtasks are nested in a result; deeper ones are listed at this depth.
const MAX_TASK_NESTING: usize = 32;

/// Dataview's nesting of a TASK result: each matching task with all its subtasks beneath it
/// (matching or not), and a matching task that is shown beneath another not shown again.
fn nest_tasks(tasks: &[Task], matched: &[usize]) -> Vec<TaskItem> {
    let notes: BTreeSet<NoteId> = matched.iter().map(|&i| tasks[i].note).collect();
    let mut children: HashMap<(NoteId, u32), Vec<usize>> = HashMap::default();
    for (i, t) in tasks.iter().enumerate() {
        if let Some(parent) = t.parent.as_ref().filter(|p| p.is_task && notes.contains(&t.note)) {
            children.entry((t.note, parent.line)).or_default().push(i);
        }
    }
    let key = |i: usize| (tasks[i].note, tasks[i].source.line);
    let kids = |i: usize| children.get(&key(i)).map_or(&[][..], Vec::as_slice);
    // Every task the result shows: the matching ones and their subtasks.
    let mut shown: BTreeSet<(NoteId, u32)> = BTreeSet::new();
    let mut stack = matched.to_vec();
    while let Some(i) = stack.pop() {
        if shown.insert(key(i)) {
            stack.extend_from_slice(kids(i));
        }
    }
    fn build<'k>(i: usize, depth: usize, kids: &dyn Fn(usize) -> &'k [usize]) -> TaskItem {
        let children = if depth < MAX_TASK_NESTING {
            kids(i).iter().map(|&c| build(c, depth + 1, kids)).collect()
        } else {
            // Far too deep to show nested: the rest of the subtree, in order, one level down.
            let mut flat = Vec::new();
            let mut stack: Vec<usize> = kids(i).iter().rev().copied().collect();
            while let Some(c) = stack.pop() {
                flat.push(TaskItem { task: c, children: Vec::new() });
                stack.extend(kids(c).iter().rev());
            }
            flat
        };
        TaskItem { task: i, children }
    }
    let mut roots = Vec::new();
    let mut seen = BTreeSet::new();
    for &i in matched {
        let under_shown =
            tasks[i].parent.as_ref().is_some_and(|p| p.is_task && shown.contains(&(tasks[i].note, p.line)));
        if !under_shown && seen.insert(i) {
            roots.push(build(i, 0, &kids));
        }
    }
    roots
}

fn day(d: NaiveDate) -> Value {
    Value::Date(Moment::day(d))
}

/// `a, [[b, c]], "d, e"` → `a`, `[[b, c]]`, `"d, e"`: commas outside links and strings.
fn split_outside_links(t: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let (mut depth, mut start, mut quoted, mut escaped) = (0i32, 0, false, false);
    for (i, c) in t.char_indices() {
        if quoted {
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => quoted = false,
                _ => {}
            }
            continue;
        }
        match c {
            '"' => quoted = true,
            '[' => depth += 1,
            ']' => depth -= 1,
            ',' if depth <= 0 => {
                parts.push(&t[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&t[start..]);
    parts
}

/// The inline fields of a paragraph or list item's text, line by line, as Dataview reads them.
fn inline_fields(raw: &str) -> Vec<(String, String)> {
    raw.lines().flat_map(super::inline::line_fields).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vault::markdown::body_tags;

    #[test]
    fn tags_and_fields_in_text() {
        assert_eq!(body_tags("a #tag and #type/people, not#this or #123"), ["tag", "type/people"]);
        assert_eq!(inline_fields("Status:: active"), vec![("Status".to_string(), "active".to_string())]);
        assert_eq!(inline_fields("- worked [hours:: 3] today"), vec![("hours".to_string(), "3".to_string())]);
    }
}

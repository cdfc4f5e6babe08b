//! Running a base's view over the vault's notes: the base's and the view's filters (both
//! must hold), formulas, the columns of `order`, `sort`, `groupBy` and `limit` — giving a
//! table, as Obsidian shows a table view (a list or cards view shows the same properties).
//!
//! `file` and `this` are links to their notes (the row's, and the note that embeds the base),
//! so `list(people).contains(this)` compares notes, as Obsidian does. What the language has
//! and dossier does not evaluate is an error that names it, never a silent null.

use std::cmp::Ordering;

use chrono::NaiveDate;

use super::expr::{self, Expr, Op};
use super::{Base, Filter, View};
use crate::model::Graph;
use crate::query::time::Moment;
use crate::query::value::{Link, Value};
use crate::query::{Context, Output, Unsupported};
use crate::vault::{NoteId, Target};

type Eval<T> = Result<T, Unsupported>;

fn unsupported<T>(message: impl Into<String>) -> Eval<T> {
    Err(Unsupported(message.into()))
}

/// How many formulas deep one may name another.
const MAX_FORMULA_DEPTH: usize = 16;

/// A parsed filter tree.
enum Condition {
    Expr(Expr),
    And(Vec<Condition>),
    Or(Vec<Condition>),
    Not(Vec<Condition>),
}

fn condition(filter: &Filter) -> Eval<Condition> {
    Ok(match filter {
        Filter::Expr(text) => Condition::Expr(parse(text)?),
        Filter::And { and } => Condition::And(and.iter().map(condition).collect::<Eval<_>>()?),
        Filter::Or { or } => Condition::Or(or.iter().map(condition).collect::<Eval<_>>()?),
        Filter::Not { not } => Condition::Not(not.iter().map(condition).collect::<Eval<_>>()?),
    })
}

fn parse(text: &str) -> Eval<Expr> {
    expr::parse(text).map_err(|e| Unsupported(format!("`{text}` does not parse ({e})")))
}

/// The view named `view` (the first when none is named), with `this` = the embedding note.
pub fn run(graph: &Graph, base: &Base, view: Option<&str>, this: Option<NoteId>, today: NaiveDate) -> Eval<Output> {
    let chosen = match view {
        Some(name) => base.views.iter().find(|v| v.name.as_deref() == Some(name)),
        None => base.views.first(),
    };
    let default_view = View { kind: "table".into(), ..View::default() };
    let view = match (chosen, view) {
        (Some(v), _) => v,
        (None, Some(name)) => return unsupported(format!("the base has no view named \"{name}\"")),
        (None, None) => &default_view,
    };
    if !matches!(view.kind.as_str(), "table" | "list" | "cards" | "") {
        return unsupported(format!("{} views are not drawn in a report", view.kind));
    }
    let runner = Runner::new(graph, base, this, today)?;
    let filters: Vec<Condition> =
        [&base.filters, &view.filters].into_iter().flatten().map(condition).collect::<Eval<_>>()?;
    let mut rows = Vec::new();
    for id in graph.vault.ids() {
        let mut keep = true;
        for f in &filters {
            if !runner.holds(f, id)? {
                keep = false;
                break;
            }
        }
        if keep {
            rows.push(id);
        }
    }
    let columns: Vec<String> = if view.order.is_empty() { vec!["file.name".into()] } else { view.order.clone() };
    // Sort keys: the group first, then the view's sort.
    let mut keys: Vec<(Expr, bool)> = Vec::new();
    if let Some(g) = &view.group_by {
        keys.push((property_expr(&g.property)?, g.descending()));
    }
    for k in &view.sort {
        keys.push((property_expr(&k.property)?, k.descending()));
    }
    let mut keyed: Vec<(Vec<Value>, NoteId)> = Vec::with_capacity(rows.len());
    for id in rows {
        let k = keys.iter().map(|(e, _)| runner.eval(e, id)).collect::<Eval<Vec<_>>>()?;
        keyed.push((k, id));
    }
    keyed.sort_by(|(a, _), (b, _)| {
        for ((x, y), (_, desc)) in a.iter().zip(b).zip(&keys) {
            let o = x.compare(y);
            if o != Ordering::Equal {
                return if *desc { o.reverse() } else { o };
            }
        }
        Ordering::Equal
    });
    if let Some(n) = view.limit {
        keyed.truncate(n);
    }
    let column_exprs: Vec<Expr> = columns.iter().map(|c| property_expr(c)).collect::<Eval<_>>()?;
    let mut headers: Vec<String> = Vec::new();
    if let Some(g) = &view.group_by {
        headers.push(display_name(base, &g.property));
    }
    headers.extend(columns.iter().map(|c| display_name(base, c)));
    let mut out = Vec::with_capacity(keyed.len());
    for (k, id) in keyed {
        let mut cells = Vec::with_capacity(headers.len());
        if view.group_by.is_some() {
            cells.push(k.first().cloned().unwrap_or(Value::Null));
        }
        for (name, e) in columns.iter().zip(&column_exprs) {
            // The file's name is shown as the link to it, as Obsidian shows it.
            let v = if canonical(name) == "file.name" { runner.file_link(id) } else { runner.eval(e, id)? };
            cells.push(v);
        }
        out.push(cells);
    }
    if !view.summaries.is_empty() {
        let summary_row = summaries(base, view, &columns, &out, usize::from(view.group_by.is_some()))?;
        out.push(summary_row);
    }
    Ok(Output::Table { headers, rows: out })
}

/// The row of summaries under a view's columns (`Average: 3.5`); the first cell says
/// "Summary" when its own column has none.
fn summaries(base: &Base, view: &View, columns: &[String], rows: &[Vec<Value>], offset: usize) -> Eval<Vec<Value>> {
    let mut cells = vec![Value::Str(String::new()); offset + columns.len()];
    let mut any = false;
    for (property, name) in &view.summaries {
        let Some(k) = columns.iter().position(|c| canonical(c) == canonical(property)) else { continue };
        let values: Vec<&Value> = rows.iter().map(|r| &r[offset + k]).collect();
        let Some(value) = summary(name, &values) else {
            return unsupported(if base.summaries.contains_key(name) {
                format!("the base's own summary `{name}` is not evaluated")
            } else {
                format!("there is no summary `{name}`")
            });
        };
        cells[offset + k] = Value::Str(format!("{name}: {}", value.display()));
        any = true;
    }
    if any && matches!(&cells[0], Value::Str(s) if s.is_empty()) {
        cells[0] = Value::Str("Summary".into());
    }
    Ok(cells)
}

/// One of Obsidian's summaries of a column's values; `None` when there is no such summary.
fn summary(name: &str, values: &[&Value]) -> Option<Value> {
    let numbers: Vec<f64> =
        values.iter().filter_map(|v| if let Value::Number(n) = v { Some(*n) } else { None }).collect();
    let dates: Vec<&Value> = values.iter().copied().filter(|v| matches!(v, Value::Date(_))).collect();
    let count = |f: &dyn Fn(&Value) -> bool| Value::Number(values.iter().filter(|v| f(v)).count() as f64);
    let number = |n: Option<f64>| n.map_or(Value::Null, Value::Number);
    let max = numbers.iter().copied().reduce(f64::max);
    let min = numbers.iter().copied().reduce(f64::min);
    Some(match name {
        // Shown to two decimals, as Obsidian shows an average.
        "Average" => number(
            (!numbers.is_empty()).then(|| (numbers.iter().sum::<f64>() / numbers.len() as f64 * 100.0).round() / 100.0),
        ),
        "Sum" => Value::Number(numbers.iter().sum()),
        "Min" => number(min),
        "Max" => number(max),
        "Range" => number(max.zip(min).map(|(a, b)| a - b)),
        "Median" => {
            let mut sorted = numbers.clone();
            sorted.sort_by(f64::total_cmp);
            let n = sorted.len();
            number((n > 0).then(|| if n % 2 == 1 { sorted[n / 2] } else { (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0 }))
        }
        "Count" => Value::Number(values.len() as f64),
        "Earliest" => dates.iter().copied().min_by(|a, b| a.compare(b)).cloned().unwrap_or(Value::Null),
        "Latest" => dates.iter().copied().max_by(|a, b| a.compare(b)).cloned().unwrap_or(Value::Null),
        "Checked" => count(&|v| matches!(v, Value::Bool(true))),
        "Unchecked" => count(&|v| matches!(v, Value::Bool(false))),
        "Empty" => count(&is_empty),
        "Filled" => count(&|v| !is_empty(v)),
        "Unique" => {
            let mut seen: Vec<&Value> = Vec::new();
            for v in values {
                if !seen.iter().any(|s| s.equals(v)) {
                    seen.push(v);
                }
            }
            Value::Number(seen.len() as f64)
        }
        _ => return None,
    })
}

/// `date`, `note.date` and `property.date` are the note's property; `file.x` and
/// `formula.x` are themselves.
fn canonical(name: &str) -> String {
    let name = name.trim();
    if let Some(rest) = name.strip_prefix("property.") {
        return format!("note.{rest}");
    }
    if name.starts_with("note.") || name.starts_with("file.") || name.starts_with("formula.") {
        return name.to_string();
    }
    format!("note.{name}")
}

/// A column or sort key's name as an expression.
fn property_expr(name: &str) -> Eval<Expr> {
    let c = canonical(name);
    let (scope, rest) = c.split_once('.').unwrap_or(("note", &c));
    let base = Expr::Name(scope.to_string());
    // `note.some key` names a property with a space: an index, not an expression.
    Ok(Expr::Index(Box::new(base), Box::new(Expr::Str(rest.to_string()))))
}

/// The header of a column: its `displayName`, else its name without `note.`/`formula.`.
fn display_name(base: &Base, name: &str) -> String {
    let c = canonical(name);
    for (key, config) in &base.properties {
        if canonical(key) == c {
            if let Some(d) = &config.display_name {
                return d.clone();
            }
        }
    }
    match c.split_once('.') {
        Some(("file", "name")) => "file name".into(),
        Some(("note" | "formula", rest)) => rest.to_string(),
        _ => c,
    }
}

struct Runner<'g, 'v> {
    context: Context<'g, 'v>,
    formulas: Vec<(String, Expr)>,
    depth: std::cell::Cell<usize>,
    /// `value`, `index` and `acc` inside a list's `filter`, `map` or `reduce`, innermost last.
    locals: std::cell::RefCell<Vec<(&'static str, Value)>>,
}

impl<'g, 'v> Runner<'g, 'v> {
    fn new(graph: &'g Graph<'v>, base: &Base, this: Option<NoteId>, today: NaiveDate) -> Eval<Self> {
        let formulas =
            base.formulas.iter().map(|(k, v)| Ok((k.clone(), parse(v)?))).collect::<Eval<Vec<(String, Expr)>>>()?;
        Ok(Runner {
            context: Context::new(graph, this, today),
            formulas,
            depth: std::cell::Cell::new(0),
            locals: std::cell::RefCell::new(Vec::new()),
        })
    }

    fn holds(&self, c: &Condition, id: NoteId) -> Eval<bool> {
        Ok(match c {
            Condition::Expr(e) => self.eval(e, id)?.truthy(),
            Condition::And(all) => {
                for c in all {
                    if !self.holds(c, id)? {
                        return Ok(false);
                    }
                }
                true
            }
            Condition::Or(any) => {
                for c in any {
                    if self.holds(c, id)? {
                        return Ok(true);
                    }
                }
                false
            }
            Condition::Not(none) => {
                for c in none {
                    if self.holds(c, id)? {
                        return Ok(false);
                    }
                }
                true
            }
        })
    }

    fn file_link(&self, id: NoteId) -> Value {
        let note = self.context.graph.vault.note(id);
        Value::Link(Link {
            target: Target::Note(id),
            path: note.path.clone(),
            display: note.stem.clone(),
            anchor: None,
        })
    }

    fn formula(&self, name: &str, id: NoteId) -> Eval<Value> {
        // A formula the base does not define is empty, as Obsidian shows it (a sort key
        // left behind when the formula was deleted, say).
        let Some((_, e)) = self.formulas.iter().find(|(k, _)| k == name) else { return Ok(Value::Null) };
        if self.depth.get() >= MAX_FORMULA_DEPTH {
            return unsupported(format!("formulas name each other more than {MAX_FORMULA_DEPTH} deep (at `{name}`)"));
        }
        self.depth.set(self.depth.get() + 1);
        let v = self.eval(e, id);
        self.depth.set(self.depth.get() - 1);
        v
    }

    fn eval(&self, e: &Expr, id: NoteId) -> Eval<Value> {
        use Value::*;
        Ok(match e {
            Expr::Null => Null,
            Expr::Bool(b) => Bool(*b),
            Expr::Number(n) => Number(*n),
            Expr::Str(s) => Str(s.clone()),
            Expr::List(items) => List(items.iter().map(|i| self.eval(i, id)).collect::<Eval<_>>()?),
            Expr::Name(name) if self.locals.borrow().iter().any(|(n, _)| n == name) => {
                let locals = self.locals.borrow();
                locals.iter().rev().find(|(n, _)| n == name).map(|(_, v)| v.clone()).unwrap_or(Null)
            }
            Expr::Name(name) => match name.as_str() {
                "file" => self.file_link(id),
                "this" => self.context.this.map_or(Null, |t| self.file_link(t)),
                "note" | "formula" => return unsupported(format!("`{name}` names a property: write `{name}.x`")),
                property => self.context.property(id, property),
            },
            Expr::Member(target, _) | Expr::Index(target, _) if scope_of(target).is_some() => {
                let key = match e {
                    Expr::Member(_, k) => k.clone(),
                    Expr::Index(_, k) => self.eval(k, id)?.display(),
                    _ => unreachable!("a member or an index"),
                };
                match scope_of(target) {
                    Some("note") => self.context.property(id, &key),
                    Some("formula") => self.formula(&key, id)?,
                    _ => unreachable!("scope_of gave note or formula"),
                }
            }
            Expr::Member(target, key) => {
                let v = self.eval(target, id)?;
                self.member(&v, key)?
            }
            Expr::Index(target, index) => {
                let v = self.eval(target, id)?;
                let i = self.eval(index, id)?;
                match (&v, &i) {
                    (List(items), Number(n)) => {
                        let n = if *n < 0.0 { items.len() as f64 + n } else { *n };
                        items.get(n as usize).cloned().filter(|_| n >= 0.0).unwrap_or(Null)
                    }
                    (_, Str(key)) => self.member(&v, key)?,
                    _ => Null,
                }
            }
            Expr::Not(x) => Bool(!self.eval(x, id)?.truthy()),
            Expr::Neg(x) => match self.eval(x, id)? {
                Number(n) => Number(-n),
                Null => Null,
                other => return unsupported(format!("`-` has no meaning for a {}", other.type_name())),
            },
            Expr::Binary(op, a, b) => {
                let a = self.eval(a, id)?;
                match op {
                    Op::And if !a.truthy() => return Ok(Bool(false)),
                    Op::Or if a.truthy() => return Ok(a),
                    _ => {}
                }
                let b = self.eval(b, id)?;
                self.binary(*op, &a, &b)?
            }
            Expr::Call(name, args) => self.call(name, args, id)?,
            Expr::Method(target, name, args) if matches!(name.as_str(), "filter" | "map" | "reduce") => {
                let v = self.eval(target, id)?;
                self.list_function(&v, name, args, id)?
            }
            Expr::Method(target, name, args) => {
                let v = self.eval(target, id)?;
                let args = args.iter().map(|a| self.eval(a, id)).collect::<Eval<Vec<_>>>()?;
                self.method(&v, name, &args)?
            }
        })
    }

    /// `list.filter(expr)`, `list.map(expr)`, `list.reduce(expr, initial)`: `expr` read once per
    /// item, with the item as `value`, its place as `index` and, in `reduce`, the result so far
    /// as `acc`.
    fn list_function(&self, list: &Value, name: &str, args: &[Expr], id: NoteId) -> Eval<Value> {
        let items = match list {
            Value::List(items) => items,
            Value::Null => return Ok(Value::Null),
            other => return unsupported(format!("`{}.{name}()` has no meaning", other.type_name())),
        };
        let with = |bound: Vec<(&'static str, Value)>, e: &Expr| -> Eval<Value> {
            let depth = self.locals.borrow().len();
            self.locals.borrow_mut().extend(bound);
            let result = self.eval(e, id);
            self.locals.borrow_mut().truncate(depth);
            result
        };
        let item = |k: usize, v: &Value| vec![("value", v.clone()), ("index", Value::Number(k as f64))];
        Ok(match (name, args) {
            ("filter", [e]) => {
                let mut kept = Vec::new();
                for (k, v) in items.iter().enumerate() {
                    if with(item(k, v), e)?.truthy() {
                        kept.push(v.clone());
                    }
                }
                Value::List(kept)
            }
            ("map", [e]) => {
                Value::List(items.iter().enumerate().map(|(k, v)| with(item(k, v), e)).collect::<Eval<_>>()?)
            }
            ("reduce", [e, initial]) => {
                let mut acc = self.eval(initial, id)?;
                for (k, v) in items.iter().enumerate() {
                    let mut bound = item(k, v);
                    bound.push(("acc", acc));
                    acc = with(bound, e)?;
                }
                acc
            }
            _ => {
                return unsupported(format!(
                    "`list.{name}()` takes {}",
                    if name == "reduce" { "an expression and a start" } else { "one expression" }
                ))
            }
        })
    }

    fn binary(&self, op: Op, a: &Value, b: &Value) -> Eval<Value> {
        let same = |a: &Value, b: &Value| a.equals(b);
        Ok(match op {
            Op::Eq => Value::Bool(same(a, b)),
            Op::Ne => Value::Bool(!same(a, b)),
            Op::And => Value::Bool(a.truthy() && b.truthy()),
            Op::Or => {
                if a.truthy() {
                    a.clone()
                } else {
                    b.clone()
                }
            }
            Op::Lt | Op::Le | Op::Gt | Op::Ge if matches!(a, Value::Null) || matches!(b, Value::Null) => {
                Value::Bool(false)
            }
            Op::Lt => Value::Bool(a.compare(b) == Ordering::Less),
            Op::Le => Value::Bool(a.compare(b) != Ordering::Greater),
            Op::Gt => Value::Bool(a.compare(b) == Ordering::Greater),
            Op::Ge => Value::Bool(a.compare(b) != Ordering::Less),
            // `now() - "60d"`: a date and a duration written as text.
            Op::Add | Op::Sub if matches!((a, b), (Value::Date(_), Value::Str(_))) => {
                let Value::Str(text) = b else { unreachable!("matched above") };
                match duration(text) {
                    Some(span) => crate::query::binary(op, a, &Value::Duration(span))?,
                    None => return unsupported(format!("\"{text}\" is no duration")),
                }
            }
            Op::Add | Op::Sub | Op::Mul | Op::Div | Op::Mod => crate::query::binary(op, a, b)?,
        })
    }

    fn call(&self, name: &str, args: &[Expr], id: NoteId) -> Eval<Value> {
        use Value::*;
        // `if` evaluates only the branch it takes.
        if name == "if" {
            return match args {
                [c, then] => Ok(if self.eval(c, id)?.truthy() { self.eval(then, id)? } else { Null }),
                [c, then, otherwise] => {
                    Ok(if self.eval(c, id)?.truthy() { self.eval(then, id)? } else { self.eval(otherwise, id)? })
                }
                _ => unsupported("if() takes a condition and one or two values"),
            };
        }
        let values = args.iter().map(|a| self.eval(a, id)).collect::<Eval<Vec<_>>>()?;
        let today = self.context.today;
        Ok(match (name, values.as_slice()) {
            ("now" | "today", []) => Date(Moment::day(today)),
            // Early Bases wrote these as functions.
            ("not", [v]) => Bool(!v.truthy()),
            ("empty", [v]) => Bool(is_empty(v)),
            ("link", [Str(s)]) => self.context.link_to(s),
            ("link", [Str(s), Str(display)]) => match self.context.link_to(s) {
                Link(l) => Link(crate::query::value::Link { display: display.clone(), ..l }),
                other => other,
            },
            ("link", [l @ Link(_)] | [l @ Link(_), _]) => l.clone(),
            ("list", [List(l)]) => List(l.clone()),
            ("list", [Null]) => List(Vec::new()),
            ("list", [v]) => List(vec![v.clone()]),
            ("date", [Str(s)]) => crate::query::to_date(s, today).map_or(Null, Date),
            ("date", [d @ Date(_)]) => d.clone(),
            ("duration", [Str(s)]) => crate::query::time::parse_span(s).map_or(Null, Duration),
            ("number", [Number(n)]) => Number(*n),
            ("number", [Str(s)]) => s.trim().parse().map_or(Null, Number),
            ("number", [Bool(b)]) => Number(f64::from(u8::from(*b))),
            ("max" | "min", items) if !items.is_empty() => {
                let numbers: Vec<f64> =
                    items.iter().filter_map(|v| if let Number(n) = v { Some(*n) } else { None }).collect();
                if numbers.len() != items.len() {
                    return unsupported(format!("{name}() takes numbers"));
                }
                let pick = if name == "max" { f64::max } else { f64::min };
                Number(numbers.into_iter().reduce(pick).unwrap_or(f64::NAN))
            }
            _ => {
                let types: Vec<&str> = values.iter().map(Value::type_name).collect();
                return unsupported(format!("the function `{name}({})` is not evaluated", types.join(", ")));
            }
        })
    }

    /// `v.key`: a note's file fields and properties through a link; a date's or duration's
    /// parts; a list's or string's length; an object's key.
    fn member(&self, v: &Value, key: &str) -> Eval<Value> {
        use Value::*;
        Ok(match v {
            Link(l) => match &l.target {
                Target::Note(n) => self.file_member(*n, key),
                Target::Unresolved(_) if key == "name" => Str(l.display.clone()),
                Target::Unresolved(_) => Null,
            },
            List(items) if key == "length" => Number(items.len() as f64),
            Str(s) if key == "length" => Number(s.chars().count() as f64),
            Date(_) | Duration(_) => crate::query::part(v, key).unwrap_or(Null),
            Object(o) => o.get(key).or_else(|| o.get(&key.to_lowercase())).cloned().unwrap_or(Null),
            _ => Null,
        })
    }

    /// `file.name`, `file.tags` …, and otherwise the note's property of that name.
    fn file_member(&self, n: NoteId, key: &str) -> Value {
        use Value::*;
        let note = self.context.graph.vault.note(n);
        match key {
            "file" => self.file_link(n),
            "name" | "basename" => Str(note.stem.clone()),
            "path" => Str(note.path.clone()),
            "folder" => Str(note.folder.clone()),
            "ext" => Str("md".into()),
            // Without `#`, frontmatter and body alike.
            "tags" => List(self.context.tags_of(n).into_iter().map(Str).collect()),
            "links" => self.context.file_value(n, "outlinks"),
            "backlinks" => self.context.file_value(n, "inlinks"),
            "embeds" => {
                List(note.links.iter().filter(|l| l.embed).map(|l| self.context.link_to(&l.target.path)).collect())
            }
            "ctime" => self.context.file_value(n, "ctime"),
            "mtime" => self.context.file_value(n, "mtime"),
            "size" => self.context.file_value(n, "size"),
            "properties" => {
                Object(note.frontmatter.extra.keys().map(|k| (k.clone(), self.context.property(n, k))).collect())
            }
            property => self.context.property(n, property),
        }
    }

    fn method(&self, v: &Value, name: &str, args: &[Value]) -> Eval<Value> {
        use Value::*;
        let text = |v: &Value| match v {
            Link(l) => l.path.clone(),
            other => other.display(),
        };
        let same = |a: &Value, b: &Value| a.equals(b);
        Ok(match (v, name, args) {
            (_, "isEmpty", []) => Bool(is_empty(v)),
            (_, "isType", [Str(t)]) => Bool(bases_type(v) == t.to_lowercase()),
            (_, "toString", []) => Str(v.display()),
            (_, "isTruthy", []) => Bool(v.truthy()),
            (Null, _, _) => Null,
            // Files and links.
            (Link(l), "asLink" | "asFile", []) => Link(l.clone()),
            (Link(l), "asLink", [display]) => Link(crate::query::value::Link { display: text(display), ..l.clone() }),
            (Link(l), "hasTag", tags) => {
                let Target::Note(n) = l.target else { return Ok(Bool(false)) };
                Bool(tags.iter().any(|t| self.context.has_tag(n, text(t).trim_start_matches('#'))))
            }
            (Link(l), "hasLink", [other]) => {
                let Target::Note(n) = l.target else { return Ok(Bool(false)) };
                let wanted = match other {
                    Link(o) => o.target.clone(),
                    other => match self.context.link_to(&text(other)) {
                        Link(o) => o.target,
                        _ => return Ok(Bool(false)),
                    },
                };
                Bool(self.context.graph.links_from(n).iter().any(|(t, _)| *t == wanted))
            }
            (Link(l), "inFolder", [folder]) => {
                let Target::Note(n) = l.target else { return Ok(Bool(false)) };
                let folder = text(folder).trim_matches('/').to_string();
                let have = &self.context.graph.vault.note(n).folder;
                Bool(folder.is_empty() || *have == folder || have.starts_with(&format!("{folder}/")))
            }
            (Link(l), "hasProperty", [p]) => {
                let Target::Note(n) = l.target else { return Ok(Bool(false)) };
                Bool(!matches!(self.context.property(n, &text(p)), Null))
            }
            (Link(l), "linksTo", [other]) => {
                return self.method(&Link(l.clone()), "hasLink", std::slice::from_ref(other))
            }
            // Lists.
            (List(items), "contains", [x]) => Bool(items.iter().any(|i| same(i, x))),
            (List(items), "containsAll", xs) => Bool(xs.iter().all(|x| items.iter().any(|i| same(i, x)))),
            (List(items), "containsAny", xs) => Bool(xs.iter().any(|x| items.iter().any(|i| same(i, x)))),
            (List(items), "join", [sep]) => Str(items.iter().map(Value::display).collect::<Vec<_>>().join(&text(sep))),
            (List(items), "join", []) => Str(items.iter().map(Value::display).collect::<Vec<_>>().join(", ")),
            (List(items), "reverse", []) => List(items.iter().rev().cloned().collect()),
            (List(items), "sort", []) => {
                let mut l = items.clone();
                l.sort_by(|a, b| a.compare(b));
                List(l)
            }
            (List(items), "unique", []) => {
                let mut out: Vec<Value> = Vec::new();
                for i in items {
                    if !out.iter().any(|o| same(o, i)) {
                        out.push(i.clone());
                    }
                }
                List(out)
            }
            (List(items), "flat", []) => List(
                items.iter().flat_map(|i| if let List(inner) = i { inner.clone() } else { vec![i.clone()] }).collect(),
            ),
            // Text (a link's text is its path).
            (Str(_) | Link(_), "contains", [x]) => Bool(text(v).contains(&text(x))),
            (Str(_) | Link(_), "containsAll", xs) => Bool(xs.iter().all(|x| text(v).contains(&text(x)))),
            (Str(_) | Link(_), "containsAny", xs) => Bool(xs.iter().any(|x| text(v).contains(&text(x)))),
            (Str(s), "startsWith", [x]) => Bool(s.starts_with(&text(x))),
            (Str(s), "endsWith", [x]) => Bool(s.ends_with(&text(x))),
            (Str(s), "lower", []) => Str(s.to_lowercase()),
            (Str(s), "upper", []) => Str(s.to_uppercase()),
            (Str(s), "trim", []) => Str(s.trim().to_string()),
            (Str(s), "replace", [a, b]) => Str(s.replace(&text(a), &text(b))),
            (Str(s), "split", [sep]) => List(s.split(&text(sep)).map(|p| Str(p.to_string())).collect()),
            (Str(s), "reverse", []) => Str(s.chars().rev().collect()),
            (Str(s), "repeat", [Number(n)]) => Str(s.repeat(n.max(0.0) as usize)),
            // Numbers.
            (Number(n), "abs", []) => Number(n.abs()),
            (Number(n), "ceil", []) => Number(n.ceil()),
            (Number(n), "floor", []) => Number(n.floor()),
            (Number(n), "round", []) => Number(n.round()),
            (Number(n), "round", [Number(digits)]) => {
                let f = 10f64.powi(digits.max(0.0) as i32);
                Number((n * f).round() / f)
            }
            (Number(n), "toFixed", [Number(digits)]) => Str(format!("{:.*}", digits.max(0.0) as usize, n)),
            // Dates.
            (Date(d), "date", []) => Date(Moment::day(d.date())),
            _ => {
                let types: Vec<&str> = args.iter().map(Value::type_name).collect();
                return unsupported(format!(
                    "the method `{}.{name}({})` is not evaluated",
                    v.type_name(),
                    types.join(", ")
                ));
            }
        })
    }
}

/// Null, and an empty text, list or object.
fn is_empty(v: &Value) -> bool {
    match v {
        Value::Null => true,
        Value::Str(s) => s.is_empty(),
        Value::List(l) => l.is_empty(),
        Value::Object(o) => o.is_empty(),
        _ => false,
    }
}

/// A value's type as `isType` names it.
fn bases_type(v: &Value) -> &'static str {
    match v {
        Value::List(_) => "list",
        Value::Link(_) => "link",
        other => other.type_name(),
    }
}

/// A duration as Bases write it: `60d`, `2w`, `1 year`, and `3M` for months (`m` is minutes).
fn duration(text: &str) -> Option<crate::query::time::Span> {
    let t = text.trim();
    if let Some(n) = t.strip_suffix('M').map(str::trim).and_then(|n| n.parse::<f64>().ok()) {
        return crate::query::time::parse_span(&format!("{n} months"));
    }
    crate::query::time::parse_span(t)
}

/// `note` or `formula`, when `e` is `note.x` / `formula.x` / `note["x"]`.
fn scope_of(target: &Expr) -> Option<&'static str> {
    match target {
        Expr::Name(n) if n == "note" => Some("note"),
        Expr::Name(n) if n == "formula" => Some("formula"),
        _ => None,
    }
}

//! Values of the query language, with Dataview's equality and ordering: links compare by
//! resolved target and anchor (not by display text), null sorts before everything, values of
//! different types order by type name.

use std::cmp::Ordering;
use std::collections::BTreeMap;

use serde::ser::{SerializeMap, Serializer};
use serde::Serialize;

use super::time::{Moment, Span};
use crate::vault::Target;

#[derive(Debug, Clone)]
pub enum Value {
    Null,
    Bool(bool),
    Number(f64),
    Str(String),
    /// A date, perhaps with a time and an offset.
    Date(Moment),
    /// A duration, in the units it was made of.
    Duration(Span),
    Link(Link),
    List(Vec<Value>),
    Object(BTreeMap<String, Value>),
}

#[derive(Debug, Clone)]
pub struct Link {
    pub target: Target,
    /// The vault path for a note, else the name as written.
    pub path: String,
    pub display: String,
    /// `#Heading` or `#^block`, as written after the note name.
    pub anchor: Option<String>,
}

impl Value {
    pub fn truthy(&self) -> bool {
        match self {
            Value::Null => false,
            Value::Bool(b) => *b,
            Value::Number(n) => *n != 0.0,
            Value::Str(s) => !s.is_empty(),
            Value::List(l) => !l.is_empty(),
            Value::Object(o) => !o.is_empty(),
            Value::Duration(d) => !d.is_zero(),
            Value::Date(_) | Value::Link(_) => true,
        }
    }

    /// Dataview's name of the value's type (`typeof`).
    pub fn type_name(&self) -> &'static str {
        match self {
            Value::Null => "null",
            Value::Bool(_) => "boolean",
            Value::Number(_) => "number",
            Value::Str(_) => "string",
            Value::Date(_) => "date",
            Value::Duration(_) => "duration",
            Value::Link(_) => "link",
            Value::List(_) => "array",
            Value::Object(_) => "object",
        }
    }

    /// Dataview's total order: null first, then by type name across types.
    pub fn compare(&self, other: &Value) -> Ordering {
        match (self, other) {
            (Value::Null, Value::Null) => Ordering::Equal,
            (Value::Null, _) => Ordering::Less,
            (_, Value::Null) => Ordering::Greater,
            (Value::Bool(a), Value::Bool(b)) => a.cmp(b),
            (Value::Number(a), Value::Number(b)) => a.partial_cmp(b).unwrap_or(Ordering::Equal),
            (Value::Str(a), Value::Str(b)) => a.cmp(b),
            (Value::Date(a), Value::Date(b)) => a.compare(b),
            (Value::Duration(a), Value::Duration(b)) => a.compare(b),
            (Value::Link(a), Value::Link(b)) => a.target.cmp(&b.target).then_with(|| a.anchor.cmp(&b.anchor)),
            (Value::List(a), Value::List(b)) => {
                for (x, y) in a.iter().zip(b) {
                    let o = x.compare(y);
                    if o != Ordering::Equal {
                        return o;
                    }
                }
                a.len().cmp(&b.len())
            }
            (Value::Object(a), Value::Object(b)) => a.len().cmp(&b.len()),
            (a, b) => a.type_name().cmp(b.type_name()),
        }
    }

    pub fn equals(&self, other: &Value) -> bool {
        self.compare(other) == Ordering::Equal
    }

    /// The value as text, the way a table cell shows it.
    pub fn display(&self) -> String {
        match self {
            Value::Null => "-".to_string(),
            Value::Bool(b) => b.to_string(),
            Value::Number(n) => {
                if n.fract() == 0.0 && n.abs() < 1e15 {
                    format!("{}", *n as i64)
                } else {
                    n.to_string()
                }
            }
            Value::Str(s) => s.clone(),
            Value::Date(d) => d.display(),
            Value::Duration(d) => d.display(),
            Value::Link(l) => l.display.clone(),
            Value::List(items) => items.iter().map(Value::display).collect::<Vec<_>>().join(", "),
            Value::Object(o) => o.iter().map(|(k, v)| format!("{k}: {}", v.display())).collect::<Vec<_>>().join(", "),
        }
    }
}

impl Serialize for Value {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Value::Null => s.serialize_none(),
            Value::Bool(b) => s.serialize_bool(*b),
            Value::Number(n) => {
                if n.fract() == 0.0 && n.abs() < 1e15 {
                    s.serialize_i64(*n as i64)
                } else {
                    s.serialize_f64(*n)
                }
            }
            Value::Str(v) => s.serialize_str(v),
            Value::Date(d) => s.serialize_str(&d.display()),
            Value::Duration(d) => s.serialize_str(&d.iso()),
            Value::Link(l) => {
                let mut m = s.serialize_map(Some(3))?;
                m.serialize_entry("path", &l.path)?;
                m.serialize_entry("display", &l.display)?;
                m.serialize_entry("resolved", &matches!(l.target, Target::Note(_)))?;
                m.end()
            }
            Value::List(items) => items.serialize(s),
            Value::Object(o) => o.serialize(s),
        }
    }
}

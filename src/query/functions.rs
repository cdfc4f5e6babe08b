//! Dataview's functions and operators on values: which argument types each accepts, which
//! arguments it maps over when given a list (Dataview's "vectorised" functions:
//! `lower(["A", "b"])` is `["a", "b"]`), and an error — never a silent null — for a
//! combination Dataview has no answer for either.

use std::cmp::Ordering;
use std::collections::BTreeMap;

use super::parse::BinOp;
use super::time::{self, Moment};
use super::value::Value;
use super::Unsupported;

type Eval<T> = Result<T, Unsupported>;

fn no_such(name: &str, args: &[Value]) -> Unsupported {
    let types: Vec<&str> = args.iter().map(Value::type_name).collect();
    Unsupported(format!("`{name}()` has no meaning for ({}) in Dataview", types.join(", ")))
}

/// The argument positions a function maps over when they hold lists, by argument count.
fn vectorized(name: &str, count: usize) -> &'static [usize] {
    match (name, count) {
        ("lower" | "upper" | "number" | "round" | "striptime" | "localtime" | "date" | "dur" | "link", 1) => &[0],
        ("round" | "dateformat" | "durationformat" | "truncate", 2) => &[0],
        ("contains" | "icontains" | "econtains" | "join", 2) => &[1],
        ("link" | "containsword" | "regexmatch" | "regextest" | "startswith" | "endswith", 2) => &[0, 1],
        ("padleft" | "padright" | "default", 2) => &[0, 1],
        ("replace" | "regexreplace" | "padleft" | "padright", 3) => &[0, 1, 2],
        ("truncate", 3) => &[0],
        ("choice", 3) => &[0],
        _ => &[],
    }
}

/// Where `name` maps over lists and some of `args` hold lists: the arguments of each call,
/// one per item (as many as the shortest list has). `None` when it is one call.
pub fn spread(name: &str, args: &[Value]) -> Option<Vec<Vec<Value>>> {
    let positions: Vec<usize> =
        vectorized(name, args.len()).iter().copied().filter(|&p| matches!(args.get(p), Some(Value::List(_)))).collect();
    let shortest = positions.iter().map(|&p| if let Value::List(l) = &args[p] { l.len() } else { 0 }).min()?;
    Some(
        (0..shortest)
            .map(|k| {
                args.iter()
                    .enumerate()
                    .map(|(i, v)| match v {
                        Value::List(l) if positions.contains(&i) => l[k].clone(),
                        other => other.clone(),
                    })
                    .collect()
            })
            .collect(),
    )
}

/// `name` on arguments it does not map over (see [`spread`]).
pub fn scalar(name: &str, args: &[Value], today: chrono::NaiveDate) -> Eval<Value> {
    use Value::*;
    let fail = || Err(no_such(name, args));
    Ok(match (name, args) {
        ("contains" | "icontains" | "econtains", [h, n]) => {
            let fold = name == "icontains";
            contains(h, n, fold, name != "econtains")
        }
        ("containsword", [Str(h), Str(n)]) => Bool(crate::select::mentions_word(h, n)),
        ("containsword", [Null, _] | [_, Null]) => Null,
        ("lower", [Str(s)]) => Str(s.to_lowercase()),
        ("upper", [Str(s)]) => Str(s.to_uppercase()),
        ("lower" | "upper", [Null]) => Null,
        ("length", [List(l)]) => Number(l.len() as f64),
        ("length", [Str(s)]) => Number(s.chars().count() as f64),
        ("length", [Object(o)]) => Number(o.len() as f64),
        ("length", [Null]) => Number(0.0),
        ("default" | "ldefault", [Null, fallback]) => fallback.clone(),
        ("default" | "ldefault", [v, _]) => v.clone(),
        ("choice", [b, l, r]) => {
            if b.truthy() {
                l.clone()
            } else {
                r.clone()
            }
        }
        ("startswith", [Str(a), Str(b)]) => Bool(a.starts_with(b.as_str())),
        ("endswith", [Str(a), Str(b)]) => Bool(a.ends_with(b.as_str())),
        ("startswith" | "endswith", [Null, _] | [_, Null]) => Null,
        ("regexmatch" | "regextest", [Str(pattern), Str(subject)]) => {
            // Dataview anchors a regexmatch pattern unless it anchors itself.
            let pattern = if name == "regexmatch" && !pattern.starts_with('^') && !pattern.ends_with('$') {
                format!("^(?:{pattern})$")
            } else {
                pattern.clone()
            };
            Bool(regex(&pattern)?.is_match(subject))
        }
        ("regexmatch" | "regextest", [Null, _] | [_, Null]) => Bool(false),
        ("regexreplace", [Str(s), Str(pattern), Str(with)]) => {
            Str(regex(pattern)?.replace_all(s, with.as_str()).into())
        }
        ("regexreplace" | "replace", [Null, _, _] | [_, Null, _] | [_, _, Null]) => Null,
        ("replace", [Str(s), Str(a), Str(b)]) => {
            if a.is_empty() {
                // JavaScript's split("") parts every character.
                Str(s.chars().map(String::from).collect::<Vec<_>>().join(b))
            } else {
                Str(s.replace(a.as_str(), b))
            }
        }
        ("split", [Str(s), Str(pattern)]) => split(s, pattern, None)?,
        ("split", [Str(s), Str(pattern), Number(limit)]) => split(s, pattern, Some(*limit as usize))?,
        ("split", [Null, ..] | [_, Null, ..]) => Null,
        ("substring", [Str(s), Number(start)]) => substring(s, *start, None),
        ("substring", [Str(s), Number(start), Number(end)]) => substring(s, *start, Some(*end)),
        ("substring", [Null, ..]) => Null,
        ("truncate", [Str(s), Number(n)]) => truncate(s, *n, "..."),
        ("truncate", [Str(s), Number(n), Str(suffix)]) => truncate(s, *n, suffix),
        ("truncate", [Null, ..]) => Null,
        ("padleft" | "padright", [Str(s), Number(n)]) => pad(s, *n, " ", name == "padleft"),
        ("padleft" | "padright", [Str(s), Number(n), Str(p)]) => pad(s, *n, p, name == "padleft"),
        ("padleft" | "padright", [Null, ..] | [_, Null, ..]) => Null,
        ("number", [Number(n)]) => Number(*n),
        ("number", [Str(s)]) => leading_number(s).map_or(Null, Number),
        ("number", [Null]) => Null,
        ("string", [v]) => Str(v.display()),
        ("typeof", [v]) => Str(v.type_name().into()),
        ("round", [Number(n)]) => Number(n.round()),
        ("round", [Number(n), Number(places)]) => {
            let factor = 10f64.powi(places.max(0.0) as i32);
            Number((n * factor).round() / factor)
        }
        ("round", [Number(n), Null]) => Number(n.round()),
        ("round", [Null, ..]) => Null,
        ("min" | "max", _) => min_max(name == "min", args),
        ("sum", [List(l)]) => reduce(l, BinOp::Add)?,
        ("product", [List(l)]) => reduce(l, BinOp::Mul)?,
        ("sum" | "product", [v]) => v.clone(),
        ("average", [List(l)]) => {
            let items: Vec<Value> = l.iter().filter(|v| !matches!(v, Null)).cloned().collect();
            match reduce(&items, BinOp::Add)? {
                Null => Null,
                total => binary(BinOp::Div, &total, &Number(items.len() as f64))?,
            }
        }
        ("average", [Null]) => Null,
        ("reduce", [List(l), Str(op)]) => {
            let op = match op.as_str() {
                "+" => BinOp::Add,
                "-" => BinOp::Sub,
                "*" => BinOp::Mul,
                "/" => BinOp::Div,
                "&" => BinOp::And,
                "|" => BinOp::Or,
                _ => return Err(Unsupported(format!("reduce() takes '+', '-', '*', '/', '&' or '|', not '{op}'"))),
            };
            reduce(l, op)?
        }
        ("list" | "array", _) => List(args.to_vec()),
        ("object", _) => {
            if !args.len().is_multiple_of(2) {
                return Err(Unsupported("object() takes keys and values in pairs".into()));
            }
            let mut o = BTreeMap::new();
            for pair in args.chunks(2) {
                let Str(k) = &pair[0] else { return Err(Unsupported("object() keys must be strings".into())) };
                o.insert(k.clone(), pair[1].clone());
            }
            Object(o)
        }
        // One list: its items that are not null (Dataview's tests); else the arguments that are not.
        ("nonnull", [List(l)]) => List(l.iter().filter(|v| !matches!(v, Null)).cloned().collect()),
        ("nonnull", _) => List(args.iter().filter(|v| !matches!(v, Null)).cloned().collect()),
        ("firstvalue", [List(l)]) => l.iter().find(|v| !matches!(v, Null)).cloned().unwrap_or(Null),
        ("all", [List(l)]) => Bool(l.iter().all(Value::truthy)),
        ("any", [List(l)]) => Bool(l.iter().any(Value::truthy)),
        ("none", [List(l)]) => Bool(!l.iter().any(Value::truthy)),
        ("all", _) => Bool(args.iter().all(Value::truthy)),
        ("any", _) => Bool(args.iter().any(Value::truthy)),
        ("none", _) => Bool(!args.iter().any(Value::truthy)),
        ("unique", [List(l)]) => {
            let mut out: Vec<Value> = Vec::new();
            for v in l {
                if !out.iter().any(|o| o.equals(v)) {
                    out.push(v.clone());
                }
            }
            List(out)
        }
        ("reverse", [List(l)]) => List(l.iter().rev().cloned().collect()),
        ("reverse", [Str(s)]) => Str(s.chars().rev().collect()),
        ("reverse" | "sort", [v]) if !matches!(v, List(_)) => v.clone(),
        ("sort", [List(l)]) => {
            let mut l = l.clone();
            l.sort_by(|a, b| a.compare(b));
            List(l)
        }
        ("flat", [List(l)]) => List(flat(l, 1)),
        ("flat", [List(l), Number(depth)]) => List(flat(l, depth.max(0.0) as usize)),
        ("slice", [List(l)]) => List(l.clone()),
        ("slice", [List(l), Number(start)]) => List(slice(l, *start, None)),
        ("slice", [List(l), Number(start), Number(end)]) => List(slice(l, *start, Some(*end))),
        ("join", [List(l)]) => Str(l.iter().map(Value::display).collect::<Vec<_>>().join(", ")),
        ("join", [List(l), Str(sep)]) => Str(l.iter().map(Value::display).collect::<Vec<_>>().join(sep)),
        ("join", [List(l), Null]) => Str(l.iter().map(Value::display).collect::<Vec<_>>().join(", ")),
        ("join", [v] | [v, _]) => Str(v.display()),
        ("extract", [Object(o), keys @ ..]) => {
            let mut out = BTreeMap::new();
            for k in keys {
                let Str(k) = k else { return Err(Unsupported("extract() keys must be strings".into())) };
                out.insert(k.clone(), o.get(&k.to_lowercase()).or_else(|| o.get(k)).cloned().unwrap_or(Null));
            }
            Object(out)
        }
        ("extract", [List(items), keys @ ..]) => {
            let mut out = Vec::new();
            for item in items {
                let mut one = vec![item.clone()];
                one.extend(keys.iter().cloned());
                out.push(scalar("extract", &one, today)?);
            }
            List(out)
        }
        ("dur", [Str(s)]) => time::parse_span(s).map_or(Null, Duration),
        ("dur", [Duration(d)]) => Duration(*d),
        ("dur" | "date", [Null]) => Null,
        ("date", [Date(d)]) => Date(*d),
        ("date", [Str(s)]) => to_date(s, today).map_or(Null, Date),
        // Luxon's epoch formats: milliseconds (`x`) and seconds (`X`), in UTC.
        ("date", [Str(s), Str(format)]) if format == "x" || format == "X" => {
            let scale = if format == "x" { 1 } else { 1000 };
            s.trim()
                .parse::<i64>()
                .ok()
                .and_then(|n| chrono::DateTime::from_timestamp_millis(n.checked_mul(scale)?))
                .map_or(Null, |t| Date(Moment { local: t.naive_utc(), offset: chrono::FixedOffset::east_opt(0) }))
        }
        ("date", [Str(s), Str(format)]) => match time::chrono_format(format) {
            None => return Err(Unsupported(format!("the date format \"{format}\" has tokens dossier does not read"))),
            Some(_) => time::parse_with_format(s, format).map_or(Null, Date),
        },
        ("striptime", [Date(d)]) => Date(Moment::day(d.date())),
        ("striptime" | "dateformat" | "localtime", [Null, ..]) => Null,
        ("localtime", [Date(d)]) if d.offset.is_none() => Date(*d),
        ("localtime", [Date(_)]) => {
            return Err(Unsupported(
                "localtime() of a date with an offset depends on the machine's time zone; dossier gives the same answer on every machine".into(),
            ))
        }
        ("dateformat", [Date(d), Str(format)]) => match time::format_with(d, format) {
            Some(s) => Str(s),
            None => return Err(Unsupported(format!("the date format \"{format}\" has tokens dossier does not write"))),
        },
        _ => return fail(),
    })
}

/// A date word (`today`, `sow`, `end-of-month`) as of `today`, else Dataview's date text.
pub fn to_date(text: &str, today: chrono::NaiveDate) -> Option<Moment> {
    use chrono::{Datelike, Duration};
    let start = |unit| Moment::start_of(today, unit);
    let end = |unit: &str| -> Option<chrono::NaiveDate> {
        let s = Moment::start_of(today, unit)?;
        Some(match unit {
            "week" => s + Duration::days(6),
            "month" => s.checked_add_months(chrono::Months::new(1))? - Duration::days(1),
            "year" => chrono::NaiveDate::from_ymd_opt(today.year(), 12, 31)?,
            _ => s,
        })
    };
    let text = text.trim();
    let day = match text.to_lowercase().as_str() {
        "today" | "now" => Some(today),
        "tomorrow" => Some(today + Duration::days(1)),
        "yesterday" => Some(today - Duration::days(1)),
        "sow" | "start-of-week" => start("week"),
        "eow" | "end-of-week" => end("week"),
        "som" | "start-of-month" => start("month"),
        "eom" | "end-of-month" => end("month"),
        "soy" | "start-of-year" => start("year"),
        "eoy" | "end-of-year" => end("year"),
        _ => return time::parse_moment(text).or_else(|| crate::vault::frontmatter::parse_date(text).map(Moment::day)),
    };
    day.map(Moment::day)
}

fn regex(pattern: &str) -> Eval<regex::Regex> {
    regex::Regex::new(pattern).map_err(|e| Unsupported(format!("bad regular expression: {e}")))
}

/// JavaScript's `split` with a regular expression: the text between matches and, after each,
/// what its groups captured (an unmatched group is ""); an empty match where the last one
/// ended splits nothing. At most `limit` parts.
fn split(s: &str, pattern: &str, limit: Option<usize>) -> Eval<Value> {
    let re = regex(pattern)?;
    let limit = limit.unwrap_or(usize::MAX);
    let mut parts: Vec<Value> = Vec::new();
    let push = |parts: &mut Vec<Value>, text: &str| {
        if parts.len() < limit {
            parts.push(Value::Str(text.to_string()));
        }
    };
    if s.is_empty() {
        if !re.is_match(s) {
            push(&mut parts, s);
        }
        return Ok(Value::List(parts));
    }
    let (mut last_end, mut at) = (0, 0);
    while at < s.len() {
        let Some(caps) = re.captures_at(s, at) else { break };
        let whole = caps.get(0).expect("group 0 is the match");
        if whole.end() == last_end {
            // An empty match where the last part ended: try one character on.
            at = whole.start() + s[whole.start()..].chars().next().map_or(1, char::len_utf8);
            continue;
        }
        if whole.start() >= s.len() {
            break;
        }
        push(&mut parts, &s[last_end..whole.start()]);
        for group in caps.iter().skip(1) {
            push(&mut parts, group.map_or("", |g| g.as_str()));
        }
        last_end = whole.end();
        at = last_end;
    }
    push(&mut parts, &s[last_end..]);
    Ok(Value::List(parts))
}

/// JavaScript's `substring`: indices clamped to the string, swapped when reversed.
fn substring(s: &str, start: f64, end: Option<f64>) -> Value {
    let chars: Vec<char> = s.chars().collect();
    let clamp = |x: f64| (x.max(0.0) as usize).min(chars.len());
    let (mut a, mut b) = (clamp(start), end.map_or(chars.len(), clamp));
    if a > b {
        std::mem::swap(&mut a, &mut b);
    }
    Value::Str(chars[a..b].iter().collect())
}

fn truncate(s: &str, n: f64, suffix: &str) -> Value {
    let chars: Vec<char> = s.chars().collect();
    let n = n.max(0.0) as usize;
    if chars.len() <= n {
        return Value::Str(s.to_string());
    }
    let keep = n.saturating_sub(suffix.chars().count());
    Value::Str(chars[..keep].iter().collect::<String>() + suffix)
}

/// JavaScript's `padStart` / `padEnd`: the pad string repeated and cut to fit.
fn pad(s: &str, n: f64, with: &str, left: bool) -> Value {
    let have = s.chars().count();
    let want = n.max(0.0) as usize;
    if want <= have || with.is_empty() {
        return Value::Str(s.to_string());
    }
    let fill: String = with.chars().cycle().take(want - have).collect();
    Value::Str(if left { fill + s } else { s.to_string() + &fill })
}

/// The first number written in `s` (`17 years` is 17), as Dataview's `number()`.
fn leading_number(s: &str) -> Option<f64> {
    let chars: Vec<char> = s.chars().collect();
    let start = (0..chars.len()).find(|&i| {
        chars[i].is_ascii_digit() || (chars[i] == '-' && chars.get(i + 1).is_some_and(|c| c.is_ascii_digit()))
    })?;
    let mut end = start + 1;
    while end < chars.len() && chars[end].is_ascii_digit() {
        end += 1;
    }
    if chars.get(end) == Some(&'.') && chars.get(end + 1).is_some_and(|c| c.is_ascii_digit()) {
        end += 1;
        while end < chars.len() && chars[end].is_ascii_digit() {
            end += 1;
        }
    }
    chars[start..end].iter().collect::<String>().parse().ok()
}

fn min_max(min: bool, args: &[Value]) -> Value {
    let items: Vec<Value> = match args {
        [Value::List(l)] => l.clone(),
        other => other.to_vec(),
    };
    items
        .into_iter()
        .filter(|v| !matches!(v, Value::Null))
        .reduce(|a, b| {
            let keep_a = if min { a.compare(&b) != Ordering::Greater } else { a.compare(&b) == Ordering::Greater };
            if keep_a {
                a
            } else {
                b
            }
        })
        .unwrap_or(Value::Null)
}

/// Folds a list with an operator; an empty list is null (Dataview's `sum([])`).
fn reduce(items: &[Value], op: BinOp) -> Eval<Value> {
    let mut iter = items.iter();
    let Some(first) = iter.next() else { return Ok(Value::Null) };
    let mut acc = first.clone();
    for v in iter {
        acc = binary(op, &acc, v)?;
    }
    Ok(acc)
}

fn flat(items: &[Value], depth: usize) -> Vec<Value> {
    let mut out = Vec::new();
    for v in items {
        match v {
            Value::List(inner) if depth > 0 => out.extend(flat(inner, depth - 1)),
            other => out.push(other.clone()),
        }
    }
    out
}

/// JavaScript's `slice`: negative indices count from the end.
fn slice(items: &[Value], start: f64, end: Option<f64>) -> Vec<Value> {
    let len = items.len() as f64;
    let at = |x: f64| (if x < 0.0 { (len + x).max(0.0) } else { x.min(len) }) as usize;
    let (a, b) = (at(start), end.map_or(items.len(), at));
    if a >= b {
        Vec::new()
    } else {
        items[a..b].to_vec()
    }
}

/// Dataview's `contains`: a list contains x when an element contains x (so strings in a list
/// match by substring); a string contains a substring; an object contains a key; anything
/// else is compared for equality. `econtains` (`deep` false) wants an equal list element.
pub fn contains(haystack: &Value, needle: &Value, fold: bool, deep: bool) -> Value {
    let fold_str = |s: &str| if fold { s.to_lowercase() } else { s.to_string() };
    Value::Bool(match (haystack, needle) {
        (Value::List(items), n) if deep => items.iter().any(|x| contains(x, n, fold, deep).truthy()),
        (Value::List(items), n) => items.iter().any(|x| x.equals(n)),
        (Value::Str(h), Value::Str(n)) => fold_str(h).contains(&fold_str(n)),
        (Value::Object(o), Value::Str(k)) => o.contains_key(&k.to_lowercase()),
        (h, n) => h.equals(n),
    })
}

/// A binary operator, as Dataview's table of them: what it has no entry for is an error.
pub fn binary(op: BinOp, a: &Value, b: &Value) -> Eval<Value> {
    use Ordering::*;
    use Value::*;
    let fail = || {
        let sign = match op {
            BinOp::Add => "+",
            BinOp::Sub => "-",
            BinOp::Mul => "*",
            BinOp::Div => "/",
            BinOp::Mod => "%",
            _ => "?",
        };
        Err(Unsupported(format!("`{} {sign} {}` has no meaning in Dataview", a.type_name(), b.type_name())))
    };
    Ok(match op {
        BinOp::And => Bool(a.truthy() && b.truthy()),
        BinOp::Or => Bool(a.truthy() || b.truthy()),
        BinOp::Eq => Bool(a.equals(b)),
        BinOp::Ne => Bool(!a.equals(b)),
        BinOp::Lt => Bool(a.compare(b) == Less),
        BinOp::Le => Bool(a.compare(b) != Greater),
        BinOp::Gt => Bool(a.compare(b) == Greater),
        BinOp::Ge => Bool(a.compare(b) != Less),
        BinOp::Add => match (a, b) {
            (Number(x), Number(y)) => Number(x + y),
            (Str(x), y) => Str(format!("{x}{}", y.display())),
            (x, Str(y)) => Str(format!("{}{y}", x.display())),
            (Date(d), Duration(s)) | (Duration(s), Date(d)) => d.plus(s).map_or(Null, Date),
            (Duration(x), Duration(y)) => Duration(x.plus(y).normalized()),
            (List(x), List(y)) => List(x.iter().chain(y).cloned().collect()),
            (Object(x), Object(y)) => Object(x.iter().chain(y).map(|(k, v)| (k.clone(), v.clone())).collect()),
            (Null, Null) | (Date(_), Null) | (Null, Date(_)) => Null,
            _ => return fail(),
        },
        BinOp::Sub => match (a, b) {
            (Number(x), Number(y)) => Number(x - y),
            (Date(x), Date(y)) => Duration(x.minus(y)),
            (Date(d), Duration(s)) => d.plus(&s.scale(-1.0)).map_or(Null, Date),
            (Duration(x), Duration(y)) => Duration(x.plus(&y.scale(-1.0)).normalized()),
            (Null, Null) | (Date(_), Null) | (Null, Date(_)) => Null,
            _ => return fail(),
        },
        BinOp::Mul => match (a, b) {
            (Number(x), Number(y)) => Number(x * y),
            (Duration(d), Number(n)) | (Number(n), Duration(d)) => Duration(d.scale(*n).normalized()),
            (Str(s), Number(n)) | (Number(n), Str(s)) => {
                Str(if *n < 0.0 { String::new() } else { s.repeat(*n as usize) })
            }
            (Null, Null) => Null,
            _ => return fail(),
        },
        BinOp::Div => match (a, b) {
            (Number(x), Number(y)) => Number(x / y),
            (Duration(d), Number(n)) => Duration(d.scale(1.0 / n).normalized()),
            (Null, Null) => Null,
            _ => return fail(),
        },
        BinOp::Mod => match (a, b) {
            (Number(x), Number(y)) => Number(x % y),
            (Null, Null) => Null,
            _ => return fail(),
        },
    })
}

/// `-x`.
pub fn negate(v: &Value) -> Eval<Value> {
    match v {
        Value::Number(n) => Ok(Value::Number(-n)),
        Value::Duration(d) => Ok(Value::Duration(d.scale(-1.0))),
        Value::Null => Ok(Value::Null),
        other => Err(Unsupported(format!("`-{}` has no meaning in Dataview", other.type_name()))),
    }
}

/// `dur.days` on a span, `date.year` on a moment.
pub fn part(v: &Value, key: &str) -> Option<Value> {
    match v {
        Value::Date(d) => d.part(key).map(Value::Number),
        Value::Duration(s) => s.part(key).map(Value::Number),
        _ => None,
    }
}

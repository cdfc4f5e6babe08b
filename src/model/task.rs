//! One task line → its fields: Tasks-plugin emoji (dates, priority, recurrence), Dataview
//! inline fields (`[due:: 2026-10-15]`), `@Handle` mentions, and the description left over.
//!
//! A small tokenizer over one line's plain text. Like Dataview (and unlike the Tasks plugin)
//! it finds fields anywhere in the line, not only at its end.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::Serialize;

use crate::vault::frontmatter::parse_date;
use crate::vault::markdown::collapse_whitespace;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Priority {
    Highest,
    High,
    Medium,
    Low,
    Lowest,
}

impl Priority {
    fn from_word(s: &str) -> Option<Priority> {
        Some(match s.trim().to_lowercase().as_str() {
            "highest" => Priority::Highest,
            "high" => Priority::High,
            "medium" => Priority::Medium,
            "low" => Priority::Low,
            "lowest" => Priority::Lowest,
            _ => return None,
        })
    }
}

/// What the line says, besides its checkbox.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TaskFields {
    /// The description: the text with every recognised field removed.
    pub description: String,
    pub due: Option<NaiveDate>,
    pub scheduled: Option<NaiveDate>,
    pub start: Option<NaiveDate>,
    pub created: Option<NaiveDate>,
    pub completed: Option<NaiveDate>,
    pub cancelled: Option<NaiveDate>,
    pub priority: Option<Priority>,
    pub recurrence: Option<String>,
    /// 🆔 `id`: what other tasks' ⛔ name.
    pub id: Option<String>,
    /// ⛔ `dependsOn`: the ids of the tasks this one waits for.
    pub depends_on: Vec<String>,
    /// 🏁 `onCompletion`: what the Tasks plugin does with the line when it is done (`delete`, `keep`).
    pub on_completion: Option<String>,
    /// The Obsidian block id at the end of the line (`^my-task`), without `^`.
    pub block_id: Option<String>,
    /// Other inline fields, keys lower-cased.
    pub fields: BTreeMap<String, String>,
    /// `@Handle` mentions, without `@`, in order.
    pub handles: Vec<String>,
}

#[derive(Clone, Copy)]
enum DateField {
    Due,
    Scheduled,
    Start,
    Created,
    Completed,
    Cancelled,
}

fn date_emoji(c: char) -> Option<DateField> {
    Some(match c {
        '📅' | '📆' | '🗓' => DateField::Due,
        '⏳' | '⌛' => DateField::Scheduled,
        '🛫' => DateField::Start,
        '➕' => DateField::Created,
        '✅' => DateField::Completed,
        '❌' => DateField::Cancelled,
        _ => return None,
    })
}

fn priority_emoji(c: char) -> Option<Priority> {
    Some(match c {
        '🔺' => Priority::Highest,
        '⏫' => Priority::High,
        '🔼' => Priority::Medium,
        '🔽' => Priority::Low,
        '⏬' => Priority::Lowest,
        _ => return None,
    })
}

/// Characters that begin a field: where a recurrence rule's text stops.
fn starts_field(c: char) -> bool {
    date_emoji(c).is_some() || priority_emoji(c).is_some() || matches!(c, '🔁' | '🏁' | '🆔' | '⛔' | '[' | '(')
}

impl TaskFields {
    fn set_date(&mut self, field: DateField, date: NaiveDate) {
        let slot = match field {
            DateField::Due => &mut self.due,
            DateField::Scheduled => &mut self.scheduled,
            DateField::Start => &mut self.start,
            DateField::Created => &mut self.created,
            DateField::Completed => &mut self.completed,
            DateField::Cancelled => &mut self.cancelled,
        };
        slot.get_or_insert(date);
    }

    fn set_inline(&mut self, key: &str, value: &str) {
        let value = value.trim();
        // The Tasks plugin's Dataview format names these in camel case, exactly. They stay
        // fields too: Dataview sees `[id:: …]` as one.
        match key.trim() {
            "id" if !value.is_empty() => {
                self.id.get_or_insert_with(|| value.to_string());
            }
            "dependsOn" => {
                self.depends_on.extend(value.split(',').map(str::trim).filter(|v| !v.is_empty()).map(str::to_string));
            }
            "onCompletion" if !value.is_empty() => {
                self.on_completion.get_or_insert_with(|| value.to_lowercase());
            }
            _ => {}
        }
        let key = key.trim().to_lowercase();
        let date_field = match key.as_str() {
            "due" => Some(DateField::Due),
            "scheduled" => Some(DateField::Scheduled),
            "start" => Some(DateField::Start),
            "created" => Some(DateField::Created),
            "completion" | "completed" | "done" => Some(DateField::Completed),
            "cancelled" => Some(DateField::Cancelled),
            _ => None,
        };
        if let (Some(field), Some(date)) = (date_field, parse_date(value)) {
            self.set_date(field, date);
            return;
        }
        match key.as_str() {
            "priority" if Priority::from_word(value).is_some() => {
                // Kept as a field too: Dataview sees `[priority:: high]` but no priority emoji.
                self.priority = Priority::from_word(value);
                self.fields.entry(key).or_insert_with(|| value.to_string());
            }
            "repeat" | "recurrence" => self.recurrence = Some(value.to_string()),
            _ => {
                self.fields.entry(key).or_insert_with(|| value.to_string());
            }
        }
    }
}

/// Parses a task's plain text (after the checkbox).
pub fn parse(text: &str) -> TaskFields {
    let mut out = TaskFields::default();
    let mut description = String::with_capacity(text.len());
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if let Some(field) = date_emoji(c) {
            let mut j = skip_variation_and_space(&chars, i + 1);
            let candidate: String = chars[j..chars.len().min(j + 10)].iter().collect();
            if let Some(date) = NaiveDate::parse_from_str(&candidate, "%Y-%m-%d").ok().filter(|_| candidate.len() == 10)
            {
                out.set_date(field, date);
                j += 10;
                i = j;
                continue;
            }
        }
        if let Some(p) = priority_emoji(c) {
            out.priority.get_or_insert(p);
            i = skip_variation_and_space(&chars, i + 1);
            continue;
        }
        if c == '🔁' {
            // As the Tasks plugin reads a rule: letters, digits, spaces, commas and `!` (so a
            // `#tag` or the next field ends it).
            let start = skip_variation_and_space(&chars, i + 1);
            let mut end = start;
            while end < chars.len() && !starts_field(chars[end]) && is_rule_char(chars[end]) {
                end += 1;
            }
            let rule: String = chars[start..end].iter().collect();
            let rule = rule.trim();
            // The rule leaves the text either way, as in the Tasks plugin; one that is no
            // rule (`🔁 invalid rule`) is no recurrence.
            if is_recurrence_rule(rule) {
                out.recurrence.get_or_insert_with(|| rule.to_string());
            }
            i = end;
            continue;
        }
        if matches!(c, '🆔' | '⛔' | '🏁') {
            let start = skip_variation_and_space(&chars, i + 1);
            let word_end = |from: usize| {
                let mut e = from;
                while e < chars.len()
                    && (if c == '🏁' { chars[e].is_ascii_alphabetic() } else { is_id_char(chars[e]) })
                {
                    e += 1;
                }
                e
            };
            let mut end = word_end(start);
            // ⛔ names several ids: `a, b ,c`.
            while c == '⛔' && end > start {
                let mut k = end;
                while k < chars.len() && chars[k] == ' ' {
                    k += 1;
                }
                if chars.get(k) != Some(&',') {
                    break;
                }
                k += 1;
                while k < chars.len() && chars[k] == ' ' {
                    k += 1;
                }
                let next = word_end(k);
                if next == k {
                    break;
                }
                end = next;
            }
            let value: String = chars[start..end].iter().collect();
            let value = value.trim().trim_end_matches(',').trim();
            // An id ends at a space or the line's end: `🆔 A*bcd0f` is no id, and stays text.
            let ends_cleanly = chars.get(end).is_none_or(|&ch| ch.is_whitespace() || starts_field(ch));
            if !value.is_empty() && ends_cleanly {
                match c {
                    '🆔' => {
                        out.id.get_or_insert_with(|| value.to_string());
                    }
                    '⛔' => out
                        .depends_on
                        .extend(value.split(',').map(str::trim).filter(|v| !v.is_empty()).map(str::to_string)),
                    _ => {
                        out.on_completion.get_or_insert_with(|| value.to_lowercase());
                    }
                }
                i = end;
                continue;
            }
        }
        if c == '^' && (i == 0 || chars[i - 1] == ' ') {
            // A block id ends the line: `^` and letters, digits and `-` up to the end (and
            // any spaces after it).
            let trailing = chars[i + 1..].iter().rev().take_while(|ch| ch.is_whitespace()).count();
            let rest = &chars[i + 1..chars.len() - trailing];
            if !rest.is_empty() && rest.iter().all(|&ch| ch.is_ascii_alphanumeric() || ch == '-') {
                out.block_id = Some(rest.iter().collect());
                break;
            }
        }
        if c == '[' || c == '(' {
            if let Some((key, value, end)) = crate::vault::fields::bracketed_field(&chars, i) {
                if !balanced(&value) {
                    // `[due::2021-08-22) (priority:: high]`: Dataview reads one field with an
                    // odd value, the Tasks plugin none. Kept as Dataview's field, and as text.
                    out.fields.entry(key.trim().to_lowercase()).or_insert_with(|| value.trim().to_string());
                    description.extend(&chars[i..end]);
                    i = end;
                    continue;
                }
                out.set_inline(&key, &value);
                // Fields written as a list (`[due:: …], [priority:: high] , (start:: …)`):
                // the commas between them go with them, as in the Tasks plugin.
                i = end;
                let mut k = end;
                while chars.get(k) == Some(&' ') {
                    k += 1;
                }
                if chars.get(k) == Some(&',') {
                    i = k + 1;
                }
                continue;
            }
        }
        if c == '@' && (i == 0 || !chars[i - 1].is_alphanumeric()) {
            let mut end = i + 1;
            while end < chars.len() && (chars[end].is_alphanumeric() || chars[end] == '_' || chars[end] == '-') {
                end += 1;
            }
            if end > i + 1 {
                out.handles.push(chars[i + 1..end].iter().collect());
            }
        }
        description.push(c);
        i += 1;
    }
    out.description = collapse_whitespace(&without_comments(&description));
    out
}

/// `text` without its `%%comments%%` (an unclosed one hides the rest, as in Obsidian).
fn without_comments(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains("%%") {
        return std::borrow::Cow::Borrowed(text);
    }
    let shown: String = text.split("%%").step_by(2).collect::<Vec<_>>().join(" ");
    std::borrow::Cow::Owned(shown)
}

/// Whether `rule` reads as a recurrence rule: the Tasks plugin's all begin with `every`
/// (`every day`, `every 2 weeks on Monday when done`).
fn is_recurrence_rule(rule: &str) -> bool {
    let mut words = rule.split_whitespace();
    words.next().is_some_and(|w| w.eq_ignore_ascii_case("every")) && words.next().is_some()
}

/// Whether the round and square brackets in `value` open and close in order.
fn balanced(value: &str) -> bool {
    let mut open = Vec::new();
    for c in value.chars() {
        match c {
            '(' | '[' => open.push(c),
            ')' if open.pop() != Some('(') => return false,
            ']' if open.pop() != Some('[') => return false,
            _ => {}
        }
    }
    open.is_empty()
}

/// A character of a Tasks recurrence rule (`every 2 weeks on Monday, Friday`, `… when done`).
fn is_rule_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, ' ' | ',' | '!')
}

/// A character of a Tasks id (`🆔 abc-123`, `⛔ abc-123,def`).
fn is_id_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '-' | '_')
}

fn skip_variation_and_space(chars: &[char], mut i: usize) -> usize {
    while i < chars.len() && (chars[i] == '\u{FE0F}' || chars[i] == ' ') {
        i += 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Option<NaiveDate> {
        parse_date(s)
    }

    #[test]
    fn tasks_emoji_and_priority() {
        let t = parse("Send sizing to Ines ⏫ 🔁 every week on Monday 📅 2026-10-15 ➕ 2026-10-01 ⏳ 2026-10-10");
        assert_eq!(t.description, "Send sizing to Ines");
        assert_eq!(t.due, d("2026-10-15"));
        assert_eq!(t.created, d("2026-10-01"));
        assert_eq!(t.scheduled, d("2026-10-10"));
        assert_eq!(t.priority, Some(Priority::High));
        assert_eq!(t.recurrence.as_deref(), Some("every week on Monday"));
    }

    #[test]
    fn dataview_inline_fields_and_handles() {
        let t = parse("@ArunKrishna draft the cache RFP [due:: 2026-10-15] (owner:: Ops) [priority:: low] mail a@b.c");
        assert_eq!(t.due, d("2026-10-15"));
        assert_eq!(t.priority, Some(Priority::Low));
        assert_eq!(t.fields.get("owner").map(String::as_str), Some("Ops"));
        assert_eq!(t.handles, vec!["ArunKrishna"]);
        assert_eq!(t.description, "@ArunKrishna draft the cache RFP mail a@b.c");
    }

    #[test]
    fn done_and_variation_selectors() {
        let t = parse("Ship it ✅ 2026-09-01 🗓\u{FE0F} 2026-08-30");
        assert_eq!(t.completed, d("2026-09-01"));
        assert_eq!(t.due, d("2026-08-30"));
        assert_eq!(t.description, "Ship it");
    }

    /// After the Tasks plugin's `DefaultTaskSerializer` tests: id, depends-on and
    /// on-completion are fields, not text; a block id is the line's, not the description's.
    #[test]
    fn id_depends_on_on_completion_and_block_ids_leave_the_text() {
        let t = parse("Write report 🆔 abc-123 ⛔ F12345, x_9 🏁 delete 📅 2021-09-12 ^my-precious");
        assert_eq!(t.description, "Write report");
        assert_eq!(t.id.as_deref(), Some("abc-123"));
        assert_eq!(t.depends_on, ["F12345", "x_9"]);
        assert_eq!(t.on_completion.as_deref(), Some("delete"));
        assert_eq!(t.due, d("2021-09-12"));
        assert_eq!(t.block_id.as_deref(), Some("my-precious"));
        let t = parse("⛔ F12345");
        assert_eq!((t.description.as_str(), t.depends_on.as_slice()), ("", &["F12345".to_string()][..]));
        // Read anywhere in the line, as every field here: the ids end where the list does.
        let t = parse("⛔ a1 , b2 then call Ann");
        assert_eq!(
            (t.description.as_str(), t.depends_on.as_slice()),
            ("then call Ann", &["a1".to_string(), "b2".to_string()][..])
        );
    }

    /// The Tasks plugin's Dataview format (`DataviewTaskSerializer`): the same fields in
    /// brackets, named exactly.
    #[test]
    fn dataview_format_ids_and_dependencies() {
        let t = parse("Ship [id:: ship1] [dependsOn:: a1, b2] [onCompletion:: delete]");
        assert_eq!(t.id.as_deref(), Some("ship1"));
        assert_eq!(t.depends_on, ["a1", "b2"]);
        assert_eq!(t.on_completion.as_deref(), Some("delete"));
        assert_eq!(t.description, "Ship");
        assert_eq!(t.fields.get("id").map(String::as_str), Some("ship1"), "still a Dataview field");
        // Another spelling is an ordinary inline field, not a dependency.
        let t = parse("Ship [dependson:: F12345]");
        assert!(t.depends_on.is_empty());
        assert_eq!(t.fields.get("dependson").map(String::as_str), Some("F12345"));
    }

    /// As `DefaultTaskSerializer`: a rule is letters, digits, spaces, commas and `!`; the tags
    /// after it stay in the text.
    #[test]
    fn a_recurrence_rule_ends_where_its_characters_do() {
        let t = parse("Water plants 🔁 every day #tag6 #tag7");
        assert_eq!(t.recurrence.as_deref(), Some("every day"));
        assert_eq!(t.description, "Water plants #tag6 #tag7");
        let t = parse("Pay rent 🔁 every month on the 1st when done 📅 2026-01-01");
        assert_eq!(t.recurrence.as_deref(), Some("every month on the 1st when done"));
    }

    #[test]
    fn a_comment_in_a_task_line_is_not_its_text() {
        assert_eq!(parse("Call Ann %%she prefers mornings%% 📅 2026-01-05").description, "Call Ann");
        assert_eq!(parse("Call Ann %%unclosed").description, "Call Ann");
    }

    /// An impossible date is no date; the text keeps it, as the Tasks plugin's does.
    #[test]
    fn an_invalid_date_is_never_a_date() {
        for line in ["Fix 📅 2023-13-02", "Fix ⏳ 2024-02-31"] {
            let t = parse(line);
            assert_eq!((t.due, t.scheduled), (None, None), "{line}");
            assert_eq!(t.description, line);
        }
    }

    #[test]
    fn text_that_only_looks_like_fields_stays() {
        let t = parse("Check (see notes) and [draft] 📅 soon");
        assert_eq!(t.description, "Check (see notes) and [draft] 📅 soon");
        assert_eq!(t.due, None);
    }
}

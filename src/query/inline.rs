//! Inline fields as Dataview finds them in a line of a note (`[key:: value]` and
//! `(key:: value)` anywhere; `key:: value` filling a line that has none of those), and field
//! names as Dataview canonicalises them, so `Some  Field` is reached as `some-field`.
//!
//! The model reads fields its own, stricter way (`vault::fields`); queries read them as
//! Dataview does, so that a query gives Obsidian's answer.

use super::parse::is_emoji;

/// The fields of one line, in the order they start.
pub fn line_fields(line: &str) -> Vec<(String, String)> {
    let wrapped = wrapped_fields(line);
    if !wrapped.is_empty() {
        return wrapped;
    }
    full_line_field(line).into_iter().collect()
}

/// `[key:: value]` and `(key:: value)`: the key runs to the first `::` after the bracket and
/// holds no bracket; the value runs to the matching close, brackets of the same kind nesting
/// and `\` escaping the next character.
fn wrapped_fields(line: &str) -> Vec<(String, String)> {
    if !line.contains("::") {
        return Vec::new();
    }
    let chars: Vec<char> = line.chars().collect();
    let next = |c: char, from: usize| (from..chars.len()).find(|&i| chars[i] == c);
    let mut found: Vec<(usize, String, String)> = Vec::new();
    for (open, close) in [('[', ']'), ('(', ')')] {
        let mut at = next(open, 0);
        while let Some(start) = at {
            match wrapped_field_at(&chars, start, open, close) {
                Some((key, value, end)) => {
                    found.push((start, key, value));
                    at = next(open, end);
                }
                None => at = next(open, start + 1),
            }
        }
    }
    found.sort_by_key(|f| f.0);
    found.into_iter().map(|(_, key, value)| (key, value)).collect()
}

fn wrapped_field_at(chars: &[char], start: usize, open: char, close: char) -> Option<(String, String, usize)> {
    let sep = (start + 1..chars.len().saturating_sub(1)).find(|&i| chars[i] == ':' && chars[i + 1] == ':')?;
    let key: String = chars[start + 1..sep].iter().collect::<String>().trim().to_string();
    if key.is_empty() || key.contains(['[', ']', '(', ')']) {
        return None;
    }
    let (mut nesting, mut escaped) = (0i32, false);
    for (i, &c) in chars.iter().enumerate().skip(sep + 2) {
        if c == '\\' {
            escaped = !escaped;
            continue;
        }
        if escaped {
            escaped = false;
            continue;
        }
        if c == open {
            nesting += 1;
        } else if c == close {
            nesting -= 1;
        }
        if nesting < 0 {
            let value: String = chars[sep + 2..i].iter().collect();
            return Some((key, value.trim().to_string(), i + 1));
        }
    }
    None
}

/// `key:: value` as a whole line: marks before the key (`- `, `> `, `**`) and after it
/// (`**`, `_`, `` ` ``) are dropped; a key of anything but letters, digits, spaces, `_`, `-`,
/// `/` and emoji makes no field.
fn full_line_field(line: &str) -> Option<(String, String)> {
    let (raw_key, value) = line.split_once("::")?;
    let raw_key = raw_key.trim();
    let key = raw_key.trim_start_matches(|c: char| !(c.is_alphanumeric() || c == '_'));
    let key = key.trim_end_matches(['_', '*', '~', '`']);
    let key_char = |c: char| c.is_alphanumeric() || c.is_whitespace() || matches!(c, '_' | '/' | '-') || is_emoji(c);
    if key.is_empty() || !key.chars().all(key_char) {
        return None;
    }
    Some((key.to_string(), value.trim().to_string()))
}

/// Dataview's canonical field name: lower case, each run of spaces one `-`, other
/// punctuation dropped (`Some  Field!` is `some-field`).
pub fn canonical_name(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut in_space = false;
    for c in name.chars() {
        if c.is_whitespace() {
            if !in_space {
                out.push('-');
            }
            in_space = true;
            continue;
        }
        in_space = false;
        if c.is_alphanumeric() || matches!(c, '_' | '-') {
            out.extend(c.to_lowercase());
        } else if is_emoji(c) {
            out.push(c);
        }
    }
    out
}

/// Whether `key` (as written) is the field a query names `wanted` (as written there).
pub fn names_field(key: &str, wanted: &str) -> bool {
    key.to_lowercase() == wanted.to_lowercase() || canonical_name(key) == canonical_name(wanted)
}

/// A task's tags as Dataview reads them from its text: `#` and what follows up to a space or
/// punctuation, wherever it stands (`#one,#two` is two tags), and only when all of it may be
/// in a tag. Unlike Dataview, a heading in a link (`[[Note#Heading]]`) is no tag.
pub fn task_tags(text: &str) -> Vec<String> {
    let ends_match = |c: char| c.is_whitespace() || ",;.:!?'\"`()[]{}".contains(c);
    let not_in_tag = |c: char| {
        ('\u{2000}'..='\u{206F}').contains(&c)
            || ('\u{2E00}'..='\u{2E7F}').contains(&c)
            || "#$%&*+<=>@^|~\\".contains(c)
    };
    let chars: Vec<char> = text.chars().collect();
    let mut tags: Vec<String> = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i] == '[' && chars.get(i + 1) == Some(&'[') {
            // Past the link: its `#Heading` is an anchor.
            i = (i + 2..chars.len().saturating_sub(1))
                .find(|&k| chars[k] == ']' && chars[k + 1] == ']')
                .map_or(chars.len(), |k| k + 2);
            continue;
        }
        if chars[i] != '#' {
            i += 1;
            continue;
        }
        let end = (i + 1..chars.len()).find(|&k| ends_match(chars[k])).unwrap_or(chars.len());
        let body = &chars[i + 1..end];
        if !body.is_empty() && !body.iter().copied().any(not_in_tag) {
            let tag = format!("#{}", body.iter().collect::<String>());
            if !tags.contains(&tag) {
                tags.push(tag);
            }
        }
        i = end.max(i + 1);
    }
    tags
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_as_dataview_canonicalises_them() {
        assert_eq!(canonical_name("Some  Field   Name!"), "some-field-name");
        assert_eq!(canonical_name("Favourite Colour"), "favourite-colour");
        assert_eq!(canonical_name("key!"), "key");
        assert!(names_field("Phone Number", "phone-number"));
        assert!(!names_field("Phone", "phone-number"));
    }

    #[test]
    fn task_tags_as_dataview_reads_them() {
        assert_eq!(task_tags("a task #one,#two"), ["#one", "#two"]);
        assert_eq!(task_tags("#a/b and #a/b again, (#c)"), ["#a/b", "#c"]);
        assert_eq!(task_tags("#a#b is no tag; #123 is"), ["#123"]);
        assert_eq!(task_tags("see [[Note#Heading]] #real"), ["#real"]);
    }
}

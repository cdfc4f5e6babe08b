//! Markdown through minijinja. Every value printed from the view is escaped for Markdown
//! (a custom auto-escape), so text from notes cannot open a heading, a table cell, a link,
//! HTML, a tag or a comment. Filters produce the few pieces of Markdown we mean to write.

use minijinja::syntax::SyntaxConfig;
use minijinja::value::{Kwargs, Serde, Value};
use minijinja::{AutoEscape, Environment, Error, ErrorKind, Output, State, UndefinedBehavior};
use serde::Serialize;

use super::Templates;

const MARKDOWN: &str = "markdown";

/// Renders the template `name` (for example `brief.md.j2`) with `view` as its context.
pub fn render<T: Serialize>(templates: &Templates, name: &str, view: &T) -> anyhow::Result<String> {
    let (source, origin) = templates.load(name)?;
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    env.set_syntax(SyntaxConfig::builder().keep_trailing_newline(true).trim_blocks(true).lstrip_blocks(true).build()?);
    env.set_auto_escape_callback(|_| AutoEscape::Custom(MARKDOWN.into()));
    env.set_formatter(format_value);
    env.add_filter("wikilink", wikilink);
    env.add_filter("cite", cite);
    env.add_template_owned(name.to_string(), source)
        .map_err(|e| anyhow::anyhow!("template {origin}: {}", describe(&e)))?;
    let template = env.get_template(name)?;
    let mut text = template
        .render(Value::from(Serde(view)))
        .map_err(|e| anyhow::anyhow!("template {origin}: {}", describe(&e)))?;
    if !text.ends_with('\n') {
        text.push('\n');
    }
    Ok(text)
}

/// "line 12: undefined value (in brief.md.j2:12)" with the cause chain.
fn describe(e: &Error) -> String {
    let mut s = match e.line() {
        Some(line) => format!("line {line}: {}", e.detail().unwrap_or(&e.kind().to_string())),
        None => e.to_string(),
    };
    let mut source = std::error::Error::source(e);
    while let Some(cause) = source {
        s.push_str(&format!(": {cause}"));
        source = cause.source();
    }
    s
}

/// A template value as text: nothing for none or undefined.
pub(super) fn plain(v: &Value) -> String {
    if v.is_none() || v.is_undefined() {
        String::new()
    } else {
        v.to_string()
    }
}

fn format_value(out: &mut Output, state: &mut State, value: &Value) -> Result<(), Error> {
    let text = if value.is_safe() || !matches!(state.auto_escape(), AutoEscape::Custom(_)) {
        plain(value)
    } else {
        escape(&plain(value))
    };
    out.write_str(&text).map_err(|_| Error::new(ErrorKind::WriteFailure, "cannot write"))
}

/// Escapes text for any inline place in Markdown (paragraph, list item, table cell).
/// Newlines become spaces, so one value never spans lines.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '\n' | '\r' => out.push(' '),
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '$' | '#' | '&' | '=' | '%' | '^' => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    // A value at the start of a line must not become a list item.
    let digits = out.chars().take_while(|c| c.is_ascii_digit()).count();
    if out.starts_with(['-', '+']) {
        out.insert(0, '\\');
    } else if digits > 0 && out[digits..].starts_with(['.', ')']) {
        out.insert(digits, '\\');
    }
    out
}

/// A label usable inside `[[...|label]]`: no brackets, pipes or newlines.
fn link_label(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '[' | ']' | '|' | '\n' | '\r' => ' ',
            c if c.is_control() => ' ',
            c => c,
        })
        .collect::<String>()
        .trim()
        .to_string()
}

/// A path Obsidian can link to: none of the characters its links cannot hold.
fn linkable(path: &str) -> bool {
    !path.is_empty() && !path.contains(['[', ']', '|', '#', '^', '\n', '\r'])
}

/// `[[path|label]]` for a note path (with `\|` in table cells), or the escaped label alone
/// when the path cannot be linked. The one place Markdown links to notes are written.
pub fn wikilink_text(path: &str, label: &str, in_table: bool) -> String {
    if !linkable(path) {
        return escape(label);
    }
    let target = path.strip_suffix(".md").unwrap_or(path);
    let sep = if in_table { "\\|" } else { "|" };
    let label = link_label(label);
    if label.is_empty() || label == target {
        format!("[[{target}]]")
    } else {
        format!("[[{target}{sep}{label}]]")
    }
}

/// `path | wikilink(label, table=true)`: a link to a note, for templates.
fn wikilink(path: Value, label: Value, kwargs: Kwargs) -> Result<Value, Error> {
    let in_table: bool = kwargs.get::<Option<bool>>("table")?.unwrap_or(false);
    kwargs.assert_all_used()?;
    Ok(Value::from_safe_string(wikilink_text(&plain(&path), &plain(&label), in_table)))
}

/// `source | cite` → `[[People/Dana Lee|People/Dana Lee.md:12]]`: a clickable citation.
fn cite(source: Value, kwargs: Kwargs) -> Result<Value, Error> {
    let in_table: bool = kwargs.get::<Option<bool>>("table")?.unwrap_or(false);
    kwargs.assert_all_used()?;
    let path = plain(&source.get_attr("path")?);
    let label = format!("{path}:{}", plain(&source.get_attr("line")?));
    Ok(Value::from_safe_string(wikilink_text(&path, &label, in_table)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_neutralises_markdown() {
        assert_eq!(escape("# Title | a"), "\\# Title \\| a");
        assert_eq!(escape("- item"), "\\- item");
        assert_eq!(escape("1. first"), "1\\. first");
        assert_eq!(escape("<b>x</b> [[Y]] %%c%% $x^2$"), "\\<b\\>x\\</b\\> \\[\\[Y\\]\\] \\%\\%c\\%\\% \\$x\\^2\\$");
        assert_eq!(escape("two\nlines"), "two lines");
        assert_eq!(escape("plain text, 2026-01-01"), "plain text, 2026-01-01");
    }

    #[test]
    fn links_hold_no_link_syntax_from_notes() {
        assert_eq!(link_label("a|b]]c"), "a b  c");
        assert!(!linkable("x[1].md"));
    }
}

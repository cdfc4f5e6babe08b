//! View → one self-contained HTML page through minijinja: `report-templates/<report>.html.j2`
//! inside `layout.html.j2`, both overridable like every template.
//!
//! The page needs nothing outside itself: its style is inline, and its Content-Security-Policy
//! forbids every request (`default-src 'none'`). Every value printed from the view is
//! HTML-escaped (minijinja's HTML auto-escape), so text from a note cannot add markup. The
//! only script a page may run is ours: a report's script (`<report>.js`, the map's filters)
//! is placed by the renderer, and the policy allows exactly that text by its SHA-256, so a
//! script a note managed to smuggle into the page would still not run.

use base64::Engine;
use minijinja::value::{Kwargs, Serde, Value};
use minijinja::{AutoEscape, Environment, Error, HtmlEscape, UndefinedBehavior};
use serde::Serialize;
use sha2::{Digest, Sha256};

use super::markdown::plain;
use super::Templates;

/// The page layout every report's template extends.
pub const LAYOUT: &str = "layout.html.j2";
/// Parts a report's template may include.
pub const PARTS: [&str; 1] = ["grid.html.j2"];

/// What a page's template gets besides the view.
#[derive(Serialize)]
struct Page<'a, T: Serialize> {
    #[serde(flatten)]
    view: &'a T,
    /// The document marking, as on every PDF page.
    marking: &'a str,
    /// The Content-Security-Policy of the page: nothing loaded, only our script run.
    csp: String,
    /// The report's own script, placed as it is (empty: none).
    script: String,
}

/// Renders template `name` (for example `map.html.j2`), with `script` (a template folder's
/// file, for example `map.js`) as the page's one script when there is one.
pub fn render<T: Serialize>(
    templates: &Templates,
    name: &str,
    script: Option<&str>,
    view: &T,
    marking: &str,
) -> anyhow::Result<String> {
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    env.set_auto_escape_callback(|_| AutoEscape::Html);
    env.add_filter("cite", cite);
    env.add_filter("note", note);
    let mut origins = Vec::new();
    for template in [LAYOUT].into_iter().chain(PARTS).chain([name]) {
        let (source, origin) = templates.load(template)?;
        env.add_template_owned(template.to_string(), source)
            .map_err(|e| anyhow::anyhow!("template {origin}: {}", describe(&e)))?;
        origins.push(origin);
    }
    let script = match script {
        Some(file) => templates.load(file)?.0,
        None => String::new(),
    };
    let page = Page { view, marking, csp: policy(&script), script };
    let template = env.get_template(name)?;
    let mut text = template
        .render(Value::from(Serde(&page)))
        .map_err(|e| anyhow::anyhow!("template {}: {}", origins.join(" or "), describe(&e)))?;
    if !text.ends_with('\n') {
        text.push('\n');
    }
    Ok(text)
}

/// Nothing may be fetched or submitted; inline style is ours (the values in it are escaped),
/// images only `data:` URLs, and a script only when it is exactly `script`. (A `<meta>`
/// policy cannot forbid framing: browsers ignore `frame-ancestors` there and say so.)
fn policy(script: &str) -> String {
    let scripts = if script.is_empty() {
        "'none'".to_string()
    } else {
        let digest = Sha256::digest(script.as_bytes());
        format!("'sha256-{}'", base64::engine::general_purpose::STANDARD.encode(digest))
    };
    format!(
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src {scripts}; \
         base-uri 'none'; form-action 'none'"
    )
}

fn describe(e: &Error) -> String {
    match e.line() {
        Some(line) => format!("line {line}: {}", e.detail().unwrap_or(&e.kind().to_string())),
        None => e.to_string(),
    }
}

/// `source | cite` → `<cite>People/Dana Lee.md:12</cite>`: where a claim comes from.
fn cite(source: Value, kwargs: Kwargs) -> Result<Value, Error> {
    kwargs.assert_all_used()?;
    let path = plain(&source.get_attr("path")?);
    let line = plain(&source.get_attr("line")?);
    Ok(Value::from_safe_string(format!("<cite>{}:{}</cite>", HtmlEscape(&path), HtmlEscape(&line))))
}

/// `path | note(label)` → the label, with the note's path shown on hover.
fn note(path: Value, label: Value) -> Result<Value, Error> {
    let (path, label) = (plain(&path), plain(&label));
    if path.is_empty() {
        return Ok(Value::from_safe_string(HtmlEscape(&label).to_string()));
    }
    Ok(Value::from_safe_string(format!(
        "<span class=\"note\" title=\"{}\">{}</span>",
        HtmlEscape(&path),
        HtmlEscape(&label)
    )))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_policy_allows_only_the_script_it_was_made_for() {
        assert!(policy("").contains("script-src 'none'"));
        let p = policy("alert(1)");
        // echo -n 'alert(1)' | openssl dgst -sha256 -binary | base64
        assert!(p.contains("script-src 'sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI='"), "{p}");
        assert!(p.starts_with("default-src 'none';"));
    }

    #[test]
    fn filters_escape_what_they_are_given() {
        let source = Value::from(Serde(serde_json::json!({"path": "<b>.md", "line": 3})));
        let cited = cite(source, Kwargs::from_iter(std::iter::empty::<(&str, Value)>())).unwrap();
        assert_eq!(cited.to_string(), "<cite>&lt;b&gt;.md:3</cite>");
        let shown = note(Value::from("a\"b.md"), Value::from("<i>x</i>")).unwrap();
        assert_eq!(shown.to_string(), "<span class=\"note\" title=\"a&quot;b.md\">&lt;i&gt;x&lt;&#x2f;i&gt;</span>");
    }
}

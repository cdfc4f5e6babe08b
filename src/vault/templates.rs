//! Where a vault keeps its templates. Template notes (`Person Template`, `Meeting Template`)
//! are written like the notes made from them, so they would count as people and meetings:
//! the model leaves the notes in these folders out of every kind.

use std::path::Path;

use serde::Serialize;

use crate::config::loose_name;

/// The templates folders and why they were taken.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct TemplateFolders {
    /// Vault-relative folders, without a trailing `/`.
    pub folders: Vec<String>,
    /// One sentence: where the folders came from.
    pub basis: String,
}

impl TemplateFolders {
    /// Whether a note in `folder` is a template.
    pub fn holds(&self, folder: &str) -> bool {
        self.folders.iter().any(|t| folder == t || folder.strip_prefix(t.as_str()).is_some_and(|r| r.starts_with('/')))
    }
}

/// The templates folders: configured, else named in the core Templates plugin's or
/// Templater's settings, else every folder named `Templates` (loosely: `_templates`,
/// `99 Templates`) among `folders` (the notes' folders).
pub fn locate<'a>(root: &Path, configured: &[String], folders: impl Iterator<Item = &'a str>) -> TemplateFolders {
    let clean = |f: &str| f.trim().trim_matches('/').to_string();
    if !configured.is_empty() {
        return TemplateFolders {
            folders: configured.iter().map(|f| clean(f)).collect(),
            basis: "configured: templates-folders in dossier.toml".to_string(),
        };
    }
    let mut named = Vec::new();
    let mut from = Vec::new();
    for (file, key) in
        [(".obsidian/templates.json", "folder"), (".obsidian/plugins/templater-obsidian/data.json", "templates_folder")]
    {
        let Ok(text) = std::fs::read_to_string(root.join(file)) else { continue };
        let Ok(json) = serde_json::from_str::<serde_json::Value>(&text) else { continue };
        if let Some(folder) = json.get(key).and_then(|v| v.as_str()).map(clean).filter(|f| !f.is_empty()) {
            if !named.contains(&folder) {
                named.push(folder);
            }
            from.push(file);
        }
    }
    if !named.is_empty() {
        return TemplateFolders { folders: named, basis: format!("named in {}", from.join(" and ")) };
    }
    let mut found: Vec<String> = Vec::new();
    // Notes share folders: each is looked at once.
    let folders: std::collections::BTreeSet<&str> = folders.collect();
    for folder in folders {
        // The outermost folder named Templates holds all below it.
        let mut path = String::new();
        for part in folder.split('/') {
            if !path.is_empty() {
                path.push('/');
            }
            path.push_str(part);
            if loose_name(part) == "template" {
                if !found.contains(&path) {
                    found.push(path.clone());
                }
                break;
            }
        }
    }
    found.sort();
    let basis = if found.is_empty() {
        "none: no templates folder is set in .obsidian or dossier.toml, and no folder is named Templates".to_string()
    } else {
        "a folder named Templates (no templates folder is set in .obsidian or dossier.toml)".to_string()
    };
    TemplateFolders { folders: found, basis }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folders_named_templates_loosely() {
        let t = locate(
            Path::new("/nonexistent"),
            &[],
            ["People", "Extras/Templates", "_meta/templates/x", "99 Templates"].into_iter(),
        );
        assert_eq!(t.folders, ["99 Templates", "Extras/Templates", "_meta/templates"]);
        assert!(t.holds("Extras/Templates") && t.holds("_meta/templates/x") && !t.holds("Extras/TemplatesOld"));
    }

    #[test]
    fn configured_folders_win() {
        let t = locate(Path::new("/nonexistent"), &["Blueprints/".to_string()], ["Templates"].into_iter());
        assert_eq!(t.folders, ["Blueprints"]);
    }
}

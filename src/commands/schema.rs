//! `dossier schema`: the fields the vault writes, and a mapping proposed from them.

use std::io::Write;

use super::table::write_table;
use super::EXIT_OK;
use crate::model::{self, Graph};

/// `dossier schema`: the vault's fields per kind, or a proposed `[fields]` block.
pub(super) fn schema(
    graph: &Graph,
    kind: Option<crate::cli::SchemaKind>,
    toml: bool,
    out: &mut dyn Write,
) -> anyhow::Result<i32> {
    use crate::cli::SchemaKind;
    let kind = kind.map(|k| match k {
        SchemaKind::Person => model::Kind::Person,
        SchemaKind::Customer => model::Kind::Customer,
        SchemaKind::Project => model::Kind::Project,
        SchemaKind::Meeting => model::Kind::Meeting,
        SchemaKind::Note => model::Kind::Note,
    });
    let schemas = crate::schema::survey(graph, kind);
    if toml {
        let proposals = crate::schema::proposals(&schemas);
        write!(out, "{}", crate::schema::proposed_toml(&graph.settings.fields, &proposals))?;
        return Ok(EXIT_OK);
    }
    for (i, s) in schemas.iter().enumerate() {
        if i > 0 {
            writeln!(out)?;
        }
        let kind = format!("{:?}", s.kind).to_lowercase();
        writeln!(out, "{kind} notes: {}", s.notes)?;
        let mut rows = vec![["FIELD", "NOTES", "ROLE", "SAMPLES"].map(String::from).to_vec()];
        for f in &s.fields {
            rows.push(vec![
                f.name.clone(),
                f.notes.to_string(),
                f.role.unwrap_or("unmapped").to_string(),
                f.samples.join(" | "),
            ]);
        }
        write_table(out, &rows)?;
        for c in &s.conflicts {
            let (used, rest) = c.fields.split_first().expect("a conflict has two fields");
            writeln!(out, "conflict: {}:{}: {} is `{used}`, not `{}`", c.path, c.line, c.role, rest.join("`, `"))?;
        }
    }
    if schemas.is_empty() {
        writeln!(out, "no notes")?;
    } else {
        writeln!(
            out,
            "\n`dossier schema --toml` proposes a [fields] block; `dossier config` shows the names each role reads"
        )?;
    }
    Ok(EXIT_OK)
}

//! `dossier query`: one Dataview query (or, with `--base`, one view of a base) against the vault.

use std::io::Write;

use super::{today, UsageError, EXIT_OK};
use crate::cli::{QueryArgs, QueryFormat};
use crate::model::Graph;
use crate::select;
use crate::vault;

pub(super) fn query(graph: &Graph, args: &QueryArgs, out: &mut dyn Write) -> anyhow::Result<i32> {
    let this = match &args.this {
        Some(name) => match select::find_subject(graph, name)? {
            vault::Target::Note(id) => Some(id),
            vault::Target::Unresolved(_) => {
                return Err(UsageError(format!("--this must name a note; \"{name}\" has none")).into())
            }
        },
        None => None,
    };
    let today = args.as_of.unwrap_or_else(today);
    let result = match (&args.base, &args.dql) {
        (Some(base), _) => answer_base(graph, base, this, today)?,
        (None, Some(dql)) => {
            let parsed = crate::query::parse(dql)
                .map_err(|e| UsageError(format!("the query does not parse: {}", e.render(dql))))?;
            let context = crate::query::Context::new(graph, this, today);
            context.run(&parsed).map_err(|u| UsageError(format!("the query cannot be answered: {}", u.0)))?
        }
        (None, None) => return Err(UsageError("give a query, or --base FILE".into()).into()),
    };
    match args.format {
        QueryFormat::Md => out.write_all(crate::render::query::to_markdown(graph, &result).as_bytes())?,
        QueryFormat::Json => {
            serde_json::to_writer_pretty(&mut *out, &crate::render::query::to_json(graph, &result))?;
            writeln!(out)?;
        }
    }
    Ok(EXIT_OK)
}

/// `--base "Meetings.base#Person"`: the vault's base file, its view, with `this` = `--this`.
fn answer_base(
    graph: &Graph,
    written: &str,
    this: Option<vault::NoteId>,
    today: chrono::NaiveDate,
) -> anyhow::Result<crate::query::Output> {
    let (file, view) = crate::bases::split_embed(written);
    let found = graph.vault.base_file(file).ok_or_else(|| UsageError(format!("the vault has no base file {file}")))?;
    let text = std::fs::read_to_string(graph.vault.root.join(&found.relative_os))
        .map_err(|e| anyhow::anyhow!("cannot read {}: {e}", found.relative))?;
    let base =
        crate::bases::read(&text).map_err(|e| UsageError(format!("{} is not valid YAML: {e}", found.relative)))?;
    crate::bases::eval::run(graph, &base, view, this, today)
        .map_err(|u| UsageError(format!("the base cannot be answered: {}", u.0)).into())
}

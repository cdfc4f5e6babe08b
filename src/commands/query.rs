//! `dossier query`: one Dataview query against the vault.

use std::io::Write;

use super::{today, UsageError, EXIT_OK};
use crate::cli::{QueryArgs, QueryFormat};
use crate::model::Graph;
use crate::select;
use crate::vault;

pub(super) fn query(graph: &Graph, args: &QueryArgs, out: &mut dyn Write) -> anyhow::Result<i32> {
    let parsed = crate::query::parse(&args.dql)
        .map_err(|e| UsageError(format!("the query does not parse: {}", e.render(&args.dql))))?;
    let this = match &args.this {
        Some(name) => match select::find_subject(graph, name)? {
            vault::Target::Note(id) => Some(id),
            vault::Target::Unresolved(_) => {
                return Err(UsageError(format!("--this must name a note; \"{name}\" has none")).into())
            }
        },
        None => None,
    };
    let context = crate::query::Context::new(graph, this, args.as_of.unwrap_or_else(today));
    let result = context.run(&parsed).map_err(|u| UsageError(format!("the query cannot be answered: {}", u.0)))?;
    match args.format {
        QueryFormat::Md => out.write_all(crate::render::query::to_markdown(graph, &result).as_bytes())?,
        QueryFormat::Json => {
            serde_json::to_writer_pretty(&mut *out, &crate::render::query::to_json(graph, &result))?;
            writeln!(out)?;
        }
    }
    Ok(EXIT_OK)
}

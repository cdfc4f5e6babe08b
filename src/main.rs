use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = dossier::cli::Cli::parse();
    let code = dossier::commands::run(&cli, &mut std::io::stdout().lock(), &mut std::io::stderr().lock());
    ExitCode::from(code as u8)
}

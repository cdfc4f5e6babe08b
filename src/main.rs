use std::process::ExitCode;

use clap::Parser;

// Reading a vault allocates and frees many short-lived parse trees; mimalloc reuses that memory
// instead of asking the kernel for fresh pages (measured in benches/README.md).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = dossier::cli::Cli::parse();
    // Standard error is not locked for the whole run: the progress bar draws on it from its
    // own thread.
    let code = dossier::commands::run(&cli, &mut std::io::stdout().lock(), &mut std::io::stderr());
    ExitCode::from(code as u8)
}

use std::process::ExitCode;

use trendfeed::diagnostics::{Diagnostic, eprint_all};
use trendfeed::error::InvalidInput;

fn main() -> ExitCode {
    let cli = trendfeed::cli::Cli::parse_args();
    match trendfeed::run(cli) {
        Ok(code) => code,
        Err(err) => {
            // A closed pipe (`trendfeed trends | head`) is not a failure.
            let broken_pipe = |e: &(dyn std::error::Error + 'static)| {
                e.downcast_ref::<std::io::Error>().is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            };
            if err.chain().any(broken_pipe) {
                return ExitCode::SUCCESS;
            }
            if let Some(InvalidInput(errors)) = err.downcast_ref::<InvalidInput>() {
                eprint_all(&errors.iter().map(Diagnostic::from).collect::<Vec<_>>());
            }
            anstream::eprintln!("error: {err:#}");
            // A refusal to write where asked changed nothing: exit 2, as usage errors.
            ExitCode::from(if err.downcast_ref::<trendfeed::fs::Refused>().is_some() { 2 } else { 1 })
        }
    }
}

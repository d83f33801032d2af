use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = trendfeed::cli::Cli::parse();
    match trendfeed::run(cli) {
        Ok(code) => code,
        Err(err) => {
            // A closed pipe (`trendfeed trends | head`) is not a failure.
            if err.chain().any(|e| {
                e.downcast_ref::<std::io::Error>().is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            }) {
                return ExitCode::SUCCESS;
            }
            if let Some(invalid) = err.downcast_ref::<trendfeed::error::InvalidInput>() {
                eprintln!("{invalid}");
            } else {
                eprintln!("error: {err:#}");
            }
            ExitCode::from(1)
        }
    }
}

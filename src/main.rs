//! The `relate` binary: parse the command line, call the library, map the outcome to an exit
//! code (0 success, 1 failure, 2 usage). A closed pipe (`relate export | head`) is success.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = relate::cli::Cli::parse();
    match relate::app::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(relate::Error::Io(e)) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("relate: {e}");
            ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(1))
        }
    }
}

//! The `frontdesk` binary: parses the command line and hands over to the library.
#![forbid(unsafe_code)]

use clap::Parser;

#[tokio::main]
async fn main() {
    let cli = frontdesk::cli::Cli::parse();
    if let Err(err) = frontdesk::run(cli).await {
        // One line with the whole cause chain, never a backtrace.
        eprintln!("frontdesk: error: {err:#}");
        std::process::exit(1);
    }
}

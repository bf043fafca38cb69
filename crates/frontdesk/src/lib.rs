//! The commands behind the `frontdesk` binary, as a library so tests run exactly what users do.

pub mod cli;
mod commands;
mod output;
pub mod settings;

use cli::{Cli, Command};

/// Runs one command line to completion.
pub async fn run(cli: Cli) -> anyhow::Result<()> {
    let config = settings::load(&cli)?;
    match &cli.command {
        Command::Serve(_) => commands::serve::run(config).await,
        Command::Migrate => commands::migrate::run(config).await,
        Command::Account(cmd) => commands::accounts::run(config, cmd).await,
        Command::Agent(cmd) => commands::agents::run(config, cmd).await,
        Command::Config(cli::ConfigCommand::Default) => {
            print!("{}", settings::default_toml()?);
            Ok(())
        }
        Command::Config(cli::ConfigCommand::Show) => {
            print!("{}", settings::effective_toml(&config)?);
            Ok(())
        }
    }
}

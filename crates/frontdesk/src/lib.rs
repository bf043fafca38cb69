//! The commands behind the `frontdesk` binary, as a library so tests run exactly what users do.

pub mod cli;
mod commands;
mod output;
pub mod settings;

use cli::{Cli, Command};

/// Runs one command line to completion.
pub async fn run(cli: Cli) -> anyhow::Result<()> {
    // Flows are checked without any configuration or database.
    if let Command::Flow(command) = &cli.command {
        return commands::flows::run(command);
    }
    // The defaults are printed even when the configuration in force is broken.
    if let Command::Config(cli::ConfigCommand::Default) = &cli.command {
        print!("{}", settings::default_toml()?);
        return Ok(());
    }
    let config = settings::load(&cli)?;
    match &cli.command {
        Command::Serve(_) => commands::serve::run(config).await,
        Command::Migrate => commands::migrate::run(config).await,
        Command::Account(cmd) => commands::accounts::run(config, cmd).await,
        Command::Agent(cmd) => commands::agents::run(config, cmd).await,
        Command::ApiKey(cmd) => commands::api_keys::run(config, cmd).await,
        Command::OperatorKey(cmd) => commands::operator_keys::run(config, cmd).await,
        Command::Usage { account } => commands::usage::run(config, *account).await,
        Command::Stats(cmd) => commands::stats::run(config, cmd).await,
        Command::Config(cli::ConfigCommand::Default) | Command::Flow(_) => Ok(()),
        Command::Config(cli::ConfigCommand::Show) => {
            print!("{}", settings::effective_toml(&config)?);
            Ok(())
        }
    }
}

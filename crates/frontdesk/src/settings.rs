//! Loading the configuration once, in layers: defaults → TOML file → `FRONTDESK_*`
//! environment (nested keys with `__`, e.g. `FRONTDESK_HTTP__BODY_LIMIT_BYTES`) → flags.

use crate::cli::{Cli, Command};
use anyhow::Context;
use figment::{
    providers::{Env, Format, Serialized, Toml},
    Figment,
};
use frontdesk_server::Config;
use serde::Serialize;
use std::{net::SocketAddr, path::PathBuf};

/// The file read when `--config` is not given, if it exists.
pub const DEFAULT_CONFIG_FILE: &str = "frontdesk.toml";

/// Flags that override everything else; unset ones leave lower layers alone.
#[derive(Serialize)]
struct FlagLayer {
    #[serde(skip_serializing_if = "Option::is_none")]
    listen: Option<SocketAddr>,
    #[serde(skip_serializing_if = "Option::is_none")]
    data_dir: Option<PathBuf>,
    #[serde(skip_serializing_if = "Option::is_none")]
    database_url: Option<String>,
}

/// Builds the configuration in force for this command line.
pub fn load(cli: &Cli) -> anyhow::Result<Config> {
    let mut figment = Figment::from(Serialized::defaults(Config::default()));
    match &cli.config {
        Some(path) => {
            // An explicitly named file must exist and be readable.
            std::fs::metadata(path)
                .with_context(|| format!("cannot read the config file {}", path.display()))?;
            figment = figment.merge(Toml::file_exact(path));
        }
        None if std::path::Path::new(DEFAULT_CONFIG_FILE).exists() => {
            figment = figment.merge(Toml::file_exact(DEFAULT_CONFIG_FILE));
        }
        None => {}
    }
    let listen = match &cli.command {
        Command::Serve(args) => args.listen,
        _ => None,
    };
    figment = figment
        .merge(
            Env::prefixed("FRONTDESK_")
                // Variables for the test suite and the file name itself are not settings.
                .filter(|key| {
                    let key = key.as_str().to_ascii_lowercase();
                    !key.starts_with("test_") && key != "config"
                })
                .split("__"),
        )
        .merge(Serialized::globals(FlagLayer {
            listen,
            data_dir: cli.data_dir.clone(),
            database_url: cli.database_url.clone(),
        }));
    figment.extract().map_err(|err| {
        anyhow::anyhow!(
            "invalid configuration: {} (see `frontdesk config default`)",
            one_line(&err.to_string())
        )
    })
}

/// Folds a multi-line parser message into one line, dropping its source excerpt.
fn one_line(message: &str) -> String {
    message
        .lines()
        .map(str::trim)
        .filter(|l| {
            let excerpt = l
                .trim_start_matches(|c: char| c.is_ascii_digit())
                .trim_start();
            !l.is_empty() && !excerpt.starts_with('|')
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The default configuration as commented TOML.
pub fn default_toml() -> anyhow::Result<String> {
    let body = toml::to_string_pretty(&Config::default())?;
    Ok(format!(
        "# Frontdesk configuration. Every key can also be set as FRONTDESK_<KEY> in the\n\
         # environment (nested keys joined by __, e.g. FRONTDESK_HTTP__BODY_LIMIT_BYTES),\n\
         # and listen, data_dir and database_url as command-line flags, which win.\n\
         # An empty database_url means SQLite in data_dir.\n\n{body}"
    ))
}

/// The configuration in force as TOML, with any database password replaced.
pub fn effective_toml(config: &Config) -> anyhow::Result<String> {
    let mut shown = config.clone();
    shown.database_url = frontdesk_store::redact(&shown.database_url);
    if !shown.secret_key.is_empty() {
        shown.secret_key = "***".into();
    }
    if !shown.smtp.password.is_empty() {
        shown.smtp.password = "***".into();
    }
    Ok(toml::to_string_pretty(&shown)?)
}

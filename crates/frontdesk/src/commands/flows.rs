//! `frontdesk flow lint|simulate`: flows can live in a repository and be tested there.

use crate::cli::FlowCommand;
use anyhow::Context;
use frontdesk_core::flow::{has_errors, parse_script, simulate, validate, Flow, FlowContext};
use std::path::Path;

fn read_flow(path: &Path) -> anyhow::Result<Flow> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    Flow::parse(&text).with_context(|| format!("{} is not a flow", path.display()))
}

/// Runs a flow subcommand.
pub fn run(command: &FlowCommand) -> anyhow::Result<()> {
    match command {
        FlowCommand::Lint { file } => {
            let flow = read_flow(file)?;
            let findings = validate(&flow);
            for finding in &findings {
                println!("{}: {finding}", file.display());
            }
            if has_errors(&findings) {
                anyhow::bail!("{} has errors and cannot be published", file.display());
            }
            println!("{}: ok ({} nodes)", file.display(), flow.nodes.len());
            Ok(())
        }
        FlowCommand::Simulate(args) => {
            let flow = read_flow(&args.file)?;
            let script = match args.script.strip_prefix('@') {
                Some(path) => std::fs::read_to_string(path)
                    .with_context(|| format!("cannot read the script {path}"))?,
                None => args.script.clone(),
            };
            let steps = parse_script(&script).map_err(anyhow::Error::msg)?;
            let ctx = FlowContext {
                agents_online: !args.agents_offline,
                within_office_hours: !args.outside_office_hours,
                language: flow.language.clone(),
                ..FlowContext::default()
            };
            let transcript = simulate(&flow, &steps, &ctx).map_err(anyhow::Error::msg)?;
            print!("{transcript}");
            Ok(())
        }
    }
}

use clap::Args;
use serde::Serialize;

use super::Context;
use crate::output;

#[derive(Debug, Args)]
pub struct InitArgs {
    /// Task types members of the default group may do (replaces the group's current list)
    #[arg(required = true, value_name = "TYPE")]
    pub types: Vec<String>,
}

#[derive(Serialize)]
struct InitJson {
    group: &'static str,
    allowed_types: Vec<String>,
    created: bool,
    changed: bool,
    users_added: u64,
}

pub async fn run(ctx: &Context, args: InitArgs) -> anyhow::Result<()> {
    let outcome = ctx.vulyk.init(&args.types).await?;
    let group = ctx.vulyk.group(vulyk_core::domain::DEFAULT_GROUP).await?;
    if ctx.json {
        return output::json(&InitJson {
            group: vulyk_core::domain::DEFAULT_GROUP,
            allowed_types: group.allowed_types,
            created: outcome.created,
            changed: outcome.changed,
            users_added: outcome.users_added,
        });
    }
    let verb = match (outcome.created, outcome.changed) {
        (true, _) => "Created",
        (false, true) => "Updated",
        (false, false) => "Unchanged:",
    };
    output::lines([
        format!(
            "{verb} group default, allowing: {}",
            group.allowed_types.join(", ")
        ),
        format!("Users added to it: {}", outcome.users_added),
    ])
}

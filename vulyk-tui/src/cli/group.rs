use clap::{Args, Subcommand};
use serde::Serialize;
use vulyk_core::Error;
use vulyk_core::service::UserRef;

use super::{Context, either, require_yes};
use crate::output;

#[derive(Debug, Subcommand)]
pub enum GroupCommand {
    /// List groups with their task types and number of members
    List,
    /// Create a group
    Add {
        /// Letters, digits and underscores; not starting with an underscore
        #[arg(required_unless_present = "gid")]
        id: Option<String>,
        /// The original's `--gid ID`
        #[arg(long, hide = true, conflicts_with = "id")]
        gid: Option<String>,
        #[arg(long, default_value = "")]
        description: String,
    },
    /// Delete a group (its members stay, without it)
    Del {
        #[arg(required_unless_present = "gid")]
        id: Option<String>,
        /// The original's `--gid ID`
        #[arg(long, hide = true, conflicts_with = "id")]
        gid: Option<String>,
        /// Confirm the deletion
        #[arg(long)]
        yes: bool,
    },
    /// Add a user (username or e-mail) to a group
    Assign(Membership),
    /// Remove a user (username or e-mail) from a group
    Resign(Membership),
    /// Allow a group's members to do a task type
    Addtype(GroupType),
    /// Stop allowing a group's members to do a task type
    Deltype(GroupType),
}

/// A user and a group, as arguments or by the original's `--username U --gid G`.
#[derive(Debug, Args)]
pub struct Membership {
    #[arg(required_unless_present = "gid")]
    group: Option<String>,
    /// Username or e-mail address
    #[arg(required_unless_present = "username")]
    user: Option<String>,
    #[arg(long, hide = true, conflicts_with = "group")]
    gid: Option<String>,
    #[arg(long, hide = true, conflicts_with = "user")]
    username: Option<String>,
}

impl Membership {
    fn group(&self) -> &str {
        either(&self.group, &self.gid)
    }
    fn user(&self) -> &str {
        either(&self.user, &self.username)
    }
}

/// A group and a task type, as arguments or by the original's `--gid G --task_type T`.
#[derive(Debug, Args)]
pub struct GroupType {
    #[arg(required_unless_present = "gid")]
    group: Option<String>,
    #[arg(value_name = "TYPE", required_unless_present = "original_type")]
    task_type: Option<String>,
    #[arg(long, hide = true, conflicts_with = "group")]
    gid: Option<String>,
    #[arg(long = "task_type", hide = true, conflicts_with = "task_type")]
    original_type: Option<String>,
}

impl GroupType {
    fn group(&self) -> &str {
        either(&self.group, &self.gid)
    }
    fn task_type(&self) -> &str {
        either(&self.task_type, &self.original_type)
    }
}

#[derive(Serialize)]
struct GroupJson {
    id: String,
    description: String,
    allowed_types: Vec<String>,
    members: u64,
}

pub async fn run(ctx: &Context, command: GroupCommand) -> anyhow::Result<()> {
    let vulyk = &ctx.vulyk;
    let done = match command {
        GroupCommand::List => return list(ctx).await,
        GroupCommand::Add {
            id,
            gid,
            description,
        } => {
            let id = either(&id, &gid);
            vulyk.add_group(id, &description).await?;
            format!("Created group {id}")
        }
        GroupCommand::Del { id, gid, yes } => {
            let id = either(&id, &gid);
            require_yes(yes, &format!("deleting group {id}"))?;
            vulyk.delete_group(id).await?;
            format!("Deleted group {id}")
        }
        GroupCommand::Assign(m) => {
            let done = vulyk
                .assign(m.group(), &UserRef(m.user().to_string()))
                .await;
            membership_hint(ctx, "assign", &m, done).await?;
            format!("Added {} to group {}", m.user(), m.group())
        }
        GroupCommand::Resign(m) => {
            let done = vulyk
                .resign(m.group(), &UserRef(m.user().to_string()))
                .await;
            membership_hint(ctx, "resign", &m, done).await?;
            format!("Removed {} from group {}", m.user(), m.group())
        }
        GroupCommand::Addtype(g) => {
            let done = vulyk.add_group_type(g.group(), g.task_type()).await;
            type_hint(ctx, "addtype", &g, done).await?;
            format!("Group {} may now do {}", g.group(), g.task_type())
        }
        GroupCommand::Deltype(g) => {
            let done = vulyk.remove_group_type(g.group(), g.task_type()).await;
            type_hint(ctx, "deltype", &g, done).await?;
            format!("Group {} may no longer do {}", g.group(), g.task_type())
        }
    };
    if ctx.json {
        output::json(&serde_json::json!({ "ok": true, "message": done }))
    } else {
        output::lines([done])
    }
}

/// `group assign USER GROUP` — the two names swapped — fails with "not found"; when the
/// names fit the other way round, the error says which order works.
async fn membership_hint(
    ctx: &Context,
    verb: &str,
    m: &Membership,
    done: vulyk_core::Result<()>,
) -> anyhow::Result<()> {
    let Err(error @ Error::NotFound { .. }) = done else {
        return Ok(done?);
    };
    let swapped = ctx.vulyk.group(m.user()).await.is_ok()
        && ctx
            .vulyk
            .user(&UserRef(m.group().to_string()))
            .await
            .is_ok();
    Err(with_swap_hint(error, swapped, verb, m.user(), m.group()))
}

/// The same for `group addtype TYPE GROUP`.
async fn type_hint(
    ctx: &Context,
    verb: &str,
    g: &GroupType,
    done: vulyk_core::Result<()>,
) -> anyhow::Result<()> {
    let Err(error @ Error::NotFound { .. }) = done else {
        return Ok(done?);
    };
    let swapped =
        ctx.vulyk.group(g.task_type()).await.is_ok() && ctx.vulyk.plugins().get(g.group()).is_ok();
    Err(with_swap_hint(
        error,
        swapped,
        verb,
        g.task_type(),
        g.group(),
    ))
}

fn with_swap_hint(
    error: Error,
    swapped: bool,
    verb: &str,
    first: &str,
    second: &str,
) -> anyhow::Error {
    let error = anyhow::Error::from(error);
    if swapped {
        error.context(format!(
            "the group comes first: `vulyk group {verb} {first} {second}`"
        ))
    } else {
        error
    }
}

async fn list(ctx: &Context) -> anyhow::Result<()> {
    let groups = ctx.vulyk.groups().await?;
    if ctx.json {
        let rows: Vec<GroupJson> = groups
            .into_iter()
            .map(|v| GroupJson {
                id: v.group.id,
                description: v.group.description,
                allowed_types: v.group.allowed_types,
                members: v.members,
            })
            .collect();
        return output::json(&rows);
    }
    if groups.is_empty() {
        return output::lines(["No groups yet: `vulyk init TYPE...` creates the default group"]);
    }
    let mut table = output::table(["Group", "Description", "Allowed types", "Members"]);
    for view in groups {
        table.add_row(vec![
            view.group.id,
            view.group.description,
            view.group.allowed_types.join(", "),
            view.members.to_string(),
        ]);
    }
    output::print_table(&table)
}

use clap::Subcommand;
use serde::Serialize;
use vulyk_core::service::UserRef;

use super::Context;
use super::user::print_users;
use crate::output;

#[derive(Debug, Subcommand)]
pub enum AdminCommand {
    /// List the users with admin rights
    List,
    /// Give a user (username or e-mail) admin rights
    Add { user: String },
    /// Take admin rights away from a user (username or e-mail)
    Remove { user: String },
}

#[derive(Serialize)]
struct AdminChangeJson {
    username: String,
    admin: bool,
    changed: bool,
}

pub async fn run(ctx: &Context, command: AdminCommand) -> anyhow::Result<()> {
    let (user, admin) = match command {
        AdminCommand::List => {
            let admins: Vec<_> = ctx
                .vulyk
                .users()
                .await?
                .into_iter()
                .filter(|u| u.admin)
                .collect();
            return print_users(ctx, &admins, "No admins");
        }
        AdminCommand::Add { user } => (user, true),
        AdminCommand::Remove { user } => (user, false),
    };
    let before = ctx.vulyk.set_admin(&UserRef(user), admin).await?;
    let changed = before.admin != admin;
    if ctx.json {
        return output::json(&AdminChangeJson {
            username: before.username,
            admin,
            changed,
        });
    }
    let state = if admin { "an admin" } else { "not an admin" };
    let line = if changed {
        format!("{} is now {state}", before.username)
    } else {
        format!("{} was already {state}", before.username)
    };
    output::lines([line])
}

use std::io::BufRead;

use anyhow::Context as _;
use clap::Subcommand;
use serde::Serialize;
use vulyk_core::domain::User;
use vulyk_core::service::UserRef;

use super::task_type::yes_no;
use super::{Context, require_yes};
use crate::exit::UsageError;
use crate::output;

#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// List users
    List,
    /// Create a user; they join the default group
    Add {
        username: String,
        #[arg(long)]
        email: String,
        /// Display name
        #[arg(long, default_value = "")]
        name: String,
        /// Give the user admin rights
        #[arg(long)]
        admin: bool,
    },
    /// Show one user (by username or e-mail)
    Show { user: String },
    /// Delete a user who has given no answers
    Del {
        user: String,
        /// Confirm the deletion
        #[arg(long)]
        yes: bool,
    },
    /// Set a user's password for the volunteers' site, read from standard input
    Passwd {
        user: String,
        /// Read the password from the first line of standard input (required: no prompts)
        #[arg(long)]
        password_stdin: bool,
    },
    /// Manage a user's API tokens for scripted clients
    #[command(subcommand)]
    Token(super::token::TokenCommand),
}

#[derive(Serialize)]
pub(crate) struct UserJson {
    id: String,
    username: String,
    email: String,
    name: String,
    active: bool,
    admin: bool,
    groups: Vec<String>,
    has_password: bool,
    processed: u64,
}

impl From<&User> for UserJson {
    fn from(user: &User) -> Self {
        UserJson {
            id: user.id.to_string(),
            username: user.username.clone(),
            email: user.email.clone(),
            name: user.name.clone(),
            active: user.active,
            admin: user.admin,
            groups: user.groups.clone(),
            has_password: user.password_hash.is_some(),
            processed: user.processed,
        }
    }
}

pub async fn run(ctx: &Context, command: UserCommand) -> anyhow::Result<()> {
    let vulyk = &ctx.vulyk;
    match command {
        UserCommand::List => {
            let users = vulyk.users().await?;
            print_users(
                ctx,
                &users,
                "No users yet: `vulyk user add USERNAME --email EMAIL` creates one",
            )
        }
        UserCommand::Add {
            username,
            email,
            name,
            admin,
        } => {
            let user = vulyk.add_user(&username, &email, &name, admin).await?;
            print_user(ctx, &user, &format!("Created user {}", user.username))
        }
        UserCommand::Show { user } => {
            let user = vulyk.user(&UserRef(user)).await?;
            print_user(ctx, &user, "")
        }
        UserCommand::Del { user, yes } => {
            require_yes(yes, &format!("deleting user {user}"))?;
            let user = vulyk.delete_user(&UserRef(user)).await?;
            print_user(ctx, &user, &format!("Deleted user {}", user.username))
        }
        UserCommand::Token(command) => super::token::run(ctx, command).await,
        UserCommand::Passwd {
            user,
            password_stdin,
        } => {
            if !password_stdin {
                return Err(UsageError(
                    "pass --password-stdin and the password on standard input (vulyk never prompts)".into(),
                )
                .into());
            }
            let mut password = String::new();
            std::io::stdin()
                .lock()
                .read_line(&mut password)
                .context("reading the password from standard input")?;
            let password = password.trim_end_matches(['\n', '\r']);
            vulyk.set_password(&UserRef(user.clone()), password).await?;
            if ctx.json {
                output::json(&serde_json::json!({ "ok": true, "user": user }))
            } else {
                output::lines([format!("Password set for {user}")])
            }
        }
    }
}

pub(crate) fn print_users(ctx: &Context, users: &[User], when_empty: &str) -> anyhow::Result<()> {
    if ctx.json {
        return output::json(&users.iter().map(UserJson::from).collect::<Vec<_>>());
    }
    if users.is_empty() {
        return output::lines([when_empty]);
    }
    let mut table = output::table([
        "Username", "E-mail", "Name", "Admin", "Active", "Groups", "Answers",
    ]);
    for user in users {
        table.add_row(vec![
            user.username.clone(),
            user.email.clone(),
            user.name.clone(),
            yes_no(user.admin),
            yes_no(user.active),
            user.groups.join(", "),
            user.processed.to_string(),
        ]);
    }
    output::print_table(&table)
}

fn print_user(ctx: &Context, user: &User, headline: &str) -> anyhow::Result<()> {
    if ctx.json {
        return output::json(&UserJson::from(user));
    }
    let mut table = output::table(["Field", "Value"]);
    for (field, value) in [
        ("id", user.id.to_string()),
        ("username", user.username.clone()),
        ("email", user.email.clone()),
        ("name", user.name.clone()),
        ("admin", yes_no(user.admin)),
        ("active", yes_no(user.active)),
        ("groups", user.groups.join(", ")),
        (
            "password",
            if user.password_hash.is_some() {
                "set"
            } else {
                "not set"
            }
            .into(),
        ),
        ("answers", user.processed.to_string()),
    ] {
        table.add_row(vec![field.to_string(), value]);
    }
    if headline.is_empty() {
        output::print_table(&table)
    } else {
        output::lines([headline.to_string(), table.to_string()])
    }
}

//! `vulyk user token …`: API tokens that scripts send as `Authorization: Bearer TOKEN`.

use clap::Subcommand;
use serde::Serialize;
use vulyk_core::domain::ApiToken;
use vulyk_core::service::UserRef;

use super::Context;
use crate::output;

#[derive(Debug, Subcommand)]
pub enum TokenCommand {
    /// Create a token for a user and print it on stdout (it is shown only this once)
    Create {
        user: String,
        /// What the token is for, shown by `list`
        #[arg(long, default_value = "")]
        name: String,
    },
    /// List a user's tokens (ids and names; the secrets are not stored)
    List { user: String },
    /// Revoke one of a user's tokens by its id
    Revoke {
        user: String,
        /// Ids made before they were hex may start with `-`
        #[arg(allow_hyphen_values = true)]
        id: String,
    },
}

#[derive(Serialize)]
struct TokenJson<'a> {
    id: &'a str,
    name: &'a str,
    created: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    token: Option<&'a str>,
}

impl<'a> TokenJson<'a> {
    fn new(token: &'a ApiToken, secret: Option<&'a str>) -> Self {
        TokenJson {
            id: &token.id,
            name: &token.name,
            created: token.created.to_rfc3339(),
            token: secret,
        }
    }
}

pub async fn run(ctx: &Context, command: TokenCommand) -> anyhow::Result<()> {
    let vulyk = &ctx.vulyk;
    match command {
        TokenCommand::Create { user, name } => {
            let (token, secret) = vulyk
                .create_api_token(&UserRef(user.clone()), &name)
                .await?;
            if ctx.json {
                return output::json(&TokenJson::new(&token, Some(&secret)));
            }
            // Only the secret goes to stdout, so that `TOKEN=$(vulyk user token create …)` works.
            eprintln!(
                "Created API token {} for {user}; it is not shown again",
                token.id
            );
            output::lines([secret])
        }
        TokenCommand::List { user } => {
            let tokens = vulyk.api_tokens(&UserRef(user.clone())).await?;
            if ctx.json {
                let shown: Vec<_> = tokens.iter().map(|t| TokenJson::new(t, None)).collect();
                return output::json(&shown);
            }
            if tokens.is_empty() {
                return output::lines([format!(
                    "{user} has no API tokens: `vulyk user token create {user}` makes one"
                )]);
            }
            let mut table = output::table(["Id", "Name", "Created"]);
            for token in &tokens {
                table.add_row(vec![
                    token.id.clone(),
                    token.name.clone(),
                    token.created.format("%Y-%m-%d %H:%M UTC").to_string(),
                ]);
            }
            output::print_table(&table)
        }
        TokenCommand::Revoke { user, id } => {
            vulyk.revoke_api_token(&UserRef(user.clone()), &id).await?;
            if ctx.json {
                output::json(&serde_json::json!({ "revoked": id, "user": user }))
            } else {
                output::lines([format!("Revoked API token {id} of {user}")])
            }
        }
    }
}

//! `vulyk funds`: the causes volunteers give their coins to.

use std::path::{Path, PathBuf};

use anyhow::Context as _;
use clap::{ArgGroup, Args, Subcommand};
use serde::Serialize;
use vulyk_core::gamification::{Fund, Logo, LogoChange};

use super::task_type::yes_no;
use super::{Context, require_yes};
use crate::output;

#[derive(Debug, Subcommand)]
pub enum FundsCommand {
    /// List funds
    #[command(group(ArgGroup::new("which").args(["donatable", "non_donatable"])))]
    List {
        /// Only funds that take donations
        #[arg(long)]
        donatable: bool,
        /// Only funds that do not
        #[arg(long)]
        non_donatable: bool,
    },
    /// Show one fund
    Show { id: String },
    /// Add a fund
    Add {
        /// Letters, digits, `_` or `-`, at most 50
        id: String,
        #[arg(long)]
        name: String,
        /// HTML allowed
        #[arg(long)]
        description: String,
        #[arg(long, value_name = "URL")]
        site: Option<String>,
        #[arg(long, value_name = "E")]
        email: Option<String>,
        /// Volunteers may give coins to it
        #[arg(long)]
        donatable: bool,
        /// A PNG, JPEG or WebP image of at most 512 KiB
        #[arg(long, value_name = "FILE")]
        logo: Option<PathBuf>,
    },
    /// Change the given fields of a fund
    Edit(EditArgs),
    /// Delete a fund that received no donations
    Del {
        id: String,
        /// Confirm the deletion
        #[arg(long)]
        yes: bool,
    },
}

#[derive(Debug, Args)]
#[command(group(ArgGroup::new("logo_change").args(["logo", "no_logo"])))]
pub struct EditArgs {
    id: String,
    #[arg(long)]
    name: Option<String>,
    #[arg(long)]
    description: Option<String>,
    /// New site, or an empty value for none
    #[arg(long, value_name = "URL")]
    site: Option<String>,
    /// New e-mail address, or an empty value for none
    #[arg(long, value_name = "E")]
    email: Option<String>,
    #[arg(long, value_name = "true|false")]
    donatable: Option<bool>,
    /// Replace the logo with this image
    #[arg(long, value_name = "FILE")]
    logo: Option<PathBuf>,
    /// Remove the logo
    #[arg(long)]
    no_logo: bool,
}

#[derive(Serialize)]
struct FundJson {
    id: String,
    name: String,
    description: String,
    site: Option<String>,
    email: Option<String>,
    donatable: bool,
    has_logo: bool,
}

impl From<Fund> for FundJson {
    fn from(f: Fund) -> Self {
        FundJson {
            id: f.id,
            name: f.name,
            description: f.description,
            site: f.site,
            email: f.email,
            donatable: f.donatable,
            has_logo: f.has_logo,
        }
    }
}

fn read_logo(path: &Path) -> anyhow::Result<Logo> {
    let bytes = std::fs::read(path)
        .map_err(|e| vulyk_core::Error::io(path, e))
        .context("reading the logo")?;
    Ok(Logo::from_bytes(bytes, &path.display().to_string())?)
}

fn non_empty(value: Option<String>) -> Option<String> {
    value.filter(|v| !v.trim().is_empty())
}

pub async fn run(ctx: &Context, command: FundsCommand) -> anyhow::Result<()> {
    let vulyk = &ctx.vulyk;
    let done = match command {
        FundsCommand::List {
            donatable,
            non_donatable,
        } => {
            let filter = match (donatable, non_donatable) {
                (true, _) => Some(true),
                (_, true) => Some(false),
                _ => None,
            };
            return list(ctx, filter).await;
        }
        FundsCommand::Show { id } => return show(ctx, vulyk.fund(&id).await?),
        FundsCommand::Add {
            id,
            name,
            description,
            site,
            email,
            donatable,
            logo,
        } => {
            let logo = logo.as_deref().map(read_logo).transpose()?;
            let fund = Fund {
                id: id.clone(),
                name,
                description,
                site: non_empty(site),
                email: non_empty(email),
                donatable,
                has_logo: logo.is_some(),
            };
            vulyk.add_fund(&fund, logo.as_ref()).await?;
            format!("Added fund {id}")
        }
        FundsCommand::Edit(args) => {
            let mut fund = vulyk.fund(&args.id).await?;
            if let Some(v) = args.name {
                fund.name = v;
            }
            if let Some(v) = args.description {
                fund.description = v;
            }
            if args.site.is_some() {
                fund.site = non_empty(args.site);
            }
            if args.email.is_some() {
                fund.email = non_empty(args.email);
            }
            if let Some(v) = args.donatable {
                fund.donatable = v;
            }
            let logo = match (args.logo, args.no_logo) {
                (Some(path), _) => LogoChange::Set(read_logo(&path)?),
                (None, true) => LogoChange::Remove,
                (None, false) => LogoChange::Keep,
            };
            vulyk.edit_fund(&fund, &logo).await?;
            format!("Changed fund {}", fund.id)
        }
        FundsCommand::Del { id, yes } => {
            require_yes(yes, &format!("deleting fund {id}"))?;
            vulyk.delete_fund(&id).await?;
            format!("Deleted fund {id}")
        }
    };
    if ctx.json {
        output::json(&serde_json::json!({ "ok": true, "message": done }))
    } else {
        output::lines([done])
    }
}

async fn list(ctx: &Context, donatable: Option<bool>) -> anyhow::Result<()> {
    let funds = ctx.vulyk.funds(donatable).await?;
    if ctx.json {
        let rows: Vec<FundJson> = funds.into_iter().map(FundJson::from).collect();
        return output::json(&rows);
    }
    if funds.is_empty() {
        return output::lines(["No funds: `vulyk funds add ID --name … --description …`"]);
    }
    let mut table = output::table(["Id", "Name", "Donatable", "Logo", "Site"]);
    for fund in funds {
        table.add_row(vec![
            fund.id,
            fund.name,
            yes_no(fund.donatable),
            yes_no(fund.has_logo),
            fund.site.unwrap_or_default(),
        ]);
    }
    output::print_table(&table)
}

fn show(ctx: &Context, fund: Fund) -> anyhow::Result<()> {
    if ctx.json {
        return output::json(&FundJson::from(fund));
    }
    let mut table = output::table(["Field", "Value"]);
    for (field, value) in [
        ("id", fund.id),
        ("name", fund.name),
        ("description", fund.description),
        ("site", fund.site.unwrap_or_default()),
        ("email", fund.email.unwrap_or_default()),
        ("donatable", yes_no(fund.donatable)),
        ("logo", yes_no(fund.has_logo)),
    ] {
        table.add_row(vec![field.to_string(), value]);
    }
    output::print_table(&table)
}

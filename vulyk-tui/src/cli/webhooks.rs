//! `vulyk webhooks`: the webhooks configured (`[[webhooks]]`) and their deliveries, which
//! the running `vulyk-server` processes make.

use std::time::Duration;

use clap::Subcommand;
use serde::Serialize;
use vulyk_core::domain::{Delivery, DeliveryStatus, Webhook};

use super::Context;
use crate::output;

/// Deliveries listed unless `--limit` says otherwise.
const DEFAULT_LIMIT: u32 = 50;

#[derive(Debug, Subcommand)]
pub enum WebhooksCommand {
    /// The webhooks of the configuration: name, address, events and retry settings
    List,
    /// Queue a webhook.test event for a webhook and wait for a server to deliver it
    Test {
        #[arg(value_name = "NAME")]
        name: String,
        /// How long to wait for the outcome, in seconds (0: only queue it)
        #[arg(long, value_name = "SECONDS", default_value_t = 30)]
        wait: u32,
    },
    /// Deliveries, newest first
    Deliveries {
        /// Only those whose last try failed (dead, or waiting for another try)
        #[arg(long)]
        failed: bool,
        /// At most this many
        #[arg(long, value_name = "N", default_value_t = DEFAULT_LIMIT,
              value_parser = clap::value_parser!(u32).range(1..))]
        limit: u32,
    },
    /// Queue a delivery again (a dead one, say), its tries counted anew
    Retry {
        #[arg(value_name = "ID")]
        id: String,
    },
}

#[derive(Serialize)]
struct HookJson<'a> {
    name: &'a str,
    /// Named by this configuration (otherwise only deliveries wait for it).
    configured: bool,
    /// Its origin only: see `Webhook::address_shown`.
    url: Option<String>,
    events: Vec<&'static str>,
    max_attempts: Option<u32>,
    retry_after_seconds: Option<u32>,
    timeout_seconds: Option<u32>,
    /// Deliveries pending.
    waiting: u64,
}

#[derive(Serialize)]
struct DeliveryJson<'a> {
    id: &'a str,
    webhook: &'a str,
    event_id: &'a str,
    event: &'static str,
    event_at: String,
    status: &'static str,
    attempts: u32,
    next_attempt_at: Option<String>,
    last_error: Option<&'a str>,
    delivered_at: Option<String>,
}

fn delivery_json(d: &Delivery) -> DeliveryJson<'_> {
    DeliveryJson {
        id: &d.id,
        webhook: &d.hook,
        event_id: &d.event.id,
        event: d.event.kind.as_str(),
        event_at: d.event.at.to_rfc3339(),
        status: d.status.as_str(),
        attempts: d.attempts,
        next_attempt_at: (d.status == DeliveryStatus::Pending)
            .then(|| d.next_attempt_at.to_rfc3339()),
        last_error: d.last_error.as_deref(),
        delivered_at: d.delivered_at.map(|t| t.to_rfc3339()),
    }
}

pub async fn run(ctx: &Context, command: WebhooksCommand) -> anyhow::Result<()> {
    match command {
        WebhooksCommand::List => list(ctx).await,
        WebhooksCommand::Test { name, wait } => test(ctx, &name, wait).await,
        WebhooksCommand::Deliveries { failed, limit } => {
            let deliveries = ctx.vulyk.webhook_deliveries(failed, limit as usize).await?;
            print_deliveries(ctx, &deliveries)
        }
        WebhooksCommand::Retry { id } => {
            let delivery = ctx.vulyk.retry_webhook_delivery(&id).await?;
            if ctx.json {
                return output::json(&delivery_json(&delivery));
            }
            output::lines([format!(
                "Delivery {} ({} to {}) is queued again; a running vulyk-server delivers it",
                delivery.id, delivery.event.kind, delivery.hook
            )])
        }
    }
}

/// The webhooks configured, each with the deliveries waiting for it, then the webhooks that
/// deliveries wait for but this configuration does not name: no server with it delivers
/// them (a webhook removed, or not yet known here).
async fn list(ctx: &Context) -> anyhow::Result<()> {
    let hooks = ctx.vulyk.webhooks();
    let mut waiting = ctx.vulyk.pending_deliveries().await?;
    let configured: Vec<(&Webhook, u64)> = hooks
        .iter()
        .map(|h| (h, waiting.remove(&h.name).unwrap_or(0)))
        .collect();
    if ctx.json {
        let mut rows: Vec<HookJson> = configured
            .iter()
            .map(|(h, n)| HookJson {
                name: &h.name,
                configured: true,
                url: Some(h.address_shown()),
                events: h.events.iter().map(|e| e.as_str()).collect(),
                max_attempts: Some(h.max_attempts),
                retry_after_seconds: Some(h.retry_after_seconds),
                timeout_seconds: Some(h.timeout_seconds),
                waiting: *n,
            })
            .collect();
        rows.extend(waiting.iter().map(|(name, n)| HookJson {
            name,
            configured: false,
            url: None,
            events: Vec::new(),
            max_attempts: None,
            retry_after_seconds: None,
            timeout_seconds: None,
            waiting: *n,
        }));
        return output::json(&rows);
    }
    if hooks.is_empty() {
        output::lines([
            "No webhooks: add [[webhooks]] tables to vulyk.toml (README, \"Webhooks\")",
        ])?;
    } else {
        let mut table = output::table([
            "Name",
            "Address",
            "Events",
            "Tries",
            "First retry",
            "Timeout",
            "Waiting",
        ]);
        for (h, n) in &configured {
            table.add_row(vec![
                h.name.clone(),
                h.address_shown(),
                h.events
                    .iter()
                    .map(|e| e.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
                h.max_attempts.to_string(),
                format!("{} s", h.retry_after_seconds),
                format!("{} s", h.timeout_seconds),
                n.to_string(),
            ]);
        }
        output::print_table(&table)?;
    }
    output::lines(waiting.iter().map(|(name, n)| {
        format!(
            "{n} deliveries wait for webhook {name:?}, which this configuration does not name: \
             no server with it delivers them"
        )
    }))
}

/// Queues the test event, then reads its delivery until a try ended or `wait` ran out.
async fn test(ctx: &Context, name: &str, wait: u32) -> anyhow::Result<()> {
    let queued = ctx.vulyk.test_webhook(name).await?;
    let deadline = std::time::Instant::now() + Duration::from_secs(u64::from(wait));
    let mut delivery = queued.clone();
    while delivery.status == DeliveryStatus::Pending
        && delivery.last_error.is_none()
        && std::time::Instant::now() < deadline
    {
        tokio::time::sleep(Duration::from_millis(250)).await;
        if let Some(now) = ctx
            .vulyk
            .event_delivery(&queued.hook, &queued.event.id)
            .await?
        {
            delivery = now;
        }
    }
    if ctx.json {
        return output::json(&delivery_json(&delivery));
    }
    let outcome = match (delivery.status, &delivery.last_error) {
        (DeliveryStatus::Delivered, _) => "delivered".to_string(),
        (_, Some(error)) => format!("failed: {error}"),
        _ if wait == 0 => "queued".to_string(),
        _ => format!("not tried within {wait} s: is a vulyk-server running with this webhook?"),
    };
    output::lines([format!(
        "Test event {} to {}: {outcome} (delivery {})",
        delivery.event.id, delivery.hook, delivery.id
    )])?;
    if delivery.status == DeliveryStatus::Delivered || wait == 0 {
        Ok(())
    } else {
        Err(anyhow::anyhow!("the test event was not delivered"))
    }
}

fn print_deliveries(ctx: &Context, deliveries: &[Delivery]) -> anyhow::Result<()> {
    if ctx.json {
        let rows: Vec<DeliveryJson> = deliveries.iter().map(delivery_json).collect();
        return output::json(&rows);
    }
    let mut table = output::table(["Id", "Webhook", "Event", "Status", "Tries", "Last error"]);
    for d in deliveries {
        let status = match d.status {
            DeliveryStatus::Pending => format!(
                "pending (next {})",
                d.next_attempt_at.format("%Y-%m-%d %H:%M:%S")
            ),
            other => other.as_str().to_string(),
        };
        table.add_row(vec![
            d.id.clone(),
            d.hook.clone(),
            format!("{} {}", d.event.kind, d.event.id),
            status,
            d.attempts.to_string(),
            d.last_error.clone().unwrap_or_default(),
        ]);
    }
    output::print_table(&table)
}

//! Delivering webhooks: a few background loops per server take due deliveries from the
//! store's outbox (one server per delivery at a time: the store's claim), POST each signed,
//! and record how it went. A server that stops mid-try leaves the delivery to be tried again
//! once its hold lapses, by itself after a restart or by another server: delivery is at least
//! once, and a repeat carries the same event id.

use std::time::Duration;

use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;
use vulyk_core::domain::{Delivery, Webhook, WebhookSecret};
use vulyk_core::service::Vulyk;

/// Deliveries of one webhook tried at once by one server. Each webhook has loops of its own,
/// so a receiver that is slow or down holds up only its own deliveries.
const DELIVERERS_PER_HOOK: usize = 2;
/// How long a loop waits when nothing is due (and after a store error).
const IDLE: Duration = Duration::from_secs(1);
/// A hold outlasts the slowest try by this much, so that no other server takes a delivery
/// while a try of it may still succeed.
const HOLD_MARGIN: Duration = Duration::from_secs(5);

/// `X-Vulyk-Signature`: `sha256=` and the HMAC-SHA256 of the body, in hex.
pub fn signature(secret: &str, body: &[u8]) -> String {
    let mut mac =
        <Hmac<Sha256> as KeyInit>::new_from_slice(secret.as_bytes()).expect("HMAC takes any key");
    mac.update(body);
    let digest = mac.finalize().into_bytes();
    let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    format!("sha256={hex}")
}

/// Starts the delivery loops, for as long as the process runs; none without webhooks.
/// Refuses a webhook whose secret is not set here: a server is what signs.
pub fn start(vulyk: &Vulyk) -> anyhow::Result<()> {
    for hook in vulyk.webhooks() {
        if let WebhookSecret::Unset { variable } = &hook.secret {
            anyhow::bail!(
                "webhook {:?}: its secret_env names {variable}, which is not set",
                hook.name
            );
        }
    }
    if vulyk.webhooks().is_empty() {
        return Ok(());
    }
    let client = reqwest::Client::builder()
        // A receiver's redirect could send the signed body anywhere.
        .redirect(reqwest::redirect::Policy::none())
        .user_agent(concat!("vulyk/", env!("CARGO_PKG_VERSION")))
        .build()?;
    for hook in vulyk.webhooks() {
        let hold = Duration::from_secs(u64::from(hook.timeout_seconds)) + HOLD_MARGIN;
        for _ in 0..DELIVERERS_PER_HOOK {
            let name = hook.name.clone();
            tokio::spawn(deliver(vulyk.clone(), client.clone(), name, hold));
        }
    }
    tracing::info!(webhooks = vulyk.webhooks().len(), "delivering webhooks");
    Ok(())
}

async fn deliver(vulyk: Vulyk, client: reqwest::Client, name: String, hold: Duration) {
    let hold_for = chrono::Duration::from_std(hold).unwrap_or(chrono::Duration::minutes(1));
    loop {
        let (delivery, hook) = match vulyk.next_delivery(&name, hold_for).await {
            Ok(Some(due)) => due,
            Ok(None) => {
                tokio::time::sleep(IDLE).await;
                continue;
            }
            Err(error) => {
                tracing::warn!(%error, "taking a webhook delivery");
                tokio::time::sleep(IDLE).await;
                continue;
            }
        };
        let result = match &hook {
            Some(hook) => post(&client, hook, &delivery).await,
            None => Err(format!(
                "no webhook named {:?} is configured on this server",
                delivery.hook
            )),
        };
        match vulyk.record_try(&delivery, hook.as_ref(), result).await {
            Ok(Some(outcome)) => tracing::debug!(delivery = %delivery.id, ?outcome, "webhook try"),
            Ok(None) => tracing::warn!(
                delivery = %delivery.id,
                "a webhook try outlasted its hold; another try counts instead"
            ),
            Err(error) => {
                tracing::warn!(%error, delivery = %delivery.id, "recording a webhook try")
            }
        }
    }
}

/// One try: a 2xx answer within the webhook's timeout delivers; anything else is an error in
/// words, for `vulyk webhooks deliveries`.
async fn post(client: &reqwest::Client, hook: &Webhook, delivery: &Delivery) -> Result<(), String> {
    let Some(secret) = hook.secret.key() else {
        return Err("the webhook's secret is not set on this server".to_string());
    };
    let body = delivery.event.body();
    let sent = client
        .post(&hook.url)
        .timeout(Duration::from_secs(u64::from(hook.timeout_seconds)))
        .header(reqwest::header::CONTENT_TYPE, "application/json")
        .header("X-Vulyk-Signature", signature(secret, body.as_bytes()))
        .header("X-Vulyk-Event", delivery.event.kind.as_str())
        .header("X-Vulyk-Delivery", &delivery.id)
        .body(body)
        .send()
        .await;
    match sent {
        Ok(response) if response.status().is_success() => Ok(()),
        Ok(response) => Err(format!("HTTP {}", response.status())),
        Err(error) if error.is_timeout() => {
            Err(format!("no answer within {} s", hook.timeout_seconds))
        }
        Err(error) => Err(why(error)),
    }
}

/// What went wrong, from the innermost cause out, without the address: reqwest's own words
/// ("error sending request for url (…)") say neither why nor keep a token in the URL out of
/// the store and the logs.
fn why(error: reqwest::Error) -> String {
    let error = error.without_url();
    let mut words = vec![error.to_string()];
    let mut cause = std::error::Error::source(&error);
    while let Some(inner) = cause {
        let text = inner.to_string();
        if !words.iter().any(|w| w.contains(&text)) {
            words.push(text);
        }
        cause = inner.source();
    }
    words.join(": ")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A receiver that is not there: the error says why, and not the address (which may hold
    /// a token).
    #[tokio::test]
    async fn a_failed_try_says_why_without_the_address() {
        let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let address = closed.local_addr().unwrap();
        drop(closed);
        let hook = Webhook {
            name: "h".into(),
            former_name: None,
            url: format!("http://{address}/in?token=s3cr3t"),
            events: vec![vulyk_core::domain::EventKind::TaskClosed],
            secret: WebhookSecret::Key("0123456789abcdef".into()),
            max_attempts: 1,
            retry_after_seconds: 1,
            timeout_seconds: 2,
        };
        let delivery = Delivery {
            id: "1".into(),
            hook: "h".into(),
            event: vulyk_core::domain::WebhookEvent {
                id: "task.closed:t".into(),
                kind: vulyk_core::domain::EventKind::TaskClosed,
                at: chrono::Utc::now(),
                payload: serde_json::json!({}),
            },
            status: vulyk_core::domain::DeliveryStatus::Pending,
            attempts: 1,
            next_attempt_at: chrono::Utc::now(),
            last_error: None,
            claim: Some("c".into()),
            delivered_at: None,
        };
        let error = post(&reqwest::Client::new(), &hook, &delivery)
            .await
            .unwrap_err();
        assert!(
            !error.contains("s3cr3t") && !error.contains("127.0.0.1"),
            "{error}"
        );
        assert!(error.to_lowercase().contains("refused"), "{error}");
    }

    #[test]
    fn the_signature_is_the_hmac_of_the_body() {
        // RFC 4231, test case 2.
        assert_eq!(
            signature("Jefe", b"what do ya want for nothing?"),
            "sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
    }
}

//! `[[webhooks]]` in the config file: checked when the configuration is read, so that a
//! server never starts with a webhook it could not deliver to.

use serde::Deserialize;
use sha2::{Digest, Sha256};

use crate::domain::{EventKind, Webhook, WebhookSecret, acts_on_text, host_and_port};
use crate::{Error, Result};

const DEFAULT_MAX_ATTEMPTS: u32 = 8;
const DEFAULT_RETRY_AFTER_SECONDS: u32 = 10;
const DEFAULT_TIMEOUT_SECONDS: u32 = 10;
/// A shorter key makes the signature easy to forge by trying keys.
const MIN_SECRET_CHARS: usize = 16;

/// One `[[webhooks]]` table as written.
#[derive(Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WebhookEntry {
    pub name: Option<String>,
    pub url: String,
    pub events: Vec<String>,
    /// The signing key itself, or the environment variable that holds it.
    pub secret: Option<String>,
    pub secret_env: Option<String>,
    pub max_attempts: Option<u32>,
    pub retry_after_seconds: Option<u32>,
    pub timeout_seconds: Option<u32>,
}

impl std::fmt::Debug for WebhookEntry {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WebhookEntry")
            .field("name", &self.name)
            .field("url", &self.url)
            .field("events", &self.events)
            .field("secret_env", &self.secret_env)
            .finish_non_exhaustive()
    }
}

/// The webhooks as the platform uses them; errors name the entry and its field.
pub(super) fn webhooks(
    entries: &[WebhookEntry],
    env: &dyn Fn(&str) -> Option<String>,
) -> Result<Vec<Webhook>> {
    let mut hooks: Vec<Webhook> = Vec::with_capacity(entries.len());
    for (n, entry) in entries.iter().enumerate() {
        let hook = webhook(entry, env, &format!("webhooks[{n}]"))?;
        if hooks.iter().any(|h| h.name == hook.name) {
            return Err(Error::invalid(format!(
                "webhooks[{n}].name: {:?} names another webhook too; give each its own name",
                hook.name
            )));
        }
        hooks.push(hook);
    }
    Ok(hooks)
}

fn webhook(
    entry: &WebhookEntry,
    env: &dyn Fn(&str) -> Option<String>,
    place: &str,
) -> Result<Webhook> {
    let url = entry.url.trim();
    let parsed = url::Url::parse(url)
        .ok()
        .filter(|u| matches!(u.scheme(), "http" | "https") && u.host().is_some());
    let Some(parsed) = parsed.filter(|_| !url.contains(char::is_whitespace)) else {
        return Err(Error::invalid(format!(
            "{place}.url: not an http:// or https:// address with a host"
        )));
    };
    if entry.events.is_empty() {
        return Err(Error::invalid(format!(
            "{place}.events: name at least one event ({})",
            subscribable()
        )));
    }
    let mut events = Vec::new();
    for (i, name) in entry.events.iter().enumerate() {
        let kind = EventKind::parse(name)
            .filter(|kind| EventKind::SUBSCRIBABLE.contains(kind))
            .ok_or_else(|| {
                Error::invalid(format!(
                    "{place}.events[{i}]: unknown event {name:?}; known: {}",
                    subscribable()
                ))
            })?;
        if !events.contains(&kind) {
            events.push(kind);
        }
    }
    let secret = match (&entry.secret, &entry.secret_env) {
        (Some(secret), None) => WebhookSecret::Key(secret.clone()),
        (None, Some(var)) => match env(var) {
            Some(key) => WebhookSecret::Key(key),
            None => WebhookSecret::Unset {
                variable: var.clone(),
            },
        },
        _ => {
            return Err(Error::invalid(format!(
                "{place}: give either secret or secret_env (the variable that holds it)"
            )));
        }
    };
    if secret
        .key()
        .is_some_and(|key| key.chars().count() < MIN_SECRET_CHARS)
    {
        let field = if entry.secret.is_some() {
            "secret"
        } else {
            "secret_env"
        };
        return Err(Error::invalid(format!(
            "{place}.{field}: the secret must have at least {MIN_SECRET_CHARS} characters"
        )));
    }
    let max_attempts = entry.max_attempts.unwrap_or(DEFAULT_MAX_ATTEMPTS);
    if !(1..=100).contains(&max_attempts) {
        return Err(Error::invalid(format!(
            "{place}.max_attempts: from 1 to 100"
        )));
    }
    let retry_after_seconds = entry
        .retry_after_seconds
        .unwrap_or(DEFAULT_RETRY_AFTER_SECONDS);
    if !(1..=3600).contains(&retry_after_seconds) {
        return Err(Error::invalid(format!(
            "{place}.retry_after_seconds: from 1 to 3600"
        )));
    }
    let timeout_seconds = entry.timeout_seconds.unwrap_or(DEFAULT_TIMEOUT_SECONDS);
    if !(1..=60).contains(&timeout_seconds) {
        return Err(Error::invalid(format!(
            "{place}.timeout_seconds: from 1 to 60"
        )));
    }
    let name = match &entry.name {
        Some(name)
            if name.trim().is_empty()
                || name.chars().count() > 200
                || name.contains(acts_on_text) =>
        {
            return Err(Error::invalid(format!(
                "{place}.name: 1 to 200 characters, no control characters"
            )));
        }
        Some(name) => name.trim().to_string(),
        None => default_name(url, &parsed),
    };
    let former_name = (entry.name.is_none() && name != url).then(|| url.to_string());
    Ok(Webhook {
        name,
        former_name,
        url: url.to_string(),
        events,
        secret,
        max_attempts,
        retry_after_seconds,
        timeout_seconds,
    })
}

/// A webhook's name when none is given: its host (and port) and the start of a SHA-256 of
/// its address, as written. Names are stored with each delivery and shown by `vulyk
/// webhooks`, and any part of an address but its host may hold a token (the credentials, a
/// query, the path of Slack's and Discord's hooks); the hash tells two hooks of one host
/// apart.
fn default_name(written: &str, address: &url::Url) -> String {
    let digest = Sha256::digest(written.as_bytes());
    let hash: String = digest[..4].iter().map(|b| format!("{b:02x}")).collect();
    format!("{}-{hash}", host_and_port(address))
}

fn subscribable() -> String {
    EventKind::SUBSCRIBABLE
        .iter()
        .map(|kind| kind.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(toml_text: &str) -> WebhookEntry {
        toml::from_str(toml_text).expect("entry")
    }

    fn checked(toml_text: &str) -> Result<Webhook> {
        let env = |name: &str| (name == "HOOK_KEY").then(|| "a key from the environment".into());
        webhook(&entry(toml_text), &env, "webhooks[0]")
    }

    #[test]
    fn a_webhook_takes_its_defaults_and_its_key_from_the_environment() {
        let hook = checked(
            "url = \"https://example.org/in\"\nevents = [\"task.closed\", \"task.closed\"]\n\
             secret_env = \"HOOK_KEY\"",
        )
        .unwrap();
        assert!(hook.name.starts_with("example.org-"), "{}", hook.name);
        assert_eq!(hook.former_name.as_deref(), Some("https://example.org/in"));
        assert_eq!(hook.events, vec![EventKind::TaskClosed]);
        assert_eq!(hook.secret.key(), Some("a key from the environment"));
        assert_eq!(
            (
                hook.max_attempts,
                hook.retry_after_seconds,
                hook.timeout_seconds
            ),
            (8, 10, 10)
        );
        assert!(
            !format!("{hook:?}").contains("environment"),
            "no key in logs"
        );
    }

    #[test]
    fn mistakes_are_named_by_entry_and_field() {
        let cases = [
            (
                "url = \"ftp://x\"\nevents = [\"task.closed\"]\nsecret = \"0123456789abcdef\"",
                "webhooks[0].url",
            ),
            (
                "url = \"http://x\"\nevents = [\"task.closed\", \"task.opened\"]\nsecret = \"0123456789abcdef\"",
                "webhooks[0].events[1]: unknown event \"task.opened\"",
            ),
            (
                "url = \"http://x\"\nevents = [\"webhook.test\"]\nsecret = \"0123456789abcdef\"",
                "webhooks[0].events[0]",
            ),
            (
                "url = \"http://x\"\nevents = []\nsecret = \"0123456789abcdef\"",
                "webhooks[0].events: name at least one",
            ),
            (
                "url = \"http://x\"\nevents = [\"task.closed\"]\nsecret = \"short\"",
                "webhooks[0].secret: the secret must have at least 16",
            ),
            (
                "url = \"http://x\"\nevents = [\"task.closed\"]",
                "either secret or secret_env",
            ),
            (
                "url = \"http://x\"\nevents = [\"task.closed\"]\nsecret = \"0123456789abcdef\"\nmax_attempts = 0",
                "webhooks[0].max_attempts",
            ),
        ];
        for (text, expected) in cases {
            let error = checked(text).unwrap_err().to_string();
            assert!(error.contains(expected), "{text}: {error}");
        }
    }

    #[test]
    fn a_default_name_and_the_address_shown_hold_no_token() {
        let hook_of = |url: &str| {
            checked(&format!(
                "url = \"{url}\"\nevents = [\"task.closed\"]\nsecret = \"0123456789abcdef\""
            ))
        };
        let named = |url: &str| hook_of(url).map(|hook| hook.name);
        let plain = named("http://127.0.0.1:9/in").unwrap();
        assert!(plain.starts_with("127.0.0.1:9-"), "{plain}");
        assert_eq!(plain.len(), "127.0.0.1:9-".len() + 8, "{plain}");
        // Two hooks of one host have two names.
        assert_ne!(plain, named("http://127.0.0.1:9/other").unwrap());
        assert_eq!(
            plain,
            named("http://127.0.0.1:9/in").unwrap(),
            "the same each time"
        );
        for (secretive, shown) in [
            (
                "https://bot:hunter2@example.org/in?token=abc#x",
                "https://redacted@example.org/…",
            ),
            (
                "https://hooks.example.com/services/T0/B0/hunter2",
                "https://hooks.example.com/…",
            ),
            (
                "https://hunter2@example.org",
                "https://redacted@example.org/",
            ),
        ] {
            let hook = hook_of(secretive).unwrap();
            assert_eq!(hook.url, secretive, "delivered to as written");
            assert_eq!(hook.address_shown(), shown);
            for said in [hook.name.clone(), hook.address_shown(), format!("{hook:?}")] {
                assert!(!said.contains("hunter2"), "{said}");
            }
        }
        // A name given is kept, and there was no former one.
        let named_hook = checked(
            "name = \"warehouse\"\nurl = \"http://x/in\"\nevents = [\"task.closed\"]\n\
             secret = \"0123456789abcdef\"",
        )
        .unwrap();
        assert_eq!(
            (named_hook.name.as_str(), named_hook.former_name),
            ("warehouse", None)
        );
        for bad in [
            "http://[::1/x",
            "http://",
            "http://:80/in",
            "mailto:a@example.org",
        ] {
            let error = named(bad).unwrap_err().to_string();
            assert!(error.contains("webhooks[0].url"), "{bad}: {error}");
        }
        let escaped = checked(
            "name = \"\\u001b]0;x\\u0007\"\nurl = \"http://x\"\nevents = [\"task.closed\"]\n\
             secret = \"0123456789abcdef\"",
        );
        let error = escaped.unwrap_err().to_string();
        assert!(error.contains("webhooks[0].name"), "{error}");
    }

    #[test]
    fn an_unset_secret_variable_is_only_the_servers_concern() {
        let hook =
            checked("url = \"http://x\"\nevents = [\"task.closed\"]\nsecret_env = \"UNSET\"")
                .unwrap();
        assert_eq!(
            hook.secret,
            WebhookSecret::Unset {
                variable: "UNSET".into()
            }
        );
    }

    #[test]
    fn two_webhooks_may_not_share_a_name() {
        let one =
            entry("url = \"http://x\"\nevents = [\"task.closed\"]\nsecret = \"0123456789abcdef\"");
        let error = webhooks(&[one.clone(), one], &|_| None)
            .unwrap_err()
            .to_string();
        assert!(error.contains("webhooks[1].name"), "{error}");
    }
}

//! Webhooks: other systems told of what happens here. An event is queued as one delivery per
//! webhook that wants it, and servers deliver them in the background, at least once.

use chrono::{DateTime, Utc};

/// What a webhook can be told of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EventKind {
    /// An answer was stored.
    AnswerCreated,
    /// A task got its last answer (or closed early on agreement).
    TaskClosed,
    /// A batch's last task closed.
    BatchFinished,
    /// A volunteer gave coins to a fund.
    DonationMade,
    /// Sent by `vulyk webhooks test`, only to the webhook named.
    Test,
}

impl EventKind {
    /// The kinds a webhook may subscribe to (`Test` is sent on request).
    pub const SUBSCRIBABLE: [EventKind; 4] = [
        EventKind::AnswerCreated,
        EventKind::TaskClosed,
        EventKind::BatchFinished,
        EventKind::DonationMade,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            EventKind::AnswerCreated => "answer.created",
            EventKind::TaskClosed => "task.closed",
            EventKind::BatchFinished => "batch.finished",
            EventKind::DonationMade => "donation.made",
            EventKind::Test => "webhook.test",
        }
    }

    pub fn parse(name: &str) -> Option<EventKind> {
        [
            EventKind::AnswerCreated,
            EventKind::TaskClosed,
            EventKind::BatchFinished,
            EventKind::DonationMade,
            EventKind::Test,
        ]
        .into_iter()
        .find(|kind| kind.as_str() == name)
    }
}

impl std::fmt::Display for EventKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One `[[webhooks]]` entry of the configuration.
#[derive(Clone, PartialEq, Eq)]
pub struct Webhook {
    /// How deliveries and commands name it (default: its host and a hash of its address,
    /// see `config::webhooks`).
    pub name: String,
    /// The name it had by default before names kept tokens out (its whole address): the
    /// deliveries stored under it are moved to `name` by the servers' upkeep.
    pub former_name: Option<String>,
    pub url: String,
    pub events: Vec<EventKind>,
    /// The key of the body's HMAC-SHA256 (`X-Vulyk-Signature`).
    pub secret: WebhookSecret,
    /// Tries before a delivery is dead-lettered.
    pub max_attempts: u32,
    /// The wait before the first retry; each next one waits twice as long (at most an hour).
    pub retry_after_seconds: u32,
    /// How long a try may take, answer included.
    pub timeout_seconds: u32,
}

impl Webhook {
    /// The address for listings and logs: its origin only, as the path (Slack's and
    /// Discord's hooks), the query and the credentials may each hold a token.
    pub fn address_shown(&self) -> String {
        let Ok(address) = url::Url::parse(&self.url) else {
            return "(an address that does not parse)".to_string();
        };
        let credentials = if address.username().is_empty() && address.password().is_none() {
            ""
        } else {
            "redacted@"
        };
        let bare =
            address.path() == "/" && address.query().is_none() && address.fragment().is_none();
        let rest = if bare { "/" } else { "/…" };
        let host = host_and_port(&address);
        format!("{}://{credentials}{host}{rest}", address.scheme())
    }
}

/// An address's host, with its port when it names one: the part that holds no token.
pub(crate) fn host_and_port(address: &url::Url) -> String {
    let host = address.host_str().unwrap_or_default();
    match address.port() {
        Some(port) => format!("{host}:{port}"),
        None => host.to_string(),
    }
}

impl std::fmt::Debug for Webhook {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Webhook")
            .field("name", &self.name)
            .field("url", &self.address_shown())
            .field("events", &self.events)
            .field("max_attempts", &self.max_attempts)
            .field("retry_after_seconds", &self.retry_after_seconds)
            .field("timeout_seconds", &self.timeout_seconds)
            .finish_non_exhaustive()
    }
}

/// A webhook's signing key, or the variable that should hold it and does not where this
/// runs: only servers sign, so the operator's commands work without it.
#[derive(Clone, PartialEq, Eq)]
pub enum WebhookSecret {
    Key(String),
    Unset { variable: String },
}

impl WebhookSecret {
    pub fn key(&self) -> Option<&str> {
        match self {
            WebhookSecret::Key(key) => Some(key),
            WebhookSecret::Unset { .. } => None,
        }
    }
}

impl std::fmt::Debug for WebhookSecret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            WebhookSecret::Key(_) => f.write_str("Key(…)"),
            WebhookSecret::Unset { variable } => write!(f, "Unset({variable})"),
        }
    }
}

impl Webhook {
    pub fn wants(&self, kind: EventKind) -> bool {
        self.events.contains(&kind)
    }
}

/// Something that happened, as a webhook is told of it. The id is made from what happened
/// (`task.closed:TASK`), so that telling of it again — a retried answer, a sweep — queues
/// nothing new, and a receiver can tell a repeated delivery by it.
#[derive(Debug, Clone, PartialEq)]
pub struct WebhookEvent {
    pub id: String,
    pub kind: EventKind,
    pub at: DateTime<Utc>,
    pub payload: serde_json::Value,
}

impl WebhookEvent {
    /// The body delivered: `{"id", "type", "time", "payload"}`.
    pub fn body(&self) -> String {
        serde_json::json!({
            "id": self.id,
            "type": self.kind.as_str(),
            "time": self.at.to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
            "payload": self.payload,
        })
        .to_string()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeliveryStatus {
    /// Waiting for its next try (or being tried: claimed until `next_attempt_at`).
    Pending,
    Delivered,
    /// Out of tries; `vulyk webhooks retry` queues it again.
    Dead,
}

impl DeliveryStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            DeliveryStatus::Pending => "pending",
            DeliveryStatus::Delivered => "delivered",
            DeliveryStatus::Dead => "dead",
        }
    }

    pub fn parse(name: &str) -> Option<DeliveryStatus> {
        [
            DeliveryStatus::Pending,
            DeliveryStatus::Delivered,
            DeliveryStatus::Dead,
        ]
        .into_iter()
        .find(|s| s.as_str() == name)
    }
}

/// An event on its way to one webhook.
#[derive(Debug, Clone, PartialEq)]
pub struct Delivery {
    pub id: String,
    /// The webhook's name.
    pub hook: String,
    pub event: WebhookEvent,
    pub status: DeliveryStatus,
    /// Tries begun so far.
    pub attempts: u32,
    /// When it may be tried next; while a server tries it, when that server's claim lapses.
    pub next_attempt_at: DateTime<Utc>,
    /// Why the last try failed.
    pub last_error: Option<String>,
    /// The token of the hold the latest try was made under (see `store::Claim`).
    pub claim: Option<String>,
    pub delivered_at: Option<DateTime<Utc>>,
}

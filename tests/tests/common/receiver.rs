//! A webhook receiver on loopback: it keeps what it is sent and answers as told — failing
//! its first requests, or holding the first one unanswered (for a server killed meanwhile).

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};

/// How the receiver answers.
#[derive(Debug, Clone, Copy)]
pub enum Behaviour {
    /// 503 to the first `n` requests, 204 to the rest.
    FailFirst(usize),
    /// The first request gets no answer (for a minute); 204 to the rest.
    HoldFirst,
}

/// A request as received.
#[derive(Debug, Clone)]
pub struct Received {
    pub signature: String,
    pub event: String,
    pub delivery: String,
    pub body: String,
}

impl Received {
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).expect("a JSON body")
    }

    pub fn event_id(&self) -> String {
        self.json()["id"].as_str().expect("an event id").to_string()
    }
}

#[derive(Clone)]
struct Shared {
    behaviour: Behaviour,
    seen: Arc<Mutex<Vec<Received>>>,
}

pub struct Receiver {
    pub url: String,
    seen: Arc<Mutex<Vec<Received>>>,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
}

impl Drop for Receiver {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}

impl Receiver {
    /// Listens on a free loopback port, on a thread (and runtime) of its own.
    pub fn start(behaviour: Behaviour) -> Receiver {
        let seen = Arc::new(Mutex::new(Vec::new()));
        let shared = Shared {
            behaviour,
            seen: seen.clone(),
        };
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
        listener.set_nonblocking(true).expect("non-blocking");
        let url = format!("http://{}/hook", listener.local_addr().expect("address"));
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        std::thread::spawn(move || {
            vulyk_testkit::block_on(async move {
                let listener = tokio::net::TcpListener::from_std(listener).expect("listener");
                let app = axum::Router::new()
                    .route("/hook", axum::routing::post(receive))
                    .with_state(shared);
                let _ = axum::serve(listener, app)
                    .with_graceful_shutdown(async move {
                        let _ = stopped.await;
                    })
                    .await;
            });
        });
        Receiver {
            url,
            seen,
            stop: Some(stop),
        }
    }

    pub fn seen(&self) -> Vec<Received> {
        self.seen.lock().expect("lock").clone()
    }

    /// Waits (at most `limit`) until `done` holds for what was received; returns it.
    pub fn wait_for(&self, limit: Duration, done: impl Fn(&[Received]) -> bool) -> Vec<Received> {
        let started = Instant::now();
        loop {
            let seen = self.seen();
            if done(&seen) {
                return seen;
            }
            assert!(
                started.elapsed() < limit,
                "not received within {limit:?}; received: {seen:#?}"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

async fn receive(State(shared): State<Shared>, headers: HeaderMap, body: Bytes) -> StatusCode {
    let header = |name: &str| {
        headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_string()
    };
    let number = {
        let mut seen = shared.seen.lock().expect("lock");
        seen.push(Received {
            signature: header("x-vulyk-signature"),
            event: header("x-vulyk-event"),
            delivery: header("x-vulyk-delivery"),
            body: String::from_utf8_lossy(&body).into_owned(),
        });
        seen.len()
    };
    match shared.behaviour {
        Behaviour::FailFirst(n) if number <= n => StatusCode::SERVICE_UNAVAILABLE,
        Behaviour::HoldFirst if number == 1 => {
            tokio::time::sleep(Duration::from_secs(60)).await;
            StatusCode::NO_CONTENT
        }
        _ => StatusCode::NO_CONTENT,
    }
}

/// The signature a body must carry with `secret`.
pub fn signature(secret: &str, body: &str) -> String {
    use hmac::{KeyInit, Mac};
    let mut mac =
        <hmac::Hmac<sha2::Sha256> as KeyInit>::new_from_slice(secret.as_bytes()).expect("key");
    mac.update(body.as_bytes());
    let hex: String = mac
        .finalize()
        .into_bytes()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    format!("sha256={hex}")
}

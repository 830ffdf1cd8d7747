//! The accept loop: HTTP/1 connections whose number and idle time are bounded, so that no
//! client, however many sockets it opens or however slowly it writes, can use up the
//! process's file descriptors or memory.
//!
//! `axum::serve` holds every connection for as long as the client keeps it and accepts as
//! many as the kernel hands over; here a connection needs a place under
//! [`ConnectionLimits::max_connections`] before it is accepted and one of its address's
//! places under `max_per_address`. Every way a client can hold on to one is timed: hyper
//! closes it when no complete request head arrives within `header_timeout` (which also ends
//! idle keep-alive connections), the router's timeout bounds reading a body and answering,
//! and a response the client stops reading ends the connection after `write_timeout`
//! without progress.

use std::collections::HashMap;
use std::future::Future;
use std::net::{IpAddr, SocketAddr};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use axum::Router;
use axum::extract::ConnectInfo;
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use tokio::net::TcpListener;
use tokio::sync::Semaphore;
use tower::ServiceExt as _;

use crate::auth::address_key;
use crate::config::ConnectionLimits;

/// After an accept error (EMFILE above all), the pause before the next accept: the process
/// is out of something, and spinning would not give it back.
const ACCEPT_BACK_OFF: Duration = Duration::from_millis(50);
/// Accept errors are logged at most this often.
const ACCEPT_ERROR_LOG_EVERY: Duration = Duration::from_secs(10);
/// What an address past its share of connections hears before its connection is closed.
const TOO_MANY: &[u8] = b"HTTP/1.1 503 Service Unavailable\r\nRetry-After: 1\r\n\
    Content-Type: application/json\r\nContent-Length: 66\r\nConnection: close\r\n\r\n\
    {\"result\":null,\"errors\":[\"too many connections from one address\"]}";

/// Serves `app` on `listener` until `shutdown` resolves, then finishes the requests in
/// flight.
pub(crate) async fn serve_with_limits(
    listener: TcpListener,
    app: Router,
    limits: ConnectionLimits,
    exempt: Vec<IpAddr>,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let places = Arc::new(Semaphore::new(limits.max_connections));
    let per_address = PerAddress::new(limits.max_per_address, exempt);
    let graceful = GracefulShutdown::new();
    let mut builder = http1::Builder::new();
    builder
        .timer(TokioTimer::new())
        .header_read_timeout(limits.header_timeout);
    let mut errors = AcceptErrors::default();
    tokio::pin!(shutdown);
    loop {
        // A free place first: past the cap, new connections wait in the kernel's queue
        // rather than in this process.
        let place = tokio::select! {
            place = places.clone().acquire_owned() => place.expect("the semaphore is never closed"),
            () = &mut shutdown => break,
        };
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(error) => {
                    errors.note(&error);
                    tokio::time::sleep(ACCEPT_BACK_OFF).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let Some(address_place) = per_address.take(peer.ip()) else {
            tracing::debug!(peer = %peer.ip(), "too many connections from one address: closed");
            // A word before closing, if the socket takes it at once; never a wait.
            let _ = stream.try_write(TOO_MANY);
            continue;
        };
        let mut stream = tokio_io_timeout::TimeoutStream::new(stream);
        stream.set_write_timeout(Some(limits.write_timeout));
        let app = app.clone();
        let service =
            hyper::service::service_fn(move |mut request: axum::http::Request<Incoming>| {
                request
                    .extensions_mut()
                    .insert(ConnectInfo::<SocketAddr>(peer));
                app.clone().oneshot(request.map(axum::body::Body::new))
            });
        let connection =
            graceful.watch(builder.serve_connection(TokioIo::new(Box::pin(stream)), service));
        tokio::spawn(async move {
            if let Err(error) = connection.await {
                tracing::debug!(%error, "connection ended with an error");
            }
            drop((place, address_place));
        });
    }
    drop(listener);
    graceful.shutdown().await;
    Ok(())
}

/// Open connections per address (IPv6 by /64, as one client usually holds a whole /64).
#[derive(Debug, Clone)]
struct PerAddress {
    open: Arc<Mutex<HashMap<String, usize>>>,
    max: usize,
    exempt: Arc<Vec<IpAddr>>,
}

/// One connection's place among its address's; given back when dropped.
#[derive(Debug)]
struct AddressPlace {
    of: PerAddress,
    key: Option<String>,
}

impl PerAddress {
    fn new(max: usize, exempt: Vec<IpAddr>) -> Self {
        PerAddress {
            open: Arc::default(),
            max,
            exempt: Arc::new(exempt),
        }
    }

    fn take(&self, ip: IpAddr) -> Option<AddressPlace> {
        let ip = ip.to_canonical();
        if self.exempt.iter().any(|e| e.to_canonical() == ip) {
            return Some(AddressPlace {
                of: self.clone(),
                key: None,
            });
        }
        let key = address_key(ip);
        let mut open = self.open.lock().unwrap_or_else(PoisonError::into_inner);
        let count = open.entry(key.clone()).or_insert(0);
        if *count >= self.max {
            return None;
        }
        *count += 1;
        Some(AddressPlace {
            of: self.clone(),
            key: Some(key),
        })
    }
}

impl Drop for AddressPlace {
    fn drop(&mut self) {
        let Some(key) = self.key.take() else { return };
        let mut open = self.of.open.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(count) = open.get_mut(&key) {
            *count -= 1;
            if *count == 0 {
                open.remove(&key);
            }
        }
    }
}

/// Accept errors, logged once per period with how many there were.
#[derive(Debug, Default)]
struct AcceptErrors {
    last_logged: Option<Instant>,
    unlogged: u64,
}

impl AcceptErrors {
    fn note(&mut self, error: &std::io::Error) {
        self.unlogged += 1;
        if self
            .last_logged
            .is_none_or(|at| at.elapsed() >= ACCEPT_ERROR_LOG_EVERY)
        {
            tracing::warn!(
                %error,
                errors = self.unlogged,
                "accepting connections failed; backing off"
            );
            self.last_logged = Some(Instant::now());
            self.unlogged = 0;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_address_gets_its_places_back() {
        let limits = PerAddress::new(2, vec!["127.0.0.9".parse().unwrap()]);
        let ip: IpAddr = "10.0.0.1".parse().unwrap();
        let first = limits.take(ip).unwrap();
        let _second = limits.take(ip).unwrap();
        assert!(limits.take(ip).is_none());
        assert!(limits.take("10.0.0.2".parse().unwrap()).is_some());
        // One /64 is one client.
        let a = limits.take("2001:db8::1".parse().unwrap()).unwrap();
        let _b = limits.take("2001:db8::ffff:2".parse().unwrap()).unwrap();
        assert!(limits.take("2001:db8::3".parse().unwrap()).is_none());
        drop(a);
        assert!(limits.take("2001:db8::3".parse().unwrap()).is_some());
        drop(first);
        assert!(limits.take(ip).is_some());
        let exempt: IpAddr = "127.0.0.9".parse().unwrap();
        let held: Vec<_> = (0..5).map(|_| limits.take(exempt).unwrap()).collect();
        assert_eq!(held.len(), 5);
        // The same address over a dual-stack socket is the same address.
        let mapped: IpAddr = "::ffff:127.0.0.9".parse().unwrap();
        assert!(
            limits.take(mapped).is_some_and(|p| p.key.is_none()),
            "exempt"
        );
    }
}

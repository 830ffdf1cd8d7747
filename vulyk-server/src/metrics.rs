//! Prometheus metrics, when `metrics_listen` is set: requests by route, method and status
//! with their latency, beside what the core counts (hand-outs, answers, skips, sign-in
//! failures, refusals by the limits, the password-hashing queue, store calls by operation).
//! They are served on an address of their own, never on the site's.

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use axum::Router;
use axum::extract::{MatchedPath, Request};
use axum::http::Method;
use axum::middleware::Next;
use axum::response::Response;
use axum::routing::get;
use metrics_exporter_prometheus::{BuildError, PrometheusBuilder, PrometheusHandle};

use crate::config::ConnectionLimits;
use crate::serve::serve_with_limits;

/// Latency buckets, in seconds: a hand-out takes about a millisecond, a sign-in (a password
/// hash) a quarter of a second, and a request is cut off at thirty.
const BUCKETS: [f64; 14] = [
    0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 30.0,
];

/// How often histograms are compacted (the exporter's upkeep).
const UPKEEP: Duration = Duration::from_secs(5);

/// Starts keeping metrics for this process. Once per process: the recorder is global.
pub fn install() -> Result<PrometheusHandle, BuildError> {
    PrometheusBuilder::new()
        .set_buckets(&BUCKETS)?
        .install_recorder()
}

/// Counts a request and times it, by the route it matched (its template, never the path:
/// ids and made-up paths would make unbounded series) and a known method.
pub async fn track(request: Request, next: Next) -> Response {
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map_or_else(|| "unmatched".to_string(), |m| m.as_str().to_string());
    let method = method_label(request.method());
    let started = Instant::now();
    let response = next.run(request).await;
    let status = response.status().as_u16().to_string();
    metrics::counter!(
        "vulyk_http_requests_total",
        "route" => route.clone(),
        "method" => method,
        "status" => status
    )
    .increment(1);
    metrics::histogram!(
        "vulyk_http_request_duration_seconds",
        "route" => route,
        "method" => method
    )
    .record(started.elapsed().as_secs_f64());
    response
}

/// A client may send any method: the ones the site answers are named, the rest are `other`.
fn method_label(method: &Method) -> &'static str {
    match *method {
        Method::GET => "GET",
        Method::POST => "POST",
        Method::HEAD => "HEAD",
        Method::PUT => "PUT",
        Method::DELETE => "DELETE",
        Method::OPTIONS => "OPTIONS",
        Method::PATCH => "PATCH",
        _ => "other",
    }
}

/// The metrics listener's bounds. Scrapers are few and quick, so they are tighter than the
/// site's: whoever reaches the address (it may be on a shared network) can hold no more than
/// a few connections, and none for long.
pub const LIMITS: ConnectionLimits = ConnectionLimits {
    max_connections: 16,
    max_per_address: 4,
    header_timeout: Duration::from_secs(10),
    write_timeout: Duration::from_secs(30),
};

/// Serves `GET /metrics` on `listener` until `shutdown` resolves, with the site's accept
/// loop and these `limits` ([`LIMITS`] in the server).
pub async fn serve(
    listener: tokio::net::TcpListener,
    handle: PrometheusHandle,
    limits: ConnectionLimits,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let upkeep = handle.clone();
    tokio::spawn(async move {
        let mut every = tokio::time::interval(UPKEEP);
        loop {
            every.tick().await;
            upkeep.run_upkeep();
        }
    });
    // Rendering is quick and in memory; sending it is bounded by `write_timeout`.
    let app = Router::new().route("/metrics", get(move || async move { handle.render() }));
    serve_with_limits(listener, app, limits, Vec::new(), shutdown).await
}

/// The address Prometheus scrapes, as the log and the start-up line say it.
pub fn scrape_url(address: SocketAddr) -> String {
    format!("http://{address}/metrics")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn made_up_methods_share_one_label() {
        let made_up = Method::from_bytes(b"BREW").unwrap();
        assert_eq!(method_label(&made_up), "other");
        assert_eq!(method_label(&Method::POST), "POST");
    }
}

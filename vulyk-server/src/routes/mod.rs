//! The router: the JSON API, the pages, the static files, and the layers around them.

pub(crate) mod accounts;
mod game;
mod pages;
mod rewards;
mod work;

use std::time::Duration;

use axum::Router;
use axum::extract::{DefaultBodyLimit, MatchedPath, State};
use axum::http::{HeaderName, HeaderValue, StatusCode, header};
use axum::middleware::{from_fn, from_fn_with_state};
use axum::response::Response;
use axum::routing::{get, post};
use tower_http::LatencyUnit;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::{DefaultOnResponse, TraceLayer};

use crate::error_shape::shaped_errors;
use crate::form::MAX_BODY_BYTES;
use crate::state::AppState;
use crate::{assets, csrf, envelope, oidc};

pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);

const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; img-src 'self' data: https:; \
     frame-src https:; object-src 'none'; base-uri 'self'; form-action 'self'; \
     frame-ancestors 'none'";

/// The site's policy widened only as far as a plugin's plugin.toml declares
/// (`[content_security]`, its sources validated when the plugin is read); `None` for a plugin
/// that declares nothing, which keeps the site's.
pub(crate) fn plugin_policy(extra: &vulyk_core::plugins::ContentSecurity) -> Option<HeaderValue> {
    if extra.is_strict() {
        return None;
    }
    let mut policy = CONTENT_SECURITY_POLICY.to_string();
    for (directive, sources) in [
        ("script-src", &extra.script),
        ("style-src", &extra.style),
        ("font-src", &extra.font),
    ] {
        if !sources.is_empty() {
            policy.push_str(&format!("; {directive} 'self' {}", sources.join(" ")));
        }
    }
    HeaderValue::from_str(&policy).ok()
}

/// The span of a request names the route, not the path: task ids and query strings stay
/// out of the log.
fn request_span(request: &axum::extract::Request) -> tracing::Span {
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map_or("(no route)", MatchedPath::as_str);
    tracing::info_span!("request", method = %request.method(), route)
}

/// What `/healthz` answers: that the site is up, and on which backend.
#[derive(serde::Serialize)]
struct Health {
    status: &'static str,
    backend: &'static str,
}

async fn health(State(state): State<AppState>) -> Response {
    envelope::ok(Health {
        status: "ok",
        backend: state.vulyk.backend(),
    })
}

pub fn router(state: AppState) -> Router {
    let api = Router::new()
        .route("/healthz", get(health))
        .route("/type/{task_type}/next", get(work::next))
        .route("/type/{task_type}/done/{task_id}", post(work::done))
        .route("/type/{task_type}/skip/{task_id}", post(work::skip))
        .route("/type/{task_type}/activity/{task_id}", post(work::activity))
        .route("/gamification/badges", get(game::badges))
        .route(
            "/gamification/badges/{project}/{strictness}",
            get(game::project_badges),
        )
        .route("/gamification/funds", get(game::funds))
        .route(
            "/gamification/funds/{category}",
            get(game::funds_of_category),
        )
        .route("/gamification/funds/{fund}/logo", get(game::fund_logo))
        .route("/gamification/events/unseen", get(game::unseen_events))
        .route("/gamification/events/all", get(game::all_events))
        .route("/gamification/events/mark_viewed", post(game::mark_viewed))
        .route("/gamification/users/me/state", get(game::my_state))
        .route("/gamification/users/{user_id}/state", get(game::user_state))
        .route("/gamification/donations", post(game::donate));
    let pages = Router::new()
        .route("/", get(pages::index))
        .route("/type/{task_type}", get(pages::task_page))
        .route("/type/{task_type}/", get(pages::task_page))
        .route("/type/{task_type}/leaders", get(pages::leaders))
        .route("/me", get(pages::me))
        .route("/me/donate", post(rewards::donate))
        .route(
            "/signin",
            get(accounts::sign_in_form).post(accounts::sign_in),
        )
        .route(
            "/signup",
            get(accounts::sign_up_form).post(accounts::sign_up),
        )
        .route("/logout", post(accounts::sign_out))
        .route(
            "/signin/oidc/{provider}",
            get(oidc::start).post(oidc::start_link),
        )
        .route("/signin/oidc/{provider}/callback", get(oidc::callback))
        .route("/static/{name}", get(assets::built_in))
        .route("/plugins/{task_type}/{*path}", get(assets::plugin_file))
        .fallback(pages::not_found);
    let header = |name: HeaderName, value: &'static str| {
        SetResponseHeaderLayer::if_not_present(name, HeaderValue::from_static(value))
    };
    let app = api
        .merge(pages)
        .layer(from_fn_with_state(state.clone(), csrf::protect))
        .layer(from_fn(crate::form::refuse_declared_too_large))
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            REQUEST_TIMEOUT,
        ))
        .layer(from_fn_with_state(state.clone(), shaped_errors))
        // Outside the shaping, so that every answer has them, a reshaped error's too.
        .layer(header(header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
        .layer(header(header::X_FRAME_OPTIONS, "DENY"))
        .layer(header(header::REFERRER_POLICY, "same-origin"))
        .layer(header(
            header::CONTENT_SECURITY_POLICY,
            CONTENT_SECURITY_POLICY,
        ))
        .layer(
            TraceLayer::new_for_http()
                .make_span_with(request_span)
                // One line per request at the default level: its route, status and time.
                .on_response(
                    DefaultOnResponse::new()
                        .level(tracing::Level::INFO)
                        .latency_unit(LatencyUnit::Millis),
                ),
        );
    // Outermost, so that refusals by the layers inside (CSRF, body size, timeout) count too;
    // only when metrics are kept, so that a site without them pays nothing.
    let app = if state.config.metrics_listen.is_some() {
        app.layer(from_fn(crate::metrics::track))
    } else {
        app
    };
    app.with_state(state)
}

//! Property test: malformed paths, methods, bodies, forms and JSON (numbers too large,
//! redirects with control characters, oversized logins among them), sent to every route by
//! signed-in, anonymous and token clients, never get a 5xx (nor a panic), the API always
//! answers errors in its JSON envelope, and no error is bare (text/plain, or empty).

mod common;

use axum::body::Body;
use axum::http::{Method, StatusCode, header};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};

const ROUTES: &[&str] = &[
    "/",
    "/healthz",
    "/me",
    "/signin",
    "/signin?next={id}",
    "/signin?next=/{id}/{t}",
    "/signin/oidc/{t}?next={id}",
    "/signup",
    "/logout",
    "/type/{t}/",
    "/type/{t}",
    "/type/{t}/next",
    "/type/{t}/done/{id}",
    "/type/{t}/skip/{id}",
    "/type/{t}/activity/{id}",
    "/type/{t}/leaders",
    "/gamification/badges",
    "/gamification/badges/{t}/{id}",
    "/gamification/funds",
    "/gamification/funds/{id}",
    "/gamification/funds/{id}/logo",
    "/gamification/events/unseen",
    "/gamification/events/all",
    "/gamification/events/mark_viewed",
    "/gamification/users/me/state",
    "/gamification/users/{id}/state",
    "/gamification/donations",
    "/static/{id}",
    "/plugins/{t}/{id}",
    "/{t}/{id}/{t}",
];

fn percent_encode(bytes: &[u8]) -> String {
    bytes
        .iter()
        .map(|b| match b {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'-' | b'_' | b'.' => {
                (*b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// A segment: a real value, or arbitrary bytes.
fn segment(real: &'static [&'static str]) -> impl Strategy<Value = String> {
    prop_oneof![
        proptest::sample::select(real).prop_map(str::to_string),
        proptest::collection::vec(any::<u8>(), 0..24).prop_map(|b| percent_encode(&b)),
        Just("..".to_string()),
        Just("%2e%2e%2fplugin.toml".to_string()),
    ]
}

fn body() -> impl Strategy<Value = (Option<&'static str>, Vec<u8>)> {
    let content_type = proptest::option::of(proptest::sample::select(
        &[
            "application/x-www-form-urlencoded",
            "application/json",
            "text/plain",
            "multipart/form-data; boundary=x",
            "application/json; charset=utf-8",
        ][..],
    ));
    let bytes = prop_oneof![
        proptest::collection::vec(any::<u8>(), 0..200),
        ".{0,80}".prop_map(|s| format!("result={}", percent_encode(s.as_bytes())).into_bytes()),
        ".{0,40}".prop_map(
            |s| format!("seconds={}&result=%7B%7D", percent_encode(s.as_bytes())).into_bytes()
        ),
        Just(b"{\"result\": {\"a\": [1, 2, {\"b\": null}]}}".to_vec()),
        Just(b"{\"result\": ".to_vec()),
        Just(b"{\"seconds\": 1e400}".to_vec()),
        Just(b"{\"seconds\": -9223372036854775809}".to_vec()),
        Just(b"result=%ZZ&csrf=%".to_vec()),
        // Amounts past what a decimal can scale (they once panicked).
        Just(b"{\"fund_id\": \"f\", \"amount\": 1e25}".to_vec()),
        Just(b"{\"fund_id\": \"f\", \"amount\": \"123456789012345678901234567\"}".to_vec()),
        Just(b"fund_id=f&amount=79228162514264337593543950335".to_vec()),
        // Sign-in fields: a login of a megabyte, a `next` with control characters.
        Just(format!("login={}&password=x", "x".repeat(1 << 20)).into_bytes()),
        ".{0,40}".prop_map(|s| format!(
            "login=a%40b.c&password=wrong+password&next=%2F%0A{}",
            percent_encode(s.as_bytes())
        )
        .into_bytes()),
    ];
    (content_type, bytes)
}

#[derive(Debug, Clone, Copy)]
enum Who {
    Volunteer,
    Anonymous,
    BadToken,
    NoCsrf,
}

#[test]
fn malformed_requests_never_get_a_server_error() {
    let runtime = vulyk_testkit::runtime();
    let app =
        runtime.block_on(async { common::TestApp::sqlite().await.with_tagging_tasks().await });
    let (_, volunteer) = runtime.block_on(app.volunteer("olena@example.org"));
    let task = runtime.block_on(volunteer.next_task("tagging_task"));
    let ids: &'static [&'static str] = Box::leak(Box::new([
        Box::leak(task.into_boxed_str()) as &str,
        "0123456789abcdef0123",
        "tagging.js",
        "static/tagging.js",
    ]));

    let strategy = (
        proptest::sample::select(ROUTES),
        segment(&["tagging_task", "declaration_task", "nope"]),
        segment(ids),
        proptest::sample::select(&[Method::GET, Method::POST, Method::PUT, Method::DELETE][..]),
        body(),
        proptest::sample::select(&[Who::Volunteer, Who::Anonymous, Who::BadToken, Who::NoCsrf][..]),
    );
    let cases = std::env::var("VULYK_PROPTEST_CASES")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(400);
    let mut runner = TestRunner::new(Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    });
    runner
        .run(
            &strategy,
            |(route, task_type, id, method, (content_type, bytes), who)| {
                let path = route.replace("{t}", &task_type).replace("{id}", &id);
                let mut client = common::Client {
                    app: &app,
                    session: volunteer.session.clone(),
                    bearer: None,
                    nonce: volunteer.nonce.clone(),
                    token: volunteer.token.clone(),
                };
                match who {
                    Who::Volunteer => {}
                    Who::Anonymous => client.session = None,
                    Who::BadToken => client.bearer = Some("vlk_nothing".into()),
                    Who::NoCsrf => client.token = None,
                }
                // As API clients (and our page scripts) do.
                let mut builder = client
                    .request(method.clone(), &path)
                    .header(header::ACCEPT, "application/json");
                if let Some(content_type) = content_type {
                    builder = builder.header(header::CONTENT_TYPE, content_type);
                }
                if let Some(token) = &client.token {
                    builder = builder.header("x-csrf-token", token);
                }
                let Ok(request) = builder.body(Body::from(bytes)) else {
                    return Ok(()); // Not even a valid HTTP request: nothing to send.
                };
                let reply = runtime.block_on(app.send(request));
                prop_assert!(
                    reply.status < StatusCode::INTERNAL_SERVER_ERROR,
                    "{method} {path} ({who:?}) → {}: {}",
                    reply.status,
                    reply.body
                );
                if reply.status.is_client_error() {
                    let shaped = reply
                        .headers
                        .get(header::CONTENT_TYPE)
                        .and_then(|v| v.to_str().ok())
                        .is_some_and(|t| {
                            t.starts_with("application/json") || t.starts_with("text/html")
                        });
                    prop_assert!(shaped, "{method} {path}: a bare error: {}", reply.body);
                }
                let api = path == "/healthz"
                    || ["/next", "/done/", "/skip/", "/activity/"]
                        .iter()
                        .any(|p| path.contains(p));
                let api = api || path.starts_with("/gamification/");
                if api
                    && reply.status.is_client_error()
                    && (path.starts_with("/type/") || path.starts_with("/gamification/"))
                {
                    let json: serde_json::Value =
                        serde_json::from_str(&reply.body).map_err(|e| {
                            TestCaseError::fail(format!(
                                "{method} {path}: not JSON ({e}): {}",
                                reply.body
                            ))
                        })?;
                    prop_assert!(json["errors"].is_array(), "{method} {path}: {json}");
                }
                Ok(())
            },
        )
        .unwrap();
}

/// Errors that a layer or an extractor leaves bare (serde's text/plain for a page's query
/// or path, the timeout's empty 408) come in the shape the asker reads: JSON on the API's
/// paths and for a client that takes JSON, the error page otherwise.
#[test]
fn bare_errors_take_the_shape_the_asker_reads() {
    let runtime = vulyk_testkit::runtime();
    let app = runtime.block_on(common::TestApp::sqlite());
    // A first visit: no CSRF nonce yet, so the site sets one.
    let mut visitor = app.anonymous();
    visitor.nonce = None;
    let browser = "text/html,application/xhtml+xml,*/*;q=0.8";
    let ask = |method: Method, path: &str, accept: &str, declared: Option<&str>| {
        let mut request = visitor.request(method, path).header(header::ACCEPT, accept);
        if let Some(length) = declared {
            request = request.header(header::CONTENT_LENGTH, length);
        }
        runtime.block_on(app.send(request.body(Body::empty()).unwrap()))
    };
    for (path, page) in [
        ("/signin?next=/a&next=/b", true),
        ("/type/%FF", true),
        ("/type/%FF/leaders", true),
        // The API's routes answer JSON whoever asks.
        ("/gamification/funds/%FF/logo", false),
    ] {
        let page_or_json = if page {
            "text/html"
        } else {
            "application/json"
        };
        for (accept, shape) in [
            (browser, page_or_json),
            ("application/json", "application/json"),
            ("*/*", page_or_json),
        ] {
            let reply = ask(Method::GET, path, accept, None);
            assert_eq!(
                reply.status,
                StatusCode::BAD_REQUEST,
                "{path}: {}",
                reply.body
            );
            let content_type = reply.headers[header::CONTENT_TYPE].to_str().unwrap();
            assert!(
                content_type.starts_with(shape),
                "{path} ({accept}): {content_type}: {}",
                reply.body
            );
            if shape == "application/json" {
                assert!(reply.json()["errors"].is_array(), "{path}: {}", reply.body);
            }
            // Reshaped, the answer keeps the security headers and what the layers inside
            // set (a first visit's CSRF nonce).
            for name in [header::CONTENT_SECURITY_POLICY, header::X_FRAME_OPTIONS] {
                assert!(reply.headers.contains_key(&name), "{path}: no {name}");
            }
            if page {
                let cookie = reply.headers.get(header::SET_COOKIE);
                let cookie = cookie.and_then(|c| c.to_str().ok()).unwrap_or("");
                assert!(cookie.starts_with("vulyk_csrf="), "{path}: {cookie:?}");
            }
        }
    }
    // A 404 under the API's paths is JSON for curl (`*/*`) and a browser too.
    for path in ["/gamification/nope", "/type/tagging_task/done/"] {
        for accept in ["*/*", browser] {
            let reply = ask(Method::POST, path, accept, None);
            assert!(reply.status.is_client_error(), "{path}: {}", reply.status);
            assert!(reply.json()["errors"].is_array(), "{path}: {}", reply.body);
        }
    }
    // An outer layer's refusal on an API route is JSON for a browser too.
    let path = "/type/tagging_task/done/x";
    let reply = ask(Method::POST, path, browser, Some("10000000000"));
    assert_eq!(reply.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(reply.json()["errors"].is_array(), "{}", reply.body);
}

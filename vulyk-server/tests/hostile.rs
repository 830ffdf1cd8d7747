//! The site attacked as a hostile client would, over real sockets: idle and slow connections,
//! too many of them, open redirects, numbers too large, logins of a megabyte, forms that are
//! not UTF-8, a planted CSRF cookie, a burst of password checks, the metrics listener held
//! open. Each case is an attack that once worked (issues #15, #20), kept so that it cannot
//! come back.

mod common;

use std::net::{IpAddr, SocketAddr};
use std::time::{Duration, Instant};

use common::{PASSWORD, TestApp, serve_site};
use metrics_exporter_prometheus::PrometheusBuilder;
use reqwest::StatusCode;
use serde_json::json;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpSocket, TcpStream};
use vulyk_core::service::AccountLimits;
use vulyk_server::config::{ConnectionLimits, ServerLayer};
use vulyk_server::{AppState, metrics};
use vulyk_testkit::csrf_of;

/// A SQLite site with its settings tweaked, on a real socket of 127.0.0.1 until the test's
/// runtime ends.
async fn site(tweak: impl FnOnce(&mut ServerLayer)) -> (TestApp, SocketAddr) {
    let app = TestApp::sqlite_with(tweak).await;
    let address = serve_site(app.state.clone()).await;
    (app, address)
}

/// A TCP connection to the site from a loopback address of our choice (all of 127/8 is this
/// machine), so that "another client" is another address.
async fn connect_from(from: [u8; 4], to: SocketAddr) -> TcpStream {
    let socket = TcpSocket::new_v4().expect("socket");
    socket
        .bind(SocketAddr::from((IpAddr::from(from), 0)))
        .expect("bind a loopback address");
    socket.connect(to).await.expect("connect")
}

/// Whether the server closes the connection within `within` (a read sees the end).
async fn closed_within(stream: &mut TcpStream, within: Duration) -> bool {
    let mut buffer = [0u8; 4096];
    let deadline = Instant::now() + within;
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        match tokio::time::timeout(left, stream.read(&mut buffer)).await {
            Ok(Ok(0)) | Ok(Err(_)) => return true,
            Ok(Ok(_)) => continue,
            Err(_) => return false,
        }
    }
}

async fn healthz(from: [u8; 4], to: SocketAddr) -> Option<String> {
    get(from, to, "/healthz").await
}

/// The whole answer to a GET of `path` on a connection of its own.
async fn get(from: [u8; 4], to: SocketAddr, path: &str) -> Option<String> {
    let mut stream = connect_from(from, to).await;
    let request = format!("GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    stream.write_all(request.as_bytes()).await.ok()?;
    let mut reply = Vec::new();
    tokio::time::timeout(Duration::from_secs(5), stream.read_to_end(&mut reply))
        .await
        .ok()?
        .ok()?;
    Some(String::from_utf8_lossy(&reply).into_owned())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn idle_and_slow_connections_are_closed_after_the_header_timeout() {
    let (_app, address) = site(|layer| layer.header_timeout_secs = Some(1)).await;
    // Says nothing at all.
    let mut silent = connect_from([127, 0, 0, 1], address).await;
    // Starts a request and never finishes its head.
    let mut slow = connect_from([127, 0, 0, 1], address).await;
    slow.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\n")
        .await
        .unwrap();
    // Asks once, then keeps the connection open and idle.
    let mut idle = connect_from([127, 0, 0, 1], address).await;
    idle.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
        .await
        .unwrap();
    let mut first = [0u8; 1024];
    let read = idle.read(&mut first).await.unwrap();
    assert!(String::from_utf8_lossy(&first[..read]).starts_with("HTTP/1.1 200"));
    for (name, stream) in [
        ("silent", &mut silent),
        ("slow", &mut slow),
        ("idle", &mut idle),
    ] {
        assert!(
            closed_within(stream, Duration::from_secs(5)).await,
            "{name} connection still open"
        );
    }
}

/// Opens `places` connections from `from` and checks that, past them, the address's next
/// connection hears 503 and is closed at once. The connections are kept open by the caller.
async fn hold_every_place(from: [u8; 4], to: SocketAddr, places: usize) -> Vec<TcpStream> {
    let mut held = Vec::new();
    for _ in 0..places {
        held.push(connect_from(from, to).await);
    }
    let mut extra = connect_from(from, to).await;
    let mut said = Vec::new();
    tokio::time::timeout(Duration::from_secs(5), extra.read_to_end(&mut said))
        .await
        .expect("closed at once")
        .ok();
    let said = String::from_utf8_lossy(&said);
    assert!(said.starts_with("HTTP/1.1 503"), "{said}");
    held
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_address_cannot_hold_every_connection() {
    let (_app, address) = site(|layer| {
        layer.max_connections_per_address = Some(20);
        layer.header_timeout_secs = Some(60);
    })
    .await;
    // Past its share the address is refused, while another client is served.
    let mut held = hold_every_place([127, 0, 0, 7], address, 20).await;
    let reply = healthz([127, 0, 0, 8], address).await.expect("answered");
    assert!(reply.starts_with("HTTP/1.1 200"), "{reply}");
    // A place given back is a place taken again.
    drop(held.pop());
    tokio::time::sleep(Duration::from_millis(200)).await;
    let reply = healthz([127, 0, 0, 7], address).await.expect("answered");
    assert!(reply.starts_with("HTTP/1.1 200"), "{reply}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_client_that_stops_reading_loses_its_connection() {
    let (_app, address) = site(|layer| {
        layer.write_timeout_secs = Some(1);
        layer.header_timeout_secs = Some(60);
    })
    .await;
    // A small receive window, and many requests at once whose answers it never reads: the
    // server's writes stall.
    let socket = TcpSocket::new_v4().expect("socket");
    socket.set_recv_buffer_size(4_096).expect("buffer size");
    let mut stream = socket.connect(address).await.expect("connect");
    const REQUESTS: usize = 30_000;
    let requests = "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n".repeat(REQUESTS);
    let (mut reader, mut writer) = stream.split();
    // The server stops reading requests while its answers stall, so the write may never end.
    let _ = tokio::time::timeout(
        Duration::from_secs(2),
        writer.write_all(requests.as_bytes()),
    )
    .await;
    tokio::time::sleep(Duration::from_secs(3)).await;
    let mut answers = Vec::new();
    let read =
        tokio::time::timeout(Duration::from_secs(10), reader.read_to_end(&mut answers)).await;
    assert!(read.is_ok(), "the connection was still open");
    let answered = String::from_utf8_lossy(&answers)
        .matches("HTTP/1.1 200")
        .count();
    assert!(answered < REQUESTS, "all {answered} answers were written");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn past_the_connection_cap_new_connections_wait_for_a_free_place() {
    let (_app, address) = site(|layer| {
        layer.max_connections = Some(10);
        layer.header_timeout_secs = Some(2);
    })
    .await;
    // Ten idle sockets from ten addresses fill every place.
    let mut held = Vec::new();
    for i in 0..10 {
        held.push(connect_from([127, 0, 1, i], address).await);
    }
    tokio::time::sleep(Duration::from_millis(200)).await;
    // The next client waits in the kernel's queue, and is served once the header timeout
    // has closed the idle ones — well before its own patience runs out.
    let started = Instant::now();
    let reply = healthz([127, 0, 2, 1], address).await.expect("answered");
    assert!(reply.starts_with("HTTP/1.1 200"), "{reply}");
    let waited = started.elapsed();
    assert!(
        waited >= Duration::from_millis(500),
        "served at once ({waited:?}): the cap did not hold"
    );
    for mut stream in held {
        assert!(closed_within(&mut stream, Duration::from_secs(1)).await);
    }
}

fn no_redirects() -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .timeout(Duration::from_secs(30))
        .build()
        .expect("client")
}

async fn page(client: &reqwest::Client, url: &str) -> String {
    client.get(url).send().await.unwrap().text().await.unwrap()
}

/// A signed-in browser on the real site, and its CSRF token.
async fn signed_in(app: &TestApp, base: &str, email: &str) -> (reqwest::Client, String) {
    app.vulyk().sign_up(email, PASSWORD, "").await.unwrap();
    let client = no_redirects();
    let form = page(&client, &format!("{base}/signin")).await;
    let reply = client
        .post(format!("{base}/signin"))
        .form(&[
            ("login", email),
            ("password", PASSWORD),
            ("csrf", &csrf_of(&form)),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(reply.status(), StatusCode::SEE_OTHER);
    let me = page(&client, &format!("{base}/me")).await;
    (client, csrf_of(&me))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn next_never_leaves_the_site_and_never_breaks_the_answer() {
    let (app, address) = site(|_| {}).await;
    let base = format!("http://{address}");
    let (client, _) = signed_in(&app, &base, "olena@example.org").await;
    for next in [
        "/%09/evil.example",
        "/%0A/evil.example",
        "/%0D%0ALocation:%20http://evil.example",
        "/%5Cevil.example",
        "//evil.example",
        "/\\evil.example",
    ] {
        let reply = client
            .get(format!("{base}/signin?next={next}"))
            .send()
            .await
            .unwrap();
        assert_eq!(reply.status(), StatusCode::SEE_OTHER, "{next}");
        assert_eq!(reply.headers()["location"], "/", "{next}");
    }
    // After a form sign-in, too: no 500, no way out.
    let browser = no_redirects();
    let form = page(&browser, &format!("{base}/signin")).await;
    let reply = browser
        .post(format!("{base}/signin"))
        .form(&[
            ("login", "olena@example.org"),
            ("password", PASSWORD),
            ("next", "/\n/evil.example"),
            ("csrf", &csrf_of(&form)),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(reply.status(), StatusCode::SEE_OTHER);
    assert_eq!(reply.headers()["location"], "/");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn numbers_too_large_for_an_amount_are_a_400() {
    let (app, address) = site(|_| {}).await;
    let base = format!("http://{address}");
    let (client, token) = signed_in(&app, &base, "olena@example.org").await;
    let huge = "123456789012345678901234567";
    for body in [
        json!({"fund_id": "x", "amount": 1e25}),
        json!({"fund_id": "x", "amount": 1e300}),
        json!({"fund_id": "x", "amount": huge}),
    ] {
        let reply = client
            .post(format!("{base}/gamification/donations"))
            .header("x-csrf-token", &token)
            .json(&body)
            .send()
            .await
            .expect("an answer, not a dropped connection");
        assert_eq!(reply.status(), StatusCode::BAD_REQUEST, "{body}");
        let text = reply.text().await.unwrap();
        assert!(text.contains("amount"), "{body}: {text}");
    }
    // The personal page's form.
    let reply = client
        .post(format!("{base}/me/donate"))
        .form(&[("fund_id", "x"), ("amount", huge), ("csrf", &token)])
        .send()
        .await
        .expect("an answer, not a dropped connection");
    assert!(reply.status().is_redirection() || reply.status().is_client_error());
}

fn database_bytes(app: &TestApp) -> u64 {
    ["", "-wal"]
        .iter()
        .map(|suffix| std::fs::metadata(format!("{}{suffix}", app.db)).map_or(0, |m| m.len()))
        .sum()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn failed_sign_ins_with_huge_logins_do_not_grow_the_database() {
    let (app, address) = site(|_| {}).await;
    let base = format!("http://{address}");
    let browser = no_redirects();
    let form = page(&browser, &format!("{base}/signin")).await;
    let token = csrf_of(&form);
    let before = database_bytes(&app);
    let login = "x".repeat(1 << 20);
    for i in 0..40 {
        let login = format!("{i}{login}");
        let reply = browser
            .post(format!("{base}/signin"))
            .form(&[
                ("login", login.as_str()),
                ("password", "wrong password"),
                ("csrf", &token),
            ])
            .send()
            .await
            .unwrap();
        assert!(reply.status().is_client_error(), "{}", reply.status());
    }
    let grown = database_bytes(&app).saturating_sub(before);
    // Was 42 MB for the first 40; now a few pages of counters.
    assert!(grown < 2 << 20, "the database grew by {grown} bytes");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_form_that_is_not_utf8_is_a_400_not_a_changed_answer() {
    let (app, address) = site(|_| {}).await;
    let app = app.with_tagging_tasks().await;
    let base = format!("http://{address}");
    let (client, token) = signed_in(&app, &base, "olena@example.org").await;
    let next: serde_json::Value = client
        .get(format!("{base}/type/tagging_task/next"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let task = next["result"]["task"]["id"].as_str().unwrap().to_string();
    let reply = client
        .post(format!("{base}/type/tagging_task/done/{task}"))
        .header("x-csrf-token", &token)
        .header("content-type", "application/x-www-form-urlencoded")
        .body("result=%7B%22tag%22%3A%22%FF%FE%22%7D")
        .send()
        .await
        .unwrap();
    assert_eq!(reply.status(), StatusCode::BAD_REQUEST);
    assert!(reply.text().await.unwrap().contains("UTF-8"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_sign_up_whose_name_is_not_utf8_is_a_400_not_a_changed_name() {
    let (app, address) = site(|_| {}).await;
    let browser = no_redirects();
    let form = page(&browser, &format!("http://{address}/signup")).await;
    let reply = browser
        .post(format!("http://{address}/signup"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(format!(
            "email=olena%40example.org&password=a+good+long+password&name=%FF%FE&csrf={}",
            csrf_of(&form)
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(reply.status(), StatusCode::BAD_REQUEST);
    assert!(reply.text().await.unwrap().contains("`name`"));
    assert!(app.vulyk().users().await.unwrap().is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_planted_csrf_cookie_does_not_act_for_the_victim() {
    let (app, address) = site(|_| {}).await;
    let base = format!("http://{address}");
    // The attacker's own nonce and the token the site gave them for it.
    let attacker = no_redirects();
    let form = attacker.get(format!("{base}/signin")).send().await.unwrap();
    let planted = form
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("vulyk_csrf="))
        .and_then(|v| v.split(';').next())
        .unwrap()
        .to_string();
    let attacker_token = csrf_of(&form.text().await.unwrap());
    // The victim's session, with the planted cookie beside it.
    let user = app
        .vulyk()
        .sign_up("victim@example.org", PASSWORD, "")
        .await
        .unwrap();
    let session = app.vulyk().start_session(&user).await.unwrap();
    let reply = reqwest::Client::new()
        .post(format!("{base}/logout"))
        .header("cookie", format!("vulyk_session={session}; {planted}"))
        .form(&[("csrf", attacker_token.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(reply.status(), StatusCode::FORBIDDEN);
    assert!(app.vulyk().session_user(&session).await.unwrap().is_some());
}

fn set_cookies(reply: &reqwest::Response) -> Vec<String> {
    reply
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_string())
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn secure_cookies_carry_the_host_prefix() {
    let (app, address) = site(|layer| layer.secure_cookies = Some(true)).await;
    app.vulyk()
        .sign_up("olena@example.org", PASSWORD, "")
        .await
        .unwrap();
    let reply = no_redirects()
        .get(format!("http://{address}/signin"))
        .send()
        .await
        .unwrap();
    let mut cookies = set_cookies(&reply);
    let nonce = cookies[0].split(';').next().unwrap().to_string();
    let form = reply.text().await.unwrap();
    // A sign-in over plain HTTP, as the test can: the browser would send the cookies back only
    // over HTTPS, so they are sent here by hand.
    let signed_in = no_redirects()
        .post(format!("http://{address}/signin"))
        .header("cookie", nonce)
        .form(&[
            ("login", "olena@example.org"),
            ("password", PASSWORD),
            ("csrf", &csrf_of(&form)),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(signed_in.status(), StatusCode::SEE_OTHER);
    cookies.extend(set_cookies(&signed_in));
    for name in [
        "__Host-vulyk_csrf=",
        "__Host-vulyk_session=",
        "__Host-vulyk_device=",
    ] {
        let cookie = cookies
            .iter()
            .find(|c| c.starts_with(name))
            .unwrap_or_else(|| panic!("{name} in {cookies:?}"));
        let attributes: Vec<&str> = cookie.split(';').map(str::trim).skip(1).collect();
        assert!(
            attributes.contains(&"Secure") && attributes.contains(&"Path=/"),
            "{cookie}"
        );
        assert!(
            !attributes.iter().any(|a| a.starts_with("Domain")),
            "{cookie}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn parallel_guesses_from_one_address_check_no_more_passwords_than_the_limit() {
    let (app, _) = site(|_| {}).await;
    let limits = AccountLimits {
        attempts_per_address: 12,
        ..AccountLimits::default()
    };
    let state = AppState::new(
        app.state
            .vulyk
            .clone()
            .with_account_limits(limits)
            .with_hashing(vulyk_core::service::HashingPool::new(
                2,
                Duration::from_secs(120),
            )),
        app.state.config.clone(),
    );
    let address = serve_site(state).await;
    let base = format!("http://{address}");
    let browser = no_redirects();
    let form = page(&browser, &format!("{base}/signin")).await;
    let token = csrf_of(&form);
    let guesses: Vec<_> = (0..60)
        .map(|i| {
            let (browser, base, token) = (browser.clone(), base.clone(), token.clone());
            tokio::spawn(async move {
                browser
                    .post(format!("{base}/signin"))
                    .form(&[
                        ("login", format!("guess{i}@example.org").as_str()),
                        ("password", "wrong password"),
                        ("csrf", &token),
                    ])
                    .send()
                    .await
                    .unwrap()
                    .status()
            })
        })
        .collect();
    let mut checked = 0;
    for guess in guesses {
        match guess.await.unwrap() {
            StatusCode::UNAUTHORIZED => checked += 1,
            StatusCode::TOO_MANY_REQUESTS => {}
            other => panic!("{other}"),
        }
    }
    // Was 122 of 150 with a limit of 50.
    assert_eq!(checked, 12, "passwords checked");
}

/// The metrics listener, with tighter bounds than [`metrics::LIMITS`] to keep the test short,
/// on a real socket of 127.0.0.1 until the test's runtime ends.
async fn metrics_listener(limits: ConnectionLimits) -> SocketAddr {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let address = listener.local_addr().expect("address");
    // A recorder of this test's own: the global one is the server process's.
    let handle = PrometheusBuilder::new().build_recorder().handle();
    tokio::spawn(metrics::serve(
        listener,
        handle,
        limits,
        std::future::pending(),
    ));
    address
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_metrics_listener_bounds_slow_and_many_connections_too() {
    let address = metrics_listener(ConnectionLimits {
        header_timeout: Duration::from_secs(1),
        ..metrics::LIMITS
    })
    .await;
    let mut slow = connect_from([127, 0, 0, 1], address).await;
    slow.write_all(b"GET /metrics HTTP/1.1\r\nHost: x\r\n")
        .await
        .unwrap();
    assert!(
        closed_within(&mut slow, Duration::from_secs(5)).await,
        "a slow scrape held its connection"
    );
    let _held = hold_every_place([127, 0, 0, 9], address, metrics::LIMITS.max_per_address).await;
    // Another address still scrapes.
    let reply = get([127, 0, 0, 10], address, "/metrics")
        .await
        .expect("answered");
    assert!(reply.starts_with("HTTP/1.1 200"), "{reply}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_body_declared_too_large_is_refused_before_it_is_asked_for() {
    let (app, address) = site(|_| {}).await;
    // A sign-in form's CSRF nonce, so that the check reads the form for its token.
    let nonce = app.anonymous().nonce.expect("a nonce");
    // The sign-in form's refusal is a page; the API's, JSON.
    for (path, shape) in [
        ("/signin", "content-type: text/html"),
        ("/type/tagging_task/done/x", "\"errors\""),
    ] {
        let mut stream = connect_from([127, 0, 0, 1], address).await;
        let head = format!(
            "POST {path} HTTP/1.1\r\nHost: x\r\nCookie: vulyk_csrf={nonce}\r\n\
             Content-Type: application/x-www-form-urlencoded\r\n\
             Content-Length: 10000000000\r\nExpect: 100-continue\r\n\r\n"
        );
        stream.write_all(head.as_bytes()).await.unwrap();
        let mut reply = Vec::new();
        tokio::time::timeout(Duration::from_secs(5), stream.read_to_end(&mut reply))
            .await
            .expect("answered and closed")
            .ok();
        let reply = String::from_utf8_lossy(&reply);
        assert!(reply.starts_with("HTTP/1.1 413"), "{path}: {reply}");
        assert!(reply.contains(shape), "{path}: {reply}");
    }
}

//! A test site: the real router over a fresh store (SQLite in a temp folder, or a database of
//! its own on the test MongoDB server) with the example plugins, driven in-process or served
//! on a socket of 127.0.0.1. What other test crates need too (the test server, the fixtures,
//! the runtime, a page's CSRF token) is in `vulyk-testkit`; this module keeps what needs the
//! server's types.

#![allow(dead_code)] // Each test file uses a different part.

use std::net::SocketAddr;
use std::sync::Arc;

use axum::Router;
use axum::body::Body;
use axum::http::{HeaderMap, Method, Request, StatusCode, header};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use tokio::net::TcpListener;
use tower::ServiceExt;
use vulyk_core::config::{Config, ConfigLayer};
use vulyk_core::domain::User;
use vulyk_core::plugins::PluginRegistry;
use vulyk_core::service::{LoadRequest, Vulyk};
use vulyk_server::config::{ServerConfig, ServerLayer};
use vulyk_server::{AppState, csrf, router};

pub const PASSWORD: &str = "a good long password";

pub use vulyk_testkit::fixtures;

pub struct TestApp {
    pub state: AppState,
    pub app: Router,
    pub db: String,
    pub dir: tempfile::TempDir,
}

pub fn config_for(db: &str, tweak: impl FnOnce(&mut ServerLayer)) -> ServerConfig {
    config_with_plugins(db, &fixtures().join("plugins"), tweak)
}

pub fn config_with_plugins(
    db: &str,
    plugins: &std::path::Path,
    tweak: impl FnOnce(&mut ServerLayer),
) -> ServerConfig {
    let core = Config::resolve(
        None,
        &|_| None,
        ConfigLayer {
            db: Some(db.to_string()),
            plugins: Some(plugins.to_path_buf()),
            ..ConfigLayer::default()
        },
    )
    .expect("core config");
    let mut layer = ServerLayer {
        secret_key: Some("test secret key, long enough".into()),
        ..ServerLayer::default()
    };
    tweak(&mut layer);
    ServerConfig::resolve(core, &|_| None, layer).expect("server config")
}

impl TestApp {
    pub async fn sqlite() -> TestApp {
        TestApp::sqlite_with(|_| {}).await
    }

    /// A SQLite site with its `[server]` settings tweaked.
    pub async fn sqlite_with(tweak: impl FnOnce(&mut ServerLayer)) -> TestApp {
        let (dir, db) = vulyk_testkit::scratch_sqlite();
        TestApp::open(db, dir, tweak).await
    }

    pub async fn mongo() -> TestApp {
        let dir = tempfile::tempdir().expect("temp dir");
        let db = vulyk_testkit::mongo_database("vulyk_server_test");
        TestApp::open(db, dir, |_| {}).await
    }

    pub async fn open(
        db: String,
        dir: tempfile::TempDir,
        tweak: impl FnOnce(&mut ServerLayer),
    ) -> TestApp {
        let config = config_for(&db, tweak);
        TestApp::with_config(db, dir, config, &["tagging_task", "declaration_task"]).await
    }

    /// A site (SQLite, or MongoDB with `mongo`) whose example plugins are copied with `extra`
    /// appended to the manifest of `task_type` (a `[quality]` section, say).
    pub async fn with_manifest_extra(mongo: bool, task_type: &str, extra: &str) -> TestApp {
        let (dir, db) = if mongo {
            let dir = tempfile::tempdir().expect("temp dir");
            (dir, vulyk_testkit::mongo_database("vulyk_server_test"))
        } else {
            vulyk_testkit::scratch_sqlite()
        };
        let plugins = dir.path().join("plugins");
        for entry in walk(&fixtures().join("plugins")) {
            let relative = entry
                .strip_prefix(fixtures().join("plugins"))
                .expect("inside");
            let target = plugins.join(relative);
            std::fs::create_dir_all(target.parent().expect("parent")).expect("plugin folder");
            std::fs::copy(&entry, &target).expect("copy plugin file");
        }
        let manifest = plugins.join(task_type).join("plugin.toml");
        let text = std::fs::read_to_string(&manifest).expect("manifest");
        std::fs::write(&manifest, format!("{text}\n{extra}")).expect("manifest");
        let config = config_with_plugins(&db, &plugins, |_| {});
        TestApp::with_config(db, dir, config, &["tagging_task", "declaration_task"]).await
    }

    /// A SQLite site whose one plugin is `fixtures/original-package`, a plugin package
    /// written for the original Vulyk, imported as `vulyk plugin import` does; its example
    /// tasks loaded.
    pub async fn original_plugins() -> TestApp {
        let (dir, db) = vulyk_testkit::scratch_sqlite();
        let plugins = dir.path().join("plugins");
        vulyk_core::plugin_kit::import(&fixtures().join("original-package"), &plugins)
            .expect("import");
        let config = config_with_plugins(&db, &plugins, |_| {});
        let app = TestApp::with_config(db, dir, config, &["review_task"]).await;
        let tasks = fixtures().join("original-package/tasks.jsonl");
        let request = LoadRequest::new("review_task", vec![tasks.to_string_lossy().into_owned()]);
        app.vulyk().load(request, &|_| {}).await.expect("load");
        app
    }

    async fn with_config(
        db: String,
        dir: tempfile::TempDir,
        config: ServerConfig,
        types: &[&str],
    ) -> TestApp {
        let plugins = PluginRegistry::load(&config.core.plugins).expect("plugins");
        let store = vulyk_core::store::open(&db).await.expect("store");
        let vulyk = Vulyk::new(store, Arc::new(plugins));
        let types: Vec<String> = types.iter().map(|t| t.to_string()).collect();
        vulyk.init(&types).await.expect("init");
        let state = AppState::new(vulyk, config);
        TestApp {
            app: router(state.clone()),
            state,
            db,
            dir,
        }
    }

    pub fn vulyk(&self) -> &Vulyk {
        &self.state.vulyk
    }

    /// Loads the first file of the example tagging tasks (into batch `tagging`).
    pub async fn with_tagging_tasks(self) -> Self {
        let file = fixtures().join("tasks/tagging_task/part-1.jsonl");
        let mut request =
            LoadRequest::new("tagging_task", vec![file.to_string_lossy().into_owned()]);
        request.batch = Some("tagging".into());
        self.vulyk().load(request, &|_| {}).await.expect("load");
        self
    }

    /// A browser that is not signed in (it has its CSRF cookie, as after any page view).
    pub fn anonymous(&self) -> Client<'_> {
        let nonce = URL_SAFE_NO_PAD.encode(rand::random::<[u8; 32]>());
        let token = csrf::token_for(&self.state.csrf_key, None, &nonce);
        Client {
            app: self,
            session: None,
            bearer: None,
            nonce: Some(nonce),
            token: Some(token),
        }
    }

    /// A signed-up volunteer's browser, signed in.
    pub async fn volunteer(&self, email: &str) -> (User, Client<'_>) {
        let user = self
            .vulyk()
            .sign_up(email, PASSWORD, "")
            .await
            .expect("sign up");
        let session = self.vulyk().start_session(&user).await.expect("session");
        let mut client = self.anonymous();
        let nonce = client.nonce.as_deref().unwrap_or_default();
        client.token = Some(csrf::token_for(&self.state.csrf_key, Some(&session), nonce));
        client.session = Some(session);
        (user, client)
    }

    pub async fn send(&self, request: Request<Body>) -> Reply {
        let response = self.app.clone().oneshot(request).await.expect("infallible");
        let status = response.status();
        let headers = response.headers().clone();
        let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
            .await
            .expect("body");
        Reply {
            status,
            headers,
            body: String::from_utf8_lossy(&bytes).into_owned(),
        }
    }
}

pub struct Client<'a> {
    pub app: &'a TestApp,
    pub session: Option<String>,
    pub bearer: Option<String>,
    pub nonce: Option<String>,
    pub token: Option<String>,
}

impl Client<'_> {
    pub fn request(&self, method: Method, path: &str) -> axum::http::request::Builder {
        let mut builder = Request::builder().method(method).uri(path);
        let mut cookies = Vec::new();
        if let Some(session) = &self.session {
            cookies.push(format!("vulyk_session={session}"));
        }
        if let Some(nonce) = &self.nonce {
            cookies.push(format!("vulyk_csrf={nonce}"));
        }
        if !cookies.is_empty() {
            builder = builder.header(header::COOKIE, cookies.join("; "));
        }
        if let Some(bearer) = &self.bearer {
            builder = builder.header(header::AUTHORIZATION, format!("Bearer {bearer}"));
        }
        builder
    }

    pub async fn get(&self, path: &str) -> Reply {
        self.app
            .send(self.request(Method::GET, path).body(Body::empty()).unwrap())
            .await
    }

    /// POSTs an url-encoded form with the CSRF token in its `csrf` field.
    pub async fn post_form(&self, path: &str, fields: &[(&str, &str)]) -> Reply {
        let mut fields: Vec<(&str, &str)> = fields.to_vec();
        if let Some(token) = &self.token {
            fields.push(("csrf", token));
        }
        let body = serde_urlencoded::to_string(&fields).expect("form");
        self.app
            .send(
                self.request(Method::POST, path)
                    .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                    .body(Body::from(body))
                    .unwrap(),
            )
            .await
    }

    /// POSTs JSON with the CSRF token in the `X-CSRF-Token` header.
    pub async fn post_json(&self, path: &str, body: &serde_json::Value) -> Reply {
        let mut builder = self
            .request(Method::POST, path)
            .header(header::CONTENT_TYPE, "application/json");
        if let Some(token) = &self.token {
            builder = builder.header("x-csrf-token", token);
        }
        self.app
            .send(builder.body(Body::from(body.to_string())).unwrap())
            .await
    }

    /// The next task's id for this client.
    pub async fn next_task(&self, task_type: &str) -> String {
        let reply = self.get(&format!("/type/{task_type}/next")).await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
        reply.json()["result"]["task"]["id"]
            .as_str()
            .expect("task id")
            .to_string()
    }
}

#[derive(Debug)]
pub struct Reply {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: String,
}

impl Reply {
    #[track_caller]
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}), status {}: {}", self.status, self.body))
    }

    /// The first error message of a JSON envelope.
    #[track_caller]
    pub fn error(&self) -> String {
        self.json()["errors"][0]
            .as_str()
            .unwrap_or_default()
            .to_string()
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// The value a `Set-Cookie` header gives `name`.
    pub fn set_cookie(&self, name: &str) -> Option<String> {
        self.headers
            .get_all(header::SET_COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find_map(|v| {
                v.strip_prefix(&format!("{name}="))
                    .map(|rest| rest.split(';').next().unwrap_or("").to_string())
            })
    }
}

/// A listener on a free port of 127.0.0.1, and its address.
/// Every file below `dir`.
fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).expect("read folder").flatten() {
        let path = entry.path();
        if path.is_dir() {
            files.extend(walk(&path));
        } else {
            files.push(path);
        }
    }
    files
}

pub async fn loopback_listener() -> (TcpListener, SocketAddr) {
    let listener = TcpListener::bind(SocketAddr::from(([127, 0, 0, 1], 0)))
        .await
        .expect("bind");
    let address = listener.local_addr().expect("address");
    (listener, address)
}

/// Serves the site of `state` on `listener` until the test's runtime ends.
pub fn serve_on(listener: TcpListener, state: AppState) {
    tokio::spawn(vulyk_server::serve(listener, state, std::future::pending()));
}

/// The site of `state` on a free port of 127.0.0.1 until the test's runtime ends: its
/// address.
pub async fn serve_site(state: AppState) -> SocketAddr {
    let (listener, address) = loopback_listener().await;
    serve_on(listener, state);
    address
}

/// For each `async fn name(app: TestApp)`, one test per backend: `sqlite::name`, `mongo::name`
/// (ignored unless asked for: it needs the test server).
#[macro_export]
macro_rules! on_both_backends {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $( #[test] fn $name() {
                ::vulyk_testkit::block_on(async {
                    super::$name($crate::common::TestApp::sqlite().await).await
                });
            } )*
        }
        mod mongo {
            $(
                #[test]
                #[ignore = "needs the MongoDB test server"]
                fn $name() {
                    ::vulyk_testkit::block_on(async {
                        super::$name($crate::common::TestApp::mongo().await).await
                    });
                }
            )*
        }
    };
}

/// Three helpers (made here) answer every task of the type they can get: with redundancy 3,
/// every task that no one else holds a lease on closes, and so does its batch.
pub async fn helpers_finish(vulyk: &Vulyk, task_type: &str) {
    for n in 0..3 {
        let helper = vulyk
            .add_user(&format!("h{n}"), &format!("h{n}@example.org"), "", false)
            .await
            .expect("helper");
        while let Some(task) = vulyk.next_task(&helper, task_type).await.expect("next") {
            vulyk
                .answer(&helper, task_type, &task.id, &serde_json::json!({}))
                .await
                .expect("answer");
        }
    }
}

/// The text of the page at `url`.
pub async fn page_text(client: &reqwest::Client, url: &str) -> String {
    client
        .get(url)
        .send()
        .await
        .expect("request")
        .text()
        .await
        .expect("body")
}

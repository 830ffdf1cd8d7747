//! Sign-in through an OpenID Connect provider: a small provider started by the test on
//! loopback (discovery, authorize, token with PKCE, userinfo), the site on a real socket, and
//! a browser-like client that follows the redirects.

mod common;

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Json, Router};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use common::page_text;
use serde_json::{Value, json};
use sha2::{Digest, Sha256};
use vulyk_server::config::{OidcProvider, ServerLayer};

const CLIENT_ID: &str = "vulyk-test";
const CLIENT_SECRET: &str = "provider secret";

/// What the provider remembers of an authorization. It takes a code more than once, as a
/// lax provider would: the site must not rely on the provider for single use.
#[derive(Clone)]
struct Grant {
    nonce: String,
    challenge: String,
    redirect: String,
}

#[derive(Clone, Default)]
struct Provider {
    issuer: Arc<Mutex<String>>,
    codes: Arc<Mutex<HashMap<String, Grant>>>,
    /// Sign tokens with a wrong nonce, as a replayed token would have.
    wrong_nonce: Arc<AtomicBool>,
    email_verified: Arc<AtomicBool>,
    /// Fields that replace the userinfo's (`null`: the field is left out).
    userinfo_overrides: Arc<Mutex<serde_json::Map<String, Value>>>,
}

async fn discovery(State(p): State<Provider>) -> Json<Value> {
    let issuer = p.issuer.lock().unwrap().clone();
    Json(json!({
        "issuer": issuer,
        "authorization_endpoint": format!("{issuer}/authorize"),
        "token_endpoint": format!("{issuer}/token"),
        "userinfo_endpoint": format!("{issuer}/userinfo"),
    }))
}

/// The person is already signed in at the provider and consents at once.
async fn authorize(
    State(p): State<Provider>,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    assert_eq!(q["client_id"], CLIENT_ID);
    assert_eq!(q["response_type"], "code");
    assert_eq!(q["code_challenge_method"], "S256");
    assert!(q["scope"].split(' ').any(|s| s == "openid"));
    let code = format!("code-{}", rand::random::<u32>());
    p.codes.lock().unwrap().insert(
        code.clone(),
        Grant {
            nonce: q["nonce"].clone(),
            challenge: q["code_challenge"].clone(),
            redirect: q["redirect_uri"].clone(),
        },
    );
    Redirect::to(&format!(
        "{}?code={code}&state={}",
        q["redirect_uri"], q["state"]
    ))
    .into_response()
}

async fn token(
    State(p): State<Provider>,
    headers: HeaderMap,
    Form(f): Form<HashMap<String, String>>,
) -> Response {
    let expected = format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode(format!("{CLIENT_ID}:{CLIENT_SECRET}"))
    );
    if headers.get("authorization").and_then(|v| v.to_str().ok()) != Some(expected.as_str()) {
        return (
            StatusCode::UNAUTHORIZED,
            Json(json!({"error": "invalid_client"})),
        )
            .into_response();
    }
    let Some(Grant {
        nonce,
        challenge,
        redirect,
    }) = p.codes.lock().unwrap().get(&f["code"]).cloned()
    else {
        return (
            StatusCode::BAD_REQUEST,
            Json(json!({"error": "invalid_grant"})),
        )
            .into_response();
    };
    let verified = URL_SAFE_NO_PAD.encode(Sha256::digest(f["code_verifier"].as_bytes()));
    if verified != challenge || redirect != f["redirect_uri"] {
        return (
            StatusCode::BAD_REQUEST,
            Json(json!({"error": "invalid_grant"})),
        )
            .into_response();
    }
    let nonce = if p.wrong_nonce.load(Ordering::SeqCst) {
        "replayed".to_string()
    } else {
        nonce
    };
    let claims = json!({
        "iss": *p.issuer.lock().unwrap(),
        "aud": CLIENT_ID,
        "sub": "subject-42",
        "exp": chrono::Utc::now().timestamp() + 300,
        "iat": chrono::Utc::now().timestamp(),
        "nonce": nonce,
    });
    let jwt = format!(
        "{}.{}.signature",
        URL_SAFE_NO_PAD.encode(br#"{"alg":"RS256","typ":"JWT"}"#),
        URL_SAFE_NO_PAD.encode(claims.to_string())
    );
    Json(json!({"access_token": "access-42", "token_type": "Bearer", "id_token": jwt}))
        .into_response()
}

async fn userinfo(State(p): State<Provider>, headers: HeaderMap) -> Response {
    if headers.get("authorization").and_then(|v| v.to_str().ok()) != Some("Bearer access-42") {
        return StatusCode::UNAUTHORIZED.into_response();
    }
    let mut info = json!({
        "sub": "subject-42",
        "email": "Petro@Example.org",
        "email_verified": p.email_verified.load(Ordering::SeqCst),
        "name": "Петро",
    });
    for (key, value) in p.userinfo_overrides.lock().unwrap().iter() {
        match value {
            Value::Null => {
                info.as_object_mut().unwrap().remove(key);
            }
            value => info[key] = value.clone(),
        }
    }
    Json(info).into_response()
}

async fn start_provider() -> Provider {
    let provider = Provider::default();
    provider.email_verified.store(true, Ordering::SeqCst);
    let app = Router::new()
        .route("/.well-known/openid-configuration", get(discovery))
        .route("/authorize", get(authorize))
        .route("/token", post(token))
        .route("/userinfo", get(userinfo))
        .with_state(provider.clone());
    let (listener, address) = common::loopback_listener().await;
    *provider.issuer.lock().unwrap() = format!("http://{address}");
    tokio::spawn(async move { axum::serve(listener, app).await });
    provider
}

async fn start_site(provider: &Provider) -> (common::TestApp, String) {
    start_site_with(provider, "").await
}

async fn start_site_with(provider: &Provider, extra: &str) -> (common::TestApp, String) {
    let (listener, address) = common::loopback_listener().await;
    let base = format!("http://{address}");
    let issuer = provider.issuer.lock().unwrap().clone();
    let public = base.clone();
    let extra = extra.to_string();
    let app = common::TestApp::sqlite_with(move |layer: &mut ServerLayer| {
        layer.public_url = Some(public);
        let file = format!(
            "id = \"test\"\nname = \"Test ID\"\nissuer = \"{issuer}\"\nclient_id = \"{CLIENT_ID}\"\nclient_secret = \"{CLIENT_SECRET}\"\n{extra}"
        );
        layer.oidc = vec![toml::from_str::<OidcProvider>(&file).unwrap()];
    })
    .await;
    common::serve_on(listener, app.state.clone());
    (app, base)
}

fn browser() -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_store(true)
        .build()
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_volunteer_signs_in_through_the_provider() {
    let provider = start_provider().await;
    let (app, base) = start_site(&provider).await;
    let client = browser();
    let form = page_text(&client, &format!("{base}/signin")).await;
    assert!(form.contains("Test ID"), "{form}");

    let landed = client
        .get(format!("{base}/signin/oidc/test?next=/me"))
        .send()
        .await
        .unwrap();
    assert_eq!(landed.status(), reqwest::StatusCode::OK);
    assert_eq!(landed.url().path(), "/me");
    let me = landed.text().await.unwrap();
    assert!(me.contains("petro@example.org"), "{me}");
    let user = app
        .vulyk()
        .user(&vulyk_core::service::UserRef("petro@example.org".into()))
        .await
        .unwrap();
    assert_eq!(user.groups, ["default"]);
    assert_eq!(user.name, "Петро");

    // A second sign-in finds the same user through the link.
    let again = browser()
        .get(format!("{base}/signin/oidc/test"))
        .send()
        .await
        .unwrap();
    assert_eq!(again.url().path(), "/");
    assert_eq!(app.vulyk().users().await.unwrap().len(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_forged_or_replayed_sign_in_is_refused() {
    let provider = start_provider().await;
    let (app, base) = start_site(&provider).await;

    // A callback the browser did not start here.
    let forged = browser()
        .get(format!("{base}/signin/oidc/test/callback?code=x&state=y"))
        .send()
        .await
        .unwrap();
    assert_eq!(forged.status(), reqwest::StatusCode::BAD_REQUEST);
    assert!(forged.text().await.unwrap().contains("start again"));

    provider.wrong_nonce.store(true, Ordering::SeqCst);
    let replayed = browser()
        .get(format!("{base}/signin/oidc/test"))
        .send()
        .await
        .unwrap();
    assert_eq!(replayed.status(), reqwest::StatusCode::BAD_REQUEST);
    assert!(replayed.text().await.unwrap().contains("nonce"));
    provider.wrong_nonce.store(false, Ordering::SeqCst);

    provider.email_verified.store(false, Ordering::SeqCst);
    let unverified = browser()
        .get(format!("{base}/signin/oidc/test"))
        .send()
        .await
        .unwrap();
    assert_eq!(unverified.status(), reqwest::StatusCode::BAD_REQUEST);
    assert!(unverified.text().await.unwrap().contains("verified e-mail"));
    assert!(app.vulyk().users().await.unwrap().is_empty());

    let unknown = browser()
        .get(format!("{base}/signin/oidc/nope"))
        .send()
        .await
        .unwrap();
    assert_eq!(unknown.status(), reqwest::StatusCode::NOT_FOUND);
}

/// A browser that does not follow redirects, with the cookies it was given so far.
fn stepping_browser() -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

fn location(response: &reqwest::Response) -> String {
    response.headers()["location"].to_str().unwrap().to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_flow_is_used_once() {
    let provider = start_provider().await;
    let (app, base) = start_site(&provider).await;
    let client = stepping_browser();
    let to_provider = client
        .get(format!("{base}/signin/oidc/test"))
        .send()
        .await
        .unwrap();
    let flow_cookie = to_provider.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_string();
    let back = client.get(location(&to_provider)).send().await.unwrap();
    let callback = location(&back);
    // The callback twice with the same flow cookie (and code), as a replay would send it.
    let replay = |_: ()| {
        reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap()
            .get(&callback)
            .header("cookie", &flow_cookie)
            .send()
    };
    let first = replay(()).await.unwrap();
    assert_eq!(first.status(), reqwest::StatusCode::SEE_OTHER);
    let second = replay(()).await.unwrap();
    assert_eq!(second.status(), reqwest::StatusCode::BAD_REQUEST);
    assert!(second.text().await.unwrap().contains("start again"));
    assert_eq!(app.vulyk().users().await.unwrap().len(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn claims_that_are_not_what_the_spec_says_are_refused() {
    let provider = start_provider().await;
    let (app, base) = start_site(&provider).await;
    let cases = [
        ("email_verified", json!("true"), "verified e-mail"),
        ("email_verified", json!(1), "verified e-mail"),
        ("sub", Value::Null, "subject"),
        ("sub", json!("someone-else"), "subject"),
    ];
    for (field, value, says) in cases {
        *provider.userinfo_overrides.lock().unwrap() =
            [(field.to_string(), value.clone())].into_iter().collect();
        let reply = browser()
            .get(format!("{base}/signin/oidc/test"))
            .send()
            .await
            .unwrap();
        assert!(
            reply.status().is_client_error() || reply.status().is_server_error(),
            "{field} = {value}: {}",
            reply.status()
        );
        let text = reply.text().await.unwrap();
        assert!(text.contains(says), "{field} = {value}: {text}");
    }
    assert!(app.vulyk().users().await.unwrap().is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_existing_account_is_not_taken_over_by_its_address() {
    let provider = start_provider().await;
    let (app, base) = start_site(&provider).await;
    // An admin whose address the provider vouches for.
    let admin = app
        .vulyk()
        .sign_up("petro@example.org", common::PASSWORD, "")
        .await
        .unwrap();
    app.vulyk()
        .set_admin(&vulyk_core::service::UserRef(admin.username.clone()), true)
        .await
        .unwrap();
    let refused = browser()
        .get(format!("{base}/signin/oidc/test?next=/me"))
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), reqwest::StatusCode::CONFLICT);
    assert!(refused.text().await.unwrap().contains("personal page"));

    // The owner signs in with the password and links the provider from the personal page.
    let owner = browser();
    let form = page_text(&owner, &format!("{base}/signin")).await;
    let token = vulyk_testkit::csrf_of(&form);
    let signed_in = owner
        .post(format!("{base}/signin"))
        .form(&[
            ("login", "petro@example.org"),
            ("password", common::PASSWORD),
            ("csrf", &token),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(signed_in.url().path(), "/");
    let me = page_text(&owner, &format!("{base}/me")).await;
    assert!(me.contains("action=\"/signin/oidc/test\""), "{me}");
    let forged = owner
        .post(format!("{base}/signin/oidc/test"))
        .form(&[("csrf", "forged")])
        .send()
        .await
        .unwrap();
    assert_eq!(forged.status(), reqwest::StatusCode::FORBIDDEN);
    let linked = owner
        .post(format!("{base}/signin/oidc/test"))
        .form(&[("csrf", vulyk_testkit::csrf_of(&me).as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(linked.url().path(), "/me", "{}", linked.status());
    let again = browser()
        .get(format!("{base}/signin/oidc/test?next=/me"))
        .send()
        .await
        .unwrap();
    assert_eq!(again.url().path(), "/me");
    assert!(again.text().await.unwrap().contains("petro@example.org"));
    assert_eq!(app.vulyk().users().await.unwrap().len(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_provider_trusted_for_addresses_links_a_volunteer_by_it() {
    let provider = start_provider().await;
    let (app, base) = start_site_with(&provider, "link_by_email = true\n").await;
    let volunteer = app
        .vulyk()
        .sign_up("petro@example.org", common::PASSWORD, "")
        .await
        .unwrap();
    let landed = browser()
        .get(format!("{base}/signin/oidc/test?next=/me"))
        .send()
        .await
        .unwrap();
    assert_eq!(landed.url().path(), "/me");
    let linked = app
        .vulyk()
        .user(&vulyk_core::service::UserRef("petro@example.org".into()))
        .await
        .unwrap();
    assert_eq!(linked.id, volunteer.id);
}

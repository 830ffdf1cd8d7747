//! Every route in-process (`tower::ServiceExt::oneshot`), on both backends: what a volunteer
//! gets, and the status and JSON body of every mistake.

mod common;

use axum::http::{Method, StatusCode};
use common::{Client, TestApp};
use serde_json::json;
use vulyk_core::service::UserRef;
use vulyk_server::i18n::Language;

on_both_backends!(
    health_names_the_backend,
    the_index_lists_the_types_a_volunteer_may_do,
    a_volunteer_works_through_next_done_skip_and_activity,
    api_mistakes_get_json_errors_with_their_status,
    state_changes_need_the_csrf_token_or_an_api_token,
    pages_render_with_the_plugin_inside,
    accounts_work_through_the_forms,
);

async fn health_names_the_backend(app: TestApp) {
    let reply = app.anonymous().get("/healthz").await;
    assert_eq!(reply.status, StatusCode::OK);
    let backend = app.vulyk().backend();
    assert_eq!(
        reply.json()["result"],
        json!({"status": "ok", "backend": backend})
    );
}

async fn the_index_lists_the_types_a_volunteer_may_do(app: TestApp) {
    let app = app.with_tagging_tasks().await;
    let welcome = app.anonymous().get("/").await;
    assert_eq!(welcome.status, StatusCode::OK);
    assert!(welcome.body.contains("/signup"), "{}", welcome.body);

    let (_, olena) = app.volunteer("olena@example.org").await;
    let index = olena.get("/").await;
    assert_eq!(index.status, StatusCode::OK);
    assert!(index.body.contains("/type/tagging_task/"), "{}", index.body);
    assert!(index.body.contains("/type/declaration_task/"));

    // Out of the default group, into one that allows only declarations.
    declarations_only(&app, "olena@example.org").await;
    let index = olena.get("/").await;
    assert!(
        !index.body.contains("/type/tagging_task/"),
        "{}",
        index.body
    );
    assert!(index.body.contains("/type/declaration_task/"));
}

/// Moves a user out of `default` into a group that allows only declarations.
async fn declarations_only(app: &TestApp, email: &str) {
    let vulyk = app.vulyk();
    if vulyk.group("decl").await.is_err() {
        vulyk.add_group("decl", "").await.unwrap();
        vulyk
            .add_group_type("decl", "declaration_task")
            .await
            .unwrap();
    }
    let who = UserRef(email.into());
    vulyk.assign("decl", &who).await.unwrap();
    vulyk.resign("default", &who).await.unwrap();
}

fn done_path(task: &str) -> String {
    format!("/type/tagging_task/done/{task}")
}

async fn a_volunteer_works_through_next_done_skip_and_activity(app: TestApp) {
    let app = app.with_tagging_tasks().await;
    let (_, olena) = app.volunteer("olena@example.org").await;
    let next = olena.get("/type/tagging_task/next").await;
    assert_eq!(next.status, StatusCode::OK, "{}", next.body);
    assert_eq!(
        next.header("cache-control"),
        Some("no-cache, no-store, must-revalidate")
    );
    let body = next.json();
    assert_eq!(body["errors"], json!([]));
    assert_eq!(body["result"]["stats"], json!({"total": 0, "position": 0}));
    let task = body["result"]["task"]["id"].as_str().unwrap().to_string();
    assert!(body["result"]["task"]["data"]["sentence"].is_array());
    assert_eq!(body["result"]["task"]["closed"], false);
    // Asking again gives the same task (the lease holds it).
    assert_eq!(olena.next_task("tagging_task").await, task);

    let activity = olena
        .post_form(
            &format!("/type/tagging_task/activity/{task}"),
            &[("seconds", "0")],
        )
        .await;
    assert_eq!(activity.status, StatusCode::OK, "{}", activity.body);

    // The original's form: `result` holds JSON text.
    let answer = json!({"sentence": [{"word": "Кіт", "tags": "кіт/noun:m:v_naz:anim:"}]});
    let done = olena
        .post_form(&done_path(&task), &[("result", &answer.to_string())])
        .await;
    assert_eq!(done.status, StatusCode::OK, "{}", done.body);
    assert_eq!(done.json(), json!({"result": {"done": true}, "errors": []}));

    let next = olena.get("/type/tagging_task/next").await.json();
    assert_eq!(next["result"]["stats"], json!({"total": 1, "position": 1}));
    let second = next["result"]["task"]["id"].as_str().unwrap().to_string();
    assert_ne!(second, task);
    // A script's JSON body.
    let done = olena
        .post_json(&done_path(&second), &json!({"result": {"sentence": []}}))
        .await;
    assert_eq!(done.status, StatusCode::OK, "{}", done.body);

    let third = olena.next_task("tagging_task").await;
    let skip = olena
        .post_form(&format!("/type/tagging_task/skip/{third}"), &[])
        .await;
    assert_eq!(skip.status, StatusCode::OK, "{}", skip.body);
    assert_eq!(skip.json()["result"], json!({"done": true}));
    assert_ne!(
        olena.next_task("tagging_task").await,
        third,
        "skipped tasks come last"
    );
    let stored = app
        .vulyk()
        .user(&UserRef("olena@example.org".into()))
        .await
        .unwrap();
    assert_eq!(
        app.vulyk()
            .user_stats(&stored.id, "tagging_task")
            .await
            .unwrap()
            .total,
        2
    );
}

#[track_caller]
fn assert_error(reply: &common::Reply, status: StatusCode, needle: &str) {
    assert_eq!(reply.status, status, "{}", reply.body);
    assert!(
        reply
            .header("content-type")
            .unwrap_or("")
            .starts_with("application/json"),
        "not JSON: {reply:?}"
    );
    let message = reply.error();
    assert!(message.contains(needle), "{needle:?} not in {message:?}");
}

async fn api_mistakes_get_json_errors_with_their_status(app: TestApp) {
    let app = app.with_tagging_tasks().await;
    let anonymous = app.anonymous();
    assert_error(
        &anonymous.get("/type/tagging_task/next").await,
        StatusCode::UNAUTHORIZED,
        "sign in",
    );

    let (_, olena) = app.volunteer("olena@example.org").await;
    let task = olena.next_task("tagging_task").await;
    let done = done_path(&task);
    for (fields, needle) in [
        (vec![], "result: missing"),
        (
            vec![("result", "{not json")],
            "not JSON: key must be a string at line 1 column 2",
        ),
        (vec![("result", "[1, 2]")], "JSON object"),
    ] {
        assert_error(
            &olena.post_form(&done, &fields).await,
            StatusCode::BAD_REQUEST,
            needle,
        );
    }
    assert_error(
        &olena.post_json(&done, &json!({"result": "text"})).await,
        StatusCode::BAD_REQUEST,
        "JSON object",
    );
    let broken = olena
        .app
        .send(
            olena
                .request(Method::POST, &done)
                .header("content-type", "application/json")
                .header("x-csrf-token", olena.token.clone().unwrap())
                .body(axum::body::Body::from("{\"result\": {"))
                .unwrap(),
        )
        .await;
    assert_error(&broken, StatusCode::BAD_REQUEST, "line 1");
    // Over the type's `max_answer_bytes` (64 KiB for the tagging fixture), well under 1 MiB.
    let over_the_type = format!("{{\"text\": \"{}\"}}", "a".repeat(65_536));
    assert_error(
        &olena.post_form(&done, &[("result", &over_the_type)]).await,
        StatusCode::PAYLOAD_TOO_LARGE,
        "more than the 65536 allowed",
    );
    let huge = format!("{{\"text\": \"{}\"}}", "a".repeat(1024 * 1024));
    assert_error(
        &olena.post_form(&done, &[("result", &huge)]).await,
        StatusCode::PAYLOAD_TOO_LARGE,
        "bytes",
    );
    let beyond_the_body_limit = "я".repeat(1024 * 1024);
    assert_error(
        &olena
            .post_form(&done, &[("result", &beyond_the_body_limit)])
            .await,
        StatusCode::PAYLOAD_TOO_LARGE,
        "too large",
    );
    assert_error(
        &olena
            .post_json(
                &done,
                &json!({ "result": { "text": beyond_the_body_limit } }),
            )
            .await,
        StatusCode::PAYLOAD_TOO_LARGE,
        "",
    );
    assert_error(
        &olena
            .post_form(
                &format!("/type/tagging_task/activity/{task}"),
                &[("seconds", "soon")],
            )
            .await,
        StatusCode::BAD_REQUEST,
        "seconds",
    );
    assert_error(
        &olena
            .post_form(
                &format!("/type/tagging_task/activity/{task}"),
                &[("seconds", "-5")],
            )
            .await,
        StatusCode::BAD_REQUEST,
        "seconds",
    );

    let unknown = olena.get("/type/nope_task/next").await;
    assert_error(
        &unknown,
        StatusCode::NOT_FOUND,
        "task type not found: nope_task",
    );
    assert!(
        !unknown.body.contains("plugins"),
        "the server's folder is its own: {}",
        unknown.body
    );
    assert_error(
        &olena
            .post_form(&done_path("0123456789abcdef0123"), &[("result", "{}")])
            .await,
        StatusCode::NOT_FOUND,
        "0123456789abcdef0123",
    );
    let no_tasks = olena.get("/type/declaration_task/next").await;
    assert_eq!(no_tasks.status, StatusCode::NOT_FOUND);
    assert_eq!(
        no_tasks.json(),
        json!({"result": {}, "errors": ["There is no task having type like this"]})
    );

    let ok = olena.post_form(&done, &[("result", "{\"a\": 1}")]).await;
    assert_eq!(ok.status, StatusCode::OK, "{}", ok.body);
    assert_error(
        &olena.post_form(&done, &[("result", "{\"a\": 1}")]).await,
        StatusCode::CONFLICT,
        "already",
    );
    assert_error(&olena.get(&done).await, StatusCode::METHOD_NOT_ALLOWED, "");

    // Not eligible: a group without tagging.
    declarations_only(&app, "olena@example.org").await;
    assert_error(
        &olena.get("/type/tagging_task/next").await,
        StatusCode::FORBIDDEN,
        "may not",
    );
    assert_error(
        &olena
            .post_form(&done, &[("result", "{not even json")])
            .await,
        StatusCode::FORBIDDEN,
        "may not",
    );
}

async fn state_changes_need_the_csrf_token_or_an_api_token(app: TestApp) {
    let app = app.with_tagging_tasks().await;
    let (user, olena) = app.volunteer("olena@example.org").await;
    let task = olena.next_task("tagging_task").await;
    let skip = format!("/type/tagging_task/skip/{task}");

    let without = Client {
        token: None,
        ..olena_clone(&olena)
    };
    assert_error(
        &without.post_form(&skip, &[]).await,
        StatusCode::FORBIDDEN,
        "CSRF",
    );
    let wrong = Client {
        token: Some(app.anonymous().token.unwrap()),
        ..olena_clone(&olena)
    };
    assert_error(
        &wrong.post_form(&skip, &[]).await,
        StatusCode::FORBIDDEN,
        "CSRF",
    );
    assert_error(
        &wrong.post_json(&skip, &json!({})).await,
        StatusCode::FORBIDDEN,
        "CSRF",
    );

    // A script with an API token needs no CSRF token (and no cookie).
    let (_, secret) = app
        .vulyk()
        .create_api_token(&UserRef(user.username.clone()), "script")
        .await
        .unwrap();
    let script = Client {
        app: &app,
        session: None,
        bearer: Some(secret),
        nonce: None,
        token: None,
    };
    let reply = script.post_form(&skip, &[]).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let wrong_token = Client {
        bearer: Some("vlk_not-a-token".into()),
        ..olena_clone(&script)
    };
    assert_error(
        &wrong_token.get("/type/tagging_task/next").await,
        StatusCode::UNAUTHORIZED,
        "token",
    );
}

fn olena_clone<'a>(client: &Client<'a>) -> Client<'a> {
    Client {
        app: client.app,
        session: client.session.clone(),
        bearer: client.bearer.clone(),
        nonce: client.nonce.clone(),
        token: client.token.clone(),
    }
}

async fn pages_render_with_the_plugin_inside(app: TestApp) {
    let app = app.with_tagging_tasks().await;
    let (_, olena) = app.volunteer("olena@example.org").await;
    let page = olena.get("/type/tagging_task/").await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(
        page.body.contains("id=\"current_task\""),
        "plugin template missing"
    );
    // minijinja escapes `/` in attributes as `&#x2f;`, which browsers read back as `/`.
    let unescaped = page.body.replace("&#x2f;", "/");
    assert!(unescaped.contains("\"/plugins/tagging_task/static/tagging.js\""));
    assert!(unescaped.contains("\"/plugins/tagging_task/static/tagging.css\""));
    assert!(page.body.contains("Як розмічати"), "help template missing");
    assert_eq!(olena.get("/type/tagging_task").await.status, StatusCode::OK);

    let script = olena.get("/plugins/tagging_task/static/tagging.js").await;
    assert_eq!(script.status, StatusCode::OK);
    assert_eq!(
        script.header("content-type"),
        Some("text/javascript; charset=utf-8")
    );
    for bad in [
        "/plugins/tagging_task/plugin.toml",
        "/plugins/tagging_task/static/../plugin.toml",
        "/plugins/tagging_task/static/%2e%2e/plugin.toml",
        "/plugins/nope/static/x.js",
    ] {
        assert_eq!(olena.get(bad).await.status, StatusCode::NOT_FOUND, "{bad}");
    }
    for name in ["vulyk.js", "vulyk.css", "task-page.js", "logo.svg"] {
        assert_eq!(
            olena.get(&format!("/static/{name}")).await.status,
            StatusCode::OK,
            "{name}"
        );
    }

    let task = olena.next_task("tagging_task").await;
    olena
        .post_form(&done_path(&task), &[("result", "{\"a\": 1}")])
        .await;
    let leaders = olena.get("/type/tagging_task/leaders").await;
    assert_eq!(leaders.status, StatusCode::OK);
    assert!(leaders.body.contains("<td>olena</td>"), "{}", leaders.body);
    let me = olena.get("/me").await;
    assert_eq!(me.status, StatusCode::OK);
    assert!(me.body.contains("olena@example.org"));

    let missing = olena.get("/no/such/page").await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    assert!(
        missing
            .header("content-type")
            .unwrap()
            .starts_with("text/html")
    );
    let unknown = olena.get("/type/nope_task/").await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
    assert!(!unknown.body.contains("fixtures"), "{}", unknown.body);
    // Refusals in the page's language, not the core's English.
    assert!(
        unknown.body.contains(Language::Uk.text("not_found")),
        "{}",
        unknown.body
    );
    declarations_only(&app, "olena@example.org").await;
    let closed = olena.get("/type/tagging_task/").await;
    assert_eq!(closed.status, StatusCode::FORBIDDEN);
    assert!(
        closed.body.contains(Language::Uk.text("forbidden")),
        "{}",
        closed.body
    );

    let english = olena
        .app
        .send(
            olena
                .request(Method::GET, "/")
                .header("accept-language", "en-GB,en;q=0.9")
                .body(axum::body::Body::empty())
                .unwrap(),
        )
        .await;
    assert!(english.body.contains("Sign out"), "{}", english.body);
    assert!(olena.get("/").await.body.contains("Вийти"));
}

async fn accounts_work_through_the_forms(app: TestApp) {
    let browser = app.anonymous();
    let form = browser.get("/signup").await;
    assert_eq!(form.status, StatusCode::OK);
    let signed_up = browser
        .post_form(
            "/signup",
            &[
                ("email", "Taras@Example.org"),
                ("password", common::PASSWORD),
                ("name", "Тарас"),
            ],
        )
        .await;
    assert_eq!(
        signed_up.status,
        StatusCode::SEE_OTHER,
        "{}",
        signed_up.body
    );
    let session = signed_up
        .set_cookie("vulyk_session")
        .expect("session cookie");
    let cookie = signed_up.header("set-cookie").unwrap().to_string();
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"),
        "{cookie}"
    );
    // The pages a signed-in browser sees carry the token of its session.
    let taras = Client {
        session: Some(session.clone()),
        token: Some(vulyk_server::csrf::token_for(
            &app.state.csrf_key,
            Some(&session),
            browser.nonce.as_deref().unwrap_or_default(),
        )),
        ..olena_clone(&browser)
    };
    assert!(taras.get("/").await.body.contains("Тарас"));
    let again = browser
        .post_form(
            "/signup",
            &[
                ("email", "taras@example.org"),
                ("password", common::PASSWORD),
            ],
        )
        .await;
    assert_eq!(again.status, StatusCode::CONFLICT);
    // In the page's language, not the core's words for operators.
    assert!(
        again.body.contains("Ця адреса вже зареєстрована") && !again.body.contains('`'),
        "{}",
        again.body
    );
    let short = browser
        .post_form(
            "/signup",
            &[("email", "short@example.org"), ("password", "short")],
        )
        .await;
    assert_eq!(short.status, StatusCode::BAD_REQUEST);
    assert!(
        short.body.contains("не коротшим за 8 символів"),
        "{}",
        short.body
    );

    let out = taras.post_form("/logout", &[]).await;
    assert_eq!(out.status, StatusCode::SEE_OTHER);
    assert_eq!(out.set_cookie("vulyk_session").as_deref(), Some(""));
    assert_eq!(app.vulyk().session_user(&session).await.unwrap(), None);

    let wrong = browser
        .post_form(
            "/signin",
            &[
                ("login", "taras@example.org"),
                ("password", "wrong password"),
            ],
        )
        .await;
    assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
    assert!(
        wrong.body.contains("Неправильна адреса пошти або пароль."),
        "{}",
        wrong.body
    );
    let right = browser
        .post_form(
            "/signin",
            &[
                ("login", "taras@example.org"),
                ("password", common::PASSWORD),
                ("next", "/type/tagging_task/"),
            ],
        )
        .await;
    assert_eq!(right.status, StatusCode::SEE_OTHER, "{}", right.body);
    assert_eq!(right.header("location"), Some("/type/tagging_task/"));
    let elsewhere = browser
        .post_form(
            "/signin",
            &[
                ("login", "taras@example.org"),
                ("password", common::PASSWORD),
                ("next", "//evil.example/"),
            ],
        )
        .await;
    assert_eq!(elsewhere.header("location"), Some("/"));

    // Sign-in forms need the CSRF token too (else another site could sign a victim in).
    let no_token = Client {
        token: None,
        ..olena_clone(&browser)
    };
    let refused = no_token
        .post_form(
            "/signin",
            &[
                ("login", "taras@example.org"),
                ("password", common::PASSWORD),
            ],
        )
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);

    for _ in 0..vulyk_core::service::MAX_ATTEMPTS_PER_ACCOUNT_AND_ADDRESS {
        browser
            .post_form(
                "/signin",
                &[("login", "taras@example.org"), ("password", "wrong")],
            )
            .await;
    }
    let throttled = browser
        .post_form(
            "/signin",
            &[
                ("login", "taras@example.org"),
                ("password", common::PASSWORD),
            ],
        )
        .await;
    assert_eq!(
        throttled.status,
        StatusCode::TOO_MANY_REQUESTS,
        "{}",
        throttled.body
    );
    assert!(throttled.header("retry-after").is_some());

    // A page that needs sign-in sends the browser to the form and back.
    let redirect = browser.get("/type/tagging_task/").await;
    assert_eq!(redirect.status, StatusCode::SEE_OTHER);
    assert_eq!(
        redirect.header("location"),
        Some("/signin?next=/type/tagging_task/")
    );
}

/// A plugin written for the original Vulyk gets the original's page — its element ids,
/// jQuery, the bridge — and the policy widened only as far as its plugin.toml declares;
/// every other plugin keeps the strict one.
#[tokio::test]
async fn a_plugin_of_the_originals_kind_gets_its_page_and_only_its_own_wider_policy() {
    let app = common::TestApp::original_plugins().await;
    let (_, volunteer) = app.volunteer("olha@example.org").await;
    let page = volunteer.get("/type/review_task/").await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    for part in [
        r#"id="current_task" data-type="review_task""#,
        r#"id="save-button""#,
        r#"id="skip-button""#,
        r#"id="user-stats""#,
        r#"<script src="/static/jquery-3.7.1.min.js"></script>"#,
        r#"<script src="/static/original-protocol.js"></script>"#,
        r#"<script id="review_template" type="text/x-handlebars-template">"#,
        "{{#if source}}",
    ] {
        assert!(page.body.contains(part), "{part} missing:\n{}", page.body);
    }
    let policy = page.header("content-security-policy").unwrap_or_default();
    assert!(
        policy.starts_with("default-src 'self';")
            && policy.ends_with("; script-src 'self' 'unsafe-eval'"),
        "{policy}"
    );
    let jquery = volunteer.get("/static/jquery-3.7.1.min.js").await;
    assert_eq!(jquery.status, StatusCode::OK);
    assert!(jquery.body.starts_with("/*! jQuery v3.7.1"));

    let strict = common::TestApp::sqlite().await;
    let (_, volunteer) = strict.volunteer("ivan@example.org").await;
    let page = volunteer.get("/type/tagging_task/").await;
    let policy = page.header("content-security-policy").unwrap_or_default();
    assert!(
        !policy.contains("unsafe-eval") && !policy.contains("script-src"),
        "{policy}"
    );
    assert!(!page.body.contains("jquery"), "{}", page.body);
}
